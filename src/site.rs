//! The model: published articles in order, static pages, and the category, author and tag
//! indexes. It owns the rules (drafts, scheduled articles, term merging, ordering) but
//! knows nothing of URLs beyond slugs, of templates, or of the disk.

use crate::config::Config;
use crate::content::{Article, Kind};
use crate::error::Diagnostic;
use crate::vietnamese;
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Which articles a build publishes beyond the ordinary ones.
#[derive(Debug, Clone, Copy, Default)]
pub struct Visibility {
    pub drafts: bool,
    pub future: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaxonomyKind {
    Categories,
    Authors,
    Tags,
}

impl TaxonomyKind {
    pub const ALL: [TaxonomyKind; 3] = [Self::Categories, Self::Authors, Self::Tags];

    /// URL segment of the index (`chuyen-muc`).
    pub fn segment(self) -> &'static str {
        match self {
            Self::Categories => "chuyen-muc",
            Self::Authors => "tac-gia",
            Self::Tags => "the",
        }
    }

    /// Name templates use (`categories`).
    pub fn key(self) -> &'static str {
        match self {
            Self::Categories => "categories",
            Self::Authors => "authors",
            Self::Tags => "tags",
        }
    }

    /// Whether its terms get Atom feeds.
    pub fn has_feeds(self) -> bool {
        !matches!(self, Self::Tags)
    }

    fn names(self, article: &Article) -> &[String] {
        match self {
            Self::Categories => &article.categories,
            Self::Authors => &article.authors,
            Self::Tags => &article.tags,
        }
    }
}

/// One category, author or tag with its published articles, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Indexes into `Site::articles`.
    pub articles: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Taxonomy {
    /// In Vietnamese alphabetical order.
    pub terms: Vec<Term>,
    /// Term identity (`vietnamese::term_identity`) -> index in `terms`.
    by_identity: HashMap<String, usize>,
}

impl Taxonomy {
    /// The term an article's spelling of a name belongs to.
    pub fn term_of(&self, name: &str) -> Option<&Term> {
        self.by_identity
            .get(&vietnamese::term_identity(name))
            .map(|&i| &self.terms[i])
    }
}

/// Why an article was not published.
#[derive(Debug, Clone, PartialEq)]
pub enum HeldReason {
    Draft,
    Scheduled,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HeldBack {
    pub source: PathBuf,
    pub title: String,
    pub date: String,
    pub reason: HeldReason,
    /// Unix time of the article's date: when a scheduled article becomes due.
    pub due: i64,
}

impl HeldBack {
    pub fn of(article: &Article, reason: HeldReason) -> HeldBack {
        HeldBack {
            source: article.source.clone(),
            title: article.title.clone(),
            date: vietnamese::display_date(&article.date.when, article.date.has_time),
            reason,
            due: article.date.when.timestamp(),
        }
    }
}

/// Why a build with `visibility` at `now` does not publish `article`, if it does not.
pub fn held_reason(
    article: &Article,
    visibility: Visibility,
    now: DateTime<Utc>,
) -> Option<HeldReason> {
    if article.draft && !visibility.drafts {
        Some(HeldReason::Draft)
    } else if article.date.when.with_timezone(&Utc) > now && !visibility.future {
        Some(HeldReason::Scheduled)
    } else {
        None
    }
}

/// The published site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    /// Published articles, newest first.
    pub articles: Vec<Article>,
    /// Published static pages, by path.
    pub pages: Vec<Article>,
    pub categories: Taxonomy,
    pub authors: Taxonomy,
    pub tags: Taxonomy,
    pub held_back: Vec<HeldBack>,
    /// The drafts and scheduled articles themselves, as `held_back` lists them: what they
    /// use must stay private, and scheduled ones are checked before their day comes.
    pub unpublished: Vec<Article>,
    /// Set by `serve` only, to the time of the preview: drafts and articles dated after it
    /// then carry a label ("Bản nháp", "Hẹn giờ đăng …"). `None` in a build.
    pub preview_at: Option<DateTime<Utc>>,
}

