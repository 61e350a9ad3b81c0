use super::*;
use crate::store::test_support::day;

fn facts(id: i64, applied: &str, status: Status, status_on: &str, furthest: Status) -> Facts {
    Facts {
        id,
        source: None,
        tags: Vec::new(),
        applied_on: day(applied),
        status,
        status_on: day(status_on),
        furthest,
        answered_on: None,
        followed_up_on: None,
        replied: false,
        dismissed: false,
    }
}

#[test]
fn median_and_percentile() {
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [5]), Some(5.0));
    assert_eq!(median(&mut [9, 1, 4, 2]), Some(3.0));
    assert_eq!(median(&mut [3, 1, 2]), Some(2.0));
    assert_eq!(percentile_90(&mut []), None);
    assert_eq!(percentile_90(&mut [7]), Some(7));
    assert_eq!(percentile_90(&mut (1..=10).rev().collect::<Vec<_>>()), Some(9));
    assert_eq!(percentile_90(&mut (1..=11).collect::<Vec<_>>()), Some(10));
    assert_eq!(rate(1, 3), Some(0.3333));
    assert_eq!(rate(1, 0), None);
}

#[test]
fn groups_by_tag_count_an_application_under_each_tag() {
    let mut a = facts(1, "2026-01-05", Status::Applied, "2026-01-05", Status::Applied);
    a.tags = vec!["remote".into(), "go".into(), "remote".into()];
    let b = facts(2, "2026-02-01", Status::Applied, "2026-02-01", Status::Applied);
    let all = [a, b];
    let keys = |by| {
        groups(&all, by)
            .into_iter()
            .map(|(k, v)| (k, v.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        keys(By::Tag),
        [("(none)".to_owned(), 1), ("go".to_owned(), 1), ("remote".to_owned(), 1)]
    );
    assert_eq!(keys(By::Month), [("2026-01".to_owned(), 1), ("2026-02".to_owned(), 1)]);
    assert_eq!(keys(By::Source), [("(none)".to_owned(), 2)]);
}
