//! export --format ics and calendar --vdir: the interviews and the follow-ups due or coming, read back by real
//! consumers (khal, and Python's icalendar parser, which khal depends on).

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::Env;

/// Three rejections: one due (with a posting), one waiting, one snoozed; one application silent long enough
/// for a check-in; one with an interview ahead at a time with two interviewers (its thank-you note is coming);
/// one with an interview yesterday without a time (its thank-you note is due).
fn sample(env: &Env) {
    env.add(
        "Acme, Inc.",
        "Engineer; Backend",
        &["--on", "2026-11-01", "--url", "https://acme.example/jobs/1"],
    );
    env.ok(&["reject", "1", "--on", "2026-11-20"]);
    env.add("Globex", "SRE", &["--on", "2026-11-01"]);
    env.ok(&["reject", "2", "--on", "2026-11-26"]);
    env.add("Initech", "Développeur", &["--on", "2026-11-01"]);
    env.ok(&["reject", "3", "--on", "2026-11-10"]);
    env.ok(&["snooze", "3", "--until", "2026-12-01"]);
    env.add("Hooli", "Staff Engineer", &["--on", "2026-11-02"]);
    env.add("Umbrella", "Platform Engineer", &["--on", "2026-11-05"]);
    env.ok(&[
        "interview",
        "5",
        "--at",
        "2026-12-03 14:00",
        "--with",
        "Dana Rivera",
        "--with",
        "Sam Lee",
    ]);
    env.add("Stark", "Data Engineer", &["--on", "2026-11-05"]);
    env.ok(&["interview", "6", "--on", "2026-11-26"]);
}

/// RFC 5545's form: CRLF line ends, lines of at most 75 octets, balanced components, the properties each
/// component must have, unique UIDs.
fn check_form(ics: &str) {
    assert!(
        ics.ends_with("\r\n") && !ics.replace("\r\n", "").contains('\n'),
        "CRLF only"
    );
    let lines: Vec<&str> = ics.split("\r\n").filter(|l| !l.is_empty()).collect();
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    let mut stack = Vec::new();
    let mut uids = std::collections::HashSet::new();
    let mut props = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            stack.push(name.to_owned());
            if name != "VALARM" {
                props.clear();
            }
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(stack.pop().as_deref(), Some(name), "balanced");
            let needed: &[&str] = match name {
                "VEVENT" => &["UID", "DTSTAMP", "DTSTART", "SUMMARY"],
                "VTODO" => &["UID", "DTSTAMP", "DUE", "SUMMARY"],
                "VALARM" => &["ACTION", "TRIGGER", "DESCRIPTION"],
                _ => &[],
            };
            for need in needed {
                assert!(props.iter().any(|p: &String| p == need), "{name} lacks {need}");
            }
        } else {
            let name = line.split([':', ';']).next().unwrap().to_owned();
            if name == "UID" {
                assert!(uids.insert(line.to_owned()), "duplicate {line}");
            }
            props.push(name);
        }
    }
    assert!(stack.is_empty());
}

const EXPECTED: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//tracker//tracker VERSION//EN\r
CALSCALE:GREGORIAN\r
BEGIN:VEVENT\r
UID:tracker-1-rejection-followup-20261120-event@tracker\r
DTSTAMP:20261127T120000Z\r
LAST-MODIFIED:20261127T120000Z\r
SUMMARY:Follow up: Engineer\\; Backend at Acme\\, Inc.\r
DESCRIPTION:Acme\\, Inc. turned you down for Engineer\\; Backend on 2026-11-2\r
 0. A short\\, gracious follow-up is due from 2026-11-22 until 2026-12-20.\\n\r
 Print the email: tracker followup 1\\nPosting: https://acme.example/jobs/1\r
CATEGORIES:tracker\r
DTSTART;VALUE=DATE:20261122\r
DTEND;VALUE=DATE:20261123\r
TRANSP:TRANSPARENT\r
END:VEVENT\r
BEGIN:VTODO\r
UID:tracker-1-rejection-followup-20261120-todo@tracker\r
DTSTAMP:20261127T120000Z\r
LAST-MODIFIED:20261127T120000Z\r
SUMMARY:Follow up: Engineer\\; Backend at Acme\\, Inc.\r
DESCRIPTION:Acme\\, Inc. turned you down for Engineer\\; Backend on 2026-11-2\r
 0. A short\\, gracious follow-up is due from 2026-11-22 until 2026-12-20.\\n\r
 Print the email: tracker followup 1\\nPosting: https://acme.example/jobs/1\r
CATEGORIES:tracker\r
DUE;VALUE=DATE:20261122\r
STATUS:NEEDS-ACTION\r
END:VTODO\r
";

