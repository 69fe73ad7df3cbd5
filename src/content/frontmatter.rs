//! Front matter: the YAML block between the first two `---` lines of an article, checked
//! key by key against the contract, with every problem located in the article's file.

use super::corrections::Correction;
use super::dates::{parse_date, ArticleDate, ACCEPTED_FORMATS};
use crate::error::Diagnostic;
use crate::tr;
use crate::vietnamese::nfc;
use crate::yaml::{self, Origin};
use chrono_tz::Tz;
use serde::Deserialize;
use std::path::Path;

/// What a front-matter value is, for the editors that write it (the browser CMS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// One line of text.
    Text,
    /// The sapo: a few sentences.
    Sapo,
    Date,
    /// Author names: one (`author`) or a list (`authors`).
    Authors {
        many: bool,
    },
    /// Category names: one (`category`) or a list (`categories`).
    Categories {
        many: bool,
    },
    /// A list of texts.
    List,
    Photo,
    Switch,
    /// `article` or `page`.
    Kind,
    /// Free-form data for themes.
    Map,
    /// Dated notes correcting a published article (`corrections`).
    Corrections,
}

/// One accepted front-matter key.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    pub key: &'static str,
    pub shape: Shape,
    /// The build refuses an article without it.
    pub required: bool,
}

const fn field(key: &'static str, shape: Shape) -> Field {
    Field {
        key,
        shape,
        required: false,
    }
}

/// Every key the parser accepts, in the order editors write them: the one list the parser's
/// unknown-key check and the browser CMS's fields are both made from.
pub(crate) const FIELDS: &[Field] = &[
    Field {
        required: true,
        ..field("title", Shape::Text)
    },
    Field {
        required: true,
        ..field("date", Shape::Date)
    },
    field("updated", Shape::Date),
    field("corrections", Shape::Corrections),
    field("author", Shape::Authors { many: false }),
    field("authors", Shape::Authors { many: true }),
    field("category", Shape::Categories { many: false }),
    field("categories", Shape::Categories { many: true }),
    field("tags", Shape::List),
    field("summary", Shape::Sapo),
    field("image", Shape::Photo),
    field("image_caption", Shape::Text),
    field("image_alt", Shape::Text),
    field("source", Shape::Text),
    field("slug", Shape::Text),
    field("aliases", Shape::List),
    field("documents", Shape::List),
    field("draft", Shape::Switch),
    field("featured", Shape::Switch),
    field("kind", Shape::Kind),
    field("extra", Shape::Map),
];

const KNOWN_KEYS: [&str; FIELDS.len()] = {
    let mut keys = [""; FIELDS.len()];
    let mut i = 0;
    while i < FIELDS.len() {
        keys[i] = FIELDS[i].key;
        i += 1;
    }
    keys
};

/// Whether a Markdown file is a dated article or a static page outside every listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Article,
    Page,
    /// A directive document (`content/van-ban/`): told by its folder, never by `kind:`.
    #[serde(skip_deserializing)]
    Document,
}

/// A list, or a single string where editors write one value.
#[derive(Debug, Clone)]
pub(super) enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    // Hand-written rather than `#[serde(untagged)]`, which loses the error's line.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&tr!("front-text-or-list"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<OneOrMany, E> {
                Ok(OneOrMany::Many(Vec::new()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<OneOrMany, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(OneOrMany::Many(items))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl OneOrMany {
    pub(super) fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Debug, Deserialize)]
struct RawFrontMatter {
    title: Option<String>,
    date: Option<String>,
    updated: Option<String>,
    corrections: Option<serde_yaml::Value>,
    author: Option<String>,
    authors: Option<OneOrMany>,
    category: Option<String>,
    categories: Option<OneOrMany>,
    tags: Option<OneOrMany>,
    summary: Option<String>,
    image: Option<String>,
    image_caption: Option<String>,
    image_alt: Option<String>,
    source: Option<String>,
    slug: Option<String>,
    aliases: Option<OneOrMany>,
    documents: Option<OneOrMany>,
    draft: Option<bool>,
    featured: Option<bool>,
    kind: Option<Kind>,
    extra: Option<serde_yaml::Value>,
}

/// Validated front matter; every string is NFC and trimmed.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    pub date: ArticleDate,
    pub updated: Option<ArticleDate>,
    /// `corrections:`, in the order written.
    pub corrections: Vec<Correction>,
    pub authors: Vec<String>,
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub summary: Option<String>,
    pub image: Option<String>,
    /// File line of `image:`, for errors about the featured image.
    pub image_line: usize,
    pub image_caption: String,
    pub image_alt: String,
    pub source: String,
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    /// Numbers of the directive documents the article refers to (`documents:`).
    pub documents: Vec<Located>,
    pub draft: bool,
    pub featured: bool,
    pub kind: Kind,
    pub extra: serde_json::Value,
}

