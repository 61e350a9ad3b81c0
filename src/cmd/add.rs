//! `tracker add`: record a new application.

use anyhow::{Result, bail};

use crate::Ctx;
use crate::cli::{Add, Details};
use crate::dates::{format_day, parse_date};
use crate::model::{Event, Fields, Input, check_event_date};
use crate::output::{inert, json, print};
use crate::{json as shape, store};

pub fn run(ctx: &mut Ctx, args: &Add) -> Result<()> {
    let on = parse_date(&args.on, ctx.clock.today)?;
    check_event_date(on, None, ctx.clock.today)?;
    let fields = fields(args).normalized(Input::Options)?;
    let first = Event::status_change(None, args.status, on, ctx.clock.now).with_note(args.note.clone());
    let (clock, force) = (ctx.clock, args.force);
    let id = ctx.store.write(|tx| {
        if !force
            && let Some(earlier) = store::apps::find_open_duplicate(tx, &fields)?
        {
            bail!(
                "application {earlier} for {} at {} is still open (use --force to add another, or see: tracker show {earlier})",
                inert(fields.position.trim()),
                inert(fields.company.trim()),
            );
        }
        store::create(tx, &fields, clock.now, &[first], clock.today)
    })?;
    if args.json.json {
        let app = store::load(ctx.store.conn(), id)?;
        return Ok(print(&json(&shape::app_out(&app)))?);
    }
    let sentence = format!(
        "Added application {id}: {} at {} ({} {}).",
        inert(&fields.position),
        inert(&fields.company),
        args.status,
        format_day(on)
    );
    Ok(print(&sentence)?)
}

fn fields(args: &Add) -> Fields {
    let Details {
        url,
        location,
        source,
        salary,
        notes,
        contact,
        email,
        salutation,
    } = &args.details;
    Fields {
        company: args.company.clone(),
        position: args.position.clone(),
        url: url.clone(),
        location: location.clone(),
        source: source.clone(),
        salary: salary.clone(),
        notes: notes.clone(),
        tags: args.tags.clone(),
        contact_name: contact.clone(),
        contact_email: email.clone(),
        contact_salutation: salutation.clone(),
    }
}
