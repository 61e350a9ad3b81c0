//! What a job message is about: the company (display name, ATS tenant, subject or body, sender's domain), the
//! position and the job's URL; and [`normalise_company`], the form company names are compared in.

use super::fold::{Umlauts, fold, sentences};
use super::message::Parsed;
use super::recognise::Rules;

mod names;

pub use names::normalise_company;
use names::{company_after, is_legal_suffix, pretty_domain, squash};

/// What a message names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub company: Option<String>,
    pub position: Option<String>,
    pub url: Option<String>,
}

/// Mail providers anyone can have an address at: their domain says nothing about the sender's company.
const FREEMAIL: [&str; 18] = [
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "live.com",
    "yahoo.com",
    "icloud.com",
    "me.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "t-online.de",
    "posteo.de",
    "proton.me",
    "protonmail.com",
    "aol.com",
    "mail.com",
    "fastmail.com",
];

/// Whether `domain` is a mail provider anyone can have an address at.
pub fn is_public_domain(domain: &str) -> bool {
    FREEMAIL.contains(&domain)
}

/// Subdomain labels that are no company: mail hosts, ATS regions.
const GENERIC_LABELS: [&str; 22] = [
    "mail",
    "email",
    "e-mail",
    "mailer",
    "mg",
    "em",
    "hire",
    "jobs",
    "careers",
    "career",
    "apply",
    "app",
    "us",
    "eu",
    "www",
    "notifications",
    "notify",
    "news",
    "bounce",
    "send",
    "smtp",
    "recruiting",
];

/// Reads the company, position and job URL out of `m`.
pub fn extract(m: &Parsed, rules: &Rules) -> Extracted {
    let position = position(m);
    Extracted {
        company: company(m, rules, position.as_deref()),
        position,
        url: url(&m.text),
    }
}

fn company(m: &Parsed, rules: &Rules, position: Option<&str>) -> Option<String> {
    let from = m.from_address.as_deref().unwrap_or("");
    let (local, domain) = from.rsplit_once('@').unwrap_or(("", ""));
    let ats = rules.is_ats_domain(domain);
    let board = rules.is_job_board_domain(domain);
    let own_domain = (!ats && !board && !domain.is_empty() && !FREEMAIL.contains(&domain))
        .then(|| domain_label(domain))
        .flatten();
    let tenant = if ats { ats_tenant(local, domain, rules) } else { None };
    let mut candidates: Vec<String> = Vec::new();
    let display = if board { None } else { m.from_name.as_deref() };
    // "Workday <no-reply@myworkday.com>": the ATS's own name is no company
    let display = display.filter(|n| !(ats && squash(n).len() >= 3 && domain.replace('-', "").contains(&squash(n))));
    if let Some(name) = display.and_then(|n| display_company(n, rules, own_domain.as_deref(), ats)) {
        candidates.push(name);
    }
    let mut mentioned = Vec::new();
    mentioned.extend(company_after(&m.subject));
    for sentence in sentences(&m.text).take(60) {
        mentioned.extend(company_after(sentence));
    }
    mentioned.extend(signature(&m.text));
    // "Your application to Backend Developer at Northmere": a position is no company
    let position = position.map(normalise_company);
    mentioned.retain(|c| position.as_deref() != Some(normalise_company(c).as_str()));
    let anchor = own_domain.clone().or_else(|| tenant.clone());
    if let Some(anchor) = &anchor {
        // the most complete name that agrees with the domain or tenant: "Umbrella Labs" for umbrellalabs.example
        let agrees = |c: &String| {
            let s = squash(c);
            s.len() >= 3
                && (s == *anchor || (s.len() >= 4 && (s.starts_with(anchor.as_str()) || anchor.starts_with(&s))))
        };
        if let Some(best) = candidates
            .iter()
            .chain(&mentioned)
            .filter(|c| agrees(c))
            .max_by_key(|c| squash(c).len())
        {
            return Some(best.clone());
        }
    }
    if let Some(first) = candidates.into_iter().next() {
        return Some(first);
    }
    if let Some(tenant) = tenant {
        return Some(pretty_domain(&tenant));
    }
    if let Some(own) = own_domain {
        return Some(pretty_domain(&own));
    }
    mentioned.into_iter().next()
}

/// Names in the signature's short lines: "Engineering Manager, Acme Corp", "Acme | Talent Acquisition".
fn signature(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut found = Vec::new();
    for line in lines.iter().rev().take(8) {
        if line.chars().count() > 70 {
            continue;
        }
        for part in line.split([',', '|', '·']) {
            let part = part.trim();
            if let Some(name) = names::capitalised_run(part)
                && name.split_whitespace().count() == part.split_whitespace().count()
            {
                found.push(name);
            }
        }
    }
    found
}

