//! `tracker stats`: the search in numbers, per group, as SankeyMATIC text or as an SVG picture.

use anyhow::{Result, bail};
use chrono::NaiveDate;
use serde::Serialize;

use crate::Ctx;
use crate::cli::{ByArg, Stats};
use crate::dates::{format_day, parse_date};
use crate::output::{json, plural, print, say, shown_path};
use crate::private;
use crate::stats::{By, Numbers, groups, numbers, render, sankey, svg};
use crate::store::stats::{Facts, facts};

#[derive(Serialize)]
struct Out<'a> {
    since: Option<String>,
    until: Option<String>,
    #[serde(flatten)]
    total: &'a Numbers,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<Group<'a>>>,
}

#[derive(Serialize)]
struct Group<'a> {
    key: &'a str,
    #[serde(flatten)]
    numbers: &'a Numbers,
}

pub fn run(ctx: &mut Ctx, args: &Stats) -> Result<()> {
    let today = ctx.clock.today;
    let since = args.since.as_deref().map(|d| parse_date(d, today)).transpose()?;
    let until = args.until.as_deref().map(|d| parse_date(d, today)).transpose()?;
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        bail!(
            "--since {} is after --until {} (swap them)",
            format_day(s),
            format_day(u)
        );
    }
    let facts = facts(ctx.store.conn(), since, until)?;
    let heading = heading(facts.len(), since, until);
    if let Some(path) = &args.svg {
        let picture = svg::render(&sankey::flows(&facts), &heading);
        private::write_file(path, picture.as_bytes())?;
        say(&format!(
            "Wrote the Sankey diagram of {heading} to {}.",
            shown_path(path)
        ));
        return Ok(());
    }
    if args.sankey {
        return Ok(print(&sankey::sankeymatic(&sankey::flows(&facts)))?);
    }
    let window = ctx.config.window;
    let all: Vec<&Facts> = facts.iter().collect();
    let total = numbers(&all, today, window);
    let by = args.by.map(|b| match b {
        ByArg::Source => (By::Source, "source", "Source"),
        ByArg::Month => (By::Month, "month", "Month"),
        ByArg::Tag => (By::Tag, "tag", "Tag"),
    });
    let rows: Option<Vec<(String, Numbers)>> = by.map(|(by, _, _)| {
        groups(&facts, by)
            .into_iter()
            .map(|(key, members)| (key, numbers(&members, today, window)))
            .collect()
    });
    if args.json.json {
        let out = Out {
            since: since.map(format_day),
            until: until.map(format_day),
            total: &total,
            by: by.map(|(_, name, _)| name),
            groups: rows
                .as_ref()
                .map(|rows| rows.iter().map(|(key, numbers)| Group { key, numbers }).collect()),
        };
        return Ok(print(&json(&out))?);
    }
    if facts.is_empty() {
        say(&format!("No {heading}. Add one with: tracker add COMPANY POSITION"));
        return Ok(());
    }
    match (rows, by) {
        (Some(rows), Some((_, _, column))) => Ok(print(&render::table(&rows, column, ctx.style))?),
        _ => Ok(print(&render::summary(&total, &heading, ctx.style))?),
    }
}

/// `30 applications sent`, `3 applications sent from 2026-09-01 to 2026-11-27`.
pub fn heading(count: usize, since: Option<NaiveDate>, until: Option<NaiveDate>) -> String {
    let sent = if count == 0 {
        "applications sent".to_owned()
    } else {
        format!("{} sent", plural(count, "application"))
    };
    match (since, until) {
        (None, None) => sent,
        (Some(s), None) => format!("{sent} since {}", format_day(s)),
        (None, Some(u)) => format!("{sent} until {}", format_day(u)),
        (Some(s), Some(u)) => format!("{sent} from {} to {}", format_day(s), format_day(u)),
    }
}

/// For `demo`: the summary of every application in the store.
pub fn summary(ctx: &Ctx) -> Result<String> {
    let facts = facts(ctx.store.conn(), None, None)?;
    let all: Vec<&Facts> = facts.iter().collect();
    let total = numbers(&all, ctx.clock.today, ctx.config.window);
    Ok(render::summary(&total, &heading(facts.len(), None, None), ctx.style))
}
