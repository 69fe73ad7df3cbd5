//! End-to-end tests of `tuyenvan serve`: the real binary on a fixture site on a free loopback
//! port, driven by file edits and checked over HTTP (and, for live reload, in Chromium).

use crate::support as common;

use common::front::article;
use common::http::lines;
use common::{raw_get, Server, TestSite, WAIT};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A small site under a base path, with a draft and an article dated in the future.
fn site() -> TestSite {
    let site = TestSite::with_config(
        "title: Thông tin tuyên vận\nbase_url: https://tinh.gov.vn/tuyen-van/\npaginate: 2\n",
    );
    for i in 1..=4 {
        site.write(
            &format!("content/2023/bai-{i}.md"),
            &article(
                &format!("Bài số {i}"),
                &format!("2023-06-0{i} 08:00"),
                &format!("Sapo {i}.\n\nThân bài {i}."),
            ),
        );
    }
    site.write(
        "content/2023/nhap.md",
        "---\ntitle: Bản nháp\ndate: 2023-06-05\ndraft: true\n---\nNháp.\n",
    );
    site.write(
        "content/2099/sau-nay.md",
        "---\ntitle: Bài hẹn giờ\ndate: 2099-01-01\n---\nSau này.\n",
    );
    site
}

#[test]
fn serves_the_site_with_drafts_and_local_links() {
    let site = site();
    let (server, _) = Server::start(&site, 0);
    let (status, head, body) = server.get("/tuyen-van/2023/06/bai-so-1/");
    let body = String::from_utf8(body).unwrap();
    assert_eq!(status, 200);
    assert!(
        head.contains("content-type: text/html; charset=utf-8"),
        "{head}"
    );
    assert!(body.contains("Thân bài 1"));
    assert!(
        body.contains("data-tuyenvan-reload"),
        "the reload script is injected"
    );
    assert!(body.contains("data-events=\"../../../__tuyenvan/events\""));
    let local = format!(
        "http://127.0.0.1:{}/tuyen-van/2023/06/bai-so-1/",
        server.port
    );
    assert!(body.contains(&local), "base_url points at the server");
    assert_eq!(
        server.text("/tuyen-van/2023/06/ban-nhap/").0,
        200,
        "drafts are served"
    );
    assert_eq!(
        server.text("/tuyen-van/2099/01/bai-hen-gio/").0,
        200,
        "so are scheduled articles"
    );
    let (status, head, _) = server.get("/tuyen-van/feed.xml");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/xml; charset=utf-8"));
    let (status, head, _) = server.get("/tuyen-van/css/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css; charset=utf-8"));
    let (status, head, _) = server.get("/tuyen-van/2023/06/bai-so-1");
    assert_eq!(status, 301);
    assert!(head.contains("location: bai-so-1/"));
    let (status, body) = server.text("/tuyen-van/khong-co/");
    assert_eq!(status, 404);
    assert!(
        body.contains("data-tuyenvan-reload"),
        "404 is the site's 404.html, with the script"
    );
    assert!(!site.public().exists(), "serve never writes public/");
}

