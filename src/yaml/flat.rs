//! A quick reader for the YAML nearly every front matter is: top-level `key: value` lines with
//! quoted or plain scalars, `[..]` lists on one line and `- item` lists, and comments.
//!
//! It gives exactly the value serde_yaml would, or `None` for anything else (nested maps,
//! multi-line scalars, anchors, rare escapes, duplicate keys, errors): the caller then asks
//! serde_yaml, whose errors carry the line and column. serde_yaml spends about 130,000
//! instructions on a ten-line front matter, a fifth of an article's whole parse.

use serde_yaml::{Mapping, Value};

/// The mapping `text` holds, when every line of it is in the quick reader's reach.
pub(crate) fn parse(text: &str) -> Option<Value> {
    if !plain_characters(text) {
        return None;
    }
    let mut mapping = Mapping::new();
    // A key written with nothing after it: null, or the list of the `- item` lines below.
    let mut open: Option<(String, Vec<Value>, Option<usize>)> = None;
    for line in text.split('\n') {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(item) = content.strip_prefix("- ") {
            let (_, items, indent) = open.as_mut()?;
            let at = line.len() - content.len();
            if *indent.get_or_insert(at) != at {
                return None;
            }
            items.push(block_scalar(item.trim_start_matches(' '))?);
            continue;
        }
        if content.len() != line.len() {
            return None;
        }
        close(&mut mapping, open.take())?;
        let (key, rest) = line.split_once(':')?;
        if !is_plain_key(key) || mapping.contains_key(key) {
            return None;
        }
        if rest.trim_end_matches(' ').is_empty() {
            open = Some((key.to_string(), Vec::new(), None));
            continue;
        }
        let value = rest.strip_prefix(' ')?.trim_start_matches(' ');
        let value = match value.strip_prefix('[') {
            Some(inside) => flow_list(inside)?,
            None => block_scalar(value)?,
        };
        mapping.insert(Value::String(key.to_string()), value);
    }
    close(&mut mapping, open)?;
    // An empty text is null to serde_yaml, not an empty mapping.
    (!mapping.is_empty()).then_some(Value::Mapping(mapping))
}

/// Whether every character of `text` is one libyaml reads as printable and not as a line
/// break: it refuses control characters and breaks lines at `\r`, U+0085, U+2028, U+2029.
fn plain_characters(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(c, '\n' | '\t' | ' '..='\u{7e}' | '\u{a0}'..='\u{2027}' | '\u{202a}'..='\u{d7ff}'
            | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}' | '\u{10000}'..)
    })
}

/// Puts an open key into `mapping`: its list, or null when no item followed. `None` when the
/// key is already there (serde_yaml refuses duplicate keys).
fn close(mapping: &mut Mapping, open: Option<(String, Vec<Value>, Option<usize>)>) -> Option<()> {
    if let Some((key, items, indent)) = open {
        if mapping.contains_key(key.as_str()) {
            return None;
        }
        let value = match indent {
            Some(_) => Value::Sequence(items),
            None => Value::Null,
        };
        mapping.insert(Value::String(key), value);
    }
    Some(())
}

