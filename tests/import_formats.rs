//! import from other places: LinkedIn's archive, JobSync, Simplify, spreadsheets in English and German,
//! in every encoding and separator, with duplicates, dry runs and every kind of bad row.

mod common;

use common::Env;
use serde_json::json;

const DIR: &str = "tests/fixtures/import";

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// Every fixture, in the order the expected export lists them.
const FIXTURES: [&str; 7] = [
    "awkward.csv",
    "german-semicolon-windows-1252.csv",
    "jobsync.csv",
    "linkedin-job-applications.csv",
    "linkedin-saved-jobs.csv",
    "simplify.csv",
    "excel-unicode-text.txt",
];

#[test]
fn every_format_imports_into_the_expected_applications() {
    let env = Env::new();
    let files: Vec<String> = FIXTURES.iter().map(|f| fixture(f)).collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let out = env.run(&args).output();
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, "Imported 19 applications.\n"),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr,
        format!(
            "{DIR}/awkward.csv: columns kept in the notes, as nothing names them: \"column 6\", \"Where I found it\" (name one with --map 'column 6=FIELD')
{DIR}/german-semicolon-windows-1252.csv: columns kept in the notes, as nothing names them: \"Bemerkung intern\" (name one with --map 'Bemerkung intern=FIELD')
{DIR}/jobsync.csv: columns kept in the notes, as nothing names them: \"jobType\", \"workplaceType\" (name one with --map 'jobType=FIELD')
{DIR}/linkedin-job-applications.csv: columns kept in the notes, as nothing names them: \"Contact Email\", \"Contact Phone Number\", \"Resume Name\", \"Question And Answers\" (name one with --map 'Contact Email=FIELD')
{DIR}/simplify.csv: columns kept in the notes, as nothing names them: \"Archived\", \"Date Archived\" (name one with --map 'Archived=FIELD')
Left out 1 duplicates (--on-duplicate add imports them anyway):
  {DIR}/linkedin-job-applications.csv row 5: Software Engineer – Payments at Initech, 2025-03-14: repeats an earlier row
"
        )
    );
    let expected = std::fs::read_to_string(fixture("expected-export.csv")).unwrap();
    assert_eq!(env.ok(&["export", "--format", "csv"]), expected);
    // The history behind a row: Simplify's status date dates the status, the applied day the application.
    let hooli = env.json(&["show", "16", "--json"]);
    let events: Vec<_> = hooli["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["status"].clone(), e["on"].clone()))
        .collect();
    assert_eq!(
        events,
        [
            (json!("applied"), json!("2025-09-03")),
            (json!("interviewing"), json!("2025-09-20"))
        ]
    );
}

#[test]
fn re_importing_changes_nothing_and_duplicates_follow_on_duplicate() {
    let env = Env::new();
    env.run(&["import", &fixture("simplify.csv")]).output();
    env.add("Hooli", "Data Engineer", &["--on", "2025-09-03", "--force"]);
    let before = env.dump();
    let json_export = env.path("all.json");
    let csv_export = env.path("all.csv");
    env.run(&["export", "-o", json_export.to_str().unwrap()]).output();
    env.run(&["export", "--format", "csv", "-o", csv_export.to_str().unwrap()])
        .output();
    for file in [&json_export, &csv_export] {
        let out = env.run(&["import", file.to_str().unwrap()]).output();
        assert_eq!(
            (out.code, out.stdout.as_str()),
            (0, "Imported 0 applications.\n"),
            "{}",
            out.stderr
        );
        assert!(out.stderr.starts_with("Left out 4 duplicates"), "{}", out.stderr);
    }
    assert_eq!(env.dump(), before, "re-importing an export changes nothing");
    assert_eq!(
        env.fails(1, &["import", "--on-duplicate", "fail", &fixture("simplify.csv")]),
        format!(
            "tracker: cannot import {DIR}/simplify.csv: row 2: Frontend Engineer at Pied Piper applied 2025-09-01 is already in the database as application 1 (use --on-duplicate skip or add)"
        )
    );
    assert_eq!(env.dump(), before);
    let out = env
        .run(&["import", "--on-duplicate", "add", &fixture("simplify.csv")])
        .output();
    assert_eq!(out.stdout, "Imported 3 applications.\n");
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 7);
}

#[test]
fn json_import_keeps_status_on() {
    let env = Env::new();
    let doc = json!([{"company": "Acme", "position": "Engineer", "status": "rejected", "status_on": "2026-10-02"}]);
    env.run(&["import", "-"]).stdin(doc.to_string()).ok();
    let app = env.json(&["show", "1", "--json"]);
    assert_eq!(
        (app["status"].clone(), app["status_on"].clone()),
        (json!("rejected"), json!("2026-10-02"))
    );
    assert_eq!(app["events"][0]["on"], "2026-10-02");
}

