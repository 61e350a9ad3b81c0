//! Where messages come from: one small trait, with a Maildir folder, an mbox file and an IMAP
//! folder behind it. A source only reads: it never renames, moves, writes or flags anything.

use std::fs::{File, OpenOptions};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::Result;

/// The most of one message that is read; the rest (a large attachment, say) is skipped. Headers and the
/// text part come first in real mail, so recognition loses nothing, and memory stays bounded.
pub const MAX_MESSAGE: usize = 2 * 1024 * 1024;

/// One message's bytes (at most [`MAX_MESSAGE`]) and where it was found, for reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raw {
    pub place: String,
    pub bytes: Vec<u8>,
}

/// One item a source could not read, and why; the scan counts it and goes on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub place: String,
    pub reason: String,
}

/// A stream of raw messages.
pub trait Source {
    /// `maildir:PATH`, `mbox:PATH`: how proposals name where their message came from.
    fn name(&self) -> String;

    /// Calls `each` with every message in the source's order, or with the problem of an item that cannot be
    /// read. An error from `each` stops the stream; an error returned otherwise means the whole source could
    /// not be read (a missing folder, say).
    fn each(&mut self, each: &mut dyn FnMut(Result<Raw, Problem>) -> Result<()>) -> Result<()>;

    /// Like `each`, but a source that can read a message's header block alone (IMAP) first asks `wanted`
    /// with it, and reads the whole message only when `wanted` says yes (the caller counts the others).
    fn each_wanted(
        &mut self,
        wanted: &mut dyn FnMut(&[u8]) -> Result<bool>,
        each: &mut dyn FnMut(Result<Raw, Problem>) -> Result<()>,
    ) -> Result<()> {
        let _ = wanted;
        self.each(each)
    }
}

/// Opens a mail file read-only and non-blocking, without updating its access time where the system allows
/// it (for files the user owns): mail readers compare access and modification times to spot new mail.
pub fn open_quietly(path: &Path) -> std::io::Result<File> {
    let open = |flags| {
        OpenOptions::new()
            .read(true)
            .custom_flags(flags | libc::O_NONBLOCK | libc::O_NOCTTY)
            .open(path)
    };
    open(libc::O_NOATIME).or_else(|_| open(0))
}
