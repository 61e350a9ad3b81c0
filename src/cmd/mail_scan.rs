//! `tracker mail scan`: read the user's mail, store a proposal for each message that means a change, and
//! with `--auto` apply the certain ones.

mod imap;

use std::collections::HashSet;
use std::path::PathBuf;

use anyhow::{Result, bail};
use serde::Serialize;

use crate::Ctx;
use crate::cli::MailScan;
use crate::dates::parse_date;
use crate::mail::apply::{self, Choice};
use crate::mail::maildir::Maildir;
use crate::mail::matching;
use crate::mail::mbox::Mbox;
use crate::mail::recognise::{Kind, Rules};
use crate::mail::scan::{self, Found, Options};
use crate::mail::source::{Problem, Source};
use crate::output::{json, print};
use crate::store::apps::{self, Summary};
use crate::store::proposals::{self, Proposal, State};

/// The evidence shown with a proposal, at most.
const EVIDENCE_CHARS: usize = 200;
/// A reply's text kept in its proposal (what its event will hold).
const REPLY_CHARS: usize = 500;

#[derive(Debug, Default, Serialize)]
struct Report {
    read: usize,
    skipped: usize,
    unreadable: usize,
    proposals: Vec<Proposal>,
    applied: Vec<Proposal>,
    problems: Vec<Problem>,
    /// With --imap: how many messages' bodies were fetched (headers come first; most need no body).
    #[serde(skip_serializing_if = "Option::is_none")]
    fetched: Option<usize>,
}

/// What a scan has read and stored so far.
#[derive(Default)]
struct Scan {
    report: Report,
    this_run: HashSet<String>,
    apps: Option<Vec<Summary>>,
}

/// One source's reading, not stored yet.
struct Pending {
    reading: scan::Reading,
    new: Vec<(String, Proposal)>,
}

impl Scan {
    /// Reads a source and makes its proposals.
    fn read(&mut self, ctx: &Ctx, source: &mut dyn Source, options: &Options<'_>) -> Result<Pending> {
        let name = source.name();
        let conn = ctx.store.conn();
        let mut reading = scan::read(
            source,
            options,
            &mut |key| proposals::seen(conn, key),
            &mut self.this_run,
        )?;
        let mut new = Vec::new();
        for found in std::mem::take(&mut reading.found) {
            if self.apps.is_none() {
                self.apps = Some(apps::summaries(conn)?);
            }
            let p = proposal(&found, self.apps.as_deref().unwrap_or_default(), &name);
            new.push((found.key.clone(), p));
        }
        Ok(Pending { reading, new })
    }

