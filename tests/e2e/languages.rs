//! The interface's two languages through the real binary: Vietnamese by default and under a
//! Vietnamese locale, English under an English one or with `--lang en`, every command's help
//! in both, and every message id the code uses present in both message files.

use crate::support as common;

use crate::support::site::LEGAL_LINES;
use common::{TestSite, BIN};
use std::process::{Command, Output};

/// Runs the binary with exactly these language variables (all others removed).
fn run(env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).env("NO_COLOR", "1");
    for name in ["LANG", "LC_ALL", "LC_MESSAGES", "TUYENVAN_LANG"] {
        cmd.env_remove(name);
    }
    for (name, value) in env {
        cmd.env(name, value);
    }
    cmd.output().expect("run tuyenvan")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Words of clap's and our English that must not appear in the Vietnamese help. Command
/// and option names (`build`, `--drafts`, `--version`) and file names are the program's vocabulary.
const ENGLISH: &[&str] = &[
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Print",
    "Examples",
    "Example",
    "default",
    "possible",
    "values",
    "the",
    "and",
    "with",
    "for",
    "of",
    "too",
    "folder",
    "article",
    "articles",
    "Override",
    "Publish",
    "Start",
    "Preview",
    "Build",
    "Check",
    "Exit",
    "status",
    "errors",
    "warnings",
    "message",
    "given",
    "Version",
    "Address",
    "Port",
    "Open",
    "browser",
    "Title",
    "Category",
    "Author",
    "Fail",
    "Site",
    "Output",
    "DIR",
    "TITLE",
    "COMMAND",
    "OPTIONS",
    "PORT",
    "ADDRESS",
    "LANG",
    "URL",
];

fn english_words(help: &str) -> Vec<&'static str> {
    let words: std::collections::HashSet<&str> = help
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .collect();
    ENGLISH
        .iter()
        .copied()
        .filter(|w| words.contains(w))
        .collect()
}

/// Every command the root help lists, plus the root itself (`[]`).
fn commands() -> Vec<Vec<String>> {
    let help = text(&run(&[("TUYENVAN_LANG", "en")], &["--help"]));
    let listed = help
        .split("Commands:\n")
        .nth(1)
        .expect("a command list")
        .lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .map(|name| vec![name.to_string()]);
    let mut all: Vec<Vec<String>> = vec![vec![]];
    all.extend(listed);
    assert!(all.len() >= 6, "{all:?}");
    all
}

#[test]
fn every_commands_help_in_both_languages() {
    for command in commands() {
        let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
        // clap's `help` command has no `--help`: `help help` is its help.
        args.push(if command == ["help"] {
            "help"
        } else {
            "--help"
        });
        let vi = run(&[], &args);
        assert!(vi.status.success(), "{args:?}");
        let vi = text(&vi);
        assert!(vi.contains("Cách dùng: tuyenvan"), "{args:?}:\n{vi}");
        let found = english_words(&vi);
        assert!(found.is_empty(), "{args:?}: English {found:?} in\n{vi}");
        let en = text(&run(&[("LANG", "en_US.UTF-8")], &args));
        assert!(en.contains("Usage: tuyenvan"), "{args:?}:\n{en}");
        let has_options = command != ["help"];
        assert_eq!(en.contains("Options:"), has_options, "{args:?}:\n{en}");
        assert!(!en.contains("Cách dùng"), "{args:?}:\n{en}");
    }
    // `help <command>` is the same help.
    let via_help = text(&run(&[], &["help", "check"]));
    assert!(via_help.contains("Cách dùng: tuyenvan check"), "{via_help}");
}

/// A site with a title that needs quotes: one error with a help line.
fn bad_site() -> TestSite {
    let site = TestSite::new();
    site.article(
        "content/2023/bai.md",
        "title: Hội nghị: tổng kết\ndate: 2023-06-12",
        "Nội dung.",
    );
    site
}

fn build(site: &TestSite, env: &[(&str, &str)], extra: &[&str]) -> String {
    let root = site.root().to_string_lossy().into_owned();
    let mut args = vec!["build", "--root", root.as_str()];
    args.extend_from_slice(extra);
    let out = run(env, &args);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    text(&out)
}

fn assert_vietnamese(out: &str) {
    for label in ["lỗi: ", "gợi ý: ", "1 lỗi", "Trang web chưa được dựng"] {
        assert!(out.contains(label), "no `{label}` in\n{out}");
    }
    for label in ["error:", "help:", "1 error", "not built"] {
        assert!(!out.contains(label), "`{label}` in\n{out}");
    }
}

