//! A body's HTML, held in a block shared by the articles parsed together, so that the process
//! holds no more memory than the texts.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Read as a `&str`. Texts packed together share one allocation. At 100,000 articles the
/// bodies' HTML is about 900 MB (and their plain text, then kept beside it, as much); one
/// allocation per text, interleaved with the parser's temporary strings of the same sizes,
/// left the allocator's pages partly used, so the process kept about 1 GB more than it held.
#[derive(Clone, Default)]
pub struct SharedText {
    /// An `Arc<String>`, not an `Arc<str>`: making an `Arc<str>` of a `String` copies it into
    /// a new allocation (1.8 GB copied and faulted in at 100,000 articles); this one takes the
    /// `String` as it is.
    block: Arc<String>,
    range: Range<usize>,
}

impl SharedText {
    /// Packs the texts into one block, in order, one `SharedText` for each.
    pub fn pack(texts: &[&str]) -> Vec<SharedText> {
        let mut joined = String::with_capacity(texts.iter().map(|t| t.len()).sum());
        let mut ranges = Vec::with_capacity(texts.len());
        for text in texts {
            let start = joined.len();
            joined.push_str(text);
            ranges.push(start..joined.len());
        }
        let block = Arc::new(joined);
        ranges
            .into_iter()
            .map(|range| SharedText {
                block: Arc::clone(&block),
                range,
            })
            .collect()
    }

    pub fn as_str(&self) -> &str {
        &self.block[self.range.clone()]
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> Self {
        let range = 0..text.len();
        SharedText {
            block: Arc::new(text),
            range,
        }
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Hash for SharedText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_texts_read_back_in_order_from_one_block() {
        let texts = ["Hội nghị", "", "tuyên vận 2023"];
        let packed = SharedText::pack(&texts);
        let read: Vec<&str> = packed.iter().map(|t| t.as_str()).collect();
        assert_eq!(read, texts);
        assert!(Arc::ptr_eq(&packed[0].block, &packed[2].block));
        assert_eq!(packed[2], SharedText::from("tuyên vận 2023".to_string()));
    }

    #[test]
    fn a_text_hashes_as_its_str() {
        use std::collections::hash_map::DefaultHasher;
        let hash = |h: &dyn Fn(&mut DefaultHasher)| {
            let mut hasher = DefaultHasher::new();
            h(&mut hasher);
            hasher.finish()
        };
        let packed = SharedText::pack(&["a", "bài viết"]);
        assert_eq!(hash(&|h| packed[1].hash(h)), hash(&|h| "bài viết".hash(h)));
        assert_eq!(SharedText::default().as_str(), "");
    }
}
