//! Watching: notify + a short debouncer over `site.yaml`, `content/` and `themes/`, and the
//! classifier that turns changed paths into `Changes` (what to re-read). Decides no rendering.

use super::changes::Changes;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

/// How long a path must be quiet before its change is reported. Atomic saves (write a
/// temporary file, rename it over the original) finish well inside it. The editor waits
/// this long for every save, so it is short; `incomplete` covers the slower saves.
const QUIET: Duration = Duration::from_millis(5);

/// How long a batch with a half-saved Markdown file (`incomplete`) waits for the rest of
/// the save before it is taken as it is (a file deleted, or left empty).
pub const LINGER: Duration = Duration::from_millis(60);

/// Whether a Markdown file of `changes` looks half-saved: missing (an editor that moves
/// the old file aside before writing the new one, as vim does) or empty (created, not yet
/// written). Building then would flash a missing page or an error in the open tabs.
pub fn incomplete(root: &Path, changes: &Changes) -> bool {
    changes
        .markdown
        .iter()
        .any(|rel| std::fs::metadata(root.join(rel)).map_or(true, |m| m.len() == 0))
}

/// What a changed path asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `site.yaml`: everything is read again.
    Config,
    /// A Markdown file under `content/`: re-read and re-parse that file.
    Article,
    /// Any other file under `content/`: published as it is.
    ContentAsset,
    /// A folder under `content/` (created, removed, renamed): walk `content/` again.
    ContentDir,
    /// A template of the site's theme.
    Template,
    /// A file of the theme's `static/`.
    ThemeStatic,
    /// The theme's `strings.yaml` (the `t` words every page shows).
    Strings,
    /// The theme folder itself or another file in it: read the theme again.
    Theme,
    /// Editor temp and swap files, hidden files, other themes, anything else.
    Ignored,
}

/// Names editors use for temporary, backup and swap files.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || [
            ".swp",
            ".swo",
            ".swx",
            ".swpx",
            ".tmp",
            ".kate-swp",
            ".crswap",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// Classifies a path relative to the site root; `is_dir` says whether it is (or was, when
/// known) a folder. `theme` is the active theme's name.
pub fn classify(rel: &Path, theme: &str, is_dir: bool) -> Kind {
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    if parts.is_empty() || parts.len() != rel.components().count() {
        return Kind::Ignored;
    }
    if parts.iter().any(|p| is_editor_temp(p)) {
        return Kind::Ignored;
    }
    match parts.as_slice() {
        ["site.yaml"] => Kind::Config,
        ["content"] => Kind::ContentDir,
        ["content", ..] if is_dir => Kind::ContentDir,
        ["content", .., last] if last.ends_with(".md") => Kind::Article,
        ["content", .., last] if !last.contains('.') => Kind::ContentDir,
        ["content", ..] => Kind::ContentAsset,
        ["themes"] => Kind::Theme,
        ["themes", name, rest @ ..] if *name == theme => theme_kind(rest, is_dir),
        _ => Kind::Ignored,
    }
}

fn theme_kind(rest: &[&str], is_dir: bool) -> Kind {
    match rest {
        ["templates", _, ..] if !is_dir => Kind::Template,
        ["static", _, ..] if !is_dir => Kind::ThemeStatic,
        ["strings.yaml"] => Kind::Strings,
        [] | ["templates" | "static", ..] => Kind::Theme,
        _ => Kind::Ignored,
    }
}

/// Adds one classified path to a batch of changes.
pub fn add(changes: &mut Changes, kind: Kind, rel: &Path) {
    match kind {
        Kind::Config => changes.config = true,
        Kind::Article => {
            changes.markdown.insert(rel.to_path_buf());
        }
        Kind::ContentAsset => {
            changes.assets.insert(rel.to_path_buf());
        }
        Kind::ContentDir => changes.rescan = true,
        Kind::Template | Kind::ThemeStatic | Kind::Strings | Kind::Theme => changes.theme = true,
        Kind::Ignored => {}
    }
}

/// Turns debounced events into changes; an error or a rescan flag means "read everything".
pub fn collect(root: &Path, theme: &str, result: DebounceEventResult, changes: &mut Changes) {
    let events = match result {
        Ok(events) => events,
        Err(errors) => {
            for e in errors {
                eprintln!("{}", crate::tr!("watch-rescan", error = e.to_string()));
            }
            changes.config = true;
            return;
        }
    };
    for event in events {
        add_event(root, theme, &event, changes);
    }
}

fn add_event(root: &Path, theme: &str, event: &DebouncedEvent, changes: &mut Changes) {
    if event.need_rescan() {
        changes.config = true;
        return;
    }
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for path in &event.paths {
        let rel = path.strip_prefix(root).unwrap_or(path);
        add(changes, classify(rel, theme, path.is_dir()), rel);
    }
}

/// The watcher: keeps the debouncer alive and (re)watches the folders as they appear.
pub struct Watcher {
    debouncer: notify_debouncer_full::Debouncer<
        notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    root: PathBuf,
    watched: HashSet<PathBuf>,
}

