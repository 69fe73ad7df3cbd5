//! The pipeline kept warm: the last good model, plan, route keys and output bytes, updated
//! from a batch of changed files by re-parsing only those and re-rendering only the routes
//! whose key changed. The result always equals a full `render_site` of the same sources.

use super::keys::{self, Frame};
use super::sources::SourceState;
use crate::config::Config;
use crate::content::Article;
use crate::context::{self, Shared};
use crate::error::{Diagnostic, SiteErrors};
use crate::pipeline;
use crate::plan::{self, Plan, Route, Spec};
use crate::render;
use crate::site::{self, Site, Visibility};
use crate::theme::Theme;
use rayon::prelude::*;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The published site in memory: output path (relative, `2023/06/bai/index.html`) -> bytes.
pub type Files = HashMap<String, Arc<[u8]>>;

/// `serve` publishes drafts and scheduled articles.
pub const VISIBILITY: Visibility = Visibility {
    drafts: true,
    future: true,
};

/// A batch of changed paths, by what they ask for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// `site.yaml` changed (or events were lost): read everything again.
    pub config: bool,
    /// The theme changed: read and compile it again.
    pub theme: bool,
    /// A folder under `content/` changed: walk `content/` again.
    pub rescan: bool,
    /// Markdown files, relative to the site root.
    pub markdown: BTreeSet<PathBuf>,
    /// Other content files, relative to the site root.
    pub assets: BTreeSet<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}

/// What a successful rebuild produced.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub files: Arc<Files>,
    pub base_path: String,
    /// Output paths whose bytes are new, changed or gone.
    pub changed: Vec<String>,
    /// Output paths rendered again (whether or not their bytes changed).
    pub rendered: Vec<String>,
}

/// Where an article sits in the model.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Article(usize),
    Page(usize),
}

/// The last good build.
struct Built {
    site: Site,
    plan: Plan,
    shared: Shared,
    base: tera::Context,
    globals_hash: u64,
    template_hashes: HashMap<String, u64>,
    /// Key of each rendered output's inputs, by output path.
    keys: HashMap<String, u64>,
    files: Arc<Files>,
    slots: HashMap<PathBuf, Slot>,
}

/// The warm pipeline.
pub struct Warm {
    root: PathBuf,
    /// `http://127.0.0.1:1313`: replaces the origin of `base_url`, keeping its path.
    origin: Option<String>,
    sources: Option<SourceState>,
    built: Option<Built>,
    /// The last rebuild failed: the next one must not take the fast path.
    stale: bool,
    /// Body edits were served before the search index was rebuilt: `settle` rebuilds it.
    index_stale: bool,
}

impl Warm {
    /// A warm pipeline for the site at `root`; nothing is read until `full`.
    pub fn new(root: &Path, origin: Option<String>) -> Warm {
        Warm {
            root: root.to_path_buf(),
            origin,
            sources: None,
            built: None,
            stale: true,
            index_stale: false,
        }
    }

    /// The active theme's name, once the configuration has been read.
    pub fn theme_name(&self) -> String {
        self.sources
            .as_ref()
            .map_or_else(|| "default".to_string(), |s| s.config.theme.clone())
    }

    /// Reads `site.yaml` with the serving origin in place of `base_url`'s.
    pub fn load_config(&self) -> Result<Config, SiteErrors> {
        let plain = pipeline::load_config(&self.root, None)?;
        match &self.origin {
            Some(origin) => {
                let url = format!("{origin}{}", plain.base_path);
                pipeline::load_config(&self.root, Some(&url))
            }
            None => Ok(plain),
        }
    }

    /// Reads everything again and renders every route.
    pub fn full(&mut self) -> Result<Rebuilt, SiteErrors> {
        self.stale = true;
        let config = self.load_config()?;
        self.sources = Some(SourceState::load(&self.root, config));
        let old = self.built.take();
        let result = self.general(old.as_ref().map(|b| &b.files), &HashMap::new());
        if result.is_err() {
            self.built = old;
        }
        result
    }

