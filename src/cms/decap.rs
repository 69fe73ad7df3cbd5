//! Decap CMS's `config.yml` and its page: one editor field per front-matter key, with the
//! widget, requirement and Vietnamese wording that fit the key's shape.

use super::CmsSettings;
use crate::check::SUMMARY_LIMIT;
use crate::config::{rebase_link, Config};
use crate::content::frontmatter::{Field, Shape, FIELDS};
use crate::site::{Site, TaxonomyKind};
use serde_json::{json, Map, Value};

/// How dates are written: day first, as editors write them, and one of the formats the
/// front-matter parser accepts (`12/06/2023 22:05`). Decap reads these as dayjs tokens.
pub(crate) const DATE_FORMAT: &str = "DD/MM/YYYY HH:mm";

/// Label and hint of a key, in Vietnamese.
pub(crate) fn wording(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "title" => (
            "Tiêu đề",
            "Bắt buộc. Tiêu đề có dấu hai chấm vẫn gõ bình thường.",
        ),
        "date" => (
            "Ngày đăng",
            "Bắt buộc. Bài có ngày trong tương lai chờ đến ngày đó mới đăng.",
        ),
        "updated" => (
            "Ngày cập nhật",
            "Chỉ điền khi bài được sửa nội dung sau khi đăng.",
        ),
        "corrections" => (
            "Đính chính",
            "Khi sửa một thông tin sai sau khi bài đã đăng: mỗi lần sửa một mục, ghi ngày sửa và nội dung đính chính. Bài hiện khung \"Đính chính\".",
        ),
        "author" => (
            "Tác giả (một người)",
            "Điền ô này hoặc ô \"Các tác giả\", không điền cả hai.",
        ),
        "authors" => ("Các tác giả", "Mỗi tên một mục; tên mới được chấp nhận."),
        "category" => (
            "Chuyên mục (một)",
            "Điền ô này hoặc ô \"Các chuyên mục\", không điền cả hai.",
        ),
        "categories" => (
            "Các chuyên mục",
            "Chuyên mục đầu tiên quyết định mục \"Tin khác\"; tên mới được chấp nhận.",
        ),
        "tags" => ("Từ khóa", "Mỗi từ khóa một mục."),
        "summary" => (
            "Sapo",
            "Một hai câu giới thiệu bài; để trống thì dùng đoạn đầu của bài.",
        ),
        "image" => ("Ảnh đại diện", "Ảnh được lưu cạnh bài viết."),
        "image_caption" => ("Chú thích ảnh", "Hiện dưới ảnh đại diện."),
        "image_alt" => (
            "Mô tả ảnh cho người khiếm thị",
            "Để trống thì dùng chú thích ảnh.",
        ),
        "source" => ("Nguồn", "Ví dụ: Dienbien.gov.vn"),
        "slug" => (
            "Đường dẫn riêng",
            "Để trống thì đường dẫn được làm từ tiêu đề.",
        ),
        "aliases" => (
            "Địa chỉ cũ",
            "Mỗi địa chỉ cũ bắt đầu bằng /, ví dụ /tin-tuc/bai-cu.html",
        ),
        "documents" => (
            "Văn bản liên quan",
            "Số hiệu các văn bản bài viết nhắc đến, mỗi số một mục, ví dụ 849-CV/TU.",
        ),
        "draft" => ("Bản nháp", "Bật thì bài chưa được đăng."),
        "featured" => (
            "Tin nổi bật",
            "Bật thì bài hiện ở khối \"Tin nổi bật\" của trang chủ.",
        ),
        "kind" => ("Loại", "Bài viết hoặc trang tĩnh."),
        "extra" => (
            "Dữ liệu thêm",
            "Dữ liệu riêng cho giao diện; sửa trong tệp.",
        ),
        _ => return None,
    })
}

/// Names the editor suggests: `site.yaml`'s authors, and the terms in use.
#[derive(Debug, Default)]
pub(crate) struct Known {
    pub authors: Vec<String>,
    pub categories: Vec<String>,
}

impl Known {
    pub(crate) fn of(site: &Site) -> Known {
        let from_yaml = site
            .config
            .cms
            .as_ref()
            .map_or_else(Vec::new, |c| c.author_names.clone());
        Known {
            authors: with_terms(from_yaml, site, TaxonomyKind::Authors),
            categories: with_terms(Vec::new(), site, TaxonomyKind::Categories),
        }
    }
}

