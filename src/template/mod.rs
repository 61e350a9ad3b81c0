//! Follow-up email templates: the built-in ones, custom overrides in the config folder, and rendering with
//! strict variables (a template that names an unknown variable is an error naming it).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::model::FollowupKind;

/// The variables a template may use.
pub const VARIABLES: &[(&str, &str)] = &[
    ("sender", "your name (config user.name)"),
    ("sender_email", "your email address (config user.email), or empty"),
    ("company", "the company"),
    ("position", "the position"),
    (
        "greeting",
        "the contact's salutation, else their name, else Hiring Manager",
    ),
    ("contact", "the contact's name, or empty"),
    ("interviewed", "true when the application reached the interview stage"),
    ("rejected_on", "the day of the rejection, YYYY-MM-DD"),
    ("kind", "feedback, network or combined"),
];

/// The values for one application.
#[derive(Debug, Clone)]
pub struct Vars {
    pub sender: String,
    pub sender_email: String,
    pub company: String,
    pub position: String,
    pub greeting: String,
    pub contact: String,
    pub interviewed: bool,
    pub rejected_on: String,
    pub kind: FollowupKind,
}

impl Vars {
    fn to_value(&self) -> minijinja::Value {
        minijinja::context! {
            sender => &self.sender,
            sender_email => &self.sender_email,
            company => &self.company,
            position => &self.position,
            greeting => &self.greeting,
            contact => &self.contact,
            interviewed => self.interviewed,
            rejected_on => &self.rejected_on,
            kind => self.kind.as_str(),
        }
    }
}

/// Where a template's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Custom(PathBuf),
}

/// A template's source text.
#[derive(Debug, Clone)]
pub struct Source {
    pub kind: FollowupKind,
    pub origin: Origin,
    pub text: String,
}

impl Source {
    fn name(&self) -> String {
        match &self.origin {
            Origin::BuiltIn => format!("built-in {}", self.kind),
            Origin::Custom(path) => path.display().to_string(),
        }
    }
}

/// A rendered email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub subject: String,
    pub body: String,
}

pub fn built_in(kind: FollowupKind) -> &'static str {
    match kind {
        FollowupKind::Feedback => include_str!("feedback.txt"),
        FollowupKind::Network => include_str!("network.txt"),
        FollowupKind::Combined => include_str!("combined.txt"),
    }
}

/// The template for `kind`: `DIR/<kind>.txt` when it exists, else the built-in one.
pub fn load(dir: &Path, kind: FollowupKind) -> Result<Source> {
    let path = dir.join(format!("{kind}.txt"));
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Source {
            kind,
            origin: Origin::Custom(path),
            text,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Source {
            kind,
            origin: Origin::BuiltIn,
            text: built_in(kind).to_owned(),
        }),
        Err(e) => Err(e).with_context(|| format!("cannot read template {}", path.display())),
    }
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env
}

/// Checks a template without rendering it: syntax, and every variable it names.
pub fn check(source: &Source) -> Result<()> {
    let env = environment();
    let template = env
        .template_from_str(&source.text)
        .map_err(|e| anyhow::anyhow!("template {} is broken: {}", source.name(), describe(&e)))?;
    let mut unknown: Vec<String> = template
        .undeclared_variables(false)
        .into_iter()
        .filter(|name| !VARIABLES.iter().any(|(known, _)| known == name))
        .collect();
    unknown.sort();
    if let Some(name) = unknown.first() {
        let known: Vec<&str> = VARIABLES.iter().map(|(n, _)| *n).collect();
        bail!(
            "template {} uses unknown variable `{name}` (known: {})",
            source.name(),
            known.join(", ")
        );
    }
    Ok(())
}

/// Renders a template. The first line may be `Subject: ...`; the rest, after a blank line, is the body.
pub fn render(source: &Source, vars: &Vars) -> Result<Draft> {
    check(source)?;
    let env = environment();
    let template = env.template_from_str(&source.text)?;
    let text = template
        .render(vars.to_value())
        .map_err(|e| anyhow::anyhow!("template {} is broken: {}", source.name(), describe(&e)))?;
    let text = text.replace("\r\n", "\n");
    let (subject, body) = match text.strip_prefix("Subject:") {
        Some(rest) => {
            let (subject, body) = rest.split_once('\n').unwrap_or((rest, ""));
            (subject.trim().to_owned(), body)
        }
        None => (format!("{} – {}", vars.sender, vars.position), text.as_str()),
    };
    let body = body.trim_matches('\n').trim_end();
    if body.trim().is_empty() {
        bail!("template {} produced an empty email", source.name());
    }
    Ok(Draft {
        subject,
        body: format!("{body}\n"),
    })
}

fn describe(error: &minijinja::Error) -> String {
    let detail = error
        .detail()
        .map_or_else(|| error.kind().to_string(), ToOwned::to_owned);
    match error.line() {
        Some(line) => format!("{detail} (line {line})"),
        None => detail,
    }
}

#[cfg(test)]
mod tests;
