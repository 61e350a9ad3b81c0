//! The `events` table: an application's history, appended and never rewritten.

use anyhow::{Context, Result};
use rusqlite::{Connection, Row, named_params};

use super::codec;
use crate::clock::format_instant;
use crate::dates::format_day;
use crate::model::Event;

/// An event's columns, with its interview (`interviews`) and, for a check-in or thank-you note, its email
/// (`followup_kinds`, since `events.template` is checked against the rejection emails only).
const SELECT: &str = "
    SELECT e.app_id, e.kind, e.on_date, e.from_status, e.status, e.note, e.until_date,
           coalesce(e.template, k.kind) AS template, e.recorded_at, i.day AS interview_day, i.at, i.with_names
    FROM events e LEFT JOIN followup_kinds k ON k.event_id = e.id LEFT JOIN interviews i ON i.event_id = e.id";

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

/// Appends an event (with its interview row, or the kind of a check-in or thank-you note); returns its id.
pub fn insert(tx: &Connection, app_id: i64, event: &Event) -> Result<i64> {
    let rejection_email = event.template.filter(|t| t.is_rejection());
    tx.prepare_cached(
        "INSERT INTO events (app_id, kind, on_date, from_status, status, note, until_date, template, recorded_at)
         VALUES (:app_id, :kind, :on_date, :from_status, :status, :note, :until_date, :template, :recorded_at)",
    )?
    .execute(named_params! {
        ":app_id": app_id,
        ":kind": event.kind,
        ":on_date": format_day(event.on),
        ":from_status": event.from,
        ":status": event.status,
        ":note": event.note,
        ":until_date": event.until.map(format_day),
        ":template": rejection_email,
        ":recorded_at": format_instant(event.recorded_at),
    })
    .context("cannot record the event")
    .and_then(|n| super::changed_one(n, "recording the event"))?;
    let id = tx.last_insert_rowid();
    if let Some(kind) = event.template.filter(|t| !t.is_rejection()) {
        tx.prepare_cached("INSERT INTO followup_kinds (event_id, kind) VALUES (?1, ?2)")?
            .execute(rusqlite::params![id, kind.as_str()])
            .context("cannot record the follow-up's kind")
            .and_then(|n| super::changed_one(n, "recording the follow-up's kind"))?;
    }
    if let Some(day) = event.interview_on {
        tx.prepare_cached(
            "INSERT INTO interviews (event_id, app_id, day, at, with_names) VALUES (:id, :app_id, :day, :at, :with)",
        )?
        .execute(named_params! {
            ":id": id,
            ":app_id": app_id,
            ":day": format_day(day),
            ":at": event.at.map(format_instant),
            ":with": serde_json::to_string(&event.with)?,
        })
        .context("cannot record the interview")
        .and_then(|n| super::changed_one(n, "recording the interview"))?;
    }
    Ok(id)
}

/// An application's events, oldest first.
pub fn for_app(conn: &Connection, app_id: i64) -> Result<Vec<Event>> {
    let sql = format!("{SELECT} WHERE e.app_id = ?1 ORDER BY e.id");
    let mut stmt = conn.prepare_cached(&sql)?;
    codec::collect(stmt.query([app_id])?, from_row).context("cannot read the application's history")
}

/// Every event of every application, grouped by application id, each group oldest first (for export).
pub fn all(conn: &Connection) -> Result<Vec<(i64, Event)>> {
    let sql = format!("{SELECT} ORDER BY e.app_id, e.id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = codec::collect(stmt.query([])?, |row| Ok((row.get("app_id")?, from_row(row)?)))?;
    Ok(rows)
}

/// Deletes an application's newest event, with the drafts printed for it (`undo`).
pub fn delete_newest(tx: &Connection, app_id: i64) -> Result<()> {
    let newest: i64 = tx
        .prepare_cached("SELECT max(id) FROM events WHERE app_id = ?1")?
        .query_row([app_id], |row| row.get(0))
        .context("cannot read the application's history")?;
    tx.prepare_cached("DELETE FROM drafts WHERE app_id = ?1 AND status_event = ?2")?
        .execute([app_id, newest])
        .context("cannot delete the event's drafts")?;
    tx.prepare_cached("DELETE FROM events WHERE id = ?1")?
        .execute([newest])
        .context("cannot delete the event")
        .and_then(|n| super::changed_one(n, "removing the event"))
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
        let sql = format!("{SELECT} WHERE e.app_id = ?1 ORDER BY e.id");
        let stmt = store.conn().prepare_cached(&sql).unwrap();
        assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0);
    }
}
