//! Old addresses as redirects: which `aliases` get an HTML redirect page (a static host can
//! serve one), and the same redirects as rules for nginx, Apache and IIS, which also cover
//! old addresses with a query string or outside the base path. Pure: text out, no disk.

use crate::site::Site;
use std::fmt::Write;

/// The folder of the output that holds the server rules (Apache's `.htaccess` is at the
/// output's root, where Apache reads it).
pub(crate) const RULES_DIR: &str = "chuyen-huong/";

/// One old address and the page it now leads to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Redirect {
    /// Path from the domain root as written (`/Portal/Detail.aspx`, `/sub/tin-cu.html`).
    pub path: String,
    /// The query string without its `?`, when the old address had one.
    pub query: Option<String>,
    /// Absolute URL of the article (`https://x.gov.vn/sub/2023/06/bai/`).
    pub target: String,
}

/// The path from the domain root and the query string of an alias as written: a path is
/// under the base path (`/tin-cu/` -> `/sub/tin-cu/`), a whole address is taken as it is.
pub(crate) fn old_address(alias: &str, base_path: &str) -> (String, Option<String>) {
    let alias = alias.split('#').next().unwrap_or(alias);
    let path = if crate::urls::is_absolute(alias) {
        let after_scheme = alias.split_once("://").map_or(alias, |(_, rest)| rest);
        match after_scheme.find(['/', '?']) {
            Some(i) if after_scheme[i..].starts_with('/') => after_scheme[i..].to_string(),
            Some(i) => format!("/{}", &after_scheme[i..]),
            None => "/".to_string(),
        }
    } else {
        format!("{base_path}{}", alias.trim_start_matches('/'))
    };
    match path.split_once('?') {
        Some((p, q)) if !q.is_empty() => (p.to_string(), Some(q.to_string())),
        Some((p, _)) => (p.to_string(), None),
        None => (path, None),
    }
}

/// The site path of the HTML redirect page of an alias, when a static host can serve one:
/// no query string (a file cannot tell `?ItemID=1` from `?ItemID=2`) and under the base
/// path (the output folder is served there).
pub(crate) fn html_page(alias: &str, base_path: &str) -> Option<String> {
    let (path, query) = old_address(alias, base_path);
    (query.is_none() && path.starts_with(base_path)).then_some(path)
}

/// Every redirect of the site: each alias of each published article and page, sorted.
pub(crate) fn all(site: &Site) -> Vec<Redirect> {
    let config = &site.config;
    let origin = config
        .base_url
        .strip_suffix(config.base_path.as_str())
        .unwrap_or(config.base_url.trim_end_matches('/'));
    let mut out: Vec<Redirect> = site
        .articles
        .iter()
        .chain(&site.pages)
        .flat_map(|a| {
            a.aliases.iter().map(move |alias| {
                let (path, query) = old_address(alias, &config.base_path);
                let target = format!("{origin}{}", a.path);
                Redirect {
                    path,
                    query,
                    target,
                }
            })
        })
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.path == b.path && a.query == b.query);
    out
}

/// The rule files, by output path: none when the site has no old address.
pub(crate) fn files(redirects: &[Redirect]) -> Vec<(String, String)> {
    if redirects.is_empty() {
        return Vec::new();
    }
    vec![
        (format!("{RULES_DIR}nginx-map.conf"), nginx_map(redirects)),
        (format!("{RULES_DIR}nginx.conf"), NGINX_SERVER.to_string()),
        (format!("{RULES_DIR}web.config"), web_config(redirects)),
        (".htaccess".to_string(), htaccess(redirects)),
    ]
}

/// `%XX` decoded: nginx's `$uri` and Apache's `REQUEST_URI` are the decoded path.
fn decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn nginx_quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

const NGINX_SERVER: &str = "# tuyenvan: chuyển hướng địa chỉ cũ. Đặt trong khối server {}:\n\
#   include /đường/dẫn/public/chuyen-huong/nginx.conf;\n\
# (nginx-map.conf phải được include trong khối http {}.)\n\
if ($tuyenvan_dia_chi_cu_day_du) {\n    return 301 $tuyenvan_dia_chi_cu_day_du;\n}\n\
if ($tuyenvan_dia_chi_cu) {\n    return 301 $tuyenvan_dia_chi_cu;\n}\n";

