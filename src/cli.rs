//! Command-line arguments, as clap derive types, turned once into the library's options.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tuyenvan",
    version,
    about = "Static site generator for the \"Thông tin tuyên vận\" news section of Vietnamese provincial portals",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (staged: a failed build leaves the previous output alone)
    #[command(
        after_help = "Examples:\n  tuyenvan build\n  tuyenvan build --root site --output /srv/www --base-url https://tinh.gov.vn/thong-tin-tuyen-van/"
    )]
    Build {
        /// Site folder holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Output folder (default: <root>/public)
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override base_url from site.yaml
        #[arg(long)]
        base_url: Option<String>,
        /// Publish drafts too
        #[arg(long)]
        drafts: bool,
        /// Publish articles dated in the future too
        #[arg(long)]
        future: bool,
    },
}
