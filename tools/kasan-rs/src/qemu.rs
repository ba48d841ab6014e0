//! Booting a kernel image under `qemu-system-aarch64 -M virt,mte=on`: the
//! environment checks, the command line, and the supervised run that tees
//! the console to a log, feeds the log parser live, and kills QEMU (and
//! anything it started) on timeout, after a panic, or when it does not power
//! off after KTAP has finished.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, LineWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::log::{LogParser, ParsedLog};
use crate::verdict::RunEnd;

/// Kernel arguments always passed before the caller's `--append`.
pub const BASE_APPEND: &str = "console=ttyAMA0 panic=-1 kunit_shutdown=poweroff";

/// Kernel arguments passed before `--append` when an initramfs is booted:
/// KUnit must not power the machine off before `/init` has run (the
/// initramfs' `/init` powers off itself).
pub const BASE_APPEND_INITRD: &str = "console=ttyAMA0 panic=-1";

/// Oldest QEMU major version that emulates MTE correctly.
pub const MIN_QEMU_MAJOR: u32 = 8;

/// Everything a run needs.
#[derive(Clone, Debug)]
pub struct RunConfig {
    /// QEMU binary (a name looked up in `PATH`, or a path).
    pub qemu: String,
    /// Kernel image passed with `-kernel`.
    pub image: PathBuf,
    /// Initramfs passed with `-initrd`.
    pub initrd: Option<PathBuf>,
    /// Extra kernel arguments, appended after [`BASE_APPEND`].
    pub append: String,
    /// `-smp`.
    pub smp: u32,
    /// `-m`.
    pub mem: String,
    /// Hard limit for the whole run.
    pub timeout: Duration,
    /// File the console is written to, line by line.
    pub log: Option<PathBuf>,
    /// Echo console lines to stdout.
    pub echo: bool,
    /// How long to let the kernel go on after a panic line.
    pub panic_grace: Duration,
    /// How long to wait for QEMU to exit after the last KTAP result.
    pub poweroff_grace: Duration,
    /// Deterministic run: `-seed N -icount shift=0,sleep=off` (see [`deterministic_args`]).
    pub seed: Option<u64>,
    /// Further QEMU arguments, passed before `-kernel` (`--qemu-arg`).
    pub extra_args: Vec<String>,
    /// A raw disk image, attached read-only in effect:
    /// `-drive file=PATH,if=virtio,format=raw,snapshot=on` (writes go to a
    /// temporary overlay, so the image never changes).
    pub drive: Option<PathBuf>,
    /// `-nic none`: no network device at all.
    pub no_network: bool,
    /// Replaces [`BASE_APPEND`] (and [`BASE_APPEND_INITRD`]) as the start of `-append`.
    pub base_append: Option<String>,
}

/// QEMU arguments that make a run reproducible: `-seed` fixes
/// `qemu_guest_getrandom`, where IRG (with the kernel's GCR_EL1.RRND=1) and
/// RNDR draw their randomness, and `-icount shift=0,sleep=off` runs the vCPUs
/// in one thread on an instruction-count clock that never follows host time
/// (with `sleep=on`, the default, idle periods advance it by real time).
/// Measured: two boots of the kasan suite with the same seed print
/// byte-identical consoles, timestamps included; without `-seed` the tags differ.
pub fn deterministic_args(seed: u64) -> Vec<String> {
    ["-seed".to_string(), seed.to_string()]
        .into_iter()
        .chain(["-icount".to_string(), "shift=0,sleep=off".to_string()])
        .collect()
}

impl RunConfig {
    /// A configuration with the documented defaults for `image`.
    pub fn new(image: impl Into<PathBuf>) -> Self {
        RunConfig {
            qemu: "qemu-system-aarch64".to_string(),
            image: image.into(),
            initrd: None,
            append: String::new(),
            smp: 2,
            mem: "1G".to_string(),
            timeout: Duration::from_secs(300),
            log: None,
            echo: true,
            panic_grace: Duration::from_secs(2),
            poweroff_grace: Duration::from_secs(20),
            seed: None,
            extra_args: Vec::new(),
            drive: None,
            no_network: false,
            base_append: None,
        }
    }

