//! The fuzz manager end to end, with a fake QEMU: a shell script written
//! here that prints a scripted console for each VM (chosen by the
//! `fuzz_vm=k` of its command line) and exits, or sleeps until killed.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use kasan_rs_tools::fuzz::campaign::{self, FuzzError, NoProgress};
use kasan_rs_tools::fuzz::record::Campaign;
use kasan_rs_tools::fuzz::sink::{FsSink, Sink};
use kasan_rs_tools::fuzz::FuzzConfig;

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-{name}"));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A KASAN report of 6.12's hw-tags shape (tests/data/rust-sync.log's
/// first), its test function renamed to `function`, with printk prefixes.
fn kasan_report(function: &str) -> String {
    let log = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/rust-sync.log"
    ))
    .unwrap();
    let lines: Vec<&str> = log.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("BUG: KASAN:"))
        .unwrap()
        - 1;
    let end = start
        + 1
        + lines[start + 1..]
            .iter()
            .position(|l| l.starts_with("====="))
            .unwrap();
    lines[start..=end]
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "[   20.{:06}] {}\n",
                i,
                l.replace("kmalloc_oob_right", function)
            )
        })
        .collect()
}

const WARNING: &str = "\
[   30.000001] ------------[ cut here ]------------
[   30.000002] WARNING: CPU: 1 PID: 123 at mm/foo.c:12 foo_frobnicate+0x10/0x20
[   30.000003] Modules linked in:
[   30.000004] CPU: 1 UID: 0 PID: 123 Comm: trinity-c0 Not tainted 6.12.0 #1
[   30.000005] Hardware name: linux,dummy-virt (DT)
[   30.000006] pstate: 60400005 (nZCv daif +PAN -UAO -TCO -DIT -SSBS BTYPE=--)
[   30.000007] pc : foo_frobnicate+0x10/0x20
[   30.000008] lr : foo_ioctl+0x44/0x80
[   30.000009] sp : ffff800080e3bd50
[   30.000010] Call trace:
[   30.000011]  foo_frobnicate+0x10/0x20
[   30.000012]  foo_ioctl+0x44/0x80
[   30.000013]  __arm64_sys_ioctl+0xac/0xf0
[   30.000014]  invoke_syscall+0x48/0x110
[   30.000015]  el0_svc+0x30/0xd0
[   30.000016] Kernel panic - not syncing: kernel: panic_on_warn set ...
";

struct Fake {
    dir: PathBuf,
    qemu: PathBuf,
}

/// Writes `vm<k>.txt` consoles and a fake QEMU that prints the one of its
/// VM, then exits, or, when the file's last line is `SLEEP`, sleeps.
/// VMs without a file print `started` and progress, then sleep.
fn fake(name: &str, consoles: &[&str]) -> Fake {
    let dir = scratch(name);
    for (k, text) in consoles.iter().enumerate() {
        fs::write(dir.join(format!("vm{k}.txt")), text).unwrap();
    }
    let script = r#"#!/bin/sh
if [ "$1" = "--version" ]; then echo "QEMU emulator version 10.0.2 (fake)"; exit 0; fi
dir=$(dirname "$0")
vm=$(printf '%s\n' "$@" | sed -n 's/.*fuzz_vm=\([0-9]*\).*/\1/p')
f="$dir/vm$vm.txt"
if [ ! -f "$f" ]; then
  echo "[    1.000000] kasan-rs-fuzz: started seed=0 engine=trinity"
  echo "[    2.000000] kasan-rs-fuzz: progress syscalls=10"
  exec sleep 1000
fi
if [ "$(tail -n 1 "$f")" = "SLEEP" ]; then
  sed '$d' "$f"
  exec sleep 1000
fi
cat "$f"
exit 0
"#;
    let qemu = dir.join("fake-qemu");
    fs::write(&qemu, script).unwrap();
    fs::set_permissions(&qemu, fs::Permissions::from_mode(0o755)).unwrap();
    fs::write(dir.join("Image"), "kernel").unwrap();
    fs::write(dir.join("disk.img"), "disk").unwrap();
    Fake { dir, qemu }
}

