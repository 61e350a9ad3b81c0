//! `tracker upcoming`: the interviews ahead.

use anyhow::Result;
use chrono::Days;
use serde::Serialize;

use crate::Ctx;
use crate::cli::Upcoming;
use crate::clock::format_instant;
use crate::dates::{format_day, format_moment};
use crate::output::{json, print};
use crate::store::interviews::{Planned, between};
use crate::template::join_names;

/// One row of `upcoming --json`.
#[derive(Debug, Serialize)]
pub struct Row {
    pub id: i64,
    pub company: String,
    pub position: String,
    /// The local day it takes place.
    pub on: String,
    /// RFC 3339, null when no time was given.
    pub at: Option<String>,
    pub with: Vec<String>,
    pub note: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: &Upcoming) -> Result<()> {
    let (now, today) = (ctx.clock.now, ctx.clock.today);
    // Stored days have four-digit years, and compare as text.
    let end = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(today);
    let last = today
        .checked_add_days(Days::new(u64::from(args.days)))
        .map_or(end, |day| day.min(end));
    // From now on: today's interviews whose time has passed are behind you.
    let planned: Vec<Planned> = between(ctx.store.conn(), today, last)?
        .into_iter()
        .filter(|p| p.at.is_none_or(|at| at >= now))
        .collect();
    if args.json.json {
        let rows: Vec<Row> = planned
            .into_iter()
            .map(|p| Row {
                id: p.app_id,
                company: p.company,
                position: p.position,
                on: format_day(p.day),
                at: p.at.map(format_instant),
                with: p.with,
                note: p.note,
            })
            .collect();
        return Ok(print(&json(&rows))?);
    }
    if planned.is_empty() {
        return Ok(());
    }
    let style = ctx.style;
    let mut table = style.table(&["When", "ID", "Company", "Position", "With"]);
    for p in &planned {
        let when = p.at.map_or_else(|| format_day(p.day), format_moment);
        table.add_row(vec![
            style.text(&when),
            style.number(p.app_id),
            style.text(&p.company),
            style.text(&p.position),
            style.text(&join_names(&p.with)),
        ]);
    }
    Ok(print(&table.to_string())?)
}
