//! `tracker completions`: a completion script for bash, zsh, fish, elvish or PowerShell.

use anyhow::Result;
use clap::CommandFactory;
use clap::builder::PossibleValuesParser;

use crate::cli::{Cli, Completions};
use crate::output::print;

pub fn run(args: &Completions) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command(), "tracker", &mut script);
    Ok(print(&String::from_utf8_lossy(&script))?)
}

/// The command line as the completion scripts see it: `config get|set|unset` complete the configuration's keys.
/// (The parser itself takes any text there, so an unknown key gets tracker's own message listing the keys.)
fn command() -> clap::Command {
    let keys: Vec<&'static str> = crate::config::KEYS.iter().map(|k| k.name).collect();
    Cli::command().mut_subcommand("config", |config| {
        ["get", "set", "unset"].into_iter().fold(config, |config, action| {
            config.mut_subcommand(action, |c| {
                c.mut_arg("key", |a| a.value_parser(PossibleValuesParser::new(keys.clone())))
            })
        })
    })
}
