//! The last stage: writes rendered outputs and copied assets into a staging folder beside
//! the output folder and swaps it in only when everything is written, so a failed or killed
//! build never leaves a half-written site. Unchanged files keep their inode and mtime.

use crate::builtin;
use crate::cache::{self, FileStamp};
use crate::error::Diagnostic;
use crate::load::AssetSource;
#[cfg(test)]
use crate::render::Output;
use crate::tr;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A file copied as it is, by output path.
pub(crate) struct AssetOutput<'a> {
    pub path: &'a str,
    pub source: &'a AssetSource,
}

/// What the write did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WriteReport {
    /// Files whose bytes are new or changed.
    pub written: usize,
    /// Files carried over unchanged.
    pub unchanged: usize,
    /// Files of the previous output that are gone.
    pub removed: usize,
}

/// `action` is the id of the message saying what could not be done.
fn io_error(path: &Path, action: &str, e: io::Error) -> Diagnostic {
    Diagnostic::new(path, tr!(action))
        .with_help(tr!("output-io-help"))
        .with_note(tr!("note-system", detail = e.to_string()))
}

/// Refuses output folders whose replacement would destroy sources.
pub(crate) fn check_output_dir(output: &Path, root: &Path) -> Result<(), Diagnostic> {
    let abs = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let out = abs(output);
    let root = abs(root);
    let dangerous = root.starts_with(&out)
        || out.starts_with(root.join("content"))
        || out.starts_with(root.join("themes"));
    if dangerous {
        return Err(Diagnostic::new(output, tr!("output-dangerous"))
            .with_help(tr!("output-dangerous-help")));
    }
    Ok(())
}

fn same_file_content(old: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(old) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            fs::read(old).is_ok_and(|b| b == bytes)
        }
        _ => false,
    }
}

fn same_as_source(old: &Path, source: &AssetSource) -> bool {
    match source {
        AssetSource::BuiltinTheme(rel) => {
            builtin::static_bytes(rel).is_some_and(|b| same_file_content(old, b))
        }
        AssetSource::Disk(src) => same_bytes(old, src),
        AssetSource::Cached(src) => same_inode(old, src) || same_bytes(old, src),
    }
}

fn same_bytes(old: &Path, src: &Path) -> bool {
    let (Ok(a), Ok(b)) = (fs::metadata(old), fs::metadata(src)) else {
        return false;
    };
    a.len() == b.len() && fs::read(old).ok() == fs::read(src).ok()
}

#[cfg(unix)]
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_a: &Path, _b: &Path) -> bool {
    false
}

enum Content<'a> {
    Bytes(&'a [u8]),
    Asset(&'a AssetSource),
}

/// One file placed in the stage: whether its bytes changed, and its size and time as the
/// build record keeps them (`None` if the system could not say).
struct Placed {
    changed: bool,
    stamp: Option<FileStamp>,
}

/// Places one file in the stage: a hard link to the `previous` output's file when unchanged,
/// else new bytes.
fn place(
    stage: &Path,
    previous: Option<&Path>,
    rel: &str,
    content: Content<'_>,
) -> Result<Placed, Diagnostic> {
    let target = stage.join(rel);
    let stamp_of_target = || fs::metadata(&target).ok().map(|m| cache::stamp(&m));
    if let Some(previous) = previous {
        let old = previous.join(rel);
        let unchanged = match &content {
            Content::Bytes(b) => same_file_content(&old, b),
            Content::Asset(source) => same_as_source(&old, source),
        };
        if unchanged && in_folder(&target, |t| fs::hard_link(&old, t))?.is_ok() {
            return Ok(Placed {
                changed: false,
                stamp: stamp_of_target(),
            });
        }
    }
    let stamp = match content {
        Content::Bytes(b) => in_folder(&target, |t| write_and_stamp(t, b))?
            .map_err(|e| io_error(&target, "output-write", e))?,
        Content::Asset(AssetSource::Disk(src)) => {
            in_folder(&target, |t| fs::copy(src, t))?
                .map_err(|e| io_error(src, "output-copy", e))?;
            stamp_of_target()
        }
        Content::Asset(AssetSource::Cached(src)) => {
            // Cached copies are never rewritten in place, so sharing their inode is safe.
            if in_folder(&target, |t| fs::hard_link(src, t))?.is_err() {
                fs::copy(src, &target).map_err(|e| io_error(src, "output-copy", e))?;
            }
            stamp_of_target()
        }
        Content::Asset(AssetSource::BuiltinTheme(rel)) => {
            let bytes = builtin::static_bytes(rel).unwrap_or_default();
            in_folder(&target, |t| write_and_stamp(t, bytes))?
                .map_err(|e| io_error(&target, "output-write", e))?
        }
    };
    Ok(Placed {
        changed: true,
        stamp,
    })
}

/// Writes a file and reads its size and time from the open file: the build record needs
/// them, and asking the open file spares looking the path up again (or walking the output
/// afterwards, a tenth of a second per 10,000 files).
fn write_and_stamp(path: &Path, bytes: &[u8]) -> io::Result<Option<FileStamp>> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    Ok(file.metadata().ok().map(|m| cache::stamp(&m)))
}