fn config(f: &Fake, secs: u64) -> FuzzConfig {
    let mut c = FuzzConfig::new(f.dir.join("Image"), f.dir.join("disk.img"));
    c.variant = "rust".to_string();
    c.out = f.dir.join("out");
    c.duration = Duration::from_secs(secs);
    c.qemu = f.qemu.display().to_string();
    c.crash_grace = Duration::from_millis(500);
    c.hang_timeout = Duration::from_secs(2);
    c.boot_timeout = Duration::from_secs(3);
    c
}

fn run(c: &FuzzConfig) -> Campaign {
    campaign::run(c, &mut FsSink, &mut NoProgress).unwrap()
}

#[test]
fn counts_crashes_restarts_and_ends_on_time() {
    let vm0 = format!(
        "[    1.0] kasan-rs-fuzz: started seed=1000 engine=trinity\n\
         [    1.1] kasan-rs-fuzz: canary uaf armed\n\
         [    2.0] kasan-rs-fuzz: progress syscalls=100\n{}",
        kasan_report("kasan_rs_canary_uaf")
    );
    let vm1 = format!(
        "[    1.0] kasan-rs-fuzz: started seed=1001 engine=trinity\n\
         [    2.0] kasan-rs-fuzz: progress syscalls=40\n{WARNING}"
    );
    let vm2 = format!(
        "[    1.0][    T1] kasan-rs-fuzz: started seed=1002 engine=trinity\n\
         [    2.0][    T1] kasan-rs-fuzz: progress syscalls=7\n{}",
        kasan_report("kasan_rs_canary_uaf")
    );
    let f = fake("crashes", &[&vm0, &vm1, &vm2]);
    let c = config(&f, 9);
    let began = Instant::now();
    let j = run(&c);
    let took = began.elapsed();
    assert!(
        // Ends on time; the upper bound leaves room for a loaded host.
        took >= Duration::from_secs(9) && took < Duration::from_secs(20),
        "{took:?}"
    );
    assert!(j.finished);
    assert_eq!(j.schema, "kasan-rs.fuzz/1");
    assert!(j.vms_booted >= 3, "{j:#?}");
    let titles: Vec<(&str, &str, usize)> = j
        .crashes
        .iter()
        .map(|c| (c.title.as_str(), c.kind.as_str(), c.count))
        .collect();
    assert_eq!(
        titles,
        [
            ("KASAN: slab-out-of-bounds Write in do_bad_area", "KASAN", 2),
            ("WARNING in foo_frobnicate", "WARNING", 1),
        ],
        "{j:#?}"
    );
    let kasan = &j.crashes[0];
    assert_eq!((kasan.first_vm, kasan.vms.clone()), (0, vec![0, 2]));
    assert_eq!(kasan.crash_type, "KASAN-WRITE");
    assert!(kasan.console.ends_with("vm-000.log"));
    assert!(
        j.crashes[1].alt_titles.is_empty()
            || !j.crashes[1].alt_titles.contains(&j.crashes[1].title)
    );
    assert_eq!(j.vms[0].outcome, "crash");
    assert_eq!(j.vms[0].seed, 1000);
    assert_eq!(j.vms[0].guest_seed, Some(1000));
    assert_eq!(j.vms[3].outcome, "stopped");
    assert_eq!(j.syscalls, 100 + 40 + 7 + 10 * (j.vms_booted as u64 - 3));
    let uaf = j.canaries.iter().find(|k| k.name == "uaf").unwrap();
    assert_eq!((uaf.vm, uaf.reports), (Some(0), 2));
    assert!(j
        .canaries
        .iter()
        .filter(|k| k.name != "uaf")
        .all(|k| k.first_seen.is_none()));
    // The files: argv one per line, the console, the JSON.
    let out = &c.out;
    let cmd = fs::read_to_string(out.join("vm-001.cmd")).unwrap();
    assert!(cmd.lines().any(|l| l == "none"), "{cmd}");
    assert!(cmd.contains("fuzz_seed=1001 fuzz_vm=1"));
    let log = fs::read_to_string(out.join("vm-001.log")).unwrap();
    assert!(log.contains("WARNING: CPU: 1 PID: 123"));
    let json: Campaign =
        serde_json::from_str(&fs::read_to_string(out.join("crashes.json")).unwrap()).unwrap();
    // (Floats need not survive serde_json's parser bit for bit.)
    assert_eq!(json.vms.len(), j.vms.len());
    assert_eq!(json.crashes.len(), j.crashes.len());
    assert_eq!(json.crashes[1].title, j.crashes[1].title);
    assert_eq!(json.canaries[1].vm, Some(0));
    let table = kasan_rs_tools::fuzz::table::render(&j);
    assert!(table.contains("WARNING in foo_frobnicate"), "{table}");
    assert!(
        table.contains("canaries: oob_write never, uaf 00:00:0"),
        "{table}"
    );
}

