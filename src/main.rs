//! The CLI edge: parses arguments, runs one command of the library, prints the summary or
//! every error, and sets the exit status (0 success, 1 site errors, 2 usage errors).

use clap::Parser;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tuyenvan::cli::{Cli, Command};
use tuyenvan::diagnostics;
use tuyenvan::error::Diagnostic;
use tuyenvan::pipeline::{self, BuildOptions, NoProgress, Progress};
use tuyenvan::scaffold::NewArticle;
use tuyenvan::serve::ServeOptions;
use tuyenvan::site::{HeldReason, Visibility};

// A build makes millions of small allocations (template values, strings) across threads;
// glibc's malloc spent a tenth of the build's CPU time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match cli.command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
            future,
        } => build(BuildOptions {
            root,
            output,
            base_url,
            visibility: Visibility { drafts, future },
            dry_run: false,
        }),
        Command::New {
            title,
            root,
            categories,
            authors,
            bundle,
        } => new(
            &root,
            NewArticle {
                title,
                categories,
                authors,
                bundle,
            },
        ),
        Command::Check { root, strict } => check(
            BuildOptions {
                root,
                ..BuildOptions::default()
            },
            strict,
        ),
        Command::Serve {
            root,
            bind,
            port,
            open,
        } => serve(ServeOptions {
            root,
            bind,
            port,
            open,
        }),
        Command::Import {
            files,
            root,
            category,
            author,
            date,
            slug,
            draft,
        } => import(
            &root,
            &tuyenvan::import::ImportOptions {
                files,
                category,
                author,
                date,
                slug,
                draft,
            },
        ),
    }
}

/// `import`: prints each article written, the notes, then every error (exit 1 if any).
fn import(root: &Path, options: &tuyenvan::import::ImportOptions) -> ExitCode {
    let report = tuyenvan::import::run(root, options);
    for note in &report.notes {
        eprintln!("lưu ý: {note}");
    }
    for rel in &report.written {
        let path = root.join(rel);
        println!("{}", path.strip_prefix(".").unwrap_or(&path).display());
    }
    if report.errors.is_empty() {
        return ExitCode::SUCCESS;
    }
    print_diagnostics(root, &report.errors, &[]);
    ExitCode::from(1)
}

fn serve(options: ServeOptions) -> ExitCode {
    match tuyenvan::serve::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}

/// Prints every error and warning of a run to stderr, like a compiler, then their count.
fn print_diagnostics(root: &Path, errors: &[Diagnostic], warnings: &[Diagnostic]) {
    let color = diagnostics::use_color(
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    let source = |path: &Path| tuyenvan::load::diagnostic_source(root, path);
    eprintln!(
        "{}",
        diagnostics::render_all(errors, warnings, &source, color)
    );
}

fn build(options: BuildOptions) -> ExitCode {
    let bar = ProgressBar::for_stderr();
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &NoProgress,
    };
    let result = pipeline::build_with(&options, progress);
    if let Some(bar) = bar {
        bar.bar.finish_and_clear();
    }
    match result {
        Ok(report) => {
            for held in &report.held_back {
                let why = match held.reason {
                    HeldReason::Draft => "draft (publish with --drafts)",
                    HeldReason::Scheduled => "scheduled (publish now with --future)",
                };
                eprintln!(
                    "held back: {} ({}), {}: {}",
                    held.source.display(),
                    held.date,
                    why,
                    held.title
                );
            }
            let drafts = report
                .held_back
                .iter()
                .filter(|h| h.reason == HeldReason::Draft)
                .count();
            println!(
                "Built {} articles, {} pages, {} files ({} written, {} unchanged, {} removed), {} held back ({} drafts, {} scheduled) in {} ms",
                report.articles,
                report.pages,
                report.files,
                report.write.written,
                report.write.unchanged,
                report.write.removed,
                report.held_back.len(),
                drafts,
                report.held_back.len() - drafts,
                report.elapsed.as_millis()
            );
            let images = report.images;
            if images.photos > 0 {
                println!(
                    "Photos: {} ({} processed, {} from the cache), {} resized copies",
                    images.photos, images.processed, images.cached, images.copies
                );
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            print_diagnostics(&options.root, &errors.0, &[]);
            eprintln!("The site was not built; the previous output is unchanged.");
            ExitCode::from(1)
        }
    }
}

fn new(root: &Path, request: NewArticle) -> ExitCode {
    match pipeline::new_article(root, &request) {
        Ok(scaffold) => {
            for note in &scaffold.notes {
                eprintln!("note: {note}");
            }
            let path = root.join(&scaffold.rel_path);
            let shown = path.strip_prefix(".").unwrap_or(&path);
            println!("{}", shown.display());
            ExitCode::SUCCESS
        }
        Err(errors) => {
            print_diagnostics(root, &errors.0, &[]);
            ExitCode::from(1)
        }
    }
}

fn check(options: BuildOptions, strict: bool) -> ExitCode {
    let report = pipeline::check(&options);
    if report.errors.is_empty() && report.warnings.is_empty() {
        println!(
            "Checked {} articles and {} pages: no problems found",
            report.articles, report.pages
        );
        return ExitCode::SUCCESS;
    }
    print_diagnostics(&options.root, &report.errors, &report.warnings);
    if !report.errors.is_empty() || strict {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The build's progress bar: on a terminal only, and shown only once the build has taken
/// more than a moment, so quick builds print just their summary line.
struct ProgressBar {
    bar: indicatif::ProgressBar,
    started: Instant,
    shown: AtomicBool,
}

impl ProgressBar {
    const DELAY: Duration = Duration::from_millis(300);

    fn for_stderr() -> Option<Self> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = indicatif::ProgressBar::hidden();
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} {msg:10} [{bar:30}] {pos}/{len} ({elapsed})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        Some(ProgressBar {
            bar,
            started: Instant::now(),
            shown: AtomicBool::new(false),
        })
    }

    fn show_if_slow(&self) {
        if self.started.elapsed() > Self::DELAY && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
            self.bar.enable_steady_tick(Duration::from_millis(120));
        }
    }
}

impl Progress for ProgressBar {
    fn stage(&self, name: &str, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
        self.bar.set_message(name.to_string());
        self.show_if_slow();
    }

    fn step(&self) {
        self.bar.inc(1);
        self.show_if_slow();
    }
}
