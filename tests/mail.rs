//! `tracker mail` end to end: scan a Maildir and an mbox, review, accept, drop, --auto, rescans, the
//! follow-up that starts from an accepted rejection, the mailbox left byte for byte, and bad input.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::Env;
use serde_json::Value;

/// A message as an ATS or a company would send it.
fn message(id: &str, date: &str, from: &str, subject: &str, body: &str) -> String {
    format!(
        "Message-ID: <{id}>\nDate: {date}\nFrom: {from}\nTo: Sam Taylor <sam@example.org>\nSubject: {subject}\n\
         MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
    )
}

fn inbox() -> Vec<(&'static str, String)> {
    vec![
        (
            "1.a:2,S",
            message(
                "confirm-globex@globex.example",
                "Mon, 02 Nov 2026 09:00:00 +0000",
                "Globex <jobs@globex.example>",
                "Your application for Platform Engineer",
                "Hi Sam,\n\nThank you for applying. We have received your application for the Platform Engineer role and will review it shortly.\n\nGlobex Recruiting",
            ),
        ),
        (
            "2.b:2,",
            message(
                "reject-acme@acme.example",
                "Fri, 20 Nov 2026 16:30:00 +0000",
                "Acme <jobs@acme.example>",
                "Your application for Backend Engineer",
                "Dear Sam,\n\nThank you for your interest in Acme. After careful consideration we have decided to move forward with other candidates whose experience more closely matches our needs.\n\nBest wishes,\nAcme Recruiting",
            ),
        ),
        (
            "3.c:2,S",
            message(
                "alert-1@jobs.example",
                "Sat, 21 Nov 2026 07:00:00 +0000",
                "Job Alerts <alerts@jobboard.example>",
                "30 new jobs for Backend Engineer",
                "Jobs you may be interested in: Backend Engineer at Acme, Platform Engineer at Globex. Unsubscribe at any time.",
            ),
        ),
    ]
}

fn maildir(env: &Env, name: &str, messages: &[(&str, String)]) -> PathBuf {
    let dir = env.path(name);
    for sub in ["cur", "new", "tmp"] {
        fs::create_dir_all(dir.join(sub)).unwrap();
    }
    for (file, text) in messages {
        fs::write(dir.join("cur").join(file), text).unwrap();
    }
    dir
}

/// Every file under `dir` with its bytes and modification time: what "untouched" means.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    for sub in ["cur", "new", "tmp"] {
        for entry in fs::read_dir(dir.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::metadata(&path).unwrap();
            out.insert(path.clone(), (fs::read(&path).unwrap(), meta.modified().unwrap()));
        }
    }
    out
}

fn setup() -> (Env, PathBuf) {
    let env = Env::new();
    env.add("Acme", "Backend Engineer", &["--on", "2026-11-01"]);
    let dir = maildir(&env, "Mail", &inbox());
    (env, dir)
}