/// The `fuzz_canary_armed=` words of each VM's recorded command line.
fn armed_masks(out: &Path, vms: usize) -> Vec<String> {
    (0..vms)
        .map(|k| {
            let cmd = fs::read_to_string(out.join(format!("vm-{k:03}.cmd"))).unwrap();
            let words: Vec<&str> = cmd
                .split_whitespace()
                .filter(|w| w.starts_with("fuzz_canary_armed="))
                .collect();
            words.join(" ")
        })
        .collect()
}

#[test]
fn each_vm_arms_the_canaries_not_reported_yet() {
    let started = "[    1.0] kasan-rs-fuzz: started seed=1000 engine=trinity\n";
    let report = |canary: &str| {
        format!(
            "{started}{}",
            kasan_report(&format!("kasan_rs_canary_{canary}"))
        )
    };
    // VM 0 reports uaf (bit 1), VM 1 nothing new (uaf again: bit 1 was not armed, but a
    // canary may also fire when the guest arms more than asked), VM 2 oob_write. VMs that die
    // at once back off 1, 2, 4 s: four VMs in about 8 s, 12 s for a loaded host.
    let vms = [
        report("uaf"),
        report("uaf"),
        report("oob_write"),
        format!("{started}[    2.0] reboot: Power down\n"),
    ];
    let refs: Vec<&str> = vms.iter().map(String::as_str).collect();
    let f = fake("arming", &refs);
    let mut c = config(&f, 12);
    c.append = "init=/sbin/x".to_string();
    let j = run(&c);
    assert!(j.vms_booted >= 4, "{}", j.vms_booted);
    assert_eq!(
        armed_masks(&c.out, 4),
        [
            "fuzz_canary_armed=15",
            "fuzz_canary_armed=13",
            "fuzz_canary_armed=13",
            "fuzz_canary_armed=12",
        ]
    );
    // The caller's own mask is left alone.
    let f = fake("arming-caller", &refs[..2]);
    let mut c = config(&f, 2);
    c.append = "fuzz_canary_armed=0".to_string();
    run(&c);
    assert_eq!(
        armed_masks(&c.out, 2),
        ["fuzz_canary_armed=0", "fuzz_canary_armed=0"]
    );
}

#[test]
fn detects_hangs_with_a_short_timeout() {
    let vm0 = "[    1.0] kasan-rs-fuzz: started seed=1000 engine=trinity\n\
               [    2.0] kasan-rs-fuzz: progress syscalls=5\nSLEEP\n";
    let f = fake("hang", &[vm0]);
    let mut c = config(&f, 4);
    c.hang_timeout = Duration::from_secs(1);
    let j = run(&c);
    assert_eq!(j.vms[0].outcome, "hang");
    assert_eq!(j.crashes[0].title, "no output from test machine");
    assert_eq!(j.crashes[0].kind, "hang");
    let ended = j.vms[0].end_secs - j.vms[0].start_secs;
    assert!((0.9..8.0).contains(&ended), "{ended}");
}

