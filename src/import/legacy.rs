//! Legacy Vietnamese font encodings: text in TCVN3 (ABC) fonts (`.VnTime`…) and VNI fonts
//! (`VNI-Times`…) is Latin-1 letters drawn as Vietnamese ones; here it becomes Unicode.

/// Which legacy encoding a font uses, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Legacy {
    Tcvn3 { capitals: bool },
    Vni,
}

impl Legacy {
    /// TCVN3 fonts are named `.Vn…`, their all-capital twins end in `H` (`.VnTimeH`);
    /// VNI fonts are named `VNI-…` or `VNI …`.
    pub(crate) fn of_font(font: &str) -> Option<Legacy> {
        let lower = font.trim().to_ascii_lowercase();
        if lower.starts_with(".vn") {
            Some(Legacy::Tcvn3 {
                capitals: lower.ends_with('h'),
            })
        } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
            Some(Legacy::Vni)
        } else {
            None
        }
    }

    pub(crate) fn decode(self, text: &str) -> String {
        match self {
            Legacy::Tcvn3 { capitals: false } => text.chars().map(tcvn3_char).collect(),
            Legacy::Tcvn3 { capitals: true } => text
                .chars()
                .map(tcvn3_char)
                .flat_map(char::to_uppercase)
                .collect(),
            Legacy::Vni => vni(text),
        }
    }
}

/// TCVN3 code points as Word stores them (the Windows-1252 character of each byte), and
/// the letter each stands for. Capitals with tone marks live in the `…H` fonts.
#[rustfmt::skip]
const TCVN3: &[(char, char)] = &[
    ('µ', 'à'), ('¸', 'á'), ('¶', 'ả'), ('·', 'ã'), ('¹', 'ạ'),
    ('¨', 'ă'), ('»', 'ằ'), ('¾', 'ắ'), ('¼', 'ẳ'), ('½', 'ẵ'), ('Æ', 'ặ'),
    ('©', 'â'), ('Ç', 'ầ'), ('Ê', 'ấ'), ('È', 'ẩ'), ('É', 'ẫ'), ('Ë', 'ậ'),
    ('®', 'đ'),
    ('Ì', 'è'), ('Ð', 'é'), ('Î', 'ẻ'), ('Ï', 'ẽ'), ('Ñ', 'ẹ'),
    ('ª', 'ê'), ('Ò', 'ề'), ('Õ', 'ế'), ('Ó', 'ể'), ('Ô', 'ễ'), ('Ö', 'ệ'),
    ('×', 'ì'), ('Ý', 'í'), ('Ø', 'ỉ'), ('Ü', 'ĩ'), ('Þ', 'ị'),
    ('ß', 'ò'), ('ã', 'ó'), ('á', 'ỏ'), ('â', 'õ'), ('ä', 'ọ'),
    ('«', 'ô'), ('å', 'ồ'), ('è', 'ố'), ('æ', 'ổ'), ('ç', 'ỗ'), ('é', 'ộ'),
    ('¬', 'ơ'), ('ê', 'ờ'), ('í', 'ớ'), ('ë', 'ở'), ('ì', 'ỡ'), ('î', 'ợ'),
    ('ï', 'ù'), ('ó', 'ú'), ('ñ', 'ủ'), ('ò', 'ũ'), ('ô', 'ụ'),
    ('\u{AD}', 'ư'), ('õ', 'ừ'), ('ø', 'ứ'), ('ö', 'ử'), ('÷', 'ữ'), ('ù', 'ự'),
    ('ú', 'ỳ'), ('ý', 'ý'), ('û', 'ỷ'), ('ü', 'ỹ'), ('þ', 'ỵ'),
    ('¡', 'Ă'), ('¢', 'Â'), ('§', 'Đ'), ('£', 'Ê'), ('¤', 'Ô'), ('¥', 'Ơ'), ('¦', 'Ư'),
];

fn tcvn3_char(c: char) -> char {
    TCVN3
        .iter()
        .find(|(from, _)| *from == c)
        .map_or(c, |(_, to)| *to)
}

