//! `tracker stats` as text: the numbers of the whole search, or one row per group.

use std::fmt::Write as _;

use super::Numbers;
use crate::output::Style;

/// `40%`, or `–` when there is nothing to divide by.
fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".to_owned(), |r| format!("{:.0}%", r * 100.0))
}

/// `9`, `9.5`, or `–`.
fn days(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |d| format!("{d}"))
}

fn days_p90(value: Option<i64>) -> String {
    value.map_or_else(|| "–".to_owned(), |d| d.to_string())
}

/// The whole search, headed by what it covers.
pub fn summary(n: &Numbers, heading: &str, style: Style) -> String {
    let mut out = String::new();
    let line = |out: &mut String, label: &str, count: usize, note: &str| {
        let _ = writeln!(out, "{}", format!("  {label:<13}{count:>6}  {note}").trim_end());
    };
    let _ = writeln!(out, "{}", style.bold(heading));
    let _ = writeln!(out, "{}", style.bold("Funnel (furthest stage reached)"));
    line(&mut out, "applied", n.applications, "");
    line(&mut out, "answered", n.answered, &percent(n.answer_rate));
    line(
        &mut out,
        "interviewed",
        n.interviewed,
        &format!(
            "{} ({} of answered)",
            percent(n.interview_rate),
            percent(n.interview_rate_of_answered)
        ),
    );
    line(&mut out, "offered", n.offered, &percent(n.offer_rate));
    line(&mut out, "accepted", n.accepted, "");
    let _ = writeln!(out, "{}", style.bold("Outcomes (status now)"));
    line(&mut out, "rejected", n.rejected, "");
    line(&mut out, "ghosted", n.ghosted, &percent(n.ghosted_share));
    line(&mut out, "withdrawn", n.withdrawn, "");
    line(&mut out, "still open", n.open, "");
    let _ = writeln!(out, "{}", style.bold("Days from applying"));
    let _ = writeln!(
        out,
        "  to the first answer   median {}, 90th percentile {}",
        days(n.days_to_answer_median),
        days_p90(n.days_to_answer_p90)
    );
    let _ = writeln!(
        out,
        "  to a rejection        median {}, 90th percentile {}",
        days(n.days_to_rejection_median),
        days_p90(n.days_to_rejection_p90)
    );
    let f = &n.followups;
    let _ = writeln!(out, "{}", style.bold("Follow-ups on rejections"));
    line(&mut out, "rejections", f.rejections, "");
    line(
        &mut out,
        "sent",
        f.sent,
        &format!("{} of rejections", percent(f.sent_rate)),
    );
    line(
        &mut out,
        "replies",
        f.replies,
        &format!("{} of sent", percent(f.reply_rate)),
    );
    line(&mut out, "missed", f.missed, "");
    let _ = writeln!(
        out,
        "  days from rejection to follow-up: median {}",
        days(f.days_to_followup_median)
    );
    out
}

/// One row per group, the same columns for each.
pub fn table(rows: &[(String, Numbers)], key: &str, style: Style) -> String {
    let mut table = style.table(&[
        key,
        "Apps",
        "Answered",
        "Interviews",
        "Offers",
        "Accepted",
        "Rejected",
        "Ghosted",
        "Open",
        "Answer %",
        "Days to answer",
        "Follow-ups",
        "Replies",
    ]);
    for (name, n) in rows {
        table.add_row(vec![
            style.text(name),
            style.number(n.applications),
            style.number(n.answered),
            style.number(n.interviewed),
            style.number(n.offered),
            style.number(n.accepted),
            style.number(n.rejected),
            style.number(n.ghosted),
            style.number(n.open),
            style.number(percent(n.answer_rate)),
            style.number(days(n.days_to_answer_median)),
            style.number(n.followups.sent),
            style.number(n.followups.replies),
        ]);
    }
    crate::output::trim_lines(&table.to_string())
}
