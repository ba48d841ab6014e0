//! Judging a parsed log: one verdict with its own exit code, plus every
//! problem found (the verdict names the most serious one).

use std::fmt;

use crate::console::CrashKind;
use crate::expect::{Expectations, SuiteExpectation};
use crate::ktap::{Counts, Outcome, Suite};
use crate::log::{CrashLine, ParsedLog};

/// How the run that produced the log ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunEnd {
    /// QEMU exited by itself (or the log was given without a run).
    Exited,
    /// The harness killed QEMU at the `--timeout` deadline.
    TimedOut,
    /// The harness killed QEMU a short while after a kernel panic.
    StoppedAfterPanic,
    /// The harness killed QEMU because it did not power off after KTAP ended.
    StoppedAfterKtap,
}

/// The verdict kinds, most serious first in [`VerdictKind::PRIORITY`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VerdictKind {
    /// Everything ran and passed, and the expectations hold.
    Pass,
    /// A case failed, or counts/reports differ from the expectations.
    CaseFailed,
    /// A panic, oops, BUG or WARNING outside what was expected.
    KernelCrash,
    /// The run hit `--timeout` before KTAP finished.
    Timeout,
    /// KTAP started but the log ends before the suites finished.
    Truncated,
    /// No KTAP output at all.
    NoKtap,
    /// `--expect-panic` was given but no KASAN panic came.
    MissingPanic,
}

impl VerdictKind {
    /// Order in which problems decide the verdict.
    pub const PRIORITY: [VerdictKind; 6] = [
        VerdictKind::KernelCrash,
        VerdictKind::Timeout,
        VerdictKind::Truncated,
        VerdictKind::NoKtap,
        VerdictKind::MissingPanic,
        VerdictKind::CaseFailed,
    ];

    /// The process exit code for this verdict (2 is kept for usage and
    /// environment errors).
    pub fn exit_code(self) -> i32 {
        match self {
            VerdictKind::Pass => 0,
            VerdictKind::CaseFailed => 1,
            VerdictKind::KernelCrash => 3,
            VerdictKind::Timeout => 4,
            VerdictKind::Truncated => 5,
            VerdictKind::NoKtap => 6,
            VerdictKind::MissingPanic => 7,
        }
    }

    /// Upper-case label printed on the verdict line.
    pub fn label(self) -> &'static str {
        match self {
            VerdictKind::Pass => "PASS",
            VerdictKind::CaseFailed => "CASE_FAILED",
            VerdictKind::KernelCrash => "KERNEL_CRASH",
            VerdictKind::Timeout => "TIMEOUT",
            VerdictKind::Truncated => "TRUNCATED",
            VerdictKind::NoKtap => "NO_KTAP",
            VerdictKind::MissingPanic => "MISSING_PANIC",
        }
    }
}

impl fmt::Display for VerdictKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One thing wrong with a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The verdict this problem calls for.
    pub kind: VerdictKind,
    /// One-line description.
    pub message: String,
}

/// The judgement of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The verdict.
    pub kind: VerdictKind,
    /// What the verdict line says in parentheses.
    pub detail: String,
    /// Every problem found, most serious first.
    pub problems: Vec<Problem>,
    /// Facts worth printing that are not problems.
    pub notes: Vec<String>,
}

impl Verdict {
    /// `verdict: PASS (kasan: pass:60 fail:0 skip:12 total:72)`
    pub fn line(&self) -> String {
        format!("verdict: {} ({})", self.kind, self.detail)
    }

    /// The process exit code.
    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }
}

