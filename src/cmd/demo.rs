//! `tracker demo`: a guided tour on a throwaway in-memory database; your own data is never touched.

use anyhow::Result;

use crate::cli::{Add, Change, Details, DraftFormat, Due, Followup, JsonFlag, List, Show};
use crate::clock::Clock;
use crate::config::Config;
use crate::model::Status;
use crate::output::{Style, print, shown_path};
use crate::store::Store;
use crate::{Ctx, Paths};

pub fn run(clock: Clock, style: Style, paths: &Paths) -> Result<()> {
    let config = Config {
        user_name: Some("Sam Taylor".into()),
        ..Config::default()
    };
    let mut ctx = Ctx {
        store: Store::open_in_memory()?,
        clock,
        config,
        style,
        paths: paths.clone(),
    };
    let step = |title: &str, command: &str| print(&format!("\n{}\n$ {command}", style.bold(title)));

    step(
        "1. Record applications as you send them",
        "tracker add Acme \"Backend Engineer\" --on \"20 days ago\" ...",
    )?;
    add(
        &mut ctx,
        "Acme",
        "Backend Engineer",
        "20 days ago",
        Some(("Dana Rivera", "dana@acme.example", "Ms. Rivera")),
    )?;
    add(&mut ctx, "Globex", "Platform Engineer", "15 days ago", None)?;
    add(&mut ctx, "Initech", "Site Reliability Engineer", "12 days ago", None)?;
    add(&mut ctx, "Umbrella", "Data Engineer", "2 days ago", None)?;

    step(
        "2. Record what happens: an interview, then two rejections",
        "tracker interview 1 --on \"10 days ago\"",
    )?;
    change(&mut ctx, 1, "10 days ago", Status::Interviewing)?;
    print("$ tracker reject 1 --on \"4 days ago\"")?;
    change(&mut ctx, 1, "4 days ago", Status::Rejected)?;
    print("$ tracker reject 2 --on yesterday")?;
    change(&mut ctx, 2, "yesterday", Status::Rejected)?;

    step("3. See where everything stands", "tracker list")?;
    super::list::run(
        &mut ctx,
        &List {
            status: Vec::new(),
            tags: Vec::new(),
            search: None,
            open: false,
            since: None,
            sort: crate::cli::SortArg::Changed,
            limit: None,
            json: JsonFlag { json: false },
        },
    )?;

    step(
        "4. One application in full: history is kept, even after a rejection",
        "tracker show 1",
    )?;
    super::show::run(
        &mut ctx,
        &Show {
            id: 1,
            json: JsonFlag { json: false },
        },
    )?;

    step(
        "5. The follow-ups that are due (cron runs this with --notify)",
        "tracker due",
    )?;
    super::due::run(
        &mut ctx,
        &Due {
            days: None,
            all: false,
            missed: false,
            notify: false,
            quiet: false,
            kind: Vec::new(),
            json: JsonFlag { json: false },
        },
    )?;

    step(
        "6. The email, filled in (after: tracker config set user.name \"Sam Taylor\")",
        "tracker followup 1",
    )?;
    followup(&mut ctx, false)?;

    step("7. Once it is sent, the reminder stops", "tracker followup 1 --sent")?;
    followup(&mut ctx, true)?;

    step(
        "8. The search as a whole (also: --by source, --sankey, --svg FILE)",
        "tracker stats",
    )?;
    print(&super::stats::summary(&ctx)?)?;

    print(&format!(
        "\nThat was a throwaway database. Your own is at {} (or set --db / TRACKER_DB).",
        shown_path(&paths.db)
    ))?;
    Ok(())
}

fn add(ctx: &mut Ctx, company: &str, position: &str, on: &str, contact: Option<(&str, &str, &str)>) -> Result<()> {
    let details = match contact {
        Some((name, email, salutation)) => Details {
            contact: Some(name.into()),
            email: Some(email.into()),
            salutation: Some(salutation.into()),
            ..Details::default()
        },
        None => Details::default(),
    };
    let args = Add {
        company: company.into(),
        position: position.into(),
        details,
        tags: Vec::new(),
        status: Status::Applied,
        on: on.into(),
        note: None,
        force: false,
        json: JsonFlag { json: false },
    };
    super::add::run(ctx, &args)
}

fn change(ctx: &mut Ctx, id: i64, on: &str, status: Status) -> Result<()> {
    super::status::run(
        ctx,
        &Change {
            id,
            on: on.into(),
            note: None,
        },
        status,
    )
}

fn followup(ctx: &mut Ctx, sent: bool) -> Result<()> {
    super::followup::run(
        ctx,
        &Followup {
            id: 1,
            kind: None,
            format: DraftFormat::Text,
            sent,
            to_drafts: false,
            on: None,
            detail: None,
            edit: false,
        },
    )
}
