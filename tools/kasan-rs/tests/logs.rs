//! Canned 6.12-shaped console logs through the parser and the verdict.
//! Each log must give its own verdict: these tests are the proof that the
//! harness can fail.

use std::fs;
use std::path::PathBuf;

use kasan_rs_tools::console::CrashKind;
use kasan_rs_tools::expect::Expectations;
use kasan_rs_tools::ktap::{Counts, Outcome};
use kasan_rs_tools::log::{parse_log, ParsedLog};
use kasan_rs_tools::verdict::{judge, RunEnd, Verdict, VerdictKind};

fn data(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn counts(pass: u32, fail: u32, skip: u32, total: u32) -> Counts {
    Counts {
        pass,
        fail,
        skip,
        total,
    }
}

fn expect(spec: &str) -> Expectations {
    let mut e = Expectations::default();
    e.add_spec(spec).unwrap();
    e
}

fn judged(log: &ParsedLog, expect: &Expectations) -> Verdict {
    judge(log, expect, RunEnd::Exited)
}

#[test]
fn a_passing_run() {
    let log = parse_log(&data("pass.log"));
    let banner = log.banner.as_ref().expect("banner");
    assert_eq!(
        banner.text,
        "KernelAddressSanitizer initialized (hw-tags, mode=sync, vmalloc=on, stacktrace=on)"
    );
    assert_eq!(banner.field("mode"), Some("sync"));
    assert!(log.ktap_seen && log.ktap_complete());
    assert_eq!(log.plan, Some(1));
    assert_eq!(log.suites.len(), 1);

    let suite = &log.suites[0];
    assert_eq!(suite.name, "kasan");
    assert_eq!(suite.module.as_deref(), Some("kasan_test"));
    assert_eq!(suite.plan, Some(5));
    assert_eq!(suite.outcome, Outcome::Pass);
    assert_eq!(suite.summary, Some(counts(3, 0, 2, 5)));
    assert_eq!(suite.totals, Some(counts(3, 0, 2, 5)));
    assert_eq!(suite.counts_from_cases(), counts(3, 0, 2, 5));

    let names: Vec<_> = suite.cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "kmalloc_oob_right",
            "kmalloc_oob_left",
            "kasan_global_oob_right",
            "kmalloc_uaf",
            "kasan_stack_oob"
        ]
    );
    let reports: Vec<_> = suite.cases.iter().map(|c| c.report_count()).collect();
    assert_eq!(reports, [1, 1, 0, 1, 0]);
    assert_eq!(
        suite.cases[0].report_headers,
        ["BUG: KASAN: slab-out-of-bounds in kmalloc_oob_right+0xd4/0x2c8"]
    );
    assert_eq!(
        suite.cases[3].report_headers,
        ["BUG: KASAN: slab-use-after-free in kmalloc_uaf+0xb8/0x1f0"]
    );
    // The report's console lines belong to the case, the closing separator included.
    assert!(suite.cases[0]
        .console
        .iter()
        .any(|l| l.contains("Memory state around")));
    let skipped = &suite.cases[2];
    assert_eq!(skipped.outcome, Outcome::Skip);
    assert_eq!(
        skipped.skip_reason.as_deref(),
        Some("Test requires CONFIG_KASAN_GENERIC=y")
    );

    assert_eq!(log.reports.len(), 3);
    assert!(log.reports.iter().all(|r| r.position.is_some()));
    assert!(log.crashes.is_empty());

    let verdict = judged(&log, &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::Pass, "{verdict:?}");
    assert_eq!(
        verdict.line(),
        "verdict: PASS (kasan: pass:3 fail:0 skip:2 total:5)"
    );
    assert_eq!(verdict.exit_code(), 0);

    let verdict = judged(&log, &expect("kasan=pass:3,fail:0,skip:2"));
    assert_eq!(verdict.kind, VerdictKind::Pass);
    let verdict = judged(
        &log,
        &Expectations {
            reports: Some(3),
            ..Default::default()
        },
    );
    assert_eq!(verdict.kind, VerdictKind::Pass);
}

#[test]
fn crlf_and_caller_ids_do_not_change_the_result() {
    let text = data("pass.log")
        .lines()
        .map(|l| l.replacen("] ", "][    T1] ", 1) + "\r\n")
        .collect::<String>();
    let log = parse_log(&text);
    assert_eq!(log.suites[0].summary, Some(counts(3, 0, 2, 5)));
    assert_eq!(log.reports.len(), 3);
    assert_eq!(
        judged(&log, &Expectations::default()).kind,
        VerdictKind::Pass
    );
}

