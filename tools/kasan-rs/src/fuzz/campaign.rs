//! The campaign loop: boot VM 0, 1, 2, ... until the duration is over,
//! each after its argv passed the containment check; group crashes by
//! title; track the canaries; show live progress; keep `crashes.json`
//! current after every VM.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::contain;
use super::duration::hms;
use super::record::{self, Campaign, Canary, Crash, Vm};
use super::signals;
use super::sink::{Sink, WriteFailure};
use super::vm::{self, Outcome, VmLimits, VmResult};
use super::{vm_seed, FuzzConfig};

/// A VM that ends sooner than this after its start counts as an early
/// death: the next boot waits (1 s, doubling up to [`MAX_BACKOFF`]).
pub const EARLY: Duration = Duration::from_secs(10);
/// The longest wait between early deaths.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Why a campaign stopped before its end.
#[derive(Debug)]
pub enum FuzzError {
    /// A file could not be written.
    Write(WriteFailure),
    /// A boot was refused by the containment check.
    Uncontained(contain::Uncontained),
    /// QEMU could not be run.
    Qemu(crate::qemu::RunError),
    /// The configuration is unusable (missing kernel, ...).
    Config(String),
}

impl std::fmt::Display for FuzzError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FuzzError::Write(e) => write!(f, "{e}"),
            FuzzError::Uncontained(e) => write!(f, "{e}; refusing to boot"),
            FuzzError::Qemu(e) => write!(f, "{e}"),
            FuzzError::Config(e) => f.write_str(e),
        }
    }
}

/// Where live progress goes.
pub trait Progress {
    /// Called about every second with the current line.
    fn update(&mut self, line: &str, force: bool);
    /// The campaign is over.
    fn finish(&mut self);
}

/// stderr: the line redrawn with `\r` on a terminal, else one line every 30 s.
pub struct StderrProgress {
    tty: bool,
    last: Option<Instant>,
    drawn: bool,
}

impl StderrProgress {
    /// Progress on this process' stderr.
    pub fn new() -> Self {
        StderrProgress {
            tty: io::stderr().is_terminal(),
            last: None,
            drawn: false,
        }
    }
}

impl Default for StderrProgress {
    fn default() -> Self {
        Self::new()
    }
}

impl Progress for StderrProgress {
    fn update(&mut self, line: &str, force: bool) {
        let now = Instant::now();
        let mut err = io::stderr().lock();
        if self.tty {
            let _ = write!(err, "\r\x1b[2K{line}");
            let _ = err.flush();
            self.drawn = true;
        } else if force
            || self
                .last
                .map_or(true, |t| now >= t + Duration::from_secs(30))
        {
            let _ = writeln!(err, "{line}");
            self.last = Some(now);
        }
    }

    fn finish(&mut self) {
        if self.tty && self.drawn {
            let _ = writeln!(io::stderr());
        }
    }
}

/// No progress output (tests).
pub struct NoProgress;

impl Progress for NoProgress {
    fn update(&mut self, _line: &str, _force: bool) {}
    fn finish(&mut self) {}
}

/// The state of a running campaign.
struct State {
    start: Instant,
    json: Campaign,
}

impl State {
    /// The mask of the canaries no VM has reported yet (bit `1 << i` for
    /// [`record::CANARIES`]`[i]`, the guest's order).
    fn unreported_canaries(&self) -> u32 {
        self.json
            .canaries
            .iter()
            .enumerate()
            .filter(|(_, c)| c.first_seen_secs.is_none())
            .fold(0, |mask, (i, _)| mask | 1 << i)
    }

    fn secs(&self, at: Instant) -> f64 {
        at.saturating_duration_since(self.start).as_secs_f64()
    }

    fn progress_line(&self, config: &FuzzConfig, now: Instant, current_syscalls: u64) -> String {
        let elapsed = now.saturating_duration_since(self.start);
        format!(
            "kasan-rs fuzz {}: {} / {}, {} VMs, {} syscalls, {} unique crashes",
            config.variant,
            hms(elapsed),
            hms(config.duration),
            self.json.vms_booted,
            self.json.syscalls + current_syscalls,
            self.json.crashes.len()
        )
    }

