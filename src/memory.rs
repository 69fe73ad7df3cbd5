//! The allocator's settings and the freed memory handed back to the system where a build
//! frees most of it at once: the search index's working memory once it is made.

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

/// mimalloc v3's `mi_option_purge_delay` (libmimalloc-sys names it for v2 only).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed pages stay with the allocator in a build or `check`, in ms: longer than a
/// large build runs, so that they go back only when a stage ends (`give_back_freed`).
const BUILD_PURGE_DELAY: std::ffi::c_long = 60_000;

/// Tells the allocator (mimalloc, `main.rs`) to hand freed pages back to the system only
/// where a stage ends and frees most of what it held (`give_back_freed`), not a second after
/// each is freed. Purged 64 KB at a time, a 2 MB page is split, and the next stage faults
/// it back in 4 KB at a time: at 100,000 articles, 3 pairs, 43,000–51,000 4 KB faults
/// against 75,000–79,000, the peak the same (2.33 GB), 16.4–17.6 s against 16.9–18.7 s.
pub fn purge_at_stage_ends() {
    // SAFETY: `mi_option_set` takes no pointer; it changes when freed pages are purged.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, BUILD_PURGE_DELAY) }
}

/// Tells the allocator (mimalloc, `main.rs`) to stop handing freed pages back to the system:
/// for a command that is done, just before the process exits. The system takes the whole
/// address space back at once, but mimalloc's exit handler purged its free pages first, 64 KB
/// at a time: some 250 `madvise` calls, 1.4 ms of a 1,000-article build.
pub fn stop_purging() {
    // SAFETY: `mi_option_set` takes no pointer; -1 means "never purge" (mimalloc.h).
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

/// Asks the allocator (mimalloc, `main.rs`) on every worker thread to return the pages it
/// holds free, now rather than after its purge delay. Only memory stays in question: at
/// 100,000 articles the search stage's working memory is about 500 MB, and its pages, left
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

#[cfg(test)]
mod tests {
    use super::PURGE_DELAY;

    #[test]
    fn the_option_stopped_is_the_purge_delay() {
        // mimalloc v3 delays purges by 1,000 ms unless told otherwise (its `options.c`): a
        // renumbered option enum in a newer mimalloc would make `stop_purging` change some
        // other setting, and fail here.
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return; // Set from outside: not the default to compare with.
        }
        // SAFETY: `mi_option_get` takes no pointer.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
    }
}
