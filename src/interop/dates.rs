//! Dates in spreadsheets: ISO (`2026-03-04`, with or without a time), German `DD.MM.YYYY`, slashed
//! `MM/DD/YY[YY]` or `DD/MM/YYYY` (with an optional `, h:mm AM`), or a strftime format the user gives.
//! A slashed column is read day-first or month-first only when its own values prove which (a 13 or more
//! in one place); otherwise it is ambiguous, and that is an error, never a guess.

use anyhow::{Result, bail};
use chrono::{NaiveDate, NaiveDateTime};

/// How a column's slashed dates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    MonthFirst,
    DayFirst,
}

/// How the dates of a file are read.
#[derive(Debug, Clone)]
pub enum Rule {
    /// Recognised forms; slashed dates ordered as the column proves, or as the format says (LinkedIn: US).
    Auto(Option<Order>),
    /// The user's strftime format (ISO dates are read too).
    Format(String),
}

/// The parts of a slashed date: `a/b/year` and the rest (a time).
fn slashed(text: &str) -> Option<(u32, u32, i32)> {
    let date = text.split([',', ' ', 'T']).next()?;
    let mut parts = date.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let number = |s: &str, max: usize| {
        (!s.is_empty() && s.len() <= max && s.bytes().all(|c| c.is_ascii_digit())).then(|| s.parse::<u32>().ok())?
    };
    let year = match y.len() {
        2 => 2000 + i32::try_from(number(y, 2)?).ok()?,
        4 => i32::try_from(number(y, 4)?).ok()?,
        _ => return None,
    };
    Some((number(a, 2)?, number(b, 2)?, year))
}

/// What the values of one column prove about the order of their slashed dates: `Ok(None)` when they have
/// none, an error when they could be read either way (or prove both).
pub fn column_order<'a>(values: impl Iterator<Item = &'a str>) -> Result<Option<Order>, AmbiguityProof> {
    let (mut day_first, mut month_first, mut undecided, mut any) = (None, None, None, false);
    for value in values {
        let Some((a, b, _)) = slashed(value.trim()) else {
            continue;
        };
        any = true;
        if a > 12 && b <= 12 {
            day_first.get_or_insert(value.trim().to_owned());
        } else if b > 12 && a <= 12 {
            month_first.get_or_insert(value.trim().to_owned());
        } else if a != b {
            undecided.get_or_insert(value.trim().to_owned());
        }
    }
    match (day_first, month_first, undecided) {
        (Some(d), Some(m), _) => Err(AmbiguityProof::Both(d, m)),
        (Some(_), None, _) => Ok(Some(Order::DayFirst)),
        (None, Some(_), _) => Ok(Some(Order::MonthFirst)),
        (None, None, Some(u)) => Err(AmbiguityProof::Either(u)),
        // Every slashed date reads the same both ways (01/01/2026), or there is none.
        (None, None, None) => Ok(any.then_some(Order::MonthFirst)),
    }
}

/// Why a column's order cannot be told.
#[derive(Debug)]
pub enum AmbiguityProof {
    /// This value could be day/month or month/day.
    Either(String),
    /// These two values need different orders.
    Both(String, String),
}

/// Parses one cell; `Ok(None)` for an empty one. The error says what was expected.
pub fn parse(text: &str, rule: &Rule, order: Option<Order>) -> Result<Option<NaiveDate>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(day) = iso(text) {
        return Ok(Some(day));
    }
    match rule {
        Rule::Format(format) => {
            if let Ok(day) = NaiveDate::parse_from_str(text, format) {
                return Ok(Some(day));
            }
            if let Ok(time) = NaiveDateTime::parse_from_str(text, format) {
                return Ok(Some(time.date()));
            }
            bail!("not a date in the form --date-format {format:?} gives")
        }
        Rule::Auto(fixed) => {
            if let Some(day) = german(text).or_else(|| named_month(text)) {
                return Ok(Some(day));
            }
            if let Some((a, b, year)) = slashed(text) {
                let (month, day) = match fixed.or(order) {
                    Some(Order::DayFirst) => (b, a),
                    _ => (a, b),
                };
                if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
                    return Ok(Some(date));
                }
                bail!("no such day")
            }
            bail!("not a date (expected YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or Mar 4, 2026; or give --date-format)")
        }
    }
}

