//! `tracker snooze`: hide a rejection's reminder until a later day.

use anyhow::{Result, bail};

use crate::cli::Snooze;
use crate::dates::{format_day, parse_date};
use crate::model::followup::open_rejection;
use crate::model::{Event, EventKind, Status};
use crate::output::print;
use crate::{Ctx, store};

pub fn run(ctx: &mut Ctx, args: &Snooze) -> Result<()> {
    let (id, clock) = (args.id, ctx.clock);
    let (until, window) = (parse_date(&args.until, clock.today)?, ctx.config.window);
    let event = Event {
        until: Some(until),
        ..Event::new(EventKind::Snooze, clock.today, clock.now)
    };
    ctx.store.write(|tx| {
        let app = store::load(tx, id)?;
        if matches!(app.status, Status::Applied | Status::Interviewing) {
            bail!(
                "application {id} is {}: snooze is for rejections; a check-in or thank-you note is dismissed instead, and comes back after a new silence (tracker dismiss {id})",
                app.status
            );
        }
        open_rejection(&app)?.check_snooze(until, clock.today, window)?;
        store::record(tx, &app, &event, clock.today)
    })?;
    Ok(print(&format!(
        "Snoozed the follow-up for application {id} until {}.",
        format_day(until)
    ))?)
}