#[test]
fn export_ics_is_rfc_5545_with_stable_uids() {
    let env = Env::new();
    sample(&env);
    let ics = env.ok(&["export", "--format", "ics"]);
    check_form(&ics);
    let expected = EXPECTED.replace("VERSION//", &format!("{}//", env!("CARGO_PKG_VERSION")));
    assert!(ics.starts_with(&expected), "{ics}");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 8, "6 follow-ups and 2 interviews");
    assert_eq!(ics.matches("BEGIN:VTODO").count(), 6);
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20261128\r\n"),
        "Globex: due from 2 days after"
    );
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20261201\r\n"),
        "Initech: due again when the snooze ends"
    );
    let unfolded = ics.replace("\r\n ", "");
    assert!(unfolded.contains("(Snoozed until then.)"));
    assert!(ics.ends_with("END:VTODO\r\nEND:VCALENDAR\r\n"));
    // The interview at a time: in UTC, an hour long, the interviewers named, an alarm an hour before.
    let interview = block(&unfolded, "tracker-5-interview-1-event");
    assert!(
        interview.contains("SUMMARY:Interview: Platform Engineer at Umbrella (with Dana Rivera and Sam Lee)\r\n"),
        "{interview}"
    );
    assert!(interview.contains("DTSTART:20261203T140000Z\r\nDTEND:20261203T150000Z\r\n"));
    assert!(interview.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\n") && interview.contains("TRIGGER:-PT1H\r\n"));
    // The interview without a time: all day on its day, without an alarm.
    let all_day = block(&unfolded, "tracker-6-interview-1-event");
    assert!(all_day.contains("DTSTART;VALUE=DATE:20261126\r\nDTEND;VALUE=DATE:20261127\r\n"));
    assert!(!all_day.contains("VALARM"));
    // Check-in and thank-you notes: an all-day event and a to-do on the day each becomes due.
    for (uid, day, summary) in [
        (
            "tracker-4-checkin-20261102",
            "20261116",
            "Check in: Staff Engineer at Hooli",
        ),
        (
            "tracker-5-thanks-20261203",
            "20261203",
            "Thank them: Platform Engineer at Umbrella",
        ),
        (
            "tracker-6-thanks-20261126",
            "20261126",
            "Thank them: Data Engineer at Stark",
        ),
    ] {
        let event = block(&unfolded, &format!("{uid}-event"));
        assert!(event.contains(&format!("DTSTART;VALUE=DATE:{day}\r\n")), "{event}");
        assert!(event.contains(&format!("SUMMARY:{summary}\r\n")), "{event}");
        let todo = block(&unfolded, &format!("{uid}-todo"));
        assert!(todo.contains(&format!("DUE;VALUE=DATE:{day}\r\n")), "{todo}");
    }
    assert!(unfolded.contains("since 2026-11-02. A short check-in is due from 2026-11-16 until 2026-12-16."));
    assert_eq!(env.ok(&["export", "--format", "ics"]), ics, "the same export twice");
    // Sent: gone. Snoozed further: the same UID, another day.
    env.ok(&["followup", "1", "--sent"]);
    env.ok(&["snooze", "2", "--until", "2026-12-05"]);
    let after = env.ok(&["export", "--format", "ics"]);
    assert!(!after.contains("tracker-1-"));
    assert!(after.contains("UID:tracker-2-rejection-followup-20261126-event@tracker\r\n"));
    assert!(after.contains("DTSTART;VALUE=DATE:20261205\r\n"));
    // Days later the same items keep their UIDs, and an unchanged interview is the same, byte for byte.
    let mut later = Env::new();
    sample(&later);
    later.at("2026-12-04");
    let ics = later.ok(&["export", "--format", "ics"]).replace("\r\n ", "");
    assert!(!ics.contains("tracker-6-thanks-"), "past its window: gone");
    for uid in [
        "tracker-4-checkin-20261102-event",
        "tracker-5-thanks-20261203-event",
        "tracker-5-thanks-20261203-todo",
    ] {
        assert_eq!(
            block(&ics, uid)
                .lines()
                .filter(|l| l.starts_with("D"))
                .collect::<Vec<_>>(),
            block(&unfolded, uid)
                .lines()
                .filter(|l| l.starts_with("D"))
                .collect::<Vec<_>>(),
            "{uid}: coming then, due now: the same item on the same day"
        );
    }
    assert_eq!(
        block(&ics, "tracker-5-interview-1-event"),
        interview,
        "an interview that is behind you stays in the calendar, unchanged"
    );
    // An empty calendar is still a calendar.
    let empty = Env::new();
    empty.create_db();
    let ics = empty.ok(&["export", "--format", "ics"]);
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("CALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n"));
}

