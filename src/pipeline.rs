//! The build, stage by stage: load, parse, model, plan, render, write. Each stage collects
//! all its errors; the build stops after the first stage that has any, reporting them all.

use crate::cache;
use crate::check;
use crate::config::{self, Config};
use crate::content::{self, Article};
use crate::error::{Diagnostic, SiteErrors};
use crate::images::{self, Processed, Request};
use crate::load::{self, Sources};
use crate::output::{self, AssetOutput, WriteReport};
use crate::plan::{self, Plan};
use crate::render::{self, Output};
use crate::scaffold;
use crate::site::{self, HeldBack, Site, Visibility};
use crate::theme::{self, Theme};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
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
    parse_all_with(sources, config, &NoProgress)
}

/// `parse_all`, one progress step per file.
fn parse_all_with(
    sources: &Sources,
    config: &Config,
    progress: &dyn Progress,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let results: Vec<Result<Article, Vec<Diagnostic>>> = sources
        .markdown
        .par_iter()
        .map(|f| {
            let parsed = content::parse_article(&f.rel_path, &f.text, config);
            progress.step();
            parsed
        })
        .collect();
    let mut articles = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(a) => articles.push(a),
            Err(e) => errors.extend(e),
        }
    }
    (articles, errors)
}

/// Prints how long a stage took when `TUYENVAN_PROFILE` is set, for profiling builds.
fn stage_done(name: &str, since: &mut Instant) {
    if std::env::var_os("TUYENVAN_PROFILE").is_some() {
        eprintln!("stage {name}: {} ms", since.elapsed().as_millis());
    }
    *since = Instant::now();
}

/// The inputs of a build, read from disk: `site.yaml` (text and parsed) and the sources.
pub struct Loaded {
    pub config_text: String,
    pub config: Config,
    pub sources: Sources,
    /// Files that could not be read.
    pub errors: Vec<Diagnostic>,
}

/// Reads and validates `site.yaml`, then reads the content and theme it names.
pub fn load_inputs(options: &BuildOptions) -> Result<Loaded, SiteErrors> {
    let config_text = load::read_config(&options.root).map_err(SiteErrors::from)?;
    let config = config::parse(
        &config_text,
        Path::new(load::CONFIG_FILE),
        options.base_url.as_deref(),
    )
    .map_err(fail)?;
    let (sources, errors) = load::read_sources(&options.root, &config.theme);
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
    render_site_with(options, &NoProgress)
}

