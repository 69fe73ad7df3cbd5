//! The disk edge of the pipeline: reads `site.yaml`, walks `content/` and the theme folder,
//! and hands the rest of the pipeline plain `Sources`. It decides nothing about meaning.

use crate::error::Diagnostic;
use crate::tr;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A Markdown file's text, or why it could not be read.
#[derive(Debug, Clone)]
pub struct MarkdownFile {
    /// Relative to the site root (`content/2023/bai.md`).
    pub rel_path: PathBuf,
    pub text: String,
}

/// A Markdown file found under `content/`, its text not read yet: a build with nothing to
/// compare reads each text as it parses it, so the archive's texts are never all held.
#[derive(Debug, Clone)]
pub struct MarkdownPath {
    /// Relative to the site root (`content/2023/bai.md`).
    pub rel_path: PathBuf,
    pub abs_path: PathBuf,
}

impl MarkdownPath {
    pub fn read(&self) -> Result<MarkdownFile, Diagnostic> {
        read_markdown(self.rel_path.clone(), &self.abs_path)
    }
}

/// What names a Markdown source, read or not.
pub trait SourcePath {
    /// Relative to the site root.
    fn rel_path(&self) -> &Path;
}

impl SourcePath for MarkdownFile {
    fn rel_path(&self) -> &Path {
        &self.rel_path
    }
}

impl SourcePath for MarkdownPath {
    fn rel_path(&self) -> &Path {
        &self.rel_path
    }
}

/// A file published as it is (photo, PDF, stylesheet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetFile {
    /// Relative to the site root (`content/2023/bai/anh.jpg`).
    pub rel_path: PathBuf,
    pub abs_path: PathBuf,
}

/// The theme files found on disk; the built-in theme fills in the rest.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    /// Folder of the theme relative to the site root (`themes/default`), when it exists.
    pub dir: Option<PathBuf>,
    /// Template name (`article.html`, `partials/x.html`) and its text.
    pub templates: Vec<(String, String)>,
    /// Path under `static/` (`css/style.css`) and the file.
    pub static_files: Vec<(String, PathBuf)>,
    /// Text of `strings.yaml`, if the theme has one.
    pub strings: Option<String>,
}

/// Where the bytes of a file published as it is come from.
#[derive(Debug, Clone, PartialEq)]
pub enum AssetSource {
    Disk(PathBuf),
    /// A built-in theme file, by its path under `static/`.
    BuiltinTheme(String),
    /// A resized photo in the image cache: never changed once written, so it may be linked.
    Cached(PathBuf),
}

/// Everything a build reads from disk; `M` is `MarkdownPath` while the texts are unread.
#[derive(Debug, Clone)]
pub struct Sources<M = MarkdownFile> {
    pub markdown: Vec<M>,
    pub assets: Vec<AssetFile>,
    pub theme: ThemeFiles,
}

impl<M> Default for Sources<M> {
    fn default() -> Self {
        Sources {
            markdown: Vec::new(),
            assets: Vec::new(),
            theme: ThemeFiles::default(),
        }
    }
}

pub const CONFIG_FILE: &str = "site.yaml";

/// Reads `site.yaml` from the site root.
pub fn read_config(root: &Path) -> Result<String, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    match fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            Diagnostic::new(CONFIG_FILE, tr!("load-config-not-utf8"))
                .with_help(tr!("load-not-utf8-help"))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Diagnostic::new(
            CONFIG_FILE,
            tr!("load-no-config", dir = root.display().to_string()),
        )
        .with_help(tr!("load-no-config-help"))),
        Err(e) => Err(Diagnostic::unreadable(CONFIG_FILE, &e)),
    }
}

/// The text of a file a diagnostic names (relative to the site root, or a built-in theme
/// file), to show its lines; `None` when it cannot be read.
pub fn diagnostic_source(root: &Path, path: &Path) -> Option<String> {
    let name = path.to_string_lossy();
    match name.strip_prefix("(built-in theme) ") {
        Some(rel) => crate::builtin::text(rel).map(str::to_string),
        None => fs::read_to_string(root.join(path)).ok(),
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Every file below `dir`, as (path relative to `root`, absolute path), skipping names that
/// start with `.`; loops and unreadable folders become diagnostics.
fn walk(root: &Path, dir: &Path, errors: &mut Vec<Diagnostic>) -> Vec<(PathBuf, PathBuf)> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return files;
    }
    let walker = WalkDir::new(dir)
        .follow_links(true)
        // Entries of one folder share its path: comparing whole paths orders them by name,
        // without `file_name` taking each path apart again (0.2 s at 100,000 articles).
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e
                    .path()
                    .strip_prefix(root)
                    .unwrap_or(e.path())
                    .to_path_buf();
                files.push((rel, e.path().to_path_buf()));
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
                    .unwrap_or_else(|| dir.to_path_buf());
                let d = if e.loop_ancestor().is_some() {
                    Diagnostic::new(path, tr!("load-loop"))
                } else {
                    Diagnostic::new(path, tr!("read-failed"))
                        .with_note(tr!("note-system", detail = e.to_string()))
                };
                errors.push(d.with_help(tr!("load-walk-help")));
            }
        }
    }
    files
}

/// Every file under `content/`, as (path relative to `root`, absolute path).
pub fn content_files(root: &Path, errors: &mut Vec<Diagnostic>) -> Vec<(PathBuf, PathBuf)> {
    walk(root, &root.join("content"), errors)
}

/// Reads the content folder and the theme named in the configuration.
pub fn read_sources(root: &Path, theme_name: &str) -> (Sources, Vec<Diagnostic>) {
    let (found, mut errors) = find_sources(root, theme_name);
    let sources = read_texts(found, &mut errors);
    (sources, errors)
}

