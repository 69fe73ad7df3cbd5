//! `tuyenvan serve`: the warm pipeline behind an HTTP server (axum on a small tokio runtime)
//! and a file watcher; serves the last good build from memory and never writes `public/`.

pub mod affected;
pub mod changes;
mod cms_proxy;
pub mod follow;
pub mod http;
pub mod incremental;
pub mod keys;
pub mod pass;
pub mod reload;
pub mod sources;
pub mod watch;

use crate::error::SiteErrors;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use changes::Changes;
use http::Target;
use incremental::{Rebuilt, Warm};
use pass::{Files, Output};
use reload::Notice;
use std::collections::{HashMap, HashSet};
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, watch as signal};

/// What `serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// First port to try; 0 lets the system choose.
    pub port: u16,
    pub open: bool,
}

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 20;

/// What the server shows now: the last good build, and the errors of the last change.
#[derive(Clone)]
struct Snapshot {
    files: Arc<Files>,
    /// Pages of `files` older than the last change, waiting for the background pass: a
    /// request for one waits until it is rendered again.
    pending: Arc<HashSet<Output>>,
    base_path: String,
    generation: u64,
    errors: Option<String>,
}

struct App {
    snapshot: RwLock<Snapshot>,
    notices: broadcast::Sender<Notice>,
    /// Counts every publication, for requests waiting on a pending page.
    published: signal::Sender<u64>,
    /// Pending pages requests wait for: the background pass renders them first.
    wanted: Mutex<Vec<String>>,
    /// Request paths of the pages open tabs show (by number of tabs).
    open: Mutex<HashMap<String, usize>>,
}

/// How long a request waits for a pending page before it is given the older bytes.
const PENDING_WAIT: Duration = Duration::from_secs(20);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl App {
    fn snapshot(&self) -> Snapshot {
        match self.snapshot.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn update(&self, f: impl FnOnce(&mut Snapshot)) {
        let replaced = {
            let mut guard = match self.snapshot.write() {
                Ok(g) => g,
                Err(poisoned) => poisoned.into_inner(),
            };
            let replaced = (guard.files.clone(), guard.pending.clone());
            f(&mut guard);
            replaced
        };
        self.published.send_modify(|n| *n += 1);
        // The replaced site is freed here, when it is the last copy: not while requests
        // wait for the lock.
        drop(replaced);
    }

    /// Asks the background pass for a pending page.
    fn want(&self, output: &str) {
        let mut wanted = lock(&self.wanted);
        if !wanted.iter().any(|w| w == output) {
            wanted.push(output.to_string());
        }
    }

    fn take_wanted(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.wanted))
    }

    /// The output paths of the pages open tabs show.
    fn open_outputs(&self) -> HashSet<String> {
        let paths: Vec<String> = lock(&self.open).keys().cloned().collect();
        let s = self.snapshot();
        paths
            .iter()
            .filter_map(|raw| match http::resolve(raw, &s.base_path, &s.files) {
                Target::File(rel) => Some(rel),
                _ => None,
            })
            .collect()
    }

    /// A step of the background pass, published without a reload: the open tabs' pages
    /// were rendered before they were told to reload.
    fn publish_quiet(&self, rebuilt: Rebuilt) {
        self.update(|s| {
            s.files = rebuilt.files;
            s.pending = rebuilt.pending;
        });
    }

    /// Publishes a rebuild's outcome to the server and the open tabs.
    fn publish(&self, outcome: Result<Rebuilt, SiteErrors>) {
        match outcome {
            Ok(rebuilt) => self.publish_ok(rebuilt),
            Err(errors) => {
                eprintln!("{errors}");
                eprintln!("{}", crate::tr!("serve-kept"));
                let json = reload::errors_json(&errors.0);
                // Pending pages wait for no pass now: they are served as they are.
                self.update(|s| {
                    s.errors = Some(json.clone());
                    s.pending = Arc::default();
                });
                let _ = self.notices.send(Notice::Errors { json });
            }
        }
    }

    fn publish_ok(&self, rebuilt: Rebuilt) {
        let fixed = self.snapshot().errors.is_some();
        if rebuilt.changed.is_empty() && !fixed {
            // Pages may still wait for the background pass.
            self.publish_quiet(rebuilt);
            return;
        }
        let mut generation = 0;
        self.update(|s| {
            s.files = rebuilt.files.clone();
            s.pending = rebuilt.pending.clone();
            s.base_path = rebuilt.base_path.clone();
            s.errors = None;
            s.generation += 1;
            generation = s.generation;
        });
        let css_only = !fixed && rebuilt.changed.iter().all(|p| p.ends_with(".css"));
        let notice = if css_only {
            Notice::Css {
                generation,
                paths: rebuilt.changed.clone(),
            }
        } else {
            Notice::Reload { generation }
        };
        let _ = self.notices.send(notice);
    }
}