fn assert_english(out: &str) {
    for label in ["error: ", "help: ", "1 error", "The site was not built"] {
        assert!(out.contains(label), "no `{label}` in\n{out}");
    }
    assert!(!out.contains("lỗi: "), "{out}");
}

#[test]
fn labels_follow_the_locale_and_the_flag() {
    let site = bad_site();
    assert_vietnamese(&build(&site, &[], &[]));
    assert_vietnamese(&build(&site, &[("LANG", "vi_VN.UTF-8")], &[]));
    assert_vietnamese(&build(&site, &[("LANG", "C.UTF-8")], &[]));
    assert_english(&build(&site, &[("LANG", "en_US.UTF-8")], &[]));
    assert_english(&build(&site, &[("LC_MESSAGES", "en_GB.UTF-8")], &[]));
    // LC_ALL comes first, as in POSIX.
    let all_vi = [("LC_ALL", "vi_VN.UTF-8"), ("LANG", "en_US.UTF-8")];
    assert_vietnamese(&build(&site, &all_vi, &[]));
    // TUYENVAN_LANG beats the locale; the flag beats both.
    assert_english(&build(&site, &[("TUYENVAN_LANG", "en")], &[]));
    let env_vi = [("TUYENVAN_LANG", "vi"), ("LANG", "en_US.UTF-8")];
    assert_vietnamese(&build(&site, &env_vi, &[]));
    assert_english(&build(&site, &env_vi, &["--lang", "en"]));
    assert_vietnamese(&build(&site, &[("LANG", "en_US.UTF-8")], &["--lang=vi"]));
}

/// Compares `actual` with tests/e2e/snapshots/<name>.snap (insta), the site's temporary
/// folder written as `<root>`.
fn assert_snapshot(name: &str, root: &std::path::Path, actual: &str) {
    let actual = actual.replace(&root.display().to_string(), "<root>");
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, actual));
}

const GOOD: &str = "title: Hội nghị\ndate: 12/06/2023 08:30\nauthor: Hồng Hải\ncategory: Dân vận";

/// A site holding one article with these front matter lines.
fn one_article(front: &str, body: &str) -> TestSite {
    let site = TestSite::new();
    site.article("content/2023/bai.md", front, body);
    site
}

