//! The document model: `document.xml` and `footnotes.xml` read into paragraphs of styled
//! text spans, pictures and note marks, and tables with their merged cells. Tracked
//! deletions, comments, hidden text and field codes are left out here; legacy fonts decoded.

use super::legacy::Legacy;
use super::package::Relationship;
use super::styles::{Align, NumRef, Numbering, RunProps, Styles};
use super::xml::{self, child, child_val, A, MC, R, VML, W};
use roxmltree::Node;
use std::cell::RefCell;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub(crate) text: String,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    pub(crate) link: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    Text(Span),
    /// A line break inside the paragraph (Shift+Enter).
    Break,
    /// A picture: the part holding it, and the alt text Word keeps for it.
    Picture {
        part: String,
        alt: String,
    },
    /// A footnote or endnote mark: the key of its text in `Document::notes`.
    Note(String),
}

/// A list paragraph's place: numbered or bulleted, and how deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListItem {
    pub(crate) ordered: bool,
    pub(crate) level: u8,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Paragraph {
    /// Lower-case names of the paragraph's style and those it is based on, nearest first.
    pub(crate) styles: Vec<String>,
    pub(crate) align: Align,
    pub(crate) list: Option<ListItem>,
    /// The largest font size of its text, in half-points.
    pub(crate) size: u32,
    pub(crate) inlines: Vec<Inline>,
}

