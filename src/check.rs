//! `tuyenvan check` beyond what a build validates: every internal link and image of every
//! published article must lead to a published file, and editorial warnings (tone placement,
//! alt text, punctuation, no-break spaces, long summaries, missing category or author).
//! Pure over the pipeline's data: sources, the site and its plan; it reads and writes nothing.

mod mistakes;

use crate::config::Config;
use crate::content::{self, frontmatter, markdown, Article, Kind};
use crate::error::Diagnostic;
use crate::load::{MarkdownFile, Sources};
use crate::plan::{self, AssetRoute, AssetSource, Plan};
use crate::site::{HeldBack, HeldReason, Site};
use crate::tr;
use crate::vietnamese;
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Parser, Tag, TagEnd};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The longest summary (sapo) that reads well in listings, in characters.
pub const SUMMARY_LIMIT: usize = 300;

/// One Markdown file, normalized, with its front matter and body located.
struct Doc<'a> {
    path: &'a Path,
    text: &'a str,
    /// Byte range of the front matter lines (between the `---` lines).
    yaml: Range<usize>,
    /// Byte where the body starts.
    body_start: usize,
    /// Byte where each line starts: a warning is located without counting lines again.
    line_starts: Vec<usize>,
}

impl<'a> Doc<'a> {
    /// `text` made `source_text` already.
    fn new(path: &'a Path, text: &'a str) -> Option<Self> {
        let split = frontmatter::split(text, path).ok()?;
        let yaml_start = text.find('\n').map_or(text.len(), |i| i + 1);
        let yaml = yaml_start..yaml_start + split.yaml.len();
        let body_start = text.len() - split.body.len();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Some(Doc {
            path,
            text,
            yaml,
            body_start,
            line_starts,
        })
    }

    fn body(&self) -> &str {
        &self.text[self.body_start..]
    }

    /// 1-based line and character column of a byte offset.
    fn position(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= byte);
        let line_start = self.line_starts[line - 1];
        (line, self.text[line_start..byte].chars().count() + 1)
    }

    /// Where `len` characters from `byte` are, as a diagnostic names them.
    fn place(&self, byte: usize, len: usize) -> Place {
        let (line, column) = self.position(byte);
        Place { line, column, len }
    }

    /// A diagnostic at `byte`, underlining `len` characters, carrying its line.
    fn at(&self, byte: usize, len: usize, message: String, help: String) -> Diagnostic {
        let place = self.place(byte, len);
        let line = self.line_text(place.line);
        place.diagnostic(self.path, message, help).showing(line)
    }

    /// The text of 1-based line `line`, without its line end.
    fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next - 1);
        &self.text[start..end]
    }

    /// Byte range of the value of a front matter `key:` line, when there is one.
    fn key_value(&self, key: &str) -> Option<Range<usize>> {
        let mut offset = self.yaml.start;
        for line in self.text[self.yaml.clone()].split_inclusive('\n') {
            if let Some(rest) = line.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
                let value = rest.trim_end();
                let start = offset + key.len() + 1 + (value.len() - value.trim_start().len());
                return Some(start..offset + key.len() + 1 + value.len());
            }
            offset += line.len();
        }
        None
    }

    /// Byte where the line holding `key:` starts, or the closing `---` line.
    fn key_line_or_end(&self, keys: &[&str]) -> usize {
        keys.iter()
            .find_map(|k| self.key_value(k))
            .map(|value| self.text[..value.start].rfind('\n').map_or(0, |i| i + 1))
            .unwrap_or(self.yaml.end)
    }
}

/// A place in a file: line, column and length in characters, as a diagnostic shows it.
#[derive(Debug, Clone, Copy)]
struct Place {
    line: usize,
    column: usize,
    len: usize,
}

impl Place {
    fn diagnostic(self, path: &Path, message: String, help: String) -> Diagnostic {
        Diagnostic::new(path, message)
            .at(self.line, self.column)
            .spanning(self.len)
            .with_help(help)
    }
}

/// A link or image written in a body.
struct LinkRef {
    image: bool,
    dest: String,
    /// Byte of the destination in the file (or of the construct, when not found).
    dest_at: usize,
    /// Byte range of the whole `[…](…)` construct.
    range: Range<usize>,
    alt_empty: bool,
}

/// What the body holds, located in the file.
#[derive(Default)]
struct Scan {
    links: Vec<LinkRef>,
    /// Byte ranges of running text (not code, not link addresses), merged when adjacent.
    prose: Vec<Range<usize>>,
    first_paragraph: Option<usize>,
}

