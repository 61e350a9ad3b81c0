//! What `list` and `stats` need from an application's history, cached on the application by the store.

use chrono::NaiveDate;

use super::{Event, EventKind, Status, furthest_stage};

/// The facts of a history that the store caches beside each application (migration 4 names the columns).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryCache {
    /// The day of the first status that means the application was sent (`Status::is_sent`).
    pub applied_on: Option<NaiveDate>,
    /// The day of the first answer (`Status::is_answer`).
    pub answered_on: Option<NaiveDate>,
    /// The furthest stage reached.
    pub furthest: Option<Status>,
    /// The day of the newest follow-up after the newest status change.
    pub followed_up_on: Option<NaiveDate>,
    /// A reply after that follow-up.
    pub replied: bool,
    /// A dismissal after the newest status change.
    pub dismissed: bool,
}

impl HistoryCache {
    /// The cache of a whole history, oldest event first.
    pub fn of(events: &[Event]) -> HistoryCache {
        let first = |pred: fn(Status) -> bool| events.iter().find(|e| e.status.is_some_and(pred)).map(|e| e.on);
        let since_status = match events.iter().rposition(|e| e.kind == EventKind::Status) {
            Some(i) => &events[i + 1..],
            None => events,
        };
        let followup = since_status.iter().rposition(|e| e.kind == EventKind::Followup);
        HistoryCache {
            applied_on: first(Status::is_sent),
            answered_on: first(Status::is_answer),
            furthest: furthest_stage(events),
            followed_up_on: followup.map(|i| since_status[i].on),
            replied: followup.is_some_and(|i| since_status[i + 1..].iter().any(|e| e.kind == EventKind::Reply)),
            dismissed: since_status.iter().any(|e| e.kind == EventKind::Dismiss),
        }
    }
}
