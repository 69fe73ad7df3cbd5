//! The pages a rebuild leaves to the background pass: which routes of a rebuild are rendered
//! before the tabs reload, and the queue of the others, served only once rendered again.

use super::pass::{output_in, Files, Output};
use crate::plan::{Route, Spec};
use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

/// How many routes one step of the background pass renders: a request waiting for one of
/// the queued pages waits at most for one step before its own page is rendered.
pub const STEP: usize = 96;

/// Whether a route of a rebuild is rendered before the tabs reload: the pages of the edited
/// articles (`own`), pages that were not published before, the first home page, the pages
/// open tabs show, the 404 page (deleted pages answer with it) and the files that are
/// neither pages nor feeds (redirect rules, the index's files: taken as they are). Feeds
/// follow: keying one hashes every entry's body.
pub fn first(route: &Route, known: &Files, open: &HashSet<String>, own: bool) -> bool {
    let plain = route.spec.template().is_none() && !matches!(route.spec, Spec::Feed { .. });
    own || plain
        || matches!(route.spec, Spec::Home { page: 1 } | Spec::NotFound)
        || !known.contains_key(route.output.as_str())
        || open.contains(&route.output)
}

/// The routes to render now and those to leave to the background pass. Nothing is left when
/// nothing was published yet (the first build: no one is waiting for part of it).
pub fn split<'a>(
    routes: Vec<&'a Route>,
    known: &Files,
    is_first: impl Fn(&Route) -> bool,
) -> (Vec<&'a Route>, Vec<&'a Route>) {
    if known.is_empty() {
        return (routes, Vec::new());
    }
    routes.into_iter().partition(|r| is_first(r))
}

/// Output paths whose published bytes may be older than the model, in the order the
/// background pass renders them.
#[derive(Debug, Default, Clone)]
pub struct Queue {
    order: VecDeque<Output>,
    waiting: HashSet<Output>,
}

impl Queue {
    /// The queue of `routes`: home pages, then the first pages of the term listings, the
    /// articles newest first, then the rest. `known`: the published files, whose names
    /// the queue shares.
    pub fn of(routes: &[&Route], known: &Files) -> Queue {
        let mut queue = Queue::default();
        queue.extend(routes, known);
        queue
    }

    /// Queues the `routes` not queued yet, after the others, in the same order.
    pub fn extend(&mut self, routes: &[&Route], known: &Files) {
        let mut ranked: Vec<(u8, usize, &str)> = routes
            .iter()
            .filter(|r| !self.waiting.contains(r.output.as_str()))
            .map(|r| {
                let (class, n) = rank(&r.spec);
                (class, n, r.output.as_str())
            })
            .collect();
        ranked.sort_unstable();
        ranked.dedup();
        for (_, _, output) in ranked {
            let output = output_in(known, output);
            self.waiting.insert(output.clone());
            self.order.push_back(output);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    pub fn len(&self) -> usize {
        self.waiting.len()
    }

    pub fn contains(&self, output: &str) -> bool {
        self.waiting.contains(output)
    }

    /// Leaves the queue (rendered, or no longer planned).
    pub fn remove(&mut self, output: &str) {
        self.waiting.remove(output);
    }

    /// The next step's outputs: those `wanted` (asked for by a request) first, then the
    /// next ones in order; at most `count` besides the wanted ones.
    pub fn take(&mut self, wanted: &[String], count: usize) -> Vec<Output> {
        let mut step: Vec<Output> = wanted
            .iter()
            .filter_map(|w| self.waiting.take(w.as_str()))
            .collect();
        let mut more = 0;
        while more < count {
            let Some(next) = self.order.pop_front() else {
                break;
            };
            if self.waiting.remove(&next) {
                step.push(next);
                more += 1;
            }
        }
        step
    }

    /// Puts back outputs a failed step did not render.
    pub fn put_back(&mut self, outputs: Vec<Output>) {
        for output in outputs.into_iter().rev() {
            if self.waiting.insert(output.clone()) {
                self.order.push_front(output);
            }
        }
    }

    /// The set the server checks each request against.
    pub fn served(&self) -> Arc<HashSet<Output>> {
        Arc::new(self.waiting.clone())
    }
}

/// Order of the background pass: the pages readers reach first come first.
fn rank(spec: &Spec) -> (u8, usize) {
    match spec {
        Spec::Home { page } => (0, *page),
        Spec::TaxonomyTerm { page: 1, term, .. } => (1, *term),
        Spec::TaxonomyList { .. } => (1, usize::MAX),
        Spec::Article { index } => (2, *index),
        Spec::StaticPage { index } => (3, *index),
        Spec::TaxonomyTerm { page, .. } => (4, *page),
        _ => (5, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn route(output: &str, spec: Spec) -> Route {
        Route {
            output: output.into(),
            url_path: format!("/{output}"),
            origin: PathBuf::new(),
            spec,
        }
    }

    #[test]
    fn queue_renders_wanted_pages_first_then_in_rank_order() {
        let routes = [
            route("a/index.html", Spec::Article { index: 3 }),
            route("b/index.html", Spec::Article { index: 0 }),
            route("trang/2/index.html", Spec::Home { page: 2 }),
            route("p/index.html", Spec::StaticPage { index: 0 }),
        ];
        let refs: Vec<&Route> = routes.iter().collect();
        let mut q = Queue::of(&refs, &Files::new());
        assert_eq!(q.len(), 4);
        let wanted = vec!["p/index.html".to_string(), "not/queued.html".to_string()];
        let names = |step: Vec<Output>| step.iter().map(|o| o.to_string()).collect::<Vec<_>>();
        assert_eq!(
            names(q.take(&wanted, 2)),
            ["p/index.html", "trang/2/index.html", "b/index.html"]
        );
        assert!(q.contains("a/index.html") && !q.contains("b/index.html"));
        q.put_back(vec!["b/index.html".into()]);
        q.remove("a/index.html");
        assert_eq!(names(q.take(&[], 5)), ["b/index.html"]);
        assert!(q.is_empty() && q.take(&[], 5).is_empty());
    }

    #[test]
    fn first_pages_are_the_new_the_home_the_open_and_the_own_ones() {
        let known: Files = ["a/index.html", "index.html", "trang/2/index.html"]
            .iter()
            .map(|p| (Output::from(*p), Arc::from(&b"x"[..])))
            .collect();
        let open: HashSet<String> = ["trang/2/index.html".to_string()].into();
        let article = route("a/index.html", Spec::Article { index: 1 });
        assert!(!first(&article, &known, &open, false));
        assert!(first(&article, &known, &open, true));
        let new = route("new/index.html", Spec::Article { index: 0 });
        assert!(first(&new, &known, &open, false));
        let home = route("index.html", Spec::Home { page: 1 });
        assert!(first(&home, &known, &open, false));
        let home2 = route("trang/2/index.html", Spec::Home { page: 2 });
        assert!(first(&home2, &known, &open, false));
        assert!(!first(&home2, &known, &HashSet::new(), false));
        let routes = vec![&article, &new, &home2];
        let (now, later) = split(routes.clone(), &known, |r| first(r, &known, &open, false));
        assert_eq!((now.len(), later.len()), (2, 1));
        let (now, later) = split(routes, &Files::new(), |_| false);
        assert_eq!((now.len(), later.len()), (3, 0));
    }
}
