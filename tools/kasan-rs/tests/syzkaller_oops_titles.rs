//! syzkaller's titles for the Linux oopses other than KASAN
//! (report::syzkaller::linux_oops), table-driven like syzkaller_titles.rs.
//!
//! Two kinds of case. `testdata` cases follow a file of google/syzkaller's
//! pkg/report/testdata/linux/report/N: the expected title, alternative
//! titles, crash type and corrupted flag are its header's; the console is
//! ours, cut to the features that decide the title (header shapes, printk
//! contexts, interleaved callers, which frames are skipped, where the text
//! ends). `rule` cases are 6.12 arm64 consoles of the formats the fuzz
//! campaign meets, with the title that syzkaller's format (linux.go) and
//! skip patterns give; they pin our reading of those rules.

use kasan_rs_tools::report::syzkaller::linux_oops::describe_console;

struct Case {
    /// `testdata N@commit` or `rule`.
    source: &'static str,
    title: &'static str,
    alt: &'static [&'static str],
    crash_type: &'static str,
    corrupted: bool,
    /// Console lines; `[T1]`-style caller ids are written by the case.
    log: &'static str,
}

fn console(log: &str) -> Vec<String> {
    log.trim_matches('\n')
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if let Some(rest) = l.strip_prefix('@') {
                rest.to_string()
            } else {
                format!("[  {}.{:06}] {}", 100 + i / 1000, i % 1000, l)
            }
        })
        .collect()
}

