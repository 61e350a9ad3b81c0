//! `tracker import`: read applications written by `export`, all or nothing.

use std::io::Read;

use anyhow::{Context, Result, bail};
use serde_path_to_error::Segment;

use crate::Ctx;
use crate::cli::Import;
use crate::json::AppIn;
use crate::output::print;
use crate::store;

pub fn run(ctx: &mut Ctx, args: &Import) -> Result<()> {
    let bytes = if args.file.as_os_str() == "-" {
        let mut buffer = Vec::new();
        std::io::stdin().read_to_end(&mut buffer).context("cannot read stdin")?;
        buffer
    } else {
        std::fs::read(&args.file).with_context(|| format!("cannot read {}", args.file.display()))?
    };
    let source = if args.file.as_os_str() == "-" {
        "stdin".to_owned()
    } else {
        args.file.display().to_string()
    };
    let apps = parse(&bytes).with_context(|| format!("cannot import {source}"))?;
    let clock = ctx.clock;
    let mut incoming = Vec::with_capacity(apps.len());
    for (index, app) in apps.into_iter().enumerate() {
        let app = app
            .into_incoming(clock)
            .with_context(|| format!("cannot import {source}: element {index}"))?;
        incoming.push(app);
    }
    // One transaction holds every row: a page cache big enough for the indexes being built (the search index
    // above all) keeps SQLite from spilling and rereading pages. Memory is used only as needed.
    ctx.store.conn().pragma_update(None, "cache_size", -131_072)?;
    ctx.store.conn().pragma_update(None, "temp_store", "MEMORY")?;
    let count = ctx.store.write(|tx| {
        for (index, app) in incoming.iter().enumerate() {
            store::create(tx, &app.fields, app.created_at, &app.events, clock.today)
                .with_context(|| format!("cannot import {source}: element {index}"))?;
        }
        Ok(incoming.len())
    })?;
    Ok(print(&format!(
        "Imported {}.",
        crate::output::plural(count, "application")
    ))?)
}

/// Parses the whole document; an error names the element and field.
fn parse(bytes: &[u8]) -> Result<Vec<AppIn>> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, Vec<AppIn>>(&mut deserializer) {
        Ok(apps) => {
            deserializer.end().context("unexpected data after the JSON array")?;
            Ok(apps)
        }
        Err(error) => {
            let inner = error.inner();
            if inner.is_syntax() || inner.is_eof() {
                bail!("not valid JSON: {inner}");
            }
            let mut segments = error.path().iter();
            let Some(Segment::Seq { index }) = segments.next() else {
                bail!("expected a JSON array of applications, as written by tracker export");
            };
            let field: String = segments
                .map(|segment| match segment {
                    Segment::Seq { index } => format!("[{index}]"),
                    Segment::Map { key } => format!(".{key}"),
                    Segment::Enum { variant } => format!(".{variant}"),
                    Segment::Unknown => ".?".to_owned(),
                })
                .collect();
            match field.strip_prefix('.') {
                Some(field) => bail!("element {index}, field {field}: {inner}"),
                None => bail!("element {index}: {inner}"),
            }
        }
    }
}
