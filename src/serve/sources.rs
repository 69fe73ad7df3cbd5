//! The warm sources: every Markdown file parsed once and kept, content files and the compiled
//! theme, brought up to date from a list of changed paths. Reads the disk; renders nothing.

use super::changes::Changes;
use crate::config::Config;
use crate::content::{self, Article};
use crate::error::Diagnostic;
use crate::load::{self, AssetFile, ThemeFiles};
use crate::theme::{self, Theme};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One Markdown file as last read: its text's hash and what parsing made of it.
struct Parsed {
    text_hash: u64,
    result: Result<Article, Vec<Diagnostic>>,
}

/// What reading one Markdown file gave.
enum Read {
    Missing,
    Unchanged,
    Parsed(Box<Parsed>),
    Failed(Diagnostic),
}

/// The site's sources, parsed, as they are on disk now.
pub struct SourceState {
    pub config: Config,
    markdown: BTreeMap<PathBuf, Parsed>,
    /// Files read that are not UTF-8 or not readable.
    read_errors: BTreeMap<PathBuf, Diagnostic>,
    pub assets: BTreeMap<PathBuf, AssetFile>,
    walk_errors: Vec<Diagnostic>,
    pub theme: Result<Theme, Vec<Diagnostic>>,
    /// Bytes of files published as they are, by absolute path (built-in ones by name).
    bytes: HashMap<PathBuf, Arc<[u8]>>,
}

