//! A list that scales: filters, search, sort, the Applied column, tables that fit the terminal, empty
//! results, `rm` of several ids, `undo`, and the small things a new user trips on.

mod common;

use common::Env;

fn ids(env: &Env, args: &[&str]) -> Vec<i64> {
    let mut full = vec!["list", "--json"];
    full.extend_from_slice(args);
    env.json(&full)
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

fn three() -> Env {
    let env = Env::new();
    env.add(
        "Acme Café",
        "Backend Engineer",
        &["--on", "2026-10-01", "--tag", "remote", "--tag", "go"],
    );
    env.add(
        "Globex",
        "Platform Engineer",
        &[
            "--on",
            "2026-11-01",
            "--tag",
            "Remote",
            "--notes",
            "Met Zoë at the meetup",
        ],
    );
    env.add(
        "Initech",
        "SRE",
        &[
            "--on",
            "2026-11-10",
            "--status",
            "saved",
            "--contact",
            "Dana Rivera",
            "--location",
            "Zürich",
        ],
    );
    env.ok(&["reject", "1", "--on", "2026-11-20"]);
    env
}

#[test]
fn filters_search_and_sort() {
    let env = three();
    assert_eq!(ids(&env, &[]), [1, 3, 2], "newest change first");
    assert_eq!(ids(&env, &["--tag", "remote"]), [1, 2], "ASCII case ignored");
    assert_eq!(
        ids(&env, &["--tag", "remote", "--tag", "go"]),
        [1],
        "every tag must match"
    );
    assert_eq!(ids(&env, &["--open"]), [3, 2]);
    assert_eq!(ids(&env, &["--open", "--status", "Rejected"]), Vec::<i64>::new());
    assert_eq!(ids(&env, &["--search", "cafe"]), [1], "accents ignored");
    assert_eq!(ids(&env, &["--search", "ZOE"]), [2], "notes, case ignored");
    assert_eq!(ids(&env, &["--search", "zurich"]), [3], "location");
    assert_eq!(ids(&env, &["--search", "rivera"]), [3], "contact");
    assert_eq!(ids(&env, &["--search", "plat eng"]), [2], "every word begins a word");
    assert_eq!(ids(&env, &["--search", "engineer platform"]), [2], "in any order");
    assert_eq!(
        ids(&env, &["--search", "form"]),
        Vec::<i64>::new(),
        "words match by their beginning"
    );
    assert_eq!(ids(&env, &["--search", "s"]), [3], "short searches too");
    assert_eq!(
        ids(&env, &["--search", "AND OR NOT NEAR"]),
        Vec::<i64>::new(),
        "no query syntax"
    );
    assert_eq!(ids(&env, &["--search", "\"%_"]), Vec::<i64>::new());
    assert_eq!(
        ids(&env, &["--since", "2026-10-15"]),
        [2],
        "applied since (saved ones were never sent)"
    );
    assert_eq!(ids(&env, &["--sort", "applied"]), [2, 1, 3]);
    assert_eq!(ids(&env, &["--sort", "company"]), [1, 2, 3]);
    assert_eq!(ids(&env, &["--sort", "company", "--limit", "2"]), [1, 2]);
    let first = &env.json(&["list", "--json"])[0];
    assert_eq!(first["applied_on"], "2026-10-01");
    assert_eq!(
        env.json(&["list", "--json", "--status", "saved"])[0]["applied_on"],
        serde_json::Value::Null
    );
    // Edits and deletions keep the search index and the tags in step.
    env.ok(&["edit", "2", "--company", "Hooli", "--untag", "Remote"]);
    assert_eq!(ids(&env, &["--search", "globex"]), Vec::<i64>::new());
    assert_eq!(ids(&env, &["--search", "hooli"]), [2]);
    assert_eq!(ids(&env, &["--tag", "remote"]), [1]);
    env.ok(&["rm", "1", "--yes"]);
    assert_eq!(ids(&env, &["--search", "cafe"]), Vec::<i64>::new());
    assert_eq!(ids(&env, &["--tag", "go"]), Vec::<i64>::new());
    let check = env.run(&["check"]).output();
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn the_table_has_an_applied_column_and_no_trailing_spaces() {
    let env = three();
    assert_eq!(
        env.ok(&["list"]),
        " ID   Company     Position            Status     Applied      Since        Days
────────────────────────────────────────────────────────────────────────────────
  1   Acme Café   Backend Engineer    rejected   2026-10-01   2026-11-20      7
  3   Initech     SRE                 saved      –            2026-11-10     17
  2   Globex      Platform Engineer   applied    2026-11-01   2026-11-01     26
"
    );
}

#[test]
fn empty_results_say_what_was_asked() {
    let env = three();
    let cases: &[(&[&str], &str)] = &[
        (
            &["list", "--status", "offer"],
            "No applications match --status offer.\n",
        ),
        (
            &["list", "--tag", "on site", "--search", "acme", "--open"],
            "No applications match --tag \"on site\" --search acme --open.\n",
        ),
        (
            &["list", "--since", "yesterday"],
            "No applications match --since yesterday.\n",
        ),
    ];
    for (args, message) in cases {
        let run = env.run(args).output();
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (0, "", *message),
            "{args:?}"
        );
    }
    let fresh = Env::new();
    fresh.create_db();
    assert_eq!(
        fresh.run(&["list"]).output().stderr,
        "No applications yet. Add one with: tracker add COMPANY POSITION\n"
    );
}

#[test]
fn a_terminal_table_fits_its_width() {
    if common::missing_program("script", "bsdutils") {
        return;
    }
    let env = Env::new();
    env.add(
        "International Business Machines Corporation",
        "Principal Distributed Systems Engineer",
        &[],
    );
    env.add("Acme", "SRE", &[]);
    for columns in ["60", "72"] {
        let out = std::process::Command::new("script")
            .args([
                "-qec",
                &format!("{} list --color never", env!("CARGO_BIN_EXE_tracker")),
                "/dev/null",
            ])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("TZ", "UTC")
            .env("COLUMNS", columns)
            .env("TRACKER_DB", &env.db)
            .env("TRACKER_CONFIG", &env.config)
            .env("TRACKER_NOW", &env.now)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap().replace('\r', "");
        let width: usize = columns.parse().unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "one line per row, never wrapped:\n{text}");
        for line in &lines {
            assert!(line.chars().count() <= width, "{columns}: {line:?}");
        }
        assert!(
            lines[3].starts_with("  1   Internat") && lines[3].contains('…'),
            "{text}"
        );
        assert!(lines[2].contains("Acme ") && lines[2].contains("SRE"), "{text}");
    }
    // Piped: the full text, nothing cut.
    assert!(env.ok(&["list"]).contains("Principal Distributed Systems Engineer"));
}