/// Two maps for nginx's `http {}`: addresses with a query string matched on the request
/// as sent (`$request_uri`), the others on the decoded path (`$uri`), whatever query
/// string (a tracking tag) a link adds.
fn nginx_map(redirects: &[Redirect]) -> String {
    let mut out = String::from(
        "# tuyenvan: chuyển hướng địa chỉ cũ. Đặt trong khối http {}:\n\
         #   include /đường/dẫn/public/chuyen-huong/nginx-map.conf;\n\
         # và nginx.conf trong khối server {}.\n",
    );
    // Old portal addresses are long; nginx refuses a map whose keys do not fit its buckets.
    let longest = redirects
        .iter()
        .map(|r| r.path.len() + r.query.as_ref().map_or(0, |q| q.len() + 1))
        .max()
        .unwrap_or(0);
    let bucket = (longest + 32).next_power_of_two().max(64);
    let _ = writeln!(
        out,
        "# Nếu khối http {{}} đã có map_hash_bucket_size, giữ giá trị lớn hơn và xoá dòng này.\nmap_hash_bucket_size {bucket};"
    );
    out.push_str("map $request_uri $tuyenvan_dia_chi_cu_day_du {\n    default \"\";\n");
    for r in redirects {
        if let Some(q) = &r.query {
            let key = nginx_quoted(&format!("{}?{q}", r.path));
            let _ = writeln!(out, "    {key} {};", nginx_quoted(&r.target));
        }
    }
    out.push_str("}\nmap $uri $tuyenvan_dia_chi_cu {\n    default \"\";\n");
    for r in redirects.iter().filter(|r| r.query.is_none()) {
        let key = nginx_quoted(&decoded(&r.path));
        let _ = writeln!(out, "    {key} {};", nginx_quoted(&r.target));
    }
    out.push_str("}\n");
    out
}

fn apache_quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\\\""))
}

/// Apache's `.htaccess`: one rule per address, matched on the whole path from the domain
/// root, so the same file works at the output's root and at the domain's root.
fn htaccess(redirects: &[Redirect]) -> String {
    let mut out = String::from(
        "# tuyenvan: chuyển hướng địa chỉ cũ (301). Địa chỉ cũ nằm ngoài đường dẫn gốc của\n\
         # trang thì chép các dòng này vào .htaccess ở thư mục gốc của tên miền.\n\
         <IfModule mod_rewrite.c>\nRewriteEngine On\n",
    );
    // Addresses with a query string first: they are the more precise.
    let mut ordered: Vec<&Redirect> = redirects.iter().collect();
    ordered.sort_by_key(|r| r.query.is_none());
    for r in ordered {
        let path = apache_quoted(&format!("={}", decoded(&r.path)));
        let _ = writeln!(out, "RewriteCond %{{REQUEST_URI}} {path}");
        if let Some(q) = &r.query {
            let _ = writeln!(
                out,
                "RewriteCond %{{QUERY_STRING}} {}",
                apache_quoted(&format!("={q}"))
            );
        }
        // The `?` ending the target drops the old query string.
        let _ = writeln!(out, "RewriteRule ^ {}? [R=301,L]", r.target);
    }
    out.push_str("</IfModule>\n");
    out
}

