//! The index's terms gathered in one pass over each document: its words (folded, by spelling)
//! and its adjacent syllable pairs, each with its postings, merged slice by slice in order.
//!
//! A slice of documents is read on one thread with its own small ids for words, syllables,
//! terms and pairs: each word is looked up once per use and folded once per slice, and a
//! document's terms and pairs are kept apart by stamps, not by a map per document. Slices
//! are merged in document order, a few at a time, so postings stay ascending and memory
//! holds only the slices in flight besides the encoded postings; the site's terms and pairs
//! are in partitions by syllable, which merge a wave's slices in parallel.

use super::{encode, encoded_len, is_word_char, js_order, Doc, FastMap, Postings};
use crate::content::PlainText;
use crate::vietnamese;
use rayon::prelude::*;

/// Documents per slice: enough that a slice folds each of its words once among many uses
/// and merging stays cheap, few enough that each thread has several slices. At 10,000
/// articles on one thread, slices of 2,048 took 0.9 s, of 256 1.1 s (merging more). A
/// small site gets one slice per thread rather than slices too small to pay their words'
/// folding: 1,000 articles on 2 threads read 8 slices of 125 before.
fn slice_len(docs: usize) -> usize {
    let threads = rayon::current_num_threads().max(1);
    let four_each = docs.div_ceil(4 * threads);
    if four_each >= MIN_SLICE {
        four_each.min(MAX_SLICE)
    } else {
        docs.div_ceil(threads).clamp(1, MIN_SLICE)
    }
}

/// The slice below which a thread takes one slice, not four.
const MIN_SLICE: usize = 512;

/// The largest slice: a slice's maps grow with its vocabulary, and past the processor's
/// caches each word costs more. At 100,000 articles on 2 threads, 3 pairs, the search stage
/// took 5.12–5.38 s with slices of 1,280 against 5.71–6.01 s with slices of 2,048 (1,024:
/// 5.35–5.86 s). A 10,000-article site's slices (1,250) are below it.
const MAX_SLICE: usize = 1280;

/// Postings of one key within a slice: the first entry apart, because it is written as a
/// difference from the previous slice's last document, known only when slices are merged.
struct Part {
    first: u64,
    first_title: bool,
    rest: Postings,
}

impl Part {
    fn new(id: u64, in_title: bool) -> Part {
        Part {
            first: id,
            first_title: in_title,
            rest: Postings {
                next: id as u32,
                titles: 0,
                text: String::new(),
            },
        }
    }
}

impl Postings {
    /// Appends a slice's postings of the same key (later documents than any here). Where
    /// they do not fit, the text grows to what the key's pace so far would fill by the
    /// site's last document (`docs`), never beyond doubling.
    fn append(&mut self, part: &Part, docs: usize) {
        let first = (part.first - u64::from(self.next)) * 2 + u64::from(part.first_title);
        let needed = self.text.len() + encoded_len(first) + part.rest.text.len();
        if needed > self.text.capacity() {
            let read = part.rest.next as usize + 1;
            let target = grown_capacity(self.text.capacity(), needed, read, docs);
            self.text.reserve_exact(target - self.text.len());
        }
        encode(first, &mut self.text);
        self.text.push_str(&part.rest.text);
        self.next = part.rest.next;
        self.titles += u32::from(part.first_title) + part.rest.titles;
    }
}

/// The capacity that postings needing `needed` bytes grow to, `read` of the site's `docs`
/// documents read: doubling (as `String` grows) where the key's postings are young, else
/// what they would be at the last document at the pace so far, and a sixteenth more. At
/// 100,000 articles the site's postings (116 MB) took 189 MB doubling alone, 124 MB so.
/// They grow by a quarter at least, so that a word that comes into use late (its pace
/// rising to the end) is copied a few times over, not once for each slice.
fn grown_capacity(capacity: usize, needed: usize, read: usize, docs: usize) -> usize {
    let doubled = needed.max(capacity.saturating_mul(2));
    let least = needed.max(capacity.saturating_add(capacity / 4));
    let paced = (needed as u128 * docs.max(read) as u128 / read.max(1) as u128) as usize;
    paced.saturating_add(paced / 16).clamp(least, doubled)
}

