#!/usr/bin/env python3
"""Benchmark: tuyenvan against Hugo on the same generated site, side by side.

Generates sites with ../shared/tools/gencorpus.py (--flavor native for tuyenvan,
--flavor hugo for the same articles in Hugo's form), then for each size builds both,
alternating runs, and prints wall time (median of N), peak memory (max RSS), files
written, our time as a ratio of Hugo's, the per-article cost, a no-change rebuild, and
the floor: reading every source file and writing the same output bytes, no processing.

Photos are left out of both sites (see strip_photos).

Usage: python3 benches/vs_hugo.py [--sizes 1000,10000,30000] [--runs 5]
         [--work /dev/shm/tuyenvan-bench] [--shared ../shared] [--baseline OLD_BINARY]
Needs: `cargo build --release` (done here), `hugo` (apt-get install hugo), python3.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    """Runs a command; returns (wall seconds, peak RSS in MB of the child)."""
    # stderr goes to a file, not a pipe: a long error list would fill a pipe and block.
    with tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_file, **kw)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err_file.seek(0)
        err = err_file.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024


def count_files(path):
    total_files = total_bytes = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            total_files += 1
            total_bytes += os.path.getsize(os.path.join(dirpath, f))
    return total_files, total_bytes


def floor(source_dir, output_dir, work):
    """Read every source file, write the same output bytes: the machine's limit."""
    target = os.path.join(work, "floor-out")
    shutil.rmtree(target, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run("find . -type f -print0 | xargs -0 cat > /dev/null", shell=True, cwd=source_dir, check=True)
    subprocess.run(["cp", "-r", output_dir, target], check=True)
    wall = time.perf_counter() - start
    shutil.rmtree(target, ignore_errors=True)
    return wall


def strip_photos(site):
    """gencorpus names photos (`image: anh-N.jpg`, and `![..](anh-N.jpg ..)` in bodies) that
    it does not write. Hugo publishes the broken references silently; tuyenvan rightly stops
    on a missing photo. So the benchmark leaves photos out of both sites, which stay the same
    site; photo processing has its own benchmark (`cargo bench --bench images`)."""
    marker = os.path.join(site, ".photos-stripped-v2")
    if os.path.exists(marker):
        return
    for dirpath, _, files in os.walk(os.path.join(site, "content")):
        for name in files:
            if not name.endswith(".md"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            head, sep, body = text.partition("\n---\n")
            lines = [l for l in head.split("\n") if not l.startswith(("image:", "image_caption:"))]
            body = "\n".join(l for l in body.split("\n") if not l.lstrip().startswith("!["))
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + sep + body)
    open(marker, "w").close()


def generate(shared, work, n, flavors=("native", "hugo")):
    sites = {}
    for flavor in flavors:
        out = os.path.join(work, f"{flavor}-{n}")
        if not os.path.isdir(out):
            subprocess.run([sys.executable, os.path.join(shared, "tools", "gencorpus.py"),
                            "--articles", str(n), "--out", out, "--flavor", flavor, "--force"],
                           check=True, stdout=subprocess.DEVNULL)
        strip_photos(out)
        sites[flavor] = out
    return sites


def native_arguments(doc, sizes, rounds):
    """The options of the benchmarks of tuyenvan alone (see `native_sites`)."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=sizes)
    ap.add_argument("--rounds", type=int, default=rounds)
    ap.add_argument("--work", default="/dev/shm/tuyenvan-bench")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--bin", help="the tuyenvan binary to measure (default: built here)")
    return ap


def native_sites(args):
    """For the benchmarks of tuyenvan alone: the binary (`args.bin`, else a release build made
    here), the sizes (`args.sizes`) and each size's native site in `args.work`."""
    if args.bin:
        binary = os.path.abspath(args.bin)
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target", "release", "tuyenvan")
    sizes = [int(s) for s in args.sizes.split(",")]
    os.makedirs(args.work, exist_ok=True)
    sites = {n: generate(args.shared, args.work, n, flavors=("native",))["native"] for n in sizes}
    return binary, sizes, sites


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,30000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--work", default="/dev/shm/tuyenvan-bench")
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--hugo", default=shutil.which("hugo") or "hugo")
    ap.add_argument("--baseline", help="another tuyenvan binary (e.g. the one before a change), "
                    "run in the same alternation as a third tool, for A/B figures")
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    tuyenvan = os.path.join(ROOT, "target", "release", "tuyenvan")
    binaries = {"tuyenvan": tuyenvan}
    if args.baseline:
        binaries["baseline"] = os.path.abspath(args.baseline)
    hugo_version = subprocess.run([args.hugo, "version"], capture_output=True, text=True).stdout.strip()
    os.makedirs(args.work, exist_ok=True)
    print(f"tuyenvan {tuyenvan}\n{hugo_version}\nwork dir {args.work}, {os.cpu_count()} cores, median of {args.runs}\n")
    header = (f"{'articles':>8} {'tool':>8} {'wall s':>8} {'per art ms':>10} {'peak MB':>8} "
              f"{'files':>7} {'out MB':>7} {'ratio':>6} {'no-change s':>11} {'floor s':>8}")
    print(header)
    print("-" * len(header))
    for n in [int(s) for s in args.sizes.split(",")]:
        sites = generate(args.shared, args.work, n)
        ours_out = os.path.join(args.work, f"out-tuyenvan-{n}")
        hugo_out = os.path.join(args.work, f"out-hugo-{n}")
        tools = [*binaries, "hugo"]
        times = {tool: [] for tool in tools}
        peaks = {tool: [] for tool in tools}
        for _ in range(args.runs):
            for tool in tools:
                if tool in binaries:
                    shutil.rmtree(ours_out, ignore_errors=True)
                    wall, peak = run([binaries[tool], "build", "--root", sites["native"], "--output", ours_out])
                else:
                    shutil.rmtree(hugo_out, ignore_errors=True)
                    wall, peak = run([args.hugo, "--source", sites["hugo"], "--destination", hugo_out, "--quiet"])
                times[tool].append(wall)
                peaks[tool].append(peak)
        shutil.rmtree(ours_out, ignore_errors=True)
        run([tuyenvan, "build", "--root", sites["native"], "--output", ours_out])
        nochange = statistics.median(
            run([tuyenvan, "build", "--root", sites["native"], "--output", ours_out])[0] for _ in range(3))
        floor_s = floor(sites["native"], ours_out, args.work)
        hugo_median = statistics.median(times["hugo"])
        for tool in tools:
            out = hugo_out if tool == "hugo" else ours_out
            median = statistics.median(times[tool])
            files, size = count_files(out)
            ratio = f"{median / hugo_median:.2f}"
            extra = f"{nochange:>11.2f} {floor_s:>8.2f}" if tool == "tuyenvan" else f"{'':>11} {'':>8}"
            print(f"{n:>8} {tool:>8} {median:>8.2f} {1000 * median / n:>10.3f} {max(peaks[tool]):>8.0f} "
                  f"{files:>7} {size / 1e6:>7.1f} {ratio:>6} {extra}", flush=True)


if __name__ == "__main__":
    main()
