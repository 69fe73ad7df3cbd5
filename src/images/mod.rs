//! Photos: which local images the articles use, which copies each needs (widths, thumbnail,
//! formats, names) and the `<img>` markup offering them. Pure: pixels and cache are `process`.

pub(crate) mod batch;
pub(crate) mod process;

use crate::config::ImageSettings;
#[cfg(test)]
use crate::content::Thumb;
use crate::content::{Article, Responsive};
use crate::error::Diagnostic;
use crate::load::AssetSource;
use crate::plan::AssetRoute;
use crate::tr;
use crate::vietnamese;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Size of the listing thumbnail: 3:2, as the default theme shows it.
pub(crate) const THUMB: (u32, u32) = (360, 240);
/// `sizes` of a photo in an article: the text column, or the whole screen on phones.
pub(crate) const ARTICLE_SIZES: &str = "(min-width: 50em) 46rem, 100vw";

/// A format the stage resizes and re-encodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Format {
    Jpeg,
    Png,
    Webp,
}

impl Format {
    pub(crate) fn ext(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Webp => "webp",
        }
    }
}

/// What the stage does with a referenced file, judged by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Photo(Format),
    /// SVG and GIF (animations) are published as they are.
    AsIs,
    Unsupported,
}

pub(crate) fn kind_of(path: &str) -> Kind {
    let ext = Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => Kind::Photo(Format::Jpeg),
        "png" => Kind::Photo(Format::Png),
        "webp" => Kind::Photo(Format::Webp),
        "svg" | "svgz" | "gif" => Kind::AsIs,
        _ => Kind::Unsupported,
    }
}

/// One resized copy of a photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// Cropped to the thumbnail's proportions around the centre.
    pub thumb: bool,
}

impl Variant {
    /// File name beside the original: `anh.960w.jpg`, `anh.thumb.webp`.
    pub(crate) fn file_name(&self, stem: &str) -> String {
        if self.thumb {
            format!("{stem}.thumb.{}", self.format.ext())
        } else {
            format!("{stem}.{}w.{}", self.width, self.format.ext())
        }
    }

    /// Name in the cache: the source's hash and everything that shapes the bytes.
    pub(crate) fn cache_name(&self, hash: &str, quality: u8) -> String {
        let crop = if self.thumb { "c" } else { "" };
        format!(
            "{hash}-{}x{}{crop}-q{quality}.{}",
            self.width,
            self.height,
            self.format.ext()
        )
    }
}

fn scaled_height(width: u32, src_w: u32, src_h: u32) -> u32 {
    ((u64::from(src_h) * u64::from(width) + u64::from(src_w) / 2) / u64::from(src_w.max(1))).max(1)
        as u32
}

/// Widths of the full copies of a `src_w` wide photo: every setting below it, and the
/// largest setting or the photo's own width, whichever is smaller. Never enlarged.
pub(crate) fn widths(src_w: u32, settings: &ImageSettings) -> Vec<u32> {
    let max = settings.widths.iter().copied().max().unwrap_or(src_w);
    let mut out: Vec<u32> = settings
        .widths
        .iter()
        .copied()
        .filter(|&w| w < src_w.min(max))
        .collect();
    out.push(src_w.min(max));
    out.sort_unstable();
    out.dedup();
    out
}

/// The thumbnail's size: `THUMB`, or smaller in the same proportions for a small photo.
pub(crate) fn thumb_size(src_w: u32, src_h: u32) -> (u32, u32) {
    let (tw, th) = THUMB;
    // The largest 3:2 region of the photo, then no larger than THUMB.
    let crop_w = src_w.min(src_h.saturating_mul(tw) / th).max(1);
    let w = crop_w.min(tw);
    (w, (w * th / tw).max(1))
}