/// A key read as text: a name of letters, digits, `_` and `-`, not one YAML reads as null
/// or true/false.
fn is_plain_key(key: &str) -> bool {
    !matches!(
        key,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    ) && key
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A value that ends its line: quoted, or plain up to a ` #` comment.
fn block_scalar(text: &str) -> Option<Value> {
    let (value, rest) = match text.as_bytes().first()? {
        b'"' => double_quoted(&text[1..])?,
        b'\'' => single_quoted(&text[1..])?,
        _ => {
            let plain = match text.find(" #") {
                Some(comment) => &text[..comment],
                None => text,
            };
            return plain_scalar(plain.trim_end_matches(' '), false);
        }
    };
    ends_line(rest).then_some(Value::String(value))
}

/// Whether only spaces, or spaces and a comment, follow a quoted scalar.
fn ends_line(rest: &str) -> bool {
    let after = rest.trim_start_matches(' ');
    after.is_empty() || (after.len() < rest.len() && after.starts_with('#'))
}

/// `[a, "b c"]` on one line (the text after `[`).
fn flow_list(mut text: &str) -> Option<Value> {
    let mut items = Vec::new();
    loop {
        text = text.trim_start_matches(' ');
        if let Some(rest) = text.strip_prefix(']') {
            return ends_line(rest).then_some(Value::Sequence(items));
        }
        if !items.is_empty() {
            text = text.strip_prefix(',')?.trim_start_matches(' ');
        }
        let rest = match text.as_bytes().first()? {
            b'"' => {
                let (value, rest) = double_quoted(&text[1..])?;
                items.push(Value::String(value));
                rest
            }
            b'\'' => {
                let (value, rest) = single_quoted(&text[1..])?;
                items.push(Value::String(value));
                rest
            }
            _ => {
                let end = text.find([',', ']'])?;
                items.push(plain_scalar(text[..end].trim_end_matches(' '), true)?);
                &text[end..]
            }
        };
        text = rest;
    }
}

/// A plain scalar as serde_yaml resolves it. Text that could be a number, a date-like
/// word or anything else that needs YAML's rules is left to serde_yaml.
fn plain_scalar(text: &str, in_flow: bool) -> Option<Value> {
    let first = text.bytes().next()?;
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
        || text.contains(": ")
        || text.ends_with(':')
        || text.contains(" #")
        || text.contains('\t')
        || (in_flow && text.contains(['[', ']', '{', '}']))
    {
        return None;
    }
    match text {
        "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Numbers (`2023`, `1e3`, `0x1F`, `+5`, `.inf`) start with a digit, `+`, `.` or `-` (never
    // plain here) and hold nothing but hexadecimal digits, `x`, `o`, signs and points; a
    // date written `2023-06-12` is text (a dash after a digit is in no number).
    let could_be_number = match text.as_bytes()[0] {
        b'.' | b'+' => true,
        b'0'..=b'9' => {
            let numeric = text
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b"xo+-.".contains(&b));
            let dashed_date =
                text.bytes().all(|b| b.is_ascii_digit() || b == b'-') && text.contains('-');
            numeric && !dashed_date
        }
        _ => false,
    };
    if could_be_number {
        return None;
    }
    Some(Value::String(text.to_string()))
}

/// The text of a `"..."` scalar closed on this line (given the text after the opening
/// quote) and what follows it.
fn double_quoted(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let stop = rest.find(['"', '\\'])?;
        out.push_str(&rest[..stop]);
        if rest.as_bytes()[stop] == b'"' {
            return Some((out, &rest[stop + 1..]));
        }
        let escape = rest[stop + 1..].chars().next()?;
        rest = &rest[stop + 1 + escape.len_utf8()..];
        match escape {
            '"' | '\\' | '/' => out.push(escape),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'u' => {
                let hex = rest.get(..4)?;
                if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                out.push(char::from_u32(u32::from_str_radix(hex, 16).ok()?)?);
                rest = &rest[4..];
            }
            _ => return None,
        }
    }
}