/// Keys (terms or pairs) of the document being read: each once, with whether it is in the
/// title, then their postings when the document ends.
#[derive(Default)]
struct Marks {
    /// Each key's last document's stamp and whether the key is in its title, side by side:
    /// one cache line per mark.
    stamp: Vec<(u32, bool)>,
    current: Vec<u32>,
    parts: Vec<Option<Part>>,
}

impl Marks {
    fn add_key(&mut self) {
        self.stamp.push((0, false));
        self.parts.push(None);
    }

    #[inline]
    fn mark(&mut self, key: u32, stamp: u32, in_title: bool) {
        let mark = &mut self.stamp[key as usize];
        if mark.0 == stamp {
            mark.1 |= in_title;
        } else {
            *mark = (stamp, in_title);
            self.current.push(key);
        }
    }

    fn end_document(&mut self, id: u64) {
        for key in self.current.drain(..) {
            let k = key as usize;
            let title = self.stamp[k].1;
            match &mut self.parts[k] {
                Some(part) => part.rest.push(id, title),
                none => *none = Some(Part::new(id, title)),
            }
        }
    }
}

/// One slice of documents read: its syllables, terms `(syllable, identity)` and pairs
/// `(syllable, syllable)` by slice ids, each term and pair with its postings.
#[derive(Default)]
struct Slice<'a> {
    /// Word as written -> its range in `pieces`, for words longer than eight bytes.
    words: FastMap<&'a str, (u32, u32)>,
    /// The same for the others (nearly every syllable), by [`vietnamese::short_key`]: a number to
    /// compare, not a string.
    short_words: FastMap<u64, (u32, u32)>,
    /// Each word's folded pieces (nearly always one) as `(syllable, term)`, end to end.
    pieces: Vec<(u32, u32)>,
    syllable_ids: FastMap<String, u32>,
    syllables: Vec<String>,
    term_ids: FastMap<(u32, String), u32>,
    terms: Vec<(u32, String)>,
    term_marks: Marks,
    pair_ids: FastMap<u64, u32>,
    pairs: Vec<(u32, u32)>,
    pair_marks: Marks,
    /// Each syllable's last pair as `(second, pair)`: the syllables of a word follow each
    /// other again and again, and the pair map is large and slow to look in.
    last_pair: Vec<(u32, u32)>,
}

impl<'a> Slice<'a> {
    fn syllable(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.syllable_ids.get(name) {
            return id;
        }
        let id = self.syllables.len() as u32;
        self.syllables.push(name.to_string());
        self.syllable_ids.insert(name.to_string(), id);
        self.last_pair.push((u32::MAX, 0));
        id
    }

    fn term(&mut self, syllable: u32, identity: &str) -> u32 {
        let key = (syllable, identity.to_string());
        if let Some(&id) = self.term_ids.get(&key) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(key.clone());
        self.term_ids.insert(key, id);
        self.term_marks.add_key();
        id
    }

    /// The pieces of `word`, folded the first time the slice meets it.
    fn word(&mut self, word: &'a str) -> (u32, u32) {
        let short = vietnamese::short_key(word);
        let known = match short {
            Some(key) => self.short_words.get(&key),
            None => self.words.get(word),
        };
        if let Some(&range) = known {
            return range;
        }
        let start = self.pieces.len() as u32;
        if word.is_ascii() {
            // Folding and the identity of an ASCII word are its lower case.
            let lower = word.to_ascii_lowercase();
            let syllable = self.syllable(&lower);
            let term = self.term(syllable, &lower);
            self.pieces.push((syllable, term));
        } else {
            let identity = vietnamese::term_identity(word);
            // Folding never splits a word in practice, but a folded piece must be a word.
            for piece in super::words(&vietnamese::fold(word)) {
                let syllable = self.syllable(piece);
                let term = self.term(syllable, &identity);
                self.pieces.push((syllable, term));
            }
        }
        let range = (start, self.pieces.len() as u32);
        match short {
            Some(key) => self.short_words.insert(key, range),
            None => self.words.insert(word, range),
        };
        range
    }