/// Every copy an upright `src_w` x `src_h` photo gets.
pub(crate) fn variants(
    src_w: u32,
    src_h: u32,
    format: Format,
    settings: &ImageSettings,
) -> Vec<Variant> {
    let mut formats = vec![format];
    if settings.webp && format != Format::Webp {
        formats.push(Format::Webp);
    }
    let mut out = Vec::new();
    for width in widths(src_w, settings) {
        for &format in &formats {
            out.push(Variant {
                width,
                height: scaled_height(width, src_w, src_h),
                format,
                thumb: false,
            });
        }
    }
    let (width, height) = thumb_size(src_w, src_h);
    for &format in &formats {
        out.push(Variant {
            width,
            height,
            format,
            thumb: true,
        });
    }
    out
}

/// Where an article uses a photo, for errors.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Use {
    pub article: PathBuf,
    pub line: usize,
    pub written: String,
}

/// A local photo to process, with every place that uses it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Request {
    /// The file, relative to the site root and on disk.
    pub rel: PathBuf,
    pub abs: PathBuf,
    pub format: Format,
    /// Output path of the original (`2023/06/bai/anh.jpg`).
    pub output: String,
    /// Site path of the original as the articles resolve it.
    pub url: String,
    pub uses: Vec<Use>,
}

/// Whether an address points off the site (`https://`, `//host/`, `data:`).
pub(crate) fn is_remote(url: &str) -> bool {
    url.starts_with("//")
        || url
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| first.contains(':'))
}

/// Output path that a site path is published at, when it is under the base path.
pub(crate) fn output_of(url: &str, base_path: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let rel = path.strip_prefix(base_path)?;
    let decoded = crate::urls::percent_decode(rel).unwrap_or_else(|| rel.to_string());
    Some(vietnamese::nfc(&decoded))
}

fn missing(article: &Article, line: usize, written: &str) -> Diagnostic {
    Diagnostic::new(&article.source, tr!("photo-not-found", name = written))
        .at(line, 1)
        .with_help(tr!("photo-not-found-help"))
}

fn unsupported(article: &Article, line: usize, written: &str) -> Diagnostic {
    Diagnostic::new(&article.source, tr!("photo-unsupported", name = written))
        .at(line, 1)
        .with_help(tr!("photo-unsupported-help"))
}

/// Every image an article shows, its featured one first: (address as resolved, line, as written).
fn image_uses(article: &Article) -> impl Iterator<Item = (&str, usize, &str)> {
    let featured = article
        .image
        .iter()
        .map(|i| (i.src.as_str(), i.line, i.written.as_str()));
    let body = article
        .images
        .iter()
        .map(|i| (i.resolved.as_str(), i.line, i.written.as_str()));
    featured.chain(body)
}

/// Every local photo the published articles use, and an error for each image in a format
/// the site cannot publish, and for each missing one when `report_missing` (`check` finds
/// those itself, with their column). `assets`: the content files as the plan places them.
pub(crate) fn requests(
    articles: &[&Article],
    assets: &[AssetRoute],
    base: &str,
    report_missing: bool,
) -> (Vec<Request>, Vec<Diagnostic>) {
    let published: HashMap<String, &AssetRoute> = assets
        .iter()
        .filter(|a| matches!(a.source, AssetSource::Disk(_)) && a.origin.starts_with("content"))
        .map(|a| (vietnamese::nfc(&a.output), a))
        .collect();
    let mut requests: Vec<Request> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut errors = Vec::new();
    for &article in articles {
        for (url, line, written) in image_uses(article) {
            if url.is_empty() || is_remote(url) {
                continue;
            }
            let Some(asset) = output_of(url, base).and_then(|o| published.get(&o)) else {
                if report_missing {
                    errors.push(missing(article, line, written));
                }
                continue;
            };
            let output = vietnamese::nfc(&asset.output);
            let format = match kind_of(&output) {
                Kind::Photo(format) => format,
                Kind::AsIs => continue,
                Kind::Unsupported => {
                    errors.push(unsupported(article, line, written));
                    continue;
                }
            };
            let AssetSource::Disk(abs) = &asset.source else {
                continue;
            };
            let used = Use {
                article: article.source.clone(),
                line,
                written: written.to_string(),
            };
            let slot = *index.entry(output.clone()).or_insert_with(|| {
                requests.push(Request {
                    rel: asset.origin.clone(),
                    abs: abs.clone(),
                    format,
                    output: asset.output.clone(),
                    url: url.split(['?', '#']).next().unwrap_or(url).to_string(),
                    uses: Vec::new(),
                });
                requests.len() - 1
            });
            requests[slot].uses.push(used);
        }
    }
    (requests, errors)
}

