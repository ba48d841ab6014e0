//! Differential comparison of two console logs of the same QEMU configuration
//! (`kasan-rs compare A.log B.log`): the `c` oracle against the `rust` variant.
//!
//! Compared, in this order: the KASAN boot banner (or its absence), the
//! `Malformed early option '...'` lines, every suite's result and counts,
//! every case's (and parameter's) outcome and skip reason, per case the
//! sequence of KASAN reports (bug type from `BUG: KASAN: <type> ...` and the
//! access kind, `Read`/`Write`/`Free`, from the line after it), reports outside
//! any case, crash signatures and the verdict class (as `kasan-rs ktap` with no
//! expectations would judge the log).
//!
//! Random tags make a check miss now and then on either side (two neighbours
//! draw the same tag). A case that passed on one side and failed on the other
//! only with `KASAN failure expected in "...", but none occurred`, having
//! printed a subsequence of the other side's reports, is a *collision suspect*;
//! differences that follow from such cases alone (the suite's counts and
//! result, the verdict class) are marked so, and [`Comparison::exit_code`]
//! is then [`COLLISION_ONLY`] instead of [`DIFFERENT`].
//!
//! The bug type of a slab report is tag-dependent as well: 6.12's
//! `kasan_complete_mode_report_info()` (mm/kasan/report_tags.c) searches the
//! stack ring for a record of the object *with the pointer's tag*, and names
//! the bug `slab-use-after-free` (a free record), `slab-out-of-bounds` (an
//! alloc record) or `invalid-access` (none). Whether a record with a matching
//! tag is still there depends on the random tags of earlier allocations: the
//! C oracle itself prints `slab-use-after-free` for `kasan_memcmp` in one
//! `kasan.mode=sync` run and `invalid-access` in the next (measured with
//! `--seed 1..6`). Reports that differ only so (same access kind, both types
//! among these three) make the case a collision suspect too, marked
//! `[tag-dependent bug type]`.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use kasan_core::report::BugType;

use crate::expect::Expectations;
use crate::ktap::{Case, Counts, Outcome};
use crate::log::{parse_log, ParsedLog};
use crate::report::Report;
use crate::verdict::{judge, RunEnd, Verdict, VerdictKind};

/// Exit code: the logs agree.
pub const SAME: i32 = 0;
/// Exit code: the logs differ.
pub const DIFFERENT: i32 = 1;
/// Exit code: the only differences are collision suspects.
pub const COLLISION_ONLY: i32 = 8;

/// Bug types `kasan_complete_mode_report_info()` picks by a tag match in the stack ring.
const RING_TYPES: [BugType; 3] = [
    BugType::InvalidAccess,
    BugType::SlabOutOfBounds,
    BugType::SlabUseAfterFree,
];

/// True for a bug type of [`RING_TYPES`].
fn ring_decided(bug: &str) -> bool {
    BugType::from_name(bug).is_some_and(|t| RING_TYPES.contains(&t))
}

/// The KUnit message of a check that expected a KASAN report and saw none.
const NONE_OCCURRED: &str = "but none occurred";

/// A KASAN report as compared: the bug type and access kind of the
/// [`Report`] the log reader recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Kind<'a> {
    /// `slab-out-of-bounds`, `invalid-access`, ... (`async-fault` for a lone
    /// `Asynchronous fault:` line).
    bug: &'a str,
    /// `Read`, `Write` or `Free`, when the report says.
    access: Option<&'a str>,
}