/// The mistakes of an editor's first week, one site each, and the command that reports them.
fn bad_inputs() -> Vec<(&'static str, TestSite, &'static str)> {
    let mut all = vec![
        (
            "curly_quotes",
            one_article(
                "title: “Đảng bộ xã Bản Lầu: Nâng cao chất lượng sinh hoạt chi bộ”\ndate: 2023-06-12",
                "Sapo.\n",
            ),
            "check",
        ),
        (
            "curly_single_quotes",
            one_article(
                "title: ‘Hội nghị: tổng kết công tác dân vận’\ndate: 2023-06-12",
                "Sapo.\n",
            ),
            "check",
        ),
        (
            "tab",
            one_article(
                "title: Hội nghị\ndate: 2023-06-12\ntags:\n\t- Dân vận",
                "Sapo.\n",
            ),
            "check",
        ),
        (
            "date_sa",
            one_article("title: Hội nghị\ndate: 12/06/2023 8:30 SA", "Sapo.\n"),
            "check",
        ),
        (
            "vietnamese_key",
            one_article(
                "title: Hội nghị\ndate: 2023-06-12\ntác giả: Hồng Hải\nchuyên mục: Dân vận",
                "Sapo.\n",
            ),
            "check",
        ),
        (
            "missing_title",
            one_article("date: 2023-06-12\nauthor: Hồng Hải", "Sapo.\n"),
            "check",
        ),
        (
            "wrong_type",
            one_article(&format!("{GOOD}\ndraft: có"), "Sapo.\n"),
            "check",
        ),
        (
            "bad_yaml",
            one_article("title: Hội nghị: tổng kết\ndate: 2023-06-12", "Nội dung.\n"),
            "build",
        ),
        (
            "bad_date",
            one_article("title: Hội nghị\ndate: 31/02/2023", "Sapo.\n"),
            "check",
        ),
        (
            "site_yaml_unknown_key",
            TestSite::with_config(
                "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\npaginete: 10\nimages:\n  qualty: 70\n",
            ),
            "check",
        ),
        (
            "bad_base_url",
            TestSite::with_config("title: Thông tin tuyên vận\nbase_url: x.gov.vn/ttv\n"),
            "check",
        ),
        (
            "broken_link",
            one_article(GOOD, "Sapo.\n\nXem [bài](/2023/06/hoi-ngi/) và ![](anh-thieu.jpg).\n"),
            "check",
        ),
        ("duplicate_url", one_article(GOOD, "Sapo.\n"), "check"),
        ("template_error", one_article(GOOD, "Sapo.\n"), "check"),
        ("missing_site_yaml", one_article(GOOD, "Sapo.\n"), "check"),
        (
            "author_profile",
            TestSite::with_config(&format!(
                "title: Thông tin tuyên vận\nbase_url: https://x.gov.vn/\n{LEGAL_LINES}authors:\n  Hồng Hải:\n    bio: Phóng viên\n"
            )),
            "check",
        ),
        (
            "first_week_warnings",
            one_article(
                "title: ‘Bài một’\ndate: 2023-06-12\ntags: nghị quyết, chi bộ",
                "Tỉnh ủy họp!! Tỉnh uỷ kết luận.\n\n![](anh.jpg)\n",
            ),
            "check",
        ),
    ];
    for (name, site, _) in &mut all {
        match *name {
            "duplicate_url" => site.article("content/2023/bai-2.md", GOOD, "Bài khác.\n"),
            "template_error" => site.write(
                "themes/default/templates/article.html",
                "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }</h1>\n{% endblock content %}\n",
            ),
            "missing_site_yaml" => std::fs::remove_file(site.path("site.yaml")).unwrap(),
            "author_profile" => {
                for (file, author) in [("a", "hồng hải"), ("b", "Hong Hai"), ("c", "Hồng Hải")] {
                    site.article(
                        &format!("content/2023/{file}.md"),
                        &format!("title: Bài {file}\ndate: 2023-06-1{}\ncategory: Dân vận\nauthor: {author}", file.len()),
                        "Sapo.\n",
                    );
                }
            }
            "first_week_warnings" => {
                site.write_bytes("content/2023/anh.jpg", &common::photo_bytes())
            }
            _ => {}
        }
    }
    all
}

/// Words of our English that must not be printed under Vietnamese, outside what is quoted
/// (`…`, "…", the file's own lines) and the library's detail (`ghi chú:` lines).
const ENGLISH_PROSE: &[&str] = &[
    "the",
    "is",
    "are",
    "not",
    "no",
    "cannot",
    "found",
    "expected",
    "unknown",
    "missing",
    "invalid",
    "error",
    "errors",
    "help",
    "warning",
    "note",
    "with",
    "must",
    "should",
    "this",
    "has",
    "have",
    "was",
    "did",
    "you",
    "mean",
    "leads",
    "nowhere",
    "published",
    "nothing",
    "article",
    "articles",
    "folder",
    "add",
    "keep",
    "use",
    "an",
    "of",
    "to",
    "and",
    "or",
    "for",
    "from",
    "in",
    "at",
    "be",
    "it",
    "its",
    "e",
    "g",
    "written",
    "line",
    "value",
    "key",
    "keys",
    "text",
    "image",
    "photo",
    "link",
    "site",
    "write",
    "give",
    "put",
    "one",
    "two",
    "only",
    "here",
    "but",
    "there",
    "which",
    "would",
    "while",
];

/// The English words of `out` that are not quoted text.
fn english_prose(out: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in out.lines() {
        let trimmed = line.trim_start();
        // Source lines (`3 | …`, `  | ^^^`), locations and the library's own words.
        let is_source = trimmed
            .split_once('|')
            .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
        if is_source || trimmed.starts_with("-->") || trimmed.starts_with("= ghi chú:") {
            continue;
        }
        let mut prose = String::new();
        let mut quoted = None;
        for c in line.chars() {
            match (quoted, c) {
                (None, '`' | '"' | '“' | '‘') => quoted = Some(c),
                (Some('`'), '`') | (Some('"'), '"') | (Some('“'), '”') | (Some('‘'), '’') => {
                    quoted = None
                }
                (None, c) => prose.push(c),
                _ => {}
            }
        }
        // A file name or an address (content/2023/bai.md, /2023/06/x/) is not prose.
        let prose: Vec<&str> = prose
            .split_whitespace()
            .filter(|w| {
                let w = w.trim_end_matches(['.', ',', ';', ':', ')', '?']);
                !w.contains('/') && !w.contains('.')
            })
            .collect();
        for word in prose.join(" ").split(|c: char| !c.is_alphanumeric()) {
            if ENGLISH_PROSE.contains(&word) {
                found.push(format!("{word} in: {line}"));
            }
        }
    }
    found
}

