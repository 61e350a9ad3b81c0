//! Recognising job mail: weighted phrases per kind, categories that are never proposals, and sender domains, all
//! read from `rules.toml` (embedded) plus the user's `mail-rules.toml`. The format is described at the top of
//! `rules.toml`; a message is folded once and matched against every phrase in one pass over its words.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, Result};

use super::fold::{Umlauts, at_most, fold, is_word_byte, sentences};
use super::message::Parsed;

mod kind;
mod load;

pub use kind::Kind;

/// The longest evidence kept, in characters.
const EVIDENCE_MAX: usize = 200;

/// The recognised meaning of a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub kind: Kind,
    /// 0..1, from how far the kind's score is above the others'.
    pub confidence: f64,
    /// The sentence or header that decided it, at most 200 characters.
    pub evidence: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Kind(Kind),
    Never(usize),
}

#[derive(Debug, Clone)]
struct Settings {
    propose_at: f64,
    /// strong, medium, weak
    weights: [f64; 3],
    subject_factor: f64,
    invitation: f64,
    reply_thread: f64,
    reply_overridden_at: f64,
    job_board_sender: f64,
    list_header: f64,
    automatic_header: f64,
    newsletter_sender: f64,
}

/// The recognition rules: phrases, never-categories and sender lists, with an index for matching.
#[derive(Debug, Clone)]
pub struct Rules {
    settings: Settings,
    /// Folded phrase, what it counts for, its strength (0 strong, 1 medium, 2 weak, 3 [`NEGATED`]).
    phrases: Vec<(String, Target, usize)>,
    never: Vec<String>,
    ats: Vec<String>,
    boards: Vec<String>,
    automated: Vec<String>,
    newsletters: Vec<String>,
    teams: Vec<String>,
    /// Phrase indexes by their first three bytes.
    index: HashMap<[u8; 3], Vec<usize>>,
}

const BUILTIN: &str = include_str!("rules.toml");

/// The strength of a phrase that counts (as strong) only after a negation: "not ... continue with your".
const NEGATED: usize = 3;

impl Rules {
    fn empty() -> Rules {
        Rules {
            settings: Settings {
                propose_at: 2.0,
                weights: [2.0, 1.0, 0.5],
                subject_factor: 1.5,
                invitation: 4.0,
                reply_thread: 1.5,
                reply_overridden_at: 3.0,
                job_board_sender: 1.0,
                list_header: 0.5,
                automatic_header: 0.5,
                newsletter_sender: 1.5,
            },
            phrases: Vec::new(),
            never: load::BUILTIN_NEVER.iter().map(|s| (*s).to_owned()).collect(),
            ats: Vec::new(),
            boards: Vec::new(),
            automated: Vec::new(),
            newsletters: Vec::new(),
            teams: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// The rules embedded in the binary.
    pub fn builtin() -> Rules {
        Rules::parse(&[(BUILTIN, "the built-in mail rules")]).expect("the built-in rules parse (a test checks)")
    }

    /// The built-in rules plus the user's file at `path` (its phrases and domains add to the built-in ones); a
    /// missing file means the built-in rules alone.
    pub fn with_user_file(path: &Path) -> Result<Rules> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Rules::builtin()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        };
        Rules::parse(&[
            (BUILTIN, "the built-in mail rules"),
            (&text, &path.display().to_string()),
        ])
    }

    fn parse(files: &[(&str, &str)]) -> Result<Rules> {
        let mut rules = Rules::empty();
        for (text, name) in files {
            load::add(&mut rules, text, name)?;
        }
        for (i, (phrase, _, _)) in rules.phrases.iter().enumerate() {
            rules.index.entry(key(phrase.as_bytes())).or_default().push(i);
        }
        Ok(rules)
    }

    /// Whether `domain` (lower-case) is an applicant-tracking system's or one of its tenants' subdomains.
    pub fn is_ats_domain(&self, domain: &str) -> bool {
        within(domain, &self.ats)
    }

    /// Whether `domain` (lower-case) is a job board's.
    pub fn is_job_board_domain(&self, domain: &str) -> bool {
        within(domain, &self.boards)
    }

    /// Whether an address's local part (lower-case) is a machine's (no-reply and the like).
    pub fn is_automated_local(&self, local: &str) -> bool {
        self.automated.iter().any(|a| local.contains(a.as_str()))
    }

    /// The team words (`careers`, `recruiting`, ...), folded, for reading a company out of a display name.
    pub fn team_words(&self) -> &[String] {
        &self.teams
    }

    /// Whether a local part names a shared mailbox (`careers`, `jobs+acme`, `talent-team`) rather than a person.
    fn is_team_local(&self, local: &str) -> bool {
        let first = local.split(['.', '-', '_', '+']).next().unwrap_or(local);
        self.teams.iter().any(|t| t == first)
    }

