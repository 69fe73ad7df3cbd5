//! The address book `dia-chi.yaml` at the site root: every address each article has been
//! published at. It lives in the repository (not in the cache), so a build from a fresh
//! clone still redirects an article's old addresses after a title or date edit.

use crate::config::Config;
use crate::content::Article;
use crate::error::Diagnostic;
use crate::site::Site;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::Path;

/// The file's name under the site root.
pub(crate) const FILE: &str = "dia-chi.yaml";

/// Source file (`content/2024/bai.md`) -> addresses from the site root, without the base
/// path (`/2024/03/hoi-nghi/`), oldest first.
pub(crate) type History = BTreeMap<String, Vec<String>>;

fn key(source: &Path) -> String {
    source.to_string_lossy().replace('\\', "/")
}

/// The address book, empty when the site has none yet.
pub(crate) fn read(root: &Path) -> Result<History, Diagnostic> {
    let path = Path::new(FILE);
    let text = match fs::read_to_string(root.join(FILE)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(History::new()),
        Err(e) => return Err(Diagnostic::unreadable(path, &e)),
    };
    if let Some(history) = read_as_written(&text) {
        return Ok(history);
    }
    let origin = crate::yaml::Origin {
        path,
        line_offset: 0,
    };
    let value = crate::yaml::parse_free(&text, origin)?;
    let broken = || {
        Diagnostic::new(path, crate::tr!("history-broken"))
            .with_help(crate::tr!("history-broken-help"))
    };
    let mut history = History::new();
    match value {
        serde_json::Value::Null => {}
        serde_json::Value::Object(map) => {
            for (source, addresses) in map {
                let list = addresses.as_array().ok_or_else(broken)?;
                let list: Option<Vec<String>> = list
                    .iter()
                    .map(|a| a.as_str().map(str::to_string))
                    .collect();
                history.insert(source, list.ok_or_else(broken)?);
            }
        }
        _ => return Err(broken()),
    }
    Ok(history)
}

/// The book read line by line in the form `text` writes it (comments, `"source":`, then
/// `  - "address"` lines), or `None` for anything else: a book edited by hand is read as
/// YAML. The book holds every article's addresses, and YAML reading was 0.3 s of a
/// 30,000-article build, before anything else could start.
fn read_as_written(text: &str) -> Option<History> {
    let mut history = History::new();
    let mut current: Option<(String, Vec<String>)> = None;
    // A source is entered once, with at least one address (else YAML's answer is an error).
    let finish = |entry: Option<(String, Vec<String>)>, history: &mut History| match entry {
        Some((source, list)) if !list.is_empty() => history.insert(source, list).is_none(),
        Some(_) => false,
        None => true,
    };
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(quoted) = line.strip_prefix("  - ") {
            current.as_mut()?.1.push(json_string(quoted)?);
        } else {
            let quoted = line.strip_suffix(':')?;
            if !finish(current.take(), &mut history) {
                return None;
            }
            current = Some((json_string(quoted)?, Vec::new()));
        }
    }
    finish(current, &mut history).then_some(history)
}

/// A string as `text` quotes it: JSON's quoting, which YAML's double quotes read the same way
/// for what it writes (no escaped surrogate pairs, which YAML does not know).
fn json_string(quoted: &str) -> Option<String> {
    if !quoted.starts_with('"') || quoted.contains("\\u") {
        return None;
    }
    serde_json::from_str(quoted).ok()
}

/// An article's address as the book keeps it: from the site root, without the base path.
fn address(article: &Article, config: &Config) -> String {
    match article.path.strip_prefix(config.base_path.as_str()) {
        Some(rest) => format!("/{rest}"),
        None => article.path.clone(),
    }
}

/// Gives each article its earlier addresses as aliases, except an address another article
/// (or its alias) has now: a live page wins over a redirect.
pub(crate) fn apply(articles: &mut [Article], history: &History, config: &Config) {
    if history.is_empty() {
        return;
    }
    let taken: HashSet<String> = articles
        .iter()
        .flat_map(|a| std::iter::once(address(a, config)).chain(a.aliases.iter().cloned()))
        .collect();
    for article in articles {
        let Some(old) = history.get(&key(&article.source)) else {
            continue;
        };
        let now = address(article, config);
        for address in old {
            if *address != now && !taken.contains(address) && !article.aliases.contains(address) {
                article.aliases.push(address.clone());
            }
        }
    }
}

