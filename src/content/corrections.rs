//! `corrections:` in front matter: the dated notes correcting a published article (Luật Tiếp
//! cận thông tin, Điều 22), read from YAML with each mistake located at its item's line.

use super::dates::{parse_date, ArticleDate, ACCEPTED_FORMATS};
use crate::error::Diagnostic;
use crate::tr;
use crate::vietnamese::nfc;
use chrono_tz::Tz;
use serde_yaml::Value;
use std::path::Path;

/// One correction: when it was made and what it says (plain text, NFC, trimmed).
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    pub date: ArticleDate,
    pub text: String,
}

/// The newest of an article's corrections and its `updated`: when it last changed.
pub fn last_change(
    updated: Option<ArticleDate>,
    corrections: &[Correction],
) -> Option<ArticleDate> {
    corrections
        .iter()
        .map(|c| c.date)
        .chain(updated)
        .max_by_key(|d| d.when)
}

/// Where the lines of `corrections:` sit in a front matter block (which starts on file
/// line 2), for locating each item's mistakes.
struct Lines<'a> {
    lines: Vec<&'a str>,
    /// 0-based index in `lines` of `corrections:`.
    key: usize,
    /// 0-based index of each block item's `-` line.
    items: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(yaml_text: &'a str) -> Self {
        let lines: Vec<&str> = yaml_text.lines().collect();
        let key = lines
            .iter()
            .position(|l| l.starts_with("corrections:"))
            .unwrap_or(0);
        let mut items = Vec::new();
        let mut indent = None;
        for (i, line) in lines.iter().enumerate().skip(key + 1) {
            let trimmed = line.trim_start();
            let own = line.len() - trimmed.len();
            if own == 0 && !trimmed.is_empty() && !trimmed.starts_with(['-', '#']) {
                break;
            }
            let item = trimmed == "-" || trimmed.starts_with("- ");
            if item && indent.is_none_or(|first| own <= first) {
                indent = Some(own);
                items.push(i);
            }
        }
        Lines { lines, key, items }
    }

    /// File line and column of item `n`'s `-`, or of the key when items are written inline.
    fn item(&self, n: usize) -> (usize, usize) {
        match self.items.get(n) {
            Some(&i) => (
                i + 2,
                self.lines[i].len() - self.lines[i].trim_start().len() + 1,
            ),
            None => (self.key + 2, 1),
        }
    }

    /// File line and column of the value of `field:` inside item `n`, else of the item.
    fn field(&self, n: usize, field: &str) -> (usize, usize) {
        self.find(n, field, true)
    }

    /// File line and column of the key `field:` inside item `n`, else of the item.
    fn key(&self, n: usize, field: &str) -> (usize, usize) {
        self.find(n, field, false)
    }

    fn find(&self, n: usize, field: &str, value: bool) -> (usize, usize) {
        let Some(&start) = self.items.get(n) else {
            return self.item(n);
        };
        let end = self.items.get(n + 1).copied().unwrap_or(self.lines.len());
        for i in start..end {
            let line = self.lines[i];
            let rest = line.trim_start();
            let rest = rest.strip_prefix('-').map_or(rest, str::trim_start);
            if let Some(after) = rest.strip_prefix(field).and_then(|r| r.strip_prefix(':')) {
                let start = if value {
                    line.len() - after.trim_start().len()
                } else {
                    line.len() - rest.len()
                };
                return (i + 2, line[..start].chars().count() + 1);
            }
        }
        self.item(n)
    }
}

