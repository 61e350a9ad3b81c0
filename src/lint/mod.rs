//! The checker of follow-up emails: the five things to avoid (phrases in `phrases.toml`, extendable by the
//! user), a word limit, and template leftovers. Pure: text in, findings out.

use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

const BUILT_IN: &str = include_str!("phrases.toml");

/// What a finding is about: one of the phrase rules, or these two.
pub const TOO_LONG: &str = "too-long";
pub const LEFTOVER: &str = "leftover";

/// One problem in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
    /// The rule's id: asks-why, asks-what-was-missing, claims-qualified, restates-skills, dismay, too-long,
    /// leftover.
    pub rule: String,
    /// What the rule means.
    pub title: String,
    /// The words found, as written.
    pub words: String,
    /// A gentler way to say it.
    pub suggestion: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleIn {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    suggestion: Option<String>,
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileIn {
    #[serde(default)]
    rule: Vec<RuleIn>,
}

#[derive(Debug, Clone)]
struct Rule {
    id: String,
    title: String,
    suggestion: String,
    /// Each phrase as its words (lower case; `#` for a number).
    phrases: Vec<Vec<String>>,
}

/// The phrase rules the checker applies.
#[derive(Debug, Clone)]
pub struct Checker {
    rules: Vec<Rule>,
}

fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .flat_map(|piece| {
            if piece == "#" {
                vec!["#".to_owned()]
            } else {
                tokens(piece).into_iter().map(|t| t.text).collect()
            }
        })
        .collect()
}

impl Checker {
    /// The built-in rules.
    pub fn built_in() -> Checker {
        let mut checker = Checker { rules: Vec::new() };
        checker.add(BUILT_IN).expect("the built-in phrases are valid");
        checker
    }

