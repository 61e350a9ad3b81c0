//! IMAP: the only module that speaks IMAP or TLS. A small client of its own (RFC 3501 with SPECIAL-USE,
//! RFC 6154), so every read has a timeout, the password goes only in a literal, and nothing but rustls is
//! needed. Folders are opened with EXAMINE and messages read with BODY.PEEK: nothing on the server changes,
//! except the APPEND of `followup --to-drafts`.

mod parse;
mod password;
mod tls;
mod utf7;
mod wire;

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Result, anyhow};

use self::parse::{Response, State, Value, code_number, item, quoted};
use self::wire::{Done, Part, Wire};
use super::source::{MAX_MESSAGE, Problem, Raw, Source};
use crate::config::Imap;

/// The headers fetched first, to decide which messages' bodies to fetch.
const HEADERS: &str = "MESSAGE-ID DATE FROM TO CC SUBJECT IN-REPLY-TO REFERENCES";
/// Bodies fetched per command.
const BATCH: usize = 200;

/// Where to connect, and as whom.
pub struct Settings {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub password_command: String,
    pub starttls: bool,
    pub ca_file: Option<PathBuf>,
    pub timeout: Duration,
}

impl Settings {
    /// The settings from the configuration, or which one is missing.
    pub fn from_config(imap: &Imap, expand: impl Fn(&str) -> PathBuf) -> Result<Settings> {
        let need = |value: &Option<String>, key: &str, example: &str| {
            value.clone().ok_or_else(|| {
                anyhow!("mail.imap.{key} is not set (set it with: tracker config set mail.imap.{key} {example})")
            })
        };
        Ok(Settings {
            host: need(&imap.host, "host", "imap.example.org")?,
            user: need(&imap.user, "user", "you@example.org")?,
            password_command: need(&imap.password_command, "password_command", "\"pass show mail/imap\"")?,
            port: imap.port,
            starttls: imap.starttls,
            ca_file: imap.ca_file.as_deref().map(expand),
            timeout: Duration::from_secs(imap.timeout_secs),
        })
    }

    /// `user@host:port`: what the per-folder state belongs to.
    pub fn account(&self) -> String {
        format!("{}@{}:{}", self.user, self.host, self.port)
    }
}

/// A folder as EXAMINE found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Examined {
    pub uidvalidity: u32,
    pub uidnext: Option<u32>,
    pub exists: u32,
}

/// A logged-in connection.
pub struct Session {
    wire: Wire,
    host: String,
    capabilities: Vec<String>,
    /// Messages whose bodies were fetched (for the report).
    pub bodies_fetched: usize,
}

fn check(done: Done, what: impl FnOnce(&Done) -> String) -> Result<()> {
    if done.state == State::Ok {
        Ok(())
    } else {
        Err(anyhow!(what(&done)))
    }
}

/// A folder name as a command argument: modified UTF-7, quoted (or a literal when it cannot be).
fn mailbox(name: &str) -> String {
    let encoded = utf7::encode(name);
    quoted(&encoded).unwrap_or_else(|| format!("\"{}\"", encoded.replace('\\', "\\\\").replace('"', "\\\"")))
}

impl Session {
    /// Connects, starts TLS, and logs in with the password `password_command` prints.
    pub fn open(settings: &Settings) -> Result<Session> {
        let config = tls::config(settings.ca_file.as_deref())?;
        let password = password::run(&settings.password_command, settings.timeout)?;
        let mut wire = Wire::connect(&settings.host, settings.port, settings.timeout)?;
        if settings.starttls {
            wire.greeting()?;
            let done = wire.run(&[Part::Text("STARTTLS")], &mut |_| Ok(()))?;
            check(done, |d| {
                format!(
                    "the IMAP server {} does not offer STARTTLS ({}) (set mail.imap.tls to implicit, usually with port 993)",
                    settings.host, d.text
                )
            })?;
            wire.start_tls(config)?;
        } else {
            wire.start_tls(config)?;
            wire.greeting()?;
        }
        let mut session = Session {
            wire,
            host: settings.host.clone(),
            capabilities: Vec::new(),
            bodies_fetched: 0,
        };
        let done = session.wire.run(
            &[
                Part::Text("LOGIN "),
                Part::Literal(settings.user.as_bytes()),
                Part::Text(" "),
                Part::Literal(password.as_bytes()),
            ],
            &mut |_| Ok(()),
        )?;
        drop(password);
        check(done, |d| {
            format!(
                "the IMAP server {} refused the login of {}: {} (check mail.imap.user and the password mail.imap.password_command prints; Gmail and Fastmail need an app password)",
                settings.host,
                settings.user,
                if d.text.is_empty() { "no reason given" } else { &d.text }
            )
        })?;
        let mut capabilities = Vec::new();
        let done = session.wire.run(&[Part::Text("CAPABILITY")], &mut |r| {
            if let Response::Capability(c) = r {
                capabilities = c;
            }
            Ok(())
        })?;
        check(done, |d| format!("CAPABILITY failed: {}", d.text))?;
        session.capabilities = capabilities;
        Ok(session)
    }

    /// The folder the server marks with `flag` (`\Sent`, `\Drafts`), if any.
    pub fn special_folder(&mut self, flag: &str) -> Result<Option<String>> {
        let extended = self.capabilities.iter().any(|c| c == "SPECIAL-USE")
            && self.capabilities.iter().any(|c| c == "LIST-EXTENDED");
        let command = if extended {
            "LIST (SPECIAL-USE) \"\" \"*\""
        } else {
            "LIST \"\" \"*\""
        };
        let wanted = flag.to_ascii_lowercase();
        let mut found = None;
        let done = self.wire.run(&[Part::Text(command)], &mut |r| {
            if let Response::List { flags, name } = r
                && found.is_none()
                && flags.contains(&wanted)
            {
                found = Some(utf7::decode(&String::from_utf8_lossy(&name)));
            }
            Ok(())
        })?;
        check(done, |d| {
            format!("listing the folders of {} failed: {}", self.host, d.text)
        })?;
        Ok(found)
    }

