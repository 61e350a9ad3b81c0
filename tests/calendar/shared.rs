//! What the calendar tests share: a sample of applications with every kind of calendar item, and checks of
//! RFC 5545's form. Each test binary uses some of them.
#![allow(dead_code)]

use std::fs;
use std::path::Path;

use crate::common::Env;

/// Three rejections: one due (with a posting), one waiting, one snoozed; one application silent long enough
/// for a check-in; one with an interview ahead at a time with two interviewers (its thank-you note is coming);
/// one with an interview yesterday without a time (its thank-you note is due).
pub fn sample(env: &Env) {
    env.add(
        "Acme, Inc.",
        "Engineer; Backend",
        &["--on", "2026-11-01", "--url", "https://acme.example/jobs/1"],
    );
    env.ok(&["reject", "1", "--on", "2026-11-20"]);
    env.add("Globex", "SRE", &["--on", "2026-11-01"]);
    env.ok(&["reject", "2", "--on", "2026-11-26"]);
    env.add("Initech", "Développeur", &["--on", "2026-11-01"]);
    env.ok(&["reject", "3", "--on", "2026-11-10"]);
    env.ok(&["snooze", "3", "--until", "2026-12-01"]);
    env.add("Hooli", "Staff Engineer", &["--on", "2026-11-02"]);
    env.add("Umbrella", "Platform Engineer", &["--on", "2026-11-05"]);
    env.ok(&[
        "interview",
        "5",
        "--at",
        "2026-12-03 14:00",
        "--with",
        "Dana Rivera",
        "--with",
        "Sam Lee",
    ]);
    env.add("Stark", "Data Engineer", &["--on", "2026-11-05"]);
    env.ok(&["interview", "6", "--on", "2026-11-26"]);
}

/// RFC 5545's form: CRLF line ends, lines of at most 75 octets, balanced components, the properties each
/// component must have, unique UIDs.
pub fn check_form(ics: &str) {
    assert!(
        ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains('\n'),
        "CRLF only"
    );
    let lines: Vec<&str> = ics.split("\r\n").filter(|l| !l.is_empty()).collect();
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    let mut stack = Vec::new();
    let mut uids = std::collections::HashSet::new();
    let mut props = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            stack.push(name.to_owned());
            if name != "VALARM" {
                props.clear();
            }
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(stack.pop().as_deref(), Some(name), "balanced");
            let needed: &[&str] = match name {
                "VEVENT" => &["UID", "DTSTAMP", "DTSTART", "SUMMARY"],
                "VTODO" => &["UID", "DTSTAMP", "DUE", "SUMMARY"],
                "VALARM" => &["ACTION", "TRIGGER", "DESCRIPTION"],
                _ => &[],
            };
            for need in needed {
                assert!(props.iter().any(|p: &String| p == need), "{name} lacks {need}");
            }
        } else {
            let name = line.split([':', ';']).next().unwrap().to_owned();
            if name == "UID" {
                assert!(uids.insert(line.to_owned()), "duplicate {line}");
            }
            props.push(name);
        }
    }
    assert!(stack.is_empty());
}

/// The component (unfolded) with the UID `uid`@tracker.
pub fn block(unfolded: &str, uid: &str) -> String {
    let at = unfolded
        .find(&format!("UID:{uid}@tracker\r\n"))
        .unwrap_or_else(|| panic!("no {uid} in {unfolded}"));
    let start = unfolded[..at].rfind("BEGIN:V").unwrap();
    let kind = unfolded[start..]
        .lines()
        .next()
        .unwrap()
        .trim_end()
        .trim_start_matches("BEGIN:");
    let end = at + unfolded[at..].find(&format!("END:{kind}\r\n")).unwrap();
    unfolded[start..end].to_owned()
}

pub fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
