//! Rendering: every route of the plan to bytes, in parallel. Pages go through the theme's
//! Tera templates; feeds, the sitemap and robots.txt are written here as XML and text.

use crate::content::Article;
use crate::context::{self, Shared};
use crate::error::Diagnostic;
use crate::plan::{self, FeedFormat, Plan, Route, Spec};
use crate::site::{Site, TaxonomyKind, Term};
use crate::theme::{self, Theme};
use chrono::DateTime;
use chrono_tz::Tz;
use rayon::prelude::*;
use serde_json::Value;
use std::fmt::Write;
use std::sync::{Mutex, PoisonError};

/// How many entries a feed holds.
const FEED_ENTRIES: usize = 20;

/// One rendered output file.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Relative to the output folder.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Renders every route of the plan, calling `tick` once per route rendered (for progress).
pub(crate) fn render_all_with(
    site: &Site,
    plan: &Plan,
    theme: &Theme,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<Output>, Vec<Diagnostic>> {
    render_each(site, plan, theme, &|output| {
        tick();
        Ok(output)
    })
}

/// Renders every route of the plan in parallel, handing each output to `emit` as soon as it
/// is rendered, and collects what `emit` returns. A build's `emit` writes the page and keeps
/// nothing, so the rendered site never has to sit in memory whole.
pub(crate) fn render_each<T: Send>(
    site: &Site,
    plan: &Plan,
    theme: &Theme,
    emit: &(dyn Fn(Output) -> Result<T, Diagnostic> + Sync),
) -> Result<Vec<T>, Vec<Diagnostic>> {
    let mut shared = context::shared(site, &theme.strings);
    let base = base_context(&shared);
    // Pages borrow the summaries from the lender (feeds do not read them).
    let lender = Lender::new(site, std::mem::take(&mut shared.summaries));
    // Each worker keeps one context holding the globals and swaps only the page's own
    // values in and out: cloning the globals for every page was a large part of the render.
    let results: Vec<Result<T, Diagnostic>> = plan
        .routes
        .par_iter()
        // The search stage made the index's files.
        .filter(|route| !matches!(route.spec, Spec::SearchIndex { .. }))
        .map_init(
            || base.clone(),
            |ctx, route| {
                let taken = std::cell::RefCell::new(Vec::new());
                let own = route.spec.template().map(|_| {
                    context::page_context_with(site, &shared, route, &|i| {
                        taken.borrow_mut().push(i);
                        lender.lend(i)
                    })
                });
                let mut taken = taken.into_inner();
                let mut give_back = |key: &str, value: Value| {
                    lender.give_back(&mut taken, key, value);
                };
                render_route_returning(site, plan, &shared, ctx, theme, route, own, &mut give_back)
                    .and_then(emit)
            },
        )
        .collect();
    let mut kept = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(o) => kept.push(o),
            Err(d) => {
                // One broken template breaks every page using it: say it once.
                if !errors
                    .iter()
                    .any(|e: &Diagnostic| e.path == d.path && e.message == d.message)
                {
                    errors.push(d);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(kept)
    } else {
        Err(errors)
    }
}

/// The article summaries of one build, lent to the page being rendered and given back after
/// it: an article page shows a dozen (itself, its neighbours, "Bài liên quan"), and copying
/// each for every page was a tenth of a build. A summary lent at the moment (to another
/// worker's page, or twice to one page) is made again. One copy of each, no more: a second
/// would cost 70 MB at 10,000 articles.
struct Lender<'a> {
    site: &'a Site,
    idle: Vec<Mutex<Option<Value>>>,
}

impl<'a> Lender<'a> {
    fn new(site: &'a Site, summaries: Vec<Value>) -> Self {
        Lender {
            site,
            idle: summaries.into_iter().map(|s| Mutex::new(Some(s))).collect(),
        }
    }

    fn slot(&self, i: usize) -> std::sync::MutexGuard<'_, Option<Value>> {
        self.idle[i].lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Summary `i`, to keep until it is given back.
    fn lend(&self, i: usize) -> Value {
        let lent = self.slot(i).take();
        lent.unwrap_or_else(|| context::summary(self.site, &self.site.articles[i]))
    }

    /// Takes back the summaries in a page's variable `key` (its `value`), once the page is
    /// rendered; `taken` holds the indices lent to the page and not yet given back.
    fn give_back(&self, taken: &mut Vec<usize>, key: &str, value: Value) {
        match (key, value) {
            ("related" | "articles" | "featured", Value::Array(items)) => {
                for item in items {
                    self.give_back_one(taken, item);
                }
            }
            ("article", Value::Object(mut article)) => {
                for body in context::BODY_KEYS {
                    article.remove(body);
                }
                self.give_back_one(taken, Value::Object(article));
            }
            ("prev_article" | "next_article", summary) => {
                self.give_back_one(taken, summary);
            }
            _ => {}
        }
    }

    /// Puts `summary` back in its slot if it is one of `taken` (a static page's `article`
    /// is not).
    fn give_back_one(&self, taken: &mut Vec<usize>, summary: Value) {
        let Some(url) = summary.get("url").and_then(Value::as_str) else {
            return;
        };
        let articles = &self.site.articles;
        if let Some(at) = taken.iter().position(|&i| articles[i].path == url) {
            let mut slot = self.slot(taken.swap_remove(at));
            if slot.is_none() {
                *slot = Some(summary);
            }
        }
    }
}

/// The template variables every page shares, as a Tera context.
pub(crate) fn base_context(shared: &Shared) -> tera::Context {
    let mut base = tera::Context::new();
    for (key, value) in &shared.globals {
        base.insert(key.as_str(), value);
    }
    base
}

/// Renders one route whose page context (`own`, for template routes) is already built.
/// `globals` holds the shared variables (and `latest_html`, drawn at its first page); the
/// page's own are added and removed again.
pub(crate) fn render_route_with(
    site: &Site,
    plan: &Plan,
    shared: &Shared,
    globals: &mut tera::Context,
    theme: &Theme,
    route: &Route,
    own: Option<Value>,
) -> Result<Output, Diagnostic> {
    render_route_returning(
        site,
        plan,
        shared,
        globals,
        theme,
        route,
        own,
        &mut |_, _| {},
    )
}

/// `render_route_with`, handing each of the page's own variables to `returned` once the page
/// is rendered (by name), instead of dropping them.
#[allow(clippy::too_many_arguments)]
fn render_route_returning(
    site: &Site,
    plan: &Plan,
    shared: &Shared,
    globals: &mut tera::Context,
    theme: &Theme,
    route: &Route,
    own: Option<Value>,
    returned: &mut dyn FnMut(&str, Value),
) -> Result<Output, Diagnostic> {
    let bytes = match (&route.spec, route.spec.template()) {
        (_, Some(template)) => {
            if !globals.contains_key(LATEST_HTML) {
                let html = latest_html(theme, globals, route)?;
                globals.insert(LATEST_HTML, &html);
            }
            let own = own.unwrap_or(Value::Null);
            let keys: Vec<String> = match &own {
                Value::Object(map) => map
                    .keys()
                    .filter(|k| !shared.globals.contains_key(*k))
                    .cloned()
                    .collect(),
                _ => Vec::new(),
            };
            globals.extend(tera::Context::from_value(own).unwrap_or_default());
            // Bytes, not `render`'s String: that would check the whole page is UTF-8 again.
            let mut bytes = Vec::with_capacity(32 * 1024);
            let rendered = theme.tera.render_to(template, globals, &mut bytes);
            for key in &keys {
                if let Some(value) = globals.remove(key) {
                    returned(key, value);
                }
            }
            rendered.map_err(|e| page_error(theme, route, &e))?;
            bytes
        }
        (Spec::Feed { scope, format }, None) => match format {
            FeedFormat::Atom => feed(site, shared, route, *scope).into_bytes(),
            FeedFormat::Json => json_feed(site, shared, route, *scope),
        },
        (Spec::Sitemap, None) => sitemap(site, plan).into_bytes(),
        (Spec::File { bytes }, _) => bytes.to_vec(),
        (Spec::SearchIndex { .. }, _) => {
            return Err(Diagnostic::new(
                &route.origin,
                crate::tr!("render-search-index"),
            ))
        }
        _ => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.config.absolute(&site.config.site_path("/sitemap.xml"))
        )
        .into_bytes(),
    };
    Ok(Output {
        path: route.output.clone(),
        bytes,
    })
}

