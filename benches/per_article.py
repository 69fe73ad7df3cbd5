#!/usr/bin/env python3
"""Benchmark: the cost of a full build per article, from a small site to a very large one.

Issue 20 asks that this cost stay flat within 10 % from 1,000 to 100,000 articles. Each
round builds every size into an emptied output folder (small sites several times, so each
size weighs about the same), the sizes in ascending order one round and descending the
next, so that no size always follows the same one. For each size it prints medians per
article: wall time, CPU time (user and system), and the memory freshly faulted in, which
on a virtual machine costs the host's work as well as ours and is the part that varies.

Where a virtual machine hands freed memory back to its host (Linux guests with free page
reporting), a build's first touch of memory costs several times more once the host has
taken it back, some seconds after it was freed; a build that follows one of its own size
gets the pages that build freed. Two options set the memory every build starts from, the
same for every size: `--warmup K` runs K builds of a size, left out of the figures, before
its measured builds of each round (the steady state of repeated builds); `--settle S` waits
S seconds after emptying the output, before each build (every build from memory the host
took back: about 10 s here). On this machine neither made the sizes even; free memory
did: with the page cache full (6 to 13 GB free) the 100,000-article build cost 1.21 to 1.29
times the smallest per article, with it dropped (16 to 21 GB free) 1.02 to 1.10. The free
memory and page cache are printed first.

Sites come from ../shared/tools/gencorpus.py (--flavor native, photos left out as in
vs_hugo.py); an existing site at WORK/native-N is used as it is.

Usage: python3 benches/per_article.py [--sizes 1000,10000,30000,100000] [--rounds 5]
         [--work /dev/shm/tuyenvan-bench] [--shared ../shared] [--bin BINARY]
         [--warmup K] [--settle SECONDS]
Needs: `cargo build --release` (done here unless --bin is given), python3. Linux for the
fault counts (/proc/vmstat counts the whole machine's 2 MB faults: run it on a quiet one).
"""
import os
import shutil
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import alternate  # noqa: E402  (the build runner is shared)
import vs_hugo  # noqa: E402  (and the site generation)


def large_page_faults():
    """The machine's 2 MB page faults so far (Linux; None elsewhere)."""
    try:
        with open("/proc/vmstat") as f:
            for line in f:
                if line.startswith("thp_fault_alloc "):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def free_memory_mb():
    """The machine's free memory and page cache in MB, from /proc/meminfo (Linux; None
    elsewhere): a 100,000-article build needs about 6 GB (2 GB of its own and 3.8 GB of
    output on tmpfs), and where free memory runs short the kernel reclaims the page cache
    during the build, at the build's cost."""
    try:
        with open("/proc/meminfo") as f:
            fields = dict(line.split(":", 1) for line in f)
    except OSError:
        return None
    kb = lambda name: int(fields[name].split()[0])  # noqa: E731
    return kb("MemFree") // 1024, (kb("Cached") - kb("Shmem")) // 1024


def build_once(binary, site, out, settle):
    """One build into an emptied folder: wall, user and system seconds, peak MB, faults."""
    large_before = large_page_faults()
    wall, usage = alternate.build_usage(binary, site, out, settle)
    large_after = large_page_faults()
    large = None if large_before is None else large_after - large_before
    return {
        "wall": wall,
        "user": usage.ru_utime,
        "system": usage.ru_stime,
        "peak": usage.ru_maxrss / 1024,
        "small_faults": usage.ru_minflt,
        "large_faults": large,
    }


def per_article(runs, key, n):
    """The median of one figure over the runs, per article, in ms (or per 1,000 articles
    for fault counts)."""
    values = [r[key] for r in runs if r[key] is not None]
    if not values:
        return None
    return statistics.median(values) * 1e3 / n


def spread(figures):
    """The largest figure over the smallest."""
    figures = [f for f in figures if f]
    return max(figures) / min(figures) if figures else float("nan")


def main():
    ap = vs_hugo.native_arguments(__doc__, sizes="1000,10000,30000,100000", rounds=5)
    ap.add_argument("--settle", type=float, default=0.0,
                    help="seconds to wait before each build, once the output is emptied")
    ap.add_argument("--warmup", type=int, default=0,
                    help="builds of each size left out of the figures, before its builds of a round")
    args = ap.parse_args()

    binary, sizes, sites = vs_hugo.native_sites(args)
    # Small sites are built several times a round, so that a round gives each size about
    # the same weight and one slow moment does not decide a small site's figure.
    repeats = {n: max(1, min(8, round(20_000 / n))) for n in sizes}
    out = os.path.join(args.work, "out-per-article")
    runs = {n: [] for n in sizes}
    round_spreads = []
    print(f"tuyenvan {binary}\nwork dir {args.work}, {os.cpu_count()} cores, {args.rounds} rounds, "
          f"{args.settle} s settled before each build, {args.warmup} warm-up builds a size a round\n")
    memory = free_memory_mb()
    if memory:
        print(f"free memory {memory[0]} MB, page cache {memory[1]} MB (drop it for steadier "
              "figures: sync; echo 1 > /proc/sys/vm/drop_caches, as root)\n")
    for round_number in range(args.rounds):
        order = sizes if round_number % 2 == 0 else list(reversed(sizes))
        this_round = {}
        for n in order:
            for _ in range(args.warmup):
                build_once(binary, sites[n], out, args.settle)
            results = [build_once(binary, sites[n], out, args.settle) for _ in range(repeats[n])]
            runs[n].extend(results)
            this_round[n] = statistics.median(r["wall"] for r in results) * 1e3 / n
        round_spreads.append(spread(this_round.values()))
        figures = ", ".join(f"{n}: {this_round[n]:.4f}" for n in sizes)
        print(f"round {round_number + 1}: wall ms per article {figures}; largest / smallest "
              f"{round_spreads[-1]:.3f}", flush=True)
    shutil.rmtree(out, ignore_errors=True)

    header = (f"{'articles':>8} {'builds':>6} {'wall':>7} {'(min)':>7} {'CPU':>7} {'user':>7} "
              f"{'system':>7} {'peak MB':>8} {'2MB/1k':>7} {'4KB/1k':>7}")
    print("\nper article, ms (medians); faults per 1,000 articles\n" + header)
    print("-" * len(header))
    table = {}
    for n in sizes:
        for r in runs[n]:
            r["cpu"] = r["user"] + r["system"]
        row = {key: per_article(runs[n], key, n)
               for key in ("wall", "cpu", "user", "system", "small_faults", "large_faults")}
        table[n] = row
        smallest_wall = min(r["wall"] for r in runs[n]) * 1e3 / n
        large = "" if row["large_faults"] is None else f"{row['large_faults']:.1f}"
        print(f"{n:>8} {len(runs[n]):>6} {row['wall']:>7.4f} {smallest_wall:>7.4f} {row['cpu']:>7.4f} "
              f"{row['user']:>7.4f} {row['system']:>7.4f} {max(r['peak'] for r in runs[n]):>8.0f} "
              f"{large:>7} {row['small_faults']:>7.0f}")
    print("\nlargest / smallest across sizes:")
    for key in ("wall", "cpu", "user", "system"):
        print(f"  {key:>6}: {spread(table[n][key] for n in sizes):.3f}")
    print(f"  wall, median of the rounds' own spreads: {statistics.median(round_spreads):.3f}")


if __name__ == "__main__":
    main()