/// Walks a body (at byte `base` of its file) and records its links and prose. Text indented
/// as code is Markdown to us (see `markdown`), so it is walked again, one line at a time.
fn scan(body: &str, base: usize, out: &mut Scan, nested: bool) {
    let mut walk = Walk::default();
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        let abs = base + range.start..base + range.end;
        match event {
            Event::Start(tag) => walk.start(tag, body, &range, base, out),
            Event::End(end) => walk.end(end, out),
            Event::Text(text) => match &walk.code {
                Some(CodeBlockKind::Indented) if !nested => {
                    scan(&body[range], abs.start, out, true)
                }
                Some(_) => {}
                None => {
                    walk.alt_text(&text);
                    out.prose.push(abs);
                }
            },
            Event::Code(text) => walk.alt_text(&text),
            _ => {}
        }
    }
    if !nested {
        out.prose = merged(std::mem::take(&mut out.prose));
    }
}

/// Where `scan` is in the body: how deep, in which code block, in which image (its index in
/// `Scan::links` and its alt text so far).
#[derive(Default)]
struct Walk<'a> {
    depth: usize,
    code: Option<CodeBlockKind<'a>>,
    image: Option<(usize, String)>,
}

impl<'a> Walk<'a> {
    fn start(
        &mut self,
        tag: Tag<'a>,
        body: &str,
        range: &Range<usize>,
        base: usize,
        out: &mut Scan,
    ) {
        self.depth += 1;
        match tag {
            Tag::Paragraph if self.depth == 1 && out.first_paragraph.is_none() => {
                out.first_paragraph = Some(base + range.start);
            }
            Tag::CodeBlock(kind) => self.code = Some(kind),
            Tag::Link {
                link_type: LinkType::Email,
                ..
            } => {}
            Tag::Link { dest_url, .. } => {
                out.links
                    .push(link_ref(body, range, base, &dest_url, false));
            }
            Tag::Image { dest_url, .. } => {
                out.links.push(link_ref(body, range, base, &dest_url, true));
                self.image = Some((out.links.len() - 1, String::new()));
            }
            _ => {}
        }
    }

    fn end(&mut self, end: TagEnd, out: &mut Scan) {
        self.depth = self.depth.saturating_sub(1);
        match end {
            TagEnd::CodeBlock => self.code = None,
            TagEnd::Image => {
                if let Some((index, alt)) = self.image.take() {
                    out.links[index].alt_empty = alt.trim().is_empty();
                }
            }
            _ => {}
        }
    }

    /// Text inside an image is its alt text.
    fn alt_text(&mut self, text: &str) {
        if let Some((_, alt)) = self.image.as_mut() {
            alt.push_str(text);
        }
    }
}

/// Byte ranges in order, overlapping or touching ones merged.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn link_ref(body: &str, range: &Range<usize>, base: usize, dest: &str, image: bool) -> LinkRef {
    let dest_at = body[range.clone()]
        .rfind(dest)
        .filter(|_| !dest.is_empty())
        .map_or(range.start, |i| range.start + i);
    LinkRef {
        image,
        dest: dest.to_string(),
        dest_at: base + dest_at,
        range: base + range.start..base + range.end,
        alt_empty: false,
    }
}

// ---------------------------------------------------------------------------------------
// Links

/// A link or image (in the body or the featured image) as written, located in its file:
/// what the link check needs of an article once its text is gone.
struct Written {
    image: bool,
    dest: String,
    /// The destination, or the construct when the destination is not found in it.
    place: Place,
}

/// The links and featured image of one article, as written.
struct ArticleLinks {
    body: Vec<Written>,
    /// The value of the `image:` key, when the front matter has one.
    featured: Option<Written>,
}

impl ArticleLinks {
    fn of(doc: &Doc<'_>, found: &Scan) -> Self {
        let written = |image: bool, dest: String, at: usize| {
            let len = dest.chars().count().max(1);
            Written {
                image,
                place: doc.place(at, len),
                dest,
            }
        };
        let body = found
            .links
            .iter()
            .map(|l| written(l.image, l.dest.clone(), l.dest_at))
            .collect();
        let featured = doc.key_value("image").map(|value| {
            let dest = doc.text[value.clone()].trim_matches(['"', '\'']);
            written(true, dest.to_string(), value.start)
        });
        ArticleLinks { body, featured }
    }
}

/// Every article's links as written, by source file: taken in `check`'s one reading of the
/// sources (see `read`), for the link check once the site is planned and the texts dropped.
#[derive(Default)]
pub struct WrittenLinks(HashMap<PathBuf, ArticleLinks>);

