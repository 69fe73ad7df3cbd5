//! The article body written as the Markdown our parser reads: paragraphs with bold, italic
//! and links, headings, nested lists, tables (pipe tables, HTML when cells are merged),
//! figures with captions, and footnotes. Text is escaped so it reads back as written.

use super::article::{heading_level, Item};
use super::document::{Block, Cell, Inline, ListItem, Merge, Paragraph, Span};
use std::collections::HashMap;

/// What the body needs besides its items: each picture's file name, each note's blocks.
pub(crate) struct Names<'a> {
    /// Picture part -> file name beside index.md; parts without a name are left out.
    pub(crate) photos: &'a HashMap<String, String>,
    pub(crate) notes: &'a HashMap<String, Vec<Block>>,
}

/// The Markdown body.
pub(crate) fn body(items: &[Item], names: &Names<'_>) -> String {
    let mut notes = Notes::default();
    let mut chunks: Vec<String> = Vec::new();
    let mut list: Vec<(ListItem, String)> = Vec::new();
    for item in items {
        if let Item::Block(Block::Paragraph(p)) = item {
            if let Some(li) = p.list {
                list.push((li, inline(&p.inlines, &mut notes)));
                continue;
            }
        }
        if !list.is_empty() {
            chunks.push(render_list(&std::mem::take(&mut list)));
        }
        match item {
            Item::Block(Block::Paragraph(p)) => chunks.push(paragraph(p, &mut notes)),
            Item::Block(Block::Table(rows)) => chunks.push(table(rows, &mut notes)),
            Item::Figure { part, alt, caption } => {
                if let Some(name) = names.photos.get(part) {
                    chunks.push(figure(name, alt, caption.as_deref()));
                } else if let Some(caption) = caption {
                    chunks.push(format!("*{}*", escape(caption)));
                }
            }
        }
    }
    if !list.is_empty() {
        chunks.push(render_list(&list));
    }
    chunks.retain(|c| !c.trim().is_empty());
    let definitions = notes.definitions(names.notes);
    if !definitions.is_empty() {
        chunks.push(definitions);
    }
    let mut out = chunks.join("\n\n");
    out.push('\n');
    out
}

fn paragraph(p: &Paragraph, notes: &mut Notes) -> String {
    match heading_level(p) {
        Some(level) => format!("{} {}", "#".repeat(level.into()), escape(&p.text())),
        None => inline(&p.inlines, notes),
    }
}

fn figure(name: &str, alt: &str, caption: Option<&str>) -> String {
    let alt = caption.unwrap_or(alt);
    let mut out = format!("![{}]({name}", escape(alt));
    if let Some(caption) = caption {
        out.push_str(&format!(
            " \"{}\"",
            caption.replace('\\', "\\\\").replace('"', "\\\"")
        ));
    }
    out.push(')');
    out
}

/// Numbered notes in the order their marks appear.
#[derive(Default)]
struct Notes {
    order: Vec<String>,
}

impl Notes {
    fn mark(&mut self, key: &str) -> usize {
        match self.order.iter().position(|k| k == key) {
            Some(i) => i + 1,
            None => {
                self.order.push(key.to_string());
                self.order.len()
            }
        }
    }

    fn definitions(&self, texts: &HashMap<String, Vec<Block>>) -> String {
        let mut out = Vec::new();
        for (i, key) in self.order.iter().enumerate() {
            let mut inner = Notes::default();
            let paragraphs: Vec<String> = texts
                .get(key)
                .into_iter()
                .flatten()
                .filter_map(|b| match b {
                    Block::Paragraph(p) => Some(inline(&p.inlines, &mut inner)),
                    Block::Table(_) => None,
                })
                .filter(|t| !t.is_empty())
                .collect();
            out.push(format!("[^{}]: {}", i + 1, paragraphs.join("\n\n    ")));
        }
        out.join("\n")
    }
}

