//! Reading a rules file (the embedded one, then the user's `mail-rules.toml`) into [`Rules`]: every key is
//! checked, and a mistake names the file, the key and the fix.

use std::collections::HashMap;

use anyhow::{Result, anyhow, bail};
use toml::{Table, Value};

use super::{Kind, Rules, Settings, Target};
use crate::mail::fold::{Umlauts, fold};

/// The categories of mail that never become a proposal and that the code itself adds weight to.
pub(super) const BUILTIN_NEVER: [&str; 3] = ["job_alert", "newsletter", "automatic_reply"];

const SENDER_KEYS: [&str; 5] = ["ats", "job_boards", "automated", "newsletters", "teams"];

/// Adds the rules of one file's text to `rules`; `name` names the file in errors.
pub(super) fn add(rules: &mut Rules, text: &str, name: &str) -> Result<()> {
    let table: Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .map_or(1, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        anyhow!("{name}: line {line}: not valid TOML: {} (fix the syntax)", one_line(&e))
    })?;
    for (key, value) in &table {
        match key.as_str() {
            "settings" => settings(&mut rules.settings, table_of(value, key, name)?, name)?,
            "never" => {
                for (category, value) in table_of(value, key, name)? {
                    let at = format!("never.{category}");
                    if category.is_empty() || !category.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                        bail!("{name}: `{at}` is not a category name (use lower-case letters and `_`)");
                    }
                    let index = match rules.never.iter().position(|c| c == category) {
                        Some(index) => index,
                        None => {
                            rules.never.push(category.clone());
                            rules.never.len() - 1
                        }
                    };
                    phrases(rules, Target::Never(index), table_of(value, &at, name)?, &at, name)?;
                }
            }
            "senders" => senders(rules, table_of(value, key, name)?, name)?,
            other => match other.parse::<Kind>() {
                Ok(kind) => phrases(rules, Target::Kind(kind), table_of(value, key, name)?, key, name)?,
                Err(_) => bail!(
                    "{name}: `{other}` is not a rules key (use applied, rejection, interview, offer, reply, never, \
                     senders or settings)"
                ),
            },
        }
    }
    Ok(())
}

fn one_line(error: &toml::de::Error) -> String {
    error.message().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn table_of<'a>(value: &'a Value, at: &str, name: &str) -> Result<&'a Table> {
    value
        .as_table()
        .ok_or_else(|| anyhow!("{name}: `{at}` must be a table (write it as [{at}])"))
}

fn strings<'a>(value: &'a Value, at: &str, name: &str) -> Result<Vec<&'a str>> {
    let fix = || anyhow!("{name}: `{at}` must be a list of strings (write it as {at} = [\"...\", \"...\"])");
    value
        .as_array()
        .ok_or_else(fix)?
        .iter()
        .map(|v| v.as_str().ok_or_else(fix))
        .collect()
}

fn phrases(rules: &mut Rules, target: Target, table: &Table, at: &str, name: &str) -> Result<()> {
    for (key, value) in table {
        let at = format!("{at}.{key}");
        let weight = match key.as_str() {
            "strong" => 0,
            "medium" => 1,
            "weak" => 2,
            "negated" => super::NEGATED,
            _ => bail!("{name}: `{at}` is not a rules key (use strong, medium, weak or negated)"),
        };
        for phrase in strings(value, &at, name)? {
            let folded = fold(phrase, Umlauts::Spelled);
            if folded.len() < 3 || !folded.as_bytes()[0].is_ascii_alphanumeric() && folded.as_bytes()[0] < 0x80 {
                bail!(
                    "{name}: `{at}` has the phrase {phrase:?}, which is too short or starts with a sign (use at \
                     least 3 characters, starting with a letter or digit)"
                );
            }
            rules.phrases.push((folded, target, weight));
        }
    }
    Ok(())
}

fn senders(rules: &mut Rules, table: &Table, name: &str) -> Result<()> {
    for (key, value) in table {
        let at = format!("senders.{key}");
        if !SENDER_KEYS.contains(&key.as_str()) {
            bail!("{name}: `{at}` is not a rules key (use {})", SENDER_KEYS.join(", "));
        }
        for item in strings(value, &at, name)? {
            let item = item
                .trim()
                .trim_start_matches('@')
                .trim_start_matches('.')
                .to_lowercase();
            if item.is_empty() || item.contains(char::is_whitespace) && key != "teams" {
                bail!("{name}: `{at}` has an empty or spaced entry (write a domain like \"example.com\")");
            }
            match key.as_str() {
                "ats" => rules.ats.push(item),
                "job_boards" => rules.boards.push(item),
                "automated" => rules.automated.push(item),
                "newsletters" => rules.newsletters.push(item),
                _ => rules.teams.push(fold(&item, Umlauts::Spelled)),
            }
        }
    }
    Ok(())
}

fn settings(settings: &mut Settings, table: &Table, name: &str) -> Result<()> {
    let [strong, medium, weak] = &mut settings.weights;
    let mut fields: HashMap<&str, &mut f64> = HashMap::from([
        ("propose_at", &mut settings.propose_at),
        ("strong", strong),
        ("medium", medium),
        ("weak", weak),
        ("subject_factor", &mut settings.subject_factor),
        ("invitation", &mut settings.invitation),
        ("reply_thread", &mut settings.reply_thread),
        ("reply_overridden_at", &mut settings.reply_overridden_at),
        ("job_board_sender", &mut settings.job_board_sender),
        ("list_header", &mut settings.list_header),
        ("automatic_header", &mut settings.automatic_header),
        ("newsletter_sender", &mut settings.newsletter_sender),
    ]);
    for (key, value) in table {
        let at = format!("settings.{key}");
        let Some(field) = fields.get_mut(key.as_str()) else {
            let mut known: Vec<&str> = fields.keys().copied().collect();
            known.sort_unstable();
            bail!("{name}: `{at}` is not a setting (use one of {})", known.join(", "));
        };
        let number = value
            .as_float()
            .or_else(|| value.as_integer().map(|i| i as f64))
            .filter(|n| n.is_finite() && (0.0..=100.0).contains(n))
            .ok_or_else(|| anyhow!("{name}: `{at}` must be a number from 0 to 100 (e.g. {at} = 2.0)"))?;
        **field = number;
    }
    if settings.propose_at <= 0.0 {
        bail!("{name}: `settings.propose_at` must be above 0 (e.g. settings.propose_at = 2.0)");
    }
    Ok(())
}
