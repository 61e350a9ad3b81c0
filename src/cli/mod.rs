//! Every command-line type, and nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::model::Status;
use crate::output::ColorChoice;

mod followup;
mod interop;
mod mail;
mod stats;

pub use followup::{
    Dismiss, DraftFormat, Due, DueKindArg, Followup, Interview, Lint, Reply, Snooze, Templates, TemplatesAction,
    Upcoming,
};
pub use interop::{Calendar, Export, ExportFormat, Import, ImportFormat, OnDuplicate};
pub use mail::{Mail, MailAccept, MailAction, MailDrop, MailList, MailScan, MailShow};
pub use stats::{ByArg, Feedback, SortArg, Stats, Undo};

/// Track job applications, and never forget to follow up on a rejection.
///
/// tracker keeps your applications and their whole history in a local SQLite database. Once you record a
/// rejection, `tracker due` (run it from cron) reminds you to send a short, gracious follow-up, and
/// `tracker followup ID` prints that email, filled in.
#[derive(Debug, Parser)]
#[command(name = "tracker", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// The database file [default: the platform data folder, e.g. ~/.local/share/tracker/tracker.db]
    #[arg(long, global = true, env = "TRACKER_DB", value_name = "PATH", hide_env_values = true)]
    pub db: Option<PathBuf>,

    /// The configuration file [default: e.g. ~/.config/tracker/config.toml]
    #[arg(
        long,
        global = true,
        env = "TRACKER_CONFIG",
        value_name = "PATH",
        hide_env_values = true
    )]
    pub config: Option<PathBuf>,

    /// When to use colour (auto: when stdout is a terminal and NO_COLOR is unset)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Record a new application
    Add(Add),
    /// List applications, most recently changed first
    #[command(visible_alias = "ls")]
    List(List),
    /// Show one application with its whole timeline
    Show(Show),
    /// Record a rejection (starts the follow-up reminders)
    Reject(Change),
    /// Record a status change: saved, applied, interviewing, offer, accepted, rejected, withdrawn, ghosted
    Status(StatusChange),
    /// Record an interview, past or planned, with its time and interviewers (status interviewing)
    Interview(Interview),
    /// List the interviews ahead
    Upcoming(Upcoming),
    /// Record an offer (status offer)
    Offer(Change),
    /// Record that you accepted the offer (status accepted)
    Accept(Change),
    /// Record that you withdrew (status withdrawn)
    Withdraw(Change),
    /// Record that the employer stopped answering (status ghosted)
    Ghost(Change),
    /// Add a dated note to an application's timeline
    Note(Note),
    /// Change an application's details (company, contact, tags...)
    Edit(Edit),
    /// Delete applications and their history
    #[command(visible_alias = "remove")]
    Rm(Remove),
    /// Remove the newest event of an application (a mistaken status, say)
    Undo(Undo),
    /// The search in numbers: funnel, rates, timings, follow-ups; or as a Sankey diagram
    Stats(Stats),
    /// Every answer you recorded, newest first: what to reread before the next application
    Feedback(Feedback),
    /// Write every application with its history as JSON, or as CSV for spreadsheets
    Export(Export),
    /// Read applications from tracker's export, LinkedIn, JobSync, Simplify or a spreadsheet
    Import(Import),
    /// Keep a calendar folder (vdir) in sync with interviews and the follow-ups due or coming (run it from cron)
    Calendar(Calendar),
    /// List the follow-ups that are due: rejections, check-ins, thank-you notes (run it from cron with --notify)
    Due(Due),
    /// Print the follow-up email that is due, or record that you sent it
    Followup(Followup),
    /// Stop the reminders for a rejection without sending a follow-up
    Dismiss(Dismiss),
    /// Hide a rejection's reminder until a later day
    Snooze(Snooze),
    /// Record the hiring manager's answer
    Reply(Reply),
    /// The follow-up email templates
    Templates(Templates),
    /// Check an email for the things a follow-up should never say
    Lint(Lint),
    /// Read your mail to find confirmations, rejections, interviews, offers and replies, and review them
    Mail(Mail),
    /// Copy the database safely, even while tracker runs elsewhere
    Backup(Backup),
    /// Check the database: integrity, foreign keys, history, schema objects, values, schema version, counts
    Check(Check),
    /// Read or change settings
    Config(Config),
    /// Walk through tracker on a throwaway database
    Demo(Demo),
    /// Print a shell completion script
    Completions(Completions),
}

/// Options of commands that can print JSON.
#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// Details of an application, for `add` and `edit`.
#[derive(Debug, Args, Default)]
pub struct Details {
    /// The job posting's address
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Where the job is (city, remote...)
    #[arg(long, value_name = "TEXT")]
    pub location: Option<String>,
    /// Where you found it (referral, job board...)
    #[arg(long, value_name = "TEXT")]
    pub source: Option<String>,
    /// Salary or range, as free text
    #[arg(long, value_name = "TEXT")]
    pub salary: Option<String>,
    /// Free-form notes about the application
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// The hiring contact's name
    #[arg(long, value_name = "NAME")]
    pub contact: Option<String>,
    /// The hiring contact's email address
    #[arg(long, value_name = "EMAIL")]
    pub email: Option<String>,
    /// How to address the contact in an email, e.g. "Ms. Rivera"
    #[arg(long, value_name = "TEXT")]
    pub salutation: Option<String>,
}

