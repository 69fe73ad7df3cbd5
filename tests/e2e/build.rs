//! End-to-end tests of `tuyenvan build` (issue 2): the real binary on fixture sites, with
//! assertions on the published files.

use crate::support as common;

use common::{snapshot, TestSite};
use std::fs;
use unicode_normalization::UnicodeNormalization;

const ARTICLE: &str = "2023/06/hoi-nghi-tong-ket-cong-tac-tuyen-van-nam-2023/";

#[test]
fn publishes_every_page_at_its_path() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    for path in [
        "index.html",
        &format!("{ARTICLE}index.html"),
        "2023/05/quyet-dinh-1327-qd-tu/index.html",
        "2022/03/hoc-tap-va-lam-theo-tu-tuong-dao-duc-phong-cach-ho-chi-minh/index.html",
        "gioi-thieu/index.html",
        "chuyen-muc/index.html",
        "chuyen-muc/dan-van/index.html",
        "tac-gia/hong-hai/index.html",
        "the/tinh-uy/index.html",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "tim-kiem/index.html",
        "css/style.css",
        "tai-lieu/huong-dan.pdf",
    ] {
        assert!(site.exists(path), "{path} missing");
    }
    assert!(
        !site.exists(".an.md") && !site.exists(".an/index.html"),
        "hidden files are ignored"
    );
}

#[test]
fn bundle_files_are_published_beside_the_page() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let original = fs::read(site.path("content/2023/hoi-nghi-tong-ket/anh.jpg")).unwrap();
    assert_eq!(
        fs::read(site.public().join(format!("{ARTICLE}anh.jpg"))).unwrap(),
        original
    );
    let html = site.read(&format!("{ARTICLE}index.html"));
    assert!(
        html.contains(&format!("src=\"/{ARTICLE}anh-2.200w.jpg\"")),
        "{html}"
    );
}

#[test]
fn article_page_shows_what_portals_show() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let html = site.read(&format!("{ARTICLE}index.html"));
    for expected in [
        "Hội nghị tổng kết công tác tuyên vận năm 2023",
        "Thứ Hai, 12/06/2023 22:05",
        "Laocai.gov.vn",
        "Sáng 12/6, Ban Dân vận Tỉnh ủy tổ chức hội nghị",
        "Toàn cảnh hội nghị",
        "href=\"/tac-gia/hong-hai/\"",
        "href=\"/chuyen-muc/dan-van/\"",
        "href=\"/chuyen-muc/tuyen-giao/\"",
        "Trung tâm VH, TT - TT thị xã",
    ] {
        assert!(html.contains(expected), "article page lacks {expected:?}");
    }
    // The sapo is shown once, not repeated at the top of the body.
    assert_eq!(
        html.matches("<p>Sáng 12/6").count(),
        0,
        "sapo repeated in body"
    );
}

#[test]
fn date_only_articles_show_no_time() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let html = site.read("2023/05/quyet-dinh-1327-qd-tu/index.html");
    assert!(html.contains("Thứ Năm, 04/05/2023<"), "date without time");
}

#[test]
fn lone_images_become_figures_and_indented_text_stays_a_paragraph() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let html = site.read(&format!("{ARTICLE}index.html"));
    assert!(html.contains("<figure>\n<picture><source type=\"image/webp\" srcset=\"/2023/06/hoi-nghi-tong-ket-cong-tac-tuyen-van-nam-2023/anh-2.200w.webp 200w\""), "{html}");
    assert!(html.contains("<img src=\"/2023/06/hoi-nghi-tong-ket-cong-tac-tuyen-van-nam-2023/anh-2.200w.jpg\" srcset=\"/2023/06/hoi-nghi-tong-ket-cong-tac-tuyen-van-nam-2023/anh-2.200w.jpg 200w\" sizes=\"(min-width: 50em) 46rem, 100vw\" width=\"200\" height=\"120\" alt=\"Đại biểu dự hội nghị\""), "{html}");
    assert!(html.contains("<figcaption>Các đại biểu dự hội nghị</figcaption>"));
    assert!(html.contains("<p>Đoạn văn dán từ Word bị thụt lề vẫn là một đoạn văn.</p>"));
    assert!(!html.contains("<pre><code>Đoạn"));
}

