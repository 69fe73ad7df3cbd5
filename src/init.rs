//! `tuyenvan init [FOLDER]`: a ready site for a new unit (site.yaml with every key commented
//! in Vietnamese, a sample article with a photo, a "Giới thiệu" page) that builds, and checks
//! clean once the editor has filled in the publisher's placeholders.
//!
//! The files are planned in memory, written to a temporary folder beside the target and moved
//! into place only when all are written, so an interrupted run leaves nothing half made.

use crate::error::Diagnostic;
use chrono::{DateTime, Datelike};
use std::path::{Path, PathBuf};

/// One file of the new site, by path relative to its folder.
pub struct NewFile {
    pub rel: PathBuf,
    pub bytes: Vec<u8>,
}

/// The folder of the sample article (a bundle: its photo lives beside it).
const SAMPLE: &str = "chao-mung-den-voi-trang-thong-tin-tuyen-van";

const SITE_YAML: &str = r#"# Cấu hình trang "Thông tin tuyên vận". Sửa các giá trị dưới đây cho đơn vị của mình;
# dòng bắt đầu bằng # là ghi chú, tuyenvan bỏ qua. Hướng dẫn đầy đủ: README.md của tuyenvan.

# Tên trang, hiện ở đầu mọi trang và trong tiêu đề thẻ trình duyệt. (bắt buộc)
title: "Thông tin tuyên vận"

# Địa chỉ đầy đủ nơi trang được đăng, kết thúc bằng "/". Có thể có đường dẫn con,
# ví dụ https://tinh.gov.vn/thong-tin-tuyen-van/ (bắt buộc)
base_url: "https://example.gov.vn/thong-tin-tuyen-van/"

# Một câu giới thiệu trang, dùng cho máy tìm kiếm và mạng xã hội.
description: "Tin tức công tác tuyên giáo, dân vận và xây dựng Đảng"

# Ngôn ngữ của trang (vi: tiếng Việt).
language: "vi"

# Múi giờ: ngày giờ viết trong bài (không ghi múi giờ) được hiểu theo múi giờ này.
timezone: "Asia/Ho_Chi_Minh"

# Giao diện: thư mục trong themes/. "default" là giao diện có sẵn trong tuyenvan.
theme: "default"

# Số bài trên mỗi trang danh sách (trang chủ, chuyên mục, tác giả, thẻ).
paginate: 20

# Mẫu địa chỉ của bài viết và trang tĩnh: :year (năm), :month (tháng), :day (ngày),
# :slug (tiêu đề viết không dấu).
permalinks:
  article: "/:year/:month/:slug/"
  page: "/:slug/"

# Thanh menu trên cùng: tên và địa chỉ; địa chỉ bắt đầu bằng "/" tính từ base_url.
menu:
  - name: "Trang chủ"
    url: "/"
  - name: "Giới thiệu"
    url: "/gioi-thieu/"

# Đơn vị đăng tin, hiện ở chân mọi trang. Trang của cơ quan nhà nước phải ghi rõ cơ quan
# chủ quản (owner) và người chịu trách nhiệm nội dung (responsible): thay chữ trong ngoặc
# vuông [...] bằng thông tin của đơn vị; lệnh `tuyenvan check` nhắc cho đến khi điền xong.
# license: số giấy phép, ví dụ "Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông
# cấp ngày 15/3/2021". Để trống ("") những dòng không dùng.
publisher:
  name: "Ban Tuyên giáo và Dân vận"
  owner: "[Tên cơ quan chủ quản, ví dụ: Huyện ủy Phù Vân]"
  responsible: "[Họ tên, chức vụ người chịu trách nhiệm nội dung]"
  address: ""
  phone: ""
  email: ""
  license: ""

# Thông tin tác giả (không bắt buộc), hiện trên trang tác giả và dưới bài viết.
authors:
  "Ban biên tập":
    affiliation: "Ban Tuyên giáo và Dân vận"
    bio: ""

# Dữ liệu thêm cho giao diện. Giao diện mặc định đọc extra.logo: đường dẫn hoặc
# địa chỉ ảnh biểu trưng, ví dụ logo: "/anh/logo.png".
extra: {}

# Cách thu nhỏ ảnh: các chiều rộng (điểm ảnh) của bản thu nhỏ, chất lượng JPEG/WebP
# (1 đến 100), và có làm thêm bản WebP (nhẹ hơn) hay không.
images:
  widths: [480, 960, 1600]
  quality: 80
  webp: true
"#;

const ABOUT: &str = r#"---
title: "Giới thiệu"
date: {DATE}
kind: page
summary: "Trang thông tin tuyên vận của đơn vị."
---
Trang thông tin tuyên vận đăng tin tức về công tác tuyên giáo, dân vận và xây dựng Đảng
của đơn vị.

Sửa trang này trong tệp `content/gioi-thieu.md`: giới thiệu đơn vị, địa chỉ liên hệ,
cách gửi tin bài.
"#;

const ARTICLE: &str = r#"---
title: "Chào mừng đến với trang Thông tin tuyên vận"
date: {DATE}
author: "Ban biên tập"
category: "Tin hoạt động"
tags: [hướng dẫn]
image: anh.jpg
image_alt: "Ảnh minh họa: bầu trời và cánh đồng"
image_caption: "Ảnh minh họa đi kèm bài mẫu"
---
Đây là bài viết mẫu. Đoạn đầu tiên của bài là sapo (phần tóm tắt), hiện ở danh sách bài
và đầu trang bài viết.

Mỗi bài là một tệp Markdown trong thư mục `content/`. Phần đầu, giữa hai dòng `---`, ghi
tiêu đề, ngày đăng, tác giả, chuyên mục và thẻ. Bài này nằm trong một thư mục riêng, cùng
với ảnh của nó (`anh.jpg`).

