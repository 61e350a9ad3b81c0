//! tracker: a local-first job-application tracker that reminds you to follow up on rejections.

pub mod cli;
pub mod clock;
mod cmd;
pub mod config;
pub mod dates;
mod editor;
pub mod interop;
pub mod json;
pub mod lint;
pub mod mail;
pub mod model;
pub mod notify;
pub mod output;
mod private;
pub mod stats;
pub mod store;
pub mod template;
pub mod text;

use std::io::ErrorKind;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Parser;

use crate::cli::{Cli, Command};
use crate::clock::Clock;
use crate::config::Config;
use crate::output::Style;
use crate::store::Store;

/// An error that ends the run with a particular exit code (documented in the README).
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// Where tracker keeps its files for this run.
#[derive(Debug, Clone)]
pub struct Paths {
    pub db: PathBuf,
    pub config: PathBuf,
}

impl Paths {
    fn resolve(cli: &Cli) -> Result<Paths> {
        let dirs = || {
            directories::ProjectDirs::from("", "", "tracker")
                .context("cannot find your home folder; set TRACKER_DB and TRACKER_CONFIG")
        };
        let db = match &cli.db {
            Some(path) => path.clone(),
            None => dirs()?.data_dir().join("tracker.db"),
        };
        let config = match &cli.config {
            Some(path) => path.clone(),
            None => dirs()?.config_dir().join("config.toml"),
        };
        Ok(Paths { db, config })
    }

    /// The user's own mail recognition rules, added to the built-in ones, beside the configuration file.
    pub fn mail_rules(&self) -> PathBuf {
        self.config
            .parent()
            .map_or_else(|| PathBuf::from("mail-rules.toml"), |dir| dir.join("mail-rules.toml"))
    }

    /// The user's own phrasings for `tracker lint`, added to the built-in ones, beside the configuration file.
    pub fn lint_phrases(&self) -> PathBuf {
        self.config.parent().map_or_else(
            || PathBuf::from("lint-phrases.toml"),
            |dir| dir.join("lint-phrases.toml"),
        )
    }

    /// Custom follow-up templates live beside the configuration file.
    pub fn templates(&self) -> PathBuf {
        self.config
            .parent()
            .map_or_else(|| PathBuf::from("templates"), |dir| dir.join("templates"))
    }
}

/// What every command that reads or writes applications receives.
pub struct Ctx {
    pub store: Store,
    pub clock: Clock,
    pub config: Config,
    pub style: Style,
    pub paths: Paths,
}

/// Runs tracker with the process's arguments and environment; returns the exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    match dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error),
    }
}

fn dispatch(cli: Cli) -> Result<()> {
    let clock = Clock::read()?;
    let style = Style::new(cli.color);
    let paths = Paths::resolve(&cli)?;
    // Commands that need no database.
    match &cli.command {
        Command::Config(args) => return cmd::config::run(&paths, args),
        Command::Completions(args) => return cmd::completions::run(args),
        Command::Templates(args) => return cmd::templates::run(&paths, args),
        Command::Lint(args) => return cmd::lint::run(&paths, args),
        Command::Demo(_) => return cmd::demo::run(clock, style, &paths),
        _ => {}
    }
    let config = Config::load(&paths.config)?;
    private::warn_if_shared(&paths.db);
    let store = Store::open(&paths.db, cmd::access(&cli.command))?;
    let mut ctx = Ctx {
        store,
        clock,
        config,
        style,
        paths,
    };
    cmd::run(&mut ctx, cli.command)
}

/// Clap's errors, cut to one line (help and version are printed whole).
fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind as Kind;
    if matches!(
        error.kind(),
        Kind::DisplayHelp | Kind::DisplayVersion | Kind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = error.print();
        return if error.use_stderr() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    // The first paragraph, on one line: "error: the following required arguments were not provided:" is
    // followed by the arguments on the next lines.
    let rendered = error.render().to_string();
    let paragraph: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty() && !l.starts_with("Usage:"))
        .collect();
    // Clap's "did you mean" tips follow in their own paragraph: they join the one line.
    let tips: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("tip: a similar") || l.starts_with("tip: some similar"))
        .collect();
    let mut joined = paragraph.join(" ");
    for tip in tips {
        joined.push_str("; ");
        joined.push_str(tip.strip_prefix("tip: ").unwrap_or(tip));
    }
    let message = joined.strip_prefix("error: ").unwrap_or(&joined);
    let message = if message.is_empty() {
        "invalid arguments"
    } else {
        message
    };
    let words: Vec<String> = std::env::args().skip(1).take_while(|a| !a.starts_with('-')).collect();
    let path = Cli::command_path(&words);
    let help = if path.is_empty() {
        "tracker --help".to_owned()
    } else {
        format!("tracker {} --help", path.join(" "))
    };
    // The message quotes what was typed, which may hold anything: it is escaped like all other text.
    output::say(&format!("tracker: {} (see: {help})", output::inert(message)));
    ExitCode::from(2)
}

impl Cli {
    /// The longest run of `words` that names a command and its subcommands (`mail show` for `mail show abc`).
    fn command_path(words: &[String]) -> Vec<String> {
        use clap::CommandFactory;
        let mut command = Cli::command();
        let mut path = Vec::new();
        for word in words {
            let Some(sub) = command.find_subcommand(word).cloned() else {
                break;
            };
            path.push(sub.get_name().to_owned());
            command = sub;
        }
        path
    }
}

/// Prints an error once, with its causes, and picks the exit code. A closed stdout is not an error.
fn report(error: &anyhow::Error) -> ExitCode {
    let broken_pipe = error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == ErrorKind::BrokenPipe)
    });
    if broken_pipe {
        return ExitCode::SUCCESS;
    }
    let disk_full = error.chain().any(|cause| {
        matches!(cause.downcast_ref::<rusqlite::Error>(), Some(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DiskFull)
    });
    if disk_full {
        output::say(
            "tracker: the disk holding the database is full, so nothing was changed (free some space and try again)",
        );
        return ExitCode::FAILURE;
    }
    output::say(&format!("tracker: {}", output::inert(&format!("{error:#}"))));
    let code = error
        .chain()
        .find_map(|cause| cause.downcast_ref::<Failure>())
        .map_or(1, |f| f.code);
    ExitCode::from(code)
}
