//! The README's tour is what tracker prints: every `$ tracker ...` line of its first two console blocks runs
//! through the real binary, and its output must match the lines under it (up to a line `...`, which stands
//! for the rest). The tour runs on 2026-11-27 at 09:14:03 UTC; the follow-up block two days later.

mod common;

use common::Env;

/// The console blocks after `heading`, as (command, expected output) pairs.
fn block_after(readme: &str, heading: &str) -> Vec<(String, Vec<String>)> {
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README has no {heading:?}"));
    let rest = &readme[start..];
    let open = rest.find("```console\n").expect("a console block") + "```console\n".len();
    let close = open + rest[open..].find("```").expect("the block ends");
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    for line in rest[open..close].lines() {
        match line.strip_prefix("$ ") {
            Some(command) => steps.push((command.to_owned(), Vec::new())),
            None => steps
                .last_mut()
                .expect("output after a command")
                .1
                .push(line.to_owned()),
        }
    }
    steps
}

/// Splits a command line as a shell would for these simple cases: words, double quotes, a `#` comment.
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let (mut word, mut quoted, mut any) = (String::new(), false, false);
    for c in command.chars() {
        match c {
            '"' => (quoted, any) = (!quoted, true),
            '#' if !quoted && !any => break,
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

fn run_block(env: &Env, steps: &[(String, Vec<String>)]) {
    for (command, expected) in steps {
        let words = words(command);
        assert_eq!(words[0], "tracker", "{command}");
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let out = env.ok(&args);
        let got: Vec<&str> = out.lines().map(str::trim_end).collect();
        let shown = expected.iter().position(|l| l == "...").unwrap_or(expected.len());
        let want: Vec<&str> = expected[..shown].iter().map(|l| l.trim_end()).collect();
        if shown == expected.len() {
            assert_eq!(got, want, "README: $ {command}");
        } else {
            assert!(got.len() >= shown, "README: $ {command}: {out}");
            assert_eq!(got[..shown], want[..], "README: $ {command}");
        }
    }
}

#[test]
fn the_readme_tour_is_what_tracker_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut env = Env::new();
    env.at("2026-11-27T09:14:03Z");
    run_block(&env, &block_after(&readme, "## A five-minute tour"));
    env.at("2026-11-29T10:00:00Z");
    let followups = block_after(&readme, "## Following up on rejections");
    assert!(followups.iter().any(|(c, _)| c == "tracker due"), "the block shows due");
    run_block(&env, &followups);
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        words(r#"tracker add Acme "Backend Engineer" --on "3 days ago"   # a comment"#),
        ["tracker", "add", "Acme", "Backend Engineer", "--on", "3 days ago"]
    );
}
