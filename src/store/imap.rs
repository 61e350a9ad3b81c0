//! What IMAP scans keep: each folder's UIDVALIDITY and highest UID read; the Message-IDs of drafts put in the
//! Drafts folder; the rejections a sent follow-up can be about.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, named_params};

use super::codec;
use crate::clock::format_instant;
use crate::model::FollowupKind;

/// Where the last scan of a folder stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FolderState {
    pub uidvalidity: u32,
    pub highest_uid: u32,
}

pub fn folder(conn: &Connection, account: &str, folder: &str) -> Result<Option<FolderState>> {
    conn.prepare_cached(
        "SELECT uidvalidity, highest_uid FROM imap_folders WHERE account = :account AND folder = :folder",
    )?
    .query_row(named_params! { ":account": account, ":folder": folder }, |row| {
        Ok(FolderState {
            uidvalidity: row.get("uidvalidity")?,
            highest_uid: row.get("highest_uid")?,
        })
    })
    .optional()
    .context("cannot read where the last IMAP scan stopped")
}

pub fn set_folder(tx: &Transaction, account: &str, folder: &str, state: FolderState, at: DateTime<Utc>) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO imap_folders (account, folder, uidvalidity, highest_uid, scanned_at)
         VALUES (:account, :folder, :uidvalidity, :highest_uid, :at)
         ON CONFLICT (account, folder) DO UPDATE
         SET uidvalidity = excluded.uidvalidity, highest_uid = excluded.highest_uid, scanned_at = excluded.scanned_at",
    )?
    .execute(named_params! {
        ":account": account,
        ":folder": folder,
        ":uidvalidity": state.uidvalidity,
        ":highest_uid": state.highest_uid,
        ":at": format_instant(at),
    })
    .context("cannot record where the IMAP scan stopped")?;
    Ok(())
}

/// Records a draft put in the Drafts folder, with its Message-ID (like a printed draft, for `--sent`).
pub fn record_draft(
    tx: &Transaction,
    app_id: i64,
    kind: FollowupKind,
    message_id: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let added = tx
        .prepare_cached(
            "INSERT INTO drafts (app_id, status_event, kind, printed_at, message_id)
             SELECT :app_id, max(id), :kind, :at, :message_id FROM events
             WHERE app_id = :app_id AND kind = 'status'
             HAVING max(id) IS NOT NULL",
        )?
        .execute(named_params! {
            ":app_id": app_id,
            ":kind": kind.as_str(),
            ":at": format_instant(at),
            ":message_id": message_id,
        })
        .context("cannot record the draft")?;
    anyhow::ensure!(
        added == 1,
        "cannot record the draft: application {app_id} has no status event"
    );
    Ok(())
}

/// A rejection whose follow-up is not recorded yet: what a message in the Sent folder may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Awaiting {
    pub app_id: i64,
    pub rejected_on: chrono::NaiveDate,
    /// Lower-cased.
    pub contact_email: Option<String>,
    /// Message-IDs of the drafts put in the Drafts folder since the rejection.
    pub drafts: Vec<String>,
}

/// Every rejection awaiting its follow-up.
pub fn awaiting_followup(conn: &Connection) -> Result<Vec<Awaiting>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.status_on, lower(trim(a.contact_email)) AS contact,
                (SELECT json_group_array(d.message_id) FROM drafts d
                 WHERE d.app_id = a.id AND d.message_id IS NOT NULL
                   AND d.status_event = (SELECT max(s.id) FROM events s WHERE s.app_id = a.id AND s.kind = 'status'))
                  AS drafts
         FROM applications a
         WHERE a.status = 'rejected'
           AND NOT EXISTS (SELECT 1 FROM events f WHERE f.app_id = a.id AND f.kind = 'followup'
                           AND f.id > (SELECT max(s.id) FROM events s WHERE s.app_id = a.id AND s.kind = 'status'))",
    )?;
    let rows = stmt.query([])?;
    codec::collect(rows, |row| {
        let drafts: String = row.get("drafts")?;
        Ok(Awaiting {
            app_id: row.get("id")?,
            rejected_on: codec::day(row, "status_on")?,
            contact_email: row.get("contact")?,
            drafts: serde_json::from_str(&drafts).unwrap_or_default(),
        })
    })
    .context("cannot read the rejections awaiting a follow-up")
}

/// The Message-IDs of follow-ups the user sent: drafts put in the Drafts folder, and sent follow-ups
/// accepted from the Sent folder. A message answering one of them (In-Reply-To, References) is a reply.
pub fn followup_message_ids(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT message_id FROM drafts WHERE message_id IS NOT NULL
         UNION SELECT message_id FROM proposals
         WHERE kind = 'followup_sent' AND state = 'accepted' AND message_id IS NOT NULL",
    )?;
    let rows = stmt.query([])?;
    codec::collect(rows, |row| row.get::<_, String>(0)).context("cannot read the sent follow-ups")
}
