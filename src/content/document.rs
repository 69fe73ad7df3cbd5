//! Directive documents (văn bản): a Markdown file under `content/van-ban/` whose front matter
//! gives a number, type, dates, summary and attached files, parsed into an `Article` of kind
//! `Document`. Pure: attachment sizes are filled in later, by `crate::documents`.

use super::dates::{ArticleDate, ACCEPTED_FORMATS};
use super::frontmatter::{self, clean_list, date_at, located_list, Kind, Located, OneOrMany};
use super::{markdown, Article};
use crate::config::Config;
use crate::error::Diagnostic;
use crate::vietnamese::{self, nfc};
use crate::yaml::{self, Origin};
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};

/// The folder under `content/` whose Markdown files are documents, and their URL segment.
pub const FOLDER: &str = "van-ban";

/// Document types editors usually write, in their usual spelling. Any other type is
/// accepted as written; one of these written in another case or without its marks
/// (`cong van`) takes this spelling, so that it lists under one filter.
pub const KNOWN_TYPES: &[&str] = &[
    "Báo cáo",
    "Chỉ thị",
    "Chương trình",
    "Công văn",
    "Hướng dẫn",
    "Kế hoạch",
    "Kết luận",
    "Nghị quyết",
    "Quy chế",
    "Quy định",
    "Quyết định",
    "Thông báo",
    "Thông tri",
    "Tờ trình",
];

/// Every key a document's front matter may hold, in the order editors write them.
pub(crate) const KEYS: &[&str] = &[
    "number",
    "type",
    "issuer",
    "date",
    "effective",
    "signer",
    "summary",
    "files",
    "draft",
];

#[derive(Debug, Deserialize)]
struct RawDocument {
    number: Option<String>,
    #[serde(rename = "type")]
    doc_type: Option<String>,
    issuer: Option<String>,
    date: Option<String>,
    effective: Option<String>,
    signer: Option<String>,
    summary: Option<String>,
    files: Option<OneOrMany>,
    draft: Option<bool>,
}

/// What a document holds beyond what every article has.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentInfo {
    /// Số hiệu as written (`849-CV/TU`).
    pub number: String,
    /// File line of `number:`, for errors about it.
    pub number_line: usize,
    /// Loại văn bản (`Công văn`).
    pub doc_type: String,
    pub type_slug: String,
    /// Cơ quan ban hành.
    pub issuer: String,
    /// Người ký.
    pub signer: String,
    /// Ngày hiệu lực.
    pub effective: Option<ArticleDate>,
    pub files: Vec<Attachment>,
}

/// One attached file (PDF, DOCX…), published beside the document's page.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// The entry of `files:`, with its place in the file.
    pub written: Located,
    /// The file, relative to the site root (`content/van-ban/849-CV-TU.pdf`).
    pub source: PathBuf,
    /// Its name in the document's folder (`849-CV-TU.pdf`).
    pub name: String,
    /// Site path of the published copy (`/van-ban/849-cv-tu/849-CV-TU.pdf`).
    pub url: String,
    /// Size in bytes, once the pipeline has found the file.
    pub size: Option<u64>,
}

/// Whether a Markdown file is a document: it lives under `content/van-ban/`.
pub fn is_document(rel_path: &Path) -> bool {
    let mut parts = rel_path.components();
    parts.next() == Some(Component::Normal("content".as_ref()))
        && parts.next() == Some(Component::Normal(FOLDER.as_ref()))
}

/// The key under which two ways of writing a number are the same document: case, spacing,
/// punctuation and tone marks do not count (`849-cv/tu`, `849 - CV/TU`, `849-cv-tu`). It is
/// also the document's address, so two documents with one key could not both be published.
pub fn number_key(number: &str) -> String {
    vietnamese::slugify(number)
}

/// The type as listed: a known type's usual spelling, else as written.
fn type_name(written: &str) -> String {
    let slug = vietnamese::slugify(written);
    KNOWN_TYPES
        .iter()
        .find(|t| vietnamese::slugify(t) == slug)
        .map_or_else(|| written.to_string(), |t| (*t).to_string())
}