    /// The full `-append` string.
    pub fn kernel_args(&self) -> String {
        let base = if let Some(base) = &self.base_append {
            base.as_str()
        } else if self.initrd.is_some() {
            BASE_APPEND_INITRD
        } else {
            BASE_APPEND
        };
        let extra = self.append.trim();
        if extra.is_empty() {
            base.to_string()
        } else {
            format!("{base} {extra}")
        }
    }

    /// QEMU's arguments (without the binary).
    pub fn qemu_args(&self) -> Vec<String> {
        let mut args: Vec<String> = [
            "-M",
            "virt,mte=on",
            "-cpu",
            "max",
            "-smp",
            &self.smp.to_string(),
            "-m",
            &self.mem,
            "-nographic",
            "-no-reboot",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        if self.no_network {
            args.extend(["-nic".to_string(), "none".to_string()]);
        }
        if let Some(seed) = self.seed {
            args.extend(deterministic_args(seed));
        }
        args.extend(self.extra_args.iter().cloned());
        args.push("-kernel".to_string());
        args.push(self.image.display().to_string());
        if let Some(drive) = &self.drive {
            // QEMU's option syntax: a comma inside a value is doubled.
            let file = drive.display().to_string().replace(',', ",,");
            args.push("-drive".to_string());
            args.push(format!("file={file},if=virtio,format=raw,snapshot=on"));
        }
        if let Some(initrd) = &self.initrd {
            args.push("-initrd".to_string());
            args.push(initrd.display().to_string());
        }
        args.push("-append".to_string());
        args.push(self.kernel_args());
        args
    }
}

/// Why a run could not start (all map to exit code 2).
#[derive(Debug)]
pub enum RunError {
    /// The kernel image does not exist.
    ImageMissing(PathBuf),
    /// The initramfs does not exist.
    InitrdMissing(PathBuf),
    /// The QEMU binary could not be run.
    QemuUnavailable(String, io::Error),
    /// `--version` printed nothing that looks like a version.
    QemuVersionUnknown(String, String),
    /// QEMU is older than 8.0.
    QemuTooOld(String, QemuVersion),
    /// The log file could not be created.
    LogFile(PathBuf, io::Error),
    /// Spawning QEMU for the run failed.
    Spawn(String, io::Error),
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::ImageMissing(path) => {
                write!(f, "kernel image {} does not exist", path.display())
            }
            RunError::InitrdMissing(path) => {
                write!(f, "initramfs {} does not exist", path.display())
            }
            RunError::QemuUnavailable(bin, err) => write!(
                f,
                "cannot run {bin}: {err}; install qemu-system-arm from bookworm-backports (testing/bootstrap.sh)"
            ),
            RunError::QemuVersionUnknown(bin, out) => write!(
                f,
                "cannot tell the version of {bin}: `{bin} --version` printed {:?}",
                out.lines().next().unwrap_or("")
            ),
            RunError::QemuTooOld(bin, version) => write!(
                f,
                "{} {version} is too old: MTE is mis-emulated before 8.0; install qemu-system-arm from bookworm-backports (testing/bootstrap.sh)",
                program_name(bin)
            ),
            RunError::LogFile(path, err) => {
                write!(f, "cannot create log file {}: {err}", path.display())
            }
            RunError::Spawn(bin, err) => write!(f, "cannot start {bin}: {err}"),
        }
    }
}

impl std::error::Error for RunError {}

fn program_name(bin: &str) -> &str {
    Path::new(bin)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(bin)
}

/// A QEMU version, as printed by `--version`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct QemuVersion {
    /// Major version.
    pub major: u32,
    /// Minor version.
    pub minor: u32,
}

