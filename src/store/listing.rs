//! `tracker list`'s query: filters, search, sort and limit, built into one statement whose plan a test checks.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, ToSql};

use super::apps::{COLUMNS, from_row};
use super::codec;
use crate::dates::format_day;
use crate::model::{Application, Status};

/// The order of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest status change first.
    #[default]
    Changed,
    /// Most recently applied first (never-applied ones last).
    Applied,
    /// By company, A to Z (ASCII case ignored).
    Company,
}

/// What `list` asks for. Every condition must hold.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Any of these statuses (empty: any status).
    pub statuses: Vec<Status>,
    /// Every one of these tags (ASCII case ignored).
    pub tags: Vec<String>,
    /// Text found in the company, position, notes, contact or location (case and accents ignored).
    pub search: Option<String>,
    /// Applied on or after this day.
    pub since: Option<NaiveDate>,
    pub sort: Sort,
    pub limit: Option<u64>,
}

/// An application as `list` shows it.
#[derive(Debug, Clone)]
pub struct Listed {
    pub app: Application,
    pub applied_on: Option<NaiveDate>,
}

/// The full-text query for what the person typed: every word must begin a word of some searched field
/// (`acme eng` finds "Acme", "Backend Engineer"). Words are split as the index splits them (letters and
/// digits); each is quoted, so nothing typed is read as query syntax.
fn match_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The statement and its parameters for `filter` (the plan test runs exactly this).
pub fn query(filter: &Filter) -> (String, Vec<Box<dyn ToSql>>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut params: Vec<Box<dyn ToSql>> = Vec::new();
    let param = |value: Box<dyn ToSql>, params: &mut Vec<Box<dyn ToSql>>| {
        params.push(value);
        format!("?{}", params.len())
    };
    if !filter.statuses.is_empty() {
        let names: Vec<&str> = filter.statuses.iter().map(|s| s.as_str()).collect();
        let p = param(
            Box::new(serde_json::to_string(&names).expect("strings serialise")),
            &mut params,
        );
        conditions.push(format!("status IN (SELECT value FROM json_each({p}))"));
    }
    for tag in &filter.tags {
        let p = param(Box::new(tag.clone()), &mut params);
        conditions.push(format!("id IN (SELECT app_id FROM application_tags WHERE tag = {p})"));
    }
    if let Some(text) = &filter.search {
        match match_query(text) {
            Some(query) => {
                let p = param(Box::new(query), &mut params);
                conditions.push(format!(
                    "id IN (SELECT rowid FROM applications_search WHERE applications_search MATCH {p})"
                ));
            }
            // Nothing a word could start with (only punctuation): nothing matches.
            None => conditions.push("0".to_owned()),
        }
    }
    if let Some(since) = filter.since {
        let p = param(Box::new(format_day(since)), &mut params);
        conditions.push(format!("applied_on >= {p}"));
    }
    let limit = filter.limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
    let p = param(Box::new(limit), &mut params);
    let filter_sql = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let order = match filter.sort {
        Sort::Changed => "status_on DESC, id DESC",
        Sort::Applied => "applied_on DESC, id DESC",
        Sort::Company => "company COLLATE NOCASE, id",
    };
    let sql = format!("SELECT {COLUMNS}, applied_on FROM applications {filter_sql} ORDER BY {order} LIMIT {p}");
    (sql, params)
}

/// The applications `filter` asks for, in its order.
pub fn list(conn: &Connection, filter: &Filter) -> Result<Vec<Listed>> {
    let (sql, params) = query(filter);
    let params: Vec<&dyn ToSql> = params.iter().map(AsRef::as_ref).collect();
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query(params.as_slice())?;
    codec::collect(rows, |row| {
        Ok(Listed {
            app: from_row(row)?,
            applied_on: codec::opt_day(row, "applied_on")?,
        })
    })
    .context("cannot read the applications")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    /// The plan SQLite picks for the statement `list` runs, with its parameters bound.
    fn plan(conn: &Connection, sql: &str, params: &[Box<dyn ToSql>]) -> String {
        let params: Vec<&dyn ToSql> = params.iter().map(AsRef::as_ref).collect();
        let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = stmt
            .query_map(params.as_slice(), |row| row.get::<_, String>("detail"))
            .unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn the_real_queries_use_the_indexes() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let base = Filter {
            limit: Some(50),
            ..Filter::default()
        };
        let cases = [
            (base.clone(), "SCAN applications USING INDEX applications_by_status_on"),
            (
                Filter {
                    search: Some("acme".into()),
                    ..base.clone()
                },
                "SCAN applications_search VIRTUAL TABLE INDEX",
            ),
            (
                Filter {
                    tags: vec!["remote".into()],
                    ..base.clone()
                },
                "application_tags USING PRIMARY KEY (tag=?)",
            ),
            (
                Filter {
                    tags: vec!["remote".into(), "go".into()],
                    search: Some("acme".into()),
                    statuses: vec![Status::Applied],
                    ..base.clone()
                },
                "SCAN applications_search VIRTUAL TABLE INDEX",
            ),
            (
                Filter {
                    sort: Sort::Applied,
                    since: Some(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
                    ..base.clone()
                },
                "applications USING INDEX applications_by_applied_on",
            ),
        ];
        for (filter, expected) in cases {
            let (sql, params) = query(&filter);
            let plan = plan(conn, &sql, &params);
            assert!(plan.contains(expected), "{filter:?}\n{plan}");
            assert!(
                !plan.lines().any(|l| l.trim() == "SCAN applications"),
                "{filter:?}\n{plan}"
            );
        }
    }

    #[test]
    fn the_stats_query_reads_only_the_applications() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let bounds: [Box<dyn ToSql>; 2] = [Box::new("2026-01-01"), Box::new("2026-03-31")];
        let all = plan(conn, &crate::store::stats::sql(false), &bounds);
        assert_eq!(all, "SCAN applications", "one pass over the table, no events");
        let ranged = plan(conn, &crate::store::stats::sql(true), &bounds);
        assert!(
            ranged.contains("SEARCH applications USING INDEX applications_by_applied_on"),
            "{ranged}"
        );
    }
}
