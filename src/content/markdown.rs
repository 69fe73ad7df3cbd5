//! Markdown body -> HTML with the newsroom's rules: lone images become captioned figures,
//! indented text stays a paragraph, site-root links move under the base path and relative
//! links resolve against the article's folder. Also yields the plain text for summaries.

use crate::vietnamese::slugify;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::{escape_href, escape_html};
use std::collections::HashSet;
use std::ops::Range;

/// Where the article sits, so its links can be resolved.
#[derive(Debug, Clone)]
pub struct LinkContext<'a> {
    /// Path part of base_url, `/` or `/sub/`.
    pub base_path: &'a str,
    /// Site path (with base path) of the folder relative links start from, ending in `/`.
    pub folder: &'a str,
}

/// A rendered body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// Figures that come before the opening paragraph.
    pub before_lead_html: String,
    /// HTML of the opening paragraph (the lead, or sapo), when only figures precede it.
    pub lead_html: String,
    /// Plain text of the first paragraph, wherever it is: the default summary.
    pub lead_text: String,
    /// HTML of the rest of the body.
    pub rest_html: String,
    /// Every word of the body as plain text, for search and word counts.
    pub plain_text: String,
    /// The ranges of `plain_text` that are the Markdown's text as written (the rest is the
    /// breaks between blocks and lines), in order: the search index finds them in the HTML.
    pub plain_runs: Vec<Range<usize>>,
    /// Images found in the body, in order, with their line.
    pub images: Vec<BodyImage>,
    /// Links found in the body as resolved, for link checks.
    pub links: Vec<String>,
}

/// An image of the body: its address as written and as resolved, and its line.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyImage {
    pub written: String,
    pub resolved: String,
    /// 1-based line in the body text.
    pub line: usize,
}

/// The Markdown extensions every body is parsed with.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a Markdown body to HTML.
pub fn render(body: &str, links: &LinkContext<'_>) -> Rendered {
    let parsed = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let (mut events, image_lines) = expand_indented(parsed, body);
    let mut rendered = Rendered::default();
    resolve_links(&mut events, links, &image_lines, &mut rendered);
    assign_heading_ids(&mut events);
    let events = make_figures(events);
    rendered.plain_text = plain_text_with(&events, |run| rendered.plain_runs.push(run));
    let html = |range: &[Event<'_>]| {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, range.iter().cloned());
        out
    };
    match lead_paragraph(&events) {
        Some((start, end, true)) => {
            rendered.lead_text = plain_text(&events[start..end]).trim().to_string();
            rendered.lead_html = html(&events[start..end]);
            rendered.before_lead_html = html(&events[..start]);
            rendered.rest_html = html(&events[end..]);
        }
        Some((start, end, false)) => {
            rendered.lead_text = plain_text(&events[start..end]).trim().to_string();
            rendered.rest_html = html(&events);
        }
        None => rendered.rest_html = html(&events),
    }
    rendered
}

/// 1-based line of a byte offset of `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Replaces indented code blocks (pasted text indented by spaces or tabs) with the
/// Markdown they hold, parsed again without the indentation. Also gives the body line of
/// every image, in the order of the returned events.
fn expand_indented<'a>(
    events: Vec<(Event<'a>, std::ops::Range<usize>)>,
    body: &str,
) -> (Vec<Event<'a>>, Vec<usize>) {
    let mut out = Vec::with_capacity(events.len());
    let mut image_lines = Vec::new();
    let mut iter = events.into_iter();
    while let Some((event, range)) = iter.next() {
        if let Event::Start(Tag::Image { .. }) = event {
            image_lines.push(line_at(body, range.start));
        }
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) = event {
            let first_line = line_at(body, range.start);
            let mut text = String::new();
            for (inner, _) in iter.by_ref() {
                match inner {
                    Event::End(TagEnd::CodeBlock) => break,
                    Event::Text(t) => text.push_str(&t),
                    _ => {}
                }
            }
            let dedented: String = text
                .lines()
                .map(|l| format!("{}\n", l.trim_start()))
                .collect();
            for (e, r) in Parser::new_ext(&dedented, options()).into_offset_iter() {
                if let Event::Start(Tag::Image { .. }) = e {
                    image_lines.push(first_line + line_at(&dedented, r.start) - 1);
                }
                out.push(e.into_static());
            }
        } else {
            out.push(event);
        }
    }
    (out, image_lines)
}

