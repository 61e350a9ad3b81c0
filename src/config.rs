//! The TOML configuration file: known keys, their defaults, validation, and private writes.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use anyhow::{Context, Result, bail};
use toml::{Table, Value};

use crate::model::FollowupKind;
use crate::model::followup::{Delays, Window};

mod imap;
pub use imap::Imap;
use imap::{command, folder, host, port, timeout, tls};

/// A key the configuration file may hold.
pub struct Key {
    pub name: &'static str,
    pub default: Option<&'static str>,
    pub help: &'static str,
    /// A list of values (`config set KEY V1 V2 ...`), each checked by `check`.
    pub list: bool,
    check: fn(&str) -> Result<Value>,
}

pub const KEYS: &[Key] = &[
    Key {
        name: "user.name",
        default: None,
        help: "your name, used to sign follow-up emails",
        list: false,
        check: text,
    },
    Key {
        name: "user.email",
        default: None,
        help: "your email address, the From of .eml drafts",
        list: false,
        check: address,
    },
    Key {
        name: "followup.after_days",
        default: Some("2"),
        help: "days after a rejection before its follow-up is due",
        list: false,
        check: |v| days(v, 0),
    },
    Key {
        name: "followup.expire_after_days",
        default: Some("30"),
        help: "days after a rejection when its follow-up stops being due",
        list: false,
        check: |v| days(v, 1),
    },
    Key {
        name: "followup.kind",
        default: Some("combined"),
        help: "the default email: feedback, network or combined",
        list: false,
        check: |v| match v.parse::<FollowupKind>() {
            Ok(kind) if kind.is_rejection() => Ok(Value::String(kind.as_str().to_owned())),
            Ok(kind) => bail!("{kind} is not a rejection follow-up (expected one of: feedback, network, combined)"),
            Err(_) => bail!("unknown follow-up kind {v:?} (expected one of: feedback, network, combined)"),
        },
    },
    Key {
        name: "checkin.after_days",
        default: Some("14"),
        help: "days without news after applying before a check-in is due",
        list: false,
        check: |v| days(v, 1),
    },
    Key {
        name: "checkin.after_interview_days",
        default: Some("7"),
        help: "days without news after the last interview before a check-in is due",
        list: false,
        check: |v| days(v, 1),
    },
    Key {
        name: "checkin.ghost_after_days",
        default: Some("45"),
        help: "days of silence after which due suggests marking an application ghosted",
        list: false,
        check: |v| days(v, 2),
    },
    Key {
        name: "thanks.within_days",
        default: Some("2"),
        help: "days after an interview during which its thank-you note is due",
        list: false,
        check: |v| days(v, 0),
    },
    Key {
        name: "mail.maildir",
        default: None,
        help: "Maildir folders `mail scan` reads (a list: tracker config set mail.maildir DIR...)",
        list: true,
        check: text,
    },
    Key {
        name: "mail.mbox",
        default: None,
        help: "mbox files `mail scan` reads (a list: tracker config set mail.mbox FILE...)",
        list: true,
        check: text,
    },
    Key {
        name: "mail.auto_threshold",
        default: Some("0.9"),
        help: "the confidence from which `mail scan --auto` applies a proposal (0 to 1)",
        list: false,
        check: fraction,
    },
    Key {
        name: "mail.me",
        default: None,
        help: "your other addresses (a list); mail from them, as from user.email, is never a proposal",
        list: true,
        check: address,
    },
    Key {
        name: "mail.imap.host",
        default: None,
        help: "the IMAP server `mail scan --imap` reads, such as imap.gmail.com",
        list: false,
        check: host,
    },
    Key {
        name: "mail.imap.port",
        default: Some("993"),
        help: "the IMAP server's port (993 for implicit TLS, usually 143 for starttls)",
        list: false,
        check: port,
    },
    Key {
        name: "mail.imap.user",
        default: None,
        help: "the IMAP login name, often your address",
        list: false,
        check: text,
    },
    Key {
        name: "mail.imap.password_command",
        default: None,
        help: "a command (run without a shell) whose first line of output is the IMAP password, e.g. pass show mail/imap",
        list: false,
        check: command,
    },
    Key {
        name: "mail.imap.tls",
        default: Some("implicit"),
        help: "implicit (TLS from the start) or starttls; there is no plaintext mode",
        list: false,
        check: tls,
    },
    Key {
        name: "mail.imap.ca_file",
        default: None,
        help: "an extra trusted CA certificate (PEM) for a self-hosted server; certificates are always verified",
        list: false,
        check: text,
    },
    Key {
        name: "mail.imap.folders",
        default: Some("INBOX"),
        help: "the folders `mail scan --imap` reads (a list), besides the Sent folder",
        list: true,
        check: folder,
    },
    Key {
        name: "mail.imap.sent_folder",
        default: None,
        help: "the folder of mail you sent [default: the one the server marks \\Sent, else Sent]",
        list: false,
        check: folder,
    },
    Key {
        name: "mail.imap.drafts_folder",
        default: None,
        help: "where `followup --to-drafts` puts drafts [default: the one the server marks \\Drafts, else Drafts]",
        list: false,
        check: folder,
    },
    Key {
        name: "mail.imap.timeout_secs",
        default: Some("30"),
        help: "seconds to wait for the IMAP server at each step before giving up",
        list: false,
        check: timeout,
    },
];

