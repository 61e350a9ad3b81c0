//! Every built-in template against the list of what a follow-up must and must never say.

use super::*;

/// The sample values, without interviewers' names (the checks below look at the rest of the text).
fn vars(kind: FollowupKind, interviewed: bool) -> Vars {
    Vars {
        interviewers: String::new(),
        ..Vars::sample(kind, interviewed)
    }
}

fn draft(kind: FollowupKind, interviewed: bool) -> Draft {
    let source = Source {
        kind,
        origin: Origin::BuiltIn,
        text: built_in(kind).to_owned(),
    };
    render(&source, &vars(kind, interviewed)).unwrap()
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Phrases a gracious follow-up never uses: a direct "why", the resume, claims of being qualified, asking
/// for another review, restating skills, dismay or grievance.
const NEVER: &[&str] = &[
    "why",
    "resume",
    "résumé",
    " cv",
    "missing",
    "lacking",
    "qualified",
    "qualification",
    "reconsider",
    "review my application again",
    "second look",
    "another look",
    "skills",
    "experience",
    "expertise",
    "track record",
    "unfair",
    "upset",
    "frustrat",
    "angry",
    "dismay",
    "shocked",
    "mistake",
    "wrong",
    "deserve",
];

#[test]
fn every_built_in_draft_follows_the_rules() {
    for kind in FollowupKind::REJECTION {
        for interviewed in [false, true] {
            let d = draft(kind, interviewed);
            let context = format!("{kind} interviewed={interviewed}");
            assert_eq!(d.subject, "Sam Taylor – Backend Engineer", "{context}");
            assert!(d.body.starts_with("Dear Ms. Rivera,\n"), "{context}");
            assert!(d.body.trim_end().ends_with("Best regards,\nSam Taylor"), "{context}");
            assert!(words(&d.body) < 150, "{context}: {} words", words(&d.body));
            assert!(d.body.contains("Thank you"), "{context}");
            assert!(
                d.body.contains("Backend Engineer") && d.body.contains("Acme"),
                "{context}"
            );
            for marker in ["{{", "}}", "{%", "%}"] {
                assert!(!d.body.contains(marker), "{context}: unfilled placeholder");
            }
            let lower = d.body.to_lowercase();
            for phrase in NEVER {
                assert!(!lower.contains(phrase), "{context}: says {phrase:?}");
            }
            assert!(!d.body.contains('!'), "{context}: stays calm");
        }
    }
}

#[test]
fn each_kind_makes_its_asks() {
    let feedback = draft(FollowupKind::Feedback, false).body.to_lowercase();
    assert!(feedback.contains("future application") && feedback.contains("feedback"));
    assert!(feedback.contains("disappointed") && feedback.contains("interest in your team"));
    assert!(feedback.contains("schedule"), "acknowledges they are busy");
    assert!(!feedback.contains("keep me in mind") && !feedback.contains("kept me in mind"));

    let network = draft(FollowupKind::Network, false).body.to_lowercase();
    assert!(network.contains("kept me in mind") && network.contains("future openings"));
    assert!(network.contains("better fit") && network.contains("interested in working with your team"));
    assert!(!network.contains("feedback"));

    let combined = draft(FollowupKind::Combined, false).body.to_lowercase();
    assert!(combined.contains("future application") && combined.contains("kept me in mind"));
    assert!(combined.contains("busy"));
}

#[test]
fn the_interview_ask_appears_only_after_interviews() {
    for kind in FollowupKind::REJECTION {
        assert!(!draft(kind, false).body.contains("interview"), "{kind}");
        let one = draft(kind, true).body;
        assert!(
            one.contains("interview") && !one.contains("interviews"),
            "{kind}: {one}"
        );
        let mut several = vars(kind, true);
        several.interviews = 3;
        let source = Source {
            kind,
            origin: Origin::BuiltIn,
            text: built_in(kind).to_owned(),
        };
        let body = render(&source, &several).unwrap().body;
        assert!(body.contains("interviews"), "{kind}: {body}");
    }
}

#[test]
fn combined_is_barely_longer_than_either() {
    let longest = FollowupKind::ALL[..2]
        .iter()
        .map(|k| words(&draft(*k, true).body))
        .max()
        .unwrap();
    let combined = words(&draft(FollowupKind::Combined, true).body);
    assert!(
        combined * 100 <= longest * 115,
        "combined {combined} words, longest single ask {longest}"
    );
}

#[test]
fn unknown_variables_and_syntax_errors_are_named() {
    let custom = |text: &str| Source {
        kind: FollowupKind::Feedback,
        origin: Origin::Custom(PathBuf::from("/t/feedback.txt")),
        text: text.to_owned(),
    };
    let err = render(&custom("Dear {{ greting }},\n"), &vars(FollowupKind::Feedback, false)).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("template /t/feedback.txt uses unknown variable `greting` (known: sender, "),
        "{err}"
    );
    let err = render(&custom("Dear {{ greeting ,\n"), &vars(FollowupKind::Feedback, false)).unwrap_err();
    assert!(
        err.to_string().starts_with("template /t/feedback.txt is broken: "),
        "{err}"
    );
    let err = render(&custom("Subject: x\n\n"), &vars(FollowupKind::Feedback, false)).unwrap_err();
    assert_eq!(err.to_string(), "template /t/feedback.txt produced an empty email");
}

#[test]
fn a_template_without_a_subject_line_gets_the_standard_subject() {
    let source = Source {
        kind: FollowupKind::Network,
        origin: Origin::BuiltIn,
        text: "Hi {{ greeting }}.\n".into(),
    };
    let d = render(&source, &vars(FollowupKind::Network, false)).unwrap();
    assert_eq!(
        d,
        Draft {
            subject: "Sam Taylor – Backend Engineer".into(),
            body: "Hi Ms. Rivera.\n".into()
        }
    );
}

#[test]
fn field_values_are_not_templates() {
    let mut v = vars(FollowupKind::Feedback, false);
    v.company = "{{ sender }} {% if true %}x{% endif %}".into();
    let source = Source {
        kind: FollowupKind::Feedback,
        origin: Origin::BuiltIn,
        text: built_in(FollowupKind::Feedback).into(),
    };
    let d = render(&source, &v).unwrap();
    assert!(
        d.body.contains("at {{ sender }} {% if true %}x{% endif %}."),
        "{}",
        d.body
    );
}
