//! Escaping text for the HTML pages, the XML and JSON feeds: every value a template prints
//! and every feed entry's body goes through here, so plain runs are skipped 16 bytes at a time.

use serde_json::Value;

/// How many bytes are checked at once.
const CHUNK: usize = 16;

/// Which bytes an escape replaces: tested one by one, or a whole chunk at once.
trait Special: Copy {
    fn byte(self, b: u8) -> bool;
    /// Bit `i` set when byte `i` of `chunk` is special.
    fn chunk(self, chunk: &[u8; CHUNK]) -> u32;
}

/// Bit `i` set when `special(chunk[i])`, without branching: the portable chunk test.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn chunk_bits(chunk: &[u8; CHUNK], special: impl Fn(u8) -> bool) -> u32 {
    chunk
        .iter()
        .enumerate()
        .fold(0, |bits, (i, &b)| bits | (u32::from(special(b)) << i))
}

/// The chunk tests in SSE2 instructions: the compiler turned the portable ones into some
/// seventy instructions per chunk, these are a dozen. Every x86-64 processor has SSE2 (it is
/// part of the architecture), which is what makes calling these functions safe.
#[cfg(target_arch = "x86_64")]
mod sse2 {
    use super::CHUNK;
    use std::arch::x86_64::{
        __m128i, _mm_and_si128, _mm_andnot_si128, _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8,
        _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
    };

    #[target_feature(enable = "sse2")]
    fn load(chunk: &[u8; CHUNK]) -> __m128i {
        let (low, high) = chunk.split_at(8);
        _mm_set_epi64x(half(high), half(low))
    }

    fn half(bytes: &[u8]) -> i64 {
        i64::from_le_bytes(bytes.try_into().unwrap_or_default())
    }

    #[target_feature(enable = "sse2")]
    fn splat(b: u8) -> __m128i {
        _mm_set1_epi8(i8::from_ne_bytes([b]))
    }

    /// Lanes equal to `b`.
    #[target_feature(enable = "sse2")]
    fn eq(x: __m128i, b: u8) -> __m128i {
        _mm_cmpeq_epi8(x, splat(b))
    }

    /// Lanes whose bits under `mask` equal `b`.
    #[target_feature(enable = "sse2")]
    fn masked_eq(x: __m128i, mask: u8, b: u8) -> __m128i {
        _mm_cmpeq_epi8(_mm_and_si128(x, splat(mask)), splat(b))
    }

    /// Lanes one of `&<>"'` (as `super::markup`).
    #[target_feature(enable = "sse2")]
    fn markup(x: __m128i) -> __m128i {
        let angle_or_amp = _mm_or_si128(masked_eq(x, 0xFD, b'<'), masked_eq(x, 0xFE, b'&'));
        _mm_or_si128(angle_or_amp, eq(x, b'"'))
    }

    /// Lanes below 0x20.
    #[target_feature(enable = "sse2")]
    fn control(x: __m128i) -> __m128i {
        _mm_cmpeq_epi8(_mm_min_epu8(x, splat(0x1F)), x)
    }

    #[target_feature(enable = "sse2")]
    fn bits(x: __m128i) -> u32 {
        _mm_movemask_epi8(x).cast_unsigned()
    }

    /// `super::Html`'s chunk test.
    #[target_feature(enable = "sse2")]
    pub(super) fn html(chunk: &[u8; CHUNK]) -> u32 {
        bits(markup(load(chunk)))
    }

    /// `super::Xml`'s chunk test.
    #[target_feature(enable = "sse2")]
    pub(super) fn xml(chunk: &[u8; CHUNK]) -> u32 {
        let x = load(chunk);
        let allowed = _mm_or_si128(_mm_or_si128(eq(x, b'\n'), eq(x, b'\r')), eq(x, b'\t'));
        bits(_mm_or_si128(
            markup(x),
            _mm_andnot_si128(allowed, control(x)),
        ))
    }

    /// `super::Json`'s chunk test.
    #[target_feature(enable = "sse2")]
    pub(super) fn json(chunk: &[u8; CHUNK]) -> u32 {
        let x = load(chunk);
        let quote_or_backslash = _mm_or_si128(eq(x, b'"'), eq(x, b'\\'));
        bits(_mm_or_si128(control(x), quote_or_backslash))
    }
}

/// `&<>"'`, for HTML.
#[derive(Clone, Copy)]
struct Html;

impl Special for Html {
    fn byte(self, b: u8) -> bool {
        markup(b)
    }

    #[cfg(target_arch = "x86_64")]
    fn chunk(self, chunk: &[u8; CHUNK]) -> u32 {
        // SAFETY: SSE2 is part of x86-64: every processor running this build has it.
        unsafe { sse2::html(chunk) }
    }

