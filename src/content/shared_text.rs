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
    /// The texts end to end; `len` is the sum of their lengths.
    fn concat(texts: &[&str], len: usize) -> SystemText {
        let layout = Self::layout(len);
        // SAFETY: `layout` has a size of at least one byte.
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
            at += text.len();
        }
        SystemText { start, len }
    }

    /// The allocation for `len` bytes: one byte at least, as the system's allocator asks.
    fn layout(len: usize) -> Layout {
        Layout::array::<u8>(len.max(1)).expect("texts held in memory fit a layout")
    }

    fn as_str(&self) -> &str {
        // SAFETY: `start` holds `len` bytes, all written by `concat` from whole `&str`s, so
        // they are valid UTF-8.
        unsafe {
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(self.start.as_ptr(), self.len))
        }
    }
}

impl Drop for SystemText {
    fn drop(&mut self) {
        // SAFETY: allocated by `System` with this very layout in `concat`.
        unsafe { System.dealloc(self.start.as_ptr(), Self::layout(self.len)) }
    }
}

impl SharedText {
    /// Packs the texts into one block, in order, one `SharedText` for each.
    pub fn pack(texts: &[&str]) -> Vec<SharedText> {
        let mut len = 0;
        let ranges: Vec<Range<usize>> = texts
            .iter()
            .map(|text| {
                len += text.len();
                len - text.len()..len
            })
            .collect();
        let block = Arc::new(if len >= SYSTEM_FROM {
            Block::Packed(SystemText::concat(texts, len))
        } else {
            Block::Own(texts.concat())
        });
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
