//! The `make run` summary: one line per bug the sample module made.
//!
//! The sample (`samples/kasan_rs_sample.rs`) prints `kasan_rs_sample: bug N:
//! WHAT` before each bug. Each marker is paired with the KASAN reports whose
//! header came after it and before the next marker. In `kasan.mode=async` a
//! fault is reported late (at the next kernel entry or context switch) and
//! several may be coalesced, so a bug can show no report of its own there.

use std::fmt::Write as _;

use crate::console::strip_printk_prefix;
use crate::report::Report;

/// The prefix of the sample's markers (its `pr_fmt` is the module name).
pub const MARKER: &str = "kasan_rs_sample: bug ";

/// The table's name of a report: its bug type (`slab-out-of-bounds`), or
/// the header if it has none.
fn kind(r: &Report) -> &str {
    if r.bug_type.is_empty() {
        &r.header
    } else {
        &r.bug_type
    }
}

/// The table's access of a report: its access line without ` by task ...`
/// (`Write at addr f0ff000000ce187b`, `Free of addr ...`), if printed.
fn access(r: &Report) -> Option<String> {
    if r.is_async {
        return Some("Asynchronous fault: no details available".to_string());
    }
    r.access.as_ref().map(|a| match (a.op.as_str(), a.size) {
        ("Free", _) => format!("Free of addr {}", a.addr),
        (op, Some(size)) => format!("{op} of size {size} at addr {}", a.addr),
        (op, None) => format!("{op} at addr {}", a.addr),
    })
}

/// One bug the sample announced, and what KASAN printed for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleBug<'a> {
    /// The bug number printed by the sample.
    pub number: u32,
    /// What the sample said it does.
    pub what: String,
    /// 1-based line of the marker.
    pub line: usize,
    /// The reports printed after the marker, before the next one.
    pub reports: Vec<&'a Report>,
}

/// Finds the sample's markers in `text` and pairs each with the reports
/// (parsed from the same text by [`crate::report::parse_reports`]) that
/// followed it.
pub fn sample_bugs<'a>(text: &str, reports: &'a [Report]) -> Vec<SampleBug<'a>> {
    let lines: Vec<&str> = text.lines().map(strip_printk_prefix).collect();
    let mut bugs: Vec<SampleBug> = Vec::new();
    for (index, msg) in lines.iter().enumerate() {
        let Some(at) = msg.find(MARKER) else { continue };
        let rest = &msg[at + MARKER.len()..];
        let Some((number, what)) = rest.split_once(':') else {
            continue;
        };
        let Ok(number) = number.trim().parse() else {
            continue;
        };
        bugs.push(SampleBug {
            number,
            what: what.trim().to_string(),
            line: index + 1,
            reports: Vec::new(),
        });
    }
    for report in reports {
        if let Some(bug) = bugs.iter_mut().rev().find(|b| b.line < report.line) {
            bug.reports.push(report);
        }
    }
    bugs
}

/// A table with one line per bug (after a header line): number, report
/// type(s), access, what the sample did.
pub fn render(bugs: &[SampleBug<'_>]) -> String {
    let rows: Vec<[String; 4]> = bugs
        .iter()
        .map(|bug| {
            let (kind, access) = match bug.reports.as_slice() {
                [] => ("(no report)".to_string(), "-".to_string()),
                [one] => (kind(one).to_string(), access(one).unwrap_or_default()),
                // Several reports in one bug's window: late (async) reports of earlier
                // bugs come first, so the access shown is the last report's.
                [.., last] => (
                    bug.reports
                        .iter()
                        .map(|r| kind(r))
                        .collect::<Vec<_>>()
                        .join(" + "),
                    access(last).unwrap_or_default(),
                ),
            };
            [bug.number.to_string(), kind, access, bug.what.clone()]
        })
        .collect();
    let header = ["bug", "KASAN report", "access", "what the sample did"];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: [&str; 4]| {
        let text = format!(
            "{:<w0$}  {:<w1$}  {:<w2$}  {}",
            cells[0],
            cells[1],
            cells[2],
            cells[3],
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
        writeln!(out, "{}", text.trim_end()).unwrap();
    };
    line(header);
    for row in &rows {
        line(row.each_ref().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::parse_reports;

    #[test]
    fn pairs_markers_with_the_following_reports() {
        let sep = "=".repeat(66);
        let text = format!(
            "[    1.0] kasan_rs_sample: start: expect 6 KASAN reports\n\
             [    1.1] kasan_rs_sample: bug 1: slab oob\n\
             [    1.2] {sep}\n\
             [    1.2] BUG: KASAN: slab-out-of-bounds in init_module+0x64/0x400 [kasan_rs_sample]\n\
             [    1.2] Write at addr f0ff000000ce187b by task init/1\n\
             [    1.2] {sep}\n\
             [    1.3] kasan_rs_sample: bug 2: uaf\n\
             [    1.4] kasan_rs_sample: bug 3: double free\n\
             [    1.5] {sep}\n\
             [    1.5] BUG: KASAN: double-free in init_module+0x1/0x2\n\
             [    1.5] {sep}\n\
             [    1.6] {sep}\n\
             [    1.6] BUG: KASAN: invalid-access in x+0x1/0x2\n\
             [    1.6] {sep}\n"
        );
        let reports = parse_reports(&text);
        let bugs = sample_bugs(&text, &reports);
        assert_eq!(bugs.len(), 3);
        assert_eq!(bugs[0].number, 1);
        assert_eq!(bugs[0].what, "slab oob");
        assert_eq!(kind(bugs[0].reports[0]), "slab-out-of-bounds");
        assert_eq!(
            access(bugs[0].reports[0]).as_deref(),
            Some("Write at addr f0ff000000ce187b")
        );
        assert!(bugs[1].reports.is_empty());
        assert_eq!(bugs[2].reports.len(), 2);
        assert_eq!(access(bugs[2].reports[0]), None);
        let lines: Vec<String> = render(&bugs).lines().map(str::to_string).collect();
        assert_eq!(
            lines,
            [
                "bug  KASAN report                  access                          what the sample did",
                "1    slab-out-of-bounds            Write at addr f0ff000000ce187b  slab oob",
                "2    (no report)                   -                               uaf",
                "3    double-free + invalid-access                                  double free",
            ]
        );
    }

    #[test]
    fn no_markers_no_lines() {
        let text = "BUG: KASAN: double-free in f\n";
        assert!(sample_bugs(text, &parse_reports(text)).is_empty());
    }
}
