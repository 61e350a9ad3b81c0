//! export --format ics and calendar --vdir: the interviews and the follow-ups due or coming (khal and a strict
//! parser read them in calendar_khal.rs).

mod common;
#[path = "calendar/shared.rs"]
mod shared;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::Env;
use shared::{block, check_form, names, sample};

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