#[derive(Debug, Args)]
pub struct Add {
    /// The company
    pub company: String,
    /// The position applied for
    pub position: String,
    #[command(flatten)]
    pub details: Details,
    /// A tag (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// The starting status
    #[arg(long, value_enum, ignore_case = true, default_value_t = Status::Applied)]
    pub status: Status,
    /// When it happened: YYYY-MM-DD, today, yesterday, "3 days ago"
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub on: String,
    /// A note on the first event
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Add even if an open application for the same company and position exists
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct List {
    /// Only applications with this status (repeat for several)
    #[arg(long, value_enum, ignore_case = true, value_name = "STATUS")]
    pub status: Vec<Status>,
    /// Only applications with this tag (repeat: all must match)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Only applications whose company, position, notes, contact or location contain this text (case and
    /// accents ignored)
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only open applications: saved, applied, interviewing, offer
    #[arg(long)]
    pub open: bool,
    /// Only applications sent on or after this day: YYYY-MM-DD, "2 weeks ago", "last monday"
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// The order
    #[arg(long, value_enum, default_value_t = SortArg::Changed, value_name = "ORDER")]
    pub sort: SortArg,
    /// At most this many applications
    #[arg(long, short = 'n', value_name = "N")]
    pub limit: Option<u64>,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct Show {
    /// The application's id (see: tracker list)
    pub id: i64,
    #[command(flatten)]
    pub json: JsonFlag,
}

/// A status change whose new status the command names.
#[derive(Debug, Args)]
pub struct Change {
    /// The application's id (see: tracker list)
    pub id: i64,
    /// When it happened: YYYY-MM-DD, today, yesterday, "3 days ago"
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub on: String,
    /// A note to keep with the change
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatusChange {
    /// The application's id (see: tracker list)
    pub id: i64,
    /// The new status
    #[arg(value_enum, ignore_case = true)]
    pub status: Status,
    /// When it happened: YYYY-MM-DD, today, yesterday, "3 days ago"
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub on: String,
    /// A note to keep with the change
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct Note {
    /// The application's id (see: tracker list)
    pub id: i64,
    /// The note
    pub text: String,
    /// When it happened: YYYY-MM-DD, today, yesterday, "3 days ago"
    #[arg(long, value_name = "DATE", default_value = "today")]
    pub on: String,
}

#[derive(Debug, Args)]
pub struct Edit {
    /// The application's id (see: tracker list)
    pub id: i64,
    /// A new company name
    #[arg(long, value_name = "TEXT")]
    pub company: Option<String>,
    /// A new position
    #[arg(long, value_name = "TEXT")]
    pub position: Option<String>,
    #[command(flatten)]
    pub details: Details,
    /// Add a tag (repeat for more)
    #[arg(long = "tag", value_name = "TAG")]
    pub add_tags: Vec<String>,
    /// Remove a tag (repeat for more)
    #[arg(long = "untag", value_name = "TAG")]
    pub remove_tags: Vec<String>,
    /// Clear a field: url, location, source, salary, notes, contact, email, salutation, tags
    #[arg(long, value_name = "FIELD", value_parser = clap::builder::PossibleValuesParser::new(CLEARABLE))]
    pub clear: Vec<String>,
    /// Open the notes in $VISUAL / $EDITOR
    #[arg(long, conflicts_with = "notes")]
    pub edit_notes: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct Remove {
    /// The applications' ids (see: tracker list)
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
    /// Really delete them (there is no undo)
    #[arg(long)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct Config {
    #[command(subcommand)]
    pub action: ConfigAction,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print a setting's value (its default when unset)
    Get {
        /// The key, e.g. user.name
        key: String,
    },
    /// Change a setting
    Set {
        /// The key, e.g. followup.after_days
        key: String,
        /// The new value (several for a list, such as mail.maildir)
        #[arg(allow_hyphen_values = true, required = true, num_args = 1..)]
        value: Vec<String>,
    },
    /// Remove a setting (back to its default)
    Unset {
        /// The key
        key: String,
    },
    /// Print every setting
    List(JsonFlag),
    /// Print the configuration file's path
    Path,
}

/// The fields `edit --clear` takes.
pub const CLEARABLE: [&str; 9] = [
    "url",
    "location",
    "source",
    "salary",
    "notes",
    "contact",
    "email",
    "salutation",
    "tags",
];

#[derive(Debug, Args)]
pub struct Demo {}

#[derive(Debug, Args)]
pub struct Completions {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct Backup {
    /// The file to write (private to you: mode 0600)
    pub path: PathBuf,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct Check {
    #[command(flatten)]
    pub json: JsonFlag,
}
