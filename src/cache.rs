//! The build record: a fingerprint of every input of the last successful build and the
//! files it left in the output, so that building an unchanged site does no work at all.

use crate::load::{MarkdownFile, SourcePath, Sources};
use crate::site::{HeldBack, HeldReason, Visibility};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Folder of the record, inside the site root (git-ignored).
pub(crate) const CACHE_DIR: &str = ".tuyenvan-cache";

/// What the last successful build saw and did.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Record {
    pub fingerprint: u64,
    /// Unix time at which a scheduled article becomes due: the record is stale from then on.
    pub valid_until: Option<i64>,
    pub articles: usize,
    pub pages: usize,
    /// Each output file with its size and modification time in nanoseconds.
    pub outputs: BTreeMap<String, FileStamp>,
    /// Held-back articles: source, title, date shown, whether a draft, when due.
    pub held_back: Vec<(PathBuf, String, String, bool, i64)>,
}

impl Record {
    pub(crate) fn held_back(&self) -> Vec<HeldBack> {
        self.held_back
            .iter()
            .map(|(source, title, date, draft, due)| HeldBack {
                source: source.clone(),
                title: title.clone(),
                date: date.clone(),
                reason: if *draft {
                    HeldReason::Draft
                } else {
                    HeldReason::Scheduled
                },
                due: *due,
            })
            .collect()
    }
}

fn hash_file_stamp(path: &Path, hasher: &mut impl Hasher) {
    if let Ok(meta) = fs::metadata(path) {
        meta.len().hash(hasher);
        mtime_nanos(&meta).hash(hasher);
    }
}

/// A file's size and modification time in nanoseconds, as the record keeps them.
pub(crate) type FileStamp = (u64, u128);

pub(crate) fn stamp(meta: &fs::Metadata) -> FileStamp {
    (meta.len(), mtime_nanos(meta))
}

fn mtime_nanos(meta: &fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// What a build is asked for beyond its sources: `--base-url`, and drafts and future articles.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Asked<'a> {
    pub base_url: Option<&'a str>,
    pub visibility: Visibility,
}

/// The digest of one Markdown text, as `fingerprint` takes it. XXH3, not the standard
/// SipHash: SipHash over the texts cost 1 % of a 1,000-article build.
pub(crate) fn digest(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// Each text's digest, in order, digested in parallel: 1.1 GB at 100,000 articles.
pub(crate) fn digests(markdown: &[MarkdownFile]) -> Vec<u128> {
    markdown.par_iter().map(|file| digest(&file.text)).collect()
}

/// The first part of a build's fingerprint (a hash of everything its output depends on):
/// the options, `site.yaml`, the theme on disk, the size and time of every other file, and
/// the binary itself (its built-in theme and code). Taken before the build reads a text or
/// processes a photo, so a file changed while the build runs is seen by the next build.
/// `with_texts` adds the Markdown texts.
pub(crate) struct InputStamps(xxhash_rust::xxh3::Xxh3);

/// Stamps every input of a build but its Markdown texts (`InputStamps`).
pub(crate) fn stamp_inputs<M>(
    config_text: &str,
    sources: &Sources<M>,
    asked: Asked<'_>,
    output: &Path,
) -> InputStamps {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    if let Ok(exe) = std::env::current_exe() {
        hash_file_stamp(&exe, &mut h);
    }
    (
        asked.base_url,
        asked.visibility.drafts,
        asked.visibility.future,
    )
        .hash(&mut h);
    output.hash(&mut h);
    config_text.hash(&mut h);
    for asset in &sources.assets {
        asset.rel_path.hash(&mut h);
        hash_file_stamp(&asset.abs_path, &mut h);
    }
    let theme = &sources.theme;
    (&theme.dir, &theme.templates, &theme.strings).hash(&mut h);
    for (rel, path) in &theme.static_files {
        rel.hash(&mut h);
        hash_file_stamp(path, &mut h);
    }
    InputStamps(h)
}

impl InputStamps {
    /// The fingerprint: these stamps and every Markdown text, by its `digests` (in the order
    /// of `markdown`).
    pub(crate) fn with_texts<M: SourcePath>(self, markdown: &[M], digests: &[u128]) -> u64 {
        let mut h = self.0;
        for (file, digest) in markdown.iter().zip(digests) {
            (file.rel_path(), digest).hash(&mut h);
        }
        h.finish()
    }
}

/// Every file under `dir` with its size and modification time.
pub(crate) fn scan_outputs(dir: &Path) -> BTreeMap<String, FileStamp> {
    // Each top-level entry walked in parallel: one metadata call per file of the site.
    let tops: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => return BTreeMap::new(),
    };
    tops.par_iter()
        .flat_map_iter(|top| {
            walkdir::WalkDir::new(top)
                .follow_root_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .filter_map(|e| {
                    let meta = e.metadata().ok()?;
                    let rel = e
                        .path()
                        .strip_prefix(dir)
                        .ok()?
                        .to_string_lossy()
                        .replace('\\', "/");
                    Some((rel, stamp(&meta)))
                })
        })
        .collect()
}

fn record_path(root: &Path, output: &Path) -> PathBuf {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    output.hash(&mut h);
    root.join(CACHE_DIR)
        .join(format!("build-{:016x}.json", h.finish()))
}

/// Whether a record of a build into `output` exists and the folder too: only then may the
/// build have nothing to do, and is it worth reading every source before parsing any.
pub(crate) fn may_be_unchanged(root: &Path, output: &Path) -> bool {
    record_path(root, output).is_file() && output.is_dir()
}

