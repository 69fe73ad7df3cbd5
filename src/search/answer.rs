//! Answers a query from the index files exactly as `search.js` does, for tests and tools:
//! first from the term shards alone, then with the tails of its common terms when the shards
//! cannot tell the first page (or when every hit is asked for).

use super::{decode, js_order, query_pairs, tiers, IndexFile, Meta, MANIFEST};
use std::collections::BTreeMap;

/// Results a page shows at a time (`PAGE` in `search.js`).
pub const PAGE: usize = 10;

/// One search result before display: a document and how well it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u64,
    /// Query words the document holds with the very marks typed.
    pub exact: usize,
    /// Query words found in the title.
    pub in_title: usize,
    /// Adjacent pairs of query words (see [`query_pairs`]) found next to each other.
    pub phrase: usize,
    /// Of those, the pairs found next to each other in the title.
    pub phrase_in_title: usize,
}

impl Hit {
    /// What ranks it, most significant first.
    fn key(&self) -> (usize, usize, usize, usize, u64) {
        (
            self.phrase_in_title,
            self.phrase,
            self.exact,
            self.in_title,
            self.doc,
        )
    }
}

/// The ranking rule, shared with `search.js`: the query's words as a phrase in the title
/// first, then as a phrase anywhere, then exact-mark matches, then title matches, then
/// newer (higher id) before older.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_by_key(|h| std::cmp::Reverse(h.key()));
}

/// The query's distinct folded terms, each with the spellings typed for it.
pub fn query_terms(query: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for (folded, identity) in super::terms(query) {
        match out.iter_mut().find(|(f, _)| *f == folded) {
            Some((_, ids)) => ids.push(identity),
            None => out.push((folded, vec![identity])),
        }
    }
    out
}

/// A query answered as far as `search.js` answers it before showing the first page.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The first hits in rank order: every hit, or at least those of the first page. Without
    /// the tails, an older hit's counts are those the shards tell (its place is right).
    pub hits: Vec<Hit>,
    /// How many documents hold every query word.
    pub total: usize,
    /// The index files read (the manifest apart), in the order first read.
    pub files: Vec<String>,
}

/// Every hit of `query` in rank order: every query word must match.
pub fn search(files: &[IndexFile], query: &str) -> Result<Vec<Hit>, String> {
    let mut index = Index::open(files)?;
    let Some(mut terms) = index.terms(query)? else {
        return Ok(Vec::new());
    };
    index.tails(&mut terms)?;
    Ok(terms.ranked()?.hits)
}

/// `query` answered as `search.js` answers it for its first page: from the shards, and with
/// the tails only when the shards cannot tell that page.
pub fn first_page(files: &[IndexFile], query: &str) -> Result<Answer, String> {
    let mut index = Index::open(files)?;
    let Some(mut terms) = index.terms(query)? else {
        return Ok(Answer {
            hits: Vec::new(),
            total: 0,
            files: Vec::new(),
        });
    };
    let mut ranked = terms.ranked()?;
    if ranked.hits.len() < ranked.total.min(PAGE) {
        index.tails(&mut terms)?;
        ranked = terms.ranked()?;
    }
    Ok(Answer {
        hits: ranked.hits,
        total: ranked.total,
        files: index.read,
    })
}

/// The index files and those read so far.
struct Index<'a> {
    files: &'a [IndexFile],
    meta: Meta,
    read: Vec<String>,
}

impl<'a> Index<'a> {
    fn open(files: &'a [IndexFile]) -> Result<Index<'a>, String> {
        let mut index = Index {
            files,
            meta: Meta::default(),
            read: Vec::new(),
        };
        index.meta = serde_json::from_slice(index.file(MANIFEST)?).map_err(|e| e.to_string())?;
        index.read.clear();
        Ok(index)
    }

    fn file(&mut self, rel: &str) -> Result<&'a [u8], String> {
        if !self.read.iter().any(|r| r == rel) {
            self.read.push(rel.to_string());
        }
        self.files
            .iter()
            .find(|f| f.rel == rel)
            .map(|f| f.bytes.as_slice())
            .ok_or_else(|| format!("index file {rel} is missing"))
    }

    /// The entry of `term` in its shard (empty when the index does not hold it).
    fn entry(&mut self, term: &str) -> Result<Entry, String> {
        let shard = self
            .meta
            .terms
            .iter()
            .rposition(|first| js_order(first, term).is_le())
            .ok_or("no shard")?;
        let bytes = self.file(&format!("t/{shard}.json"))?;
        let mut entries: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
        Entry::parse(entries.remove(term))
    }

