//! What a row of a spreadsheet says about an application's history, and the reverse: the days a CSV export
//! shows. The two agree, so tracker's own CSV reads back into the same row.

use anyhow::{Result, bail};
use chrono::{DateTime, NaiveDate, Utc};

use crate::model::{Event, EventKind, Status};

/// The dated facts a row can hold.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub status: Option<Status>,
    pub applied_on: Option<NaiveDate>,
    pub status_on: Option<NaiveDate>,
    pub furthest_stage: Option<Status>,
    /// The file has a furthest-stage column (tracker's CSV): empty there means no stage was ever reached.
    pub furthest_known: bool,
    pub followup_sent_on: Option<NaiveDate>,
    pub replied_on: Option<NaiveDate>,
    pub created_on: Option<NaiveDate>,
}

/// The day an application was sent: its first status event that is not `saved`.
pub fn applied_on(events: &[Event]) -> Option<NaiveDate> {
    events
        .iter()
        .find(|e| e.kind == EventKind::Status && e.status.is_some_and(|s| s != Status::Saved))
        .map(|e| e.on)
}

/// The day that makes two applications to the same job the same application: the day it was sent, or for
/// one never sent, the day it was noted.
pub fn key_day(events: &[Event]) -> Option<NaiveDate> {
    applied_on(events).or_else(|| events.first().map(|e| e.on))
}

/// The last day an event of this kind happened.
pub fn last_of(events: &[Event], kind: EventKind) -> Option<NaiveDate> {
    events.iter().rev().find(|e| e.kind == kind).map(|e| e.on)
}

/// A history for the facts, dated as they say: the status is dated on its status day, or without one on the
/// applied day (or, with no date at all, on `today`). A status past `applied` (or the furthest stage tracker's
/// CSV names) is reached through `applied`, so the funnel counts it.
pub fn events(facts: &Facts, default: Status, today: NaiveDate, at: DateTime<Utc>) -> Result<Vec<Event>> {
    let status = facts.status.unwrap_or(default);
    let end = facts
        .status_on
        .or(facts.applied_on)
        .or(facts.created_on)
        .unwrap_or(today);
    let begin = facts.applied_on.unwrap_or(end);
    if begin > end {
        bail!("the status date {end} is before the applied date {begin} (a status comes after the application)");
    }
    let mut steps: Vec<(Status, NaiveDate)> = Vec::new();
    let furthest = facts.furthest_stage;
    if status == Status::Saved {
        steps.push((Status::Saved, end));
    } else if furthest == Some(Status::Saved) {
        // tracker's CSV: noted, then closed without applying.
        steps.extend([(Status::Saved, begin), (status, end)]);
    } else if facts.furthest_known && furthest.is_none() {
        // tracker's CSV: closed without ever reaching a stage (added as rejected, say).
        steps.push((status, begin));
        if end != begin {
            steps.push((status, end));
        }
    } else {
        steps.push((Status::Applied, begin));
        if let Some(stage) = furthest.filter(|s| s.stage() > Status::Applied.stage() && *s != status) {
            steps.push((stage, end));
        }
        if status != Status::Applied {
            steps.push((status, end));
        }
    }
    let mut events: Vec<Event> = Vec::with_capacity(steps.len() + 2);
    let mut previous = None;
    for (status, on) in steps {
        events.push(Event::status_change(previous, status, on, at));
        previous = Some(status);
    }
    for (kind, day) in [
        (EventKind::Followup, facts.followup_sent_on),
        (EventKind::Reply, facts.replied_on),
    ] {
        if let Some(day) = day {
            if day < begin {
                bail!("the {} day {day} is before the applied date {begin}", kind_name(kind));
            }
            events.push(Event::new(kind, day, at));
        }
    }
    // Status events keep their order; a follow-up or reply goes after the last event of its day or before.
    events.sort_by_key(|e| (e.on, e.kind != EventKind::Status));
    let mut before = None;
    for event in &mut events {
        if event.kind == EventKind::Status {
            event.from = before;
            before = event.status;
        }
    }
    Ok(events)
}

fn kind_name(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Followup => "follow-up",
        _ => "reply",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn chain(facts: &Facts, default: Status) -> Result<Vec<String>> {
        let at = Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap();
        let events = events(facts, default, day("2026-11-27"), at)?;
        Ok(events
            .iter()
            .map(|e| match e.status {
                Some(s) => format!("{s}@{}", e.on),
                None => format!("{:?}@{}", e.kind, e.on),
            })
            .collect())
    }

    #[test]
    fn rows_become_histories() {
        let f = |status, applied: Option<&str>, status_on: Option<&str>| Facts {
            status,
            applied_on: applied.map(day),
            status_on: status_on.map(day),
            ..Facts::default()
        };
        let applied = Status::Applied;
        assert_eq!(
            chain(&f(None, Some("2026-01-05"), None), applied).unwrap(),
            ["applied@2026-01-05"]
        );
        assert_eq!(
            chain(
                &f(Some(Status::Rejected), Some("2026-01-05"), Some("2026-02-01")),
                applied
            )
            .unwrap(),
            ["applied@2026-01-05", "rejected@2026-02-01"],
            "the status date dates the status, the applied day the application"
        );
        assert_eq!(
            chain(&f(Some(Status::Interviewing), Some("2026-01-05"), None), applied).unwrap(),
            ["applied@2026-01-05", "interviewing@2026-01-05"],
            "without a status date the status is dated on the applied day"
        );
        assert_eq!(
            chain(&f(None, Some("2026-01-05"), None), Status::Saved).unwrap(),
            ["saved@2026-01-05"]
        );
        assert_eq!(
            chain(&f(None, None, None), applied).unwrap(),
            ["applied@2026-11-27"],
            "no date: today"
        );
        let err = chain(
            &f(Some(Status::Rejected), Some("2026-02-05"), Some("2026-02-01")),
            applied,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the status date 2026-02-01 is before the applied date")
        );
        // tracker's CSV: the furthest stage and the follow-up and reply days come back.
        let own = Facts {
            status: Some(Status::Rejected),
            applied_on: Some(day("2026-01-05")),
            status_on: Some(day("2026-02-01")),
            furthest_stage: Some(Status::Offer),
            furthest_known: true,
            followup_sent_on: Some(day("2026-02-03")),
            replied_on: Some(day("2026-02-01")),
            created_on: None,
        };
        assert_eq!(
            chain(&own, applied).unwrap(),
            [
                "applied@2026-01-05",
                "offer@2026-02-01",
                "rejected@2026-02-01",
                "Reply@2026-02-01",
                "Followup@2026-02-03"
            ]
        );
        let never_a_stage = Facts {
            furthest_stage: None,
            followup_sent_on: None,
            replied_on: None,
            ..own.clone()
        };
        assert_eq!(
            chain(&never_a_stage, applied).unwrap(),
            ["rejected@2026-01-05", "rejected@2026-02-01"]
        );
        let saved_then_closed = Facts {
            furthest_stage: Some(Status::Saved),
            status: Some(Status::Withdrawn),
            ..never_a_stage
        };
        assert_eq!(
            chain(&saved_then_closed, applied).unwrap(),
            ["saved@2026-01-05", "withdrawn@2026-02-01"]
        );
    }
}