/// Every internal link and image (body and featured image) of every article and page that
/// leads to no published file, or to an article `held` back that is not out before it.
pub fn links(
    site: &Site,
    plan: &Plan,
    written: &WrittenLinks,
    held: &[HeldBack],
) -> Vec<Diagnostic> {
    let held_by_source: HashMap<&Path, &HeldBack> =
        held.iter().map(|h| (h.source.as_path(), h)).collect();
    let held_pages: HashMap<String, &HeldBack> = site
        .articles
        .iter()
        .chain(&site.pages)
        .chain(&site.documents)
        .filter_map(|a| {
            let h = held_by_source.get(a.source.as_path())?;
            Some((plan::output_for(&a.path, &site.config.base_path), *h))
        })
        .collect();
    let outputs: HashSet<String> = plan
        .routes
        .iter()
        .map(|r| vietnamese::nfc(&r.output))
        .chain(plan.assets.iter().map(|a| vietnamese::nfc(&a.output)))
        .collect();
    let check = LinkCheck {
        plan,
        config: &site.config,
        outputs,
        held_by_source,
        held_pages,
    };
    let mut errors = Vec::new();
    for article in site
        .articles
        .iter()
        .chain(&site.pages)
        .chain(&site.documents)
    {
        if let Some(links) = written.0.get(article.source.as_path()) {
            check.article(links, article, &mut errors);
        }
    }
    errors
}

/// What the link check of every article looks links up in.
struct LinkCheck<'a> {
    plan: &'a Plan,
    config: &'a Config,
    /// Every output path (NFC).
    outputs: HashSet<String>,
    held_by_source: HashMap<&'a Path, &'a HeldBack>,
    /// The held-back articles by their page's output path.
    held_pages: HashMap<String, &'a HeldBack>,
}

impl LinkCheck<'_> {
    /// The broken links and featured image of one article.
    fn article(&self, links: &ArticleLinks, article: &Article, errors: &mut Vec<Diagnostic>) {
        let (plan, config) = (self.plan, self.config);
        let folder = if article.is_bundle {
            article.path.clone()
        } else {
            content::source_folder(&article.source, config)
        };
        let context = markdown::LinkContext {
            base_path: &config.base_path,
            folder: &folder,
        };
        for link in &links.body {
            let resolved = markdown::resolve_url(&link.dest, &context);
            if is_internal(&resolved) && !published(&resolved, &config.base_path, &self.outputs) {
                errors.push(broken(article, link, &resolved, plan, config));
            } else if let Some(h) = later(
                &resolved,
                &config.base_path,
                &self.held_pages,
                self.held_by_source.get(article.source.as_path()).copied(),
            ) {
                let d = broken(article, link, &resolved, plan, config);
                errors.push(d.with_help(tr!(
                    "check-link-unpublished",
                    state = crate::unpublished::state(h)
                )));
            }
        }
        self.featured_image(links, article, errors);
    }

    /// The featured image (`image:`), when it names a file the site does not publish.
    fn featured_image(
        &self,
        links: &ArticleLinks,
        article: &Article,
        errors: &mut Vec<Diagnostic>,
    ) {
        let (Some(image), Some(link)) = (&article.image, &links.featured) else {
            return;
        };
        let base = &self.config.base_path;
        if is_internal(&image.src) && !published(&image.src, base, &self.outputs) {
            errors.push(broken(article, link, &image.src, self.plan, self.config));
        }
    }
}

/// The held-back article a link leads to, when it is not out by the time the linking
/// article (`own`, held back too or not) is: a link from a published article to a draft
/// is broken the day it is published.
fn later<'a>(
    resolved: &str,
    base_path: &str,
    held_pages: &HashMap<String, &'a HeldBack>,
    own: Option<&HeldBack>,
) -> Option<&'a HeldBack> {
    let path = resolved.split(['?', '#']).next().unwrap_or("");
    let rel =
        vietnamese::nfc(&crate::urls::percent_decode(path).unwrap_or_else(|| path.to_string()));
    let rel = rel.strip_prefix(base_path)?;
    let output = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        format!("{rel}/index.html")
    };
    let target = held_pages.get(&output).or_else(|| held_pages.get(rel))?;
    let out_in_time = match (own, &target.reason) {
        // A draft's links are judged when it is published.
        (Some(own), _) if own.reason == HeldReason::Draft => true,
        (_, HeldReason::Draft) | (None, _) => false,
        (Some(own), HeldReason::Scheduled) => target.due <= own.due,
    };
    (!out_in_time).then_some(*target)
}

fn is_internal(resolved: &str) -> bool {
    resolved.starts_with('/') && !resolved.starts_with("//")
}

/// Whether a resolved site path names a published file.
fn published(resolved: &str, base_path: &str, outputs: &HashSet<String>) -> bool {
    let path = resolved.split(['?', '#']).next().unwrap_or("");
    let decoded = crate::urls::percent_decode(path).unwrap_or_else(|| path.to_string());
    let decoded = vietnamese::nfc(&decoded);
    let Some(rel) = decoded.strip_prefix(base_path).or_else(|| {
        // `/sub` itself, without its slash, is the home page.
        (format!("{decoded}/") == base_path).then_some("")
    }) else {
        return false;
    };
    if rel.is_empty() || rel.ends_with('/') {
        outputs.contains(&format!("{rel}index.html"))
    } else {
        outputs.contains(rel) || outputs.contains(&format!("{rel}/index.html"))
    }
}

