//! The search index: every published article's words, folded by `vietnamese::fold`, written
//! as small static files that `search.js` downloads piece by piece. Pure: bytes out, no I/O.
//!
//! # Format (version 2), all under the index folder (`/tim-kiem/chi-muc/`)
//!
//! - `meta.json` (also inline in the search page):
//!   `{"v":2,"docs":N,"per_chunk":C,"recent":R,"version":"<hash>","terms":[…]}`.
//!   `terms[i]` is the first term of shard `i` (`terms[0]` is `""`); shards cover the sorted
//!   vocabulary in contiguous ranges, so a term lives in the last shard whose first term is
//!   not greater than it (terms compare by UTF-16 code units, as JavaScript compares).
//!   `version` is a hash of every other file (a tail file by its name, itself a hash of its
//!   bytes); the script asks for `t/3.json?v=<version>` so that a browser cache never mixes
//!   files of two builds, while file names stay stable.
//!   The server answers with its newest files whatever `v` says, so a page whose manifest
//!   may be older than the site (a later search on an open page, a page from the cache)
//!   also asks for `meta.json` and searches again when the version has changed.
//! - `t/<i>.json`: shard `i`, `{"<folded term>":[["<identity>","<postings>"],…],…}`.
//!   Each variant of a folded term is one spelling of it, keyed by
//!   `vietnamese::term_identity` (so `ủy`/`uỷ` are one variant, `tuyên`/`tuyền` two).
//!   Postings are the documents holding that spelling, ascending, each written as the number
//!   `(id - previous id) * 2 + in_title`, in base 32 with the digits of [`DIGITS`].
//!   Adjacent syllables are terms too (`phrase`): `"dan van"`, two folded words joined by one
//!   space, for every pair of words next to each other in a title, summary, body or term
//!   name (not across punctuation), with one spelling `""` and the same postings (`in_title`:
//!   adjacent in the title). They sort among the words (`"dan van"` after `"dan"`), so a
//!   query's consecutive pairs are looked up in the shards like words; they only rank, never
//!   filter. Older scripts never ask for a term with a space, so the format stayed version 1.
//! - Version 2 (issue 20): a common term is in two tiers (see [`tiers`]). Its entry is then
//!   `{"cut":C,"tail":"<name>","has":"<members>","titles":"<members>","v":[["<identity>",
//!   "<postings>",flags],…]}`: the postings of documents from `C` on (the head; the first
//!   counted from 0), flags 1 when the spelling has postings before `C`. `has` (words only:
//!   pairs only rank) lists the documents before `C` holding the term in any spelling, so the
//!   hits and their number are known from the shards; `titles` (left out when there are none)
//!   those holding it in the title. Members are written `+` and their ids, `~` and the ids of
//!   the others, each as `id - previous - 1` (the previous starting at -1) in posting digits,
//!   or `*` and a bitmap (digit `k`'s value, 0–63, has bit `j` for document `6k + j`).
//!   `x/<name>.json` is the tail: `["<postings before C>",…]` in the order of `v`, ids from 0.
//!   The script ranks from the heads and fetches the tails of the query's split terms only
//!   when the hits it must show may be outranked by an older hit whose exact marks or phrase
//!   the tails hold (see `first_page`). A tail's name is a hash of its term and content: a
//!   new article leaves it alone until the cut moves, and a page never reads a tail of
//!   another build under a name it knows.
//! - `d/<k>.json`: documents `C*k … C*k+C-1` as `[url, title, date shown, ISO date,
//!   first category, its URL, summary]` (category and URL `""` when there is none). Document ids go from oldest (0) to newest, so a new article
//!   changes only the last chunk and the shards of its own words.
//! - `d/recent.json`: the rows of the newest `R` documents, oldest first, written a second
//!   time (a script that does not know the file ignores it). The script fetches it beside
//!   the term shards: newer ranks above older, so the first page of a common query is often
//!   all recent articles, and then needs no second round trip for chunks. It costs a query
//!   about `R` rows more.

mod answer;
mod gather;
mod phrase;
mod tiers;

pub use answer::{first_page, query_terms, rank, search, Answer, Hit, PAGE};
pub use phrase::query_pairs;
pub use tiers::{Tiers, TIERS_VARIABLE};

use crate::content::{Article, PlainText};
use crate::site::{Site, TaxonomyKind};
use crate::vietnamese;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use unicode_normalization::char::is_combining_mark;

/// The index folder as a site path from the root (the base path goes in front).
pub const INDEX_PATH: &str = "/tim-kiem/chi-muc/";
/// The manifest's file name; the search page also carries it inline.
pub const MANIFEST: &str = "meta.json";
/// Format version, bumped when `search.js` must change with it.
const VERSION: u32 = 2;
/// A shard is closed once it holds this many bytes; one very common term may exceed it.
const SHARD_BYTES: usize = 24 * 1024;
/// Documents per chunk: small, because a page of results touches up to one chunk per hit.
const PER_CHUNK: usize = 8;
/// Newest documents written again in `d/recent.json`: about 37 KB (12 KB gzipped) at 64.
const RECENT: usize = 64;
/// The folder of the tail files, under the index folder.
const TAILS: &str = "x/";
/// Summaries longer than this many characters are cut at a word boundary.
const SUMMARY_CHARS: usize = 280;
/// Base-32 digits of posting numbers: the first 32 end a number, the next 32 continue it.
/// None needs escaping in JSON.
pub const DIGITS: &[u8; 64] = b"0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_";