impl Site {
    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        match kind {
            TaxonomyKind::Categories => &self.categories,
            TaxonomyKind::Authors => &self.authors,
            TaxonomyKind::Tags => &self.tags,
        }
    }

    /// Position of each published article in `articles`, by its source file.
    pub fn article_positions(&self) -> HashMap<&Path, usize> {
        self.articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.source.as_path(), i))
            .collect()
    }
}

/// Builds the model from parsed articles; `now` decides what is scheduled.
pub fn build(
    config: Config,
    parsed: Vec<Article>,
    visibility: Visibility,
    now: DateTime<Utc>,
) -> Result<Site, Vec<Diagnostic>> {
    let mut articles = Vec::new();
    let mut pages = Vec::new();
    let mut held_back = Vec::new();
    let mut unpublished = Vec::new();
    for article in parsed {
        if let Some(reason) = held_reason(&article, visibility, now) {
            held_back.push(HeldBack::of(&article, reason));
            unpublished.push(article);
        } else if article.kind == Kind::Page {
            pages.push(article);
        } else {
            articles.push(article);
        }
    }
    articles.sort_by(newest_first);
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    held_back.sort_by(|a, b| a.source.cmp(&b.source));
    let mut errors = Vec::new();
    let categories = taxonomy(&articles, TaxonomyKind::Categories, &mut errors);
    let authors = taxonomy(&articles, TaxonomyKind::Authors, &mut errors);
    let tags = taxonomy(&articles, TaxonomyKind::Tags, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Site {
        config,
        articles,
        pages,
        categories,
        authors,
        tags,
        held_back,
        unpublished,
        preview_at: None,
    })
}

/// The order of `Site::articles`: newest first, then by title, then by file.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.date
        .when
        .cmp(&a.date.when)
        .then_with(|| vietnamese::compare(&a.title, &b.title))
        .then_with(|| a.source.cmp(&b.source))
}

/// Groups articles by term. Spellings that differ only in case, normalization or tone
/// placement are one term, named as the oldest article wrote it; different names that
/// would share a URL are an error naming both.
fn taxonomy(articles: &[Article], kind: TaxonomyKind, errors: &mut Vec<Diagnostic>) -> Taxonomy {
    let mut found = FoundTerms {
        kind,
        terms: Vec::new(),
        by_identity: HashMap::new(),
        by_slug: HashMap::new(),
    };
    for (index, article) in articles.iter().enumerate().rev() {
        for name in kind.names(article) {
            let Some(term_index) = found.term_index(name, &article.source, errors) else {
                continue;
            };
            let list = &mut found.terms[term_index].0.articles;
            if list.last() != Some(&index) {
                list.push(index);
            }
        }
    }
    found.into_taxonomy()
}

/// The terms of one taxonomy as the articles are read, oldest first, each with the file
/// that named it first.
struct FoundTerms {
    kind: TaxonomyKind,
    terms: Vec<(Term, PathBuf)>,
    by_identity: HashMap<String, usize>,
    by_slug: HashMap<String, usize>,
}

impl FoundTerms {
    /// The term `name` (written in `source`) belongs to, new if no earlier article named
    /// it; `None`, with an error, when its name gives no address or another's.
    fn term_index(
        &mut self,
        name: &str,
        source: &Path,
        errors: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let identity = vietnamese::term_identity(name);
        if let Some(&i) = self.by_identity.get(&identity) {
            return Some(i);
        }
        let kind = self.kind;
        let slug = vietnamese::slugify(name);
        if let Some(&other) = self.by_slug.get(&slug) {
            let (existing, existing_file) = &self.terms[other];
            errors.push(
                Diagnostic::new(
                    source,
                    format!(
                        "{} `{}` and `{}` (in {}) would share the address /{}/{}/",
                        kind.key(),
                        name,
                        existing.name,
                        existing_file.display(),
                        kind.segment(),
                        slug
                    ),
                )
                .with_help("write the name the same way in both articles"),
            );
            return None;
        }
        if slug.is_empty() {
            errors.push(
                Diagnostic::new(
                    source,
                    format!("{} name `{name}` has no letters or digits", kind.key()),
                )
                .with_help("give it a name with letters"),
            );
            return None;
        }
        let term = Term {
            name: name.to_string(),
            slug: slug.clone(),
            articles: Vec::new(),
        };
        self.terms.push((term, source.to_path_buf()));
        self.by_identity.insert(identity, self.terms.len() - 1);
        self.by_slug.insert(slug, self.terms.len() - 1);
        Some(self.terms.len() - 1)
    }

