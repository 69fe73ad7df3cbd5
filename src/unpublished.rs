//! Drafts and scheduled articles: the photos under `content/` (outside any bundle) that only
//! they use stay private, and `check`, which checks them too, says which articles they are.

use crate::config::Config;
use crate::content::{self, frontmatter, Article};
use crate::error::Diagnostic;
use crate::images;
use crate::site::{HeldBack, HeldReason};
use crate::vietnamese;
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// Output paths (NFC, under the output folder) of the photos only unpublished articles
/// (`held`) use. A photo the site itself names (its menu, `extra` such as the logo) stays
/// public.
pub(crate) fn private_photos(
    config: &Config,
    published: &[&Article],
    held: &[&Article],
) -> HashSet<String> {
    let base = &config.base_path;
    let outputs = |articles: &[&Article]| -> HashSet<String> {
        articles
            .iter()
            .flat_map(|a| photo_urls(a))
            .filter_map(|url| images::output_of(url, base))
            .collect()
    };
    let mut private = outputs(held);
    if private.is_empty() {
        return private;
    }
    for used in outputs(published) {
        private.remove(&used);
    }
    let mut named = Vec::new();
    strings_in(&config.extra, &mut named);
    named.extend(config.menu.iter().map(|m| m.url.as_str()));
    for url in named {
        let resolved = config.site_path(url);
        if let Some(output) = images::output_of(&resolved, base) {
            private.remove(&output);
        }
        private.remove(&vietnamese::nfc(url.trim_start_matches('/')));
    }
    private
}

/// The addresses of an article's featured image and body images, as resolved.
fn photo_urls(article: &Article) -> impl Iterator<Item = &str> {
    article
        .image
        .iter()
        .map(|i| i.src.as_str())
        .chain(article.images.iter().map(|i| i.resolved.as_str()))
}

fn strings_in<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings_in(v, out)),
        _ => {}
    }
}

/// The file at `rel_path` (its text made `source_text`) as a build at `now` holds it back,
/// if it does, from its front matter only (no body is rendered). `check` models every
/// article as published and uses this, while the file is parsed, to say which ones are not
/// public yet. `parsed`, the article the file parsed into, already holds its front matter;
/// only a document's or an unparsed file's front matter is read from the text.
pub fn held_file(
    rel_path: &Path,
    text: &str,
    parsed: Option<&Article>,
    config: &Config,
    now: DateTime<Utc>,
) -> Option<HeldBack> {
    let parsed = parsed.filter(|a| !content::document::is_document(&a.source));
    if let Some(article) = parsed {
        let (title, date) = (&article.title, &article.date);
        return held_back(rel_path, title, date, article.draft, now);
    }
    let split = frontmatter::split(text, rel_path).ok()?;
    let fm = frontmatter::parse(split.yaml, rel_path, config.timezone).ok()?;
    held_back(rel_path, &fm.title, &fm.date, fm.draft, now)
}

/// The file at `source` as a build at `now` holds it back, if it does.
fn held_back(
    source: &Path,
    title: &str,
    date: &content::ArticleDate,
    draft: bool,
    now: DateTime<Utc>,
) -> Option<HeldBack> {
    let reason = if draft {
        HeldReason::Draft
    } else if date.when.with_timezone(&Utc) > now {
        HeldReason::Scheduled
    } else {
        return None;
    };
    Some(HeldBack {
        source: source.to_path_buf(),
        title: title.to_string(),
        date: vietnamese::display_date(&date.when, date.has_time),
        reason,
        due: date.when.timestamp(),
    })
}

/// How `check` names an article that is not public yet: `bản nháp`, `hẹn giờ đăng <date>`.
pub fn state(held: &HeldBack) -> String {
    match held.reason {
        HeldReason::Draft => crate::tr!("state-draft"),
        HeldReason::Scheduled => crate::tr!("state-scheduled", date = held.date.to_string()),
    }
}

/// Marks each diagnostic about a held-back article with its state, so an editor knows the
/// mistake is in an article not yet public (and that it will be, or fail, on its day).
pub(crate) fn label(diagnostics: &mut [Diagnostic], held: &[HeldBack]) {
    let by_source: HashMap<&Path, &HeldBack> =
        held.iter().map(|h| (h.source.as_path(), h)).collect();
    for d in diagnostics {
        if let Some(h) = by_source.get(d.path.as_path()) {
            d.message = format!("({}) {}", state(h), d.message);
        }
    }
}