#[test]
fn early_deaths_back_off_and_the_campaign_ends_on_time() {
    // Every VM dies at once, printing nothing the kernel would: boot
    // failures, not crashes.
    let qemu_error = "qemu-system-aarch64: -drive file=disk.img: Could not open 'disk.img'\n";
    let f = fake("early", &[qemu_error, "", "", "", "", "", "", ""]);
    let c = config(&f, 4);
    let began = Instant::now();
    let j = run(&c);
    let took = began.elapsed();
    assert!(took < Duration::from_secs(12), "{took:?}");
    assert!(j.crashes.is_empty());
    // Every VM is a boot failure, but for a last one the campaign's end may
    // stop first (on a loaded host).
    let stopped = j.vms.last().is_some_and(|v| v.outcome == "stopped");
    assert_eq!(
        j.boot_failures + usize::from(stopped),
        j.vms_booted,
        "{:?}",
        j.vms
    );
    // 1 s, 2 s, ... between boots: not a spin.
    assert!((1..=4).contains(&j.vms_booted), "{}", j.vms_booted);
    let table = kasan_rs_tools::fuzz::table::render(&j);
    assert!(
        table.contains("first boot failure: vm 0: qemu-system-aarch64: -drive"),
        "{table}"
    );
}

#[test]
fn a_crash_in_the_first_second_is_counted_and_backs_off() {
    let panic = "[    0.5] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n";
    let f = fake("first-second", &[panic; 8]);
    let c = config(&f, 4);
    let began = Instant::now();
    let j = run(&c);
    assert!(began.elapsed() < Duration::from_secs(12));
    assert!((1..=4).contains(&j.vms_booted), "{}", j.vms_booted);
    assert_eq!(j.crashes.len(), 1, "{j:#?}");
    let crash = &j.crashes[0];
    assert_eq!(
        crash.title,
        "kernel panic: VFS: Unable to mount root fs on unknown-block(NUM,NUM)"
    );
    assert_eq!((crash.kind.as_str(), crash.count), ("panic", j.vms_booted));
    assert_eq!(j.boot_failures, 0);
}

#[test]
fn setup_failures_and_lost_vms_are_told_apart() {
    let vm0 = "[    1.0] kasan-rs-fuzz: setup-failed trinity not found\nSLEEP\n";
    let vm1 = "[    1.0] kasan-rs-fuzz: started seed=1001 engine=trinity\n\
               [    1.5] reboot: Power down\n";
    let f = fake("setup", &[vm0, vm1]);
    let c = config(&f, 5);
    let j = run(&c);
    assert_eq!(j.setup_failures, 1);
    assert_eq!(j.vms[0].setup_failed.as_deref(), Some("trinity not found"));
    assert_eq!(j.vms[1].outcome, "lost");
    assert_eq!(j.crashes[0].title, "lost connection to test machine");
    assert_eq!(j.crashes[0].kind, "lost");
}

#[test]
fn refuses_uncontained_boots_before_booting() {
    let f = fake("contain", &[]);
    let mut c = config(&f, 3);
    c.qemu_args = vec!["-netdev".into(), "tap,id=t0".into()];
    let err = campaign::run(&c, &mut FsSink, &mut NoProgress).unwrap_err();
    assert!(matches!(err, FuzzError::Uncontained(_)), "{err}");
    assert!(err.to_string().contains("`tap`"), "{err}");
    assert!(!c.out.join("vm-000.log").exists());
}

/// A sink whose console writes fail after `budget` bytes (a full disk).
struct FullDisk {
    budget: usize,
}

struct Limited {
    left: usize,
    inner: Box<dyn Write>,
}

impl Write for Limited {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if buf.len() > self.left {
            return Err(io::Error::other("No space left on device"));
        }
        self.left -= buf.len();
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Sink for FullDisk {
    fn create(&mut self, path: &Path) -> io::Result<Box<dyn Write>> {
        let inner = FsSink.create(path)?;
        Ok(Box::new(Limited {
            left: self.budget,
            inner,
        }))
    }
    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        FsSink.replace(path, bytes)
    }
}

