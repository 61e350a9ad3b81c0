//! What `tracker stats` reads: one row of facts per application that was sent, from the history.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, named_params};

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

/// The statement: the applications sent between `:since` and `:until`, with the history cache the store keeps
/// on each (one pass over the table, no events read). Without a range the table is read in order rather
/// than through the applied-day index, which would cost a lookup per row.
pub fn sql(ranged: bool) -> String {
    let applied = if ranged { "applied_on" } else { "+applied_on" };
    format!(
        "SELECT id, source, tags, applied_on, status, status_on, furthest, answered_on, followed_up_on, replied,
                dismissed
         FROM applications
         WHERE {applied} IS NOT NULL AND {applied} >= :since AND {applied} <= :until"
    )
}

/// The facts of every application sent between `since` and `until` (inclusive).
pub fn facts(conn: &Connection, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<Vec<Facts>> {
    let ranged = since.is_some() || until.is_some();
    let since = since.map_or_else(|| "0000-01-01".to_owned(), format_day);
    let until = until.map_or_else(|| "9999-12-31".to_owned(), format_day);
    let mut stmt = conn.prepare_cached(&sql(ranged))?;
    let rows = stmt.query(named_params! {":since": since, ":until": until})?;
    codec::collect(rows, |row| {
        let tags: String = row.get("tags")?;
        let furthest: Option<Status> = row.get("furthest")?;
        Ok(Facts {
            id: row.get("id")?,
            source: row.get("source")?,
            tags: serde_json::from_str(&tags).unwrap_or_default(),
            applied_on: codec::day(row, "applied_on")?,
            status: row.get("status")?,
            status_on: codec::day(row, "status_on")?,
            furthest: furthest.filter(|s| s.is_sent()).unwrap_or(Status::Applied),
            answered_on: codec::opt_day(row, "answered_on")?,
            followed_up_on: codec::opt_day(row, "followed_up_on")?,
            replied: row.get("replied")?,
            dismissed: row.get("dismissed")?,
        })
    })
    .context("cannot read the applications' histories")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::furthest_stage;
    use crate::store::test_support::add;
    use crate::store::{Store, load};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The cache the SQL keeps agrees with the rules in Rust (`Status::is_sent`, `is_answer`, `stage`)
        /// on random histories.
        #[test]
        fn the_cache_agrees_with_the_model(history in prop::collection::vec((0..8usize, 0..3u64), 1..6)) {
            let mut store = Store::open_in_memory().unwrap();
            let mut on = crate::store::test_support::day("2026-01-01");
            let mut steps = Vec::new();
            let mut previous = None;
            for (status, gap) in history {
                let status = Status::ALL[status];
                if previous == Some(status) {
                    continue;
                }
                on = on + chrono::Days::new(gap);
                steps.push((status, crate::dates::format_day(on)));
                previous = Some(status);
            }
            let steps: Vec<(Status, &str)> = steps.iter().map(|(s, d)| (*s, d.as_str())).collect();
            let id = add(&mut store, "Acme", &steps);
            let app = load(store.conn(), id).unwrap();
            let first = |pred: fn(Status) -> bool| {
                app.events.iter().find(|e| e.status.is_some_and(pred)).map(|e| e.on)
            };
            let facts = facts(store.conn(), None, None).unwrap();
            match first(Status::is_sent) {
                None => prop_assert!(facts.is_empty()),
                Some(applied) => {
                    prop_assert_eq!(facts.len(), 1);
                    let f = &facts[0];
                    prop_assert_eq!(f.applied_on, applied);
                    prop_assert_eq!(f.answered_on, first(Status::is_answer));
                    let furthest = furthest_stage(&app.events).filter(|s| s.is_sent()).unwrap_or(Status::Applied);
                    prop_assert_eq!(f.furthest, furthest);
                }
            }
        }
    }
}
