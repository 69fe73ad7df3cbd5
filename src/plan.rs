//! The plan: every file of the published site named once, as a `Route` (a page to render,
//! a feed, the sitemap) or an `AssetRoute` (a file copied as it is). Collisions between two
//! sources of one output path are found here, before anything is rendered or written.

use crate::content::Article;
use crate::error::Diagnostic;
use crate::load::AssetFile;
use crate::site::{Site, TaxonomyKind};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What a route renders.
#[derive(Debug, Clone, PartialEq)]
pub enum Spec {
    /// Page `page` (1-based) of the home listing.
    Home {
        page: usize,
    },
    Article {
        index: usize,
    },
    StaticPage {
        index: usize,
    },
    TaxonomyList {
        kind: TaxonomyKind,
    },
    TaxonomyTerm {
        kind: TaxonomyKind,
        term: usize,
        page: usize,
    },
    /// The search page, with the index manifest it carries inline (`meta.json`) and, when
    /// the theme keeps the built-in `js/search.js`, that script's text to inline too.
    Search {
        manifest: std::sync::Arc<str>,
        script: Option<std::sync::Arc<str>>,
    },
    NotFound,
    /// Redirect from an old address to `target` (a site path).
    Alias {
        target: String,
    },
    /// Atom feed of the whole site (`None`) or of one term.
    Feed {
        scope: Option<(TaxonomyKind, usize)>,
    },
    Sitemap,
    Robots,
    /// A file of the search index, built before planning so its name is known here.
    SearchIndex {
        bytes: std::sync::Arc<[u8]>,
    },
}

impl Spec {
    /// The theme template the route renders with, for template routes.
    pub fn template(&self) -> Option<&'static str> {
        Some(match self {
            Spec::Home { .. } => "index.html",
            Spec::Article { .. } => "article.html",
            Spec::StaticPage { .. } => "page.html",
            Spec::TaxonomyList { .. } => "taxonomy_list.html",
            Spec::TaxonomyTerm { .. } => "taxonomy_term.html",
            Spec::Search { .. } => "search.html",
            Spec::NotFound => "404.html",
            Spec::Alias { .. } => "alias.html",
            Spec::Feed { .. } | Spec::Sitemap | Spec::Robots | Spec::SearchIndex { .. } => {
                return None
            }
        })
    }
}

/// One generated output file.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// Output file, relative to the output folder (`2023/06/bai/index.html`).
    pub output: String,
    /// Path under the host, with base path (`/sub/2023/06/bai/`).
    pub url_path: String,
    /// What produced it, for error messages (`content/2023/bai.md`, `(home page 2)`).
    pub origin: PathBuf,
    pub spec: Spec,
}

/// A file published as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct AssetRoute {
    pub output: String,
    pub origin: PathBuf,
    pub source: AssetSource,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AssetSource {
    Disk(PathBuf),
    /// A built-in theme file, by its path under `static/`.
    BuiltinTheme(String),
    /// A resized photo in the image cache: never changed once written, so it may be linked.
    Cached(PathBuf),
}

/// All outputs of a build.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub routes: Vec<Route>,
    pub assets: Vec<AssetRoute>,
}

/// Number of listing pages for `count` items (at least 1: an empty list still has a page).
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page.max(1)).max(1)
}

/// Site path of page `page` of a listing whose first page is `first` (`/sub/chuyen-muc/x/`).
pub fn listing_page_path(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}trang/{page}/")
    }
}

/// Output file for a site path.
pub fn output_for(site_path: &str, base_path: &str) -> String {
    let rel = site_path
        .strip_prefix(base_path)
        .unwrap_or(site_path.trim_start_matches('/'));
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else if Path::new(rel).extension().is_some() {
        rel.to_string()
    } else {
        format!("{rel}/index.html")
    }
}

/// Site path of a term's first page.
pub fn term_path(site: &Site, kind: TaxonomyKind, slug: &str) -> String {
    site.config
        .site_path(&format!("/{}/{}/", kind.segment(), slug))
}

/// Site path of a taxonomy index.
pub fn taxonomy_path(site: &Site, kind: TaxonomyKind) -> String {
    site.config.site_path(&format!("/{}/", kind.segment()))
}

struct Planner<'a> {
    site: &'a Site,
    plan: Plan,
}

impl Planner<'_> {
    fn page(&mut self, url_path: String, origin: impl Into<PathBuf>, spec: Spec) {
        let output = output_for(&url_path, &self.site.config.base_path);
        self.plan.routes.push(Route {
            output,
            url_path,
            origin: origin.into(),
            spec,
        });
    }

    fn listing(&mut self, first: &str, count: usize, origin: &str, spec: impl Fn(usize) -> Spec) {
        for page in 1..=page_count(count, self.site.config.paginate) {
            let origin = if page == 1 {
                format!("({origin})")
            } else {
                format!("({origin}, page {page})")
            };
            self.page(listing_page_path(first, page), origin, spec(page));
        }
    }
}

