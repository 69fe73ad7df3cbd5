//! Search with common terms in two tiers (issue 20): built with tiny tiers
//! (`TUYENVAN_SEARCH_TIERS`), a small site answers every query with the very hits, ranks
//! and number of the whole index, in Rust, under node with search.js, and in Chromium while
//! a reader pages through the results; the tails are fetched only when a page needs them.

use crate::support as common;

use common::{serve_static, snapshot, TestSite, BIN};
use std::path::{Path, PathBuf};
use std::process::Command;
use tuyenvan::search::{self, IndexFile};

const INDEX: &str = "tim-kiem/chi-muc";
/// Every term over 0 bytes may be split, four postings kept in its head.
const TINY: &str = "0,4";

/// Thirty articles, oldest first: each holds "công tác tuyên vận"; every third has the
/// phrase in its title; only the four oldest hold "Ủy ban", one of them a document number.
fn site() -> TestSite {
    let site = TestSite::new();
    for i in 0..30 {
        let title = if i % 3 == 0 {
            format!("Tuyên vận ở xã số {i}")
        } else {
            format!("Tin số {i} của huyện")
        };
        let mut body = format!("Công tác tuyên vận năm {}. Bài thứ {i}.", 1990 + i);
        if i < 4 {
            body.push_str(" Ủy ban nhân dân xã họp.");
        }
        if i == 2 {
            body.push_str(" Theo Công văn 849-CV/TU của Tỉnh ủy.");
        }
        site.article(
            &format!("content/bai-{i:02}.md"),
            &format!(
                "title: \"{title}\"\ndate: 2024-{:02}-{:02}\nslug: bai-{i:02}",
                1 + i / 28,
                1 + i % 28
            ),
            &body,
        );
    }
    site
}

