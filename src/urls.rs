//! Site addresses as written in links and requested by browsers: the one place that turns
//! a percent-encoded path back into text. Pure; knows nothing of files or of the base path.

use std::borrow::Cow;

/// `%XX` escapes decoded (`anh%20m%E1%BB%99t.jpg` -> `anh một.jpg`); `None` when a `%` does
/// not start two hex digits or the bytes are not UTF-8, which web servers answer with 400.
/// Whether an alias is written as a whole address (`https://x.gov.vn/Portal/…`): taken
/// from the domain root, not under the base path.
pub(crate) fn is_absolute(alias: &str) -> bool {
    let lower = alias.get(..8).unwrap_or(alias).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

pub(crate) fn percent_decode(raw: &str) -> Option<String> {
    let well_formed = raw.split('%').skip(1).all(|after| {
        after
            .as_bytes()
            .get(..2)
            .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !well_formed {
        return None;
    }
    percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()
        .map(Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_refuses_malformed_ones() {
        assert_eq!(
            percent_decode("/2023/anh%20m%E1%BB%99t.jpg").as_deref(),
            Some("/2023/anh một.jpg")
        );
        assert_eq!(percent_decode("/a%2Fb%2e").as_deref(), Some("/a/b."));
        assert_eq!(percent_decode("/không-mã").as_deref(), Some("/không-mã"));
        for bad in ["a%2", "a%", "%zz", "%+1", "%ff%fe", "100%.jpg"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }
}
