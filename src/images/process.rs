//! The images stage's I/O edge: reads each photo once, hashes it, and makes every copy the
//! cache does not hold yet (decode, turn upright, resize, encode without metadata, store).

use super::{variants, Format, Processed, Variant};
use crate::config::ImageSettings;
use crate::tr;
use fast_image_resize as fir;
use image::{DynamicImage, ImageDecoder, ImageReader};
use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// Bump when the bytes of a copy would change for the same source and settings.
const CACHE_VERSION: &str = "v2";

/// The cache folder of this version of the copies under `cache_root`.
pub(crate) fn cache_dir(cache_root: &Path) -> PathBuf {
    cache_root.join("images").join(CACHE_VERSION)
}

/// Removes the copies an earlier version of tuyenvan made (`images/v1` beside `images/v2`):
/// no build reads them again, and an archive's copies take gigabytes.
pub(crate) fn remove_old_versions(cache_root: &Path) {
    let Ok(entries) = fs::read_dir(cache_root.join("images")) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name() != CACHE_VERSION && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Why a photo's copies could not be had: the photo itself, or the disk of the cache.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Failure {
    /// The file is damaged, unreadable or cannot be resized: the editor's to fix.
    Photo(String),
    /// The copy could not be written to the cache: a disk or permission problem.
    Cache(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Photo(why) | Failure::Cache(why) => f.write_str(why),
        }
    }
}

/// Makes (or finds) every copy of the photo at `abs`; with `make` false (`check`) only
/// reads the photo's header and names the copies. The error says what is wrong with the
/// file, in words for an editor. The build reads and hashes photos in `batch`; this whole
/// step is what the tests call.
#[cfg(test)]
pub(crate) fn process(
    abs: &Path,
    format: Format,
    settings: &ImageSettings,
    cache: &Path,
    make: bool,
) -> Result<Processed, Failure> {
    let (bytes, hash) = read_hashed(abs)?;
    process_bytes(bytes, &hash, format, settings, cache, make)
}

/// The photo's bytes and the content hash that names its copies in the cache.
pub(crate) fn read_hashed(abs: &Path) -> Result<(Vec<u8>, String), Failure> {
    let bytes = fs::read(abs)
        .map_err(|e| Failure::Photo(tr!("photo-unreadable", detail = e.to_string())))?;
    let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&bytes));
    Ok((bytes, hash))
}

