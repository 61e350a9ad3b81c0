//! `tracker undo`: remove the newest event of an application, restoring what it changed.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};

use crate::Ctx;
use crate::cli::Undo;
use crate::dates::format_day;
use crate::model::{Event, EventKind};
use crate::output::{inert, print};
use crate::store;

/// `rejected on 2026-11-27 (was interviewing)`, `note on 2026-11-27: "called Dana"`.
fn describe(event: &Event) -> String {
    let on = format_day(event.on);
    match (event.kind, event.status) {
        (EventKind::Status, Some(status)) => match event.from {
            Some(from) => format!("{from} → {status} on {on}"),
            None => format!("{status} on {on}"),
        },
        (kind, _) => match &event.note {
            Some(note) => format!("{} on {on}: \"{}\"", kind.as_str(), inert(note)),
            None => format!("{} on {on}", kind.as_str()),
        },
    }
}

pub fn run(ctx: &mut Ctx, args: &Undo) -> Result<()> {
    let id = args.id;
    let today = ctx.clock.today;
    let shown = {
        let app = store::load(ctx.store.conn(), id)?;
        newest(&app.events, id)?.clone()
    };
    if !args.yes && !confirmed(id, &describe(&shown))? {
        bail!(
            "not removing the newest event of application {id} ({}) without --yes (run: tracker undo {id} --yes)",
            describe(&shown)
        );
    }
    let (app, removed) = ctx.store.write(|tx| {
        let app = store::load(tx, id)?;
        let removed = newest(&app.events, id)?.clone();
        store::undo(tx, &app, today)?;
        Ok((app, removed))
    })?;
    let after = store::apps::get(ctx.store.conn(), id)?;
    Ok(print(&format!(
        "Removed the newest event of application {id} ({} at {}): {}. Status: {} since {}.",
        inert(&app.fields.position),
        inert(&app.fields.company),
        describe(&removed),
        after.status,
        format_day(after.status_on)
    ))?)
}

fn newest(events: &[Event], id: i64) -> Result<&Event> {
    match events {
        [] | [_] => bail!(
            "application {id} has only the event that created it, which cannot be undone (to delete the application: tracker rm {id} --yes)"
        ),
        [.., last] => Ok(last),
    }
}

/// Asks on the terminal; never when stdin is not one (a script must say --yes).
fn confirmed(id: i64, what: &str) -> Result<bool> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Ok(false);
    }
    let mut err = std::io::stderr().lock();
    write!(err, "Remove the newest event of application {id} ({what})? [y/N] ")?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes"))
}
