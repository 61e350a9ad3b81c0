//! `tracker rm`: delete applications and their history, all in one transaction, only when told `--yes`.

use anyhow::{Result, bail};

use crate::Ctx;
use crate::cli::Remove;
use crate::model::Application;
use crate::output::{inert, print};
use crate::store;

fn describe(app: &Application) -> String {
    format!("{} at {}", inert(&app.fields.position), inert(&app.fields.company))
}

pub fn run(ctx: &mut Ctx, args: &Remove) -> Result<()> {
    let mut ids = args.ids.clone();
    ids.sort_unstable();
    ids.dedup();
    let yes = args.yes;
    let apps = ctx.store.write(|tx| {
        let apps = ids
            .iter()
            .map(|id| store::apps::get(tx, *id))
            .collect::<Result<Vec<_>>>()?;
        if !yes {
            let typed: Vec<String> = ids.iter().map(i64::to_string).collect();
            let what = match apps.as_slice() {
                [app] => format!("application {} ({})", app.id, describe(app)),
                _ => format!("applications {}", typed.join(", ")),
            };
            bail!(
                "not deleting {what} without --yes: there is no undo (run: tracker rm {} --yes)",
                typed.join(" ")
            );
        }
        for id in &ids {
            store::apps::delete(tx, *id)?;
        }
        Ok(apps)
    })?;
    let lines: Vec<String> = apps
        .iter()
        .map(|app| format!("Deleted application {} ({}).", app.id, describe(app)))
        .collect();
    Ok(print(&lines.join("\n"))?)
}
