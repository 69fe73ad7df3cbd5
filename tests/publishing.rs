//! End-to-end tests of publishing safely (issue 19): reused photos from an empty cache,
//! static pages, what `check` covers, what unpublished articles keep private, old addresses.

mod common;

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
    assert!(err.contains("thư mục đệm"), "{err}");
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

const SUB: &str = "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/thong-tin-tuyen-van/\n";

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
    assert!(said.contains("bản nháp: content/2024/nhap.md"), "{said}");
    assert!(
        said.contains("hẹn giờ đăng Thứ Năm, 01/01/2099 08:00: content/2099/hen-gio.md"),
        "{said}"
    );
    assert!(err.contains("content/2099/hen-gio.md:4"), "{err}");
    assert!(
        err.contains("(hẹn giờ đăng Thứ Năm, 01/01/2099 08:00)"),
        "{err}"
    );
    assert!(
        err.contains("content/2024/nhap.md") && err.contains("(bản nháp)"),
        "{err}"
    );
    // The day it is written, the build refuses the scheduled article, not on its day.
    let err = site.build_fails(&[]);
    assert!(
        err.contains("bài hẹn giờ đăng Thứ Năm, 01/01/2099 08:00 sẽ không đăng được"),
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
        err.contains("khi bài hẹn giờ được đăng") || err.contains("bài hẹn giờ đăng"),
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