/// The search script's text for the search page to carry inline, so that it asks for the
/// index files of `?q=` without first waiting for the script file: the built-in
/// `js/search.js`, unless the theme has its own (its text is only read when copied) or the
/// text could end the `<script>` element it is put in.
fn search_script(theme_static: &[(String, AssetSource)]) -> Option<&'static str> {
    const REL: &str = "js/search.js";
    let builtin = theme_static
        .iter()
        .any(|(rel, source)| rel == REL && matches!(source, AssetSource::BuiltinTheme(_)));
    let text = std::str::from_utf8(crate::theme::builtin_static(REL)?).ok()?;
    let lower = text.to_ascii_lowercase();
    let safe = !lower.contains("</script") && !lower.contains("<!--");
    (builtin && safe).then_some(text)
}

/// The search index as the plan publishes it: the manifest the search page carries inline,
/// and each file of the index (name under the index folder, bytes).
#[derive(Debug, Clone, Default)]
pub struct SearchFiles {
    pub manifest: std::sync::Arc<str>,
    pub files: Vec<(String, std::sync::Arc<[u8]>)>,
}

impl SearchFiles {
    /// The index of every published article.
    pub fn build(site: &Site) -> SearchFiles {
        let index = crate::search::build(site);
        let manifest = index
            .iter()
            .find(|f| f.rel == crate::search::MANIFEST)
            .map_or_else(String::new, |f| {
                String::from_utf8_lossy(&f.bytes).into_owned()
            });
        SearchFiles {
            manifest: manifest.into(),
            files: index.into_iter().map(|f| (f.rel, f.bytes.into())).collect(),
        }
    }
}

/// Names every output of the site.
pub fn plan(
    site: &Site,
    content_assets: &[AssetFile],
    theme_static: &[(String, AssetSource)],
) -> Plan {
    plan_with_search(
        site,
        content_assets,
        theme_static,
        &SearchFiles::build(site),
    )
}

/// Names every output of the site, with a search index already built (the dev server
/// publishes the last one for a moment after an edit: it takes long to build).
pub fn plan_with_search(
    site: &Site,
    content_assets: &[AssetFile],
    theme_static: &[(String, AssetSource)],
    search: &SearchFiles,
) -> Plan {
    let config = &site.config;
    let mut p = Planner {
        site,
        plan: Plan::default(),
    };
    let home = config.base_path.clone();
    p.listing(&home, site.articles.len(), "home page", |page| Spec::Home {
        page,
    });
    for (index, article) in site.articles.iter().enumerate() {
        p.page(
            article.path.clone(),
            &article.source,
            Spec::Article { index },
        );
    }
    for (index, page) in site.pages.iter().enumerate() {
        p.page(page.path.clone(), &page.source, Spec::StaticPage { index });
    }
    for kind in TaxonomyKind::ALL {
        let origin = format!("({} index)", kind.key());
        p.page(
            taxonomy_path(site, kind),
            origin,
            Spec::TaxonomyList { kind },
        );
        for (term_index, term) in site.taxonomy(kind).terms.iter().enumerate() {
            let first = term_path(site, kind, &term.slug);
            let origin = format!("{} `{}`", kind.key(), term.name);
            p.listing(&first, term.articles.len(), &origin, |page| {
                Spec::TaxonomyTerm {
                    kind,
                    term: term_index,
                    page,
                }
            });
            if kind.has_feeds() {
                p.page(
                    format!("{first}feed.xml"),
                    format!("({origin} feed)"),
                    Spec::Feed {
                        scope: Some((kind, term_index)),
                    },
                );
            }
        }
    }
    p.page(
        config.site_path("/feed.xml"),
        "(site feed)",
        Spec::Feed { scope: None },
    );
    p.page(
        config.site_path("/tim-kiem/"),
        "(search page)",
        Spec::Search {
            manifest: search.manifest.clone(),
            script: search_script(theme_static).map(Into::into),
        },
    );
    p.page(
        config.site_path("/404.html"),
        "(not found page)",
        Spec::NotFound,
    );
    p.page(config.site_path("/sitemap.xml"), "(sitemap)", Spec::Sitemap);
    p.page(
        config.site_path("/robots.txt"),
        "(robots.txt)",
        Spec::Robots,
    );
    for (rel, bytes) in &search.files {
        p.page(
            config.site_path(&format!("{}{rel}", crate::search::INDEX_PATH)),
            "(search index)",
            Spec::SearchIndex {
                bytes: bytes.clone(),
            },
        );
    }
    // The editor's files are made before rendering, like the index's: their bytes are planned.
    for (rel, bytes) in crate::cms::files(site, theme_static) {
        let url_path = config.site_path(&rel);
        p.page(url_path, "(site.yaml cms:)", Spec::SearchIndex { bytes });
    }
    for article in site.articles.iter().chain(&site.pages) {
        for alias in &article.aliases {
            p.page(
                config.site_path(alias),
                &article.source,
                Spec::Alias {
                    target: article.path.clone(),
                },
            );
        }
    }
    let mut plan = p.plan;
    plan.assets = content_asset_routes(site, content_assets);
    plan.assets
        .extend(theme_static.iter().map(|(rel, source)| AssetRoute {
            output: rel.clone(),
            origin: match source {
                AssetSource::Disk(path) | AssetSource::Cached(path) => path.clone(),
                AssetSource::BuiltinTheme(rel) => {
                    PathBuf::from(format!("(built-in theme) static/{rel}"))
                }
            },
            source: source.clone(),
        }));
    plan
}

