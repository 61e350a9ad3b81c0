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
    assert_eq!(server.fetches(1), [(2, 2)], "{}", server.log());

    // Nothing new: no message is fetched at all.
    let again = scan_json(&env);
    assert_eq!(
        (again["read"].as_u64(), again["fetched"].as_u64()),
        (Some(0), Some(0)),
        "{again}"
    );
    assert_eq!(server.fetches(2)[1], (0, 0), "{}", server.log());

    // One new message: only it is fetched.
    server.deliver("INBOX", "3", &newsletter(2), "");
    let third = scan_json(&env);
    assert_eq!(third["read"], 1, "{third}");
    assert_eq!(server.fetches(3)[2], (1, 1), "{}", server.log());
    assert_eq!(server.flags("INBOX").iter().filter(|(_, f)| f.contains('S')).count(), 1);
}

#[test]
fn the_whole_loop_from_a_rejection_to_a_reply_with_scan_auto_due_and_to_drafts() {
    let Some(server) = Dovecot::start() else { return };
    server.deliver("INBOX", "1", &rejection(), "");
    let mut env = setup(&server, false);
    env.at("2026-11-23");
    env.ok(&["mail", "scan", "--imap", "--auto", "--quiet"]);
    assert_eq!(env.json(&["show", "1", "--json"])["status"], "rejected");
    let due = env.json(&["due", "--json"]);
    assert_eq!(due[0]["id"], 1, "{due}");

    // The draft goes into the folder the server marks \Drafts, flagged \Draft.
    let out = env.ok(&["followup", "1", "--to-drafts", "--kind", "feedback"]);
    assert_eq!(
        out,
        "Put the follow-up to Acme about Backend Engineer (feedback) to dana@acme.example into Drafts on localhost: open it in your mail client to send it.\n"
    );
    let drafts = server.messages("Drafts");
    assert_eq!(drafts.len(), 1);
    let (file, text) = &drafts[0];
    assert!(file.ends_with(":2,D"), "{file}");
    let draft = mail_parser::MessageParser::default()
        .parse(text.as_bytes())
        .expect("a message");
    let to = draft
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default();
    let from = draft
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default();
    assert_eq!((to, from), ("dana@acme.example", "sam@example.org"));
    assert_eq!(draft.subject(), Some("Sam Taylor – Backend Engineer"));
    let body = draft.body_text(0).unwrap_or_default();
    assert!(body.contains("Dana") && body.contains("feedback"), "{body}");
    let draft_id = format!("<{}>", draft.message_id().unwrap_or_default());
    assert!(draft_id.ends_with(".tracker@example.org>"), "{draft_id}");
    assert_eq!(server.flags("INBOX").len(), 1, "nothing else changed");

    // The user sends it: the same message, now in Sent. A scan records the follow-up with the draft's kind.
    env.at("2026-11-24");
    // Sending gives it the day it was sent and drops the unsent mark.
    let sent = text
        .replace("Mon, 23 Nov 2026 12:00:00 +0000", "Tue, 24 Nov 2026 09:15:00 +0000")
        .replace("X-Unsent: 1\n", "");
    assert_ne!(&sent, text);
    server.deliver("Sent", "sent-1", &sent, "S");
    env.ok(&["mail", "scan", "--imap", "--auto", "--quiet"]);
    let show = env.json(&["show", "1", "--json"]);
    let events = show["events"].as_array().unwrap();
    let followup = events
        .iter()
        .find(|e| e["kind"] == "followup")
        .expect("a follow-up event");
    assert_eq!(followup["template"], "feedback", "{show}");
    assert_eq!(followup["on"], "2026-11-24");
    assert_eq!(env.json(&["due", "--json"]), serde_json::json!([]));

    // Their answer, in the thread, is recorded as the reply.
    env.at("2026-11-26");
    let reply = format!(
        "Message-ID: <answer@acme.example>\nDate: Thu, 26 Nov 2026 10:00:00 +0000\nFrom: Dana Lee <dana@acme.example>\n\
         To: sam@example.org\nSubject: Re: Backend Engineer\nIn-Reply-To: {draft_id}\nReferences: {draft_id}\n\n\
         Hi Sam, happy to help: the other candidates had more Kubernetes experience. Good luck!\n"
    );
    server.deliver("INBOX", "2", &reply, "");
    env.ok(&["mail", "scan", "--imap", "--auto", "--quiet"]);
    let show = env.json(&["show", "1", "--json"]);
    let replied = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "reply")
        .cloned();
    let replied = replied.unwrap_or_else(|| panic!("a reply event: {show}"));
    assert!(replied["note"].as_str().unwrap().contains("Kubernetes"), "{replied}");
    assert_eq!(env.json(&["mail", "list", "--json"]), serde_json::json!([]));
}