/// The variable holding "Tin mới nhất" as HTML, and the template drawing it.
const LATEST_HTML: &str = "latest_html";
const LATEST_TEMPLATE: &str = "latest.html";

/// "Tin mới nhất" drawn once by the theme's `latest.html` from the shared `globals` (its
/// ten headlines on every page were a fifth of the template work), or nothing when the
/// theme has no such template.
fn latest_html(
    theme: &Theme,
    globals: &tera::Context,
    route: &Route,
) -> Result<String, Diagnostic> {
    if !theme.tera.templates.contains_key(LATEST_TEMPLATE) {
        return Ok(String::new());
    }
    theme
        .tera
        .render(LATEST_TEMPLATE, globals)
        .map_err(|e| page_error(theme, route, &e))
}

/// A template error met while rendering `route`'s page.
fn page_error(theme: &Theme, route: &Route, e: &tera::Error) -> Diagnostic {
    let mut d = theme::template_error(e, &theme.template_origins);
    d.message = crate::tr!(
        "render-while",
        message = d.message.as_str(),
        page = route.origin.display().to_string()
    );
    d
}

/// The articles a feed lists, by index in `Site::articles`, newest first.
pub(crate) fn feed_indices(site: &Site, scope: Option<(TaxonomyKind, usize)>) -> Vec<usize> {
    match scope {
        None => (0..site.articles.len()).take(FEED_ENTRIES).collect(),
        Some((kind, term_index)) => site.taxonomy(kind).terms[term_index]
            .articles
            .iter()
            .take(FEED_ENTRIES)
            .copied()
            .collect(),
    }
}