/// The search stage's output: the index as the plan publishes it: the manifest the search page carries inline,
/// and each file of the index (name under the index folder, bytes).
#[derive(Debug, Clone, Default)]
pub struct SearchFiles {
    pub manifest: std::sync::Arc<str>,
    pub files: Vec<(String, std::sync::Arc<[u8]>)>,
}

impl SearchFiles {
    /// The index of every published article; the site keeps its plain texts.
    pub fn build(site: &Site) -> SearchFiles {
        SearchFiles::of(build(site))
    }

    /// The index of every published article, its plain texts taken from the site and freed
    /// as they are read (`build_taking_texts`).
    pub fn build_taking_texts(site: &mut Site) -> SearchFiles {
        SearchFiles::of(build_taking_texts(site))
    }

    fn of(index: Vec<IndexFile>) -> SearchFiles {
        let manifest = index
            .iter()
            .find(|f| f.rel == MANIFEST)
            .map_or_else(String::new, |f| {
                String::from_utf8_lossy(&f.bytes).into_owned()
            });
        // In parallel: each file's bytes are copied behind the shared count, some 230 MB
        // at 100,000 articles.
        SearchFiles {
            manifest: manifest.into(),
            files: index
                .into_par_iter()
                .map(|f| (f.rel, f.bytes.into()))
                .collect(),
        }
    }
}

/// One article as the index sees it.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub url: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    /// The body's plain text: the index frees it once read (`build_taking_texts`).
    pub body: PlainText,
    pub categories: &'a [String],
    pub authors: &'a [String],
    pub tags: &'a [String],
    pub date_display: String,
    pub date_iso: String,
    /// The first category's name and page, shown with the result.
    pub category: Option<(String, String)>,
}

/// One file of the index, by path relative to the index folder.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexFile {
    pub rel: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Meta {
    v: u32,
    docs: usize,
    per_chunk: usize,
    /// Documents in `d/recent.json`.
    #[serde(default)]
    recent: usize,
    version: String,
    terms: Vec<String>,
}

/// Whether `c` belongs to a word: a letter, a digit or a combining mark.
fn is_word_char(c: char) -> bool {
    match c {
        // Fast paths for the characters of Vietnamese text, which are nearly all of them.
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{00D7}' | '\u{00F7}' => false,
        '\u{00C0}'..='\u{024F}' | '\u{1EA0}'..='\u{1EF9}' => true,
        _ => c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// Words of a text: maximal runs of letters, digits and combining marks.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// The terms of a text as `(folded, identity)` pairs: what is matched, and the spelling
/// that decides whether a match is exact.
pub fn terms(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for word in words(text) {
        let identity = vietnamese::term_identity(word);
        // Folding never splits a word in practice, but a folded piece must still be a word.
        for piece in words(&vietnamese::fold(word)) {
            out.push((piece.to_string(), identity.clone()));
        }
    }
    out
}

/// The index files for every published article of the site, which keeps its plain texts.
pub fn build(site: &Site) -> Vec<IndexFile> {
    build_docs_taking(docs_sharing_texts(site), &Tiers::from_env())
}

/// The documents of every published article of the site, sharing its plain texts.
fn docs_sharing_texts(site: &Site) -> Vec<Doc<'_>> {
    let bodies = |held: &[Article]| held.iter().map(|a| a.plain_text.clone()).collect();
    docs_of(site, bodies(&site.articles), bodies(&site.documents))
}

/// The documents of the index, owned: the index is built from them on another thread while
/// the site they were read from changes (the dev server's, once saves pause).
pub struct Corpus {
    docs: Vec<OwnedDoc>,
}

/// A `Doc` holding its own strings (the body is shared with the site).
struct OwnedDoc {
    url: String,
    title: String,
    summary: String,
    body: PlainText,
    categories: Vec<String>,
    authors: Vec<String>,
    tags: Vec<String>,
    date_display: String,
    date_iso: String,
    category: Option<(String, String)>,
}

impl Corpus {
    /// The documents `build` would index for `site`.
    pub fn of(site: &Site) -> Corpus {
        let docs = docs_sharing_texts(site)
            .into_iter()
            .map(|d| OwnedDoc {
                url: d.url.to_string(),
                title: d.title.to_string(),
                summary: d.summary.to_string(),
                body: d.body,
                categories: d.categories.to_vec(),
                authors: d.authors.to_vec(),
                tags: d.tags.to_vec(),
                date_display: d.date_display,
                date_iso: d.date_iso,
                category: d.category,
            })
            .collect();
        Corpus { docs }
    }

    /// The index, as `SearchFiles::build` makes it from the site the corpus was read from.
    pub fn index(self) -> SearchFiles {
        let docs = self
            .docs
            .iter()
            .map(|d| Doc {
                url: &d.url,
                title: &d.title,
                summary: &d.summary,
                body: d.body.clone(),
                categories: &d.categories,
                authors: &d.authors,
                tags: &d.tags,
                date_display: d.date_display.clone(),
                date_iso: d.date_iso.clone(),
                category: d.category.clone(),
            })
            .collect();
        SearchFiles::of(build_docs_taking(docs, &Tiers::from_env()))
    }
}

/// `build` for a run that reads no plain text after the index (a build, `check`): the texts
/// are taken from the site, and each wave of documents' texts is freed once the index has
/// read it, so the whole archive's plain text and HTML are not held together to the end.
pub fn build_taking_texts(site: &mut Site) -> Vec<IndexFile> {
    let take = |held: &mut [Article]| {
        held.iter_mut()
            .map(|a| std::mem::take(&mut a.plain_text))
            .collect()
    };
    let articles = take(&mut site.articles);
    let documents = take(&mut site.documents);
    build_docs_taking(docs_of(site, articles, documents), &Tiers::from_env())
}

/// The documents of `site` with the bodies given in the order of its articles and documents.
fn docs_of(
    site: &Site,
    article_bodies: Vec<PlainText>,
    document_bodies: Vec<PlainText>,
) -> Vec<Doc<'_>> {
    // Oldest first: `site.articles` is newest first. In parallel: two dates written and a
    // category looked up per article, some 0.1 s at 100,000 articles on one thread.
    let articles: Vec<Doc<'_>> = site
        .articles
        .par_iter()
        .zip(article_bodies)
        .rev()
        .map(|(a, body)| Doc {
            url: &a.path,
            title: &a.title,
            summary: &a.summary,
            body,
            categories: &a.categories,
            authors: &a.authors,
            tags: &a.tags,
            date_display: vietnamese::display_date(&a.date.when, a.date.has_time),
            date_iso: a.date.when.to_rfc3339(),
            category: a.categories.first().map(|name| {
                // The term's shown spelling, as on every page, whatever this article wrote.
                let (name, slug) = site.categories.term_of(name).map_or_else(
                    || (name.clone(), vietnamese::slugify(name)),
                    |t| (t.name.clone(), t.slug.clone()),
                );
                let segment = TaxonomyKind::Categories.segment();
                (name, site.config.site_path(&format!("/{segment}/{slug}/")))
            }),
        })
        .collect();
    with_documents(site, articles, document_bodies)
}

