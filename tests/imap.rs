//! `mail scan --imap` and `followup --to-drafts` against a real Dovecot the tests start themselves: implicit
//! TLS and STARTTLS, flags left as they were, incremental rescans, UIDVALIDITY changes, the draft stored with
//! `\Draft`, a sent follow-up and its reply recorded, and the whole loop. Failures: tests/imap_failures.rs.

mod common;

use std::fs;

use common::dovecot::Dovecot;
use common::imap_env::{message, newsletter, rejection, scan_json, setup};

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
