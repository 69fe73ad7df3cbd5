#!/usr/bin/env python3
"""Benchmark: builds of one site by two or more tuyenvan binaries, alternating, N runs each.

For before/after figures without Hugo (`vs_hugo.py --baseline` also runs Hugo): prints each
binary's median wall time (with quartiles and minimum), user and system CPU, and peak memory.
Each build writes into an emptied folder, as `vs_hugo.py` does.

Usage: python3 benches/alternate.py SITE RUNS BINARY [BINARY ...]
       e.g. python3 benches/alternate.py /dev/shm/tb/native-1000 21 /tmp/old target/release/tuyenvan
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def build_usage(binary, site, out, settle=0.0):
    """One build into an emptied `out`, `settle` seconds after emptying it: (wall s, the
    child's resource usage)."""
    shutil.rmtree(out, ignore_errors=True)
    time.sleep(settle)
    start = time.perf_counter()
    proc = subprocess.Popen([binary, "build", "--root", site, "--output", out],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{binary}: the build of {site} failed")
    return wall, usage


def build(binary, site, out):
    """One build into an emptied `out`: (wall s, user s, system s, peak MB)."""
    wall, usage = build_usage(binary, site, out)
    return wall, usage.ru_utime, usage.ru_stime, usage.ru_maxrss / 1024


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    site, runs, binaries = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    results = {b: [] for b in binaries}
    with tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None) as work:
        out = os.path.join(work, "public")
        for _ in range(runs):
            for binary in binaries:
                results[binary].append(build(binary, site, out))
    for binary, rows in results.items():
        walls = sorted(r[0] for r in rows)
        q1, q3 = walls[len(walls) // 4], walls[3 * len(walls) // 4]
        print(f"{binary}: median {statistics.median(walls) * 1000:.0f} ms "
              f"(q1 {q1 * 1000:.0f}, q3 {q3 * 1000:.0f}, min {walls[0] * 1000:.0f}), "
              f"user {statistics.median(r[1] for r in rows):.3f} s, "
              f"system {statistics.median(r[2] for r in rows):.3f} s, "
              f"peak {statistics.median(r[3] for r in rows):.0f} MB, {runs} runs")


if __name__ == "__main__":
    main()