impl fmt::Display for QemuVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Finds `version X.Y` in `--version` output
/// (`QEMU emulator version 10.0.2 (Debian ...)`).
pub fn parse_qemu_version(output: &str) -> Option<QemuVersion> {
    let at = output.find("version ")?;
    let rest = &output[at + "version ".len()..];
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let mut parts = number.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next().and_then(|m| m.parse().ok()).unwrap_or(0);
    Some(QemuVersion { major, minor })
}

/// `ETXTBSY`: the executable is open for writing somewhere.
const ETXTBSY: i32 = 26;

/// Runs `start` (a spawn), again for up to a second while it fails with
/// `ETXTBSY`: an executable that was just written (a QEMU wrapper script)
/// stays open for writing in any child another thread forked meanwhile,
/// until that child execs, and exec refuses it for that moment.
fn retry_busy<T>(mut start: impl FnMut() -> io::Result<T>) -> io::Result<T> {
    let mut tries = 0;
    loop {
        match start() {
            Err(e) if e.raw_os_error() == Some(ETXTBSY) && tries < 20 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
            result => return result,
        }
    }
}

/// Runs `BIN --version` and checks it reports at least 8.0.
pub fn check_qemu(bin: &str) -> Result<QemuVersion, RunError> {
    let output = retry_busy(|| {
        Command::new(bin)
            .arg("--version")
            .stdin(Stdio::null())
            .output()
    })
    .map_err(|e| RunError::QemuUnavailable(bin.to_string(), e))?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let version = parse_qemu_version(&text)
        .ok_or_else(|| RunError::QemuVersionUnknown(bin.to_string(), text.clone()))?;
    if version.major < MIN_QEMU_MAJOR {
        return Err(RunError::QemuTooOld(bin.to_string(), version));
    }
    Ok(version)
}

/// What a finished run produced.
#[derive(Debug)]
pub struct RunOutcome {
    /// The parsed console.
    pub log: ParsedLog,
    /// How QEMU ended.
    pub end: RunEnd,
    /// QEMU's exit status, if it exited (or was reaped after the kill).
    pub status: Option<ExitStatus>,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// A console line from QEMU, or the end of one of its output streams.
pub enum Output {
    /// One line, without its ending.
    Line(String),
    /// A stream (stdout or stderr) was closed.
    Closed,
}

/// A QEMU started by [`spawn_group`].
pub struct Spawned {
    /// The process (leader of its own process group on Unix).
    pub child: Child,
    /// Its stdout and stderr, line by line (two [`Output::Closed`] at the end).
    pub output: Receiver<Output>,
}

/// Starts `bin args` in a process group of its own, stdin closed, stdout
/// and stderr read line by line on two threads; [`kill_group`] ends it and
/// everything it started.
pub fn spawn_group(bin: &str, args: &[String]) -> Result<Spawned, RunError> {
    let mut command = Command::new(bin);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
    }
    let mut child =
        retry_busy(|| command.spawn()).map_err(|e| RunError::Spawn(bin.to_string(), e))?;
    let (sender, receiver) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    spawn_reader(stdout, sender.clone());
    spawn_reader(stderr, sender);
    Ok(Spawned {
        child,
        output: receiver,
    })
}

/// Kills the process group [`spawn_group`] made, whatever else is below
/// `child`, and reaps `child`; returns its status when it could be reaped.
pub fn kill_group(child: &mut Child) -> Option<ExitStatus> {
    let descendants = descendants_of(child.id());
    if let Ok(pgid) = i32::try_from(child.id()) {
        send_kill_group(pgid);
    }
    let _ = child.kill();
    for pid in descendants {
        send_kill(pid);
    }
    child.wait().ok()
}

