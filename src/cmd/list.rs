//! `tracker list`: a table of applications, filtered, searched and sorted, fitted to the terminal.

use anyhow::Result;
use chrono::NaiveDate;
use comfy_table::ContentArrangement;
use serde::Serialize;

use crate::Ctx;
use crate::cli::{List, SortArg};
use crate::dates::{days_between, format_day, parse_date};
use crate::json::{AppOut, summary_out};
use crate::model::Status;
use crate::output::{Style, display_width, inert, json, print, say, shorten, terminal_width, trim_lines};
use crate::store::listing::{self, Filter, Listed, Sort};
use crate::text::is_blank;

/// `list --json`'s element: the summary of an application, with the day it was sent.
#[derive(Serialize)]
struct ListedOut<'a> {
    #[serde(flatten)]
    app: AppOut<'a>,
    applied_on: Option<String>,
}

pub fn run(ctx: &mut Ctx, args: &List) -> Result<()> {
    let today = ctx.clock.today;
    let filter = filter(args, today)?;
    let rows = match &filter {
        Some(filter) => listing::list(ctx.store.conn(), filter)?,
        None => Vec::new(),
    };
    if args.json.json {
        let out: Vec<_> = rows
            .iter()
            .map(|l| ListedOut {
                app: summary_out(&l.app, Some(today)),
                applied_on: l.applied_on.map(format_day),
            })
            .collect();
        return Ok(print(&json(&out))?);
    }
    if rows.is_empty() {
        let asked = asked(args);
        if asked.is_empty() {
            say("No applications yet. Add one with: tracker add COMPANY POSITION");
        } else {
            say(&format!("No applications match {asked}."));
        }
        return Ok(());
    }
    Ok(print(&render(&rows, today, ctx.style, terminal_width()))?)
}

/// The store's filter for the arguments; `None` when they cannot match anything (`--open --status rejected`).
fn filter(args: &List, today: NaiveDate) -> Result<Option<Filter>> {
    let mut statuses = args.status.clone();
    if args.open {
        let open: Vec<Status> = Status::ALL.into_iter().filter(|s| s.is_open()).collect();
        statuses = if statuses.is_empty() {
            open
        } else {
            statuses.into_iter().filter(|s| s.is_open()).collect()
        };
        if statuses.is_empty() {
            return Ok(None);
        }
    }
    let since = args.since.as_deref().map(|d| parse_date(d, today)).transpose()?;
    Ok(Some(Filter {
        statuses,
        tags: args
            .tags
            .iter()
            .filter(|t| !is_blank(t))
            .map(|t| t.trim().to_owned())
            .collect(),
        search: args
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
        since,
        sort: match args.sort {
            SortArg::Changed => Sort::Changed,
            SortArg::Applied => Sort::Applied,
            SortArg::Company => Sort::Company,
        },
        limit: args.limit,
    }))
}

/// The filters as typed, for the message of an empty result: `--status offer --tag remote`.
fn asked(args: &List) -> String {
    let quote = |text: &str| {
        let text = inert(text);
        if text.contains(' ') || text.is_empty() {
            format!("\"{text}\"")
        } else {
            text.into_owned()
        }
    };
    let mut parts: Vec<String> = args.status.iter().map(|s| format!("--status {s}")).collect();
    parts.extend(args.tags.iter().map(|t| format!("--tag {}", quote(t))));
    if let Some(text) = &args.search {
        parts.push(format!("--search {}", quote(text)));
    }
    if args.open {
        parts.push("--open".to_owned());
    }
    if let Some(since) = &args.since {
        parts.push(format!("--since {}", quote(since)));
    }
    parts.join(" ")
}

/// The table; with a `width`, company and position are cut with `…` until every line fits, and in a
/// terminal too narrow even for that, the Since and then the Applied column are left out.
pub fn render(rows: &[Listed], today: NaiveDate, style: Style, width: Option<usize>) -> String {
    let cells: Vec<[String; 2]> = rows
        .iter()
        .map(|l| {
            [
                inert(&l.app.fields.company).into_owned(),
                inert(&l.app.fields.position).into_owned(),
            ]
        })
        .collect();
    let natural = |i: usize| cells.iter().map(|c| display_width(&c[i])).max().unwrap_or(0);
    let full = [natural(0).max(MIN_CELL[0]), natural(1).max(MIN_CELL[1])];
    let Some(width) = width else {
        return table(rows, &cells, full, Shown::All, today, style);
    };
    let mut last = (full, Shown::All);
    for shown in [Shown::All, Shown::NoSince, Shown::Fewest] {
        // Everything but the two cells is as wide whatever they hold: measure it once.
        let widest = table(rows, &cells, full, shown, today, Style { color: false })
            .lines()
            .map(display_width)
            .max()
            .unwrap_or(0);
        let mut caps = full;
        let mut excess = widest.saturating_sub(width);
        while excess > 0 {
            // Cut the wider of the two, never below its header.
            let i = usize::from(caps[1] - MIN_CELL[1] > caps[0] - MIN_CELL[0]);
            if caps[i] == MIN_CELL[i] {
                break;
            }
            caps[i] -= 1;
            excess -= 1;
        }
        last = (caps, shown);
        if excess == 0 {
            break;
        }
    }
    table(rows, &cells, last.0, last.1, today, style)
}

/// Company and position cells keep at least the width of their headers.
const MIN_CELL: [usize; 2] = ["Company".len(), "Position".len()];

/// The columns a narrow terminal leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    All,
    NoSince,
    Fewest,
}

fn table(
    rows: &[Listed],
    cells: &[[String; 2]],
    caps: [usize; 2],
    shown: Shown,
    today: NaiveDate,
    style: Style,
) -> String {
    let header: &[&str] = match shown {
        Shown::All => &["ID", "Company", "Position", "Status", "Applied", "Since", "Days"],
        Shown::NoSince => &["ID", "Company", "Position", "Status", "Applied", "Days"],
        Shown::Fewest => &["ID", "Company", "Position", "Status", "Days"],
    };
    let mut table = style.table(header);
    table.set_content_arrangement(ContentArrangement::Disabled);
    for (l, [company, position]) in rows.iter().zip(cells) {
        let mut row = vec![
            style.number(l.app.id),
            comfy_table::Cell::new(shorten(company, caps[0])),
            comfy_table::Cell::new(shorten(position, caps[1])),
            style.status(l.app.status),
        ];
        if shown != Shown::Fewest {
            row.push(style.text(&l.applied_on.map_or_else(|| "–".to_owned(), format_day)));
        }
        if shown == Shown::All {
            row.push(style.text(&format_day(l.app.status_on)));
        }
        row.push(style.number(days_between(l.app.status_on, today)));
        table.add_row(row);
    }
    trim_lines(&table.to_string())
}
