//! Phrases in the search index: adjacent syllable pairs ("dan van") as extra terms, because
//! a Vietnamese word is often several syllables and syllables matched apart are mostly noise.
//!
//! A pair is two folded syllables joined by one space (no word holds a space), written to the
//! shards like any term with one spelling, `""`. Pairs never span punctuation or two fields.

use super::{words, FastMap};
use crate::vietnamese;

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

/// Folded syllables by small ids, each word folded once: a slice of documents uses the same
/// few thousand words millions of times, and a string per use was most of the cost.
#[derive(Default)]
struct Syllables<'a> {
    /// Word as written -> its range in `pieces`.
    words: FastMap<&'a str, std::ops::Range<usize>>,
    /// The ids of each word's folded pieces (nearly always one), end to end.
    pieces: Vec<u32>,
    names: Vec<String>,
    ids: FastMap<String, u32>,
}

impl<'a> Syllables<'a> {
    fn of(&mut self, word: &'a str) -> std::ops::Range<usize> {
        if let Some(range) = self.words.get(word) {
            return range.clone();
        }
        let start = self.pieces.len();
        for piece in words(&vietnamese::fold(word)) {
            let next = self.names.len() as u32;
            let id = *self.ids.entry(piece.to_string()).or_insert(next);
            if id == next {
                self.names.push(piece.to_string());
            }
            self.pieces.push(id);
        }
        let range = start..self.pieces.len();
        self.words.insert(word, range.clone());
        range
    }

    /// Every adjacent pair of folded syllables of `text`, in order, repeats included.
    fn pairs(&mut self, text: &'a str, mut emit: impl FnMut(u32, u32)) {
        for run in runs(text) {
            let mut previous: Option<u32> = None;
            for word in words(run) {
                for k in self.of(word) {
                    let id = self.pieces[k];
                    if let Some(before) = previous.replace(id) {
                        emit(before, id);
                    }
                }
            }
        }
    }

    fn term(&self, (first, second): (u32, u32)) -> String {
        pair(&self.names[first as usize], &self.names[second as usize])
    }
}

/// The distinct adjacent pairs of a query's folded words, in order (at most 63, as many as
/// `search.js` counts).
pub fn query_pairs(query: &str) -> Vec<String> {
    let mut syllables = Syllables::default();
    let mut keys: Vec<(u32, u32)> = Vec::new();
    syllables.pairs(query, |a, b| {
        if !keys.contains(&(a, b)) {
            keys.push((a, b));
        }
    });
    keys.truncate(63);
    keys.into_iter().map(|k| syllables.term(k)).collect()
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