/// Checks the environment, boots the image and supervises QEMU until it
/// exits or is stopped; returns the parsed console.
pub fn run(config: &RunConfig) -> Result<RunOutcome, RunError> {
    if !config.image.is_file() {
        return Err(RunError::ImageMissing(config.image.clone()));
    }
    if let Some(initrd) = config.initrd.as_ref().filter(|p| !p.is_file()) {
        return Err(RunError::InitrdMissing(initrd.clone()));
    }
    check_qemu(&config.qemu)?;
    let mut log_file = match &config.log {
        Some(path) => Some(open_log(path)?),
        None => None,
    };

    let args = config.qemu_args();
    let command_line = format!("{} {}", config.qemu, shell_words(&args));
    if let Some(file) = log_file.as_mut() {
        let _ = writeln!(file, "kasan-rs: $ {command_line}");
    }
    let start = Instant::now();
    let mut child = retry_busy(|| {
        Command::new(&config.qemu)
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    })
    .map_err(|e| RunError::Spawn(config.qemu.clone(), e))?;

    let (sender, receiver) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped stdout");
    let stderr = child.stderr.take().expect("piped stderr");
    spawn_reader(stdout, sender.clone());
    spawn_reader(stderr, sender);

    let mut supervisor = Supervisor {
        config,
        parser: LogParser::new(),
        log_file,
        stdout: io::stdout(),
    };
    let (end, status) = supervisor.supervise(&mut child, &receiver, start);
    let elapsed = start.elapsed();
    if let Some(file) = supervisor.log_file.as_mut() {
        let how = match end {
            RunEnd::Exited => "QEMU exited".to_string(),
            RunEnd::TimedOut => format!(
                "timeout after {} s; killed QEMU",
                config.timeout.as_secs_f64()
            ),
            RunEnd::StoppedAfterPanic => "kernel panicked; killed QEMU".to_string(),
            RunEnd::StoppedAfterKtap => {
                "KTAP finished but QEMU did not power off; killed QEMU".to_string()
            }
        };
        let _ = writeln!(file, "kasan-rs: {how} after {:.1} s", elapsed.as_secs_f64());
        let _ = file.flush();
    }
    Ok(RunOutcome {
        log: supervisor.parser.finish(),
        end,
        status,
        elapsed,
    })
}

fn open_log(path: &Path) -> Result<LineWriter<File>, RunError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| RunError::LogFile(path.to_path_buf(), e))?;
    }
    File::create(path)
        .map(LineWriter::new)
        .map_err(|e| RunError::LogFile(path.to_path_buf(), e))
}

/// Quotes arguments for display only.
pub fn shell_words(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || c == '"' || c == '\'') {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn spawn_reader(stream: impl Read + Send + 'static, sender: Sender<Output>) {
    thread::spawn(move || {
        let mut reader = BufReader::new(stream);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match reader.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    let line = String::from_utf8_lossy(&buf);
                    let line = line.trim_end_matches(['\n', '\r']).to_string();
                    if sender.send(Output::Line(line)).is_err() {
                        return;
                    }
                }
            }
        }
        let _ = sender.send(Output::Closed);
    });
}

/// The live side of a run: tees lines and decides when to stop.
struct Supervisor<'a> {
    config: &'a RunConfig,
    parser: LogParser,
    log_file: Option<LineWriter<File>>,
    stdout: io::Stdout,
}

/// Poll interval for QEMU's exit while no output arrives.
const POLL: Duration = Duration::from_millis(100);
/// How long to keep reading after QEMU exited (a child may hold the pipes).
const DRAIN: Duration = Duration::from_secs(1);

