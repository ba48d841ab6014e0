//! `kasan-rs kunit-compare A.log B.log`: every KUnit suite of two consoles of
//! one kernel configuration (`make kunit`: the `c` oracle and the `rust`
//! variant), compared suite by suite and case by case, plus the policy of
//! where KASAN reports may appear.
//!
//! Compared, per suite (matched by name and order of appearance): whether it
//! ran, its result, its counts (the suite's own summary line, else the counted
//! results), its plan; per case and parameter (`case[param]`): the outcome and
//! the skip reason. A failure that both sides share is not a difference (an
//! upstream suite that fails on this machine fails on both); it is listed.
//!
//! The policy, judged on each side alone:
//! * a KASAN report (`BUG: KASAN: ...` or a lone `Asynchronous fault:`) is
//!   expected only inside a *KASAN suite* (`--kasan-suites`, default
//!   `kasan*`: the built-in `kasan` and a backported `kasan_mm`), or in a case
//!   named by `--expect-kasan-failure SUITE.CASE`, or where `--allow-reports
//!   SUITE[.CASE]` tolerates one; anywhere else (another suite, between suites,
//!   during boot) it is a violation;
//! * a case named by `--expect-kasan-failure` must have run, printed at least
//!   one KASAN report and been failed by KUnit (`not ok`): 6.12's KASAN marks
//!   the running non-KASAN test failed (`kunit_set_failure()`, no message);
//! * every suite must finish, and no crash line (Oops, panic, non-KASAN `BUG:`,
//!   `WARNING:`) may appear outside a KASAN report or a KASAN suite.
//!
//! Random tags make a KASAN-suite case miss its report now and then on either
//! side; a case that differs only so (one side failed with nothing but
//! `KASAN failure expected ..., but none occurred`) is a collision suspect, as
//! in `kasan-rs compare`, and alone gives exit code 8.

use std::fmt::Write as _;

use crate::compare::{run_end, COLLISION_ONLY, DIFFERENT, SAME};
use crate::ktap::{Case, Counts, Outcome, Suite};
use crate::log::{parse_log, ParsedLog};
use crate::verdict::RunEnd;

/// Where KASAN reports belong.
#[derive(Clone, Debug)]
pub struct Policy {
    /// Globs (`*` only) of the KASAN suites' names.
    pub kasan_suites: Vec<String>,
    /// `suite.case` that must be failed by KUnit with a KASAN report.
    pub expect_kasan_failure: Vec<String>,
    /// `suite` or `suite.case` where a KASAN report is tolerated.
    pub allow_reports: Vec<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            kasan_suites: vec!["kasan*".to_string()],
            expect_kasan_failure: Vec::new(),
            allow_reports: Vec::new(),
        }
    }
}

