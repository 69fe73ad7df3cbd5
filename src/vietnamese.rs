//! Everything that must be right about Vietnamese text: slugs, search folding, the
//! identity of terms written with different tone placement, alphabetical order and dates.
//! Pure functions only; no I/O and no knowledge of articles or pages.

use chrono::{DateTime, Datelike, TimeZone, Timelike, Weekday};
use std::cmp::Ordering;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

const TONE_GRAVE: char = '\u{0300}';
const TONE_ACUTE: char = '\u{0301}';
const TONE_TILDE: char = '\u{0303}';
const TONE_HOOK: char = '\u{0309}';
const TONE_DOT: char = '\u{0323}';

fn tone_rank(mark: char) -> Option<u8> {
    // Dictionary order of the six tones: ngang, huyền, hỏi, ngã, sắc, nặng.
    match mark {
        TONE_GRAVE => Some(1),
        TONE_HOOK => Some(2),
        TONE_TILDE => Some(3),
        TONE_ACUTE => Some(4),
        TONE_DOT => Some(5),
        _ => None,
    }
}

/// NFC form of `text`: what every published string is.
pub fn nfc(text: &str) -> String {
    if is_nfc(text) {
        text.to_string()
    } else {
        text.nfc().collect()
    }
}

/// Text as every stage wants it: no byte-order mark, LF line ends, NFC. Editors save
/// site.yaml, templates and articles from Windows and macOS alike.
pub fn source_text(raw: &str) -> String {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if text.contains('\r') {
        nfc(&text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        nfc(text)
    }
}

/// Whether `text` already is NFC, as most text is: checking is far cheaper than recomposing.
pub fn is_nfc(text: &str) -> bool {
    only_plain_starters(text)
        || unicode_normalization::is_nfc_quick(text.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Whether `text` is made only of letters up to U+02FF, Vietnamese precomposed letters
/// (U+1EA0-U+1EF9) and typographic punctuation (U+2002-U+206F): starters that never compose
/// with what precedes them, so such text is NFC without the general check, which looks up
/// every character's class. Read from the UTF-8 bytes: every article's text comes here.
fn only_plain_starters(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = next_lead_from_u0300(bytes, i) {
        // `text` is UTF-8: a three-byte lead is followed by two continuation bytes.
        let (Some(&second), Some(&third)) = (bytes.get(at + 1), bytes.get(at + 2)) else {
            return false;
        };
        let plain = match bytes[at] {
            // U+1EA0..=U+1EF9.
            0xE1 => (second == 0xBA && third >= 0xA0) || (second == 0xBB && third <= 0xB9),
            // U+2002..=U+206F.
            0xE2 => (second == 0x80 && third >= 0x82) || (second == 0x81 && third <= 0xAF),
            _ => false,
        };
        if !plain {
            return false;
        }
        i = at + 3;
    }
    true
}

/// Where the next character from U+0300 on starts in `bytes[from..]`: the next byte from
/// 0xCC, as ASCII, continuation bytes (below 0xC0) and the leads of U+0080..U+02FF (up to
/// 0xCB) are all below it. Read eight bytes at a time: a byte is from 0xCC when its high bit
/// is set and its low seven bits plus 0x34 reach 0x80 (no carry crosses into the next byte).
fn next_lead_from_u0300(bytes: &[u8], from: usize) -> Option<usize> {
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const LOW: u64 = u64::from_ne_bytes([0x7F; 8]);
    const UP_TO_0X80: u64 = u64::from_ne_bytes([0x80 - 0x4C; 8]);
    let mut i = from;
    while let Some(eight) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
        let marked = word & ((word & LOW) + UP_TO_0X80) & HIGH;
        if marked != 0 {
            return Some(i + (marked.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| b >= 0xCC).map(|at| i + at)
}

/// The characters `only_plain_starters` accepts, one at a time: what its bytes are tested
/// against.
#[cfg(test)]
fn is_plain_starter(c: char) -> bool {
    c < '\u{300}'
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
        || ('\u{2002}'..='\u{206F}').contains(&c)
}

/// Lowercase, NFC, with every tone and vowel mark removed and `đ` turned into `d`: the
/// one folding shared by the search index and the search query.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(folded) = folded_letter(c) {
            out.push(folded);
        } else {
            fold_char(c, &mut out);
        }
    }
    out
}

/// `fold` of one character. Folding goes character by character: the marks that
/// decomposition would reorder are all dropped, so their order never shows.
fn fold_char(c: char, out: &mut String) {
    for part in std::iter::once(c).nfd() {
        if is_combining_mark(part) {
            continue;
        }
        match part {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(part.to_lowercase()),
        }
    }
}

/// Latin letters with marks (U+00C0..U+024F and U+1E00..U+1EFF, every Vietnamese one among
/// them) folded to one letter, looked up instead of decomposed: every title, name and
/// searched word is folded.
fn folded_letter(c: char) -> Option<char> {
    const RANGES: [(u32, u32); 2] = [(0xC0, 0x24F), (0x1E00, 0x1EFF)];
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = Vec::new();
        for (first, last) in RANGES {
            for code in first..=last {
                let mut folded = String::new();
                if let Some(letter) = char::from_u32(code) {
                    fold_char(letter, &mut folded);
                }
                let mut chars = folded.chars();
                table.push(match (chars.next(), chars.next()) {
                    (Some(one), None) => one,
                    _ => '\0',
                });
            }
        }
        table
    });
    let code = u32::from(c);
    let mut offset = 0;
    for (first, last) in RANGES {
        if (first..=last).contains(&code) {
            let folded = table[(offset + code - first) as usize];
            return (folded != '\0').then_some(folded);
        }
        offset += last - first + 1;
    }
    None
}