    #[cfg(not(target_arch = "x86_64"))]
    fn chunk(self, chunk: &[u8; CHUNK]) -> u32 {
        chunk_bits(chunk, markup)
    }
}

/// `&<>"'` and the control characters XML 1.0 forbids (all below 0x20 but tab and ends of
/// lines).
#[derive(Clone, Copy)]
struct Xml;

impl Special for Xml {
    fn byte(self, b: u8) -> bool {
        markup(b) | ((b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t'))
    }

    #[cfg(target_arch = "x86_64")]
    fn chunk(self, chunk: &[u8; CHUNK]) -> u32 {
        // SAFETY: SSE2 is part of x86-64: every processor running this build has it.
        unsafe { sse2::xml(chunk) }
    }

    #[cfg(not(target_arch = "x86_64"))]
    fn chunk(self, chunk: &[u8; CHUNK]) -> u32 {
        chunk_bits(chunk, |b| self.byte(b))
    }
}

/// Control characters, `"` and `\`, for JSON strings.
#[derive(Clone, Copy)]
struct Json;

impl Special for Json {
    fn byte(self, b: u8) -> bool {
        (b < 0x20) | (b == b'"') | (b == b'\\')
    }

    #[cfg(target_arch = "x86_64")]
    fn chunk(self, chunk: &[u8; CHUNK]) -> u32 {
        // SAFETY: SSE2 is part of x86-64: every processor running this build has it.
        unsafe { sse2::json(chunk) }
    }

    #[cfg(not(target_arch = "x86_64"))]
    fn chunk(self, chunk: &[u8; CHUNK]) -> u32 {
        chunk_bits(chunk, |b| self.byte(b))
    }
}

/// Where the first byte of `bytes` that is `special` is, or its length, found a chunk at a
/// time. The last chunk ends at the end of `bytes`, overlapping the one before (whose bytes
/// were found plain, so its first special byte is past them): testing the last few bytes
/// one by one cost more than all the chunks before.
fn next_special(bytes: &[u8], special: impl Special) -> usize {
    let len = bytes.len();
    if len < CHUNK {
        return bytes.iter().position(|&b| special.byte(b)).unwrap_or(len);
    }
    let mut at = 0;
    while at < len {
        let start = at.min(len - CHUNK);
        if let Some(chunk) = bytes[start..].first_chunk::<CHUNK>() {
            let bits = special.chunk(chunk);
            if bits != 0 {
                return start + bits.trailing_zeros() as usize;
            }
        }
        at = start + CHUNK;
    }
    len
}

/// Appends `text` to `out` with each byte for which `special` holds replaced by its
/// `entity`. Only ASCII bytes may be special, so every cut falls between characters.
fn escape_into(
    out: &mut String,
    text: &str,
    special: impl Special,
    entity: impl Fn(u8) -> &'static str,
) {
    let bytes = text.as_bytes();
    out.reserve(text.len() + 8);
    let mut copied = 0;
    loop {
        let at = copied + next_special(&bytes[copied..], special);
        out.push_str(&text[copied..at]);
        let Some(&byte) = bytes.get(at) else {
            return;
        };
        out.push_str(entity(byte));
        copied = at + 1;
    }
}

/// Whether `b` is one of `&<>"'`. Written as three masked comparisons (`<` 0x3C and `>`
/// 0x3E differ in one bit, as do `&` 0x26 and `'` 0x27): five plain comparisons become a
/// bit-test that the compiler vectorizes badly.
fn markup(b: u8) -> bool {
    ((b & 0xFD) == b'<') | ((b & 0xFE) == b'&') | (b == b'"')
}

/// Escapes text for HTML content and attributes (Tera's escape function for the theme).
pub(crate) fn html(text: &str) -> String {
    let mut out = String::new();
    html_into(&mut out, text);
    out
}

/// `html`, appended to `out`.
pub(crate) fn html_into(out: &mut String, text: &str) {
    escape_into(out, text, Html, |b| match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        _ => "&#39;",
    })
}

/// Escapes text for XML content and attributes, dropping the control characters XML 1.0
/// forbids (pasted text sometimes carries them).
pub(crate) fn xml(text: &str) -> String {
    // A feed escapes whole HTML bodies, whose every tag grows by a few bytes: room for them
    // at once, not a copy of the body when the string outgrows its first size.
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    xml_into(&mut out, text);
    out
}

/// `xml`, appended to `out`.
pub(crate) fn xml_into(out: &mut String, text: &str) {
    escape_into(out, text, Xml, |b| match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&apos;",
        _ => "",
    });
}

