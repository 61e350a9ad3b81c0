//! Every built-in template over every kind × interviews (none, one, several) × contact (salutation, name,
//! none) × awkward names: each draft passes the checker, stays under its word limit, and has no doubled
//! word or punctuation.

use super::*;
use crate::lint::Checker;

/// (company, position, interviewers): trailing periods, `&`, apostrophes, CJK, an 80-character position.
fn names() -> Vec<(&'static str, String, Vec<&'static str>)> {
    vec![
        ("Acme", "Backend Engineer".into(), vec!["Dana Rivera"]),
        ("Initech Inc.", "Lead Designer Role".into(), vec!["Bill Lumbergh Jr."]),
        ("Yahoo!", "Product Manager".into(), vec!["Ann O'Neil", "Bo Chen"]),
        (
            "Procter & Gamble",
            "Brand Manager, Men's Care".into(),
            vec!["Zoë D'Arcy"],
        ),
        ("株式会社メルカリ", "バックエンドエンジニア".into(), vec!["山田 太郎"]),
        (
            "What?",
            "Senior Staff Platform Reliability Engineer, Developer Experience and Tooling (EMEA)".into(),
            vec!["A", "B", "C"],
        ),
    ]
}

fn contacts() -> [(&'static str, Option<&'static str>, Option<&'static str>); 3] {
    [
        ("salutation", Some("Dana Rivera"), Some("Dear Ms. Rivera,")),
        ("name", Some("Dana Rivera"), None),
        ("none", None, None),
    ]
}

/// A word written twice in a row, or punctuation doubled ("Inc..", "!.", ",,").
fn doubled(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if !clean(pair[0]).is_empty()
            && clean(pair[0]) == clean(pair[1])
            && pair[0].chars().last().is_some_and(char::is_alphanumeric)
        {
            return Some(format!("{} {}", pair[0], pair[1]));
        }
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        // "Inc.," and "Yahoo!," are English; "Inc..", "Yahoo!." and ",," are slips.
        .find(|w| (".!?".contains(w[0]) && w[1] == '.') || (",;:".contains(w[0]) && ".,;:".contains(w[1])))
        .map(|w| w.iter().collect())
}

#[test]
fn every_draft_of_every_kind_reads_well() {
    let checker = Checker::built_in();
    let mut count = 0;
    for kind in FollowupKind::ALL {
        let source = Source {
            kind,
            origin: Origin::BuiltIn,
            text: built_in(kind).to_owned(),
        };
        for interviews in [0, 1, 3] {
            for (contact_kind, name, salutation) in contacts() {
                for (company, position, with) in names() {
                    let greeting = salutation
                        .map(greeting)
                        .or(name.map(str::to_owned))
                        .unwrap_or_else(|| "Hiring Manager".into());
                    let with: Vec<String> = with.iter().map(|w| (*w).to_owned()).collect();
                    let vars = Vars {
                        sender: "Sam Taylor".into(),
                        sender_email: String::new(),
                        company: company.into(),
                        position: position.clone(),
                        greeting,
                        contact: name.unwrap_or_default().into(),
                        interviewed: interviews > 0,
                        interviews,
                        interviewers: if interviews > 0 {
                            join_names(&with)
                        } else {
                            String::new()
                        },
                        detail: String::new(),
                        rejected_on: String::new(),
                        kind,
                    };
                    let context =
                        format!("{kind} interviews={interviews} contact={contact_kind} {company} / {position}");
                    let draft = render(&source, &vars).unwrap_or_else(|e| panic!("{context}: {e}"));
                    let body = &draft.body;
                    let findings = checker.check(body, Some(kind.word_limit()));
                    assert_eq!(findings, [], "{context}\n{body}");
                    assert_eq!(doubled(body), None, "{context}\n{body}");
                    assert_eq!(doubled(&draft.subject), None, "{context}");
                    assert!(
                        !body.contains("Dear Dear") && body.contains("Dear "),
                        "{context}\n{body}"
                    );
                    let paragraphs: Vec<&str> = body.split("\n\n").collect();
                    for p in &paragraphs {
                        assert!(p.matches(company).count() <= 1, "{context}: company twice in {p:?}");
                    }
                    match interviews {
                        0 => assert!(!body.contains("interview"), "{context}\n{body}"),
                        1 => assert!(!body.contains("interviews"), "{context}\n{body}"),
                        _ if kind != FollowupKind::Thanks => assert!(body.contains("interviews"), "{context}\n{body}"),
                        _ => {}
                    }
                    if kind == FollowupKind::Thanks && interviews > 0 && contact_kind == "none" {
                        assert!(
                            body.contains(&vars.interviewers),
                            "{context}: names the interviewers\n{body}"
                        );
                    }
                    count += 1;
                }
            }
        }
    }
    assert_eq!(count, 5 * 3 * 3 * 6);
}

#[test]
fn the_new_templates_make_their_asks() {
    let vars = |kind| Vars::sample(kind, true);
    let source = |kind| Source {
        kind,
        origin: Origin::BuiltIn,
        text: built_in(kind).to_owned(),
    };
    let checkin = render(&source(FollowupKind::Checkin), &vars(FollowupKind::Checkin))
        .unwrap()
        .body;
    assert!(
        checkin.contains("still very interested") && checkin.contains("update on the timeline"),
        "{checkin}"
    );
    assert!(checkin.split_whitespace().count() < 100);
    let thanks = render(&source(FollowupKind::Thanks), &vars(FollowupKind::Thanks)).unwrap();
    assert!(
        thanks
            .body
            .starts_with("Dear Ms. Rivera,\n\nThank you for taking the time"),
        "{}",
        thanks.body
    );
    assert!(thanks.body.split_whitespace().count() < 120);
    let mut with_detail = vars(FollowupKind::Feedback);
    with_detail.detail = sentence("I enjoyed the whiteboard session on caching");
    let body = render(&source(FollowupKind::Feedback), &with_detail).unwrap().body;
    assert!(
        body.contains("its work is as strong as ever. I enjoyed the whiteboard session on caching.\n"),
        "{body}"
    );
}
