//! The data each template sees, as JSON: the site-wide values every page shares, built once,
//! and the page's own values, built per route. The theme contract in docs/THEME.md is this.

use crate::content::{Article, ArticleDate, Image};
use crate::plan::{self, Route, Spec};
use crate::site::{Site, TaxonomyKind};
use crate::vietnamese;
use chrono::{Datelike, Timelike};
use rayon::prelude::*;
use serde_json::{json, Map, Value};

/// How many articles "Tin mới nhất" and "Tin khác" show.
const LATEST_COUNT: usize = 10;
pub(crate) const RELATED_COUNT: usize = 10;
pub(crate) const FEATURED_COUNT: usize = 5;

/// A JSON object built by moving its values in. `json!` would serialize each `Value` again,
/// a deep copy per field, on the path of every page.
fn object<const N: usize>(entries: [(&str, Value); N]) -> Value {
    Value::Object(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    )
}

/// Values computed once per build and shared by every page.
pub struct Shared {
    /// `site`, `latest`, `t` and `build`: the variables every template receives.
    pub globals: Map<String, Value>,
    /// Summary of each published article, by index in `Site::articles`.
    pub summaries: Vec<Value>,
    /// Summary of each static page, by index in `Site::pages`.
    pub page_summaries: Vec<Value>,
}

/// Builds the shared values; `strings` is the theme's `t` map.
pub(crate) fn shared(site: &Site, strings: &Value) -> Shared {
    shared_with(site, strings, &|_| None)
}

/// `shared`, taking an article's summary from `known` when it has it (the dev server's last
/// build, for an article and terms unchanged since).
pub(crate) fn shared_with(
    site: &Site,
    strings: &Value,
    known: &(dyn Fn(&Article) -> Option<Value> + Sync),
) -> Shared {
    let summaries: Vec<Value> = site
        .articles
        .par_iter()
        .map(|a| known(a).unwrap_or_else(|| summary(site, a)))
        .collect();
    let page_summaries = site.pages.iter().map(|a| summary(site, a)).collect();
    Shared {
        globals: globals(site, strings, &summaries),
        summaries,
        page_summaries,
    }
}

/// The variables every template receives, from the articles' summaries (newest first).
pub(crate) fn globals(site: &Site, strings: &Value, summaries: &[Value]) -> Map<String, Value> {
    let config = &site.config;
    let site_value = json!({
        "title": config.title,
        "description": config.description,
        "language": config.language,
        "base_url": config.base_url,
        "base_path": config.base_path,
        "menu": config.menu,
        "publisher": config.publisher,
        "publisher_name": publisher_name(config),
        "extra": config.extra,
        "feed_url": config.site_path("/feed.xml"),
        "json_feed_url": config.site_path("/feed.json"),
        "logo_url": logo_url(config),
        "home_url": config.base_path,
        "categories_url": plan::taxonomy_path(site, TaxonomyKind::Categories),
        "authors_url": plan::taxonomy_path(site, TaxonomyKind::Authors),
        "tags_url": plan::taxonomy_path(site, TaxonomyKind::Tags),
        "search_url": config.site_path("/tim-kiem/"),
    });
    let latest: Vec<Value> = summaries.iter().take(LATEST_COUNT).cloned().collect();
    let mut globals = Map::new();
    globals.insert("site".into(), site_value);
    globals.insert("latest".into(), Value::Array(latest));
    globals.insert("t".into(), strings.clone());
    globals.insert(
        "build".into(),
        json!({ "generator": concat!("tuyenvan ", env!("CARGO_PKG_VERSION")) }),
    );
    globals
}

/// Who publishes the site: `publisher.name`, else the site's title.
pub(crate) fn publisher_name(config: &crate::config::Config) -> &str {
    if config.publisher.name.trim().is_empty() {
        &config.title
    } else {
        &config.publisher.name
    }
}

/// Absolute URL of the publisher's logo (JSON-LD, JSON Feed): `extra.logo` when set, else
/// the theme's icon.
pub(crate) fn logo_url(config: &crate::config::Config) -> String {
    match config.extra.get("logo").and_then(Value::as_str) {
        Some(logo) if logo.starts_with("http://") || logo.starts_with("https://") => {
            logo.to_string()
        }
        Some(logo) if !logo.trim().is_empty() => {
            format!("{}{}", config.base_url, logo.trim_start_matches('/'))
        }
        _ => config.absolute(&config.site_path("/favicon.svg")),
    }
}

