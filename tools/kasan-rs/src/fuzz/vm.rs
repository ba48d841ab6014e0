//! One fuzz VM: boot it (through [`crate::qemu::spawn_group`]), tee its
//! console to its log, follow the guest protocol, notice the first crash
//! line, let the kernel finish printing for a grace period (or until QEMU
//! exits by itself, as it does with `panic=-1 -no-reboot`), then kill the
//! VM's process group and say how it ended.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

use super::protocol::{self, CrashKind, GuestEvent};
use super::sink::{Sink, WriteFailure};
use crate::qemu::{self, Output};
use crate::report::syzkaller::{linux_oops, SyzkallerTitle};
use crate::report::{Report, ReportParser};

/// At most this many console lines from the first crash line on are kept
/// for its title.
const CRASH_LINES: usize = 20_000;
/// Poll interval while nothing arrives.
const POLL: Duration = Duration::from_millis(50);
/// How long to read on after QEMU exited (a child may hold the pipes).
const DRAIN: Duration = Duration::from_secs(1);
/// How long a guest may go on printing after `setup-failed` (at most the
/// crash grace).
const SETUP_GRACE: Duration = Duration::from_secs(2);
/// How often the progress callback is called while a VM runs.
const TICK: Duration = Duration::from_secs(1);

/// The limits of one VM.
#[derive(Clone, Debug)]
pub struct VmLimits {
    /// No `progress` line for this long after `started`: a hang.
    pub hang_timeout: Duration,
    /// No `started` line for this long after the boot: a boot failure.
    pub boot_timeout: Duration,
    /// How long the kernel may go on printing after the first crash line.
    pub crash_grace: Duration,
    /// When the campaign ends (the VM is stopped then, unless it is
    /// printing a crash).
    pub deadline: Instant,
}

/// How a VM ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A crash line was printed.
    Crash,
    /// No progress for the hang timeout.
    Hang,
    /// It ended by itself after `started`, with no crash line.
    Lost,
    /// The guest printed `setup-failed`.
    SetupFailed(String),
    /// No `started` before it ended or the boot timeout passed.
    BootFailed,
    /// The campaign ended while it ran.
    Stopped,
}

impl Outcome {
    /// The name in the JSON.
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Crash => "crash",
            Outcome::Hang => "hang",
            Outcome::Lost => "lost",
            Outcome::SetupFailed(_) => "setup-failed",
            Outcome::BootFailed => "boot-failed",
            Outcome::Stopped => "stopped",
        }
    }
}

/// A KASAN report seen in the console, and when it ended.
#[derive(Clone, Debug)]
pub struct SeenReport {
    /// The report.
    pub report: Report,
    /// When its last line was read.
    pub at: Instant,
}

/// Syscalls against guest time (the printk clock): the steady-state rate of
/// a VM, without its boot, and under `--icount` (one guest nanosecond per
/// instruction) its guest instructions per syscall. Trinity's counter moves
/// in steps (it prints `N iterations` about every 10 000 syscalls) and the
/// guest's init prints a progress line the moment it moves, besides one every
/// 10 s: the span runs from the first line whose count grew to the last one,
/// whose timestamps are when the counts were exact. The ticks in between
/// only repeat a count and would add up to a tick's worth of error at each end.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GuestRate {
    seen: Option<u64>,
    first: Option<(f64, u64)>,
    last: Option<(f64, u64)>,
}

impl GuestRate {
    /// A progress line printed at guest time `at` with cumulative `syscalls`.
    pub fn progress(&mut self, at: f64, syscalls: u64) {
        let grew = self.seen.is_some_and(|n| syscalls > n);
        self.seen = Some(syscalls);
        if grew {
            self.first.get_or_insert((at, syscalls));
            self.last = Some((at, syscalls));
        }
    }

    /// Guest seconds and syscalls between the first and last lines whose
    /// count grew.
    pub fn span(&self) -> (f64, u64) {
        match (self.first, self.last) {
            (Some((t0, n0)), Some((t1, n1))) if t1 > t0 && n1 >= n0 => (t1 - t0, n1 - n0),
            _ => (0.0, 0),
        }
    }
}

/// What one VM did.
#[derive(Debug)]
pub struct VmResult {
    /// When it was started.
    pub start: Instant,
    /// When it was reaped.
    pub end: Instant,
    /// The guest printed `started`.
    pub started: bool,
    /// Its last progress count.
    pub syscalls: u64,
    /// Syscalls against guest time, between its first and last progress lines.
    pub guest_rate: GuestRate,
    /// The seed its `started` line reported.
    pub guest_seed: Option<u64>,
    /// Its last non-empty console line (QEMU's complaint, for a VM that
    /// never booted).
    pub last_line: Option<String>,
    /// How it ended.
    pub outcome: Outcome,
    /// The crash: its kind, syzkaller's description and when its first line came.
    pub crash: Option<(CrashKind, SyzkallerTitle, Instant)>,
    /// The KASAN reports of its console.
    pub reports: Vec<SeenReport>,
    /// The planted-bug functions the canary module said it executed
    /// (`kasan_rs_canary: executing <function>`), one entry per line.
    pub executed: Vec<String>,
}

