//! `tracker stats`, `--sankey`, `--svg` and `feedback` on a hand-made history whose every number is worked
//! out below by hand.

mod common;

use common::Env;
use serde_json::json;

/// Nine applications (today is 2026-11-27). Worked out by hand:
/// sent 8 (Wayne is only saved); answered 5 (Acme 7 days, Globex 7, Initech 10, Oscorp 5, Cyberdyne 10);
/// interviewed 3 (Acme, Initech, Cyberdyne); offered 1 and accepted 1 (Initech); rejected 3 (Acme after
/// 14 days, Globex 7, Oscorp 5), ghosted 1 (Umbrella), withdrawn 1 (Hooli), open 2 (Stark, Cyberdyne);
/// follow-ups: Acme's sent 2 days after its rejection and answered; Globex's missed (rejected 2026-10-12,
/// the window closed 2026-11-11); Oscorp's dismissed.
fn history() -> Env {
    let env = Env::new();
    env.set_user();
    let add = |company: &str, on: &str, extra: &[&str]| {
        let mut args = vec!["--on", on];
        args.extend_from_slice(extra);
        env.add(company, "Engineer", &args)
    };
    let acme = add("Acme", "2026-10-01", &["--source", "linkedin", "--tag", "remote"]);
    env.ok(&["interview", &acme.to_string(), "--on", "2026-10-08"]);
    env.ok(&["reject", "1", "--on", "2026-10-15"]);
    env.ok(&["followup", "1", "--sent", "--on", "2026-10-17"]);
    env.ok(&[
        "reply",
        "1",
        "Strong interviews; we went with more Go experience.",
        "--on",
        "2026-10-20",
    ]);
    add("Globex", "2026-10-05", &["--source", "linkedin"]);
    env.ok(&["reject", "2", "--on", "2026-10-12"]);
    add("Initech", "2026-10-10", &["--source", "referral", "--tag", "remote"]);
    env.ok(&["status", "3", "Interview", "--on", "2026-10-20"]);
    env.ok(&["offer", "3", "--on", "2026-11-01"]);
    env.ok(&["accept", "3", "--on", "2026-11-05"]);
    add("Umbrella", "2026-10-15", &[]);
    env.ok(&["ghost", "4", "--on", "2026-11-15"]);
    add("Hooli", "2026-11-01", &[]);
    env.ok(&["withdraw", "5", "--on", "2026-11-10"]);
    add("Stark", "2026-11-20", &[]);
    add("Wayne", "2026-11-21", &["--status", "saved"]);
    add("Oscorp", "2026-10-20", &[]);
    env.ok(&["reject", "8", "--on", "2026-10-25"]);
    env.ok(&["dismiss", "8"]);
    add("Cyberdyne", "2026-11-02", &[]);
    env.ok(&["interview", "9", "--on", "2026-11-12"]);
    env
}

#[test]
fn every_number_on_a_hand_made_history() {
    let env = history();
    let stats = env.json(&["stats", "--json"]);
    assert_eq!(
        stats,
        json!({
            "since": null, "until": null,
            "applications": 8, "answered": 5, "interviewed": 3, "offered": 1, "accepted": 1,
            "rejected": 3, "ghosted": 1, "withdrawn": 1, "open": 2,
            "answer_rate": 0.625, "interview_rate": 0.375, "interview_rate_of_answered": 0.6,
            "offer_rate": 0.125, "ghosted_share": 0.125,
            "days_to_answer_median": 7.0, "days_to_answer_p90": 10,
            "days_to_rejection_median": 7.0, "days_to_rejection_p90": 14,
            "followups": {"rejections": 3, "sent": 1, "sent_rate": 0.3333, "replies": 1, "reply_rate": 1.0,
                          "days_to_followup_median": 2.0, "missed": 1}
        })
    );
    // The funnel counts furthest stages, the outcomes partition the applications.
    let n = |k: &str| stats[k].as_u64().unwrap();
    assert_eq!(
        n("accepted") + n("rejected") + n("ghosted") + n("withdrawn") + n("open"),
        n("applications")
    );
}

#[test]
fn since_until_and_groups() {
    let env = history();
    let november = env.json(&["stats", "--json", "--since", "2026-11-01", "--until", "2026-11-30"]);
    assert_eq!(november["since"], "2026-11-01");
    assert_eq!(november["applications"], 3, "Hooli, Stark, Cyberdyne");
    let by = env.json(&["stats", "--json", "--by", "source"]);
    let groups: Vec<(String, u64)> = by["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["key"].as_str().unwrap().to_owned(),
                g["applications"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("(none)".to_owned(), 5),
            ("linkedin".to_owned(), 2),
            ("referral".to_owned(), 1)
        ]
    );
    assert_eq!(by["groups"][1]["followups"]["missed"], 1, "Globex, from linkedin");
    let table = env.ok(&["stats", "--by", "tag"]);
    let rows: Vec<&str> = table
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(rows, ["(none)", "remote"]);
    assert!(table.lines().all(|l| !l.ends_with(' ')), "{table}");
    let months = env.json(&["stats", "--json", "--by", "month"]);
    assert_eq!(months["groups"][0]["key"], "2026-10");
    assert_eq!(months["groups"][1]["applications"], 3);
    assert_eq!(
        env.fails(1, &["stats", "--since", "2026-11-02", "--until", "2026-11-01"]),
        "tracker: --since 2026-11-02 is after --until 2026-11-01 (swap them)"
    );
}

