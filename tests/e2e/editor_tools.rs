//! End-to-end tests of the editor tools (issue 7) through the binary: `new`, `check`, and
//! the compiler-style diagnostics, whose rendered text (NO_COLOR) insta compares with
//! tests/e2e/snapshots/*.snap (a difference writes `*.snap.new` for `cargo insta review`).

use crate::support as common;

use common::TestSite;
use std::fs;
use std::process::Output;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Compares `actual` with tests/e2e/snapshots/<name>.snap, the site's temporary folder
/// written as `<root>`. A difference fails the test; outside CI it also writes
/// `<name>.snap.new` for review, in CI (`CI` set) nothing is written.
fn assert_snapshot(name: &str, site: &TestSite, actual: &str) {
    let actual = actual.replace(&site.root().display().to_string(), "<root>");
    let mut settings = insta::Settings::clone_current();
    // The file names stay the snapshot names, without this module's path in front.
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, actual));
}

/// A site with one article of these front matter lines and body.
fn site_with(front: &str, body: &str) -> TestSite {
    let site = TestSite::new();
    site.article("content/2023/bai.md", front, body);
    site
}

const GOOD: &str = "title: Hội nghị\ndate: 12/06/2023 08:30\nauthor: Hồng Hải\ncategory: Dân vận";

/// Runs `check` and asserts its exit status; returns stderr.
fn check(site: &TestSite, args: &[&str], code: i32) -> String {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let out = site.run(&all);
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
    stderr(&out)
}

// ---------------------------------------------------------------------------------------
// new

