//! add, list, show, status changes, note, edit and rm, run through the real binary.

mod common;

use common::Env;
use serde_json::json;

#[test]
fn add_prints_the_new_id_and_defaults_to_applied_today() {
    let env = Env::new();
    let out = env.ok(&["add", "Acme", "Backend Engineer"]);
    assert_eq!(
        out,
        "Added application 1: Backend Engineer at Acme (applied 2026-11-27).\n"
    );
    let app = env.json(&["show", "1", "--json"]);
    assert_eq!(app["status"], "applied");
    assert_eq!(
        app["events"],
        json!([{
            "kind": "status", "on": "2026-11-27", "from": null, "status": "applied", "note": null,
            "until": null, "template": null, "recorded_at": "2026-11-27T12:00:00Z"
        }])
    );
}

#[test]
fn add_json_is_the_show_json() {
    let env = Env::new();
    let added = env.json(&[
        "add",
        "Acme",
        "Engineer",
        "--json",
        "--url",
        "https://acme.example/jobs/1",
        "--location",
        "Lisbon",
        "--source",
        "referral",
        "--salary",
        "€70k",
        "--notes",
        "met at a meetup",
        "--contact",
        "Dana Rivera",
        "--email",
        "dana@acme.example",
        "--salutation",
        "Ms. Rivera",
        "--tag",
        "rust",
        "--tag",
        "remote",
        "--status",
        "saved",
        "--on",
        "3 days ago",
        "--note",
        "found on their blog",
    ]);
    assert_eq!(added, env.json(&["show", "1", "--json"]));
    assert_eq!(
        added,
        json!({
            "id": 1, "company": "Acme", "position": "Engineer", "status": "saved", "status_on": "2026-11-24",
            "url": "https://acme.example/jobs/1", "location": "Lisbon", "source": "referral", "salary": "€70k",
            "notes": "met at a meetup", "tags": ["rust", "remote"], "contact_name": "Dana Rivera",
            "contact_email": "dana@acme.example", "contact_salutation": "Ms. Rivera",
            "created_at": "2026-11-27T12:00:00Z", "furthest_stage": "saved",
            "events": [{"kind": "status", "on": "2026-11-24", "from": null, "status": "saved",
                        "note": "found on their blog", "until": null, "template": null,
                        "recorded_at": "2026-11-27T12:00:00Z"}]
        })
    );
}

#[test]
fn a_second_open_application_for_the_same_job_needs_force() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let err = env.fails(1, &["add", " acme ", "ENGINEER"]);
    assert_eq!(
        err,
        "tracker: application 1 for ENGINEER at acme is still open (use --force to add another, or see: tracker show 1)"
    );
    assert_eq!(env.add("acme", "engineer", &["--force"]), 2);
    env.ok(&["reject", "1"]);
    env.ok(&["withdraw", "2"]);
    assert_eq!(
        env.add("Acme", "Engineer", &[]),
        3,
        "closed applications do not block a new one"
    );
}

#[test]
fn list_is_newest_change_first_with_days_since() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--on", "2026-11-01"]);
    env.add("Globex", "Platform Engineer", &["--on", "2026-11-20"]);
    env.add("Initech", "SRE", &["--on", "2026-11-10"]);
    env.ok(&["reject", "1", "--on", "2026-11-25"]);
    let out = env.ok(&["list"]);
    let expected = [
        " ID   Company   Position            Status     Applied      Since        Days",
        "──────────────────────────────────────────────────────────────────────────────",
        "  1   Acme      Engineer            rejected   2026-11-01   2026-11-25      2",
        "  2   Globex    Platform Engineer   applied    2026-11-20   2026-11-20      7",
        "  3   Initech   SRE                 applied    2026-11-10   2026-11-10     17",
    ];
    assert_eq!(out, expected.join("\n") + "\n");
    let limited = env.json(&["list", "--limit", "1", "--json"]);
    assert_eq!(limited.as_array().unwrap().len(), 1);
    assert_eq!(limited[0]["id"], 1);
    assert_eq!(limited[0]["days_since"], 2);
    assert!(limited[0].get("events").is_none());
    let applied = env.json(&["list", "--status", "applied", "--json"]);
    let ids: Vec<_> = applied
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [2, 3]);
    let both = env.json(&["list", "--status", "applied", "--status", "rejected", "--json"]);
    assert_eq!(both.as_array().unwrap().len(), 3);
}

#[test]
fn list_of_nothing_says_how_to_start() {
    let env = Env::new();
    env.create_db();
    let out = env.run(&["list"]).output();
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    assert_eq!(
        out.stderr,
        "No applications yet. Add one with: tracker add COMPANY POSITION\n"
    );
    assert_eq!(env.ok(&["list", "--json"]), "[]\n");
}

