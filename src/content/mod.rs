//! Content: one Markdown source file in, one `Article` out (front matter, dates, body HTML,
//! resolved URL). Pure: the caller hands over the file's text; nothing here touches the disk.

pub mod corrections;
pub mod dates;
pub mod document;
pub mod frontmatter;
pub mod markdown;
pub mod plain_text;
pub mod shared_text;

use crate::config::Config;
use crate::error::Diagnostic;
use crate::vietnamese;
use chrono::Datelike;
pub use corrections::Correction;
pub use dates::ArticleDate;
pub use document::DocumentInfo;
pub use frontmatter::{Kind, Located};
pub use plain_text::PlainText;
pub use shared_text::SharedText;
use std::path::{Path, PathBuf};

// Kept here too: `content::source_text` is where readers of source files have looked for it.
pub use crate::vietnamese::source_text;

/// A featured image, ready for `<img>`.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Address as resolved (`/sub/2023/06/bai/anh.jpg`); the original file.
    pub src: String,
    /// Address as written in `image:`.
    pub written: String,
    /// File line of `image:`.
    pub line: usize,
    pub alt: String,
    pub caption: String,
    /// Resized copies, once the images stage has made them (local photos only).
    pub responsive: Option<Responsive>,
}

/// The resized copies of one photo, as `<img>` and `<picture>` want them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Responsive {
    /// The largest copy in the original format: `src` for browsers without `srcset`.
    pub src: String,
    /// Size of the largest copy (the photo upright, as shown).
    pub width: u32,
    pub height: u32,
    /// `url 480w, url 960w, …` in the original format.
    pub srcset: String,
    /// The same widths in WebP; empty when WebP is off or the original is WebP.
    pub webp_srcset: String,
    /// A small copy cropped to 3:2 for listings.
    pub thumb: Thumb,
}

/// A cropped thumbnail for listings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Thumb {
    pub src: String,
    /// WebP copy, or empty.
    pub webp: String,
    pub width: u32,
    pub height: u32,
}

/// One published (or held back) Markdown file.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// Path of the source, relative to the site root (`content/2023/bai.md`).
    pub source: PathBuf,
    /// `content/<dir>/index.md`: sibling files are published beside the page.
    pub is_bundle: bool,
    pub kind: Kind,
    pub title: String,
    pub slug: String,
    pub date: ArticleDate,
    /// When the article last changed: the newer of `updated:` and its newest correction.
    pub updated: Option<ArticleDate>,
    /// `corrections:`, newest first (the order they are shown in).
    pub corrections: Vec<Correction>,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    /// The sapo: `summary`, or the first paragraph.
    pub summary: String,
    pub image: Option<Image>,
    pub source_name: String,
    pub aliases: Vec<String>,
    /// Numbers of the documents the article refers to (`documents:`), where written.
    pub documents: Vec<Located>,
    /// What a document (`kind` `Document`) holds beyond an article; `None` otherwise.
    pub document: Option<Box<DocumentInfo>>,
    pub draft: bool,
    pub featured: bool,
    pub extra: serde_json::Value,
    /// Body HTML, without the opening paragraph when that paragraph is the sapo. Shared:
    /// the dev server keeps each article both as parsed and in its model.
    pub content: SharedText,
    /// The body as text, for the search index: read from `content` as parsed.
    pub plain_text: PlainText,
    pub word_count: usize,
    /// Site path of the page, with base path (`/sub/2023/06/bai/`).
    pub path: String,
    /// Every link and image address in the body, resolved, for checks.
    pub links: Vec<String>,
    /// Images of the body, with their file line.
    pub images: Vec<markdown::BodyImage>,
}

/// Parses one Markdown file. `rel_path` is relative to the site root.
pub fn parse_article(
    rel_path: &Path,
    raw: &str,
    config: &Config,
) -> Result<Article, Vec<Diagnostic>> {
    parse_normalized(rel_path, &source_text(raw), config)
}

