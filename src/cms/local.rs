//! Decap CMS's local backend protocol (what `decap-server` answers on `/api/v1`), against
//! the site's folder: every path is kept inside `content/`, relative, without `..`.

use serde_json::{json, Value};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// The folder the editor may read and write, relative to the site root.
const CONTENT: &str = "content";

/// A refused or failed request: a status code and a message for the editor's console.
#[derive(Debug)]
pub(crate) struct Refusal {
    pub status: u16,
    pub message: String,
}

fn refuse(status: u16, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        message: message.into(),
    }
}

/// The site file a request's path names, if it lies inside `content/`.
pub(crate) fn resolve(root: &Path, rel: &str) -> Result<PathBuf, Refusal> {
    let outside = || refuse(422, crate::tr!("cms-outside-content", path = rel));
    let segments: Vec<&str> = rel.split('/').filter(|s| !s.is_empty()).collect();
    let bad = |s: &&str| *s == "." || *s == ".." || s.contains(['\\', ':', '\0']);
    if rel.starts_with('/') || segments.first() != Some(&CONTENT) || segments.iter().any(bad) {
        return Err(outside());
    }
    let path = segments.iter().fold(root.to_path_buf(), |p, s| p.join(s));
    // A link inside content/ must not lead out of it either.
    let content = std::fs::canonicalize(root.join(CONTENT)).map_err(|_| outside())?;
    let existing = path.ancestors().find(|a| a.exists()).unwrap_or(root);
    match std::fs::canonicalize(existing) {
        Ok(real) if real.starts_with(&content) || real == content => Ok(path),
        _ => Err(outside()),
    }
}

fn text_param<'a>(params: &'a Value, key: &str) -> Result<&'a str, Refusal> {
    params[key]
        .as_str()
        .ok_or_else(|| refuse(422, crate::tr!("cms-missing-param", key = key)))
}

fn id_of(bytes: &[u8]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.write(bytes);
    format!("{:016x}", h.finish())
}

/// Files under `dir` ending in `extension`, at most `depth` folders down, as site paths.
fn list(root: &Path, dir: &Path, extension: &str, depth: usize) -> Vec<String> {
    let walk = walkdir::WalkDir::new(dir).min_depth(1).max_depth(depth);
    let mut files: Vec<String> = walk
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| e.path().to_string_lossy().ends_with(extension))
        .filter_map(|e| site_path(root, e.path()))
        .collect();
    files.sort();
    files
}

/// `content/2024/bai/index.md`, with `/` on every system.
fn site_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

fn entry(root: &Path, rel: &str) -> Value {
    match resolve(root, rel).and_then(|p| std::fs::read(p).map_err(|e| refuse(404, e.to_string())))
    {
        Ok(bytes) => json!({"data": String::from_utf8_lossy(&bytes),
            "file": {"path": rel, "id": id_of(&bytes)}}),
        Err(_) => json!({"data": null, "file": {"path": rel, "id": null}}),
    }
}

fn media(root: &Path, rel: &str) -> Result<Value, Refusal> {
    let path = resolve(root, rel)?;
    let bytes = std::fs::read(&path).map_err(|e| refuse(404, e.to_string()))?;
    let name = rel.rsplit('/').next().unwrap_or(rel);
    Ok(
        json!({"id": id_of(&bytes), "content": super::base64::encode(&bytes),
        "encoding": "base64", "path": rel, "name": name}),
    )
}

fn write(root: &Path, rel: &str, bytes: &[u8]) -> Result<(), Refusal> {
    let path = resolve(root, rel)?;
    let failed = |e: std::io::Error| {
        refuse(
            500,
            crate::tr!("cms-cannot-write", path = rel, detail = e.to_string()),
        )
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    std::fs::write(&path, bytes).map_err(failed)
}

fn write_asset(root: &Path, asset: &Value) -> Result<String, Refusal> {
    let rel = text_param(asset, "path")?;
    let bytes = super::base64::decode(text_param(asset, "content")?)
        .ok_or_else(|| refuse(422, crate::tr!("cms-not-base64")))?;
    write(root, rel, &bytes)?;
    Ok(rel.to_string())
}

fn persist_entry(root: &Path, params: &Value) -> Result<Value, Refusal> {
    let files: Vec<&Value> = match params["dataFiles"].as_array() {
        Some(files) => files.iter().collect(),
        None => vec![&params["entry"]],
    };
    for file in &files {
        write(
            root,
            text_param(file, "path")?,
            text_param(file, "raw")?.as_bytes(),
        )?;
    }
    for asset in params["assets"].as_array().into_iter().flatten() {
        write_asset(root, asset)?;
    }
    for file in &files {
        if let Some(new_path) = file["newPath"].as_str() {
            let from = resolve(root, text_param(file, "path")?)?;
            let to = resolve(root, new_path)?;
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| refuse(500, e.to_string()))?;
            }
            std::fs::rename(from, to).map_err(|e| refuse(500, e.to_string()))?;
        }
    }
    Ok(json!({"message": "entry persisted"}))
}

