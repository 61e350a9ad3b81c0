//! `tracker calendar --vdir DIR`: the follow-ups due or coming, one `.ics` file each, in a folder that khal,
//! todoman and vdirsyncer read. Quiet when nothing changed, so cron mails only news.

use anyhow::Result;

use crate::Ctx;
use crate::cli::Calendar;
use crate::cmd::export::everything;
use crate::interop::{ics, vdir};
use crate::output::{print, shown_path};

pub fn run(ctx: &mut Ctx, args: &Calendar) -> Result<()> {
    let apps = everything(ctx.store.conn())?;
    let components = ics::all(&apps, ctx.clock.today, ctx.config.window, ctx.config.delays);
    let synced = vdir::sync(&args.vdir, &components)?;
    if synced.written == 0 && synced.removed == 0 {
        return Ok(());
    }
    Ok(print(&format!(
        "Calendar {}: {} items written, {} removed, {} unchanged.",
        shown_path(&args.vdir),
        synced.written,
        synced.removed,
        synced.unchanged
    ))?)
}
