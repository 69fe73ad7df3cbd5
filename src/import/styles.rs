//! Word's styles (`styles.xml`) and list definitions (`numbering.xml`): what a paragraph or
//! run looks like when its own properties say nothing, following each style's `basedOn`.

use super::xml::{self, child, child_val, toggle, W};
use roxmltree::Node;
use std::collections::HashMap;

/// Run properties that matter for the import; `None` means "inherited".
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RunProps {
    pub(crate) bold: Option<bool>,
    pub(crate) italic: Option<bool>,
    /// Half-points, as Word writes them (`26` is 13 pt).
    pub(crate) size: Option<u32>,
    pub(crate) font: Option<String>,
    pub(crate) hidden: Option<bool>,
    pub(crate) style: Option<String>,
}

impl RunProps {
    /// Reads a `w:rPr` element.
    pub(crate) fn read(rpr: Option<Node<'_, '_>>) -> RunProps {
        let Some(rpr) = rpr else {
            return RunProps::default();
        };
        RunProps {
            bold: toggle(rpr, "b"),
            italic: toggle(rpr, "i"),
            size: child_val(rpr, "sz").and_then(|v| v.parse().ok()),
            font: child(rpr, "rFonts").and_then(|f| {
                f.attribute((W, "ascii"))
                    .or_else(|| f.attribute((W, "hAnsi")))
                    .map(str::to_string)
            }),
            hidden: toggle(rpr, "vanish"),
            style: child_val(rpr, "rStyle").map(str::to_string),
        }
    }

    /// These properties, with what they leave unsaid taken from `base`.
    pub(crate) fn over(&self, base: &RunProps) -> RunProps {
        RunProps {
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            size: self.size.or(base.size),
            font: self.font.clone().or_else(|| base.font.clone()),
            hidden: self.hidden.or(base.hidden),
            style: self.style.clone().or_else(|| base.style.clone()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Align {
    #[default]
    Start,
    Center,
    End,
}

impl Align {
    pub(crate) fn read(ppr: Node<'_, '_>) -> Option<Align> {
        child_val(ppr, "jc").map(|v| match v {
            "center" => Align::Center,
            "right" | "end" => Align::End,
            _ => Align::Start,
        })
    }
}

/// A list reference: `w:numId` and the nesting level `w:ilvl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NumRef {
    pub(crate) id: String,
    pub(crate) level: u8,
}

impl NumRef {
    pub(crate) fn read(ppr: Node<'_, '_>) -> Option<NumRef> {
        let num = child(ppr, "numPr")?;
        let id = child_val(num, "numId")?.to_string();
        let level = child_val(num, "ilvl")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        // numId 0 is Word's way of saying "no list here" (it overrides a list style).
        (id != "0").then_some(NumRef { id, level })
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    run: RunProps,
    align: Option<Align>,
    numbering: Option<NumRef>,
}

/// The styles of a document, by style id.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    by_id: HashMap<String, Style>,
    defaults: RunProps,
    default_paragraph: Option<String>,
}

impl Styles {
    pub(crate) fn parse(doc: &roxmltree::Document<'_>) -> Styles {
        let mut styles = Styles::default();
        if let Some(rpr) = doc
            .descendants()
            .find(|n| xml::is_w(*n, "rPrDefault"))
            .and_then(|d| child(d, "rPr"))
        {
            styles.defaults = RunProps::read(Some(rpr));
        }
        for node in doc.descendants().filter(|n| xml::is_w(*n, "style")) {
            let Some(id) = node.attribute((W, "styleId")) else {
                continue;
            };
            let ppr = child(node, "pPr");
            let style = Style {
                name: child_val(node, "name").unwrap_or(id).to_lowercase(),
                based_on: child_val(node, "basedOn").map(str::to_string),
                run: RunProps::read(child(node, "rPr")),
                align: ppr.and_then(Align::read),
                numbering: ppr.and_then(NumRef::read),
            };
            if node.attribute((W, "type")) == Some("paragraph")
                && node.attribute((W, "default")) == Some("1")
            {
                styles.default_paragraph = Some(id.to_string());
            }
            styles.by_id.insert(id.to_string(), style);
        }
        styles
    }

    /// The paragraph style a paragraph without `w:pStyle` has.
    pub(crate) fn default_paragraph(&self) -> Option<&str> {
        self.default_paragraph.as_deref()
    }

    /// The style and the styles it is based on, nearest first (loops cut).
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out: Vec<&Style> = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            match self.by_id.get(id) {
                Some(style) if out.len() < 16 => {
                    out.push(style);
                    next = style.based_on.as_deref();
                }
                _ => break,
            }
        }
        out
    }

    /// Lower-case names of the style and of the styles it is based on, nearest first.
    pub(crate) fn names(&self, id: &str) -> Vec<&str> {
        self.chain(id).iter().map(|s| s.name.as_str()).collect()
    }

    /// Run properties a style and those it is based on give (document defaults left out).
    pub(crate) fn run_props(&self, id: Option<&str>) -> RunProps {
        let mut props = RunProps::default();
        if let Some(id) = id {
            for style in self.chain(id) {
                props = props.over(&style.run);
            }
        }
        props
    }

    /// The document's default run properties (`w:docDefaults`).
    pub(crate) fn defaults(&self) -> &RunProps {
        &self.defaults
    }

    pub(crate) fn align(&self, id: &str) -> Option<Align> {
        self.chain(id).iter().find_map(|s| s.align)
    }

    pub(crate) fn numbering(&self, id: &str) -> Option<NumRef> {
        self.chain(id).iter().find_map(|s| s.numbering.clone())
    }
}

/// Whether each list level is numbered or bulleted.
#[derive(Debug, Default)]
pub(crate) struct Numbering {
    /// (numId, level) -> the level's `w:numFmt` (`bullet`, `decimal`, `none` …).
    formats: HashMap<(String, u8), String>,
}

impl Numbering {
    pub(crate) fn parse(doc: &roxmltree::Document<'_>) -> Numbering {
        let mut abstract_levels: HashMap<&str, HashMap<u8, String>> = HashMap::new();
        for node in doc.descendants().filter(|n| xml::is_w(*n, "abstractNum")) {
            let Some(id) = node.attribute((W, "abstractNumId")) else {
                continue;
            };
            abstract_levels.insert(id, levels(node));
        }
        let mut formats = HashMap::new();
        for num in doc.descendants().filter(|n| xml::is_w(*n, "num")) {
            let (Some(id), Some(abs)) =
                (num.attribute((W, "numId")), child_val(num, "abstractNumId"))
            else {
                continue;
            };
            for (level, format) in abstract_levels.get(abs).into_iter().flatten() {
                formats.insert((id.to_string(), *level), format.clone());
            }
        }
        Numbering { formats }
    }

    /// `Some(true)` numbered, `Some(false)` bulleted, `None` not a visible list.
    pub(crate) fn ordered(&self, num: &NumRef) -> Option<bool> {
        match self
            .formats
            .get(&(num.id.clone(), num.level))
            .map(String::as_str)
        {
            Some("none") => None,
            Some("bullet") | None => Some(false),
            Some(_) => Some(true),
        }
    }
}

fn levels(abstract_num: Node<'_, '_>) -> HashMap<u8, String> {
    abstract_num
        .children()
        .filter(|n| xml::is_w(*n, "lvl"))
        .filter_map(|lvl| {
            let level = lvl.attribute((W, "ilvl"))?.parse().ok()?;
            let format = child_val(lvl, "numFmt").unwrap_or("decimal").to_string();
            Some((level, format))
        })
        .collect()
}
