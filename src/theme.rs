//! The theme: the built-in default embedded in the binary, overridden file by file by a
//! theme on disk; compiled once into a Tera instance, plus the `t` strings and static files.

use crate::builtin;
use crate::error::Diagnostic;
use crate::load::{AssetSource, ThemeFiles};
use crate::theme_cache;
use crate::tr;
use crate::yaml::{self, Origin};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::Tera;

/// A compiled theme.
pub struct Theme {
    pub tera: Tera,
    /// The `t` map of interface words.
    pub strings: Value,
    /// Files of `static/`, by output path.
    pub static_files: Vec<(String, AssetSource)>,
    /// Where each template came from, for error messages.
    pub template_origins: BTreeMap<String, PathBuf>,
    /// The text of each template, to tell which changed.
    pub template_sources: BTreeMap<String, String>,
    /// The search script's text for the search page to carry inline (see `search_script`).
    pub search_script: Option<Arc<str>>,
}

/// The search script's text for the search page to carry inline, so that it asks for the
/// index files of `?q=` without first waiting for the script file: the built-in
/// `js/search.js`, unless the theme has its own (its text is only read when copied) or the
/// text could end the `<script>` element it is put in.
fn search_script(static_files: &BTreeMap<String, AssetSource>) -> Option<Arc<str>> {
    const REL: &str = "js/search.js";
    let builtin = matches!(static_files.get(REL), Some(AssetSource::BuiltinTheme(_)));
    let text = std::str::from_utf8(builtin::static_bytes(REL)?).ok()?;
    let lower = text.to_ascii_lowercase();
    let safe = !lower.contains("</script") && !lower.contains("<!--");
    (builtin && safe).then(|| text.into())
}

fn under<'a>(file: &'a include_dir::File<'a>, prefix: &str) -> Option<String> {
    file.path()
        .strip_prefix(prefix)
        .ok()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
}

/// Compiles the theme: every template (disk over built-in), strings and static files.
/// With `cache_root` (a build's site root), the templates parsed by the last build are
/// taken from its `.tuyenvan-cache/` when none changed, and kept there when parsed.
pub(crate) fn load(disk: &ThemeFiles, cache_root: Option<&Path>) -> Result<Theme, Vec<Diagnostic>> {
    let all = builtin::files();
    let mut templates: BTreeMap<String, (String, PathBuf)> = BTreeMap::new();
    let mut static_files: BTreeMap<String, AssetSource> = BTreeMap::new();
    for file in &all {
        if let (Some(name), Some(text)) = (under(file, "templates"), file.contents_utf8()) {
            let origin = PathBuf::from(format!("(built-in theme) templates/{name}"));
            templates.insert(name, (text.to_string(), origin));
        } else if let Some(rel) = under(file, "static") {
            static_files.insert(rel.clone(), AssetSource::BuiltinTheme(rel));
        }
    }
    let theme_dir = disk.dir.clone().unwrap_or_default();
    for (name, text) in &disk.templates {
        templates.insert(
            name.clone(),
            (text.clone(), theme_dir.join("templates").join(name)),
        );
    }
    for (rel, abs) in &disk.static_files {
        static_files.insert(rel.clone(), AssetSource::Disk(abs.clone()));
    }
    let mut errors = Vec::new();
    let strings = load_strings(disk, &theme_dir, &mut errors);
    let mut tera = Tera::default();
    tera.set_escape_fns(escape_html, escape_html_into);
    tera.register_filter("json_script", JsonScript);
    tera.register_filter("urlencode_strict", urlencode_strict);
    tera.register_filter("truncate", truncate);
    let raw: Vec<(String, String)> = templates
        .iter()
        .map(|(n, (t, _))| (n.clone(), t.clone()))
        .collect();
    let template_sources: BTreeMap<String, String> = raw.iter().cloned().collect();
    let template_origins: BTreeMap<String, PathBuf> = templates
        .into_iter()
        .map(|(n, (_, origin))| (n, origin))
        .collect();
    if let Err(e) = parse_templates(&raw, cache_root).and_then(|t| tera.add_parsed_templates(t)) {
        errors.push(template_error(&e, &template_origins));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Theme {
        tera,
        strings,
        search_script: search_script(&static_files),
        static_files: static_files.into_iter().collect(),
        template_origins,
        template_sources,
    })
}

