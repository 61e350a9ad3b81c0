//! What `import` says: the dry run's preview, the notices of a real run, and the JSON of both.

use serde_json::{Value, json};

use crate::dates::format_day;
use crate::interop::{File, Plan, history};
use crate::output::{Style, inert};

/// Rows shown in a dry run's table.
const PREVIEW: usize = 10;

fn duplicate_line(files: &[File], plan: &Plan, index: usize) -> String {
    let d = &plan.duplicates[index];
    let (file, row) = (&files[d.file], &files[d.file].rows[d.row]);
    let what = match d.existing {
        Some(id) => format!("already application {id}"),
        None => "repeats an earlier row".to_owned(),
    };
    format!(
        "{} {}: {} at {}, {}: {what}",
        file.name,
        file.place(row),
        inert(row.incoming.fields.position.trim()),
        inert(row.incoming.fields.company.trim()),
        format_day(d.day)
    )
}

fn unrecognised_line(file: &File) -> Option<String> {
    let first = file.unrecognised.first()?;
    let names: Vec<String> = file.unrecognised.iter().map(|c| format!("{:?}", inert(c))).collect();
    Some(format!(
        "{}: columns kept in the notes, as nothing names them: {} (name one with --map '{}=FIELD')",
        file.name,
        names.join(", "),
        inert(first)
    ))
}

/// Lines for stderr after a real import: columns kept in the notes, duplicates left out.
pub fn notices(files: &[File], plan: &Plan) -> Vec<String> {
    let mut lines: Vec<String> = files.iter().filter_map(unrecognised_line).collect();
    if !plan.duplicates.is_empty() {
        lines.push(format!(
            "Left out {} duplicates (--on-duplicate add imports them anyway):",
            plan.duplicates.len()
        ));
        let shown = plan.duplicates.len().min(PREVIEW);
        lines.extend((0..shown).map(|i| format!("  {}", duplicate_line(files, plan, i))));
        if plan.duplicates.len() > shown {
            lines.push(format!(
                "  … and {} more (see them all with --dry-run)",
                plan.duplicates.len() - shown
            ));
        }
    }
    lines
}

/// The dry run: counts, the first rows as a table, duplicates and unrecognised columns.
pub fn dry_run(files: &[File], plan: &Plan, style: Style) -> String {
    let mut out = String::new();
    for file in files {
        let separator = match file.separator {
            Some('\t') => ", tab-separated".to_owned(),
            Some(c) => format!(", separated by {c:?}"),
            None => String::new(),
        };
        out.push_str(&format!(
            "{}: {}, {}{separator}, {} rows\n",
            file.name,
            file.format,
            file.encoding,
            file.rows.len()
        ));
    }
    out.push_str(&format!(
        "Would import {} applications; {} duplicates would be left out. Nothing was written.\n",
        plan.add.len(),
        plan.duplicates.len()
    ));
    if !plan.add.is_empty() {
        let mut table = style.table(&["File", "Row", "Company", "Position", "Status", "Applied", "Since"]);
        for &(f, r) in plan.add.iter().take(PREVIEW) {
            let (file, row) = (&files[f], &files[f].rows[r]);
            let app = &row.incoming;
            let last = app.events.iter().rev().find_map(|e| e.status.map(|s| (s, e.on)));
            let (status, since) = last.expect("every application has a status event");
            table.add_row(vec![
                style.text(&file.name),
                style.text(&file.place(row).to_string()),
                style.text(&app.fields.company),
                style.text(&app.fields.position),
                style.status(status),
                style.text(&history::applied_on(&app.events).map(format_day).unwrap_or_default()),
                style.text(&format_day(since)),
            ]);
        }
        out.push_str(&table.to_string());
        out.push('\n');
        if plan.add.len() > PREVIEW {
            out.push_str(&format!("… and {} more\n", plan.add.len() - PREVIEW));
        }
    }
    if !plan.duplicates.is_empty() {
        out.push_str("Duplicates:\n");
        for i in 0..plan.duplicates.len() {
            out.push_str(&format!("  {}\n", duplicate_line(files, plan, i)));
        }
    }
    for line in files.iter().filter_map(unrecognised_line) {
        out.push_str(&line);
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// `--json`: the same facts, for scripts.
pub fn json(files: &[File], plan: &Plan, dry_run: bool) -> Value {
    let place = |f: usize, r: usize| {
        let (file, row) = (&files[f], &files[f].rows[r]);
        json!({"file": file.name, "place": file.place(row).to_string()})
    };
    let applications: Vec<Value> = plan
        .add
        .iter()
        .map(|&(f, r)| {
            let app = &files[f].rows[r].incoming;
            let mut value = place(f, r);
            let last = app.events.iter().rev().find_map(|e| e.status.map(|s| (s, e.on)));
            value["company"] = json!(app.fields.company);
            value["position"] = json!(app.fields.position);
            value["status"] = json!(last.map(|(s, _)| s));
            value["status_on"] = json!(last.map(|(_, on)| format_day(on)));
            value["applied_on"] = json!(history::applied_on(&app.events).map(format_day));
            value
        })
        .collect();
    let duplicates: Vec<Value> = plan
        .duplicates
        .iter()
        .map(|d| {
            let app = &files[d.file].rows[d.row].incoming;
            let mut value = place(d.file, d.row);
            value["company"] = json!(app.fields.company);
            value["position"] = json!(app.fields.position);
            value["applied_on"] = json!(format_day(d.day));
            value["existing_id"] = json!(d.existing);
            value
        })
        .collect();
    json!({
        "dry_run": dry_run,
        "imported": if dry_run { 0 } else { plan.add.len() },
        "would_import": plan.add.len(),
        "files": files.iter().map(|f| json!({
            "file": f.name,
            "format": f.format,
            "encoding": f.encoding,
            "separator": f.separator.map(String::from),
            "rows": f.rows.len(),
            "unrecognised_columns": f.unrecognised,
        })).collect::<Vec<_>>(),
        "applications": applications,
        "duplicates": duplicates,
    })
}
