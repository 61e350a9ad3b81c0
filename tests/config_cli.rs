//! tracker config: get, set, unset, list, path; validation; a private file.

mod common;

use common::Env;

#[test]
fn defaults_set_get_unset() {
    let env = Env::new();
    assert_eq!(env.ok(&["config", "get", "followup.after_days"]), "2\n");
    assert_eq!(env.ok(&["config", "get", "followup.kind"]), "combined\n");
    assert_eq!(env.ok(&["config", "get", "followup.expire_after_days"]), "30\n");
    assert_eq!(
        env.fails(1, &["config", "get", "user.name"]),
        "tracker: user.name is not set (set it with: tracker config set user.name VALUE)"
    );
    env.ok(&["config", "set", "user.name", "Zoë O'Neil"]);
    env.ok(&["config", "set", "followup.after_days", "5"]);
    env.ok(&["config", "set", "followup.kind", "network"]);
    assert_eq!(env.ok(&["config", "get", "user.name"]), "Zoë O'Neil\n");
    assert_eq!(env.ok(&["config", "get", "followup.after_days"]), "5\n");
    let listed = env.json(&["config", "list", "--json"]);
    assert_eq!(
        listed,
        serde_json::json!({
            "followup.after_days": "5", "followup.expire_after_days": "30", "followup.kind": "network",
            "checkin.after_days": "14", "checkin.after_interview_days": "7", "checkin.ghost_after_days": "45",
            "thanks.within_days": "2",
            "mail.auto_threshold": "0.9", "mail.maildir": null, "mail.mbox": null, "mail.me": null,
            "mail.imap.host": null, "mail.imap.port": "993", "mail.imap.user": null,
            "mail.imap.password_command": null, "mail.imap.tls": "implicit", "mail.imap.ca_file": null,
            "mail.imap.folders": "INBOX", "mail.imap.sent_folder": null, "mail.imap.drafts_folder": null,
            "mail.imap.timeout_secs": "30",
            "user.email": null, "user.name": "Zoë O'Neil"
        })
    );
    env.ok(&["config", "unset", "followup.after_days"]);
    assert_eq!(env.ok(&["config", "get", "followup.after_days"]), "2\n");
    let text = std::fs::read_to_string(&env.config).unwrap();
    assert_eq!(
        text,
        "[followup]\nkind = \"network\"\n\n[user]\nname = \"Zoë O'Neil\"\n"
    );
    assert_eq!(env.ok(&["config", "path"]), format!("{}\n", env.config.display()));
}

#[test]
fn the_file_and_its_folder_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.ok(&["config", "set", "user.email", "sam@example.org"]);
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.config), 0o600);
    assert_eq!(mode(env.config.parent().unwrap()), 0o700);
}

#[test]
fn unknown_keys_and_invalid_values_are_errors() {
    let env = Env::new();
    env.ok(&["config", "set", "user.name", "Sam"]);
    let before = std::fs::read(&env.config).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["config", "set", "user.nmae", "x"],
            "tracker: unknown config key \"user.nmae\" (known keys: user.name, user.email, followup.after_days, followup.expire_after_days, followup.kind, checkin.after_days, checkin.after_interview_days, checkin.ghost_after_days, thanks.within_days, mail.maildir, mail.mbox, mail.auto_threshold, mail.me, mail.imap.host, mail.imap.port, mail.imap.user, mail.imap.password_command, mail.imap.tls, mail.imap.ca_file, mail.imap.folders, mail.imap.sent_folder, mail.imap.drafts_folder, mail.imap.timeout_secs)",
        ),
        (
            &["config", "get", "colour"],
            "tracker: unknown config key \"colour\" (known keys: user.name, user.email, followup.after_days, followup.expire_after_days, followup.kind, checkin.after_days, checkin.after_interview_days, checkin.ghost_after_days, thanks.within_days, mail.maildir, mail.mbox, mail.auto_threshold, mail.me, mail.imap.host, mail.imap.port, mail.imap.user, mail.imap.password_command, mail.imap.tls, mail.imap.ca_file, mail.imap.folders, mail.imap.sent_folder, mail.imap.drafts_folder, mail.imap.timeout_secs)",
        ),
        (
            &["config", "set", "followup.after_days", "soon"],
            "tracker: invalid value for followup.after_days: expected a whole number of days from 0 to 3650, got \"soon\"",
        ),
        (
            &["config", "set", "followup.after_days", "-2"],
            "tracker: invalid value for followup.after_days: expected a whole number of days from 0 to 3650, got \"-2\"",
        ),
        (
            &["config", "set", "followup.kind", "beg"],
            "tracker: invalid value for followup.kind: unknown follow-up kind \"beg\" (expected one of: feedback, network, combined)",
        ),
        (
            &["config", "set", "user.name", "Sam\nBcc: x@y"],
            "tracker: invalid value for user.name: the value must not contain control characters (such as a line break)",
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(env.fails(1, args), *expected, "{args:?}");
    }
    assert_eq!(std::fs::read(&env.config).unwrap(), before);
}

#[test]
fn a_broken_file_is_reported_by_every_command() {
    let env = Env::new();
    std::fs::create_dir_all(env.config.parent().unwrap()).unwrap();
    std::fs::write(&env.config, "[followup]\nafter_days = \"two\"\n").unwrap();
    let err = env.fails(1, &["list"]);
    assert_eq!(
        err,
        format!(
            "tracker: in config file {}: invalid value for followup.after_days: expected a whole number of days from 0 to 3650, got \"two\"",
            env.config.display()
        )
    );
    std::fs::write(&env.config, "[followup\n").unwrap();
    let err = env.fails(1, &["config", "get", "followup.kind"]);
    assert!(
        err.starts_with(&format!(
            "tracker: config file {} is not valid TOML: ",
            env.config.display()
        )),
        "{err}"
    );
    // A broken file is reported, never rewritten.
    assert_eq!(std::fs::read_to_string(&env.config).unwrap(), "[followup\n");
}

