//! `tracker lint`: check an email for the things a follow-up should never say.

use std::io::Read;

use anyhow::{Context, Result};

use crate::cli::Lint;
use crate::lint::{Checker, Finding};
use crate::output::{inert, json, print, shown_path};
use crate::{Failure, Paths};

/// The exit code when the text has findings (documented in the README).
pub const FINDINGS: u8 = 1;

pub fn run(paths: &Paths, args: &Lint) -> Result<()> {
    let checker = Checker::with_user_file(&paths.lint_phrases())?;
    let (name, text) = if args.file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin()
            .take(crate::template::MAX_OUTPUT_BYTES as u64)
            .read_to_string(&mut text)
            .context("cannot read the email from standard input (is it UTF-8 text?)")?;
        ("-".to_owned(), text)
    } else {
        let text = std::fs::read(&args.file).with_context(|| format!("cannot read {}", shown_path(&args.file)))?;
        let text = String::from_utf8(text)
            .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text (save it as UTF-8)", shown_path(&args.file)))?;
        (shown_path(&args.file), text)
    };
    let findings = checker.check(&text, Some(args.words));
    if args.json.json {
        print(&json(&findings))?;
    } else if !findings.is_empty() {
        print(&render(&name, &findings))?;
    }
    if findings.is_empty() {
        return Ok(());
    }
    let count = findings.len();
    Err(Failure {
        code: FINDINGS,
        message: format!(
            "{count} thing{} to change in {name} (see the suggestions above)",
            if count == 1 { "" } else { "s" }
        ),
    }
    .into())
}

/// `NAME:LINE:COLUMN: rule: "words" — title; try: suggestion`, one line each.
pub fn render(name: &str, findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            let words = if f.words.is_empty() {
                String::new()
            } else {
                format!(
                    " \"{}\"",
                    inert(&f.words.split_whitespace().collect::<Vec<_>>().join(" "))
                )
            };
            format!(
                "{}:{}:{}: {}:{words} ({}); try: {}",
                inert(name),
                f.line,
                f.column,
                f.rule,
                f.title,
                f.suggestion
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}