    /// The built-in rules and the user's `lint-phrases.toml` at `path`, when it exists.
    pub fn with_user_file(path: &Path) -> Result<Checker> {
        let mut checker = Checker::built_in();
        match std::fs::read_to_string(path) {
            Ok(text) => checker
                .add(&text)
                .with_context(|| format!("in {} (fix it or remove it)", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
        Ok(checker)
    }

    fn add(&mut self, text: &str) -> Result<()> {
        let file: FileIn = toml::from_str(text).map_err(|e| anyhow::anyhow!("{}", e.message()))?;
        for rule in file.rule {
            let phrases: Vec<Vec<String>> = rule.phrases.iter().map(|p| phrase_words(p)).collect();
            if let Some(empty) = rule.phrases.iter().zip(&phrases).find(|(_, words)| words.is_empty()) {
                bail!("rule {:?}: phrase {:?} has no words", rule.id, empty.0);
            }
            match self.rules.iter_mut().find(|r| r.id == rule.id) {
                Some(known) => known.phrases.extend(phrases),
                None => {
                    let (Some(title), Some(suggestion)) = (rule.title, rule.suggestion) else {
                        bail!("rule {:?} is new, so it needs a title and a suggestion", rule.id);
                    };
                    self.rules.push(Rule {
                        id: rule.id,
                        title,
                        suggestion,
                        phrases,
                    });
                }
            }
        }
        Ok(())
    }

    /// Every finding in `text`, in reading order. `word_limit` adds a finding past that many words.
    pub fn check(&self, text: &str, word_limit: Option<usize>) -> Vec<Finding> {
        let words = tokens(text);
        let mut found = Vec::new();
        for rule in &self.rules {
            // A rule reports the longest phrase found at a place, and nothing again inside it.
            let mut free = 0;
            for start in 0..words.len() {
                let hit = rule
                    .phrases
                    .iter()
                    .filter(|p| matches_at(&words, start, p))
                    .max_by_key(|p| p.len());
                if let Some(phrase) = hit.filter(|_| start >= free) {
                    free = start + phrase.len();
                    let end = &words[start + phrase.len() - 1];
                    let first = &words[start];
                    found.push(Finding {
                        line: first.line,
                        column: first.column,
                        rule: rule.id.clone(),
                        title: rule.title.clone(),
                        words: text[first.start..end.end].to_owned(),
                        suggestion: rule.suggestion.clone(),
                    });
                }
            }
        }
        found.extend(leftovers(text));
        let count = text.split_whitespace().count();
        if let Some(limit) = word_limit.filter(|limit| count > *limit) {
            let (line, column) = position(text, nth_word_start(text, limit));
            found.push(Finding {
                line,
                column,
                rule: TOO_LONG.into(),
                title: format!("{count} words, more than {limit}"),
                words: String::new(),
                suggestion: "cut it to a few short sentences: thanks, interest, one ask".into(),
            });
        }
        found.sort_by_key(|f| (f.line, f.column));
        found
    }
}

/// One word of a text, lower-cased, with where it is.
#[derive(Debug)]
struct Token {
    text: String,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    /// Only white space separates it from the word before.
    joined: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '\u{2019}'
}

fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let (mut line, mut column) = (1, 1);
    let mut current: Option<Token> = None;
    let mut gap_clean = false;
    for (index, c) in text.char_indices() {
        if is_word_char(c) {
            let token = current.get_or_insert_with(|| Token {
                text: String::new(),
                start: index,
                end: index,
                line,
                column,
                joined: gap_clean,
            });
            let c = if c == '\u{2019}' { '\'' } else { c };
            token.text.extend(c.to_lowercase());
            token.end = index + c.len_utf8();
        } else {
            if let Some(token) = current.take() {
                out.push(token);
                gap_clean = true;
            }
            gap_clean &= c.is_whitespace();
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    out.extend(current);
    // A trailing straight or curly apostrophe belongs to no word ("applicants'" stays "applicants").
    for token in &mut out {
        while token.text.ends_with('\'') && token.text.len() > 1 {
            token.text.pop();
        }
    }
    out
}

fn matches_at(words: &[Token], start: usize, phrase: &[String]) -> bool {
    if start + phrase.len() > words.len() {
        return false;
    }
    phrase.iter().enumerate().all(|(i, want)| {
        let word = &words[start + i];
        (i == 0 || word.joined)
            && if want == "#" {
                word.text.chars().all(|c| c.is_ascii_digit())
            } else {
                word.text == *want
            }
    })
}

/// Line and column of a byte offset.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn nth_word_start(text: &str, n: usize) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for (index, c) in text.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            if count == n {
                return index;
            }
            count += 1;
            in_word = true;
        }
    }
    0
}

/// Template markers, blanks to fill in and bracketed placeholders such as `[Company]`.
fn leftovers(text: &str) -> Vec<Finding> {
    let mut found = Vec::new();
    let mut push = |offset: usize, words: &str| {
        let (line, column) = position(text, offset);
        found.push(Finding {
            line,
            column,
            rule: LEFTOVER.into(),
            title: "a placeholder left in the text".into(),
            words: words.to_owned(),
            suggestion: "fill it in or remove it".into(),
        });
    };
    for (open, close) in [("{{", "}}"), ("{%", "%}")] {
        for (at, _) in text.match_indices(open) {
            let end = text[at..].find(close).map_or(text.len(), |e| at + e + close.len());
            let shown: String = text[at..end].chars().take(40).collect();
            push(at, &shown);
        }
    }
    let mut from = 0;
    while let Some(at) = text[from..].find("___").map(|i| from + i) {
        let end = text[at..].find(|c: char| c != '_').map_or(text.len(), |e| at + e);
        push(at, &text[at..end]);
        from = end;
    }
    for (at, _) in text.match_indices('[') {
        let rest = &text[at + 1..];
        let Some(close) = rest.find(']') else { continue };
        let inner = &rest[..close];
        let placeholder = inner.chars().next().is_some_and(char::is_uppercase)
            && inner.chars().count() <= 30
            && inner
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '\'' || c == '.');
        if placeholder {
            push(at, &text[at..at + close + 2]);
        }
    }
    found
}

#[cfg(test)]
mod tests;
