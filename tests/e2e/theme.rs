//! End-to-end tests of the default theme (issue 8), through the real binary on the fixture
//! site `tests/fixtures/theme` (every page type, published under a sub-path):
//!
//! - every page type is valid HTML for the Nu HTML checker (`vnu-jar` from
//!   tests/browser/package.json, run with `java`) and has no broken internal link;
//! - the metadata (title, description, canonical, Open Graph, Twitter card, JSON-LD,
//!   feeds), the layout's parts, the article's parts and the home page's blocks are there;
//! - "Tin mới nhất", drawn once per build by `latest.html`, is the same as a loop over
//!   `latest` on each page (a `base.html` of an older version), and a theme's own
//!   `latest.html` draws it on every page;
//! - every interface word comes from `strings.yaml`, every colour and font from the
//!   custom properties at the top of the stylesheet, nothing from another host;
//! - in headless Chromium (tests/browser/theme.mjs): axe-core finds no serious or critical
//!   violation on home, article, category, author index, search and 404 pages, phones get
//!   no sideways scrolling, the reader tools work and are remembered, print shows only the
//!   article with link addresses, and the screenshots of home and article at 390 and
//!   1280 px are written to `target/tmp/theme/` (with `report.json`: the CSS/JS/HTML/image
//!   bytes each page downloads and the axe results).

use crate::support as common;

use common::html::{attr, body, element, meta, tag, text, unescape};
use common::{broken_links, links_in, serve_static, snapshot, TestSite};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const BASE: &str = "https://tinh.example.gov.vn/thong-tin-tuyen-van/";
const BASE_PATH: &str = "/thong-tin-tuyen-van/";
const ARTICLE: &str = "2023/06/nuoc-sach-nam-sa/";
const BARE_ARTICLE: &str = "2021/12/thong-bao-lich-tiep-cong-dan-thang-12-2021/";

/// One page of each type of the fixture site (path under the output folder).
const PAGES: &[(&str, &str)] = &[
    ("home", "index.html"),
    ("home page 2", "trang/2/index.html"),
    ("home last page", "trang/3/index.html"),
    ("article", "2023/06/nuoc-sach-nam-sa/index.html"),
    (
        "article without image, author, category or tags",
        "2021/12/thong-bao-lich-tiep-cong-dan-thang-12-2021/index.html",
    ),
    ("static page", "gioi-thieu/index.html"),
    ("category index", "chuyen-muc/index.html"),
    ("category", "chuyen-muc/dan-van/index.html"),
    ("category page 2", "chuyen-muc/dan-van/trang/2/index.html"),
    ("author index", "tac-gia/index.html"),
    ("author", "tac-gia/hong-hai/index.html"),
    ("tag index", "the/index.html"),
    ("tag", "the/nuoc-sach/index.html"),
    ("search", "tim-kiem/index.html"),
    ("404", "404.html"),
    ("alias (file)", "tin-tuc/nuoc-sach-nam-sa.html"),
    ("alias (folder)", "tin-tuc/nuoc-sach/index.html"),
];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture, built.
fn built() -> TestSite {
    let site = TestSite::fixture("theme");
    site.build(&[]);
    site
}

/// The fixture's content with the least configuration: domain root, no menu, publisher,
/// logo or description: the theme's fallbacks.
fn bare() -> TestSite {
    let site = TestSite::fixture("theme");
    site.write(
        "site.yaml",
        "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\n",
    );
    site.build(&[]);
    site
}

// ---------- "Tin mới nhất", drawn once ----------

