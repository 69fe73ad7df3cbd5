//! The `cms:` section of `site.yaml`: which git host the browser editor saves to, and what
//! that host needs; checked key by key, with every mistake located on its own line.

use crate::error::{closest, Diagnostic};
use serde_yaml::Value;
use std::path::Path;

/// Where the editor's script comes from unless `script:` says otherwise: one fixed
/// version, so a site never changes under its editors by itself.
pub(crate) const DEFAULT_SCRIPT: &str = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js";

const KEYS: &[&str] = &[
    "backend",
    "repo",
    "branch",
    "base_url",
    "auth_endpoint",
    "api_root",
    "app_id",
    "proxy_url",
    "workflow",
    "script",
];

const BACKENDS: &[&str] = &["github", "gitlab", "gitea", "git-gateway", "proxy"];

/// Keys that would hold a secret: named so that the error can say why they have no place.
const SECRETS: &[&str] = &[
    "client_secret",
    "secret",
    "token",
    "password",
    "access_token",
];

/// The validated `cms:` settings.
#[derive(Debug, Clone, PartialEq)]
pub struct CmsSettings {
    /// Decap's backend name: `github`, `gitlab`, `gitea`, `git-gateway` or `proxy`.
    pub backend: String,
    pub repo: Option<String>,
    pub branch: String,
    /// The OAuth server (GitHub, Gitea) or the GitLab / Gitea instance.
    pub base_url: Option<String>,
    pub auth_endpoint: Option<String>,
    pub api_root: Option<String>,
    /// OAuth application id (GitLab and Gitea PKCE sign-in).
    pub app_id: Option<String>,
    pub proxy_url: Option<String>,
    /// Bản nháp -> chờ duyệt -> sẵn sàng (Decap's editorial workflow).
    pub workflow: bool,
    pub script: String,
    /// The names of `site.yaml`'s `authors`, as written there.
    pub author_names: Vec<String>,
}

/// Reads the `cms:` value of `site.yaml` (`text` is the whole file, for line numbers).
pub(crate) fn parse(
    value: &Value,
    text: &str,
    path: &Path,
) -> Result<CmsSettings, Vec<Diagnostic>> {
    let at = |key: Option<&str>, message: String, help: String| {
        let (line, column) = line_of(text, key);
        Diagnostic::new(path, message)
            .at(line, column)
            .with_help(help)
    };
    let Value::Mapping(map) = value else {
        return Err(vec![at(
            None,
            crate::tr!("cms-not-mapping"),
            crate::tr!("cms-not-mapping-help"),
        )]);
    };
    let mut errors = Vec::new();
    let mut text_of = |key: &str| -> Option<String> {
        match map.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => {
                errors.push(at(
                    Some(key),
                    crate::tr!("cms-not-text", key = key),
                    crate::tr!("cms-not-text-help", key = key),
                ));
                None
            }
        }
    };
    let backend = text_of("backend");
    let settings = CmsSettings {
        backend: backend.clone().unwrap_or_default(),
        repo: text_of("repo"),
        branch: text_of("branch").unwrap_or_else(|| "main".into()),
        base_url: text_of("base_url"),
        auth_endpoint: text_of("auth_endpoint"),
        api_root: text_of("api_root"),
        app_id: text_of("app_id"),
        proxy_url: text_of("proxy_url"),
        workflow: false,
        script: text_of("script").unwrap_or_else(|| DEFAULT_SCRIPT.into()),
        author_names: Vec::new(),
    };
    let workflow = workflow(map, &at).unwrap_or_else(|e| {
        errors.push(e);
        false
    });
    errors.extend(unknown_keys(map, &at));
    errors.extend(missing(&settings, backend.is_some(), &at));
    if errors.is_empty() {
        Ok(CmsSettings {
            workflow,
            ..settings
        })
    } else {
        Err(errors)
    }
}

type At<'a> = dyn Fn(Option<&str>, String, String) -> Diagnostic + 'a;

fn workflow(map: &serde_yaml::Mapping, at: &At<'_>) -> Result<bool, Diagnostic> {
    match map.get("workflow") {
        None => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(at(
            Some("workflow"),
            crate::tr!("cms-workflow"),
            crate::tr!("cms-workflow-help"),
        )),
    }
}

