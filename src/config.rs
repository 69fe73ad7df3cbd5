//! `site.yaml` -> `Config`: every key of the contract with its default, validated once
//! (absolute base URL, known time zone, sane pagination and permalink patterns).

use crate::error::Diagnostic;
use crate::tr;
use crate::vietnamese;
use crate::yaml::{self, Origin};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

const KNOWN_KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "timezone",
    "theme",
    "paginate",
    "permalinks",
    "menu",
    "publisher",
    "authors",
    "extra",
    "images",
    "cms",
];

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Publisher {
    pub name: String,
    /// The owning agency (cơ quan chủ quản), named in every page's footer.
    pub owner: String,
    /// The person responsible for the content (người chịu trách nhiệm nội dung).
    pub responsible: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub license: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct AuthorProfile {
    pub affiliation: String,
    pub bio: String,
    /// The name as `site.yaml` writes it: how the author is shown everywhere.
    #[serde(skip)]
    pub name: String,
}

/// `images:` in site.yaml: how photos are resized and encoded.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct ImageSettings {
    /// Widths of the resized copies, in pixels; a photo is never enlarged.
    pub widths: Vec<u32>,
    /// JPEG and lossy WebP quality, 1 to 100.
    pub quality: u8,
    /// Whether a WebP copy is written beside each resized copy.
    pub webp: bool,
}

impl Default for ImageSettings {
    fn default() -> Self {
        ImageSettings {
            widths: vec![480, 960, 1600],
            quality: 80,
            webp: true,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPermalinks {
    article: Option<String>,
    page: Option<String>,
}

#[derive(Debug, Deserialize)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default)]
    description: String,
    language: Option<String>,
    timezone: Option<String>,
    theme: Option<String>,
    paginate: Option<i64>,
    permalinks: Option<RawPermalinks>,
    #[serde(default)]
    menu: Vec<MenuItem>,
    #[serde(default)]
    publisher: Publisher,
    #[serde(default)]
    authors: BTreeMap<String, AuthorProfile>,
    #[serde(default)]
    extra: serde_yaml::Value,
    #[serde(default)]
    images: ImageSettings,
    cms: Option<serde_yaml::Value>,
}

/// URL patterns for articles and static pages, with `:year`, `:month`, `:day`, `:slug`.
#[derive(Debug, Clone, PartialEq)]
pub struct Permalinks {
    pub article: String,
    pub page: String,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Absolute, always ending in `/`.
    pub base_url: String,
    /// Path part of `base_url`, starting and ending with `/`.
    pub base_path: String,
    pub description: String,
    pub language: String,
    pub timezone: chrono_tz::Tz,
    pub theme: String,
    pub paginate: usize,
    pub permalinks: Permalinks,
    pub menu: Vec<MenuItem>,
    pub publisher: Publisher,
    /// Profiles keyed by `vietnamese::term_identity` of the author's name.
    pub authors: BTreeMap<String, AuthorProfile>,
    pub extra: serde_json::Value,
    pub images: ImageSettings,
    /// The browser editor, when `cms:` is set.
    pub cms: Option<crate::cms::settings::CmsSettings>,
}

impl Config {
    /// Absolute URL of a site path that already carries the base path.
    pub fn absolute(&self, site_path: &str) -> String {
        let origin_end = self.base_url.len() - self.base_path.len();
        format!("{}{}", &self.base_url[..origin_end], site_path)
    }

    /// Site path (with base path) for a path written from the site root (`/a/b/`).
    pub fn site_path(&self, root_relative: &str) -> String {
        format!(
            "{}{}",
            self.base_path,
            root_relative.trim_start_matches('/')
        )
    }

    pub fn author_profile(&self, name: &str) -> Option<&AuthorProfile> {
        // Asked for every author link of every page: most sites list no profiles at all.
        if self.authors.is_empty() {
            return None;
        }
        self.authors.get(&vietnamese::term_identity(name))
    }
}

/// Parses and validates `site.yaml`; `base_url_override` is `build --base-url`.
pub fn parse(
    text: &str,
    path: &Path,
    base_url_override: Option<&str>,
) -> Result<Config, Vec<Diagnostic>> {
    let text = vietnamese::source_text(text);
    let origin = Origin {
        path,
        line_offset: 0,
    };
    let raw: RawConfig = yaml::parse_mapping_strict(&text, origin, KNOWN_KEYS)?;
    let mut errors = KeyErrors {
        text: &text,
        path,
        list: Vec::new(),
    };
    let base_url = base_url_override.unwrap_or(&raw.base_url).trim();
    let base_path = base_path(base_url, &mut errors);
    let base_url = format!("{}/", base_url.trim_end_matches('/'));
    let timezone = timezone(raw.timezone, &mut errors);
    let paginate = paginate(raw.paginate, &mut errors);
    let permalinks = permalinks(raw.permalinks, &mut errors);
    let images = images(raw.images, &mut errors);
    if raw.title.trim().is_empty() {
        errors.push(
            "title",
            tr!("config-no-title"),
            &tr!("config-no-title-help"),
        );
    }
    let extra = yaml::to_json(&raw.extra).unwrap_or_else(|message| {
        errors.push(
            "extra",
            tr!("front-extra", error = message),
            &tr!("front-extra-help"),
        );
        serde_json::Value::Null
    });
    let cms = cms_settings(
        raw.cms.as_ref(),
        &raw.authors,
        &text,
        path,
        &mut errors.list,
    );
    if !errors.list.is_empty() {
        return Err(errors.list);
    }
    Ok(Config {
        title: vietnamese::nfc(&raw.title),
        menu: menu(raw.menu, &base_path),
        base_url,
        base_path,
        description: vietnamese::nfc(&raw.description),
        language: raw.language.unwrap_or_else(|| "vi".into()),
        timezone,
        theme: raw.theme.unwrap_or_else(|| "default".into()),
        paginate,
        permalinks,
        publisher: raw.publisher,
        authors: profiles(raw.authors),
        extra,
        images,
        cms,
    })
}

/// The mistakes found in site.yaml, each pointed at the line of its key.
struct KeyErrors<'a> {
    text: &'a str,
    path: &'a Path,
    list: Vec<Diagnostic>,
}

impl KeyErrors<'_> {
    fn push(&mut self, key: &str, message: String, help: &str) {
        let line = self
            .text
            .lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .map_or(1, |i| i + 1);
        let error = Diagnostic::new(self.path, message)
            .at(line, 1)
            .with_help(help);
        self.list.push(error);
    }
}

