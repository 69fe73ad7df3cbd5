//! End-to-end tests of the browser editor: `/admin/` files made by `build` from `site.yaml`
//! and the front-matter rules, the local backend in `serve`, and Decap CMS (from npm, never
//! a CDN) driving both in headless Chromium.

use crate::support as common;

use common::{Server, TestSite};

use std::path::Path;
use std::time::{Duration, Instant};

const CONFIG: &str = "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\nauthors:\n  \"Hồng Hải\": {affiliation: Trung tâm VH}\n";

/// Every key the build accepts, as Decap writes them (block lists, `DD/MM/YYYY HH:mm`).
const EVERY_KEY: &str = "---
title: \"Hội nghị tổng kết: công tác dân vận năm 2023\"
date: 12/06/2023 08:30
updated: 13/06/2023 09:00
corrections:
  - date: 14/06/2023 10:00
    text: Sửa tên hội trường của huyện.
authors:
  - Hồng Hải
  - Đỗ Phương
categories:
  - Dân vận
  - Xây dựng Đảng
tags:
  - hội nghị
  - dân vận khéo
summary: Sapo cũ của bài.
image: anh.jpg
image_caption: Quang cảnh hội nghị
image_alt: Hội trường huyện
source: Dienbien.gov.vn
slug: hoi-nghi-day-du
aliases:
  - /tin-tuc/hoi-nghi-cu.html
draft: false
featured: true
kind: article
extra:
  so_van_ban: 1327-QĐ/TU
---
Thân bài có **chữ đậm**.
";

/// The single-name forms of the keys that come in two forms.
const SINGLE_FORMS: &str = "---
title: Một tác giả, một chuyên mục
date: 05/09/2022 08:30
author: Dương Minh
category: Tuyên giáo
summary: Sapo ngắn.
---
Đoạn đầu.
";

fn site(cms: &str) -> TestSite {
    let site = TestSite::with_config(&format!("{CONFIG}{cms}"));
    site.write("content/2023/hoi-nghi-day-du/index.md", EVERY_KEY);
    site.write_bytes(
        "content/2023/hoi-nghi-day-du/anh.jpg",
        &common::photo_bytes(),
    );
    site.write("content/2022/mot-tac-gia.md", SINGLE_FORMS);
    site.write(
        "content/gioi-thieu.md",
        "---\ntitle: Giới thiệu\ndate: 2023-01-01\nkind: page\n---\nBan biên tập.\n",
    );
    site
}

fn yaml(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(text).expect("config.yml is YAML")
}

