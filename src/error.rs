//! One diagnostic type for every mistake a site can hold: a file, an optional line and
//! column, a message and an optional hint. Stages collect them; only the CLI prints them.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem found in a site, located as precisely as the stage that found it can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub help: Option<String>,
    /// The note and the source line, when there are: boxed, so that a diagnostic stays small
    /// enough to return by value (clippy's `result_large_err`).
    pub more: Option<Box<More>>,
    /// Length in characters of the offending text from `column`, when the stage knows it;
    /// otherwise the renderer underlines the word at `column`.
    pub len: Option<u32>,
}

/// What few diagnostics carry besides their place and sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct More {
    /// What a library (the YAML parser, the template engine, the system) said, kept under our
    /// own sentence for whoever has to dig further.
    pub note: Option<String>,
    /// The line `line` names, as the stage that found the problem read it (`source_text`),
    /// when it had the text: shown without reading the file again (`check` of a large
    /// archive warns about thousands of files).
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn new(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
            more: None,
            len: None,
        }
    }

    /// A file or folder the system would not let us read; what it said is the note.
    pub fn unreadable(path: impl AsRef<Path>, e: &dyn fmt::Display) -> Self {
        Diagnostic::new(path, crate::tr!("read-failed"))
            .with_help(crate::tr!("read-failed-help"))
            .with_note(crate::tr!("note-system", detail = e.to_string()))
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line.max(1));
        self.column = Some(column.max(1));
        self
    }

    /// What a library said, under our own sentence (`with_note`).
    pub fn note(&self) -> Option<&str> {
        self.more.as_ref()?.note.as_deref()
    }

    /// The text of the line the diagnostic names, when the stage that found it kept it.
    pub fn source_line(&self) -> Option<&str> {
        self.more.as_ref()?.source_line.as_deref()
    }

    /// Keeps the text of the line the diagnostic names, to show it without reading the file.
    pub fn showing(mut self, line: impl Into<String>) -> Self {
        self.more.get_or_insert_default().source_line = Some(line.into());
        self
    }

    /// Sets how many characters from `column` the mistake covers.
    pub fn spanning(mut self, len: usize) -> Self {
        self.len = Some(u32::try_from(len).unwrap_or(u32::MAX));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.more.get_or_insert_default().note = Some(note.into());
        self
    }

    /// Sort key: by file, then line, then column, so a run's errors read top to bottom.
    pub fn sort_key(&self) -> (PathBuf, usize, usize) {
        (
            self.path.clone(),
            self.line.unwrap_or(0),
            self.column.unwrap_or(0),
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}: {}", crate::tr!("label-error"), self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  {}: {help}", crate::tr!("label-help"))?;
        }
        if let Some(note) = self.note() {
            write!(f, "\n  {}: {note}", crate::tr!("label-note"))?;
        }
        Ok(())
    }
}

/// Every diagnostic of a failed run, sorted by file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteErrors(pub Vec<Diagnostic>);

impl SiteErrors {
    pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by_key(|d| d.sort_key());
        diagnostics.dedup();
        SiteErrors(diagnostics)
    }
}

impl From<Diagnostic> for SiteErrors {
    fn from(d: Diagnostic) -> Self {
        SiteErrors(vec![d])
    }
}

impl fmt::Display for SiteErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        write!(f, "{}", crate::tr!("count-errors", count = self.0.len()))
    }
}

impl std::error::Error for SiteErrors {}

/// The closest of `candidates` to a mistyped `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(distance, c)| *distance <= (c.len() / 3).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["category", "categories", "title", "tags"];
        assert_eq!(closest("catgory", &keys), Some("category"));
        assert_eq!(closest("titel", &keys), Some("title"));
        assert_eq!(closest("zzzzzzzz", &keys), None);
    }

    #[test]
    fn displays_location_and_help() {
        let d = Diagnostic::new("content/a.md", "unknown key `catgory`")
            .at(3, 1)
            .with_help("did you mean `category`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:1: error: unknown key `catgory`\n  help: did you mean `category`?"
        );
    }
}
