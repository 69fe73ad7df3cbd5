//! The only module that calls the YAML parser: it turns a YAML mapping (site.yaml or a
//! front matter block) into a typed value, or into located diagnostics with suggestions.
//! Keeping the parser behind these two functions lets it be swapped without touching callers.

use crate::error::{closest, Diagnostic};
use crate::tr;
use serde::de::DeserializeOwned;
use std::path::Path;

mod flat;

/// Where a YAML text sits inside its file, so reported lines are the file's own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Origin<'a> {
    pub path: &'a Path,
    /// Number of file lines before the YAML text starts.
    pub line_offset: usize,
}

impl Origin<'_> {
    fn diagnostic(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.path, message)
    }
}

/// Parses `text` as a mapping of `known_keys` into `T`, reporting every syntax error, unknown
/// key (with the closest known key) and wrong type it can find. The value comes back even
/// with unknown keys, so callers can go on validating and report everything in one run.
pub(crate) fn parse_mapping<T: DeserializeOwned>(
    text: &str,
    origin: Origin<'_>,
    known_keys: &[&str],
) -> (Option<T>, Vec<Diagnostic>) {
    let source = if text.trim().is_empty() { "{}" } else { text };
    // Most front matters are flat: read quickly, with serde_yaml behind for the rest.
    let value: serde_yaml::Value = match flat::parse(source) {
        Some(v) => v,
        None => match serde_yaml::from_str(source) {
            Ok(v) => v,
            Err(e) => return (None, vec![syntax_error(&e, text, origin)]),
        },
    };
    let serde_yaml::Value::Mapping(mapping) = value else {
        let d = origin
            .diagnostic(tr!("yaml-not-mapping"))
            .at(origin.line_offset + 1, 1)
            .with_help(tr!("yaml-known-keys", keys = known_keys.join(", ")));
        return (None, vec![d]);
    };
    let mut errors = unknown_keys(&mapping, text, origin, known_keys);
    // Read from the value already parsed: parsing the text a second time was most of the
    // cost of a front matter. The value holds no positions and reads a scalar only as its
    // resolved type (`title: 2023` is a number there), so on failure the text is read again:
    // it accepts such scalars as text, and its errors carry a line and column.
    if let Ok(parsed) = T::deserialize(serde_yaml::Value::Mapping(mapping)) {
        return (Some(parsed), errors);
    }
    match serde_yaml::from_str::<T>(source) {
        Ok(parsed) => (Some(parsed), errors),
        Err(e) => {
            errors.push(type_error(&e, text, origin));
            (None, errors)
        }
    }
}

/// `parse_mapping` for callers that stop at the first problem.
pub(crate) fn parse_mapping_strict<T: DeserializeOwned>(
    text: &str,
    origin: Origin<'_>,
    known_keys: &[&str],
) -> Result<T, Vec<Diagnostic>> {
    match parse_mapping(text, origin, known_keys) {
        (Some(parsed), errors) if errors.is_empty() => Ok(parsed),
        (_, errors) => Err(errors),
    }
}

/// Parses free-form YAML (a theme's `strings.yaml`) into JSON.
pub(crate) fn parse_free(text: &str, origin: Origin<'_>) -> Result<serde_json::Value, Diagnostic> {
    let value: serde_yaml::Value =
        serde_yaml::from_str(text).map_err(|e| syntax_error(&e, text, origin))?;
    to_json(&value).map_err(|message| origin.diagnostic(message).at(origin.line_offset + 1, 1))
}

/// Converts free-form YAML (the `extra` maps) into JSON for templates.
pub(crate) fn to_json(value: &serde_yaml::Value) -> Result<serde_json::Value, String> {
    serde_json::to_value(value).map_err(|e| e.to_string())
}