    fn record(&mut self, index: usize, seed: u64, cmd: &Path, log: &Path, result: &VmResult) {
        let j = &mut self.json;
        j.syscalls += result.syscalls;
        let title = result.crash.as_ref().map(|(_, t, _)| t.title.clone());
        let setup_failed = match &result.outcome {
            Outcome::SetupFailed(reason) => {
                j.setup_failures += 1;
                Some(reason.clone())
            }
            Outcome::BootFailed => {
                j.boot_failures += 1;
                None
            }
            _ => None,
        };
        let start_secs = result
            .start
            .saturating_duration_since(self.start)
            .as_secs_f64();
        let end_secs = result
            .end
            .saturating_duration_since(self.start)
            .as_secs_f64();
        let (guest_secs, guest_syscalls) = result.guest_rate.span();
        j.guest_secs += guest_secs;
        j.guest_syscalls += guest_syscalls;
        j.vms.push(Vm {
            index,
            seed,
            start_secs,
            end_secs,
            syscalls: result.syscalls,
            guest_secs,
            guest_syscalls,
            outcome: result.outcome.name().to_string(),
            title,
            setup_failed,
            started: result.started,
            guest_seed: result.guest_seed,
            last_line: result.last_line.clone(),
            cmd: cmd.display().to_string(),
            console: log.display().to_string(),
        });
        if let Some((kind, desc, at)) = &result.crash {
            let at_secs = at.saturating_duration_since(self.start).as_secs_f64();
            match j.crashes.iter_mut().find(|c| c.title == desc.title) {
                Some(c) => {
                    c.count += 1;
                    c.vms.push(index);
                }
                None => j.crashes.push(Crash {
                    title: desc.title.clone(),
                    kind: kind.name().to_string(),
                    count: 1,
                    first_seen_secs: at_secs,
                    first_seen: hms(Duration::from_secs_f64(at_secs)),
                    first_vm: index,
                    console: log.display().to_string(),
                    vms: vec![index],
                    alt_titles: desc.alt_titles.clone(),
                    crash_type: desc.crash_type.clone(),
                    corrupted: desc.corrupted,
                    corrupted_reason: desc.corrupted_reason.clone(),
                }),
            }
        }
        for seen in &result.reports {
            let at_secs = seen.at.saturating_duration_since(self.start).as_secs_f64();
            for canary in j.canaries.iter_mut() {
                let hit = seen.report.call_trace.iter().any(|f| {
                    f.function.contains(&canary.function)
                        || f.display_name().contains(&canary.function)
                });
                if !hit {
                    continue;
                }
                canary.reports += 1;
                if canary.first_seen_secs.is_none() {
                    canary.first_seen_secs = Some(at_secs);
                    canary.first_seen = Some(hms(Duration::from_secs_f64(at_secs)));
                    canary.vm = Some(index);
                }
            }
        }
        for function in &result.executed {
            if let Some(canary) = j.canaries.iter_mut().find(|c| &c.function == function) {
                canary.executed += 1;
            }
        }
    }

    fn finish_totals(&mut self, now: Instant, finished: bool) {
        let elapsed = self.secs(now);
        self.json.elapsed_secs = elapsed;
        self.json.syscalls_per_minute = if elapsed > 0.0 {
            self.json.syscalls as f64 * 60.0 / elapsed
        } else {
            0.0
        };
        let (guest_secs, guest_syscalls) = (self.json.guest_secs, self.json.guest_syscalls);
        self.json.syscalls_per_guest_minute = if guest_secs > 0.0 {
            guest_syscalls as f64 * 60.0 / guest_secs
        } else {
            0.0
        };
        self.json.instructions_per_syscall = (self.json.icount && guest_syscalls > 0)
            .then(|| guest_secs * 1e9 / guest_syscalls as f64);
        self.json.finished = finished;
    }
}

/// The argv of VM `k` (the QEMU binary first), arming the planted bugs of
/// `armed` ([`FuzzConfig::armed_mask`]).
pub fn vm_argv(config: &FuzzConfig, k: usize, armed: Option<u32>) -> Vec<String> {
    let mut argv = vec![config.qemu.clone()];
    argv.extend(config.run_config(k, armed).qemu_args());
    argv
}

fn write_json(sink: &mut dyn Sink, out: &Path, json: &Campaign) -> Result<(), FuzzError> {
    let path = out.join("crashes.json");
    let mut text = serde_json::to_string_pretty(json).expect("serialisable");
    text.push('\n');
    sink.replace(&path, text.as_bytes())
        .map_err(|source| FuzzError::Write(WriteFailure { path, source }))
}

