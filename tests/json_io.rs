//! export and import: the JSON shape, the round trip, and every kind of malformed file.

mod common;

use common::Env;
use serde_json::{Value, json};

/// An export with the ids removed: what must survive a round trip.
fn without_ids(mut doc: Value) -> Value {
    for app in doc.as_array_mut().unwrap() {
        app.as_object_mut().unwrap().remove("id");
    }
    doc
}

fn sample(env: &Env) {
    env.add(
        "Acme",
        "Engineer",
        &[
            "--on",
            "2026-10-01",
            "--tag",
            "rust",
            "--contact",
            "Dana",
            "--note",
            "n1",
        ],
    );
    env.add(
        "Globex",
        "SRE 🎉",
        &["--on", "2026-10-03", "--notes", "multi\nline \"quoted\""],
    );
    env.add("شركة", "مهندس", &["--status", "saved", "--on", "2026-10-05"]);
    env.ok(&["interview", "1", "--on", "2026-10-10"]);
    env.ok(&[
        "reject",
        "1",
        "--on",
        "2026-10-20",
        "--note",
        "went with an internal candidate",
    ]);
    env.ok(&["note", "1", "--on", "2026-10-21", "call back in spring"]);
    env.ok(&["ghost", "2"]);
}

#[test]
fn export_import_export_is_the_same_document_apart_from_ids() {
    let source = Env::new();
    sample(&source);
    let first: Value = serde_json::from_str(&source.ok(&["export"])).unwrap();
    assert_eq!(first.as_array().unwrap().len(), 3);
    let file = source.path("export.json");
    std::fs::write(&file, serde_json::to_string(&first).unwrap()).unwrap();

    let mut target = Env::new();
    target.at("2026-12-15");
    target.add("Existing", "Job", &[]);
    assert_eq!(
        target.ok(&["import", file.to_str().unwrap()]),
        "Imported 3 applications.\n"
    );
    let second: Value = serde_json::from_str(&target.ok(&["export"])).unwrap();
    let imported: Vec<Value> = second.as_array().unwrap()[1..].to_vec();
    assert_eq!(without_ids(Value::Array(imported.clone())), without_ids(first));
    let ids: Vec<_> = imported.iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, [2, 3, 4], "ids in the file are not reused");
}

#[test]
fn export_to_a_file_is_private_and_import_reads_stdin() {
    let env = Env::new();
    sample(&env);
    let file = env.path("backup.json");
    let out = env.run(&["export", "--output", file.to_str().unwrap()]).output();
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, format!("Exported 3 applications to {}.\n", file.display()));
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&file).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
    let other = Env::new();
    let text = std::fs::read(&file).unwrap();
    assert_eq!(
        other.run(&["import", "-"]).stdin(text).ok(),
        "Imported 3 applications.\n"
    );
    assert_eq!(other.json(&["list", "--json"]).as_array().unwrap().len(), 3);
}

#[test]
fn import_fills_in_what_may_be_left_out() {
    let env = Env::new();
    let doc = json!([
        {"company": "Acme", "position": "Engineer", "status": "applied"},
        {"company": "Globex", "position": "SRE", "events": [
            {"kind": "status", "on": "2026-11-01", "status": "applied"},
            {"kind": "status", "on": "2026-11-05", "status": "rejected"},
            {"kind": "snooze", "on": "2026-11-06", "until": "2026-11-30"}
        ]}
    ]);
    env.run(&["import", "-"]).stdin(doc.to_string()).ok();
    let first = env.json(&["show", "1", "--json"]);
    assert_eq!(first["created_at"], "2026-11-27T12:00:00Z");
    assert_eq!(first["tags"], json!([]));
    assert_eq!(first["events"][0]["on"], "2026-11-27");
    let second = env.json(&["show", "2", "--json"]);
    assert_eq!(second["status"], "rejected");
    assert_eq!(
        second["events"][1]["from"], "applied",
        "from is filled in from the history"
    );
    assert_eq!(second["events"][2]["until"], "2026-11-30");
}

