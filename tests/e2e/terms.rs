//! Spellings of one name merge: articles that write a category (or author, or tag) in
//! different ways whose addresses coincide make one term, shown everywhere as most of them
//! write it, and `check` lists every spelling so that the archive can be tidied.

use crate::support as common;

use common::TestSite;

/// Four articles, three spellings of one category: `Dân vận` twice (neither the newest nor
/// the oldest article, so neither old rule would pick it), `Dân Vận` in the newest,
/// `dân-vận` in the oldest.
fn site() -> TestSite {
    let site = TestSite::new();
    for (i, (day, category)) in [
        ("01", "dân-vận"),
        ("02", "Dân vận"),
        ("03", "Dân vận"),
        ("04", "Dân Vận"),
    ]
    .iter()
    .enumerate()
    {
        site.article(
            &format!("content/2023/bai-{i}.md"),
            &format!(
                "title: Bài số {i}\ndate: 2023-06-{day} 08:00\ncategory: {category}\nauthor: Hồng Hải"
            ),
            "Nội dung.",
        );
    }
    site
}

/// Every published text file, path and text.
fn published(site: &TestSite) -> Vec<(String, String)> {
    common::snapshot(&site.public())
        .into_iter()
        .filter_map(|(path, bytes)| String::from_utf8(bytes).ok().map(|t| (path, t)))
        .collect()
}

#[test]
fn three_spellings_make_one_term_shown_as_most_articles_write_it() {
    let site = site();
    site.build(&[]);
    let terms: Vec<String> = published(&site)
        .into_iter()
        .map(|(path, _)| path)
        .filter(|p| p.starts_with("chuyen-muc/") && p.ends_with("index.html"))
        .collect();
    assert_eq!(
        terms,
        vec!["chuyen-muc/dan-van/index.html", "chuyen-muc/index.html"],
        "one term page"
    );
    assert!(site.exists("chuyen-muc/dan-van/feed.xml"), "one feed");
    let term = site.read("chuyen-muc/dan-van/index.html");
    assert!(term.matches("bai-so-").count() >= 4, "{term}");
    // The other spellings appear nowhere: not in lists, pages, JSON-LD, feeds or search.
    for (path, text) in published(&site) {
        for other in ["Dân Vận", "dân-vận"] {
            assert!(!text.contains(other), "{path} shows `{other}`");
        }
    }
    assert!(site.read("chuyen-muc/index.html").contains(">Dân vận<"));
    for i in 0..4 {
        let page = site.read(&format!("2023/06/bai-so-{i}/index.html"));
        assert!(page.contains(">Dân vận<"), "article {i}");
        assert!(
            page.contains("\"articleSection\": \"Dân vận\""),
            "JSON-LD of article {i}"
        );
    }
    assert!(site.read("chuyen-muc/dan-van/feed.xml").contains("Dân vận"));
    let search: String = published(&site)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".json"))
        .map(|(_, text)| text)
        .collect();
    assert!(search.contains("\"Dân vận\""), "search rows name the term");
}

#[test]
fn check_lists_every_spelling_with_its_count_and_a_file() {
    let site = site();
    let out = site.run(&["check"]);
    assert!(out.status.success(), "a warning, not an error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected = "the category `Dân vận` is written as: `Dân vận` (2 articles, e.g. \
                    content/2023/bai-2.md), `Dân Vận` (1 article, e.g. content/2023/bai-3.md), \
                    `dân-vận` (1 article, e.g. content/2023/bai-0.md)";
    assert!(stderr.contains(expected), "{stderr}");
    assert!(
        stderr.contains("help: the site shows `Dân vận`"),
        "{stderr}"
    );
    assert!(stderr.contains("content/2023/bai-3.md"), "{stderr}");
    assert!(stderr.ends_with("1 warning\n"), "{stderr}");
}

#[test]
fn an_author_profile_is_how_the_name_is_written_everywhere() {
    let site = site();
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://x.gov.vn/\nauthors:\n  \"HỒNG HẢI\": {affiliation: Trung tâm VH}\n",
    );
    site.build(&[]);
    let page = site.read("2023/06/bai-so-0/index.html");
    assert!(
        page.contains("HỒNG HẢI") && !page.contains("Hồng Hải"),
        "{page}"
    );
    let out = site.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the author `HỒNG HẢI` is written as: `Hồng Hải` (4 articles"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: site.yaml has a profile for `HỒNG HẢI`"),
        "{stderr}"
    );
}