#[test]
fn the_text_summary() {
    let env = history();
    let text = env.ok(&["stats"]);
    for line in [
        "8 applications sent",
        "  answered          5  62%",
        "  interviewed       3  38% (60% of answered)",
        "  to the first answer   median 7, 90th percentile 10",
        "  missed            1",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line:?} in\n{text}");
    }
    let empty = Env::new();
    empty.create_db();
    let run = empty.run(&["stats"]).output();
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    assert_eq!(
        run.stderr,
        "No applications sent. Add one with: tracker add COMPANY POSITION\n"
    );
}

#[test]
fn sankeymatic_text_in_funnel_order() {
    let env = history();
    assert_eq!(
        env.ok(&["stats", "--sankey"]),
        "Applied [3] Interviewing\nApplied [2] Rejected\nApplied [1] Ghosted\nApplied [1] Withdrawn\n\
         Applied [1] No answer yet\nInterviewing [1] Offer\nInterviewing [1] Rejected\nInterviewing [1] In progress\n\
         Offer [1] Accepted\n"
    );
}

#[test]
fn svg_nodes_and_flows_are_proportional_and_it_renders() {
    let env = history();
    let path = env.path("search.svg");
    let run = env.run(&["stats", "--svg", path.to_str().unwrap()]).output();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .starts_with("Wrote the Sankey diagram of 8 applications sent to ")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("<script") && !text.contains("href") && !text.contains("@import"));
    let doc = roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    let num = |n: roxmltree::Node<'_, '_>, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    let nodes: Vec<(String, f64, f64, f64)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("node"))
        .map(|n| {
            (
                n.attribute("data-node").unwrap().to_owned(),
                num(n, "data-count"),
                num(n, "height"),
                num(n, "y"),
            )
        })
        .collect();
    let names: Vec<&str> = nodes.iter().map(|n| n.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "Applied",
            "Interviewing",
            "Offer",
            "Accepted",
            "Rejected",
            "Ghosted",
            "Withdrawn",
            "In progress",
            "No answer yet"
        ]
    );
    let counts: Vec<f64> = nodes.iter().map(|n| n.1).collect();
    assert_eq!(counts, [8.0, 3.0, 1.0, 1.0, 3.0, 1.0, 1.0, 1.0, 1.0]);
    let scale = nodes[0].2 / 8.0;
    assert!(scale > 10.0, "a readable size: {scale}");
    for (name, count, height, _) in &nodes {
        assert!((height - count * scale).abs() < 0.01, "{name}: {height} for {count}");
    }
    let flows: Vec<(String, String, f64, f64)> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("flow"))
        .map(|n| {
            let from = n.attribute("data-from").unwrap().to_owned();
            (
                from,
                n.attribute("data-to").unwrap().to_owned(),
                num(n, "data-count"),
                num(n, "stroke-width"),
            )
        })
        .collect();
    assert_eq!(flows.len(), 9);
    for (from, to, count, width) in &flows {
        assert!(
            (width - count * scale).abs() < 0.01,
            "{from} → {to}: {width} for {count}"
        );
    }
    // What leaves a node is what entered it.
    for (name, count, _, _) in &nodes {
        let out: f64 = flows.iter().filter(|f| &f.0 == name).map(|f| f.2).sum();
        let into: f64 = flows.iter().filter(|f| &f.1 == name).map(|f| f.2).sum();
        match name.as_str() {
            "Applied" => assert_eq!(out, *count),
            "Interviewing" | "Offer" => assert_eq!((into, out), (*count, *count)),
            _ => assert_eq!(into, *count),
        }
    }
    // Labels name every node with its count; text is dark with a light halo, switched for dark mode.
    let labels: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("label") && n.has_tag_name("text"))
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect::<String>()
        })
        .collect();
    assert!(labels.contains(&"Rejected 3".to_owned()), "{labels:?}");
    assert!(text.contains("prefers-color-scheme: dark"));

    if common::missing_program("rsvg-convert", "librsvg2-bin") {
        return;
    }
    let png = env.path("search.png");
    let status = std::process::Command::new("rsvg-convert")
        .arg(&path)
        .arg("-o")
        .arg(&png)
        .status()
        .unwrap();
    assert!(status.success());
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let (width, height) = (
        u32::from_be_bytes(bytes[16..20].try_into().unwrap()),
        u32::from_be_bytes(bytes[20..24].try_into().unwrap()),
    );
    assert_eq!((width, height), (960, 540));
}

#[test]
fn feedback_lists_every_answer_newest_first() {
    let env = history();
    env.ok(&["reply", "9", "Loved the take-home.", "--on", "2026-11-20"]);
    let answers = env.json(&["feedback", "--json"]);
    assert_eq!(
        answers,
        json!([
            {"id": 9, "company": "Cyberdyne", "position": "Engineer", "on": "2026-11-20",
             "furthest_stage": "interviewing", "status": "interviewing", "text": "Loved the take-home."},
            {"id": 1, "company": "Acme", "position": "Engineer", "on": "2026-10-20",
             "furthest_stage": "interviewing", "status": "rejected",
             "text": "Strong interviews; we went with more Go experience."}
        ])
    );
    let text = env.ok(&["feedback"]);
    assert!(text.starts_with("2026-11-20  #9 Cyberdyne – Engineer  (got as far as interviewing; interviewing now)\n    Loved the take-home.\n"), "{text}");
    let empty = Env::new();
    empty.create_db();
    let run = empty.run(&["feedback"]).output();
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            0,
            "",
            "No answers recorded yet. When a company answers, record it with: tracker reply ID TEXT\n"
        )
    );
}

#[test]
fn the_demo_ends_with_its_stats() {
    let env = Env::new();
    let out = env.ok(&["demo"]);
    let tail = out.split("tracker stats").nth(1).expect("the demo runs tracker stats");
    assert!(tail.contains("4 applications sent"), "{tail}");
    assert!(tail.contains("  rejected          2"), "{tail}");
}