/// URL slug: ASCII, lowercase, words joined by `-`; the same for NFC and NFD input.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(&fold(text));
    let mut slug = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Key under which two spellings of one term are the same term: case, normalization and
/// the placement of the tone mark within a syllable (`Tỉnh ủy` / `Tỉnh uỷ`) do not count.
pub fn term_identity(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut tone = None;
        for c in word.nfd() {
            if let Some(rank) = tone_rank(c) {
                tone = Some(rank);
            } else {
                out.extend(c.to_lowercase());
            }
        }
        if let Some(rank) = tone {
            out.push(char::from(b'0' + rank));
        }
    }
    out.nfc().collect()
}

fn letter_rank(base: char, marks: &[char]) -> u32 {
    let has = |m: char| marks.contains(&m);
    let lower = base.to_ascii_lowercase();
    // a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z)
    let rank = match lower {
        'a' if has('\u{0306}') => 2,
        'a' if has('\u{0302}') => 3,
        'a' => 1,
        'b' => 4,
        'c' => 5,
        'd' => 6,
        'e' if has('\u{0302}') => 9,
        'e' => 8,
        'f' => 10,
        'g' => 11,
        'h' => 12,
        'i' => 13,
        'j' => 14,
        'k' => 15,
        'l' => 16,
        'm' => 17,
        'n' => 18,
        'o' if has('\u{0302}') => 20,
        'o' if has('\u{031B}') => 21,
        'o' => 19,
        'p' => 22,
        'q' => 23,
        'r' => 24,
        's' => 25,
        't' => 26,
        'u' if has('\u{031B}') => 28,
        'u' => 27,
        'v' => 29,
        'w' => 30,
        'x' => 31,
        'y' => 32,
        'z' => 33,
        _ => return 0,
    };
    100 + rank
}

/// Sort key for Vietnamese alphabetical order: letters in the Vietnamese alphabet's order
/// first, then tone marks (a à ả ã á ạ), then case.
fn collation_key(text: &str) -> (Vec<u32>, Vec<u8>, Vec<bool>) {
    let mut letters = Vec::with_capacity(text.len());
    let mut tones = Vec::new();
    let mut cases = Vec::new();
    let nfc_text: String = text.nfc().collect();
    for c in nfc_text.chars() {
        let decomposed: Vec<char> = std::iter::once(c).nfd().collect();
        let base = decomposed[0];
        let marks = &decomposed[1..];
        let rank = match base {
            'đ' | 'Đ' => 107,
            c if c.is_ascii_alphabetic() => letter_rank(c, marks),
            c if c.is_ascii_digit() => 10 + c as u32 - '0' as u32,
            c if c.is_whitespace() || c == '-' => 1,
            c => 1000 + c.to_lowercase().next().unwrap_or(c) as u32,
        };
        letters.push(rank);
        tones.push(marks.iter().find_map(|m| tone_rank(*m)).unwrap_or(0));
        cases.push(base.is_uppercase());
    }
    (letters, tones, cases)
}

/// Compares two strings in Vietnamese alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    collation_key(a).cmp(&collation_key(b))
}

/// Vietnamese weekday name as portals print it: `Thứ Hai` … `Chủ Nhật`.
pub fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ Nhật",
    }
}

/// `Thứ Hai, 12/06/2023 22:05`, or without the time when the article gave none.
pub fn display_date<Tz: TimeZone>(when: &DateTime<Tz>, with_time: bool) -> String {
    let day = format!(
        "{}, {:02}/{:02}/{}",
        weekday_name(when.weekday()),
        when.day(),
        when.month(),
        when.year()
    );
    if with_time {
        format!("{day} {:02}:{:02}", when.hour(), when.minute())
    } else {
        day
    }
}