#[test]
fn links_are_rebased_under_the_base_path() {
    let site = TestSite::fixture("basic");
    site.build(&["--base-url", "https://x.gov.vn/thong-tin-tuyen-van/"]);
    let html = site.read(&format!("{ARTICLE}index.html"));
    assert!(
        html.contains("href=\"/thong-tin-tuyen-van/2023/05/quyet-dinh-1327-qd-tu/\""),
        "{html}"
    );
    assert!(html.contains("href=\"/thong-tin-tuyen-van/gioi-thieu/\""));
    assert!(html.contains(&format!(
        "src=\"/thong-tin-tuyen-van/{ARTICLE}anh-2.200w.jpg\""
    )));
    assert!(html.contains("href=\"/thong-tin-tuyen-van/css/style.css\""));
    let broken = common::broken_links(&site.public(), "https://x.gov.vn/thong-tin-tuyen-van/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn nfd_and_crlf_and_bom_input_publish_as_nfc() {
    let site = TestSite::new();
    let title: String = "Đảng bộ xã Nà Khương tuyên truyền".nfd().collect();
    let body: String = "Nội dung tiếng Việt đầy đủ dấu.".nfd().collect();
    site.write(
        "content/a.md",
        &format!(
            "\u{feff}---\r\ntitle: {title}\r\ndate: 12/6/2023\r\ncategory: {}\r\n---\r\n{body}\r\n",
            "Dân vận".nfd().collect::<String>()
        ),
    );
    site.build(&[]);
    for (rel, bytes) in snapshot(&site.public()) {
        if rel.ends_with(".html") || rel.ends_with(".xml") {
            let text = String::from_utf8(bytes).unwrap();
            let nfc: String = text.nfc().collect();
            assert!(text == nfc, "{rel} is not NFC");
        }
    }
    let html = site.read("2023/06/dang-bo-xa-na-khuong-tuyen-truyen/index.html");
    assert!(html.contains("Đảng bộ xã Nà Khương tuyên truyền"));
    assert!(site.exists("chuyen-muc/dan-van/index.html"));
}

#[test]
fn drafts_and_future_articles_are_held_back_until_asked() {
    let site = TestSite::fixture("basic");
    let out = site.build(&[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("content/2021/nhap.md") && stderr.contains("content/2099/tuong-lai.md"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 held back"));
    assert!(!site.exists("2021/01/bai-nhap-ve-xay-dung-dang/index.html"));
    assert!(!site.exists("2099/01/bai-hen-gio/index.html"));
    assert!(
        !site.exists("chuyen-muc/xay-dung-dang/index.html"),
        "a category with only drafts has no page"
    );

    site.build(&["--drafts"]);
    assert!(site.exists("2021/01/bai-nhap-ve-xay-dung-dang/index.html"));
    assert!(site.exists("chuyen-muc/xay-dung-dang/index.html"));
    assert!(!site.exists("2099/01/bai-hen-gio/index.html"));

    site.build(&["--future"]);
    assert!(site.exists("2099/01/bai-hen-gio/index.html"));
    assert!(
        !site.exists("2021/01/bai-nhap-ve-xay-dung-dang/index.html"),
        "no stale files"
    );
}

#[test]
fn colliding_urls_are_rejected_naming_both_files() {
    let site = TestSite::new();
    site.article(
        "content/a.md",
        "title: Hội nghị tổng kết\ndate: 2023-06-01",
        "A",
    );
    site.article(
        "content/b.md",
        "title: Hội nghị Tổng kết\ndate: 2023-06-20",
        "B",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/a.md") && stderr.contains("content/b.md"),
        "{stderr}"
    );
    assert!(stderr.contains("2023/06/hoi-nghi-tong-ket"), "{stderr}");
    assert!(!site.public().exists());
}

#[test]
fn an_alias_on_a_real_page_is_rejected() {
    let site = TestSite::new();
    site.article(
        "content/a.md",
        "title: Giới thiệu\ndate: 2023-06-01\nkind: page",
        "A",
    );
    site.article(
        "content/b.md",
        "title: B\ndate: 2023-06-20\naliases: [/gioi-thieu/]",
        "B",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/a.md") && stderr.contains("content/b.md"),
        "{stderr}"
    );
}

#[test]
fn a_broken_article_leaves_the_previous_output_intact() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let before = snapshot(&site.public());
    let mtime = fs::metadata(site.public().join("index.html"))
        .unwrap()
        .modified()
        .unwrap();
    site.article(
        "content/2023/hong.md",
        "title: Bài lỗi\ndate: 31/02/2023\ncatgory: Dân vận",
        "x",
    );
    site.article(
        "content/2023/hong-2.md",
        "title: \"Thiếu ngoặc\ndate: 2023-01-01",
        "x",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("content/2023/hong.md:3:"), "{stderr}");
    assert!(stderr.contains("did you mean `category`?"), "{stderr}");
    assert!(stderr.contains("content/2023/hong.md:4:1"), "{stderr}");
    assert!(
        stderr.contains("content/2023/hong-2.md"),
        "every broken file is reported: {stderr}"
    );
    assert_eq!(snapshot(&site.public()), before, "public/ changed");
    assert_eq!(
        fs::metadata(site.public().join("index.html"))
            .unwrap()
            .modified()
            .unwrap(),
        mtime
    );
    let leftovers: Vec<_> = fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".tuyenvan-stage") || name.starts_with(".tuyenvan-old")
        })
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind");
}