struct Console {
    log: Box<dyn Write>,
    path: PathBuf,
}

impl Console {
    fn line(&mut self, line: &str) -> Result<(), WriteFailure> {
        writeln!(self.log, "{line}").map_err(|source| WriteFailure {
            path: self.path.clone(),
            source,
        })
    }
}

/// State of the console as it is read.
#[derive(Default)]
struct Watch {
    last_line: Option<String>,
    started: bool,
    guest_seed: Option<u64>,
    syscalls: u64,
    guest_rate: GuestRate,
    last_progress: Option<Instant>,
    setup_failed: Option<(String, Instant)>,
    crash: Option<(CrashKind, Instant)>,
    crash_lines: Vec<String>,
    parser: ReportParser,
    reports: Vec<SeenReport>,
    executed: Vec<String>,
    first_kasan: Option<Report>,
}

impl Watch {
    fn take(&mut self, line: &str, now: Instant) {
        if !line.trim().is_empty() {
            self.last_line = Some(line.trim_end().chars().take(300).collect());
        }
        if let Some(report) = self.parser.feed(line) {
            self.report(report, now);
        }
        if let Some(function) = protocol::canary_executed(line) {
            self.executed.push(function.to_string());
            return;
        }
        if let Some(event) = protocol::guest_event(line) {
            match event {
                GuestEvent::Started { seed, .. } => {
                    self.started = true;
                    self.guest_seed = seed;
                    self.last_progress = Some(now);
                }
                GuestEvent::Progress { syscalls } => {
                    self.syscalls = syscalls;
                    if let Some(at) = crate::console::printk_timestamp(line) {
                        self.guest_rate.progress(at, syscalls);
                    }
                    self.last_progress = Some(now);
                }
                GuestEvent::SetupFailed { reason } => {
                    if self.setup_failed.is_none() {
                        self.setup_failed = Some((reason, now));
                    }
                }
                GuestEvent::CanaryArmed { .. } | GuestEvent::Other => {}
            }
            return;
        }
        if self.crash.is_none() {
            if let Some(kind) = protocol::crash_start(line) {
                self.crash = Some((kind, now));
            }
        }
        if self.crash.is_some() && self.crash_lines.len() < CRASH_LINES {
            self.crash_lines.push(line.to_string());
        }
    }

    fn report(&mut self, report: Report, now: Instant) {
        if self.first_kasan.is_none() {
            self.first_kasan = Some(report.clone());
        }
        self.reports.push(SeenReport { report, at: now });
    }
}

/// Boots `argv` (the binary first) and supervises it; the console goes to
/// `log` (created through `sink`). A failed write ends the VM and is
/// returned: its crash, if any, is not counted.
pub fn run_vm(
    argv: &[String],
    log: &Path,
    sink: &mut dyn Sink,
    limits: &VmLimits,
    tick: &mut dyn FnMut(u64),
) -> Result<VmResult, VmError> {
    let file = sink.create(log).map_err(|source| {
        VmError::Write(WriteFailure {
            path: log.to_path_buf(),
            source,
        })
    })?;
    let mut console = Console {
        log: file,
        path: log.to_path_buf(),
    };
    let start = Instant::now();
    let mut spawned = qemu::spawn_group(&argv[0], &argv[1..]).map_err(VmError::Spawn)?;
    let mut watch = Watch::default();
    let result = supervise(&mut spawned, &mut console, &mut watch, limits, start, tick);
    // Whatever happened, nothing the VM started may outlive it.
    let _ = qemu::kill_group(&mut spawned.child);
    let end = Instant::now();
    let outcome = result.map_err(VmError::Write)?;
    console.log.flush().map_err(|source| {
        VmError::Write(WriteFailure {
            path: log.to_path_buf(),
            source,
        })
    })?;
    if let Some(report) = watch.parser.finish() {
        watch.report(report, end);
    }
    let crash = match (&outcome, watch.crash) {
        (Outcome::Crash, Some((kind, at))) => Some((kind, describe(&watch, kind), at)),
        (Outcome::Hang, _) => Some((CrashKind::Hang, plain(protocol::NO_OUTPUT), end)),
        (Outcome::Lost, _) => Some((CrashKind::Lost, plain(protocol::LOST), end)),
        _ => None,
    };
    Ok(VmResult {
        start,
        end,
        started: watch.started,
        syscalls: watch.syscalls,
        guest_rate: watch.guest_rate,
        guest_seed: watch.guest_seed,
        last_line: watch.last_line.take(),
        outcome,
        crash: crash.map(|(kind, title, at)| {
            let kind = match kind {
                CrashKind::Hang | CrashKind::Lost => kind,
                _ => CrashKind::of_title(&title.title, &title.crash_type),
            };
            (kind, title, at)
        }),
        reports: watch.reports,
        executed: watch.executed,
    })
}

