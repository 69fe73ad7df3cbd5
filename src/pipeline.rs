//! The build, stage by stage: load, parse, photos, model, search, plan, render, write. The
//! stages from photos to plan are written once, in `prepare`, which `build`, `check` and
//! `serve` share. Each stage collects all its errors; the build stops after the first stage
//! that has any, reporting them all.

use crate::cache;
use crate::check;
use crate::config::{self, Config, ImageSettings};
use crate::content::{self, source_text, Article};
use crate::error::{Diagnostic, SiteErrors};
use crate::history::History;
use crate::images::{self, Photos, Processed, Request};
use crate::load::{self, AssetFile, MarkdownFile, MarkdownPath, Sources, ThemeFiles};
use crate::output::{self, AssetOutput, WriteReport};
use crate::plan::{self, AssetRoute, Plan};
use crate::render::{self, Output};
use crate::scaffold;
use crate::search::SearchFiles;
use crate::site::{self, HeldBack, Site, Visibility};
use crate::theme::{self, Theme};
use crate::tr;
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// What `build` is asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `<root>/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub visibility: Visibility,
    /// Validate only (`check`): photos are read but no copy is made, nothing is written.
    pub dry_run: bool,
}

/// What a build did, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub held_back: Vec<HeldBack>,
    pub images: ImageReport,
    pub write: WriteReport,
    pub elapsed: Duration,
}

/// What the images stage did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageReport {
    /// Local photos the articles use.
    pub photos: usize,
    /// Photos whose copies (some or all) had to be made in this build.
    pub processed: usize,
    /// Photos whose copies all came from the cache.
    pub cached: usize,
    /// Copies published (every width, format and thumbnail).
    pub copies: usize,
}

/// A site rendered in memory, not yet written.
pub struct Rendered {
    pub site: Site,
    pub plan: Plan,
    pub outputs: Vec<Output>,
    pub images: ImageReport,
}

fn fail(errors: Vec<Diagnostic>) -> SiteErrors {
    SiteErrors::sorted(errors)
}

/// Reads and validates `site.yaml`.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, SiteErrors> {
    let text = load::read_config(root).map_err(SiteErrors::from)?;
    config::parse(&text, Path::new(load::CONFIG_FILE), base_url).map_err(fail)
}

/// Parses every Markdown file, collecting every error of every file.
pub fn parse_all(sources: &Sources, config: &Config) -> (Vec<Article>, Vec<Diagnostic>) {
    parse_all_with(
        sources.markdown.par_iter(),
        config,
        SearchText::Keep,
        &NoProgress,
    )
}

/// Whether parsing keeps each body's plain text: only the search index reads it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SearchText {
    Keep,
    Drop,
}

/// A Markdown file as parsing receives it: read already (`check`, the dev server, a build
/// that compared its sources with the last one), or read by the thread that parses it.
pub trait ToParse: Send {
    type File: Borrow<MarkdownFile>;
    fn read(self) -> Result<Self::File, Diagnostic>;
}

impl ToParse for MarkdownFile {
    type File = Self;
    fn read(self) -> Result<Self, Diagnostic> {
        Ok(self)
    }
}

impl ToParse for &MarkdownFile {
    type File = Self;
    fn read(self) -> Result<Self, Diagnostic> {
        Ok(self)
    }
}

impl ToParse for MarkdownPath {
    type File = MarkdownFile;
    fn read(self) -> Result<MarkdownFile, Diagnostic> {
        load::read_markdown(self.rel_path, &self.abs_path)
    }
}

impl ToParse for &MarkdownPath {
    type File = MarkdownFile;
    fn read(self) -> Result<MarkdownFile, Diagnostic> {
        MarkdownPath::read(self)
    }
}

/// A file read as it is parsed, leaving its text's digest for the build record.
struct ReadAndDigest<'a> {
    file: &'a MarkdownPath,
    digest: &'a OnceLock<u128>,
}

impl ToParse for ReadAndDigest<'_> {
    type File = MarkdownFile;
    fn read(self) -> Result<MarkdownFile, Diagnostic> {
        let file = self.file.read()?;
        let _ = self.digest.set(cache::digest(&file.text));
        Ok(file)
    }
}

/// What else a pass over the sources reads of each file while its text is in hand, so that
/// every text is freed as soon as it is parsed (`check`'s warnings, links and held-back
/// articles).
pub trait ReadAlso: Sync {
    type Found: Send;
    /// What one thread keeps from file to file.
    type Scratch: Default;
    /// `text` is the file's, made `source_text` (as parsing reads it).
    fn read(
        &self,
        scratch: &mut Self::Scratch,
        rel_path: &Path,
        text: &str,
        parsed: Result<&Article, &[Diagnostic]>,
    ) -> Self::Found;
}