/// The JSON Feed beside an Atom feed (`…/feed.xml` -> `…/feed.json`).
pub(crate) fn json_feed_of(atom: &str) -> String {
    match atom.strip_suffix("feed.xml") {
        Some(folder) => format!("{folder}feed.json"),
        None => atom.to_string(),
    }
}

/// A date as templates see it.
pub(crate) fn date_value(date: &ArticleDate) -> Value {
    let when = date.when;
    json!({
        "iso": when.to_rfc3339(),
        "display": vietnamese::display_date(&when, date.has_time),
        "date": format!("{:02}/{:02}/{}", when.day(), when.month(), when.year()),
        "time": if date.has_time { format!("{:02}:{:02}", when.hour(), when.minute()) } else { String::new() },
        "has_time": date.has_time,
        "weekday": vietnamese::weekday_name(when.weekday()),
        "year": when.year(),
        "month": when.month(),
        "day": when.day(),
    })
}

/// An article's links to its terms of `kind` (`names`), as its summary has them.
pub(crate) fn term_links(site: &Site, kind: TaxonomyKind, names: &[String]) -> Value {
    let taxonomy = site.taxonomy(kind);
    let links: Vec<Value> = names
        .iter()
        .filter_map(|name| taxonomy.term_of(name))
        .map(|term| {
            let mut link = json!({
                "name": term.name,
                "slug": term.slug,
                "url": plan::term_path(site, kind, &term.slug),
            });
            if kind == TaxonomyKind::Authors {
                add_profile(site, &term.name, &mut link);
            }
            link
        })
        .collect();
    Value::Array(links)
}

fn add_profile(site: &Site, name: &str, value: &mut Value) {
    let profile = site
        .config
        .author_profile(name)
        .cloned()
        .unwrap_or_default();
    value["affiliation"] = Value::String(profile.affiliation);
    value["bio"] = Value::String(profile.bio);
}

/// What a list item, "Tin mới nhất" or "Tin khác" shows of an article.
pub(crate) fn summary(site: &Site, a: &Article) -> Value {
    object([
        ("title", a.title.as_str().into()),
        ("url", a.path.as_str().into()),
        ("permalink", site.config.absolute(&a.path).into()),
        ("date", date_value(&a.date)),
        (
            "updated",
            a.updated.as_ref().map_or(Value::Null, date_value),
        ),
        ("summary", a.summary.as_str().into()),
        ("image", a.image.as_ref().map_or(Value::Null, image_value)),
        (
            "categories",
            term_links(site, TaxonomyKind::Categories, &a.categories),
        ),
        (
            "authors",
            term_links(site, TaxonomyKind::Authors, &a.authors),
        ),
        ("tags", term_links(site, TaxonomyKind::Tags, &a.tags)),
        ("featured", a.featured.into()),
        ("source", a.source_name.as_str().into()),
        ("preview", preview_label(site, a)),
    ])
}

/// In `serve` only, what an unpublished article is: "Bản nháp", or "Hẹn giờ đăng" and its
/// date. Null in a build, whatever `--drafts` or `--future` published.
fn preview_label(site: &Site, a: &Article) -> Value {
    let Some(now) = site.preview_at else {
        return Value::Null;
    };
    if a.draft {
        "Bản nháp".into()
    } else if a.date.when.with_timezone(&chrono::Utc) > now {
        format!("Hẹn giờ đăng {}", a.date.when.format("%d/%m/%Y %H:%M")).into()
    } else {
        Value::Null
    }
}

