//! The .docx package: a zip of XML parts and media, read whole into memory, with the
//! relationships that tie `document.xml` to its pictures and links. Knows nothing of Word's XML.

use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Largest part we read: a Word document's photos are a few MB each; anything bigger is
/// either damaged or a zip bomb.
const MAX_PART: u64 = 200 * 1024 * 1024;

/// Why a file cannot be read as a .docx: each becomes a message for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PackageError {
    /// An old binary Word document (.doc), an OLE compound file.
    LegacyDoc,
    /// A password-protected document: Word stores it encrypted inside an OLE file.
    Encrypted,
    NotZip,
    Damaged(String),
    MissingPart(String),
}

/// One relationship of a part: where it points, and whether that is outside the package.
#[derive(Debug, Clone)]
pub(crate) struct Relationship {
    pub(crate) target: String,
    pub(crate) external: bool,
}

/// The parts of a .docx that the import reads.
pub(crate) struct Package {
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
}

impl Package {
    /// Opens the bytes of a file as a .docx.
    pub(crate) fn open(bytes: Vec<u8>) -> Result<Package, PackageError> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(if is_encrypted_ole(&bytes) {
                PackageError::Encrypted
            } else {
                PackageError::LegacyDoc
            });
        }
        if !bytes.starts_with(b"PK") {
            return Err(PackageError::NotZip);
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| PackageError::Damaged(e.to_string()))?;
        Ok(Package { archive })
    }

    /// The bytes of a part, `None` when the package has no such part.
    pub(crate) fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, PackageError> {
        let mut file = match self.archive.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(PackageError::Damaged(format!("{name}: {e}"))),
        };
        let mut out = Vec::with_capacity(file.size().min(MAX_PART) as usize);
        (&mut file)
            .take(MAX_PART)
            .read_to_end(&mut out)
            .map_err(|e| PackageError::Damaged(format!("{name}: {e}")))?;
        Ok(Some(out))
    }

    /// A part that must be there.
    pub(crate) fn required(&mut self, name: &str) -> Result<Vec<u8>, PackageError> {
        self.part(name)?
            .ok_or_else(|| PackageError::MissingPart(name.to_string()))
    }

    /// The relationships of `part` (`word/document.xml` -> `word/_rels/document.xml.rels`),
    /// by id, with internal targets resolved to part names.
    pub(crate) fn relationships(
        &mut self,
        part: &str,
    ) -> Result<HashMap<String, Relationship>, PackageError> {
        let (folder, file) = part.rsplit_once('/').unwrap_or(("", part));
        let rels_name = format!("{folder}/_rels/{file}.rels");
        let Some(bytes) = self.part(rels_name.trim_start_matches('/'))? else {
            return Ok(HashMap::new());
        };
        let text = xml_text(&bytes, &rels_name)?;
        let doc = roxmltree::Document::parse(&text)
            .map_err(|e| PackageError::Damaged(format!("{rels_name}: {e}")))?;
        let mut out = HashMap::new();
        for node in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
            let (Some(id), Some(target)) = (node.attribute("Id"), node.attribute("Target")) else {
                continue;
            };
            let external = node.attribute("TargetMode") == Some("External");
            let target = if external {
                target.to_string()
            } else {
                resolve(folder, target)
            };
            out.insert(id.to_string(), Relationship { target, external });
        }
        Ok(out)
    }
}

/// An XML part as text (UTF-8, a byte-order mark dropped).
pub(crate) fn xml_text(bytes: &[u8], name: &str) -> Result<String, PackageError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec())
        .map_err(|_| PackageError::Damaged(crate::tr!("import-not-utf8", part = name)))
}

/// A relationship target relative to its part's folder, as a part name.
fn resolve(folder: &str, target: &str) -> String {
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if folder.is_empty() => target.to_string(),
        None => format!("{folder}/{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for piece in joined.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// Word's encrypted packages are OLE files holding streams named, in UTF-16,
/// `EncryptionInfo` and `EncryptedPackage`.
fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_the_part_folder() {
        assert_eq!(resolve("word", "media/image1.png"), "word/media/image1.png");
        assert_eq!(resolve("word", "../media/a.png"), "media/a.png");
        assert_eq!(resolve("word", "/word/media/a.png"), "word/media/a.png");
    }

    #[test]
    fn what_is_not_a_docx_is_named() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(
            Package::open(ole.to_vec()).err(),
            Some(PackageError::LegacyDoc)
        );
        assert_eq!(
            Package::open(b"hello".to_vec()).err(),
            Some(PackageError::NotZip)
        );
        let mut encrypted = ole.to_vec();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            Package::open(encrypted).err(),
            Some(PackageError::Encrypted)
        );
        assert!(matches!(
            Package::open(b"PK\x03\x04broken".to_vec()).err(),
            Some(PackageError::Damaged(_))
        ));
    }
}
