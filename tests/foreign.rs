//! Databases tracker did not make, or that were changed behind its back: refused before any write with their
//! bytes unchanged, adopted once when an earlier tracker made them, reported by `check`, and never allowed to
//! make a command claim a change it did not make. Also: commands that do not add applications never create a
//! database.

mod common;

use std::path::{Path, PathBuf};

use common::Env;
use rusqlite::Connection;

/// tracker's `PRAGMA application_id`, "TRKR" (documented in the README).
const TRKR: i32 = 0x5452_4B52;

const CREATE_NOTHING: &str =
    "yet (add an application with: tracker add COMPANY POSITION, or point --db or TRACKER_DB at your database)";

/// A database written by `sql` alone, in rollback-journal mode (one file, nothing beside it).
fn crafted(env: &Env, name: &str, sql: &str) -> PathBuf {
    let path = env.path(name);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(sql).unwrap();
    drop(conn);
    path
}

/// Files beside `path` whose name starts with its name (`-wal`, `-shm`, `-journal`).
fn siblings(path: &Path) -> Vec<String> {
    let name = path.file_name().unwrap().to_str().unwrap().to_owned();
    std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(&name) && *n != name)
        .collect()
}

#[test]
fn foreign_sqlite_databases_are_refused_with_their_bytes_unchanged() {
    let env = Env::new();
    let cases = [
        (
            "user-version-1.db",
            "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hi'); PRAGMA user_version = 1;".to_owned(),
            "it has no table applications",
        ),
        (
            "negative.db",
            "CREATE TABLE notes (body TEXT); PRAGMA user_version = -1;".to_owned(),
            "its schema version -1 is not one tracker wrote",
        ),
        (
            "ours-in-name-only.db",
            format!("CREATE TABLE recipes (name TEXT); PRAGMA application_id = {TRKR}; PRAGMA user_version = 1;"),
            "it is marked as a tracker database but has no table applications",
        ),
        (
            "missing-column.db",
            format!(
                "CREATE TABLE applications (id INTEGER PRIMARY KEY, company TEXT); CREATE TABLE events (id);
                 CREATE TABLE notifications (app_id); PRAGMA application_id = {TRKR}; PRAGMA user_version = 1;"
            ),
            "it is marked as a tracker database but has no column applications.position",
        ),
        (
            "empty-but-versioned.db",
            "PRAGMA user_version = 5;".to_owned(),
            "it is empty but marked with schema version 5",
        ),
        (
            "other-id.db",
            "CREATE TABLE t (x); PRAGMA application_id = 42;".to_owned(),
            "its application id is 0x0000002a, not tracker's",
        ),
    ];
    for (name, sql, why) in cases {
        let path = crafted(&env, name, &sql);
        let bytes = std::fs::read(&path).unwrap();
        for args in [&["list"][..], &["add", "Acme", "Engineer"][..], &["check"][..]] {
            let err = env.run(args).env("TRACKER_DB", path.to_str().unwrap()).fails(1);
            assert_eq!(
                err,
                format!("tracker: {} is not a tracker database ({why})", path.display()),
                "{name} {args:?}"
            );
            assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was modified by {args:?}");
            assert_eq!(siblings(&path), Vec::<String>::new(), "{name}");
        }
    }
}

/// A database as release 1 wrote it: tracker's schema at version 1, rows in every table, no application id.
fn database_from_before_application_ids(env: &Env) {
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    std::fs::copy("tests/fixtures/v1.db", &env.db).unwrap();
    assert!(siblings(&env.db).is_empty());
}

#[test]
fn a_database_from_before_application_ids_is_adopted_once() {
    let env = Env::new();
    database_from_before_application_ids(&env);
    let before = std::fs::read(&env.db).unwrap();
    let rows = env.dump();
    assert_eq!(&before[68..72], [0; 4]);
    env.ok(&["list"]);
    let after = std::fs::read(&env.db).unwrap();
    assert_eq!(&after[68..72], b"TRKR", "the application id is set");
    assert_eq!(
        env.json(&["check", "--json"])["schema_version"],
        6,
        "and it is migrated"
    );
    // Every row is kept; migration 3 added a column to events (the proposal an event came from), empty here;
    // migration 4 added to applications the history cache, filled from each history.
    let dump = env.dump();
    assert_eq!(dump.lines().count(), rows.lines().count());
    for (now, was) in dump.lines().zip(rows.lines()) {
        let cached = was.starts_with("applications:") && now.starts_with(&format!("{was} | "));
        assert!(now == was || now == format!("{was} | Null") || cached, "{was}\n{now}");
    }
    let after = std::fs::read(&env.db).unwrap();
    env.ok(&["list"]);
    env.ok(&["check"]);
    assert_eq!(std::fs::read(&env.db).unwrap(), after, "a second open changes nothing");
}