/// Reads `corrections:` (absent or blank: none), in the order written.
pub(crate) fn parse(
    raw: Option<&Value>,
    yaml_text: &str,
    path: &Path,
    tz: Tz,
) -> (Vec<Correction>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    let items = match raw {
        None | Some(Value::Null) => return (found, errors),
        Some(Value::Sequence(items)) => items,
        Some(_) => {
            let lines = Lines::new(yaml_text);
            errors.push(
                Diagnostic::new(path, tr!("corrections-not-list"))
                    .at(lines.key + 2, 1)
                    .with_help(tr!("corrections-example")),
            );
            return (found, errors);
        }
    };
    let lines = Lines::new(yaml_text);
    for (n, item) in items.iter().enumerate() {
        let number = n + 1;
        let at = |(line, column): (usize, usize), message: String, help: String| {
            Diagnostic::new(path, message)
                .at(line, column)
                .with_help(help)
        };
        let Value::Mapping(map) = item else {
            errors.push(at(
                lines.item(n),
                tr!("correction-not-map", number = number),
                tr!("corrections-example"),
            ));
            continue;
        };
        for key in map.keys() {
            let name = key.as_str().unwrap_or_default();
            if name != "date" && name != "text" {
                let name = scalar(key).unwrap_or_default();
                errors.push(at(
                    lines.key(n, &name),
                    tr!("correction-unknown-key", number = number, key = name),
                    tr!("correction-unknown-key-help"),
                ));
            }
        }
        let text = map.get("text").and_then(scalar).map(|t| nfc(t.trim()));
        if text.as_deref().is_none_or(str::is_empty) {
            errors.push(at(
                lines.field(n, "text"),
                tr!("correction-no-text", number = number),
                tr!("corrections-example"),
            ));
        }
        let date = match map.get("date").and_then(scalar) {
            Some(written) if !written.trim().is_empty() => match parse_date(&written, tz) {
                Ok(date) => Some(date),
                Err(reason) => {
                    errors.push(at(
                        lines.field(n, "date"),
                        tr!(
                            "correction-bad-date",
                            number = number,
                            reason = reason.message
                        ),
                        tr!("correction-date-help", formats = ACCEPTED_FORMATS),
                    ));
                    None
                }
            },
            _ => {
                errors.push(at(
                    lines.field(n, "date"),
                    tr!("correction-no-date", number = number),
                    tr!("corrections-example"),
                ));
                None
            }
        };
        if let (Some(date), Some(text)) = (date, text.filter(|t| !t.is_empty())) {
            found.push(Correction { date, text });
        }
    }
    (found, errors)
}

/// A YAML scalar as the text the editor wrote (`date: 2023` is a number to YAML).
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TZ: Tz = chrono_tz::Asia::Ho_Chi_Minh;

    fn read(yaml_text: &str) -> (Vec<Correction>, Vec<Diagnostic>) {
        let value: serde_yaml::Mapping = serde_yaml::from_str(yaml_text).unwrap();
        parse(
            value.get("corrections"),
            yaml_text,
            Path::new("content/a.md"),
            TZ,
        )
    }

    #[test]
    fn reads_dated_notes_in_order() {
        let (found, errors) = read(
            "title: A\ncorrections:\n  - date: 12/06/2023 8:30\n    text: \" Sửa tên xã. \"\n  - date: 2023-06-10\n    text: Sửa số liệu\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "Sửa tên xã.");
        assert!(found[0].date.has_time && !found[1].date.has_time);
        let newest = last_change(None, &found).unwrap();
        assert_eq!(newest, found[0].date);
    }

    #[test]
    fn blank_means_none() {
        let (found, errors) = read("corrections:\n");
        assert!(found.is_empty() && errors.is_empty());
    }

    #[test]
    fn each_mistake_is_located_at_its_item() {
        // File lines: the block starts on line 2.
        let (_, errors) = read(
            "title: A\ncorrections:\n  - date: 12/06/2023\n  - text: Không có ngày\n  - date: 31/02/2023\n    text: Ngày sai\n  - date: 13/06/2023\n    text: \"\"\n    ghi_chu: x\n  - chỉ là chữ\n",
        );
        let located: Vec<(Option<usize>, Option<usize>)> =
            errors.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(
            located,
            vec![
                (Some(4), Some(3)),  // item 1 has no text: at its `-`
                (Some(5), Some(3)),  // item 2 has no date
                (Some(6), Some(11)), // item 3's date, at its value
                (Some(10), Some(5)), // item 4's unknown key
                (Some(9), Some(11)), // item 4's empty text
                (Some(11), Some(3)), // item 5 is not a map
            ],
            "{errors:#?}"
        );
        assert!(errors[2].message.contains("31/02/2023"), "{}", errors[2]);
    }

    #[test]
    fn a_text_instead_of_a_list_is_an_error() {
        let (_, errors) = read("title: A\ncorrections: Sửa tên xã\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(3));
    }
}