/// A list item of the front matter with its place in the file, for errors about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// As written, NFC and trimmed.
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// A file split into its front matter block and its body.
pub struct Split<'a> {
    pub yaml: &'a str,
    pub body: &'a str,
    /// 1-based file line where the body starts.
    pub body_line: usize,
}

/// Splits a (BOM-free, LF) file into front matter and body.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Diagnostic> {
    let missing = || {
        Diagnostic::new(path, tr!("front-missing"))
            .at(1, 1)
            .with_help(tr!("front-missing-help"))
    };
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(missing());
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (index, line) in text[yaml_start..].split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[body_start..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(path, tr!("front-unclosed"))
        .at(1, 1)
        .with_help(tr!("front-unclosed-help")))
}

/// Parses and validates a front matter block that starts on file line 2.
pub fn parse(yaml_text: &str, path: &Path, tz: Tz) -> Result<FrontMatter, Vec<Diagnostic>> {
    let origin = Origin {
        path,
        line_offset: 1,
    };
    let (raw, errors) = yaml::parse_mapping::<RawFrontMatter>(yaml_text, origin, &KNOWN_KEYS);
    let Some(raw) = raw else {
        return Err(errors);
    };
    let mut problems = Problems::new(yaml_text, path, errors);
    let title = title(raw.title.as_deref(), &mut problems);
    let (date, updated) = dates(
        raw.date.as_deref(),
        raw.updated.as_deref(),
        tz,
        &mut problems,
    );
    let corrections = {
        let (found, errors) =
            super::corrections::parse(raw.corrections.as_ref(), yaml_text, path, tz);
        problems.list.extend(errors);
        found
    };
    let authors = either(
        ("author", raw.author),
        ("authors", raw.authors),
        &mut problems,
    );
    let categories = either(
        ("category", raw.category),
        ("categories", raw.categories),
        &mut problems,
    );
    let extra = extra(raw.extra.as_ref(), &mut problems);
    let slug = slug(raw.slug, &mut problems);
    let aliases = aliases(raw.aliases, &mut problems);
    let documents = located_list(yaml_text, "documents", raw.documents);
    match (date, problems.list.is_empty()) {
        (Some(date), true) => Ok(FrontMatter {
            title,
            date,
            updated,
            corrections,
            authors: clean_list(authors),
            categories: clean_list(categories),
            tags: clean_list(raw.tags.map(OneOrMany::into_vec).unwrap_or_default()),
            summary: raw.summary.map(|s| nfc(s.trim())).filter(|s| !s.is_empty()),
            image: raw
                .image
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            image_line: problems.key_line("image"),
            image_caption: nfc(raw.image_caption.as_deref().unwrap_or("").trim()),
            image_alt: nfc(raw.image_alt.as_deref().unwrap_or("").trim()),
            source: nfc(raw.source.as_deref().unwrap_or("").trim()),
            slug,
            aliases,
            documents,
            draft: raw.draft.unwrap_or(false),
            featured: raw.featured.unwrap_or(false),
            kind: raw.kind.unwrap_or_default(),
            extra,
        }),
        _ => Err(problems.list),
    }
}

/// The items of list `key`, each with the file line and column where it is written.
pub(super) fn located_list(yaml_text: &str, key: &str, raw: Option<OneOrMany>) -> Vec<Located> {
    let mut from = 0;
    let mut located = Vec::new();
    for item in raw.map(OneOrMany::into_vec).unwrap_or_default() {
        let text = nfc(item.trim());
        if text.is_empty() {
            continue;
        }
        let (line, column, next) = item_position(yaml_text, key, item.trim(), from);
        from = next;
        located.push(Located { text, line, column });
    }
    located
}