#[test]
fn a_failing_case() {
    let log = parse_log(&data("fail.log"));
    let suite = &log.suites[0];
    assert_eq!(suite.outcome, Outcome::Fail);
    let failed = &suite.cases[1];
    assert_eq!(failed.name, "kmalloc_oob_left");
    assert_eq!(failed.outcome, Outcome::Fail);
    assert_eq!(failed.report_count(), 0);
    assert_eq!(
        failed.diagnostics,
        [
            "kmalloc_oob_left: EXPECTATION FAILED at mm/kasan/kasan_test_c.c:208\n\
          KASAN failure expected in \"*ptr = *(ptr - 1)\", but none occurred"
        ]
    );

    let verdict = judged(&log, &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::CaseFailed);
    assert_eq!(verdict.exit_code(), 1);
    assert!(verdict.detail.starts_with(
        "kasan.kmalloc_oob_left (#2) failed: kmalloc_oob_left: EXPECTATION FAILED at mm/kasan/kasan_test_c.c:208"
    ));
    assert_eq!(verdict.problems.len(), 1);
}

#[test]
fn an_oops_outside_any_test() {
    let log = parse_log(&data("oops.log"));
    let kinds: Vec<_> = log.crashes.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [CrashKind::UnhandledFault, CrashKind::Oops, CrashKind::Panic]
    );
    assert!(log
        .crashes
        .iter()
        .all(|c| c.position.is_none() && !c.inside_report));

    let verdict = judged(&log, &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::KernelCrash);
    assert_eq!(verdict.exit_code(), 3);
    assert!(
        verdict
            .detail
            .contains("Unable to handle kernel paging request at virtual address ffff800082a0b000"),
        "{}",
        verdict.detail
    );
    // Expecting a KASAN panic does not excuse a panic that is not KASAN's.
    let verdict = judged(
        &log,
        &Expectations {
            panic: true,
            ..Default::default()
        },
    );
    assert_eq!(verdict.kind, VerdictKind::KernelCrash);
}

#[test]
fn a_truncated_log() {
    let log = parse_log(&data("truncated.log"));
    assert!(log.ktap_seen && !log.ktap_complete());
    let suite = &log.suites[0];
    assert!(!suite.finished());
    assert_eq!(suite.cases.len(), 3);
    assert_eq!(suite.cases[2].outcome, Outcome::Incomplete);
    assert_eq!(suite.cases[2].report_count(), 1);

    let verdict = judged(&log, &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::Truncated);
    assert_eq!(verdict.exit_code(), 5);
    assert!(verdict
        .detail
        .contains("2 of 5 cases reported (last: #2 kmalloc_oob_left)"));

    // The same log from a run that was killed at its timeout.
    let verdict = judge(&log, &Expectations::default(), RunEnd::TimedOut);
    assert_eq!(verdict.kind, VerdictKind::Timeout);
    assert_eq!(verdict.exit_code(), 4);
}

#[test]
fn no_ktap_at_all() {
    let log = parse_log(&data("noktap.log"));
    assert!(!log.ktap_seen);
    assert!(log.kunit_disabled);
    assert_eq!(log.malformed_options, ["kasan.mode"]);

    let verdict = judged(&log, &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::NoKtap);
    assert_eq!(verdict.exit_code(), 6);
    assert!(verdict.detail.contains("kunit: disabled"));

    let empty = parse_log("");
    assert_eq!(
        judged(&empty, &Expectations::default()).kind,
        VerdictKind::NoKtap
    );
    assert_eq!(
        judge(&empty, &Expectations::default(), RunEnd::TimedOut).kind,
        VerdictKind::Timeout
    );

    // An empty plan (the filter matched nothing) is no better.
    let log = parse_log("KTAP version 1\n1..0\n");
    assert_eq!(
        judged(&log, &Expectations::default()).kind,
        VerdictKind::NoKtap
    );
}

#[test]
fn a_sample_run_counts_reports_without_ktap() {
    let log = parse_log(&data("sample.log"));
    assert_eq!(log.reports.len(), 1);
    assert!(log.reports[0].position.is_none());
    let with = |n| Expectations {
        reports: Some(n),
        ..Default::default()
    };
    assert_eq!(judged(&log, &with(1)).kind, VerdictKind::Pass);
    let verdict = judged(&log, &with(2));
    assert_eq!(verdict.kind, VerdictKind::CaseFailed);
    assert_eq!(verdict.detail, "expected 2 KASAN reports, got 1");
    assert_eq!(
        judged(&log, &Expectations::default()).kind,
        VerdictKind::NoKtap
    );
}

