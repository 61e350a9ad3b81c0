//! What a person types into an application's fields, made regular once for every way in (`add`, `edit`,
//! `import`): blank means unset, and an email address is one address.

use anyhow::{Result, bail};

use super::Fields;
use crate::mail::Mailbox;
use crate::text::is_blank;

/// Where the values came from, so an error names what the person typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Command-line options (`--email`).
    Options,
    /// A JSON document (`contact_email`).
    Json,
    /// Already in the database, unchanged by this command (written by an older tracker).
    Stored { id: i64 },
}

pub const EXPECTED_EMAIL: &str =
    "expected one address such as dana@acme.example, or \"Dana Rivera <dana@acme.example>\"";

impl Fields {
    /// The fields as tracker stores them, or why they cannot be stored:
    /// - an optional field that is empty, or only white space and invisible characters, is unset, and such a
    ///   tag is dropped;
    /// - the email is one plain address; `Name <address>` is split, and the name becomes the contact's name
    ///   unless the fields already have one;
    /// - company and position hold visible text.
    pub fn normalized(mut self, input: Input) -> Result<Fields> {
        for slot in [
            &mut self.url,
            &mut self.location,
            &mut self.source,
            &mut self.salary,
            &mut self.notes,
            &mut self.contact_name,
            &mut self.contact_email,
            &mut self.contact_salutation,
        ] {
            if slot.as_deref().is_some_and(is_blank) {
                *slot = None;
            }
        }
        self.tags.retain(|tag| !is_blank(tag));
        if let Some(text) = self.contact_email.take() {
            let Some(mailbox) = Mailbox::parse(&text) else {
                match input {
                    Input::Options => bail!("invalid --email {text:?} ({EXPECTED_EMAIL})"),
                    Input::Json => bail!("field contact_email: invalid address {text:?} ({EXPECTED_EMAIL})"),
                    Input::Stored { id } => bail!(
                        "the stored email {text:?} is not one address (fix it with: tracker edit {id} --email ADDRESS, or --clear email)"
                    ),
                }
            };
            if self.contact_name.is_none() {
                self.contact_name = mailbox.name.filter(|name| !is_blank(name));
            }
            self.contact_email = Some(mailbox.email);
        }
        self.validate()?;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields {
        Fields {
            company: "Acme".into(),
            position: "Engineer".into(),
            ..Fields::default()
        }
    }

    #[test]
    fn blank_means_unset() {
        let f = Fields {
            url: Some(String::new()),
            location: Some("  ".into()),
            notes: Some("\u{200b}\n".into()),
            contact_name: Some("\t".into()),
            contact_email: Some(" ".into()),
            contact_salutation: Some("Ms. Rivera".into()),
            tags: vec![" ".into(), "remote".into(), String::new()],
            ..fields()
        }
        .normalized(Input::Options)
        .unwrap();
        assert_eq!(
            f,
            Fields {
                contact_salutation: Some("Ms. Rivera".into()),
                tags: vec!["remote".into()],
                ..fields()
            }
        );
    }

    #[test]
    fn email_forms() {
        let with = |name: Option<&str>, email: &str| {
            Fields {
                contact_name: name.map(Into::into),
                contact_email: Some(email.into()),
                ..fields()
            }
            .normalized(Input::Options)
        };
        let f = with(None, " dana@acme.example ").unwrap();
        assert_eq!(
            (f.contact_name, f.contact_email.as_deref()),
            (None, Some("dana@acme.example"))
        );
        let f = with(None, "Dana Rivera <dana@acme.example>").unwrap();
        assert_eq!(f.contact_name.as_deref(), Some("Dana Rivera"));
        assert_eq!(f.contact_email.as_deref(), Some("dana@acme.example"));
        let f = with(None, "\"Rivera, Dana\" <dana@acme.example>").unwrap();
        assert_eq!(f.contact_name.as_deref(), Some("Rivera, Dana"));
        let f = with(Some("D. Rivera"), "Dana Rivera <dana@acme.example>").unwrap();
        assert_eq!(f.contact_name.as_deref(), Some("D. Rivera"), "a given name wins");
        let f = with(None, "<dana@acme.example>").unwrap();
        assert_eq!(
            (f.contact_name, f.contact_email.as_deref()),
            (None, Some("dana@acme.example"))
        );
        for bad in [
            "x y",
            "dana",
            "dana@acme",
            "dana@acme.",
            "a@b.example, c@d.example",
            "Dana <dana@acme.example",
            "Dana <dana@acme.example> x",
            "<a@b.example> <c@d.example>",
            "a@@b.example",
            "dana@acme\u{200b}.example",
            "Dana\u{0} <dana@acme.example>",
        ] {
            let err = with(None, bad).unwrap_err().to_string();
            assert!(err.starts_with("invalid --email "), "{bad:?}: {err}");
            assert!(err.ends_with(&format!("({EXPECTED_EMAIL})")), "{err}");
        }
        let json = Fields {
            contact_email: Some("x y".into()),
            ..fields()
        }
        .normalized(Input::Json)
        .unwrap_err();
        assert_eq!(
            json.to_string(),
            format!("field contact_email: invalid address \"x y\" ({EXPECTED_EMAIL})")
        );
    }
}