    /// The entries of the query's words (at most 63, as many as `search.js` counts) and
    /// pairs, words first; `None` for a query without words.
    fn terms(&mut self, query: &str) -> Result<Option<Terms>, String> {
        let wanted: Vec<_> = query_terms(query).into_iter().take(63).collect();
        if wanted.is_empty() {
            return Ok(None);
        }
        let words = wanted
            .iter()
            .map(|(term, _)| self.entry(term))
            .collect::<Result<_, _>>()?;
        let pairs = query_pairs(query)
            .iter()
            .map(|pair| self.entry(pair))
            .collect::<Result<_, _>>()?;
        Ok(Some(Terms {
            wanted,
            words,
            pairs,
        }))
    }

    /// Reads the tail of every split term of the query.
    fn tails(&mut self, terms: &mut Terms) -> Result<(), String> {
        for entry in terms.words.iter_mut().chain(terms.pairs.iter_mut()) {
            if let Some(name) = &entry.tail {
                let bytes = self.file(&format!("x/{name}.json"))?;
                let tail: Vec<String> = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
                if tail.len() != entry.spellings.len() {
                    return Err(format!("tail {name} does not match its head"));
                }
                entry.older = Some(tail);
            }
        }
        Ok(())
    }
}

/// One term's entry in its shard: its spellings as `(identity, postings, flags)`, whole, or
/// from `cut` on with the older ones in a tail.
#[derive(Default)]
struct Entry {
    cut: u64,
    tail: Option<String>,
    has: Option<String>,
    titles: Option<String>,
    spellings: Vec<(String, String, u8)>,
    /// The tail's postings, by spelling, once read.
    older: Option<Vec<String>>,
}

impl Entry {
    fn parse(value: Option<serde_json::Value>) -> Result<Entry, String> {
        let bad = || "bad term entry".to_string();
        let spellings = |list: &serde_json::Value| -> Result<Vec<(String, String, u8)>, String> {
            list.as_array()
                .ok_or_else(bad)?
                .iter()
                .map(|s| {
                    let text = |i: usize| s.get(i).and_then(|v| v.as_str()).map(String::from);
                    let flags = s.get(2).and_then(|v| v.as_u64()).unwrap_or(0) as u8;
                    Ok((text(0).ok_or_else(bad)?, text(1).ok_or_else(bad)?, flags))
                })
                .collect()
        };
        Ok(match value {
            None => Entry::default(),
            Some(list @ serde_json::Value::Array(_)) => Entry {
                spellings: spellings(&list)?,
                ..Entry::default()
            },
            Some(split) => Entry {
                cut: split["cut"].as_u64().ok_or_else(bad)?,
                tail: Some(split["tail"].as_str().ok_or_else(bad)?.to_string()),
                has: split["has"].as_str().map(String::from),
                titles: split["titles"].as_str().map(String::from),
                spellings: spellings(&split["v"])?,
                older: None,
            },
        })
    }

    /// Documents before this one hold the term in ways (spellings, titles) not read yet.
    fn unknown_before(&self) -> u64 {
        if self.older.is_some() {
            0
        } else {
            self.cut
        }
    }

    /// The `(document, in title)` postings of spelling `i` read so far, oldest first.
    fn postings(&self, i: usize) -> Result<Vec<(u64, bool)>, String> {
        let mut out = match &self.older {
            Some(tail) => postings_of(&tail[i])?,
            None => Vec::new(),
        };
        out.extend(postings_of(&self.spellings[i].1)?);
        Ok(out)
    }

    /// Whether a document before [`Self::unknown_before`] may hold one of `spellings` (any
    /// when `None`).
    fn may(&self, spellings: Option<&[String]>) -> usize {
        let may = self.spellings.iter().any(|(identity, _, flags)| {
            flags & 1 == 1 && spellings.is_none_or(|s| s.contains(identity))
        });
        usize::from(may)
    }

    /// The documents before [`Self::unknown_before`] holding the term in the title.
    fn older_titles(&self) -> Result<Vec<u64>, String> {
        match (self.unknown_before(), &self.titles) {
            (0, _) | (_, None) => Ok(Vec::new()),
            (before, Some(titles)) => {
                tiers::read_members(titles, before).ok_or_else(|| "bad `titles`".into())
            }
        }
    }
}

/// A query's words (folded, with the spellings typed) and the entries of its words and pairs.
struct Terms {
    wanted: Vec<(String, Vec<String>)>,
    words: Vec<Entry>,
    pairs: Vec<Entry>,
}

