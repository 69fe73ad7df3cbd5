//! Search ranks the phrase (issue 19): for `dan van`, articles holding "dân vận" (adjacent,
//! in order) come first, in the title before in the body, then those with the syllables apart.
//! Checked on the real binary's index in Rust, under node with search.js, and in Chromium.

use crate::support as common;

use common::{serve_static, snapshot, TestSite};
use std::path::Path;
use std::process::Command;
use tuyenvan::search::{self, IndexFile};

const INDEX: &str = "tim-kiem/chi-muc";

/// Articles newest last, so that without phrases the newest (scattered) would rank first.
fn site() -> TestSite {
    let site = TestSite::new();
    let articles: &[(&str, &str, &str)] = &[
        (
            "phrase-title",
            "Công tác dân vận ở cơ sở",
            "Bài viết về xã.",
        ),
        (
            "phrase-body",
            "Hội nghị của huyện",
            "Làm tốt công tác dân vận khéo.",
        ),
        (
            "swapped",
            "Vận động người dân",
            "Vận động nhân dân tham gia.",
        ),
        (
            "apart",
            "Người dân ở bản",
            "Một chuyến đi. Vận tải hàng hóa về bản.",
        ),
        (
            "co-so-du-lieu",
            "Xây dựng cơ sở dữ liệu dân cư",
            "Số hóa dữ liệu tại cơ sở.",
        ),
        (
            "scattered-data",
            "Dữ liệu mới về cơ sở vật chất",
            "Sở dĩ có kết quả: cơ quan, dữ kiện, liệu pháp.",
        ),
        ("comma", "Dân, vận và bản", "Không có cụm từ."),
    ];
    for (i, (slug, title, body)) in articles.iter().enumerate() {
        site.article(
            &format!("content/{slug}.md"),
            &format!(
                "title: \"{title}\"\ndate: 2024-03-{:02}\nslug: {slug}",
                i + 1
            ),
            body,
        );
    }
    site.build(&[]);
    site
}

fn files(site: &TestSite) -> Vec<IndexFile> {
    snapshot(&site.public().join(INDEX))
        .into_iter()
        .map(|(rel, bytes)| IndexFile { rel, bytes })
        .collect()
}

/// Document ids are by date, oldest 0: the slugs in the order above.
const SLUGS: [&str; 7] = [
    "phrase-title",
    "phrase-body",
    "swapped",
    "apart",
    "co-so-du-lieu",
    "scattered-data",
    "comma",
];

fn slugs(ids: impl IntoIterator<Item = u64>) -> Vec<&'static str> {
    ids.into_iter().map(|d| SLUGS[d as usize]).collect()
}

const CASES: &[(&str, &[&str])] = &[
    // Phrase in the title, phrase in the body, then the syllables apart (newer first);
    // "vận động người dân" holds both but not in order; a comma breaks "Dân, vận".
    (
        "dan van",
        &["phrase-title", "phrase-body", "comma", "swapped", "apart"],
    ),
    (
        "dân vận",
        &["phrase-title", "phrase-body", "comma", "swapped", "apart"],
    ),
    // Four syllables: the whole phrase first, then the words apart.
    ("co so du lieu", &["co-so-du-lieu", "scattered-data"]),
    // One word: no phrase; in the title first, then newer first, as before.
    (
        "van",
        &["comma", "swapped", "phrase-title", "apart", "phrase-body"],
    ),
];

#[test]
fn rust_search_ranks_phrases_first() {
    let site = site();
    let files = files(&site);
    for (query, expected) in CASES {
        let hits = search::search(&files, query).unwrap();
        assert_eq!(slugs(hits.iter().map(|h| h.doc)), *expected, "{query:?}");
    }
    // The pair is an index term of its own, with one spelling.
    let all: String = files
        .iter()
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .collect();
    assert!(
        all.contains("\"dan van\":[[\"\","),
        "pair terms in the shards"
    );
}

#[test]
fn script_ranks_phrases_like_rust() {
    let site = site();
    let dir = site.public().join(INDEX);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/js/search.js");
    let queries: Vec<&str> = CASES.iter().map(|(q, _)| *q).collect();
    let program = format!(
        "const s = require({:?}); const fs = require('fs'); const path = require('path');\
         const dir = process.argv[1];\
         const load = p => Promise.resolve(JSON.parse(fs.readFileSync(path.join(dir, p.split('?')[0]), 'utf8')));\
         (async () => {{ const out = [];\
           for (const q of JSON.parse(process.argv[2])) {{\
             const r = await s.search(load, q);\
             out.push({{ pairs: s.queryPairs(q), hits: Array.from(r.hits, s.hit).map(h => [h.doc, h.phraseInTitle, h.phrase, h.exact, h.inTitle]) }}); }}\
           console.log(JSON.stringify(out)); }})();",
        script.display().to_string()
    );
    let out = Command::new("node")
        .arg("-e")
        .arg(program)
        .arg(&dir)
        .arg(serde_json::to_string(&queries).unwrap())
        .output()
        .expect("node is needed for the search tests");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = files(&site);
    for (i, query) in queries.iter().enumerate() {
        let rust: Vec<_> = search::search(&files, query)
            .unwrap()
            .into_iter()
            .map(|h| (h.doc, h.phrase_in_title, h.phrase, h.exact, h.in_title))
            .collect();
        assert_eq!(js[i]["hits"], serde_json::json!(rust), "{query:?}");
        assert_eq!(
            js[i]["pairs"],
            serde_json::json!(search::query_pairs(query)),
            "{query:?}"
        );
    }
    // Pairs split alike in both: punctuation, tabs, NFD input, marks.
    for query in ["Dân vận, khéo", "cơ\tsở  dữ-liệu", "Ủy ban nhân dân", "a"] {
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd(query).collect();
        for q in [query.to_string(), nfd] {
            let program = format!(
                "const s = require({:?}); console.log(JSON.stringify(s.queryPairs(process.argv[1])));",
                script.display().to_string()
            );
            let out = Command::new("node")
                .arg("-e")
                .arg(program)
                .arg(&q)
                .output()
                .unwrap();
            let js: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(js, serde_json::json!(search::query_pairs(&q)), "{q:?}");
        }
    }
}

#[test]
fn search_page_shows_the_phrase_first_in_chromium() {
    let site = site();
    let port = serve_static(site.public());
    let html = common::dump_dom(
        &format!("http://127.0.0.1:{port}/tim-kiem/?q=dan+van"),
        5000,
    );
    let shown: Vec<&str> = html
        .split("class=\"item-title\"><a href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let expected: Vec<String> = CASES[0]
        .1
        .iter()
        .map(|s| format!("/2024/03/{s}/"))
        .collect();
    assert_eq!(shown, expected, "{html}");
}