/// The templates parsed, or read back as the last build of the site at `cache_root` parsed
/// them (`theme_cache`).
fn parse_templates(
    raw: &[(String, String)],
    cache_root: Option<&Path>,
) -> tera::Result<Vec<tera::Template>> {
    let cache = cache_root.map(|root| (root, theme_cache::key(raw)));
    if let Some(kept) = cache.and_then(|(root, key)| theme_cache::read(root, key)) {
        return Ok(kept);
    }
    let parsed = Tera::parse_templates(raw.iter().map(|(name, text)| (name, text)))?;
    if let Some((root, key)) = cache {
        theme_cache::write(root, key, &parsed);
    }
    Ok(parsed)
}

fn load_strings(
    disk: &ThemeFiles,
    theme_dir: &std::path::Path,
    errors: &mut Vec<Diagnostic>,
) -> Value {
    let builtin_text = builtin::text("strings.yaml").unwrap_or("{}");
    let builtin_path = PathBuf::from("(built-in theme) strings.yaml");
    let mut strings = match yaml::parse_free(
        builtin_text,
        Origin {
            path: &builtin_path,
            line_offset: 0,
        },
    ) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    if let Some(text) = &disk.strings {
        let path = theme_dir.join("strings.yaml");
        match yaml::parse_free(
            text,
            Origin {
                path: &path,
                line_offset: 0,
            },
        ) {
            Ok(Value::Object(map)) => strings.extend(map),
            Ok(Value::Null) => {}
            Ok(_) => errors.push(Diagnostic::new(&path, tr!("theme-strings")).at(1, 1)),
            Err(d) => errors.push(d),
        }
    }
    Value::Object(strings)
}

/// HTML escaping for templates. Tera's default also escapes `/`, which bloats every URL
/// (`https:&#x2F;&#x2F;…`) for no safety gain inside quoted attributes and text.
fn escape_html(input: &str) -> String {
    crate::escape::html(input)
}

/// `escape_html` appended to a buffer: Tera escapes each printed value into one buffer per
/// page instead of a new string.
fn escape_html_into(input: &str, out: &mut String) {
    crate::escape::html_into(out, input);
}

/// `{{ value | json_script }}`: the value as a JSON literal that is safe inside
/// `<script type="application/ld+json">` (`<` is written `\u003c`). A filter, not a
/// macro: Tera clones every macro argument, and an article page prints a dozen of these.
struct JsonScript;

impl tera::Filter for JsonScript {
    fn filter(
        &self,
        value: &Value,
        _args: &std::collections::HashMap<String, Value>,
    ) -> tera::Result<Value> {
        let mut json = String::new();
        crate::escape::json(&mut json, value);
        Ok(Value::String(json.replace('<', r"\u003c")))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `{{ url | urlencode_strict }}`: every byte but ASCII letters and digits percent-encoded,
/// for a URL inside another's query (share links). Tera's own is left out with its builtins.
fn urlencode_strict(
    value: &Value,
    _args: &std::collections::HashMap<String, Value>,
) -> tera::Result<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("urlencode_strict takes a string"))?;
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            out.push(char::from(b));
        } else {
            // Not `format!` per byte: that was most of an article page's filters.
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    Ok(Value::String(out))
}

/// `{{ text | truncate(length=280) }}`: Tera's own filter, same arguments and result, without
/// its list of every grapheme of the text (3 % of a build, on each listing item): a text of
/// no more characters than `length` has no more graphemes either, and is kept whole.
fn truncate(value: &Value, args: &std::collections::HashMap<String, Value>) -> tera::Result<Value> {
    use unicode_segmentation::UnicodeSegmentation;
    let text = value.as_str().ok_or_else(|| {
        tera::Error::msg(format!(
            "Filter `truncate` was called on an incorrect value: got `{value}` but expected a String"
        ))
    })?;
    let length = match args.get("length") {
        Some(l) => l.as_u64().map(|n| n as usize).ok_or_else(|| {
            tera::Error::msg(format!(
                "Filter `truncate` received an incorrect type for arg `length`: got `{l}` but expected a usize"
            ))
        })?,
        None => 255,
    };
    let end = match args.get("end") {
        Some(e) => e.as_str().ok_or_else(|| {
            tera::Error::msg(format!(
                "Filter `truncate` received an incorrect type for arg `end`: got `{e}` but expected a String"
            ))
        })?,
        None => "…",
    };
    if text.chars().nth(length).is_none() {
        return Ok(value.clone());
    }
    Ok(match text.grapheme_indices(true).nth(length) {
        Some((at, _)) => Value::String(format!("{}{end}", &text[..at])),
        None => value.clone(),
    })
}

/// The full message of a Tera error, causes included.
pub(crate) fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}

