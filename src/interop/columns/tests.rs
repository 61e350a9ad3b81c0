use super::*;

fn headers(line: &str) -> Vec<String> {
    line.split(',').map(str::to_owned).collect()
}

#[test]
fn formats_are_recognised_by_their_headers() {
    for (line, kind) in [
        (
            "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,Resume Name,Question And Answers",
            Kind::LinkedinApplications,
        ),
        ("Saved Date,Job Url,Job Title,Company Name", Kind::LinkedinSaved),
        (
            "index,createdAt,applied,appliedDate,Company,JobTitle,jobType,workplaceType,Location,JobSource,Status",
            Kind::Jobsync,
        ),
        (
            "Job Title,Company Name,Job URL,Applied Date,Status,Status Date",
            Kind::Simplify,
        ),
        (
            "Job Title,Company Name,Job URL,Applied Date,Status,Status Date,Archived,Date Archived,Notes",
            Kind::Simplify,
        ),
        (&TRACKER_COLUMNS.join(","), Kind::Tracker),
        (&format!("mine,{}", TRACKER_COLUMNS.join(",")), Kind::Tracker),
        ("Firma,Stelle,Beworben am", Kind::Spreadsheet),
        ("Company Name,Job Title", Kind::Spreadsheet),
    ] {
        assert_eq!(recognise(&headers(line)), kind, "{line}");
    }
}

#[test]
fn common_headers_in_english_and_german() {
    let roles = |line: &str| roles(Kind::Spreadsheet, &headers(line), &[]).unwrap();
    let f = Role::Field;
    assert_eq!(
        roles("  FIRMA ,Stelle,Beworben am,Status,Ort,Gehalt,Notizen,Ansprechpartner,E-Mail,Quelle,Lieblingsfarbe"),
        [
            f(Field::Company),
            f(Field::Position),
            f(Field::AppliedOn),
            f(Field::Status),
            f(Field::Location),
            f(Field::Salary),
            f(Field::Notes),
            f(Field::ContactName),
            f(Field::ContactEmail),
            f(Field::Source),
            Role::Note,
        ]
    );
    assert_eq!(
        roles("Employer,Role,Date Applied,Link,Tags,Status Date,Contact,Email"),
        [
            f(Field::Company),
            f(Field::Position),
            f(Field::AppliedOn),
            f(Field::Url),
            f(Field::Tags),
            f(Field::StatusOn),
            f(Field::ContactName),
            f(Field::ContactEmail),
        ]
    );
    assert_eq!(
        roles("Unternehmen,Title,Applied On")[..3],
        [f(Field::Company), f(Field::Position), f(Field::AppliedOn)]
    );
}

#[test]
fn the_map_names_columns_and_wins() {
    let map =
        parse_map("Firm=company, Role Name = position ,When=applied_on,Stage=status,Junk=ignore,Email=note").unwrap();
    let got = roles(
        Kind::Spreadsheet,
        &headers("firm,ROLE NAME,When,Stage,Junk,Email"),
        &map,
    )
    .unwrap();
    let f = Role::Field;
    assert_eq!(
        got,
        [
            f(Field::Company),
            f(Field::Position),
            f(Field::AppliedOn),
            f(Field::Status),
            Role::Ignore,
            Role::Note
        ]
    );
    assert!(parse_map("Firm").is_err());
    assert!(parse_map("Firm=boss").is_err());
    assert_eq!(parse_map("").unwrap(), []);
}