impl<'a> Kind<'a> {
    fn of(r: &'a Report) -> Kind<'a> {
        Kind {
            bug: if r.is_lone_async_fault() {
                "async-fault"
            } else {
                &r.bug_type
            },
            access: r.access.as_ref().map(|a| a.op.as_str()),
        }
    }

    /// Same report, or the same access with a bug type that only the stack
    /// ring's tag match decides (see the module documentation).
    fn tag_equivalent(&self, other: &Kind<'_>) -> bool {
        self == other
            || (self.access == other.access && ring_decided(self.bug) && ring_decided(other.bug))
    }

    fn label(&self) -> String {
        match self.access {
            Some(access) => format!("{}/{access}", self.bug),
            None => self.bug.to_string(),
        }
    }
}

/// One case, or one parameter of a parameterised case (`case[param]`).
#[derive(Clone, Debug)]
struct CaseFacts {
    key: String,
    outcome: Outcome,
    skip_reason: Option<String>,
    failure: Option<String>,
    /// Failed, and every failed expectation was `... but none occurred`.
    only_none_occurred: bool,
    /// Its reports' indices in the log's.
    reports: Vec<usize>,
    /// A top-level case (counted in the suite's summary), not a parameter.
    top_level: bool,
}

/// True when `diagnostics` have failed expectations and every one is
/// `KASAN failure expected ..., but none occurred` (a missed report, the
/// tag-collision suspect both comparisons treat apart).
pub fn failures_all_none_occurred(diagnostics: &[String]) -> bool {
    let mut failed = diagnostics
        .iter()
        .filter(|d| d.contains("FAILED"))
        .peekable();
    failed.peek().is_some() && failed.all(|d| d.trim_end().ends_with(NONE_OCCURRED))
}

fn only_none_occurred(case: &Case) -> bool {
    let failed: Vec<&String> = case
        .diagnostics
        .iter()
        .filter(|d| d.contains("FAILED"))
        .collect();
    let own = failures_all_none_occurred(&case.diagnostics);
    let params_fail = case.params.iter().filter(|p| p.outcome == Outcome::Fail);
    let params = case.params.iter().any(|p| p.outcome == Outcome::Fail)
        && params_fail.clone().all(only_none_occurred)
        && (failed.is_empty() || own);
    case.outcome == Outcome::Fail && (own || params)
}

fn case_facts(case: &Case, key: String, top_level: bool, out: &mut Vec<CaseFacts>) {
    out.push(CaseFacts {
        key: key.clone(),
        outcome: case.outcome,
        skip_reason: case.skip_reason.clone(),
        failure: case.main_diagnostic().map(|d| d.replace('\n', " | ")),
        only_none_occurred: only_none_occurred(case),
        reports: case.reports.clone(),
        top_level,
    });
    for param in &case.params {
        case_facts(param, format!("{key}[{}]", param.name), false, out);
    }
}

/// One suite, as compared.
#[derive(Clone, Debug)]
struct SuiteFacts {
    name: String,
    outcome: Outcome,
    counts: Counts,
    cases: Vec<CaseFacts>,
    /// The indices of its reports outside any case.
    stray: Vec<usize>,
}

/// What one log holds that the comparison looks at.
#[derive(Clone, Debug)]
pub struct LogFacts {
    /// The parsed log.
    pub parsed: ParsedLog,
    /// Its verdict with no expectations.
    pub verdict: Verdict,
    suites: Vec<SuiteFacts>,
    /// The indices of the reports outside any suite.
    outside: Vec<usize>,
    crashes: Vec<String>,
}

/// How the run ended, from the line `kasan-rs run` appends to its log.
pub(crate) fn run_end(text: &str) -> RunEnd {
    for line in text.lines().rev().take(5) {
        if line.starts_with("kasan-rs: timeout after") {
            return RunEnd::TimedOut;
        }
        if line.starts_with("kasan-rs: kernel panicked") {
            return RunEnd::StoppedAfterPanic;
        }
        if line.starts_with("kasan-rs: KTAP finished but QEMU did not power off") {
            return RunEnd::StoppedAfterKtap;
        }
    }
    RunEnd::Exited
}

impl LogFacts {
    /// Reads a whole console log.
    pub fn from_text(text: &str) -> LogFacts {
        let parsed = parse_log(text);
        let verdict = judge(&parsed, &Expectations::default(), run_end(text));
        let suites = parsed
            .suites
            .iter()
            .map(|suite| {
                let mut cases = Vec::new();
                for case in &suite.cases {
                    case_facts(case, case.name.clone(), true, &mut cases);
                }
                SuiteFacts {
                    name: suite.name.clone(),
                    outcome: suite.outcome,
                    counts: suite.counts(),
                    cases,
                    stray: suite.stray_reports.clone(),
                }
            })
            .collect();
        let outside = (0..parsed.reports.len())
            .filter(|&i| parsed.reports[i].position.is_none())
            .collect();
        let crashes = parsed
            .crashes
            .iter()
            .map(|c| {
                let place = c.position.as_ref().map_or_else(
                    || "outside any test".to_string(),
                    |p| {
                        let name = parsed
                            .suite(&p.suite)
                            .and_then(|s| s.cases.iter().find(|k| k.number == p.case_number))
                            .map_or_else(|| format!("#{}", p.case_number), |k| k.name.clone());
                        format!("in {}.{name}", p.suite)
                    },
                );
                let inside = if c.inside_report {
                    " inside a KASAN report"
                } else {
                    ""
                };
                format!("{} {place}{inside}", c.kind.name())
            })
            .collect();
        LogFacts {
            parsed,
            verdict,
            suites,
            outside,
            crashes,
        }
    }

