//! Measures the search index on a real site folder: how long building it adds to a build,
//! its size on disk, and what the browser downloads for a few typical queries.
//! Run by benches/search.sh (`cargo bench --bench search_index -- <site dir>`); without a
//! site folder it only prints how to use it, so `cargo test --all-targets` stays quick.

use std::path::PathBuf;
use std::time::Instant;
use tuyenvan::search::{self, IndexFile};
use tuyenvan::{load, pipeline, site};

/// Queries a reader of the section would type, without and with marks.
const QUERIES: &[&str] = &[
    "tuyen van",
    "tuyên vận",
    "uy ban",
    "dang bo",
    "nghi quyet",
    "y te",
    "khong co gi het",
];

/// CPU time of the whole process in ms (user and system, all threads), from /proc on Linux:
/// wall time says little on a machine other builds share.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    // Linux's USER_HZ is 100 on every architecture it runs on.
    Some(ticks * 10.0)
}

/// CPU time of the calling thread in ms, from /proc on Linux (nanoseconds, first field of
/// schedstat). The main thread waits while the pool works, so this is the index's serial
/// part: with two threads the build takes at least it plus half the rest.
fn thread_cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

fn main() {
    let Some(root) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        println!("usage: cargo bench --bench search_index -- <site dir>");
        return;
    };
    let root = PathBuf::from(root);
    let config = pipeline::load_config(&root, None).expect("site.yaml");
    let (sources, errors) = load::read_sources(&root, &config.theme);
    assert!(errors.is_empty(), "{errors:?}");
    let (articles, errors) = pipeline::parse_all(&sources, &config);
    assert!(errors.is_empty(), "{errors:?}");
    let site =
        site::build(config, articles, Default::default(), chrono::Utc::now()).expect("site model");

    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    let mut serial = Vec::new();
    let mut files = Vec::new();
    for _ in 0..runs.max(1) {
        let (started, cpu_before, serial_before) = (Instant::now(), cpu_ms(), thread_cpu_ms());
        files = search::build(&site);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        serial.push(
            thread_cpu_ms()
                .zip(serial_before)
                .map(|(after, before)| after - before),
        );
        cpu.push(
            cpu_ms()
                .zip(cpu_before)
                .map(|(after, before)| after - before),
        );
    }
    times.sort_by(f64::total_cmp);
    // DUMP=<dir> writes the index there, to compare two versions byte for byte.
    if let Some(dir) = std::env::var_os("DUMP") {
        for f in &files {
            let path = PathBuf::from(&dir).join(&f.rel);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dump dir");
            std::fs::write(path, &f.bytes).expect("dump");
        }
    }
    let median = times.len() / 2;
    let size = |f: &IndexFile| f.bytes.len();
    let total: usize = files.iter().map(size).sum();
    let largest = |dir: &str| {
        files
            .iter()
            .filter(|f| f.rel.starts_with(dir))
            .map(size)
            .max()
            .unwrap_or(0)
    };
    println!("articles            {}", site.articles.len());
    println!(
        "index build (median of {})  {:.0} ms wall",
        times.len(),
        times[median]
    );
    let mut cpu: Vec<f64> = cpu.into_iter().flatten().collect();
    cpu.sort_by(f64::total_cmp);
    if let Some(ms) = cpu.get(cpu.len() / 2) {
        println!("index build CPU (median)   {ms:.0} ms, all runs {cpu:?}");
    }
    let mut serial: Vec<f64> = serial.into_iter().flatten().collect();
    serial.sort_by(f64::total_cmp);
    if let Some(ms) = serial.get(serial.len() / 2) {
        println!("of which serial (median)   {ms:.0} ms (the calling thread's CPU)");
    }
    println!(
        "index on disk       {} bytes in {} files",
        total,
        files.len()
    );
    println!(
        "meta.json           {} bytes",
        size(files.last().expect("meta"))
    );
    let count = |dir: &str| files.iter().filter(|f| f.rel.starts_with(dir)).count();
    println!(
        "shards, doc chunks, tails  {}, {}, {}",
        count("t/"),
        count("d/"),
        count("x/")
    );
    println!("largest shard       {} bytes", largest("t/"));
    println!("largest tail        {} bytes", largest("x/"));
    println!("largest doc chunk   {} bytes", largest("d/"));

    // What search.js fetches for the first page of results: the manifest (carried inline by
    // the search page, counted all the same), the shards of the query's words and pairs, the
    // tails of its common terms when the shards cannot tell the first page
    // (`search::first_page` answers as the script does), the recent rows and the document
    // chunks of the first 10 hits that are not among them.
    let meta: serde_json::Value = serde_json::from_slice(
        &files
            .iter()
            .find(|f| f.rel == "meta.json")
            .expect("meta")
            .bytes,
    )
    .expect("meta json");
    let per_chunk = meta["per_chunk"].as_u64().unwrap_or(1);
    let docs = meta["docs"].as_u64().unwrap_or(0);
    let first_recent = docs - meta["recent"].as_u64().unwrap_or(0);
    let by_name = |rel: &str| files.iter().find(|f| f.rel == rel).map_or(0, size);
    // QUERIES="a|b" asks other queries.
    let asked = std::env::var("QUERIES").ok();
    let queries: Vec<&str> = asked
        .as_deref()
        .map_or_else(|| QUERIES.to_vec(), |q| q.split('|').collect());
    for query in queries {
        let answer = search::first_page(&files, query).expect("search");
        let mut needed = answer.files.clone();
        needed.push("d/recent.json".to_string());
        for hit in answer.hits.iter().take(search::PAGE) {
            let chunk = format!("d/{}.json", hit.doc / per_chunk);
            if hit.doc < first_recent && !needed.contains(&chunk) {
                needed.push(chunk);
            }
        }
        let tails = needed.iter().filter(|f| f.starts_with("x/")).count();
        let bytes: usize = by_name("meta.json") + needed.iter().map(|f| by_name(f)).sum::<usize>();
        println!(
            "query {:<12} {:>6} hits, {:>7} bytes of index downloaded, {} files ({} tails), {} ranked at first",
            format!("{query:?}"),
            answer.total,
            bytes,
            needed.len(),
            tails,
            answer.hits.len()
        );
    }
}