#[test]
fn an_unchanged_rebuild_rewrites_nothing() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let mtimes: Vec<_> = snapshot(&site.public())
        .keys()
        .map(|rel| {
            fs::metadata(site.public().join(rel))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let out = site.build(&[]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("(0 written"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let after: Vec<_> = snapshot(&site.public())
        .keys()
        .map(|rel| {
            fs::metadata(site.public().join(rel))
                .unwrap()
                .modified()
                .unwrap()
        })
        .collect();
    assert_eq!(mtimes, after);
}

#[test]
fn a_removed_article_leaves_no_stale_page() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    fs::remove_file(site.path("content/2023/quyet-dinh.md")).unwrap();
    site.build(&[]);
    assert!(!site.exists("2023/05/quyet-dinh-1327-qd-tu/index.html"));
    assert!(!site.exists("tac-gia/do-phuong/index.html"));
}

#[test]
fn a_theme_on_disk_overrides_file_by_file() {
    let site = TestSite::fixture("basic");
    site.write("themes/default/templates/page.html", "{% extends \"base.html\" %}{% block content %}<h1 class=\"rieng\">{{ article.title }}</h1>{% endblock content %}");
    site.write("themes/default/static/css/them.css", "body{}");
    site.build(&[]);
    assert!(site
        .read("gioi-thieu/index.html")
        .contains("<h1 class=\"rieng\">Giới thiệu</h1>"));
    assert!(
        site.read(&format!("{ARTICLE}index.html"))
            .contains("Hội nghị tổng kết"),
        "other templates fall back to the built-in ones"
    );
    assert!(site.exists("css/them.css") && site.exists("css/style.css"));
}

#[test]
fn a_folder_with_only_config_and_content_builds() {
    let site = TestSite::new();
    site.article(
        "content/a.md",
        "title: Một bài\ndate: 2023-01-01",
        "Nội dung.",
    );
    site.build(&[]);
    assert!(site.read("index.html").contains("Một bài"));
    assert!(site.exists("css/style.css"));
}

#[test]
fn output_flag_and_unknown_theme() {
    let site = TestSite::new();
    site.article(
        "content/a.md",
        "title: Một bài\ndate: 2023-01-01",
        "Nội dung.",
    );
    let out_dir = site.path("dist/www");
    site.build(&["--output", out_dir.to_str().unwrap()]);
    assert!(out_dir.join("index.html").exists());
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.gov.vn/\ntheme: khong-co\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("theme `khong-co` not found"), "{stderr}");
}

#[test]
fn refuses_to_replace_a_source_folder() {
    let site = TestSite::new();
    site.article(
        "content/a.md",
        "title: Một bài\ndate: 2023-01-01",
        "Nội dung.",
    );
    let stderr = site.build_fails(&["--output", site.path("content").to_str().unwrap()]);
    assert!(stderr.contains("refusing"), "{stderr}");
    assert!(site.path("content/a.md").exists());
}

#[test]
fn usage_errors_exit_2_and_site_errors_exit_1() {
    let site = TestSite::new();
    assert_eq!(
        site.run(&["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    let empty = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(common::BIN)
        .args(["build", "--root"])
        .arg(empty.path())
        .env("TUYENVAN_LANG", "en")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no site.yaml"));
}

#[test]
fn malformed_input_never_panics() {
    let site = TestSite::new();
    let cases: &[&[u8]] = &[
        b"",
        b"---",
        b"---\n---\n",
        b"---\n: :\n---\n",
        b"---\ntitle: [\n---\n",
        b"---\ntitle: a\ndate: 2023-01-01\nextra: {1: 2}\n---\n",
        b"---\ntitle: a\ndate: 2023-01-01\n---\n![](\n[x]: <>\n| a |\n|-|\n",
        b"\xff\xfe\x00garbage",
        b"---\ntitle: !!binary AAAA\ndate: 1/1/1\n---\n",
        b"---\ntitle: a\ndate: 2023-01-01\nslug: \"///\"\n---\n",
    ];
    for (i, case) in cases.iter().enumerate() {
        site.write_bytes(&format!("content/c{i}.md"), case);
    }
    let out = site.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    for i in [0, 1, 2, 3, 4, 7, 8, 9] {
        assert!(
            stderr.contains(&format!("content/c{i}.md")),
            "c{i} not reported: {stderr}"
        );
    }
}

#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let site = TestSite::new();
    let body = "Đoạn văn về công tác tuyên vận ở cơ sở. ".repeat(100);
    for i in 0..200 {
        site.article(
            &format!("content/2023/bai-{i}.md"),
            &format!(
                "title: Bài {i}\ndate: 2023-01-01 08:{:02}\ncategory: Dân vận {}",
                i % 60,
                i % 7
            ),
            &body,
        );
    }
    site.build(&[]);
    let before = snapshot(&site.public());
    site.article(
        "content/2023/moi.md",
        "title: Bài mới\ndate: 2023-02-01",
        "Mới.",
    );
    let mut killed = Vec::new();
    for delay_ms in [5u64, 40, 120, 300] {
        let mut child = std::process::Command::new(common::BIN)
            .args(["build", "--root"])
            .arg(site.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            break; // It finished before the kill.
        }
        killed.push((delay_ms, snapshot(&site.public())));
    }
    // The next build still works and cleans up.
    site.build(&[]);
    let after = snapshot(&site.public());
    assert!(after.contains_key("2023/02/bai-moi/index.html"));
    // A kill leaves the old output or, once the new one was swapped in (the build record
    // and the address book are written after), the whole new one: never a mix.
    for (delay_ms, now) in killed {
        assert!(
            now == before || now == after,
            "killed after {delay_ms} ms: public/ is neither the old output nor the new one"
        );
    }
}

#[test]
fn an_unchanged_site_is_skipped_but_every_kind_of_change_is_seen() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let index = site.read("index.html");
    // Skipped, not rebuilt with every file unchanged: the profile shows only the sources
    // read, so the record written by the first build matched its output exactly.
    let out = std::process::Command::new(common::BIN)
        .args(["build", "--root"])
        .arg(site.root())
        .env("TUYENVAN_LANG", "en")
        .env("TUYENVAN_PROFILE", "1")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("(0 written"));
    let stages = String::from_utf8_lossy(&out.stderr);
    assert!(stages.contains("stage load"), "{stages}");
    assert!(!stages.contains("stage render"), "{stages}");
    // A hand edit of the output is undone.
    fs::write(site.public().join("index.html"), "sửa tay").unwrap();
    site.build(&[]);
    assert_eq!(site.read("index.html"), index);
    // A deleted output file comes back.
    fs::remove_file(site.public().join("robots.txt")).unwrap();
    site.build(&[]);
    assert!(site.exists("robots.txt"));
    // An edited article, a replaced photo, a new template and new flags are all seen.
    site.article(
        "content/2023/quyet-dinh.md",
        "title: Quyết định mới\ndate: 2023-05-04\nslug: quyet-dinh-1327-qd-tu",
        "Nội dung mới.",
    );
    site.build(&[]);
    assert!(site
        .read("2023/05/quyet-dinh-1327-qd-tu/index.html")
        .contains("Quyết định mới"));
    let other_photo = fs::read(site.path("content/2023/hoi-nghi-tong-ket/anh-2.jpg")).unwrap();
    site.write_bytes("content/2023/hoi-nghi-tong-ket/anh.jpg", &other_photo);
    site.build(&[]);
    assert_eq!(
        fs::read(site.public().join(format!("{ARTICLE}anh.jpg"))).unwrap(),
        other_photo
    );
    site.write("themes/default/templates/404.html", "{% extends \"base.html\" %}{% block content %}<p>Trang riêng 404</p>{% endblock content %}");
    site.build(&[]);
    assert!(site.read("404.html").contains("Trang riêng 404"));
    site.build(&["--drafts"]);
    assert!(site.exists("2021/01/bai-nhap-ve-xay-dung-dang/index.html"));
}

/// A first build reads each text in the thread that parses it; a build with a record reads
/// them all first, to compare. Both must stop on a file that is not UTF-8, at its place,
/// and leave what was published before.
#[test]
fn a_source_not_in_utf8_stops_a_first_build_and_a_rebuild_at_its_place() {
    let site = TestSite::new();
    site.article("content/a.md", "title: Bài đúng\ndate: 2023-01-01", "Đúng.");
    // Windows-1258 bytes where UTF-8 was expected: "Tuyên" typed in an old encoding.
    let legacy = b"---\ntitle: Bai cu\ndate: 2023-01-02\n---\nTuy\xean truy\xean.\n";
    site.write_bytes("content/cu.md", legacy);
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("not UTF-8"), "{stderr}");
    assert!(stderr.contains("content/cu.md:5:4"), "{stderr}");
    assert!(
        !site.public().exists(),
        "no output from a failed first build"
    );

    site.article(
        "content/cu.md",
        "title: Bài cũ\ndate: 2023-01-02",
        "Tuyên truyền.",
    );
    site.build(&[]);
    let home = site.read("index.html");
    assert!(home.contains("Bài cũ"));

    site.write_bytes("content/cu.md", legacy);
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("content/cu.md:5:4"), "{stderr}");
    assert_eq!(site.read("index.html"), home, "the published site is kept");
}

