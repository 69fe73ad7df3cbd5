//! The pipeline kept warm: the last good model, plan, route keys and output bytes, updated
//! from a batch of changed files by re-parsing only those and re-rendering only the routes
//! whose key changed. The published files not queued for the background pass (`follow`)
//! always equal those of a full `render_site` of the same sources.

use super::affected::{self, is_later, Edited, Slot};
use super::changes::Changes;
use super::follow::{self, Queue};
use super::keys::{self, Frame};
use super::pass::{changed_paths, merge, output_in, render_pass, same_bytes, Files, Output, Pass};
use super::sources::SourceState;
use crate::config::Config;
use crate::content::Article;
use crate::context::{self, Shared};
use crate::error::{Diagnostic, SiteErrors};
use crate::history::{self, History};
use crate::images::{self, Photos};
use crate::pipeline::{self, Prepared};
use crate::plan::{self, Plan, Route, Spec};
use crate::render;
use crate::search::{Corpus, SearchFiles};
use crate::site::{Site, Visibility};
use crate::theme::Theme;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// `serve` publishes drafts and scheduled articles.
pub const VISIBILITY: Visibility = Visibility {
    drafts: true,
    future: true,
};

/// What a successful rebuild produced.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    pub files: Arc<Files>,
    pub base_path: String,
    /// Output paths whose bytes are new, changed or gone.
    pub changed: Vec<String>,
    /// Output paths rendered again (whether or not their bytes changed).
    pub rendered: Vec<String>,
    /// Outputs whose published bytes are older than the model: the background pass
    /// (`Warm::follow`) renders them; until then a request for one must wait for it.
    pub pending: Arc<HashSet<Output>>,
}

/// The model of the last good build.
struct Built {
    site: Site,
    plan: Plan,
    /// The search index the plan publishes (stale while `Warm::index_stale`).
    search: SearchFiles,
    /// The photos the images stage resolved, to finish edited articles with.
    photos: Photos,
    /// The addresses builds published the articles at (`dia-chi.yaml`), as the model has them.
    history: History,
    shared: Shared,
    base: tera::Context,
    globals_hash: u64,
    template_hashes: HashMap<String, u64>,
    slots: HashMap<PathBuf, Slot>,
}

/// What the last good build published; kept when a rebuild fails, so that the one after
/// the fix renders only what changed.
#[derive(Default)]
struct Outputs {
    files: Arc<Files>,
    /// Key of each rendered output's inputs, by output path.
    keys: HashMap<Output, u64>,
}

/// The warm pipeline.
pub struct Warm {
    root: PathBuf,
    /// `http://127.0.0.1:1313`: replaces the origin of `base_url`, keeping its path.
    origin: Option<String>,
    sources: Option<SourceState>,
    built: Option<Built>,
    outputs: Outputs,
    /// The model lags behind the sources (the last rebuild failed, or there was none yet):
    /// the next rebuild must be general, not an edit in place.
    stale: bool,
    /// Edits were served before the search index and the sitemap followed: `settle` does
    /// them.
    index_stale: bool,
    /// Pages a rebuild left to the background pass, whose published bytes may be older
    /// than the model.
    queue: Queue,
    /// Output paths of the pages open tabs show: rendered before the tabs reload.
    open: HashSet<String>,
    /// How many pages a step of the background pass renders.
    step: usize,
    /// Counts the batches applied to the model: an index read from an older model is
    /// not published (`settle_with`).
    version: u64,
}

/// The search index of the model as it was (`Warm::index_job`): built on another thread,
/// so that a save made meanwhile is served without waiting for it.
pub struct IndexJob {
    corpus: Corpus,
    version: u64,
}

/// What an `IndexJob` made, for `Warm::settle_with`.
pub struct Indexed {
    search: SearchFiles,
    version: u64,
}

impl IndexJob {
    pub fn run(self) -> Indexed {
        Indexed {
            search: self.corpus.index(),
            version: self.version,
        }
    }
}

