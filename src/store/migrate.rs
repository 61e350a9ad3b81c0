//! Schema migrations, numbered by `PRAGMA user_version`. `schema.sql` is migration 1; later changes are
//! appended here and never edited once released.

use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};

use super::identity::{APPLICATION_ID, application_id};

/// One schema change: its SQL, and a step in Rust for what SQL cannot do (SQLite's `lower()` knows only
/// ASCII, say), run right after it in the same transaction.
pub(super) struct Migration {
    pub sql: &'static str,
    pub then: Option<fn(&Connection) -> Result<()>>,
}

pub(super) const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("../../schema.sql"),
        then: None,
    },
    // The drafts table; and duplicate keys recomputed, now that they ignore zero-width characters.
    Migration {
        sql: include_str!("migrations/2-drafts.sql"),
        then: Some(|tx| super::apps::recompute_dup_keys(tx).map(drop)),
    },
    // What `mail scan` read and proposed.
    Migration {
        sql: include_str!("migrations/3-mail.sql"),
        then: None,
    },
    // The history cache `list` and `stats` read, the tag table and the search index.
    Migration {
        sql: include_str!("migrations/4-list-search.sql"),
        then: Some(super::history::refresh_history_cache_all),
    },
    // Interviews with a time and interviewers; check-ins and thank-you notes (new tables only).
    Migration {
        sql: include_str!("migrations/5-followups-interviews.sql"),
        then: None,
    },
    // Per-folder IMAP state, and the Message-ID of drafts put in the Drafts folder.
    Migration {
        sql: include_str!("migrations/6-imap.sql"),
        then: None,
    },
];

/// The schema version this binary writes.
#[allow(clippy::cast_possible_wrap)]
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

/// Brings the schema up to date in one transaction (a no-op when it already is), and marks the database as
/// tracker's with its application id.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    if user_version(conn)? == LATEST_VERSION && application_id(conn)? == APPLICATION_ID {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while this one waited for the lock.
    let from = usize::try_from(user_version(&tx)?).unwrap_or(usize::MAX);
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(from) {
        tx.execute_batch(migration.sql)
            .with_context(|| format!("migration {} failed", index + 1))?;
        if let Some(then) = migration.then {
            then(&tx).with_context(|| format!("migration {} failed", index + 1))?;
        }
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_an_empty_database_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        migrate(&mut conn).unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            tables,
            [
                "application_tags",
                "applications",
                "applications_search",
                "applications_search_config",
                "applications_search_data",
                "applications_search_docsize",
                "applications_search_idx",
                "daily_notices",
                "drafts",
                "edited_drafts",
                "events",
                "followup_kinds",
                "imap_folders",
                "interviews",
                "messages",
                "notifications",
                "proposals"
            ]
        );
    }

    #[test]
    fn migration_1_enforces_statuses() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let bad = conn.execute(
            "INSERT INTO applications (company, position, created_at, dup_key, status, status_on, last_event_on)
             VALUES ('a', 'b', 'x', 'k', 'hired', '2026-01-01', '2026-01-01')",
            [],
        );
        assert!(bad.unwrap_err().to_string().contains("CHECK constraint failed"));
    }
}

#[cfg(test)]
mod upgrade_tests {
    use super::*;
    use chrono::NaiveDate;