/// Escapes text for XML content and attributes.
pub(crate) fn xml_escape(text: &str) -> String {
    crate::escape::xml(text)
}

fn feed(
    site: &Site,
    shared: &Shared,
    route: &Route,
    scope: Option<(TaxonomyKind, usize)>,
) -> String {
    let indices = feed_indices(site, scope);
    let mut xml = String::with_capacity(4096 + entries_size(site, &indices));
    feed_head(&mut xml, site, route, scope, &indices);
    let label = corrections_label(shared);
    for &i in &indices {
        feed_entry(&mut xml, site, &site.articles[i], label);
    }
    xml.push_str("</feed>\n");
    xml
}

/// Room for a feed's entries: their bodies, a quarter more for escapes (every tag grows by
/// a few bytes), and the rest of each entry. Made at once, not by copies as the feed grows.
fn entries_size(site: &Site, indices: &[usize]) -> usize {
    let bodies: usize = indices
        .iter()
        .map(|&i| site.articles[i].content.len())
        .sum();
    bodies + bodies / 4 + indices.len() * 2048
}

/// When an article last changed: its `updated`, but never before its `date`.
fn last_change(a: &Article) -> DateTime<Tz> {
    a.updated.map_or(a.date.when, |u| u.when.max(a.date.when))
}

/// A feed's title and the site path of the page it follows (the home page, or the term's).
fn feed_page(site: &Site, scope: Option<(TaxonomyKind, usize)>) -> (String, String) {
    let config = &site.config;
    match scope {
        None => (config.title.clone(), config.base_path.clone()),
        Some((kind, term_index)) => {
            let term = &site.taxonomy(kind).terms[term_index];
            (
                format!("{} - {}", term.name, config.title),
                crate::plan::term_path(site, kind, &term.slug),
            )
        }
    }
}

/// The heading of an entry's corrections, from the theme's words.
fn corrections_label(shared: &Shared) -> &str {
    shared.globals["t"]["corrections"]
        .as_str()
        .unwrap_or("Đính chính")
}