/// Judges a parsed log against the expectations.
pub fn judge(log: &ParsedLog, expect: &Expectations, end: RunEnd) -> Verdict {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let mut add = |kind, message: String| problems.push(Problem { kind, message });

    // Crashes.
    let mut expected_panic: Option<&CrashLine> = None;
    let mut warnings = 0usize;
    for crash in &log.crashes {
        if crash.inside_report && crash.kind != CrashKind::Panic {
            notes.push(format!(
                "{} inside a KASAN report at line {}: {}",
                crash.kind.name(),
                crash.line,
                crash.text
            ));
            continue;
        }
        if expect.warnings.is_some() && crash.kind == CrashKind::Warning {
            warnings += 1;
            notes.push(format!(
                "expected WARNING at line {}: {}",
                crash.line, crash.text
            ));
            continue;
        }
        if expect.panic && expected_panic.is_none() && crash.is_kasan_fault_panic() {
            expected_panic = Some(crash);
            notes.push(format!(
                "expected KASAN panic at line {}: {}",
                crash.line, crash.text
            ));
            continue;
        }
        let place = crash
            .position
            .as_ref()
            .map_or_else(|| "outside any test".to_string(), |p| format!("during {p}"));
        add(
            VerdictKind::KernelCrash,
            format!(
                "{} at line {} {place}: {}",
                crash.kind.name(),
                crash.line,
                crash.text
            ),
        );
    }

    // How far KTAP got.
    let timed_out = end == RunEnd::TimedOut;
    let suites_ran = log.ktap_seen && !log.suites.is_empty();
    if !suites_ran {
        let why = no_ktap_reason(log);
        if timed_out {
            add(VerdictKind::Timeout, format!("timed out with {why}"));
        } else if expect.reports.is_some() || expect.min_reports.is_some() {
            notes.push(format!("{why} (fine: a report count is expected instead)"));
        } else {
            add(VerdictKind::NoKtap, why);
        }
    } else if !log.ktap_complete() {
        let kind = if timed_out {
            VerdictKind::Timeout
        } else {
            VerdictKind::Truncated
        };
        for message in unfinished(log) {
            if let (Some(panic), false) = (expected_panic, timed_out) {
                notes.push(format!(
                    "{message}: stopped by the expected panic at line {}",
                    panic.line
                ));
            } else if timed_out {
                add(kind, format!("timed out: {message}"));
            } else {
                add(kind, format!("log ends early: {message}"));
            }
        }
    } else if timed_out {
        notes.push("QEMU did not exit after KTAP finished; killed at the timeout".to_string());
    }
    if end == RunEnd::StoppedAfterKtap {
        notes.push("QEMU did not power off after KTAP finished; killed".to_string());
    }

    if let Some(want) = expect.warnings.filter(|&want| want != warnings) {
        add(
            VerdictKind::CaseFailed,
            format!("expected {want} WARNING splats, got {warnings}"),
        );
    }
    if expect.panic && expected_panic.is_none() {
        add(
            VerdictKind::MissingPanic,
            "--expect-panic: no `Kernel panic - not syncing: kasan.fault=panic ...` after a KASAN report".to_string(),
        );
    }

    // Case results and expectations.
    for suite in &log.suites {
        for message in suite_failures(suite) {
            add(VerdictKind::CaseFailed, message);
        }
    }
    for expectation in &expect.suites {
        match log.suite(&expectation.suite) {
            None => add(
                VerdictKind::CaseFailed,
                format!(
                    "expected suite {} ({expectation}) did not run",
                    expectation.suite
                ),
            ),
            Some(suite) => {
                if let Some(message) = compare(expectation, suite) {
                    add(VerdictKind::CaseFailed, message);
                }
            }
        }
    }
    if let Some(want) = expect.reports {
        if log.reports.len() != want {
            add(
                VerdictKind::CaseFailed,
                format!("expected {want} KASAN reports, got {}", log.reports.len()),
            );
        }
    }
    if let Some(want) = expect.min_reports {
        if log.reports.len() < want {
            add(
                VerdictKind::CaseFailed,
                format!(
                    "expected at least {want} KASAN reports, got {}",
                    log.reports.len()
                ),
            );
        }
    }
    let outside = log.reports_outside_tests();
    if outside > 0 && suites_ran {
        notes.push(format!("{outside} KASAN report(s) outside any suite"));
    }
    for option in &log.malformed_options {
        notes.push(format!("kernel rejected early option '{option}'"));
    }

    problems.sort_by_key(|p| VerdictKind::PRIORITY.iter().position(|k| *k == p.kind));
    let kind = problems.first().map_or(VerdictKind::Pass, |p| p.kind);
    let detail = match problems.first() {
        Some(problem) => {
            let mut detail = problem.message.lines().next().unwrap_or("").to_string();
            if problems.len() > 1 {
                detail.push_str(&format!("; +{} more", problems.len() - 1));
            }
            detail
        }
        None => pass_detail(log, expected_panic.is_some()),
    };
    Verdict {
        kind,
        detail,
        problems,
        notes,
    }
}

