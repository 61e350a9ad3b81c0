//! `tracker note`: add a dated note to the timeline.

use anyhow::{Result, bail};

use crate::Ctx;
use crate::cli::Note;
use crate::dates::{format_day, parse_date};
use crate::model::{Event, EventKind};
use crate::output::print;
use crate::store;

pub fn run(ctx: &mut Ctx, args: &Note) -> Result<()> {
    if args.text.trim().is_empty() {
        bail!("the note is empty");
    }
    let on = parse_date(&args.on, ctx.clock.today)?;
    let event = Event::new(EventKind::Note, on, ctx.clock.now).with_note(Some(args.text.clone()));
    let (id, today) = (args.id, ctx.clock.today);
    ctx.store
        .write(|tx| store::record(tx, &store::apps::get(tx, id)?, &event, today))?;
    Ok(print(&format!("Noted on application {id} ({}).", format_day(on)))?)
}
