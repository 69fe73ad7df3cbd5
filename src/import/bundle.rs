//! The article bundle made from a shaped document: photos named after their captions and
//! read from the package, the featured photo, the author matched to the site's names, and
//! the front matter. Pure apart from reading the package.

use super::article::{Item, Parts};
use super::document::Block;
use super::package::{Package, PackageError};
use crate::scaffold::{self, yaml_quote, NameMatch};
use crate::vietnamese;
use std::collections::HashMap;

/// The photos of the body, named and read.
#[derive(Debug, Default)]
pub(crate) struct Photos {
    /// Part name -> file name beside index.md.
    pub(crate) names: HashMap<String, String>,
    /// (file name, bytes), in the order of the document.
    pub(crate) files: Vec<(String, Vec<u8>)>,
    /// The first photo: (file name, caption).
    pub(crate) featured: Option<(String, Option<String>)>,
    /// Pictures the web cannot show, said in words for the editor.
    pub(crate) skipped: Vec<String>,
}

/// Reads every picture of the body; a picture whose part is missing is an error.
pub(crate) fn photos(package: &mut Package, body: &[Item]) -> Result<Photos, PackageError> {
    let mut photos = Photos::default();
    let mut last_text = String::new();
    let mut number = 0;
    for item in body {
        let (part, caption) = match item {
            Item::Figure { part, caption, .. } => (part, caption),
            Item::Block(Block::Paragraph(p)) => {
                let text = p.text();
                if !text.is_empty() {
                    last_text = text;
                }
                continue;
            }
            Item::Block(Block::Table(_)) => continue,
        };
        number += 1;
        if photos.names.contains_key(part) {
            continue;
        }
        let bytes = match part.strip_prefix('#') {
            Some(id) => return Err(PackageError::MissingPart(format!("ảnh {id}"))),
            None => package.required(part)?,
        };
        let Some(ext) = web_format(&bytes) else {
            photos.skipped.push(skipped(number, part, &last_text));
            continue;
        };
        let name = file_name(caption.as_deref(), ext, &photos.files);
        if photos.featured.is_none() {
            photos.featured = Some((name.clone(), caption.clone()));
        }
        photos.names.insert(part.clone(), name.clone());
        photos.files.push((name, bytes));
    }
    Ok(photos)
}

/// JPEG, PNG and GIF by their first bytes (Word names parts freely).
fn web_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("gif")
    } else {
        None
    }
}

fn skipped(number: usize, part: &str, after: &str) -> String {
    let kind = part.rsplit_once('.').map_or_else(
        || crate::tr!("import-kind-unknown"),
        |(_, ext)| ext.to_uppercase(),
    );
    let place = if after.is_empty() {
        crate::tr!("import-at-start")
    } else {
        let words: Vec<&str> = after.split_whitespace().collect();
        let more = if words.len() > 8 { "…" } else { "" };
        let text = format!("{}{more}", words[..words.len().min(8)].join(" "));
        crate::tr!("import-after", text = text)
    };
    crate::tr!(
        "import-skipped-picture",
        number = number,
        part = part,
        kind = kind,
        place = place
    )
}

/// A name from the caption's first words (`anh-1.jpg` without one), unique in the bundle.
fn file_name(caption: Option<&str>, ext: &str, taken: &[(String, Vec<u8>)]) -> String {
    let words: Vec<&str> = caption.unwrap_or("").split_whitespace().take(8).collect();
    let mut stem = vietnamese::slugify(&words.join(" "));
    if stem.len() > 60 {
        let cut = stem[..60].rfind('-').unwrap_or(60);
        stem.truncate(cut);
    }
    let free = |name: &str| name != "index.md" && !taken.iter().any(|(n, _)| n == name);
    if stem.is_empty() {
        return (1..)
            .map(|i| format!("anh-{i}.{ext}"))
            .find(|n| free(n))
            .unwrap_or_default();
    }
    std::iter::once(format!("{stem}.{ext}"))
        .chain((2..).map(|i| format!("{stem}-{i}.{ext}")))
        .find(|n| free(n))
        .unwrap_or_default()
}

/// The author's name from a line such as `Lan Phương - Trung tâm VH, TT - TT`.
pub(crate) fn author_name(line: &str) -> String {
    let name = line
        .split([',', '(', '–', '—'])
        .next()
        .unwrap_or(line)
        .split(" - ")
        .next()
        .unwrap_or(line);
    name.trim().trim_end_matches(['.', ':']).trim().to_string()
}

/// The site's spelling of `name` when it is one of `known`, and a note when it only looks close.
pub(crate) fn match_author(name: &str, known: &[String]) -> (String, Option<String>) {
    match scaffold::match_name(name, known) {
        NameMatch::Same(existing) | NameMatch::Unmarked(existing) => (existing, None),
        NameMatch::Close(existing) => (
            name.to_string(),
            Some(crate::tr!(
                "import-author-close",
                name = name,
                existing = existing.as_str()
            )),
        ),
        NameMatch::New => (name.to_string(), None),
    }
}

/// What goes into the front matter.
pub(crate) struct Meta<'a> {
    pub(crate) parts: &'a Parts,
    pub(crate) date: &'a str,
    pub(crate) author: Option<&'a str>,
    pub(crate) category: Option<&'a str>,
    pub(crate) slug: Option<&'a str>,
    pub(crate) draft: bool,
    pub(crate) featured: Option<&'a (String, Option<String>)>,
}

pub(crate) fn front_matter(meta: &Meta<'_>) -> String {
    let quoted =
        |key: &str, value: &str| format!("{key}: {}\n", yaml_quote(&vietnamese::nfc(value)));
    let mut out = String::from("---\n");
    out.push_str(&quoted("title", &meta.parts.title));
    if let Some(slug) = meta.slug {
        out.push_str(&quoted("slug", slug));
    }
    // Checked by `dates::parse_date` already: a plain scalar, as editors write it.
    out.push_str(&format!("date: {}\n", meta.date.trim()));
    let optional = [
        ("author", meta.author),
        ("category", meta.category),
        ("summary", meta.parts.summary.as_deref()),
        ("image", meta.featured.map(|(name, _)| name.as_str())),
        (
            "image_caption",
            meta.featured.and_then(|(_, c)| c.as_deref()),
        ),
        ("source", meta.parts.source.as_deref()),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            out.push_str(&quoted(key, value));
        }
    }
    if meta.draft {
        out.push_str("draft: true\n");
    }
    out.push_str("---\n\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_lines_give_the_name() {
        assert_eq!(
            author_name("Lan Phương - Trung tâm VH, TT - TT"),
            "Lan Phương"
        );
        assert_eq!(author_name("Hồng Hải"), "Hồng Hải");
        assert_eq!(author_name("Đỗ Phương (Trung tâm VH)"), "Đỗ Phương");
        let known = vec!["Hồng Hải".to_string()];
        assert_eq!(match_author("HỒNG HẢI", &known).0, "Hồng Hải");
        assert_eq!(match_author("Hong Hai", &known).0, "Hồng Hải");
    }

    #[test]
    fn photos_are_named_after_their_captions() {
        let taken = vec![("quang-canh-hoi-nghi.jpg".to_string(), vec![])];
        assert_eq!(
            file_name(Some("Quang cảnh hội nghị"), "jpg", &taken),
            "quang-canh-hoi-nghi-2.jpg"
        );
        assert_eq!(file_name(None, "png", &taken), "anh-1.png");
        assert_eq!(web_format(b"GIF89a.."), Some("gif"));
        assert_eq!(web_format(b"\x01\x00\x00\x00EMF"), None);
    }
}