/// The articles' entries (oldest first) with the directive documents' merged in by date:
/// a document is found by its number and type (its title), its summary and its text, and
/// shown as a document ("Văn bản", linking to the list) where articles show a category.
fn with_documents<'a>(
    site: &'a Site,
    articles: Vec<Doc<'a>>,
    bodies: Vec<PlainText>,
) -> Vec<Doc<'a>> {
    if site.documents.is_empty() {
        return articles;
    }
    let list = site
        .config
        .site_path(&format!("/{}/", crate::content::document::FOLDER));
    let documents = site
        .documents
        .iter()
        .zip(bodies)
        .rev()
        .map(|(d, body)| Doc {
            url: &d.path,
            title: &d.title,
            summary: &d.summary,
            body,
            categories: &[],
            authors: &[],
            tags: &[],
            date_display: vietnamese::display_date(&d.date.when, d.date.has_time),
            date_iso: d.date.when.to_rfc3339(),
            category: Some(("Văn bản".to_string(), list.clone())),
        });
    let mut merged: Vec<(chrono::DateTime<chrono::Utc>, Doc<'a>)> = articles
        .into_iter()
        .zip(site.articles.iter().rev())
        .map(|(doc, a)| (a.date.when.to_utc(), doc))
        .chain(
            site.documents
                .iter()
                .rev()
                .map(|d| d.date.when.to_utc())
                .zip(documents),
        )
        .collect();
    // Stable: articles before documents of the same instant.
    merged.sort_by_key(|(when, _)| *when);
    merged.into_iter().map(|(_, doc)| doc).collect()
}

