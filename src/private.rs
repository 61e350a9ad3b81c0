//! Files and folders that hold personal data: created readable by their owner only (0600 / 0700 on Unix),
//! always under a fresh, unpredictable name opened with `O_EXCL`, so a file or symlink another user planted
//! is never followed, truncated or reused.

use std::fs::{self, DirBuilder, File, OpenOptions, Permissions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use tempfile::NamedTempFile;

/// A leftover of tracker's own (from a run that was killed) older than this is no longer being written.
const LEFTOVER_AGE: Duration = Duration::from_secs(15 * 60);

/// Creates a folder and its missing parents, 0700; an existing folder is left as it is.
pub fn create_dir(dir: &Path) -> Result<()> {
    if dir.as_os_str().is_empty() || dir.exists() {
        return Ok(());
    }
    let mut builder = DirBuilder::new();
    builder.recursive(true);
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("cannot create folder {}", dir.display()))
}

/// Creates an empty file, 0600, with its folder, exclusively (`O_EXCL`, so a symlink is never followed); a
/// regular file that already exists is left untouched, a symlink there is refused.
pub fn create_file(path: &Path) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir(parent)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => match fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() => Ok(()),
            _ => bail!(
                "{} is a symlink to a missing file (remove the link, or create the file it points to)",
                path.display()
            ),
        },
        Err(e) => Err(e).with_context(|| format!("cannot create {}", path.display())),
    }
}

/// The id of the user tracker runs as.
pub fn my_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// The folder a file lives in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A new empty file in `dir`, 0600, named `.NAME.<random>SUFFIX`, created with `O_EXCL`; removed when dropped.
/// Leftovers of the same pattern from killed runs are removed first.
pub fn temp_beside(dir: &Path, name: &str, suffix: &str) -> Result<NamedTempFile> {
    create_dir(dir)?;
    let prefix = format!(".{name}.");
    let file = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(suffix)
        .permissions(Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    remove_leftovers(dir, &prefix, suffix, file.path());
    Ok(file)
}

/// Removes tracker's own leftovers in `dir` named `PREFIX*SUFFIX` (and their SQLite `-journal`): regular
/// files (never symlinks), owned by this user, unchanged for [`LEFTOVER_AGE`] compared with `fresh`, a file
/// just created, so no second clock is read. Anything else is left alone; failures are ignored.
fn remove_leftovers(dir: &Path, prefix: &str, suffix: &str, fresh: &Path) {
    let Some(now) = fs::metadata(fresh).and_then(|m| m.modified()).ok() else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let journal = format!("{suffix}-journal");
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let middle = name.strip_prefix(prefix).and_then(|rest| {
            rest.strip_suffix(suffix)
                .or_else(|| rest.strip_suffix(journal.as_str()))
        });
        if middle.is_none_or(str::is_empty) || entry.path() == fresh {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= LEFTOVER_AGE);
        if meta.is_file() && meta.uid() == my_uid() && old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Where a write to a path the user named goes.
enum Target {
    /// A regular file (or none yet): replaced in one step beside it.
    Replace(PathBuf),
    /// A FIFO, a device or a socket: written through, never replaced by a regular file.
    Through(PathBuf),
}

/// Follows a symlink the user (or the system, as `/dev/stdout`) owns to what it points to; refuses one that
/// another user owns (planted in a shared folder) and one that points nowhere.
fn target(path: &Path) -> Result<Target> {
    let shown = path.display();
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Target::Replace(path.to_owned())),
        Err(e) => return Err(e).with_context(|| format!("cannot write {shown}")),
    };
    if meta.is_dir() {
        bail!("{shown} is a directory (give a file path)");
    }
    if meta.is_file() {
        return Ok(Target::Replace(path.to_owned()));
    }
    if meta.file_type().is_symlink() {
        if meta.uid() != my_uid() && meta.uid() != 0 {
            bail!(
                "{shown} is a symlink owned by another user, and tracker does not write through it (remove it or choose another path)"
            );
        }
        let pointed = fs::metadata(path).with_context(|| {
            format!("{shown} is a symlink to a missing file (remove the link, or create the file it points to)")
        })?;
        if pointed.is_dir() {
            bail!("{shown} is a directory (give a file path)");
        }
        if !pointed.is_file() {
            return Ok(Target::Through(path.to_owned()));
        }
        let real = fs::canonicalize(path).with_context(|| format!("cannot follow the symlink {shown}"))?;
        return Ok(Target::Replace(real));
    }
    Ok(Target::Through(path.to_owned()))
}

