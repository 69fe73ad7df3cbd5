//! End-to-end tests of `tuyenvan import` on documents made by real word processors:
//! LibreOffice (from .fodt sources, converted once per run) and pandoc (from Markdown);
//! a few small ones are committed under tests/fixtures/import/. Each imported article is
//! built and its page read; bad documents must be refused with nothing written.

use crate::support as common;

use common::{Server, TestSite, BIN};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

const SITE: &str = "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\npublisher:\n  owner: Huyện ủy Phù Vân\n  responsible: Trưởng Ban Tuyên giáo và Dân vận Huyện ủy\nauthors:\n  \"Hồng Hải\": {affiliation: \"Trung tâm VH\"}\n  \"Lan Phương\": {affiliation: \"Trung tâm VH, TT - TT\"}\n";

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// The folder of documents made for this run (LibreOffice is slow to start: one call).
fn documents() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(make_documents)
}

fn make_documents() -> PathBuf {
    // Under target/: LibreOffice's profile and the documents stay out of the system's /tmp.
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("import-{}", std::process::id()));
    remove_old_documents(dir.parent().unwrap());
    fs::create_dir_all(&dir).unwrap();
    let photo = fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/theme/content/2023/nuoc-sach-nam-sa/anh-2.jpg"),
    )
    .unwrap();
    let fodt = fs::read_to_string(source_dir().join("van-ban.fodt.in"))
        .unwrap()
        .replace("@PHOTO@", &base64(&photo))
        .replace(
            "@PHOTO2@",
            &base64(&fs::read(source_dir().join("hoi-nghi.jpg")).unwrap()),
        );
    fs::write(dir.join("van-ban.fodt"), fodt).unwrap();
    soffice(&dir, "docx", &["van-ban.fodt"]);
    fs::write(dir.join("so-do.emf"), emf()).unwrap();
    fs::copy(source_dir().join("hoi-nghi.jpg"), dir.join("hoi-nghi.jpg")).unwrap();
    fs::write(
        dir.join("emf.md"),
        "---\ntitle: Sơ đồ tổ chức bộ máy\n---\n\n**Sapo của bài có sơ đồ.**\n\nĐoạn trước sơ đồ.\n\n![Sơ đồ tổ chức](so-do.emf)\n\n![Ảnh hội nghị](hoi-nghi.jpg)\n\nĐoạn cuối.\n",
    )
    .unwrap();
    pandoc(&dir, "emf.md", "emf.docx");
    fs::write(
        dir.join("kieu.md"),
        "# Hội nghị triển khai nghị quyết\n\n::: {custom-style=\"Sapo\"}\nSapo đặt bằng kiểu Sapo, không in đậm.\n:::\n\nĐoạn thân bài thứ nhất.\n\n| Đơn vị | Số người |\n|---|---|\n| Xã A | 120 |\n| Xã B | 95 |\n\n1. Bước một\n    1. Bước một a\n2. Bước hai\n\nĐoạn cuối.\n",
    )
    .unwrap();
    pandoc(&dir, "kieu.md", "kieu.docx");
    fs::write(dir.join("rong.md"), "\n").unwrap();
    pandoc(&dir, "rong.md", "rong.docx");
    let whole = fs::read(dir.join("van-ban.docx")).unwrap();
    fs::write(dir.join("hong.docx"), &whole[..whole.len() / 2]).unwrap();
    fs::write(dir.join("khong-phai.docx"), "Đây là một tệp chữ.\n").unwrap();
    without_media(
        &source_dir().join("bai-viet.docx"),
        &dir.join("thieu-anh.docx"),
    );
    dir
}

/// Documents of earlier runs (an hour old: a run still going is never touched).
fn remove_old_documents(tmp: &Path) {
    for entry in fs::read_dir(tmp).into_iter().flatten().flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > Duration::from_secs(3600));
        if old && entry.file_name().to_string_lossy().starts_with("import-") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Converts `files` of `dir` in one LibreOffice run, with a profile of its own so that
