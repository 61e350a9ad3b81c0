//! tracker's CSV export: one row per application, RFC 4180 quoting, UTF-8 with a byte-order mark (so Excel
//! reads accents right), and safe to open in a spreadsheet: a cell that begins like a formula is prefixed
//! with `'` (OWASP's rule), which `import` removes again.

use anyhow::Result;

use super::columns::TRACKER_COLUMNS;
use super::history::{applied_on, last_of};
use crate::dates::format_day;
use crate::model::{Application, EventKind};

/// Characters that make a spreadsheet read a cell as a formula.
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as written: prefixed with `'` when it begins (after any `'`s of its own) with a formula
/// character, so the prefix can always be told from the text and removed.
pub fn protect(text: &str) -> std::borrow::Cow<'_, str> {
    if text.trim_start_matches('\'').starts_with(TRIGGERS) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The reverse of [`protect`].
pub fn unprotect(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

pub fn write(apps: &[Application]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(64 + apps.len() * 160);
    out.extend_from_slice("\u{feff}".as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(TRACKER_COLUMNS)?;
    let mut row: Vec<String> = Vec::with_capacity(TRACKER_COLUMNS.len());
    for app in apps {
        let f = &app.fields;
        let day = |d: Option<chrono::NaiveDate>| d.map(format_day).unwrap_or_default();
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        row.clear();
        row.extend([
            app.id.to_string(),
            f.company.clone(),
            f.position.clone(),
            app.status.to_string(),
            day(applied_on(&app.events)),
            format_day(app.status_on),
            app.furthest_stage().map(|s| s.to_string()).unwrap_or_default(),
            text(&f.location),
            text(&f.url),
            text(&f.source),
            text(&f.salary),
            f.tags.join(", "),
            text(&f.contact_name),
            text(&f.contact_email),
            day(last_of(&app.events, EventKind::Followup)),
            day(last_of(&app.events, EventKind::Reply)),
            text(&f.notes),
        ]);
        writer.write_record(row.iter().map(|cell| protect(cell).into_owned()))?;
    }
    Ok(writer.into_inner().map_err(|e| e.into_error())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_restored() {
        for (text, written) in [
            ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
            ("-2+3", "'-2+3"),
            ("+49 30 1234", "'+49 30 1234"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("'quoted'", "'quoted'"),
            ("Acme", "Acme"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(protect(text), written, "{text:?}");
            assert_eq!(unprotect(written), text, "{written:?}");
        }
    }
}