#[test]
fn scan_review_accept_and_rescan() {
    let (mut env, dir) = setup();
    let before = snapshot(&dir);
    let maildir = dir.to_str().unwrap();
    assert_eq!(
        env.ok(&["mail", "scan", "--maildir", maildir]),
        "Read 3 messages: 2 new proposals (1 rejection, 1 application). Review them with: tracker mail list\n"
    );
    let list = env.json(&["mail", "list", "--json"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2, "the job alert is not a proposal: {list:?}");
    let (applied, rejection) = (&list[0], &list[1]);
    assert_eq!(
        (
            applied["kind"].as_str(),
            applied["app_id"].as_i64(),
            applied["on"].as_str()
        ),
        (Some("applied"), None, Some("2026-11-02"))
    );
    assert_eq!(applied["candidates"], serde_json::json!([]));
    assert_eq!(
        (
            rejection["kind"].as_str(),
            rejection["app_id"].as_i64(),
            rejection["state"].as_str()
        ),
        (Some("rejection"), Some(1), Some("pending"))
    );
    assert_eq!(rejection["message_id"], "reject-acme@acme.example");
    assert_eq!(rejection["source"], format!("maildir:{maildir}"));
    assert!(
        rejection["evidence"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("other candidates")
    );
    for field in [
        "id",
        "state",
        "kind",
        "app_id",
        "candidates",
        "company",
        "position",
        "on",
        "from",
        "subject",
        "message_id",
        "confidence",
        "evidence",
        "source",
    ] {
        assert!(rejection.get(field).is_some(), "proposal JSON has {field}");
    }
    let table = env.ok(&["mail", "list"]);
    assert!(table.contains("#1 Acme – Backend Engineer"), "{table}");
    assert!(table.contains("new: Globex"), "{table}");

    // Accept the rejection: recorded on the message's day, with a note that says where it came from.
    let rid = rejection["id"].as_i64().unwrap().to_string();
    let out = env.ok(&["mail", "accept", &rid]);
    assert_eq!(
        out,
        format!("Accepted mail proposal {rid}: rejection for application 1 (Backend Engineer at Acme), 2026-11-20.\n")
    );
    let app = env.json(&["show", "1", "--json"]);
    assert_eq!(
        (app["status"].as_str(), app["status_on"].as_str()),
        (Some("rejected"), Some("2026-11-20"))
    );
    let last = app["events"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["note"], "from mail: Your application for Backend Engineer");
    assert!(
        env.ok(&["show", "1"])
            .contains("from mail: Your application for Backend Engineer")
    );
    // The follow-up reminder starts as if the rejection had been typed.
    env.at("2026-11-22");
    assert_eq!(env.json(&["due", "--json"])[0]["id"], 1);

    // A new application from the confirmation.
    let aid = applied["id"].as_i64().unwrap().to_string();
    assert!(
        env.ok(&["mail", "accept", &aid])
            .contains("for application 2 (Platform Engineer at Globex), 2026-11-02.")
    );
    let globex = env.json(&["show", "2", "--json"]);
    assert_eq!(
        (globex["status"].as_str(), globex["source"].as_str()),
        (Some("applied"), Some("email"))
    );

    // Rescanning the same mail proposes nothing; the mailbox is untouched.
    assert_eq!(
        env.ok(&["mail", "scan", "--maildir", maildir]),
        "Read 3 messages (3 skipped): no new proposals.\n"
    );
    assert_eq!(
        snapshot(&dir),
        before,
        "no file in the Maildir was renamed, changed or touched"
    );
    assert_eq!(env.json(&["mail", "list", "--json"]), serde_json::json!([]));
    assert_eq!(
        env.json(&["mail", "list", "--all", "--json"]).as_array().unwrap().len(),
        2
    );
    // Accepting twice is refused, and changes nothing.
    let dump = env.dump();
    assert_eq!(
        env.fails(1, &["mail", "accept", &rid]).lines().next().unwrap(),
        format!("tracker: mail proposal {rid} is already accepted (see: tracker mail list --all)")
    );
    assert_eq!(env.dump(), dump);
}

#[test]
fn dropped_messages_are_never_proposed_again_and_ambiguity_needs_app() {
    let (env, dir) = setup();
    env.add("Acme", "Data Engineer", &["--on", "2026-11-01"]);
    let maildir = dir.to_str().unwrap();
    env.ok(&["mail", "scan", "--maildir", maildir]);
    let list = env.json(&["mail", "list", "--json"]);
    let rejection = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["kind"] == "rejection")
        .unwrap()
        .clone();
    // Two open applications at Acme; the message names the position, which decides.
    assert_eq!(rejection["app_id"], 1);
    let ambiguous = maildir_with_ambiguous(&env);
    env.ok(&["mail", "scan", "--maildir", ambiguous.to_str().unwrap()]);
    let list = env.json(&["mail", "list", "--json"]);
    let p = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["message_id"] == "reject-acme-2@acme.example")
        .unwrap()
        .clone();
    assert_eq!(
        (p["app_id"].as_i64(), p["candidates"].clone()),
        (None, serde_json::json!([1, 2]))
    );
    let id = p["id"].as_i64().unwrap().to_string();
    assert!(env.ok(&["mail", "list"]).contains("2 candidates: #1, #2"));
    let err = env.fails(1, &["mail", "accept", &id]);
    assert!(
        err.contains(&format!(
            "matches 2 applications (#1, #2): choose one with: tracker mail accept {id} --app ID"
        )),
        "{err}"
    );
    assert!(
        env.ok(&["mail", "accept", &id, "--app", "2"])
            .contains("for application 2 (Data Engineer at Acme)")
    );

    assert_eq!(
        env.ok(&["mail", "drop", "--all"]),
        "Dropped 2 mail proposals; their messages will not be proposed again.\n"
    );
    assert_eq!(
        env.ok(&["mail", "scan", "--maildir", maildir]),
        "Read 3 messages (3 skipped): no new proposals.\n"
    );
    assert_eq!(env.json(&["mail", "list", "--json"]), serde_json::json!([]));
}