/// A featured image as templates see it: the original, and its resized copies when it is a
/// local photo (`srcset` empty and `thumb` null otherwise).
fn image_value(i: &Image) -> Value {
    let r = i.responsive.as_ref();
    object([
        ("src", r.map_or(i.src.as_str(), |r| r.src.as_str()).into()),
        ("original", i.src.as_str().into()),
        ("alt", i.alt.as_str().into()),
        ("caption", i.caption.as_str().into()),
        ("width", r.map_or(Value::Null, |r| r.width.into())),
        ("height", r.map_or(Value::Null, |r| r.height.into())),
        ("srcset", r.map_or("", |r| r.srcset.as_str()).into()),
        (
            "webp_srcset",
            r.map_or("", |r| r.webp_srcset.as_str()).into(),
        ),
        ("sizes", crate::images::ARTICLE_SIZES.into()),
        (
            "thumb",
            r.map_or(Value::Null, |r| {
                json!({
                    "src": r.thumb.src,
                    "webp": r.thumb.webp,
                    "width": r.thumb.width,
                    "height": r.thumb.height,
                })
            }),
        ),
    ])
}

/// Address of the featured image for Open Graph: the largest copy, else the original.
fn shared_image(i: &Image) -> &str {
    i.responsive
        .as_ref()
        .map_or(i.src.as_str(), |r| r.src.as_str())
}

/// Absolute URLs of a featured image for structured data: each resized copy, largest
/// first, or the image as given when it has none.
fn image_urls(site: &Site, i: &Image) -> Value {
    let mut copies: Vec<&str> = i.responsive.as_ref().map_or_else(Vec::new, |r| {
        r.srcset
            .split(", ")
            .filter_map(|entry| entry.split_whitespace().next())
            .collect()
    });
    copies.reverse();
    let urls: Vec<Value> = if copies.is_empty() {
        vec![absolute_image(site, &i.src).into()]
    } else {
        copies
            .into_iter()
            .map(|src| absolute_image(site, src).into())
            .collect()
    };
    Value::Array(urls)
}

/// Absolute URL of an image address for Open Graph.
fn absolute_image(site: &Site, src: &str) -> String {
    if src.starts_with('/') && !src.starts_with("//") {
        site.config.absolute(src)
    } else {
        src.to_string()
    }
}

fn page_value(site: &Site, route: &Route, kind: &str, title: &str, description: &str) -> Value {
    json!({
        "kind": kind,
        "title": title,
        "description": description,
        "path": route.url_path,
        "permalink": site.config.absolute(&route.url_path),
        "image": Value::Null,
        "feed_url": Value::Null,
        "json_feed_url": Value::Null,
    })
}

/// The pager of page `current` of a listing, or null for a one-page listing.
pub(crate) fn pager(first: &str, current: usize, total: usize) -> Value {
    if total <= 1 {
        return Value::Null;
    }
    let url = |n: usize| Value::String(plan::listing_page_path(first, n));
    let mut pages = Vec::new();
    let (mut low, mut high) = (current.saturating_sub(2).max(1), (current + 2).min(total));
    // Keep the window five wide near the ends.
    while high - low < 4 && (low > 1 || high < total) {
        if low > 1 {
            low -= 1;
        } else {
            high += 1;
        }
    }
    if low > 1 {
        pages.push(json!({"number": 1, "url": url(1), "current": false}));
        if low > 2 {
            pages.push(json!({"ellipsis": true}));
        }
    }
    for n in low..=high {
        pages.push(json!({"number": n, "url": url(n), "current": n == current}));
    }
    if high < total {
        if high < total - 1 {
            pages.push(json!({"ellipsis": true}));
        }
        pages.push(json!({"number": total, "url": url(total), "current": false}));
    }
    json!({
        "current": current,
        "total": total,
        "first": url(1),
        "last": url(total),
        "prev": if current > 1 { url(current - 1) } else { Value::Null },
        "next": if current < total { url(current + 1) } else { Value::Null },
        "pages": pages,
    })
}

fn page_slice(summary: &dyn Fn(usize) -> Value, indices: impl Iterator<Item = usize>) -> Value {
    Value::Array(indices.map(summary).collect())
}

/// The positions page `page` (1-based) of a listing of `count` items shows.
pub(crate) fn listing_window(count: usize, per_page: usize, page: usize) -> std::ops::Range<usize> {
    let start = ((page - 1) * per_page).min(count);
    start..(start + per_page).min(count)
}

fn string(strings: &Value, key: &str, fallback: &str) -> String {
    strings
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or(fallback)
        .to_string()
}

/// The page's own template variables (everything but the shared globals).
pub(crate) fn page_context(site: &Site, shared: &Shared, route: &Route) -> Value {
    page_context_with(site, shared, route, &|i| shared.summaries[i].clone())
}