/// Writes `value` as compact JSON, byte for byte as `serde_json::to_writer` does (objects
/// in their map's order), its strings escaped by [`json_string`].
pub(crate) fn json(out: &mut String, value: &Value) {
    match value {
        Value::String(s) => json_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(out, key);
                out.push(':');
                json(out, item);
            }
            out.push('}');
        }
        // Numbers, booleans and null: serde_json's own spelling.
        other => out.push_str(&serde_json::to_string(other).unwrap_or_default()),
    }
}

/// Writes `text` as a JSON string as serde_json does (`"` and `\` escaped, control
/// characters as `\n`-style or `\u00xx` escapes, everything else as it is); serde_json
/// looks up every byte in a table, and a JSON feed's bodies made that a twentieth of a build.
pub(crate) fn json_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    json_string_inner(out, text);
    out.push('"');
}

/// `json_string` without the quotes: a string written in pieces is escaped piece by piece.
pub(crate) fn json_string_inner(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    out.reserve(bytes.len());
    let mut copied = 0;
    loop {
        let at = copied + next_special(&bytes[copied..], Json);
        out.push_str(&text[copied..at]);
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0C => out.push_str("\\f"),
            _ => {
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xF)]));
            }
        }
        copied = at + 1;
    }
}

#[cfg(test)]
mod tests {
    /// The plain byte-by-byte escaping the chunked one must match.
    fn slow(text: &str, entity: impl Fn(char) -> Option<&'static str>) -> String {
        text.chars()
            .map(|c| entity(c).map_or_else(|| c.to_string(), str::to_string))
            .collect()
    }

    fn slow_html(text: &str) -> String {
        slow(text, |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&#39;"),
            _ => None,
        })
    }

    fn slow_xml(text: &str) -> String {
        slow(text, |c| match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&apos;"),
            c if c < ' ' && !matches!(c, '\n' | '\r' | '\t') => Some(""),
            _ => None,
        })
    }

    #[test]
    fn escapes_like_the_plain_loop_at_every_position_and_length() {
        let pieces = [
            "Đảng ",
            "a",
            "&",
            "<b>",
            "\"",
            "'",
            "\u{1}",
            "\n\t\r",
            "Việt Nam ",
            "",
            "x",
            "ấ",
            "\u{1f}",
            "/",
        ];
        // Every length from 0 to 40 and every special byte at every offset, so that chunk
        // edges fall before, on and after each one.
        for len in 0..40 {
            for (p, piece) in pieces.iter().enumerate() {
                let mut text = "ê".repeat(len / 2) + &"o".repeat(len % 2);
                text.push_str(piece);
                text.push_str(&"n".repeat((len * 7 + p) % 23));
                text.push_str(pieces[(p + len) % pieces.len()]);
                assert_eq!(super::html(&text), slow_html(&text), "{text:?}");
                assert_eq!(super::xml(&text), slow_xml(&text), "{text:?}");
            }
        }
    }

    #[test]
    fn json_is_serde_jsons_compact_output() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        let mut strings = vec![
            String::new(),
            every_control.clone(),
            "Đảng \"trích\" \\ path\u{7f}\u{2028}</script>".to_string(),
            "a".repeat(15) + "\"" + &"ê".repeat(9) + "\n",
        ];
        for len in 0..34 {
            strings.push("x".repeat(len) + &every_control[len % 32..len % 32 + 1]);
        }
        let value = serde_json::json!({
            "strings": strings,
            "numbers": [0, -7, 18446744073709551615u64, 1.5, -0.25, 1e300, 3.0],
            "flags": [true, false, null],
            "nested": {"b": [{"x": {}}, []], "a": "ă", "\"key\n": 1},
        });
        let mut ours = String::new();
        super::json(&mut ours, &value);
        assert_eq!(ours, serde_json::to_string(&value).unwrap());
    }

    #[test]
    fn html_into_appends() {
        let mut out = "x".to_string();
        super::html_into(&mut out, "<a href='b'>");
        super::html_into(&mut out, "");
        assert_eq!(out, "x&lt;a href=&#39;b&#39;&gt;");
    }

    #[test]
    fn markup_is_exactly_the_five_characters() {
        for b in 0..=255u8 {
            assert_eq!(super::markup(b), b"&<>\"'".contains(&b), "{b:#x}");
        }
    }

    #[test]
    fn escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(
            super::html("Việt <b> & \"c\" 'd'\u{1}/"),
            "Việt &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;\u{1}/"
        );
        assert_eq!(
            super::xml("Việt <b> & \"c\" 'd'\u{1}\u{1f}\n\t\r/e"),
            "Việt &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\n\t\r/e"
        );
        assert_eq!(super::html(""), "");
        assert_eq!(
            super::xml("Đảng Cộng sản Việt Nam quang vinh"),
            "Đảng Cộng sản Việt Nam quang vinh"
        );
    }
}
