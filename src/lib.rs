//! tuyenvan: a static site generator for the "Thông tin tuyên vận" section of Vietnamese
//! provincial portals. The library is a pipeline of plain data: load, parse, model, plan,
//! render, write; the binary in `main.rs` only parses arguments and prints.

pub mod cache;
pub mod check;
pub mod cli;
pub mod cms;
pub mod config;
pub mod content;
pub mod context;
pub mod diagnostics;
pub mod error;
pub mod images;
pub mod load;
pub mod output;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod vietnamese;
pub mod yaml;