    /// The reports at `indices`, as compared.
    fn kinds(&self, indices: &[usize]) -> Vec<Kind<'_>> {
        indices
            .iter()
            .filter_map(|&i| self.parsed.reports.get(i))
            .map(|r| Kind::of(&r.report))
            .collect()
    }

    /// One-line result: each suite's counts, or the verdict when no suite ran.
    pub fn result(&self) -> String {
        if self.suites.is_empty() {
            return format!("{} ({})", self.verdict.kind, self.verdict.detail);
        }
        self.suites
            .iter()
            .map(|s| {
                if s.cases.is_empty() {
                    // e.g. kasan=off: `kasan: test: Can't run KASAN tests with KASAN disabled`.
                    let why = self
                        .parsed
                        .suite(&s.name)
                        .and_then(|p| p.diagnostics.first())
                        .map(|d| format!(" ({})", d.rsplit("# ").next().unwrap_or(d).trim()))
                        .unwrap_or_default();
                    return format!("{} {}: no case ran{why}", s.name, suite_result(s.outcome));
                }
                format!(
                    "{} {} pass:{} fail:{} skip:{}",
                    s.name,
                    suite_result(s.outcome),
                    s.counts.pass,
                    s.counts.fail,
                    s.counts.skip
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

fn suite_result(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Pass | Outcome::Skip => "ok",
        Outcome::Fail => "not-ok",
        Outcome::Incomplete => "unfinished",
    }
}

/// One difference between the two logs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    /// One line.
    pub message: String,
    /// Explained by collision suspects alone.
    pub collision: bool,
}

/// The result of comparing two logs.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// Label of the first log (`c`).
    pub label_a: String,
    /// Label of the second log (`rust`).
    pub label_b: String,
    /// The first log.
    pub a: LogFacts,
    /// The second log.
    pub b: LogFacts,
    /// Every difference found, in comparison order.
    pub differences: Vec<Difference>,
    /// Collision-suspect cases, as `suite.case` would be rerun: the case name.
    pub suspects: Vec<String>,
}

impl Comparison {
    /// [`SAME`], [`DIFFERENT`] or [`COLLISION_ONLY`].
    pub fn exit_code(&self) -> i32 {
        if self.differences.is_empty() {
            SAME
        } else if self.differences.iter().all(|d| d.collision) {
            COLLISION_ONLY
        } else {
            DIFFERENT
        }
    }

    /// The printed report: one line per side, one per difference, the
    /// suspects, and a final line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (label, facts) in [(&self.label_a, &self.a), (&self.label_b, &self.b)] {
            let _ = writeln!(
                out,
                "{label}: {} | reports:{} | verdict: {} | banner: {} | malformed: {}",
                facts.result(),
                facts.parsed.reports.len(),
                facts.verdict.kind,
                facts
                    .parsed
                    .banner
                    .as_ref()
                    .map_or("(none)", |b| b.text.as_str()),
                if facts.parsed.malformed_options.is_empty() {
                    "(none)".to_string()
                } else {
                    facts
                        .parsed
                        .malformed_options
                        .iter()
                        .map(|o| format!("'{o}'"))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            );
        }
        for d in &self.differences {
            let tag = if d.collision {
                " [collision suspect]"
            } else {
                ""
            };
            let _ = writeln!(out, "differs: {}{tag}", d.message);
        }
        if !self.suspects.is_empty() {
            let _ = writeln!(out, "collision-suspects: {}", self.suspects.join(" "));
        }
        let cases: usize = self.a.suites.iter().map(|s| s.cases.len()).sum();
        let verdict = match self.exit_code() {
            SAME => format!(
                "SAME ({cases} cases, {} reports)",
                self.a.parsed.reports.len()
            ),
            COLLISION_ONLY => format!(
                "COLLISION-ONLY ({} differences, all from {} collision-suspect case(s))",
                self.differences.len(),
                self.suspects.len()
            ),
            _ => format!(
                "DIFFERENT ({} differences, {} not explained by collisions)",
                self.differences.len(),
                self.differences.iter().filter(|d| !d.collision).count()
            ),
        };
        let _ = writeln!(
            out,
            "compare {} vs {}: {verdict}",
            self.label_a, self.label_b
        );
        out
    }
}

fn labels(reports: &[Kind<'_>]) -> String {
    if reports.is_empty() {
        return "none".to_string();
    }
    reports
        .iter()
        .map(Kind::label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when `small` is `big` with some elements left out.
fn is_subsequence(small: &[Kind<'_>], big: &[Kind<'_>]) -> bool {
    let mut it = big.iter();
    small.iter().all(|s| it.any(|b| b.tag_equivalent(s)))
}

fn outcome_text(case: &CaseFacts) -> String {
    match (case.outcome, &case.skip_reason, &case.failure) {
        (Outcome::Skip, Some(reason), _) if !reason.is_empty() => format!("skip ({reason})"),
        (Outcome::Fail, _, Some(why)) => format!("FAIL ({why})"),
        (outcome, _, _) => outcome.name().to_string(),
    }
}

/// One-hot counts of an outcome, to explain a suite's count difference.
fn one_hot(outcome: Outcome) -> [i64; 4] {
    match outcome {
        Outcome::Pass => [1, 0, 0, 1],
        Outcome::Fail => [0, 1, 0, 1],
        Outcome::Skip => [0, 0, 1, 1],
        Outcome::Incomplete => [0; 4],
    }
}

fn counts_vec(c: Counts) -> [i64; 4] {
    [c.pass, c.fail, c.skip, c.total].map(i64::from)
}

/// Compares two console logs (texts) labelled `label_a` and `label_b`.
pub fn compare_texts(label_a: &str, a: &str, label_b: &str, b: &str) -> Comparison {
    compare(
        label_a,
        LogFacts::from_text(a),
        label_b,
        LogFacts::from_text(b),
    )
}

/// Compares two read logs.
pub fn compare(label_a: &str, a: LogFacts, label_b: &str, b: LogFacts) -> Comparison {
    let (la, lb) = (label_a, label_b);
    let mut diffs: Vec<Difference> = Vec::new();
    let mut real = |message: String| {
        diffs.push(Difference {
            message,
            collision: false,
        })
    };

    // (a) The banner.
    let banner = |f: &LogFacts| f.parsed.banner.as_ref().map(|b| b.text.clone());
    if banner(&a) != banner(&b) {
        let show = |x: Option<String>| x.unwrap_or_else(|| "(no banner)".to_string());
        real(format!(
            "banner: {la} {:?}, {lb} {:?}",
            show(banner(&a)),
            show(banner(&b))
        ));
    }
    // (b) Malformed early options, in order.
    if a.parsed.malformed_options != b.parsed.malformed_options {
        real(format!(
            "Malformed early option lines: {la} {:?}, {lb} {:?}",
            a.parsed.malformed_options, b.parsed.malformed_options
        ));
    }
    if a.parsed.parameter_complaints != b.parsed.parameter_complaints {
        real(format!(
            "parameter complaints: {la} {:?}, {lb} {:?}",
            a.parsed.parameter_complaints, b.parsed.parameter_complaints
        ));
    }
    if a.parsed.kunit_disabled != b.parsed.kunit_disabled {
        real(format!(
            "kunit: disabled: {la} {}, {lb} {}",
            a.parsed.kunit_disabled, b.parsed.kunit_disabled
        ));
    }
    // Reports outside any suite (boot-time reports).
    let (outside_a, outside_b) = (a.kinds(&a.outside), b.kinds(&b.outside));
    if outside_a != outside_b {
        real(format!(
            "KASAN reports outside any suite: {la} [{}], {lb} [{}]",
            labels(&outside_a),
            labels(&outside_b)
        ));
    }

    // (c), (d) Suites and cases.
    let mut suspects: BTreeSet<String> = BTreeSet::new();
    let mut collision_diffs: Vec<Difference> = Vec::new();
    let names_a: Vec<&str> = a.suites.iter().map(|s| s.name.as_str()).collect();
    let names_b: Vec<&str> = b.suites.iter().map(|s| s.name.as_str()).collect();
    if names_a != names_b {
        real(format!("suites: {la} {names_a:?}, {lb} {names_b:?}"));
    }
    for sa in &a.suites {
        let Some(sb) = b.suites.iter().find(|s| s.name == sa.name) else {
            continue;
        };
        let suite = &sa.name;
        let mut suite_suspects: Vec<(&CaseFacts, &CaseFacts)> = Vec::new();
        let keys_b: BTreeSet<&str> = sb.cases.iter().map(|c| c.key.as_str()).collect();
        for ca in &sa.cases {
            let Some(cb) = sb.cases.iter().find(|c| c.key == ca.key) else {
                real(format!(
                    "case {suite}.{}: only in {la} ({})",
                    ca.key,
                    outcome_text(ca)
                ));
                continue;
            };
            let same_outcome = ca.outcome == cb.outcome && ca.skip_reason == cb.skip_reason;
            let (reports_a, reports_b) = (a.kinds(&ca.reports), b.kinds(&cb.reports));
            let same_reports = reports_a == reports_b;
            if same_outcome && same_reports {
                continue;
            }
            // A collision suspect: each side passed or failed only for want of
            // a report, at least one failed, and a lone failing side printed a
            // subsequence of the other side's reports.
            let shaped = |c: &CaseFacts| {
                c.outcome == Outcome::Pass || (c.outcome == Outcome::Fail && c.only_none_occurred)
            };
            let missed = shaped(ca)
                && shaped(cb)
                && (ca.outcome == Outcome::Fail || cb.outcome == Outcome::Fail)
                && match (ca.outcome, cb.outcome) {
                    (Outcome::Fail, Outcome::Pass) => is_subsequence(&reports_a, &reports_b),
                    (Outcome::Pass, Outcome::Fail) => is_subsequence(&reports_b, &reports_a),
                    _ => true,
                };
            // Same outcome, reports that differ only in ring-decided bug types.
            let retyped = same_outcome
                && reports_a.len() == reports_b.len()
                && reports_a
                    .iter()
                    .zip(&reports_b)
                    .all(|(x, y)| x.tag_equivalent(y));
            let suspect = missed || retyped;
            let mut push = |message: String| {
                let d = Difference {
                    message,
                    collision: suspect,
                };
                if suspect {
                    collision_diffs.push(d);
                } else {
                    real(d.message);
                }
            };
            if !same_outcome {
                push(format!(
                    "case {suite}.{}: {la} {}, {lb} {}",
                    ca.key,
                    outcome_text(ca),
                    outcome_text(cb)
                ));
            }
            if !same_reports {
                push(format!(
                    "case {suite}.{}: KASAN reports {la} {} [{}], {lb} {} [{}]{}",
                    ca.key,
                    reports_a.len(),
                    labels(&reports_a),
                    reports_b.len(),
                    labels(&reports_b),
                    if retyped {
                        " [tag-dependent bug type]"
                    } else {
                        ""
                    }
                ));
            }
            if suspect {
                // Reruns are by top-level case name.
                let case = ca.key.split('[').next().unwrap_or(&ca.key).to_string();
                suspects.insert(case);
                if ca.top_level {
                    suite_suspects.push((ca, cb));
                }
            }
        }
        for cb in sb
            .cases
            .iter()
            .filter(|c| !sa.cases.iter().any(|x| x.key == c.key))
        {
            real(format!(
                "case {suite}.{}: only in {lb} ({})",
                cb.key,
                outcome_text(cb)
            ));
        }
        let _ = keys_b;
        // The suite's counts and result, explained by the suspects or not.
        let mut delta = [0i64; 4];
        for (ca, cb) in &suite_suspects {
            let (x, y) = (one_hot(ca.outcome), one_hot(cb.outcome));
            for i in 0..4 {
                delta[i] += x[i] - y[i];
            }
        }
        let (va, vb) = (counts_vec(sa.counts), counts_vec(sb.counts));
        let explained = (0..4).all(|i| va[i] - vb[i] == delta[i]) && !suite_suspects.is_empty();
        let mut suite_diff = |message: String| {
            if explained {
                collision_diffs.push(Difference {
                    message,
                    collision: true,
                });
            } else {
                real(message);
            }
        };
        if sa.counts != sb.counts {
            suite_diff(format!(
                "suite {suite}: {la} {}, {lb} {}",
                sa.counts, sb.counts
            ));
        }
        if sa.outcome != sb.outcome {
            suite_diff(format!(
                "suite {suite} result: {la} {}, {lb} {}",
                sa.outcome.name(),
                sb.outcome.name()
            ));
        }
        let (stray_a, stray_b) = (a.kinds(&sa.stray), b.kinds(&sb.stray));
        if stray_a != stray_b {
            real(format!(
                "suite {suite}: KASAN reports outside any case: {la} [{}], {lb} [{}]",
                labels(&stray_a),
                labels(&stray_b)
            ));
        }
    }
    for sb in b
        .suites
        .iter()
        .filter(|s| !names_a.contains(&s.name.as_str()))
    {
        real(format!("suite {}: only in {lb}", sb.name));
    }

    // (e) Crashes and the verdict class.
    if a.crashes != b.crashes {
        real(format!(
            "crashes: {la} [{}], {lb} [{}]",
            a.crashes.join(", "),
            b.crashes.join(", ")
        ));
    }
    if a.verdict.kind != b.verdict.kind {
        // Pass against CASE_FAILED is explained when every failure is a suspect.
        let failures_are_suspects = |v: &Verdict| {
            v.problems.iter().all(|p| {
                p.kind == VerdictKind::CaseFailed
                    && suspects.iter().any(|s| {
                        a.suites
                            .iter()
                            .any(|suite| p.message.starts_with(&format!("{}.{s}", suite.name)))
                    })
            })
        };
        let message = format!(
            "verdict: {la} {} ({}), {lb} {} ({})",
            a.verdict.kind, a.verdict.detail, b.verdict.kind, b.verdict.detail
        );
        if failures_are_suspects(&a.verdict) && failures_are_suspects(&b.verdict) {
            collision_diffs.push(Difference {
                message,
                collision: true,
            });
        } else {
            real(message);
        }
    }

    diffs.extend(collision_diffs);
    Comparison {
        label_a: label_a.to_string(),
        label_b: label_b.to_string(),
        a,
        b,
        differences: diffs,
        suspects: suspects.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEP: &str = "==================================================================";

    #[test]
    fn headers_are_named_as_the_report_parser_names_them() {
        for (header, bug) in [
            (
                "BUG: KASAN: slab-out-of-bounds in f+0x1/0x2",
                "slab-out-of-bounds",
            ),
            (
                "BUG: KASAN: null-ptr-deref on address 0000000000000010",
                "null-ptr-deref",
            ),
            ("BUG: KASAN: invalid-access", "invalid-access"),
            ("Asynchronous fault: no details available", "async-fault"),
        ] {
            let log = parse_log(&format!("{header}\n"));
            assert_eq!(Kind::of(&log.reports[0].report).bug, bug, "{header}");
        }
    }

    /// A case of [`log`]: name, outcome, reports as (type, access).
    type LogCase<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

    /// A 6.12-shaped log of suite `kasan` with `cases`: (name, outcome, reports as
    /// (type, access)). `fail` cases fail with `... but none occurred`.
    fn log(banner: &str, malformed: &[&str], cases: &[LogCase<'_>]) -> String {
        let mut s = String::from("[    0.000000] Booting Linux on physical CPU 0x0\n");
        for m in malformed {
            s.push_str(&format!("[    0.000000] Malformed early option '{m}'\n"));
        }
        if !banner.is_empty() {
            s.push_str(&format!("[    0.020000] kasan: {banner}\n"));
        }
        s.push_str("[    0.1] KTAP version 1\n[    0.1] 1..1\n[    0.1]     KTAP version 1\n");
        s.push_str(&format!(
            "[    0.1]     # Subtest: kasan\n[    0.1]     1..{}\n",
            cases.len()
        ));
        let (mut pass, mut fail, mut skip) = (0, 0, 0);
        for (n, (name, outcome, reports)) in cases.iter().enumerate() {
            for (bug, access) in reports.iter() {
                s.push_str(&format!(
                    "[    0.2] {SEP}\n[    0.2] BUG: KASAN: {bug} in {name}+0x88/0x290\n"
                ));
                if !access.is_empty() {
                    s.push_str(&format!(
                        "[    0.2] {access} at addr f5ff000000ce1770 by task kunit_try_catch/35\n"
                    ));
                }
                s.push_str(&format!("[    0.2] {SEP}\n"));
            }
            let n = n + 1;
            match *outcome {
                "ok" => {
                    pass += 1;
                    s.push_str(&format!("[    0.3]     ok {n} {name}\n"));
                }
                "skip" => {
                    skip += 1;
                    s.push_str(&format!(
                        "[    0.3]     ok {n} {name} # SKIP Test requires CONFIG_KASAN_GENERIC=y\n"
                    ));
                }
                _ => {
                    fail += 1;
                    s.push_str(&format!(
                        "[    0.3]     # {name}: EXPECTATION FAILED at mm/kasan/kasan_test_c.c:208\n\
                         [    0.3]     KASAN failure expected in \"*ptr = *(ptr - 1)\", but none occurred\n\
                         [    0.3]     not ok {n} {name}\n"
                    ));
                }
            }
        }
        let total = pass + fail + skip;
        s.push_str(&format!(
            "[    0.4] # kasan: pass:{pass} fail:{fail} skip:{skip} total:{total}\n\
             [    0.4] # Totals: pass:{pass} fail:{fail} skip:{skip} total:{total}\n\
             [    0.4] {}ok 1 kasan\n[    0.5] reboot: Power down\n",
            if fail > 0 { "not " } else { "" }
        ));
        s
    }

    const BANNER: &str =
        "KernelAddressSanitizer initialized (hw-tags, mode=sync, vmalloc=on, stacktrace=on)";
    const OOB_W: (&str, &str) = ("slab-out-of-bounds", "Write");
    const INV_R: (&str, &str) = ("invalid-access", "Read");
    const UAF_R: (&str, &str) = ("slab-use-after-free", "Read");

    fn base() -> String {
        log(
            BANNER,
            &[],
            &[
                ("kmalloc_oob_right", "ok", &[OOB_W, INV_R]),
                ("kmalloc_oob_left", "ok", &[INV_R]),
                ("kasan_global_oob_right", "skip", &[]),
                ("kmalloc_uaf", "ok", &[UAF_R]),
            ],
        )
    }

    #[test]
    fn identical_logs_are_the_same() {
        let cmp = compare_texts("c", &base(), "rust", &base());
        assert_eq!(cmp.exit_code(), SAME, "{}", cmp.render());
        assert!(cmp
            .render()
            .ends_with("compare c vs rust: SAME (4 cases, 4 reports)\n"));
    }

    #[test]
    fn reports_carry_type_and_access() {
        let facts = LogFacts::from_text(&base());
        let oob = facts.kinds(&facts.suites[0].cases[0].reports);
        assert_eq!(
            labels(&oob),
            "slab-out-of-bounds/Write, invalid-access/Read"
        );
    }

    #[test]
    fn a_cases_reports_are_the_log_readers() {
        // Another caller's access line inside the report is not its access.
        let text = format!(
            "[ 1.0][ T1] KTAP version 1\n[ 1.0][ T1] 1..1\n[ 1.0][ T1]     # Subtest: s\n\
             [ 1.0][ T1]     1..1\n[ 1.0][ T9] {SEP}\n\
             [ 1.0][ T9] BUG: KASAN: slab-out-of-bounds in f+0x1/0x2\n\
             [ 1.0][ C1] Write at addr ffff000000002000 by task x/2\n\
             [ 1.0][ T9] Read of size 8 at addr ffff000000001000 by task t/9\n\
             [ 1.0][ T9] {SEP}\n[ 1.0][ T1]     ok 1 c\n[ 1.0][ T1] ok 1 s\n"
        );
        let facts = LogFacts::from_text(&text);
        assert_eq!(
            labels(&facts.kinds(&facts.suites[0].cases[0].reports)),
            "slab-out-of-bounds/Read"
        );
    }

    #[test]
    fn a_different_report_type_differs() {
        let other = base().replace(
            "BUG: KASAN: slab-use-after-free in kmalloc_uaf",
            "BUG: KASAN: use-after-free in kmalloc_uaf",
        );
        let cmp = compare_texts("c", &base(), "rust", &other);
        assert_eq!(cmp.exit_code(), DIFFERENT, "{}", cmp.render());
        assert_eq!(cmp.differences.len(), 1);
        assert_eq!(
            cmp.differences[0].message,
            "case kasan.kmalloc_uaf: KASAN reports c 1 [slab-use-after-free/Read], rust 1 [use-after-free/Read]"
        );
        assert!(cmp.suspects.is_empty());
    }

    #[test]
    fn a_ring_decided_bug_type_is_a_collision_suspect() {
        // The C oracle prints either for kasan_memcmp, depending on the tags.
        let other = base().replace(
            "BUG: KASAN: invalid-access in kmalloc_oob_left",
            "BUG: KASAN: slab-use-after-free in kmalloc_oob_left",
        );
        let cmp = compare_texts("c", &base(), "rust", &other);
        let text = cmp.render();
        assert_eq!(cmp.exit_code(), COLLISION_ONLY, "{text}");
        assert_eq!(cmp.suspects, vec!["kmalloc_oob_left".to_string()]);
        assert!(text.contains("[tag-dependent bug type]"), "{text}");
    }

    #[test]
    fn a_different_access_kind_differs() {
        let other = base().replace("Write at addr", "Read at addr");
        let cmp = compare_texts("c", &base(), "rust", &other);
        assert_eq!(cmp.exit_code(), DIFFERENT, "{}", cmp.render());
    }

    #[test]
    fn a_missed_report_is_a_collision_suspect() {
        let missed = log(
            BANNER,
            &[],
            &[
                ("kmalloc_oob_right", "ok", &[OOB_W, INV_R]),
                ("kmalloc_oob_left", "fail", &[]),
                ("kasan_global_oob_right", "skip", &[]),
                ("kmalloc_uaf", "ok", &[UAF_R]),
            ],
        );
        let cmp = compare_texts("c", &missed, "rust", &base());
        let text = cmp.render();
        assert_eq!(cmp.exit_code(), COLLISION_ONLY, "{text}");
        assert_eq!(cmp.suspects, vec!["kmalloc_oob_left".to_string()]);
        assert!(
            text.contains("collision-suspects: kmalloc_oob_left\n"),
            "{text}"
        );
        // Outcome, reports, suite counts, suite result, verdict.
        assert_eq!(cmp.differences.len(), 5, "{text}");
    }

    #[test]
    fn a_collision_next_to_a_real_difference_is_different() {
        let missed = log(
            BANNER,
            &[],
            &[
                ("kmalloc_oob_right", "ok", &[OOB_W, INV_R]),
                ("kmalloc_oob_left", "fail", &[]),
                ("kasan_global_oob_right", "skip", &[]),
                ("kmalloc_uaf", "ok", &[("double-free", "Free")]),
            ],
        );
        let cmp = compare_texts("c", &base(), "rust", &missed);
        assert_eq!(cmp.exit_code(), DIFFERENT, "{}", cmp.render());
        assert_eq!(cmp.suspects, vec!["kmalloc_oob_left".to_string()]);
    }

    #[test]
    fn a_failure_with_extra_reports_is_no_collision() {
        // Failing "for want of a report" while printing one the other side did not.
        let odd = log(
            BANNER,
            &[],
            &[
                ("kmalloc_oob_right", "ok", &[OOB_W, INV_R]),
                ("kmalloc_oob_left", "fail", &[("double-free", "Free")]),
                ("kasan_global_oob_right", "skip", &[]),
                ("kmalloc_uaf", "ok", &[UAF_R]),
            ],
        );
        let cmp = compare_texts("c", &base(), "rust", &odd);
        assert_eq!(cmp.exit_code(), DIFFERENT, "{}", cmp.render());
    }

    #[test]
    fn banner_and_malformed_lines_are_compared() {
        let a = log(
            BANNER,
            &["kasan.mode=fast"],
            &[("kmalloc_uaf", "ok", &[UAF_R])],
        );
        let b = log(
            &BANNER.replace("mode=sync", "mode=async"),
            &["kasan.mode=fast", "kasan.vmalloc="],
            &[("kmalloc_uaf", "ok", &[UAF_R])],
        );
        let cmp = compare_texts("c", &a, "rust", &b);
        assert_eq!(cmp.exit_code(), DIFFERENT);
        assert_eq!(cmp.differences.len(), 2, "{}", cmp.render());
        assert!(cmp.differences[0].message.starts_with("banner: "));
        assert!(cmp.differences[1]
            .message
            .starts_with("Malformed early option lines: "));
        let no_banner = log("", &[], &[("kmalloc_uaf", "ok", &[UAF_R])]);
        let cmp = compare_texts("c", &a, "rust", &no_banner);
        assert!(cmp.render().contains("(no banner)"));
    }

    #[test]
    fn parameter_complaints_are_compared() {
        let a = log(BANNER, &["kasan.mode"], &[("kmalloc_uaf", "ok", &[UAF_R])]);
        let b = a.replace(
            "Malformed early option 'kasan.mode'\n",
            "Malformed early option 'kasan.mode'\n[    0.000000] kasan: `' invalid for parameter `kasan.mode'\n",
        );
        assert_ne!(a, b);
        let cmp = compare_texts("c", &a, "rust", &b);
        assert_eq!(cmp.exit_code(), DIFFERENT, "{}", cmp.render());
        assert!(cmp.differences[0]
            .message
            .starts_with("parameter complaints: "));
        assert_eq!(compare_texts("c", &a, "rust", &a).exit_code(), SAME);
    }

    #[test]
    fn the_data_logs_compare() {
        let pass = include_str!("../tests/data/pass.log");
        let fail = include_str!("../tests/data/fail.log");
        assert_eq!(compare_texts("a", pass, "b", pass).exit_code(), SAME);
        // Different case lists: not a collision.
        assert_eq!(compare_texts("a", pass, "b", fail).exit_code(), DIFFERENT);
        let oops = include_str!("../tests/data/oops.log");
        let cmp = compare_texts("a", fail, "b", oops);
        assert_eq!(cmp.exit_code(), DIFFERENT);
        assert!(
            cmp.render().contains("differs: crashes: "),
            "{}",
            cmp.render()
        );
    }

    #[test]
    fn the_run_end_is_read_from_the_log() {
        assert_eq!(
            run_end("x\nkasan-rs: timeout after 3 s; killed QEMU after 3.0 s\n"),
            RunEnd::TimedOut
        );
        assert_eq!(
            run_end("x\nkasan-rs: QEMU exited after 3.4 s\n"),
            RunEnd::Exited
        );
    }
}