impl Warm {
    /// A warm pipeline for the site at `root`; nothing is read until `full`.
    pub fn new(root: &Path, origin: Option<String>) -> Warm {
        Warm {
            root: root.to_path_buf(),
            origin,
            sources: None,
            built: None,
            outputs: Outputs::default(),
            stale: true,
            index_stale: false,
            queue: Queue::default(),
            open: HashSet::new(),
            step: follow::STEP,
            version: 0,
        }
    }

    /// Smaller steps, for tests that save in the middle of the background pass.
    #[cfg(test)]
    pub fn set_step(&mut self, pages: usize) {
        self.step = pages;
    }

    /// The output paths of the pages open tabs show now.
    pub fn set_open(&mut self, outputs: HashSet<String>) {
        self.open = outputs;
    }

    /// Whether pages wait for the background pass (`follow`).
    pub fn has_pending(&self) -> bool {
        !self.stale && !self.queue.is_empty()
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

    /// Reads everything again and renders every route whose key changed.
    pub fn full(&mut self) -> Result<Rebuilt, SiteErrors> {
        self.version += 1;
        self.stale = true;
        let config = self.load_config()?;
        self.sources = Some(SourceState::load(&self.root, config));
        self.built = None;
        self.general(None, &BTreeSet::new())
    }

    /// Applies a batch of changes.
    pub fn apply(&mut self, changes: &Changes) -> Result<Rebuilt, SiteErrors> {
        self.version += 1;
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
            if let Some(result) = self.targeted(&touched) {
                return result;
            }
        }
        let old = self.built.take();
        self.general(old, &touched)
    }

    /// Model and plan again, then keys and rendering of the routes that may have changed:
    /// with the `old` model, those `affected::rebuilt` finds, else every route; only those
    /// whose key changed are rendered. The old model's search index is published until
    /// `settle` builds the new one.
    fn general(
        &mut self,
        mut old: Option<Built>,
        touched: &BTreeSet<PathBuf>,
    ) -> Result<Rebuilt, SiteErrors> {
        match self.rebuild(old.as_mut(), touched) {
            Ok((built, rebuilt)) => {
                self.built = Some(built);
                // Freeing a model of ten thousand articles takes tens of milliseconds: not
                // while the edited pages wait to be served.
                drop_aside(old);
                self.stale = false;
                Ok(rebuilt)
            }
            Err(errors) => {
                // The last good model stays, for the next rebuild to compare with; what
                // changed since must still be read into it, so the next one is general.
                // Summaries the failed rebuild took from it are missing: none is reused.
                if let Some(old) = old
                    .as_mut()
                    .filter(|o| o.shared.summaries.iter().any(Value::is_null))
                {
                    old.shared.summaries.clear();
                }
                self.built = old;
                self.stale = true;
                Err(errors)
            }
        }
    }

    /// The stages up to the plan from the warm sources, as a build runs them; the `old`
    /// model's search index is published until `settle` builds the new one.
    fn prepare(&self, old: Option<&Built>) -> Result<(Prepared, History), SiteErrors> {
        let sources = self.sources.as_ref().ok_or_else(no_config)?;
        let mut errors = sources.errors();
        // Old addresses lead to their articles in the preview as in a build.
        let history = history::read(&self.root).unwrap_or_else(|e| {
            errors.push(e);
            History::new()
        });
        let (Ok(theme), true) = (sources.theme.as_ref(), errors.is_empty()) else {
            return Err(SiteErrors::sorted(errors));
        };
        let assets: Vec<_> = sources.assets.values().cloned().collect();
        let mut clock = Instant::now();
        let mut articles = sources.articles();
        history::apply(&mut articles, &history, &sources.config);
        lap("prepare inputs", &mut clock);
        let inputs = pipeline::Inputs {
            root: &self.root,
            config: sources.config.clone(),
            articles,
            assets: &assets,
            theme,
            visibility: VISIBILITY,
            // Photos as a build makes them; the cache makes this cheap after the first time.
            make_photos: true,
            search: old.map(|o| &o.search),
            preview: true,
        };
        let prepared = pipeline::prepare(inputs, &pipeline::NoProgress);
        Ok((prepared.map_err(SiteErrors::sorted)?, history))
    }

