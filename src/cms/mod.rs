//! The browser editor (Decap CMS): `/admin/config.yml` and `/admin/index.html`, made from
//! `site.yaml`'s `cms:` and from the very table of keys the front-matter parser accepts.

pub(crate) mod base64;
pub(crate) mod decap;
pub(crate) mod local;
pub(crate) mod settings;

pub(crate) use settings::CmsSettings;

use crate::load::AssetSource;
use crate::site::Site;
use std::sync::Arc;

/// Output folder of the editor, under the site's base path.
pub(crate) const ADMIN: &str = "admin/";

/// The editor's files (output path, bytes) when `cms:` is set; none otherwise.
pub(crate) fn files(
    site: &Site,
    theme_static: &[(String, AssetSource)],
) -> Vec<(String, Arc<[u8]>)> {
    let Some(cms) = &site.config.cms else {
        return Vec::new();
    };
    let stylesheet = stylesheet(theme_static).map(|rel| site.config.site_path(&rel));
    vec![
        (
            format!("{ADMIN}config.yml"),
            decap::config_yml(site, cms).into_bytes().into(),
        ),
        (
            format!("{ADMIN}index.html"),
            decap::index_html(&site.config, cms, stylesheet.as_deref())
                .into_bytes()
                .into(),
        ),
    ]
}

/// The theme's stylesheet, for the editor's preview: `css/style.css`, else the first one.
fn stylesheet(theme_static: &[(String, AssetSource)]) -> Option<String> {
    let sheets = || {
        theme_static
            .iter()
            .map(|(rel, _)| rel)
            .filter(|r| r.ends_with(".css"))
    };
    sheets()
        .find(|r| *r == "css/style.css")
        .or_else(|| sheets().next())
        .cloned()
}