/// parallel runs do not share one.
fn soffice(dir: &Path, format: &str, files: &[&str]) {
    let profile = format!("-env:UserInstallation=file://{}/lo-profile", dir.display());
    let out = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", format])
        .arg("--outdir")
        .arg(dir)
        .args(files)
        .current_dir(dir)
        .output()
        .expect("LibreOffice (soffice) is needed: scripts/test.sh installs libreoffice-writer");
    // The profile is some megabytes: not kept once the documents are made.
    let _ = fs::remove_dir_all(dir.join("lo-profile"));
    for file in files {
        let made = dir.join(Path::new(file).with_extension(format));
        assert!(
            made.is_file(),
            "soffice did not make {}: {}",
            made.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

fn pandoc(dir: &Path, from: &str, to: &str) {
    let out = Command::new("pandoc")
        .args([from, "-o", to])
        .current_dir(dir)
        .output()
        .expect("pandoc is needed: scripts/test.sh installs it");
    assert!(
        out.status.success(),
        "pandoc {from}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A copy of a .docx without its pictures' parts: a document pointing at missing parts.
fn without_media(from: &Path, to: &Path) {
    let mut archive = zip::ZipArchive::new(fs::File::open(from).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(fs::File::create(to).unwrap());
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).unwrap();
        let media = file.name().is_ok_and(|n| n.starts_with("word/media/"));
        if !media {
            writer.raw_copy_file(file).unwrap();
        }
    }
    writer.finish().unwrap();
}

/// A minimal EMF picture: a header record and an end-of-file record.
fn emf() -> Vec<u8> {
    let mut out = Vec::new();
    let words: [u32; 22] = [
        1,
        88,
        0,
        0,
        100,
        100,
        0,
        0,
        2646,
        2646,
        0x464D_4520,
        0x10000,
        108,
        2,
        1,
        0,
        0,
        0,
        1024,
        768,
        320,
        240,
    ];
    for w in words {
        out.extend_from_slice(&w.to_le_bytes());
    }
    for w in [14u32, 20, 0, 16, 20] {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn import(site: &TestSite, args: &[&str]) -> Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    site.run(&all)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Imports and asserts success; returns the index.md written, relative to the site.
fn import_ok(site: &TestSite, args: &[&str]) -> (String, String) {
    let out = import(site, args);
    assert!(
        out.status.success(),
        "import failed:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    let printed = text(&out.stdout).trim().to_string();
    let rel = Path::new(&printed)
        .strip_prefix(site.root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    (rel, text(&out.stderr))
}

/// Asserts each of `parts` occurs in `html`, in this order.
fn assert_in_order(html: &str, parts: &[&str]) {
    let mut from = 0;
    for part in parts {
        match html[from..].find(part) {
            Some(i) => from += i + part.len(),
            None => panic!("`{part}` missing or out of order in:\n{html}"),
        }
    }
}

/// The `<figure>` holding `src_stem` has this caption.
fn assert_figure(html: &str, src_stem: &str, caption: &str) {
    let figure = html
        .split("<figure")
        .skip(1)
        .map(|rest| &rest[..rest.find("</figure>").unwrap_or(rest.len())])
        .find(|f| f.contains(&format!("{src_stem}.")))
        .unwrap_or_else(|| panic!("no figure holds {src_stem}:\n{html}"));
    assert!(
        figure.contains(&format!("<figcaption>{caption}</figcaption>")),
        "figure of {src_stem} without caption `{caption}`:\n{figure}"
    );
}

/// Warnings `check` gives for the site, without those matching `expected`.
fn check_warnings(site: &TestSite, expected: &[&str]) -> Vec<String> {
    let out = site.run(&["check"]);
    assert!(out.status.success(), "check failed: {}", text(&out.stderr));
    text(&out.stderr)
        .lines()
        .filter(|l| l.starts_with("warning"))
        .filter(|l| !expected.iter().any(|e| l.contains(e)))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_pandoc_document_becomes_a_finished_article() {
    let site = TestSite::with_config(SITE);
    let doc = source_dir().join("bai-viet.docx");
    let (rel, _) = import_ok(
        &site,
        &[
            doc.to_str().unwrap(),
            "--date",
            "12/06/2026 08:30",
            "--category",
            "Xây dựng Đảng",
        ],
    );
    assert_eq!(
        rel,
        "content/2026/dang-bo-xa-na-khuong-dua-nghi-quyet-vao-cuoc-song/index.md"
    );
    let md = fs::read_to_string(site.path(&rel)).unwrap();
    assert!(md.contains("author: \"Hồng Hải\""), "{md}");
    assert!(md.contains("source: \"Báo Lào Cai\""), "{md}");
    assert!(md.contains("date: 12/06/2026 08:30"), "{md}");
    site.build(&[]);
    let html = site.read("2026/06/dang-bo-xa-na-khuong-dua-nghi-quyet-vao-cuoc-song/index.html");
    assert_in_order(
        &html,
        &[
            "<h1 class=\"article-title\">Đảng bộ xã Nà Khương: Đưa nghị quyết vào cuộc sống</h1>",
            "Nguồn: Báo Lào Cai",
            "<p class=\"sapo\">Những năm qua, Đảng bộ xã Nà Khương",
            "<figcaption>Quang cảnh hội nghị sơ kết giữa nhiệm kỳ</figcaption>",
            "Xã Nà Khương có 6 thôn",
            "<em>Ban Chấp hành Đảng bộ xã</em>",
            "footnote-reference",
            "<strong>điểm mới</strong>",
            "<a href=\"https://laocai.gov.vn/\">Cổng thông tin tỉnh</a>",
            "<h2 id=\"nhung-ket-qua-noi-bat\">Những kết quả nổi bật</h2>",
            "<ul>",
            "<li>Giao thông nông thôn:",
            "<ul>",
            "<li>12 km đường bê tông;</li>",
            "<li>3 cầu treo.</li>",
            "</ul>",
            "<li>Trường học đạt chuẩn quốc gia.</li>",
            "<ol>",
            "<li>Phát triển chăn nuôi.</li>",
            "<li>Trồng rừng sản xuất.</li>",
            "</ol>",
            "<figcaption>Trao quà cho các hộ nghèo</figcaption>",
            "anh-1.",
            "Trong thời gian tới, Đảng bộ xã tiếp tục đổi mới phương thức lãnh đạo.",
            "Nghị quyết Đại hội Đảng bộ xã nhiệm kỳ 2020 - 2025.",
            "Hồng Hải",
            "(Trung tâm VH)",
        ],
    );
    assert_figure(
        &html,
        "quang-canh-hoi-nghi-so-ket-giua-nhiem",
        "Quang cảnh hội nghị sơ kết giữa nhiệm kỳ",
    );
    assert_figure(
        &html,
        "trao-qua-cho-cac-ho-ngheo",
        "Trao quà cho các hộ nghèo",
    );
    assert!(
        !html.contains("<p>Hồng Hải</p>"),
        "the author line left the body"
    );
    // The picture without a caption has no alt text: a person typing it would be told too.
    assert_eq!(
        check_warnings(&site, &["no alt text"]),
        Vec::<String>::new()
    );
}

#[test]
fn a_libreoffice_document_keeps_its_text_tables_and_legacy_fonts() {
    let site = TestSite::with_config(SITE);
    let doc = documents().join("van-ban.docx");
    let (rel, _) = import_ok(
        &site,
        &[doc.to_str().unwrap(), "--date", "2026-06-15 09:00"],
    );
    assert_eq!(
        rel,
        "content/2026/ra-quan-chien-dich-thanh-nien-tinh-nguyen-he-nam-2026/index.md"
    );
    site.build(&[]);
    let html =
        site.read("2026/06/ra-quan-chien-dich-thanh-nien-tinh-nguyen-he-nam-2026/index.html");
    assert_in_order(
        &html,
        &[
            "<h1 class=\"article-title\">Ra quân Chiến dịch Thanh niên tình nguyện hè năm 2026</h1>",
            "Nguồn: Vanban.laocai.gov.vn",
            "<p class=\"sapo\">Sáng 15/6, Huyện đoàn Văn Bàn",
            "<figcaption>Đoàn viên ra quân làm đường giao thông nông thôn</figcaption>",
            "nhấn mạnh vai trò xung kích của tuổi trẻ trong xây dựng nông thôn mới.",
            "Chiến dịch năm nay có ba nội dung chính:<br />",
            "làm đường giao thông,<br />",
            "dọn vệ sinh môi trường.",
            "nói: “Nhờ có các cháu đường sạch sẽ hơn”.",
            "Báo cáo tổng kết công tác Đoàn năm học",
            "Tuổi trẻ xung kích vì đời sống nhân dân",
            "<th colspan=\"2\">Kết quả</th>",
            "<td rowspan=\"2\">Công trình</td>",
            "<td>Nhà văn hóa</td>",
            "<figcaption>Thanh niên dọn vệ sinh bờ suối</figcaption>",
            "Chiến dịch kéo dài đến hết tháng 8.",
            "Tuổi trẻ đi đầu, mọi người cùng làm.",
            "Lan Phương",
            "(Trung tâm VH, TT - TT)",
        ],
    );
    assert_figure(
        &html,
        "thanh-nien-don-ve-sinh-bo-suoi",
        "Thanh niên dọn vệ sinh bờ suối",
    );
    assert_figure(
        &html,
        "doan-vien-ra-quan-lam-duong-giao-thong",
        "Đoàn viên ra quân làm đường giao thông nông thôn",
    );
    for gone in ["chữ đã xóa", "Kiểm tra lại số liệu", "\u{a0}", "B¸o"] {
        assert!(!html.contains(gone), "`{gone}` should not be on the page");
    }
    assert_eq!(
        check_warnings(&site, &["no category"]),
        Vec::<String>::new()
    );
}

#[test]
fn an_emf_picture_is_named_and_skipped() {
    let site = TestSite::with_config(SITE);
    let doc = documents().join("emf.docx");
    let (rel, stderr) = import_ok(&site, &[doc.to_str().unwrap(), "--draft"]);
    assert!(stderr.contains("emf.docx"), "{stderr}");
    assert!(stderr.contains("EMF format"), "{stderr}");
    assert!(stderr.contains("Đoạn trước sơ đồ"), "says where: {stderr}");
    let md = fs::read_to_string(site.path(&rel)).unwrap();
    assert!(md.contains("draft: true"), "{md}");
    assert!(!site.path(&rel).with_file_name("so-do-to-chuc.emf").exists());
    site.build(&["--drafts"]);
    let page = site.read(&format!(
        "{}/so-do-to-chuc-bo-may/index.html",
        md_month(&md)
    ));
    assert_in_order(
        &page,
        &[
            "Sapo của bài có sơ đồ.",
            "Ảnh hội nghị",
            "Đoạn trước sơ đồ.",
            "Sơ đồ tổ chức",
            "Đoạn cuối.",
        ],
    );
}

#[test]
fn styles_name_the_title_and_the_sapo_and_a_plain_table_is_a_pipe_table() {
    let site = TestSite::with_config(SITE);
    let doc = documents().join("kieu.docx");
    let (rel, _) = import_ok(
        &site,
        &[
            doc.to_str().unwrap(),
            "--author",
            "Hong Hai",
            "--date",
            "2026-03-02",
        ],
    );
    let md = fs::read_to_string(site.path(&rel)).unwrap();
    assert!(
        md.contains("author: \"Hồng Hải\""),
        "the profile's spelling: {md}"
    );
    assert!(md.contains("| Xã A | 120 |"), "{md}");
    site.build(&[]);
    let html = site.read("2026/03/hoi-nghi-trien-khai-nghi-quyet/index.html");
    assert_in_order(
        &html,
        &[
            "<h1 class=\"article-title\">Hội nghị triển khai nghị quyết</h1>",
            "<p class=\"sapo\">Sapo đặt bằng kiểu Sapo, không in đậm.</p>",
            "<p>Đoạn thân bài thứ nhất.</p>",
            "<th>Đơn vị</th>",
            "<td>Xã B</td>",
            "<ol>",
            "<li>Bước một",
            "<ol>",
            "<li>Bước một a</li>",
            "<li>Bước hai</li>",
            "<p>Đoạn cuối.</p>",
            "Hồng Hải",
        ],
    );
}

/// `YYYY/MM` of an article's `date:` line written as `YYYY-MM-DD HH:MM`.
fn md_month(md: &str) -> String {
    let date = md.lines().find_map(|l| l.strip_prefix("date: ")).unwrap();
    format!("{}/{}", &date[..4], &date[5..7])
}

#[test]
fn bad_documents_are_refused_and_nothing_is_written() {
    let cases = [
        (source_dir().join("cu.doc"), "old Word document (.doc)"),
        (documents().join("hong.docx"), "is damaged"),
        (documents().join("khong-phai.docx"), "not a Word document"),
        (documents().join("rong.docx"), "has no text"),
        (documents().join("thieu-anh.docx"), "the part word/media/"),
    ];
    for (doc, expected) in cases {
        let site = TestSite::with_config(SITE);
        let out = import(&site, &[doc.to_str().unwrap()]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}: {stderr}", doc.display());
        assert!(stderr.contains(expected), "{}: {stderr}", doc.display());
        let name = doc.file_name().unwrap().to_str().unwrap();
        assert!(stderr.contains(name), "the file is named: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            !site.path("content").exists(),
            "{}: something was written",
            doc.display()
        );
    }
}

#[test]
fn a_second_document_with_the_same_title_is_refused_until_given_a_slug() {
    let site = TestSite::with_config(SITE);
    let doc = source_dir().join("bai-viet.docx");
    let doc = doc.to_str().unwrap();
    let out = import(&site, &[doc, doc, "--date", "12/06/2026"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout).lines().count(), 1, "the first is written");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("--slug dang-bo-xa-na-khuong-dua-nghi-quyet-vao-cuoc-song-2"),
        "{stderr}"
    );
    let (rel, _) = import_ok(
        &site,
        &[doc, "--date", "12/06/2026", "--slug", "Bản thứ hai"],
    );
    assert_eq!(rel, "content/2026/ban-thu-hai/index.md");
    // `check`, not `build`: two bundles holding the very same photo trip the build's image
    // cache (a problem of the cache, not of the import).
    let out = site.run(&["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// The home page open in Chromium while a document is imported: the tab reloads by itself
/// and lists the new article, whose page has its photos' captions.
#[test]
fn an_imported_article_appears_in_an_open_tab() {
    let site = TestSite::with_config(SITE);
    site.article(
        "content/2026/bai-co-san.md",
        "title: Bài có sẵn\ndate: 2026-01-02",
        "Thân bài.\n",
    );
    let (server, _) = Server::start(&site, 0);
    let doc = documents().join("van-ban.docx");
    let config = serde_json::json!({
        "page": format!("http://127.0.0.1:{}/", server.port),
        "title": "Ra quân Chiến dịch Thanh niên tình nguyện hè năm 2026",
        "import": [BIN, "import", doc, "--root", site.root(), "--date", "15/06/2026 09:00"],
    });
    let report = common::browser_script("import-reload.mjs", &config);
    assert_eq!(report["reloaded"], true, "{report}");
    assert_eq!(
        report["article"]["title"],
        "Ra quân Chiến dịch Thanh niên tình nguyện hè năm 2026"
    );
    let captions = report["article"]["captions"].to_string();
    for caption in [
        "Đoàn viên ra quân làm đường giao thông nông thôn",
        "Thanh niên dọn vệ sinh bờ suối",
    ] {
        assert!(captions.contains(caption), "{report}");
    }
}

#[test]
fn an_imported_article_appears_in_a_running_serve() {
    let site = TestSite::with_config(SITE);
    site.article(
        "content/2026/bai-co-san.md",
        "title: Bài có sẵn\ndate: 2026-01-02",
        "Thân bài.\n",
    );
    let (server, _) = Server::start(&site, 0);
    let page = "/2026/06/ra-quan-chien-dich-thanh-nien-tinh-nguyen-he-nam-2026/";
    assert_eq!(server.text(page).0, 404);
    let doc = documents().join("van-ban.docx");
    import_ok(
        &site,
        &[doc.to_str().unwrap(), "--date", "15/06/2026 09:00"],
    );
    server.wait_for(page, "the imported article", |s, b| {
        s == 200 && b.contains("Đoàn viên ra quân làm đường giao thông nông thôn")
    });
    server.wait_for("/", "on the home page", |_, b| {
        b.contains("Ra quân Chiến dịch Thanh niên tình nguyện hè năm 2026")
    });
}
