//! iCalendar (RFC 5545) for the follow-ups due or coming: each as an all-day VEVENT on the day it becomes due
//! (for calendars that ignore to-dos) and a VTODO with that DUE day (for those that show them). UIDs are
//! stable, so importing again updates instead of duplicating; DTSTAMP is the time the application last
//! changed, so an unchanged item is written byte for byte the same. Text is escaped and lines are folded at
//! 75 octets, with CRLF line ends.

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::dates::format_day;
use crate::model::Application;
use crate::model::followup::{DueState, Item, ItemKind};

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

/// The event and the to-do of an item.
pub fn components(app: &Application, item: &Item) -> [Component; 2] {
    let f = &app.fields;
    let stamp = app.events.iter().map(|e| e.recorded_at).max().unwrap_or(app.created_at);
    let base = format!(
        "tracker-{}-{}-{}",
        item.app_id,
        item.kind.as_str(),
        item.anchor.format("%Y%m%d")
    );
    let (summary, description) = match item.kind {
        ItemKind::RejectionFollowup => {
            let mut description = format!(
                "{} turned you down for {} on {}. A short, gracious follow-up is due from {} until {}.",
                f.company.trim(),
                f.position.trim(),
                format_day(item.anchor),
                format_day(item.on),
                format_day(item.until),
            );
            if item.state == DueState::Snoozed {
                description.push_str(" (Snoozed until then.)");
            }
            description.push_str(&format!("\nPrint the email: tracker followup {}", item.app_id));
            if let Some(url) = &f.url {
                description.push_str(&format!("\nPosting: {url}"));
            }
            (
                format!("Follow up: {} at {}", f.position.trim(), f.company.trim()),
                description,
            )
        }
    };
    let common = |kind: &str, uid: &str| {
        vec![
            format!("BEGIN:{kind}"),
            format!("UID:{uid}@tracker"),
            format!("DTSTAMP:{}", instant(stamp)),
            format!("LAST-MODIFIED:{}", instant(stamp)),
            format!("SUMMARY:{}", text(&summary)),
            format!("DESCRIPTION:{}", text(&description)),
            format!("CATEGORIES:{}", text("tracker")),
        ]
    };
    let event_uid = format!("{base}-event");
    let mut event = common("VEVENT", &event_uid);
    event.extend([
        format!("DTSTART;VALUE=DATE:{}", date(item.on)),
        format!("DTEND;VALUE=DATE:{}", date(next_day(item.on))),
        "TRANSP:TRANSPARENT".to_owned(),
        "END:VEVENT".to_owned(),
    ]);
    let todo_uid = format!("{base}-todo");
    let mut todo = common("VTODO", &todo_uid);
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

/// The components of every follow-up due or coming on `today`, in application order.
pub fn all(apps: &[Application], today: NaiveDate, window: crate::model::followup::Window) -> Vec<Component> {
    apps.iter()
        .flat_map(|app| {
            crate::model::followup::items(app, today, window)
                .into_iter()
                .flat_map(move |item| components(app, &item))
        })
        .collect()
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
}
