//! The plan: every file of the published site named once, as a `Route` (a page to render,
//! a feed, the sitemap) or an `AssetRoute` (a file copied as it is). Collisions between two
//! sources of one output path are found here, before anything is rendered or written.

use crate::content::Article;
use crate::error::Diagnostic;
use crate::load::AssetFile;
pub(crate) use crate::load::AssetSource;
use crate::search::SearchFiles;
use crate::site::{Site, TaxonomyKind};
use crate::tr;
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
    /// Page `page` of the list of directive documents, all or of one type or year.
    Documents {
        filter: crate::documents::Filter,
        page: usize,
    },
    /// A directive document's page (index in `Site::documents`).
    Document {
        index: usize,
    },
    NotFound,
    /// Redirect from an old address to `target` (a site path).
    Alias {
        target: String,
    },
    /// Feed of the whole site (`None`) or of one term, in Atom or as a JSON Feed.
    Feed {
        scope: Option<(TaxonomyKind, usize)>,
        format: FeedFormat,
    },
    Sitemap,
    Robots,
    /// File `file` of the search index (`SearchFiles::files`), named here and written from
    /// the search stage's output: it is not rendered.
    SearchIndex {
        file: usize,
    },
    /// A file whose bytes are known when planning (the web servers' redirect rules, the
    /// CMS configuration): written as it is.
    File {
        bytes: std::sync::Arc<[u8]>,
    },
}

/// How a feed is written: the same entries as Atom (`feed.xml`) and JSON Feed 1.1
/// (`feed.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    Atom,
    Json,
}

impl FeedFormat {
    pub const ALL: [FeedFormat; 2] = [FeedFormat::Atom, FeedFormat::Json];

    /// The feed's file name.
    pub fn file(self) -> &'static str {
        match self {
            FeedFormat::Atom => "feed.xml",
            FeedFormat::Json => "feed.json",
        }
    }
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
            Spec::Documents { .. } => "documents.html",
            Spec::Document { .. } => "document.html",
            Spec::NotFound => "404.html",
            Spec::Alias { .. } => "alias.html",
            Spec::Feed { .. }
            | Spec::Sitemap
            | Spec::Robots
            | Spec::SearchIndex { .. }
            | Spec::File { .. } => return None,
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

/// All outputs of a build.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub routes: Vec<Route>,
    pub assets: Vec<AssetRoute>,
}

impl Plan {
    /// The search index's files as the plan names them: output path and bytes.
    pub fn search_files<'a>(
        &'a self,
        search: &'a SearchFiles,
    ) -> impl Iterator<Item = (&'a str, &'a std::sync::Arc<[u8]>)> + 'a {
        self.routes.iter().filter_map(move |r| match r.spec {
            Spec::SearchIndex { file } => Some((r.output.as_str(), &search.files.get(file)?.1)),
            _ => None,
        })
    }
}

/// Number of listing pages for `count` items (at least 1: an empty list still has a page).
pub(crate) fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page.max(1)).max(1)
}

/// Site path of page `page` of a listing whose first page is `first` (`/sub/chuyen-muc/x/`).
pub(crate) fn listing_page_path(first: &str, page: usize) -> String {
    if page <= 1 {
        first.to_string()
    } else {
        format!("{first}trang/{page}/")
    }
}

/// Output file for a site path.
pub(crate) fn output_for(site_path: &str, base_path: &str) -> String {
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
pub(crate) fn term_path(site: &Site, kind: TaxonomyKind, slug: &str) -> String {
    site.config
        .site_path(&format!("/{}/{}/", kind.segment(), slug))
}

/// Site path of a taxonomy index.
pub(crate) fn taxonomy_path(site: &Site, kind: TaxonomyKind) -> String {
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

/// What the plan publishes beside the pages of the model, each from the stage that made it.
pub(crate) struct Extras<'a> {
    /// Content files, placed by `content_assets`.
    pub content: Vec<AssetRoute>,
    /// The theme's static files.
    pub theme_static: &'a [(String, AssetSource)],
    /// The theme's search script, for the search page to carry inline.
    pub search_script: Option<std::sync::Arc<str>>,
    /// The photos' resized copies.
    pub photos: Vec<AssetRoute>,
    /// The search index.
    pub search: &'a SearchFiles,
}

impl Extras<'_> {
    /// Only the search index: the pages of the model and nothing published as it is.
    pub(crate) fn bare(search: &SearchFiles) -> Extras<'_> {
        Extras {
            content: Vec::new(),
            theme_static: &[],
            search_script: None,
            photos: Vec::new(),
            search,
        }
    }
}

