//! Recognition and extraction measured on the labelled corpus in `tests/fixtures/mail/corpus/` (and on a held-out
//! set in `tests/fixtures/mail/holdout/` when there is one): precision and recall per kind, company accuracy.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use tracker::mail::extract::{extract, normalise_company};
use tracker::mail::message::parse;
use tracker::mail::recognise::{Kind, Rules};

const ME: &str = "sam@example.org";

struct Row {
    file: String,
    kind: String,
    company: String,
}

/// Reads `labels.csv` (file,kind,company,position,day; fields may be quoted).
fn labels(dir: &Path) -> Vec<Row> {
    let text = std::fs::read_to_string(dir.join("labels.csv")).expect("labels.csv");
    let mut rows = Vec::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields = csv_fields(line);
        rows.push(Row {
            file: fields[0].clone(),
            kind: fields[1].clone(),
            company: fields.get(2).cloned().unwrap_or_default(),
        });
    }
    rows
}

fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

#[derive(Default)]
struct Count {
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
}

impl Count {
    fn precision(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    fn recall(&self) -> f64 {
        ratio(self.true_pos, self.true_pos + self.false_neg)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

struct Figures {
    counts: BTreeMap<&'static str, Count>,
    never_proposed: Vec<String>,
    companies: (usize, usize),
    messages: usize,
}

fn measure(dir: &Path, name: &str) -> Figures {
    let rules = Rules::builtin();
    let me = vec![ME.to_owned()];
    let mut counts: BTreeMap<&'static str, Count> = Kind::ALL.iter().map(|k| (k.as_str(), Count::default())).collect();
    let mut never_proposed = Vec::new();
    let mut companies = (0, 0);
    let mut err = std::io::stderr().lock();
    let rows = labels(dir);
    for row in &rows {
        let raw = std::fs::read(dir.join(&row.file)).unwrap_or_else(|e| panic!("{}: {e}", row.file));
        let parsed = parse(&raw).unwrap_or_else(|| panic!("{} does not parse", row.file));
        let verdict = rules.recognise(&parsed, &me);
        let got = verdict.as_ref().map_or("none", |v| v.kind.as_str());
        // The held-out set is only ever measured: its messages are not shown, so rules are never fitted to it.
        if got != row.kind && name != "holdout" {
            let _ = writeln!(
                err,
                "  {name}: {} labelled {} recognised {got}: {:?}",
                row.file,
                row.kind,
                verdict.as_ref().map(|v| &v.evidence)
            );
            if std::env::var_os("CORPUS_SHOW_TEXT").is_some() {
                let _ = writeln!(
                    err,
                    "    subject {:?} from {:?} <{:?}>\n    {}",
                    parsed.subject,
                    parsed.from_name,
                    parsed.from_address,
                    parsed.text.replace('\n', "\n    ")
                );
                let _ = writeln!(err, "    found: {}", rules.explain(&parsed).join("; "));
            }
        }
        if let Some(c) = counts.get_mut(got) {
            if got == row.kind {
                c.true_pos += 1
            } else {
                c.false_pos += 1
            }
        }
        if got != row.kind
            && let Some(c) = counts.get_mut(row.kind.as_str())
        {
            c.false_neg += 1;
        }
        let slug = row.file.to_lowercase();
        let from = parsed.from_address.as_deref().unwrap_or("");
        let board = rules.is_job_board_domain(from.rsplit_once('@').map_or("", |(_, d)| d));
        let alert = board
            || parsed.list
            || [
                "alert",
                "newsletter",
                "digest",
                "recommend",
                "jobs",
                "linkedin",
                "indeed",
                "glassdoor",
                "stepstone",
                "xing",
            ]
            .iter()
            .any(|w| slug.contains(w));
        if row.kind == "none" && alert && verdict.is_some() {
            never_proposed.push(row.file.clone());
        }
        if !row.company.is_empty() && row.kind != "none" {
            companies.1 += 1;
            let extracted = extract(&parsed, &rules);
            let ok = extracted
                .company
                .as_deref()
                .is_some_and(|c| normalise_company(c) == normalise_company(&row.company));
            if ok {
                companies.0 += 1;
            } else if name != "holdout" {
                let _ = writeln!(
                    err,
                    "  {name}: {} company {:?} extracted {:?}",
                    row.file, row.company, extracted.company
                );
            }
        }
    }
    Figures {
        counts,
        never_proposed,
        companies,
        messages: rows.len(),
    }
}

fn print(name: &str, f: &Figures) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "\n{name}: {} messages", f.messages);
    let _ = writeln!(err, "| kind | precision | recall | true pos | false pos | false neg |");
    let _ = writeln!(err, "|---|---|---|---|---|---|");
    for (kind, c) in &f.counts {
        let _ = writeln!(
            err,
            "| {kind} | {:.3} | {:.3} | {} | {} | {} |",
            c.precision(),
            c.recall(),
            c.true_pos,
            c.false_pos,
            c.false_neg
        );
    }
    let _ = writeln!(
        err,
        "company extracted: {}/{} = {:.3}",
        f.companies.0,
        f.companies.1,
        ratio(f.companies.0, f.companies.1)
    );
}

#[test]
fn corpus_precision_and_recall() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail");
    let corpus = measure(&root.join("corpus"), "corpus");
    print("corpus", &corpus);
    let corpus2 = measure(&root.join("corpus-2"), "corpus-2");
    print("corpus-2", &corpus2);
    let holdout_dir = root.join("holdout");
    let holdout = holdout_dir
        .join("labels.csv")
        .exists()
        .then(|| measure(&holdout_dir, "holdout"));
    if let Some(h) = &holdout {
        print("holdout", h);
    }
    // Development sets must meet the bars; the held-out one is only reported (README, BENCHMARKS).
    let bars = [
        ("rejection", 0.97, 0.90),
        ("applied", 0.95, 0.85),
        ("interview", 0.95, 0.85),
        ("offer", 0.9, 0.0),
        ("reply", 0.9, 0.0),
    ];
    let mut failures = Vec::new();
    for (set, figures) in [("corpus", &corpus), ("corpus-2", &corpus2)] {
        for (kind, precision, recall) in bars {
            let c = &figures.counts[kind];
            if c.precision() < precision || c.recall() < recall {
                failures.push(format!(
                    "{set}: {kind}: precision {:.3} (bar {precision}), recall {:.3} (bar {recall})",
                    c.precision(),
                    c.recall()
                ));
            }
        }
    }
    for f in [Some(&corpus), Some(&corpus2), holdout.as_ref()].into_iter().flatten() {
        if !f.never_proposed.is_empty() {
            failures.push(format!("job alerts or newsletters proposed: {:?}", f.never_proposed));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Recognition and extraction of 10,000 parsed messages (the corpus over and over); prints the time taken.
#[test]
fn ten_thousand_messages_are_recognised_quickly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mail/corpus");
    let parsed: Vec<_> = labels(&dir)
        .iter()
        .filter_map(|row| parse(&std::fs::read(dir.join(&row.file)).ok()?))
        .collect();
    let rules = Rules::builtin();
    let me = vec![ME.to_owned()];
    let start = std::time::Instant::now();
    let mut proposals = 0;
    for m in parsed.iter().cycle().take(10_000) {
        if rules.recognise(m, &me).is_some() {
            proposals += 1;
            std::hint::black_box(extract(m, &rules));
        }
    }
    let elapsed = start.elapsed();
    let _ = writeln!(
        std::io::stderr(),
        "10,000 messages recognised in {elapsed:.2?} ({proposals} proposals)"
    );
    assert!(proposals > 0);
}
