//! Bringing applications in from other places and taking them out: tracker's JSON and CSV, LinkedIn's data
//! archive, JobSync, Simplify, and any spreadsheet; the formula-safe CSV export.

pub mod columns;
pub mod csv_out;
mod dates;
mod decode;
pub mod history;
pub mod ics;
mod json_in;
mod read;
mod status;
pub mod vdir;

use std::collections::HashMap;
use std::fmt;

use anyhow::{Result, bail};
use chrono::NaiveDate;

pub use columns::Kind;
pub use dates::Rule;

use crate::clock::Clock;
use crate::json::Incoming;
use crate::output::inert;

/// Where an application was in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A spreadsheet row as the spreadsheet numbers it (the header is row 1).
    Row(usize),
    /// An element of a JSON array, counted from 0.
    Element(usize),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Row(n) => write!(f, "row {n}"),
            Place::Element(n) => write!(f, "element {n}"),
        }
    }
}

/// One application read from a file.
pub struct Row {
    pub number: usize,
    pub incoming: Incoming,
}

/// A file read.
pub struct File {
    pub name: String,
    pub format: &'static str,
    pub encoding: &'static str,
    /// The separator of a spreadsheet.
    pub separator: Option<char>,
    pub json: bool,
    pub rows: Vec<Row>,
    /// Columns kept in the notes because nothing names them.
    pub unrecognised: Vec<String>,
}

impl File {
    pub fn place(&self, row: &Row) -> Place {
        if self.json {
            Place::Element(row.number)
        } else {
            Place::Row(row.number)
        }
    }
}

/// What the user asked for.
pub struct Request<'a> {
    /// `None`: recognise; `Some(None)`: JSON; `Some(Some(kind))`: a spreadsheet of that kind.
    pub format: Option<Option<Kind>>,
    pub map: &'a [(String, String, columns::Role)],
    pub rule: &'a Rule,
    pub clock: Clock,
}

/// Reads one file; an error names the file and the row.
pub fn read_file(name: &str, bytes: &[u8], request: &Request<'_>) -> Result<File> {
    let shown = inert(name).into_owned();
    if bytes.starts_with(b"PK\x03\x04") {
        bail!(
            "cannot import {shown}: it is a workbook (.xlsx or .ods), not CSV (save it as CSV UTF-8 from the spreadsheet, then import that)"
        );
    }
    let decoded = decode::decode(bytes).map_err(|e| e.context(format!("cannot import {shown}")))?;
    let json = match request.format {
        Some(format) => format.is_none(),
        None => decoded.text.trim_start().starts_with(['[', '{']),
    };
    if json {
        let rows =
            json_in::read(&decoded.text, request.clock).map_err(|e| anyhow::anyhow!("cannot import {shown}: {e:#}"))?;
        return Ok(File {
            name: shown,
            format: "json",
            encoding: decoded.encoding,
            separator: None,
            json: true,
            rows,
            unrecognised: Vec::new(),
        });
    }
    let options = read::Options {
        kind: request.format.flatten(),
        map: request.map,
        rule: request.rule,
        clock: request.clock,
    };
    let sheet = read::sheet(&decoded.text, &options).map_err(|e| anyhow::anyhow!("cannot import {shown}: {e:#}"))?;
    Ok(File {
        name: shown,
        format: sheet.kind.name(),
        encoding: decoded.encoding,
        separator: Some(char::from(sheet.separator)),
        json: false,
        rows: sheet.rows,
        unrecognised: sheet.unrecognised,
    })
}

/// An application already in the database, or earlier in the same import.
pub struct Duplicate {
    pub file: usize,
    pub row: usize,
    pub day: NaiveDate,
    /// The application in the database it repeats (`None`: an earlier row of this import).
    pub existing: Option<i64>,
}

/// What to do with duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDuplicate {
    Skip,
    Add,
    Fail,
}

/// The rows to import, as (file, row) indexes, and the duplicates found.
pub struct Plan {
    pub add: Vec<(usize, usize)>,
    pub duplicates: Vec<Duplicate>,
}

/// Finds duplicates: the same company and position (as `add` compares them) and the same applied day as an
/// application in the database (`existing`: key → id) or an earlier row.
pub fn plan(
    files: &[File],
    existing: Vec<(i64, String, Option<NaiveDate>)>,
    on_duplicate: OnDuplicate,
) -> Result<Plan> {
    let mut known: HashMap<(String, NaiveDate), Option<i64>> = HashMap::with_capacity(existing.len());
    for (id, key, day) in existing {
        if let Some(day) = day {
            known.entry((key, day)).or_insert(Some(id));
        }
    }
    let mut plan = Plan {
        add: Vec::new(),
        duplicates: Vec::new(),
    };
    for (f, file) in files.iter().enumerate() {
        for (r, row) in file.rows.iter().enumerate() {
            let Some(day) = history::key_day(&row.incoming.events) else {
                plan.add.push((f, r));
                continue;
            };
            let key = (row.incoming.fields.dup_key(), day);
            match known.get(&key) {
                Some(existing) if on_duplicate != OnDuplicate::Add => {
                    let fields = &row.incoming.fields;
                    if on_duplicate == OnDuplicate::Fail {
                        let what = match existing {
                            Some(id) => format!("is already in the database as application {id}"),
                            None => "appears twice in this import".to_owned(),
                        };
                        bail!(
                            "cannot import {}: {}: {} at {} applied {day} {what} (use --on-duplicate skip or add)",
                            file.name,
                            file.place(row),
                            inert(fields.position.trim()),
                            inert(fields.company.trim()),
                        );
                    }
                    plan.duplicates.push(Duplicate {
                        file: f,
                        row: r,
                        day,
                        existing: *existing,
                    });
                }
                _ => {
                    known.entry(key).or_insert(None);
                    plan.add.push((f, r));
                }
            }
        }
    }
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn request_read(bytes: &[u8], format: Option<Option<Kind>>) -> Result<File> {
        let rule = Rule::Auto(None);
        let request = Request {
            format,
            map: &[],
            rule: &rule,
            clock: Clock::parse("2026-11-27").unwrap(),
        };
        read_file("x.csv", bytes, &request)
    }

    proptest! {
        /// Any bytes give applications or an error, never a panic.
        #[test]
        fn any_bytes_are_read_or_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = request_read(&bytes, None);
            let _ = request_read(&bytes, Some(Some(Kind::Spreadsheet)));
        }

        /// Spreadsheet-like text with quotes, separators, dates and statuses never panics either.
        #[test]
        fn any_sheet_is_read_or_refused(
            cells in proptest::collection::vec("[A-Za-z0-9 ,;\t\"\n./:'=+-]{0,12}", 0..40),
        ) {
            let text = format!("Company,Position,Date,Status,Status Date\n{}", cells.join(","));
            let _ = request_read(text.as_bytes(), None);
        }
    }

    #[test]
    fn a_workbook_is_refused_with_the_fix() {
        let err = request_read(b"PK\x03\x04rest", None).err().unwrap().to_string();
        assert!(err.contains("save it as CSV UTF-8"), "{err}");
    }
}
