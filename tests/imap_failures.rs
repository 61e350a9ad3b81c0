//! `mail scan --imap` when things go wrong, against a real Dovecot: each failure one line with nothing
//! recorded, a frozen server ended within the timeout, and the password in no process's arguments,
//! environment or output.

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::Env;
use common::dovecot::{self, Dovecot, PASSWORD};
use common::imap_env::{newsletter, rejection, scan_json, setup};

#[test]
fn failures_are_one_line_and_record_nothing() {
    let Some(server) = Dovecot::start() else { return };
    server.deliver("INBOX", "1", &rejection(), "");
    let env = setup(&server, false);
    let before = env.dump();
    let proposals = |env: &Env| env.json(&["mail", "list", "--all", "--json"]);
    let fails = |env: &Env, expected: &str| {
        let err = env.run(&["mail", "scan", "--imap"]).fails(1);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("tracker: ") && err.contains(expected),
            "{expected}: {err}"
        );
        assert!(!err.contains(PASSWORD), "{err}");
        assert_eq!(env.dump(), before);
        assert_eq!(proposals(env), serde_json::json!([]));
    };

    fs::write(env.path("imap-password"), "wrong-password\n").unwrap();
    fails(
        &env,
        "the IMAP server localhost refused the login of ana@example.org: Authentication failed. (check mail.imap.user",
    );
    fs::write(env.path("imap-password"), format!("{PASSWORD}\n")).unwrap();

    env.ok(&[
        "config",
        "set",
        "mail.imap.ca_file",
        dovecot::other_ca(env.dir.path()).to_str().unwrap(),
    ]);
    fails(
        &env,
        "certificate is signed by a certificate authority tracker does not trust (for a self-hosted server, set mail.imap.ca_file",
    );
    env.ok(&["config", "set", "mail.imap.ca_file", server.ca().to_str().unwrap()]);

    env.ok(&["config", "set", "mail.imap.folders", "INBOX", "Jobs"]);
    fails(&env, "has no folder \"Jobs\"");
    env.ok(&["config", "unset", "mail.imap.folders"]);

    for (command, expected) in [
        ("false", "mail.imap.password_command \"false\" exited with status 1"),
        ("true", "mail.imap.password_command \"true\" printed no password"),
        (
            "/nonexistent/pass show",
            "cannot run mail.imap.password_command \"/nonexistent/pass\"",
        ),
    ] {
        env.ok(&["config", "set", "mail.imap.password_command", command]);
        fails(&env, expected);
    }
    env.ok(&[
        "config",
        "set",
        "mail.imap.password_command",
        &format!("cat {}", env.path("imap-password").display()),
    ]);

    // Implicit TLS against the STARTTLS port, and a port where nothing listens.
    env.ok(&["config", "set", "mail.imap.port", &server.imap_port.to_string()]);
    fails(&env, "check mail.imap.port and mail.imap.tls");
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    env.ok(&["config", "set", "mail.imap.port", &closed.to_string()]);
    fails(&env, &format!("cannot reach the IMAP server localhost:{closed}"));
    env.ok(&["config", "set", "mail.imap.port", &server.imaps_port.to_string()]);

    env.ok(&["config", "unset", "mail.imap.user"]);
    fails(
        &env,
        "mail.imap.user is not set (set it with: tracker config set mail.imap.user you@example.org)",
    );
    for (key, value) in [
        ("mail.imap.tls", "plain"),
        ("mail.imap.port", "99999"),
        ("mail.imap.host", "a host"),
    ] {
        let err = env.run(&["config", "set", key, value]).fails(1);
        assert!(err.contains(&format!("invalid value for {key}")), "{err}");
    }
}

#[test]
fn a_frozen_server_ends_the_scan_within_the_timeout() {
    let Some(server) = Dovecot::start() else { return };
    for n in 0..50 {
        server.deliver("INBOX", &n.to_string(), &newsletter(n), "");
    }
    let env = setup(&server, false);
    env.ok(&["config", "set", "mail.imap.timeout_secs", "2"]);
    server.freeze(true);
    let start = Instant::now();
    let err = env.run(&["mail", "scan", "--imap"]).fails(1);
    let took = start.elapsed();
    server.freeze(false);
    assert!(took < Duration::from_secs(2 + 5), "took {took:?}");
    assert!(err.contains("stopped answering"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    // Thawed, the same scan works.
    assert_eq!(scan_json(&env)["read"], 50);
}

#[test]
fn a_server_frozen_in_the_middle_of_a_scan_ends_it_and_records_nothing_of_the_folder() {
    let Some(server) = Dovecot::start() else { return };
    for n in 0..3000 {
        server.deliver("INBOX", &n.to_string(), &newsletter(n), "");
    }
    let env = setup(&server, false);
    env.ok(&["config", "set", "mail.imap.timeout_secs", "2"]);
    // Frozen as soon as the server logs the login: in the middle of the scan's commands.
    let log = server.dir.path().join("dovecot.log");
    let group = server.group();
    let watcher = std::thread::spawn(move || {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            if fs::read_to_string(&log).unwrap_or_default().contains("Login: user=") {
                let group = rustix::process::Pid::from_raw(group as i32).unwrap();
                rustix::process::kill_process_group(group, rustix::process::Signal::STOP).unwrap();
                return true;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        false
    });
    let start = Instant::now();
    let err = env.run(&["mail", "scan", "--imap"]).fails(1);
    let took = start.elapsed();
    assert!(watcher.join().unwrap(), "the server was frozen");
    server.freeze(false);
    assert!(took < Duration::from_secs(2 + 5), "took {took:?}");
    assert!(err.contains("stopped answering") && err.lines().count() == 1, "{err}");
    assert_eq!(env.json(&["mail", "list", "--all", "--json"]), serde_json::json!([]));
    // Nothing of the folder was recorded: the next scan reads every message.
    assert_eq!(scan_json(&env)["read"], 3000);
}

/// Every process's arguments and environment, as far as they can be read.
fn processes_mention(secret: &str) -> Option<String> {
    for entry in fs::read_dir("/proc").ok()?.flatten() {
        for file in ["cmdline", "environ"] {
            if let Ok(bytes) = fs::read(entry.path().join(file))
                && String::from_utf8_lossy(&bytes).contains(secret)
            {
                return Some(format!("{}/{file}", entry.path().display()));
            }
        }
    }
    None
}

#[test]
fn the_password_is_in_no_process_arguments_environment_or_output() {
    let Some(server) = Dovecot::start() else { return };
    server.deliver("INBOX", "1", &rejection(), "");
    let env = setup(&server, false);
    // A password command that takes a moment, so the scan is watched while it runs.
    let script = env.path("slow-pass");
    fs::write(
        &script,
        format!("#!/bin/sh\nsleep 0.3\ncat {}\n", env.path("imap-password").display()),
    )
    .unwrap();
    fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    env.ok(&["config", "set", "mail.imap.password_command", script.to_str().unwrap()]);
    let watcher = std::thread::spawn(|| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_millis(1500) {
            if let Some(place) = processes_mention(PASSWORD) {
                return Some(place);
            }
        }
        None
    });
    let out = env.run(&["mail", "scan", "--imap", "--json"]).output();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(watcher.join().unwrap(), None);
    for text in [
        &out.stdout,
        &out.stderr,
        &server.log(),
        &fs::read_to_string(&env.config).unwrap(),
    ] {
        assert!(!text.contains(PASSWORD), "{text}");
    }
}
