//! What `import` needs to know of the applications already stored.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::codec;
use crate::model::{EventKind, Status};

/// Each application's id, duplicate key and the day it was sent (its first status event that is not
/// `saved`), or for one never sent, its first event's day: the same day `interop::history::key_day` gives.
pub fn keys(conn: &Connection) -> Result<Vec<(i64, String, Option<NaiveDate>)>> {
    let sql = format!(
        "SELECT a.id, a.dup_key,
             COALESCE(
                 (SELECT MIN(e.on_date) FROM events e
                  WHERE e.app_id = a.id AND e.kind = '{status}' AND e.status <> '{saved}'),
                 (SELECT MIN(e.on_date) FROM events e WHERE e.app_id = a.id)) AS day
         FROM applications a",
        status = EventKind::Status.as_str(),
        saved = Status::Saved.as_str(),
    );
    let mut statement = conn.prepare(&sql)?;
    let rows = statement.query([])?;
    codec::collect(rows, |row| {
        Ok((row.get("id")?, row.get("dup_key")?, codec::opt_day(row, "day")?))
    })
    .context("cannot read the stored applications")
}