/// `render_site`, reporting its progress.
pub fn render_site_with(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<Rendered, SiteErrors> {
    progress.stage("reading", 0);
    let mut clock = Instant::now();
    let Loaded {
        config,
        mut sources,
        errors,
        ..
    } = load_inputs(options)?;
    stage_done("load", &mut clock);
    render_sources(options, config, &mut sources, errors, progress, false)
}

/// Parses, models, plans and renders sources already read; `errors` are the load's. The
/// Markdown texts are dropped after parsing unless `keep_markdown` (for `check`): keeping
/// them would hold the whole archive's sources in memory through rendering.
pub fn render_sources(
    options: &BuildOptions,
    config: Config,
    sources: &mut Sources,
    errors: Vec<Diagnostic>,
    progress: &dyn Progress,
    keep_markdown: bool,
) -> Result<Rendered, SiteErrors> {
    let Prepared {
        site,
        plan,
        theme,
        images,
    } = prepare_sources(options, config, sources, errors, progress, keep_markdown)?;
    let mut clock = Instant::now();
    let outputs =
        render::render_all_with(&site, &plan, &theme, &|| progress.step()).map_err(fail)?;
    stage_done("render", &mut clock);
    Ok(Rendered {
        site,
        plan,
        outputs,
        images,
    })
}

/// A site modelled and planned, with its compiled theme: ready to render.
pub struct Prepared {
    pub site: Site,
    pub plan: Plan,
    pub theme: Theme,
    pub images: ImageReport,
}

/// Everything before rendering: parse, theme, model, plan and the collision check.
pub fn prepare_sources(
    options: &BuildOptions,
    config: Config,
    sources: &mut Sources,
    mut errors: Vec<Diagnostic>,
    progress: &dyn Progress,
    keep_markdown: bool,
) -> Result<Prepared, SiteErrors> {
    let mut clock = Instant::now();
    progress.stage("parsing", sources.markdown.len());
    let (articles, parse_errors) = parse_all_with(sources, &config, progress);
    if !keep_markdown {
        sources.markdown = Vec::new();
    }
    stage_done("parse", &mut clock);
    errors.extend(parse_errors);
    let theme = match theme::load(&sources.theme) {
        Ok(t) => Some(t),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    let (Some(theme), true) = (theme, errors.is_empty()) else {
        return Err(fail(errors));
    };
    stage_done("theme", &mut clock);
    let mut site =
        site::build(config, articles, options.visibility, chrono::Utc::now()).map_err(fail)?;
    stage_done("model", &mut clock);
    let mut plan = plan::plan(&site, &sources.assets, &theme.static_files);
    stage_done("plan", &mut clock);
    let (images, mut errors) = prepare_images(
        &mut site,
        &mut plan,
        &options.root,
        !options.dry_run,
        progress,
    );
    stage_done("images", &mut clock);
    errors.extend(plan::collisions(&plan));
    if !errors.is_empty() {
        return Err(fail(errors));
    }
    progress.stage("rendering", plan.routes.len());
    Ok(Prepared {
        site,
        plan,
        theme,
        images,
    })
}

/// The images stage: finds the local photos the articles use, makes their resized copies
/// in parallel (or finds them in the cache under `<root>/.tuyenvan-cache/images/`), adds
/// the copies to the plan and gives articles their addresses. Errors name the article,
/// the line and the photo. With `make` false (`check`) photos are only read: no copy is
/// made and missing images are left to the link check.
pub fn prepare_images(
    site: &mut Site,
    plan: &mut Plan,
    root: &Path,
    make: bool,
    progress: &dyn Progress,
) -> (ImageReport, Vec<Diagnostic>) {
    let (requests, mut errors) = images::requests(site, plan, make);
    let cache = images::process::cache_dir(&root.join(cache::CACHE_DIR));
    let settings = &site.config.images;
    progress.stage("photos", requests.len());
    let results: Vec<Result<Processed, String>> = requests
        .par_iter()
        .map(|r| {
            let done = images::process::process(&r.abs, r.format, settings, &cache, make);
            progress.step();
            done
        })
        .collect();
    let mut report = ImageReport {
        photos: requests.len(),
        ..ImageReport::default()
    };
    let mut ready: Vec<Request> = Vec::with_capacity(requests.len());
    let mut done: Vec<Processed> = Vec::with_capacity(requests.len());
    for (request, result) in requests.into_iter().zip(results) {
        match result {
            Ok(processed) => {
                if processed.made == 0 {
                    report.cached += 1;
                } else {
                    report.processed += 1;
                }
                report.copies += processed.files.len();
                ready.push(request);
                done.push(processed);
            }
            Err(why) => errors.extend(request.uses.iter().map(|u| {
                Diagnostic::new(
                    &u.article,
                    format!("image `{}` ({}) {why}", u.written, request.rel.display()),
                )
                .at(u.line, 1)
                .with_help("open the photo in an image editor and save it again as JPEG, or remove it from the article")
            })),
        }
    }
    let (routes, by_url) = images::publish(&ready, &done);
    plan.assets.extend(routes);
    images::apply(site, &by_url);
    (report, errors)
}

/// What `check` found: errors fail it, warnings only with `--strict`.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    /// Published articles and pages checked (0 when the site did not render).
    pub articles: usize,
    pub pages: usize,
}

/// `tuyenvan check`: everything a build validates and renders, plus links and editorial
/// warnings; writes nothing.
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
    let (mut sources, load_errors) = load::read_sources(&options.root, &config.theme);
    let warnings = check::editorial(&sources, &config);
    let mut report = CheckReport {
        warnings,
        ..CheckReport::default()
    };
    let options = &BuildOptions {
        dry_run: true,
        ..options.clone()
    };
    match render_sources(
        options,
        config,
        &mut sources,
        load_errors,
        &NoProgress,
        true,
    ) {
        Ok(rendered) => {
            report.errors = check::links(&rendered.site, &rendered.plan, &sources);
            report
                .warnings
                .extend(crate::site::spelling_warnings(&rendered.site));
            report.articles = rendered.site.articles.len();
            report.pages = rendered.site.pages.len();
        }
        Err(e) => report.errors = e.0,
    }
    report.errors.sort_by_key(Diagnostic::sort_key);
    report.warnings.sort_by_key(Diagnostic::sort_key);
    report
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
        return Err(Diagnostic::new(
            &plan.other_form,
            "an article with this title already exists; nothing was written",
        )
        .with_help("edit the existing article, or give the new one another title")
        .into());
    }
    output::create_new_file(&root.join(&plan.rel_path), &plan.text).map_err(|e| {
        let d = if e.kind() == std::io::ErrorKind::AlreadyExists {
            Diagnostic::new(
                &plan.rel_path,
                "this file already exists; nothing was written",
            )
            .with_help("edit the existing article, or give the new one another title")
        } else {
            Diagnostic::new(&plan.rel_path, format!("cannot write the new article: {e}"))
        };
        SiteErrors::from(d)
    })?;
    Ok(plan)
}