/// The index files for `docs`, oldest first (a document's id is its position), common terms
/// split as `tiers` says.
pub fn build_docs(docs: &[Doc<'_>], tiers: &Tiers) -> Vec<IndexFile> {
    build_docs_taking(docs.to_vec(), tiers)
}

/// `build_docs` freeing each body once read (the last copy when the site gave it up).
fn build_docs_taking(mut docs: Vec<Doc<'_>>, tiers: &Tiers) -> Vec<IndexFile> {
    let docs = &mut docs[..];
    let mut files = Vec::new();
    let gathered = gather::gather(docs);
    let docs = &*docs;
    // The shards are written on one thread, the document table beside them.
    let (terms, table) = rayon::join(
        || shards(gathered, docs.len(), tiers, &mut files),
        || chunks(docs),
    );
    files.extend(table);
    let recent = &docs[docs.len().saturating_sub(RECENT)..];
    files.push(IndexFile {
        rel: "d/recent.json".into(),
        bytes: rows(recent).into_bytes(),
    });
    let meta = Meta {
        v: VERSION,
        docs: docs.len(),
        per_chunk: PER_CHUNK,
        recent: recent.len(),
        version: version_of(&files),
        terms,
    };
    files.push(IndexFile {
        rel: MANIFEST.into(),
        bytes: serde_json::to_vec(&meta).unwrap_or_default(),
    });
    files
}

/// The index's version: a hash of each file's name and a hash of its bytes, these made in
/// parallel. A tail's bytes are left out, its name being a hash of them (`tail_file`): at
/// 100,000 articles the tails are 98 of the index's 227 MB, against 3 of 23 at 10,000.
fn version_of(files: &[IndexFile]) -> String {
    let digests: Vec<u64> = files
        .par_iter()
        .map(|f| {
            let mut hash = Hash64::default();
            if !f.rel.starts_with(TAILS) {
                hash.write(&f.bytes);
            }
            hash.finish()
        })
        .collect();
    let mut hash = Hash64::default();
    for (f, digest) in files.iter().zip(digests) {
        hash.write(f.rel.as_bytes());
        hash.write(&digest.to_le_bytes());
    }
    format!("{:016x}", hash.finish())
}

/// Postings of one spelling while they are being written: the last document, how many are
/// in the title (to tell whether older postings may rank by the title), and the text.
/// Document ids fit 32 bits (search.js counts 24): millions of these are alive at once.
#[derive(Default)]
struct Postings {
    next: u32,
    titles: u32,
    text: String,
}

impl Postings {
    fn push(&mut self, id: u64, in_title: bool) {
        encode(
            (id - u64::from(self.next)) * 2 + u64::from(in_title),
            &mut self.text,
        );
        self.next = id as u32;
        self.titles += u32::from(in_title);
    }
}

/// Appends `n` in the posting digits: base 32, most significant first, the last digit from
/// the ending half of [`DIGITS`].
pub fn encode(n: u64, out: &mut String) {
    // Most postings are one digit: a document right after the previous one.
    if n < 32 {
        out.push(char::from(DIGITS[n as usize]));
        return;
    }
    let mut groups = [0u8; 13];
    let mut len = 0;
    let mut rest = n;
    loop {
        groups[len] = (rest % 32) as u8;
        len += 1;
        rest /= 32;
        if rest == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let offset = if i == 0 { 0 } else { 32 };
        out.push(char::from(DIGITS[usize::from(groups[i]) + offset]));
    }
}

/// How many digits [`encode`] writes for `n`: one per five bits, at least one.
pub(crate) fn encoded_len(n: u64) -> usize {
    (64 - (n | 1).leading_zeros() as usize).div_ceil(5)
}

/// Reads posting numbers back; `None` on a character that is not a digit.
pub fn decode(text: &str) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut acc: u64 = 0;
    for b in text.bytes() {
        let d = DIGITS.iter().position(|&x| x == b)? as u64;
        acc = acc.checked_mul(32)?.checked_add(d % 32)?;
        if d < 32 {
            out.push(acc);
            acc = 0;
        }
    }
    Some(out)
}

/// Opens the `i`-th spelling of a term's entry, `["<identity>","<postings>"`: the caller
/// closes it (after the head's flags, when the term is split).
fn push_spelling(entry: &mut String, i: usize, identity: &str, postings: &str) {
    if i > 0 {
        entry.push(',');
    }
    entry.push('[');
    push_json_string(entry, identity);
    entry.push(',');
    push_json_string(entry, postings);
}

/// Terms compare as JavaScript compares strings, so the browser finds the same shard.
fn js_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// A 64-bit hash of the index's bytes, eight at a time, for the version's name and the
/// tails' names (FNV-1a, a byte at a time, took 0.3 s of 8.7 at 100,000 articles). The
/// names are published, so the function stays.
#[derive(Clone, Copy)]
struct Hash64(u64);

impl Default for Hash64 {
    fn default() -> Self {
        Hash64(0xcbf2_9ce4_8422_2325)
    }
}

impl Hash64 {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0 ^ word)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
}

impl Hasher for Hash64 {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            self.mix(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        }
        let rest = words.remainder();
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        // The length apart, so that "ab" + "c" and "a" + "bc" differ.
        self.mix(u64::from_le_bytes(last));
        self.mix(bytes.len() as u64);
    }

    fn finish(&self) -> u64 {
        // MurmurHash3's finalizer: every bit of the state moves every bit of the name.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// Maps of the index's words and pairs: FxHash, eight bytes at a time, where std's SipHash
/// (built to resist hostile keys, which a site's own text is not) or a byte-at-a-time FNV
/// cost a tenth of the build. Nothing is written in a map's order.
type FastMap<K, V> = HashMap<K, V, rustc_hash::FxBuildHasher>;

/// Appends `s` as a JSON string, escaped as serde_json escapes it.
fn push_json_string(out: &mut String, s: &str) {
    if s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into()));
    } else {
        out.push('"');
        out.push_str(s);
        out.push('"');
    }
}

fn numbered(dir: &str, n: usize, body: String) -> IndexFile {
    IndexFile {
        rel: format!("{dir}/{n}.json"),
        bytes: body.into_bytes(),
    }
}

