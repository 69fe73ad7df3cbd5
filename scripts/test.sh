#!/usr/bin/env bash
# The test command: installs what the tests need on a fresh machine (Debian's headless
# Chromium, a Java runtime, nginx, the browser-test npm packages, LibreOffice Writer and
# pandoc for the Word import's fixture documents), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium for the browser tests"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  echo "== installing a Java runtime for the Nu HTML checker (vnu-jar)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq default-jre-headless >/dev/null
fi
if ! command -v nginx >/dev/null 2>&1; then
  echo "== installing Debian's nginx-light for the redirect-rules test (run as a plain process)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq nginx-light >/dev/null
fi
if ! command -v soffice >/dev/null 2>&1; then
  echo "== installing LibreOffice Writer (soffice) to make the Word documents of tests/import.rs"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends libreoffice-writer >/dev/null
fi
if ! command -v pandoc >/dev/null 2>&1; then
  echo "== installing pandoc to make the Word documents of tests/import.rs"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq pandoc >/dev/null
fi
# npm writes node_modules/.package-lock.json on every install: when the lock file is newer
# (a package was added or changed since), install again.
if [ ! -f tests/browser/node_modules/.package-lock.json ] \
  || [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then
  echo "== installing the browser-test packages (playwright-core drives Debian's chromium, no browser"
  echo "   download; axe-core audits accessibility; vnu-jar is the Nu HTML checker; decap-cms is the"
  echo "   browser editor, served from this copy by tests/cms.rs)"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi

cargo test --all-targets "$@"