fn with_terms(mut names: Vec<String>, site: &Site, kind: TaxonomyKind) -> Vec<String> {
    for term in &site.taxonomy(kind).terms {
        let identity = crate::vietnamese::term_identity(&term.name);
        if !names
            .iter()
            .any(|n| crate::vietnamese::term_identity(n) == identity)
        {
            names.push(term.name.clone());
        }
    }
    names
}

/// Decap's list widget, not its select or relation: those refuse a value they do not
/// list, and a new author or category must stay possible. The known names go in the hint.
fn names_field(base: Map<String, Value>, known: &[String], many: bool) -> Map<String, Value> {
    let mut f = base;
    let hint = f["hint"].as_str().unwrap_or_default().to_string();
    let known = if known.is_empty() {
        String::new()
    } else {
        format!(" Đã có: {}.", known.join(", "))
    };
    f.insert("hint".into(), format!("{hint}{known}").into());
    f.insert("widget".into(), if many { "list" } else { "string" }.into());
    f
}

/// The editor field of one front-matter key; `page` is the static pages' collection.
pub(crate) fn field(known: &Known, rule: &Field, page: bool) -> Value {
    let (label, hint) = wording(rule.key).unwrap_or((rule.key, ""));
    let mut f = Map::new();
    f.insert("name".into(), rule.key.into());
    f.insert("label".into(), label.into());
    f.insert("hint".into(), hint.into());
    f.insert("required".into(), rule.required.into());
    let extra = match rule.shape {
        Shape::Text => json!({"widget": "string"}),
        Shape::Sapo => json!({"widget": "text",
            "hint": format!("{hint} Nên dưới {SUMMARY_LIMIT} ký tự (lệnh check nhắc khi dài hơn).")}),
        Shape::Date => date_widget(),
        Shape::Corrections => {
            let mut date = date_widget();
            date["name"] = "date".into();
            date["label"] = "Ngày đính chính".into();
            date["required"] = true.into();
            json!({"widget": "list", "label_singular": "đính chính",
                "summary": "{{fields.date}}: {{fields.text}}",
                "fields": [date, {"name": "text", "label": "Nội dung đính chính",
                    "required": true, "widget": "text",
                    "hint": "Ví dụ: Sửa tên xã Nà Khương (bản trước ghi nhầm là Nà Khuông)."}]})
        }
        Shape::Authors { many } => return names_field(f, &known.authors, many).into(),
        Shape::Categories { many } => return names_field(f, &known.categories, many).into(),
        Shape::List => json!({"widget": "list"}),
        Shape::Photo => json!({"widget": "image", "choose_url": true}),
        Shape::Switch => json!({"widget": "boolean", "default": false}),
        // Hidden: the collection decides; a new page gets `page`, an article nothing.
        Shape::Kind if page => json!({"widget": "hidden", "default": "page"}),
        Shape::Kind | Shape::Map => json!({"widget": "hidden"}),
    };
    if let Value::Object(extra) = extra {
        f.extend(extra);
    }
    f.into()
}

/// Decap's date and time picker, writing dates as the front-matter parser reads them.
fn date_widget() -> Value {
    json!({"widget": "datetime", "format": DATE_FORMAT,
        "date_format": "DD/MM/YYYY", "time_format": "HH:mm", "picker_utc": false})
}

fn fields(known: &Known, page: bool) -> Vec<Value> {
    let mut fields: Vec<Value> = FIELDS.iter().map(|r| field(known, r, page)).collect();
    fields.push(
        json!({"name": "body", "label": "Nội dung", "widget": "markdown",
        "required": false, "hint": "Ảnh chèn vào bài được lưu cạnh bài viết."}),
    );
    fields
}