fn broken(
    article: &Article,
    link: &Written,
    resolved: &str,
    plan: &Plan,
    config: &Config,
) -> Diagnostic {
    let (message, help) = if link.image {
        let expected = expected_file(&article.source, &link.dest);
        let near = closest_suggestion(
            resolved,
            plan.assets
                .iter()
                // Resized copies are the build's to name, never the editor's.
                .filter(|a| !matches!(a.source, AssetSource::Cached(_)))
                .map(|a| {
                    let path = config.site_path(&format!("/{}", a.output));
                    (path, image_as_written(article, a))
                }),
        );
        (
            tr!(
                "check-image-missing",
                name = link.dest.as_str(),
                address = resolved
            ),
            match near {
                Some(p) => tr!("check-image-did-you-mean", name = p),
                None => tr!("check-image-put", file = expected.display().to_string()),
            },
        )
    } else {
        let near = closest_suggestion(
            resolved,
            plan.routes.iter().map(|r| {
                (
                    r.url_path.clone(),
                    as_written(&r.url_path, &config.base_path),
                )
            }),
        );
        (
            tr!(
                "check-link-broken",
                name = link.dest.as_str(),
                address = resolved
            ),
            match near {
                Some(p) => tr!("did-you-mean", name = p),
                None if link
                    .dest
                    .split(['?', '#'])
                    .next()
                    .is_some_and(|p| p.ends_with(".md")) =>
                {
                    tr!("check-link-md")
                }
                None => tr!("check-link-help"),
            },
        )
    };
    link.place.diagnostic(&article.source, message, help)
}

/// Where the file a relative or site-root address names is expected in the source tree.
fn expected_file(source: &Path, dest: &str) -> PathBuf {
    let dest = dest.split(['?', '#']).next().unwrap_or("");
    let joined = match dest.strip_prefix('/') {
        Some(rest) => Path::new("content").join(rest),
        None => source.parent().unwrap_or(Path::new("content")).join(dest),
    };
    crate::content::lexical_path(&joined)
}

/// The suggestion of the published path closest to a broken one, when it is close enough
/// to be a typo; candidates are (site path, what the editor should write instead).
fn closest_suggestion(
    target: &str,
    candidates: impl Iterator<Item = (String, String)>,
) -> Option<String> {
    let limit = (target.chars().count() / 5).max(2);
    candidates
        .map(|(path, written)| (strsim::levenshtein(target, &path), written))
        .filter(|(d, _)| *d <= limit && *d > 0)
        .min_by_key(|(d, _)| *d)
        .map(|(_, written)| written)
}

/// A site path as an editor writes it: from the site root, without the base path (the
/// build adds it: `/thong-tin-tuyen-van/anh/a.jpg` is written `/anh/a.jpg`).
fn as_written(site_path: &str, base_path: &str) -> String {
    match site_path.strip_prefix(base_path) {
        Some(rest) => format!("/{rest}"),
        None => site_path.to_string(),
    }
}

/// How `article` should name a published file: a file of its own bundle by its name beside
/// `index.md`, any other from the site root.
fn image_as_written(article: &Article, asset: &AssetRoute) -> String {
    let folder = article.source.parent().filter(|_| article.is_bundle);
    if let Some(inside) = folder.and_then(|f| asset.origin.strip_prefix(f).ok()) {
        return inside.to_string_lossy().replace('\\', "/");
    }
    format!("/{}", asset.output)
}

// ---------------------------------------------------------------------------------------
// Editorial warnings

/// What `check` takes from the Markdown sources in its one reading of them, so they can be
/// dropped before the build stages (as a build drops them): the editorial warnings, and
/// every article's links for the link check once the site is planned.
pub struct Reading {
    pub warnings: Vec<Diagnostic>,
    pub links: WrittenLinks,
}

/// Editorial warnings for every Markdown file that parsed into one of `articles` (files
/// that did not are errors reported by the build stages).
pub fn editorial(sources: &Sources, articles: &[Article]) -> Vec<Diagnostic> {
    read(sources.markdown.par_iter(), articles).warnings
}

/// Reads every Markdown file that parsed into one of `articles` once, in parallel, each
/// normalized text dropped as soon as it is read: the editorial warnings (in file order:
/// each file's own, then the mistakes', then titles used twice) and the links. Files given
/// by value are freed as they are read.
pub fn read<F: Borrow<MarkdownFile> + Send>(
    markdown: impl IndexedParallelIterator<Item = F>,
    articles: &[Article],
) -> Reading {
    let by_source: HashMap<&Path, &Article> =
        articles.iter().map(|a| (a.source.as_path(), a)).collect();
    let files: Vec<FileReading> = markdown
        .map_init(Reader::default, |reader, file| {
            let file = file.borrow();
            let article = by_source.get(file.rel_path.as_path())?;
            let text = vietnamese::source_text(&file.text);
            read_file(reader, &file.rel_path, &text, article)
        })
        .flatten()
        .collect();
    gather(files, articles)
}

