//! due, followup, dismiss, snooze, reply and templates through the real binary.

mod common;

use common::Env;
use serde_json::json;

/// Acme (interviewed, rejected 4 days ago, contact known), Globex (rejected yesterday), Initech (rejected 40
/// days ago), Hooli (applied a week ago: its check-in waits until 14 days of silence).
fn sample() -> Env {
    let env = Env::new();
    env.add(
        "Acme",
        "Backend Engineer",
        &[
            "--on",
            "2026-10-01",
            "--contact",
            "Dana Rivera",
            "--email",
            "dana@acme.example",
            "--salutation",
            "Ms. Rivera",
        ],
    );
    env.ok(&["interview", "1", "--on", "2026-11-10"]);
    env.ok(&["reject", "1", "--on", "4 days ago"]);
    env.add("Globex", "SRE", &["--on", "2026-10-01"]);
    env.ok(&["reject", "2", "--on", "yesterday"]);
    env.add("Initech", "Data Engineer", &["--on", "2026-09-01"]);
    env.ok(&["reject", "3", "--on", "40 days ago"]);
    env.add("Hooli", "Engineer", &["--on", "2026-11-20"]);
    env
}

#[test]
fn due_lists_what_is_due_oldest_first() {
    let env = sample();
    let table = env.ok(&["due"]);
    let expected = [
        " ID   Kind        Company   Position           Since        Days   Template ",
        "────────────────────────────────────────────────────────────────────────────",
        "  1   rejection   Acme      Backend Engineer   2026-11-23      4   combined ",
    ];
    assert_eq!(table, expected.join("\n") + "\n");
    assert_eq!(
        env.json(&["due", "--json"]),
        json!([{"id": 1, "company": "Acme", "position": "Backend Engineer", "rejected_on": "2026-11-23",
                "days_since": 4, "template": "combined", "state": "due", "wakes_on": null,
                "expires_on": "2026-12-23", "days_left": 26, "kind": "rejection", "since": "2026-11-23"}])
    );
    let ids = |v: serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(env.json(&["due", "--days", "1", "--json"])), [1, 2]);
    assert_eq!(ids(env.json(&["due", "--days", "5", "--json"])), Vec::<i64>::new());
    let all = env.json(&["due", "--all", "--json"]);
    let states: Vec<_> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["id"].as_i64().unwrap(), r["state"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        states,
        [
            (4, "waiting".to_owned()),
            (1, "due".to_owned()),
            (2, "waiting".to_owned())
        ],
        "the check-in of 4 waits too"
    );
    let with_missed: Vec<_> = env
        .json(&["due", "--missed", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    assert_eq!(with_missed, [3, 4, 1, 2], "--missed adds the missed ones");
    env.ok(&["config", "set", "followup.after_days", "1"]);
    env.ok(&["config", "set", "followup.kind", "feedback"]);
    let configured = env.json(&["due", "--json"]);
    assert_eq!(ids(configured.clone()), [1, 2]);
    assert_eq!(configured[0]["template"], "feedback");
    env.ok(&["config", "set", "followup.expire_after_days", "60"]);
    assert_eq!(ids(env.json(&["due", "--json"])), [3, 1, 2]);
}

#[test]
fn nothing_due_prints_nothing() {
    let env = Env::new();
    assert_eq!(env.run(&["due"]).output().stdout, "");
    let mut env = sample();
    env.at("2026-11-24");
    let out = env.run(&["due"]).output();
    assert_eq!((out.code, out.stdout.as_str(), out.stderr.as_str()), (0, "", ""));
    assert_eq!(env.ok(&["due", "--json"]), "[]\n", "JSON readers get an empty array");
    let quiet = sample();
    assert_eq!(quiet.ok(&["due", "--quiet"]), "");
}

#[test]
fn followup_prints_the_draft_in_each_format() {
    let env = sample();
    env.set_user();
    let text = env.ok(&["followup", "1", "--kind", "feedback"]);
    let expected = "\
To: Dana Rivera <dana@acme.example>
Subject: Sam Taylor – Backend Engineer

Dear Ms. Rivera,

Thank you for taking the time to consider my application for the Backend Engineer role at Acme. I was disappointed to hear the news, but my interest in your team and its work is as strong as ever.

I valued our conversation during the interview, and any impressions you could share about how it went would help me a great deal. I would be grateful for any thoughts on what could make a future application from me stronger. I know how full your schedule is, so any feedback at all would be much appreciated.

Thank you again for your time.

Best regards,
Sam Taylor
";
    assert_eq!(text, expected);

    let network = env.ok(&["followup", "2", "--kind", "network"]);
    assert!(
        network.starts_with("Subject: Sam Taylor – SRE\n\nDear Hiring Manager,\n"),
        "{network}"
    );
    assert!(
        !env.ok(&["followup", "2"]).contains("interview"),
        "Globex never interviewed"
    );

    let eml = env.ok(&["followup", "1", "--format", "eml"]);
    assert!(eml.contains("\r\nX-Unsent: 1\r\n"), "{eml}");
    assert!(eml.contains("\r\nTo: \"Dana Rivera\" <dana@acme.example>\r\n"));
    assert!(eml.contains("\r\nFrom: \"Sam Taylor\" <sam@example.org>\r\n"));
    assert!(
        eml.starts_with("Subject: =?utf-8?Q?Sam_Taylor_=E2=80=93_Backend_Engineer?=\r\n"),
        "{eml}"
    );
    assert!(eml.contains("Content-Type: text/plain; charset=\"utf-8\"\r\n"));

    let mailto = env.ok(&["followup", "1", "--format", "mailto"]);
    assert!(mailto.starts_with("mailto:dana@acme.example?subject=Sam%20Taylor%20%E2%80%93%20Backend%20Engineer&body=Dear%20Ms.%20Rivera%2C%0D%0A%0D%0A"), "{mailto}");
    assert_eq!(mailto.lines().count(), 1);
}

#[test]
fn the_greeting_falls_back_from_salutation_to_name_to_hiring_manager() {
    let env = Env::new();
    env.set_user();
    env.add("A", "P", &["--contact", "Dana Rivera"]);
    env.ok(&["reject", "1"]);
    assert!(env.ok(&["followup", "1"]).contains("\nDear Dana Rivera,\n"));
    env.ok(&["edit", "1", "--salutation", "Dr. Rivera"]);
    assert!(env.ok(&["followup", "1"]).contains("\nDear Dr. Rivera,\n"));
    env.ok(&["edit", "1", "--clear", "contact", "--clear", "salutation"]);
    assert!(env.ok(&["followup", "1"]).contains("\nDear Hiring Manager,\n"));
}

#[test]
fn sent_dismiss_and_snooze_close_or_hide_the_reminder() {
    let env = sample();
    let ids = |env: &Env| {
        env.json(&["due", "--days", "0", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&env), [1, 2]);
    assert_eq!(
        env.ok(&["followup", "1", "--sent", "--kind", "network"]),
        "Recorded the follow-up to Acme about Backend Engineer (network, 2026-11-27); no more reminders for it.\n"
    );
    assert_eq!(ids(&env), [2]);
    assert_eq!(
        env.ok(&["snooze", "2", "--until", "in 3 days"]),
        "Snoozed the follow-up for application 2 until 2026-11-30.\n"
    );
    assert_eq!(ids(&env), Vec::<i64>::new());
    let mut env = env;
    env.at("2026-11-29");
    assert_eq!(ids(&env), Vec::<i64>::new(), "the snooze's last day");
    env.at("2026-11-30");
    assert_eq!(ids(&env), [2], "due again on the day the snooze ends");
    env.ok(&["dismiss", "2", "--note", "they closed the team"]);
    assert_eq!(ids(&env), Vec::<i64>::new());
    assert_eq!(
        env.json(&["due", "--all", "--kind", "rejection", "--json"]),
        json!([]),
        "only the missed Initech is left"
    );
    let missed = env.json(&["due", "--missed", "--kind", "rejection", "--json"]);
    assert_eq!(
        missed.as_array().unwrap().len(),
        1,
        "only Initech (missed) is left: {missed}"
    );
    assert_eq!(
        (missed[0]["id"].as_i64(), missed[0]["state"].as_str()),
        (Some(3), Some("missed"))
    );
    assert_eq!(missed[0]["days_left"], json!(null));

    let app = env.json(&["show", "1", "--json"]);
    let last = &app["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["kind"], "followup");
    assert_eq!(last["template"], "network");
    let globex = env.json(&["show", "2", "--json"]);
    let kinds: Vec<_> = globex["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["status", "status", "snooze", "dismiss"]);
    assert_eq!(globex["events"][2]["until"], "2026-11-30");
    assert_eq!(globex["events"][3]["note"], "they closed the team");
}

#[test]
fn a_new_rejection_starts_new_reminders() {
    let env = sample();
    env.ok(&["followup", "1", "--sent"]);
    env.ok(&["status", "1", "applied"]);
    env.ok(&["reject", "1"]);
    let due = env.json(&["due", "--days", "0", "--json"]);
    assert!(due.as_array().unwrap().iter().any(|r| r["id"] == 1), "{due}");
}

#[test]
fn reply_is_kept_in_the_timeline() {
    let env = sample();
    env.ok(&["followup", "1", "--sent", "--on", "yesterday"]);
    assert_eq!(
        env.ok(&[
            "reply",
            "1",
            "They suggested more system design practice.",
            "--on",
            "today"
        ]),
        "Recorded the reply to application 1 (2026-11-27).\n"
    );
    let shown = env.ok(&["show", "1"]);
    assert!(shown.contains("  2026-11-26  follow-up sent (combined)\n"), "{shown}");
    assert!(
        shown.contains("  2026-11-27  reply received: They suggested more system design practice.\n"),
        "{shown}"
    );
    let app = env.json(&["show", "1", "--json"]);
    let reply = app["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(reply["kind"], "reply");
    assert_eq!(reply["note"], "They suggested more system design practice.");
}

#[test]
fn bad_follow_up_input_changes_nothing() {
    let env = sample();
    env.ok(&["followup", "2", "--sent"]);
    env.ok(&["dismiss", "3"]);
    env.ok(&["offer", "4"]);
    let before = env.dump();
    let cases: &[(i32, &[&str], &str)] = &[
        (
            1,
            &["followup", "4"],
            "tracker: application 4 is offer: follow-ups are for rejections, applications waiting for news, and interviews (there is nothing to follow up on after an offer)",
        ),
        (
            1,
            &["followup", "4", "--sent"],
            "tracker: application 4 is offer: follow-ups are for rejections, applications waiting for news, and interviews (there is nothing to follow up on after an offer)",
        ),
        (
            1,
            &["followup", "1"],
            "tracker: user.name is not set, and drafts are signed with it (run: tracker config set user.name \"Your Name\")",
        ),
        (
            2,
            &["followup", "1", "--kind", "grovel"],
            "tracker: invalid value 'grovel' for '--kind <KIND>' [possible values: feedback, network, combined, checkin, thanks] (see: tracker followup --help)",
        ),
        (
            2,
            &["followup", "1", "--format", "pdf"],
            "tracker: invalid value 'pdf' for '--format <FORMAT>' [possible values: text, eml, mailto] (see: tracker followup --help)",
        ),
        (
            1,
            &["followup", "2", "--sent"],
            "tracker: a follow-up to application 2 was already recorded on 2026-11-27",
        ),
        (
            1,
            &["followup", "99"],
            "tracker: no application with id 99 (see: tracker list)",
        ),
        (
            1,
            &["snooze", "1", "--until", "yesterday"],
            "tracker: cannot snooze until 2026-11-26: the date must be after today (2026-11-27), e.g. --until tomorrow",
        ),
        (
            1,
            &["snooze", "1", "--until", "today"],
            "tracker: cannot snooze until 2026-11-27: the date must be after today (2026-11-27), e.g. --until tomorrow",
        ),
        (
            1,
            &["snooze", "2", "--until", "tomorrow"],
            "tracker: the follow-up to application 2 was already sent on 2026-11-27",
        ),
        (
            1,
            &["snooze", "4", "--until", "tomorrow"],
            "tracker: application 4 is offer, not rejected: follow-ups are for rejections (there is nothing to follow up on after an offer)",
        ),
        (
            1,
            &["snooze", "1", "--until", "2026-12-24"],
            "tracker: cannot snooze until 2026-12-24: this follow-up stops being due after 2026-12-23 (30 days after the rejection, followup.expire_after_days); snooze until 2026-12-23 at the latest, or dismiss it",
        ),
        (
            1,
            &["due", "--days", "30"],
            "tracker: followup.expire_after_days (30) must be greater than --days (30), or no follow-up would ever be due (raise followup.expire_after_days or lower --days)",
        ),
        (
            1,
            &["dismiss", "3"],
            "tracker: the follow-up to application 3 was already dismissed on 2026-11-27",
        ),
        (1, &["reply", "1", " "], "tracker: the reply is empty"),
        (
            1,
            &["reply", "1", "x", "--on", "tomorrow"],
            "tracker: date 2026-11-28 is in the future (today is 2026-11-27)",
        ),
        (
            1,
            &["followup", "1", "--sent", "--on", "2026-11-01"],
            "tracker: date 2026-11-01 is before the application's previous event on 2026-11-23 (events are recorded in order)",
        ),
    ];
    env.expect_failures(cases);
    assert_eq!(env.dump(), before);
}

#[test]
fn custom_templates_override_and_are_checked() {
    let env = sample();
    env.set_user();
    let dir = env.ok(&["templates", "path"]);
    let dir = std::path::PathBuf::from(dir.trim());
    assert_eq!(dir, env.config.parent().unwrap().join("templates"));
    let builtin = env.ok(&["templates", "show", "network"]);
    assert!(builtin.starts_with("Subject: {{ sender }} – {{ position }}\n"));

    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("network.txt"),
        "Subject: Hello from {{ sender }}\n\nHi {{ greeting }}, {{ company }} rocks.\n",
    )
    .unwrap();
    assert_eq!(
        env.ok(&["followup", "1", "--kind", "network"]),
        "To: Dana Rivera <dana@acme.example>\nSubject: Hello from Sam Taylor\n\nHi Ms. Rivera, Acme rocks.\n"
    );
    let listed = env.ok(&["templates", "list"]);
    assert!(
        listed.contains(&format!("network   {}\n", dir.join("network.txt").display())),
        "{listed}"
    );
    assert!(listed.contains("feedback  built-in\n"), "{listed}");

    std::fs::write(dir.join("feedback.txt"), "Dear {{ greting }},\n").unwrap();
    let before = env.dump();
    let err = env.fails(1, &["followup", "1", "--kind", "feedback"]);
    assert_eq!(
        err,
        format!(
            "tracker: template {} uses unknown variable `greting` (known: sender, sender_email, company, position, greeting, contact, interviewed, interviews, interviewers, detail, rejected_on, kind)",
            dir.join("feedback.txt").display()
        )
    );
    std::fs::write(dir.join("combined.txt"), "Dear {% if %}\n").unwrap();
    let err = env.fails(1, &["followup", "1"]);
    assert!(
        err.starts_with(&format!(
            "tracker: template {} is broken: ",
            dir.join("combined.txt").display()
        )),
        "{err}"
    );
    let listed = env.run(&["templates", "list"]).output();
    assert_eq!(listed.code, 1, "broken templates fail the listing");
    assert_eq!(listed.stdout.matches("BROKEN").count(), 2, "{}", listed.stdout);
    assert_eq!(
        listed.stderr,
        "tracker: 2 templates are broken (fix them or remove them to use the built-in one)\n"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn hostile_fields_cannot_add_headers_or_escape() {
    let env = Env::new();
    env.set_user();
    env.add(
        "Acme\r\nBcc: spy@evil.example",
        "Engineer\nX-Evil: 1",
        &["--contact", "Dana\r\nCc: spy@evil.example"],
    );
    // `--email` refuses such a value now; a database written by an older tracker may still hold one.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute(
        "UPDATE applications SET contact_email = 'dana@acme.example\r\nBcc: spy@evil.example' WHERE id = 1",
        [],
    )
    .unwrap();
    drop(conn);
    env.ok(&["reject", "1"]);
    let out = env.run(&["followup", "1", "--format", "eml"]).output();
    assert_eq!(out.code, 0);
    assert!(out.stderr.contains("is not one valid address"), "{}", out.stderr);
    let head = out.stdout.split("\r\n\r\n").next().unwrap();
    for line in head.split("\r\n") {
        let name = line.split(':').next().unwrap();
        assert!(
            line.starts_with([' ', '\t'])
                || [
                    "Subject",
                    "Date",
                    "Message-ID",
                    "X-Unsent",
                    "From",
                    "MIME-Version",
                    "Content-Type",
                    "Content-Transfer-Encoding"
                ]
                .contains(&name),
            "unexpected header line {line:?}"
        );
    }
    let text = env.run(&["followup", "1"]).output().stdout;
    assert!(
        text.starts_with("Subject: Sam Taylor – Engineer X-Evil: 1\n\n"),
        "{text}"
    );
}

/// "Today" is the local calendar day, whatever the UTC date and however long the day (DST changes).
#[test]
fn days_are_local_calendar_days_across_dst() {
    let zones = [
        "/usr/share/zoneinfo/Europe/Berlin",
        "/usr/share/zoneinfo/America/New_York",
    ];
    if zones.iter().any(|z| !std::path::Path::new(z).exists()) {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI must run the time-zone test: install tzdata"
        );
        common::skip("the time-zone test needs tzdata (apt-get install tzdata)");
        return;
    }
    let mut env = Env::new();
    env.at("2026-03-28T12:00:00Z");
    env.run(&["add", "Acme", "Engineer", "--on", "2026-03-01"])
        .env("TZ", "Europe/Berlin")
        .ok();
    env.run(&["reject", "1", "--on", "2026-03-28"])
        .env("TZ", "Europe/Berlin")
        .ok();
    let due = |env: &Env| env.run(&["due", "--json"]).env("TZ", "Europe/Berlin").ok();
    // 23:30 in Berlin on Sunday the 29th (the 23-hour day when summer time starts): one day after.
    env.at("2026-03-29T21:30:00Z");
    assert_eq!(due(&env), "[]\n");
    // 01:30 in Berlin on Monday the 30th, only 25.5 hours after the rejection day began: two calendar days.
    env.at("2026-03-29T23:30:00Z");
    assert!(due(&env).contains("\"days_since\": 2"));
    // The same instant is still Sunday the 29th in New York.
    let ny = env.run(&["due", "--json"]).env("TZ", "America/New_York").ok();
    assert_eq!(ny, "[]\n");
}

#[test]
fn sent_records_the_kind_of_the_last_draft_printed_since_the_rejection() {
    let env = sample();
    env.set_user();
    env.ok(&["followup", "1", "--kind", "network"]);
    env.ok(&["followup", "1", "--kind", "feedback", "--format", "eml"]);
    assert_eq!(
        env.ok(&["followup", "1", "--sent"]),
        "Recorded the follow-up to Acme about Backend Engineer (feedback, 2026-11-27); no more reminders for it.\n"
    );
    assert!(
        env.ok(&["show", "1"])
            .contains("  2026-11-27  follow-up sent (feedback)\n"),
        "show says which email went out"
    );
    // Without a draft printed since the rejection, the configured kind; a draft of an earlier rejection
    // does not count.
    env.ok(&["followup", "2", "--kind", "network"]);
    env.ok(&["status", "2", "interviewing"]);
    env.ok(&["reject", "2"]);
    env.ok(&["config", "set", "followup.kind", "combined"]);
    assert!(env.ok(&["followup", "2", "--sent"]).contains("(combined, 2026-11-27)"));
    // Named on the command line, it wins.
    env.ok(&["followup", "3", "--kind", "feedback"]);
    assert!(
        env.ok(&["followup", "3", "--sent", "--kind", "network"])
            .contains("(network, ")
    );
}

#[test]
fn due_all_says_when_each_follow_up_wakes_and_ends() {
    let env = sample();
    env.ok(&["snooze", "1", "--until", "2026-11-30"]);
    env.add("Umbrella", "Analyst", &["--on", "2026-10-01"]);
    env.ok(&["reject", "5", "--on", "2026-10-29"]);
    let table = env.ok(&["due", "--all"]);
    let expected = [
        " ID   Kind        Company    Position           Since        Days   Template   State                    ",
        "────────────────────────────────────────────────────────────────────────────────────────────────────────",
        "  5   rejection   Umbrella   Analyst            2026-10-29     29   combined   due, 1 day left          ",
        "  4   checkin     Hooli      Engineer           2026-11-20      7   checkin    waiting until 2026-12-04 ",
        "  1   rejection   Acme       Backend Engineer   2026-11-23      4   combined   snoozed until 2026-11-30 ",
        "  2   rejection   Globex     SRE                2026-11-26      1   combined   waiting until 2026-11-28 ",
    ];
    assert_eq!(table, expected.join("\n") + "\n");
    let json = env.json(&["due", "--all", "--json"]);
    assert_eq!(json[1]["wakes_on"], "2026-12-04");
    assert_eq!(json[2]["wakes_on"], "2026-11-30");
    assert_eq!(json[3]["wakes_on"], "2026-11-28");
    assert_eq!(
        (json[0]["expires_on"].as_str(), json[0]["days_left"].as_i64()),
        (Some("2026-11-28"), Some(1))
    );
    assert!(env.ok(&["due", "--missed"]).contains("  3   rejection   Initech "));
}

#[test]
fn a_window_in_which_nothing_could_be_due_is_refused() {
    let env = sample();
    env.ok(&["config", "set", "followup.expire_after_days", "10"]);
    let before = std::fs::read_to_string(&env.config).unwrap();
    assert_eq!(
        env.fails(1, &["config", "set", "followup.after_days", "10"]),
        "tracker: cannot set followup.after_days: followup.expire_after_days (10) must be greater than followup.after_days (10), or no follow-up would ever be due (raise followup.expire_after_days or lower followup.after_days)"
    );
    assert_eq!(
        std::fs::read_to_string(&env.config).unwrap(),
        before,
        "the file is unchanged"
    );
    std::fs::write(&env.config, "[followup]\nafter_days = 7\nexpire_after_days = 5\n").unwrap();
    assert_eq!(
        env.fails(1, &["due"]),
        format!(
            "tracker: in config file {}: followup.expire_after_days (5) must be greater than followup.after_days (7), or no follow-up would ever be due (raise followup.expire_after_days or lower followup.after_days)",
            env.config.display()
        )
    );
}