#[test]
fn bad_import_files_name_the_problem_and_change_nothing() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let before = env.dump();
    let good = r#"{"company": "Ok", "position": "Fine", "status": "applied"}"#;
    let cases = [
        (
            "{",
            "expected a JSON array of applications, as written by tracker export",
        ),
        ("[{", "not valid JSON: EOF while parsing an object at line 1 column 2"),
        ("not json", "not valid JSON: expected ident at line 1 column 2"),
        (
            r#"{"company": "x"}"#,
            "expected a JSON array of applications, as written by tracker export",
        ),
        (
            &format!(r#"[{good}, {{"position": "x", "status": "applied"}}]"#),
            "element 1: missing field `company` at line 1 column 99",
        ),
        (
            &format!(r#"[{good}, {{"company": 5, "position": "x"}}]"#),
            "element 1, field company: invalid type: integer `5`, expected a string at line 1 column 74",
        ),
        (
            r#"[{"company": "x", "position": "y", "status": "hired"}]"#,
            "element 0, field status: unknown variant `hired`, expected one of `saved`, `applied`, `interviewing`, `offer`, `accepted`, `rejected`, `withdrawn`, `ghosted` at line 1 column 52",
        ),
        (
            r#"[{"company": " ", "position": "y", "status": "applied"}]"#,
            "element 0: field company: must not be empty",
        ),
        (
            r#"[{"company": "x", "position": "y"}]"#,
            "element 0: field events: give the events, or at least a status",
        ),
        (
            r#"[{"company": "x", "position": "y", "colour": 1}]"#,
            "element 0, field colour: unknown field `colour`, expected one of `id`, `company`, `position`, `status`, `status_on`, `days_since`, `furthest_stage`, `url`, `location`, `source`, `salary`, `notes`, `tags`, `contact_name`, `contact_email`, `contact_salutation`, `created_at`, `events` at line 1 column 43",
        ),
        (
            r#"[{"company": "x", "position": "y", "events": [{"kind": "status", "on": "2026-02-30", "status": "applied"}]}]"#,
            "element 0: field events[0].on: invalid date \"2026-02-30\" (expected YYYY-MM-DD)",
        ),
        (
            r#"[{"company": "x", "position": "y", "events": [{"kind": "status", "on": "2027-01-01", "status": "applied"}]}]"#,
            "element 0: event 0: date 2027-01-01 is in the future (today is 2026-11-27)",
        ),
        (
            r#"[{"company": "x", "position": "y", "events": [{"kind": "status", "on": "2026-11-02", "status": "applied"}, {"kind": "note", "on": "2026-11-01"}]}]"#,
            "element 0: event 1: date 2026-11-01 is before the application's previous event on 2026-11-02 (events are recorded in order)",
        ),
        (
            r#"[{"company": "x", "position": "y", "events": [{"kind": "note", "on": "2026-11-01"}]}]"#,
            "element 0: event 0: the first event must be a status event (the application's creation)",
        ),
        (
            r#"[{"company": "x", "position": "y", "events": [{"kind": "status", "on": "2026-11-01"}]}]"#,
            "element 0: field events[0].status: a status event needs a status",
        ),
        (
            r#"[{"company": "x", "position": "y", "events": [{"kind": "party", "on": "2026-11-01"}]}]"#,
            "element 0, field events[0].kind: unknown variant `party`, expected one of `status`, `note`, `followup`, `dismiss`, `snooze`, `reply` at line 1 column 62",
        ),
        (
            r#"[{"company": "x", "position": "y", "tags": "a,b", "status": "applied"}]"#,
            "element 0, field tags: invalid type: string \"a,b\", expected a sequence at line 1 column 48",
        ),
        (
            r#"[{"company": "x", "position": "y", "created_at": "yesterday", "status": "applied"}]"#,
            "element 0: field created_at: invalid time \"yesterday\" (expected RFC 3339)",
        ),
        (
            r#"[{"company": "x", "position": "y", "created_at": "9999-12-31T23:59:59-00:01", "status": "applied"}]"#,
            "element 0: field created_at: invalid time \"9999-12-31T23:59:59-00:01\" (the time is outside the years 0000 to 9999 in UTC)",
        ),
        (
            r#"[{"company": "x", "position": "y", "events": [{"kind": "status", "on": "2026-11-01", "status": "applied", "recorded_at": "0000-01-01T00:00:00+00:01"}]}]"#,
            "element 0: field events[0].recorded_at: invalid time \"0000-01-01T00:00:00+00:01\" (the time is outside the years 0000 to 9999 in UTC)",
        ),
        (
            r#"[{"company": "x", "position": "y", "status": "rejected", "events": [{"kind": "status", "on": "2026-11-01", "status": "applied"}]}]"#,
            "element 0: field status: says rejected, but the last status event says applied",
        ),
        (
            "[] []",
            "unexpected data after the JSON array: trailing characters at line 1 column 4",
        ),
    ];
    let mut wrong = Vec::new();
    for (input, expected) in cases {
        let err = env.run(&["import", "--format", "json", "-"]).stdin(input).fails(1);
        if err != format!("tracker: cannot import stdin: {expected}") {
            wrong.push(format!("input {input}\n  got: {err}\n want: {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let missing = env.fails(1, &["import", "/nonexistent/file.json"]);
    assert_eq!(
        missing,
        "tracker: cannot read /nonexistent/file.json: No such file or directory (os error 2)"
    );
    // A good element before a bad one is not imported either: all or nothing.
    assert_eq!(env.dump(), before);
}

#[test]
fn import_of_nothing_is_fine() {
    let env = Env::new();
    assert_eq!(env.run(&["import", "-"]).stdin("[]").ok(), "Imported 0 applications.\n");
}
