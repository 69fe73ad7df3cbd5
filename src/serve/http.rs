//! Requests to files: decodes and checks a request path, finds the file in the in-memory
//! site (never on disk), and answers with the right content type, the site's 404 page, or 400.

use super::pass::Files;

/// What a request path asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// The live-reload event stream.
    Events,
    /// A file of the built site, by output path.
    File(String),
    /// A folder asked for without its final `/`, or the domain root of a site under a base
    /// path: redirect to this location (relative, or the base path).
    Redirect(String),
    NotFound,
    /// Malformed or hostile: bad escapes, NUL, backslashes, invalid UTF-8, `.` or `..`.
    BadRequest,
}

/// The decoded path, if it is safe: valid UTF-8, starting with `/`, with no NUL,
/// backslash, control character, or `.` / `..` segment.
fn clean_path(raw: &str) -> Option<String> {
    let decoded = crate::urls::percent_decode(raw)?;
    let unsafe_char = |c: char| c == '\\' || c.is_control();
    if !decoded.starts_with('/') || decoded.chars().any(unsafe_char) {
        return None;
    }
    if decoded.split('/').any(|s| s == "." || s == "..") {
        return None;
    }
    Some(decoded)
}

/// Resolves a request path (as sent, percent-encoded, without the query) against the site.
pub fn resolve(raw: &str, base_path: &str, files: &Files) -> Target {
    if raw.ends_with(&format!("/{}", super::reload::EVENTS)) {
        return Target::Events;
    }
    let Some(path) = clean_path(raw) else {
        return Target::BadRequest;
    };
    let Some(rel) = path.strip_prefix(base_path) else {
        // The domain root of a site under a base path: where an editor types the address.
        if path == "/" {
            return Target::Redirect(base_path.to_string());
        }
        if format!("{path}/") == base_path {
            let last = path.rsplit('/').next().unwrap_or_default();
            return Target::Redirect(format!("{last}/"));
        }
        return Target::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return found(index, files);
    }
    if files.contains_key(rel) {
        return Target::File(rel.to_string());
    }
    if files.contains_key(format!("{rel}/index.html").as_str()) {
        let last = rel.rsplit('/').next().unwrap_or(rel);
        return Target::Redirect(format!("{last}/"));
    }
    Target::NotFound
}

fn found(rel: String, files: &Files) -> Target {
    if files.contains_key(rel.as_str()) {
        Target::File(rel)
    } else {
        Target::NotFound
    }
}

/// Content type by extension; text types are UTF-8.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "zip" => "application/zip",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn files() -> Files {
        [
            "index.html",
            "404.html",
            "2023/06/bai/index.html",
            "2023/06/bai/anh.jpg",
            "css/style.css",
            "feed.xml",
        ]
        .iter()
        .map(|p| (Arc::from(*p), Arc::from(&b"x"[..])))
        .collect()
    }

    #[test]
    fn resolves_site_paths() {
        let f = files();
        let file = |p: &str| Target::File(p.to_string());
        assert_eq!(resolve("/", "/", &f), file("index.html"));
        assert_eq!(
            resolve("/2023/06/bai/", "/", &f),
            file("2023/06/bai/index.html")
        );
        assert_eq!(
            resolve("/2023/06/bai", "/", &f),
            Target::Redirect("bai/".into())
        );
        assert_eq!(resolve("/css/style.css", "/", &f), file("css/style.css"));
        assert_eq!(resolve("/sub/feed.xml", "/sub/", &f), file("feed.xml"));
        assert_eq!(
            resolve("/sub", "/sub/", &f),
            Target::Redirect("sub/".into())
        );
        assert_eq!(resolve("/feed.xml", "/sub/", &f), Target::NotFound);
        assert_eq!(resolve("/nope/", "/", &f), Target::NotFound);
        assert_eq!(resolve("/2023/06/b%C3%A0i/", "/", &f), Target::NotFound);
        assert_eq!(resolve("/x/__tuyenvan/events", "/", &f), Target::Events);
        let base = "/thong-tin-tuyen-van/";
        assert_eq!(resolve("/", base, &f), Target::Redirect(base.into()));
        assert_eq!(resolve("/khac/", base, &f), Target::NotFound);
    }

    #[test]
    fn refuses_traversal_and_malformed_paths() {
        let f = files();
        for raw in [
            "/../etc/passwd",
            "/css/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/%2e%2e/site.yaml",
            "/css/%2e%2e%2f%2e%2e%2fsite.yaml",
            "/..%5c..%5csite.yaml",
            "/css\\..\\site.yaml",
            "/index.html%00.css",
            "/%ff%fe",
            "/%zz",
            "/%2",
            "/./index.html",
            "relative",
        ] {
            assert_eq!(resolve(raw, "/", &f), Target::BadRequest, "{raw}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("css/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("js/reader.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("anh.JPG"), "image/jpeg");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
