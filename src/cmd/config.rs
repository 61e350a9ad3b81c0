//! `tracker config`: read and change settings in the TOML file.

use std::collections::BTreeMap;

use anyhow::{Result, bail};

use crate::Paths;
use crate::cli::{Config, ConfigAction};
use crate::config;
use crate::output::{inert, json, print, shown_path};

pub fn run(paths: &Paths, args: &Config) -> Result<()> {
    let path = &paths.config;
    match &args.action {
        ConfigAction::Get { key } => match config::get(path, key)? {
            Some(value) => Ok(print(&value)?),
            None => bail!("{key} is not set (set it with: tracker config set {key} VALUE)"),
        },
        ConfigAction::Set { key, value } => {
            config::update(path, key, Some(value))?;
            let now = config::get(path, key)?.unwrap_or_default();
            Ok(print(&format!("Set {key} = {}", inert(&now)))?)
        }
        ConfigAction::Unset { key } => {
            config::update(path, key, None)?;
            Ok(print(&match config::get(path, key)? {
                Some(default) => format!("Unset {key}: back to its default, {}", inert(&default)),
                None => format!("Unset {key}: it has no default"),
            })?)
        }
        ConfigAction::List(flag) => {
            let entries = config::list(path)?;
            if flag.json {
                let map: BTreeMap<&str, Option<String>> = entries.into_iter().map(|(k, v, _)| (k.name, v)).collect();
                return Ok(print(&json(&map))?);
            }
            let mut out = String::new();
            for (key, value, from_file) in entries {
                let origin = if from_file { "" } else { "  (default)" };
                let value = value.map_or_else(|| "(not set)".to_owned(), |v| v.replace('\n', ", "));
                out.push_str(&format!("{} = {value}{origin}\n    {}\n", key.name, key.help));
            }
            Ok(print(&out)?)
        }
        ConfigAction::Path => Ok(print(&shown_path(path))?),
    }
}