    /// The work of `general`: the new model, and what it publishes.
    fn rebuild(
        &mut self,
        mut old: Option<&mut Built>,
        touched: &BTreeSet<PathBuf>,
    ) -> Result<(Built, Rebuilt), SiteErrors> {
        let mut clock = Instant::now();
        let (
            Prepared {
                site,
                plan,
                search,
                photos,
                ..
            },
            history,
        ) = self.prepare(old.as_deref())?;
        lap("prepare", &mut clock);
        let index_stale = old.is_some();
        let sources = self.sources.as_ref().ok_or_else(no_config)?;
        let Ok(theme) = sources.theme.as_ref() else {
            return Err(no_config());
        };
        let (shared, kept) = shared_reusing(old.as_deref_mut(), &site, &theme.strings);
        lap("shared", &mut clock);
        let base = render::base_context(&shared);
        let globals_hash = keys::hash_json(&Value::Object(shared.globals.clone()));
        let template_hashes = keys::template_hashes(theme);
        let frame = Frame {
            site: &site,
            search: &search,
            shared: &shared,
            globals_hash,
            template_hashes: &template_hashes,
        };
        let routes = pick(
            old.as_deref(),
            &kept,
            &frame,
            &plan,
            &self.outputs.files,
            &self.queue,
        );
        // The pages that show only other lists follow in the background.
        let known = &self.outputs.files;
        let own = |route: &Route| match route.spec {
            Spec::Article { index } => touched.contains(&site.articles[index].source),
            Spec::StaticPage { index } => touched.contains(&site.pages[index].source),
            _ => false,
        };
        let (routes, later) = follow::split(routes, known, |r| {
            follow::first(r, known, &self.open, own(r))
        });
        lap("pick", &mut clock);
        let pass = render_pass(
            &frame,
            &plan,
            &base,
            theme,
            &routes,
            &self.outputs.keys,
            &self.outputs.files,
        )
        .map_err(SiteErrors::sorted)?;
        lap("keys and render", &mut clock);
        let base_path = site.config.base_path.clone();
        let queue = Queue::of(&later, &self.outputs.files);
        lap("queue", &mut clock);
        let mut rebuilt = self.publish(pass, &plan, base_path)?;
        lap("publish", &mut clock);
        rebuilt.pending = queue.served();
        self.queue = queue;
        let slots = slots(&site);
        lap("files", &mut clock);
        self.index_stale = index_stale;
        let built = Built {
            site,
            plan,
            search,
            photos,
            history,
            shared,
            base,
            globals_hash,
            template_hashes,
            slots,
        };
        Ok((built, rebuilt))
    }

    /// What a rebuilt plan publishes: the pass's outputs, the old ones of the routes it left
    /// alone, and the files published as they are. It becomes what is served.
    fn publish(
        &mut self,
        pass: Pass,
        plan: &Plan,
        base_path: String,
    ) -> Result<Rebuilt, SiteErrors> {
        let sources = self.sources.as_mut().ok_or_else(no_config)?;
        let (mut files, keys) = merge(pass.outputs, plan, &self.outputs.files, &self.outputs.keys);
        for asset in &plan.assets {
            let bytes = sources
                .asset_bytes(&asset.source)
                .map_err(SiteErrors::from)?;
            files.insert(output_in(&self.outputs.files, &asset.output), bytes);
        }
        let changed = changed_paths(&self.outputs.files, &files);
        let files = Arc::new(files);
        self.outputs = Outputs {
            files: files.clone(),
            keys,
        };
        Ok(Rebuilt {
            files,
            base_path,
            changed,
            rendered: pass.rendered,
            pending: Arc::default(),
        })
    }

