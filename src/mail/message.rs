//! One message as recognition sees it: the headers that matter and the message's own text (quoted and
//! forwarded parts cut off), parsed with `mail-parser` from untrusted bytes. Never panics, never keeps the body.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use mail_parser::{HeaderValue, MessageParser, MimeHeaders, PartType};

/// The longest own text kept for recognition; job mail says what it means well before this.
const MAX_TEXT: usize = 16 * 1024;

/// A parsed message. Every string is decoded text (RFC 2047, charsets, quoted-printable, base64 undone).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Without angle brackets; `None` when the message has none.
    pub message_id: Option<String>,
    pub date: Option<DateTime<FixedOffset>>,
    /// The message has a Date header (which may not have parsed).
    pub date_header: bool,
    pub from_name: Option<String>,
    /// Lower-cased.
    pub from_address: Option<String>,
    /// Every recipient address (To and Cc), lower-cased.
    pub to: Vec<String>,
    pub subject: String,
    /// Message-IDs named by In-Reply-To and References, without angle brackets.
    pub replies_to: Vec<String>,
    /// `Auto-Submitted` other than `no`, `X-Autoreply`, `X-Autorespond`, `Precedence: auto_reply`.
    pub automatic: bool,
    /// A `List-Id` or `List-Unsubscribe` header (newsletters; some confirmations carry one too).
    pub list: bool,
    /// The message's own text: the first text part (HTML turned into text), with quoted lines and quoted or
    /// forwarded blocks removed, at most 16 KiB.
    pub text: String,
    /// The start of a `text/calendar` REQUEST's DTSTART, as written (e.g. `20261203T140000Z`).
    pub invitation: Option<String>,
}

/// Parses one raw message; `None` when the bytes are not a message at all (no header block).
pub fn parse(raw: &[u8]) -> Option<Parsed> {
    let message = MessageParser::default().parse(raw)?;
    // Bytes with none of a message's own headers are not mail (mail-parser reads almost anything).
    if message.from().is_none()
        && message.date().is_none()
        && message.subject().is_none()
        && message.message_id().is_none()
    {
        return None;
    }
    let from = message.from().and_then(|a| a.first());
    let mut to = Vec::new();
    for list in [message.to(), message.cc()].into_iter().flatten() {
        to.extend(list.iter().filter_map(|a| a.address()).map(str::to_lowercase));
    }
    let mut replies_to = ids(message.in_reply_to());
    replies_to.extend(ids(message.references()));
    let header = |name: &str| message.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let automatic = header("Auto-Submitted").is_some_and(|v| !v.starts_with("no"))
        || header("X-Autoreply").is_some()
        || header("X-Autorespond").is_some()
        || header("Precedence").is_some_and(|v| v.contains("auto_reply"));
    let list = header("List-Id").is_some() || header("List-Unsubscribe").is_some();
    // An HTML-only body is turned into text here rather than by mail-parser's `body_text`, which runs the
    // cells of a table and the blocks of a layout together ("statusNot selected").
    let html_only = message.text_part(0).is_some_and(|part| part.is_text_html());
    let body = match message.body_html(0) {
        Some(html) if html_only => html_text(&html),
        _ => message.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
    };
    let invitation = message.parts.iter().find_map(|part| {
        let ctype = part.content_type()?;
        let is_request = ctype.ctype().eq_ignore_ascii_case("text")
            && ctype.subtype().is_some_and(|s| s.eq_ignore_ascii_case("calendar"));
        let text = match &part.body {
            PartType::Text(text) if is_request => text,
            _ => return None,
        };
        let method = ctype.attribute("method").map(str::to_ascii_uppercase);
        let request = method.as_deref() == Some("REQUEST") || text.contains("METHOD:REQUEST");
        request.then(|| dtstart(text)).flatten()
    });
    Some(Parsed {
        message_id: message.message_id().map(clean_id).filter(|id| !id.is_empty()),
        date: message.date().and_then(to_chrono),
        date_header: message.header_raw("Date").is_some(),
        from_name: from
            .and_then(|a| a.name())
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty()),
        from_address: from.and_then(|a| a.address()).map(str::to_lowercase),
        to,
        subject: message.subject().unwrap_or_default().trim().to_owned(),
        replies_to,
        automatic,
        list,
        text: own_text(&body),
        invitation,
    })
}