/// A pass that reads nothing but the articles.
pub struct NothingElse;

impl ReadAlso for NothingElse {
    type Found = ();
    type Scratch = ();
    fn read(&self, _: &mut (), _: &Path, _: &str, _: Result<&Article, &[Diagnostic]>) {}
}

/// `parse_all`, one progress step per file.
fn parse_all_with<T: ToParse>(
    markdown: impl IndexedParallelIterator<Item = T>,
    config: &Config,
    search_text: SearchText,
    progress: &dyn Progress,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let (articles, errors, _) =
        parse_reading(markdown, config, search_text, progress, &NothingElse);
    (articles, errors)
}

/// `parse_all_with`, and what `also` reads of each file that could be read, in file order.
fn parse_reading<T: ToParse, R: ReadAlso>(
    markdown: impl IndexedParallelIterator<Item = T>,
    config: &Config,
    search_text: SearchText,
    progress: &dyn Progress,
    also: &R,
) -> (Vec<Article>, Vec<Diagnostic>, Vec<R::Found>) {
    // Files are parsed in groups whose bodies share blocks (`content::SharedText`):
    // enough groups to keep every thread busy, each small enough to stay in flight.
    let groups = rayon::current_num_threads() * 8;
    let group_len = markdown.len().div_ceil(groups).clamp(1, 1024);
    type Parsed = Result<Article, Vec<Diagnostic>>;
    let results: Vec<Vec<(Parsed, Option<R::Found>)>> = markdown
        .chunks(group_len)
        .map(|files| {
            let mut scratch = R::Scratch::default();
            // A text read here or given by value is freed as soon as its article is parsed.
            let mut parsed: Vec<_> = files
                .into_iter()
                .map(|f| {
                    let parsed = match f.read() {
                        Ok(file) => {
                            let file = file.borrow();
                            let (path, text) = (&file.rel_path, source_text(&file.text));
                            let parsed = content::parse_normalized(path, &text, config);
                            let parsed_ref = parsed.as_ref().map_err(Vec::as_slice);
                            let found = also.read(&mut scratch, path, &text, parsed_ref);
                            (parsed, Some(found))
                        }
                        Err(unreadable) => (Err(vec![unreadable]), None),
                    };
                    progress.step();
                    parsed
                })
                .collect();
            let articles = parsed.iter_mut().filter_map(|(r, _)| r.as_mut().ok());
            content::pack_texts(articles, search_text == SearchText::Keep);
            parsed
        })
        .collect();
    let files = results.iter().map(Vec::len).sum();
    let mut articles = Vec::with_capacity(files);
    let mut errors = Vec::new();
    let mut found = Vec::with_capacity(files);
    for (r, f) in results.into_iter().flatten() {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => errors.extend(e),
        }
        found.extend(f);
    }
    (articles, errors, found)
}

/// Prints how long a stage took when `TUYENVAN_PROFILE` is set, for profiling builds.
fn stage_done(name: &str, since: &mut Instant) {
    if std::env::var_os("TUYENVAN_PROFILE").is_some() {
        let memory = match (memory_mb("VmRSS:"), memory_mb("VmHWM:")) {
            (Some(now), Some(peak)) => format!(", {now} MB resident, peak so far {peak} MB"),
            _ => String::new(),
        };
        let cpu = cpu_ms()
            .map(|ms| format!(", CPU so far {ms} ms"))
            .unwrap_or_default();
        let system = system_ms()
            .map(|ms| format!(" (system {ms} ms)"))
            .unwrap_or_default();
        eprintln!(
            "stage {name}: {} ms{memory}{cpu}{system}",
            since.elapsed().as_millis()
        );
    }
    *since = Instant::now();
}

/// A memory figure of the process in MB (`VmRSS:` resident, `VmHWM:` its peak), for the
/// profile (Linux only: read from /proc).
fn memory_mb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// The CPU time of the process's live threads so far, in milliseconds, for the profile: a
/// stage whose CPU grows by less than twice its wall time left a processor idle (Linux only).
fn cpu_ms() -> Option<u64> {
    let mut nanoseconds = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
        nanoseconds += stat
            .split_whitespace()
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0);
    }
    Some(nanoseconds / 1_000_000)
}

/// The process's CPU time in the kernel so far, in milliseconds, for the profile: where
/// memory and files are first touched (Linux only; /proc counts in hundredths of a second).
fn system_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which ends the last `)`: stime is the 13th.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let ticks: u64 = after_name.split_whitespace().nth(12)?.parse().ok()?;
    Some(ticks * 10)
}

/// The inputs of a build found on disk: `site.yaml` (text and parsed), the theme, and the
/// content's files, the Markdown texts not read yet.
pub struct Loaded {
    pub config_text: String,
    pub config: Config,
    pub sources: Sources<MarkdownPath>,
    /// Files and folders that could not be read.
    pub errors: Vec<Diagnostic>,
}