#[test]
fn a_scheduled_article_is_published_once_due_even_with_nothing_else_changed() {
    let site = TestSite::new();
    site.article("content/a.md", "title: Bài cũ\ndate: 2023-01-01", "Cũ.");
    let due = chrono::Utc::now() + chrono::Duration::seconds(3);
    site.article(
        "content/b.md",
        &format!("title: Bài hẹn giờ\ndate: {}", due.to_rfc3339()),
        "Hẹn giờ.",
    );
    site.build(&[]);
    let path = format!(
        "{}/bai-hen-gio/index.html",
        due.with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
            .format("%Y/%m")
    );
    assert!(!site.exists(&path));
    std::thread::sleep(std::time::Duration::from_millis(3500));
    site.build(&[]);
    assert!(site.exists(&path), "due article published");
}

/// The sample site in the repository is the example editors copy: it checks clean, warnings
/// included (`--strict`), in the default language.
#[test]
fn the_sample_site_checks_clean_with_strict() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(common::BIN)
        .args(["check", "--strict", "--root"])
        .arg(root)
        .env_remove("TUYENVAN_LANG")
        .output()
        .expect("run tuyenvan check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        !stderr.contains("cảnh báo") && !stderr.contains("warning"),
        "{stderr}"
    );
}

#[test]
fn the_parsed_theme_is_kept_between_builds_and_parsed_again_when_anything_changes() {
    let site = TestSite::fixture("basic");
    let kept = site.path(".tuyenvan-cache/theme.json");
    // `check` keeps nothing.
    assert!(site.run(&["check"]).status.code().is_some());
    assert!(!kept.exists());
    site.build(&[]);
    let first = snapshot(&site.public());
    let json = fs::read_to_string(&kept).expect("the first build keeps its parsed templates");
    // Read back by the next build (into an emptied folder): the same output, byte for byte.
    fs::remove_dir_all(site.public()).unwrap();
    site.build(&[]);
    assert_eq!(snapshot(&site.public()), first);
    // The next build takes the templates from the file, not from the theme: a mark put into
    // the kept text of base.html shows on the page.
    assert_eq!(json.matches("</main>").count(), 1);
    fs::write(&kept, json.replace("</main>", "</main><!--giu-lai-->")).unwrap();
    fs::remove_dir_all(site.public()).unwrap();
    site.build(&[]);
    assert!(site.read("index.html").contains("</main><!--giu-lai-->"));
    // A template of the site's own theme changes the key: parsed again, and kept again.
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>Trang riêng 404</p>{% endblock content %}",
    );
    site.build(&[]);
    assert!(site.read("404.html").contains("Trang riêng 404"));
    assert!(!site.read("index.html").contains("giu-lai"));
    assert!(!fs::read_to_string(&kept).unwrap().contains("giu-lai"));
    assert!(fs::read_to_string(&kept)
        .unwrap()
        .contains("Trang riêng 404"));
    // A damaged file is parsed again and written whole; the output is as the first build's
    // but for the site's own 404 page.
    fs::remove_file(site.path("themes/default/templates/404.html")).unwrap();
    fs::write(&kept, "{\"key\":").unwrap();
    fs::remove_dir_all(site.public()).unwrap();
    site.build(&[]);
    assert_eq!(snapshot(&site.public()), first);
    assert!(fs::read_to_string(&kept).unwrap().contains("</main>"));
    // A template that does not parse is reported as before, whatever was kept.
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block content %}{% if %}{% endblock content %}",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("templates/404.html"), "{stderr}");
}
