//! The follow-up commands' arguments: due, followup, dismiss, snooze, reply, templates.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::JsonFlag;
use crate::model::FollowupKind;
use crate::model::followup::DueKind;

/// A kind of follow-up, as `due --kind` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DueKindArg {
    /// Follow-ups to rejections
    Rejection,
    /// Status inquiries after a silence
    Checkin,
    /// Thank-you notes after interviews
    Thanks,
    /// Applications silent for so long they are probably ghosted
    #[value(name = "ghost?", alias = "ghost")]
    Ghost,
}

impl From<DueKindArg> for DueKind {
    fn from(arg: DueKindArg) -> DueKind {
        match arg {
            DueKindArg::Rejection => DueKind::Rejection,
            DueKindArg::Checkin => DueKind::Checkin,
            DueKindArg::Thanks => DueKind::Thanks,
            DueKindArg::Ghost => DueKind::Ghost,
        }
    }
}

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
    /// Only this kind of follow-up (repeat for several): rejection, checkin, thanks, ghost?
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Vec<DueKindArg>,
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
    /// Which email [default: by what is due: the rejection email of config followup.kind, checkin or thanks]
    #[arg(long, value_enum)]
    pub kind: Option<FollowupKind>,
    /// One sentence of your own to add to the draft (checked like the rest)
    #[arg(long, value_name = "TEXT", conflicts_with = "sent")]
    pub detail: Option<String>,
    /// Open the draft in $VISUAL / $EDITOR, check it, print it, and keep it for --format eml / mailto until sent
    #[arg(long, conflicts_with = "sent")]
    pub edit: bool,
    /// How to print it
    #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
    pub format: DraftFormat,
    /// Record that you sent the follow-up (no more reminders for it) instead of printing it
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
        /// feedback, network, combined, checkin or thanks
        #[arg(value_enum)]
        kind: FollowupKind,
    },
    /// Print the folder custom templates are read from
    Path,
}

#[derive(Debug, Args)]
pub struct Interview {
    /// The application's id (see: tracker list)
    pub id: i64,
    /// When the interview takes place, e.g. "2026-12-03 14:00", "tomorrow 9:30" (may be in the future)
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// Who interviews you (repeat for several)
    #[arg(long = "with", value_name = "NAME")]
    pub with: Vec<String>,
    /// The day you record it [default: today, or the interview's day when that is earlier]
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// A note to keep with the interview
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct Upcoming {
    /// How many days ahead to look
    #[arg(long, value_name = "N", default_value_t = 14)]
    pub days: u32,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct Lint {
    /// The email to check, or - for standard input
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub file: PathBuf,
    /// The most words it may have
    #[arg(long, value_name = "N", default_value_t = 150)]
    pub words: usize,
    #[command(flatten)]
    pub json: JsonFlag,
}
