//! Phrasings from outside the development corpora: the families of wording the rules are meant to generalise to
//! (a negated decision, a farewell, a sentence-level pattern), with look-alikes that must not become proposals.

use super::{kind_of, mail};
use crate::mail::recognise::Kind;

/// (expected, display name, sender, subject, text).
const GENERAL: &[(Option<Kind>, &str, &str, &str, &str)] = &[
    // rejections: a negated process verb, someone else hired, a closed application, a farewell
    (
        Some(Kind::Rejection),
        "Umber Labs",
        "jobs@umber.example",
        "Your application",
        "After speaking with the team, we have decided not to continue with your application.",
    ),
    (
        Some(Kind::Rejection),
        "Umber Labs",
        "jobs@umber.example",
        "Update",
        "You were not among the candidates selected for the next round.",
    ),
    (
        Some(Kind::Rejection),
        "Mira Holt",
        "mira@umber.example",
        "Where we landed",
        "We're not going to be progressing you to the final stage. Best of luck with your search.",
    ),
    (
        Some(Kind::Rejection),
        "Mira Holt",
        "mira@umber.example",
        "Analyst role",
        "We've offered the role to someone whose experience is closer to what we need right now.",
    ),
    (
        Some(Kind::Rejection),
        "Umber Labs",
        "careers@umber.example",
        "Application status",
        "Your application is no longer under consideration.",
    ),
    (
        Some(Kind::Rejection),
        "Mira Holt",
        "mira@umber.example",
        "Quick update",
        "Sorry to be the bearer of bad news: we'll be passing on your application for now.",
    ),
    (
        Some(Kind::Rejection),
        "Umber Labs",
        "jobs@umber.example",
        "Thank you",
        "The fit wasn't there for this particular team. We wish you all the best.",
    ),
    (
        Some(Kind::Rejection),
        "Umber Labs",
        "jobs@umber.example",
        "Interview process",
        "We will not be scheduling further interviews for this role.",
    ),
    (
        Some(Kind::Rejection),
        "Lindgrün AG",
        "karriere@lindgruen.example",
        "Deine Bewerbung",
        "Wir haben uns gegen eine Zusammenarbeit entschieden. Wir drücken dir die Daumen!",
    ),
    (
        Some(Kind::Rejection),
        "Lindgrün AG",
        "karriere@lindgruen.example",
        "Deine Bewerbung",
        "Leider hat es diesmal nicht geklappt. Alles Gute für deinen weiteren Weg!",
    ),
    // look-alikes: a condition, a reschedule, a question
    (
        Some(Kind::Applied),
        "Umber Labs",
        "no-reply@umber.example",
        "Thanks for applying",
        "We have received your CV. If you are not selected for the next round, we will keep it on file.",
    ),
    (
        Some(Kind::Interview),
        "Mira Holt",
        "mira@umber.example",
        "Thursday",
        "I can't make Thursday at 2pm after all. Could we push it to Monday at 11am? I'll send a fresh invite.",
    ),
    // confirmations
    (
        Some(Kind::Applied),
        "Umber Labs",
        "careers@umber.example",
        "Application",
        "This is to confirm that your application for the Analyst role is now under review.",
    ),
    (
        Some(Kind::Applied),
        "Umber Labs",
        "careers@umber.example",
        "Got it",
        "Your application has landed with our team. We'll take a look and get back to you.",
    ),
    (
        Some(Kind::Applied),
        "Lindgrün AG",
        "karriere@lindgruen.example",
        "Danke!",
        "Wir haben deine Unterlagen erhalten und melden uns zeitnah.",
    ),
    // invitations and offers
    (
        Some(Kind::Interview),
        "Mira Holt",
        "mira@umber.example",
        "Next week",
        "We'd love to bring you in to meet the team. Which day works for you?",
    ),
    (
        Some(Kind::Interview),
        "Lindgrün AG",
        "karriere@lindgruen.example",
        "Kennenlernen",
        "Wann hättest du Zeit für ein erstes Kennenlernen?",
    ),
    (
        Some(Kind::Offer),
        "Mira Holt",
        "mira@umber.example",
        "Great news",
        "We want you on the team! The offer details are attached, including salary and start date.",
    ),
    // never proposals
    (
        None,
        "Interview Practice",
        "bookings@practice.example",
        "Your mock interview is booked",
        "Your mock interview session is booked for Saturday at 10:00. Reschedule or cancel here.",
    ),
    (
        None,
        "Hiring Weekly",
        "weekly@letters.example",
        "Issue 7",
        "This week in hiring: how to schedule an interview with confidence. Thanks for reading.",
    ),
    (
        None,
        "Umber Support",
        "support@umber.example",
        "Re: Application",
        "This is an automated response: we have received your email and will reply within two business days.",
    ),
    (
        None,
        "Jo Park",
        "jo@example.net",
        "how did it go",
        "How did your interview go? Mine was a final round and I still haven't heard.",
    ),
];

#[test]
fn general_phrasings_and_their_look_alikes() {
    let mut wrong = Vec::new();
    for (expected, name, from, subject, text) in GENERAL {
        let got = kind_of(&mail(name, from, subject, text));
        if got != *expected {
            wrong.push(format!("{subject:?} / {text:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
