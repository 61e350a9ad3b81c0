use super::*;

fn parsed(raw: &str) -> Parsed {
    parse(raw.as_bytes()).expect("a message")
}

#[test]
fn headers_are_decoded() {
    let m = parsed(
        "Message-ID: <abc@acme.example>\nDate: Tue, 24 Nov 2026 23:30:00 -0500\n\
         From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <Jobs@Acme.example>\nTo: Sam <sam@example.org>\n\
         Cc: other@example.org\nSubject: =?utf-8?b?QWJzYWdl?=\nIn-Reply-To: <x@example.org>\n\
         References: <a@example.org> <b@example.org>\n\nHello\n",
    );
    assert_eq!(m.message_id.as_deref(), Some("abc@acme.example"));
    assert_eq!(m.date.unwrap().to_rfc3339(), "2026-11-24T23:30:00-05:00");
    assert_eq!(m.from_name.as_deref(), Some("Jürgen Müller"));
    assert_eq!(m.from_address.as_deref(), Some("jobs@acme.example"));
    assert_eq!(m.to, ["sam@example.org", "other@example.org"]);
    assert_eq!(m.subject, "Absage");
    assert_eq!(m.replies_to, ["x@example.org", "a@example.org", "b@example.org"]);
    assert!(!m.automatic && !m.list);
    assert_eq!(m.text, "Hello");
}

#[test]
fn quoted_and_forwarded_text_is_not_the_messages_own() {
    let cases = [
        "Thanks, I will look.\n\nOn Mon, 2 Nov 2026 at 10:00, Acme <jobs@acme.example> wrote:\n> We regret to inform you\n",
        "Thanks, I will look.\n> We regret to inform you\n",
        "Thanks, I will look.\n\n-----Original Message-----\nFrom: Acme\nWe regret to inform you\n",
        "Thanks, I will look.\n\nVon: Acme <jobs@acme.example>\nGesendet: Montag\nLeider müssen wir\n",
        "Thanks, I will look.\n\n---------- Forwarded message ---------\nFrom: Acme\nWe regret\n",
    ];
    for body in cases {
        let m = parsed(&format!("From: a@b.example\nSubject: x\n\n{body}"));
        assert_eq!(m.text, "Thanks, I will look.", "{body:?}");
    }
}

#[test]
fn html_only_bodies_become_text() {
    let m = parsed(
        "From: a@b.example\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n\
         <html><body><table><tr><td><p>We have decided to <b>move forward</b> with other candidates.</p></td></tr></table></body></html>\n",
    );
    assert!(
        m.text
            .contains("We have decided to move forward with other candidates."),
        "{}",
        m.text
    );
}

#[test]
fn legacy_charsets_and_transfer_encodings() {
    let m = parsed(
        "From: a@b.example\nSubject: x\nContent-Type: text/plain; charset=windows-1252\n\
         Content-Transfer-Encoding: quoted-printable\n\nLeider m=FCssen wir Ihnen eine Absage erteilen =96 =93sorry=94.\n",
    );
    assert_eq!(m.text, "Leider müssen wir Ihnen eine Absage erteilen – “sorry”.");
}

#[test]
fn a_calendar_request_keeps_its_start() {
    let m = parsed(
        "From: a@b.example\nSubject: Interview\nContent-Type: multipart/mixed; boundary=XX\n\n--XX\n\
         Content-Type: text/plain\n\nSee the invitation.\n--XX\nContent-Type: text/calendar; method=REQUEST\n\n\
         BEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\nDTSTART;TZID=Europe/Berlin:20261203T140000\nEND:VEVENT\nEND:VCALENDAR\n--XX--\n",
    );
    assert_eq!(m.invitation.as_deref(), Some("20261203T140000"));
    assert_eq!(m.text, "See the invitation.");
}

#[test]
fn automatic_replies_and_lists_are_marked() {
    assert!(parsed("From: a@b.example\nAuto-Submitted: auto-replied\n\nx\n").automatic);
    assert!(!parsed("From: a@b.example\nAuto-Submitted: no\n\nx\n").automatic);
    assert!(parsed("From: a@b.example\nX-Autoreply: yes\n\nx\n").automatic);
    assert!(parsed("From: a@b.example\nList-Unsubscribe: <mailto:u@b.example>\n\nx\n").list);
}

#[test]
fn garbage_is_not_a_message_and_never_panics() {
    assert_eq!(parse(b""), None);
    for raw in [
        &b"\x00\xff\xfe binary"[..],
        b"no headers at all",
        b"Subject: only\n",
        b"From:\n\n",
    ] {
        let _ = parse(raw);
    }
}

#[test]
fn own_text_is_capped_on_a_character_boundary() {
    let long = "é".repeat(20_000);
    let text = own_text(&long);
    assert!(text.len() <= MAX_TEXT && text.len() > MAX_TEXT - 4);
}

#[test]
fn keys_are_the_message_id_or_a_stable_hash() {
    assert_eq!(
        key(b"Message-ID:\n <long-id@mail.example>\nSubject: x\n\nbody\n").as_deref(),
        Some("long-id@mail.example")
    );
    let without = b"From: a@b.example\nDate: Mon, 2 Nov 2026 10:00:00 +0000\nSubject: x\n\nbody\n";
    let k = key(without).unwrap();
    assert_eq!(k, key(without).unwrap());
    assert!(k.starts_with("hash:") && k.len() == 21, "{k}");
    assert_ne!(
        k,
        key(b"From: a@b.example\nDate: Mon, 2 Nov 2026 10:00:00 +0000\nSubject: y\n\nbody\n").unwrap()
    );
    // Pinned: the hash must not change between builds, or a rescan would propose the message again.
    assert_eq!(k, "hash:a136f665d2d524c3");
}

#[test]
fn table_cells_and_blocks_do_not_run_together() {
    let m = parsed(
        "From: a@b.example\nSubject: x\nContent-Type: text/html; charset=utf-8\n\n\
         <table><tr><td>Status</td><td>Not selected</td></tr></table><div>Bluefjord</div><div>Dear Sam,</div>\n",
    );
    assert!(
        m.text.contains("Status\n") && !m.text.contains("StatusNot"),
        "{:?}",
        m.text
    );
    assert!(!m.text.contains("BluefjordDear"), "{:?}", m.text);
}
