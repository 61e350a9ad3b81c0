//! `tracker show`: every field of one application and its timeline.

use std::fmt::Write as _;

use anyhow::Result;
use chrono::NaiveDate;

use crate::Ctx;
use crate::cli::Show;
use crate::clock::format_instant;
use crate::dates::{days_ago, days_between, format_day, format_moment};
use crate::json::app_out;
use crate::model::{Application, Event, EventKind, Status};
use crate::output::{Style, inert, inert_with, json, print};
use crate::store;
use crate::template::join_names;

pub fn run(ctx: &mut Ctx, args: &Show) -> Result<()> {
    let app = store::load(ctx.store.conn(), args.id)?;
    if args.json.json {
        return Ok(print(&json(&app_out(&app)))?);
    }
    Ok(print(&render(&app, ctx.clock.today, ctx.style))?)
}

pub fn render(app: &Application, today: NaiveDate, style: Style) -> String {
    let f = &app.fields;
    let mut out = String::new();
    let title = format!("#{}  {} at {}", app.id, inert(&f.position), inert(&f.company));
    let _ = writeln!(out, "{}", style.bold(&title));
    let days = days_between(app.status_on, today);
    let mut status = format!(
        "{} since {} ({})",
        app.status,
        format_day(app.status_on),
        days_ago(days)
    );
    if let Some(stage) = app.furthest_stage().filter(|s| *s != app.status) {
        let _ = write!(status, "; got as far as {stage}");
    }
    let contact = match (&f.contact_name, &f.contact_email) {
        (Some(name), Some(email)) => Some(format!("{} <{}>", inert(name), inert(email))),
        (Some(one), None) | (None, Some(one)) => Some(inert(one).into_owned()),
        (None, None) => None,
    };
    let tags = (!f.tags.is_empty()).then(|| {
        f.tags
            .iter()
            .map(|t| inert(t).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let rows = [
        ("Status", Some(status)),
        ("URL", f.url.as_deref().map(|t| inert(t).into_owned())),
        ("Location", f.location.as_deref().map(|t| inert(t).into_owned())),
        ("Source", f.source.as_deref().map(|t| inert(t).into_owned())),
        ("Salary", f.salary.as_deref().map(|t| inert(t).into_owned())),
        ("Tags", tags),
        ("Contact", contact),
        (
            "Salutation",
            f.contact_salutation.as_deref().map(|t| inert(t).into_owned()),
        ),
        ("Added", Some(format_instant(app.created_at))),
    ];
    for (label, value) in rows {
        if let Some(value) = value {
            let _ = writeln!(out, "{label:<11} {value}");
        }
    }
    if let Some(notes) = &f.notes {
        let _ = writeln!(out, "Notes");
        for line in inert_with(notes, true).lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    let _ = writeln!(out, "\n{}", style.bold("Timeline"));
    for event in &app.events {
        let _ = writeln!(out, "  {}  {}", format_day(event.on), describe(event));
    }
    out
}

/// One line of the timeline.
pub fn describe(event: &Event) -> String {
    let what = match event.kind {
        EventKind::Status
            if event.is_interview()
                && (event.at.is_some()
                    || !event.with.is_empty()
                    || event.interview_on != Some(event.on)
                    || event.from == Some(Status::Interviewing)) =>
        {
            let change = match event.from {
                Some(from) if from != Status::Interviewing => format!("{from} → interviewing; "),
                None => "added as interviewing; ".to_owned(),
                Some(_) => String::new(),
            };
            let when = match (event.at, event.interview_on) {
                (Some(at), _) => format_moment(at),
                (None, Some(day)) => format_day(day),
                (None, None) => format_day(event.on),
            };
            let with = if event.with.is_empty() {
                String::new()
            } else {
                format!(" with {}", inert(&join_names(&event.with)))
            };
            format!("{change}interview {when}{with}")
        }
        EventKind::Status => match (event.from, event.status) {
            (Some(from), Some(to)) => format!("{from} → {to}"),
            (None, Some(to)) => format!("added as {to}"),
            _ => "status changed".to_owned(),
        },
        EventKind::Note => "note".to_owned(),
        EventKind::Followup => match event.template {
            Some(kind) => format!("follow-up sent ({kind})"),
            None => "follow-up sent".to_owned(),
        },
        EventKind::Dismiss => "follow-up dismissed".to_owned(),
        EventKind::Snooze => match event.until {
            Some(until) => format!("follow-up snoozed until {}", format_day(until)),
            None => "follow-up snoozed".to_owned(),
        },
        EventKind::Reply => "reply received".to_owned(),
    };
    match &event.note {
        Some(note) => format!("{what}: {}", inert(note)),
        None => what,
    }
}
