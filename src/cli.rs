//! Command-line arguments, as clap derive types, turned once into the library's options.
//! Their texts here are the English fallback; `cli_text` gives every one in the run's language.

use clap::{Parser, Subcommand};
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "tuyenvan",
    version,
    about = "Static site generator for the \"Thông tin tuyên vận\" news section of Vietnamese provincial portals",
    long_about = None,
    after_help = "Examples:\n  tuyenvan new \"Hội nghị tổng kết công tác dân vận\" --category \"Dân vận\"\n  tuyenvan check\n  tuyenvan build\n\nRun `tuyenvan help <command>` for a command's options."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Interface language: vi (the default) or en; read before parsing, see `i18n`
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    pub lang: Option<String>,
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
    /// Start a new article: content/<year>/<slug>.md with its front matter filled in
    #[command(
        after_help = "Examples:\n  tuyenvan new \"Hội nghị tổng kết công tác dân vận năm 2026\" --category \"Dân vận\" --author \"Hồng Hải\"\n  tuyenvan new \"Ra quân chiến dịch tình nguyện hè\" --bundle   (a folder for the article and its photos)"
    )]
    New {
        /// Title of the article, in quotes
        title: String,
        /// Site folder holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Category (chuyên mục); repeat for several
        #[arg(long = "category", value_name = "C")]
        categories: Vec<String>,
        /// Author (tác giả); repeat for several
        #[arg(long = "author", value_name = "A")]
        authors: Vec<String>,
        /// Write content/<year>/<slug>/index.md, a folder for the article and its photos
        #[arg(long)]
        bundle: bool,
    },
    /// Tạo một trang mới, sẵn sàng chạy: site.yaml có ghi chú, một bài mẫu có ảnh, trang
    /// "Giới thiệu" (không bao giờ ghi vào thư mục đã có site.yaml)
    #[command(
        after_help = "Ví dụ:\n  tuyenvan init trang-tuyen-van\n  tuyenvan init   (trong một thư mục trống)"
    )]
    Init {
        /// Thư mục của trang mới (mặc định: thư mục hiện tại)
        #[arg(default_value = ".")]
        folder: PathBuf,
    },
    /// Check the site without writing anything: configuration, front matter, templates,
    /// every internal link and image, and editorial warnings
    #[command(
        after_help = "Exit status: 0 clean, 1 errors (or warnings, with --strict).\n\nExamples:\n  tuyenvan check\n  tuyenvan check --root site --strict"
    )]
    Check {
        /// Site folder holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Fail on editorial warnings too
        #[arg(long)]
        strict: bool,
    },
    /// Preview the site with live reload: builds drafts and scheduled articles too, serves
    /// from memory (public/ is not touched) and rebuilds what each saved file changes
    #[command(
        after_help = "Examples:\n  tuyenvan serve\n  tuyenvan serve --root site --port 8080 --open"
    )]
    Serve {
        /// Site folder holding site.yaml and content/
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on (loopback only by default)
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Port to listen on; if taken, the next free one is used (0: any free port)
        #[arg(long, default_value_t = 1313)]
        port: u16,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Nhập tài liệu Word (.docx): mỗi tài liệu thành một bài content/<năm>/<địa-chỉ>/index.md,
    /// ảnh để bên cạnh; không bao giờ ghi đè
    #[command(
        after_help = "Ví dụ:\n  tuyenvan import bai-viet.docx\n  tuyenvan import tin1.docx tin2.docx --category \"Dân vận\" --draft\n  tuyenvan import bai.docx --author \"Hồng Hải\" --date \"12/06/2026 08:30\" --slug ra-quan-tinh-nguyen"
    )]
    Import {
        /// Tài liệu Word (.docx) cần nhập
        #[arg(required = true, value_name = "FILE.docx")]
        files: Vec<PathBuf>,
        /// Thư mục trang (chứa site.yaml và content/)
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Chuyên mục của bài
        #[arg(long, value_name = "C")]
        category: Option<String>,
        /// Tác giả (thay cho tên cuối tài liệu)
        #[arg(long, value_name = "A")]
        author: Option<String>,
        /// Ngày đăng, như trong front matter (mặc định: bây giờ, theo múi giờ của trang)
        #[arg(long, value_name = "D")]
        date: Option<String>,
        /// Địa chỉ của bài (mặc định: làm từ tiêu đề); chỉ khi nhập một tài liệu
        #[arg(long, value_name = "S")]
        slug: Option<String>,
        /// Ghi bài ở dạng nháp (draft: true)
        #[arg(long)]
        draft: bool,
    },
}
