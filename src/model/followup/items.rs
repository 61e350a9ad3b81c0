//! What a calendar shows: each follow-up that is due or coming, with the day it becomes due (a rejection's
//! follow-up, due again on the day a snooze ends; a check-in; a thank-you note), and each interview round
//! that was not cancelled. The states come from the rule ([`Reminder`], [`Silence::assess`]); nothing here
//! decides anew when a follow-up is due.

use chrono::{DateTime, NaiveDate, Utc};

use super::{Delays, DueKind, DueState, Reminder, Silence, Window};
use crate::model::{Application, Status};

/// What a calendar item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// The follow-up email after a rejection.
    RejectionFollowup,
    /// A status inquiry after a silence.
    Checkin,
    /// A thank-you note after an interview.
    Thanks,
}

impl ItemKind {
    /// The name in an item's stable identity (a calendar UID): never change it.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::RejectionFollowup => "rejection-followup",
            ItemKind::Checkin => "checkin",
            ItemKind::Thanks => "thanks",
        }
    }
}

/// A follow-up due or coming, as a calendar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub app_id: i64,
    pub kind: ItemKind,
    /// What tells this item from others of its kind in the same application, for as long as it exists (the
    /// rejection's day, the silence's start, the interview's day): with the id and kind, the item's stable
    /// identity.
    pub anchor: NaiveDate,
    /// The day it becomes (or became) due: for a snoozed one, the day the snooze ends.
    pub on: NaiveDate,
    /// The last day it is due.
    pub until: NaiveDate,
    /// `Waiting`, `Due` or `Snoozed`.
    pub state: DueState,
}

/// The application's follow-ups that are due or coming on `today`; sent, dismissed and missed ones are not,
/// nor the suggestion to mark it ghosted (a status change, not something to send).
pub fn items(app: &Application, today: NaiveDate, window: Window, delays: Delays) -> Vec<Item> {
    let mut items = Vec::new();
    if let Some(reminder) = Reminder::of(app) {
        let state = reminder.state(today, window);
        if matches!(state, DueState::Waiting | DueState::Due | DueState::Snoozed) {
            items.push(Item {
                app_id: app.id,
                kind: ItemKind::RejectionFollowup,
                anchor: reminder.rejected_on,
                on: reminder.wakes_on(window),
                until: window.last_day(reminder.rejected_on),
                state,
            });
        }
    }
    if let Some(silence) = Silence::of(app) {
        let a = silence.assess(today, delays);
        let kind = match a.kind {
            DueKind::Checkin => Some(ItemKind::Checkin),
            DueKind::Thanks => Some(ItemKind::Thanks),
            DueKind::Rejection | DueKind::Ghost => None,
        };
        if let (Some(kind), Some(until)) = (kind, a.expires_on) {
            items.push(Item {
                app_id: app.id,
                kind,
                anchor: a.since,
                on: a.due_on,
                until,
                state: a.state,
            });
        }
    }
    items
}

/// An interview round, as a calendar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub app_id: i64,
    /// 1 for the application's first interview: with the id, the round's stable identity (rounds are only
    /// ever added or undone newest first, so the number of a round stays its own).
    pub number: usize,
    /// The local day it takes place.
    pub on: NaiveDate,
    /// Its start, when a time was given.
    pub at: Option<DateTime<Utc>>,
    pub with: Vec<String>,
    pub note: Option<String>,
}