#[test]
fn a_kasan_fault_panic_run() {
    let log = parse_log(&data("fault_panic.log"));
    assert_eq!(log.reports.len(), 1);
    let panic = log
        .crashes
        .iter()
        .find(|c| c.kind == CrashKind::Panic)
        .expect("panic line");
    assert_eq!(
        panic.text,
        "Kernel panic - not syncing: kasan.fault=panic set ..."
    );
    assert!(panic.is_kasan_fault_panic());
    assert_eq!(panic.position.as_ref().map(|p| p.case_number), Some(1));

    // Without --expect-panic the panic is a crash.
    let verdict = judged(&log, &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::KernelCrash);
    assert!(verdict.detail.contains("kasan.fault=panic set"));

    // With it, the panic and the suite it cut short are expected.
    let expected = Expectations {
        panic: true,
        ..Default::default()
    };
    let verdict = judged(&log, &expected);
    assert_eq!(verdict.kind, VerdictKind::Pass, "{verdict:?}");
    assert!(verdict.detail.contains("expected KASAN panic"));

    // --expect-panic on a run that never panicked.
    let verdict = judged(&parse_log(&data("pass.log")), &expected);
    assert_eq!(verdict.kind, VerdictKind::MissingPanic);
    assert_eq!(verdict.exit_code(), 7);

    // A KASAN panic without any report before it is not KASAN's doing.
    let bogus = data("fault_panic.log").replace("BUG: KASAN:", "BUG-ish:");
    let verdict = judged(&parse_log(&bogus), &expected);
    assert_eq!(verdict.kind, VerdictKind::KernelCrash);
}

#[test]
fn a_parameterised_subtest() {
    let log = parse_log(&data("param.log"));
    assert_eq!(log.plan, Some(2));
    assert!(log.ktap_complete());
    let names: Vec<_> = log.suites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["kasan_rs_tags", "kasan"]);

    let tags = &log.suites[0];
    assert_eq!(tags.module.as_deref(), Some("kasan_rs_test"));
    assert_eq!(tags.summary, Some(counts(3, 0, 0, 3)));
    assert_eq!(tags.totals, Some(counts(5, 0, 1, 6)));
    assert_eq!(tags.cases.len(), 3);
    let sizes = &tags.cases[1];
    assert_eq!(sizes.name, "tag_mismatch_sizes");
    assert_eq!(sizes.outcome, Outcome::Pass);
    let params: Vec<_> = sizes
        .params
        .iter()
        .map(|p| (p.number, p.name.as_str(), p.outcome, p.report_count()))
        .collect();
    assert_eq!(
        params,
        [
            (1, "size-1", Outcome::Pass, 1),
            (2, "size-16", Outcome::Pass, 1),
            (3, "size-4096", Outcome::Skip, 0),
        ]
    );
    assert_eq!(sizes.param_summary, Some(counts(2, 0, 1, 3)));
    assert_eq!(sizes.report_count(), 2);
    assert_eq!(tags.cases[2].params.len(), 2);
    assert_eq!(tags.report_count(), 2);

    // The second suite prints no summary line (one case): counts come from cases.
    let kasan = &log.suites[1];
    assert_eq!(kasan.summary, None);
    assert_eq!(kasan.counts(), counts(1, 0, 0, 1));
    assert_eq!(kasan.report_count(), 1);

    let verdict = judged(
        &log,
        &expect("kasan_rs_tags=pass:3,fail:0,skip:0;kasan=pass:1,total:1"),
    );
    assert_eq!(verdict.kind, VerdictKind::Pass, "{verdict:?}");

    // A failing parameter fails the case and names the parameter.
    let failing = data("param.log")
        .replace("        ok 2 size-16", "        not ok 2 size-16")
        .replace(
            "    ok 2 tag_mismatch_sizes",
            "    not ok 2 tag_mismatch_sizes",
        )
        .replace(
            "pass:2 fail:0 skip:1 total:3",
            "pass:1 fail:1 skip:1 total:3",
        )
        .replace(
            "pass:3 fail:0 skip:0 total:3",
            "pass:2 fail:1 skip:0 total:3",
        )
        .replace("ok 1 kasan_rs_tags", "not ok 1 kasan_rs_tags");
    let verdict = judged(&parse_log(&failing), &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::CaseFailed);
    let messages: Vec<_> = verdict
        .problems
        .iter()
        .map(|p| p.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "kasan_rs_tags.tag_mismatch_sizes (#2) failed",
            "kasan_rs_tags.tag_mismatch_sizes[size-16] (#2) failed"
        ]
    );
}