    /// Opens a folder read-only.
    pub fn examine(&mut self, folder: &str) -> Result<Examined> {
        let (mut uidvalidity, mut uidnext, mut exists) = (None, None, 0);
        let command = format!("EXAMINE {}", mailbox(folder));
        let done = self.wire.run(&[Part::Text(&command)], &mut |r| {
            match r {
                Response::Status { code, .. } => {
                    uidvalidity = uidvalidity.or(code_number(code.as_deref(), "UIDVALIDITY"));
                    uidnext = uidnext.or(code_number(code.as_deref(), "UIDNEXT"));
                }
                Response::Exists(n) => exists = n,
                _ => {}
            }
            Ok(())
        })?;
        check(done, |d| {
            format!(
                "the IMAP server {} has no folder {folder:?} ({}) (check mail.imap.folders, mail.imap.sent_folder and mail.imap.drafts_folder)",
                self.host, d.text
            )
        })?;
        let uidvalidity = uidvalidity
            .ok_or_else(|| anyhow!("the IMAP server {} gave folder {folder:?} no UIDVALIDITY", self.host))?;
        Ok(Examined {
            uidvalidity,
            uidnext,
            exists,
        })
    }

    /// The header block of every message with a UID from `from` on, by UID.
    pub fn headers(&mut self, from: u32) -> Result<Vec<(u32, Vec<u8>)>> {
        let command = format!("UID FETCH {from}:* (UID BODY.PEEK[HEADER.FIELDS ({HEADERS})])");
        let mut out = Vec::new();
        let done = self.wire.run(&[Part::Text(&command)], &mut |r| {
            if let Response::Fetch(items) = r
                && let Some(uid) = item(&items, "UID").and_then(Value::number)
                && uid >= from
            {
                let headers = item(&items, "BODY[").and_then(Value::bytes).unwrap_or_default();
                out.push((uid, headers.to_vec()));
            }
            Ok(())
        })?;
        check(done, |d| {
            format!("fetching headers from {} failed: {}", self.host, d.text)
        })?;
        Ok(out)
    }

    /// Fetches the messages with these UIDs (each at most [`MAX_MESSAGE`] bytes), without setting `\Seen`.
    pub fn bodies(&mut self, uids: &[u32], each: &mut dyn FnMut(u32, Vec<u8>) -> Result<()>) -> Result<()> {
        for batch in uids.chunks(BATCH) {
            let set: Vec<String> = batch.iter().map(u32::to_string).collect();
            let command = format!("UID FETCH {} (UID BODY.PEEK[]<0.{MAX_MESSAGE}>)", set.join(","));
            let mut fetched = 0;
            let done = self.wire.run(&[Part::Text(&command)], &mut |r| {
                if let Response::Fetch(items) = r
                    && let Some(uid) = item(&items, "UID").and_then(Value::number)
                    && let Some(body) = item(&items, "BODY[").and_then(Value::bytes)
                {
                    fetched += 1;
                    each(uid, body.to_vec())?;
                }
                Ok(())
            })?;
            self.bodies_fetched += fetched;
            check(done, |d| {
                format!("fetching messages from {} failed: {}", self.host, d.text)
            })?;
        }
        Ok(())
    }

    /// Appends a message to `folder` with the given flags (such as `\Draft`).
    pub fn append(&mut self, folder: &str, flags: &str, message: &[u8]) -> Result<()> {
        let head = format!("APPEND {} ({flags}) ", mailbox(folder));
        let done = self
            .wire
            .run(&[Part::Text(&head), Part::Literal(message)], &mut |_| Ok(()))?;
        check(done, |d| {
            format!(
                "the IMAP server {} did not take the draft into {folder:?}: {} (check mail.imap.drafts_folder)",
                self.host, d.text
            )
        })
    }

    /// Says goodbye (best effort: the work is done).
    pub fn logout(mut self) {
        let _ = self.wire.run(&[Part::Text("LOGOUT")], &mut |_| Ok(()));
        self.wire.close();
    }
}

/// One folder's messages from a UID on: headers first, then the bodies of those `wanted` asks for.
pub struct Folder<'a> {
    pub session: &'a mut Session,
    pub name: String,
    pub account: String,
    pub from_uid: u32,
    /// The highest UID seen in this read (for the folder's state).
    pub highest: u32,
}

impl Source for Folder<'_> {
    fn name(&self) -> String {
        format!("imap:{}/{}", self.account, self.name)
    }

    fn each(&mut self, each: &mut dyn FnMut(Result<Raw, Problem>) -> Result<()>) -> Result<()> {
        self.each_wanted(&mut |_| Ok(true), each)
    }

    fn each_wanted(
        &mut self,
        wanted: &mut dyn FnMut(&[u8]) -> Result<bool>,
        each: &mut dyn FnMut(Result<Raw, Problem>) -> Result<()>,
    ) -> Result<()> {
        let headers = self.session.headers(self.from_uid)?;
        let mut uids = Vec::new();
        for (uid, block) in &headers {
            self.highest = self.highest.max(*uid);
            if wanted(block)? {
                uids.push(*uid);
            }
        }
        drop(headers);
        // A message expunged between the two fetches is simply not read.
        let place = |uid: u32| format!("imap:{}/{};uid={uid}", self.account, self.name);
        self.session.bodies(&uids, &mut |uid, bytes| {
            each(Ok(Raw {
                place: place(uid),
                bytes,
            }))
        })
    }
}