/// `process` for bytes already read and hashed.
pub(crate) fn process_bytes(
    bytes: Vec<u8>,
    hash: &str,
    format: Format,
    settings: &ImageSettings,
    cache: &Path,
    make: bool,
) -> Result<Processed, Failure> {
    let reader = ImageReader::new(Cursor::new(&bytes[..]))
        .with_guessed_format()
        .map_err(|e| Failure::Photo(tr!("photo-unreadable", detail = e.to_string())))?;
    let mut decoder = reader.into_decoder().map_err(|e| broken(&e))?;
    let orientation = decoder.orientation().map_err(|e| broken(&e))?;
    let (w, h) = decoder.dimensions();
    let (width, height) = if turns_sideways(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    if width == 0 || height == 0 {
        return Err(Failure::Photo(tr!("photo-empty")));
    }
    let files: Vec<(Variant, PathBuf)> = variants(width, height, format, settings)
        .into_iter()
        .map(|v| {
            let name = v.cache_name(hash, settings.quality);
            (v, cache.join(name))
        })
        .collect();
    let missing: Vec<&(Variant, PathBuf)> = files.iter().filter(|(_, p)| !in_cache(p)).collect();
    if missing.is_empty() || !make {
        return Ok(Processed {
            width,
            height,
            files,
            made: 0,
        });
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| broken(&e))?;
    drop(bytes);
    image.apply_orientation(orientation);
    fs::create_dir_all(cache).map_err(|e| cache_error(cache, &e))?;
    make_copies(Pixels::from(image), &files, &missing, settings)?;
    Ok(Processed {
        width,
        height,
        made: missing.len(),
        files,
    })
}

/// Whether a copy is in the cache. A copy stored by an older version, readable by its owner
/// only, is made readable by all: the published photo is a hard link to it, and a web
/// server running as another user answered 403 for it.
fn in_cache(copy: &Path) -> bool {
    match fs::metadata(copy) {
        Ok(meta) if meta.is_file() => {
            make_readable(copy, &meta);
            true
        }
        _ => false,
    }
}

#[cfg(unix)]
fn make_readable(copy: &Path, meta: &fs::Metadata) {
    use std::os::unix::fs::PermissionsExt;
    if meta.permissions().mode() & 0o044 != 0o044 {
        // A copy that stays private still builds: only the web server may refuse it.
        let _ = fs::set_permissions(copy, fs::Permissions::from_mode(0o644));
    }
}

#[cfg(not(unix))]
fn make_readable(_copy: &Path, _meta: &fs::Metadata) {}

/// Resizes and encodes the `missing` copies of an upright photo into the cache.
fn make_copies(
    upright: Pixels,
    files: &[(Variant, PathBuf)],
    missing: &[&(Variant, PathBuf)],
    settings: &ImageSettings,
) -> Result<(), Failure> {
    let mut resizer = fir::Resizer::new();
    let largest = files
        .iter()
        .filter(|(v, _)| !v.thumb)
        .max_by_key(|(v, _)| v.width);
    let base = match largest {
        Some((v, _)) if v.width < upright.width => upright.resized(&mut resizer, v)?,
        _ => upright,
    };
    let mut sized: Option<((u32, u32, bool), Pixels)> = None;
    for (variant, path) in missing {
        let key = (variant.width, variant.height, variant.thumb);
        let pixels = if key == (base.width, base.height, false) {
            &base
        } else {
            if sized.as_ref().map(|(k, _)| *k) != Some(key) {
                sized = Some((key, base.resized(&mut resizer, variant)?));
            }
            sized.as_ref().map_or(&base, |(_, p)| p)
        };
        store(path, &pixels.encode(variant.format, settings.quality)?)?;
    }
    Ok(())
}

fn broken(e: &image::ImageError) -> Failure {
    let why = e.to_string();
    Failure::Photo(tr!(
        "photo-broken",
        detail = why.split_whitespace().collect::<Vec<_>>().join(" ")
    ))
}

fn cache_error(path: &Path, e: &std::io::Error) -> Failure {
    Failure::Cache(tr!(
        "photo-cache-write",
        dir = path.display().to_string(),
        detail = e.to_string()
    ))
}

fn turns_sideways(o: image::metadata::Orientation) -> bool {
    use image::metadata::Orientation as O;
    matches!(
        o,
        O::Rotate90 | O::Rotate270 | O::Rotate90FlipH | O::Rotate270FlipH
    )
}

/// Writes a copy into the cache under a temporary name of its own first, then renames it:
/// a killed build never leaves a half-written copy that a later build would trust, and two
/// writers of one copy (two builds sharing the cache, `serve` beside `build`) never
/// share a temporary file. Whichever rename comes last wins; both wrote the same bytes.
fn store(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp =
        crate::output::readable_temp_file(dir, ".tmp-").map_err(|e| cache_error(dir, &e))?;
    tmp.write_all(bytes)
        .map_err(|e| cache_error(tmp.path(), &e))?;
    tmp.persist(path)
        .map(drop)
        .map_err(|e| cache_error(path, &e.error))
}

/// Upright 8-bit pixels, RGB or RGBA.
struct Pixels {
    width: u32,
    height: u32,
    alpha: bool,
    data: Vec<u8>,
}

impl From<DynamicImage> for Pixels {
    fn from(image: DynamicImage) -> Self {
        let (width, height) = (image.width(), image.height());
        if image.color().has_alpha() {
            Pixels {
                width,
                height,
                alpha: true,
                data: image.into_rgba8().into_raw(),
            }
        } else {
            Pixels {
                width,
                height,
                alpha: false,
                data: image.into_rgb8().into_raw(),
            }
        }
    }
}

impl Pixels {
    fn pixel_type(&self) -> fir::PixelType {
        if self.alpha {
            fir::PixelType::U8x4
        } else {
            fir::PixelType::U8x3
        }
    }

    /// A resized copy; thumbnails are cropped around the centre to their proportions.
    fn resized(&self, resizer: &mut fir::Resizer, v: &Variant) -> Result<Pixels, Failure> {
        let src =
            fir::images::ImageRef::new(self.width, self.height, &self.data, self.pixel_type())
                .map_err(|e| Failure::Photo(tr!("photo-resize", detail = e.to_string())))?;
        let mut dst = fir::images::Image::new(v.width, v.height, self.pixel_type());
        let mut options = fir::ResizeOptions::new()
            .resize_alg(fir::ResizeAlg::Convolution(fir::FilterType::Lanczos3));
        if v.thumb {
            options = options.fit_into_destination(Some((0.5, 0.5)));
        }
        resizer
            .resize(&src, &mut dst, &options)
            .map_err(|e| Failure::Photo(tr!("photo-resize", detail = e.to_string())))?;
        Ok(Pixels {
            width: v.width,
            height: v.height,
            alpha: self.alpha,
            data: dst.into_vec(),
        })
    }

    /// Encoded bytes; only pixels are written, no EXIF, XMP or comments.
    fn encode(&self, format: Format, quality: u8) -> Result<Vec<u8>, Failure> {
        let failed =
            |e: &dyn std::fmt::Display| Failure::Photo(tr!("photo-encode", detail = e.to_string()));
        let color = if self.alpha {
            image::ExtendedColorType::Rgba8
        } else {
            image::ExtendedColorType::Rgb8
        };
        let mut out = Vec::new();
        match format {
            Format::Jpeg => {
                // jpeg-encoder (4:2:0, AVX2 when the processor has it) is three to four
                // times faster than image's encoder and its files are about a fifth smaller.
                let (width, height) = match (u16::try_from(self.width), u16::try_from(self.height))
                {
                    (Ok(w), Ok(h)) => (w, h),
                    _ => {
                        return Err(Failure::Photo(tr!(
                            "photo-jpeg-too-large",
                            width = self.width,
                            height = self.height
                        )))
                    }
                };
                let color = if self.alpha {
                    jpeg_encoder::ColorType::Rgba
                } else {
                    jpeg_encoder::ColorType::Rgb
                };
                jpeg_encoder::Encoder::new(&mut out, quality)
                    .encode(&self.data, width, height, color)
                    .map_err(|e| failed(&e))?;
            }
            Format::Png => {
                use image::ImageEncoder;
                image::codecs::png::PngEncoder::new(&mut out)
                    .write_image(&self.data, self.width, self.height, color)
                    .map_err(|e| failed(&e))?;
            }
            Format::Webp => {
                let encoder = if self.alpha {
                    webp::Encoder::from_rgba(&self.data, self.width, self.height)
                } else {
                    webp::Encoder::from_rgb(&self.data, self.width, self.height)
                };
                // Graphics with transparency (PNG logos, charts) stay sharp lossless.
                let memory = encoder
                    .encode_simple(self.alpha, f32::from(quality))
                    .map_err(|e| failed(&format!("{e:?}")))?;
                out.extend_from_slice(&memory);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode(&img, width, height, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    #[test]
    fn makes_copies_once_then_finds_them_in_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("anh.jpg");
        fs::write(&photo, jpeg(1000, 500)).unwrap();
        let cache = dir.path().join("cache");
        let settings = ImageSettings::default();
        let first = process(&photo, Format::Jpeg, &settings, &cache, true).unwrap();
        assert_eq!((first.width, first.height, first.made), (1000, 500, 8));
        let (thumb, path) = &first.files[6];
        assert!(thumb.thumb);
        let decoded = image::open(path).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (360, 240));
        let webp = image::open(&first.files[5].1).unwrap();
        assert_eq!((webp.width(), webp.height()), (1000, 500));
        let second = process(&photo, Format::Jpeg, &settings, &cache, true).unwrap();
        assert_eq!(second.made, 0);
        assert_eq!(second.files, first.files);
    }

    #[test]
    fn jpeg_copies_keep_their_size_and_drop_transparency() {
        let pixels = |alpha: bool| {
            let channels = if alpha { 4 } else { 3 };
            Pixels {
                width: 300,
                height: 200,
                alpha,
                data: (0..300 * 200 * channels).map(|i| (i % 251) as u8).collect(),
            }
        };
        for alpha in [false, true] {
            let bytes = pixels(alpha).encode(Format::Jpeg, 80).unwrap();
            let decoded = image::load_from_memory(&bytes).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (300, 200));
            assert!(!decoded.color().has_alpha());
        }
    }

    #[test]
    fn a_copy_too_tall_for_jpeg_is_a_clear_error() {
        let tall = Pixels {
            width: 2,
            height: 70_000,
            alpha: false,
            data: vec![128; 2 * 70_000 * 3],
        };
        let e = tall.encode(Format::Jpeg, 80).unwrap_err();
        assert!(matches!(e, Failure::Photo(_)));
        let e = e.to_string();
        assert!(e.contains("JPEG") && e.contains("65535"), "{e}");
    }

    #[test]
    fn damaged_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let photo = dir.path().join("hong.jpg");
        let mut bytes = jpeg(64, 64);
        bytes.truncate(200);
        fs::write(&photo, bytes).unwrap();
        let e = process(
            &photo,
            Format::Jpeg,
            &ImageSettings::default(),
            dir.path(),
            true,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("damaged"), "{e}");
        fs::write(&photo, "không phải ảnh").unwrap();
        let e = process(
            &photo,
            Format::Jpeg,
            &ImageSettings::default(),
            dir.path(),
            true,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("damaged"), "{e}");
    }
}