fn fraction(value: &str) -> Result<Value> {
    match value.trim().parse::<f64>() {
        Ok(n) if (0.0..=1.0).contains(&n) => Ok(Value::Float(n)),
        _ => bail!("expected a number from 0 to 1, such as 0.9, got {value:?}"),
    }
}

fn text(value: &str) -> Result<Value> {
    if value.trim().is_empty() {
        bail!("the value must not be empty");
    }
    if value.chars().any(char::is_control) {
        bail!("the value must not contain control characters (such as a line break)");
    }
    if value.chars().count() > 1000 {
        bail!("the value is longer than 1,000 characters");
    }
    Ok(Value::String(value.to_owned()))
}

/// One plain address, such as sam@example.org.
fn address(value: &str) -> Result<Value> {
    let value = value.trim();
    if !crate::mail::is_address(value) {
        bail!("{value:?} is not one email address (expected one address such as sam@example.org)");
    }
    Ok(Value::String(value.to_owned()))
}

fn days(value: &str, min: i64) -> Result<Value> {
    match value.trim().parse::<i64>() {
        Ok(n) if (min..=3650).contains(&n) => Ok(Value::Integer(n)),
        _ => bail!("expected a whole number of days from {min} to 3650, got {value:?}"),
    }
}

fn find_key(name: &str) -> Result<&'static Key> {
    KEYS.iter().find(|k| k.name == name).ok_or_else(|| {
        let known: Vec<&str> = KEYS.iter().map(|k| k.name).collect();
        anyhow::anyhow!("unknown config key {name:?} (known keys: {})", known.join(", "))
    })
}

/// The settings every command may use, with defaults filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub user_name: Option<String>,
    pub user_email: Option<String>,
    /// `followup.after_days` and `followup.expire_after_days`, checked together.
    pub window: Window,
    pub kind: FollowupKind,
    /// `checkin.*` and `thanks.within_days`, checked together.
    pub delays: Delays,
    pub maildirs: Vec<String>,
    pub mboxes: Vec<String>,
    pub auto_threshold: f64,
    pub my_addresses: Vec<String>,
    pub imap: Imap,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            user_name: None,
            user_email: None,
            window: Window::DEFAULT,
            kind: FollowupKind::Combined,
            delays: Delays::DEFAULT,
            maildirs: Vec::new(),
            mboxes: Vec::new(),
            auto_threshold: 0.9,
            my_addresses: Vec::new(),
            imap: Imap::default(),
        }
    }
}

