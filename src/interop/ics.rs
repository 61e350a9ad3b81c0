//! iCalendar (RFC 5545) for the interviews and the follow-ups due or coming. An interview with a time is a
//! VEVENT at that time (UTC) with an alarm an hour before, one without a time an all-day VEVENT; a follow-up is
//! an all-day VEVENT on the day it becomes due (for calendars that ignore to-dos) and a VTODO with that DUE day
//! (for those that show them). UIDs are stable, so importing again updates instead of duplicating; DTSTAMP is
//! the time the application last changed, so an unchanged item is written byte for byte the same. Text is
//! escaped and lines are folded at 75 octets, with CRLF line ends.

use chrono::{DateTime, Days, NaiveDate, TimeDelta, Utc};

use crate::dates::format_day;
use crate::model::Application;
use crate::model::followup::{self, Delays, DueState, Item, ItemKind, Round, Window};
use crate::template::join_names;

/// One calendar component: its UID and its content lines (unfolded).
pub struct Component {
    pub uid: String,
    lines: Vec<String>,
}

/// A whole calendar holding `components`.
pub fn calendar(components: &[Component]) -> String {
    let mut lines = header();
    for component in components {
        lines.extend(component.lines.iter().cloned());
    }
    lines.push("END:VCALENDAR".to_owned());
    render(&lines)
}

fn header() -> Vec<String> {
    vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        format!("PRODID:-//tracker//tracker {}//EN", env!("CARGO_PKG_VERSION")),
        "CALSCALE:GREGORIAN".to_owned(),
    ]
}

/// The time the application last changed: an unchanged item is written byte for byte the same.
fn stamp(app: &Application) -> DateTime<Utc> {
    app.events.iter().map(|e| e.recorded_at).max().unwrap_or(app.created_at)
}

/// The properties every component has, after its BEGIN line.
fn common(kind: &str, uid: &str, stamp: DateTime<Utc>, summary: &str, description: &str) -> Vec<String> {
    vec![
        format!("BEGIN:{kind}"),
        format!("UID:{uid}@tracker"),
        format!("DTSTAMP:{}", instant(stamp)),
        format!("LAST-MODIFIED:{}", instant(stamp)),
        format!("SUMMARY:{}", text(summary)),
        format!("DESCRIPTION:{}", text(description)),
        format!("CATEGORIES:{}", text("tracker")),
    ]
}

/// The event and the to-do of an item.
pub fn components(app: &Application, item: &Item) -> [Component; 2] {
    let f = &app.fields;
    let (company, position) = (f.company.trim(), f.position.trim());
    let base = format!(
        "tracker-{}-{}-{}",
        item.app_id,
        item.kind.as_str(),
        item.anchor.format("%Y%m%d")
    );
    let (on, until) = (format_day(item.on), format_day(item.until));
    let (summary, mut description) = match item.kind {
        ItemKind::RejectionFollowup => (
            format!("Follow up: {position} at {company}"),
            format!(
                "{company} turned you down for {position} on {}. A short, gracious follow-up is due from {on} until {until}.",
                format_day(item.anchor),
            ),
        ),
        ItemKind::Checkin => (
            format!("Check in: {position} at {company}"),
            format!(
                "No news from {company} about {position} since {}. A short check-in is due from {on} until {until}.",
                format_day(item.anchor),
            ),
        ),
        ItemKind::Thanks => (
            format!("Thank them: {position} at {company}"),
            format!(
                "A thank-you note for the interview for {position} at {company} on {} is due from {on} until {until}.",
                format_day(item.anchor),
            ),
        ),
    };
    if item.state == DueState::Snoozed {
        description.push_str(" (Snoozed until then.)");
    }
    description.push_str(&format!("\nPrint the email: tracker followup {}", item.app_id));
    if let Some(url) = &f.url {
        description.push_str(&format!("\nPosting: {url}"));
    }
    let stamp = stamp(app);
    let event_uid = format!("{base}-event");
    let mut event = common("VEVENT", &event_uid, stamp, &summary, &description);
    event.extend([
        format!("DTSTART;VALUE=DATE:{}", date(item.on)),
        format!("DTEND;VALUE=DATE:{}", date(next_day(item.on))),
        "TRANSP:TRANSPARENT".to_owned(),
        "END:VEVENT".to_owned(),
    ]);
    let todo_uid = format!("{base}-todo");
    let mut todo = common("VTODO", &todo_uid, stamp, &summary, &description);
    todo.extend([
        format!("DUE;VALUE=DATE:{}", date(item.on)),
        "STATUS:NEEDS-ACTION".to_owned(),
        "END:VTODO".to_owned(),
    ]);
    [
        Component {
            uid: event_uid,
            lines: event,
        },
        Component {
            uid: todo_uid,
            lines: todo,
        },
    ]
}

/// How long an interview with a time is shown (tracker records its start only).
const INTERVIEW_HOURS: i64 = 1;