    /// Recognises what `m` means; `me` holds the user's own addresses, lower-case. `None`: not job mail, or
    /// mail that must never become a proposal.
    pub fn recognise(&self, m: &Parsed, me: &[String]) -> Option<Verdict> {
        let from = m.from_address.as_deref().unwrap_or("");
        if !from.is_empty() && me.iter().any(|a| a == from) {
            return None;
        }
        let (local, domain) = from.rsplit_once('@').unwrap_or((from, ""));
        let mut scores = Scores::new(self.never.len());
        let subject = fold(&m.subject, Umlauts::Spelled);
        self.scan(&subject, &m.subject, true, &mut scores);
        for sentence in sentences(&m.text) {
            self.scan(&fold(sentence, Umlauts::Spelled), sentence, false, &mut scores);
        }
        let s = &self.settings;
        let board = self.is_job_board_domain(domain);
        let never = |name: &str| self.never.iter().position(|c| c == name);
        if board && let Some(i) = never("job_alert") {
            scores.never[i] += s.job_board_sender;
        }
        if let Some(i) = never("newsletter") {
            if m.list {
                scores.never[i] += s.list_header;
            }
            if self.newsletters.iter().any(|n| local.contains(n.as_str())) {
                scores.never[i] += s.newsletter_sender;
            }
        }
        if m.automatic
            && let Some(i) = never("automatic_reply")
        {
            scores.never[i] += s.automatic_header;
        }
        if let Some(start) = &m.invitation {
            scores.add_kind(
                Kind::Interview,
                s.invitation,
                100,
                format!("Calendar invitation: {start}"),
            );
        }
        let display = fold(m.from_name.as_deref().unwrap_or(""), Umlauts::Spelled);
        let team_name = display
            .split([' ', ',', '-', '|'])
            .any(|w| self.teams.iter().any(|t| t == w));
        let person = !from.is_empty()
            && !m.automatic
            && !board
            && !self.is_ats_domain(domain)
            && !self.is_automated_local(local)
            && !self.is_team_local(local)
            && !team_name;
        let threaded = !m.replies_to.is_empty()
            && ["re:", "re :", "aw:", "antw:", "antwort:", "sv:"]
                .iter()
                .any(|p| subject.starts_with(p));
        let reply_shape = person && threaded;
        if reply_shape {
            scores.kinds[Kind::Reply.index()].0 += s.reply_thread;
        } else {
            scores.kinds[Kind::Reply.index()] = (0.0, Evidence::default());
        }
        let mut ranked: Vec<Kind> = Kind::ALL.to_vec();
        ranked.sort_by(|a, b| {
            let (sa, sb) = (scores.kinds[a.index()].0, scores.kinds[b.index()].0);
            sb.total_cmp(&sa).then(b.precedence().cmp(&a.precedence()))
        });
        let mut best = ranked[0];
        if reply_shape && best != Kind::Reply && scores.kinds[best.index()].0 < s.reply_overridden_at {
            best = Kind::Reply;
        }
        let score = scores.kinds[best.index()].0;
        if score < s.propose_at {
            return None;
        }
        let second = ranked
            .iter()
            .filter(|k| **k != best)
            .map(|k| scores.kinds[k.index()].0)
            .fold(0.0, f64::max);
        let worst_never = scores.never.iter().copied().fold(0.0, f64::max);
        if worst_never >= s.propose_at && worst_never >= score {
            return None;
        }
        let margin = score - 0.5 * second - 0.5 * worst_never;
        let confidence = (1.0 - 0.5f64.powf(margin / (s.propose_at / 2.0))).clamp(0.05, 0.99);
        let evidence = match &scores.kinds[best.index()].1.text {
            Some(text) => text.clone(),
            None => format!("Subject: {}", at_most(&m.subject, EVIDENCE_MAX - 9)),
        };
        Some(Verdict {
            kind: best,
            confidence: (confidence * 100.0).round() / 100.0,
            evidence,
        })
    }

    /// The phrases found in a message, one line each (`rejection strong "regret to inform"`, with `(subject)`
    /// when found there): the explanation behind a verdict.
    pub fn explain(&self, m: &Parsed) -> Vec<String> {
        let mut scores = Scores::new(self.never.len());
        self.scan(&fold(&m.subject, Umlauts::Spelled), &m.subject, true, &mut scores);
        for sentence in sentences(&m.text) {
            self.scan(&fold(sentence, Umlauts::Spelled), sentence, false, &mut scores);
        }
        scores
            .found
            .iter()
            .map(|&(i, subject)| {
                let (phrase, target, strength) = &self.phrases[i];
                let target = match target {
                    Target::Kind(kind) => kind.as_str().to_owned(),
                    Target::Never(c) => format!("never.{}", self.never[*c]),
                };
                let strength = ["strong", "medium", "weak", "negated"][*strength];
                format!(
                    "{target} {strength} {phrase:?}{}",
                    if subject { " (subject)" } else { "" }
                )
            })
            .collect()
    }

