//! The only place that reads the system clock.
//!
//! `TRACKER_NOW` replaces the clock for every command: an RFC 3339 instant, or a `YYYY-MM-DD` day (taken as
//! noon, local time). Everything else receives `now` and `today` by value.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};

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

    /// Parses an RFC 3339 instant or a `YYYY-MM-DD` day.
    pub fn parse(value: &str) -> Result<Clock> {
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
    fn garbage_is_an_error() {
        for bad in ["", "tomorrow", "2026-13-01", "27/11/2026", "2026-11-27T25:00:00Z"] {
            assert!(Clock::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }
}
