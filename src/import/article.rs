//! How a reporter's Word document maps onto an article: which paragraph is the title, the
//! sapo, the author line and the source, and which paragraph under a picture is its caption.

use super::document::{Block, Paragraph};
use super::styles::Align;
use crate::vietnamese;

/// One thing of the body, in order.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Block(Block),
    Figure {
        part: String,
        alt: String,
        caption: Option<String>,
    },
}

/// The document cut into the article's pieces.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    pub(crate) title: String,
    pub(crate) summary: Option<String>,
    pub(crate) author_line: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) body: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShapeError {
    NoText,
    NoTitle,
}

/// Cuts the document's blocks into title, sapo, body, author and source.
pub(crate) fn shape(blocks: Vec<Block>) -> Result<Parts, ShapeError> {
    let mut blocks: Vec<Block> = blocks
        .into_iter()
        .flat_map(unwrap_layout_table)
        .filter(|b| !matches!(b, Block::Paragraph(p) if p.is_empty()))
        .collect();
    let has_text = blocks.iter().any(|b| match b {
        Block::Paragraph(p) => !p.text().is_empty(),
        Block::Table(_) => true,
    });
    if !has_text {
        return Err(ShapeError::NoText);
    }
    let at = title_index(&blocks).ok_or(ShapeError::NoTitle)?;
    let title = paragraph(&blocks[at])
        .map(Paragraph::text)
        .unwrap_or_default();
    blocks.remove(at);
    let summary = take_sapo(&mut blocks, at);
    let (author_line, source) = take_tail(&mut blocks);
    Ok(Parts {
        title,
        summary,
        author_line,
        source,
        body: figures(blocks),
    })
}

/// A table holding pictures lays out photos and captions (a common way to keep a caption
/// under its photo in Word): its paragraphs, row by row, are what it says.
fn unwrap_layout_table(block: Block) -> Vec<Block> {
    match block {
        Block::Table(rows)
            if rows
                .iter()
                .flatten()
                .flat_map(|c| &c.paragraphs)
                .any(|p| p.pictures().next().is_some()) =>
        {
            rows.into_iter()
                .flatten()
                .flat_map(|c| c.paragraphs)
                .map(Block::Paragraph)
                .collect()
        }
        other => vec![other],
    }
}

fn paragraph(block: &Block) -> Option<&Paragraph> {
    match block {
        Block::Paragraph(p) => Some(p),
        Block::Table(_) => None,
    }
}

fn text_paragraph(block: &Block) -> Option<&Paragraph> {
    paragraph(block).filter(|p| p.pictures().next().is_none() && p.list.is_none())
}

/// Word's Title style, else Heading 1, else the first paragraph when it stands out.
fn title_index(blocks: &[Block]) -> Option<usize> {
    let styled = |name: &str| {
        blocks.iter().position(|b| {
            text_paragraph(b).is_some_and(|p| p.styles.first().is_some_and(|s| s == name))
        })
    };
    if let Some(i) = styled("title").or_else(|| styled("heading 1")) {
        return Some(i);
    }
    let first = text_paragraph(blocks.first()?)?;
    let stands_out =
        first.all_bold() || first.align == Align::Center || first.size > body_size(blocks);
    stands_out.then_some(0)
}

/// The most common text size of the paragraphs: the body's.
fn body_size(blocks: &[Block]) -> u32 {
    let mut counts = std::collections::HashMap::new();
    for p in blocks.iter().filter_map(paragraph).filter(|p| p.size > 0) {
        *counts.entry(p.size).or_insert(0usize) += p.text().len();
    }
    counts
        .into_iter()
        .max_by_key(|(size, n)| (*n, *size))
        .map_or(24, |(size, _)| size)
}

fn is_sapo_style(name: &str) -> bool {
    let folded = vietnamese::fold(name);
    ["sapo", "lead", "tom tat", "summary", "chapeau"]
        .iter()
        .any(|k| folded.contains(k))
}

/// A paragraph in a Sapo/Lead style, else the first paragraph after the title when bold.
fn take_sapo(blocks: &mut Vec<Block>, after_title: usize) -> Option<String> {
    let styled = blocks.iter().position(|b| {
        text_paragraph(b).is_some_and(|p| p.styles.first().is_some_and(|s| is_sapo_style(s)))
    });
    let bold_next = blocks
        .get(after_title)
        .and_then(text_paragraph)
        .filter(|p| p.all_bold() && !is_heading(p))
        .map(|_| after_title);
    let at = styled.or(bold_next)?;
    let text = text_paragraph(&blocks[at])?.text();
    blocks.remove(at);
    Some(text)
}

