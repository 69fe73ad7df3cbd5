//! HTTP for the tests: `tuyenvan serve` run as a child process, raw GETs that send a request
//! target byte for byte, and a tiny static server that browsers can load an output from.

use super::html::percent_decode;
use super::site::{TestSite, BIN};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long a served page may take to show an edit.
pub const WAIT: Duration = Duration::from_secs(20);

/// A running `tuyenvan serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    stderr: Receiver<String>,
    stdout: Option<Receiver<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The lines a child prints, as they come, read on their own thread.
pub fn lines(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

impl Server {
    pub fn start(site: &TestSite, port: u16) -> (Server, Vec<String>) {
        Self::start_with(site, port, false)
    }

    /// Starts serve with `--root` absolute, or relative (`.`, run inside the site).
    pub fn start_with(site: &TestSite, port: u16, relative: bool) -> (Server, Vec<String>) {
        Self::start_in(site, port, relative, "en")
    }

    /// Starts serve speaking `lang` (the other tests read its English lines).
    pub fn start_in(
        site: &TestSite,
        port: u16,
        relative: bool,
        lang: &str,
    ) -> (Server, Vec<String>) {
        let root = if relative {
            Path::new(".")
        } else {
            site.root()
        };
        let mut child = Command::new(BIN)
            .args(["serve", "--port", &port.to_string(), "--root"])
            .arg(root)
            .current_dir(site.root())
            .env("NO_COLOR", "1")
            .env("TUYENVAN_LANG", lang)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start tuyenvan serve");
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(120);
        let mut server = Server {
            child,
            port: 0,
            stderr,
            stdout: None,
        };
        while Instant::now() < deadline {
            let Ok(line) = stdout.recv_timeout(Duration::from_millis(200)) else {
                continue;
            };
            seen.push(line.clone());
            let url = line
                .strip_prefix("Serving at ")
                .or_else(|| line.strip_prefix("Xem trước tại "));
            if let Some(url) = url {
                let rest = url.trim_start_matches("http://127.0.0.1:");
                server.port = rest[..rest.find('/').unwrap()].parse().unwrap();
                server.stdout = Some(stdout);
                return (server, seen);
            }
        }
        panic!("serve did not start: {seen:?}");
    }

    /// Raw GET of a request target as written (no normalization): (status, headers, body).
    pub fn get(&self, target: &str) -> (u16, String, Vec<u8>) {
        raw_get(self.port, target.as_bytes())
    }

    pub fn text(&self, target: &str) -> (u16, String) {
        let (status, _, body) = self.get(target);
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    /// Polls `target` until `ok` holds for (status, body).
    pub fn wait_for(&self, target: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let (status, body) = self.text(target);
            if ok(status, &body) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{target}: still not {what} (status {status})"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// (status, body) of a request.
    pub fn request(
        &self,
        method: &str,
        target: &str,
        content_type: &str,
        body: &str,
    ) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let head = format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", self.port, body.len());
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body.as_bytes()).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let text = String::from_utf8_lossy(&response).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = text
            .split_once("\r\n\r\n")
            .map(|(_, b)| b.to_string())
            .unwrap_or_default();
        (status, body)
    }

    /// Waits for a stdout line containing `needle`, skipping the others; returns it.
    pub fn wait_line(&self, needle: &str) -> String {
        let stdout = self.stdout.as_ref().expect("started");
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match stdout.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => panic!("serve never printed {needle:?}: {}", self.errors()),
            }
        }
    }

    /// Every stderr line printed so far.
    pub fn errors(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }
}

/// A GET of `target` exactly as given (bytes, no normalization) on a loopback port:
/// (status, lower-cased head, body).
pub fn raw_get(port: u16, target: &[u8]) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut request = b"GET ".to_vec();
    request.extend_from_slice(target);
    request.extend_from_slice(b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream.write_all(&request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(response.len());
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let body = response.get(split + 4..).unwrap_or_default().to_vec();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, head.to_ascii_lowercase(), body)
}

/// Serves `dir` over HTTP on a free loopback port, in a background thread, for browser
/// tests; `/` paths map to files, folders to their index.html. Returns the port.
pub fn serve_static(dir: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let dir = dir.clone();
            std::thread::spawn(move || answer(stream, &dir));
        }
    });
    port
}

/// Answers one request of `serve_static`: the file, or the site's 404.html with 404.
fn answer(mut stream: TcpStream, dir: &Path) {
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
}