/// What `check` reads of one Markdown file and its article while the text is in hand
/// (`read_file`), to be gathered with every other file's once all are parsed (`gather`).
pub struct FileReading {
    path: PathBuf,
    warnings: Vec<Diagnostic>,
    /// Where a category or author is missing: the help lists the names the site uses,
    /// known only once every file is parsed.
    unnamed: Vec<Unnamed>,
    mistakes: mistakes::Own,
    links: ArticleLinks,
}

/// What one thread keeps from file to file while reading them (`read_file`).
#[derive(Default)]
pub struct Reader(Spellings);

/// `read`'s work on one file, its text made `source_text` (as parsing reads it), `article`
/// being what it parsed into; `None` when the file has no front matter to read.
pub fn read_file(
    reader: &mut Reader,
    rel_path: &Path,
    text: &str,
    article: &Article,
) -> Option<FileReading> {
    let doc = Doc::new(rel_path, text)?;
    let mut found = Scan::default();
    scan(doc.body(), doc.body_start, &mut found, false);
    let unnamed = if article.kind == Kind::Article {
        unnamed(&doc, article)
    } else {
        Vec::new()
    };
    Some(FileReading {
        path: doc.path.to_path_buf(),
        warnings: article_warnings(&doc, article, &found, &mut reader.0),
        unnamed,
        mistakes: mistakes::own(&doc, article),
        links: ArticleLinks::of(&doc, &found),
    })
}

/// Every file's reading, in file order, as one: `articles` are all the site's, whose
/// category and author names the warnings about a missing one suggest.
pub fn gather(files: Vec<FileReading>, articles: &[Article]) -> Reading {
    let known = crate::scaffold::KnownNames::from_articles(articles);
    let mut warnings = Vec::new();
    let mut links = WrittenLinks::default();
    let mut paths = Vec::with_capacity(files.len());
    let mut own = Vec::with_capacity(files.len());
    for file in files {
        warnings.extend(file.warnings);
        let path = file.path;
        warnings.extend(file.unnamed.into_iter().map(|u| u.warning(&path, &known)));
        links.0.insert(path.clone(), file.links);
        paths.push(path);
        own.push(file.mistakes);
    }
    let own = paths.iter().map(PathBuf::as_path).zip(own);
    warnings.extend(mistakes::warnings(own.collect()));
    Reading { warnings, links }
}

fn article_warnings(
    doc: &Doc<'_>,
    article: &Article,
    found: &Scan,
    spellings: &mut Spellings,
) -> Vec<Diagnostic> {
    let mut prose: Vec<Range<usize>> = ["title", "summary", "image_caption", "image_alt"]
        .iter()
        .filter_map(|k| doc.key_value(k))
        .collect();
    prose.extend(found.prose.iter().cloned());
    let mut warnings = Vec::new();
    tone_placement(doc, &prose, spellings, &mut warnings);
    punctuation(doc, &prose, &mut warnings);
    alt_text(doc, article, found, &mut warnings);
    // A document's summary is its trích yếu, as long as the document has it.
    if article.kind != Kind::Document {
        summary_length(doc, article, found, &mut warnings);
    }
    warnings
}

/// Doubled punctuation and runs of no-break spaces in the prose.
fn punctuation(doc: &Doc<'_>, prose: &[Range<usize>], warnings: &mut Vec<Diagnostic>) {
    for range in prose {
        let text = &doc.text[range.clone()];
        for (at, len) in doubled_punctuation(text) {
            let what = &text[at..].chars().take(len).collect::<String>();
            warnings.push(doc.at(
                range.start + at,
                len,
                tr!("check-doubled", mark = what.as_str()),
                tr!("check-doubled-help"),
            ));
        }
        for (at, len) in nbsp_runs(text) {
            warnings.push(doc.at(
                range.start + at,
                len,
                tr!("check-nbsp"),
                tr!("check-nbsp-help"),
            ));
        }
    }
}

/// A category or author an article does not name.
struct Unnamed {
    place: Place,
    /// The text of the line `place` names.
    line: String,
    field: NameField,
}

#[derive(Clone, Copy)]
enum NameField {
    Category,
    Author,
}

impl NameField {
    /// The key as written, its plural, and what the Vietnamese warning calls it.
    fn words(self) -> (&'static str, &'static str, &'static str) {
        match self {
            NameField::Category => ("category", "categories", "chuyên mục"),
            NameField::Author => ("author", "authors", "tác giả"),
        }
    }
}

impl Unnamed {
    /// The warning, with the names the site already uses for the field.
    fn warning(self, path: &Path, known: &crate::scaffold::KnownNames) -> Diagnostic {
        let (one, _, label) = self.field.words();
        let known = match self.field {
            NameField::Category => &known.categories,
            NameField::Author => &known.authors,
        };
        let in_use = if known.is_empty() {
            String::new()
        } else {
            let shown: Vec<&str> = known.iter().take(6).map(String::as_str).collect();
            tr!("check-in-use", names = shown.join(", "))
        };
        self.place
            .diagnostic(
                path,
                tr!("check-no-name", key = one, label = label),
                tr!("check-no-name-help", key = one, in_use = in_use),
            )
            .showing(self.line)
    }
}

