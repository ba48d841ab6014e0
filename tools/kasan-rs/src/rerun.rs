//! The random-tag collision policy of `kasan-rs run`, kept here once instead
//! of in each test script.
//!
//! HW_TAGS gives each allocation one of a few random tags, so an access to a
//! neighbouring object (or page) now and then hits memory of the same tag and
//! goes unreported: the KUnit case then fails with `KASAN failure expected in
//! "...", but none occurred`. A failed run is a *collision suspect* when that
//! is all that went wrong: the verdict is `CASE_FAILED`, every failed case
//! (or parameter) failed only with such missed reports, at most a few cases
//! failed so, and the expected counts are off by exactly those cases. Anything
//! else (a crash, a timeout, a case failing for another reason, a wrong plan
//! or summary, a suite that did not run, a report count) is not.
//!
//! Two ways to look again, both bounded: `--rerun-collisions N` boots the
//! same run again, up to N more times, while the run is a collision suspect
//! (the whole suite, as faults.sh did); `--rerun-cases N` reruns each suspect
//! case alone (`kunit.filter_glob=SUITE.CASE`, expecting `pass:1,fail:0`) up
//! to N times, and the run passes when each of them passes once (as test.sh
//! did).

use std::path::{Path, PathBuf};

use crate::compare::failures_all_none_occurred;
use crate::expect::{Expectations, SuiteExpectation};
use crate::ktap::{Case, Counts, Outcome, Suite};
use crate::log::ParsedLog;
use crate::qemu::{self, RunConfig, RunError, RunOutcome};
use crate::verdict::{judge, Verdict, VerdictKind};

/// The default of `--max-collision-cases`: more missed reports than this in
/// one run are taken for a real fault, not for chance.
pub const DEFAULT_MAX_CASES: usize = 3;

/// What `run` may do about a collision suspect.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Policy {
    /// `--rerun-collisions N`: boot the whole run again up to N more times.
    pub boots: u32,
    /// `--rerun-cases N`: rerun each suspect case alone up to N times.
    pub cases: u32,
    /// `--max-collision-cases M`: at most M suspect cases (0: the default).
    pub max_cases: usize,
}

impl Policy {
    /// The largest number of suspect cases a run may have.
    pub fn max_cases(&self) -> usize {
        if self.max_cases == 0 {
            DEFAULT_MAX_CASES
        } else {
            self.max_cases
        }
    }
}

/// One case a collision may explain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suspect {
    /// The suite.
    pub suite: String,
    /// The top-level case (a parameterised case is rerun whole).
    pub case: String,
}

impl Suspect {
    /// `suite.case`, the name `kunit.filter_glob` takes.
    pub fn glob(&self) -> String {
        format!("{}.{}", self.suite, self.case)
    }
}

/// True when the case failed, and every failed expectation in it and in its
/// failed parameters was a missed report (and there was one at least).
fn missed_only(case: &Case) -> bool {
    if case.outcome != Outcome::Fail {
        return false;
    }
    let failed_params: Vec<&Case> = case
        .params
        .iter()
        .filter(|p| p.outcome == Outcome::Fail)
        .collect();
    let own_failed = case.diagnostics.iter().any(|d| d.contains("FAILED"));
    if failed_params.is_empty() {
        return failures_all_none_occurred(&case.diagnostics);
    }
    failed_params
        .iter()
        .all(|p| failures_all_none_occurred(&p.diagnostics))
        && (!own_failed || failures_all_none_occurred(&case.diagnostics))
}

/// Whether `expectation` holds once `n` of the suite's failed cases are
/// counted as passed.
fn holds_without(expectation: &SuiteExpectation, got: Counts, n: u32) -> bool {
    let Some(fail) = got.fail.checked_sub(n) else {
        return false;
    };
    let checks = [
        (expectation.pass, got.pass + n),
        (expectation.fail, fail),
        (expectation.skip, got.skip),
        (expectation.total, got.total),
    ];
    checks
        .iter()
        .all(|(want, have)| want.map_or(true, |w| w == *have))
}