    /// Applies a batch of changes.
    pub fn apply(&mut self, changes: &Changes) -> Result<Rebuilt, SiteErrors> {
        let Some(sources) = self.sources.as_mut().filter(|_| !changes.config) else {
            return self.full();
        };
        if changes.theme {
            sources.reload_theme(&self.root);
        }
        let touched = match (changes.rescan, sources.update(&self.root, changes)) {
            (false, Some(touched)) => touched,
            _ => sources.rescan(&self.root),
        };
        let simple = !changes.theme && !changes.rescan && changes.assets.is_empty();
        if simple && !self.stale {
            if let Some(result) = self.fast(&touched) {
                return result;
            }
        }
        let old = self.built.take();
        let keys = old.as_ref().map(|b| b.keys.clone()).unwrap_or_default();
        let result = self.general(old.as_ref().map(|b| &b.files), &keys);
        if result.is_err() {
            self.built = old;
        }
        result
    }

    /// Model, plan, keys and rendering of every route whose key is not in `old_keys`.
    fn general(
        &mut self,
        old_files: Option<&Arc<Files>>,
        old_keys: &HashMap<String, u64>,
    ) -> Result<Rebuilt, SiteErrors> {
        let mut clock = std::time::Instant::now();
        let root = self.root.clone();
        let sources = self.sources.as_mut().ok_or_else(no_config)?;
        let errors = sources.errors();
        let Ok(theme) = sources.theme.as_ref() else {
            return Err(SiteErrors::sorted(errors));
        };
        if !errors.is_empty() {
            return Err(SiteErrors::sorted(errors));
        }
        let mut site = site::build(
            sources.config.clone(),
            sources.articles(),
            VISIBILITY,
            chrono::Utc::now(),
        )
        .map_err(SiteErrors::sorted)?;
        lap("model", &mut clock);
        let assets: Vec<_> = sources.assets.values().cloned().collect();
        let mut plan = plan::plan(&site, &assets, &theme.static_files);
        // Photos as a build makes them; the cache makes this cheap after the first time.
        let (_, mut errors) =
            pipeline::prepare_images(&mut site, &mut plan, &root, true, &pipeline::NoProgress);
        errors.extend(plan::collisions(&plan));
        if !errors.is_empty() {
            return Err(SiteErrors::sorted(errors));
        }
        lap("plan", &mut clock);
        let shared = context::shared(&site, &theme.strings);
        lap("shared", &mut clock);
        let base = render::base_context(&shared);
        let globals_hash = keys::hash_json(&Value::Object(shared.globals.clone()));
        let template_hashes = keys::template_hashes(theme);
        let frame = Frame {
            site: &site,
            shared: &shared,
            globals_hash,
            template_hashes: &template_hashes,
        };
        let all: Vec<&Route> = plan.routes.iter().collect();
        let old = old_files.cloned().unwrap_or_default();
        let pass = render_pass(&frame, &plan, &base, theme, &all, old_keys, &old)
            .map_err(SiteErrors::sorted)?;
        lap("keys and render", &mut clock);
        let mut files = Files::with_capacity(plan.routes.len() + plan.assets.len());
        let mut keys = HashMap::with_capacity(plan.routes.len());
        for (output, key, bytes) in pass.outputs {
            if let Some(key) = key {
                keys.insert(output.clone(), key);
            }
            files.insert(output, bytes);
        }
        for asset in &plan.assets {
            let bytes = sources
                .asset_bytes(&asset.source)
                .map_err(SiteErrors::from)?;
            files.insert(asset.output.clone(), bytes);
        }
        let changed = changed_paths(&old, &files);
        let slots = slots(&site);
        lap("files", &mut clock);
        let files = Arc::new(files);
        let base_path = site.config.base_path.clone();
        self.built = Some(Built {
            site,
            plan,
            shared,
            base,
            globals_hash,
            template_hashes,
            keys,
            files: files.clone(),
            slots,
        });
        self.stale = false;
        self.index_stale = false;
        Ok(Rebuilt {
            files,
            base_path,
            changed,
            rendered: pass.rendered,
        })
    }

