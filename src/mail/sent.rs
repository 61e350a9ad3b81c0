//! The user's own sent mail: a message sent after a rejection to the application's contact, to the company's
//! domain, or that is the draft `followup --to-drafts` made, is the follow-up sent.

use super::matching::Matched;
use super::message::Parsed;
use super::recognise::{Kind, Verdict};
use crate::model::FollowupKind;
use crate::store::imap::Awaiting;

/// How surely a sent message is the follow-up of an application, and why.
fn fit(m: &Parsed, a: &Awaiting, is_shared: &dyn Fn(&str) -> bool) -> Option<(f64, String)> {
    if m.message_id.as_ref().is_some_and(|id| a.drafts.contains(id)) {
        return Some((0.99, "the draft tracker put in your Drafts folder, sent".to_owned()));
    }
    let contact = a.contact_email.as_deref()?;
    if let Some(to) = m.to.iter().find(|to| *to == contact) {
        return Some((0.95, format!("sent to {to}, the contact of a rejected application")));
    }
    let domain = contact.rsplit_once('@').map(|(_, d)| d)?;
    if is_shared(domain) {
        return None;
    }
    m.to.iter()
        .find(|to| to.rsplit_once('@').is_some_and(|(_, d)| d == domain))
        .map(|to| (0.8, format!("sent to {to}, at the company of a rejected application")))
}

/// The rejections a sent message may follow up, best first: `None` when it is none of them.
pub fn recognise(m: &Parsed, awaiting: &[Awaiting], is_shared: &dyn Fn(&str) -> bool) -> Option<(Verdict, Matched)> {
    let on = m.date.map(|d| d.with_timezone(&chrono::Local).date_naive())?;
    let fits: Vec<(i64, f64, String)> = awaiting
        .iter()
        .filter(|a| on >= a.rejected_on)
        .filter_map(|a| fit(m, a, is_shared).map(|(c, why)| (a.app_id, c, why)))
        .collect();
    let best = fits.iter().map(|f| f.1).fold(f64::NAN, f64::max);
    let top: Vec<&(i64, f64, String)> = fits.iter().filter(|f| f.1 == best).collect();
    let first = top.first()?;
    let candidates: Vec<i64> = top.iter().map(|f| f.0).collect();
    let matched = Matched {
        app_id: (candidates.len() == 1).then_some(first.0),
        candidates,
    };
    let verdict = Verdict {
        kind: Kind::FollowupSent,
        confidence: first.1,
        evidence: first.2.clone(),
    };
    Some((verdict, matched))
}

/// Whether a header block may be a follow-up, before its body is fetched.
pub fn may_be(m: &Parsed, awaiting: &[Awaiting]) -> bool {
    let domains = |a: &Awaiting| {
        a.contact_email
            .as_deref()
            .and_then(|c| c.rsplit_once('@'))
            .map(|(_, d)| d.to_owned())
    };
    awaiting.iter().any(|a| {
        m.message_id.as_ref().is_some_and(|id| a.drafts.contains(id))
            || domains(a).is_some_and(|d| m.to.iter().any(|to| to.rsplit_once('@').is_some_and(|(_, td)| td == d)))
    })
}

/// The kind of follow-up a text is, when it can be told: asking for feedback, keeping in touch, or both.
pub fn told_kind(text: &str) -> Option<FollowupKind> {
    let text = text.to_lowercase();
    let any = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let feedback = any(&[
        "feedback",
        "could improve",
        "areas to improve",
        "what i could do better",
        "rückmeldung",
        "verbessern",
    ]);
    let network = any(&[
        "keep in touch",
        "stay in touch",
        "future opening",
        "future role",
        "future opportunit",
        "keep me in mind",
        "connect on linkedin",
        "in kontakt bleiben",
        "zukünftige",
    ]);
    match (feedback, network) {
        (true, true) => Some(FollowupKind::Combined),
        (true, false) => Some(FollowupKind::Feedback),
        (false, true) => Some(FollowupKind::Network),
        (false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_is_told_from_the_text_when_it_can_be() {
        assert_eq!(
            told_kind("Could you share some feedback?"),
            Some(FollowupKind::Feedback)
        );
        assert_eq!(
            told_kind("I'd love to stay in touch for future openings."),
            Some(FollowupKind::Network)
        );
        assert_eq!(
            told_kind("Any feedback would help, and I'd like to keep in touch."),
            Some(FollowupKind::Combined)
        );
        assert_eq!(told_kind("Thanks for your time."), None);
    }
}
