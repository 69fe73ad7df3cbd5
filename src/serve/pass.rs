//! One render pass of the warm pipeline: keys the routes asked for, renders those whose key
//! is not the last one, and merges the outputs with those the pass left alone. No I/O.

use super::keys::{self, Frame};
use crate::error::Diagnostic;
use crate::plan::{Plan, Route, Spec};
use crate::render;
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// An output path (relative, `2023/06/bai/index.html`), shared by the maps and the queue
/// that name it: copying a map of fifteen thousand pages copies no text.
pub type Output = Arc<str>;

/// The published site in memory: output path -> bytes.
pub type Files = HashMap<Output, Arc<[u8]>>;

/// The shared name of `output`: the one `files` holds, else a new one.
pub fn output_in(files: &Files, output: &str) -> Output {
    files
        .get_key_value(output)
        .map_or_else(|| Output::from(output), |(k, _)| k.clone())
}

/// What one render pass made: (output, key, bytes) of every route asked for, and which
/// of them were rendered again.
pub struct Pass {
    pub outputs: Vec<(Output, Option<u64>, Arc<[u8]>)>,
    pub rendered: Vec<String>,
}

/// One route's output: path, key, bytes, and whether it was rendered again.
type Rendered = (Output, Option<u64>, Arc<[u8]>, bool);

/// Keys every route of `routes`, reusing the old bytes where the key is the old one.
pub fn render_pass(
    frame: &Frame<'_>,
    plan: &Plan,
    base: &tera::Context,
    theme: &Theme,
    routes: &[&Route],
    old_keys: &HashMap<Output, u64>,
    old_files: &Files,
) -> Result<Pass, Vec<Diagnostic>> {
    let results: Vec<Result<Rendered, Diagnostic>> = routes
        .par_iter()
        .map_init(
            || base.clone(),
            |globals, route| {
                let output = output_in(old_files, &route.output);
                // The search stage made the index's files: share their bytes, not a copy.
                if let Spec::SearchIndex { file } = route.spec {
                    let bytes = frame.search.files.get(file).map(|f| f.1.clone());
                    return Ok((output, None, bytes.unwrap_or_default(), true));
                }
                if let Spec::File { bytes } = &route.spec {
                    return Ok((output, None, bytes.clone(), true));
                }
                let (key, own) = keys::route_key(frame, route);
                let reuse = key
                    .filter(|k| old_keys.get(&output) == Some(k))
                    .and_then(|_| old_files.get(&output));
                if let Some(bytes) = reuse {
                    return Ok((output, key, bytes.clone(), false));
                }
                let out = render::render_route_with(
                    frame.site,
                    plan,
                    frame.shared,
                    globals,
                    theme,
                    route,
                    own,
                )?;
                Ok((output, key, out.bytes.into(), true))
            },
        )
        .collect();
    let mut pass = Pass {
        outputs: Vec::with_capacity(results.len()),
        rendered: Vec::new(),
    };
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok((output, key, bytes, rendered)) => {
                if rendered {
                    pass.rendered.push(output.to_string());
                }
                pass.outputs.push((output, key, bytes));
            }
            Err(d) if !errors.contains(&d) => errors.push(d),
            Err(_) => {}
        }
    }
    if errors.is_empty() {
        Ok(pass)
    } else {
        Err(errors)
    }
}

/// Whether `old` holds the bytes `new` holds. The same buffer is not read: `Arc<[u8]>`'s
/// `==` compares the contents even then (std takes the pointer shortcut only for sized
/// types), and comparing fifteen thousand pages took longer than rendering the new ones.
pub fn same_bytes(old: Option<&Arc<[u8]>>, new: &Arc<[u8]>) -> bool {
    old.is_some_and(|old| Arc::ptr_eq(old, new) || old == new)
}

/// Output paths whose bytes differ between two builds, or that only one of them has.
pub fn changed_paths(old: &Files, new: &Files) -> Vec<String> {
    let mut changed: Vec<String> = new
        .iter()
        .filter(|(path, bytes)| !same_bytes(old.get(*path), bytes))
        .map(|(path, _)| path.to_string())
        .chain(
            old.keys()
                .filter(|p| !new.contains_key(*p))
                .map(|p| p.to_string()),
        )
        .collect();
    changed.sort();
    changed
}

/// The outputs and keys of a rebuilt plan's routes: those of the pass, and the old ones of
/// the routes the pass left out.
pub fn merge(
    pass: Vec<(Output, Option<u64>, Arc<[u8]>)>,
    plan: &Plan,
    old_files: &Files,
    old_keys: &HashMap<Output, u64>,
) -> (Files, HashMap<Output, u64>) {
    let mut files = Files::with_capacity(plan.routes.len() + plan.assets.len());
    let mut keys = HashMap::with_capacity(plan.routes.len());
    for route in &plan.routes {
        let Some((output, bytes)) = old_files.get_key_value(route.output.as_str()) else {
            continue;
        };
        if let Some(key) = old_keys.get(output) {
            keys.insert(output.clone(), *key);
        }
        files.insert(output.clone(), bytes.clone());
    }
    for (output, key, bytes) in pass {
        match key {
            Some(key) => keys.insert(output.clone(), key),
            None => keys.remove(&output),
        };
        files.insert(output, bytes);
    }
    (files, keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_paths_names_new_changed_and_gone_outputs() {
        let shared: Arc<[u8]> = Arc::from(&b"page"[..]);
        let file = |p: &str, b: &Arc<[u8]>| (Output::from(p), b.clone());
        let old: Files = [
            file("a.html", &shared),
            file("b.html", &Arc::from(&b"old"[..])),
            file("c.html", &Arc::from(&b"same text"[..])),
            file("gone.html", &shared),
        ]
        .into_iter()
        .collect();
        let new: Files = [
            file("a.html", &shared),
            file("b.html", &Arc::from(&b"new"[..])),
            // Equal bytes in another buffer: not a change.
            file("c.html", &Arc::from(&b"same text"[..])),
            file("new.html", &shared),
        ]
        .into_iter()
        .collect();
        assert_eq!(
            changed_paths(&old, &new),
            ["b.html", "gone.html", "new.html"]
        );
        assert!(same_bytes(Some(&shared), &shared.clone()));
        assert!(!same_bytes(None, &shared));
    }
}