/// Every bad input prints Vietnamese under a Vietnamese locale and with no locale at all
/// (the same text), English under an English one; each is snapshotted, and the Vietnamese
/// holds no English prose.
#[test]
fn every_bad_input_in_both_languages() {
    for (name, site, command) in bad_inputs() {
        let root = site.root().to_string_lossy().into_owned();
        let args = [command, "--root", root.as_str()];
        let vi = run(&[("LANG", "vi_VN.UTF-8")], &args);
        let none = run(&[], &args);
        let en = run(&[("LANG", "en_US.UTF-8")], &args);
        let expected = if name == "author_profile" || name == "first_week_warnings" {
            0
        } else {
            1
        };
        for out in [&vi, &none, &en] {
            assert_eq!(out.status.code(), Some(expected), "{name}: {}", text(out));
        }
        let (vi, none, en) = (text(&vi), text(&none), text(&en));
        assert_eq!(vi, none, "{name}: no locale must read as Vietnamese");
        let english = english_prose(&vi);
        assert!(
            english.is_empty(),
            "{name}: English under vi:\n{}\n\n{vi}",
            english.join("\n")
        );
        assert!(
            vi.contains("lỗi") || vi.contains("cảnh báo"),
            "{name}: {vi}"
        );
        assert!(
            en.contains("error") || en.contains("warning"),
            "{name}: {en}"
        );
        assert_snapshot(&format!("vi_{name}"), site.root(), &vi);
        assert_snapshot(&format!("en_{name}"), site.root(), &en);
    }
    let usage = text(&run(&[], &["check", "--strcit"]));
    assert!(english_prose(&usage).is_empty(), "{usage}");
    assert_snapshot(
        "vi_usage_error",
        std::path::Path::new("/nonexistent"),
        &usage,
    );
}

/// The detector itself: English prose is caught, quoted text and source lines are not.
#[test]
fn english_prose_is_caught_and_quotes_are_not() {
    assert!(!english_prose("lỗi: the title is missing").is_empty());
    assert!(!english_prose("  = gợi ý: did you mean `category`?").is_empty());
    assert!(english_prose("lỗi: không có khóa nào tên `the key`").is_empty());
    assert!(english_prose("3 | title: the article").is_empty());
    assert!(english_prose("  = ghi chú: bộ đọc YAML báo: found a tab").is_empty());
    assert!(english_prose(" --> content/2023/the-article.md:3:1").is_empty());
}

#[test]
fn summaries_in_both_languages_with_english_plurals() {
    let site = TestSite::new();
    site.article(
        "content/2023/bai.md",
        "title: Bài một\ndate: 2023-06-12\ncategory: Dân vận\nauthor: Hồng Hải",
        "Nội dung.",
    );
    let root = site.root().to_string_lossy().into_owned();
    let check = ["check", "--root", root.as_str()];
    let vi = text(&run(&[], &check));
    assert!(
        vi.contains("Đã kiểm tra 1 bài viết và 0 trang tĩnh: không có lỗi nào"),
        "{vi}"
    );
    let en = text(&run(&[("LANG", "en_US.UTF-8")], &check));
    assert!(
        en.contains("Checked 1 article and 0 pages: no problems found"),
        "{en}"
    );
    let build = ["build", "--root", root.as_str()];
    let vi = text(&run(&[], &build));
    assert!(vi.contains("Đã dựng 1 bài viết, 0 trang tĩnh"), "{vi}");
    let en = text(&run(&[("LANG", "en_US.UTF-8")], &build));
    assert!(en.contains("Built 1 article, 0 pages"), "{en}");
}

#[test]
fn usage_errors_in_both_languages() {
    let vi = run(&[], &["buidl"]);
    assert_eq!(vi.status.code(), Some(2));
    let vi = text(&vi);
    assert!(vi.contains("lỗi: không có lệnh `buidl`"), "{vi}");
    assert!(vi.contains("gợi ý: có phải ý bạn là `build`?"), "{vi}");
    assert!(vi.contains("Cách dùng: tuyenvan"), "{vi}");
    let found = english_words(&vi);
    assert!(found.is_empty(), "English {found:?} in\n{vi}");
    let missing = text(&run(&[], &["new"]));
    assert!(missing.contains("lỗi: còn thiếu: <TIÊU_ĐỀ>"), "{missing}");
    let en = text(&run(&[("LANG", "en_US.UTF-8")], &["check", "--strcit"]));
    assert!(en.contains("error: unexpected argument `--strcit`"), "{en}");
    assert!(en.contains("help: did you mean `--strict`?"), "{en}");
}

