//! The `applications` table: one function per query, its SQL beside it.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};

use super::codec;
use crate::clock::format_instant;
use crate::dates::format_day;
use crate::model::history::HistoryCache;
use crate::model::{Application, Fields, State, Status};

pub(super) const COLUMNS: &str = "id, company, position, url, location, source, salary, notes, tags, contact_name, \
     contact_email, contact_salutation, created_at, status, status_on, last_event_on";

/// Maps a row selected with `COLUMNS`; events are loaded separately.
pub(super) fn from_row(row: &Row<'_>) -> rusqlite::Result<Application> {
    let tags: String = row.get("tags")?;
    let tags: Vec<String> = serde_json::from_str(&tags)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(8, rusqlite::types::Type::Text, e.into()))?;
    Ok(Application {
        id: row.get("id")?,
        fields: Fields {
            company: row.get("company")?,
            position: row.get("position")?,
            url: row.get("url")?,
            location: row.get("location")?,
            source: row.get("source")?,
            salary: row.get("salary")?,
            notes: row.get("notes")?,
            tags,
            contact_name: row.get("contact_name")?,
            contact_email: row.get("contact_email")?,
            contact_salutation: row.get("contact_salutation")?,
        },
        created_at: codec::instant(row, "created_at")?,
        status: row.get("status")?,
        status_on: codec::day(row, "status_on")?,
        last_event_on: codec::day(row, "last_event_on")?,
        events: Vec::new(),
    })
}

fn tags_json(fields: &Fields) -> String {
    serde_json::to_string(&fields.tags).expect("a list of strings serialises")
}

/// The named parameters shared by `insert` and `update_fields`.
#[allow(clippy::ptr_arg)] // `&String` coerces to `&dyn ToSql`; `&str` cannot (str is unsized)
fn field_params<'a>(f: &'a Fields, tags: &'a String, dup_key: &'a String) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":company", &f.company),
        (":position", &f.position),
        (":url", &f.url),
        (":location", &f.location),
        (":source", &f.source),
        (":salary", &f.salary),
        (":notes", &f.notes),
        (":tags", tags),
        (":contact_name", &f.contact_name),
        (":contact_email", &f.contact_email),
        (":contact_salutation", &f.contact_salutation),
        (":dup_key", dup_key),
    ]
}

/// Inserts an application with its cached state and history cache (its events are inserted after it).
pub fn insert(
    tx: &Connection,
    fields: &Fields,
    created_at: DateTime<Utc>,
    state: State,
    cache: &HistoryCache,
) -> Result<i64> {
    let (tags, dup_key) = (tags_json(fields), fields.dup_key());
    let (created_at, status_on, last_event_on) = (
        format_instant(created_at),
        format_day(state.status_on),
        format_day(state.last_event_on),
    );
    let (applied_on, answered_on, followed_up_on) = (
        cache.applied_on.map(format_day),
        cache.answered_on.map(format_day),
        cache.followed_up_on.map(format_day),
    );
    let mut params = field_params(fields, &tags, &dup_key);
    params.extend_from_slice(&[
        (":created_at", &created_at as &dyn ToSql),
        (":status", &state.status),
        (":status_on", &status_on),
        (":last_event_on", &last_event_on),
        (":applied_on", &applied_on),
        (":answered_on", &answered_on),
        (":furthest", &cache.furthest),
        (":followed_up_on", &followed_up_on),
        (":replied", &cache.replied),
        (":dismissed", &cache.dismissed),
    ]);
    tx.prepare_cached(
        "INSERT INTO applications (company, position, url, location, source, salary, notes, tags, contact_name,
             contact_email, contact_salutation, created_at, dup_key, status, status_on, last_event_on,
             applied_on, answered_on, furthest, followed_up_on, replied, dismissed)
         VALUES (:company, :position, :url, :location, :source, :salary, :notes, :tags, :contact_name,
             :contact_email, :contact_salutation, :created_at, :dup_key, :status, :status_on, :last_event_on,
             :applied_on, :answered_on, :furthest, :followed_up_on, :replied, :dismissed)",
    )?
    .execute(params.as_slice())
    .context("cannot insert the application")
    .and_then(|n| super::changed_one(n, "adding the application"))?;
    Ok(tx.last_insert_rowid())
}