/// `parse_article` of a text already made `source_text`, for a reader that reads the same
/// text for more than its article (`check`).
pub fn parse_normalized(
    rel_path: &Path,
    text: &str,
    config: &Config,
) -> Result<Article, Vec<Diagnostic>> {
    let split = frontmatter::split(text, rel_path).map_err(|d| vec![d])?;
    if document::is_document(rel_path) {
        return document::parse(rel_path, &split, config);
    }
    let fm = frontmatter::parse(split.yaml, rel_path, config.timezone)?;
    let slug = slug(&fm, rel_path)?;
    let is_bundle = rel_path.file_name().is_some_and(|n| n == "index.md");
    let path = page_path(config, fm.kind, &slug, &fm.date);
    let folder = if is_bundle {
        path.clone()
    } else {
        source_folder(rel_path, config)
    };
    let links = markdown::LinkContext {
        base_path: &config.base_path,
        folder: &folder,
    };
    let body = markdown::render(split.body, &links);
    // An article shows its opening paragraph as the sapo, so its body must not repeat it;
    // a static page has no sapo: its first paragraph stays in the body.
    let (summary, content) =
        summary_and_content(fm.summary.as_deref(), &body, fm.kind == Kind::Article);
    let image = featured_image(&fm, &links);
    let word_count = count_words(&body.plain_text);
    let content = SharedText::from(content);
    let plain_text = PlainText::encode(&body.plain_text, &body.plain_runs, &content);
    Ok(Article {
        source: rel_path.to_path_buf(),
        is_bundle,
        kind: fm.kind,
        title: fm.title,
        slug,
        date: fm.date,
        updated: corrections::last_change(fm.updated, &fm.corrections),
        corrections: newest_first(fm.corrections),
        authors: fm.authors,
        categories: fm.categories,
        tags: fm.tags,
        summary,
        image,
        source_name: fm.source,
        aliases: fm.aliases,
        documents: fm.documents,
        document: None,
        draft: fm.draft,
        featured: fm.featured,
        extra: fm.extra,
        content,
        plain_text,
        word_count,
        path,
        links: body.links,
        images: in_file_lines(body.images, split.body_line),
    })
}

/// How many words `text` holds, as `split_whitespace().count()` counts them, read from the
/// UTF-8 bytes: every article's text is counted, and splitting it was 4 % of a build, then
/// reading it a byte at a time 6 %. Between the characters that may be white space beyond
/// ASCII (found with `memchr`), the bytes are counted eight at a time.
pub(crate) fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // U+3000 (and the rest of CJK) is the only other space lead: rare here, read bytewise.
    if memchr::memchr(0xE3, bytes).is_some() {
        return count_words_bytewise(bytes);
    }
    let mut words = 0;
    let mut after_space = true;
    let mut start = 0;
    // 0x9A: the second byte of U+1680 (E1 9A 80); 0xE1 itself starts most marked letters.
    for at in memchr::memchr3_iter(0xC2, 0xE2, 0x9A, bytes) {
        let (lead, width) = if bytes[at] == 0x9A {
            let ogham = at > 0 && bytes[at - 1] == 0xE1 && bytes.get(at + 1) == Some(&0x80);
            (at.saturating_sub(1), if ogham { 3 } else { 0 })
        } else {
            (at, multibyte_space(&bytes[at..]))
        };
        if width == 0 || lead < start {
            continue;
        }
        words += count_ascii_separated(&bytes[start..lead], &mut after_space);
        after_space = true;
        start = lead + width;
    }
    words + count_ascii_separated(&bytes[start..], &mut after_space)
}

/// Each byte of a `u64` read eight bytes at a time: 1, and its high bit.
const ONES: u64 = u64::from_ne_bytes([1; 8]);
const HIGH: u64 = ONES * 0x80;

/// Words that start in `bytes`, where only ASCII white space separates them; `after_space`
/// says whether the byte before was space, and is left saying it of the last byte. Eight
/// bytes at a time: a word starts where a byte that is not space follows one that is.
fn count_ascii_separated(bytes: &[u8], after_space: &mut bool) -> usize {
    let mut words = 0;
    let mut eights = bytes.chunks_exact(8);
    for eight in &mut eights {
        let eight = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        let space = ascii_spaces(eight);
        let before = (space << 8) | if *after_space { 0x80 } else { 0 };
        words += (!space & before & HIGH).count_ones() as usize;
        *after_space = space >> 63 == 1;
    }
    for &byte in eights.remainder() {
        let space = byte == b' ' || (b'\t'..=b'\r').contains(&byte);
        words += usize::from(*after_space && !space);
        *after_space = space;
    }
    words
}

/// The high bit of each byte of `eight` (little-endian) that is ASCII white space: tab to
/// carriage return, or space. Exact: no carry crosses from one byte to the next.
fn ascii_spaces(eight: u64) -> u64 {
    let ascii = !eight & HIGH;
    let low = eight | HIGH;
    let from_tab = low.wrapping_sub(ONES * 0x09) & HIGH;
    let past_return = low.wrapping_sub(ONES * 0x0E) & HIGH;
    let y = eight ^ (ONES * u64::from(b' '));
    let blank = !(((y & !HIGH) + !HIGH) | y) & HIGH;
    (from_tab & !past_return & ascii) | blank
}

/// `count_words` a byte at a time.
fn count_words_bytewise(bytes: &[u8]) -> usize {
    let mut words = 0;
    let mut after_space = true;
    let mut i = 0;
    while i < bytes.len() {
        let width = multibyte_space(&bytes[i..]);
        if width > 0 {
            after_space = true;
            i += width;
            continue;
        }
        // A continuation byte follows its lead, never a space: it starts no word.
        let space = bytes[i].is_ascii_whitespace() || bytes[i] == 0x0B;
        words += usize::from(after_space && !space);
        after_space = space;
        i += 1;
    }
    words
}

