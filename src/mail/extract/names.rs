//! Company and position names in free text, and the normal form company names are compared in.

use crate::mail::fold::{Umlauts, fold};

/// Legal forms dropped from the end of a company name (compared after folding, dots removed).
const LEGAL: [&str; 38] = [
    "eg",
    "inc",
    "incorporated",
    "llc",
    "llp",
    "lp",
    "ltd",
    "limited",
    "plc",
    "gmbh",
    "mbh",
    "ag",
    "se",
    "kg",
    "kgaa",
    "ohg",
    "gbr",
    "ug",
    "ev",
    "co",
    "corp",
    "corporation",
    "company",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "oy",
    "ab",
    "as",
    "asa",
    "aps",
    "pty",
    "pvt",
    "haftungsbeschrankt",
];

/// Team words dropped from the end of a company name.
const TEAM: [&str; 17] = [
    "careers",
    "career",
    "jobs",
    "talent",
    "recruiting",
    "recruitment",
    "team",
    "hr",
    "hiring",
    "people",
    "karriere",
    "acquisition",
    "personal",
    "human",
    "resources",
    "personalwesen",
    "personalabteilung",
];

/// Greetings that end a name run ("Nordwind GmbH Guten Tag" in text made from HTML).
const GREETINGS: [&str; 12] = [
    "dear", "hello", "hi", "hey", "hallo", "guten", "liebe", "lieber", "sehr", "moin", "servus", "bonjour",
];