fn field_names(config: &serde_yaml::Value, collection: usize) -> Vec<String> {
    config["collections"][collection]["fields"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn build_writes_the_editor_from_site_yaml_and_the_key_table() {
    let site = site("cms:\n  backend: gitea\n  repo: so/tuyen-van\n  base_url: https://git.tinh.gov.vn\n  app_id: abc-123\n  workflow: true\n");
    site.build(&[]);
    let config = yaml(&site.read("admin/config.yml"));
    assert_eq!(config["backend"]["name"], "gitea");
    assert_eq!(config["backend"]["app_id"], "abc-123");
    assert_eq!(config["publish_mode"], "editorial_workflow");
    assert_eq!(config["locale"], "vi");
    assert_eq!(config["slug"]["clean_accents"], true);
    assert_eq!(config["collections"][0]["path"], "{{year}}/{{slug}}/index");
    assert_eq!(config["collections"][1]["filter"]["value"], "page");
    let keys = [
        "title",
        "date",
        "updated",
        "corrections",
        "author",
        "authors",
        "category",
        "categories",
        "tags",
        "summary",
        "image",
        "image_caption",
        "image_alt",
        "source",
        "slug",
        "aliases",
        "documents",
        "draft",
        "featured",
        "kind",
        "extra",
        "body",
    ];
    for collection in [0, 1] {
        assert_eq!(field_names(&config, collection), keys);
    }
    // Directive documents: their own keys, their files beside them.
    assert_eq!(config["collections"][2]["folder"], "content/van-ban");
    assert_eq!(
        field_names(&config, 2),
        [
            "number",
            "type",
            "issuer",
            "date",
            "effective",
            "signer",
            "summary",
            "files",
            "draft",
            "body"
        ]
    );
    let fields = config["collections"][0]["fields"].as_sequence().unwrap();
    let hint = fields[5]["hint"].as_str().unwrap();
    assert!(
        hint.contains("Hồng Hải") && hint.contains("Đỗ Phương"),
        "{hint}"
    );
    let html = site.read("admin/index.html");
    assert!(
        html.contains("https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"),
        "{html}"
    );
    assert!(
        html.contains("CMS.registerPreviewStyle(\"/css/style.css\")"),
        "{html}"
    );
    assert!(!site.read("admin/config.yml").contains("local_backend"));

    let plain = TestSite::with_config(CONFIG);
    plain.build(&[]);
    assert!(!plain.exists("admin/config.yml"));
}

#[test]
fn bad_cms_settings_name_site_yaml_and_the_line() {
    let site = site("cms:\n  backend: gitea\n  repo: so/tuyen-van\n  branh: main\n");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("site.yaml:8:3"), "{stderr}");
    assert!(stderr.contains("unknown key `branh` in `cms:`"), "{stderr}");
    assert!(stderr.contains("did you mean `branch`?"), "{stderr}");
    assert!(
        stderr.contains("`backend: gitea` needs `cms.base_url`"),
        "{stderr}"
    );
    let site = site_with_cms("cms:\n  backend: github\n  repo: a/b\n  client_secret: x\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("site.yaml:8:3") && stderr.contains("no secret"),
        "{stderr}"
    );
    let stderr = site_with_cms("cms:\n  backend: bitbucket\n").build_fails(&[]);
    assert!(
        stderr.contains("site.yaml:6:3") && stderr.contains("bitbucket"),
        "{stderr}"
    );
}

fn site_with_cms(cms: &str) -> TestSite {
    TestSite::with_config(&format!("{CONFIG}{cms}"))
}

/// The editor's local backend, as the CMS page calls it.
fn api(server: &Server, json: &str) -> (u16, String) {
    server.request("POST", "/__tuyenvan/cms", "application/json", json)
}

#[test]
fn serve_answers_the_local_backend_inside_content_only() {
    let site = site("cms:\n  backend: github\n  repo: a/b\n  workflow: true\n");
    let (server, _) = Server::start(&site, 0);
    let (status, config) = server.request("GET", "/admin/config.yml", "text/plain", "");
    assert_eq!(status, 200);
    let url = format!("http://127.0.0.1:{}/__tuyenvan/cms", server.port);
    assert_eq!(yaml(&config)["local_backend"]["url"], url.as_str());
    let (status, info) = api(&server, r#"{"action":"info"}"#);
    assert_eq!(status, 200, "{info}");
    assert!(info.contains("local_fs"), "{info}");
    let (_, entries) = api(
        &server,
        r#"{"action":"entriesByFolder","params":{"branch":"main","folder":"content","extension":"md","depth":3}}"#,
    );
    assert!(
        entries.contains("content/2023/hoi-nghi-day-du/index.md"),
        "{entries}"
    );
    for hostile in [
        "site.yaml",
        "content/../site.yaml",
        "/etc/passwd",
        "content/..\\\\site.yaml",
    ] {
        let request = format!(
            r#"{{"action":"persistEntry","params":{{"branch":"main","dataFiles":[{{"slug":"x","path":"{hostile}","raw":"hỏng"}}],"assets":[],"options":{{"commitMessage":"x","useWorkflow":false,"status":""}}}}}}"#
        );
        let (status, _) = api(&server, &request);
        assert_eq!(status, 422, "{hostile}");
    }
    assert!(std::fs::read_to_string(site.path("site.yaml"))
        .unwrap()
        .starts_with("title:"));
    // Without `cms:` in site.yaml, nothing is written.
    site.write("site.yaml", CONFIG);
    let deadline = Instant::now() + Duration::from_secs(30);
    while api(&server, r#"{"action":"info"}"#).0 != 404 {
        assert!(
            Instant::now() < deadline,
            "the local backend still answers without cms:"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    site.write(
        "site.yaml",
        &format!("{CONFIG}cms:\n  backend: github\n  repo: a/b\n"),
    );
    // A cross-site form post cannot send JSON without a preflight: refused.
    let (status, _) = server.request(
        "POST",
        "/__tuyenvan/cms",
        "text/plain",
        r#"{"action":"info"}"#,
    );
    assert_eq!(status, 415);
    // A save through the backend is a file edit like any other: the page is rebuilt.
    let text = EVERY_KEY.replace("Thân bài có", "Thân bài mới có");
    let request = serde_json::json!({"action": "persistEntry", "params": {"branch": "main",
        "dataFiles": [{"slug": "x", "path": "content/2023/hoi-nghi-day-du/index.md", "raw": text}],
        "assets": [], "options": {"commitMessage": "x", "useWorkflow": false, "status": ""}}});
    assert_eq!(api(&server, &request.to_string()).0, 200);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, page) = server.request("GET", "/2023/06/hoi-nghi-day-du/", "text/plain", "");
        if page.contains("Thân bài mới có") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the save was not rebuilt: {page}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The npm copy of Decap CMS, self-hosted the documented way: under the theme's `static/`.
fn self_host_decap(site: &TestSite) {
    let dist =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/decap-cms/dist");
    assert!(
        dist.join("decap-cms.js").exists(),
        "(cd tests/browser && npm ci) installs decap-cms (scripts/test.sh does it)"
    );
    for entry in std::fs::read_dir(&dist).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".map") && !name.contains("LICENSE") {
            site.write_bytes(
                &format!("themes/default/static/admin/{name}"),
                &std::fs::read(&path).unwrap(),
            );
        }
    }
}

/// Lines of `after` that differ from `before`'s, as (before, after) pairs.
fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    assert_eq!(
        before.lines().count(),
        after.lines().count(),
        "lines were added or lost:\n{after}"
    );
    before
        .lines()
        .zip(after.lines())
        .filter(|(b, a)| b != a)
        .map(|(b, a)| (b.to_string(), a.to_string()))
        .collect()
}

fn find_file(dir: &Path, suffix: &str) -> std::path::PathBuf {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| p.to_string_lossy().replace('\\', "/").ends_with(suffix))
        .unwrap_or_else(|| panic!("no {suffix} under {}", dir.display()))
}

