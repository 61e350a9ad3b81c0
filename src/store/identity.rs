//! Recognising tracker's own databases: the `application_id` set when tracker creates one, and the schema its
//! migrations create. Every check here only reads, so a file that is not ours is left exactly as it was.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use rusqlite::Connection;

use super::migrate::{self, LATEST_VERSION};

/// tracker's `PRAGMA application_id`: the ASCII letters "TRKR" as a big-endian 32-bit number.
pub const APPLICATION_ID: i32 = 0x5452_4B52;

/// The last schema version that tracker wrote without an application id: such databases are checked and then
/// adopted (given the id) once.
const ADOPTABLE_VERSION: i64 = 1;

/// What a database file turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A new, empty database (no schema objects, version 0): tracker may create its schema in it.
    Blank,
    /// A tracker database at this schema version (at most `LATEST_VERSION`).
    Ours(i64),
    /// A tracker database from before application ids, checked: migrating gives it the id.
    Adoptable,
    /// Written by a newer tracker.
    Newer(i64),
    /// Anything else, and why.
    Foreign(String),
}

pub fn application_id(conn: &Connection) -> rusqlite::Result<i32> {
    conn.pragma_query_value(None, "application_id", |row| row.get(0))
}

/// Reads the id, the version and the schema, and says what the database is. Reads only, in one read
/// transaction: another tracker creating the schema meanwhile is seen wholly or not at all.
pub fn recognise(conn: &Connection) -> Result<Found> {
    let read = conn.unchecked_transaction()?;
    let id = application_id(&read)?;
    let version = migrate::user_version(&read)?;
    let count: i64 = read.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    Ok(match (id, version) {
        (0, 0) if count == 0 => Found::Blank,
        (0, 0) => Found::Foreign("it holds tables of another program".into()),
        (0, _) if count == 0 => Found::Foreign(format!("it is empty but marked with schema version {version}")),
        (0, ADOPTABLE_VERSION) => match missing_columns(&read, version)? {
            None => Found::Adoptable,
            Some(missing) => Found::Foreign(format!("it has no {missing}")),
        },
        (0, _) => Found::Foreign(format!("its schema version {version} is not one tracker wrote")),
        (APPLICATION_ID, v) if v > LATEST_VERSION => Found::Newer(v),
        (APPLICATION_ID, v) if v < 1 => Found::Foreign(format!(
            "it is marked as a tracker database but its schema version is {v}"
        )),
        (APPLICATION_ID, v) => match missing_columns(&read, v)? {
            None => Found::Ours(v),
            Some(missing) => Found::Foreign(format!("it is marked as a tracker database but has no {missing}")),
        },
        (other, _) => Found::Foreign(format!("its application id is {other:#010x}, not tracker's")),
    })
}

/// The tables and columns migrations 1 to `LATEST_VERSION` create. A copy, so that opening a current database
/// (every command) needs no in-memory build of the schema; `the_latest_tables_are_what_the_migrations_make`
/// checks it against the migrations themselves.
const LATEST_TABLES: &[(&str, &[&str])] = &[
    ("application_tags", &["tag", "app_id"]),
    (
        "applications",
        &[
            "id",
            "company",
            "position",
            "url",
            "location",
            "source",
            "salary",
            "notes",
            "tags",
            "contact_name",
            "contact_email",
            "contact_salutation",
            "created_at",
            "dup_key",
            "status",
            "status_on",
            "last_event_on",
            "applied_on",
            "answered_on",
            "furthest",
            "followed_up_on",
            "replied",
            "dismissed",
        ],
    ),
    (
        "applications_search",
        &["company", "position", "notes", "contact_name", "location"],
    ),
    ("applications_search_config", &["k", "v"]),
    ("applications_search_data", &["id", "block"]),
    ("applications_search_docsize", &["id", "sz"]),
    ("applications_search_idx", &["segid", "term", "pgno"]),
    ("daily_notices", &["name", "on_date"]),
    (
        "drafts",
        &["id", "app_id", "status_event", "kind", "printed_at", "message_id"],
    ),
    ("edited_drafts", &["draft_id", "subject", "body"]),
    (
        "events",
        &[
            "id",
            "app_id",
            "kind",
            "on_date",
            "from_status",
            "status",
            "note",
            "until_date",
            "template",
            "recorded_at",
            "proposal_id",
        ],
    ),
    ("followup_kinds", &["event_id", "kind"]),
    (
        "imap_folders",
        &["account", "folder", "uidvalidity", "highest_uid", "scanned_at"],
    ),
    ("interviews", &["event_id", "app_id", "day", "at", "with_names"]),
    ("messages", &["key", "seen_at"]),
    ("notifications", &["app_id", "on_date"]),
    (
        "proposals",
        &[
            "id",
            "message_key",
            "state",
            "kind",
            "app_id",
            "candidates",
            "company",
            "position",
            "url",
            "on_date",
            "sender",
            "subject",
            "message_id",
            "confidence",
            "evidence",
            "source",
            "detail",
            "created_at",
            "decided_at",
        ],
    ),
];