#[test]
fn a_sent_follow_up_written_by_hand_is_proposed_with_the_kind_its_text_tells() {
    let Some(server) = Dovecot::start() else { return };
    let env = setup(&server, true);
    env.ok(&["reject", "1", "--on", "2026-11-20"]);
    server.deliver(
        "Sent",
        "1",
        &message(
            "mine-1@example.org",
            "Mon, 23 Nov 2026 09:00:00 +0000",
            "Sam Taylor <sam@example.org>",
            "Hiring <talent@acme.example>",
            "Thank you",
            "Thanks for letting me know. I'd love to stay in touch for future openings at Acme.",
        ),
        "S",
    );
    server.deliver(
        "Sent",
        "2",
        &message(
            "mine-2@example.org",
            "Mon, 23 Nov 2026 10:00:00 +0000",
            "Sam Taylor <sam@example.org>",
            "friend@elsewhere.example",
            "Dinner",
            "See you at eight.",
        ),
        "S",
    );
    let report = scan_json(&env);
    let proposals = report["proposals"].as_array().unwrap();
    assert_eq!(proposals.len(), 1, "{report}");
    let p = &proposals[0];
    assert_eq!(
        (p["kind"].as_str(), p["app_id"].as_i64()),
        (Some("followup_sent"), Some(1)),
        "{p}"
    );
    assert_eq!(p["detail"], "network");
    assert_eq!(
        report["fetched"], 1,
        "only the message to the company's domain is fetched: {report}"
    );
    env.ok(&["mail", "accept", &p["id"].to_string()]);
    let show = env.json(&["show", "1", "--json"]);
    let followup = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "followup")
        .cloned();
    assert_eq!(followup.expect("recorded")["template"], "network");
}

#[test]
fn a_changed_uidvalidity_reads_the_folder_again_and_seen_messages_propose_nothing() {
    let Some(server) = Dovecot::start() else { return };
    server.deliver("INBOX", "1", &rejection(), "");
    let env = setup(&server, false);
    assert_eq!(scan_json(&env)["proposals"].as_array().unwrap().len(), 1);
    // Recreating the folder's index gives it a new UIDVALIDITY, as a server migration would.
    let uidlist = server.folder("INBOX").join("dovecot-uidlist");
    let text = fs::read_to_string(&uidlist).unwrap();
    let mut words: Vec<String> = text.lines().next().unwrap().split(' ').map(str::to_owned).collect();
    words[1] = "V1234".into();
    fs::write(
        &uidlist,
        format!("{}\n{}", words.join(" "), text.split_once('\n').unwrap().1),
    )
    .unwrap();
    for index in fs::read_dir(server.folder("INBOX")).unwrap() {
        let path = index.unwrap().path();
        if path.file_name().unwrap().to_string_lossy().starts_with("dovecot.index") {
            fs::remove_file(path).unwrap();
        }
    }
    server.deliver("INBOX", "2", &newsletter(1), "");
    let report = scan_json(&env);
    assert_eq!(
        (
            report["read"].as_u64(),
            report["skipped"].as_u64(),
            report["proposals"].as_array().map(Vec::len)
        ),
        (Some(2), Some(1), Some(0)),
        "{report}"
    );
    assert_eq!(
        server.fetches(2)[1],
        (2, 1),
        "the seen rejection's body is not fetched again"
    );
}