/// Names every output of the site.
pub(crate) fn plan(site: &Site, extras: Extras<'_>) -> Plan {
    let mut plan = plan_pages(site, &extras);
    plan.assets = extras.content;
    plan.assets
        .extend(extras.theme_static.iter().map(|(rel, source)| AssetRoute {
            output: rel.clone(),
            origin: match source {
                AssetSource::Disk(path) | AssetSource::Cached(path) => path.clone(),
                AssetSource::BuiltinTheme(rel) => {
                    PathBuf::from(format!("(built-in theme) static/{rel}"))
                }
            },
            source: source.clone(),
        }));
    plan.assets.extend(extras.photos);
    plan
}

/// Every route of the site: its pages, feeds and the search index's files.
fn plan_pages(site: &Site, extras: &Extras<'_>) -> Plan {
    let mut p = Planner {
        site,
        plan: Plan::default(),
    };
    let home = site.config.base_path.clone();
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
        p.taxonomy(kind);
    }
    p.documents();
    p.site_files(extras);
    for article in site.articles.iter().chain(&site.pages) {
        // Old addresses with a query string or outside the base path have no page a
        // static host could serve: the web servers' rules redirect them.
        let pages = article
            .aliases
            .iter()
            .filter_map(|alias| crate::redirects::html_page(alias, &site.config.base_path));
        for path in pages {
            let target = article.path.clone();
            p.page(path, &article.source, Spec::Alias { target });
        }
    }
    let mut plan = p.plan;
    plan.routes
        .extend(generated_files(site, extras.theme_static));
    plan
}

impl Planner<'_> {
    /// A taxonomy's index, and each term's listing pages and feed.
    fn taxonomy(&mut self, kind: TaxonomyKind) {
        let site = self.site;
        let origin = format!("({} index)", kind.key());
        self.page(
            taxonomy_path(site, kind),
            origin,
            Spec::TaxonomyList { kind },
        );
        for (term_index, term) in site.taxonomy(kind).terms.iter().enumerate() {
            let first = term_path(site, kind, &term.slug);
            let origin = format!("{} `{}`", kind.key(), term.name);
            self.listing(&first, term.articles.len(), &origin, |page| {
                Spec::TaxonomyTerm {
                    kind,
                    term: term_index,
                    page,
                }
            });
            if kind.has_feeds() {
                for format in FeedFormat::ALL {
                    self.page(
                        format!("{first}{}", format.file()),
                        format!("({origin} feed)"),
                        Spec::Feed {
                            scope: Some((kind, term_index)),
                            format,
                        },
                    );
                }
            }
        }
    }

    /// The directive documents' pages and their lists (all, by type, by year): none for a
    /// site without documents.
    fn documents(&mut self) {
        use crate::documents::{self, Filter};
        let site = self.site;
        if site.documents.is_empty() {
            return;
        }
        for (index, doc) in site.documents.iter().enumerate() {
            self.page(doc.path.clone(), &doc.source, Spec::Document { index });
        }
        let types = documents::types(site);
        let filters = std::iter::once((Filter::All, site.documents.len()))
            .chain(
                types
                    .iter()
                    .enumerate()
                    .map(|(t, g)| (Filter::Type(t), g.documents.len())),
            )
            .chain(
                documents::years(site)
                    .into_iter()
                    .map(|(y, docs)| (Filter::Year(y), docs.len())),
            );
        for (filter, count) in filters {
            let first = documents::list_path(site, filter);
            self.listing(&first, count, "documents", |page| Spec::Documents {
                filter,
                page,
            });
        }
    }

    /// The files every site has: its feed, the search page and index, 404, sitemap, robots.
    fn site_files(&mut self, extras: &Extras<'_>) {
        let config = &self.site.config;
        let search = extras.search;
        let feed = |format| Spec::Feed {
            scope: None,
            format,
        };
        let fixed = [
            ("/feed.xml", "(site feed)", feed(FeedFormat::Atom)),
            ("/feed.json", "(site feed)", feed(FeedFormat::Json)),
            (
                "/tim-kiem/",
                "(search page)",
                Spec::Search {
                    manifest: search.manifest.clone(),
                    script: extras.search_script.clone(),
                },
            ),
            ("/404.html", "(not found page)", Spec::NotFound),
            ("/sitemap.xml", "(sitemap)", Spec::Sitemap),
            ("/robots.txt", "(robots.txt)", Spec::Robots),
        ];
        for (path, origin, spec) in fixed {
            self.page(config.site_path(path), origin, spec);
        }
        for (file, (rel, _)) in search.files.iter().enumerate() {
            self.page(
                config.site_path(&format!("{}{rel}", crate::search::INDEX_PATH)),
                "(search index)",
                Spec::SearchIndex { file },
            );
        }
    }
}