/// The first table or column that migrations 1 to `version` create and the database lacks, named for a
/// message: "table events" or "column applications.status".
fn missing_columns(conn: &Connection, version: i64) -> Result<Option<String>> {
    if version == LATEST_VERSION {
        return missing_latest(conn);
    }
    let expected = expected_schema(version)?;
    for (table, columns) in tables(&expected)? {
        let Some(have) = columns_of(conn, &table)? else {
            return Ok(Some(format!("table {table}")));
        };
        if let Some(column) = columns.iter().find(|c| !have.contains(c)) {
            return Ok(Some(format!("column {table}.{column}")));
        }
    }
    Ok(None)
}

/// Like `missing_columns` for a database at the latest version, from one query and the copy above.
fn missing_latest(conn: &Connection) -> Result<Option<String>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite%'",
    )?;
    let have: std::collections::HashSet<(String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (table, columns) in LATEST_TABLES {
        if !have.iter().any(|(t, _)| t == table) {
            return Ok(Some(format!("table {table}")));
        }
        if let Some(column) = columns
            .iter()
            .find(|c| !have.contains(&((*table).to_owned(), (**c).to_owned())))
        {
            return Ok(Some(format!("column {table}.{column}")));
        }
    }
    Ok(None)
}

/// A private in-memory database with migrations 1 to `version` applied: the schema tracker itself makes,
/// never a hand-written copy of it.
pub fn expected_schema(version: i64) -> Result<Connection> {
    let conn = Connection::open_in_memory().context("cannot open an in-memory database")?;
    let count = usize::try_from(version).unwrap_or_default();
    for migration in migrate::MIGRATIONS.iter().take(count) {
        conn.execute_batch(migration.sql)?;
    }
    Ok(conn)
}

/// Every table with its columns.
fn tables(conn: &Connection) -> Result<Vec<(String, Vec<String>)>> {
    let mut stmt =
        conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name")?;
    let names: Vec<String> = stmt.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .map(|name| {
            let columns = columns_of(conn, &name)?.unwrap_or_default();
            Ok((name, columns))
        })
        .collect()
}

/// A table's columns, or `None` when there is no such table.
fn columns_of(conn: &Connection, table: &str) -> Result<Option<Vec<String>>> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
        [table],
        |row| row.get(0),
    )?;
    if !exists {
        return Ok(None);
    }
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
    let columns = stmt
        .query_map([table], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(columns))
}