    /// Body-only edits: the changed articles keep every field any other page shows, so
    /// only their own pages and the feeds listing them are rendered again.
    fn fast(&mut self, touched: &BTreeSet<PathBuf>) -> Option<Result<Rebuilt, SiteErrors>> {
        let sources = self.sources.as_ref()?;
        let built = self.built.as_mut()?;
        let theme = sources.theme.as_ref().ok()?;
        let mut patched = Vec::new();
        for rel in touched {
            let new = sources.article(rel)?;
            // Photos need the images stage, which only the general path runs.
            if new.image.is_some() || !new.images.is_empty() {
                return None;
            }
            let slot = *built.slots.get(rel)?;
            let old = match slot {
                Slot::Article(i) => &built.site.articles[i],
                Slot::Page(i) => &built.site.pages[i],
            };
            if outline(old) != outline(new) {
                return None;
            }
            patched.push((slot, new.clone()));
        }
        for (slot, article) in &patched {
            match *slot {
                Slot::Article(i) => built.site.articles[i] = article.clone(),
                Slot::Page(i) => built.site.pages[i] = article.clone(),
            }
        }
        let slots: Vec<Slot> = patched.iter().map(|(s, _)| *s).collect();
        let result = built.rerender(theme, |site, r| {
            !is_search(r) && shows_body(site, r, &slots)
        });
        // The search index reads bodies too, but takes long to build: `settle` does it.
        self.index_stale = result.is_ok() && !slots.is_empty();
        self.stale = result.is_err();
        Some(result)
    }

    /// Finishes what the last `apply` left for later (the search index after body edits),
    /// once the edited pages are served. `None`: nothing was left.
    pub fn settle(&mut self) -> Option<Result<Rebuilt, SiteErrors>> {
        if !std::mem::take(&mut self.index_stale) {
            return None;
        }
        let sources = self.sources.as_ref()?;
        let built = self.built.as_mut()?;
        let theme = sources.theme.as_ref().ok()?;
        let assets: Vec<_> = sources.assets.values().cloned().collect();
        let photos: Vec<_> = built
            .plan
            .assets
            .iter()
            .filter(|a| matches!(a.source, crate::plan::AssetSource::Cached(_)))
            .cloned()
            .collect();
        built.plan = plan::plan(&built.site, &assets, &theme.static_files);
        built.plan.assets.extend(photos);
        let result = built.rerender(theme, |_, r| is_search(r));
        self.stale = result.is_err();
        Some(result)
    }
}

impl Built {
    /// Renders again the routes `pick` chooses; the others keep their bytes.
    fn rerender(
        &mut self,
        theme: &Theme,
        pick: impl Fn(&Site, &Route) -> bool,
    ) -> Result<Rebuilt, SiteErrors> {
        let routes: Vec<&Route> = self
            .plan
            .routes
            .iter()
            .filter(|r| pick(&self.site, r))
            .collect();
        let frame = Frame {
            site: &self.site,
            shared: &self.shared,
            globals_hash: self.globals_hash,
            template_hashes: &self.template_hashes,
        };
        let pass = render_pass(
            &frame,
            &self.plan,
            &self.base,
            theme,
            &routes,
            &self.keys,
            &self.files,
        )
        .map_err(SiteErrors::sorted)?;
        let old = self.files.clone();
        let mut files: Files = self
            .plan
            .routes
            .iter()
            .map(|r| &r.output)
            .chain(self.plan.assets.iter().map(|a| &a.output))
            .filter_map(|p| Some((p.clone(), old.get(p)?.clone())))
            .collect();
        for (output, key, bytes) in pass.outputs {
            if let Some(key) = key {
                self.keys.insert(output.clone(), key);
            }
            files.insert(output, bytes);
        }
        let changed = changed_paths(&old, &files);
        self.files = Arc::new(files);
        Ok(Rebuilt {
            files: self.files.clone(),
            base_path: self.site.config.base_path.clone(),
            changed,
            rendered: pass.rendered,
        })
    }
}

/// Prints how long a step took when `TUYENVAN_PROFILE` is set.
fn lap(name: &str, since: &mut std::time::Instant) {
    if std::env::var_os("TUYENVAN_PROFILE").is_some() {
        eprintln!("serve {name}: {} ms", since.elapsed().as_millis());
    }
    *since = std::time::Instant::now();
}

