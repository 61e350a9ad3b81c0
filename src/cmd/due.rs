//! `tracker due`: the rejections waiting for a follow-up, as a table, JSON, or desktop notifications.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::cli::Due;
use crate::dates::{days_ago, days_between, format_day};
use crate::model::FollowupKind;
use crate::notify::{self, Message};
use crate::output::{Style, json, print};
use crate::reminder::{DueState, Window, due_state};
use crate::store::due::{candidates, days_before, notified_on, record_notified};
use crate::{Ctx, Failure};

/// The exit code when notifications could not be shown (documented in the README).
pub const NOTIFY_FAILED: u8 = 3;

/// Up to this many due applications get a notification each; more get one summary.
const MAX_SEPARATE: usize = 3;

#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: i64,
    pub company: String,
    pub position: String,
    pub rejected_on: String,
    pub days_since: i64,
    pub template: FollowupKind,
    pub state: DueState,
}

pub fn run(ctx: &mut Ctx, args: &Due) -> Result<()> {
    let window = Window {
        after_days: args.days.unwrap_or(ctx.config.after_days),
        expire_after_days: ctx.config.expire_after_days,
    };
    let today = ctx.clock.today;
    let rows = rows(ctx.store.conn(), today, window, args.all, ctx.config.kind)?;
    // Nothing due prints nothing (cron mails any output); JSON readers still get their array.
    if !args.quiet && (args.json.json || !rows.is_empty()) {
        let text = if args.json.json {
            json(&rows)
        } else {
            render(&rows, args.all, ctx.style)
        };
        print(&text)?;
    }
    if args.notify { notify_due(ctx, &rows) } else { Ok(()) }
}

/// Due rejections (or, with `all`, every rejection not yet followed up), oldest first.
pub fn rows(conn: &Connection, today: NaiveDate, window: Window, all: bool, kind: FollowupKind) -> Result<Vec<Row>> {
    let (earliest, latest) = if all {
        (NaiveDate::MIN, today)
    } else {
        (
            days_before(today, window.expire_after_days),
            days_before(today, window.after_days),
        )
    };
    let rows = candidates(conn, earliest, latest)?
        .into_iter()
        .filter_map(|c| {
            let state = due_state(&c.reminder, today, window);
            let wanted = if all {
                state != DueState::Closed
            } else {
                state == DueState::Due
            };
            wanted.then(|| Row {
                id: c.id,
                company: c.company,
                position: c.position,
                rejected_on: format_day(c.reminder.rejected_on),
                days_since: days_between(c.reminder.rejected_on, today),
                template: kind,
                state,
            })
        })
        .collect();
    Ok(rows)
}

pub fn render(rows: &[Row], with_state: bool, style: Style) -> String {
    let mut header = vec!["ID", "Company", "Position", "Rejected", "Days", "Template"];
    if with_state {
        header.push("State");
    }
    let mut table = style.table(&header);
    for row in rows {
        let mut cells = vec![
            style.number(row.id),
            style.text(&row.company),
            style.text(&row.position),
            style.text(&row.rejected_on),
            style.number(row.days_since),
            style.text(row.template.as_str()),
        ];
        if with_state {
            cells.push(style.text(row.state.as_str()));
        }
        table.add_row(cells);
    }
    table.to_string()
}

/// Notifies the due applications not yet notified today, and records the ones shown.
fn notify_due(ctx: &mut Ctx, rows: &[Row]) -> Result<()> {
    let today = ctx.clock.today;
    let mut pending = Vec::new();
    for row in rows.iter().filter(|r| r.state == DueState::Due) {
        if !notified_on(ctx.store.conn(), row.id, today)? {
            pending.push(row);
        }
    }
    if pending.is_empty() {
        return Ok(());
    }
    let messages = messages(&pending);
    let (shown, failure) = notify::send(&messages, notify::WAIT);
    let notified: &[&Row] = if messages.len() == pending.len() {
        &pending[..shown]
    } else if shown > 0 {
        &pending
    } else {
        &[]
    };
    if !notified.is_empty() {
        ctx.store
            .write(|tx| notified.iter().try_for_each(|row| record_notified(tx, row.id, today)))?;
    }
    match failure {
        Some(message) => Err(Failure {
            code: NOTIFY_FAILED,
            message,
        }
        .into()),
        None => Ok(()),
    }
}

/// One notification per application when there are few, else one summary.
pub fn messages(pending: &[&Row]) -> Vec<Message> {
    if pending.len() <= MAX_SEPARATE {
        return pending
            .iter()
            .map(|row| {
                let title = format!("Follow up: {} at {}", row.position, row.company);
                let body = format!(
                    "Rejected {}. Print the email with: tracker followup {}",
                    days_ago(row.days_since),
                    row.id
                );
                Message::new(&title, &body)
            })
            .collect();
    }
    let names: Vec<&str> = pending.iter().take(MAX_SEPARATE).map(|r| r.company.as_str()).collect();
    let more = pending.len() - names.len();
    let body = format!("{}, and {more} more. See them with: tracker due", names.join(", "));
    vec![Message::new(&format!("{} follow-ups are due", pending.len()), &body)]
}