#[test]
fn a_failed_console_write_is_an_error_and_no_crash() {
    let vm0 = format!(
        "[    1.0] kasan-rs-fuzz: started seed=1000 engine=trinity\n{}",
        kasan_report("kasan_rs_canary_uaf")
    );
    let f = fake("full", &[&vm0]);
    let c = config(&f, 5);
    let err = campaign::run(&c, &mut FullDisk { budget: 300 }, &mut NoProgress).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("vm-000.log") && text.contains("No space left"),
        "{text}"
    );
    // No JSON was written with a crash in it.
    assert!(!c.out.join("crashes.json").exists());
}

/// A sink whose JSON writes fail.
struct NoJson;

impl Sink for NoJson {
    fn create(&mut self, path: &Path) -> io::Result<Box<dyn Write>> {
        FsSink.create(path)
    }
    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if path.ends_with("crashes.json") {
            return Err(io::Error::other("No space left on device"));
        }
        FsSink.replace(path, bytes)
    }
}

#[test]
fn a_failed_json_write_is_an_error_naming_the_file() {
    let vm0 =
        "[    1.0] kasan-rs-fuzz: started seed=1000 engine=trinity\n[    1.5] reboot: Power down\n";
    let f = fake("nojson", &[vm0]);
    let c = config(&f, 3);
    let err = campaign::run(&c, &mut NoJson, &mut NoProgress).unwrap_err();
    assert!(err.to_string().contains("crashes.json"), "{err}");
}

#[test]
fn sigint_stops_the_vm_and_writes_the_json() {
    // The fake VM records its pid, then sleeps in QEMU's process group.
    let f = fake("sigint", &[]);
    let script = fs::read_to_string(&f.qemu).unwrap().replace(
        "  exec sleep 1000\nfi",
        "  echo $$ > \"$dir/vm.pid\"\n  exec sleep 1000\nfi",
    );
    fs::write(&f.qemu, script).unwrap();
    let out_dir = f.dir.join("out");
    let child = kasan_rs()
        .args(["fuzz", "--kernel"])
        .arg(f.dir.join("Image"))
        .arg("--drive")
        .arg(f.dir.join("disk.img"))
        .args(["--variant", "rust", "--out"])
        .arg(&out_dir)
        .args(["--duration", "1h", "--seed", "1", "--qemu"])
        .arg(&f.qemu)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid_file = f.dir.join("vm.pid");
    let began = Instant::now();
    while !pid_file.exists() && began.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let vm_pid = fs::read_to_string(&pid_file).unwrap().trim().to_string();
    std::thread::sleep(Duration::from_millis(300));
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("(interrupted)"));
    let j: Campaign =
        serde_json::from_str(&fs::read_to_string(out_dir.join("crashes.json")).unwrap()).unwrap();
    assert!(j.interrupted && j.finished);
    assert_eq!(j.vms[0].outcome, "stopped");
    // The VM's process is gone.
    let stat = fs::read_to_string(format!("/proc/{vm_pid}/stat")).unwrap_or_default();
    assert!(stat.is_empty() || stat.contains(") Z "), "{stat}");
}

fn kasan_rs() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kasan-rs"))
}

