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
    /// The spelling shown everywhere (see `taxonomy`).
    pub name: String,
    pub slug: String,
    /// Indexes into `Site::articles`.
    pub articles: Vec<usize>,
    /// Every way the articles write the name, most used first (ties: newest first).
    pub spellings: Vec<Spelling>,
}

/// One way a term's name is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Spelling {
    pub name: String,
    /// How many published articles write it so.
    pub count: usize,
    /// The newest of those articles.
    pub file: PathBuf,
    last_article: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Taxonomy {
    /// In Vietnamese alphabetical order.
    pub terms: Vec<Term>,
    /// Slug -> index in `terms`.
    by_slug: HashMap<String, usize>,
    /// Every spelling the articles write -> index in `terms`: pages look a term up for each
    /// name they show, and making its slug each time was a tenth of the model's work.
    by_spelling: HashMap<String, usize>,
}

impl Taxonomy {
    /// The term an article's spelling of a name belongs to.
    pub fn term_of(&self, name: &str) -> Option<&Term> {
        let index = match self.by_spelling.get(name) {
            Some(&i) => Some(i),
            None => self.by_slug.get(&vietnamese::slugify(name)).copied(),
        };
        index.map(|i| &self.terms[i])
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
    /// Published directive documents, newest date of issue first.
    pub documents: Vec<Article>,
    /// The documents' types, in alphabetical order, each with its documents.
    pub document_types: Vec<crate::documents::TypeGroup>,
    /// For each document, the published articles citing it (indexes in `articles`).
    pub document_citing: Vec<Vec<usize>>,
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
    // The articles stay where they were parsed: at 100,000 articles, moving them into a new
    // list (and a stable sort's buffer) held about 200 MB more for this stage.
    let mut articles = parsed;
    let mut held_back = Vec::new();
    let unpublished: Vec<Article> = articles
        .extract_if(.., |article| match held_reason(article, visibility, now) {
            Some(reason) => {
                held_back.push(HeldBack::of(article, reason));
                true
            }
            None => false,
        })
        .collect();
    let mut pages: Vec<Article> = articles
        .extract_if(.., |article| article.kind == Kind::Page)
        .collect();
    let mut documents: Vec<Article> = articles
        .extract_if(.., |article| article.kind == Kind::Document)
        .collect();
    // `newest_first` ends with the source file, unique: an unstable sort gives the same order.
    articles.sort_unstable_by(newest_first);
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    documents.sort_by(crate::documents::newest_first);
    held_back.sort_by(|a, b| a.source.cmp(&b.source));
    let citing: Vec<&Article> = articles.iter().chain(&pages).collect();
    let mut errors = crate::documents::validate(&documents, &citing);
    let categories = taxonomy(&articles, TaxonomyKind::Categories, &config, &mut errors);
    let authors = taxonomy(&articles, TaxonomyKind::Authors, &config, &mut errors);
    let tags = taxonomy(&articles, TaxonomyKind::Tags, &config, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let document_types = crate::documents::group_types(&documents);
    let document_citing = crate::documents::citing_all(&documents, &articles);
    Ok(Site {
        config,
        articles,
        pages,
        documents,
        document_types,
        document_citing,
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

/// Groups articles by term: every spelling whose address (slug) is the same is one term
/// (`Tỉnh ủy`, `Tỉnh Ủy`, `tỉnh uỷ`), shown as most of its articles write it (ties: as the
/// newest does), or as an author's profile in `site.yaml` writes it. Real archives hold every
/// spelling of a name; `check` lists them (`spelling_warnings`) so that they can be tidied.
fn taxonomy(
    articles: &[Article],
    kind: TaxonomyKind,
    config: &Config,
    errors: &mut Vec<Diagnostic>,
) -> Taxonomy {
    let mut terms: Vec<Term> = Vec::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    // A name is written the same way by many articles: each spelling is slugified once.
    let mut slugs: HashMap<&str, String> = HashMap::new();
    // Newest first, so that a spelling's first article is its newest.
    for (index, article) in articles.iter().enumerate() {
        for name in kind.names(article) {
            let slug = slugs
                .entry(name)
                .or_insert_with(|| vietnamese::slugify(name))
                .clone();
            if slug.is_empty() {
                let kind = crate::tr!(&format!("term-kind-{}", kind_word(kind)));
                let message = crate::tr!("term-no-letters", kind = kind, name = name.as_str());
                errors.push(
                    Diagnostic::new(&article.source, message)
                        .with_help(crate::tr!("term-no-letters-help")),
                );
                continue;
            }
            let term_index = *by_slug.entry(slug.clone()).or_insert_with(|| {
                terms.push(Term {
                    name: String::new(),
                    slug,
                    articles: Vec::new(),
                    spellings: Vec::new(),
                });
                terms.len() - 1
            });
            terms[term_index].add(index, name, &article.source);
        }
    }
    for term in &mut terms {
        term.spellings.sort_by_key(|s| std::cmp::Reverse(s.count));
        term.name = term.spellings[0].name.clone();
        if kind == TaxonomyKind::Authors {
            if let Some(profile) = profile_named(config, &term.slug) {
                term.name = profile.to_string();
            }
        }
    }
    terms.sort_by(|a, b| vietnamese::compare(&a.name, &b.name).then_with(|| a.slug.cmp(&b.slug)));
    let by_slug = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i))
        .collect();
    let by_spelling = terms
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.spellings.iter().map(move |s| (s.name.clone(), i)))
        .collect();
    Taxonomy {
        terms,
        by_slug,
        by_spelling,
    }
}

/// The name of the author profile whose address is `slug`, as `site.yaml` writes it.
fn profile_named<'a>(config: &'a Config, slug: &str) -> Option<&'a str> {
    config
        .authors
        .values()
        .map(|p| p.name.as_str())
        .find(|name| !name.is_empty() && vietnamese::slugify(name) == slug)
}

