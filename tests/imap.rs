//! `mail scan --imap` and `followup --to-drafts` against a real Dovecot the tests start themselves: implicit
//! TLS and STARTTLS, flags left as they were, incremental rescans, UIDVALIDITY changes, the draft stored with
//! `\Draft`, a sent follow-up and its reply recorded, the whole loop, and every failure as one line.

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::Env;
use common::dovecot::{self, Dovecot, PASSWORD, USER};

/// A message as an ATS, a company or the user would send it.
fn message(id: &str, date: &str, from: &str, to: &str, subject: &str, body: &str) -> String {
    format!(
        "Message-ID: <{id}>\nDate: {date}\nFrom: {from}\nTo: {to}\nSubject: {subject}\n\
         MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
    )
}

fn rejection() -> String {
    message(
        "reject-acme@acme.example",
        "Fri, 20 Nov 2026 16:30:00 +0000",
        "Dana Lee <dana@acme.example>",
        "Sam Taylor <sam@example.org>",
        "Your application for Backend Engineer",
        "Dear Sam,\n\nThank you for your interest in Acme. After careful consideration we have decided to move forward with other candidates whose experience more closely matches our needs.\n\nBest wishes,\nDana",
    )
}

fn newsletter(n: usize) -> String {
    message(
        &format!("news-{n}@news.example"),
        "Sat, 21 Nov 2026 07:00:00 +0000",
        "Weekly News <news@news.example>",
        "sam@example.org",
        &format!("Issue {n}"),
        "This week: gardening, recipes and the weather.",
    )
}

/// tracker set up for the server: its CA trusted, the password from a file through `cat`.
fn setup(server: &Dovecot, starttls: bool) -> Env {
    let env = Env::new();
    let password = env.path("imap-password");
    fs::write(&password, format!("{PASSWORD}\nsecond line ignored\n")).unwrap();
    let port = if starttls { server.imap_port } else { server.imaps_port }.to_string();
    let ca = server.ca();
    let command = format!("cat {}", password.display());
    for (key, value) in [
        ("mail.imap.host", "localhost"),
        ("mail.imap.port", port.as_str()),
        ("mail.imap.user", USER),
        ("mail.imap.password_command", command.as_str()),
        ("mail.imap.tls", if starttls { "starttls" } else { "implicit" }),
        ("mail.imap.ca_file", ca.to_str().unwrap()),
        ("mail.imap.timeout_secs", "3"),
        ("user.name", "Sam Taylor"),
        ("user.email", "sam@example.org"),
    ] {
        env.ok(&["config", "set", key, value]);
    }
    env.add(
        "Acme",
        "Backend Engineer",
        &["--on", "2026-11-01", "--contact", "Dana Lee", "--email", "dana@acme.example"],
    );
    env
}

fn scan_json(env: &Env) -> serde_json::Value {
    env.json(&["mail", "scan", "--imap", "--json"])
}

#[test]
fn scan_over_implicit_tls_leaves_flags_and_rescans_fetch_nothing() {
    let Some(server) = Dovecot::start() else { return };
    server.deliver("INBOX", "1", &rejection(), "");
    server.deliver("INBOX", "2", &newsletter(1), "S");
    let env = setup(&server, false);
    let before = server.flags("INBOX");
    let report = scan_json(&env);
    assert_eq!(report["read"], 2, "{report}");
    let proposals = report["proposals"].as_array().unwrap();
    assert_eq!(proposals.len(), 1, "{report}");
    assert_eq!(proposals[0]["kind"], "rejection");
    assert_eq!(proposals[0]["app_id"], 1);
    assert!(proposals[0]["source"].as_str().unwrap().ends_with("/INBOX"), "{report}");
    assert_eq!(server.flags("INBOX"), before, "a scan changes no flag");
    assert_eq!(server.last_fetches().1, 2, "{}", server.log());

    // Nothing new: no message is fetched at all.
    let again = scan_json(&env);
    assert_eq!((again["read"].as_u64(), again["fetched"].as_u64()), (Some(0), Some(0)), "{again}");
    assert_eq!(server.last_fetches(), (0, 0), "{}", server.log());

    // One new message: only it is fetched.
    server.deliver("INBOX", "3", &newsletter(2), "");
    let third = scan_json(&env);
    assert_eq!(third["read"], 1, "{third}");
    assert_eq!(server.last_fetches(), (1, 1), "{}", server.log());
    assert_eq!(server.flags("INBOX").iter().filter(|(_, f)| f.contains('S')).count(), 1);
}
