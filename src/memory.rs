//! Freed memory handed back to the system where a build frees most of it at once: the
//! sources after parsing, the bodies' plain text after the search index is made.

/// Asks the allocator (mimalloc, `main.rs`) on every worker thread to return the pages it
/// holds free, now rather than after its purge delay. Only memory stays in question: at
/// 100,000 articles the sources and plain texts are about 1 GB each, and their pages, left
/// to the delay, were still counted when rendering reached its peak.
pub(crate) fn give_back_freed() {
    rayon::broadcast(|_| collect_this_thread());
    collect_this_thread();
}

fn collect_this_thread() {
    // SAFETY: `mi_collect` takes no pointer and only frees pages that hold no live block;
    // without mimalloc as the global allocator (the library's tests) it finds nothing.
    unsafe { libmimalloc_sys::mi_collect(true) }
}
