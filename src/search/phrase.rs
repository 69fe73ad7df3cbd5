//! Phrases in the search index: adjacent syllable pairs ("dan van") as extra terms, because
//! a Vietnamese word is often several syllables and syllables matched apart are mostly noise.
//!
//! A pair is two folded syllables joined by one space (no word holds a space), written to the
//! shards like any term with one spelling, `""`. Pairs never span punctuation or two fields.

use super::{words, Doc, FastMap, Postings, Vocabulary};
use crate::vietnamese;
use rayon::prelude::*;

/// Documents per slice whose pairs are gathered together, on one thread.
const SLICE: usize = 256;

/// Pieces of a text within which words are adjacent: runs of words and white space only.
/// `search.js` (`runs`) splits the same way.
fn runs(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_whitespace() && !super::is_word_char(c))
}

/// The pair term of two folded syllables.
fn pair(first: &str, second: &str) -> String {
    let mut out = String::with_capacity(first.len() + second.len() + 1);
    out.push_str(first);
    out.push(' ');
    out.push_str(second);
    out
}

/// Every adjacent pair of folded syllables of `text`, in order, repeats included.
fn text_pairs<'a>(
    text: &'a str,
    folded: &mut FastMap<&'a str, Vec<String>>,
    mut emit: impl FnMut(String),
) {
    for run in runs(text) {
        let mut previous: Option<String> = None;
        for word in words(run) {
            let pieces = folded
                .entry(word)
                .or_insert_with(|| words(&vietnamese::fold(word)).map(str::to_string).collect());
            for piece in pieces.iter() {
                if let Some(before) = previous.replace(piece.clone()) {
                    emit(pair(&before, piece));
                }
            }
        }
    }
}

/// One slice's pairs: pair -> (document id, in the title), ids ascending.
fn slice_pairs(first_id: usize, slice: &[Doc<'_>]) -> FastMap<String, Vec<(u64, bool)>> {
    let mut folded: FastMap<&str, Vec<String>> = FastMap::default();
    let mut out: FastMap<String, Vec<(u64, bool)>> = FastMap::default();
    for (offset, doc) in slice.iter().enumerate() {
        let id = (first_id + offset) as u64;
        let rest = [doc.summary, doc.body]
            .into_iter()
            .chain(doc.categories.iter().map(String::as_str))
            .chain(doc.authors.iter().map(String::as_str))
            .chain(doc.tags.iter().map(String::as_str));
        let texts = std::iter::once((doc.title, true)).chain(rest.map(|t| (t, false)));
        for (text, in_title) in texts {
            text_pairs(text, &mut folded, |p| {
                let list = out.entry(p).or_default();
                match list.last_mut() {
                    Some(last) if last.0 == id => last.1 |= in_title,
                    _ => list.push((id, in_title)),
                }
            });
        }
    }
    out
}

/// The pair terms of `docs` (oldest first), unsorted, each with its one spelling `""`.
pub(crate) fn pairs(docs: &[Doc<'_>]) -> Vocabulary {
    let slices: Vec<FastMap<String, Vec<(u64, bool)>>> = docs
        .par_chunks(SLICE)
        .enumerate()
        .map(|(k, slice)| slice_pairs(k * SLICE, slice))
        .collect();
    // Slices in order, so every pair's postings stay ascending.
    let mut postings: FastMap<String, Postings> = FastMap::default();
    for slice in slices {
        for (term, docs) in slice {
            let p = postings.entry(term).or_default();
            for (id, in_title) in docs {
                p.push(id, in_title);
            }
        }
    }
    postings
        .into_iter()
        .map(|(term, p)| (term, vec![(String::new(), p.text)]))
        .collect()
}

/// The distinct adjacent pairs of a query's folded words, in order (at most 63, as many as
/// `search.js` counts).
pub fn query_pairs(query: &str) -> Vec<String> {
    let mut folded = FastMap::default();
    let mut out: Vec<String> = Vec::new();
    text_pairs(query, &mut folded, |p| {
        if !out.contains(&p) {
            out.push(p);
        }
    });
    out.truncate(63);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_follow_words_and_stop_at_punctuation() {
        assert_eq!(query_pairs("Dân vận khéo"), ["dan van", "van kheo"]);
        assert_eq!(query_pairs("dân, vận"), Vec::<String>::new());
        assert_eq!(
            query_pairs("cơ sở  dữ\tliệu"),
            ["co so", "so du", "du lieu"]
        );
        assert_eq!(query_pairs("van van van"), ["van van"]);
        assert!(query_pairs("một").is_empty());
    }
}
