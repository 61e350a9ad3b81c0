//! `tracker backup`: a consistent, private copy of the database, safe while other processes write.

use std::fs;

use anyhow::{Context, Result, bail};

use crate::cli::Backup;
use crate::output::{print, shown_path};
use crate::{Ctx, private, store};

pub fn run(ctx: &mut Ctx, args: &Backup) -> Result<()> {
    let dest = &args.path;
    if dest.is_dir() {
        bail!(
            "{} is a directory (give the backup's file name, e.g. {}/tracker-backup.db)",
            dest.display(),
            dest.display()
        );
    }
    if dest.exists() {
        if !args.force {
            bail!("{} already exists (use --force to replace it)", dest.display());
        }
        if fs::canonicalize(dest).ok() == fs::canonicalize(&ctx.paths.db).ok() {
            bail!("{} is the database itself; back up to another file", dest.display());
        }
    }
    let dir = dest
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = dest
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.partial", std::process::id()));
    let _ = fs::remove_file(&tmp);
    private::create_file(&tmp)?;
    let copied = store::health::backup(ctx.store.conn(), &tmp)
        .and_then(|()| fs::rename(&tmp, dest).with_context(|| format!("cannot write {}", dest.display())));
    if let Err(error) = copied {
        let _ = fs::remove_file(&tmp);
        let _ = fs::remove_file(tmp.with_extension("partial-journal"));
        return Err(error);
    }
    let count = store::apps::count(ctx.store.conn())?;
    Ok(print(&format!(
        "Backed up {count} applications to {}.",
        shown_path(dest)
    ))?)
}
