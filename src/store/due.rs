//! The applications whose follow-up may be due, each kind read through an index: rejections by
//! `applications_by_status`, check-ins and ghosting by `applications_by_quiet`, thank-you notes by `interviews_by_day` (named with `INDEXED BY`:
//! without statistics SQLite may prefer an equality on `status` that reads every open application). For
//! those few open applications the rule itself (`model::followup`) reads their history.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::{Connection, Row, Transaction, named_params};

use super::codec;
use crate::dates::format_day;
use crate::model::Status;
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

/// An open application (`applied` or `interviewing`) that a check-in, ghosting or a thank-you note may be
/// due for; the rule reads its history (`events::for_app`) to decide.
#[derive(Debug, Clone)]
pub struct Open {
    pub id: i64,
    pub company: String,
    pub position: String,
    pub status: Status,
    pub last_event_on: NaiveDate,
}

/// Applications of one open status (`:status`: applied or interviewing) whose newest event is on `:latest`
/// or earlier. The CASE expression is the one `applications_by_quiet` is built on.
const QUIET_SQL: &str = "
    SELECT a.id, a.company, a.position, a.status, a.last_event_on
    FROM applications a INDEXED BY applications_by_quiet
    WHERE (CASE WHEN status = 'applied' OR status = 'interviewing' THEN status END) = :status
      AND a.last_event_on <= :latest";

/// Interviewing applications with an interview taking place from `:earliest` to `:latest` (an application
/// with several appears once per interview).
const INTERVIEWED_SQL: &str = "
    SELECT a.id, a.company, a.position, a.status, a.last_event_on
    FROM interviews i INDEXED BY interviews_by_day JOIN applications a ON a.id = i.app_id
    WHERE i.day BETWEEN :earliest AND :latest AND a.status = 'interviewing'";

fn open_from_row(row: &Row<'_>) -> rusqlite::Result<Open> {
    Ok(Open {
        id: row.get("id")?,
        company: row.get("company")?,
        position: row.get("position")?,
        status: row.get("status")?,
        last_event_on: codec::day(row, "last_event_on")?,
    })
}

/// Applications of `status` whose newest event is on `latest` or earlier (the ones a check-in or ghosting
/// can be due for).
pub fn quiet(conn: &Connection, status: Status, latest: NaiveDate) -> Result<Vec<Open>> {
    if !matches!(status, Status::Applied | Status::Interviewing) {
        bail!("check-ins are for applied and interviewing applications, not {status}");
    }
    let mut stmt = conn.prepare_cached(QUIET_SQL)?;
    let rows = stmt.query(named_params! { ":status": status, ":latest": format_day(latest) })?;
    codec::collect(rows, open_from_row).context("cannot read the silent applications")
}

/// Interviewing applications with an interview from `earliest` to `latest` (the ones a thank-you note can
/// be due for).
pub fn interviewed(conn: &Connection, earliest: NaiveDate, latest: NaiveDate) -> Result<Vec<Open>> {
    let mut stmt = conn.prepare_cached(INTERVIEWED_SQL)?;
    let rows = stmt.query(named_params! { ":earliest": format_day(earliest), ":latest": format_day(latest) })?;
    codec::collect(rows, open_from_row).context("cannot read the interviews")
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

    fn plan_of(store: &Store, sql: &str, params: &[(&str, &dyn rusqlite::ToSql)]) -> String {
        let mut stmt = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let plan: Vec<String> = stmt
            .query_map(params, |row| row.get("detail"))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        plan.join("\n")
    }

    /// The plans of the queries `due` runs, as they run: each kind is a range scan of an index.
    #[test]
    fn the_new_kinds_are_index_range_scans() {
        let store = Store::open_in_memory().unwrap();
        let quiet = plan_of(
            &store,
            QUIET_SQL,
            named_params! { ":status": "applied", ":latest": "2026-01-01" },
        );
        assert!(
            quiet.contains("SEARCH a USING INDEX applications_by_quiet (<expr>=? AND last_event_on<?)"),
            "{quiet}"
        );
        let mut plans = vec![quiet];
        let interviewed = plan_of(
            &store,
            INTERVIEWED_SQL,
            named_params! { ":earliest": "2026-01-01", ":latest": "2026-01-03" },
        );
        assert!(
            interviewed.contains("interviews_by_day (day>? AND day<?)"),
            "{interviewed}"
        );
        plans.push(interviewed);
        for plan in plans {
            assert!(!plan.contains("SCAN"), "no full scan:\n{plan}");
        }
    }

    #[test]
    fn the_query_uses_indexes_only() {
        let store = Store::open_in_memory().unwrap();
        let plan = plan_of(
            &store,
            SQL,
            named_params! { ":earliest": "2026-01-01", ":latest": "2026-02-01" },
        );
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
