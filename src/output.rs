//! Colour choice, tables, terminal-safe text and the one place that writes to stdout.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};
use comfy_table::{ContentLineStyle, LineStyle, TableStyle};

use crate::model::Status;

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and NO_COLOR is not set
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// How output looks: decided once per run.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub color: bool,
}

impl Style {
    pub fn new(choice: ColorChoice) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => !no_color && std::io::stdout().is_terminal(),
        };
        Style { color }
    }

    /// A table with the project's light look; it fits the terminal's width when there is one.
    pub fn table(self, header: &[&str]) -> Table {
        const LOOK: TableStyle = TableStyle::new()
            .header_separator(LineStyle::none().fill('─').junction('─'))
            .header_lines(ContentLineStyle::none().junction(' '))
            .content_lines(ContentLineStyle::none().junction(' '));
        let mut table = Table::new();
        table
            .load_style(LOOK)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if self.color {
            table.enforce_styling();
        }
        let header: Vec<Cell> = header.iter().map(|h| self.paint(Cell::new(h), None, true)).collect();
        table.set_header(header);
        table
    }

    /// A cell holding user text, made inert.
    pub fn text(self, text: &str) -> Cell {
        Cell::new(inert(text))
    }

    pub fn number(self, n: impl ToString) -> Cell {
        Cell::new(n.to_string()).set_alignment(CellAlignment::Right)
    }

    pub fn status(self, status: Status) -> Cell {
        let color = match status {
            Status::Saved => Color::Grey,
            Status::Applied => Color::Blue,
            Status::Interviewing => Color::Cyan,
            Status::Offer | Status::Accepted => Color::Green,
            Status::Rejected => Color::Red,
            Status::Withdrawn | Status::Ghosted => Color::DarkYellow,
        };
        self.paint(Cell::new(status.as_str()), Some(color), false)
    }

    fn paint(self, cell: Cell, color: Option<Color>, bold: bool) -> Cell {
        if !self.color {
            return cell;
        }
        let cell = if bold {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        };
        match color {
            Some(color) => cell.fg(color),
            None => cell,
        }
    }

    /// `text` in bold when colouring (headings outside tables).
    pub fn bold(self, text: &str) -> String {
        if self.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// Text safe to show in a terminal or a notification: control characters (escape sequences, CR, NUL…),
/// invisible ones (zero-width characters, bidirectional controls) and the Unicode line separators U+2028 and
/// U+2029 are shown as `\u{..}` escapes instead of being emitted. Line feeds too, unless `keep_newlines`.
pub fn inert_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && !(keep_newlines && c == '\n')) || is_hidden(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if !keep_newlines => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One-line inert text (table cells, notification titles).
pub fn inert(text: &str) -> Cow<'_, str> {
    inert_with(text, false)
}

/// A path as the terminal shows it: made inert like any other text.
pub fn shown_path(path: &std::path::Path) -> String {
    inert(&path.display().to_string()).into_owned()
}

/// Characters that are not control characters but still hide or rearrange text.
fn is_hidden(c: char) -> bool {
    crate::text::is_invisible(c) || crate::text::is_line_separator(c)
}

/// Writes to stdout. A closed pipe (`tracker list | head`) surfaces as an io error the caller maps to success.
pub fn print(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    if !text.is_empty() && !text.ends_with('\n') {
        stdout.write_all(b"\n")?;
    }
    stdout.flush()
}

/// Writes a message for the person (not data) to stderr.
pub fn say(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("JSON values serialise");
    text.push('\n');
    text
}

/// `1 application`, `2 applications`, `0 applications`.
pub fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The width tables must fit: the terminal's (`COLUMNS`, else its size) when stdout is one, else none.
pub fn terminal_width() -> Option<usize> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok());
    columns
        .filter(|c| *c > 0)
        .or_else(|| Table::new().width().map(usize::from))
}

/// The columns a text takes in a terminal.
pub fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` cut to at most `max` columns, ending with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if display_width(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// A rendered table without the spaces that pad the ends of its lines.
pub fn trim_lines(text: &str) -> String {
    let mut out: String = text.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escapes_what_a_terminal_would_act_on() {
        assert_eq!(inert("Acme"), "Acme");
        assert_eq!(inert("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(inert("two\nlines\r"), "two\\nlines\\r");
        assert_eq!(inert("evil\u{202e}txt"), "evil\\u{202e}txt");
        assert_eq!(inert("Ac\u{200b}me\u{feff}"), "Ac\\u{200b}me\\u{feff}");
        assert_eq!(inert("a\u{2028}b\u{2029}"), "a\\u{2028}b\\u{2029}");
        assert_eq!(inert("\u{2066}x\u{2069}\u{200e}"), "\\u{2066}x\\u{2069}\\u{200e}");
        assert_eq!(inert_with("two\nlines", true), "two\nlines");
        assert_eq!(inert("שלום 🎉 \"q\""), "שלום 🎉 \"q\"");
    }

    #[test]
    fn shorten_cuts_to_display_columns() {
        assert_eq!(shorten("Acme", 4), "Acme");
        assert_eq!(shorten("Acme Corporation", 6), "Acme …");
        assert_eq!(shorten("日本語の会社", 5), "日本…");
        assert_eq!(display_width(&shorten("日本語の会社", 5)), 5);
        assert_eq!(plural(1, "application"), "1 application");
        assert_eq!(plural(0, "application"), "0 applications");
        assert_eq!(trim_lines(" a  \n b \n"), " a\n b\n");
    }

    proptest! {
        #[test]
        fn inert_text_has_no_control_characters(text in any::<String>()) {
            let shown = inert(&text);
            prop_assert!(!shown.chars().any(|c| c.is_control() || is_hidden(c)));
        }
    }
}
