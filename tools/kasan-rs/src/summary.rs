//! The plain-text summary printed after a run: banner, one row per suite,
//! one row per failed, skipped or unfinished case, problems, notes and the
//! verdict line.

use std::fmt::Write as _;

use crate::ktap::{Case, Outcome};
use crate::log::ParsedLog;
use crate::verdict::Verdict;

/// Renders the whole summary, ending with the verdict line and a newline.
pub fn render(log: &ParsedLog, verdict: &Verdict) -> String {
    let mut out = String::new();
    match &log.banner {
        Some(banner) => writeln!(out, "kasan: {}", banner.text).unwrap(),
        None => writeln!(out, "kasan: (no KASAN boot banner)").unwrap(),
    }
    if !log.suites.is_empty() {
        out.push_str(&suite_table(log));
    }
    writeln!(out, "KASAN reports: {}", log.reports.len()).unwrap();
    for problem in &verdict.problems {
        writeln!(out, "problem: {}", problem.message).unwrap();
    }
    for note in &verdict.notes {
        writeln!(out, "note: {note}").unwrap();
    }
    writeln!(out, "{}", verdict.line()).unwrap();
    out
}

fn suite_table(log: &ParsedLog) -> String {
    let header = [
        "suite", "result", "pass", "fail", "skip", "total", "reports",
    ];
    let mut rows: Vec<[String; 7]> = Vec::new();
    for suite in &log.suites {
        let counts = suite.counts();
        rows.push([
            suite.name.clone(),
            suite.outcome.name().to_string(),
            counts.pass.to_string(),
            counts.fail.to_string(),
            counts.skip.to_string(),
            counts.total.to_string(),
            suite.report_count().to_string(),
        ]);
    }
    let mut widths = header.map(str::len);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.len());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[&str]| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            if i < 2 {
                write!(text, "{cell:<w$}", w = widths[i]).unwrap();
            } else {
                write!(text, "{cell:>w$}", w = widths[i]).unwrap();
            }
        }
        writeln!(out, "{}", text.trim_end()).unwrap();
    };
    line(&header);
    for row in &rows {
        line(&row.each_ref().map(String::as_str));
    }
    for suite in &log.suites {
        for case in &suite.cases {
            case_rows(&mut out, &suite.name, case, None);
        }
    }
    out
}

fn case_rows(out: &mut String, suite: &str, case: &Case, parent: Option<&str>) {
    let name = match parent {
        Some(parent) => format!("{suite}.{parent}[{}]", case.name),
        None if case.name.is_empty() => format!("{suite}.(case in progress)"),
        None => format!("{suite}.{}", case.name),
    };
    let reason = match case.outcome {
        Outcome::Pass => None,
        Outcome::Skip => Some(case.skip_reason.clone().unwrap_or_default()),
        Outcome::Fail => Some(
            case.main_diagnostic()
                .map(|d| d.replace('\n', " | "))
                .unwrap_or_default(),
        ),
        Outcome::Incomplete => Some(format!(
            "no result line ({} console lines, {} KASAN reports)",
            case.console.len(),
            case.report_count()
        )),
    };
    if let Some(reason) = reason {
        let label = case.outcome.name();
        let sep = if reason.is_empty() { "" } else { ": " };
        writeln!(out, "  {label:<10} {name} (#{}){sep}{reason}", case.number).unwrap();
    }
    if parent.is_none() {
        for param in &case.params {
            case_rows(out, suite, param, Some(&case.name));
        }
    }
}
