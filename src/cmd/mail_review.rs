//! `tracker mail list`, `show`, `accept` and `drop`: the review queue.

use anyhow::{Result, bail};

use crate::Ctx;
use crate::cli::{MailAccept, MailDrop, MailList, MailShow};
use crate::dates::{format_day, parse_date};
use crate::mail::apply::{self, Choice};
use crate::mail::recognise::Kind;
use crate::output::{inert, json, print, say};
use crate::store::proposals::{self, Proposal, State};
use crate::store::{self, apps};

pub fn list(ctx: &mut Ctx, args: &MailList) -> Result<()> {
    let all = proposals::list(ctx.store.conn(), args.all)?;
    if args.json.json {
        return Ok(print(&json(&all))?);
    }
    if all.is_empty() {
        say("tracker: no mail proposals to review (find some with: tracker mail scan)");
        return Ok(());
    }
    let mut header = vec!["ID", "Date", "Kind", "Application", "From", "Subject", "Evidence"];
    if args.all {
        header.insert(1, "State");
    }
    let style = ctx.style;
    let mut table = style.table(&header);
    for p in &all {
        let mut cells = vec![
            style.number(p.id),
            style.text(&format_day(p.on)),
            style.text(p.kind.as_str()),
            style.text(&application(ctx, p)),
            style.text(&p.from),
            style.text(&p.subject),
            style.text(&p.evidence),
        ];
        if args.all {
            cells.insert(1, style.text(p.state.as_str()));
        }
        table.add_row(cells);
    }
    Ok(print(&table.to_string())?)
}

/// `#12 Acme – Backend Engineer`, `new: Globex – SRE`, `2 candidates: #3, #9`, or `no match`.
fn application(ctx: &Ctx, p: &Proposal) -> String {
    let named = |company: &Option<String>, position: &Option<String>| match (company, position) {
        (Some(c), Some(pos)) => format!("{c} – {pos}"),
        (Some(c), None) => c.clone(),
        (None, Some(pos)) => pos.clone(),
        (None, None) => "?".to_owned(),
    };
    if let Some(id) = p.app_id {
        return match apps::get(ctx.store.conn(), id) {
            Ok(app) => format!("#{id} {} – {}", app.fields.company, app.fields.position),
            Err(_) => format!("#{id} (deleted)"),
        };
    }
    match (p.kind, p.candidates.as_slice()) {
        (Kind::Applied, []) if p.company.is_some() && p.position.is_some() => {
            format!("new: {}", named(&p.company, &p.position))
        }
        (Kind::Applied, []) => {
            let missing = if p.company.is_none() { "company" } else { "position" };
            format!("new, {missing} unknown: {}", named(&p.company, &p.position))
        }
        (_, []) => format!("no match: {}", named(&p.company, &p.position)),
        (_, ids) => {
            let ids: Vec<String> = ids.iter().map(|id| format!("#{id}")).collect();
            format!("{} candidates: {}", ids.len(), ids.join(", "))
        }
    }
}

pub fn show(ctx: &mut Ctx, args: &MailShow) -> Result<()> {
    let p = proposals::get(ctx.store.conn(), args.id)?;
    if args.json.json {
        return Ok(print(&json(&p))?);
    }
    let mut lines = vec![
        format!("Mail proposal {} ({})", p.id, p.state.as_str()),
        format!("Kind         {} (confidence {:.2})", p.kind, p.confidence),
        format!("Application  {}", application(ctx, &p)),
        format!("Day          {}", format_day(p.on)),
        format!("From         {}", p.from),
        format!("Subject      {}", p.subject),
        format!("Evidence     {}", p.evidence),
    ];
    if let Some(id) = &p.message_id {
        lines.push(format!("Message-ID   {id}"));
    }
    if let Some(url) = &p.url {
        lines.push(format!("Link         {url}"));
    }
    if let Some(detail) = &p.detail {
        let label = match p.kind {
            Kind::Interview => "Proposed",
            Kind::FollowupSent => "Email",
            _ => "Said",
        };
        lines.push(format!("{label:<12} {detail}"));
    }
    lines.push(format!("Source       {}", p.source));
    let text: Vec<String> = lines.iter().map(|l| inert(l).into_owned()).collect();
    Ok(print(&text.join("\n"))?)
}

/// The ids named, or with `all` every pending one.
fn chosen(ctx: &Ctx, ids: &[i64], all: bool) -> Result<Vec<i64>> {
    if all {
        return Ok(proposals::list(ctx.store.conn(), false)?.iter().map(|p| p.id).collect());
    }
    let mut seen = std::collections::HashSet::new();
    Ok(ids.iter().copied().filter(|id| seen.insert(*id)).collect())
}

pub fn accept(ctx: &mut Ctx, args: &MailAccept) -> Result<()> {
    let on = args.on.as_deref().map(|d| parse_date(d, ctx.clock.today)).transpose()?;
    let ids = chosen(ctx, &args.ids, args.all)?;
    if args.app.is_some() && ids.len() != 1 {
        bail!("--app applies to one proposal at a time (give one id)");
    }
    let clock = ctx.clock;
    let mut last_failure: Option<anyhow::Error> = None;
    for id in ids {
        let choice = Choice {
            app: args.app,
            on,
            configured: ctx.config.kind,
        };
        let done = ctx.store.write(|tx| {
            let p = proposals::get(tx, id)?;
            if p.state != State::Pending {
                bail!(
                    "mail proposal {id} is already {} (see: tracker mail list --all)",
                    p.state.as_str()
                );
            }
            let app_id = apply::accept(tx, &p, &choice, clock)?;
            Ok((p, store::apps::get(tx, app_id)?))
        });
        match done {
            Ok((p, app)) => print(&format!(
                "Accepted mail proposal {id}: {} for application {} ({} at {}), {}.",
                p.kind,
                app.id,
                inert(&app.fields.position),
                inert(&app.fields.company),
                format_day(on.unwrap_or(p.on))
            ))?,
            // Each that cannot apply is reported on its own line and stays pending; the last one ends the run.
            Err(error) => {
                if let Some(previous) = last_failure.replace(error) {
                    say(&format!("tracker: {}", inert(&format!("{previous:#}"))));
                }
            }
        }
    }
    last_failure.map_or(Ok(()), Err)
}

pub fn drop(ctx: &mut Ctx, args: &MailDrop) -> Result<()> {
    let ids = chosen(ctx, &args.ids, args.all)?;
    let now = ctx.clock.now;
    ctx.store.write(|tx| {
        for id in &ids {
            proposals::get(tx, *id)?;
            proposals::decide(tx, *id, State::Dropped, None, now)?;
        }
        Ok(())
    })?;
    Ok(print(&format!(
        "Dropped {}; {} not be proposed again.",
        if ids.len() == 1 {
            "1 mail proposal".to_owned()
        } else {
            format!("{} mail proposals", ids.len())
        },
        if ids.len() == 1 {
            "its message will"
        } else {
            "their messages will"
        }
    ))?)
}
