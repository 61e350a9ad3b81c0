//! What the IMAP tests share: job mail as it arrives, and tracker set up for the test's Dovecot.

use std::fs;

use super::Env;
use super::dovecot::{Dovecot, PASSWORD, USER};

/// A message as an ATS, a company or the user would send it.
pub fn message(id: &str, date: &str, from: &str, to: &str, subject: &str, body: &str) -> String {
    format!(
        "Message-ID: <{id}>\nDate: {date}\nFrom: {from}\nTo: {to}\nSubject: {subject}\n\
         MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
    )
}

pub fn rejection() -> String {
    message(
        "reject-acme@acme.example",
        "Fri, 20 Nov 2026 16:30:00 +0000",
        "Dana Lee <dana@acme.example>",
        "Sam Taylor <sam@example.org>",
        "Your application for Backend Engineer",
        "Dear Sam,\n\nThank you for your interest in Acme. After careful consideration we have decided to move forward with other candidates whose experience more closely matches our needs.\n\nBest wishes,\nDana",
    )
}

pub fn newsletter(n: usize) -> String {
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
pub fn setup(server: &Dovecot, starttls: bool) -> Env {
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
        &[
            "--on",
            "2026-11-01",
            "--contact",
            "Dana Lee",
            "--email",
            "dana@acme.example",
        ],
    );
    env
}

pub fn scan_json(env: &Env) -> serde_json::Value {
    env.json(&["mail", "scan", "--imap", "--json"])
}