const CASES: &[Case] = &[
    Case {
        // Two tasks fault at once; the first's text (its caller id) is read,
        // `Internal error:` does not end it, the panic more than 22 lines in
        // does; pc and the first trace frames are skipped allocators.
        source: "testdata 680@3e934ccc",
        title: "BUG: unable to handle kernel paging request in simple_xattr_alloc",
        alt: &["bad-access in simple_xattr_alloc"],
        crash_type: "MEMORY_SAFETY_BUG",
        corrupted: false,
        log: "
@[   34.404245][ T3083] Unable to handle kernel paging request at virtual address 00616161616161a1
@[   34.406713][ T3083] Mem abort info:
@[   34.407658][ T3083]   ESR = 0x0000000096000004
@[   34.415404][ T3080] Unable to handle kernel paging request at virtual address 00616161616161a1
@[   34.417606][ T3080] Mem abort info:
@[   34.423545][ T3083] Internal error: Oops: 0000000096000004 [#1] PREEMPT SMP
@[   34.426681][ T3083] Modules linked in:
@[   34.429489][ T3083] CPU: 0 PID: 3083 Comm: udevd Not tainted 6.1.0 #0
@[   34.434962][ T3083] pstate: 40400005 (nZcv daif +PAN -UAO -TCO -DIT -SSBS BTYPE=--)
@[   34.434950][ T3083] pc : __kmem_cache_alloc_node+0x17c/0x350
@[   34.434965][ T3083] lr : __kmem_cache_alloc_node+0x80/0x350
@[   34.434973][ T3083] sp : ffff80000fee3890
@[   34.470248][ T3083] Call trace:
@[   34.471114][ T3083]  __kmem_cache_alloc_node+0x17c/0x350
@[   34.472525][ T3083]  __kmalloc_node+0xbc/0x14c
@[   34.473703][ T3083]  kvmalloc_node+0x84/0x1a4
@[   34.474905][ T3083]  simple_xattr_alloc+0x50/0x90
@[   34.476169][ T3083]  shmem_initxattrs+0x44/0xf0
@[   34.484696][ T3083]  __arm64_sys_openat+0xb0/0xe0
@[   34.489365][ T3083]  el0_svc+0x58/0x150
@[   34.491794][ T3083] Code: 54000ee1 34000eeb b9402a69 91002103 (f8696ada)
@[   34.493712][ T3083] ---[ end trace 0000000000000000 ]---
@[   34.717898][ T3083] Kernel panic - not syncing: Oops: Fatal exception
",
    },
    Case {
        // No timer-interrupt frame for either stack format: the frame is
        // `corrupted`.
        source: "testdata 720@012c1d70",
        title: "INFO: rcu detected stall in corrupted",
        alt: &["stall in corrupted"],
        crash_type: "HANG",
        corrupted: true,
        log: "
@[  204.021600][    C1] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
@[  204.023224][    C1] rcu: \tTasks blocked on level-0 rcu_node (CPUs 0-1): P9294/1:b..l
@[  204.030279][    C1] Call Trace:
@[  204.031560][    C1]  <TASK>
@[  204.032216][    C1]  __schedule+0x1335/0x44b0
@[  204.038603][    C1]  preempt_schedule_common+0x9c/0xe0
@[  204.045309][    C1]  vprintk_emit+0x545/0x5e0
@[  204.063856][    C1]  nsim_udp_tunnel_set_port+0x2a8/0x460
@[  204.142918][    C1]  do_syscall_64+0xe3/0x230
@[  204.154494][    C1]  </TASK>
@[  204.189690][    C1] Sending NMI from CPU 1 to CPUs 0:
@[  204.190546][    C0] NMI backtrace for cpu 0
",
    },
    Case {
        source: "rule",
        title: "WARNING in foo_frobnicate",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
------------[ cut here ]------------
WARNING: CPU: 1 PID: 123 at mm/foo.c:12 foo_frobnicate+0x10/0x20
Modules linked in:
CPU: 1 UID: 0 PID: 123 Comm: trinity-c0 Not tainted 6.12.0 #1
pc : foo_frobnicate+0x10/0x20
lr : foo_ioctl+0x44/0x80
Call trace:
 foo_frobnicate+0x10/0x20
 foo_ioctl+0x44/0x80
 __arm64_sys_ioctl+0xac/0xf0
",
    },
    Case {
        // The first `at:` frame is skipped (__might_fault), the second names it.
        source: "rule",
        title: "possible deadlock in pipe_write",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: false,
        log: "
======================================================
WARNING: possible circular locking dependency detected
6.12.0 #1 Not tainted
------------------------------------------------------
trinity-c1/345 is trying to acquire lock:
ffff0000c1234567 (&mm->mmap_lock){++++}-{3:3}, at: __might_fault+0x5c/0xb0

but task is already holding lock:
ffff0000c7654321 (&pipe->mutex){+.+.}-{3:3}, at: pipe_write+0x5c/0x7a0

which lock already depends on the new lock.

stack backtrace:
CPU: 0 UID: 0 PID: 345 Comm: trinity-c1 Not tainted 6.12.0 #1
Call trace:
 dump_backtrace+0x98/0xf0
 show_stack+0x18/0x24
 dump_stack_lvl+0x60/0x80
 print_circular_bug+0x290/0x370
 __lock_acquire+0x1514/0x2490
 lock_acquire+0x118/0x2f8
 __might_fault+0x74/0xb0
 copy_page_from_iter+0x98/0x12c
 pipe_write+0x2ac/0x7a0
 vfs_write+0x2d8/0x3c0
",
    },
    Case {
        // Cut before `is trying to acquire lock`: the title matched, the
        // report expression did not, so no later format may win and the
        // header line is the title, corrupted.
        source: "rule",
        title: "WARNING: possible circular locking dependency detected",
        alt: &[],
        crash_type: "WARNING",
        corrupted: true,
        log: "
======================================================
WARNING: possible circular locking dependency detected
6.12.0 #1 Not tainted
------------------------------------------------------
",
    },
    Case {
        source: "rule",
        title: "possible deadlock in foo_lock_both",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: false,
        log: "
============================================
WARNING: possible recursive locking detected
6.12.0 #1 Not tainted
--------------------------------------------
trinity-c2/346 is trying to acquire lock:
ffff0000c0000010 (&foo->lock){+.+.}-{2:2}, at: foo_lock_both+0x30/0x60

but task is already holding lock:
ffff0000c0000020 (&foo->lock){+.+.}-{2:2}, at: foo_lock_both+0x20/0x60

stack backtrace:
Call trace:
 dump_backtrace+0x98/0xf0
 _raw_spin_lock+0x48/0x60
 foo_lock_both+0x30/0x60
",
    },
    Case {
        // The title's frame comes from the trace, past lockdep's own frames.
        source: "rule",
        title: "inconsistent lock state in foo_timer_fn",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: false,
        log: "
================================
WARNING: inconsistent lock state
6.12.0 #1 Not tainted
--------------------------------
inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.
swapper/0/0 [HC0[0]:SC1[1]:HE1:SE0] takes:
ffff000012345678 (&foo->lock){+.?.}-{2:2}, at: foo_timer_fn+0x24/0x80
{SOFTIRQ-ON-W} state was registered at:
  lock_acquire+0x118/0x2f8
  _raw_spin_lock+0x48/0x60
  foo_ioctl+0x30/0x90
stack backtrace:
CPU: 0 UID: 0 PID: 0 Comm: swapper/0 Not tainted 6.12.0 #1
Call trace:
 dump_backtrace+0x98/0xf0
 show_stack+0x18/0x24
 dump_stack_lvl+0x60/0x80
 print_usage_bug.part.0+0x2a4/0x2f4
 mark_lock+0x6a8/0x7a0
 __lock_acquire+0x8d4/0x2490
 lock_acquire+0x118/0x2f8
 _raw_spin_lock+0x48/0x60
 foo_timer_fn+0x24/0x80
 call_timer_fn+0x3c/0x1c0
",
    },
    Case {
        // KFENCE prints no `Call trace:` and lower-case `allocated by task`
        // lines: no stack keyword, so isCorrupted's stack rule (as we read
        // it; no syzkaller KFENCE testdata file was checked) marks it corrupted.
        source: "rule",
        title: "KFENCE: use-after-free read in foo_read",
        alt: &["bad-access in foo_read"],
        crash_type: "KFENCE",
        corrupted: true,
        log: "
==================================================================
BUG: KFENCE: use-after-free read in foo_read+0x30/0x60

Use-after-free read at 0x00000000abcdef12 (in kfence-#12):
 foo_read+0x30/0x60
 vfs_read+0xc8/0x2e0
 ksys_read+0x70/0x104

kfence-#12: 0x00000000abcdef00-0x00000000abcdef1f, size=32, cache=kmalloc-32

allocated by task 12 on cpu 0 at 10.100000s:
 foo_open+0x40/0x90
",
    },
    Case {
        source: "rule",
        title: "kernel BUG in foo_check",
        alt: &[],
        crash_type: "BUG",
        corrupted: false,
        log: "
------------[ cut here ]------------
kernel BUG at drivers/foo/foo.c:42!
Internal error: Oops - BUG: 00000000f2000800 [#1] PREEMPT SMP
Modules linked in:
CPU: 1 UID: 0 PID: 77 Comm: trinity-c3 Not tainted 6.12.0 #1
pc : foo_check+0x20/0x28
lr : foo_ioctl+0x50/0x80
Call trace:
 foo_check+0x20/0x28
 foo_ioctl+0x50/0x80
",
    },
    Case {
        // The blocked task's scheduler and waiting frames are skipped by the
        // hang extractor (`sched`, `wait`, ... anywhere in the name).
        source: "rule",
        title: "INFO: task hung in foo_drain_all",
        alt: &["hang in foo_drain_all"],
        crash_type: "HANG",
        corrupted: false,
        log: "
INFO: task trinity-c0:123 blocked for more than 143 seconds.
      Not tainted 6.12.0 #1
\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.
task:trinity-c0      state:D stack:0     pid:123   tgid:123   ppid:1      flags:0x00000008
Call trace:
 __switch_to+0xe4/0x130
 __schedule+0x2c4/0x8e0
 schedule+0x38/0xd0
 schedule_timeout+0x90/0x110
 wait_for_completion+0x80/0x150
 foo_wait_done+0x30/0x60
 foo_drain_all+0x40/0x70
 foo_ioctl+0x44/0x80
",
    },
    Case {
        // The stall extractor: the frame before the first anchor
        // (`vfs_ioctl`), not the spinning one.
        source: "rule",
        title: "BUG: soft lockup in foo_ioctl",
        alt: &["stall in foo_ioctl"],
        crash_type: "HANG",
        corrupted: false,
        log: "
watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [trinity-c0:123]
Modules linked in:
CPU: 0 UID: 0 PID: 123 Comm: trinity-c0 Not tainted 6.12.0 #1
pc : foo_spin+0x10/0x20
lr : foo_ioctl+0x44/0x80
Call trace:
 foo_spin+0x10/0x20
 foo_ioctl+0x44/0x80
 vfs_ioctl+0x2c/0x60
 __arm64_sys_ioctl+0xac/0xf0
",
    },
    Case {
        // The fixed-text format comes before the generic one.
        source: "rule",
        title: "kernel panic: Attempted to kill init!",
        alt: &[],
        crash_type: "DoS",
        corrupted: false,
        log: "
Kernel panic - not syncing: Attempted to kill init! exitcode=0x0000000b
CPU: 0 UID: 0 PID: 1 Comm: init Not tainted 6.12.0 #1
Call trace:
 dump_backtrace+0x98/0xf0
 panic+0x16c/0x37c
 do_exit+0x8a8/0x8b0
",
    },
];

#[test]
fn oops_titles_match_syzkaller() {
    let mut failures = Vec::new();
    for case in CASES {
        let lines = console(case.log);
        let Some(got) = describe_console(lines.iter().map(String::as_str)) else {
            failures.push(format!("{} {}: no oops found", case.source, case.title));
            continue;
        };
        let alts: Vec<&str> = got.alt_titles.iter().map(String::as_str).collect();
        let have = (
            got.title.as_str(),
            alts,
            got.crash_type.as_str(),
            got.corrupted,
        );
        let want = (
            case.title,
            case.alt.to_vec(),
            case.crash_type,
            case.corrupted,
        );
        if have != want {
            failures.push(format!(
                "{}: got {have:?} ({:?}), want {want:?}",
                case.source, got.corrupted_reason
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
