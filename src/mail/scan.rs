//! Reading one source: every message is keyed, skipped when seen before, parsed, recognised and its company
//! and position extracted. Nothing is written here; the caller stores a source's results in one transaction.

use std::collections::HashSet;

use anyhow::Result;
use chrono::{Local, NaiveDate};

use super::extract::{Extracted, extract};
use super::message::{self, Parsed};
use super::recognise::{Rules, Verdict};
use super::source::{Problem, Source};

/// What a scan is told.
pub struct Options<'a> {
    pub rules: &'a Rules,
    /// The user's own addresses, lower-case: their mail is never a proposal.
    pub me: &'a [String],
    /// Messages dated before this local day are ignored (and not recorded, so a later scan may read them).
    pub since: Option<NaiveDate>,
    /// Addresses (and `@domain`s) of contacts whose follow-up was sent: a person's message from one of them
    /// that the rules do not place is taken as the answer.
    pub answering: &'a HashSet<String>,
    /// Mail dated after today is not believed.
    pub today: NaiveDate,
}

/// A message from someone the user followed up with, that is not automatic, a list or the user's own.
fn answer(m: &Parsed, options: &Options<'_>) -> Option<Verdict> {
    let address = m.from_address.as_deref()?;
    let domain = address.rsplit_once('@').map(|(_, d)| format!("@{d}"))?;
    let public = super::extract::is_public_domain(&domain[1..]);
    let from_contact = options.answering.contains(address) || (!public && options.answering.contains(&domain));
    let person = !m.automatic && !m.list && !options.me.iter().any(|a| a == address);
    (from_contact && person && !options.rules.is_ats_domain(&domain[1..])).then(|| Verdict {
        kind: super::recognise::Kind::Reply,
        confidence: 0.7,
        evidence: format!("a message from {address}, after your follow-up"),
    })
}

/// A message that means a change.
#[derive(Debug, Clone)]
pub struct Found {
    pub key: String,
    pub message: Parsed,
    pub on: NaiveDate,
    pub verdict: Verdict,
    pub extracted: Extracted,
}

/// What reading one source gave.
#[derive(Debug, Default)]
pub struct Reading {
    pub read: usize,
    pub skipped: usize,
    pub unreadable: usize,
    pub problems: Vec<Problem>,
    /// Keys of the messages recognised now (proposal or not): recorded so they are never read again.
    pub keys: Vec<String>,
    pub found: Vec<Found>,
}

/// Reads `source`. `seen` says whether a key was recognised by an earlier scan; `this_run` holds the keys of
/// this scan's earlier sources (the same message in two sources is recognised once).
pub fn read(
    source: &mut dyn Source,
    options: &Options<'_>,
    seen: &mut dyn FnMut(&str) -> Result<bool>,
    this_run: &mut HashSet<String>,
) -> Result<Reading> {
    let mut reading = Reading::default();
    source.each(&mut |item| {
        reading.read += 1;
        let raw = match item {
            Ok(raw) => raw,
            Err(problem) => {
                reading.unreadable += 1;
                reading.problems.push(problem);
                return Ok(());
            }
        };
        let problem = |reason: &str| Problem {
            place: raw.place.clone(),
            reason: reason.to_owned(),
        };
        let Some(key) = message::key(&raw.bytes) else {
            reading.unreadable += 1;
            reading.problems.push(problem("not a mail message (no header block)"));
            return Ok(());
        };
        if this_run.contains(&key) || seen(&key)? {
            reading.skipped += 1;
            return Ok(());
        }
        let Some(parsed) = message::parse(&raw.bytes) else {
            reading.unreadable += 1;
            reading.problems.push(problem("not a mail message (no header block)"));
            return Ok(());
        };
        let Some(date) = parsed.date else {
            reading.skipped += 1;
            reading.problems.push(problem(if parsed.date_header {
                "its Date header cannot be read, so its day is unknown (skipped)"
            } else {
                "no Date header, so its day is unknown (skipped)"
            }));
            return Ok(());
        };
        let on = date.with_timezone(&Local).date_naive();
        if on > options.today {
            reading.skipped += 1;
            reading
                .problems
                .push(problem("dated in the future, which a message cannot be (skipped)"));
            return Ok(());
        }
        if options.since.is_some_and(|since| on < since) {
            reading.skipped += 1;
            return Ok(());
        }
        this_run.insert(key.clone());
        reading.keys.push(key.clone());
        if let Some(verdict) = options
            .rules
            .recognise(&parsed, options.me)
            .or_else(|| answer(&parsed, options))
        {
            let extracted = extract(&parsed, options.rules);
            reading.found.push(Found {
                key,
                message: parsed,
                on,
                verdict,
                extracted,
            });
        }
        Ok(())
    })?;
    Ok(reading)
}