/// Reads and validates `site.yaml`, then finds the content and reads the theme it names.
pub fn load_inputs(options: &BuildOptions) -> Result<Loaded, SiteErrors> {
    let config_text = load::read_config(&options.root).map_err(SiteErrors::from)?;
    let config = config::parse(
        &config_text,
        Path::new(load::CONFIG_FILE),
        options.base_url.as_deref(),
    )
    .map_err(fail)?;
    let (sources, errors) = load::find_sources(&options.root, &config.theme);
    Ok(Loaded {
        config_text,
        config,
        sources,
        errors,
    })
}

/// Told how a build advances, for a progress bar; every method may be called from any thread.
pub trait Progress: Sync {
    /// A stage starts; `total` is its number of steps (0 when unknown).
    fn stage(&self, _name: &str, _total: usize) {}
    /// One step of the current stage is done.
    fn step(&self) {}
}

/// Progress that nobody watches.
pub struct NoProgress;

impl Progress for NoProgress {}

/// Everything up to and including rendering; writes nothing.
pub fn render_site(options: &BuildOptions) -> Result<Rendered, SiteErrors> {
    let Loaded {
        config,
        sources,
        errors,
        ..
    } = load_inputs(options)?;
    let (prepared, theme, _) =
        parse_and_prepare_sources(options, config, sources, errors, &NoProgress)?;
    let mut outputs =
        render::render_all_with(&prepared.site, &prepared.plan, &theme, &|| {}).map_err(fail)?;
    let search = prepared.plan.search_files(&prepared.search);
    outputs.extend(search.map(|(path, bytes)| Output {
        path: path.to_string(),
        bytes: bytes.to_vec(),
    }));
    Ok(Rendered {
        site: prepared.site,
        plan: prepared.plan,
        outputs,
        images: prepared.images,
    })
}

/// A site modelled and planned: ready to render.
pub struct Prepared {
    pub site: Site,
    pub plan: Plan,
    /// The search index the plan publishes.
    pub search: SearchFiles,
    /// The photos the images stage resolved.
    pub photos: Photos,
    pub images: ImageReport,
}

/// What `prepare` starts from: sources already parsed and a compiled theme, read by a build
/// or kept warm by the dev server.
pub struct Inputs<'a> {
    pub root: &'a Path,
    pub config: Config,
    /// Every article that parsed, held back or not.
    pub articles: Vec<Article>,
    pub assets: &'a [AssetFile],
    pub theme: &'a Theme,
    pub visibility: Visibility,
    /// Make the photos' copies; `check` only reads the photos.
    pub make_photos: bool,
    /// A search index kept from before (the dev server's, while saves go on); else built.
    pub search: Option<&'a SearchFiles>,
    /// A preview (`serve`): drafts and scheduled articles carry their labels.
    pub preview: bool,
}

/// The stage order, written once for `build`, `check` and `serve`: photos (resolved from the
/// parsed articles and the content files), the articles finished, the model, the search
/// index, the plan and its collision check. Each stage takes values and returns new ones.
pub fn prepare(
    mut inputs: Inputs<'_>,
    progress: &dyn Progress,
) -> Result<Prepared, Vec<Diagnostic>> {
    let mut clock = Instant::now();
    let now = chrono::Utc::now();
    let attach_errors = crate::documents::attach(&mut inputs.articles, inputs.assets);
    let (content, mut resolved) = photos(&inputs, now, progress);
    resolved.errors.extend(attach_errors);
    stage_done("images", &mut clock);
    let articles: Vec<Article> = inputs
        .articles
        .into_par_iter()
        .map(|a| images::finish(a, &resolved.photos))
        .collect();
    let mut site = site::Site {
        preview_at: inputs.preview.then_some(now),
        ..site::build(inputs.config, articles, inputs.visibility, now)?
    };
    stage_done("model", &mut clock);
    let search = match inputs.search {
        Some(kept) => kept.clone(),
        // `serve` (a preview) makes the index again from the texts it keeps.
        None if inputs.preview => SearchFiles::build(&site),
        None => SearchFiles::build_taking_texts(&mut site),
    };
    stage_done("search", &mut clock);
    let plan = plan::plan(
        &site,
        plan::Extras {
            content,
            theme_static: &inputs.theme.static_files,
            search_script: inputs.theme.search_script.clone(),
            photos: resolved.photos.routes.clone(),
            search: &search,
        },
    );
    stage_done("plan", &mut clock);
    let mut errors = resolved.errors;
    errors.extend(plan::collisions(&plan));
    if errors.is_empty() {
        let statics = &inputs.theme.static_files;
        errors = crate::scheduled::validate(&site, inputs.assets, statics, inputs.root);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Prepared {
        site,
        plan,
        search,
        photos: resolved.photos,
        images: resolved.report,
    })
}

