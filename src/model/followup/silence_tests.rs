use chrono::DateTime;

use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn applied(last: &str, quiet: &str, checked_in: bool) -> Silence {
    Silence {
        status: Status::Applied,
        last_event_on: day(last),
        quiet_since: day(quiet),
        checked_in,
        interview_on: None,
        thanked: false,
    }
}

fn interviewing(last: &str, interview: &str, thanked: bool) -> Silence {
    Silence {
        status: Status::Interviewing,
        last_event_on: day(last),
        quiet_since: day(last),
        checked_in: false,
        interview_on: Some(day(interview)),
        thanked,
    }
}

fn at(s: Silence, today: &str) -> (DueKind, DueState) {
    let a = s.assess(day(today), Delays::DEFAULT);
    (a.kind, a.state)
}

#[test]
fn check_ins_and_ghosting_after_applying() {
    use {DueKind::*, DueState::*};
    let quiet = applied("2026-10-01", "2026-10-01", false);
    assert_eq!(at(quiet, "2026-10-14"), (Checkin, Waiting), "day 13");
    assert_eq!(at(quiet, "2026-10-15"), (Checkin, Due), "day 14");
    assert_eq!(at(quiet, "2026-11-14"), (Checkin, Due), "day 44");
    assert_eq!(at(quiet, "2026-11-15"), (Ghost, Due), "day 45");
    let a = quiet.assess(day("2026-10-20"), Delays::DEFAULT);
    assert_eq!(a.expires_on, Some(day("2026-11-14")));
    assert_eq!(a.days_since(day("2026-10-20")), 19);
    // A sent check-in closes it for this silence; ghosting waits at least the check-in delay after it.
    let sent = applied("2026-10-16", "2026-10-01", true);
    assert_eq!(at(sent, "2026-10-20"), (Ghost, Waiting));
    assert_eq!(
        sent.assess(day("2026-10-20"), Delays::DEFAULT).wakes_on,
        Some(day("2026-11-15"))
    );
    assert_eq!(at(sent, "2026-11-15"), (Ghost, Due));
    let late = applied("2026-11-10", "2026-10-01", true);
    assert_eq!(
        at(late, "2026-11-15"),
        (Ghost, Waiting),
        "only 5 days after the check-in"
    );
    assert_eq!(at(late, "2026-11-24"), (Ghost, Due));
}

#[test]
fn thanks_then_check_in_after_an_interview() {
    use {DueKind::*, DueState::*};
    // Recorded on 11-20 for 11-25.
    let planned = interviewing("2026-11-20", "2026-11-25", false);
    assert_eq!(at(planned, "2026-11-24"), (Thanks, Waiting));
    assert_eq!(at(planned, "2026-11-25"), (Thanks, Due), "the interview's day");
    assert_eq!(at(planned, "2026-11-27"), (Thanks, Due), "the last day (2 days)");
    assert_eq!(at(planned, "2026-11-28"), (Checkin, Waiting), "window closed");
    assert_eq!(
        at(planned, "2026-12-01"),
        (Checkin, Waiting),
        "6 days after the interview"
    );
    assert_eq!(at(planned, "2026-12-02"), (Checkin, Due), "7 days after the interview");
    assert_eq!(at(planned, "2027-01-09"), (Ghost, Due), "45 days after the interview");
    let thanked = interviewing("2026-11-26", "2026-11-25", true);
    assert_eq!(at(thanked, "2026-11-26"), (Checkin, Waiting));
    assert_eq!(at(thanked, "2026-12-03"), (Checkin, Due), "7 days after the note");
}

#[test]
fn delays_leave_room_for_a_check_in() {
    assert!(Delays::new(14, 7, 15, 2).is_ok());
    let err = Delays::new(14, 7, 14, 2).unwrap_err().to_string();
    assert!(
        err.starts_with("checkin.ghost_after_days (14) must be greater than checkin.after_days (14)"),
        "{err}"
    );
}

fn app(status: Status, events: Vec<Event>) -> Application {
    let last = events.last().unwrap().on;
    Application {
        id: 1,
        fields: crate::model::Fields::default(),
        created_at: DateTime::UNIX_EPOCH,
        status,
        status_on: events.iter().rev().find(|e| e.kind == EventKind::Status).unwrap().on,
        last_event_on: last,
        events,
    }
}

#[test]
fn inputs_from_the_history() {
    let t = DateTime::UNIX_EPOCH;
    let checkin = Event {
        template: Some(FollowupKind::Checkin),
        ..Event::new(EventKind::Followup, day("2026-10-20"), t)
    };
    let a = app(
        Status::Applied,
        vec![
            Event::status_change(None, Status::Applied, day("2026-10-01"), t),
            Event::new(EventKind::Note, day("2026-10-05"), t),
            checkin,
        ],
    );
    assert_eq!(Silence::of(&a), Some(applied("2026-10-20", "2026-10-05", true)));
    let interview = Event::interview(
        Status::Applied,
        day("2026-10-21"),
        Some((t, day("2026-10-30"))),
        vec!["Dana".into()],
        t,
    );
    let mut events = a.events.clone();
    events.push(interview);
    let b = app(Status::Interviewing, events.clone());
    let s = Silence::of(&b).unwrap();
    assert_eq!(
        (s.interview_on, s.thanked, s.checked_in),
        (Some(day("2026-10-30")), false, false)
    );
    events.push(Event::new(EventKind::Dismiss, day("2026-10-31"), t));
    assert!(Silence::of(&app(Status::Interviewing, events)).unwrap().thanked);
    let rejected = app(
        Status::Rejected,
        vec![Event::status_change(None, Status::Rejected, day("2026-10-01"), t)],
    );
    assert_eq!(Silence::of(&rejected), None);
}
