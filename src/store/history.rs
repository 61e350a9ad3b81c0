//! The history cache on each application (migration 4): what `list` and `stats` read instead of the events,
//! recomputed here from the events whenever one is added or undone.

use anyhow::{Context, Result};
use rusqlite::Connection;

#[cfg(test)]
use super::codec;
use crate::model::Status;
#[cfg(test)]
use crate::model::history::HistoryCache;

/// `status IN (...)` for the statuses that mean an application was sent (`Status::is_sent`), built from the
/// enum so the rule is written once.
fn sent_statuses_sql() -> String {
    quoted(Status::ALL.into_iter().filter(|s| s.is_sent()))
}

/// A SQL list of status names: `'applied', 'interviewing'`.
fn quoted(statuses: impl Iterator<Item = Status>) -> String {
    statuses
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The history cache recomputed from the events (see migration 4 for what each column means).
fn history_cache_sql(which: &str) -> String {
    let stages: String = Status::ALL
        .into_iter()
        .filter_map(|s| s.stage().map(|rank| format!(" WHEN '{}' THEN {rank}", s.as_str())))
        .collect();
    let staged = quoted(Status::ALL.into_iter().filter(|s| s.stage().is_some()));
    let answers = quoted(Status::ALL.into_iter().filter(|s| s.is_answer()));
    let last_status = "(SELECT max(s.id) FROM events s WHERE s.app_id = applications.id AND s.kind = 'status')";
    let last_followup = format!(
        "(SELECT max(f.id) FROM events f WHERE f.app_id = applications.id AND f.kind = 'followup' AND f.id > {last_status})"
    );
    format!(
        "UPDATE applications SET
             applied_on = (SELECT e.on_date FROM events e WHERE e.app_id = applications.id AND e.kind = 'status'
                           AND e.status IN ({sent}) ORDER BY e.id LIMIT 1),
             answered_on = (SELECT e.on_date FROM events e WHERE e.app_id = applications.id AND e.kind = 'status'
                            AND e.status IN ({answers}) ORDER BY e.id LIMIT 1),
             furthest = (SELECT e.status FROM events e WHERE e.app_id = applications.id AND e.kind = 'status'
                         AND e.status IN ({staged}) ORDER BY CASE e.status{stages} END DESC LIMIT 1),
             followed_up_on = (SELECT f.on_date FROM events f WHERE f.id = {last_followup}),
             replied = EXISTS (SELECT 1 FROM events r WHERE r.app_id = applications.id AND r.kind = 'reply'
                               AND r.id > {last_followup}),
             dismissed = EXISTS (SELECT 1 FROM events d WHERE d.app_id = applications.id AND d.kind = 'dismiss'
                                 AND d.id > {last_status})
         {which}",
        sent = sent_statuses_sql(),
    )
}

/// Recomputes one application's history cache (after an event is added or undone).
pub fn refresh_history_cache(tx: &Connection, id: i64) -> Result<()> {
    tx.prepare_cached(&history_cache_sql("WHERE id = ?1"))?
        .execute([id])
        .context("cannot update the application's summary")
        .and_then(|n| super::changed_one(n, &format!("updating the summary of application {id}")))
}

/// Recomputes every application's history cache (once, from migration 4).
pub fn refresh_history_cache_all(tx: &Connection) -> Result<()> {
    tx.execute(&history_cache_sql(""), [])
        .context("cannot fill in the applications' summaries")?;
    Ok(())
}

#[cfg(test)]
/// The history cache stored on an application.
pub fn history_cache(conn: &Connection, id: i64) -> Result<HistoryCache> {
    conn.prepare_cached(
        "SELECT applied_on, answered_on, furthest, followed_up_on, replied, dismissed FROM applications
         WHERE id = ?1",
    )?
    .query_row([id], |row| {
        Ok(HistoryCache {
            applied_on: codec::opt_day(row, "applied_on")?,
            answered_on: codec::opt_day(row, "answered_on")?,
            furthest: row.get("furthest")?,
            followed_up_on: codec::opt_day(row, "followed_up_on")?,
            replied: row.get("replied")?,
            dismissed: row.get("dismissed")?,
        })
    })
    .context("cannot read the application's summary")
}
