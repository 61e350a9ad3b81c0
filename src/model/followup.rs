//! The follow-up rule, in one place: what it reads from an application's history (its inputs), where a
//! rejection's follow-up stands on a given day (its states), what closes it, how long a snooze may last, and
//! which email a sent follow-up was. `due`, `followup`, `dismiss` and `snooze` all ask this module; the SQL in
//! `store::due` reads the same inputs for many applications at once, and a property test there checks that
//! the two agree on random histories.

use anyhow::{Result, bail};
use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::{Application, Event, EventKind, FollowupKind, Status};
use crate::dates::{days_between, format_day};

mod items;
pub use items::{Item, ItemKind, Round, items, rounds};
mod silence;

pub use silence::{Assessment, Delays, DueKind, Silence};

/// When reminders start and stop, in calendar days after the rejection. Built only through [`Window::new`],
/// so a window in which nothing could ever be due does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    after_days: u32,
    expire_after_days: u32,
}

/// Rows this close to the end of their window say how many days are left (in `due --all` and notifications).
pub const CLOSING_DAYS: i64 = 3;

impl Window {
    /// The defaults of `followup.after_days` and `followup.expire_after_days`.
    pub const DEFAULT: Window = Window {
        after_days: 2,
        expire_after_days: 30,
    };

    /// `after_days` is named by `after`, `expire_after_days` by `expire` in the error, which must say where
    /// each number came from (a config key, a command-line option).
    pub fn new(after_days: u32, expire_after_days: u32, after: &str, expire: &str) -> Result<Window> {
        if expire_after_days <= after_days {
            bail!(
                "{expire} ({expire_after_days}) must be greater than {after} ({after_days}), or no follow-up would ever be due (raise {expire} or lower {after})"
            );
        }
        Ok(Window {
            after_days,
            expire_after_days,
        })
    }

    pub fn after_days(self) -> u32 {
        self.after_days
    }

    pub fn expire_after_days(self) -> u32 {
        self.expire_after_days
    }

    /// The rejection days whose follow-up can be due on `today` (inclusive): what `store::due` reads.
    pub fn due_range(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        (
            days_before(today, self.expire_after_days),
            days_before(today, self.after_days),
        )
    }

    /// The first and the last day a rejection on `rejected_on` is due.
    pub fn first_day(self, rejected_on: NaiveDate) -> NaiveDate {
        days_after(rejected_on, self.after_days)
    }

    pub fn last_day(self, rejected_on: NaiveDate) -> NaiveDate {
        days_after(rejected_on, self.expire_after_days)
    }
}