/// Hits ranked as far as the entries read tell.
struct Ranked {
    /// The first hits, whose places are known, in rank order: each above the best any
    /// later hit may turn out once the tails are read. A hit's counts are those known so
    /// far (the tails may add to an older hit's, not to its place).
    hits: Vec<Hit>,
    total: usize,
}

impl Terms {
    fn ranked(&self) -> Result<Ranked, String> {
        // doc -> (words matched, exact, in title)
        let mut found: BTreeMap<u64, (usize, usize, usize)> = BTreeMap::new();
        for (n, ((_, typed), entry)) in self.wanted.iter().zip(&self.words).enumerate() {
            let mut this: BTreeMap<u64, (bool, bool)> = BTreeMap::new();
            for (i, (identity, _, _)) in entry.spellings.iter().enumerate() {
                let exact = typed.contains(identity);
                for (id, title) in entry.postings(i)? {
                    let e = this.entry(id).or_default();
                    e.0 |= exact;
                    e.1 |= title;
                }
            }
            let before = entry.unknown_before();
            if before > 0 {
                let has = entry.has.as_deref().ok_or("a word's entry without `has`")?;
                for id in tiers::read_members(has, before).ok_or("bad `has`")? {
                    this.entry(id).or_default();
                }
                for id in entry.older_titles()? {
                    this.entry(id).or_default().1 = true;
                }
            }
            for (doc, (exact, title)) in this {
                let e = found.entry(doc).or_default();
                if e.0 == n {
                    *e = (n + 1, e.1 + usize::from(exact), e.2 + usize::from(title));
                }
            }
        }
        let mut hits: BTreeMap<u64, Hit> = found
            .into_iter()
            .filter(|(_, (n, _, _))| *n == self.wanted.len())
            .map(|(doc, (_, exact, in_title))| {
                let hit = Hit {
                    doc,
                    exact,
                    in_title,
                    phrase: 0,
                    phrase_in_title: 0,
                };
                (doc, hit)
            })
            .collect();
        // Per hit, the pairs with postings not read yet that are known from their titles.
        let mut titled: BTreeMap<u64, usize> = BTreeMap::new();
        for entry in &self.pairs {
            let older = entry.older_titles()?.into_iter().map(|id| (id, true));
            for i in 0..entry.spellings.len() {
                for (id, title) in entry.postings(i)? {
                    if let Some(hit) = hits.get_mut(&id) {
                        hit.phrase += 1;
                        hit.phrase_in_title += usize::from(title);
                    }
                }
            }
            for (id, _) in older {
                if let Some(hit) = hits.get_mut(&id) {
                    hit.phrase += 1;
                    hit.phrase_in_title += 1;
                    *titled.entry(id).or_default() += 1;
                }
            }
        }
        let total = hits.len();
        // Each hit as known so far and the best it may turn out, in the order known so far;
        // a hit's place is told once it stays above the best any later one may turn out.
        let mut bounds: Vec<(Hit, Hit)> = hits
            .into_values()
            .map(|hit| {
                (
                    hit,
                    self.best(hit, titled.get(&hit.doc).copied().unwrap_or(0)),
                )
            })
            .collect();
        bounds.sort_by_key(|(known, _)| std::cmp::Reverse(known.key()));
        let mut best_after = vec![None; bounds.len() + 1];
        for i in (0..bounds.len()).rev() {
            best_after[i] = best_after[i + 1].max(Some(bounds[i].1.key()));
        }
        let told = (0..bounds.len())
            .take_while(|&i| best_after[i + 1].is_none_or(|best| bounds[i].0.key() > best))
            .count();
        let hits = bounds[..told].iter().map(|(known, _)| *known).collect();
        Ok(Ranked { hits, total })
    }

    /// The best `hit` may turn out once the tails are read: titles are known, but not
    /// whether an older document holds a word as typed, or a pair (`titled` of its pairs
    /// are known from their titles).
    fn best(&self, mut hit: Hit, titled: usize) -> Hit {
        for ((_, typed), entry) in self.wanted.iter().zip(&self.words) {
            if hit.doc < entry.unknown_before() {
                hit.exact += entry.may(Some(typed));
            }
        }
        let pairs: usize = self
            .pairs
            .iter()
            .filter(|e| hit.doc < e.unknown_before())
            .map(|e| e.may(None))
            .sum();
        hit.phrase += pairs - titled;
        hit
    }
}

/// The `(document, in title)` entries of one spelling's postings.
fn postings_of(text: &str) -> Result<Vec<(u64, bool)>, String> {
    let mut id = 0;
    let numbers = decode(text).ok_or("bad postings")?;
    Ok(numbers
        .into_iter()
        .map(|v| {
            id += v / 2;
            (id, v % 2 == 1)
        })
        .collect())
}
