//! `kasan-rs fuzz`: the fuzz manager. Boots the kernel and disk image
//! under QEMU again and again for the campaign's duration, each VM with
//! the guest's syscall fuzzer (trinity) started by the image's init;
//! restarts after every crash; groups crashes by the title syzkaller would
//! give them; writes `OUT/vm-NNN.cmd` (the exact argv, one argument per
//! line), `OUT/vm-NNN.log` (the console) and `OUT/crashes.json`
//! ([`record`], schema `kasan-rs.fuzz/1`), and prints a table.
//!
//! VM k of a campaign with `--seed S` gets `fuzz_seed=S*1000+k fuzz_vm=k`
//! on its kernel command line ([`vm_seed`]): the same on every variant, so
//! c and rust kernels fuzz the same sequence of seeds. Its command line:
//!
//! ```text
//! qemu-system-aarch64 -M virt,mte=on -cpu max -smp N -m M -nographic -no-reboot -nic none
//!   [--qemu-arg ...] -kernel Image -drive file=disk.img,if=virtio,format=raw,snapshot=on
//!   -append "console=ttyAMA0 root=/dev/vda ro rootwait panic=-1 panic_on_warn=1 oops=panic
//!            kunit.enable=0 printk_devkmsg=on printk.time=1 fuzz_seed=S fuzz_vm=k <--append>"
//! ```
//!
//! The planted bugs ([`record::CANARIES`], bit `1 << i` of the guest's
//! `fuzz_canary_armed=` mask in that order): with [`CanaryArming::Unreported`]
//! (the default) VM k gets `fuzz_canary_armed=MASK` of the canaries no VM
//! of the campaign has reported yet, and `0` once every one has been: the
//! first report ends a VM, so a frequent bug must not keep hiding a rare
//! one, and once each has shown that the kernel catches it the rest of the
//! campaign fuzzes the kernel itself. An `--append` that sets
//! `fuzz_canary_armed=` itself (make fuzz-cost: 0, make fuzz-honesty: 15)
//! is left alone, and so is every VM with [`CanaryArming::Guest`] (the
//! guest's own default: bug k mod 4).
//!
//! `kunit.enable=0`: a fuzz kernel may have KUnit suites built in (the kasan
//! suite's expected reports would panic the VM under `panic_on_warn`);
//! `printk_devkmsg=on`: the guest's protocol lines go through `/dev/kmsg`,
//! which must not rate-limit them; `printk.time=1`: their timestamps give
//! the guest-time rate. The guest's init is the image's business:
//! the caller passes `init=` in `--append`.
//!
//! How a VM ends ([`vm`]): the first crash line ([`protocol::crash_start`])
//! starts a grace period (`--crash-grace`, 5 s) for the kernel to finish
//! printing (with `panic_on_warn=1 oops=panic panic=-1 -no-reboot` QEMU
//! usually exits by itself first); no `progress` line for `--hang-timeout`
//! after `started` is a hang (`no output from test machine`); no
//! `started` within `--boot-timeout` is a boot failure; `setup-failed` is
//! counted apart; a VM that ends by itself after `started` without a crash
//! line is `lost connection to test machine` (kind `lost`); one that ends
//! before `started` is a boot failure. A VM that ends within 10 s waits
//! before the next boot (1 s, doubling to 30 s), never past the end.
//!
//! Rooms: [`duration`] (durations, `HH:MM:SS`), [`contain`] (the
//! containment rule), [`protocol`] (guest lines, crash lines), [`vm`] (one
//! VM), [`campaign`] (the loop), [`record`] (the JSON), [`table`],
//! [`compare`] (`fuzz-compare`), [`sink`] (where files go; injectable),
//! [`signals`] (Ctrl-C and SIGTERM end a campaign cleanly), [`syzconfig`]
//! (`syz-config`).

pub mod campaign;
pub mod canaries;
pub mod compare;
pub mod contain;
pub mod cost;
pub mod duration;
pub mod protocol;
pub mod record;
pub mod signals;
pub mod sink;
pub mod syzconfig;
pub mod table;
pub mod vm;

use std::path::PathBuf;
use std::time::Duration;

use crate::qemu::RunConfig;

/// Kernel arguments of every fuzz VM, before `fuzz_seed=`.
pub const BASE_APPEND: &str = "console=ttyAMA0 root=/dev/vda ro rootwait panic=-1 \
    panic_on_warn=1 oops=panic kunit.enable=0 printk_devkmsg=on printk.time=1";

/// The guest's kernel parameter for the planted bugs' mask.
pub const ARMED_PARAM: &str = "fuzz_canary_armed";

/// Which planted bugs a VM arms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum CanaryArming {
    /// Those no VM of the campaign has reported yet.
    #[default]
    Unreported,
    /// The guest's default (VM k: bug k mod 4).
    Guest,
}

/// The per-VM seed: `seed * 1000 + k`.
pub fn vm_seed(seed: u32, k: usize) -> u64 {
    u64::from(seed) * 1000 + k as u64
}

