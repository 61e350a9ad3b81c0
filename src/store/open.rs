//! Opening a database file safely: private permissions, refusal of foreign or newer files, pragmas.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

use super::identity::{Found, recognise};
use super::migrate::{self, LATEST_VERSION};

/// How long a command waits for another tracker process to finish writing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What a command needs of the database; decided for every command in one place (`cmd::access`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Only reads: a missing database is an error, and nothing is created.
    Read,
    /// Changes an existing database: a missing one is an error, and nothing is created.
    Write,
    /// Adds applications: creates the database (and its folder) when missing.
    Create,
}

pub fn open(path: &Path, access: Access) -> Result<Connection> {
    let shown = path.display();
    if path.is_dir() {
        bail!("database path {shown} is a directory (give a file path with --db or TRACKER_DB)");
    }
    if path.exists() {
        check_header(path)?;
    } else if access == Access::Create {
        crate::private::create_file(path)?;
    } else {
        bail!(no_database(path));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(plain_path(path), flags)
        .with_context(|| format!("cannot open database {shown}"))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        bail!(
            "database {shown} is read-only, and tracker needs to write to it (check the file's permissions and its folder's)"
        );
    }
    // Read before writing anything: a foreign or newer file must stay exactly as it is.
    let found = recognise(&conn).map_err(|e| anyhow::anyhow!("{shown} is not a tracker database ({})", reason(&e)))?;
    match found {
        Found::Blank if access != Access::Create => bail!(no_database(path)),
        Found::Blank | Found::Ours(_) | Found::Adoptable => {}
        Found::Newer(version) => bail!(
            "database {shown} was created by a newer tracker (schema version {version}, this tracker knows up to {LATEST_VERSION}); upgrade tracker"
        ),
        Found::Foreign(why) => bail!("{shown} is not a tracker database ({why})"),
    }
    configure(&conn).with_context(|| format!("cannot use database {shown}"))?;
    migrate::migrate(&mut conn).with_context(|| format!("cannot set up database {shown}"))?;
    Ok(conn)
}

/// A command that does not create a database found none: say how to start one.
fn no_database(path: &Path) -> String {
    format!(
        "no database at {} yet (add an application with: tracker add COMPANY POSITION, or point --db or TRACKER_DB at your database)",
        path.display()
    )
}

/// A path SQLite cannot take for a URI: this SQLite reads names beginning `file:` as URIs whatever the
/// open flags say (`file:x.db?mode=memory` would lose every write), so a relative path gets a `./` in front.
pub(super) fn plain_path(path: &Path) -> std::borrow::Cow<'_, Path> {
    if path.is_absolute() {
        path.into()
    } else {
        Path::new(".").join(path).into()
    }
}

/// Pragmas for every connection: WAL (readers never wait for writers), enforced foreign keys, and plans that
/// do not depend on bound values (the query planner stability guarantee): without it SQLite may prepare a
/// statement again for a new bound value that could change its plan (it did for every history `due`
/// read). tracker has no statistics tables and no LIKE, so no plan is lost.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if mode != "wal" && mode != "memory" {
        bail!("cannot switch to WAL journal mode (got {mode})");
    }
    Ok(())
}

/// Refuses, before SQLite sees it, a non-empty file that is not a SQLite database (SQLite would take a file
/// shorter than its header for an empty database and write over it), and a database cut short (say by an
/// interrupted copy): without a WAL or journal beside it, the file must hold every page its header counts.
fn check_header(path: &Path) -> Result<()> {
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    let shown = path.display();
    let mut header = Vec::with_capacity(100);
    let file = std::fs::File::open(path).with_context(|| format!("cannot read database {shown}"))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or_default();
    std::io::Read::read_to_end(&mut std::io::Read::take(file, 100), &mut header)
        .with_context(|| format!("cannot read database {shown}"))?;
    if header.is_empty() {
        return Ok(());
    }
    if !header.starts_with(MAGIC) {
        bail!("{shown} is not a tracker database (not a SQLite file)");
    }
    if header.len() < 100 {
        bail!("{shown} is not a tracker database (too short for a SQLite file)");
    }
    if let Some(expected) = expected_size(&header).filter(|_| !has_companion(path))
        && len < expected
    {
        bail!(
            "database {shown} is damaged: it holds {len} bytes but its header counts {expected} (was it cut short?); restore a backup"
        );
    }
    Ok(())
}

/// The size the header promises, when the header is whole and its page count is current.
fn expected_size(header: &[u8]) -> Option<u64> {
    let word = |at: usize| {
        header
            .get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let (change_counter, pages, valid_for) = (word(24)?, word(28)?, word(92)?);
    (pages > 0 && change_counter == valid_for).then(|| page_size * u64::from(pages))
}

/// A WAL or rollback journal beside the file may hold pages the file does not have yet.
fn has_companion(path: &Path) -> bool {
    ["-wal", "-journal"].iter().any(|suffix| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        std::fs::metadata(Path::new(&name)).is_ok_and(|m| m.len() > 0)
    })
}

fn reason(error: &anyhow::Error) -> String {
    match error.downcast_ref::<rusqlite::Error>() {
        Some(rusqlite::Error::SqliteFailure(_, Some(message))) => message.clone(),
        _ => error.to_string(),
    }
}