fn hash_text(text: &str) -> u64 {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn read_theme(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let files: ThemeFiles = load::read_theme(root, name, &mut errors);
    match theme::load(&files, None) {
        Ok(t) if errors.is_empty() => Ok(t),
        Ok(_) => Err(errors),
        Err(e) => {
            errors.extend(e);
            Err(errors)
        }
    }
}

impl SourceState {
    /// Reads and parses the whole site.
    pub fn load(root: &Path, config: Config) -> SourceState {
        let theme = read_theme(root, &config.theme);
        let mut state = SourceState {
            config,
            markdown: BTreeMap::new(),
            read_errors: BTreeMap::new(),
            assets: BTreeMap::new(),
            walk_errors: Vec::new(),
            theme,
            bytes: HashMap::new(),
        };
        state.rescan(root);
        state
    }

    /// Every problem the sources have now.
    pub fn errors(&self) -> Vec<Diagnostic> {
        let mut errors: Vec<Diagnostic> = self.walk_errors.clone();
        errors.extend(self.read_errors.values().cloned());
        for parsed in self.markdown.values() {
            if let Err(e) = &parsed.result {
                errors.extend(e.iter().cloned());
            }
        }
        if let Err(e) = &self.theme {
            errors.extend(e.iter().cloned());
        }
        errors
    }

    /// Every article that parsed, in path order.
    pub fn articles(&self) -> Vec<Article> {
        self.markdown
            .values()
            .filter_map(|p| p.result.as_ref().ok().cloned())
            .collect()
    }

    /// The article parsed from `rel`, if it parsed.
    pub fn article(&self, rel: &Path) -> Option<&Article> {
        self.markdown.get(rel)?.result.as_ref().ok()
    }

    /// Reads the theme again.
    pub fn reload_theme(&mut self, root: &Path) {
        self.theme = read_theme(root, &self.config.theme);
        // Static files of the theme may have changed: forget their bytes.
        let theme_root = root.join("themes");
        self.bytes.retain(|path, _| !path.starts_with(&theme_root));
    }

    /// Brings the content up to date with `changes`; returns the Markdown files whose text
    /// changed, or `None` when a folder changed and `rescan` must run instead.
    pub fn update(&mut self, root: &Path, changes: &Changes) -> Option<BTreeSet<PathBuf>> {
        for rel in changes.markdown.iter().chain(&changes.assets) {
            let abs = root.join(rel);
            if !abs.exists() && !self.knows(rel) && self.knows_below(rel) {
                return None; // A folder was removed or renamed away.
            }
        }
        for rel in &changes.assets {
            let abs = root.join(rel);
            self.bytes.remove(&abs);
            if abs.is_file() {
                self.assets.insert(
                    rel.clone(),
                    AssetFile {
                        rel_path: rel.clone(),
                        abs_path: abs,
                    },
                );
            } else {
                self.assets.remove(rel);
            }
        }
        let files: Vec<(PathBuf, PathBuf)> = changes
            .markdown
            .iter()
            .map(|rel| (rel.clone(), root.join(rel)))
            .collect();
        Some(self.read_markdown(files, false))
    }

    fn knows(&self, rel: &Path) -> bool {
        self.markdown.contains_key(rel)
            || self.assets.contains_key(rel)
            || self.read_errors.contains_key(rel)
    }

    fn knows_below(&self, dir: &Path) -> bool {
        let below = |p: &PathBuf| p.starts_with(dir) && p != dir;
        self.markdown.keys().any(below) || self.assets.keys().any(below)
    }

    /// Walks `content/` again: new files are read, gone ones forgotten, and every Markdown
    /// file whose text changed is parsed again. Returns the changed Markdown files.
    pub fn rescan(&mut self, root: &Path) -> BTreeSet<PathBuf> {
        let mut walk_errors = Vec::new();
        let files = load::content_files(root, &mut walk_errors);
        self.walk_errors = walk_errors;
        let (markdown, assets): (Vec<_>, Vec<_>) = files
            .into_iter()
            .partition(|(rel, _)| rel.extension().is_some_and(|e| e == "md"));
        self.assets = assets
            .into_iter()
            .map(|(rel_path, abs_path)| (rel_path.clone(), AssetFile { rel_path, abs_path }))
            .collect();
        self.bytes
            .retain(|path, _| !path.starts_with(root.join("content")));
        let present: BTreeSet<PathBuf> = markdown.iter().map(|(rel, _)| rel.clone()).collect();
        let gone: Vec<PathBuf> = self
            .markdown
            .keys()
            .chain(self.read_errors.keys())
            .filter(|p| !present.contains(*p))
            .cloned()
            .collect();
        let mut changed = self.read_markdown(markdown, true);
        for rel in gone {
            self.markdown.remove(&rel);
            self.read_errors.remove(&rel);
            changed.insert(rel);
        }
        changed
    }

    /// Reads (in parallel) and parses the files whose text changed; forgets missing ones
    /// unless `all_present` says they were just listed.
    fn read_markdown(
        &mut self,
        files: Vec<(PathBuf, PathBuf)>,
        all_present: bool,
    ) -> BTreeSet<PathBuf> {
        let config = &self.config;
        let known: HashMap<&PathBuf, u64> = self
            .markdown
            .iter()
            .map(|(p, parsed)| (p, parsed.text_hash))
            .collect();
        let read: Vec<(PathBuf, Read)> = files
            .into_par_iter()
            .map(|(rel, abs)| {
                if !all_present && !abs.is_file() {
                    return (rel, Read::Missing);
                }
                let outcome = match load::read_markdown(rel.clone(), &abs) {
                    Err(d) => Read::Failed(d),
                    Ok(file) => {
                        let text_hash = hash_text(&file.text);
                        if known.get(&rel) == Some(&text_hash) {
                            Read::Unchanged
                        } else {
                            let result = content::parse_article(&rel, &file.text, config);
                            Read::Parsed(Box::new(Parsed { text_hash, result }))
                        }
                    }
                };
                (rel, outcome)
            })
            .collect();
        let mut changed = BTreeSet::new();
        for (rel, outcome) in read {
            if self.record(&rel, outcome) {
                changed.insert(rel);
            }
        }
        changed
    }

    /// Keeps what reading one file gave; returns whether it changed anything.
    fn record(&mut self, rel: &Path, outcome: Read) -> bool {
        if matches!(outcome, Read::Unchanged) {
            return false;
        }
        self.read_errors.remove(rel);
        self.markdown.remove(rel);
        match outcome {
            Read::Parsed(parsed) => {
                self.markdown.insert(rel.to_path_buf(), *parsed);
            }
            Read::Failed(d) => {
                self.read_errors.insert(rel.to_path_buf(), d);
            }
            Read::Missing | Read::Unchanged => {}
        }
        true
    }

    /// Bytes of a file published as it is, read once and kept.
    pub fn asset_bytes(
        &mut self,
        source: &crate::load::AssetSource,
    ) -> Result<Arc<[u8]>, Diagnostic> {
        use crate::load::AssetSource;
        let key = match source {
            AssetSource::Disk(abs) | AssetSource::Cached(abs) => abs.clone(),
            AssetSource::BuiltinTheme(rel) => PathBuf::from(rel),
        };
        if let Some(bytes) = self.bytes.get(&key) {
            return Ok(bytes.clone());
        }
        let bytes: Arc<[u8]> = match source {
            AssetSource::Disk(abs) | AssetSource::Cached(abs) => std::fs::read(abs)
                .map_err(|e| Diagnostic::unreadable(abs, &e))?
                .into(),
            AssetSource::BuiltinTheme(rel) => {
                crate::builtin::static_bytes(rel).unwrap_or_default().into()
            }
        };
        self.bytes.insert(key, bytes.clone());
        Ok(bytes)
    }
}
