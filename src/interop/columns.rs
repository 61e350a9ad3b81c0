//! What each column of a spreadsheet holds: recognised by the header row (per format, or from common
//! English and German names), or named with `--map`. A column neither recognised nor mapped keeps its values
//! in the notes, so nothing is lost.

use anyhow::{Result, bail};

use super::dates::Order;

/// The field a column fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Company,
    Position,
    Status,
    AppliedOn,
    StatusOn,
    Location,
    Url,
    Source,
    Salary,
    Notes,
    Tags,
    ContactName,
    ContactEmail,
    /// tracker's own CSV: the history that CSV can carry.
    FurthestStage,
    FollowupSentOn,
    RepliedOn,
    /// The day the application was noted: the date of last resort (JobSync's `createdAt`).
    CreatedOn,
}

/// What is done with a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Field(Field),
    /// Kept in the notes as `Header: value` lines.
    Note,
    Ignore,
}

/// The names `--map` accepts, and the ones tracker's CSV export writes.
const FIELD_NAMES: &[(&str, Field)] = &[
    ("company", Field::Company),
    ("position", Field::Position),
    ("status", Field::Status),
    ("applied_on", Field::AppliedOn),
    ("status_on", Field::StatusOn),
    ("location", Field::Location),
    ("url", Field::Url),
    ("source", Field::Source),
    ("salary", Field::Salary),
    ("notes", Field::Notes),
    ("tags", Field::Tags),
    ("contact_name", Field::ContactName),
    ("contact_email", Field::ContactEmail),
    ("furthest_stage", Field::FurthestStage),
    ("followup_sent_on", Field::FollowupSentOn),
    ("replied_on", Field::RepliedOn),
    ("created_on", Field::CreatedOn),
];

impl Field {
    pub fn name(self) -> &'static str {
        FIELD_NAMES.iter().find(|(_, f)| *f == self).map_or("?", |(n, _)| n)
    }
    pub fn is_date(self) -> bool {
        matches!(
            self,
            Field::AppliedOn | Field::StatusOn | Field::FollowupSentOn | Field::RepliedOn | Field::CreatedOn
        )
    }
}

/// The columns of tracker's own CSV export, in order.
pub const TRACKER_COLUMNS: [&str; 17] = [
    "id",
    "company",
    "position",
    "status",
    "applied_on",
    "status_on",
    "furthest_stage",
    "location",
    "url",
    "source",
    "salary",
    "tags",
    "contact_name",
    "contact_email",
    "followup_sent_on",
    "replied_on",
    "notes",
];

/// A file's format, as recognised or given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tracker,
    LinkedinApplications,
    LinkedinSaved,
    Jobsync,
    Simplify,
    Spreadsheet,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Tracker => "tracker csv",
            Kind::LinkedinApplications => "linkedin applications",
            Kind::LinkedinSaved => "linkedin saved jobs",
            Kind::Jobsync => "jobsync",
            Kind::Simplify => "simplify",
            Kind::Spreadsheet => "csv",
        }
    }

    /// The headers that identify the format, and what each column holds (by normalised header).
    fn columns(self) -> &'static [(&'static str, Role)] {
        use Field as F;
        use Role::{Field as R, Ignore, Note};
        match self {
            Kind::LinkedinApplications => &[
                ("applicationdate", R(F::AppliedOn)),
                ("contactemail", Note), // the applicant's own address, given on LinkedIn, not a contact's
                ("contactphonenumber", Note),
                ("companyname", R(F::Company)),
                ("jobtitle", R(F::Position)),
                ("joburl", R(F::Url)),
                ("resumename", Note),
                ("questionandanswers", Note),
            ],
            Kind::LinkedinSaved => &[
                ("saveddate", R(F::AppliedOn)),
                ("joburl", R(F::Url)),
                ("jobtitle", R(F::Position)),
                ("companyname", R(F::Company)),
            ],
            Kind::Jobsync => &[
                ("index", Ignore),
                ("createdat", R(F::CreatedOn)),
                ("applied", Ignore),
                ("applieddate", R(F::AppliedOn)),
                ("company", R(F::Company)),
                ("jobtitle", R(F::Position)),
                ("jobtype", Note),
                ("workplacetype", Note),
                ("location", R(F::Location)),
                ("jobsource", R(F::Source)),
                ("status", R(F::Status)),
            ],
            Kind::Simplify => &[
                ("jobtitle", R(F::Position)),
                ("companyname", R(F::Company)),
                ("joburl", R(F::Url)),
                ("applieddate", R(F::AppliedOn)),
                ("status", R(F::Status)),
                ("statusdate", R(F::StatusOn)),
            ],
            Kind::Tracker | Kind::Spreadsheet => &[],
        }
    }

    /// Slashed dates in this format are US-ordered.
    pub fn order(self) -> Option<Order> {
        matches!(self, Kind::LinkedinApplications | Kind::LinkedinSaved).then_some(Order::MonthFirst)
    }

    /// What the format says when a row has no status.
    pub fn source(self) -> Option<&'static str> {
        matches!(self, Kind::LinkedinApplications | Kind::LinkedinSaved).then_some("LinkedIn")
    }
}

