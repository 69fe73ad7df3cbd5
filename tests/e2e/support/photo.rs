//! Photos for tests and benchmarks: the fixture JPEG, and JPEG/PNG files made on the spot
//! (benches/images.rs includes this file too, so it uses nothing but `image` and `std`).

use image::{ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use std::fs;
use std::path::Path;

/// A small real JPEG (photos must decode: a damaged one fails the build).
pub fn photo_bytes() -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/basic/content/2023/hoi-nghi-tong-ket/anh.jpg"),
    )
    .expect("fixture photo")
}

/// `img` as a JPEG at quality 92, as a camera or an editor's export would save it.
pub fn jpeg(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode(
            img,
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode JPEG");
    out
}

/// A camera-like photo: smooth gradients and some texture.
pub fn photo(width: u32, height: u32) -> Vec<u8> {
    jpeg(&RgbImage::from_fn(width, height, |x, y| {
        Rgb([
            (x * 255 / width) as u8,
            (y * 255 / height) as u8,
            ((x ^ y) % 64 + 96) as u8,
        ])
    }))
}

/// A photo different for each `seed`, with grain, so that it compresses like a camera's
/// (a few MB at 4000x3000): what the photo benchmark feeds the build.
#[allow(dead_code)] // the tests want small, quick photos; only benches/images.rs calls it
pub fn camera_photo(seed: u32, width: u32, height: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    jpeg(&RgbImage::from_fn(width, height, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 24) as u8;
        Rgb([
            ((x + seed * 37) % 200) as u8 / 2 + grain,
            ((y + seed * 11) % 180) as u8 / 2 + grain,
            (((x / 7) ^ (y / 5)) % 90) as u8 + grain,
        ])
    }))
}

/// A JPEG stored 400x300, red on top and blue below, that says "turn me 90° clockwise"
/// (EXIF orientation 6): an APP1 segment spliced in right after the start marker.
pub fn rotated_photo() -> Vec<u8> {
    let img = RgbImage::from_fn(400, 300, |_, y| {
        if y < 150 {
            Rgb([220, 20, 20])
        } else {
            Rgb([20, 20, 220])
        }
    });
    let plain = jpeg(&img);
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&[0, 1]); // one entry
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // Orientation = 6
    tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
    let mut app1 = vec![0xFF, 0xE1];
    let len = (2 + 6 + tiff.len()) as u16;
    app1.extend_from_slice(&len.to_be_bytes());
    app1.extend_from_slice(b"Exif\0\0");
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

/// An 800x600 PNG whose right half is translucent (a diagram, not a photo).
pub fn png() -> Vec<u8> {
    let img = RgbaImage::from_fn(800, 600, |x, _| {
        Rgba([0, 120, 200, if x < 400 { 255 } else { 90 }])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, ImageFormat::Png)
        .expect("encode PNG");
    out.into_inner()
}