    /// Edits that move no article and change no term (a body, a title, a sapo, a date
    /// that keeps the order): the model is patched in place and only the routes that show
    /// an edited article (`affected::routes`) are keyed and rendered again. `None`: the
    /// edit does not fit in place.
    fn targeted(&mut self, touched: &BTreeSet<PathBuf>) -> Option<Result<Rebuilt, SiteErrors>> {
        let mut clock = Instant::now();
        let sources = self.sources.as_ref()?;
        let built = self.built.as_mut()?;
        let theme = sources.theme.as_ref().ok()?;
        let mut edits = HashMap::new();
        for rel in touched {
            let slot = *built.slots.get(rel)?;
            let article = images::finish(sources.article(rel)?.clone(), &built.photos);
            // Old addresses come with the whole model: a general rebuild gives them.
            if history::has_moved(&built.history, &article, &built.site.config) {
                return None;
            }
            edits.insert(slot, article);
        }
        if !affected::fits(&built.site, &edits) || !built.free_paths(&edits, &self.outputs.files) {
            return None;
        }
        let (edited, moves) = built.patch(edits, &theme.strings);
        let (renamed, mut gone) = built.rename(&moves);
        gone.extend(built.regenerate_rules());
        lap("patch", &mut clock);
        let mut routes = affected::routes(&built.site, &built.plan, &renamed, &edited);
        // The search index and the sitemap read every article and take long to build:
        // `settle` does them once saves pause, after the edited pages are served.
        let before = routes.len();
        routes.retain(|r| !is_later(r));
        let later_index = routes.len() < before;
        // Pages that show an edited article only in a list ("Tin mới nhất" when its title
        // changed) follow in the background.
        let known = &self.outputs.files;
        let own = |route: &Route| match route.spec {
            Spec::Article { index } => edited.articles.contains(&index),
            Spec::StaticPage { index } => edited.pages.contains(&index),
            _ => false,
        };
        let (routes, later) = follow::split(routes, known, |r| {
            follow::first(r, known, &self.open, own(r))
        });
        lap("pick", &mut clock);
        let result = built.render(theme, &routes, &mut self.outputs, &gone);
        lap("render", &mut clock);
        self.index_stale |= result.is_ok() && later_index;
        self.stale = result.is_err();
        let result = result.map(|mut rebuilt| {
            let now = routes.iter().map(|r| &r.output);
            for output in gone.iter().chain(now) {
                self.queue.remove(output);
            }
            self.queue.extend(&later, &self.outputs.files);
            rebuilt.pending = self.queue.served();
            rebuilt
        });
        Some(result)
    }

    /// One step of the background pass: renders the queued pages `wanted` by requests and
    /// the next ones in the queue with the current model. `None`: nothing waits.
    pub fn follow(&mut self, wanted: &[String]) -> Option<Result<Rebuilt, SiteErrors>> {
        if !self.has_pending() {
            return None;
        }
        let ready = (self.sources.as_ref(), self.built.as_ref());
        let (Some(sources), Some(built)) = ready else {
            self.stale = true;
            return None;
        };
        let Ok(theme) = sources.theme.as_ref() else {
            self.stale = true;
            return None;
        };
        let step = self.queue.take(wanted, self.step);
        let outputs: HashSet<&str> = step.iter().map(|o| &**o).collect();
        let routes: Vec<&Route> = built
            .plan
            .routes
            .iter()
            .filter(|r| outputs.contains(r.output.as_str()))
            .collect();
        let result = built.render(theme, &routes, &mut self.outputs, &[]);
        if result.is_err() {
            // The pages stay queued for the next rebuild, which must be general.
            self.queue.put_back(step);
            self.stale = true;
        }
        Some(result.map(|mut rebuilt| {
            rebuilt.pending = self.queue.served();
            rebuilt
        }))
    }

    /// Finishes what the last `apply` left for later (the search index after edits), once
    /// the edited pages are served. `None`: nothing was left. The server does it in two
    /// steps (`index_job` on a thread of its own, then `settle_with`); the tests at once.
    #[cfg(test)]
    pub fn settle(&mut self) -> Option<Result<Rebuilt, SiteErrors>> {
        let job = self.index_job()?;
        self.settle_with(job.run())
    }

    /// The search index the last `apply` left for later, to build away from the model.
    /// `None`: nothing was left.
    pub fn index_job(&self) -> Option<IndexJob> {
        let built = self.built.as_ref().filter(|_| self.index_stale)?;
        Some(IndexJob {
            corpus: Corpus::of(&built.site),
            version: self.version,
        })
    }