pub(crate) fn heading_level(p: &Paragraph) -> Option<u8> {
    let name = p.styles.first()?;
    if name == "title" || name == "subtitle" {
        return Some(2);
    }
    let level = name.strip_prefix("heading ")?.trim().parse::<u8>().ok()?;
    Some(level.clamp(2, 4))
}

fn is_heading(p: &Paragraph) -> bool {
    heading_level(p).is_some()
}

/// `Nguồn: …` and a short bold or right-aligned name at the end, in either order.
fn take_tail(blocks: &mut Vec<Block>) -> (Option<String>, Option<String>) {
    let (mut author, mut source) = (None, None);
    for _ in 0..2 {
        let Some(last) = blocks.last().and_then(text_paragraph) else {
            break;
        };
        let text = last.text();
        if source.is_none() {
            if let Some(rest) = source_text(&text) {
                source = Some(rest);
                blocks.pop();
                continue;
            }
        }
        if author.is_none() && is_author_line(last, &text) {
            author = Some(text);
            blocks.pop();
            continue;
        }
        break;
    }
    (author, source)
}

fn source_text(text: &str) -> Option<String> {
    let (head, value) = text.split_once(':')?;
    let value = value.trim();
    (vietnamese::fold(head).trim() == "nguon" && !value.is_empty()).then(|| value.to_string())
}

fn is_author_line(p: &Paragraph, text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=12).contains(&words)
        && text.chars().count() <= 100
        && !is_heading(p)
        && (p.all_bold() || p.align == Align::End)
}

fn is_caption(p: &Paragraph) -> bool {
    p.pictures().next().is_none()
        && p.list.is_none()
        && !is_heading(p)
        && p.text().chars().count() <= 400
        && (p.has_style(|s| s.contains("caption")) || p.all_italic() || p.align == Align::Center)
}

/// Pictures out of their paragraphs, each with the caption under it.
fn figures(blocks: Vec<Block>) -> Vec<Item> {
    let mut out = Vec::new();
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        let Block::Paragraph(mut p) = block else {
            out.push(Item::Block(block));
            continue;
        };
        let pictures: Vec<(String, String)> = p
            .pictures()
            .map(|(part, alt)| (part.clone(), alt.clone()))
            .collect();
        if pictures.is_empty() {
            out.push(Item::Block(Block::Paragraph(p)));
            continue;
        }
        p.inlines
            .retain(|i| !matches!(i, super::document::Inline::Picture { .. }));
        if !p.is_empty() {
            out.push(Item::Block(Block::Paragraph(p)));
        }
        let caption = match blocks.peek() {
            Some(Block::Paragraph(next)) if is_caption(next) => {
                let text = next.text();
                blocks.next();
                Some(text)
            }
            _ => None,
        };
        let last = pictures.len() - 1;
        for (i, (part, alt)) in pictures.into_iter().enumerate() {
            out.push(Item::Figure {
                part,
                alt,
                caption: if i == last { caption.clone() } else { None },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::document::{Inline, Span};

    fn para(text: &str, bold: bool, align: Align) -> Block {
        Block::Paragraph(Paragraph {
            styles: vec!["normal".into()],
            align,
            list: None,
            size: 26,
            inlines: vec![Inline::Text(Span {
                text: text.into(),
                bold,
                italic: false,
                link: None,
            })],
        })
    }

    #[test]
    fn title_sapo_author_and_source_are_found() {
        let blocks = vec![
            para("Tiêu đề bài", true, Align::Center),
            para("", false, Align::Start),
            para("Sapo in đậm.", true, Align::Start),
            para("Thân bài.", false, Align::Start),
            para("Lan Phương - Trung tâm VH, TT - TT", false, Align::End),
            para("Nguồn: Báo Lào Cai", false, Align::Start),
        ];
        let parts = shape(blocks).unwrap();
        assert_eq!(parts.title, "Tiêu đề bài");
        assert_eq!(parts.summary.as_deref(), Some("Sapo in đậm."));
        assert_eq!(
            parts.author_line.as_deref(),
            Some("Lan Phương - Trung tâm VH, TT - TT")
        );
        assert_eq!(parts.source.as_deref(), Some("Báo Lào Cai"));
        assert_eq!(parts.body.len(), 1);
    }

    #[test]
    fn a_plain_first_paragraph_is_no_title() {
        let blocks = vec![para("Thân bài.", false, Align::Start)];
        assert_eq!(shape(blocks).err(), Some(ShapeError::NoTitle));
        assert_eq!(shape(vec![]).err(), Some(ShapeError::NoText));
    }
}
