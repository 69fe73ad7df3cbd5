//! A body's plain text for the search index, kept as the places of the body's HTML that hold
//! it (plus the few characters the HTML writes otherwise), not as a second copy of the body.

use super::SharedText;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// How far past the last piece found a run of text is looked for in the HTML: beyond the
/// tags between two runs (a link's address, a table's opening), and short enough that a
/// run the HTML writes otherwise (escaped, or a dropped sapo) costs little to miss.
const LOOK_AHEAD: usize = 4096;

/// The bit of a piece's length that marks it as taken from the recipe's own characters.
const OWN: u32 = 1 << 31;

/// Read as the text it stands for (`segments`, `write_to`). At 100,000 articles the plain
/// texts were 885 MB beside 899 MB of HTML that holds nearly all of them; as pieces of that
/// HTML they take about a twentieth, and a large build touches that much less fresh memory.
#[derive(Clone, Default)]
pub struct PlainText {
    html: SharedText,
    recipe: Option<Arc<Recipe>>,
}

struct Recipe {
    /// `(start, length)` in the HTML, or in `own` when the length has the bit `OWN`.
    pieces: Vec<(u32, u32)>,
    /// What the HTML does not hold as the plain text has it: the breaks between blocks,
    /// text the HTML escapes.
    own: String,
}

impl PlainText {
    /// `text` as pieces of `html`. `runs` are the ranges of `text` to look for in `html`,
    /// in order (the body's text as the Markdown gave it); the rest of `text` is kept as is.
    pub fn encode(text: &str, runs: &[Range<usize>], html: &SharedText) -> PlainText {
        if text.is_empty() {
            return PlainText::default();
        }
        let mut recipe = Recipe {
            pieces: Vec::new(),
            own: String::new(),
        };
        let haystack = html.as_bytes();
        let mut cursor = 0;
        let mut done = 0;
        for run in runs {
            if run.start < done || run.end <= run.start {
                continue;
            }
            recipe.keep(&text[done..run.start]);
            let needle = &text[run.clone()];
            let window = &haystack[cursor..haystack.len().min(cursor + needle.len() + LOOK_AHEAD)];
            match find(window, needle.as_bytes()) {
                // A match of whole characters in UTF-8 starts and ends between characters.
                Some(at) => {
                    recipe.point(cursor + at, needle.len());
                    cursor += at + needle.len();
                }
                None => recipe.keep(needle),
            }
            done = run.end;
        }
        recipe.keep(&text[done..]);
        recipe.pieces.shrink_to_fit();
        recipe.own.shrink_to_fit();
        PlainText {
            html: html.clone(),
            recipe: Some(Arc::new(recipe)),
        }
    }

    /// The same text read from `html`, a copy of the HTML it was encoded against (the
    /// body once packed with others: see `pack_texts`).
    pub fn over(&self, html: SharedText) -> PlainText {
        if self.recipe.is_none() {
            return PlainText::default();
        }
        debug_assert_eq!(html.as_str(), self.html.as_str());
        PlainText {
            html,
            recipe: self.recipe.clone(),
        }
    }

    /// The text's parts, in order.
    pub fn segments(&self) -> impl Iterator<Item = &str> {
        let (pieces, own) = self
            .recipe
            .as_deref()
            .map_or((&[][..], ""), |r| (r.pieces.as_slice(), r.own.as_str()));
        pieces.iter().map(move |&(start, len)| {
            let (from, len) = if len & OWN != 0 {
                (own, len & !OWN)
            } else {
                (self.html.as_str(), len)
            };
            let start = start as usize;
            from.get(start..start + len as usize).unwrap_or_default()
        })
    }

    /// Appends the text to `out`.
    pub fn write_to(&self, out: &mut String) {
        for segment in self.segments() {
            out.push_str(segment);
        }
    }

    pub fn to_text(&self) -> String {
        let mut out = String::with_capacity(self.len());
        self.write_to(&mut out);
        out
    }

