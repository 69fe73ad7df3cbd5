//! Route keys: a hash of everything a route's output depends on (template and the templates
//! it uses, shared globals, its own context), so an unchanged key means unchanged bytes.

use crate::content::Article;
use crate::context::{self, Shared};
use crate::plan::{Route, Spec};
use crate::render;
use crate::search::SearchFiles;
use crate::site::Site;
use crate::theme::Theme;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io;

/// Feeds written bytes to a hasher, so JSON is hashed without building a string.
struct HashWriter<'a>(&'a mut DefaultHasher);

impl io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn add_json(h: &mut DefaultHasher, value: &Value) {
    // Buffered: serde_json writes token by token, and each hasher call has a cost.
    let mut writer = io::BufWriter::with_capacity(16 * 1024, HashWriter(h));
    // Writing to a hasher cannot fail; a value that cannot serialize only hashes shorter.
    let _ = serde_json::to_writer(&mut writer, value);
    let _ = io::Write::flush(&mut writer);
}

/// Feeds formatted text to a hasher, for values that are `Debug` but not `Hash`.
struct FmtHasher<'a>(&'a mut DefaultHasher);

impl fmt::Write for FmtHasher<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

fn add_debug(h: &mut DefaultHasher, value: &impl fmt::Debug) {
    // Writing to a hasher cannot fail.
    let _ = fmt::Write::write_fmt(&mut FmtHasher(h), format_args!("{value:?}"));
}

/// Every field of an article: named one by one, so that a field added to `Article` does
/// not compile until it is keyed too. The bodies are hashed as they are (their `Debug`
/// would escape every character).
fn add_article(h: &mut DefaultHasher, article: &Article) {
    let Article {
        source,
        is_bundle,
        kind,
        title,
        slug,
        date,
        updated,
        corrections,
        authors,
        categories,
        tags,
        summary,
        image,
        source_name,
        aliases,
        documents,
        document,
        draft,
        featured,
        extra,
        content,
        plain_text,
        word_count,
        path,
        links,
        images,
    } = article;
    content.hash(h);
    plain_text.hash(h);
    add_debug(
        h,
        &(
            source,
            is_bundle,
            kind,
            title,
            slug,
            date,
            updated,
            corrections,
            authors,
            categories,
        ),
    );
    add_debug(
        h,
        &(
            tags,
            summary,
            image,
            source_name,
            aliases,
            draft,
            featured,
            extra,
        ),
    );
    add_debug(h, &(word_count, path, links, images, documents, document));
}

/// Hash of a JSON value.
pub fn hash_json(value: &Value) -> u64 {
    let mut h = DefaultHasher::new();
    add_json(&mut h, value);
    h.finish()
}

/// For each template, a hash of its own text and of every template it may use (parents,
/// imported macro files, and any template whose name it quotes, as includes do).
pub fn template_hashes(theme: &Theme) -> HashMap<String, u64> {
    let own: HashMap<&str, &str> = theme
        .template_sources
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_str()))
        .collect();
    theme
        .tera
        .templates
        .keys()
        .map(|name| {
            let mut used = vec![name.as_str()];
            let mut i = 0;
            while i < used.len() {
                for next in uses(theme, &own, used[i]) {
                    if !used.contains(&next) {
                        used.push(next);
                    }
                }
                i += 1;
            }
            used.sort_unstable();
            let mut h = DefaultHasher::new();
            for u in used {
                u.hash(&mut h);
                own.get(u).hash(&mut h);
            }
            (name.clone(), h.finish())
        })
        .collect()
}

/// The templates `name` uses directly.
fn uses<'a>(theme: &'a Theme, own: &HashMap<&str, &str>, name: &str) -> Vec<&'a str> {
    let Some(t) = theme.tera.templates.get(name) else {
        return Vec::new();
    };
    let text = own.get(name).copied().unwrap_or_default();
    theme
        .tera
        .templates
        .keys()
        .map(String::as_str)
        .filter(|other| {
            t.parents.iter().any(|p| p == other)
                || t.imported_macro_files.iter().any(|(f, _)| f == other)
                || text.contains(&format!("\"{other}\""))
                || text.contains(&format!("'{other}'"))
        })
        .collect()
}

/// What stays the same between routes of one build.
pub struct Frame<'a> {
    pub site: &'a Site,
    /// The search index the plan names.
    pub search: &'a SearchFiles,
    pub shared: &'a Shared,
    pub globals_hash: u64,
    pub template_hashes: &'a HashMap<String, u64>,
}

/// A route's key and, for template routes, the page context it was computed from (to render
/// with, when the key changed). `None` as key: always render (cheap whole-site files).
pub fn route_key(frame: &Frame<'_>, route: &Route) -> (Option<u64>, Option<Value>) {
    let mut h = DefaultHasher::new();
    route.output.hash(&mut h);
    if let Some(template) = route.spec.template() {
        let own = context::page_context(frame.site, frame.shared, route);
        template.hash(&mut h);
        frame.template_hashes.get(template).hash(&mut h);
        frame.globals_hash.hash(&mut h);
        add_json(&mut h, &own);
        return (Some(h.finish()), Some(own));
    }
    match &route.spec {
        Spec::Feed { scope, format } => {
            // A feed is written from the route, the whole configuration, its term, and each
            // entry's article and summary: hashed whole, not field by field, so that no value
            // a feed shows (the site's title, its language) can be left out of its key.
            route.url_path.hash(&mut h);
            format.hash(&mut h);
            // The theme's words, whole: a feed shows some (the heading of an entry's
            // corrections), and naming them one by one would miss the next one added.
            add_json(&mut h, &frame.shared.globals["t"]);
            let site = frame.site;
            add_debug(&mut h, &site.config);
            if let Some((kind, term)) = scope {
                add_debug(&mut h, &(kind.key(), &site.taxonomy(*kind).terms[*term]));
            }
            for i in render::feed_indices(site, *scope) {
                add_json(&mut h, &frame.shared.summaries[i]);
                add_article(&mut h, &site.articles[i]);
            }
            (Some(h.finish()), None)
        }
        _ => (None, None),
    }
}