/// Where each content file is published: beside its bundle's page, or at its own path.
/// Files of a bundle whose article is held back wait with it.
fn content_asset_routes(site: &Site, assets: &[AssetFile]) -> Vec<AssetRoute> {
    let bundle_dir = |source: &Path| {
        (source.file_name()? == "index.md")
            .then(|| source.parent())
            .flatten()
            .map(Path::to_path_buf)
    };
    let published: HashMap<PathBuf, &Article> = site
        .articles
        .iter()
        .chain(&site.pages)
        .filter_map(|a| Some((bundle_dir(&a.source)?, a)))
        .collect();
    let held: HashSet<PathBuf> = site
        .held_back
        .iter()
        .filter_map(|h| bundle_dir(&h.source))
        .collect();
    let base = &site.config.base_path;
    let mut routes = Vec::with_capacity(assets.len());
    'assets: for asset in assets {
        let rel = &asset.rel_path;
        let mut output = rel
            .strip_prefix("content")
            .unwrap_or(rel)
            .to_string_lossy()
            .replace('\\', "/");
        for dir in rel.ancestors().skip(1) {
            if held.contains(dir) {
                continue 'assets;
            }
            if let Some(article) = published.get(dir) {
                let inside = rel
                    .strip_prefix(dir)
                    .unwrap_or(rel)
                    .to_string_lossy()
                    .replace('\\', "/");
                let page_output = output_for(&article.path, base);
                let page_dir = page_output
                    .strip_suffix("index.html")
                    .unwrap_or(&page_output);
                output = format!("{page_dir}{inside}");
                break;
            }
        }
        routes.push(AssetRoute {
            output,
            origin: rel.clone(),
            source: AssetSource::Disk(asset.abs_path.clone()),
        });
    }
    routes
}

/// Every output path claimed by two sources, as errors naming both.
pub fn collisions(plan: &Plan) -> Vec<Diagnostic> {
    let mut claimed: HashMap<&str, &Path> = HashMap::new();
    let mut errors = Vec::new();
    let outputs = plan
        .routes
        .iter()
        .map(|r| (r.output.as_str(), r.origin.as_path()))
        .chain(
            plan.assets
                .iter()
                .map(|a| (a.output.as_str(), a.origin.as_path())),
        );
    for (output, origin) in outputs {
        if let Some(first) = claimed.insert(output, origin) {
            errors.push(
                Diagnostic::new(
                    origin,
                    format!(
                        "this would be published at /{output}, which {} already publishes",
                        first.display()
                    ),
                )
                .with_help(
                    "give one of them another `slug:` (or remove the duplicate alias or file)",
                ),
            );
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths() {
        assert_eq!(output_for("/", "/"), "index.html");
        assert_eq!(output_for("/sub/", "/sub/"), "index.html");
        assert_eq!(
            output_for("/sub/2023/06/a/", "/sub/"),
            "2023/06/a/index.html"
        );
        assert_eq!(
            output_for("/sub/tin-tuc/bai-cu.html", "/sub/"),
            "tin-tuc/bai-cu.html"
        );
        assert_eq!(
            output_for("/sub/tin-tuc/bai-cu", "/sub/"),
            "tin-tuc/bai-cu/index.html"
        );
        assert_eq!(output_for("/sub/feed.xml", "/sub/"), "feed.xml");
    }

    #[test]
    fn listing_pages() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(listing_page_path("/sub/", 1), "/sub/");
        assert_eq!(listing_page_path("/sub/", 3), "/sub/trang/3/");
    }
}
