//! No panic, ever: property-based fuzz targets (proptest, on stable Rust) for the front
//! matter parser, the date parser, the slug function and the Markdown transform, plus the
//! checks and the diagnostic renderer that run over the same text.
//!
//! A short run of each target is part of `cargo test`. The long runs are `#[ignore]`d and
//! run for `TUYENVAN_FUZZ_SECS` seconds each (default 600); see docs/EDITOR_TOOLS.md:
//!
//! ```text
//! TUYENVAN_FUZZ_SECS=600 cargo test --release --test e2e fuzz:: -- --ignored --nocapture --test-threads 1
//! ```

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tuyenvan::config::Config as SiteConfig;
use tuyenvan::content::{self, dates, frontmatter, markdown};
use tuyenvan::diagnostics::{self, Severity};
use tuyenvan::load::{MarkdownFile, Sources};
use tuyenvan::{check, vietnamese};
use unicode_normalization::UnicodeNormalization;

const TZ: chrono_tz::Tz = chrono_tz::Asia::Ho_Chi_Minh;

fn site_config() -> SiteConfig {
    tuyenvan::config::parse(
        "title: T\nbase_url: https://x.gov.vn/thong-tin-tuyen-van/\n",
        Path::new("site.yaml"),
        None,
    )
    .expect("test config")
}

// ---------------------------------------------------------------------------------------
// Inputs: random text, and text built from the pieces that make parsers take odd paths.

/// Characters that matter to YAML, Markdown, dates and Vietnamese text.
const PIECES: &[&str] = &[
    "---",
    "\n",
    "\r\n",
    " ",
    "  ",
    "\t",
    ":",
    ": ",
    "-",
    "- ",
    "#",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    ",",
    ", ,",
    "..",
    "...",
    "|",
    ">",
    "!",
    "*",
    "**",
    "_",
    "`",
    "```",
    "~~~",
    "&",
    "*a",
    "&a",
    "?",
    "%",
    "@",
    "\\",
    "/",
    "./",
    "../",
    "(",
    ")",
    "![",
    "](",
    "<",
    "/>",
    "<br>",
    "<div>",
    "&nbsp;",
    "\u{a0}",
    "\u{a0}\u{a0}",
    "\u{feff}",
    "\u{0}",
    "\u{301}",
    "\u{309}",
    "\u{323}",
    "đ",
    "Đ",
    "ủy",
    "uỷ",
    "Tỉnh",
    "hoà",
    "hòa",
    "ư",
    "ơ",
    "Quyết định 1327-QĐ/TU",
    "title",
    "date",
    "author",
    "authors",
    "category",
    "categories",
    "tags",
    "summary",
    "image",
    "image_alt",
    "slug",
    "aliases",
    "draft",
    "featured",
    "kind",
    "extra",
    "true",
    "null",
    "~",
    "12",
    "2023",
    "06",
    "31",
    "02",
    "24",
    "60",
    "99999999999",
    "12/06/2023",
    "2023-06-12",
    "22:05",
    "8h30",
    "T",
    "Z",
    "+07:00",
    "page",
    "article",
    "[^1]",
    "[^1]:",
    "    ",
    "1. ",
    "> ",
    "| a | b |",
    "|---|",
    "{#id}",
    "https://x.vn/",
    "mailto:a@b.vn",
    "<a@b.vn>",
    "\u{1F600}",
    "\u{200B}",
    "\u{202E}",
];

fn pieces(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|p| p.concat())
}

/// Any text: mostly random, partly built from pieces, sometimes both.
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        3 => pieces(max),
        2 => (pieces(max / 2), any::<String>(), pieces(max / 2)).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

/// A front matter line: a known or made-up key, and a value that may break YAML.
fn yaml_line() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        4 => prop::sample::select(&[
            "title", "date", "updated", "author", "authors", "category", "categories", "tags",
            "summary", "image", "image_caption", "image_alt", "source", "slug", "aliases",
            "draft", "featured", "kind", "extra",
        ][..]).prop_map(str::to_string),
        1 => "[a-z_]{0,10}",
        1 => pieces(3),
    ];
    (
        key,
        text(8),
        prop::sample::select(&[": ", ":", " : ", ":\n  - ", ": [", ": {"][..]),
    )
        .prop_map(|(k, v, sep)| format!("{k}{sep}{v}"))
}

/// A whole Markdown file: front matter, then a body.
fn article_file() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (prop::collection::vec(yaml_line(), 0..10), text(60))
            .prop_map(|(lines, body)| format!("---\n{}\n---\n{body}", lines.join("\n"))),
        1 => (
            "[^\\n]{0,40}",
            prop::sample::select(&["12/06/2023 22:05", "2023-06-12", "40/40/2023", "hôm qua"][..]),
            text(80),
        )
            .prop_map(|(title, date, body)| {
                format!("---\ntitle: {title}\ndate: {date}\nauthor: A\n---\n{body}")
            }),
        1 => text(80),
    ]
}

/// A date as an editor might type it, right or wrong.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        3 => (
            "[0-9]{0,12}", "[-/. T:h]{0,2}", "[0-9]{0,6}", "[-/. T:h]{0,2}", "[0-9]{0,12}",
            "( |T)?[0-9]{0,4}([:hH][0-9]{0,4}){0,3}",
            prop::sample::select(&["", "Z", "+07:00", "-23:59", "+99:99", " "][..]),
        )
            .prop_map(|(a, s1, b, s2, c, t, z)| format!("{a}{s1}{b}{s2}{c}{t}{z}")),
        1 => (0i64..10_000, 0u32..14, 0u32..33, 0u32..26, 0u32..62)
            .prop_map(|(y, m, d, h, mi)| format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00+07:00")),
    ]
}

