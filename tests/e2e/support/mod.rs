//! The one harness of the end-to-end tests. Every piece is re-exported here, so an area
//! module needs only `use crate::support as common;` (the name the tests grew up with).

pub mod browser;
pub mod front;
pub mod html;
pub mod http;
pub mod photo;
pub mod site;

pub use browser::{browser_script, chromium, chromium_flags, dump_dom};
pub use html::{broken_links, links_in};
pub use http::{raw_get, serve_static, Server, WAIT};
pub use photo::photo_bytes;
pub use site::{snapshot, TestSite, BIN};
