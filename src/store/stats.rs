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
    // Read by position and parsed without allocating: at 100,000 rows, looking columns up by name and
    // formatted date parsing were most of the time.
    codec::collect(rows, |row| {
        let text = |i: usize| row.get_ref(i).and_then(|v| Ok(v.as_str_or_null()?));
        let day = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
            match text(i)? {
                None => Ok(None),
                Some(t) => t.parse().map(Some).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
                }),
            }
        };
        let required = |i: usize| {
            day(i)?.ok_or(rusqlite::Error::InvalidColumnType(
                i,
                "day".into(),
                rusqlite::types::Type::Null,
            ))
        };
        let tags = match text(2)? {
            None | Some("[]") => Vec::new(),
            Some(json) => serde_json::from_str(json).unwrap_or_default(),
        };
        let furthest: Option<Status> = row.get(6)?;
        Ok(Facts {
            id: row.get(0)?,
            source: row.get(1)?,
            tags,
            applied_on: required(3)?,
            status: row.get(4)?,
            status_on: required(5)?,
            furthest: furthest.filter(|s| s.is_sent()).unwrap_or(Status::Applied),
            answered_on: day(7)?,
            followed_up_on: day(8)?,
            replied: row.get(9)?,
            dismissed: row.get(10)?,
        })
    })
    .context("cannot read the applications' histories")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::history::HistoryCache;
    use crate::model::{Event, EventKind};
    use crate::store::test_support::{add, day};
    use crate::store::{Store, history, load, record};
    use proptest::prelude::*;

    /// An event of a random history: a status (by index) or one of the other kinds.
    fn event(choice: usize, on: NaiveDate, previous: Status) -> Event {
        let at = chrono::DateTime::UNIX_EPOCH;
        match choice {
            0..=7 => Event::status_change(Some(previous), Status::ALL[choice], on, at),
            8 => Event::new(EventKind::Followup, on, at),
            9 => Event::new(EventKind::Reply, on, at),
            10 => Event::new(EventKind::Dismiss, on, at),
            _ => Event::new(EventKind::Note, on, at),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The cache the SQL recomputes after each event (`record`) agrees with the one computed in Rust from
        /// the whole history (`create`, import), and `stats` reads it back.
        #[test]
        fn the_cache_in_sql_agrees_with_the_model(first in 0..8usize, steps in prop::collection::vec((0..12usize, 0..3u64), 0..8)) {
            let mut store = Store::open_in_memory().unwrap();
            let start = day("2026-01-01");
            let id = add(&mut store, "Acme", &[(Status::ALL[first], "2026-01-01")]);
            let mut on = start;
            for (choice, gap) in steps {
                let app = load(store.conn(), id).unwrap();
                on = on + chrono::Days::new(gap);
                let event = event(choice, on, app.status);
                if event.status == Some(app.status) {
                    continue;
                }
                store.write(|tx| record(tx, &app, &event, day("2030-01-01"))).unwrap();
            }
            let app = load(store.conn(), id).unwrap();
            let expected = HistoryCache::of(&app.events);
            prop_assert_eq!(history::history_cache(store.conn(), id).unwrap(), expected.clone());
            let facts = facts(store.conn(), None, None).unwrap();
            prop_assert_eq!(facts.len(), usize::from(expected.applied_on.is_some()));
            if let Some(f) = facts.first() {
                prop_assert_eq!(Some(f.applied_on), expected.applied_on);
                prop_assert_eq!(f.answered_on, expected.answered_on);
                prop_assert_eq!(f.followed_up_on, expected.followed_up_on);
                prop_assert_eq!((f.replied, f.dismissed), (expected.replied, expected.dismissed));
            }
        }
    }
}