/// Everything a campaign needs.
#[derive(Clone, Debug)]
pub struct FuzzConfig {
    /// `--kernel`.
    pub kernel: PathBuf,
    /// `--drive`.
    pub drive: PathBuf,
    /// `--variant` (a label: `c`, `rust`).
    pub variant: String,
    /// `--out`.
    pub out: PathBuf,
    /// `--duration`.
    pub duration: Duration,
    /// `--seed`.
    pub seed: u32,
    /// `--append`.
    pub append: String,
    /// `--smp` (2).
    pub smp: u32,
    /// `--mem` (2G).
    pub mem: String,
    /// `--hang-timeout` (180 s).
    pub hang_timeout: Duration,
    /// `--boot-timeout` (120 s).
    pub boot_timeout: Duration,
    /// `--crash-grace` (5 s).
    pub crash_grace: Duration,
    /// `--qemu`.
    pub qemu: String,
    /// `--qemu-arg`, before `-kernel`.
    pub qemu_args: Vec<String>,
    /// Run `QEMU --version` first (refuse QEMU < 8).
    pub check_qemu: bool,
    /// `--canary-arming`.
    pub arming: CanaryArming,
    /// `--icount`: every VM deterministic (`-seed <VM seed> -icount
    /// shift=0,sleep=off`), so guest time counts instructions.
    pub icount: bool,
}

impl FuzzConfig {
    /// The defaults for a kernel and drive.
    pub fn new(kernel: impl Into<PathBuf>, drive: impl Into<PathBuf>) -> Self {
        FuzzConfig {
            kernel: kernel.into(),
            drive: drive.into(),
            variant: String::new(),
            out: PathBuf::from("out/fuzz"),
            duration: Duration::from_secs(1800),
            seed: 1,
            append: String::new(),
            smp: 2,
            mem: "2G".to_string(),
            hang_timeout: Duration::from_secs(180),
            boot_timeout: Duration::from_secs(120),
            crash_grace: Duration::from_secs(5),
            qemu: "qemu-system-aarch64".to_string(),
            qemu_args: Vec::new(),
            check_qemu: true,
            arming: CanaryArming::default(),
            icount: false,
        }
    }

    /// The `fuzz_canary_armed=` mask this campaign passes when `unreported`
    /// is the mask of the canaries not reported yet; `None`: the guest or
    /// the caller's `--append` decides.
    pub fn armed_mask(&self, unreported: u32) -> Option<u32> {
        let set_by_caller = self.append.split_whitespace().any(|w| {
            w.split_once('=')
                .is_some_and(|(name, _)| name == ARMED_PARAM)
        });
        (self.arming == CanaryArming::Unreported && !set_by_caller).then_some(unreported)
    }

    /// The kernel arguments of VM `k`, with `fuzz_canary_armed=armed` if given.
    pub fn kernel_args(&self, k: usize, armed: Option<u32>) -> String {
        let mut args = format!(
            "{BASE_APPEND} fuzz_seed={} fuzz_vm={k}",
            vm_seed(self.seed, k)
        );
        if let Some(mask) = armed {
            args.push_str(&format!(" {ARMED_PARAM}={mask}"));
        }
        let extra = self.append.trim();
        if !extra.is_empty() {
            args.push(' ');
            args.push_str(extra);
        }
        args
    }

    /// The QEMU settings of VM `k` (the one launcher, [`crate::qemu`]).
    pub fn run_config(&self, k: usize, armed: Option<u32>) -> RunConfig {
        let mut run = RunConfig::new(&self.kernel);
        run.qemu = self.qemu.clone();
        run.smp = self.smp;
        run.mem = self.mem.clone();
        run.drive = Some(self.drive.clone());
        run.no_network = true;
        run.extra_args = self.qemu_args.clone();
        run.base_append = Some(self.kernel_args(k, armed));
        if self.icount {
            run.seed = Some(vm_seed(self.seed, k));
        }
        run
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_vm_command_line() {
        let mut c = FuzzConfig::new("Image", "disk.img");
        c.seed = 7;
        c.append = "kasan.mode=sync".to_string();
        let argv = campaign::vm_argv(&c, 3, None);
        assert_eq!(
            argv,
            [
                "qemu-system-aarch64",
                "-M",
                "virt,mte=on",
                "-cpu",
                "max",
                "-smp",
                "2",
                "-m",
                "2G",
                "-nographic",
                "-no-reboot",
                "-nic",
                "none",
                "-kernel",
                "Image",
                "-drive",
                "file=disk.img,if=virtio,format=raw,snapshot=on",
                "-append",
                "console=ttyAMA0 root=/dev/vda ro rootwait panic=-1 panic_on_warn=1 oops=panic kunit.enable=0 printk_devkmsg=on printk.time=1 fuzz_seed=7003 fuzz_vm=3 kasan.mode=sync",
            ]
        );
        assert!(contain::check(&argv).is_ok());
        assert_eq!(vm_seed(1, 0), 1000);
    }

    #[test]
    fn arms_the_unreported_canaries_unless_told_otherwise() {
        let mut c = FuzzConfig::new("Image", "disk.img");
        c.append = "init=/sbin/x kasan.mode=sync".to_string();
        assert_eq!(c.armed_mask(0b1010), Some(0b1010));
        assert!(c
            .kernel_args(2, c.armed_mask(0b1010))
            .contains("fuzz_vm=2 fuzz_canary_armed=10 init=/sbin/x"));
        assert_eq!(c.armed_mask(0), Some(0));
        // The caller's own mask wins, wherever it is in --append.
        c.append = "init=/sbin/x fuzz_canary_armed=15".to_string();
        assert_eq!(c.armed_mask(0b1010), None);
        // A parameter that only starts with the name is not the mask.
        c.append = "fuzz_canary_armed_x=1".to_string();
        assert_eq!(c.armed_mask(1), Some(1));
        c.append.clear();
        c.arming = CanaryArming::Guest;
        assert_eq!(c.armed_mask(0b1111), None);
        assert!(!c.kernel_args(0, None).contains(ARMED_PARAM));
    }
}