#[test]
fn a_dry_run_shows_what_would_be_imported_and_writes_nothing() {
    let env = Env::new();
    env.create_db();
    env.run(&["import", &fixture("simplify.csv")]).output();
    let before = env.dump();
    let out = env.ok(&[
        "--color",
        "never",
        "import",
        "--dry-run",
        &fixture("linkedin-job-applications.csv"),
        &fixture("simplify.csv"),
    ]);
    assert_eq!(env.dump(), before);
    let expected = format!(
        "{DIR}/linkedin-job-applications.csv: linkedin applications, UTF-8, separated by ',', 4 rows
{DIR}/simplify.csv: simplify, UTF-8, separated by ',', 3 rows
Would import 3 applications; 4 duplicates would be left out. Nothing was written.
"
    );
    assert!(out.starts_with(&expected), "{out}");
    assert!(out.contains("Acme Robotics") && out.contains("2024-11-20"), "{out}");
    assert!(
        out.contains(&format!(
            "  {DIR}/simplify.csv row 3: Data Engineer at Hooli, 2025-09-03: already application 2"
        )),
        "{out}"
    );
    let report = env.json(&["import", "--dry-run", "--json", &fixture("linkedin-saved-jobs.csv")]);
    assert_eq!(env.dump(), before);
    assert_eq!(report["dry_run"], true);
    assert_eq!(
        (report["imported"].clone(), report["would_import"].clone()),
        (json!(0), json!(2))
    );
    assert_eq!(report["files"][0]["format"], "linkedin saved jobs");
    assert_eq!(
        report["applications"][0],
        json!({"file": fixture("linkedin-saved-jobs.csv"), "place": "row 2", "company": "Umbrella Corp",
               "position": "Platform Engineer", "status": "saved", "status_on": "2025-10-02", "applied_on": null})
    );
}

#[test]
fn map_names_columns_and_date_format_settles_the_order() {
    let env = Env::new();
    let sheet = "Firm,Role Name,When,Stage,Fee\nAcme,Engineer,03/04/2026,Onsite,x\nGlobex,SRE,05/06/2026,Hired,y\n";
    env.run(&[
        "import",
        "--map",
        "Firm=company, Role Name=position,When=applied_on,Stage=status,Fee=ignore",
        "--date-format",
        "%d/%m/%Y",
        "-",
    ])
    .stdin(sheet)
    .ok();
    let apps = env.json(&["export"]);
    assert_eq!(apps[0]["company"], "Acme");
    assert_eq!(apps[0]["events"][0]["on"], "2026-04-03");
    assert_eq!(apps[0]["status"], "interviewing");
    assert_eq!(apps[1]["status"], "accepted");
    assert_eq!(apps[1]["notes"], json!(null), "an ignored column is not kept");
    // A column that proves its order needs no --date-format.
    let env = Env::new();
    env.run(&["import", "-"])
        .stdin("Company,Position,Date\nA,B,03/04/2026\nC,D,25/04/2026\n")
        .ok();
    assert_eq!(env.json(&["show", "1", "--json"])["status_on"], "2026-04-03");
}

