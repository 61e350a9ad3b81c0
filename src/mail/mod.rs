//! Mail, both ways: the drafts tracker writes (`draft`), and the user's own mail it reads to recognise
//! confirmations, rejections, interviews, offers and replies (`message` → `recognise` → `matching`, from a
//! `source`). Reading never changes a mailbox.

pub mod draft;
pub mod extract;
mod fold;
pub mod message;
pub mod recognise;

pub use draft::{Mailbox, eml, is_address, mailto, one_line};