fn xml_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// IIS's `web.config` (URL Rewrite module): two rewrite maps, as for nginx.
fn web_config(redirects: &[Redirect]) -> String {
    let map = |name: &str, with_query: bool| {
        let mut m = format!("        <rewriteMap name=\"{name}\">\n");
        for r in redirects.iter().filter(|r| r.query.is_some() == with_query) {
            let key = match &r.query {
                Some(q) => format!("{}?{q}", r.path),
                None => decoded(&r.path),
            };
            let _ = writeln!(
                m,
                "          <add key=\"{}\" value=\"{}\" />",
                xml_escaped(&key),
                xml_escaped(&r.target)
            );
        }
        m.push_str("        </rewriteMap>\n");
        m
    };
    let rule = |name: &str, input: &str| {
        format!(
            "        <rule name=\"{name}\" stopProcessing=\"true\">\n          <match url=\".*\" />\n          <conditions>\n            <add input=\"{{{name}:{{{input}}}}}\" pattern=\"(.+)\" />\n          </conditions>\n          <action type=\"Redirect\" url=\"{{C:1}}\" appendQueryString=\"false\" redirectType=\"Permanent\" />\n        </rule>\n"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- tuyenvan: chuyển hướng địa chỉ cũ (301); cần mô-đun URL Rewrite của IIS.\n     Chép vào web.config ở thư mục gốc của trang (hoặc của tên miền). -->\n<configuration>\n  <system.webServer>\n    <rewrite>\n      <rewriteMaps>\n{}{}      </rewriteMaps>\n      <rules>\n{}{}      </rules>\n    </rewrite>\n  </system.webServer>\n</configuration>\n",
        map("tuyenvan-dia-chi-cu-day-du", true),
        map("tuyenvan-dia-chi-cu", false),
        rule("tuyenvan-dia-chi-cu-day-du", "REQUEST_URI"),
        rule("tuyenvan-dia-chi-cu", "URL"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_addresses_under_the_base_path_or_from_the_domain_root() {
        assert_eq!(
            old_address("/tin-cu/", "/sub/"),
            ("/sub/tin-cu/".into(), None)
        );
        assert_eq!(
            old_address("/Portal/Detail.aspx?ItemID=1&A=b#x", "/sub/"),
            (
                "/sub/Portal/Detail.aspx".into(),
                Some("ItemID=1&A=b".into())
            )
        );
        assert_eq!(
            old_address("https://x.gov.vn/Portal/Detail.aspx?ItemID=1", "/sub/"),
            ("/Portal/Detail.aspx".into(), Some("ItemID=1".into()))
        );
        assert_eq!(old_address("HTTP://x.gov.vn", "/sub/"), ("/".into(), None));
        assert_eq!(
            html_page("/tin-cu.html", "/sub/").as_deref(),
            Some("/sub/tin-cu.html")
        );
        assert_eq!(html_page("/a.aspx?id=1", "/sub/"), None);
        assert_eq!(html_page("https://x.gov.vn/a.html", "/sub/"), None);
        assert_eq!(
            html_page("https://x.gov.vn/sub/a.html", "/sub/").as_deref(),
            Some("/sub/a.html")
        );
    }

    #[test]
    fn rules_for_each_server() {
        let r = [
            Redirect {
                path: "/Portal/Detail.aspx".into(),
                query: Some("Organization=BTG&ItemID=1234".into()),
                target: "https://x.gov.vn/sub/2023/06/a/".into(),
            },
            Redirect {
                path: "/sub/tin%20cu.html".into(),
                query: None,
                target: "https://x.gov.vn/sub/2023/06/b/".into(),
            },
        ];
        let files = files(&r);
        let nginx = &files[0].1;
        assert!(nginx.contains("    \"/Portal/Detail.aspx?Organization=BTG&ItemID=1234\" \"https://x.gov.vn/sub/2023/06/a/\";"), "{nginx}");
        assert!(
            nginx.contains("    \"/sub/tin cu.html\" \"https://x.gov.vn/sub/2023/06/b/\";"),
            "{nginx}"
        );
        let iis = &files[2].1;
        assert!(
            iis.contains("key=\"/Portal/Detail.aspx?Organization=BTG&amp;ItemID=1234\""),
            "{iis}"
        );
        assert!(
            iis.contains("input=\"{tuyenvan-dia-chi-cu-day-du:{REQUEST_URI}}\""),
            "{iis}"
        );
        let apache = &files[3].1;
        assert!(apache.contains("RewriteCond %{REQUEST_URI} \"=/Portal/Detail.aspx\"\nRewriteCond %{QUERY_STRING} \"=Organization=BTG&ItemID=1234\"\nRewriteRule ^ https://x.gov.vn/sub/2023/06/a/? [R=301,L]"), "{apache}");
        assert!(
            apache.contains("RewriteCond %{REQUEST_URI} \"=/sub/tin cu.html\"\nRewriteRule"),
            "{apache}"
        );
        assert!(super::files(&[]).is_empty());
    }
}