/// A photo's copies, made or found in the cache.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Processed {
    /// Upright size of the original.
    pub width: u32,
    pub height: u32,
    /// Every copy and its file in the cache.
    pub files: Vec<(Variant, PathBuf)>,
    /// How many copies had to be made (0: all came from the cache).
    pub made: usize,
}

/// Encodes characters that would break a `srcset` list (spaces and commas).
fn srcset_url(url: &str) -> String {
    url.replace(' ', "%20").replace(',', "%2C")
}

/// The folder part of an address or path, with its trailing `/`.
fn folder(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..=i])
}

fn stem(path: &str) -> &str {
    let name = &path[folder(path).len()..];
    name.rfind('.').map_or(name, |i| &name[..i])
}

/// The template-facing facts of a processed photo, and the output path of each copy.
pub(crate) fn responsive(
    request: &Request,
    processed: &Processed,
) -> (Responsive, Vec<(String, PathBuf)>) {
    let url_dir = folder(&request.url);
    let out_dir = folder(&request.output);
    let name_stem = stem(&request.output);
    let url_of = |v: &Variant| format!("{url_dir}{}", v.file_name(name_stem));
    let mut r = Responsive::default();
    let mut files = Vec::new();
    let mut srcset = Vec::new();
    let mut webp = Vec::new();
    for (v, cached) in &processed.files {
        files.push((
            format!("{out_dir}{}", v.file_name(name_stem)),
            cached.clone(),
        ));
        let url = url_of(v);
        if v.thumb {
            if v.format == request.format {
                (r.thumb.src, r.thumb.width, r.thumb.height) = (url, v.width, v.height);
            } else {
                r.thumb.webp = url;
            }
        } else if v.format == request.format {
            srcset.push(format!("{} {}w", srcset_url(&url), v.width));
            if v.width >= r.width {
                (r.src, r.width, r.height) = (url, v.width, v.height);
            }
        } else {
            webp.push(format!("{} {}w", srcset_url(&url), v.width));
        }
    }
    r.srcset = srcset.join(", ");
    r.webp_srcset = webp.join(", ");
    (r, files)
}

/// What the images stage resolved: each photo's copies by the address articles give it,
/// and the routes publishing the copies.
#[derive(Debug, Clone, Default)]
pub struct Photos {
    pub by_url: HashMap<String, Responsive>,
    /// `by_url` keyed as the Markdown renderer writes addresses in `src`.
    by_href: HashMap<String, Responsive>,
    pub routes: Vec<AssetRoute>,
}

/// Copies of every processed photo as asset routes, and the facts by original address.
pub(crate) fn publish(requests: &[Request], processed: &[Processed]) -> Photos {
    let mut photos = Photos::default();
    for (request, done) in requests.iter().zip(processed) {
        let (r, files) = responsive(request, done);
        photos
            .routes
            .extend(files.into_iter().map(|(output, cached)| AssetRoute {
                output,
                origin: request.rel.clone(),
                source: AssetSource::Cached(cached),
            }));
        let mut href = String::new();
        let _ = pulldown_cmark_escape::escape_href(&mut href, &request.url);
        photos.by_href.insert(href, r.clone());
        photos.by_url.insert(request.url.clone(), r);
    }
    photos
}

/// An article's final body and featured image: the photos' copies offered, every image but
/// the first shown lazily. The one place an article is finished, for build and serve alike.
pub(crate) fn finish(mut article: Article, photos: &Photos) -> Article {
    if let Some(image) = &mut article.image {
        let url = image.src.split(['?', '#']).next().unwrap_or(&image.src);
        image.responsive = photos.by_url.get(url).cloned();
    }
    if article.content.contains("<img") {
        let first_eager = article.image.is_none();
        article.content = rewrite_html(&article.content, &photos.by_href, first_eager).into();
    }
    article
}