#[test]
fn a_database_with_its_schema_changed_is_not_adopted() {
    let env = Env::new();
    database_from_before_application_ids(&env);
    let conn = Connection::open(&env.db).unwrap();
    conn.execute_batch("DROP TABLE notifications").unwrap();
    drop(conn);
    let bytes = std::fs::read(&env.db).unwrap();
    assert_eq!(
        env.fails(1, &["list"]),
        format!(
            "tracker: {} is not a tracker database (it has no table notifications)",
            env.db.display()
        )
    );
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn commands_that_add_nothing_create_no_database() {
    let env = Env::new();
    let folder = env.path("nonexist");
    let db = folder.join("x.db");
    let copy = env.path("copy.db");
    let commands: [&[&str]; 13] = [
        &["list"],
        &["show", "1"],
        &["export"],
        &["check"],
        &["due"],
        &["due", "--notify"],
        &["followup", "1"],
        &["reject", "1"],
        &["note", "1", "hello"],
        &["rm", "1", "--yes"],
        &["dismiss", "1"],
        &["backup", copy.to_str().unwrap()],
        &["edit", "1", "--company", "Globex"],
    ];
    let want = format!("tracker: no database at {} {CREATE_NOTHING}", db.display());
    for args in commands {
        let mut with_db = vec!["--db", db.to_str().unwrap()];
        with_db.extend_from_slice(args);
        assert_eq!(env.fails(1, &with_db), want, "{args:?}");
        assert!(!folder.exists(), "{args:?} created {}", folder.display());
    }
    assert!(!copy.exists());
    // An empty file (say, left by an interrupted first run) is not a database either, and stays empty.
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(&db, b"").unwrap();
    assert_eq!(env.fails(1, &["--db", db.to_str().unwrap(), "list"]), want);
    assert_eq!(std::fs::read(&db).unwrap(), b"");
    // The commands that add applications create it.
    env.ok(&["--db", db.to_str().unwrap(), "add", "Acme", "Engineer"]);
    assert_eq!(
        env.ok(&["--db", db.to_str().unwrap(), "list", "--json"])
            .matches("Acme")
            .count(),
        1
    );
}

/// Runs SQL on the test's database behind tracker's back.
fn tamper(env: &Env, sql: &str) {
    Connection::open(&env.db).unwrap().execute_batch(sql).unwrap();
}

#[test]
fn check_reports_schema_objects_and_values_tracker_did_not_make() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    env.add("Globex", "SRE", &["--tag", "remote"]);
    tamper(
        &env,
        "CREATE TRIGGER keep BEFORE DELETE ON applications BEGIN SELECT RAISE(IGNORE); END;
         CREATE VIEW names AS SELECT company FROM applications;
         CREATE INDEX by_company ON applications (company);
         CREATE TABLE extra (x);
         DROP INDEX events_by_app;
         UPDATE applications SET tags = '[\"a\", 1]' WHERE id = 1;
         UPDATE applications SET tags = '[[\"remote\"]]', created_at = 'yesterday' WHERE id = 2;
         UPDATE events SET recorded_at = '-0001-12-31T23:59:00Z' WHERE app_id = 1;
         UPDATE events SET on_date = '2026-13-01' WHERE app_id = 2;",
    );
    let out = env.run(&["check", "--json"]).output();
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(
        report["schema"],
        serde_json::json!([
            "index by_company was not created by tracker",
            "table extra was not created by tracker",
            "trigger keep was not created by tracker",
            "view names was not created by tracker",
            "index events_by_app is missing",
        ])
    );
    assert_eq!(
        report["values"],
        serde_json::json!([
            "application 1 has tags \"[\\\"a\\\", 1]\", not a JSON array of strings",
            "application 2 has tags \"[[\\\"remote\\\"]]\", not a JSON array of strings",
            "applications row 2 has created_at \"yesterday\", not an RFC 3339 time",
            "events row 1 has recorded_at \"-0001-12-31T23:59:00Z\", not an RFC 3339 time",
            "events row 2 has on_date \"2026-13-01\", not a YYYY-MM-DD date",
        ])
    );
    let text = env.run(&["check"]).output().stdout;
    assert!(
        text.contains("schema objects 5 problem(s):\n  index by_company was not created by tracker\n"),
        "{text}"
    );
}

#[test]
fn a_trigger_that_ignores_a_delete_makes_rm_fail_loudly() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    tamper(
        &env,
        "CREATE TRIGGER keep BEFORE DELETE ON applications BEGIN SELECT RAISE(IGNORE); END;",
    );
    let before = env.dump();
    assert_eq!(
        env.fails(1, &["rm", "1", "--yes"]),
        "tracker: deleting application 1 changed 0 rows instead of 1, so nothing was changed (something inside the database, such as a trigger, interfered; see: tracker check)"
    );
    assert_eq!(env.dump(), before);
    // A trigger that puts the row back after the delete is caught by reading the result.
    tamper(
        &env,
        "DROP TRIGGER keep;
         CREATE TRIGGER back AFTER DELETE ON applications BEGIN
             INSERT INTO applications (id, company, position, created_at, dup_key, status, status_on, last_event_on)
             VALUES (old.id, old.company, old.position, old.created_at, old.dup_key, old.status, old.status_on,
                     old.last_event_on);
         END;",
    );
    let err = env.fails(1, &["rm", "1", "--yes"]);
    assert!(err.starts_with("tracker: deleting application 1 "), "{err}");
    assert_eq!(env.dump(), before);
}

#[test]
fn a_trigger_that_ignores_an_insert_makes_the_command_fail_loudly() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    tamper(
        &env,
        "CREATE TRIGGER drop_events BEFORE INSERT ON events BEGIN SELECT RAISE(IGNORE); END;
         CREATE TRIGGER freeze BEFORE UPDATE ON applications BEGIN SELECT RAISE(IGNORE); END;",
    );
    let before = env.dump();
    env.expect_failures(&[
        (
            1,
            &["note", "1", "hello"],
            "tracker: recording the event changed 0 rows instead of 1, so nothing was changed (something inside the database, such as a trigger, interfered; see: tracker check)",
        ),
        (
            1,
            &["add", "Globex", "SRE"],
            "tracker: recording the event changed 0 rows instead of 1, so nothing was changed (something inside the database, such as a trigger, interfered; see: tracker check)",
        ),
        (
            1,
            &["edit", "1", "--company", "Initech"],
            "tracker: updating application 1 changed 0 rows instead of 1, so nothing was changed (something inside the database, such as a trigger, interfered; see: tracker check)",
        ),
    ]);
    assert_eq!(env.dump(), before);
}
