//! End-to-end tests of photos (issue 9): copies' sizes and formats, EXIF orientation, PNG,
//! SVG and remote images, `<img>` attributes, the cache, and errors for broken photos.

use crate::support as common;

use common::photo::{photo, png, rotated_photo};
use common::TestSite;
use image::{GenericImageView, ImageFormat};
use std::fs;

const ARTICLE: &str = "2024/03/anh-hoi-nghi/";
const PLAIN: &str = "2024/02/bai-khong-anh-dai-dien/";

fn photo_site() -> TestSite {
    let site = TestSite::new();
    let dir = "content/2024/anh-hoi-nghi";
    site.write_bytes(&format!("{dir}/lon.jpg"), &photo(2400, 1600));
    site.write_bytes(&format!("{dir}/xoay.jpg"), &rotated_photo());
    site.write_bytes(&format!("{dir}/so-do.png"), &png());
    site.write(
        &format!("{dir}/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>",
    );
    site.article(
        &format!("{dir}/index.md"),
        "title: Ảnh hội nghị\ndate: 2024-03-05\nimage: lon.jpg\nimage_alt: Toàn cảnh hội nghị",
        "Sapo của bài.\n\n![Ảnh chụp dọc](xoay.jpg \"Đại biểu phát biểu\")\n\nĐoạn giữa.\n\n![Sơ đồ](so-do.png)\n\n![Biểu trưng](logo.svg)\n\n![Ảnh ngoài](https://x.vn/a.jpg)\n",
    );
    site.article(
        "content/2024/bai-khong-anh-dai-dien.md",
        "title: Bài không ảnh đại diện\ndate: 2024-02-01",
        "Sapo.\n\n![Ảnh đầu](/2024/03/anh-hoi-nghi/lon.jpg)\n\n![Ảnh sau](/2024/03/anh-hoi-nghi/so-do.png)\n",
    );
    site
}

fn decoded(site: &TestSite, rel: &str) -> (ImageFormat, u32, u32, image::DynamicImage) {
    let bytes = fs::read(site.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let format = image::guess_format(&bytes).unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    (format, img.width(), img.height(), img)
}

/// The start tag of the first `<img` after `needle`.
fn img_after<'a>(html: &'a str, needle: &str) -> &'a str {
    let at = html.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let start = html[at..].find("<img").unwrap() + at;
    let end = html[start..].find('>').unwrap() + start;
    &html[start..=end]
}

