//! Every bad input: one line on stderr naming the problem, a non-zero exit, and an unchanged database.

mod common;

use common::Env;

fn env_with_one() -> Env {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--on", "2026-11-10"]);
    env
}

#[test]
fn bad_arguments_change_nothing() {
    let env = env_with_one();
    let before = env.dump();
    let cases: &[(i32, &[&str], &str)] = &[
        (
            1,
            &["show", "42"],
            "tracker: no application with id 42 (see: tracker list)",
        ),
        (
            1,
            &["reject", "42"],
            "tracker: no application with id 42 (see: tracker list)",
        ),
        (
            2,
            &["show", "abc"],
            "tracker: invalid value 'abc' for '<ID>': invalid digit found in string (see: tracker show --help)",
        ),
        (1, &["add", "", "Engineer"], "tracker: company must not be empty"),
        (1, &["add", "Acme", "   "], "tracker: position must not be empty"),
        (
            2,
            &["status", "1", "hired"],
            "tracker: invalid value 'hired' for '<STATUS>' [possible values: saved, applied, interviewing, offer, accepted, rejected, withdrawn, ghosted] (see: tracker status --help)",
        ),
        (
            2,
            &["add", "X", "Y", "--status", "hired"],
            "tracker: invalid value 'hired' for '--status <STATUS>' [possible values: saved, applied, interviewing, offer, accepted, rejected, withdrawn, ghosted] (see: tracker add --help)",
        ),
        (
            1,
            &["add", "X", "Y", "--on", "next tuesday"],
            "tracker: invalid date \"next tuesday\": use YYYY-MM-DD, today, yesterday, tomorrow, 'N days ago', 'N weeks ago', 'last monday' or 'in N days'",
        ),
        (
            1,
            &["reject", "1", "--on", "2026-11-31"],
            "tracker: invalid date \"2026-11-31\": use YYYY-MM-DD, today, yesterday, tomorrow, 'N days ago', 'N weeks ago', 'last monday' or 'in N days'",
        ),
        (
            1,
            &["add", "X", "Y", "--on", "tomorrow"],
            "tracker: date 2026-11-28 is in the future (today is 2026-11-27)",
        ),
        (
            1,
            &["reject", "1", "--on", "in 3 days"],
            "tracker: date 2026-11-30 is in the future (today is 2026-11-27)",
        ),
        (
            1,
            &["reject", "1", "--on", "2026-11-09"],
            "tracker: date 2026-11-09 is before the application's previous event on 2026-11-10 (events are recorded in order)",
        ),
        (
            1,
            &["note", "1", "x", "--on", "2026-01-01"],
            "tracker: date 2026-01-01 is before the application's previous event on 2026-11-10 (events are recorded in order)",
        ),
        (1, &["note", "1", "  "], "tracker: the note is empty"),
        (
            2,
            &["frobnicate"],
            "tracker: unrecognized subcommand 'frobnicate' (see: tracker --help)",
        ),
        (
            2,
            &["add", "OnlyCompany"],
            "tracker: the following required arguments were not provided: <POSITION> (see: tracker add --help)",
        ),
    ];
    env.expect_failures(cases);
    assert_eq!(env.dump(), before);
}

