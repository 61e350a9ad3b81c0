//! The harness every integration test uses: the real `tracker` binary, a private temporary folder holding
//! its database and config, a fixed clock and time zone, and nothing from the caller's environment.

#![allow(dead_code)]

pub mod desktop;
pub mod dovecot;
pub mod imap_env;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const TODAY: &str = "2026-11-27";

/// Polls `ready` until it holds, failing the test after 10 seconds (waits poll; they never sleep a fixed time).
pub fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !ready() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Says why a test is skipped, straight to stderr: the test harness captures `eprintln!`, not this.
pub fn skip(reason: &str) {
    let test = std::thread::current().name().unwrap_or("a test").to_owned();
    let _ = writeln!(std::io::stderr(), "\nSKIPPED {test}: {reason}");
}

pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub config: PathBuf,
    pub now: String,
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub struct Run<'a> {
    env: &'a Env,
    args: Vec<String>,
    vars: Vec<(String, String)>,
    removed: Vec<String>,
    stdin: Option<Vec<u8>>,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("data").join("tracker.db");
        let config = dir.path().join("config").join("config.toml");
        Env {
            dir,
            db,
            config,
            now: TODAY.to_owned(),
        }
    }

    /// The same environment with another clock.
    pub fn at(&mut self, now: &str) -> &mut Env {
        self.now = now.to_owned();
        self
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run(&self, args: &[&str]) -> Run<'_> {
        Run {
            env: self,
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            vars: Vec::new(),
            removed: Vec::new(),
            stdin: None,
        }
    }

    /// Runs and expects success with nothing on stderr; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        self.run(args).ok()
    }

    /// Runs and expects failure with exit code `code` and exactly one line on stderr; returns that line.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        self.run(args).fails(code)
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} printed invalid JSON ({e}):\n{out}"))
    }

    /// Creates an empty database (only commands that add applications create one).
    pub fn create_db(&self) {
        assert_eq!(
            self.run(&["import", "-"]).stdin("[]").ok(),
            "Imported 0 applications.\n"
        );
    }

    /// Adds an application and returns its id.
    pub fn add(&self, company: &str, position: &str, extra: &[&str]) -> i64 {
        let mut args = vec!["add", company, position, "--json"];
        args.extend_from_slice(extra);
        self.json(&args)["id"].as_i64().expect("add --json prints an id")
    }

    pub fn set_user(&self) {
        self.ok(&["config", "set", "user.name", "Sam Taylor"]);
        self.ok(&["config", "set", "user.email", "sam@example.org"]);
    }

    /// Runs each case and expects its exit code and its one stderr line; reports every mismatch at once.
    pub fn expect_failures(&self, cases: &[(i32, &[&str], &str)]) {
        let mut wrong = Vec::new();
        for (code, args, expected) in cases {
            let err = self.fails(*code, args);
            if err != *expected {
                wrong.push(format!("{args:?}\n  got: {err}\n want: {expected}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Every row of every table, as text: compared before and after a command that must not write.
    pub fn dump(&self) -> String {
        dump(&self.db)
    }
}

pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open db");
    let mut out = String::new();
    for table in ["applications", "events", "notifications", "drafts"] {
        let exists: bool = conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = ?1)",
                [table],
                |row| row.get(0),
            )
            .expect("schema");
        if !exists {
            continue;
        }
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2"))
            .expect("table");
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let values: Vec<String> = (0..columns).map(|i| format!("{:?}", row.get_ref(i).unwrap())).collect();
            out.push_str(&format!("{table}: {}\n", values.join(" | ")));
        }
    }
    out
}

impl Run<'_> {
    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.vars.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Runs without this variable, as cron would.
    pub fn without(mut self, key: &str) -> Self {
        self.removed.push(key.to_owned());
        self
    }

    pub fn stdin(mut self, input: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(input.into());
        self
    }

    pub fn output(self) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tracker"));
        command
            .args(&self.args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.env.dir.path())
            .env("XDG_RUNTIME_DIR", self.env.dir.path().join("no-runtime-dir"))
            .env(
                "DBUS_SESSION_BUS_ADDRESS",
                format!("unix:path={}", self.env.dir.path().join("no-bus").display()),
            )
            .env("TZ", "UTC")
            .env("TRACKER_DB", &self.env.db)
            .env("TRACKER_CONFIG", &self.env.config)
            .env("TRACKER_NOW", &self.env.now)
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in &self.vars {
            command.env(key, value);
        }
        for key in &self.removed {
            command.env_remove(key);
        }
        let mut child = command.spawn().expect("run tracker");
        if let Some(input) = self.stdin {
            child.stdin.take().unwrap().write_all(&input).unwrap();
        }
        let out = child.wait_with_output().expect("wait for tracker");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
        }
    }

    pub fn ok(self) -> String {
        let args = self.args.clone();
        let out = self.output();
        assert_eq!(out.code, 0, "{args:?} failed:\n{}", out.stderr);
        assert_eq!(out.stderr, "", "{args:?} wrote to stderr");
        out.stdout
    }

    pub fn fails(self, code: i32) -> String {
        let args = self.args.clone();
        let out = self.output();
        assert_eq!(
            out.code, code,
            "{args:?}: stdout {:?} stderr {:?}",
            out.stdout, out.stderr
        );
        assert!(out.stderr.starts_with("tracker: "), "{args:?}: {:?}", out.stderr);
        assert_eq!(
            out.stderr.lines().count(),
            1,
            "{args:?}: one line expected: {:?}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{args:?}: {}", out.stderr);
        out.stderr.trim_end().to_owned()
    }
}

/// True (after printing why the test is skipped) when `program` is not installed; a failure under `CI=true`.
pub fn missing_program(program: &str, package: &str) -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()));
    if found {
        return false;
    }
    let reason = format!("it needs {program} (apt-get install {package})");
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI must run this test, but {reason}"
    );
    skip(&reason);
    true
}