/// What the images stage gives: the photos, what it did, and its errors.
struct Resolved {
    photos: Photos,
    report: ImageReport,
    errors: Vec<Diagnostic>,
}

/// Places the content files, then resolves the photos the articles published at `now` use.
fn photos(
    inputs: &Inputs<'_>,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> (Vec<AssetRoute>, Resolved) {
    let mut published = Vec::with_capacity(inputs.articles.len());
    let mut held = Vec::new();
    for article in &inputs.articles {
        match site::held_reason(article, inputs.visibility, now) {
            None => published.push(article),
            Some(_) => held.push(article),
        }
    }
    let base = &inputs.config.base_path;
    let mut private = crate::unpublished::private_photos(&inputs.config, &published, &held);
    // A held-back document's files wait with it.
    let held_files = held.iter().filter_map(|a| a.document.as_ref());
    private.extend(held_files.flat_map(|d| &d.files).map(|f| {
        let rel = f.source.strip_prefix("content").unwrap_or(&f.source);
        crate::vietnamese::nfc(&rel.to_string_lossy().replace('\\', "/"))
    }));
    let held: Vec<&Path> = held.iter().map(|a| a.source.as_path()).collect();
    let content = plan::content_assets(&published, &held, &private, base, inputs.assets);
    let (requests, errors) = images::requests(&published, &content, base, inputs.make_photos);
    let settings = &inputs.config.images;
    let resolved = process_photos(requests, errors, settings, inputs, progress);
    (content, resolved)
}

/// Makes the requested photos' copies in parallel (or finds them in the cache under
/// `<root>/.tuyenvan-cache/images/`). Errors name the article, the line and the photo.
/// Without `make_photos` (`check`) photos are only read: no copy is made.
fn process_photos(
    requests: Vec<Request>,
    mut errors: Vec<Diagnostic>,
    settings: &ImageSettings,
    inputs: &Inputs<'_>,
    progress: &dyn Progress,
) -> Resolved {
    let make = inputs.make_photos;
    let cache_root = inputs.root.join(cache::CACHE_DIR);
    if make {
        images::process::remove_old_versions(&cache_root);
    }
    let cache = images::process::cache_dir(&cache_root);
    progress.stage("photos", requests.len());
    let results =
        images::batch::process_all(&requests, settings, &cache, make, &|| progress.step());
    let mut report = ImageReport {
        photos: requests.len(),
        ..ImageReport::default()
    };
    let mut ready: Vec<Request> = Vec::with_capacity(requests.len());
    let mut done: Vec<Processed> = Vec::with_capacity(requests.len());
    for (request, result) in requests.into_iter().zip(results) {
        match result {
            Ok(processed) => {
                report.count(&processed);
                ready.push(request);
                done.push(processed);
            }
            Err(why) => errors.extend(images::batch::failure_diagnostics(&request, &why)),
        }
    }
    Resolved {
        photos: images::publish(&ready, &done),
        report,
        errors,
    }
}

impl ImageReport {
    fn count(&mut self, processed: &Processed) {
        if processed.made == 0 {
            self.cached += 1;
        } else {
            self.processed += 1;
        }
        self.copies += processed.files.len();
    }
}