/// Binds the asked port, or the next free one (saying so).
fn bind(options: &ServeOptions) -> Result<TcpListener, String> {
    let mut last_error = None;
    let tries = if options.port == 0 { 1 } else { PORT_TRIES };
    for offset in 0..tries {
        let port = options.port.saturating_add(offset);
        match TcpListener::bind(SocketAddr::new(options.bind, port)) {
            Ok(listener) => {
                if offset > 0 {
                    let line = crate::tr!("serve-port-taken", asked = options.port, port = port);
                    println!("{line}");
                }
                return Ok(listener);
            }
            Err(e) => last_error = Some(e),
        }
    }
    Err(crate::tr!(
        "serve-cannot-listen",
        address = SocketAddr::new(options.bind, options.port).to_string(),
        tries = tries - 1,
        error = last_error.map(|e| e.to_string()).unwrap_or_default()
    ))
}

/// The origin pages link to: the bound address, with loopback for "any address".
fn origin(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        ip if ip.is_unspecified() => IpAddr::from([127, 0, 0, 1]),
        ip => ip,
    };
    format!("http://{}", SocketAddr::new(ip, addr.port()))
}

/// Runs the server until the process is stopped. Errors: the site cannot be served at all.
pub fn run(mut options: ServeOptions) -> Result<(), String> {
    // The watcher reports absolute paths; they are matched against an absolute root.
    options.root = std::fs::canonicalize(&options.root).unwrap_or(options.root);
    if !options.root.join(crate::load::CONFIG_FILE).is_file() {
        // Not a site at all (a broken site.yaml, by contrast, is served with its errors).
        return Err(crate::load::read_config(&options.root)
            .err()
            .map_or_else(|| crate::tr!("serve-no-site"), |d| d.to_string()));
    }
    let listener = bind(&options)?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let origin = origin(addr);
    // Watch before the first build, so that no save made during it is missed.
    let (wakes, rx) = std::sync::mpsc::channel();
    let saved = wakes.clone();
    let watching = watch::Watcher::start(&options.root, move |events| {
        let _ = saved.send(Wake::Saved(events));
    });
    let mut warm = Warm::new(&options.root, Some(origin.clone()));
    let started = Instant::now();
    let first = warm.full();
    let (notices, _) = broadcast::channel(64);
    let app = Arc::new(App {
        snapshot: RwLock::new(Snapshot {
            files: Arc::new(Files::new()),
            pending: Arc::default(),
            base_path: "/".into(),
            generation: 0,
            errors: None,
        }),
        notices,
        published: signal::channel(0).0,
        wanted: Mutex::new(Vec::new()),
        open: Mutex::new(HashMap::new()),
    });
    let base_path = match &first {
        Ok(r) => r.base_path.clone(),
        Err(_) => "/".into(),
    };
    if let Ok(r) = &first {
        let ms = started.elapsed().as_millis() as u64;
        println!(
            "{}",
            crate::tr!("serve-built", files = r.files.len(), ms = ms)
        );
    }
    app.publish(first);
    let url = format!("{origin}{base_path}");
    println!("{}", crate::tr!("serve-serving", url = url.as_str()));
    if options.open {
        open_browser(&url);
    }
    match watching {
        Ok(watcher) => {
            let watch_loop = WatchLoop {
                root: options.root.clone(),
                watcher,
                warm,
                app: app.clone(),
                wakes,
                rx,
                indexer: rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .start_handler(|_| give_way())
                    .build()
                    .ok(),
                indexing: false,
                following: None,
            };
            std::thread::spawn(move || watch_loop.run());
        }
        Err(e) => eprintln!("{}", crate::tr!("serve-no-watch", error = e)),
    }
    serve_http(listener, app, cms_proxy::router(&options.root))
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(command).arg(url).spawn() {
        let error = e.to_string();
        eprintln!(
            "{}",
            crate::tr!(
                "serve-no-browser",
                command = command,
                error = error,
                url = url
            )
        );
    }
}

