//! `--dedup`: reports grouped by title, with counts and first/last occurrence.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::{json, Value};

use super::Report;

/// Reports that share a title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The shared title.
    pub title: String,
    /// The bug type of the first report.
    pub bug_type: String,
    /// How many reports.
    pub count: usize,
    /// Header line of the first report.
    pub first_line: usize,
    /// Header line of the last report.
    pub last_line: usize,
    /// Index of the first report.
    pub first_index: usize,
    /// Index of the last report.
    pub last_index: usize,
    /// How many of them are incomplete.
    pub incomplete: usize,
}

/// Groups in order of first occurrence; memory grows with distinct titles only.
#[derive(Debug, Default)]
pub struct Dedup {
    groups: Vec<Group>,
    by_title: HashMap<String, usize>,
}

impl Dedup {
    /// An empty grouping.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one report.
    pub fn add(&mut self, r: &Report) {
        let incomplete = usize::from(!r.is_complete());
        match self.by_title.get(&r.title) {
            Some(&i) => {
                let g = &mut self.groups[i];
                g.count += 1;
                g.last_line = r.line;
                g.last_index = r.index;
                g.incomplete += incomplete;
            }
            None => {
                self.by_title.insert(r.title.clone(), self.groups.len());
                self.groups.push(Group {
                    title: r.title.clone(),
                    bug_type: r.bug_type.clone(),
                    count: 1,
                    first_line: r.line,
                    last_line: r.line,
                    first_index: r.index,
                    last_index: r.index,
                    incomplete,
                });
            }
        }
    }

    /// The groups, in order of first occurrence.
    pub fn groups(&self) -> &[Group] {
        &self.groups
    }

    /// A table: count, first and last header line, title.
    pub fn render(&self) -> String {
        let mut out = String::from("count  first_line  last_line  title\n");
        for g in &self.groups {
            let mut note = String::new();
            if g.incomplete > 0 {
                note = format!("  [{} incomplete]", g.incomplete);
            }
            writeln!(
                out,
                "{:>5}  {:>10}  {:>9}  {}{note}",
                g.count, g.first_line, g.last_line, g.title
            )
            .unwrap();
        }
        out
    }

    /// JSON groups (see [`super::json`]).
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.groups
                .iter()
                .map(|g| {
                    json!({
                        "title": g.title, "bug_type": g.bug_type, "count": g.count,
                        "first_line": g.first_line, "last_line": g.last_line,
                        "first_index": g.first_index, "last_index": g.last_index,
                        "incomplete": g.incomplete,
                    })
                })
                .collect(),
        )
    }
}