/// Parses every Markdown file and compiles the theme: the stages that read the sources'
/// texts. Returns the articles that parsed, the theme if it compiled, every error of both
/// stages, and what `also` read of each file. Given the files by value, each text is freed as
/// soon as it is parsed, so the archive's sources and its articles are not held together.
/// `theme_cache` is the root of a site whose build keeps its parsed templates
/// (`theme_cache.rs`); `check` and `serve` give none.
pub fn parse_sources<T: ToParse, R: ReadAlso>(
    markdown: impl IndexedParallelIterator<Item = T>,
    theme: &ThemeFiles,
    theme_cache: Option<&Path>,
    config: &Config,
    search_text: SearchText,
    progress: &dyn Progress,
    also: &R,
) -> (Vec<Article>, Option<Theme>, Vec<Diagnostic>, Vec<R::Found>) {
    let mut clock = Instant::now();
    progress.stage("parsing", markdown.len());
    // The theme compiles beside the parsing: on its own it keeps one processor busy for
    // some 15 ms while the others wait, the largest cost a small site pays on every build.
    let ((articles, mut errors, found), theme) = rayon::join(
        || parse_reading(markdown, config, search_text, progress, also),
        || theme::load(theme, theme_cache),
    );
    // What parsing freed stays with the allocator for the search stage: each text is freed
    // as its article is parsed, so little is left by now, and handed back it was faulted in
    // again, from the host on a virtual machine. At 100,000 articles, 3 pairs: search stage
    // 4.94-5.23 s against 5.64-5.75 s, build 15.3-16.2 s against 16.5-16.9 s, the same
    // peak; at 10,000 articles, 6 pairs, 1.54 against 1.59 s, 250 against 246 MB.
    stage_done("parse and theme", &mut clock);
    let theme = match theme {
        Ok(t) => Some(t),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    (articles, theme, errors, found)
}

/// `parse_and_prepare` of the sources as loaded, read (`MarkdownFile`) or not (`MarkdownPath`).
fn parse_and_prepare_sources<M: ToParse>(
    options: &BuildOptions,
    config: Config,
    sources: Sources<M>,
    errors: Vec<Diagnostic>,
    progress: &dyn Progress,
) -> Result<(Prepared, Theme, History), SiteErrors> {
    let Sources {
        markdown,
        assets,
        theme,
    } = sources;
    let markdown = markdown.into_par_iter();
    parse_and_prepare(options, config, markdown, &assets, &theme, errors, progress)
}

/// A build's way to a prepared site: parse, compile the theme, `prepare`. The Markdown texts
/// are dropped after parsing: keeping them would hold the whole archive's sources in memory
/// through rendering. Also returns the address book read for it, for the build to record
/// the new addresses in without reading it again.
fn parse_and_prepare<T: ToParse>(
    options: &BuildOptions,
    config: Config,
    markdown: impl IndexedParallelIterator<Item = T>,
    assets: &[AssetFile],
    theme_files: &ThemeFiles,
    mut errors: Vec<Diagnostic>,
    progress: &dyn Progress,
) -> Result<(Prepared, Theme, History), SiteErrors> {
    let (mut articles, theme, parse_errors, _) = parse_sources(
        markdown,
        theme_files,
        Some(&options.root),
        &config,
        SearchText::Keep,
        progress,
        &NothingElse,
    );
    errors.extend(parse_errors);
    let history = apply_history(&options.root, &mut articles, &config, &mut errors);
    let (Some(theme), true) = (theme, errors.is_empty()) else {
        return Err(fail(errors));
    };
    let inputs = Inputs {
        root: &options.root,
        config,
        articles,
        assets,
        theme: &theme,
        visibility: options.visibility,
        make_photos: !options.dry_run,
        search: None,
        preview: false,
    };
    let mut prepared = prepare(inputs, progress).map_err(fail)?;
    drop_search_text(&mut prepared.site);
    progress.stage("rendering", prepared.plan.routes.len());
    Ok((prepared, theme, history))
}

/// Frees the plain text the search index did not take (static pages', or all of it when the
/// index was kept) and hands the memory back: no page shows it, and it holds the HTML it
/// was read from, which an article whose photos were rewritten no longer shows.
fn drop_search_text(site: &mut Site) {
    let held = [&mut site.articles, &mut site.pages, &mut site.documents];
    for article in held.into_iter().flatten() {
        article.plain_text = content::PlainText::default();
    }
    crate::memory::give_back_freed();
}

/// Gives each article the addresses it was published at before (`dia-chi.yaml`, kept in
/// the repository), so an address once published keeps leading to it. Returns the book.
/// Read after parsing, not beside it: parsing is where a large site's memory peaks, and
/// the book holds a line per article.
fn apply_history(
    root: &Path,
    articles: &mut [Article],
    config: &Config,
    errors: &mut Vec<Diagnostic>,
) -> History {
    match crate::history::read(root) {
        Ok(history) => {
            crate::history::apply(articles, &history, config);
            history
        }
        Err(e) => {
            errors.push(e);
            History::new()
        }
    }
}

/// What `check` found: errors fail it, warnings only with `--strict`.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Published articles and pages checked (0 when the site did not render).
    pub articles: usize,
    pub pages: usize,
    /// Drafts and scheduled articles, checked with the rest (and counted in `articles`).
    pub held: Vec<HeldBack>,
}