/// First words that do not start a company name after "at", "bei", "join" and the like.
const NOT_NAMES: [&str; 48] = [
    "the",
    "this",
    "that",
    "these",
    "our",
    "your",
    "we",
    "i",
    "you",
    "it",
    "a",
    "an",
    "all",
    "any",
    "some",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "zoom",
    "google",
    "microsoft",
    "teams",
    "uhr",
    "ihnen",
    "ihre",
    "sie",
    "du",
    "dir",
    "dich",
    "uns",
    "mr",
    "ms",
    "mrs",
    "frau",
    "herr",
    "dr",
    "least",
    "once",
    "noon",
];

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The form company names are compared in: lower case, accents and punctuation removed, legal forms ("Inc.",
/// "GmbH", "S.A.") and team words ("Careers", "Recruiting") dropped from the end.
pub fn normalise_company(name: &str) -> String {
    let folded = fold(name, Umlauts::Dropped).replace(['.', '\'', '’'], "");
    let cleaned: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    while words.len() > 1 && words.first() == Some(&"the") {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| LEGAL.contains(w) || TEAM.contains(w)) {
        words.pop();
    }
    words.join(" ")
}

/// A company name without spaces, for comparing with a domain label.
pub(super) fn squash(name: &str) -> String {
    normalise_company(name).replace(' ', "")
}

/// Whether a word is a legal form ("GmbH", "Inc.", "S.A.").
pub(super) fn is_legal_suffix(word: &str) -> bool {
    let w = fold(word, Umlauts::Dropped).replace('.', "");
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    LEGAL.contains(&w)
}

/// Words companies often end their name with, written together in a domain ("oakhavenmedia").
const NAME_ENDS: [&str; 26] = [
    "media",
    "labs",
    "health",
    "energy",
    "systems",
    "software",
    "games",
    "analytics",
    "logistics",
    "bank",
    "group",
    "digital",
    "solutions",
    "consulting",
    "studios",
    "industries",
    "robotics",
    "capital",
    "partners",
    "ventures",
    "networks",
    "security",
    "mobility",
    "insurance",
    "finance",
    "technologies",
];

/// A domain label as a name: "acme" → "Acme", "oakhavenmedia" → "Oakhaven Media".
pub(super) fn pretty_domain(label: &str) -> String {
    let capital = |s: &str| {
        let mut chars = s.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default()
    };
    for end in NAME_ENDS {
        if let Some(head) = label.strip_suffix(end)
            && head.len() >= 4
        {
            return format!("{} {}", capital(head), capital(end));
        }
    }
    capital(label)
}

/// Companies named after "your application to", "at", "bei (der)", "join", "| " in a sentence.
pub(super) fn company_after(sentence: &str) -> Vec<String> {
    const MARKERS: [&str; 14] = [
        "application to ",
        "applying to ",
        "applied to ",
        " at ",
        "join ",
        "joining ",
        "bei der ",
        "bei ",
        "welcome to ",
        "| ",
        "careers at ",
        "interest in joining ",
        "sent to ",
        "update from ",
    ];
    let lower = sentence.to_ascii_lowercase();
    let mut found = Vec::new();
    for marker in MARKERS {
        let mut from = 0;
        while let Some(i) = lower[from..].find(marker) {
            let start = from + i + marker.len();
            from = start;
            if let Some(name) = capitalised_run(&sentence[start..]) {
                found.push(name);
            }
        }
    }
    found
}

/// The run of capitalised words (and legal forms, `&`) at the start of `text`, without team words at its end.
pub(super) fn capitalised_run(text: &str) -> Option<String> {
    let mut kept: Vec<&str> = Vec::new();
    for raw in text.split_whitespace().take(6) {
        let word = raw.trim_end_matches([',', '.', '!', '?', ';', ':', ')', '"', '\'', '’']);
        let word = word.trim_start_matches(['"', '\'', '‘', '(']);
        let legal = is_legal_suffix(raw);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let lower = word.to_lowercase();
        if kept.is_empty() && (NOT_NAMES.contains(&lower.as_str()) || MONTHS.contains(&lower.as_str()) || !capital) {
            return None;
        }
        if !(capital || legal || word == "&") || word.is_empty() || GREETINGS.contains(&lower.as_str()) {
            break;
        }
        kept.push(if legal { legal_form(raw) } else { word });
        let ends = raw.ends_with([',', '!', '?', ';', ':']) || (raw.ends_with('.') && !legal);
        if ends {
            break;
        }
    }
    while kept.len() > 1 && TEAM.contains(&normalise_company(kept[kept.len() - 1]).as_str()) {
        kept.pop();
    }
    let name = kept.join(" ");
    (!name.is_empty() && name.chars().count() <= 60).then_some(name)
}

/// A legal form as written, without the sentence's punctuation: "Inc." and "S.A." keep their dot, "GmbH." does
/// not.
fn legal_form(raw: &str) -> &str {
    let word = raw.trim_end_matches([',', ';', ':', '!', '?', ')']);
    let bare = word.trim_end_matches('.');
    let abbreviated = bare.contains('.') || matches!(bare.to_lowercase().as_str(), "inc" | "corp" | "co" | "ltd");
    if abbreviated { word } else { bare }
}

/// Where a position name ends.
const ENDS: [&str; 26] = [
    " at ", " bei ", " with ", " has ", " is ", " was ", " and ", " und ", " in ", " im ", " ist ", " wurde ", " to ",
    " for ", " on ", ". ", ", ", "; ", "! ", "? ", " - ", " – ", " — ", " | ", " team", " (jr",
];

/// The position named in a sentence: "for the Backend Engineer position", "Application for Senior Data
/// Engineer", "Bewerbung als Softwareentwicklerin".
pub(super) fn position_in(sentence: &str) -> Option<String> {
    let lower = sentence.to_lowercase();
    if lower.len() != sentence.len() {
        return None; // byte offsets must agree; such sentences are rare enough to skip
    }
    const BEFORE_NOUN: [&str; 5] = [" position", " role", " opening", " vacancy", " stelle"];
    for marker in ["for the position of ", "for the role of ", "position of "] {
        if let Some(name) = lower.find(marker).and_then(|i| cut(&sentence[i + marker.len()..], &[])) {
            return Some(name);
        }
    }
    for marker in [
        "application for the ",
        "applying for the ",
        "applied for the ",
        "for the ",
        "interest in the ",
    ] {
        if let Some(i) = lower.find(marker) {
            let rest = &sentence[i + marker.len()..];
            let rest_lower = &lower[i + marker.len()..];
            let end = BEFORE_NOUN.iter().filter_map(|n| rest_lower.find(n)).min();
            if let Some(end) = end
                && let Some(name) = cut(&rest[..end], &[])
            {
                return Some(name);
            }
        }
    }
    const MARKERS: [&str; 14] = [
        "application for ",
        "applying for ",
        "applied for ",
        "application: ",
        "bewerbung als ",
        "bewerbung für die position ",
        "bewerbung für die stelle ",
        "bewerbung auf die stelle ",
        "bewerbung auf die position ",
        "position als ",
        "stelle als ",
        "position: ",
        "role: ",
        "stelle: ",
    ];
    for marker in MARKERS.iter().chain(&["als "]) {
        if let Some(i) = lower.find(marker) {
            let at_word = i == 0 || !lower.as_bytes()[i - 1].is_ascii_alphanumeric();
            if let Some(name) = at_word.then(|| cut(&sentence[i + marker.len()..], &ENDS)).flatten() {
                return Some(name);
            }
        }
    }
    None
}

/// The position after the last dash of a subject: "We received your application – Site Reliability Engineer".
pub(super) fn position_after_dash(subject: &str) -> Option<String> {
    let i = [" – ", " - ", " — ", ": "]
        .iter()
        .filter_map(|s| subject.rfind(s).map(|i| i + s.len()))
        .max()?;
    let lower = subject[..i].to_lowercase();
    let about_a_job = [
        "application",
        "bewerbung",
        "interview",
        "applying",
        "candidacy",
        "role",
        "position",
    ]
    .iter()
    .any(|w| lower.contains(w));
    about_a_job.then(|| cut(&subject[i..], &ENDS)).flatten()
}

/// A position name at the start of `text`, up to the first of `ends`; `None` unless it looks like one.
fn cut(text: &str, ends: &[&str]) -> Option<String> {
    let lower = text.to_lowercase();
    let end = if lower.len() == text.len() {
        ends.iter().filter_map(|e| lower.find(e)).min().unwrap_or(text.len())
    } else {
        text.len()
    };
    let mut name = text[..end]
        .trim()
        .trim_end_matches(['.', ',', '!', '?', ';', ':', '"'])
        .trim();
    name = name
        .trim_start_matches(['"', '\'', '“', '„'])
        .trim_end_matches(['"', '”', '“']);
    // a requisition number in parentheses is no part of the name; (m/w/d) is
    if let Some(open) = name.rfind(" (")
        && name.ends_with(')')
        && name[open..].chars().any(|c| c.is_ascii_digit())
    {
        name = name[..open].trim();
    }
    let first = name.chars().next()?;
    let words = name.split_whitespace().count();
    (first.is_uppercase() && words <= 8 && name.chars().count() <= 100).then(|| name.to_owned())
}
