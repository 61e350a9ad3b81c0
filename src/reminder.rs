//! The follow-up rule: when a rejection's follow-up is due. A pure function of the data and `today`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::dates::days_between;
use crate::model::{Application, Event, EventKind, Status};

/// What the history says about one rejection's follow-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reminder {
    /// The day of the rejection (the application's current status).
    pub rejected_on: NaiveDate,
    /// A follow-up was sent, or reminders were dismissed, after that rejection.
    pub closed: bool,
    /// The newest snooze after that rejection: hidden until this day.
    pub snoozed_until: Option<NaiveDate>,
}

impl Reminder {
    /// The follow-up facts of a rejected application, from its events (the same facts `store::due` reads in
    /// SQL for many applications at once); `None` when it is not rejected.
    pub fn of(app: &Application) -> Option<Reminder> {
        if app.status != Status::Rejected {
            return None;
        }
        let since = since_last_status(app);
        Some(Reminder {
            rejected_on: app.status_on,
            closed: since
                .iter()
                .any(|e| matches!(e.kind, EventKind::Followup | EventKind::Dismiss)),
            snoozed_until: since
                .iter()
                .rev()
                .find(|e| e.kind == EventKind::Snooze)
                .and_then(|e| e.until),
        })
    }
}

/// The events after the application's newest status change (for a rejected one: since the rejection).
pub fn since_last_status(app: &Application) -> &[Event] {
    let start = app
        .events
        .iter()
        .rposition(|e| e.kind == EventKind::Status)
        .map_or(0, |i| i + 1);
    &app.events[start..]
}

/// When reminders start and stop, in calendar days after the rejection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub after_days: u32,
    pub expire_after_days: u32,
}

/// Where a rejection's follow-up stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DueState {
    /// Too recent: due once `after_days` have passed.
    Waiting,
    /// Due now.
    Due,
    /// Due, but hidden by a snooze until a later day.
    Snoozed,
    /// Older than `expire_after_days`: no longer reminded.
    Missed,
    /// Sent or dismissed.
    Closed,
}

impl DueState {
    pub fn as_str(self) -> &'static str {
        match self {
            DueState::Waiting => "waiting",
            DueState::Due => "due",
            DueState::Snoozed => "snoozed",
            DueState::Missed => "missed",
            DueState::Closed => "closed",
        }
    }
}

/// The rule. Due when at least `after_days` calendar days have passed since the rejection, no more than
/// `expire_after_days`, nothing closed it, and no snooze lasts beyond today (a snooze until D is due again on D).
pub fn due_state(reminder: &Reminder, today: NaiveDate, window: Window) -> DueState {
    if reminder.closed {
        return DueState::Closed;
    }
    let days = days_between(reminder.rejected_on, today);
    if days < i64::from(window.after_days) {
        DueState::Waiting
    } else if days > i64::from(window.expire_after_days) {
        DueState::Missed
    } else if reminder.snoozed_until.is_some_and(|until| until > today) {
        DueState::Snoozed
    } else {
        DueState::Due
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    const WINDOW: Window = Window {
        after_days: 2,
        expire_after_days: 30,
    };

    fn state(rejected: &str, today: &str, closed: bool, snoozed: Option<&str>) -> DueState {
        let reminder = Reminder {
            rejected_on: day(rejected),
            closed,
            snoozed_until: snoozed.map(day),
        };
        due_state(&reminder, day(today), WINDOW)
    }

    #[test]
    fn boundaries() {
        let cases = [
            // rejected,    today,        closed, snoozed until, expected
            ("2026-11-20", "2026-11-20", false, None, DueState::Waiting),
            ("2026-11-20", "2026-11-21", false, None, DueState::Waiting), // N-1 days
            ("2026-11-20", "2026-11-22", false, None, DueState::Due),     // exactly N days
            ("2026-11-20", "2026-12-20", false, None, DueState::Due),     // the expiry day (30 days)
            ("2026-11-20", "2026-12-21", false, None, DueState::Missed),  // 31 days
            ("2026-11-20", "2026-11-25", true, None, DueState::Closed),
            ("2026-11-20", "2026-11-25", false, Some("2026-11-26"), DueState::Snoozed), // a snooze's last day
            ("2026-11-20", "2026-11-26", false, Some("2026-11-26"), DueState::Due),     // the day it ends
            ("2026-11-20", "2026-11-25", false, Some("2026-11-24"), DueState::Due),     // an old snooze
            ("2026-11-20", "2026-11-21", false, Some("2026-11-28"), DueState::Waiting),
            ("2026-10-01", "2026-12-21", false, Some("2026-12-30"), DueState::Missed), // a snooze never revives it
            ("2026-12-31", "2027-01-02", false, None, DueState::Due),                  // across a year
            ("2028-02-27", "2028-02-29", false, None, DueState::Due),                  // leap day
        ];
        for (rejected, today, closed, snoozed, expected) in cases {
            assert_eq!(
                state(rejected, today, closed, snoozed),
                expected,
                "{rejected} {today} {snoozed:?}"
            );
        }
    }

    #[test]
    fn zero_days_means_due_the_same_day() {
        let window = Window {
            after_days: 0,
            expire_after_days: 30,
        };
        let reminder = Reminder {
            rejected_on: day("2026-11-20"),
            closed: false,
            snoozed_until: None,
        };
        assert_eq!(due_state(&reminder, day("2026-11-20"), window), DueState::Due);
    }
}
