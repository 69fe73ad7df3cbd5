//! End-to-end tests of what a state portal must publish (issue 16), through the real binary:
//!
//! - corrections (`corrections:`, Luật Tiếp cận thông tin Điều 22): the "Đính chính" box on
//!   the page, and the last change they make in JSON-LD, Atom, JSON Feed and the sitemap;
//!   "Cập nhật lúc" only when the article changed after it was published; bad input located;
//! - the legal footer (cơ quan chủ quản, người chịu trách nhiệm nội dung, giấy phép) on
//!   every page, and `check`'s warning (failing `--strict`) when site.yaml lacks them;
//! - Dublin Core metadata (Thông tư 24/2011/TT-BTTTT) and the NewsArticle JSON-LD of every
//!   article page, parsed as JSON;
//! - the JSON Feeds (Thông tư 22/2023/TT-BTTTT: data others can reuse), checked against
//!   the JSON Feed 1.1 spec and against the Atom feed beside each.

use crate::support as common;

use common::html::{attr, element, meta, tag, text};
use common::{Server, TestSite, BIN};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

const LEGAL: &str = "publisher:
  name: Ban Tuyên giáo và Dân vận Huyện ủy
  owner: Huyện ủy Phù Vân
  responsible: Đồng chí Lò Văn Thành, Trưởng Ban Tuyên giáo và Dân vận Huyện ủy
  license: Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 15/3/2021
";

/// A site at the domain root with the legal lines filled in.
fn legal_site() -> TestSite {
    TestSite::with_config(&format!(
        "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\n{LEGAL}"
    ))
}

/// Runs the binary in the language a fresh editor's machine gets (no `--lang`, no locale).
fn run_vietnamese(site: &TestSite, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("NO_COLOR", "1")
        .env_remove("TUYENVAN_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run tuyenvan")
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The JSON-LD object of `@type` `kind` in a page.
fn json_ld(html: &str, kind: &str) -> Option<Value> {
    let open = "<script type=\"application/ld+json\">";
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        let end = after.find("</script>").expect("closed script");
        let value: Value = serde_json::from_str(&after[..end])
            .unwrap_or_else(|e| panic!("JSON-LD does not parse ({e}):\n{}", &after[..end]));
        if value["@type"] == kind {
            return Some(value);
        }
        rest = &after[end..];
    }
    None
}

/// Every start tag holding `needle`, in order.
fn tags_with<'a>(html: &'a str, needle: &str) -> Vec<&'a str> {
    html.match_indices(needle)
        .filter_map(|(i, _)| {
            let start = html[..i].rfind('<')?;
            let end = i + html[i..].find('>')?;
            Some(&html[start..=end])
        })
        .collect()
}

/// Every `content` of the `<meta name="…">` tags named `name`, in order.
fn metas(html: &str, name: &str) -> Vec<String> {
    tags_with(html, &format!("name=\"{name}\""))
        .into_iter()
        .filter_map(|t| attr(t, "content"))
        .collect()
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("invalid XML: {e}\n{text}"))
}

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// `<updated>` of the Atom entry whose `<id>` is `id`.
fn atom_updated(feed: &str, id: &str) -> String {
    let doc = xml(feed);
    let entry = doc
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .find(|e| {
            e.children()
                .any(|c| c.has_tag_name((ATOM, "id")) && c.text() == Some(id))
        })
        .unwrap_or_else(|| panic!("no entry {id}"));
    let updated = entry
        .children()
        .find(|c| c.has_tag_name((ATOM, "updated")))
        .expect("entry has <updated>");
    updated.text().unwrap_or_default().to_string()
}

/// `<lastmod>` of the sitemap's `<url>` whose `<loc>` is `loc`.
fn sitemap_lastmod(sitemap: &str, loc: &str) -> String {
    let doc = xml(sitemap);
    let url = doc
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "url")))
        .find(|u| {
            u.children()
                .any(|c| c.has_tag_name((SITEMAP, "loc")) && c.text() == Some(loc))
        })
        .unwrap_or_else(|| panic!("no sitemap url {loc}"));
    let lastmod = url
        .children()
        .find(|c| c.has_tag_name((SITEMAP, "lastmod")))
        .expect("<lastmod>");
    lastmod.text().unwrap_or_default().to_string()
}