/// The categories and authors an article does not name, where the warning points: the key
/// if written, else the end of the front matter.
fn unnamed(doc: &Doc<'_>, article: &Article) -> Vec<Unnamed> {
    [
        (NameField::Category, &article.categories),
        (NameField::Author, &article.authors),
    ]
    .into_iter()
    .filter(|(_, names)| names.is_empty())
    .map(|(field, _)| {
        let (one, many, _) = field.words();
        let at = doc.key_line_or_end(&[one, many]);
        let line_end = doc.text[at..].find('\n').map_or(doc.text.len(), |i| at + i);
        let place = doc.place(at, doc.text[at..line_end].chars().count());
        Unnamed {
            line: doc.line_text(place.line).into(),
            place,
            field,
        }
    })
    .collect()
}

fn alt_text(doc: &Doc<'_>, article: &Article, found: &Scan, warnings: &mut Vec<Diagnostic>) {
    for link in found.links.iter().filter(|l| l.image && l.alt_empty) {
        let construct = &doc.text[link.range.clone()];
        let len = if construct.contains('\n') {
            2
        } else {
            construct.chars().count()
        };
        warnings.push(doc.at(
            link.range.start,
            len,
            tr!("check-no-alt"),
            tr!("check-no-alt-help", name = link.dest.as_str()),
        ));
    }
    if let (Some(image), Some(value)) = (&article.image, doc.key_value("image")) {
        if image.alt.is_empty() {
            warnings.push(doc.at(
                value.start,
                doc.text[value].chars().count(),
                tr!("check-featured-no-alt"),
                tr!("check-featured-no-alt-help"),
            ));
        }
    }
}

fn summary_length(doc: &Doc<'_>, article: &Article, found: &Scan, warnings: &mut Vec<Diagnostic>) {
    let length = article.summary.chars().count();
    if length <= SUMMARY_LIMIT {
        return;
    }
    let message = tr!("check-summary-long", count = length, limit = SUMMARY_LIMIT);
    let warning = match doc.key_value("summary") {
        Some(value) => doc.at(value.start, 7, message, tr!("check-summary-help")),
        None => doc.at(
            found.first_paragraph.unwrap_or(doc.body_start),
            7,
            message,
            tr!("check-summary-paragraph-help"),
        ),
    };
    warnings.push(warning);
}

/// Words whose tone mark sits on different vowels in one article (`ủy` and `uỷ`).
fn tone_placement(
    doc: &Doc<'_>,
    prose: &[Range<usize>],
    spellings: &mut Spellings,
    warnings: &mut Vec<Diagnostic>,
) {
    spellings.next_document();
    for range in prose {
        for (at, word) in words(&doc.text[range.clone()]) {
            // An ASCII word is its own identity, which no word with a letter beyond ASCII
            // has (see `ascii_identities_are_apart`): it has no other spelling to be told.
            if word.is_ascii() {
                continue;
            }
            let (lower, identity) = spellings.of(word);
            match spellings.first_in_document(identity, lower, range.start + at) {
                None => {}
                Some((spelling, where_)) if spelling != lower && spellings.report(lower) => {
                    let (line, _) = doc.position(where_);
                    let (spelling, lower) = (spellings.lower(spelling), spellings.lower(lower));
                    warnings.push(doc.at(
                        range.start + at,
                        word.chars().count(),
                        tr!("check-tone", word = word, spelling = spelling, line = line),
                        tr!("check-tone-help", spelling = spelling, word = lower),
                    ));
                }
                Some(_) => {}
            }
        }
    }
}

/// The words one thread has met, each with its lowercase spelling and its identity
/// (`vietnamese::term_identity`), both numbered: worked out once per thread, not once per
/// article, as the same few thousand syllables make every article.
#[derive(Default)]
struct Spellings {
    /// A word as written: (its lowercase spelling, its identity).
    words: FxHashMap<Box<str>, (u32, u32)>,
    /// The same for words of up to eight bytes (most syllables), by
    /// `vietnamese::short_key`: a number to compare, not a string.
    short_words: FxHashMap<u64, (u32, u32)>,
    lower: Vec<Box<str>>,
    lower_numbers: FxHashMap<Box<str>, u32>,
    identities: FxHashMap<String, u32>,
    /// The document being read, numbered from 1: what the two lists below are stamped with,
    /// so that no map is made or emptied for each document.
    document: u32,
    /// By identity: the document it was last met in, and there its first lowercase spelling
    /// and where.
    first_met: Vec<(u32, u32, usize)>,
    /// By lowercase spelling: the document it was last reported in.
    reported_in: Vec<u32>,
}

