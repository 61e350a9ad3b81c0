//! Placeholder until the rule-based recogniser lands: the API the scan codes against.

use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::message::Parsed;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Applied,
    Rejection,
    Interview,
    Offer,
    Reply,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Applied => "applied",
            Kind::Rejection => "rejection",
            Kind::Interview => "interview",
            Kind::Offer => "offer",
            Kind::Reply => "reply",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Kind {
    type Err = anyhow::Error;
    fn from_str(text: &str) -> Result<Kind> {
        [
            Kind::Applied,
            Kind::Rejection,
            Kind::Interview,
            Kind::Offer,
            Kind::Reply,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
        .ok_or_else(|| anyhow::anyhow!("unknown kind {text:?}"))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub kind: Kind,
    pub confidence: f64,
    pub evidence: String,
}

#[derive(Debug, Clone, Default)]
pub struct Rules {}

impl Rules {
    pub fn builtin() -> Rules {
        Rules {}
    }

    pub fn with_user_file(_path: &Path) -> Result<Rules> {
        Ok(Rules {})
    }

    pub fn recognise(&self, m: &Parsed, me: &[String]) -> Option<Verdict> {
        if m.from_address.as_ref().is_some_and(|a| me.contains(a)) || m.automatic {
            return None;
        }
        let text = format!("{}\n{}", m.subject, m.text).to_lowercase();
        let found = |phrases: &[&str]| phrases.iter().find(|p| text.contains(*p)).map(|p| (*p).to_owned());
        let (kind, evidence) = if let Some(e) = found(&["regret to inform", "other candidates", "leider"]) {
            (Kind::Rejection, e)
        } else if let Some(e) = found(&["received your application", "thank you for applying"]) {
            (Kind::Applied, e)
        } else if let Some(e) = m.invitation.clone().or_else(|| found(&["invite you to an interview"])) {
            (Kind::Interview, e)
        } else if let Some(e) = found(&["pleased to offer"]) {
            (Kind::Offer, e)
        } else {
            return None;
        };
        Some(Verdict {
            kind,
            confidence: 0.95,
            evidence,
        })
    }

    pub fn is_ats_domain(&self, domain: &str) -> bool {
        ["greenhouse-mail.io", "hire.lever.co", "myworkday.com"]
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
    }
}
