//! The `kasan-rs` binary end to end: `ktap` on canned logs, `run` against
//! fake QEMU scripts (tests/data/fake-qemu-*.sh), and usage errors.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn kasan_rs() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kasan-rs"))
}

fn run(args: &[&str]) -> Output {
    kasan_rs().args(args).output().expect("run kasan-rs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn last_line(out: &Output) -> String {
    stdout(out).lines().last().unwrap_or("").to_string()
}

/// A scratch directory unique to one test.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn ktap_exit_codes_follow_the_verdicts() {
    let cases: [(&str, &[&str], i32, &str); 10] = [
        ("pass.log", &[], 0, "verdict: PASS (kasan: pass:3 fail:0 skip:2 total:5)"),
        ("fail.log", &[], 1, "verdict: CASE_FAILED (kasan.kmalloc_oob_left (#2) failed"),
        ("oops.log", &[], 3, "verdict: KERNEL_CRASH (unhandled fault at line 43"),
        ("truncated.log", &["--timed-out"], 4, "verdict: TIMEOUT (timed out: suite kasan"),
        ("truncated.log", &[], 5, "verdict: TRUNCATED (log ends early: suite kasan"),
        ("noktap.log", &[], 6, "verdict: NO_KTAP (no KTAP output"),
        ("pass.log", &["--expect-panic"], 7, "verdict: MISSING_PANIC"),
        ("fault_panic.log", &["--expect-panic"], 0, "verdict: PASS ("),
        ("sample.log", &["--expect-reports", "1"], 0, "verdict: PASS (1 KASAN reports)"),
        (
            "pass.log",
            &["--expect", "kasan=pass:60,fail:0,skip:12"],
            1,
            "verdict: CASE_FAILED (suite kasan: expected pass:60 fail:0 skip:12, got pass:3 fail:0 skip:2 total:5)",
        ),
    ];
    for (log, extra, code, verdict) in cases {
        let log_path = data(log);
        let mut args = vec!["ktap", path(&log_path)];
        args.extend_from_slice(extra);
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{log} {extra:?}\n{}",
            stdout(&out)
        );
        assert!(
            last_line(&out).starts_with(verdict),
            "{log} {extra:?}: {:?}",
            last_line(&out)
        );
    }
}

