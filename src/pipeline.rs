//! The build, stage by stage: load, parse, model, plan, render, write. Each stage collects
//! all its errors; the build stops after the first stage that has any, reporting them all.

use crate::config::{self, Config};
use crate::content::{self, Article};
use crate::error::{Diagnostic, SiteErrors};
use crate::load::{self, Sources};
use crate::output::{self, AssetOutput, WriteReport};
use crate::plan::{self, Plan};
use crate::render::{self, Output};
use crate::site::{self, HeldBack, Site, Visibility};
use crate::theme::{self, Theme};
use rayon::prelude::*;
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
}

/// What a build did, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub articles: usize,
    pub pages: usize,
    pub files: usize,
    pub held_back: Vec<HeldBack>,
    pub write: WriteReport,
    pub elapsed: Duration,
}

/// A site rendered in memory, not yet written.
pub struct Rendered {
    pub site: Site,
    pub plan: Plan,
    pub outputs: Vec<Output>,
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
    let results: Vec<Result<Article, Vec<Diagnostic>>> = sources
        .markdown
        .par_iter()
        .map(|f| content::parse_article(&f.rel_path, &f.text, config))
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

/// Everything up to and including rendering; writes nothing.
pub fn render_site(options: &BuildOptions) -> Result<Rendered, SiteErrors> {
    let mut clock = Instant::now();
    let config = load_config(&options.root, options.base_url.as_deref())?;
    let (mut sources, mut errors) = load::read_sources(&options.root, &config.theme);
    stage_done("load", &mut clock);
    let (articles, parse_errors) = parse_all(&sources, &config);
    // The Markdown texts are not needed past parsing; keeping them would hold the whole
    // archive's sources in memory through rendering.
    sources.markdown = Vec::new();
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
    let site =
        site::build(config, articles, options.visibility, chrono::Utc::now()).map_err(fail)?;
    stage_done("model", &mut clock);
    let plan = plan::plan(&site, &sources.assets, &theme.static_files);
    let collisions = plan::collisions(&plan);
    if !collisions.is_empty() {
        return Err(fail(collisions));
    }
    stage_done("plan", &mut clock);
    let outputs = render::render_all(&site, &plan, &theme).map_err(fail)?;
    stage_done("render", &mut clock);
    Ok(Rendered {
        site,
        plan,
        outputs,
    })
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

/// `tuyenvan build`: the whole pipeline, written atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport, SiteErrors> {
    let started = Instant::now();
    let output_dir = output_dir(options);
    output::check_output_dir(&output_dir, &options.root).map_err(SiteErrors::from)?;
    let rendered = render_site(options)?;
    let assets: Vec<AssetOutput<'_>> = rendered
        .plan
        .assets
        .iter()
        .map(|a| AssetOutput {
            path: &a.output,
            source: &a.source,
        })
        .collect();
    let write =
        output::write_site(&output_dir, &rendered.outputs, &assets).map_err(SiteErrors::from)?;
    Ok(BuildReport {
        articles: rendered.site.articles.len(),
        pages: rendered.site.pages.len(),
        files: rendered.outputs.len() + assets.len(),
        held_back: rendered.site.held_back.clone(),
        write,
        elapsed: started.elapsed(),
    })
}