impl Supervisor<'_> {
    fn take_line(&mut self, line: &str) {
        if let Some(file) = self.log_file.as_mut() {
            let _ = writeln!(file, "{line}");
        }
        if self.config.echo {
            let _ = writeln!(self.stdout.lock(), "{line}");
        }
        self.parser.feed(line);
    }

    fn supervise(
        &mut self,
        child: &mut Child,
        receiver: &Receiver<Output>,
        start: Instant,
    ) -> (RunEnd, Option<ExitStatus>) {
        let deadline = start + self.config.timeout;
        let mut early_stop: Option<(Instant, RunEnd)> = None;
        let mut open_streams = 2;
        let mut exited: Option<(Instant, ExitStatus)> = None;
        let end = loop {
            let now = Instant::now();
            let (limit, why) = match early_stop {
                Some((at, why)) if at < deadline => (at, why),
                _ => (deadline, RunEnd::TimedOut),
            };
            if exited.is_none() && now >= limit {
                break why;
            }
            if let Some((at, _)) = exited {
                if open_streams == 0 || now >= at + DRAIN {
                    break RunEnd::Exited;
                }
            }
            let wait = limit.saturating_duration_since(now).min(POLL);
            match receiver.recv_timeout(wait) {
                Ok(Output::Line(line)) => {
                    self.take_line(&line);
                    if early_stop.is_none() {
                        if self.parser.panic_seen() {
                            early_stop = Some((
                                Instant::now() + self.config.panic_grace,
                                RunEnd::StoppedAfterPanic,
                            ));
                        } else if self.parser.ktap_complete() {
                            early_stop = Some((
                                Instant::now() + self.config.poweroff_grace,
                                RunEnd::StoppedAfterKtap,
                            ));
                        }
                    } else if matches!(early_stop, Some((_, RunEnd::StoppedAfterKtap)))
                        && self.parser.panic_seen()
                    {
                        early_stop = Some((
                            Instant::now() + self.config.panic_grace,
                            RunEnd::StoppedAfterPanic,
                        ));
                    } else if matches!(early_stop, Some((_, RunEnd::StoppedAfterKtap)))
                        && !self.parser.ktap_complete()
                    {
                        // A module loaded from the initramfs began a KTAP document of its
                        // own (`KTAP version 1`, `1..N`): wait for it as for the first.
                        early_stop = None;
                    }
                }
                Ok(Output::Closed) => open_streams -= 1,
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => open_streams = 0,
            }
            if exited.is_none() {
                if let Ok(Some(status)) = child.try_wait() {
                    exited = Some((Instant::now(), status));
                }
            }
        };

        // Whatever happened, nothing QEMU started may outlive the run.
        let status = match exited {
            Some((_, status)) => {
                kill_descendants(child.id());
                Some(status)
            }
            None => {
                kill_tree(child);
                child.wait().ok()
            }
        };
        self.drain(receiver);
        (end, status)
    }

    /// Reads what is still buffered after QEMU is gone.
    fn drain(&mut self, receiver: &Receiver<Output>) {
        let until = Instant::now() + DRAIN;
        let mut open_streams = 2;
        while open_streams > 0 {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match receiver.recv_timeout(left) {
                Ok(Output::Line(line)) => self.take_line(&line),
                Ok(Output::Closed) => open_streams -= 1,
                Err(_) => break,
            }
        }
    }
}

/// Kills `child` and every process below it.
fn kill_tree(child: &mut Child) {
    let descendants = descendants_of(child.id());
    let _ = child.kill();
    for pid in descendants {
        send_kill(pid);
    }
}

/// Kills every process below `pid` (which itself already exited).
fn kill_descendants(pid: u32) {
    for pid in descendants_of(pid) {
        send_kill(pid);
    }
}

/// All processes below `root`, found through `/proc/*/stat` (Linux).
fn descendants_of(root: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry.file_name().to_str().and_then(|n| n.parse().ok()) else {
                continue;
            };
            if let Some(ppid) = parent_pid(pid) {
                parents.push((pid, ppid));
            }
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        for (pid, ppid) in &parents {
            if *ppid == parent && !found.contains(pid) {
                found.push(*pid);
            }
        }
        i += 1;
    }
    found.remove(0);
    found
}

/// The parent pid from `/proc/PID/stat` (the field after `(comm) state`).
fn parent_pid(pid: u32) -> Option<u32> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_comm = &stat[stat.rfind(')')? + 1..];
    after_comm.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(unix)]
fn send_kill(pid: u32) {
    extern "C" {
        fn kill(pid: i32, sig: i32) -> i32;
    }
    const SIGKILL: i32 = 9;
    if let Ok(pid) = i32::try_from(pid) {
        // SAFETY: kill(2) takes plain integers and touches no memory of ours.
        unsafe {
            kill(pid, SIGKILL);
        }
    }
}