/// File line and column (1-based, in characters) of `item` in the list under `key:`,
/// searching from byte `from` of the block (after the previous item), and where the search
/// for the next item starts. The key's line when the item cannot be found.
fn item_position(yaml_text: &str, key: &str, item: &str, from: usize) -> (usize, usize, usize) {
    let key_start = yaml_text
        .match_indices(&format!("{key}:"))
        .find(|(at, _)| *at == 0 || yaml_text.as_bytes()[at - 1] == b'\n')
        .map(|(at, _)| at);
    let Some(key_start) = key_start else {
        return (1, 1, from);
    };
    let start = from.max(key_start + key.len() + 1);
    // The list ends at the next line that starts a key.
    let end = yaml_text[start..]
        .match_indices('\n')
        .map(|(at, _)| start + at + 1)
        .find(|&at| {
            yaml_text[at..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '-')
        })
        .unwrap_or(yaml_text.len());
    let found = yaml_text[start..end].find(item).map(|at| start + at);
    let at = found.unwrap_or(key_start);
    let before = &yaml_text[..at];
    let line = before.matches('\n').count() + 2;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column, found.map_or(from, |at| at + item.len()))
}

/// The mistakes found in one front matter block, each located at its key.
pub(super) struct Problems<'a> {
    yaml_text: &'a str,
    pub(super) path: &'a Path,
    pub(super) list: Vec<Diagnostic>,
}

impl<'a> Problems<'a> {
    pub(super) fn new(yaml_text: &'a str, path: &'a Path, list: Vec<Diagnostic>) -> Self {
        Problems {
            yaml_text,
            path,
            list,
        }
    }

    /// File line of `key:` (the block starts on line 2), or 1 when the key is absent.
    pub(super) fn key_line(&self, key: &str) -> usize {
        self.yaml_text
            .lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .map_or(1, |i| i + 2)
    }

    /// An error pointing at the value of `key`.
    pub(super) fn at_key(&mut self, key: &str, message: String, help: &str) {
        let error = Diagnostic::new(self.path, message)
            .at(self.key_line(key), key.len() + 3)
            .with_help(help);
        self.list.push(error);
    }

    /// An error underlining `part` where it is written on the line of `key` (the value's
    /// start when it is not found there).
    fn at_part(&mut self, key: &str, part: &str, message: String, help: &str) {
        let line = self.key_line(key);
        let text = self
            .yaml_text
            .lines()
            .nth(line.saturating_sub(2))
            .unwrap_or("");
        let value_start = text.find(':').map_or(0, |i| i + 1);
        let error = match text[value_start..].find(part).filter(|_| !part.is_empty()) {
            Some(i) => Diagnostic::new(self.path, message)
                .at(line, text[..value_start + i].chars().count() + 1)
                .spanning(part.chars().count()),
            None => Diagnostic::new(self.path, message).at(line, key.len() + 3),
        };
        self.list.push(error.with_help(help));
    }
}

fn title(raw: Option<&str>, problems: &mut Problems<'_>) -> String {
    let title = nfc(raw.unwrap_or("").trim());
    if title.is_empty() {
        let line = if raw.is_some() {
            problems.key_line("title")
        } else {
            1
        };
        problems.list.push(
            Diagnostic::new(problems.path, tr!("front-no-title"))
                .at(line, 1)
                .with_help(tr!("front-no-title-help")),
        );
    }
    title
}

/// `date` (required) and `updated`, when given and readable.
fn dates(
    date: Option<&str>,
    updated: Option<&str>,
    tz: Tz,
    problems: &mut Problems<'_>,
) -> (Option<ArticleDate>, Option<ArticleDate>) {
    let parsed = (
        date_at("date", date, tz, problems),
        // Blank means none: a web editor writes `updated: ""` for a date it was asked to clear.
        date_at(
            "updated",
            updated.filter(|t| !t.trim().is_empty()),
            tz,
            problems,
        ),
    );
    if date.is_none() {
        problems.list.push(
            Diagnostic::new(problems.path, tr!("front-no-date"))
                .at(1, 1)
                .with_help(tr!("front-no-date-help", formats = ACCEPTED_FORMATS)),
        );
    }
    parsed
}

