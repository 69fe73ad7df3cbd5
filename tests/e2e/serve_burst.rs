//! End-to-end test of `tuyenvan serve` under a burst of changes like a `git pull`: edits,
//! deletions, new and moved articles, `site.yaml` and a template at once; every page and
//! feed served over HTTP must then equal a full `build` of the same sources.

use crate::support as common;

use common::{Server, TestSite, BIN};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// A served page without the live-reload script serve adds to every HTML page.
fn without_reload_script(bytes: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&bytes);
    let Some(start) = text.find("<script data-tuyenvan-reload") else {
        return bytes;
    };
    let end = text[start..].find("</script>\n").expect("script end") + start + 10;
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

fn article(title: &str, date: &str, category: &str, author: &str, body: &str) -> String {
    format!("---\ntitle: {title}\ndate: {date}\ncategory: {category}\nauthor: {author}\ntags: [tin tức]\n---\n{body}\n")
}

const CONFIG: &str = "title: Thông tin tuyên vận\nbase_url: https://tinh.gov.vn/tuyen-van/\ndescription: Tin của tỉnh\npaginate: 2\n";

/// Nine articles in three categories and by three authors, a static page and a bundle with a
/// photo.
fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    for i in 1..=8 {
        let (category, author) = [("Dân vận", "Hồng Hải"), ("Tuyên giáo", "Đỗ Phương")][i % 2];
        site.write(
            &format!("content/2023/bai-{i}.md"),
            &article(
                &format!("Bài số {i}"),
                &format!("2023-06-0{i} 08:00"),
                category,
                author,
                &format!("Sapo {i}.\n\nThân bài {i}."),
            ),
        );
    }
    // Its category's and author's feeds show nothing the burst changes but the site's title.
    site.write(
        "content/2022/kiem-tra.md",
        &article(
            "Kiểm tra",
            "2022-01-01",
            "Kiểm tra",
            "Lò Văn Minh",
            "Sapo.\n\nThân.",
        ),
    );
    site.write(
        "content/gioi-thieu.md",
        "---\ntitle: Giới thiệu\ndate: 2023-01-01\nkind: page\n---\nTrang giới thiệu.\n",
    );
    site.write_bytes("content/2023/co-anh/anh.jpg", &common::photo_bytes());
    site.write(
        "content/2023/co-anh/index.md",
        &article(
            "Bài có ảnh",
            "2023-06-09 09:00",
            "Dân vận",
            "Hồng Hải",
            "Sapo ảnh.\n\n![Quang cảnh](anh.jpg \"Hội nghị\")",
        ),
    );
    site
}

