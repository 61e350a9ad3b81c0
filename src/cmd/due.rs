//! `tracker due`: the rejections waiting for a follow-up, as a table, JSON, or desktop notifications.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::cli::Due;
use crate::dates::{days_ago, days_between, format_day};
use crate::model::FollowupKind;
use crate::model::followup::{CLOSING_DAYS, DueState, Window};
use crate::notify::{self, Message};
use crate::output::{Style, json, print};
use crate::store::due::{candidates, claim_notification, release_notification};
use crate::store::proposals;
use crate::{Ctx, Failure};

/// The exit code when notifications could not be shown (documented in the README).
pub const NOTIFY_FAILED: u8 = 3;

/// Up to this many due applications get a notification each; more get one summary.
const MAX_SEPARATE: usize = 3;

/// One row of `due`; `due --json` prints these (fields are added, never renamed or dropped).
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub id: i64,
    pub company: String,
    pub position: String,
    pub rejected_on: String,
    pub days_since: i64,
    pub template: FollowupKind,
    pub state: DueState,
    /// The day a waiting or snoozed follow-up becomes due.
    pub wakes_on: Option<String>,
    /// The last day the follow-up is due.
    pub expires_on: String,
    /// Days left until then (0 on the last day); `null` once missed.
    pub days_left: Option<i64>,
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
    let today = ctx.clock.today;
    let rows = rows(ctx.store.conn(), today, window, scope, ctx.config.kind)?;
    // Nothing due prints nothing (cron mails any output); JSON readers still get their array.
    if !args.quiet && (args.json.json || !rows.is_empty()) {
        let text = if args.json.json {
            json(&rows)
        } else {
            render(&rows, scope != Scope::Due, ctx.style)
        };
        print(&text)?;
    }
    if args.notify { notify_due(ctx, &rows) } else { Ok(()) }
}

/// The rows of `scope`, oldest rejection first. Only the rejections that can be due are read, unless the
/// scope wants the others too; the follow-up rule (`model::followup`) decides each one's state.
pub fn rows(conn: &Connection, today: NaiveDate, window: Window, scope: Scope, kind: FollowupKind) -> Result<Vec<Row>> {
    let (earliest, latest) = match scope {
        Scope::Due => window.due_range(today),
        Scope::Open => (window.due_range(today).0, today),
        Scope::All => (NaiveDate::MIN, today),
    };
    let rows = candidates(conn, earliest, latest)?
        .into_iter()
        .filter_map(|c| {
            let r = c.reminder;
            let state = r.state(today, window);
            let wanted = match scope {
                Scope::Due => state == DueState::Due,
                Scope::Open => matches!(state, DueState::Due | DueState::Waiting | DueState::Snoozed),
                Scope::All => state != DueState::Closed,
            };
            wanted.then(|| Row {
                id: c.id,
                company: c.company,
                position: c.position,
                rejected_on: format_day(r.rejected_on),
                days_since: days_between(r.rejected_on, today),
                template: kind,
                state,
                wakes_on: matches!(state, DueState::Waiting | DueState::Snoozed)
                    .then(|| format_day(r.wakes_on(window))),
                expires_on: format_day(window.last_day(r.rejected_on)),
                days_left: r.days_left(today, window),
            })
        })
        .collect();
    Ok(rows)
}

impl Row {
    /// The days left when the window is about to close.
    fn closing(&self) -> Option<i64> {
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
            cells.push(style.text(&row.state_text()));
        }
        table.add_row(cells);
    }
    table.to_string()
}

/// Notifies the due applications not yet notified today. The day's rows are claimed, the notifications shown
/// and the claims of those that could not be shown given back, all in one write transaction: a run that
/// overlaps waits for it and then finds the rows claimed, so each application is notified once a day.
fn notify_due(ctx: &mut Ctx, rows: &[Row]) -> Result<()> {
    let today = ctx.clock.today;
    let due: Vec<&Row> = rows.iter().filter(|r| r.state == DueState::Due).collect();
    let pending_mail = proposals::pending_count(ctx.store.conn())?;
    if due.is_empty() && pending_mail == 0 {
        return Ok(());
    }
    let failure = ctx.store.write(|tx| {
        let mut claimed = Vec::new();
        for row in &due {
            if claim_notification(tx, row.id, today)? {
                claimed.push(*row);
            }
        }
        let mail = pending_mail > 0 && proposals::claim_notice(tx, MAIL_NOTICE, today)?;
        if claimed.is_empty() && !mail {
            return Ok(None);
        }
        let mut messages = if claimed.is_empty() {
            Vec::new()
        } else {
            self::messages(&claimed)
        };
        let followups = messages.len();
        if mail {
            messages.push(mail_message(pending_mail));
        }
        let (shown, failure) = notify::send(&messages, notify::WAIT);
        // A summary stands for every claimed row; separate notifications each for their own.
        let kept = if followups == claimed.len() {
            shown.min(followups)
        } else if shown > 0 {
            claimed.len()
        } else {
            0
        };
        for row in &claimed[kept..] {
            release_notification(tx, row.id, today)?;
        }
        if mail && shown < messages.len() {
            proposals::release_notice(tx, MAIL_NOTICE, today)?;
        }
        Ok(failure)
    })?;
    match failure {
        Some(message) => Err(Failure {
            code: NOTIFY_FAILED,
            message,
        }
        .into()),
        None => Ok(()),
    }
}

/// The daily notice about mail proposals waiting for review.
const MAIL_NOTICE: &str = "mail-proposals";