/// Builds the site into `out`, with `tiers` when given.
fn build(site: &TestSite, out: &Path, tiers: Option<&str>) {
    let mut cmd = Command::new(BIN);
    cmd.args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(out)
        .env("NO_COLOR", "1");
    match tiers {
        Some(t) => cmd.env(search::TIERS_VARIABLE, t),
        None => cmd.env_remove(search::TIERS_VARIABLE),
    };
    let run = cmd.output().expect("run tuyenvan");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn index_files(public: &Path) -> Vec<IndexFile> {
    snapshot(&public.join(INDEX))
        .into_iter()
        .map(|(rel, bytes)| IndexFile { rel, bytes })
        .collect()
}

/// The site built whole (the default tiers split nothing this small) and in tiny tiers.
struct Built {
    site: TestSite,
    whole: PathBuf,
    tiered: PathBuf,
}

fn built() -> Built {
    let site = site();
    let (whole, tiered) = (site.path("whole"), site.path("tiered"));
    build(&site, &whole, None);
    build(&site, &tiered, Some(TINY));
    Built {
        site,
        whole,
        tiered,
    }
}

const QUERIES: &[&str] = &[
    "tuyen van",
    "tuyên vận",
    "Tuyên van",
    "tuyên ủy",
    "uy ban",
    "849-CV/TU",
    "cong van 849",
    "tin",
    "khong co tu nay",
];

/// Slugs of `hits` in order, read from the document chunks.
fn slugs(public: &Path, hits: &[search::Hit]) -> Vec<String> {
    let files = index_files(public);
    let meta: serde_json::Value =
        serde_json::from_slice(&files.iter().find(|f| f.rel == "meta.json").unwrap().bytes)
            .unwrap();
    let per_chunk = meta["per_chunk"].as_u64().unwrap();
    hits.iter()
        .map(|hit| {
            let chunk = format!("d/{}.json", hit.doc / per_chunk);
            let rows: serde_json::Value =
                serde_json::from_slice(&files.iter().find(|f| f.rel == chunk).unwrap().bytes)
                    .unwrap();
            let url = rows[(hit.doc % per_chunk) as usize][0].as_str().unwrap();
            url.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn tiers_split_common_terms_and_answer_as_the_whole_index() {
    let b = built();
    let (whole, tiered) = (index_files(&b.whole), index_files(&b.tiered));
    assert!(!whole.iter().any(|f| f.rel.starts_with("x/")));
    let tails = tiered.iter().filter(|f| f.rel.starts_with("x/")).count();
    assert!(tails > 5, "{tails} tails");
    // Only the index and the search page (which carries the manifest) differ.
    let (a, c) = (snapshot(&b.whole), snapshot(&b.tiered));
    let differ: std::collections::BTreeSet<&String> = a
        .keys()
        .chain(c.keys())
        .filter(|k| a.get(*k) != c.get(*k))
        .filter(|k| !k.starts_with(INDEX))
        .collect();
    let differ: Vec<&String> = differ.into_iter().collect();
    assert_eq!(differ, ["tim-kiem/index.html"]);
    for query in QUERIES {
        let expected = search::search(&whole, query).unwrap();
        assert_eq!(
            search::search(&tiered, query).unwrap(),
            expected,
            "{query:?}"
        );
        let first = search::first_page(&tiered, query).unwrap();
        assert_eq!(first.total, expected.len(), "{query:?}");
        let docs = |hits: &[search::Hit]| hits.iter().map(|h| h.doc).collect::<Vec<_>>();
        assert_eq!(
            docs(&first.hits),
            docs(&expected[..first.hits.len()]),
            "{query:?}"
        );
        assert!(first.hits.len() >= expected.len().min(search::PAGE));
    }
    // Ranked from the shards alone: the phrase is in the title of ten articles, and older
    // titles are known without the tails.
    let first = search::first_page(&tiered, "tuyen van").unwrap();
    assert_eq!(first.total, 30);
    assert!((10..20).contains(&first.hits.len()), "{}", first.hits.len());
    assert!(
        !first.files.iter().any(|f| f.starts_with("x/")),
        "{:?}",
        first.files
    );
    // "ủy" is only in the four oldest articles: how they rank needs the tail of "tuyên"
    // (titles first: 3 and 0 have "Tuyên" in theirs).
    let first = search::first_page(&tiered, "tuyên ủy").unwrap();
    assert_eq!(first.total, 4);
    assert!(
        first.files.iter().any(|f| f.starts_with("x/")),
        "{:?}",
        first.files
    );
    assert_eq!(
        slugs(&b.tiered, &first.hits),
        ["bai-03", "bai-00", "bai-02", "bai-01"]
    );
    let code = search::search(&tiered, "849-CV/TU").unwrap();
    assert_eq!(slugs(&b.tiered, &code), ["bai-02"]);
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js")
}

#[test]
fn script_answers_from_tiers_like_rust() {
    let b = built();
    let dir = b.tiered.join(INDEX);
    let json = serde_json::to_string(QUERIES).unwrap();
    // Per query: the hits and files after `search` (what the first page has), then every
    // hit after `complete`.
    let program = format!(
        "const s = require({:?}); const fs = require('fs'); const path = require('path');\
         const dir = process.argv[1]; let read = [];\
         const load = p => {{ const f = p.split('?')[0]; if (!read.includes(f)) read.push(f);\
           return Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))); }};\
         const keys = r => Array.from(r.hits, s.hit).map(h => [h.doc, h.exact, h.inTitle, h.phrase, h.phraseInTitle]);\
         (async () => {{ const meta = await load('meta.json'); const out = [];\
           for (const q of JSON.parse(process.argv[2])) {{\
             read = [];\
             const r = await s.search(load, q, meta);\
             const first = {{ hits: keys(r), total: r.total, files: [...read] }};\
             await s.complete(load, r);\
             out.push({{ first, all: keys(r), total: r.total }}); }}\
           console.log(JSON.stringify(out)); }})();",
        script().display().to_string()
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(program)
        .arg(&dir)
        .arg(&json)
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let tiered = index_files(&b.tiered);
    let keys = |hits: &[search::Hit]| {
        serde_json::json!(hits
            .iter()
            .map(|h| [
                h.doc as usize,
                h.exact,
                h.in_title,
                h.phrase,
                h.phrase_in_title
            ])
            .collect::<Vec<_>>())
    };
    let mut tails_fetched = 0;
    for (i, query) in QUERIES.iter().enumerate() {
        let all = search::search(&index_files(&b.whole), query).unwrap();
        let first = search::first_page(&tiered, query).unwrap();
        assert_eq!(js[i]["all"], keys(&all), "{query:?}");
        assert_eq!(js[i]["total"], all.len(), "{query:?}");
        assert_eq!(js[i]["first"]["hits"], keys(&first.hits), "{query:?}");
        assert_eq!(js[i]["first"]["total"], first.total, "{query:?}");
        // The script reads the files the bench counts (benches/search_index.rs).
        assert_eq!(
            js[i]["first"]["files"],
            serde_json::json!(first.files),
            "{query:?}"
        );
        tails_fetched += usize::from(first.files.iter().any(|f| f.starts_with("x/")));
    }
    assert!(
        (1..QUERIES.len()).contains(&tails_fetched),
        "some first pages need tails, not all"
    );
}

/// What the page showed at each step of search-pages.mjs.
fn steps(port: u16, query: &str) -> Vec<serde_json::Value> {
    let config = serde_json::json!({
        "page": format!("http://127.0.0.1:{port}/tim-kiem/?q={}", query.replace(' ', "+")),
    });
    let report = common::browser_script("search-pages.mjs", &config);
    report["steps"].as_array().expect("steps").clone()
}

fn shown(step: &serde_json::Value) -> Vec<String> {
    step["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let href = h.as_str().unwrap();
            href.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

fn tails_in(step: &serde_json::Value) -> usize {
    step["index"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.as_str().unwrap().starts_with("x/"))
        .count()
}

#[test]
fn a_reader_pages_through_tiered_results_in_chromium() {
    let b = built();
    let expected = |query: &str| {
        let hits = search::search(&index_files(&b.whole), query).unwrap();
        slugs(&b.whole, &hits)
    };
    let port = serve_static(b.tiered.clone());
    let _keep = &b.site;

    // Three pages: the first from the shards, the others once the tails are here.
    let pages = steps(port, "tuyen van");
    let all = expected("tuyen van");
    assert_eq!(all.len(), 30);
    assert_eq!(pages.len(), 3, "{pages:?}");
    assert_eq!(shown(&pages[0]), all[..10]);
    assert_eq!(tails_in(&pages[0]), 0, "{:?}", pages[0]["index"]);
    assert!(tails_in(&pages[1]) > 0, "{:?}", pages[1]["index"]);
    assert_eq!(shown(&pages[2]), all, "every hit once, in rank order");
    for step in &pages {
        assert!(
            step["status"]
                .as_str()
                .unwrap()
                .contains("Tìm thấy 30 bài viết"),
            "{}",
            step["status"]
        );
    }

    // Hits only among older documents, ranked with the tails for the first page.
    let pages = steps(port, "tuyên ủy");
    assert_eq!(pages.len(), 1);
    assert_eq!(shown(&pages[0]), expected("tuyên ủy"));
    assert_eq!(shown(&pages[0]).len(), 4);
    assert!(tails_in(&pages[0]) > 0);

    let pages = steps(port, "849-CV/TU");
    assert_eq!(shown(&pages[0]), ["bai-02"]);
    let none = steps(port, "khong co tu nay");
    assert!(shown(&none[0]).is_empty());
    assert_eq!(
        none[0]["status"].as_str().unwrap(),
        "Không tìm thấy bài viết phù hợp."
    );
}
