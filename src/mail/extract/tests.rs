use super::*;
use proptest::prelude::*;

fn mail(name: &str, from: &str, subject: &str, text: &str) -> Parsed {
    Parsed {
        from_name: Some(name.to_owned()).filter(|n| !n.is_empty()),
        from_address: Some(from.to_owned()),
        subject: subject.to_owned(),
        text: text.to_owned(),
        ..Parsed::default()
    }
}

fn company_of(name: &str, from: &str, subject: &str, text: &str) -> Option<String> {
    extract(&mail(name, from, subject, text), &Rules::builtin()).company
}

#[test]
fn company_names_normalise_equal() {
    let cases = [
        ("ACME, Inc.", "acme"),
        ("Acme", "acme"),
        ("Acme Corp.", "acme"),
        ("Nordwind GmbH", "nordwind"),
        ("Brückner Systemhaus AG", "bruckner systemhaus"),
        ("Quantix S.A.", "quantix"),
        ("Tessellate Ltd", "tessellate"),
        ("Globex LLC", "globex"),
        ("Kieferfeld GmbH & Co. KG", "kieferfeld"),
        ("Société Générale", "societe generale"),
        ("Initech Recruiting", "initech"),
        ("Acme Talent Team", "acme"),
        ("Hooli Careers", "hooli"),
        ("The Ledger Company", "ledger"),
        ("Marlowe & Finch", "marlowe finch"),
        ("McDonald’s", "mcdonalds"),
        ("Team", "team"),
        ("", ""),
    ];
    for (name, expected) in cases {
        assert_eq!(normalise_company(name), expected, "{name}");
    }
}

#[test]
fn the_company_comes_from_the_display_name_tenant_text_or_domain() {
    let cases = [
        (("Acme Talent Team", "jobs@acme.example", "Thanks", ""), Some("Acme")),
        (
            ("Globex via Greenhouse", "no-reply@greenhouse-mail.io", "Thanks", ""),
            Some("Globex"),
        ),
        (
            ("Initech Recruiting", "no-reply@hire.lever.co", "Thanks", ""),
            Some("Initech"),
        ),
        (("", "acme@myworkday.com", "Your application", ""), Some("Acme")),
        (
            ("", "no-reply@acme.greenhouse-mail.io", "Your application", ""),
            Some("Acme"),
        ),
        (
            (
                "Workday",
                "no-reply@myworkday.com",
                "Your application to Acme Robotics",
                "",
            ),
            Some("Acme Robotics"),
        ),
        (
            (
                "Greg Lindqvist",
                "greg@initech.example",
                "Re: Data Engineer",
                "Thanks for your note.",
            ),
            Some("Initech"),
        ),
        (
            (
                "Jonas Whitfield",
                "jonas@umbrellalabs.example",
                "Re: ML Engineer",
                "Thanks.\nJonas\nRecruiter, Umbrella Labs",
            ),
            Some("Umbrella Labs"),
        ),
        (
            (
                "Mara",
                "mara@gmail.com",
                "Ihre Bewerbung",
                "Danke für Ihre Bewerbung bei der Nordwind GmbH.",
            ),
            Some("Nordwind GmbH"),
        ),
        (
            (
                "LinkedIn",
                "jobs-noreply@linkedin.com",
                "Sam, your application was sent to Northmere Logistics",
                "",
            ),
            Some("Northmere Logistics"),
        ),
        (
            ("Ruth Almeida", "ruth@oakhavenmedia.example", "Hello", "Thanks."),
            Some("Oakhaven Media"),
        ),
    ];
    for ((name, from, subject, text), expected) in cases {
        assert_eq!(
            company_of(name, from, subject, text).as_deref(),
            expected,
            "{name} <{from}> {subject}"
        );
    }
}

#[test]
fn the_position_comes_from_the_subject_or_body() {
    let cases = [
        (
            "Thanks",
            "We received your application for the Backend Engineer position.",
            Some("Backend Engineer"),
        ),
        ("Application for Senior Data Engineer", "", Some("Senior Data Engineer")),
        (
            "Ihre Bewerbung",
            "Danke für Ihre Bewerbung als Softwareentwicklerin bei uns.",
            Some("Softwareentwicklerin"),
        ),
        (
            "We received your application – Site Reliability Engineer",
            "",
            Some("Site Reliability Engineer"),
        ),
        (
            "RE: Application status – Security Engineer (JR-3317)",
            "",
            Some("Security Engineer"),
        ),
        (
            "Ihre Bewerbung – Java-Entwickler (m/w/d)",
            "",
            Some("Java-Entwickler (m/w/d)"),
        ),
        (
            "Hello",
            "Thanks for applying for the Site Reliability Engineer opening at Hooli.",
            Some("Site Reliability Engineer"),
        ),
        ("Hello", "We will be in touch.", None),
    ];
    for (subject, text, expected) in cases {
        let got = extract(&mail("Acme", "jobs@acme.example", subject, text), &Rules::builtin()).position;
        assert_eq!(got.as_deref(), expected, "{subject} / {text}");
    }
}

#[test]
fn the_job_url_is_a_posting_not_an_unsubscribe_link() {
    let m = mail(
        "Acme",
        "jobs@acme.example",
        "Thanks",
        "Manage: https://acme.example/unsubscribe?job=1\nThe job: https://jobs.lever.co/acme/1234-abcd.\nBye",
    );
    assert_eq!(
        extract(&m, &Rules::builtin()).url.as_deref(),
        Some("https://jobs.lever.co/acme/1234-abcd")
    );
    assert_eq!(
        extract(
            &mail("A", "a@b.example", "x", "https://b.example/blog"),
            &Rules::builtin()
        )
        .url,
        None
    );
}

proptest! {
    #[test]
    fn extract_never_panics(
        subject in "\\PC{0,80}",
        text in "(\\PC|\n){0,300}",
        name in "\\PC{0,30}",
        from in "[a-zA-Z@.ü-]{0,30}",
    ) {
        let got = extract(&mail(&name, &from, &subject, &text), &Rules::builtin());
        if let Some(company) = got.company {
            let _ = normalise_company(&company);
        }
    }

    #[test]
    fn normalising_is_idempotent(name in "\\PC{0,40}") {
        let once = normalise_company(&name);
        prop_assert_eq!(normalise_company(&once), once.clone());
    }
}
