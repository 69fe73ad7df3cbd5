//! `tuyenvan new`: the file a new article starts as (path, front matter filled in) and the
//! matching of the category and author names given against those the site already uses.
//! Pure: the caller reads the site and writes the file.

use crate::config::Config;
use crate::content::Article;
use crate::error::{Diagnostic, SiteErrors};
use crate::tr;
use crate::vietnamese;
use chrono::{DateTime, Datelike, Utc};
use std::path::PathBuf;

/// What the editor asked for.
#[derive(Debug, Clone, Default)]
pub struct NewArticle {
    pub title: String,
    pub categories: Vec<String>,
    pub authors: Vec<String>,
    /// `content/<year>/<slug>/index.md`, a folder for the article and its photos.
    pub bundle: bool,
}

/// The category and author names the site's articles already use.
#[derive(Debug, Clone, Default)]
pub struct KnownNames {
    pub categories: Vec<String>,
    pub authors: Vec<String>,
}

impl KnownNames {
    pub fn from_articles(articles: &[Article]) -> Self {
        let collect = |names: &mut dyn Iterator<Item = &String>| {
            let mut seen = std::collections::HashSet::new();
            let mut out: Vec<String> = names
                .filter(|n| seen.insert(vietnamese::term_identity(n)))
                .cloned()
                .collect();
            out.sort_by(|a, b| vietnamese::compare(a, b));
            out
        };
        KnownNames {
            categories: collect(&mut articles.iter().flat_map(|a| &a.categories)),
            authors: collect(&mut articles.iter().flat_map(|a| &a.authors)),
        }
    }
}

/// How a given name relates to the names already in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameMatch {
    /// The same term (perhaps another case or tone placement): use the existing spelling.
    Same(String),
    /// The same letters without their marks (`Dan van` for `Dân vận`): use the existing one.
    Unmarked(String),
    /// Close to an existing name, likely a typo: keep it, but say so.
    Close(String),
    New,
}

/// Matches `given` against `known` names: identity first, then marks-free folding, then
/// edit distance on the folded forms.
pub fn match_name(given: &str, known: &[String]) -> NameMatch {
    let identity = vietnamese::term_identity(given);
    if let Some(k) = known
        .iter()
        .find(|k| vietnamese::term_identity(k) == identity)
    {
        return NameMatch::Same(k.clone());
    }
    let folded = fold_words(given);
    let unmarked: Vec<&String> = known.iter().filter(|k| fold_words(k) == folded).collect();
    if let [only] = unmarked.as_slice() {
        return NameMatch::Unmarked((*only).clone());
    }
    let limit = (folded.chars().count() / 4).max(1);
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&folded, &fold_words(k)), k))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map_or(NameMatch::New, |(_, k)| NameMatch::Close(k.clone()))
}

