//! A vdir (the folder khal, todoman and vdirsyncer read): one `.ics` file per calendar item, named for its
//! UID. Syncing writes new and changed items (privately, in one step each), leaves unchanged ones untouched
//! (so a sync tool sees no change), and removes tracker's own files of items that no longer exist. Other
//! files in the folder are never touched.

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use anyhow::{Context, Result};

use super::ics::{self, Component};
use crate::private;

/// The names of tracker's files: `tracker-….ics`.
const PREFIX: &str = "tracker-";
const SUFFIX: &str = ".ics";

/// What a sync did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Synced {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

pub fn sync(dir: &Path, components: &[Component]) -> Result<Synced> {
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(
            "{} is not a folder (give the vdir's folder, e.g. ~/.calendars/tracker)",
            dir.display()
        );
    }
    private::create_dir(dir)?;
    let mut synced = Synced::default();
    let mut names = HashSet::with_capacity(components.len());
    for component in components {
        let name = format!("{}{SUFFIX}", component.uid);
        debug_assert!(name.starts_with(PREFIX) && !name.contains('/'));
        let path = dir.join(&name);
        let content = ics::file(component);
        if fs::read(&path).is_ok_and(|old| old == content.as_bytes()) {
            synced.unchanged += 1;
        } else {
            private::write_file(&path, content.as_bytes())?;
            synced.written += 1;
        }
        names.insert(name);
    }
    let entries = fs::read_dir(dir).with_context(|| format!("cannot read folder {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read folder {}", dir.display()))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(PREFIX) && name.ends_with(SUFFIX)) || names.contains(name) {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if meta.is_file() && meta.uid() == private::my_uid() {
            fs::remove_file(entry.path()).with_context(|| format!("cannot remove {}", entry.path().display()))?;
            synced.removed += 1;
        }
    }
    Ok(synced)
}