/// Block elements whose end is a break between texts: a table cell, a row, a list item, a heading, a division.
const BLOCKS: &[&str] = &[
    "td",
    "th",
    "tr",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "section",
    "tbody",
    "blockquote",
    "center",
    "header",
    "footer",
];

/// HTML to text: a line break after every block element's start or end, then mail-parser's conversion (which
/// knows `br` and `p`, entities, comments, styles and scripts).
fn html_text(html: &str) -> String {
    let mut marked = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        marked.push_str(&rest[..open + close + 1]);
        if BLOCKS.contains(&name.as_str()) {
            marked.push_str("<br>");
        }
        rest = &rest[open + close + 1..];
    }
    marked.push_str(rest);
    mail_parser::decoders::html::html_to_text(&marked)
}

fn clean_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_owned()
}

fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(text) => vec![clean_id(text)],
        HeaderValue::TextList(list) => list.iter().map(|t| clean_id(t)).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|id| !id.is_empty())
    .collect()
}

fn to_chrono(date: &mail_parser::DateTime) -> Option<DateTime<FixedOffset>> {
    let seconds = i32::from(date.tz_hour) * 3600 + i32::from(date.tz_minute) * 60;
    let offset = if date.tz_before_gmt {
        FixedOffset::west_opt(seconds)
    } else {
        FixedOffset::east_opt(seconds)
    }?;
    let utc = Utc.timestamp_opt(date.to_timestamp(), 0).single()?;
    Some(utc.with_timezone(&offset))
}

/// The value of the first `DTSTART` line of an iCalendar text (parameters dropped).
fn dtstart(calendar: &str) -> Option<String> {
    calendar.lines().find_map(|line| {
        let rest = line.strip_prefix("DTSTART")?;
        let (_, value) = rest.split_once(':')?;
        let value = value.trim();
        (!value.is_empty() && value.len() <= 40).then(|| value.to_owned())
    })
}

/// Whether a line starts a quoted or forwarded block: everything from it on is someone else's text.
fn starts_quote(line: &str) -> bool {
    let t = line.trim();
    let lower = t.to_lowercase();
    (lower.starts_with("on ") && lower.ends_with("wrote:"))
        || (lower.starts_with("am ") && lower.ends_with("schrieb:"))
        || (lower.starts_with("le ") && lower.ends_with("a écrit :"))
        || lower.starts_with("-----original message-----")
        || lower.starts_with("----- original message -----")
        || lower.starts_with("-----ursprüngliche nachricht-----")
        || lower.starts_with("---------- forwarded message")
        || lower.starts_with("-------- weitergeleitete nachricht")
        || lower.starts_with("begin forwarded message")
        || ((lower.starts_with("from:") || lower.starts_with("von:") || lower.starts_with("de :"))
            && t.len() < 200
            && !lower.contains("from: sam"))
}

/// The message's own text: lines before the first quoted or forwarded block, without `>` lines, with runs of
/// white space made single, at most [`MAX_TEXT`] bytes.
pub fn own_text(body: &str) -> String {
    let mut out = String::new();
    for line in body.lines() {
        if starts_quote(line) {
            break;
        }
        if line.trim_start().starts_with('>') {
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            if !out.ends_with("\n\n") && !out.is_empty() {
                out.push('\n');
            }
            continue;
        }
        out.push_str(&words.join(" "));
        out.push('\n');
        if out.len() >= MAX_TEXT {
            let mut end = MAX_TEXT;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
            break;
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests;

/// The key a message is recognised once by: its Message-ID, else a hash of its date, sender, subject and the
/// start of its text. Reads only the headers when there is a Message-ID.
pub fn key(raw: &[u8]) -> Option<String> {
    let headers = MessageParser::default().parse_headers(raw)?;
    if let Some(id) = headers.message_id().map(clean_id).filter(|id| !id.is_empty()) {
        return Some(id);
    }
    let m = parse(raw)?;
    Some(fallback_key(&m))
}

/// The key of a parsed message without a Message-ID (FNV-1a, which stays the same across builds).
pub fn fallback_key(m: &Parsed) -> String {
    let start: String = m.text.chars().take(200).collect();
    let date = m.date.map(|d| d.to_rfc3339()).unwrap_or_default();
    let from = m.from_address.as_deref().unwrap_or_default();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in [date.as_str(), from, m.subject.as_str(), start.as_str()]
        .join("\u{1f}")
        .bytes()
    {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("hash:{hash:016x}")
}