/// Whether a publisher value is still to be filled in: empty, or a placeholder in square
/// brackets as `tuyenvan init` writes it (`"[Tên cơ quan chủ quản]"`).
fn unfilled(value: &str) -> bool {
    let value = value.trim();
    value.is_empty() || (value.starts_with('[') && value.ends_with(']'))
}

/// `check`'s warning when `publisher` does not name the owning agency or the person
/// responsible for the content, which every page of a state portal must show.
pub fn publisher_warnings(config: &Config, text: &str, path: &Path) -> Vec<Diagnostic> {
    let publisher = &config.publisher;
    let what = match (unfilled(&publisher.owner), unfilled(&publisher.responsible)) {
        (false, false) => return Vec::new(),
        (true, false) => "publisher-missing-owner",
        (false, true) => "publisher-missing-responsible",
        (true, true) => "publisher-missing-both",
    };
    let text = vietnamese::source_text(text);
    let line = text
        .lines()
        .position(|l| l.starts_with("publisher:"))
        .map_or(1, |i| i + 1);
    vec![Diagnostic::new(
        path,
        crate::tr!("publisher-missing", what = crate::tr!(what)),
    )
    .at(line, 1)
    .with_help(crate::tr!("publisher-missing-help"))]
}

/// `base_url`: the path the site is served under (`/` when the URL is not usable).
fn base_path(base_url: &str, errors: &mut KeyErrors<'_>) -> String {
    split_base_url(base_url).unwrap_or_else(|| {
        errors.push(
            "base_url",
            tr!("config-base-url", url = base_url),
            &tr!("config-base-url-help"),
        );
        "/".to_string()
    })
}

fn timezone(name: Option<String>, errors: &mut KeyErrors<'_>) -> chrono_tz::Tz {
    let name = name.unwrap_or_else(|| "Asia/Ho_Chi_Minh".into());
    name.parse::<chrono_tz::Tz>().unwrap_or_else(|_| {
        errors.push(
            "timezone",
            tr!("config-timezone", name = name.as_str()),
            &tr!("config-timezone-help"),
        );
        chrono_tz::Asia::Ho_Chi_Minh
    })
}