/// A JSON Feed 1.1 (<https://jsonfeed.org/version/1.1>) of the same entries as the Atom
/// feed beside it, written straight as text: building a `Value` for each entry first cost
/// more than writing it. Keys in sorted order, as `serde_json` writes an object.
fn json_feed(
    site: &Site,
    shared: &Shared,
    route: &Route,
    scope: Option<(TaxonomyKind, usize)>,
) -> Vec<u8> {
    let config = &site.config;
    let (title, page_path) = feed_page(site, scope);
    let label = corrections_label(shared);
    let indices = feed_indices(site, scope);
    let mut json = String::with_capacity(4096 + entries_size(site, &indices));
    let string = |json: &mut String, key: &str, value: &str| {
        json.push_str(key);
        crate::escape::json_string(json, value);
    };
    string(
        &mut json,
        "{\"authors\":[{\"name\":",
        context::publisher_name(config),
    );
    string(&mut json, ",\"url\":", &config.base_url);
    json.push_str("}]");
    if !config.description.is_empty() {
        string(&mut json, ",\"description\":", &config.description);
    }
    string(
        &mut json,
        ",\"feed_url\":",
        &config.absolute(&route.url_path),
    );
    string(
        &mut json,
        ",\"home_page_url\":",
        &config.absolute(&page_path),
    );
    string(&mut json, ",\"icon\":", &context::logo_url(config));
    json.push_str(",\"items\":[");
    for (n, &i) in indices.iter().enumerate() {
        if n > 0 {
            json.push(',');
        }
        json_item(&mut json, site, &site.articles[i], label);
    }
    json.push(']');
    string(&mut json, ",\"language\":", &config.language);
    string(&mut json, ",\"title\":", &title);
    string(
        &mut json,
        ",\"version\":",
        "https://jsonfeed.org/version/1.1",
    );
    json.push_str("}\n");
    json.into_bytes()
}

/// One item of a JSON Feed, its keys in sorted order.
fn json_item(json: &mut String, site: &Site, a: &Article, label: &str) {
    use crate::escape::json_string;
    let config = &site.config;
    let permalink = config.absolute(&a.path);
    json.push('{');
    let authors = feed_terms(site, TaxonomyKind::Authors, a);
    if !authors.is_empty() {
        json.push_str("\"authors\":[");
        for (n, author) in authors.iter().enumerate() {
            json.push_str(if n > 0 { ",{\"name\":" } else { "{\"name\":" });
            json_string(json, &author.name);
            json.push_str(",\"url\":");
            json_string(
                json,
                &config.absolute(&plan::term_path(site, TaxonomyKind::Authors, &author.slug)),
            );
            json.push('}');
        }
        json.push_str("],");
    }
    json.push_str("\"content_html\":\"");
    entry_content_into(json, a, label, crate::escape::json_string_inner);
    json.push_str("\",\"date_modified\":");
    json_string(json, &last_change(a).to_rfc3339());
    json.push_str(",\"date_published\":");
    json_string(json, &a.date.when.to_rfc3339());
    json.push_str(",\"id\":");
    json_string(json, &permalink);
    if let Some(image) = &a.image {
        let src = image.responsive.as_ref().map_or(&image.src, |r| &r.src);
        json.push_str(",\"image\":");
        if src.starts_with('/') && !src.starts_with("//") {
            json_string(json, &config.absolute(src));
        } else {
            json_string(json, src);
        }
    }
    if !a.summary.is_empty() {
        json.push_str(",\"summary\":");
        json_string(json, &a.summary);
    }
    let mut tags: Vec<&str> = Vec::new();
    for kind in [TaxonomyKind::Categories, TaxonomyKind::Tags] {
        for term in feed_terms(site, kind, a) {
            if !tags.contains(&term.name.as_str()) {
                tags.push(&term.name);
            }
        }
    }
    if !tags.is_empty() {
        json.push_str(",\"tags\":[");
        for (n, tag) in tags.iter().enumerate() {
            if n > 0 {
                json.push(',');
            }
            json_string(json, tag);
        }
        json.push(']');
    }
    json.push_str(",\"title\":");
    json_string(json, &a.title);
    json.push_str(",\"url\":");
    json_string(json, &permalink);
    json.push('}');
}

/// The feed's own elements, before its entries.
fn feed_head(
    xml: &mut String,
    site: &Site,
    route: &Route,
    scope: Option<(TaxonomyKind, usize)>,
    indices: &[usize],
) {
    let config = &site.config;
    let (title, page_path) = feed_page(site, scope);
    let feed_updated = indices
        .iter()
        .map(|&i| last_change(&site.articles[i]))
        .max()
        .map_or_else(
            || "1970-01-01T00:00:00+00:00".to_string(),
            |d| d.to_rfc3339(),
        );
    let author = context::publisher_name(config);
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<subtitle>{}</subtitle>\n<link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n<link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>\n<id>{}</id>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<generator>tuyenvan</generator>\n",
        xml_escape(&config.language),
        xml_escape(&title),
        xml_escape(&config.description),
        xml_escape(&config.absolute(&route.url_path)),
        xml_escape(&config.absolute(&page_path)),
        xml_escape(&config.absolute(&page_path)),
        feed_updated,
        xml_escape(author),
    );
}