// ---------- Corrections ----------

#[test]
fn a_correction_moves_the_last_change_and_shows_on_the_page() {
    let site = legal_site();
    site.article(
        "content/2023/sua-so-lieu.md",
        "title: Sửa số liệu hộ nghèo\ndate: 10/06/2023 08:00\nupdated: 11/06/2023 07:00\ncategory: Dân vận\nauthor: Hồng Hải\ncorrections:\n  - date: 11/06/2023 14:00\n    text: \"Sửa tên xã: Nà Khương (bản trước ghi Nà Khuông).\"\n  - date: 12/06/2023 9:30\n    text: Sửa số hộ nghèo là 12 hộ, không phải 21 hộ.",
        "Sáng 10/6, xã Nà Khương rà soát hộ nghèo.\n",
    );
    site.article(
        "content/2023/khong-sua.md",
        "title: Bài chưa sửa\ndate: 05/06/2023 08:00\ncategory: Dân vận\nauthor: Hồng Hải",
        "Bài viết chưa sửa lần nào.\n",
    );
    site.article(
        "content/2023/cap-nhat-cung-ngay.md",
        "title: Cập nhật trùng giờ đăng\ndate: 04/06/2023 08:00\nupdated: 04/06/2023 08:00\ncategory: Dân vận\nauthor: Hồng Hải",
        "Bài có ngày cập nhật trùng ngày đăng.\n",
    );
    site.article(
        "content/lien-he.md",
        "title: Liên hệ\ndate: 01/01/2023\nkind: page\ncorrections:\n  - date: 02/02/2023\n    text: Sửa số điện thoại.",
        "Điện thoại: 0214 3 812 345.\n",
    );
    site.build(&[]);
    // A static page shows its corrections too.
    let contact = site.read("lien-he/index.html");
    let box_ = element(&contact, "class=\"corrections\"", "section").expect("page's box");
    assert!(box_.contains("Thứ Năm, 02/02/2023</time>: Sửa số điện thoại.</li>"));
    let permalink = "https://x.gov.vn/2023/06/sua-so-lieu-ho-ngheo/";
    let newest = "2023-06-12T09:30:00+07:00";

    let page = site.read("2023/06/sua-so-lieu-ho-ngheo/index.html");
    let ld = json_ld(&page, "NewsArticle").expect("NewsArticle");
    assert_eq!(ld["datePublished"], "2023-06-10T08:00:00+07:00");
    assert_eq!(ld["dateModified"], newest);
    assert_eq!(
        meta(&page, "article:modified_time").as_deref(),
        Some(newest)
    );
    assert_eq!(atom_updated(&site.read("feed.xml"), permalink), newest);
    assert_eq!(
        atom_updated(&site.read("chuyen-muc/dan-van/feed.xml"), permalink),
        newest
    );
    assert_eq!(
        sitemap_lastmod(&site.read("sitemap.xml"), permalink),
        newest
    );
    let feed: Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let item = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == permalink)
        .expect("the article in feed.json");
    assert_eq!(item["date_modified"], newest);
    // A feed published the original: its entry carries the correction too.
    assert!(item["content_html"]
        .as_str()
        .unwrap()
        .contains("Sửa số hộ nghèo là 12 hộ, không phải 21 hộ."));

    // The page: "Cập nhật lúc" with the last change, in the date format of the date line,
    // and the "Đính chính" box, newest first.
    let main = element(&page, "<main id=\"main\"", "main").unwrap();
    let updated = element(main, "class=\"meta-updated\"", "span").expect("Cập nhật lúc");
    assert_eq!(text(updated), "Cập nhật lúc Thứ Hai, 12/06/2023 09:30");
    assert!(updated.contains(&format!("<time datetime=\"{newest}\">")));
    assert!(main
        .contains("<time datetime=\"2023-06-10T08:00:00+07:00\">Thứ Bảy, 10/06/2023 08:00</time>"));
    let box_ = element(main, "class=\"corrections\"", "section").expect("Đính chính box");
    assert!(
        box_.contains("<h2 class=\"corrections-title\" id=\"corrections-heading\">Đính chính</h2>")
    );
    let items: Vec<String> = box_.split("<li>").skip(1).map(text).collect();
    assert_eq!(
        items,
        [
            "Thứ Hai, 12/06/2023 09:30 : Sửa số hộ nghèo là 12 hộ, không phải 21 hộ.",
            "Chủ Nhật, 11/06/2023 14:00 : Sửa tên xã: Nà Khương (bản trước ghi Nà Khuông)."
        ]
    );
    assert!(box_.contains("<time datetime=\"2023-06-11T14:00:00+07:00\">"));
    // The box comes before the article's text.
    assert!(main.find("class=\"corrections\"") < main.find("class=\"sapo\""));

    // No correction, no box; no "Cập nhật lúc" unless the article changed after its date.
    for rel in [
        "2023/06/bai-chua-sua/index.html",
        "2023/06/cap-nhat-trung-gio-dang/index.html",
    ] {
        let page = site.read(rel);
        let main = element(&page, "<main id=\"main\"", "main").unwrap();
        assert!(!main.contains("class=\"corrections\""), "{rel}");
        assert!(!main.contains("Cập nhật lúc"), "{rel}");
        let ld = json_ld(&page, "NewsArticle").unwrap();
        assert_eq!(ld["dateModified"], ld["datePublished"], "{rel}");
    }
}

