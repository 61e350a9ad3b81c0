//! One module per subcommand.

pub mod add;
pub mod backup;
pub mod calendar;
pub mod check;
pub mod completions;
pub mod config;
pub mod demo;
pub mod dismiss;
pub mod due;
pub mod edit;
pub mod export;
pub mod feedback;
pub mod followup;
pub mod import;
pub mod interview;
pub mod lint;
pub mod list;
pub mod mail_review;
pub mod mail_scan;
pub mod note;
pub mod remove;
pub mod reply;
pub mod show;
pub mod snooze;
pub mod stats;
pub mod status;
pub mod templates;
mod to_drafts;
pub mod undo;
pub mod upcoming;

use anyhow::Result;

use crate::Ctx;
use crate::cli::{Command, MailAction};
use crate::model::Status;
use crate::store::Access;

/// What each command needs of the database, in one place: only commands that add applications create a
/// database; the others, given a path where there is none (a mistyped `--db`), say so and create nothing.
pub fn access(command: &Command) -> Access {
    match command {
        Command::Add(_) | Command::Import(_) => Access::Create,
        Command::List(_)
        | Command::Show(_)
        | Command::Export(_)
        | Command::Calendar(_)
        | Command::Backup(_)
        | Command::Check(_)
        | Command::Stats(_)
        | Command::Feedback(_)
        | Command::Upcoming(_) => Access::Read,
        Command::Due(args) if !args.notify => Access::Read,
        Command::Mail(args) => match args.action {
            MailAction::List(_) | MailAction::Show(_) => Access::Read,
            MailAction::Scan(_) | MailAction::Accept(_) | MailAction::Drop(_) => Access::Write,
        },
        // `due --notify` keeps a log of what it showed; `followup` records the kind of draft it printed.
        Command::Due(_)
        | Command::Followup(_)
        | Command::Reject(_)
        | Command::Status(_)
        | Command::Interview(_)
        | Command::Offer(_)
        | Command::Accept(_)
        | Command::Withdraw(_)
        | Command::Ghost(_)
        | Command::Note(_)
        | Command::Edit(_)
        | Command::Rm(_)
        | Command::Undo(_)
        | Command::Dismiss(_)
        | Command::Snooze(_)
        | Command::Reply(_) => Access::Write,
        // These never open the database (see `lib::dispatch`).
        Command::Config(_) | Command::Completions(_) | Command::Demo(_) | Command::Templates(_) | Command::Lint(_) => {
            Access::Read
        }
    }
}

/// Runs a command that works on the database.
pub fn run(ctx: &mut Ctx, command: Command) -> Result<()> {
    match command {
        Command::Add(args) => add::run(ctx, &args),
        Command::List(args) => list::run(ctx, &args),
        Command::Show(args) => show::run(ctx, &args),
        Command::Reject(args) => status::run(ctx, &args, Status::Rejected),
        Command::Status(args) => status::run_any(ctx, &args),
        Command::Interview(args) => interview::run(ctx, &args),
        Command::Upcoming(args) => upcoming::run(ctx, &args),
        Command::Offer(args) => status::run(ctx, &args, Status::Offer),
        Command::Accept(args) => status::run(ctx, &args, Status::Accepted),
        Command::Withdraw(args) => status::run(ctx, &args, Status::Withdrawn),
        Command::Ghost(args) => status::run(ctx, &args, Status::Ghosted),
        Command::Note(args) => note::run(ctx, &args),
        Command::Edit(args) => edit::run(ctx, &args),
        Command::Rm(args) => remove::run(ctx, &args),
        Command::Undo(args) => undo::run(ctx, &args),
        Command::Stats(args) => stats::run(ctx, &args),
        Command::Feedback(args) => feedback::run(ctx, &args),
        Command::Export(args) => export::run(ctx, &args),
        Command::Import(args) => import::run(ctx, &args),
        Command::Calendar(args) => calendar::run(ctx, &args),
        Command::Backup(args) => backup::run(ctx, &args),
        Command::Check(args) => check::run(ctx, &args),
        Command::Due(args) => due::run(ctx, &args),
        Command::Followup(args) => followup::run(ctx, &args),
        Command::Dismiss(args) => dismiss::run(ctx, &args),
        Command::Snooze(args) => snooze::run(ctx, &args),
        Command::Reply(args) => reply::run(ctx, &args),
        Command::Mail(args) => match args.action {
            MailAction::Scan(args) => mail_scan::run(ctx, &args),
            MailAction::List(args) => mail_review::list(ctx, &args),
            MailAction::Show(args) => mail_review::show(ctx, &args),
            MailAction::Accept(args) => mail_review::accept(ctx, &args),
            MailAction::Drop(args) => mail_review::drop(ctx, &args),
        },
        Command::Config(_) | Command::Completions(_) | Command::Demo(_) | Command::Templates(_) | Command::Lint(_) => {
            unreachable!("dispatched before the database is opened")
        }
    }
}