/// VNI writes a vowel as its base letter followed by one mark character. The lower-case
/// pairs; capitals are the same pairs in upper case (`AÙ` is `Á`).
#[rustfmt::skip]
const VNI_PAIRS: &[(&str, char)] = &[
    ("aù", 'á'), ("aø", 'à'), ("aû", 'ả'), ("aõ", 'ã'), ("aï", 'ạ'),
    ("aâ", 'â'), ("aá", 'ấ'), ("aà", 'ầ'), ("aå", 'ẩ'), ("aã", 'ẫ'), ("aä", 'ậ'),
    ("aê", 'ă'), ("aé", 'ắ'), ("aè", 'ằ'), ("aú", 'ẳ'), ("aü", 'ẵ'), ("aë", 'ặ'),
    ("eù", 'é'), ("eø", 'è'), ("eû", 'ẻ'), ("eõ", 'ẽ'), ("eï", 'ẹ'),
    ("eâ", 'ê'), ("eá", 'ế'), ("eà", 'ề'), ("eå", 'ể'), ("eã", 'ễ'), ("eä", 'ệ'),
    ("où", 'ó'), ("oø", 'ò'), ("oû", 'ỏ'), ("oõ", 'õ'), ("oï", 'ọ'),
    ("oâ", 'ô'), ("oá", 'ố'), ("oà", 'ồ'), ("oå", 'ổ'), ("oã", 'ỗ'), ("oä", 'ộ'),
    ("ôù", 'ớ'), ("ôø", 'ờ'), ("ôû", 'ở'), ("ôõ", 'ỡ'), ("ôï", 'ợ'),
    ("uù", 'ú'), ("uø", 'ù'), ("uû", 'ủ'), ("uõ", 'ũ'), ("uï", 'ụ'),
    ("öù", 'ứ'), ("öø", 'ừ'), ("öû", 'ử'), ("öõ", 'ữ'), ("öï", 'ự'),
    ("yù", 'ý'), ("yø", 'ỳ'), ("yû", 'ỷ'), ("yõ", 'ỹ'),
];

/// VNI characters that stand alone for a letter.
#[rustfmt::skip]
const VNI_SINGLE: &[(char, char)] = &[
    ('í', 'í'), ('ì', 'ì'), ('æ', 'ỉ'), ('ó', 'ĩ'), ('ò', 'ị'),
    ('ô', 'ơ'), ('ö', 'ư'), ('î', 'ỵ'), ('ñ', 'đ'),
];

fn vni(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let upper = c.is_uppercase();
        if let Some(&next) = chars.get(i + 1) {
            let pair: String = [c, next].iter().flat_map(|c| c.to_lowercase()).collect();
            if let Some((_, to)) = VNI_PAIRS.iter().find(|(from, _)| *from == pair) {
                push_cased(&mut out, *to, upper);
                i += 2;
                continue;
            }
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        match VNI_SINGLE.iter().find(|(from, _)| *from == lower) {
            Some((_, to)) => push_cased(&mut out, *to, upper),
            None => out.push(c),
        }
        i += 1;
    }
    out
}

fn push_cased(out: &mut String, c: char, upper: bool) {
    if upper {
        out.extend(c.to_uppercase());
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_name_their_encoding() {
        assert_eq!(
            Legacy::of_font(".VnTime"),
            Some(Legacy::Tcvn3 { capitals: false })
        );
        assert_eq!(
            Legacy::of_font(".VnTimeH"),
            Some(Legacy::Tcvn3 { capitals: true })
        );
        assert_eq!(Legacy::of_font("VNI-Times"), Some(Legacy::Vni));
        assert_eq!(Legacy::of_font("Times New Roman"), None);
    }

    #[test]
    fn tcvn3_becomes_unicode() {
        let tcvn = Legacy::Tcvn3 { capitals: false };
        assert_eq!(
            tcvn.decode("B¸o c¸o tæng kÕt c«ng t¸c §oµn n¨m häc"),
            "Báo cáo tổng kết công tác Đoàn năm học"
        );
        assert_eq!(tcvn.decode("M\u{AD}êng Kh\u{AD}¬ng"), "Mường Khương");
        let caps = Legacy::Tcvn3 { capitals: true };
        assert_eq!(caps.decode("céng hßa"), "CỘNG HÒA");
    }

    #[test]
    fn vni_becomes_unicode() {
        assert_eq!(vni("Xin chaøo caùc baïn"), "Xin chào các bạn");
        assert_eq!(vni("Ñaûng boä xaõ"), "Đảng bộ xã");
        assert_eq!(vni("NGÖÔØI DAÂN"), "NGƯỜI DÂN");
        assert_eq!(vni("tænh"), "tỉnh");
    }
}
