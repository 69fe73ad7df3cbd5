//! The CLI edge: parses arguments, runs one command of the library, prints the summary or
//! every error, and sets the exit status (0 success, 1 site errors, 2 usage errors).

use clap::FromArgMatches;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tuyenvan::cli::{Cli, Command};
use tuyenvan::diagnostics;
use tuyenvan::error::Diagnostic;
use tuyenvan::i18n::{self, Lang};
use tuyenvan::pipeline::{self, BuildOptions, BuildReport, NoProgress, Progress};
use tuyenvan::scaffold::NewArticle;
use tuyenvan::serve::ServeOptions;
use tuyenvan::site::{HeldReason, Visibility};
use tuyenvan::tr;

// A build makes millions of small allocations (template values, strings) across threads;
// glibc's malloc spent a tenth of the build's CPU time on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let flag = i18n::flag_in_args(&args);
    i18n::set(Lang::choose(flag.as_deref(), &|name| {
        std::env::var(name).ok()
    }));
    match tuyenvan::cli_text::command()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => {
            // A build or check runs through its memory once; `serve` stays up, where large
            // pages held pages longer and made a save's answer wait on page faults.
            if matches!(cli.command, Command::Build { .. } | Command::Check { .. }) {
                tuyenvan::memory::prefer_large_pages();
                tuyenvan::memory::purge_at_stage_ends();
            }
            let code = run(cli.command);
            tuyenvan::memory::stop_purging();
            code
        }
        Err(e) => {
            let e = e.apply::<tuyenvan::cli_text::Localized>();
            let _ = e.print();
            ExitCode::from(if e.use_stderr() { 2 } else { 0 })
        }
    }
}

/// Runs one command of the library.
fn run(command: Command) -> ExitCode {
    match command {
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
        Command::Init { folder } => init(&folder),
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
        eprintln!("{}: {note}", tr!("label-notice"));
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
            print_report(&report);
            ExitCode::SUCCESS
        }
        Err(errors) => {
            print_diagnostics(&options.root, &errors.0, &[]);
            eprintln!("{}", tr!("build-failed"));
            ExitCode::from(1)
        }
    }
}

/// The build's summary: held-back articles (stderr), then the counts (stdout).
fn print_report(report: &BuildReport) {
    for held in &report.held_back {
        let why = match held.reason {
            HeldReason::Draft => tr!("held-draft"),
            HeldReason::Scheduled => tr!("held-scheduled"),
        };
        let line = tr!(
            "held-back",
            file = held.source.display().to_string(),
            date = held.date.to_string(),
            why = why,
            title = held.title.as_str()
        );
        eprintln!("{line}");
    }
    let drafts = report
        .held_back
        .iter()
        .filter(|h| h.reason == HeldReason::Draft)
        .count();
    let summary = tr!(
        "build-summary",
        articles = report.articles,
        pages = report.pages,
        files = report.files,
        written = report.write.written,
        unchanged = report.write.unchanged,
        removed = report.write.removed,
        held = report.held_back.len(),
        drafts = drafts,
        scheduled = report.held_back.len() - drafts,
        ms = report.elapsed.as_millis() as u64
    );
    println!("{summary}");
    let images = report.images;
    if images.photos > 0 {
        let photos = tr!(
            "photos-summary",
            photos = images.photos,
            processed = images.processed,
            cached = images.cached,
            copies = images.copies
        );
        println!("{photos}");
    }
}

fn new(root: &Path, request: NewArticle) -> ExitCode {
    match pipeline::new_article(root, &request) {
        Ok(scaffold) => {
            for note in &scaffold.notes {
                eprintln!("{}: {note}", tr!("label-note"));
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

fn init(folder: &Path) -> ExitCode {
    let today = chrono::Utc::now().with_timezone(&chrono_tz::Asia::Ho_Chi_Minh);
    match tuyenvan::init::create(folder, &tuyenvan::init::files(today)) {
        Ok(written) => {
            for rel in written {
                println!("{}", folder.join(rel).display());
            }
            println!("{}", tr!("init-done", dir = folder.display().to_string()));
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_diagnostics(folder, &[error], &[]);
            ExitCode::from(1)
        }
    }
}

fn check(options: BuildOptions, strict: bool) -> ExitCode {
    let report = pipeline::check(&options);
    for held in &report.held {
        let line = tr!(
            "check-held",
            state = tuyenvan::unpublished::state(held),
            file = held.source.display().to_string()
        );
        println!("{line}");
    }
    if report.errors.is_empty() && report.warnings.is_empty() {
        let line = tr!(
            "check-clean",
            articles = report.articles,
            pages = report.pages
        );
        println!("{line}");
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
        // The pipeline names its stages in English; the bar shows them in the run's language.
        let shown = i18n::lookup(&format!("stage-{name}")).unwrap_or_else(|| name.to_string());
        self.bar.set_message(shown);
        self.show_if_slow();
    }

    fn step(&self) {
        self.bar.inc(1);
        self.show_if_slow();
    }
}
