//! A scheduled article is checked the day it is written, not the day it comes due: every
//! build models the site as it will be with the scheduled articles in, and refuses one
//! that would then fail (a missing or damaged photo, an address another file takes).

use crate::cache;
use crate::content::Article;
use crate::error::Diagnostic;
use crate::images::{self, Request};
use crate::load::AssetFile;
use crate::plan::{self, AssetSource};
use crate::search::SearchFiles;
use crate::site::{self, HeldReason, Site, Visibility};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The errors the scheduled articles held back from `site` would make on the day they are
/// published; each says which scheduled article it is about. Empty when there is none.
pub(crate) fn validate(
    site: &Site,
    assets: &[AssetFile],
    theme_static: &[(String, AssetSource)],
    root: &Path,
) -> Vec<Diagnostic> {
    let scheduled: HashMap<PathBuf, String> = site
        .held_back
        .iter()
        .filter(|h| h.reason == HeldReason::Scheduled)
        .map(|h| (h.source.clone(), h.date.clone()))
        .collect();
    if scheduled.is_empty() {
        return Vec::new();
    }
    let articles: Vec<Article> = site
        .articles
        .iter()
        .chain(&site.pages)
        .chain(&site.documents)
        .chain(
            site.unpublished
                .iter()
                .filter(|a| scheduled.contains_key(&a.source)),
        )
        .cloned()
        .collect();
    let all = Visibility {
        drafts: true,
        future: true,
    };
    let errors = match site::build(site.config.clone(), articles, all, chrono::Utc::now()) {
        Err(errors) => errors,
        Ok(future) => {
            let everything: Vec<&Article> = future
                .articles
                .iter()
                .chain(&future.pages)
                .chain(&future.documents)
                .collect();
            let base = &future.config.base_path;
            let content = plan::content_assets(&everything, &[], &HashSet::new(), base, assets);
            let mut errors = photo_errors(&future, &everything, &content, &scheduled, root);
            // The search index holds no file another source could claim: left out, it
            // costs nothing here.
            let search = SearchFiles::default();
            let extras = plan::Extras {
                content,
                theme_static,
                ..plan::Extras::bare(&search)
            };
            errors.extend(plan::collisions(&plan::plan(&future, extras)));
            errors
        }
    };
    errors
        .into_iter()
        .map(|d| labelled(d, &scheduled))
        .collect()
}

/// Missing, unsupported and damaged photos of the scheduled articles (headers only).
fn photo_errors(
    future: &Site,
    articles: &[&Article],
    content: &[plan::AssetRoute],
    scheduled: &HashMap<PathBuf, String>,
    root: &Path,
) -> Vec<Diagnostic> {
    let base = &future.config.base_path;
    let (requests, mut errors) = images::requests(articles, content, base, true);
    errors.retain(|d| scheduled.contains_key(&d.path));
    let theirs: Vec<Request> = requests
        .into_iter()
        .filter_map(|mut r| {
            r.uses.retain(|u| scheduled.contains_key(&u.article));
            (!r.uses.is_empty()).then_some(r)
        })
        .collect();
    let cache = images::process::cache_dir(&root.join(cache::CACHE_DIR));
    let results = images::batch::process_all(&theirs, &future.config.images, &cache, false, &|| {});
    for (request, result) in theirs.iter().zip(results) {
        if let Err(why) = result {
            errors.extend(images::batch::failure_diagnostics(request, &why));
        }
    }
    errors
}

/// The error as an editor must read it: about an article not yet public, due on a date.
fn labelled(mut d: Diagnostic, scheduled: &HashMap<PathBuf, String>) -> Diagnostic {
    d.message = match scheduled.get(&d.path) {
        Some(date) => crate::tr!(
            "scheduled-will-fail",
            date = date.as_str(),
            message = d.message.as_str()
        ),
        None => crate::tr!("scheduled-when-published", message = d.message.as_str()),
    };
    let why = crate::tr!("scheduled-why");
    d.help = Some(match d.help.take() {
        Some(help) => format!("{help} ({why})"),
        None => why.to_string(),
    });
    d
}
