//! `tracker followup`: print the follow-up email for a rejection, or record that it was sent.

use anyhow::{Result, bail};

use crate::cli::{DraftFormat, Followup};
use crate::dates::{format_day, parse_date};
use crate::mail::{self, Mailbox, one_line};
use crate::model::followup::{self, since_last_status};
use crate::model::{Application, Event, EventKind, FollowupKind, Status};
use crate::output::{inert, inert_with, print, say};
use crate::template::{self, Vars};
use crate::{Ctx, store};

pub fn run(ctx: &mut Ctx, args: &Followup) -> Result<()> {
    if args.sent {
        return record_sent(ctx, args);
    }
    let kind = args.kind.unwrap_or(ctx.config.kind);
    let app = store::load(ctx.store.conn(), args.id)?;
    followup::rejection(&app)?;
    let Some(sender) = ctx.config.user_name.clone() else {
        bail!("user.name is not set, and drafts are signed with it (run: tracker config set user.name \"Your Name\")");
    };
    let source = template::load(&ctx.paths.templates(), kind)?;
    let draft = template::render(&source, &vars(&app, sender, ctx.config.user_email.clone(), kind))?;
    let f = &app.fields;
    let to = f
        .contact_email
        .as_deref()
        .and_then(|email| Mailbox::new(f.contact_name.as_deref(), email));
    if let (Some(email), None) = (&f.contact_email, &to) {
        say(&format!(
            "tracker: contact email \"{}\" is not one valid address, so the draft has no recipient (fix it with: tracker edit {} --email ADDRESS)",
            inert(email),
            app.id
        ));
    }
    let from = ctx
        .config
        .user_email
        .as_deref()
        .and_then(|email| Mailbox::new(ctx.config.user_name.as_deref(), email));
    if args.to_drafts {
        return super::to_drafts::put(ctx, &app, kind, &draft, from.as_ref(), to.as_ref());
    }
    let text = match args.format {
        DraftFormat::Text => {
            let mut text = String::new();
            if let Some(to) = &to {
                let name = to.name.as_ref().map_or_else(String::new, |n| format!("{n} "));
                text.push_str(&format!("To: {name}<{}>\n", to.email));
            }
            text.push_str(&format!("Subject: {}\n\n{}", one_line(&draft.subject), draft.body));
            inert_with(&text, true).into_owned()
        }
        DraftFormat::Eml => mail::eml(&draft, from.as_ref(), to.as_ref(), ctx.clock.now)?,
        DraftFormat::Mailto => mail::mailto(&draft, to.as_ref()),
    };
    // Remembered so that `--sent` records the email that was printed.
    let (id, now) = (app.id, ctx.clock.now);
    ctx.store.write(|tx| store::drafts::record(tx, id, kind, now))?;
    Ok(print(&text)?)
}

fn vars(app: &Application, sender: String, sender_email: Option<String>, kind: FollowupKind) -> Vars {
    let f = &app.fields;
    // Every value is one line: a line break in a field must not end the subject line or start a new one.
    let present = |v: &Option<String>| v.as_deref().map(one_line).filter(|s| !s.is_empty());
    let greeting = present(&f.contact_salutation)
        .or_else(|| present(&f.contact_name))
        .unwrap_or_else(|| "Hiring Manager".into());
    let interviewed = app.furthest_stage().and_then(Status::stage) >= Status::Interviewing.stage();
    Vars {
        sender: one_line(&sender),
        sender_email: one_line(&sender_email.unwrap_or_default()),
        company: one_line(&f.company),
        position: one_line(&f.position),
        greeting,
        contact: present(&f.contact_name).unwrap_or_default(),
        interviewed,
        rejected_on: format_day(app.status_on),
        kind,
    }
}

fn record_sent(ctx: &mut Ctx, args: &Followup) -> Result<()> {
    let on = parse_date(args.on.as_deref().unwrap_or("today"), ctx.clock.today)?;
    let (id, clock, configured) = (args.id, ctx.clock, ctx.config.kind);
    let (app, kind) = ctx.store.write(|tx| {
        let app = store::load(tx, id)?;
        followup::rejection(&app)?;
        if let Some(sent) = since_last_status(&app.events)
            .iter()
            .find(|e| e.kind == EventKind::Followup)
        {
            bail!(
                "a follow-up to application {id} was already recorded on {}",
                format_day(sent.on)
            );
        }
        let printed = store::drafts::last_since_status(tx, id)?;
        let kind = followup::sent_kind(args.kind, printed, configured);
        let event = Event {
            template: Some(kind),
            ..Event::new(EventKind::Followup, on, clock.now)
        };
        store::record(tx, &app, &event, clock.today)?;
        Ok((app, kind))
    })?;
    let f = &app.fields;
    let sentence = format!(
        "Recorded the follow-up to {} about {} ({kind}, {}); no more reminders for it.",
        inert(&f.company),
        inert(&f.position),
        format_day(on)
    );
    Ok(print(&sentence)?)
}