/// `tuyenvan check`: everything a build validates and renders, plus links and editorial
/// warnings; writes nothing. Every article is parsed once, for the warnings and the build.
pub fn check(options: &BuildOptions) -> CheckReport {
    let config = match load_config(&options.root, options.base_url.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            return CheckReport {
                errors: e.0,
                ..CheckReport::default()
            }
        }
    };
    // Each text is read as it is parsed, and what `check` reads of it besides its article
    // (warnings, links, whether it is held back) is read then: the texts are never all held.
    let (sources, mut errors) = load::find_sources(&options.root, &config.theme);
    let now = chrono::Utc::now();
    // No check reads the search index: it is made only when something could meet its files,
    // and only then are the bodies' plain texts (pieces of their HTML) kept.
    let (mut articles, theme, parse_errors, found) = parse_sources(
        sources.markdown.par_iter(),
        &sources.theme,
        None,
        &config,
        SearchText::Drop,
        &NoProgress,
        &CheckReading {
            config: &config,
            now,
        },
    );
    errors.extend(parse_errors);
    let make_index = theme
        .as_ref()
        .is_some_and(|theme| mentions_search_index(&articles, &sources.assets, theme));
    if make_index {
        let (reparsed, reparse_errors) = parse_all_with(
            sources.markdown.par_iter(),
            &config,
            SearchText::Keep,
            &NoProgress,
        );
        articles = reparsed;
        // The texts are read again: a file saved broken meanwhile must not vanish silently.
        if errors.is_empty() {
            errors = reparse_errors;
        }
    }
    apply_history(&options.root, &mut articles, &config, &mut errors);
    let (files, held): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    // Every article is checked as if published: a draft or scheduled article that passes
    // `check` must not break the site on the day it goes out.
    let mut held: Vec<HeldBack> = held.into_iter().flatten().collect();
    held.sort_by(|a, b| a.source.cmp(&b.source));
    let reading = check::gather(files.into_iter().flatten().collect(), &articles);
    let mut report = CheckReport {
        warnings: reading.warnings,
        ..CheckReport::default()
    };
    if let Ok(text) = load::read_config(&options.root) {
        let path = Path::new(load::CONFIG_FILE);
        report
            .warnings
            .extend(config::publisher_warnings(&config, &text, path));
    }
    let options = &BuildOptions {
        visibility: Visibility {
            drafts: true,
            future: true,
        },
        ..options.clone()
    };
    let checked = match (theme, errors.is_empty()) {
        (Some(theme), true) => check_rendered(
            options,
            config,
            &sources.assets,
            articles,
            &theme,
            make_index,
        ),
        _ => Err(errors),
    };
    match checked {
        Ok(prepared) => {
            report.errors = check::links(&prepared.site, &prepared.plan, &reading.links, &held);
            report.articles = prepared.site.articles.len();
            report.pages = prepared.site.pages.len();
            report
                .warnings
                .extend(crate::site::spelling_warnings(&prepared.site));
        }
        Err(errors) => report.errors = errors,
    }
    crate::unpublished::label(&mut report.errors, &held);
    crate::unpublished::label(&mut report.warnings, &held);
    report.held = held;
    report.errors.sort_by(by_place);
    report.warnings.sort_by(by_place);
    report
}

/// `Diagnostic::sort_key`'s order, without copying each path for each comparison.
fn by_place(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    let place = |d: &Diagnostic| (d.line.unwrap_or(0), d.column.unwrap_or(0));
    a.path.cmp(&b.path).then_with(|| place(a).cmp(&place(b)))
}

/// What `check` reads of each file as it is parsed: its editorial warnings and links, and
/// whether a build now would hold it back.
struct CheckReading<'a> {
    config: &'a Config,
    now: DateTime<Utc>,
}

impl ReadAlso for CheckReading<'_> {
    type Found = (Option<check::FileReading>, Option<HeldBack>);
    type Scratch = check::Reader;
    fn read(
        &self,
        reader: &mut check::Reader,
        rel_path: &Path,
        text: &str,
        parsed: Result<&Article, &[Diagnostic]>,
    ) -> Self::Found {
        let article = parsed.ok();
        let (config, now) = (self.config, self.now);
        (
            article.and_then(|article| check::read_file(reader, rel_path, text, article)),
            crate::unpublished::held_file(rel_path, text, article, config, now),
        )
    }
}

/// `check`'s build: prepared without copying photos, and rendered (templates fail only
/// then), writing nothing.
fn check_rendered(
    options: &BuildOptions,
    config: Config,
    assets: &[AssetFile],
    articles: Vec<Article>,
    theme: &Theme,
    make_index: bool,
) -> Result<Prepared, Vec<Diagnostic>> {
    let no_index = SearchFiles::default();
    let search = (!make_index).then_some(&no_index);
    let inputs = Inputs {
        root: &options.root,
        config,
        articles,
        assets,
        theme,
        visibility: options.visibility,
        make_photos: false,
        search,
        preview: false,
    };
    let mut prepared = prepare(inputs, &NoProgress).map_err(|e| fail(e).0)?;
    // The editorial warnings have read the texts: rendering reuses their memory.
    drop_search_text(&mut prepared.site);
    // Each page is dropped as soon as it is rendered: keeping the rendered site made
    // `check` need twice a build's memory.
    render::render_each(&prepared.site, &prepared.plan, theme, &|_| Ok(()))
        .map_err(|e| fail(e).0)?;
    Ok(prepared)
}

