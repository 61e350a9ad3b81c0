//! `tracker feedback`: every answer recorded, newest first — what to reread before the next application.

use anyhow::Result;
use serde::Serialize;

use crate::Ctx;
use crate::cli::Feedback;
use crate::dates::format_day;
use crate::model::Status;
use crate::output::{inert, inert_with, json, print, say};
use crate::store::feedback::{Answer, answers};

#[derive(Serialize)]
struct AnswerOut<'a> {
    id: i64,
    company: &'a str,
    position: &'a str,
    on: String,
    furthest_stage: Option<Status>,
    status: Status,
    text: Option<&'a str>,
}

fn furthest(answer: &Answer) -> Option<Status> {
    answer.furthest
}

pub fn run(ctx: &mut Ctx, args: &Feedback) -> Result<()> {
    let answers = answers(ctx.store.conn())?;
    if args.json.json {
        let out: Vec<_> = answers
            .iter()
            .map(|a| AnswerOut {
                id: a.app_id,
                company: &a.company,
                position: &a.position,
                on: format_day(a.on),
                furthest_stage: furthest(a),
                status: a.status,
                text: a.text.as_deref(),
            })
            .collect();
        return Ok(print(&json(&out))?);
    }
    if answers.is_empty() {
        say("No answers recorded yet. When a company answers, record it with: tracker reply ID TEXT");
        return Ok(());
    }
    let mut out = String::new();
    for a in &answers {
        let stage = furthest(a).map_or_else(String::new, |s| format!("got as far as {s}; "));
        out.push_str(&ctx.style.bold(&format!(
            "{}  #{} {} – {}",
            format_day(a.on),
            a.app_id,
            inert(&a.company),
            inert(&a.position)
        )));
        out.push_str(&format!("  ({stage}{} now)\n", a.status));
        let text = a.text.as_deref().map(|t| inert_with(t, true)).unwrap_or_default();
        for line in text.lines() {
            out.push_str(&format!("    {line}\n"));
        }
        out.push('\n');
    }
    Ok(print(out.trim_end())?)
}