/// The text of a `'...'` scalar closed on this line, `''` standing for one quote.
fn single_quoted(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut rest = text;
    loop {
        let stop = rest.find('\'')?;
        out.push_str(&rest[..stop]);
        rest = &rest[stop + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                out.push('\'');
                rest = after;
            }
            None => return Some((out, rest)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde(text: &str) -> Option<Value> {
        serde_yaml::from_str(text).ok()
    }

    #[test]
    fn reads_the_front_matter_editors_write() {
        let text = "title: \"Hội nghị tuyên vận – số 9\"\ndate: 2024-02-23T18:00:00+07:00\n\
            authors: [\"Nam Trung\"]\ncategories: [\"Tuyên giáo\", 'Thông tin tuyên vận']\n\
            tags:\n  - COVID-19 ở cơ sở\n  - \"y tế\"\nsummary: Sáng 12/6, Ban Tuyên giáo # ghi chú\n\
            draft: false\nimage:\n# một dòng ghi chú\n";
        let quick = parse(text).expect("in reach");
        assert_eq!(Some(quick.clone()), serde(text));
        assert_eq!(quick["tags"][1], Value::String("y tế".into()));
        assert_eq!(quick["image"], Value::Null);
    }

    #[test]
    fn leaves_everything_else_to_serde_yaml() {
        for text in [
            "weight: 5\n",
            "size: 1.5\n",
            "x: .inf\n",
            "x: +5\n",
            "x: 0x1F\n",
            "x: 1e3\n",
            "title: a: b\n",
            "title: a\ntitle: b\n",
            "extra:\n  key: value\n",
            "title: \"open\n  continued\"\n",
            "title: \"\\x41\"\n",
            "title: &anchor x\n",
            "  title: x\n",
            "tags: [a, [b]]\n",
            "title: x\n  continued\n",
            "tags:\n  - a\n - b\n",
            "title: \"x\"y\n",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    /// Every front matter of the sample site and the test fixtures: most are read quickly,
    /// and each one read quickly is what serde_yaml reads.
    #[test]
    fn agrees_on_the_sample_site_and_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut quick, mut all) = (0, 0);
        for dir in ["content", "tests"] {
            let files = walkdir::WalkDir::new(root.join(dir))
                .into_iter()
                .filter_entry(|e| e.file_name() != "node_modules");
            for entry in files {
                let path = entry.unwrap().into_path();
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Some(rest) = text.strip_prefix("---\n") else {
                    continue;
                };
                let Some(end) = rest.find("\n---") else {
                    continue;
                };
                let front = &rest[..end + 1];
                all += 1;
                if let Some(value) = parse(front) {
                    quick += 1;
                    assert_eq!(Some(value), serde(front), "{}", path.display());
                }
            }
        }
        assert!(all > 20 && quick * 2 > all, "{quick} of {all} read quickly");
    }

    fn scalar() -> impl Strategy<Value = String> {
        let tame = prop::sample::select(vec![
            "Tuyên vận",
            "\"Tuyên vận\"",
            "'it''s'",
            "\"a \\\"b\\\" \\u00e1\"",
            "12/06/2023",
            "2024-02-23T18:00:00+07:00",
            "Đắk Lắk",
            "\"x\" # c",
            "a#b",
            "http://x.vn/a",
            "Hội nghị \"Dân vận khéo\"",
            "x, y",
            "a ]",
            "lien-he",
            "page",
            "145-CV-BTGDVHU.pdf",
            "3rd",
            "inf",
            "nan",
            "Infinity",
            "2023-06-12",
            "5-",
            "2024-02-23",
            "\"\\/\\n\\t\"",
            "true",
            "~",
        ]);
        let tricky = prop::sample::select(vec![
            "1.5",
            "+.inf",
            ".NaN",
            "1_000",
            "0o17",
            "0b101",
            "1-2e3",
            "0X1F",
            "False",
            "null",
            "yes",
            "5",
            "-5",
            "0x1F",
            "012",
            "1e3",
            ".inf",
            "-.inf",
            ".nan",
            "a: b",
            "a #b",
            "x:",
            "-x",
            "{a: 1}",
            "&a x",
            "*a",
            "!tag x",
            "|",
            ">",
            "@x",
            "%x",
            "`x`",
            "\"unclosed",
            "'unclosed",
            "\"x\"#c",
            "...",
            "---",
            "a\tb",
            "\"\\ud800\"",
            "\"\\x41\"",
            "a\u{85}b",
            "a\u{2028}b",
            "a\u{1}b",
            "a\rb",
            "",
        ]);
        prop_oneof![15 => tame, 1 => tricky].prop_map(String::from)
    }

    /// A front matter of mostly distinct keys, each with a scalar, a `[..]` list or `- item`
    /// lines, between comments and blank lines, now and then a line of anything.
    fn front_matter() -> impl Strategy<Value = String> {
        const KEYS: [&str; 10] = [
            "title", "date", "tags", "summary", "x-y", "_k", "image", "draft", "true", "a b",
        ];
        let entry = (
            0..40usize,
            0..12u8,
            prop::collection::vec(scalar(), 0..4),
            prop::sample::select(vec!["", " ", "  "]),
        );
        prop::collection::vec(entry, 0..9).prop_map(|entries| {
            let mut text = String::new();
            for (i, (pick, kind, values, indent)) in entries.into_iter().enumerate() {
                // Mostly each key once; now and then one picked at random (maybe again).
                let key = if pick < 37 {
                    KEYS[i % 8]
                } else {
                    KEYS[(i + pick) % KEYS.len()]
                };
                let first = values.first().cloned().unwrap_or_default();
                match kind {
                    0..=4 => text.push_str(&format!("{key}: {first}\n")),
                    5 | 6 => text.push_str(&format!("{key}: [{}]\n", values.join(", "))),
                    7..=9 => {
                        text.push_str(&format!("{key}:\n"));
                        for v in &values {
                            text.push_str(&format!("{indent}- {v}\n"));
                        }
                    }
                    10 => text.push_str("# c\n\n"),
                    _ => text.push_str(&format!("{indent}{first}\n")),
                }
            }
            text
        })
    }

    proptest! {
        /// Whenever the quick reader answers, serde_yaml reads the same text to the same value.
        #[test]
        fn agrees_with_serde_yaml(text in front_matter()) {
            if let Some(quick) = parse(&text) {
                prop_assert_eq!(Some(quick), serde(&text), "{:?}", text);
            }
        }
    }
}
