//! The stable JSON shape of applications and events: written by `show`, `list`, `export` and `add --json`,
//! read back by `import`.

use anyhow::{Result, bail};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::{Clock, format_instant, local_day, parse_instant};
use crate::dates::{days_between, format_day};
use crate::model::{Application, Event, EventKind, Fields, FollowupKind, Input, Status};
use crate::text::is_blank;

#[derive(Serialize)]
pub struct EventOut<'a> {
    kind: EventKind,
    on: String,
    from: Option<Status>,
    status: Option<Status>,
    note: Option<&'a str>,
    until: Option<String>,
    template: Option<FollowupKind>,
    recorded_at: String,
    /// Interview events only: when it takes place (RFC 3339), null when no time was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<Option<String>>,
    /// Interview events only: the interviewers.
    #[serde(skip_serializing_if = "Option::is_none")]
    with: Option<&'a [String]>,
    /// Interview events only: the local day it takes place (may be after `on`, the day it was recorded).
    #[serde(skip_serializing_if = "Option::is_none")]
    interview_on: Option<String>,
}

#[derive(Serialize)]
pub struct AppOut<'a> {
    id: i64,
    company: &'a str,
    position: &'a str,
    status: Status,
    status_on: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    days_since: Option<i64>,
    url: Option<&'a str>,
    location: Option<&'a str>,
    source: Option<&'a str>,
    salary: Option<&'a str>,
    notes: Option<&'a str>,
    tags: &'a [String],
    contact_name: Option<&'a str>,
    contact_email: Option<&'a str>,
    contact_salutation: Option<&'a str>,
    created_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    furthest_stage: Option<Option<Status>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<Vec<EventOut<'a>>>,
}

pub fn event_out(event: &Event) -> EventOut<'_> {
    EventOut {
        kind: event.kind,
        on: format_day(event.on),
        from: event.from,
        status: event.status,
        note: event.note.as_deref(),
        until: event.until.map(format_day),
        template: event.template,
        recorded_at: format_instant(event.recorded_at),
        at: event.is_interview().then(|| event.at.map(format_instant)),
        with: event.is_interview().then_some(event.with.as_slice()),
        interview_on: event.interview_on.map(format_day),
    }
}

/// The whole application with its timeline (`show`, `export`, `add --json`).
pub fn app_out(app: &Application) -> AppOut<'_> {
    AppOut {
        furthest_stage: Some(app.furthest_stage()),
        events: Some(app.events.iter().map(event_out).collect()),
        ..summary_out(app, None)
    }
}

/// An application without its events; `today` adds `days_since` (`list`).
pub fn summary_out(app: &Application, today: Option<NaiveDate>) -> AppOut<'_> {
    let f = &app.fields;
    AppOut {
        id: app.id,
        company: &f.company,
        position: &f.position,
        status: app.status,
        status_on: format_day(app.status_on),
        days_since: today.map(|t| days_between(app.status_on, t)),
        url: f.url.as_deref(),
        location: f.location.as_deref(),
        source: f.source.as_deref(),
        salary: f.salary.as_deref(),
        notes: f.notes.as_deref(),
        tags: &f.tags,
        contact_name: f.contact_name.as_deref(),
        contact_email: f.contact_email.as_deref(),
        contact_salutation: f.contact_salutation.as_deref(),
        created_at: format_instant(app.created_at),
        furthest_stage: None,
        events: None,
    }
}

/// An application as `import` reads it. Fields that `export` derives are accepted and ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppIn {
    #[serde(default, rename = "id")]
    _id: serde::de::IgnoredAny,
    company: String,
    position: String,
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    status_on: Option<String>,
    #[serde(default, rename = "days_since")]
    _days_since: serde::de::IgnoredAny,
    #[serde(default, rename = "furthest_stage")]
    _furthest_stage: serde::de::IgnoredAny,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    salary: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    contact_name: Option<String>,
    #[serde(default)]
    contact_email: Option<String>,
    #[serde(default)]
    contact_salutation: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    events: Vec<EventIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventIn {
    kind: EventKind,
    on: String,
    #[serde(default)]
    from: Option<Status>,
    #[serde(default)]
    status: Option<Status>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    until: Option<String>,
    #[serde(default)]
    template: Option<FollowupKind>,
    #[serde(default)]
    recorded_at: Option<String>,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    with: Option<Vec<String>>,
    #[serde(default)]
    interview_on: Option<String>,
}

