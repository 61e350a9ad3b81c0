//! Overlapping processes and crashes: writers queue instead of failing, and a killed process never leaves a
//! half-written change behind.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::Env;

fn tracker(env: &Env, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracker"));
    command
        .args(args)
        .env_clear()
        .env("TRACKER_DB", &env.db)
        .env("TRACKER_CONFIG", &env.config)
        .env("TRACKER_NOW", common::TODAY)
        .env("TZ", "UTC")
        .stdin(Stdio::null());
    command
}

fn sql_count(env: &Env, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(sql, [], |row| row.get(0)).unwrap()
}

fn integrity(env: &Env) -> String {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap()
}

/// Applications without their creation event, or whose cached state disagrees with their history.
fn broken_histories(env: &Env) -> i64 {
    sql_count(
        env,
        "SELECT count(*) FROM applications a WHERE NOT EXISTS
           (SELECT 1 FROM events e WHERE e.app_id = a.id AND e.kind = 'status')
         OR a.status IS NOT (SELECT e.status FROM events e WHERE e.app_id = a.id AND e.kind = 'status'
                             ORDER BY e.id DESC LIMIT 1)",
    )
}

#[test]
fn four_writers_and_a_reader_all_succeed() {
    const WRITERS: usize = 4;
    const EACH: usize = 250;
    let env = Env::new();
    env.create_db();
    let script = |worker: usize| {
        // Each worker is one shell loop of real tracker processes; a failure is written to its log.
        format!(
            "for i in $(seq 1 {EACH}); do \"$TRACKER\" add \"Company {worker}-$i\" Engineer --on 2026-11-01 >/dev/null 2>>\"$LOG\" || echo \"add $i failed\" >>\"$LOG\"; done"
        )
    };
    let spawn = |worker: usize, body: String| -> Child {
        tracker(&env, &[])
            .env("TRACKER", env!("CARGO_BIN_EXE_tracker"))
            .env("PATH", std::env::var_os("PATH").unwrap())
            .env("LOG", env.path(&format!("worker-{worker}.log")))
            .args(Vec::<String>::new())
            .arg0_shell(body)
    };
    let writers: Vec<Child> = (0..WRITERS).map(|w| spawn(w, script(w))).collect();
    let stop = env.path("stop");
    let reader_body = format!(
        "n=0; while [ ! -e '{}' ]; do n=$((n+1)); \"$TRACKER\" due --days 0 >/dev/null 2>>\"$LOG\" || echo due failed >>\"$LOG\"; \"$TRACKER\" list --limit 20 --json >/dev/null 2>>\"$LOG\" || echo list failed >>\"$LOG\"; done; echo $n > '{}'",
        stop.display(),
        env.path("reader-rounds").display()
    );
    let mut reader = spawn(WRITERS, reader_body);
    for mut writer in writers {
        assert!(writer.wait().unwrap().success());
    }
    std::fs::write(&stop, "").unwrap();
    assert!(reader.wait().unwrap().success());

    for worker in 0..=WRITERS {
        let log = std::fs::read_to_string(env.path(&format!("worker-{worker}.log"))).unwrap_or_default();
        assert_eq!(log, "", "process {worker} reported errors");
    }
    let rounds: u32 = std::fs::read_to_string(env.path("reader-rounds"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(rounds > 0, "the reader ran while the writers wrote");
    eprintln!(
        "{} adds by {WRITERS} writers, {rounds} due+list rounds by the reader",
        WRITERS * EACH
    );
    assert_eq!(
        sql_count(&env, "SELECT count(*) FROM applications"),
        i64::try_from(WRITERS * EACH).unwrap()
    );
    assert_eq!(integrity(&env), "ok");
    assert_eq!(broken_histories(&env), 0);
}

trait ShellBody {
    fn arg0_shell(&mut self, body: String) -> Child;
}

impl ShellBody for Command {
    /// Runs `body` with sh instead of tracker, keeping the environment set up so far.
    fn arg0_shell(&mut self, body: String) -> Child {
        let mut sh = Command::new("sh");
        sh.arg("-c")
            .arg(body)
            .env_clear()
            .stdin(Stdio::null())
            .stderr(Stdio::null());
        // Its own process group, so that a test can kill the loop and the tracker it is running at once.
        std::os::unix::process::CommandExt::process_group(&mut sh, 0);
        for (key, value) in self.get_envs() {
            if let Some(value) = value {
                sh.env(key, value);
            }
        }
        sh.spawn().expect("run sh")
    }
}

/// A small deterministic generator for kill delays (xorshift), so a failure can be replayed.
struct Delays(u64);

impl Delays {
    fn next_ms(&mut self, max: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % max
    }
}

fn import_file(env: &Env, batch: usize, size: usize) -> std::path::PathBuf {
    let apps: Vec<serde_json::Value> = (0..size)
        .map(|i| {
            serde_json::json!({
                "company": format!("Batch {batch} company {i}"), "position": "Engineer", "tags": [format!("batch-{batch}")],
                "events": [
                    {"kind": "status", "on": "2026-10-01", "status": "applied"},
                    {"kind": "status", "on": "2026-10-05", "status": "rejected"},
                    {"kind": "note", "on": "2026-10-06", "note": "x".repeat(200)}
                ]
            })
        })
        .collect();
    let path = env.path(&format!("batch-{batch}.json"));
    std::fs::write(&path, serde_json::to_vec(&apps).unwrap()).unwrap();
    path
}

#[test]
fn killed_imports_are_all_or_nothing() {
    const KILLS: usize = 24;
    const SIZE: usize = 3000;
    let env = Env::new();
    env.create_db();
    // Time one whole import, then kill the others anywhere from their start to well past that time: some
    // die parsing, some inserting, some committing, some after finishing.
    let probe = import_file(&env, KILLS, SIZE);
    let started = std::time::Instant::now();
    env.ok(&["import", probe.to_str().unwrap()]);
    let full = u64::try_from(started.elapsed().as_millis()).unwrap().max(10);
    let mut delays = Delays(0x5eed_1234_abcd);
    let (mut whole, mut none) = (0, 0);
    for batch in 0..KILLS {
        let file = import_file(&env, batch, SIZE);
        let mut child = tracker(&env, &["import", file.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delays.next_ms(full * 3 / 2)));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        assert_eq!(integrity(&env), "ok", "after kill {batch}");
        let present = sql_count(
            &env,
            &format!("SELECT count(*) FROM applications WHERE tags = '[\"batch-{batch}\"]'"),
        );
        assert!(
            present == 0 || present == i64::try_from(SIZE).unwrap(),
            "import {batch} is partly present: {present}"
        );
        if present == 0 {
            none += 1
        } else {
            whole += 1
        }
        assert_eq!(broken_histories(&env), 0);
    }
    eprintln!("{KILLS} killed imports (a whole one takes {full} ms): {whole} had committed, {none} left nothing");
    env.ok(&["check"]);
}

#[test]
fn killed_adds_and_rejects_leave_no_half_change() {
    const KILLS: usize = 24;
    let env = Env::new();
    env.create_db();
    let mut delays = Delays(0xfeed_beef_0042);
    for round in 0..KILLS {
        let body = format!(
            "for i in $(seq 1 40); do id=$(\"$TRACKER\" add \"Round {round} $i\" Engineer --on 2026-11-01 --json | sed -n 's/^  \"id\": \\([0-9]*\\),/\\1/p'); \"$TRACKER\" reject \"$id\" >/dev/null; done"
        );
        let mut child = tracker(&env, &[])
            .env("TRACKER", env!("CARGO_BIN_EXE_tracker"))
            .env("PATH", std::env::var_os("PATH").unwrap())
            .arg0_shell(body);
        std::thread::sleep(Duration::from_millis(20 + delays.next_ms(300)));
        // SIGKILL the whole group: the loop and the tracker process it is running right now.
        let group = format!("kill -KILL -{}", child.id());
        let _ = Command::new("sh").args(["-c", &group]).status();
        let _ = child.wait();
        assert_eq!(integrity(&env), "ok", "after kill {round}");
        assert_eq!(broken_histories(&env), 0, "after kill {round}");
    }
    let total = sql_count(&env, "SELECT count(*) FROM applications");
    assert!(
        total < i64::try_from(KILLS * 40).unwrap(),
        "the kills cut the loops short"
    );
    eprintln!("{KILLS} killed add/reject loops left {total} whole applications");
    env.ok(&["check"]);
}

#[test]
fn backup_while_others_write_is_consistent_and_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.create_db();
    let body = "for i in $(seq 1 150); do \"$TRACKER\" add \"Busy $i\" Engineer >/dev/null || exit 1; done".to_owned();
    let mut writer = tracker(&env, &[])
        .env("TRACKER", env!("CARGO_BIN_EXE_tracker"))
        .env("PATH", std::env::var_os("PATH").unwrap())
        .arg0_shell(body);
    let mut sizes = Vec::new();
    for n in 0..5 {
        let dest = env.path(&format!("backup-{n}.db"));
        env.ok(&["backup", dest.to_str().unwrap()]);
        assert_eq!(std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777, 0o600);
        let conn = rusqlite::Connection::open(&dest).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
        assert_eq!(check, "ok");
        let count: i64 = conn
            .query_row("SELECT count(*) FROM applications", [], |row| row.get(0))
            .unwrap();
        let events: i64 = conn
            .query_row("SELECT count(*) FROM events", [], |row| row.get(0))
            .unwrap();
        assert_eq!(count, events, "every application in a backup has its creation event");
        sizes.push(count);
        std::thread::sleep(Duration::from_millis(60));
    }
    assert!(writer.wait().unwrap().success());
    eprintln!("backups taken while writing held {sizes:?} applications");
    let dest = env.path("backup-0.db");
    let before = std::fs::read(&dest).unwrap();
    assert_eq!(
        env.fails(1, &["backup", dest.to_str().unwrap()]),
        format!("tracker: {} already exists (use --force to replace it)", dest.display())
    );
    assert_eq!(std::fs::read(&dest).unwrap(), before);
    env.ok(&["backup", dest.to_str().unwrap(), "--force"]);
    let restored = Env::new();
    std::fs::create_dir_all(restored.db.parent().unwrap()).unwrap();
    std::fs::copy(&dest, &restored.db).unwrap();
    assert_eq!(restored.json(&["list", "--json"]).as_array().unwrap().len(), 150);
    assert_eq!(
        env.fails(1, &["backup", env.db.to_str().unwrap(), "--force"]),
        format!(
            "tracker: {} is the database itself; back up to another file",
            env.db.display()
        )
    );
}

/// A scan killed at any moment leaves each source wholly recorded or not at all, and the next scan finishes
/// the work: the same number of proposals as a scan that was never interrupted.
#[test]
fn killed_mail_scans_leave_no_partial_state() {
    use std::os::unix::process::ExitStatusExt;
    const MESSAGES: usize = 6_000;
    let env = Env::new();
    env.create_db();
    let mbox = env.path("big.mbox");
    let mut text = String::new();
    for i in 0..MESSAGES {
        let line = if i % 3 == 0 {
            "After careful consideration we have decided to move forward with other candidates."
        } else {
            "Here are this week's notes from the team."
        };
        text.push_str(&format!(
            "From x@example.org Mon Nov  2 09:00:00 2026\nMessage-ID: <m{i}@example.org>\n\
             Date: Mon, 02 Nov 2026 09:00:00 +0000\nFrom: Company{c} <jobs@company{c}.example>\n\
             Subject: Update {i}\n\n{line}\n{}\n\n",
            "padding ".repeat(200),
            c = i % 50
        ));
    }
    std::fs::write(&mbox, text).unwrap();
    let scan = |env: &Env| tracker(env, &["mail", "scan", "--mbox", mbox.to_str().unwrap(), "--quiet"]);
    let mut killed = 0;
    for delay_ms in [30, 80, 150, 250, 400] {
        let mut child = scan(&env).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.signal() == Some(9) {
            killed += 1;
        }
        let seen = sql_count(&env, "SELECT count(*) FROM messages");
        let proposals = sql_count(&env, "SELECT count(*) FROM proposals");
        assert!(
            seen == 0 || seen == MESSAGES as i64,
            "half-recorded: {seen} messages after {delay_ms} ms"
        );
        assert_eq!(proposals > 0, seen > 0, "proposals and messages are recorded together");
        assert_eq!(integrity(&env), "ok");
        if seen > 0 {
            break;
        }
    }
    assert!(killed > 0, "no scan was killed mid-way: the test proved nothing");
    assert!(scan(&env).status().unwrap().success());
    assert_eq!(sql_count(&env, "SELECT count(*) FROM messages"), MESSAGES as i64);
    let finished = sql_count(&env, "SELECT count(*) FROM proposals");
    let clean = Env::new();
    clean.create_db();
    assert!(scan(&clean).status().unwrap().success());
    assert_eq!(finished, sql_count(&clean, "SELECT count(*) FROM proposals"));
}