/// An article's terms of `kind`, as its summary links them (`context::term_links`).
fn feed_terms<'s>(site: &'s Site, kind: TaxonomyKind, a: &Article) -> Vec<&'s Term> {
    let names = match kind {
        TaxonomyKind::Categories => &a.categories,
        TaxonomyKind::Authors => &a.authors,
        TaxonomyKind::Tags => &a.tags,
    };
    let taxonomy = site.taxonomy(kind);
    names
        .iter()
        .filter_map(|name| taxonomy.term_of(name))
        .collect()
}

/// One `<entry>`, written piece by piece into the feed (no copy of the body but the
/// escaped one).
fn feed_entry(xml: &mut String, site: &Site, a: &Article, label: &str) {
    use crate::escape::xml_into;
    let config = &site.config;
    let permalink = config.absolute(&a.path);
    xml.push_str("<entry>\n<title>");
    xml_into(xml, &a.title);
    xml.push_str("</title>\n<link href=\"");
    xml_into(xml, &permalink);
    xml.push_str("\" rel=\"alternate\" type=\"text/html\"/>\n<id>");
    xml_into(xml, &permalink);
    let _ = write!(
        xml,
        "</id>\n<published>{}</published>\n<updated>{}</updated>\n",
        a.date.when.to_rfc3339(),
        last_change(a).to_rfc3339(),
    );
    for author in feed_terms(site, TaxonomyKind::Authors, a) {
        let url = plan::term_path(site, TaxonomyKind::Authors, &author.slug);
        xml.push_str("<author><name>");
        xml_into(xml, &author.name);
        xml.push_str("</name><uri>");
        xml_into(xml, &config.absolute(&url));
        xml.push_str("</uri></author>\n");
    }
    for category in feed_terms(site, TaxonomyKind::Categories, a) {
        xml.push_str("<category term=\"");
        xml_into(xml, &category.slug);
        xml.push_str("\" label=\"");
        xml_into(xml, &category.name);
        xml.push_str("\"/>\n");
    }
    xml.push_str("<summary type=\"text\">");
    xml_into(xml, &a.summary);
    xml.push_str("</summary>\n<content type=\"html\" xml:base=\"");
    xml_into(xml, &permalink);
    xml.push_str("\">");
    entry_content_into(xml, a, label, xml_into);
    xml.push_str("</content>\n</entry>\n");
}

/// An entry's HTML, handed to `escape` piece by piece (escaping works byte by byte, so the
/// pieces escaped one by one are the whole escaped at once): its corrections under `label`
/// (a feed published the original, so it publishes the correction too), the featured photo
/// as a figure, then the body.
fn entry_content_into(out: &mut String, a: &Article, label: &str, escape: fn(&mut String, &str)) {
    let mut piece = String::new();
    if !a.corrections.is_empty() {
        let _ = write!(
            piece,
            "<aside><p><strong>{}</strong></p><ul>",
            xml_escape(label)
        );
        for c in &a.corrections {
            let _ = write!(
                piece,
                "<li><time datetime=\"{}\">{}</time>: {}</li>",
                c.date.when.to_rfc3339(),
                crate::vietnamese::display_date(&c.date.when, c.date.has_time),
                xml_escape(&c.text)
            );
        }
        piece.push_str("</ul></aside>");
    }
    if let Some(image) = &a.image {
        let _ = write!(
            piece,
            "<figure><img src=\"{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
            // The largest resized copy: lighter, and without the camera's metadata.
            xml_escape(image.responsive.as_ref().map_or(&image.src, |r| &r.src)),
            xml_escape(&image.alt),
            xml_escape(&image.caption)
        );
    }
    escape(out, &piece);
    escape(out, &a.content);
}