#[test]
fn edits_creations_renames_and_deletions_are_served() {
    let site = site();
    let (server, _) = Server::start(&site, 0);
    let page = "/tuyen-van/2023/06/bai-so-2/";
    // Body edit, as an editor's atomic save: write a temporary file, rename it over.
    site.write(
        "content/2023/.bai-2.md.tmp",
        &article("Bài số 2", "2023-06-02 08:00", "Sapo 2.\n\nThân đã sửa."),
    );
    std::fs::rename(
        site.path("content/2023/.bai-2.md.tmp"),
        site.path("content/2023/bai-2.md"),
    )
    .unwrap();
    server.wait_for(page, "edited", |s, b| s == 200 && b.contains("Thân đã sửa"));
    // Editor swap and backup files change nothing.
    site.write("content/2023/bai-2.md~", "---\nbroken");
    site.write("content/2023/.bai-2.md.swp", "---\nbroken");
    // A new article, in a new folder.
    site.write(
        "content/2024/moi.md",
        &article("Bài vừa thêm", "2024-01-02", "Sapo mới.\n\nThân mới."),
    );
    server.wait_for("/tuyen-van/2024/01/bai-vua-them/", "created", |s, _| {
        s == 200
    });
    server.wait_for("/tuyen-van/", "listing the new article", |_, b| {
        b.contains("Bài vừa thêm")
    });
    // Renamed file with a new title: the old address goes away.
    site.write(
        "content/2023/bai-3.md",
        &article("Bài đổi tên", "2023-06-03 08:00", "Sapo 3.\n\nThân 3."),
    );
    std::fs::rename(
        site.path("content/2023/bai-3.md"),
        site.path("content/2023/bai-3-moi.md"),
    )
    .unwrap();
    server.wait_for("/tuyen-van/2023/06/bai-doi-ten/", "renamed", |s, _| {
        s == 200
    });
    server.wait_for("/tuyen-van/2023/06/bai-so-3/", "gone", |s, _| s == 404);
    // A renamed folder.
    std::fs::rename(site.path("content/2024"), site.path("content/tin-2024")).unwrap();
    server.wait_for(
        "/tuyen-van/2024/01/bai-vua-them/",
        "still served after the move",
        |s, _| s == 200,
    );
    // Deleted: the page and its listing entry disappear.
    std::fs::remove_file(site.path("content/tin-2024/moi.md")).unwrap();
    server.wait_for("/tuyen-van/2024/01/bai-vua-them/", "deleted", |s, _| {
        s == 404
    });
    server.wait_for("/tuyen-van/", "not listing it", |_, b| {
        !b.contains("Bài vừa thêm")
    });
    // A broken article: the last good page stays, the error is printed with its place.
    site.write(
        "content/2023/bai-2.md",
        "---\ntitle: Bài số 2\ndate: 2023-06-02\ncatgory: Dân vận\n---\nThân hỏng.\n",
    );
    let deadline = Instant::now() + WAIT;
    let mut printed = String::new();
    while !printed.contains("content/2023/bai-2.md:4:1") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        printed.push_str(&server.errors());
    }
    assert!(
        printed.contains("content/2023/bai-2.md:4:1"),
        "stderr: {printed}"
    );
    assert!(printed.contains("category"), "suggests the key: {printed}");
    let (status, body) = server.text(page);
    assert_eq!(status, 200);
    assert!(
        body.contains("Thân đã sửa"),
        "the last good page is still served"
    );
    site.write(
        "content/2023/bai-2.md",
        &article("Bài số 2", "2023-06-02 08:00", "Sapo 2.\n\nThân đã chữa."),
    );
    server.wait_for(page, "fixed", |s, b| s == 200 && b.contains("Thân đã chữa"));
}

