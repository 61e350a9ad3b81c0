//! Plain types and the pure rules about them.

mod fields;
pub mod followup;
pub mod history;
mod kinds;

use anyhow::{Result, bail};
use chrono::{DateTime, NaiveDate, Utc};

pub use fields::{EXPECTED_EMAIL, Input};
pub use kinds::{EventKind, FollowupKind, Status};

use crate::dates::format_day;
use crate::text::{is_blank, visible};

/// The most characters a one-line field may hold.
pub const MAX_FIELD: usize = 20_000;
/// The most characters the notes may hold.
pub const MAX_NOTES: usize = 1_000_000;
/// The most tags an application may have.
pub const MAX_TAGS: usize = 100;

/// The fields a person types in about an application.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fields {
    pub company: String,
    pub position: String,
    pub url: Option<String>,
    pub location: Option<String>,
    pub source: Option<String>,
    pub salary: Option<String>,
    pub notes: Option<String>,
    pub tags: Vec<String>,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub contact_salutation: Option<String>,
}

impl Fields {
    /// Company and position must hold visible text (more than white space and invisible characters).
    pub fn validate(&self) -> Result<()> {
        if is_blank(&self.company) {
            bail!("company must not be empty");
        }
        if is_blank(&self.position) {
            bail!("position must not be empty");
        }
        if self.tags.iter().any(|t| is_blank(t)) {
            bail!("a tag must not be empty");
        }
        // Generous limits that no real application reaches, so a pasted file cannot fill the database.
        let f = self;
        let lines = [
            ("company", Some(&f.company)),
            ("position", Some(&f.position)),
            ("url", f.url.as_ref()),
            ("location", f.location.as_ref()),
            ("source", f.source.as_ref()),
            ("salary", f.salary.as_ref()),
            ("contact", f.contact_name.as_ref()),
            ("email", f.contact_email.as_ref()),
            ("salutation", f.contact_salutation.as_ref()),
        ];
        for (name, value) in lines {
            if value.is_some_and(|v| v.chars().count() > MAX_FIELD) {
                bail!("{name} is longer than {MAX_FIELD} characters (shorten it; keep long text in the notes)");
            }
        }
        if f.notes.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTES) {
            bail!("notes are longer than {MAX_NOTES} characters (keep long documents in files and link to them)");
        }
        if f.tags.len() > MAX_TAGS || f.tags.iter().any(|t| t.chars().count() > MAX_FIELD) {
            bail!("too many or too long tags (at most {MAX_TAGS} tags of {MAX_FIELD} characters)");
        }
        Ok(())
    }

    /// The key that finds another application for the same job: invisible characters (zero-width, direction
    /// marks) removed, trimmed and lower-cased.
    pub fn dup_key(&self) -> String {
        let key = |text: &str| visible(text).trim().to_lowercase();
        format!("{}\u{1f}{}", key(&self.company), key(&self.position))
    }
}

/// One entry in an application's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub on: NaiveDate,
    /// The status before a `status` event.
    pub from: Option<Status>,
    /// The new status of a `status` event.
    pub status: Option<Status>,
    pub note: Option<String>,
    /// The day a `snooze` ends.
    pub until: Option<NaiveDate>,
    /// The email a `followup` event sent.
    pub template: Option<FollowupKind>,
    pub recorded_at: DateTime<Utc>,
    /// An interview (a status event to `interviewing`): the local day it takes place, fixed when recorded.
    pub interview_on: Option<NaiveDate>,
    /// An interview's start, when a time was given (it may be after `on`, the day it was recorded).
    pub at: Option<DateTime<Utc>>,
    /// An interview's interviewers.
    pub with: Vec<String>,
}

impl Event {
    pub fn new(kind: EventKind, on: NaiveDate, recorded_at: DateTime<Utc>) -> Event {
        Event {
            kind,
            on,
            from: None,
            status: None,
            note: None,
            until: None,
            template: None,
            recorded_at,
            interview_on: None,
            at: None,
            with: Vec::new(),
        }
    }

