//! Mail, both ways: the drafts tracker writes (`draft`), and the user's own mail it reads to recognise
//! confirmations, rejections, interviews, offers and replies (`message` → `recognise` → `matching`, from a
//! `source`). Reading never changes a mailbox.

pub mod apply;
pub mod draft;
pub mod extract;
mod fold;
pub mod imap;
pub mod maildir;
pub mod matching;
pub mod mbox;
pub mod message;
pub mod recognise;
pub mod scan;
pub mod sent;
pub mod source;

pub use draft::{Mailbox, eml, eml_with_id, is_address, mailto, one_line};
