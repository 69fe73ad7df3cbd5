//! End-to-end tests of directive documents (văn bản, issue 16), through the real binary:
//! the list `/van-ban/` newest first with its type and year pages, each document's page
//! with its fields and downloads (bytes as the source, with format and size), search by
//! number (the Rust search and the browser's script), an article's "Văn bản liên quan",
//! located errors (unknown number, missing file, duplicate number) that publish nothing,
//! the HTML checker and axe-core on every document page, and serve after a document edit.

use crate::support as common;

use common::html::{element, text};
use common::{serve_static, Server, TestSite, BIN};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use tuyenvan::search::{self, IndexFile};

const CONFIG: &str =
    "title: Thông tin tuyên vận\nbase_url: https://tinh.gov.vn/tuyen-van/\npaginate: 2\n";

/// A file LibreOffice made, from the sample site.
fn sample(rel: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content/van-ban")
            .join(rel),
    )
    .unwrap()
}

/// Four documents (two công văn, a kế hoạch in a bundle, a hướng dẫn), issued in 2023 and
/// 2024, and an article citing two of them.
fn site() -> TestSite {
    let site = TestSite::with_config(CONFIG);
    site.write_bytes(
        "content/van-ban/849-CV-TU.pdf",
        &sample("145-CV-BTGDVHU.pdf"),
    );
    site.write(
        "content/van-ban/849-CV-TU.md",
        "---\nnumber: 849-CV/TU\ntype: công văn\nissuer: Tỉnh ủy Điện Biên\ndate: 12/06/2023\neffective: 15/06/2023\nsigner: Trần Văn Nam\nsummary: Về việc tuyên truyền kỷ niệm Ngày thành lập Đảng\nfiles: [849-CV-TU.pdf]\n---\nToàn văn công văn.\n",
    );
    site.write(
        "content/van-ban/12-CV-BTG.md",
        "---\nnumber: 12-CV/BTG\ntype: Công văn\ndate: 2024-02-01\nsummary: Về việc hội nghị báo cáo viên\n---\n",
    );
    site.write_bytes(
        "content/van-ban/60-qd/60-QD-TU.pdf",
        &sample("32-kh-hu/32-KH-HU.pdf"),
    );
    site.write(
        "content/van-ban/60-qd/index.md",
        "---\nnumber: 60-KH/TU\ntype: Kế hoạch\ndate: 03/03/2023\nsummary: Kế hoạch học tập nghị quyết\nfiles:\n  - 60-QD-TU.pdf\n---\n",
    );
    site.write_bytes("content/van-ban/07-HD.docx", &sample("07-HD-BTGDVHU.docx"));
    site.write(
        "content/van-ban/07-HD.md",
        "---\nnumber: 07-HD/BTG\ntype: Hướng dẫn\ndate: 20/11/2024\nsummary: Hướng dẫn tuyên truyền mùa mưa bão\nfiles: [07-HD.docx]\n---\n",
    );
    site.write(
        "content/2024/bai.md",
        "---\ntitle: Học tập nghị quyết\ndate: 2024-03-01\ndocuments: [849-cv/tu, 60-KH/TU]\n---\nSapo.\n\nThân bài.\n",
    );
    site
}

/// The numbers a list page shows, in order.
fn numbers(html: &str) -> Vec<String> {
    html.split("<tr class=\"document-row\">")
        .skip(1)
        .map(|row| {
            let cell = row.split("\">").nth(1).unwrap();
            cell.split("</a>").next().unwrap().to_string()
        })
        .collect()
}

