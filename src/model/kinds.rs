//! The names tracker stores and shows: statuses, event kinds, follow-up kinds.

use std::fmt;
use std::str::FromStr;

use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Noted, not applied yet
    #[value(alias = "save")]
    Saved,
    /// Application sent
    #[value(alias = "apply")]
    Applied,
    /// In interviews
    #[value(aliases = ["interview", "interviews"])]
    Interviewing,
    /// Offer received
    #[value(aliases = ["offered", "offers"])]
    Offer,
    /// Offer accepted
    #[value(alias = "accept")]
    Accepted,
    /// Turned down by the employer
    #[value(alias = "reject")]
    Rejected,
    /// Withdrawn by you
    #[value(alias = "withdraw")]
    Withdrawn,
    /// No answer for too long
    #[value(alias = "ghost")]
    Ghosted,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Saved,
        Status::Applied,
        Status::Interviewing,
        Status::Offer,
        Status::Accepted,
        Status::Rejected,
        Status::Withdrawn,
        Status::Ghosted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Saved => "saved",
            Status::Applied => "applied",
            Status::Interviewing => "interviewing",
            Status::Offer => "offer",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Withdrawn => "withdrawn",
            Status::Ghosted => "ghosted",
        }
    }

    /// The application was sent: every status past `saved` but a withdrawal (which, straight from `saved`,
    /// means it never was). An application's applied day is the day of its first such status event.
    pub fn is_sent(self) -> bool {
        !matches!(self, Status::Saved | Status::Withdrawn)
    }

    /// An answer from the company: what `stats` counts as answered.
    pub fn is_answer(self) -> bool {
        matches!(
            self,
            Status::Interviewing | Status::Offer | Status::Accepted | Status::Rejected
        )
    }

    /// Still in progress: a new application for the same job would be a duplicate.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Saved | Status::Applied | Status::Interviewing | Status::Offer
        )
    }

    /// How far along the hiring process this status is; `None` for the endings that are not a stage.
    pub fn stage(self) -> Option<u8> {
        match self {
            Status::Saved => Some(0),
            Status::Applied => Some(1),
            Status::Interviewing => Some(2),
            Status::Offer => Some(3),
            Status::Accepted => Some(4),
            Status::Rejected | Status::Withdrawn | Status::Ghosted => None,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = anyhow::Error;
    fn from_str(text: &str) -> Result<Status> {
        parse_named(text, &Status::ALL, Status::as_str, "status")
    }
}

/// What an event records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Status,
    Note,
    Followup,
    Dismiss,
    Snooze,
    Reply,
}

impl EventKind {
    pub const ALL: [EventKind; 6] = [
        EventKind::Status,
        EventKind::Note,
        EventKind::Followup,
        EventKind::Dismiss,
        EventKind::Snooze,
        EventKind::Reply,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Status => "status",
            EventKind::Note => "note",
            EventKind::Followup => "followup",
            EventKind::Dismiss => "dismiss",
            EventKind::Snooze => "snooze",
            EventKind::Reply => "reply",
        }
    }
}

impl FromStr for EventKind {
    type Err = anyhow::Error;
    fn from_str(text: &str) -> Result<EventKind> {
        parse_named(text, &EventKind::ALL, EventKind::as_str, "event kind")
    }
}

/// Which follow-up email to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FollowupKind {
    /// Ask how a future application could be stronger
    Feedback,
    /// Ask to be kept in mind for other roles
    Network,
    /// Both asks in one message
    Combined,
    /// After a silence: still interested, any update on the timeline?
    Checkin,
    /// After an interview: thank the interviewers
    Thanks,
}

impl FollowupKind {
    pub const ALL: [FollowupKind; 5] = [
        FollowupKind::Feedback,
        FollowupKind::Network,
        FollowupKind::Combined,
        FollowupKind::Checkin,
        FollowupKind::Thanks,
    ];

    /// The emails that follow up on a rejection (the choices of `followup.kind`).
    pub const REJECTION: [FollowupKind; 3] = [FollowupKind::Feedback, FollowupKind::Network, FollowupKind::Combined];

    pub fn is_rejection(self) -> bool {
        Self::REJECTION.contains(&self)
    }

    /// The most words a draft of this kind should have.
    pub fn word_limit(self) -> usize {
        match self {
            FollowupKind::Checkin => 100,
            FollowupKind::Thanks => 120,
            _ => 150,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FollowupKind::Feedback => "feedback",
            FollowupKind::Network => "network",
            FollowupKind::Combined => "combined",
            FollowupKind::Checkin => "checkin",
            FollowupKind::Thanks => "thanks",
        }
    }
}

impl fmt::Display for FollowupKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for FollowupKind {
    type Err = anyhow::Error;
    fn from_str(text: &str) -> Result<FollowupKind> {
        parse_named(text, &FollowupKind::ALL, FollowupKind::as_str, "follow-up kind")
    }
}

/// The value of `all` whose name is `text`, or an error listing the names.
fn parse_named<T: Copy>(text: &str, all: &[T], name: fn(T) -> &'static str, what: &str) -> Result<T> {
    match all.iter().copied().find(|value| name(*value) == text) {
        Some(value) => Ok(value),
        None => {
            let names: Vec<&str> = all.iter().map(|value| name(*value)).collect();
            bail!("unknown {what} {text:?} (expected one of: {})", names.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips_through_text() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>().unwrap(), status);
        }
        let err = "hired".parse::<Status>().unwrap_err().to_string();
        assert!(err.starts_with("unknown status \"hired\""), "{err}");
    }

    #[test]
    fn open_statuses() {
        let open: Vec<_> = Status::ALL.into_iter().filter(|s| s.is_open()).collect();
        assert_eq!(
            open,
            [Status::Saved, Status::Applied, Status::Interviewing, Status::Offer]
        );
    }

    #[test]
    fn kinds_round_trip_through_text() {
        for kind in EventKind::ALL {
            assert_eq!(kind.as_str().parse::<EventKind>().unwrap(), kind);
        }
        for kind in FollowupKind::ALL {
            assert_eq!(kind.as_str().parse::<FollowupKind>().unwrap(), kind);
        }
        let err = "beg".parse::<FollowupKind>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown follow-up kind \"beg\" (expected one of: feedback, network, combined, checkin, thanks)"
        );
    }
}