#[test]
fn photos_get_resized_copies_thumbnails_and_attributes() {
    let site = photo_site();
    let out = site.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Photos: 3 (3 processed, 0 from the cache)"),
        "{stdout}"
    );

    // The large JPEG: three widths, never more than 1600, in JPEG and WebP, and a thumbnail.
    for (w, h) in [(480, 320), (960, 640), (1600, 1067)] {
        let (format, width, height, _) = decoded(&site, &format!("{ARTICLE}lon.{w}w.jpg"));
        assert_eq!((format, width, height), (ImageFormat::Jpeg, w, h));
        let (format, width, height, _) = decoded(&site, &format!("{ARTICLE}lon.{w}w.webp"));
        assert_eq!((format, width, height), (ImageFormat::WebP, w, h));
    }
    let (format, w, h, _) = decoded(&site, &format!("{ARTICLE}lon.thumb.jpg"));
    assert_eq!((format, w, h), (ImageFormat::Jpeg, 360, 240));
    assert!(!site.exists(&format!("{ARTICLE}lon.2400w.jpg")));
    let original = fs::metadata(site.path("content/2024/anh-hoi-nghi/lon.jpg"))
        .unwrap()
        .len();
    let largest = fs::metadata(site.public().join(format!("{ARTICLE}lon.1600w.jpg")))
        .unwrap()
        .len();
    assert!(largest < original, "{largest} >= {original}");

    // The rotated JPEG is upright (300x400, red on the right), never enlarged, no EXIF.
    let (_, w, h, img) = decoded(&site, &format!("{ARTICLE}xoay.300w.jpg"));
    assert_eq!((w, h), (300, 400));
    let right = img.get_pixel(250, 200);
    let left = img.get_pixel(50, 200);
    assert!(right[0] > 150 && right[2] < 100, "right is red: {right:?}");
    assert!(left[2] > 150 && left[0] < 100, "left is blue: {left:?}");
    let bytes = fs::read(site.public().join(format!("{ARTICLE}xoay.300w.jpg"))).unwrap();
    assert!(!bytes.windows(4).any(|w| w == b"Exif"), "metadata stripped");
    assert!(!site.exists(&format!("{ARTICLE}xoay.480w.jpg")));

    // The PNG keeps its format and transparency; its WebP copy too.
    let (format, w, h, img) = decoded(&site, &format!("{ARTICLE}so-do.800w.png"));
    assert_eq!((format, w, h), (ImageFormat::Png, 800, 600));
    assert!(img.color().has_alpha());
    let (format, ..) = decoded(&site, &format!("{ARTICLE}so-do.480w.webp"));
    assert_eq!(format, ImageFormat::WebP);

    // SVG published as it is, without copies; remote photos left alone.
    assert!(site.exists(&format!("{ARTICLE}logo.svg")));
    assert!(!site.exists(&format!("{ARTICLE}logo.thumb.svg")));

    let html = site.read(&format!("{ARTICLE}index.html"));
    let featured = img_after(&html, "class=\"article-image\"");
    for attr in [
        "lon.1600w.jpg\" srcset=",
        "width=\"1600\"",
        "height=\"1067\"",
        "sizes=\"(min-width: 50em) 46rem, 100vw\"",
        "lon.480w.jpg 480w, ",
    ] {
        assert!(featured.contains(attr), "{attr} not in {featured}");
    }
    assert!(
        !featured.contains("loading=\"lazy\""),
        "the first photo loads at once: {featured}"
    );
    assert!(
        html.contains(
            "<source type=\"image/webp\" srcset=\"/2024/03/anh-hoi-nghi/lon.480w.webp 480w, "
        ),
        "{html}"
    );

    let rotated = img_after(&html, "<figure>\n<picture>");
    assert!(
        rotated.contains(&format!("src=\"/{ARTICLE}xoay.300w.jpg\"")),
        "{rotated}"
    );
    assert!(
        rotated.contains("width=\"300\" height=\"400\""),
        "{rotated}"
    );
    assert!(rotated.contains("loading=\"lazy\""), "{rotated}");
    assert!(
        rotated.contains("title=\"Đại biểu phát biểu\""),
        "{rotated}"
    );
    assert!(
        html.contains(&format!(
            "<source type=\"image/webp\" srcset=\"/{ARTICLE}xoay.300w.webp 300w\""
        )),
        "{html}"
    );
    let chart = img_after(&html, "so-do.480w.webp");
    assert!(
        chart.contains("width=\"800\" height=\"600\" alt=\"Sơ đồ\" loading=\"lazy\""),
        "{chart}"
    );
    let svg = img_after(
        &html,
        "<figure>\n<img src=\"/2024/03/anh-hoi-nghi/logo.svg\"",
    );
    assert!(!svg.contains("srcset"), "{svg}");
    assert!(
        html.contains("<img src=\"https://x.vn/a.jpg\" alt=\"Ảnh ngoài\" loading=\"lazy\">"),
        "{html}"
    );

    // Without a featured image, the first photo of the body loads at once, the rest lazily.
    let plain = site.read(&format!("{PLAIN}index.html"));
    let first = img_after(&plain, "<div class=\"article-body\"");
    assert!(
        first.contains("lon.1600w.jpg") && !first.contains("loading"),
        "{first}"
    );
    assert!(img_after(&plain, "so-do.480w.webp").contains("loading=\"lazy\""));

    // Listings show the cropped thumbnail with its size.
    let home = site.read("index.html");
    let thumb = img_after(&home, "class=\"item-thumb\"");
    assert!(
        thumb.contains("lon.thumb.jpg\" width=\"360\" height=\"240\""),
        "{thumb}"
    );
    assert!(home.contains("lon.thumb.webp"), "{home}");
    // Open Graph shares the largest copy, stripped of metadata.
    assert!(html.contains(&format!(
        "content=\"https://x.gov.vn/{ARTICLE}lon.1600w.jpg\""
    )));
}

