//! Schema migrations, numbered by `PRAGMA user_version`. `schema.sql` is migration 1; later changes are
//! appended here and never edited once released.

use anyhow::{Context, Result};
use rusqlite::{Connection, TransactionBehavior};

use super::identity::{APPLICATION_ID, application_id};

pub(super) const MIGRATIONS: &[&str] = &[
    include_str!("../../schema.sql"),
    include_str!("migrations/2-drafts.sql"),
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
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from) {
        tx.execute_batch(sql)
            .with_context(|| format!("migration {} failed", index + 1))?;
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
        assert_eq!(tables, ["applications", "drafts", "events", "notifications"]);
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