fn unknown_keys(
    mapping: &serde_yaml::Mapping,
    text: &str,
    origin: Origin<'_>,
    known_keys: &[&str],
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for key in mapping.keys() {
        let name = match key {
            serde_yaml::Value::String(s) => s.clone(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim()
                .to_string(),
        };
        if known_keys.contains(&name.as_str()) {
            continue;
        }
        let (line, column) = key_position(text, &name);
        let d = origin
            .diagnostic(tr!("yaml-unknown-key", name = name.as_str()))
            .at(origin.line_offset + line, column)
            .spanning(name.chars().count());
        errors.push(d.with_help(unknown_key_help(&name, known_keys)));
    }
    errors
}

/// 1-based line and column of a top-level `key:` in `text` (1, 1 when it cannot be found).
fn key_position(text: &str, key: &str) -> (usize, usize) {
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(['"', '\'']);
        if line.starts_with(|c: char| !c.is_whitespace())
            && trimmed.starts_with(key)
            && trimmed[key.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(':')
        {
            return (index + 1, 1);
        }
    }
    (1, 1)
}

fn location(e: &serde_yaml::Error, origin: Origin<'_>) -> (usize, usize) {
    match e.location() {
        Some(loc) => (origin.line_offset + loc.line(), loc.column()),
        None => (origin.line_offset + 1, 1),
    }
}

/// serde_yaml's message without its trailing " at line X column Y", which we print ourselves.
fn bare_message(e: &serde_yaml::Error) -> String {
    let message = e.to_string();
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    }
}

fn syntax_error(e: &serde_yaml::Error, text: &str, origin: Origin<'_>) -> Diagnostic {
    let (line, column) = location(e, origin);
    let detail = bare_message(e);
    let file_line = line.saturating_sub(origin.line_offset);
    let source_line = text.lines().nth(file_line.saturating_sub(1)).unwrap_or("");
    let at = |message: String| {
        origin
            .diagnostic(message)
            .with_note(tr!("note-yaml", detail = detail.as_str()))
    };
    if let (Some(fixed), Some(open)) = (
        straight_quoted_line(source_line),
        source_line.find(CURLY_OPENINGS),
    ) {
        // The whole quoted value is underlined: its quotes are the mistake.
        let value = source_line[open..].trim_end();
        return at(tr!("yaml-curly-quotes"))
            .at(line, source_line[..open].chars().count() + 1)
            .spanning(value.chars().count())
            .with_help(tr!("yaml-curly-quotes-help", line = fixed));
    }
    if let Some(tab) = source_line.find('\t') {
        let fixed = source_line.replace('\t', "  ");
        return at(tr!("yaml-tab"))
            .at(line, source_line[..tab].chars().count() + 1)
            .spanning(1)
            .with_help(tr!("yaml-tab-help", line = fixed));
    }
    let d = at(tr!("yaml-syntax")).at(line, column);
    if detail.contains("mapping values are not allowed")
        || source_line
            .split_once(": ")
            .is_some_and(|(_, v)| v.contains(": "))
    {
        let help = match quoted_value_line(source_line) {
            Some(fixed) => tr!("yaml-colon-help", line = fixed),
            None => tr!("yaml-colon-help-general"),
        };
        d.with_help(help)
    } else if detail.contains("duplicate") || detail.contains("duplicated") {
        d.with_help(tr!("yaml-duplicate-help"))
    } else {
        d.with_help(tr!("yaml-syntax-help"))
    }
}

fn type_error(e: &serde_yaml::Error, _text: &str, origin: Origin<'_>) -> Diagnostic {
    let (line, column) = location(e, origin);
    let detail = bare_message(e);
    // serde's `unknown field `x`, expected one of `a`, `b`` (a key inside a section) and
    // `unknown variant` (a value from a fixed list): named in our words, with a suggestion.
    let quoted: Vec<&str> = detail.split('`').skip(1).step_by(2).collect();
    if let Some((name, allowed)) = quoted.split_first() {
        let note = tr!("note-yaml", detail = detail.as_str());
        let suggestion = closest(name, allowed)
            .map(|s| tr!("did-you-mean", name = s))
            .unwrap_or_else(|| tr!("yaml-known-keys", keys = allowed.join(", ")));
        if detail.contains("unknown field") {
            return origin
                .diagnostic(tr!("yaml-unknown-key", name = *name))
                .at(line, column)
                .spanning(name.chars().count())
                .with_help(suggestion)
                .with_note(note);
        }
        if detail.contains("unknown variant") {
            let help = closest(name, allowed)
                .map(|s| tr!("did-you-mean", name = s))
                .unwrap_or_else(|| tr!("yaml-allowed-values", values = allowed.join(", ")));
            return origin
                .diagnostic(tr!("yaml-unknown-value", value = *name))
                .at(line, column)
                .with_help(help)
                .with_note(note);
        }
    }
    let (message, help) = if detail.contains("expected a boolean") {
        ("yaml-type-switch", "yaml-type-switch-help")
    } else if detail.contains("sequence") {
        ("yaml-type-list", "yaml-type-list-help")
    } else if detail.contains("missing field") {
        ("yaml-type-missing", "yaml-type-missing-help")
    } else {
        ("yaml-type-other", "yaml-type-other-help")
    };
    // serde names the key in front of its message (`draft: invalid type: …`).
    let key = detail
        .split_once(": ")
        .map(|(key, _)| key)
        .filter(|key| !key.contains(' '))
        .map_or_else(|| tr!("yaml-this-key"), |key| format!("`{key}`"));
    origin
        .diagnostic(tr!(message, key = key))
        .at(line, column)
        .with_help(tr!(help))
        .with_note(tr!("note-yaml", detail = detail))
}