#[test]
fn bad_corrections_are_located_errors_in_vietnamese() {
    let site = legal_site();
    site.article(
        "content/a.md",
        "title: Bài có đính chính sai\ndate: 10/06/2023\ncategory: Dân vận\nauthor: Hồng Hải\ncorrections:\n  - text: Không có ngày\n  - date: 31/02/2023\n    text: Ngày không có thật\n  - date: 12/06/2023\n    text: \"\"",
        "Thân bài.\n",
    );
    site.article(
        "content/b.md",
        "title: Đính chính không phải danh sách\ndate: 10/06/2023\ncategory: Dân vận\nauthor: Hồng Hải\ncorrections: Sửa tên xã",
        "Thân bài.\n",
    );
    for command in ["check", "build"] {
        let out = run_vietnamese(&site, &[command]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        let err = stderr(&out);
        for expected in [
            // File line 7 is the first item (`---` is line 1).
            "lỗi: đính chính thứ 1 thiếu ngày (`date:`)\n --> content/a.md:7:3",
            "lỗi: ngày của đính chính thứ 2 không đọc được: `31/02/2023` không phải là một ngày có thật",
            "--> content/a.md:8:11",
            "lỗi: đính chính thứ 3 thiếu nội dung (`text:`)\n  --> content/a.md:11:11",
            "lỗi: `corrections` phải là một danh sách đính chính",
            "--> content/b.md:6:1",
            "corrections:\n",
            "text: \"Sửa tên xã Nà Khương",
        ] {
            assert!(
                err.contains(expected),
                "{command}: no {expected:?} in:\n{err}"
            );
        }
    }
    let out = site.run(&["check"]);
    assert!(
        stderr(&out).contains("correction 1 has no date (`date:`)"),
        "{}",
        stderr(&out)
    );
}

// ---------- The legal footer ----------

#[test]
fn every_page_names_the_owner_the_person_responsible_and_the_licence() {
    let site = TestSite::fixture("theme");
    site.build(&[]);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        if html.contains("http-equiv=\"refresh\"") {
            continue; // an old address's redirect page: no frame
        }
        let footer = element(&html, "<footer class=\"site-footer\"", "footer")
            .unwrap_or_else(|| panic!("{}: no footer", path.display()));
        let footer = text(footer);
        for line in [
            "Cơ quan chủ quản: Tỉnh ủy Lào Cai",
            "Chịu trách nhiệm nội dung: Đồng chí Giàng Seo Phử, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "Giấy phép xuất bản số 05/GP-TTĐT ngày 10/01/2022 của Sở Thông tin và Truyền thông.",
        ] {
            assert!(footer.contains(line), "{}: {footer}", path.display());
        }
        pages += 1;
    }
    assert!(pages > 20, "only {pages} pages");
}

