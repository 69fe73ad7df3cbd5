//! The end-to-end tests, in one binary so that the crate is linked once for all of them
//! (Cargo.toml turns off the discovery of `tests/*.rs`), with one module per area.
//!
//! A new area goes in `tests/e2e/<area>.rs`, declared below as `mod <area>;`. It reaches
//! the harness with `use crate::support as common;` (then `common::TestSite`, or
//! `use common::{...}`): a file written as `tests/<area>.rs` with `mod common;` moves here
//! by changing that one line. The harness, in `support/`:
//!
//! - `site`: `TestSite` (temporary or fixture sites, `run`/`build`/`build_fails` through the
//!   real binary `BIN`, `read`/`exists` on what was published), `snapshot` of an output;
//! - `front`: article files (`with_front` for any front matter, `article` for the usual);
//! - `photo`: the fixture JPEG, JPEGs and PNGs made on the spot (also used by
//!   benches/images.rs);
//! - `http`: `Server` (`tuyenvan serve` as a child, polled with `wait_for`), `raw_get`,
//!   `serve_static` for browsers;
//! - `html`: `links_in`, `broken_links`, and scrapers (`tag`, `attr`, `meta`, `element`,
//!   `text`, `body`);
//! - `browser`: headless Chromium (`dump_dom`) and the node scripts of tests/browser/
//!   (`browser_script`).
//!
//! Snapshots of printed text are kept by insta in `snapshots/` (see `editor_tools`).

mod support;

mod build;
mod bulletin;
mod cms;
mod documents;
mod editor_tools;
mod fuzz;
mod images;
mod import;
mod languages;
mod layout;
mod phrase_search;
mod portal;
mod preview_and_init;
mod publishing;
mod search;
mod search_tiers;
mod serve;
mod serve_burst;
mod terms;
mod theme;
mod theme_related;
