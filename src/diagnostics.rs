//! Diagnostics as an editor reads them: like a compiler's, with the file, line and column,
//! the source line with the mistake underlined, the message and a help line (annotate-snippets).
//! Pure: the caller hands over a way to read a file's text and says whether to use colour.

use crate::error::Diagnostic;
use crate::tr;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::path::Path;

/// How serious a diagnostic is: errors fail the run, warnings fail only `check --strict`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Whether to colour output: only on a terminal, and never when `NO_COLOR` is set (to
/// anything non-empty, as <https://no-color.org> asks).
pub fn use_color(is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty())
}

/// Renders every diagnostic, sorted by file, line and column, errors before warnings of the
/// same place. `source` returns the text of a file named by a diagnostic, if it can be read.
pub fn render_all(
    errors: &[Diagnostic],
    warnings: &[Diagnostic],
    source: &(dyn Fn(&Path) -> Option<String> + Sync),
    color: bool,
) -> String {
    use rayon::prelude::*;
    let mut all: Vec<(&Diagnostic, Severity)> = errors
        .iter()
        .map(|d| (d, Severity::Error))
        .chain(warnings.iter().map(|d| (d, Severity::Warning)))
        .collect();
    all.sort_by_key(|(d, s)| (d.sort_key(), *s == Severity::Warning));
    // Each file read and normalized once for all its diagnostics, files in parallel: `check`
    // of a large archive can report tens of thousands, and reading the file again for each
    // took longer than the whole check.
    let per_file: Vec<String> = all
        .chunk_by(|a, b| a.0.path == b.0.path)
        .collect::<Vec<_>>()
        .par_iter()
        .map(|group| {
            // Read only when a diagnostic names a line it does not carry.
            let needs_text = group
                .iter()
                .any(|(d, _)| d.line.is_some() && d.source_line().is_none());
            let text = needs_text
                .then(|| source(&group[0].0.path))
                .flatten()
                .map(|t| crate::vietnamese::source_text(&t));
            let mut out = String::new();
            for (d, severity) in group.iter() {
                out.push_str(&render(d, *severity, text.as_deref(), color));
                out.push_str("\n\n");
            }
            out
        })
        .collect();
    let mut out = per_file.concat();
    out.push_str(&count_line(errors.len(), warnings.len()));
    out
}

/// `2 lỗi, 1 cảnh báo` (`2 errors, 1 warning`), or that there is no problem.
pub fn count_line(errors: usize, warnings: usize) -> String {
    let errors_text = || tr!("count-errors", count = errors);
    let warnings_text = || tr!("count-warnings", count = warnings);
    match (errors, warnings) {
        (0, 0) => tr!("count-none"),
        (_, 0) => errors_text(),
        (0, _) => warnings_text(),
        _ => format!("{}, {}", errors_text(), warnings_text()),
    }
}

