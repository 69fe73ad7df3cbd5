//! Warnings about the mistakes of an editor's first week that parse without an error but
//! publish something else: an empty body, one title twice, tags without brackets, curly quotes.
//!
//! Pure over the parsed files; each warning points at the line to change and says what to type.

use super::Doc;
use crate::content::Article;
use crate::tr;
use crate::vietnamese;
use std::collections::HashMap;

/// Front matter keys whose value is a list, where `a, b` without brackets is one item.
const LIST_KEYS: [&str; 3] = ["tags", "categories", "authors"];

/// Every warning of this module for the parsed files, in file order.
pub(super) fn warnings(parsed: &[(Doc<'_>, &Article)]) -> Vec<crate::error::Diagnostic> {
    use rayon::prelude::*;
    // Each file's own warnings and title key in parallel; only the titles' comparison is
    // in order.
    let own: Vec<(Vec<crate::error::Diagnostic>, String)> = parsed
        .par_iter()
        .map(|(doc, article)| {
            let mut out = Vec::new();
            // A directive document's body is optional: its fields are the document.
            if article.kind != crate::content::Kind::Document {
                empty_body(doc, &mut out);
            }
            list_without_brackets(doc, article, &mut out);
            curly_quotes(doc, &mut out);
            (out, vietnamese::term_identity(article.title.trim()))
        })
        .collect();
    let mut out = Vec::new();
    let mut titles: HashMap<String, &Doc<'_>> = HashMap::new();
    for ((doc, _), (warnings, key)) in parsed.iter().zip(own) {
        out.extend(warnings);
        match titles.get(&key) {
            Some(first) => same_title(doc, first, &mut out),
            None => {
                titles.insert(key, doc);
            }
        }
    }
    out
}

fn empty_body(doc: &Doc<'_>, out: &mut Vec<crate::error::Diagnostic>) {
    if !doc.body().trim().is_empty() {
        return;
    }
    // The closing `---` line: the body belongs right under it.
    let at = doc.text[doc.yaml.end..]
        .find("---")
        .map_or(doc.yaml.end, |i| doc.yaml.end + i);
    out.push(doc.at(at, 3, tr!("check-empty-body"), tr!("check-empty-body-help")));
}

fn same_title(doc: &Doc<'_>, first: &Doc<'_>, out: &mut Vec<crate::error::Diagnostic>) {
    let Some(value) = doc.key_value("title") else {
        return;
    };
    out.push(doc.at(
        value.start,
        doc.text[value.clone()].chars().count(),
        tr!("check-same-title", file = first.path.display().to_string()),
        tr!("check-same-title-help"),
    ));
}

fn list_without_brackets(
    doc: &Doc<'_>,
    article: &Article,
    out: &mut Vec<crate::error::Diagnostic>,
) {
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

fn curly_quotes(doc: &Doc<'_>, out: &mut Vec<crate::error::Diagnostic>) {
    let mut offset = doc.yaml.start;
    for line in doc.text[doc.yaml.clone()].split_inclusive('\n') {
        if let Some(warning) = curly_line(doc, offset, line.trim_end()) {
            out.push(warning);
        }
        offset += line.len();
    }
}

/// The warning for one front matter line `key: “value”`, if it is one.
fn curly_line(doc: &Doc<'_>, offset: usize, line: &str) -> Option<crate::error::Diagnostic> {
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
