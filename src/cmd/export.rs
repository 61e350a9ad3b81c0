//! `tracker export`: every application with its events as JSON, or one row per application as CSV.

use anyhow::Result;

use crate::Ctx;
use crate::cli::{Export, ExportFormat};
use crate::interop::{csv_out, ics};
use crate::json::app_out;
use crate::output::{json, say, shown_path};
use crate::{private, store};

pub fn run(ctx: &mut Ctx, args: &Export) -> Result<()> {
    let apps = everything(ctx.store.conn())?;
    let document = match args.format {
        ExportFormat::Json => json(&apps.iter().map(app_out).collect::<Vec<_>>()).into_bytes(),
        ExportFormat::Csv => csv_out::write(&apps)?,
        ExportFormat::Ics => {
            ics::calendar(&ics::all(&apps, ctx.clock.today, ctx.config.window, ctx.config.delays)).into_bytes()
        }
    };
    match &args.output {
        Some(path) => {
            private::write_new(path, &document, args.force)?;
            say(&format!(
                "Exported {} to {}.",
                crate::output::plural(apps.len(), "application"),
                shown_path(path)
            ));
            Ok(())
        }
        None => Ok(write_stdout(&document)?),
    }
}

fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)?;
    out.flush()
}

/// Every application with its events, in two queries (read in one snapshot).
pub fn everything(conn: &rusqlite::Connection) -> Result<Vec<crate::model::Application>> {
    let tx = conn.unchecked_transaction()?;
    let mut apps = store::apps::all(&tx)?;
    let mut events = store::events::all(&tx)?.into_iter().peekable();
    for app in &mut apps {
        while let Some((_, event)) = events.next_if(|(id, _)| *id == app.id) {
            app.events.push(event);
        }
    }
    Ok(apps)
}