#[test]
fn a_save_that_moves_the_file_aside_first_never_serves_a_missing_page() {
    let site = site();
    let (server, _) = Server::start(&site, 0);
    let page = "/tuyen-van/2023/06/bai-so-1/";
    let port = server.port;
    let watching = std::thread::spawn(move || {
        let deadline = Instant::now() + WAIT;
        let mut statuses = Vec::new();
        while Instant::now() < deadline {
            let (status, _, body) = raw_get(port, page.as_bytes());
            statuses.push(status);
            if String::from_utf8_lossy(&body).contains("Lưu kiểu vim") {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        statuses
    });
    std::thread::sleep(Duration::from_millis(100));
    // As vim saves: the old file is moved to the backup name, the new one written a moment
    // later (longer than the watcher's quiet time, well inside its wait for the rest).
    std::fs::rename(
        site.path("content/2023/bai-1.md"),
        site.path("content/2023/bai-1.md~"),
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(15));
    site.write(
        "content/2023/bai-1.md",
        &article("Bài số 1", "2023-06-01 08:00", "Sapo 1.\n\nLưu kiểu vim."),
    );
    let statuses = watching.join().unwrap();
    assert!(
        statuses.iter().all(|&s| s == 200),
        "statuses seen while saving: {statuses:?}"
    );
    server.wait_for(page, "saved", |s, b| s == 200 && b.contains("Lưu kiểu vim"));
}

#[test]
fn a_relative_root_is_watched_too() {
    let site = site();
    let (server, _) = Server::start_with(&site, 0, true);
    site.write(
        "content/2023/bai-1.md",
        &article("Bài số 1", "2023-06-01 08:00", "Sapo 1.\n\nĐã sửa."),
    );
    server.wait_for("/tuyen-van/2023/06/bai-so-1/", "edited", |s, b| {
        s == 200 && b.contains("Đã sửa")
    });
}

#[test]
fn hostile_paths_are_refused_and_leak_nothing() {
    let site = site();
    site.write("secret.txt", "BÍ MẬT");
    let (server, _) = Server::start(&site, 0);
    let targets: &[&[u8]] = &[
        b"/../site.yaml",
        b"/tuyen-van/../site.yaml",
        b"/tuyen-van/../../../../etc/passwd",
        b"/tuyen-van/%2e%2e/site.yaml",
        b"/tuyen-van/%2E%2E/%2e%2e/etc/passwd",
        b"/tuyen-van/css/%2e%2e%2f%2e%2e%2fsite.yaml",
        b"/tuyen-van/..%5c..%5csite.yaml",
        b"/tuyen-van/..\\..\\site.yaml",
        b"/tuyen-van/index.html%00.css",
        b"/tuyen-van/%ff%fe/",
        b"/tuyen-van/\xff\xfe/",
        b"/tuyen-van/%zz",
        b"/tuyen-van/./index.html",
        b"/tuyen-van/secret.txt",
        b"/secret.txt",
        b"/tuyen-van/content/2023/bai-1.md",
        b"//etc/passwd",
    ];
    for target in targets {
        let (status, _, body) = raw_get(server.port, target);
        let body = String::from_utf8_lossy(&body);
        let shown = String::from_utf8_lossy(target);
        assert!(matches!(status, 400 | 404), "{shown}: status {status}");
        for secret in ["BÍ MẬT", "base_url", "root:", "Thân bài 1"] {
            assert!(!body.contains(secret), "{shown} leaked {secret}");
        }
    }
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = site();
    let (server, said) = Server::start(&site, port);
    assert_ne!(server.port, port);
    assert!(
        said.iter()
            .any(|l| l.contains(&format!("Port {port} is in use"))),
        "{said:?}"
    );
    assert_eq!(server.text("/tuyen-van/").0, 200);
}

#[test]
fn build_output_has_no_reload_script() {
    let site = site();
    site.build(&[]);
    for (path, bytes) in common::snapshot(&site.public()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("tuyenvan-reload") && !text.contains("__tuyenvan"),
            "{path}"
        );
    }
}

/// Headless Chromium on a served page: an article edit reloads the tab by itself, a
/// stylesheet edit swaps the style without a reload, a broken article shows an overlay,
/// and fixing it clears the overlay.
#[test]
fn browser_tab_reloads_swaps_styles_and_shows_errors() {
    // The overlay speaks the server's language: its title, the message, its help label
    // and the help itself.
    browser_reload_in(
        "vi",
        "lỗi khi dựng trang|không có khóa nào tên `catgory`|gợi ý: |có phải ý bạn là `category`?",
    );
    browser_reload_in(
        "en",
        "the site could not be built|unknown key `catgory`|help: |did you mean `category`?",
    );
}

fn browser_reload_in(lang: &str, overlay_words: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/serve-reload.mjs");
    let modules =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/playwright-core");
    assert!(
        modules.is_dir(),
        "run `cd tests/browser && npm ci` (scripts/test.sh does it)"
    );
    let site = site();
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/css/style.css");
    site.write(
        "themes/default/static/css/style.css",
        &std::fs::read_to_string(builtin).unwrap(),
    );
    let (server, _) = Server::start_in(&site, 0, false, lang);
    let url = format!(
        "http://127.0.0.1:{}/tuyen-van/2023/06/bai-so-1/",
        server.port
    );
    let profile = tempfile::tempdir().unwrap();
    let _turn = common::browser::browser_turn();
    let mut node = Command::new("node")
        .arg(&script)
        .arg(&url)
        .arg(site.root())
        .arg(common::chromium())
        .arg(common::chromium_flags(profile.path()).join(" "))
        .arg(overlay_words)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run node");
    let out = lines(node.stdout.take().unwrap());
    let err = lines(node.stderr.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = node.try_wait().unwrap() {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = node.kill();
            let _ = node.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let said: Vec<String> = out.try_iter().chain(err.try_iter()).collect();
    assert!(
        status.is_some_and(|s| s.success()),
        "browser script failed: {said:#?}\nserver: {}",
        server.errors()
    );
    for step in ["reloaded", "css-swapped", "overlay", "fixed"] {
        assert!(
            said.iter().any(|l| l == step),
            "missing step {step}: {said:#?}"
        );
    }
}
