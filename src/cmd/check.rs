//! `tracker check`: is the database sound? Integrity, foreign keys, history, schema objects, values, schema
//! version and counts.

use anyhow::{Result, bail};
use serde::Serialize;

use crate::Ctx;
use crate::cli::Check;
use crate::output::{inert, json, print};
use crate::store::{LATEST_VERSION, health};

#[derive(Serialize)]
struct Report {
    database: String,
    schema_version: i64,
    integrity: Vec<String>,
    foreign_keys: Vec<String>,
    history: Vec<String>,
    schema: Vec<String>,
    values: Vec<String>,
    counts: std::collections::BTreeMap<&'static str, i64>,
    ok: bool,
}

pub fn run(ctx: &mut Ctx, args: &Check) -> Result<()> {
    let conn = ctx.store.conn();
    let integrity = health::integrity_problems(conn)?;
    // The other checks read every row: they are only meaningful on a sound file.
    let (foreign_keys, history, schema, values, counts) = if integrity.is_empty() {
        (
            health::foreign_key_problems(conn)?,
            health::history_problems(conn)?,
            health::schema_problems(conn)?,
            health::value_problems(conn)?,
            health::counts(conn)?,
        )
    } else {
        Default::default()
    };
    let ok = [&integrity, &foreign_keys, &history, &schema, &values]
        .iter()
        .all(|problems| problems.is_empty());
    let report = Report {
        database: ctx.paths.db.display().to_string(),
        schema_version: health::schema_version(conn)?,
        integrity,
        foreign_keys,
        history,
        schema,
        values,
        counts: counts.into_iter().collect(),
        ok,
    };
    print(&if args.json.json { json(&report) } else { render(&report) })?;
    if !report.ok {
        bail!("the database has problems (see above); restore a backup (see the README), or export what still reads");
    }
    Ok(())
}

fn render(report: &Report) -> String {
    let verdict = |problems: &[String]| {
        if problems.is_empty() {
            "ok".to_owned()
        } else {
            let lines: Vec<String> = problems.iter().take(20).map(|p| format!("\n  {}", inert(p))).collect();
            format!("{} problem(s):{}", problems.len(), lines.concat())
        }
    };
    let mut out = format!(
        "database       {}\nschema         version {} (this tracker writes {LATEST_VERSION})\nintegrity      {}\n",
        inert(&report.database),
        report.schema_version,
        verdict(&report.integrity)
    );
    if report.integrity.is_empty() {
        out.push_str(&format!(
            "foreign keys   {}\nhistory        {}\nschema objects {}\nvalues         {}\n",
            verdict(&report.foreign_keys),
            verdict(&report.history),
            verdict(&report.schema),
            verdict(&report.values)
        ));
        for (table, n) in &report.counts {
            out.push_str(&format!("{table:<14} {n}\n"));
        }
    }
    out
}
