//! The campaign's JSON, `OUT/crashes.json`, schema `kasan-rs.fuzz/1`: the
//! types are the documentation. Times are seconds since the campaign
//! started (`*_secs`), with the `HH:MM:SS` form beside the first-seen ones.

use serde::{Deserialize, Serialize};

/// The schema name written and required.
pub const SCHEMA: &str = "kasan-rs.fuzz/1";

/// A whole campaign.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// `--variant` (`c`, `rust`).
    pub variant: String,
    /// `--seed`.
    pub seed: u32,
    /// The kernel image.
    pub kernel: String,
    /// The disk image.
    pub drive: String,
    /// `--duration`, in seconds.
    pub duration_secs: f64,
    /// How long the campaign ran.
    pub elapsed_secs: f64,
    /// False while the campaign runs (the file is rewritten after every VM).
    pub finished: bool,
    /// True when SIGINT, SIGTERM or SIGHUP ended it early.
    #[serde(default)]
    pub interrupted: bool,
    /// VMs booted.
    pub vms_booted: usize,
    /// Syscalls executed: the sum over VMs of each one's last progress count.
    pub syscalls: u64,
    /// Syscalls per minute of campaign time.
    pub syscalls_per_minute: f64,
    /// True when every VM ran under `-icount shift=0,sleep=off` (`--icount`).
    #[serde(default)]
    pub icount: bool,
    /// Guest seconds between each VM's first and last progress lines, summed.
    #[serde(default)]
    pub guest_secs: f64,
    /// Syscalls in those spans, summed.
    #[serde(default)]
    pub guest_syscalls: u64,
    /// `guest_syscalls` per guest minute: the fuzzing rate without boots
    /// and restarts, and independent of the host's load under `--icount`.
    #[serde(default)]
    pub syscalls_per_guest_minute: f64,
    /// Under `--icount`, guest instructions per syscall (guest nanoseconds
    /// per syscall: shift=0 is one instruction per nanosecond), kernel and
    /// user and the stress-ng load together.
    #[serde(default)]
    pub instructions_per_syscall: Option<f64>,
    /// VMs whose guest printed `setup-failed`.
    pub setup_failures: usize,
    /// VMs that never printed `started` (nor a crash) before they ended or
    /// the boot timeout passed.
    pub boot_failures: usize,
    /// One entry per distinct title, in order of first appearance.
    pub crashes: Vec<Crash>,
    /// One entry per VM.
    pub vms: Vec<Vm>,
    /// One entry per planted canary (`oob_write`, `uaf`, `double_free`, `page_oob_read`).
    pub canaries: Vec<Canary>,
}

/// One distinct crash title.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Crash {
    /// syzkaller's title.
    pub title: String,
    /// `KASAN`, `KFENCE`, `BUG`, `WARNING`, `lockdep`, `hang`, `panic` or `lost`.
    pub kind: String,
    /// VMs that crashed with this title.
    pub count: usize,
    /// When it was first seen.
    pub first_seen_secs: f64,
    /// The same, `HH:MM:SS`.
    pub first_seen: String,
    /// The VM it was first seen in.
    pub first_vm: usize,
    /// The console of that VM.
    pub console: String,
    /// Every VM that crashed with it.
    pub vms: Vec<usize>,
    /// syzkaller's alternative titles.
    pub alt_titles: Vec<String>,
    /// syzkaller's crash type.
    pub crash_type: String,
    /// syzkaller's corrupted flag.
    pub corrupted: bool,
    /// Why, when corrupted.
    pub corrupted_reason: Option<String>,
}

/// One VM.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Vm {
    /// k = 0, 1, 2, ...
    pub index: usize,
    /// The per-VM seed, `seed * 1000 + k` (`fuzz_seed=` on its command line).
    pub seed: u64,
    /// When it was started.
    pub start_secs: f64,
    /// When it ended (was reaped).
    pub end_secs: f64,
    /// Its last `progress syscalls=N`.
    pub syscalls: u64,
    /// Guest seconds between its first and last progress lines.
    #[serde(default)]
    pub guest_secs: f64,
    /// Syscalls between them.
    #[serde(default)]
    pub guest_syscalls: u64,
    /// `crash`, `hang`, `lost`, `setup-failed`, `boot-failed` or `stopped`
    /// (the campaign ended while it ran).
    pub outcome: String,
    /// The crash title, for `crash`, `hang` and `lost`.
    pub title: Option<String>,
    /// The guest's reason, for `setup-failed`.
    pub setup_failed: Option<String>,
    /// True once the guest printed `started`.
    pub started: bool,
    /// The `seed=` of its `started` line (it should equal `seed`).
    #[serde(default)]
    pub guest_seed: Option<u64>,
    /// Its last non-empty console line (at most 300 characters): for a
    /// boot failure, often QEMU's own complaint.
    #[serde(default)]
    pub last_line: Option<String>,
    /// Its argv, one argument per line.
    pub cmd: String,
    /// Its console.
    pub console: String,
}

/// A planted bug and when its report was first seen.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Canary {
    /// `oob_write`, `uaf`, `double_free`, `page_oob_read`.
    pub name: String,
    /// The function looked for in report call traces (`kasan_rs_canary_<name>`).
    pub function: String,
    /// When the first KASAN report with it in its call trace ended (`None`: never).
    pub first_seen_secs: Option<f64>,
    /// The same, `HH:MM:SS`.
    pub first_seen: Option<String>,
    /// The VM of that report.
    pub vm: Option<usize>,
    /// Reports with it in their call trace.
    pub reports: usize,
    /// Times the canary module said it executed this bug (`kasan_rs_canary:
    /// executing <function>`, printed just before the bug runs).
    #[serde(default)]
    pub executed: usize,
}

/// The canaries the guest plants.
pub const CANARIES: &[&str] = &["oob_write", "uaf", "double_free", "page_oob_read"];

/// The function a canary's reports carry in their call trace.
pub fn canary_function(name: &str) -> String {
    format!("kasan_rs_canary_{name}")
}