#[test]
fn history_keeps_the_furthest_stage_after_a_rejection() {
    let env = Env::new();
    env.add(
        "Acme",
        "Engineer",
        &[
            "--on",
            "2026-11-01",
            "--contact",
            "Dana Rivera",
            "--email",
            "dana@acme.example",
        ],
    );
    assert_eq!(
        env.ok(&["interview", "1", "--on", "2026-11-10", "--note", "first round"]),
        "Application 1 (Engineer at Acme): applied → interviewing on 2026-11-10.\n"
    );
    env.ok(&["reject", "1", "--on", "yesterday"]);
    env.ok(&["note", "1", "asked a friend there about it"]);
    let app = env.json(&["show", "1", "--json"]);
    assert_eq!(app["status"], "rejected");
    assert_eq!(app["furthest_stage"], "interviewing");
    let kinds: Vec<_> = app["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["status", "status", "status", "note"]);
    assert_eq!(app["events"][2]["from"], "interviewing");
    assert_eq!(app["events"][2]["on"], "2026-11-26");
    let shown = env.ok(&["show", "1"]);
    let expected = "\
#1  Engineer at Acme
Status      rejected since 2026-11-26 (1 day ago); got as far as interviewing
Contact     Dana Rivera <dana@acme.example>
Added       2026-11-27T12:00:00Z

Timeline
  2026-11-01  added as applied
  2026-11-10  applied → interviewing: first round
  2026-11-26  interviewing → rejected
  2026-11-27  note: asked a friend there about it
";
    assert_eq!(shown, expected);
}

#[test]
fn status_accepts_every_status_and_refuses_a_repeat() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--on", "2026-11-01"]);
    for status in [
        "interviewing",
        "offer",
        "accepted",
        "withdrawn",
        "ghosted",
        "saved",
        "applied",
        "rejected",
    ] {
        env.ok(&["status", "1", status]);
        assert_eq!(env.json(&["show", "1", "--json"])["status"], status);
    }
    let before = env.dump();
    assert_eq!(
        env.fails(1, &["reject", "1"]),
        "tracker: application 1 is already rejected (since 2026-11-27)"
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn edit_changes_details_but_not_history() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--tag", "a", "--url", "https://x.example"]);
    let edited = env.json(&[
        "edit",
        "1",
        "--company",
        "Acme Corp",
        "--contact",
        "Dana",
        "--salutation",
        "Dr. Rivera",
        "--tag",
        "b",
        "--untag",
        "a",
        "--clear",
        "url",
        "--json",
    ]);
    assert_eq!(edited["company"], "Acme Corp");
    assert_eq!(edited["contact_name"], "Dana");
    assert_eq!(edited["contact_salutation"], "Dr. Rivera");
    assert_eq!(edited["tags"], json!(["b"]));
    assert_eq!(edited["url"], json!(null));
    assert_eq!(edited["events"].as_array().unwrap().len(), 1);
    let before = env.dump();
    assert_eq!(
        env.fails(1, &["edit", "1"]),
        "tracker: nothing to change (give an option such as --company or --contact; see: tracker edit --help)"
    );
    assert_eq!(
        env.fails(1, &["edit", "1", "--position", "  "]),
        "tracker: position must not be empty"
    );
    // The clearable fields are the option's possible values (shell completion offers them).
    assert!(
        env.fails(2, &["edit", "1", "--clear", "company"])
            .starts_with("tracker: invalid value 'company' for '--clear <FIELD>'")
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn edit_notes_runs_the_editor_without_a_shell() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--notes", "old"]);
    let script = env.path("editor.sh");
    std::fs::write(&script, "#!/bin/sh\nprintf 'new notes; $(touch pwned)\\n' > \"$1\"\n").unwrap();
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    env.run(&["edit", "1", "--edit-notes"])
        .env("EDITOR", script.to_str().unwrap())
        .ok();
    assert_eq!(env.json(&["show", "1", "--json"])["notes"], "new notes; $(touch pwned)");
    assert!(!env.path("pwned").exists());
}

#[test]
fn rm_needs_yes() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let before = env.dump();
    assert_eq!(
        env.fails(1, &["rm", "1"]),
        "tracker: not deleting application 1 (Engineer at Acme) without --yes: there is no undo (run: tracker rm 1 --yes)"
    );
    assert_eq!(env.dump(), before);
    assert_eq!(
        env.ok(&["rm", "1", "--yes"]),
        "Deleted application 1 (Engineer at Acme).\n"
    );
    assert_eq!(
        env.fails(1, &["show", "1"]),
        "tracker: no application with id 1 (see: tracker list)"
    );
    assert_eq!(env.dump(), "", "events went with the application");
}

#[test]
fn unicode_text_is_stored_and_shown_exactly() {
    let env = Env::new();
    let long = "x".repeat(10_000);
    let texts = ["O'Brien & \"Sons\"", "🎉 Party Corp", "شركة الاختبار", &long];
    for (i, text) in texts.iter().enumerate() {
        let id = env.add(text, text, &["--notes", text, "--contact", text, "--force"]);
        let app = env.json(&["show", &id.to_string(), "--json"]);
        assert_eq!(app["company"], *text, "{i}");
        assert_eq!(app["notes"], *text);
        assert_eq!(app["contact_name"], *text);
    }
    let table = env.ok(&["list"]);
    assert!(
        table.contains("O'Brien & \"Sons\"") && table.contains("🎉 Party Corp"),
        "{table}"
    );
}

#[test]
fn control_characters_are_shown_escaped() {
    let env = Env::new();
    env.add("Evil\u{1b}[31mCorp", "Line\nBreak", &[]);
    let table = env.ok(&["list"]);
    assert!(!table.contains('\u{1b}'), "{table:?}");
    assert!(
        table.contains("Evil\\u{1b}[31mCorp") && table.contains("Line\\nBreak"),
        "{table}"
    );
    let shown = env.ok(&["show", "1"]);
    assert!(!shown.contains('\u{1b}'));
    assert_eq!(env.json(&["show", "1", "--json"])["company"], "Evil\u{1b}[31mCorp");
}

#[test]
fn broken_pipe_is_not_an_error() {
    let env = Env::new();
    for i in 0..300 {
        env.add(&format!("Company {i}"), "Engineer", &[]);
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tracker"))
        .args(["list", "--json"])
        .env("TRACKER_DB", &env.db)
        .env("TRACKER_CONFIG", &env.config)
        .env("TRACKER_NOW", common::TODAY)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn demo_walks_through_everything_without_touching_the_database() {
    let env = Env::new();
    let out = env.ok(&["demo"]);
    for expected in [
        "$ tracker add",
        "$ tracker list",
        "got as far as interviewing",
        "$ tracker due",
        "Dear Ms. Rivera,",
        "no more reminders",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!env.db.exists(), "the demo uses a throwaway database");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let env = Env::new();
    env.add("Acme\u{1b}[0m", "Engineer", &[]);
    env.ok(&["reject", "1"]);
    let coloured = env.ok(&["--color", "always", "list"]);
    assert!(coloured.contains("\u{1b}["), "{coloured:?}");
    assert!(
        coloured.contains("Acme\\u{1b}[0m"),
        "field text stays inert even with colour: {coloured:?}"
    );
    let plain = env.ok(&["--color", "never", "list"]);
    assert!(!plain.contains('\u{1b}'));
    let auto = env.run(&["list"]).env("NO_COLOR", "1").ok();
    assert!(!auto.contains('\u{1b}'), "not a terminal, and NO_COLOR set");
    let forced = env.run(&["--color", "always", "list"]).env("NO_COLOR", "1").ok();
    assert!(forced.contains("\u{1b}["), "--color always wins over NO_COLOR");
}

#[test]
fn help_version_and_completions() {
    let env = Env::new();
    let help = env.ok(&["--help"]);
    assert!(
        help.contains("Usage: tracker [OPTIONS] <COMMAND>") && help.contains("due"),
        "{help}"
    );
    let add_help = env.ok(&["add", "--help"]);
    assert!(add_help.contains("--salutation <TEXT>"), "{add_help}");
    assert_eq!(
        env.ok(&["--version"]),
        format!("tracker {}\n", env!("CARGO_PKG_VERSION"))
    );
    for shell in ["bash", "zsh", "fish"] {
        let script = env.ok(&["completions", shell]);
        assert!(script.contains("tracker") && script.contains("followup"), "{shell}");
    }
}

#[test]
fn fields_have_generous_limits_and_an_unchanged_edit_says_so() {
    let env = Env::new();
    let id = env
        .add("Acme", "Engineer", &["--email", "dana@acme.example"])
        .to_string();
    let long = "y".repeat(20_001);
    let before = env.dump();
    env.expect_failures(&[
        (
            1,
            &["add", &long, "Engineer"],
            "tracker: company is longer than 20000 characters (shorten it; keep long text in the notes)",
        ),
        (
            1,
            &["edit", &id, "--location", &long],
            "tracker: location is longer than 20000 characters (shorten it; keep long text in the notes)",
        ),
        (
            1,
            &["edit", &id, "--email", "dana@acme.example"],
            "tracker: nothing to change: application 1 already has these details",
        ),
    ]);
    assert_eq!(env.dump(), before);
}
