//! `tracker followup`: print the follow-up email that is due (a rejection's, a check-in, a thank-you note),
//! let the person edit it, or record that it was sent.

use anyhow::{Result, bail};

use crate::cli::{DraftFormat, Followup};
use crate::dates::{format_day, parse_date};
use crate::lint::Checker;
use crate::mail::{self, Mailbox, one_line};
use crate::model::followup::{self, DueKind, since_last_status};
use crate::model::{Application, Event, EventKind, FollowupKind, Status};
use crate::output::{inert, inert_with, print, say};
use crate::template::{self, Draft, Origin, Vars, greeting, join_names, sentence};
use crate::{Ctx, store};

pub fn run(ctx: &mut Ctx, args: &Followup) -> Result<()> {
    if args.sent {
        return record_sent(ctx, args);
    }
    let app = store::load(ctx.store.conn(), args.id)?;
    let due = followup::current(&app, ctx.clock.today, ctx.config.delays)?;
    let kind = args.kind.unwrap_or_else(|| template_of(due, ctx.config.kind));
    let Some(sender) = ctx.config.user_name.clone() else {
        bail!("user.name is not set, and drafts are signed with it (run: tracker config set user.name \"Your Name\")");
    };
    let checker = Checker::with_user_file(&ctx.paths.lint_phrases())?;
    let kept =
        store::drafts::kept(ctx.store.conn(), app.id)?.filter(|(k, _)| args.kind.is_none_or(|named| named == *k));
    let (kind, draft, edited) = match kept {
        Some((kept_kind, draft)) if !args.edit && args.detail.is_none() => {
            say(&format!(
                "tracker: this is the draft you edited (change it with: tracker followup {} --edit)",
                app.id
            ));
            (kept_kind, draft, false)
        }
        kept => {
            let source = template::load(&ctx.paths.templates(), kind)?;
            let vars = vars(
                &app,
                sender,
                ctx.config.user_email.clone(),
                kind,
                args.detail.as_deref(),
            );
            let draft = match kept {
                Some((_, draft)) if args.edit && args.detail.is_none() => draft,
                _ => template::render(&source, &vars)?,
            };
            // Built-in templates are tested against the checker; a custom one or the person's own sentence
            // is checked on every draft.
            if source.origin != Origin::BuiltIn || args.detail.is_some() {
                warn(&checker, &draft, kind);
            }
            if args.edit {
                let edited = edit(&draft)?;
                warn(&checker, &edited, kind);
                (kind, edited, true)
            } else {
                (kind, draft, false)
            }
        }
    };
    // Remembered so that `--sent` records the email that was printed; an edited draft is kept whole.
    let (id, now) = (app.id, ctx.clock.now);
    if edited {
        ctx.store
            .write(|tx| store::drafts::keep_edited(tx, id, kind, now, &draft))?;
    }
    if args.to_drafts {
        let (from, to) = mailboxes(ctx, &app);
        return super::to_drafts::put(ctx, &app, kind, &draft, from.as_ref(), to.as_ref());
    }
    let text = format(ctx, &app, &draft, args.format)?;
    if !edited {
        ctx.store.write(|tx| store::drafts::record(tx, id, kind, now))?;
    }
    Ok(print(&text)?)
}

/// The email for a due kind when `--kind` does not name one.
fn template_of(due: DueKind, rejection: FollowupKind) -> FollowupKind {
    due.template(rejection).unwrap_or(FollowupKind::Checkin)
}

/// The checker's findings on a draft, as warnings on stderr.
fn warn(checker: &Checker, draft: &Draft, kind: FollowupKind) {
    let findings = checker.check(&draft.body, Some(kind.word_limit()));
    if !findings.is_empty() {
        say(&format!(
            "tracker: warning: the draft has {} thing(s) a follow-up should not say:\n{}",
            findings.len(),
            crate::cmd::lint::render("draft", &findings)
        ));
    }
}

/// Opens the draft in the editor as `Subject: ...`, a blank line and the body, and reads it back.
fn edit(draft: &Draft) -> Result<Draft> {
    let text = crate::editor::edit_as(
        &format!("Subject: {}\n\n{}", draft.subject, draft.body),
        &crate::editor::DRAFT,
    )?;
    let text = text.replace("\r\n", "\n");
    let (subject, body) = match text.strip_prefix("Subject:") {
        Some(rest) => {
            let (subject, body) = rest.split_once('\n').unwrap_or((rest, ""));
            (one_line(subject.trim()), body)
        }
        None => (draft.subject.clone(), text.as_str()),
    };
    let body = body.trim_matches('\n').trim_end();
    if body.trim().is_empty() {
        bail!("the edited draft is empty, so nothing was kept (run --edit again to write it)");
    }
    Ok(Draft {
        subject,
        body: format!("{body}\n"),
    })
}

