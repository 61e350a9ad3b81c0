//! `tracker due`: the follow-ups that are due (rejections, check-ins, thank-you notes, ghosting), as a table,
//! JSON, or desktop notifications.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::Ctx;
use crate::cli::Due;
use crate::dates::{days_between, format_day};
use crate::model::followup::{CLOSING_DAYS, Delays, DueKind, DueState, Silence, Window};
use crate::model::{FollowupKind, Status};
use crate::output::{Style, json, print};
use crate::store::due::{candidates, interviewed, quiet};
use crate::store::events;

mod notify;

#[cfg(test)]
use notify::messages;

/// One row of `due`; `due --json` prints these (fields are added, never renamed or dropped).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: i64,
    pub company: String,
    pub position: String,
    /// The rejection's day; `null` for the other kinds.
    pub rejected_on: Option<String>,
    /// Days since `since`.
    pub days_since: i64,
    /// The email `tracker followup ID` prints; `null` for `ghost?`, which asks for `tracker ghost ID`.
    pub template: Option<FollowupKind>,
    pub state: DueState,
    /// The day a waiting or snoozed follow-up becomes due.
    pub wakes_on: Option<String>,
    /// The last day the follow-up is due; `null` for `ghost?` (due until you act on it).
    pub expires_on: Option<String>,
    /// Days left until then (0 on the last day); `null` once missed, and for `ghost?`.
    pub days_left: Option<i64>,
    /// rejection, checkin, thanks or ghost?
    pub kind: DueKind,
    /// The day it counts from: the rejection, the start of the silence, or the interview.
    pub since: String,
}

/// Which rows to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Due today.
    Due,
    /// Also waiting and snoozed.
    Open,
    /// Also missed.
    All,
}

impl Scope {
    fn wants(self, state: DueState) -> bool {
        match self {
            Scope::Due => state == DueState::Due,
            Scope::Open => matches!(state, DueState::Due | DueState::Waiting | DueState::Snoozed),
            Scope::All => state != DueState::Closed,
        }
    }
}

/// The settings the rows depend on.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    pub window: Window,
    pub delays: Delays,
    /// The rejection email (`followup.kind`).
    pub kind: FollowupKind,
}

pub fn run(ctx: &mut Ctx, args: &Due) -> Result<()> {
    let window = match args.days {
        Some(days) => Window::new(
            days,
            ctx.config.window.expire_after_days(),
            "--days",
            "followup.expire_after_days",
        )?,
        None => ctx.config.window,
    };
    let scope = if args.missed {
        Scope::All
    } else if args.all {
        Scope::Open
    } else {
        Scope::Due
    };
    let rules = Rules {
        window,
        delays: ctx.config.delays,
        kind: ctx.config.kind,
    };
    let today = ctx.clock.today;
    let mut rows = rows(ctx.store.conn(), today, rules, scope)?;
    if !args.kind.is_empty() {
        let kinds: Vec<DueKind> = args.kind.iter().copied().map(DueKind::from).collect();
        rows.retain(|row| kinds.contains(&row.kind));
    }
    // Nothing due prints nothing (cron mails any output); JSON readers still get their array.
    if !args.quiet && (args.json.json || !rows.is_empty()) {
        let text = if args.json.json {
            json(&rows)
        } else {
            render(&rows, scope != Scope::Due, ctx.style)
        };
        print(&text)?;
    }
    if args.notify {
        notify::notify_due(ctx, &rows)
    } else {
        Ok(())
    }
}