    pub fn status_change(from: Option<Status>, to: Status, on: NaiveDate, recorded_at: DateTime<Utc>) -> Event {
        Event {
            from,
            status: Some(to),
            interview_on: (to == Status::Interviewing).then_some(on),
            ..Event::new(EventKind::Status, on, recorded_at)
        }
    }

    /// An interview round: a status event to `interviewing` recorded on `on`, taking place at `at` (local day
    /// `day`) or, without a time, on `on`.
    pub fn interview(
        from: Status,
        on: NaiveDate,
        at: Option<(DateTime<Utc>, NaiveDate)>,
        with: Vec<String>,
        recorded_at: DateTime<Utc>,
    ) -> Event {
        Event {
            at: at.map(|(instant, _)| instant),
            interview_on: Some(at.map_or(on, |(_, day)| day)),
            with,
            ..Event::status_change(Some(from), Status::Interviewing, on, recorded_at)
        }
    }

    /// Whether this event records an interview.
    pub fn is_interview(&self) -> bool {
        self.interview_on.is_some()
    }

    pub fn with_note(mut self, note: Option<String>) -> Event {
        self.note = note;
        self
    }
}

/// An application with its cached current state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    pub id: i64,
    pub fields: Fields,
    pub created_at: DateTime<Utc>,
    pub status: Status,
    pub status_on: NaiveDate,
    pub last_event_on: NaiveDate,
    /// Oldest first; empty where a listing did not load them.
    pub events: Vec<Event>,
}

impl Application {
    /// The furthest stage the history reached, whatever the status is now.
    pub fn furthest_stage(&self) -> Option<Status> {
        furthest_stage(&self.events)
    }
}

/// The furthest stage among status events (`interviewing` survives a later rejection).
pub fn furthest_stage(events: &[Event]) -> Option<Status> {
    events
        .iter()
        .filter_map(|e| e.status)
        .filter_map(|s| s.stage().map(|rank| (rank, s)))
        .max_by_key(|(rank, _)| *rank)
        .map(|(_, s)| s)
}

/// What the history says now: the cache the store keeps beside each application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub status: Status,
    pub status_on: NaiveDate,
    pub last_event_on: NaiveDate,
}

impl State {
    /// The state after `event`, or why `event` cannot follow `previous`. The first event of an application
    /// must be a status event (its creation); a status event's `from`, when given, must be the status before.
    pub fn next(previous: Option<State>, event: &Event, today: NaiveDate) -> Result<State> {
        check_event_date(event.on, previous.map(|p| p.last_event_on), today)?;
        let Some(previous) = previous else {
            return match (event.kind, event.status) {
                (EventKind::Status, Some(status)) => Ok(State {
                    status,
                    status_on: event.on,
                    last_event_on: event.on,
                }),
                _ => bail!("the first event must be a status event (the application's creation)"),
            };
        };
        if event.kind != EventKind::Status {
            return Ok(State {
                last_event_on: event.on,
                ..previous
            });
        }
        let Some(status) = event.status else {
            bail!("a status event needs a status")
        };
        if let Some(from) = event.from.filter(|from| *from != previous.status) {
            bail!(
                "status event says it changed from {from}, but the status before it was {}",
                previous.status
            );
        }
        Ok(State {
            status,
            status_on: event.on,
            last_event_on: event.on,
        })
    }

    /// Replays a whole history, oldest first.
    pub fn replay(events: &[Event], today: NaiveDate) -> Result<State> {
        let mut state = None;
        for (index, event) in events.iter().enumerate() {
            let next = State::next(state, event, today).map_err(|e| anyhow::anyhow!("event {index}: {e}"))?;
            state = Some(next);
        }
        state.ok_or_else(|| anyhow::anyhow!("an application needs at least one status event"))
    }
}

