//! Common terms' postings in two tiers: those of the newest documents stay in the term's shard
//! (the head), the older ones go to a file of their own (the tail) that `search.js` fetches
//! only when the results it must show cannot be told without them.
//!
//! A word's head also lists which older documents hold it (`has`), so the hits and their
//! number are known from the shards alone, and every term's head lists the older documents
//! holding it in the title (`titles`), which ranks most; only the order of older hits among
//! those alike in their titles may need the tail.

use super::{encode, Postings, DIGITS};

/// When a term's postings are split, and how many stay in its shard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tiers {
    /// A term whose postings (all its spellings) take more bytes than this may be split.
    pub split_bytes: usize,
    /// At most this many postings (all spellings) stay in the head: enough that the first
    /// pages of a common query are among them.
    pub head_postings: usize,
}

impl Default for Tiers {
    fn default() -> Self {
        Tiers {
            split_bytes: 8 * 1024,
            head_postings: 4096,
        }
    }
}

/// The variable that sets the tiers of a build, `<split bytes>,<head postings>`: for tests,
/// so that a small site has tails too.
pub const TIERS_VARIABLE: &str = "TUYENVAN_SEARCH_TIERS";

impl Tiers {
    /// The defaults, or what [`TIERS_VARIABLE`] says.
    pub fn from_env() -> Tiers {
        std::env::var(TIERS_VARIABLE)
            .ok()
            .and_then(|v| Tiers::parse(&v))
            .unwrap_or_default()
    }

    /// `<split bytes>,<head postings>`.
    fn parse(text: &str) -> Option<Tiers> {
        let (split, head) = text.split_once(',')?;
        Some(Tiers {
            split_bytes: split.trim().parse().ok()?,
            head_postings: head.trim().parse::<usize>().ok()?.max(1),
        })
    }

    /// The cut moves by whole steps, so that a tail stays the same file while articles are
    /// added, until the head has grown by about a sixteenth.
    fn step(&self) -> u32 {
        (self.head_postings / 16).max(1) as u32
    }
}

/// One spelling of a split term.
pub(super) struct Spelling {
    /// Postings of documents from the cut on, the first counted from 0.
    pub head: String,
    /// How many bytes of the spelling's postings are of documents before the cut: its tail,
    /// as written (counted from 0).
    pub tail_len: usize,
    /// 1 when the spelling has postings before the cut.
    pub flags: u8,
}

/// A term split in two tiers.
pub(super) struct Split {
    /// The first document of the head.
    pub cut: u32,
    /// In the order of the term's spellings.
    pub spellings: Vec<Spelling>,
    /// For a word (not a pair): the documents before the cut that hold it, see [`members`].
    pub has: Option<String>,
    /// The documents before the cut holding the term in the title, when there are any.
    pub titles: Option<String>,
}