/// A diagnostic for a Tera error, located in the template file it names.
pub(crate) fn template_error(e: &tera::Error, origins: &BTreeMap<String, PathBuf>) -> Diagnostic {
    let message = error_chain(e);
    let name = message
        .split('\'')
        .nth(1)
        .filter(|n| origins.contains_key(*n))
        .map(str::to_string);
    let path = name
        .as_ref()
        .and_then(|n| origins.get(n))
        .cloned()
        .unwrap_or_else(|| PathBuf::from("themes"));
    let headline = match &name {
        Some(name) => tr!("theme-template-error", name = name.as_str()),
        None => tr!("theme-template-error-unknown"),
    };
    let mut d = Diagnostic::new(path, headline)
        .with_note(tr!("note-template", detail = tidy_message(&message)));
    // Tera's parse errors carry the position as " --> line:column".
    if let Some(position) = message.split("--> ").nth(1) {
        let mut numbers = position
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<usize>().unwrap_or(1));
        if let (Some(line), Some(column)) = (numbers.next(), numbers.next()) {
            d = d.at(line, column);
        }
    }
    d.with_help(tr!("theme-template-help"))
}

/// One line of a Tera message: a parse error's own drawing of the source line (`--> 3:19 |
/// … | ^---`) is dropped, since the diagnostic shows the line itself, and only its reason
/// (`= expected …`) is kept.
fn tidy_message(message: &str) -> String {
    let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    match message.split_once("-->") {
        Some((head, drawing)) => {
            let head = one_line(head);
            let head = head.trim_end_matches(':');
            match drawing.rsplit_once("= ") {
                Some((_, reason)) => format!("{head}: {}", one_line(reason)),
                None => head.to_string(),
            }
        }
        None => one_line(message),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tera_parse_errors_read_as_one_line() {
        assert_eq!(
            super::tidy_message(
                "Failed to parse 'article.html'\n --> 3:19\n  |\n3 | <h1>{{ page.title }</h1>\n  |                   ^---\n  |\n  = expected `or` or a variable end (`}}`)"
            ),
            "Failed to parse 'article.html': expected `or` or a variable end (`}}`)"
        );
        assert_eq!(
            super::tidy_message("Variable `x`\n not found"),
            "Variable `x` not found"
        );
    }

    #[test]
    fn truncate_cuts_at_a_grapheme_as_tera_does() {
        let args = |n: u64| {
            let mut a = std::collections::HashMap::new();
            a.insert("length".to_string(), serde_json::Value::from(n));
            a
        };
        let text = serde_json::Value::String("Dân vận khéo".into());
        assert_eq!(super::truncate(&text, &args(12)).unwrap(), text);
        assert_eq!(super::truncate(&text, &args(7)).unwrap(), "Dân vận…");
        // "e" and a combining acute: one grapheme, two characters.
        let nfd = serde_json::Value::String("Ve\u{301}n va\u{300}".into());
        // Eight characters, six graphemes: kept whole at 6, cut after five graphemes at 5.
        assert_eq!(super::truncate(&nfd, &args(6)).unwrap(), nfd);
        assert_eq!(super::truncate(&nfd, &args(5)).unwrap(), "Ve\u{301}n v…");
        assert_eq!(super::truncate(&nfd, &args(2)).unwrap(), "Ve\u{301}…");
        let mut end = args(3);
        end.insert("end".into(), "...".into());
        assert_eq!(super::truncate(&text, &end).unwrap(), "Dân...");
        assert!(super::truncate(&serde_json::Value::from(3), &args(1)).is_err());
    }

    #[test]
    fn urlencode_strict_encodes_all_but_letters_and_digits() {
        let v = serde_json::Value::String("https://x.vn/tin/bài-1/?a=b".into());
        let out = super::urlencode_strict(&v, &Default::default()).unwrap();
        assert_eq!(out, "https%3A%2F%2Fx%2Evn%2Ftin%2Fb%C3%A0i%2D1%2F%3Fa%3Db");
    }

    #[test]
    fn json_script_writes_json_that_cannot_close_the_script() {
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(super::escape_html);
        tera.register_filter("json_script", super::JsonScript);
        let mut context = tera::Context::new();
        context.insert("v", "Đảng </script> \"tuyên vận\" & 'x'");
        context.insert("n", &12);
        // An .html name: autoescaping is on, as for theme templates.
        tera.add_raw_template("x.html", "{{ v | json_script }} {{ n | json_script }}")
            .unwrap();
        let out = tera.render("x.html", &context).unwrap();
        assert_eq!(out, r#""Đảng \u003c/script> \"tuyên vận\" & 'x'" 12"#);
    }

    #[test]
    fn escapes_html_but_not_slashes() {
        assert_eq!(
            super::escape_html("a <b> & \"c\" 'd' /e/ Việt"),
            "a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; /e/ Việt"
        );
    }
}