fn escape(text: &str) -> String {
    let mut out = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// The value of attribute `name` in a start tag, as written.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<(usize, &'a str)> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some((start - key.len(), &tag[start..end]))
}

/// One `<img …>` start tag with the copies offered, lazy unless `eager`.
fn rewrite_tag(tag: &str, r: Option<&Responsive>, eager: bool) -> String {
    let mut tag = tag.replace(" loading=\"lazy\"", "");
    if let (Some(r), Some((at, src))) = (r, attribute(&tag, "src")) {
        let end = at + " src=\"".len() + src.len() + 1;
        let attrs = format!(
            " src=\"{}\" srcset=\"{}\" sizes=\"{ARTICLE_SIZES}\" width=\"{}\" height=\"{}\"",
            escape(&r.src),
            escape(&r.srcset),
            r.width,
            r.height
        );
        tag.replace_range(at..end, &attrs);
    }
    if !eager {
        let close = if tag.ends_with("/>") {
            tag.len() - 2
        } else {
            tag.len() - 1
        };
        let insert = if tag[..close].ends_with(' ') {
            "loading=\"lazy\" "
        } else {
            " loading=\"lazy\""
        };
        tag.insert_str(close, insert);
    }
    match r {
        Some(r) if !r.webp_srcset.is_empty() => format!(
            "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{ARTICLE_SIZES}\">{tag}</picture>",
            escape(&r.webp_srcset)
        ),
        _ => tag,
    }
}