/// What `git pull` might bring at once.
fn burst(site: &TestSite) {
    // Edits: a body, a title (a new address), a date that moves the article.
    site.write(
        "content/2023/bai-1.md",
        &article(
            "Bài số 1",
            "2023-06-01 08:00",
            "Tuyên giáo",
            "Đỗ Phương",
            "Sapo 1.\n\nThân đã sửa.",
        ),
    );
    site.write(
        "content/2023/bai-2.md",
        &article(
            "Bài đổi tên",
            "2023-06-02 08:00",
            "Tuyên giáo",
            "Hồng Hải",
            "Sapo 2.\n\nThân 2.",
        ),
    );
    site.write(
        "content/2023/bai-5.md",
        &article(
            "Bài số 5",
            "2023-06-08 10:00",
            "Tuyên giáo",
            "Hồng Hải",
            "Sapo 5.\n\nThân 5.",
        ),
    );
    // A correction: the article's last change moves in every feed (Atom and JSON) and the
    // sitemap, and its page shows the "Đính chính" box.
    site.write(
        "content/2023/bai-6.md",
        &article(
            "Bài số 6",
            "2023-06-06 08:00",
            "Dân vận",
            "Hồng Hải",
            "Sapo 6.\n\nThân bài 6.",
        )
        .replace(
            "tags: [tin tức]\n",
            "tags: [tin tức]\ncorrections:\n  - date: 07/06/2023 09:00\n    text: Sửa số liệu.\n",
        ),
    );
    // Deletions, a new article in a new folder, a moved one.
    std::fs::remove_file(site.path("content/2023/bai-3.md")).expect("delete");
    site.write(
        "content/2024/moi.md",
        &article(
            "Bài vừa thêm",
            "2024-01-02",
            "Xây dựng Đảng",
            "Hồng Hải",
            "Sapo mới.\n\nThân mới.",
        ),
    );
    std::fs::create_dir_all(site.path("content/luu-tru")).expect("folder");
    std::fs::rename(
        site.path("content/2023/bai-4.md"),
        site.path("content/luu-tru/bai-4.md"),
    )
    .expect("move");
    // The configuration: another title and description, which every page and feed shows.
    site.write(
        "site.yaml",
        &CONFIG
            .replace("Thông tin tuyên vận", "Bản tin tuyên vận")
            .replace("Tin của tỉnh", "Tin mới của tỉnh"),
    );
    // A template of the theme.
    let not_found = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html"),
    )
    .expect("built-in 404.html");
    site.write(
        "themes/default/templates/404.html",
        &not_found.replace("<h1 class=\"page-title\">", "<h1 class=\"page-title\">Ôi! "),
    );
}

/// Every file a full build of the site's sources publishes, as served at `port`.
pub(crate) fn full_build(site: &TestSite, port: u16) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().expect("temp dir");
    let base_url = format!("http://127.0.0.1:{port}/tuyen-van/");
    let status = Command::new(BIN)
        .args([
            "build",
            "--drafts",
            "--future",
            "--base-url",
            &base_url,
            "--root",
        ])
        .arg(site.root())
        .arg("--output")
        .arg(out.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run build");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    common::snapshot(out.path())
}

/// Output paths whose served bytes differ from `expected`, and `gone` paths still served.
pub(crate) fn differences(
    server: &Server,
    expected: &BTreeMap<String, Vec<u8>>,
    gone: &BTreeSet<String>,
) -> Vec<String> {
    let mut wrong = Vec::new();
    for (rel, bytes) in expected {
        let (status, _, body) = server.get(&format!("/tuyen-van/{rel}"));
        if status != 200 || without_reload_script(body) != *bytes {
            wrong.push(format!("{rel} (status {status})"));
        }
    }
    for rel in gone {
        let (status, _, _) = server.get(&format!("/tuyen-van/{rel}"));
        if status != 404 {
            wrong.push(format!("{rel} still served (status {status})"));
        }
    }
    wrong
}

#[test]
fn a_burst_of_changes_serves_what_a_full_build_publishes() {
    let site = site();
    let (server, _) = Server::start(&site, 0);
    let before = full_build(&site, server.port);
    assert!(
        before.contains_key("feed.xml") && before.contains_key("2023/06/bai-co-anh/anh.thumb.jpg")
    );
    burst(&site);
    let after = full_build(&site, server.port);
    let gone: BTreeSet<String> = before
        .keys()
        .filter(|rel| !after.contains_key(*rel))
        .cloned()
        .collect();
    assert!(gone.contains("2023/06/bai-so-3/index.html"), "{gone:?}");
    let feed = String::from_utf8_lossy(&after["chuyen-muc/kiem-tra/feed.xml"]).into_owned();
    assert!(feed.contains("Kiểm tra - Bản tin tuyên vận"), "{feed}");
    let json_feed = String::from_utf8_lossy(&after["feed.json"]).into_owned();
    assert!(json_feed.contains("Sửa số liệu."), "{json_feed}");
    // The server catches up once the burst is read and the search index has followed.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let wrong = differences(&server, &after, &gone);
        if wrong.is_empty() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "served differs from a full build: {wrong:#?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}
