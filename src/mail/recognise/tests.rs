use super::*;
use proptest::prelude::*;

mod general;

const ME: &str = "sam@example.org";

fn mail(name: &str, from: &str, subject: &str, text: &str) -> Parsed {
    Parsed {
        from_name: Some(name.to_owned()).filter(|n| !n.is_empty()),
        from_address: Some(from.to_owned()),
        to: vec![ME.to_owned()],
        subject: subject.to_owned(),
        text: text.to_owned(),
        ..Parsed::default()
    }
}

fn kind_of(m: &Parsed) -> Option<Kind> {
    Rules::builtin().recognise(m, &[ME.to_owned()]).map(|v| v.kind)
}

/// Good and bad examples per kind: (expected, display name, sender, subject, text).
const TABLE: &[(Option<Kind>, &str, &str, &str, &str)] = &[
    // applied
    (
        Some(Kind::Applied),
        "Acme Careers",
        "no-reply@greenhouse-mail.io",
        "Thank you for applying to Acme",
        "We have received your application for the Data Engineer role. Our team will review it shortly.",
    ),
    (
        Some(Kind::Applied),
        "Nordwind GmbH",
        "karriere@nordwind.example",
        "Eingangsbestätigung Ihrer Bewerbung",
        "Ihre Bewerbung ist bei uns eingegangen. Wir melden uns in den nächsten Wochen.",
    ),
    (
        Some(Kind::Applied),
        "Nordwind GmbH",
        "karriere@nordwind.example",
        "Eingangsbestaetigung",
        "vielen Dank fuer Ihre Bewerbung, wir pruefen Ihre Unterlagen.",
    ),
    (
        Some(Kind::Applied),
        "Globex",
        "no-reply@hire.lever.co",
        "Thanks for applying!",
        "We got your application. If there is a fit, we will contact you to schedule a 30-minute introductory call.",
    ),
    // rejection
    (
        Some(Kind::Rejection),
        "Initech Recruiting",
        "jobs@initech.example",
        "Your application",
        "Unfortunately, we have decided to move forward with other candidates.",
    ),
    (
        Some(Kind::Rejection),
        "Initech Recruiting",
        "jobs@initech.example",
        "Update",
        "We won’t be moving forward with your application at this time.",
    ),
    (
        Some(Kind::Rejection),
        "Hooli",
        "careers@hooli.example",
        "Senior Engineer",
        "The position has been filled.",
    ),
    (
        Some(Kind::Rejection),
        "Brückner AG",
        "bewerbung@brueckner.example",
        "Ihre Bewerbung",
        "Leider müssen wir Ihnen mitteilen, dass wir uns für andere Kandidaten entschieden haben.",
    ),
    (
        Some(Kind::Rejection),
        "Acme",
        "jobs@acme.example",
        "Our decision",
        "After the interviews we will not be extending an offer. We wish you every success in your search.",
    ),
    (
        Some(Kind::Rejection),
        "Acme",
        "jobs@acme.example",
        "Absage",
        "Vielen Dank für Ihr Interesse.",
    ),
    // not rejections
    (
        None,
        "Acme",
        "jobs@acme.example",
        "Hello",
        "Unfortunately the office is closed on Friday.",
    ),
    (
        Some(Kind::Interview),
        "Priya Raman",
        "priya@acme.example",
        "Our call",
        "Unfortunately I need to reschedule our interview. Could we find a new time for Thursday?",
    ),
    (
        None,
        "Career Letters",
        "letters@news.example",
        "How to read rejections",
        "You will recognise the phrases: \"we regret to inform you\", \"the position has been filled\".",
    ),
    (
        None,
        "Entwicklerpost",
        "redaktion@post.example",
        "Ausgabe 12",
        "Absage bekommen? Drei Tipps für dich.",
    ),
    // interview
    (
        Some(Kind::Interview),
        "Acme Talent",
        "talent@acme.example",
        "Interview",
        "We would like to invite you to an interview with the team. Please share your availability.",
    ),
    (
        Some(Kind::Interview),
        "Nordwind",
        "hr@nordwind.example",
        "Einladung",
        "Wir möchten Sie gerne zu einem Vorstellungsgespräch einladen.",
    ),
    (
        Some(Kind::Interview),
        "Tom Okafor",
        "tom@vandelay.example",
        "Phone screen",
        "Would you be available for a call on Monday? Send me a time that works.",
    ),
    // offer
    (
        Some(Kind::Offer),
        "Globex",
        "people@globex.example",
        "Your offer",
        "We are delighted to offer you the position of Senior Platform Engineer. The offer letter is attached.",
    ),
    (
        Some(Kind::Offer),
        "Kieferfeld",
        "hr@kieferfeld.example",
        "Vertragsangebot",
        "Wir freuen uns, Ihnen die Stelle anbieten zu können. Anbei Ihr Arbeitsvertrag.",
    ),
    // other people's phrasings
    (
        Some(Kind::Rejection),
        "Orion HR",
        "hr@orion.example",
        "Application update",
        "Thank you for your patience. We will not be pursuing your application further.",
    ),
    (
        Some(Kind::Rejection),
        "Orion HR",
        "hr@orion.example",
        "Ihre Bewerbung",
        "Leider können wir Ihre Bewerbung nicht berücksichtigen.",
    ),
    (
        Some(Kind::Applied),
        "Orion HR",
        "hr@orion.example",
        "Application",
        "We acknowledge receipt of your application.",
    ),
    (
        Some(Kind::Offer),
        "Orion HR",
        "hr@orion.example",
        "Good news",
        "We would like to offer you the role of Analyst.",
    ),
    (
        Some(Kind::Interview),
        "Orion HR",
        "hr@orion.example",
        "Next steps",
        "Let's find a time to talk next week.",
    ),
    // never proposals
    (
        None,
        "LinkedIn",
        "jobs-noreply@linkedin.com",
        "Backend Engineer at Acme and 9 more jobs",
        "Jobs you may be interested in: Backend Engineer at Acme. Apply now.",
    ),
    (
        None,
        "StepStone",
        "agent@stepstone.de",
        "Neue Jobs für Sie",
        "Passende Jobs: Entwickler bei Nordwind GmbH.",
    ),
    (
        None,
        "Dana Recruiter",
        "dana@agency.example",
        "Exciting opportunity",
        "I came across your profile and thought you would be a great fit. Are you open to new opportunities?",
    ),
    (
        None,
        "Acme Careers",
        "no-reply@greenhouse-mail.io",
        "Reset your password",
        "Click here to reset your password for your candidate account.",
    ),
    (
        None,
        "Hooli",
        "assessments@hooli.example",
        "Next step: coding challenge",
        "As the next step, we'd like you to complete a coding challenge on HackerRank. We received your application.",
    ),
    (
        None,
        "Lattice",
        "jobs@lattice.example",
        "An update on the role",
        "We have put the role on hold due to a hiring freeze. We will not be moving forward right now.",
    ),
    (
        None,
        "Priya Raman",
        "priya@acme.example",
        "Automatic reply: Application",
        "I am currently out of the office with limited access to email. I will reply when I return.",
    ),
    (
        None,
        "Sam Taylor",
        ME,
        "Re: Backend Engineer",
        "Thanks. You wrote that you regret to inform me that the position has been filled.",
    ),
];

