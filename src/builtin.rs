//! The default theme embedded in the binary: its files by path, for the theme compiler, the
//! writer (built-in static files) and diagnostics (built-in templates' lines). Reads no disk.

use include_dir::{include_dir, Dir, File};
use std::path::Path;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Bytes of a built-in static file, by its path under `static/`.
pub(crate) fn static_bytes(rel: &str) -> Option<&'static [u8]> {
    BUILTIN
        .get_file(Path::new("static").join(rel))
        .map(|f| f.contents())
}

/// Text of a built-in theme file (`templates/base.html`, `strings.yaml`).
pub(crate) fn text(rel: &str) -> Option<&'static str> {
    BUILTIN.get_file(rel).and_then(|f| f.contents_utf8())
}

/// Every file of the built-in theme.
pub(crate) fn files() -> Vec<&'static File<'static>> {
    let mut out = Vec::new();
    collect(&BUILTIN, &mut out);
    out
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<&'static File<'static>>) {
    out.extend(dir.files());
    for sub in dir.dirs() {
        collect(sub, out);
    }
}