fn unknown_keys(map: &serde_yaml::Mapping, at: &At<'_>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for key in map.keys() {
        let name = key.as_str().unwrap_or_default();
        if KEYS.contains(&name) {
            continue;
        }
        let help = if SECRETS.contains(&name) {
            crate::tr!("cms-secret")
        } else {
            match closest(name, KEYS) {
                Some(s) => crate::tr!("did-you-mean", name = s),
                None => crate::tr!("yaml-known-keys", keys = KEYS.join(", ")),
            }
        };
        errors.push(at(
            Some(name),
            crate::tr!("cms-unknown-key", name = name),
            help,
        ));
    }
    errors
}

/// Each backend's own required settings.
fn missing(s: &CmsSettings, has_backend: bool, at: &At<'_>) -> Vec<Diagnostic> {
    if !has_backend {
        return vec![at(
            None,
            crate::tr!("cms-no-backend"),
            crate::tr!("cms-choose", values = BACKENDS.join(", ")),
        )];
    }
    let needs: &[(&str, &Option<String>, &str)] = match s.backend.as_str() {
        "github" | "gitlab" => &[("repo", &s.repo, "repo: so-tttt/tuyen-van")],
        "gitea" => &[
            ("repo", &s.repo, "repo: so-tttt/tuyen-van"),
            ("base_url", &s.base_url, "base_url: https://git.tinh.gov.vn"),
            (
                "app_id",
                &s.app_id,
                "app_id: mã ứng dụng OAuth tạo trong Gitea",
            ),
        ],
        "proxy" => &[(
            "proxy_url",
            &s.proxy_url,
            "proxy_url: http://localhost:8081/api/v1",
        )],
        "git-gateway" => &[],
        other => {
            let help = match closest(other, BACKENDS) {
                Some(b) => crate::tr!("did-you-mean", name = b),
                None => crate::tr!("cms-choose", values = BACKENDS.join(", ")),
            };
            return vec![at(
                Some("backend"),
                crate::tr!("cms-backend-unknown", value = other),
                help,
            )];
        }
    };
    needs
        .iter()
        .filter(|(_, value, _)| value.is_none())
        .map(|(key, _, example)| {
            at(
                Some("backend"),
                crate::tr!("cms-needs", backend = s.backend.as_str(), key = *key),
                crate::tr!("cms-example", example = *example),
            )
        })
        .collect()
}

/// File line and column of `cms:` (no key) or of `key:` inside the `cms:` block.
fn line_of(text: &str, key: Option<&str>) -> (usize, usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| l.starts_with("cms:")) else {
        return (1, 1);
    };
    let Some(key) = key else {
        return (start + 1, 1);
    };
    lines[start + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || l.starts_with([' ', '\t', '#']))
        .enumerate()
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or((start + 1, 1), |(i, l)| {
            (start + i + 2, l.len() - l.trim_start().len() + 1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(yaml: &str) -> Result<CmsSettings, Vec<Diagnostic>> {
        let text = format!("title: T\ncms:\n{yaml}");
        let value: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        parse(&value["cms"], &text, Path::new("site.yaml"))
    }

    #[test]
    fn defaults_and_workflow() {
        let s = settings("  backend: github\n  repo: a/b\n  workflow: true\n").unwrap();
        assert_eq!((s.branch.as_str(), s.workflow), ("main", true));
        assert_eq!(s.script, DEFAULT_SCRIPT);
    }

    #[test]
    fn mistakes_are_located() {
        let errors = settings("  backend: gitea\n  repo: a/b\n  branh: main\n").unwrap_err();
        let found: Vec<_> = errors.iter().map(|e| (e.line, e.message.clone())).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(errors[0].line, Some(5));
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `branch`?"));
        assert!(errors[1].message.contains("cms.base_url"), "{found:?}");
        let e = &settings("  backend: githb\n").unwrap_err()[0];
        assert_eq!(
            (e.line, e.help.as_deref()),
            (Some(3), Some("did you mean `github`?"))
        );
        let e = &settings("  backend: github\n  repo: a/b\n  client_secret: x\n").unwrap_err()[0];
        assert!(e.help.as_deref().unwrap().contains("no secret"));
        let e = &settings("  repo: a/b\n").unwrap_err()[0];
        assert_eq!(e.line, Some(2));
    }
}