#[test]
fn rm_takes_several_ids_in_one_transaction() {
    let env = three();
    let before = env.dump();
    assert_eq!(
        env.fails(1, &["rm", "1", "3"]),
        "tracker: not deleting applications 1, 3 without --yes: there is no undo (run: tracker rm 1 3 --yes)"
    );
    assert_eq!(
        env.fails(1, &["rm", "1", "9", "--yes"]),
        "tracker: no application with id 9 (see: tracker list)"
    );
    assert_eq!(env.dump(), before, "nothing deleted");
    assert_eq!(
        env.ok(&["rm", "3", "1", "3", "--yes"]),
        "Deleted application 1 (Backend Engineer at Acme Café).\nDeleted application 3 (SRE at Initech).\n"
    );
    assert_eq!(ids(&env, &[]), [2]);
}

#[test]
fn undo_removes_the_newest_event_and_restores_the_status() {
    let env = three();
    env.ok(&["interview", "2", "--on", "2026-11-21"]);
    let before = env.dump();
    assert_eq!(
        env.fails(1, &["undo", "2"]),
        "tracker: not removing the newest event of application 2 (applied → interviewing on 2026-11-21) without --yes (run: tracker undo 2 --yes)"
    );
    assert_eq!(env.dump(), before);
    assert_eq!(
        env.ok(&["undo", "2", "--yes"]),
        "Removed the newest event of application 2 (Platform Engineer at Globex): applied → interviewing on 2026-11-21. Status: applied since 2026-11-01.\n"
    );
    let app = env.json(&["show", "2", "--json"]);
    assert_eq!(
        (app["status"].as_str(), app["status_on"].as_str()),
        (Some("applied"), Some("2026-11-01"))
    );
    assert_eq!(app["events"].as_array().unwrap().len(), 1);
    assert_eq!(
        env.fails(1, &["undo", "2", "--yes"]),
        "tracker: application 2 has only the event that created it, which cannot be undone (to delete the application: tracker rm 2 --yes)"
    );
    // Undoing the event that sent a saved application clears its applied day.
    env.ok(&["status", "3", "apply", "--on", "2026-11-22"]);
    assert_eq!(
        env.json(&["list", "--json", "--status", "applied"])[0]["applied_on"],
        "2026-11-22"
    );
    env.ok(&["undo", "3", "--yes"]);
    assert_eq!(env.json(&["show", "3", "--json"])["status"], "saved");
    assert_eq!(
        env.json(&["list", "--json", "--status", "saved"])[0]["applied_on"],
        serde_json::Value::Null
    );
    assert_eq!(env.run(&["check"]).output().code, 0);
}

#[test]
fn spelling_dates_tips_confirmations_plurals_and_completions() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--on", "2 weeks ago", "--status", "Applied"]);
    assert_eq!(env.json(&["show", "1", "--json"])["status_on"], "2026-11-13");
    assert_eq!(
        env.ok(&["status", "1", "Interview", "--on", "last monday"]),
        "Application 1 (Engineer at Acme): applied → interviewing on 2026-11-23.\n"
    );
    assert_eq!(ids(&env, &["--status", "INTERVIEWING"]), [1]);
    assert_eq!(
        env.fails(2, &["lst"]),
        "tracker: unrecognized subcommand 'lst'; some similar subcommands exist: 'lint', 'ls', 'list' (see: tracker --help)"
    );
    assert_eq!(
        env.fails(2, &["list", "--serch", "x"]),
        "tracker: unexpected argument '--serch' found; a similar argument exists: '--search' (see: tracker list --help)"
    );
    assert_eq!(
        env.ok(&["config", "set", "followup.after_days", "3"]),
        "Set followup.after_days = 3\n"
    );
    assert_eq!(
        env.ok(&["config", "unset", "followup.after_days"]),
        "Unset followup.after_days: back to its default, 2\n"
    );
    let export = env.ok(&["export"]);
    let other = Env::new();
    assert_eq!(
        other.run(&["import", "-"]).stdin(export).ok(),
        "Imported 1 application.\n"
    );
    let script = env.ok(&["completions", "bash"]);
    for word in [
        "followup.expire_after_days",
        "salutation",
        "interviewing",
        "combined",
        "company",
    ] {
        assert!(script.contains(word), "the bash completion offers {word}");
    }
}
