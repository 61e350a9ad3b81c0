//! `tracker dismiss`: stop a follow-up's reminders without sending it (for a check-in, a thank-you note or
//! ghosting: until a new silence).

use anyhow::Result;

use crate::cli::Dismiss;
use crate::dates::format_day;
use crate::model::followup::{self, DueKind};
use crate::model::{Event, EventKind};
use crate::output::{inert, print};
use crate::{Ctx, store};

pub fn run(ctx: &mut Ctx, args: &Dismiss) -> Result<()> {
    let (id, clock) = (args.id, ctx.clock);
    let event = Event::new(EventKind::Dismiss, clock.today, clock.now).with_note(args.note.clone());
    let delays = ctx.config.delays;
    let (app, due) = ctx.store.write(|tx| {
        let app = store::load(tx, id)?;
        let due = followup::current(&app, clock.today, delays)?;
        if due == DueKind::Rejection {
            followup::open_rejection(&app)?;
        }
        store::record(tx, &app, &event, clock.today)?;
        Ok((app, due))
    })?;
    let f = &app.fields;
    let (position, company) = (inert(&f.position), inert(&f.company));
    let sentence = if due == DueKind::Rejection {
        format!(
            "No more follow-up reminders for application {id} ({position} at {company}), as of {}.",
            format_day(clock.today)
        )
    } else {
        // A dismissal is an event: the silence starts again from today.
        format!(
            "Dismissed the {} for application {id} ({position} at {company}); a new silence starts on {}.",
            match due {
                DueKind::Thanks => "thank-you note",
                DueKind::Ghost => "ghosting suggestion",
                _ => "check-in",
            },
            format_day(clock.today)
        )
    };
    Ok(print(&sentence)?)
}
