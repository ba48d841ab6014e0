//! `kasan-rs fuzz-compare A.json B.json`: the titles only one campaign saw
//! and, per canary, when each side first reported it. Exit 0 when the
//! second file (rust) has no title the first (c) lacks, 1 otherwise.

use std::fmt::Write;
use std::fs;
use std::path::Path;

use super::record::{Campaign, SCHEMA};

/// Reads a campaign's `crashes.json` (schema [`SCHEMA`]).
pub fn read_campaign(path: &Path) -> Result<Campaign, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let c: Campaign = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a kasan-rs fuzz campaign: {e}", path.display()))?;
    if c.schema != SCHEMA {
        return Err(format!(
            "{}: schema {:?}, expected {SCHEMA:?}",
            path.display(),
            c.schema
        ));
    }
    Ok(c)
}

/// The comparison.
#[derive(Debug, PartialEq)]
pub struct Comparison {
    /// Titles of the first only.
    pub only_a: Vec<String>,
    /// Titles of the second only.
    pub only_b: Vec<String>,
    /// Titles both saw.
    pub both: usize,
    /// The printed text.
    pub text: String,
}

impl Comparison {
    /// 0 when nothing is second-only, else 1.
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.only_b.is_empty())
    }
}

fn label(c: &Campaign, fallback: &str) -> String {
    if c.variant.is_empty() {
        fallback.to_string()
    } else {
        c.variant.clone()
    }
}

/// Compares two campaigns (`a` the reference, e.g. c; `b` e.g. rust).
pub fn compare(a: &Campaign, b: &Campaign) -> Comparison {
    let (la, lb) = (label(a, "a"), label(b, "b"));
    let titles = |c: &Campaign| {
        c.crashes
            .iter()
            .map(|x| x.title.clone())
            .collect::<Vec<_>>()
    };
    let (ta, tb) = (titles(a), titles(b));
    let only_a: Vec<String> = ta.iter().filter(|t| !tb.contains(t)).cloned().collect();
    let only_b: Vec<String> = tb.iter().filter(|t| !ta.contains(t)).cloned().collect();
    let both = ta.iter().filter(|t| tb.contains(t)).count();
    let mut text = String::new();
    for (side, list, c) in [(&la, &only_a, a), (&lb, &only_b, b)] {
        for t in list {
            let x = c.crashes.iter().find(|x| &x.title == t).expect("listed");
            let _ = writeln!(
                text,
                "only {side}: {t} [{}] x{} first {} vm {}",
                x.kind, x.count, x.first_seen, x.first_vm
            );
        }
    }
    let names: Vec<&String> = a
        .canaries
        .iter()
        .map(|k| &k.name)
        .chain(b.canaries.iter().map(|k| &k.name))
        .fold(Vec::new(), |mut v, n| {
            if !v.contains(&n) {
                v.push(n);
            }
            v
        });
    for name in names {
        let when = |c: &Campaign| {
            c.canaries
                .iter()
                .find(|k| &k.name == name)
                .and_then(|k| k.first_seen.clone())
                .unwrap_or_else(|| "never".to_string())
        };
        let _ = writeln!(text, "canary {name}: {la} {} | {lb} {}", when(a), when(b));
    }
    let _ = writeln!(
        text,
        "fuzz-compare {la} vs {lb}: {both} common, {} {la}-only, {} {lb}-only titles; {}",
        only_a.len(),
        only_b.len(),
        if only_b.is_empty() {
            format!("nothing {lb}-only")
        } else {
            format!("{lb}-only crashes found")
        }
    );
    Comparison {
        only_a,
        only_b,
        both,
        text,
    }
}
