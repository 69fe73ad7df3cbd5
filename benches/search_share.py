#!/usr/bin/env python3
"""Benchmark: the search index's share of a full build, on a small site and a very large one.

Issue 20 asks that the index build's share of the full build be no larger at 100,000
articles than at 10,000. Each round builds every size into an emptied output folder with
`TUYENVAN_PROFILE=1`, the sizes in ascending order one round and descending the next, and
reads the build's own figures: the search stage's wall time and its CPU and system time
(the stage's "CPU so far" less the model stage's), over the build's total ("... trong N ms").
For each size it prints the median share and, per article in µs, the search stage, the rest
of the build, and the search stage's CPU and system time; then every round's shares.

System time is where the sizes part on a virtual machine that hands freed memory back to
its host: a large build's fresh pages cost the host's work as well (see per_article.py).
Drop the page cache before a batch for steadier figures (sync; echo 1 >
/proc/sys/vm/drop_caches, as root).

Sites come from ../shared/tools/gencorpus.py (--flavor native, photos left out as in
vs_hugo.py); an existing site at WORK/native-N is used as it is.

Usage: python3 benches/search_share.py [--sizes 10000,100000] [--rounds 10]
         [--work /dev/shm/tuyenvan-bench] [--shared ../shared] [--bin BINARY]
Needs: `cargo build --release` (done here unless --bin is given), python3, Linux (the
profile's CPU and system times are read from /proc).
"""
import os
import re
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vs_hugo  # noqa: E402  (the site generation)

STAGE = re.compile(r"stage ([a-z ]+): (\d+) ms.*CPU so far (\d+) ms \(system (\d+) ms\)")
TOTAL = re.compile(r"(?:trong|in) (\d+) ms")


def profiled_build(binary, site, out):
    """One build into an emptied `out` with the profile on: the search stage's wall, CPU
    and system ms, and the build's total ms."""
    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ, TUYENVAN_PROFILE="1")
    proc = subprocess.run([binary, "build", "--root", site, "--output", out],
                          capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit(f"{binary}: the build of {site} failed\n{proc.stderr}")
    text = proc.stdout + proc.stderr
    stages = {m.group(1): tuple(int(m.group(i)) for i in (2, 3, 4)) for m in STAGE.finditer(text)}
    totals = TOTAL.findall(text)
    if "search" not in stages or "model" not in stages or not totals:
        sys.exit(f"{binary}: no profile in the build's output (a build before TUYENVAN_PROFILE "
                 f"printed CPU times?)\n{text[-2000:]}")
    wall = stages["search"][0]
    cpu = stages["search"][1] - stages["model"][1]
    system = stages["search"][2] - stages["model"][2]
    return {"search": wall, "total": int(totals[-1]), "cpu": cpu, "system": system}


def main():
    ap = vs_hugo.native_arguments(__doc__, sizes="10000,100000", rounds=10)
    args = ap.parse_args()

    binary, sizes, sites = vs_hugo.native_sites(args)
    out = os.path.join(args.work, "out-search-share")
    runs = {n: [] for n in sizes}
    print(f"tuyenvan {binary}\nwork dir {args.work}, {os.cpu_count()} cores, {args.rounds} rounds\n")
    for round_number in range(args.rounds):
        order = sizes if round_number % 2 == 0 else list(reversed(sizes))
        for n in order:
            run = profiled_build(binary, sites[n], out)
            run["share"] = run["search"] / run["total"]
            runs[n].append(run)
        shares = ", ".join(f"{n}: {runs[n][-1]['share']:.3f}" for n in sizes)
        print(f"round {round_number + 1}: share {shares}", flush=True)
    shutil.rmtree(out, ignore_errors=True)

    header = (f"{'articles':>8} {'share':>6} {'search':>7} {'rest':>7} {'CPU':>7} {'system':>7}")
    print("\nmedians; search, rest of the build, and the search stage's CPU and system time in "
          "µs per article\n" + header)
    print("-" * len(header))
    med = lambda n, f: statistics.median(f(r) for r in runs[n])  # noqa: E731
    for n in sizes:
        per = 1e3 / n
        print(f"{n:>8} {med(n, lambda r: r['share']):>6.3f} {med(n, lambda r: r['search']) * per:>7.1f} "
              f"{med(n, lambda r: r['total'] - r['search']) * per:>7.1f} "
              f"{med(n, lambda r: r['cpu']) * per:>7.1f} {med(n, lambda r: r['system']) * per:>7.1f}")
    print("\nevery round's share, sorted:")
    for n in sizes:
        shares = sorted(r["share"] for r in runs[n])
        print(f"  {n:>8}: " + " ".join(f"{share:.3f}" for share in shares))
    first, last = sizes[0], sizes[-1]
    verdict = "no larger" if med(last, lambda r: r["share"]) <= med(first, lambda r: r["share"]) else "larger"
    print(f"\nshare at {last:,} articles {verdict} than at {first:,} (medians)")


if __name__ == "__main__":
    main()
