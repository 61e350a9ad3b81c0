use chrono::{DateTime, Days};
use proptest::prelude::*;

use super::*;
use crate::model::followup::{Delays, Reminder, Silence};
use crate::model::{Event, EventKind, Fields, Status};
use crate::store::{self, Store};

/// One step of a random history: what happens, and how many days after the step before.
#[derive(Debug, Clone)]
enum Step {
    Status(Status),
    /// An interview recorded that day, taking place this many days later (0: the same day).
    Interview(u64),
    Followup(FollowupKind),
    Dismiss,
    Snooze(u64),
    Note,
}

fn step() -> impl Strategy<Value = (Step, u64)> {
    let status = prop::sample::select(vec![
        Status::Applied,
        Status::Interviewing,
        Status::Rejected,
        Status::Rejected,
        Status::Offer,
        Status::Ghosted,
    ]);
    let followup = prop::sample::select(FollowupKind::ALL.to_vec());
    let what = prop_oneof![
        3 => status.prop_map(Step::Status),
        2 => (0..6u64).prop_map(Step::Interview),
        2 => followup.prop_map(Step::Followup),
        1 => Just(Step::Dismiss),
        2 => (0..45u64).prop_map(Step::Snooze),
        1 => Just(Step::Note),
    ];
    (what, 0..20u64)
}

/// The history of `steps` from `start`, up to `today` (a history never reaches into the future).
fn history(steps: &[(Step, u64)], start: NaiveDate, today: NaiveDate) -> Vec<Event> {
    let at = DateTime::UNIX_EPOCH;
    let mut on = start;
    let mut status = Status::Applied;
    let mut events = vec![Event::status_change(None, Status::Applied, on, at)];
    for (step, gap) in steps {
        on = on + Days::new(*gap);
        if on > today {
            break;
        }
        let event = match step {
            Step::Status(next) => Event::status_change(None, *next, on, at),
            Step::Interview(later) => {
                let day = on + Days::new(*later);
                let when = (*later % 2 == 0).then_some((DateTime::UNIX_EPOCH, day));
                let mut event = Event::interview(status, on, when, vec!["Dana".into()], at);
                event.interview_on = Some(day);
                event
            }
            Step::Followup(kind) => Event {
                template: Some(*kind),
                ..Event::new(EventKind::Followup, on, at)
            },
            Step::Dismiss => Event::new(EventKind::Dismiss, on, at),
            Step::Snooze(days) => Event {
                until: Some(on + Days::new(*days)),
                ..Event::new(EventKind::Snooze, on, at)
            },
            Step::Note => Event::new(EventKind::Note, on, at),
        };
        if let Some(next) = event.status {
            status = next;
        }
        events.push(event);
    }
    events
}

/// What the rule says about one application's whole history: (day it counts from, id, kind, state).
fn by_the_rule(
    app: &crate::model::Application,
    today: NaiveDate,
    rules: Rules,
) -> Option<(String, i64, DueKind, DueState)> {
    if let Some(r) = Reminder::of(app) {
        return Some((
            format_day(r.rejected_on),
            app.id,
            DueKind::Rejection,
            r.state(today, rules.window),
        ));
    }
    let a = Silence::of(app)?.assess(today, rules.delays);
    Some((format_day(a.since), app.id, a.kind, a.state))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// `due`'s indexed queries plus the rule give, for every scope, exactly what the rule says about each
    /// application's whole history: rejections, check-ins, thank-you notes and ghosting alike.
    #[test]
    fn the_fast_queries_and_the_rule_agree(
        apps in prop::collection::vec(prop::collection::vec(step(), 0..8), 1..12),
        today_offset in 0..160u64,
        after in 0..10u32,
        extra in 1..50u32,
        checkin in 1..20u32,
        after_interview in 1..20u32,
        ghost_extra in 1..40u32,
        thanks in 0..5u32,
    ) {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let today = start + Days::new(today_offset);
        let rules = Rules {
            window: Window::new(after, after + extra, "after", "expire").unwrap(),
            delays: Delays::new(checkin, after_interview, checkin.max(after_interview) + ghost_extra, thanks).unwrap(),
            kind: FollowupKind::Combined,
        };
        let mut store = Store::open_in_memory().unwrap();
        let mut ids = Vec::new();
        for (index, steps) in apps.iter().enumerate() {
            let fields = Fields { company: format!("C{index}"), position: "P".into(), ..Fields::default() };
            let events = history(steps, start, today);
            ids.push(store.write(|tx| store::create(tx, &fields, DateTime::UNIX_EPOCH, &events, today)).unwrap());
        }
        let loaded: Vec<_> = ids.iter().map(|id| store::load(store.conn(), *id).unwrap()).collect();
        for scope in [Scope::Due, Scope::Open, Scope::All] {
            let fast: Vec<(i64, DueKind, DueState)> = rows(store.conn(), today, rules, scope)
                .unwrap()
                .into_iter()
                .map(|row| (row.id, row.kind, row.state))
                .collect();
            let mut slow: Vec<(String, i64, DueKind, DueState)> = loaded
                .iter()
                .filter_map(|app| by_the_rule(app, today, rules))
                .filter(|(_, _, _, state)| scope.wants(*state))
                .collect();
            slow.sort_by(|a, b| (&a.0, a.1, a.2).cmp(&(&b.0, b.1, b.2)));
            let slow: Vec<(i64, DueKind, DueState)> = slow.into_iter().map(|(_, id, kind, state)| (id, kind, state)).collect();
            prop_assert_eq!(&fast, &slow, "scope {:?}", scope);
        }
    }
}

#[test]
fn each_kind_has_its_notification() {
    let row = |kind, days_left| Row {
        id: 7,
        company: "Acme".into(),
        position: "Backend Engineer".into(),
        rejected_on: None,
        days_since: 15,
        template: kind_template(kind),
        state: DueState::Due,
        wakes_on: None,
        expires_on: None,
        days_left,
        kind,
        since: "2026-11-01".into(),
    };
    fn kind_template(kind: DueKind) -> Option<FollowupKind> {
        kind.template(FollowupKind::Combined)
    }
    let rows = [
        row(DueKind::Checkin, Some(20)),
        row(DueKind::Thanks, Some(1)),
        row(DueKind::Ghost, None),
    ];
    let refs: Vec<&Row> = rows.iter().collect();
    let shown: Vec<(String, String)> = messages(&refs).into_iter().map(|m| (m.title, m.body)).collect();
    assert_eq!(
        shown,
        [
            (
                "Check in: Backend Engineer at Acme".to_owned(),
                "No news for 15 days. Ask politely for an update; print the email with: tracker followup 7".to_owned()
            ),
            (
                "Thank them: Backend Engineer at Acme".to_owned(),
                "Send a short thank-you note for the interview. Only 1 day left to follow up. Print it with: tracker followup 7".to_owned()
            ),
            (
                "Ghosted? Backend Engineer at Acme".to_owned(),
                "No news for 15 days. If you have given up on it, mark it with: tracker ghost 7".to_owned()
            ),
        ]
    );
}