#[test]
fn lists_filters_pages_and_downloads() {
    let site = site();
    site.build(&[]);
    // Newest first, two per page, with the numbered pager of every list.
    assert_eq!(
        numbers(&site.read("van-ban/index.html")),
        ["07-HD/BTG", "12-CV/BTG"]
    );
    assert_eq!(
        numbers(&site.read("van-ban/trang/2/index.html")),
        ["849-CV/TU", "60-KH/TU"]
    );
    assert!(site
        .read("van-ban/index.html")
        .contains("href=\"/tuyen-van/van-ban/trang/2/\""));
    // Type and year pages hold exactly their documents.
    assert_eq!(
        numbers(&site.read("van-ban/cong-van/index.html")),
        ["12-CV/BTG", "849-CV/TU"]
    );
    assert_eq!(
        numbers(&site.read("van-ban/ke-hoach/index.html")),
        ["60-KH/TU"]
    );
    assert_eq!(
        numbers(&site.read("van-ban/2023/index.html")),
        ["849-CV/TU", "60-KH/TU"]
    );
    assert_eq!(
        numbers(&site.read("van-ban/2024/index.html")),
        ["07-HD/BTG", "12-CV/BTG"]
    );
    let list = site.read("van-ban/index.html");
    for filter in ["cong-van/", "huong-dan/", "ke-hoach/", "2023/", "2024/"] {
        assert!(
            list.contains(&format!("href=\"/tuyen-van/van-ban/{filter}\"")),
            "{filter}"
        );
    }
    let row = list.split("<tr class=\"document-row\">").nth(1).unwrap();
    assert!(row.contains("<td>Hướng dẫn</td>") && row.contains(">20/11/2024</time>"));
    assert!(row.contains("Hướng dẫn tuyên truyền mùa mưa bão"));

    // The document's page: every field, the text, the files with format and size.
    let page = site.read("van-ban/849-cv-tu/index.html");
    let main = text(element(&page, "<main", "main").unwrap());
    for shown in [
        "Công văn số 849-CV/TU",
        "Số hiệu 849-CV/TU",
        "Loại văn bản Công văn",
        "Cơ quan ban hành Tỉnh ủy Điện Biên",
        "Ngày ban hành 12/06/2023",
        "Ngày hiệu lực 15/06/2023",
        "Người ký Trần Văn Nam",
        "Trích yếu Về việc tuyên truyền kỷ niệm Ngày thành lập Đảng",
        "Toàn văn công văn.",
        "Học tập nghị quyết",
    ] {
        assert!(main.contains(shown), "{shown:?} not in {main}");
    }
    let pdf = sample("145-CV-BTGDVHU.pdf");
    assert!(page.contains("href=\"/tuyen-van/van-ban/849-cv-tu/849-CV-TU.pdf\" download>"));
    let size = format!("(PDF, {} KB)", (pdf.len() as f64 / 1024.0).round());
    assert!(main.contains(&size), "{size} not in {main}");
    assert_eq!(
        std::fs::read(site.public().join("van-ban/849-cv-tu/849-CV-TU.pdf")).unwrap(),
        pdf
    );
    // Published beside the page only, not also at its own path.
    assert!(!site.exists("van-ban/849-CV-TU.pdf"));
    // A bundle's file and a Word file.
    assert_eq!(
        std::fs::read(site.public().join("van-ban/60-kh-tu/60-QD-TU.pdf")).unwrap(),
        sample("32-kh-hu/32-KH-HU.pdf")
    );
    let guide = site.read("van-ban/07-hd-btg/index.html");
    assert!(guide.contains("(DOCX, "), "{guide}");
    assert!(!guide.contains("Ngày hiệu lực"));
    assert_eq!(
        std::fs::read(site.public().join("van-ban/07-hd-btg/07-HD.docx")).unwrap(),
        sample("07-HD-BTGDVHU.docx")
    );

    // The article lists the documents it cites, in its order, by number, type and summary.
    let article = site.read("2024/03/hoc-tap-nghi-quyet/index.html");
    let related = element(&article, "<section class=\"related-documents\"", "section").unwrap();
    let related_text = text(related);
    assert!(
        related_text.starts_with("Văn bản liên quan"),
        "{related_text}"
    );
    let first = related.find("849-cv-tu/").unwrap();
    let second = related.find("60-kh-tu/").unwrap();
    assert!(first < second);
    for cited in [
        // (`text` puts a space where a tag ends.)
        "Công văn số 849-CV/TU : Về việc tuyên truyền kỷ niệm",
        "Kế hoạch số 60-KH/TU : Kế hoạch học tập nghị quyết",
    ] {
        assert!(
            related_text.contains(cited),
            "{cited:?} not in {related_text:?}"
        );
    }

    // Every document page and list is in the sitemap, read by an XML parser.
    let sitemap = site.read("sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: BTreeSet<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for path in [
        "",
        "849-cv-tu/",
        "60-kh-tu/",
        "cong-van/",
        "2024/",
        "trang/2/",
    ] {
        let url = format!("https://tinh.gov.vn/tuyen-van/van-ban/{path}");
        assert!(locs.contains(url.as_str()), "{url} not in the sitemap");
    }
}

fn index_files(public: &Path) -> Vec<IndexFile> {
    common::snapshot(&public.join("tim-kiem/chi-muc"))
        .into_iter()
        .map(|(rel, bytes)| IndexFile { rel, bytes })
        .collect()
}

