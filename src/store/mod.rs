//! The SQLite store: opening, pragmas, migrations, transactions, and one module per table.

pub mod apps;
mod codec;
pub mod drafts;
pub mod due;
pub mod events;
pub mod feedback;
pub mod health;
pub mod history;
mod identity;
pub mod imap;
pub mod import;
pub mod interviews;
pub mod listing;
mod migrate;
mod open;
pub mod proposals;
pub mod stats;

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::model::{Application, Event, EventKind, Fields, State};

pub use identity::APPLICATION_ID;
pub use migrate::LATEST_VERSION;
pub use open::Access;

/// An open, migrated tracker database.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens the database at `path`, creating it when missing only for `Access::Create`; refuses files that
    /// are not tracker databases or were written by a newer tracker, without changing a byte of them.
    pub fn open(path: &Path, access: Access) -> Result<Store> {
        open::open(path, access).map(|conn| Store { conn })
    }

    /// A private database in memory (tests and `tracker demo`).
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory().context("cannot open an in-memory database")?;
        open::configure(&conn)?;
        migrate::migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Read access.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one immediate transaction: writers queue instead of failing, and an error (or a crash)
    /// leaves the database as it was.
    pub fn write<T>(&mut self, work: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("cannot start a write transaction")?;
        let value = work(&tx)?;
        tx.commit().context("cannot commit the change")?;
        Ok(value)
    }
}

/// Checks that a write changed exactly one row. Something inside the database (a trigger tracker did not
/// create) can make a statement succeed without doing its work; this turns that into an error, so the
/// transaction rolls back and nothing claims success.
fn changed_one(changed: usize, what: &str) -> Result<()> {
    if changed != 1 {
        anyhow::bail!(
            "{what} changed {changed} rows instead of 1, so nothing was changed (something inside the database, such as a trigger, interfered; see: tracker check)"
        );
    }
    Ok(())
}

/// Creates an application from its fields and its whole history (the first event is its creation).
pub fn create(
    tx: &Connection,
    fields: &Fields,
    created_at: chrono::DateTime<chrono::Utc>,
    events: &[Event],
    today: NaiveDate,
) -> Result<i64> {
    fields.validate()?;
    let state = State::replay(events, today)?;
    let cache = crate::model::history::HistoryCache::of(events);
    let id = apps::insert(tx, fields, created_at, state, &cache)?;
    for event in events {
        events::insert(tx, id, event)?;
    }
    Ok(id)
}

/// Loads an application with its events, or says there is none with that id.
pub fn load(conn: &Connection, id: i64) -> Result<Application> {
    let mut app = apps::get(conn, id)?;
    app.events = events::for_app(conn, id)?;
    Ok(app)
}

/// Appends one event to an application's history and updates its cached state; returns the event's id.
pub fn record(tx: &Connection, app: &Application, event: &Event, today: NaiveDate) -> Result<i64> {
    let current = State {
        status: app.status,
        status_on: app.status_on,
        last_event_on: app.last_event_on,
    };
    let next = State::next(Some(current), event, today)?;
    let id = events::insert(tx, app.id, event)?;
    apps::set_state(tx, app.id, next)?;
    if !matches!(event.kind, EventKind::Note | EventKind::Snooze) {
        history::refresh_history_cache(tx, app.id)?;
    }
    Ok(id)
}

/// Removes an application's newest event (never its only one) and restores the cached state from the
/// history that is left.
pub fn undo(tx: &Connection, app: &Application, today: NaiveDate) -> Result<()> {
    if app.events.len() < 2 {
        anyhow::bail!(
            "application {} has only the event that created it, which cannot be undone",
            app.id
        );
    }
    events::delete_newest(tx, app.id)?;
    let state = State::replay(&app.events[..app.events.len() - 1], today)?;
    apps::set_state(tx, app.id, state)?;
    history::refresh_history_cache(tx, app.id)
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::*;
    use crate::model::Status;
    use chrono::{TimeZone, Utc};

    pub fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    /// Adds an application with the given history of statuses.
    pub fn add(store: &mut Store, company: &str, history: &[(Status, &str)]) -> i64 {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
        let mut previous = None;
        let events: Vec<Event> = history
            .iter()
            .map(|(status, on)| {
                let event = Event::status_change(previous, *status, day(on), at);
                previous = Some(*status);
                event
            })
            .collect();
        let fields = Fields {
            company: company.into(),
            position: "Engineer".into(),
            ..Fields::default()
        };
        store
            .write(|tx| create(tx, &fields, at, &events, day("2030-01-01")))
            .unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{add, day};
    use super::*;
    use crate::model::{EventKind, Status};

    /// The plan SQLite picks for `sql`, one line per step.
    pub fn plan(conn: &Connection, sql: &str) -> String {
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt.query_map([], |row| row.get::<_, String>("detail")).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn hot_queries_use_indexes() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let cases = [
            ("SELECT * FROM applications WHERE id = 1", "USING INTEGER PRIMARY KEY"),
            (
                "SELECT * FROM events WHERE app_id = 1 ORDER BY id",
                "USING INDEX events_by_app",
            ),
            (
                "SELECT * FROM applications ORDER BY status_on DESC, id DESC LIMIT 50",
                "SCAN applications USING INDEX applications_by_status_on",
            ),
            (
                "SELECT * FROM applications WHERE status IN (SELECT value FROM json_each('[\"applied\"]'))
                 ORDER BY status_on DESC, id DESC LIMIT 50",
                "USING INDEX applications_by_status",
            ),
            (
                "SELECT id FROM applications WHERE dup_key = 'k' AND status IN ('saved', 'applied')",
                "USING INDEX applications_by_dup_key",
            ),
        ];
        for (sql, expected) in cases {
            let plan = plan(conn, sql);
            assert!(plan.contains(expected), "{sql}\n{plan}");
            assert!(!plan.lines().any(|l| l.trim() == "SCAN applications"), "{sql}\n{plan}");
        }
    }

    #[test]
    fn record_appends_and_updates_the_cache() {
        let mut store = Store::open_in_memory().unwrap();
        let id = add(
            &mut store,
            "Acme",
            &[(Status::Applied, "2026-01-01"), (Status::Interviewing, "2026-01-05")],
        );
        let app = apps::get(store.conn(), id).unwrap();
        assert_eq!((app.status, app.status_on), (Status::Interviewing, day("2026-01-05")));
        let at = app.created_at;
        let rejection = Event::status_change(Some(app.status), Status::Rejected, day("2026-01-09"), at);
        store
            .write(|tx| record(tx, &app, &rejection, day("2026-02-01")))
            .unwrap();
        let app = load(store.conn(), id).unwrap();
        assert_eq!((app.status, app.status_on), (Status::Rejected, day("2026-01-09")));
        assert_eq!(app.events.len(), 3);
        assert_eq!(app.furthest_stage(), Some(Status::Interviewing));
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let mut store = Store::open_in_memory().unwrap();
        let id = add(&mut store, "Acme", &[(Status::Applied, "2026-01-10")]);
        let app = apps::get(store.conn(), id).unwrap();
        let early = Event::new(EventKind::Note, day("2026-01-01"), app.created_at);
        let err = store
            .write(|tx| record(tx, &app, &early, day("2026-02-01")))
            .unwrap_err();
        assert!(
            err.to_string().contains("before the application's previous event"),
            "{err}"
        );
        assert_eq!(events::for_app(store.conn(), id).unwrap().len(), 1);
    }
}