impl Spellings {
    fn of(&mut self, word: &str) -> (u32, u32) {
        let short = vietnamese::short_key(word);
        let known = match short {
            Some(key) => self.short_words.get(&key),
            None => self.words.get(word),
        };
        if let Some(&numbers) = known {
            return numbers;
        }
        let lower = word.to_lowercase();
        let next = self.identities.len() as u32;
        let identity = *self.identities.entry(tone_identity(&lower)).or_insert(next);
        let lower = match self.lower_numbers.get(lower.as_str()) {
            Some(&n) => n,
            None => {
                let n = self.lower.len() as u32;
                self.lower.push(lower.clone().into());
                self.lower_numbers.insert(lower.into(), n);
                n
            }
        };
        match short {
            Some(key) => self.short_words.insert(key, (lower, identity)),
            None => self.words.insert(word.into(), (lower, identity)),
        };
        (lower, identity)
    }

    fn lower(&self, number: u32) -> &str {
        &self.lower[number as usize]
    }

    /// Starts the next document: no identity met or spelling reported in it yet.
    fn next_document(&mut self) {
        self.document += 1;
    }

    /// The spelling `identity` was first met with in this document and where; `None` when
    /// this is the first time, which records `lower` at `at`.
    fn first_in_document(&mut self, identity: u32, lower: u32, at: usize) -> Option<(u32, usize)> {
        let index = identity as usize;
        if self.first_met.len() <= index {
            self.first_met.resize(index + 1, (0, 0, 0));
        }
        let (met_in, spelling, where_) = self.first_met[index];
        if met_in == self.document {
            return Some((spelling, where_));
        }
        self.first_met[index] = (self.document, lower, at);
        None
    }

    /// Whether `lower` is reported for the first time in this document (and records it).
    fn report(&mut self, lower: u32) -> bool {
        let index = lower as usize;
        if self.reported_in.len() <= index {
            self.reported_in.resize(index + 1, 0);
        }
        let first = self.reported_in[index] != self.document;
        self.reported_in[index] = self.document;
        first
    }
}

/// `vietnamese::term_identity` of one lowercase word: an ASCII word has no tone mark to
/// move and is its own identity.
fn tone_identity(lower: &str) -> String {
    if lower.is_ascii() {
        lower.to_string()
    } else {
        vietnamese::term_identity(lower)
    }
}

/// Runs of letters (byte offset, word). ASCII bytes are told apart without decoding them.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while i < bytes.len() {
            let at = i;
            let (letter, len) = if bytes[at].is_ascii() {
                (bytes[at].is_ascii_alphabetic(), 1)
            } else {
                let c = text[at..].chars().next().unwrap_or_default();
                (
                    is_letter(c) || (start.is_some() && is_mark(c)),
                    c.len_utf8(),
                )
            };
            i += len;
            match (letter, start) {
                (true, None) => start = Some(at),
                (false, Some(s)) => return Some((s, &text[s..at])),
                _ => {}
            }
        }
        start.map(|s| (s, &text[s..]))
    })
}

/// `char::is_alphabetic`, answered without the table lookup for the characters of
/// Vietnamese text, which are nearly all of them.
fn is_letter(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphabetic(),
        '\u{00D7}' | '\u{00F7}' => false,
        '\u{00C0}'..='\u{024F}' | '\u{1EA0}'..='\u{1EF9}' => true,
        _ => c.is_alphabetic(),
    }
}

fn is_mark(c: char) -> bool {
    !c.is_ascii() && unicode_normalization::char::is_combining_mark(c)
}

/// Doubled commas or semicolons (`,,`, `, ,`) and exactly two dots (`..`, not `...`), as
/// (byte offset, length in characters). Every mark and space it looks for but the no-break
/// space is one ASCII byte, which no byte of another character equals: it works on bytes.
pub fn doubled_punctuation(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    // Marks are a few in a hundred bytes: jump from one to the next.
    while let Some(at) = memchr::memchr3(b',', b';', b'.', &bytes[i..]) {
        i += at;
        let c = bytes[i];
        if c == b',' || c == b';' {
            // The mark, the spaces after it (each one character) and the second mark.
            let (mut j, mut chars) = (i + 1, 1);
            loop {
                match &bytes[j..] {
                    [b' ' | b'\t', ..] => j += 1,
                    [0xC2, 0xA0, ..] => j += 2,
                    _ => break,
                }
                chars += 1;
            }
            if bytes.get(j) == Some(&c) {
                found.push((i, chars + 1));
                i = j + 1;
                continue;
            }
        } else if c == b'.' {
            let run = bytes[i..].iter().take_while(|&&d| d == b'.').count();
            if run == 2 {
                found.push((i, 2));
            }
            i += run;
            continue;
        }
        i += 1;
    }
    found
}