/// The event of an interview round: at its time, an hour long, with an alarm an hour before; without a time,
/// all day on its day.
pub fn interview(app: &Application, round: &Round) -> Component {
    let f = &app.fields;
    let (company, position) = (f.company.trim(), f.position.trim());
    let with = join_names(&round.with);
    let with_them = if with.is_empty() {
        String::new()
    } else {
        format!(" (with {with})")
    };
    let summary = format!("Interview: {position} at {company}{with_them}");
    // The time is the event's own (calendars show it in the reader's zone), not repeated in the text.
    let mut description = format!("Interview {} for {position} at {company}.", round.number);
    if !with.is_empty() {
        description.push_str(&format!("\nWith {with}."));
    }
    if let Some(note) = round.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        description.push_str(&format!("\n{note}"));
    }
    description.push_str(&format!("\nShow it: tracker show {}", app.id));
    if let Some(url) = &f.url {
        description.push_str(&format!("\nPosting: {url}"));
    }
    let uid = format!("tracker-{}-interview-{}-event", round.app_id, round.number);
    let mut lines = common("VEVENT", &uid, stamp(app), &summary, &description);
    match round.at {
        Some(at) => lines.extend([
            format!("DTSTART:{}", instant(at)),
            format!("DTEND:{}", instant(at + TimeDelta::hours(INTERVIEW_HOURS))),
            "TRANSP:OPAQUE".to_owned(),
            "BEGIN:VALARM".to_owned(),
            "ACTION:DISPLAY".to_owned(),
            format!("DESCRIPTION:{}", text(&summary)),
            "TRIGGER:-PT1H".to_owned(),
            "END:VALARM".to_owned(),
        ]),
        None => lines.extend([
            format!("DTSTART;VALUE=DATE:{}", date(round.on)),
            format!("DTEND;VALUE=DATE:{}", date(next_day(round.on))),
            "TRANSP:TRANSPARENT".to_owned(),
        ]),
    }
    lines.push("END:VEVENT".to_owned());
    Component { uid, lines }
}

fn next_day(day: NaiveDate) -> NaiveDate {
    day.checked_add_days(Days::new(1)).unwrap_or(day)
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

fn instant(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped; other control characters (which
/// RFC 5545 does not allow) become spaces.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let value = value.replace("\r\n", "\n");
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Content lines folded at 75 octets (never inside a character), each ending with CRLF.
fn render(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

/// The components of every interview round and every follow-up due or coming on `today`, application by
/// application.
pub fn all(apps: &[Application], today: NaiveDate, window: Window, delays: Delays) -> Vec<Component> {
    let mut all = Vec::new();
    for app in apps {
        all.extend(followup::rounds(app).iter().map(|round| interview(app, round)));
        for item in followup::items(app, today, window, delays) {
            all.extend(components(app, &item));
        }
    }
    all
}

/// A calendar file of one component (a vdir holds one item per file).
pub fn file(component: &Component) -> String {
    calendar(std::slice::from_ref(component))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne\r\nf\u{7}g\th"), "a\\,b\\;c\\\\d\\ne\\nf g\th");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let out = render(std::slice::from_ref(&long));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.trim_end().replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    fn app() -> Application {
        let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 25, 9, 0, 0).unwrap();
        Application {
            id: 3,
            fields: crate::model::Fields {
                company: "Acme, Inc.".to_owned(),
                position: "Engineer; Backend".to_owned(),
                ..Default::default()
            },
            created_at: at,
            status: crate::model::Status::Interviewing,
            status_on: at.date_naive(),
            last_event_on: at.date_naive(),
            events: Vec::new(),
        }
    }

    fn unfolded(component: &Component) -> String {
        file(component).replace("\r\n ", "")
    }

    #[test]
    fn an_interview_at_a_time_is_an_hour_in_utc_with_an_alarm_an_hour_before() {
        let round = Round {
            app_id: 3,
            number: 2,
            on: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            at: Some(chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 12, 3, 13, 30, 0).unwrap()),
            with: vec!["Dana Rivera".to_owned(), "Sam Lee, PhD".to_owned()],
            note: Some("bring the portfolio".to_owned()),
        };
        let event = interview(&app(), &round);
        assert_eq!(event.uid, "tracker-3-interview-2-event");
        let text = unfolded(&event);
        for line in [
            "UID:tracker-3-interview-2-event@tracker\r\n",
            "SUMMARY:Interview: Engineer\\; Backend at Acme\\, Inc. (with Dana Rivera and Sam Lee\\, PhD)\r\n",
            "DTSTART:20261203T133000Z\r\nDTEND:20261203T143000Z\r\nTRANSP:OPAQUE\r\n",
            "BEGIN:VALARM\r\nACTION:DISPLAY\r\n",
            "TRIGGER:-PT1H\r\nEND:VALARM\r\nEND:VEVENT\r\n",
            "\\nbring the portfolio\\n",
        ] {
            assert!(text.contains(line), "{line:?} in {text}");
        }
    }

    #[test]
    fn an_interview_without_a_time_is_all_day_without_an_alarm() {
        let round = Round {
            app_id: 3,
            number: 1,
            on: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            at: None,
            with: Vec::new(),
            note: None,
        };
        let text = unfolded(&interview(&app(), &round));
        assert!(
            text.contains("SUMMARY:Interview: Engineer\\; Backend at Acme\\, Inc.\r\n"),
            "{text}"
        );
        assert!(
            text.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"),
            "{text}"
        );
        assert!(!text.contains("VALARM"), "{text}");
    }
}
