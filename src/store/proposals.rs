//! The review queue of `tracker mail`: the messages already recognised, and the proposals made from them.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, named_params, params};
use serde::Serialize;

use super::codec;
use crate::clock::format_instant;
use crate::dates::format_day;
use crate::mail::recognise::Kind;

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Pending,
    Accepted,
    Dropped,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Accepted => "accepted",
            State::Dropped => "dropped",
        }
    }

    fn parse(text: &str) -> Option<State> {
        [State::Pending, State::Accepted, State::Dropped]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// A proposal as `mail list --json` and `mail show --json` print it (fields are added, never renamed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub id: i64,
    pub state: State,
    pub kind: Kind,
    pub app_id: Option<i64>,
    pub candidates: Vec<i64>,
    pub company: Option<String>,
    pub position: Option<String>,
    #[serde(serialize_with = "day")]
    pub on: NaiveDate,
    pub from: String,
    pub subject: String,
    pub message_id: Option<String>,
    pub confidence: f64,
    pub evidence: String,
    pub source: String,
    /// The job's link, when the message had one.
    pub url: Option<String>,
    /// An interview's proposed time, or a reply's first 500 characters.
    pub detail: Option<String>,
}

fn day<S: serde::Serializer>(on: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format_day(*on))
}

const COLUMNS: &str = "id, state, kind, app_id, candidates, company, position, on_date, sender, subject, message_id, \
     confidence, evidence, source, url, detail";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Proposal> {
    let invalid = |index, e: anyhow::Error| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into())
    };
    let state: String = row.get("state")?;
    let kind: String = row.get("kind")?;
    let candidates: String = row.get("candidates")?;
    Ok(Proposal {
        id: row.get("id")?,
        state: State::parse(&state).ok_or_else(|| invalid(1, anyhow::anyhow!("unknown state {state:?}")))?,
        kind: kind.parse().map_err(|e| invalid(2, e))?,
        app_id: row.get("app_id")?,
        candidates: serde_json::from_str(&candidates).map_err(|e| invalid(4, e.into()))?,
        company: row.get("company")?,
        position: row.get("position")?,
        on: codec::day(row, "on_date")?,
        from: row.get("sender")?,
        subject: row.get("subject")?,
        message_id: row.get("message_id")?,
        confidence: row.get("confidence")?,
        evidence: row.get("evidence")?,
        source: row.get("source")?,
        url: row.get("url")?,
        detail: row.get("detail")?,
    })
}

/// Whether a message was recognised before (proposal or not).
pub fn seen(conn: &Connection, key: &str) -> Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM messages WHERE key = ?1)")?
        .query_row([key], |row| row.get(0))
        .context("cannot read the messages already seen")
}

/// Records that a message was recognised; a second record of the same key is a no-op.
pub fn record_seen(tx: &Transaction, key: &str, at: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached("INSERT OR IGNORE INTO messages (key, seen_at) VALUES (?1, ?2)")?
        .execute(params![key, format_instant(at)])
        .context("cannot record a message as seen")?;
    Ok(())
}

/// Stores a new pending proposal (its id is ignored) and returns its id.
pub fn insert(tx: &Transaction, key: &str, p: &Proposal, at: DateTime<Utc>) -> Result<i64> {
    let candidates = serde_json::to_string(&p.candidates).expect("a list of ids serialises");
    tx.prepare_cached(
        "INSERT INTO proposals (message_key, state, kind, app_id, candidates, company, position, on_date, sender,
                                subject, message_id, confidence, evidence, source, url, detail, created_at)
         VALUES (:key, 'pending', :kind, :app_id, :candidates, :company, :position, :on_date, :sender, :subject,
                 :message_id, :confidence, :evidence, :source, :url, :detail, :created_at)",
    )?
    .execute(named_params! {
        ":key": key,
        ":kind": p.kind.as_str(),
        ":app_id": p.app_id,
        ":candidates": candidates,
        ":company": p.company,
        ":position": p.position,
        ":on_date": format_day(p.on),
        ":sender": p.from,
        ":subject": p.subject,
        ":message_id": p.message_id,
        ":confidence": p.confidence,
        ":evidence": p.evidence,
        ":source": p.source,
        ":url": p.url,
        ":detail": p.detail,
        ":created_at": format_instant(at),
    })
    .context("cannot store a proposal")?;
    Ok(tx.last_insert_rowid())
}

