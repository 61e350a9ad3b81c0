//! tracker's own JSON export, read back: the whole array is checked before anything is written.

use anyhow::{Context, Result, bail};
use serde_path_to_error::Segment;

use super::Row;
use crate::clock::Clock;
use crate::json::AppIn;
use crate::model::State;

pub fn read(text: &str, clock: Clock) -> Result<Vec<Row>> {
    let apps = parse(text.as_bytes())?;
    let mut rows = Vec::with_capacity(apps.len());
    for (index, app) in apps.into_iter().enumerate() {
        let incoming = app.into_incoming(clock).with_context(|| format!("element {index}"))?;
        State::replay(&incoming.events, clock.today).with_context(|| format!("element {index}"))?;
        rows.push(Row {
            number: index,
            incoming,
        });
    }
    Ok(rows)
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
