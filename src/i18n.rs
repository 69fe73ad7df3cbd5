//! The interface's language: which one a run speaks (Vietnamese unless English is asked for)
//! and its messages, from one Project Fluent file per language embedded in the binary.
//!
//! The language is the process's, like its locale: `main` sets it once before anything is
//! printed, and every message after reads it. Threading it through every stage's signature
//! would buy nothing, since one run never speaks two languages.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::{LazyLock, OnceLock};

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// `vi` or `en`, also with a region or encoding (`en_US.UTF-8`, `vi-VN`).
    pub fn parse(value: &str) -> Option<Lang> {
        let value = value.trim().to_ascii_lowercase();
        if value.starts_with("en") {
            Some(Lang::En)
        } else if value.starts_with("vi") {
            Some(Lang::Vi)
        } else {
            None
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language of a run: the `--lang` flag, else `TUYENVAN_LANG`, else the first set of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` (POSIX's order) when it starts with `en`; Vietnamese
    /// otherwise. `var` reads an environment variable (a parameter, so tests need no env).
    pub fn choose(flag: Option<&str>, var: &dyn Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag.and_then(Lang::parse) {
            return lang;
        }
        if let Some(lang) = var("TUYENVAN_LANG").as_deref().and_then(Lang::parse) {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).filter(|v| !v.is_empty()));
        match locale {
            Some(locale) if locale.starts_with("en") => Lang::En,
            _ => Lang::Vi,
        }
    }
}

/// The value of `--lang` in raw arguments (`--lang en` or `--lang=en`), read before clap
/// parses them because clap's own help and errors must already be in that language.
pub fn flag_in_args(args: &[std::ffi::OsString]) -> Option<String> {
    let mut iter = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            return iter.next().map(|v| v.into_owned());
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value.to_string());
        }
    }
    None
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Sets the run's language; only the first call counts.
pub fn set(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The run's language (Vietnamese when nothing set one). Unit tests read English, as the
/// end-to-end harness runs the binary in English, so one message text serves both in tests.
pub fn current() -> Lang {
    let default = if cfg!(test) { Lang::En } else { Lang::Vi };
    CURRENT.get().copied().unwrap_or(default)
}

/// The text of each language's message file.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => include_str!("../locales/vi/main.ftl"),
        Lang::En => include_str!("../locales/en/main.ftl"),
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = Bundle::new_concurrent(vec![id]);
    // Isolation marks around arguments are for bidirectional text; in a terminal they
    // show as stray characters.
    bundle.set_use_isolating(false);
    // A file that does not parse keeps what did parse; the tests keep both files whole.
    let resource = FluentResource::try_new(source(lang).to_string()).unwrap_or_else(|(r, _)| r);
    let _ = bundle.add_resource(resource);
    bundle
}

static VI: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::Vi));
static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::En));

fn bundle_of(lang: Lang) -> &'static Bundle {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// Named arguments of a message.
pub type Args<'a> = FluentArgs<'a>;

/// A message in `lang`, with its errors (an unknown id, a missing argument).
pub fn format_in(lang: Lang, id: &str, args: Option<&Args>) -> Result<String, String> {
    let bundle = bundle_of(lang);
    let pattern = bundle
        .get_message(id)
        .and_then(|m| m.value())
        .ok_or_else(|| format!("no message `{id}` in {}", lang.code()))?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if errors.is_empty() {
        Ok(text.into_owned())
    } else {
        Err(format!("{id} ({}): {errors:?}", lang.code()))
    }
}

/// A message in `lang`; the id itself when there is no such message, so a missing one
/// shows up plainly instead of as an empty line.
pub fn text_in(lang: Lang, id: &str, args: Option<&Args>) -> String {
    let bundle = bundle_of(lang);
    match bundle.get_message(id).and_then(|m| m.value()) {
        Some(pattern) => bundle
            .format_pattern(pattern, args, &mut Vec::new())
            .into_owned(),
        None => id.to_string(),
    }
}

/// A message in the run's language, or `None` when no file has it (for texts that other
/// code may add without a message yet, like a new command's help).
pub fn lookup(id: &str) -> Option<String> {
    let bundle = bundle_of(current());
    bundle.get_message(id).and_then(|m| m.value())?;
    Some(text_in(current(), id, None))
}

/// Every message id of `lang`'s file: its lines that start with `id =` (terms start with
/// `-`, comments with `#`, continuation lines with a space).
pub fn ids(lang: Lang) -> Vec<String> {
    source(lang)
        .lines()
        .filter(|line| line.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|line| line.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

/// A value for a message argument.
pub fn value<'a>(v: impl Into<FluentValue<'a>>) -> FluentValue<'a> {
    v.into()
}

/// A message in the run's language: `tr!("id")` or `tr!("id", count = n, file = path)`.
#[macro_export]
macro_rules! tr {
    ($id:expr) => {
        $crate::i18n::text_in($crate::i18n::current(), $id, None)
    };
    ($id:expr, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($name), $crate::i18n::value($value)); )+
        $crate::i18n::text_in($crate::i18n::current(), $id, Some(&args))
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn vietnamese_unless_english_is_asked_for() {
        assert_eq!(Lang::choose(None, &env(&[])), Lang::Vi);
        assert_eq!(Lang::choose(None, &env(&[("LANG", "C")])), Lang::Vi);
        assert_eq!(
            Lang::choose(None, &env(&[("LANG", "vi_VN.UTF-8")])),
            Lang::Vi
        );
        assert_eq!(
            Lang::choose(None, &env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        // POSIX order: LC_ALL, then LC_MESSAGES, then LANG; empty counts as unset.
        let all = [
            ("LC_ALL", "vi_VN"),
            ("LC_MESSAGES", "en_GB"),
            ("LANG", "en_US"),
        ];
        assert_eq!(Lang::choose(None, &env(&all)), Lang::Vi);
        let messages = [("LC_ALL", ""), ("LC_MESSAGES", "en_GB"), ("LANG", "vi")];
        assert_eq!(Lang::choose(None, &env(&messages)), Lang::En);
        // TUYENVAN_LANG beats the locale, the flag beats both.
        let ours = [("TUYENVAN_LANG", "vi"), ("LANG", "en_US.UTF-8")];
        assert_eq!(Lang::choose(None, &env(&ours)), Lang::Vi);
        assert_eq!(Lang::choose(Some("en"), &env(&ours)), Lang::En);
        assert_eq!(Lang::choose(Some("xx"), &env(&ours)), Lang::Vi);
    }

    #[test]
    fn reads_the_flag_before_clap() {
        let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        let found = flag_in_args(&args(&["tuyenvan", "build", "--lang", "en"]));
        assert_eq!(found.as_deref(), Some("en"));
        let found = flag_in_args(&args(&["tuyenvan", "--lang=vi", "check"]));
        assert_eq!(found.as_deref(), Some("vi"));
        assert_eq!(
            flag_in_args(&args(&["tuyenvan", "new", "--", "--lang"])),
            None
        );
    }

    #[test]
    fn both_files_have_the_same_ids() {
        let vi: std::collections::BTreeSet<_> = ids(Lang::Vi).into_iter().collect();
        let en: std::collections::BTreeSet<_> = ids(Lang::En).into_iter().collect();
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(only_vi.is_empty(), "only in vi: {only_vi:?}");
        assert!(only_en.is_empty(), "only in en: {only_en:?}");
        assert_eq!(vi.len(), ids(Lang::Vi).len(), "an id is defined twice");
    }

    #[test]
    fn both_files_parse() {
        for lang in Lang::ALL {
            if let Err((_, errors)) = FluentResource::try_new(source(lang).to_string()) {
                panic!("{}: {errors:?}", lang.code());
            }
        }
    }

    /// Every message formats in both languages with sample values for every argument
    /// either file uses.
    #[test]
    fn every_message_formats_in_both_languages() {
        let mut args = Args::new();
        for name in [
            "count",
            "errors",
            "warnings",
            "articles",
            "pages",
            "files",
            "written",
            "unchanged",
            "removed",
            "held",
            "drafts",
            "scheduled",
            "ms",
            "photos",
            "processed",
            "cached",
            "copies",
            "asked",
            "port",
            "rendered",
            "changed",
        ] {
            args.set(name, 2);
        }
        // Every other argument either file names gets a text.
        let names: std::collections::BTreeSet<&str> = Lang::ALL
            .iter()
            .flat_map(|lang| source(*lang).split("{ $").skip(1))
            .filter_map(|rest| {
                rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
            })
            .collect();
        for name in names {
            if args.get(name).is_none() {
                args.set(name, "x");
            }
        }
        for lang in Lang::ALL {
            for id in ids(lang) {
                let text = format_in(lang, &id, Some(&args)).unwrap_or_else(|e| panic!("{e}"));
                assert!(!text.trim().is_empty(), "{id} ({}) is empty", lang.code());
            }
        }
    }

    #[test]
    fn english_plurals_vietnamese_none() {
        let n = |lang, count: i64| {
            let mut args = Args::new();
            args.set("count", count);
            text_in(lang, "count-errors", Some(&args))
        };
        assert_eq!(n(Lang::En, 1), "1 error");
        assert_eq!(n(Lang::En, 2), "2 errors");
        assert_eq!(n(Lang::Vi, 1), "1 lỗi");
        assert_eq!(n(Lang::Vi, 2), "2 lỗi");
    }
}