/// The company-naming label of a domain: the one before the public suffix, skipping mail-host labels.
fn domain_label(domain: &str) -> Option<String> {
    let labels: Vec<&str> = domain.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    // "acme.co.uk": the label before a two-letter country code preceded by a short second level
    let mut end = labels.len() - 1;
    if end >= 2 && labels[end].len() == 2 && matches!(labels[end - 1], "co" | "com" | "org" | "net" | "ac" | "gv") {
        end -= 1;
    }
    let label = labels[end - 1];
    (!GENERIC_LABELS.contains(&label) && label.len() >= 2).then(|| label.replace('-', ""))
}

/// The tenant of an ATS address: `acme@myworkday.com`, `no-reply@acme.greenhouse-mail.io`.
fn ats_tenant(local: &str, domain: &str, rules: &Rules) -> Option<String> {
    let labels: Vec<&str> = domain.split('.').collect();
    for i in (1..labels.len()).rev() {
        if rules.is_ats_domain(&labels[i..].join(".")) {
            let label = labels[i - 1];
            let region = label.starts_with("wd") && label[2..].chars().all(|c| c.is_ascii_digit());
            if !GENERIC_LABELS.contains(&label) && !region {
                return Some(label.replace('-', ""));
            }
        }
    }
    let local = local.split('+').next().unwrap_or(local);
    let generic = rules.is_automated_local(local)
        || rules.team_words().iter().any(|t| t == local)
        || local.contains('.')
        || local.len() < 2;
    (!generic).then(|| local.replace(['-', '_'], ""))
}

/// The company in a display name: "Acme Talent Team", "Globex via Greenhouse", "Jane from Acme",
/// "Recruiting | Acme"; `None` for a person's name.
fn display_company(name: &str, rules: &Rules, own_domain: Option<&str>, ats: bool) -> Option<String> {
    let mut name = name.trim().trim_matches('"').trim();
    let lower = name.to_lowercase();
    let mut company_ish = ats;
    for sep in [" via ", " über "] {
        if let Some(i) = lower.find(sep) {
            name = name[..i].trim();
            company_ish = true;
            break;
        }
    }
    let lower = name.to_lowercase();
    for sep in [" from ", " at ", " @ ", " | ", " - ", " – ", " bei ", " von "] {
        if let Some(i) = lower.rfind(sep) {
            let (left, right) = (&name[..i], name[i + sep.len()..].trim());
            let left_team = words(left).iter().all(|w| is_team(w, rules));
            if left_team && !right.is_empty() {
                name = right;
            } else if words(right).iter().all(|w| is_team(w, rules)) {
                name = left.trim();
            } else {
                name = right;
            }
            company_ish = true;
            break;
        }
    }
    let mut kept: Vec<&str> = Vec::new();
    for word in name.split_whitespace() {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '&');
        if is_team(w, rules)
            || matches!(
                w.to_lowercase().as_str(),
                "the" | "der" | "die" | "das" | "dein" | "ihr" | "your"
            )
        {
            company_ish = true;
            continue;
        }
        kept.push(word.trim_matches(|c: char| c == ',' || c == '|' || c == ':'));
    }
    if kept.is_empty() {
        return None;
    }
    let candidate = kept.join(" ");
    let s = squash(&candidate);
    let agrees = own_domain.is_some_and(|d| s == d || (s.len() >= 4 && (d.starts_with(&s) || s.starts_with(d))));
    let legal = kept.iter().any(|w| is_legal_suffix(w));
    (company_ish || agrees || legal).then_some(candidate)
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

fn is_team(word: &str, rules: &Rules) -> bool {
    let w = fold(word, Umlauts::Spelled);
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    !w.is_empty() && (rules.team_words().iter().any(|t| t == w) || matches!(w, "acquisition" | "resources" | "human"))
}

/// The position named in the subject or the body.
fn position(m: &Parsed) -> Option<String> {
    std::iter::once(m.subject.as_str())
        .chain(sentences(&m.text).take(40))
        .find_map(names::position_in)
        .or_else(|| names::position_after_dash(&m.subject))
}

/// The first link that looks like a job posting.
fn url(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(i) = rest.find("http") {
        let tail = &rest[i..];
        let end = tail
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | ')' | ']'))
            .unwrap_or(tail.len());
        let link = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        rest = &tail[end..];
        if !(link.starts_with("https://") || link.starts_with("http://")) {
            continue;
        }
        let lower = link.to_ascii_lowercase();
        let job = [
            "job",
            "career",
            "position",
            "vacanc",
            "opening",
            "stelle",
            "karriere",
            "greenhouse",
            "lever.co",
            "ashbyhq",
            "workday",
            "smartrecruiters",
            "personio",
            "teamtailor",
            "workable",
            "recruitee",
        ]
        .iter()
        .any(|w| lower.contains(w));
        let other = [
            "unsubscribe",
            "password",
            "reset",
            "verify",
            "assess",
            "calendly",
            "zoom.us",
            "meet.google",
            "teams.microsoft",
            "privacy",
            "abmelden",
        ]
        .iter()
        .any(|w| lower.contains(w));
        if job && !other && link.len() <= 500 {
            return Some(link.to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests;