fn backend(cms: &CmsSettings) -> Value {
    let mut b = Map::new();
    b.insert("name".into(), cms.backend.clone().into());
    b.insert("branch".into(), cms.branch.clone().into());
    let optional = [
        ("repo", &cms.repo),
        ("base_url", &cms.base_url),
        ("auth_endpoint", &cms.auth_endpoint),
        ("api_root", &cms.api_root),
        ("app_id", &cms.app_id),
        ("proxy_url", &cms.proxy_url),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            b.insert(key.into(), v.clone().into());
        }
    }
    if cms.app_id.is_some() && cms.backend == "gitlab" {
        // A GitLab application id means sign-in without a server of ours (PKCE).
        b.insert("auth_type".into(), "pkce".into());
    }
    b.into()
}

/// The collections: articles as bundles beside their photos, and static pages.
fn collections(known: &Known) -> Value {
    json!([
        {
            "name": "bai-viet",
            "label": "Bài viết",
            "label_singular": "bài viết",
            "description": "Mỗi bài là một thư mục content/<năm>/<đường dẫn>/ chứa index.md và ảnh của bài.",
            "folder": "content",
            "path": "{{year}}/{{slug}}/index",
            "extension": "md",
            "format": "frontmatter",
            "create": true,
            "media_folder": "",
            "public_folder": "",
            "summary": "{{title}} ({{date}})",
            "sortable_fields": ["date", "title"],
            "fields": fields(known, false),
        },
        {
            "name": "trang",
            "label": "Trang tĩnh",
            "label_singular": "trang tĩnh",
            "description": "Các trang không nằm trong danh sách bài (Giới thiệu, Liên hệ).",
            "folder": "content",
            "path": "{{slug}}",
            "extension": "md",
            "format": "frontmatter",
            "create": true,
            "filter": {"field": "kind", "value": "page"},
            "fields": fields(known, true),
        },
        {
            "name": "van-ban",
            "label": "Văn bản",
            "label_singular": "văn bản",
            "description": "Văn bản chỉ đạo (công văn, chỉ thị, kế hoạch…): mỗi văn bản một tệp trong content/van-ban/, tệp đính kèm để cùng thư mục.",
            "folder": format!("content/{}", crate::content::document::FOLDER),
            "path": "{{slug}}",
            "slug": "{{number}}",
            "identifier_field": "number",
            "extension": "md",
            "format": "frontmatter",
            "create": true,
            "media_folder": "",
            "public_folder": "",
            "summary": "{{number}}: {{summary}} ({{date}})",
            "sortable_fields": ["date", "number"],
            "fields": document_fields(),
        }
    ])
}

/// The editor fields of a directive document, one per key of `content::document::KEYS`.
fn document_fields() -> Vec<Value> {
    let types = crate::content::document::KNOWN_TYPES.join(", ");
    let date = json!({"widget": "datetime", "format": "DD/MM/YYYY",
        "date_format": "DD/MM/YYYY", "time_format": false, "picker_utc": false});
    let mut fields: Vec<Value> = crate::content::document::KEYS
        .iter()
        .map(|&key| {
            let (label, hint, required, widget) = match key {
                "number" => ("Số hiệu", "Bắt buộc, không trùng văn bản khác. Ví dụ: 849-CV/TU", true, json!({"widget": "string"})),
                "type" => ("Loại văn bản", "Bắt buộc. Thường gặp: ", true, json!({"widget": "string"})),
                "issuer" => ("Cơ quan ban hành", "Ví dụ: Huyện ủy Phù Vân", false, json!({"widget": "string"})),
                "date" => ("Ngày ban hành", "Bắt buộc.", true, date.clone()),
                "effective" => ("Ngày hiệu lực", "Để trống nếu văn bản không ghi.", false, date.clone()),
                "signer" => ("Người ký", "", false, json!({"widget": "string"})),
                "summary" => ("Trích yếu", "Bắt buộc. Nội dung tóm tắt ghi dưới số hiệu của văn bản.", true, json!({"widget": "text"})),
                "files" => ("Tệp đính kèm", "Tệp PDF, DOCX… của văn bản, lưu cạnh văn bản.", false,
                    json!({"widget": "list", "field": {"name": "file", "label": "Tệp", "widget": "file"}})),
                _ => ("Bản nháp", "Bật thì văn bản chưa được đăng.", false, json!({"widget": "boolean", "default": false})),
            };
            let hint = if key == "type" { format!("{hint}{types}.") } else { hint.to_string() };
            let mut f = json!({"name": key, "label": label, "hint": hint, "required": required});
            if let (Value::Object(f), Value::Object(w)) = (&mut f, widget) {
                f.extend(w);
            }
            f
        })
        .collect();
    fields.push(
        json!({"name": "body", "label": "Toàn văn hoặc ghi chú", "widget": "markdown",
        "required": false, "hint": "Không bắt buộc."}),
    );
    fields
}