/// An event's date must not be before the application's newest event, nor after today.
pub fn check_event_date(on: NaiveDate, previous: Option<NaiveDate>, today: NaiveDate) -> Result<()> {
    if on > today {
        bail!(
            "date {} is in the future (today is {})",
            format_day(on),
            format_day(today)
        );
    }
    if let Some(previous) = previous.filter(|p| on < *p) {
        bail!(
            "date {} is before the application's previous event on {} (events are recorded in order)",
            format_day(on),
            format_day(previous)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn furthest_stage_survives_rejection() {
        let at = DateTime::UNIX_EPOCH;
        let events = vec![
            Event::status_change(None, Status::Applied, day("2026-01-01"), at),
            Event::status_change(Some(Status::Applied), Status::Interviewing, day("2026-01-05"), at),
            Event::new(EventKind::Note, day("2026-01-06"), at),
            Event::status_change(Some(Status::Interviewing), Status::Rejected, day("2026-01-09"), at),
        ];
        assert_eq!(furthest_stage(&events), Some(Status::Interviewing));
        assert_eq!(furthest_stage(&events[..1]), Some(Status::Applied));
        assert_eq!(furthest_stage(&[]), None);
    }

    #[test]
    fn event_dates_are_ordered_and_not_in_the_future() {
        let today = day("2026-03-10");
        assert!(check_event_date(today, Some(today), today).is_ok());
        assert!(check_event_date(day("2026-03-01"), None, today).is_ok());
        let future = check_event_date(day("2026-03-11"), None, today)
            .unwrap_err()
            .to_string();
        assert_eq!(future, "date 2026-03-11 is in the future (today is 2026-03-10)");
        let early = check_event_date(day("2026-03-01"), Some(day("2026-03-02")), today).unwrap_err();
        assert!(
            early
                .to_string()
                .contains("before the application's previous event on 2026-03-02")
        );
    }

    #[test]
    fn replay_follows_the_history() {
        let at = DateTime::UNIX_EPOCH;
        let today = day("2026-02-01");
        let events = vec![
            Event::status_change(None, Status::Applied, day("2026-01-01"), at),
            Event::status_change(None, Status::Rejected, day("2026-01-09"), at),
            Event::new(EventKind::Note, day("2026-01-10"), at),
        ];
        let state = State::replay(&events, today).unwrap();
        assert_eq!(state.status, Status::Rejected);
        assert_eq!(state.status_on, day("2026-01-09"));
        assert_eq!(state.last_event_on, day("2026-01-10"));

        let note_first = [Event::new(EventKind::Note, day("2026-01-01"), at)];
        assert!(
            State::replay(&note_first, today)
                .unwrap_err()
                .to_string()
                .contains("first event must be a status")
        );
        let wrong_from = [
            events[0].clone(),
            Event::status_change(Some(Status::Offer), Status::Rejected, day("2026-01-09"), at),
        ];
        let err = State::replay(&wrong_from, today).unwrap_err().to_string();
        assert_eq!(
            err,
            "event 1: status event says it changed from offer, but the status before it was applied"
        );
        assert!(State::replay(&[], today).is_err());
    }

    #[test]
    fn dup_key_ignores_case_and_outer_space() {
        let a = Fields {
            company: " ACME ".into(),
            position: "Engineer".into(),
            ..Fields::default()
        };
        let b = Fields {
            company: "acme".into(),
            position: "engineer ".into(),
            ..Fields::default()
        };
        assert_eq!(a.dup_key(), b.dup_key());
        let c = Fields {
            company: "Straße".into(),
            position: "x".into(),
            ..Fields::default()
        };
        let d = Fields {
            company: "STRASSE".into(),
            position: "x".into(),
            ..Fields::default()
        };
        assert_ne!(c.dup_key(), d.dup_key(), "lower-casing, not full case folding");
        let e = Fields {
            company: "Ac\u{200b}me\u{feff}".into(),
            position: "\u{2060}Engineer\u{200d}".into(),
            ..Fields::default()
        };
        assert_eq!(e.dup_key(), b.dup_key(), "zero-width characters are ignored");
    }
}