/// Curly quotes that word processors put around text, as (opening, closing) pairs: to a
/// reader they are quotes, to YAML they are letters.
pub(crate) const CURLY: [(char, char); 2] = [('“', '”'), ('‘', '’')];
const CURLY_OPENINGS: [char; 2] = ['“', '‘'];

/// `key: “value”` rewritten with straight double quotes (`key: "value"`), ready to paste, when
/// the line's value is wrapped in curly quotes.
pub(crate) fn straight_quoted_line(line: &str) -> Option<String> {
    let (key, rest) = line.split_once(':')?;
    if key.is_empty() || key.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let value = rest.trim();
    let inner = CURLY.iter().find_map(|(open, close)| {
        let inner = value.strip_prefix(*open)?;
        // A value cut short (no closing mark) still gets its quotes.
        Some(inner.strip_suffix(*close).unwrap_or(inner))
    })?;
    Some(format!("{key}: {}", crate::scaffold::yaml_quote(inner)))
}

/// `key: a: b` with the value put in double quotes, when the line is one `key: value`.
fn quoted_value_line(line: &str) -> Option<String> {
    let (key, value) = line.split_once(": ")?;
    let value = value.trim();
    if key.is_empty() || key.starts_with([' ', '\t', '#', '-']) || value.starts_with(['"', '\'']) {
        return None;
    }
    Some(format!("{key}: {}", crate::scaffold::yaml_quote(value)))
}

/// Key names editors type in Vietnamese (as `vietnamese::slugify` spells them), and the key
/// each means. A suggestion is made only when that key exists where the mistake is.
const VIETNAMESE_KEYS: &[(&str, &[&str])] = &[
    ("tieu-de", &["title"]),
    ("ten-bai", &["title"]),
    ("ngay", &["date"]),
    ("ngay-dang", &["date"]),
    ("thoi-gian", &["date"]),
    ("ngay-sua", &["updated"]),
    ("cap-nhat", &["updated"]),
    ("ngay-cap-nhat", &["updated"]),
    ("tac-gia", &["author", "authors"]),
    ("nguoi-viet", &["author", "authors"]),
    ("but-danh", &["author", "authors"]),
    ("chuyen-muc", &["category", "categories"]),
    ("danh-muc", &["category", "categories"]),
    ("the", &["tags"]),
    ("tu-khoa", &["tags"]),
    ("anh", &["image"]),
    ("hinh", &["image"]),
    ("hinh-anh", &["image"]),
    ("anh-dai-dien", &["image"]),
    ("chu-thich-anh", &["image_caption"]),
    ("chu-thich", &["image_caption"]),
    ("mo-ta-anh", &["image_alt"]),
    ("tom-tat", &["summary"]),
    ("sapo", &["summary"]),
    ("sa-po", &["summary"]),
    ("mo-ta", &["summary", "description"]),
    ("nguon", &["source"]),
    ("duong-dan", &["slug"]),
    ("ban-nhap", &["draft"]),
    ("nhap", &["draft"]),
    ("noi-bat", &["featured"]),
    ("ten-trang", &["title"]),
    ("dia-chi", &["base_url"]),
    ("mui-gio", &["timezone"]),
    ("ngon-ngu", &["language"]),
];

