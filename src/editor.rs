//! The boundary to the user's text editor: `$VISUAL` or `$EDITOR`, run directly (never through a shell) on
//! a private temporary file that is removed on every way out.
//!
//! The file comes from `tempfile`: a fresh unpredictable name in the temporary folder, created with `O_EXCL`
//! and mode 0600. While the editor runs, SIGTERM and SIGHUP end the editor and tracker (the file is removed
//! first); SIGINT and SIGQUIT, which a terminal also sends to the editor, are left to the editor, as git does
//! (Ctrl-C inside vim must not throw the text away): if the editor dies of one, the edit fails.

use std::io::Write;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::flag;

/// What is being edited, for the file's name and the messages.
pub struct Purpose {
    /// "notes", "draft".
    pub what: &'static str,
    /// How to do without an editor.
    pub instead: &'static str,
}

/// An application's notes.
pub const NOTES: Purpose = Purpose {
    what: "notes",
    instead: "or use --notes TEXT",
};

/// A follow-up draft.
pub const DRAFT: Purpose = Purpose {
    what: "draft",
    instead: "or leave out --edit and copy the printed draft",
};

/// Opens `text` (the notes) in the editor and returns what the file holds when the editor ends successfully.
pub fn edit(text: &str) -> Result<String> {
    edit_as(text, &NOTES)
}

/// Opens `text` in the editor as `purpose` says, and returns what the file holds when the editor ends
/// successfully.
pub fn edit_as(text: &str, purpose: &Purpose) -> Result<String> {
    let what = purpose.what;
    let were = if what.ends_with('s') { "were" } else { "was" };
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|v| !v.trim().is_empty()))
        .with_context(|| format!("set VISUAL or EDITOR to edit {what} ({})", purpose.instead))?;
    let mut words = editor.split_whitespace();
    let program = words.next().context("VISUAL/EDITOR is empty")?;
    let mut file = tempfile::Builder::new()
        .prefix(&format!("tracker-{what}-"))
        .suffix(".txt")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile()
        .with_context(|| format!("cannot create a private temporary file for the {what}"))?;
    let mut contents = text.to_owned();
    if !contents.is_empty() && !contents.ends_with('\n') {
        contents.push('\n');
    }
    file.write_all(contents.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write the {what} to a temporary file"))?;

    let guard = Signals::catch()?;
    let mut child = Command::new(program)
        .args(words)
        .arg(file.path())
        .spawn()
        .with_context(|| format!("cannot start the editor {program:?}"))?;
    let status = loop {
        if let Some(signal) = guard.stop() {
            let _ = child.kill();
            let _ = child.wait();
            drop(file);
            bail!("stopped by {signal} while the editor was open; the {what} {were} not changed");
        }
        match child.try_wait().context("cannot wait for the editor")? {
            Some(status) => break status,
            None => std::thread::sleep(Duration::from_millis(25)),
        }
    };
    // Read by name: many editors save by writing a new file and renaming it over the old one.
    let edited = std::fs::read_to_string(file.path());
    drop(file);
    guard.release();
    if let Some(signal) = guard.stop() {
        bail!("stopped by {signal} while the editor was open; the {what} {were} not changed");
    }
    if !status.success() {
        bail!("the editor {program:?} failed ({status}); {what} left unchanged");
    }
    edited.with_context(|| format!("cannot read the edited {what}"))
}

/// The signals caught while the editor runs; once released, they do what they would have done anyway.
struct Signals {
    stop: Arc<AtomicUsize>,
    released: Arc<AtomicBool>,
}

impl Signals {
    fn catch() -> Result<Signals> {
        let stop = Arc::new(AtomicUsize::new(0));
        let released = Arc::new(AtomicBool::new(false));
        let register = || -> std::io::Result<()> {
            for signal in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
                // Registered first, so it runs first: after release, the signal's default action.
                flag::register_conditional_default(signal, Arc::clone(&released))?;
            }
            for signal in [SIGTERM, SIGHUP] {
                flag::register_usize(signal, Arc::clone(&stop), usize::try_from(signal).unwrap_or(1))?;
            }
            Ok(())
        };
        register().context("cannot catch signals while the editor runs")?;
        Ok(Signals { stop, released })
    }

    /// The name of the stopping signal that arrived, if one did.
    fn stop(&self) -> Option<&'static str> {
        match self.stop.load(Ordering::SeqCst) {
            0 => None,
            n if n == usize::try_from(SIGHUP).unwrap_or(0) => Some("SIGHUP"),
            _ => Some("SIGTERM"),
        }
    }

    fn release(&self) {
        self.released.store(true, Ordering::SeqCst);
    }
}