#[test]
fn check_warns_until_site_yaml_names_the_owner_and_the_person_responsible() {
    let site = TestSite::with_config(
        "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\npublisher:\n  name: Ban Tuyên giáo\n  owner: \"[Tên cơ quan chủ quản]\"\n",
    );
    site.write(
        "content/a.md",
        &common::front::article("Hội nghị", "10/06/2023", "Thân bài."),
    );
    let out = run_vietnamese(&site, &["check"]);
    assert_eq!(out.status.code(), Some(0), "a warning alone passes");
    let err = stderr(&out);
    for expected in [
        "cảnh báo: site.yaml chưa ghi cơ quan chủ quản (`owner`) và người chịu trách nhiệm nội dung (`responsible`)",
        "--> site.yaml:3:1",
        "gợi ý: thêm vào mục `publisher:` của site.yaml các dòng như sau",
        "  owner: \"Huyện ủy Phù Vân\"",
        "  responsible: \"Đồng chí Nguyễn Văn A",
        "1 cảnh báo",
    ] {
        assert!(err.contains(expected), "no {expected:?} in:\n{err}");
    }
    let strict = run_vietnamese(&site, &["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    let english = run_vietnamese(&site, &["check", "--lang", "en"]);
    assert!(
        stderr(&english).contains("warning: site.yaml does not name the owning agency (`owner`) and the person responsible for the content (`responsible`) under `publisher`"),
        "{}",
        stderr(&english)
    );
    // The pages are still published meanwhile.
    site.build(&[]);

    site.write(
        "site.yaml",
        &format!("title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\n{LEGAL}"),
    );
    let out = run_vietnamese(&site, &["check", "--strict"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("không có lỗi nào"));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

// ---------- Metadata ----------

#[test]
fn an_article_page_carries_dublin_core() {
    let site = TestSite::fixture("theme");
    site.build(&[]);
    let html = site.read("2023/06/nuoc-sach-nam-sa/index.html");
    let head = element(&html, "<head>", "head").unwrap();
    let schema = tag(head, "rel=\"schema.DC\"").expect("schema.DC link");
    assert_eq!(
        attr(schema, "href").as_deref(),
        Some("http://purl.org/dc/elements/1.1/")
    );
    let one = |name: &str| {
        let all = metas(head, name);
        assert_eq!(all.len(), 1, "{name}: {all:?}");
        all[0].clone()
    };
    assert_eq!(
        one("DC.title"),
        "Dân vận khéo ở Nậm Sả: Bản vùng cao có nước sạch nhờ dân góp công, góp đất"
    );
    assert_eq!(metas(head, "DC.creator"), ["Hồng Hải", "Đỗ Phương"]);
    assert_eq!(one("DC.date"), "2023-06-12T09:15:00+07:00");
    assert!(one("DC.description").starts_with("Từ chỗ quanh năm phải gánh nước"));
    assert_eq!(one("DC.description"), meta(head, "description").unwrap());
    assert_eq!(one("DC.publisher"), "Ban Tuyên giáo và Dân vận Tỉnh ủy");
    assert_eq!(
        one("DC.identifier"),
        "https://tinh.example.gov.vn/thong-tin-tuyen-van/2023/06/nuoc-sach-nam-sa/"
    );
    assert_eq!(one("DC.language"), "vi");
    assert_eq!(
        metas(head, "DC.subject"),
        [
            "Dân vận",
            "Kinh tế - Xã hội",
            "Dân vận khéo",
            "nước sạch",
            "nông thôn mới"
        ]
    );
    assert_eq!(one("DC.source"), "Laocai.gov.vn");

    // Without an author, the publisher is the creator; without a source, no DC.source.
    let plain = site.read("2021/12/thong-bao-lich-tiep-cong-dan-thang-12-2021/index.html");
    assert_eq!(
        metas(&plain, "DC.creator"),
        ["Ban Tuyên giáo và Dân vận Tỉnh ủy"]
    );
    assert!(metas(&plain, "DC.source").is_empty());
}

/// Output file of an absolute URL of the fixture site, when it is one of its pages.
fn output_of(site: &TestSite, base: &str, url: &str) -> Option<std::path::PathBuf> {
    let rel = url.strip_prefix(base)?;
    let path = site.public().join(rel);
    Some(if rel.is_empty() || rel.ends_with('/') {
        path.join("index.html")
    } else {
        path
    })
}

fn is_rfc3339(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
}

#[test]
fn every_article_page_has_the_structured_data_search_engines_ask_for() {
    let site = TestSite::fixture("theme");
    site.build(&[]);
    let base = "https://tinh.example.gov.vn/thong-tin-tuyen-van/";
    let sitemap = site.read("sitemap.xml");
    let doc = xml(&sitemap);
    let mut articles = 0;
    for loc in doc
        .descendants()
        .filter(|n| n.has_tag_name((SITEMAP, "loc")))
    {
        let url = loc.text().unwrap();
        let file = output_of(&site, base, url).unwrap();
        let html = std::fs::read_to_string(&file).unwrap();
        let Some(ld) = json_ld(&html, "NewsArticle") else {
            assert!(
                !html.contains("og:type\" content=\"article"),
                "{url}: an article without NewsArticle"
            );
            continue;
        };
        articles += 1;
        assert_eq!(ld["@context"], "https://schema.org", "{url}");
        assert_eq!(ld["mainEntityOfPage"]["@id"], url);
        assert!(
            ld["headline"].as_str().is_some_and(|h| !h.is_empty()),
            "{url}"
        );
        assert!(is_rfc3339(&ld["datePublished"]), "{url}");
        assert!(is_rfc3339(&ld["dateModified"]), "{url}");
        assert!(
            ld["dateModified"].as_str() >= ld["datePublished"].as_str(),
            "{url}"
        );
        assert_eq!(ld["inLanguage"], "vi", "{url}");
        assert!(ld["description"].is_string(), "{url}");
        // A photo: every copy's absolute URL, each published.
        if html.contains("<figure class=\"article-image\">") {
            let images = ld["image"]
                .as_array()
                .unwrap_or_else(|| panic!("{url}: image"));
            assert!(images.len() >= 2, "{url}: several sizes: {images:?}");
            for image in images {
                let file = output_of(&site, base, image.as_str().unwrap())
                    .unwrap_or_else(|| panic!("{url}: {image} is not absolute"));
                assert!(file.is_file(), "{url}: {image} is not published");
            }
        }
        // Authors: persons whose `url` is their page on the site.
        match &ld["author"] {
            Value::Array(authors) => {
                assert!(!authors.is_empty(), "{url}");
                for author in authors {
                    assert_eq!(author["@type"], "Person");
                    assert!(author["name"].as_str().is_some_and(|n| !n.is_empty()));
                    let page = output_of(&site, base, author["url"].as_str().unwrap())
                        .unwrap_or_else(|| panic!("{url}: {author} not on the site"));
                    let page = std::fs::read_to_string(page).unwrap();
                    assert!(page.contains("class=\"kind-taxonomy_term\""), "{author}");
                    assert!(page.contains(author["name"].as_str().unwrap()));
                }
            }
            other => assert_eq!(other["@type"], "Organization", "{url}"),
        }
        let publisher = &ld["publisher"];
        assert_eq!(publisher["@type"], "Organization", "{url}");
        assert_eq!(publisher["name"], "Ban Tuyên giáo và Dân vận Tỉnh ủy");
        assert_eq!(publisher["logo"]["@type"], "ImageObject");
        let logo = output_of(&site, base, publisher["logo"]["url"].as_str().unwrap()).unwrap();
        assert!(logo.is_file(), "{url}: the logo is not published");
        if html.contains("class=\"breadcrumb\"") {
            assert!(ld["articleSection"].is_string(), "{url}");
        }
    }
    let atom = site.read("feed.xml");
    let entries = xml(&atom)
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .count();
    assert!(entries < 20, "the feed lists every article of the fixture");
    assert_eq!(articles, entries, "one NewsArticle per article page");

    // Without a logo in site.yaml, the theme's icon stands for it.
    site.write(
        "site.yaml",
        "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\n",
    );
    site.build(&[]);
    let html = site.read("2023/06/nuoc-sach-nam-sa/index.html");
    let ld = json_ld(&html, "NewsArticle").unwrap();
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        "https://x.gov.vn/favicon.svg"
    );
    assert_eq!(ld["publisher"]["name"], "Thông tin tuyên vận");
    assert!(site.exists("favicon.svg"));
}

// ---------- JSON Feed ----------

/// Checks a JSON Feed against the JSON Feed 1.1 spec (<https://jsonfeed.org/version/1.1>);
/// returns its items.
fn json_feed(text: &str, feed_url: &str) -> Vec<Value> {
    let feed: Value = serde_json::from_str(text).expect("feed.json is JSON");
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert!(feed["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(feed["feed_url"], feed_url);
    assert!(feed["home_page_url"]
        .as_str()
        .is_some_and(|u| u.starts_with("https://")));
    assert_eq!(feed["language"], "vi");
    for author in feed["authors"].as_array().expect("authors") {
        assert!(author["name"].is_string());
    }
    let items = feed["items"].as_array().expect("items").clone();
    for item in &items {
        let id = item["id"].as_str().expect("id is a string");
        assert!(!id.is_empty());
        assert_eq!(item["url"], id);
        assert!(
            item["content_html"].is_string() || item["content_text"].is_string(),
            "{id}"
        );
        assert!(item["title"].is_string(), "{id}");
        assert!(is_rfc3339(&item["date_published"]), "{id}");
        assert!(is_rfc3339(&item["date_modified"]), "{id}");
        if let Some(summary) = item.get("summary") {
            assert!(summary.is_string(), "{id}");
        }
        if let Some(image) = item.get("image") {
            assert!(image.as_str().unwrap().starts_with("https://"), "{id}");
        }
        for tag in item["tags"].as_array().into_iter().flatten() {
            assert!(tag.is_string(), "{id}");
        }
        for author in item["authors"].as_array().into_iter().flatten() {
            assert!(
                author["name"].is_string() && author["url"].is_string(),
                "{id}"
            );
        }
    }
    items
}

/// The Atom entries' ids, in order.
fn atom_ids(text: &str) -> Vec<String> {
    xml(text)
        .descendants()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .filter_map(|e| e.children().find(|c| c.has_tag_name((ATOM, "id"))))
        .map(|id| id.text().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn json_feeds_follow_the_spec_beside_every_atom_feed() {
    let site = TestSite::fixture("theme");
    site.build(&[]);
    let base = "https://tinh.example.gov.vn/thong-tin-tuyen-van/";
    for folder in ["", "chuyen-muc/dan-van/", "tac-gia/hong-hai/"] {
        let items = json_feed(
            &site.read(&format!("{folder}feed.json")),
            &format!("{base}{folder}feed.json"),
        );
        let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            atom_ids(&site.read(&format!("{folder}feed.xml"))),
            "{folder}: the same entries as the Atom feed"
        );
        assert!(!ids.is_empty(), "{folder}");
    }
    let items = json_feed(&site.read("feed.json"), &format!("{base}feed.json"));
    let article = items
        .iter()
        .find(|i| i["id"] == format!("{base}2023/06/nuoc-sach-nam-sa/"))
        .unwrap();
    assert_eq!(
        article["image"],
        format!("{base}2023/06/nuoc-sach-nam-sa/anh-chinh.1200w.jpg")
    );
    assert_eq!(article["date_modified"], "2023-06-15T10:00:00+07:00");
    assert_eq!(article["authors"][0]["name"], "Hồng Hải");
    assert_eq!(
        article["authors"][0]["url"],
        format!("{base}tac-gia/hong-hai/")
    );
    assert_eq!(
        article["tags"],
        serde_json::json!([
            "Dân vận",
            "Kinh tế - Xã hội",
            "Dân vận khéo",
            "nước sạch",
            "nông thôn mới"
        ])
    );

    // The pages announce it where they announce the Atom feed.
    for (page, feeds) in [
        ("index.html", vec!["feed.json"]),
        (
            "chuyen-muc/dan-van/index.html",
            vec!["feed.json", "chuyen-muc/dan-van/feed.json"],
        ),
        (
            "2023/06/nuoc-sach-nam-sa/index.html",
            vec!["feed.json", "chuyen-muc/dan-van/feed.json"],
        ),
    ] {
        let html = site.read(page);
        let head = element(&html, "<head>", "head").unwrap();
        let announced: Vec<String> = tags_with(head, "type=\"application/feed+json\"")
            .into_iter()
            .filter_map(|t| attr(t, "href"))
            .collect();
        let expected: Vec<String> = feeds
            .iter()
            .map(|f| format!("/thong-tin-tuyen-van/{f}"))
            .collect();
        assert_eq!(announced, expected, "{page}");
        for feed in feeds {
            assert!(Path::new(&site.public().join(feed)).is_file(), "{feed}");
        }
    }
}

// ---------- The browser editor ----------

#[test]
fn the_browser_editor_offers_the_corrections_list() {
    let site = TestSite::with_config(&format!(
        "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\n{LEGAL}cms:\n  backend: github\n  repo: so/tuyen-van\n"
    ));
    site.build(&[]);
    let config: serde_yaml::Value = serde_yaml::from_str(&site.read("admin/config.yml")).unwrap();
    // Articles and pages take corrections; directive documents (`van-ban`) have fields of their own.
    let collections = config["collections"].as_sequence().unwrap();
    let editorial: Vec<_> = collections
        .iter()
        .filter(|c| c["name"] != "van-ban")
        .collect();
    assert!(editorial.len() >= 2, "{collections:?}");
    for collection in editorial {
        let fields = collection["fields"].as_sequence().unwrap();
        let corrections = fields
            .iter()
            .find(|f| f["name"] == "corrections")
            .expect("a corrections field");
        assert_eq!(corrections["widget"], "list");
        assert_eq!(corrections["label"], "Đính chính");
        let inner: Vec<(&str, &str)> = corrections["fields"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|f| (f["name"].as_str().unwrap(), f["widget"].as_str().unwrap()))
            .collect();
        assert_eq!(inner, [("date", "datetime"), ("text", "text")]);
        let date = &corrections["fields"][0];
        assert_eq!(date["format"], "DD/MM/YYYY HH:mm");
        assert_eq!(date["required"], true);
    }
}

// ---------- serve ----------

#[test]
fn serve_republishes_the_feeds_when_a_correction_is_added() {
    let site = legal_site();
    for i in 1..=3 {
        site.article(
            &format!("content/2023/bai-{i}.md"),
            &format!(
                "title: Bài số {i}\ndate: 0{i}/06/2023 08:00\ncategory: Dân vận\nauthor: Hồng Hải"
            ),
            &format!("Sapo {i}.\n\nThân bài {i}.\n"),
        );
    }
    let (server, _) = Server::start(&site, 0);
    let feed = server.wait_for("/feed.json", "the JSON Feed", |status, body| {
        status == 200 && body.contains("Bài số 2")
    });
    assert!(!feed.contains("Đính chính"));
    // An edit in place: the article keeps its address and its place in the lists.
    site.article(
        "content/2023/bai-2.md",
        "title: Bài số 2\ndate: 02/06/2023 08:00\ncategory: Dân vận\nauthor: Hồng Hải\ncorrections:\n  - date: 05/06/2023 10:00\n    text: Sửa tên người phát biểu.",
        "Sapo 2.\n\nThân bài 2.\n",
    );
    for feed in [
        "/feed.json",
        "/chuyen-muc/dan-van/feed.json",
        "/tac-gia/hong-hai/feed.json",
    ] {
        server.wait_for(feed, "the correction in the JSON Feed", |status, body| {
            status == 200
                && body.contains("Sửa tên người phát biểu.")
                && body.contains("\"date_modified\":\"2023-06-05T10:00:00+07:00\"")
        });
    }
    // What is served is what a full build publishes.
    let out = tempfile::tempdir().unwrap();
    let base_url = format!("http://127.0.0.1:{}/", server.port);
    let built = Command::new(BIN)
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
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", stderr(&built));
    for rel in [
        "feed.json",
        "feed.xml",
        "chuyen-muc/dan-van/feed.json",
        "chuyen-muc/dan-van/feed.xml",
        "tac-gia/hong-hai/feed.json",
    ] {
        let expected = std::fs::read(out.path().join(rel)).unwrap();
        let (status, _, body) = server.get(&format!("/{rel}"));
        assert_eq!(status, 200, "{rel}");
        assert!(body == expected, "{rel} served differs from a build");
    }
    // The sitemap follows once saves pause.
    let expected = std::fs::read_to_string(out.path().join("sitemap.xml")).unwrap();
    assert!(expected.contains("<lastmod>2023-06-05T10:00:00+07:00</lastmod>"));
    server.wait_for("/sitemap.xml", "the sitemap's lastmod", |status, body| {
        status == 200 && body == expected
    });
}