/// Runs a campaign; the JSON is the result (the table is
/// [`super::table::render`] of it).
pub fn run(
    config: &FuzzConfig,
    sink: &mut dyn Sink,
    progress: &mut dyn Progress,
) -> Result<Campaign, FuzzError> {
    for (what, path) in [("kernel", &config.kernel), ("drive", &config.drive)] {
        if !path.is_file() {
            return Err(FuzzError::Config(format!(
                "{what} {} does not exist (or is not a file)",
                path.display()
            )));
        }
    }
    // Refused before anything is created; every boot is checked again.
    contain::check(&vm_argv(config, 0, None)).map_err(FuzzError::Uncontained)?;
    if config.check_qemu {
        crate::qemu::check_qemu(&config.qemu).map_err(FuzzError::Qemu)?;
    }
    std::fs::create_dir_all(&config.out).map_err(|source| {
        FuzzError::Write(WriteFailure {
            path: config.out.clone(),
            source,
        })
    })?;
    remove_stale(&config.out).map_err(FuzzError::Write)?;
    let start = Instant::now();
    let deadline = start + config.duration;
    let mut state = State {
        start,
        json: Campaign {
            schema: record::SCHEMA.to_string(),
            variant: config.variant.clone(),
            seed: config.seed,
            kernel: config.kernel.display().to_string(),
            drive: config.drive.display().to_string(),
            duration_secs: config.duration.as_secs_f64(),
            icount: config.icount,
            canaries: record::CANARIES
                .iter()
                .map(|name| Canary {
                    name: name.to_string(),
                    function: record::canary_function(name),
                    ..Canary::default()
                })
                .collect(),
            ..Campaign::default()
        },
    };
    let limits = VmLimits {
        hang_timeout: config.hang_timeout,
        boot_timeout: config.boot_timeout,
        crash_grace: config.crash_grace,
        deadline,
    };
    let mut backoff = Duration::from_secs(1);
    let mut k = 0;
    progress.update(&state.progress_line(config, start, 0), true);
    while Instant::now() < deadline && !signals::stop_requested() {
        let argv = vm_argv(config, k, config.armed_mask(state.unreported_canaries()));
        contain::check(&argv).map_err(FuzzError::Uncontained)?;
        let (cmd, log) = vm_paths(&config.out, k);
        let mut text = argv.join("\n");
        text.push('\n');
        sink.replace(&cmd, text.as_bytes()).map_err(|source| {
            FuzzError::Write(WriteFailure {
                path: cmd.clone(),
                source,
            })
        })?;
        state.json.vms_booted += 1;
        let result = run_with_progress(&argv, &log, sink, &limits, config, &state, progress)?;
        state.record(k, vm_seed(config.seed, k), &cmd, &log, &result);
        state.finish_totals(Instant::now(), false);
        write_json(sink, &config.out, &state.json)?;
        progress.update(&state.progress_line(config, Instant::now(), 0), false);
        let lived = result.end.saturating_duration_since(result.start);
        k += 1;
        if result.outcome != Outcome::Stopped && lived < EARLY {
            let until = Instant::now() + backoff;
            while Instant::now() < until.min(deadline) && !signals::stop_requested() {
                std::thread::sleep(Duration::from_millis(50));
            }
            backoff = (backoff * 2).min(MAX_BACKOFF);
        } else {
            backoff = Duration::from_secs(1);
        }
    }
    state.finish_totals(Instant::now(), true);
    state.json.interrupted = signals::stop_requested();
    write_json(sink, &config.out, &state.json)?;
    progress.update(&state.progress_line(config, Instant::now(), 0), true);
    progress.finish();
    Ok(state.json)
}

/// [`vm::run_vm`], with the progress line kept current from a second
/// thread while the VM runs.
fn run_with_progress(
    argv: &[String],
    log: &Path,
    sink: &mut dyn Sink,
    limits: &VmLimits,
    config: &FuzzConfig,
    state: &State,
    progress: &mut dyn Progress,
) -> Result<VmResult, FuzzError> {
    progress.update(&state.progress_line(config, Instant::now(), 0), false);
    let mut tick = |syscalls: u64| {
        progress.update(
            &state.progress_line(config, Instant::now(), syscalls),
            false,
        );
    };
    vm::run_vm(argv, log, sink, limits, &mut tick).map_err(|e| match e {
        vm::VmError::Write(w) => FuzzError::Write(w),
        vm::VmError::Spawn(s) => FuzzError::Qemu(s),
    })
}

/// Removes a previous campaign's files from `out` (`vm-NNN.cmd`,
/// `vm-NNN.log`, `crashes.json`), so that a re-run into the same directory
/// leaves no stale record for `fuzz-contained` or `fuzz-compare` to read.
/// Other files are left alone.
fn remove_stale(out: &Path) -> Result<(), WriteFailure> {
    let entries = std::fs::read_dir(out).map_err(|source| WriteFailure {
        path: out.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        let ours = name == "crashes.json"
            || name == "crashes.json.tmp"
            || name
                .strip_prefix("vm-")
                .and_then(|r| r.strip_suffix(".cmd").or_else(|| r.strip_suffix(".log")))
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if ours {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|source| WriteFailure { path, source })?;
        }
    }
    Ok(())
}

/// The argv record and the console of VM `k`: `OUT/vm-NNN.cmd`, `OUT/vm-NNN.log`.
pub fn vm_paths(out: &Path, k: usize) -> (PathBuf, PathBuf) {
    (
        out.join(format!("vm-{k:03}.cmd")),
        out.join(format!("vm-{k:03}.log")),
    )
}
