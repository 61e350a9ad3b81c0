use super::*;
use chrono::DateTime;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn window() -> Window {
    Window::new(2, 30, "after", "expire").unwrap()
}

fn reminder(rejected: &str, closed: bool, snoozed: Option<&str>) -> Reminder {
    Reminder {
        rejected_on: day(rejected),
        closed,
        snoozed_until: snoozed.map(day),
    }
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
            reminder(rejected, closed, snoozed).state(day(today), window()),
            expected,
            "{rejected} {today} {snoozed:?}"
        );
    }
}

#[test]
fn zero_days_means_due_the_same_day() {
    let window = Window::new(0, 30, "a", "e").unwrap();
    assert_eq!(
        reminder("2026-11-20", false, None).state(day("2026-11-20"), window),
        DueState::Due
    );
}

#[test]
fn a_window_must_leave_room_for_a_due_day() {
    assert!(Window::new(2, 3, "a", "e").is_ok());
    assert_eq!(
        Window::new(5, 5, "followup.after_days", "followup.expire_after_days")
            .unwrap_err()
            .to_string(),
        "followup.expire_after_days (5) must be greater than followup.after_days (5), or no follow-up would ever \
         be due (raise followup.expire_after_days or lower followup.after_days)"
    );
    assert!(Window::new(40, 30, "a", "e").is_err());
}

#[test]
fn due_range_holds_exactly_the_days_that_can_be_due() {
    let today = day("2026-11-28");
    let (earliest, latest) = window().due_range(today);
    assert_eq!((earliest, latest), (day("2026-10-29"), day("2026-11-26")));
    for (rejected, inside) in [
        ("2026-10-28", false),
        ("2026-10-29", true),
        ("2026-11-26", true),
        ("2026-11-27", false),
    ] {
        let state = reminder(rejected, false, None).state(today, window());
        assert_eq!(state == DueState::Due, inside, "{rejected}");
    }
    // The calendar's ends do not overflow.
    let (earliest, _) = Window::new(0, 3650, "a", "e").unwrap().due_range(NaiveDate::MIN);
    assert_eq!(earliest, NaiveDate::MIN);
}

#[test]
fn wake_day_and_days_left() {
    let w = window();
    let plain = reminder("2026-11-20", false, None);
    assert_eq!(plain.wakes_on(w), day("2026-11-22"));
    assert_eq!(
        reminder("2026-11-20", false, Some("2026-11-21")).wakes_on(w),
        day("2026-11-22")
    );
    assert_eq!(
        reminder("2026-11-20", false, Some("2026-12-01")).wakes_on(w),
        day("2026-12-01")
    );
    assert_eq!(plain.days_left(day("2026-11-22"), w), Some(28));
    assert_eq!(plain.days_left(day("2026-12-20"), w), Some(0));
    assert_eq!(plain.days_left(day("2026-12-21"), w), None);
}

#[test]
fn a_snooze_ends_within_the_window() {
    let w = window();
    let r = reminder("2026-11-20", false, None);
    let today = day("2026-11-25");
    assert!(r.check_snooze(day("2026-11-26"), today, w).is_ok());
    assert!(r.check_snooze(day("2026-12-20"), today, w).is_ok(), "the last due day");
    let late = r.check_snooze(day("2026-12-21"), today, w).unwrap_err().to_string();
    assert!(late.contains("stops being due after 2026-12-20"), "{late}");
    assert!(late.contains("snooze until 2026-12-20 at the latest"), "{late}");
    let past = r.check_snooze(today, today, w).unwrap_err().to_string();
    assert!(past.contains("must be after today"), "{past}");
    let missed = r
        .check_snooze(day("2026-12-25"), day("2026-12-21"), w)
        .unwrap_err()
        .to_string();
    assert!(
        missed.starts_with("nothing to snooze: this follow-up was due until 2026-12-20 and is now missed"),
        "{missed}"
    );
}

fn app(history: &[Event]) -> Application {
    let state = super::super::State::replay(history, day("2030-01-01")).unwrap();
    Application {
        id: 7,
        fields: super::super::Fields::default(),
        created_at: DateTime::UNIX_EPOCH,
        status: state.status,
        status_on: state.status_on,
        last_event_on: state.last_event_on,
        events: history.to_vec(),
    }
}

#[test]
fn only_events_since_the_rejection_count() {
    let at = DateTime::UNIX_EPOCH;
    let mut history = vec![
        Event::status_change(None, Status::Applied, day("2026-01-01"), at),
        Event::status_change(None, Status::Rejected, day("2026-01-05"), at),
        Event::new(EventKind::Followup, day("2026-01-08"), at),
        Event::status_change(None, Status::Interviewing, day("2026-01-20"), at),
        Event::status_change(None, Status::Rejected, day("2026-02-01"), at),
    ];
    let r = Reminder::of(&app(&history)).unwrap();
    assert_eq!(
        (r.rejected_on, r.closed),
        (day("2026-02-01"), false),
        "a new rejection starts over"
    );
    history.push(Event {
        until: Some(day("2026-02-10")),
        ..Event::new(EventKind::Snooze, day("2026-02-03"), at)
    });
    history.push(Event::new(EventKind::Dismiss, day("2026-02-04"), at));
    history.push(Event::new(EventKind::Followup, day("2026-02-05"), at));
    let r = Reminder::of(&app(&history)).unwrap();
    assert!(r.closed);
    assert_eq!(r.snoozed_until, Some(day("2026-02-10")));
    assert_eq!(
        open_rejection(&app(&history)).unwrap_err().to_string(),
        "the follow-up to application 7 was already dismissed on 2026-02-04"
    );
}

#[test]
fn not_rejected_says_what_the_state_is_and_what_applies() {
    let at = DateTime::UNIX_EPOCH;
    let applied = Event::status_change(None, Status::Applied, day("2026-01-01"), at);
    let cases = [
        (
            Status::Applied,
            "if they turned you down, record it with: tracker reject 7",
        ),
        (Status::Offer, "there is nothing to follow up on after an offer"),
        (Status::Accepted, "there is nothing to follow up on after an offer"),
        (Status::Withdrawn, "you withdrew it"),
    ];
    for (status, hint) in cases {
        let history = [
            applied.clone(),
            Event::status_change(None, status, day("2026-01-02"), at),
        ];
        let err = rejection(&app(&history)).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!(
                "application 7 is {status}, not rejected: follow-ups are for rejections ("
            )),
            "{err}"
        );
        assert!(err.contains(hint), "{status}: {err}");
        if status != Status::Applied {
            assert!(!err.contains("tracker reject"), "{status}: {err}");
        }
    }
}

#[test]
fn the_sent_kind_prefers_what_was_named_then_printed() {
    use FollowupKind::{Combined, Feedback, Network};
    assert_eq!(sent_kind(Some(Network), Some(Feedback), Combined), Network);
    assert_eq!(sent_kind(None, Some(Feedback), Combined), Feedback);
    assert_eq!(sent_kind(None, None, Combined), Combined);
}
