//! Live reload: the Server-Sent Events stream that tells open tabs to reload, swap a
//! stylesheet or show the build's errors, and the small script the server (never `build`)
//! injects into every HTML page it sends.

use crate::error::Diagnostic;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream, StreamExt};
use serde_json::json;
use std::convert::Infallible;
use tokio::sync::broadcast;

/// Last path segments of the events endpoint; any prefix is accepted, so the relative URL
/// the script uses works under a base path and behind a proxy that adds or strips one.
pub const EVENTS: &str = "__tuyenvan/events";

/// What a rebuild tells the open tabs.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Reload the page.
    Reload { generation: u64 },
    /// Only these stylesheets (output paths) changed: swap them in place.
    Css { generation: u64, paths: Vec<String> },
    /// The last change broke the build: show these errors over the page.
    Errors { json: String },
}

impl Notice {
    fn event(&self) -> Event {
        match self {
            Notice::Reload { generation } => Event::default()
                .event("reload")
                .data(generation.to_string()),
            Notice::Css { generation, paths } => Event::default()
                .event("css")
                .data(json!({"generation": generation, "paths": paths}).to_string()),
            Notice::Errors { json } => Event::default().event("build-error").data(json),
        }
    }
}

/// Errors as the overlay shows them.
pub fn errors_json(errors: &[Diagnostic]) -> String {
    let list: Vec<_> = errors
        .iter()
        .map(|d| {
            let mut location = d.path.display().to_string();
            if let Some(line) = d.line {
                location.push_str(&format!(":{line}"));
                if let Some(column) = d.column {
                    location.push_str(&format!(":{column}"));
                }
            }
            json!({"location": location, "message": d.message, "help": d.help})
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// The page a tab shows, as its script reports it in the events URL's query
/// (`?page=/2023/06/bai/`, the path as the browser sent it).
pub fn page_of(query: &str) -> Option<String> {
    let value = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("page="))?;
    crate::urls::percent_decode(value).filter(|p| p.starts_with('/'))
}

/// The stream one tab listens to: the current generation first (a tab that missed a
/// rebuild reloads at once), the current errors if any, then every notice. `open` lives
/// as long as the stream (the tab's page, counted as open).
pub fn stream<T: Send + 'static>(
    generation: u64,
    errors: Option<String>,
    rx: broadcast::Receiver<Notice>,
    open: Option<T>,
) -> Response {
    let hello = Event::default().event("hello").data(generation.to_string());
    let first: Vec<Event> = std::iter::once(hello)
        .chain(errors.map(|json| Notice::Errors { json }.event()))
        .collect();
    let notices = stream::unfold((rx, open), |(mut rx, open)| async move {
        match rx.recv().await {
            Ok(notice) => Some((notice.event(), (rx, open))),
            // Missed notices: a reload shows the current state whatever they were.
            Err(broadcast::error::RecvError::Lagged(_)) => {
                Some((Notice::Reload { generation: 0 }.event(), (rx, open)))
            }
            Err(broadcast::error::RecvError::Closed) => None,
        }
    });
    let events: std::pin::Pin<Box<dyn Stream<Item = Result<Event, Infallible>> + Send>> =
        Box::pin(stream::iter(first).chain(notices).map(Ok));
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}

/// The events URL relative to a page at `request_path` (as the browser sent it), pointing at
/// `base_path` + EVENTS.
pub fn relative_events_url(request_path: &str, base_path: &str) -> String {
    let depth = |p: &str| p.matches('/').count().saturating_sub(1);
    let up = depth(request_path).saturating_sub(depth(base_path));
    format!("{}{EVENTS}", "../".repeat(up))
}

const SCRIPT: &str = include_str!("reload.js");

/// Inserts the live-reload script before the last `</body>` (or at the end).
pub fn inject(html: &[u8], events_url: &str, generation: u64) -> Vec<u8> {
    // The overlay's words, in the run's language, for the script to show.
    let words = format!(
        "data-title=\"{}\" data-help=\"{}\"",
        attribute(&crate::tr!("overlay-title")),
        attribute(&crate::tr!("label-help"))
    );
    let tag = format!(
        "<script data-tuyenvan-reload data-events=\"{events_url}\" data-generation=\"{generation}\" {words}>{SCRIPT}</script>\n"
    );
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_url_is_relative_to_the_page() {
        assert_eq!(relative_events_url("/", "/"), EVENTS);
        assert_eq!(
            relative_events_url("/2023/06/bai/", "/"),
            format!("../../../{EVENTS}")
        );
        assert_eq!(
            relative_events_url("/sub/2023/06/bai/", "/sub/"),
            format!("../../../{EVENTS}")
        );
        assert_eq!(relative_events_url("/sub/404.html", "/sub/"), EVENTS);
        assert_eq!(relative_events_url("/other", "/sub/"), EVENTS);
    }

    #[test]
    fn the_page_a_tab_shows_is_read_from_the_query() {
        assert_eq!(
            page_of("page=%2F2023%2F06%2Fb%25C3%25A0i%2F").as_deref(),
            Some("/2023/06/b%C3%A0i/")
        );
        assert_eq!(page_of("x=1&page=/").as_deref(), Some("/"));
        assert_eq!(page_of("page=relative"), None);
        assert_eq!(page_of("other=1"), None);
    }

    #[test]
    fn script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(html, "e", 3)).unwrap();
        assert!(out.contains(
            "<p>x</p><script data-tuyenvan-reload data-events=\"e\" data-generation=\"3\" data-title=\"tuyenvan: the site could not be built"
        ));
        assert!(out.contains("data-help=\"help\">"), "{out}");
        assert!(out.ends_with("</script>\n</BODY></html>"));
        let bare = String::from_utf8(inject(b"plain", "e", 1)).unwrap();
        assert!(bare.starts_with("plain<script"));
    }
}