#[test]
fn ktap_prints_the_summary_table() {
    let out = run(&["ktap", path(&data("param.log"))]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let expected = "\
kasan: KernelAddressSanitizer initialized (hw-tags, mode=sync, vmalloc=on, stacktrace=on)
suite          result  pass  fail  skip  total  reports
kasan_rs_tags  ok         3     0     0      3        2
kasan          ok         1     0     0      1        1
  skip       kasan_rs_tags.tag_mismatch_sizes[size-4096] (#3): Test requires CONFIG_KASAN_VMALLOC=y
KASAN reports: 3
verdict: PASS (kasan_rs_tags: pass:3 fail:0 skip:0 total:3; kasan: pass:1 fail:0 skip:0 total:1)
";
    assert_eq!(text, expected);
}

#[test]
fn ktap_reads_stdin() {
    let mut child = kasan_rs()
        .args(["ktap", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let log = fs::read(data("fail.log")).unwrap();
    child.stdin.take().unwrap().write_all(&log).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(last_line(&out).starts_with("verdict: CASE_FAILED"));
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let missing = data("no-such.log");
    for args in [
        &[][..],
        &["frobnicate"],
        &["ktap"],
        &["ktap", path(&missing)],
        &["ktap", "x.log", "--expect", "kasan=pass"],
        &["run"],
        &["run", "--image", "x", "--timeout", "soon"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("kasan-rs: "), "{err}");
    }
    let out = run(&["help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("exit codes:"));
}

#[test]
fn run_rejects_a_missing_image() {
    let image = data("no-such-Image");
    let qemu = data("fake-qemu-pass.sh");
    let out = run(&["run", "--image", path(&image), "--qemu", path(&qemu)]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "kasan-rs: kernel image {} does not exist\n",
            image.display()
        )
    );
}

#[test]
fn run_rejects_qemu_7() {
    let qemu = data("fake-qemu-old.sh");
    let out = run(&[
        "run",
        "--image",
        path(&data("Image.fake")),
        "--qemu",
        path(&qemu),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "kasan-rs: fake-qemu-old.sh 7.2 is too old: MTE is mis-emulated before 8.0; \
         install qemu-system-arm from bookworm-backports (testing/bootstrap.sh)\n"
    );
}

#[test]
fn run_rejects_a_missing_qemu() {
    let out = run(&[
        "run",
        "--image",
        path(&data("Image.fake")),
        "--qemu",
        "/nonexistent/qemu-system-aarch64",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("kasan-rs: cannot run /nonexistent/qemu-system-aarch64: "));
}

#[test]
fn run_passes_with_a_qemu_that_prints_a_passing_log() {
    let dir = scratch("pass");
    let log = dir.join("logs/console.log");
    let args_file = dir.join("qemu-args");
    let out = kasan_rs()
        .args([
            "run",
            "--image",
            path(&data("Image.fake")),
            "--qemu",
            path(&data("fake-qemu-pass.sh")),
            "--append",
            "kunit.filter_glob=kasan kasan.mode=sync",
            "--log",
            path(&log),
            "--expect",
            "kasan=pass:3,fail:0,skip:2",
            "--smp",
            "1",
            "--mem",
            "512M",
        ])
        .env("FAKE_QEMU_ARGS", &args_file)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}{}", stderr(&out));
    assert_eq!(
        last_line(&out),
        "verdict: PASS (kasan: pass:3 fail:0 skip:2 total:5)"
    );
    // The console was echoed, then summarised.
    assert!(text.contains("    ok 4 kmalloc_uaf\n"));
    assert!(text.contains("kasan  ok         3     0     2      5        3\n"));

    let qemu_args = fs::read_to_string(&args_file).unwrap();
    let qemu_args: Vec<_> = qemu_args.lines().collect();
    assert_eq!(
        qemu_args,
        [
            "-M",
            "virt,mte=on",
            "-cpu",
            "max",
            "-smp",
            "1",
            "-m",
            "512M",
            "-nographic",
            "-no-reboot",
            "-kernel",
            path(&data("Image.fake")),
            "-append",
            "console=ttyAMA0 panic=-1 kunit_shutdown=poweroff kunit.filter_glob=kasan kasan.mode=sync",
        ]
    );

    // The log holds QEMU's stdout and stderr, and `ktap` judges it the same way.
    let logged = fs::read_to_string(&log).unwrap();
    assert!(logged.contains("fake-qemu: this line went to stderr"));
    assert!(logged.contains("[    0.157650]     ok 4 kmalloc_uaf"));
    let again = run(&["ktap", path(&log), "--expect", "kasan=pass:3,fail:0,skip:2"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(last_line(&again), last_line(&out));
}

#[test]
fn run_quiet_prints_only_the_summary() {
    let out = run(&[
        "run",
        "--image",
        path(&data("Image.fake")),
        "--qemu",
        path(&data("fake-qemu-pass.sh")),
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(!text.contains("Booting Linux"), "{text}");
    assert!(text.lines().count() < 12, "{text}");
}

/// True if `pid` is gone (or a zombie waiting for a reaper that is not us).
fn process_gone(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
    }
}

#[test]
fn run_times_out_on_a_hanging_qemu_and_leaves_no_process() {
    let dir = scratch("hang");
    let pids_file = dir.join("pids");
    let log = dir.join("console.log");
    let started = Instant::now();
    let out = kasan_rs()
        .args([
            "run",
            "--image",
            path(&data("Image.fake")),
            "--qemu",
            path(&data("fake-qemu-hang.sh")),
            "--timeout",
            "3",
            "--log",
            path(&log),
            "--quiet",
        ])
        .env("FAKE_QEMU_PIDS", &pids_file)
        .output()
        .unwrap();
    let took = started.elapsed();
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        last_line(&out)
            .starts_with("verdict: TIMEOUT (timed out: suite kasan did not finish: 1 of 5"),
        "{}",
        last_line(&out)
    );
    assert!(took >= Duration::from_secs(3), "{took:?}");
    assert!(took < Duration::from_secs(10), "{took:?}");

    let pids = fs::read_to_string(&pids_file).unwrap();
    for pid in pids.split_whitespace() {
        let pid: u32 = pid.parse().unwrap();
        // SIGKILL is asynchronous; give the kernel a moment.
        let deadline = Instant::now() + Duration::from_secs(2);
        while !process_gone(pid) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(process_gone(pid), "process {pid} survived the run");
    }
    assert!(fs::read_to_string(&log)
        .unwrap()
        .contains("kasan-rs: timeout after 3 s; killed QEMU"));
}

#[test]
fn run_stops_shortly_after_a_panic() {
    let started = Instant::now();
    let out = run(&[
        "run",
        "--image",
        path(&data("Image.fake")),
        "--qemu",
        path(&data("fake-qemu-panic.sh")),
        "--timeout",
        "60",
        "--expect-panic",
        "--quiet",
    ]);
    let took = started.elapsed();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        last_line(&out).contains("expected KASAN panic"),
        "{}",
        last_line(&out)
    );
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn run_boots_an_initrd_without_kunit_shutdown_and_counts_reports() {
    let dir = scratch("initrd");
    let initrd = dir.join("initramfs.cpio");
    fs::write(&initrd, b"070701").unwrap();
    let args_file = dir.join("qemu-args");
    let log = dir.join("run.log");
    let image = data("Image.fake");
    let qemu = data("fake-qemu-sample.sh");
    let sample_run = |extra: &[&str]| {
        let mut args = vec![
            "run",
            "--image",
            path(&image),
            "--qemu",
            path(&qemu),
            "--initrd",
            path(&initrd),
            "--append",
            "kasan_multi_shot rdinit=/init kunit.enable=0",
            "--log",
            path(&log),
            "--quiet",
        ];
        args.extend_from_slice(extra);
        kasan_rs()
            .args(&args)
            .env("FAKE_QEMU_ARGS", &args_file)
            .output()
            .unwrap()
    };

    let out = sample_run(&["--expect-reports", "6"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(last_line(&out), "verdict: PASS (6 KASAN reports)");
    let qemu_args = fs::read_to_string(&args_file).unwrap();
    let qemu_args: Vec<_> = qemu_args.lines().collect();
    let at = qemu_args.iter().position(|a| *a == "-initrd").unwrap();
    assert_eq!(qemu_args[at + 1], path(&initrd));
    assert_eq!(
        qemu_args.last().unwrap(),
        &"console=ttyAMA0 panic=-1 kasan_multi_shot rdinit=/init kunit.enable=0"
    );

    let out = sample_run(&["--expect-reports", "7"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        last_line(&out),
        "verdict: CASE_FAILED (expected 7 KASAN reports, got 6)"
    );
    let out = sample_run(&["--min-reports", "1"]);
    assert_eq!(out.status.code(), Some(0));
    let out = sample_run(&["--min-reports", "7"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        last_line(&out),
        "verdict: CASE_FAILED (expected at least 7 KASAN reports, got 6)"
    );

    // One line per bug of the sample, in order, each with its report.
    let out = run(&["summary", path(&log)]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    let kinds: Vec<_> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "slab-out-of-bounds",
            "slab-use-after-free",
            "double-free",
            "invalid-free",
            "invalid-access",
            "invalid-access"
        ]
    );
    assert!(lines[1].starts_with("1    slab-out-of-bounds   Write at addr "));
}

#[test]
fn run_rejects_a_missing_initrd() {
    let out = run(&[
        "run",
        "--image",
        path(&data("Image.fake")),
        "--qemu",
        path(&data("fake-qemu-sample.sh")),
        "--initrd",
        "/nonexistent/initramfs.cpio",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "kasan-rs: initramfs /nonexistent/initramfs.cpio does not exist\n"
    );
}

#[test]
fn summary_without_sample_markers_fails() {
    let out = run(&["summary", path(&data("pass.log"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no `kasan_rs_sample: bug N: ...` lines"));
    assert!(stdout(&out).is_empty());
}

/// `kasan-rs run` with the flaky fake QEMU (tests/data/fake-qemu-flaky.sh):
/// its first `misses` boots miss kmalloc_oob_left's report.
fn flaky_run(name: &str, misses: u32, single: &str, extra: &[&str]) -> (Output, PathBuf) {
    let dir = scratch(name);
    let log = dir.join("console.log");
    let out = kasan_rs()
        .args([
            "run",
            "--image",
            path(&data("Image.fake")),
            "--qemu",
            path(&data("fake-qemu-flaky.sh")),
            "--append",
            "kunit.filter_glob=kasan* kasan.mode=sync",
            "--log",
            path(&log),
            "--expect",
            "kasan=pass:3,fail:0",
            "--quiet",
        ])
        .args(extra)
        .env("FAKE_QEMU_COUNT", dir.join("count"))
        .env("FAKE_QEMU_MISSES", misses.to_string())
        .env("FAKE_QEMU_SINGLE", single)
        .output()
        .unwrap();
    (out, dir)
}

fn boots(dir: &Path) -> String {
    fs::read_to_string(dir.join("count"))
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn a_missed_report_alone_is_named_a_collision_suspect() {
    let (out, dir) = flaky_run("collision-named", 1, "", &[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("\ncollision-suspects: kasan.kmalloc_oob_left\n"),
        "{text}"
    );
    assert!(!text.contains("attempts:"), "{text}");
    assert_eq!(boots(&dir), "1");
}

#[test]
fn rerun_collisions_boots_again_until_the_report_comes() {
    let (out, dir) = flaky_run("collision-boots", 1, "", &["--rerun-collisions", "2"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(
        last_line(&out),
        "verdict: PASS (kasan: pass:3 fail:0 skip:2 total:5; attempt 2 of at most 3, \
         the earlier ones missed reports only)"
    );
    assert!(text.contains("\nattempts: 2\n"), "{text}");
    assert!(!text.contains("collision-suspects:"), "{text}");
    assert_eq!(boots(&dir), "2");
    // The missed boot's console is kept beside the last one's.
    let first = fs::read_to_string(dir.join("console-attempt1.log")).unwrap();
    assert!(first.contains("but none occurred"));
    let last = fs::read_to_string(dir.join("console.log")).unwrap();
    assert!(!last.contains("but none occurred"));
}

#[test]
fn rerun_collisions_gives_up_after_n_more_boots() {
    let (out, dir) = flaky_run("collision-gives-up", 9, "", &["--rerun-collisions", "2"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("\nattempts: 3\n"), "{text}");
    assert!(text.contains("\ncollision-suspects: kasan.kmalloc_oob_left\n"));
    assert!(last_line(&out).starts_with("verdict: CASE_FAILED (kasan.kmalloc_oob_left (#2) failed"));
    assert_eq!(boots(&dir), "3");
}

#[test]
fn rerun_cases_reruns_the_missed_case_alone() {
    let (out, dir) = flaky_run("collision-cases", 9, "", &["--rerun-cases", "5"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert_eq!(
        last_line(&out),
        "verdict: PASS (after rerun of: kmalloc_oob_left (rerun 1); first run kasan: \
         pass:2 fail:1 skip:0 total:3)"
    );
    // The first run's failure stays in the summary, as a note.
    assert!(
        text.contains("note: first run: kasan.kmalloc_oob_left (#2) failed"),
        "{text}"
    );
    assert_eq!(boots(&dir), "2");
    let alone = fs::read_to_string(dir.join("console-rerun-kmalloc_oob_left-1.log")).unwrap();
    assert!(alone.contains("ok 1 kmalloc_oob_left"));
}

#[test]
fn rerun_cases_fails_when_every_rerun_misses() {
    let (out, dir) = flaky_run("collision-cases-fail", 9, "fail", &["--rerun-cases", "2"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        last_line(&out).ends_with("; reruns: kmalloc_oob_left (failed 2 reruns))"),
        "{text}"
    );
    assert_eq!(boots(&dir), "3");
}

#[test]
fn max_collision_cases_must_be_positive() {
    let out = run(&["run", "--image", "Image", "--max-collision-cases", "0"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bench_facts_reads_every_console_in_order() {
    let dir = scratch("bench-facts");
    let bench = dir.join("rust-r1-bench.log");
    fs::write(
        &bench,
        "[    0.412345] Freeing unused kernel memory: 7890K\r\n\
         kasan-rs-init: meminfo: Slab:              12345 kB\r\n\
         [    0.7] kasan_rs_bench: op=kmalloc size=8 iters=8192 ns_per_op=812.4 alloc_ns=420.1 free_ns=392.3\r\n",
    )
    .unwrap();
    let pass = data("pass.log");
    let out = run(&["bench-facts", path(&bench), path(&pass)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema"], "kasan-rs.bench-facts/1");
    let [b, p] = [&doc["consoles"][0], &doc["consoles"][1]];
    assert_eq!(b["console"], path(&bench));
    assert_eq!(b["figures"]["boot_ms"], 0.412345 * 1000.0);
    assert_eq!(b["figures"]["slab_kB"], 12345.0);
    assert_eq!(b["ops"]["kmalloc-8"]["ns_per_op"], 812.4);
    assert_eq!(p["kunit_summary"], "pass:3 fail:0 skip:2 total:5");
    assert!(p["kunit_ms"].is_f64());
    // A console that cannot be read is a usage error, not an empty one.
    let out = run(&["bench-facts", path(&bench), path(&dir.join("missing.log"))]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}
