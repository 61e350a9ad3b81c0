//! A draft as an `.eml` message a mail client opens as a draft, or as a `mailto:` link. Field values end up
//! in headers only through mail-builder's encoders, after control characters are removed, so no value can
//! start a header of its own.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use mail_builder::MessageBuilder;
use mail_builder::headers::HeaderType;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;
use mail_builder::headers::text::Text;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::template::Draft;

/// A person as a header shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    pub name: Option<String>,
    pub email: String,
}

impl Mailbox {
    /// A mailbox when `email` is one plain address (see [`is_address`]), else `None`: such a value must not
    /// become a list of recipients or a header.
    pub fn new(name: Option<&str>, email: &str) -> Option<Mailbox> {
        let email = email.trim();
        if !is_address(email) {
            return None;
        }
        let name = name.map(one_line).filter(|n| !n.is_empty());
        Some(Mailbox {
            name,
            email: email.to_owned(),
        })
    }

    /// Reads what a person types as an email address: one plain address, or `Name <address>` (the name may
    /// be in double quotes, and may not hold `@`). `None` for anything else: lists, spaces, a missing `@`,
    /// stray brackets.
    pub fn parse(text: &str) -> Option<Mailbox> {
        let text = text.trim();
        if is_address(text) {
            return Some(Mailbox {
                name: None,
                email: text.to_owned(),
            });
        }
        let (name, rest) = text.strip_suffix('>')?.rsplit_once('<')?;
        let name = name.trim();
        let name = name
            .strip_prefix('"')
            .and_then(|n| n.strip_suffix('"'))
            .unwrap_or(name)
            .trim();
        // A name that holds an address would show as one: refused, like brackets, quotes and controls.
        let name_ok = !name.chars().any(|c| c.is_control() || "<>\"@".contains(c));
        (name_ok && is_address(rest)).then(|| Mailbox {
            name: (!name.is_empty()).then(|| name.to_owned()),
            email: rest.to_owned(),
        })
    }

    /// The header value: the name, when there is one, before the address. A name holding `=?` is sent as
    /// encoded words, so a mail client shows it literally instead of decoding a lookalike inside it.
    fn header(&self) -> HeaderType<'_> {
        match &self.name {
            Some(name) if name.contains("=?") => Raw::new(format!("{} <{}>", encoded_words(name), self.email)).into(),
            name => Address::new_address(name.as_deref(), self.email.as_str()).into(),
        }
    }
}

/// A subject or name as RFC 2047 encoded words (`=?utf-8?b?...?=`, base64), at most 75 characters each and
/// split between characters. Decoding gives back `text` exactly: an encoded word inside it stays text.
fn encoded_words(text: &str) -> String {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?utf-8?b?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() || words.is_empty() {
        words.push(format!("=?utf-8?b?{}?=", base64(chunk.as_bytes())));
    }
    words.join(" ")
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= group.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// One plain address, `local@domain`, the only form tracker stores and puts in a header: printable ASCII
/// (internationalised addresses are not supported), exactly one `@`, no spaces, quotes, brackets or list
/// separators, and a domain of dot-separated labels with at least one dot (`dana@acme` is a typo far more
/// often than a real address).
pub fn is_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let plain = |part: &str| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_graphic() && !"<>,;:\"()[]\\@".contains(c))
    };
    plain(local) && plain(domain) && domain.contains('.') && domain.split('.').all(|label| !label.is_empty())
}

/// A header value on one line: control characters (CR, LF, NUL, escapes...) become spaces.
pub fn one_line(text: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An RFC 5322 message marked unsent (`X-Unsent: 1`), plain UTF-8 text, dated `now`.
pub fn eml(draft: &Draft, from: Option<&Mailbox>, to: Option<&Mailbox>, now: DateTime<Utc>) -> Result<String> {
    let id = format!("{}.tracker@localhost", now.timestamp_micros());
    eml_with_id(draft, from, to, now, &id)
}

/// [`eml`] with a Message-ID of the caller's (one tracker keeps, to know the message when it is sent).
pub fn eml_with_id(
    draft: &Draft,
    from: Option<&Mailbox>,
    to: Option<&Mailbox>,
    now: DateTime<Utc>,
    message_id: &str,
) -> Result<String> {
    let subject = one_line(&draft.subject);
    let body = draft.body.replace('\n', "\r\n");
    // An encoded-word lookalike (`=?utf-8?q?...?=`) in plain text would be decoded by mail clients: such a
    // subject is encoded as a whole, so it reads exactly as typed.
    let subject: HeaderType<'_> = if subject.contains("=?") {
        Raw::new(encoded_words(&subject)).into()
    } else {
        Text::new(subject).into()
    };
    let mut message = MessageBuilder::new()
        .header("Subject", subject)
        .date(now.timestamp())
        .message_id(message_id.to_owned())
        .header("X-Unsent", Raw::new("1"))
        .text_body(body);
    if let Some(from) = from {
        message = message.header("From", from.header());
    }
    if let Some(to) = to {
        message = message.header("To", to.header());
    }
    message.write_to_string().context("cannot build the email")
}