/// The application with this id (without its events), or an error naming the id.
pub fn get(conn: &Connection, id: i64) -> Result<Application> {
    let sql = format!("SELECT {COLUMNS} FROM applications WHERE id = ?1");
    let app = conn
        .prepare_cached(&sql)?
        .query_row([id], from_row)
        .optional()
        .context("cannot read the application")?;
    match app {
        Some(app) => Ok(app),
        None => bail!("no application with id {id} (see: tracker list)"),
    }
}

/// An application for the same job that is still open, if any.
pub fn find_open_duplicate(conn: &Connection, fields: &Fields) -> Result<Option<i64>> {
    conn.prepare_cached(
        "SELECT id FROM applications
         WHERE dup_key = ?1 AND status IN ('saved', 'applied', 'interviewing', 'offer')
         ORDER BY id LIMIT 1",
    )?
    .query_row([fields.dup_key()], |row| row.get(0))
    .optional()
    .context("cannot look for duplicates")
}

/// Applications, most recently changed first; `statuses` empty means all of them.
pub fn list(conn: &Connection, statuses: &[Status], limit: Option<u64>) -> Result<Vec<Application>> {
    let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let rows = if statuses.is_empty() {
        let sql = format!("SELECT {COLUMNS} FROM applications ORDER BY status_on DESC, id DESC LIMIT ?1");
        let mut stmt = conn.prepare_cached(&sql)?;
        codec::collect(stmt.query([limit])?, from_row)?
    } else {
        let statuses: Vec<&str> = statuses.iter().map(|s| s.as_str()).collect();
        let statuses = serde_json::to_string(&statuses).expect("strings serialise");
        let sql = format!(
            "SELECT {COLUMNS} FROM applications
             WHERE status IN (SELECT value FROM json_each(?1))
             ORDER BY status_on DESC, id DESC LIMIT ?2"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        codec::collect(stmt.query(params![statuses, limit])?, from_row)?
    };
    Ok(rows)
}

/// Every application, oldest id first (for export).
pub fn all(conn: &Connection) -> Result<Vec<Application>> {
    let sql = format!("SELECT {COLUMNS} FROM applications ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    Ok(codec::collect(stmt.query([])?, from_row)?)
}

pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM applications", [], |row| row.get(0))?)
}

pub fn update_fields(tx: &Connection, id: i64, fields: &Fields) -> Result<()> {
    let (tags, dup_key) = (tags_json(fields), fields.dup_key());
    let mut params = field_params(fields, &tags, &dup_key);
    params.push((":id", &id));
    tx.execute(
        "UPDATE applications SET company = :company, position = :position, url = :url, location = :location,
             source = :source, salary = :salary, notes = :notes, tags = :tags, contact_name = :contact_name,
             contact_email = :contact_email, contact_salutation = :contact_salutation, dup_key = :dup_key
         WHERE id = :id",
        params.as_slice(),
    )
    .context("cannot update the application")
    .and_then(|n| super::changed_one(n, &format!("updating application {id}")))
}

pub fn set_state(tx: &Connection, id: i64, state: State) -> Result<()> {
    tx.prepare_cached("UPDATE applications SET status = ?2, status_on = ?3, last_event_on = ?4 WHERE id = ?1")?
        .execute(params![
            id,
            state.status,
            format_day(state.status_on),
            format_day(state.last_event_on)
        ])
        .context("cannot update the application's status")
        .and_then(|n| super::changed_one(n, &format!("updating the status of application {id}")))
}

/// Deletes an application and (through the foreign key) its history, then checks that both are gone.
pub fn delete(tx: &Connection, id: i64) -> Result<()> {
    let what = format!("deleting application {id}");
    let changed = tx
        .execute("DELETE FROM applications WHERE id = ?1", [id])
        .context("cannot delete the application")?;
    super::changed_one(changed, &what)?;
    let left: i64 = tx
        .query_row(
            "SELECT (SELECT count(*) FROM applications WHERE id = ?1) + (SELECT count(*) FROM events WHERE app_id = ?1)",
            [id],
            |row| row.get(0),
        )
        .context("cannot check the deletion")?;
    if left > 0 {
        bail!(
            "{what} left {left} of its rows in place, so nothing was changed (something inside the database, such as a trigger, interfered; see: tracker check)"
        );
    }
    Ok(())
}

/// Recomputes every row's `dup_key` with today's `Fields::dup_key`. Keys stored by earlier versions kept
/// zero-width characters and direction marks, so an old row holding one is not found by the duplicate check
/// until this has run (once, from a migration). Returns how many keys changed.
pub fn recompute_dup_keys(tx: &Connection) -> Result<usize> {
    let rows: Vec<(i64, String, String, String)> = {
        let mut stmt = tx.prepare("SELECT id, company, position, dup_key FROM applications")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?;
        rows.collect::<rusqlite::Result<_>>()
            .context("cannot read the applications' keys")?
    };
    let mut changed = 0;
    for (id, company, position, old) in rows {
        let key = Fields {
            company,
            position,
            ..Fields::default()
        }
        .dup_key();
        if key != old {
            tx.execute("UPDATE applications SET dup_key = ?2 WHERE id = ?1", params![id, key])
                .context("cannot update an application's key")?;
            changed += 1;
        }
    }
    Ok(changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recompute_dup_keys_finds_old_rows_with_zero_width_characters() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrate::migrate(&mut conn).unwrap();
        // A row as an earlier version stored it: the zero-width space kept in the key.
        conn.execute(
            "INSERT INTO applications (company, position, created_at, dup_key, status, status_on, last_event_on)
             VALUES ('Ac\u{200b}me', 'Engineer', '2026-01-01T00:00:00Z', 'ac\u{200b}me\u{1f}engineer', 'applied',
                     '2026-01-01', '2026-01-01')",
            [],
        )
        .unwrap();
        let plain = Fields {
            company: "Acme".into(),
            position: "Engineer".into(),
            ..Fields::default()
        };
        assert_eq!(find_open_duplicate(&conn, &plain).unwrap(), None);
        assert_eq!(recompute_dup_keys(&conn).unwrap(), 1);
        assert_eq!(find_open_duplicate(&conn, &plain).unwrap(), Some(1));
        assert_eq!(recompute_dup_keys(&conn).unwrap(), 0);
    }
}

/// What matching mail against the applications needs of each one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub id: i64,
    pub company: String,
    pub position: String,
    pub status: Status,
    pub contact_email: Option<String>,
    /// A follow-up was recorded since the newest status change.
    pub followed_up: bool,
}

