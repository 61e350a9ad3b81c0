//! A spreadsheet to applications: decoded, split, each column given its role, each row checked. An error
//! names the row as a spreadsheet shows it (the header is row 1), the column and the value.

use anyhow::{Result, anyhow, bail};

use super::columns::{self, Field, Kind, Role};
use super::dates::{self, AmbiguityProof, Order, Rule};
use super::history::{self, Facts};
use super::{Row, csv_out, status};
use crate::clock::Clock;
use crate::json::Incoming;
use crate::mail::Mailbox;
use crate::model::{EXPECTED_EMAIL, Fields, Input, State, Status};

/// A spreadsheet read.
pub struct Sheet {
    pub kind: Kind,
    pub separator: u8,
    pub rows: Vec<Row>,
    /// Columns kept in the notes because nothing names them.
    pub unrecognised: Vec<String>,
}

/// How to read.
pub struct Options<'a> {
    /// The format the user named (`None`: recognise it).
    pub kind: Option<Kind>,
    pub map: &'a [(String, String, Role)],
    pub rule: &'a Rule,
    pub clock: Clock,
}

pub fn sheet(text: &str, options: &Options<'_>) -> Result<Sheet> {
    // Excel reads (and some tools write) a first line `sep=;` naming the separator; Excel hides it, so the
    // header is still row 1.
    let (text, separator) = match super::decode::separator_line(text) {
        Some((separator, rest)) => (rest, separator),
        None => (text, super::decode::separator(text)),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| anyhow!("row {}: {}", index + 1, csv_problem(&e)))?;
        records.push(record);
    }
    // A quote is doubled inside a quoted cell, so an odd count, with a last cell running over lines, means a
    // quoted cell that never ends: the csv reader would take the rest of the file as its text.
    let runs_to_the_end = records.last().is_some_and(|r| r.iter().any(|cell| cell.contains('\n')));
    if runs_to_the_end && text.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
        bail!(
            "row {}: a quoted cell is never closed (add the missing \")",
            records.len()
        );
    }
    let Some(header) = records.first() else {
        bail!("the file is empty (expected a header row, then one row per application)")
    };
    let headers: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let kind = match options.kind {
        Some(kind @ (Kind::Spreadsheet | Kind::Tracker)) => {
            if columns::recognise(&headers) == Kind::Tracker {
                Kind::Tracker
            } else {
                kind
            }
        }
        Some(Kind::LinkedinApplications | Kind::LinkedinSaved) => {
            match [Kind::LinkedinApplications, Kind::LinkedinSaved]
                .into_iter()
                .find(|k| columns::fits(*k, &headers))
            {
                Some(kind) => kind,
                None => bail!(
                    "this is not LinkedIn's Job Applications.csv or Saved Jobs.csv (expected the columns {}; or {})",
                    columns::expected(Kind::LinkedinApplications),
                    columns::expected(Kind::LinkedinSaved)
                ),
            }
        }
        Some(kind) => {
            if !columns::fits(kind, &headers) {
                bail!(
                    "this is not a {} export (expected the columns {})",
                    kind.name(),
                    columns::expected(kind)
                );
            }
            kind
        }
        None => columns::recognise(&headers),
    };
    let roles = columns::roles(kind, &headers, options.map)?;
    let labels: Vec<String> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            if h.is_empty() {
                format!("column {}", i + 1)
            } else {
                h.clone()
            }
        })
        .collect();
    let body: Vec<(usize, &csv::StringRecord)> = records
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, r)| r.iter().any(|cell| !cell.trim().is_empty()))
        .map(|(i, r)| (i + 1, r))
        .collect();
    // Each date column's order of day and month, proved by its own values.
    let mut orders: Vec<Option<Order>> = vec![None; roles.len()];
    for (column, role) in roles.iter().enumerate() {
        if let (Role::Field(field), Rule::Auto(None)) = (role, options.rule)
            && field.is_date()
            && kind.order().is_none()
        {
            let values = body.iter().map(|(_, r)| r.get(column).unwrap_or(""));
            orders[column] = dates::column_order(values).map_err(|proof| {
                let value = match &proof {
                    AmbiguityProof::Either(value) | AmbiguityProof::Both(_, value) => value.as_str(),
                };
                let row = body.iter().find(|(_, r)| r.get(column).map(str::trim) == Some(value));
                ambiguous(row.map_or(0, |(n, _)| *n), &labels[column], &proof)
            })?;
        }
    }
    let mut rows = Vec::with_capacity(body.len());
    for (number, record) in body {
        let row = build(record, &roles, &labels, &orders, kind, options).map_err(|e| {
            let message = format!("{e:#}");
            let joint = if message.starts_with("column ") { ", " } else { ": " };
            anyhow!("row {number}{joint}{message}")
        })?;
        rows.push(Row { number, incoming: row });
    }
    let unrecognised = roles
        .iter()
        .zip(&labels)
        .filter(|(role, _)| **role == Role::Note)
        .map(|(_, label)| label.clone())
        .collect();
    Ok(Sheet {
        kind,
        separator,
        rows,
        unrecognised,
    })
}

