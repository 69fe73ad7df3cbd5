//! End-to-end tests of the bulletin around the articles (issue 3): home, indexes, terms,
//! pagination, feeds, sitemap, aliases, base path, and the link check over every page.

use crate::support as common;

use common::{broken_links, links_in, TestSite};

/// A site with `n` articles in category "Dân vận" (one per day, newest last) and paginate 2.
fn paged_site(n: usize, base_url: &str) -> TestSite {
    let site = TestSite::with_config(&format!(
        "title: Thông tin tuyên vận\nbase_url: {base_url}\npaginate: 2\nauthors:\n  \"Hồng Hải\": {{affiliation: Trung tâm VH, bio: Phóng viên}}\n"
    ));
    for i in 1..=n {
        let author = ["Hồng Hải", "Đỗ Phương", "Dương Minh", "Hà Nam"][i % 4];
        site.article(
            &format!("content/2023/bai-{i}.md"),
            &format!("title: Bài số {i}\ndate: 2023-03-{i:02} 08:00\nauthor: {author}\ncategory: Dân vận\ntags: [\"{}\"]", if i % 2 == 0 { "Tỉnh ủy" } else { "Tỉnh uỷ" }),
            &format!("Sapo của bài số {i}.\n\nThân bài số {i}."),
        );
    }
    site
}

/// A published pager: every link, the `rel="prev"` and `rel="next"` targets, the current page.
type Pager = (Vec<String>, Option<String>, Option<String>, String);

fn pager(html: &str) -> Option<Pager> {
    let start = html.find("<nav class=\"pager\"")?;
    let nav = &html[start..start + html[start..].find("</nav>")?];
    let rel = |r: &str| {
        let i = nav.find(&format!("rel=\"{r}\""))?;
        let before = &nav[..i];
        let href = before.rfind("href=\"")?;
        Some(before[href + 6..].split('"').next()?.to_string())
    };
    let current = nav.find("aria-current=\"page\"").map(|i| {
        let before = &nav[..i];
        let href = before.rfind("href=\"").unwrap();
        before[href + 6..].split('"').next().unwrap().to_string()
    })?;
    Some((links_in(nav), rel("prev"), rel("next"), current))
}

#[test]
fn term_pages_are_paginated() {
    let site = paged_site(7, "https://x.gov.vn/");
    site.build(&[]);
    for page in [
        "chuyen-muc/dan-van/index.html",
        "chuyen-muc/dan-van/trang/2/index.html",
        "chuyen-muc/dan-van/trang/3/index.html",
        "chuyen-muc/dan-van/trang/4/index.html",
        "trang/4/index.html",
    ] {
        assert!(site.exists(page), "{page}");
    }
    assert!(!site.exists("chuyen-muc/dan-van/trang/5/index.html"));
    assert!(
        !site.exists("chuyen-muc/dan-van/trang/1/index.html"),
        "page 1 is the plain URL"
    );
    assert!(!site.exists("trang/1/index.html"));
    assert!(
        site.exists("tac-gia/hong-hai/index.html")
            && !site.exists("tac-gia/hong-hai/trang/2/index.html"),
        "Hồng Hải has 1 article"
    );
    // Two articles per page, newest first.
    let page = site.read("chuyen-muc/dan-van/index.html");
    let first = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
    let (i7, i6) = (
        first.find("Bài số 7").unwrap(),
        first.find("Bài số 6").unwrap(),
    );
    assert!(i7 < i6);
    assert!(!first.contains("Bài số 5<"));
}

#[test]
fn pager_links_on_first_middle_and_last_pages() {
    let site = paged_site(7, "https://x.gov.vn/");
    site.build(&[]);
    let (links, prev, next, current) = pager(&site.read("chuyen-muc/dan-van/index.html")).unwrap();
    assert_eq!(
        (prev, next.as_deref(), current.as_str()),
        (
            None,
            Some("/chuyen-muc/dan-van/trang/2/"),
            "/chuyen-muc/dan-van/"
        )
    );
    for n in 2..=4 {
        assert!(links.contains(&format!("/chuyen-muc/dan-van/trang/{n}/")));
    }
    let (_, prev, next, current) =
        pager(&site.read("chuyen-muc/dan-van/trang/2/index.html")).unwrap();
    assert_eq!(prev.as_deref(), Some("/chuyen-muc/dan-van/"));
    assert_eq!(next.as_deref(), Some("/chuyen-muc/dan-van/trang/3/"));
    assert_eq!(current, "/chuyen-muc/dan-van/trang/2/");
    let (links, prev, next, current) =
        pager(&site.read("chuyen-muc/dan-van/trang/4/index.html")).unwrap();
    assert_eq!(
        (prev.as_deref(), next),
        (Some("/chuyen-muc/dan-van/trang/3/"), None)
    );
    assert_eq!(current, "/chuyen-muc/dan-van/trang/4/");
    assert!(
        links.contains(&"/chuyen-muc/dan-van/".to_string()),
        "link back to page 1"
    );
    assert!(!links.iter().any(|l| l.contains("/trang/1/")));
    // A one-page list has no pager.
    assert!(pager(&site.read("tac-gia/hong-hai/index.html")).is_none());
}

