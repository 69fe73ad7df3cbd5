//! tuyenvan: a static site generator for the "Thông tin tuyên vận" section of Vietnamese
//! provincial portals. The library is a pipeline of plain data: load, parse, model, plan,
//! render, write; the binary in `main.rs` only parses arguments and prints.

pub mod builtin;
pub mod cache;
pub mod check;
pub mod cli;
pub mod cli_text;
pub mod cms;
pub mod config;
pub mod content;
pub mod context;
pub mod diagnostics;
pub mod error;
pub mod history;
pub mod i18n;
pub mod images;
pub mod import;
pub mod init;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod plan;
pub mod redirects;
pub mod render;
pub mod scaffold;
mod scheduled;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod unpublished;
mod urls;
pub mod vietnamese;
pub mod yaml;