/// Runs of two or more spaces holding at least one no-break space (the character, or the
/// `&nbsp;` entity), as (byte offset, length in characters).
pub fn nbsp_runs(text: &str) -> Vec<(usize, usize)> {
    const ENTITIES: [&str; 3] = ["&nbsp;", "&#160;", "&#xa0;"];
    let mut found = Vec::new();
    // Without a no-break space there is no run to find: most text has none. (Three
    // searches for one character each are far faster than one for any of three.)
    if !(text.contains('&') || text.contains('\u{a0}') || text.contains('\u{202f}')) {
        return found;
    }
    let mut i = 0;
    while i < text.len() {
        let (mut j, mut units, mut nbsp) = (i, 0, 0);
        loop {
            let rest = &text[j..];
            if let Some(e) = ENTITIES.iter().find(|e| {
                rest.get(..e.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(e))
            }) {
                j += e.len();
                nbsp += 1;
            } else if let Some(c) = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '\u{a0}' | '\u{202f}'))
            {
                j += c.len_utf8();
                nbsp += 1;
            } else if rest.starts_with([' ', '\t']) {
                j += 1;
            } else {
                break;
            }
            units += 1;
        }
        if units >= 2 && nbsp >= 1 {
            found.push((i, text[i..j].chars().count()));
        }
        i = if j > i {
            j
        } else {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        };
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_doubled_punctuation() {
        assert_eq!(doubled_punctuation("a, , b"), vec![(1, 3)]);
        assert_eq!(doubled_punctuation("a,, b;;"), vec![(1, 2), (5, 2)]);
        assert_eq!(doubled_punctuation("hết.. Rồi"), vec![(5, 2)]);
        assert!(doubled_punctuation("vân vân... và 1.000.000, 2").is_empty());
        assert!(doubled_punctuation("a. . b, c; d").is_empty());
    }

    #[test]
    fn finds_nbsp_runs() {
        assert_eq!(nbsp_runs("a\u{a0}\u{a0}b"), vec![(1, 2)]);
        assert_eq!(nbsp_runs("a&nbsp;&nbsp; b"), vec![(1, 13)]);
        assert!(nbsp_runs("5\u{a0}km và  hai dấu cách").is_empty());
    }

    #[test]
    fn words_keep_vietnamese_letters() {
        let w: Vec<&str> = words("Tỉnh uỷ, (Đảng)").map(|(_, w)| w).collect();
        assert_eq!(w, vec!["Tỉnh", "uỷ", "Đảng"]);
        // A word at the very end, and a tone mark written apart (NFD) inside a word.
        let w: Vec<(usize, &str)> = words("ủy u\u{309}y").collect();
        assert_eq!(w, vec![(0, "ủy"), (5, "u\u{309}y")]);
        assert_eq!(words(" , ").count(), 0);
    }

    #[test]
    fn scan_locates_links_prose_and_alt() {
        let body =
            "Mở đầu [bài](../a/) và ![](anh.jpg).\n\n    Thụt lề [x](/b/)\n\n```\n[c](/c/)\n```\n";
        let mut s = Scan::default();
        scan(body, 0, &mut s, false);
        let dests: Vec<&str> = s.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, vec!["../a/", "anh.jpg", "/b/"]);
        assert!(s.links[1].image && s.links[1].alt_empty);
        assert_eq!(&body[s.links[0].dest_at..s.links[0].dest_at + 5], "../a/");
        assert_eq!(&body[s.links[2].dest_at..s.links[2].dest_at + 3], "/b/");
        assert_eq!(s.first_paragraph, Some(0));
    }

    #[test]
    fn ascii_identities_are_apart() {
        // No word with a letter beyond ASCII in its lowercase has an identity made of ASCII
        // letters only, as an ASCII word's is: `tone_placement` may pass ASCII words by.
        // A word's identity holds each of its letters' (tone marks become one digit).
        let beyond_ascii = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && (is_letter(*c) || is_mark(*c)));
        for c in beyond_ascii {
            let lower: String = c.to_lowercase().collect();
            let identity = vietnamese::term_identity(&lower);
            assert!(
                lower.is_ascii() || !identity.bytes().all(|b| b.is_ascii_alphabetic()),
                "{c:?} -> {identity:?}"
            );
        }
    }

    #[test]
    fn letters_as_char_says() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            let mark = unicode_normalization::char::is_combining_mark(c);
            assert_eq!(is_mark(c), mark, "{c:?}");
        }
    }

    #[test]
    fn expected_files() {
        assert_eq!(
            expected_file(Path::new("content/2023/bai/index.md"), "anh.jpg"),
            Path::new("content/2023/bai/anh.jpg")
        );
        assert_eq!(
            expected_file(Path::new("content/2023/a.md"), "../anh/x.jpg"),
            Path::new("content/anh/x.jpg")
        );
        assert_eq!(
            expected_file(Path::new("content/2023/a.md"), "/anh/x.jpg?a"),
            Path::new("content/anh/x.jpg")
        );
    }
}
