use super::*;
use proptest::prelude::*;

#[test]
fn tagged_and_untagged_status() {
    assert_eq!(
        response(b"a1 NO [AUTHENTICATIONFAILED] Authentication failed.").unwrap(),
        Response::Done {
            tag: "a1".into(),
            state: State::No,
            code: Some("AUTHENTICATIONFAILED".into()),
            text: "Authentication failed.".into()
        }
    );
    let Response::Status { code, .. } = response(b"* OK [UIDVALIDITY 1712] UIDs valid").unwrap() else {
        panic!()
    };
    assert_eq!(code_number(code.as_deref(), "UIDVALIDITY"), Some(1712));
    assert_eq!(response(b"+ go ahead").unwrap(), Response::Continue);
    assert_eq!(
        response(b"* CAPABILITY IMAP4rev1 STARTTLS special-use").unwrap(),
        Response::Capability(vec!["IMAP4REV1".into(), "STARTTLS".into(), "SPECIAL-USE".into()])
    );
}

#[test]
fn list_with_special_use_and_a_literal_name() {
    assert_eq!(
        response(b"* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"").unwrap(),
        Response::List {
            flags: vec!["\\hasnochildren".into(), "\\sent".into()],
            name: b"Sent Items".to_vec()
        }
    );
    assert_eq!(
        response(b"* LIST () NIL {5}\r\nIN)BX").unwrap(),
        Response::List {
            flags: vec![],
            name: b"IN)BX".to_vec()
        }
    );
}

#[test]
fn fetch_with_a_section_and_a_literal_holding_parentheses_and_line_ends() {
    let raw = b"* 12 FETCH (UID 40 BODY[HEADER.FIELDS (DATE FROM)] {19}\r\nFrom: a (x\r\n)\r\n\r\n\r\n FLAGS (\\Seen))";
    let Response::Fetch(items) = response(raw).unwrap() else {
        panic!()
    };
    assert_eq!(item(&items, "UID").and_then(Value::number), Some(40));
    assert_eq!(
        item(&items, "BODY[").and_then(Value::bytes),
        Some(&b"From: a (x\r\n)\r\n\r\n\r\n"[..])
    );
    assert_eq!(
        item(&items, "FLAGS"),
        Some(&Value::List(vec![Value::Atom("\\Seen".into())]))
    );
    let Response::Fetch(items) = response(b"* 1 FETCH (UID 7 BODY[]<0> NIL)").unwrap() else {
        panic!()
    };
    assert_eq!(item(&items, "BODY["), Some(&Value::Nil));
}

#[test]
fn hostile_responses_are_errors() {
    for bad in [
        &b"* 1 FETCH (UID 7 BODY[] {99}\r\nshort)"[..],
        b"* 1 FETCH (UID 7 BODY[] {18446744073709551616}\r\n)",
        b"* 1 FETCH (UID 7 BODY[] {3}x)",
        b"* 1 FETCH (UID",
        b"* 1 FETCH (UID 7 BODY[HEADER (A)",
        b"* 1 FETCH ((((((((((((((((((((((((((((((((((((x)))))))))))))))))))))))))))))))))))",
        b"* LIST (\\Sent) \"/\" \"unterminated",
        b"a1 MAYBE",
        b"",
    ] {
        assert!(response(bad).is_err(), "{:?}", String::from_utf8_lossy(bad));
    }
}

#[test]
fn strings_are_quoted_only_when_safe() {
    assert_eq!(quoted("INBOX").as_deref(), Some("\"INBOX\""));
    assert_eq!(quoted("a\"b"), None);
    assert_eq!(quoted("p\\w"), None);
    assert_eq!(quoted("line\r\nbreak"), None);
}

proptest! {
    #[test]
    fn any_bytes_parse_or_fail_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = response(&bytes);
    }

    #[test]
    fn fetch_shaped_noise_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("(".to_owned()), Just(")".to_owned()), Just(" ".to_owned()), Just("[".to_owned()),
                Just("]".to_owned()), Just("\"".to_owned()), Just("\\".to_owned()), Just("NIL".to_owned()),
                Just("UID".to_owned()), Just("BODY[]".to_owned()), "\\{[0-9]{1,4}\\}\r\n",
                "[a-z0-9]{1,5}",
            ],
            0..40,
        )
    ) {
        let _ = response(format!("* 3 FETCH ({}", parts.concat()).as_bytes());
    }
}
