//! The `mail.imap.*` settings and their checks.

use anyhow::{Result, bail};
use toml::Value;

use super::text;

/// The `mail.imap.*` settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Imap {
    pub host: Option<String>,
    pub port: u16,
    pub user: Option<String>,
    pub password_command: Option<String>,
    pub starttls: bool,
    pub ca_file: Option<String>,
    pub folders: Vec<String>,
    pub sent_folder: Option<String>,
    pub drafts_folder: Option<String>,
    pub timeout_secs: u64,
}

impl Default for Imap {
    fn default() -> Imap {
        Imap {
            host: None,
            port: 993,
            user: None,
            password_command: None,
            starttls: false,
            ca_file: None,
            folders: vec!["INBOX".to_owned()],
            sent_folder: None,
            drafts_folder: None,
            timeout_secs: 30,
        }
    }
}

/// A host name or IP address, as a URL would hold it.
pub(super) fn host(value: &str) -> Result<Value> {
    let value = value.trim();
    let ok = !value.is_empty()
        && value.len() <= 253
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']' | '_'));
    if !ok {
        bail!("{value:?} is not a host name (expected a name such as imap.example.org or an IP address)");
    }
    Ok(Value::String(value.to_owned()))
}

pub(super) fn port(value: &str) -> Result<Value> {
    match value.trim().parse::<u16>() {
        Ok(n) if n > 0 => Ok(Value::Integer(n.into())),
        _ => bail!("expected a port number from 1 to 65535, got {value:?}"),
    }
}

pub(super) fn tls(value: &str) -> Result<Value> {
    match value.trim() {
        "implicit" | "starttls" => Ok(Value::String(value.trim().to_owned())),
        _ => bail!("expected implicit or starttls, got {value:?} (there is no plaintext mode)"),
    }
}

pub(super) fn timeout(value: &str) -> Result<Value> {
    match value.trim().parse::<i64>() {
        Ok(n) if (1..=600).contains(&n) => Ok(Value::Integer(n)),
        _ => bail!("expected a whole number of seconds from 1 to 600, got {value:?}"),
    }
}

/// A command line split on white space (run without a shell, so no quoting).
pub(super) fn command(value: &str) -> Result<Value> {
    text(value)?;
    if value.split_whitespace().next().is_none() {
        bail!("the command must not be empty");
    }
    Ok(Value::String(value.trim().to_owned()))
}

/// A mailbox name: any text but the characters IMAP cannot quote.
pub(super) fn folder(value: &str) -> Result<Value> {
    text(value)?;
    if value.contains(['"', '\\']) {
        bail!("a folder name must not contain a quote or a backslash, got {value:?}");
    }
    Ok(Value::String(value.to_owned()))
}
