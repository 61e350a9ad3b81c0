//! Placeholder until the extraction rules land: the API the scan codes against.

use super::message::Parsed;
use super::recognise::Rules;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub company: Option<String>,
    pub position: Option<String>,
    pub url: Option<String>,
}

pub fn extract(m: &Parsed, rules: &Rules) -> Extracted {
    let company = m.from_name.clone().or_else(|| {
        let domain = m.from_address.as_ref()?.split('@').nth(1)?.to_owned();
        (!rules.is_ats_domain(&domain)).then(|| domain.split('.').next().unwrap_or_default().to_owned())
    });
    Extracted {
        company,
        position: None,
        url: None,
    }
}

pub fn normalise_company(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !["inc", "llc", "ltd", "gmbh", "ag", "corp", "co"].contains(w))
        .collect();
    words.join(" ")
}