impl Term {
    /// Counts `name` as written by the article at `index` (articles come newest first).
    fn add(&mut self, index: usize, name: &str, file: &Path) {
        if self.articles.last() != Some(&index) {
            self.articles.push(index);
        }
        match self.spellings.iter_mut().find(|s| s.name == name) {
            Some(spelling) => {
                if spelling.last_article != Some(index) {
                    spelling.count += 1;
                    spelling.last_article = Some(index);
                }
            }
            None => self.spellings.push(Spelling {
                name: name.to_string(),
                count: 1,
                file: file.to_path_buf(),
                last_article: Some(index),
            }),
        }
    }
}

/// `check`'s warnings for names written several ways (or unlike their author profile):
/// every spelling with its count and one file, so that a maintainer can tidy the archive.
pub fn spelling_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for kind in TaxonomyKind::ALL {
        for term in &site.taxonomy(kind).terms {
            let profile = (kind == TaxonomyKind::Authors)
                .then(|| profile_named(&site.config, &term.slug))
                .flatten();
            let others = term.spellings.iter().filter(|s| s.name != term.name);
            let Some(first_other) = others.clone().next() else {
                continue;
            };
            let listed: Vec<String> = term
                .spellings
                .iter()
                .map(|s| {
                    let file = s.file.display().to_string();
                    crate::tr!(
                        "term-spelling",
                        name = s.name.as_str(),
                        count = s.count,
                        file = file
                    )
                })
                .collect();
            let message = crate::tr!(
                "term-spellings",
                kind = crate::tr!(&format!("term-kind-{}", kind_word(kind))),
                shown = term.name.as_str(),
                spellings = listed.join(", ")
            );
            let help = match profile {
                Some(profile) => crate::tr!("term-profile-help", profile = profile),
                None => crate::tr!("term-spellings-help", shown = term.name.as_str()),
            };
            warnings.push(Diagnostic::new(&first_other.file, message).with_help(help));
        }
    }
    warnings
}

fn kind_word(kind: TaxonomyKind) -> &'static str {
    match kind {
        TaxonomyKind::Categories => "category",
        TaxonomyKind::Authors => "author",
        TaxonomyKind::Tags => "tag",
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
        // Three spellings used once each: the newest article's is shown.
        assert_eq!(names, vec!["Dương Minh", "Đỗ Phương", "Hà Nam", "tỉnh ủy"]);
        let tinh_uy = site.authors.term_of("Tỉnh uỷ").unwrap();
        assert_eq!(tinh_uy.articles, vec![0, 1, 2]);
    }

    #[test]
    fn names_sharing_an_address_merge_shown_as_most_articles_write_them() {
        let site = build(
            config(),
            vec![
                article("a", "date: 2021-01-01\ncategory: Dân vận"),
                article("b", "date: 2022-01-01\ncategory: Dan van"),
                article("c", "date: 2023-01-01\ncategory: dân-vận"),
                article("d", "date: 2020-01-01\ncategory: Dân vận"),
            ],
            Visibility::default(),
            now(),
        )
        .unwrap();
        assert_eq!(site.categories.terms.len(), 1);
        let term = &site.categories.terms[0];
        assert_eq!(term.name, "Dân vận");
        assert_eq!(term.articles, vec![0, 1, 2, 3]);
        let counts: Vec<_> = term
            .spellings
            .iter()
            .map(|s| (s.name.as_str(), s.count))
            .collect();
        assert_eq!(counts, vec![("Dân vận", 2), ("dân-vận", 1), ("Dan van", 1)]);
        assert_eq!(site.categories.term_of("DAN VAN"), Some(term));
        let warnings = spelling_warnings(&site);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].path, Path::new("content/c.md"));
        assert!(warnings[0]
            .message
            .contains("`Dan van` (1 article, e.g. content/b.md)"));
    }

    #[test]
    fn a_tie_goes_to_the_newest_spelling_and_a_profile_beats_both() {
        let articles = || {
            vec![
                article("a", "date: 2021-01-01\nauthor: hồng hải\ntags: [Tỉnh ủy]"),
                article("b", "date: 2022-01-01\nauthor: Hồng Hải\ntags: [Tỉnh Ủy]"),
            ]
        };
        let site = build(config(), articles(), Visibility::default(), now()).unwrap();
        assert_eq!(site.tags.terms[0].name, "Tỉnh Ủy");
        assert_eq!(site.authors.terms[0].name, "Hồng Hải");
        let profiled = crate::config::parse(
            "title: T\nbase_url: https://x.vn/\nauthors:\n  Hong Hai: {bio: B}\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap();
        let site = build(profiled, articles(), Visibility::default(), now()).unwrap();
        assert_eq!(site.authors.terms[0].name, "Hong Hai");
        let warnings = spelling_warnings(&site);
        let author = warnings
            .iter()
            .find(|w| w.message.contains("author"))
            .unwrap();
        assert!(
            author.help.as_deref().unwrap().contains("`Hong Hai`"),
            "{author:?}"
        );
    }
}
