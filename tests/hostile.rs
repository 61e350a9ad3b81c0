//! Arbitrary text in every field, through the real binary: nothing panics, JSON stays valid and round-trips,
//! tables and drafts never emit control characters raw, and no field value becomes a header.

mod common;

use common::Env;
use proptest::prelude::*;
use serde_json::{Value, json};

/// Text the way it arrives pasted from web pages and worse: any Unicode, with CR, LF, NUL, escapes, bidi
/// overrides, template and header syntax over-represented, sometimes very long.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        2 => prop::sample::select(vec![
            "\r\n", "\n", "\r", "\0", "\u{1b}[31m", "\u{1b}]0;title\u{7}", "\u{202e}", "\u{2066}", "\u{200f}",
            "{{ sender }}", "{% if x %}", "Bcc: spy@evil.example", "=?utf-8?q?x?=", "<b>", "&amp;", "\"", "'",
            "\\", "%0D%0A", "🎉", "שלום", "\t", "\u{85}", "\u{2028}", "\u{2029}", "\u{200b}", "\u{feff}", "\u{2060}", "$(id)", "`id`",
        ]).prop_map(str::to_owned),
        1 => "[a-zA-Z ]{1,12}",
    ];
    prop_oneof![
        9 => prop::collection::vec(piece, 1..12).prop_map(|p| p.concat()),
        1 => (any::<char>(), 3000..12000usize).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
    .prop_filter("company and position need a visible character", |s| {
        s.chars().any(|c| !c.is_whitespace() && !invisible(c))
    })
}

/// Zero-width characters and bidirectional controls.
fn invisible(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
        || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{206a}'..='\u{206f}' | '\u{feff}' | '\u{180e}')
}

fn no_raw_controls(text: &str) -> bool {
    !text
        .chars()
        .any(|c| (c.is_control() && c != '\n') || invisible(c) || matches!(c, '\u{2028}' | '\u{2029}'))
}

fn header_names(message: &str) -> Vec<String> {
    let head = message.split("\r\n\r\n").next().unwrap();
    head.split("\r\n")
        .filter(|l| !l.starts_with([' ', '\t']))
        .map(|l| l.split(':').next().unwrap().to_owned())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_field_survives_every_command(fields in prop::collection::vec(hostile(), 11)) {
        let env = Env::new();
        env.set_user();
        let app = json!({
            "company": fields[0], "position": fields[1], "url": fields[2], "location": fields[3],
            "source": fields[4], "salary": fields[5], "notes": fields[6], "tags": [fields[7]],
            "contact_name": fields[8], "contact_email": "dana@acme.example", "contact_salutation": fields[10],
            "events": [
                {"kind": "status", "on": "2026-11-01", "status": "applied", "note": fields[6]},
                {"kind": "status", "on": "2026-11-20", "status": "rejected", "note": fields[0]},
                {"kind": "reply", "on": "2026-11-21", "note": fields[1]}
            ]
        });
        env.run(&["import", "-"]).stdin(json!([app]).to_string()).ok();

        // show --json: valid JSON with every value exactly as given.
        let shown = env.json(&["show", "1", "--json"]);
        for (key, index) in [("company", 0), ("position", 1), ("url", 2), ("notes", 6), ("contact_name", 8), ("contact_salutation", 10)] {
            prop_assert_eq!(&shown[key], &json!(fields[index]), "{}", key);
        }
        prop_assert_eq!(&shown["tags"], &json!([fields[7]]));

        // Tables and the text of show: nothing raw reaches the terminal.
        for args in [&["list"][..], &["show", "1"], &["due"]] {
            let out = env.ok(args);
            prop_assert!(no_raw_controls(&out), "{:?} emitted a control character: {:?}", args, out);
        }

        // export, import into an empty database, export again: the same document apart from ids.
        let first: Value = serde_json::from_str(&env.ok(&["export"])).unwrap();
        let other = Env::new();
        other.run(&["import", "-"]).stdin(first.to_string()).ok();
        let second: Value = serde_json::from_str(&other.ok(&["export"])).unwrap();
        prop_assert_eq!(&first, &second);

        // Import accepts only one plain address; a database written by an older tracker may hold anything.
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        conn.execute("UPDATE applications SET contact_email = ?1", [&fields[9]]).unwrap();
        drop(conn);

        // Drafts in every format: no unfilled placeholder, no raw control character, no extra header.
        for kind in ["feedback", "network", "combined"] {
            let text = env.run(&["followup", "1", "--kind", kind]).output();
            prop_assert_eq!(text.code, 0, "{}", text.stderr);
            prop_assert!(no_raw_controls(&text.stdout), "{:?}", text.stdout);
            for variable in ["{{ sender }}", "{{ company }}", "{{ position }}", "{{ greeting }}"] {
                let in_fields = fields.iter().any(|f| f.contains(variable));
                prop_assert!(in_fields || !text.stdout.contains(variable), "unfilled {} in {:?}", variable, text.stdout);
            }
            let subject_lines = text.stdout.lines().filter(|l| l.starts_with("Subject: ")).count();
            prop_assert_eq!(subject_lines, 1);

            let eml = env.run(&["followup", "1", "--kind", kind, "--format", "eml"]).output();
            prop_assert_eq!(eml.code, 0, "{}", eml.stderr);
            for name in header_names(&eml.stdout) {
                let allowed = ["Subject", "Date", "Message-ID", "X-Unsent", "From", "To", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"];
                prop_assert!(allowed.contains(&name.as_str()), "header {:?} in {:?}", name, eml.stdout);
            }
            prop_assert!(eml.stdout.is_ascii(), "an .eml is 7-bit: headers encoded, body quoted-printable or base64");

            let mailto = env.run(&["followup", "1", "--kind", kind, "--format", "mailto"]).output();
            prop_assert_eq!(mailto.code, 0, "{}", mailto.stderr);
            let url = mailto.stdout.trim_end();
            prop_assert!(url.chars().all(|c| c.is_ascii_graphic()), "{}", url);
            prop_assert_eq!(url.matches('?').count(), 1);
            prop_assert_eq!(url.matches('&').count(), 1);
        }
    }
}
