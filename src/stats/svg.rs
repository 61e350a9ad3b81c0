//! The Sankey diagram as a self-contained SVG: no scripts, no external fonts or images. Written by hand:
//! the diagram is one layout of at most nine boxes, and every width here is exactly proportional to a count,
//! which the tests check by reading the file back.

use std::fmt::Write as _;

use super::sankey::{Flow, Node, total};

pub const WIDTH: f64 = 960.0;
pub const HEIGHT: f64 = 540.0;
const TOP: f64 = 56.0;
const BOTTOM: f64 = 24.0;
const LEFT: f64 = 24.0;
/// Room for the labels right of the last column.
const RIGHT: f64 = 190.0;
const NODE_WIDTH: f64 = 16.0;
const GAP: f64 = 22.0;

fn color(node: Node) -> &'static str {
    match node {
        Node::Applied => "#4e79a7",
        Node::Interviewing => "#76b7b2",
        Node::Offer => "#59a14f",
        Node::Accepted => "#2e8540",
        Node::InProgress => "#edc948",
        Node::NoAnswer => "#f28e2b",
        Node::Rejected => "#e15759",
        Node::Ghosted => "#9c755f",
        Node::Withdrawn => "#a0a0a0",
    }
}

/// Where a node was drawn.
#[derive(Debug, Clone, Copy)]
struct Placed {
    node: Node,
    x: f64,
    y: f64,
    height: f64,
}

/// The pixels per application: the tallest column (with its gaps) fits the drawing.
pub fn scale(flows: &[Flow]) -> f64 {
    let columns = columns(flows);
    let most = columns.iter().map(Vec::len).max().unwrap_or(1);
    #[allow(clippy::cast_precision_loss)]
    let gaps = GAP * (most.saturating_sub(1)) as f64;
    #[allow(clippy::cast_precision_loss)]
    let n = total(flows, Node::Applied).max(1) as f64;
    (HEIGHT - TOP - BOTTOM - gaps) / n
}

/// The nodes that hold applications, by column: each stage its own, the outcomes together last.
fn columns(flows: &[Flow]) -> Vec<Vec<Node>> {
    let present = |n: &Node| total(flows, *n) > 0;
    let mut columns: Vec<Vec<Node>> = Node::ALL
        .iter()
        .filter(|n| n.is_stage() && present(n))
        .map(|n| vec![*n])
        .collect();
    let outcomes: Vec<Node> = Node::ALL
        .iter()
        .filter(|n| !n.is_stage() && present(n))
        .copied()
        .collect();
    if !outcomes.is_empty() {
        columns.push(outcomes);
    }
    columns
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG document for `flows`, headed by `title`.
#[allow(clippy::cast_precision_loss, clippy::too_many_lines)]
pub fn render(flows: &[Flow], title: &str) -> String {
    let scale = scale(flows);
    let columns = columns(flows);
    let step = if columns.len() > 1 {
        (WIDTH - LEFT - RIGHT - NODE_WIDTH) / (columns.len() - 1) as f64
    } else {
        0.0
    };
    let mut placed: Vec<Placed> = Vec::new();
    for (index, column) in columns.iter().enumerate() {
        let mut y = TOP;
        for node in column {
            let height = total(flows, *node) as f64 * scale;
            placed.push(Placed {
                node: *node,
                x: LEFT + step * index as f64,
                y,
                height,
            });
            y += height + GAP;
        }
    }
    let at = |node: Node| {
        *placed
            .iter()
            .find(|p| p.node == node)
            .expect("every flow's nodes are placed")
    };
    let order = |node: Node| placed.iter().position(|p| p.node == node).unwrap_or(usize::MAX);

    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" font-family="DejaVu Sans, Verdana, Arial, sans-serif">
<title>{title}</title>
<style>
.label {{ fill: #1f2328; stroke: #ffffff; }}
@media (prefers-color-scheme: dark) {{ .label {{ fill: #f0f3f6; stroke: #0d1117; }} }}
</style>
"##,
        title = escape(title)
    );
    let _ = writeln!(
        out,
        r##"<text class="label" x="{LEFT}" y="32" font-size="18" font-weight="bold" fill="#1f2328" stroke="#ffffff" stroke-width="4" stroke-linejoin="round" paint-order="stroke">{}</text>"##,
        escape(title)
    );
    // Flows first, under the boxes: each leaves its source below the flows before it (in target order) and
    // enters its target below the flows before it (in source order).
    let mut by_source: Vec<&Flow> = flows.iter().filter(|f| f.count > 0).collect();
    by_source.sort_by_key(|f| (order(f.from), order(f.to)));
    let width = |f: &Flow| f.count as f64 * scale;
    // Where each flow leaves its source (top edge), then where it enters its target: in-flows are stacked in
    // the order of their heights at the source, so they do not cross on arrival.
    let mut leaves: Vec<f64> = Vec::with_capacity(by_source.len());
    for (i, flow) in by_source.iter().enumerate() {
        let before: f64 = by_source[..i]
            .iter()
            .filter(|f| f.from == flow.from)
            .map(|f| width(f))
            .sum();
        leaves.push(at(flow.from).y + before);
    }
    let mut arrival: Vec<usize> = (0..by_source.len()).collect();
    arrival.sort_by(|a, b| {
        (order(by_source[*a].to), leaves[*a])
            .partial_cmp(&(order(by_source[*b].to), leaves[*b]))
            .expect("finite")
    });
    let mut enters = vec![0.0; by_source.len()];
    for (k, i) in arrival.iter().enumerate() {
        let to = by_source[*i].to;
        let before: f64 = arrival[..k]
            .iter()
            .filter(|j| by_source[**j].to == to)
            .map(|j| width(by_source[*j]))
            .sum();
        enters[*i] = at(to).y + before;
    }
    let _ = writeln!(out, r#"<g fill="none" stroke-opacity="0.5">"#);
    for (i, flow) in by_source.iter().enumerate() {
        let (from, to) = (at(flow.from), at(flow.to));
        let width = width(flow);
        let y0 = leaves[i] + width / 2.0;
        let y1 = enters[i] + width / 2.0;
        let (x0, x1) = (from.x + NODE_WIDTH, to.x);
        let mid = (x0 + x1) / 2.0;
        let _ = writeln!(
            out,
            r#"<path class="flow" data-from="{}" data-to="{}" data-count="{}" d="M{x0:.2},{y0:.2} C{mid:.2},{y0:.2} {mid:.2},{y1:.2} {x1:.2},{y1:.2}" stroke="{}" stroke-width="{width:.4}"><title>{} → {}: {}</title></path>"#,
            flow.from.label(),
            flow.to.label(),
            flow.count,
            color(flow.to),
            flow.from.label(),
            flow.to.label(),
            flow.count
        );
    }
    let _ = writeln!(out, "</g>");
    for p in &placed {
        let count = total(flows, p.node);
        let _ = writeln!(
            out,
            r#"<rect class="node" data-node="{}" data-count="{count}" x="{:.2}" y="{:.2}" width="{NODE_WIDTH}" height="{:.4}" fill="{}"/>"#,
            p.node.label(),
            p.x,
            p.y,
            p.height,
            color(p.node)
        );
        let _ = writeln!(
            out,
            r##"<text class="label" x="{:.2}" y="{:.2}" font-size="14" dominant-baseline="middle" fill="#1f2328" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{} <tspan font-weight="bold">{count}</tspan></text>"##,
            p.x + NODE_WIDTH + 6.0,
            p.y + p.height / 2.0,
            p.node.label()
        );
    }
    out.push_str("</svg>\n");
    out
}
