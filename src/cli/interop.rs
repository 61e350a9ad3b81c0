//! `import` and `export`: the formats tracker reads and writes.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::JsonFlag;

#[derive(Debug, Args)]
pub struct Export {
    /// What to write: json (everything, with the history), csv (one row per application, for spreadsheets),
    /// ics (the follow-ups due or coming, for calendars)
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Write to this file instead of stdout (private to you: mode 0600)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Every application with its events, as tracker imports it back
    Json,
    /// One row per application; UTF-8 with BOM, safe to open in a spreadsheet
    Csv,
    /// An iCalendar file of the follow-ups due or coming: an all-day event and a to-do each
    Ics,
}

#[derive(Debug, Args)]
pub struct Calendar {
    /// The vdir folder to keep in sync (one .ics file per item; read by khal, todoman, vdirsyncer)
    #[arg(long, value_name = "DIR")]
    pub vdir: PathBuf,
}

#[derive(Debug, Args)]
pub struct Import {
    /// Files to read (- for stdin): tracker's JSON or CSV, LinkedIn's archive, JobSync, Simplify, or any
    /// spreadsheet saved as CSV
    #[arg(required = true, num_args = 1.., value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The files' format (auto: recognised from the content and the header row)
    #[arg(long, value_enum, default_value_t = ImportFormat::Auto)]
    pub format: ImportFormat,
    /// Name columns tracker does not recognise, e.g. 'Firm=company,When=applied_on,Stage=status'
    /// (fields: company, position, status, applied_on, status_on, location, url, source, salary, notes,
    /// tags, contact_name, contact_email, ignore)
    #[arg(long, value_name = "SPEC")]
    pub map: Option<String>,
    /// How the dates are written, in strftime form, e.g. '%d/%m/%Y' (needed when 03/04/2026 could be
    /// either day/month or month/day)
    #[arg(long, value_name = "FMT")]
    pub date_format: Option<String>,
    /// What to do with an application already in the database (same company, position and applied day)
    #[arg(long, value_enum, default_value_t = OnDuplicate::Skip, value_name = "WHAT")]
    pub on_duplicate: OnDuplicate,
    /// Show what would be imported, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub json: JsonFlag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Recognise the format from the content and the header row
    Auto,
    /// tracker's own JSON export
    Json,
    /// Any spreadsheet saved as CSV (tracker's own CSV export included)
    Csv,
    /// LinkedIn's data archive: Jobs/Job Applications.csv or Jobs/Saved Jobs.csv
    Linkedin,
    /// JobSync's export
    Jobsync,
    /// Simplify's export
    Simplify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnDuplicate {
    /// Leave duplicates out and say so
    Skip,
    /// Import them anyway
    Add,
    /// Stop before writing anything
    Fail,
}