    fn pair(&mut self, first: u32, second: u32) -> u32 {
        let last = self.last_pair[first as usize];
        if last.0 == second {
            return last.1;
        }
        let key = (u64::from(first) << 32) | u64::from(second);
        let id = match self.pair_ids.get(&key) {
            Some(&id) => id,
            None => {
                let id = self.pairs.len() as u32;
                self.pairs.push((first, second));
                self.pair_ids.insert(key, id);
                self.pair_marks.add_key();
                id
            }
        };
        self.last_pair[first as usize] = (second, id);
        id
    }

    /// Marks the terms and pairs of one text of the document stamped `stamp`.
    fn read(&mut self, text: &'a str, stamp: u32, in_title: bool) {
        let mut previous: Option<u32> = None;
        tokens(text, |word, joined| {
            if !joined {
                previous = None;
            }
            let (start, end) = self.word(word);
            for k in start..end {
                let (syllable, term) = self.pieces[k as usize];
                self.term_marks.mark(term, stamp, in_title);
                if let Some(before) = previous.replace(syllable) {
                    let pair = self.pair(before, syllable);
                    self.pair_marks.mark(pair, stamp, in_title);
                }
            }
        });
    }
}

/// Calls `emit(word, joined)` for each word of `text` in order, `joined` when only white
/// space separates it from the word before (the pair rule of `phrase::runs`). Bytes, not
/// characters, are walked: an ASCII byte is classed by a table and only the others are
/// decoded; the search index reads every word of the site through here.
fn tokens<'a>(text: &'a str, mut emit: impl FnMut(&'a str, bool)) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut joined = false;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let (class, len) = if byte.is_ascii() {
            (ASCII_CLASSES[usize::from(byte)], 1)
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            (class_of(c), c.len_utf8())
        };
        if class == Class::Word {
            start.get_or_insert(i);
        } else {
            if let Some(s) = start.take() {
                emit(&text[s..i], joined);
                joined = true;
            }
            if class == Class::Other {
                joined = false;
            }
        }
        i += len;
    }
    if let Some(s) = start {
        emit(&text[s..], joined);
    }
}

/// What a character is to `tokens`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Space,
    Other,
}

fn class_of(c: char) -> Class {
    if is_word_char(c) {
        Class::Word
    } else if c.is_whitespace() {
        Class::Space
    } else {
        Class::Other
    }
}

/// `class_of` for each ASCII character.
const ASCII_CLASSES: [Class; 128] = {
    let mut classes = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        classes[b] = if byte.is_ascii_alphanumeric() {
            Class::Word
        } else if matches!(byte, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r') {
            // `char::is_whitespace` on ASCII: the vertical tab too, unlike `u8`'s.
            Class::Space
        } else {
            Class::Other
        };
        b += 1;
    }
    classes
};

/// A slice as merged: names and keys by the slice's ids, and the postings of each.
struct SliceOut {
    syllables: Vec<String>,
    terms: Vec<(u32, String)>,
    term_parts: Vec<Option<Part>>,
    pairs: Vec<(u32, u32)>,
    pair_parts: Vec<Option<Part>>,
}