/// Runs `make`, which creates the file `target`; when `target`'s folder is missing, creates
/// it and runs `make` again. Trying first spares a look-up of the folder for every file
/// (most folders hold one page). The outer error is the folder's, the inner `make`'s.
fn in_folder<T>(
    target: &Path,
    make: impl Fn(&Path) -> io::Result<T>,
) -> Result<io::Result<T>, Diagnostic> {
    match make(target) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)
                    .map_err(|e| io_error(parent, "output-create-folder", e))?;
            }
            Ok(make(target))
        }
        made => Ok(made),
    }
}

/// Files of the previous output that the new one does not have.
fn count_removed(dir: &Path, kept: &HashSet<&str>) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            !kept.contains(rel.as_str())
        })
        .count()
}

/// A build's output being written: files go into a staging folder beside the output as
/// they are rendered, and the folder replaces the output only in `finish`.
pub(crate) struct Stage {
    dir: tempfile::TempDir,
    output: PathBuf,
    /// Whether there is a previous output to compare with (a first build, or one into an
    /// emptied folder, has none: no file of it to look up).
    has_previous: bool,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// Each staged file with its size and time, for the build record.
    stamps: Mutex<Vec<(String, FileStamp)>>,
}

/// What `Stage::finish` leaves: the counts, and every file of the output with its size and
/// time, as `cache::scan_outputs` would find them.
pub(crate) struct Finished {
    pub report: WriteReport,
    pub files: BTreeMap<String, FileStamp>,
}

impl Stage {
    /// Creates the staging folder beside `output`, after undoing a killed build's leftovers.
    pub(crate) fn new(output: &Path) -> Result<Stage, Diagnostic> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| io_error(&parent, "output-create-folder", e))?;
        recover(output);
        let dir = tempfile::Builder::new()
            .prefix(".tuyenvan-stage-")
            .tempdir_in(&parent)
            .map_err(|e| io_error(&parent, "output-staging", e))?;
        Ok(Stage {
            dir,
            output: output.to_path_buf(),
            has_previous: output.is_dir(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            stamps: Mutex::new(Vec::new()),
        })
    }

    fn previous(&self) -> Option<&Path> {
        self.has_previous.then_some(self.output.as_path())
    }

    fn count(&self, rel: &str, placed: Placed) {
        let counter = if placed.changed {
            &self.written
        } else {
            &self.unchanged
        };
        counter.fetch_add(1, Ordering::Relaxed);
        if let Some(stamp) = placed.stamp {
            let mut stamps = self.stamps.lock().unwrap_or_else(|e| e.into_inner());
            stamps.push((rel.to_string(), stamp));
        }
    }

    /// Creates the folders of the files `rels` (paths with `/`) in the stage, before they
    /// are written: the stage starts empty, so each file's first write would otherwise fail
    /// on its missing folder and be tried again (a page is a folder of its own).
    pub(crate) fn make_folders<'a>(
        &self,
        rels: impl Iterator<Item = &'a str>,
    ) -> Result<(), Diagnostic> {
        let mut folders: Vec<&str> = rels
            .filter_map(|rel| Some(rel.rsplit_once('/')?.0))
            .collect();
        folders.sort_unstable();
        folders.dedup();
        // A folder named before its sub-folders: most are made by one call each.
        folders.par_iter().try_for_each(|rel| {
            let folder = self.dir.path().join(rel);
            fs::create_dir_all(&folder).map_err(|e| io_error(&folder, "output-create-folder", e))
        })
    }

    /// Stages one rendered file; safe to call from many threads.
    pub(crate) fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let placed = place(self.dir.path(), self.previous(), rel, Content::Bytes(bytes))?;
        self.count(rel, placed);
        Ok(())
    }

    /// Stages one file copied as it is.
    pub(crate) fn put_asset(&self, asset: &AssetOutput<'_>) -> Result<(), Diagnostic> {
        let placed = place(
            self.dir.path(),
            self.previous(),
            asset.path,
            Content::Asset(asset.source),
        )?;
        self.count(asset.path, placed);
        Ok(())
    }

    /// Swaps the staged folder in, unless nothing differs from the output; `kept` are the
    /// paths of every staged file.
    pub(crate) fn finish(self, kept: &HashSet<&str>) -> Result<Finished, Diagnostic> {
        let mut report = WriteReport {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            removed: 0,
        };
        // Unchanged files are hard links to the output's: their size and time are the same
        // whether the stage is swapped in below or left unused.
        let stamps = self.stamps.into_inner().unwrap_or_else(|e| e.into_inner());
        let files = stamps.into_iter().collect();
        if self.output.is_dir() {
            report.removed = count_removed(&self.output, kept);
        }
        if report.written == 0 && report.removed == 0 && self.output.is_dir() {
            // Nothing differs: leave the published folder exactly as it is.
            return Ok(Finished { report, files });
        }
        swap_in(self.dir, &self.output)?;
        Ok(Finished { report, files })
    }
}

