//! `tuyenvan import`: Word documents (.docx) in, finished article bundles out, one per
//! document, under `content/<year>/<slug>/`. An edge of the pipeline: it reads the site's
//! configuration and articles (names, addresses) and writes only new bundles, each whole.

mod article;
mod bundle;
mod document;
mod legacy;
mod markdown;
mod package;
mod read;
mod styles;
mod write;
mod xml;

use crate::config::Config;
use crate::content::{self, dates};
use crate::error::Diagnostic;
use crate::tr;
use crate::{load, pipeline, scaffold, vietnamese};
use article::ShapeError;
use chrono::{Datelike, Utc};
use package::PackageError;
use std::path::{Path, PathBuf};

/// What the editor asked for.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub files: Vec<PathBuf>,
    pub category: Option<String>,
    pub author: Option<String>,
    /// As in front matter (`12/06/2026 08:30`); default: now in the site's time zone.
    pub date: Option<String>,
    pub slug: Option<String>,
    pub draft: bool,
}

/// What a run did: the bundles written, notes for the editor, and every error.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// `content/<year>/<slug>/index.md` of each article written, relative to the root.
    pub written: Vec<PathBuf>,
    /// Things to tell the editor, each naming its document.
    pub notes: Vec<String>,
    pub errors: Vec<Diagnostic>,
}

/// The site as the import needs it.
struct Site {
    config: Config,
    authors: Vec<String>,
    categories: Vec<String>,
    /// Site paths of every article, to refuse a second article at the same address.
    paths: Vec<(String, PathBuf)>,
}

/// Imports every document of `options`; one document's error does not stop the others.
pub fn run(root: &Path, options: &ImportOptions) -> ImportReport {
    let mut report = ImportReport::default();
    if options.slug.is_some() && options.files.len() > 1 {
        report.errors.push(
            Diagnostic::new("--slug", tr!("import-slug-one"))
                .with_help(tr!("import-slug-one-help")),
        );
        return report;
    }
    let mut site = match read_site(root) {
        Ok(site) => site,
        Err(errors) => {
            report.errors = errors;
            return report;
        }
    };
    for file in &options.files {
        match import_one(root, file, &site, options) {
            Ok((written, notes, path)) => {
                report.notes.extend(notes);
                site.paths.push((path, written.clone()));
                report.written.push(written);
            }
            Err(error) => report.errors.push(error),
        }
    }
    report
}

fn read_site(root: &Path) -> Result<Site, Vec<Diagnostic>> {
    let config = pipeline::load_config(root, None).map_err(|e| e.0)?;
    let (sources, _) = load::read_sources(root, &config.theme);
    let (articles, _) = pipeline::parse_all(&sources, &config);
    let known = scaffold::KnownNames::from_articles(&articles);
    let mut authors = profile_names(root);
    authors.extend(known.authors);
    Ok(Site {
        paths: articles
            .iter()
            .map(|a| (a.path.clone(), a.source.clone()))
            .collect(),
        config,
        authors,
        categories: known.categories,
    })
}

/// The names of the author profiles as `site.yaml` spells them (the config keeps only
/// their identities).
fn profile_names(root: &Path) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Profiles {
        #[serde(default)]
        authors: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
    }
    let Ok(text) = load::read_config(root) else {
        return Vec::new();
    };
    let origin = crate::yaml::Origin {
        path: Path::new(load::CONFIG_FILE),
        line_offset: 0,
    };
    let (profiles, _) = crate::yaml::parse_mapping::<Profiles>(&text, origin, &[]);
    profiles
        .map(|p| p.authors.into_keys().map(|k| vietnamese::nfc(&k)).collect())
        .unwrap_or_default()
}

/// Imports one document: (the index.md written, notes, the article's site path).
fn import_one(
    root: &Path,
    file: &Path,
    site: &Site,
    options: &ImportOptions,
) -> Result<(PathBuf, Vec<String>, String), Diagnostic> {
    let bytes = std::fs::read(file).map_err(|e| Diagnostic::unreadable(file, &e))?;
    let mut docx = read::docx(bytes).map_err(|e| package_error(file, e))?;
    let parts =
        article::shape(std::mem::take(&mut docx.blocks)).map_err(|e| shape_error(file, e))?;
    let mut photos =
        bundle::photos(&mut docx.package, &parts.body).map_err(|e| package_error(file, e))?;
    let mut notes = std::mem::take(&mut photos.skipped);
    let (date_text, year) = date(file, options.date.as_deref(), &site.config)?;
    let (author, category) = names(&parts, site, options, &mut notes);
    let slug = vietnamese::slugify(options.slug.as_deref().unwrap_or(&parts.title));
    let rel = PathBuf::from("content")
        .join(format!("{year:04}"))
        .join(&slug)
        .join("index.md");
    let front = bundle::front_matter(&bundle::Meta {
        parts: &parts,
        date: &date_text,
        author: author.as_deref(),
        category: category.as_deref(),
        slug: options.slug.as_ref().map(|_| slug.as_str()),
        draft: options.draft,
        featured: photos.featured.as_ref(),
    });
    let text = vietnamese::nfc(&format!("{front}{}", body(&parts, &photos, &docx)));
    let path = verify(file, &rel, &text, site)?;
    let mut files = vec![("index.md".to_string(), text.into_bytes())];
    files.append(&mut photos.files);
    let folder = root.join(rel.parent().unwrap_or(Path::new("content")));
    write::bundle(&folder, &files).map_err(|e| write_error(file, &rel, &slug, e))?;
    let notes = notes
        .into_iter()
        .map(|n| format!("{}: {n}", file.display()))
        .collect();
    Ok((rel, notes, path))
}

