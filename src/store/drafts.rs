//! The `drafts` table: which follow-up emails `tracker followup` printed, per rejection.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, named_params};

use crate::clock::format_instant;
use crate::model::FollowupKind;
use crate::template::Draft;

/// Records that a draft of `kind` was printed for the application's current status (its rejection).
pub fn record(tx: &Transaction, app_id: i64, kind: FollowupKind, printed_at: DateTime<Utc>) -> Result<()> {
    let added = tx
        .prepare_cached(
            "INSERT INTO drafts (app_id, status_event, kind, printed_at)
             SELECT :app_id, max(id), :kind, :printed_at FROM events
             WHERE app_id = :app_id AND kind = 'status'
             HAVING max(id) IS NOT NULL",
        )?
        .execute(named_params! {
            ":app_id": app_id,
            ":kind": kind.as_str(),
            ":printed_at": format_instant(printed_at),
        })
        .context("cannot record the printed draft")?;
    anyhow::ensure!(
        added == 1,
        "cannot record the printed draft: application {app_id} has no status event"
    );
    Ok(())
}

/// Keeps a draft the person edited, for the application's current status, until the follow-up is sent.
pub fn keep_edited(
    tx: &Transaction,
    app_id: i64,
    kind: FollowupKind,
    printed_at: DateTime<Utc>,
    draft: &Draft,
) -> Result<()> {
    record(tx, app_id, kind, printed_at)?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached("INSERT INTO edited_drafts (draft_id, subject, body) VALUES (:id, :subject, :body)")?
        .execute(named_params! { ":subject": draft.subject, ":body": draft.body, ":id": id })
        .context("cannot keep the edited draft")
        .and_then(|n| super::changed_one(n, "keeping the edited draft"))
}

const KEPT_SQL: &str = "
    SELECT d.kind, x.subject, x.body FROM drafts d JOIN edited_drafts x ON x.draft_id = d.id
    WHERE d.app_id = :app_id
      AND d.status_event = (SELECT max(s.id) FROM events s WHERE s.app_id = :app_id AND s.kind = 'status')
      AND NOT EXISTS (SELECT 1 FROM events f WHERE f.app_id = :app_id AND f.kind = 'followup'
                      AND f.recorded_at >= d.printed_at)
    ORDER BY d.id DESC LIMIT 1";

/// The newest edited draft of the application's current status, unless a follow-up was sent since.
pub fn kept(conn: &Connection, app_id: i64) -> Result<Option<(FollowupKind, Draft)>> {
    let row = conn
        .prepare_cached(KEPT_SQL)?
        .query_row(named_params! { ":app_id": app_id }, |row| {
            Ok((
                row.get::<_, String>("kind")?,
                row.get::<_, String>("subject")?,
                row.get::<_, String>("body")?,
            ))
        })
        .optional()
        .context("cannot read the kept draft")?;
    row.map(|(kind, subject, body)| Ok((kind.parse()?, Draft { subject, body })))
        .transpose()
}

const LAST_SQL: &str = "
    SELECT d.kind FROM drafts d
    WHERE d.app_id = :app_id
      AND d.status_event = (SELECT max(s.id) FROM events s WHERE s.app_id = :app_id AND s.kind = 'status')
    ORDER BY d.id DESC LIMIT 1";

/// The kind of the newest draft printed since the application's newest status change.
pub fn last_since_status(conn: &Connection, app_id: i64) -> Result<Option<FollowupKind>> {
    conn.prepare_cached(LAST_SQL)?
        .query_row(named_params! { ":app_id": app_id }, |row| row.get::<_, String>("kind"))
        .optional()
        .context("cannot read the printed drafts")?
        .map(|kind| kind.parse::<FollowupKind>())
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Status};
    use crate::store::test_support::{add, day};
    use crate::store::{Store, apps, record as record_event};

    #[test]
    fn the_newest_draft_since_the_rejection_counts() {
        let mut store = Store::open_in_memory().unwrap();
        let id = add(
            &mut store,
            "Acme",
            &[(Status::Applied, "2026-01-01"), (Status::Rejected, "2026-01-05")],
        );
        let at = DateTime::UNIX_EPOCH;
        assert_eq!(last_since_status(store.conn(), id).unwrap(), None);
        store.write(|tx| record(tx, id, FollowupKind::Network, at)).unwrap();
        store.write(|tx| record(tx, id, FollowupKind::Feedback, at)).unwrap();
        assert_eq!(
            last_since_status(store.conn(), id).unwrap(),
            Some(FollowupKind::Feedback)
        );
        // Reopened and rejected again: the drafts of the first rejection no longer count.
        for status in [Status::Interviewing, Status::Rejected] {
            let app = apps::get(store.conn(), id).unwrap();
            let event = Event::status_change(Some(app.status), status, day("2026-01-09"), at);
            store
                .write(|tx| record_event(tx, &app, &event, day("2026-02-01")))
                .unwrap();
        }
        assert_eq!(last_since_status(store.conn(), id).unwrap(), None);
    }

    #[test]
    fn the_lookup_uses_the_index() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {LAST_SQL}")).unwrap();
        let plan: Vec<String> = stmt
            .query_map(named_params! { ":app_id": 1 }, |row| row.get("detail"))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let plan = plan.join("\n");
        assert!(plan.contains("USING INDEX drafts_by_app"), "{plan}");
        assert!(!plan.contains("SCAN"), "{plan}");
    }
}