#[test]
fn decap_creates_and_edits_articles_that_build() {
    let site =
        site("cms:\n  backend: github\n  repo: so/tuyen-van\n  script: /admin/decap-cms.js\n");
    self_host_decap(&site);
    let photo = site.path("anh-hoi-nghi.jpg");
    std::fs::write(&photo, common::photo_bytes()).unwrap();
    let (server, _) = Server::start(&site, 0);
    let out = common::browser_script(
        "cms.mjs",
        &serde_json::json!({
            "admin": format!("http://127.0.0.1:{}/admin/", server.port),
            "photo": photo,
            "stylesheet": "/css/style.css",
            "create": {"title": "Đường về bản Đông Sơn: hội nghị dân vận",
                "authors": ["Hồng Hải"], "categories": ["Dân vận", "Xây dựng Đảng"],
                "caption": "Quang cảnh hội nghị ở nhà văn hóa bản",
                "body": "Sáng 5/6, Ban Dân vận tổ chức hội nghị tại bản Đông Sơn."},
            "edit": [
                {"entry": "2023/hoi-nghi-day-du/index", "summary": "Sapo mới của bài.",
                    "title": "Hội nghị tổng kết: công tác dân vận năm 2023"},
                {"entry": "2022/mot-tac-gia", "summary": "Sapo mới, ngắn.",
                    "title": "Một tác giả, một chuyên mục"},
            ],
        }),
    );
    drop(server);
    assert_eq!(
        out["configValid"], true,
        "Decap's schema refused config.yml: {out}"
    );
    assert_eq!(out["errors"], serde_json::json!([]), "{out}");
    assert_eq!(out["previewStyle"], true, "{out}");
    assert_eq!(out["saved"], 3, "{out}");

    // The two edits: the sapo's line, and nothing else.
    let every =
        std::fs::read_to_string(site.path("content/2023/hoi-nghi-day-du/index.md")).unwrap();
    let diff = changed_lines(EVERY_KEY, &every);
    eprintln!("every key, changed lines: {diff:?}");
    assert_eq!(
        diff,
        [(
            "summary: Sapo cũ của bài.".into(),
            "summary: Sapo mới của bài.".into()
        )]
    );
    let single = std::fs::read_to_string(site.path("content/2022/mot-tac-gia.md")).unwrap();
    let diff = changed_lines(SINGLE_FORMS, &single);
    eprintln!("single forms, changed lines: {diff:?}");
    assert_eq!(
        diff,
        [(
            "summary: Sapo ngắn.".into(),
            "summary: Sapo mới, ngắn.".into()
        )]
    );

    // The new article: a bundle with its photo beside it, `đ` made `d` in its folder name.
    let created = find_file(
        &site.path("content"),
        "/duong-ve-ban-dong-son-hoi-nghi-dan-van/index.md",
    );
    let text = std::fs::read_to_string(&created).unwrap();
    eprintln!("created {}:\n{text}", created.display());
    assert!(
        created.with_file_name("anh-hoi-nghi.jpg").exists(),
        "{text}"
    );
    site.build(&[]);
    let page = std::fs::read_to_string(find_file(
        &site.public(),
        "/duong-ve-ban-dong-son-hoi-nghi-dan-van/index.html",
    ))
    .unwrap();
    for shown in [
        "Đường về bản Đông Sơn: hội nghị dân vận",
        "Dân vận",
        "Xây dựng Đảng",
        "Hồng Hải",
        "Quang cảnh hội nghị ở nhà văn hóa bản",
        "Sáng 5/6, Ban Dân vận tổ chức hội nghị tại bản Đông Sơn.",
        "anh-hoi-nghi",
    ] {
        assert!(page.contains(shown), "the page does not show {shown}");
    }
}
