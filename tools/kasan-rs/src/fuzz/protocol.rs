//! What the guest prints, line by line: the `kasan-rs-fuzz:` protocol of
//! the guest's init (written to `/dev/kmsg`, so each line carries the
//! usual printk prefix) and the first lines of kernel crashes.
//!
//! Protocol lines (the marker may follow other text, e.g. a syslog tag):
//! * `kasan-rs-fuzz: started seed=<S> engine=<name>`: the campaign runs;
//! * `kasan-rs-fuzz: progress syscalls=<N>`: cumulative syscalls in this VM;
//! * `kasan-rs-fuzz: setup-failed <reason>`: the guest could not start;
//! * `kasan-rs-fuzz: canary <name> armed`: informational.
//!
//! Anything else after the marker is ignored (and never taken for a crash).

use crate::console::split_printk_prefix;
use crate::report::syzkaller::linux_oops::is_oops_line;

/// The marker every protocol line carries.
pub const MARKER: &str = "kasan-rs-fuzz: ";

/// One protocol line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GuestEvent {
    /// `started seed=S engine=E`.
    Started {
        /// The seed the guest reports (`None` when missing or not a number).
        seed: Option<u64>,
        /// The engine (`trinity`).
        engine: String,
    },
    /// `progress syscalls=N`.
    Progress {
        /// Cumulative syscalls executed in this VM.
        syscalls: u64,
    },
    /// `setup-failed REASON`.
    SetupFailed {
        /// The rest of the line.
        reason: String,
    },
    /// `canary NAME armed`.
    CanaryArmed {
        /// The canary.
        name: String,
    },
    /// A line with the marker that is none of the above.
    Other,
}

/// The protocol event of a raw console line, if it carries the marker.
pub fn guest_event(raw: &str) -> Option<GuestEvent> {
    let msg = split_printk_prefix(raw).1;
    let at = msg.find(MARKER)?;
    let rest = msg[at + MARKER.len()..].trim();
    let (word, args) = rest.split_once(' ').unwrap_or((rest, ""));
    let value = |name: &str| {
        args.split_whitespace()
            .find_map(|w| w.strip_prefix(name).and_then(|v| v.strip_prefix('=')))
    };
    Some(match word {
        "started" => GuestEvent::Started {
            seed: value("seed").and_then(|s| s.parse().ok()),
            engine: value("engine").unwrap_or("").to_string(),
        },
        "progress" => match value("syscalls").and_then(|s| s.parse().ok()) {
            Some(syscalls) => GuestEvent::Progress { syscalls },
            None => GuestEvent::Other,
        },
        "setup-failed" => GuestEvent::SetupFailed {
            reason: args.trim().to_string(),
        },
        "canary" => match args.split_whitespace().collect::<Vec<_>>()[..] {
            [name, "armed"] => GuestEvent::CanaryArmed {
                name: name.to_string(),
            },
            _ => GuestEvent::Other,
        },
        _ => GuestEvent::Other,
    })
}

/// The planted-bug function of a `kasan_rs_canary: executing <function>`
/// line (the canary module says so just before a bug runs).
pub fn canary_executed(raw: &str) -> Option<&str> {
    let msg = split_printk_prefix(raw).1;
    let function = msg.strip_prefix("kasan_rs_canary: executing ")?.trim();
    function.starts_with("kasan_rs_canary_").then_some(function)
}

/// The kind of a crash, as the campaign groups and prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CrashKind {
    /// `BUG: KASAN:`.
    Kasan,
    /// `BUG: KFENCE:`.
    Kfence,
    /// Other `BUG:` lines, faults (`Unable to handle kernel`, `Internal
    /// error:`), `kernel BUG at`.
    Bug,
    /// `WARNING:` (not lockdep's).
    Warning,
    /// lockdep's splats (`possible deadlock`, `inconsistent lock state`, ...).
    Lockdep,
    /// No progress for the hang timeout, hung tasks, RCU stalls, soft lockups.
    Hang,
    /// `Kernel panic - not syncing` alone.
    Panic,
    /// The VM ended by itself, after the campaign started, without a crash line.
    Lost,
}

impl CrashKind {
    /// The name in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            CrashKind::Kasan => "KASAN",
            CrashKind::Kfence => "KFENCE",
            CrashKind::Bug => "BUG",
            CrashKind::Warning => "WARNING",
            CrashKind::Lockdep => "lockdep",
            CrashKind::Hang => "hang",
            CrashKind::Panic => "panic",
            CrashKind::Lost => "lost",
        }
    }

    /// The kind of a syzkaller title and crash type.
    pub fn of_title(title: &str, crash_type: &str) -> CrashKind {
        if title.starts_with("KASAN:") {
            CrashKind::Kasan
        } else if title.starts_with("KFENCE:") {
            CrashKind::Kfence
        } else if crash_type == "LOCKDEP" {
            CrashKind::Lockdep
        } else if crash_type == "HANG" || title == NO_OUTPUT {
            CrashKind::Hang
        } else if title == LOST {
            CrashKind::Lost
        } else if title.starts_with("WARNING") {
            CrashKind::Warning
        } else if title.starts_with("kernel panic:") {
            CrashKind::Panic
        } else {
            CrashKind::Bug
        }
    }
}