    /// Publishes a search index `index_job` made, with the sitemap and the other files left
    /// for later. `None`: nothing was left, or the model changed since (the index is
    /// dropped; the next `index_job` reads the new model).
    pub fn settle_with(&mut self, indexed: Indexed) -> Option<Result<Rebuilt, SiteErrors>> {
        if indexed.version != self.version || !std::mem::take(&mut self.index_stale) {
            return None;
        }
        let sources = self.sources.as_ref()?;
        let built = self.built.as_mut()?;
        let theme = sources.theme.as_ref().ok()?;
        let mut clock = Instant::now();
        built.search = indexed.search;
        let old = built.replan(theme);
        lap("settle replan", &mut clock);
        // The index may have other files than before.
        let now: HashSet<&str> = built
            .plan
            .routes
            .iter()
            .map(|r| r.output.as_str())
            .collect();
        let gone: Vec<String> = old
            .routes
            .iter()
            .filter(|r| !now.contains(r.output.as_str()))
            .map(|r| r.output.clone())
            .collect();
        let routes: Vec<&Route> = built.plan.routes.iter().filter(|r| is_later(r)).collect();
        let result = built.render(theme, &routes, &mut self.outputs, &gone);
        lap("settle render", &mut clock);
        self.stale = result.is_err();
        Some(result.map(|mut rebuilt| {
            rebuilt.pending = self.queue.served();
            rebuilt
        }))
    }
}

impl Built {
    /// Whether the articles whose address an edit changes move to paths no other output
    /// has (the plan's collision check, for a few paths; the general path names both).
    fn free_paths(&self, edits: &HashMap<Slot, Article>, files: &Files) -> bool {
        let base = &self.site.config.base_path;
        let mut claimed = HashSet::new();
        edits
            .iter()
            .filter(|(slot, new)| self.at(**slot).path != new.path)
            .all(|(_, new)| {
                let output = plan::output_for(&new.path, base);
                !files.contains_key(output.as_str()) && claimed.insert(output)
            })
    }

    /// Puts the edited articles in place, with their summaries and the globals; returns
    /// what changed, and each moved article's slot and old address.
    fn patch(
        &mut self,
        edits: HashMap<Slot, Article>,
        strings: &Value,
    ) -> (Edited, Vec<(Slot, String)>) {
        let mut edited = Edited::default();
        let mut moves = Vec::new();
        for (slot, article) in edits {
            let old = match slot {
                Slot::Article(i) => &mut self.site.articles[i],
                Slot::Page(i) => &mut self.site.pages[i],
            };
            if old.path != article.path {
                moves.push((slot, old.path.clone()));
            }
            *old = article;
            let new = context::summary(&self.site, self.at(slot));
            match slot {
                Slot::Article(i) => {
                    edited.articles.insert(i);
                    if self.shared.summaries[i] != new {
                        self.shared.summaries[i] = new;
                        edited.summaries.insert(i);
                    }
                }
                Slot::Page(i) => {
                    edited.pages.insert(i);
                    self.shared.page_summaries[i] = new;
                }
            }
        }
        if !edited.summaries.is_empty() {
            let globals = context::globals(&self.site, strings, &self.shared.summaries);
            if globals != self.shared.globals {
                self.shared.globals = globals;
                self.base = render::base_context(&self.shared);
                self.globals_hash = keys::hash_json(&Value::Object(self.shared.globals.clone()));
                edited.globals = true;
            }
        }
        (edited, moves)
    }

    fn at(&self, slot: Slot) -> &Article {
        match slot {
            Slot::Article(i) => &self.site.articles[i],
            Slot::Page(i) => &self.site.pages[i],
        }
    }

