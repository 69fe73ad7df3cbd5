//! From the bytes of a .docx to the document model: the package opened, its styles, lists,
//! relationships, body and notes parsed. Pictures stay in the package until they are named.

use super::document::{self, Block, Reader};
use super::package::{xml_text, Package, PackageError};
use super::styles::{Numbering, Styles};
use std::collections::HashMap;

const DOCUMENT: &str = "word/document.xml";

/// A document read: its blocks, its notes by key, and the package for its pictures.
pub(crate) struct Docx {
    pub(crate) blocks: Vec<Block>,
    pub(crate) notes: HashMap<String, Vec<Block>>,
    pub(crate) package: Package,
}

pub(crate) fn docx(bytes: Vec<u8>) -> Result<Docx, PackageError> {
    let mut package = Package::open(bytes)?;
    let main = part_text(&mut package, DOCUMENT)?.ok_or(PackageError::NotZip)?;
    let styles = part_text(&mut package, "word/styles.xml")?.unwrap_or_default();
    let numbering = part_text(&mut package, "word/numbering.xml")?.unwrap_or_default();
    let styles = parse_or_empty(&styles, "word/styles.xml", Styles::parse)?;
    let numbering = parse_or_empty(&numbering, "word/numbering.xml", Numbering::parse)?;
    let rels = package.relationships(DOCUMENT)?;
    let doc = parse(&main, DOCUMENT)?;
    let body = doc
        .descendants()
        .find(|n| super::xml::is_w(*n, "body"))
        .ok_or_else(|| PackageError::Damaged(crate::tr!("import-no-body", part = DOCUMENT)))?;
    let reader = Reader::new(&styles, &numbering, &rels);
    let blocks = reader.blocks(body);
    let mut notes = HashMap::new();
    for (part, endnote) in [("word/footnotes.xml", false), ("word/endnotes.xml", true)] {
        let Some(text) = part_text(&mut package, part)? else {
            continue;
        };
        let rels = package.relationships(part)?;
        let reader = Reader::new(&styles, &numbering, &rels);
        notes.extend(document::notes(&reader, &parse(&text, part)?, endnote));
    }
    Ok(Docx {
        blocks,
        notes,
        package,
    })
}

fn part_text(package: &mut Package, name: &str) -> Result<Option<String>, PackageError> {
    package
        .part(name)?
        .map(|bytes| xml_text(&bytes, name))
        .transpose()
}

fn parse<'a>(text: &'a str, name: &str) -> Result<roxmltree::Document<'a>, PackageError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| PackageError::Damaged(format!("{name}: {e}")))
}

fn parse_or_empty<T: Default>(
    text: &str,
    name: &str,
    read: impl Fn(&roxmltree::Document<'_>) -> T,
) -> Result<T, PackageError> {
    if text.is_empty() {
        return Ok(T::default());
    }
    Ok(read(&parse(text, name)?))
}