    /// The text's length in bytes.
    pub fn len(&self) -> usize {
        self.recipe.as_deref().map_or(0, |r| {
            r.pieces.iter().map(|&(_, len)| (len & !OWN) as usize).sum()
        })
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where `needle` first is in `window`. The run is nearly always a few tags on, so its
/// first byte is looked for and the rest compared there: building a searcher for each of
/// an archive's millions of runs cost more than the search.
fn find(window: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = window.len().checked_sub(needle.len())?;
    let mut from = 0;
    while let Some(at) = memchr::memchr(first, &window[from..=last_start]) {
        let at = from + at;
        if window[at + 1..at + needle.len()] == *rest {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

impl Recipe {
    /// A piece of the HTML, joined to the last when it follows on.
    fn point(&mut self, start: usize, len: usize) {
        let (start, len) = (start as u32, len as u32);
        match self.pieces.last_mut() {
            Some((s, l)) if *l & OWN == 0 && *s + *l == start => *l += len,
            _ => self.pieces.push((start, len)),
        }
    }

    /// Characters of the plain text kept as they are.
    fn keep(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let start = self.own.len() as u32;
        self.own.push_str(text);
        match self.pieces.last_mut() {
            Some((_, l)) if *l & OWN != 0 => *l += text.len() as u32,
            _ => self.pieces.push((start, text.len() as u32 | OWN)),
        }
    }
}

impl From<String> for PlainText {
    /// A text kept whole, pointing into no HTML.
    fn from(text: String) -> Self {
        let pieces = vec![(0, text.len() as u32 | OWN)];
        PlainText {
            html: SharedText::default(),
            recipe: (!text.is_empty()).then(|| Arc::new(Recipe { pieces, own: text })),
        }
    }
}

impl PartialEq for PlainText {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.to_text() == other.to_text()
    }
}

impl Hash for PlainText {
    /// As the text's `str` would hash with a streaming hasher: its bytes, then `0xff`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        for segment in self.segments() {
            state.write(segment.as_bytes());
        }
        state.write_u8(0xff);
    }
}

impl fmt::Debug for PlainText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_text(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(text: &str, runs: &[Range<usize>], html: &str) -> PlainText {
        PlainText::encode(text, runs, &SharedText::from(html.to_string()))
    }

    /// The ranges of `parts` in `text`, each found after the last.
    fn runs_of(text: &str, parts: &[&str]) -> Vec<Range<usize>> {
        let mut from = 0;
        parts
            .iter()
            .map(|part| {
                let start = from + text[from..].find(part).unwrap();
                from = start + part.len();
                start..from
            })
            .collect()
    }

    #[test]
    fn text_the_html_holds_is_read_from_it_and_the_rest_kept() {
        let html = "<p>Hội nghị <strong>tuyên vận</strong> năm 2023</p>\n<p>A &amp; B</p>\n";
        let text = "Hội nghị tuyên vận năm 2023\nA & B\n";
        let runs = runs_of(text, &["Hội nghị ", "tuyên vận", " năm 2023", "A & B"]);
        let plain = encoded(text, &runs, html);
        assert_eq!(plain.to_text(), text);
        assert_eq!(plain.len(), text.len());
        let recipe = plain.recipe.as_deref().unwrap();
        // "A & B" is escaped in the HTML; only it and the two breaks are kept.
        assert_eq!(recipe.own, "\nA & B\n");
        let from_html: Vec<&str> = plain.segments().collect();
        assert_eq!(from_html[0], "Hội nghị ");
    }

    #[test]
    fn text_is_the_same_read_over_a_packed_copy() {
        let html = "<p>Đoạn một.</p>\n<p>Đoạn hai.</p>\n";
        let text = "Đoạn một.\nĐoạn hai.\n";
        let plain = encoded(text, &runs_of(text, &["Đoạn một.", "Đoạn hai."]), html);
        let packed = SharedText::pack(&["<p>khác</p>", html]);
        let moved = plain.over(packed[1].clone());
        assert_eq!(moved.to_text(), text);
        assert!(PlainText::default().over(packed[1].clone()).is_empty());
        assert!(moved.recipe.as_deref().unwrap().own == "\n\n");
    }

    #[test]
    fn a_run_missing_from_the_html_or_out_of_reach_is_kept() {
        let far = format!("<p>{}</p><p>xa</p>", "x".repeat(LOOK_AHEAD * 2));
        let plain = encoded("xa", &runs_of("xa", &["xa"]), &far);
        assert_eq!(plain.to_text(), "xa");
        assert_eq!(plain.recipe.as_deref().unwrap().own, "xa");
        assert_eq!(encoded("", &[], "<p></p>"), PlainText::default());
        assert!(PlainText::default().is_empty());
        assert_eq!(PlainText::default().to_text(), "");
    }

    /// Pieces of Markdown an editor's body may hold: escapes, emphasis across words, links,
    /// images with alt text, code, tables, footnotes, lists, raw HTML, line breaks.
    const FRAGMENTS: &[&str] = &[
        "Hội nghị ",
        "tuyên vận",
        " **đậm**",
        "*nghiêng*ng",
        " A & B <c> \"d\"",
        "\n",
        "\n\n",
        "[liên kết](/a/ \"t\")",
        "![ảnh đẹp](anh.jpg \"Chú thích\")",
        "`mã & <b>`",
        "\n\n| a | b |\n|---|---|\n| ô | ư |\n\n",
        "[^1]\n\n[^1]: Ghi chú.\n\n",
        "\n- một\n- hai\n",
        "<div>thô</div>",
        "  \n",
        "\\*",
        "# Tiêu đề\n\n",
        "“ngoặc” 'đơn'",
        "x",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Whatever the body, the text read back is the plain text, from the whole HTML and
        /// from the HTML without its opening paragraph (a sapo shown apart).
        #[test]
        fn the_text_read_back_is_the_plain_text(
            picks in proptest::collection::vec(0usize..FRAGMENTS.len(), 0..40),
        ) {
            let body: String = picks.iter().map(|&i| FRAGMENTS[i]).collect();
            let links = super::super::markdown::LinkContext { base_path: "/", folder: "/a/" };
            let r = super::super::markdown::render(&body, &links);
            let whole = format!("{}{}{}", r.before_lead_html, r.lead_html, r.rest_html);
            let without_lead = format!("{}{}", r.before_lead_html, r.rest_html);
            for html in [whole, without_lead] {
                let plain = encoded(&r.plain_text, &r.plain_runs, &html);
                proptest::prop_assert_eq!(plain.to_text(), r.plain_text.clone());
                proptest::prop_assert_eq!(plain.len(), r.plain_text.len());
            }
        }
    }

    #[test]
    fn a_text_hashes_as_its_str() {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hasher = BuildHasherDefault::<DefaultHasher>::default();
        let runs = runs_of("bài viết", &["bài viết"]);
        let plain = encoded("bài viết\n", &runs, "<p>bài viết</p>\n");
        assert_eq!(hasher.hash_one(&plain), hasher.hash_one("bài viết\n"));
    }
}
