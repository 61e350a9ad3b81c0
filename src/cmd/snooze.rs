//! `tracker snooze`: hide a rejection's reminder until a later day.

use anyhow::{Result, bail};

use crate::cli::Snooze;
use crate::dates::{format_day, parse_date};
use crate::model::{Event, EventKind};
use crate::output::print;
use crate::{Ctx, store};

pub fn run(ctx: &mut Ctx, args: &Snooze) -> Result<()> {
    let (id, clock) = (args.id, ctx.clock);
    let until = parse_date(&args.until, clock.today)?;
    if until <= clock.today {
        bail!(
            "cannot snooze until {}: the date must be after today ({}), e.g. --until tomorrow",
            format_day(until),
            format_day(clock.today)
        );
    }
    let event = Event {
        until: Some(until),
        ..Event::new(EventKind::Snooze, clock.today, clock.now)
    };
    ctx.store.write(|tx| {
        let app = store::load(tx, id)?;
        super::followup::open_rejection(&app)?;
        store::record(tx, &app, &event, clock.today)
    })?;
    Ok(print(&format!(
        "Snoozed the follow-up for application {id} until {}.",
        format_day(until)
    ))?)
}
