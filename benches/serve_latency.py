#!/usr/bin/env python3
"""Latency of `tuyenvan serve` on a generated site: time from saving an article to the new
page being served (median of N edits), for body edits and for title edits, and the memory
(RSS) of the server. A benchmark to run by hand, not a timed test.

Usage: python3 benches/serve_latency.py [--articles 10000] [--edits 20] [--bin PATH] [--keep DIR] [--log FILE]
       [--date-edits 5] [--new-articles 5] [--only-new]

New and deleted articles (`--new-articles N`, each saved then deleted): the time from the save
(or the delete) to its own page being served (or answering 404) and to the home page showing
(or no longer showing) it; then an old article's page, asked at once, is checked for the new
"Tin mới nhất" list (a page re-rendered in the background must never be served stale).
Every save's latency is printed too, with how many took over 300 ms.
Needs a release build (cargo build --release) and ../shared/tools/gencorpus.py (or --gencorpus).
"""
import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, ""


def wait_until(url, marker, started, limit=30.0):
    while True:
        status, body = fetch(url)
        if status == 200 and marker in body:
            return time.perf_counter() - started
        if time.perf_counter() - started > limit:
            raise SystemExit(f"timed out waiting for {url}")
        time.sleep(0.001)


def wait_gone(url, started, limit=30.0):
    while fetch(url)[0] != 404:
        if time.perf_counter() - started > limit:
            raise SystemExit(f"timed out waiting for {url} to go")
        time.sleep(0.001)
    return time.perf_counter() - started


def wait_without(url, marker, started, limit=30.0):
    while True:
        status, body = fetch(url)
        if status == 200 and marker not in body:
            return time.perf_counter() - started
        if time.perf_counter() - started > limit:
            raise SystemExit(f"timed out waiting for {url} to drop {marker}")
        time.sleep(0.001)


def front_and_body(text):
    _, front, body = text.split("---\n", 2)
    return front, body


