//! Escaping text for the HTML pages, the XML and JSON feeds: every value a template prints
//! and every feed entry's body goes through here, so plain runs are skipped 16 bytes at a time.

use serde_json::Value;

/// How many bytes are checked at once.
const CHUNK: usize = 16;

/// Where the first byte of `bytes` for which `special` holds is, or its length. `special`
/// tests a whole chunk without branching, which the compiler turns into a few vector
/// instructions. The last chunk ends at the end of `bytes`, overlapping the one before
/// (whose bytes were found plain): testing the last few bytes one by one cost more than all
/// the chunks before.
fn next_special(bytes: &[u8], special: impl Fn(u8) -> bool) -> usize {
    let len = bytes.len();
    if len < CHUNK {
        return bytes.iter().position(|&b| special(b)).unwrap_or(len);
    }
    let mut at = 0;
    while at < len {
        let start = at.min(len - CHUNK);
        if let Some(chunk) = bytes[start..].first_chunk::<CHUNK>() {
            if chunk.iter().fold(false, |any, &b| any | special(b)) {
                return chunk
                    .iter()
                    .position(|&b| special(b))
                    .map_or(len, |i| start + i);
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
    special: impl Fn(u8) -> bool + Copy,
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
    escape_into(out, text, markup, |b| match b {
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
    escape_into(
        out,
        text,
        |b| markup(b) | ((b < 0x20) & (b != b'\n') & (b != b'\r') & (b != b'\t')),
        |b| match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => "",
        },
    );
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
        let at = copied
            + next_special(&bytes[copied..], |b| {
                (b < 0x20) | (b == b'"') | (b == b'\\')
            });
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
