//! `tracker edit`: change an application's details (its history is changed only by events).

use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::Ctx;
use crate::cli::{Details, Edit};
use crate::json::app_out;
use crate::mail::Mailbox;
use crate::model::{Fields, Input};
use crate::output::{inert, json, print};
use crate::store;

const CLEARABLE: &[&str] = &[
    "url",
    "location",
    "source",
    "salary",
    "notes",
    "contact",
    "email",
    "salutation",
    "tags",
];

pub fn run(ctx: &mut Ctx, args: &Edit) -> Result<()> {
    for field in &args.clear {
        if !CLEARABLE.contains(&field.as_str()) {
            bail!("cannot clear {field:?} (clearable fields: {})", CLEARABLE.join(", "));
        }
    }
    let id = args.id;
    // The editor runs before the write transaction, so no lock is held while the person types; the changes
    // are applied to the fields as they are inside the transaction, so a concurrent edit is not undone.
    let edited_notes = if args.edit_notes {
        let current = store::apps::get(ctx.store.conn(), id)?;
        Some(edit_in_editor(current.fields.notes.as_deref())?)
    } else {
        None
    };
    let updated = ctx.store.write(|tx| {
        let current = store::apps::get(tx, id)?.fields;
        let input = if args.details.email.is_some() {
            Input::Options
        } else {
            Input::Stored { id }
        };
        let updated = apply(current.clone(), args, edited_notes).normalized(input)?;
        if updated == current {
            bail!("nothing to change (give an option such as --company or --contact; see: tracker edit --help)");
        }
        store::apps::update_fields(tx, id, &updated)?;
        Ok(updated)
    })?;
    if args.json.json {
        return Ok(print(&json(&app_out(&store::load(ctx.store.conn(), id)?)))?);
    }
    Ok(print(&format!(
        "Updated application {id} ({} at {}).",
        inert(&updated.position),
        inert(&updated.company)
    ))?)
}

fn apply(mut f: Fields, args: &Edit, edited_notes: Option<Option<String>>) -> Fields {
    let clear = |name: &str| args.clear.iter().any(|c| c == name);
    let set = |slot: &mut Option<String>, name: &str, value: &Option<String>| {
        if clear(name) {
            *slot = None;
        }
        if let Some(value) = value {
            *slot = Some(value.clone());
        }
    };
    if let Some(company) = &args.company {
        f.company.clone_from(company);
    }
    if let Some(position) = &args.position {
        f.position.clone_from(position);
    }
    let Details {
        url,
        location,
        source,
        salary,
        notes,
        contact,
        email,
        salutation,
    } = &args.details;
    set(&mut f.url, "url", url);
    set(&mut f.location, "location", location);
    set(&mut f.source, "source", source);
    set(&mut f.salary, "salary", salary);
    set(&mut f.notes, "notes", notes);
    set(&mut f.contact_name, "contact", contact);
    // The name in `--email "Name <address>"` replaces the stored one, unless --contact gives one.
    if contact.is_none()
        && email
            .as_deref()
            .and_then(Mailbox::parse)
            .is_some_and(|m| m.name.is_some())
    {
        f.contact_name = None;
    }
    set(&mut f.contact_email, "email", email);
    set(&mut f.contact_salutation, "salutation", salutation);
    if let Some(notes) = edited_notes {
        f.notes = notes;
    }
    if clear("tags") {
        f.tags.clear();
    }
    f.tags.retain(|t| !args.remove_tags.contains(t));
    for tag in &args.add_tags {
        if !f.tags.contains(tag) {
            f.tags.push(tag.clone());
        }
    }
    f
}

/// Opens the notes in `$VISUAL` or `$EDITOR` (run directly, never through a shell); empty text clears them.
fn edit_in_editor(notes: Option<&str>) -> Result<Option<String>> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|v| !v.trim().is_empty()))
        .context("set VISUAL or EDITOR to edit notes (or use --notes TEXT)")?;
    let mut words = editor.split_whitespace();
    let program = words.next().context("VISUAL/EDITOR is empty")?;
    let dir = tempfile_dir()?;
    let path = dir.join("notes.txt");
    crate::private::write_file(&path, notes.unwrap_or("").as_bytes())?;
    let status = Command::new(program).args(words).arg(&path).status();
    let text = std::fs::read_to_string(&path);
    let _ = std::fs::remove_dir_all(&dir);
    let status = status.with_context(|| format!("cannot start the editor {program:?}"))?;
    if !status.success() {
        bail!("the editor {program:?} failed ({status}); notes left unchanged");
    }
    let text = text.context("cannot read the edited notes")?;
    let text = text.trim_end_matches('\n');
    Ok((!text.trim().is_empty()).then(|| text.to_owned()))
}

fn tempfile_dir() -> Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("tracker-edit-{}", std::process::id()));
    crate::private::create_dir(&dir)?;
    Ok(dir)
}