/// The suite-level problems `judge` finds besides failed cases (summary or
/// plan disagreements, a suite not ok with no failed case).
fn suite_is_sound(suite: &Suite) -> bool {
    if !suite.finished() {
        return false;
    }
    if let Some(printed) = suite.summary {
        if printed != suite.counts_from_cases() {
            return false;
        }
    }
    if let Some(plan) = suite.plan {
        if suite.cases.len() as u32 != plan {
            return false;
        }
    }
    true
}

/// The cases a random-tag collision would explain, when that is all that
/// went wrong with the run (see the module's documentation); `None`
/// otherwise, and for a run that passed.
pub fn collision_suspects(
    log: &ParsedLog,
    expect: &Expectations,
    verdict: &Verdict,
    max_cases: usize,
) -> Option<Vec<Suspect>> {
    if verdict.kind != VerdictKind::CaseFailed
        || verdict
            .problems
            .iter()
            .any(|p| p.kind != VerdictKind::CaseFailed)
    {
        return None;
    }
    if let Some(want) = expect.reports {
        if log.reports.len() != want {
            return None;
        }
    }
    if let Some(want) = expect.min_reports {
        if log.reports.len() < want {
            return None;
        }
    }
    let mut suspects = Vec::new();
    for suite in &log.suites {
        if !suite_is_sound(suite) {
            return None;
        }
        let failed: Vec<&Case> = suite
            .cases
            .iter()
            .filter(|c| c.outcome == Outcome::Fail)
            .collect();
        if failed.iter().any(|c| !missed_only(c)) {
            return None;
        }
        // A parameter failing under a case that passed: not a state KUnit
        // prints, and nothing this policy knows how to rerun.
        if suite.cases.iter().any(|c| {
            c.outcome != Outcome::Fail && c.params.iter().any(|p| p.outcome == Outcome::Fail)
        }) {
            return None;
        }
        let n = failed.len() as u32;
        for expectation in expect.suites.iter().filter(|e| e.suite == suite.name) {
            if !holds_without(expectation, suite.counts(), n) {
                return None;
            }
        }
        suspects.extend(failed.iter().map(|c| Suspect {
            suite: suite.name.clone(),
            case: c.name.clone(),
        }));
    }
    if expect
        .suites
        .iter()
        .any(|e| !log.suites.iter().any(|s| s.name == e.suite))
    {
        return None;
    }
    if suspects.is_empty() || suspects.len() > max_cases {
        return None;
    }
    Some(suspects)
}

/// `append` with its `kunit.filter_glob=` replaced by (or, without one,
/// followed by) `kunit.filter_glob=GLOB`.
pub fn with_filter(append: &str, glob: &str) -> String {
    let filter = format!("kunit.filter_glob={glob}");
    let mut found = false;
    let mut words: Vec<String> = append
        .split_whitespace()
        .map(|w| {
            if w.starts_with("kunit.filter_glob=") {
                found = true;
                filter.clone()
            } else {
                w.to_string()
            }
        })
        .collect();
    if !found {
        words.insert(0, filter);
    }
    words.join(" ")
}

/// The expectation of a case rerun alone: one case of `suite`, passed.
pub fn single_case_expectations(suite: &str) -> Expectations {
    Expectations {
        suites: vec![SuiteExpectation {
            suite: suite.to_string(),
            pass: Some(1),
            fail: Some(0),
            skip: None,
            total: None,
        }],
        ..Expectations::default()
    }
}

/// `DIR/STEM-SUFFIX.EXT` beside `log` (`out/a.log`, `attempt1` ->
/// `out/a-attempt1.log`).
pub fn beside(log: &Path, suffix: &str) -> PathBuf {
    let stem = log
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let name = match log.extension() {
        Some(ext) => format!("{stem}-{suffix}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{suffix}"),
    };
    log.with_file_name(name)
}