fn maildir_with_ambiguous(env: &Env) -> PathBuf {
    let text = message(
        "reject-acme-2@acme.example",
        "Sat, 21 Nov 2026 10:00:00 +0000",
        "Acme <jobs@acme.example>",
        "An update from Acme",
        "Dear Sam,\n\nWe regret to inform you that we have decided to move forward with other candidates.\n\nAcme",
    );
    maildir(env, "Other", &[("9.z:2,", text)])
}

#[test]
fn auto_applies_what_is_certain_and_an_mbox_reads_the_same() {
    let env = Env::new();
    env.add("Acme", "Backend Engineer", &["--on", "2026-11-01"]);
    let mut mbox = String::new();
    for (_, text) in inbox() {
        mbox.push_str("From jobs@example.org Mon Nov  2 09:00:00 2026\n");
        mbox.push_str(&text.replace("\nFrom ", "\n>From "));
        mbox.push('\n');
    }
    let path = env.path("inbox.mbox");
    fs::write(&path, &mbox).unwrap();
    let report: Value =
        serde_json::from_str(&env.ok(&["mail", "scan", "--mbox", path.to_str().unwrap(), "--auto", "--json"])).unwrap();
    assert_eq!(
        (
            report["read"].as_u64(),
            report["skipped"].as_u64(),
            report["unreadable"].as_u64()
        ),
        (Some(3), Some(0), Some(0))
    );
    assert_eq!(report["proposals"].as_array().unwrap().len(), 2);
    let applied: Vec<&str> = report["applied"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        applied,
        ["applied", "rejection"],
        "certain and matched to one application (or new): applied at once"
    );
    assert_eq!(env.json(&["show", "1", "--json"])["status"], "rejected");
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 2);
    assert_eq!(fs::read_to_string(&path).unwrap(), mbox, "the mbox is only read");
    assert_eq!(
        env.ok(&["mail", "scan", "--mbox", path.to_str().unwrap(), "--quiet"]),
        ""
    );
}

#[test]
fn sources_come_from_the_configuration() {
    let (env, dir) = setup();
    env.ok(&["config", "set", "mail.maildir", dir.to_str().unwrap()]);
    assert!(
        env.ok(&["mail", "scan"])
            .starts_with("Read 3 messages: 2 new proposals")
    );
    assert_eq!(
        env.ok(&["config", "get", "mail.maildir"]),
        format!("{}\n", dir.display())
    );
}

#[test]
fn bad_sources_are_one_line_errors_that_change_nothing() {
    let (env, dir) = setup();
    let not_maildir = env.path("plain");
    fs::create_dir(&not_maildir).unwrap();
    let not_mbox = env.path("notes.txt");
    fs::write(&not_mbox, "Subject: hello\n\njust a note\n").unwrap();
    let before = env.dump();
    let cases: &[(i32, &[&str], String)] = &[
        (
            1,
            &["mail", "scan"],
            "tracker: no mail to read (give --maildir DIR or --mbox FILE, or set them once with: tracker config set mail.maildir DIR... or: tracker config set mail.mbox FILE...)".to_owned(),
        ),
        (
            1,
            &["mail", "scan", "--maildir", not_maildir.to_str().unwrap()],
            format!("tracker: {} is not a Maildir (it has no cur/ and new/ folders; give the folder that holds them, or use --mbox for an mbox file)", not_maildir.display()),
        ),
        (
            1,
            &["mail", "scan", "--mbox", not_mbox.to_str().unwrap()],
            format!("tracker: {} is not an mbox file (it does not start with a \"From \" line)", not_mbox.display()),
        ),
        (
            1,
            &["mail", "scan", "--mbox", dir.to_str().unwrap()],
            format!("tracker: {} is not an mbox file (give a file such as ~/mail/inbox.mbox; for a Maildir folder use --maildir)", dir.display()),
        ),
        (1, &["mail", "show", "42"], "tracker: no mail proposal with id 42 (see: tracker mail list)".to_owned()),
        (1, &["mail", "drop", "42"], "tracker: no mail proposal with id 42 (see: tracker mail list)".to_owned()),
    ];
    for (code, args, expected) in cases {
        assert_eq!(&env.fails(*code, args), expected, "{args:?}");
    }
    assert_eq!(env.dump(), before);
}

