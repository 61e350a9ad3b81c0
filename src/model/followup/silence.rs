//! The follow-ups of an open application: a thank-you note after an interview, a check-in when the employer
//! has been silent, and the suggestion to mark it ghosted when the silence goes on.
//!
//! Inputs come from the history (`Silence::of`); `store::due` finds, through indexes, the few applications
//! that can be due, and a property test in `cmd::due` checks that nothing the rule would list is missed.
//!
//! The rule, for an application that is `applied` or `interviewing`:
//! - **thanks**: after the newest interview (its day D), a note is due from D to D + `thanks.within_days`,
//!   unless a follow-up was sent or reminders were dismissed since that interview.
//! - **checkin**: when no event happened for `checkin.after_days` days (`applied`) or
//!   `checkin.after_interview_days` days after the later of the newest event and the interview's day
//!   (`interviewing`), a check-in is due, once per silence: sending it closes it, and any other event starts a
//!   new silence.
//! - **ghost?**: once the silence has lasted `checkin.ghost_after_days` (and at least the check-in delay has
//!   passed since the newest event, a sent check-in included), `due` suggests `tracker ghost ID`.

use anyhow::{Result, bail};
use chrono::{Days, NaiveDate};

use super::DueState;
use crate::dates::days_between;
use crate::model::{Application, Event, EventKind, FollowupKind, Status};

/// The delays of check-ins, ghosting and thank-you notes, in calendar days. Built through [`Delays::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delays {
    checkin: u32,
    after_interview: u32,
    ghost: u32,
    thanks: u32,
}

impl Delays {
    /// The defaults of `checkin.after_days`, `checkin.after_interview_days`, `checkin.ghost_after_days` and
    /// `thanks.within_days`.
    pub const DEFAULT: Delays = Delays {
        checkin: 14,
        after_interview: 7,
        ghost: 45,
        thanks: 2,
    };

    /// The ghost delay must be longer than both check-in delays, or a check-in would never be offered.
    pub fn new(checkin: u32, after_interview: u32, ghost: u32, thanks: u32) -> Result<Delays> {
        for (name, days) in [
            ("checkin.after_days", checkin),
            ("checkin.after_interview_days", after_interview),
        ] {
            if ghost <= days {
                bail!(
                    "checkin.ghost_after_days ({ghost}) must be greater than {name} ({days}), or no check-in would ever be offered (raise checkin.ghost_after_days or lower {name})"
                );
            }
        }
        Ok(Delays {
            checkin,
            after_interview,
            ghost,
            thanks,
        })
    }

    pub fn checkin(self) -> u32 {
        self.checkin
    }
    pub fn after_interview(self) -> u32 {
        self.after_interview
    }
    pub fn ghost(self) -> u32 {
        self.ghost
    }
    pub fn thanks(self) -> u32 {
        self.thanks
    }

    /// Days of silence before a check-in, by status.
    fn quiet_for(self, status: Status) -> u32 {
        if status == Status::Interviewing {
            self.after_interview
        } else {
            self.checkin
        }
    }

    /// The newest `last_event_on` an application of `status` can have to be due a check-in or ghosting on
    /// `today` (what `store::due` reads through an index).
    pub fn quiet_latest(self, status: Status, today: NaiveDate) -> NaiveDate {
        super::days_before(today, self.quiet_for(status))
    }
}

/// Which follow-up an application is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DueKind {
    /// A rejection's feedback or network email.
    Rejection,
    /// A status inquiry after a silence.
    Checkin,
    /// A thank-you note after an interview.
    Thanks,
    /// Silent for so long that it is probably ghosted.
    Ghost,
}

impl DueKind {
    pub const ALL: [DueKind; 4] = [DueKind::Rejection, DueKind::Checkin, DueKind::Thanks, DueKind::Ghost];

    pub fn as_str(self) -> &'static str {
        match self {
            DueKind::Rejection => "rejection",
            DueKind::Checkin => "checkin",
            DueKind::Thanks => "thanks",
            DueKind::Ghost => "ghost?",
        }
    }

    /// The email a follow-up of this kind is, `None` for ghosting (a status change, not an email); a
    /// rejection's email is the configured one.
    pub fn template(self, rejection: FollowupKind) -> Option<FollowupKind> {
        match self {
            DueKind::Rejection => Some(rejection),
            DueKind::Checkin => Some(FollowupKind::Checkin),
            DueKind::Thanks => Some(FollowupKind::Thanks),
            DueKind::Ghost => None,
        }
    }
}

