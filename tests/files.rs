//! Files tracker writes outside its database: names another user can plant in a shared folder, special
//! files given as `--output`, symlinked configuration, `file:` paths, and a database folder others can write.

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::Env;

const NOBODY: u32 = 65534;

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// The last process id the kernel handed out: the next processes get the ones after it.
fn last_pid() -> u32 {
    fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// A sticky, world-writable folder owned by `nobody` (as /tmp, or a shared project folder), inside the test's
/// folder, which becomes traversable; and a private folder of the victim's holding `secret.txt`.
struct Shared {
    dir: PathBuf,
    secret: PathBuf,
}

impl Shared {
    fn new(env: &Env) -> Shared {
        fs::set_permissions(env.dir.path(), fs::Permissions::from_mode(0o711)).unwrap();
        let dir = env.path("shared");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o1777)).unwrap();
        std::os::unix::fs::chown(&dir, Some(NOBODY), Some(NOBODY)).unwrap();
        let private = env.path("private");
        fs::create_dir(&private).unwrap();
        let secret = private.join("secret.txt");
        fs::write(&secret, "the victim's own file\n").unwrap();
        Shared { dir, secret }
    }

    /// Plants, as `nobody`, for the next `count` process ids, the names tracker used to use for `name`: a
    /// symlink to the victim's file at every other id, and a world-readable empty file at the rest.
    fn plant(&self, pattern: impl Fn(u32) -> String, count: u32) -> std::ops::Range<u32> {
        let first = last_pid() + 1;
        for pid in first..first + count {
            let path = self.dir.join(pattern(pid));
            if pid % 2 == 0 {
                std::os::unix::fs::symlink(&self.secret, &path).unwrap();
            } else {
                fs::write(&path, "").unwrap();
                fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
            }
            std::os::unix::fs::lchown(&path, Some(NOBODY), Some(NOBODY)).unwrap();
        }
        first..first + count
    }

    /// Every planted name is still there, unchanged: the symlinks, and the empty files nobody can read.
    fn assert_untouched(&self, pattern: impl Fn(u32) -> String, pids: std::ops::Range<u32>) {
        assert_eq!(fs::read_to_string(&self.secret).unwrap(), "the victim's own file\n");
        for pid in pids {
            let path = self.dir.join(pattern(pid));
            let meta = fs::symlink_metadata(&path).unwrap_or_else(|_| panic!("{} was removed", path.display()));
            assert_eq!(meta.uid(), NOBODY, "{}", path.display());
            if !meta.file_type().is_symlink() {
                assert_eq!(meta.len(), 0, "{} received data", path.display());
            }
        }
    }
}

#[test]
fn names_planted_by_another_user_are_never_followed_or_reused() {
    if !is_root() {
        common::skip("planting files as another user needs root");
        return;
    }
    let env = Env::new();
    env.add("Acme", "Engineer", &["--notes", "private notes"]);
    let shared = Shared::new(&env);

    // export --output: the old temporary name was .NAME.PID.tmp beside the output.
    let out = shared.dir.join("out.json");
    let tmp_name = |pid: u32| format!(".out.json.{pid}.tmp");
    let pids = shared.plant(tmp_name, 600);
    let mut child = Command::new(env!("CARGO_BIN_EXE_tracker"));
    child
        .args(["export", "-o"])
        .arg(&out)
        .env_clear()
        .env("TRACKER_DB", &env.db)
        .env("TRACKER_CONFIG", &env.config)
        .env("TRACKER_NOW", common::TODAY)
        .stderr(std::process::Stdio::piped());
    let child = child.spawn().unwrap();
    assert!(pids.contains(&child.id()), "the planted names missed tracker's pid");
    assert!(child.wait_with_output().unwrap().status.success());
    shared.assert_untouched(tmp_name, pids);
    let meta = fs::symlink_metadata(&out).unwrap();
    assert!(meta.is_file() && meta.uid() == 0 && mode(&out) == 0o600);
    assert!(fs::read_to_string(&out).unwrap().contains("private notes"));

    // config set: the same pattern beside the config file.
    let config = shared.dir.join("config.toml");
    let tmp_name = |pid: u32| format!(".config.toml.{pid}.tmp");
    let pids = shared.plant(tmp_name, 600);
    let child = Command::new(env!("CARGO_BIN_EXE_tracker"))
        .args(["config", "set", "user.name", "Sam Taylor"])
        .env_clear()
        .env("TRACKER_CONFIG", &config)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    assert!(pids.contains(&child.id()), "the planted names missed tracker's pid");
    assert!(child.wait_with_output().unwrap().status.success());
    shared.assert_untouched(tmp_name, pids);
    assert_eq!(fs::read_to_string(&config).unwrap(), "[user]\nname = \"Sam Taylor\"\n");
    assert_eq!(mode(&config), 0o600);

    // backup: .NAME.PID.partial.
    let tmp_name = |pid: u32| format!(".b.db.{pid}.partial");
    let pids = shared.plant(tmp_name, 300);
    env.ok(&["backup", shared.dir.join("b.db").to_str().unwrap()]);
    shared.assert_untouched(tmp_name, pids);
    assert_eq!(mode(&shared.dir.join("b.db")), 0o600);
}