/// The file's keys as dotted names (`section.key`, or `mail.imap.host` for a table inside a section) with
/// their values. A table is only taken apart where some known key lies under it, so a misspelt section is
/// reported by its name.
fn flatten(table: &Table) -> Result<Vec<(String, Value)>> {
    fn walk(prefix: &str, table: &Table, out: &mut Vec<(String, Value)>) -> Result<()> {
        for (key, value) in table {
            let name = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            let section = KEYS.iter().any(|k| {
                k.name
                    .strip_prefix(name.as_str())
                    .is_some_and(|rest| rest.starts_with('.'))
            });
            match value {
                Value::Table(inner) if section => walk(&name, inner, out)?,
                _ if prefix.is_empty() => {
                    bail!("unknown config key {name:?} (keys look like followup.after_days)")
                }
                _ => out.push((name, value.clone())),
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk("", table, &mut out)?;
    Ok(out)
}

/// A value as `config get` prints it: a list one item per line.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join("\n"),
        other => other.to_string(),
    }
}

/// Checks one scalar value from the file.
fn check_scalar(key: &Key, value: &Value) -> Result<Value> {
    match value {
        Value::String(s) => (key.check)(s),
        Value::Integer(n) => (key.check)(&n.to_string()),
        Value::Float(n) => (key.check)(&n.to_string()),
        _ => bail!("expected text or a number, got {value}"),
    }
}

/// Checks a value from the file: a list key takes an array of values (or one value), others one value.
fn check_value(key: &Key, value: &Value) -> Result<Value> {
    match value {
        Value::Array(items) if key.list => Ok(Value::Array(
            items
                .iter()
                .map(|item| check_scalar(key, item))
                .collect::<Result<_>>()?,
        )),
        Value::Array(_) => bail!("{} takes one value, not a list", key.name),
        scalar if key.list => Ok(Value::Array(vec![check_scalar(key, scalar)?])),
        scalar => check_scalar(key, scalar),
    }
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().map(value_text).collect(),
        other => vec![value_text(other)],
    }
}

impl Config {
    /// Reads the file at `path`; a missing file means all defaults.
    pub fn load(path: &Path) -> Result<Config> {
        read_valid(path).map(|(config, _)| config)
    }

    fn from_table(table: &Table) -> Result<Config> {
        let mut config = Config::default();
        let (mut after_days, mut expire_after_days) = (config.window.after_days(), config.window.expire_after_days());
        let d = Delays::DEFAULT;
        let mut delays = [d.checkin(), d.after_interview(), d.ghost(), d.thanks()];
        for (name, value) in flatten(table)? {
            let key = find_key(&name)?;
            let checked = check_value(key, &value).with_context(|| format!("invalid value for {name}"))?;
            let text = value_text(&checked);
            match name.as_str() {
                "user.name" => config.user_name = Some(text),
                "user.email" => config.user_email = Some(text),
                "followup.after_days" => after_days = text.parse()?,
                "followup.expire_after_days" => expire_after_days = text.parse()?,
                "followup.kind" => config.kind = text.parse()?,
                "checkin.after_days" => delays[0] = text.parse()?,
                "checkin.after_interview_days" => delays[1] = text.parse()?,
                "checkin.ghost_after_days" => delays[2] = text.parse()?,
                "thanks.within_days" => delays[3] = text.parse()?,
                "mail.maildir" => config.maildirs = strings(&checked),
                "mail.mbox" => config.mboxes = strings(&checked),
                "mail.auto_threshold" => config.auto_threshold = text.parse()?,
                "mail.me" => config.my_addresses = strings(&checked),
                "mail.imap.host" => config.imap.host = Some(text),
                "mail.imap.port" => config.imap.port = text.parse()?,
                "mail.imap.user" => config.imap.user = Some(text),
                "mail.imap.password_command" => config.imap.password_command = Some(text),
                "mail.imap.tls" => config.imap.starttls = text == "starttls",
                "mail.imap.ca_file" => config.imap.ca_file = Some(text),
                "mail.imap.folders" => config.imap.folders = strings(&checked),
                "mail.imap.sent_folder" => config.imap.sent_folder = Some(text),
                "mail.imap.drafts_folder" => config.imap.drafts_folder = Some(text),
                "mail.imap.timeout_secs" => config.imap.timeout_secs = text.parse()?,
                _ => unreachable!("every key in KEYS is handled"),
            }
        }
        config.window = Window::new(
            after_days,
            expire_after_days,
            "followup.after_days",
            "followup.expire_after_days",
        )?;
        config.delays = Delays::new(delays[0], delays[1], delays[2], delays[3])?;
        Ok(config)
    }
}

