//! Makes the copies of every requested photo, once per distinct content: two files with
//! the same bytes (a unit's standard picture saved twice) share one set of cached copies.

use super::process::{self, Failure};
use super::{Format, Processed, Request};
use crate::config::ImageSettings;
use crate::error::Diagnostic;
use crate::tr;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

type Slot = Arc<OnceLock<Result<Processed, Failure>>>;

/// Processes every request in parallel; the results are in the order of `requests`. A
/// photo whose bytes another request already has is made once: the others wait for it
/// and share its copies (their `made` is 0), instead of writing the same cache files.
pub(crate) fn process_all(
    requests: &[Request],
    settings: &ImageSettings,
    cache: &Path,
    make: bool,
    step: &(dyn Fn() + Sync),
) -> Vec<Result<Processed, Failure>> {
    let slots: Mutex<HashMap<(String, Format), Slot>> = Mutex::new(HashMap::new());
    requests
        .par_iter()
        .map(|r| {
            let done = process::read_hashed(&r.abs).and_then(|(bytes, hash)| {
                let slot = match slots.lock() {
                    Ok(mut map) => map.entry((hash.clone(), r.format)).or_default().clone(),
                    Err(_) => Slot::default(),
                };
                let mut first = false;
                let result = slot.get_or_init(|| {
                    first = true;
                    process::process_bytes(bytes, &hash, r.format, settings, cache, make)
                });
                let mut result = result.clone();
                if let (Ok(p), false) = (&mut result, first) {
                    p.made = 0;
                }
                result
            });
            step();
            done
        })
        .collect()
}

/// The errors of a photo that failed, one per article line using it. A photo's own fault
/// asks the editor to save it again; a cache that cannot be written is a disk problem.
pub(crate) fn failure_diagnostics(request: &Request, failure: &Failure) -> Vec<Diagnostic> {
    request
        .uses
        .iter()
        .map(|u| {
            let (written, rel) = (&u.written, request.rel.display());
            let message = match failure {
                Failure::Photo(_) => tr!(
                    "photo-failed",
                    name = written.as_str(),
                    file = rel.to_string(),
                    why = failure.to_string()
                ),
                Failure::Cache(_) => tr!(
                    "photo-cache-failed",
                    name = written.as_str(),
                    file = rel.to_string(),
                    why = failure.to_string()
                ),
            };
            let d = Diagnostic::new(&u.article, message).at(u.line, 1);
            match failure {
                Failure::Photo(_) => d.with_help(tr!("photo-failed-help")),
                Failure::Cache(_) => d.with_help(tr!("photo-cache-failed-help")),
            }
        })
        .collect()
}