/// The record of the last build, if it still describes `output` for inputs `fingerprint`.
pub(crate) fn still_valid(root: &Path, output: &Path, fingerprint: u64) -> Option<Record> {
    let text = fs::read_to_string(record_path(root, output)).ok()?;
    // The fingerprint is the record's first field: most builds stop at it, before reading
    // a line per output file.
    let written = text.strip_prefix("{\"fingerprint\":")?;
    let digits = written.find(|c: char| !c.is_ascii_digit())?;
    // A build into an emptied or new folder: no need to read a line per output file.
    if written[..digits].parse::<u64>().ok()? != fingerprint || !output.is_dir() {
        return None;
    }
    let record: Record = serde_json::from_str(&text).ok()?;
    let now = chrono::Utc::now().timestamp();
    let fresh = record.fingerprint == fingerprint && record.valid_until.is_none_or(|t| now < t);
    (fresh && scan_outputs(output) == record.outputs).then_some(record)
}

/// Build records kept, the one just written included: one per output folder, so a site
/// built into `public/` and a few other folders keeps each, while the records of folders
/// built into once (a test, a benchmark, a preview) do not pile up (15 MB each at 100,000
/// articles).
const RECORDS_KEPT: usize = 8;

/// Saves the record of a successful build; failing to save only costs the next build time.
/// The records written longest ago beyond `RECORDS_KEPT` are removed.
pub(crate) fn save(root: &Path, output: &Path, record: &Record) {
    let path = record_path(root, output);
    let Some(dir) = path.parent() else { return };
    let _ = fs::create_dir_all(dir);
    if let Ok(text) = serde_json::to_string(record) {
        if fs::write(&path, text).is_ok() {
            remove_old_records(dir, &path);
        }
    }
}

/// Removes the build records in `dir` but `kept` and the newest others, up to `RECORDS_KEPT`.
fn remove_old_records(dir: &Path, kept: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut others: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("build-") && name.ends_with(".json") && e.path() != kept
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    others.sort_by_key(|(written, _)| std::cmp::Reverse(*written));
    for (_, old) in others.into_iter().skip(RECORDS_KEPT - 1) {
        let _ = fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn record() -> Record {
        Record {
            fingerprint: 7,
            valid_until: None,
            articles: 1,
            pages: 0,
            outputs: BTreeMap::new(),
            held_back: Vec::new(),
        }
    }

    #[test]
    fn a_photo_changed_after_the_inputs_were_stamped_changes_the_next_fingerprint() {
        let root = tempfile::tempdir().unwrap();
        let photo = root.path().join("anh.jpg");
        fs::write(&photo, "ảnh cũ").unwrap();
        let sources: Sources<MarkdownFile> = Sources {
            markdown: vec![MarkdownFile {
                rel_path: PathBuf::from("content/a.md"),
                text: "Bài.".to_string(),
            }],
            assets: vec![crate::load::AssetFile {
                rel_path: PathBuf::from("content/anh.jpg"),
                abs_path: photo.clone(),
            }],
            theme: Default::default(),
        };
        let asked = Asked {
            base_url: None,
            visibility: Visibility::default(),
        };
        let output = root.path().join("public");
        let fingerprint = || {
            let digests = digests(&sources.markdown);
            stamp_inputs("", &sources, asked, &output).with_texts(&sources.markdown, &digests)
        };
        // Stamped as a build starts; the photo is replaced while it parses and renders.
        let stamped = stamp_inputs("", &sources, asked, &output);
        let before = fingerprint();
        fs::write(&photo, "ảnh mới, dài hơn").unwrap();
        let digests = digests(&sources.markdown);
        let recorded = stamped.with_texts(&sources.markdown, &digests);
        assert_eq!(
            recorded, before,
            "the record describes the photo the build used"
        );
        assert_ne!(fingerprint(), recorded, "the next build sees the new photo");
    }

    #[test]
    fn saving_a_record_keeps_the_newest_others_and_removes_the_oldest() {
        let root = tempfile::tempdir().unwrap();
        let cache = root.path().join(CACHE_DIR);
        fs::create_dir_all(&cache).unwrap();
        // Twelve records of other folders, written an hour apart; and files that are not
        // build records, however old.
        let hour = Duration::from_secs(3600);
        let start = SystemTime::now() - hour * 24;
        for i in 0..12u32 {
            let path = cache.join(format!("build-{i:016x}.json"));
            fs::write(&path, "{}").unwrap();
            let file = fs::File::options().write(true).open(&path).unwrap();
            file.set_modified(start + hour * i).unwrap();
        }
        for other in ["theme.json", "build-notes.txt"] {
            fs::write(cache.join(other), "x").unwrap();
            let file = fs::File::options()
                .write(true)
                .open(cache.join(other))
                .unwrap();
            file.set_modified(start - hour).unwrap();
        }
        let output = root.path().join("public");
        save(root.path(), &output, &record());

        let mut left: Vec<String> = fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> =
            (5..12u32).map(|i| format!("build-{i:016x}.json")).collect();
        let saved = record_path(root.path(), &output);
        expected.push(saved.file_name().unwrap().to_string_lossy().into_owned());
        expected.extend(["build-notes.txt".to_string(), "theme.json".to_string()]);
        expected.sort();
        assert_eq!(left, expected);
        // The record just saved is read back as written.
        let text = fs::read_to_string(&saved).unwrap();
        assert_eq!(serde_json::from_str::<Record>(&text).unwrap(), record());
    }
}
