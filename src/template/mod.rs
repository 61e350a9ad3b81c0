//! Follow-up email templates: the built-in ones, custom overrides in the config folder, and rendering with
//! strict variables (a template that names an unknown variable is an error naming it).

use std::io::{Read, Write};
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
    ("interviews", "how many interviews were recorded (0 when none)"),
    (
        "interviewers",
        "the interviewers' names from `interview --with`, as \"A, B and C\", or empty",
    ),
    ("detail", "the sentence given with `followup --detail`, or empty"),
    ("rejected_on", "the day of the rejection, YYYY-MM-DD, or empty"),
    ("kind", "feedback, network, combined, checkin or thanks"),
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
    pub interviews: usize,
    pub interviewers: String,
    pub detail: String,
    pub rejected_on: String,
    pub kind: FollowupKind,
}

impl Vars {
    /// Made-up values, for checking a template.
    pub fn sample(kind: FollowupKind, interviewed: bool) -> Vars {
        Vars {
            sender: "Sam Taylor".into(),
            sender_email: "sam@example.org".into(),
            company: "Acme".into(),
            position: "Backend Engineer".into(),
            greeting: "Ms. Rivera".into(),
            contact: "Dana Rivera".into(),
            interviewed,
            interviews: usize::from(interviewed),
            interviewers: if interviewed {
                "Dana Rivera".into()
            } else {
                String::new()
            },
            detail: String::new(),
            rejected_on: "2026-11-20".into(),
            kind,
        }
    }

    fn to_value(&self) -> minijinja::Value {
        minijinja::context! {
            sender => &self.sender,
            sender_email => &self.sender_email,
            company => &self.company,
            position => &self.position,
            greeting => &self.greeting,
            contact => &self.contact,
            interviewed => self.interviewed,
            interviews => self.interviews,
            interviewers => &self.interviewers,
            detail => &self.detail,
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
        FollowupKind::Checkin => include_str!("checkin.txt"),
        FollowupKind::Thanks => include_str!("thanks.txt"),
    }
}

/// The largest custom template tracker reads.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;
/// The largest email a template may produce: far beyond any real email (the fields themselves may be long),
/// far below what fills a disk or a terminal.
pub const MAX_OUTPUT_BYTES: usize = 1024 * 1024;
/// The work one render may do (minijinja's fuel: about one unit per instruction, or per 64 bytes of data a
/// template makes). The built-in templates need a few hundred; a loop without end runs out in milliseconds.
const FUEL: u64 = 100_000;

/// What to do about a custom template tracker cannot use.
const FIX: &str = "or remove it to use the built-in one";

/// Where the custom template for `kind` goes.
pub fn path(dir: &Path, kind: FollowupKind) -> PathBuf {
    dir.join(format!("{kind}.txt"))
}

/// The template for `kind`: `DIR/<kind>.txt` when it exists, else the built-in one.
pub fn load(dir: &Path, kind: FollowupKind) -> Result<Source> {
    let path = path(dir, kind);
    Ok(match read_custom(&path)? {
        Some(text) => Source {
            kind,
            origin: Origin::Custom(path),
            text,
        },
        None => Source {
            kind,
            origin: Origin::BuiltIn,
            text: built_in(kind).to_owned(),
        },
    })
}

/// A custom template's text, `None` when there is none. Only a regular file of at most
/// `MAX_TEMPLATE_BYTES` is read; a FIFO, a folder or a device is refused before it is opened, and the file is
/// opened without waiting for a writer (`O_NONBLOCK`) and checked again, in case it was swapped meanwhile.
fn read_custom(path: &Path) -> Result<Option<String>> {
    let shown = path.display();
    let not_regular = || anyhow::anyhow!("template {shown} is not a regular file (make it a text file, {FIX})");
    let too_big = || {
        anyhow::anyhow!(
            "template {shown} is larger than {} KiB (shorten it, {FIX})",
            MAX_TEMPLATE_BYTES / 1024
        )
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read template {shown}")),
    };
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > MAX_TEMPLATE_BYTES as u64 {
        return Err(too_big());
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK | libc::O_NOCTTY);
    let file = options
        .open(path)
        .with_context(|| format!("cannot read template {shown}"))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(not_regular());
    }
    let mut bytes = Vec::new();
    file.take(MAX_TEMPLATE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read template {shown}"))?;
    if bytes.len() > MAX_TEMPLATE_BYTES {
        return Err(too_big());
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| anyhow::anyhow!("template {shown} is not UTF-8 text (save it as UTF-8, {FIX})"))
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_fuel(Some(FUEL));
    env.add_filter("role", polish::role);
    env
}

/// Checks a template: syntax, every variable it names, and trial renders with sample values (no interview,
/// one, several with the interviewers and a sentence of the user's), so a template that fails only at render
/// time (an unknown filter or attribute), never ends, or writes too much is found before it is needed.
/// Returns the trial drafts.
pub fn check(source: &Source) -> Result<Vec<Draft>> {
    check_names(source)?;
    let mut drafts = Vec::new();
    for (interviewed, interviews, detail) in [(false, 0, ""), (true, 1, ""), (true, 3, "I enjoyed the demo.")] {
        let mut vars = Vars::sample(source.kind, interviewed);
        vars.interviews = interviews;
        vars.detail = detail.to_owned();
        render_text(source, &vars)?;
        drafts.push(render(source, &vars)?);
    }
    Ok(drafts)
}

/// Syntax, and every variable the template names.
fn check_names(source: &Source) -> Result<()> {
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

/// Collects a render's output and fails the write past `MAX_OUTPUT_BYTES`.
struct Capped {
    text: Vec<u8>,
    over: bool,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.text.len() + buf.len() > MAX_OUTPUT_BYTES {
            self.over = true;
            return Err(std::io::Error::other("the email is too long"));
        }
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The template's whole output, within the fuel and output limits.
fn render_text(source: &Source, vars: &Vars) -> Result<String> {
    let env = environment();
    let template = env.template_from_str(&source.text)?;
    let mut out = Capped {
        text: Vec::new(),
        over: false,
    };
    let rendered = template.render_captured_to(vars.to_value(), &mut out).map(|_| ());
    if out.over {
        bail!(
            "template {} produced more than {} MiB (an email is much shorter: fix the template, {FIX})",
            source.name(),
            MAX_OUTPUT_BYTES / (1024 * 1024)
        );
    }
    match rendered {
        Err(e) if e.kind() == minijinja::ErrorKind::OutOfFuel => bail!(
            "template {} did not finish: it ran out of its work budget (look for loops that never end or nest too deep, {FIX})",
            source.name()
        ),
        Err(e) => bail!("template {} is broken: {}", source.name(), describe(&e)),
        Ok(()) => Ok(String::from_utf8_lossy(&out.text).into_owned()),
    }
}

/// Renders a template. The first line may be `Subject: ...`; the rest, after a blank line, is the body.
pub fn render(source: &Source, vars: &Vars) -> Result<Draft> {
    check_names(source)?;
    let text = render_text(source, vars)?.replace("\r\n", "\n");
    let (subject, body) = match text.strip_prefix("Subject:") {
        Some(rest) => {
            let (subject, body) = rest.split_once('\n').unwrap_or((rest, ""));
            (subject.trim().to_owned(), body)
        }
        None => (format!("{} – {}", vars.sender, vars.position), text.as_str()),
    };
    let subject = polish::tidy(&subject, vars);
    let body = polish::tidy(body, vars);
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

mod polish;

#[cfg(test)]
mod matrix;

pub use polish::{greeting, join_names, sentence};

#[cfg(test)]
mod tests;