impl Paragraph {
    /// The paragraph's text, without marks or pictures.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        for inline in &self.inlines {
            match inline {
                Inline::Text(span) => out.push_str(&span.text),
                Inline::Break => out.push(' '),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn spans(&self) -> impl Iterator<Item = &Span> {
        self.inlines.iter().filter_map(|i| match i {
            Inline::Text(s) if !s.text.trim().is_empty() => Some(s),
            _ => None,
        })
    }

    pub(crate) fn all_bold(&self) -> bool {
        self.spans().next().is_some() && self.spans().all(|s| s.bold)
    }

    pub(crate) fn all_italic(&self) -> bool {
        self.spans().next().is_some() && self.spans().all(|s| s.italic)
    }

    pub(crate) fn has_style(&self, test: impl Fn(&str) -> bool) -> bool {
        self.styles.iter().any(|s| test(s))
    }

    pub(crate) fn pictures(&self) -> impl Iterator<Item = (&String, &String)> {
        self.inlines.iter().filter_map(|i| match i {
            Inline::Picture { part, alt } => Some((part, alt)),
            _ => None,
        })
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.text().is_empty()
            && !self
                .inlines
                .iter()
                .any(|i| matches!(i, Inline::Picture { .. } | Inline::Note(_)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Merge {
    None,
    /// The first cell of a vertical merge.
    Start,
    /// A cell covered by the one above.
    Covered,
}

#[derive(Debug, Clone)]
pub(crate) struct Cell {
    pub(crate) paragraphs: Vec<Paragraph>,
    pub(crate) span: usize,
    pub(crate) merge: Merge,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    Paragraph(Paragraph),
    Table(Vec<Vec<Cell>>),
}

/// What the parts of one XML file share while they are read.
pub(crate) struct Reader<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    rels: &'a HashMap<String, Relationship>,
    /// The Word field being read (`HYPERLINK "…"` spans several runs).
    field: RefCell<Field>,
}

/// A complex field: its instruction, then the link its result runs carry.
#[derive(Default)]
struct Field {
    instruction: String,
    in_instruction: bool,
    link: Option<String>,
}

/// The address of a `HYPERLINK "https://…"` field; none for links inside the document.
fn hyperlink_target(instruction: &str) -> Option<String> {
    let rest = instruction.trim().strip_prefix("HYPERLINK")?.trim_start();
    let target = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    let web = ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| target.starts_with(p));
    web.then(|| target.to_string())
}

fn push_text(out: &mut Paragraph, text: String, props: &RunProps, link: Option<String>) {
    if !text.trim().is_empty() {
        out.size = out.size.max(props.size.unwrap_or(24));
    }
    out.inlines.push(Inline::Text(Span {
        text,
        bold: props.bold.unwrap_or(false),
        italic: props.italic.unwrap_or(false),
        link,
    }));
}

/// The key a note mark and its text share: `f<id>` for footnotes, `e<id>` for endnotes.
pub(crate) fn note_key(id: &str, endnote: bool) -> String {
    format!("{}{id}", if endnote { 'e' } else { 'f' })
}

impl<'a> Reader<'a> {
    pub(crate) fn new(
        styles: &'a Styles,
        numbering: &'a Numbering,
        rels: &'a HashMap<String, Relationship>,
    ) -> Self {
        Reader {
            styles,
            numbering,
            rels,
            field: RefCell::default(),
        }
    }

    /// The blocks of a container (`w:body`, a cell, a note), in order.
    pub(crate) fn blocks(&self, container: Node<'_, '_>) -> Vec<Block> {
        let mut out = Vec::new();
        for node in container.children() {
            if xml::is_w(node, "p") {
                out.push(Block::Paragraph(self.paragraph(node)));
            } else if xml::is_w(node, "tbl") {
                out.push(Block::Table(self.table(node)));
            } else if xml::is_w(node, "sdt") || xml::is_w(node, "customXml") {
                let inner = child(node, "sdtContent").unwrap_or(node);
                out.extend(self.blocks(inner));
            }
        }
        out
    }

    fn paragraph(&self, p: Node<'_, '_>) -> Paragraph {
        let ppr = child(p, "pPr");
        let style = ppr
            .and_then(|ppr| child_val(ppr, "pStyle"))
            .or_else(|| self.styles.default_paragraph());
        let align = ppr
            .and_then(Align::read)
            .or_else(|| style.and_then(|s| self.styles.align(s)))
            .unwrap_or_default();
        let num = ppr
            .and_then(NumRef::read)
            .or_else(|| style.and_then(|s| self.styles.numbering(s)));
        let list = num.and_then(|n| {
            self.numbering.ordered(&n).map(|ordered| ListItem {
                ordered,
                level: n.level,
            })
        });
        let base = self.styles.run_props(style).over(self.styles.defaults());
        let mut paragraph = Paragraph {
            styles: style
                .map(|s| self.styles.names(s).into_iter().map(String::from).collect())
                .unwrap_or_default(),
            align,
            list,
            size: 0,
            inlines: Vec::new(),
        };
        self.inlines(p, &base, None, &mut paragraph);
        paragraph
    }

    /// Runs inside `node` (a paragraph, hyperlink, insertion …), skipping deletions.
    fn inlines(
        &self,
        node: Node<'_, '_>,
        base: &RunProps,
        link: Option<&str>,
        out: &mut Paragraph,
    ) {
        for c in node.children().filter(|c| c.is_element()) {
            let name = c.tag_name().name();
            if c.tag_name().namespace() == Some(MC) && name == "AlternateContent" {
                if let Some(choice) = c.children().find(|n| n.has_tag_name((MC, "Choice"))) {
                    self.inlines(choice, base, link, out);
                }
                continue;
            }
            if c.tag_name().namespace() != Some(W) {
                continue;
            }
            match name {
                "r" => self.run(c, base, link, out),
                "hyperlink" => {
                    let target = c
                        .attribute((R, "id"))
                        .and_then(|id| self.rels.get(id))
                        .filter(|r| r.external)
                        .map(|r| r.target.as_str());
                    self.inlines(c, base, target.or(link), out);
                }
                "fldSimple" => {
                    let target = c.attribute((W, "instr")).and_then(hyperlink_target);
                    self.inlines(c, base, target.as_deref().or(link), out);
                }
                "ins" | "moveTo" | "smartTag" | "customXml" | "sdt" | "sdtContent" => {
                    self.inlines(c, base, link, out)
                }
                _ => {}
            }
        }
    }

    fn run(&self, r: Node<'_, '_>, base: &RunProps, link: Option<&str>, out: &mut Paragraph) {
        let own = RunProps::read(child(r, "rPr"));
        let props = own
            .over(&self.styles.run_props(own.style.as_deref()))
            .over(base);
        if props.hidden == Some(true) {
            return;
        }
        let legacy = props.font.as_deref().and_then(Legacy::of_font);
        for c in r.children().filter(|c| c.is_element()) {
            if c.has_tag_name((MC, "AlternateContent")) {
                if let Some(choice) = c.children().find(|n| n.has_tag_name((MC, "Choice"))) {
                    self.run(choice, base, link, out);
                }
                continue;
            }
            let text = match c.tag_name().name() {
                "t" if xml::is_w(c, "t") => c.text().unwrap_or("").to_string(),
                "tab" | "ptab" => " ".to_string(),
                "noBreakHyphen" => "-".to_string(),
                "br" | "cr" => {
                    if c.attribute((W, "type")).is_none_or(|t| t == "textWrapping") {
                        out.inlines.push(Inline::Break);
                    }
                    continue;
                }
                "footnoteReference" | "endnoteReference" => {
                    if let Some(id) = c.attribute((W, "id")) {
                        let endnote = c.tag_name().name() == "endnoteReference";
                        out.inlines.push(Inline::Note(note_key(id, endnote)));
                    }
                    continue;
                }
                "drawing" | "pict" | "object" => {
                    out.inlines.extend(self.pictures(c));
                    self.text_boxes(c, out);
                    continue;
                }
                "fldChar" | "instrText" => {
                    self.field_part(c);
                    continue;
                }
                _ => continue,
            };
            let text = match legacy {
                Some(encoding) => encoding.decode(&text),
                None => text,
            };
            let field_link = self.field.borrow().link.clone();
            let link = link.map(str::to_string).or(field_link);
            push_text(out, text, &props, link);
        }
    }

    /// Follows a complex field: the instruction is not text, the result may be a link.
    fn field_part(&self, c: Node<'_, '_>) {
        let mut field = self.field.borrow_mut();
        if c.tag_name().name() == "instrText" {
            if field.in_instruction {
                field.instruction.push_str(c.text().unwrap_or(""));
            }
            return;
        }
        match c.attribute((W, "fldCharType")) {
            Some("begin") => {
                *field = Field {
                    in_instruction: true,
                    ..Field::default()
                }
            }
            Some("separate") => {
                field.in_instruction = false;
                field.link = hyperlink_target(&field.instruction);
            }
            _ => *field = Field::default(),
        }
    }

    /// Pictures of a `w:drawing` (DrawingML) or `w:pict` (VML, older documents).
    fn pictures(&self, node: Node<'_, '_>) -> Vec<Inline> {
        let alt = node
            .descendants()
            .find(|n| n.tag_name().name() == "docPr")
            .and_then(|n| n.attribute("descr"))
            .unwrap_or("")
            .to_string();
        let ids = node.descendants().filter_map(|n| {
            if n.has_tag_name((A, "blip")) {
                n.attribute((R, "embed"))
            } else if n.has_tag_name((VML, "imagedata")) {
                n.attribute((R, "id"))
            } else {
                None
            }
        });
        ids.map(|id| Inline::Picture {
            // A missing relationship is reported when the picture is read.
            part: self
                .rels
                .get(id)
                .filter(|r| !r.external)
                .map_or_else(|| format!("#{id}"), |r| r.target.clone()),
            alt: alt.clone(),
        })
        .collect()
    }

    /// Text boxes keep their text, as lines of the paragraph holding them: a reporter's
    /// boxed quote must not be lost.
    fn text_boxes(&self, node: Node<'_, '_>, out: &mut Paragraph) {
        for content in node.descendants().filter(|n| xml::is_w(*n, "txbxContent")) {
            for block in self.blocks(content) {
                if let Block::Paragraph(p) = block {
                    out.inlines.push(Inline::Break);
                    out.size = out.size.max(p.size);
                    out.inlines.extend(p.inlines);
                }
            }
        }
    }

    fn table(&self, tbl: Node<'_, '_>) -> Vec<Vec<Cell>> {
        tbl.children()
            .filter(|n| xml::is_w(*n, "tr"))
            .map(|tr| {
                tr.children()
                    .filter(|n| xml::is_w(*n, "tc"))
                    .map(|tc| self.cell(tc))
                    .collect()
            })
            .collect()
    }

    fn cell(&self, tc: Node<'_, '_>) -> Cell {
        let tcpr = child(tc, "tcPr");
        let span = tcpr
            .and_then(|p| child_val(p, "gridSpan"))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1usize)
            .max(1);
        let merge = match tcpr.and_then(|p| child(p, "vMerge")) {
            None => Merge::None,
            Some(m) if m.attribute((W, "val")) == Some("restart") => Merge::Start,
            Some(_) => Merge::Covered,
        };
        let mut paragraphs = Vec::new();
        for block in self.blocks(tc) {
            match block {
                Block::Paragraph(p) => paragraphs.push(p),
                // A table inside a cell: its text is kept, its grid is not.
                Block::Table(rows) => {
                    paragraphs.extend(rows.into_iter().flatten().flat_map(|cell| cell.paragraphs))
                }
            }
        }
        Cell {
            paragraphs,
            span,
            merge,
        }
    }
}

/// The notes of `footnotes.xml` or `endnotes.xml`, by key.
pub(crate) fn notes(
    reader: &Reader<'_>,
    doc: &roxmltree::Document<'_>,
    endnote: bool,
) -> HashMap<String, Vec<Block>> {
    let tag = if endnote { "endnote" } else { "footnote" };
    doc.descendants()
        .filter(|n| xml::is_w(*n, tag))
        .filter(|n| n.attribute((W, "type")).is_none_or(|t| t == "normal"))
        .filter_map(|n| {
            let id = n.attribute((W, "id"))?;
            Some((note_key(id, endnote), reader.blocks(n)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlink_fields_give_web_addresses_only() {
        assert_eq!(
            hyperlink_target(r#" HYPERLINK "https://laocai.gov.vn/" \o "Cổng" "#).as_deref(),
            Some("https://laocai.gov.vn/")
        );
        assert_eq!(hyperlink_target(r#"HYPERLINK \l "_Toc1""#), None);
        assert_eq!(hyperlink_target("PAGE"), None);
    }
}