/// The length in bytes of the white space character `bytes` starts with, or 0.
fn multibyte_space(bytes: &[u8]) -> usize {
    match *bytes {
        [0xC2, 0x85 | 0xA0, ..] => 2,
        [0xE1, 0x9A, 0x80, ..] | [0xE3, 0x80, 0x80, ..] | [0xE2, 0x81, 0x9F, ..] => 3,
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        _ => 0,
    }
}

/// Moves the HTML bodies of articles parsed together into one shared block (see
/// `SharedText`), their plain texts read from it; the plain texts are dropped now when no
/// search index will be made (`keep_plain_text` false).
pub fn pack_texts<'a>(articles: impl Iterator<Item = &'a mut Article>, keep_plain_text: bool) {
    let mut articles: Vec<&mut Article> = articles.collect();
    let html: Vec<&str> = articles.iter().map(|a| a.content.as_str()).collect();
    let html = SharedText::pack(&html);
    for (article, html) in articles.iter_mut().zip(html) {
        article.plain_text = if keep_plain_text {
            article.plain_text.over(html.clone())
        } else {
            PlainText::default()
        };
        article.content = html;
    }
}

/// Corrections newest first; two of one moment keep the order written.
fn newest_first(mut corrections: Vec<Correction>) -> Vec<Correction> {
    corrections.sort_by_key(|c| std::cmp::Reverse(c.date.when));
    corrections
}

/// The slug: `slug:` when given, else the title's.
fn slug(fm: &frontmatter::FrontMatter, rel_path: &Path) -> Result<String, Vec<Diagnostic>> {
    let slug = vietnamese::slugify(fm.slug.as_deref().unwrap_or(&fm.title));
    if slug.is_empty() {
        return Err(vec![Diagnostic::new(
            rel_path,
            crate::tr!("content-empty-slug"),
        )
        .at(2, 1)
        .with_help(crate::tr!("content-empty-slug-help"))]);
    }
    Ok(slug)
}

/// The summary (`summary:`, else the opening paragraph) and the body's HTML. The opening
/// paragraph is shown as the sapo, so the body must not repeat it.
fn summary_and_content(
    summary: Option<&str>,
    body: &markdown::Rendered,
    is_article: bool,
) -> (String, String) {
    let lead_is_sapo = is_article
        && match summary {
            None => true,
            Some(summary) => same_words(summary, &body.lead_text),
        };
    let summary = summary.map_or_else(|| body.lead_text.clone(), str::to_string);
    let content = if lead_is_sapo {
        format!("{}{}", body.before_lead_html, body.rest_html)
    } else {
        format!(
            "{}{}{}",
            body.before_lead_html, body.lead_html, body.rest_html
        )
    };
    (summary, content)
}

fn featured_image(
    fm: &frontmatter::FrontMatter,
    links: &markdown::LinkContext<'_>,
) -> Option<Image> {
    fm.image.as_ref().map(|src| Image {
        src: markdown::resolve_url(src, links),
        written: src.clone(),
        line: fm.image_line,
        responsive: None,
        alt: if fm.image_alt.is_empty() {
            fm.image_caption.clone()
        } else {
            fm.image_alt.clone()
        },
        caption: fm.image_caption.clone(),
    })
}

/// Whether two texts hold the same words, whatever their spacing and whether smart
/// punctuation curled their quotes and dashes.
fn same_words(a: &str, b: &str) -> bool {
    /// A word's characters with curled punctuation straightened and `…` as `...`.
    fn plain(word: &str) -> impl Iterator<Item = char> + '_ {
        word.chars().flat_map(|c| {
            let (plain, times) = match c {
                '“' | '”' => ('"', 1),
                '‘' | '’' => ('\'', 1),
                '–' | '—' => ('-', 1),
                '…' => ('.', 3),
                c => (c, 1),
            };
            std::iter::repeat_n(plain, times)
        })
    }
    // Word by word, without copying either text: this runs on every article.
    let (mut a, mut b) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y || plain(x).eq(plain(y)) => {}
            _ => return false,
        }
    }
}

/// Site path of an article or page from the permalink patterns.
fn page_path(config: &Config, kind: Kind, slug: &str, date: &ArticleDate) -> String {
    let pattern = match kind {
        Kind::Article => &config.permalinks.article,
        Kind::Page | Kind::Document => &config.permalinks.page,
    };
    let when = date.when;
    let filled = pattern
        .replace(":year", &format!("{:04}", when.year()))
        .replace(":month", &format!("{:02}", when.month()))
        .replace(":day", &format!("{:02}", when.day()))
        .replace(":slug", slug);
    let mut path = config.site_path(&filled);
    if !path.ends_with('/') && !path.ends_with(".html") {
        path.push('/');
    }
    path
}