impl Watcher {
    /// Starts watching `root`; debounced events go to the returned receiver.
    pub fn start(root: &Path) -> Result<(Watcher, Receiver<DebounceEventResult>), String> {
        let (tx, rx): (Sender<DebounceEventResult>, _) = std::sync::mpsc::channel();
        let debouncer = new_debouncer(QUIET, Some(QUIET / 4), tx)
            .map_err(|e| crate::tr!("watch-no-start", error = e.to_string()))?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: HashSet::new(),
        };
        watcher.watch_folders()?;
        Ok((watcher, rx))
    }

    /// Watches the root (for `site.yaml`) and `content/` and `themes/` once they exist.
    pub fn watch_folders(&mut self) -> Result<(), String> {
        let targets = [
            (self.root.clone(), RecursiveMode::NonRecursive),
            (self.root.join("content"), RecursiveMode::Recursive),
            (self.root.join("themes"), RecursiveMode::Recursive),
        ];
        for (dir, mode) in targets {
            if self.watched.contains(&dir) || !dir.is_dir() {
                continue;
            }
            self.debouncer
                .watch(&dir, mode)
                .map_err(|e| watch_error(&dir, &e))?;
            self.watched.insert(dir);
        }
        self.watched.retain(|d| d.is_dir());
        Ok(())
    }
}

fn watch_error(dir: &Path, e: &notify::Error) -> String {
    let limit = matches!(e.kind, notify::ErrorKind::MaxFilesWatch);
    let hint = if limit {
        format!(" ({})", crate::tr!("watch-limit"))
    } else {
        String::new()
    };
    let dir = dir.display().to_string();
    crate::tr!(
        "watch-no-dir",
        dir = dir,
        error = e.to_string(),
        hint = hint
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_changed_paths() {
        assert_classified(&[
            ("site.yaml", false, Kind::Config),
            ("content/2023/bai.md", false, Kind::Article),
            ("content/gioi-thieu.md", false, Kind::Article),
            ("content/2023/bai/index.md", false, Kind::Article),
            ("content/2023/bai/anh.jpg", false, Kind::ContentAsset),
            ("content/tai-lieu/quy-dinh.pdf", false, Kind::ContentAsset),
            ("content/2023", true, Kind::ContentDir),
            ("content/2023.cu", true, Kind::ContentDir),
            ("content/2024", false, Kind::ContentDir),
            ("content", true, Kind::ContentDir),
            (
                "themes/default/templates/article.html",
                false,
                Kind::Template,
            ),
            (
                "themes/default/templates/partials/x.html",
                false,
                Kind::Template,
            ),
            (
                "themes/default/static/css/style.css",
                false,
                Kind::ThemeStatic,
            ),
            ("themes/default/static/css", true, Kind::Theme),
            ("themes/default/strings.yaml", false, Kind::Strings),
            ("themes/default", true, Kind::Theme),
            ("themes", true, Kind::Theme),
            ("themes/khac/templates/article.html", false, Kind::Ignored),
            ("themes/default/README.md", false, Kind::Ignored),
        ]);
    }

    #[test]
    fn ignores_temporary_files_and_what_a_build_does_not_read() {
        assert_classified(&[
            // Editor temp, swap and backup files, hidden files.
            ("content/2023/.bai.md.swp", false, Kind::Ignored),
            ("content/2023/bai.md.swp", false, Kind::Ignored),
            ("content/2023/bai.md~", false, Kind::Ignored),
            ("content/2023/.#bai.md", false, Kind::Ignored),
            ("content/2023/#bai.md#", false, Kind::Ignored),
            ("content/2023/4913", false, Kind::Ignored),
            ("content/2023/bai.md.tmp", false, Kind::Ignored),
            ("content/2023/bai.md___jb_tmp___", false, Kind::Ignored),
            ("content/.git/index", false, Kind::Ignored),
            (
                "themes/default/templates/.base.html.swp",
                false,
                Kind::Ignored,
            ),
            (".site.yaml.swp", false, Kind::Ignored),
            ("site.yaml~", false, Kind::Ignored),
            // Not watched, or outside what a build reads.
            ("public/index.html", false, Kind::Ignored),
            (".tuyenvan-stage-x/index.html", false, Kind::Ignored),
            ("README.md", false, Kind::Ignored),
            ("../content/a.md", false, Kind::Ignored),
        ]);
    }

    /// Each (path, is it a folder, kind) of `table`, with `default` as the theme.
    fn assert_classified(table: &[(&str, bool, Kind)]) {
        for (path, is_dir, kind) in table {
            assert_eq!(
                classify(Path::new(path), "default", *is_dir),
                *kind,
                "{path} (dir: {is_dir})"
            );
        }
    }

    #[test]
    fn missing_and_empty_files_are_half_saved() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "---\ntitle: A\n---\n").unwrap();
        std::fs::write(root.join("content/rong.md"), "").unwrap();
        let batch = |paths: &[&str]| Changes {
            markdown: paths.iter().map(PathBuf::from).collect(),
            ..Changes::default()
        };
        assert!(!incomplete(root, &batch(&["content/a.md"])));
        assert!(incomplete(root, &batch(&["content/a.md", "content/b.md"])));
        assert!(incomplete(root, &batch(&["content/rong.md"])));
        assert!(!incomplete(root, &Changes::default()));
    }

    #[test]
    fn batches_changes_by_kind() {
        let mut changes = Changes::default();
        for (path, is_dir) in [
            ("content/a.md", false),
            ("content/a.md~", false),
            ("content/anh/b.jpg", false),
            ("themes/default/static/css/style.css", false),
        ] {
            let rel = Path::new(path);
            add(&mut changes, classify(rel, "default", is_dir), rel);
        }
        assert!(!changes.config && !changes.rescan && changes.theme);
        assert_eq!(changes.markdown.len(), 1);
        assert_eq!(changes.assets.len(), 1);
    }
}
