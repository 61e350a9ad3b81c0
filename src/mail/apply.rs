//! Accepting a proposal: the change the message means, recorded as if typed, with a note that says it came
//! from mail and a link from each event to its proposal. One proposal, one transaction (the caller's).

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rusqlite::Transaction;

use super::draft::one_line;
use super::recognise::Kind;
use crate::clock::Clock;
use crate::dates::format_day;
use crate::model::followup::{self, since_last_status};
use crate::model::{Event, EventKind, Fields, FollowupKind, Status};
use crate::store::proposals::{self, Proposal, State};
use crate::store::{self, apps};

/// The first characters of a reply kept in its event.
const REPLY_CHARS: usize = 500;

/// What to change: the proposal, and what the user chose instead of its own guesses.
pub struct Choice {
    pub app: Option<i64>,
    pub on: Option<NaiveDate>,
    /// `followup.kind`: the kind of a sent follow-up whose text does not tell it.
    pub configured: FollowupKind,
}

/// Applies a pending proposal; returns the application it changed (or created).
pub fn accept(tx: &Transaction, p: &Proposal, choice: &Choice, clock: Clock) -> Result<i64> {
    let on = choice.on.unwrap_or(p.on);
    let note = format!("from mail: {}", one_line(&p.subject));
    let target = choice.app.or(p.app_id);
    let (app_id, event_ids) = match (target, p.kind) {
        (None, Kind::Applied) if p.candidates.is_empty() => create(tx, p, on, &note, clock)?,
        (None, _) => bail!("{}", unmatched(p)),
        (Some(id), Kind::FollowupSent) => (id, vec![sent(tx, id, p, on, &note, choice.configured, clock)?]),
        (Some(id), kind) => {
            let app = store::load(tx, id)?;
            let event = event_for(kind, &app.status, on, &note, p, clock);
            let recorded = store::record(tx, &app, &event, clock.today).with_context(|| {
                format!(
                    "cannot apply mail proposal {} to application {id} (give another day with --on DATE)",
                    p.id
                )
            })?;
            (id, vec![recorded])
        }
    };
    for event in event_ids {
        proposals::link_event(tx, event, p.id)?;
    }
    proposals::decide(tx, p.id, State::Accepted, Some(app_id), clock.now)?;
    Ok(app_id)
}

/// Why a proposal needs `--app`.
fn unmatched(p: &Proposal) -> String {
    let ids: Vec<String> = p.candidates.iter().map(|id| format!("#{id}")).collect();
    match ids.len() {
        0 => format!(
            "mail proposal {} matches no application (choose one with: tracker mail accept {} --app ID, or drop it)",
            p.id, p.id
        ),
        n => format!(
            "mail proposal {} matches {n} applications ({}): choose one with: tracker mail accept {} --app ID",
            p.id,
            ids.join(", "),
            p.id
        ),
    }
}

/// The event a proposal of `kind` adds to an application that is now `status`.
fn event_for(kind: Kind, status: &Status, on: NaiveDate, note: &str, p: &Proposal, clock: Clock) -> Event {
    let change = |to: Status| {
        if *status == to {
            Event::new(EventKind::Note, on, clock.now)
        } else {
            Event::status_change(Some(*status), to, on, clock.now)
        }
    };
    let with_detail = |label: &str| match &p.detail {
        Some(detail) => format!("{note} ({label}: {})", one_line(detail)),
        None => note.to_owned(),
    };
    let (event, text) = match kind {
        Kind::Applied => (Event::new(EventKind::Note, on, clock.now), note.to_owned()),
        Kind::Rejection => (change(Status::Rejected), note.to_owned()),
        // A calendar invitation's start makes it a scheduled round, as `interview --at` would.
        Kind::Interview => match p.detail.as_deref().and_then(invitation_start) {
            Some((day, instant)) => {
                let at = instant.map(|i| (i, day));
                let mut event = Event::interview(*status, on, at, Vec::new(), clock.now);
                event.interview_on = Some(day);
                (event, with_detail("proposed time"))
            }
            // An invitation without a time is not an interview yet: the status changes, but no round is
            // recorded (nothing in `upcoming`, no thank-you note) until one is scheduled with `interview --at`.
            _ => {
                let mut event = change(Status::Interviewing);
                event.interview_on = None;
                (event, with_detail("proposed time"))
            }
        },
        Kind::Offer => (change(Status::Offer), note.to_owned()),
        // Recorded by `sent`, which checks the rejection first.
        Kind::FollowupSent => (Event::new(EventKind::Followup, on, clock.now), note.to_owned()),
        Kind::Reply => {
            let said: String = p
                .detail
                .as_deref()
                .unwrap_or_default()
                .chars()
                .take(REPLY_CHARS)
                .collect();
            (Event::new(EventKind::Reply, on, clock.now), format!("{note}: {said}"))
        }
    };
    event.with_note(Some(text))
}

