use super::*;
use proptest::prelude::*;

fn parse(text: &str) -> Result<Config> {
    Config::from_table(&text.parse::<Table>()?)
}

#[test]
fn defaults_and_overrides() {
    assert_eq!(parse("").unwrap(), Config::default());
    let config = parse("[user]\nname = \"Ana Lima\"\n[followup]\nafter_days = 5\nkind = \"network\"\n").unwrap();
    assert_eq!(config.user_name.as_deref(), Some("Ana Lima"));
    assert_eq!(config.window.after_days(), 5);
    assert_eq!(config.kind, FollowupKind::Network);
}

#[test]
fn unknown_keys_and_bad_values_are_errors() {
    let cases = [
        ("[user]\nnmae = \"x\"\n", "unknown config key \"user.nmae\""),
        ("colour = \"red\"\n", "unknown config key \"colour\""),
        ("[followup]\nafter_days = -1\n", "invalid value for followup.after_days"),
        (
            "[followup]\nafter_days = 1.5\n",
            "invalid value for followup.after_days",
        ),
        ("[followup]\nkind = \"grovel\"\n", "invalid value for followup.kind"),
        ("[user]\nname = \"\"\n", "invalid value for user.name"),
        (
            "[followup]\nafter_days = 30\n",
            "followup.expire_after_days (30) must be greater than followup.after_days (30)",
        ),
        (
            "[followup]\nafter_days = 5\nexpire_after_days = 4\n",
            "followup.expire_after_days (4) must be greater than followup.after_days (5)",
        ),
    ];
    for (text, expected) in cases {
        let err = format!("{:#}", parse(text).unwrap_err());
        assert!(err.contains(expected), "{text:?}: {err}");
    }
}

#[test]
fn imap_keys_have_three_parts_and_are_checked() {
    let config = parse(
        "[mail]\nmaildir = [\"~/Mail\"]\n[mail.imap]\nhost = \"imap.example.org\"\nport = 143\ntls = \"starttls\"\nfolders = [\"INBOX\", \"Jobs\"]\ntimeout_secs = 5\n",
    )
    .unwrap();
    assert_eq!(config.maildirs, ["~/Mail"]);
    assert_eq!(config.imap.host.as_deref(), Some("imap.example.org"));
    assert_eq!(config.imap.port, 143);
    assert!(config.imap.starttls);
    assert_eq!(config.imap.folders, ["INBOX", "Jobs"]);
    assert_eq!(config.imap.timeout_secs, 5);
    assert_eq!(parse("").unwrap().imap, Imap::default());
    let cases = [
        ("[mail.imap]\nhots = \"x\"\n", "unknown config key \"mail.imap.hots\""),
        ("[mail.imap]\ntls = \"none\"\n", "invalid value for mail.imap.tls"),
        ("[mail.imap]\nport = 0\n", "invalid value for mail.imap.port"),
        ("[mail.imap]\nhost = \"a b\"\n", "invalid value for mail.imap.host"),
        (
            "[mail.imap]\ntimeout_secs = 0\n",
            "invalid value for mail.imap.timeout_secs",
        ),
        ("[mail.imap.deeper]\nx = 1\n", "unknown config key \"mail.imap.deeper\""),
        ("[mail]\nimap = 3\n", "unknown config key \"mail.imap\""),
    ];
    for (text, expected) in cases {
        let err = format!("{:#}", parse(text).unwrap_err());
        assert!(err.contains(expected), "{text:?}: {err}");
    }
}

#[test]
fn a_three_part_key_is_set_and_removed_with_its_empty_sections() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    update(&path, "mail.imap.host", Some(&["imap.example.org".to_owned()])).unwrap();
    update(&path, "mail.me", Some(&["me@example.org".to_owned()])).unwrap();
    assert_eq!(
        get(&path, "mail.imap.host").unwrap().as_deref(),
        Some("imap.example.org")
    );
    assert_eq!(get(&path, "mail.imap.port").unwrap().as_deref(), Some("993"));
    update(&path, "mail.imap.host", None).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("imap"), "{text}");
    assert!(text.contains("me@example.org"), "{text}");
    update(&path, "mail.me", None).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap().trim(), "");
}

proptest! {
    #[test]
    fn any_file_is_a_config_or_an_error(text in "\\PC{0,200}") {
        if let Ok(table) = text.parse::<Table>() {
            let _ = Config::from_table(&table);
        }
    }

    #[test]
    fn any_value_is_checked_without_panic(key in 0..KEYS.len(), value in "\\PC{0,40}") {
        let _ = (KEYS[key].check)(&value);
    }
}