/// What wakes the watch loop: the watcher's events, or a search index built meanwhile.
enum Wake {
    Saved(notify_debouncer_full::DebounceEventResult),
    Indexed(incremental::Indexed),
}

/// The watch loop: waits for changes, rebuilds, publishes; forever.
struct WatchLoop {
    root: PathBuf,
    watcher: watch::Watcher,
    warm: Warm,
    app: Arc<App>,
    wakes: Sender<Wake>,
    rx: Receiver<Wake>,
    /// Builds the search index once saves pause, on one thread of its own: the render
    /// threads stay free for the next save, which does not wait for the index.
    indexer: Option<rayon::ThreadPool>,
    /// An index is being built.
    indexing: bool,
    /// Since when and how many pages the background pass has rendered.
    following: Option<(Instant, usize)>,
}

impl WatchLoop {
    fn run(mut self) {
        loop {
            // Pages left to the background pass are rendered a step at a time, a new save
            // taken between two steps: the save is applied to the model and the pages still
            // waiting are rendered from the new one.
            let wake = if self.warm.has_pending() {
                match self.rx.try_recv() {
                    Ok(wake) => wake,
                    Err(TryRecvError::Empty) => {
                        self.follow_step();
                        continue;
                    }
                    Err(TryRecvError::Disconnected) => return,
                }
            } else {
                if let Some((started, pages)) = self.following.take() {
                    let ms = started.elapsed().as_millis() as u64;
                    println!("{}", crate::tr!("serve-followed", pages = pages, ms = ms));
                }
                // Work left for later (the search index) waits until saves pause, so that
                // a burst of saves is served one after the other without it.
                match self.rx.recv_timeout(SETTLE_AFTER) {
                    Ok(wake) => wake,
                    Err(RecvTimeoutError::Timeout) => {
                        self.start_index();
                        match self.rx.recv() {
                            Ok(wake) => wake,
                            Err(_) => return,
                        }
                    }
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            };
            match wake {
                Wake::Saved(events) => self.changed(events),
                Wake::Indexed(indexed) => self.indexed(indexed),
            }
        }
    }

    /// Starts building the search index the last saves left for later, if any (and none
    /// is being built).
    fn start_index(&mut self) {
        if self.indexing {
            return;
        }
        let copied = Instant::now();
        let Some(job) = self.warm.index_job() else {
            return;
        };
        let copied = copied.elapsed().as_millis();
        match &self.indexer {
            Some(pool) => {
                let wakes = self.wakes.clone();
                self.indexing = true;
                pool.spawn(move || {
                    let started = Instant::now();
                    let indexed = job.run();
                    if profiling() {
                        let ms = started.elapsed().as_millis();
                        eprintln!(
                            "serve search index: {ms} ms (its documents copied in {copied} ms)"
                        );
                    }
                    let _ = wakes.send(Wake::Indexed(indexed));
                });
            }
            None => self.indexed(job.run()),
        }
    }

    /// Publishes a search index built meanwhile, unless the model changed since.
    fn indexed(&mut self, indexed: incremental::Indexed) {
        self.indexing = false;
        if let Some(later) = self.warm.settle_with(indexed) {
            // Work left from an earlier save must not clear the errors of a later one (the
            // tab would reload and lose its overlay while the file is still broken); the
            // settled files are served with the next good rebuild.
            if self.app.snapshot().errors.is_none() {
                self.app.publish(later);
            }
        }
    }

    /// Reads a batch of changes (and those right behind it), and rebuilds.
    fn changed(&mut self, events: notify_debouncer_full::DebounceEventResult) {
        let picked = Instant::now();
        let saved = match &events {
            Ok(events) => events.iter().map(|e| e.time).min(),
            Err(_) => None,
        };
        let theme = self.warm.theme_name();
        let mut batch = watch::Batch::default();
        batch.add(&self.root, &theme, events);
        // An index finished meanwhile is published after the rebuild if still current.
        let mut indexed = None;
        while let Ok(wake) = self.rx.try_recv() {
            match wake {
                Wake::Saved(more) => batch.add(&self.root, &theme, more),
                Wake::Indexed(i) => indexed = Some(i),
            }
        }
        // A save still in progress: wait a little for its last events.
        let deadline = Instant::now() + watch::LINGER;
        while batch.incomplete(&self.root) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(Wake::Saved(more)) => batch.add(&self.root, &theme, more),
                Ok(Wake::Indexed(i)) => indexed = Some(i),
                Err(_) => break,
            }
        }
        let collected = Instant::now();
        if !batch.changes.is_empty() {
            self.warm.set_open(self.app.open_outputs());
            rebuild(&mut self.warm, &batch.changes, &self.app);
            if profiling() {
                let since = |t: Instant| t.saturating_duration_since(saved.unwrap_or(picked));
                let ms = |t: Instant| since(t).as_millis();
                eprintln!(
                    "serve save: picked up after {} ms, complete after {} ms, published after {} ms",
                    ms(picked),
                    ms(collected),
                    ms(Instant::now())
                );
            }
        }
        if let Some(indexed) = indexed {
            self.indexed(indexed);
        }
        if let Err(e) = self.watcher.watch_folders() {
            eprintln!("{e}");
        }
    }

    /// One step of the background pass, published.
    fn follow_step(&mut self) {
        match self.warm.follow(&self.app.take_wanted()) {
            Some(Ok(rebuilt)) => {
                let count = rebuilt.rendered.len();
                self.following.get_or_insert((Instant::now(), 0)).1 += count;
                self.app.publish_quiet(rebuilt);
            }
            Some(Err(errors)) => {
                self.following = None;
                self.app.publish(Err(errors));
            }
            None => {}
        }
    }
}