Viết bài mới bằng lệnh `tuyenvan new "Tiêu đề bài viết"`, xem trước bằng `tuyenvan serve`,
kiểm tra bằng `tuyenvan check` và đăng bằng `tuyenvan build`.
"#;

const GITIGNORE: &str = "# Do tuyenvan tạo ra, không cần lưu\npublic/\n.tuyenvan-cache/\n";

/// Every file of a new site; `today` dates the sample article and page.
pub fn files(today: DateTime<chrono_tz::Tz>) -> Vec<NewFile> {
    let date = format!(
        "{:04}-{:02}-{:02}",
        today.year(),
        today.month(),
        today.day()
    );
    let text = |rel: String, body: &str| NewFile {
        rel: PathBuf::from(rel),
        bytes: body.replace("{DATE}", &date).into_bytes(),
    };
    let folder = format!("content/{:04}/{SAMPLE}", today.year());
    vec![
        text("site.yaml".into(), SITE_YAML),
        text(".gitignore".into(), GITIGNORE),
        text("content/gioi-thieu.md".into(), ABOUT),
        text(format!("{folder}/index.md"), ARTICLE),
        NewFile {
            rel: PathBuf::from(format!("{folder}/anh.jpg")),
            bytes: sample_photo(),
        },
    ]
}

/// A small real photo, drawn here: a sky over a field with a red band, as JPEG.
fn sample_photo() -> Vec<u8> {
    let (width, height) = (960u32, 640u32);
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        let horizon = height * 3 / 5;
        let t = (y * 255 / height) as u8;
        if y < horizon {
            image::Rgb([
                120u8.saturating_add(t / 2),
                170u8.saturating_add(t / 3),
                230,
            ])
        } else if y < horizon + 24 {
            image::Rgb([165, 14, 24])
        } else {
            let stripe = ((x / 40 + y / 40) % 2) as u8 * 18;
            image::Rgb([70 + stripe, 140u8.saturating_sub(t / 4), 50])
        }
    });
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, 85);
    // Encoding into memory fails only on a programming error; an empty photo would then be
    // reported by the build as damaged, naming the file.
    let _ = picture.write_with_encoder(encoder);
    bytes
}

/// Writes a new site into `folder` (created if needed); returns the files written, relative
/// to it. Refuses a folder that holds a `site.yaml` or any file it would write.
pub fn create(folder: &Path, files: &[NewFile]) -> Result<Vec<PathBuf>, Diagnostic> {
    refuse_existing(folder, files)?;
    let parent = match folder.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| io_error(&parent, &e))?;
    let staging = tempfile::Builder::new()
        .prefix(".tuyenvan-init-")
        .tempdir_in(&parent)
        .map_err(|e| io_error(&parent, &e))?;
    for file in files {
        let path = staging.path().join(&file.rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
        }
        std::fs::write(&path, &file.bytes).map_err(|e| io_error(&path, &e))?;
    }
    move_into_place(staging, folder)?;
    Ok(files.iter().map(|f| f.rel.clone()).collect())
}

fn refuse_existing(folder: &Path, files: &[NewFile]) -> Result<(), Diagnostic> {
    if folder.join("site.yaml").exists() {
        return Err(
            Diagnostic::new(folder.join("site.yaml"), crate::tr!("init-site-exists"))
                .with_help(crate::tr!("init-choose-folder")),
        );
    }
    if folder.exists() && !folder.is_dir() {
        return Err(Diagnostic::new(folder, crate::tr!("init-is-file"))
            .with_help(crate::tr!("init-choose-folder")));
    }
    // The first folder or file of ours already there: nothing of it may be overwritten.
    let taken = files
        .iter()
        .filter_map(|f| f.rel.components().next())
        .map(|c| folder.join(c))
        .find(|p| p.exists());
    match taken {
        Some(path) => Err(Diagnostic::new(&path, crate::tr!("init-taken"))
            .with_help(crate::tr!("init-empty-folder"))),
        None => Ok(()),
    }
}

/// Renames the staged site to `folder`, or, when `folder` exists (empty or without any of
/// our names), moves each of its entries in, `site.yaml` last: a folder with a `site.yaml`
/// is then always a whole site.
fn move_into_place(staging: tempfile::TempDir, folder: &Path) -> Result<(), Diagnostic> {
    if !folder.exists() {
        let path = staging.keep();
        return std::fs::rename(&path, folder).map_err(|e| {
            let _ = std::fs::remove_dir_all(&path);
            io_error(folder, &e)
        });
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(staging.path())
        .map_err(|e| io_error(staging.path(), &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort_by_key(|p| p.file_name().is_some_and(|n| n == "site.yaml"));
    for from in entries {
        let Some(name) = from.file_name() else {
            continue;
        };
        let to = folder.join(name);
        std::fs::rename(&from, &to).map_err(|e| io_error(&to, &e))?;
    }
    Ok(())
}

fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(path, crate::tr!("output-write"))
        .with_help(crate::tr!("output-io-help"))
        .with_note(crate::tr!("note-system", detail = e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_sample_photo_is_a_real_jpeg() {
        let bytes = sample_photo();
        let photo = image::load_from_memory(&bytes).unwrap();
        assert_eq!((photo.width(), photo.height()), (960, 640));
        assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    }

    #[test]
    fn files_are_dated_today() {
        let today = chrono_tz::Asia::Ho_Chi_Minh
            .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .unwrap();
        let all = files(today);
        let article = all.iter().find(|f| f.rel.ends_with("index.md")).unwrap();
        assert!(article.rel.starts_with("content/2026"));
        assert!(String::from_utf8_lossy(&article.bytes).contains("date: 2026-12-01\n"));
    }
}
