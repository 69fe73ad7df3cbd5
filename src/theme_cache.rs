//! The theme's templates as parsed by the last build, kept in `.tuyenvan-cache/` so that
//! the next build adds them without parsing them again.
//!
//! Parsing the templates is the largest cost a small site pays on every build: some 9 ms of
//! one processor for the built-in theme, half of a one-article site's build. Reading them
//! back is a fraction of that. The file is found by a key over every template's name and
//! text, this program's version and Tera's parser (its grammar and code): any change
//! parses again. A file that cannot be read, or reads as something else, is parsed again
//! too; writing it is best effort, so a read-only site still builds.

use crate::cache::CACHE_DIR;
use serde::{Deserialize, Serialize};
use std::path::Path;
use tera::Template;

/// The file, inside `.tuyenvan-cache/`: one theme per site, replaced when it changes.
const FILE: &str = "theme.json";

/// What makes the same template text parse differently: Tera's grammar and parser.
const PARSER: [&str; 5] = [
    include_str!("../vendor/tera/src/parser/tera.pest"),
    include_str!("../vendor/tera/src/parser/mod.rs"),
    include_str!("../vendor/tera/src/parser/whitespace.rs"),
    include_str!("../vendor/tera/src/parser/ast.rs"),
    include_str!("../vendor/tera/src/template.rs"),
];

/// The file's content: the templates (owned when read, borrowed when written) under their key.
#[derive(Serialize, Deserialize)]
struct Kept<T> {
    key: u128,
    templates: T,
}

/// The key of `templates` (name, text): changes with any of them, with this program's
/// version and with Tera's parser.
pub(crate) fn key(templates: &[(String, String)]) -> u128 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut part = |bytes: &[u8]| {
        // Each part's length first: no two lists of parts hash the same bytes.
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    part(env!("CARGO_PKG_VERSION").as_bytes());
    for source in PARSER {
        part(source.as_bytes());
    }
    for (name, text) in templates {
        part(name.as_bytes());
        part(text.as_bytes());
    }
    hasher.digest128()
}

/// The templates kept under `key` in the site at `root`, if they are there and whole.
pub(crate) fn read(root: &Path, key: u128) -> Option<Vec<Template>> {
    let text = std::fs::read_to_string(root.join(CACHE_DIR).join(FILE)).ok()?;
    let kept: Kept<Vec<Template>> = serde_json::from_str(&text).ok()?;
    (kept.key == key).then_some(kept.templates)
}

/// Keeps `templates` under `key` in the site at `root`, replacing the file in one step so
/// that a build reading it meanwhile sees the old file or the new one, never half of one.
pub(crate) fn write(root: &Path, key: u128, templates: &[Template]) {
    let dir = root.join(CACHE_DIR);
    let Ok(json) = serde_json::to_vec(&Kept { key, templates }) else {
        return;
    };
    let written = std::fs::create_dir_all(&dir)
        .and_then(|()| crate::output::replace_file(&dir.join(FILE), &json));
    // Only time is lost when the file cannot be written: the next build parses again.
    drop(written);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn templates() -> Vec<(String, String)> {
        vec![
            (
                "base.html".into(),
                "<p>{{ 1.1 + x | round }}</p>{% block b %}{% endblock %}".into(),
            ),
            (
                "page.html".into(),
                "{% extends \"base.html\" %}{% block b %}{{ a.b[0] }}{% endblock %}".into(),
            ),
        ]
    }

    #[test]
    fn the_key_changes_with_any_name_or_text() {
        let base = key(&templates());
        let mut renamed = templates();
        renamed[1].0 = "page2.html".into();
        let mut edited = templates();
        edited[0].1.push(' ');
        // The same bytes cut differently are another list.
        let mut moved = templates();
        moved[0].0 = "base.html<p>".into();
        moved[0].1 = moved[0].1["<p>".len()..].to_string();
        for other in [renamed, edited, moved] {
            assert_ne!(key(&other), base);
        }
        assert_eq!(key(&templates()), base);
    }

    #[test]
    fn templates_read_back_render_as_parsed() {
        let root = tempfile::tempdir().unwrap();
        let parsed = tera::Tera::parse_templates(templates()).unwrap();
        let k = key(&templates());
        assert!(read(root.path(), k).is_none());
        write(root.path(), k, &parsed);
        assert!(
            read(root.path(), k + 1).is_none(),
            "another key is another theme"
        );
        let back = read(root.path(), k).expect("written and read back");
        let render = |templates: Vec<Template>| {
            let mut tera = tera::Tera::default();
            tera.add_parsed_templates(templates).unwrap();
            let mut context = tera::Context::new();
            context.insert("x", &2.25);
            context.insert("a", &serde_json::json!({"b": ["một"]}));
            tera.render("page.html", &context).unwrap()
        };
        assert_eq!(render(back), render(parsed));
        // A damaged file is not used.
        std::fs::write(root.path().join(CACHE_DIR).join(FILE), "{\"key\":").unwrap();
        assert!(read(root.path(), k).is_none());
    }
}