/// `admin/config.yml`. Holds no secret: only public names and addresses.
pub(crate) fn config_yml(site: &Site, cms: &CmsSettings) -> String {
    let config = &site.config;
    let mut top = Map::new();
    top.insert("backend".into(), backend(cms));
    if cms.workflow {
        top.insert("publish_mode".into(), "editorial_workflow".into());
    }
    top.insert("locale".into(), "vi".into());
    top.insert("site_url".into(), config.base_url.clone().into());
    top.insert("display_url".into(), config.base_url.clone().into());
    top.insert("media_folder".into(), "content/anh".into());
    top.insert("public_folder".into(), "/anh".into());
    top.insert("omit_empty_optional_fields".into(), true.into());
    top.insert(
        "slug".into(),
        json!({"encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-"}),
    );
    top.insert("collections".into(), collections(&Known::of(site)));
    let yaml = serde_yaml::to_string(&Value::Object(top)).unwrap_or_default();
    format!("# Tệp sinh tự động từ site.yaml (mục cms:) và quy tắc front matter của tuyenvan.\n# Đừng sửa tay: sửa site.yaml rồi dựng lại. Tệp này không chứa bí mật nào.\n{yaml}")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `admin/index.html`: loads the editor's script and gives the preview the site's style.
pub(crate) fn index_html(config: &Config, cms: &CmsSettings, stylesheet: Option<&str>) -> String {
    let script = rebase_link(&cms.script, &config.base_path);
    let style = stylesheet.map_or_else(String::new, |s| {
        format!(
            "<script>CMS.registerPreviewStyle({});</script>\n",
            serde_json::to_string(s).unwrap_or_default()
        )
    });
    format!(
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"robots\" content=\"noindex\">\n<title>Soạn bài – {title}</title>\n\
<link href=\"config.yml\" type=\"text/yaml\" rel=\"cms-config-url\">\n</head>\n<body>\n\
<script src=\"{script}\"></script>\n{style}</body>\n</html>\n",
        title = escape(&config.title),
        script = escape(&script),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter::parser_keys;

    fn declared(page: bool) -> Vec<String> {
        fields(&Known::default(), page)
            .iter()
            .filter(|f| f["widget"] != "markdown")
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect()
    }

    /// The parser's own struct names the keys it reads: each must be a field of both
    /// collections, or Decap would drop it from an article it saves.
    #[test]
    fn every_key_the_parser_accepts_is_declared() {
        let accepted = parser_keys();
        assert!(accepted.len() >= 19, "{accepted:?}");
        for page in [false, true] {
            let declared = declared(page);
            for key in &accepted {
                assert!(
                    declared.contains(&key.to_string()),
                    "`{key}` is accepted but not declared"
                );
                assert!(wording(key).is_some(), "`{key}` has no Vietnamese label");
            }
            assert_eq!(declared.len(), accepted.len(), "{declared:?}");
        }
    }

    #[test]
    fn every_document_key_is_a_field_of_the_documents_collection() {
        let names: Vec<String> = document_fields()
            .iter()
            .filter(|f| f["widget"] != "markdown")
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(names, crate::content::document::KEYS);
        let files = &document_fields()[7];
        assert_eq!(files["field"]["widget"], "file");
    }

    #[test]
    fn required_exactly_where_the_build_requires() {
        let required: Vec<String> = fields(&Known::default(), false)
            .iter()
            .filter(|f| f["required"] == true)
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(required, ["title", "date"]);
    }

    #[test]
    fn the_date_format_is_one_we_parse() {
        // What Decap writes for DATE_FORMAT.
        let written = "05/09/2022 08:30";
        let parsed =
            crate::content::dates::parse_date(written, chrono_tz::Asia::Ho_Chi_Minh).unwrap();
        assert!(parsed.has_time);
        assert_eq!(DATE_FORMAT, "DD/MM/YYYY HH:mm");
    }
}
