//! End-to-end tests of search (issue 6): the index the real binary writes, the browser
//! script's folding and ranking checked against the Rust functions under node, and the
//! search page in headless Chromium, at a domain root and under a base path.

use crate::support as common;

use common::{serve_static, snapshot, TestSite};
use std::path::{Path, PathBuf};
use std::process::Command;
use tuyenvan::search::{self, IndexFile};
use tuyenvan::vietnamese;
use unicode_normalization::UnicodeNormalization;

const INDEX: &str = "tim-kiem/chi-muc";

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js")
}

/// Runs `code` under node with `search.js` loaded as `s` and `args` as `process.argv[1..]`;
/// returns what it printed, parsed as JSON.
fn node(code: &str, args: &[&str]) -> serde_json::Value {
    let program = format!(
        "const s = require({:?}); const fs = require('fs'); const path = require('path');\n{code}",
        script().display().to_string()
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(program)
        .args(args)
        .output()
        .expect("node is needed for the search tests (apt-get install nodejs)");
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("node printed JSON")
}

fn index_files(public: &Path) -> Vec<IndexFile> {
    snapshot(&public.join(INDEX))
        .into_iter()
        .map(|(rel, bytes)| IndexFile { rel, bytes })
        .collect()
}

/// Slugs of the results, in order, as `search::search` ranks them.
fn rust_results(site: &TestSite, query: &str) -> Vec<String> {
    let files = index_files(&site.public());
    let meta: serde_json::Value =
        serde_json::from_slice(&files.iter().find(|f| f.rel == "meta.json").unwrap().bytes)
            .unwrap();
    let per_chunk = meta["per_chunk"].as_u64().unwrap();
    search::search(&files, query)
        .unwrap()
        .into_iter()
        .map(|hit| {
            let chunk = hit.doc / per_chunk;
            let rows: serde_json::Value =
                serde_json::from_str(&site.read(&format!("{INDEX}/d/{chunk}.json"))).unwrap();
            slug(rows[(hit.doc % per_chunk) as usize][0].as_str().unwrap())
        })
        .collect()
}

fn slug(url: &str) -> String {
    url.trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn built() -> TestSite {
    let site = TestSite::fixture("search");
    site.build(&[]);
    site
}

#[test]
fn index_holds_published_articles_only_and_is_deterministic() {
    let site = built();
    let first = snapshot(&site.public().join(INDEX));
    assert!(first.contains_key("meta.json"));
    let all: String = first
        .values()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(all.contains("Suối tuyền ở bản Nậm Sả"));
    assert!(!all.contains("bản nháp"), "drafts stay out of the index");
    assert!(
        !all.contains("Giới thiệu"),
        "static pages stay out of the index"
    );
    site.build(&[]);
    assert_eq!(first, snapshot(&site.public().join(INDEX)));
    assert!(common::broken_links(&site.public(), "https://x.gov.vn/").is_empty());
}

#[test]
fn rust_ranking_follows_the_rules() {
    let site = built();
    let cases: &[(&str, &[&str])] = &[
        ("tuyen van", &["hoi-nghi-cong-tac-tuyen-van-nam-2024"]),
        ("dang", &["dang-bo-xa-na-khuong-hoc-tap-nghi-quyet"]),
        ("dien bien", &["ky-niem-chien-thang-dien-bien-phu"]),
        // Title matches first, newer first among them, then the body match.
        (
            "uy ban",
            &[
                "uy-ban-nhan-dan-xa-tiep-cong-dan",
                "uy-ban-mttq-huyen-hop-dinh-ky",
                "hoi-nghi-cong-tac-tuyen-van-nam-2024",
            ],
        ),
        // Exact marks first even though older; without marks, newer first.
        (
            "tuyên",
            &[
                "hoi-nghi-cong-tac-tuyen-van-nam-2024",
                "suoi-tuyen-o-ban-nam-sa",
            ],
        ),
        (
            "tuyen",
            &[
                "suoi-tuyen-o-ban-nam-sa",
                "hoi-nghi-cong-tac-tuyen-van-nam-2024",
            ],
        ),
        ("khong co tu nay", &[]),
    ];
    for (query, expected) in cases {
        assert_eq!(&rust_results(&site, query), expected, "query {query:?}");
    }
}

#[test]
fn script_folds_exactly_like_rust() {
    let samples = [
        "Tuyên Vận",
        "ĐẢNG bộ đảng viên",
        "ủy ban uỷ ban ỦY BAN",
        "Quyết định 1327-QĐ/TU",
        "Hòa hoà HOÀ",
        "Nguyễn Thị Ánh Tuyết",
        "Ưu tiên ơn nghĩa",
        "“Dân vận khéo” – 2021–2025",
        "ΣΟΦΟΣ σοφός",
        "İstanbul naïve café",
        "½ ① Ⅻ ²",
        "한국어 東京 ﬁ Ǆ",
        "emoji 😀 x\ty\nz",
        "",
    ];
    let mut inputs: Vec<String> = samples.iter().map(|s| s.to_string()).collect();
    inputs.extend(samples.iter().map(|s| s.nfd().collect::<String>()));
    let json = serde_json::to_string(&inputs).unwrap();
    let js = node(
        "const xs = JSON.parse(process.argv[1]);\
         console.log(JSON.stringify(xs.map(x => [s.fold(x), s.identity(x), s.terms(x)])));",
        &[&json],
    );
    for (i, input) in inputs.iter().enumerate() {
        let expected = serde_json::json!([
            vietnamese::fold(input),
            vietnamese::term_identity(input),
            search::terms(input),
        ]);
        assert_eq!(js[i], expected, "input {input:?}");
    }
}

#[test]
fn script_decodes_and_ranks_like_rust() {
    let site = built();
    let queries = [
        "tuyen van",
        "tuyên",
        "tuyền",
        "tuyen",
        "uy ban",
        "uỷ ban",
        "Đảng",
        "dien",
        "ban",
        "không có",
        // Names every JavaScript object has: not words of any shard.
        "constructor",
        "constructor tuyen",
    ];
    let json = serde_json::to_string(&queries).unwrap();
    let dir = site.public().join(INDEX);
    let js = node(
        "const dir = process.argv[1];\
         const load = p => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, p.split('?')[0]), 'utf8')));\
         (async () => { const out = [];\
           for (const q of JSON.parse(process.argv[2])) {\
             const r = await s.search(load, q);\
             out.push(Array.from(r.hits, s.hit).map(h => [h.doc, h.exact, h.inTitle])); }\
           console.log(JSON.stringify(out)); })();",
        &[&dir.to_string_lossy(), &json],
    );
    let files = index_files(&site.public());
    for (i, query) in queries.iter().enumerate() {
        let rust: Vec<(u64, usize, usize)> = search::search(&files, query)
            .unwrap()
            .into_iter()
            .map(|h| (h.doc, h.exact, h.in_title))
            .collect();
        assert_eq!(js[i], serde_json::json!(rust), "query {query:?}");
    }
}

#[test]
fn script_finds_result_rows_in_recent_rows_and_chunks() {
    let site = built();
    let queries = ["tuyen van", "uy ban", "ban", "dien bien", "không có"];
    let json = serde_json::to_string(&queries).unwrap();
    let dir = site.public().join(INDEX);
    // Every result's row, with the recent rows of the index as written, then with the
    // manifest claiming only the newest two are recent, so that the others come from chunks.
    let js = node(
        "const dir = process.argv[1];\
         const load = p => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, p.split('?')[0]), 'utf8')));\
         (async () => { const out = []; const meta = await load('meta.json');\
           for (const m of [meta, { ...meta, recent: 2 }])\
             for (const q of JSON.parse(process.argv[2])) {\
               const r = await s.search(load, q, m);\
               out.push(await s.rows(load, r, 0)); }\
           console.log(JSON.stringify(out)); })();",
        &[&dir.to_string_lossy(), &json],
    );
    let files = index_files(&site.public());
    let meta: serde_json::Value =
        serde_json::from_slice(&files.iter().find(|f| f.rel == "meta.json").unwrap().bytes)
            .unwrap();
    assert!(
        meta["recent"].as_u64().unwrap() > 2,
        "the fixture is all recent"
    );
    let per_chunk = meta["per_chunk"].as_u64().unwrap();
    for (i, query) in queries.iter().chain(&queries).enumerate() {
        let rows: Vec<serde_json::Value> = search::search(&files, query)
            .unwrap()
            .iter()
            .take(10)
            .map(|hit| {
                let chunk: serde_json::Value = serde_json::from_str(
                    &site.read(&format!("{INDEX}/d/{}.json", hit.doc / per_chunk)),
                )
                .unwrap();
                chunk[(hit.doc % per_chunk) as usize].clone()
            })
            .collect();
        assert_eq!(js[i], serde_json::json!(rows), "query {query:?} ({i})");
    }
}

/// What the search page shows for `query`: the status line and the result slugs.
struct Page {
    status: String,
    results: Vec<String>,
    html: String,
}

fn open(port: u16, base: &str, query: &str) -> Page {
    let encoded: String = query
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let html = common::dump_dom(
        &format!("http://127.0.0.1:{port}{base}tim-kiem/?q={encoded}"),
        5000,
    );
    let status = html
        .split("id=\"search-status\"")
        .nth(1)
        .and_then(|s| s.split_once('>'))
        .and_then(|(_, s)| s.split_once("</p>"))
        .map(|(s, _)| s.to_string())
        .unwrap_or_default();
    let results = html
        .split("class=\"item-title\"><a href=\"")
        .skip(1)
        .map(|s| slug(s.split('"').next().unwrap_or_default()))
        .collect();
    Page {
        status,
        results,
        html,
    }
}

fn check_browser(port: u16, base: &str) {
    let cases: &[(&str, &[&str])] = &[
        ("tuyen van", &["hoi-nghi-cong-tac-tuyen-van-nam-2024"]),
        ("tuyên vận", &["hoi-nghi-cong-tac-tuyen-van-nam-2024"]),
        ("Tuyên van", &["hoi-nghi-cong-tac-tuyen-van-nam-2024"]),
        ("dang", &["dang-bo-xa-na-khuong-hoc-tap-nghi-quyet"]),
        ("đảng", &["dang-bo-xa-na-khuong-hoc-tap-nghi-quyet"]),
        ("dien bien", &["ky-niem-chien-thang-dien-bien-phu"]),
        (
            "uỷ ban",
            &[
                "uy-ban-nhan-dan-xa-tiep-cong-dan",
                "uy-ban-mttq-huyen-hop-dinh-ky",
                "hoi-nghi-cong-tac-tuyen-van-nam-2024",
            ],
        ),
        (
            "tuyên",
            &[
                "hoi-nghi-cong-tac-tuyen-van-nam-2024",
                "suoi-tuyen-o-ban-nam-sa",
            ],
        ),
    ];
    for (query, expected) in cases {
        let page = open(port, base, query);
        assert_eq!(&page.results, expected, "query {query:?}\n{}", page.status);
        assert!(
            page.status
                .contains(&format!("Tìm thấy {} bài viết", expected.len())),
            "status for {query:?}: {}",
            page.status
        );
        assert!(
            page.html.contains(&format!("href=\"{base}")),
            "links keep the base path"
        );
    }
    let page = open(port, base, "dien bien");
    assert!(page.html.contains("<mark>Điện</mark> <mark>Biên</mark>"));
    // The query from the address is what the page searched for and names itself by.
    assert!(
        page.html.contains("<title>dien bien – "),
        "title names the query"
    );
    let none = open(port, base, "khong co tu nay");
    assert!(none.results.is_empty());
    assert_eq!(none.status, "Không tìm thấy bài viết phù hợp.");
}

#[test]
fn search_page_in_chromium() {
    let site = built();
    let html = site.read("tim-kiem/index.html");
    // The built-in script is inline and before the style sheet, so it starts (and asks for
    // the index) before the page has finished arriving, without waiting for the style sheet.
    let script = html
        .find("<script data-index=\"/tim-kiem/chi-muc/\"")
        .expect("inline search script");
    let style = html.find("rel=\"stylesheet\"").expect("style sheet");
    assert!(
        script < style,
        "the search script comes before the style sheet"
    );
    assert!(html.contains("function fold(text)"));
    assert!(
        !html.contains("js/search.js\""),
        "no second copy from the file"
    );
    let port = serve_static(site.public());
    check_browser(port, "/");
}

#[test]
fn a_theme_with_its_own_search_script_gets_it_loaded_from_the_file() {
    let site = TestSite::fixture("search");
    let own = std::fs::read_to_string(script()).unwrap() + "\n// the theme's own copy\n";
    site.write("themes/default/static/js/search.js", &own);
    site.build(&[]);
    let html = site.read("tim-kiem/index.html");
    assert!(html.contains("<script src=\"/js/search.js\" defer data-index=\"/tim-kiem/chi-muc/\""));
    assert!(
        !html.contains("function fold(text)"),
        "the built-in script is not inlined"
    );
    assert_eq!(site.read("js/search.js"), own);
    let port = serve_static(site.public());
    let page = open(port, "/", "dien bien");
    assert_eq!(page.results, ["ky-niem-chien-thang-dien-bien-phu"]);
    assert!(page.html.contains("<mark>Điện</mark> <mark>Biên</mark>"));
}

#[test]
fn search_page_under_a_base_path() {
    let site = TestSite::fixture("search");
    let served = site.path("served");
    let out = served.join("thong-tin-tuyen-van");
    site.build(&[
        "--base-url",
        "https://x.gov.vn/thong-tin-tuyen-van/",
        "--output",
        &out.to_string_lossy(),
    ]);
    let port = serve_static(served);
    check_browser(port, "/thong-tin-tuyen-van/");
}

/// What tests/browser/search-rebuild.mjs read off the page: (slug, title) of each result.
fn shown_results(report: &serde_json::Value) -> Vec<(String, String)> {
    report["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            let href = r["href"].as_str().unwrap_or_default();
            (
                slug(href),
                r["title"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn an_open_search_page_searches_the_site_as_built_again() {
    // A reader leaves the search page open; a new article is published; they search again
    // from the page's box. The page still carries the older build's manifest: the results
    // must come from the new build alone (mixing the two shifted every row by one and left
    // the new article out).
    let site = built();
    let port = serve_static(site.public());
    site.article(
        "content/2025/tuyen-van-dien-bien.md",
        "title: Tuyên vận ở Điện Biên\ndate: 2025-01-05",
        "Bài mới.\n",
    );
    let config = serde_json::json!({
        "page": format!("http://127.0.0.1:{port}/tim-kiem/?q=dien+bien"),
        "query": "tuyen van",
        "rebuild": [env!("CARGO_BIN_EXE_tuyenvan"), "build", "--root", site.root()],
    });
    let report = common::browser_script("search-rebuild.mjs", &config);
    let pair = |slug: &str, title: &str| (slug.to_string(), title.to_string());
    assert_eq!(
        shown_results(&report["before"]),
        [pair(
            "ky-niem-chien-thang-dien-bien-phu",
            "Kỷ niệm chiến thắng Điện Biên Phủ"
        )]
    );
    assert_eq!(
        shown_results(&report["after"]),
        [
            pair("tuyen-van-o-dien-bien", "Tuyên vận ở Điện Biên"),
            pair(
                "hoi-nghi-cong-tac-tuyen-van-nam-2024",
                "Hội nghị công tác tuyên vận năm 2024"
            ),
        ],
        "{}",
        report["after"]["status"]
    );
    // Back to the first query: answered again, from the new build.
    assert_eq!(
        shown_results(&report["back"]),
        [
            pair("tuyen-van-o-dien-bien", "Tuyên vận ở Điện Biên"),
            pair(
                "ky-niem-chien-thang-dien-bien-phu",
                "Kỷ niệm chiến thắng Điện Biên Phủ"
            ),
        ]
    );
}