/// Every application, for matching mail (read once per scan, only when a message needs it).
pub fn summaries(conn: &Connection) -> Result<Vec<Summary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.company, a.position, a.status, a.contact_email,
                EXISTS (SELECT 1 FROM events f WHERE f.app_id = a.id AND f.kind = 'followup'
                        AND f.id > (SELECT max(s.id) FROM events s WHERE s.app_id = a.id AND s.kind = 'status'))
                  AS followed_up
         FROM applications a ORDER BY a.id",
    )?;
    let rows = stmt.query([])?;
    codec::collect(rows, |row| {
        Ok(Summary {
            id: row.get("id")?,
            company: row.get("company")?,
            position: row.get("position")?,
            status: row.get("status")?,
            contact_email: row.get("contact_email")?,
            followed_up: row.get("followed_up")?,
        })
    })
    .context("cannot read the applications")
}

/// The id of an application's first event (its creation).
pub fn first_event(conn: &Connection, id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT min(id) FROM events WHERE app_id = ?1")?
        .query_row([id], |row| row.get::<_, Option<i64>>(0))
        .context("cannot read the application's events")?
        .ok_or_else(|| anyhow::anyhow!("application {id} has no events (see: tracker check)"))
}

/// The contacts' addresses of rejected applications whose follow-up was sent: mail from them (or from their
/// domain) afterwards is likely the answer.
pub fn followed_up_contacts(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.contact_email FROM applications a
         WHERE a.status = 'rejected' AND a.contact_email IS NOT NULL
           AND EXISTS (SELECT 1 FROM events f WHERE f.app_id = a.id AND f.kind = 'followup'
                       AND f.id > (SELECT max(s.id) FROM events s WHERE s.app_id = a.id AND s.kind = 'status'))",
    )?;
    let rows = stmt.query([])?;
    codec::collect(rows, |row| row.get::<_, String>(0)).context("cannot read the contacts")
}
