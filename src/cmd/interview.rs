//! `tracker interview`: record an interview round, past or planned, with its time and interviewers.

use anyhow::{Result, bail};

use crate::Ctx;
use crate::cli::Interview;
use crate::dates::{format_day, format_moment, parse_date, parse_moment};
use crate::model::{Event, Status};
use crate::output::{inert, print};
use crate::store;
use crate::template::join_names;
use crate::text::is_blank;

pub fn run(ctx: &mut Ctx, args: &Interview) -> Result<()> {
    let clock = ctx.clock;
    // The one place a future date is allowed: the interview's, not the day it is recorded.
    let moment = args.at.as_deref().map(|at| parse_moment(at, clock.today)).transpose()?;
    let on = match (&args.on, moment) {
        (Some(on), _) => parse_date(on, clock.today)?,
        (None, Some((day, _))) if day < clock.today => day,
        (None, _) => clock.today,
    };
    if let Some((day, _)) = moment.filter(|(day, _)| *day < on) {
        bail!(
            "the interview on {} is before the day you record it ({}); give --on {} or a later --at",
            format_day(day),
            format_day(on),
            format_day(day)
        );
    }
    if args.with.iter().any(|name| is_blank(name)) {
        bail!("an interviewer's name must not be empty (give --with NAME, or leave it out)");
    }
    let with: Vec<String> = args.with.iter().map(|n| n.trim().to_owned()).collect();
    let note = args.note.clone();
    let (app, round) = ctx.store.write(|tx| {
        let app = store::load(tx, args.id)?;
        let round = 1 + app.events.iter().filter(|e| e.is_interview()).count();
        let at = moment.and_then(|(day, instant)| instant.map(|i| (i, day)));
        let mut event = Event::interview(app.status, on, at, with.clone(), clock.now).with_note(note);
        if at.is_none() {
            event.interview_on = Some(moment.map_or(on, |(day, _)| day));
        }
        store::record(tx, &app, &event, clock.today)?;
        Ok((app, round))
    })?;
    let f = &app.fields;
    let when = match moment {
        Some((_, Some(instant))) => format!("at {}", format_moment(instant)),
        Some((day, None)) => format!("on {}", format_day(day)),
        None => format!("on {}", format_day(on)),
    };
    let with = if with.is_empty() {
        String::new()
    } else {
        format!(" with {}", inert(&join_names(&with)))
    };
    let head = format!(
        "Application {} ({} at {})",
        app.id,
        inert(&f.position),
        inert(&f.company)
    );
    let sentence = if app.status == Status::Interviewing {
        format!("{head}: interview {round} {when}{with}.")
    } else if moment.is_none() && with.is_empty() {
        format!("{head}: {} → interviewing on {}.", app.status, format_day(on))
    } else {
        format!(
            "{head}: {} → interviewing on {}; interview {round} {when}{with}.",
            app.status,
            format_day(on)
        )
    };
    Ok(print(&sentence)?)
}