/// `page_context`, taking each article summary it shows from `summary` (by index in
/// `Site::articles`): a build lends them instead of copying each for every page.
pub(crate) fn page_context_with(
    site: &Site,
    shared: &Shared,
    route: &Route,
    summary: &dyn Fn(usize) -> Value,
) -> Value {
    let strings = &shared.globals["t"];
    let config = &site.config;
    match &route.spec {
        Spec::Home { page } => home_context(site, shared, route, *page, summary),
        Spec::Article { index } => article_context(site, route, *index, summary),
        Spec::StaticPage { index } => static_page_context(site, shared, route, *index),
        Spec::TaxonomyList { kind } => taxonomy_list_context(site, shared, route, *kind),
        Spec::TaxonomyTerm { kind, term, page } => {
            term_context(site, shared, route, (*kind, *term, *page), summary)
        }
        Spec::Search { manifest, script } => {
            search_context(site, route, strings, manifest, script.as_deref())
        }
        Spec::NotFound => {
            let title = string(strings, "not_found_title", "Không tìm thấy trang");
            object([(
                "page",
                page_value(site, route, "404", &title, &config.description),
            )])
        }
        Spec::Documents { filter, page } => documents_context(site, route, strings, *filter, *page),
        Spec::Document { index } => document_context(site, route, *index, summary),
        Spec::Alias { target } => object([
            ("page", page_value(site, route, "alias", &config.title, "")),
            ("target", config.absolute(target).into()),
        ]),
        Spec::Feed { .. }
        | Spec::Sitemap
        | Spec::Robots
        | Spec::SearchIndex { .. }
        | Spec::File { .. } => Value::Null,
    }
}

fn home_context(
    site: &Site,
    shared: &Shared,
    route: &Route,
    page: usize,
    summary: &dyn Fn(usize) -> Value,
) -> Value {
    let strings = &shared.globals["t"];
    let config = &site.config;
    let total = plan::page_count(site.articles.len(), config.paginate);
    let window = listing_window(site.articles.len(), config.paginate, page);
    let featured: Vec<Value> = if page == 1 {
        site.articles
            .iter()
            .enumerate()
            .filter(|(_, a)| a.featured)
            .take(FEATURED_COUNT)
            .map(|(i, _)| summary(i))
            .collect()
    } else {
        Vec::new()
    };
    let title = if page == 1 {
        config.title.clone()
    } else {
        format!(
            "{} - {} {page}",
            config.title,
            string(strings, "page", "Trang")
        )
    };
    object([
        (
            "page",
            page_value(site, route, "home", &title, &config.description),
        ),
        ("featured", Value::Array(featured)),
        ("articles", page_slice(summary, window)),
        ("pager", pager(&config.base_path, page, total)),
    ])
}

fn static_page_context(site: &Site, shared: &Shared, route: &Route, index: usize) -> Value {
    let a = &site.pages[index];
    let mut article = shared.page_summaries[index].clone();
    add_body(&mut article, a);
    let mut page = page_value(site, route, "page", &a.title, &a.summary);
    page["image"] = a.image.as_ref().map_or(Value::Null, |i| {
        absolute_image(site, shared_image(i)).into()
    });
    object([
        ("page", page),
        ("article", article),
        ("related", Value::Array(Vec::new())),
        ("prev_article", Value::Null),
        ("next_article", Value::Null),
    ])
}

fn taxonomy_list_context(site: &Site, shared: &Shared, route: &Route, kind: TaxonomyKind) -> Value {
    let name = string(&shared.globals["t"], kind.key(), kind.key());
    let terms: Vec<Value> = site
        .taxonomy(kind)
        .terms
        .iter()
        .map(|t| term_value(site, kind, t))
        .collect();
    object([
        (
            "page",
            page_value(
                site,
                route,
                "taxonomy_list",
                &name,
                &site.config.description,
            ),
        ),
        ("taxonomy", taxonomy_value(site, kind, &name)),
        ("terms", Value::Array(terms)),
    ])
}

