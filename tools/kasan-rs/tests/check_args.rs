//! `kasan-rs check-args`: every word of the table is checked by the tool
//! and, where bash and testing/scripts/common.sh are at hand, through the
//! scripts' own `check_kasan_args`, which asks the tool. The table's classes
//! say how 6.12 and the regular expressions the scripts used before the tool
//! judged each word: `KernelOnly` words are accepted because the kernel takes
//! them, `ScriptsOnly` ones with a warning because those regexes took them.

use std::path::PathBuf;
use std::process::Command;

use kasan_rs_tools::cmdline::{check, Finding};

/// Who accepts a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Accepted {
    /// 6.12 and the scripts: no finding.
    Both,
    /// 6.12 only, the regexes wrongly refusing it: no finding.
    KernelOnly,
    /// The scripts only: accepted with a warning.
    ScriptsOnly,
    /// Neither: an error, exit 2.
    Neither,
}

use Accepted::*;

const TABLE: &[(&str, Accepted)] = &[
    // Other words pass through.
    ("console=ttyAMA0", Both),
    ("quiet", Both),
    ("kasan_multi_shot", Both),
    ("kasanx=1", Both),
    // The words and numbers both take.
    ("kasan=on", Both),
    ("kasan=off", Both),
    ("kasan.mode=sync", Both),
    ("kasan.mode=async", Both),
    ("kasan.mode=asymm", Both),
    ("kasan.vmalloc=on", Both),
    ("kasan.stacktrace=off", Both),
    ("kasan.fault=report", Both),
    ("kasan.fault=panic", Both),
    ("kasan.fault=panic_on_write", Both),
    ("kasan.tag_policy=random", Both),
    ("kasan.tag_policy=distinct", Both),
    ("kasan.page_alloc.sample=1", Both),
    ("kasan.page_alloc.sample=0x10", Both),
    // Octal for both: kstrtoul(base 0) and bash arithmetic.
    ("kasan.page_alloc.sample=010", Both),
    ("kasan.page_alloc.sample=9223372036854775807", Both),
    ("kasan.page_alloc.sample.order=3", Both),
    ("kasan.page_alloc.sample.order=0", Both),
    ("kasan.stack_ring_size=0", Both),
    ("kasan.stack_ring_size=0X1f", Both),
    // kstrtoul()'s leading `+`.
    ("kasan.stack_ring_size=+5", KernelOnly),
    ("kasan.page_alloc.sample=+2", KernelOnly),
    // parameq(): `-` and `_` alike in names.
    ("kasan.page-alloc.sample=2", KernelOnly),
    ("kasan.stack-ring-size=5", KernelOnly),
    ("kasan.tag-policy=random", KernelOnly),
    // next_arg() drops the quotes.
    ("kasan.mode=\"sync\"", KernelOnly),
    // A quoted word is no KASAN word to the scripts' patterns.
    ("\"kasan.fault=panic\"", Both),
    ("\"kasan.fault=oops\"", ScriptsOnly),
    // kstrtoul()'s trailing newline, inside quotes.
    ("kasan.stack_ring_size=\"5\n\"", KernelOnly),
    // The kernel refuses these; the scripts let them through today.
    ("kasan", ScriptsOnly),
    ("kasan.page_alloc.sample.order=2147483648", ScriptsOnly),
    ("kasan.page_alloc.sample.order=4294967296", ScriptsOnly),
    ("kasan.stack_ring_size=18446744073709551616", ScriptsOnly),
    ("kasan.page_alloc.sample=99999999999999999999", ScriptsOnly),
    ("-- kasan.mode=async", ScriptsOnly),
    // Nobody takes these.
    ("kasan=ON", Neither),
    ("kasan=1", Neither),
    ("kasan.mode=SYNC", Neither),
    ("kasan.mode", Neither),
    ("kasan.mode=", Neither),
    ("kasan.fault=oops", Neither),
    ("kasan.vmalloc=1", Neither),
    ("kasan.foo=1", Neither),
    ("kasan.page_alloc.sample=0", Neither),
    ("kasan.page_alloc.sample=08", Neither),
    ("kasan.page_alloc.sample=9223372036854775808", Neither),
    ("kasan.stack_ring_size=-1", Neither),
    ("kasan.stack_ring_size=0x", Neither),
    ("-- kasan.mode=bogus", Neither),
];

fn tool(word: &str) -> Accepted {
    match check(word.as_bytes()).as_slice() {
        [] => Both,
        [Finding::Warning(_)] => ScriptsOnly,
        [Finding::Error(_)] => Neither,
        other => panic!("{word:?}: {other:?}"),
    }
}

#[test]
fn the_tool_accepts_the_table() {
    for &(word, want) in TABLE {
        let want = if want == KernelOnly { Both } else { want };
        assert_eq!(tool(word), want, "{word:?}");
    }
}

/// `check_kasan_args` of testing/scripts/common.sh, if bash and the
/// scripts are there: `Some(accepted)`.
fn scripts(word: &str) -> Option<bool> {
    let common = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testing/scripts/common.sh");
    if !common.is_file() {
        return None;
    }
    let status = Command::new("bash")
        .arg("-c")
        .arg(r#"source "$0" >/dev/null 2>&1 || exit 99; check_kasan_args "$1" 2>/dev/null"#)
        .arg(&common)
        .arg(word)
        .env("KASAN_RS", env!("CARGO_BIN_EXE_kasan-rs"))
        .env_remove("KASAN_ARGS_UNCHECKED")
        .env_remove("KASAN_RS_FAMILY")
        .env_remove("KASAN_RS_BUILD_SUFFIX")
        .status()
        .ok()?;
    match status.code() {
        Some(0) => Some(true),
        Some(1) => Some(false),
        other => panic!("check_kasan_args {word:?}: exit {other:?}"),
    }
}

#[test]
fn the_scripts_check_with_the_tool() {
    let mut checked = 0;
    for &(word, class) in TABLE {
        let Some(accepted) = scripts(word) else {
            continue;
        };
        checked += 1;
        assert_eq!(
            accepted,
            class != Neither,
            "check_kasan_args {word:?} (table: {class:?})"
        );
    }
    println!(
        "{checked} of {} words checked against check_kasan_args",
        TABLE.len()
    );
}

#[test]
fn the_command_prints_one_line_per_bad_word_and_exits_2() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kasan-rs"))
            .arg("check-args")
            .args(args)
            .output()
            .unwrap()
    };
    let good = run(&["console=ttyAMA0 kasan=on kasan.mode=async"]);
    assert_eq!(good.status.code(), Some(0));
    assert!(good.stderr.is_empty());
    assert_eq!(run(&[]).status.code(), Some(0));

    let bad = run(&["kasan.mode=SYNC", "kasan.fault=oops quiet"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8(bad.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("kasan-rs: bad KASAN parameter 'kasan.mode=SYNC': "));
    assert!(lines[1].starts_with("kasan-rs: bad KASAN parameter 'kasan.fault=oops': "));

    let warned = run(&["kasan"]);
    assert_eq!(warned.status.code(), Some(0));
    assert!(String::from_utf8(warned.stderr)
        .unwrap()
        .starts_with("kasan-rs: warning: 'kasan' is accepted only because"));
}