fn paginate(paginate: Option<i64>, errors: &mut KeyErrors<'_>) -> usize {
    match paginate {
        None => 20,
        Some(n) if n >= 1 => n as usize,
        Some(n) => {
            errors.push(
                "paginate",
                tr!("config-paginate", value = n),
                &tr!("config-paginate-help"),
            );
            20
        }
    }
}

fn permalinks(raw: Option<RawPermalinks>, errors: &mut KeyErrors<'_>) -> Permalinks {
    let raw = raw.unwrap_or(RawPermalinks {
        article: None,
        page: None,
    });
    let permalinks = Permalinks {
        article: raw.article.unwrap_or_else(|| "/:year/:month/:slug/".into()),
        page: raw.page.unwrap_or_else(|| "/:slug/".into()),
    };
    for pattern in [&permalinks.article, &permalinks.page] {
        if !pattern.contains(":slug") {
            errors.push(
                "permalinks",
                tr!("config-permalink", value = pattern.as_str()),
                &tr!("config-permalink-help"),
            );
        }
    }
    permalinks
}

fn images(mut images: ImageSettings, errors: &mut KeyErrors<'_>) -> ImageSettings {
    images.widths.sort_unstable();
    images.widths.dedup();
    if images.widths.is_empty() || images.widths.iter().any(|w| !(16..=8192).contains(w)) {
        errors.push(
            "images",
            tr!("config-widths", value = format!("{:?}", images.widths)),
            &tr!("config-widths-help"),
        );
    }
    if !(1..=100).contains(&images.quality) {
        errors.push(
            "images",
            tr!("config-quality", value = images.quality),
            &tr!("config-quality-help"),
        );
    }
    images
}

/// `menu`: names in NFC, links under the base path.
fn menu(menu: Vec<MenuItem>, base_path: &str) -> Vec<MenuItem> {
    menu.into_iter()
        .map(|item| MenuItem {
            name: vietnamese::nfc(&item.name),
            url: rebase_link(&item.url, base_path),
        })
        .collect()
}

/// The author profiles by the identity of their names (any case, normalization or tone
/// placement finds them), each keeping its name as written.
fn profiles(authors: BTreeMap<String, AuthorProfile>) -> BTreeMap<String, AuthorProfile> {
    authors
        .into_iter()
        .map(|(name, profile)| {
            let name = vietnamese::nfc(&name);
            (
                vietnamese::term_identity(&name),
                AuthorProfile { name, ..profile },
            )
        })
        .collect()
}

/// `cms:`, validated by the CMS module that owns its keys.
fn cms_settings(
    raw: Option<&serde_yaml::Value>,
    authors: &BTreeMap<String, AuthorProfile>,
    text: &str,
    path: &Path,
    errors: &mut Vec<Diagnostic>,
) -> Option<crate::cms::settings::CmsSettings> {
    match crate::cms::settings::parse(raw?, text, path) {
        // The profiles are keyed by identity below: the CMS offers the names as written.
        Ok(settings) => Some(crate::cms::settings::CmsSettings {
            author_names: authors.keys().map(|n| vietnamese::nfc(n)).collect(),
            ..settings
        }),
        Err(e) => {
            errors.extend(e);
            None
        }
    }
}

/// Puts a link that starts with `/` under the base path; leaves every other link alone.
pub fn rebase_link(url: &str, base_path: &str) -> String {
    if url.starts_with('/') && !url.starts_with("//") {
        format!("{}{}", base_path, &url[1..])
    } else {
        url.to_string()
    }
}