#[test]
fn a_planted_symlink_at_the_output_is_refused() {
    if !is_root() {
        common::skip("planting files as another user needs root");
        return;
    }
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let shared = Shared::new(&env);
    let out = shared.dir.join("out.json");
    std::os::unix::fs::symlink(&shared.secret, &out).unwrap();
    std::os::unix::fs::lchown(&out, Some(NOBODY), Some(NOBODY)).unwrap();
    assert_eq!(
        env.fails(1, &["export", "-o", out.to_str().unwrap()]),
        format!(
            "tracker: {} is a symlink owned by another user, and tracker does not write through it (remove it or choose another path)",
            out.display()
        )
    );
    assert_eq!(fs::read_to_string(&shared.secret).unwrap(), "the victim's own file\n");
}

#[test]
fn leftovers_of_a_killed_run_are_cleaned_by_the_next_one() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let dir = env.path("backups");
    fs::create_dir(&dir).unwrap();
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
    let leftover = |name: &str, old_enough: bool| {
        let path = dir.join(name);
        let file = fs::File::create(&path).unwrap();
        if old_enough {
            file.set_modified(old).unwrap();
        }
        path
    };
    let killed = leftover(".b.db.31337.partial", true);
    let killed_journal = leftover(".b.db.31337.partial-journal", true);
    let running = leftover(".b.db.4242.partial", false);
    let someone_elses = leftover(".c.db.31337.partial", true);
    let export = leftover(".out.json.31337.tmp", true);
    env.ok(&["backup", dir.join("b.db").to_str().unwrap()]);
    env.run(&["export", "-o", dir.join("out.json").to_str().unwrap()])
        .output();
    assert!(!killed.exists() && !killed_journal.exists() && !export.exists());
    assert!(running.exists() && someone_elses.exists());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".b.db.4242.partial", ".c.db.31337.partial", "b.db", "out.json"]);
}

#[test]
fn export_writes_through_fifos_devices_and_symlinks() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let expected = env.ok(&["export"]);

    // A FIFO: a reader gets the document, and the FIFO stays a FIFO.
    let fifo = env.path("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let out = env.run(&["export", "-o", fifo.to_str().unwrap()]).output();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO was replaced"
    );
    assert_eq!(reader.join().unwrap(), expected);

    // A symlink of the user's: the file it points to is replaced, the link stays.
    let real = env.path("real.json");
    fs::write(&real, "old").unwrap();
    let link = env.path("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert_eq!(
        env.fails(1, &["export", "-o", link.to_str().unwrap()]),
        format!("tracker: {} already exists (use --force to replace it)", link.display())
    );
    assert_eq!(fs::read_to_string(&real).unwrap(), "old");
    env.run(&["export", "-o", link.to_str().unwrap(), "--force"]).output();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(fs::read_to_string(&real).unwrap(), expected);
}

/// `/dev/stdout` and `/dev/null`. As root, a failure would replace the machine's own, so root gets copies in
/// the test's folder: a symlink to `/proc/self/fd/1` (what `/dev/stdout` is) and a null device of its own.
#[test]
fn export_to_stdout_and_null_devices_writes_through() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let expected = env.ok(&["export"]);
    let (stdout, null) = if is_root() {
        let stdout = env.path("stdout");
        std::os::unix::fs::symlink("/proc/self/fd/1", &stdout).unwrap();
        let null = env.path("null");
        assert!(
            Command::new("mknod")
                .arg(&null)
                .args(["c", "1", "3"])
                .status()
                .unwrap()
                .success()
        );
        (stdout, null)
    } else {
        (PathBuf::from("/dev/stdout"), PathBuf::from("/dev/null"))
    };
    let out = env.run(&["export", "-o", stdout.to_str().unwrap()]).output();
    assert_eq!(
        (out.code, out.stdout.as_str()),
        (0, expected.as_str()),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr, format!("Exported 1 application to {}.\n", stdout.display()));
    assert!(fs::symlink_metadata(&stdout).unwrap().file_type().is_symlink());
    let out = env.run(&["export", "-o", null.to_str().unwrap()]).output();
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    assert!(fs::symlink_metadata(&null).unwrap().file_type().is_char_device());
}