    /// The terms in alphabetical order, each with its articles newest first.
    fn into_taxonomy(self) -> Taxonomy {
        let mut terms: Vec<Term> = self
            .terms
            .into_iter()
            .map(|(mut t, _)| {
                t.articles.reverse();
                t
            })
            .collect();
        terms.sort_by(|a, b| {
            vietnamese::compare(&a.name, &b.name).then_with(|| a.slug.cmp(&b.slug))
        });
        let by_identity = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (vietnamese::term_identity(&t.name), i))
            .collect();
        Taxonomy { terms, by_identity }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::parse_article;
    use chrono::TimeZone;
    use std::path::Path;

    fn config() -> Config {
        crate::config::parse(
            "title: T\nbase_url: https://x.vn/\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap()
    }

    fn article(name: &str, front: &str) -> Article {
        parse_article(
            Path::new(&format!("content/{name}.md")),
            &format!("---\ntitle: {name}\n{front}\n---\nThân.\n"),
            &config(),
        )
        .unwrap()
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()
    }

    #[test]
    fn orders_newest_first_and_holds_back() {
        let site = build(
            config(),
            vec![
                article("cu", "date: 2020-01-01\ncategory: A"),
                article("moi", "date: 2023-01-01\ncategory: A"),
                article("nhap", "date: 2023-01-01\ndraft: true\ncategory: B"),
                article("tuong-lai", "date: 2030-01-01\ncategory: B"),
                article("gioi-thieu", "date: 2020-01-01\nkind: page"),
            ],
            Visibility::default(),
            now(),
        )
        .unwrap();
        let titles: Vec<_> = site.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, vec!["moi", "cu"]);
        assert_eq!(site.pages.len(), 1);
        assert_eq!(site.held_back.len(), 2);
        assert_eq!(
            site.categories.terms.len(),
            1,
            "a category with only held articles has no term"
        );
    }

    #[test]
    fn visibility_flags_publish_held_articles() {
        let site = build(
            config(),
            vec![
                article("nhap", "date: 2023-01-01\ndraft: true"),
                article("tuong-lai", "date: 2030-01-01"),
            ],
            Visibility {
                drafts: true,
                future: true,
            },
            now(),
        )
        .unwrap();
        assert_eq!(site.articles.len(), 2);
    }

    #[test]
    fn merges_spellings_and_orders_terms() {
        let site = build(
            config(),
            vec![
                article("a", "date: 2021-01-01\nauthors: [Hà Nam, Tỉnh ủy]"),
                article("b", "date: 2022-01-01\nauthors: [Đỗ Phương, Tỉnh uỷ]"),
                article("c", "date: 2023-01-01\nauthors: [Dương Minh, tỉnh ủy]"),
            ],
            Visibility::default(),
            now(),
        )
        .unwrap();
        let names: Vec<_> = site.authors.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, vec!["Dương Minh", "Đỗ Phương", "Hà Nam", "Tỉnh ủy"]);
        let tinh_uy = site.authors.term_of("Tỉnh uỷ").unwrap();
        assert_eq!(tinh_uy.articles, vec![0, 1, 2]);
    }

    #[test]
    fn colliding_term_slugs_are_an_error_naming_both() {
        let errors = build(
            config(),
            vec![
                article("a", "date: 2021-01-01\ncategory: Dân vận"),
                article("b", "date: 2022-01-01\ncategory: Dan van"),
            ],
            Visibility::default(),
            now(),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("Dân vận") && errors[0].message.contains("Dan van"));
        assert!(errors[0].message.contains("content/a.md"));
    }
}