#[test]
fn bad_rows_name_the_file_row_column_and_value_and_change_nothing() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let before = env.dump();
    let head = "Company,Position,Applied,Status,Email";
    let cases: Vec<(String, &[&str], String)> = vec![
        (format!("{head}\nA,B,2026-01-01,Applied,\nC,D,2026-01-02,Maybe,"), &[], "row 3, column \"Status\": unknown status \"Maybe\" (accepted: saved: saved/wishlist/wish list".into()),
        (format!("{head}\nA,B,03/04/2026,,"), &[], "row 2, column \"Applied\": dates such as \"03/04/2026\" could be day/month or month/day, and no date in the column tells which (give --date-format '%d/%m/%Y' or '%m/%d/%Y')".into()),
        (format!("{head}\nA,B,13/04/2026,,\nC,D,04/13/2026,,"), &[], "row 3, column \"Applied\": \"04/13/2026\" is month/day, but \"13/04/2026\" earlier in the column is day/month (give --date-format '%d/%m/%Y' or '%m/%d/%Y')".into()),
        (format!("{head}\nA,B,soon,,"), &[], "row 2, column \"Applied\": \"soon\" is not a date (expected YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or Mar 4, 2026; or give --date-format)".into()),
        (format!("{head}\nA,B,31.02.2026,,"), &[], "row 2, column \"Applied\": \"31.02.2026\" is not a date (expected YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or Mar 4, 2026; or give --date-format)".into()),
        (format!("{head}\nA,B,2027-01-01,,"), &[], "row 2, column \"Applied\": 2027-01-01 is in the future (today is 2026-11-27)".into()),
        (format!("{head}\nA,B,4 Jan 2026,,"), &["--date-format", "%d/%m/%Y"], "row 2, column \"Applied\": \"4 Jan 2026\" is not a date in the form --date-format \"%d/%m/%Y\" gives".into()),
        (format!("{head}\n ,B,2026-01-01,,"), &[], "row 2, column \"Company\": the company is empty".into()),
        (format!("{head}\nA,B,2026-01-01,,not an address"), &[], "row 2, column \"Email\": invalid address \"not an address\" (expected one address such as dana@acme.example, or \"Dana Rivera <dana@acme.example>\")".into()),
        (format!("{head}\nA,B,2026-01-01,,,surprise"), &[], "row 2: more cells than the header has columns (the first extra holds \"surprise\")".into()),
        ("Company,Position,Applied,Status Date\nA,B,2026-02-01,2026-01-01".into(), &[], "row 2: the status date 2026-01-01 is before the applied date 2026-02-01 (a status comes after the application)".into()),
        ("Firm,Position\nA,B".into(), &[], "no company column (found: Firm, Position; name it with --map 'HEADER=company')".into()),
        ("Company,Title,Job Title\nA,B,C".into(), &[], "columns \"Title\" and \"Job Title\" both give the position (keep one: --map 'Job Title=ignore')".into()),
        ("Company,Position\nA,B".into(), &["--map", "Firm=company"], "--map names a column \"Firm\" the file does not have (its columns: Company, Position)".into()),
        ("Company,Position\nA,B".into(), &["--format", "simplify"], "this is not a simplify export (expected the columns jobtitle, companyname, joburl, applieddate, status, statusdate)".into()),
        ("".into(), &[], "the file is empty (expected a header row, then one row per application)".into()),
        ("Company,Position\n\"A,B\nC,D".into(), &[], "row 2: a quoted cell is never closed (add the missing \")".into()),
    ];
    let mut wrong = Vec::new();
    for (input, extra, expected) in &cases {
        let mut args = vec!["import"];
        args.extend_from_slice(extra);
        args.push("-");
        let err = env.run(&args).stdin(input.as_bytes()).fails(1);
        let expected = format!("tracker: cannot import stdin: {expected}");
        if !err.starts_with(&expected) {
            wrong.push(format!("input {input:?}\n  got: {err}\n want: {expected}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!(
        env.fails(1, &["import", "--map", "Firm=employer", "-"]),
        "tracker: invalid --map field \"employer\" (accepted: company, position, status, applied_on, status_on, location, url, source, salary, notes, tags, contact_name, contact_email, ignore, note)"
    );
    assert_eq!(
        env.fails(1, &["import", "--format", "linkedin", &fixture("simplify.csv")]),
        format!(
            "tracker: cannot import {DIR}/simplify.csv: this is not LinkedIn's Job Applications.csv or Saved Jobs.csv (expected the columns applicationdate, contactemail, contactphonenumber, companyname, jobtitle, joburl, resumename, questionandanswers; or saveddate, joburl, jobtitle, companyname)"
        )
    );
    // A good file before a bad one is not imported either: all or nothing.
    assert!(
        env.fails(1, &["import", &fixture("simplify.csv"), "-"])
            .contains("cannot import stdin")
    );
    assert_eq!(env.dump(), before);
}

#[test]
fn a_sep_line_names_the_separator_and_rows_count_as_excel_shows_them() {
    let env = Env::new();
    let sheet = "sep=;\r\nFirma;Stelle;Datum\r\nA, B & C;Dev;01.02.2026\r\nD;E;kaputt\r\n";
    assert_eq!(
        env.run(&["import", "-"]).stdin(sheet).fails(1),
        "tracker: cannot import stdin: row 3, column \"Datum\": \"kaputt\" is not a date (expected YYYY-MM-DD, DD.MM.YYYY, MM/DD/YYYY or Mar 4, 2026; or give --date-format)"
    );
    env.run(&["import", "-"])
        .stdin(sheet.replace("kaputt", "02.02.2026"))
        .ok();
    assert_eq!(env.json(&["show", "1", "--json"])["company"], "A, B & C");
}
