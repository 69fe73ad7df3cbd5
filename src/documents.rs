//! The directive documents of the model: their attached files found on disk, their numbers
//! unique, the numbers articles cite resolved, and the type and year groups the lists filter by.

use crate::content::Article;
use crate::error::{closest, Diagnostic};
use crate::load::AssetFile;
use crate::site::Site;
use crate::vietnamese;
use chrono::Datelike;
use std::collections::HashMap;
use std::path::Path;

/// Finds each document's attached files among the content files and records their sizes;
/// an attachment that is not there is an error at its entry of `files:`.
pub fn attach(articles: &mut [Article], assets: &[AssetFile]) -> Vec<Diagnostic> {
    let on_disk: HashMap<&Path, &AssetFile> =
        assets.iter().map(|a| (a.rel_path.as_path(), a)).collect();
    let mut errors = Vec::new();
    for article in articles.iter_mut() {
        let Some(info) = article.document.as_mut() else {
            continue;
        };
        for file in &mut info.files {
            let found = on_disk.get(file.source.as_path());
            file.size = found.and_then(|a| std::fs::metadata(&a.abs_path).ok().map(|m| m.len()));
            if file.size.is_none() {
                let shown = file.source.display().to_string();
                errors.push(
                    Diagnostic::new(
                        &article.source,
                        crate::tr!(
                            "doc-attachment-missing",
                            file = file.written.text.as_str(),
                            path = shown
                        ),
                    )
                    .at(file.written.line, file.written.column)
                    .spanning(file.written.text.chars().count())
                    .with_help(crate::tr!("doc-attachment-missing-help")),
                );
            }
        }
    }
    errors
}

/// The order of `Site::documents`: newest date of issue first, then by number.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.date
        .when
        .cmp(&a.date.when)
        .then_with(|| a.slug.cmp(&b.slug))
        .then_with(|| a.source.cmp(&b.source))
}

/// Errors of the model's documents: two documents with one number, and numbers that
/// articles (and pages) cite but no published document has.
pub fn validate(documents: &[Article], citing: &[&Article]) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut seen: HashMap<&str, &Article> = HashMap::new();
    for doc in documents {
        if let Some(first) = seen.insert(&doc.slug, doc) {
            let (first, second) = if first.source < doc.source {
                (first, doc)
            } else {
                (doc, first)
            };
            errors.push(
                Diagnostic::new(
                    &second.source,
                    crate::tr!(
                        "doc-duplicate-number",
                        number = number(second),
                        other = first.source.display().to_string()
                    ),
                )
                .at(number_line(second), 1)
                .with_help(crate::tr!("doc-duplicate-number-help")),
            );
        }
    }
    let numbers: Vec<&str> = documents.iter().map(number).collect();
    for article in citing {
        for cited in &article.documents {
            if seen.contains_key(crate::content::document::number_key(&cited.text).as_str()) {
                continue;
            }
            let help = match closest(&cited.text, &numbers) {
                Some(near) => crate::tr!("doc-unknown-number-close", number = near),
                None => crate::tr!("doc-unknown-number-help"),
            };
            errors.push(
                Diagnostic::new(
                    &article.source,
                    crate::tr!("doc-unknown-number", number = cited.text.as_str()),
                )
                .at(cited.line, cited.column)
                .spanning(cited.text.chars().count())
                .with_help(help),
            );
        }
    }
    errors
}

fn number(doc: &Article) -> &str {
    doc.document.as_ref().map_or("", |d| d.number.as_str())
}

/// File line of a document's `number:`.
fn number_line(doc: &Article) -> usize {
    doc.document.as_ref().map_or(1, |d| d.number_line)
}

/// The published documents an article cites, in the order it cites them.
pub fn cited(site: &Site, article: &Article) -> Vec<usize> {
    article
        .documents
        .iter()
        .filter_map(|c| {
            let key = crate::content::document::number_key(&c.text);
            site.documents.iter().position(|d| d.slug == key)
        })
        .collect()
}

