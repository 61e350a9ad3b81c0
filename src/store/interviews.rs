//! Interviews ahead, by the day they take place (the `interviews_by_day` index).

use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, Row, named_params};

use super::codec;
use crate::dates::format_day;

/// One planned interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The interview event's id.
    pub event_id: i64,
    pub app_id: i64,
    pub company: String,
    pub position: String,
    pub day: NaiveDate,
    pub at: Option<DateTime<Utc>>,
    pub with: Vec<String>,
    pub note: Option<String>,
}

/// Interviews of applications still interviewing (a later rejection or offer cancels the ones ahead).
const SQL: &str = "
    SELECT i.event_id, i.app_id, a.company, a.position, i.day, i.at, i.with_names, e.note
    FROM interviews i INDEXED BY interviews_by_day
         JOIN applications a ON a.id = i.app_id JOIN events e ON e.id = i.event_id
    WHERE i.day BETWEEN :earliest AND :latest AND a.status = 'interviewing'
    ORDER BY i.day, i.at IS NULL, i.at, i.event_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Planned> {
    Ok(Planned {
        event_id: row.get("event_id")?,
        app_id: row.get("app_id")?,
        company: row.get("company")?,
        position: row.get("position")?,
        day: codec::day(row, "day")?,
        at: codec::opt_instant(row, "at")?,
        with: codec::names(row, "with_names")?,
        note: row.get("note")?,
    })
}

/// The interviews taking place from `earliest` to `latest` (local days), soonest first.
pub fn between(conn: &Connection, earliest: NaiveDate, latest: NaiveDate) -> Result<Vec<Planned>> {
    let mut stmt = conn.prepare_cached(SQL)?;
    let rows = stmt.query(named_params! { ":earliest": format_day(earliest), ":latest": format_day(latest) })?;
    codec::collect(rows, from_row).context("cannot read the interviews")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn the_query_is_an_index_range_scan() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {SQL}")).unwrap();
        let plan: Vec<String> = stmt
            .query_map(
                named_params! { ":earliest": "2026-01-01", ":latest": "2026-01-14" },
                |row| row.get("detail"),
            )
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let plan = plan.join("\n");
        assert!(
            plan.contains("SEARCH i USING INDEX interviews_by_day (day>? AND day<?)"),
            "{plan}"
        );
        assert!(!plan.contains("SCAN"), "{plan}");
    }
}
