//! `kasan-rs compare` end to end on logs derived from tests/data/fail.log: the
//! exit codes 0 (same), 1 (different) and 8 (collision suspects only).

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

fn data(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    fs::read_to_string(path).unwrap()
}

/// fail.log with kmalloc_oob_left passing, as when its tags do not collide.
fn passing() -> String {
    let fail = data("fail.log");
    let sep = "=".repeat(66);
    let report = format!(
        "[    0.133160] {sep}\n\
         [    0.133160] BUG: KASAN: invalid-access in kmalloc_oob_left+0x84/0x1a8\n\
         [    0.133160] Read at addr f0ff000000ff826f by task kunit_try_catch/85\n\
         [    0.133160] {sep}\n\
         [    0.133460]     ok 2 kmalloc_oob_left\n"
    );
    let start = fail.find("[    0.133160]     # kmalloc_oob_left").unwrap();
    let end =
        fail.find("not ok 2 kmalloc_oob_left\n").unwrap() + "not ok 2 kmalloc_oob_left\n".len();
    let mut log = format!("{}{report}{}", &fail[..start], &fail[end..]);
    log = log
        .replace("pass:2 fail:1 skip:0", "pass:3 fail:0 skip:0")
        .replace("] not ok 1 kasan", "] ok 1 kasan");
    assert!(
        log.contains("ok 1 kasan") && !log.contains("not ok"),
        "{log}"
    );
    log
}

fn compare(name: &str, a: &str, b: &str) -> Output {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("compare-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let (pa, pb) = (dir.join("c.log"), dir.join("rust.log"));
    fs::write(&pa, a).unwrap();
    fs::write(&pb, b).unwrap();
    Command::new(env!("CARGO_BIN_EXE_kasan-rs"))
        .args(["compare", pa.to_str().unwrap(), pb.to_str().unwrap()])
        .args(["--label-a", "c", "--label-b", "rust"])
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn same_logs_exit_0() {
    let out = compare("same", &passing(), &passing());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).ends_with("compare c vs rust: SAME (3 cases, 3 reports)\n"));
}

#[test]
fn a_missed_report_exits_8_with_the_suspects() {
    let out = compare("collision", &passing(), &data("fail.log"));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(8), "{text}");
    assert!(
        text.contains("\ncollision-suspects: kmalloc_oob_left\n"),
        "{text}"
    );
    assert!(
        text.contains("differs: case kasan.kmalloc_oob_left: c ok, rust FAIL ("),
        "{text}"
    );
    assert!(text.contains("COLLISION-ONLY"), "{text}");
}

#[test]
fn a_different_report_type_exits_1() {
    let other = passing().replace(
        "BUG: KASAN: slab-out-of-bounds in kmalloc_oob_right",
        "BUG: KASAN: double-free in kmalloc_oob_right",
    );
    let out = compare("type", &passing(), &other);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("differs: case kasan.kmalloc_oob_right: KASAN reports c 1 [slab-out-of-bounds/Write], rust 1 [double-free/Write]"),
        "{text}"
    );
    assert!(!text.contains("collision-suspects"), "{text}");
}

#[test]
fn a_different_access_exits_1() {
    let other = passing().replace(
        "Read of size 1 at addr fa0000000c5c6ec08",
        "Write of size 1 at addr fa0000000c5c6ec08",
    );
    let out = compare("access", &passing(), &other);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}

#[test]
fn a_missing_log_is_a_usage_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_kasan-rs"))
        .args(["compare", "/nonexistent/a.log", "/nonexistent/b.log"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
