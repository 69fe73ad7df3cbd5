//! Shared harness of the end-to-end tests: fixture sites in temporary folders, the real
//! binary, a link checker over published files, a tiny static HTTP server and headless
//! Chromium. Each test file uses what it needs.
#![allow(dead_code)]

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_tuyenvan");

/// A small real JPEG (photos must decode: a damaged one fails the build).
pub fn photo_bytes() -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/basic/content/2023/hoi-nghi-tong-ket/anh.jpg"),
    )
    .expect("fixture photo")
}

/// A site in a temporary folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// An empty site with this `site.yaml`.
    pub fn with_config(config: &str) -> Self {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        site.write("site.yaml", config);
        site
    }

    /// An empty site at the domain root.
    pub fn new() -> Self {
        Self::with_config("title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\n")
    }

    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> Self {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, site.root());
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn public(&self) -> PathBuf {
        self.path("public")
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// An article with front matter lines `front` and body `body`.
    pub fn article(&self, rel: &str, front: &str, body: &str) {
        self.write(rel, &format!("---\n{front}\n---\n{body}"));
    }

    /// Runs `tuyenvan <args> --root <site>`.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(BIN);
        cmd.args(args).arg("--root").arg(self.root());
        cmd.env("NO_COLOR", "1");
        // The tests that read messages read the English ones; tests/languages.rs reads both.
        cmd.env("TUYENVAN_LANG", "en");
        cmd.output().expect("run tuyenvan")
    }

    /// Builds and asserts success.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert!(
            out.status.success(),
            "build failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Builds and asserts failure with exit 1; returns stderr.
    pub fn build_fails(&self, args: &[&str]) -> String {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert_eq!(
            out.status.code(),
            Some(1),
            "expected exit 1, stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// Text of a published file.
    pub fn read(&self, rel: &str) -> String {
        let path = self.public().join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public().join(rel).exists()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every published file, relative path -> bytes.
pub fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

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
    for (rel, bytes) in snapshot(public) {
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

fn percent_decode(s: &str) -> String {
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

/// Serves `dir` over HTTP on a free loopback port, in a background thread, for browser
/// tests; `/` paths map to files, folders to their index.html. Returns the port.
pub fn serve_static(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    return;
                }
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                        break;
                    }
                }
                let target = request_line.split_whitespace().nth(1).unwrap_or("/");
                let path = percent_decode(target.split(['?', '#']).next().unwrap_or("/"));
                let mut file = dir.join(path.trim_start_matches('/'));
                if path.contains("..") {
                    file = dir.join("404.html");
                }
                if file.is_dir() {
                    file = file.join("index.html");
                }
                let (status, body) = match fs::read(&file) {
                    Ok(b) => ("200 OK", b),
                    Err(_) => (
                        "404 Not Found",
                        fs::read(dir.join("404.html")).unwrap_or_default(),
                    ),
                };
                let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
                let mime = match ext {
                    "html" => "text/html; charset=utf-8",
                    "css" => "text/css; charset=utf-8",
                    "js" => "text/javascript; charset=utf-8",
                    "json" => "application/json",
                    "xml" => "application/xml",
                    "jpg" | "jpeg" => "image/jpeg",
                    "png" => "image/png",
                    "svg" => "image/svg+xml",
                    _ => "application/octet-stream",
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            });
        }
    });
    port
}

/// Path of the Chromium binary (Debian's `chromium` package).
pub fn chromium() -> PathBuf {
    let path =
        PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    assert!(
        path.exists(),
        "headless Chromium is needed: apt-get install chromium (scripts/test.sh does it)"
    );
    path
}

/// The flags headless Chromium needs here (as root, with no network beyond loopback).
pub fn chromium_flags(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

/// The DOM of `url` after its scripts have run for up to `budget_ms` of virtual time.
pub fn dump_dom(url: &str, budget_ms: u32) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args(chromium_flags(profile.path()))
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `tests/browser/<script>` under node with `config` as its JSON argument (the
/// scripts drive Debian's Chromium through playwright-core); returns the JSON it printed.
pub fn browser_script(script: &str, config: &serde_json::Value) -> serde_json::Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").exists(),
        "(cd tests/browser && npm ci) installs playwright-core and axe-core (scripts/test.sh does it)"
    );
    let _ = chromium();
    let out = Command::new("node")
        .arg(script)
        .arg(config.to_string())
        .current_dir(&dir)
        .output()
        .expect("node is needed for the browser tests");
    assert!(
        out.status.success(),
        "{script} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{script} printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}
