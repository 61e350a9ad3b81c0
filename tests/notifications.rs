//! `tracker due --notify` against a real notification daemon (dunst on a private bus), and every way the
//! notification path can fail. See tests/common/desktop.rs for the stack and for when these tests skip.

mod common;

use std::time::{Duration, Instant};

use common::Env;
use common::desktop::{Desktop, Received};

/// Applications rejected `days_ago[i]` days before 2026-11-27, with the user set up.
fn env_with_rejections(days_ago: &[u32]) -> Env {
    let env = Env::new();
    env.set_user();
    for (i, days) in days_ago.iter().enumerate() {
        let company = ["Acme", "Globex", "Initech", "Umbrella", "Hooli"][i];
        let id = env.add(company, "Engineer", &["--on", "2026-10-01"]);
        env.ok(&["reject", &id.to_string(), "--on", &format!("{days} days ago")]);
    }
    env
}

fn received(app: &str, title: &str, body: &str) -> Received {
    Received {
        app: app.into(),
        title: title.into(),
        body: body.into(),
    }
}

fn notified_rows(env: &Env) -> usize {
    env.dump().lines().filter(|l| l.starts_with("notifications:")).count()
}

#[test]
fn each_due_application_is_notified_once_a_day() {
    let Some(desktop) = Desktop::start() else { return };
    let mut env = env_with_rejections(&[4, 2, 1]);
    let run = |env: &Env| {
        env.run(&["due", "--notify"])
            .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
            .output()
    };
    let out = run(&env);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert!(out.stdout.contains("Acme") && out.stdout.contains("Globex") && !out.stdout.contains("Initech"));
    assert_eq!(
        desktop.received(2),
        [
            received(
                "tracker",
                "Follow up: Engineer at Acme",
                "Rejected 4 days ago. Print the email with: tracker followup 1"
            ),
            received(
                "tracker",
                "Follow up: Engineer at Globex",
                "Rejected 2 days ago. Print the email with: tracker followup 2"
            ),
        ]
    );
    // Cron runs again within the same day: nothing new.
    env.at("2026-11-27T18:00:00Z");
    assert_eq!(run(&env).code, 0);
    assert_eq!(desktop.received(3).len(), 2);
    // The next day all three are due, and each is notified again.
    env.at("2026-11-28T08:00:00Z");
    assert_eq!(run(&env).code, 0);
    let all = desktop.received(5);
    assert_eq!(all.len(), 5, "{all:?}");
    assert_eq!(
        all[4],
        received(
            "tracker",
            "Follow up: Engineer at Initech",
            "Rejected 2 days ago. Print the email with: tracker followup 3"
        )
    );
}

#[test]
fn more_than_three_get_one_summary() {
    let Some(desktop) = Desktop::start() else { return };
    let env = env_with_rejections(&[5, 4, 3, 3, 2]);
    env.run(&["due", "--notify", "--quiet"])
        .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
        .ok();
    assert_eq!(
        desktop.received(1),
        [received(
            "tracker",
            "5 follow-ups are due",
            "Acme, Globex, Initech, and 2 more. See them with: tracker due"
        )]
    );
    assert_eq!(notified_rows(&env), 5);
}

#[test]
fn field_text_reaches_the_daemon_inert() {
    let Some(desktop) = Desktop::start() else { return };
    let env = Env::new();
    env.set_user();
    env.add("Evil\u{1b}[31m <b>Co</b>", "Engineer", &["--on", "2026-10-01"]);
    env.ok(&["reject", "1", "--on", "3 days ago"]);
    env.run(&["due", "--notify", "--quiet"])
        .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
        .ok();
    let got = desktop.received(1);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].title, "Follow up: Engineer at Evil\\u{1b}[31m <b>Co</b>");
    assert!(!got[0].title.contains('\u{1b}'));
}

#[test]
fn cron_environment_finds_the_session_bus_in_xdg_runtime_dir() {
    let Some(desktop) = Desktop::start() else { return };
    let env = env_with_rejections(&[3]);
    env.run(&["due", "--notify", "--quiet"])
        .without("DBUS_SESSION_BUS_ADDRESS")
        .without("DISPLAY")
        .env("XDG_RUNTIME_DIR", desktop.runtime_dir().to_str().unwrap())
        .ok();
    assert_eq!(desktop.received(1).len(), 1);
}

#[test]
fn without_a_server_the_list_is_printed_and_the_run_fails() {
    let Some(desktop) = Desktop::bus_only() else { return };
    let env = env_with_rejections(&[3]);
    let out = env
        .run(&["due", "--notify"])
        .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
        .output();
    assert_eq!(out.code, 3);
    assert!(out.stdout.contains("Acme"), "the list is still printed: {}", out.stdout);
    assert_eq!(
        out.stderr,
        "tracker: cannot show a desktop notification: no notification server is running on the session bus (start your desktop's notification daemon, e.g. dunst)\n"
    );
    assert_eq!(
        notified_rows(&env),
        0,
        "a failed notification is not recorded, so the next run retries"
    );
    let quiet = env
        .run(&["due", "--notify", "--quiet"])
        .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
        .output();
    assert_eq!((quiet.code, quiet.stdout.as_str()), (3, ""));
}