fn read_table(path: &Path) -> Result<Table> {
    match fs::read_to_string(path) {
        Ok(text) => text.parse::<Table>().map_err(|e| {
            let reason = e.message().to_owned();
            anyhow::anyhow!("config file {} is not valid TOML: {reason}", path.display())
        }),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(Table::new()),
        Err(e) => Err(e).with_context(|| format!("cannot read config file {}", path.display())),
    }
}

/// Reads the file once: the settings, and the keys the file itself sets.
fn read_valid(path: &Path) -> Result<(Config, Vec<(String, Value)>)> {
    let table = read_table(path)?;
    let config = Config::from_table(&table).with_context(|| format!("in config file {}", path.display()))?;
    Ok((config, flatten(&table)?))
}

/// The value of `name` as set in the file, else its default; `None` when neither exists.
pub fn get(path: &Path, name: &str) -> Result<Option<String>> {
    let key = find_key(name)?;
    let (_, set) = read_valid(path)?;
    let set = set.into_iter().find(|(n, _)| n == name).map(|(_, v)| value_text(&v));
    Ok(set.or(key.default.map(str::to_owned)))
}

/// Every key with its value and whether it comes from the file.
pub fn list(path: &Path) -> Result<Vec<(&'static Key, Option<String>, bool)>> {
    let (_, set) = read_valid(path)?;
    Ok(KEYS
        .iter()
        .map(|key| match set.iter().find(|(n, _)| n == key.name) {
            Some((_, value)) => (key, Some(value_text(value)), true),
            None => (key, key.default.map(str::to_owned), false),
        })
        .collect())
}

/// Sets (`Some`: one value, or several for a list key) or removes (`None`) a key, after checking the key, the
/// values, and the rest of the file.
/// The file is read and written under a lock on its folder, so concurrent changes of other keys all stay; a
/// symlinked file is followed (the file it points to is replaced, the link stays).
pub fn update(path: &Path, name: &str, value: Option<&[String]>) -> Result<()> {
    let key = find_key(name)?;
    let path = &crate::private::real_path(path)?;
    let _lock = crate::private::lock_folder(crate::private::folder_of(path))?;
    let mut table = read_table(path)?;
    let path_parts: Vec<&str> = name.split('.').collect();
    let (leaf, sections) = path_parts.split_last().expect("every key has a name");
    match value {
        Some(values) => {
            let checked = match values {
                [one] if !key.list => (key.check)(one),
                _ if !key.list => Err(anyhow::anyhow!("{name} takes one value, got {}", values.len())),
                _ => values
                    .iter()
                    .map(|v| (key.check)(v))
                    .collect::<Result<Vec<_>>>()
                    .map(Value::Array),
            }
            .with_context(|| format!("invalid value for {name}"))?;
            let mut inner = &mut table;
            for section in sections {
                let entry = inner.entry(*section).or_insert_with(|| Value::Table(Table::new()));
                let Value::Table(next) = entry else {
                    bail!("config key {section:?} is not a section")
                };
                inner = next;
            }
            inner.insert((*leaf).to_owned(), checked);
        }
        None => remove(&mut table, sections, leaf),
    }
    Config::from_table(&table).with_context(|| format!("cannot set {name}"))?;
    crate::private::write_file(path, toml::to_string(&table)?.as_bytes())
}

/// Removes `sections.leaf`, and every section the removal leaves empty.
fn remove(table: &mut Table, sections: &[&str], leaf: &str) {
    match sections.split_first() {
        None => {
            table.remove(leaf);
        }
        Some((first, rest)) => {
            if let Some(Value::Table(inner)) = table.get_mut(*first) {
                remove(inner, rest, leaf);
                if inner.is_empty() {
                    table.remove(*first);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
