//! `tracker reply`: record the hiring manager's answer in the timeline.

use anyhow::{Result, bail};

use crate::cli::Reply;
use crate::dates::{format_day, parse_date};
use crate::model::{Event, EventKind};
use crate::output::print;
use crate::{Ctx, store};

pub fn run(ctx: &mut Ctx, args: &Reply) -> Result<()> {
    if args.text.trim().is_empty() {
        bail!("the reply is empty");
    }
    let (id, clock) = (args.id, ctx.clock);
    let on = parse_date(&args.on, clock.today)?;
    let event = Event::new(EventKind::Reply, on, clock.now).with_note(Some(args.text.clone()));
    ctx.store
        .write(|tx| store::record(tx, &store::apps::get(tx, id)?, &event, clock.today))?;
    Ok(print(&format!(
        "Recorded the reply to application {id} ({}).",
        format_day(on)
    ))?)
}