    /// Gives the moved articles' pages and aliases their new addresses, as `plan` would;
    /// returns the positions of the routes changed and the outputs gone.
    fn rename(&mut self, moves: &[(Slot, String)]) -> (Vec<usize>, Vec<String>) {
        let mut renamed = Vec::new();
        let mut gone = Vec::new();
        if moves.is_empty() {
            return (renamed, gone);
        }
        let base = self.site.config.base_path.clone();
        for (k, route) in self.plan.routes.iter_mut().enumerate() {
            let slot = match route.spec {
                Spec::Article { index } => Slot::Article(index),
                Spec::StaticPage { index } => Slot::Page(index),
                _ => {
                    if let Spec::Alias { target } = &mut route.spec {
                        if let Some((slot, _)) = moves.iter().find(|(_, old)| old == target) {
                            let article = match *slot {
                                Slot::Article(i) => &self.site.articles[i],
                                Slot::Page(i) => &self.site.pages[i],
                            };
                            target.clone_from(&article.path);
                            renamed.push(k);
                        }
                    }
                    continue;
                }
            };
            if moves.iter().any(|(s, _)| *s == slot) {
                let article = match slot {
                    Slot::Article(i) => &self.site.articles[i],
                    Slot::Page(i) => &self.site.pages[i],
                };
                route.url_path.clone_from(&article.path);
                let output = plan::output_for(&article.path, &base);
                gone.push(std::mem::replace(&mut route.output, output));
                renamed.push(k);
            }
        }
        (renamed, gone)
    }

    /// Makes the web servers' redirect rules again from the patched model (they name every
    /// article's address and old addresses); returns the outputs no longer planned.
    fn regenerate_rules(&mut self) -> Vec<String> {
        let is_rules = |r: &Route| r.origin == Path::new(plan::REDIRECT_RULES);
        let old: Vec<String> = self
            .plan
            .routes
            .iter()
            .filter(|r| is_rules(r))
            .map(|r| r.output.clone())
            .collect();
        self.plan.routes.retain(|r| !is_rules(r));
        let fresh = plan::generated_files(&self.site, &[]);
        self.plan.routes.extend(fresh.into_iter().filter(is_rules));
        let now: HashSet<&str> = self
            .plan
            .routes
            .iter()
            .filter(|r| is_rules(r))
            .map(|r| r.output.as_str())
            .collect();
        old.into_iter()
            .filter(|o| !now.contains(o.as_str()))
            .collect()
    }

    /// Names the routes again (same model shape, same files published as they are, the
    /// current search index); returns the plan it replaces.
    fn replan(&mut self, theme: &Theme) -> Plan {
        let extras = plan::Extras {
            search_script: theme.search_script.clone(),
            // The editor's page names the theme's stylesheet.
            theme_static: &theme.static_files,
            ..plan::Extras::bare(&self.search)
        };
        let mut plan = plan::plan(&self.site, extras);
        plan.assets = std::mem::take(&mut self.plan.assets);
        std::mem::replace(&mut self.plan, plan)
    }

    /// Keys `routes` and renders those whose key changed; the other outputs keep their
    /// bytes, but the `gone` ones, which the plan no longer names.
    fn render(
        &self,
        theme: &Theme,
        routes: &[&Route],
        outputs: &mut Outputs,
        gone: &[String],
    ) -> Result<Rebuilt, SiteErrors> {
        let frame = Frame {
            site: &self.site,
            search: &self.search,
            shared: &self.shared,
            globals_hash: self.globals_hash,
            template_hashes: &self.template_hashes,
        };
        let pass = render_pass(
            &frame,
            &self.plan,
            &self.base,
            theme,
            routes,
            &outputs.keys,
            &outputs.files,
        )
        .map_err(SiteErrors::sorted)?;
        let old = outputs.files.clone();
        let mut files: Files = (*old).clone();
        let mut changed = Vec::new();
        for path in gone {
            if files.remove(path.as_str()).is_some() {
                outputs.keys.remove(path.as_str());
                changed.push(path.clone());
            }
        }
        for (output, key, bytes) in pass.outputs {
            if let Some(key) = key {
                outputs.keys.insert(output.clone(), key);
            }
            if !same_bytes(old.get(&output), &bytes) {
                changed.push(output.to_string());
            }
            files.insert(output, bytes);
        }
        changed.sort();
        changed.dedup();
        outputs.files = Arc::new(files);
        Ok(Rebuilt {
            files: outputs.files.clone(),
            base_path: self.site.config.base_path.clone(),
            changed,
            rendered: pass.rendered,
            pending: Arc::default(),
        })
    }
}