/// Why a VM could not run.
#[derive(Debug)]
pub enum VmError {
    /// A log could not be written.
    Write(WriteFailure),
    /// QEMU could not be started.
    Spawn(qemu::RunError),
}

fn plain(title: &str) -> SyzkallerTitle {
    SyzkallerTitle {
        title: title.to_string(),
        crash_type: crate::report::syzkaller::crash_type::crash_type(title).to_string(),
        ..SyzkallerTitle::default()
    }
}

/// syzkaller's description of the crash: the first KASAN report's (the
/// report parser's) when the crash line was a KASAN header, else the oops
/// titled from the lines from the crash line on.
fn describe(watch: &Watch, kind: CrashKind) -> SyzkallerTitle {
    if kind == CrashKind::Kasan {
        if let Some(report) = &watch.first_kasan {
            if !report.syzkaller.title.is_empty() {
                return report.syzkaller.clone();
            }
        }
    }
    if let Some(title) = linux_oops::describe_console(watch.crash_lines.iter().map(String::as_str))
    {
        return title;
    }
    // A line we take for a crash that syzkaller has no oops for: its text.
    let first = watch.crash_lines.first().map_or("", String::as_str);
    plain(crate::console::strip_printk_prefix(first).trim())
}

fn supervise(
    spawned: &mut qemu::Spawned,
    console: &mut Console,
    watch: &mut Watch,
    limits: &VmLimits,
    start: Instant,
    tick: &mut dyn FnMut(u64),
) -> Result<Outcome, WriteFailure> {
    let mut open_streams = 2;
    let mut exited: Option<Instant> = None;
    let mut last_tick = start;
    loop {
        let now = Instant::now();
        if now >= last_tick + TICK {
            tick(watch.syscalls);
            last_tick = now;
        }
        // Decide whether to stop now.
        if let Some((_, at)) = watch.crash {
            if now >= at + limits.crash_grace {
                return Ok(Outcome::Crash);
            }
        } else if let Some((reason, at)) = &watch.setup_failed {
            // A moment for the guest's last words.
            if now >= *at + limits.crash_grace.min(SETUP_GRACE) {
                return Ok(Outcome::SetupFailed(reason.clone()));
            }
        } else if now >= limits.deadline || super::signals::stop_requested() {
            return Ok(Outcome::Stopped);
        } else if watch.started {
            let last = watch.last_progress.unwrap_or(start);
            if now >= last + limits.hang_timeout {
                return Ok(Outcome::Hang);
            }
        } else if now >= start + limits.boot_timeout {
            return Ok(Outcome::BootFailed);
        }
        if let Some(at) = exited {
            if open_streams == 0 || now >= at + DRAIN {
                return Ok(if watch.crash.is_some() {
                    Outcome::Crash
                } else if let Some((reason, _)) = &watch.setup_failed {
                    Outcome::SetupFailed(reason.clone())
                } else if watch.started {
                    Outcome::Lost
                } else {
                    Outcome::BootFailed
                });
            }
        }
        match spawned.output.recv_timeout(POLL) {
            Ok(Output::Line(line)) => {
                console.line(&line)?;
                watch.take(&line, Instant::now());
            }
            Ok(Output::Closed) => open_streams -= 1,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => open_streams = 0,
        }
        if exited.is_none() {
            if let Ok(Some(_)) = spawned.child.try_wait() {
                exited = Some(Instant::now());
            }
        }
    }
}

#[cfg(test)]
mod guest_rate_tests {
    use super::GuestRate;

    #[test]
    fn guest_rate_spans_the_count_changes() {
        let mut r = GuestRate::default();
        // Ticks every 10 s that repeat a count, and lines at the moment it moves.
        for (at, n) in [
            (30.0, 0),
            (40.0, 0),
            (43.5, 10_050),
            (50.0, 10_050),
            (60.0, 10_050),
            (61.25, 20_100),
            (70.0, 20_100),
            (79.0, 30_000),
            (80.0, 30_000),
            (90.0, 30_000),
        ] {
            r.progress(at, n);
        }
        assert_eq!(r.span(), (79.0 - 43.5, 30_000 - 10_050));
        // One change only: no span.
        let mut one = GuestRate::default();
        one.progress(10.0, 0);
        one.progress(20.0, 10_000);
        one.progress(30.0, 10_000);
        assert_eq!(one.span(), (0.0, 0));
    }
}