#[test]
fn odd_mail_is_counted_never_fatal() {
    let env = Env::new();
    env.create_db();
    let mut messages = inbox();
    messages.push(("4.d:2,", "\u{0}\u{1}binary garbage without any header".to_owned()));
    messages.push((
        "5.e:2,",
        "From: someone@example.org\nSubject: no date\n\nhello\n".to_owned(),
    ));
    messages.push((
        "7.g:2,",
        message(
            "future@x.example",
            "Fri, 31 Dec 9999 23:59:59 -1200",
            "a@x.example",
            "Later",
            "We regret to inform you.",
        ),
    ));
    messages.push((
        "8.h:2,",
        "Message-ID: <bad-date@x.example>\nDate: Feb 30 garbage\nFrom: a@x.example\nSubject: x\n\nhello\n".to_owned(),
    ));
    messages.push((
        "6.f:2,",
        "Message-ID: <cut@x.example>\nDate: Mon, 02 Nov 2026 09:00:00 +0000\nFrom: a@x.example\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=x-unknown-charset\n\nHallo".to_owned(),
    ));
    let dir = maildir(&env, "Mail", &messages);
    fs::create_dir(dir.join("cur/a-folder")).unwrap();
    let report: Value =
        serde_json::from_str(&env.ok(&["mail", "scan", "--maildir", dir.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(
        (
            report["read"].as_u64(),
            report["skipped"].as_u64(),
            report["unreadable"].as_u64()
        ),
        (Some(9), Some(3), Some(2))
    );
    let reasons: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 5, "{reasons:?}");
    for reason in [
        "no Date header, so its day is unknown (skipped)",
        "its Date header cannot be read, so its day is unknown (skipped)",
        "dated in the future, which a message cannot be (skipped)",
        "not a regular file",
    ] {
        assert!(reasons.contains(&reason), "{reason}: {reasons:?}");
    }
    assert_eq!(
        report["proposals"].as_array().unwrap().len(),
        2,
        "only the inbox's job mail"
    );
}

#[test]
fn history_rules_hold_and_since_ignores_older_mail() {
    let (env, dir) = setup();
    let maildir = dir.to_str().unwrap();
    assert!(
        env.ok(&["mail", "scan", "--maildir", maildir, "--since", "2026-11-10"])
            .starts_with("Read 3 messages (1 skipped): 1 new proposal (1 rejection)")
    );
    // Something happened after the message's day: accepting on that day would break the history's order.
    env.ok(&["note", "1", "called the recruiter", "--on", "2026-11-25"]);
    let id = env.json(&["mail", "list", "--json"])[0]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let before = env.dump();
    let out = env.run(&["mail", "accept", &id]).output();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.starts_with(&format!(
            "tracker: cannot apply mail proposal {id} to application 1 (give another day with --on DATE): date 2026-11-20 is before the application's previous event on 2026-11-25"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(env.dump(), before, "nothing changed");
    assert!(
        env.ok(&["mail", "accept", &id, "--on", "today"])
            .ends_with(", 2026-11-27.\n")
    );
    // The older confirmation was not recorded as seen: a scan without --since still finds it.
    assert!(
        env.ok(&["mail", "scan", "--maildir", maildir])
            .contains("1 new proposal (1 application)")
    );
}

#[test]
fn text_from_mail_reaches_the_terminal_inert() {
    let env = Env::new();
    env.create_db();
    let hostile = message(
        "hostile@evil.example",
        "Mon, 02 Nov 2026 09:00:00 +0000",
        "Evil\u{1b}[31m Corp <jobs@evil.example>",
        "Update\u{1b}]0;pwned\u{7} \u{202e}gnp.exe",
        "We regret to inform you that we have decided to move forward with other candidates.\u{1b}[2J",
    );
    let dir = maildir(&env, "Mail", &[("1.x:2,", hostile)]);
    env.ok(&["mail", "scan", "--maildir", dir.to_str().unwrap()]);
    for args in [&["mail", "list"][..], &["mail", "show", "1"][..]] {
        let out = env.ok(args);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{args:?}: {out:?}"
        );
        assert!(out.contains("\\u{1b}"), "escaped, not dropped: {out}");
    }
}

#[test]
fn an_answer_from_the_contact_after_a_follow_up_is_a_reply() {
    let env = Env::new();
    env.add(
        "Umbrella",
        "Analyst",
        &["--on", "2026-10-01", "--email", "Dana Rivera <dana@umbrella.example>"],
    );
    env.ok(&["reject", "1", "--on", "2026-11-10"]);
    env.ok(&["followup", "1", "--sent", "--on", "2026-11-12"]);
    let answer = message(
        "answer-1@umbrella.example",
        "Tue, 17 Nov 2026 11:00:00 +0000",
        "Dana Rivera <dana@umbrella.example>",
        "Quick note",
        "Hi Sam,\n\nthanks for writing. Your system design round was solid; the other candidate had more domain experience. Let's stay in touch.\n\nDana",
    );
    let unrelated = message(
        "friend-1@gmail.com",
        "Tue, 17 Nov 2026 12:00:00 +0000",
        "A Friend <friend@gmail.com>",
        "Lunch?",
        "Lunch on Friday?",
    );
    let dir = maildir(&env, "Mail", &[("1.a:2,", answer), ("2.b:2,", unrelated)]);
    assert!(
        env.ok(&["mail", "scan", "--maildir", dir.to_str().unwrap()])
            .contains("1 new proposal (1 reply)")
    );
    let p = env.json(&["mail", "list", "--json"])[0].clone();
    assert_eq!((p["kind"].as_str(), p["app_id"].as_i64()), (Some("reply"), Some(1)));
    assert!(p["detail"].as_str().unwrap().starts_with("Hi Sam,"));
    env.ok(&["mail", "accept", "--all"]);
    let last = env.json(&["show", "1", "--json"])["events"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "reply");
    assert!(
        last["note"]
            .as_str()
            .unwrap()
            .starts_with("from mail: Quick note: Hi Sam,"),
        "{last}"
    );
}

#[test]
fn a_scan_needs_a_database_and_leaves_the_mailbox_times_alone() {
    let env = Env::new();
    let dir = maildir(&env, "Mail", &inbox());
    let maildir = dir.to_str().unwrap();
    assert_eq!(
        env.fails(1, &["mail", "scan", "--maildir", maildir]),
        format!(
            "tracker: no database at {} yet (add an application with: tracker add COMPANY POSITION, or point --db or TRACKER_DB at your database)",
            env.db.display()
        )
    );
    assert!(
        !env.db.exists() && !env.db.parent().unwrap().exists(),
        "nothing created"
    );
    env.create_db();
    // Access times stay as they were (mail readers compare them with modification times).
    let mbox = env.path("inbox.mbox");
    fs::write(&mbox, format!("From x Mon Nov  2 09:00:00 2026\n{}", inbox()[1].1)).unwrap();
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    let times = fs::FileTimes::new().set_accessed(old);
    fs::File::options()
        .write(true)
        .open(&mbox)
        .unwrap()
        .set_times(times)
        .unwrap();
    for entry in fs::read_dir(dir.join("cur")).unwrap() {
        fs::File::options()
            .write(true)
            .open(entry.unwrap().path())
            .unwrap()
            .set_times(times)
            .unwrap();
    }
    env.ok(&["mail", "scan", "--maildir", maildir, "--mbox", mbox.to_str().unwrap()]);
    assert_eq!(
        fs::metadata(&mbox).unwrap().accessed().unwrap(),
        old,
        "the mbox's access time"
    );
    for entry in fs::read_dir(dir.join("cur")).unwrap() {
        assert_eq!(
            entry.unwrap().metadata().unwrap().accessed().unwrap(),
            old,
            "a Maildir file's access time"
        );
    }
}

#[test]
fn several_proposals_that_cannot_apply_are_each_reported() {
    let (env, dir) = setup();
    let other = maildir_with_ambiguous(&env);
    env.add("Acme", "Data Engineer", &["--on", "2026-11-01"]);
    env.ok(&[
        "mail",
        "scan",
        "--maildir",
        dir.to_str().unwrap(),
        "--maildir",
        other.to_str().unwrap(),
        "--maildir",
        dir.to_str().unwrap(),
    ]);
    let ids: Vec<String> = env
        .json(&["mail", "list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].to_string())
        .collect();
    assert_eq!(ids.len(), 3, "a folder named twice is read once");
    let mut args = vec!["mail", "accept"];
    args.extend(ids.iter().map(String::as_str));
    args.push("99");
    let out = env.run(&args).output();
    assert_eq!(out.code, 1);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "one line per proposal that cannot apply: {lines:?}");
    assert!(lines[0].contains("matches 2 applications"), "{lines:?}");
    assert_eq!(
        lines[1],
        "tracker: no mail proposal with id 99 (see: tracker mail list)"
    );
    assert_eq!(out.stdout.lines().count(), 2, "the other two applied: {}", out.stdout);
    assert_eq!(
        env.fails(
            1,
            &[
                "mail",
                "scan",
                "--maildir",
                dir.to_str().unwrap(),
                "--since",
                "tomorrow"
            ]
        ),
        "tracker: --since 2026-11-28 is in the future, so no message could be read (give a past day, e.g. --since \"30 days ago\")"
    );
    let pending = env.json(&["mail", "list", "--json"])[0]["id"].to_string();
    assert_eq!(
        env.ok(&["mail", "drop", &pending, &pending]),
        "Dropped 1 mail proposal; its message will not be proposed again.\n"
    );
}

#[test]
fn a_calendar_invitation_accepted_is_a_scheduled_round() {
    let env = Env::new();
    env.add("Acme", "Backend Engineer", &["--on", "2026-11-01"]);
    let invitation = "Message-ID: <invite-1@acme.example>\nDate: Fri, 20 Nov 2026 09:00:00 +0000\n\
        From: Acme <jobs@acme.example>\nTo: sam@example.org\nSubject: Interview invitation: Backend Engineer\n\
        MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n\
        We would like to invite you to an interview for the Backend Engineer role.\n--b\n\
        Content-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\n\
        DTSTART:20261203T140000Z\nEND:VEVENT\nEND:VCALENDAR\n--b--\n";
    let dir = maildir(&env, "Mail", &[("1.a:2,", invitation.to_owned())]);
    env.ok(&["mail", "scan", "--maildir", dir.to_str().unwrap()]);
    env.ok(&["mail", "accept", "--all"]);
    let upcoming = env.json(&["upcoming", "--json"]);
    assert_eq!(upcoming[0]["at"], "2026-12-03T14:00:00Z", "{upcoming}");
    let thanks: Vec<_> = env
        .json(&["due", "--all", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "thanks")
        .cloned()
        .collect();
    assert!(
        thanks.iter().all(|r| r["state"] != "due"),
        "no thank-you note before the interview: {thanks:?}"
    );
    // Exported and imported again, the interview keeps its day and time.
    let export = env.path("x.json");
    assert_eq!(env.run(&["export", "-o", export.to_str().unwrap()]).output().code, 0);
    let mut other = Env::new();
    other.at(&env.now.clone());
    other.ok(&["import", export.to_str().unwrap()]);
    assert_eq!(other.json(&["upcoming", "--json"])[0]["at"], "2026-12-03T14:00:00Z");
}

#[test]
fn an_interview_day_without_a_time_survives_export_and_import() {
    let mut env = Env::new();
    env.at("2026-11-01");
    env.add("Foo", "Bar", &[]);
    env.ok(&["interview", "1", "--at", "2026-11-05", "--with", "Zed"]);
    let export = env.path("x.json");
    assert_eq!(env.run(&["export", "-o", export.to_str().unwrap()]).output().code, 0);
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&export).unwrap()).unwrap();
    assert_eq!(json[0]["events"][1]["interview_on"], "2026-11-05");
    let mut other = Env::new();
    other.at("2026-11-01");
    other.ok(&["import", export.to_str().unwrap()]);
    assert_eq!(other.ok(&["upcoming"]), env.ok(&["upcoming"]));
}

#[test]
fn an_invitation_without_a_time_is_no_interview_yet() {
    let env = Env::new();
    env.add("Hooli", "Engineer", &["--on", "2026-10-01"]);
    let invitation = message(
        "invite-2@hooli.example",
        "Wed, 25 Nov 2026 09:00:00 +0000",
        "Hooli <jobs@hooli.example>",
        "Next steps",
        "Hi Sam, we would like to invite you to an interview for the Engineer role. Please let us know your availability next week.",
    );
    let dir = maildir(&env, "Mail", &[("1.a:2,", invitation)]);
    env.ok(&["mail", "scan", "--maildir", dir.to_str().unwrap()]);
    env.ok(&["mail", "accept", "--all"]);
    assert_eq!(env.json(&["show", "1", "--json"])["status"], "interviewing");
    assert_eq!(env.json(&["upcoming", "--json"]), serde_json::json!([]));
    let due = env.json(&["due", "--all", "--json"]);
    assert!(
        due.as_array().unwrap().iter().all(|r| r["kind"] != "thanks"),
        "no thank-you note for an interview that has not happened: {due}"
    );
}
