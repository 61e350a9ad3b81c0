//! Reading one source: every message is keyed, skipped when seen before, parsed, recognised and its company
//! and position extracted. Nothing is written here; the caller stores a source's results in one transaction.

use std::cell::RefCell;
use std::collections::HashSet;

use anyhow::Result;
use chrono::{Local, NaiveDate};

use super::extract::{Extracted, extract};
use super::matching::Matched;
use super::message::{self, Parsed};
use super::recognise::{Rules, Verdict};
use super::source::{Problem, Source};
use crate::store::imap::Awaiting;

/// What a scan is told.
#[derive(Clone, Copy)]
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
    /// Message-IDs of the follow-ups the user sent: a message answering one is their reply.
    pub followups: &'a HashSet<String>,
    /// Reading the user's Sent folder: the rejections a sent message may follow up.
    pub sent: Option<&'a [Awaiting]>,
}

/// A domain anyone can have an address at, or an applicant-tracking system's: it says nothing of a company.
pub fn is_shared(domain: &str, rules: &Rules) -> bool {
    super::extract::is_public_domain(domain) || rules.is_ats_domain(domain)
}

/// Whether a message, known by its header block alone, may mean anything: not seen before, not older than
/// `--since`, not the user's own (in the Sent folder: sent to an awaiting contact's domain, or a draft).
fn may_matter(m: &Parsed, options: &Options<'_>, seen: &mut dyn FnMut(&str) -> Result<bool>) -> Result<bool> {
    if let Some(date) = m.date
        && options
            .since
            .is_some_and(|since| date.with_timezone(&Local).date_naive() < since)
    {
        return Ok(false);
    }
    let mine = m.from_address.as_ref().is_some_and(|from| options.me.contains(from));
    let relevant = match options.sent {
        Some(awaiting) => super::sent::may_be(m, awaiting),
        None => !mine,
    };
    if !relevant {
        return Ok(false);
    }
    match &m.message_id {
        Some(id) => Ok(!seen(id)?),
        None => Ok(true),
    }
}

/// A message in the thread of a follow-up the user sent (In-Reply-To or References names it).
fn in_thread(m: &Parsed, options: &Options<'_>) -> Option<Verdict> {
    let mine = m.from_address.as_ref().is_some_and(|from| options.me.contains(from));
    let answered = m.replies_to.iter().find(|id| options.followups.contains(*id))?;
    (!mine && !m.automatic).then(|| Verdict {
        kind: super::recognise::Kind::Reply,
        confidence: 0.95,
        evidence: format!("an answer to your follow-up <{answered}>"),
    })
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
    /// The applications it is about, when the way it was found says so (a sent follow-up).
    pub matched: Option<Matched>,
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
    let (seen, this_run) = (RefCell::new(seen), RefCell::new(this_run));
    let mut declined = 0;
    let mut wanted = |headers: &[u8]| -> Result<bool> {
        let Some(m) = message::parse(headers) else {
            return Ok(true);
        };
        let mut seen_before = |key: &str| Ok(this_run.borrow().contains(key) || (seen.borrow_mut())(key)?);
        let wanted = may_matter(&m, options, &mut seen_before)?;
        declined += usize::from(!wanted);
        Ok(wanted)
    };
    source.each_wanted(&mut wanted, &mut |item| {
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
        if this_run.borrow().contains(&key) || (seen.borrow_mut())(&key)? {
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
        this_run.borrow_mut().insert(key.clone());
        reading.keys.push(key.clone());
        let recognised = match options.sent {
            Some(awaiting) => super::sent::recognise(&parsed, awaiting, &|d| is_shared(d, options.rules))
                .map(|(verdict, matched)| (verdict, Some(matched))),
            None => in_thread(&parsed, options)
                .or_else(|| options.rules.recognise(&parsed, options.me))
                .or_else(|| answer(&parsed, options))
                .map(|verdict| (verdict, None)),
        };
        if let Some((verdict, matched)) = recognised {
            let extracted = extract(&parsed, options.rules);
            reading.found.push(Found {
                key,
                message: parsed,
                on,
                verdict,
                extracted,
                matched,
            });
        }
        Ok(())
    })?;
    reading.read += declined;
    reading.skipped += declined;
    Ok(reading)
}
