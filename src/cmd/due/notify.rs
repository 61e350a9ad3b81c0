//! `due --notify`: a desktop notification per due follow-up (a summary above three), the interview-tomorrow
//! reminders, and the mail notice; each at most once a day.

use anyhow::Result;
use chrono::Days;

use super::Row;
use crate::dates::days_ago;
use crate::model::followup::{CLOSING_DAYS, DueKind, DueState};
use crate::notify::{self, Message};
use crate::store::due::{claim_notification, release_notification};
use crate::store::interviews::{self, Planned};
use crate::store::proposals;
use crate::template::join_names;
use crate::{Ctx, Failure};

/// The exit code when notifications could not be shown (documented in the README).
pub const NOTIFY_FAILED: u8 = 3;

/// Up to this many due applications get a notification each; more get one summary.
const MAX_SEPARATE: usize = 3;

/// The daily notice about mail proposals waiting for review.
const MAIL_NOTICE: &str = "mail-proposals";

/// The once-only notice of an interview the day before (by the interview event's id).
fn interview_notice(event_id: i64) -> String {
    format!("interview-tomorrow:{event_id}")
}

/// Notifies the due applications not yet notified today, and tomorrow's interviews. The day's rows are
/// claimed, the notifications shown and the claims of those that could not be shown given back, all in one
/// write transaction: a run that overlaps waits for it and then finds the rows claimed, so each application
/// is notified once a day.
pub fn notify_due(ctx: &mut Ctx, rows: &[Row]) -> Result<()> {
    let today = ctx.clock.today;
    let due: Vec<&Row> = rows.iter().filter(|r| r.state == DueState::Due).collect();
    let pending_mail = proposals::pending_count(ctx.store.conn())?;
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let interviews = interviews::between(ctx.store.conn(), tomorrow, tomorrow)?;
    if due.is_empty() && pending_mail == 0 && interviews.is_empty() {
        return Ok(());
    }
    let failure = ctx.store.write(|tx| {
        let mut claimed = Vec::new();
        for row in &due {
            if claim_notification(tx, row.id, today)? {
                claimed.push(*row);
            }
        }
        let mut planned: Vec<&Planned> = Vec::new();
        for p in &interviews {
            if proposals::claim_notice(tx, &interview_notice(p.event_id), today)? {
                planned.push(p);
            }
        }
        let mail = pending_mail > 0 && proposals::claim_notice(tx, MAIL_NOTICE, today)?;
        if claimed.is_empty() && planned.is_empty() && !mail {
            return Ok(None);
        }
        // Interviews first: they are the most time-critical.
        let mut messages: Vec<Message> = planned.iter().map(|p| interview_message(p)).collect();
        let first = messages.len();
        if !claimed.is_empty() {
            messages.extend(self::messages(&claimed));
        }
        let followups = messages.len() - first;
        if mail {
            messages.push(mail_message(pending_mail));
        }
        let (shown, failure) = notify::send(&messages, notify::WAIT);
        for p in planned.iter().skip(shown.min(first)) {
            proposals::release_notice(tx, &interview_notice(p.event_id), today)?;
        }
        let shown_followups = shown.saturating_sub(first).min(followups);
        // A summary stands for every claimed row; separate notifications each for their own.
        let kept = if followups == claimed.len() {
            shown_followups
        } else if shown_followups > 0 {
            claimed.len()
        } else {
            0
        };
        for row in &claimed[kept..] {
            release_notification(tx, row.id, today)?;
        }
        if mail && shown < messages.len() {
            proposals::release_notice(tx, MAIL_NOTICE, today)?;
        }
        Ok(failure)
    })?;
    match failure {
        Some(message) => Err(Failure {
            code: NOTIFY_FAILED,
            message,
        }
        .into()),
        None => Ok(()),
    }
}

/// "Interview tomorrow at 14:00: Backend Engineer at Acme (with Dana Rivera)".
fn interview_message(p: &Planned) -> Message {
    let when = p.at.map_or_else(String::new, |at| {
        format!(" at {}", at.with_timezone(&chrono::Local).format("%H:%M"))
    });
    let with = if p.with.is_empty() {
        String::new()
    } else {
        format!(" (with {})", join_names(&p.with))
    };
    let title = format!("Interview tomorrow{when}: {} at {}{with}", p.position, p.company);
    let body = format!(
        "Prepare your questions. Afterwards, send a thank-you note: tracker followup {}",
        p.app_id
    );
    Message::new(&title, &body)
}

fn mail_message(pending: i64) -> Message {
    let what = if pending == 1 {
        "1 mail update to review".to_owned()
    } else {
        format!("{pending} mail updates to review")
    };
    Message::new(
        &what,
        "Tracker found them in your mail. Review them with: tracker mail list",
    )
}

/// What the notification of one row says: its title and what to do.
fn separate(row: &Row) -> Message {
    let closing = match row.closing() {
        None => String::new(),
        Some(0) => " Today is the last day to follow up.".to_owned(),
        Some(1) => " Only 1 day left to follow up.".to_owned(),
        Some(left) => format!(" Only {left} days left to follow up."),
    };
    let (title, body) = match row.kind {
        DueKind::Rejection => (
            format!("Follow up: {} at {}", row.position, row.company),
            format!(
                "Rejected {}.{closing} Print the email with: tracker followup {}",
                days_ago(row.days_since),
                row.id
            ),
        ),
        DueKind::Checkin => (
            format!("Check in: {} at {}", row.position, row.company),
            format!(
                "No news for {} days. Ask politely for an update; print the email with: tracker followup {}",
                row.days_since, row.id
            ),
        ),
        DueKind::Thanks => (
            format!("Thank them: {} at {}", row.position, row.company),
            format!(
                "Send a short thank-you note for the interview.{closing} Print it with: tracker followup {}",
                row.id
            ),
        ),
        DueKind::Ghost => (
            format!("Ghosted? {} at {}", row.position, row.company),
            format!(
                "No news for {} days. If you have given up on it, mark it with: tracker ghost {}",
                row.days_since, row.id
            ),
        ),
    };
    Message::new(&title, &body)
}

/// One notification per application when there are few, else one summary.
pub fn messages(pending: &[&Row]) -> Vec<Message> {
    if pending.len() <= MAX_SEPARATE {
        return pending.iter().map(|row| separate(row)).collect();
    }
    let names: Vec<&str> = pending.iter().take(MAX_SEPARATE).map(|r| r.company.as_str()).collect();
    let more = pending.len() - names.len();
    let closing = pending.iter().filter(|r| r.closing().is_some()).count();
    let closing = match closing {
        0 => String::new(),
        1 => format!(" 1 of them has {CLOSING_DAYS} days or less left."),
        n => format!(" {n} of them have {CLOSING_DAYS} days or less left."),
    };
    let body = format!(
        "{}, and {more} more.{closing} See them with: tracker due",
        names.join(", ")
    );
    vec![Message::new(&format!("{} follow-ups are due", pending.len()), &body)]
}
