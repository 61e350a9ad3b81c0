//! The numbers of a job search, computed from each sent application's facts (pure: no database, no clock).
//! Definitions, one line each, are in the README ("Statistics").

pub mod render;
pub mod sankey;
pub mod svg;

use chrono::NaiveDate;
use serde::Serialize;

use crate::dates::days_between;
use crate::model::Status;
use crate::model::followup::Window;
use crate::store::stats::Facts;

/// The funnel, outcomes, timings and follow-ups of a set of applications.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Numbers {
    /// Applications sent.
    pub applications: usize,
    /// Got any answer: reached interviewing, offer or accepted, or was rejected.
    pub answered: usize,
    /// Reached interviews (even if rejected afterwards).
    pub interviewed: usize,
    pub offered: usize,
    pub accepted: usize,
    /// Outcomes, by the status now.
    pub rejected: usize,
    pub ghosted: usize,
    pub withdrawn: usize,
    pub open: usize,
    pub answer_rate: Option<f64>,
    pub interview_rate: Option<f64>,
    pub interview_rate_of_answered: Option<f64>,
    pub offer_rate: Option<f64>,
    pub ghosted_share: Option<f64>,
    pub days_to_answer_median: Option<f64>,
    pub days_to_answer_p90: Option<i64>,
    pub days_to_rejection_median: Option<f64>,
    pub days_to_rejection_p90: Option<i64>,
    pub followups: Followups,
}

/// What came of the rejections.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Followups {
    /// Applications whose status is rejected.
    pub rejections: usize,
    /// Of those, the ones followed up on after the rejection.
    pub sent: usize,
    pub sent_rate: Option<f64>,
    /// Of those, the ones with a reply recorded after the follow-up.
    pub replies: usize,
    pub reply_rate: Option<f64>,
    pub days_to_followup_median: Option<f64>,
    /// Rejections past the follow-up window with no follow-up and no dismissal.
    pub missed: usize,
}

/// Computes every number for `facts` on `today`.
pub fn numbers(facts: &[&Facts], today: NaiveDate, window: Window) -> Numbers {
    let count = |pred: &dyn Fn(&Facts) -> bool| facts.iter().filter(|f| pred(f)).count();
    let reached = |stage: Status| count(&|f: &Facts| f.furthest.stage() >= stage.stage());
    let applications = facts.len();
    let answered = count(&|f: &Facts| f.answered_on.is_some());
    let interviewed = reached(Status::Interviewing);
    let offered = reached(Status::Offer);
    let accepted = reached(Status::Accepted);
    let status = |s: Status| count(&|f: &Facts| f.status == s);
    let rejected = status(Status::Rejected);
    let ghosted = status(Status::Ghosted);
    let withdrawn = status(Status::Withdrawn);
    let open = count(&|f: &Facts| f.status.is_open());

    let mut to_answer: Vec<i64> = facts
        .iter()
        .filter_map(|f| f.answered_on.map(|on| days_between(f.applied_on, on)))
        .collect();
    let mut to_rejection: Vec<i64> = facts
        .iter()
        .filter(|f| f.status == Status::Rejected)
        .map(|f| days_between(f.applied_on, f.status_on))
        .collect();
    let rejections: Vec<&&Facts> = facts.iter().filter(|f| f.status == Status::Rejected).collect();
    let mut to_followup: Vec<i64> = rejections
        .iter()
        .filter_map(|f| f.followed_up_on.map(|on| days_between(f.status_on, on)))
        .collect();
    let sent = to_followup.len();
    let replies = rejections.iter().filter(|f| f.replied).count();
    let missed = rejections
        .iter()
        .filter(|f| f.followed_up_on.is_none() && !f.dismissed && today > window.last_day(f.status_on))
        .count();
    Numbers {
        applications,
        answered,
        interviewed,
        offered,
        accepted,
        rejected,
        ghosted,
        withdrawn,
        open,
        answer_rate: rate(answered, applications),
        interview_rate: rate(interviewed, applications),
        interview_rate_of_answered: rate(interviewed, answered),
        offer_rate: rate(offered, applications),
        ghosted_share: rate(ghosted, applications),
        days_to_answer_median: median(&mut to_answer),
        days_to_answer_p90: percentile_90(&mut to_answer),
        days_to_rejection_median: median(&mut to_rejection),
        days_to_rejection_p90: percentile_90(&mut to_rejection),
        followups: Followups {
            rejections: rejections.len(),
            sent,
            sent_rate: rate(sent, rejections.len()),
            replies,
            reply_rate: rate(replies, sent),
            days_to_followup_median: median(&mut to_followup),
            missed,
        },
    }
}

/// `part / whole`, rounded to 4 decimals; `None` when `whole` is 0.
#[allow(clippy::cast_precision_loss)]
pub fn rate(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (part as f64 / whole as f64 * 10_000.0).round() / 10_000.0)
}

/// The middle value (the mean of the two middle ones for an even count).
#[allow(clippy::cast_precision_loss)]
pub fn median(values: &mut [i64]) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if !n.is_multiple_of(2) => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

/// The 90th percentile by nearest rank: the smallest value at least 90% of the values do not exceed.
pub fn percentile_90(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    let n = values.len();
    (n > 0).then(|| values[(n * 9).div_ceil(10) - 1])
}

/// How `--by` groups applications.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Source,
    Month,
    Tag,
}

/// The label of an application without a source or tag.
pub const NONE: &str = "(none)";

/// Groups `facts` by source, month applied or tag (an application counts under each of its tags), in order
/// of the key; the months in time order.
pub fn groups(facts: &[Facts], by: By) -> Vec<(String, Vec<&Facts>)> {
    let mut map: std::collections::BTreeMap<String, Vec<&Facts>> = std::collections::BTreeMap::new();
    for f in facts {
        let keys: Vec<String> = match by {
            By::Source => vec![f.source.clone().unwrap_or_else(|| NONE.to_owned())],
            By::Month => vec![f.applied_on.format("%Y-%m").to_string()],
            By::Tag if f.tags.is_empty() => vec![NONE.to_owned()],
            By::Tag => {
                let mut tags = f.tags.clone();
                tags.sort();
                tags.dedup();
                tags
            }
        };
        for key in keys {
            map.entry(key).or_default().push(f);
        }
    }
    map.into_iter().collect()
}

#[cfg(test)]
mod tests;
