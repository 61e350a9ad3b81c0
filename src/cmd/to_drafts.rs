//! `tracker followup ID --to-drafts`: the follow-up, as `--format eml` prints it, put into the IMAP Drafts
//! folder with the `\Draft` flag, ready to send from the user's own mail client. Its Message-ID is kept, so
//! `mail scan --imap` knows the sent copy.

use std::hash::{BuildHasher, Hasher};

use anyhow::Result;

use super::mail_scan::expand;
use crate::Ctx;
use crate::mail::imap::{Session, Settings};
use crate::mail::{Mailbox, eml_with_id};
use crate::model::{Application, FollowupKind};
use crate::output::{inert, print};
use crate::store;
use crate::template::Draft;

pub fn put(
    ctx: &mut Ctx,
    app: &Application,
    kind: FollowupKind,
    draft: &Draft,
    from: Option<&Mailbox>,
    to: Option<&Mailbox>,
) -> Result<()> {
    let settings = Settings::from_config(&ctx.config.imap, expand)?;
    let now = ctx.clock.now;
    // Unique even for two drafts made in the same microsecond (and with a fixed TRACKER_NOW).
    let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
    let domain = ctx
        .config
        .user_email
        .as_deref()
        .and_then(|email| email.rsplit_once('@'))
        .map_or("localhost", |(_, domain)| domain);
    let message_id = format!("{}.{}.{random:016x}.tracker@{domain}", now.timestamp_micros(), app.id);
    let message = eml_with_id(draft, from, to, now, &message_id)?;
    let mut session = Session::open(&settings)?;
    let folder = match &ctx.config.imap.drafts_folder {
        Some(folder) => folder.clone(),
        None => session
            .special_folder("\\Drafts")?
            .unwrap_or_else(|| "Drafts".to_owned()),
    };
    session.append(&folder, "\\Draft", message.as_bytes())?;
    session.logout();
    let id = app.id;
    ctx.store
        .write(|tx| store::imap::record_draft(tx, id, kind, &message_id, now))?;
    let f = &app.fields;
    let recipient = to.map_or_else(
        || " (it has no recipient yet: the application has no contact email)".to_owned(),
        |to| format!(" to {}", inert(&to.email)),
    );
    Ok(print(&format!(
        "Put the follow-up to {} about {} ({kind}){recipient} into {} on {}: open it in your mail client to send it.",
        inert(&f.company),
        inert(&f.position),
        inert(&folder),
        settings.host
    ))?)
}