def page_url(base, text):
    # Article URL: /YYYY/MM/<slug>/ from the front matter's date and title (slug as served).
    m = re.search(r"^date: (\d{4})-(\d{2})", text, re.M)
    return m.group(1), m.group(2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--date-edits", type=int, default=5,
                    help="edits that move an article to another day of its month (the broader path)")
    ap.add_argument("--bin", default=os.path.join(REPO, "target/release/tuyenvan"))
    ap.add_argument("--gencorpus", default=os.path.join(REPO, "..", "shared/tools/gencorpus.py"))
    ap.add_argument("--keep", help="generate the site here (reused when present)")
    ap.add_argument("--new-articles", type=int, default=5,
                    help="articles created then deleted (each is the newest: every page's 'Tin mới nhất' changes)")
    ap.add_argument("--only-new", action="store_true", help="measure only new and deleted articles")
    ap.add_argument("--log", help="write the server's stderr here (with TUYENVAN_PROFILE=1: its stage timings)")
    o = ap.parse_args()
    work = o.keep or tempfile.mkdtemp(prefix="tuyenvan-serve-bench-")
    site = os.path.join(work, "site")
    if not os.path.isfile(os.path.join(site, "site.yaml")):
        subprocess.run([sys.executable, o.gencorpus, "--articles", str(o.articles), "--out", site,
                        "--flavor", "native", "--force"], check=True)
    # As in vs_hugo.py: gencorpus names photos it does not write, and serve rightly reports
    # them missing; photo processing has its own benchmark.
    sys.path.insert(0, HERE)
    from vs_hugo import strip_photos
    strip_photos(site)
    started = time.perf_counter()
    server = subprocess.Popen([o.bin, "serve", "--root", site, "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "TUYENVAN_LANG": "en"})  # its English lines are read
    log = open(o.log, "w", encoding="utf-8") if o.log else None
    threading.Thread(target=lambda: [log and log.write(line) for line in server.stderr], daemon=True).start()
    try:
        base = None
        for line in server.stdout:
            if line.startswith("Serving at "):
                base = line.split()[2]
                break
        if base is None:
            raise SystemExit("serve did not start")
        print(f"first build and start: {time.perf_counter() - started:.1f} s; RSS {rss_kb(server.pid) / 1024:.0f} MiB")
        # The server's own "Rebuilt in N ms" lines: the rebuild alone, without the watcher's
        # wait for quiet and the polling.
        rebuilds = []
        threading.Thread(target=lambda: [rebuilds.append(int(m.group(1))) for line in server.stdout
                                         for m in [re.match(r"Rebuilt in (\d+) ms", line)] if m],
                         daemon=True).start()
        files = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content"))
                       for f in fs if f.endswith(".md"))
        rng = random.Random(7)
        run = f"{int(time.time()) % 100000}"  # markers never seen before, even on a kept site
        if o.only_new:
            o.edits, o.date_edits = 0, 0
        picks = rng.sample(files, 2 * o.edits + o.date_edits + 1)
        old_page = find_url(base, picks[-1], site)
        picks = picks[:-1]
        body_times, title_times = [], []
        for n, path in enumerate(picks[:o.edits]):
            text = open(path, encoding="utf-8").read()
            front, body = front_and_body(text)
            marker = f"Đoạn thêm để đo lần {run} số {n}"
            url = find_url(base, path, site)
            fetch(url)
            t0 = time.perf_counter()
            atomic_write(path, f"---\n{front}---\n{body}\n{marker}.\n")
            body_times.append(wait_until(url, marker, t0))
            time.sleep(0.05)
        body_rebuilds, rebuilds[:] = rebuilds[:], []
        for n, path in enumerate(picks[o.edits:2 * o.edits]):
            text = open(path, encoding="utf-8").read()
            url = find_url(base, path, site)
            marker = f"Tiêu đề đo lần {run} số {n}"
            new = re.sub(r'^title: "(.*)"$', lambda m: f'title: "{m.group(1)} {marker}"', text, count=1, flags=re.M)
            t0 = time.perf_counter()
            atomic_write(path, new)
            # The slug follows the title; a title change moves the page. Wait for the new one.
            wait_for_title(base, marker, t0, url)
            title_times.append(time.perf_counter() - t0)
            time.sleep(0.05)
        title_rebuilds, rebuilds[:] = rebuilds[:], []
        date_times = []
        for n, path in enumerate(picks[2 * o.edits:]):
            text = open(path, encoding="utf-8").read()
            front, body = front_and_body(text)
            url = find_url(base, path, site)
            marker = f"Đổi ngày lần {run} số {n}"
            # Another day of the same month: the address stays, the article moves in the lists.
            front = re.sub(r"^(date: \d{4}-\d{2}-)(\d{2})",
                           lambda m: m.group(1) + ("01" if m.group(2) != "01" else "28"), front, count=1, flags=re.M)
            t0 = time.perf_counter()
            atomic_write(path, f"---\n{front}---\n{body}\n{marker}.\n")
            date_times.append(wait_until(url, marker, t0))
            time.sleep(0.05)
        date_rebuilds, rebuilds[:] = rebuilds[:], []
        new_own, new_home, del_own, del_home, stale = [], [], [], [], 0
        for n in range(o.new_articles):
            marker = f"Bài mới đo lần {run} số {n}"
            path = os.path.join(site, "content", "2031", f"bai-moi-{run}-{n}.md")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            url = f"{base}2031/01/{slugify(marker)}/"
            text = (f'---\ntitle: "{marker}"\ndate: 2031-01-01T08:00:00+07:00\nauthors: ["Ngân Dũng"]\n'
                    f'categories: ["Xây dựng Đảng"]\ntags: ["Hà Nam"]\n---\n\nThân bài {marker}.\n')
            t0 = time.perf_counter()
            atomic_write(path, text)
            new_own.append(wait_until(url, marker, t0))
            new_home.append(wait_until(base, marker, t0))
            # At once: a page whose list changed, which may still be waiting for the background pass.
            if marker not in fetch(old_page)[1]:
                stale += 1
            time.sleep(2.5)  # the background pass and the search index
            t0 = time.perf_counter()
            os.remove(path)
            del_own.append(wait_gone(url, t0))
            del_home.append(wait_without(base, marker, t0))
            if marker in fetch(old_page)[1]:
                stale += 1
            time.sleep(2.5)
        ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms (min {min(xs) * 1000:.0f}, max {max(xs) * 1000:.0f})"
        if body_times:
            print(f"body edit -> page served:  {ms(body_times)}")
            print(f"title edit -> page served: {ms(title_times)}")
        if date_times:
            print(f"date edit -> page served:  {ms(date_times)}")
        if new_own:
            print(f"new article -> own page served:    {ms(new_own)}")
            print(f"new article -> home page shows it: {ms(new_home)}")
            print(f"deleted article -> own page 404:   {ms(del_own)}")
            print(f"deleted article -> home page without it: {ms(del_home)}")
            each = lambda xs: " ".join(f"{x * 1000:.0f}" for x in xs)
            over = lambda xs: sum(x > 0.3 for x in xs)
            for name, xs in (("new own", new_own), ("new home", new_home), ("deleted own", del_own),
                             ("deleted home", del_home)):
                print(f"  every save, {name} (ms): {each(xs)}; over 300 ms: {over(xs)}")
            print(f"stale pages served right after (an old article's 'Tin mới nhất'): {stale} of {2 * len(new_own)}")
        for name, xs in (("body", body_rebuilds), ("title", title_rebuilds), ("date", date_rebuilds),
                         ("new/deleted", rebuilds)):
            if xs:
                print(f"  server-side rebuilds after {name} edits: median {statistics.median(xs)} ms over {len(xs)}")
        print(f"server RSS after edits: {rss_kb(server.pid) / 1024:.0f} MiB")
        time.sleep(1)  # the search index and sitemap, left for when saves pause
        print(f"server RSS once settled: {rss_kb(server.pid) / 1024:.0f} MiB")
    finally:
        server.terminate()
        server.wait(timeout=10)
        if not o.keep:
            shutil.rmtree(work, ignore_errors=True)


def atomic_write(path, text):
    """Save as editors do: write a temporary file beside it, rename it over."""
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


URLS = {}


def find_url(base, path, site):
    """The served URL of the article in `path`: found once from its canonical link."""
    if path in URLS:
        return URLS[path]
    text = open(path, encoding="utf-8").read()
    title = re.search(r'^title: "(.*)"$', text, re.M).group(1)
    year, month = page_url(base, text)
    slug = slugify(title)
    url = f"{base}{year}/{month}/{slug}/"
    status, _ = fetch(url)
    if status != 200:
        raise SystemExit(f"cannot find the page of {path} at {url}")
    URLS[path] = url
    return url


def slugify(title):
    import unicodedata
    t = title.replace("đ", "d").replace("Đ", "D")
    t = unicodedata.normalize("NFD", t)
    t = "".join(c for c in t if unicodedata.category(c) != "Mn").lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def wait_for_title(base, marker, t0, old_url):
    """A title edit changes the slug: wait until the new page is served."""
    new_url = old_url.rstrip("/") + "-" + slugify(marker) + "/"
    wait_until(new_url, marker, t0)


if __name__ == "__main__":
    main()
