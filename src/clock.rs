//! The only place that reads the system clock.
//!
//! `TRACKER_NOW` replaces the clock for every command: an RFC 3339 instant, or a `YYYY-MM-DD` day (taken as
//! noon, local time). Everything else receives `now` and `today` by value.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Datelike, Local, NaiveDate, NaiveTime, TimeZone, Utc};

/// The moment a command runs, read once.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    /// The instant, stored in UTC.
    pub now: DateTime<Utc>,
    /// The calendar day of `now` in the local time zone.
    pub today: NaiveDate,
}

impl Clock {
    /// Reads `TRACKER_NOW` when set, else the system clock.
    pub fn read() -> Result<Clock> {
        match std::env::var("TRACKER_NOW") {
            Ok(value) if !value.trim().is_empty() => {
                Clock::parse(&value).with_context(|| format!("TRACKER_NOW={value:?} is not a valid time"))
            }
            #[allow(clippy::disallowed_methods)] // the one permitted read of the system clock
            _ => Ok(Clock::at(Utc::now())),
        }
    }

    /// The clock at a fixed instant.
    pub fn at(now: DateTime<Utc>) -> Clock {
        Clock {
            now,
            today: local_day(now),
        }
    }

    /// Parses an RFC 3339 instant or a `YYYY-MM-DD` day, in the years 0000 to 9999 (UTC).
    pub fn parse(value: &str) -> Result<Clock> {
        let clock = Clock::parse_any(value)?;
        if !storable(clock.now) {
            bail!("{OUT_OF_RANGE}");
        }
        Ok(clock)
    }

    fn parse_any(value: &str) -> Result<Clock> {
        let value = value.trim();
        if let Ok(instant) = DateTime::parse_from_rfc3339(value) {
            return Ok(Clock::at(instant.with_timezone(&Utc)));
        }
        let Ok(day) = NaiveDate::parse_from_str(value, "%Y-%m-%d") else {
            bail!("expected YYYY-MM-DD or an RFC 3339 time such as 2026-11-27T09:00:00Z");
        };
        let noon = day.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("noon exists"));
        let now = Local
            .from_local_datetime(&noon)
            .earliest()
            .map_or_else(|| Utc.from_utc_datetime(&noon), |t| t.with_timezone(&Utc));
        Ok(Clock { now, today: day })
    }
}

/// The calendar day of an instant in the local time zone.
pub fn local_day(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&Local).date_naive()
}

/// Why an instant was refused by `storable`.
pub const OUT_OF_RANGE: &str = "the time is outside the years 0000 to 9999 in UTC";

/// Whether an instant can be stored: in UTC, its year has four digits (0000 to 9999). Outside that range
/// RFC 3339 has no form for it, and a stored `-0001-12-31T23:59:00Z` could not be read back.
pub fn storable(instant: DateTime<Utc>) -> bool {
    (0..=9999).contains(&instant.year())
}

/// Parses an RFC 3339 instant that can be stored (see `storable`), else says which of the two it failed.
pub fn parse_instant(text: &str) -> std::result::Result<DateTime<Utc>, &'static str> {
    let instant = DateTime::parse_from_rfc3339(text)
        .map_err(|_| "expected RFC 3339")?
        .with_timezone(&Utc);
    if storable(instant) {
        Ok(instant)
    } else {
        Err(OUT_OF_RANGE)
    }
}

/// An instant as stored and shown: RFC 3339 in UTC, to the second.
pub fn format_instant(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_form_keeps_the_day() {
        let clock = Clock::parse("2026-03-29").unwrap();
        assert_eq!(clock.today, NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
    }

    #[test]
    fn rfc3339_form_keeps_the_instant() {
        let clock = Clock::parse("2026-11-27T08:30:00Z").unwrap();
        assert_eq!(format_instant(clock.now), "2026-11-27T08:30:00Z");
    }

    #[test]
    fn instants_outside_four_digit_years_are_refused() {
        for bad in [
            "0000-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59-00:01",
            "-0001-01-01",
            "+10000-01-01",
        ] {
            assert!(Clock::parse(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(parse_instant("0000-01-01T00:00:00+00:01"), Err(OUT_OF_RANGE));
        assert_eq!(
            parse_instant("0000-01-01T00:00:00Z").map(format_instant),
            Ok("0000-01-01T00:00:00Z".to_owned())
        );
        assert!(parse_instant("9999-12-31T23:59:59Z").is_ok());
    }

    #[test]
    fn garbage_is_an_error() {
        for bad in ["", "tomorrow", "2026-13-01", "27/11/2026", "2026-11-27T25:00:00Z"] {
            assert!(Clock::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }
}