/// The rows of `scope`, oldest first (by the day each counts from). Only the applications that can be due
/// are read, each kind through its index, unless the scope wants the others too; the follow-up rule
/// (`model::followup`) decides each one's kind and state.
pub fn rows(conn: &Connection, today: NaiveDate, rules: Rules, scope: Scope) -> Result<Vec<Row>> {
    let Rules { window, delays, kind } = rules;
    let (earliest, latest) = match scope {
        Scope::Due => window.due_range(today),
        Scope::Open => (window.due_range(today).0, today),
        Scope::All => (NaiveDate::MIN, today),
    };
    let mut rows: Vec<Row> = candidates(conn, earliest, latest)?
        .into_iter()
        .filter_map(|c| {
            let r = c.reminder;
            let state = r.state(today, window);
            scope.wants(state).then(|| Row {
                id: c.id,
                company: c.company,
                position: c.position,
                rejected_on: Some(format_day(r.rejected_on)),
                days_since: days_between(r.rejected_on, today),
                template: Some(kind),
                state,
                wakes_on: matches!(state, DueState::Waiting | DueState::Snoozed)
                    .then(|| format_day(r.wakes_on(window))),
                expires_on: Some(format_day(window.last_day(r.rejected_on))),
                days_left: r.days_left(today, window),
                kind: DueKind::Rejection,
                since: format_day(r.rejected_on),
            })
        })
        .collect();
    // An application may be read by both queries: each is assessed once.
    let mut open = BTreeMap::new();
    for status in [Status::Applied, Status::Interviewing] {
        let latest = match scope {
            Scope::Due => delays.quiet_latest(status, today),
            Scope::Open | Scope::All => today,
        };
        open.extend(quiet(conn, status, latest)?.into_iter().map(|o| (o.id, o)));
    }
    if scope == Scope::Due {
        let first = crate::model::followup::days_before(today, delays.thanks());
        open.extend(interviewed(conn, first, today)?.into_iter().map(|o| (o.id, o)));
    }
    for o in open.into_values() {
        let history = events::for_app(conn, o.id)?;
        let Some(silence) = Silence::from_history(o.status, o.last_event_on, &history) else {
            continue;
        };
        let a = silence.assess(today, delays);
        if !scope.wants(a.state) {
            continue;
        }
        rows.push(Row {
            id: o.id,
            company: o.company,
            position: o.position,
            rejected_on: None,
            days_since: a.days_since(today),
            template: a.kind.template(kind),
            state: a.state,
            wakes_on: a.wakes_on.map(format_day),
            expires_on: a.expires_on.map(format_day),
            days_left: a.days_left(today),
            kind: a.kind,
            since: format_day(a.since),
        });
    }
    rows.sort_by(|a, b| (&a.since, a.id, a.kind).cmp(&(&b.since, b.id, b.kind)));
    Ok(rows)
}

impl Row {
    /// The days left when the window is about to close.
    pub(super) fn closing(&self) -> Option<i64> {
        self.days_left.filter(|left| *left <= CLOSING_DAYS)
    }

    fn state_text(&self) -> String {
        match (self.state, &self.wakes_on, self.closing()) {
            (DueState::Waiting, Some(day), _) => format!("waiting until {day}"),
            (DueState::Snoozed, Some(day), _) => format!("snoozed until {day}"),
            (DueState::Due, _, Some(0)) => "due, last day".to_owned(),
            (DueState::Due, _, Some(1)) => "due, 1 day left".to_owned(),
            (DueState::Due, _, Some(left)) => format!("due, {left} days left"),
            (state, _, _) => state.as_str().to_owned(),
        }
    }

    /// What to run next.
    fn action(&self) -> String {
        match self.kind {
            DueKind::Ghost => format!("tracker ghost {}", self.id),
            _ => format!("tracker followup {}", self.id),
        }
    }
}

pub fn render(rows: &[Row], with_state: bool, style: Style) -> String {
    let mut header = vec!["ID", "Kind", "Company", "Position", "Since", "Days", "Template"];
    if with_state {
        header.push("State");
    }
    let mut table = style.table(&header);
    for row in rows {
        let template = row.template.map_or_else(|| row.action(), |t| t.as_str().to_owned());
        let mut cells = vec![
            style.number(row.id),
            style.text(row.kind.as_str()),
            style.text(&row.company),
            style.text(&row.position),
            style.text(&row.since),
            style.number(row.days_since),
            style.text(&template),
        ];
        if with_state {
            cells.push(style.text(&row.state_text()));
        }
        table.add_row(cells);
    }
    table.to_string()
}

#[cfg(test)]
mod tests;