/// A paragraph's runs as Markdown: runs of one look merged, marks outside the spaces.
fn inline(inlines: &[Inline], notes: &mut Notes) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < inlines.len() {
        match &inlines[i] {
            Inline::Text(first) => {
                let mut text = String::new();
                while let Some(Inline::Text(s)) = inlines.get(i) {
                    if !same_look(s, first) {
                        break;
                    }
                    text.push_str(&s.text);
                    i += 1;
                }
                out.push_str(&styled(first, &text));
                continue;
            }
            Inline::Break => out.push_str("\\\n"),
            Inline::Note(key) => out.push_str(&format!("[^{}]", notes.mark(key))),
            Inline::Picture { .. } => {}
        }
        i += 1;
    }
    tidy(&out)
}

fn same_look(a: &Span, b: &Span) -> bool {
    a.bold == b.bold && a.italic == b.italic && a.link == b.link
}

fn styled(span: &Span, text: &str) -> String {
    let text = plain_spaces(text);
    let core = text.trim();
    if core.is_empty() {
        return text;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    let marks = match (span.bold, span.italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    let mut inner = format!("{marks}{}{marks}", escape(core));
    if let Some(url) = &span.link {
        inner = format!("[{inner}](<{}>)", url.replace(['<', '>', '\n'], ""));
    }
    format!("{lead}{inner}{trail}")
}

/// No-break spaces and tabs become plain spaces; runs of spaces one.
fn plain_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c == '\u{a0}' || c == '\t' || c == '\u{202f}' {
            ' '
        } else {
            c
        };
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

/// Spaces collapsed, line ends trimmed, and what would start a block at a line's start
/// escaped; dangling line breaks dropped.
fn tidy(text: &str) -> String {
    let joined = plain_spaces(text);
    let lines: Vec<String> = joined
        .split('\n')
        .map(|l| l.trim().trim_end_matches('\\').trim_end().to_string())
        .filter(|l| !l.is_empty())
        .map(|l| escape_line_start(&l))
        .collect();
    lines.join("\\\n")
}

/// Characters Markdown would read as markup.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let entity = c == '&'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_alphanumeric() || *n == '#');
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '|' | '~'
        ) || entity
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn escape_line_start(line: &str) -> String {
    let first = line.chars().next().unwrap_or(' ');
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = line[digits..].chars().next();
    let numbered = digits > 0
        && matches!(after_digits, Some('.' | ')'))
        && line[digits + 1..].starts_with(' ');
    if numbered {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    let marker = matches!(first, '#' | '=' | '+' | '-')
        && (line.len() == 1 || line[1..].starts_with([' ', '#', '=', '-']));
    if marker {
        format!("\\{line}")
    } else {
        line.to_string()
    }
}

fn render_list(items: &[(ListItem, String)]) -> String {
    let base = items.iter().map(|(li, _)| li.level).min().unwrap_or(0);
    // Indent of each open level: a nested item starts where its parent's text starts.
    let mut indents: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    let mut top_ordered = None;
    for (li, text) in items {
        let depth = usize::from(li.level - base);
        if depth == 0 {
            // A bulleted list right after a numbered one (or the reverse) is another list.
            if top_ordered.is_some_and(|o| o != li.ordered) {
                out.push(String::new());
            }
            top_ordered = Some(li.ordered);
        }
        indents.truncate(depth + 1);
        while indents.len() < depth + 1 {
            let last = indents.last().copied().unwrap_or(0);
            indents.push(last + if li.ordered { 3 } else { 2 });
        }
        let pad = if depth == 0 { 0 } else { indents[depth - 1] };
        let marker = if li.ordered { "1." } else { "-" };
        indents[depth] = pad + marker.len() + 1;
        let text = text.replace("\\\n", &format!("\\\n{}", " ".repeat(indents[depth])));
        out.push(format!("{}{marker} {text}", " ".repeat(pad)));
    }
    out.join("\n")
}

fn table(rows: &[Vec<Cell>], notes: &mut Notes) -> String {
    let merged = rows
        .iter()
        .flatten()
        .any(|c| c.span > 1 || c.merge != Merge::None);
    if merged {
        html_table(rows)
    } else {
        pipe_table(rows, notes)
    }
}

fn pipe_table(rows: &[Vec<Cell>], notes: &mut Notes) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let line = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row
            .iter()
            .map(|c| {
                c.paragraphs
                    .iter()
                    .map(|p| inline(&p.inlines, notes).replace("\\\n", "<br>"))
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("<br>")
            })
            .collect();
        cells.resize(width, String::new());
        out.push(line(cells));
        if r == 0 {
            out.push(line(vec!["---".to_string(); width]));
        }
    }
    out.join("\n")
}