fn term_context(
    site: &Site,
    shared: &Shared,
    route: &Route,
    (kind, term, page): (TaxonomyKind, usize, usize),
    summary: &dyn Fn(usize) -> Value,
) -> Value {
    let strings = &shared.globals["t"];
    let t = &site.taxonomy(kind).terms[term];
    let name = string(strings, kind.key(), kind.key());
    let total = plan::page_count(t.articles.len(), site.config.paginate);
    let window = listing_window(t.articles.len(), site.config.paginate, page);
    let title = if page == 1 {
        t.name.clone()
    } else {
        format!("{} - {} {page}", t.name, string(strings, "page", "Trang"))
    };
    let term = term_value(site, kind, t);
    let mut page_val = page_value(
        site,
        route,
        "taxonomy_term",
        &title,
        &format!("{name}: {}", t.name),
    );
    page_val["feed_url"] = term["feed_url"].clone();
    page_val["json_feed_url"] = term["json_feed_url"].clone();
    object([
        ("page", page_val),
        ("taxonomy", taxonomy_value(site, kind, &name)),
        ("term", term),
        (
            "articles",
            page_slice(summary, t.articles[window].iter().copied()),
        ),
        (
            "pager",
            pager(&plan::term_path(site, kind, &t.slug), page, total),
        ),
    ])
}

fn search_context(
    site: &Site,
    route: &Route,
    strings: &Value,
    manifest: &str,
    script: Option<&str>,
) -> Value {
    let config = &site.config;
    let title = string(strings, "search", "Tìm kiếm");
    object([
        (
            "page",
            page_value(site, route, "search", &title, &config.description),
        ),
        (
            "search",
            json!({
                "index_url": config.site_path(crate::search::INDEX_PATH),
                "manifest": manifest,
                "script": script,
            }),
        ),
    ])
}

fn taxonomy_value(site: &Site, kind: TaxonomyKind, name: &str) -> Value {
    json!({"kind": kind.key(), "name": name, "url": plan::taxonomy_path(site, kind)})
}

fn term_value(site: &Site, kind: TaxonomyKind, term: &crate::site::Term) -> Value {
    let url = plan::term_path(site, kind, &term.slug);
    let (feed_url, json_feed_url) = if kind.has_feeds() {
        (
            Value::String(format!("{url}feed.xml")),
            Value::String(format!("{url}feed.json")),
        )
    } else {
        (Value::Null, Value::Null)
    };
    let mut value = json!({
        "name": term.name,
        "slug": term.slug,
        "url": url,
        "count": term.articles.len(),
        "feed_url": feed_url,
        "json_feed_url": json_feed_url,
    });
    if kind == TaxonomyKind::Authors {
        add_profile(site, &term.name, &mut value);
    }
    value
}

/// The keys `add_body` puts on a summary to make the page's `article`.
pub(crate) const BODY_KEYS: [&str; 6] = [
    "content",
    "image_caption",
    "extra",
    "corrections",
    "word_count",
    "reading_minutes",
];

fn add_body(value: &mut Value, a: &Article) {
    value["content"] = Value::String(a.content.to_string());
    value["image_caption"] = Value::String(
        a.image
            .as_ref()
            .map(|i| i.caption.clone())
            .unwrap_or_default(),
    );
    value["extra"] = a.extra.clone();
    value["corrections"] = a
        .corrections
        .iter()
        .map(|c| {
            object([
                ("date", date_value(&c.date)),
                ("text", c.text.as_str().into()),
            ])
        })
        .collect();
    value["word_count"] = a.word_count.into();
    value["reading_minutes"] = a.word_count.div_ceil(200).max(1).into();
}

/// How many of a tag's newest articles "Bài liên quan" weighs: bounds the work per page
/// when a tag holds thousands of articles.
pub(crate) const RELATED_WINDOW: usize = 200;