fn fold_words(text: &str) -> String {
    vietnamese::fold(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The new article's file, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Scaffold {
    /// Relative to the site root: `content/2026/tieu-de.md`.
    pub rel_path: PathBuf,
    /// The same article in the other form (bundle or single file), which must not exist either.
    pub other_form: PathBuf,
    pub text: String,
    /// Things to tell the editor (names replaced or suggested).
    pub notes: Vec<String>,
}

/// Plans the new article's file for `now` in the site's time zone.
pub fn plan(
    request: &NewArticle,
    config: &Config,
    known: &KnownNames,
    now: DateTime<Utc>,
) -> Result<Scaffold, SiteErrors> {
    let title = one_line(&vietnamese::nfc(&request.title));
    let slug = vietnamese::slugify(&title);
    if slug.is_empty() {
        return Err(
            Diagnostic::new("content", tr!("new-title-empty", title = title.as_str()))
                .with_help(tr!("new-title-empty-help"))
                .into(),
        );
    }
    let local = now.with_timezone(&config.timezone);
    let folder = PathBuf::from("content").join(format!("{:04}", local.year()));
    let single = folder.join(format!("{slug}.md"));
    let bundle = folder.join(&slug).join("index.md");
    let (rel_path, other_form) = if request.bundle {
        (bundle, single)
    } else {
        (single, bundle)
    };
    let mut notes = Vec::new();
    let categories = resolve_names(
        &request.categories,
        &known.categories,
        "term-kind-category",
        &mut notes,
    );
    let authors = resolve_names(
        &request.authors,
        &known.authors,
        "term-kind-author",
        &mut notes,
    );
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", yaml_quote(&title)));
    text.push_str(&format!("date: {}\n", local.format("%Y-%m-%d %H:%M")));
    // A new article is a draft: it shows in `serve`, and is published only once the editor
    // says so, never by a build run before it is finished.
    text.push_str(DRAFT_LINE);
    notes.push(tr!("new-publish-note"));
    text.push_str(&list_line("author", "authors", &authors));
    text.push_str(&list_line("category", "categories", &categories));
    text.push_str("tags: []\nsummary: \"\"\n---\n\n");
    Ok(Scaffold {
        rel_path,
        other_form,
        text,
        notes,
    })
}

/// The front matter line that keeps a new article unpublished.
pub(crate) const DRAFT_LINE: &str =
    "draft: true   # bản nháp: đổi thành false (hoặc xoá dòng này) để đăng bài\n";

fn resolve_names(
    given: &[String],
    known: &[String],
    kind: &str,
    notes: &mut Vec<String>,
) -> Vec<String> {
    given
        .iter()
        .map(|name| one_line(&vietnamese::nfc(name)))
        .filter(|name| !name.is_empty())
        .map(|name| match match_name(&name, known) {
            NameMatch::Same(existing) | NameMatch::Unmarked(existing) if existing != name => {
                notes.push(tr!(
                    "new-name-existing",
                    kind = tr!(kind),
                    name = name.as_str(),
                    existing = existing.as_str()
                ));
                existing
            }
            NameMatch::Close(existing) => {
                notes.push(tr!(
                    "new-name-close",
                    kind = tr!(kind),
                    name = name.as_str(),
                    existing = existing.as_str()
                ));
                name
            }
            _ => name,
        })
        .collect()
}

/// `author: "A"`, `authors: ["A", "B"]`, or an empty `author: ""` to fill in.
fn list_line(one: &str, many: &str, names: &[String]) -> String {
    match names {
        [] => format!("{one}: \"\"\n"),
        [name] => format!("{one}: {}\n", yaml_quote(name)),
        names => {
            let quoted: Vec<String> = names.iter().map(|n| yaml_quote(n)).collect();
            format!("{many}: [{}]\n", quoted.join(", "))
        }
    }
}

fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A YAML double-quoted scalar holding exactly `text`, whatever it contains (`: `, `#`, quotes).
pub fn yaml_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || c == '\u{feff}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::path::Path;

    fn config() -> Config {
        crate::config::parse(
            "title: T\nbase_url: https://x.gov.vn/\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap()
    }

    fn known() -> KnownNames {
        KnownNames {
            categories: vec!["Dân vận".into(), "Tuyên giáo".into()],
            authors: vec!["Hồng Hải".into()],
        }
    }

    #[test]
    fn names_are_matched() {
        let k = known().categories;
        assert_eq!(match_name("Dân vận", &k), NameMatch::Same("Dân vận".into()));
        assert_eq!(match_name("dân vận", &k), NameMatch::Same("Dân vận".into()));
        assert_eq!(
            match_name("Dan van", &k),
            NameMatch::Unmarked("Dân vận".into())
        );
        assert_eq!(
            match_name("Tuyen giao", &k),
            NameMatch::Unmarked("Tuyên giáo".into())
        );
        assert_eq!(
            match_name("Dân vânn", &k),
            NameMatch::Close("Dân vận".into())
        );
        assert_eq!(match_name("Kinh tế", &k), NameMatch::New);
    }

    #[test]
    fn plans_the_file_in_the_site_zone() {
        // 18:30 UTC on 31 Dec 2025 is already 2026 in Hà Nội.
        let now = Utc.with_ymd_and_hms(2025, 12, 31, 18, 30, 0).unwrap();
        let request = NewArticle {
            title: "Hội nghị: \"tổng kết\" #1".into(),
            categories: vec!["Dan van".into()],
            authors: vec!["Hồng Hải".into(), "Đỗ Phương".into()],
            bundle: false,
        };
        let s = plan(&request, &config(), &known(), now).unwrap();
        assert_eq!(s.rel_path, Path::new("content/2026/hoi-nghi-tong-ket-1.md"));
        assert_eq!(
            s.other_form,
            Path::new("content/2026/hoi-nghi-tong-ket-1/index.md")
        );
        assert_eq!(
            s.text,
            format!("---\ntitle: \"Hội nghị: \\\"tổng kết\\\" #1\"\ndate: 2026-01-01 01:30\n{DRAFT_LINE}authors: [\"Hồng Hải\", \"Đỗ Phương\"]\ncategory: \"Dân vận\"\ntags: []\nsummary: \"\"\n---\n\n")
        );
        assert_eq!(s.notes.len(), 2, "{:?}", s.notes);
        let split = crate::content::frontmatter::split(&s.text, Path::new("a.md")).unwrap();
        let fm = crate::content::frontmatter::parse(
            split.yaml,
            Path::new("a.md"),
            chrono_tz::Asia::Ho_Chi_Minh,
        )
        .unwrap();
        assert_eq!(fm.title, "Hội nghị: \"tổng kết\" #1");
        assert!(fm.summary.is_none());
        assert!(fm.draft);
    }

    #[test]
    fn empty_title_is_refused() {
        let now = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap();
        let request = NewArticle {
            title: " ?! ".into(),
            ..NewArticle::default()
        };
        assert!(plan(&request, &config(), &known(), now).is_err());
    }
}