/// syzkaller's title of a machine that printed nothing for too long.
pub const NO_OUTPUT: &str = "no output from test machine";
/// syzkaller's title of a machine that went away.
pub const LOST: &str = "lost connection to test machine";

/// Lockdep headers (after `WARNING: ` or `INFO: `, or a `BUG: `).
const LOCKDEP: &[&str] = &[
    "possible circular locking dependency detected",
    "possible recursive locking detected",
    "inconsistent lock state",
    "possible irq lock inversion dependency detected",
    "lock order detected",
    "suspicious RCU usage",
    "bad unlock balance detected",
    "held lock freed",
    "lock held when returning to user space",
    "still has locks held",
    "Nested lock was not taken",
    "Invalid wait context",
];

/// The crash kind a raw console line starts, if it starts one: the first
/// line of a KASAN or KFENCE report, a `BUG:`, a `WARNING:` (lockdep's
/// too), `Unable to handle kernel ...`, `Internal error:`, `kernel BUG at`,
/// `Kernel panic - not syncing`, a hung task, an RCU stall or a soft
/// lockup. Protocol lines are never crashes.
pub fn crash_start(raw: &str) -> Option<CrashKind> {
    let msg = split_printk_prefix(raw).1;
    if msg.contains(MARKER) {
        return None;
    }
    if msg.contains("BUG: KASAN:") {
        return Some(CrashKind::Kasan);
    }
    if msg.contains("BUG: KFENCE:") {
        return Some(CrashKind::Kfence);
    }
    let lockdep = || LOCKDEP.iter().any(|l| msg.contains(l));
    // Hung tasks, also `blocked in I/O wait for` and a header whose task
    // name holds a newline (its first line has only `INFO: task <name>`).
    if msg.contains("INFO: task ") {
        return Some(CrashKind::Hang);
    }
    if msg.contains("rcu_sched self-detected stall")
        || msg.contains("rcu_preempt self-detected stall")
        || (msg.contains("INFO: rcu_") && msg.contains("detected") && msg.contains("stall"))
        || msg.contains("BUG: soft lockup")
    {
        return Some(CrashKind::Hang);
    }
    if msg.contains("WARNING:")
        || msg.contains("INFO: possible")
        || msg.contains("INFO: inconsistent")
    {
        if lockdep() {
            return Some(CrashKind::Lockdep);
        }
        if msg.contains("WARNING:") {
            return is_oops_line(msg).then_some(CrashKind::Warning);
        }
    }
    if msg.contains("BUG:") {
        if lockdep() {
            return Some(CrashKind::Lockdep);
        }
        if is_oops_line(msg) {
            return Some(CrashKind::Bug);
        }
        return None;
    }
    if msg.contains("Unable to handle kernel ")
        || msg.contains("Internal error: ")
        || msg.contains("kernel BUG at ")
    {
        return Some(CrashKind::Bug);
    }
    if msg.contains("Kernel panic - not syncing") {
        return Some(CrashKind::Panic);
    }
    // Whatever else syzkaller's oops table takes for a crash (UBSAN, x86's
    // faults, `INFO:` reports, ...), so that a campaign counts the crashes
    // syzkaller titles, and only those.
    if is_oops_line(msg) {
        return Some(if msg.contains("Kernel panic") {
            CrashKind::Panic
        } else if lockdep() {
            CrashKind::Lockdep
        } else {
            CrashKind::Bug
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_protocol_lines() {
        assert_eq!(
            guest_event("[   12.345678] kasan-rs-fuzz: started seed=1003 engine=trinity"),
            Some(GuestEvent::Started {
                seed: Some(1003),
                engine: "trinity".to_string()
            })
        );
        assert_eq!(
            guest_event("[   12.345678][  T123] kasan-rs-fuzz: progress syscalls=4711"),
            Some(GuestEvent::Progress { syscalls: 4711 })
        );
        assert_eq!(
            guest_event("[    1.0] init: kasan-rs-fuzz: setup-failed no /bin/trinity"),
            Some(GuestEvent::SetupFailed {
                reason: "no /bin/trinity".to_string()
            })
        );
        assert_eq!(
            guest_event("[    1.0] kasan-rs-fuzz: canary uaf armed"),
            Some(GuestEvent::CanaryArmed {
                name: "uaf".to_string()
            })
        );
        assert_eq!(
            guest_event("kasan-rs-fuzz: progress syscalls=many"),
            Some(GuestEvent::Other)
        );
        assert_eq!(guest_event("[    1.0] random: crng init done"), None);
    }

    #[test]
    fn reads_canary_executed_lines() {
        assert_eq!(
            canary_executed("[   12.5] kasan_rs_canary: executing kasan_rs_canary_uaf"),
            Some("kasan_rs_canary_uaf")
        );
        assert_eq!(
            canary_executed("kasan_rs_canary: executing something_else"),
            None
        );
        assert_eq!(
            canary_executed("[   12.5] kasan-rs-fuzz: progress syscalls=1"),
            None
        );
    }

    #[test]
    fn finds_crash_starts() {
        let k = |s| crash_start(s);
        assert_eq!(
            k("[  1.0] BUG: KASAN: slab-out-of-bounds in f+0x1/0x2"),
            Some(CrashKind::Kasan)
        );
        assert_eq!(
            k("[  1.0] BUG: KFENCE: use-after-free read in f+0x1/0x2"),
            Some(CrashKind::Kfence)
        );
        assert_eq!(
            k("[  1.0][ T1] WARNING: CPU: 1 PID: 123 at mm/foo.c:12 func+0x10/0x20"),
            Some(CrashKind::Warning)
        );
        assert_eq!(
            k("[  1.0] WARNING: possible circular locking dependency detected"),
            Some(CrashKind::Lockdep)
        );
        assert_eq!(
            k("[  1.0] WARNING: possible recursive locking detected"),
            Some(CrashKind::Lockdep)
        );
        assert_eq!(
            k("[  1.0] WARNING: inconsistent lock state"),
            Some(CrashKind::Lockdep)
        );
        assert_eq!(
            k("[  1.0] Unable to handle kernel paging request at virtual address dead"),
            Some(CrashKind::Bug)
        );
        assert_eq!(
            k("[  1.0] Internal error: Oops: 0000000096000005 [#1] PREEMPT SMP"),
            Some(CrashKind::Bug)
        );
        assert_eq!(
            k("[  1.0] kernel BUG at mm/slub.c:12!"),
            Some(CrashKind::Bug)
        );
        assert_eq!(
            k("[  1.0] BUG: sleeping function called from invalid context at mm/a.c:1"),
            Some(CrashKind::Bug)
        );
        assert_eq!(
            k("[  1.0] Kernel panic - not syncing: Attempted to kill init!"),
            Some(CrashKind::Panic)
        );
        assert_eq!(
            k("[  1.0] INFO: task kworker:1 blocked for more than 143 seconds."),
            Some(CrashKind::Hang)
        );
        assert_eq!(
            k("[  1.0] rcu: INFO: rcu_sched self-detected stall on CPU"),
            Some(CrashKind::Hang)
        );
        assert_eq!(
            k("[  1.0] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [a:1]"),
            Some(CrashKind::Hang)
        );
        assert_eq!(
            k("[  1.0] kasan-rs-fuzz: setup-failed BUG: no trinity"),
            None
        );
        assert_eq!(k("[  1.0] INFO: lockdep is turned off."), None);
        // What syzkaller's oops table takes besides (its testdata 1000, 1001,
        // 600, 1015 and the UBSAN and INFO formats).
        assert_eq!(
            k("[  1.0][ T31] INFO: task udevd:612 blocked in I/O wait for more than 143 seconds."),
            Some(CrashKind::Hang)
        );
        assert_eq!(
            k("[  1.0][ T41] INFO: task \u{fffd}\u{fffd}"),
            Some(CrashKind::Hang)
        );
        assert_eq!(
            k("[  1.0] UBSAN: array-index-out-of-bounds in fs/a.c:12:3"),
            Some(CrashKind::Bug)
        );
        assert_eq!(
            k("[  1.0] general protection fault, probably for non-canonical address 0xdffffc0000000000: 0000 [#1]"),
            Some(CrashKind::Bug)
        );
        assert_eq!(
            k("[  1.0] INFO: suspicious RCU usage."),
            Some(CrashKind::Lockdep)
        );
        assert_eq!(
            k("[  1.0] INFO: trying to register non-static key."),
            Some(CrashKind::Bug)
        );
        assert_eq!(
            k("[  1.0] WARNING: Unprivileged eBPF is enabled, data leaks possible via Spectre v2 BHB attacks!"),
            None
        );
        assert_eq!(k("[  1.0] ODEBUG: BUG: x"), None);
        assert_eq!(k("[  1.0] hello"), None);
    }
}
