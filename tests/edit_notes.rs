//! `edit --edit-notes`: the private temporary file, what happens to it when tracker is stopped while the
//! editor is open, "notes unchanged", and notes changed by another process meanwhile.

mod common;

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{Env, wait_until};

/// A fake editor: a shell script given as `$EDITOR`.
fn editor(env: &Env, body: &str) -> PathBuf {
    let script = env.path("editor.sh");
    fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// `tracker edit 1 --edit-notes` started in the background, in its own process group (as a terminal's
/// foreground job is), with a private temporary folder.
fn spawn_edit(env: &Env, script: &Path, tmp: &Path) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracker"));
    command
        .args(["edit", "1", "--edit-notes"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap())
        .env("TRACKER_DB", &env.db)
        .env("TRACKER_CONFIG", &env.config)
        .env("TRACKER_NOW", common::TODAY)
        .env("TMPDIR", tmp)
        .env("EDITOR", script)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    command.spawn().unwrap()
}

fn kill(signal: &str, target: &str) {
    assert!(
        Command::new("kill")
            .args([signal, "--", target])
            .status()
            .unwrap()
            .success()
    );
}

fn finish(child: Child) -> (Option<i32>, String) {
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn the_notes_file_is_private_fresh_and_ends_with_a_newline() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--notes", "first line\nlast line"]);
    let tmp = env.path("tmp");
    fs::create_dir(&tmp).unwrap();
    let seen = env.path("seen");
    let script = editor(
        &env,
        &format!(
            "stat -c '%a %u %h' \"$1\" > '{0}.stat'; cp \"$1\" '{0}.copy'; echo \"$1\" > '{0}.path'; printf 'new notes\\n' > \"$1\"",
            seen.display()
        ),
    );
    env.run(&["edit", "1", "--edit-notes"])
        .env("EDITOR", script.to_str().unwrap())
        .env("TMPDIR", tmp.to_str().unwrap())
        .ok();
    let uid = fs::metadata(env.dir.path()).unwrap().uid();
    let stat = fs::read_to_string(seen.with_extension("stat")).unwrap();
    assert_eq!(stat, format!("600 {uid} 1\n"));
    assert_eq!(
        fs::read_to_string(seen.with_extension("copy")).unwrap(),
        "first line\nlast line\n"
    );
    let path = PathBuf::from(fs::read_to_string(seen.with_extension("path")).unwrap().trim());
    assert_eq!(
        path.parent(),
        Some(tmp.as_path()),
        "the file is directly in the temporary folder"
    );
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("tracker-notes-") && name.len() > "tracker-notes-.txt".len() + 5,
        "{name}"
    );
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0, "the file is removed");
    assert_eq!(env.json(&["show", "1", "--json"])["notes"], "new notes");
}

#[test]
fn a_folder_planted_at_the_old_name_is_not_used() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--notes", "secret notes"]);
    let tmp = env.path("tmp");
    fs::create_dir(&tmp).unwrap();
    // The old name was TMPDIR/tracker-edit-PID: plant it for the next process ids.
    let first: u32 = fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    for pid in first + 1..first + 400 {
        let dir = tmp.join(format!("tracker-edit-{pid}"));
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o777)).unwrap();
    }
    let seen = env.path("seen");
    let script = editor(&env, &format!("echo \"$1\" > '{}'", seen.display()));
    let child = spawn_edit(&env, &script, &tmp);
    assert!(
        (first + 1..first + 400).contains(&child.id()),
        "the planted folders missed tracker's pid"
    );
    let (code, stderr) = finish(child);
    assert_eq!(code, Some(0), "{stderr}");
    let path = PathBuf::from(fs::read_to_string(&seen).unwrap().trim());
    assert_eq!(path.parent(), Some(tmp.as_path()));
    for entry in fs::read_dir(&tmp).unwrap() {
        let entry = entry.unwrap();
        assert_eq!(
            fs::read_dir(entry.path()).unwrap().count(),
            0,
            "{:?} was used",
            entry.path()
        );
    }
}

