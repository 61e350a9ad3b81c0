//! `tracker list`: a table of applications, most recently changed first.

use anyhow::Result;

use crate::Ctx;
use crate::cli::List;
use crate::dates::{days_between, format_day};
use crate::json::summary_out;
use crate::model::Application;
use crate::output::{Style, json, print};
use crate::store;

pub fn run(ctx: &mut Ctx, args: &List) -> Result<()> {
    let apps = store::apps::list(ctx.store.conn(), &args.status, args.limit)?;
    let today = ctx.clock.today;
    if args.json.json {
        let rows: Vec<_> = apps.iter().map(|app| summary_out(app, Some(today))).collect();
        return Ok(print(&json(&rows))?);
    }
    if apps.is_empty() {
        crate::output::say("No applications yet. Add one with: tracker add COMPANY POSITION");
        return Ok(());
    }
    Ok(print(&render(&apps, today, ctx.style))?)
}

pub fn render(apps: &[Application], today: chrono::NaiveDate, style: Style) -> String {
    let mut table = style.table(&["ID", "Company", "Position", "Status", "Since", "Days"]);
    for app in apps {
        table.add_row(vec![
            style.number(app.id),
            style.text(&app.fields.company),
            style.text(&app.fields.position),
            style.status(app.status),
            style.text(&format_day(app.status_on)),
            style.number(days_between(app.status_on, today)),
        ]);
    }
    table.to_string()
}
