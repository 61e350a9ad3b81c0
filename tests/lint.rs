//! `tracker lint` and the checker's warnings through the real binary.

mod common;

use common::Env;

#[test]
fn a_clean_email_passes_silently() {
    let env = Env::new();
    let text = "Dear Ms. Rivera,\n\nThank you for considering me. I would be grateful for any thoughts on what could make a future application stronger.\n\nBest regards,\nSam\n";
    assert_eq!(env.run(&["lint"]).stdin(text).ok(), "");
    assert_eq!(env.run(&["lint", "-", "--json"]).stdin(text).ok(), "[]\n");
}

#[test]
fn findings_name_line_column_rule_and_a_gentler_phrasing() {
    let env = Env::new();
    let path = env.path("email.txt");
    std::fs::write(
        &path,
        "Dear [Hiring Manager],\n\nI was devastated. Why was I not selected?\nWith my 8 years of experience in Rust, please reconsider.\n",
    )
    .unwrap();
    let file = path.display().to_string();
    let out = env.run(&["lint", &file]).output();
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        format!("tracker: 5 things to change in {file} (see the suggestions above)\n")
    );
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            format!(
                "{file}:1:6: leftover: \"[Hiring Manager]\" (a placeholder left in the text); try: fill it in or remove it"
            ),
            format!(
                "{file}:3:7: dismay: \"devastated\" (expresses dismay or grievance); try: keep it gracious: thank them and say you remain interested"
            ),
            format!(
                "{file}:3:19: asks-why: \"Why was I not\" (asks directly why you were not hired); try: ask what could make a future application stronger"
            ),
            format!(
                "{file}:4:6: restates-skills: \"my 8 years of experience in\" (details your skills and experience again); try: leave your qualifications to the application: keep the note about them, not you"
            ),
            format!(
                "{file}:4:47: claims-qualified: \"reconsider\" (claims to be qualified or asks them to review the application again); try: say you remain interested and would welcome future openings"
            ),
        ]
    );
    let json = env.run(&["lint", &file, "--json"]).output();
    assert_eq!(json.code, 1);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(findings[1]["rule"], "dismay");
    assert_eq!(
        (findings[1]["line"].as_i64(), findings[1]["column"].as_i64()),
        (Some(3), Some(7))
    );
    let long = "word ".repeat(151);
    let out = env.run(&["lint"]).stdin(long.clone()).output();
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.starts_with("-:1:751: too-long: (151 words, more than 150)"),
        "{}",
        out.stdout
    );
    assert_eq!(env.run(&["lint", "--words", "200"]).stdin(long).ok(), "");
}

#[test]
fn the_users_phrases_extend_the_checker() {
    let env = Env::new();
    std::fs::create_dir_all(env.config.parent().unwrap()).unwrap();
    std::fs::write(
        env.config.parent().unwrap().join("lint-phrases.toml"),
        "[[rule]]\nid = \"dismay\"\nphrases = [\"gutted\"]\n",
    )
    .unwrap();
    let out = env.run(&["lint"]).stdin("I was gutted.").output();
    assert_eq!(out.code, 1);
    assert!(out.stdout.starts_with("-:1:7: dismay: \"gutted\""), "{}", out.stdout);
}

#[test]
fn bad_input_is_one_line() {
    let env = Env::new();
    let missing = env.path("nope.txt").display().to_string();
    let err = env.fails(1, &["lint", &missing]);
    assert!(err.starts_with(&format!("tracker: cannot read {missing}: ")), "{err}");
    std::fs::write(env.path("bin"), [0xff, 0xfe, 0x00]).unwrap();
    let bin = env.path("bin").display().to_string();
    assert_eq!(
        env.fails(1, &["lint", &bin]),
        format!("tracker: {bin} is not UTF-8 text (save it as UTF-8)")
    );
}

#[test]
fn custom_templates_and_details_are_checked_when_drafted() {
    let env = Env::new();
    env.set_user();
    env.add("Acme", "Engineer", &["--on", "2026-11-01"]);
    env.ok(&["reject", "1", "--on", "2026-11-20"]);
    let out = env
        .run(&["followup", "1", "--detail", "I am confident I am qualified for it"])
        .output();
    assert_eq!(out.code, 0, "a warning, not an error");
    assert!(
        out.stdout.contains(" I am confident I am qualified for it.\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr
            .starts_with("tracker: warning: the draft has 1 thing(s) a follow-up should not say:\ndraft:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("claims-qualified: \"I am confident I am qualified\""),
        "{}",
        out.stderr
    );
    let dir = env.config.parent().unwrap().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("network.txt"), "Dear {{ greeting }}, please reconsider.\n").unwrap();
    let out = env.run(&["followup", "1", "--kind", "network"]).output();
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("claims-qualified: \"reconsider\""),
        "{}",
        out.stderr
    );
    let listed = env.ok(&["templates", "list"]);
    assert!(
        listed.contains(&format!(
            "network   {}  CHECK: claims-qualified \"reconsider\" (see: tracker lint)\n",
            dir.join("network.txt").display()
        )),
        "{listed}"
    );
    std::fs::write(dir.join("thanks.txt"), "Dear {{ greeting | shout }}\n").unwrap();
    let out = env.run(&["templates", "list"]).output();
    assert_eq!(
        out.code, 1,
        "an unknown filter fails only at render time: the trial render finds it"
    );
    assert!(
        out.stdout.contains("thanks    ") && out.stdout.contains("BROKEN"),
        "{}",
        out.stdout
    );
}

#[test]
fn an_edited_draft_is_checked_printed_and_kept_until_sent() {
    let env = Env::new();
    env.set_user();
    env.add(
        "Acme",
        "Engineer",
        &["--on", "2026-11-01", "--email", "dana@acme.example"],
    );
    env.ok(&["reject", "1", "--on", "2026-11-20"]);
    let editor = env.path("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'Subject: Thanks, Acme\\n\\nHi Dana,\\n\\nThank you. I was devastated.\\n' > \"$1\"\n",
    )
    .unwrap();
    std::os::unix::fs::PermissionsExt::set_mode(&mut std::fs::metadata(&editor).unwrap().permissions(), 0o700);
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let editor = editor.display().to_string();
    let out = env.run(&["followup", "1", "--edit"]).env("VISUAL", &editor).output();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "To: <dana@acme.example>\nSubject: Thanks, Acme\n\nHi Dana,\n\nThank you. I was devastated.\n"
    );
    assert!(out.stderr.contains("dismay: \"devastated\""), "{}", out.stderr);
    let eml = env.run(&["followup", "1", "--format", "eml"]).output();
    assert_eq!(eml.code, 0);
    assert!(
        eml.stdout.contains("Subject: Thanks, Acme") && eml.stdout.contains("I was devastated."),
        "{}",
        eml.stdout
    );
    assert_eq!(
        eml.stderr,
        "tracker: this is the draft you edited (change it with: tracker followup 1 --edit)\n"
    );
    env.ok(&["followup", "1", "--sent"]);
    let without = env
        .run(&["followup", "1", "--edit"])
        .without("VISUAL")
        .without("EDITOR")
        .output();
    assert_eq!(without.code, 1);
    assert_eq!(
        without.stderr,
        "tracker: set VISUAL or EDITOR to edit draft (or leave out --edit and copy the printed draft)\n"
    );
}