/// `*` matches any run of characters; everything else matches itself.
pub fn glob_match(glob: &str, name: &str) -> bool {
    let parts: Vec<&str> = glob.split('*').collect();
    if parts.len() == 1 {
        return glob == name;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

impl Policy {
    fn is_kasan_suite(&self, suite: &str) -> bool {
        self.kasan_suites.iter().any(|g| glob_match(g, suite))
    }

    fn expects_failure(&self, suite: &str, case: &str) -> bool {
        let key = format!("{suite}.{case}");
        self.expect_kasan_failure.contains(&key)
    }

    fn allows(&self, suite: &str, case: Option<&str>) -> bool {
        self.allow_reports.iter().any(|a| match a.split_once('.') {
            Some((s, c)) => s == suite && Some(c) == case,
            None => a == suite,
        })
    }

    /// May a KASAN report appear here (suite, case)?
    fn report_expected(&self, suite: &str, case: Option<&str>) -> bool {
        self.is_kasan_suite(suite)
            || case.is_some_and(|c| self.expects_failure(suite, c))
            || self.allows(suite, case)
    }
}

/// One case or parameter, flattened.
#[derive(Clone, Debug)]
struct CaseRow {
    key: String,
    outcome: Outcome,
    skip_reason: Option<String>,
    failure: Option<String>,
    only_none_occurred: bool,
    /// KASAN reports printed during the case (its own).
    reports: usize,
    /// A KUnit expectation or assertion failed (`... FAILED at ...`).
    failed_check: bool,
}

fn only_none_occurred(case: &Case) -> bool {
    case.outcome == Outcome::Fail && crate::compare::failures_all_none_occurred(&case.diagnostics)
}

fn flatten(case: &Case, key: String, out: &mut Vec<CaseRow>) {
    out.push(CaseRow {
        key: key.clone(),
        outcome: case.outcome,
        skip_reason: case.skip_reason.clone(),
        failure: case.main_diagnostic().map(|d| d.replace('\n', " | ")),
        only_none_occurred: only_none_occurred(case),
        reports: case.report_headers.len(),
        failed_check: case.diagnostics.iter().any(|d| d.contains("FAILED")),
    });
    for param in &case.params {
        flatten(param, format!("{key}[{}]", param.name), out);
    }
}

fn rows(suite: &Suite) -> Vec<CaseRow> {
    let mut out = Vec::new();
    for case in &suite.cases {
        flatten(case, case.name.clone(), &mut out);
    }
    out
}

/// Decimal numbers in a skip reason are data, not the reason: stackinit's
/// `XFAIL uninit bytes: 80` counts stack garbage, which differs from boot to boot.
fn mask_numbers(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut in_number = false;
    for ch in reason.chars() {
        if ch.is_ascii_digit() {
            if !in_number {
                out.push('N');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(ch);
        }
    }
    out
}

/// `failed` was failed by KUnit because of its KASAN report alone (no check of its own
/// failed) and `passed` saw no report. With HW_TAGS, a synchronous tag fault turns tag checking
/// off on the CPU that took it (arm64 do_tag_recovery()), so whether a later bug on that CPU is
/// reported depends on where the test ran: slub_test's red-zone cases, run after one another.
fn tag_state_dependent(failed: &CaseRow, passed: &CaseRow) -> bool {
    failed.outcome == Outcome::Fail
        && failed.reports > 0
        && !failed.failed_check
        && passed.outcome == Outcome::Pass
        && passed.reports == 0
}

fn outcome_text(row: &CaseRow) -> String {
    match (&row.skip_reason, &row.failure) {
        (Some(reason), _) => format!("skip ({reason})"),
        (None, Some(why)) if row.outcome == Outcome::Fail => format!("FAIL ({why})"),
        _ => row.outcome.name().to_string(),
    }
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// One line.
    pub message: String,
    /// A case that differs only as a random-tag collision would make it.
    pub collision: bool,
}

impl KunitComparison {
    /// The collision-suspect cases, `suite.case` (a parameter's case), to rerun alone.
    pub fn suspects(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for d in self.differences.iter().filter(|d| d.collision) {
            let key = d.message.split(": ").next().unwrap_or_default();
            let key = key.split('[').next().unwrap_or(key).to_string();
            if !out.contains(&key) {
                out.push(key);
            }
        }
        out
    }
}

/// The result of `kunit-compare`.
#[derive(Clone, Debug)]
pub struct KunitComparison {
    /// Labels of the two logs (`c`, `rust`).
    pub labels: [String; 2],
    /// One row per suite: name, the counts of each side (or what happened).
    pub table: Vec<(String, String, String, &'static str)>,
    /// Differences between the logs.
    pub differences: Vec<Finding>,
    /// Policy violations, each prefixed with its log's label.
    pub violations: Vec<String>,
    /// Failures both sides share (not differences; listed).
    pub shared_failures: Vec<String>,
    /// Cases compared (and parameters), suites compared.
    pub cases: usize,
    /// Suites compared.
    pub suites: usize,
}

impl KunitComparison {
    /// 0 same and within the policy, 8 only collision suspects, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        if !self.violations.is_empty() || self.differences.iter().any(|d| !d.collision) {
            DIFFERENT
        } else if self.differences.is_empty() {
            SAME
        } else {
            COLLISION_ONLY
        }
    }

    /// The printed report.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let [a, b] = &self.labels;
        let width = self
            .table
            .iter()
            .map(|r| r.0.len())
            .max()
            .unwrap_or(5)
            .max(5);
        let _ = writeln!(out, "{:<width$}  {:<34}  {:<34}  same", "suite", a, b);
        for (name, ca, cb, same) in &self.table {
            let _ = writeln!(out, "{name:<width$}  {ca:<34}  {cb:<34}  {same}");
        }
        for f in &self.shared_failures {
            let _ = writeln!(out, "fails on both: {f}");
        }
        for d in &self.differences {
            let tag = if d.collision {
                " [collision suspect]"
            } else {
                ""
            };
            let _ = writeln!(out, "differs: {}{tag}", d.message);
        }
        for v in &self.violations {
            let _ = writeln!(out, "violation: {v}");
        }
        let suspects = self.suspects();
        if !suspects.is_empty() {
            let _ = writeln!(out, "collision-suspects: {}", suspects.join(" "));
        }
        let verdict = match self.exit_code() {
            SAME => "SAME".to_string(),
            COLLISION_ONLY => format!(
                "COLLISION-ONLY ({} case(s) differ only by a missed report)",
                self.differences.len()
            ),
            _ => format!(
                "DIFFERENT ({} differences, {} policy violations)",
                self.differences.iter().filter(|d| !d.collision).count(),
                self.violations.len()
            ),
        };
        let _ = writeln!(
            out,
            "kunit-compare {a} vs {b}: {verdict} ({} suites, {} cases and parameters)",
            self.suites, self.cases
        );
        out
    }
}

fn counts_text(suite: &Suite) -> String {
    let Counts {
        pass, fail, skip, ..
    } = suite.counts();
    let state = match suite.outcome {
        Outcome::Pass => "ok",
        Outcome::Skip => "skip",
        Outcome::Fail => "not-ok",
        Outcome::Incomplete => "UNFINISHED",
    };
    if suite.cases.is_empty() {
        return format!("{state}, no case ran");
    }
    format!("{state} pass:{pass} fail:{fail} skip:{skip}")
}

/// Suites keyed by name and occurrence (`name`, `name#2` if it ran twice).
fn keyed(log: &ParsedLog) -> Vec<(String, &Suite)> {
    let mut out: Vec<(String, &Suite)> = Vec::new();
    for suite in &log.suites {
        let seen = out.iter().filter(|(_, s)| s.name == suite.name).count();
        let key = if seen == 0 {
            suite.name.clone()
        } else {
            format!("{}#{}", suite.name, seen + 1)
        };
        out.push((key, suite));
    }
    out
}

/// The policy on one log: its violations, each prefixed with `label`.
fn violations(label: &str, log: &ParsedLog, end: RunEnd, policy: &Policy) -> Vec<String> {
    let mut out = Vec::new();
    match end {
        RunEnd::TimedOut => out.push(format!("{label}: the run timed out")),
        RunEnd::StoppedAfterPanic => out.push(format!("{label}: the kernel panicked")),
        RunEnd::Exited | RunEnd::StoppedAfterKtap => {}
    }
    if !log.ktap_seen {
        out.push(format!("{label}: no KTAP output"));
    }
    for logged in &log.reports {
        let report = &logged.report;
        let Some(pos) = &logged.position else {
            out.push(format!(
                "{label}: KASAN report outside any suite at line {}: {}",
                report.line, report.header
            ));
            continue;
        };
        let case = log
            .suite(&pos.suite)
            .and_then(|s| s.cases.iter().find(|c| c.number == pos.case_number))
            .map(|c| c.name.clone())
            .or_else(|| pos.case_name.clone());
        if !policy.report_expected(&pos.suite, case.as_deref()) {
            out.push(format!(
                "{label}: KASAN report in non-KASAN suite {}{} at line {}: {}",
                pos.suite,
                case.map(|c| format!(".{c}")).unwrap_or_default(),
                report.line,
                report.header
            ));
        }
    }
    for crash in &log.crashes {
        if crash.inside_report {
            continue;
        }
        let in_kasan = crash
            .position
            .as_ref()
            .is_some_and(|p| policy.is_kasan_suite(&p.suite));
        if !in_kasan {
            let place = crash
                .position
                .as_ref()
                .map_or_else(|| "outside any suite".to_string(), |p| format!("in {p}"));
            out.push(format!(
                "{label}: {} {place} at line {}: {}",
                crash.kind.name(),
                crash.line,
                crash.text
            ));
        }
    }
    for suite in &log.suites {
        if !suite.finished() {
            out.push(format!("{label}: suite {} did not finish", suite.name));
        }
    }
    for key in &policy.expect_kasan_failure {
        let (suite_name, case_name) = key.split_once('.').unwrap_or((key.as_str(), ""));
        let case = log
            .suite(suite_name)
            .and_then(|s| s.cases.iter().find(|c| c.name == case_name));
        match case {
            None => out.push(format!("{label}: {key} did not run")),
            Some(case) if case.report_count() == 0 => {
                out.push(format!("{label}: {key} printed no KASAN report"))
            }
            Some(case) if case.outcome != Outcome::Fail => out.push(format!(
                "{label}: {key} made a KASAN report but KUnit did not fail it ({})",
                case.outcome.name()
            )),
            Some(_) => {}
        }
    }
    out
}

/// Compares two consoles under `policy`.
pub fn kunit_compare(
    label_a: &str,
    a_text: &str,
    label_b: &str,
    b_text: &str,
    policy: &Policy,
) -> KunitComparison {
    let (a, b) = (parse_log(a_text), parse_log(b_text));
    let mut found = violations(label_a, &a, run_end(a_text), policy);
    found.extend(violations(label_b, &b, run_end(b_text), policy));
    let (ka, kb) = (keyed(&a), keyed(&b));
    let mut names: Vec<&String> = ka.iter().map(|(k, _)| k).collect();
    for (k, _) in &kb {
        if !names.contains(&k) {
            names.push(k);
        }
    }
    let mut table = Vec::new();
    let mut differences = Vec::new();
    let mut shared_failures = Vec::new();
    let mut cases = 0;
    for name in &names {
        let sa = ka.iter().find(|(k, _)| k == *name).map(|(_, s)| *s);
        let sb = kb.iter().find(|(k, _)| k == *name).map(|(_, s)| *s);
        let (Some(sa), Some(sb)) = (sa, sb) else {
            let (have, missing) = if sa.is_some() {
                (label_a, label_b)
            } else {
                (label_b, label_a)
            };
            differences.push(Finding {
                message: format!("suite {name} ran on {have} only, not on {missing}"),
                collision: false,
            });
            let text =
                |s: Option<&Suite>| s.map_or_else(|| "(did not run)".to_string(), counts_text);
            table.push(((*name).clone(), text(sa), text(sb), "NO"));
            continue;
        };
        let before = differences.len();
        let kasan = policy.is_kasan_suite(&sa.name);
        let (ra, rb) = (rows(sa), rows(sb));
        let mut keys: Vec<&String> = ra.iter().map(|r| &r.key).collect();
        for r in &rb {
            if !keys.contains(&&r.key) {
                keys.push(&r.key);
            }
        }
        let mut suite_collision = true;
        for key in keys {
            cases += 1;
            let ca = ra.iter().find(|r| &r.key == key);
            let cb = rb.iter().find(|r| &r.key == key);
            match (ca, cb) {
                (Some(x), Some(y)) => {
                    let same = x.outcome == y.outcome
                        && x.skip_reason.as_deref().map(mask_numbers)
                            == y.skip_reason.as_deref().map(mask_numbers);
                    if same {
                        if x.outcome == Outcome::Fail {
                            let why = if policy.expects_failure(&sa.name, key) {
                                " (expected: KUnit's KASAN hook)"
                            } else {
                                ""
                            };
                            shared_failures.push(format!("{name}.{key}: {}{why}", outcome_text(x)));
                        }
                        continue;
                    }
                    let missed = |f: &CaseRow, p: &CaseRow| {
                        f.only_none_occurred && p.outcome == Outcome::Pass
                    };
                    // A tolerated report that only one side printed: whether a bug is seen
                    // depends on the CPU's tag-check state (see tag_state_dependent).
                    let tolerated =
                        policy.allows(&sa.name, Some(key.split('[').next().unwrap_or(key)));
                    let collision = (kasan && (missed(x, y) || missed(y, x)))
                        || (tolerated && (tag_state_dependent(x, y) || tag_state_dependent(y, x)));
                    suite_collision &= collision;
                    differences.push(Finding {
                        message: format!(
                            "{name}.{key}: {label_a} {}, {label_b} {}",
                            outcome_text(x),
                            outcome_text(y)
                        ),
                        collision,
                    });
                }
                (x, _) => {
                    suite_collision = false;
                    let (have, missing) = if x.is_some() {
                        (label_a, label_b)
                    } else {
                        (label_b, label_a)
                    };
                    differences.push(Finding {
                        message: format!("{name}.{key}: ran on {have} only, not on {missing}"),
                        collision: false,
                    });
                }
            }
        }
        // The suite's own counts, result and plan; what the cases explain is not repeated.
        let explained = differences.len() > before;
        if !explained {
            if sa.counts() != sb.counts() {
                differences.push(Finding {
                    message: format!(
                        "{name}: counts {label_a} {}, {label_b} {}",
                        sa.counts(),
                        sb.counts()
                    ),
                    collision: false,
                });
            }
            if sa.outcome != sb.outcome {
                differences.push(Finding {
                    message: format!(
                        "{name}: result {label_a} {}, {label_b} {}",
                        sa.outcome.name(),
                        sb.outcome.name()
                    ),
                    collision: false,
                });
            }
            if sa.plan != sb.plan {
                differences.push(Finding {
                    message: format!(
                        "{name}: plan {label_a} {:?}, {label_b} {:?}",
                        sa.plan, sb.plan
                    ),
                    collision: false,
                });
            }
        }
        let same = if differences.len() == before {
            "yes"
        } else if suite_collision {
            "collision?"
        } else {
            "NO"
        };
        table.push(((*name).clone(), counts_text(sa), counts_text(sb), same));
    }
    KunitComparison {
        labels: [label_a.to_string(), label_b.to_string()],
        table,
        differences,
        violations: found,
        shared_failures,
        cases,
        suites: names.len(),
    }
}

/// `kasan-rs kunit-cases LOG`: one line per suite, case and parameter as this tool's KTAP
/// parser reads them, `SUITE[.CASE[.PARAM]]<TAB>STATUS`, STATUS one of `SUCCESS`, `FAILURE`,
/// `SKIPPED`, `CRASHED` (unfinished): the names of kunit.py's `TestStatus`, so that
/// testing/kunit/kunitpy_agree.py can diff the two parsers.
pub fn case_lines(text: &str) -> String {
    fn status(o: Outcome) -> &'static str {
        match o {
            Outcome::Pass => "SUCCESS",
            Outcome::Fail => "FAILURE",
            Outcome::Skip => "SKIPPED",
            Outcome::Incomplete => "CRASHED",
        }
    }
    fn case(out: &mut String, prefix: &str, c: &Case) {
        let key = format!("{prefix}.{}", c.name);
        let _ = writeln!(out, "{key}\t{}", status(c.outcome));
        for p in &c.params {
            case(out, &key, p);
        }
    }
    let log = parse_log(text);
    let mut out = String::new();
    for suite in &log.suites {
        let _ = writeln!(out, "{}\t{}", suite.name, status(suite.outcome));
        for c in &suite.cases {
            case(&mut out, &suite.name, c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEP: &str = "==================================================================";

    /// A case of [`doc`]: name, result text, extra lines printed during it.
    type Case<'a> = (&'a str, &'a str, &'a [&'a str]);
    /// A suite of [`doc`]: name and cases.
    type Suite<'a> = (&'a str, &'a [Case<'a>]);

    /// A console: KTAP documents of suites, each suite a list of cases
    /// (name, result text, extra lines printed during the case).
    fn doc(suites: &[Suite<'_>]) -> String {
        let mut out = format!("KTAP version 1\n1..{}\n", suites.len());
        for (n, (suite, cases)) in suites.iter().enumerate() {
            let _ = writeln!(
                out,
                "    KTAP version 1\n    # Subtest: {suite}\n    1..{}",
                cases.len()
            );
            let (mut p, mut f, mut s) = (0, 0, 0);
            for (i, (case, result, lines)) in cases.iter().enumerate() {
                for line in *lines {
                    let _ = writeln!(out, "{line}");
                }
                let i = i + 1;
                match *result {
                    "ok" => {
                        p += 1;
                        let _ = writeln!(out, "    ok {i} {case}");
                    }
                    "fail" => {
                        f += 1;
                        let _ = writeln!(out, "    not ok {i} {case}");
                    }
                    skip => {
                        s += 1;
                        let _ = writeln!(out, "    ok {i} {case} # SKIP {skip}");
                    }
                }
            }
            let t = p + f + s;
            let _ = writeln!(out, "# {suite}: pass:{p} fail:{f} skip:{s} total:{t}");
            let _ = writeln!(out, "# Totals: pass:{p} fail:{f} skip:{s} total:{t}");
            let ok = if f > 0 { "not ok" } else { "ok" };
            let _ = writeln!(out, "{ok} {} {suite}", n + 1);
        }
        out
    }

    fn report(kind: &str) -> Vec<String> {
        vec![
            SEP.to_string(),
            format!("BUG: KASAN: {kind} in f+0x1/0x2"),
            "Read at addr f1ff000000000000 by task kunit_try_catch/3".to_string(),
            SEP.to_string(),
        ]
    }

    fn hook_policy() -> Policy {
        Policy {
            expect_kasan_failure: vec!["kunit_hook.kunit_hook_uaf".to_string()],
            ..Policy::default()
        }
    }

    fn standard(uaf: &[&str], hook_result: &str) -> String {
        let r = report("slab-out-of-bounds");
        let r: Vec<&str> = r.iter().map(String::as_str).collect();
        doc(&[
            (
                "kasan",
                &[
                    ("kmalloc_oob_right", "ok", &r),
                    (
                        "kmalloc_oob_16",
                        "Test requires CONFIG_KASAN_GENERIC=y",
                        &[],
                    ),
                ],
            ),
            ("string", &[("memset", "ok", &[]), ("strchr", "ok", &[])]),
            (
                "kunit_hook",
                &[
                    ("kunit_hook_uaf", hook_result, uaf),
                    ("kunit_hook_plain", "ok", &[]),
                ],
            ),
            (
                "kunit_hook_after",
                &[("a", "ok", &[]), ("b", "skips are compared", &[])],
            ),
        ])
    }

    fn uaf() -> Vec<String> {
        report("slab-use-after-free")
    }

    #[test]
    fn case_lines_name_every_case_and_parameter() {
        let log = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..2\n        KTAP version 1\n        # Subtest: p\n        ok 1 one\n        not ok 2 two\n    not ok 1 p\n    ok 2 q # SKIP no\nnot ok 1 s\n";
        assert_eq!(
            case_lines(log),
            "s\tFAILURE\ns.p\tFAILURE\ns.p.one\tSUCCESS\ns.p.two\tFAILURE\ns.q\tSKIPPED\n"
        );
    }

    #[test]
    fn globs() {
        assert!(glob_match("kasan*", "kasan"));
        assert!(glob_match("kasan*", "kasan_mm"));
        assert!(!glob_match("kasan*", "kunit_hook"));
        assert!(glob_match("*hook*", "kunit_hook_after"));
        assert!(glob_match("a*b*c", "aXbYc"));
        assert!(!glob_match("a*b*c", "aXcYb"));
        assert!(glob_match("exact", "exact"));
        assert!(!glob_match("ab*ba", "aba"));
    }

    #[test]
    fn the_same_consoles_compare_same() {
        let u = uaf();
        let u: Vec<&str> = u.iter().map(String::as_str).collect();
        let log = standard(&u, "fail");
        let cmp = kunit_compare("c", &log, "rust", &log, &hook_policy());
        assert_eq!(cmp.exit_code(), SAME, "{}", cmp.render());
        assert_eq!(cmp.suites, 4);
        assert_eq!(cmp.cases, 8);
        assert!(cmp.render().contains("kunit-compare c vs rust: SAME"));
        // The hook's failure is shared, and listed.
        assert!(cmp.shared_failures[0].starts_with("kunit_hook.kunit_hook_uaf"));
    }

    #[test]
    fn a_different_outcome_or_skip_reason_differs() {
        let u = uaf();
        let u: Vec<&str> = u.iter().map(String::as_str).collect();
        let c = standard(&u, "fail");
        let rust = c.replace("    ok 2 strchr", "    not ok 2 strchr");
        let cmp = kunit_compare("c", &c, "rust", &rust, &hook_policy());
        assert_eq!(cmp.exit_code(), DIFFERENT);
        assert!(cmp
            .render()
            .contains("differs: string.strchr: c ok, rust FAIL"));
        let rust = c.replace("# SKIP skips are compared", "# SKIP another reason");
        let cmp = kunit_compare("c", &c, "rust", &rust, &hook_policy());
        assert_eq!(cmp.exit_code(), DIFFERENT);
        assert!(cmp.render().contains(
            "kunit_hook_after.b: c skip (skips are compared), rust skip (another reason)"
        ));
    }

    #[test]
    fn a_missing_suite_or_case_differs() {
        let c = doc(&[
            ("a", &[("x", "ok", &[]), ("y", "ok", &[])]),
            ("b", &[("z", "ok", &[])]),
        ]);
        let rust = doc(&[("a", &[("x", "ok", &[])])]);
        let cmp = kunit_compare("c", &c, "rust", &rust, &Policy::default());
        let text = cmp.render();
        assert_eq!(cmp.exit_code(), DIFFERENT, "{text}");
        assert!(text.contains("a.y: ran on c only, not on rust"), "{text}");
        assert!(
            text.contains("suite b ran on c only, not on rust"),
            "{text}"
        );
    }

    #[test]
    fn a_kasan_report_outside_the_kasan_suites_is_a_violation() {
        let u = uaf();
        let u: Vec<&str> = u.iter().map(String::as_str).collect();
        let c = standard(&u, "fail");
        // The same report in the string suite, on rust only.
        let rust = c.replace(
            "    ok 1 memset",
            &format!("{}\n    ok 1 memset", u.join("\n")),
        );
        let cmp = kunit_compare("c", &c, "rust", &rust, &hook_policy());
        let text = cmp.render();
        assert_eq!(cmp.exit_code(), DIFFERENT, "{text}");
        assert!(
            text.contains("violation: rust: KASAN report in non-KASAN suite string.memset"),
            "{text}"
        );
        // Even when both sides print it: a report outside the KASAN suites is never fine...
        let cmp = kunit_compare("c", &rust, "rust", &rust, &hook_policy());
        assert_eq!(cmp.exit_code(), DIFFERENT);
        assert_eq!(cmp.violations.len(), 2);
        // ...unless the policy tolerates it there.
        let mut policy = hook_policy();
        policy.allow_reports.push("string.memset".to_string());
        let cmp = kunit_compare("c", &rust, "rust", &rust, &policy);
        assert_eq!(cmp.exit_code(), SAME, "{}", cmp.render());
        // A report during boot, before any suite.
        let boot = format!("{}\n{rust}", u.join("\n"));
        let cmp = kunit_compare("c", &c, "rust", &boot, &policy);
        assert!(cmp
            .render()
            .contains("violation: rust: KASAN report outside any suite at line 2"));
    }

    #[test]
    fn the_hook_must_fail_its_case_with_a_report() {
        let u = uaf();
        let u: Vec<&str> = u.iter().map(String::as_str).collect();
        // KUnit did not fail the case: the hook is broken.
        let broken = standard(&u, "ok");
        let good = standard(&u, "fail");
        let cmp = kunit_compare("c", &good, "rust", &broken, &hook_policy());
        let text = cmp.render();
        assert_eq!(cmp.exit_code(), DIFFERENT);
        assert!(text.contains("violation: rust: kunit_hook.kunit_hook_uaf made a KASAN report but KUnit did not fail it (ok)"), "{text}");
        // No report at all (KASAN missed the bug).
        let silent = standard(&[], "fail");
        let cmp = kunit_compare("c", &good, "rust", &silent, &hook_policy());
        assert!(cmp
            .render()
            .contains("violation: rust: kunit_hook.kunit_hook_uaf printed no KASAN report"));
        // Not run.
        let cmp = kunit_compare("c", &good, "rust", &doc(&[]), &hook_policy());
        assert!(cmp
            .render()
            .contains("violation: rust: kunit_hook.kunit_hook_uaf did not run"));
    }

    #[test]
    fn a_missed_report_in_a_kasan_suite_is_a_collision_suspect() {
        let u = uaf();
        let u: Vec<&str> = u.iter().map(String::as_str).collect();
        let c = standard(&u, "fail");
        let missed = [
            "    # kmalloc_oob_right: EXPECTATION FAILED at mm/kasan/kasan_test_c.c:208",
            "    KASAN failure expected in \"ptr[size] = 'y'\", but none occurred",
            "    not ok 1 kmalloc_oob_right",
        ]
        .join("\n");
        let start = c.find("==========").unwrap();
        let end =
            c.find("    ok 1 kmalloc_oob_right").unwrap() + "    ok 1 kmalloc_oob_right".len();
        let rust = format!("{}{missed}{}", &c[..start], &c[end..])
            .replace("# kasan: pass:1 fail:0", "# kasan: pass:0 fail:1")
            .replace("ok 1 kasan", "not ok 1 kasan");
        let cmp = kunit_compare("c", &c, "rust", &rust, &hook_policy());
        let text = cmp.render();
        assert_eq!(cmp.exit_code(), COLLISION_ONLY, "{text}");
        assert!(text.contains("[collision suspect]"), "{text}");
        assert!(
            text.contains("\ncollision-suspects: kasan.kmalloc_oob_right\n"),
            "{text}"
        );
        // The same miss outside a KASAN suite is a plain difference.
        let mut policy = hook_policy();
        policy.kasan_suites = vec!["none".to_string()];
        policy.allow_reports.push("kasan".to_string());
        let cmp = kunit_compare("c", &c, "rust", &rust, &policy);
        assert_eq!(cmp.exit_code(), DIFFERENT, "{}", cmp.render());
    }

    #[test]
    fn crashes_timeouts_and_unfinished_suites_are_violations() {
        let c = doc(&[("a", &[("x", "ok", &[])])]);
        let oops = c.replace(
            "    ok 1 x",
            "Unable to handle kernel NULL pointer dereference at virtual address 0000000000000000\n    ok 1 x",
        );
        let cmp = kunit_compare("c", &c, "rust", &oops, &Policy::default());
        assert!(
            cmp.render()
                .contains("violation: rust: unhandled fault in suite a case #1"),
            "{}",
            cmp.render()
        );
        let cut = "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: a\n    1..1\nkasan-rs: timeout after 10 s\n";
        let cmp = kunit_compare("c", &c, "rust", cut, &Policy::default());
        let text = cmp.render();
        assert!(
            text.contains("violation: rust: the run timed out"),
            "{text}"
        );
        assert!(
            text.contains("violation: rust: suite a did not finish"),
            "{text}"
        );
        assert_eq!(cmp.exit_code(), DIFFERENT);
    }

    #[test]
    fn numbers_in_skip_reasons_are_masked() {
        let c = doc(&[("stackinit", &[("t", "XFAIL uninit bytes: 80", &[])])]);
        let rust = doc(&[("stackinit", &[("t", "XFAIL uninit bytes: 32", &[])])]);
        let cmp = kunit_compare("c", &c, "rust", &rust, &Policy::default());
        assert_eq!(cmp.exit_code(), SAME, "{}", cmp.render());
        let rust = doc(&[("stackinit", &[("t", "XFAIL uninit words: 32", &[])])]);
        let cmp = kunit_compare("c", &c, "rust", &rust, &Policy::default());
        assert_eq!(cmp.exit_code(), DIFFERENT);
        assert_eq!(mask_numbers("a 12 b3 4"), "a N bN N");
    }

    #[test]
    fn a_tolerated_report_on_one_side_only_is_a_suspect() {
        let r = report("slab-out-of-bounds");
        let r: Vec<&str> = r.iter().map(String::as_str).collect();
        let c = doc(&[("slub_test", &[("zone", "fail", &r), ("free", "fail", &r)])]);
        let rust = doc(&[("slub_test", &[("zone", "fail", &r), ("free", "ok", &[])])]);
        let mut policy = Policy {
            allow_reports: vec!["slub_test.zone".into(), "slub_test.free".into()],
            ..Policy::default()
        };
        let cmp = kunit_compare("c", &c, "rust", &rust, &policy);
        let text = cmp.render();
        assert_eq!(cmp.exit_code(), COLLISION_ONLY, "{text}");
        assert!(
            text.contains("collision-suspects: slub_test.free"),
            "{text}"
        );
        // Not tolerated there: a violation, and a plain difference.
        policy.allow_reports.pop();
        let cmp = kunit_compare("c", &c, "rust", &rust, &policy);
        assert_eq!(cmp.exit_code(), DIFFERENT);
        // A failed check of the test's own is not explained by the tag-check state.
        let own = [
            r[0],
            r[1],
            r[2],
            r[3],
            "    # free: EXPECTATION FAILED at lib/slub_kunit.c:134",
        ];
        let c = doc(&[("slub_test", &[("zone", "fail", &r), ("free", "fail", &own)])]);
        policy.allow_reports.push("slub_test.free".into());
        let cmp = kunit_compare("c", &c, "rust", &rust, &policy);
        assert_eq!(cmp.exit_code(), DIFFERENT, "{}", cmp.render());
    }

    #[test]
    fn parameters_are_compared_one_by_one() {
        let with = |p2: &str| {
            format!(
                "KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: s\n    1..1\n        KTAP version 1\n        # Subtest: p\n        ok 1 one\n        {p2} 2 two\n    # p: pass:1 fail:0 skip:0 total:2\n    ok 1 p\n# s: pass:1 fail:0 skip:0 total:1\nok 1 s\n"
            )
        };
        let cmp = kunit_compare(
            "c",
            &with("ok"),
            "rust",
            &with("not ok"),
            &Policy::default(),
        );
        assert!(
            cmp.render().contains("differs: s.p[two]: c ok, rust FAIL"),
            "{}",
            cmp.render()
        );
        assert_eq!(cmp.cases, 3);
    }

    #[test]
    fn the_recorded_hook_consoles_compare_same() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testing/kunit/results");
        let c = std::fs::read_to_string(format!("{dir}/hook-c.console")).unwrap();
        let rust = std::fs::read_to_string(format!("{dir}/hook-rust.console")).unwrap();
        let cmp = kunit_compare("c", &c, "rust", &rust, &hook_policy());
        assert_eq!(cmp.exit_code(), SAME, "{}", cmp.render());
        assert_eq!(cmp.suites, 2);
        // Without the hook case named, its report is out of place.
        let cmp = kunit_compare("c", &c, "rust", &rust, &Policy::default());
        assert_eq!(cmp.violations.len(), 2, "{}", cmp.render());
    }
}