// ---------------------------------------------------------------------------------------
// The properties.

fn front_matter_never_panics(file: &str) -> Result<(), TestCaseError> {
    let path = Path::new("content/2023/bai.md");
    let text = content::source_text(file);
    if let Ok(split) = frontmatter::split(&text, path) {
        let result = frontmatter::parse(split.yaml, path, TZ);
        if let Err(errors) = &result {
            prop_assert!(!errors.is_empty(), "an error result must hold an error");
            // Every diagnostic can be shown with its source line, whatever it points at.
            for d in errors {
                prop_assert!(d.line.is_some(), "front matter errors carry a line: {d}");
                let _ = diagnostics::render(d, Severity::Error, Some(&text), false);
            }
        }
    }
    let config = site_config();
    let _ = content::parse_article(path, file, &config);
    Ok(())
}

fn date_never_panics(input: &str) -> Result<(), TestCaseError> {
    if let Ok(d) = dates::parse_date(input, TZ) {
        // Whatever it accepted is a real instant that displays without trouble.
        let shown = vietnamese::display_date(&d.when, d.has_time);
        prop_assert!(shown.contains('/'), "{shown}");
    }
    Ok(())
}

fn slug_is_clean(input: &str) -> Result<(), TestCaseError> {
    let slug = vietnamese::slugify(input);
    prop_assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug:?}"
    );
    prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
    prop_assert_eq!(
        vietnamese::slugify(&slug),
        slug.clone(),
        "slugs are fixed points"
    );
    let nfd: String = input.nfd().collect();
    prop_assert_eq!(vietnamese::slugify(&nfd), slug, "NFC and NFD give one slug");
    let _ = vietnamese::term_identity(input);
    let _ = vietnamese::fold(input);
    Ok(())
}

fn markdown_never_panics(body: &str) -> Result<(), TestCaseError> {
    let links = markdown::LinkContext {
        base_path: "/thong-tin-tuyen-van/",
        folder: "/thong-tin-tuyen-van/2023/06/bai/",
    };
    let rendered = markdown::render(body, &links);
    for link in &rendered.links {
        prop_assert!(!link.starts_with("/../"), "{link}");
    }
    // The checks walk the same body with positions, and render what they find.
    let file = format!("---\ntitle: Bài\ndate: 2023-06-12\n---\n{body}");
    let sources = Sources {
        markdown: vec![MarkdownFile {
            rel_path: PathBuf::from("content/2023/bai.md"),
            text: file.clone(),
        }],
        ..Sources::default()
    };
    let (articles, _) = tuyenvan::pipeline::parse_all(&sources, &site_config());
    let warnings = check::editorial(&sources, &articles);
    let text = content::source_text(&file);
    for w in &warnings {
        let _ = diagnostics::render(w, Severity::Warning, Some(&text), false);
    }
    let _ = check::doubled_punctuation(body);
    let _ = check::nbsp_runs(body);
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Short runs, part of every `cargo test`.

proptest! {
    #![proptest_config(Config { cases: 200, failure_persistence: None, ..Config::default() })]

    #[test]
    fn short_front_matter(file in article_file()) { front_matter_never_panics(&file)?; }

    #[test]
    fn short_dates(input in date_text()) { date_never_panics(&input)?; }

    #[test]
    fn short_slugs(input in text(20)) { slug_is_clean(&input)?; }

    #[test]
    fn short_markdown(body in text(80)) { markdown_never_panics(&body)?; }
}

// ---------------------------------------------------------------------------------------
// Long runs: `cargo test --release --test e2e fuzz:: -- --ignored --nocapture --test-threads 1`.

fn long_run<S: Strategy>(
    name: &str,
    strategy: S,
    property: fn(&S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let secs: u64 = std::env::var("TUYENVAN_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(600);
    let started = Instant::now();
    let deadline = started + Duration::from_secs(secs);
    let batch = 1000u32;
    let mut executions = 0u64;
    while Instant::now() < deadline {
        let mut runner = TestRunner::new(Config {
            cases: batch,
            failure_persistence: None,
            ..Config::default()
        });
        if let Err(e) = runner.run(&strategy, |v| property(&v)) {
            panic!("fuzz target {name} found a failure after {executions} executions: {e}");
        }
        executions += u64::from(batch);
    }
    println!(
        "fuzz target {name}: {executions} executions in {:.0} s, 0 crashes",
        started.elapsed().as_secs_f64()
    );
}

#[test]
#[ignore = "long fuzz run; see docs/EDITOR_TOOLS.md"]
fn fuzz_front_matter() {
    long_run("front_matter", article_file(), |f| {
        front_matter_never_panics(f)
    });
}

#[test]
#[ignore = "long fuzz run; see docs/EDITOR_TOOLS.md"]
fn fuzz_dates() {
    long_run("dates", date_text(), |d| date_never_panics(d));
}

#[test]
#[ignore = "long fuzz run; see docs/EDITOR_TOOLS.md"]
fn fuzz_slugs() {
    long_run("slugs", text(40), |s| slug_is_clean(s));
}

#[test]
#[ignore = "long fuzz run; see docs/EDITOR_TOOLS.md"]
fn fuzz_markdown() {
    long_run("markdown", text(120), |b| markdown_never_panics(b));
}
