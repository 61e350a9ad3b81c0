//! Opening a database file safely: private permissions, refusal of foreign or newer files, pragmas.

use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use rusqlite::{Connection, OpenFlags};

use super::migrate::{self, LATEST_VERSION};

/// How long a command waits for another tracker process to finish writing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub fn open(path: &Path) -> Result<Connection> {
    let shown = path.display();
    if path.is_dir() {
        bail!("database path {shown} is a directory (give a file path with --db or TRACKER_DB)");
    }
    if path.exists() {
        check_header(path)?;
    } else {
        crate::private::create_file(path)?;
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).with_context(|| format!("cannot open database {shown}"))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        bail!(
            "database {shown} is read-only, and tracker needs to write to it (check the file's permissions and its folder's)"
        );
    }
    // Read before writing anything: a foreign or newer file must stay exactly as it is.
    let version = migrate::user_version(&conn)
        .map_err(|e| anyhow::anyhow!("{shown} is not a tracker database ({})", sqlite_reason(&e)))?;
    if version > LATEST_VERSION {
        bail!(
            "database {shown} was created by a newer tracker (schema version {version}, this tracker knows up to {LATEST_VERSION}); upgrade tracker"
        );
    }
    if version == 0 && has_tables(&conn)? {
        bail!("{shown} is a SQLite database of another program, not a tracker database");
    }
    configure(&conn).with_context(|| format!("cannot use database {shown}"))?;
    migrate::migrate(&mut conn).with_context(|| format!("cannot set up database {shown}"))?;
    Ok(conn)
}

/// Pragmas for every connection: WAL (readers never wait for writers), enforced foreign keys.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", true)?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    if mode != "wal" && mode != "memory" {
        bail!("cannot switch to WAL journal mode (got {mode})");
    }
    Ok(())
}

/// SQLite takes a file shorter than its header for an empty database and would write over it: refuse any
/// non-empty file that does not start with SQLite's magic string.
fn check_header(path: &Path) -> Result<()> {
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    let mut header = Vec::with_capacity(16);
    let file = std::fs::File::open(path).with_context(|| format!("cannot read database {}", path.display()))?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, 16), &mut header)
        .with_context(|| format!("cannot read database {}", path.display()))?;
    if !header.is_empty() && header != MAGIC {
        bail!("{} is not a tracker database (not a SQLite file)", path.display());
    }
    Ok(())
}

fn has_tables(conn: &Connection) -> Result<bool> {
    let count: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    Ok(count > 0)
}

fn sqlite_reason(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(_, Some(message)) => message.clone(),
        other => other.to_string(),
    }
}
