//! A batch of changed paths as the watcher reports them, sorted by what each asks the warm
//! pipeline to do again. Plain data: the watcher makes it, the sources and the rebuild read it.

use std::collections::BTreeSet;
use std::path::PathBuf;

/// A batch of changed paths, by what they ask for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// `site.yaml` changed (or events were lost): read everything again.
    pub config: bool,
    /// The theme changed: read and compile it again.
    pub theme: bool,
    /// A folder under `content/` changed: walk `content/` again.
    pub rescan: bool,
    /// Markdown files, relative to the site root.
    pub markdown: BTreeSet<PathBuf>,
    /// Other content files, relative to the site root.
    pub assets: BTreeSet<PathBuf>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }
}
