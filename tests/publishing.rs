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