/// A theme compiled on its own, for checks.
pub fn compile_theme(root: &Path, config: &Config) -> Result<Theme, SiteErrors> {
    let (sources, errors) = load::read_sources(root, &config.theme);
    if !errors.is_empty() {
        return Err(fail(errors));
    }
    theme::load(&sources.theme).map_err(fail)
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
    let loaded = load_inputs(options)?;
    stage_done("load", &mut clock);
    let fingerprint =
        cache::fingerprint(&loaded.config_text, &loaded.sources, options, &output_dir);
    if loaded.errors.is_empty() {
        if let Some(record) = cache::still_valid(&options.root, &output_dir, fingerprint) {
            return Ok(BuildReport {
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
            });
        }
    }
    let Loaded {
        config,
        mut sources,
        errors,
        ..
    } = loaded;
    let Prepared {
        site,
        plan,
        theme,
        images,
    } = prepare_sources(options, config, &mut sources, errors, progress, false)?;
    let write = write_streaming(&output_dir, &site, &plan, &theme, progress)?;
    save_record(options, &output_dir, fingerprint, &site);
    Ok(BuildReport {
        articles: site.articles.len(),
        pages: site.pages.len(),
        files: plan.routes.len() + plan.assets.len(),
        held_back: site.held_back.clone(),
        images,
        write,
        elapsed: started.elapsed(),
    })
}

/// Renders the plan straight into a staging folder, each page written as soon as it is
/// rendered, then copies the assets and swaps the folder in.
fn write_streaming(
    output_dir: &Path,
    site: &Site,
    plan: &Plan,
    theme: &Theme,
    progress: &dyn Progress,
) -> Result<WriteReport, SiteErrors> {
    let mut clock = Instant::now();
    let stage = output::Stage::new(output_dir).map_err(SiteErrors::from)?;
    render::render_each(site, plan, theme, &|page| {
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
    let report = stage.finish(&kept).map_err(SiteErrors::from)?;
    stage_done("write assets and swap", &mut clock);
    Ok(report)
}

fn save_record(options: &BuildOptions, output_dir: &Path, fingerprint: u64, site: &Site) {
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
        outputs: cache::scan_outputs(output_dir),
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
