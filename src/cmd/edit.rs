//! `tracker edit`: change an application's details (its history is changed only by events).

use anyhow::{Result, bail};

use crate::Ctx;
use crate::cli::{CLEARABLE, Details, Edit};
use crate::json::app_out;
use crate::mail::Mailbox;
use crate::model::{Fields, Input};
use crate::output::{inert, json, print};
use crate::store;

pub fn run(ctx: &mut Ctx, args: &Edit) -> Result<()> {
    for field in &args.clear {
        if !CLEARABLE.contains(&field.as_str()) {
            bail!("cannot clear {field:?} (clearable fields: {})", CLEARABLE.join(", "));
        }
    }
    let id = args.id;
    // The editor runs before the write transaction, so no lock is held while the person types; the changes
    // are applied to the fields as they are inside the transaction, so a concurrent edit is not undone.
    let edited = if args.edit_notes {
        let before = store::apps::get(ctx.store.conn(), id)?.fields.notes;
        let text = crate::editor::edit(before.as_deref().unwrap_or(""))?;
        let notes = normalize(Some(&text));
        (notes != normalize(before.as_deref())).then_some(EditedNotes { before, notes })
    } else {
        None
    };
    let outcome = ctx.store.write(|tx| {
        let current = store::apps::get(tx, id)?.fields;
        if let Some(edited) = &edited
            && current.notes != edited.before
            && normalize(current.notes.as_deref()) != edited.notes
        {
            return Ok(Outcome::Conflict);
        }
        let input = if args.details.email.is_some() {
            Input::Options
        } else {
            Input::Stored { id }
        };
        let updated = apply(current.clone(), args, edited.as_ref().map(|e| e.notes.clone())).normalized(input)?;
        if updated == current {
            if args.edit_notes {
                return Ok(Outcome::Unchanged(updated));
            }
            if args_given(args) {
                bail!("nothing to change: application {id} already has these details");
            }
            bail!("nothing to change (give an option such as --company or --contact; see: tracker edit --help)");
        }
        store::apps::update_fields(tx, id, &updated)?;
        Ok(Outcome::Updated(updated))
    })?;
    let (verb, fields) = match outcome {
        Outcome::Updated(fields) => ("Updated application", fields),
        Outcome::Unchanged(fields) => ("Notes unchanged for application", fields),
        Outcome::Conflict => {
            let text = edited.and_then(|e| e.notes).unwrap_or_default();
            print(&format!("{text}\n"))?;
            bail!(
                "the notes of application {id} changed while the editor was open, so your text was not saved (it is printed above; merge it with: tracker edit {id} --edit-notes)"
            );
        }
    };
    if args.json.json {
        return Ok(print(&json(&app_out(&store::load(ctx.store.conn(), id)?)))?);
    }
    Ok(print(&format!(
        "{verb} {id} ({} at {}).",
        inert(&fields.position),
        inert(&fields.company)
    ))?)
}

/// Notes from the editor as they are compared and stored: no trailing line breaks; blank means none.
fn normalize(text: Option<&str>) -> Option<String> {
    let text = text?.trim_end_matches('\n');
    (!text.trim().is_empty()).then(|| text.to_owned())
}

/// Notes the person changed in the editor, and the notes they started from.
struct EditedNotes {
    before: Option<String>,
    notes: Option<String>,
}

enum Outcome {
    Updated(Fields),
    Unchanged(Fields),
    Conflict,
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

/// Whether any change was asked for (as opposed to `tracker edit ID` alone).
fn args_given(args: &Edit) -> bool {
    let d = &args.details;
    args.company.is_some()
        || args.position.is_some()
        || !args.clear.is_empty()
        || !args.add_tags.is_empty()
        || !args.remove_tags.is_empty()
        || [
            &d.url,
            &d.location,
            &d.source,
            &d.salary,
            &d.notes,
            &d.contact,
            &d.email,
            &d.salutation,
        ]
        .iter()
        .any(|v| v.is_some())
}
