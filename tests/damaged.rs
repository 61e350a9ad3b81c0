//! Damaged and foreign files: a truncated database, a read-only one, a full disk, and the upgrade from a
//! database written by an earlier release. Each refusal is one line, a non-zero exit, and unchanged bytes.

mod common;

use std::path::Path;
use std::process::Command;

use common::Env;

fn filled(n: usize) -> Env {
    let env = Env::new();
    let apps: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({"company": format!("Company {i}"), "position": "Engineer", "notes": "n".repeat(300),
                                     "events": [{"kind": "status", "on": "2026-10-01", "status": "applied"}]})
        })
        .collect();
    env.run(&["import", "-"]).stdin(serde_json::to_vec(&apps).unwrap()).ok();
    env
}

#[test]
fn a_truncated_database_is_refused_untouched() {
    let env = filled(300);
    let full = std::fs::read(&env.db).unwrap();
    for keep in [full.len() / 2, 4096 + 1000, 100] {
        std::fs::write(&env.db, &full[..keep]).unwrap();
        for args in [
            &["list"][..],
            &["show", "1"],
            &["add", "X", "Y"],
            &["check"],
            &["backup", "/tmp/never.db"],
        ] {
            let err = env.fails(1, args);
            assert_eq!(
                err,
                format!(
                    "tracker: database {} is damaged: it holds {keep} bytes but its header counts {} (was it cut short?); restore a backup",
                    env.db.display(),
                    full.len()
                ),
                "{args:?}"
            );
            assert_eq!(
                std::fs::read(&env.db).unwrap(),
                &full[..keep],
                "{args:?} changed the file"
            );
        }
    }
    assert!(!Path::new("/tmp/never.db").exists());
}

#[test]
fn a_damaged_page_is_reported_by_check() {
    let env = filled(300);
    let mut bytes = std::fs::read(&env.db).unwrap();
    // Scribble over a page in the middle: a b-tree page of the applications table or an index.
    let page = 4096 * 10;
    bytes[page..page + 64].fill(0xA5);
    std::fs::write(&env.db, &bytes).unwrap();
    let out = env.run(&["check"]).output();
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("integrity      ") && out.stdout.contains("problem(s)"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stderr,
        "tracker: the database has problems (see above); restore a backup (see the README), or export what still reads\n"
    );
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
}

#[test]
fn check_reports_a_sound_database() {
    let env = filled(3);
    let report = env.json(&["check", "--json"]);
    assert_eq!(report["ok"], true);
    assert_eq!(report["schema_version"], 6);
    assert_eq!(
        report["counts"],
        serde_json::json!({"applications": 3, "events": 3, "notifications": 0})
    );
    let text = env.ok(&["check"]);
    assert!(
        text.contains(
            "integrity      ok\nforeign keys   ok\nhistory        ok\nschema objects ok\nvalues         ok\napplications   3\n"
        ),
        "{text}"
    );
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

#[test]
fn a_read_only_database_is_refused_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let env = filled(5);
    let bytes = std::fs::read(&env.db).unwrap();
    let runs_as_root = is_root();
    if runs_as_root {
        // Root may write any file: run tracker as nobody, for whom the root-owned database is read-only.
        for dir in [env.dir.path(), env.db.parent().unwrap()] {
            std::fs::set_permissions(dir, PermissionsExt::from_mode(0o755)).unwrap();
        }
        std::fs::set_permissions(&env.db, PermissionsExt::from_mode(0o644)).unwrap();
    } else {
        std::fs::set_permissions(&env.db, PermissionsExt::from_mode(0o444)).unwrap();
    }
    for args in [&["list"][..], &["add", "X", "Y"]] {
        let mut command = if runs_as_root {
            let mut c = Command::new("setpriv");
            c.args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_tracker"),
            ]);
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_tracker"))
        };
        let out = command
            .args(args)
            .env_clear()
            .env("TRACKER_DB", &env.db)
            .env("TRACKER_CONFIG", env.path("absent.toml"))
            .env("TRACKER_NOW", common::TODAY)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(
            stderr,
            format!(
                "tracker: database {} is read-only, and tracker needs to write to it (check the file's permissions and its folder's)\n",
                env.db.display()
            )
        );
        assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
    }
}

