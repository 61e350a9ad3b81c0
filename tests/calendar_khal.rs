//! calendar --vdir read back by real consumers: khal lists the events, and Python's icalendar parser (which
//! khal depends on) reads every file.

mod common;
#[path = "calendar/shared.rs"]
mod shared;

use std::fs;
use std::process::Command;

use common::Env;
use shared::{check_form, names, sample};

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
        check_form(&fs::read_to_string(dir.join(&name)).unwrap());
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