/// Tables, indexes, views and triggers as (type, name) → SQL text; SQLite's own statistics tables (made by
/// `ANALYZE` or `PRAGMA optimize`) are left out.
fn objects(conn: &Connection) -> Result<BTreeMap<(String, String), Option<String>>> {
    let mut stmt =
        conn.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\'")?;
    let rows = stmt.query_map([], |row| Ok(((row.get(0)?, row.get(1)?), row.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Schema objects that differ from what tracker's migrations create at the database's version: added (a
/// trigger, view, index or table tracker did not create), missing, or changed.
pub fn schema_problems(conn: &Connection) -> Result<Vec<String>> {
    let version = migrate::user_version(conn)?;
    let expected = objects(&expected_schema(version)?)?;
    let actual = objects(conn)?;
    let mut problems = Vec::new();
    for ((kind, name), sql) in &actual {
        match expected.get(&(kind.clone(), name.clone())) {
            None => problems.push(format!("{kind} {name} was not created by tracker")),
            Some(want) if want != sql => problems.push(format!("{kind} {name} differs from the one tracker created")),
            Some(_) => {}
        }
    }
    for (kind, name) in expected.keys() {
        if !actual.contains_key(&(kind.clone(), name.clone())) {
            problems.push(format!("{kind} {name} is missing"));
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_tables_are_what_the_migrations_make() {
        let made = tables(&expected_schema(LATEST_VERSION).unwrap()).unwrap();
        let copy: Vec<(String, Vec<String>)> = LATEST_TABLES
            .iter()
            .map(|(t, cs)| ((*t).to_owned(), cs.iter().map(|c| (*c).to_owned()).collect()))
            .collect();
        assert_eq!(copy, made, "update LATEST_TABLES after a migration");
    }

    #[test]
    fn a_latest_database_missing_a_column_is_named() {
        let conn = migrated();
        assert_eq!(missing_latest(&conn).unwrap(), None);
        conn.execute_batch("DROP TABLE edited_drafts").unwrap();
        assert_eq!(missing_latest(&conn).unwrap().as_deref(), Some("table edited_drafts"));
    }

    fn migrated() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate::migrate(&mut conn).unwrap();
        conn
    }

    #[test]
    fn a_new_database_is_blank_then_ours() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(recognise(&conn).unwrap(), Found::Blank);
        migrate::migrate(&mut conn).unwrap();
        assert_eq!(application_id(&conn).unwrap(), APPLICATION_ID);
        assert_eq!(recognise(&conn).unwrap(), Found::Ours(LATEST_VERSION));
        assert!(schema_problems(&conn).unwrap().is_empty());
    }

    #[test]
    fn what_is_not_ours_is_named() {
        let ours = format!("PRAGMA application_id = {APPLICATION_ID}");
        let marked = format!("CREATE TABLE applications (id); {ours}; PRAGMA user_version = 1");
        let cases: [(&str, &str); 6] = [
            (
                "PRAGMA user_version = 1",
                "it is empty but marked with schema version 1",
            ),
            (
                "CREATE TABLE t (x); PRAGMA user_version = 1",
                "it has no table applications",
            ),
            (
                "CREATE TABLE t (x); PRAGMA user_version = -3",
                "its schema version -3 is not one tracker wrote",
            ),
            ("CREATE TABLE t (x)", "it holds tables of another program"),
            (
                &marked,
                "it is marked as a tracker database but has no column applications.company",
            ),
            (
                "PRAGMA application_id = 7",
                "its application id is 0x00000007, not tracker's",
            ),
        ];
        for (sql, why) in cases {
            let conn = Connection::open_in_memory().unwrap();
            conn.execute_batch(sql).unwrap();
            assert_eq!(recognise(&conn).unwrap(), Found::Foreign(why.into()), "{sql}");
        }
    }

    #[test]
    fn a_database_from_before_application_ids_is_adoptable() {
        let conn = migrated();
        conn.pragma_update(None, "application_id", 0).unwrap();
        conn.pragma_update(None, "user_version", ADOPTABLE_VERSION).unwrap();
        assert_eq!(recognise(&conn).unwrap(), Found::Adoptable);
    }

    #[test]
    fn schema_changes_are_reported() {
        let conn = migrated();
        conn.execute_batch(
            "CREATE TRIGGER keep BEFORE DELETE ON applications BEGIN SELECT RAISE(IGNORE); END;
             CREATE VIEW v AS SELECT 1;
             DROP INDEX applications_by_dup_key;
             CREATE INDEX applications_by_dup_key ON applications (company);
             DROP INDEX events_by_app;
             CREATE TABLE extra (x);",
        )
        .unwrap();
        assert_eq!(
            schema_problems(&conn).unwrap(),
            [
                "index applications_by_dup_key differs from the one tracker created",
                "table extra was not created by tracker",
                "trigger keep was not created by tracker",
                "view v was not created by tracker",
                "index events_by_app is missing",
            ]
        );
    }
}