/// Merged cells need HTML: `colspan` from `gridSpan`, `rowspan` from the covered cells below.
fn html_table(rows: &[Vec<Cell>]) -> String {
    let grid: Vec<Vec<(usize, &Cell)>> = rows
        .iter()
        .map(|row| {
            let mut col = 0;
            row.iter()
                .map(|c| {
                    let at = col;
                    col += c.span;
                    (at, c)
                })
                .collect()
        })
        .collect();
    let covered = |r: usize, col: usize| {
        grid.get(r)
            .and_then(|row| row.iter().find(|(at, _)| *at == col))
            .is_some_and(|(_, c)| c.merge == Merge::Covered)
    };
    let mut out = String::from("<table>\n");
    for (r, row) in grid.iter().enumerate() {
        out.push_str("<tr>");
        for (col, cell) in row {
            if cell.merge == Merge::Covered {
                continue;
            }
            let tag = if r == 0 { "th" } else { "td" };
            let mut attrs = String::new();
            if cell.span > 1 {
                attrs.push_str(&format!(" colspan=\"{}\"", cell.span));
            }
            let down = (r + 1..grid.len())
                .take_while(|&n| covered(n, *col))
                .count();
            if cell.merge == Merge::Start && down > 0 {
                attrs.push_str(&format!(" rowspan=\"{}\"", down + 1));
            }
            out.push_str(&format!("<{tag}{attrs}>{}</{tag}>", html_cell(cell)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>");
    out
}

fn html_cell(cell: &Cell) -> String {
    let mut parts = Vec::new();
    for p in &cell.paragraphs {
        let mut text = String::new();
        for inline in &p.inlines {
            match inline {
                Inline::Text(s) => {
                    let t = html_escape(&plain_spaces(&s.text));
                    let t = match (s.bold, s.italic) {
                        (true, true) => format!("<strong><em>{t}</em></strong>"),
                        (true, false) => format!("<strong>{t}</strong>"),
                        (false, true) => format!("<em>{t}</em>"),
                        _ => t,
                    };
                    text.push_str(&t);
                }
                Inline::Break => text.push_str("<br>"),
                _ => {}
            }
        }
        let text = text.trim().to_string();
        if !text.is_empty() {
            parts.push(text);
        }
    }
    parts.join("<br>")
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, bold: bool, italic: bool) -> Inline {
        Inline::Text(Span {
            text: text.into(),
            bold,
            italic,
            link: None,
        })
    }

    #[test]
    fn runs_become_marks_outside_their_spaces() {
        let mut notes = Notes::default();
        let inlines = vec![
            span("Đồng chí ", false, false),
            span("Bí thư ", true, false),
            span("nói:\u{a0}\u{a0}", false, false),
            Inline::Break,
            span("# 1. a*b", false, true),
        ];
        assert_eq!(
            inline(&inlines, &mut notes),
            "Đồng chí **Bí thư** nói:\\\n*# 1. a\\*b*"
        );
    }

    #[test]
    fn line_starts_that_look_like_blocks_are_escaped() {
        assert_eq!(escape_line_start("1. Mở đầu"), "1\\. Mở đầu");
        assert_eq!(escape_line_start("- gạch"), "\\- gạch");
        assert_eq!(escape_line_start("# số"), "\\# số");
        assert_eq!(escape_line_start("2026 là năm"), "2026 là năm");
    }

    #[test]
    fn nested_lists_indent_under_their_parent() {
        let b = |level| ListItem {
            ordered: false,
            level,
        };
        let n = ListItem {
            ordered: true,
            level: 0,
        };
        let items = vec![
            (b(0), "a".to_string()),
            (b(1), "b".to_string()),
            (b(0), "c".to_string()),
        ];
        assert_eq!(render_list(&items), "- a\n  - b\n- c");
        assert_eq!(render_list(&[(n, "x".to_string())]), "1. x");
        assert_eq!(
            render_list(&[(b(0), "a".to_string()), (n, "x".to_string())]),
            "- a\n\n1. x"
        );
    }
}
