//! Figures for photos (issue 9): 100 camera-size photos cold and warm (cache), and the image
//! bytes of the sample home page before and after. Run: `cargo bench --bench images [-- N]`.

// The tests' photo maker; the bench uses only the camera-like photos of it.
#[allow(dead_code)]
#[path = "../tests/e2e/support/photo.rs"]
mod photo;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tuyenvan::pipeline::{self, BuildOptions};

const WIDTH: u32 = 4000;
const HEIGHT: u32 = 3000;

fn photo_site(dir: &Path, photos: u32) -> u64 {
    fs::write(
        dir.join("site.yaml"),
        "title: Ảnh\nbase_url: https://x.gov.vn/\n",
    )
    .expect("site.yaml");
    let mut bytes = 0;
    for i in 0..photos {
        let bundle = dir.join(format!("content/2024/bai-{i}"));
        fs::create_dir_all(&bundle).expect("bundle");
        let photo = photo::camera_photo(i, WIDTH, HEIGHT);
        bytes += photo.len() as u64;
        fs::write(bundle.join("anh.jpg"), photo).expect("photo");
        fs::write(
            bundle.join("index.md"),
            format!("---\ntitle: Bài {i}\ndate: 2024-01-01\nimage: anh.jpg\n---\nSapo {i}.\n"),
        )
        .expect("article");
    }
    bytes
}

fn timed_build(root: &Path) -> (f64, pipeline::ImageReport) {
    let options = BuildOptions {
        root: root.to_path_buf(),
        ..BuildOptions::default()
    };
    let start = Instant::now();
    let report = pipeline::build(&options).unwrap_or_else(|e| panic!("{e}"));
    (start.elapsed().as_secs_f64(), report.images)
}

fn photos_figures(photos: u32) {
    let dir = tempfile::tempdir().expect("temp dir");
    eprintln!("generating {photos} photos of {WIDTH}x{HEIGHT}…");
    let bytes = photo_site(dir.path(), photos);
    println!(
        "{photos} photos {WIDTH}x{HEIGHT}, {:.1} MB of JPEG ({:.1} MB each)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / f64::from(photos)
    );
    let (cold, report) = timed_build(dir.path());
    println!(
        "cold build: {cold:.1} s ({:.0} ms per photo on {} threads), {} processed, {} copies",
        cold * 1000.0 / f64::from(photos),
        rayon::current_num_threads(),
        report.processed,
        report.copies
    );
    let (unchanged, _) = timed_build(dir.path());
    println!("unchanged rebuild (build record, nothing read): {unchanged:.2} s");
    // One article edited: the site is built again and every photo comes from the cache.
    let article = dir.path().join("content/2024/bai-0/index.md");
    let text = fs::read_to_string(&article).expect("article");
    fs::write(&article, format!("{text}\nThêm một đoạn.\n")).expect("edit");
    let (warm, report) = timed_build(dir.path());
    println!(
        "warm build after an edit (photos from the cache): {warm:.2} s, {} processed, {} from the cache",
        report.processed, report.cached
    );
    let (published, _) = folder_size(&dir.path().join("public"), |_| true);
    println!(
        "published: {:.1} MB (originals included)",
        published as f64 / 1e6
    );
}

fn folder_size(dir: &Path, keep: impl Fn(&Path) -> bool) -> (u64, usize) {
    let mut total = (0, 0);
    for entry in walk(dir) {
        if keep(&entry) {
            total.0 += fs::metadata(&entry).map(|m| m.len()).unwrap_or(0);
            total.1 += 1;
        }
    }
    total
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Every `src`/`srcset` candidate of the `<img>` and `<source>` tags of a page.
fn image_addresses(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for tag in html
        .split('<')
        .filter(|t| t.starts_with("img ") || t.starts_with("source "))
    {
        let attr = |name: &str| {
            let key = format!(" {name}=\"");
            tag.find(&key).map(|i| {
                let rest = &tag[i + key.len()..];
                rest[..rest.find('"').unwrap_or(rest.len())].replace("&#x2F;", "/")
            })
        };
        out.push((
            attr("src").unwrap_or_default(),
            attr("srcset").unwrap_or_default(),
        ));
    }
    out
}

/// What a browser with WebP fetches for a `<picture>` at `slot` device pixels: the smallest
/// WebP candidate at least that wide (or the largest), or the thumbnail.
fn chosen(sources: &str, slot: u32) -> Option<String> {
    let mut candidates: Vec<(u32, String)> = sources
        .split(", ")
        .filter_map(|c| {
            let (url, w) = c.rsplit_once(' ')?;
            Some((w.trim_end_matches('w').parse().ok()?, url.to_string()))
        })
        .collect();
    if candidates.is_empty() {
        return (!sources.is_empty()).then(|| sources.to_string());
    }
    candidates.sort();
    candidates
        .iter()
        .find(|(w, _)| *w >= slot)
        .or(candidates.last())
        .map(|(_, u)| u.clone())
}

fn home_figures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().expect("temp dir");
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: Some(out.path().join("public")),
        ..BuildOptions::default()
    };
    pipeline::build(&options).unwrap_or_else(|e| panic!("{e}"));
    let public = out.path().join("public");
    let html = fs::read_to_string(public.join("index.html")).expect("home");
    let size =
        |url: &str| fs::metadata(public.join(url.trim_start_matches('/'))).map_or(0, |m| m.len());
    // Before: every <img> loaded its original. After: the WebP a browser picks, for a
    // desktop (lead photo 640 px wide) and a phone (360 CSS px at 2x: 720 px).
    let mut originals = BTreeSet::new();
    let (mut desktop, mut phone) = (BTreeSet::new(), BTreeSet::new());
    for (src, srcset) in image_addresses(&html) {
        if src.is_empty() && srcset.contains(".webp") {
            desktop.extend(chosen(&srcset, 640));
            phone.extend(chosen(&srcset, 720));
        } else if !src.is_empty() {
            let name = src.rsplit('/').next().unwrap_or("");
            let stem = name.split('.').next().unwrap_or(name);
            let original = format!("{}{stem}.jpg", &src[..src.len() - name.len()]);
            originals.insert(original);
        }
    }
    let before: u64 = originals.iter().map(|u| size(u)).sum();
    let after_desktop: u64 = desktop.iter().map(|u| size(u)).sum();
    let after_phone: u64 = phone.iter().map(|u| size(u)).sum();
    println!(
        "sample home page: {} photos; originals {:.0} KB; WebP copies {:.0} KB on a desktop ({:.0}% saved), {:.0} KB on a phone at 2x ({:.0}% saved)",
        originals.len(),
        before as f64 / 1e3,
        after_desktop as f64 / 1e3,
        100.0 - 100.0 * after_desktop as f64 / before.max(1) as f64,
        after_phone as f64 / 1e3,
        100.0 - 100.0 * after_phone as f64 / before.max(1) as f64,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this file too, and
    // must not spend minutes making photos there.
    if !std::env::args().any(|a| a == "--bench") {
        println!("run with: cargo bench --bench images [-- PHOTOS]");
        return;
    }
    let photos = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100);
    home_figures();
    photos_figures(photos);
}