#[test]
fn db_pointing_at_a_directory() {
    let env = Env::new();
    let dir = env.path("a-folder");
    std::fs::create_dir(&dir).unwrap();
    let err = env.run(&["list"]).env("TRACKER_DB", dir.to_str().unwrap()).fails(1);
    assert_eq!(
        err,
        format!(
            "tracker: database path {} is a directory (give a file path with --db or TRACKER_DB)",
            dir.display()
        )
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn db_that_is_not_sqlite_keeps_its_bytes() {
    let env = Env::new();
    let cases: [(&str, Vec<u8>); 3] = [
        ("notes.txt", b"Dear diary, today I applied to Acme.\n".repeat(50)),
        ("short.bin", b"x".to_vec()),
        ("header-only.db", b"SQLite format 3\0garbage garbage garbage".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = env.path(name);
        std::fs::write(&path, &bytes).unwrap();
        for args in [&["list"][..], &["add", "Acme", "Engineer"][..]] {
            let err = env.run(args).env("TRACKER_DB", path.to_str().unwrap()).fails(1);
            assert!(
                err.starts_with(&format!("tracker: {} is not a tracker database (", path.display())),
                "{err}"
            );
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was modified");
        }
        let siblings: Vec<_> = std::fs::read_dir(env.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with(name) && n != name)
            .collect();
        assert!(siblings.is_empty(), "left behind: {siblings:?}");
    }
}

#[test]
fn another_programs_sqlite_database_is_refused() {
    let env = Env::new();
    let path = env.path("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup');")
        .unwrap();
    drop(conn);
    let bytes = std::fs::read(&path).unwrap();
    let err = env.run(&["list"]).env("TRACKER_DB", path.to_str().unwrap()).fails(1);
    assert_eq!(
        err,
        format!(
            "tracker: {} is not a tracker database (it holds tables of another program)",
            path.display()
        )
    );
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn database_from_a_newer_tracker_is_refused_untouched() {
    let env = env_with_one();
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let bytes = std::fs::read(&env.db).unwrap();
    for args in [&["list"][..], &["add", "Globex", "SRE"][..], &["reject", "1"][..]] {
        let err = env.fails(1, args);
        assert_eq!(
            err,
            format!(
                "tracker: database {} was created by a newer tracker (schema version 99, this tracker knows up to 6); upgrade tracker",
                env.db.display()
            )
        );
    }
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn db_in_a_place_that_cannot_be_written() {
    let env = Env::new();
    let blocker = env.path("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let inside = blocker.join("tracker.db");
    let err = env
        .run(&["add", "Acme", "Engineer"])
        .env("TRACKER_DB", inside.to_str().unwrap())
        .fails(1);
    assert_eq!(
        err,
        format!(
            "tracker: cannot create {}: Not a directory (os error 20)",
            inside.display()
        )
    );
    let nested = blocker.join("deeper").join("tracker.db");
    let err = env
        .run(&["add", "Acme", "Engineer"])
        .env("TRACKER_DB", nested.to_str().unwrap())
        .fails(1);
    assert!(
        err.starts_with(&format!(
            "tracker: cannot create folder {}",
            nested.parent().unwrap().display()
        )),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "not a folder");
    let err = env
        .run(&["add", "Acme", "Engineer"])
        .env("TRACKER_DB", "/proc/version/tracker.db")
        .fails(1);
    assert!(err.starts_with("tracker: cannot create"), "{err}");
}

#[test]
fn a_new_database_and_its_folder_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.db), 0o600);
    assert_eq!(mode(env.db.parent().unwrap()), 0o700);
    for suffix in ["-wal", "-shm"] {
        let side = env.db.with_file_name(format!("tracker.db{suffix}"));
        if side.exists() {
            assert_eq!(mode(&side), 0o600, "{suffix}");
        }
    }
}

#[test]
fn bad_tracker_now_is_reported() {
    let env = Env::new();
    let err = env.run(&["list"]).env("TRACKER_NOW", "next week").fails(1);
    assert_eq!(
        err,
        "tracker: TRACKER_NOW=\"next week\" is not a valid time: expected YYYY-MM-DD or an RFC 3339 time such as 2026-11-27T09:00:00Z"
    );
    // An instant whose UTC year has no four-digit form would be stored unreadable.
    let err = env
        .run(&["add", "Acme", "Engineer"])
        .env("TRACKER_NOW", "0000-01-01T00:00:00+00:01")
        .fails(1);
    assert_eq!(
        err,
        "tracker: TRACKER_NOW=\"0000-01-01T00:00:00+00:01\" is not a valid time: the time is outside the years 0000 to 9999 in UTC"
    );
    assert!(!env.db.exists());
}

#[test]
fn usage_errors_point_to_the_help_of_the_subcommand_typed() {
    let env = Env::new();
    env.expect_failures(&[
        (
            2,
            &["mail", "show", "abc"],
            "tracker: invalid value 'abc' for '<ID>': invalid digit found in string (see: tracker mail show --help)",
        ),
        (
            2,
            &["mail", "accept", "2", "--all"],
            "tracker: the argument '[IDS]...' cannot be used with '--all' (see: tracker mail accept --help)",
        ),
        (
            2,
            &["ls", "--bogus"],
            "tracker: unexpected argument '--bogus' found (see: tracker list --help)",
        ),
    ]);
}
