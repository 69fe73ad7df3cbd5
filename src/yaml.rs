//! The only module that calls the YAML parser: it turns a YAML mapping (site.yaml or a
//! front matter block) into a typed value, or into located diagnostics with suggestions.
//! Keeping the parser behind these two functions lets it be swapped without touching callers.

use crate::error::{closest, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

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
    let value: serde_yaml::Value = match serde_yaml::from_str(source) {
        Ok(v) => v,
        Err(e) => return (None, vec![syntax_error(&e, text, origin)]),
    };
    let serde_yaml::Value::Mapping(mapping) = value else {
        let d = origin
            .diagnostic("expected lines of `key: value`")
            .at(origin.line_offset + 1, 1)
            .with_help(format!("known keys are: {}", known_keys.join(", ")));
        return (None, vec![d]);
    };
    let mut errors = unknown_keys(&mapping, text, origin, known_keys);
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
        let mut d = origin
            .diagnostic(format!("unknown key `{name}`"))
            .at(origin.line_offset + line, column);
        d = match closest(&name, known_keys) {
            Some(suggestion) => d.with_help(format!("did you mean `{suggestion}`?")),
            None => d.with_help(format!("known keys are: {}", known_keys.join(", "))),
        };
        errors.push(d);
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
    let message = bare_message(e);
    let d = origin
        .diagnostic(format!("this is not valid YAML: {message}"))
        .at(line, column);
    let file_line = line.saturating_sub(origin.line_offset);
    let source_line = text.lines().nth(file_line.saturating_sub(1)).unwrap_or("");
    if message.contains("mapping values are not allowed")
        || source_line
            .split_once(": ")
            .is_some_and(|(_, v)| v.contains(": "))
    {
        d.with_help("a value that contains `: ` must be put in double quotes: title: \"Hội nghị: tổng kết\"")
    } else if message.contains("duplicate") || message.contains("duplicated") {
        d.with_help("each key may appear only once")
    } else {
        d.with_help("check the indentation and quotes on this line and the one before it")
    }
}

fn type_error(e: &serde_yaml::Error, _text: &str, origin: Origin<'_>) -> Diagnostic {
    let (line, column) = location(e, origin);
    let message = bare_message(e);
    let help = if message.contains("expected a boolean") {
        "write `true` or `false`"
    } else if message.contains("expected a sequence") || message.contains("sequence") {
        "write a list: [\"Một\", \"Hai\"]"
    } else if message.contains("missing field") {
        "add the missing key"
    } else {
        "check the value's type against the reference in README.md"
    };
    origin.diagnostic(message).at(line, column).with_help(help)
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
    fn wrong_type_is_located() {
        let errors =
            parse_mapping_strict::<Sample>("title: A\ndraft: có\n", origin(), &["title", "draft"])
                .unwrap_err();
        assert_eq!(errors[0].line, Some(3));
        assert!(
            errors[0].message.contains("boolean"),
            "{}",
            errors[0].message
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