/// Writes a whole file, 0600. A regular file is replaced in one step (a crash leaves the old or the new one)
/// through a fresh temporary file beside it; a symlink is followed (the file it points to is replaced, the
/// link stays); a FIFO or a device such as `/dev/stdout` is written through.
pub fn write_file(path: &Path, contents: &[u8]) -> Result<()> {
    let written = match target(path)? {
        Target::Through(device) => OpenOptions::new()
            .write(true)
            .open(device)
            .and_then(|mut file| file.write_all(contents))
            .map_err(anyhow::Error::from),
        Target::Replace(real) => replace(&real, contents),
    };
    written.with_context(|| format!("cannot write {}", path.display()))
}

/// Writes a whole file as [`write_file`] does, but refuses to replace an existing regular file unless
/// `replace` is set, also when one appears meanwhile (the temporary file is moved in with no-clobber).
/// FIFOs and devices are written through.
pub fn write_new(path: &Path, contents: &[u8], replace: bool) -> Result<()> {
    let exists = || anyhow::anyhow!("{} already exists (use --force to replace it)", path.display());
    match target(path)? {
        Target::Through(_) | Target::Replace(_) if replace => write_file(path, contents),
        Target::Through(_) => write_file(path, contents),
        Target::Replace(real) => {
            if fs::symlink_metadata(&real).is_ok() {
                return Err(exists());
            }
            let name = real
                .file_name()
                .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
            let mut tmp = temp_beside(folder_of(&real), &name, ".tmp")?;
            let written = tmp.write_all(contents).and_then(|()| tmp.as_file().sync_all());
            written.with_context(|| format!("cannot write {}", path.display()))?;
            match tmp.persist_noclobber(&real) {
                Ok(_) => Ok(()),
                Err(e) if e.error.kind() == ErrorKind::AlreadyExists => Err(exists()),
                Err(e) => Err(e.error).with_context(|| format!("cannot write {}", path.display())),
            }
        }
    }
}

fn replace(path: &Path, contents: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let mut tmp = temp_beside(folder_of(path), &name, ".tmp")?;
    tmp.write_all(contents)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path)?;
    Ok(())
}

/// The real path of a file the user named: a symlink the user owns is followed, as [`write_file`] does.
pub fn real_path(path: &Path) -> Result<PathBuf> {
    Ok(match target(path)? {
        Target::Replace(real) | Target::Through(real) => real,
    })
}

/// Opens a folder to lock it (`File::lock` on the folder itself: no new file at a predictable name).
pub fn lock_folder(dir: &Path) -> Result<File> {
    create_dir(dir)?;
    let folder = File::open(dir).with_context(|| format!("cannot open folder {}", dir.display()))?;
    folder
        .lock()
        .with_context(|| format!("cannot lock folder {}", dir.display()))?;
    Ok(folder)
}

/// One warning line when other users can write to the folder holding the database: they could plant a
/// `-wal` or `-journal` file beside it, or replace the file itself.
pub fn warn_if_shared(db: &Path) {
    let dir = folder_of(db);
    let Ok(meta) = fs::metadata(dir) else { return };
    let writable_by_others = meta.mode() & 0o022 != 0;
    let foreign_owner = meta.uid() != my_uid() && meta.uid() != 0;
    if writable_by_others || foreign_owner {
        let who = if foreign_owner {
            "belongs to another user"
        } else {
            "is writable by other users"
        };
        crate::output::say(&format!(
            "tracker: warning: the database's folder {} {who}, who could plant files beside the database (move it to a private folder, e.g. the default, or run: chmod go-w {})",
            crate::output::inert(&dir.display().to_string()),
            crate::output::inert(&dir.display().to_string())
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_our_own_only_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let make = |name: &str, age_old: bool| {
            let path = dir.path().join(name);
            let file = File::create(&path).unwrap();
            if age_old {
                file.set_modified(old).unwrap();
            }
            path
        };
        let stale = make(".x.json.4242.tmp", true);
        let stale_journal = make(".x.json.aBc123.tmp-journal", true);
        let recent = make(".x.json.zzz.tmp", false);
        let other = make(".y.json.4242.tmp", true);
        let bare = make(".x.json..tmp", true);
        std::os::unix::fs::symlink("/etc/passwd", dir.path().join(".x.json.link.tmp")).unwrap();
        write_file(&dir.path().join("x.json"), b"{}").unwrap();
        assert!(!stale.exists() && !stale_journal.exists());
        assert!(recent.exists() && other.exists() && bare.exists());
        assert!(fs::symlink_metadata(dir.path().join(".x.json.link.tmp")).is_ok());
        assert_eq!(fs::read(dir.path().join("x.json")).unwrap(), b"{}");
    }
}