    /// A database as schema version `version` left it: migrations 1 to `version` applied, and no data yet.
    fn at_version(version: usize) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        for migration in &MIGRATIONS[..version] {
            conn.execute_batch(migration.sql).unwrap();
        }
        conn.pragma_update(None, "user_version", i64::try_from(version).unwrap())
            .unwrap();
        conn
    }

    /// A database as release 1 left it, with a row whose key kept a zero-width space, upgraded in place.
    #[test]
    fn migration_2_adds_drafts_and_recomputes_duplicate_keys() {
        let mut conn = at_version(1);
        conn.execute(
            "INSERT INTO applications (company, position, created_at, dup_key, status, status_on, last_event_on)
             VALUES ('Ac\u{200b}me', 'Engineer', '2026-01-01T00:00:00Z', 'ac\u{200b}me\u{1f}engineer', 'applied',
                     '2026-01-01', '2026-01-01')",
            [],
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        let key: String = conn
            .query_row("SELECT dup_key FROM applications", [], |row| row.get(0))
            .unwrap();
        assert_eq!(key, "acme\u{1f}engineer");
        let drafts: i64 = conn
            .query_row("SELECT count(*) FROM drafts", [], |row| row.get(0))
            .unwrap();
        assert_eq!(drafts, 0);
    }

    /// A database as version 3 left it, with applications in it, upgraded in place: the applied day comes
    /// from each history, the tags and the search index from each row.
    #[test]
    fn migration_4_fills_the_applied_day_the_tags_and_the_search_index() {
        let mut conn = at_version(3);
        conn.execute_batch(
            "INSERT INTO applications (id, company, position, notes, tags, created_at, dup_key, status, status_on, last_event_on)
             VALUES (1, 'Acme Café', 'Engineer', 'met Zoë', '[\"remote\",\"go\"]', '2026-01-01T00:00:00Z', 'k1', 'rejected', '2026-01-09', '2026-01-09'),
                    (2, 'Globex', 'SRE', NULL, '[]', '2026-01-02T00:00:00Z', 'k2', 'saved', '2026-01-02', '2026-01-02');
             INSERT INTO events (app_id, kind, on_date, status, recorded_at) VALUES
                    (1, 'status', '2026-01-01', 'saved', '2026-01-01T00:00:00Z'),
                    (1, 'status', '2026-01-03', 'applied', '2026-01-03T00:00:00Z'),
                    (1, 'status', '2026-01-09', 'rejected', '2026-01-09T00:00:00Z'),
                    (2, 'status', '2026-01-02', 'saved', '2026-01-02T00:00:00Z');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        let applied: Vec<Option<String>> = conn
            .prepare("SELECT applied_on FROM applications ORDER BY id")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(applied, [Some("2026-01-03".to_owned()), None]);
        let tags: i64 = conn
            .query_row("SELECT count(*) FROM application_tags WHERE app_id = 1", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(tags, 2);
        let found: i64 = conn
            .query_row(
                "SELECT rowid FROM applications_search WHERE applications_search MATCH '\"zoe\"'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(found, 1);
    }

    /// A database as migration 4 left it, with a history, upgraded in place: the events stay as they were,
    /// and an interview gets its row with its day.
    #[test]
    fn migration_5_adds_interviews_to_a_history() {
        let mut conn = at_version(4);
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        conn.execute_batch(
            "INSERT INTO applications (id, company, position, created_at, dup_key, status, status_on, last_event_on)
             VALUES (7, 'Acme', 'Engineer', '2026-01-01T00:00:00Z', 'acme\u{1f}engineer', 'interviewing',
                     '2026-01-05', '2026-01-06');
             INSERT INTO events (id, app_id, kind, on_date, status, recorded_at)
             VALUES (10, 7, 'status', '2026-01-01', 'applied', '2026-01-01T00:00:00Z');
             INSERT INTO events (id, app_id, kind, on_date, from_status, status, note, recorded_at)
             VALUES (12, 7, 'status', '2026-01-05', 'applied', 'interviewing', 'first round', '2026-01-05T00:00:00Z');
             INSERT INTO events (id, app_id, kind, on_date, note, recorded_at)
             VALUES (15, 7, 'note', '2026-01-06', 'went well', '2026-01-06T00:00:00Z');
             INSERT INTO drafts (app_id, status_event, kind, printed_at) VALUES (7, 12, 'feedback', '2026-01-06T00:00:00Z');
             INSERT INTO notifications (app_id, on_date) VALUES (7, '2026-01-06');",
        )
        .unwrap();
        let before: Vec<String> = conn
            .prepare("SELECT quote(id) || quote(kind) || quote(note) FROM events ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        let after: Vec<String> = conn
            .prepare("SELECT quote(id) || quote(kind) || quote(note) FROM events ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(after, before, "events are not touched");
        let interviews: Vec<(i64, i64, String, Option<String>, String)> = conn
            .prepare("SELECT event_id, app_id, day, at, with_names FROM interviews")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            interviews,
            [(12, 7, "2026-01-05".into(), None, "[]".into())],
            "the interview got its day"
        );
        let app = crate::store::load(&conn, 7).unwrap();
        assert_eq!(app.events[1].interview_on, NaiveDate::from_ymd_opt(2026, 1, 5));
        let bad = conn.execute(
            "INSERT INTO interviews (event_id, app_id, day, with_names) VALUES (15, 7, '2026-01-08', 'Dana')",
            [],
        );
        assert!(
            bad.unwrap_err().to_string().contains("CHECK constraint failed"),
            "names are a JSON array"
        );
        let sent = crate::model::Event {
            template: Some(crate::model::FollowupKind::Thanks),
            ..crate::model::Event::new(
                crate::model::EventKind::Followup,
                NaiveDate::from_ymd_opt(2026, 1, 7).unwrap(),
                chrono::DateTime::UNIX_EPOCH,
            )
        };
        crate::store::events::insert(&conn, 7, &sent).unwrap();
        let last = crate::store::events::for_app(&conn, 7).unwrap().pop().unwrap();
        assert_eq!(
            last.template,
            Some(crate::model::FollowupKind::Thanks),
            "a thank-you note can be stored"
        );
        let drafts: (i64, i64) = conn
            .query_row(
                "SELECT (SELECT count(*) FROM drafts), (SELECT count(*) FROM edited_drafts)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(drafts, (1, 0));
        let problems: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(problems, 0);
    }

    /// A database as migration 5 left it, with an application, a printed draft and a proposal, upgraded.
    #[test]
    fn migration_6_adds_imap_state_and_keeps_every_row() {
        let mut conn = at_version(5);
        conn.execute_batch(
            "INSERT INTO applications (company, position, created_at, dup_key, status, status_on, last_event_on)
             VALUES ('Acme', 'Engineer', '2026-01-01T00:00:00Z', 'acme\u{1f}engineer', 'rejected', '2026-01-05',
                     '2026-01-05');
             INSERT INTO events (app_id, kind, on_date, recorded_at, status)
             VALUES (1, 'status', '2026-01-05', '2026-01-05T00:00:00Z', 'rejected');
             INSERT INTO drafts (app_id, status_event, kind, printed_at) VALUES (1, 1, 'network', '2026-01-06T00:00:00Z');
             INSERT INTO messages (key, seen_at) VALUES ('m1@example.org', '2026-01-05T00:00:00Z');
             INSERT INTO proposals (message_key, kind, on_date, sender, subject, confidence, evidence, source, created_at)
             VALUES ('m1@example.org', 'rejection', '2026-01-05', 'hr@acme.example', 'Your application', 0.9, 'x',
                     'mbox:/m', '2026-01-05T00:00:00Z');",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), LATEST_VERSION);
        let counted = |table: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))
                .unwrap()
        };
        assert_eq!(
            [
                counted("applications"),
                counted("drafts"),
                counted("proposals"),
                counted("imap_folders")
            ],
            [1, 1, 1, 0]
        );
        let id: Option<String> = conn
            .query_row("SELECT message_id FROM drafts", [], |row| row.get(0))
            .unwrap();
        assert_eq!(id, None);
    }
}