/// Digit values by byte: 0–31 end a number, 32–63 continue it, 255 is no digit.
const VALUES: [u8; 256] = {
    let mut table = [255u8; 256];
    let mut i = 0;
    while i < DIGITS.len() {
        table[DIGITS[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Calls `f(id, in_title)` for each posting of `text`, oldest first.
fn each_posting(text: &str, mut f: impl FnMut(u32, bool)) {
    let (mut acc, mut id) = (0u64, 0u64);
    for &b in text.as_bytes() {
        let d = VALUES[usize::from(b)];
        acc = acc * 32 + u64::from(d & 31);
        if d < 32 {
            id += acc / 2;
            f(id as u32, acc % 2 == 1);
            acc = 0;
        }
    }
}

/// Calls `f(id, in_title, start)` for each posting of `text` from the newest back (`last`
/// is its document), `start` being where its number begins, until `f` returns false. A
/// number ends at its one digit from the ending half, so it is read backwards as well.
fn each_posting_back(text: &str, last: u32, mut f: impl FnMut(u32, bool, usize) -> bool) {
    let bytes = text.as_bytes();
    let (mut end, mut id) = (bytes.len(), u64::from(last));
    while end > 0 {
        let mut start = end - 1;
        while start > 0 && VALUES[usize::from(bytes[start - 1])] >= 32 {
            start -= 1;
        }
        let value = bytes[start..end].iter().fold(0u64, |v, &b| {
            v * 32 + u64::from(VALUES[usize::from(b)] & 31)
        });
        if !f(id as u32, value % 2 == 1, start) {
            return;
        }
        id -= value / 2;
        end = start;
    }
}

/// The term's two tiers, or `None` when it is kept whole: its postings are small, or
/// splitting would not save half of them.
pub(super) fn split(
    spellings: &[(&str, Postings)],
    pair: bool,
    docs: usize,
    tiers: &Tiers,
) -> Option<Split> {
    let total: usize = spellings.iter().map(|(_, p)| p.text.len()).sum();
    if total <= tiers.split_bytes {
        return None;
    }
    let head = tiers.head_postings;
    // Each spelling's newest postings (one more than the head may hold), newest first.
    let newest: Vec<Vec<(u32, bool, usize)>> = spellings
        .iter()
        .map(|(_, p)| {
            let mut found = Vec::new();
            each_posting_back(&p.text, p.next, |id, title, start| {
                found.push((id, title, start));
                found.len() <= head
            });
            found
        })
        .collect();
    let mut ids: Vec<u32> = newest.iter().flatten().map(|&(id, _, _)| id).collect();
    if ids.len() <= head {
        return None;
    }
    ids.select_nth_unstable_by(head, |a, b| b.cmp(a));
    let step = tiers.step();
    let cut = (ids[head] + 1).div_ceil(step).saturating_mul(step);
    let cut = cut.min(docs as u32);
    let mut out = Vec::with_capacity(spellings.len());
    let mut older_titles = false;
    for ((_, postings), newest) in spellings.iter().zip(&newest) {
        let text = postings.text.as_str();
        let in_head = newest.iter().take_while(|&&(id, _, _)| id >= cut).count();
        let head_titles = newest[..in_head].iter().filter(|p| p.1).count() as u32;
        let (head, start) = match in_head.checked_sub(1) {
            None => (String::new(), text.len()),
            Some(oldest) => {
                let (id, title, start) = newest[oldest];
                let end = if oldest == 0 {
                    text.len()
                } else {
                    newest[oldest - 1].2
                };
                let mut head = String::with_capacity(text.len() - end + 8);
                encode(u64::from(id) * 2 + u64::from(title), &mut head);
                head.push_str(&text[end..]);
                (head, start)
            }
        };
        older_titles |= postings.titles > head_titles;
        out.push(Spelling {
            head,
            tail_len: start,
            flags: u8::from(start > 0),
        });
    }
    let head_bytes: usize = out.iter().map(|s| s.head.len()).sum();
    let (has, titles) = if pair && !older_titles {
        (None, None)
    } else {
        let tails = out.iter().zip(spellings);
        let (any, in_titles) = holders(tails.map(|(s, (_, p))| &p.text[..s.tail_len]), cut);
        let has = (!pair).then(|| members(&any, cut));
        (has, older_titles.then(|| members(&in_titles, cut)))
    };
    let kept = head_bytes
        + [&has, &titles]
            .iter()
            .filter_map(|m| m.as_ref())
            .map(String::len)
            .sum::<usize>();
    (kept * 2 <= total).then_some(Split {
        cut,
        spellings: out,
        has,
        titles,
    })
}

/// The documents before `cut` that the tails hold, as bitmaps (bit `j` of word `k` for
/// document `64k + j`): in any place, and in the title. The tails are read once for both.
fn holders<'a>(tails: impl Iterator<Item = &'a str>, cut: u32) -> (Vec<u64>, Vec<u64>) {
    let words = (cut as usize).div_ceil(64);
    let (mut any, mut titles) = (vec![0u64; words], vec![0u64; words]);
    for tail in tails {
        // A tail's documents ascend: the word they fall in is filled in registers and
        // stored once they leave it, not at each posting, which waited for the store
        // before it. At 100,000 articles (tails of some 100 MB): 68-73 against 78-92 ms.
        // The first word is none (`usize::MAX`, which `store` passes over).
        let mut filling = (usize::MAX, 0u64, 0u64);
        let mut store = |(word, held, in_titles): (usize, u64, u64)| {
            if let (Some(a), Some(t)) = (any.get_mut(word), titles.get_mut(word)) {
                *a |= held;
                *t |= in_titles;
            }
        };
        each_posting(tail, |id, title| {
            let (word, bit) = (id as usize / 64, 1 << (id % 64));
            if word != filling.0 {
                store(filling);
                filling = (word, 0, 0);
            }
            filling.1 |= bit;
            filling.2 |= if title { bit } else { 0 };
        });
        store(filling);
    }
    (any, titles)
}

/// The documents of `bits` (from [`holders`]), all before `cut`, in whichever of three
/// forms is shortest:
/// `+` and their ids, `~` and the ids of those that do not hold it (each id written as
/// `id - previous - 1` in posting digits, the previous starting at -1), or `*` and a bitmap
/// (digit `k`'s value, 0–63, has bit `j` set for document `6k + j`).
fn members(bits: &[u64], cut: u32) -> String {
    let cut = cut as usize;
    let held: usize = bits.iter().map(|w| w.count_ones() as usize).sum();
    let bitmap_len = 1 + cut.div_ceil(6);
    // Every listed id takes a digit at least: list the fewer side, if that can be shorter.
    let listed = held.min(cut - held);
    if listed < bitmap_len {
        if let Some(list) = listed_ids(bits, cut, held == listed, bitmap_len) {
            return list;
        }
    }
    let mut out = String::with_capacity(bitmap_len);
    out.push('*');
    for k in 0..cut.div_ceil(6) {
        let (word, offset) = (k * 6 / 64, k * 6 % 64);
        let mut value = bits[word] >> offset;
        if offset > 58 {
            if let Some(next) = bits.get(word + 1) {
                value |= next << (64 - offset);
            }
        }
        out.push(char::from(DIGITS[(value & 63) as usize]));
    }
    out
}

/// `+` and the ids of the documents before `cut` in `bits` (`~` and the others' when not
/// `held`), or `None` once that is longer than `limit`. Only the listed ids are visited, a
/// word of the bitmap at a time: the largest sites split thousands of terms, each with a
/// cut near their number of documents.
fn listed_ids(bits: &[u64], cut: usize, held: bool, limit: usize) -> Option<String> {
    let mut out = String::from(if held { "+" } else { "~" });
    let mut previous: i64 = -1;
    for (k, &word) in bits.iter().enumerate() {
        let mut word = if held { word } else { !word };
        // The last word's bits from the cut on are no documents.
        let past_cut = (k + 1) * 64;
        if past_cut > cut {
            word &= u64::MAX >> (past_cut - cut);
        }
        while word != 0 {
            let id = (k * 64) as i64 + i64::from(word.trailing_zeros());
            encode((id - previous - 1) as u64, &mut out);
            previous = id;
            word &= word - 1;
        }
        if out.len() > limit {
            return None;
        }
    }
    Some(out)
}

/// The documents before `cut` that `has` (see [`members`]) lists; `None` when it is not
/// written that way.
pub(super) fn read_members(has: &str, cut: u64) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let (kind, rest) = (has.chars().next()?, has.get(1..)?);
    if kind == '*' {
        for (k, b) in rest.bytes().enumerate() {
            let value = VALUES[usize::from(b)];
            if value == 255 {
                return None;
            }
            out.extend(
                (0..6)
                    .filter(|j| value >> j & 1 == 1)
                    .map(|j| (k * 6 + j) as u64)
                    .filter(|&id| id < cut),
            );
        }
        return Some(out);
    }
    let mut listed = Vec::new();
    let mut id: i64 = -1;
    for gap in super::decode(rest)? {
        id += gap as i64 + 1;
        listed.push(id as u64);
    }
    match kind {
        '+' => Some(listed),
        '~' => {
            let mut listed = listed.into_iter().peekable();
            for doc in 0..cut {
                if listed.next_if_eq(&doc).is_none() {
                    out.push(doc);
                }
            }
            Some(out)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn postings(entries: &[(u64, bool)]) -> Postings {
        let mut p = Postings::default();
        for &(id, title) in entries {
            p.push(id, title);
        }
        p
    }

    fn all(text: &str) -> Vec<(u32, bool)> {
        let mut out = Vec::new();
        each_posting(text, |id, title| out.push((id, title)));
        out
    }

    #[test]
    fn postings_read_back_from_either_end() {
        let entries: Vec<(u64, bool)> = [0, 1, 2, 40, 41, 1100, 1101, 70_000]
            .iter()
            .map(|&id| (id, id % 3 == 0))
            .collect();
        let p = postings(&entries);
        let forward: Vec<(u64, bool)> = all(&p.text)
            .into_iter()
            .map(|(id, t)| (u64::from(id), t))
            .collect();
        assert_eq!(forward, entries);
        let mut back = Vec::new();
        each_posting_back(&p.text, p.next, |id, title, start| {
            back.push((u64::from(id), title));
            // What starts here reads as the rest of the postings, the first counted from
            // the previous document.
            assert!(start < p.text.len());
            true
        });
        back.reverse();
        assert_eq!(back, entries);
        assert_eq!(p.titles, entries.iter().filter(|e| e.1).count() as u32);
    }

    fn tiers(head_postings: usize) -> Tiers {
        Tiers {
            split_bytes: 0,
            head_postings,
        }
    }

    #[test]
    fn a_split_keeps_every_posting_once_and_the_newest_in_the_head() {
        let a = postings(&(0..400).map(|i| (i * 2, i % 50 == 0)).collect::<Vec<_>>());
        let b = postings(&(0..200).map(|i| (i * 4 + 1, false)).collect::<Vec<_>>());
        let only_old = postings(&[(3, true), (5, false)]);
        let spellings = [("a", a), ("b", b), ("c", only_old)];
        let t = tiers(64);
        let split = split(&spellings, false, 800, &t).expect("split");
        assert_eq!(split.cut % t.step(), 0);
        let head: usize = split.spellings.iter().map(|s| all(&s.head).len()).sum();
        assert!(head <= 64 && head > 64 - 2 * t.step() as usize, "{head}");
        for ((_, whole), s) in spellings.iter().zip(&split.spellings) {
            let mut joined = all(&whole.text[..s.tail_len]);
            assert!(joined.iter().all(|&(id, _)| id < split.cut));
            let head = all(&s.head);
            assert!(head.iter().all(|&(id, _)| id >= split.cut));
            joined.extend(head);
            assert_eq!(joined, all(&whole.text));
            assert_eq!(s.flags, u8::from(s.tail_len > 0));
        }
        assert_eq!(split.spellings[2].head, "");
        assert_eq!(split.spellings[2].flags, 1);
        let titles = read_members(split.titles.as_deref().unwrap(), split.cut.into()).unwrap();
        let mut expected: Vec<u64> = (0..u64::from(split.cut))
            .filter(|d| d % 100 == 0 || *d == 3)
            .collect();
        expected.sort();
        assert_eq!(titles, expected);
        // Which older documents hold the word, in any spelling.
        let has = read_members(split.has.as_deref().unwrap(), split.cut.into()).unwrap();
        let mut expected: Vec<u64> = (0..u64::from(split.cut))
            .filter(|d| d % 2 == 0 || d % 4 == 1 || *d == 3 || *d == 5)
            .collect();
        expected.dedup();
        assert_eq!(has, expected);
        // A pair says nothing of older documents but their titles: it only ranks.
        let pair = super::split(&spellings, true, 800, &t).unwrap();
        assert!(pair.has.is_none() && pair.titles.is_some());
        let untitled = postings(&(0..400).map(|i| (i, false)).collect::<Vec<_>>());
        assert!(super::split(&[("", untitled)], true, 400, &t)
            .unwrap()
            .titles
            .is_none());
    }

    #[test]
    fn small_or_barely_smaller_terms_stay_whole() {
        let p = postings(&(0..100).map(|i| (i, false)).collect::<Vec<_>>());
        let spellings = [("a", p)];
        assert!(split(&spellings, true, 100, &tiers(100)).is_none(), "fits");
        assert!(
            split(&spellings, true, 100, &tiers(80)).is_none(),
            "saves little"
        );
        let whole = Tiers {
            split_bytes: 100,
            head_postings: 4,
        };
        assert!(split(&spellings, true, 100, &whole).is_none(), "small");
        assert!(split(&spellings, true, 100, &tiers(4)).is_some());
    }

    #[test]
    fn members_take_the_shortest_form_and_read_back() {
        type Holds<'a> = &'a dyn Fn(u32) -> bool;
        let cases: [(u32, Holds<'_>, char); 5] = [
            (1000, &|d| d % 97 == 0, '+'),
            (1000, &|d| d % 97 != 0, '~'),
            (1000, &|d| d % 2 == 0, '*'),
            (7, &|d| d != 3, '~'),
            // Documents missing at a word's first and last bit, the cut inside the third.
            (130, &|d| d != 64 && d != 127 && d != 129, '~'),
        ];
        for (cut, holds, kind) in cases {
            let held: Vec<(u64, bool)> = (0..cut)
                .filter(|&d| holds(d))
                .map(|d| (u64::from(d), false))
                .collect();
            let p = postings(&held);
            let has = members(&holders(std::iter::once(p.text.as_str()), cut).0, cut);
            assert!(has.starts_with(kind), "{has}");
            let ids: Vec<u64> = held.iter().map(|h| h.0).collect();
            assert_eq!(read_members(&has, cut.into()).unwrap(), ids, "{has}");
        }
        assert_eq!(members(&[], 0), "+");
        assert_eq!(read_members("+", 0).unwrap(), Vec::<u64>::new());
        assert!(read_members("?12", 5).is_none());
    }

    #[test]
    fn holders_join_the_spellings_tails_word_by_word() {
        let cut = 200u32;
        let first: Vec<(u64, bool)> = (0..cut)
            .filter(|d| d % 3 == 0)
            .map(|d| (u64::from(d), d % 9 == 0))
            .collect();
        // Alone in their words, and on both sides of a word's end.
        let second: Vec<(u64, bool)> = [5, 63, 64, 65, 130, 199]
            .into_iter()
            .map(|d| (d, d % 2 == 1))
            .collect();
        let (a, b) = (postings(&first), postings(&second));
        let (any, titles) = holders([a.text.as_str(), b.text.as_str()].into_iter(), cut);
        let bitmap = |ids: &mut dyn Iterator<Item = u64>| {
            let mut words = vec![0u64; 4];
            ids.for_each(|id| words[id as usize / 64] |= 1 << (id % 64));
            words
        };
        let all = || first.iter().chain(&second);
        assert_eq!(any, bitmap(&mut all().map(|h| h.0)));
        assert_eq!(titles, bitmap(&mut all().filter(|h| h.1).map(|h| h.0)));
    }

    #[test]
    fn tiers_read_from_the_variable_s_text() {
        assert_eq!(Tiers::parse(" 0, 4"), Some(tiers(4)));
        assert_eq!(Tiers::parse("10,0").unwrap().head_postings, 1);
        assert_eq!(Tiers::parse("10"), None);
        assert_eq!(Tiers::parse("x,4"), None);
        assert_eq!(Tiers::default().step(), 256);
        assert_eq!(tiers(4).step(), 1);
    }
}