#[test]
fn sigterm_while_the_editor_is_open_removes_the_file() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--notes", "old"]);
    let tmp = env.path("tmp");
    fs::create_dir(&tmp).unwrap();
    let seen = env.path("seen");
    let script = editor(&env, &format!("echo \"$1\" > '{}'; exec sleep 30", seen.display()));
    let child = spawn_edit(&env, &script, &tmp);
    wait_until("the editor to start", || {
        fs::read_to_string(&seen).is_ok_and(|s| s.ends_with('\n'))
    });
    let path = PathBuf::from(fs::read_to_string(&seen).unwrap().trim());
    assert!(path.is_file());
    kill("-TERM", &child.id().to_string());
    let (code, stderr) = finish(child);
    assert_eq!(
        (code, stderr.as_str()),
        (
            Some(1),
            "tracker: stopped by SIGTERM while the editor was open; the notes were not changed\n"
        )
    );
    assert!(!path.exists(), "the notes file is left behind");
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0);
    assert_eq!(env.json(&["show", "1", "--json"])["notes"], "old");
}

/// Ctrl-C in a terminal reaches the whole foreground group. An editor that takes Ctrl-C as a key (vim)
/// keeps running, and so does tracker: the text saved afterwards is kept, and the file is removed.
#[test]
fn ctrl_c_is_left_to_the_editor() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--notes", "old"]);
    let tmp = env.path("tmp");
    fs::create_dir(&tmp).unwrap();
    let seen = env.path("seen");
    let go = env.path("go");
    let script = editor(
        &env,
        &format!(
            "trap '' INT; echo \"$1\" > '{}'; while [ ! -e '{}' ]; do sleep 0.02; done; printf 'kept\\n' > \"$1\"",
            seen.display(),
            go.display()
        ),
    );
    let child = spawn_edit(&env, &script, &tmp);
    wait_until("the editor to start", || {
        fs::read_to_string(&seen).is_ok_and(|s| s.ends_with('\n'))
    });
    kill("-INT", &format!("-{}", child.id()));
    fs::write(&go, "").unwrap();
    let (code, stderr) = finish(child);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0);
    assert_eq!(env.json(&["show", "1", "--json"])["notes"], "kept");

    // An editor that dies of Ctrl-C: the edit fails, the file is removed, the notes stay.
    let script = editor(&env, &format!("echo \"$1\" > '{}'; exec sleep 30", seen.display()));
    fs::remove_file(&seen).unwrap();
    let child = spawn_edit(&env, &script, &tmp);
    wait_until("the editor to start", || {
        fs::read_to_string(&seen).is_ok_and(|s| s.ends_with('\n'))
    });
    kill("-INT", &format!("-{}", child.id()));
    let (code, stderr) = finish(child);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.starts_with("tracker: the editor ") && stderr.contains("failed"),
        "{stderr}"
    );
    assert_eq!(fs::read_dir(&tmp).unwrap().count(), 0);
    assert_eq!(env.json(&["show", "1", "--json"])["notes"], "kept");
}

#[test]
fn closing_the_editor_without_a_change_is_not_an_error() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--notes", "old"]);
    let script = editor(&env, "true");
    let before = env.dump();
    let out = env
        .run(&["edit", "1", "--edit-notes"])
        .env("EDITOR", script.to_str().unwrap())
        .ok();
    assert_eq!(out, "Notes unchanged for application 1 (Engineer at Acme).\n");
    assert_eq!(env.dump(), before);
    // Other changes given with --edit-notes still apply.
    let out = env
        .run(&["edit", "1", "--edit-notes", "--company", "Globex"])
        .env("EDITOR", script.to_str().unwrap())
        .ok();
    assert_eq!(out, "Updated application 1 (Engineer at Globex).\n");
}

#[test]
fn notes_changed_meanwhile_are_not_overwritten() {
    let env = Env::new();
    env.add("Acme", "Engineer", &["--notes", "old"]);
    // The editor itself plays the other process: it changes the notes through tracker, then saves its text.
    let script = editor(
        &env,
        &format!(
            "'{}' edit 1 --notes 'from elsewhere' >/dev/null; printf 'mine\\nmore of mine\\n' > \"$1\"",
            env!("CARGO_BIN_EXE_tracker")
        ),
    );
    let out = env
        .run(&["edit", "1", "--edit-notes"])
        .env("EDITOR", script.to_str().unwrap())
        .output();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "mine\nmore of mine\n");
    assert_eq!(
        out.stderr,
        "tracker: the notes of application 1 changed while the editor was open, so your text was not saved (it is printed above; merge it with: tracker edit 1 --edit-notes)\n"
    );
    assert_eq!(env.json(&["show", "1", "--json"])["notes"], "from elsewhere");
}