/// Lowers the priority of the calling thread (Linux gives each thread its own), so that
/// the search index built while saves pause gives the cores to the next save's rebuild.
#[cfg(target_os = "linux")]
fn give_way() {
    let _ = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19);
}

#[cfg(not(target_os = "linux"))]
fn give_way() {}

fn profiling() -> bool {
    std::env::var_os("TUYENVAN_PROFILE").is_some()
}

/// How long saves must pause before work left for later is done.
const SETTLE_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

fn rebuild(warm: &mut Warm, changes: &Changes, app: &App) {
    let started = Instant::now();
    let outcome = warm.apply(changes);
    if let Ok(r) = &outcome {
        let ms = started.elapsed().as_millis() as u64;
        let (rendered, changed) = (r.rendered.len(), r.changed.len());
        println!(
            "{}",
            crate::tr!(
                "serve-rebuilt",
                ms = ms,
                rendered = rendered,
                changed = changed
            )
        );
        if !r.pending.is_empty() {
            let pages = r.pending.len();
            println!("{}", crate::tr!("serve-following", pages = pages));
        }
    }
    app.publish(outcome);
}

fn serve_http(listener: TcpListener, app: Arc<App>, cms: axum::Router) -> Result<(), String> {
    listener
        .set_nonblocking(true)
        .map_err(|e| crate::tr!("serve-socket", error = e.to_string()))?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| crate::tr!("serve-no-start", error = e.to_string()))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| crate::tr!("serve-socket", error = e.to_string()))?;
        let router = axum::Router::new()
            .fallback(handle)
            .with_state(app)
            .merge(cms);
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service)
            .await
            .map_err(|e| crate::tr!("serve-stopped", error = e.to_string()))
    })
}

