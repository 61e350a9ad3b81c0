//! Which application a recognised message is about: by the contact's address on file, else by company
//! (compared without case, accents, punctuation and legal suffixes) and, when several remain, by position.

use super::extract::{Extracted, normalise_company};
use super::message::Parsed;
use super::recognise::Kind;
use crate::model::Status;
use crate::store::apps::Summary;

/// The application a proposal applies to (when exactly one fits) and every one that fits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matched {
    pub app_id: Option<i64>,
    pub candidates: Vec<i64>,
}

/// Applications a company's answer can still be about.
fn open(status: Status) -> bool {
    matches!(
        status,
        Status::Saved | Status::Applied | Status::Interviewing | Status::Offer | Status::Ghosted
    )
}

fn same_position(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    !a.is_empty() && !b.is_empty() && (a == b || a.contains(&b) || b.contains(&a))
}

/// Matches one message against the applications.
pub fn decide(kind: Kind, m: &Parsed, extracted: &Extracted, apps: &[Summary]) -> Matched {
    let fits = |app: &&Summary| match kind {
        Kind::Reply => app.followed_up,
        Kind::FollowupSent => app.status == Status::Rejected && !app.followed_up,
        Kind::Applied | Kind::Rejection | Kind::Interview | Kind::Offer => open(app.status),
    };
    let sender = m.from_address.as_deref().unwrap_or_default();
    let by_contact: Vec<&Summary> = apps
        .iter()
        .filter(|a| {
            !sender.is_empty()
                && a.contact_email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(sender))
        })
        .filter(fits)
        .collect();
    let mut found = if by_contact.is_empty() {
        let wanted = extracted
            .company
            .as_deref()
            .map(normalise_company)
            .filter(|k| !k.is_empty());
        match wanted {
            Some(wanted) => apps
                .iter()
                .filter(|a| normalise_company(&a.company) == wanted)
                .filter(fits)
                .collect(),
            None => Vec::new(),
        }
    } else {
        by_contact
    };
    if found.len() > 1
        && let Some(position) = extracted.position.as_deref()
    {
        let narrowed: Vec<&Summary> = found
            .iter()
            .copied()
            .filter(|a| same_position(&a.position, position))
            .collect();
        if !narrowed.is_empty() {
            found = narrowed;
        }
    }
    // A confirmation for another position at the same company is a new application.
    if kind == Kind::Applied
        && let Some(position) = extracted.position.as_deref()
    {
        found.retain(|a| same_position(&a.position, position));
    }
    let candidates: Vec<i64> = found.iter().map(|a| a.id).collect();
    Matched {
        app_id: (candidates.len() == 1).then(|| candidates[0]),
        candidates,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(id: i64, company: &str, position: &str, status: Status) -> Summary {
        Summary {
            id,
            company: company.into(),
            position: position.into(),
            status,
            contact_email: None,
            followed_up: false,
        }
    }

    fn extracted(company: Option<&str>, position: Option<&str>) -> Extracted {
        Extracted {
            company: company.map(Into::into),
            position: position.map(Into::into),
            url: None,
        }
    }

    #[test]
    fn company_then_position_decide() {
        let apps = [
            app(1, "Acme, Inc.", "Backend Engineer", Status::Applied),
            app(2, "ACME", "Data Engineer", Status::Interviewing),
            app(3, "Globex", "SRE", Status::Applied),
            app(4, "Acme", "Old role", Status::Rejected),
        ];
        let m = Parsed::default();
        let both = decide(Kind::Rejection, &m, &extracted(Some("acme"), None), &apps);
        assert_eq!(
            both,
            Matched {
                app_id: None,
                candidates: vec![1, 2]
            }
        );
        let one = decide(
            Kind::Rejection,
            &m,
            &extracted(Some("Acme Inc"), Some("data engineer")),
            &apps,
        );
        assert_eq!(
            one,
            Matched {
                app_id: Some(2),
                candidates: vec![2]
            }
        );
        let none = decide(Kind::Rejection, &m, &extracted(Some("Initech"), None), &apps);
        assert_eq!(none, Matched::default());
        let new_role = decide(Kind::Applied, &m, &extracted(Some("Acme"), Some("Designer")), &apps);
        assert_eq!(
            new_role,
            Matched::default(),
            "a confirmation for another role is a new application"
        );
    }

    #[test]
    fn the_contacts_address_wins_and_replies_need_a_follow_up() {
        let mut dana = app(5, "Umbrella", "Analyst", Status::Rejected);
        dana.contact_email = Some("Dana@Umbrella.example".into());
        dana.followed_up = true;
        let apps = [dana, app(6, "Umbrella", "Analyst II", Status::Applied)];
        let m = Parsed {
            from_address: Some("dana@umbrella.example".into()),
            ..Parsed::default()
        };
        assert_eq!(decide(Kind::Reply, &m, &extracted(None, None), &apps).app_id, Some(5));
        let other = Parsed {
            from_address: Some("someone@else.example".into()),
            ..Parsed::default()
        };
        assert_eq!(
            decide(Kind::Reply, &other, &extracted(Some("Umbrella"), None), &apps).app_id,
            Some(5)
        );
        assert_eq!(
            decide(Kind::Rejection, &other, &extracted(Some("Umbrella"), None), &apps).app_id,
            Some(6)
        );
    }
}
