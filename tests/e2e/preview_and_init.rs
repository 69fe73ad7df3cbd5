//! Issue 19: the preview labels drafts and scheduled articles (over real HTTP from
//! `tuyenvan serve`; a build never does), `serve` at `/` leads to the base path, `init`
//! makes a site that builds and checks clean, `new` writes a draft, and `check` warns about
//! the usual first-week mistakes.

use crate::support as common;

use common::{Server, TestSite, BIN};
use std::process::{Command, Output};

/// A site under a base path with a published article, a draft and a scheduled article.
fn site() -> TestSite {
    let site = TestSite::with_config(
        "title: Thông tin tuyên vận\nbase_url: https://tinh.gov.vn/tuyen-van/\n",
    );
    let front = "category: Dân vận\nauthor: Hồng Hải";
    site.article(
        "content/2023/da-dang.md",
        &format!("title: Bài đã đăng\ndate: 2023-06-01 08:00\n{front}"),
        "Sapo.\n\nThân bài.\n",
    );
    site.article(
        "content/2023/nhap.md",
        &format!("title: Bài còn nháp\ndate: 2023-06-02 08:00\ndraft: true\n{front}"),
        "Nháp.\n",
    );
    site.article(
        "content/2099/hen-gio.md",
        &format!("title: Bài hẹn giờ\ndate: 2099-01-02 07:30\n{front}"),
        "Sau này.\n",
    );
    site
}

#[test]
fn serve_labels_drafts_and_scheduled_articles_and_a_build_never_does() {
    let site = site();
    let (server, _) = Server::start(&site, 0);
    let (status, draft) = server.text("/tuyen-van/2023/06/bai-con-nhap/");
    assert_eq!(status, 200);
    assert!(
        draft.contains("<p class=\"preview-label preview-label--page\">Bản nháp</p>"),
        "{draft}"
    );
    let (_, scheduled) = server.text("/tuyen-van/2099/01/bai-hen-gio/");
    assert!(
        scheduled.contains(">Hẹn giờ đăng 02/01/2099 07:30</p>"),
        "{scheduled}"
    );
    let (_, published) = server.text("/tuyen-van/2023/06/bai-da-dang/");
    assert!(
        !published.contains("preview-label--page"),
        "a published article has no label"
    );
    // In lists too: the home page and "Tin mới nhất" show both labels.
    let (_, home) = server.text("/tuyen-van/");
    assert!(
        home.contains("<span class=\"preview-label\">Bản nháp</span>"),
        "{home}"
    );
    assert!(home.contains("<span class=\"preview-label\">Hẹn giờ đăng 02/01/2099 07:30</span>"));
    // The domain root leads to the base path.
    let (status, head, _) = server.get("/");
    assert_eq!(status, 302, "{head}");
    assert!(head.contains("location: /tuyen-van/"), "{head}");
    drop(server);

    // A build, even one publishing drafts and scheduled articles, carries no label.
    site.build(&["--drafts", "--future"]);
    for rel in [
        "index.html",
        "2023/06/bai-con-nhap/index.html",
        "2099/01/bai-hen-gio/index.html",
    ] {
        let html = site.read(rel);
        assert!(!html.contains("Bản nháp</"), "{rel}");
        assert!(!html.contains("Hẹn giờ đăng"), "{rel}");
    }
}

fn run(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        // English, as the harness's runs: the messages do not depend on the machine's locale.
        .env("TUYENVAN_LANG", "en")
        .output()
        .expect("run tuyenvan")
}

fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn init_makes_a_site_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "trang-moi"]);
    assert!(out.status.success(), "{}", text(&out));
    let root = dir.path().join("trang-moi");
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    for key in [
        "title:",
        "base_url:",
        "description:",
        "language:",
        "timezone:",
        "theme:",
        "paginate:",
        "permalinks:",
        "menu:",
        "publisher:",
        "authors:",
        "extra:",
        "images:",
    ] {
        assert!(yaml.contains(&format!("\n{key}")), "site.yaml lacks {key}");
    }
    assert!(yaml.contains("# Tên trang"), "commented in Vietnamese");
    let root_arg = root.to_string_lossy().into_owned();
    // Clean but for the publisher's placeholders, which `check` asks the editor to fill in.
    let check = run(dir.path(), &["check", "--root", &root_arg]);
    assert!(check.status.success(), "{}", text(&check));
    let warnings = String::from_utf8_lossy(&check.stderr);
    assert!(warnings.contains("site.yaml:"), "{warnings}");
    assert!(
        warnings.contains("`owner`") && warnings.contains("`responsible`"),
        "{warnings}"
    );
    let filled = yaml
        .replace(
            "[Tên cơ quan chủ quản, ví dụ: Huyện ủy Phù Vân]",
            "Huyện ủy Phù Vân",
        )
        .replace(
            "[Họ tên, chức vụ người chịu trách nhiệm nội dung]",
            "Trưởng Ban Tuyên giáo và Dân vận",
        );
    std::fs::write(root.join("site.yaml"), filled).unwrap();
    let check = run(dir.path(), &["check", "--strict", "--root", &root_arg]);
    assert!(check.status.success(), "{}", text(&check));
    let build = run(dir.path(), &["build", "--root", &root_arg]);
    assert!(build.status.success(), "{}", text(&build));
    let public = root.join("public");
    assert!(public.join("gioi-thieu/index.html").exists());
    let home = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(home.contains("Chào mừng đến với trang Thông tin tuyên vận"));
    let photos: Vec<_> = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("anh."))
        .collect();
    assert!(
        photos.len() > 2,
        "the sample photo and its copies: {photos:?}"
    );
    // No staging folder is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["trang-moi"]);
}

#[test]
fn init_never_writes_into_a_site() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("site.yaml"), "title: Cũ\n").unwrap();
    let out = run(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("already holds a site"),
        "{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("site.yaml")).unwrap(),
        "title: Cũ\n"
    );
    let entries = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(entries, 1, "nothing else was written");

    // A folder with a content/ of its own is not overwritten either.
    let other = tempfile::tempdir().unwrap();
    std::fs::create_dir(other.path().join("content")).unwrap();
    let out = run(other.path(), &["init", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(!other.path().join("site.yaml").exists());

    // An empty existing folder is fine.
    let empty = tempfile::tempdir().unwrap();
    let out = run(empty.path(), &["init"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(empty.path().join("site.yaml").exists());
    assert!(empty.path().join("content/gioi-thieu.md").exists());
}

#[test]
fn new_writes_a_draft_and_says_how_to_publish() {
    let site = TestSite::new();
    let out = site.run(&["new", "Hội nghị dân vận"]);
    assert!(out.status.success(), "{}", text(&out));
    let rel = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let written = std::fs::read_to_string(&rel).unwrap();
    assert!(written.contains("\ndraft: true"), "{written}");
    assert!(text(&out).contains("draft: false"), "{}", text(&out));
    // Not published by a build until the editor says so.
    site.build(&[]);
    assert!(!site.read("index.html").contains("Hội nghị dân vận"));
}

/// The warnings of `check` on one site, as printed.
fn check_output(site: &TestSite) -> String {
    let out = site.run(&["check", "--strict"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    text(&out)
}

#[test]
fn check_warns_about_first_week_mistakes() {
    let site = TestSite::new();
    let front = "date: 2023-06-01\ncategory: Dân vận\nauthor: Hồng Hải";
    site.article(
        "content/a.md",
        &format!("title: Hội nghị tổng kết\n{front}\ntags: nghị quyết, chi bộ"),
        "Thân bài.\n",
    );
    site.article(
        "content/b.md",
        &format!("title: Hội nghị tổng kết\n{front}"),
        "Thân bài khác.\n",
    );
    site.article(
        "content/c.md",
        &format!("title: “Bài trống”\n{front}"),
        "\n",
    );
    let out = check_output(&site);
    // Tags without brackets: one tag holding a comma, and the list to write instead.
    assert!(out.contains("content/a.md:6:7"), "{out}");
    assert!(out.contains("tags: [nghị quyết, chi bộ]"), "{out}");
    // The same title twice, named on the second file with the first one.
    assert!(out.contains("content/b.md:2:8"), "{out}");
    assert!(out.contains("two articles with one title"), "{out}");
    // An empty body, at the closing `---`.
    assert!(out.contains("content/c.md:6:1"), "{out}");
    assert!(out.contains("the article has no text"), "{out}");
    // Curly quotes, with the line rewritten.
    assert!(out.contains("content/c.md:2:8"), "{out}");
    assert!(out.contains("title: \"Bài trống\""), "{out}");
}
