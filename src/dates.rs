//! Date arguments as people type them: `2026-11-27`, an RFC 3339 time, `today`, `yesterday`, `tomorrow`,
//! `3 days ago`, `3d ago`, `in 3 days`, `in 3d`, `2 weeks ago`, `2w ago`, `last monday`. Relative forms
//! count calendar days from `today`.

use anyhow::{Result, bail};
use chrono::{DateTime, Datelike, Days, Local, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};

use crate::clock::local_day;

const HINT: &str =
    "use YYYY-MM-DD, today, yesterday, tomorrow, 'N days ago', 'N weeks ago', 'last monday' or 'in N days'";

/// Parses a date argument relative to `today`.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate> {
    let text = input.trim().to_lowercase();
    let parsed = match text.as_str() {
        "today" => Some(today),
        "yesterday" => today.checked_sub_days(Days::new(1)),
        "tomorrow" => today.checked_add_days(Days::new(1)),
        _ => absolute(&text)
            .or_else(|| relative(&text, today))
            .or_else(|| last_weekday(&text, today)),
    };
    match parsed {
        Some(day) => Ok(day),
        None => bail!("invalid date {input:?}: {HINT}"),
    }
}

fn absolute(text: &str) -> Option<NaiveDate> {
    // chrono takes a signed year (`+2026-12-01`, `-0001-01-01`); people do not write one.
    if text.starts_with(['+', '-']) {
        return None;
    }
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(day);
    }
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|instant| local_day(instant.with_timezone(&Utc)))
}

fn relative(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    if let Some(rest) = text.strip_suffix(" ago") {
        return today.checked_sub_days(Days::new(count_days(rest)?));
    }
    if let Some(rest) = text.strip_prefix("in ") {
        return today.checked_add_days(Days::new(count_days(rest)?));
    }
    None
}

/// `last monday` … `last sunday` (or `last mon`): the latest such day before today.
fn last_weekday(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let name = text.strip_prefix("last ")?.trim();
    let weekday: Weekday = name.parse().ok()?;
    let back = (today.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday() - 1) % 7 + 1;
    today.checked_sub_days(Days::new(u64::from(back)))
}

/// `3 days`, `1 day`, `3d`, `3 d`; `2 weeks`, `1 week`, `2w` count seven days each.
fn count_days(text: &str) -> Option<u64> {
    let text = text.trim();
    let weeks = text
        .strip_suffix("weeks")
        .or_else(|| text.strip_suffix("week"))
        .or_else(|| text.strip_suffix('w'));
    if let Some(digits) = weeks {
        return count(digits.trim()).and_then(|n| n.checked_mul(7));
    }
    let digits = text
        .strip_suffix("days")
        .or_else(|| text.strip_suffix("day"))
        .or_else(|| text.strip_suffix('d'))?
        .trim();
    count(digits)
}

fn count(digits: &str) -> Option<u64> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n <= 100_000)
}

const MOMENT_HINT: &str = "use a day and a time such as \"2026-12-03 14:00\" or \"tomorrow 9:30\", or a day alone";

/// A moment as people type it for an interview: a day (any form `parse_date` takes) and a 24-hour time in the
/// local time zone ("2026-12-03 14:00", "2026-12-03T14:00", "tomorrow 9:30"), an RFC 3339 time, or a day
/// alone. Returns the local day and, when a time was given, the instant.
pub fn parse_moment(input: &str, today: NaiveDate) -> Result<(NaiveDate, Option<DateTime<Utc>>)> {
    let text = input.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        let instant = instant.with_timezone(&Utc);
        return Ok((local_day(instant), Some(instant)));
    }
    let split = text.rfind([' ', 'T', 't']).map(|i| (&text[..i], &text[i + 1..]));
    let time = split.and_then(|(day, time)| {
        ["%H:%M", "%H:%M:%S"]
            .iter()
            .find_map(|f| NaiveTime::parse_from_str(time, f).ok())
            .map(|t| (day, t))
    });
    let Some((day, time)) = time else {
        return parse_date(text, today)
            .map(|day| (day, None))
            .map_err(|_| anyhow::anyhow!("invalid time {input:?}: {MOMENT_HINT}"));
    };
    let day = parse_date(day, today).map_err(|_| anyhow::anyhow!("invalid time {input:?}: {MOMENT_HINT}"))?;
    let Some(local) = Local.from_local_datetime(&day.and_time(time)).earliest() else {
        bail!("{input:?} does not exist in the local time zone (the clocks skip it); pick another time");
    };
    let instant = local.with_timezone(&Utc);
    if !crate::clock::storable(instant) {
        bail!("invalid time {input:?}: {}", crate::clock::OUT_OF_RANGE);
    }
    Ok((day, Some(instant)))
}

/// An instant as a person reads it: the local day and time to the minute.
pub fn format_moment(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// A calendar day as stored and shown.
pub fn format_day(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Calendar days from `earlier` to `later` (negative when `earlier` is after `later`).
pub fn days_between(earlier: NaiveDate, later: NaiveDate) -> i64 {
    (later - earlier).num_days()
}

/// `today`, `1 day ago`, `5 days ago`.
pub fn days_ago(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "1 day ago".to_owned(),
        n => format!("{n} days ago"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn accepted_forms() {
        let today = day("2026-03-01");
        let cases = [
            ("2026-02-14", "2026-02-14"),
            ("today", "2026-03-01"),
            (" Today ", "2026-03-01"),
            ("yesterday", "2026-02-28"),
            ("tomorrow", "2026-03-02"),
            ("1 day ago", "2026-02-28"),
            ("3 days ago", "2026-02-26"),
            ("3d ago", "2026-02-26"),
            ("0 days ago", "2026-03-01"),
            ("in 2 days", "2026-03-03"),
            ("in 2d", "2026-03-03"),
            ("2026-02-14T23:30:00Z", "2026-02-14"),
            ("2 weeks ago", "2026-02-15"),
            ("1 week ago", "2026-02-22"),
            ("3w ago", "2026-02-08"),
            ("in 1 week", "2026-03-08"),
            // 2026-03-01 is a Sunday.
            ("last monday", "2026-02-23"),
            ("last saturday", "2026-02-28"),
            ("Last Sunday", "2026-02-22"),
            ("last fri", "2026-02-27"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse_date(input, today).unwrap(), day(expected), "{input}");
        }
    }

    #[test]
    fn rejected_forms_name_the_input() {
        let today = day("2026-03-01");
        for bad in [
            "",
            "2026-02-30",
            "soon",
            "days ago",
            "-3 days ago",
            "3 fortnights ago",
            "last",
            "last week",
            "next monday",
            "in days",
            "1e3d ago",
            "+2026-12-01",
            "-0001-01-01",
        ] {
            let err = parse_date(bad, today).unwrap_err().to_string();
            assert!(err.contains("invalid date"), "{bad}: {err}");
        }
    }

    #[test]
    fn days_between_counts_calendar_days() {
        assert_eq!(days_between(day("2026-02-27"), day("2026-03-01")), 2);
        assert_eq!(days_between(day("2026-03-01"), day("2026-02-27")), -2);
    }

    proptest! {
        #[test]
        fn any_input_is_a_date_or_an_error(input in "\\PC*|[0-9 a-z-]{0,20}") {
            let _ = parse_date(&input, day("2026-11-27"));
        }

        #[test]
        fn huge_counts_do_not_overflow(n in any::<u64>()) {
            let _ = parse_date(&format!("{n} days ago"), day("2026-11-27"));
            let _ = parse_date(&format!("in {n}d"), day("2026-11-27"));
        }
    }
}