/// The sender (`user.name`, `user.email`) and the recipient (the contact), when each is one valid address; a
/// contact email that is not one is reported once.
fn mailboxes(ctx: &Ctx, app: &Application) -> (Option<Mailbox>, Option<Mailbox>) {
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
    (from, to)
}

/// The draft in the chosen format.
fn format(ctx: &Ctx, app: &Application, draft: &Draft, format: DraftFormat) -> Result<String> {
    let (from, to) = mailboxes(ctx, app);
    Ok(match format {
        DraftFormat::Text => {
            let mut text = String::new();
            if let Some(to) = &to {
                let name = to.name.as_ref().map_or_else(String::new, |n| format!("{n} "));
                text.push_str(&format!("To: {name}<{}>\n", to.email));
            }
            text.push_str(&format!("Subject: {}\n\n{}", one_line(&draft.subject), draft.body));
            inert_with(&text, true).into_owned()
        }
        DraftFormat::Eml => mail::eml(draft, from.as_ref(), to.as_ref(), ctx.clock.now)?,
        DraftFormat::Mailto => mail::mailto(draft, to.as_ref()),
    })
}

/// The template's values for an application.
pub fn vars(
    app: &Application,
    sender: String,
    sender_email: Option<String>,
    kind: FollowupKind,
    detail: Option<&str>,
) -> Vars {
    let f = &app.fields;
    // Every value is one line: a line break in a field must not end the subject line or start a new one.
    let present = |v: &Option<String>| {
        v.as_deref()
            .map(one_line)
            .map(|s| greeting(&s))
            .filter(|s| !s.is_empty())
    };
    let greeting = present(&f.contact_salutation)
        .or_else(|| present(&f.contact_name))
        .unwrap_or_else(|| "Hiring Manager".into());
    let interviews: Vec<&Event> = app.events.iter().filter(|e| e.is_interview()).collect();
    let interviewed = app.furthest_stage().and_then(Status::stage) >= Status::Interviewing.stage();
    // A thank-you note is for the newest interview; the other emails name everyone met.
    let names: Vec<String> = if kind == FollowupKind::Thanks {
        interviews.last().map(|e| e.with.clone()).unwrap_or_default()
    } else {
        interviews.iter().flat_map(|e| e.with.iter().cloned()).collect()
    };
    let contact = f.contact_name.as_deref().map(one_line).unwrap_or_default();
    // A thank-you note is written to the contact: thanks are passed on to the others, never to the reader.
    let names: Vec<String> = names
        .iter()
        .map(|n| one_line(n))
        .filter(|n| kind != FollowupKind::Thanks || contact.is_empty() || !n.eq_ignore_ascii_case(&contact))
        .collect();
    Vars {
        sender: one_line(&sender),
        sender_email: one_line(&sender_email.unwrap_or_default()),
        company: one_line(&f.company),
        position: one_line(&f.position),
        greeting,
        contact,
        interviewed: interviewed || !interviews.is_empty(),
        interviews: interviews.len(),
        interviewers: join_names(&names),
        detail: detail.map(|d| sentence(&one_line(d))).unwrap_or_default(),
        rejected_on: if app.status == Status::Rejected {
            format_day(app.status_on)
        } else {
            String::new()
        },
        kind,
    }
}

fn record_sent(ctx: &mut Ctx, args: &Followup) -> Result<()> {
    let on = parse_date(args.on.as_deref().unwrap_or("today"), ctx.clock.today)?;
    let (id, clock, configured, delays) = (args.id, ctx.clock, ctx.config.kind, ctx.config.delays);
    let (app, kind) = ctx.store.write(|tx| {
        let app = store::load(tx, id)?;
        let due = followup::current(&app, clock.today, delays)?;
        if due == DueKind::Rejection
            && let Some(sent) = since_last_status(&app.events)
                .iter()
                .find(|e| e.kind == EventKind::Followup)
        {
            bail!(
                "a follow-up to application {id} was already recorded on {}",
                format_day(sent.on)
            );
        }
        let printed = store::drafts::last_since_status(tx, id)?;
        let kind = followup::sent_kind(args.kind, printed, template_of(due, configured));
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
