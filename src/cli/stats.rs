//! The clap types of `stats`, `feedback` and `undo`, and `list`'s choices.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::JsonFlag;

/// How `stats --by` groups applications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// Where you found the job (the source field)
    Source,
    /// The month you applied
    Month,
    /// Each tag (an application counts under every tag it has)
    Tag,
}

/// The order of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum SortArg {
    /// Newest status change first
    #[default]
    Changed,
    /// Most recently applied first
    Applied,
    /// By company, A to Z
    Company,
}

#[derive(Debug, Args)]
pub struct Stats {
    /// Only applications sent on or after this day: YYYY-MM-DD, "3 weeks ago", "last monday"
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only applications sent on or before this day
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// The same numbers per source, per month applied, or per tag, as one table
    #[arg(long, value_enum, value_name = "WHAT")]
    pub by: Option<ByArg>,
    /// Print the flows in SankeyMATIC's text format (paste into sankeymatic.com)
    #[arg(long, conflicts_with_all = ["by", "json"])]
    pub sankey: bool,
    /// Write the Sankey diagram as a self-contained SVG file
    #[arg(long, value_name = "FILE", conflicts_with_all = ["by", "json", "sankey"])]
    pub svg: Option<PathBuf>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct Feedback {
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct Undo {
    /// The application's id (see: tracker list)
    pub id: i64,
    /// Remove the event without asking (otherwise tracker says what it would remove)
    #[arg(long)]
    pub yes: bool,
}
