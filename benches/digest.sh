#!/usr/bin/env bash
# Output digests, for refactors that must not change a byte: builds the sample site, every
# fixture site and a 1,000-article gencorpus site with the given binary and prints one
# SHA-256 per site over every file's path and bytes.
# Usage: benches/digest.sh path/to/tuyenvan [work-dir]
set -euo pipefail
bin=$(realpath "$1")
work=${2:-/tmp/tuyenvan-digest}
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
tree_digest() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1); }
site() {
  local name=$1 src=$2
  rm -rf "$work/$name"; mkdir -p "$work/$name"
  cp -r "$src/site.yaml" "$src/content" "$work/$name/"
  [ -d "$src/themes" ] && cp -r "$src/themes" "$work/$name/"
  "$bin" build --root "$work/$name" >/dev/null 2>&1 || { echo "$name: build failed"; return; }
  echo "$name $(tree_digest "$work/$name/public") $(find "$work/$name/public" -type f | wc -l) files"
}
site sample "$repo"
for f in "$repo"/tests/fixtures/*/; do [ -f "$f/site.yaml" ] && site "fixture-$(basename "$f")" "$f"; done
corpus=$work/corpus-1000-src
if [ ! -d "$corpus" ]; then
  python3 "$repo/../shared/tools/gencorpus.py" --articles 1000 --out "$corpus" --flavor native --photos none >/dev/null
fi
site corpus-1000 "$corpus"
