//! Status names other trackers and spreadsheets use, in English and German, mapped to tracker's statuses.

use crate::model::Status;

/// Each status with the names that mean it, compared lower-cased with runs of spaces made one.
const NAMES: &[(Status, &[&str])] = &[
    (
        Status::Saved,
        &[
            "saved",
            "wishlist",
            "wish list",
            "bookmarked",
            "bookmark",
            "interested",
            "to apply",
            "draft",
            "merkliste",
            "gespeichert",
            "vorgemerkt",
        ],
    ),
    (
        Status::Applied,
        &[
            "applied",
            "application sent",
            "submitted",
            "sent",
            "beworben",
            "bewerbung gesendet",
            "bewerbung verschickt",
            "versendet",
            "gesendet",
            "eingereicht",
        ],
    ),
    (
        Status::Interviewing,
        &[
            "interviewing",
            "interview",
            "interviews",
            "phone screen",
            "phone interview",
            "screening",
            "recruiter call",
            "onsite",
            "on-site",
            "on site",
            "technical interview",
            "final interview",
            "assessment",
            "vorstellungsgespräch",
            "vorstellungsgespraech",
            "bewerbungsgespräch",
            "gespräch",
            "telefoninterview",
        ],
    ),
    (
        Status::Offer,
        &["offer", "offer received", "angebot", "vertragsangebot"],
    ),
    (
        Status::Accepted,
        &[
            "accepted",
            "hired",
            "offer accepted",
            "zusage",
            "angenommen",
            "eingestellt",
        ],
    ),
    (
        Status::Rejected,
        &[
            "rejected",
            "rejection",
            "declined by company",
            "not selected",
            "absage",
            "abgelehnt",
            "abgesagt",
        ],
    ),
    (
        Status::Withdrawn,
        &[
            "withdrawn",
            "withdrew",
            "declined",
            "declined offer",
            "i declined",
            "zurückgezogen",
            "zurueckgezogen",
        ],
    ),
    (
        Status::Ghosted,
        &[
            "ghosted",
            "no response",
            "no reply",
            "no answer",
            "keine antwort",
            "keine rückmeldung",
            "keine rueckmeldung",
        ],
    ),
];

/// The status a cell names; `None` for a name tracker does not know.
pub fn parse(text: &str) -> Option<Status> {
    let key = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(status, _)| *status)
}

/// The names accepted, for an error message.
pub fn accepted() -> String {
    NAMES
        .iter()
        .map(|(status, names)| format!("{status}: {}", names.join("/")))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for (text, status) in [
            ("Applied", Status::Applied),
            ("  Phone   screen ", Status::Interviewing),
            ("Onsite", Status::Interviewing),
            ("Declined by company", Status::Rejected),
            ("Absage", Status::Rejected),
            ("ABSAGE", Status::Rejected),
            ("Vorstellungsgespräch", Status::Interviewing),
            ("Hired", Status::Accepted),
            ("Ghosted", Status::Ghosted),
            ("No response", Status::Ghosted),
            ("Declined", Status::Withdrawn),
            ("Bookmarked", Status::Saved),
            ("Offer", Status::Offer),
        ] {
            assert_eq!(parse(text), Some(status), "{text}");
        }
        for status in Status::ALL {
            assert_eq!(parse(status.as_str()), Some(status), "every status names itself");
        }
        assert_eq!(parse("Maybe"), None);
        assert_eq!(parse(""), None);
    }
}