fn csv_problem(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "not valid text".to_owned(),
        _ => error.to_string(),
    }
}

fn ambiguous(row: usize, column: &str, proof: &AmbiguityProof) -> anyhow::Error {
    let fix = "give --date-format '%d/%m/%Y' or '%m/%d/%Y'";
    match proof {
        AmbiguityProof::Either(value) => anyhow!(
            "row {row}, column {column:?}: dates such as {value:?} could be day/month or month/day, and no date in the column tells which ({fix})"
        ),
        AmbiguityProof::Both(day_first, month_first) => anyhow!(
            "row {row}, column {column:?}: {month_first:?} is month/day, but {day_first:?} earlier in the column is day/month ({fix})"
        ),
    }
}

/// One row to an application.
fn build(
    record: &csv::StringRecord,
    roles: &[Role],
    labels: &[String],
    orders: &[Option<Order>],
    kind: Kind,
    options: &Options<'_>,
) -> Result<Incoming> {
    if let Some(extra) = record.iter().skip(roles.len()).find(|c| !c.trim().is_empty()) {
        bail!("more cells than the header has columns (the first extra holds {extra:?})");
    }
    let mut fields = Fields {
        source: kind.source().map(str::to_owned),
        ..Fields::default()
    };
    let mut facts = Facts {
        furthest_known: roles.contains(&Role::Field(Field::FurthestStage)),
        ..Facts::default()
    };
    let mut notes: Vec<String> = Vec::new();
    let mut extra: Vec<String> = Vec::new();
    for (column, role) in roles.iter().enumerate() {
        let raw = record.get(column).unwrap_or("");
        let value = if kind == Kind::Tracker {
            csv_out::unprotect(raw)
        } else {
            raw
        };
        let text = value.trim();
        if text.is_empty() {
            continue;
        }
        let at = |problem: String| anyhow!("column {:?}: {problem}", labels[column]);
        let field = match role {
            Role::Ignore => continue,
            Role::Note => {
                extra.push(format!("{}: {}", labels[column], value.trim_end()));
                continue;
            }
            Role::Field(field) => *field,
        };
        if field.is_date() {
            let day = dates::parse(text, options.rule, kind.order().or(orders[column]))
                .map_err(|why| at(format!("{text:?} is {why}")))?;
            if let Some(day) = day.filter(|d| *d > options.clock.today) {
                return Err(at(format!("{day} is in the future (today is {})", options.clock.today)));
            }
            let slot = match field {
                Field::AppliedOn => &mut facts.applied_on,
                Field::StatusOn => &mut facts.status_on,
                Field::FollowupSentOn => &mut facts.followup_sent_on,
                Field::CreatedOn => &mut facts.created_on,
                _ => &mut facts.replied_on,
            };
            *slot = day;
            continue;
        }
        match field {
            Field::Status | Field::FurthestStage => {
                let Some(status) = status::parse(text) else {
                    return Err(at(format!(
                        "unknown status {text:?} (accepted: {})",
                        status::accepted()
                    )));
                };
                if field == Field::Status {
                    facts.status = Some(status);
                } else {
                    facts.furthest_stage = Some(status);
                }
            }
            Field::ContactEmail => {
                if Mailbox::parse(text).is_none() {
                    return Err(at(format!("invalid address {text:?} ({EXPECTED_EMAIL})")));
                }
                fields.contact_email = Some(text.to_owned());
            }
            Field::Tags => fields.tags = text.split(',').map(|t| t.trim().to_owned()).collect(),
            Field::Notes => notes.push(value.trim_end().to_owned()),
            Field::Company => fields.company = text.to_owned(),
            Field::Position => fields.position = text.to_owned(),
            Field::Location => fields.location = Some(text.to_owned()),
            Field::Url => fields.url = Some(text.to_owned()),
            Field::Source => fields.source = Some(text.to_owned()),
            Field::Salary => fields.salary = Some(text.to_owned()),
            Field::ContactName => fields.contact_name = Some(text.to_owned()),
            _ => unreachable!("dates are read above"),
        }
    }
    for (needed, value) in [(Field::Company, &fields.company), (Field::Position, &fields.position)] {
        if crate::text::is_blank(value) {
            let column = roles.iter().position(|r| *r == Role::Field(needed)).unwrap_or(0);
            bail!("column {:?}: the {} is empty", labels[column], needed.name());
        }
    }
    notes.extend(extra);
    if !notes.is_empty() {
        fields.notes = Some(notes.join("\n"));
    }
    let fields = fields
        .normalized(Input::Json)
        .map_err(|e| anyhow!("{}", e.to_string().trim_start_matches("field ")))?;
    let default = if kind == Kind::LinkedinSaved {
        Status::Saved
    } else {
        Status::Applied
    };
    let clock = options.clock;
    let events = history::events(&facts, default, clock.today, clock.now)?;
    State::replay(&events, clock.today)?;
    Ok(Incoming {
        fields,
        created_at: clock.now,
        events,
    })
}