/// Resolves a link or image address written in an article.
pub fn resolve_url(url: &str, links: &LinkContext<'_>) -> String {
    let has_scheme = url
        .split(['/', '?', '#'])
        .next()
        .is_some_and(|first| first.contains(':'));
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") || has_scheme {
        return url.to_string();
    }
    if let Some(rest) = url.strip_prefix('/') {
        return format!("{}{}", links.base_path, rest);
    }
    let split_at = url.find(['?', '#']).unwrap_or(url.len());
    let (path, suffix) = url.split_at(split_at);
    let mut segments: Vec<&str> = links.folder.trim_matches('/').split('/').collect();
    segments.retain(|s| !s.is_empty());
    let base_depth = links
        .base_path
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .count();
    let trailing_slash = path.ends_with('/') || path.is_empty();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                // Never climb above the base path: the site is all there is.
                if segments.len() > base_depth {
                    segments.pop();
                }
            }
            other => segments.push(other),
        }
    }
    let mut resolved = format!("/{}", segments.join("/"));
    if trailing_slash && !resolved.ends_with('/') {
        resolved.push('/');
    }
    resolved.push_str(suffix);
    resolved
}

fn resolve_links(
    events: &mut [Event<'_>],
    links: &LinkContext<'_>,
    image_lines: &[usize],
    rendered: &mut Rendered,
) {
    let mut lines = image_lines.iter();
    for event in events.iter_mut() {
        match event {
            // An email autolink (`<a@b.vn>`) is written `mailto:` by the HTML writer itself.
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                ..
            }) => {}
            Event::Start(Tag::Link { dest_url, .. }) => {
                let resolved = resolve_url(dest_url, links);
                rendered.links.push(resolved.clone());
                *dest_url = CowStr::from(resolved);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                let resolved = resolve_url(dest_url, links);
                rendered.images.push(BodyImage {
                    written: dest_url.to_string(),
                    resolved: resolved.clone(),
                    line: lines.next().copied().unwrap_or(1),
                });
                rendered.links.push(resolved.clone());
                *dest_url = CowStr::from(resolved);
            }
            _ => {}
        }
    }
}

/// Gives every heading without an explicit `{#id}` an id made from its text.
fn assign_heading_ids(events: &mut [Event<'_>]) {
    let mut used = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let end = (i..events.len())
                .find(|&j| matches!(events[j], Event::End(TagEnd::Heading(_))))
                .unwrap_or(events.len());
            let base = slugify(&plain_text(&events[i + 1..end]));
            let base = if base.is_empty() {
                "muc".to_string()
            } else {
                base
            };
            let mut candidate = base.clone();
            let mut n = 1;
            while !used.insert(candidate.clone()) {
                candidate = format!("{base}-{n}");
                n += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(candidate));
            }
            i = end;
        } else if let Event::Start(Tag::Heading {
            id: Some(given), ..
        }) = &events[i]
        {
            used.insert(given.to_string());
        }
        i += 1;
    }
}

fn is_blank(event: &Event<'_>) -> bool {
    match event {
        Event::Text(t) => t.trim().is_empty(),
        Event::SoftBreak | Event::HardBreak => true,
        _ => false,
    }
}

/// Turns paragraphs holding a single image into `<figure>` with the image title as caption.
fn make_figures(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Some((figure, next)) = figure_at(&events, i) {
            out.push(Event::Html(CowStr::from(figure)));
            i = next;
        } else {
            out.push(events[i].clone());
            i += 1;
        }
    }
    out
}

