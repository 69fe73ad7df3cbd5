//! The allocator's settings and the freed memory handed back to the system where a build
//! frees most of it at once: the sources after parsing, the bodies' plain text after the
//! search index is made.

/// Asks the allocator (mimalloc, `main.rs`) for large (2 MB) pages where the system gives
/// them. A 10,000-article build faulted in its memory 4 KB at a time: about a quarter of
/// its system time, and more misses in the processor's address cache. Where large pages
/// are refused (Windows without the lock-pages right), mimalloc quietly uses small ones.
pub fn prefer_large_pages() {
    // SAFETY: `mi_option_set` takes no pointer; it changes how later memory is asked for.
    unsafe {
        libmimalloc_sys::mi_option_set(libmimalloc_sys::mi_option_large_os_pages, 1);
    }
}

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