/// The counts of every suite, `kasan: pass:58 fail:2 skip:12 total:72`.
fn counts(log: &ParsedLog) -> String {
    log.suites
        .iter()
        .map(|s| format!("{}: {}", s.name, s.counts()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The judged run that decides the exit code, after the policy's reruns.
pub struct Judged {
    /// The run whose console and table the summary shows: the last boot of
    /// the whole run.
    pub outcome: RunOutcome,
    /// Its verdict, amended by the case reruns.
    pub verdict: Verdict,
    /// Boots of the whole run (1 without `--rerun-collisions`).
    pub attempts: u32,
    /// The suspects of the last boot when it still is a collision suspect
    /// (printed as `collision-suspects:` for the scripts).
    pub suspects: Option<Vec<Suspect>>,
}

/// Boots `config`, judges it against `expect` and applies `policy`;
/// `say` gets one line per boot and rerun. The console of a boot that is
/// booted again is kept beside `--log` as `STEM-attemptK.EXT`, and a case
/// rerun's as `STEM-rerun-CASE-K.EXT`.
pub fn run(
    config: &RunConfig,
    expect: &Expectations,
    policy: Policy,
    say: &mut dyn FnMut(&str),
) -> Result<Judged, RunError> {
    let boot = |config: &RunConfig, expect: &Expectations, say: &mut dyn FnMut(&str)| {
        let outcome = qemu::run(config)?;
        let verdict = judge(&outcome.log, expect, outcome.end);
        let status = outcome
            .status
            .map_or_else(|| "unknown".to_string(), |s| s.to_string());
        say(&format!(
            "kasan-rs: QEMU ran {:.1} s ({status}); {} console lines",
            outcome.elapsed.as_secs_f64(),
            outcome.log.lines
        ));
        Ok::<_, RunError>((outcome, verdict))
    };
    let (mut outcome, mut verdict) = boot(config, expect, say)?;
    let mut suspects = collision_suspects(&outcome.log, expect, &verdict, policy.max_cases());
    let mut attempts = 1;
    while let Some(found) = &suspects {
        if attempts > policy.boots {
            break;
        }
        let names: Vec<String> = found.iter().map(Suspect::glob).collect();
        if let Some(log) = &config.log {
            let kept = beside(log, &format!("attempt{attempts}"));
            // The console stays readable under --log if the rename fails.
            let _ = std::fs::rename(log, &kept);
        }
        attempts += 1;
        say(&format!(
            "kasan-rs: only missed reports ({}): a random-tag collision? attempt {attempts} of {}",
            names.join(" "),
            policy.boots + 1
        ));
        (outcome, verdict) = boot(config, expect, say)?;
        suspects = collision_suspects(&outcome.log, expect, &verdict, policy.max_cases());
    }
    if attempts > 1 {
        verdict.detail.push_str(&format!(
            "; attempt {attempts} of at most {}, the earlier ones missed reports only",
            policy.boots + 1
        ));
    }
    if let (Some(found), true) = (&suspects, policy.cases > 0) {
        let mut reruns = Vec::new();
        let mut all = true;
        for suspect in found {
            let mut passed = None;
            for k in 1..=policy.cases {
                say(&format!(
                    "kasan-rs: {}: no report (random-tag collision?): rerun {k}/{} alone",
                    suspect.glob(),
                    policy.cases
                ));
                let mut alone = config.clone();
                alone.append = with_filter(&config.append, &suspect.glob());
                alone.log = config
                    .log
                    .as_ref()
                    .map(|l| beside(l, &format!("rerun-{}-{k}", suspect.case)));
                let (_, v) = boot(&alone, &single_case_expectations(&suspect.suite), say)?;
                say(&format!("kasan-rs: rerun {k}: {}", v.line()));
                if v.kind == VerdictKind::Pass {
                    passed = Some(k);
                    break;
                }
            }
            match passed {
                Some(k) => reruns.push(format!("{} (rerun {k})", suspect.case)),
                None => {
                    all = false;
                    reruns.push(format!("{} (failed {} reruns)", suspect.case, policy.cases));
                }
            }
        }
        if all {
            let first = counts(&outcome.log);
            let mut notes: Vec<String> = verdict
                .problems
                .iter()
                .map(|p| format!("first run: {}", p.message))
                .collect();
            notes.append(&mut verdict.notes);
            verdict = Verdict {
                kind: VerdictKind::Pass,
                detail: format!("after rerun of: {}; first run {first}", reruns.join(", ")),
                problems: Vec::new(),
                notes,
            };
            suspects = None;
        } else {
            verdict
                .detail
                .push_str(&format!("; reruns: {}", reruns.join(", ")));
        }
    }
    Ok(Judged {
        outcome,
        verdict,
        attempts,
        suspects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::parse_log;
    use crate::verdict::{judge, RunEnd};

    fn ktap(cases: &[(&str, bool, &[&str])]) -> String {
        let mut out =
            String::from("KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: kasan\n");
        out.push_str(&format!("    1..{}\n", cases.len()));
        let mut pass = 0;
        for (i, (name, ok, diags)) in cases.iter().enumerate() {
            for d in diags.iter() {
                out.push_str(&format!("    {d}\n"));
            }
            if *ok {
                pass += 1;
                out.push_str(&format!("    ok {} {name}\n", i + 1));
            } else {
                out.push_str(&format!("    not ok {} {name}\n", i + 1));
            }
        }
        let fail = cases.len() - pass;
        out.push_str(&format!(
            "# kasan: pass:{pass} fail:{fail} skip:0 total:{}\n",
            cases.len()
        ));
        out.push_str(if fail == 0 {
            "ok 1 kasan\n"
        } else {
            "not ok 1 kasan\n"
        });
        out
    }

    const MISSED: &[&str] = &[
        "# a: EXPECTATION FAILED at mm/kasan/kasan_test_c.c:208",
        "KASAN failure expected in \"*ptr = *(ptr - 1)\", but none occurred",
    ];
    const OTHER: &[&str] = &[
        "# b: EXPECTATION FAILED at mm/kasan/kasan_test_c.c:300",
        "Expected x == y, but",
    ];

    fn suspects(text: &str, spec: &str) -> Option<Vec<String>> {
        let log = parse_log(text);
        let mut expect = Expectations::default();
        expect.add_spec(spec).unwrap();
        let verdict = judge(&log, &expect, RunEnd::Exited);
        collision_suspects(&log, &expect, &verdict, DEFAULT_MAX_CASES)
            .map(|s| s.iter().map(Suspect::glob).collect())
    }

    #[test]
    fn missed_reports_alone_are_suspects() {
        let text = ktap(&[("a", false, MISSED), ("b", true, &[]), ("c", false, MISSED)]);
        assert_eq!(
            suspects(&text, "kasan=pass:3,fail:0,skip:0"),
            Some(vec!["kasan.a".to_string(), "kasan.c".to_string()])
        );
    }

    #[test]
    fn another_failure_or_wrong_counts_are_not() {
        let text = ktap(&[("a", false, MISSED), ("b", false, OTHER)]);
        assert_eq!(suspects(&text, "kasan=pass:2,fail:0"), None);
        // The expectation is off by more than the missed case.
        let text = ktap(&[("a", false, MISSED), ("b", true, &[])]);
        assert_eq!(suspects(&text, "kasan=pass:3,fail:0"), None);
        assert_eq!(
            suspects(&text, "kasan=pass:2,fail:0"),
            Some(vec!["kasan.a".to_string()])
        );
        // A run that passed has nothing to rerun.
        let text = ktap(&[("a", true, &[])]);
        assert_eq!(suspects(&text, "kasan=pass:1,fail:0"), None);
        // A suite expected but not run.
        let text = ktap(&[("a", false, MISSED)]);
        assert_eq!(suspects(&text, "kasan=pass:1;other=pass:1"), None);
    }

    #[test]
    fn too_many_missed_reports_are_not_chance() {
        let text = ktap(&[
            ("a", false, MISSED),
            ("b", false, MISSED),
            ("c", false, MISSED),
            ("d", false, MISSED),
        ]);
        assert_eq!(suspects(&text, "kasan=pass:4,fail:0"), None);
    }

    #[test]
    fn a_crash_is_not_a_collision() {
        let mut text = ktap(&[("a", false, MISSED), ("b", true, &[])]);
        text.push_str(
            "Unable to handle kernel paging request at virtual address 0000000000000010\n",
        );
        text.push_str("Internal error: Oops: 0000000096000004 [#1] PREEMPT SMP\n");
        assert_eq!(suspects(&text, "kasan=pass:2,fail:0"), None);
    }

    #[test]
    fn the_filter_is_replaced_or_added() {
        assert_eq!(
            with_filter("kunit.filter_glob=kasan* kasan.mode=sync", "kasan.a"),
            "kunit.filter_glob=kasan.a kasan.mode=sync"
        );
        assert_eq!(
            with_filter("kasan.mode=async", "kasan.a"),
            "kunit.filter_glob=kasan.a kasan.mode=async"
        );
    }
}