/// Renders one diagnostic; `text` is the file's text (BOM-free, LF, NFC) when known.
pub fn render(d: &Diagnostic, severity: Severity, text: Option<&str>, color: bool) -> String {
    let level = match severity {
        Severity::Error => Level::ERROR.with_name(tr!("label-error")),
        Severity::Warning => Level::WARNING.with_name(tr!("label-warning")),
    };
    let path = d.path.display().to_string();
    // A tab shows as an arrow: one character, so columns still count, and an editor sees
    // the invisible key press the message talks about.
    let read_line = |n: usize| text.and_then(|t| t.split('\n').nth(n.saturating_sub(1)));
    let source_line = d
        .line
        .and_then(|n| d.source_line().or_else(|| read_line(n)))
        .map(|l| l.replace('\t', "→"));
    let source_line = source_line.as_deref();
    let title = level.primary_title(d.message.as_str());
    let group = match (d.line, source_line) {
        (Some(line), Some(source_line)) => {
            let span = span_in_line(source_line, d.column, d.len.map(|n| n as usize));
            title.element(
                Snippet::source(source_line)
                    .line_start(line)
                    .path(path.as_str())
                    .fold(false)
                    .annotation(AnnotationKind::Primary.span(span)),
            )
        }
        (Some(line), None) => {
            let origin = Origin::path(path.as_str())
                .line(line)
                .char_column(d.column.unwrap_or(1));
            title.element(origin)
        }
        (None, _) => title.element(Origin::path(path.as_str())),
    };
    let group: Group<'_> = match &d.help {
        Some(help) => group.element(
            Level::HELP
                .with_name(tr!("label-help"))
                .message(help.as_str()),
        ),
        None => group,
    };
    let group: Group<'_> = match d.note() {
        Some(note) => group.element(Level::NOTE.with_name(tr!("label-note")).message(note)),
        None => group,
    };
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// Byte range in `line` of the mistake: `len` characters from the 1-based character
/// `column`, or the word starting there, or the whole line when no column is known.
fn span_in_line(line: &str, column: Option<usize>, len: Option<usize>) -> std::ops::Range<usize> {
    let Some(column) = column else {
        let start = line.len() - line.trim_start().len();
        let end = line.trim_end().len().max(start);
        return start..end;
    };
    let byte_at = |chars: usize| {
        line.char_indices()
            .nth(chars)
            .map_or(line.len(), |(i, _)| i)
    };
    let start = byte_at(column.saturating_sub(1));
    let end = match len {
        Some(n) => byte_at(column.saturating_sub(1) + n),
        None => {
            let rest = &line[start..];
            // A word ends at a space, or at the `:` that ends a YAML key.
            let chars: Vec<(usize, char)> = rest.char_indices().collect();
            let word = chars
                .iter()
                .enumerate()
                .find(|(k, (_, c))| {
                    c.is_whitespace()
                        || (*c == ':'
                            && *k > 0
                            && chars.get(k + 1).is_none_or(|(_, n)| n.is_whitespace()))
                })
                .map_or(rest.len(), |(_, (i, _))| *i);
            start + word
        }
    };
    if end > start {
        start..end
    } else {
        // Underline one character: the one at the column, or the last of the line.
        match line[start..].chars().next() {
            Some(c) => start..start + c.len_utf8(),
            None => start..start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_rules() {
        assert!(use_color(true, None));
        assert!(!use_color(false, None));
        assert!(!use_color(true, Some(std::ffi::OsStr::new("1"))));
        assert!(use_color(true, Some(std::ffi::OsStr::new(""))));
    }

    #[test]
    fn a_kept_line_is_shown_without_reading_the_file() {
        let kept = Diagnostic::new("content/a.md", "doubled mark")
            .at(2, 8)
            .spanning(2)
            .showing("title: A..");
        let read = std::sync::atomic::AtomicUsize::new(0);
        let source = |_: &Path| {
            read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Some("---\ntitle: other\n---\n".to_string())
        };
        let out = render_all(&[], std::slice::from_ref(&kept), &source, false);
        assert!(out.contains("2 | title: A.."), "{out}");
        assert_eq!(read.load(std::sync::atomic::Ordering::Relaxed), 0);
        // A diagnostic without its line still has the file read, once for its group.
        let unkept = Diagnostic::new("content/a.md", "unknown key").at(2, 1);
        let out = render_all(&[unkept], &[kept], &source, false);
        assert!(
            out.contains("2 | title: other") && out.contains("2 | title: A.."),
            "{out}"
        );
        assert_eq!(read.load(std::sync::atomic::Ordering::Relaxed), 1);
    }

    #[test]
    fn underlines_the_word_at_the_column() {
        let d = Diagnostic::new("content/a.md", "unknown key `catgory`")
            .at(3, 1)
            .with_help("did you mean `category`?");
        let out = render(
            &d,
            Severity::Error,
            Some("---\ntitle: A\ncatgory: Dân vận\n---\n"),
            false,
        );
        // Unit tests read English; the binary's tests cover Vietnamese.
        assert!(out.contains("error: unknown key `catgory`"), "{out}");
        assert!(out.contains("--> content/a.md:3:1"), "{out}");
        assert!(out.contains("3 | catgory: Dân vận"), "{out}");
        assert!(out.contains("  | ^^^^^^^\n"), "{out}");
        assert!(out.contains("help: did you mean `category`?"), "{out}");
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        assert_eq!(span_in_line("Tỉnh uỷ", Some(6), Some(2)), 7..11);
        assert_eq!(span_in_line("abc", Some(10), None), 3..3);
        assert_eq!(span_in_line("  abc  ", None, None), 2..5);
        assert_eq!(span_in_line("base_url: x", Some(1), None), 0..8);
        assert_eq!(span_in_line("date: 12:05", Some(7), None), 6..11);
    }

    #[test]
    fn without_source_names_the_place() {
        let d = Diagnostic::new("site.yaml", "no site.yaml in /x").with_help("create it");
        let out = render(&d, Severity::Error, None, false);
        assert!(out.contains("--> site.yaml"), "{out}");
        assert!(out.contains("help: create it"), "{out}");
    }

    #[test]
    fn sorted_with_count() {
        let a = Diagnostic::new("b.md", "second").at(1, 1);
        let b = Diagnostic::new("a.md", "first").at(2, 1);
        let w = Diagnostic::new("a.md", "warned").at(1, 1);
        let out = render_all(&[a, b], &[w], &|_| None, false);
        let first = out.find("warned").unwrap();
        let second = out.find("first").unwrap();
        let third = out.find("second").unwrap();
        assert!(first < second && second < third, "{out}");
        assert!(out.ends_with("2 errors, 1 warning"), "{out}");
    }
}
