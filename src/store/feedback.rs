//! What `tracker feedback` reads: every reply recorded, with its application.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::codec;
use crate::model::Status;

/// One recorded answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub app_id: i64,
    pub company: String,
    pub position: String,
    pub status: Status,
    pub on: NaiveDate,
    pub text: Option<String>,
    /// The stage ranks of the application's status events, to find the furthest stage.
    pub furthest: Option<u8>,
}

/// Every reply event, newest first.
pub fn answers(conn: &Connection) -> Result<Vec<Answer>> {
    let ranks: String = Status::ALL
        .into_iter()
        .map(|s| format!(" WHEN '{}' THEN {}", s.as_str(), s.stage().map_or("NULL".to_owned(), |r| r.to_string())))
        .collect();
    let sql = format!(
        "SELECT r.app_id, a.company, a.position, a.status, r.on_date, r.note,
                (SELECT max(CASE s.status{ranks} END) FROM events s
                 WHERE s.app_id = r.app_id AND s.kind = 'status') AS furthest
         FROM events r JOIN applications a ON a.id = r.app_id
         WHERE r.kind = 'reply'
         ORDER BY r.on_date DESC, r.id DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query([])?;
    codec::collect(rows, |row| {
        Ok(Answer {
            app_id: row.get("app_id")?,
            company: row.get("company")?,
            position: row.get("position")?,
            status: row.get("status")?,
            on: codec::day(row, "on_date")?,
            text: row.get("note")?,
            furthest: row.get("furthest")?,
        })
    })
    .context("cannot read the replies")
}
