//! What a new user types into the fields: blank options mean unset, and `--email` is one address or
//! `Name <address>`, in `add`, `edit` and `import` alike.

mod common;

use common::Env;
use serde_json::{Value, json};

const OPTIONAL: [&str; 8] = [
    "url",
    "location",
    "source",
    "salary",
    "notes",
    "contact_name",
    "contact_email",
    "contact_salutation",
];

fn assert_all_unset(app: &Value) {
    for key in OPTIONAL {
        assert_eq!(app[key], Value::Null, "{key} in {app}");
    }
    assert_eq!(app["tags"], json!([]), "{app}");
}

#[test]
fn blank_options_mean_unset_in_add_edit_and_import() {
    let env = Env::new();
    let blank = [
        "--url",
        "",
        "--location",
        " ",
        "--source",
        "\t",
        "--salary",
        "",
        "--notes",
        "  \n",
        "--contact",
        " ",
        "--email",
        "",
        "--salutation",
        "\u{200b}",
        "--tag",
        " ",
    ];
    let id = env.add("Acme", "Engineer", &blank);
    assert_all_unset(&env.json(&["show", &id.to_string(), "--json"]));
    let shown = env.ok(&["show", "1"]);
    assert!(!shown.contains("Contact"), "{shown}");
    assert!(!shown.contains("<>"), "{shown}");

    // edit: a blank value unsets what was there.
    env.add(
        "Globex",
        "SRE",
        &[
            "--contact",
            "Dana Rivera",
            "--email",
            "dana@globex.example",
            "--url",
            "https://x.example",
        ],
    );
    env.ok(&["edit", "2", "--contact", "", "--email", " ", "--url", "\u{feff}"]);
    assert_all_unset(&env.json(&["show", "2", "--json"]));
    assert!(!env.ok(&["show", "2"]).contains("Contact"));

    // import: empty strings are null.
    let doc = json!([{
        "company": "Initech", "position": "Data", "status": "applied", "url": "", "location": " ",
        "source": "", "salary": "", "notes": "", "tags": ["", " "], "contact_name": "", "contact_email": " ",
        "contact_salutation": ""
    }]);
    env.run(&["import", "-"]).stdin(doc.to_string()).ok();
    assert_all_unset(&env.json(&["show", "3", "--json"]));
}

#[test]
fn email_forms_accepted() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--email", " dana@acme.example "]);
    let app = env.json(&["show", "1", "--json"]);
    assert_eq!(
        (&app["contact_name"], &app["contact_email"]),
        (&Value::Null, &json!("dana@acme.example"))
    );

    env.add("Globex", "SRE", &["--email", "Dana Rivera <dana@globex.example>"]);
    let app = env.json(&["show", "2", "--json"]);
    assert_eq!(app["contact_name"], "Dana Rivera");
    assert_eq!(app["contact_email"], "dana@globex.example");
    assert!(
        env.ok(&["show", "2"])
            .contains("\nContact     Dana Rivera <dana@globex.example>\n")
    );

    // --contact wins over the name inside --email.
    env.add(
        "Hooli",
        "SRE",
        &[
            "--contact",
            "D. Rivera",
            "--email",
            "\"Rivera, Dana\" <dana@hooli.example>",
        ],
    );
    let app = env.json(&["show", "3", "--json"]);
    assert_eq!(
        (&app["contact_name"], &app["contact_email"]),
        (&json!("D. Rivera"), &json!("dana@hooli.example"))
    );

    // edit: the name in the new address replaces the old contact; a plain address keeps it.
    env.ok(&["edit", "2", "--email", "Lee Park <lee@globex.example>"]);
    let app = env.json(&["show", "2", "--json"]);
    assert_eq!(
        (&app["contact_name"], &app["contact_email"]),
        (&json!("Lee Park"), &json!("lee@globex.example"))
    );
    env.ok(&["edit", "2", "--email", "lee.park@globex.example"]);
    let app = env.json(&["show", "2", "--json"]);
    assert_eq!(
        (&app["contact_name"], &app["contact_email"]),
        (&json!("Lee Park"), &json!("lee.park@globex.example"))
    );

    // import takes both forms too.
    let doc = json!([{"company": "Initech", "position": "Data", "status": "applied",
        "contact_email": "Bo Chen <bo@initech.example>"}]);
    env.run(&["import", "-"]).stdin(doc.to_string()).ok();
    let app = env.json(&["show", "4", "--json"]);
    assert_eq!(
        (&app["contact_name"], &app["contact_email"]),
        (&json!("Bo Chen"), &json!("bo@initech.example"))
    );
}

#[test]
fn email_forms_refused_with_the_expected_form() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--email", "dana@acme.example"]);
    let before = env.dump();
    let expected = "(expected one address such as dana@acme.example, or \"Dana Rivera <dana@acme.example>\")";
    let mut wrong = Vec::new();
    for bad in [
        "x y",
        "dana",
        "dana@acme",
        "@acme.example",
        "a@b.example, c@d.example",
        "a@b.example c@d.example",
        "dana@acme.example\r\nBcc: spy@evil.example",
        "Dana <dana@acme.example",
        "Dana dana@acme.example>",
        "<a@b.example> <c@d.example>",
        "dana@@acme.example",
        "dana@ac\u{200b}me.example",
    ] {
        for args in [
            vec!["add", "Globex", "SRE", "--email", bad],
            vec!["edit", "1", "--email", bad],
        ] {
            let err = env.fails(1, &args);
            let shown = format!("{:?}", bad);
            if !(err.starts_with("tracker: invalid --email ") && err.ends_with(expected)) {
                wrong.push(format!("{args:?} {shown}: {err}"));
            }
        }
        let doc = json!([{"company": "Globex", "position": "SRE", "status": "applied", "contact_email": bad}]);
        let err = env.run(&["import", "-"]).stdin(doc.to_string()).fails(1);
        if !(err.starts_with("tracker: cannot import stdin: element 0: field contact_email: invalid address ")
            && err.ends_with(expected))
        {
            wrong.push(format!("import {bad:?}: {err}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        env.fails(1, &["add", "Globex", "SRE", "--email", "x y"]),
        format!("tracker: invalid --email \"x y\" {expected}")
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn edit_names_a_stored_email_that_is_not_one_address() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute("UPDATE applications SET contact_email = 'x y' WHERE id = 1", [])
        .unwrap();
    drop(conn);
    assert_eq!(
        env.fails(1, &["edit", "1", "--location", "Berlin"]),
        "tracker: the stored email \"x y\" is not one address (fix it with: tracker edit 1 --email ADDRESS, or --clear email)"
    );
    env.ok(&["edit", "1", "--location", "Berlin", "--clear", "email"]);
    assert_eq!(env.json(&["show", "1", "--json"])["contact_email"], Value::Null);
}

#[test]
fn the_duplicate_check_ignores_zero_width_characters() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let before = env.dump();
    for (company, position) in [
        ("Ac\u{200b}me", "Engineer"),
        ("\u{feff}Acme", "Engi\u{200d}neer"),
        ("Acme\u{2060}", "\u{200c}engineer"),
    ] {
        let err = env.fails(1, &["add", company, position]);
        assert!(err.starts_with("tracker: application 1 for "), "{err}");
        assert!(err.contains("is still open (use --force"), "{err}");
    }
    assert_eq!(env.dump(), before);
}
