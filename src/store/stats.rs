//! What `tracker stats` reads: one row of facts per application that was sent, from the history.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

use super::apps::quoted;
use super::codec;
use crate::dates::format_day;
use crate::model::Status;

/// The facts about one sent application that the statistics are computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub id: i64,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub applied_on: NaiveDate,
    pub status: Status,
    pub status_on: NaiveDate,
    /// The furthest stage reached (`applied` at least).
    pub furthest: Status,
    /// The day of the first answer (interviewing, offer, accepted or rejected), if any.
    pub answered_on: Option<NaiveDate>,
    /// The day of the follow-up sent after the newest status change, if one was.
    pub followed_up_on: Option<NaiveDate>,
    /// A reply was recorded after that follow-up.
    pub replied: bool,
    /// Reminders were dismissed after the newest status change.
    pub dismissed: bool,
}

/// The statement: the history of every application folded into one row by the covering index
/// `events_for_stats`, joined to the applications sent between `:since` and `:until`.
pub fn sql() -> String {
    let stage = |s: Status| s.stage().map_or("NULL".to_owned(), |rank| rank.to_string());
    let ranks: String = Status::ALL
        .into_iter()
        .map(|s| format!(" WHEN '{}' THEN {}", s.as_str(), stage(s)))
        .collect();
    let answers = quoted(Status::ALL.into_iter().filter(|s| s.is_answer()));
    format!(
        "SELECT a.id, a.source, a.tags, a.applied_on, a.status, a.status_on, h.furthest, h.answered_on,
                h.last_status, h.last_followup, h.followup_on, h.last_reply, h.last_dismiss
         FROM applications a
         JOIN (SELECT app_id,
                      max(CASE status{ranks} END) FILTER (WHERE kind = 'status') AS furthest,
                      min(on_date) FILTER (WHERE kind = 'status' AND status IN ({answers})) AS answered_on,
                      max(id) FILTER (WHERE kind = 'status') AS last_status,
                      max(id) FILTER (WHERE kind = 'followup') AS last_followup,
                      max(on_date) FILTER (WHERE kind = 'followup') AS followup_on,
                      max(id) FILTER (WHERE kind = 'reply') AS last_reply,
                      max(id) FILTER (WHERE kind = 'dismiss') AS last_dismiss
               FROM events GROUP BY app_id) h ON h.app_id = a.id
         WHERE a.applied_on IS NOT NULL AND a.applied_on >= :since AND a.applied_on <= :until
         ORDER BY a.id"
    )
}

/// The facts of every application sent between `since` and `until` (inclusive).
pub fn facts(conn: &Connection, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<Vec<Facts>> {
    let since = since.map_or_else(|| "0000-01-01".to_owned(), format_day);
    let until = until.map_or_else(|| "9999-12-31".to_owned(), format_day);
    let mut stmt = conn.prepare_cached(&sql())?;
    let rows = stmt.query(named_params! {":since": since, ":until": until})?;
    codec::collect(rows, |row| {
        let tags: String = row.get("tags")?;
        let last_status: i64 = row.get("last_status")?;
        let after_status = |name: &str| -> rusqlite::Result<Option<i64>> {
            Ok(row.get::<_, Option<i64>>(name)?.filter(|id| *id > last_status))
        };
        let followup = after_status("last_followup")?;
        let furthest: Option<u8> = row.get("furthest")?;
        let furthest = Status::ALL
            .into_iter()
            .find(|s| s.stage().is_some() && s.stage() == furthest)
            .filter(|s| s.is_sent())
            .unwrap_or(Status::Applied);
        Ok(Facts {
            id: row.get("id")?,
            source: row.get("source")?,
            tags: serde_json::from_str(&tags).unwrap_or_default(),
            applied_on: codec::day(row, "applied_on")?,
            status: row.get("status")?,
            status_on: codec::day(row, "status_on")?,
            furthest,
            answered_on: codec::opt_day(row, "answered_on")?,
            followed_up_on: match followup {
                Some(_) => codec::opt_day(row, "followup_on")?,
                None => None,
            },
            replied: followup.is_some_and(|f| row.get::<_, Option<i64>>("last_reply").ok().flatten() > Some(f)),
            dismissed: after_status("last_dismiss")?.is_some(),
        })
    })
    .context("cannot read the applications' histories")
}