/// `date` or `updated`, when given and readable.
pub(super) fn date_at(
    key: &str,
    text: Option<&str>,
    tz: Tz,
    problems: &mut Problems<'_>,
) -> Option<ArticleDate> {
    match parse_date(text?, tz) {
        Ok(d) => Some(d),
        Err(e) => {
            problems.at_part(
                key,
                &e.part,
                e.message,
                &tr!("date-formats", formats = ACCEPTED_FORMATS),
            );
            None
        }
    }
}

/// `author`/`authors` and `category`/`categories`: one of the pair, never both.
fn either(
    (one_key, one): (&str, Option<String>),
    (many_key, many): (&str, Option<OneOrMany>),
    problems: &mut Problems<'_>,
) -> Vec<String> {
    match (one, many) {
        (Some(_), Some(_)) => {
            problems.at_key(
                many_key,
                tr!("front-both", one = one_key, many = many_key),
                &tr!("front-both-help", one = one_key, many = many_key),
            );
            Vec::new()
        }
        (Some(one), None) => vec![one],
        (None, Some(many)) => many.into_vec(),
        (None, None) => Vec::new(),
    }
}

fn extra(raw: Option<&serde_yaml::Value>, problems: &mut Problems<'_>) -> serde_json::Value {
    match raw.map(yaml::to_json).transpose() {
        Ok(v) => v.unwrap_or(serde_json::Value::Null),
        Err(message) => {
            problems.at_key(
                "extra",
                tr!("front-extra", error = message),
                &tr!("front-extra-help"),
            );
            serde_json::Value::Null
        }
    }
}

fn slug(raw: Option<String>, problems: &mut Problems<'_>) -> Option<String> {
    let slug = raw.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(s) = &slug {
        if crate::vietnamese::slugify(s).is_empty() {
            problems.at_key(
                "slug",
                tr!("front-slug-empty", slug = s.as_str()),
                &tr!("front-slug-empty-help"),
            );
        }
    }
    slug
}

fn aliases(raw: Option<OneOrMany>, problems: &mut Problems<'_>) -> Vec<String> {
    let aliases = raw.map(OneOrMany::into_vec).unwrap_or_default();
    for alias in &aliases {
        let whole = crate::urls::is_absolute(alias);
        if !(alias.starts_with('/') || whole) || alias.contains("..") {
            problems.at_key(
                "aliases",
                tr!("front-alias", alias = alias.as_str()),
                &tr!("front-alias-help"),
            );
        }
    }
    aliases
}

/// The keys `RawFrontMatter` reads, as serde names them, and that the unknown-key check
/// lets through: the keys an article may hold.
#[cfg(test)]
pub(crate) fn parser_keys() -> Vec<&'static str> {
    struct Fields(&'static [&'static str]);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl serde::de::Error for Stop {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            Stop
        }
    }
    struct Recorder<'a>(&'a mut Option<Fields>);
    impl<'de> serde::Deserializer<'de> for Recorder<'_> {
        type Error = Stop;
        fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = Some(Fields(fields));
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut found = None;
    let _ = RawFrontMatter::deserialize(Recorder(&mut found));
    let fields = found.map_or(&[][..], |f| f.0);
    fields
        .iter()
        .copied()
        .filter(|k| KNOWN_KEYS.contains(k))
        .collect()
}

