#!/usr/bin/env python3
"""Photos: tuyenvan's build against a libvips pipeline making the same copies.

A site with real photos (`gencorpus.py --photos write`: 1600x1067 JPEGs, 40 % of articles
carry one) is built by tuyenvan with an empty photo cache (first build) and again after an
article edit (every copy from the cache); then pyvips makes the same copies of the same
photos: for each photo, each width of `images.widths` (480, 960, 1600; never enlarged) in
JPEG and WebP at quality 80, and the 360x240 thumbnail cropped around the centre in both,
metadata stripped, each with `pyvips.Image.thumbnail` (shrink-on-load), in 2 processes.
Prints wall time and peak memory (RSS) of each. A benchmark to run by hand, not a test.

Usage: python3 benches/photos_vs_libvips.py [--articles 1000] [--bin PATH] [--work DIR]
       [--skip-rebuild] [--vips-processes 2]
10,000 articles (4,000 photos) is heavy: pass --articles 10000 and a --work on disk.
gencorpus.py draws the photos with ImageMagick's `convert` (apt-get install imagemagick).
Needs pyvips: `pip install pyvips pyvips-binary` (libvips included), or
`apt-get install libvips42 python3-pip && pip install pyvips`.
"""
import argparse
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
WIDTHS = (480, 960, 1600)
QUALITY = 80
THUMB = (360, 240)


def timed(cmd, **kw):
    """Runs a command; returns (wall seconds, peak RSS in MiB of the process)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, **kw)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, usage.ru_maxrss / 1024


def copies(args):
    """The copies of one photo, as tuyenvan's build makes them."""
    import pyvips
    src, out = args
    stem = os.path.join(out, os.path.splitext(os.path.basename(src))[0])
    width = pyvips.Image.new_from_file(src).width
    wanted = [w for w in WIDTHS if w < width] + [min(width, WIDTHS[-1])]
    for w in sorted(set(wanted)):
        # In memory: the JPEG and the WebP are saved from one decode (the source is read once,
        # in order).
        img = pyvips.Image.thumbnail(src, w, height=10_000_000, size="down").copy_memory()
        img.jpegsave(f"{stem}.{w}w.jpg", Q=QUALITY, keep="none")
        img.webpsave(f"{stem}.{w}w.webp", Q=QUALITY, keep="none")
    thumb = pyvips.Image.thumbnail(src, THUMB[0], height=THUMB[1], crop="centre", size="down").copy_memory()
    thumb.jpegsave(f"{stem}.thumb.jpg", Q=QUALITY, keep="none")
    thumb.webpsave(f"{stem}.thumb.webp", Q=QUALITY, keep="none")
    return 8


def vips_worker(photos_list, out, processes):
    """Runs in a child process: the libvips pipeline over every photo."""
    photos = open(photos_list, encoding="utf-8").read().split("\n")
    os.makedirs(out, exist_ok=True)
    # Each photo under its own name: gencorpus names them anh-N.jpg in their bundles.
    jobs = []
    for i, p in enumerate(x for x in photos if x):
        d = os.path.join(out, str(i))
        os.makedirs(d, exist_ok=True)
        jobs.append((p, d))
    with multiprocessing.Pool(processes) as pool:
        made = sum(pool.imap_unordered(copies, jobs, chunksize=4))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{made} {peak:.0f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--bin", default=os.path.join(REPO, "target/release/tuyenvan"))
    ap.add_argument("--gencorpus", default=os.path.join(REPO, "..", "shared/tools/gencorpus.py"))
    ap.add_argument("--work", default="/dev/shm/tuyenvan-photos-bench")
    ap.add_argument("--vips-processes", type=int, default=2)
    ap.add_argument("--skip-rebuild", action="store_true")
    ap.add_argument("--vips-worker", nargs=2, help=argparse.SUPPRESS)
    o = ap.parse_args()
    if o.vips_worker:
        vips_worker(o.vips_worker[0], o.vips_worker[1], o.vips_processes)
        return
    try:
        import pyvips
        version = f"libvips {pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}"
    except (ImportError, OSError) as e:
        raise SystemExit(f"pyvips is missing ({e}): pip install pyvips pyvips-binary "
                         "(or apt-get install libvips42 python3-pip && pip install pyvips)")
    site = os.path.join(o.work, f"site-{o.articles}")
    if not os.path.isfile(os.path.join(site, "site.yaml")):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, o.gencorpus, "--articles", str(o.articles), "--out", site,
                        "--flavor", "native", "--photos", "write", "--force"], check=True)
        print(f"site generated in {time.perf_counter() - t0:.0f} s")
    photos = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                    for f in fs if f.lower().endswith((".jpg", ".jpeg")))
    print(f"{o.articles} articles, {len(photos)} photos; nproc {os.cpu_count()}, "
          f"load {os.getloadavg()[0]:.1f}")
    out = os.path.join(o.work, "public")
    for stale in (os.path.join(site, ".tuyenvan-cache"), out):
        shutil.rmtree(stale, ignore_errors=True)
    build = [o.bin, "build", "--root", site, "--output", out]
    quiet = dict(stdout=subprocess.DEVNULL, env={**os.environ, "TUYENVAN_LANG": "en"})
    wall, rss = timed(build, **quiet)
    print(f"tuyenvan first build (empty cache): {wall:.2f} s, peak {rss:.0f} MiB")
    if not o.skip_rebuild:
        # An article edit: the build record no longer matches, every copy comes from the cache.
        article = next(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                       for f in fs if f.endswith(".md"))
        with open(article, "a", encoding="utf-8") as f:
            f.write("\nThêm một dòng.\n")
        wall, rss = timed(build, **quiet)
        print(f"tuyenvan cached rebuild (an article edited): {wall:.2f} s, peak {rss:.0f} MiB")
    listing = os.path.join(o.work, "photos.txt")
    with open(listing, "w", encoding="utf-8") as f:
        f.write("\n".join(photos))
    vips_out = os.path.join(o.work, "vips")
    shutil.rmtree(vips_out, ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, __file__, "--vips-processes", str(o.vips_processes),
                             "--vips-worker", listing, vips_out], check=True, capture_output=True, text=True)
    wall = time.perf_counter() - started
    made, peak = result.stdout.split()
    print(f"{version} via pyvips, thumbnail (shrink-on-load), {o.vips_processes} processes: "
          f"{wall:.2f} s for {made} copies, peak {peak} MiB per process")
    shutil.rmtree(vips_out, ignore_errors=True)


if __name__ == "__main__":
    main()
