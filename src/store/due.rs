//! The rejections whose follow-up may be due, read through the `applications_by_status` index.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, Row, Transaction, named_params};

use super::codec;
use crate::dates::format_day;
use crate::model::followup::Reminder;

/// A rejected application and the facts the follow-up rule needs.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub company: String,
    pub position: String,
    pub reminder: Reminder,
}

/// Events after the newest status event (the rejection) are the ones that matter.
const SQL: &str = "
    SELECT c.id, c.company, c.position, c.status_on,
           EXISTS (SELECT 1 FROM events e
                   WHERE e.app_id = c.id AND e.kind IN ('followup', 'dismiss') AND e.id > c.rejection) AS closed,
           (SELECT e.until_date FROM events e
            WHERE e.app_id = c.id AND e.kind = 'snooze' AND e.id > c.rejection
            ORDER BY e.id DESC LIMIT 1) AS snoozed_until
    FROM (SELECT a.id, a.company, a.position, a.status_on,
                 (SELECT max(s.id) FROM events s WHERE s.app_id = a.id AND s.kind = 'status') AS rejection
          FROM applications a
          WHERE a.status = 'rejected' AND a.status_on BETWEEN :earliest AND :latest) c
    ORDER BY c.status_on, c.id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Candidate> {
    Ok(Candidate {
        id: row.get("id")?,
        company: row.get("company")?,
        position: row.get("position")?,
        reminder: Reminder {
            rejected_on: codec::day(row, "status_on")?,
            closed: row.get("closed")?,
            snoozed_until: codec::opt_day(row, "snoozed_until")?,
        },
    })
}

/// Rejections dated from `earliest` to `latest` (inclusive), oldest first.
pub fn candidates(conn: &Connection, earliest: NaiveDate, latest: NaiveDate) -> Result<Vec<Candidate>> {
    let mut stmt = conn.prepare_cached(SQL)?;
    let rows = stmt.query(named_params! { ":earliest": format_day(earliest), ":latest": format_day(latest) })?;
    codec::collect(rows, from_row).context("cannot read the rejections")
}

/// Claims the day's notification for an application: true when this run may show it, false when another run
/// already did (or is doing so in its own transaction, which this one waited for).
pub fn claim_notification(tx: &Transaction, id: i64, day: NaiveDate) -> Result<bool> {
    let added = tx
        .prepare_cached("INSERT OR IGNORE INTO notifications (app_id, on_date) VALUES (?1, ?2)")?
        .execute(rusqlite::params![id, format_day(day)])
        .context("cannot record the notification")?;
    if added == 0 && !notified_on(tx, id, day)? {
        bail!(
            "recording the notification of application {id} changed nothing (something inside the database, such as a trigger, interfered; see: tracker check)"
        );
    }
    Ok(added == 1)
}

fn notified_on(conn: &Connection, id: i64, day: NaiveDate) -> Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM notifications WHERE app_id = ?1 AND on_date = ?2)")?
        .query_row(rusqlite::params![id, format_day(day)], |row| row.get(0))
        .context("cannot read the notification log")
}

/// Gives back a claim whose notification could not be shown, so the next run tries again.
pub fn release_notification(tx: &Transaction, id: i64, day: NaiveDate) -> Result<()> {
    tx.prepare_cached("DELETE FROM notifications WHERE app_id = ?1 AND on_date = ?2")?
        .execute(rusqlite::params![id, format_day(day)])
        .context("cannot update the notification log")?;
    if notified_on(tx, id, day)? {
        bail!(
            "giving back the notification of application {id} changed nothing (something inside the database, such as a trigger, interfered; see: tracker check)"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::store::Store;
    use crate::store::test_support::{add, day};

    #[test]
    fn the_query_uses_indexes_only() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {SQL}")).unwrap();
        let plan: Vec<String> = stmt
            .query_map(
                named_params! { ":earliest": "2026-01-01", ":latest": "2026-02-01" },
                |row| row.get("detail"),
            )
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let plan = plan.join("\n");
        assert!(
            plan.contains("SEARCH a USING INDEX applications_by_status (status=? AND status_on>? AND status_on<?)"),
            "{plan}"
        );
        assert!(
            !plan.contains("SCAN"),
            "no full scan of applications or events:\n{plan}"
        );
    }

    #[test]
    fn finds_rejections_in_the_window_with_their_follow_up_facts() {
        let mut store = Store::open_in_memory().unwrap();
        let old = add(
            &mut store,
            "Old",
            &[(Status::Applied, "2025-01-01"), (Status::Rejected, "2025-02-01")],
        );
        let recent = add(
            &mut store,
            "Recent",
            &[(Status::Applied, "2026-01-01"), (Status::Rejected, "2026-01-10")],
        );
        let open = add(&mut store, "Open", &[(Status::Applied, "2026-01-05")]);
        let found = candidates(store.conn(), day("2026-01-01"), day("2026-01-31")).unwrap();
        let ids: Vec<i64> = found.iter().map(|c| c.id).collect();
        assert_eq!(ids, [recent]);
        assert_eq!(
            found[0].reminder,
            Reminder {
                rejected_on: day("2026-01-10"),
                closed: false,
                snoozed_until: None,
            }
        );
        let all = candidates(store.conn(), NaiveDate::MIN, day("2026-01-31")).unwrap();
        assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), [old, recent]);
        assert!(!all.iter().any(|c| c.id == open));
    }

    #[test]
    fn a_day_is_claimed_once_until_released() {
        let mut store = Store::open_in_memory().unwrap();
        let id = add(&mut store, "Acme", &[(Status::Applied, "2026-01-01")]);
        let claim = |store: &mut Store, on: &str| store.write(|tx| claim_notification(tx, id, day(on))).unwrap();
        assert!(claim(&mut store, "2026-01-02"));
        assert!(!claim(&mut store, "2026-01-02"));
        assert!(claim(&mut store, "2026-01-03"), "a new day");
        store
            .write(|tx| release_notification(tx, id, day("2026-01-02")))
            .unwrap();
        assert!(claim(&mut store, "2026-01-02"), "released");
    }
}
