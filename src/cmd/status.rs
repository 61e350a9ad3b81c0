//! `tracker status`, `reject` and the other shorthands: append a status change to the history.

use anyhow::{Result, bail};

use crate::Ctx;
use crate::cli::{Change, StatusChange};
use crate::dates::{format_day, parse_date};
use crate::model::{Event, Status};
use crate::output::{inert, print};
use crate::store;

pub fn run(ctx: &mut Ctx, args: &Change, status: Status) -> Result<()> {
    change(ctx, args.id, status, &args.on, args.note.clone())
}

pub fn run_any(ctx: &mut Ctx, args: &StatusChange) -> Result<()> {
    change(ctx, args.id, args.status, &args.on, args.note.clone())
}

fn change(ctx: &mut Ctx, id: i64, status: Status, on: &str, note: Option<String>) -> Result<()> {
    let on = parse_date(on, ctx.clock.today)?;
    let clock = ctx.clock;
    let app = ctx.store.write(|tx| {
        let app = store::apps::get(tx, id)?;
        if app.status == status {
            bail!(
                "application {id} is already {status} (since {})",
                format_day(app.status_on)
            );
        }
        let event = Event::status_change(Some(app.status), status, on, clock.now).with_note(note);
        store::record(tx, &app, &event, clock.today)?;
        Ok(app)
    })?;
    let f = &app.fields;
    let sentence = format!(
        "Application {id} ({} at {}): {} → {status} on {}.",
        inert(&f.position),
        inert(&f.company),
        app.status,
        format_day(on)
    );
    Ok(print(&sentence)?)
}