/// For each document of `documents`, the articles (indexes in `articles`) citing it, in
/// the order of `articles`. Computed once with the model: each page reads its own list.
pub fn citing_all(documents: &[Article], articles: &[Article]) -> Vec<Vec<usize>> {
    let position: HashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.slug.as_str(), i))
        .collect();
    let mut citing = vec![Vec::new(); documents.len()];
    for (i, article) in articles.iter().enumerate() {
        for cited in &article.documents {
            let key = crate::content::document::number_key(&cited.text);
            if let Some(&d) = position.get(key.as_str()) {
                if citing[d].last() != Some(&i) {
                    citing[d].push(i);
                }
            }
        }
    }
    citing
}

/// The published articles that cite document `index`, newest first.
pub fn citing(site: &Site, index: usize) -> &[usize] {
    site.document_citing.get(index).map_or(&[], Vec::as_slice)
}

/// Which documents a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Filter {
    All,
    /// Index in `types`.
    Type(usize),
    Year(i32),
}

/// The documents of one type, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeGroup {
    pub name: String,
    pub slug: String,
    pub documents: Vec<usize>,
}

/// The types of the published documents, in Vietnamese alphabetical order.
pub fn types(site: &Site) -> &[TypeGroup] {
    &site.document_types
}

/// Groups `documents` (newest first) by type, in Vietnamese alphabetical order.
pub fn group_types(documents: &[Article]) -> Vec<TypeGroup> {
    let mut groups: Vec<TypeGroup> = Vec::new();
    for (i, doc) in documents.iter().enumerate() {
        let Some(info) = &doc.document else { continue };
        match groups.iter_mut().find(|g| g.slug == info.type_slug) {
            Some(group) => group.documents.push(i),
            None => groups.push(TypeGroup {
                name: info.doc_type.clone(),
                slug: info.type_slug.clone(),
                documents: vec![i],
            }),
        }
    }
    groups.sort_by(|a, b| vietnamese::compare(&a.name, &b.name));
    groups
}

/// The years of issue of the published documents, newest first, with their documents.
pub fn years(site: &Site) -> Vec<(i32, Vec<usize>)> {
    let mut years: Vec<(i32, Vec<usize>)> = Vec::new();
    for (i, doc) in site.documents.iter().enumerate() {
        let year = doc.date.when.year();
        match years.iter_mut().find(|(y, _)| *y == year) {
            Some((_, docs)) => docs.push(i),
            None => years.push((year, vec![i])),
        }
    }
    years.sort_by_key(|(year, _)| std::cmp::Reverse(*year));
    years
}

/// The documents a list shows, newest first.
pub fn filtered(site: &Site, filter: Filter) -> Vec<usize> {
    match filter {
        Filter::All => (0..site.documents.len()).collect(),
        Filter::Type(t) => types(site)[t].documents.clone(),
        Filter::Year(year) => (0..site.documents.len())
            .filter(|&i| site.documents[i].date.when.year() == year)
            .collect(),
    }
}

/// Site path of the first page of a list (`/van-ban/`, `/van-ban/cong-van/`, `/van-ban/2023/`).
pub fn list_path(site: &Site, filter: Filter) -> String {
    let folder = crate::content::document::FOLDER;
    let tail = match filter {
        Filter::All => String::new(),
        Filter::Type(t) => format!("{}/", types(site)[t].slug),
        Filter::Year(year) => format!("{year}/"),
    };
    site.config.site_path(&format!("/{folder}/{tail}"))
}

/// "245 KB": a file's size as readers read it (decimal comma, as Vietnamese writes it).
pub fn size_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{} KB", (b / KB).round().max(1.0))
    } else {
        format!("{:.1} MB", b / KB / KB).replace('.', ",")
    }
}

/// "PDF", "DOCX": a file's format from its extension.
pub fn format_text(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_uppercase())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_formats_read_as_readers_expect() {
        assert_eq!(size_text(512), "512 B");
        assert_eq!(size_text(245 * 1024 + 100), "245 KB");
        assert_eq!(size_text(1500), "1 KB");
        assert_eq!(size_text(3 * 1024 * 1024 + 300 * 1024), "3,3 MB");
        assert_eq!(format_text("849-CV-TU.pdf"), "PDF");
        assert_eq!(format_text("phu-luc.docx"), "DOCX");
    }
}
