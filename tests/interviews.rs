//! Interviews as scheduled events: `upcoming`, and the interview-tomorrow and check-in notifications against
//! a real notification daemon (dunst on a private bus; see tests/common/desktop.rs for when these skip).

mod common;

use common::Env;
use common::desktop::{Desktop, Received};
use serde_json::json;

fn received(title: &str, body: &str) -> Received {
    Received {
        app: "tracker".into(),
        title: title.into(),
        body: body.into(),
    }
}

/// Acme with an interview on 2026-12-03 at 14:00 (UTC) with Dana Rivera, recorded on 2026-11-27.
fn planned() -> Env {
    let env = Env::new();
    env.set_user();
    env.add("Acme", "Backend Engineer", &["--on", "2026-11-01"]);
    env.ok(&["interview", "1", "--at", "2026-12-03 14:00", "--with", "Dana Rivera"]);
    env
}

#[test]
fn upcoming_lists_the_interviews_ahead() {
    let mut env = planned();
    env.add("Globex", "SRE", &["--on", "2026-11-01"]);
    env.ok(&["interview", "2", "--at", "2026-11-28"]);
    assert_eq!(
        env.json(&["upcoming", "--json"]),
        json!([
            {"id": 2, "company": "Globex", "position": "SRE", "on": "2026-11-28", "at": null, "with": [], "note": null},
            {"id": 1, "company": "Acme", "position": "Backend Engineer", "on": "2026-12-03",
             "at": "2026-12-03T14:00:00Z", "with": ["Dana Rivera"], "note": null},
        ])
    );
    let table = env.ok(&["upcoming"]);
    assert_eq!(
        table,
        [
            " When               ID   Company   Position           With        ",
            "──────────────────────────────────────────────────────────────────",
            " 2026-11-28          2   Globex    SRE                            ",
            " 2026-12-03 14:00    1   Acme      Backend Engineer   Dana Rivera ",
        ]
        .join("\n")
            + "\n"
    );
    assert_eq!(
        env.json(&["upcoming", "--days", "3", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // From now on: once its time has passed, an interview is behind you.
    env.at("2026-12-03T14:30:00Z");
    assert_eq!(env.ok(&["upcoming"]), "");
    assert_eq!(env.ok(&["upcoming", "--json"]), "[]\n");
    // A rejection cancels what was planned.
    env.at("2026-11-29");
    env.ok(&["reject", "1"]);
    assert_eq!(env.json(&["upcoming", "--json"]), json!([]));
}

#[test]
fn the_day_before_an_interview_is_announced_once() {
    let Some(desktop) = Desktop::start() else { return };
    let mut env = planned();
    let run = |env: &Env| {
        env.run(&["due", "--notify", "--quiet"])
            .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
            .output()
    };
    env.at("2026-12-01T08:00:00Z");
    assert_eq!(run(&env).code, 0);
    assert_eq!(desktop.received(1), [], "two days before: nothing");
    env.at("2026-12-02T08:00:00Z");
    assert_eq!(run(&env).code, 0);
    let expected = received(
        "Interview tomorrow at 14:00: Backend Engineer at Acme (with Dana Rivera)",
        "Prepare your questions. Afterwards, send a thank-you note: tracker followup 1",
    );
    assert_eq!(desktop.received(1), std::slice::from_ref(&expected));
    env.at("2026-12-02T18:00:00Z");
    assert_eq!(run(&env).code, 0);
    assert_eq!(desktop.received(2), std::slice::from_ref(&expected), "once");
    // On the day, the thank-you note is due and announced.
    env.at("2026-12-03T17:00:00Z");
    assert_eq!(run(&env).code, 0);
    let all = desktop.received(2);
    assert_eq!(
        all[1],
        received(
            "Thank them: Backend Engineer at Acme",
            "Send a short thank-you note for the interview. Only 2 days left to follow up. Print it with: tracker followup 1"
        )
    );
}

#[test]
fn check_ins_and_ghosting_say_what_to_do() {
    let Some(desktop) = Desktop::start() else { return };
    let env = Env::new();
    env.add("Acme", "Engineer", &["--on", "2026-11-01"]);
    env.add("Globex", "SRE", &["--on", "2026-10-01"]);
    env.run(&["due", "--notify", "--quiet"])
        .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
        .ok();
    assert_eq!(
        desktop.received(2),
        [
            received(
                "Ghosted? SRE at Globex",
                "No news for 57 days. If you have given up on it, mark it with: tracker ghost 2"
            ),
            received(
                "Check in: Engineer at Acme",
                "No news for 26 days. Ask politely for an update; print the email with: tracker followup 1"
            ),
        ]
    );
}