fn read_slice(first_id: usize, docs: &[Doc<'_>]) -> SliceOut {
    // The bodies are pieces of their HTML (`PlainText`): written out for the slice, whose
    // words borrow from them, and freed with it.
    let mut bodies = String::with_capacity(docs.iter().map(|d| d.body.len()).sum());
    let ends: Vec<usize> = docs
        .iter()
        .map(|doc| {
            doc.body.write_to(&mut bodies);
            bodies.len()
        })
        .collect();
    let mut slice = Slice::default();
    let mut start = 0;
    for ((offset, doc), &end) in docs.iter().enumerate().zip(&ends) {
        let stamp = offset as u32 + 1;
        let body = &bodies[start..end];
        start = end;
        let rest = [doc.summary, body]
            .into_iter()
            .chain(doc.categories.iter().map(String::as_str))
            .chain(doc.authors.iter().map(String::as_str))
            .chain(doc.tags.iter().map(String::as_str));
        slice.read(doc.title, stamp, true);
        for text in rest {
            slice.read(text, stamp, false);
        }
        let id = (first_id + offset) as u64;
        slice.term_marks.end_document(id);
        slice.pair_marks.end_document(id);
    }
    SliceOut {
        syllables: slice.syllables,
        terms: slice.terms,
        term_parts: slice.term_marks.parts,
        pairs: slice.pairs,
        pair_parts: slice.pair_marks.parts,
    }
}

/// Every term and pair of the site with its postings, by ids of the whole site: syllables
/// in one list, terms and pairs in partitions by their (first) syllable, so that a wave of
/// slices is merged in parallel, each partition taking the slices in document order.
pub(super) struct Gathered {
    syllable_ids: FastMap<String, u32>,
    syllables: Vec<String>,
    /// Partition `p` holds the terms and pairs whose (first) syllable id is `p` modulo
    /// their number.
    parts: Vec<Partition>,
}

/// The terms and pairs of one partition with their postings.
#[derive(Default)]
struct Partition {
    /// Syllable -> its last term; the spellings of a syllable are few, chained by `older`.
    term_heads: FastMap<u32, u32>,
    terms: Vec<Term>,
    term_postings: Vec<Postings>,
    pair_ids: FastMap<u64, u32>,
    pairs: Vec<(u32, u32)>,
    pair_postings: Vec<Postings>,
}

/// A partition's terms, and its pairs as `(first's rank, second's rank, pair)`, in the
/// order they are written.
type Written = (Vec<u32>, Vec<(u32, u32, u32)>);

/// A term of a partition: a syllable in one spelling (`vietnamese::term_identity`).
struct Term {
    syllable: u32,
    identity: String,
    /// The syllable's term added before this one, if any.
    older: Option<u32>,
}

impl Partition {
    fn term(&mut self, syllable: u32, identity: &str) -> u32 {
        let head = self.term_heads.get(&syllable).copied();
        let mut at = head;
        while let Some(id) = at {
            let term = &self.terms[id as usize];
            if term.identity == identity {
                return id;
            }
            at = term.older;
        }
        let id = self.terms.len() as u32;
        self.terms.push(Term {
            syllable,
            identity: identity.to_string(),
            older: head,
        });
        self.term_postings.push(Postings::default());
        self.term_heads.insert(syllable, id);
        id
    }

    fn pair(&mut self, first: u32, second: u32) -> u32 {
        let next = self.pairs.len() as u32;
        let key = (u64::from(first) << 32) | u64::from(second);
        *self.pair_ids.entry(key).or_insert_with(|| {
            self.pairs.push((first, second));
            self.pair_postings.push(Postings::default());
            next
        })
    }

    /// Appends the postings of the slice's terms and pairs that belong to partition `p` of
    /// `parts`; `ids` are the site's ids of the slice's syllables.
    fn merge(&mut self, (p, parts): (usize, usize), slice: &SliceOut, ids: &[u32], docs: usize) {
        let site_id = |syllable: u32| ids[syllable as usize];
        let mine = |syllable: u32| site_id(syllable) as usize % parts == p;
        for ((syllable, identity), part) in slice.terms.iter().zip(&slice.term_parts) {
            if let (Some(part), true) = (part, mine(*syllable)) {
                let id = self.term(site_id(*syllable), identity);
                self.term_postings[id as usize].append(part, docs);
            }
        }
        for (&(first, second), part) in slice.pairs.iter().zip(&slice.pair_parts) {
            if let (Some(part), true) = (part, mine(first)) {
                let id = self.pair(site_id(first), site_id(second));
                self.pair_postings[id as usize].append(part, docs);
            }
        }
    }
}

impl Gathered {
    fn new(parts: usize) -> Gathered {
        Gathered {
            syllable_ids: FastMap::default(),
            syllables: Vec::new(),
            parts: (0..parts.max(1)).map(|_| Partition::default()).collect(),
        }
    }

    /// Merges a wave's slices of a site of `docs` documents, in document order: their
    /// syllables first, then each partition's terms and pairs, the partitions in parallel.
    fn merge(&mut self, mut slices: Vec<SliceOut>, docs: usize) {
        let ids: Vec<Vec<u32>> = slices
            .iter_mut()
            .map(|slice| {
                std::mem::take(&mut slice.syllables)
                    .into_iter()
                    .map(|name| {
                        let next = self.syllables.len() as u32;
                        *self.syllable_ids.entry(name).or_insert_with_key(|name| {
                            self.syllables.push(name.clone());
                            next
                        })
                    })
                    .collect()
            })
            .collect();
        let parts = self.parts.len();
        self.parts
            .par_iter_mut()
            .enumerate()
            .for_each(|(p, partition)| {
                for (slice, ids) in slices.iter().zip(&ids) {
                    partition.merge((p, parts), slice, ids, docs);
                }
            });
        // Freed on both threads: at 100,000 articles, 5 waves, 20 ms on one and 7 on two.
        slices.into_par_iter().for_each(drop);
    }

    /// Calls `entry(term, spellings)` for every word and pair in JavaScript string order,
    /// a pair's one spelling being `""`; `pair` tells which. A pair `"a b"` sorts right after the word `a` and
    /// before any word that `a` is less than: the space is below every character of a word.
    /// Each term's postings are given to `entry`, which may keep their texts (a tail file is
    /// written in one), and freed after it, so that the files written from them reuse their
    /// memory: memory never used before is cleared by the system (and on a virtual machine,
    /// faulted in from the host) as it is first written.
    pub(super) fn for_each(mut self, mut entry: impl FnMut(&str, &mut [(&str, Postings)], bool)) {
        let mut order: Vec<u32> = (0..self.syllables.len() as u32).collect();
        order.par_sort_unstable_by(|&a, &b| {
            js_order(&self.syllables[a as usize], &self.syllables[b as usize])
        });
        let mut rank = vec![0u32; order.len()];
        for (r, &s) in order.iter().enumerate() {
            rank[s as usize] = r as u32;
        }
        // Each partition's terms by (syllable's rank, spelling) and pairs by ranks.
        let sorted: Vec<Written> = self
            .parts
            .par_iter()
            .map(|part| {
                let mut terms: Vec<u32> = (0..part.terms.len() as u32).collect();
                terms.sort_unstable_by(|&a, &b| {
                    let (a, b) = (&part.terms[a as usize], &part.terms[b as usize]);
                    rank[a.syllable as usize]
                        .cmp(&rank[b.syllable as usize])
                        .then_with(|| a.identity.cmp(&b.identity))
                });
                let mut pairs: Vec<(u32, u32, u32)> = part
                    .pairs
                    .iter()
                    .enumerate()
                    .map(|(i, &(a, b))| (rank[a as usize], rank[b as usize], i as u32))
                    .collect();
                pairs.sort_unstable();
                (terms, pairs)
            })
            .collect();
        let parts = self.parts.len();
        let mut cursors = vec![(0usize, 0usize); parts];
        let mut name = String::new();
        for (r, &syllable) in order.iter().enumerate() {
            let r = r as u32;
            let word = &self.syllables[syllable as usize];
            let p = syllable as usize % parts;
            let (part, (terms, pairs)) = (&mut self.parts[p], &sorted[p]);
            let (t, q) = &mut cursors[p];
            let mut spellings: Vec<(&str, Postings)> = Vec::new();
            while let Some(&term) = terms.get(*t) {
                let Term {
                    syllable, identity, ..
                } = &part.terms[term as usize];
                if rank[*syllable as usize] != r {
                    break;
                }
                let postings = std::mem::take(&mut part.term_postings[term as usize]);
                spellings.push((identity, postings));
                *t += 1;
            }
            if !spellings.is_empty() {
                entry(word, &mut spellings, false);
            }
            while let Some(&(first, second, pair)) = pairs.get(*q) {
                if first != r {
                    break;
                }
                name.clear();
                name.push_str(word);
                name.push(' ');
                name.push_str(&self.syllables[order[second as usize] as usize]);
                let postings = std::mem::take(&mut part.pair_postings[pair as usize]);
                entry(&name, &mut [("", postings)], true);
                *q += 1;
            }
        }
    }
}

/// The terms and pairs of `docs` (oldest first), slices read in parallel and merged in
/// order a few at a time.
pub(super) fn gather(docs: &mut [Doc<'_>]) -> Gathered {
    let threads = rayon::current_num_threads().max(1);
    let slice = slice_len(docs.len());
    gather_in(
        docs,
        slice,
        slice * SLICES_A_WAVE * threads,
        partitions(threads),
    )
}

/// Slices each thread reads before a wave is merged: every wave ends with a thread waiting
/// for the other's last slice and a merge partly on one thread. At 100,000 articles, 7
/// pairs: search stage 4.17 s with 8 against 4.37 s with 4, the same peak (2,048 against
/// 2,062 MB). A 10,000-article site is one wave either way.
const SLICES_A_WAVE: usize = 8;

/// Partitions merged in parallel: one on one thread, where they would only cost; else a
/// few per thread, so that a partition of common syllables does not hold the others up.
fn partitions(threads: usize) -> usize {
    if threads == 1 {
        1
    } else {
        (threads * 2).min(16)
    }
}

/// [`gather`] with slices of `slice` documents merged `wave` documents at a time into
/// `parts` partitions. Each wave's bodies are freed once read (the memory goes back when
/// no one else holds them).
fn gather_in(docs: &mut [Doc<'_>], slice: usize, wave: usize, parts: usize) -> Gathered {
    let mut gathered = Gathered::new(parts);
    let total = docs.len();
    for (w, wave_docs) in docs.chunks_mut(wave).enumerate() {
        let outs: Vec<SliceOut> = wave_docs
            .par_chunks(slice)
            .enumerate()
            .map(|(k, slice_docs)| read_slice(w * wave + k * slice, slice_docs))
            .collect();
        gathered.merge(outs, total);
        for doc in wave_docs {
            doc.body = PlainText::default();
        }
    }
    gathered
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Every entry as `for_each` gives it.
    fn entries(gathered: Gathered) -> Vec<(String, Vec<(String, String)>)> {
        let mut out = Vec::new();
        gathered.for_each(|term, spellings, _| {
            let spellings = spellings
                .iter()
                .map(|(i, p)| (i.to_string(), p.text.clone()))
                .collect();
            out.push((term.to_string(), spellings));
        });
        out
    }

    /// The index's entries computed the plain way: per document, every word's `terms` and
    /// every pair of `phrase::query_pairs`-style runs, with a map per document.
    fn reference(docs: &[Doc<'_>]) -> Vec<(String, Vec<(String, String)>)> {
        let mut postings: BTreeMap<(String, String), Postings> = BTreeMap::new();
        for (id, doc) in docs.iter().enumerate() {
            let mut this: BTreeMap<(String, String), bool> = BTreeMap::new();
            let body = doc.body.to_text();
            let texts = std::iter::once((doc.title, true)).chain(
                [doc.summary, body.as_str()]
                    .into_iter()
                    .chain(doc.categories.iter().map(String::as_str))
                    .chain(doc.authors.iter().map(String::as_str))
                    .chain(doc.tags.iter().map(String::as_str))
                    .map(|t| (t, false)),
            );
            for (text, in_title) in texts {
                for (folded, identity) in super::super::terms(text) {
                    *this.entry((folded, identity)).or_default() |= in_title;
                }
                // Runs as phrase.rs splits them: pairs never cross punctuation.
                for run in text.split(|c: char| !c.is_whitespace() && !is_word_char(c)) {
                    let folded: Vec<String> = super::super::terms(run)
                        .into_iter()
                        .map(|(f, _)| f)
                        .collect();
                    for w in folded.windows(2) {
                        let key = (format!("{} {}", w[0], w[1]), String::new());
                        *this.entry(key).or_default() |= in_title;
                    }
                }
            }
            for (key, in_title) in this {
                postings.entry(key).or_default().push(id as u64, in_title);
            }
        }
        let mut grouped: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for ((term, identity), p) in postings {
            grouped.entry(term).or_default().push((identity, p.text));
        }
        let mut out: Vec<_> = grouped.into_iter().collect();
        out.sort_by(|a, b| js_order(&a.0, &b.0));
        out
    }

    fn doc<'a>(title: &'a str, body: &'a str, tags: &'a [String]) -> Doc<'a> {
        Doc {
            url: "/a/",
            title,
            summary: "",
            body: body.to_string().into(),
            categories: &[],
            authors: &[],
            tags,
            date_display: String::new(),
            date_iso: String::new(),
            category: None,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Slices, waves and partitions of any size give the entries the plain way gives.
        #[test]
        fn gathered_entries_match_the_plain_way(
            texts in proptest::collection::vec(
                proptest::collection::vec(0usize..WORDS.len(), 0..14), 1..60),
            slice in 1usize..9,
            waves in 1usize..4,
            part_count in 1usize..5,
        ) {
            // Each document: its first two pieces as the title, the rest as the body.
            let parts: Vec<(String, String)> = texts
                .iter()
                .map(|ws| {
                    let text = |ws: &[usize]| ws.iter().map(|&w| WORDS[w]).collect::<String>();
                    let cut = ws.len().min(2);
                    (text(&ws[..cut]), text(&ws[cut..]))
                })
                .collect();
            let tags = vec!["Tỉnh ủy".to_string(), "Dân vận".to_string()];
            let docs: Vec<Doc<'_>> = parts
                .iter()
                .enumerate()
                .map(|(i, (title, body))| doc(title, body, if i % 5 == 0 { &tags } else { &[] }))
                .collect();
            let got = entries(gather_in(&mut docs.clone(), slice, slice * waves, part_count));
            proptest::prop_assert_eq!(got, reference(&docs));
        }
    }

    /// Pieces of text the property test joins: words with and without marks, NFD, capitals,
    /// white space and punctuation, a word that folds to nothing.
    const WORDS: &[&str] = &[
        "dân ",
        "Dân ",
        "dan ",
        "vận ",
        "van ",
        "Vận, ",
        "uỷ ",
        "ủy ",
        "Ủy ban ",
        "Đảng ",
        "dang ",
        "u\u{301}y ",
        "1327-QĐ/TU ",
        "\u{301} ",
        "tuyên\u{a0}",
        "tuyền ",
        "x",
        ". ",
        "\n",
        "Hà Nội ",
        "danh ",
        "da ",
        "ø ",
        "ﬁ ",
        // Eight bytes and nine: the last word looked up by number, the first by string.
        "Nghiệp ",
        "trường ",
    ];

    #[test]
    fn postings_grow_to_their_pace_never_beyond_doubling() {
        // Young postings double, as a `String` would.
        assert_eq!(grown_capacity(100, 150, 10, 1_000), 200);
        // Past half the site, the pace decides: 1,100 bytes by document 600 of 1,000 are
        // 1,833 by the last, and a sixteenth more.
        assert_eq!(grown_capacity(1_000, 1_100, 600, 1_000), 1_833 + 114);
        // At the last document, what is needed and a sixteenth.
        assert_eq!(grown_capacity(1_000, 1_600, 1_000, 1_000), 1_700);
        // A quarter more at least, where the pace so far asks for less.
        assert_eq!(grown_capacity(1_000, 1_010, 1_000, 1_000), 1_250);
        // Never less than needed, nor more than needed where doubling falls short of it:
        // empty postings, and a document beyond the count given.
        assert_eq!(grown_capacity(0, 13, 1, 1), 13);
        assert_eq!(grown_capacity(64, 200, 5_000, 1_000), 200);
        for (capacity, needed, read, docs) in [(0, 20, 1, 100_000), (4_096, 4_200, 99_999, 100_000)]
        {
            let grown = grown_capacity(capacity, needed, read, docs);
            assert!(
                grown >= needed.max(capacity * 5 / 4) && grown <= needed.max(2 * capacity),
                "{grown}"
            );
        }
    }

    #[test]
    fn merged_postings_fit_their_text_closely() {
        // Ten documents, every one with the same word, merged one by one: the postings end
        // a digit per document long, and grown at the pace, with nothing to spare.
        let bodies: Vec<String> = (0..10).map(|i| format!("tin {i}")).collect();
        let mut docs: Vec<Doc<'_>> = bodies.iter().map(|b| doc("", b, &[])).collect();
        let gathered = gather_in(&mut docs, 1, 1, 1);
        let tin = &gathered.parts[0].term_postings[0];
        assert_eq!(gathered.parts[0].terms[0].identity, "tin");
        assert_eq!(tin.text.len(), 10);
        assert_eq!(tin.text.capacity(), 10);
    }

    fn token_list(text: &str) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        tokens(text, |w, joined| out.push((w, joined)));
        out
    }

    #[test]
    fn tokens_are_words_joined_by_white_space_only() {
        assert_eq!(
            token_list("Dân vận, khéo  léo\u{a0}nhé—x"),
            [
                ("Dân", false),
                ("vận", true),
                ("khéo", false),
                ("léo", true),
                ("nhé", true),
                ("x", false)
            ]
        );
        assert!(token_list(" ,; ").is_empty());
    }

    /// The character by character walk `tokens` replaced.
    fn tokens_by_characters(text: &str) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut joined = false;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                start.get_or_insert(i);
                continue;
            }
            if let Some(s) = start.take() {
                out.push((&text[s..i], joined));
                joined = true;
            }
            if !c.is_whitespace() {
                joined = false;
            }
        }
        if let Some(s) = start {
            out.push((&text[s..], joined));
        }
        out
    }

    #[test]
    fn tokens_walk_bytes_as_the_characters_were_walked() {
        for c in (0..128u8).map(char::from) {
            let class = ASCII_CLASSES[c as usize];
            assert!(class == class_of(c), "{c:?}");
        }
        let mut text: String = (0..0x250u32).filter_map(char::from_u32).collect();
        text.push_str(
            " Dân vận\u{a0}khéo\u{2003}léo, e\u{301}  ﬁ ×2 Quyết định 1327-QĐ/TU\x0bx\u{1ef9}",
        );
        for cut in [0, 1, 5, 40, 128, 300, text.len()] {
            let Some(part) = text.get(cut..) else {
                continue;
            };
            assert_eq!(token_list(part), tokens_by_characters(part), "from {cut}");
        }
        let words = WORDS.concat();
        assert_eq!(token_list(&words), tokens_by_characters(&words));
    }

    #[test]
    fn tokens_agree_with_words_and_runs() {
        let text = "Quyết định 1327-QĐ/TU  của Tỉnh ủy,\tngày 3/2; Điện Biên Phủ ×2";
        let words: Vec<&str> = super::super::words(text).collect();
        let tokens: Vec<&str> = token_list(text).into_iter().map(|(w, _)| w).collect();
        assert_eq!(tokens, words);
    }
}
