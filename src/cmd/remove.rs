//! `tracker rm`: delete an application and its history, only when told `--yes`.

use anyhow::{Result, bail};

use crate::Ctx;
use crate::cli::Remove;
use crate::output::{inert, print};
use crate::store;

pub fn run(ctx: &mut Ctx, args: &Remove) -> Result<()> {
    let (id, yes) = (args.id, args.yes);
    let app = ctx.store.write(|tx| {
        let app = store::apps::get(tx, id)?;
        if !yes {
            bail!(
                "not deleting application {id} ({} at {}) without --yes: there is no undo (run: tracker rm {id} --yes)",
                inert(&app.fields.position),
                inert(&app.fields.company)
            );
        }
        store::apps::delete(tx, id)?;
        Ok(app)
    })?;
    let f = &app.fields;
    Ok(print(&format!(
        "Deleted application {id} ({} at {}).",
        inert(&f.position),
        inert(&f.company)
    ))?)
}
