//! Small helpers over roxmltree for WordprocessingML: its namespace, `w:val`, and Word's
//! on/off properties. Every XML-reading module of the import uses these.

use roxmltree::Node;

pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub(crate) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(crate) const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
pub(crate) const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub(crate) const VML: &str = "urn:schemas-microsoft-com:vml";

/// The first `w:<name>` child of `node`.
pub(crate) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

/// `w:val` of the `w:<name>` child of `node`.
pub(crate) fn child_val<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    child(node, name).and_then(|c| c.attribute((W, "val")))
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`): `None` when absent.
pub(crate) fn toggle(node: Node<'_, '_>, name: &str) -> Option<bool> {
    child(node, name).map(|c| {
        !matches!(
            c.attribute((W, "val")),
            Some("0" | "false" | "off" | "none")
        )
    })
}

pub(crate) fn is_w(node: Node<'_, '_>, name: &str) -> bool {
    node.has_tag_name((W, name))
}