/// The shared values of a rebuilt model, each summary moved from the `old` model (not
/// copied: ten thousand copies take longer than the pages served first) when neither the
/// article nor any term's name changed (a summary shows its terms). Also gives which of the
/// old model's summaries were moved (by its article index): the old model keeps `null` there.
fn shared_reusing(old: Option<&mut Built>, site: &Site, strings: &Value) -> (Shared, Vec<bool>) {
    let old = old.filter(|old| {
        old.shared.summaries.len() == old.site.articles.len()
            && term_names(&old.site) == term_names(site)
    });
    let Some(old) = old else {
        return (context::shared(site, strings), Vec::new());
    };
    let pool: Vec<Mutex<Value>> = std::mem::take(&mut old.shared.summaries)
        .into_iter()
        .map(Mutex::new)
        .collect();
    let moved: Vec<AtomicBool> = pool.iter().map(|_| AtomicBool::new(false)).collect();
    let shared = {
        let index = old.site.article_positions();
        let articles = &old.site.articles;
        let known = |a: &Article| {
            let &i = index.get(a.source.as_path())?;
            if articles[i] != *a {
                return None;
            }
            moved[i].store(true, AtomicOrdering::Relaxed);
            let mut summary = pool[i].lock().unwrap_or_else(|p| p.into_inner());
            Some(std::mem::take(&mut *summary))
        };
        context::shared_with(site, strings, &known)
    };
    old.shared.summaries = pool
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()))
        .collect();
    (
        shared,
        moved.into_iter().map(AtomicBool::into_inner).collect(),
    )
}

/// Frees a value on a thread of its own (where no thread can start, the failed spawn
/// frees it here).
fn drop_aside<T: Send + 'static>(value: T) {
    let _detached = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}

/// Name and slug of every term of every taxonomy.
fn term_names(site: &Site) -> Vec<(&str, &str)> {
    crate::site::TaxonomyKind::ALL
        .into_iter()
        .flat_map(|k| site.taxonomy(k).terms.iter())
        .map(|t| (t.name.as_str(), t.slug.as_str()))
        .collect()
}

/// The routes a general rebuild keys: with the `old` model under the same templates and
/// globals, those `affected::rebuilt` finds, those with no output yet and those still
/// `queued` for the background pass; else all.
fn pick<'a>(
    old: Option<&Built>,
    kept: &[bool],
    new: &Frame<'_>,
    plan: &'a Plan,
    known: &Files,
    queued: &Queue,
) -> Vec<&'a Route> {
    let old = old.filter(|old| {
        &old.template_hashes == new.template_hashes
            && old.shared.globals == new.shared.globals
            && old.shared.summaries.len() == old.site.articles.len()
    });
    let Some(old) = old else {
        return plan.routes.iter().collect();
    };
    let before = affected::Model {
        site: &old.site,
        plan: &old.plan,
        summaries: &old.shared.summaries,
    };
    let now = affected::Model {
        site: new.site,
        plan,
        summaries: &new.shared.summaries,
    };
    let picked: HashSet<&str> = affected::rebuilt(&before, &now, kept)
        .into_iter()
        .map(|r| r.output.as_str())
        .collect();
    plan.routes
        .iter()
        .filter(|r| {
            picked.contains(r.output.as_str())
                || !known.contains_key(r.output.as_str())
                || queued.contains(&r.output)
        })
        .collect()
}

/// Prints how long a step took when `TUYENVAN_PROFILE` is set.
fn lap(name: &str, since: &mut Instant) {
    if std::env::var_os("TUYENVAN_PROFILE").is_some() {
        eprintln!("serve {name}: {} ms", since.elapsed().as_millis());
    }
    *since = Instant::now();
}

fn no_config() -> SiteErrors {
    SiteErrors::from(Diagnostic::new(
        crate::load::CONFIG_FILE,
        crate::tr!("serve-no-config"),
    ))
}

fn slots(site: &Site) -> HashMap<PathBuf, Slot> {
    let articles = site.articles.iter().enumerate();
    let pages = site.pages.iter().enumerate();
    articles
        .map(|(i, a)| (a.source.clone(), Slot::Article(i)))
        .chain(pages.map(|(i, a)| (a.source.clone(), Slot::Page(i))))
        .collect()
}