#[test]
fn a_frozen_server_does_not_hang_the_run() {
    let Some(desktop) = Desktop::start() else { return };
    desktop.freeze();
    let env = env_with_rejections(&[3]);
    let started = Instant::now();
    let out = env
        .run(&["due", "--notify", "--quiet"])
        .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
        .output();
    let took = started.elapsed();
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("tracker: the notification server did not answer within 3 s"),
        "{}",
        out.stderr
    );
    assert!(took < Duration::from_secs(8), "bounded wait, took {took:?}");
    assert_eq!(notified_rows(&env), 0);
}

/// Needs no packages: the harness points the bus address at a socket that does not exist.
#[test]
fn without_a_bus_the_run_fails_with_advice() {
    let env = env_with_rejections(&[3]);
    let out = env.run(&["due", "--notify", "--quiet"]).output();
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .starts_with("tracker: cannot show a desktop notification: cannot reach the D-Bus session bus ("),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1);
    let nothing_due = Env::new();
    nothing_due.create_db();
    assert_eq!(
        nothing_due.run(&["due", "--notify"]).output().code,
        0,
        "nothing due: no bus needed"
    );
}

/// 48 hourly cron runs against the real daemon with three due applications: one notification per
/// application per day, and none after the follow-up is sent, dismissed, or has expired.
#[test]
fn hourly_runs_for_two_days() {
    let Some(desktop) = Desktop::start() else { return };
    let mut env = Env::new();
    env.set_user();
    // Acme: rejected 30 days before day 1, so day 1 is its last day (expiry) and day 2 it is missed.
    // Globex: its follow-up is sent before day 2 starts. Initech: dismissed at 06:00 on day 2.
    for (company, rejected) in [
        ("Acme", "2026-10-28"),
        ("Globex", "2026-11-20"),
        ("Initech", "2026-11-21"),
    ] {
        let id = env.add(company, "Engineer", &["--on", "2026-10-01"]);
        env.ok(&["reject", &id.to_string(), "--on", rejected]);
    }
    let mut seen = Vec::new();
    for hour in 0..48 {
        let day = 27 + hour / 24;
        env.at(&format!("2026-11-{day}T{:02}:30:00Z", hour % 24));
        if hour == 24 {
            env.ok(&["followup", "2", "--sent", "--on", "yesterday"]);
        }
        if hour == 30 {
            env.ok(&["dismiss", "3"]);
        }
        env.run(&["due", "--notify", "--quiet"])
            .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
            .ok();
        // dunst records asynchronously: wait for what should have arrived by now (and a moment more).
        let expected = if hour < 24 { 3 } else { 4 };
        if [0, 23, 24, 47].contains(&hour) {
            seen.push((hour, desktop.received(expected).len()));
        }
    }
    assert_eq!(
        seen,
        [(0, 3), (23, 3), (24, 4), (47, 4)],
        "(hour, notifications so far)"
    );
    let got = desktop.received(4);
    let titles: Vec<&str> = got.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Follow up: Engineer at Acme",
            "Follow up: Engineer at Globex",
            "Follow up: Engineer at Initech",
            "Follow up: Engineer at Initech"
        ]
    );
    assert!(got.iter().all(|r| r.app == "tracker"));
}

/// Removes the `/run/user/<uid>/bus` link (and the folder, if the test made it) when the test ends.
struct RunUserLink {
    link: std::path::PathBuf,
    made_dir: bool,
}

impl Drop for RunUserLink {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.link);
        if self.made_dir {
            let _ = std::fs::remove_dir(self.link.parent().unwrap());
        }
    }
}

/// cron's environment has neither DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR: the bus is found at
/// /run/user/<uid>/bus. The test links that path to its private bus when nothing lives there already.
#[test]
fn bare_cron_environment_finds_the_bus_in_run_user() {
    let Some(desktop) = Desktop::start() else { return };
    let uid = std::process::Command::new("id").arg("-u").output().unwrap();
    let dir = std::path::PathBuf::from(format!("/run/user/{}", String::from_utf8_lossy(&uid.stdout).trim()));
    let link = dir.join("bus");
    if link.exists() {
        common::skip(&format!(
            "{} belongs to a real session bus; not replacing it",
            link.display()
        ));
        return;
    }
    let made_dir = !dir.exists();
    if std::fs::create_dir_all(&dir).is_err() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must be able to create {}",
            dir.display()
        );
        common::skip(&format!("cannot create {}", dir.display()));
        return;
    }
    let _guard = RunUserLink {
        link: link.clone(),
        made_dir,
    };
    std::os::unix::fs::symlink(desktop.runtime_dir().join("bus"), &link).unwrap();
    let env = env_with_rejections(&[3]);
    env.run(&["due", "--notify", "--quiet"])
        .without("DBUS_SESSION_BUS_ADDRESS")
        .without("XDG_RUNTIME_DIR")
        .ok();
    assert_eq!(desktop.received(1).len(), 1);
}