/// The application's interview rounds, past and ahead, but those cancelled: a round is cancelled by a later
/// rejection, offer, withdrawal or ghosting recorded for a day before it (or, for a round with a time, the same
/// day, before its start).
pub fn rounds(app: &Application) -> Vec<Round> {
    let (mut rounds, mut number) = (Vec::new(), 0);
    for (i, event) in app.events.iter().enumerate() {
        let Some(on) = event.interview_on else {
            continue;
        };
        number += 1;
        let cancelled = app.events[i + 1..].iter().any(|later| {
            later.status.is_some_and(|s| s != Status::Interviewing)
                && (later.on < on || (later.on == on && event.at.is_some_and(|at| later.recorded_at < at)))
        });
        if !cancelled {
            rounds.push(Round {
                app_id: app.id,
                number,
                on,
                at: event.at,
                with: event.with.clone(),
                note: event.note.clone(),
            });
        }
    }
    rounds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventKind, Fields, Status};
    use chrono::{TimeZone, Utc};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn app(history: &[(EventKind, Option<Status>, &str, Option<&str>)]) -> Application {
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        let events: Vec<Event> = history
            .iter()
            .map(|(kind, status, on, until)| Event {
                status: *status,
                until: until.map(day),
                ..Event::new(*kind, day(on), at)
            })
            .collect();
        of(events)
    }

    fn of(events: Vec<Event>) -> Application {
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        let last = events.iter().rev().find(|e| e.status.is_some()).unwrap();
        Application {
            id: 7,
            fields: Fields::default(),
            created_at: at,
            status: last.status.unwrap(),
            status_on: last.on,
            last_event_on: events.last().unwrap().on,
            events,
        }
    }

    #[test]
    fn due_and_coming_follow_ups_only() {
        let (w, d) = (Window::DEFAULT, Delays::DEFAULT);
        let applied = (EventKind::Status, Some(Status::Applied), "2026-10-01", None);
        let rejected = (EventKind::Status, Some(Status::Rejected), "2026-11-20", None);
        let item = |on: &str, state| Item {
            app_id: 7,
            kind: ItemKind::RejectionFollowup,
            anchor: day("2026-11-20"),
            on: day(on),
            until: day("2026-12-20"),
            state,
        };
        assert_eq!(items(&app(&[applied]), day("2026-11-27"), w, d), []);
        let a = app(&[applied, rejected]);
        assert_eq!(
            items(&a, day("2026-11-21"), w, d),
            [item("2026-11-22", DueState::Waiting)]
        );
        assert_eq!(items(&a, day("2026-11-27"), w, d), [item("2026-11-22", DueState::Due)]);
        assert_eq!(items(&a, day("2026-12-21"), w, d), [], "missed");
        let snoozed = app(&[
            applied,
            rejected,
            (EventKind::Snooze, None, "2026-11-23", Some("2026-12-01")),
        ]);
        assert_eq!(
            items(&snoozed, day("2026-11-27"), w, d),
            [item("2026-12-01", DueState::Snoozed)]
        );
        let sent = app(&[applied, rejected, (EventKind::Followup, None, "2026-11-24", None)]);
        assert_eq!(items(&sent, day("2026-11-27"), w, d), []);
    }

    fn recorded(y: i32, m: u32, d: u32, h: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    fn applied_on(on: &str) -> Event {
        Event::status_change(None, Status::Applied, day(on), recorded(2026, 11, 1, 9))
    }

    /// An interview recorded on 2026-11-25, at `at` (a day in December 2026, 14:00 UTC) or all day on the 25th.
    fn interview(from: Status, at: Option<u32>, with: &[&str]) -> Event {
        let at = at.map(|d| (recorded(2026, 12, d, 14), NaiveDate::from_ymd_opt(2026, 12, d).unwrap()));
        let with = with.iter().map(|n| (*n).to_owned()).collect();
        Event::interview(from, day("2026-11-25"), at, with, recorded(2026, 11, 25, 9))
    }

    #[test]
    fn check_ins_and_thank_you_notes_keep_their_identity_from_coming_to_due() {
        let (w, d) = (Window::DEFAULT, Delays::DEFAULT);
        let item = |kind, anchor: &str, on: &str, until: &str, state| Item {
            app_id: 7,
            kind,
            anchor: day(anchor),
            on: day(on),
            until: day(until),
            state,
        };
        let checkin = |state| item(ItemKind::Checkin, "2026-11-01", "2026-11-15", "2026-12-15", state);
        let quiet = of(vec![applied_on("2026-11-01")]);
        assert_eq!(items(&quiet, day("2026-11-10"), w, d), [checkin(DueState::Waiting)]);
        assert_eq!(items(&quiet, day("2026-11-20"), w, d), [checkin(DueState::Due)]);
        assert_eq!(
            items(&quiet, day("2026-12-16"), w, d),
            [],
            "ghost? is not a calendar item"
        );
        let mut sent = Event::new(EventKind::Followup, day("2026-11-16"), recorded(2026, 11, 16, 9));
        sent.template = Some(crate::model::FollowupKind::Checkin);
        let checked = of(vec![applied_on("2026-11-01"), sent]);
        assert_eq!(items(&checked, day("2026-11-20"), w, d), [], "sent");

        let planned = of(vec![
            applied_on("2026-11-01"),
            interview(Status::Applied, Some(3), &["Dana Rivera"]),
        ]);
        let thanks = |state| item(ItemKind::Thanks, "2026-12-03", "2026-12-03", "2026-12-05", state);
        assert_eq!(items(&planned, day("2026-11-27"), w, d), [thanks(DueState::Waiting)]);
        assert_eq!(items(&planned, day("2026-12-04"), w, d), [thanks(DueState::Due)]);
        assert_eq!(
            items(&planned, day("2026-12-06"), w, d),
            [item(
                ItemKind::Checkin,
                "2026-12-03",
                "2026-12-10",
                "2027-01-16",
                DueState::Waiting
            )],
            "after the note's window, a check-in a week after the interview"
        );
    }

    #[test]
    fn rounds_are_numbered_and_a_rejection_cancels_those_after_it() {
        let first = interview(Status::Applied, None, &[]);
        let second = interview(Status::Interviewing, Some(3), &["Dana Rivera", "Sam Lee"]);
        let rejected = |on: &str, at| Event::status_change(Some(Status::Interviewing), Status::Rejected, day(on), at);
        let both = of(vec![applied_on("2026-11-01"), first.clone(), second.clone()]);
        let rounds_of = |app: &Application| -> Vec<(usize, NaiveDate, bool)> {
            rounds(app).iter().map(|r| (r.number, r.on, r.at.is_some())).collect()
        };
        assert_eq!(
            rounds_of(&both),
            [(1, day("2026-11-25"), false), (2, day("2026-12-03"), true)]
        );
        assert_eq!(rounds(&both)[1].with, ["Dana Rivera", "Sam Lee"]);
        assert_eq!(rounds(&both)[1].at, Some(recorded(2026, 12, 3, 14)));
        let cancelled = of(vec![
            applied_on("2026-11-01"),
            first.clone(),
            second.clone(),
            rejected("2026-11-27", recorded(2026, 11, 27, 9)),
        ]);
        assert_eq!(rounds_of(&cancelled), [(1, day("2026-11-25"), false)]);
        let same_day_before = of(vec![
            applied_on("2026-11-01"),
            first.clone(),
            second.clone(),
            rejected("2026-12-03", recorded(2026, 12, 3, 10)),
        ]);
        assert_eq!(rounds_of(&same_day_before).len(), 1);
        let after_it = of(vec![
            applied_on("2026-11-01"),
            first,
            second,
            rejected("2026-12-03", recorded(2026, 12, 3, 16)),
        ]);
        assert_eq!(rounds_of(&after_it).len(), 2, "turned down after the interview");
    }
}