#[test]
fn failures_are_one_line_and_record_nothing() {
    let Some(server) = Dovecot::start() else { return };
    server.deliver("INBOX", "1", &rejection(), "");
    let env = setup(&server, false);
    let before = env.dump();
    let proposals = |env: &Env| env.json(&["mail", "list", "--all", "--json"]);
    let fails = |env: &Env, expected: &str| {
        let err = env.run(&["mail", "scan", "--imap"]).fails(1);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("tracker: ") && err.contains(expected),
            "{expected}: {err}"
        );
        assert!(!err.contains(PASSWORD), "{err}");
        assert_eq!(env.dump(), before);
        assert_eq!(proposals(env), serde_json::json!([]));
    };

    fs::write(env.path("imap-password"), "wrong-password\n").unwrap();
    fails(
        &env,
        "the IMAP server localhost refused the login of ana@example.org: Authentication failed. (check mail.imap.user",
    );
    fs::write(env.path("imap-password"), format!("{PASSWORD}\n")).unwrap();

    env.ok(&[
        "config",
        "set",
        "mail.imap.ca_file",
        dovecot::other_ca(env.dir.path()).to_str().unwrap(),
    ]);
    fails(
        &env,
        "certificate is signed by a certificate authority tracker does not trust (for a self-hosted server, set mail.imap.ca_file",
    );
    env.ok(&["config", "set", "mail.imap.ca_file", server.ca().to_str().unwrap()]);

    env.ok(&["config", "set", "mail.imap.folders", "INBOX", "Jobs"]);
    fails(&env, "has no folder \"Jobs\"");
    env.ok(&["config", "unset", "mail.imap.folders"]);

    for (command, expected) in [
        ("false", "mail.imap.password_command \"false\" exited with status 1"),
        ("true", "mail.imap.password_command \"true\" printed no password"),
        (
            "/nonexistent/pass show",
            "cannot run mail.imap.password_command \"/nonexistent/pass\"",
        ),
    ] {
        env.ok(&["config", "set", "mail.imap.password_command", command]);
        fails(&env, expected);
    }
    env.ok(&[
        "config",
        "set",
        "mail.imap.password_command",
        &format!("cat {}", env.path("imap-password").display()),
    ]);

    // Implicit TLS against the STARTTLS port, and a port where nothing listens.
    env.ok(&["config", "set", "mail.imap.port", &server.imap_port.to_string()]);
    fails(&env, "check mail.imap.port and mail.imap.tls");
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    env.ok(&["config", "set", "mail.imap.port", &closed.to_string()]);
    fails(&env, &format!("cannot reach the IMAP server localhost:{closed}"));
    env.ok(&["config", "set", "mail.imap.port", &server.imaps_port.to_string()]);

    env.ok(&["config", "unset", "mail.imap.user"]);
    fails(
        &env,
        "mail.imap.user is not set (set it with: tracker config set mail.imap.user you@example.org)",
    );
    for (key, value) in [
        ("mail.imap.tls", "plain"),
        ("mail.imap.port", "99999"),
        ("mail.imap.host", "a host"),
    ] {
        let err = env.run(&["config", "set", key, value]).fails(1);
        assert!(err.contains(&format!("invalid value for {key}")), "{err}");
    }
}

#[test]
fn a_frozen_server_ends_the_scan_within_the_timeout() {
    let Some(server) = Dovecot::start() else { return };
    for n in 0..50 {
        server.deliver("INBOX", &n.to_string(), &newsletter(n), "");
    }
    let env = setup(&server, false);
    env.ok(&["config", "set", "mail.imap.timeout_secs", "2"]);
    server.freeze(true);
    let start = Instant::now();
    let err = env.run(&["mail", "scan", "--imap"]).fails(1);
    let took = start.elapsed();
    server.freeze(false);
    assert!(took < Duration::from_secs(2 + 5), "took {took:?}");
    assert!(err.contains("stopped answering"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // Thawed, the same scan works.
    assert_eq!(scan_json(&env)["read"], 50);
}

/// Every process's arguments and environment, as far as they can be read.
fn processes_mention(secret: &str) -> Option<String> {
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        for file in ["cmdline", "environ"] {
            if let Ok(bytes) = fs::read(entry.path().join(file))
                && String::from_utf8_lossy(&bytes).contains(secret)
            {
                return Some(format!("{}/{file}", entry.path().display()));
            }
        }
    }
    None
}

#[test]
fn the_password_is_in_no_process_arguments_environment_or_output() {
    let Some(server) = Dovecot::start() else { return };
    server.deliver("INBOX", "1", &rejection(), "");
    let env = setup(&server, false);
    // A password command that takes a moment, so the scan is watched while it runs.
    let script = env.path("slow-pass");
    fs::write(
        &script,
        format!("#!/bin/sh\nsleep 0.3\ncat {}\n", env.path("imap-password").display()),
    )
    .unwrap();
    fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    env.ok(&["config", "set", "mail.imap.password_command", script.to_str().unwrap()]);
    let watcher = std::thread::spawn(|| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(1500) {
            if let Some(place) = processes_mention(PASSWORD) {
                return Some(place);
            }
        }
        None
    });
    let out = env.run(&["mail", "scan", "--imap", "--json"]).output();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(watcher.join().unwrap(), None);
    for text in [
        &out.stdout,
        &out.stderr,
        &server.log(),
        &fs::read_to_string(&env.config).unwrap(),
    ] {
        assert!(!text.contains(PASSWORD), "{text}");
    }
}