/// The component (unfolded) with the UID `uid`@tracker.
fn block(unfolded: &str, uid: &str) -> String {
    let at = unfolded
        .find(&format!("UID:{uid}@tracker\r\n"))
        .unwrap_or_else(|| panic!("no {uid} in {unfolded}"));
    let start = unfolded[..at].rfind("BEGIN:V").unwrap();
    let kind = unfolded[start..]
        .lines()
        .next()
        .unwrap()
        .trim_end()
        .trim_start_matches("BEGIN:");
    let end = at + unfolded[at..].find(&format!("END:{kind}\r\n")).unwrap();
    unfolded[start..end].to_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn calendar_keeps_a_vdir_in_sync_quietly_and_privately() {
    let env = Env::new();
    sample(&env);
    let dir = env.path("calendars/tracker");
    let vdir = dir.to_str().unwrap();
    assert_eq!(
        env.ok(&["calendar", "--vdir", vdir]),
        format!("Calendar {vdir}: 14 items written, 0 removed, 0 unchanged.\n")
    );
    assert_eq!(fs::metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
    let files = names(&dir);
    assert_eq!(files.len(), 14);
    for name in &files {
        let path = dir.join(name);
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        let text = fs::read_to_string(&path).unwrap();
        check_form(&text);
        let items = text.matches("BEGIN:VEVENT").count() + text.matches("BEGIN:VTODO").count();
        assert_eq!(items, 1, "one item per file: {name}");
        let uid = format!("UID:{}@tracker\r\n", name.trim_end_matches(".ics"));
        assert!(text.contains(&uid), "named for its UID: {name}");
    }
    assert_eq!(
        env.ok(&["calendar", "--vdir", vdir]),
        "",
        "nothing changed: nothing said (cron)"
    );
    let kept = dir.join("tracker-2-rejection-followup-20261126-event.ics");
    let mtime = fs::metadata(&kept).unwrap().modified().unwrap();
    // Someone else's file in the folder, and a follow-up sent: only tracker's stale files go.
    fs::write(dir.join("birthday.ics"), "mine").unwrap();
    env.ok(&["followup", "1", "--sent"]);
    assert_eq!(
        env.ok(&["calendar", "--vdir", vdir]),
        format!("Calendar {vdir}: 0 items written, 2 removed, 12 unchanged.\n")
    );
    assert_eq!(names(&dir).len(), 13);
    assert_eq!(fs::read_to_string(dir.join("birthday.ics")).unwrap(), "mine");
    assert_eq!(
        fs::metadata(&kept).unwrap().modified().unwrap(),
        mtime,
        "an unchanged item is not rewritten"
    );
    // Turned down before the interview: the interview and the thank-you note go, the rejection's follow-up
    // comes.
    env.ok(&["reject", "5"]);
    assert_eq!(
        env.ok(&["calendar", "--vdir", vdir]),
        format!("Calendar {vdir}: 2 items written, 3 removed, 9 unchanged.\n")
    );
    let files = names(&dir);
    assert!(
        !files
            .iter()
            .any(|n| n.starts_with("tracker-5-interview") || n.starts_with("tracker-5-thanks"))
    );
    assert!(files.contains(&"tracker-5-rejection-followup-20261127-todo.ics".to_owned()));
    let file = env.path("a-file");
    fs::write(&file, "").unwrap();
    assert_eq!(
        env.fails(1, &["calendar", "--vdir", file.to_str().unwrap()]),
        format!(
            "tracker: {} is not a folder (give the vdir's folder, e.g. ~/.calendars/tracker)",
            file.display()
        )
    );
}

/// The Python that khal runs on (its `#!` line), which has the icalendar module khal depends on.
fn khal_python() -> Option<String> {
    let paths = std::env::var_os("PATH")?;
    let khal = std::env::split_paths(&paths)
        .map(|dir| dir.join("khal"))
        .find(|p| p.is_file())?;
    let text = fs::read_to_string(khal).ok()?;
    let interpreter = text
        .lines()
        .next()?
        .strip_prefix("#!")?
        .split_whitespace()
        .next()?
        .to_owned();
    let works = Command::new(&interpreter).args(["-c", "import icalendar"]).output();
    works.is_ok_and(|o| o.status.success()).then_some(interpreter)
}

fn consumers_missing() -> bool {
    if khal_python().is_some() {
        return false;
    }
    let reason = "needs khal and python3-icalendar (apt-get install khal)";
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI must run the calendar tests, but it {reason}"
    );
    common::skip(&format!("it {reason}"));
    true
}

#[test]
fn khal_lists_the_events_and_a_strict_parser_reads_every_file() {
    if consumers_missing() {
        return;
    }
    let env = Env::new();
    sample(&env);
    let dir = env.path("vdir");
    env.ok(&["calendar", "--vdir", dir.to_str().unwrap()]);
    let home = env.path("khal-home");
    fs::create_dir(&home).unwrap();
    let config = env.path("khal.conf");
    fs::write(
        &config,
        format!(
            "[calendars]\n[[tracker]]\npath = {}\ntype = calendar\n[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n[sqlite]\npath = {}\n",
            dir.display(),
            home.join("khal.db").display()
        ),
    )
    .unwrap();
    let out = Command::new("khal")
        .arg("-c")
        .arg(&config)
        .args([
            "list",
            "--format",
            "{start} {title}",
            "--day-format",
            "",
            "2026-11-01",
            "60d",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("TZ", "UTC")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let listed: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        listed,
        [
            "2026-11-16 Check in: Staff Engineer at Hooli",
            "2026-11-22 Follow up: Engineer; Backend at Acme, Inc.",
            "2026-11-26 Interview: Data Engineer at Stark",
            "2026-11-26 Thank them: Data Engineer at Stark",
            "2026-11-28 Follow up: SRE at Globex",
            "2026-12-01 Follow up: Développeur at Initech",
            "2026-12-03 Thank them: Platform Engineer at Umbrella",
            "2026-12-03 14:00 Interview: Platform Engineer at Umbrella (with Dana Rivera and Sam Lee)",
        ],
        "stderr: {stderr}"
    );
    // Every file through Python's icalendar, which refuses malformed content lines and parameters.
    let script = "import sys, icalendar
for path in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(path, 'rb').read())
    for c in cal.walk():
        if c.name in ('VEVENT', 'VTODO'):
            assert c.get('uid') and c.get('dtstamp') and c.get('summary'), path
            print(c.name, c.get('uid'), (c.get('dtstart') or c.get('due')).dt, c.get('summary'))
        if c.name == 'VALARM':
            print(c.name, c.get('action'), c.get('trigger').dt)
";
    let mut parse = Command::new(khal_python().unwrap());
    parse.args(["-c", script]);
    for name in names(&dir) {
        parse.arg(dir.join(name));
    }
    let out = parse.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let parsed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(parsed.lines().count(), 15, "14 items and an alarm: {parsed}");
    for line in [
        "VEVENT tracker-5-interview-1-event@tracker 2026-12-03 14:00:00+00:00 Interview: Platform Engineer at Umbrella (with Dana Rivera and Sam Lee)",
        "VALARM DISPLAY -1 day, 23:00:00",
        "VEVENT tracker-6-interview-1-event@tracker 2026-11-26 Interview: Data Engineer at Stark",
        "VTODO tracker-4-checkin-20261102-todo@tracker 2026-11-16 Check in: Staff Engineer at Hooli",
        "VTODO tracker-5-thanks-20261203-todo@tracker 2026-12-03 Thank them: Platform Engineer at Umbrella",
    ] {
        assert!(parsed.lines().any(|l| l == line), "{line:?} in {parsed}");
    }
    assert!(
        parsed.contains(
            "VTODO tracker-3-rejection-followup-20261110-todo@tracker 2026-12-01 Follow up: Développeur at Initech"
        ),
        "{parsed}"
    );
}

#[test]
fn the_follow_ups_are_what_due_all_lists_but_ghosting() {
    let env = Env::new();
    sample(&env);
    env.add("Soylent", "Analyst", &["--on", "2026-09-01"]);
    let rows = env.json(&["due", "--all", "--json"]);
    let rows = rows.as_array().unwrap();
    assert!(rows.iter().any(|row| row["id"] == 7 && row["kind"] == "ghost?"));
    let mut due: Vec<String> = rows
        .iter()
        .filter(|row| row["kind"] != "ghost?")
        .map(|row| {
            let kind = match row["kind"].as_str().unwrap() {
                "rejection" => "rejection-followup",
                other => other,
            };
            format!("tracker-{}-{kind}", row["id"])
        })
        .collect();
    due.sort();
    let ics = env.ok(&["export", "--format", "ics"]);
    let mut listed: Vec<String> = ics
        .lines()
        .filter_map(|l| l.strip_prefix("UID:"))
        .filter(|uid| uid.ends_with("-todo@tracker"))
        .map(|uid| uid.rsplitn(3, '-').nth(2).unwrap().to_owned())
        .collect();
    listed.sort();
    assert_eq!(listed, due);
    assert_eq!(listed.len(), 6, "Soylent is ghost?: not an item");
}
