//! `tracker completions`: a completion script for bash, zsh, fish, elvish or PowerShell.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::{Cli, Completions};
use crate::output::print;

pub fn run(args: &Completions) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "tracker", &mut script);
    Ok(print(&String::from_utf8_lossy(&script))?)
}