/// The body's Markdown, without the featured photo (the theme shows it above the body).
fn body(parts: &article::Parts, photos: &bundle::Photos, docx: &read::Docx) -> String {
    let items: Vec<article::Item> = parts
        .body
        .iter()
        .filter(|item| !is_featured(item, photos))
        .cloned()
        .collect();
    markdown::body(
        &items,
        &markdown::Names {
            photos: &photos.names,
            notes: &docx.notes,
        },
    )
}

/// The author (`--author`, else the document's author line) and the category, each in
/// the site's spelling when the site already has it.
fn names(
    parts: &article::Parts,
    site: &Site,
    options: &ImportOptions,
    notes: &mut Vec<String>,
) -> (Option<String>, Option<String>) {
    let author = options
        .author
        .clone()
        .or_else(|| parts.author_line.as_deref().map(bundle::author_name))
        .filter(|a| !a.is_empty())
        .map(|name| {
            let (name, note) = bundle::match_author(&vietnamese::nfc(&name), &site.authors);
            notes.extend(note);
            name
        });
    let category = options.category.as_deref().map(|c| {
        match scaffold::match_name(&vietnamese::nfc(c), &site.categories) {
            scaffold::NameMatch::Same(known) | scaffold::NameMatch::Unmarked(known) => known,
            _ => vietnamese::nfc(c),
        }
    });
    if author.is_none() {
        notes.push(tr!("import-no-author"));
    }
    if category.is_none() {
        notes.push(tr!("import-no-category"));
    }
    (author, category)
}

/// The first photo is the featured image, shown above the body: not repeated in it.
fn is_featured(item: &article::Item, photos: &bundle::Photos) -> bool {
    let article::Item::Figure { part, .. } = item else {
        return false;
    };
    matches!((&photos.featured, photos.names.get(part)), (Some((f, _)), Some(n)) if f == n)
}

/// The date to write and its year in the site's zone.
fn date(file: &Path, given: Option<&str>, config: &Config) -> Result<(String, i32), Diagnostic> {
    match given {
        Some(text) => {
            let parsed = dates::parse_date(text.trim(), config.timezone).map_err(|e| {
                Diagnostic::new(file, tr!("import-date", text = text, error = e.to_string()))
                    .with_help(tr!("import-date-help"))
            })?;
            Ok((text.trim().to_string(), parsed.when.year()))
        }
        None => {
            let now = Utc::now().with_timezone(&config.timezone);
            Ok((now.format("%Y-%m-%d %H:%M").to_string(), now.year()))
        }
    }
}

/// Parses the article as the build will, and refuses an address another article has.
fn verify(file: &Path, rel: &Path, text: &str, site: &Site) -> Result<String, Diagnostic> {
    let article = content::parse_article(rel, text, &site.config).map_err(|errors| {
        let detail: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
        Diagnostic::new(
            file,
            tr!("import-unreadable-result", detail = detail.join("; ")),
        )
    })?;
    if let Some((_, other)) = site.paths.iter().find(|(p, _)| *p == article.path) {
        return Err(Diagnostic::new(
            file,
            tr!(
                "import-address-taken",
                address = article.path.as_str(),
                file = other.display().to_string()
            ),
        )
        .with_help(tr!(
            "import-other-slug",
            slug = format!("{}-2", article.slug)
        )));
    }
    Ok(article.path)
}

fn write_error(file: &Path, rel: &Path, slug: &str, e: std::io::Error) -> Diagnostic {
    let folder = rel.parent().unwrap_or(rel).display();
    if e.kind() == std::io::ErrorKind::AlreadyExists {
        Diagnostic::new(file, tr!("import-folder-exists", dir = folder.to_string()))
            .with_help(tr!("import-other-slug", slug = format!("{slug}-2")))
    } else {
        Diagnostic::new(file, tr!("import-cannot-write", dir = folder.to_string()))
            .with_note(tr!("note-system", detail = e.to_string()))
    }
}

fn package_error(file: &Path, e: PackageError) -> Diagnostic {
    let repair = || tr!("import-repair");
    let (message, help) = match e {
        PackageError::LegacyDoc => (tr!("import-legacy-doc"), tr!("import-legacy-doc-help")),
        PackageError::Encrypted => (tr!("import-encrypted"), tr!("import-encrypted-help")),
        PackageError::NotZip => (tr!("import-not-docx"), tr!("import-not-docx-help")),
        PackageError::Damaged(detail) => (tr!("import-damaged", detail = detail), repair()),
        PackageError::MissingPart(part) => (tr!("import-missing-part", part = part), repair()),
    };
    Diagnostic::new(file, tr!("import-nothing-written", message = message)).with_help(help)
}

fn shape_error(file: &Path, e: ShapeError) -> Diagnostic {
    match e {
        ShapeError::NoText => Diagnostic::new(file, tr!("import-no-text")),
        ShapeError::NoTitle => {
            Diagnostic::new(file, tr!("import-no-title")).with_help(tr!("import-no-title-help"))
        }
    }
}
