//! `tracker import`: read applications from tracker's export, LinkedIn, JobSync, Simplify or a spreadsheet;
//! all or nothing.

use std::io::Read;

use anyhow::{Context, Result};

use crate::Ctx;
use crate::cli::{Import, ImportFormat, OnDuplicate};
use crate::interop::{self, File, Kind, Plan, Request, Rule, columns};
use crate::output::{json, print, say};
use crate::store;

mod report;

pub fn run(ctx: &mut Ctx, args: &Import) -> Result<()> {
    let map = match &args.map {
        Some(spec) => columns::parse_map(spec)?,
        None => Vec::new(),
    };
    let rule = match &args.date_format {
        Some(format) => Rule::Format(format.clone()),
        None => Rule::Auto(None),
    };
    let request = Request {
        format: match args.format {
            ImportFormat::Auto => None,
            ImportFormat::Json => Some(None),
            ImportFormat::Csv => Some(Some(Kind::Spreadsheet)),
            ImportFormat::Linkedin => Some(Some(Kind::LinkedinApplications)),
            ImportFormat::Jobsync => Some(Some(Kind::Jobsync)),
            ImportFormat::Simplify => Some(Some(Kind::Simplify)),
        },
        map: &map,
        rule: &rule,
        clock: ctx.clock,
    };
    let mut files = Vec::with_capacity(args.files.len());
    let mut stdin_read = false;
    for path in &args.files {
        let (name, bytes) = if path.as_os_str() == "-" {
            if std::mem::replace(&mut stdin_read, true) {
                anyhow::bail!("- (stdin) is named twice (give it once)");
            }
            let mut buffer = Vec::new();
            std::io::stdin().read_to_end(&mut buffer).context("cannot read stdin")?;
            ("stdin".to_owned(), buffer)
        } else {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            (path.display().to_string(), bytes)
        };
        files.push(interop::read_file(&name, &bytes, &request)?);
    }
    let on_duplicate = match args.on_duplicate {
        OnDuplicate::Skip => interop::OnDuplicate::Skip,
        OnDuplicate::Add => interop::OnDuplicate::Add,
        OnDuplicate::Fail => interop::OnDuplicate::Fail,
    };
    let existing = store::import::keys(ctx.store.conn())?;
    let plan = interop::plan(&files, existing, on_duplicate)?;
    if !args.dry_run {
        write(ctx, &files, &plan)?;
    }
    if args.json.json {
        return Ok(print(&json(&report::json(&files, &plan, args.dry_run)))?);
    }
    if args.dry_run {
        return Ok(print(&report::dry_run(&files, &plan, ctx.style))?);
    }
    for line in report::notices(&files, &plan) {
        say(&line);
    }
    Ok(print(&format!(
        "Imported {}.",
        crate::output::plural(plan.add.len(), "application")
    ))?)
}

/// Writes the planned rows in one transaction; an error names the file and row and writes nothing.
fn write(ctx: &mut Ctx, files: &[File], plan: &Plan) -> Result<()> {
    let clock = ctx.clock;
    // One transaction holds every row: a page cache big enough for the indexes being built (the search index
    // above all) keeps SQLite from spilling and rereading pages. Memory is used only as needed.
    ctx.store.conn().pragma_update(None, "cache_size", -131_072)?;
    ctx.store.conn().pragma_update(None, "temp_store", "MEMORY")?;
    ctx.store.write(|tx| {
        for &(f, r) in &plan.add {
            let (file, row) = (&files[f], &files[f].rows[r]);
            let app = &row.incoming;
            store::create(tx, &app.fields, app.created_at, &app.events, clock.today)
                .with_context(|| format!("cannot import {}: {}", file.name, file.place(row)))?;
        }
        Ok(())
    })
}