fn no_ktap_reason(log: &ParsedLog) -> String {
    let mut why = if log.kunit_disabled {
        "no KTAP output: the kernel printed `kunit: disabled`".to_string()
    } else if log.ktap_seen {
        "KTAP header but no suite ran (plan 1..0: does the filter match?)".to_string()
    } else if log.lines == 0 {
        "no KTAP output: the log is empty".to_string()
    } else {
        "no KTAP output".to_string()
    };
    if let Some(qemu) = log.qemu_messages.first() {
        why.push_str(&format!("; {qemu}"));
    } else if let Some(last) = &log.last_line {
        why.push_str(&format!("; last line: {}", last.trim()));
    }
    why
}

/// Messages for suites that did not finish and for an unmet top-level plan.
fn unfinished(log: &ParsedLog) -> Vec<String> {
    let mut out = Vec::new();
    for suite in log.suites.iter().filter(|s| !s.finished()) {
        let reported = suite
            .cases
            .iter()
            .filter(|c| c.outcome != Outcome::Incomplete)
            .count();
        let planned = suite
            .plan
            .map_or_else(|| "?".to_string(), |p| p.to_string());
        let last = suite
            .cases
            .iter()
            .rev()
            .find(|c| c.outcome != Outcome::Incomplete)
            .map_or_else(
                || "none".to_string(),
                |c| format!("#{} {}", c.number, c.name),
            );
        out.push(format!(
            "suite {} did not finish: {reported} of {planned} cases reported (last: {last})",
            suite.name
        ));
    }
    if let Some(plan) = log.plan {
        let done = log.suites.iter().filter(|s| s.finished()).count() as u32;
        if done < plan && log.suites.iter().all(Suite::finished) {
            out.push(format!("{done} of {plan} planned suites reported"));
        }
    }
    out
}

/// Failed cases, a failed suite, and inconsistencies within a finished suite.
fn suite_failures(suite: &Suite) -> Vec<String> {
    let mut out = Vec::new();
    let failures = suite.failures();
    for (name, case) in &failures {
        let why = case
            .main_diagnostic()
            .map(|d| format!(": {}", d.replace('\n', " | ")))
            .unwrap_or_default();
        out.push(format!(
            "{}.{name} (#{}) failed{why}",
            suite.name, case.number
        ));
    }
    if suite.outcome == Outcome::Fail && failures.is_empty() {
        let why = suite
            .diagnostics
            .first()
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        out.push(format!("suite {} reported not ok{why}", suite.name));
    }
    if suite.finished() {
        let computed = suite.counts_from_cases();
        if let Some(printed) = suite.summary {
            if printed != computed {
                out.push(format!(
                    "suite {}: printed summary {printed} disagrees with its case results {computed}",
                    suite.name
                ));
            }
        }
        if let Some(plan) = suite.plan {
            if suite.cases.len() as u32 != plan {
                out.push(format!(
                    "suite {} planned {plan} cases but reported {}",
                    suite.name,
                    suite.cases.len()
                ));
            }
        }
    }
    out
}

/// Compares a suite against `--expect`; uses its printed summary when there
/// is one, else the counts of its case results.
fn compare(expectation: &SuiteExpectation, suite: &Suite) -> Option<String> {
    let got: Counts = suite.counts();
    let checks = [
        (expectation.pass, got.pass),
        (expectation.fail, got.fail),
        (expectation.skip, got.skip),
        (expectation.total, got.total),
    ];
    let matches = checks
        .iter()
        .all(|(want, have)| want.map_or(true, |w| w == *have));
    if matches {
        return None;
    }
    let source = if suite.summary.is_some() {
        ""
    } else {
        " (counted from case results)"
    };
    Some(format!(
        "suite {}: expected {expectation}, got {got}{source}",
        suite.name
    ))
}

fn pass_detail(log: &ParsedLog, expected_panic: bool) -> String {
    let mut parts: Vec<String> = log
        .suites
        .iter()
        .map(|s| format!("{}: {}", s.name, s.counts()))
        .collect();
    if parts.is_empty() {
        parts.push(format!("{} KASAN reports", log.reports.len()));
    }
    if expected_panic {
        parts.push("expected KASAN panic".to_string());
    }
    parts.join("; ")
}
