//! Lines that start another report in syzkaller's eyes (pkg/report/linux.go
//! `linuxOopses` headers and their suppressions, `reportStartIgnores`,
//! `infoMessagesWithStack`). Without caller ids, syzkaller ends a report's
//! text for titling at the first such line after its header.

use aho_corasick::{AhoCorasick, MatchKind};

/// Oops headers, matched anywhere in the raw line.
pub const HEADERS: &[&str] = &[
    "BUG:",
    "WARNING:",
    "INFO:",
    "Unable to handle kernel",
    "general protection fault",
    "stack segment: ",
    "Kernel panic",
    "PANIC: double fault",
    "rust_kernel: panicked",
    "kernel BUG",
    "Kernel BUG",
    "BUG kmalloc-",
    "divide error:",
    "divide_error:",
    "invalid opcode:",
    "UBSAN:",
    "Booting the kernel.",
    "unregister_netdevice: waiting for",
    "VFS: Close: file count is 0",
    "VFS: Busy inodes after unmount",
    "Internal error:",
    "Unhandled fault:",
    "Alignment trap:",
    "trusty: panic",
    "fatal error:",
    "SYZFAIL:",
    "SYZFATAL:",
    "panic:",
    // Not oopses, but messages with a stack of their own.
    "vmalloc: allocation failure:",
    "FAULT_INJECTION: forcing a failure",
    "FAULT_FLAG_ALLOW_RETRY missing",
];

/// Lines that contain a header but are not a report (per-header
/// suppressions), or that do not start a new one (`reportStartIgnores`).
const NOT_A_START: &[&str] = &[
    "ODEBUG:",
    "Boot_DEBUG:",
    "xlog_status:",
    "DEBUG:",
    "BUG: no syscalls can create resource",
    "INFO: lockdep is turned off",
    "INFO: Stall ended before state dump start",
    "INFO: NMI handler",
    "INFO: recovery required on readonly filesystem",
    "INFO: no syscalls can create resource",
    "rmt_storage:INFO:",
    "_INFO:",
    "WARNING: /etc/ssh/moduli does not exist",
    "WARNING: workqueue cpumask",
    "WARNING: Unprivileged eBPF is enabled",
    "_panic:",
    "ddb.onpanic:",
    "evtlog_status:",
    "invalid opcode: 0000",
    "Kernel panic - not syncing",
    "PANIC: double fault",
    "Internal error:",
    "fatal error: cannot create timer",
];

thread_local! {
    static STARTS: (AhoCorasick, AhoCorasick) = (
        AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(HEADERS).expect("valid headers"),
        AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(NOT_A_START).expect("valid suppressions"),
    );
}

/// True when `raw` would start a second report (approximately: a line with
/// a header and with none of the suppressions is taken as one).
pub fn starts_report(raw: &str) -> bool {
    STARTS.with(|(headers, not_a_start)| {
        headers.is_match(raw)
            && !(not_a_start.is_match(raw)
                // `unregister_netdevice: waiting for` does not cut either.
                || raw.contains("unregister_netdevice: waiting for"))
    })
}
