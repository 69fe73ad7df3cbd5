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

/// Waits until the server serves `expected` byte for byte and none of `gone`, failing after
/// `within` with `context` and what still differs.
pub(crate) fn wait_until_served(
    server: &Server,
    expected: &BTreeMap<String, Vec<u8>>,
    gone: &BTreeSet<String>,
    within: Duration,
    context: &str,
) {
    let deadline = Instant::now() + within;
    loop {
        let wrong = differences(server, expected, gone);
        if wrong.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{context}served differs from a full build: {wrong:#?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
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
    wait_until_served(&server, &after, &gone, Duration::from_secs(30), "");
}

/// Served pages and feeds equal a full build's, once the background pass and the search
/// index have followed.
fn wait_for_full_build(server: &Server, site: &TestSite, gone: &BTreeSet<String>) {
    let expected = full_build(site, server.port);
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let wrong = differences(server, &expected, gone);
        if wrong.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "served differs from a full build: {wrong:#?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// `count` articles over three years, in two categories, with "Tin mới nhất" on every page.
fn many(count: usize) -> TestSite {
    let site = TestSite::with_config(CONFIG);
    for i in 0..count {
        let (category, author) = [("Dân vận", "Hồng Hải"), ("Tuyên giáo", "Đỗ Phương")][i % 2];
        let year = 2020 + i % 3;
        site.write(
            &format!("content/{year}/bai-{i}.md"),
            &article(
                &format!("Bài số {i}"),
                &format!("{year}-{:02}-{:02} 08:00", 1 + i % 12, 1 + i % 28),
                category,
                author,
                &format!("Sapo {i}.\n\nThân bài {i}."),
            ),
        );
    }
    site
}

/// A new article enters "Tin mới nhất" on every page. Its page and the home page are served
/// first, the others follow in the background; a page asked for before the background pass
/// reaches it is rendered for the request: never served with the old list.
#[test]
fn a_new_or_deleted_article_is_never_served_in_a_stale_list() {
    let site = many(150);
    let (server, _) = Server::start(&site, 0);
    // Pages the background pass renders last: the oldest articles, the last listing pages.
    let late = [
        "/tuyen-van/2020/01/bai-so-0/",
        "/tuyen-van/2021/02/bai-so-1/",
        "/tuyen-van/chuyen-muc/dan-van/trang/37/",
        "/tuyen-van/trang/75/",
    ];
    for page in late {
        assert_eq!(server.text(page).0, 200, "{page}");
    }
    let title = "Bài vừa viết xong";
    let own = "/tuyen-van/2024/05/bai-vua-viet-xong/";
    site.write(
        "content/2024/vua-viet.md",
        &article(
            title,
            "2024-05-01 09:00",
            "Xây dựng Đảng",
            "Hồng Hải",
            "Sapo.\n\nThân.",
        ),
    );
    server.wait_for(own, "served", |status, _| status == 200);
    for page in late.iter().chain(&["/tuyen-van/"]) {
        let (status, body) = server.text(page);
        assert!(
            status == 200 && body.contains(title),
            "{page} served without the new article (status {status})"
        );
    }
    let following = server.wait_line("follow in the background");
    let pages: usize = following.split(' ').next().unwrap().parse().unwrap();
    assert!(pages > 200, "{following}");
    server.wait_line("Background pass done");
    wait_for_full_build(&server, &site, &BTreeSet::new());

    std::fs::remove_file(site.path("content/2024/vua-viet.md")).expect("delete");
    server.wait_for(own, "gone", |status, _| status == 404);
    for page in late.iter().chain(&["/tuyen-van/"]) {
        let (status, body) = server.text(page);
        assert!(
            status == 200 && !body.contains(title),
            "{page} still shows the deleted article (status {status})"
        );
    }
    server.wait_line("Background pass done");
    let gone = ["2024/05/bai-vua-viet-xong/index.html".to_string()].into();
    wait_for_full_build(&server, &site, &gone);
}

/// A small deterministic generator for the random bursts (no crate for so little).
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// One random change an editor (or a `git pull`) makes; returns what it did, for the
/// failure message.
fn random_change(site: &TestSite, dice: &mut Dice, round: usize) -> String {
    let i = dice.below(40);
    let rel = format!("content/{}/bai-{i}.md", 2020 + i % 3);
    let exists = site.path(&rel).exists();
    let categories = ["Dân vận", "Tuyên giáo", "Xây dựng Đảng"];
    let (category, author) = (
        categories[dice.below(3)],
        ["Hồng Hải", "Đỗ Phương"][dice.below(2)],
    );
    let year = [2020, 2021, 2022, 2025][dice.below(4)];
    let date = format!(
        "{year}-{:02}-{:02} {:02}:00",
        1 + dice.below(12),
        1 + dice.below(28),
        dice.below(24)
    );
    match dice.below(9) {
        0 | 1 if exists => {
            std::fs::remove_file(site.path(&rel)).expect("delete");
            format!("deleted {rel}")
        }
        2 if exists => {
            let text = std::fs::read_to_string(site.path(&rel)).expect("read");
            site.write(
                &rel,
                &text.replace("Thân bài", &format!("Thân bài sửa {round},")),
            );
            format!("body of {rel}")
        }
        3 | 4 => {
            let title = if dice.below(2) == 0 {
                format!("Bài số {i}")
            } else {
                format!("Bài số {i} lần {round}")
            };
            site.write(
                &rel,
                &article(
                    &title,
                    &date,
                    category,
                    author,
                    &format!("Sapo {i}.\n\nThân bài {i}."),
                ),
            );
            format!("{rel}: {title}, {date}, {category}")
        }
        5 => {
            let rel = format!("content/2025/moi-{round}-{i}.md");
            site.write(
                &rel,
                &article(
                    &format!("Bài mới {round} {i}"),
                    &date,
                    category,
                    author,
                    "Sapo.\n\nThân.",
                ),
            );
            format!("new {rel} at {date}")
        }
        6 => {
            let title =
                ["Thông tin tuyên vận", "Bản tin tuyên vận", "Tin tuyên vận"][dice.below(3)];
            let paginate = 2 + dice.below(3);
            site.write(
                "site.yaml",
                &CONFIG
                    .replace("Thông tin tuyên vận", title)
                    .replace("paginate: 2", &format!("paginate: {paginate}")),
            );
            format!("site.yaml: {title}, paginate {paginate}")
        }
        7 => {
            let name = ["index.html", "article.html", "404.html"][dice.below(3)];
            let builtin = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("themes/default/templates")
                    .join(name),
            )
            .expect("built-in template");
            let end = "{% endblock content %}";
            let marked = builtin.replacen(end, &format!("<p>Mẫu sửa lần {round}</p>{end}"), 1);
            site.write(&format!("themes/default/templates/{name}"), &marked);
            format!("template {name}")
        }
        _ => {
            let title = format!("Bài nổi bật {round}");
            site.write(&rel, &format!("---\ntitle: {title}\ndate: {date}\ncategory: {category}\nauthor: {author}\nfeatured: true\n---\nSapo.\n\nThân.\n"));
            format!("{rel}: featured, {date}")
        }
    }
}

/// Bursts of random changes (new, deleted, moved and edited articles, `site.yaml`, templates),
/// the next burst often saved while the background pass of the last one runs: once quiet,
/// the server must serve exactly what a full build publishes. Seeds: `TUYENVAN_BURST_SEEDS`
/// (comma-separated; default 1,2,3).
#[test]
fn random_bursts_serve_what_a_full_build_publishes() {
    let seeds = std::env::var("TUYENVAN_BURST_SEEDS").unwrap_or_else(|_| "1,2,3".into());
    for seed in seeds
        .split(',')
        .map(|s| s.trim().parse::<u64>().expect("seed"))
    {
        let site = many(40);
        let (server, _) = Server::start(&site, 0);
        let before = full_build(&site, server.port);
        let mut dice = Dice(seed);
        let mut done = Vec::new();
        for round in 0..6 {
            for _ in 0..1 + dice.below(4) {
                done.push(random_change(&site, &mut dice, round));
            }
            std::thread::sleep(Duration::from_millis(
                [0, 30, 150, 600][dice.below(4)] as u64,
            ));
        }
        let after = full_build(&site, server.port);
        let gone: BTreeSet<String> = before
            .keys()
            .filter(|rel| !after.contains_key(*rel))
            .cloned()
            .collect();
        let context = format!("seed {seed}: after {done:#?}\n");
        wait_until_served(&server, &after, &gone, Duration::from_secs(60), &context);
    }
}
