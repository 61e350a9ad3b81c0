//! `mail scan --imap`: each configured folder and the Sent folder, read from where the last scan stopped; a
//! folder's new state is stored with its proposals, in one transaction.

use anyhow::Result;

use super::{Scan, expand};
use crate::Ctx;
use crate::mail::imap::{Folder, Session, Settings};
use crate::mail::scan::Options;
use crate::store::imap::{self as state, FolderState};

pub fn scan(ctx: &mut Ctx, options: &Options<'_>, scan: &mut Scan) -> Result<()> {
    let settings = Settings::from_config(&ctx.config.imap, expand)?;
    let account = settings.account();
    let mut session = Session::open(&settings)?;
    let sent = match &ctx.config.imap.sent_folder {
        Some(folder) => folder.clone(),
        None => session.special_folder("\\Sent")?.unwrap_or_else(|| "Sent".to_owned()),
    };
    let awaiting = state::awaiting_followup(ctx.store.conn())?;
    // The Sent folder first: what the user sent is known before the answers to it are read.
    let mut folders = vec![(sent.clone(), true)];
    for folder in &ctx.config.imap.folders {
        if !folders.iter().any(|(f, _)| f == folder) {
            folders.push((folder.clone(), false));
        }
    }
    // Every folder is checked before any is read: a misspelt one fails the scan with nothing recorded.
    for (folder, _) in &folders {
        session.examine(folder)?;
    }
    let mut fetched = 0;
    for (folder, is_sent) in folders {
        let examined = session.examine(&folder)?;
        let prior = state::folder(ctx.store.conn(), &account, &folder)?;
        let from = match prior {
            Some(p) if p.uidvalidity == examined.uidvalidity => p.highest_uid.saturating_add(1),
            _ => 1,
        };
        let nothing_new = examined.exists == 0 || examined.uidnext.is_some_and(|next| next <= from);
        let mut highest = from - 1;
        let pending = if nothing_new {
            None
        } else {
            let mut source = Folder {
                session: &mut session,
                name: folder.clone(),
                account: account.clone(),
                from_uid: from,
                highest,
            };
            let options = Options {
                sent: is_sent.then_some(awaiting.as_slice()),
                ..*options
            };
            let pending = scan.read(ctx, &mut source, &options)?;
            highest = source.highest;
            Some(pending)
        };
        let new = FolderState {
            uidvalidity: examined.uidvalidity,
            highest_uid: highest,
        };
        let (now, account) = (ctx.clock.now, account.as_str());
        let record = |tx: &rusqlite::Transaction| state::set_folder(tx, account, &folder, new, now);
        match pending {
            Some(pending) => scan.store(ctx, pending, record)?,
            None if prior != Some(new) => ctx.store.write(record)?,
            None => {}
        }
        fetched = session.bodies_fetched;
    }
    session.logout();
    scan.report.fetched = Some(fetched);
    Ok(())
}