#[test]
fn latest_column_drawn_once_equals_a_loop_on_each_page() {
    let once = built();
    // A base.html that draws the column on each page from `latest`, as older versions did.
    let base = std::fs::read_to_string(repo().join("themes/default/templates/base.html")).unwrap();
    let drawn = "{% block aside %}{{ latest_html | safe }}{% endblock aside %}";
    assert!(base.contains(drawn), "base.html prints latest_html");
    let per_page = TestSite::fixture("theme");
    per_page.write(
        "themes/default/templates/base.html",
        &base.replace(
            drawn,
            "{% block aside %}{% include \"latest.html\" %}{% endblock aside %}",
        ),
    );
    per_page.build(&[]);
    let (a, b) = (snapshot(&once.public()), snapshot(&per_page.public()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (rel, bytes) in &a {
        assert!(bytes == &b[rel], "{rel} differs");
    }
    let article = once.read(&format!("{ARTICLE}index.html"));
    let aside = element(body(&article), "class=\"sidebar\"", "aside").unwrap();
    assert!(aside.contains("id=\"latest-heading\""), "{aside}");

    // A theme's own latest.html, with only the shared variables, on every page.
    let own = TestSite::fixture("theme");
    own.write(
        "themes/default/templates/latest.html",
        "<aside class=\"sidebar\">{{ t.latest }} – {{ site.title }} – {{ latest | length }}</aside>",
    );
    own.build(&[]);
    for (name, rel) in PAGES.iter().filter(|(n, _)| !n.starts_with("alias")) {
        let html = own.read(rel);
        let aside = element(body(&html), "class=\"sidebar\"", "aside").unwrap();
        assert!(
            aside.starts_with("<aside class=\"sidebar\">Tin mới nhất – Thông tin tuyên vận – "),
            "{name}: {aside}"
        );
        assert!(!aside.contains("latest-heading"), "{name}");
    }
}

// ---------- The HTML validator ----------

/// The Nu HTML checker's jar, installed by `npm ci` in tests/browser.
fn vnu_jar() -> PathBuf {
    let jar = repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.exists(),
        "the Nu HTML checker is needed: (cd tests/browser && npm ci) installs vnu-jar \
         (scripts/test.sh does it on a fresh machine)"
    );
    jar
}

/// Runs the Nu HTML checker on `files`; returns its errors and warnings as
/// "file:line:column: message".
pub(crate) fn validate(files: &[PathBuf]) -> Vec<String> {
    let out = Command::new(std::env::var("JAVA").unwrap_or_else(|_| "java".into()))
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--format", "json", "--also-check-css"])
        .args(files)
        .output()
        .unwrap_or_else(|e| {
            panic!("java is needed for the Nu HTML checker (apt-get install default-jre-headless): {e}")
        });
    let report = String::from_utf8_lossy(&out.stderr);
    let json: serde_json::Value = serde_json::from_str(report.trim()).unwrap_or_else(|e| {
        panic!(
            "vnu gave no JSON report ({e}):\n{report}\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    json["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter(|m| {
            m["type"] == "error" || m["subType"] == "warning" || m["type"] == "non-document-error"
        })
        .map(|m| {
            format!(
                "{}:{}:{}: {}: {}\n    {}",
                m["url"].as_str().unwrap_or(""),
                m["lastLine"],
                m["firstColumn"],
                m["subType"].as_str().or(m["type"].as_str()).unwrap_or(""),
                m["message"].as_str().unwrap_or(""),
                m["extract"].as_str().unwrap_or("").replace('\n', " ")
            )
        })
        .collect()
}

#[test]
fn every_page_type_is_valid_html_with_no_broken_link() {
    let site = built();
    let plain = bare();
    let mut files = Vec::new();
    for (name, rel) in PAGES {
        let path = site.public().join(rel);
        assert!(path.is_file(), "{name}: {rel} was not published");
        files.push(path);
    }
    // The fallbacks: no logo (the star), no menu, no publisher, no description, root URL.
    for rel in [
        "index.html",
        &format!("{BARE_ARTICLE}index.html"),
        "404.html",
    ] {
        files.push(plain.public().join(rel));
    }
    files.push(site.public().join("css/style.css"));
    let problems = validate(&files);
    assert!(
        problems.is_empty(),
        "the Nu HTML checker found:\n{}",
        problems.join("\n")
    );

    let broken_fixture = broken_links(&site.public(), BASE);
    assert!(broken_fixture.is_empty(), "{broken_fixture:#?}");
    let broken_bare = broken_links(&plain.public(), "https://x.gov.vn/");
    assert!(broken_bare.is_empty(), "{broken_bare:#?}");
}

// ---------- Metadata ----------

fn json_ld(html: &str, kind: &str) -> serde_json::Value {
    let mut rest = html;
    while let Some(i) = rest.find("<script type=\"application/ld+json\">") {
        let after = &rest[i + 35..];
        let end = after.find("</script>").expect("closed script");
        let value: serde_json::Value = serde_json::from_str(&after[..end])
            .unwrap_or_else(|e| panic!("JSON-LD does not parse ({e}):\n{}", &after[..end]));
        if value["@type"] == kind {
            return value;
        }
        rest = &after[end..];
    }
    panic!("no JSON-LD {kind}");
}

#[test]
fn article_metadata_for_search_engines_and_shares() {
    let site = built();
    let html = site.read(&format!("{ARTICLE}index.html"));
    let permalink = format!("{BASE}{ARTICLE}");
    let sapo = "Từ chỗ quanh năm phải gánh nước từ khe suối cách bản gần hai cây số, nay 74 hộ đồng bào Mông ở bản Nậm Sả đã có nước sạch về tận nhà, nhờ cách vận động \"dân biết, dân bàn, dân làm\" của chi bộ và tổ tuyên vận bản.";
    // Shares show the largest resized copy: no camera metadata, at most 1600 px wide.
    let photo = format!("{BASE}{ARTICLE}anh-chinh.1200w.jpg");

    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    assert_eq!(
        text(element(&html, "<title>", "title").unwrap()),
        "Dân vận khéo ở Nậm Sả: Bản vùng cao có nước sạch nhờ dân góp công, góp đất – Thông tin tuyên vận"
    );
    assert_eq!(meta(&html, "description").as_deref(), Some(sapo));
    assert_eq!(
        attr(tag(&html, "rel=\"canonical\"").unwrap(), "href").as_deref(),
        Some(permalink.as_str())
    );
    // Zalo and Facebook read Open Graph; X reads its card.
    assert_eq!(meta(&html, "og:type").as_deref(), Some("article"));
    assert_eq!(meta(&html, "og:url").as_deref(), Some(permalink.as_str()));
    assert_eq!(
        meta(&html, "og:title").as_deref(),
        Some("Dân vận khéo ở Nậm Sả: Bản vùng cao có nước sạch nhờ dân góp công, góp đất")
    );
    assert_eq!(meta(&html, "og:description").as_deref(), Some(sapo));
    assert_eq!(meta(&html, "og:image").as_deref(), Some(photo.as_str()));
    assert_eq!(
        meta(&html, "og:image:alt").as_deref(),
        Some("Bể nước bê tông giữa sườn đồi xanh, phía sau là những mái nhà của bản")
    );
    assert_eq!(meta(&html, "og:locale").as_deref(), Some("vi_VN"));
    assert_eq!(
        meta(&html, "og:site_name").as_deref(),
        Some("Thông tin tuyên vận")
    );
    assert_eq!(
        meta(&html, "twitter:card").as_deref(),
        Some("summary_large_image")
    );
    assert_eq!(
        meta(&html, "twitter:image").as_deref(),
        Some(photo.as_str())
    );
    assert_eq!(
        meta(&html, "article:published_time").as_deref(),
        Some("2023-06-12T09:15:00+07:00")
    );
    let feed = tag(&html, "type=\"application/atom+xml\"").unwrap();
    assert_eq!(attr(feed, "rel").as_deref(), Some("alternate"));
    assert_eq!(
        attr(feed, "href").as_deref(),
        Some("/thong-tin-tuyen-van/feed.xml")
    );

    let ld = json_ld(&html, "NewsArticle");
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(
        ld["headline"],
        "Dân vận khéo ở Nậm Sả: Bản vùng cao có nước sạch nhờ dân góp công, góp đất"
    );
    assert_eq!(ld["description"], sapo);
    assert_eq!(ld["datePublished"], "2023-06-12T09:15:00+07:00");
    // The correction of 15/06 is newer than `updated:` (14/06): the article last changed then.
    assert_eq!(ld["dateModified"], "2023-06-15T10:00:00+07:00");
    assert_eq!(ld["image"][0], photo.as_str());
    assert_eq!(ld["url"], permalink.as_str());
    assert_eq!(ld["mainEntityOfPage"]["@id"], permalink.as_str());
    assert_eq!(ld["inLanguage"], "vi");
    assert_eq!(ld["articleSection"], "Dân vận");
    let authors: Vec<_> = ld["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["@type"].as_str().unwrap(),
                a["name"].as_str().unwrap(),
                a["url"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        authors,
        [
            (
                "Person",
                "Hồng Hải",
                "https://tinh.example.gov.vn/thong-tin-tuyen-van/tac-gia/hong-hai/"
            ),
            (
                "Person",
                "Đỗ Phương",
                "https://tinh.example.gov.vn/thong-tin-tuyen-van/tac-gia/do-phuong/"
            ),
        ]
    );
    assert_eq!(
        ld["author"][0]["affiliation"]["name"],
        "Trung tâm Văn hóa, Thể thao và Truyền thông huyện"
    );
    assert_eq!(ld["publisher"]["@type"], "Organization");
    assert_eq!(ld["publisher"]["name"], "Ban Tuyên giáo và Dân vận Tỉnh ủy");
    assert_eq!(
        ld["publisher"]["logo"]["url"],
        "https://tinh.example.gov.vn/thong-tin-tuyen-van/anh/logo.svg"
    );
    assert_eq!(ld["sourceOrganization"]["name"], "Laocai.gov.vn");

    // Without an author or an image, the publisher stands for the author.
    let plain = site.read(&format!("{BARE_ARTICLE}index.html"));
    let ld = json_ld(&plain, "NewsArticle");
    assert_eq!(ld["author"]["name"], "Ban Tuyên giáo và Dân vận Tỉnh ủy");
    assert!(ld.get("image").is_none());
    assert_eq!(meta(&plain, "twitter:card").as_deref(), Some("summary"));
    assert_eq!(ld["datePublished"], "2021-12-01T00:00:00+07:00");
}

#[test]
fn listing_metadata_feeds_and_site_search() {
    let site = built();
    let home = site.read("index.html");
    assert_eq!(
        text(element(&home, "<title>", "title").unwrap()),
        "Thông tin tuyên vận"
    );
    assert_eq!(meta(&home, "og:type").as_deref(), Some("website"));
    assert_eq!(
        meta(&home, "description").as_deref(),
        Some("Tin tức về công tác tuyên giáo, dân vận và xây dựng Đảng ở cơ sở.")
    );
    let ld = json_ld(&home, "WebSite");
    assert_eq!(ld["url"], BASE);
    assert_eq!(
        ld["potentialAction"]["target"]["urlTemplate"],
        "https://tinh.example.gov.vn/thong-tin-tuyen-van/tim-kiem/?q={q}"
    );
    assert!(home.contains("<link rel=\"next\" href=\"/thong-tin-tuyen-van/trang/2/\">"));

    let page2 = site.read("trang/2/index.html");
    assert_eq!(
        text(element(&page2, "<title>", "title").unwrap()),
        "Thông tin tuyên vận - Trang 2"
    );
    assert_eq!(
        attr(tag(&page2, "rel=\"canonical\"").unwrap(), "href").as_deref(),
        Some("https://tinh.example.gov.vn/thong-tin-tuyen-van/trang/2/")
    );
    assert!(page2.contains("<link rel=\"prev\" href=\"/thong-tin-tuyen-van/\">"));

    // A category page offers its own feeds (Atom and JSON Feed) besides the site's.
    // An article and a category's later pages mark their section in the menu.
    let article = site.read(&format!("{ARTICLE}index.html"));
    assert!(article.contains(
        "<a href=\"/thong-tin-tuyen-van/chuyen-muc/dan-van/\" class=\"is-section\">Dân vận</a>"
    ));
    let page2 = site.read("chuyen-muc/dan-van/trang/2/index.html");
    assert!(page2.contains(
        "<a href=\"/thong-tin-tuyen-van/chuyen-muc/dan-van/\" class=\"is-section\">Dân vận</a>"
    ));
    assert!(!site.read("gioi-thieu/index.html").contains("is-section"));
    let category = site.read("chuyen-muc/dan-van/index.html");
    let feeds: Vec<_> = category
        .match_indices("<link rel=\"alternate\"")
        .map(|(i, _)| attr(tag(&category[i..], "rel=").unwrap(), "href").unwrap())
        .collect();
    assert_eq!(
        feeds,
        [
            "/thong-tin-tuyen-van/feed.xml",
            "/thong-tin-tuyen-van/feed.json",
            "/thong-tin-tuyen-van/chuyen-muc/dan-van/feed.xml",
            "/thong-tin-tuyen-van/chuyen-muc/dan-van/feed.json"
        ]
    );
    assert!(text(element(&category, "<title>", "title").unwrap()).starts_with("Dân vận"));

    // The 404 page is not indexed; alias pages point search engines at the article.
    assert_eq!(
        meta(&site.read("404.html"), "robots").as_deref(),
        Some("noindex")
    );
    let alias = site.read("tin-tuc/nuoc-sach-nam-sa.html");
    assert_eq!(
        attr(tag(&alias, "rel=\"canonical\"").unwrap(), "href").as_deref(),
        Some(format!("{BASE}{ARTICLE}").as_str())
    );
}

// ---------- Layout and pages ----------

#[test]
fn every_page_has_the_frame_with_landmarks_and_the_publisher() {
    let site = built();
    for (name, rel) in PAGES.iter().filter(|(n, _)| !n.starts_with("alias")) {
        let html = site.read(rel);
        let body = body(&html);
        // The skip link comes first and leads to <main id="main">, which is there once.
        let first_link = &body[body.find("<a ").unwrap()..];
        assert!(
            first_link.starts_with("<a class=\"skip-link\" href=\"#main\">"),
            "{name}: first link {}",
            &first_link[..80]
        );
        assert_eq!(body.matches("<main id=\"main\"").count(), 1, "{name}");
        assert_eq!(body.matches("<h1").count(), 1, "{name}: one h1");
        for landmark in [
            "<header class=\"site-header\"",
            "<nav class=\"site-nav\"",
            "<footer class=\"site-footer\"",
            "role=\"search\"",
        ] {
            assert!(body.contains(landmark), "{name}: {landmark}");
        }
        // Header: logo slot (the site's logo, decorative next to the title), title, home link.
        let brand = element(body, "class=\"brand\"", "a").unwrap();
        assert!(
            brand.contains(
                "<img class=\"brand-logo\" src=\"/thong-tin-tuyen-van/anh/logo.svg\" alt=\"\">"
            ),
            "{name}"
        );
        assert!(text(brand).contains("Thông tin tuyên vận"));
        // Menu: every item, the current one marked.
        let nav = element(body, "class=\"site-nav\"", "nav").unwrap();
        assert_eq!(
            text(nav),
            "Trang chủ Dân vận Xây dựng Đảng Giới thiệu Cổng tỉnh",
            "{name}"
        );
        // Search box with a label; the search page has its own box instead: one is enough.
        if rel.starts_with("tim-kiem/") {
            assert!(
                !body.contains("class=\"site-search\""),
                "{name}: one search box"
            );
        } else {
            let search = element(body, "class=\"site-search\"", "form").unwrap();
            assert!(search.contains("action=\"/thong-tin-tuyen-van/tim-kiem/\""));
            assert!(search.contains("<label class=\"visually-hidden\" for=\"site-search-q\">"));
        }
        // Footer: the publisher block and the licence line.
        let footer = text(element(body, "<footer class=\"site-footer\"", "footer").unwrap());
        for part in [
            "Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "Cơ quan chủ quản: Tỉnh ủy Lào Cai",
            "Chịu trách nhiệm nội dung: Đồng chí Giàng Seo Phử, Trưởng Ban Tuyên giáo và Dân vận Tỉnh ủy",
            "Giấy phép xuất bản số 05/GP-TTĐT ngày 10/01/2022 của Sở Thông tin và Truyền thông.",
            "Địa chỉ: Số 1, đường Hoàng Liên, phường Cốc Lếu",
            "Điện thoại: 0214 3 840 000",
            "Email: tuyenvan@example.gov.vn",
            "Lên đầu trang",
        ] {
            assert!(
                footer.contains(part),
                "{name}: footer lacks {part}: {footer}"
            );
        }
        // "Tin mới nhất" in the side column, 8 articles.
        let aside = element(body, "<aside class=\"sidebar\"", "aside").unwrap();
        assert!(text(aside).starts_with("Tin mới nhất"), "{name}");
        assert_eq!(aside.matches("<li>").count(), 8, "{name}");
    }
    let home = site.read("index.html");
    assert!(body(&home)
        .contains("<a href=\"/thong-tin-tuyen-van/\" aria-current=\"page\">Trang chủ</a>"));
    let category = site.read("chuyen-muc/dan-van/index.html");
    assert!(category.contains(
        "<a href=\"/thong-tin-tuyen-van/chuyen-muc/dan-van/\" aria-current=\"page\">Dân vận</a>"
    ));

    // Without a logo in site.yaml, the gold star marks the title, and without a publisher
    // the footer names the site.
    let plain = bare();
    let home = plain.read("index.html");
    assert!(home.contains("<svg class=\"brand-mark\""));
    assert!(
        !home.contains("class=\"site-nav\""),
        "no menu, no empty nav"
    );
    assert!(text(element(&home, "<footer", "footer").unwrap()).starts_with("Thông tin tuyên vận"));
}

#[test]
fn article_page_has_every_part_in_order() {
    let site = built();
    let html = site.read(&format!("{ARTICLE}index.html"));
    let main = element(&html, "<main id=\"main\"", "main").unwrap();
    let at = |needle: &str| {
        main.find(needle)
            .unwrap_or_else(|| panic!("the article page lacks {needle}"))
    };
    // Breadcrumb, title, date, last change, source, corrections, sapo, photo with caption,
    // body, authors, tags,
    // "Tin khác", in that order.
    let order = [
        "<nav class=\"breadcrumb\"",
        "<h1 class=\"article-title\">Dân vận khéo ở Nậm Sả: Bản vùng cao có nước sạch nhờ dân góp công, góp đất</h1>",
        "<time datetime=\"2023-06-12T09:15:00+07:00\">Thứ Hai, 12/06/2023 09:15</time>",
        "Cập nhật lúc <time datetime=\"2023-06-15T10:00:00+07:00\">Thứ Năm, 15/06/2023 10:00</time>",
        "Nguồn: Laocai.gov.vn",
        "<h2 class=\"corrections-title\" id=\"corrections-heading\">Đính chính</h2>",
        "<li><time datetime=\"2023-06-15T10:00:00+07:00\">Thứ Năm, 15/06/2023 10:00</time>: Sửa số hộ được dùng nước sạch: 74 hộ (bản trước ghi nhầm là 47 hộ).</li>",
        "<p class=\"sapo\">Từ chỗ quanh năm",
        "<figure class=\"article-image\">",
        "<source type=\"image/webp\" srcset=\"/thong-tin-tuyen-van/2023/06/nuoc-sach-nam-sa/anh-chinh.480w.webp 480w,",
        "<img src=\"/thong-tin-tuyen-van/2023/06/nuoc-sach-nam-sa/anh-chinh.1200w.jpg\" srcset=",
        "width=\"1200\" height=\"800\" alt=\"Bể nước bê tông giữa sườn đồi xanh, phía sau là những mái nhà của bản\" decoding=\"async\"></picture>",
        "<figcaption>Người dân bản Nậm Sả bên bể chứa nước mới được xây dựng.</figcaption>",
        "<div class=\"article-body\"",
        "alt=\"Đảng viên và người dân cùng đào rãnh đặt đường ống\"",
        "<p class=\"byline\">",
        "rel=\"author\">Hồng Hải</a>",
        "rel=\"author\">Đỗ Phương</a>",
        "<p class=\"terms terms--tags\">",
        "<h2 class=\"box-title\" id=\"related-heading\">Bài liên quan</h2>",
    ];
    let positions: Vec<usize> = order.iter().map(|n| at(n)).collect();
    for (w, pair) in positions.windows(2).enumerate() {
        assert!(
            pair[0] < pair[1],
            "{} should come before {}",
            order[w],
            order[w + 1]
        );
    }
    // The sapo is bold and not repeated in the body.
    let css = site.read("css/style.css");
    let sapo_rule = &css[css.find(".sapo {").unwrap()..];
    assert!(sapo_rule[..sapo_rule.find('}').unwrap()].contains("font-weight: 700"));
    assert_eq!(main.matches("Từ chỗ quanh năm").count(), 1);
    // The affiliation of a profiled author is shown with the name.
    assert!(text(element(main, "<p class=\"byline\">", "p").unwrap())
        .contains("Hồng Hải (Trung tâm Văn hóa, Thể thao và Truyền thông huyện)"));
    // Text size tools are in the page but hidden until the script shows them.
    assert!(main.contains("data-reader-tools hidden"));
    // "Tin khác": the other articles of "Dân vận", not this one.
    let related = element(main, "id=\"related-heading\"", "section").unwrap();
    assert_eq!(related.matches("<li>").count(), 4);
    assert!(!related.contains(ARTICLE));
    // The printed page starts with the site and the article's address.
    assert!(main.contains(&format!(
        "<p class=\"print-only print-source\">Thông tin tuyên vận – {BASE}{ARTICLE}</p>"
    )));

    // An article with nothing optional still reads well: no empty blocks.
    let plain = site.read(&format!("{BARE_ARTICLE}index.html"));
    let main = element(&plain, "<main id=\"main\"", "main").unwrap();
    for absent in [
        "class=\"byline\"",
        "class=\"article-image\"",
        "class=\"breadcrumb\"",
        "related-heading",
        "class=\"article-footer\"",
        "Nguồn:",
        "class=\"corrections\"",
        "class=\"meta-updated\"",
    ] {
        assert!(!main.contains(absent), "{absent} on an article without it");
    }
    assert!(main.contains("<p class=\"sapo\">Ban Tuyên giáo và Dân vận Tỉnh ủy thông báo"));
}

#[test]
fn home_has_featured_block_newest_list_and_numbered_pager() {
    let site = built();
    let home = site.read("index.html");
    let main = element(&home, "<main id=\"main\"", "main").unwrap();
    let featured = element(main, "class=\"featured\"", "section").unwrap();
    assert!(text(featured).starts_with("Tin nổi bật"));
    // Three featured articles, newest first, the lead one with its photo and sapo.
    let titles: Vec<String> = featured
        .match_indices("<a class=\"featured-more-title\"")
        .map(|(i, _)| text(element(&featured[i..], "", "a").unwrap()))
        .collect();
    assert!(featured.contains(
        "<h3 class=\"featured-title\"><a href=\"/thong-tin-tuyen-van/2025/02/nang-cao-chat-luong-sinh-hoat-chi-bo-o-dang-bo-khoi-co-quan/\">"
    ));
    assert_eq!(
        titles,
        [
            "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư thôn Khuổi Phục",
            "Dân vận khéo ở Nậm Sả: Bản vùng cao có nước sạch nhờ dân góp công, góp đất"
        ]
    );
    // The newest list, 3 per page, with thumbnails where there is a photo, date, sapo; on
    // page 1 without the articles "Tin nổi bật" just showed (all three are among the newest).
    let listing = element(main, "class=\"listing\"", "section").unwrap();
    assert!(text(listing).starts_with("Tin tức"));
    assert_eq!(listing.matches("<article class=\"item").count(), 1);
    assert_eq!(
        listing
            .matches("<article class=\"item item--image\">")
            .count(),
        1
    );
    assert_eq!(listing.matches("<time datetime=").count(), 1);
    assert_eq!(listing.matches("<p class=\"item-summary\">").count(), 1);
    assert!(listing.contains("<img src=\"/thong-tin-tuyen-van/anh/nguoi-co-uy-tin.thumb.jpg\" width=\"360\" height=\"240\" alt=\"\" loading=\"lazy\""), "{listing}");
    for featured in [
        "nang-cao-chat-luong",
        "ngay-hoi-dai-doan-ket",
        "nuoc-sach-nam-sa",
    ] {
        assert!(
            !listing.contains(featured),
            "{featured} repeated under Tin nổi bật"
        );
    }
    // Page 2 lists the articles of its window, featured or not.
    let page2 = site.read("trang/2/index.html");
    assert_eq!(
        element(&page2, "class=\"listing\"", "section")
            .unwrap()
            .matches("<article class=\"item")
            .count(),
        3
    );
    // The pager: << < 1 2 3 > >>, with words for screen readers.
    let pager = element(listing, "class=\"pager\"", "nav").unwrap();
    assert!(pager.contains("aria-label=\"Phân trang\""));
    assert_eq!(
        text(pager),
        "<< < Trang 1 Trang 2 Trang 3 > Trang sau >> Trang cuối"
    );
    assert_eq!(
        links_in(pager),
        [
            "/thong-tin-tuyen-van/",
            "/thong-tin-tuyen-van/trang/2/",
            "/thong-tin-tuyen-van/trang/3/",
            "/thong-tin-tuyen-van/trang/2/",
            "/thong-tin-tuyen-van/trang/3/"
        ]
    );
    assert!(pager.contains("<a href=\"/thong-tin-tuyen-van/\" aria-current=\"page\">"));
    // Later pages have no featured block.
    assert!(!site
        .read("trang/2/index.html")
        .contains("class=\"featured\""));
}

#[test]
fn author_and_term_pages_show_profiles_and_counts() {
    let site = built();
    let author = site.read("tac-gia/hong-hai/index.html");
    let main = text(element(&author, "<main id=\"main\"", "main").unwrap());
    assert!(main.contains("Hồng Hải"));
    assert!(main.contains("Trung tâm Văn hóa, Thể thao và Truyền thông huyện"));
    // A bio is text, never markup.
    assert!(author.contains("&lt;không phải HTML&gt;"));
    let index = site.read("tac-gia/index.html");
    let list = text(element(&index, "class=\"term-index", "ul").unwrap());
    assert_eq!(
        list,
        "Dương Minh 2 bài viết Đỗ Phương 3 bài viết Hồng Hải 3 bài viết Trung tâm Văn hóa, Thể thao và Truyền thông huyện"
    );
    let page2 = site.read("chuyen-muc/dan-van/trang/2/index.html");
    assert!(text(element(&page2, "<h1", "h1").unwrap()).ends_with("Trang 2"));
}

// ---------- Re-skinning ----------

/// Every interface word comes from strings.yaml: a site that overrides all of them sees
/// none of the built-in words on any page.
#[test]
fn every_interface_word_comes_from_strings_yaml() {
    let strings: BTreeMap<String, String> = serde_yaml::from_str(
        &std::fs::read_to_string(repo().join("themes/default/strings.yaml")).unwrap(),
    )
    .unwrap();
    let site = TestSite::fixture("theme");
    // The content and configuration must not use the words themselves: no menu, no
    // publisher, and no static page (whose own words would count).
    site.write(
        "site.yaml",
        "title: Bản tin\nbase_url: https://x.gov.vn/\npaginate: 3\n",
    );
    std::fs::remove_file(site.path("content/gioi-thieu.md")).unwrap();
    let overrides: String = strings
        .keys()
        .map(|k| format!("{k}: \"@{k}@\"\n"))
        .collect();
    site.write("themes/default/strings.yaml", &overrides);
    site.build(&[]);

    // Words the articles themselves use are not counted.
    let mut content = String::new();
    for entry in walkdir::WalkDir::new(site.path("content")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "md") {
            content.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    let words: Vec<&String> = strings
        .values()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
        .collect();
    let mut leaks = Vec::new();
    let mut seen_keys = std::collections::BTreeSet::new();
    for (name, rel) in PAGES.iter().filter(|(_, r)| !r.starts_with("gioi-thieu")) {
        let html = site.read(rel);
        // What a reader or a screen reader meets: text, labels, titles, placeholders.
        let mut shown = text(body(&html));
        shown.push(' ');
        shown.push_str(&text(element(&html, "<title>", "title").unwrap()));
        for a in [
            "aria-label",
            "title",
            "placeholder",
            "alt",
            "data-no-results",
        ] {
            let key = format!(" {a}=\"");
            for (i, _) in html.match_indices(&key) {
                let v = &html[i + key.len()..];
                shown.push(' ');
                shown.push_str(&unescape(&v[..v.find('"').unwrap()]));
            }
        }
        for w in &words {
            if !content.contains(w.as_str()) && shown.contains(w.as_str()) {
                leaks.push(format!("{name}: \"{w}\""));
            }
        }
        for (i, _) in shown.match_indices('@') {
            if let Some(end) = shown[i + 1..].find('@') {
                seen_keys.insert(shown[i + 1..i + 1 + end].to_string());
            }
        }
    }
    assert!(
        leaks.is_empty(),
        "built-in words despite the override: {leaks:#?}"
    );
    for key in [
        "latest",
        "related",
        "share",
        "featured",
        "categories",
        "authors",
        "page",
        "search",
        "back_to_top",
        "skip_to_content",
        "text_size",
        "pagination",
    ] {
        assert!(
            seen_keys.contains(key),
            "t.{key} is not shown anywhere: {seen_keys:?}"
        );
    }
}

/// All colours and fonts are custom properties of the :root block at the top of the
/// stylesheet; templates carry no colour or font of their own.
#[test]
fn colours_and_fonts_live_in_one_place() {
    let css = std::fs::read_to_string(repo().join("themes/default/static/css/style.css")).unwrap();
    // Comments out.
    let mut plain = String::new();
    let mut rest = css.as_str();
    while let Some(i) = rest.find("/*") {
        plain.push_str(&rest[..i]);
        rest = &rest[i + rest[i..].find("*/").unwrap() + 2..];
    }
    plain.push_str(rest);
    let root_start = plain.find(":root {").expect(":root block");
    let root_end = root_start + plain[root_start..].find("\n}").unwrap();
    assert!(
        plain[..root_start].trim().is_empty(),
        "the :root block comes first"
    );
    let outside = format!("{}{}", &plain[..root_start], &plain[root_end..]);
    let colour = |s: &str| {
        let mut found = Vec::new();
        for (i, _) in s.match_indices('#') {
            let hex: String = s[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_hexdigit())
                .collect();
            if [3, 4, 6, 8].contains(&hex.len()) {
                found.push(format!("#{hex}"));
            }
        }
        for f in ["rgb(", "rgba(", "hsl(", "hsla("] {
            if s.contains(f) {
                found.push(f.to_string());
            }
        }
        for named in [": white;", ": black;", ": red;", " white;", " black;"] {
            if s.contains(named) {
                found.push(named.to_string());
            }
        }
        found
    };
    assert_eq!(
        colour(&outside),
        Vec::<String>::new(),
        "colours outside :root"
    );
    for line in outside.lines().filter(|l| l.contains("font-family")) {
        assert!(
            line.contains("font-family: var(--") || line.contains("font-family: inherit"),
            "a font outside :root: {line}"
        );
    }
    // No font, stylesheet or anything else from another host.
    assert!(!css.contains("@import"));
    assert!(!css.contains("url(http") && !css.contains("url(\"http") && !css.contains("url(//"));
    for entry in walkdir::WalkDir::new(repo().join("themes/default/templates")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let template = std::fs::read_to_string(entry.path()).unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(!template.contains(" style=\""), "{name}: inline style");
        assert!(!template.contains("<style"), "{name}: <style>");
        assert_eq!(
            colour(&template.replace("&#", "")),
            Vec::<String>::new(),
            "{name}: colours"
        );
        assert!(!template.contains("//fonts."), "{name}: web fonts");
    }
}

#[test]
fn pages_load_nothing_from_other_hosts() {
    let site = built();
    for (name, rel) in PAGES {
        let html = site.read(rel);
        for (i, _) in html
            .match_indices("<script src=\"")
            .chain(html.match_indices("<link rel=\"stylesheet\""))
            .chain(html.match_indices("<link rel=\"icon\""))
        {
            let t = tag(&html[i..], "<").unwrap();
            let url = attr(t, "src").or_else(|| attr(t, "href")).unwrap();
            assert!(
                url.starts_with(BASE_PATH),
                "{name}: {url} is not from the site"
            );
        }
        assert!(!html.contains("<iframe"), "{name}");
    }
}

// ---------- In the browser ----------

#[test]
fn browser_axe_audit_screenshots_and_reader_tools() {
    let site = TestSite::fixture("theme");
    let served = tempfile::tempdir().unwrap();
    let port = serve_static(served.path().to_path_buf());
    let base = format!("http://127.0.0.1:{port}/thong-tin-tuyen-van/");
    let output = served.path().join("thong-tin-tuyen-van");
    site.build(&["--output", output.to_str().unwrap(), "--base-url", &base]);

    let artefacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("theme");
    let _ = std::fs::remove_dir_all(&artefacts);
    let audited = [
        ("home", "", true, vec![390, 1280]),
        ("article", ARTICLE, true, vec![390, 1280]),
        ("category", "chuyen-muc/dan-van/", true, vec![390]),
        ("author-index", "tac-gia/", true, vec![]),
        ("search", "tim-kiem/", true, vec![]),
        ("404", "404.html", true, vec![390]),
        ("static-page", "gioi-thieu/", false, vec![]),
        ("home-page-2", "trang/2/", false, vec![]),
        ("tag", "the/nuoc-sach/", false, vec![]),
    ];
    let config = serde_json::json!({
        "base": base,
        "out": artefacts,
        "pages": audited.iter().map(|(name, path, axe, shots)| serde_json::json!({
            "name": name, "path": path, "axe": axe, "shots": shots
        })).collect::<Vec<_>>(),
        "article": ARTICLE,
        "other_article": "2024/05/tan-hoa-van-dong-nhan-dan-hien-dat-mo-rong-duong-giao-thong-nong-thon/",
        "paged": "",
    });
    let report = common::browser_script("theme.mjs", &config);
    std::fs::write(
        artefacts.join("report.json"),
        serde_json::to_string_pretty(&report).unwrap(),
    )
    .unwrap();

    let mut failures = Vec::new();
    let mut summary = String::new();
    for (name, _, axe, shots) in &audited {
        let page = &report["pages"][name];
        let bytes = &page["bytes"];
        summary.push_str(&format!(
            "{name:13} html {:>6} css {:>6} js {:>6} img {:>7}",
            bytes["html"], bytes["css"], bytes["js"], bytes["img"]
        ));
        if *axe {
            let count = |k: &str| page["axe"][k].as_array().map_or(0, |v| v.len());
            summary.push_str(&format!(
                "  axe: critical {} serious {} moderate {} minor {}",
                count("critical"),
                count("serious"),
                count("moderate"),
                count("minor")
            ));
            for impact in ["critical", "serious"] {
                for v in page["axe"][impact].as_array().unwrap() {
                    failures.push(format!("{name}: axe {impact}: {v}"));
                }
            }
        }
        summary.push('\n');
        for w in shots {
            let shot = artefacts.join(format!("{name}-{w}.png"));
            assert!(shot.is_file(), "no screenshot {}", shot.display());
            let width = page["overflow"][w.to_string()].as_u64().unwrap();
            if width > *w as u64 {
                failures.push(format!(
                    "{name}: {width}px wide at a {w}px viewport (sideways scrolling)"
                ));
            }
        }
        if let Some(external) = page["external"].as_array() {
            if !external.is_empty() {
                failures.push(format!("{name}: requests to other hosts {external:?}"));
            }
        }
        // The stylesheet and the reader script, and nothing missing.
        for f in page["files"]["css"]
            .as_array()
            .unwrap()
            .iter()
            .chain(page["files"]["js"].as_array().unwrap())
        {
            let f = f.as_str().unwrap();
            if !f.contains(" 200 ") {
                failures.push(format!("{name}: {f}"));
            }
        }
    }
    println!("{summary}screenshots and report: {}", artefacts.display());

    let c = &report["checks"];
    let expect = |ok: bool, what: &str, failures: &mut Vec<String>| {
        if !ok {
            failures.push(format!("{what}: {c}"));
        }
    };
    expect(
        c["skip_link"]["href"] == "#main" && c["skip_link"]["visible"] == true,
        "the first Tab shows the skip link",
        &mut failures,
    );
    expect(
        c["skip_target"] == "main",
        "the skip link moves focus to <main>",
        &mut failures,
    );
    expect(
        c["focus_outline"] == true,
        "focus is visible",
        &mut failures,
    );
    expect(
        c["tools_visible"] == true,
        "the text size tools show with JavaScript",
        &mut failures,
    );
    let ts = &c["text_size"];
    expect(
        ts["label"] == "120%" && ts["after"].as_f64() > ts["before"].as_f64(),
        "A+ twice: 120%, larger text",
        &mut failures,
    );
    expect(
        ts["remembered_label"] == "120%" && ts["remembered_size"] == ts["after"],
        "the text size is remembered on the next article",
        &mut failures,
    );
    expect(
        ts["reset_size"] == ts["before"],
        "100% resets the size",
        &mut failures,
    );
    expect(
        c["back_to_top_visible"] == true && c["back_to_top_scroll"] == 0,
        "back to top",
        &mut failures,
    );
    let print = &c["print"];
    expect(
        print["header_hidden"] == true
            && print["sidebar_hidden"] == true
            && print["footer_hidden"] == true
            && print["title_shown"] == true,
        "print shows the article alone",
        &mut failures,
    );
    expect(
        print["link_after"]
            .as_str()
            .is_some_and(|s| s.contains(&format!("{base}2022/03/"))),
        "print writes the absolute address after a link",
        &mut failures,
    );
    let nojs = &c["no_js"];
    expect(
        nojs["body_chars"].as_u64().unwrap_or(0) > 500
            && nojs["sapo_visible"] == true
            && nojs["tools_hidden"] == true
            && nojs["latest_links"].as_u64().unwrap_or(0) >= 8,
        "without JavaScript everything reads and the tools stay hidden",
        &mut failures,
    );
    expect(
        c["search_by_keyboard"]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with(&format!("{base}tim-kiem/?q=tuyen"))),
        "the search box works from the keyboard",
        &mut failures,
    );
    expect(
        c["pager_by_keyboard"]["url"].as_str() == Some(&format!("{base}trang/2/")),
        "the pager works from the keyboard",
        &mut failures,
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