impl serde::Serialize for DueKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The rule's inputs for an open application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Silence {
    /// `applied` or `interviewing`.
    pub status: Status,
    /// The newest event's day, of any kind.
    pub last_event_on: NaiveDate,
    /// The day the silence started: the newest event that is neither a sent check-in nor a snooze.
    pub quiet_since: NaiveDate,
    /// A check-in was sent since `quiet_since`.
    pub checked_in: bool,
    /// `interviewing`: the day of the newest interview (it may be after `last_event_on`).
    pub interview_on: Option<NaiveDate>,
    /// A follow-up was sent, or reminders dismissed, since the newest interview.
    pub thanked: bool,
}

/// Where an open application's follow-up stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assessment {
    pub kind: DueKind,
    pub state: DueState,
    /// The day the follow-up counts from: the interview's day (thanks), the silence's start (check-in,
    /// ghost?).
    pub since: NaiveDate,
    /// The day a waiting follow-up becomes due.
    pub wakes_on: Option<NaiveDate>,
    /// The day it becomes, or became, due (what a calendar shows it on).
    pub due_on: NaiveDate,
    /// The last day it is due; `None` for ghost? (due until you act on it).
    pub expires_on: Option<NaiveDate>,
}

/// A sent check-in: it does not end the silence it asks about.
fn is_checkin(event: &Event) -> bool {
    event.kind == EventKind::Followup && event.template == Some(FollowupKind::Checkin)
}

/// What ends a silence: any event but a sent check-in or a snooze.
fn breaks_silence(event: &Event) -> bool {
    event.kind != EventKind::Snooze && !is_checkin(event)
}

fn plus(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

impl Silence {
    /// The inputs for an application that is `applied` or `interviewing`; `None` otherwise.
    pub fn of(app: &Application) -> Option<Silence> {
        Silence::from_history(app.status, app.last_event_on, &app.events)
    }

    /// The inputs from an application's status, newest event's day and whole history (oldest first).
    pub fn from_history(status: Status, last_event_on: NaiveDate, events: &[Event]) -> Option<Silence> {
        if !matches!(status, Status::Applied | Status::Interviewing) {
            return None;
        }
        let start = events.iter().rposition(breaks_silence)?;
        let interview = events
            .iter()
            .rposition(|e| e.kind == EventKind::Status)
            .filter(|_| status == Status::Interviewing);
        Some(Silence {
            status,
            last_event_on,
            quiet_since: events[start].on,
            checked_in: events[start + 1..].iter().any(is_checkin),
            interview_on: interview.and_then(|i| events[i].interview_on),
            thanked: interview.is_some_and(|i| {
                events[i + 1..]
                    .iter()
                    .any(|e| matches!(e.kind, EventKind::Followup | EventKind::Dismiss))
            }),
        })
    }

    /// Where the application's follow-up stands on `today`: a thank-you note first, else a check-in or the
    /// suggestion to mark it ghosted (or the day one of them will be due).
    pub fn assess(&self, today: NaiveDate, delays: Delays) -> Assessment {
        if let Some(interview) = self.interview_on.filter(|_| !self.thanked) {
            let last = plus(interview, delays.thanks);
            if today <= last {
                let waiting = today < interview;
                return Assessment {
                    kind: DueKind::Thanks,
                    state: if waiting { DueState::Waiting } else { DueState::Due },
                    since: interview,
                    wakes_on: waiting.then_some(interview),
                    due_on: interview,
                    expires_on: Some(last),
                };
            }
        }
        let quiet = delays.quiet_for(self.status);
        let start = self.interview_on.map_or(self.quiet_since, |d| d.max(self.quiet_since));
        let active = self
            .interview_on
            .map_or(self.last_event_on, |d| d.max(self.last_event_on));
        let ghost_on = plus(start, delays.ghost).max(plus(active, quiet));
        let checkin_on = plus(active, quiet);
        if today >= ghost_on {
            return Assessment {
                kind: DueKind::Ghost,
                state: DueState::Due,
                since: start,
                wakes_on: None,
                due_on: ghost_on,
                expires_on: None,
            };
        }
        let kind = if self.checked_in {
            DueKind::Ghost
        } else {
            DueKind::Checkin
        };
        let wakes = if self.checked_in { ghost_on } else { checkin_on };
        let due = !self.checked_in && today >= checkin_on;
        Assessment {
            kind,
            state: if due { DueState::Due } else { DueState::Waiting },
            since: start,
            wakes_on: (!due).then_some(wakes),
            due_on: wakes,
            expires_on: (kind == DueKind::Checkin).then(|| ghost_on.pred_opt().unwrap_or(ghost_on)),
        }
    }
}

impl Assessment {
    /// Days since the day it counts from.
    pub fn days_since(&self, today: NaiveDate) -> i64 {
        days_between(self.since, today)
    }

    /// Days left on `today` before it stops being due (0 on its last day).
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        self.expires_on
            .map(|last| days_between(today, last))
            .filter(|left| *left >= 0)
    }
}

#[cfg(test)]
#[path = "silence_tests.rs"]
mod tests;