fn mail_message(pending: i64) -> Message {
    let what = if pending == 1 {
        "1 mail update to review".to_owned()
    } else {
        format!("{pending} mail updates to review")
    };
    Message::new(
        &what,
        "Tracker found them in your mail. Review them with: tracker mail list",
    )
}

/// One notification per application when there are few, else one summary.
pub fn messages(pending: &[&Row]) -> Vec<Message> {
    if pending.len() <= MAX_SEPARATE {
        return pending
            .iter()
            .map(|row| {
                let title = format!("Follow up: {} at {}", row.position, row.company);
                let closing = match row.closing() {
                    None => String::new(),
                    Some(0) => " Today is the last day to follow up.".to_owned(),
                    Some(1) => " Only 1 day left to follow up.".to_owned(),
                    Some(left) => format!(" Only {left} days left to follow up."),
                };
                let body = format!(
                    "Rejected {}.{closing} Print the email with: tracker followup {}",
                    days_ago(row.days_since),
                    row.id
                );
                Message::new(&title, &body)
            })
            .collect();
    }
    let names: Vec<&str> = pending.iter().take(MAX_SEPARATE).map(|r| r.company.as_str()).collect();
    let more = pending.len() - names.len();
    let closing = pending.iter().filter(|r| r.closing().is_some()).count();
    let closing = match closing {
        0 => String::new(),
        1 => format!(" 1 of them has {CLOSING_DAYS} days or less left."),
        n => format!(" {n} of them have {CLOSING_DAYS} days or less left."),
    };
    let body = format!(
        "{}, and {more} more.{closing} See them with: tracker due",
        names.join(", ")
    );
    vec![Message::new(&format!("{} follow-ups are due", pending.len()), &body)]
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Days};
    use proptest::prelude::*;

    use super::*;
    use crate::model::followup::Reminder;
    use crate::model::{Event, EventKind, Fields, Status};
    use crate::store::{self, Store};

    /// One step of a random history: what happens, and how many days after the step before.
    #[derive(Debug, Clone)]
    enum Step {
        Status(Status),
        Followup,
        Dismiss,
        Snooze(u64),
        Note,
    }

    fn step() -> impl Strategy<Value = (Step, u64)> {
        let status = prop::sample::select(vec![
            Status::Applied,
            Status::Interviewing,
            Status::Rejected,
            Status::Rejected,
            Status::Offer,
            Status::Ghosted,
        ]);
        let what = prop_oneof![
            3 => status.prop_map(Step::Status),
            1 => Just(Step::Followup),
            1 => Just(Step::Dismiss),
            2 => (0..45u64).prop_map(Step::Snooze),
            1 => Just(Step::Note),
        ];
        (what, 0..12u64)
    }

    fn history(steps: &[(Step, u64)], start: NaiveDate) -> Vec<Event> {
        let at = DateTime::UNIX_EPOCH;
        let mut on = start;
        let mut events = vec![Event::status_change(None, Status::Applied, on, at)];
        for (step, gap) in steps {
            on = on + Days::new(*gap);
            events.push(match step {
                Step::Status(status) => Event::status_change(None, *status, on, at),
                Step::Followup => Event::new(EventKind::Followup, on, at),
                Step::Dismiss => Event::new(EventKind::Dismiss, on, at),
                Step::Snooze(days) => Event {
                    until: Some(on + Days::new(*days)),
                    ..Event::new(EventKind::Snooze, on, at)
                },
                Step::Note => Event::new(EventKind::Note, on, at),
            });
        }
        events
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// `due`'s indexed query plus the rule gives, for every scope, exactly what the rule says about each
        /// application's whole history.
        #[test]
        fn the_fast_query_and_the_rule_agree(
            apps in prop::collection::vec(prop::collection::vec(step(), 0..8), 1..12),
            today_offset in 0..160u64,
            after in 0..10u32,
            extra in 1..50u32,
        ) {
            let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let today = start + Days::new(today_offset);
            let window = Window::new(after, after + extra, "after", "expire").unwrap();
            let mut store = Store::open_in_memory().unwrap();
            let mut ids = Vec::new();
            for (index, steps) in apps.iter().enumerate() {
                let fields = Fields { company: format!("C{index}"), position: "P".into(), ..Fields::default() };
                let events = history(steps, start);
                let far = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
                ids.push(store.write(|tx| store::create(tx, &fields, DateTime::UNIX_EPOCH, &events, far)).unwrap());
            }
            let loaded: Vec<_> = ids.iter().map(|id| store::load(store.conn(), *id).unwrap()).collect();
            for scope in [Scope::Due, Scope::Open, Scope::All] {
                let fast: Vec<(i64, DueState)> = rows(store.conn(), today, window, scope, FollowupKind::Combined)
                    .unwrap()
                    .into_iter()
                    .map(|row| (row.id, row.state))
                    .collect();
                let mut slow: Vec<(NaiveDate, i64, DueState)> = loaded
                    .iter()
                    .filter(|app| app.status_on <= today)
                    .filter_map(|app| Reminder::of(app).map(|r| (r.rejected_on, app.id, r.state(today, window))))
                    .filter(|(_, _, state)| match scope {
                        Scope::Due => *state == DueState::Due,
                        Scope::Open => matches!(state, DueState::Due | DueState::Waiting | DueState::Snoozed),
                        Scope::All => *state != DueState::Closed,
                    })
                    .collect();
                slow.sort_by_key(|(on, id, _)| (*on, *id));
                let slow: Vec<(i64, DueState)> = slow.into_iter().map(|(_, id, state)| (id, state)).collect();
                prop_assert_eq!(&fast, &slow, "scope {:?}", scope);
            }
        }
    }
}