/// Parses a document from its front matter (starting on file line 2) and body.
pub(super) fn parse(
    rel_path: &Path,
    split: &frontmatter::Split<'_>,
    config: &Config,
) -> Result<Article, Vec<Diagnostic>> {
    let origin = Origin {
        path: rel_path,
        line_offset: 1,
    };
    let (raw, errors) = yaml::parse_mapping::<RawDocument>(split.yaml, origin, KEYS);
    let Some(raw) = raw else {
        return Err(errors);
    };
    let mut problems = frontmatter::Problems::new(split.yaml, rel_path, errors);
    let number = required(raw.number.as_deref(), "number", &mut problems);
    let doc_type = required(raw.doc_type.as_deref(), "type", &mut problems);
    let summary = required(raw.summary.as_deref(), "summary", &mut problems);
    let tz = config.timezone;
    let date = date_at("date", raw.date.as_deref(), tz, &mut problems);
    if raw.date.is_none() {
        missing(&mut problems, "date");
    }
    let effective = date_at(
        "effective",
        raw.effective.as_deref().filter(|t| !t.trim().is_empty()),
        tz,
        &mut problems,
    );
    let slug = number_key(&number);
    if !number.is_empty() && slug.is_empty() {
        problems.at_key(
            "number",
            crate::tr!("doc-number-no-letters", number = number.as_str()),
            &crate::tr!("doc-number-no-letters-help"),
        );
    }
    let files = located_list(split.yaml, "files", raw.files);
    let number_line = problems.key_line("number");
    let (Some(date), true) = (date, problems.list.is_empty()) else {
        return Err(problems.list);
    };
    let is_bundle = rel_path.file_name().is_some_and(|n| n == "index.md");
    let path = config.site_path(&format!("/{FOLDER}/{slug}/"));
    let folder = if is_bundle {
        path.clone()
    } else {
        super::source_folder(rel_path, config)
    };
    let links = markdown::LinkContext {
        base_path: &config.base_path,
        folder: &folder,
    };
    let body = markdown::render(split.body, &links);
    let content = super::SharedText::from(format!(
        "{}{}{}",
        body.before_lead_html, body.lead_html, body.rest_html
    ));
    let doc_type = type_name(&doc_type);
    let mut files: Vec<Attachment> = files
        .into_iter()
        .map(|written| attachment(rel_path, is_bundle, &path, written))
        .collect();
    // The same file named twice is published and listed once (not a clash with itself).
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.source.clone()));
    let info = DocumentInfo {
        number: number.clone(),
        number_line,
        type_slug: vietnamese::slugify(&doc_type),
        doc_type: doc_type.clone(),
        issuer: clean(raw.issuer),
        signer: clean(raw.signer),
        effective,
        files,
    };
    Ok(Article {
        source: rel_path.to_path_buf(),
        is_bundle,
        kind: Kind::Document,
        title: format!("{doc_type} số {number}"),
        slug,
        date,
        updated: None,
        authors: Vec::new(),
        categories: Vec::new(),
        tags: Vec::new(),
        summary,
        image: None,
        source_name: String::new(),
        aliases: Vec::new(),
        documents: Vec::new(),
        document: Some(Box::new(info)),
        corrections: Vec::new(),
        draft: raw.draft.unwrap_or(false),
        featured: false,
        extra: serde_json::Value::Null,
        word_count: super::count_words(&body.plain_text),
        plain_text: super::PlainText::encode(&body.plain_text, &body.plain_runs, &content),
        content,
        path,
        links: body.links,
        images: super::in_file_lines(body.images, split.body_line),
    })
}

fn clean(raw: Option<String>) -> String {
    clean_list(raw.into_iter().collect())
        .pop()
        .unwrap_or_default()
}

/// A required text, NFC and trimmed; an error at its key (or the top) when blank or absent.
fn required(raw: Option<&str>, key: &str, problems: &mut frontmatter::Problems<'_>) -> String {
    let text = nfc(raw.unwrap_or("").trim());
    if text.is_empty() {
        missing(problems, key);
    }
    text
}

fn missing(problems: &mut frontmatter::Problems<'_>, key: &str) {
    let line = problems.key_line(key);
    let help = crate::tr!(
        &format!("doc-missing-{key}-help"),
        formats = ACCEPTED_FORMATS
    );
    problems.list.push(
        Diagnostic::new(problems.path, crate::tr!(&format!("doc-missing-{key}")))
            .at(line, 1)
            .with_help(help),
    );
}