#[cfg(not(unix))]
fn send_kill(_pid: u32) {}

/// SIGKILL to the process group `pgid` (`kill(-pgid, SIGKILL)`).
#[cfg(unix)]
fn send_kill_group(pgid: i32) {
    extern "C" {
        fn kill(pid: i32, sig: i32) -> i32;
    }
    const SIGKILL: i32 = 9;
    if pgid > 1 {
        // SAFETY: kill(2) takes plain integers and touches no memory of ours.
        unsafe {
            kill(-pgid, SIGKILL);
        }
    }
}

#[cfg(not(unix))]
fn send_kill_group(_pgid: i32) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_versions() {
        let v = |s| parse_qemu_version(s);
        assert_eq!(
            v("QEMU emulator version 10.0.2 (Debian 1:10.0.2+ds-2+deb13u1~bpo12+1)\nCopyright"),
            Some(QemuVersion {
                major: 10,
                minor: 0
            })
        );
        assert_eq!(
            v("QEMU emulator version 7.2.0 (Debian 1:7.2+dfsg-7+deb12u6)"),
            Some(QemuVersion { major: 7, minor: 2 })
        );
        assert_eq!(
            v("QEMU emulator version 8"),
            Some(QemuVersion { major: 8, minor: 0 })
        );
        assert_eq!(v("something else"), None);
    }

    #[test]
    fn builds_the_command_line() {
        let mut config = RunConfig::new("/tmp/Image");
        config.append = " kunit.filter_glob=kasan ".to_string();
        let args = config.qemu_args();
        assert_eq!(
            args,
            [
                "-M",
                "virt,mte=on",
                "-cpu",
                "max",
                "-smp",
                "2",
                "-m",
                "1G",
                "-nographic",
                "-no-reboot",
                "-kernel",
                "/tmp/Image",
                "-append",
                "console=ttyAMA0 panic=-1 kunit_shutdown=poweroff kunit.filter_glob=kasan",
            ]
        );
        config.append.clear();
        assert_eq!(config.kernel_args(), BASE_APPEND);
    }

    #[test]
    fn seed_and_extra_args_go_before_the_kernel() {
        let mut config = RunConfig::new("/tmp/Image");
        config.seed = Some(7);
        config.extra_args = vec!["-d".to_string(), "guest_errors".to_string()];
        let args = config.qemu_args();
        let at = args.iter().position(|a| a == "-seed").expect("-seed");
        assert_eq!(
            args[at..at + 7],
            [
                "-seed",
                "7",
                "-icount",
                "shift=0,sleep=off",
                "-d",
                "guest_errors",
                "-kernel"
            ]
        );
    }

    #[test]
    fn initrd_boots_without_kunit_shutdown() {
        let mut config = RunConfig::new("/tmp/Image");
        config.initrd = Some(PathBuf::from("/tmp/initramfs.cpio"));
        config.append = "rdinit=/init kunit.enable=0".to_string();
        let args = config.qemu_args();
        let at = args.iter().position(|a| a == "-initrd").expect("-initrd");
        assert_eq!(args[at + 1], "/tmp/initramfs.cpio");
        assert_eq!(
            args.last().unwrap(),
            "console=ttyAMA0 panic=-1 rdinit=/init kunit.enable=0"
        );
        assert!(!config.kernel_args().contains("kunit_shutdown"));
    }

    #[test]
    fn too_old_message() {
        let err = RunError::QemuTooOld(
            "/usr/bin/qemu-system-aarch64".to_string(),
            QemuVersion { major: 7, minor: 2 },
        );
        assert_eq!(
            err.to_string(),
            "qemu-system-aarch64 7.2 is too old: MTE is mis-emulated before 8.0; install qemu-system-arm from bookworm-backports (testing/bootstrap.sh)"
        );
    }
}