#[test]
fn config_set_writes_through_a_symlinked_file() {
    let env = Env::new();
    let dotfiles = env.path("dotfiles");
    fs::create_dir(&dotfiles).unwrap();
    let real = dotfiles.join("tracker.toml");
    fs::write(&real, "[user]\nname = \"Sam Taylor\"\n").unwrap();
    fs::create_dir_all(env.config.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&real, &env.config).unwrap();
    env.ok(&["config", "set", "followup.after_days", "4"]);
    assert!(fs::symlink_metadata(&env.config).unwrap().file_type().is_symlink());
    assert_eq!(
        fs::read_to_string(&real).unwrap(),
        "[followup]\nafter_days = 4\n\n[user]\nname = \"Sam Taylor\"\n"
    );
    assert_eq!(mode(&real), 0o600);
    assert_eq!(env.ok(&["config", "get", "followup.after_days"]), "4\n");
}

#[test]
fn file_colon_paths_are_plain_paths() {
    let env = Env::new();
    let run = |args: &[&str], db: &str| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tracker"));
        command
            .args(args)
            .current_dir(env.dir.path())
            .env_clear()
            .env("TRACKER_DB", db)
            .env("TRACKER_CONFIG", &env.config)
            .env("TRACKER_NOW", common::TODAY);
        let out = command.output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // A URI would open a database in memory and lose the application.
    let db = "file:x.db?mode=memory";
    run(&["add", "Acme", "Engineer"], db);
    assert!(run(&["list"], db).contains("Acme"));
    assert!(env.dir.path().join(db).is_file());
    let other = "file:other.db";
    run(&["--db", other, "add", "Globex", "Engineer"], db);
    assert!(run(&["list"], other).contains("Globex"));

    // backup to a file: path writes exactly there, private.
    fs::create_dir(env.dir.path().join("file:bk")).unwrap();
    run(&["backup", "file:bk/b.db"], db);
    let copy = env.dir.path().join("file:bk/b.db");
    assert_eq!(mode(&copy), 0o600);
    let conn = rusqlite::Connection::open_with_flags(&copy, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let company: String = conn
        .query_row("SELECT company FROM applications", [], |r| r.get(0))
        .unwrap();
    assert_eq!(company, "Acme");
    assert!(!env.dir.path().join("bk").exists());
}

#[test]
fn a_database_in_a_folder_others_can_write_is_warned_about() {
    let env = Env::new();
    let shared = env.path("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    let db = shared.join("tracker.db");
    let out = env
        .run(&["add", "Initech", "Engineer"])
        .env("TRACKER_DB", db.to_str().unwrap())
        .output();
    assert_eq!(out.code, 0);
    let warning = format!(
        "tracker: warning: the database's folder {0} is writable by other users, who could plant files beside the database (move it to a private folder, e.g. the default, or run: chmod go-w {0})",
        shared.display()
    );
    assert_eq!(
        out.stderr.lines().filter(|l| l.contains("warning")).collect::<Vec<_>>(),
        [&warning]
    );
    let out = env
        .run(&["add", "Acme", "Engineer"])
        .env("TRACKER_DB", db.to_str().unwrap())
        .output();
    assert_eq!((out.code, out.stderr), (0, format!("{warning}\n")));
    // Group-writable too; a private folder gets no warning.
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o770)).unwrap();
    let out = env.run(&["list"]).env("TRACKER_DB", db.to_str().unwrap()).output();
    assert_eq!((out.code, out.stderr), (0, format!("{warning}\n")));
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o700)).unwrap();
    let out = env.run(&["list"]).env("TRACKER_DB", db.to_str().unwrap()).output();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
}

#[test]
fn backup_never_replaces_a_symlink_without_force() {
    let env = Env::new();
    env.add("Acme", "Engineer", &[]);
    let dest = env.path("b.db");
    std::os::unix::fs::symlink(env.path("missing.db"), &dest).unwrap();
    assert_eq!(
        env.fails(1, &["backup", dest.to_str().unwrap()]),
        format!("tracker: {} already exists (use --force to replace it)", dest.display())
    );
    assert!(fs::symlink_metadata(&dest).unwrap().file_type().is_symlink());
    assert!(!env.path("missing.db").exists());
    let leftovers: Vec<_> = fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_database_path_that_is_a_dangling_symlink_is_refused() {
    let env = Env::new();
    fs::create_dir_all(env.db.parent().unwrap()).unwrap();
    let elsewhere = env.path("elsewhere.db");
    std::os::unix::fs::symlink(&elsewhere, &env.db).unwrap();
    assert_eq!(
        env.fails(1, &["add", "Acme", "Engineer"]),
        format!(
            "tracker: {} is a symlink to a missing file (remove the link, or create the file it points to)",
            env.db.display()
        )
    );
    assert!(!elsewhere.exists());
}
