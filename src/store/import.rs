//! What `import` needs to know of the applications already stored.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::Connection;

use super::codec;
use crate::model::{EventKind, Status};

/// Each application's id, duplicate key and the day it was sent (its first status event that is not
/// `saved`), or for one never sent, its first event's day: the same day `interop::history::key_day` gives.
pub fn keys(conn: &Connection) -> Result<Vec<(i64, String, Option<NaiveDate>)>> {
    let mut statement = conn.prepare(&keys_sql())?;
    let rows = statement.query([])?;
    codec::collect(rows, |row| {
        Ok((row.get("id")?, row.get("dup_key")?, codec::opt_day(row, "day")?))
    })
    .context("cannot read the stored applications")
}

/// Every application is read (once); each one's events through `events_by_app`.
fn keys_sql() -> String {
    format!(
        "SELECT a.id, a.dup_key,
             COALESCE(
                 (SELECT MIN(e.on_date) FROM events e
                  WHERE e.app_id = a.id AND e.kind = '{status}' AND e.status <> '{saved}'),
                 (SELECT MIN(e.on_date) FROM events e WHERE e.app_id = a.id)) AS day
         FROM applications a",
        status = EventKind::Status.as_str(),
        saved = Status::Saved.as_str(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::test_support::{add, day};
    use crate::store::tests::plan;

    #[test]
    fn the_events_are_read_through_their_index() {
        let store = Store::open_in_memory().unwrap();
        let plan = plan(store.conn(), &keys_sql());
        let through_index = plan.lines().filter(|l| l.contains("INDEX events_by_app")).count();
        assert_eq!(through_index, 2, "{plan}");
        assert!(!plan.lines().any(|l| l.trim() == "SCAN e"), "{plan}");
    }

    #[test]
    fn the_key_day_is_the_first_status_other_than_saved() {
        let mut store = Store::open_in_memory().unwrap();
        let history = [
            (Status::Saved, "2026-01-01"),
            (Status::Applied, "2026-01-05"),
            (Status::Rejected, "2026-02-01"),
        ];
        let a = add(&mut store, "Acme", &history);
        let b = add(&mut store, "Globex", &[(Status::Saved, "2026-01-02")]);
        let keys = keys(store.conn()).unwrap();
        let day_of = |id| keys.iter().find(|(i, _, _)| *i == id).unwrap().2;
        assert_eq!(day_of(a), Some(day("2026-01-05")));
        assert_eq!(
            day_of(b),
            Some(day("2026-01-02")),
            "never applied: the day it was noted"
        );
    }

    proptest::proptest! {
        /// The SQL and `interop::history::key_day` agree on random histories.
        #[test]
        fn the_sql_and_the_rule_agree(histories in proptest::collection::vec(
            proptest::collection::vec((0usize..8, 0u64..40), 1..6), 1..8)) {
            let mut store = Store::open_in_memory().unwrap();
            let start = day("2026-01-01");
            for (n, history) in histories.iter().enumerate() {
                let mut on = start;
                let steps: Vec<(Status, String)> = history
                    .iter()
                    .map(|(status, gap)| {
                        on = on.checked_add_days(chrono::Days::new(*gap)).unwrap();
                        (Status::ALL[*status], on.to_string())
                    })
                    .collect();
                let steps: Vec<(Status, &str)> = steps.iter().map(|(s, d)| (*s, d.as_str())).collect();
                add(&mut store, &format!("Company {n}"), &steps);
            }
            for (id, _, day) in keys(store.conn()).unwrap() {
                let app = crate::store::load(store.conn(), id).unwrap();
                proptest::prop_assert_eq!(day, crate::interop::history::key_day(&app.events));
            }
        }
    }
}
