//! The CLI edge: parses arguments, runs one command of the library, prints the summary or
//! every error, and sets the exit status (0 success, 1 site errors, 2 usage errors).

use clap::Parser;
use std::process::ExitCode;
use tuyenvan::cli::{Cli, Command};
use tuyenvan::pipeline::{self, BuildOptions};
use tuyenvan::serve::ServeOptions;
use tuyenvan::site::{HeldReason, Visibility};

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
        }),
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
    }
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

fn build(options: BuildOptions) -> ExitCode {
    match pipeline::build(&options) {
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
            println!(
                "Built {} articles, {} pages, {} files ({} written, {} unchanged, {} removed), {} held back in {} ms",
                report.articles,
                report.pages,
                report.files,
                report.write.written,
                report.write.unchanged,
                report.write.removed,
                report.held_back.len(),
                report.elapsed.as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprintln!("{errors}");
            eprintln!("The site was not built; the previous output is unchanged.");
            ExitCode::from(1)
        }
    }
}