#[test]
fn the_table_of_good_and_bad_examples() {
    let mut wrong = Vec::new();
    for (expected, name, from, subject, text) in TABLE {
        let got = kind_of(&mail(name, from, subject, text));
        if got != *expected {
            wrong.push(format!("{subject:?} / {text:?}: expected {expected:?}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_builtin_rules_parse_and_name_their_categories() {
    let rules = Rules::builtin();
    for name in [
        "job_alert",
        "newsletter",
        "cold_outreach",
        "automatic_reply",
        "ats_account",
        "assessment",
        "hiring_freeze",
    ] {
        assert!(rules.never.iter().any(|c| c == name), "{name}");
    }
    for kind in Kind::ALL {
        assert!(rules.phrases.iter().any(|(_, t, _)| *t == Target::Kind(kind)), "{kind}");
    }
    assert!(rules.is_ats_domain("greenhouse-mail.io"));
    assert!(rules.is_ats_domain("acme.greenhouse-mail.io"));
    assert!(rules.is_ats_domain("myworkday.com"));
    assert!(!rules.is_ats_domain("notgreenhouse-mail.io"));
    assert!(!rules.is_ats_domain("acme.example"));
    assert!(rules.is_job_board_domain("mail.linkedin.com"));
}

#[test]
fn a_reply_is_a_persons_answer_on_the_thread() {
    let mut m = mail(
        "Priya Raman",
        "priya@acme.example",
        "Re: Sam Taylor – Backend Engineer",
        "Happy to share some feedback. The panel liked your API design. I'll keep you in mind for future roles.",
    );
    m.replies_to = vec!["followup-1@example.org".to_owned()];
    assert_eq!(kind_of(&m), Some(Kind::Reply));
    // the same text without the thread, or from an ATS, is no reply
    let mut unthreaded = m.clone();
    unthreaded.replies_to.clear();
    assert_ne!(kind_of(&unthreaded), Some(Kind::Reply));
    let mut ats = m.clone();
    ats.from_address = Some("no-reply@greenhouse-mail.io".to_owned());
    assert_ne!(kind_of(&ats), Some(Kind::Reply));
    // a rejection threaded onto the user's status question is a rejection
    let mut rejection = m.clone();
    rejection.from_address = Some("recruiting@acme.example".to_owned());
    rejection.text = "Thanks for checking in. We will not be moving forward with your application.".to_owned();
    assert_eq!(kind_of(&rejection), Some(Kind::Rejection));
}

#[test]
fn a_calendar_request_is_an_interview() {
    let mut m = mail("Acme", "calendar@acme.example", "Invitation: Acme / Sam", "");
    assert_eq!(kind_of(&m), None);
    m.invitation = Some("20261203T140000Z".to_owned());
    let verdict = Rules::builtin().recognise(&m, &[]).expect("an interview");
    assert_eq!(verdict.kind, Kind::Interview);
    assert!(verdict.evidence.contains("20261203T140000Z"), "{}", verdict.evidence);
}

#[test]
fn evidence_is_the_deciding_sentence_and_confidence_grows_with_evidence() {
    let rules = Rules::builtin();
    let long = format!(
        "We regret to inform you that {}.",
        "the team met many people ".repeat(20)
    );
    let m = mail(
        "Acme",
        "jobs@acme.example",
        "Your application",
        &format!("Hello Sam,\n{long}\nBest"),
    );
    let one = rules.recognise(&m, &[]).expect("a rejection");
    assert!(one.evidence.starts_with("We regret to inform you"), "{}", one.evidence);
    assert_eq!(one.evidence.chars().count(), 200);
    let more = mail(
        "Acme",
        "jobs@acme.example",
        "Absage",
        &format!("{long}\nLeider haben wir uns für andere Kandidaten entschieden."),
    );
    let two = rules.recognise(&more, &[]).expect("a rejection");
    assert!(two.confidence > one.confidence && two.confidence <= 1.0 && one.confidence > 0.0);
}

#[test]
fn kinds_spell_one_way() {
    for kind in Kind::ALL {
        assert_eq!(kind.as_str().parse::<Kind>().unwrap(), kind);
        assert_eq!(kind.to_string(), kind.as_str());
        assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{kind}\""));
    }
    assert!("Rejection".parse::<Kind>().is_err());
}

fn user_rules(text: &str) -> Result<Rules> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mail-rules.toml");
    std::fs::write(&path, text).unwrap();
    Rules::with_user_file(&path)
}

#[test]
fn a_user_file_adds_phrases_domains_and_categories() {
    let dir = tempfile::tempdir().unwrap();
    let missing = Rules::with_user_file(&dir.path().join("mail-rules.toml")).unwrap();
    assert_eq!(missing.phrases.len(), Rules::builtin().phrases.len());

    let rules = user_rules(
        "[rejection]\nstrong = [\"we shall not hire you\"]\n\
         [never.event_invite]\nstrong = [\"career fair\"]\n\
         [senders]\nats = [\"hire.example\"]\n",
    )
    .unwrap();
    assert_eq!(rules.phrases.len(), Rules::builtin().phrases.len() + 2);
    let m = mail("Acme", "jobs@acme.example", "News", "We Shall  NOT hire you.");
    assert_eq!(rules.recognise(&m, &[]).map(|v| v.kind), Some(Kind::Rejection));
    assert_eq!(kind_of(&m), None);
    assert!(rules.is_ats_domain("acme.hire.example") && rules.is_ats_domain("greenhouse.io"));
    let fair = mail(
        "Acme",
        "jobs@acme.example",
        "Career fair",
        "Thank you for applying. We received your application.",
    );
    assert_eq!(rules.recognise(&fair, &[]), None);

    // a negated phrase counts only after a negation, and not in a condition
    let rules = user_rules("[rejection]\nnegated = [\"hand your file on\"]\n").unwrap();
    let said = |text: &str| {
        rules
            .recognise(&mail("Acme", "jobs@acme.example", "News", text), &[])
            .map(|v| v.kind)
    };
    assert_eq!(said("We will not hand your file on."), Some(Kind::Rejection));
    assert_eq!(said("We will hand your file on."), None);
    assert_eq!(said("If we do not hand your file on, we will write."), None);
}

#[test]
fn a_bad_user_file_names_the_file_the_key_and_the_fix() {
    let cases = [
        (
            "[rejection]\nstrng = [\"x y z\"]\n",
            "`rejection.strng` is not a rules key (use strong, medium, weak or negated)",
        ),
        (
            "[rejections]\nstrong = []\n",
            "`rejections` is not a rules key (use applied, rejection",
        ),
        (
            "[offer]\nstrong = \"pleased\"\n",
            "`offer.strong` must be a list of strings",
        ),
        ("[offer]\nstrong = [\"ok\"]\n", "too short"),
        ("rejection = 3\n", "`rejection` must be a table"),
        (
            "[senders]\nats = [\"my ats.example\"]\n",
            "`senders.ats` has an empty or spaced entry",
        ),
        (
            "[senders]\nboards = [\"x.example\"]\n",
            "`senders.boards` is not a rules key",
        ),
        (
            "[settings]\npropose_at = \"high\"\n",
            "`settings.propose_at` must be a number",
        ),
        ("[settings]\nthreshold = 2\n", "`settings.threshold` is not a setting"),
        (
            "[never.Job-Alert]\nstrong = [\"abc\"]\n",
            "`never.Job-Alert` is not a category name",
        ),
        ("[rejection\nstrong = []\n", "line 1: not valid TOML"),
    ];
    for (text, expected) in cases {
        let error = format!(
            "{:#}",
            user_rules(text).err().unwrap_or_else(|| panic!("{text:?} is accepted"))
        );
        assert!(
            error.contains("mail-rules.toml") && error.contains(expected),
            "{text:?}: {error}"
        );
        assert!(!error.contains('\n'), "{error}");
    }
}

proptest! {
    #[test]
    fn recognise_never_panics(
        subject in "\\PC{0,80}",
        text in "(\\PC|\n){0,400}",
        name in "\\PC{0,30}",
        from in "[a-z@.ü-]{0,30}",
        threaded in any::<bool>(),
    ) {
        let mut m = mail(&name, &from, &subject, &text);
        if threaded {
            m.replies_to = vec!["x@example.org".to_owned()];
        }
        if let Some(v) = Rules::builtin().recognise(&m, &[ME.to_owned()]) {
            prop_assert!((0.0..=1.0).contains(&v.confidence));
            prop_assert!(v.evidence.chars().count() <= 200);
        }
    }
}
