//! The kinds of job mail and their one spelling.

use std::fmt;
use std::str::FromStr;

use anyhow::Result;
use serde::{Deserialize, Serialize};

/// What a message means for an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Applied,
    Rejection,
    Interview,
    Offer,
    Reply,
    /// A follow-up the user sent (read from the IMAP Sent folder, never recognised from text alone).
    #[serde(rename = "followup_sent")]
    FollowupSent,
}

impl Kind {
    /// The kinds recognised from a message's text (`FollowupSent` comes from where a message is).
    pub const ALL: [Kind; 5] = [
        Kind::Applied,
        Kind::Rejection,
        Kind::Interview,
        Kind::Offer,
        Kind::Reply,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Applied => "applied",
            Kind::Rejection => "rejection",
            Kind::Interview => "interview",
            Kind::Offer => "offer",
            Kind::Reply => "reply",
            Kind::FollowupSent => "followup_sent",
        }
    }

    pub(super) fn index(self) -> usize {
        self as usize
    }

    /// Which kind wins a tie: a rejection (a wrong offer or interview costs more than a wrong rejection), then the
    /// one that changes more.
    pub(super) fn precedence(self) -> u8 {
        match self {
            Kind::Rejection => 5,
            Kind::Offer => 4,
            Kind::Interview => 3,
            Kind::Applied => 2,
            Kind::Reply => 1,
            Kind::FollowupSent => 0,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> Result<Kind> {
        Kind::ALL
            .into_iter()
            .chain([Kind::FollowupSent])
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                anyhow::anyhow!("unknown kind {s:?} (use applied, rejection, interview, offer, reply or followup_sent)")
            })
    }
}