#[test]
fn cli_errors_are_one_line_and_exit_2() {
    let f = fake("cli", &[]);
    for (args, want) in [
        (
            vec!["--duration", "30x", "--seed", "1"],
            "invalid duration '30x'",
        ),
        (vec!["--duration", "30m", "--seed", "-1"], "'-1'"),
        (vec!["--duration", "30m", "--seed", "99999999999"], "--seed"),
        (
            vec!["--duration", "30m", "--seed", "1", "--hang-timeout", "soon"],
            "--hang-timeout",
        ),
    ] {
        let out = kasan_rs()
            .args([
                "fuzz",
                "--kernel",
                "Image",
                "--drive",
                "disk.img",
                "--variant",
                "rust",
                "--out",
            ])
            .arg(f.dir.join("out"))
            .args(&args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let out = kasan_rs()
        .args(["fuzz", "--kernel", "/nonexistent/Image", "--drive"])
        .arg(f.dir.join("disk.img"))
        .args(["--variant", "c", "--out"])
        .arg(f.dir.join("out"))
        .args(["--duration", "5s", "--seed", "1"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("kernel /nonexistent/Image does not exist"),
        "{err}"
    );
}

#[test]
fn cli_refuses_an_uncontained_qemu_arg() {
    let f = fake("cli-contain", &[]);
    let out = kasan_rs()
        .args(["fuzz", "--kernel"])
        .arg(f.dir.join("Image"))
        .arg("--drive")
        .arg(f.dir.join("disk.img"))
        .args(["--variant", "rust", "--out"])
        .arg(f.dir.join("out"))
        .args(["--duration", "5s", "--seed", "1", "--qemu"])
        .arg(&f.qemu)
        .args([
            "--qemu-arg",
            "-netdev",
            "--qemu-arg",
            "user,id=n0,hostfwd=tcp::2222-:22",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("VM not contained") && err.contains("restrict=on"),
        "{err}"
    );
    assert!(!f.dir.join("out/vm-000.log").exists());
}

#[test]
fn cli_runs_compares_and_checks_a_campaign() {
    let vm0 = format!("[    1.0] kasan-rs-fuzz: started seed=1000 engine=trinity\n{WARNING}");
    let f = fake("cli-run", &[&vm0]);
    let out_rust = f.dir.join("rust");
    // A previous campaign's records are replaced, other files kept.
    fs::create_dir_all(&out_rust).unwrap();
    fs::write(out_rust.join("vm-042.cmd"), "qemu\n-netdev\ntap\n").unwrap();
    fs::write(out_rust.join("notes.txt"), "mine").unwrap();
    let out = kasan_rs()
        .args(["fuzz", "--kernel"])
        .arg(f.dir.join("Image"))
        .arg("--drive")
        .arg(f.dir.join("disk.img"))
        .args(["--variant", "rust", "--out"])
        .arg(&out_rust)
        .args([
            "--duration",
            "3s",
            "--seed",
            "1",
            "--crash-grace",
            "1",
            "--qemu",
        ])
        .arg(&f.qemu)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("WARNING in foo_frobnicate"), "{stdout}");
    assert!(stdout.contains("VMs booted"), "{stdout}");
    assert!(!out_rust.join("vm-042.cmd").exists());
    assert!(out_rust.join("notes.txt").exists());
    // fuzz-contained: every recorded boot had -nic none.
    let out = kasan_rs()
        .arg("fuzz-contained")
        .arg(&out_rust)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    fs::write(out_rust.join("vm-999.cmd"), "qemu\n-netdev\ntap,id=t\n").unwrap();
    let out = kasan_rs()
        .arg("fuzz-contained")
        .arg(&out_rust)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("vm-999.cmd"));
    // fuzz-compare: an empty c campaign against this one.
    let mut c: Campaign =
        serde_json::from_str(&fs::read_to_string(out_rust.join("crashes.json")).unwrap()).unwrap();
    let rust_json = out_rust.join("crashes.json");
    c.variant = "c".to_string();
    c.crashes.clear();
    let c_json = f.dir.join("c.json");
    fs::write(&c_json, serde_json::to_string(&c).unwrap()).unwrap();
    let out = kasan_rs()
        .arg("fuzz-compare")
        .arg(&c_json)
        .arg(&rust_json)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("only rust: WARNING in foo_frobnicate"),
        "{text}"
    );
    let out = kasan_rs()
        .arg("fuzz-compare")
        .arg(&rust_json)
        .arg(&c_json)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = kasan_rs()
        .arg("fuzz-compare")
        .arg(&c_json)
        .arg(f.dir.join("Image"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn syz_config_prints_a_manager_config() {
    let out = kasan_rs()
        .args([
            "syz-config",
            "--kernel",
            "Image",
            "--image",
            "disk.img",
            "--sshkey",
            "key",
            "--workdir",
            "w",
            "--procs",
            "4",
            "--vms",
            "2",
            "--mem",
            "4G",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["target"], "linux/arm64");
    assert_eq!(v["vm"]["mem"], 4096);
    assert_eq!(v["vm"]["qemu_args"], "-machine virt,mte=on -cpu max");
}