#[test]
fn new_writes_the_article_and_refuses_to_overwrite() {
    let site = TestSite::new();
    let out = site.run(&[
        "new",
        "Hội nghị: tổng kết \"công tác\" dân vận",
        "--author",
        "Hồng Hải",
        "--category",
        "Dân vận",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let year = chrono::Utc::now()
        .with_timezone(&chrono_tz::Asia::Ho_Chi_Minh)
        .format("%Y")
        .to_string();
    let rel = format!("content/{year}/hoi-nghi-tong-ket-cong-tac-dan-van.md");
    assert!(printed.trim().ends_with(&rel), "{printed}");
    let text = fs::read_to_string(site.path(&rel)).unwrap();
    assert!(
        text.starts_with("---\ntitle: \"Hội nghị: tổng kết \\\"công tác\\\" dân vận\"\ndate: "),
        "{text}"
    );
    assert!(
        text.contains(
            "\nauthor: \"Hồng Hải\"\ncategory: \"Dân vận\"\ntags: []\nsummary: \"\"\n---\n"
        ),
        "{text}"
    );

    // The new article builds as it is.
    site.build(&["--drafts", "--future"]);

    // A second time: nothing is overwritten.
    fs::write(site.path(&rel), "sửa rồi").unwrap();
    let again = site.run(&["new", "Hội nghị: tổng kết \"công tác\" dân vận"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(fs::read_to_string(site.path(&rel)).unwrap(), "sửa rồi");

    // Nor as a bundle of the same name.
    let bundle = site.run(&["new", "Hội nghị: tổng kết \"công tác\" dân vận", "--bundle"]);
    assert_eq!(bundle.status.code(), Some(1), "{}", stderr(&bundle));
}

#[test]
fn new_bundle_and_name_suggestions() {
    let site = TestSite::new();
    site.article("content/2023/a.md", GOOD, "Bài.\n");
    let out = site.run(&[
        "new",
        "Ra quân tình nguyện hè",
        "--bundle",
        "--category",
        "Dan van",
        "--author",
        "Hong Hia",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rel = stdout(&out).trim().to_string();
    assert!(rel.ends_with("/ra-quan-tinh-nguyen-he/index.md"), "{rel}");
    let text = fs::read_to_string(&rel).unwrap();
    assert!(text.contains("category: \"Dân vận\""), "{text}");
    assert!(text.contains("author: \"Hong Hia\""), "{text}");
    let notes = stderr(&out);
    assert!(
        notes.contains("did you mean the existing `Dân vận`?"),
        "{notes}"
    );
    assert!(
        notes.contains("did you mean the existing `Hồng Hải`?"),
        "{notes}"
    );
}

#[test]
fn new_without_site_yaml_fails_cleanly() {
    let site = TestSite::new();
    fs::remove_file(site.path("site.yaml")).unwrap();
    let out = site.run(&["new", "Bài mới"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no site.yaml"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------
// check

#[test]
fn check_passes_a_clean_site_and_writes_nothing() {
    let site = site_with(GOOD, "Sapo.\n\nThân bài [về trang chủ](/).\n");
    let out = site.run(&["check", "--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("no problems found"),
        "{}",
        stdout(&out)
    );
    assert!(!site.public().exists());
}

#[test]
fn check_finds_broken_links_and_missing_images() {
    let site = TestSite::new();
    site.article(
        "content/2023/bai/index.md",
        &format!("{GOOD}\nimage: anh-dai-dien.jpg\nimage_alt: Ảnh"),
        "Sapo.\n\n![Ảnh hội nghị](anh-thieu.jpg)\n\nXem [bài cũ](/2023/06/khong-co/) và [bài khác](../khac.md) và [ngoài](https://x.vn/) và [trang chủ](/) và [ảnh có](anh-co.jpg).\n",
    );
    site.write_bytes("content/2023/bai/anh-co.jpg", &common::photo_bytes());
    let err = check(&site, &[], 1);
    assert!(err.contains("image `anh-thieu.jpg` is missing"), "{err}");
    assert!(err.contains("content/2023/bai/index.md:11:17"), "{err}");
    assert!(err.contains("image `anh-dai-dien.jpg` is missing"), "{err}");
    assert!(
        err.contains("link to `/2023/06/khong-co/` leads nowhere"),
        "{err}"
    );
    assert!(err.contains("link to `../khac.md` leads nowhere"), "{err}");
    assert!(!err.contains("link to `https://x.vn/`"), "{err}");
    assert!(err.contains("not to its .md file"), "{err}");
    assert!(!err.contains("anh-co.jpg` is missing"), "{err}");
    assert!(err.contains("4 errors"), "{err}");
    assert!(!site.public().exists());
}

/// `check` makes the search index only when something names its folder: a link to one of
/// its files is then judged as a build would publish it.
#[test]
fn check_judges_links_into_the_search_index_like_a_build() {
    let site = site_with(
        GOOD,
        "Sapo.\n\nXem [mục lục](/tim-kiem/chi-muc/meta.json) và [tệp](/tim-kiem/chi-muc/d/0.json).\n",
    );
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = site_with(
        GOOD,
        "Sapo.\n\nXem [không có](/tim-kiem/chi-muc/d/99.json).\n",
    );
    let err = check(&site, &[], 1);
    assert!(
        err.contains("link to `/tim-kiem/chi-muc/d/99.json` leads nowhere"),
        "{err}"
    );
}

/// `check` keeps no plain text unless the index is made; when it is, the bodies' words are in
/// it as in a build: a link to a term shard that only the body's words fill is not broken.
#[test]
fn check_indexes_the_bodies_when_the_index_is_linked() {
    let letters = |mut n: usize| {
        let mut word = String::new();
        for _ in 0..5 {
            word.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
        }
        word
    };
    let words: Vec<String> = (0..3000).map(|n| letters(n * 7919)).collect();
    let body = format!(
        "Sapo.\n\nXem [phần chỉ mục](/tim-kiem/chi-muc/t/1.json).\n\n{}\n",
        words.join(" ")
    );
    let site = site_with(GOOD, &body);
    let out = site.run(&["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        site.path("public/tim-kiem/chi-muc/t/1.json").is_file(),
        "the body's words fill a second shard"
    );
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn check_links_to_drafts_are_broken() {
    let site = TestSite::new();
    site.article(
        "content/2023/nhap.md",
        "title: Nháp\ndate: 2023-06-01\ndraft: true\nauthor: A\ncategory: B",
        "Nháp.\n",
    );
    site.article(
        "content/2023/bai.md",
        GOOD,
        "Sapo.\n\nXem [nháp](/2023/06/nhap/) và [trang chủ](/).\n",
    );
    let err = check(&site, &[], 1);
    assert!(
        err.contains("link to `/2023/06/nhap/` leads nowhere"),
        "{err}"
    );
}

#[test]
fn check_warns_and_fails_only_when_strict() {
    let site = TestSite::new();
    let long = "Dài ".repeat(80);
    site.article(
        "content/2023/canh-bao.md",
        &format!("title: Tỉnh ủy họp\ndate: 2023-06-12\nsummary: {long}"),
        "Ban Thường vụ Tỉnh uỷ đã họp, , bàn việc..\n\n![](anh.jpg)\n\nHai\u{a0}\u{a0}\u{a0}dấu cách.\n\nVân vân... và 1.000 người.\n",
    );
    site.write_bytes("content/2023/anh.jpg", &common::photo_bytes());
    let err = check(&site, &[], 0);
    for expected in [
        "`uỷ` here, but `ủy` on line 2",
        "doubled punctuation `, ,`",
        "doubled punctuation `..`",
        "this image has no alt text",
        "a run of no-break spaces",
        "the summary is 319 characters long",
        "this article has no category",
        "this article has no author",
        "8 warnings",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(err.contains("content/2023/canh-bao.md:6:20"), "{err}");
    check(&site, &["--strict"], 1);
    assert_snapshot("warnings", &site, &err);
}

// ---------------------------------------------------------------------------------------
// Diagnostics, as an editor sees them

#[test]
fn snapshot_bad_yaml() {
    let site = site_with(
        "title: Hội nghị: tổng kết công tác\ndate: 2023-06-12",
        "Sapo.\n",
    );
    assert_snapshot("bad_yaml", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_unknown_key() {
    let site = site_with(&format!("{GOOD}\ncatgory: Dân vận"), "Sapo.\n");
    assert_snapshot("unknown_key", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_bad_date() {
    let site = site_with("title: Hội nghị\ndate: 31/02/2023", "Sapo.\n");
    assert_snapshot("bad_date", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_wrong_type() {
    let site = site_with(&format!("{GOOD}\ndraft: có"), "Sapo.\n");
    assert_snapshot("wrong_type", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_author_and_authors() {
    let site = site_with(
        "title: Hội nghị\ndate: 2023-06-12\nauthor: Hồng Hải\nauthors: [Đỗ Phương]",
        "Sapo.\n",
    );
    assert_snapshot("author_and_authors", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_missing_title() {
    let site = site_with("date: 2023-06-12\nauthor: Hồng Hải", "Sapo.\n");
    assert_snapshot("missing_title", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_duplicate_url() {
    let site = site_with(GOOD, "Sapo.\n");
    site.article("content/2023/bai-2.md", GOOD, "Bài khác.\n");
    assert_snapshot("duplicate_url", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_template_error() {
    let site = site_with(GOOD, "Sapo.\n");
    site.write(
        "themes/default/templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }</h1>\n{% endblock content %}\n",
    );
    let err = check(&site, &[], 1);
    assert!(
        err.contains("themes/default/templates/article.html:3:"),
        "{err}"
    );
    assert_snapshot("template_error", &site, &err);
}

#[test]
fn snapshot_missing_site_yaml() {
    let site = site_with(GOOD, "Sapo.\n");
    fs::remove_file(site.path("site.yaml")).unwrap();
    assert_snapshot("missing_site_yaml", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_bad_base_url() {
    let site = TestSite::with_config("title: Thông tin tuyên vận\nbase_url: x.gov.vn/ttv\n");
    assert_snapshot("bad_base_url", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_site_yaml_unknown_key() {
    let site = TestSite::with_config(
        "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\npaginete: 10\n",
    );
    assert_snapshot("site_yaml_unknown_key", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_no_front_matter() {
    let site = TestSite::new();
    site.write("content/2023/bai.md", "Hội nghị tổng kết\n\nSapo.\n");
    assert_snapshot("no_front_matter", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_broken_link() {
    let site = site_with(GOOD, "Sapo.\n\nXem [bài](/2023/06/hoi-ngi/).\n");
    assert_snapshot("broken_link", &site, &check(&site, &[], 1));
}

#[test]
fn snapshot_many_errors_sorted_by_build() {
    // The build prints the same diagnostics, every one of the run, sorted by file and line.
    let site = TestSite::new();
    site.article("content/b.md", "title: B\ndate: 2023-13-01", "");
    site.article(
        "content/a.md",
        "title: A\ndate: 2023-01-01\ntgas: [x]\ndraft: 2",
        "",
    );
    let err = site.build_fails(&[]);
    assert!(err.find("content/a.md:4").unwrap() < err.find("content/b.md:3").unwrap());
    assert_snapshot("build_errors", &site, &err);
}

// ---------------------------------------------------------------------------------------
// Usage

#[test]
fn help_version_and_usage_errors() {
    let site = TestSite::new();
    for command in ["build", "new", "check"] {
        let out = std::process::Command::new(common::BIN)
            .args([command, "--help"])
            .env("TUYENVAN_LANG", "en")
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            stdout(&out).contains("Example"),
            "{command}: {}",
            stdout(&out)
        );
    }
    let version = std::process::Command::new(common::BIN)
        .arg("--version")
        .output()
        .unwrap();
    assert!(stdout(&version).starts_with("tuyenvan "));
    assert_eq!(site.run(&["check", "--strcit"]).status.code(), Some(2));
    assert_eq!(site.run(&["new"]).status.code(), Some(2));
    assert_eq!(site.run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn check_locates_mistakes_in_crlf_bom_and_nfd_files() {
    use unicode_normalization::UnicodeNormalization;
    let site = TestSite::new();
    let text = format!(
        "\u{feff}---\r\n{}\r\n---\r\nSapo.\r\n\r\nXem [bài](/khong-co/), , hết.\r\n",
        GOOD.replace('\n', "\r\n")
    );
    let nfd: String = text.nfd().collect();
    site.write("content/2023/bai.md", &nfd);
    let err = check(&site, &[], 1);
    assert!(err.contains("content/2023/bai.md:9:11"), "{err}");
    assert!(err.contains("content/2023/bai.md:9:22"), "{err}");
    assert!(err.contains("9 | Xem [bài](/khong-co/), , hết."), "{err}");
}