fn sitemap(site: &Site, plan: &Plan) -> String {
    let config = &site.config;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let lastmod = |i: usize| {
        let a = &site.articles[i];
        a.updated.unwrap_or(a.date).when.to_rfc3339()
    };
    for route in &plan.routes {
        let modified = match &route.spec {
            Spec::Home { page } => site
                .articles
                .get((page - 1) * config.paginate)
                .map(|_| lastmod((page - 1) * config.paginate)),
            Spec::Article { index } => Some(lastmod(*index)),
            Spec::StaticPage { index } => {
                let p = &site.pages[*index];
                Some(p.updated.unwrap_or(p.date).when.to_rfc3339())
            }
            Spec::TaxonomyTerm { kind, term, page } => site.taxonomy(*kind).terms[*term]
                .articles
                .get((page - 1) * config.paginate)
                .map(|&i| lastmod(i)),
            Spec::Document { index } => Some(site.documents[*index].date.when.to_rfc3339()),
            Spec::TaxonomyList { .. } | Spec::Search { .. } | Spec::Documents { .. } => None,
            _ => continue,
        };
        let _ = write!(
            xml,
            "<url><loc>{}</loc>",
            xml_escape(&config.absolute(&route.url_path))
        );
        if let Some(date) = modified {
            let _ = write!(xml, "<lastmod>{date}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::path::Path;

    fn site() -> Site {
        let config = crate::config::parse(
            "title: T\nbase_url: https://x.vn/\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap();
        let article = |name: &str, front: &str| {
            crate::content::parse_article(
                Path::new(&format!("content/{name}.md")),
                &format!("---\ntitle: {name}\n{front}\n---\nThân.\n"),
                &config,
            )
            .unwrap()
        };
        let articles = vec![
            article("mot", "date: 2023-01-01\ncategory: A\ntags: [x, y]"),
            article(
                "hai",
                "date: 2023-01-02\ncategory: A\ntags: [x]\nauthor: Hà",
            ),
            article("ba", "date: 2023-01-03\ntags: [y]"),
        ];
        let now = chrono::Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        crate::site::build(
            config.clone(),
            articles,
            crate::site::Visibility::default(),
            now,
        )
        .unwrap()
    }

    #[test]
    fn lent_summaries_come_back_as_they_were() {
        let site = site();
        let summaries: Vec<Value> = site
            .articles
            .iter()
            .map(|a| context::summary(&site, a))
            .collect();
        let lender = Lender::new(&site, summaries.clone());
        let (first, second) = (lender.lend(0), lender.lend(1));
        // Lent twice at once: the second is made again, equal to the first.
        let again = lender.lend(1);
        assert_eq!((&first, &again), (&summaries[0], &summaries[1]));
        assert_eq!(*lender.slot(1), None);
        let mut taken = vec![0, 1, 1];
        let mut article = first;
        for key in context::BODY_KEYS {
            article[key] = "thân".into();
        }
        lender.give_back(&mut taken, "article", article);
        lender.give_back(&mut taken, "related", Value::Array(vec![second, again]));
        // Not lent: dropped, nothing given back in its place.
        lender.give_back(&mut taken, "prev_article", summaries[2].clone());
        assert!(taken.is_empty());
        for (i, summary) in summaries.iter().enumerate() {
            assert_eq!(lender.slot(i).as_ref(), Some(summary), "summary {i}");
        }
    }

    #[test]
    fn feeds_link_the_terms_their_summaries_have() {
        let site = site();
        for a in &site.articles {
            let summary = context::summary(&site, a);
            for (kind, key) in [
                (TaxonomyKind::Categories, "categories"),
                (TaxonomyKind::Authors, "authors"),
                (TaxonomyKind::Tags, "tags"),
            ] {
                let links: Vec<(&str, &str, String)> = feed_terms(&site, kind, a)
                    .into_iter()
                    .map(|t| (&*t.name, &*t.slug, plan::term_path(&site, kind, &t.slug)))
                    .collect();
                let expected: Vec<(&str, &str, String)> = summary[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| {
                        let field = |f: &str| l[f].as_str().unwrap();
                        (field("name"), field("slug"), field("url").to_string())
                    })
                    .collect();
                assert!(!expected.is_empty() || key != "tags", "{key}");
                assert_eq!(links, expected, "{key}");
            }
        }
    }
    #[test]
    fn xml_escape_escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(
            super::xml_escape("Việt <b> & \"c\" 'd'\u{1}\u{1f}\n\t\r/e"),
            "Việt &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\n\t\r/e"
        );
        assert_eq!(super::xml_escape(""), "");
        assert_eq!(super::xml_escape("Đảng"), "Đảng");
    }
}