#[test]
fn the_last_days_of_the_window_are_announced() {
    let Some(desktop) = Desktop::start() else { return };
    let env = env_with_rejections(&[28, 30]);
    env.run(&["due", "--notify", "--quiet"])
        .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
        .ok();
    assert_eq!(
        desktop.received(2),
        [
            received(
                "tracker",
                "Follow up: Engineer at Globex",
                "Rejected 30 days ago. Today is the last day to follow up. Print the email with: tracker followup 2"
            ),
            received(
                "tracker",
                "Follow up: Engineer at Acme",
                "Rejected 28 days ago. Only 2 days left to follow up. Print the email with: tracker followup 1"
            ),
        ]
    );
}

/// Three `due --notify` started together, on 20 days in a row: each day the one due application is notified
/// once, however the runs interleave. The runs must really overlap for the test to mean anything, so it
/// measures that they did.
#[test]
fn overlapping_runs_notify_once() {
    let Some(desktop) = Desktop::start() else { return };
    let mut env = env_with_rejections(&[2]);
    const ROUNDS: usize = 20;
    const RUNS: usize = 3;
    let mut overlapped = 0;
    for round in 0..ROUNDS {
        let day = chrono_day(round);
        env.at(&day);
        let barrier = std::sync::Barrier::new(RUNS);
        let spans: Vec<(Instant, Instant, i32)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..RUNS)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        let start = Instant::now();
                        let out = env
                            .run(&["due", "--notify", "--quiet"])
                            .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
                            .output();
                        (start, Instant::now(), out.code)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(spans.iter().all(|(_, _, code)| *code == 0), "round {round}: {spans:?}");
        let latest_start = spans.iter().map(|s| s.0).max().unwrap();
        let earliest_end = spans.iter().map(|s| s.1).min().unwrap();
        if latest_start < earliest_end {
            overlapped += 1;
        }
        desktop.received(round + 1);
        assert_eq!(desktop.notify_calls(), round + 1, "round {round} ({day})");
    }
    // Processes started at a barrier overlap nearly always; a loaded machine may serialise a few rounds.
    assert!(
        overlapped >= ROUNDS / 2,
        "only {overlapped} of {ROUNDS} rounds overlapped"
    );
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(desktop.notify_calls(), ROUNDS, "no late duplicates");
    assert_eq!(notified_rows(&env), ROUNDS);
}

/// 2026-11-29 plus `round` days, at 09:00 UTC: the application rejected on 2026-11-25 is due on each.
fn chrono_day(round: usize) -> String {
    let first = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let day = first + chrono::Days::new(round as u64);
    format!("{}T09:00:00Z", day.format("%Y-%m-%d"))
}

#[test]
fn pending_mail_proposals_are_announced_once_a_day() {
    let Some(desktop) = Desktop::start() else { return };
    let mut env = env_with_rejections(&[3]);
    let mbox = env.path("inbox.mbox");
    std::fs::write(
        &mbox,
        "From x@example.org Mon Nov 23 09:00:00 2026\nMessage-ID: <r1@initech.example>\n\
         Date: Mon, 23 Nov 2026 09:00:00 +0000\nFrom: Initech <jobs@initech.example>\nSubject: Your application\n\n\
         We regret to inform you that we have decided to move forward with other candidates.\n",
    )
    .unwrap();
    env.ok(&["mail", "scan", "--mbox", mbox.to_str().unwrap(), "--quiet"]);
    let run = |env: &Env| {
        env.run(&["due", "--notify", "--quiet"])
            .env("DBUS_SESSION_BUS_ADDRESS", &desktop.bus)
            .ok()
    };
    run(&env);
    assert_eq!(
        desktop.received(2),
        [
            received(
                "tracker",
                "Follow up: Engineer at Acme",
                "Rejected 3 days ago. Print the email with: tracker followup 1"
            ),
            received(
                "tracker",
                "1 mail update to review",
                "Tracker found them in your mail. Review them with: tracker mail list"
            ),
        ]
    );
    env.at("2026-11-27T17:00:00Z");
    run(&env);
    assert_eq!(desktop.notify_calls(), 2, "once a day");
    env.at("2026-11-28T09:00:00Z");
    env.ok(&["mail", "drop", "--all"]);
    run(&env);
    let calls = desktop.notify_calls();
    assert_eq!(calls, 3, "the next day only the follow-up: nothing left to review");
}
