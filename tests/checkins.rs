//! Check-ins, ghosting and thank-you notes through the real binary, at every boundary of the rule.

mod common;

use common::Env;
use serde_json::json;

/// (id, kind, state) of each row `due` prints with `args`.
fn rows(env: &Env, args: &[&str]) -> Vec<(i64, String, String)> {
    let mut all = vec!["due", "--json"];
    all.extend_from_slice(args);
    env.json(&all)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_i64().unwrap(),
                r["kind"].as_str().unwrap().to_owned(),
                r["state"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn row(id: i64, kind: &str, state: &str) -> (i64, String, String) {
    (id, kind.to_owned(), state.to_owned())
}

#[test]
fn silence_after_applying_brings_a_check_in_then_ghosting() {
    let mut env = Env::new();
    env.set_user();
    let id = env.add("Acme", "Backend Engineer", &["--on", "2026-10-01"]);
    env.at("2026-10-14");
    assert_eq!(rows(&env, &[]), [], "day 13: nothing yet");
    assert_eq!(rows(&env, &["--all"]), [row(id, "checkin", "waiting")]);
    env.at("2026-10-15");
    assert_eq!(rows(&env, &[]), [row(id, "checkin", "due")], "day 14");
    let json = env.json(&["due", "--json"]);
    assert_eq!(
        json,
        json!([{"id": id, "company": "Acme", "position": "Backend Engineer", "rejected_on": null,
                "days_since": 14, "template": "checkin", "state": "due", "wakes_on": null,
                "expires_on": "2026-11-14", "days_left": 30, "kind": "checkin", "since": "2026-10-01"}])
    );
    let table = env.ok(&["due"]);
    assert!(
        table.contains("  1   checkin   Acme      Backend Engineer   2026-10-01     14   checkin "),
        "{table}"
    );
    let draft = env.ok(&["followup", "1"]);
    assert!(draft.contains("Is there any update on the timeline"), "{draft}");
    assert!(
        draft.starts_with("Subject: Sam Taylor – Backend Engineer\n\nDear Hiring Manager,\n"),
        "{draft}"
    );
    env.at("2026-11-14");
    assert_eq!(rows(&env, &[]), [row(id, "checkin", "due")], "day 44");
    env.at("2026-11-15");
    assert_eq!(
        rows(&env, &[]),
        [row(id, "ghost?", "due")],
        "day 45: the ghost threshold"
    );
    let json = env.json(&["due", "--json"]);
    assert_eq!(
        (json[0]["template"].clone(), json[0]["expires_on"].clone()),
        (json!(null), json!(null))
    );
    assert!(env.ok(&["due"]).contains("tracker ghost 1"));
    env.ok(&["ghost", "1"]);
    assert_eq!(rows(&env, &["--all"]), [], "ghosted: nothing to follow up");
}

#[test]
fn any_event_resets_the_clock_and_a_sent_check_in_closes_it() {
    let mut env = Env::new();
    env.set_user();
    let id = env.add("Acme", "Engineer", &["--on", "2026-10-01"]);
    env.at("2026-10-10");
    env.ok(&["note", "1", "recruiter said two more weeks"]);
    env.at("2026-10-15");
    assert_eq!(rows(&env, &[]), [], "the note started a new silence");
    env.at("2026-10-24");
    assert_eq!(rows(&env, &[]), [row(id, "checkin", "due")], "14 days after the note");
    assert_eq!(
        env.ok(&["followup", "1", "--sent"]),
        "Recorded the follow-up to Acme about Engineer (checkin, 2026-10-24); no more reminders for it.\n"
    );
    env.at("2026-11-06");
    assert_eq!(rows(&env, &[]), [], "once per silence");
    assert_eq!(
        env.json(&["due", "--all", "--json"])[0]["wakes_on"],
        "2026-11-24",
        "ghosting 45 days after the note"
    );
    env.at("2026-11-24");
    assert_eq!(rows(&env, &[]), [row(id, "ghost?", "due")]);
    assert_eq!(
        env.ok(&["dismiss", "1"]),
        "Dismissed the ghosting suggestion for application 1 (Engineer at Acme); a new silence starts on 2026-11-24.\n"
    );
    assert_eq!(rows(&env, &[]), [], "dismissing starts a new silence");
}

#[test]
fn an_interview_brings_a_thank_you_note_then_a_check_in() {
    let mut env = Env::new();
    env.set_user();
    env.add(
        "Initech Inc.",
        "Lead Designer Role",
        &[
            "--on",
            "2026-11-01",
            "--contact",
            "Dana Rivera",
            "--salutation",
            "Dear Ms. Rivera,",
        ],
    );
    env.at("2026-11-20T09:00:00Z");
    assert_eq!(
        env.ok(&[
            "interview",
            "1",
            "--at",
            "2026-11-25 14:00",
            "--with",
            "Dana Rivera",
            "--with",
            "Bo Chen"
        ]),
        "Application 1 (Lead Designer Role at Initech Inc.): applied → interviewing on 2026-11-20; interview 1 at 2026-11-25 14:00 with Dana Rivera and Bo Chen.\n"
    );
    assert_eq!(rows(&env, &["--all"]), [row(1, "thanks", "waiting")]);
    env.at("2026-11-24");
    assert_eq!(rows(&env, &[]), []);
    env.at("2026-11-25");
    assert_eq!(rows(&env, &[]), [row(1, "thanks", "due")], "the interview's day");
    let draft = env.ok(&["followup", "1"]);
    assert!(
        draft.starts_with("Subject: Thank you – Lead Designer Role\n\nDear Ms. Rivera,\n\n"),
        "{draft}"
    );
    assert!(draft.contains("please pass my thanks to Bo Chen."), "{draft}");
    assert!(
        draft.contains("the Lead Designer Role and the team at Initech Inc."),
        "{draft}"
    );
    assert!(
        !draft.contains("Inc..") && !draft.contains("Role role") && !draft.contains("Dear Dear"),
        "{draft}"
    );
    env.at("2026-11-27");
    assert_eq!(rows(&env, &[]), [row(1, "thanks", "due")], "the window's last day");
    env.at("2026-11-28");
    assert_eq!(rows(&env, &[]), [], "the window closed");
    assert_eq!(rows(&env, &["--all"]), [row(1, "checkin", "waiting")]);
    env.at("2026-12-02");
    assert_eq!(
        rows(&env, &[]),
        [row(1, "checkin", "due")],
        "7 days after the interview"
    );
    assert_eq!(rows(&env, &["--kind", "rejection"]), []);
    assert_eq!(rows(&env, &["--kind", "checkin"]), [row(1, "checkin", "due")]);
}

#[test]
fn a_sent_thank_you_note_closes_it_and_rounds_are_counted() {
    let mut env = Env::new();
    env.set_user();
    env.add("Acme", "Engineer", &["--on", "2026-11-01"]);
    env.at("2026-11-10");
    env.ok(&["interview", "1", "--with", "Ann"]);
    assert_eq!(
        rows(&env, &[]),
        [row(1, "thanks", "due")],
        "an interview without a time: today"
    );
    env.ok(&["followup", "1", "--sent"]);
    assert_eq!(rows(&env, &[]), []);
    let events = env.json(&["show", "1", "--json"])["events"].clone();
    assert_eq!(events[2]["template"], "thanks");
    env.at("2026-11-12");
    assert_eq!(
        env.ok(&["interview", "1", "--at", "2026-11-14T10:00:00Z", "--with", "Bo"]),
        "Application 1 (Engineer at Acme): interview 2 at 2026-11-14 10:00 with Bo.\n"
    );
    env.at("2026-11-14");
    assert_eq!(rows(&env, &[]), [row(1, "thanks", "due")], "a new round, a new note");
    let draft = env.ok(&["followup", "1", "--kind", "network"]);
    assert!(draft.contains("in the interviews with Ann and Bo."), "{draft}");
    let show = env.json(&["show", "1", "--json"]);
    let interview = &show["events"][3];
    assert_eq!(
        (
            interview["at"].clone(),
            interview["with"].clone(),
            interview["status"].clone()
        ),
        (json!("2026-11-14T10:00:00Z"), json!(["Bo"]), json!("interviewing"))
    );
    assert_eq!(
        show["events"][0].get("at"),
        None,
        "only interview events have at and with"
    );
    let text = env.ok(&["show", "1"]);
    assert!(
        text.contains("  2026-11-12  interview 2026-11-14 10:00 with Bo\n"),
        "{text}"
    );
    assert!(
        text.contains("  2026-11-10  applied → interviewing; interview 2026-11-10 with Ann\n"),
        "{text}"
    );
}

#[test]
fn the_delays_are_settings() {
    let mut env = Env::new();
    env.add("Acme", "Engineer", &["--on", "2026-11-01"]);
    env.ok(&["config", "set", "checkin.after_days", "5"]);
    env.ok(&["config", "set", "checkin.after_interview_days", "3"]);
    env.at("2026-11-06");
    assert_eq!(rows(&env, &[]), [row(1, "checkin", "due")]);
    env.ok(&["config", "set", "checkin.ghost_after_days", "6"]);
    env.at("2026-11-07");
    assert_eq!(rows(&env, &[]), [row(1, "ghost?", "due")]);
    assert_eq!(
        env.fails(1, &["config", "set", "checkin.ghost_after_days", "4"]),
        "tracker: cannot set checkin.ghost_after_days: checkin.ghost_after_days (4) must be greater than checkin.after_days (5), or no check-in would ever be offered (raise checkin.ghost_after_days or lower checkin.after_days)"
    );
}

#[test]
fn bad_interview_input_changes_nothing() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--on", "2026-11-01"]);
    let before = env.dump();
    env.expect_failures(&[
        (
            1,
            &["interview", "1", "--at", "next tuesday-ish"],
            "tracker: invalid time \"next tuesday-ish\": use a day and a time such as \"2026-12-03 14:00\" or \"tomorrow 9:30\", or a day alone",
        ),
        (
            1,
            &["interview", "1", "--at", "2026-12-03 25:00"],
            "tracker: invalid time \"2026-12-03 25:00\": use a day and a time such as \"2026-12-03 14:00\" or \"tomorrow 9:30\", or a day alone",
        ),
        (
            1,
            &["interview", "1", "--at", "2026-11-20 10:00", "--on", "today"],
            "tracker: the interview on 2026-11-20 is before the day you record it (2026-11-27); give --on 2026-11-20 or a later --at",
        ),
        (
            1,
            &["interview", "1", "--with", " "],
            "tracker: an interviewer's name must not be empty (give --with NAME, or leave it out)",
        ),
        (
            1,
            &["interview", "1", "--at", "2026-10-01 10:00"],
            "tracker: date 2026-10-01 is before the application's previous event on 2026-11-01 (events are recorded in order)",
        ),
        (1, &["interview", "9"], "tracker: no application with id 9 (see: tracker list)"),
    ]);
    assert_eq!(env.dump(), before);
}