/// A page open in a tab while its live-reload stream lasts.
struct OpenPage {
    app: Arc<App>,
    path: String,
}

impl OpenPage {
    fn new(app: Arc<App>, path: String) -> OpenPage {
        *lock(&app.open).entry(path.clone()).or_default() += 1;
        OpenPage { app, path }
    }
}

impl Drop for OpenPage {
    fn drop(&mut self) {
        let mut open = lock(&self.app.open);
        if let Some(n) = open.get_mut(&self.path) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.path);
            }
        }
    }
}

/// The served state for a request of `raw`: once the file it resolves to is not pending
/// (waiting at most `PENDING_WAIT`, the background pass asked to render it first).
async fn fresh(app: &App, raw: &str) -> (Snapshot, Target) {
    let mut published = app.published.subscribe();
    let deadline = tokio::time::Instant::now() + PENDING_WAIT;
    loop {
        published.borrow_and_update();
        let s = app.snapshot();
        let target = http::resolve(raw, &s.base_path, &s.files);
        let rel = match &target {
            Target::File(rel) => rel.as_str(),
            Target::NotFound => "404.html",
            _ => return (s, target),
        };
        if !s.pending.contains(rel) {
            return (s, target);
        }
        app.want(rel);
        match tokio::time::timeout_at(deadline, published.changed()).await {
            Ok(Ok(())) => {}
            _ => return (s, target),
        }
    }
}

async fn handle(State(app): State<Arc<App>>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let text = format!("{}\n", crate::tr!("serve-get-only"));
        return (StatusCode::METHOD_NOT_ALLOWED, text).into_response();
    }
    let raw = request.uri().path().to_string();
    let (s, target) = fresh(&app, &raw).await;
    let Snapshot {
        files,
        base_path,
        generation,
        errors,
        ..
    } = s;
    match target {
        Target::Events => {
            let page = request
                .uri()
                .query()
                .and_then(reload::page_of)
                .map(|path| OpenPage::new(app.clone(), path));
            reload::stream(generation, errors, app.notices.subscribe(), page)
        }
        Target::File(rel) if rel == cms_proxy::CONFIG => {
            cms_proxy::served_config(&files, request.headers())
        }
        Target::File(rel) => {
            file_response(StatusCode::OK, &rel, &files, &raw, &base_path, generation)
        }
        // The root's redirect to the base path is temporary: a browser must not remember it
        // for the next site previewed on this port.
        Target::Redirect(location) => Response::builder()
            .status(if location.starts_with('/') {
                StatusCode::FOUND
            } else {
                StatusCode::MOVED_PERMANENTLY
            })
            .header(header::LOCATION, location)
            .body(Body::empty())
            .unwrap_or_default(),
        Target::NotFound => file_response(
            StatusCode::NOT_FOUND,
            "404.html",
            &files,
            &raw,
            &base_path,
            generation,
        ),
        Target::BadRequest => {
            let text = format!("{}\n", crate::tr!("serve-bad-path"));
            (StatusCode::BAD_REQUEST, text).into_response()
        }
    }
}

/// A file of the site (the 404 page too), with the reload script in HTML.
fn file_response(
    status: StatusCode,
    rel: &str,
    files: &Files,
    raw: &str,
    base_path: &str,
    generation: u64,
) -> Response {
    let empty_page = format!(
        "<!doctype html><meta charset=\"utf-8\"><title>tuyenvan</title><body><p>{}</p></body>",
        crate::tr!("serve-empty-page")
    );
    let bytes: &[u8] = match files.get(rel) {
        Some(b) => b,
        None if rel.ends_with(".html") => empty_page.as_bytes(),
        None => b"",
    };
    let content_type = http::content_type(rel);
    let body = if content_type.starts_with("text/html") {
        reload::inject(
            bytes,
            &reload::relative_events_url(raw, base_path),
            generation,
        )
    } else {
        bytes.to_vec()
    };
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
