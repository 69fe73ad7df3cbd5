//! Article files as editors write them: YAML front matter between `---` fences, then the
//! Markdown body. Tests that need a malformed file write its text themselves.

/// An article file: the front matter lines `front` between the fences, then `body`.
pub fn with_front(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}")
}

/// A complete article of the common shape: `title`, `date`, category "Dân vận", author
/// "Hồng Hải", and `body` ending in a newline.
pub fn article(title: &str, date: &str, body: &str) -> String {
    with_front(
        &format!("title: {title}\ndate: {date}\ncategory: Dân vận\nauthor: Hồng Hải"),
        &format!("{body}\n"),
    )
}