/// Whether an article's address, alias, link or photo, a content file or a theme file names
/// the search index's folder: only then could a collision or a link depend on its files, so
/// only then must `check` make the index (a tenth of a build) to report what a build would.
fn mentions_search_index(articles: &[Article], assets: &[AssetFile], theme: &Theme) -> bool {
    let folder = crate::search::INDEX_PATH.trim_matches('/');
    let names = |a: &Article| {
        let photo = a.image.iter().map(|i| i.src.as_str());
        [a.path.as_str()]
            .into_iter()
            .chain(a.aliases.iter().map(String::as_str))
            .chain(a.links.iter().map(String::as_str))
            .chain(photo)
            .any(|s| s.contains(folder))
    };
    articles.iter().any(names)
        || assets.iter().any(|f| {
            f.rel_path
                .to_string_lossy()
                .replace('\\', "/")
                .contains(folder)
        })
        || theme
            .static_files
            .iter()
            .any(|(name, _)| name.contains(folder))
}

/// `tuyenvan new`: writes a new article's file, never over an existing one. Returns what
/// was written and the notes for the editor.
pub fn new_article(
    root: &Path,
    request: &scaffold::NewArticle,
) -> Result<scaffold::Scaffold, SiteErrors> {
    let config = load_config(root, None)?;
    let (sources, _) = load::read_sources(root, &config.theme);
    let (articles, _) = parse_all(&sources, &config);
    let known = scaffold::KnownNames::from_articles(&articles);
    let plan = scaffold::plan(request, &config, &known, chrono::Utc::now())?;
    if root.join(&plan.other_form).exists() {
        return Err(
            Diagnostic::new(&plan.other_form, tr!("new-exists-other-form"))
                .with_help(tr!("new-exists-help"))
                .into(),
        );
    }
    output::create_new_file(&root.join(&plan.rel_path), &plan.text).map_err(|e| {
        let d = if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::new(&plan.rel_path, tr!("new-exists")).with_help(tr!("new-exists-help"))
        } else {
            Diagnostic::new(&plan.rel_path, tr!("new-cannot-write"))
                .with_note(tr!("note-system", detail = e.to_string()))
        };
        SiteErrors::from(d)
    })?;
    Ok(plan)
}

/// The output folder a build writes to.
pub fn output_dir(options: &BuildOptions) -> PathBuf {
    options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("public"))
}

/// `tuyenvan build`: the whole pipeline, written atomically. When every input and every
/// output file is as the last build left them, nothing is parsed, rendered or written.
pub fn build(options: &BuildOptions) -> Result<BuildReport, SiteErrors> {
    build_with(options, &NoProgress)
}