/// Origin of the web servers' redirect rules among the routes: they name every article's
/// address, so the dev server makes them again after an in-place edit.
pub(crate) const REDIRECT_RULES: &str = "(redirect rules)";

/// The files made whole from the model when planning (`Spec::File`): the redirect rules for
/// web servers (nginx, Apache, IIS) and the browser editor's page and configuration.
pub(crate) fn generated_files(site: &Site, theme_static: &[(String, AssetSource)]) -> Vec<Route> {
    let rules = crate::redirects::files(&crate::redirects::all(site))
        .into_iter()
        .map(|(output, text)| (output, REDIRECT_RULES, text.into_bytes().into()));
    let cms = crate::cms::files(site, theme_static)
        .into_iter()
        .map(|(output, bytes)| (output, "(site.yaml cms:)", bytes));
    rules
        .chain(cms)
        .map(|(output, origin, bytes)| Route {
            url_path: site.config.site_path(&format!("/{output}")),
            output,
            origin: PathBuf::from(origin),
            spec: Spec::File { bytes },
        })
        .collect()
}

/// Where each content file is published: beside its bundle's page, or at its own path.
/// Files of a bundle whose article is held back (`held`: their sources) wait with it, and
/// so do the photos outside bundles that only held-back articles use (`private`).
/// Before the model: the images stage finds photos by these places.
pub(crate) fn content_assets(
    published: &[&Article],
    held: &[&Path],
    private: &HashSet<String>,
    base: &str,
    assets: &[AssetFile],
) -> Vec<AssetRoute> {
    let bundle_dir = |source: &Path| {
        (source.file_name()? == "index.md")
            .then(|| source.parent())
            .flatten()
            .map(Path::to_path_buf)
    };
    let attached = attachment_outputs(published.iter().copied(), base);
    let published: HashMap<PathBuf, &Article> = published
        .iter()
        .filter_map(|&a| Some((bundle_dir(&a.source)?, a)))
        .collect();
    let held: HashSet<PathBuf> = held.iter().filter_map(|h| bundle_dir(h)).collect();
    let mut routes = Vec::with_capacity(assets.len());
    'assets: for asset in assets {
        let rel = &asset.rel_path;
        if let Some(outputs) = attached.get(rel.as_path()) {
            routes.extend(outputs.iter().map(|output| AssetRoute {
                output: output.clone(),
                origin: rel.clone(),
                source: AssetSource::Disk(asset.abs_path.clone()),
            }));
            continue;
        }
        let mut output = rel
            .strip_prefix("content")
            .unwrap_or(rel)
            .to_string_lossy()
            .replace('\\', "/");
        let rel_output = output.clone();
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
        let outside_bundles = output == rel_output;
        if outside_bundles && private.contains(&crate::vietnamese::nfc(&output)) {
            continue;
        }
        routes.push(AssetRoute {
            output,
            origin: rel.clone(),
            source: AssetSource::Disk(asset.abs_path.clone()),
        });
    }
    routes
}

/// Where the files attached to documents outside bundles are published: beside the
/// document's page, by their source (a bundle's files are beside its page already).
fn attachment_outputs<'a>(
    published: impl Iterator<Item = &'a Article>,
    base: &str,
) -> HashMap<&'a Path, Vec<String>> {
    let mut outputs: HashMap<&Path, Vec<String>> = HashMap::new();
    for article in published {
        let bundle = article
            .source
            .parent()
            .filter(|_| article.is_bundle)
            .unwrap_or(Path::new("\0"));
        let files = article.document.iter().flat_map(|d| &d.files);
        for file in files.filter(|f| !f.source.starts_with(bundle)) {
            let output = output_for(&file.url, base);
            outputs
                .entry(file.source.as_path())
                .or_default()
                .push(output);
        }
    }
    outputs
}

/// Every output path claimed by two sources, as errors naming both.
pub(crate) fn collisions(plan: &Plan) -> Vec<Diagnostic> {
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
                    tr!(
                        "plan-duplicate",
                        address = format!("/{output}"),
                        file = first.display().to_string()
                    ),
                )
                .with_help(tr!("plan-duplicate-help")),
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