/// Whether `article` was published before at an address other than its own: it then has
/// old addresses to lead to it.
pub(crate) fn has_moved(history: &History, article: &Article, config: &Config) -> bool {
    let now = address(article, config);
    history
        .get(&key(&article.source))
        .is_some_and(|old| old.iter().any(|a| *a != now))
}

/// Adds the address of every published article and page to the book, and writes it when
/// that changed anything. Entries of files no longer there are kept: the file may come back.
/// `history` is the book as this build read it.
pub(crate) fn record(root: &Path, site: &Site, mut history: History) -> std::io::Result<()> {
    let mut changed = false;
    for article in site.articles.iter().chain(&site.pages) {
        let now = address(article, &site.config);
        let list = history.entry(key(&article.source)).or_default();
        if !list.contains(&now) {
            list.push(now);
            changed = true;
        }
    }
    if !changed {
        return Ok(());
    }
    // A file of the repository, readable like the articles beside it.
    crate::output::replace_file(&root.join(FILE), text(&history).as_bytes())
}

/// The book as YAML (JSON strings are YAML's double-quoted strings), in a stable order.
fn text(history: &History) -> String {
    let quoted = |s: &str| serde_json::Value::String(s.to_string()).to_string();
    let mut out = String::from(
        "# Địa chỉ đã đăng của từng bài, do tuyenvan ghi mỗi lần build. Hãy commit tệp này cùng\n\
         # bài viết và đừng sửa tay: khi tiêu đề hay ngày đổi làm địa chỉ bài đổi, mọi địa chỉ\n\
         # cũ ghi ở đây được chuyển hướng (301) tới địa chỉ mới, cả khi build từ một bản clone mới.\n",
    );
    for (source, addresses) in history {
        out.push_str(&quoted(source));
        out.push_str(":\n");
        for a in addresses {
            out.push_str("  - ");
            out.push_str(&quoted(a));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_reads_back_what_it_writes() {
        let dir = tempfile::tempdir().unwrap();
        let mut h = History::new();
        h.insert(
            "content/2024/bài \"một\".md".into(),
            vec!["/2024/03/a/".into(), "/2024/03/b/".into()],
        );
        fs::write(dir.path().join(FILE), text(&h)).unwrap();
        assert_eq!(read_as_written(&text(&h)), Some(h.clone()));
        assert_eq!(read(dir.path()).unwrap(), h);
        fs::write(dir.path().join(FILE), "- a\n").unwrap();
        assert!(read(dir.path()).unwrap_err().message.contains("damaged"));
        assert!(read(&dir.path().join("khong-co")).unwrap().is_empty());
    }

    #[test]
    fn a_book_edited_by_hand_is_read_as_yaml() {
        let dir = tempfile::tempdir().unwrap();
        let expected = History::from([(
            "content/a.md".to_string(),
            vec!["/2024/a/".to_string(), "/2024/b/".to_string()],
        )]);
        for edited in [
            "content/a.md:\n  - /2024/a/\n  - /2024/b/\n",
            "\"content/a.md\": [\"/2024/a/\", \"/2024/b/\"]\n",
            "\"content/a.md\":\n    - \"/2024/a/\"\n    - \"/2024/b/\"\n",
        ] {
            assert_eq!(read_as_written(edited), None, "{edited}");
            fs::write(dir.path().join(FILE), edited).unwrap();
            assert_eq!(read(dir.path()).unwrap(), expected, "{edited}");
        }
        // The same source twice, or a source without addresses: YAML's answer, an error.
        for broken in [
            "\"content/a.md\":\n  - \"/a/\"\n\"content/a.md\":\n  - \"/b/\"\n",
            "\"content/a.md\":\n\"content/b.md\":\n  - \"/b/\"\n",
        ] {
            assert_eq!(read_as_written(broken), None, "{broken}");
            fs::write(dir.path().join(FILE), broken).unwrap();
            assert!(read(dir.path()).is_err(), "{broken}");
        }
    }
}