/// Finds the content folder's files and reads the theme named in the configuration; the
/// Markdown texts are left to `read_texts` or to whoever parses them.
pub fn find_sources(root: &Path, theme_name: &str) -> (Sources<MarkdownPath>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let content_files = content_files(root, &mut errors);
    let (markdown, assets): (Vec<_>, Vec<_>) = content_files
        .into_iter()
        .partition(|(rel, _)| rel.extension().is_some_and(|e| e == "md"));
    let markdown = markdown
        .into_iter()
        .map(|(rel_path, abs_path)| MarkdownPath { rel_path, abs_path })
        .collect();
    let assets = assets
        .into_iter()
        .map(|(rel_path, abs_path)| AssetFile { rel_path, abs_path })
        .collect();
    let theme = read_theme(root, theme_name, &mut errors);
    let found = Sources {
        markdown,
        assets,
        theme,
    };
    (found, errors)
}

/// Reads every Markdown text found, in parallel; the files that cannot be read join `errors`.
pub fn read_texts(found: Sources<MarkdownPath>, errors: &mut Vec<Diagnostic>) -> Sources {
    let read: Vec<Result<MarkdownFile, Diagnostic>> = found
        .markdown
        .into_par_iter()
        .map(|m| read_markdown(m.rel_path, &m.abs_path))
        .collect();
    let mut markdown = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(file) => markdown.push(file),
            Err(d) => errors.push(d),
        }
    }
    Sources {
        markdown,
        assets: found.assets,
        theme: found.theme,
    }
}

/// Reads one Markdown file as UTF-8 text; `rel_path` names it in errors.
pub fn read_markdown(rel_path: PathBuf, abs: &Path) -> Result<MarkdownFile, Diagnostic> {
    let bytes = fs::read(abs).map_err(|e| Diagnostic::unreadable(&rel_path, &e))?;
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just checked to be UTF-8.
        let text = unsafe { String::from_utf8_unchecked(bytes) };
        return Ok(MarkdownFile { rel_path, text });
    }
    // Not UTF-8: the standard check says where, for the error.
    match String::from_utf8(bytes) {
        Ok(text) => Ok(MarkdownFile { rel_path, text }),
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            Err(Diagnostic::new(&rel_path, tr!("load-not-utf8"))
                .at(line, column)
                .with_help(tr!("load-not-utf8-help")))
        }
    }
}

/// Reads the theme folder `themes/<name>`; the built-in theme fills in what it lacks.
pub fn read_theme(root: &Path, name: &str, errors: &mut Vec<Diagnostic>) -> ThemeFiles {
    let rel_dir = Path::new("themes").join(name);
    let dir = root.join(&rel_dir);
    if !dir.is_dir() {
        if name != "default" {
            errors.push(
                Diagnostic::new(
                    crate::load::CONFIG_FILE,
                    tr!(
                        "load-no-theme",
                        name = name,
                        dir = rel_dir.display().to_string()
                    ),
                )
                .with_help(tr!("load-no-theme-help")),
            );
        }
        return ThemeFiles::default();
    }
    let templates_dir = dir.join("templates");
    let mut templates = Vec::new();
    for (rel, abs) in walk(root, &templates_dir, errors) {
        let name = template_name(&abs, &templates_dir);
        match fs::read_to_string(&abs) {
            Ok(text) => templates.push((name, crate::content::source_text(&text))),
            Err(e) => errors.push(Diagnostic::unreadable(rel, &e)),
        }
    }
    let static_dir = dir.join("static");
    let static_files = walk(root, &static_dir, errors)
        .into_iter()
        .map(|(_, abs)| (template_name(&abs, &static_dir), abs))
        .collect();
    let strings = fs::read_to_string(dir.join("strings.yaml")).ok();
    ThemeFiles {
        dir: Some(rel_dir),
        templates,
        static_files,
        strings,
    }
}

fn template_name(abs: &Path, base: &Path) -> String {
    abs.strip_prefix(base)
        .unwrap_or(abs)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_not_in_utf8_is_located_and_a_utf8_one_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bai.md");
        // "Việt" in Latin-1 as an old editor might save it, on the second line.
        fs::write(&path, b"---\ntitle: Vi\xeat\n---\n").unwrap();
        let err = read_markdown(PathBuf::from("content/bai.md"), &path).unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(10)));
        let text = "---\ntitle: Việt Nam — “tuyên vận”\n---\n\nẤp Bắc, ngày 2/1.\n".repeat(40);
        fs::write(&path, &text).unwrap();
        let read = read_markdown(PathBuf::from("content/bai.md"), &path).unwrap();
        assert_eq!(read.text, text);
    }

    #[test]
    fn content_is_walked_in_the_order_of_its_paths_names_compared_folder_by_folder() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "b.md", "a.md", "a", "a-b.md", "B.md", "ă.md", "a/x.md", "a/b/y.md", "a0/z.md",
        ];
        for name in names.iter().filter(|n| n.ends_with(".md")) {
            let path = dir.path().join("content").join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let walked: Vec<PathBuf> = content_files(dir.path(), &mut Vec::new())
            .into_iter()
            .map(|(rel, _)| rel)
            .collect();
        // `Path`'s order compares name by name: a folder's files come before a sibling file
        // whose name its own name begins (`a/…` before `a-b.md` and `a.md`).
        let mut expected = walked.clone();
        expected.sort();
        assert_eq!(walked, expected);
        assert_eq!(walked.len(), 8);
        assert_eq!(walked[0], Path::new("content/B.md"));
        assert_eq!(walked[1], Path::new("content/a/b/y.md"));
    }
}
