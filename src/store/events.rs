//! The `events` table: an application's history, appended and never rewritten.

use anyhow::{Context, Result};
use rusqlite::{Connection, Row, named_params};

use super::codec;
use crate::clock::format_instant;
use crate::dates::format_day;
use crate::model::Event;

const COLUMNS: &str = "app_id, kind, on_date, from_status, status, note, until_date, template, recorded_at, at, with_names, interview_day";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Event> {
    Ok(Event {
        kind: row.get("kind")?,
        on: codec::day(row, "on_date")?,
        from: row.get("from_status")?,
        status: row.get("status")?,
        note: row.get("note")?,
        until: codec::opt_day(row, "until_date")?,
        template: row.get("template")?,
        recorded_at: codec::instant(row, "recorded_at")?,
        interview_on: codec::opt_day(row, "interview_day")?,
        at: codec::opt_instant(row, "at")?,
        with: codec::names(row, "with_names")?,
    })
}

pub fn insert(tx: &Connection, app_id: i64, event: &Event) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO events (app_id, kind, on_date, from_status, status, note, until_date, template, recorded_at,
                             at, with_names, interview_day)
         VALUES (:app_id, :kind, :on_date, :from_status, :status, :note, :until_date, :template, :recorded_at,
                 :at, :with_names, :interview_day)",
    )?
    .execute(named_params! {
        ":app_id": app_id,
        ":kind": event.kind,
        ":on_date": format_day(event.on),
        ":from_status": event.from,
        ":status": event.status,
        ":note": event.note,
        ":until_date": event.until.map(format_day),
        ":template": event.template,
        ":recorded_at": format_instant(event.recorded_at),
        ":at": event.at.map(format_instant),
        ":with_names": event.interview_on.map(|_| serde_json::to_string(&event.with)).transpose()?,
        ":interview_day": event.interview_on.map(format_day),
    })
    .context("cannot record the event")
    .and_then(|n| super::changed_one(n, "recording the event"))?;
    Ok(tx.last_insert_rowid())
}

/// An application's events, oldest first.
pub fn for_app(conn: &Connection, app_id: i64) -> Result<Vec<Event>> {
    let sql = format!("SELECT {COLUMNS} FROM events WHERE app_id = ?1 ORDER BY id");
    let mut stmt = conn.prepare_cached(&sql)?;
    codec::collect(stmt.query([app_id])?, from_row).context("cannot read the application's history")
}

/// Every event of every application, grouped by application id, each group oldest first (for export).
pub fn all(conn: &Connection) -> Result<Vec<(i64, Event)>> {
    let sql = format!("SELECT {COLUMNS} FROM events ORDER BY app_id, id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = codec::collect(stmt.query([])?, |row| Ok((row.get("app_id")?, from_row(row)?)))?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;
    use crate::model::Status;
    use crate::store::Store;
    use crate::store::test_support::add;

    /// SQLite prepares a statement again for each new bound value when the value could change its plan (a
    /// partial index, say): reading one application's history must not pay that.
    #[test]
    fn reading_histories_does_not_prepare_again() {
        let mut store = Store::open_in_memory().unwrap();
        let ids: Vec<i64> = (0..5)
            .map(|i| add(&mut store, &format!("C{i}"), &[(Status::Applied, "2026-01-01")]))
            .collect();
        for id in &ids {
            assert_eq!(for_app(store.conn(), *id).unwrap().len(), 1);
        }
        let sql = format!("SELECT {COLUMNS} FROM events WHERE app_id = ?1 ORDER BY id");
        let stmt = store.conn().prepare_cached(&sql).unwrap();
        assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0);
    }
}
