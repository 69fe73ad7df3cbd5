//! End-to-end tests of publishing safely (issue 19): reused photos from an empty cache,
//! static pages, what `check` covers, what unpublished articles keep private, old addresses.

use crate::support as common;

use common::TestSite;
use image::{Rgb, RgbImage};
use std::fs;

/// A photo large enough that making its copies takes a moment (a race needs overlap).
fn photo(seed: u8, width: u32) -> Vec<u8> {
    let height = width * 2 / 3;
    let img = RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            (x % 251) as u8,
            (y % 241) as u8,
            seed.wrapping_add((x ^ y) as u8),
        ])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode(&img, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn one_photo_in_many_articles_builds_from_an_empty_cache() {
    let site = TestSite::new();
    // A unit's standard picture, copied beside 16 articles: 16 files, one content.
    let shared = photo(7, 1000);
    for i in 0..16 {
        site.write_bytes(&format!("content/2024/bai-{i}/anh-6.jpg"), &shared);
        site.article(
            &format!("content/2024/bai-{i}/index.md"),
            &format!(
                "title: Bài số {i}\ndate: 2024-03-{:02}\nimage: anh-6.jpg",
                i + 1
            ),
            "Sapo.\n\n![Ảnh](/anh/ban-sao-1.jpg)\n\n![Ảnh](/anh/ban-sao-2.jpg)\n",
        );
    }
    // And two files with the same bytes outside bundles.
    site.write_bytes("content/anh/ban-sao-1.jpg", &photo(9, 800));
    site.write_bytes("content/anh/ban-sao-2.jpg", &photo(9, 800));
    for round in 0..12 {
        let _ = fs::remove_dir_all(site.path(".tuyenvan-cache"));
        let _ = fs::remove_dir_all(site.public());
        let out = site.run(&["build"]);
        assert!(
            out.status.success(),
            "fresh build {round} failed:\n{}",
            stderr(&out)
        );
        assert!(site.exists("2024/03/bai-so-3/anh-6.960w.jpg"));
        assert!(site.exists("anh/ban-sao-2.thumb.webp"));
    }
}

#[test]
fn a_cache_that_cannot_be_written_is_not_blamed_on_the_photo() {
    let site = TestSite::new();
    site.write_bytes("content/anh/a.jpg", &common::photo_bytes());
    site.article(
        "content/2024/bai.md",
        "title: Bài\ndate: 2024-03-01\nimage: /anh/a.jpg",
        "Sapo.\n",
    );
    // A file where the cache's folder should be.
    site.write(".tuyenvan-cache/images", "không phải thư mục");
    let err = site.build_fails(&[]);
    assert!(!err.contains("save it again"), "{err}");
    assert!(err.contains("cache folder"), "{err}");
    assert!(err.contains(".tuyenvan-cache"), "{err}");
}

#[test]
fn a_static_page_keeps_its_first_paragraph() {
    let site = TestSite::new();
    site.article(
        "content/gioi-thieu.md",
        "title: Giới thiệu\ndate: 2024-01-01\nkind: page",
        "Ban Tuyên giáo Huyện ủy là cơ quan tham mưu.\n\nĐịa chỉ: số 1, đường Hoà Bình.\n",
    );
    site.build(&[]);
    let html = site.read("gioi-thieu/index.html");
    let body = html.split("article-body").nth(1).unwrap();
    assert!(
        body.contains("Ban Tuyên giáo Huyện ủy là cơ quan tham mưu."),
        "{html}"
    );
    assert!(body.contains("Địa chỉ: số 1"), "{html}");
}

const SUB: &str = "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/thong-tin-tuyen-van/\npublisher:\n  owner: Huyện ủy Phù Vân\n  responsible: Trưởng Ban Tuyên giáo và Dân vận Huyện ủy\n";

#[test]
fn check_covers_drafts_and_scheduled_articles_and_build_refuses_a_broken_scheduled_one() {
    let site = TestSite::with_config(SUB);
    site.write_bytes("content/anh/co.jpg", &common::photo_bytes());
    site.article(
        "content/2024/da-dang.md",
        "title: Bài đã đăng\ndate: 2024-01-02",
        "Sapo.\n",
    );
    site.article(
        "content/2099/hen-gio.md",
        "title: Bài hẹn giờ\ndate: 01/01/2099 08:00\nimage: /anh/khong-co.jpg",
        "Sapo.\n",
    );
    site.article(
        "content/2024/nhap.md",
        "title: Bài nháp\ndate: 2024-01-03\ndraft: true",
        "Sapo.\n\n![Ảnh](/anh/thieu.jpg)\n",
    );
    let out = site.run(&["check", "--strict"]);
    let (said, err) = (stdout(&out), stderr(&out));
    assert_eq!(out.status.code(), Some(1), "{said}\n{err}");
    assert!(said.contains("draft: content/2024/nhap.md"), "{said}");
    assert!(
        said.contains("scheduled for Thứ Năm, 01/01/2099 08:00: content/2099/hen-gio.md"),
        "{said}"
    );
    assert!(err.contains("content/2099/hen-gio.md:4"), "{err}");
    assert!(
        err.contains("(scheduled for Thứ Năm, 01/01/2099 08:00)"),
        "{err}"
    );
    assert!(
        err.contains("content/2024/nhap.md") && err.contains("(draft)"),
        "{err}"
    );
    // The day it is written, the build refuses the scheduled article, not on its day.
    let err = site.build_fails(&[]);
    assert!(
        err.contains("the article scheduled for Thứ Năm, 01/01/2099 08:00 will fail to publish"),
        "{err}"
    );
    assert!(err.contains("khong-co.jpg"), "{err}");
    assert!(
        !err.contains("nhap.md"),
        "a draft is not the build's business: {err}"
    );
    // Fixed, it builds, and on its day (`--future`) it publishes.
    site.article(
        "content/2099/hen-gio.md",
        "title: Bài hẹn giờ\ndate: 01/01/2099 08:00\nimage: /anh/co.jpg",
        "Sapo.\n",
    );
    site.build(&[]);
    assert!(!site.exists("2099/01/bai-hen-gio/index.html"));
    site.build(&["--future"]);
    assert!(site.exists("2099/01/bai-hen-gio/index.html"));
}

#[test]
fn a_scheduled_article_taking_a_published_address_is_refused_before_its_day() {
    let site = TestSite::new();
    site.article(
        "content/2024/a.md",
        "title: Hội nghị\ndate: 2024-01-02\nslug: hoi-nghi\naliases: [/tin-cu/]",
        "A.\n",
    );
    site.article(
        "content/2099/b.md",
        "title: Khác\ndate: 2099-01-01\naliases: [/tin-cu/]",
        "B.\n",
    );
    let err = site.build_fails(&[]);
    assert!(
        err.contains("once the scheduled article is published")
            || err.contains("the article scheduled for"),
        "{err}"
    );
    assert!(err.contains("tin-cu"), "{err}");
}

#[test]
fn photos_only_unpublished_articles_use_stay_private() {
    let site = TestSite::with_config(
        "title: T\nbase_url: https://x.gov.vn/\nextra: {logo: /anh/logo.png}\n",
    );
    let png = {
        let mut out = Vec::new();
        image::DynamicImage::ImageRgb8(RgbImage::new(40, 20))
            .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    };
    site.write_bytes("content/anh/logo.png", &png);
    site.write_bytes("content/anh/rieng.jpg", &common::photo_bytes());
    site.write_bytes("content/anh/hen-gio.jpg", &common::photo_bytes());
    site.write_bytes("content/anh/chung.jpg", &common::photo_bytes());
    site.article(
        "content/2024/nhap.md",
        "title: Nháp\ndate: 2024-01-03\ndraft: true\nimage: /anh/rieng.jpg",
        "Sapo.\n\n![Chung](/anh/chung.jpg)\n\n![Logo](/anh/logo.png)\n",
    );
    site.article(
        "content/2099/sau.md",
        "title: Sau\ndate: 2099-01-01",
        "Sapo.\n\n![Ảnh](../anh/hen-gio.jpg)\n",
    );
    site.article(
        "content/2024/dang.md",
        "title: Đăng\ndate: 2024-01-02",
        "Sapo.\n\n![Chung](/anh/chung.jpg)\n",
    );
    site.build(&[]);
    assert!(
        !site.exists("anh/rieng.jpg"),
        "a draft's photo was published"
    );
    assert!(
        !site.exists("anh/hen-gio.jpg"),
        "a scheduled article's photo was published"
    );
    assert!(site.exists("anh/chung.jpg") && site.exists("anh/logo.png"));
    site.build(&["--drafts", "--future"]);
    assert!(
        site.exists("anh/rieng.jpg") && site.exists("anh/rieng.960w.webp")
            || site.exists("anh/rieng.thumb.jpg")
    );
    assert!(site.exists("anh/hen-gio.jpg"));
}

#[test]
fn check_suggests_what_to_write_not_the_published_path() {
    let site = TestSite::with_config(SUB);
    site.write_bytes("content/anh/anh-hoi-nghi.jpg", &common::photo_bytes());
    site.write_bytes("content/2024/bai/anh-2.jpg", &common::photo_bytes());
    site.article(
        "content/2024/bai/index.md",
        "title: Bài\ndate: 2024-01-02\nimage: /anh/anh-hoi-ngh.jpg",
        "Sapo.\n\n![Ảnh](anh-2.jpeg)\n",
    );
    let out = site.run(&["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("did you mean `/anh/anh-hoi-nghi.jpg`?"),
        "{err}"
    );
    assert!(err.contains("did you mean `anh-2.jpg`?"), "{err}");
    assert!(
        !err.contains("thong-tin-tuyen-van/thong-tin-tuyen-van"),
        "{err}"
    );
    assert!(
        !err.contains("did you mean `/thong-tin-tuyen-van/"),
        "{err}"
    );
}

/// A site under a base path with old addresses of every kind, and what each must reach.
fn site_with_old_addresses() -> (TestSite, Vec<(&'static str, &'static str)>) {
    let site = TestSite::with_config(SUB);
    site.article(
        "content/2024/bai.md",
        "title: Hội nghị tổng kết\ndate: 2024-03-05\naliases:\n  - \"/Portal/Detail.aspx?Organization=BTG&ItemID=1234\"\n  - \"https://x.gov.vn/Portal/Detail.aspx?Organization=BTG&ItemID=99\"\n  - /tin-tuc/bai-cu.html\n  - /tin-tuc/bai-cu/",
        "Sapo.\n",
    );
    site.article(
        "content/gioi-thieu.md",
        "title: Giới thiệu\ndate: 2024-01-01\nkind: page\naliases: [\"https://x.gov.vn/gioi-thieu.aspx\"]",
        "Ban Tuyên giáo.\n",
    );
    let article = "https://x.gov.vn/thong-tin-tuyen-van/2024/03/hoi-nghi-tong-ket/";
    let page = "https://x.gov.vn/thong-tin-tuyen-van/gioi-thieu/";
    let expected = vec![
        (
            "/thong-tin-tuyen-van/Portal/Detail.aspx?Organization=BTG&ItemID=1234",
            article,
        ),
        ("/Portal/Detail.aspx?Organization=BTG&ItemID=99", article),
        ("/thong-tin-tuyen-van/tin-tuc/bai-cu.html", article),
        ("/thong-tin-tuyen-van/tin-tuc/bai-cu/", article),
        ("/gioi-thieu.aspx", page),
    ];
    (site, expected)
}

fn files_under(dir: &std::path::Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[test]
fn old_portal_addresses_become_server_rules_not_odd_files() {
    let (site, _) = site_with_old_addresses();
    site.build(&[]);
    let files = files_under(&site.public());
    assert!(
        !files
            .iter()
            .any(|f| f.contains('?') || f.contains("Portal")),
        "{files:?}"
    );
    assert!(site
        .read("tin-tuc/bai-cu.html")
        .contains("2024/03/hoi-nghi-tong-ket/"));
    assert!(site.exists("tin-tuc/bai-cu/index.html"));
    let map = site.read("chuyen-huong/nginx-map.conf");
    assert!(
        map.contains("\"/Portal/Detail.aspx?Organization=BTG&ItemID=99\""),
        "{map}"
    );
    assert!(
        map.contains("\"/thong-tin-tuyen-van/Portal/Detail.aspx?Organization=BTG&ItemID=1234\""),
        "{map}"
    );
    let htaccess = site.read(".htaccess");
    assert!(
        htaccess.contains("RewriteCond %{QUERY_STRING} \"=Organization=BTG&ItemID=99\""),
        "{htaccess}"
    );
    let iis = site.read("chuyen-huong/web.config");
    assert!(iis.contains("key=\"/gioi-thieu.aspx\""), "{iis}");
    // A rebuild keeps the same files (nothing written twice, nothing left behind).
    site.build(&[]);
    assert_eq!(files_under(&site.public()), files);
}

/// Sends one GET over plain HTTP; returns the status code and the `Location` header.
fn get(port: u16, target: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .ok()?;
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: x.gov.vn\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let location = response
        .lines()
        .find_map(|l| l.strip_prefix("Location: "))
        .unwrap_or("")
        .trim()
        .to_string();
    Some((status, location))
}

/// nginx run as one plain process (no master and workers: killing it stops it all, and no
/// worker outlives the test holding its output open) on a free loopback port.
struct Nginx(std::process::Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_nginx(public: &std::path::Path, dir: &std::path::Path) -> (Nginx, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let d = dir.display();
    let rules = public.join("chuyen-huong");
    let conf = format!(
        "master_process off;\nerror_log {d}/error.log;\nevents {{ worker_connections 64; }}\nhttp {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n  include {}/nginx-map.conf;\n  server {{\n    listen 127.0.0.1:{port};\n    root {};\n    include {}/nginx.conf;\n  }}\n}}\n",
        rules.display(),
        public.display(),
        rules.display()
    );
    fs::write(dir.join("nginx.conf"), conf).unwrap();
    let child = std::process::Command::new("nginx")
        .arg("-p")
        .arg(dir)
        .arg("-e")
        .arg(dir.join("error.log"))
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .arg("-g")
        .arg(format!("daemon off; pid {d}/nginx.pid;"))
        .spawn()
        .expect("start nginx");
    let nginx = Nginx(child);
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return (nginx, port);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!(
        "nginx did not start: {}",
        fs::read_to_string(dir.join("error.log")).unwrap_or_default()
    );
}

#[test]
fn nginx_answers_every_old_address_with_a_301_to_its_page() {
    if std::process::Command::new("nginx")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("nginx is not installed: skipped (Debian: apt-get install nginx-light)");
        return;
    }
    let (site, expected) = site_with_old_addresses();
    site.build(&[]);
    let dir = tempfile::tempdir().unwrap();
    let (_nginx, port) = start_nginx(&site.public(), dir.path());
    for (old, target) in &expected {
        let answer = get(port, old);
        assert_eq!(answer, Some((301, target.to_string())), "{old}");
    }
    // A link that added a tracking tag to an old address still lands.
    let tagged = get(port, "/thong-tin-tuyen-van/tin-tuc/bai-cu.html?fbclid=1");
    assert_eq!(tagged.map(|t| t.0), Some(301));
    // Another item of the old portal is no redirect.
    let other = get(port, "/Portal/Detail.aspx?Organization=BTG&ItemID=5");
    assert_ne!(other.map(|t| t.0), Some(301));
}

#[test]
fn a_title_edit_leaves_a_redirect_that_a_fresh_clone_keeps() {
    let site = TestSite::with_config(SUB);
    let front = |title: &str| format!("title: {title}\ndate: 2024-03-05");
    site.article(
        "content/2024/bai.md",
        &front("Hội nghị tổng kết năm 2023"),
        "Sapo.\n",
    );
    site.build(&[]);
    let book = fs::read_to_string(site.path("dia-chi.yaml")).unwrap();
    assert!(
        book.contains("\"content/2024/bai.md\":\n  - \"/2024/03/hoi-nghi-tong-ket-nam-2023/\""),
        "{book}"
    );
    // The editor fixes the title: the address follows it, the old one still leads there.
    site.article(
        "content/2024/bai.md",
        &front("Hội nghị tổng kết công tác năm 2023"),
        "Sapo.\n",
    );
    site.build(&[]);
    let new = "2024/03/hoi-nghi-tong-ket-cong-tac-nam-2023/";
    assert!(site.exists(&format!("{new}index.html")));
    let old = site.read("2024/03/hoi-nghi-tong-ket-nam-2023/index.html");
    assert!(
        old.contains(&format!("https://x.gov.vn/thong-tin-tuyen-van/{new}")),
        "{old}"
    );
    assert!(site
        .read("chuyen-huong/nginx-map.conf")
        .contains("/thong-tin-tuyen-van/2024/03/hoi-nghi-tong-ket-nam-2023/"));
    // A fresh clone on another machine: the sources and the address book, no cache.
    let clone = TestSite::with_config(SUB);
    common::site::copy_dir(&site.path("content"), &clone.path("content"));
    fs::copy(site.path("dia-chi.yaml"), clone.path("dia-chi.yaml")).unwrap();
    clone.build(&[]);
    assert!(clone
        .read("2024/03/hoi-nghi-tong-ket-nam-2023/index.html")
        .contains(new));
    // A later article may take the old address back: its page wins over the redirect.
    clone.article(
        "content/2024/moi.md",
        &front("Hội nghị tổng kết năm 2023"),
        "Mới.\n",
    );
    clone.build(&[]);
    assert!(clone
        .read("2024/03/hoi-nghi-tong-ket-nam-2023/index.html")
        .contains("Mới."));
}
