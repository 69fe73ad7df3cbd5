//! A body's HTML, held in a block shared by the articles parsed together, so that the process
//! holds no more memory than the texts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::ptr::NonNull;
use std::sync::Arc;

/// Read as a `&str`. Texts packed together share one allocation. At 100,000 articles the
/// bodies' HTML is about 900 MB (and their plain text, then kept beside it, as much); one
/// allocation per text, interleaved with the parser's temporary strings of the same sizes,
/// left the allocator's pages partly used, so the process kept about 1 GB more than it held.
#[derive(Clone, Default)]
pub struct SharedText {
    /// Not an `Arc<str>`: making an `Arc<str>` of a `String` copies it into a new allocation
    /// (1.8 GB copied and faulted in at 100,000 articles); a `Block` takes the `String` as it is.
    block: Arc<Block>,
    range: Range<usize>,
}

/// The text a `SharedText` reads from: a `String` (one text as it was made, or texts packed
/// into less than `SYSTEM_FROM`), or texts packed in memory from the system.
enum Block {
    Own(String),
    Packed(SystemText),
}

impl Default for Block {
    fn default() -> Self {
        Block::Own(String::new())
    }
}

impl Block {
    fn as_str(&self) -> &str {
        match self {
            Block::Own(text) => text,
            Block::Packed(packed) => packed.as_str(),
        }
    }
}

/// The size from which packed texts are held in a `SystemText`: a block the size of a large
/// page. Smaller blocks (a site of some thousand articles) stay with mimalloc, which reuses
/// the memory the parser's own copies of the texts were freed from: from the system, a
/// 1,000-article build's peak was 82 MB against 72 MB.
const SYSTEM_FROM: usize = 2 << 20;

/// Text in memory from the system's allocator, not the process's (mimalloc, which asks for
/// 2 MB pages: see `memory::prefer_large_pages`). Packed bodies are written once and read
/// once, by their page's rendering: they gain nothing from large pages, and on a virtual
/// machine that hands freed memory back to its host, a 2 MB page the host has taken back
/// costs 2.4 ms of system time per MB to fault in, 4 KB pages 0.4 ms (2,000 MB touched
/// after 10 s idle). At 100,000 articles the bodies are about 900 MB, and faulting their
/// pages in was two fifths of the build's page clearing (`perf`).
struct SystemText {
    start: NonNull<u8>,
    len: usize,
}

// SAFETY: `SystemText` owns its bytes, as a `Box<str>` would; they are never written once
// made, so sharing them between threads is sharing a `&str`.
unsafe impl Send for SystemText {}
unsafe impl Sync for SystemText {}

impl SystemText {
    /// The texts end to end, and where each one is.
    fn joined(texts: &[&str]) -> (SystemText, Vec<Range<usize>>) {
        let len: usize = texts.iter().map(|t| t.len()).sum();
        let mut ranges = Vec::with_capacity(texts.len());
        if len == 0 {
            ranges.resize(texts.len(), 0..0);
            let empty = SystemText {
                start: NonNull::dangling(),
                len: 0,
            };
            return (empty, ranges);
        }
        let layout = Layout::array::<u8>(len).expect("texts held in memory fit a layout");
        // SAFETY: `layout` has a non-zero size.
        let Some(start) = NonNull::new(unsafe { System.alloc(layout) }) else {
            std::alloc::handle_alloc_error(layout)
        };
        let mut at = 0;
        for text in texts {
            // SAFETY: the texts' lengths sum to `len`, so `at + text.len() <= len`; a text
            // borrowed from elsewhere cannot overlap memory just allocated.
            unsafe {
                std::ptr::copy_nonoverlapping(text.as_ptr(), start.as_ptr().add(at), text.len());
            }
            ranges.push(at..at + text.len());
            at += text.len();
        }
        (SystemText { start, len }, ranges)
    }

    fn as_str(&self) -> &str {
        // SAFETY: `start` holds `len` bytes, all written by `joined` from whole `&str`s (or
        // none, dangling but aligned for a length of 0), so they are valid UTF-8.
        unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.start.as_ptr(), self.len))
        }
    }
}

impl Drop for SystemText {
    fn drop(&mut self) {
        if self.len > 0 {
            let layout = Layout::array::<u8>(self.len).expect("made from this layout");
            // SAFETY: allocated by `System` with this very layout in `joined`.
            unsafe { System.dealloc(self.start.as_ptr(), layout) }
        }
    }
}

impl SharedText {
    /// Packs the texts into one block, in order, one `SharedText` for each.
    pub fn pack(texts: &[&str]) -> Vec<SharedText> {
        let len: usize = texts.iter().map(|t| t.len()).sum();
        let (block, ranges) = if len >= SYSTEM_FROM {
            let (joined, ranges) = SystemText::joined(texts);
            (Block::Packed(joined), ranges)
        } else {
            let mut joined = String::with_capacity(len);
            let mut ranges = Vec::with_capacity(texts.len());
            for text in texts {
                let start = joined.len();
                joined.push_str(text);
                ranges.push(start..joined.len());
            }
            (Block::Own(joined), ranges)
        };
        let block = Arc::new(block);
        ranges
            .into_iter()
            .map(|range| SharedText {
                block: Arc::clone(&block),
                range,
            })
            .collect()
    }

    pub fn as_str(&self) -> &str {
        &self.block.as_str()[self.range.clone()]
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> Self {
        let range = 0..text.len();
        SharedText {
            block: Arc::new(Block::Own(text)),
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
    fn a_large_block_from_the_system_reads_back_like_a_small_one() {
        let long = "Tuyên truyền, vận động nhân dân. ".repeat(SYSTEM_FROM / 20);
        let texts = [long.as_str(), "", "bài viết", long.as_str()];
        let packed = SharedText::pack(&texts);
        assert!(matches!(*packed[0].block, Block::Packed(_)));
        let read: Vec<&str> = packed.iter().map(|t| t.as_str()).collect();
        assert_eq!(read, texts);
        assert!(Arc::ptr_eq(&packed[1].block, &packed[3].block));
        let small = SharedText::pack(&["bài viết"]);
        assert!(matches!(*small[0].block, Block::Own(_)));
        drop(packed);
        assert_eq!(small[0].as_str(), "bài viết");
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