/// The path part of an absolute http(s) URL, normalized to start and end with `/`.
fn split_base_url(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || host.contains(char::is_whitespace) || url.contains(['?', '#']) {
        return None;
    }
    let path = path.trim_matches('/');
    Some(if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Config {
        parse(text, Path::new("site.yaml"), None).unwrap()
    }

    #[test]
    fn defaults_apply() {
        let c = parse_ok("title: Thông tin tuyên vận\nbase_url: https://x.gov.vn\n");
        assert_eq!(c.base_url, "https://x.gov.vn/");
        assert_eq!(c.base_path, "/");
        assert_eq!(c.language, "vi");
        assert_eq!(c.paginate, 20);
        assert_eq!(c.theme, "default");
        assert_eq!(c.timezone, chrono_tz::Asia::Ho_Chi_Minh);
        assert_eq!(c.permalinks.article, "/:year/:month/:slug/");
    }

    #[test]
    fn base_path_and_menu_rebasing() {
        let c = parse_ok(
            "title: T\nbase_url: https://x.gov.vn/thong-tin-tuyen-van\nmenu:\n  - {name: Giới thiệu, url: /gioi-thieu/}\n  - {name: Ngoài, url: https://a.vn/}\n",
        );
        assert_eq!(c.base_path, "/thong-tin-tuyen-van/");
        assert_eq!(c.menu[0].url, "/thong-tin-tuyen-van/gioi-thieu/");
        assert_eq!(c.menu[1].url, "https://a.vn/");
        assert_eq!(
            c.absolute("/thong-tin-tuyen-van/a/"),
            "https://x.gov.vn/thong-tin-tuyen-van/a/"
        );
    }

    #[test]
    fn unknown_key_names_closest() {
        let errors = parse(
            "title: T\nbase_url: https://x.vn/\npaginete: 5\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap_err();
        assert_eq!(errors[0].line, Some(3));
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `paginate`?"));
    }

    #[test]
    fn invalid_values_are_errors() {
        let errors = parse(
            "title: T\nbase_url: x.gov.vn\ntimezone: Mars/Base\npaginate: 0\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line.unwrap()).collect();
        assert_eq!(lines, vec![2, 3, 4]);
    }

    #[test]
    fn author_profiles_match_any_spelling() {
        let c = parse_ok(
            "title: T\nbase_url: https://x.vn/\nauthors:\n  \"Hồng Hải\": {affiliation: Trung tâm VH}\n",
        );
        assert_eq!(
            c.author_profile("hồng hải").unwrap().affiliation,
            "Trung tâm VH"
        );
    }

    #[test]
    fn image_settings_default_and_validate() {
        let c = parse_ok("title: T\nbase_url: https://x.vn/\n");
        assert_eq!(c.images, ImageSettings::default());
        let c = parse_ok(
            "title: T\nbase_url: https://x.vn/\nimages:\n  widths: [960, 320, 960]\n  webp: false\n",
        );
        assert_eq!(c.images.widths, [320, 960]);
        assert_eq!((c.images.quality, c.images.webp), (80, false));
        let errors = parse(
            "title: T\nbase_url: https://x.vn/\nimages:\n  widths: []\n  quality: 0\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors.iter().all(|e| e.line == Some(3)), "{errors:?}");
        let errors = parse(
            "title: T\nbase_url: https://x.vn/\nimages:\n  qualty: 70\n",
            Path::new("site.yaml"),
            None,
        )
        .unwrap_err();
        assert!(errors[0].message.contains("qualty"), "{errors:?}");
    }

    #[test]
    fn publisher_must_name_owner_and_responsible() {
        let warn = |text: &str| publisher_warnings(&parse_ok(text), text, Path::new("site.yaml"));
        let base = "title: T\nbase_url: https://x.vn/\n";
        assert_eq!(warn(base)[0].line, Some(1));
        let placeholder = format!(
            "{base}publisher:\n  owner: \"[Tên cơ quan chủ quản]\"\n  responsible: Nguyễn Văn A\n"
        );
        let warnings = warn(&placeholder);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(3));
        assert!(warnings[0].message.contains("`owner`"), "{}", warnings[0]);
        assert!(!warnings[0].message.contains("`responsible`"));
        let filled = format!("{base}publisher:\n  owner: Huyện ủy\n  responsible: Nguyễn Văn A\n");
        assert!(warn(&filled).is_empty());
    }

    #[test]
    fn base_url_override_wins() {
        let c = parse(
            "title: T\nbase_url: https://x.vn/\n",
            Path::new("site.yaml"),
            Some("http://127.0.0.1:1313/sub/"),
        )
        .unwrap();
        assert_eq!(c.base_path, "/sub/");
    }
}