/// An application ready to store.
pub struct Incoming {
    pub fields: Fields,
    pub created_at: DateTime<Utc>,
    pub events: Vec<Event>,
}

fn day(text: &str, field: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| anyhow::anyhow!("field {field}: invalid date {text:?} (expected YYYY-MM-DD)"))
}

fn instant(text: &str, field: &str) -> Result<DateTime<Utc>> {
    parse_instant(text).map_err(|why| anyhow::anyhow!("field {field}: invalid time {text:?} ({why})"))
}

impl AppIn {
    /// Checks what serde cannot: dates, required text, the history's order. Missing `from` values are filled
    /// in from the history; an application without events gets one status event from `status`.
    pub fn into_incoming(self, clock: Clock) -> Result<Incoming> {
        let created_at = match &self.created_at {
            Some(text) => instant(text, "created_at")?,
            None => clock.now,
        };
        let fields = Fields {
            company: self.company,
            position: self.position,
            url: self.url,
            location: self.location,
            source: self.source,
            salary: self.salary,
            notes: self.notes,
            tags: self.tags.unwrap_or_default(),
            contact_name: self.contact_name,
            contact_email: self.contact_email,
            contact_salutation: self.contact_salutation,
        };
        if is_blank(&fields.company) {
            bail!("field company: must not be empty");
        }
        if is_blank(&fields.position) {
            bail!("field position: must not be empty");
        }
        let fields = fields.normalized(Input::Json)?;
        let mut events = Vec::with_capacity(self.events.len().max(1));
        let mut previous: Option<Status> = None;
        for (index, e) in self.events.into_iter().enumerate() {
            let at = |name: &str| format!("events[{index}].{name}");
            let mut event = Event {
                kind: e.kind,
                on: day(&e.on, &at("on"))?,
                from: e.from,
                status: e.status,
                note: e.note,
                until: e.until.as_deref().map(|u| day(u, &at("until"))).transpose()?,
                template: e.template,
                recorded_at: match &e.recorded_at {
                    Some(text) => instant(text, &at("recorded_at"))?,
                    None => created_at,
                },
                interview_on: None,
                at: e.at.as_deref().map(|t| instant(t, &at("at"))).transpose()?,
                with: e.with.unwrap_or_default(),
            };
            let interview_on = e
                .interview_on
                .as_deref()
                .map(|d| day(d, &at("interview_on")))
                .transpose()?;
            if event.status == Some(Status::Interviewing) {
                event.interview_on = Some(interview_on.unwrap_or_else(|| event.at.map_or(event.on, local_day)));
            } else if event.at.is_some() || !event.with.is_empty() || interview_on.is_some() {
                bail!(
                    "field {}: only interview events (status interviewing) have a time and interviewers",
                    at("at")
                );
            }
            if event.with.iter().any(|name| is_blank(name)) {
                bail!("field {}: an interviewer's name must not be empty", at("with"));
            }
            match (event.kind, event.status) {
                (EventKind::Status, None) => {
                    bail!("field {}: a status event needs a status", at("status"))
                }
                (EventKind::Status, Some(status)) => {
                    event.from = event.from.or(previous);
                    previous = Some(status);
                }
                (_, Some(_)) => bail!("field {}: only status events have a status", at("status")),
                (_, None) => {}
            }
            if (event.kind == EventKind::Snooze) != event.until.is_some() {
                bail!(
                    "field {}: snooze events, and only they, have an until date",
                    at("until")
                );
            }
            events.push(event);
        }
        if events.is_empty() {
            let Some(status) = self.status else {
                bail!("field events: give the events, or at least a status")
            };
            let on = match &self.status_on {
                Some(text) => day(text, "status_on")?,
                None => local_day(created_at),
            };
            events.push(Event::status_change(None, status, on, created_at));
        }
        if let (Some(claimed), Some(actual)) = (self.status, previous)
            && claimed != actual
        {
            bail!("field status: says {claimed}, but the last status event says {actual}");
        }
        Ok(Incoming {
            fields,
            created_at,
            events,
        })
    }
}