fn delete(root: &Path, rel: &str) -> Result<(), Refusal> {
    let path = resolve(root, rel)?;
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(refuse(500, e.to_string())),
        _ => Ok(()),
    }
}

/// Answers one request (`{action, params}`) of the local backend.
pub(crate) fn answer(root: &Path, request: &Value) -> Result<Value, Refusal> {
    let params = &request["params"];
    let action = request["action"].as_str().unwrap_or_default();
    match action {
        "info" => Ok(
            json!({"repo": root.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
            "publish_modes": ["simple"], "type": "local_fs"}),
        ),
        "entriesByFolder" => {
            let dir = resolve(root, text_param(params, "folder")?)?;
            let depth = params["depth"].as_u64().unwrap_or(1) as usize;
            let extension = text_param(params, "extension")?;
            let files = list(root, &dir, extension, depth);
            Ok(files.iter().map(|f| entry(root, f)).collect())
        }
        "entriesByFiles" => Ok(params["files"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["path"].as_str())
            .map(|f| entry(root, f))
            .collect()),
        "getEntry" => Ok(entry(root, text_param(params, "path")?)),
        "persistEntry" => persist_entry(root, params),
        "getMedia" => {
            let dir = resolve(root, text_param(params, "mediaFolder")?)?;
            list(root, &dir, "", 1)
                .iter()
                .map(|f| media(root, f))
                .collect()
        }
        "getMediaFile" => media(root, text_param(params, "path")?),
        "persistMedia" => media(root, &write_asset(root, &params["asset"])?),
        "deleteFile" => {
            delete(root, text_param(params, "path")?).map(|()| json!({"message": "deleted"}))
        }
        "deleteFiles" => {
            for rel in params["paths"].as_array().into_iter().flatten() {
                delete(root, rel.as_str().unwrap_or_default())?;
            }
            Ok(json!({"message": "deleted"}))
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err(refuse(
            422,
            crate::tr!("cms-unknown-action", action = other),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/2024/bai")).unwrap();
        std::fs::write(
            dir.path().join("content/2024/bai/index.md"),
            "---\ntitle: A\n---\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("site.yaml"), "title: T\n").unwrap();
        dir
    }

    #[test]
    fn paths_stay_inside_content() {
        let dir = site();
        let root = dir.path();
        for rel in [
            "site.yaml",
            "/etc/passwd",
            "content/../site.yaml",
            "content/./a.md",
            "content\\..\\site.yaml",
            "C:/x",
            "content/a:b.md",
            "contents/a.md",
            "../content/a.md",
        ] {
            assert!(resolve(root, rel).is_err(), "{rel}");
        }
        assert!(resolve(root, "content/2025/moi/index.md").is_ok());
        let request = json!({"action": "persistEntry", "params": {"branch": "main",
            "dataFiles": [{"slug": "x", "path": "site.yaml", "raw": "bad"}], "assets": []}});
        assert_eq!(answer(root, &request).unwrap_err().status, 422);
        assert_eq!(
            std::fs::read_to_string(root.join("site.yaml")).unwrap(),
            "title: T\n"
        );
    }

    #[test]
    fn lists_reads_and_writes() {
        let dir = site();
        let root = dir.path();
        let listed = answer(
            root,
            &json!({"action": "entriesByFolder",
            "params": {"folder": "content", "extension": "md", "depth": 3}}),
        )
        .unwrap();
        assert_eq!(listed[0]["file"]["path"], "content/2024/bai/index.md");
        assert_eq!(listed[0]["data"], "---\ntitle: A\n---\n");
        let request = json!({"action": "persistEntry", "params": {"branch": "main",
            "dataFiles": [{"slug": "moi", "path": "content/2025/moi/index.md", "raw": "x"}],
            "assets": [{"path": "content/2025/moi/anh.jpg", "content": "TWFu", "encoding": "base64"}]}});
        answer(root, &request).unwrap();
        assert_eq!(
            std::fs::read(root.join("content/2025/moi/anh.jpg")).unwrap(),
            b"Man"
        );
        let media = answer(
            root,
            &json!({"action": "getMedia",
            "params": {"mediaFolder": "content/2025/moi"}}),
        )
        .unwrap();
        assert_eq!(media.as_array().unwrap().len(), 2);
    }
}