#[test]
fn counts_that_differ_from_expect() {
    let log = parse_log(&data("pass.log"));
    let verdict = judged(&log, &expect("kasan=pass:60,fail:0,skip:12"));
    assert_eq!(verdict.kind, VerdictKind::CaseFailed);
    assert_eq!(
        verdict.detail,
        "suite kasan: expected pass:60 fail:0 skip:12, got pass:3 fail:0 skip:2 total:5"
    );
    let verdict = judged(&log, &expect("kasan=total:5;kasan_rs=pass:1"));
    assert_eq!(verdict.kind, VerdictKind::CaseFailed);
    assert_eq!(
        verdict.detail,
        "expected suite kasan_rs (pass:1) did not run"
    );
}

#[test]
fn a_summary_line_that_disagrees_with_the_cases() {
    let text = data("pass.log").replace(
        "# kasan: pass:3 fail:0 skip:2 total:5",
        "# kasan: pass:4 fail:0 skip:1 total:5",
    );
    let log = parse_log(&text);
    let verdict = judged(&log, &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::CaseFailed);
    assert!(verdict.detail.contains("disagrees"), "{}", verdict.detail);
    // --expect compares with the printed line.
    let verdict = judged(&log, &expect("kasan=pass:4,skip:1"));
    assert_eq!(verdict.problems.len(), 1);
}

#[test]
fn a_crash_during_a_case_names_the_case() {
    let text = data("pass.log").replace(
        "    ok 4 kmalloc_uaf",
        "WARNING: CPU: 1 PID: 87 at mm/slub.c:4625 free_to_partial_list+0x1c/0x3c0\n    ok 4 kmalloc_uaf",
    );
    let log = parse_log(&text);
    let verdict = judged(&log, &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::KernelCrash);
    assert_eq!(
        verdict.detail,
        "WARNING at line 242 during suite kasan case #4 (after #3 kasan_global_oob_right): \
         WARNING: CPU: 1 PID: 87 at mm/slub.c:4625 free_to_partial_list+0x1c/0x3c0"
    );
}

#[test]
fn ktap_lines_at_the_wrong_indentation_are_console_output() {
    // A stray `ok` one level too deep is not a case, so the suite's count
    // stays that of its real cases.
    let text = data("pass.log").replace(
        "    ok 2 kmalloc_oob_left",
        "            ok 9 not_a_case\n    ok 2 kmalloc_oob_left",
    );
    let log = parse_log(&text);
    assert_eq!(log.suites[0].cases.len(), 5);
    assert!(log.suites[0].cases[1]
        .console
        .iter()
        .any(|l| l.contains("not_a_case")));
    assert_eq!(
        judged(&log, &Expectations::default()).kind,
        VerdictKind::Pass
    );
}

#[test]
fn a_qemu_error_is_named_when_there_is_no_ktap() {
    let log = parse_log(
        "qemu-system-aarch64: -m bogus: Parameter 'size' expects a non-negative number below 2^64\n\
         Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-\n",
    );
    let verdict = judged(&log, &Expectations::default());
    assert_eq!(verdict.kind, VerdictKind::NoKtap);
    assert!(
        verdict.detail.contains("qemu-system-aarch64: -m bogus"),
        "{}",
        verdict.detail
    );
}

#[test]
fn expected_warnings_are_counted_not_crashes() {
    // The report-type check: a test module provokes WARNINGs on purpose.
    let warning = "[    1.000000] WARNING: CPU: 1 PID: 1 at mm/kasan/rs/rust/glue.c:361 kasan_rs_warn+0x18/0x24\n";
    let sample = data("sample.log");
    let log = parse_log(&format!("{warning}{warning}{sample}"));
    assert_eq!(log.reports.len(), 1);
    let with = |warnings| Expectations {
        reports: Some(1),
        warnings,
        ..Default::default()
    };
    // Without --expect-warnings a WARNING is a crash.
    assert_eq!(judged(&log, &with(None)).kind, VerdictKind::KernelCrash);
    let verdict = judged(&log, &with(Some(2)));
    assert_eq!(verdict.kind, VerdictKind::Pass, "{verdict:?}");
    for wrong in [0, 1, 3] {
        let verdict = judged(&log, &with(Some(wrong)));
        assert_eq!(verdict.kind, VerdictKind::CaseFailed);
        assert_eq!(
            verdict.detail,
            format!("expected {wrong} WARNING splats, got 2")
        );
    }
}