/// `build`, reporting its progress.
pub fn build_with(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, SiteErrors> {
    let started = Instant::now();
    let output_dir = output_dir(options);
    output::check_output_dir(&output_dir, &options.root).map_err(SiteErrors::from)?;
    let mut clock = Instant::now();
    let Loaded {
        config_text,
        config,
        sources: found,
        mut errors,
    } = load_inputs(options)?;
    let asked = cache::Asked {
        base_url: options.base_url.as_deref(),
        visibility: options.visibility,
    };
    let stamps = cache::stamp_inputs(&config_text, &found, asked, &output_dir);
    let (mut prepared, theme, history, fingerprint) =
        if cache::may_be_unchanged(&options.root, &output_dir) {
            // Every text is read and digested first: if nothing changed, nothing is parsed.
            let sources = load::read_texts(found, &mut errors);
            stage_done("load", &mut clock);
            let digests = cache::digests(&sources.markdown);
            let fingerprint = stamps.with_texts(&sources.markdown, &digests);
            if errors.is_empty() {
                if let Some(record) = cache::still_valid(&options.root, &output_dir, fingerprint) {
                    return Ok(unchanged_report(record, started));
                }
            }
            let (prepared, theme, history) =
                parse_and_prepare_sources(options, config, sources, errors, progress)?;
            (prepared, theme, history, fingerprint)
        } else {
            // No record to compare with (a first build, an emptied folder): each text is
            // read by the thread that parses it and freed once parsed, never all held at
            // once (1.1 GB at 100,000 articles).
            stage_done("load", &mut clock);
            let digests: Vec<OnceLock<u128>> =
                found.markdown.iter().map(|_| OnceLock::new()).collect();
            let markdown = found
                .markdown
                .par_iter()
                .zip(&digests)
                .map(|(file, digest)| ReadAndDigest { file, digest });
            let (prepared, theme, history) = parse_and_prepare(
                options,
                config,
                markdown,
                &found.assets,
                &found.theme,
                errors,
                progress,
            )?;
            // The build succeeded: every text was read, and digested.
            let digests: Vec<u128> = digests
                .iter()
                .map(|d| d.get().copied().unwrap_or(0))
                .collect();
            let fingerprint = stamps.with_texts(&found.markdown, &digests);
            (prepared, theme, history, fingerprint)
        };
    let written = write_streaming(&output_dir, &mut prepared, &theme, progress)?;
    let write = written.report;
    let (site, plan) = (&prepared.site, &prepared.plan);
    let mut clock = Instant::now();
    save_record(options, &output_dir, fingerprint, site, written.files);
    stage_done("build record", &mut clock);
    // The address book belongs to the repository: a checkout that cannot be written (a
    // read-only CI clone) still publishes, with the redirects the book already holds.
    let _ = crate::history::record(&options.root, site, history);
    stage_done("address book", &mut clock);
    let report = BuildReport {
        articles: site.articles.len(),
        pages: site.pages.len(),
        files: plan.routes.len() + plan.assets.len(),
        held_back: site.held_back.clone(),
        images: prepared.images,
        write,
        elapsed: started.elapsed(),
    };
    // Freeing the site (a million allocations at 100,000 articles) takes a tenth of a
    // second: a thread of its own does it, and the command may end before it is done.
    std::thread::spawn(move || drop((prepared, theme)));
    Ok(report)
}

/// What a build that found nothing to do reports: the last build's figures.
fn unchanged_report(record: cache::Record, started: Instant) -> BuildReport {
    BuildReport {
        articles: record.articles,
        pages: record.pages,
        files: record.outputs.len(),
        held_back: record.held_back(),
        images: ImageReport::default(),
        write: WriteReport {
            unchanged: record.outputs.len(),
            ..WriteReport::default()
        },
        elapsed: started.elapsed(),
    }
}

/// Renders the plan straight into a staging folder, each page written as soon as it is
/// rendered, then copies the assets and swaps the folder in.
fn write_streaming(
    output_dir: &Path,
    prepared: &mut Prepared,
    theme: &Theme,
    progress: &dyn Progress,
) -> Result<output::Finished, SiteErrors> {
    let mut clock = Instant::now();
    let plan = &prepared.plan;
    let stage = output::Stage::new(output_dir).map_err(SiteErrors::from)?;
    let outputs = plan.routes.iter().map(|r| r.output.as_str());
    let asset_outputs = plan.assets.iter().map(|a| a.output.as_str());
    stage
        .make_folders(outputs.chain(asset_outputs))
        .map_err(SiteErrors::from)?;
    // The search index first, in parallel (at 10,000 articles some two thousand files),
    // and freed once written: rendering, where a build's memory peaks, need not hold it
    // (some 200 MB at 100,000 articles).
    let search_files: Vec<_> = plan.search_files(&prepared.search).collect();
    search_files
        .par_iter()
        .try_for_each(|(path, bytes)| {
            stage.put(path, bytes)?;
            progress.step();
            Ok::<(), Diagnostic>(())
        })
        .map_err(SiteErrors::from)?;
    drop(search_files);
    prepared.search.files = Vec::new();
    render::render_each(&prepared.site, plan, theme, &|page| {
        progress.step();
        stage.put(&page.path, &page.bytes)
    })
    .map_err(fail)?;
    stage_done("render and write pages", &mut clock);
    progress.stage("writing", 0);
    let assets: Vec<AssetOutput<'_>> = plan
        .assets
        .iter()
        .map(|a| AssetOutput {
            path: &a.output,
            source: &a.source,
        })
        .collect();
    assets
        .par_iter()
        .try_for_each(|a| stage.put_asset(a))
        .map_err(SiteErrors::from)?;
    let kept: HashSet<&str> = plan
        .routes
        .iter()
        .map(|r| r.output.as_str())
        .chain(plan.assets.iter().map(|a| a.output.as_str()))
        .collect();
    let finished = stage.finish(&kept).map_err(SiteErrors::from)?;
    stage_done("write assets and swap", &mut clock);
    Ok(finished)
}

/// Saves the build record; `outputs` are the files written, with their sizes and times.
fn save_record(
    options: &BuildOptions,
    output_dir: &Path,
    fingerprint: u64,
    site: &Site,
    outputs: BTreeMap<String, cache::FileStamp>,
) {
    let scheduled = site
        .held_back
        .iter()
        .filter(|h| h.reason == site::HeldReason::Scheduled)
        .map(|h| h.due)
        .min();
    let record = cache::Record {
        fingerprint,
        valid_until: scheduled,
        articles: site.articles.len(),
        pages: site.pages.len(),
        outputs,
        held_back: site
            .held_back
            .iter()
            .map(|h| {
                let draft = h.reason == site::HeldReason::Draft;
                (
                    h.source.clone(),
                    h.title.clone(),
                    h.date.clone(),
                    draft,
                    h.due,
                )
            })
            .collect(),
    };
    cache::save(&options.root, output_dir, &record);
}