/// Rewrites every `<img>` of a body: copies for the photos in `by_href` (keyed by `src` as
/// the Markdown renderer writes it), and `loading="lazy"` on all but the first image when
/// `first_eager` (an article without a featured image shows its first photo at once).
pub(crate) fn rewrite_html(
    html: &str,
    by_href: &HashMap<String, Responsive>,
    first_eager: bool,
) -> String {
    let mut out = String::with_capacity(html.len() + 512);
    let mut rest = html;
    let mut first = true;
    while let Some(start) = rest.find("<img ") {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..=start + len];
        let r = attribute(tag, "src").and_then(|(_, src)| by_href.get(src));
        out.push_str(&rest[..start]);
        out.push_str(&rewrite_tag(tag, r, first && first_eager));
        first = false;
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> ImageSettings {
        ImageSettings::default()
    }

    #[test]
    fn widths_never_enlarge() {
        assert_eq!(widths(4000, &settings()), [480, 960, 1600]);
        assert_eq!(widths(1200, &settings()), [480, 960, 1200]);
        assert_eq!(widths(960, &settings()), [480, 960]);
        assert_eq!(widths(300, &settings()), [300]);
    }

    #[test]
    fn thumbnails_are_three_by_two_and_never_enlarged() {
        assert_eq!(thumb_size(4000, 3000), (360, 240));
        assert_eq!(thumb_size(3000, 4000), (360, 240));
        assert_eq!(thumb_size(300, 100), (150, 100));
        assert_eq!(thumb_size(120, 400), (120, 80));
    }

    #[test]
    fn variants_cover_widths_formats_and_thumb() {
        let v = variants(4000, 3000, Format::Jpeg, &settings());
        let names: Vec<String> = v.iter().map(|v| v.file_name("anh")).collect();
        assert_eq!(
            names,
            [
                "anh.480w.jpg",
                "anh.480w.webp",
                "anh.960w.jpg",
                "anh.960w.webp",
                "anh.1600w.jpg",
                "anh.1600w.webp",
                "anh.thumb.jpg",
                "anh.thumb.webp"
            ]
        );
        assert_eq!((v[4].width, v[4].height), (1600, 1200));
        let no_webp = ImageSettings {
            webp: false,
            ..settings()
        };
        assert_eq!(variants(800, 600, Format::Png, &no_webp).len(), 3);
        assert_eq!(variants(800, 600, Format::Webp, &settings()).len(), 3);
    }

    #[test]
    fn kinds_by_extension() {
        assert_eq!(kind_of("a/B.JPG"), Kind::Photo(Format::Jpeg));
        assert_eq!(kind_of("a.gif"), Kind::AsIs);
        assert_eq!(kind_of("a.svg"), Kind::AsIs);
        assert_eq!(kind_of("a.heic"), Kind::Unsupported);
        assert_eq!(kind_of("a"), Kind::Unsupported);
    }

    #[test]
    fn addresses() {
        assert!(is_remote("https://x.vn/a.jpg") && is_remote("//x.vn/a.jpg"));
        assert!(!is_remote("/sub/a.jpg"));
        assert_eq!(
            output_of("/sub/2023/anh%20m%E1%BB%99t.jpg?v=1", "/sub/").as_deref(),
            Some("2023/anh một.jpg")
        );
        assert_eq!(output_of("/other/a.jpg", "/sub/"), None);
        assert_eq!(output_of("/sub/a%2", "/sub/").as_deref(), Some("a%2"));
    }

    fn sample() -> Responsive {
        Responsive {
            src: "/a/anh.960w.jpg".into(),
            width: 960,
            height: 640,
            srcset: "/a/anh.480w.jpg 480w, /a/anh.960w.jpg 960w".into(),
            webp_srcset: "/a/anh.480w.webp 480w, /a/anh.960w.webp 960w".into(),
            thumb: Thumb::default(),
        }
    }

    #[test]
    fn body_images_get_copies_and_lazy_loading() {
        let r = sample();
        let map: HashMap<String, Responsive> = [("/a/anh.jpg".to_string(), r)].into();
        let html = "<figure>\n<img src=\"/a/anh.jpg\" alt=\"Ảnh\" loading=\"lazy\">\n</figure>\n<p>x <img src=\"https://x.vn/b.jpg\" alt=\"b\" /></p>";
        let out = rewrite_html(html, &map, true);
        assert_eq!(
            out,
            "<figure>\n<picture><source type=\"image/webp\" srcset=\"/a/anh.480w.webp 480w, /a/anh.960w.webp 960w\" sizes=\"(min-width: 50em) 46rem, 100vw\"><img src=\"/a/anh.960w.jpg\" srcset=\"/a/anh.480w.jpg 480w, /a/anh.960w.jpg 960w\" sizes=\"(min-width: 50em) 46rem, 100vw\" width=\"960\" height=\"640\" alt=\"Ảnh\"></picture>\n</figure>\n<p>x <img src=\"https://x.vn/b.jpg\" alt=\"b\" loading=\"lazy\" /></p>"
        );
        let lazy = rewrite_html(html, &map, false);
        assert!(
            lazy.contains("height=\"640\" alt=\"Ảnh\" loading=\"lazy\">"),
            "{lazy}"
        );
    }

    #[test]
    fn responsive_facts_from_processed_copies() {
        let request = Request {
            rel: "content/a/anh mot.jpg".into(),
            abs: "/x/content/a/anh mot.jpg".into(),
            format: Format::Jpeg,
            output: "2023/06/a/anh mot.jpg".into(),
            url: "/sub/2023/06/a/anh mot.jpg".into(),
            uses: Vec::new(),
        };
        let files = variants(1200, 800, Format::Jpeg, &settings())
            .into_iter()
            .map(|v| (v, PathBuf::from("/cache/x")))
            .collect();
        let done = Processed {
            width: 1200,
            height: 800,
            files,
            made: 0,
        };
        let (r, files) = responsive(&request, &done);
        assert_eq!(r.src, "/sub/2023/06/a/anh mot.1200w.jpg");
        assert_eq!((r.width, r.height), (1200, 800));
        assert!(
            r.srcset
                .starts_with("/sub/2023/06/a/anh%20mot.480w.jpg 480w, "),
            "{}",
            r.srcset
        );
        assert!(
            r.webp_srcset.ends_with("anh%20mot.1200w.webp 1200w"),
            "{}",
            r.webp_srcset
        );
        assert_eq!(r.thumb.src, "/sub/2023/06/a/anh mot.thumb.jpg");
        assert_eq!(r.thumb.webp, "/sub/2023/06/a/anh mot.thumb.webp");
        assert_eq!((r.thumb.width, r.thumb.height), (360, 240));
        assert_eq!(files[0].0, "2023/06/a/anh mot.480w.jpg");
    }
}