/// The articles "Bài liên quan" shows beside article `index`: those sharing the most tags
/// (among each tag's newest [`RELATED_WINDOW`]), newer first among equals, then the newest
/// others of its first category.
pub(crate) fn related(site: &Site, index: usize) -> Vec<usize> {
    let a = &site.articles[index];
    let mut tags: Vec<&crate::site::Term> =
        a.tags.iter().filter_map(|t| site.tags.term_of(t)).collect();
    tags.sort_by(|x, y| x.slug.cmp(&y.slug));
    tags.dedup_by(|x, y| x.slug == y.slug);
    // Each tag's window, end to end and sorted: an article shared by n tags appears n times
    // in a row. A sort of at most a thousand numbers, not a hash map per page.
    let mut seen: Vec<usize> = tags
        .iter()
        .flat_map(|term| term.articles.iter().take(RELATED_WINDOW).copied())
        .filter(|&j| j != index)
        .collect();
    seen.sort_unstable();
    let mut ranked: Vec<(usize, usize)> = Vec::with_capacity(seen.len());
    for j in seen {
        match ranked.last_mut() {
            Some((last, n)) if *last == j => *n += 1,
            _ => ranked.push((j, 1)),
        }
    }
    // More shared tags first; articles are newest first, so a lower index is newer.
    ranked.sort_by_key(|&(j, n)| (std::cmp::Reverse(n), j));
    let mut out: Vec<usize> = ranked.into_iter().map(|(j, _)| j).collect();
    out.truncate(RELATED_COUNT);
    let category = a
        .categories
        .first()
        .and_then(|c| site.categories.term_of(c));
    for &j in category.map_or(&[][..], |t| &t.articles[..]) {
        if out.len() >= RELATED_COUNT {
            break;
        }
        if j != index && !out.contains(&j) {
            out.push(j);
        }
    }
    out
}

fn article_context(
    site: &Site,
    route: &Route,
    index: usize,
    summary: &dyn Fn(usize) -> Value,
) -> Value {
    let a = &site.articles[index];
    let mut article = summary(index);
    add_body(&mut article, a);
    let related: Vec<Value> = related(site, index).into_iter().map(summary).collect();
    let mut page = page_value(site, route, "article", &a.title, &a.summary);
    page["image"] = a.image.as_ref().map_or(Value::Null, |i| {
        absolute_image(site, shared_image(i)).into()
    });
    page["images"] = a
        .image
        .as_ref()
        .map_or(Value::Null, |i| image_urls(site, i));
    page["feed_url"] = a
        .categories
        .first()
        .and_then(|c| site.categories.term_of(c))
        .map_or(Value::Null, |t| {
            Value::String(format!(
                "{}feed.xml",
                plan::term_path(site, TaxonomyKind::Categories, &t.slug)
            ))
        });
    page["json_feed_url"] = page["feed_url"]
        .as_str()
        .map_or(Value::Null, |atom| json_feed_of(atom).into());
    let older = (index + 1 < site.articles.len()).then(|| summary(index + 1));
    let newer = index.checked_sub(1).map(summary);
    let cited = crate::documents::cited(site, a);
    object([
        ("page", page),
        ("article", article),
        ("related", Value::Array(related)),
        ("prev_article", older.unwrap_or(Value::Null)),
        ("next_article", newer.unwrap_or(Value::Null)),
        (
            "documents",
            cited.into_iter().map(|i| document_value(site, i)).collect(),
        ),
    ])
}

/// A directive document as templates see it: its fields, its page and its files.
pub(crate) fn document_value(site: &Site, index: usize) -> Value {
    let doc = &site.documents[index];
    let Some(info) = &doc.document else {
        return Value::Null;
    };
    let types = crate::documents::types(site);
    let type_url = types
        .iter()
        .position(|g| g.slug == info.type_slug)
        .map_or(Value::Null, |t| {
            crate::documents::list_path(site, crate::documents::Filter::Type(t)).into()
        });
    let files: Vec<Value> = info
        .files
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "url": f.url,
                "size": f.size.map(crate::documents::size_text),
                "format": crate::documents::format_text(&f.name),
            })
        })
        .collect();
    object([
        ("number", info.number.as_str().into()),
        ("type", info.doc_type.as_str().into()),
        ("type_url", type_url),
        ("title", doc.title.as_str().into()),
        ("url", doc.path.as_str().into()),
        ("permalink", site.config.absolute(&doc.path).into()),
        ("summary", doc.summary.as_str().into()),
        ("issuer", info.issuer.as_str().into()),
        ("signer", info.signer.as_str().into()),
        ("date", date_value(&doc.date)),
        (
            "effective",
            info.effective.as_ref().map_or(Value::Null, date_value),
        ),
        ("files", Value::Array(files)),
        ("preview", preview_label(site, doc)),
    ])
}