    /// Stores a source's reading and `then` (an IMAP folder's new state) in one transaction: an interrupted
    /// scan leaves this source wholly recorded or not at all.
    fn store(
        &mut self,
        ctx: &mut Ctx,
        pending: Pending,
        then: impl FnOnce(&rusqlite::Transaction) -> Result<()>,
    ) -> Result<()> {
        let (clock, Pending { reading, new }) = (ctx.clock, pending);
        let stored = ctx.store.write(|tx| {
            for key in &reading.keys {
                proposals::record_seen(tx, key, clock.now)?;
            }
            let stored = new
                .into_iter()
                .map(|(key, p)| {
                    Ok(Proposal {
                        id: proposals::insert(tx, &key, &p, clock.now)?,
                        ..p
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            then(tx)?;
            Ok(stored)
        })?;
        let report = &mut self.report;
        report.read += reading.read;
        report.skipped += reading.skipped;
        report.unreadable += reading.unreadable;
        report.problems.extend(reading.problems);
        report.proposals.extend(stored);
        Ok(())
    }
}

pub fn run(ctx: &mut Ctx, args: &MailScan) -> Result<()> {
    let mut sources = if args.imap { Vec::new() } else { sources(ctx, args)? };
    let rules = Rules::with_user_file(&ctx.paths.mail_rules())?;
    let me = my_addresses(ctx);
    let since = args
        .since
        .as_deref()
        .map(|d| parse_date(d, ctx.clock.today))
        .transpose()?;
    if let Some(since) = since.filter(|since| *since > ctx.clock.today) {
        bail!(
            "--since {} is in the future, so no message could be read (give a past day, e.g. --since \"30 days ago\")",
            crate::dates::format_day(since)
        );
    }
    let mut answering = HashSet::new();
    for contact in apps::followed_up_contacts(ctx.store.conn())? {
        let contact = contact.trim().to_lowercase();
        if let Some((_, domain)) = contact.rsplit_once('@') {
            answering.insert(format!("@{domain}"));
        }
        answering.insert(contact);
    }
    let followups: HashSet<String> = crate::store::imap::followup_message_ids(ctx.store.conn())?
        .into_iter()
        .collect();
    let options = Options {
        followups: &followups,
        rules: &rules,
        me: &me,
        since,
        answering: &answering,
        today: ctx.clock.today,
        sent: None,
    };
    let mut scan = Scan::default();
    if args.imap {
        imap::scan(ctx, &options, &mut scan)?;
    } else {
        for source in &mut sources {
            let pending = scan.read(ctx, source.as_mut(), &options)?;
            scan.store(ctx, pending, |_| Ok(()))?;
        }
    }
    let (clock, mut report) = (ctx.clock, scan.report);
    if args.auto {
        let threshold = ctx.config.auto_threshold;
        for p in &mut report.proposals {
            let certain = p.confidence >= threshold
                && (p.app_id.is_some() || (p.kind == Kind::Applied && p.candidates.is_empty()));
            let choice = Choice {
                app: None,
                on: None,
                configured: ctx.config.kind,
            };
            // One that cannot apply (an event dated before the application's last one, say) stays pending.
            if certain && let Ok(app_id) = ctx.store.write(|tx| apply::accept(tx, p, &choice, clock)) {
                p.state = State::Accepted;
                p.app_id = Some(app_id);
                report.applied.push(p.clone());
            }
        }
    }
    if args.quiet {
        return Ok(());
    }
    Ok(print(&if args.json.json {
        json(&report)
    } else {
        summary(&report)
    })?)
}

/// The sources named on the command line, else those in the configuration; each checked before any is read.
fn sources(ctx: &Ctx, args: &MailScan) -> Result<Vec<Box<dyn Source>>> {
    let (maildirs, mboxes): (Vec<PathBuf>, Vec<PathBuf>) = if args.maildir.is_empty() && args.mbox.is_empty() {
        (
            ctx.config.maildirs.iter().map(|p| expand(p)).collect(),
            ctx.config.mboxes.iter().map(|p| expand(p)).collect(),
        )
    } else {
        (args.maildir.clone(), args.mbox.clone())
    };
    if maildirs.is_empty() && mboxes.is_empty() {
        bail!(
            "no mail to read (give --maildir DIR or --mbox FILE, or set them once with: tracker config set mail.maildir DIR... or: tracker config set mail.mbox FILE...)"
        );
    }
    let mut sources: Vec<Box<dyn Source>> = Vec::new();
    // The same folder or file named twice (or through a symlink) is read once.
    let mut named = HashSet::new();
    let mut once = |path: &PathBuf| named.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()));
    for dir in &maildirs {
        let source = Maildir::new(dir)?;
        if once(dir) {
            sources.push(Box::new(source));
        }
    }
    for file in &mboxes {
        let source = Mbox::new(file)?;
        if once(file) {
            sources.push(Box::new(source));
        }
    }
    Ok(sources)
}

/// A configured path: `~/` and relative paths start at the home folder (cron runs elsewhere than a shell).
pub(crate) fn expand(path: &str) -> PathBuf {
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        (None, Some(home)) if std::path::Path::new(path).is_relative() => home.join(path),
        _ => PathBuf::from(path),
    }
}

fn my_addresses(ctx: &Ctx) -> Vec<String> {
    let mut me: Vec<String> = ctx
        .config
        .my_addresses
        .iter()
        .map(|a| a.trim().to_lowercase())
        .collect();
    if let Some(email) = &ctx.config.user_email {
        me.push(email.trim().to_lowercase());
    }
    me
}

/// The proposal a recognised message makes.
fn proposal(found: &Found, apps: &[Summary], source: &str) -> Proposal {
    let m = &found.message;
    let matched = found
        .matched
        .clone()
        .unwrap_or_else(|| matching::decide(found.verdict.kind, m, &found.extracted, apps));
    let app = matched.app_id.and_then(|id| apps.iter().find(|a| a.id == id));
    let from = match (&m.from_name, &m.from_address) {
        (Some(name), Some(address)) => format!("{name} <{address}>"),
        (None, Some(address)) => address.clone(),
        (Some(name), None) => name.clone(),
        (None, None) => "(unknown sender)".to_owned(),
    };
    let detail = match found.verdict.kind {
        Kind::Interview => m.invitation.clone(),
        Kind::Reply => Some(m.text.chars().take(REPLY_CHARS).collect()),
        Kind::FollowupSent => crate::mail::sent::told_kind(&m.text).map(|k| k.as_str().to_owned()),
        _ => None,
    };
    Proposal {
        id: 0,
        state: State::Pending,
        kind: found.verdict.kind,
        app_id: matched.app_id,
        candidates: matched.candidates,
        company: found
            .extracted
            .company
            .clone()
            .or_else(|| app.map(|a| a.company.clone())),
        position: found
            .extracted
            .position
            .clone()
            .or_else(|| app.map(|a| a.position.clone())),
        on: found.on,
        from,
        subject: m.subject.clone(),
        message_id: m.message_id.clone(),
        confidence: found.verdict.confidence,
        evidence: found.verdict.evidence.chars().take(EVIDENCE_CHARS).collect(),
        source: source.to_owned(),
        url: found.extracted.url.clone(),
        detail,
    }
}

/// `1204` as `1,204`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn summary(report: &Report) -> String {
    let mut text = format!("Read {}", count(report.read, "message", "messages"));
    let mut notes = Vec::new();
    if report.skipped > 0 {
        notes.push(format!("{} skipped", thousands(report.skipped)));
    }
    if report.unreadable > 0 {
        notes.push(format!("{} unreadable", thousands(report.unreadable)));
    }
    text = text.replacen(&report.read.to_string(), &thousands(report.read), 1);
    if report.unreadable > 0 {
        notes.push("see which with --json".to_owned());
    }
    if !notes.is_empty() {
        text.push_str(&format!(" ({})", notes.join(", ")));
    }
    if report.proposals.is_empty() {
        text.push_str(": no new proposals.");
        return text;
    }
    let kinds = [
        (Kind::Rejection, "rejection", "rejections"),
        (Kind::Interview, "interview", "interviews"),
        (Kind::Offer, "offer", "offers"),
        (Kind::Applied, "application", "applications"),
        (Kind::Reply, "reply", "replies"),
        (Kind::FollowupSent, "sent follow-up", "sent follow-ups"),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .filter_map(|(kind, one, many)| {
            let n = report.proposals.iter().filter(|p| p.kind == *kind).count();
            (n > 0).then(|| count(n, one, many))
        })
        .collect();
    text.push_str(&format!(
        ": {} ({})",
        count(report.proposals.len(), "new proposal", "new proposals"),
        parts.join(", ")
    ));
    let pending = report.proposals.len() - report.applied.len();
    if !report.applied.is_empty() {
        text.push_str(&format!("; {} applied at once", report.applied.len()));
    }
    if pending > 0 {
        text.push_str(". Review them with: tracker mail list");
    } else {
        text.push('.');
    }
    text
}
