//! export --format csv: the exact file, safe in a spreadsheet, read back by import; --output and --force.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::Env;

fn sample(env: &Env) {
    env.ok(&[
        "add",
        "--on",
        "2026-10-01",
        "--tag",
        "rust",
        "--tag",
        "remote",
        "--",
        "=HYPERLINK(\"http://x\",\"y\")",
        "-2+3",
    ]);
    env.add(
        "Müller, Söhne & Co",
        "Dev \"Ops\"",
        &[
            "--status",
            "saved",
            "--on",
            "2026-10-03",
            "--notes",
            "line one\nline two",
            "--salary",
            "+50k",
        ],
    );
    env.add(
        "@home",
        "Tester",
        &[
            "--on",
            "2026-10-04",
            "--contact",
            "Dana Rivera",
            "--email",
            "dana@acme.example",
            "--location",
            "'=quoted",
        ],
    );
    env.ok(&["interview", "1", "--on", "2026-10-10"]);
    env.ok(&["reject", "1", "--on", "2026-10-20"]);
    env.ok(&["followup", "1", "--sent", "--on", "2026-11-01"]);
    env.ok(&["reply", "1", "--on", "2026-11-03", "Thanks for asking"]);
    env.ok(&["reject", "3", "--on", "2026-10-05"]);
}

const EXPECTED: &str = "\u{feff}id,company,position,status,applied_on,status_on,furthest_stage,location,url,source,salary,tags,contact_name,contact_email,followup_sent_on,replied_on,notes\r
1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'-2+3,rejected,2026-10-01,2026-10-20,interviewing,,,,,\"rust, remote\",,,2026-11-01,2026-11-03,\r
2,\"Müller, Söhne & Co\",\"Dev \"\"Ops\"\"\",saved,,2026-10-03,saved,,,,'+50k,,,,,,\"line one\nline two\"\r
3,'@home,Tester,rejected,2026-10-04,2026-10-05,applied,''=quoted,,,,,Dana Rivera,dana@acme.example,,,\r
";

#[test]
fn the_csv_is_exact_formula_safe_and_reads_back_into_the_same_file() {
    let env = Env::new();
    sample(&env);
    let csv = env.ok(&["export", "--format", "csv"]);
    assert_eq!(csv, EXPECTED);
    // Into an empty database and out again: the same file apart from the ids (here the same ids too).
    let other = Env::new();
    assert_eq!(
        other.run(&["import", "-"]).stdin(csv.clone()).ok(),
        "Imported 3 applications.\n"
    );
    assert_eq!(other.ok(&["export", "--format", "csv"]), csv);
    let app = other.json(&["show", "1", "--json"]);
    assert_eq!(
        app["company"], "=HYPERLINK(\"http://x\",\"y\")",
        "the prefix is removed on import"
    );
    assert_eq!(app["position"], "-2+3");
    assert_eq!(other.json(&["show", "3", "--json"])["location"], "'=quoted");
    // The JSON round trip, now with status_on, likewise.
    let json = env.ok(&["export"]);
    let third = Env::new();
    third.run(&["import", "-"]).stdin(json.clone()).ok();
    assert_eq!(third.ok(&["export"]), json);
}

#[test]
fn output_refuses_to_replace_without_force_and_is_private() {
    let env = Env::new();
    sample(&env);
    let out = env.path("apps.csv");
    let run = env
        .run(&["export", "--format", "csv", "-o", out.to_str().unwrap()])
        .output();
    assert_eq!(
        (run.code, run.stderr),
        (0, format!("Exported 3 applications to {}.\n", out.display()))
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), EXPECTED);
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    std::fs::write(&out, "mine").unwrap();
    assert_eq!(
        env.fails(1, &["export", "-o", out.to_str().unwrap()]),
        format!("tracker: {} already exists (use --force to replace it)", out.display())
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let run = env.run(&["export", "-o", out.to_str().unwrap(), "--force"]).output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("[\n"));
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    let names: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        !names.iter().any(|n| n.to_string_lossy().ends_with(".tmp")),
        "no temporary file left: {names:?}"
    );
    assert!(
        env.run(&["export", "--force"]).output().stderr.contains("--output"),
        "--force needs --output"
    );
}

#[test]
fn tracker_csv_edited_in_a_spreadsheet_still_reads_back() {
    let env = Env::new();
    sample(&env);
    let csv = env.ok(&["export", "--format", "csv"]);
    // A column added at the front, as a person might in a spreadsheet; the BOM and the prefixes kept.
    let edited: String = csv
        .trim_start_matches('\u{feff}')
        .split_inclusive("\r\n")
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("Priority,{line}")
            } else if line.starts_with(char::is_numeric) {
                format!("high,{line}")
            } else {
                line.to_owned()
            }
        })
        .collect();
    let other = Env::new();
    let out = other.run(&["import", "-"]).stdin(edited).output();
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "Imported 3 applications.\n"),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr,
        "stdin: columns kept in the notes, as nothing names them: \"Priority\" (name one with --map 'Priority=FIELD')\n"
    );
    let app = other.json(&["show", "1", "--json"]);
    assert_eq!(app["company"], "=HYPERLINK(\"http://x\",\"y\")");
    assert_eq!(app["furthest_stage"], "interviewing");
    assert_eq!(app["notes"], "Priority: high");
}
