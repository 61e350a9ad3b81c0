//! The follow-up commands' arguments: due, followup, dismiss, snooze, reply, templates.

use clap::{Args, Subcommand};

use super::JsonFlag;
use crate::model::FollowupKind;

#[derive(Debug, Args)]
pub struct Due {
    /// Days after a rejection before its follow-up is due [default: config followup.after_days, 2]
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
    /// Also list rejections that are waiting (with the day they become due) or snoozed (with the day they wake)
    #[arg(long)]
    pub all: bool,
    /// Also list rejections too old to follow up on (missed); implies --all
    #[arg(long)]
    pub missed: bool,
    /// Raise a desktop notification for each due follow-up (at most once a day per application)
    #[arg(long)]
    pub notify: bool,
    /// Print nothing (for cron with --notify)
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// How to print a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DraftFormat {
    /// Subject and body as plain text
    Text,
    /// An RFC 5322 message your mail client opens as a draft (save as .eml)
    Eml,
    /// A mailto: link
    Mailto,
}

#[derive(Debug, Args)]
pub struct Followup {
    /// The application's id (see: tracker due)
    pub id: i64,
    /// Which email [default: config followup.kind, combined]
    #[arg(long, value_enum)]
    pub kind: Option<FollowupKind>,
    /// How to print it
    #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
    pub format: DraftFormat,
    /// Record that you sent the follow-up (no more reminders) instead of printing it
    #[arg(long)]
    pub sent: bool,
    /// Put the draft (the --format eml message) into your IMAP Drafts folder instead of printing it
    #[arg(long, conflicts_with_all = ["sent", "format"])]
    pub to_drafts: bool,
    /// With --sent: when you sent it
    #[arg(long, value_name = "DATE", requires = "sent")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct Dismiss {
    /// The application's id (see: tracker due)
    pub id: i64,
    /// Why (kept in the timeline)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct Snooze {
    /// The application's id (see: tracker due)
    pub id: i64,
    /// Hide the reminder until this day: YYYY-MM-DD, tomorrow, "in 3 days" (at the latest the last day it is due)
    #[arg(long, value_name = "DATE")]
    pub until: String,
}

#[derive(Debug, Args)]
pub struct Reply {
    /// The application's id (see: tracker list)
    pub id: i64,
    /// What they said
    pub text: String,
    /// When they answered
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub on: String,
}

#[derive(Debug, Args)]
pub struct Templates {
    #[command(subcommand)]
    pub action: TemplatesAction,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesAction {
    /// List the follow-up templates and where each comes from
    List,
    /// Print a template's source (copy it into the templates folder to make your own)
    Show {
        /// feedback, network or combined
        #[arg(value_enum)]
        kind: FollowupKind,
    },
    /// Print the folder custom templates are read from
    Path,
}
