//! `tracker export`: every application with its events, as a JSON array.

use anyhow::Result;

use crate::Ctx;
use crate::cli::Export;
use crate::json::app_out;
use crate::output::{json, print, say, shown_path};
use crate::{private, store};

pub fn run(ctx: &mut Ctx, args: &Export) -> Result<()> {
    let apps = everything(ctx.store.conn())?;
    let document = json(&apps.iter().map(app_out).collect::<Vec<_>>());
    match &args.output {
        Some(path) => {
            private::write_file(path, document.as_bytes())?;
            say(&format!(
                "Exported {} to {}.",
                crate::output::plural(apps.len(), "application"),
                shown_path(path)
            ));
            Ok(())
        }
        None => Ok(print(&document)?),
    }
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
