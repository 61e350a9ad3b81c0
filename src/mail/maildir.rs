//! A Maildir folder: the files in `new/` and `cur/`, read in name order, never renamed, moved or written (a
//! message's flags live in its name, so they stay as they were). Files are opened read-only, without
//! updating their access time where the system allows it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::source::{MAX_MESSAGE, Problem, Raw, Source, open_quietly};

pub struct Maildir {
    path: PathBuf,
}

impl Maildir {
    /// A Maildir at `path`: a folder holding `cur/` and `new/`.
    pub fn new(path: &Path) -> Result<Maildir> {
        if !path.exists() {
            bail!(
                "Maildir {} does not exist (check the path given with --maildir or in mail.maildir)",
                path.display()
            );
        }
        if !path.is_dir() {
            bail!(
                "{} is not a folder (give a Maildir folder, the one holding cur/, new/ and tmp/)",
                path.display()
            );
        }
        if !path.join("cur").is_dir() || !path.join("new").is_dir() {
            bail!(
                "{} is not a Maildir (it has no cur/ and new/ folders; give the folder that holds them, or use --mbox for an mbox file)",
                path.display()
            );
        }
        Ok(Maildir { path: path.to_owned() })
    }
}

impl Source for Maildir {
    fn name(&self) -> String {
        format!("maildir:{}", self.path.display())
    }

    fn each(&mut self, each: &mut dyn FnMut(Result<Raw, Problem>) -> Result<()>) -> Result<()> {
        for sub in ["new", "cur"] {
            let dir = self.path.join(sub);
            let mut names: Vec<PathBuf> = fs::read_dir(&dir)
                .with_context(|| format!("cannot read {}", dir.display()))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.file_name().is_some_and(|n| !n.to_string_lossy().starts_with('.')))
                .collect();
            names.sort();
            for path in names {
                let place = format!("{sub}/{}", path.file_name().unwrap_or_default().to_string_lossy());
                each(
                    read_message(&path)
                        .map_err(|reason| Problem {
                            place: place.clone(),
                            reason,
                        })
                        .map(|bytes| Raw { place, bytes }),
                )?;
            }
        }
        Ok(())
    }
}

/// Reads at most `MAX_MESSAGE` bytes of a regular file (a folder, FIFO or device is a problem, not a wait).
fn read_message(path: &Path) -> std::result::Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".to_owned());
    }
    let file = open_quietly(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(MAX_MESSAGE));
    file.take(MAX_MESSAGE as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_new_then_cur_in_name_order_and_reports_odd_entries() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["cur", "new", "tmp"] {
            fs::create_dir(dir.path().join(sub)).unwrap();
        }
        fs::write(dir.path().join("cur/2.host:2,S"), "Subject: b\n\nb\n").unwrap();
        fs::write(dir.path().join("cur/1.host:2,"), "Subject: a\n\na\n").unwrap();
        fs::write(dir.path().join("new/3.host"), "Subject: c\n\nc\n").unwrap();
        fs::write(dir.path().join("tmp/4.host"), "Subject: d\n\nd\n").unwrap();
        fs::create_dir(dir.path().join("cur/odd")).unwrap();
        let mut seen = Vec::new();
        Maildir::new(dir.path())
            .unwrap()
            .each(&mut |item| {
                seen.push(match item {
                    Ok(raw) => raw.place,
                    Err(problem) => format!("{}: {}", problem.place, problem.reason),
                });
                Ok(())
            })
            .unwrap();
        assert_eq!(
            seen,
            [
                "new/3.host",
                "cur/1.host:2,",
                "cur/2.host:2,S",
                "cur/odd: not a regular file"
            ]
        );
    }

    #[test]
    fn a_folder_that_is_not_a_maildir_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = Maildir::new(dir.path()).err().unwrap().to_string();
        assert!(err.ends_with("is not a Maildir (it has no cur/ and new/ folders; give the folder that holds them, or use --mbox for an mbox file)"), "{err}");
    }
}