/// If a paragraph holding only one image starts at `start`, its figure HTML and the index
/// after the paragraph.
fn figure_at(events: &[Event<'_>], start: usize) -> Option<(String, usize)> {
    if !matches!(events.get(start), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let mut i = start + 1;
    while events.get(i).is_some_and(is_blank) {
        i += 1;
    }
    let Some(Event::Start(Tag::Image {
        dest_url, title, ..
    })) = events.get(i)
    else {
        return None;
    };
    let image_end = (i..events.len()).find(|&j| matches!(events[j], Event::End(TagEnd::Image)))?;
    let alt = plain_text(&events[i + 1..image_end]);
    let mut j = image_end + 1;
    while events.get(j).is_some_and(is_blank) {
        j += 1;
    }
    if !matches!(events.get(j), Some(Event::End(TagEnd::Paragraph))) {
        return None;
    }
    let mut html = String::from("<figure>\n<img src=\"");
    let _ = escape_href(&mut html, dest_url);
    html.push_str("\" alt=\"");
    let _ = escape_html(&mut html, &alt);
    html.push('"');
    if !title.is_empty() {
        html.push_str(" title=\"");
        let _ = escape_html(&mut html, title);
        html.push('"');
    }
    html.push_str(" loading=\"lazy\">\n");
    if !title.is_empty() {
        html.push_str("<figcaption>");
        let _ = escape_html(&mut html, title);
        html.push_str("</figcaption>\n");
    }
    html.push_str("</figure>\n");
    Some((html, j + 1))
}

/// The first top-level paragraph: its event range, and whether only figures come before it
/// (then it is the article's opening paragraph, the sapo).
fn lead_paragraph(events: &[Event<'_>]) -> Option<(usize, usize, bool)> {
    let mut depth = 0usize;
    let mut start = None;
    let mut only_figures_before = true;
    for (i, event) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => {
                start = Some(i);
                depth += 1;
            }
            Event::Start(_) => {
                if depth == 0 {
                    only_figures_before = false;
                }
                depth += 1;
            }
            Event::End(TagEnd::Paragraph) if depth == 1 && start.is_some() => {
                return start.map(|s| (s, i + 1, only_figures_before));
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Html(_) if depth == 0 => {}
            _ if depth == 0 => only_figures_before = false,
            _ => {}
        }
    }
    None
}

/// The words of a run of events, blocks separated by blank lines.
fn plain_text(events: &[Event<'_>]) -> String {
    plain_text_with(events, |_| {})
}

/// `plain_text`, giving `on_run` the range of each text or code event in it.
fn plain_text_with(events: &[Event<'_>], mut on_run: impl FnMut(Range<usize>)) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => {
                let start = text.len();
                text.push_str(t);
                on_run(start..text.len());
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) if !text.ends_with('\n') => text.push('\n'),
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: LinkContext<'static> = LinkContext {
        base_path: "/",
        folder: "/2023/06/bai-viet/",
    };
    const SUB: LinkContext<'static> = LinkContext {
        base_path: "/thong-tin-tuyen-van/",
        folder: "/thong-tin-tuyen-van/2023/",
    };

    fn html(md: &str) -> String {
        let r = render(md, &ROOT);
        format!("{}{}{}", r.before_lead_html, r.lead_html, r.rest_html)
    }

    #[test]
    fn lone_titled_image_becomes_figure() {
        let out = html("Mở đầu.\n\n![Đồng chí phát biểu](anh.jpg \"Quang cảnh hội nghị\")\n");
        assert!(out.contains("<figure>\n<img src=\"/2023/06/bai-viet/anh.jpg\" alt=\"Đồng chí phát biểu\" title=\"Quang cảnh hội nghị\" loading=\"lazy\">\n<figcaption>Quang cảnh hội nghị</figcaption>\n</figure>"), "{out}");
        assert!(!out.contains("<p><img"), "{out}");
    }

    #[test]
    fn lone_untitled_image_is_figure_without_caption() {
        let out = html("![Ảnh](a.jpg)\n");
        assert!(
            out.contains("<figure>") && !out.contains("figcaption"),
            "{out}"
        );
    }

    #[test]
    fn inline_image_stays_inline() {
        let out = html("Chữ ![ảnh](a.jpg \"t\") chữ\n");
        assert!(
            out.contains("<p>Chữ <img") && !out.contains("<figure>"),
            "{out}"
        );
    }

    #[test]
    fn indented_text_is_a_paragraph_but_fences_are_code() {
        let out = html("    Đoạn văn thụt lề **đậm**.\n\tDòng hai.\n\n```\ncode\n```\n");
        assert!(
            out.contains("<p>Đoạn văn thụt lề <strong>đậm</strong>.\nDòng hai.</p>"),
            "{out}"
        );
        assert!(out.contains("<pre><code>code\n</code></pre>"), "{out}");
    }

    #[test]
    fn links_are_rebased_and_resolved() {
        let r = render(
            "[a](/chuyen-muc/dan-van/) [b](../anh/x.jpg) [c](https://x.vn/) [d](#muc) [e](mailto:a@b.vn) [f](./tep.pdf?x=1#p)",
            &SUB,
        );
        let out = r.lead_html;
        assert!(
            out.contains("href=\"/thong-tin-tuyen-van/chuyen-muc/dan-van/\""),
            "{out}"
        );
        assert!(
            out.contains("href=\"/thong-tin-tuyen-van/anh/x.jpg\""),
            "{out}"
        );
        assert!(out.contains("href=\"https://x.vn/\""));
        assert!(out.contains("href=\"#muc\""));
        assert!(out.contains("href=\"mailto:a@b.vn\""));
        assert!(
            out.contains("href=\"/thong-tin-tuyen-van/2023/tep.pdf?x=1#p\""),
            "{out}"
        );
    }

    #[test]
    fn email_autolinks_stay_mailto() {
        let r = render("Thư: <tuyenvan@phuvan.gov.vn>\n", &SUB);
        assert!(
            r.lead_html
                .contains("href=\"mailto:tuyenvan@phuvan.gov.vn\""),
            "{}",
            r.lead_html
        );
        assert!(r.links.is_empty(), "{:?}", r.links);
    }

    #[test]
    fn relative_links_never_climb_above_base() {
        assert_eq!(
            resolve_url("../../../../a.jpg", &SUB),
            "/thong-tin-tuyen-van/a.jpg"
        );
    }

    #[test]
    fn extensions_are_on() {
        let out = html("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~xoá~~ \"ngoặc\" [^1]\n\n[^1]: Chú thích.\n\n- [x] xong\n\n## Tiêu đề mục\n\n## Tiêu đề mục\n\n## Riêng {#rieng}\n");
        assert!(out.contains("<table>"));
        assert!(out.contains("<del>xoá</del>"));
        assert!(out.contains("“ngoặc”"));
        assert!(out.contains("footnote-definition"));
        assert!(out.contains("checkbox"));
        assert!(out.contains("<h2 id=\"tieu-de-muc\">"), "{out}");
        assert!(out.contains("<h2 id=\"tieu-de-muc-1\">"), "{out}");
        assert!(out.contains("<h2 id=\"rieng\">"), "{out}");
    }

    #[test]
    fn lead_paragraph_is_separated() {
        let r = render("Sapo **đậm** của bài.\n\nĐoạn hai.\n", &ROOT);
        assert_eq!(r.lead_text, "Sapo đậm của bài.");
        assert_eq!(r.lead_html, "<p>Sapo <strong>đậm</strong> của bài.</p>\n");
        assert_eq!(r.rest_html, "<p>Đoạn hai.</p>\n");
        let r = render("## Mục\n\nĐoạn.\n", &ROOT);
        assert_eq!(r.lead_text, "Đoạn.");
        assert_eq!(r.lead_html, "");
        assert!(r.rest_html.starts_with("<h2") && r.rest_html.contains("Đoạn."));
        let r = render("![a](x.jpg \"t\")\n\nSapo.\n\nThân.\n", &ROOT);
        assert_eq!(r.lead_text, "Sapo.");
        assert!(r.before_lead_html.starts_with("<figure>"));
        assert_eq!(r.rest_html, "<p>Thân.</p>\n");
    }

    #[test]
    fn images_carry_their_body_line() {
        let r = render(
            "Mở đầu.\n\n![a](a.jpg)\n\n    Thụt lề\n    ![b](/anh/b.png \"t\")\n\nChữ ![c](https://x.vn/c.jpg)\n",
            &ROOT,
        );
        let got: Vec<(&str, &str, usize)> = r
            .images
            .iter()
            .map(|i| (i.written.as_str(), i.resolved.as_str(), i.line))
            .collect();
        assert_eq!(
            got,
            [
                ("a.jpg", "/2023/06/bai-viet/a.jpg", 3),
                ("/anh/b.png", "/anh/b.png", 6),
                ("https://x.vn/c.jpg", "https://x.vn/c.jpg", 8),
            ]
        );
    }

    #[test]
    fn raw_html_passes_through() {
        assert!(html("<div class=\"x\">a</div>\n").contains("<div class=\"x\">a</div>"));
    }
}
