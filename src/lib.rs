//! tuyenvan: a static site generator for the "Thông tin tuyên vận" section of Vietnamese
//! provincial portals. The library is a pipeline of plain data: load, parse, model, plan,
//! render, write; the binary in `main.rs` only parses arguments and prints.

#![warn(unreachable_pub)]

pub(crate) mod builtin;
pub(crate) mod cache;
pub mod check;
pub mod cli;
pub mod cli_text;
pub(crate) mod cms;
pub mod config;
pub mod content;
pub(crate) mod context;
pub mod diagnostics;
pub mod documents;
pub mod error;
pub(crate) mod escape;
pub(crate) mod history;
pub mod i18n;
pub(crate) mod images;
pub mod import;
pub mod init;
pub mod load;
pub mod memory;
pub(crate) mod output;
pub mod pipeline;
pub(crate) mod plan;
pub(crate) mod redirects;
pub(crate) mod render;
pub mod scaffold;
mod scheduled;
pub mod search;
pub mod serve;
pub mod site;
pub(crate) mod theme;
mod theme_cache;
pub mod unpublished;
mod urls;
pub mod vietnamese;
pub(crate) mod yaml;