/// The rows (`[url, title, date, iso, kind, kind url, summary]`) `search::search` finds.
fn rows(public: &Path, query: &str) -> Vec<serde_json::Value> {
    let files = index_files(public);
    let per_chunk = 8;
    search::search(&files, query)
        .unwrap()
        .into_iter()
        .map(|hit| {
            let chunk = files
                .iter()
                .find(|f| f.rel == format!("d/{}.json", hit.doc / per_chunk))
                .unwrap();
            let rows: serde_json::Value = serde_json::from_slice(&chunk.bytes).unwrap();
            rows[(hit.doc % per_chunk) as usize].clone()
        })
        .collect()
}

#[test]
fn documents_are_found_by_their_number() {
    let site = site();
    site.build(&[]);
    let meta: serde_json::Value =
        serde_json::from_str(&site.read("tim-kiem/chi-muc/meta.json")).unwrap();
    assert_eq!(meta["per_chunk"], 8);
    for query in ["849", "849-CV/TU", "849-cv-tu", "849 cv tu"] {
        let found = rows(&site.public(), query);
        assert_eq!(found.len(), 1, "{query}: {found:?}");
        assert_eq!(found[0][0], "/tuyen-van/van-ban/849-cv-tu/", "{query}");
        assert_eq!(found[0][1], "Công văn số 849-CV/TU");
        // Shown as a document, linking to the list.
        assert_eq!(found[0][4], "Văn bản");
        assert_eq!(found[0][5], "/tuyen-van/van-ban/");
    }
    // The article citing it is found by its own words, not by the number.
    assert_eq!(rows(&site.public(), "nghị quyết").len(), 2);

    // The browser's search script, on the page as published.
    let served = tempfile::tempdir().unwrap();
    let port = serve_static(served.path().to_path_buf());
    let out = served.path().join("tuyen-van");
    let base = format!("http://127.0.0.1:{port}/tuyen-van/");
    site.build(&["--output", out.to_str().unwrap(), "--base-url", &base]);
    for query in ["849", "849-CV%2FTU"] {
        let html = common::dump_dom(&format!("{base}tim-kiem/?q={query}"), 5000);
        let results: Vec<&str> = html
            .split("class=\"item-title\"><a href=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .collect();
        assert_eq!(results, ["/tuyen-van/van-ban/849-cv-tu/"], "{query}");
        assert!(html.contains("class=\"item-category\" href=\"/tuyen-van/van-ban/\">Văn bản</a>"));
    }
}

/// Runs `tuyenvan build` with the language the machine gives (no language set at all).
fn build_default_language(site: &TestSite, args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(BIN)
        .arg("build")
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
        .env_remove("TUYENVAN_LANG")
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_unknown_number_is_a_located_error_and_publishes_nothing() {
    let site = site();
    site.write(
        "content/2024/bai.md",
        "---\ntitle: Học tập nghị quyết\ndate: 2024-03-01\ndocuments:\n  - 849-CV/TU\n  - 894-CV/TU\n---\nSapo.\n",
    );
    let (code, stderr) = build_default_language(&site, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "lỗi: không có văn bản nào số hiệu `894-CV/TU`\n --> content/2024/bai.md:6:5\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("có phải ý bạn là `849-CV/TU`?"), "{stderr}");
    assert!(
        !site.public().exists(),
        "a failed build published something"
    );
    let (code, stderr) = build_default_language(&site, &["--lang", "en"]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains(
            "error: no document has the number `894-CV/TU`\n --> content/2024/bai.md:6:5\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `849-CV/TU`?"), "{stderr}");
    // `check` finds it too, in a draft as well.
    site.write(
        "content/2024/bai.md",
        "---\ntitle: Học tập nghị quyết\ndate: 2024-03-01\ndraft: true\ndocuments: [XYZ-1]\n---\nSapo.\n",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: (draft) no document has the number `XYZ-1`"),
        "{stderr}"
    );
    assert!(
        stderr.contains(" --> content/2024/bai.md:5:13\n"),
        "{stderr}"
    );
}

#[test]
fn a_missing_file_and_a_duplicate_number_are_located_errors() {
    let site = site();
    site.build(&[]);
    let before = common::snapshot(&site.public());
    std::fs::remove_file(site.path("content/van-ban/849-CV-TU.pdf")).unwrap();
    site.write(
        "content/van-ban/trung.md",
        "---\ntype: Công văn\nnumber: 849 - cv/tu\ndate: 2023-01-01\nsummary: Trùng\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: number `849 - cv/tu` is already the number of document content/van-ban/849-CV-TU.md\n --> content/van-ban/trung.md:3:1\n"),
        "{stderr}"
    );
    site.write(
        "content/van-ban/trung.md",
        "---\ntype: Công văn\nnumber: 850-CV/TU\ndate: 2023-01-01\nsummary: Khác\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("error: attached file `849-CV-TU.pdf` not found (looked for content/van-ban/849-CV-TU.pdf)\n --> content/van-ban/849-CV-TU.md:9:9\n"),
        "{stderr}"
    );
    // The previous site stays as it was.
    assert_eq!(common::snapshot(&site.public()), before);
    // A document without its required fields names each.
    site.write("content/van-ban/trung.md", "---\ndate: 2023-01-01\n---\n");
    let stderr = site.build_fails(&[]);
    for missing in ["no number", "no type", "no summary"] {
        assert!(stderr.contains(missing), "{missing}: {stderr}");
    }
}

#[test]
fn document_pages_pass_the_html_checker_and_axe() {
    let site = site();
    let served = tempfile::tempdir().unwrap();
    let port = serve_static(served.path().to_path_buf());
    let out = served.path().join("tuyen-van");
    let base = format!("http://127.0.0.1:{port}/tuyen-van/");
    site.build(&["--output", out.to_str().unwrap(), "--base-url", &base]);
    let pages = [
        ("documents", "van-ban/"),
        ("documents-page-2", "van-ban/trang/2/"),
        ("documents-type", "van-ban/cong-van/"),
        ("documents-year", "van-ban/2023/"),
        ("document", "van-ban/849-cv-tu/"),
        ("document-bundle", "van-ban/60-kh-tu/"),
        ("document-plain", "van-ban/12-cv-btg/"),
        ("article-citing", "2024/03/hoc-tap-nghi-quyet/"),
    ];
    let files: Vec<PathBuf> = pages
        .iter()
        .map(|(_, rel)| out.join(rel).join("index.html"))
        .collect();
    let problems = crate::theme::validate(&files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let broken = common::broken_links(&out, &base);
    assert!(broken.is_empty(), "{broken:#?}");

    let artefacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("documents");
    let _ = std::fs::remove_dir_all(&artefacts);
    let config = serde_json::json!({
        "base": base,
        "out": artefacts,
        "pages": pages.iter().map(|(name, path)| serde_json::json!({
            "name": name, "path": path, "axe": true, "shots": [390]
        })).collect::<Vec<_>>(),
    });
    let report = common::browser_script("theme.mjs", &config);
    let mut failures = Vec::new();
    for (name, _) in pages {
        let page = &report["pages"][name];
        for impact in ["critical", "serious"] {
            for v in page["axe"][impact].as_array().unwrap() {
                failures.push(format!("{name}: axe {impact}: {v}"));
            }
        }
        let width = page["overflow"]["390"].as_u64().unwrap();
        if width > 390 {
            failures.push(format!("{name}: {width}px wide at 390px"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn serve_follows_document_edits_as_a_build_does() {
    let site = site();
    let (server, _) = Server::start(&site, 0);
    let before = crate::serve_burst::full_build(&site, server.port);
    assert!(before.contains_key("van-ban/849-cv-tu/849-CV-TU.pdf"));
    // A summary the article's list shows, a new type, a file removed, a document added.
    site.write(
        "content/van-ban/849-CV-TU.md",
        "---\nnumber: 849-CV/TU\ntype: Chỉ thị\ndate: 12/06/2023\nsummary: Trích yếu đã sửa\n---\n",
    );
    std::fs::remove_file(site.path("content/van-ban/849-CV-TU.pdf")).unwrap();
    site.write(
        "content/van-ban/moi.md",
        "---\nnumber: 1-TB/TU\ntype: Thông báo\ndate: 2025-01-01\nsummary: Văn bản mới\n---\n",
    );
    let after = crate::serve_burst::full_build(&site, server.port);
    let gone: BTreeSet<String> = before
        .keys()
        .filter(|rel| !after.contains_key(*rel))
        .cloned()
        .collect();
    assert!(gone.contains("van-ban/849-cv-tu/849-CV-TU.pdf"), "{gone:?}");
    assert!(after.contains_key("van-ban/chi-thi/index.html"));
    assert!(after.contains_key("van-ban/1-tb-tu/index.html"));
    let article =
        String::from_utf8_lossy(&after["2024/03/hoc-tap-nghi-quyet/index.html"]).into_owned();
    assert!(article.contains("Chỉ thị số 849-CV/TU"), "{article}");
    crate::serve_burst::wait_until_served(&server, &after, &gone, Duration::from_secs(30), "");
}