/// An example line for a suggested key, as an editor would write it.
fn example(key: &str) -> String {
    let value = match key {
        "title" => "\"Hội nghị tổng kết công tác dân vận\"",
        "date" => "12/06/2023 08:30",
        "updated" => "13/06/2023 09:00",
        "author" => "Hồng Hải",
        "authors" => "[\"Hồng Hải\", \"Minh Thư\"]",
        "category" => "Dân vận",
        "categories" => "[\"Dân vận\", \"Tin tức\"]",
        "tags" => "[\"hội nghị\", \"dân vận\"]",
        "image" => "anh-hoi-nghi.jpg",
        "image_caption" => "\"Quang cảnh hội nghị\"",
        "image_alt" => "\"Đại biểu dự hội nghị\"",
        "summary" | "description" => "\"Sáng 12/6, ...\"",
        "source" => "\"Báo Lào Cai\"",
        "slug" => "hoi-nghi-tong-ket",
        "draft" | "featured" => "true",
        "base_url" => "https://tinh.gov.vn/thong-tin-tuyen-van/",
        "timezone" => "Asia/Ho_Chi_Minh",
        "language" => "vi",
        _ => "…",
    };
    format!("{key}: {value}")
}

/// The help of an unknown key: the key a Vietnamese name means, else the closest spelling,
/// else the list of keys.
fn unknown_key_help(name: &str, known_keys: &[&str]) -> String {
    let slug = crate::vietnamese::slugify(name);
    let meant = VIETNAMESE_KEYS
        .iter()
        .filter(|(vi, _)| *vi == slug)
        .flat_map(|(_, keys)| keys.iter())
        .find(|key| known_keys.contains(key));
    if let Some(key) = meant {
        return tr!(
            "yaml-vietnamese-key",
            name = name,
            key = *key,
            example = example(key)
        );
    }
    match closest(name, known_keys) {
        Some(suggestion) => tr!("did-you-mean", name = suggestion),
        None => tr!("yaml-known-keys", keys = known_keys.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    struct Sample {
        title: String,
        #[serde(default)]
        draft: bool,
    }

    fn origin() -> Origin<'static> {
        Origin {
            path: Path::new("a.md"),
            line_offset: 1,
        }
    }

    #[test]
    fn parses_known_keys() {
        let s: Sample = parse_mapping_strict(
            "title: Xin chào\ndraft: true\n",
            origin(),
            &["title", "draft"],
        )
        .unwrap();
        assert_eq!(s.title, "Xin chào");
        assert!(s.draft);
    }

    #[test]
    fn unknown_key_has_line_and_suggestion() {
        let errors = parse_mapping_strict::<Sample>(
            "title: A\ndarft: true\n",
            origin(),
            &["title", "draft"],
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `draft`?"));
    }

    #[test]
    fn a_number_or_date_written_as_a_title_is_read_as_text() {
        for (yaml, title) in [
            ("title: 2023\n", "2023"),
            ("title: 1.10\n", "1.10"),
            ("title: 12/06/2023\n", "12/06/2023"),
        ] {
            let s: Sample = parse_mapping_strict(yaml, origin(), &["title"]).unwrap();
            assert_eq!(s.title, title);
        }
    }

    #[test]
    fn wrong_type_is_located() {
        let errors =
            parse_mapping_strict::<Sample>("title: A\ndraft: có\n", origin(), &["title", "draft"])
                .unwrap_err();
        assert_eq!(errors[0].line, Some(3));
        assert!(
            errors[0].note().unwrap().contains("boolean"),
            "{:?}",
            errors[0]
        );
        assert_eq!(errors[0].help.as_deref(), Some("write `true` or `false`"));
    }

    #[test]
    fn colon_in_value_gets_quoting_advice() {
        let errors =
            parse_mapping_strict::<Sample>("title: Hội nghị: tổng kết\n", origin(), &["title"])
                .unwrap_err();
        assert_eq!(errors[0].line, Some(2));
        assert!(errors[0].help.as_deref().unwrap().contains("double quotes"));
    }

    #[test]
    fn reports_unknown_keys_and_type_errors_together() {
        let errors =
            parse_mapping_strict::<Sample>("titel: A\ndraft: 3\n", origin(), &["title", "draft"])
                .unwrap_err();
        assert_eq!(errors.len(), 2, "{errors:?}");
    }
}