/// Characters left as they are in a `mailto:` component: RFC 3986 unreserved ones.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A `mailto:` URL (RFC 6068) with subject and body percent-encoded; line breaks become `%0D%0A`.
pub fn mailto(draft: &Draft, to: Option<&Mailbox>) -> String {
    let address = to.map_or_else(String::new, |m| {
        let (local, domain) = m.email.split_once('@').expect("a Mailbox holds one @");
        format!(
            "{}@{}",
            utf8_percent_encode(local, COMPONENT),
            utf8_percent_encode(domain, COMPONENT)
        )
    });
    let subject = utf8_percent_encode(&one_line(&draft.subject), COMPONENT).to_string();
    let body = utf8_percent_encode(&draft.body.replace('\n', "\r\n"), COMPONENT).to_string();
    format!("mailto:{address}?subject={subject}&body={body}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn draft(subject: &str, body: &str) -> Draft {
        Draft {
            subject: subject.into(),
            body: body.into(),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
    }

    /// The header names of a message (up to the blank line), unfolded.
    fn header_names(message: &str) -> Vec<String> {
        let head = message.split("\r\n\r\n").next().unwrap();
        head.split("\r\n")
            .filter(|l| !l.starts_with([' ', '\t']))
            .map(|l| l.split(':').next().unwrap().to_owned())
            .collect()
    }

    #[test]
    fn addresses_must_be_single_and_plain() {
        assert!(Mailbox::new(Some("Dana"), "dana@acme.example").is_some());
        for bad in [
            "",
            "dana",
            "@acme",
            "dana@",
            "a@b, c@d",
            "a@b\r\nBcc: x@y",
            "a b@c",
            "<a@b>",
            "a@b@c",
            "dana@acme",
            "dana@acme..example",
            "dana@ac\u{200b}me.example",
            "jürgen@firma.example",
        ] {
            assert!(Mailbox::new(None, bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn eml_is_a_draft_with_encoded_subject() {
        let to = Mailbox::new(Some("Dana Rivera"), "dana@acme.example");
        let from = Mailbox::new(Some("Sam Taylor"), "sam@example.org");
        let message = eml(
            &draft("Sam Taylor – Ingénieur", "Dear Ms. Rivera,\n\nThanks.\n"),
            from.as_ref(),
            to.as_ref(),
            now(),
        )
        .unwrap();
        assert!(message.contains("X-Unsent: 1\r\n"), "{message}");
        assert!(
            message.contains("To: \"Dana Rivera\" <dana@acme.example>\r\n"),
            "{message}"
        );
        assert!(
            message.contains("From: \"Sam Taylor\" <sam@example.org>\r\n"),
            "{message}"
        );
        assert!(message.contains("Subject: =?utf-8?"), "{message}");
        assert!(
            message.contains("Content-Type: text/plain; charset=\"utf-8\""),
            "{message}"
        );
        assert!(
            message.contains("Date: Fri, 27 Nov 2026 09:00:00 +0000\r\n"),
            "{message}"
        );
        assert!(message.is_ascii());
    }

    #[test]
    fn typed_forms_parse_into_name_and_address() {
        let parsed = Mailbox::parse(" \"Rivera, Dana\" <dana@acme.example> ").unwrap();
        assert_eq!(parsed.name.as_deref(), Some("Rivera, Dana"));
        assert_eq!(parsed.email, "dana@acme.example");
        assert_eq!(Mailbox::parse("dana@acme.example").unwrap().name, None);
        for bad in [
            "Dana <a@b.example>>",
            "Da<na <a@b.example>",
            "Dana",
            "<>",
            "a@b.example <c@d.example>",
        ] {
            assert!(Mailbox::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn encoded_words_decode_to_the_text() {
        for text in ["", "=?utf-8?q?x?=", "Ingénieur =?utf-8?b?QQ==?= 🎉", &"é=?".repeat(40)] {
            let header = format!("Subject: {}\r\n\r\n", encoded_words(text));
            let message = mail_parser::MessageParser::new().parse(header.as_bytes()).unwrap();
            assert_eq!(message.subject().unwrap_or(""), text, "{header}");
        }
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
    }

    #[test]
    fn mailto_encodes_everything() {
        let to = Mailbox::new(None, "dana+jobs@acme.example");
        let url = mailto(&draft("Sam – Engineer & co", "Hi,\nthanks?\n"), to.as_ref());
        assert_eq!(
            url,
            "mailto:dana%2Bjobs@acme.example?subject=Sam%20%E2%80%93%20Engineer%20%26%20co&body=Hi%2C%0D%0Athanks%3F%0D%0A"
        );
    }

    proptest! {
        #[test]
        fn no_field_value_adds_a_header(subject in any::<String>(), name in any::<String>(), body in any::<String>()) {
            let to = Mailbox::new(Some(&name), "dana@acme.example");
            let message = eml(&draft(&subject, &body), None, to.as_ref(), now()).unwrap();
            let names = header_names(&message);
            let expected = ["Subject", "Date", "Message-ID", "X-Unsent", "To", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"];
            for found in &names {
                prop_assert!(expected.contains(&found.as_str()), "unexpected header {found:?} in {message:?}");
            }
            let url = mailto(&draft(&subject, &body), to.as_ref());
            prop_assert!(url.chars().all(|c| c.is_ascii_graphic()), "{url}");
            prop_assert_eq!(url.matches('&').count(), 1);
            prop_assert_eq!(url.matches('?').count(), 1);
        }
    }
}
