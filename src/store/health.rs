//! Checks and copies of a whole database: `tracker check` and `tracker backup`.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, backup::Backup};

use super::migrate::user_version;

/// Messages from `PRAGMA integrity_check`; empty when the file is sound. Damage bad enough to stop the
/// check itself is reported as one more problem.
pub fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let run = || -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        rows.collect()
    };
    Ok(match run() {
        Ok(rows) => rows.into_iter().filter(|r| r != "ok").collect(),
        Err(error) => vec![format!("the check could not finish: {error}")],
    })
}

/// Rows whose foreign key points nowhere.
pub fn foreign_key_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |row| {
        let table: String = row.get(0)?;
        let rowid: Option<i64> = row.get(1)?;
        let parent: String = row.get(2)?;
        Ok(format!(
            "{table} row {} points to a missing {parent} row",
            rowid.unwrap_or_default()
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Applications whose history is broken: no creation event, or a cached status that is not their last
/// status event's.
pub fn history_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT a.id, a.status, a.status_on, e.status AS last_status, e.on_date AS last_on
         FROM applications a
         LEFT JOIN events e ON e.id = (SELECT max(s.id) FROM events s WHERE s.app_id = a.id AND s.kind = 'status')
         WHERE e.id IS NULL OR e.status IS NOT a.status OR e.on_date IS NOT a.status_on",
    )?;
    let rows = stmt.query_map([], |row| {
        let id: i64 = row.get("id")?;
        let last: Option<String> = row.get("last_status")?;
        Ok(match last {
            None => format!("application {id} has no status event"),
            Some(last) => format!(
                "application {id} is cached as {} on {} but its last status event says {last} on {}",
                row.get::<_, String>("status")?,
                row.get::<_, String>("status_on")?,
                row.get::<_, String>("last_on")?
            ),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Tables, indexes, views and triggers that tracker's migrations did not create, or that are missing or
/// changed.
pub fn schema_problems(conn: &Connection) -> Result<Vec<String>> {
    super::identity::schema_problems(conn)
}

/// Values tracker cannot read back: tags that are not a JSON array of strings, instants that are not RFC 3339
/// and days that are not `YYYY-MM-DD`. Any of them makes `list` or `export` fail.
pub fn value_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = bad_tags(conn)?;
    for (table, key, column, is_instant) in VALUE_COLUMNS {
        let mut stmt = conn.prepare(&format!(
            "SELECT {key}, {column} FROM {table} WHERE {column} IS NOT NULL"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let value = row.get_ref(1)?;
            let text = value.as_str().ok();
            let parses = text.is_some_and(|t| {
                if *is_instant {
                    parses_as_instant(t)
                } else {
                    parses_as_day(t)
                }
            });
            if !parses {
                let shown = text.map_or_else(|| format!("{value:?}"), |t| format!("{t:?}"));
                let expected = if *is_instant {
                    "an RFC 3339 time"
                } else {
                    "a YYYY-MM-DD date"
                };
                problems.push(format!(
                    "{table} row {} has {column} {shown}, not {expected}",
                    row.get::<_, i64>(0)?
                ));
            }
        }
    }
    Ok(problems)
}

/// Each column holding a date or an instant: (table, row key, column, whether it is an instant).
const VALUE_COLUMNS: &[(&str, &str, &str, bool)] = &[
    ("applications", "id", "created_at", true),
    ("applications", "id", "status_on", false),
    ("applications", "id", "last_event_on", false),
    ("events", "id", "recorded_at", true),
    ("events", "id", "on_date", false),
    ("events", "id", "until_date", false),
    ("notifications", "app_id", "on_date", false),
];

fn parses_as_instant(text: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(text).is_ok()
}

fn parses_as_day(text: &str) -> bool {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_ok()
}

/// Applications whose tags are not a JSON array of strings.
fn bad_tags(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT id, tags FROM applications
         WHERE CASE WHEN json_valid(tags) AND json_type(tags) = 'array'
                    THEN EXISTS (SELECT 1 FROM json_each(applications.tags) WHERE type <> 'text')
                    ELSE 1 END
         ORDER BY id",
    )?;
    let rows = stmt.query_map([], |row| {
        let id: i64 = row.get(0)?;
        let tags = row.get_ref(1)?;
        let shown = tags.as_str().map_or_else(|_| format!("{tags:?}"), |t| format!("{t:?}"));
        Ok(format!(
            "application {id} has tags {shown}, not a JSON array of strings"
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many rows each table holds.
pub fn counts(conn: &Connection) -> Result<Vec<(&'static str, i64)>> {
    ["applications", "events", "notifications"]
        .into_iter()
        .map(|table| {
            let n = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| row.get(0))?;
            Ok((table, n))
        })
        .collect()
}

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(user_version(conn)?)
}

/// Copies the database to `dest` (a new, empty file, opened as a plain path and never through a symlink) through SQLite's online backup API, in one step: one
/// consistent snapshot, however many other processes write meanwhile. The copy is a standalone file
/// (rollback journal, not WAL) and must pass `quick_check`.
pub fn backup(conn: &Connection, dest: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let mut copy = Connection::open_with_flags(super::open::plain_path(dest), flags)
        .with_context(|| format!("cannot create {}", dest.display()))?;
    {
        let backup = Backup::new(conn, &mut copy)?;
        backup.step(-1).context("the backup did not complete")?;
    }
    let mode: String = copy.pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))?;
    let check: String = copy.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    anyhow::ensure!(mode == "delete" && check == "ok", "the copy failed its check ({check})");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::store::Store;
    use crate::store::test_support::add;

    #[test]
    fn a_sound_database_has_no_problems() {
        let mut store = Store::open_in_memory().unwrap();
        add(
            &mut store,
            "Acme",
            &[(Status::Applied, "2026-01-01"), (Status::Rejected, "2026-01-05")],
        );
        let conn = store.conn();
        assert!(integrity_problems(conn).unwrap().is_empty());
        assert!(foreign_key_problems(conn).unwrap().is_empty());
        assert!(history_problems(conn).unwrap().is_empty());
        assert_eq!(
            counts(conn).unwrap(),
            [("applications", 1), ("events", 2), ("notifications", 0)]
        );
    }

    #[test]
    fn a_broken_history_is_named() {
        let mut store = Store::open_in_memory().unwrap();
        let id = add(&mut store, "Acme", &[(Status::Applied, "2026-01-01")]);
        store
            .conn()
            .execute("UPDATE applications SET status = 'offer' WHERE id = ?1", [id])
            .unwrap();
        assert_eq!(
            history_problems(store.conn()).unwrap(),
            [format!(
                "application {id} is cached as offer on 2026-01-01 but its last status event says applied on 2026-01-01"
            )]
        );
        store.conn().execute("DELETE FROM events", []).unwrap();
        assert_eq!(
            history_problems(store.conn()).unwrap(),
            [format!("application {id} has no status event")]
        );
    }
}