#[test]
fn an_unchanged_rebuild_takes_every_photo_from_the_cache() {
    let site = photo_site();
    // Copies an earlier version made are removed: no build reads them any more.
    let old = site.path(".tuyenvan-cache/images/v1");
    fs::create_dir_all(&old).unwrap();
    fs::write(old.join("lon.960w.jpg"), "old copy").unwrap();
    site.build(&[]);
    assert!(!old.exists());
    let cache = site.path(".tuyenvan-cache/images/v2");
    let cached = fs::read_dir(&cache).unwrap().count();
    assert_eq!(
        cached,
        8 + 4 + 6,
        "lon: 3 widths + thumb, xoay: 1 + thumb, so-do: 2 + thumb, x2 formats"
    );
    assert!(
        !site.exists(".tuyenvan-cache"),
        "the cache is not published"
    );
    let before = fs::read(site.public().join(format!("{ARTICLE}lon.960w.webp"))).unwrap();
    // Nothing changed: the build record skips the whole build.
    let out = site.build(&[]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("processed"));
    // A changed article: the site is built again, every photo comes from the cache.
    let article = site.path("content/2024/bai-khong-anh-dai-dien.md");
    let text = fs::read_to_string(&article).unwrap();
    site.write(
        "content/2024/bai-khong-anh-dai-dien.md",
        &format!("{text}\nThêm một đoạn.\n"),
    );
    let out = site.build(&[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("(0 processed, 3 from the cache)"),
        "{stdout}"
    );
    assert_eq!(
        fs::read(site.public().join(format!("{ARTICLE}lon.960w.webp"))).unwrap(),
        before
    );

    // A changed photo is processed again; a quality change makes new copies of all.
    site.write_bytes("content/2024/anh-hoi-nghi/xoay.jpg", &photo(500, 500));
    let out = site.build(&[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("(1 processed, 2 from the cache)"));
    let (_, w, h, _) = decoded(&site, &format!("{ARTICLE}xoay.500w.jpg"));
    assert_eq!((w, h), (500, 500));
    assert!(
        !site.exists(&format!("{ARTICLE}xoay.300w.jpg")),
        "no stale copies"
    );
    let config = fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{config}images:\n  quality: 60\n  webp: false\n"),
    );
    let out = site.build(&[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("(3 processed, 0 from the cache)"));
    assert!(!site.exists(&format!("{ARTICLE}lon.960w.webp")));
    let small = fs::metadata(site.public().join(format!("{ARTICLE}lon.960w.jpg")))
        .unwrap()
        .len();
    assert!(small > 0);
}

#[test]
fn broken_missing_and_unsupported_photos_name_article_line_and_file() {
    let site = TestSite::new();
    let dir = "content/2024/anh-hong";
    site.write_bytes(
        &format!("{dir}/hong.jpg"),
        b"\xFF\xD8\xFF\xE0 not really a photo",
    );
    site.write_bytes(&format!("{dir}/cat.jpg"), &photo(64, 64)[..300]);
    site.write_bytes(&format!("{dir}/anh.heic"), b"ftypheic");
    site.article(
        &format!("{dir}/index.md"),
        "title: Ảnh hỏng\ndate: 2024-03-05\nimage: khong-co.jpg",
        "Sapo.\n\n![Ảnh hỏng](hong.jpg)\n\nChữ.\n\n![Ảnh cắt](cat.jpg)\n\n![Ảnh iPhone](anh.heic)\n\n![Ảnh thiếu](/anh/thieu.png)\n",
    );
    let stderr = site.build_fails(&[]);
    let file = "content/2024/anh-hong/index.md";
    for (line, message) in [
        (4, "image `khong-co.jpg` not found".to_string()),
        (
            8,
            format!("image `hong.jpg` ({dir}/hong.jpg) is damaged or not an image"),
        ),
        (
            12,
            format!("image `cat.jpg` ({dir}/cat.jpg) is damaged or not an image"),
        ),
        (
            14,
            "image `anh.heic` is not a JPEG, PNG, WebP, GIF or SVG file".to_string(),
        ),
        (16, "image `/anh/thieu.png` not found".to_string()),
    ] {
        let at = stderr
            .find(&format!("error: {message}"))
            .unwrap_or_else(|| panic!("{message}\nnot in\n{stderr}"));
        let location = stderr[at..].lines().nth(1).unwrap_or("");
        assert_eq!(location.trim(), format!("--> {file}:{line}:1"), "{stderr}");
    }
    assert!(stderr.contains("5 errors"), "{stderr}");
    assert!(!site.public().exists());
}

#[test]
fn check_reads_photos_but_makes_no_copies() {
    let site = photo_site();
    let out = site.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !site.path(".tuyenvan-cache/images").exists(),
        "check writes nothing"
    );
    site.write_bytes("content/2024/anh-hoi-nghi/xoay.jpg", b"hong");
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("image `xoay.jpg` (content/2024/anh-hoi-nghi/xoay.jpg) is damaged"),
        "{stderr}"
    );
}

/// A published photo is a hard link to its copy in the cache: it must be as readable as the
/// pages beside it, or a web server running as another user answers 403 for it.
#[cfg(unix)]
#[test]
fn published_photos_are_as_readable_as_the_pages_and_old_private_copies_are_repaired() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: std::path::PathBuf| fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    let site = photo_site();
    site.build(&[]);
    let page = mode(site.public().join(ARTICLE).join("index.html"));
    assert_ne!(
        page & 0o004,
        0o000,
        "the page itself is readable by all: {page:o}"
    );
    let photo = site.public().join(format!("{ARTICLE}lon.960w.webp"));
    assert_eq!(mode(photo.clone()), page, "a new copy");
    let cache = site.path(".tuyenvan-cache");
    assert_eq!(
        mode(cache.join("theme.json")),
        page,
        "the kept templates too"
    );

    // A copy an older version stored private to its owner (the published link shares it).
    let copies: Vec<_> = fs::read_dir(cache.join("images/v2"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for copy in &copies {
        fs::set_permissions(copy, fs::Permissions::from_mode(0o600)).unwrap();
    }
    assert_eq!(mode(photo.clone()), 0o600);
    site.write(
        "content/2024/bai-khong-anh-dai-dien.md",
        "---\ntitle: Bài không ảnh đại diện\ndate: 2024-02-01\n---\n\nSapo đã sửa.\n",
    );
    let out = site.build(&[]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("(0 processed, 3 from the cache)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(mode(photo), 0o644, "the published photo is readable again");
    for copy in &copies {
        assert_eq!(mode(copy.clone()), 0o644, "{}", copy.display());
    }
}
