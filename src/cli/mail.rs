//! The arguments of `tracker mail`: scan, list, show, accept, drop.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::JsonFlag;

#[derive(Debug, Args)]
pub struct Mail {
    #[command(subcommand)]
    pub action: MailAction,
}

#[derive(Debug, Subcommand)]
pub enum MailAction {
    /// Read your mail (never changing it) and propose the changes it means
    Scan(MailScan),
    /// The proposals waiting for review, oldest message first
    List(MailList),
    /// One proposal with everything known about it
    Show(MailShow),
    /// Apply proposals to your applications
    Accept(MailAccept),
    /// Discard proposals; their messages are never proposed again
    Drop(MailDrop),
}

#[derive(Debug, Args)]
pub struct MailScan {
    /// Read the IMAP server (config mail.imap.*): the folders in mail.imap.folders and the Sent folder
    #[arg(long, conflicts_with_all = ["maildir", "mbox"])]
    pub imap: bool,
    /// A Maildir folder to read (repeatable) [default: config mail.maildir]
    #[arg(long, value_name = "DIR")]
    pub maildir: Vec<PathBuf>,
    /// An mbox file to read (repeatable) [default: config mail.mbox]
    #[arg(long, value_name = "FILE")]
    pub mbox: Vec<PathBuf>,
    /// Ignore messages dated before this day
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Apply at once the proposals that are certain (config mail.auto_threshold) and match one application
    #[arg(long)]
    pub auto: bool,
    /// Print nothing on success (for cron)
    #[arg(long, short, conflicts_with = "json")]
    pub quiet: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct MailList {
    /// Also list accepted and dropped proposals
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct MailShow {
    /// The proposal's id (see: tracker mail list)
    pub id: i64,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Args)]
pub struct MailAccept {
    /// The proposals' ids (see: tracker mail list)
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub ids: Vec<i64>,
    /// Every pending proposal
    #[arg(long)]
    pub all: bool,
    /// The application to apply it to (for an ambiguous or unmatched proposal)
    #[arg(long, value_name = "ID")]
    pub app: Option<i64>,
    /// The day to record instead of the message's day
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
}

#[derive(Debug, Args)]
pub struct MailDrop {
    /// The proposals' ids (see: tracker mail list)
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub ids: Vec<i64>,
    /// Every pending proposal
    #[arg(long)]
    pub all: bool,
}