/// Writes the whole site to `output`, staged and swapped in at the end.
#[cfg(test)]
pub(crate) fn write_site(
    output: &Path,
    pages: &[Output],
    assets: &[AssetOutput<'_>],
) -> Result<WriteReport, Diagnostic> {
    let stage = Stage::new(output)?;
    pages
        .par_iter()
        .try_for_each(|o| stage.put(&o.path, &o.bytes))?;
    assets.par_iter().try_for_each(|a| stage.put_asset(a))?;
    let kept: HashSet<&str> = pages
        .iter()
        .map(|o| o.path.as_str())
        .chain(assets.iter().map(|a| a.path))
        .collect();
    stage.finish(&kept).map(|finished| finished.report)
}

/// Where the previous output waits during the swap.
fn aside_path(output: &Path) -> PathBuf {
    output.with_file_name(format!(
        ".tuyenvan-old-{}",
        output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ))
}

/// Undoes what a build killed at the worst moment left behind: an output moved aside but
/// not replaced is put back, and staging folders of dead builds are removed.
pub(crate) fn recover(output: &Path) {
    let aside = aside_path(output);
    if !output.exists() && aside.is_dir() {
        let _ = fs::rename(&aside, output);
    }
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let stale = std::time::Duration::from_secs(3600);
    for entry in fs::read_dir(parent).into_iter().flatten().flatten() {
        let name = entry.file_name();
        // Only stages an hour old: a younger one may belong to a build running right now.
        let old_enough = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > stale));
        if name.to_string_lossy().starts_with(".tuyenvan-stage-") && old_enough {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn swap_in(stage: tempfile::TempDir, output: &Path) -> Result<(), Diagnostic> {
    let stage_path = stage.keep();
    set_public_permissions(&stage_path);
    if output.exists() && exchange(&stage_path, output).is_ok() {
        // The stage now holds the previous output (a kill here leaves it to `recover`).
        let _ = fs::remove_dir_all(&stage_path);
        return Ok(());
    }
    // Where the folders cannot be swapped in one step: move the output aside, then the
    // stage in. Between the two there is no output; `recover` puts it back after a kill.
    if output.exists() {
        let old = aside_path(output);
        let _ = fs::remove_dir_all(&old);
        fs::rename(output, &old).map_err(|e| io_error(output, "output-aside", e))?;
        if let Err(e) = fs::rename(&stage_path, output) {
            let _ = fs::rename(&old, output);
            return Err(io_error(output, "output-into-place", e));
        }
        let _ = fs::remove_dir_all(&old);
    } else {
        fs::rename(&stage_path, output).map_err(|e| io_error(output, "output-into-place", e))?;
    }
    Ok(())
}

/// Swaps two folders in one step, so that a web server serving the output never finds
/// it missing.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

/// No one-step swap here (or the file system refuses it): the caller uses two renames.
#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// A temporary file in `dir`, to be written and renamed over a file that others read: a web
/// server running as another user, a copy to a host. tempfile makes its files readable by
/// their owner only; this one is `rw-r--r--` (less what the umask takes), as `fs::write`
/// makes. A published photo linked from the cache answered 403 from such a server before.
pub(crate) fn readable_temp_file(dir: &Path, prefix: &str) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(dir)
}

/// Replaces the file at `path` with `bytes` in one step (a temporary file beside it, renamed
/// over it): a reader meanwhile sees the old file or the new one, never half of one. The
/// file is readable by all, as `readable_temp_file` makes it.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut file = readable_temp_file(dir, ".tmp-")?;
    file.write_all(bytes)?;
    file.persist(path).map(drop).map_err(|e| e.error)
}

