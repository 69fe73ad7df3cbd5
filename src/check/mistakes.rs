//! Warnings about the mistakes of an editor's first week that parse without an error but
//! publish something else: an empty body, one title twice, tags without brackets, curly quotes.
//!
//! Pure over the parsed files; each warning points at the line to change and says what to type.

use super::{Doc, Place};
use crate::content::Article;
use crate::error::Diagnostic;
use crate::tr;
use crate::vietnamese;
use std::collections::HashMap;
use std::path::Path;

/// Front matter keys whose value is a list, where `a, b` without brackets is one item.
const LIST_KEYS: [&str; 3] = ["tags", "categories", "authors"];

/// What this module finds in one file on its own, read while its text is at hand: its
/// warnings, and its title's key and place for the comparison of titles across files.
pub(super) struct Own {
    warnings: Vec<Diagnostic>,
    title_key: String,
    /// Where the title is, and the text of its line.
    title: Option<(Place, String)>,
}

/// The warnings of one file that need no other file.
pub(super) fn own(doc: &Doc<'_>, article: &Article) -> Own {
    let mut warnings = Vec::new();
    // A directive document's body is optional: its fields are the document.
    if article.kind != crate::content::Kind::Document {
        empty_body(doc, &mut warnings);
    }
    list_without_brackets(doc, article, &mut warnings);
    curly_quotes(doc, &mut warnings);
    let title = doc.key_value("title").map(|value| {
        let place = doc.place(value.start, doc.text[value].chars().count());
        (place, doc.line_text(place.line).into())
    });
    Own {
        warnings,
        title_key: vietnamese::term_identity(article.title.trim()),
        title,
    }
}

/// Every warning of this module for the files read, in file order: each file's own, and
/// a title used by an earlier file.
pub(super) fn warnings(files: Vec<(&Path, Own)>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut titles: HashMap<String, &Path> = HashMap::new();
    for (path, own) in files {
        out.extend(own.warnings);
        match titles.get(&own.title_key) {
            Some(first) => {
                if let Some((title, line)) = own.title {
                    let d = title.diagnostic(
                        path,
                        tr!("check-same-title", file = first.display().to_string()),
                        tr!("check-same-title-help"),
                    );
                    out.push(d.showing(line));
                }
            }
            None => {
                titles.insert(own.title_key, path);
            }
        }
    }
    out
}

fn empty_body(doc: &Doc<'_>, out: &mut Vec<Diagnostic>) {
    if !doc.body().trim().is_empty() {
        return;
    }
    // The closing `---` line: the body belongs right under it.
    let at = doc.text[doc.yaml.end..]
        .find("---")
        .map_or(doc.yaml.end, |i| doc.yaml.end + i);
    out.push(doc.at(at, 3, tr!("check-empty-body"), tr!("check-empty-body-help")));
}

fn list_without_brackets(doc: &Doc<'_>, article: &Article, out: &mut Vec<Diagnostic>) {
    for key in LIST_KEYS {
        let Some(value) = doc.key_value(key) else {
            continue;
        };
        let text = &doc.text[value.clone()];
        let names = match key {
            "tags" => &article.tags,
            "categories" => &article.categories,
            _ => &article.authors,
        };
        if text.starts_with(['[', '-']) || !names.iter().any(|n| n.contains(',')) {
            continue;
        }
        let items: Vec<&str> = names
            .iter()
            .flat_map(|n| n.split(','))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        out.push(doc.at(
            value.start,
            text.chars().count(),
            tr!("check-no-brackets", key = key, names = names.join(", ")),
            tr!(
                "check-no-brackets-help",
                line = format!("{key}: [{}]", items.join(", "))
            ),
        ));
    }
}

fn curly_quotes(doc: &Doc<'_>, out: &mut Vec<Diagnostic>) {
    let mut offset = doc.yaml.start;
    for line in doc.text[doc.yaml.clone()].split_inclusive('\n') {
        if let Some(warning) = curly_line(doc, offset, line.trim_end()) {
            out.push(warning);
        }
        offset += line.len();
    }
}

/// The warning for one front matter line `key: “value”`, if it is one.
fn curly_line(doc: &Doc<'_>, offset: usize, line: &str) -> Option<Diagnostic> {
    let fixed = crate::yaml::straight_quoted_line(line)?;
    let (key, rest) = line.split_once(':')?;
    let value = rest.trim();
    let start = offset + key.len() + 1 + (rest.len() - rest.trim_start().len());
    Some(doc.at(
        start,
        value.chars().count(),
        tr!("check-curly", key = key),
        tr!("yaml-curly-quotes-help", line = fixed),
    ))
}
