//! Text that hides or rearranges itself: zero-width characters, bidirectional controls and the Unicode line
//! separators are escaped wherever tracker writes to the terminal (tables, show, usage errors, paths), and
//! encoded-word lookalikes in a draft's headers read literally in a mail client.

mod common;

use common::Env;
use mail_parser::MessageParser;

const HIDDEN: [char; 8] = [
    '\u{200b}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{202e}', '\u{2067}', '\u{2028}', '\u{2029}',
];

fn has_hidden(text: &str) -> bool {
    text.chars().any(|c| HIDDEN.contains(&c))
}

#[test]
fn list_and_show_escape_zero_width_bidi_and_line_separators() {
    let env = Env::new();
    env.add(
        "Ac\u{200b}me\u{feff}",
        "Eng\u{202e}ineer\u{2028}Lead",
        &["--contact", "Da\u{200d}na\u{2067}", "--notes", "one\u{2029}two\u{2060}"],
    );
    let list = env.ok(&["list"]);
    let show = env.ok(&["show", "1"]);
    for out in [&list, &show] {
        assert!(!has_hidden(out), "{out:?}");
    }
    assert!(list.contains("Ac\\u{200b}me\\u{feff}"), "{list}");
    assert!(
        show.contains("Eng\\u{202e}ineer\\u{2028}Lead at Ac\\u{200b}me\\u{feff}"),
        "{show}"
    );
    assert!(show.contains("Da\\u{200d}na\\u{2067}"), "{show}");
    assert!(show.contains("one\\u{2029}two\\u{2060}"), "{show}");
    // JSON keeps the values exactly.
    assert_eq!(env.json(&["show", "1", "--json"])["company"], "Ac\u{200b}me\u{feff}");
}

#[test]
fn usage_errors_escape_what_was_typed() {
    let env = Env::new();
    let err = env.fails(2, &["list", "--status", "rej\u{202e}ected\u{200b}"]);
    assert!(!has_hidden(&err), "{err:?}");
    assert!(err.contains("rej\\u{202e}ected\\u{200b}"), "{err}");
    let err = env.fails(2, &["add", "--colr\u{2028}"]);
    assert!(!has_hidden(&err), "{err:?}");
    assert!(err.contains("--colr\\u{2028}"), "{err}");
}

#[test]
fn printed_paths_are_escaped() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let name = "back\u{202e}up\u{200b}.db";
    let out = env.ok(&["backup", env.path(name).to_str().unwrap()]);
    assert!(!has_hidden(&out), "{out:?}");
    assert!(out.contains("back\\u{202e}up\\u{200b}.db"), "{out}");
    let export = env.path("ex\u{2029}port.json");
    let run = env.run(&["export", "-o", export.to_str().unwrap()]).output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!has_hidden(&run.stderr), "{:?}", run.stderr);
    assert!(run.stderr.contains("ex\\u{2029}port.json"), "{}", run.stderr);
    // A path in an error message.
    let err = env.fails(1, &["import", env.path("miss\u{200b}ing.json").to_str().unwrap()]);
    assert!(!has_hidden(&err) && err.contains("miss\\u{200b}ing.json"), "{err}");
}

#[test]
fn encoded_word_lookalikes_read_literally_in_the_eml() {
    let env = Env::new();
    let sender = "Sam =?utf-8?q?=3Cboss=40evil.example=3E?=";
    env.ok(&["config", "set", "user.name", sender]);
    env.ok(&["config", "set", "user.email", "sam@example.org"]);
    let company = "Acme =?utf-8?q?=0D=0ABcc=3A_spy=40evil.example?=";
    let position = "=?utf-8?b?PGV2aWxAeC5leGFtcGxlPg==?= Engineer";
    let contact = "=?utf-8?q?Spy_=3Cspy=40evil.example=3E=2C?=";
    env.add(
        company,
        position,
        &["--contact", contact, "--email", "dana@acme.example"],
    );
    env.ok(&["reject", "1"]);
    let eml = env.ok(&["followup", "1", "--format", "eml", "--kind", "feedback"]);
    let message = MessageParser::new().parse(eml.as_bytes()).unwrap();

    let to = message.to().unwrap().clone().into_list();
    assert_eq!(to.len(), 1, "{eml}");
    assert_eq!(to[0].address(), Some("dana@acme.example"), "{eml}");
    assert_eq!(to[0].name(), Some(contact), "{eml}");
    let from = message.from().unwrap().clone().into_list();
    assert_eq!(from.len(), 1, "{eml}");
    assert_eq!(from[0].address(), Some("sam@example.org"), "{eml}");
    assert_eq!(from[0].name(), Some(sender), "{eml}");
    assert_eq!(
        message.subject(),
        Some(format!("{sender} – {position}").as_str()),
        "{eml}"
    );
    assert!(
        message.header("Bcc").is_none() && message.header("Cc").is_none(),
        "{eml}"
    );

    // Company and position in a custom subject.
    let dir = env.config.parent().unwrap().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("network.txt"),
        "Subject: {{ company }} / {{ position }}\n\nDear {{ greeting }},\nthank you.\n",
    )
    .unwrap();
    let eml = env.ok(&["followup", "1", "--format", "eml", "--kind", "network"]);
    let message = MessageParser::new().parse(eml.as_bytes()).unwrap();
    assert_eq!(
        message.subject(),
        Some(format!("{company} / {position}").as_str()),
        "{eml}"
    );
    assert!(message.header("Bcc").is_none(), "{eml}");

    // The same when the name comes in with the address.
    env.add(
        "Globex",
        "SRE",
        &["--email", "\"=?utf-8?q?x=40evil.example?=\" <lee@globex.example>"],
    );
    env.ok(&["reject", "2"]);
    let eml = env.ok(&["followup", "2", "--format", "eml"]);
    let message = MessageParser::new().parse(eml.as_bytes()).unwrap();
    let to = message.to().unwrap().clone().into_list();
    assert_eq!(to.len(), 1, "{eml}");
    assert_eq!(to[0].address(), Some("lee@globex.example"), "{eml}");
    assert_eq!(to[0].name(), Some("=?utf-8?q?x=40evil.example?="), "{eml}");
}