const PENDING_SQL: &str = "SELECT id, state, kind, app_id, candidates, company, position, on_date, sender, \
     subject, message_id, confidence, evidence, source, url, detail FROM proposals \
     WHERE state = 'pending' ORDER BY on_date, id";

const ALL_SQL: &str = "SELECT id, state, kind, app_id, candidates, company, position, on_date, sender, \
     subject, message_id, confidence, evidence, source, url, detail FROM proposals ORDER BY on_date, id";

/// The pending proposals (with `all`, every one), oldest message first.
pub fn list(conn: &Connection, all: bool) -> Result<Vec<Proposal>> {
    let mut stmt = conn.prepare_cached(if all { ALL_SQL } else { PENDING_SQL })?;
    let rows = stmt.query([])?;
    codec::collect(rows, from_row).context("cannot read the proposals")
}

/// One proposal, or says there is none with that id.
pub fn get(conn: &Connection, id: i64) -> Result<Proposal> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM proposals WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()
        .context("cannot read the proposal")?
        .ok_or_else(|| anyhow::anyhow!("no mail proposal with id {id} (see: tracker mail list)"))
}

/// How many proposals wait for review.
pub fn pending_count(conn: &Connection) -> Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM proposals WHERE state = 'pending'")?
        .query_row([], |row| row.get(0))
        .context("cannot count the proposals")
}

/// Moves a pending proposal to `state` (with the application it was applied to); fails when it is not pending.
pub fn decide(tx: &Transaction, id: i64, state: State, app_id: Option<i64>, at: DateTime<Utc>) -> Result<()> {
    let changed = tx
        .prepare_cached(
            "UPDATE proposals SET state = ?2, app_id = coalesce(?3, app_id), decided_at = ?4
             WHERE id = ?1 AND state = 'pending'",
        )?
        .execute(params![id, state.as_str(), app_id, format_instant(at)])
        .context("cannot update the proposal")?;
    if changed != 1 {
        bail!("mail proposal {id} is not pending (see: tracker mail list --all)");
    }
    Ok(())
}

/// Marks an event as coming from a proposal.
pub fn link_event(tx: &Transaction, event_id: i64, proposal_id: i64) -> Result<()> {
    let changed = tx
        .prepare_cached("UPDATE events SET proposal_id = ?2 WHERE id = ?1")?
        .execute(params![event_id, proposal_id])
        .context("cannot link the event to its proposal")?;
    if changed != 1 {
        bail!("linking event {event_id} to its proposal changed nothing (see: tracker check)");
    }
    Ok(())
}

/// Claims a daily notice: true when this run may show it today.
pub fn claim_notice(tx: &Transaction, name: &str, on: NaiveDate) -> Result<bool> {
    let added = tx
        .prepare_cached("INSERT OR IGNORE INTO daily_notices (name, on_date) VALUES (?1, ?2)")?
        .execute(params![name, format_day(on)])
        .context("cannot record the notice")?;
    Ok(added == 1)
}

/// Gives back a claimed notice that could not be shown.
pub fn release_notice(tx: &Transaction, name: &str, on: NaiveDate) -> Result<()> {
    tx.prepare_cached("DELETE FROM daily_notices WHERE name = ?1 AND on_date = ?2")?
        .execute(params![name, format_day(on)])
        .context("cannot update the notices")?;
    Ok(())
}

#[cfg(test)]
mod tests;
