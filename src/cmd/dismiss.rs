//! `tracker dismiss`: stop a rejection's reminders without sending a follow-up.

use anyhow::Result;

use crate::cli::Dismiss;
use crate::dates::format_day;
use crate::model::{Event, EventKind};
use crate::output::{inert, print};
use crate::{Ctx, store};

pub fn run(ctx: &mut Ctx, args: &Dismiss) -> Result<()> {
    let (id, clock) = (args.id, ctx.clock);
    let event = Event::new(EventKind::Dismiss, clock.today, clock.now).with_note(args.note.clone());
    let app = ctx.store.write(|tx| {
        let app = store::load(tx, id)?;
        crate::model::followup::open_rejection(&app)?;
        store::record(tx, &app, &event, clock.today)?;
        Ok(app)
    })?;
    let sentence = format!(
        "No more follow-up reminders for application {id} ({} at {}), as of {}.",
        inert(&app.fields.position),
        inert(&app.fields.company),
        format_day(clock.today)
    );
    Ok(print(&sentence)?)
}
