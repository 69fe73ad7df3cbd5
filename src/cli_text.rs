//! clap's help and errors in the run's language: every about, help line, heading and value
//! name of the derive types in `cli.rs` comes from the message files, and so do clap's errors.
//!
//! Texts are looked up by the names clap gives them (`cli-<command>-about`,
//! `cli-<command>-<arg>`, else `cli-arg-<arg>`); a command or option without a message keeps
//! the English of its doc comment, so a new one still works before it is translated.

use crate::cli::Cli;
use crate::i18n::lookup;
use crate::tr;
use clap::builder::StyledStr;
use clap::error::{ContextKind, ErrorFormatter, ErrorKind};
use clap::{Arg, Command, CommandFactory};

/// The command line with every text in the run's language.
pub fn command() -> Command {
    let mut cmd = Cli::command();
    // Building first makes clap add what it generates (help, version, the `help` command)
    // and give each command its full name, so that those are translated too.
    cmd.build();
    localize(cmd, true)
}

fn localize(mut cmd: Command, root: bool) -> Command {
    let name = cmd.get_name().to_string();
    let prefix = if root {
        "cli".to_string()
    } else {
        format!("cli-{name}")
    };
    if let Some(about) = lookup(&format!("{prefix}-about")) {
        cmd = cmd.about(about);
    }
    if let Some(after) = lookup(&format!("{prefix}-after-help")) {
        cmd = cmd.after_help(after);
    }
    let args: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in args {
        cmd = cmd.mut_arg(id.as_str(), |arg| localize_arg(arg, &name));
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for sub in subcommands {
        cmd = cmd.mut_subcommand(sub.as_str(), |s| localize(s, false));
    }
    let usage = usage(&mut cmd);
    cmd.subcommand_help_heading(tr!("cli-heading-commands"))
        .subcommand_value_name(tr!("cli-value-subcommand"))
        .override_usage(usage)
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            tr!("cli-usage")
        ))
}

/// clap's usage line without its English title and with `[OPTIONS]` translated.
fn usage(cmd: &mut Command) -> String {
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .split_once(':')
        .map_or(usage.as_str(), |(_, u)| u.trim());
    usage
        .replace("[OPTIONS]", &tr!("cli-placeholder-options"))
        .replace("<COMMAND>", &format!("<{}>", tr!("cli-value-subcommand")))
        .replace("[COMMAND]", &format!("[{}]", tr!("cli-value-subcommand")))
}

fn localize_arg(arg: Arg, command: &str) -> Arg {
    let id = arg.get_id().to_string();
    let help = lookup(&format!("cli-{command}-{id}")).or_else(|| lookup(&format!("cli-arg-{id}")));
    let heading = if arg.is_positional() {
        tr!("cli-heading-arguments")
    } else {
        tr!("cli-heading-options")
    };
    let mut arg = arg.help_heading(heading);
    if let Some(help) = help {
        // The translated help names the default and the values itself, in its own words.
        arg = arg
            .help(help)
            .hide_default_value(true)
            .hide_possible_values(true);
    }
    if arg.get_action().takes_values() {
        if let Some(name) = lookup(&format!("cli-value-{id}")) {
            arg = arg.value_name(name);
        }
    }
    arg
}

/// clap's errors in the run's language, with the labels of every other diagnostic.
pub struct Localized;

impl ErrorFormatter for Localized {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let mut out = format!("{}: {}\n", tr!("label-error"), message(error));
        let suggestion = [
            ContextKind::SuggestedSubcommand,
            ContextKind::SuggestedArg,
            ContextKind::SuggestedValue,
        ]
        .into_iter()
        .find_map(|kind| error.get(kind));
        if let Some(value) = suggestion {
            let text = tr!("clap-did-you-mean", value = value.to_string());
            out.push_str(&format!("\n  {}: {text}\n", tr!("label-help")));
        } else if let Some(values) = error.get(ContextKind::ValidValue) {
            let text = tr!("clap-possible-values", values = values.to_string());
            out.push_str(&format!("\n  {}: {text}\n", tr!("label-help")));
        }
        if let Some(usage) = error.get(ContextKind::Usage) {
            let usage = usage.to_string();
            let usage = usage
                .split_once(':')
                .map_or(usage.as_str(), |(_, u)| u.trim());
            out.push_str(&format!("\n{} {usage}\n", tr!("cli-usage")));
        }
        out.push_str(&format!(
            "\n{}\n",
            tr!("clap-more-help", command = "tuyenvan")
        ));
        StyledStr::from(out)
    }
}

/// The first line of a clap error, from the context clap gives.
fn message(error: &clap::error::Error<Localized>) -> String {
    let get = |kind| error.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let arg = || get(ContextKind::InvalidArg);
    match error.kind() {
        ErrorKind::UnknownArgument => tr!("clap-unknown-argument", arg = arg()),
        ErrorKind::InvalidSubcommand => {
            tr!(
                "clap-unknown-command",
                arg = get(ContextKind::InvalidSubcommand)
            )
        }
        // clap reports `--lang` with nothing after it as an empty invalid value.
        ErrorKind::InvalidValue if get(ContextKind::InvalidValue).is_empty() => {
            tr!("clap-missing-value", arg = arg())
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => tr!(
            "clap-invalid-value",
            value = get(ContextKind::InvalidValue),
            arg = arg()
        ),
        ErrorKind::MissingRequiredArgument => tr!("clap-missing-argument", arg = arg()),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            tr!("clap-missing-command")
        }
        ErrorKind::ArgumentConflict if get(ContextKind::PriorArg) == arg() => {
            tr!("clap-repeated", arg = arg())
        }
        ErrorKind::ArgumentConflict => tr!(
            "clap-conflict",
            arg = arg(),
            value = get(ContextKind::PriorArg)
        ),
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            tr!("clap-missing-value", arg = arg())
        }
        ErrorKind::TooManyValues => tr!("clap-extra", arg = get(ContextKind::InvalidValue)),
        _ => tr!("clap-other"),
    }
}