/// Packs the terms into shards of about [`SHARD_BYTES`], a common term's older postings
/// into its tail file (see [`tiers`]); returns each shard's first term.
fn shards(
    gathered: gather::Gathered,
    docs: usize,
    tiers: &Tiers,
    files: &mut Vec<IndexFile>,
) -> Vec<String> {
    let mut firsts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut entry = String::new();
    let mut tails: Vec<IndexFile> = Vec::new();
    let mut tail_names: HashSet<String> = HashSet::new();
    let flush = |firsts: &Vec<String>, current: &mut String, files: &mut Vec<IndexFile>| {
        let mut body = String::with_capacity(current.len() + 2);
        body.push('{');
        body.push_str(current);
        body.push('}');
        files.push(numbered("t", firsts.len() - 1, body));
        current.clear();
    };
    gathered.for_each(|term, spellings, pair| {
        entry.clear();
        push_json_string(&mut entry, term);
        match tiers::split(spellings, pair, docs, tiers) {
            None => {
                entry.push_str(":[");
                for (i, (identity, postings)) in spellings.iter().enumerate() {
                    push_spelling(&mut entry, i, identity, &postings.text);
                    entry.push(']');
                }
                entry.push(']');
            }
            Some(split) => {
                let tail = tail_file(term, &split, spellings, &mut tail_names);
                let name = &tail.rel[TAILS.len()..tail.rel.len() - ".json".len()];
                entry.push_str(&format!(":{{\"cut\":{},\"tail\":\"{name}\",", split.cut));
                for (key, members) in [("has", &split.has), ("titles", &split.titles)] {
                    if let Some(members) = members {
                        entry.push_str(&format!("\"{key}\":"));
                        push_json_string(&mut entry, members);
                        entry.push(',');
                    }
                }
                entry.push_str("\"v\":[");
                for (i, ((identity, _), s)) in spellings.iter().zip(&split.spellings).enumerate() {
                    push_spelling(&mut entry, i, identity, &s.head);
                    entry.push_str(&format!(",{}]", s.flags));
                }
                entry.push_str("]}");
                tails.push(tail);
            }
        }
        if !current.is_empty() && current.len() + entry.len() > SHARD_BYTES {
            flush(&firsts, &mut current, files);
        }
        if current.is_empty() {
            // The first shard starts at "" so that every term has a shard to look in.
            firsts.push(if firsts.is_empty() {
                String::new()
            } else {
                term.to_string()
            });
        } else {
            current.push(',');
        }
        current.push_str(&entry);
    });
    if !current.is_empty() || firsts.is_empty() {
        if firsts.is_empty() {
            firsts.push(String::new());
        }
        flush(&firsts, &mut current, files);
    }
    files.append(&mut tails);
    firsts
}

/// A split term's tail file, `x/<name>.json`: the older postings of each spelling, in the
/// order of its head. The name is a hash of the term and the content, so that a tail keeps
/// its name while it does not change (new articles only add to heads) and a page never reads
/// the tail of another build under a name it knows. The postings are not read again: the
/// file is written in the first spelling's text, memory in use already; at 100,000 articles
/// the tails are some 100 MB, which as new memory the system clears before it is written.
fn tail_file(
    term: &str,
    split: &tiers::Split,
    spellings: &mut [(&str, Postings)],
    taken: &mut HashSet<String>,
) -> IndexFile {
    let after_first: usize = split.spellings.iter().skip(1).map(|s| s.tail_len + 3).sum();
    let mut tails = spellings
        .iter_mut()
        .zip(&split.spellings)
        .map(|((_, postings), s)| (postings, s.tail_len));
    let mut body = tails.next().map_or_else(String::new, |(postings, len)| {
        let mut text = std::mem::take(&mut postings.text);
        text.truncate(len);
        text
    });
    body.reserve(after_first + 4);
    // Posting digits need no escaping (see `DIGITS`).
    body.insert_str(0, "[\"");
    body.push('"');
    for (postings, len) in tails {
        body.push_str(",\"");
        body.push_str(&postings.text[..len]);
        body.push('"');
    }
    body.push(']');
    let mut hash = Hash64::default();
    hash.write(term.as_bytes());
    hash.write(body.as_bytes());
    let mut name = format!("{:016x}", hash.finish());
    // Two tails under one name: never seen, but a name must stay one file.
    while !taken.insert(name.clone()) {
        name.push('x');
    }
    IndexFile {
        rel: format!("{TAILS}{name}.json"),
        bytes: body.into_bytes(),
    }
}