/// An entry of `files:`: the file it names, relative to the document, and where it is
/// published: beside the page, under the same name (inside a bundle: the same path).
fn attachment(rel_path: &Path, is_bundle: bool, page: &str, written: Located) -> Attachment {
    let folder = rel_path.parent().unwrap_or(Path::new(""));
    let source = super::lexical_path(&folder.join(&written.text));
    let name = if is_bundle {
        source
            .strip_prefix(folder)
            .ok()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
    } else {
        None
    };
    let name = name.unwrap_or_else(|| {
        source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    Attachment {
        url: format!("{page}{name}"),
        written,
        source,
        name,
        size: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        crate::config::parse(
            "title: T\nbase_url: https://x.gov.vn/ttv/\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap()
    }

    fn parse_text(rel: &str, text: &str) -> Result<Article, Vec<Diagnostic>> {
        super::super::parse_article(Path::new(rel), text, &config())
    }

    #[test]
    fn a_file_named_twice_is_attached_once() {
        let a = parse_text(
            "content/van-ban/1.md",
            "---\nnumber: 1-TB/TU\ntype: Thông báo\ndate: 2023-01-02\nsummary: S\nfiles: [a.pdf, ./a.pdf, b.pdf]\n---\n",
        )
        .unwrap();
        let names: Vec<String> = a
            .document
            .unwrap()
            .files
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["a.pdf", "b.pdf"]);
    }

    #[test]
    fn a_document_has_its_fields_address_and_files() {
        let a = parse_text(
            "content/van-ban/849.md",
            "---\nnumber: 849-CV/TU\ntype: công văn\nissuer: Huyện ủy Phù Vân\ndate: 12/06/2023\neffective: 15/06/2023\nsigner: Nguyễn Văn A\nsummary: Về việc tuyên truyền\nfiles: [849-CV-TU.pdf, ../tai-lieu/phu-luc.docx]\n---\nToàn văn.\n",
        )
        .unwrap();
        assert_eq!(a.kind, Kind::Document);
        assert_eq!(a.path, "/ttv/van-ban/849-cv-tu/");
        assert_eq!(a.title, "Công văn số 849-CV/TU");
        assert_eq!(a.summary, "Về việc tuyên truyền");
        assert_eq!(&*a.content, "<p>Toàn văn.</p>\n");
        let info = a.document.unwrap();
        assert_eq!(info.doc_type, "Công văn");
        assert_eq!(info.type_slug, "cong-van");
        assert!(info.effective.is_some());
        assert_eq!(
            info.files[0].source,
            Path::new("content/van-ban/849-CV-TU.pdf")
        );
        assert_eq!(info.files[0].url, "/ttv/van-ban/849-cv-tu/849-CV-TU.pdf");
        assert_eq!(
            (info.files[0].written.line, info.files[0].written.column),
            (9, 9)
        );
        assert_eq!(
            info.files[1].source,
            Path::new("content/tai-lieu/phu-luc.docx")
        );
        assert_eq!(info.files[1].url, "/ttv/van-ban/849-cv-tu/phu-luc.docx");
    }

    #[test]
    fn block_lists_are_located_too() {
        let a = parse_text(
            "content/van-ban/ke-hoach/index.md",
            "---\nnumber: 12-KH/BTGDV\ntype: Kế hoạch thi đua\ndate: 2023-01-02\nsummary: S\nfiles:\n  - a.pdf\n  - \"tep/b.docx\"\n---\n",
        )
        .unwrap();
        let info = a.document.unwrap();
        assert_eq!(info.doc_type, "Kế hoạch thi đua");
        let places: Vec<_> = info
            .files
            .iter()
            .map(|f| (f.written.line, f.written.column, f.url.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                (7, 5, "/ttv/van-ban/12-kh-btgdv/a.pdf"),
                (8, 6, "/ttv/van-ban/12-kh-btgdv/tep/b.docx")
            ]
        );
    }

    #[test]
    fn required_fields_and_unknown_keys_are_errors() {
        let errors = parse_text("content/van-ban/x.md", "---\ntitle: A\n---\n").unwrap_err();
        // `title` is unknown; number, type, summary and date are missing.
        assert_eq!(errors.len(), 5, "{errors:?}");
        assert!(errors.iter().any(|e| e.message.contains("`title`")));
    }

    #[test]
    fn numbers_match_whatever_their_case_spacing_and_marks() {
        assert_eq!(number_key("849-cv/tu"), number_key("849 - CV/TU"));
        assert_eq!(number_key("849-cv-tu"), "849-cv-tu");
        assert_eq!(number_key("60-QĐ/TU"), "60-qd-tu");
        assert!(is_document(Path::new("content/van-ban/a/index.md")));
        assert!(!is_document(Path::new("content/2023/van-ban.md")));
    }
}