#[test]
fn long_lists_get_an_ellipsis_window() {
    let site = paged_site(24, "https://x.gov.vn/");
    site.build(&[]);
    let html = site.read("trang/6/index.html");
    let start = html.find("<nav class=\"pager\"").unwrap();
    let nav = &html[start..];
    assert_eq!(
        nav[..nav.find("</nav>").unwrap()].matches('…').count(),
        2,
        "1 … 4 5 6 7 8 … 12"
    );
}

#[test]
fn indexes_are_in_vietnamese_order_with_counts() {
    let site = paged_site(8, "https://x.gov.vn/");
    site.build(&[]);
    let html = site.read("tac-gia/index.html");
    let pos = |name: &str| {
        html.find(&format!(">{name}<"))
            .unwrap_or_else(|| panic!("{name} missing"))
    };
    assert!(pos("Dương Minh") < pos("Đỗ Phương"));
    assert!(pos("Đỗ Phương") < pos("Hà Nam"));
    assert!(pos("Hà Nam") < pos("Hồng Hải"));
    assert!(html.contains("2 bài viết"));
}

#[test]
fn spellings_of_one_term_merge() {
    let site = paged_site(4, "https://x.gov.vn/");
    site.build(&[]);
    let tags = site.read("the/index.html");
    assert_eq!(
        tags.matches("href=\"/the/tinh-uy/\"").count(),
        1,
        "one term for Tỉnh ủy / Tỉnh uỷ"
    );
    assert!(tags.contains("4 bài viết"));
    assert!(site.exists("the/tinh-uy/trang/2/index.html"));
    // Two articles each: the tie goes to the newest article's spelling.
    assert!(tags.contains(">Tỉnh ủy<"));
}

#[test]
fn different_names_sharing_an_address_are_one_term() {
    let site = TestSite::new();
    site.article(
        "content/a.md",
        "title: A\ndate: 2023-01-01\ncategory: Dân vận",
        "A",
    );
    site.article(
        "content/b.md",
        "title: B\ndate: 2023-01-02\ncategory: Dận vân",
        "B",
    );
    site.build(&[]);
    let term = site.read("chuyen-muc/dan-van/index.html");
    assert!(
        term.contains("Dận vân") && !term.contains("Dân vận"),
        "{term}"
    );
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`Dân vận` (1 article, e.g. content/a.md)")
            && stderr.contains("`Dận vân` (1 article, e.g. content/b.md)"),
        "{stderr}"
    );
}

#[test]
fn home_shows_featured_then_newest() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let html = site.read("index.html");
    let featured = html.find("Học tập và làm theo").unwrap();
    let newest = html.find("Hội nghị tổng kết công tác").unwrap();
    assert!(featured < newest, "featured block comes first");
    assert!(html.contains("Tin nổi bật"));
    assert!(
        site.exists("trang/2/index.html"),
        "paginate 2 with 3 articles"
    );
}

#[test]
fn article_page_lists_latest_and_others_and_neighbours() {
    let site = paged_site(14, "https://x.gov.vn/");
    site.build(&[]);
    let html = site.read("2023/03/bai-so-3/index.html");
    let others = &html[html.find("Bài liên quan").unwrap()..];
    let others = &others[..others.find("</ul>").unwrap()];
    assert_eq!(others.matches("<li>").count(), 10, "up to 10 others");
    assert!(!others.contains("/2023/03/bai-so-3/\""), "excluding itself");
    assert!(
        others.find("bai-so-14/").unwrap() < others.find("bai-so-13/").unwrap(),
        "newest first"
    );
    let latest = &html[html.find("Tin mới nhất").unwrap()..];
    assert!(
        latest.contains("/2023/03/bai-so-14/")
            && latest.contains("/2023/03/bai-so-5/")
            && !latest.contains("/2023/03/bai-so-4/\""),
        "the 10 newest"
    );
    assert!(
        html.contains("href=\"/2023/03/bai-so-2/\"")
            && html.contains("href=\"/2023/03/bai-so-4/\""),
        "previous/next"
    );
}

#[test]
fn author_profiles_show_on_their_page_and_articles() {
    let site = paged_site(4, "https://x.gov.vn/");
    site.build(&[]);
    let page = site.read("tac-gia/hong-hai/index.html");
    assert!(page.contains("Trung tâm VH") && page.contains("Phóng viên"));
    assert!(site
        .read("2023/03/bai-so-4/index.html")
        .contains("Trung tâm VH"));
    assert!(
        site.exists("tac-gia/do-phuong/index.html"),
        "names without profile work"
    );
}

fn xml(text: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("invalid XML: {e}\n{text}"))
}