fn no_config() -> SiteErrors {
    SiteErrors::from(Diagnostic::new(
        crate::load::CONFIG_FILE,
        "the configuration has not been read",
    ))
}

/// An article with its body left out: two outlines are equal when no page other than the
/// article's own (and the feeds carrying its body) can tell the two versions apart.
fn outline(a: &Article) -> String {
    let mut a = a.clone();
    a.content.clear();
    a.plain_text.clear();
    a.word_count = 0;
    a.links.clear();
    a.extra = Value::Null;
    format!("{a:?}")
}

fn slots(site: &Site) -> HashMap<PathBuf, Slot> {
    let articles = site.articles.iter().enumerate();
    let pages = site.pages.iter().enumerate();
    articles
        .map(|(i, a)| (a.source.clone(), Slot::Article(i)))
        .chain(pages.map(|(i, a)| (a.source.clone(), Slot::Page(i))))
        .collect()
}

/// The search page and the files of the search index.
fn is_search(route: &Route) -> bool {
    matches!(route.spec, Spec::Search { .. } | Spec::SearchIndex { .. })
}

/// Whether a route's output shows the body of an article in `slots`: its page, the feeds
/// carrying it, the search index, and any route that is not a template page, feed,
/// sitemap or robots.txt.
fn shows_body(site: &Site, route: &Route, slots: &[Slot]) -> bool {
    match &route.spec {
        Spec::Article { index } => slots.contains(&Slot::Article(*index)),
        Spec::StaticPage { index } => slots.contains(&Slot::Page(*index)),
        Spec::Feed { scope } => render::feed_indices(site, *scope)
            .iter()
            .any(|i| slots.contains(&Slot::Article(*i))),
        Spec::Search { .. } => true,
        Spec::Sitemap | Spec::Robots => false,
        other => other.template().is_none(),
    }
}

/// What one render pass made: (output, key, bytes) of every route asked for, and which
/// of them were rendered again.
struct Pass {
    outputs: Vec<(String, Option<u64>, Arc<[u8]>)>,
    rendered: Vec<String>,
}

/// One route's output: path, key, bytes, and whether it was rendered again.
type Rendered = (String, Option<u64>, Arc<[u8]>, bool);

/// Keys every route of `routes`, reusing the old bytes where the key is the old one.
fn render_pass(
    frame: &Frame<'_>,
    plan: &Plan,
    base: &tera::Context,
    theme: &Theme,
    routes: &[&Route],
    old_keys: &HashMap<String, u64>,
    old_files: &Files,
) -> Result<Pass, Vec<Diagnostic>> {
    let results: Vec<Result<Rendered, Diagnostic>> = routes
        .par_iter()
        .map_init(
            || base.clone(),
            |globals, route| {
                let (key, own) = keys::route_key(frame, route);
                let reuse = key
                    .filter(|k| old_keys.get(&route.output) == Some(k))
                    .and_then(|_| old_files.get(&route.output));
                if let Some(bytes) = reuse {
                    return Ok((route.output.clone(), key, bytes.clone(), false));
                }
                let out = render::render_route_with(
                    frame.site,
                    plan,
                    frame.shared,
                    globals,
                    theme,
                    route,
                    own,
                )?;
                Ok((out.path, key, out.bytes.into(), true))
            },
        )
        .collect();
    let mut pass = Pass {
        outputs: Vec::with_capacity(results.len()),
        rendered: Vec::new(),
    };
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((output, key, bytes, rendered)) => {
                if rendered {
                    pass.rendered.push(output.clone());
                }
                pass.outputs.push((output, key, bytes));
            }
            Err(d) if !errors.contains(&d) => errors.push(d),
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(pass)
    } else {
        Err(errors)
    }
}

/// Output paths whose bytes differ between two builds, or that only one of them has.
fn changed_paths(old: &Files, new: &Files) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, bytes)| old.get(*path) != Some(bytes))
        .map(|(path, _)| path.clone())
        .chain(old.keys().filter(|p| !new.contains_key(*p)).cloned())
        .collect();
    changed.sort();
    changed
}