/// A list of documents (all, of one type or of one year), with its filters and pager.
fn documents_context(
    site: &Site,
    route: &Route,
    strings: &Value,
    filter: crate::documents::Filter,
    page: usize,
) -> Value {
    use crate::documents::{self, Filter};
    let heading = string(strings, "documents", "Văn bản");
    let types = documents::types(site);
    let years = documents::years(site);
    let name = match filter {
        Filter::All => heading.clone(),
        Filter::Type(t) => types[t].name.clone(),
        Filter::Year(year) => format!(
            "{} {year}",
            string(strings, "documents_year", "Văn bản năm")
        ),
    };
    let shown = documents::filtered(site, filter);
    let total = plan::page_count(shown.len(), site.config.paginate);
    let window = listing_window(shown.len(), site.config.paginate, page);
    let title = if page == 1 {
        name.clone()
    } else {
        format!("{name} - {} {page}", string(strings, "page", "Trang"))
    };
    let option = |f: Filter, label: String, count: usize| {
        json!({
            "name": label,
            "url": documents::list_path(site, f),
            "count": count,
            "current": f == filter,
        })
    };
    let type_options: Vec<Value> = types
        .iter()
        .enumerate()
        .map(|(t, g)| option(Filter::Type(t), g.name.clone(), g.documents.len()))
        .collect();
    let year_options: Vec<Value> = years
        .iter()
        .map(|(y, docs)| option(Filter::Year(*y), y.to_string(), docs.len()))
        .collect();
    let description = format!("{name}: {}", site.config.title);
    object([
        (
            "page",
            page_value(site, route, "documents", &title, &description),
        ),
        ("heading", name.into()),
        (
            "filters",
            json!({
                "all": option(Filter::All, heading, site.documents.len()),
                "types": type_options,
                "years": year_options,
            }),
        ),
        (
            "documents",
            shown[window]
                .iter()
                .map(|&i| document_value(site, i))
                .collect(),
        ),
        (
            "pager",
            pager(&documents::list_path(site, filter), page, total),
        ),
    ])
}

/// A directive document's page: its fields, its text and the articles citing it.
fn document_context(
    site: &Site,
    route: &Route,
    index: usize,
    summary: &dyn Fn(usize) -> Value,
) -> Value {
    let doc = &site.documents[index];
    let mut document = document_value(site, index);
    document["content"] = Value::String(doc.content.to_string());
    let citing: Vec<Value> = crate::documents::citing(site, index)
        .iter()
        .map(|&i| summary(i))
        .collect();
    object([
        (
            "page",
            page_value(site, route, "document", &doc.title, &doc.summary),
        ),
        ("document", document),
        ("articles", Value::Array(citing)),
        (
            "documents_url",
            crate::documents::list_path(site, crate::documents::Filter::All).into(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &Value) -> Vec<String> {
        p["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                if x.get("ellipsis").is_some() {
                    "…".to_string()
                } else if x["current"] == true {
                    format!("[{}]", x["number"])
                } else {
                    x["number"].to_string()
                }
            })
            .collect()
    }

    #[test]
    fn pager_window_with_ellipses() {
        assert_eq!(pager("/", 1, 1), Value::Null);
        assert_eq!(numbers(&pager("/", 1, 3)), ["[1]", "2", "3"]);
        assert_eq!(
            numbers(&pager("/", 1, 10)),
            ["[1]", "2", "3", "4", "5", "…", "10"]
        );
        assert_eq!(
            numbers(&pager("/", 5, 10)),
            ["1", "…", "3", "4", "[5]", "6", "7", "…", "10"]
        );
        assert_eq!(
            numbers(&pager("/", 10, 10)),
            ["1", "…", "6", "7", "8", "9", "[10]"]
        );
        assert_eq!(
            numbers(&pager("/", 4, 10)),
            ["1", "2", "3", "[4]", "5", "6", "…", "10"]
        );
        let p = pager("/sub/", 2, 3);
        assert_eq!(p["prev"], "/sub/");
        assert_eq!(p["next"], "/sub/trang/3/");
        assert_eq!(p["first"], "/sub/");
        assert_eq!(p["last"], "/sub/trang/3/");
        assert_eq!(pager("/", 1, 3)["prev"], Value::Null);
    }
}
