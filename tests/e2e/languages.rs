//! The interface's two languages through the real binary: Vietnamese by default and under a
//! Vietnamese locale, English under an English one or with `--lang en`, every command's help
//! in both, and every message id the code uses present in both message files.

use crate::support as common;

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

/// Compares `actual` with tests/snapshots/vi/<name>.txt; `UPDATE_SNAPSHOTS=1` rewrites it.
fn assert_snapshot(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/vi")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    assert_eq!(
        actual,
        expected,
        "{name}: output differs from {}",
        path.display()
    );
}

/// What an editor sees with no language set at all: a failed build, a warning, a usage error.
#[test]
fn vietnamese_output_snapshots() {
    let site = bad_site();
    assert_snapshot("bad_yaml", &build(&site, &[], &[]));
    let warned = TestSite::new();
    warned.article(
        "content/2023/bai.md",
        "title: Bài một\ndate: 2023-06-12\ncategory: Dân vận",
        "![](anh.jpg)\n",
    );
    warned.write_bytes("content/2023/anh.jpg", &common::photo_bytes());
    let root = warned.root().to_string_lossy().into_owned();
    assert_snapshot("warnings", &text(&run(&[], &["check", "--root", &root])));
    assert_snapshot("usage_error", &text(&run(&[], &["check", "--strcit"])));
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