#[test]
fn feeds_are_valid_atom_with_absolute_links() {
    let base = "https://x.gov.vn/thong-tin-tuyen-van/";
    let site = paged_site(25, base);
    site.build(&[]);
    let atom = "http://www.w3.org/2005/Atom";
    for (feed, expected) in [
        ("feed.xml", 20),
        ("chuyen-muc/dan-van/feed.xml", 20),
        ("tac-gia/hong-hai/feed.xml", 6),
    ] {
        let text = site.read(feed);
        let doc = xml(&text);
        let root = doc.root_element();
        assert_eq!(root.tag_name().namespace(), Some(atom));
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((atom, "entry")))
            .collect();
        assert_eq!(entries.len(), expected, "{feed}");
        for entry in &entries {
            let link = entry
                .children()
                .find(|n| n.has_tag_name((atom, "link")))
                .unwrap();
            assert!(link.attribute("href").unwrap().starts_with(base), "{feed}");
            for child in [
                "title",
                "id",
                "updated",
                "published",
                "summary",
                "content",
                "author",
            ] {
                assert!(
                    entry.children().any(|n| n.has_tag_name((atom, child))),
                    "{feed} entry lacks {child}"
                );
            }
        }
        let self_link = root
            .children()
            .find(|n| n.has_tag_name((atom, "link")) && n.attribute("rel") == Some("self"))
            .unwrap();
        assert_eq!(
            self_link.attribute("href").unwrap(),
            format!("{base}{feed}")
        );
        let first_title = entries[0]
            .children()
            .find(|n| n.has_tag_name((atom, "title")))
            .unwrap()
            .text()
            .unwrap();
        assert!(first_title.starts_with("Bài số"), "{first_title}");
    }
}

#[test]
fn sitemap_lists_every_page_with_lastmod() {
    let base = "https://x.gov.vn/thong-tin-tuyen-van/";
    let site = paged_site(5, base);
    site.build(&[]);
    let text = site.read("sitemap.xml");
    let doc = xml(&text);
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    let urls: Vec<(String, Option<String>)> = doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name((ns, "url")))
        .map(|u| {
            let child = |name: &str| {
                u.children()
                    .find(|n| n.has_tag_name((ns, name)))
                    .and_then(|n| n.text())
                    .map(str::to_string)
            };
            (child("loc").unwrap(), child("lastmod"))
        })
        .collect();
    for (loc, _) in &urls {
        assert!(loc.starts_with(base), "{loc}");
        let rel = loc.strip_prefix(base).unwrap();
        assert!(
            site.exists(&format!("{rel}index.html")),
            "{loc} not published"
        );
    }
    let article = urls
        .iter()
        .find(|(l, _)| l.ends_with("/2023/03/bai-so-5/"))
        .unwrap();
    assert!(article
        .1
        .as_deref()
        .unwrap()
        .starts_with("2023-03-05T08:00:00+07:00"));
    assert!(urls
        .iter()
        .any(|(l, _)| l == &format!("{base}chuyen-muc/dan-van/trang/2/")));
    assert!(site
        .read("robots.txt")
        .contains(&format!("Sitemap: {base}sitemap.xml")));
}

#[test]
fn aliases_redirect_from_the_exact_old_paths() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let target =
        "https://x.gov.vn/2022/03/hoc-tap-va-lam-theo-tu-tuong-dao-duc-phong-cach-ho-chi-minh/";
    for alias in ["tin-tuc/hoc-tap.html", "tin-tuc/hoc-tap-cu/index.html"] {
        let html = site.read(alias);
        assert!(
            html.contains(&format!(
                "http-equiv=\"refresh\" content=\"0; url={target}\""
            )),
            "{html}"
        );
        assert!(html.contains(&format!("rel=\"canonical\" href=\"{target}\"")));
        assert!(html.contains(&format!("href=\"{target}\"")));
    }
}

#[test]
fn not_found_page_has_the_frame_and_links_back() {
    let site = TestSite::fixture("basic");
    site.build(&[]);
    let html = site.read("404.html");
    assert!(html.contains("href=\"/\"") && html.contains("/tim-kiem/"));
    assert!(html.contains("Thông tin tuyên vận"));
}

#[test]
fn every_internal_link_resolves_at_the_root_and_under_a_path() {
    for base in ["https://x.gov.vn/", "https://x.gov.vn/thong-tin-tuyen-van/"] {
        let site = paged_site(9, base);
        site.build(&[]);
        let broken = broken_links(&site.public(), base);
        assert!(broken.is_empty(), "{base}: {broken:#?}");
        let basic = TestSite::fixture("basic");
        basic.build(&["--base-url", base]);
        let broken = broken_links(&basic.public(), base);
        assert!(broken.is_empty(), "{base}: {broken:#?}");
    }
}

#[test]
fn the_sample_site_builds_with_no_broken_link() {
    let out = tempfile::tempdir().unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let status = std::process::Command::new(common::BIN)
        .args(["build", "--root", root, "--output"])
        .arg(out.path().join("public"))
        .status()
        .unwrap();
    assert!(status.success());
    let base = std::fs::read_to_string(format!("{root}/site.yaml")).unwrap();
    let base_url = base
        .lines()
        .find_map(|l| l.strip_prefix("base_url:"))
        .unwrap()
        .trim()
        .trim_matches('"')
        .to_string();
    let broken = broken_links(&out.path().join("public"), &base_url);
    assert!(broken.is_empty(), "{broken:#?}");
}