#[test]
fn parallel_config_sets_keep_every_key() {
    let env = Env::new();
    let keys = [
        ("user.name", "Sam Taylor"),
        ("user.email", "sam@example.org"),
        ("followup.kind", "network"),
        ("followup.after_days", "4"),
    ];
    for round in 0..12 {
        let _ = std::fs::remove_file(&env.config);
        let children: Vec<_> = keys
            .iter()
            .map(|(key, value)| {
                std::process::Command::new(env!("CARGO_BIN_EXE_tracker"))
                    .args(["config", "set", key, value])
                    .env_clear()
                    .env("TRACKER_CONFIG", &env.config)
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
        let listed = env.json(&["config", "list", "--json"]);
        for (key, value) in keys {
            assert_eq!(listed[key], value, "round {round}: {key} was lost");
        }
    }
}

#[test]
fn list_keys_take_several_values() {
    let env = Env::new();
    env.ok(&["config", "set", "mail.maildir", "~/Mail/INBOX", "/srv/mail/Archive"]);
    assert_eq!(
        env.ok(&["config", "get", "mail.maildir"]),
        "~/Mail/INBOX\n/srv/mail/Archive\n"
    );
    assert_eq!(
        std::fs::read_to_string(&env.config).unwrap(),
        "[mail]\nmaildir = [\"~/Mail/INBOX\", \"/srv/mail/Archive\"]\n"
    );
    env.ok(&["config", "set", "mail.auto_threshold", "0.75"]);
    assert_eq!(env.ok(&["config", "get", "mail.auto_threshold"]), "0.75\n");
    env.expect_failures(&[
        (
            1,
            &["config", "set", "user.name", "A", "B"],
            "tracker: invalid value for user.name: user.name takes one value, got 2",
        ),
        (
            1,
            &["config", "set", "mail.auto_threshold", "1.5"],
            "tracker: invalid value for mail.auto_threshold: expected a number from 0 to 1, such as 0.9, got \"1.5\"",
        ),
        (
            1,
            &["config", "set", "mail.mbox", "ok", ""],
            "tracker: invalid value for mail.mbox: the value must not be empty",
        ),
    ]);
    // A single path written by hand (not a list) is read as a list of one.
    std::fs::write(&env.config, "[mail]\nmbox = \"/var/mail/sam\"\n").unwrap();
    assert_eq!(env.ok(&["config", "get", "mail.mbox"]), "/var/mail/sam\n");
}

#[test]
fn addresses_are_checked_when_set() {
    let env = Env::new();
    env.expect_failures(&[
        (
            1,
            &["config", "set", "user.email", "not an address"],
            "tracker: invalid value for user.email: \"not an address\" is not one email address (expected one address such as sam@example.org)",
        ),
        (
            1,
            &["config", "set", "mail.me", "sam@example.org", "Sam <sam@x.example>"],
            "tracker: invalid value for mail.me: \"Sam <sam@x.example>\" is not one email address (expected one address such as sam@example.org)",
        ),
    ]);
    env.ok(&["config", "set", "mail.me", "sam@work.example", "sam.taylor@example.net"]);
    assert!(
        env.ok(&["config", "list"])
            .contains("mail.me = sam@work.example, sam.taylor@example.net\n")
    );
    let long = "x".repeat(1001);
    assert_eq!(
        env.fails(1, &["config", "set", "user.name", &long]),
        "tracker: invalid value for user.name: the value is longer than 1,000 characters"
    );
}

#[test]
fn three_part_imap_keys_are_set_got_and_unset() {
    let env = Env::new();
    env.ok(&["config", "set", "mail.maildir", "~/Mail"]);
    env.ok(&["config", "set", "mail.imap.host", "imap.example.org"]);
    env.ok(&["config", "set", "mail.imap.folders", "INBOX", "Jobs"]);
    assert_eq!(env.ok(&["config", "get", "mail.imap.host"]), "imap.example.org\n");
    assert_eq!(env.ok(&["config", "get", "mail.imap.folders"]), "INBOX\nJobs\n");
    assert_eq!(env.ok(&["config", "get", "mail.imap.port"]), "993\n");
    let text = std::fs::read_to_string(&env.config).unwrap();
    assert!(
        text.contains("[mail.imap]") && text.contains("host = \"imap.example.org\""),
        "{text}"
    );
    let before = std::fs::read(&env.config).unwrap();
    for (args, expected) in [
        (
            &["config", "set", "mail.imap.tls", "none"][..],
            "tracker: invalid value for mail.imap.tls: expected implicit or starttls, got \"none\" (there is no plaintext mode)",
        ),
        (
            &["config", "set", "mail.imap.timeout_secs", "0"],
            "tracker: invalid value for mail.imap.timeout_secs: expected a whole number of seconds from 1 to 600, got \"0\"",
        ),
        (
            &["config", "set", "mail.imap.sent_folder", "Sent\"Items"],
            "tracker: invalid value for mail.imap.sent_folder: a folder name must not contain a quote or a backslash, got \"Sent\\\"Items\"",
        ),
    ] {
        assert_eq!(env.fails(1, args), expected, "{args:?}");
    }
    assert_eq!(std::fs::read(&env.config).unwrap(), before);
    env.ok(&["config", "unset", "mail.imap.host"]);
    env.ok(&["config", "unset", "mail.imap.folders"]);
    let text = std::fs::read_to_string(&env.config).unwrap();
    assert!(!text.contains("imap") && text.contains("maildir"), "{text}");
}