/// A word of at most eight bytes as a number: its bytes, then zeros (no word holds a NUL):
/// most syllables, looked up as a number rather than a string.
/// Built in a register: bytes copied to memory and read back as one number stall the load.
pub(crate) fn short_key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 8).then(|| {
        bytes
            .iter()
            .rev()
            .fold(0u64, |key, &b| (key << 8) | u64::from(b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_are_the_words_of_up_to_eight_bytes() {
        assert_eq!(short_key("a"), Some(u64::from(b'a')));
        assert_ne!(short_key("ab"), short_key("ba"));
        assert!(short_key("Nghiệp").is_some());
        assert_eq!(short_key("trường"), None);
    }

    use chrono::FixedOffset;

    /// The whole-text folding `fold` replaced: decompose, drop marks, `đ` to `d`, lowercase.
    fn fold_by_decomposing(text: &str) -> String {
        let mut out = String::new();
        for c in text.nfd() {
            if is_combining_mark(c) {
                continue;
            }
            match c {
                'đ' | 'Đ' => out.push('d'),
                _ => out.extend(c.to_lowercase()),
            }
        }
        out
    }

    #[test]
    fn fold_by_table_equals_folding_by_decomposition() {
        let letters = ('\u{0}'..='\u{2FF}').chain('\u{1E00}'..='\u{1EFF}');
        for c in letters {
            assert_eq!(
                fold(&c.to_string()),
                fold_by_decomposing(&c.to_string()),
                "{c:?}"
            );
        }
        let nfd: String = "Tỉnh ủy Đắk Lắk, Thuận Hoá".nfd().collect();
        assert_eq!(fold(&nfd), "tinh uy dak lak, thuan hoa");
        assert_eq!(fold("Tỉnh ủy Đắk Lắk"), "tinh uy dak lak");
    }

    proptest::proptest! {
        #[test]
        fn fold_agrees_with_decomposition_on_any_text(text in "(\\PC|[\u{300}-\u{36F}]|[À-ỹ]){0,40}") {
            proptest::prop_assert_eq!(fold(&text), fold_by_decomposing(&text));
        }
    }

    #[test]
    fn source_text_handles_bom_crlf_and_nfd() {
        let nfd: String = "\u{feff}---\r\ntitle: Tuye\u{302}n\r\n---\r\n".to_string();
        assert_eq!(source_text(&nfd), "---\ntitle: Tuyên\n---\n");
    }

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    #[test]
    fn slugs_follow_the_spec() {
        let table = [
            ("Quyết định 1327-QĐ/TU", "quyet-dinh-1327-qd-tu"),
            ("Đỗ Phương", "do-phuong"),
            ("Thông tin tuyên vận", "thong-tin-tuyen-van"),
            (
                "  Hội nghị: tổng kết, năm 2023!  ",
                "hoi-nghi-tong-ket-nam-2023",
            ),
            ("Kinh tế - Xã hội", "kinh-te-xa-hoi"),
            ("ĐẢNG BỘ TỈNH", "dang-bo-tinh"),
            (
                "“Dân vận khéo” – giai đoạn 2021–2025",
                "dan-van-kheo-giai-doan-2021-2025",
            ),
            ("Văn hóa - Văn nghệ", "van-hoa-van-nghe"),
            ("Ưu tiên ơn nghĩa", "uu-tien-on-nghia"),
            ("", ""),
            ("!!!", ""),
        ];
        for (input, expected) in table {
            assert_eq!(slugify(input), expected, "NFC {input:?}");
            assert_eq!(slugify(&nfd(input)), expected, "NFD {input:?}");
        }
    }

    #[test]
    fn the_quick_nfc_check_never_passes_text_that_is_not_nfc() {
        let samples = [
            "Tuyên vận “Đảng” – 12/06/2023…",
            "Thông tin tuyên vận, Uỷ ban",
            "e\u{323}\u{302}",
            "Tuye\u{302}n",
            "a\u{2000}b",
            "\u{212B}ngström",
            "ủy ban \u{1EF9}\u{0301}",
            "",
        ];
        for text in samples {
            let composed: String = text.nfc().collect();
            // `is_nfc` may say no to NFC text (then `nfc` recomposes it), never yes to other.
            assert!(!is_nfc(text) || composed == text, "{text:?}");
            assert_eq!(nfc(text), composed, "{text:?}");
        }
    }

    #[test]
    fn plain_starters_are_nfc_whatever_precedes_them() {
        use unicode_normalization::char::canonical_combining_class;
        for c in (0..0x2100u32).filter_map(char::from_u32) {
            if is_plain_starter(c) {
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                let quick = unicode_normalization::is_nfc_quick(['a', c].into_iter());
                assert_eq!(quick, unicode_normalization::IsNormalized::Yes, "{c:?}");
            }
        }
    }

    #[test]
    fn plain_starters_read_from_bytes_agree_with_characters() {
        let mut chars: Vec<char> = ('\u{0}'..='\u{2FFF}').collect();
        chars.extend(['\u{1F600}', '\u{FEFF}', '\u{3000}', '\u{10FFFF}']);
        for c in chars {
            let mut texts = vec![
                c.to_string(),
                format!("abcdefgh{c}"),
                format!("{c}Việt Nam đẹp"),
            ];
            // ASCII is skipped eight bytes at a time: the character at each place in the eight.
            texts.extend((1..17).map(|run| format!("{}{c}ệ", "a".repeat(run))));
            for text in texts {
                assert_eq!(
                    only_plain_starters(&text),
                    text.chars().all(is_plain_starter),
                    "{c:?}"
                );
            }
        }
    }

    #[test]
    fn nfc_composes_only_when_needed() {
        assert_eq!(nfc(&nfd("Tuyên vận")), "Tuyên vận");
        assert_eq!(nfc("Tuyên vận"), "Tuyên vận");
        assert_eq!(
            nfc("e\u{323}\u{302}"),
            "\u{1EC7}",
            "marks in any order compose to ệ"
        );
    }

    #[test]
    fn folding_removes_marks_and_d_stroke() {
        assert_eq!(fold("Tuyên Vận"), "tuyen van");
        assert_eq!(fold("Đảng"), "dang");
        assert_eq!(fold(&nfd("Điện Biên")), "dien bien");
        assert_eq!(fold("ủy ban"), fold("uỷ ban"));
        assert_eq!(fold("ỦY BAN"), "uy ban");
    }

    #[test]
    fn term_identity_ignores_case_normalization_and_tone_placement() {
        assert_eq!(term_identity("Tỉnh ủy"), term_identity("Tỉnh uỷ"));
        assert_eq!(term_identity("Tỉnh ủy"), term_identity("tỉnh Ủy"));
        assert_eq!(term_identity("hòa bình"), term_identity(&nfd("hoà bình")));
        assert_ne!(term_identity("Dân vận"), term_identity("Dan van"));
        assert_ne!(term_identity("tuyên"), term_identity("tuyền"));
    }

    #[test]
    fn vietnamese_alphabetical_order() {
        let mut names = vec![
            "Hà Nam",
            "Đỗ Phương",
            "Dương Minh",
            "Ân",
            "An",
            "Ăn",
            "Bình",
            "Ơn",
            "Ô",
            "O",
            "Ưu",
            "Uy",
            "à",
            "a",
            "á",
            "ạ",
            "ả",
            "ã",
        ];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(
            names,
            vec![
                "a",
                "à",
                "ả",
                "ã",
                "á",
                "ạ",
                "An",
                "Ăn",
                "Ân",
                "Bình",
                "Dương Minh",
                "Đỗ Phương",
                "Hà Nam",
                "O",
                "Ô",
                "Ơn",
                "Uy",
                "Ưu"
            ]
        );
        assert_eq!(compare(&nfd("Đỗ"), "Đỗ"), Ordering::Equal);
        assert_eq!(compare("Dương", "Đỗ"), Ordering::Less);
        assert_eq!(compare("Đỗ", "Hà"), Ordering::Less);
    }

    #[test]
    fn dates_display_with_vietnamese_weekdays() {
        let tz = FixedOffset::east_opt(7 * 3600).unwrap();
        let table = [
            (12, "Thứ Hai"),
            (13, "Thứ Ba"),
            (14, "Thứ Tư"),
            (15, "Thứ Năm"),
            (16, "Thứ Sáu"),
            (17, "Thứ Bảy"),
            (18, "Chủ Nhật"),
        ];
        for (day, name) in table {
            let when = tz.with_ymd_and_hms(2023, 6, day, 22, 5, 0).unwrap();
            assert_eq!(
                display_date(&when, true),
                format!("{name}, {day}/06/2023 22:05")
            );
        }
        let may4 = tz.with_ymd_and_hms(2019, 5, 4, 0, 0, 0).unwrap();
        assert_eq!(display_date(&may4, false), "Thứ Bảy, 04/05/2019");
    }
}