/// `2026-03-04`, or an ISO time starting with one. A time with an offset (`2026-03-04T23:30:00.000Z`, as
/// JobSync writes) is an instant, and its day is the local one, as everywhere in tracker; a time without one
/// (`2026-03-04 10:00`) is already local.
fn iso(text: &str) -> Option<NaiveDate> {
    if let Ok(instant) = chrono::DateTime::parse_from_rfc3339(text) {
        let instant = instant.with_timezone(&chrono::Utc);
        return crate::clock::storable(instant).then(|| crate::clock::local_day(instant));
    }
    let date = text.get(..10)?;
    let rest = &text[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' '])) || date.starts_with(['+', '-']) {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// `Mar 4, 2026`, `March 4, 2026`, `4 Mar 2026`, `4 March 2026` (English month names: never ambiguous).
fn named_month(text: &str) -> Option<NaiveDate> {
    ["%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y"]
        .iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

/// `4.3.2026`, `04.03.2026`, `04.03.26`, with an optional time after a space.
fn german(text: &str) -> Option<NaiveDate> {
    let date = text.split(' ').next()?;
    let mut parts = date.split('.');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some_and(|rest| !rest.is_empty()) || parts.next().is_some() {
        return None;
    }
    let digits = |s: &str, lengths: &[usize]| {
        (lengths.contains(&s.len()) && s.bytes().all(|c| c.is_ascii_digit())).then(|| s.parse::<u32>().ok())?
    };
    let year = match y.len() {
        2 => 2000 + digits(y, &[2])?,
        _ => digits(y, &[4])?,
    };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, digits(m, &[1, 2])?, digits(d, &[1, 2])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn forms() {
        let auto = Rule::Auto(None);
        let us = Rule::Auto(Some(Order::MonthFirst));
        for (text, rule, order, expected) in [
            ("2026-03-04", &auto, None, "2026-03-04"),
            ("2026-03-04T23:10:00.000Z", &auto, None, "2026-03-04"),
            ("04.03.2026", &auto, None, "2026-03-04"),
            ("4.3.26", &auto, None, "2026-03-04"),
            ("4.3.2026 10:15", &auto, None, "2026-03-04"),
            ("Mar 4, 2026", &auto, None, "2026-03-04"),
            ("4 March 2026", &auto, None, "2026-03-04"),
            ("11/20/24, 8:15 AM", &us, None, "2024-11-20"),
            ("3/4/2026", &auto, Some(Order::DayFirst), "2026-04-03"),
            ("3/4/2026", &auto, Some(Order::MonthFirst), "2026-03-04"),
        ] {
            assert_eq!(parse(text, rule, order).unwrap(), Some(day(expected)), "{text}");
        }
        let format = Rule::Format("%d %b %Y".into());
        assert_eq!(parse("4 Mar 2026", &format, None).unwrap(), Some(day("2026-03-04")));
        assert_eq!(parse("2026-03-04", &format, None).unwrap(), Some(day("2026-03-04")));
        assert!(parse("03/04/2026", &format, None).is_err());
        assert_eq!(parse("  ", &auto, None).unwrap(), None);
        for bad in [
            "31.02.2026",
            "2026-02-30",
            "13/13/2026",
            "yesterday",
            "1/2",
            "+2026-01-01",
            "4.3.2026.1",
        ] {
            assert!(parse(bad, &auto, Some(Order::MonthFirst)).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_column_proves_its_order_or_is_ambiguous() {
        let order = |values: &[&str]| column_order(values.iter().copied());
        assert_eq!(order(&["13/04/2026", "03/04/2026"]).unwrap(), Some(Order::DayFirst));
        assert_eq!(order(&["04/13/2026", "03/04/2026"]).unwrap(), Some(Order::MonthFirst));
        assert_eq!(order(&["2026-01-01", "04.03.2026"]).unwrap(), None);
        assert_eq!(order(&["01/01/2026"]).unwrap(), Some(Order::MonthFirst));
        assert!(matches!(order(&["03/04/2026", ""]), Err(AmbiguityProof::Either(v)) if v == "03/04/2026"));
        assert!(matches!(
            order(&["13/04/2026", "04/13/2026"]),
            Err(AmbiguityProof::Both(..))
        ));
    }
}
