use super::*;
use crate::store::Store;
use crate::store::test_support::day;

fn sample(kind: Kind, on: &str) -> Proposal {
    Proposal {
        id: 0,
        state: State::Pending,
        kind,
        app_id: None,
        candidates: vec![3, 9],
        company: Some("Acme".into()),
        position: None,
        on: day(on),
        from: "Acme Talent <jobs@acme.example>".into(),
        subject: "Your application".into(),
        message_id: Some("m1@acme.example".into()),
        confidence: 0.93,
        evidence: "we have decided to move forward with other candidates".into(),
        source: "mbox:/tmp/x".into(),
        url: None,
        detail: None,
    }
}

#[test]
fn proposals_round_trip_and_are_listed_oldest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let at = DateTime::UNIX_EPOCH;
    let (late, early) = store
        .write(|tx| {
            record_seen(tx, "k1", at)?;
            record_seen(tx, "k2", at)?;
            record_seen(tx, "k2", at)?;
            let late = insert(tx, "k1", &sample(Kind::Rejection, "2026-11-20"), at)?;
            let early = insert(tx, "k2", &sample(Kind::Applied, "2026-11-01"), at)?;
            Ok((late, early))
        })
        .unwrap();
    assert!(seen(store.conn(), "k1").unwrap() && !seen(store.conn(), "k3").unwrap());
    let listed = list(store.conn(), false).unwrap();
    assert_eq!(listed.iter().map(|p| p.id).collect::<Vec<_>>(), [early, late]);
    assert_eq!(
        listed[1],
        Proposal {
            id: late,
            ..sample(Kind::Rejection, "2026-11-20")
        }
    );
    store.write(|tx| decide(tx, early, State::Dropped, None, at)).unwrap();
    assert_eq!(pending_count(store.conn()).unwrap(), 1);
    assert_eq!(list(store.conn(), false).unwrap().len(), 1);
    assert_eq!(list(store.conn(), true).unwrap().len(), 2);
    let again = store
        .write(|tx| decide(tx, early, State::Accepted, None, at))
        .unwrap_err();
    assert_eq!(
        again.to_string(),
        format!("mail proposal {early} is not pending (see: tracker mail list --all)")
    );
    assert!(
        get(store.conn(), 99)
            .unwrap_err()
            .to_string()
            .starts_with("no mail proposal with id 99")
    );
}

#[test]
fn a_notice_is_claimed_once_a_day() {
    let mut store = Store::open_in_memory().unwrap();
    let claim = |store: &mut Store, on: &str| store.write(|tx| claim_notice(tx, "mail", day(on))).unwrap();
    assert!(claim(&mut store, "2026-11-20"));
    assert!(!claim(&mut store, "2026-11-20"));
    store.write(|tx| release_notice(tx, "mail", day("2026-11-20"))).unwrap();
    assert!(claim(&mut store, "2026-11-20"));
}

#[test]
fn the_pending_list_uses_its_index() {
    let store = Store::open_in_memory().unwrap();
    let mut stmt = store
        .conn()
        .prepare(&format!("EXPLAIN QUERY PLAN {PENDING_SQL}"))
        .unwrap();
    let plan: Vec<String> = stmt
        .query_map([], |row| row.get("detail"))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let plan = plan.join("\n");
    assert!(
        plan.contains("SEARCH proposals USING INDEX proposals_by_state (state=?)"),
        "{plan}"
    );
    assert!(!plan.contains("TEMP B-TREE"), "ordered by the index: {plan}");
}