/// Every id the code passes to `tr!` (and every progress stage) is in both message files.
#[test]
fn every_message_the_code_uses_exists() {
    use tuyenvan::i18n::{ids, Lang};
    let vi: std::collections::HashSet<String> = ids(Lang::Vi).into_iter().collect();
    let en: std::collections::HashSet<String> = ids(Lang::En).into_iter().collect();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut used = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let code = std::fs::read_to_string(entry.path()).unwrap();
        // Calls only: not comments, and not `include_str!(`.
        let code: String = code
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("include_str!(", "");
        for (marker, prefix) in [("tr!(", ""), ("progress.stage(", "stage-")] {
            for piece in code.split(marker).skip(1) {
                let piece = piece.trim_start();
                if let Some(rest) = piece.strip_prefix('"') {
                    let id = &rest[..rest.find('"').unwrap()];
                    used.push(format!("{prefix}{id}"));
                }
            }
        }
    }
    assert!(used.len() > 40, "{used:?}");
    let missing: Vec<_> = used
        .iter()
        .filter(|id| !vi.contains(*id) || !en.contains(*id))
        .collect();
    assert!(missing.is_empty(), "missing messages: {missing:?}");
}

/// The arguments of every call to `name(` in `code`, split at top-level commas.
fn call_arguments<'a>(code: &'a str, name: &str) -> Vec<Vec<&'a str>> {
    let mut calls = Vec::new();
    for (start, _) in code.match_indices(name) {
        let rest = &code[start + name.len()..];
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        let (mut args, mut from) = (Vec::new(), 0);
        for (i, c) in rest.char_indices() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => {
                    args.push(rest[from..i].trim());
                    break;
                }
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    args.push(rest[from..i].trim());
                    from = i + 1;
                }
                _ => {}
            }
        }
        calls.push(args);
    }
    calls
}

/// Whether an argument is a sentence written in the code: a string literal of two words or
/// more, or a `format!` of one (`format!("{key}: x")` of a file's content is not a sentence).
fn is_written_sentence(arg: &str) -> bool {
    let literal = arg
        .strip_prefix("format!(")
        .unwrap_or(arg)
        .strip_prefix('"')
        .and_then(|l| l.split('"').next());
    let Some(literal) = literal else {
        return false;
    };
    let mut bare = String::new();
    let mut depth = 0;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    bare.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
        >= 2
}

/// What a diagnostic says comes from the message files: no message, help, note or refusal
/// is a sentence written in the code, in either language.
#[test]
fn diagnostics_take_their_text_from_the_message_files() {
    const CALLS: &[&str] = &[
        "Diagnostic::new(",
        ".with_help(",
        ".with_note(",
        ".at_key(",
        ".at_part(",
        "doc.at(",
        "errors.push(",
        "notes.push(",
        "refuse(",
    ];
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut written = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("tests.rs") {
            continue;
        }
        let code = std::fs::read_to_string(path).unwrap();
        let code = code.split("#[cfg(test)]\nmod tests").next().unwrap();
        let rel = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        for call in CALLS {
            for args in call_arguments(code, call) {
                for arg in args.into_iter().filter(|a| is_written_sentence(a)) {
                    written.push(format!("{rel}: {call}{arg}"));
                }
            }
        }
    }
    assert!(
        written.is_empty(),
        "sentences written in the code, not in locales/*/main.ftl:\n{}",
        written.join("\n")
    );
}

#[test]
fn written_sentences_are_told_from_ids_and_file_content() {
    assert!(is_written_sentence("\"the article has no title\""));
    assert!(is_written_sentence("format!(\"cannot read: {e}\")"));
    assert!(!is_written_sentence("tr!(\"front-no-title\")"));
    assert!(!is_written_sentence("\"output-write\""));
    assert!(!is_written_sentence("format!(\"{key}: {value}\")"));
    let calls = call_arguments("x.with_help(tr!(\"a\", b = c), \"d, e\")", ".with_help(");
    assert_eq!(calls, vec![vec!["tr!(\"a\", b = c)", "\"d, e\""]]);
}
