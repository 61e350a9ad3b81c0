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
    /// The furthest stage the application reached.
    pub furthest: Option<Status>,
}

/// Every reply event, newest first.
pub fn answers(conn: &Connection) -> Result<Vec<Answer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.app_id, a.company, a.position, a.status, r.on_date, r.note, a.furthest
         FROM events r JOIN applications a ON a.id = r.app_id
         WHERE r.kind = 'reply'
         ORDER BY r.on_date DESC, r.id DESC",
    )?;
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