/// `today` minus `days`, stopping at the calendar's first day.
pub fn days_before(today: NaiveDate, days: u32) -> NaiveDate {
    today
        .checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

fn days_after(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// The rule's inputs: what the history says about the current rejection's follow-up.
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
    /// The inputs for a rejected application, from its events; `None` when it is not rejected.
    pub fn of(app: &Application) -> Option<Reminder> {
        if app.status != Status::Rejected {
            return None;
        }
        let since = since_last_status(&app.events);
        Some(Reminder {
            rejected_on: app.status_on,
            closed: closing(since).is_some(),
            snoozed_until: since
                .iter()
                .rev()
                .find(|e| e.kind == EventKind::Snooze)
                .and_then(|e| e.until),
        })
    }

    /// Where the follow-up stands on `today`.
    pub fn state(&self, today: NaiveDate, window: Window) -> DueState {
        if self.closed {
            return DueState::Closed;
        }
        let days = days_between(self.rejected_on, today);
        if days < i64::from(window.after_days) {
            DueState::Waiting
        } else if days > i64::from(window.expire_after_days) {
            DueState::Missed
        } else if self.snoozed_until.is_some_and(|until| until > today) {
            DueState::Snoozed
        } else {
            DueState::Due
        }
    }

    /// The day a waiting or snoozed follow-up becomes due.
    pub fn wakes_on(&self, window: Window) -> NaiveDate {
        let first = window.first_day(self.rejected_on);
        self.snoozed_until.map_or(first, |until| until.max(first))
    }

    /// Days left on `today` before the follow-up stops being due (0 on its last day); `None` once missed.
    pub fn days_left(&self, today: NaiveDate, window: Window) -> Option<i64> {
        let left = days_between(today, window.last_day(self.rejected_on));
        (left >= 0).then_some(left)
    }

    /// Checks a snooze until `until`: it must end after `today` and no later than the last day the follow-up
    /// is due (a later one would turn it into a missed follow-up without a word).
    pub fn check_snooze(&self, until: NaiveDate, today: NaiveDate, window: Window) -> Result<()> {
        if until <= today {
            bail!(
                "cannot snooze until {}: the date must be after today ({}), e.g. --until tomorrow",
                format_day(until),
                format_day(today)
            );
        }
        let last = window.last_day(self.rejected_on);
        if today > last {
            bail!(
                "nothing to snooze: this follow-up was due until {} and is now missed (stop its reminders with: tracker dismiss ID)",
                format_day(last)
            );
        }
        if until > last {
            bail!(
                "cannot snooze until {}: this follow-up stops being due after {} ({} days after the rejection, followup.expire_after_days); snooze until {} at the latest, or dismiss it",
                format_day(until),
                format_day(last),
                window.expire_after_days,
                format_day(last)
            );
        }
        Ok(())
    }
}

/// The events after the newest status change (for a rejected application: since the rejection).
pub fn since_last_status(events: &[Event]) -> &[Event] {
    let start = events
        .iter()
        .rposition(|e| e.kind == EventKind::Status)
        .map_or(0, |i| i + 1);
    &events[start..]
}

/// What closes a follow-up: the first `followup` (sent) or `dismiss` event among `since` (the events since the
/// rejection).
pub fn closing(since: &[Event]) -> Option<&Event> {
    since
        .iter()
        .find(|e| matches!(e.kind, EventKind::Followup | EventKind::Dismiss))
}

/// Where a rejection's follow-up stands on a day.
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

/// The rejection whose follow-up a command is about, or why there is none: names the application's state and
/// what follow-ups apply to, and suggests recording a rejection only where one could still come.
pub fn rejection(app: &Application) -> Result<Reminder> {
    if let Some(reminder) = Reminder::of(app) {
        return Ok(reminder);
    }
    let id = app.id;
    let status = app.status;
    let hint = match status {
        Status::Saved | Status::Applied | Status::Interviewing | Status::Ghosted => {
            format!("if they turned you down, record it with: tracker reject {id}")
        }
        Status::Offer | Status::Accepted => "there is nothing to follow up on after an offer".to_owned(),
        Status::Withdrawn => "you withdrew it, so there is nothing to follow up on".to_owned(),
        Status::Rejected => unreachable!("a rejected application has a reminder"),
    };
    bail!("application {id} is {status}, not rejected: follow-ups are for rejections ({hint})")
}

/// The kind of follow-up an application is about on `today`: its rejection's, else (applied or interviewing)
/// a thank-you note, a check-in or ghosting; an error naming its state when no follow-up applies to it.
pub fn current(app: &Application, today: NaiveDate, delays: Delays) -> Result<DueKind> {
    if Reminder::of(app).is_some() {
        return Ok(DueKind::Rejection);
    }
    if let Some(silence) = Silence::of(app) {
        return Ok(silence.assess(today, delays).kind);
    }
    let (id, status) = (app.id, app.status);
    let hint = match status {
        Status::Saved => format!("once you apply, record it with: tracker status {id} applied"),
        Status::Offer | Status::Accepted => "there is nothing to follow up on after an offer".to_owned(),
        Status::Withdrawn => "you withdrew it, so there is nothing to follow up on".to_owned(),
        Status::Ghosted => format!("if they answer after all, record it with: tracker status {id} applied"),
        Status::Applied | Status::Interviewing | Status::Rejected => unreachable!("these have a follow-up rule"),
    };
    bail!(
        "application {id} is {status}: follow-ups are for rejections, applications waiting for news, and interviews ({hint})"
    )
}

/// Like [`rejection`], and also an error when the follow-up was already sent or dismissed.
pub fn open_rejection(app: &Application) -> Result<Reminder> {
    let reminder = rejection(app)?;
    match closing(since_last_status(&app.events)) {
        None => Ok(reminder),
        Some(event) => {
            let what = if event.kind == EventKind::Followup {
                "sent"
            } else {
                "dismissed"
            };
            bail!(
                "the follow-up to application {} was already {what} on {}",
                app.id,
                format_day(event.on)
            )
        }
    }
}

/// The email a follow-up recorded with `--sent` was: the one named on the command line, else the last draft
/// printed since the rejection, else the configured default.
pub fn sent_kind(
    named: Option<FollowupKind>,
    last_printed: Option<FollowupKind>,
    configured: FollowupKind,
) -> FollowupKind {
    named.or(last_printed).unwrap_or(configured)
}

#[cfg(test)]
mod tests;