#[cfg(unix)]
fn set_public_permissions(dir: &Path) {
    use std::os::unix::fs::PermissionsExt;
    // tempfile makes the stage private (0700); a published site must be readable by the web server.
    let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o755));
}

#[cfg(not(unix))]
fn set_public_permissions(_dir: &Path) {}

/// Writes a new file with its folders, failing with `AlreadyExists` rather than replacing
/// a file that is there (the check and the creation are one step, so no race loses a file).
pub(crate) fn create_new_file(path: &Path, text: &str) -> io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swap_replaces_the_output_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::create_dir_all(&output).unwrap();
        fs::write(output.join("cu.html"), "cũ").unwrap();
        let stage = tempfile::Builder::new()
            .prefix(".tuyenvan-stage-")
            .tempdir_in(dir.path())
            .unwrap();
        fs::write(stage.path().join("moi.html"), "mới").unwrap();
        swap_in(stage, &output).unwrap();
        assert_eq!(fs::read_to_string(output.join("moi.html")).unwrap(), "mới");
        assert!(!output.join("cu.html").exists());
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only public/ is left");
    }

    #[test]
    fn recover_puts_back_an_output_left_aside() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        fs::create_dir_all(aside_path(&output)).unwrap();
        fs::write(aside_path(&output).join("index.html"), "cũ").unwrap();
        recover(&output);
        assert_eq!(fs::read_to_string(output.join("index.html")).unwrap(), "cũ");
    }

    #[test]
    fn the_files_staged_are_the_output_as_a_scan_finds_it() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let source = dir.path().join("logo.svg");
        fs::write(&source, "<svg/>").unwrap();
        let asset = AssetSource::Disk(source);
        let stage_all = |pages: &[(&str, &str)]| {
            let stage = Stage::new(&output).unwrap();
            for (path, text) in pages {
                stage.put(path, text.as_bytes()).unwrap();
            }
            let logo = AssetOutput {
                path: "anh/logo.svg",
                source: &asset,
            };
            stage.put_asset(&logo).unwrap();
            let mut kept: HashSet<&str> = pages.iter().map(|(p, _)| *p).collect();
            kept.insert("anh/logo.svg");
            stage.finish(&kept).unwrap()
        };
        // A first build, a rebuild with a page changed, one kept and one gone, and one
        // where nothing differs (the stage is not swapped in).
        let builds: [&[(&str, &str)]; 3] = [
            &[("index.html", "A"), ("2023/01/bai/index.html", "B")],
            &[("index.html", "A"), ("feed.xml", "C")],
            &[("index.html", "A"), ("feed.xml", "C")],
        ];
        for pages in builds {
            let finished = stage_all(pages);
            assert_eq!(finished.files, cache::scan_outputs(&output));
            assert_eq!(finished.files.len(), pages.len() + 1);
        }
    }

    #[test]
    fn writes_then_swaps_and_reports_changes() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let page = |path: &str, text: &str| Output {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        let first = write_site(
            &output,
            &[page("a/index.html", "A"), page("b.xml", "B")],
            &[],
        )
        .unwrap();
        assert_eq!((first.written, first.unchanged, first.removed), (2, 0, 0));
        let second = write_site(&output, &[page("a/index.html", "A2")], &[]).unwrap();
        assert_eq!(
            (second.written, second.unchanged, second.removed),
            (1, 0, 1)
        );
        assert!(!output.join("b.xml").exists());
        let third = write_site(&output, &[page("a/index.html", "A2")], &[]).unwrap();
        assert_eq!((third.written, third.unchanged, third.removed), (0, 1, 0));
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "only public/ remains beside the stage");
    }
}