pub(super) fn clean_list(items: Vec<String>) -> Vec<String> {
    items
        .into_iter()
        .map(|s| nfc(s.trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TZ: Tz = chrono_tz::Asia::Ho_Chi_Minh;

    fn fm(yaml: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        parse(yaml, Path::new("content/a.md"), TZ)
    }

    #[test]
    fn every_key_is_read() {
        let f = fm(r#"title: "Hội nghị: tổng kết"
date: 12/06/2023 22:05
updated: 2023-06-13
corrections: [{date: 14/06/2023 9:00, text: Sửa tên xã}]
authors: ["Đỗ Phương", "Hồng Hải"]
category: Dân vận
tags: [Lào Cai, chuyển đổi số]
summary: Sapo
image: anh.jpg
image_caption: Chú thích
image_alt: Ảnh
source: Dienbien.gov.vn
slug: hoi-nghi
aliases: [/tin-tuc/cu.html]
draft: true
featured: true
kind: page
extra: {so_van_ban: "1327-QĐ/TU"}
"#)
        .unwrap();
        assert_eq!(f.title, "Hội nghị: tổng kết");
        assert!(f.date.has_time);
        assert!(f.updated.is_some());
        assert_eq!(f.corrections[0].text, "Sửa tên xã");
        assert_eq!(f.authors, vec!["Đỗ Phương", "Hồng Hải"]);
        assert_eq!(f.categories, vec!["Dân vận"]);
        assert_eq!(f.tags, vec!["Lào Cai", "chuyển đổi số"]);
        assert_eq!(f.summary.as_deref(), Some("Sapo"));
        assert_eq!(f.image.as_deref(), Some("anh.jpg"));
        assert_eq!(f.image_caption, "Chú thích");
        assert_eq!(f.image_alt, "Ảnh");
        assert_eq!(f.source, "Dienbien.gov.vn");
        assert_eq!(f.slug.as_deref(), Some("hoi-nghi"));
        assert_eq!(f.aliases, vec!["/tin-tuc/cu.html"]);
        assert!(f.draft && f.featured);
        assert_eq!(f.kind, Kind::Page);
        assert_eq!(f.extra["so_van_ban"], "1327-QĐ/TU");
    }

    #[test]
    fn the_key_table_is_the_parser_s() {
        let table: Vec<&str> = FIELDS.iter().map(|f| f.key).collect();
        assert_eq!(parser_keys(), table);
    }

    #[test]
    fn blank_optional_values_are_absent() {
        let f = fm("title: A\ndate: 2023-01-01\nupdated: \"\"\nslug: \"\"\n").unwrap();
        assert!(f.updated.is_none() && f.slug.is_none());
    }

    #[test]
    fn single_and_list_forms() {
        let f = fm("title: A\ndate: 2023-01-01\nauthor: Hồng Hải\ncategories: [A, B]\n").unwrap();
        assert_eq!(f.authors, vec!["Hồng Hải"]);
        assert_eq!(f.categories, vec!["A", "B"]);
        assert_eq!(f.kind, Kind::Article);
        assert!(!f.draft && !f.featured);
    }

    fn only_error(yaml: &str) -> Diagnostic {
        let errors = fm(yaml).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.into_iter().next().unwrap()
    }

    #[test]
    fn each_mistake_is_located() {
        let e = only_error("title: A\ndate: 2023-01-01\ncatgory: X\n");
        assert_eq!(
            (e.line, e.help.as_deref()),
            (Some(4), Some("did you mean `category`?"))
        );

        let e = only_error("date: 2023-01-01\n");
        assert!(e.message.contains("no title"));

        let e = only_error("title: A\n");
        assert!(e.message.contains("no date"));

        let e = only_error("title: A\ndate: 31/02/2023\n");
        assert_eq!(e.line, Some(3));
        assert!(e.help.unwrap().contains("12/06/2023"));

        let e = only_error("title: A\ndate: 2023-01-01\nauthor: X\nauthors: [Y]\n");
        assert_eq!(e.line, Some(5));
        assert!(e.message.contains("both `author` and `authors`"));

        let e = only_error("title: A\ndate: 2023-01-01\ndraft: maybe\n");
        assert_eq!(e.line, Some(4));

        let e = only_error("title: A\ndate: 2023-01-01\ntags: {a: 1}\n");
        assert_eq!(e.line, Some(4));

        let e = only_error("title: A\ndate: 2023-01-01\nkind: post\n");
        assert!(e.message.contains("`post` is not one of"), "{}", e.message);
        assert_eq!(
            e.help.as_deref(),
            Some("the values it takes: article, page")
        );
        assert!(e.note().unwrap().contains("unknown variant"));

        let e = only_error("title: A\ndate: 2023-01-01\naliases: [tin-cu.html]\n");
        assert!(e.message.contains("alias"));

        let e = only_error("title: \"\"\ndate: 2023-01-01\n");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn all_errors_of_one_file_are_reported() {
        let errors = fm("title: \ndate: 40/40/2023\nauthor: X\nauthors: [Y]\n").unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
    }

    #[test]
    fn split_finds_the_body() {
        let text = "---\ntitle: A\n---\nThân bài\n";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Thân bài\n");
        assert_eq!(s.body_line, 4);
        assert!(split("title: A\n", Path::new("a.md")).is_err());
        assert!(split("---\ntitle: A\n", Path::new("a.md")).is_err());
    }
}
