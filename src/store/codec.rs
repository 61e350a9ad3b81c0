//! How model values are written to and read from SQL columns.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Row, Rows};

use crate::model::{EventKind, FollowupKind, Status};

macro_rules! text_enum {
    ($type:ty) => {
        impl ToSql for $type {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }
        impl FromSql for $type {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value
                    .as_str()?
                    .parse()
                    .map_err(|e: anyhow::Error| FromSqlError::Other(e.into()))
            }
        }
    };
}

text_enum!(Status);
text_enum!(EventKind);
text_enum!(FollowupKind);

fn parse_column<T: FromStr>(row: &Row<'_>, name: &str, parse: impl Fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(name)?;
    parse(&text).ok_or_else(|| {
        let index = row.as_ref().column_index(name).unwrap_or(0);
        let message = format!("column {name} holds {text:?}, not a valid value");
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, message.into())
    })
}

/// A `YYYY-MM-DD` column.
pub fn day(row: &Row<'_>, name: &str) -> rusqlite::Result<NaiveDate> {
    parse_column(row, name, |t| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok())
}

/// A nullable `YYYY-MM-DD` column.
pub fn opt_day(row: &Row<'_>, name: &str) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(name)?;
    if text.is_none() {
        return Ok(None);
    }
    day(row, name).map(Some)
}

/// An RFC 3339 column.
pub fn instant(row: &Row<'_>, name: &str) -> rusqlite::Result<DateTime<Utc>> {
    parse_column(row, name, |t| {
        DateTime::parse_from_rfc3339(t).ok().map(|d| d.with_timezone(&Utc))
    })
}

/// A nullable RFC 3339 column.
pub fn opt_instant(row: &Row<'_>, name: &str) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let text: Option<String> = row.get(name)?;
    if text.is_none() {
        return Ok(None);
    }
    instant(row, name).map(Some)
}

/// A nullable JSON array of names (an interview's interviewers); empty when NULL.
pub fn names(row: &Row<'_>, name: &str) -> rusqlite::Result<Vec<String>> {
    let text: Option<String> = row.get(name)?;
    match text {
        None => Ok(Vec::new()),
        Some(text) => serde_json::from_str(&text).map_err(|e| {
            let index = row.as_ref().column_index(name).unwrap_or(0);
            rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, e.into())
        }),
    }
}

/// Collects mapped rows.
pub fn collect<T>(mut rows: Rows<'_>, map: impl Fn(&Row<'_>) -> rusqlite::Result<T>) -> rusqlite::Result<Vec<T>> {
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(map(row)?);
    }
    Ok(out)
}
