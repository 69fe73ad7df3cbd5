#!/usr/bin/env bash
# Figures for search (issue 6) on a generated site: build time with the index, the index's
# own build time, size on disk, bytes per query and time to results in headless Chromium.
#   benches/search.sh [articles]      (default 10000; the corpus is kept in /tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10000}"
SITE="/tmp/tuyenvan-search-bench-$N"
OUT="$SITE.public"
QUERIES=("tuyen van" "tuyên vận" "uy ban" "dang bo" "nghi quyet" "khong co gi het")

[ -d "$SITE/content" ] || python3 /work/shared/tools/gencorpus.py --articles "$N" --out "$SITE" --flavor native
# gencorpus names photos it does not write, and a build stops on a missing photo: leave
# them out, as the Hugo benchmark does (its strip_photos, run once per corpus).
python3 -c 'import sys; sys.path.insert(0, "benches"); import vs_hugo; vs_hugo.strip_photos(sys.argv[1])' "$SITE"
cargo build --release --quiet
rm -rf "$OUT"
echo "== full build (release, includes the index)"
/usr/bin/time -f "%e s wall" ./target/release/tuyenvan build --root "$SITE" --output "$OUT"
echo "== index on disk: $(du -sb "$OUT/tim-kiem/chi-muc" | cut -f1) bytes, $(find "$OUT/tim-kiem/chi-muc" -type f | wc -l) files"
echo "== index alone (what it adds to a build) and bytes per query"
cargo bench --quiet --bench search_index -- "$SITE"
for from in "" "/"; do
  where="direct link"; [ -n "$from" ] && where="from the home page"
  echo "== headless Chromium, $where, local server"
  FROM="$from" node benches/search_browser.mjs "$OUT" "${QUERIES[@]}"
  echo "== headless Chromium, $where, 40 ms added to every response (a reader's network)"
  FROM="$from" LATENCY=40 node benches/search_browser.mjs "$OUT" "${QUERIES[@]}"
done
echo "(load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