/// Site path of the folder a non-bundle article lives in (`content/2023/a.md` -> `/2023/`).
pub fn source_folder(rel_path: &Path, config: &Config) -> String {
    let dir = rel_path
        .parent()
        .and_then(|p| p.strip_prefix("content").ok())
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    if dir.is_empty() {
        config.base_path.clone()
    } else {
        format!("{}{}/", config.base_path, dir)
    }
}

/// A body's photos with their lines counted from the top of the file, not of the body.
fn in_file_lines(
    mut images: Vec<markdown::BodyImage>,
    body_line: usize,
) -> Vec<markdown::BodyImage> {
    for image in &mut images {
        image.line += body_line - 1;
    }
    images
}

/// `a/b/../c` as `a/c`, without asking the disk (the file may not exist: that is what the
/// caller wants to report).
pub(crate) fn lexical_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let spaces: Vec<char> = ('\u{0}'..='\u{3100}')
            .filter(|c| c.is_whitespace())
            .collect();
        let others = [
            'a',
            'ư',
            'ệ',
            '\u{85}',
            '\u{2060}',
            '\u{2030}',
            '\u{1F600}',
            '\u{0}',
        ];
        let mut texts = vec![String::new(), "Dân vận khéo".to_string()];
        for &s in &spaces {
            for &o in &others {
                texts.push(format!("{s}{o}{o}{s}{s}{o}"));
                texts.push(format!("{o}{s}x{s}"));
            }
        }
        for &o in &others {
            texts.push(format!("{o}{o} {o}"));
        }
        // Read eight bytes at a time: each space at each place in and across the eight.
        for &s in &spaces {
            for offset in 0..17 {
                texts.push(format!("{}{s}bc {s}{s}", "a".repeat(offset)));
                texts.push(format!("{}ệ{s}ư", "a".repeat(offset)));
            }
        }
        for text in texts {
            assert_eq!(
                count_words(&text),
                text.split_whitespace().count(),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn any_text_counts_as_split_whitespace_counts_it(
            text in "([a-zđưạảấ \t\n\u{a0}\u{85}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{e000}]|\\PC){0,40}"
        ) {
            proptest::prop_assert_eq!(count_words(&text), text.split_whitespace().count());
        }
    }

    fn config(base: &str) -> Config {
        crate::config::parse(
            &format!("title: T\nbase_url: {base}\n"),
            Path::new("site.yaml"),
            None,
        )
        .unwrap()
    }

    #[test]
    fn article_gets_path_summary_and_image() {
        let c = config("https://x.gov.vn/ttv/");
        let a = parse_article(
            Path::new("content/2023/hoi-nghi/index.md"),
            "---\ntitle: Hội nghị Quyết định 1327-QĐ/TU\ndate: 12/06/2023\nimage: anh.jpg\nimage_caption: Toàn cảnh\n---\n\nSapo của bài.\n\nThân bài.\n",
            &c,
        )
        .unwrap();
        assert_eq!(a.path, "/ttv/2023/06/hoi-nghi-quyet-dinh-1327-qd-tu/");
        assert_eq!(a.summary, "Sapo của bài.");
        assert_eq!(&*a.content, "<p>Thân bài.</p>\n");
        let image = a.image.unwrap();
        assert_eq!(
            image.src,
            "/ttv/2023/06/hoi-nghi-quyet-dinh-1327-qd-tu/anh.jpg"
        );
        assert_eq!(image.alt, "Toàn cảnh");
        assert!(a.is_bundle);
    }

    #[test]
    fn explicit_summary_keeps_first_paragraph_in_body() {
        let c = config("https://x.gov.vn/");
        let a = parse_article(
            Path::new("content/a.md"),
            "---\ntitle: A\ndate: 2023-01-01\nsummary: Khác\nkind: page\n---\nĐoạn một.\n",
            &c,
        )
        .unwrap();
        assert_eq!(a.summary, "Khác");
        assert_eq!(&*a.content, "<p>Đoạn một.</p>\n");
        assert_eq!(a.path, "/a/");
    }

    #[test]
    fn summary_matches_lead_despite_smart_quotes() {
        assert!(same_words(
            "Nói \"dân biết\" - làm...",
            "Nói “dân biết” – làm…"
        ));
        assert!(!same_words("Một", "Hai"));
    }

    #[test]
    fn nfd_title_gives_same_slug() {
        let c = config("https://x.gov.vn/");
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Đỗ Phương").collect();
        let a = parse_article(
            Path::new("content/a.md"),
            &format!("---\ntitle: {nfd}\ndate: 2023-01-01\n---\n"),
            &c,
        )
        .unwrap();
        assert_eq!(a.slug, "do-phuong");
        assert_eq!(a.title, "Đỗ Phương");
    }
}
