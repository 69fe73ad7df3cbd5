#!/usr/bin/env bash
# Runs the vendored Tera's own unit tests. `cargo test -p tera` cannot: Tera is a path
# dependency, not a workspace member, and its dev-dependencies are not ours. So the crate is
# copied outside the workspace (with our Cargo.lock) and tested there. Five upstream tests
# read `examples/`, which the crates.io package does not ship: they are skipped.
# Usage: vendor/test-tera.sh [work-dir]   (default /tmp/tuyenvan-tera-tests; keeps its target/)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/tuyenvan-tera-tests}
rm -rf "$work/tera"
mkdir -p "$work"
cp -r "$repo/vendor/tera" "$work/tera"
cp "$repo/Cargo.lock" "$work/tera/"
cd "$work/tera"
CARGO_TARGET_DIR="$work/target" cargo test --lib -- \
  --skip can_load_from_glob --skip full_reload_with_glob --skip test_can_only_parse_templates