/// A follow-up found in the Sent folder, recorded as `followup ID --sent` would: the kind the text tells,
/// else the kind of the draft made for this rejection, else the configured kind.
fn sent(
    tx: &Transaction,
    id: i64,
    p: &Proposal,
    on: NaiveDate,
    note: &str,
    configured: FollowupKind,
    clock: Clock,
) -> Result<i64> {
    let app = store::load(tx, id)?;
    followup::rejection(&app)?;
    if let Some(sent) = since_last_status(&app.events)
        .iter()
        .find(|e| e.kind == EventKind::Followup)
    {
        bail!(
            "a follow-up to application {id} was already recorded on {} (drop mail proposal {} with: tracker mail drop {})",
            format_day(sent.on),
            p.id,
            p.id
        );
    }
    let told = p.detail.as_deref().and_then(|d| d.parse::<FollowupKind>().ok());
    let kind = followup::sent_kind(told, store::drafts::last_since_status(tx, id)?, configured);
    let event = Event {
        template: Some(kind),
        ..Event::new(EventKind::Followup, on, clock.now)
    }
    .with_note(Some(note.to_owned()));
    store::record(tx, &app, &event, clock.today).with_context(|| {
        format!(
            "cannot apply mail proposal {} to application {id} (give another day with --on DATE)",
            p.id
        )
    })
}

/// The start of a calendar invitation as its DTSTART wrote it: `20261104T150000Z` (UTC), `20261104T150000`
/// (the sender's local time, taken as the local time here), or `20261104` (a day).
fn invitation_start(text: &str) -> Option<(NaiveDate, Option<chrono::DateTime<chrono::Utc>>)> {
    use chrono::{Local, NaiveDateTime, TimeZone, Utc};
    let text = text.trim();
    if let Some(utc) = text.strip_suffix('Z') {
        let naive = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").ok()?;
        let instant = Utc.from_utc_datetime(&naive);
        return Some((instant.with_timezone(&Local).date_naive(), Some(instant)));
    }
    if let Ok(naive) = NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S") {
        let instant = Local.from_local_datetime(&naive).earliest()?.with_timezone(&Utc);
        return Some((naive.date(), Some(instant)));
    }
    NaiveDate::parse_from_str(text, "%Y%m%d").ok().map(|day| (day, None))
}

/// A confirmation for an application tracker does not know yet: a new one, applied on the message's day.
fn create(tx: &Transaction, p: &Proposal, on: NaiveDate, note: &str, clock: Clock) -> Result<(i64, Vec<i64>)> {
    let (Some(company), Some(position)) = (&p.company, &p.position) else {
        bail!(
            "mail proposal {} does not say {} (add the application with: tracker add COMPANY POSITION, then: tracker mail accept {} --app ID)",
            p.id,
            if p.company.is_none() {
                "which company"
            } else {
                "which position"
            },
            p.id
        );
    };
    let fields = Fields {
        company: company.clone(),
        position: position.clone(),
        url: p.url.clone(),
        source: Some("email".to_owned()),
        ..Fields::default()
    };
    let first = Event::status_change(None, Status::Applied, on, clock.now).with_note(Some(note.to_owned()));
    let id = store::create(tx, &fields, clock.now, &[first], clock.today)?;
    let event = apps::first_event(tx, id)?;
    Ok((id, vec![event]))
}
