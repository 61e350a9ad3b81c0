//! What a calendar shows of the follow-ups: each one that is due or coming, with the day it becomes due.
//! Today these are rejection follow-ups (with a snooze, due again on the day it ends); other kinds of
//! follow-up join as further `ItemKind`s with their own arm in [`items`].

use chrono::NaiveDate;

use super::{DueState, Reminder, Window};
use crate::model::Application;

/// What a calendar item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// The follow-up email after a rejection.
    RejectionFollowup,
}

impl ItemKind {
    /// The name in an item's stable identity (a calendar UID): never change it.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::RejectionFollowup => "rejection-followup",
        }
    }
}

/// A follow-up due or coming, as a calendar shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub app_id: i64,
    pub kind: ItemKind,
    /// What tells this item from others of its kind in the same application, for as long as it exists (the
    /// rejection's day): with the id and kind, the item's stable identity.
    pub anchor: NaiveDate,
    /// The day it becomes (or became) due: for a snoozed one, the day the snooze ends.
    pub on: NaiveDate,
    /// The last day it is due.
    pub until: NaiveDate,
    /// `Waiting`, `Due` or `Snoozed`.
    pub state: DueState,
}

/// The application's follow-ups that are due or coming on `today`; sent, dismissed and missed ones are not.
pub fn items(app: &Application, today: NaiveDate, window: Window) -> Vec<Item> {
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
    items
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
        let w = Window::DEFAULT;
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
        assert_eq!(items(&app(&[applied]), day("2026-11-27"), w), []);
        let a = app(&[applied, rejected]);
        assert_eq!(items(&a, day("2026-11-21"), w), [item("2026-11-22", DueState::Waiting)]);
        assert_eq!(items(&a, day("2026-11-27"), w), [item("2026-11-22", DueState::Due)]);
        assert_eq!(items(&a, day("2026-12-21"), w), [], "missed");
        let snoozed = app(&[
            applied,
            rejected,
            (EventKind::Snooze, None, "2026-11-23", Some("2026-12-01")),
        ]);
        assert_eq!(
            items(&snoozed, day("2026-11-27"), w),
            [item("2026-12-01", DueState::Snoozed)]
        );
        let sent = app(&[applied, rejected, (EventKind::Followup, None, "2026-11-24", None)]);
        assert_eq!(items(&sent, day("2026-11-27"), w), []);
    }
}