    /// Adds the weights of the phrases found in one folded sentence (or the subject).
    fn scan(&self, folded: &str, original: &str, subject: bool, scores: &mut Scores) {
        let bytes = folded.as_bytes();
        for start in 0..bytes.len() {
            if !is_word_byte(bytes[start]) || (start > 0 && is_word_byte(bytes[start - 1])) {
                continue;
            }
            let Some(candidates) = self.index.get(&key(&bytes[start..])) else {
                continue;
            };
            for &i in candidates {
                let (phrase, target, strength) = &self.phrases[i];
                if !bytes[start..].starts_with(phrase.as_bytes()) || scores.seen.contains(&i) {
                    continue;
                }
                // "we will not be extending an offer", "Sie nicht zu einem Vorstellungsgespräch einzuladen"
                let positive = matches!(target, Target::Kind(Kind::Applied | Kind::Interview | Kind::Offer));
                let needs_negation = *strength == NEGATED;
                if positive && !needs_negation && negated(&folded[..start]) {
                    continue;
                }
                // "we have decided not to continue with your candidacy", but not "if you are not selected"
                if needs_negation && (!negated(&folded[..start]) || hedged(&folded[..start]) || folded.ends_with('?')) {
                    continue;
                }
                // a phrase in quotation marks is quoted, not said (a newsletter about rejection mail)
                let quoted = folded[..start].matches('"').count() % 2 == 1;
                // "if there is a match, we will schedule a call"; "Absage bekommen?"
                let conditional = *target == Target::Kind(Kind::Interview) && conditional(folded);
                let asked = *target == Target::Kind(Kind::Rejection) && folded.ends_with('?');
                if matches!(target, Target::Kind(_)) && (quoted || conditional || asked) {
                    continue;
                }
                scores.seen.push(i);
                scores.found.push((i, subject));
                let factor = if subject { self.settings.subject_factor } else { 1.0 };
                let weight = self.settings.weights[*strength % NEGATED] * factor;
                match target {
                    Target::Never(c) => scores.never[*c] += weight,
                    Target::Kind(kind) => {
                        let evidence = if subject {
                            format!("Subject: {}", at_most(original, EVIDENCE_MAX - 9))
                        } else {
                            at_most(original, EVIDENCE_MAX)
                        };
                        // ranks evidence: a strong body sentence says more than the subject it summarises
                        let rank = (3 - strength) * 10 + usize::from(!subject);
                        scores.add_kind(*kind, weight, rank, evidence);
                    }
                }
            }
        }
    }
}

/// Whether one of the four words before a phrase negates it ("not", "won't", "unable to", "nicht", ...).
fn negated(before: &str) -> bool {
    before.split_whitespace().rev().take(4).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        matches!(
            w,
            "not" | "no" | "never" | "unable" | "cannot" | "nicht" | "kein" | "keine" | "keinen" | "keinem" | "ohne"
        ) || w.ends_with("n't")
    })
}

/// Whether the words before a phrase make it a condition or an open question ("if you are not selected",
/// "whether or not we move forward", "falls wir Sie nicht berücksichtigen").
fn hedged(before: &str) -> bool {
    before.split_whitespace().any(|w| {
        matches!(
            w.trim_matches(|c: char| !c.is_alphanumeric()),
            "if" | "unless" | "whether" | "once" | "should" | "falls" | "wenn" | "sofern" | "ob" | "sollten"
        )
    })
}

/// Whether a sentence states a condition ("If there is a match, we will schedule a call", "Falls ...").
fn conditional(sentence: &str) -> bool {
    let first = sentence.split_whitespace().next().unwrap_or("");
    matches!(
        first.trim_matches(|c: char| !c.is_alphanumeric()),
        "if" | "should" | "once" | "falls" | "sofern" | "sollte" | "sollten" | "wenn"
    )
}

fn key(bytes: &[u8]) -> [u8; 3] {
    let mut k = [0u8; 3];
    for (slot, b) in k.iter_mut().zip(bytes) {
        *slot = *b;
    }
    k
}

fn within(domain: &str, list: &[String]) -> bool {
    let domain = domain.trim_end_matches('.');
    list.iter().any(|d| {
        domain == d
            || (domain.len() > d.len()
                && domain.ends_with(d.as_str())
                && domain[..domain.len() - d.len()].ends_with('.'))
    })
}

#[derive(Debug, Default, Clone)]
struct Evidence {
    rank: usize,
    text: Option<String>,
}

struct Scores {
    kinds: [(f64, Evidence); 5],
    never: Vec<f64>,
    seen: Vec<usize>,
    /// The phrases found, and whether in the subject.
    found: Vec<(usize, bool)>,
}

impl Scores {
    fn new(never: usize) -> Scores {
        Scores {
            kinds: Default::default(),
            never: vec![0.0; never],
            seen: Vec::new(),
            found: Vec::new(),
        }
    }

    fn add_kind(&mut self, kind: Kind, weight: f64, rank: usize, evidence: String) {
        let (score, best) = &mut self.kinds[kind.index()];
        *score += weight;
        if best.text.is_none() || rank > best.rank {
            *best = Evidence {
                rank,
                text: Some(evidence),
            };
        }
    }
}

#[cfg(test)]
mod tests;
