//! Reading published HTML without a parser: links, start tags, attributes, meta values,
//! visible text, and the link check over a whole output folder.

use std::path::Path;

/// Values of `href="…"` and `src="…"` attributes in an HTML text.
pub fn links_in(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            links.push(after[..end].replace("&amp;", "&"));
            rest = &after[end..];
        }
    }
    links
}

/// Every internal link (`href`/`src` starting with `base_path`, or with the absolute base
/// URL) in every published HTML page that does not resolve to a published file, as
/// "page -> link".
pub fn broken_links(public: &Path, base_url: &str) -> Vec<String> {
    let origin_end = base_url.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = base_url[origin_end..]
        .find('/')
        .map(|i| i + origin_end)
        .unwrap_or(base_url.len());
    let base_path = &base_url[path_start..];
    let mut broken = Vec::new();
    for (rel, bytes) in super::snapshot(public) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        for link in links_in(&html) {
            let path = if let Some(p) = link.strip_prefix(&base_url[..path_start]) {
                p.to_string()
            } else if link.starts_with('/') && !link.starts_with("//") {
                link.clone()
            } else {
                continue;
            };
            let path = path.split(['#', '?']).next().unwrap_or("").to_string();
            let Some(inside) = path.strip_prefix(base_path) else {
                broken.push(format!("{rel} -> {link} (outside the base path)"));
                continue;
            };
            let decoded = percent_decode(inside);
            let target = public.join(&decoded);
            let ok = if decoded.is_empty() || decoded.ends_with('/') {
                target.join("index.html").is_file()
            } else {
                target.is_file() || target.join("index.html").is_file()
            };
            if !ok {
                broken.push(format!("{rel} -> {link}"));
            }
        }
    }
    broken
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The start tag containing `needle` (`<meta property="og:image" …>`).
pub fn tag<'a>(html: &'a str, needle: &str) -> Option<&'a str> {
    let i = html.find(needle)?;
    let start = html[..=i].rfind('<')?;
    let end = i + html[i..].find('>')?;
    Some(&html[start..=end])
}

/// The value of attribute `name` in a start tag, entities decoded.
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let v = &tag[i..i + tag[i..].find('"')?];
    Some(unescape(v))
}

pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// `content` of `<meta property|name="key">`.
pub fn meta(html: &str, key: &str) -> Option<String> {
    tag(html, &format!("property=\"{key}\""))
        .or_else(|| tag(html, &format!("name=\"{key}\"")))
        .and_then(|t| attr(t, "content"))
}

/// The text between `<tag…>` (the first containing `needle`) and its `</tag>`: for
/// elements that do not nest in themselves here (title, script, section, aside…).
pub fn element<'a>(html: &'a str, needle: &str, name: &str) -> Option<&'a str> {
    let i = html.find(needle)?;
    let start = html[..(i + name.len() + 1).min(html.len())].rfind(&format!("<{name}"))?;
    let end = i + html[i..].find(&format!("</{name}>"))? + name.len() + 3;
    Some(&html[start..end])
}

/// Visible text: tags removed, entities decoded, spaces collapsed.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The page without its `<head>`, scripts and JSON-LD: what a reader sees.
pub fn body(html: &str) -> &str {
    let i = html.find("<body").expect("a <body>");
    &html[i..]
}
