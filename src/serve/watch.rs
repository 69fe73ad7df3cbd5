//! Watching: notify + a short debouncer over `site.yaml`, `content/` and `themes/`, and the
//! classifier that turns changed paths into `Changes` (what to re-read). Decides no rendering.

use super::changes::Changes;
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{
    new_debouncer, DebounceEventHandler, DebounceEventResult, DebouncedEvent,
};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// How long a path must be quiet before its change is reported. Atomic saves (write a
/// temporary file, rename it over the original) finish well inside it. The editor waits
/// this long for every save, so it is short; `incomplete` covers the slower saves.
const QUIET: Duration = Duration::from_millis(5);

/// How long a batch with a half-saved Markdown file (`Batch::incomplete`) waits for the
/// rest of the save before it is taken as it is (a file moved away, or left empty).
pub const LINGER: Duration = Duration::from_millis(60);

/// The changes of the watcher's events since the last rebuild, and the Markdown files
/// whose last event deleted them.
#[derive(Debug, Default)]
pub struct Batch {
    pub changes: Changes,
    deleted: HashSet<PathBuf>,
}

impl Batch {
    /// Adds debounced events; an error or a rescan flag means "read everything".
    pub fn add(&mut self, root: &Path, theme: &str, result: DebounceEventResult) {
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                for e in errors {
                    eprintln!("{}", crate::tr!("watch-rescan", error = e.to_string()));
                }
                self.changes.config = true;
                return;
            }
        };
        for event in events {
            self.add_event(root, theme, &event);
        }
    }

    fn add_event(&mut self, root: &Path, theme: &str, event: &DebouncedEvent) {
        if event.need_rescan() {
            self.changes.config = true;
            return;
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        let removed = matches!(event.kind, EventKind::Remove(_));
        for path in &event.paths {
            let rel = path.strip_prefix(root).unwrap_or(path);
            let kind = classify(rel, theme, path.is_dir());
            add(&mut self.changes, kind, rel);
            if kind == Kind::Article && removed {
                self.deleted.insert(rel.to_path_buf());
            } else if kind == Kind::Article {
                self.deleted.remove(rel);
            }
        }
    }

    /// Whether a Markdown file of the batch looks half-saved: missing, but not deleted
    /// (an editor that moves the old file aside before writing the new one, as vim does),
    /// or empty (created, not yet written). Building then would flash a missing page or an
    /// error in the open tabs. A file deleted (its last event a removal, not a move) is
    /// not waited for: no save follows a deletion.
    pub fn incomplete(&self, root: &Path) -> bool {
        self.changes.markdown.iter().any(|rel| {
            std::fs::metadata(root.join(rel)).map_or(!self.deleted.contains(rel), |m| m.len() == 0)
        })
    }
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
    /// Starts watching `root`; debounced events go to `handler`.
    pub fn start(root: &Path, handler: impl DebounceEventHandler) -> Result<Watcher, String> {
        let debouncer = new_debouncer(QUIET, Some(QUIET / 4), handler)
            .map_err(|e| crate::tr!("watch-no-start", error = e.to_string()))?;
        let mut watcher = Watcher {
            debouncer,
            root: root.to_path_buf(),
            watched: HashSet::new(),
        };
        watcher.watch_folders()?;
        Ok(watcher)
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

    /// A debounced event of `kind` on the paths `rel` under `root`.
    fn event(root: &Path, kind: EventKind, rel: &[&str]) -> DebounceEventResult {
        let event = rel
            .iter()
            .fold(notify::Event::new(kind), |e, r| e.add_path(root.join(r)));
        Ok(vec![DebouncedEvent::new(event, std::time::Instant::now())])
    }

    #[test]
    fn missing_and_empty_files_are_half_saved_but_deleted_ones_are_not() {
        use notify::event::{CreateKind, ModifyKind, RemoveKind, RenameMode};
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/a.md"), "---\ntitle: A\n---\n").unwrap();
        std::fs::write(root.join("content/rong.md"), "").unwrap();
        let batch = |events: Vec<DebounceEventResult>| {
            let mut batch = Batch::default();
            for e in events {
                batch.add(root, "default", e);
            }
            batch
        };
        let written = EventKind::Modify(ModifyKind::Any);
        let removed = EventKind::Remove(RemoveKind::File);
        let moved = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let moved_out = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        let created = EventKind::Create(CreateKind::File);
        // Saved in full.
        assert!(!batch(vec![event(root, written, &["content/a.md"])]).incomplete(root));
        assert!(!Batch::default().incomplete(root));
        // Created, not yet written.
        assert!(batch(vec![event(root, created, &["content/rong.md"])]).incomplete(root));
        // Deleted: nothing more will come.
        let deleted = batch(vec![event(root, removed, &["content/b.md"])]);
        assert!(!deleted.incomplete(root));
        assert!(deleted.changes.markdown.contains(Path::new("content/b.md")));
        // Moved aside (vim keeps the old file as a backup), in the folder or out of it:
        // the new file follows.
        let aside = event(root, moved, &["content/b.md", "content/b.md~"]);
        assert!(batch(vec![aside]).incomplete(root));
        assert!(batch(vec![event(root, moved_out, &["content/b.md"])]).incomplete(root));
        // Deleted, then moved aside again before it was built: waited for.
        let again = vec![
            event(root, removed, &["content/b.md"]),
            event(root, moved_out, &["content/b.md"]),
        ];
        assert!(batch(again).incomplete(root));
        // A file deleted beside one half-saved: the batch waits for the other.
        let both = vec![
            event(root, removed, &["content/b.md"]),
            event(root, written, &["content/rong.md"]),
        ];
        assert!(batch(both).incomplete(root));
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
