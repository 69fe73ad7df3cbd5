//! `/admin/` in `serve`: the editor saves into the local folder through our answer to
//! Decap's local backend protocol, for loopback clients only; the watcher does the rest.

use super::pass::Files;
use crate::cms::local;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the editor's requests go, whatever the base path.
pub(super) const API: &str = "/__tuyenvan/cms";

/// The built config, whose local backend is served at `API`.
pub(super) const CONFIG: &str = "admin/config.yml";

/// The proxy's route, to merge into the server's router.
pub(super) fn router(root: &Path) -> axum::Router {
    axum::Router::new()
        .route(API, axum::routing::post(api))
        .with_state(Arc::new(root.to_path_buf()))
}

fn json_response(status: StatusCode, value: &serde_json::Value) -> Response {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(value.to_string()))
        .unwrap_or_default()
}

async fn api(
    State(root): State<Arc<PathBuf>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !peer.ip().is_loopback() {
        let refusal = format!("{}\n", crate::tr!("cms-local-only"));
        return (StatusCode::FORBIDDEN, refusal).into_response();
    }
    // A JSON body needs a CORS preflight, which we never grant: no other site's page can
    // make the editor's browser write here.
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "application/json only\n",
        )
            .into_response();
    }
    let request: serde_json::Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return json_response(
                StatusCode::BAD_REQUEST,
                &serde_json::json!({"error": e.to_string()}),
            )
        }
    };
    match tokio::task::spawn_blocking(move || answer(&root, &request)).await {
        Ok(Ok(value)) => json_response(StatusCode::OK, &value),
        Ok(Err(refusal)) => {
            let status = StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::BAD_REQUEST);
            json_response(status, &serde_json::json!({"error": refusal.message}))
        }
        Err(e) => json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &serde_json::json!({"error": e.to_string()}),
        ),
    }
}

/// The editor writes only into a site that asks for it, as `site.yaml` says now.
fn answer(root: &Path, request: &serde_json::Value) -> Result<serde_json::Value, local::Refusal> {
    match crate::pipeline::load_config(root, None) {
        Ok(config) if config.cms.is_some() => local::answer(root, request),
        _ => Err(local::Refusal {
            status: 404,
            message: crate::tr!("cms-no-settings"),
        }),
    }
}

/// The built `config.yml`, pointed at this server's local backend (Decap only uses it
/// when the editor is opened on localhost or 127.0.0.1).
pub(super) fn served_config(files: &Files, headers: &HeaderMap) -> Response {
    let built = files.get(CONFIG).map_or(&b""[..], |b| &b[..]);
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("127.0.0.1");
    let mut text = String::from_utf8_lossy(built).into_owned();
    text.push_str(&format!("local_backend:\n  url: http://{host}{API}\n"));
    Response::builder()
        .header(header::CONTENT_TYPE, "text/yaml; charset=utf-8")
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(text))
        .unwrap_or_default()
}
