//! What makes a filled-in draft read as if a careful person wrote it: no "Inc..", no "Dear Dear", no
//! "role role", names joined as a person would.

use super::Vars;

/// `position | role`: "the Backend Engineer role", but "the Lead Designer Role" stays one role.
pub fn role(position: String) -> String {
    let last = position.split_whitespace().last().unwrap_or("");
    if last
        .trim_matches(|c: char| !c.is_alphanumeric())
        .eq_ignore_ascii_case("role")
    {
        position
    } else {
        format!("{position} role")
    }
}

/// A salutation as it follows "Dear ": without a "Dear" of its own and without trailing commas or colons.
pub fn greeting(raw: &str) -> String {
    let mut text = raw.trim();
    while let Some((first, rest)) = text.split_once(char::is_whitespace) {
        if !first.trim_end_matches(',').eq_ignore_ascii_case("dear") {
            break;
        }
        text = rest.trim_start();
    }
    text.trim_end_matches(|c: char| matches!(c, ',' | ';' | ':' | '!') || c.is_whitespace())
        .to_owned()
}

/// "Ann", "Ann and Bo", "Ann, Bo and Cy": each name once, in order.
pub fn join_names(names: &[String]) -> String {
    let mut unique: Vec<&str> = Vec::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if !unique.iter().any(|u| u.eq_ignore_ascii_case(name)) {
            unique.push(name);
        }
    }
    match unique.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A sentence the user wrote, ending with a full stop when it has no end of its own.
pub fn sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() || text.ends_with(['.', '!', '?']) {
        text
    } else {
        format!("{text}.")
    }
}

fn same_word(a: &str, b: &str) -> bool {
    !a.is_empty() && a.to_lowercase() == b.to_lowercase()
}

/// Mends the seams between the template's text and the values put into it: punctuation doubled by a value
/// that ends with its own ("Initech Inc..", "Yahoo!."), and a word doubled across the seam ("Dear Dear",
/// "role role").
pub fn tidy(text: &str, vars: &Vars) -> String {
    let mut text = text.to_owned();
    let values = [
        &vars.company,
        &vars.position,
        &vars.greeting,
        &vars.contact,
        &vars.interviewers,
        &vars.sender,
        &vars.detail,
    ];
    for value in values.into_iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        text = mend(&text, value);
    }
    text
}

fn mend(text: &str, value: &str) -> String {
    let last_word = value.rsplit(char::is_whitespace).next().unwrap_or("");
    let last_word = last_word.trim_matches(|c: char| !c.is_alphanumeric());
    let first_word = value.split(char::is_whitespace).next().unwrap_or("");
    let first_word = first_word.trim_matches(|c: char| !c.is_alphanumeric());
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (at, _) in text.match_indices(value) {
        let end = at + value.len();
        let after = &text[end..];
        // Punctuation the value already ends with.
        let ends = value.chars().last().unwrap_or(' ');
        let next = after.chars().next().unwrap_or(' ');
        if (matches!(ends, '.' | '!' | '?') && next == '.')
            || (matches!(ends, ',' | ';' | ':') && matches!(next, '.' | ',' | ';' | ':'))
        {
            cuts.push((end, end + next.len_utf8()));
        }
        // "... Designer Role" followed by " role".
        if ends.is_alphanumeric() {
            let gap = after.len() - after.trim_start_matches(' ').len();
            let word: String = after[gap..].chars().take_while(|c| c.is_alphanumeric()).collect();
            if gap > 0 && same_word(&word, last_word) {
                cuts.push((end, end + gap + word.len()));
            }
        }
        // "Dear " followed by "Dear Ms. Rivera".
        let before = &text[..at];
        let trimmed = before.trim_end_matches(' ');
        let word_start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        if trimmed.len() < before.len() && same_word(&trimmed[word_start..], first_word) {
            cuts.push((word_start, at));
        }
    }
    let mut out = text.to_owned();
    cuts.sort_unstable();
    cuts.dedup();
    for (start, end) in cuts.into_iter().rev() {
        out.replace_range(start..end, "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_greetings_names_and_sentences() {
        assert_eq!(role("Backend Engineer".into()), "Backend Engineer role");
        assert_eq!(role("Lead Designer Role".into()), "Lead Designer Role");
        assert_eq!(greeting("Dear Ms. Rivera,"), "Ms. Rivera");
        assert_eq!(greeting("dear, Dr. Chen:"), "Dr. Chen");
        assert_eq!(greeting("Mr. Smith Jr."), "Mr. Smith Jr.");
        assert_eq!(
            join_names(&["Ann".into(), "Bo".into(), "ann".into(), "Cy".into()]),
            "Ann, Bo and Cy"
        );
        assert_eq!(join_names(&["Ann".into(), "Bo".into()]), "Ann and Bo");
        assert_eq!(sentence("  I liked  the demo "), "I liked the demo.");
        assert_eq!(sentence("Was it fun?"), "Was it fun?");
    }

    #[test]
    fn seams_are_mended() {
        assert_eq!(
            mend("the role at Initech Inc.. Thanks", "Initech Inc."),
            "the role at Initech Inc. Thanks"
        );
        assert_eq!(mend("at Yahoo!.", "Yahoo!"), "at Yahoo!");
        assert_eq!(
            mend("the Lead Designer role role at", "Lead Designer role"),
            "the Lead Designer role at"
        );
        assert_eq!(mend("Dear Dear Ms. Rivera,", "Dear Ms. Rivera"), "Dear Ms. Rivera,");
        assert_eq!(mend("in Acme and Acme's team", "Acme"), "in Acme and Acme's team");
    }
}
