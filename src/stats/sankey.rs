//! The search as flows between stages: the data of the Sankey diagram, and SankeyMATIC's text format.

use std::fmt::Write as _;

use crate::model::Status;
use crate::store::stats::Facts;

/// A box of the diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Node {
    Applied,
    Interviewing,
    Offer,
    Accepted,
    Rejected,
    Ghosted,
    Withdrawn,
    /// Still open after an answer (interviewing or offer now, or back to applied).
    InProgress,
    /// Still open without an answer.
    NoAnswer,
}

impl Node {
    /// Every node, in funnel order: the stages, then the outcomes.
    pub const ALL: [Node; 9] = [
        Node::Applied,
        Node::Interviewing,
        Node::Offer,
        Node::Accepted,
        Node::Rejected,
        Node::Ghosted,
        Node::Withdrawn,
        Node::InProgress,
        Node::NoAnswer,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Node::Applied => "Applied",
            Node::Interviewing => "Interviewing",
            Node::Offer => "Offer",
            Node::Accepted => "Accepted",
            Node::InProgress => "In progress",
            Node::NoAnswer => "No answer yet",
            Node::Rejected => "Rejected",
            Node::Ghosted => "Ghosted",
            Node::Withdrawn => "Withdrawn",
        }
    }

    /// The stages have their own columns; the outcomes share the last one.
    pub fn is_stage(self) -> bool {
        matches!(self, Node::Applied | Node::Interviewing | Node::Offer)
    }

    fn of_stage(stage: Status) -> Node {
        match stage {
            Status::Interviewing => Node::Interviewing,
            Status::Offer => Node::Offer,
            Status::Accepted => Node::Accepted,
            _ => Node::Applied,
        }
    }
}

/// `count` applications went from `from` to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flow {
    pub from: Node,
    pub to: Node,
    pub count: usize,
}

/// The flows of `facts`: each application goes from Applied through every stage up to the furthest it
/// reached, then to its outcome (unless that stage is Accepted). Flows out of a node sum to the flows into
/// it; Applied holds every application. Ordered by source node, then target node; no empty flows.
pub fn flows(facts: &[Facts]) -> Vec<Flow> {
    let mut counts: std::collections::BTreeMap<(Node, Node), usize> = std::collections::BTreeMap::new();
    for f in facts {
        let mut at = Node::Applied;
        for stage in [Status::Interviewing, Status::Offer, Status::Accepted] {
            if f.furthest.stage() >= stage.stage() {
                let next = Node::of_stage(stage);
                *counts.entry((at, next)).or_default() += 1;
                at = next;
            }
        }
        let end = match f.status {
            Status::Rejected => Some(Node::Rejected),
            Status::Ghosted => Some(Node::Ghosted),
            Status::Withdrawn => Some(Node::Withdrawn),
            _ if at == Node::Accepted => None,
            _ if at == Node::Applied && f.answered_on.is_none() => Some(Node::NoAnswer),
            _ => Some(Node::InProgress),
        };
        if let Some(end) = end {
            *counts.entry((at, end)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .map(|((from, to), count)| Flow { from, to, count })
        .collect()
}

/// The total through `node`: what flows in, or out for Applied.
pub fn total(flows: &[Flow], node: Node) -> usize {
    let sum = |pick: &dyn Fn(&Flow) -> bool| flows.iter().filter(|f| pick(f)).map(|f| f.count).sum();
    if node == Node::Applied {
        sum(&|f| f.from == node)
    } else {
        sum(&|f| f.to == node)
    }
}

/// SankeyMATIC's input: `Applied [30] Interviewing`, one flow per line, in funnel order.
pub fn sankeymatic(flows: &[Flow]) -> String {
    let mut out = String::new();
    for flow in flows {
        let _ = writeln!(out, "{} [{}] {}", flow.from.label(), flow.count, flow.to.label());
    }
    out
}
