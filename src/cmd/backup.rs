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
    let name = dest
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    // A fresh 0600 file under an unpredictable name, created exclusively beside the destination (a planted
    // file or symlink is never used); removed if anything fails, renamed into place once the copy is checked.
    let tmp = private::temp_beside(private::folder_of(dest), &name, ".partial")?;
    let journal = {
        let mut name = tmp.path().as_os_str().to_owned();
        name.push("-journal");
        std::path::PathBuf::from(name)
    };
    let copied = store::health::backup(ctx.store.conn(), tmp.path());
    let _ = fs::remove_file(&journal);
    copied?;
    // Without --force, a file (or symlink) that appeared at the destination meanwhile is not replaced either.
    let placed = if args.force {
        tmp.persist(dest)
    } else {
        tmp.persist_noclobber(dest)
    };
    if let Err(error) = placed {
        if error.error.kind() == std::io::ErrorKind::AlreadyExists {
            bail!("{} already exists (use --force to replace it)", dest.display());
        }
        return Err(error.error).with_context(|| format!("cannot write {}", dest.display()));
    }
    let count = store::apps::count(ctx.store.conn())?;
    Ok(print(&format!(
        "Backed up {} to {}.",
        crate::output::plural(usize::try_from(count).unwrap_or(0), "application"),
        shown_path(dest)
    ))?)
}