/// A 256 KiB tmpfs: needs permission to mount (root here and in CI); otherwise skipped with a reason.
struct SmallDisk {
    path: std::path::PathBuf,
}

impl SmallDisk {
    fn mount(at: &Path) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs"])
            .arg(at)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "CI must run the full-disk test, but cannot mount a tmpfs"
            );
            common::skip("the full-disk test needs permission to mount a tmpfs (run as root)");
            return None;
        }
        Some(SmallDisk { path: at.to_owned() })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.path).status();
    }
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_what_was_there() {
    let env = Env::new();
    let Some(disk) = SmallDisk::mount(&env.path("small")) else {
        return;
    };
    let db = disk.path.join("tracker.db");
    let db_arg = db.to_str().unwrap();
    let notes = "x".repeat(6000);
    let mut added = 0;
    let failure = loop {
        let out = env
            .run(&["add", &format!("Company {added}"), "Engineer", "--notes", &notes])
            .env("TRACKER_DB", db_arg)
            .output();
        if out.code != 0 {
            break out;
        }
        added += 1;
        assert!(added < 200, "a 256 KiB disk should fill up");
    };
    assert_eq!(failure.code, 1);
    assert_eq!(failure.stderr.lines().count(), 1, "{}", failure.stderr);
    assert_eq!(
        failure.stderr,
        "tracker: the disk holding the database is full, so nothing was changed (free some space and try again)\n"
    );
    // Free some room for SQLite's own bookkeeping, then read back everything that was committed.
    std::fs::write(disk.path.join("ballast"), "").unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(check, "ok");
    let count: i64 = conn
        .query_row("SELECT count(*) FROM applications", [], |row| row.get(0))
        .unwrap();
    assert_eq!(count, added, "every add that succeeded is there, the failed one is not");
    eprintln!("the disk filled after {added} applications: {}", failure.stderr.trim());
}

#[test]
fn a_database_from_release_1_opens_with_every_row() {
    let env = Env::new();
    std::fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    std::fs::copy("tests/fixtures/v1.db", &env.db).unwrap();
    let mut env = env;
    env.at("2026-10-03");
    assert_eq!(
        &std::fs::read(&env.db).unwrap()[68..72],
        [0; 4],
        "release 1 set no application id"
    );
    let exported: serde_json::Value = serde_json::from_str(&env.ok(&["export"])).unwrap();
    let mut expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("tests/fixtures/v1.export.json").unwrap()).unwrap();
    // Since migration 5 an interview (a status event to interviewing) has a time, interviewers and its day:
    // no time or interviewers here, and the day it was recorded.
    let interview = &mut expected[0]["events"][1];
    assert_eq!(interview["status"], "interviewing");
    interview["at"] = serde_json::Value::Null;
    interview["with"] = serde_json::json!([]);
    interview["interview_on"] = interview["on"].clone();
    assert_eq!(exported, expected);
    let report = env.json(&["check", "--json"]);
    assert_eq!(report["ok"], true);
    assert_eq!(
        report["counts"],
        serde_json::json!({"applications": 4, "events": 16, "notifications": 2})
    );
    assert_eq!(
        report["schema_version"], 6,
        "migrations 2 (drafts), 3 (mail), 4 (list and stats), 5 (interviews) and 6 (IMAP) ran"
    );
    env.add("Hooli", "Engineer", &[]);
    assert_eq!(env.json(&["list", "--json"]).as_array().unwrap().len(), 5);
    let id: i32 = rusqlite::Connection::open(&env.db)
        .unwrap()
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .unwrap();
    assert_eq!(id.to_be_bytes(), *b"TRKR", "adopted");
    // The table migration 2 added works beside release 1's rows.
    env.ok(&["config", "set", "user.name", "Sam Taylor"]);
    env.ok(&["reject", "4"]);
    env.ok(&["followup", "4", "--kind", "network"]);
    assert!(env.ok(&["followup", "4", "--sent"]).contains("(network, 2026-10-03)"));
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let draft: (i64, i64, String) = conn
        .query_row("SELECT app_id, status_event, kind FROM drafts", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    let rejection: i64 = conn
        .query_row(
            "SELECT max(id) FROM events WHERE app_id = 4 AND kind = 'status'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(draft, (4, rejection, "network".to_owned()));
}
