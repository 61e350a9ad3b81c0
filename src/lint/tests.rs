//! The checker on a table of good and bad sentences.

use super::*;

/// Sentences a gracious follow-up may say: none is flagged.
const GOOD: &[&str] = &[
    "Thank you for considering me for the Backend Engineer role at Acme.",
    "I would be grateful for any thoughts on what could make a future application stronger.",
    "Although I was disappointed by the news, I remain very interested in your team.",
    "Is there any update on the timeline you could share?",
    "I would appreciate it if you kept me in mind for future openings.",
    "Thank you for taking the time to meet with me, and please pass my thanks to Dana Rivera.",
    "I enjoyed our interviews, and any impressions you could share would help me.",
    "I wondered whether there is anything I could do to prepare better next time.",
    "Why not stay in touch? I would like that.",
    "I know you are busy, so any feedback is welcome.",
    "My experience of the process was a pleasant one.",
    "I am still very interested in the position.",
    "Please give my regards to the team.",
];

/// Sentences that do one of the five things to avoid, with the rule each breaks.
const BAD: &[(&str, &str)] = &[
    ("Could you tell me why I was not selected?", "asks-why"),
    ("Why wasn't I chosen for the role?", "asks-why"),
    ("I would like to know the reason I was rejected.", "asks-why"),
    ("Was something missing from my resume?", "asks-what-was-missing"),
    (
        "Please let me know what was missing from my CV.",
        "asks-what-was-missing",
    ),
    ("What was lacking in my application?", "asks-what-was-missing"),
    ("I hope you will reconsider my application.", "claims-qualified"),
    ("Could you take another look at my application?", "claims-qualified"),
    ("I believe I am a perfect fit for this role.", "claims-qualified"),
    ("I am confident I am qualified for the job.", "claims-qualified"),
    ("I’m qualified for this position in every way.", "claims-qualified"),
    ("With my 8 years of experience in Rust, I can help.", "restates-skills"),
    ("I have 12 years of experience building APIs.", "restates-skills"),
    ("My background in distributed systems is strong.", "restates-skills"),
    ("I was devastated by the news.", "dismay"),
    ("This decision feels unfair.", "dismay"),
    ("I don't understand why I was turned down.", "dismay"),
    ("I do not understand why the role went elsewhere.", "dismay"),
    ("I was shocked and upset.", "dismay"),
];

#[test]
fn good_sentences_pass() {
    let checker = Checker::built_in();
    for sentence in GOOD {
        assert_eq!(checker.check(sentence, Some(150)), [], "{sentence}");
    }
}

#[test]
fn bad_sentences_are_found_with_their_rule() {
    let checker = Checker::built_in();
    for (sentence, rule) in BAD {
        let found = checker.check(sentence, None);
        assert!(
            found.iter().any(|f| f.rule == *rule),
            "{sentence}: expected {rule}, found {found:?}"
        );
        assert!(found.iter().all(|f| !f.suggestion.is_empty()));
    }
}

#[test]
fn findings_say_where_and_what() {
    let text = "Dear Ms. Rivera,\n\nCould you  take\nanother look? I was devastated.\n";
    let found = Checker::built_in().check(text, None);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].line, found[0].column), (3, 12));
    assert_eq!(found[0].words, "take\nanother look");
    assert_eq!(found[0].rule, "claims-qualified");
    assert_eq!(
        (found[1].line, found[1].column, found[1].words.as_str()),
        (4, 21, "devastated")
    );
    // Punctuation between the words breaks a phrase.
    assert_eq!(Checker::built_in().check("Take another. Look here.", None), []);
}

#[test]
fn length_and_leftovers() {
    let long = "word ".repeat(151);
    let found = Checker::built_in().check(&long, Some(150));
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].rule.as_str(), found[0].column), (TOO_LONG, 751));
    assert_eq!(Checker::built_in().check(&long, Some(151)), []);
    let text = "Dear [Hiring Manager],\nI applied at {{ company }} for ____.\n";
    let found = Checker::built_in().check(text, None);
    let words: Vec<&str> = found.iter().map(|f| f.words.as_str()).collect();
    assert_eq!(words, ["[Hiring Manager]", "{{ company }}", "____"]);
    assert!(found.iter().all(|f| f.rule == LEFTOVER));
    assert_eq!(Checker::built_in().check("See [1] and [note: x].", None), []);
}

#[test]
fn the_user_file_extends_and_adds_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lint-phrases.toml");
    std::fs::write(
        &path,
        "[[rule]]\nid = \"dismay\"\nphrases = [\"gutted\"]\n\n[[rule]]\nid = \"salary\"\ntitle = \"talks money\"\nsuggestion = \"not now\"\nphrases = [\"my salary\"]\n",
    )
    .unwrap();
    let checker = Checker::with_user_file(&path).unwrap();
    let rules: Vec<String> = checker
        .check("I was gutted about my salary.", None)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert_eq!(rules, ["dismay", "salary"]);
    std::fs::write(&path, "[[rule]]\nid = \"new\"\nphrases = [\"x\"]\n").unwrap();
    let err = format!("{:#}", Checker::with_user_file(&path).unwrap_err());
    assert!(err.contains("needs a title and a suggestion"), "{err}");
    assert!(Checker::with_user_file(&dir.path().join("none.toml")).is_ok());
}