/// `text` cut to at most [`SUMMARY_CHARS`] characters at a word boundary, with `…`.
fn shorten(text: &str) -> String {
    if text.chars().count() <= SUMMARY_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The document table in chunks of [`PER_CHUNK`].
fn chunks(docs: &[Doc<'_>]) -> Vec<IndexFile> {
    docs.par_chunks(PER_CHUNK)
        .enumerate()
        .map(|(k, chunk)| numbered("d", k, rows(chunk)))
        .collect()
}

/// The result rows of `docs` as a JSON array.
fn rows(docs: &[Doc<'_>]) -> String {
    let summaries: Vec<String> = docs.iter().map(|d| shorten(d.summary)).collect();
    let rows: Vec<[&str; 7]> = docs
        .iter()
        .zip(&summaries)
        .map(|(d, summary)| {
            let (name, url) = d
                .category
                .as_ref()
                .map_or(("", ""), |(n, u)| (n.as_str(), u.as_str()));
            let (display, iso) = (d.date_display.as_str(), d.date_iso.as_str());
            [d.url, d.title, display, iso, name, url, summary]
        })
        .collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(title: &'a str, body: &'a str) -> Doc<'a> {
        Doc {
            url: "/a/",
            title,
            summary: "",
            body: body.to_string().into(),
            categories: &[],
            authors: &[],
            tags: &[],
            date_display: String::new(),
            date_iso: String::new(),
            category: None,
        }
    }

    /// Ranked document ids, the same whether common terms are split or not: with tails
    /// read, and as far as the first page needs without them.
    fn ids(docs: &[Doc<'_>], query: &str) -> Vec<u64> {
        let whole = search(&build_docs(docs, &Tiers::default()), query).unwrap();
        for head_postings in 1..4 {
            let tiers = Tiers {
                split_bytes: 0,
                head_postings,
            };
            same_answers(&build_docs(docs, &tiers), query, &whole);
        }
        whole.into_iter().map(|h| h.doc).collect()
    }

    /// `files` answer `query` with `whole`, and their first page is its first hits.
    /// A site of `n` articles parsed from Markdown, with a shared word in every body.
    fn parsed_site(n: usize) -> Site {
        let config = crate::config::parse(
            "title: T\nbase_url: https://x.vn/\n",
            std::path::Path::new("site.yaml"),
            None,
        )
        .unwrap();
        let articles = (0..n)
            .map(|i| {
                let text = format!(
                    "---\ntitle: Bài {i}\ndate: 2023-06-{:02}\n---\nSapo {i}.\n\nDân vận khéo, tuyên vận số {i}.\n",
                    i % 28 + 1
                );
                let rel = format!("content/bai-{i}.md");
                crate::content::parse_article(std::path::Path::new(&rel), &text, &config).unwrap()
            })
            .collect();
        let visible = crate::site::Visibility {
            drafts: false,
            future: true,
        };
        crate::site::build(config, articles, visible, chrono::Utc::now()).unwrap()
    }

    #[test]
    fn taking_the_texts_gives_the_same_index_and_frees_them() {
        let mut site = parsed_site(40);
        let whole = build(&site);
        assert!(site
            .articles
            .iter()
            .all(|a| a.plain_text.to_text().contains("tuyên vận")));
        assert_eq!(build_taking_texts(&mut site), whole);
        assert!(site.articles.iter().all(|a| a.plain_text.is_empty()));
    }

    #[test]
    fn each_body_is_freed_once_read() {
        let mut docs: Vec<Doc<'_>> = (0..40).map(|_| doc("Tin", "Dân vận khéo")).collect();
        let gathered = gather::gather(&mut docs);
        assert!(docs.iter().all(|d| d.body.is_empty()));
        let mut terms = Vec::new();
        gathered.for_each(|term, _, _| terms.push(term.to_string()));
        assert!(terms.iter().any(|t| t == "kheo"), "{terms:?}");
    }

    fn same_answers(files: &[IndexFile], query: &str, whole: &[Hit]) {
        assert_eq!(search(files, query).unwrap(), whole, "query {query:?}");
        let first = first_page(files, query).unwrap();
        assert_eq!(first.total, whole.len(), "query {query:?}");
        let docs = |hits: &[Hit]| hits.iter().map(|h| h.doc).collect::<Vec<_>>();
        assert_eq!(
            docs(&first.hits),
            docs(&whole[..first.hits.len()]),
            "query {query:?}"
        );
        assert!(first.hits.len() >= whole.len().min(PAGE), "query {query:?}");
    }

    #[test]
    fn unaccented_queries_find_accented_text() {
        let docs = [
            doc("Thông tin tuyên vận", ""),
            doc("Đảng bộ tỉnh", ""),
            doc("Tin Điện Biên", ""),
            doc("Họp Ủy ban nhân dân", ""),
            doc("Họp Uỷ ban nhân dân", ""),
            doc("Chuyện khác", "không liên quan"),
        ];
        assert_eq!(ids(&docs, "tuyen van"), [0]);
        assert_eq!(ids(&docs, "dang"), [1]);
        assert_eq!(ids(&docs, "DANG"), [1]);
        assert_eq!(ids(&docs, "dien bien"), [2]);
        assert_eq!(ids(&docs, "uy ban"), [4, 3]);
        assert_eq!(ids(&docs, "đảng"), [1]);
        assert_eq!(ids(&docs, "Tuyên van"), [0]);
        assert_eq!(ids(&docs, "tuyen hop"), Vec::<u64>::new());
        assert_eq!(ids(&docs, "  ,;  "), Vec::<u64>::new());
    }

    #[test]
    fn nfd_query_and_text_match() {
        let nfd: String =
            unicode_normalization::UnicodeNormalization::nfd("Điện Biên Phủ").collect();
        let docs = [doc(&nfd, "")];
        assert_eq!(ids(&docs, "điện biên"), [0]);
        assert_eq!(ids(&docs, "dien bien phu"), [0]);
    }

    #[test]
    fn exact_marks_rank_above_folded_matches() {
        // The older article spells it exactly; the newer only folds to it.
        let docs = [
            doc("Bài cũ", "công tác tuyên giáo"),
            doc("Bài mới", "ngày tuyền"),
        ];
        assert_eq!(ids(&docs, "tuyên"), [0, 1]);
        assert_eq!(ids(&docs, "tuyền"), [1, 0]);
        // Without marks nothing is exact: newer first.
        assert_eq!(ids(&docs, "tuyen"), [1, 0]);
    }

    #[test]
    fn tone_placement_counts_as_exact() {
        let docs = [
            doc("Tỉnh ủy họp", ""),
            doc("Tỉnh uỷ họp", ""),
            doc("Tỉnh uy", ""),
        ];
        let hits = search(&build_docs(&docs, &Tiers::default()), "uỷ").unwrap();
        let exact: Vec<(u64, usize)> = hits.iter().map(|h| (h.doc, h.exact)).collect();
        assert_eq!(exact, [(1, 1), (0, 1), (2, 0)]);
    }

    #[test]
    fn title_matches_rank_above_body_matches_then_newer_first() {
        let docs = [
            doc("Hội nghị tuyên vận", ""),
            doc("Tin khác", "hội nghị tuyên vận"),
            doc("Tuyên vận năm 2024", "nói về tuyên vận"),
            doc("Tin thứ tư", "tuyên vận"),
        ];
        assert_eq!(ids(&docs, "tuyên vận"), [2, 0, 3, 1]);
        // One word in the title beats none.
        assert_eq!(ids(&docs, "hội nghị"), [0, 1]);
    }

    #[test]
    fn every_query_word_must_match() {
        let docs = [doc("Điện Biên", ""), doc("Lai Châu", "Điện")];
        assert_eq!(ids(&docs, "dien"), [0, 1]);
        assert_eq!(ids(&docs, "dien bien"), [0]);
        assert_eq!(ids(&docs, "dien lai"), [1]);
    }

    #[test]
    fn postings_round_trip() {
        let numbers = [0, 1, 31, 32, 33, 1023, 1024, 65_535, u64::from(u32::MAX)];
        let mut text = String::new();
        for n in numbers {
            encode(n, &mut text);
        }
        assert_eq!(decode(&text).unwrap(), numbers);
        assert_eq!(decode("0v"), Some(vec![0, 31]));
        assert_eq!(decode("B0"), Some(vec![32]));
        assert_eq!(decode("\""), None);
    }

    #[test]
    fn encoded_len_counts_the_digits_written() {
        for n in [
            0,
            1,
            31,
            32,
            1023,
            1024,
            32_767,
            32_768,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut text = String::new();
            encode(n, &mut text);
            assert_eq!(encoded_len(n), text.len(), "{n}");
        }
    }

    #[test]
    fn shards_split_and_every_term_is_found() {
        let words: Vec<String> = (0..3000).map(|i| format!("từ{i} chữ{i}")).collect();
        let docs: Vec<Doc<'_>> = words.iter().map(|w| doc(w, "")).collect();
        let files = build_docs(&docs, &Tiers::default());
        let shards = files.iter().filter(|f| f.rel.starts_with("t/")).count();
        assert!(shards > 1, "{shards} shards");
        for i in [0u64, 1, 1500, 2999] {
            assert_eq!(ids(&docs, &format!("tu{i}")), [i]);
            assert_eq!(ids(&docs, &format!("chữ{i}")), [i]);
        }
        assert!(files
            .iter()
            .filter(|f| f.rel.starts_with("t/"))
            .all(|f| f.bytes.len() <= SHARD_BYTES + 200));
    }

    #[test]
    fn output_is_deterministic() {
        let docs = [doc("Đảng bộ", "tuyên vận ủy ban"), doc("Hai", "ba bốn")];
        assert_eq!(
            build_docs(&docs, &Tiers::default()),
            build_docs(&docs, &Tiers::default())
        );
        assert_eq!(build_docs(&[], &Tiers::default()).len(), 3);
        assert!(search(&build_docs(&[], &Tiers::default()), "x")
            .unwrap()
            .is_empty());
    }

    #[test]
    fn the_version_follows_every_file_and_a_tail_by_its_name() {
        let file = |rel: &str, bytes: &str| IndexFile {
            rel: rel.into(),
            bytes: bytes.into(),
        };
        let files = [file("t/0.json", "{}"), file("x/ab.json", "[\"1\"]")];
        let version = version_of(&files);
        let changed = |i: usize, f: IndexFile| {
            let mut files = files.clone();
            files[i] = f;
            version_of(&files)
        };
        assert_eq!(version, version_of(&files.clone()));
        assert_ne!(version, changed(0, file("t/0.json", "{\"a\":[]}")));
        assert_ne!(version, changed(0, file("t/1.json", "{}")));
        assert_ne!(version, changed(1, file("x/cd.json", "[\"1\"]")));
        // A tail's bytes change only with its name, which is a hash of them.
        assert_eq!(version, changed(1, file("x/ab.json", "[\"2\"]")));
    }

    #[test]
    fn recent_file_repeats_the_newest_rows() {
        let titles: Vec<String> = (0..RECENT + 5).map(|i| format!("Bài {i}")).collect();
        let docs: Vec<Doc<'_>> = titles.iter().map(|t| doc(t, "")).collect();
        let files = build_docs(&docs, &Tiers::default());
        let file = |rel: &str| {
            let f = files.iter().find(|f| f.rel == rel).unwrap();
            serde_json::from_slice::<serde_json::Value>(&f.bytes).unwrap()
        };
        let recent = file("d/recent.json");
        assert_eq!(file(MANIFEST)["recent"], RECENT);
        assert_eq!(recent.as_array().unwrap().len(), RECENT);
        assert_eq!(recent[0][1], "Bài 5");
        // The newest document, as its own chunk has it.
        let last = RECENT + 4;
        let chunk = file(&format!("d/{}.json", last / PER_CHUNK));
        assert_eq!(recent[RECENT - 1], chunk[last % PER_CHUNK]);
    }

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        let long = "Một hai ba bốn năm ".repeat(40);
        let short = shorten(&long);
        assert!(short.ends_with('…'));
        assert!(short.chars().count() <= SUMMARY_CHARS + 1);
        assert_eq!(shorten("Ngắn."), "Ngắn.");
    }

    #[test]
    fn a_lone_older_hit_needs_no_tail_but_older_hits_to_order_do() {
        let bodies: Vec<String> = (0..40)
            .map(|i| match i {
                3 => "Tuyên vận số 11002.".to_string(),
                5 | 6 => "Tuyên vận. Công văn 849-CV/TU.".to_string(),
                _ => format!("Công tác tuyên vận năm {i}."),
            })
            .collect();
        let docs: Vec<Doc<'_>> = bodies.iter().map(|b| doc("Tin", b)).collect();
        let tiers = Tiers {
            split_bytes: 0,
            head_postings: 4,
        };
        let files = build_docs(&docs, &tiers);
        let tails = |a: &Answer| a.files.iter().filter(|f| f.starts_with("x/")).count();
        // One hit has its place whatever the tails add to its counts.
        let lone = first_page(&files, "tuyên vận 11002").unwrap();
        assert_eq!((lone.total, tails(&lone)), (1, 0), "{:?}", lone.files);
        assert_eq!(lone.hits[0].doc, 3);
        // Two older hits alike so far: the tails tell which has the marks typed.
        let two = first_page(&files, "tuyên vận 849").unwrap();
        assert_eq!(two.total, 2);
        assert!(tails(&two) > 0, "{:?}", two.files);
        assert_eq!(ids(&docs, "tuyên vận 849"), [6, 5]);
    }

    /// Words of the property test's documents and queries: marks and none, a pair, titles.
    const VOCABULARY: &[&str] = &[
        "tuyên",
        "tuyen",
        "vận",
        "văn",
        "van",
        "ủy",
        "uỷ",
        "ban",
        "bán",
        "Đảng",
        "đang",
        "bộ",
        "y",
        "tế",
        "849-CV/TU",
        ",",
        ".",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]
        /// Split at any size, an index answers every query with the hits of the whole one,
        /// and its first page from the shards alone is the start of them.
        #[test]
        fn split_terms_answer_as_whole_ones(
            texts in proptest::collection::vec(
                proptest::collection::vec(0usize..VOCABULARY.len(), 1..10), 40..120),
            head_postings in 1usize..8,
            queries in proptest::collection::vec(
                proptest::collection::vec(0usize..VOCABULARY.len(), 1..4), 8),
        ) {
            let join = |ws: &[usize]| ws.iter().map(|&w| VOCABULARY[w]).collect::<Vec<_>>().join(" ");
            let parts: Vec<(String, String)> = texts
                .iter()
                .map(|ws| {
                    // Common words in every body, so that words are split too.
                    let cut = ws.len().min(3);
                    (join(&ws[..cut]), format!("Công tác tuyên vận {}", join(&ws[cut..])))
                })
                .collect();
            let docs: Vec<Doc<'_>> = parts.iter().map(|(t, b)| doc(t, b)).collect();
            let whole = build_docs(&docs, &Tiers::default());
            let tiers = Tiers { split_bytes: 0, head_postings };
            let tiered = build_docs(&docs, &tiers);
            proptest::prop_assert!(tiered.iter().any(|f| f.rel.starts_with("x/")));
            for q in &queries {
                let query = join(q);
                same_answers(&tiered, &query, &search(&whole, &query).unwrap());
            }
        }
    }

    #[test]
    fn terms_split_codes_and_fold() {
        let t = terms("Quyết định 1327-QĐ/TU");
        let folded: Vec<&str> = t.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(folded, ["quyet", "dinh", "1327", "qd", "tu"]);
    }
}