/// A header made comparable: lower-case letters and digits only.
pub fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Common names of each field in spreadsheets, English and German (normalised).
const COMMON: &[(Field, &[&str])] = &[
    (
        Field::Company,
        &[
            "company",
            "companyname",
            "employer",
            "organisation",
            "organization",
            "firma",
            "unternehmen",
            "arbeitgeber",
        ],
    ),
    (
        Field::Position,
        &[
            "position",
            "role",
            "jobtitle",
            "title",
            "job",
            "stelle",
            "stellenbezeichnung",
            "jobtitel",
            "titel",
        ],
    ),
    (
        Field::AppliedOn,
        &[
            "dateapplied",
            "appliedon",
            "applied",
            "applieddate",
            "applicationdate",
            "date",
            "datum",
            "beworbenam",
            "bewerbungsdatum",
        ],
    ),
    (Field::Status, &["status", "stage", "stand"]),
    (Field::StatusOn, &["statusdate", "statusdatum", "statuson"]),
    (Field::Url, &["url", "link", "joburl", "joblink", "posting", "anzeige"]),
    (Field::Location, &["location", "ort", "city", "standort", "stadt"]),
    (Field::Salary, &["salary", "gehalt", "compensation", "pay"]),
    (
        Field::Notes,
        &[
            "notes",
            "note",
            "notizen",
            "notiz",
            "comments",
            "bemerkungen",
            "kommentar",
        ],
    ),
    (
        Field::ContactName,
        &["contact", "contactname", "kontakt", "ansprechpartner", "ansprechperson"],
    ),
    (Field::ContactEmail, &["email", "contactemail", "mail", "emailadresse"]),
    (Field::Source, &["source", "quelle", "jobsource", "via"]),
    (Field::Tags, &["tags", "labels", "schlagworte"]),
];

/// Recognises the format from a header row.
pub fn recognise(headers: &[String]) -> Kind {
    // tracker's own CSV, perhaps with columns added or moved in a spreadsheet.
    let raw: Vec<&str> = headers.iter().map(|h| h.trim()).collect();
    if TRACKER_COLUMNS.iter().all(|c| raw.contains(c)) {
        return Kind::Tracker;
    }
    let names: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    let has_all = |kind: Kind| kind.columns().iter().all(|(name, _)| names.iter().any(|n| n == name));
    [
        Kind::LinkedinApplications,
        Kind::Jobsync,
        Kind::Simplify,
        Kind::LinkedinSaved,
    ]
    .into_iter()
    .find(|kind| has_all(*kind))
    .unwrap_or(Kind::Spreadsheet)
}

/// Whether the headers match the format the user named.
pub fn fits(kind: Kind, headers: &[String]) -> bool {
    let names: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    kind.columns().iter().all(|(name, _)| names.iter().any(|n| n == name))
}

/// The expected headers of a format, for an error message.
pub fn expected(kind: Kind) -> String {
    kind.columns().iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

/// `--map 'Firm=company,When=applied_on'`: (normalised header, role) pairs.
pub fn parse_map(spec: &str) -> Result<Vec<(String, String, Role)>> {
    let mut pairs = Vec::new();
    for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
        let Some((header, field)) = part.split_once('=') else {
            bail!("invalid --map {part:?} (expected HEADER=FIELD, e.g. 'Firm=company,When=applied_on')");
        };
        let field = field.trim().to_lowercase();
        let role = match field.as_str() {
            "ignore" => Role::Ignore,
            "note" => Role::Note,
            "contact" => Role::Field(Field::ContactName),
            "email" => Role::Field(Field::ContactEmail),
            name => match FIELD_NAMES.iter().find(|(n, _)| *n == name) {
                Some((_, field)) => Role::Field(*field),
                None => bail!(
                    "invalid --map field {field:?} (accepted: {}, ignore, note)",
                    FIELD_NAMES
                        .iter()
                        .take(13)
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
        };
        pairs.push((normalise(header), header.trim().to_owned(), role));
    }
    Ok(pairs)
}

fn common(name: &str) -> Role {
    COMMON
        .iter()
        .find(|(_, names)| names.contains(&name))
        .map_or(Role::Note, |(f, _)| Role::Field(*f))
}

/// What each column of `headers` holds in a file of `kind`, with the user's map applied.
pub fn roles(kind: Kind, headers: &[String], map: &[(String, String, Role)]) -> Result<Vec<Role>> {
    let names: Vec<String> = headers.iter().map(|h| normalise(h)).collect();
    for (name, shown, _) in map {
        if !names.contains(name) {
            bail!(
                "--map names a column {shown:?} the file does not have (its columns: {})",
                headers.join(", ")
            );
        }
    }
    let mut roles = Vec::with_capacity(headers.len());
    for (index, name) in names.iter().enumerate() {
        let mapped = map.iter().find(|(n, _, _)| n == name).map(|(_, _, role)| *role);
        let role = mapped.unwrap_or_else(|| match kind {
            Kind::Tracker => match headers[index].trim() {
                "id" => Role::Ignore,
                header => FIELD_NAMES
                    .iter()
                    .find(|(n, _)| *n == header)
                    .map_or(Role::Note, |(_, f)| Role::Field(*f)),
            },
            Kind::Spreadsheet => common(name),
            // A column the format does not list (Simplify's optional Notes) is read by its common name.
            _ => kind
                .columns()
                .iter()
                .find(|(n, _)| n == name)
                .map_or_else(|| common(name), |(_, role)| *role),
        });
        if let Role::Field(field) = role
            && let Some(earlier) = roles.iter().position(|r| *r == role)
        {
            bail!(
                "columns {:?} and {:?} both give the {} (keep one: --map '{}=ignore')",
                headers[earlier],
                headers[index],
                field.name(),
                headers[index].trim()
            );
        }
        roles.push(role);
    }
    for needed in [Field::Company, Field::Position] {
        if !roles.contains(&Role::Field(needed)) {
            bail!(
                "no {} column (found: {}; name it with --map 'HEADER={}')",
                needed.name(),
                headers.join(", "),
                needed.name()
            );
        }
    }
    Ok(roles)
}

#[cfg(test)]
mod tests;
