//! syzkaller's titles for the Linux oopses other than KASAN
//! (report::syzkaller::linux_oops), table-driven like syzkaller_titles.rs.
//!
//! Two kinds of case. `testdata` cases follow a file of google/syzkaller's
//! pkg/report/testdata/linux/report/N (`N@commit`: the version read; where
//! several are stored, the one find_files lists): the expected title,
//! alternative titles, crash type (empty: the file has no TYPE line) and
//! corrupted flag are its header's, an empty title a file without TITLE (no
//! crash may be found); the console is
//! ours, cut to the features that decide the title (header shapes, printk
//! contexts, interleaved callers, which frames are skipped, where the text
//! ends). `rule` cases are 6.12 arm64 consoles of the formats the fuzz
//! campaign meets, with the title that syzkaller's format (linux.go) and
//! skip patterns give; they pin our reading of those rules.

use kasan_rs_tools::fuzz::protocol::crash_start;
use kasan_rs_tools::report::syzkaller::linux_oops::{describe_console, first_oops};

struct Case {
    /// `testdata N@commit` or `rule`. An empty title: the file has no
    /// TITLE (no crash may be found).
    source: &'static str,
    title: &'static str,
    alt: &'static [&'static str],
    /// Empty when the file has no `TYPE:` line (then not compared).
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
    Case {
        // arm64 self-detected stall: the GP kthread's stack and the other
        // CPU's task dump come first; the stalled CPU's trace past the
        // timer interrupt names it, the arm64 syscall wrapper as `sys_`.
        source: "testdata 688@3287448d",
        title: "INFO: rcu detected stall in sys_recvmmsg",
        alt: &["stall in sys_recvmmsg"],
        crash_type: "HANG",
        corrupted: false,
        log: "
@[  211.725670][    C1] rcu: INFO: rcu_sched self-detected stall on CPU
@[  211.727544][    C1] rcu: \t1-...!: (10499 ticks this GP) idle=1f1/1/0x4000000000000002 softirq=211/212 fqs=0
@[  211.730327][    C1] \t(t=10500 jiffies g=311 q=17)
@[  211.731616][    C1] rcu: rcu_sched kthread starved for 10500 jiffies! g311 f0x0 RCU_GP_WAIT_FQS(5) ->state=0x0 ->cpu=0
@[  211.737083][    C1] rcu: RCU grace-period kthread stack dump:
@[  211.738658][    C1] task:rcu_sched       state:R  running task on cpu   0   stack:    0 pid:   13 ppid:     2 flags:0x00000008
@[  211.741712][    C1] Call trace:
@[  211.742580][    C1]  __switch_to+0x10/0x20
@[  211.743759][    C1]  __schedule+0x10/0x20
@[  211.744891][    C1]  schedule_timeout+0x10/0x20
@[  211.747210][    C1]  rcu_gp_kthread+0x10/0x20
@[  211.749712][    C1]  kthread+0x10/0x20
@[  211.750767][    C1]  ret_from_fork+0x10/0x20
@[  211.751954][    C1] rcu: Stack dump where RCU GP kthread last ran:
@[  211.753610][    C1] Task dump for CPU 0:
@[  211.754667][    C1] task:trinity-c1      state:R  running task on cpu   0   stack:    0 pid:  432 ppid:   414 flags:0x00000002
@[  211.757734][    C1] Call trace:
@[  211.758593][    C1]  __switch_to+0x10/0x20
@[  211.759750][    C1]  0x202
@[  211.760503][    C1] Task dump for CPU 1:
@[  211.761565][    C1] task:trinity-c0      state:R  running task on cpu   1   stack:    0 pid:  429 ppid:   407 flags:0x00000002
@[  211.764661][    C1] Call trace:
@[  211.765509][    C1]  walk_stackframe+0x10/0x20
@[  211.766717][    C1]  show_stack+0x10/0x20
@[  211.770301][    C1]  rcu_dump_cpu_stacks+0x10/0x20
@[  211.774184][    C1]  rcu_sched_clock_irq+0x10/0x20
@[  211.775546][    C1]  update_process_times+0x10/0x20
@[  211.776929][    C1]  tick_sched_timer+0x10/0x20
@[  211.779598][    C1]  hrtimer_interrupt+0x10/0x20
@[  211.780909][    C1]  arch_timer_handler_virt+0x10/0x20
@[  211.785016][    C1]  gic_handle_irq+0x10/0x20
@[  211.789988][    C1]  el1_interrupt+0x10/0x20
@[  211.791312][    C1]  el1h_64_irq_handler+0x10/0x20
@[  211.792422][    C1]  el1h_64_irq+0x10/0x20
@[  211.793620][    C1]  lock_acquire+0x10/0x20
@[  211.794925][    C1]  _raw_spin_lock_bh+0x10/0x20
@[  211.796127][    C1]  sk_msg_recvmsg+0x10/0x20
@[  211.797490][    C1]  inet_recvmsg+0x10/0x20
@[  211.798695][    C1]  ____sys_recvmsg+0x10/0x20
@[  211.799947][    C1]  do_recvmmsg+0x10/0x20
@[  211.801142][    C1]  __arm64_sys_recvmmsg+0x10/0x20
@[  211.802546][    C1]  invoke_syscall+0x10/0x20
@[  211.803758][    C1]  el0_svc_common+0x10/0x20
@[  211.806112][    C1]  el0_svc+0x10/0x20
@[  211.808519][    C1]  el0t_64_sync+0x10/0x20
",
    },
    Case {
        // Hung task: the scheduler and mutex frames are skipped and so is
        // rcu_barrier, which the generic skip list names.
        source: "testdata 692@018150f4",
        title: "INFO: task hung in netdev_run_todo",
        alt: &["hang in netdev_run_todo"],
        crash_type: "HANG",
        corrupted: false,
        log: "
@INFO: task kworker/u4:2:4166 blocked for more than 143 seconds.
@      Not tainted 6.0.0 #0
@\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.
@task:kworker/u4:2    state:D stack:26000 pid:4166  ppid:2      flags:0x00004000
@Workqueue: netns cleanup_net
@Call Trace:
@ <TASK>
@ context_switch kernel/sched/core.c:5100 [inline]
@ __schedule+0xa0/0x5000 kernel/sched/core.c:6400
@ schedule+0xd0/0x1b0 kernel/sched/core.c:6500
@ schedule_preempt_disabled+0xf/0x20 kernel/sched/core.c:6600
@ __mutex_lock_common kernel/locking/mutex.c:600 [inline]
@ __mutex_lock+0xa0/0x1300 kernel/locking/mutex.c:700
@ rcu_barrier+0x40/0x700 kernel/rcu/tree.c:3900
@ netdev_run_todo+0x200/0x1100 net/core/dev.c:10300
@ vti6_exit_batch_net+0x300/0x670 net/ipv6/ip6_vti.c:1100
@ ops_exit_list+0x100/0x170 net/core/net_namespace.c:160
@ cleanup_net+0x400/0xb00 net/core/net_namespace.c:500
@ process_one_work+0x900/0x1610 kernel/workqueue.c:2200
@ worker_thread+0x600/0x1080 kernel/workqueue.c:2400
@ kthread+0x2e0/0x3a0 kernel/kthread.c:300
@ ret_from_fork+0x1f/0x30 arch/x86/entry/entry_64.S:300
@ </TASK>
@INFO: lockdep is turned off.
@NMI backtrace for cpu 0
@CPU: 0 PID: 29 Comm: khungtaskd Not tainted 6.0.0 #0
@Call Trace:
@ <TASK>
@ dump_stack_lvl+0xcd/0x134 lib/dump_stack.c:106
@ watchdog+0xbf9/0xf30 kernel/hung_task.c:377
@ kthread+0x2e4/0x3a0 kernel/kthread.c:376
@ </TASK>
",
    },
    Case {
        // A WARNING whose own format (zero-size vmalloc) reads the first
        // frame past the vmalloc entries of the call trace.
        source: "testdata 686@0a9c11b6",
        title: "WARNING: zero-size vmalloc in bpf_check",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
@------------[ cut here ]------------
@WARNING: CPU: 0 PID: 5973 at mm/vmalloc.c:3100 __vmalloc_node_range+0x1000/0x1300 mm/vmalloc.c:3100
@Modules linked in:
@CPU: 0 PID: 5973 Comm: syz-executor.0 Not tainted 6.2.0-rc6 #0
@RIP: 0010:__vmalloc_node_range+0x1000/0x1300 mm/vmalloc.c:3100
@RSP: 0018:ffffc90015d7f6d0 EFLAGS: 00010216
@Call Trace:
@ <TASK>
@ __vmalloc_node mm/vmalloc.c:3200 [inline]
@ vzalloc+0x6b/0x80 mm/vmalloc.c:3300
@ bpf_check+0x1b8/0xae50 kernel/bpf/verifier.c:17200
@ bpf_prog_load+0x1600/0x21d0 kernel/bpf/syscall.c:2600
@ __sys_bpf+0x1400/0x5100 kernel/bpf/syscall.c:4900
@ __x64_sys_bpf+0x79/0xc0 kernel/bpf/syscall.c:5000
@ do_syscall_64+0x39/0xb0 arch/x86/entry/common.c:80
@ entry_SYSCALL_64_after_hwframe+0x63/0xcd
@RIP: 0033:0x7f934c08c0c9
@ </TASK>
",
    },
    Case {
        // A fixed-text VFS message is a DoS with its own title.
        source: "testdata 683@8581f7c9",
        title: "VFS: Close: file count is zero (use-after-free)",
        alt: &[],
        crash_type: "DoS",
        corrupted: false,
        log: "
@VFS: Close: file count is 0
",
    },
    Case {
        // arm64 NULL dereference without printk prefixes: the inline `pc :`
        // frame and the first trace frame (unlock_page) are skipped.
        source: "testdata 693@d7d2dced",
        title: "BUG: unable to handle kernel NULL pointer dereference in ni_readpage_cmpr",
        alt: &["bad-access in ni_readpage_cmpr"],
        crash_type: "NULL-POINTER-DEREFERENCE",
        corrupted: false,
        log: "
@Unable to handle kernel NULL pointer dereference at virtual address 0000000000000010
@Mem abort info:
@  ESR = 0x0000000096000006
@  EC = 0x25: DABT (current EL), IL = 32 bits
@Data abort info:
@  ISV = 0, ISS = 0x00000006
@user pgtable: 4k pages, 48-bit VAs, pgdp=000000010adf0000
@Internal error: Oops: 0000000096000006 [#1] PREEMPT SMP
@Modules linked in:
@CPU: 0 PID: 2072 Comm: trinity-c2 Not tainted 6.1.0-rc8 #0
@pstate: 80400005 (Nzcv daif +PAN -UAO -TCO -DIT -SSBS BTYPE=--)
@pc : _compound_head include/linux/page-flags.h:250 [inline]
@pc : unlock_page+0x18/0xb8 mm/folio-compat.c:20
@lr : unlock_page+0x18/0xb8 mm/folio-compat.c:19
@sp : ffff80000ff10000
@x29: ffff80000ff10000 x28: 0000000000000007 x27: fffffc0003300000
@Call trace:
@ unlock_page+0x18/0xb8 mm/folio-compat.c:19
@ ni_readpage_cmpr+0x328/0x7cc fs/ntfs3/frecord.c:2100
@ ntfs_read_folio+0xd8/0x128 fs/ntfs3/inode.c:690
@ filemap_read_folio+0xc4/0x468 mm/filemap.c:2400
@ filemap_read+0x14c/0x6f4 mm/filemap.c:2670
@ vfs_read+0x2d4/0x448 fs/read_write.c:470
@ __arm64_sys_pread64+0xbc/0x11c fs/read_write.c:672
@ invoke_syscall arch/arm64/kernel/syscall.c:52 [inline]
@ el0_svc_common+0x138/0x220 arch/arm64/kernel/syscall.c:142
@ el0_svc+0x58/0x150 arch/arm64/kernel/entry-common.c:637
@ el0t_64_sync+0x190/0x194 arch/arm64/kernel/entry.S:584
@Code: a9014ff4 910003fd aa0003f3 97fac089 (f9400674)
",
    },
    Case {
        // An arm64 WARNING inside the fault handler (a line before the
        // header): the fault path and the exception entry frames are
        // skipped, the faulting function names it.
        source: "testdata 695@61cf2326",
        title: "WARNING in nfc_llcp_unregister_device",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
@------------[ cut here ]------------
@Ignoring spurious kernel translation fault at virtual address dead000000000100
@WARNING: CPU: 1 PID: 5668 at arch/arm64/mm/fault.c:370 __do_kernel_fault+0x158/0x1c0 arch/arm64/mm/fault.c:370
@Modules linked in:
@CPU: 1 PID: 5668 Comm: trinity-c0 Not tainted 6.3.0 #0
@Hardware name: linux,dummy-virt (DT)
@pstate: 60400009 (nZCv daif +PAN -UAO -TCO -DIT -SSBS BTYPE=--)
@pc : __do_kernel_fault+0x158/0x1c0 arch/arm64/mm/fault.c:370
@lr : __do_kernel_fault+0x158/0x1c0 arch/arm64/mm/fault.c:370
@sp : ffff80000aff0000
@x29: ffff80000aff0000 x28: fbff0000236a0000 x27: 0000000000000000
@Call trace:
@ __do_kernel_fault+0x158/0x1c0 arch/arm64/mm/fault.c:370
@ do_bad_area arch/arm64/mm/fault.c:470 [inline]
@ do_translation_fault+0x50/0xb8 arch/arm64/mm/fault.c:730
@ do_mem_abort+0x44/0x94 arch/arm64/mm/fault.c:860
@ el1_abort+0x40/0x60 arch/arm64/kernel/entry-common.c:360
@ el1h_64_sync_handler+0xd8/0xe4 arch/arm64/kernel/entry-common.c:420
@ el1h_64_sync+0x64/0x68 arch/arm64/kernel/entry.S:580
@ nfc_llcp_find_local net/nfc/llcp_core.c:280 [inline]
@ nfc_llcp_unregister_device+0x34/0x10c net/nfc/llcp_core.c:1600
@ nfc_unregister_device+0x74/0xb0 net/nfc/core.c:1170
@ __fput+0x78/0x258 fs/file_table.c:320
@ task_work_run+0x6c/0xc4 kernel/task_work.c:170
@ el0_svc+0xac/0xb0 arch/arm64/kernel/entry-common.c:630
@ el0t_64_sync+0x19c/0x1a0 arch/arm64/kernel/entry.S:590
@---[ end trace 0000000000000000 ]---
",
    },
    Case {
        // An arm64 WARNING followed by a KASAN invalid-free report: the
        // first oops (the WARNING) is the title; the kfree path is skipped.
        // The file has no TYPE line.
        source: "testdata 696@2779d1a0",
        title: "WARNING in ext4_expand_extra_isize_ea",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   33.753662][ T5931] EXT4-fs (loop0): 1 truncate cleaned up
@[   33.760772][ T5931] ------------[ cut here ]------------
@[   33.761985][ T5931] WARNING: CPU: 0 PID: 5931 at mm/slab_common.c:930 free_large_kmalloc+0x34/0x12c
@[   33.764014][ T5931] Modules linked in:
@[   33.764866][ T5931] CPU: 0 PID: 5931 Comm: trinity-c3 Not tainted 6.3.0-rc7 #0
@[   33.769056][ T5931] pstate: 80400005 (Nzcv daif +PAN -UAO -TCO -DIT -SSBS BTYPE=--)
@[   33.770737][ T5931] pc : free_large_kmalloc+0x34/0x12c
@[   33.771839][ T5931] lr : kfree+0xf8/0x19c
@[   33.772695][ T5931] sp : ffff80001e5a0000
@[   33.790504][ T5931] Call trace:
@[   33.791237][ T5931]  free_large_kmalloc+0x34/0x12c
@[   33.792301][ T5931]  kfree+0xf8/0x19c
@[   33.793115][ T5931]  kvfree+0x40/0x50
@[   33.794209][ T5931]  ext4_expand_extra_isize_ea+0xcec/0x16b4
@[   33.795430][ T5931]  __ext4_mark_inode_dirty+0x448/0x848
@[   33.796591][ T5931]  ext4_unlink+0x1b4/0x6a0
@[   33.797542][ T5931]  do_unlinkat+0x4c8/0x82c
@[   33.798519][ T5931]  __arm64_sys_unlinkat+0xcc/0xfc
@[   33.799514][ T5931]  invoke_syscall+0x98/0x2c0
@[   33.800193][ T5931]  el0_svc+0x4c/0x15c
@[   33.801315][ T5931]  el0t_64_sync+0x190/0x194
@[   33.809182][ T5931] irq event stamp: 16132
@[   33.811366][ T5931] hardirqs last  enabled at (16131): [<ffff80000896749c>] kasan_quarantine_put+0x1a0/0x1c8
@[   33.817239][ T5931] ---[ end trace 0000000000000000 ]---
@[   33.819307][ T5931] object pointer: 0x000000001bcaf4ec
@[   33.820407][ T5931] ==================================================================
@[   33.822165][ T5931] BUG: KASAN: invalid-free in kfree+0xf8/0x19c
@[   33.823470][ T5931] Free of addr ffff0000e2310000 by task trinity-c3/5931
@[   33.825489][ T5931] CPU: 0 PID: 5931 Comm: trinity-c3 Tainted: G        W          6.3.0-rc7 #0
@[   33.830082][ T5931] Call trace:
@[   33.830790][ T5931]  dump_backtrace+0x1b8/0x1e4
@[   33.833654][ T5931]  print_report+0x174/0x514
@[   33.834653][ T5931]  kasan_report_invalid_free+0xc4/0x114
@[   33.836828][ T5931]  free_large_kmalloc+0x64/0x12c
@[   33.837930][ T5931]  kfree+0xf8/0x19c
@[   33.838748][ T5931]  kvfree+0x40/0x50
@[   33.839511][ T5931]  ext4_expand_extra_isize_ea+0xcec/0x16b4
@[   33.878183][ T5931] ==================================================================
",
    },
    Case {
        // A 4.4 console that dropped printk messages: every line after the
        // separator starts with `** N printk messages dropped **`, and the
        // first oops header among them is the SLUB trailer's `INFO: Freed
        // in`, before the `BUG: KASAN:` header: syzkaller's corrupted
        // old-style KASAN format titles the line (the offset cut, the 5-digit
        // pid made NUM). The file has no TYPE line. A known difference: the
        // stored header keeps `age=57 cpu=0` (see KNOWN_DIFFERENCES).
        source: "testdata 132@3e647c04",
        title: "INFO: Freed in fasync_free_rcu age=57 cpu=0 pid=NUM",
        alt: &[],
        crash_type: "",
        corrupted: true,
        log: "
@[   81.113402] netlink: 8 bytes leftover after parsing attributes in process `syz-executor3'.
@[   81.114071] ==================================================================
@** 1871 printk messages dropped ** [   81.118220] BUG fasync_cache (Tainted: G    B          ): kasan: bad access detected
@** 3902 printk messages dropped ** [   81.125410] >ffff8800a1b3c280: fc fc 00 00 00 00 00 00 00 00 00 00 00 00 fc fc
@** 4102 printk messages dropped ** [   81.133007] INFO: Freed in fasync_free_rcu+0x14/0x20 age=57 cpu=0 pid=23815
@** 3988 printk messages dropped ** [   81.140552]  [<ffffffff8123a1c4>] ? native_queued_spin_lock_slowpath+0x5ad/0x660
@** 2710 printk messages dropped ** [   81.146112] \tkmem_cache_alloc+0x155/0x290
@** 2901 printk messages dropped ** [   81.151830] \tfasync_helper+0x29/0x90
@** 3312 printk messages dropped ** [   81.158044] Read of size 4 by task syz-executor1/23901
@** 3690 printk messages dropped ** [   81.165130]  [<ffffffff8256b2e0>] sg_remove_request+0x60/0x100
@** 3502 printk messages dropped ** [   81.171960] BUG: KASAN: slab-out-of-bounds in native_queued_spin_lock_slowpath+0x5ad/0x660 at addr ffff8800a1b3c2f4
@** 4011 printk messages dropped ** [   81.179300]  [<ffffffff814da0c3>] kasan_report.part.2+0x227/0x530
@** 3876 printk messages dropped ** [   81.186522] CPU: 1 PID: 23901 Comm: syz-executor1 Tainted: G    B           4.4.105 #3
@** 4440 printk messages dropped ** [   81.193701] ==================================================================
",
    },
    Case {
        // Two tasks' reports interleaved by caller id: task T2201's KASAN
        // separator comes first, but the first oops header is task T2230's
        // general protection fault (the KASAN header follows it); its own
        // lines are read, and with caller ids the other task's KASAN header
        // does not end its text: the refcount helpers (RIP and the first
        // frames) are skipped, `?` frames too. (Both tasks' traces lead to
        // x25_connect, in the file too.) (find_files lists d5684554;
        // read_file gave 6d5486b2.)
        source: "testdata 392@6d5486b2",
        title: "general protection fault in x25_connect",
        alt: &["bad-access in x25_connect"],
        crash_type: "DoS",
        corrupted: false,
        log: "
@[  912.401122][ T2201] ==================================================================
@[  912.401980][ T2230] kasan: GPF could be caused by NULL-ptr deref or user memory access
@[  912.402011][ T2230] general protection fault: 0000 [#1] PREEMPT SMP KASAN
@[  912.402570][ T2201] BUG: KASAN: null-ptr-deref in refcount_sub_and_test_checked+0x87/0x200
@[  912.403004][ T2230] CPU: 0 PID: 2230 Comm: syz-executor.5 Not tainted 5.2.0-rc1+ #26
@[  912.403515][ T2201] Read of size 4 at addr 00000000000000c8 by task syz-executor.5/2201
@[  912.404071][ T2230] RIP: 0010:refcount_sub_and_test_checked+0x8e/0x200
@[  912.404610][ T2201] CPU: 1 PID: 2201 Comm: syz-executor.5 Not tainted 5.2.0-rc1+ #26
@[  912.405093][ T2230] RSP: 0018:ffff88805a1c7bc8 EFLAGS: 00010202
@[  912.405512][ T2201] Call Trace:
@[  912.405980][ T2230] RAX: 0000000000000019 RBX: 00000000000000c8 RCX: ffffffff83342f57
@[  912.406406][ T2201]  dump_stack+0x172/0x1f0
@[  912.406911][ T2201]  __kasan_report.cold+0x5/0x40
@[  912.407370][ T2230] Call Trace:
@[  912.407802][ T2201]  kasan_report+0x12/0x20
@[  912.408301][ T2230]  ? refcount_dec_not_one+0x1f0/0x1f0
@[  912.408744][ T2201]  refcount_sub_and_test_checked+0x87/0x200
@[  912.409102][ T2230]  ? x25_connect+0x8a8/0xea0
@[  912.409689][ T2201]  refcount_dec_and_test_checked+0x1b/0x20
@[  912.410153][ T2230]  refcount_dec_and_test_checked+0x1b/0x20
@[  912.410699][ T2201]  x25_connect+0x8d8/0xea0
@[  912.411140][ T2230]  x25_connect+0x8d8/0xea0
@[  912.411608][ T2201]  __sys_connect+0x264/0x330
@[  912.412015][ T2230]  ? x25_find_socket+0x140/0x140
@[  912.412501][ T2230]  __sys_connect+0x264/0x330
@[  912.412987][ T2201]  __x64_sys_connect+0x73/0xb0
@[  912.413462][ T2230]  __x64_sys_connect+0x73/0xb0
@[  912.413905][ T2201]  do_syscall_64+0xfd/0x680
@[  912.414377][ T2230]  do_syscall_64+0xfd/0x680
@[  912.414809][ T2201] ==================================================================
@[  912.415266][ T2201] Kernel panic - not syncing: panic_on_warn set ...
@[  912.415730][ T2230] Modules linked in:
@[  912.416194][ T2201] Kernel Offset: disabled
",
    },
    Case {
        // lockdep's `WARNING: held lock freed!` (5.2: hashed lock pointers,
        // no address after `at:`) before the KASAN use-after-free of the
        // same task: the first `at:` line names it. (find_files lists
        // e5ac4886; read_file gave 61cf2326.)
        source: "testdata 396@61cf2326",
        title: "WARNING: held lock freed in nr_release",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: false,
        log: "
@[   52.300112][ T7314] =========================
@[   52.300601][ T7314] WARNING: held lock freed!
@[   52.301044][ T7314] 5.2.0-rc6+ #75 Not tainted
@[   52.301502][ T7314] -------------------------
@[   52.301966][ T7314] syz-executor201/7314 is freeing memory ffff8880a21c5000-ffff8880a21c57ff, with a lock still held there!
@[   52.302410][ T7314] 000000004b1c09e2 (sk_lock-AF_NETROM){+.+.}, at: nr_release+0x11a/0x3b0
@[   52.302977][ T7314] 2 locks held by syz-executor201/7314:
@[   52.303418][ T7314]  #0: 0000000017d2a6c0 (&sb->s_type->i_mutex_key#11){+.+.}, at: __sock_release+0x89/0x2a0
@[   52.303911][ T7314]  #1: 000000004b1c09e2 (sk_lock-AF_NETROM){+.+.}, at: nr_release+0x11a/0x3b0
@[   52.304302][ T7314] 
@[   52.304302][ T7314] stack backtrace:
@[   52.304890][ T7314] CPU: 0 PID: 7314 Comm: syz-executor201 Not tainted 5.2.0-rc6+ #75
@[   52.305371][ T7314] Call Trace:
@[   52.305804][ T7314]  dump_stack+0x172/0x1f0
@[   52.306255][ T7314]  debug_check_no_locks_freed.cold+0x9d/0xa9
@[   52.306719][ T7314]  kfree+0xb1/0x220
@[   52.307160][ T7314]  __sk_destruct+0x4f7/0x6e0
@[   52.307603][ T7314]  sk_free+0x42/0x50
@[   52.308071][ T7314]  nr_destroy_socket+0x3df/0x4a0
@[   52.308522][ T7314]  nr_release+0x323/0x3b0
@[   52.308986][ T7314]  __sock_release+0xce/0x2a0
@[   52.309433][ T7314]  sock_close+0x1b/0x30
@[   52.309880][ T7314]  __fput+0x2ff/0x890
@[   52.310330][ T7314]  task_work_run+0x145/0x1c0
@[   52.310789][ T7314]  do_syscall_64+0x58e/0x680
@[   52.311234][ T7314]  entry_SYSCALL_64_after_hwframe+0x49/0xbe
@[   52.320415][ T7314] ==================================================================
@[   52.320887][ T7314] BUG: KASAN: use-after-free in do_raw_spin_lock+0x28a/0x2e0
@[   52.321340][ T7314] Read of size 4 at addr ffff8880a21c508c by task syz-executor201/7314
@[   52.321810][ T7301] syz-executor201 (7301) used greatest stack depth: 23440 bytes left
@[   52.322266][ T7314] 
@[   52.322270][ T7314] CPU: 1 PID: 7314 Comm: syz-executor201 Not tainted 5.2.0-rc6+ #75
@[   52.322274][ T7314] Call Trace:
@[   52.322280][ T7314]  dump_stack+0x172/0x1f0
@[   52.322711][ T7314]  __kasan_report.cold+0x1b/0x40
@[   52.323180][ T7314]  kasan_report+0x12/0x20
@[   52.323631][ T7314]  __asan_report_load4_noabort+0x14/0x20
@[   52.324090][ T7314]  do_raw_spin_lock+0x28a/0x2e0
@[   52.324551][ T7314]  _raw_spin_lock_bh+0x3b/0x50
@[   52.325001][ T7314]  release_sock+0x20/0x1c0
@[   52.325466][ T7314]  nr_release+0x2df/0x3b0
@[   52.325921][ T7314]  __sock_release+0xce/0x2a0
@[   52.330470][ T7314] ==================================================================
",
    },
    Case {
        // arm64 hung task in the newer wording (`blocked in I/O wait`), its
        // header split by a replayed printk: the scheduler, the folio wait
        // and do_read_cache_folio are skipped.
        source: "testdata 1000@74442732",
        title: "INFO: task hung in read_cache_folio",
        alt: &["hang in read_cache_folio"],
        crash_type: "HANG",
        corrupted: false,
        log: "
@[  384.319520][   T31] INFO: t
@** replaying previous printk message **
@[  384.319520][   T31] INFO: task udevd:612 blocked in I/O wait for more than 143 seconds.
@[  384.319554][   T31]       Tainted: G             L      6.18.0 #0
@[  384.319578][   T31] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.
@[  384.319585][   T31] task:udevd           state:D stack:0     pid:612   tgid:612   ppid:302    task_flags:0x400140 flags:0x00800019
@[  384.319601][   T31] Call trace:
@[  384.319605][   T31]  __switch_to+0x2b0/0x6e0 (T)
@[  384.319622][   T31]  __schedule+0x1b74/0x2d24
@[  384.319631][   T31]  schedule+0xa4/0x140
@[  384.319639][   T31]  io_schedule+0x1c/0xe0
@[  384.319647][   T31]  folio_wait_bit_common+0x674/0x9ec
@[  384.319659][   T31]  do_read_cache_folio+0x240/0x5b8
@[  384.319668][   T31]  read_cache_folio+0x68/0x84
@[  384.319677][   T31]  read_part_sector+0xcc/0x6e8
@[  384.319697][   T31]  bdev_disk_changed+0x6fc/0x11c8
@[  384.319728][   T31]  blkdev_open+0x2d8/0x404
@[  384.319747][   T31]  vfs_open+0x44/0x2d4
@[  384.319790][   T31]  __arm64_sys_openat+0x9c/0xb8
@[  384.319799][   T31]  invoke_syscall+0x98/0x244
@[  384.319839][   T31]  el0_svc+0x60/0x25c
@[  384.319848][   T31]  el0t_64_sync+0x198/0x19c
",
    },
    Case {
        // Lockdep's inconsistent-state splat from a softirq: the title's
        // frame is the first of the backtrace past lockdep's own and the
        // lock_sock frames, not the `takes` line's.
        source: "testdata 1003@6b6c6136",
        title: "inconsistent lock state in x25_kill_by_neigh",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: false,
        log: "
@[  161.268908][    C1] ================================
@[  161.274020][    C1] WARNING: inconsistent lock state
@[  161.279128][    C1] 6.18.0 #0 Not tainted
@[  161.283540][    C1] --------------------------------
@[  161.288638][    C1] inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.
@[  161.295476][    C1] swapper/1/0 [HC0[0]:SC1[1]:HE1:SE0] takes:
@[  161.301454][    C1] ffff888026ad0000 (sk_lock-AF_X25){+.?.}-{0:0}, at: x25_kill_by_neigh+0x10d/0x250
@[  161.310786][    C1] {SOFTIRQ-ON-W} state was registered at:
@[  161.316514][    C1]   lock_acquire+0x115/0x350
@[  161.321131][    C1]   lock_sock_nested+0x41/0x100
@[  161.325986][    C1]   x25_bind+0x209/0x450
@[  161.339264][    C1]   do_syscall_64+0x166/0x520
@[  161.350115][    C1] irq event stamp: 476298
@[  161.354439][    C1] hardirqs last  enabled at (476298): [<ffffffff8188efd6>] __local_bh_enable_ip+0xd6/0x140
@[  161.393535][    C1] other info that might help us debug this:
@[  161.428046][    C1]  *** DEADLOCK ***
@[  161.436274][    C1] locks held by swapper/1/0: 1, last CPU#1:
@[  161.442182][    C1]  #0: ffffffff8ed50000 (rcu_read_lock){....}-{1:3}, at: netif_receive_skb_core+0x33/0x2b0
@[  161.452318][    C1] stack backtrace:
@[  161.458234][    C1] CPU: 1 UID: 0 PID: 0 Comm: swapper/1 Not tainted 6.18.0 #0 PREEMPT(full)
@[  161.477322][    C1] Call Trace:
@[  161.480614][    C1]  <IRQ>
@[  161.483480][    C1]  dump_stack_lvl+0xe8/0x150
@[  161.488106][    C1]  print_usage_bug+0x28c/0x2e0
@[  161.492914][    C1]  valid_state+0xbe/0xf0
@[  161.497165][    C1]  mark_lock_irq+0x36/0x380
@[  161.501782][    C1]  mark_lock+0x117/0x190
@[  161.506032][    C1]  __lock_acquire+0x6b7/0x2e50
@[  161.510989][    C1]  ? kasan_quarantine_put+0xbb/0x1f0
@[  161.526019][    C1]  lock_acquire+0x115/0x350
@[  161.530527][    C1]  ? x25_kill_by_neigh+0x10d/0x250
@[  161.540817][    C1]  lock_sock_nested+0x41/0x100
@[  161.550747][    C1]  x25_kill_by_neigh+0x10d/0x250
@[  161.555710][    C1]  x25_lapb_receive_frame+0x1b0/0xfb0
@[  161.577995][    C1]  netif_receive_skb_core+0x2a6/0x2b0
@[  161.592506][    C1]  net_rx_action+0x61d/0xf50
@[  161.602263][    C1]  handle_softirqs+0x226/0x860
@[  161.620653][    C1]  sysvec_apic_timer_interrupt+0xa6/0xc0
@[  161.626297][    C1]  </IRQ>
@[  161.629228][    C1]  <TASK>
@[  161.632152][    C1]  asm_sysvec_apic_timer_interrupt+0x1a/0x20
@[  161.638129][    C1] RIP: 0010:pv_native_safe_halt+0xf/0x20
@[  161.713624][    C1]  default_idle+0x9/0x20
@[  161.736170][    C1]  start_secondary+0x101/0x110
@[  161.745911][    C1]  </TASK>
",
    },
    Case {
        // The task's name holds a newline: the header goes on on the next
        // console line. Scheduler, wait and flush_work frames are skipped.
        source: "testdata 1001@74442732",
        title: "INFO: task hung in p9_fd_close",
        alt: &["hang in p9_fd_close"],
        crash_type: "HANG",
        corrupted: false,
        log: "
@[  952.080846][   T41] INFO: task \u{fffd}\u{fffd}
@[  952.080846][   T41] \u{fffd} !:8088 blocked for more than 143 seconds.
@[  952.101131][   T41]       Tainted: G             L      6.18.0 #0
@[  952.124530][   T41] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.
@[  952.150223][   T41] task:\u{fffd}\u{fffd}
@[  952.150223][   T41] \u{fffd} ! state:D stack:25960 pid:8088  tgid:8087  ppid:5126   task_flags:0x400140 flags:0x08080002
@[  952.189780][   T41] Call Trace:
@[  952.199981][   T41]  <TASK>
@[  952.211420][   T41]  __schedule+0x10e9/0x6820
@[  952.215835][   T41]  ? __pfx___schedule+0x10/0x10
@[  952.227703][   T41]  schedule+0xdd/0x390
@[  952.258119][   T41]  schedule_timeout+0x1b2/0x280
@[  952.291037][   T41]  __wait_for_common+0x2e7/0x4c0
@[  952.348967][   T41]  ? __flush_work+0x928/0xcb0
@[  952.427704][   T41]  __flush_work+0x7c7/0xcb0
@[  952.456896][   T41]  p9_fd_close+0x299/0x5a0
@[  952.458482][   T41]  p9_client_create+0x678/0xd40
@[  952.506956][   T41]  v9fs_session_init+0x3c/0xd20
@[  952.574127][   T41]  vfs_get_tree+0x92/0x320
@[  952.648963][   T41]  __ia32_sys_mount+0x292/0x310
@[  952.669251][   T41]  __do_fast_syscall_32+0xe7/0x950
@[  952.690801][   T41]  entry_SYSENTER_compat_after_hwframe+0x84/0x8e
@[  952.751781][   T41]  </TASK>
",
    },
    Case {
        // rcu_tasks' stall: the timer interrupt is only a `?` frame and
        // every frame after it is questionable: no frame, corrupted.
        source: "testdata 1002@0212dbee",
        title: "INFO: rcu detected stall in corrupted",
        alt: &["stall in corrupted"],
        crash_type: "HANG",
        corrupted: true,
        log: "
@[ 1992.224966][   T28] INFO: rcu_tasks detected stalls on tasks:
@[ 1992.379261][   T28] ffff88802f590000: .. nvcsw: 2/2 holdout: 1 idle_cpu: -1/1
@[ 1992.654083][   T28] task:repro           state:R  running task     stack:24168 pid:4797  tgid:4796  ppid:615    task_flags:0x400140 flags:0x00080005
@[ 1992.871337][   T76] netdevsim netdevsim2 netdevsim2: set [1, 0] type 2 family 0 port 6081 - 0
@[ 1993.020301][   T28] Call Trace:
@[ 1993.141413][   T28]  <TASK>
@[ 1993.220961][   T28]  ? __schedule+0x11d7/0x6730
@[ 1993.772455][   T28]  ? asm_sysvec_apic_timer_interrupt+0x1a/0x20
@[ 1993.847154][   T28]  ? rcu_is_watching+0x12/0xc0
@[ 1993.870232][   T28]  ? preempt_schedule_thunk+0x16/0x40
@[ 1995.229675][   T28]  ? p9_client_rpc+0x869/0xd60
@[ 1996.569122][   T28]  ? p9_fd_poll+0x1db/0x2c0
@[ 1996.830124][   T28]  ? vfs_get_tree+0x92/0x320
@[ 1996.926478][   T28]  ? __x64_sys_mount+0x293/0x310
@[ 1996.986293][   T28]  ? do_syscall_64+0x115/0x870
@[ 1997.015514][   T28]  ? entry_SYSCALL_64_after_hwframe+0x77/0x7f
@[ 1997.041091][   T28]  </TASK>
",
    },
    Case {
        // Also titled by the `takes` line (the backtrace agrees here: the
        // spin lock frames are skipped).
        source: "testdata 1004@2f52988a",
        title: "inconsistent lock state in tcp_tsq_handler",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: false,
        log: "
@[ 1326.210317][    C0] ================================
@[ 1326.215411][    C0] WARNING: inconsistent lock state
@[ 1326.220589][    C0] 6.18.0 #0 Tainted: G             L
@[ 1326.226565][    C0] --------------------------------
@[ 1326.231652][    C0] inconsistent {SOFTIRQ-ON-R} -> {IN-SOFTIRQ-W} usage.
@[ 1326.238569][    C0] repro/2217 [HC0[0]:SC1[1]:HE1:SE0] takes:
@[ 1326.244964][    C0] ffff888077dd0000 (kn->active#67){.+-+}-{0:0}, at: tcp_tsq_handler+0x29/0x200
@[ 1326.254081][    C0] {SOFTIRQ-ON-R} state was registered at:
@[ 1326.259793][    C0]   lock_acquire+0x115/0x350
@[ 1326.264394][    C0]   kernfs_get_active+0xfe/0x170
@[ 1326.426559][    C0] stack backtrace:
@[ 1326.457686][    C0] Call Trace:
@[ 1326.460952][    C0]  <IRQ>
@[ 1326.463781][    C0]  dump_stack_lvl+0xe8/0x150
@[ 1326.468367][    C0]  print_usage_bug+0x28c/0x2e0
@[ 1326.473116][    C0]  valid_state+0xbe/0xf0
@[ 1326.477345][    C0]  mark_lock_irq+0x58/0x380
@[ 1326.491531][    C0]  mark_lock+0x117/0x190
@[ 1326.495759][    C0]  __lock_acquire+0x6b7/0x2e50
@[ 1326.520991][    C0]  lock_acquire+0x115/0x350
@[ 1326.530319][    C0]  _raw_spin_lock+0x2e/0x40
@[ 1326.539658][    C0]  tcp_tsq_handler+0x29/0x200
@[ 1326.544325][    C0]  tcp_tsq_workfn+0x384/0x410
@[ 1326.564634][    C0]  process_scheduled_works+0xc3d/0x1630
@[ 1326.585732][    C0]  bh_worker+0x451/0x870
@[ 1326.594374][    C0]  handle_softirqs+0x226/0x860
@[ 1326.618304][    C0]  </IRQ>
",
    },
    Case {
        // Boot messages of another writer glued in front of the printk
        // prefixes; an include path with `./` in the header.
        source: "testdata 1006@2dcb56e3",
        title: "WARNING in iommu_map_sg",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
@date-utmp-runlev[  288.557819][T21583] ------------[ cut here ]------------
@el.service [0m.[  288.564375][T21583] WARNING: CPU: 2 PID: 21583 at ./include/linux/scatterlist.h:410 iommu_map_sg+0x496/0xa40
@[  288.575609][T21583] Modules linked in:
@[  288.604937][T21583] RIP: 0010:iommu_map_sg+0x496/0xa40
@[  288.690351][T21583] Call Trace:
@[  288.690355][T21583]  <TASK>
@0m] Started  [0;[  288.690374][T21583]  [<ffffffff8361b960>] ? __pfx_iommu_map_sg+0x10/0x10
@1;39mconsole-get[  288.720331][T21583]  [<ffffffff836321cd>] ? iommu_dma_alloc_iova+0x2ed/0x520
@ty.service [0m.[  288.720353][T21583]  [<ffffffff83630ad8>] iommu_dma_map_sg+0xb58/0x1020
@[  288.777909][T21583]  [<ffffffff8447fe9d>] dma_map_all_memory+0xb5d/0xf70
@[  288.976911][T21583]  </TASK>
@[  289.021597][T21583] ---[ end trace 0000000000000000 ]---
",
    },
    Case {
        // A workqueue lockup titled by the first stalled worker's work
        // function. The file has no TYPE line.
        source: "testdata 1009@edec9137",
        title: "BUG: workqueue lockup in wg_packet_handshake_receive_worker",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[  282.092519][    C1] bridge0: received packet on veth0_to_bridge with own address as source address (addr:aa:aa:aa:aa:aa:0c, vlan:0)
@[  286.486862][    C0] BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 168s!
@[  286.496941][    C0] Showing busy workqueues and worker pools:
@[  286.503548][    C0] workqueue events: flags=0x100
@[  286.508486][    C0]   pwq 2: cpus=0 node=0 flags=0x0 nice=0 active=12 refcnt=13
@[  286.508541][    C0]     pending: nsim_dev_hwstats_traffic_work, 3*psi_avgs_work, vmstat_shepherd
@[  286.508711][    C0]   pwq 6: cpus=1 node=0 flags=0x0 nice=0 active=1 refcnt=2
@[  286.508752][    C0]     in-flight: 5684:reg_todo for 170s
@[  286.993705][    C1] net_ratelimit: 10187 callbacks suppressed
@[  287.489566][    C0] pool 2: cpus=0 node=0 flags=0x0 nice=0 hung=169s workers=8 idle: 9 187 5727
@[  287.489762][    C0] Showing backtraces of busy workers in stalled worker pools:
@[  287.549176][    C0] pool 2:
@[  287.549190][    C0] task:kworker/0:1     state:R  running task     stack:23976 pid:10    tgid:10    ppid:2      task_flags:0x4208060 flags:0x00080000
@[  287.549261][    C0] Workqueue: wg-kex-wg0 wg_packet_handshake_receive_worker
@[  287.549310][    C0] Call Trace:
@[  287.549317][    C0]  <TASK>
@[  287.549332][    C0]  __schedule+0x17d9/0x56c0
@[  287.549623][    C0]  preempt_schedule_common+0x82/0xd0
@[  287.549669][    C0]  preempt_schedule_thunk+0x16/0x40
",
    },
    Case {
        // The same lockup cut before the backtraces: the plain title.
        source: "testdata 1011@197aa311",
        title: "BUG: workqueue lockup",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   42.731746][ T6029] loop0: detected capacity change from 0 to 256
@[   53.773184][    C0] sched: DL replenish lagged too much
@[   90.749082][    C0] BUG: workqueue lockup - pool cpus=0 node=0 flags=0x0 nice=0 stuck for 35s!
@[   90.749180][    C0] Showing busy workqueues and worker pools:
@[   90.749189][    C0] workqueue events: flags=0x100
@[   90.749226][    C0]   pwq 2: cpus=0 node=0 flags=0x0 nice=0 active=18 refcnt=19
@[   90.749244][    C0]     pending: 5*nsim_dev_hwstats_traffic_work, psi_avgs_work, vmstat_shepherd
",
    },
    Case {
        // The newer WARNING header (`file:line at func+off, CPU#n: comm`);
        // iomap's ifs_free and the truncation frames are skipped.
        source: "testdata 1012@b0e4c57e",
        title: "WARNING in ntfs_evict_inode",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
@[  219.892726][ T5758] ------------[ cut here ]------------
@[  219.892758][ T5758] ifs_is_fully_uptodate(folio, ifs) != folio_test_uptodate(folio)
@[  219.892769][ T5758] WARNING: fs/iomap/buffered-io.c:290 at ifs_free+0x34a/0x410, CPU#1: repro/5758
@[  219.916054][ T5758] Modules linked in:
@[  219.920005][ T5758] CPU: 1 UID: 0 PID: 5758 Comm: repro Not tainted 6.18.0 #0 PREEMPT_{RT,(full)}
@[  219.940232][ T5758] RIP: 0010:ifs_free+0x34a/0x410
@[  219.964958][ T5758] RSP: 0000:ffffc90004ac0000 EFLAGS: 00010293
@[  220.036167][ T5758] Call Trace:
@[  220.039475][ T5758]  <TASK>
@[  220.042427][ T5758]  ? __pfx_iomap_invalidate_folio+0x10/0x10
@[  220.048418][ T5758]  truncate_cleanup_folio+0xcb/0x190
@[  220.053760][ T5758]  truncate_inode_pages_range+0x2c4/0xd80
@[  220.059589][ T5758]  ? __lock_acquire+0x6df/0x2e40
@[  220.086325][ T5758]  ntfs_evict_inode+0x19/0x40
@[  220.091052][ T5758]  evict+0x624/0xb50
@[  220.104478][ T5758]  evict_inodes+0x7e3/0x870
@[  220.129917][ T5758]  generic_shutdown_super+0xaa/0x2d0
@[  220.160920][ T5758]  task_work_run+0x1d9/0x270
@[  220.181037][ T5758]  do_syscall_64+0x328/0x520
@[  220.201731][ T5758]  entry_SYSCALL_64_after_hwframe+0x77/0x7f
@[  220.280717][ T5758]  </TASK>
@[  220.283775][ T5758] Kernel panic - not syncing: kernel: panic_on_warn set ...
",
    },
    Case {
        source: "testdata 1013@7df914a8",
        title: "WARNING in iomap_release_folio",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
@[  156.512801][   T69] ------------[ cut here ]------------
@[  156.516393][   T69] ifs_is_fully_uptodate(folio, ifs) != folio_test_uptodate(folio)
@[  156.516408][   T69] WARNING: fs/iomap/buffered-io.c:289 at ifs_free+0x344/0x400, CPU#0: kswapd0/69
@[  156.523950][   T69] Modules linked in:
@[  156.538130][   T69] RIP: 0010:ifs_free+0x344/0x400
@[  156.577851][   T69] Call Trace:
@[  156.579316][   T69]  <TASK>
@[  156.580617][   T69]  iomap_release_folio+0x254/0x450
@[  156.583011][   T69]  shrink_folio_list+0x2364/0x5330
@[  156.601151][   T69]  evict_folios+0x3821/0x49e0
@[  156.636680][   T69]  kswapd+0x17b6/0x31c0
@[  156.659713][   T69]  kthread+0x388/0x470
@[  156.665326][   T69]  ret_from_fork+0x514/0xb70
@[  156.675799][   T69]  </TASK>
@[  156.677025][   T69] Kernel panic - not syncing: kernel: panic_on_warn set ...
",
    },
    Case {
        // fs/namespace.c's pr_warn about `mand` (the flag trinity's mount(2)
        // calls set): no crash.
        source: "testdata 1014@afb538da",
        title: "",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[pid  5612] mount(\"./sys\", \"./sys\", \"9p\", MS_MANDLOCK, \"trans=unix,\") = -1 ENOENT (No such file or directory)
@[   88.737064][ T5611] =======================================================
@[   88.737064][ T5611] WARNING: The mand mount option has been deprecated and
@[   88.737064][ T5611]          and is ignored by this kernel. Remove the mand
@[   88.737064][ T5611]          option from the mount to silence this warning.
@[   88.737064][ T5611] =======================================================
@[   88.737776][ T5611] 9pnet_fd: p9_fd_create_unix (5611): problem connecting socket: ./sys: -2
",
    },
    Case {
        // The BPF JIT's Spectre warning is no crash either.
        source: "testdata 1015@48e93b3d",
        title: "",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[  198.593334][ T4402] 8021q: adding VLAN 0 to HW filter on device eth12
@[  217.823293][T11879] WARNING: Unprivileged eBPF is enabled, data leaks possible via Spectre v2 BHB attacks!
",
    },
    Case {
        // x86's general protection fault (KASAN's null-ptr-deref hint line
        // is no KASAN report); the RIP frame names it. No TYPE line.
        source: "testdata 600@394d4bf7",
        title: "general protection fault in nl802154_add_llsec_key",
        alt: &["bad-access in nl802154_add_llsec_key"],
        crash_type: "",
        corrupted: false,
        log: "
@[   65.899519][ T6734] general protection fault, probably for non-canonical address 0xdffffc0000000000: 0000 [#1] SMP KASAN
@[   65.901961][ T6734] KASAN: null-ptr-deref in range [0x0000000000000000-0x0000000000000007]
@[   65.903765][ T6734] CPU: 3 PID: 6734 Comm: repro Not tainted 5.11.0-rc6+ #19
@[   65.909574][ T6734] RIP: 0010:nl802154_add_llsec_key+0x1f7/0x560
@[   65.914811][ T6734] RSP: 0018:ffffc9000e010000 EFLAGS: 00010246
@[   65.938128][ T6734] Call Trace:
@[   65.949862][ T6734]  genl_family_rcv_msg_doit+0x228/0x320
@[   65.955148][ T6734]  genl_rcv_msg+0x328/0x580
@[   65.960674][ T6734]  netlink_rcv_skb+0x153/0x420
@[   65.972952][ T6734]  sock_sendmsg+0xcf/0x120
@[   65.994443][ T6734]  do_syscall_64+0x2d/0x40
@[   65.995427][ T6734]  entry_SYSCALL_64_after_hwframe+0x44/0xa9
@[   65.996638][ T6734] RIP: 0033:0x465b29
@[   66.009961][ T6734] Modules linked in:
@[   66.012372][ T6734] ---[ end trace 4d674fec963620f5 ]---
",
    },
    Case {
        // Stack overflow by recursion: the stall extractor takes the frame
        // before the setsockopt anchor; the RIP's coverage hook is skipped.
        source: "testdata 630@b0d0251c",
        title: "BUG: stack guard page was hit in tls_setsockopt",
        alt: &["stack-overflow in tls_setsockopt"],
        crash_type: "",
        corrupted: false,
        log: "
@[  237.067842][    C0] BUG: TASK stack guard page was hit at ffffc900054afff8 (stack is ffffc900054b0000..ffffc900054b8000)
@[  237.067871][    C0] stack guard page: 0000 [#1] PREEMPT SMP KASAN
@[  237.067890][    C0] CPU: 0 PID: 2932 Comm: repro Not tainted 5.16.0-rc1 #0
@[  237.067925][    C0] RIP: 0010:__sanitizer_cov_trace_const_cmp4+0x17/0x70
@[  237.068077][    C0] RSP: 0018:ffffc900054b0000 EFLAGS: 00010216
@[  237.068257][    C0] Call Trace:
@[  237.068261][    C0]  <TASK>
@[  237.068267][    C0]  tls_setsockopt+0x90/0xe40
@[  237.068424][    C0]  tls_setsockopt+0x128/0xe40
@[  237.068483][    C0]  tls_setsockopt+0x128/0xe40
@[  237.068536][    C0]  tls_setsockopt+0x128/0xe40
@[  237.077537][    C0]  __sys_setsockopt+0x2db/0x610
@[  237.077682][    C0]  __x64_sys_setsockopt+0xba/0x150
@[  237.077762][    C0]  do_syscall_64+0x35/0xb0
@[  237.077787][    C0]  entry_SYSCALL_64_after_hwframe+0x44/0xae
@[  237.077831][    C0] RIP: 0033:0x7f5ffcb8bae9
@[  237.077965][    C0]  </TASK>
@[  237.077971][    C0] Modules linked in:
@[  237.848234][    C1] BUG: TASK stack guard page was hit at ffffc900054cfff8 (stack is ffffc900054d0000..ffffc900054d8000)
@[  239.022496][    C0] ---[ end trace 609e57bc3616171e ]---
",
    },
    Case {
        // The ref_tracker's own WARNING: its frames are skipped.
        source: "testdata 640@61cf2326",
        title: "WARNING in packet_release",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
@[   51.810488][ T3598] ------------[ cut here ]------------
@[   51.816094][ T3598] WARNING: CPU: 1 PID: 3598 at lib/ref_tracker.c:120 ref_tracker_free.cold+0x110/0x14e
@[   51.825792][ T3598] Modules linked in:
@[   51.829691][ T3598] CPU: 1 PID: 3598 Comm: repro Not tainted 5.16.0-rc7 #0
@[   51.848656][ T3598] RIP: 0010:ref_tracker_free.cold+0x110/0x14e
@[   51.874455][ T3598] RSP: 0018:ffffc90002760000 EFLAGS: 00010282
@[   51.960674][ T3598] Call Trace:
@[   51.963966][ T3598]  <TASK>
@[   52.030634][ T3598]  packet_release+0x382/0xd00
@[   52.060771][ T3598]  __sock_release+0xcd/0x280
@[   52.065375][ T3598]  sock_close+0x18/0x20
@[   52.069522][ T3598]  __fput+0x286/0x9f0
@[   52.078435][ T3598]  task_work_run+0xdd/0x1a0
@[   52.122066][ T3598]  do_syscall_64+0x35/0xb0
@[   52.126497][ T3598]  entry_SYSCALL_64_after_hwframe+0x44/0xae
@[   52.132447][ T3598] RIP: 0033:0x7f586c87ece9
@[   52.192874][ T3598]  </TASK>
",
    },
    Case {
        // x86 self-detected stall: the GP kthread's trace first, then the
        // NMI backtrace; past the timer interrupt and its RIP, the page
        // fault's frames up to the syscall anchor, prefix stripped.
        source: "testdata 610@971c129c",
        title: "INFO: rcu detected stall in sys_recvmmsg",
        alt: &["stall in sys_recvmmsg"],
        crash_type: "HANG",
        corrupted: false,
        log: "
@[  444.457807][    C0] rcu: INFO: rcu_sched self-detected stall on CPU
@[  444.464365][    C0] rcu: \t0-...!: (10500 ticks this GP) idle=5be/1/0x4000000000000000 softirq=5432/5432 fqs=4
@[  444.474605][    C0] \t(t=10502 jiffies g=2601 q=18)
@[  444.500377][    C0] rcu: RCU grace-period kthread stack dump:
@[  444.506244][    C0] task:rcu_sched       state:I stack:    0 pid:   11 ppid:     2 flags:0x00004000
@[  444.515423][    C0] Call Trace:
@[  444.518702][    C0]  __schedule+0x988/0x26f0
@[  444.533738][    C0]  schedule+0xd7/0x280
@[  444.537793][    C0]  schedule_timeout+0x15e/0x260
@[  444.558706][    C0]  rcu_gp_kthread+0x8e8/0x1790
@[  444.602481][    C0]  kthread+0x39a/0x490
@[  444.617067][    C0]  ret_from_fork+0x1f/0x30
@[  444.621500][    C0] NMI backtrace for cpu 0
@[  444.625817][    C0] CPU: 0 PID: 5028 Comm: repro Not tainted 5.10.0 #0
@[  444.644231][    C0] Call Trace:
@[  444.647498][    C0]  <IRQ>
@[  444.650334][    C0]  dump_stack+0x111/0x171
@[  444.660263][    C0]  nmi_cpu_backtrace.cold+0x44/0xd8
@[  444.682469][    C0]  rcu_dump_cpu_stacks+0x1e8/0x226
@[  444.687586][    C0]  rcu_sched_clock_irq.cold+0x48f/0x95b
@[  444.693122][    C0]  update_process_times+0x141/0x1c0
@[  444.723718][    C0]  hrtimer_interrupt+0x30d/0x900
@[  444.728649][    C0]  __sysvec_apic_timer_interrupt+0xfa/0x430
@[  444.734525][    C0]  asm_call_irq_on_stack+0xf/0x20
@[  444.739525][    C0]  </IRQ>
@[  444.742447][    C0]  sysvec_apic_timer_interrupt+0x98/0xb0
@[  444.748065][    C0]  asm_sysvec_apic_timer_interrupt+0x12/0x20
@[  444.754030][    C0] RIP: 0010:count_memcg_event_mm.part.0+0x12e/0x2a0
@[  444.780185][    C0] RSP: 0018:ffff88810f8e0000 EFLAGS: 00000293
@[  444.837948][    C0]  handle_mm_fault+0x145/0x4140
@[  444.863608][    C0]  do_user_addr_fault+0x49f/0xa00
@[  444.868621][    C0]  exc_page_fault+0xa3/0x180
@[  444.873199][    C0]  asm_exc_page_fault+0x1e/0x30
@[  444.878038][    C0] RIP: 0010:copy_user_generic_unrolled+0x86/0xc0
@[  444.903933][    C0] RSP: 0018:ffff88810f8e0000 EFLAGS: 00050202
@[  444.954604][    C0]  __copy_msghdr_from_user+0xa7/0x4e0
@[  444.975077][    C0]  ___sys_recvmsg+0xf5/0x230
@[  445.015581][    C0]  do_recvmmsg+0x277/0x730
@[  445.039426][    C0]  __x64_sys_recvmmsg+0x22c/0x280
@[  445.049712][    C0]  do_syscall_64+0x32/0x50
@[  445.054113][    C0]  entry_SYSCALL_64_after_hwframe+0x44/0xa9
@[  445.059983][    C0] RIP: 0033:0x449069
",
    },
    Case {
        // The dentry BUG line comes before the WARNING it triggers; the
        // filesystem and device go to the alternative title only. No TYPE.
        source: "testdata 625@2e35aaaf",
        title: "BUG: Dentry still in use in unmount",
        alt: &["BUG: Dentry still in use [unmount of ext4 loop4]"],
        crash_type: "",
        corrupted: false,
        log: "
@[  538.260174][  T380] BUG: Dentry ffff88810e2c0000{i=0,n=.index}  still in use (1) [unmount of ext4 loop4]
@[  538.269909][  T380] ------------[ cut here ]------------
@[  538.275440][  T380] WARNING: CPU: 0 PID: 380 at fs/dcache.c:1616 umount_check+0x18d/0x1d0
@[  538.283763][  T380] Modules linked in:
@[  538.307767][  T380] RIP: 0010:umount_check+0x18d/0x1d0
@[  538.418207][  T380] Call Trace:
@[  538.421508][  T380]  d_walk+0x309/0x540
@[  538.429611][  T380]  shrink_dcache_for_umount+0x8e/0x1b0
@[  538.435070][  T380]  generic_shutdown_super+0x66/0x2c0
@[  538.463929][  T380]  task_work_run+0x147/0x1b0
@[  538.486940][  T380]  do_syscall_64+0x3d/0x70
@[  538.491359][  T380]  entry_SYSCALL_64_after_hwframe+0x44/0xa9
@[  538.569581][  T380] ---[ end trace 2b38e9427bb5b5b0 ]---
",
    },
    Case {
        // x86 `kernel BUG at` with the `invalid opcode:` oops line after it
        // (the earlier header wins); the RIP names it. No TYPE line.
        source: "testdata 576@131b38ac",
        title: "kernel BUG in rmap_walk_file",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[ 1802.485653][T28126] ------------[ cut here ]------------
@[ 1802.506583][T28126] kernel BUG at mm/internal.h:400!
@[ 1802.511749][T28126] invalid opcode: 0000 [#1] PREEMPT SMP KASAN
@[ 1802.517822][T28126] CPU: 0 PID: 28126 Comm: kworker/u4:0 Not tainted 5.10.0-rc6 #0
@[ 1802.536546][T28126] Workqueue: writeback wb_workfn (flush-8:0)
@[ 1802.542538][T28126] RIP: 0010:rmap_walk_file+0x6b4/0xbf0
@[ 1802.568719][T28126] RSP: 0018:ffffc90016560000 EFLAGS: 00010283
@[ 1802.654008][T28126] Call Trace:
@[ 1802.657289][T28126]  rmap_walk+0x105/0x190
@[ 1802.661510][T28126]  page_mkclean+0x21c/0x2b0
@[ 1802.745470][T28126]  ext4_writepages+0x95f/0x38a0
@[ 1802.859354][T28126]  wb_workfn+0x891/0x12d0
@[ 1802.873941][T28126]  process_one_work+0x933/0x15a0
@[ 1802.923691][T28126]  ret_from_fork+0x1f/0x30
@[ 1802.928084][T28126] Modules linked in:
@[ 1802.960091][T28126] ---[ end trace 5d185e0c163f88c9 ]---
@[ 1802.965712][T28126] RIP: 0010:rmap_walk_file+0x6b4/0xbf0
@[ 1803.124951][T28126] Kernel panic - not syncing: Fatal exception
",
    },
    Case {
        // The RIP is a panic helper (skipped): the first trace frame.
        source: "testdata 580@36b2ad29",
        title: "kernel BUG in do_journal_end",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[  805.123956][ T8558] ------------[ cut here ]------------
@[  805.129637][ T8558] kernel BUG at fs/reiserfs/prints.c:390!
@[  805.135482][ T8558] invalid opcode: 0000 [#1] PREEMPT SMP KASAN
@[  805.141552][ T8558] CPU: 1 PID: 8558 Comm: repro Not tainted 5.10.0-rc7 #0
@[  805.160287][ T8558] RIP: 0010:__reiserfs_panic.cold+0x37/0x8a
@[  805.185803][ T8558] RSP: 0018:ffffc90001770000 EFLAGS: 00010293
@[  805.272307][ T8558] Call Trace:
@[  805.291048][ T8558]  do_journal_end+0x3d85/0x4950
@[  805.295910][ T8558]  reiserfs_sync_fs+0xf8/0x120
@[  805.311502][ T8558]  sync_filesystem+0x105/0x260
@[  805.341472][ T8558]  task_work_run+0xdd/0x190
@[  805.357171][ T8558]  entry_SYSCALL_64_after_hwframe+0x44/0xa9
@[  805.363062][ T8558] RIP: 0033:0x460b27
@[  805.434838][ T8558] Modules linked in:
@[  805.691260][ T8558] ---[ end trace 27e18266d4e765d9 ]---
@[  805.946879][ T8558] Kernel panic - not syncing: Fatal exception
",
    },
    Case {
        // A 4.16 console without caller ids; fortify_panic is skipped.
        source: "testdata 585@131b38ac",
        title: "kernel BUG in ucma_join_ip_multicast",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   24.127473] ------------[ cut here ]------------
@[   24.132205] kernel BUG at lib/string.c:1052!
@[   24.136804] invalid opcode: 0000 [#1] SMP KASAN
@[   24.141458] Dumping ftrace buffer:
@[   24.144969]    (ftrace buffer empty)
@[   24.148648] Modules linked in:
@[   24.151812] CPU: 1 PID: 4265 Comm: repro Not tainted 4.16.0-rc7+ #369
@[   24.168557] RIP: 0010:fortify_panic+0x13/0x20
@[   24.173027] RSP: 0018:ffff8801c0ba0000 EFLAGS: 00010282
@[   24.250369] Call Trace:
@[   24.252932]  ucma_join_ip_multicast+0x37a/0x3c0
@[   24.274583]  ucma_write+0x2d6/0x3d0
@[   24.290464]  __vfs_write+0xef/0x970
@[   24.317834]  vfs_write+0x189/0x510
@[   24.321347]  SyS_write+0xef/0x220
@[   24.339418]  do_syscall_64+0x281/0x940
@[   24.377156]  entry_SYSCALL_64_after_hwframe+0x42/0xb7
@[   24.382312] RIP: 0033:0x43fd29
@[   24.448565] RIP: fortify_panic+0x13/0x20 RSP: ffff8801c0ba0000
@[   24.454568] ---[ end trace 1b9f94576855f965 ]---
",
    },
    Case {
        // KFENCE on x86: the header's memcmp and the trace's memcpy are
        // skipped. The stored header (4640708c) titles it without the
        // access kind; see KNOWN_DIFFERENCES.
        source: "testdata 590@4640708c",
        title: "KFENCE: use-after-free in find_uprobe",
        alt: &["bad-access in find_uprobe"],
        crash_type: "KFENCE",
        corrupted: false,
        log: "
@[  221.211609][ T9991] ==================================================================
@[  221.219706][ T9991] BUG: KFENCE: use-after-free read in memcmp+0x57/0x150
@[  221.219706][ T9991]
@[  221.229282][ T9991] Use-after-free read at 0xffff88823bc80000 (in kfence-#69):
@[  221.236645][ T9991]  memcpy+0x57/0x150
@[  221.236645][ T9991]  find_uprobe+0x57/0x150
@[  221.236676][ T9991]  uprobe_apply+0x26/0x130
@[  221.236701][ T9991]  uprobe_perf_close+0x41e/0x6f0
@[  221.281146][ T9991]  __fput+0x283/0x920
@[  221.285136][ T9991]  task_work_run+0xdd/0x190
@[  221.300765][ T9991]  entry_SYSCALL_64_after_hwframe+0x44/0xa9
@[  221.306667][ T9991]
@[  221.308981][ T9991] kfence-#69 [0xffff88823bc80000-0xffff88823bc801a7, size=424, cache=kmalloc-512] allocated by task 9997:
@[  221.320273][ T9991]  __uprobe_register+0x19c/0x850
@[  221.367488][ T9991]  do_syscall_64+0x2d/0x70
@[  221.377815][ T9991] freed by task 9997:
@[  221.383987][ T9991]  put_uprobe+0x13b/0x190
@[  221.429786][ T9991]  do_syscall_64+0x2d/0x70
@[  221.442441][ T9991] CPU: 1 PID: 9991 Comm: repro Not tainted 5.11.0-rc6 #0
@[  221.462394][ T9991] RIP: 0010:find_uprobe+0x57/0x150
@[  221.487136][ T9991] RSP: 0018:ffffc900022d0000 EFLAGS: 00010246
@[  221.572830][ T9991] Call Trace:
@[  221.576109][ T9991]  uprobe_apply+0x26/0x130
@[  221.580545][ T9991]  uprobe_perf_close+0x41e/0x6f0
@[  221.642406][ T9991]  __fput+0x283/0x920
@[  221.667856][ T9991]  entry_SYSCALL_64_after_hwframe+0x44/0xa9
@[  221.673760][ T9991] RIP: 0033:0x418e1b
@[  221.745571][ T9991] ==================================================================
",
    },
    Case {
        // A 4.8 x86 fault whose text is cut after the registers (an
        // unprefixed line inside): the `IP:` line's __memset is a skipped
        // frame and there is no trace: `corrupted`. The version find_files
        // lists (3fdee3b0) is read; an older one (1556ebc4) titled it
        // `in __memset`. No TYPE line.
        source: "testdata 0@3fdee3b0",
        title: "BUG: unable to handle kernel paging request in corrupted",
        alt: &["bad-access in corrupted"],
        crash_type: "",
        corrupted: true,
        log: "
@[  772.918915] BUG: unable to handle kernel paging request at ffff88002bde0000
@unrelated line
@[  772.919010] IP: [<ffffffff82d4e304>] __memset+0x24/0x30
@[  772.919010] PGD ae2c067 PUD ae2d067 PMD 7faa5067 PTE 800000002bde1060
@[  772.919010] Oops: 0002 [#1] SMP DEBUG_PAGEALLOC KASAN
@[  772.919010] Modules linked in:
@[  772.919010] CPU: 1 PID: 4070 Comm: repro Not tainted 4.8.0-rc3+ #33
@[  772.919010] RIP: 0010:[<ffffffff82d4e304>]  [<ffffffff82d4e304>] __memset+0x24/0x30
@[  772.919010] RSP: 0018:ffff880066be0000  EFLAGS: 00010006
",
    },
    Case {
        // SLUB's `BUG <cache>` line (no colon) is no oops header.
        source: "testdata 1@e5ac4886",
        title: "",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   72.159680] BUG UNIX (Not tainted): kasan: bad access detected
",
    },
    Case {
        // `dmesg -r` level prefixes; a WARNING no format knows: the header
        // line is the title. The version find_files lists (e5ac4886) is
        // read: not corrupted (another stored one, 1556ebc4, says corrupted).
        source: "testdata 6@e5ac4886",
        title: "WARNING: foo",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@<6>[   85.501187] WARNING: foo
@<6>[   85.501187] nouveau  [     DRM] suspending kernel object tree...
@executing program 1:
@<6>[   85.525111] nouveau  [     DRM] nouveau suspended
@<14>[   85.912347] init: computing context for service 'clear-bcb'
",
    },
    Case {
        // Suppressed INFO lines: no crash.
        source: "testdata 2@e5ac4886",
        title: "",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[901320.960000] INFO: lockdep is turned off.
",
    },
    Case {
        source: "testdata 3@e5ac4886",
        title: "",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   72.159680] INFO: Stall ended before state dump start
",
    },
    Case {
        // panic_on_warn's panic comes first with the trap frames; the RIP
        // line after them names the WARNING.
        source: "testdata 4@08c5f9dc",
        title: "WARNING in kvm_arch_vcpu_ioctl_run",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
@2017/06/30 10:13:30 executing program 1:
@r0 = socket$inet6_sctp(0xa, 0x205, 0x84)
@[   55.950418] ------------[ cut here ]------------
@[   55.967976] WARNING: CPU: 1 PID: 8377 at arch/x86/kvm/x86.c:7209 kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00
@[   56.041277] Kernel panic - not syncing: panic_on_warn set ...
@[   56.041277]
@[   56.048693] CPU: 1 PID: 8377 Comm: repro Not tainted 4.12.0-rc7+ #2
@[   56.065137] Call Trace:
@[   56.067707]  dump_stack+0x194/0x257
@[   56.076017]  panic+0x1e4/0x3fb
@[   56.090396]  ? __warn+0x1a9/0x1e0
@[   56.098863]  __warn+0x1c4/0x1e0
@[   56.107126]  report_bug+0x211/0x2d0
@[   56.110735]  fixup_bug+0x40/0x90
@[   56.114123]  do_trap+0x260/0x390
@[   56.117481]  do_error_trap+0x120/0x390
@[   56.150845]  do_invalid_op+0x1b/0x20
@[   56.154533]  invalid_op+0x1e/0x30
@[   56.157961] RIP: 0010:kvm_arch_vcpu_ioctl_run+0x1f7/0x5a00
@[   56.163554] RSP: 0018:ffff8801c5e30000 EFLAGS: 00010212
@[   56.205118]  ? vcpu_load+0x1c/0x70
@[   56.283141]  kvm_vcpu_ioctl+0x627/0x1110
@[   56.328041]  do_vfs_ioctl+0x1b1/0x15c0
@[   56.348420]  SyS_ioctl+0x8f/0xc0
@[   56.351776]  entry_SYSCALL_64_fastpath+0x1f/0xbe
@[   56.356509] RIP: 0033:0x4512c9
@[   56.404665] Dumping ftrace buffer:
@[   56.408256]    (ftrace buffer empty)
@[   56.411940] Kernel Offset: disabled
@[   56.415543] Rebooting in 86400 seconds..
",
    },
    Case {
        // Only the header and the `IP:` line: the frame is there, the
        // stack is not: corrupted.
        source: "testdata 9@4b7f6d09",
        title: "BUG: unable to handle kernel paging request in skb_release_data",
        alt: &["bad-access in skb_release_data"],
        crash_type: "",
        corrupted: true,
        log: "
@[ 1019.110825] BUG: unable to handle kernel paging request at 000000010000001a
@[ 1019.112065] IP: skb_release_data+0x258/0x470
",
    },
    Case {
        // `IP:` with a file:line after the frame; no stack: corrupted.
        source: "testdata 10@4b7f6d09",
        title: "BUG: unable to handle kernel paging request in __call_rcu",
        alt: &["bad-access in __call_rcu"],
        crash_type: "",
        corrupted: true,
        log: "
@[ 1019.110825] BUG: unable to handle kernel paging request at 00000000ffffff8a
@[ 1019.110825] IP: [<ffffffff810a376f>] __call_rcu.constprop.76+0x1f/0x280 kernel/rcu/tree.c:3046
",
    },
    Case {
        // `IP:` an address without a symbol: the frame is `corrupted`.
        source: "testdata 11@3fdee3b0",
        title: "BUG: unable to handle kernel paging request in corrupted",
        alt: &["bad-access in corrupted"],
        crash_type: "",
        corrupted: true,
        log: "
@[ 1581.999813] BUG: unable to handle kernel paging request at ffffea0000f0e440
@[ 1581.999824] IP: [<ffffea0000f0e440>] 0xffffea0000f0e440
",
    },
    Case {
        // KASAN's GPF hint lines come before the oops (no KASAN report);
        // the RIP names it, no trace: corrupted.
        source: "testdata 12@c0c665a6",
        title: "general protection fault in drm_legacy_newctx",
        alt: &["bad-access in drm_legacy_newctx"],
        crash_type: "",
        corrupted: true,
        log: "
@[ 1021.362826] kasan: CONFIG_KASAN_INLINE enabled
@[ 1021.363613] kasan: GPF could be caused by NULL-ptr deref or user memory access
@[ 1021.364461] general protection fault: 0000 [#1] SMP DEBUG_PAGEALLOC KASAN
@[ 1021.365202] Dumping ftrace buffer:
@[ 1021.365408]    (ftrace buffer empty)
@[ 1021.366951] Modules linked in:
@[ 1021.366951] CPU: 2 PID: 29350 Comm: repro Not tainted 4.8.0-rc3+ #33
@[ 1021.366951] RIP: 0010:[<ffffffff83408ca0>]  [<ffffffff83408ca0>] drm_legacy_newctx+0x190/0x290
@[ 1021.366951] RSP: 0018:ffff8800634c0000  EFLAGS: 00010246
",
    },
    Case {
        source: "testdata 13@1556ebc4",
        title: "general protection fault in logfs_init_inode",
        alt: &["bad-access in logfs_init_inode"],
        crash_type: "",
        corrupted: true,
        log: "
@[ 1722.509639] kasan: GPF could be caused by NULL-ptr deref or user memory access
@[ 1722.510515] general protection fault: 0000 [#1] SMP DEBUG_PAGEALLOC KASAN
@[ 1722.511384] Modules linked in:
@[ 1722.511384] CPU: 3 PID: 6856 Comm: repro Not tainted 4.8.0-rc3 #8
@[ 1722.511384] RIP: 0010:[<ffffffff8213c531>]  [<ffffffff8213c531>] logfs_init_inode.isra.6+0x111/0x470
@[ 1722.511384] RSP: 0018:ffff880050620000  EFLAGS: 00010206
",
    },
    Case {
        source: "testdata 21@4b7f6d09",
        title: "BUG: unable to handle kernel NULL pointer dereference in skb_release_data",
        alt: &["bad-access in skb_release_data"],
        crash_type: "",
        corrupted: true,
        log: "
@[   55.112844] BUG: unable to handle kernel NULL pointer dereference at 000000000000001a
@[   55.113569] IP: skb_release_data+0x258/0x470
",
    },
    Case {
        // A WARNING cut after its header: no RIP, no trace: the frame is
        // `corrupted` (the header's own function is not used).
        source: "testdata 23@04bf762f",
        title: "WARNING in corrupted",
        alt: &[],
        crash_type: "",
        corrupted: true,
        log: "
@[  753.120788] WARNING: CPU: 0 PID: 0 at net/sched/sch_generic.c:316 dev_watchdog+0x648/0x770
@[  753.122260] NETDEV WATCHDOG: eth0 (e1000): transmit queue 0 timed out
",
    },
    Case {
        // sshd's WARNING is suppressed: no crash.
        source: "testdata 76@e5ac4886",
        title: "",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   72.159680] WARNING: /etc/ssh/moduli does not exist, using fixed modulus
",
    },
    Case {
        // panic_on_warn trap frames, another task's lines interleaved; the
        // netdev unregistering frames are skipped. No TYPE line.
        source: "testdata 411@5e0a9c71",
        title: "WARNING in r871xu_dev_remove",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   26.966491][  T101] ------------[ cut here ]------------
@[   26.974331][ T1737] usb 5-1: Direct firmware load for rtlwifi/rtl8712u.bin failed with error -2
@[   26.978202][  T101] WARNING: CPU: 0 PID: 101 at net/core/dev.c:8167 rollback_registered_many.cold+0x41/0x1bc
@[   26.996887][  T101] Kernel panic - not syncing: panic_on_warn set ...
@[   26.996933][  T101] Call Trace:
@[   26.996950][  T101]  dump_stack+0xca/0x13e
@[   26.996988][  T101]  panic+0x2a3/0x6da
@[   27.009615][  T101]  __warn.cold+0x20/0x4a
@[   27.009651][  T101]  report_bug+0x262/0x2a0
@[   27.009671][  T101]  do_error_trap+0x12b/0x1e0
@[   27.034511][ T1737] usb 2-1: r8712u: Firmware request failed
@[   27.037352][  T101]  do_invalid_op+0x32/0x40
@[   27.037378][  T101]  invalid_op+0x23/0x30
@[   27.037398][  T101] RIP: 0010:rollback_registered_many.cold+0x41/0x1bc
@[   27.162178][  T101] RSP: 0018:ffff8881d5050000 EFLAGS: 00010286
@[   27.208146][  T101]  ? vprintk_func+0x7d/0x113
@[   27.253605][  T101]  rollback_registered+0xf2/0x1c0
@[   27.275346][  T101]  unregister_netdevice_queue+0x1d7/0x2b0
@[   27.281338][  T101]  unregister_netdev+0x18/0x20
@[   27.286113][  T101]  r871xu_dev_remove+0xe2/0x215
@[   27.291003][  T101]  usb_unbind_interface+0x1bd/0x8a0
@[   27.363039][  T101]  process_one_work+0x92b/0x1530
@[   27.373396][  T101]  ret_from_fork+0x24/0x30
@[   27.381295][  T101] Kernel Offset: disabled
",
    },
    Case {
        source: "testdata 412@6d5486b2",
        title: "WARNING in default_device_exit_batch",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
@[  794.553848] WARNING: CPU: 0 PID: 21 at net/core/dev.c:8022 rollback_registered_many+0xeca/0x1250
@[  794.562851] Kernel panic - not syncing: panic_on_warn set ...
@[  794.589098] Call Trace:
@[  794.591669]  dump_stack+0x244/0x39d
@[  794.600467]  panic+0x2ad/0x55c
@[  794.620000]  __warn.cold.8+0x20/0x45
@[  794.632730]  report_bug+0x254/0x2d0
@[  794.636443]  do_error_trap+0x11b/0x200
@[  794.640313]  do_invalid_op+0x36/0x40
@[  794.649107]  invalid_op+0x14/0x20
@[  794.652539] RIP: 0010:rollback_registered_many+0xeca/0x1250
@[  794.677104] RSP: 0018:ffff8881d9460000 EFLAGS: 00010293
@[  794.718687]  ? bond_do_ioctl+0xae0/0xae0
@[  794.794540]  unregister_netdevice_many+0xfa/0x4c0
@[  794.812137]  default_device_exit_batch+0x43a/0x540
@[  794.845208]  ops_exit_list.isra.5+0x105/0x160
@[  794.849684]  cleanup_net+0x555/0xb10
@[  794.880296]  process_one_work+0xc90/0x1c40
@[  795.056725]  ret_from_fork+0x3a/0x50
@[  795.061996] Kernel Offset: disabled
",
    },
    Case {
        // debugobjects' WARNING has its own format and skips; the free
        // path frames are skipped too.
        source: "testdata 415@463c4b4e",
        title: "WARNING: ODEBUG bug in netdev_freemem",
        alt: &[],
        crash_type: "WARNING",
        corrupted: false,
        log: "
@[ 3008.116296][T24159] ------------[ cut here ]------------
@[ 3008.121093][ T1807] 8021q: adding VLAN 0 to HW filter on device batadv0
@[ 3008.121995][T24159] ODEBUG: free active (active state 0) object type: timer_list hint: delayed_work_timer_fn+0x0/0x90
@[ 3008.140532][T24159] WARNING: CPU: 0 PID: 24159 at lib/debugobjects.c:484 debug_check_no_obj_freed+0x464/0x5b0
@[ 3008.140539][T24159] Kernel panic - not syncing: panic_on_warn set ...
@[ 3008.140593][T24159] Call Trace:
@[ 3008.140607][T24159]  dump_stack+0x1d8/0x2f8
@[ 3008.140640][T24159]  panic+0x25c/0x799
@[ 3008.140656][T24159]  __warn+0x22f/0x230
@[ 3008.140673][T24159]  report_bug+0x190/0x290
@[ 3008.140728][T24159]  do_error_trap+0xd7/0x440
@[ 3008.140739][T24159]  do_invalid_op+0x36/0x40
@[ 3008.140756][T24159]  invalid_op+0x23/0x30
@[ 3008.140765][T24159] RIP: 0010:debug_check_no_obj_freed+0x464/0x5b0
@[ 3008.140779][T24159] RSP: 0018:ffff88808b220000 EFLAGS: 00010046
@[ 3008.140926][T24159]  kfree+0x107/0x200
@[ 3008.140936][T24159]  kvfree+0x47/0x50
@[ 3008.140960][T24159]  netdev_freemem+0x3e/0x60
@[ 3008.140997][T24159]  netdev_release+0x79/0xa0
@[ 3008.173080][ T1812] kobject: 'ip6gretap0' (0000000011a6ccfe): kobject_add_internal: parent: 'net', set: 'devices'
@[ 3008.175953][T24159]  device_release+0x74/0x1a0
@[ 3008.245342][T24159]  process_one_work+0x7ef/0x10e0
@[ 3008.271382][T24159]  ret_from_fork+0x24/0x30
@[ 3008.272950][T24159] Kernel Offset: disabled
",
    },
    Case {
        // The RIP (device_del) and device_unregister are skipped.
        source: "testdata 418@534b68f3",
        title: "general protection fault in hdm_disconnect",
        alt: &["bad-access in hdm_disconnect"],
        crash_type: "",
        corrupted: false,
        log: "
@[   43.976394][   T12] kasan: CONFIG_KASAN_INLINE enabled
@[   43.981766][   T12] kasan: GPF could be caused by NULL-ptr deref or user memory access
@[   43.990194][   T12] general protection fault: 0000 [#1] SMP KASAN
@[   43.996992][   T12] CPU: 0 PID: 12 Comm: kworker/0:1 Not tainted 5.2.0-rc6+ #14
@[   44.014751][   T12] Workqueue: usb_hub_wq hub_event
@[   44.019837][   T12] RIP: 0010:device_del+0x7a/0xb80
@[   44.044519][   T12] RSP: 0018:ffff8881d9e00000 EFLAGS: 00010202
@[   44.114551][   T12] Call Trace:
@[   44.117892][   T12]  ? try_to_del_timer_sync+0xbf/0x110
@[   44.138778][   T12]  device_unregister+0x11/0x30
@[   44.143593][   T12]  hdm_disconnect+0xdf/0x200
@[   44.148174][   T12]  usb_unbind_interface+0x1bd/0x8a0
@[   44.209335][   T12]  process_one_work+0x905/0x1570
@[   44.243060][   T12]  ret_from_fork+0x24/0x30
@[   44.247593][   T12] Modules linked in:
@[   44.251552][   T12] ---[ end trace e4fe4de18bc13a7b ]---
@[   44.257035][   T12] RIP: 0010:device_del+0x7a/0xb80
@[   44.351869][   T12] Kernel panic - not syncing: Fatal exception
",
    },
    Case {
        // A hung task in a USB control transfer: the scheduler, the
        // completion wait and the USB helpers are skipped.
        source: "testdata 419@5883acb6",
        title: "INFO: task hung in ld_usb_write",
        alt: &["hang in ld_usb_write"],
        crash_type: "HANG",
        corrupted: false,
        log: "
@[  534.703301][   T23] INFO: task repro:1721 blocked for more than 143 seconds.
@[  534.711469][   T23]       Not tainted 5.3.0-rc5+ #27
@[  534.716695][   T23] \"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.
@[  534.725429][   T23] repro           D28344  1721   1719 0x00000000
@[  534.731748][   T23] Call Trace:
@[  534.735164][   T23]  ? __schedule+0x703/0x1440
@[  534.749456][   T23]  schedule+0x9a/0x250
@[  534.753552][   T23]  schedule_timeout+0x440/0xb20
@[  534.783738][   T23]  wait_for_completion_timeout+0x282/0x3e0
@[  534.804409][   T23]  usb_start_wait_urb+0x14b/0x2b0
@[  534.823109][   T23]  usb_control_msg+0x31c/0x4a0
@[  534.838245][   T23]  ld_usb_write+0x856/0xa10
@[  534.877982][   T23]  __vfs_write+0x76/0x100
@[  534.882353][   T23]  vfs_write+0x262/0x5c0
@[  534.901805][   T23]  do_syscall_64+0xb7/0x580
@[  534.906376][   T23]  entry_SYSCALL_64_after_hwframe+0x49/0xbe
@[  534.912336][   T23] RIP: 0033:0x4407e9
@[  534.969054][   T23] Showing all locks held in the system:
@[  534.976852][   T23] 1 lock held by khungtaskd/23:
@[  535.201470][   T23] NMI backtrace for cpu 1
@[  535.223232][   T23] Call Trace:
@[  535.226579][   T23]  dump_stack+0xca/0x13e
@[  535.253477][   T23]  watchdog+0x9a4/0xe50
@[  535.283289][   T23] Kernel panic - not syncing: hung_task: blocked tasks
",
    },
    Case {
        // ext4's `INFO: recovery required` is suppressed: no crash.
        source: "testdata 420@56f88057",
        title: "",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[  600.004493] EXT4-fs (loop1): feature flags set on rev 0 fs, running e2fsck is recommended
@[  600.041156] EXT4-fs (loop1): INFO: recovery required on readonly filesystem
",
    },
    Case {
        // sysfs and device removal frames are skipped up to the driver.
        source: "testdata 425@0942eab8",
        title: "WARNING in pvr2_i2c_core_done",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[  274.845466][  T107] ------------[ cut here ]------------
@[  274.846771][  T107] sysfs group 'power' not found for kobject 'i2c-0'
@[  274.848200][  T107] WARNING: CPU: 0 PID: 107 at fs/sysfs/group.c:278 sysfs_remove_group+0x155/0x1b0
@[  274.850359][  T107] Kernel panic - not syncing: panic_on_warn set ...
@[  274.856018][  T107] Call Trace:
@[  274.856795][  T107]  dump_stack+0xca/0x13e
@[  274.858399][  T107]  panic+0x2a3/0x6da
@[  274.863299][  T107]  __warn.cold+0x20/0x4a
@[  274.863952][ T3185] usb 8-1: Invalid ep0 maxpacket: 512
@[  274.865995][  T107]  report_bug+0x262/0x2a0
@[  274.866727][  T107]  do_error_trap+0x12b/0x1e0
@[  274.868382][  T107]  do_invalid_op+0x32/0x40
@[  274.870123][  T107]  invalid_op+0x23/0x30
@[  274.871036][  T107] RIP: 0010:sysfs_remove_group+0x155/0x1b0
@[  274.875503][  T107] RSP: 0018:ffff888068150000 EFLAGS: 00010282
@[  274.884117][  T107]  ? vprintk_func+0x7d/0x113
@[  274.885246][  T107]  dpm_sysfs_remove+0x97/0xb0
@[  274.886360][  T107]  device_del+0x12a/0xb10
@[  274.893684][  T107]  device_unregister+0x11/0x30
@[  274.894843][  T107]  i2c_del_adapter+0x42b/0x590
@[  274.897766][  T107]  pvr2_i2c_core_done+0x69/0xb6
@[  274.897791][  T107]  pvr2_hdw_destroy+0x179/0x370
@[  274.910853][  T107]  kthread+0x318/0x420
@[  274.913116][  T107]  ret_from_fork+0x24/0x30
@[  274.917280][  T107] Rebooting in 1 seconds..
",
    },
    Case {
        // usercopy's `kernel BUG at mm/usercopy.c` has its own title; the
        // RIP and check frames are skipped.
        source: "testdata 122@1556ebc4",
        title: "BUG: bad usercopy in kvm_vcpu_ioctl_set_cpuid2",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   40.633732] usercopy: kernel memory overwrite attempt detected to ffff8801d21c0000 (kvm_vcpu) (1320 bytes)
@[   40.635122] ------------[ cut here ]------------
@[   40.635789] kernel BUG at mm/usercopy.c:84!
@[   40.636410] invalid opcode: 0000 [#1] SMP KASAN
@[   40.638464] CPU: 1 PID: 2988 Comm: repro Not tainted 4.14.0-rc5 #36
@[   40.641600] RIP: 0010:__check_object_size+0x3a2/0x4f0
@[   40.642282] RSP: 0018:ffff8801d1c30000 EFLAGS: 00010286
@[   40.661999] Call Trace:
@[   40.664553]  ? lock_release+0xa40/0xa40
@[   40.668494]  ? check_stack_object+0x140/0x140
@[   40.681102]  kvm_vcpu_ioctl_set_cpuid2+0x75/0x1a0
@[   40.685916]  kvm_arch_vcpu_ioctl+0x1718/0x4710
@[   40.876264]  kvm_vcpu_ioctl+0x240/0x1010
@[   40.954292]  do_vfs_ioctl+0x1b1/0x1520
@[   40.982110]  SyS_ioctl+0x8f/0xc0
@[   40.985452]  entry_SYSCALL_64_fastpath+0x1f/0xbe
@[   40.990171] RIP: 0033:0x442f27
@[   41.056240] RIP: __check_object_size+0x3a2/0x4f0 RSP: ffff8801d1c30000
@[   41.062933] ---[ end trace d80029d430f95081 ]---
@[   41.067840] Kernel panic - not syncing: Fatal exception
",
    },
    Case {
        // A GPF in lockdep itself: the RIP, lock and spin lock frames are
        // skipped, `?` frames ignored.
        source: "testdata 148@645ce5da",
        title: "general protection fault in tipc_subscrb_subscrp_delete",
        alt: &["bad-access in tipc_subscrb_subscrp_delete"],
        crash_type: "",
        corrupted: false,
        log: "
@[   41.864973] kasan: CONFIG_KASAN_INLINE enabled
@[   41.869549] kasan: GPF could be caused by NULL-ptr deref or user memory access
@[   41.876882] general protection fault: 0000 [#1] SMP KASAN
@[   41.889561] Modules linked in:
@[   41.892722] CPU: 0 PID: 3085 Comm: repro Not tainted 4.15.0-rc1+ #137
@[   41.915475] RIP: 0010:__lock_acquire+0xd55/0x47f0
@[   41.920278] RSP: 0018:ffff8801cb540000 EFLAGS: 00010002
@[   41.997514] Call Trace:
@[   42.000068]  ? find_held_lock+0x39/0x1d0
@[   42.064373]  ? vprintk_emit+0x49b/0x590
@[   42.068312]  lock_acquire+0x1d5/0x580
@[   42.072085]  ? tipc_subscrb_subscrp_delete+0x8f/0x470
@[   42.097362]  _raw_spin_lock_bh+0x31/0x40
@[   42.106538]  tipc_subscrb_subscrp_delete+0x8f/0x470
@[   42.129172]  tipc_subscrb_release_cb+0x17/0x30
@[   42.133719]  tipc_close_conn+0x171/0x270
@[   42.191476]  tipc_setsockopt+0x249/0xc10
@[   42.204510]  SyS_setsockopt+0x189/0x360
@[   42.230049]  entry_SYSCALL_64_fastpath+0x1f/0x96
@[   42.234769] RIP: 0033:0x444dd9
@[   42.300805] RIP: __lock_acquire+0xd55/0x47f0 RSP: ffff8801cb540000
@[   42.307089] ---[ end trace 1d79d73eb824586d ]---
",
    },
    Case {
        // A 4.9 trace with `[<addr>]` frames after a `login:` prompt; the
        // preemption-check frames are skipped. An executor line inside.
        source: "testdata 131@f6ffca33",
        title: "BUG: using __this_cpu_read() in preemptible code in ipcomp_init_state",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@syzkaller login: [   35.184476] BUG: using __this_cpu_read() in preemptible [00000000] code: repro/3344
@[   35.198727] caller is __this_cpu_preempt_check+0x1c/0x20
@[   35.198727] CPU: 1 PID: 3344 Comm: repro Not tainted 4.9.68 #107
@[   35.239734] Call Trace:
@[   35.242294]  [<ffffffff81d90889>] dump_stack+0xc1/0x128
@[   35.247625]  [<ffffffff81df7854>] check_preemption_disabled+0x1d4/0x200
@[   35.254346]  [<ffffffff81df78bc>] __this_cpu_preempt_check+0x1c/0x20
@[   35.260808]  [<ffffffff833f3f78>] ipcomp_init_state+0x188/0x930
@[   35.266833]  [<ffffffff81232141>] ? __lock_is_held+0xa1/0xf0
@[   35.272602]  [<ffffffff83360470>] ipcomp4_init_state+0xb0/0x7d0
@[   35.278628]  [<ffffffff833d2677>] __xfrm_init_state+0x3e7/0xb30
@[   35.290339]  [<ffffffff8356cb49>] pfkey_add+0x1fb9/0x3470
@[   35.349568]  [<ffffffff82ecfb9a>] sock_sendmsg+0xca/0x110
@executing program
@[   35.450067]  [<ffffffff82ed38ad>] SyS_sendmsg+0x2d/0x50
@[   35.455398]  [<ffffffff838aa9c5>] entry_SYSCALL_64_fastpath+0x23/0xc6
",
    },
    Case {
        // Lockdep's held-lock-freed splat: the `at:` line names it.
        source: "testdata 150@e5ac4886",
        title: "WARNING: held lock freed in sctp_wait_for_sndbuf",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   25.058100] =========================
@[   25.061864] WARNING: held lock freed!
@[   25.065632] 4.15.0-rc6+ #250 Not tainted
@[   25.069655] -------------------------
@[   25.073423] repro/3505 is freeing memory 000000007fcba654-00000000499fef26, with a lock still held there!
@[   25.083959]  (sk_lock-AF_INET6){+.+.}, at: [<00000000abe26b8e>] sctp_wait_for_sndbuf+0x509/0x8d0
@[   25.092871] 1 lock held by repro/3505:
@[   25.097592]  #0:  (sk_lock-AF_INET6){+.+.}, at: [<00000000abe26b8e>] sctp_wait_for_sndbuf+0x509/0x8d0
@[   25.106926] stack backtrace:
@[   25.128122] Call Trace:
@[   25.130685]  dump_stack+0x194/0x257
@[   25.138929]  debug_check_no_locks_freed+0x32f/0x3c0
@[   25.143918]  kmem_cache_free+0x68/0x2a0
@[   25.147864]  __sk_destruct+0x622/0x910
@[   25.208770]  sk_destruct+0x47/0x80
@[   25.218857]  sctp_association_put+0x14c/0x2f0
@[   25.240833]  sctp_wait_for_sndbuf+0x673/0x8d0
@[   25.272095]  sctp_sendmsg+0x277d/0x3360
@[   25.351161]  sock_sendmsg+0xca/0x110
@[   25.397077]  entry_SYSCALL_64_fastpath+0x23/0x9a
@[   25.401808] RIP: 0033:0x445db9
@[   25.450699] ==================================================================
",
    },
    Case {
        // Lockdep's circular dependency: the first `at:` frame names it;
        // the backtrace holds a `...` line.
        source: "testdata 26@61cf2326",
        title: "possible deadlock in blkdev_reread_part",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: false,
        log: "
@[  127.525803] ======================================================
@[  127.532093] WARNING: possible circular locking dependency detected
@[  127.538376] 4.14.0-rc1+ #1 Not tainted
@[  127.542228] ------------------------------------------------------
@[  127.548509] repro/22269 is trying to acquire lock:
@[  127.554094]  (&bdev->bd_mutex){+.+.}, at: [<ffffffff8232bf0e>] blkdev_reread_part+0x1e/0x40
@[  127.562560]
@[  127.562560] but task is already holding lock:
@[  127.568495]  (&lo->lo_ctl_mutex#2){+.+.}, at: [<ffffffff83542c29>] lo_compat_ioctl+0x109/0x140
@[  127.577221]
@[  127.577221] which lock already depends on the new lock.
@[  127.593087] the existing dependency chain (in reverse order) is:
@[  127.593087] -> #1 (&lo->lo_ctl_mutex#2){+.+.}:
@[  127.599124]        __lock_acquire+0x328f/0x4620
@[  127.616972]        lo_release+0x6b/0x180
@[  127.660888] -> #0 (&bdev->bd_mutex){+.+.}:
@[  127.666578]        check_prev_add+0x865/0x1520
@[  127.688991]        blkdev_reread_part+0x1e/0x40
@[  127.776120]  *** DEADLOCK ***
@[  127.795934] stack backtrace:
@[  127.800405] CPU: 0 PID: 22269 Comm: repro Not tainted 4.14.0-rc1+ #1
@[  127.816876] Call Trace:
@[  127.819433]  dump_stack+0x194/0x257
@[  127.831436]  print_circular_bug+0x503/0x710
@[  127.844570]  check_prev_add+0x865/0x1520
@[  127.961665]  lock_acquire+0x1d5/0x580
@...
@[  128.182847]  entry_SYSENTER_compat+0x51/0x60
@[  128.187221] RIP: 0023:0xf7fd5c79
",
    },
    Case {
        // The old `[ INFO: ... ]` lockdep header, cut after the first
        // `at:`: its report expression names the frame (no skips apply),
        // no stack: corrupted.
        source: "testdata 27@d9b02a53",
        title: "possible deadlock in flush_workqueue",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: true,
        log: "
@[ 1722.511384] =======================================================
@[ 1722.511384] [ INFO: possible circular locking dependency detected ]
@[ 1722.511384] 2.6.32-rc6-00035-g8b17a4f #1
@[ 1722.511384] -------------------------------------------------------
@[ 1722.511384] kacpi_hotplug/246 is trying to acquire lock:
@[ 1722.511384]  (kacpid){+.+.+.}, at: [<ffffffff8105bbd0>] flush_workqueue+0x0/0xb0
",
    },
    Case {
        // The WARNING form cut before the backtrace: the `at:` frames only,
        // with file:line suffixes; corrupted. No TYPE line.
        source: "testdata 28@1556ebc4",
        title: "possible deadlock in tty_buffer_flush",
        alt: &[],
        crash_type: "",
        corrupted: true,
        log: "
@[ 1722.511384] WARNING: possible circular locking dependency detected
@[ 1722.511384] 4.12.0-rc2-next-20170525+ #1 Not tainted
@[ 1722.511384] ------------------------------------------------------
@[ 1722.511384] kworker/u4:2/54 is trying to acquire lock:
@[ 1722.511384]  (&buf->lock){+.+...}, at: [<ffffffff9edb41bb>] tty_buffer_flush+0xbb/0x3a0 drivers/tty/tty_buffer.c:221
@[ 1722.511384]
@[ 1722.511384] but task is already holding lock:
@[ 1722.511384]  (&o_tty->termios_rwsem/1){++++..}, at: [<ffffffff9eda4961>] isig+0xa1/0x4d0 drivers/tty/n_tty.c:1100
@[ 1722.511384]
@[ 1722.511384] which lock already depends on the new lock.
",
    },
    Case {
        source: "testdata 29@d9b02a53",
        title: "possible deadlock in tun_queue_purge",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: true,
        log: "
@[   44.025025] =========================================================
@[   44.025025] [ INFO: possible irq lock inversion dependency detected ]
@[   44.025025] 4.10.0-rc8+ #228 Not tainted
@[   44.025025] ---------------------------------------------------------
@[   44.025025] repro/1577 just changed the state of lock:
@[   44.025025]  (&(&r->consumer_lock)->rlock){+.+...}, at: [<ffffffff82de6c86>] tun_queue_purge+0xe6/0x210
",
    },
    Case {
        source: "testdata 30@d9b02a53",
        title: "possible deadlock in tun_device_event",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: true,
        log: "
@[  121.451623] ======================================================
@[  121.452013] [ INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected ]
@[  121.452013] 4.10.0-rc8+ #228 Not tainted
@[  121.453507] ------------------------------------------------------
@[  121.453507] repro/19557 [HC0[0]:SC0[0]:HE0:SE1] is trying to acquire:
@[  121.453507]  (&(&r->consumer_lock)->rlock){+.+...}, at: [<ffffffff82df4347>] tun_device_event+0x897/0xc70
",
    },
    Case {
        source: "testdata 31@4b7f6d09",
        title: "possible deadlock in audit_receive",
        alt: &[],
        crash_type: "",
        corrupted: true,
        log: "
@[   48.981019] =============================================
@[   48.981019] [ INFO: possible recursive locking detected ]
@[   48.981019] 4.11.0-rc4+ #198 Not tainted
@[   48.981019] ---------------------------------------------
@[   48.981019] kauditd/901 is trying to acquire lock:
@[   48.981019]  (audit_cmd_mutex){+.+.+.}, at: [<ffffffff81585f59>] audit_receive+0x79/0x360
",
    },
    Case {
        // Spaces between the `[<pc>]` and the frame.
        source: "testdata 32@1556ebc4",
        title: "possible deadlock in serial8250_console_write",
        alt: &[],
        crash_type: "",
        corrupted: true,
        log: "
@[  131.449768] ======================================================
@[  131.449777] [ INFO: possible circular locking dependency detected ]
@[  131.449789] 3.10.37+ #1 Not tainted
@[  131.449797] -------------------------------------------------------
@[  131.449807] swapper/2/0 is trying to acquire lock:
@[  131.449859]  (&port_lock_key){-.-...}, at: [<c036a6dc>]     serial8250_console_write+0x108/0x134
@[  131.449866]
",
    },
    Case {
        source: "testdata 33@4b7f6d09",
        title: "inconsistent lock state in inet_ehash_insert",
        alt: &[],
        crash_type: "",
        corrupted: true,
        log: "
@[   52.261501] =================================
@[   52.261501] [ INFO: inconsistent lock state ]
@[   52.261501] 4.10.0+ #60 Not tainted
@[   52.261501] ---------------------------------
@[   52.261501] inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W} usage.
@[   52.261501] repro/5076 [HC0[0]:SC0[0]:HE1:SE1] takes:
@[   52.261501]  (&(&hashinfo->ehash_locks[i])->rlock){+.?...}, at: [<ffffffff83a6a370>] inet_ehash_insert+0x240/0xad0
",
    },
    Case {
        // Another task's sysfs dump (no oops header) before the GPF; the
        // RIP's klist_next and the `?` frames are skipped.
        source: "testdata 662@6d5486b2",
        title: "general protection fault in device_find_child",
        alt: &["bad-access in device_find_child"],
        crash_type: "DoS",
        corrupted: false,
        log: "
@[   50.704637][   T48] sysfs: cannot create duplicate filename '/devices/virtual/bluetooth/hci0/hci0:201'
@[   50.739326][   T48] Call Trace:
@[   50.742593][   T48]  <TASK>
@[   50.745516][   T48]  dump_stack_lvl+0xcd/0x134
@[   50.750103][   T48]  sysfs_warn_dup.cold+0x1c/0x29
@[   50.846074][   T48]  hci_conn_add_sysfs+0x9b/0x1b0
@[   50.948205][   T48]  </TASK>
@[   50.970223][   T48] Bluetooth: hci0: failed to register connection device
@[   50.983422][ T3608] general protection fault, probably for non-canonical address 0xdffffc000000000b: 0000 [#1] PREEMPT SMP KASAN
@[   50.995154][ T3608] KASAN: null-ptr-deref in range [0x0000000000000058-0x000000000000005f]
@[   51.003547][ T3608] CPU: 0 PID: 3608 Comm: repro Not tainted 6.0.0-rc2 #0
@[   51.023992][ T3608] RIP: 0010:klist_next+0x49/0x510
@[   51.048608][ T3608] RSP: 0018:ffffc900038c0000 EFLAGS: 00010202
@[   51.134016][ T3608] Call Trace:
@[   51.137314][ T3608]  <TASK>
@[   51.140246][ T3608]  ? synchronize_rcu_expedited+0x670/0x670
@[   51.150833][ T3608]  device_find_child+0xba/0x190
@[   51.166937][ T3608]  hci_conn_del_sysfs+0xc7/0x180
@[   51.171879][ T3608]  hci_conn_cleanup+0x315/0x7b0
@[   51.218896][ T3608]  __fput+0x277/0x9d0
@[   51.261883][ T3608]  entry_SYSCALL_64_after_hwframe+0x63/0xcd
@[   51.327716][ T3608]  </TASK>
@[   51.330719][ T3608] Modules linked in:
@[   51.335531][ T3608] ---[ end trace 0000000000000000 ]---
@[   51.453496][ T3608] Kernel panic - not syncing: Fatal exception
",
    },
    Case {
        // arm64 stack overflow: the panic's trace, the bad-stack and lockdep
        // frames skipped; the stall extractor takes the frame before the
        // rtnetlink anchor, past the recursion.
        source: "testdata 663@8581f7c9",
        title: "kernel stack overflow in rtnl_newlink",
        alt: &["stack-overflow in rtnl_newlink"],
        crash_type: "DoS",
        corrupted: false,
        log: "
@[ 1349.302803][    C1] Insufficient stack space to handle exception!
@[ 1349.302808][    C1] ESR: 0x0000000096000047 -- DABT (current EL)
@[ 1349.302814][    C1] FAR: 0xffff800015fdffa0
@[ 1349.302828][    C1] CPU: 1 PID: 6874 Comm: trinity-c1 Not tainted 6.0.0-rc7 #0
@[ 1349.302840][    C1] pstate: 404000c5 (nZcv daIF +PAN -UAO -TCO -DIT -SSBS BTYPE=--)
@[ 1349.302849][    C1] pc : mark_lock+0x4/0x1b4
@[ 1349.302859][    C1] lr : __lock_acquire+0x630/0x30a4
@[ 1349.302866][    C1] sp : ffff800015fdffd0
@[ 1349.302950][    C1] Kernel panic - not syncing: kernel stack overflow
@[ 1349.302953][    C1] CPU: 1 PID: 6874 Comm: trinity-c1 Not tainted 6.0.0-rc7 #0
@[ 1349.302963][    C1] Call trace:
@[ 1349.302965][    C1]  dump_backtrace+0x1c4/0x1f0
@[ 1349.302971][    C1]  show_stack+0x2c/0x54
@[ 1349.302977][    C1]  dump_stack_lvl+0x104/0x16c
@[ 1349.302990][    C1]  panic+0x218/0x50c
@[ 1349.302995][    C1]  nmi_panic+0xbc/0xf0
@[ 1349.303002][    C1]  panic_bad_stack+0x134/0x154
@[ 1349.303008][    C1]  handle_bad_stack+0x34/0x48
@[ 1349.303013][    C1]  __bad_stack+0x78/0x7c
@[ 1349.303018][    C1]  mark_lock+0x4/0x1b4
@[ 1349.303024][    C1]  lock_acquire+0x100/0x1f8
@[ 1349.303030][    C1]  psi_group_change+0x128/0x3d0
@[ 1349.303043][    C1]  __schedule+0x554/0x5a0
@[ 1349.303055][    C1]  el1_interrupt+0x4c/0x68
@[ 1349.303068][    C1]  el1h_64_irq+0x64/0x68
@[ 1349.303091][    C1]  kmem_cache_alloc_node+0x80/0x370
@[ 1349.303098][    C1]  __alloc_skb+0xf8/0x378
@[ 1349.303104][    C1]  ethnl_default_notify+0x16c/0x320
@[ 1349.303124][    C1]  raw_notifier_call_chain+0x7c/0x108
@[ 1349.303131][    C1]  netdev_sync_lower_features+0x13c/0x21c
@[ 1349.303137][    C1]  __netdev_update_features+0x284/0xa88
@[ 1349.303143][    C1]  netdev_change_features+0x30/0xfc
@[ 1349.303149][    C1]  team_device_event+0x1a8/0x25c
@[ 1349.303156][    C1]  raw_notifier_call_chain+0x7c/0x108
@[ 1349.303162][    C1]  netdev_sync_lower_features+0x13c/0x21c
@[ 1349.303169][    C1]  __netdev_update_features+0x284/0xa88
@[ 1349.304087][    C1]  netdev_change_features+0x30/0xfc
@[ 1349.304093][    C1]  team_add_slave+0x7c/0x98
@[ 1349.304099][    C1]  do_setlink+0x5f8/0x17a4
@[ 1349.304105][    C1]  rtnl_newlink+0x988/0xa04
@[ 1349.304111][    C1]  rtnetlink_rcv_msg+0x484/0x82c
@[ 1349.304118][    C1]  netlink_rcv_skb+0xe4/0x1d0
@[ 1349.304143][    C1]  netlink_sendmsg+0x484/0x584
@[ 1349.304160][    C1]  __arm64_sys_sendmsg+0x2c/0x3c
@[ 1349.304166][    C1]  el0_svc_common+0x138/0x220
@[ 1349.304178][    C1]  el0_svc+0x58/0x150
@[ 1349.304192][    C1]  el0t_64_sync+0x18c/0x190
@[ 1349.304199][    C1] SMP: stopping secondary CPUs
@[ 1349.304214][    C1] Kernel Offset: disabled
",
    },
    Case {
        // The RIP and the mutex frames up to the filesystem's write lock
        // wrapper are skipped.
        source: "testdata 664@8581f7c9",
        title: "general protection fault in reiserfs_readdir_inode",
        alt: &["bad-access in reiserfs_readdir_inode"],
        crash_type: "DoS",
        corrupted: false,
        log: "
@[  464.245994][T13181] general protection fault, probably for non-canonical address 0xe0017c0000000006: 0000 [#1] PREEMPT SMP KASAN
@[  464.257848][T13181] KASAN: maybe wild-memory-access in range [0x000c000000000030-0x000c000000000037]
@[  464.262128][T13179] REISERFS warning (device loop2): sh-2011 read_super_block: can't find a reiserfs filesystem on (dev loop2, block 16, size 4096)
@[  464.267121][T13181] CPU: 1 PID: 13181 Comm: repro Not tainted 6.0.0 #0
@[  464.267158][T13181] RIP: 0010:mutex_optimistic_spin+0x12d/0x2d0
@[  464.267201][T13181] RSP: 0018:ffffc90004bf0000 EFLAGS: 00010207
@[  464.421821][T13181] Call Trace:
@[  464.425096][T13181]  <TASK>
@[  464.428017][T13181]  __mutex_lock_common+0x210/0x26c0
@[  464.474666][T13181]  mutex_lock_nested+0x17/0x20
@[  464.479420][T13181]  reiserfs_write_lock+0x77/0xd0
@[  464.484354][T13181]  reiserfs_readdir_inode+0x170/0x1470
@[  464.573964][T13181]  iterate_dir+0x257/0x5f0
@[  464.608938][T13181]  do_syscall_64+0x2b/0x70
@[  464.613346][T13181]  entry_SYSCALL_64_after_hwframe+0x63/0xcd
@[  464.691500][T13181]  </TASK>
@[  464.694513][T13181] Modules linked in:
@[  464.699156][T13181] ---[ end trace 0000000000000000 ]---
@[  464.816109][T13181] Kernel panic - not syncing: Fatal exception
",
    },
    Case {
        // arm64 inconsistent lock state, other tasks' lines interleaved in
        // the registered-at trace. No TYPE line. A known difference (see
        // KNOWN_DIFFERENCES).
        source: "testdata 665@3b4ca5d0",
        title: "inconsistent lock state in _atomic_dec_and_lock",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[ 1336.868665][ T9712] ================================
@[ 1336.869886][ T9712] WARNING: inconsistent lock state
@[ 1336.871156][ T9712] 6.0.0-rc7 #0 Not tainted
@[ 1336.872860][ T9712] --------------------------------
@[ 1336.873490][ T9714] ntfs3: loop4: Mark volume as dirty due to NTFS errors
@[ 1336.874094][ T9712] inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.
@[ 1336.877457][ T9712] trinity-c3/9712 [HC0[0]:SC0[0]:HE1:SE1] takes:
@[ 1336.879185][ T9712] ffff0000d10c0000 (&folio_wait_table[i]){?.-.}-{2:2}, at: _atomic_dec_and_lock+0xc8/0x130
@[ 1336.881722][ T9712] {IN-HARDIRQ-W} state was registered at:
@[ 1336.883125][ T9712]   lock_acquire+0x100/0x1f8
@[ 1336.884272][ T9712]   _raw_spin_lock_irqsave+0x6c/0xb4
@[ 1336.885620][ T9712]   folio_wake_bit+0x88/0x254
@[ 1336.895719][ T9716] loop5: detected capacity change from 0 to 4096
@[ 1336.896791][ T9712]   nvme_irq+0x64/0xa8
@[ 1336.903247][ T9712]   gic_handle_irq+0x78/0x1b4
@[ 1336.929586][ T9712]   ret_from_fork+0x10/0x20
@[ 1336.930736][ T9712] irq event stamp: 8353
@[ 1336.950014][ T9712]  *** DEADLOCK ***
@[ 1336.952066][ T9712] 1 lock held by trinity-c3/9712:
@[ 1336.953400][ T9712]  #0: ffff0000d1a700e0 (&type->s_umount_key#46/1){+.+.}-{3:3}, at: alloc_super+0xf8/0x430
@[ 1336.955899][ T9712] stack backtrace:
@[ 1336.957367][ T9712] CPU: 1 PID: 9712 Comm: trinity-c3 Not tainted 6.0.0-rc7 #0
@[ 1336.962530][ T9712] Call trace:
@[ 1336.963329][ T9712]  dump_backtrace+0x1c4/0x1f0
@[ 1336.964525][ T9712]  show_stack+0x2c/0x54
@[ 1336.965522][ T9712]  dump_stack_lvl+0x104/0x16c
@[ 1336.967790][ T9712]  print_usage_bug+0x39c/0x3cc
@[ 1336.968966][ T9712]  mark_lock_irq+0x4a8/0x4b4
@[ 1336.970152][ T9712]  mark_lock+0x154/0x1b4
@[ 1336.971226][ T9712]  __lock_acquire+0x5f8/0x30a4
@[ 1336.972429][ T9712]  lock_acquire+0x100/0x1f8
@[ 1336.973530][ T9712]  _raw_spin_lock+0x54/0x6c
@[ 1336.974643][ T9712]  _atomic_dec_and_lock+0xc8/0x130
@[ 1336.975938][ T9712]  iput+0x50/0x324
@[ 1336.976859][ T9712]  ntfs_fill_super+0x1254/0x14a4
@[ 1336.983850][ T9712]  __arm64_sys_mount+0x2c4/0x3c4
@[ 1336.985070][ T9712]  el0_svc_common+0x138/0x220
@[ 1336.989559][ T9712]  el0t_64_sync+0x18c/0x190
",
    },
    Case {
        // `[<pc>]`-style backtrace from a timer interrupt. No TYPE line.
        source: "testdata 666@3b4ca5d0",
        title: "inconsistent lock state in io_dismantle_req",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   32.237087][    C0] ================================
@[   32.242183][    C0] WARNING: inconsistent lock state
@[   32.247268][    C0] 4.15.0 #0 Not tainted
@[   32.252346][    C0] --------------------------------
@[   32.257429][    C0] inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.
@[   32.264296][    C0] io_wq_manager/4648 [HC1[1]:SC0[0]:HE0:SE1] takes:
@[   32.270851][    C0] ffff8801e85e0000 (&(&fs->lock)->rlock){?.+.}, at: io_dismantle_req+0x411/0xae0
@[   32.280025][    C0] {HARDIRQ-ON-W} state was registered at:
@[   32.285719][    C0]   lock_acquire+0x1da/0xb70
@[   32.290293][    C0]   _raw_spin_lock+0x2b/0x40
@[   32.308008][    C0]   set_fs_pwd+0x89/0x1e0
@[   32.329628][    C0]   0xffffffffffffffff
@[   32.333676][    C0] irq event stamp: 60
@[   32.422209][    C0]  *** DEADLOCK ***
@[   32.430335][    C0] stack backtrace:
@[   32.473275][    C0] Call Trace:
@[   32.476531][    C0]  <IRQ>
@[   32.479364][    C0]  [<ffffffff84aaaf9d>] dump_stack+0x175/0x1dd
@[   32.485622][    C0]  [<ffffffff848ca8d9>] print_usage_bug.part.0+0x34a/0x359
@[   32.492788][    C0]  [<ffffffff848ca8f9>] mark_lock.cold+0x11/0x92
@[   32.499097][    C0]  [<ffffffff8160c7d1>] __lock_acquire+0x13d1/0x5ef0
@[   32.532487][    C0]  [<ffffffff81612cca>] lock_acquire+0x1da/0xb70
@[   32.566303][    C0]  [<ffffffff8100f26b>] _raw_spin_lock+0x2b/0x40
@[   32.593033][    C0]  [<ffffffff81d719c1>] io_dismantle_req+0x411/0xae0
@[   32.599686][    C0]  [<ffffffff81d720a9>] __io_free_req+0x19/0x2b0
@[   32.672924][    C0]  </IRQ>
",
    },
    Case {
        source: "testdata 667@3b4ca5d0",
        title: "inconsistent lock state in __io_req_aux_free",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   28.141875] ================================
@[   28.146298] WARNING: inconsistent lock state
@[   28.150699] 4.15.0 #0 Not tainted
@[   28.154995] --------------------------------
@[   28.159376] inconsistent {HARDIRQ-ON-W} -> {IN-HARDIRQ-W} usage.
@[   28.165515] repro/3715 [HC1[1]:SC0[0]:HE0:SE1] takes:
@[   28.171568] ffff8801da550000 (&(&fs->lock)->rlock){?.+.}, at: __io_req_aux_free+0x402/0xf30
@[   28.180068] {HARDIRQ-ON-W} state was registered at:
@[   28.185074]   lock_acquire+0x18f/0x770
@[   28.192844]   set_fs_pwd+0x89/0x1e0
@[   28.214515] irq event stamp: 93704
@[   28.285197]  *** DEADLOCK ***
@[   28.304819] stack backtrace:
@[   28.326427] Call Trace:
@[   28.328990]  <IRQ>
@[   28.331128]  [<ffffffff84a13737>] dump_stack+0xd8/0x147
@[   28.336481]  [<ffffffff848334b3>] print_usage_bug.part.0+0x34a/0x359
@[   28.342970]  [<ffffffff848334e9>] mark_lock.cold+0x27/0x92
@[   28.384342]  [<ffffffff815e5daf>] lock_acquire+0x18f/0x770
@[   28.420340]  [<ffffffff8100edab>] _raw_spin_lock+0x2b/0x40
@[   28.432194]  [<ffffffff81d18322>] __io_req_aux_free+0x402/0xf30
@[   28.523845]  </IRQ>
",
    },
    Case {
        source: "testdata 668@b9916736",
        title: "inconsistent lock state in io_file_data_ref_zero",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   21.087943][    C0] ================================
@[   21.093011][    C0] WARNING: inconsistent lock state
@[   21.098078][    C0] 5.10.0 #0 Not tainted
@[   21.103056][    C0] --------------------------------
@[   21.108120][    C0] inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.
@[   21.114931][    C0] swapper/0/0 [HC0[0]:SC1[1]:HE1:SE0] takes:
@[   21.120870][    C0] ffff888114bf0000 (&file_data->lock){+.?.}-{2:2}, at: io_file_data_ref_zero+0x79/0x480
@[   21.130557][    C0] {SOFTIRQ-ON-W} state was registered at:
@[   21.136236][    C0]   lock_acquire+0x2a6/0x770
@[   21.145339][    C0]   __do_sys_io_uring_register+0x3684/0x4460
@[   21.167353][    C0] irq event stamp: 73760
@[   21.245612][    C0]  *** DEADLOCK ***
@[   21.277811][    C0] stack backtrace:
@[   21.301259][    C0] Call Trace:
@[   21.304500][    C0]  <IRQ>
@[   21.307318][    C0]  dump_stack+0x111/0x171
@[   21.311606][    C0]  print_usage_bug.part.0+0x349/0x358
@[   21.323142][    C0]  mark_lock.cold+0x3c/0x88
@[   21.372112][    C0]  lock_acquire+0x2a6/0x770
@[   21.400711][    C0]  _raw_spin_lock+0x2b/0x40
@[   21.410500][    C0]  io_file_data_ref_zero+0x79/0x480
@[   21.415659][    C0]  percpu_ref_put_many.constprop.0+0x231/0x270
@[   21.446260][    C0]  asm_call_irq_on_stack+0xf/0x20
@[   21.451239][    C0]  </IRQ>
",
    },
    Case {
        // The `takes` line's frame is a skipped allocator, the backtrace's
        // first fs_reclaim_acquire; the header names the former. A known
        // difference (see KNOWN_DIFFERENCES).
        source: "testdata 669@3b4ca5d0",
        title: "inconsistent lock state in kmem_cache_alloc_node",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[  860.112634][    C1] ================================
@[  860.117823][    C1] WARNING: inconsistent lock state
@[  860.122922][    C1] 5.15.0-rc2 #0 Not tainted
@[  860.128290][    C1] --------------------------------
@[  860.133390][    C1] inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.
@[  860.140237][    C1] ksoftirqd/1/19 [HC0[0]:SC1[3]:HE1:SE0] takes:
@[  860.146481][    C1] ffffffff8c9d0000 (fs_reclaim){+.?.}-{0:0}, at: kmem_cache_alloc_node+0x46/0x340
@[  860.155717][    C1] {SOFTIRQ-ON-W} state was registered at:
@[  860.161435][    C1]   lock_acquire+0x19f/0x4d0
@[  860.166029][    C1]   fs_reclaim_acquire+0x77/0x110
@[  860.176626][    C1] irq event stamp: 4852124
@[  860.176811][    C1]  *** DEADLOCK ***
@[  860.177167][    C1] stack backtrace:
@[  860.177202][    C1] Call Trace:
@[  860.177210][    C1]  dump_stack_lvl+0x1dc/0x2d8
@[  860.177269][    C1]  print_usage_bug+0xa6d/0xea0
@[  860.177323][    C1]  mark_lock+0x168c/0x1e00
@[  860.177415][    C1]  __lock_acquire+0xc36/0x2b00
@[  860.177497][    C1]  lock_acquire+0x19f/0x4d0
@[  860.177650][    C1]  fs_reclaim_acquire+0x77/0x110
@[  860.177716][    C1]  kmem_cache_alloc_node+0x46/0x340
@[  860.177753][    C1]  __alloc_skb+0xd8/0x580
@[  860.177790][    C1]  tcp_build_frag+0x268/0x1010
@[  860.179563][    C1]  run_ksoftirqd+0xc1/0x120
@[  860.179734][    C1]  ret_from_fork+0x1f/0x30
",
    },
    Case {
        // The page allocation trace names a Bad page state: page
        // allocator, folio and page cache frames skipped. No TYPE line.
        source: "testdata 725@56f88057",
        title: "BUG: Bad page state in __get_metapage",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[   65.499023][ T5098] BUG: Bad page state in process repro  pfn:7deea
@[   65.506426][ T5098] page: refcount:0 mapcount:0 mapping:0000000000000000 index:0x2e pfn:0x7deea
@[   65.544378][ T5098] page dumped because: PAGE_FLAGS_CHECK_AT_FREE flag(s) set
@[   65.552063][ T5098] page_owner tracks the page as allocated
@[   65.557890][ T5098] page last allocated via order 0, migratetype Unmovable, gfp_mask 0x40c40(GFP_NOFS|__GFP_COMP), pid 5096, tgid 5096 (repro), ts 64771645974, free_ts 55604629154
@[   65.575967][ T5098]  post_alloc_hook+0x1f3/0x230
@[   65.581043][ T5098]  get_page_from_freelist+0x2e4c/0x2f10
@[   65.586581][ T5098]  __alloc_pages_noprof+0x256/0x6c0
@[   65.591814][ T5098]  alloc_pages_mpol_noprof+0x3e8/0x680
@[   65.597377][ T5098]  folio_alloc_noprof+0x128/0x180
@[   65.602555][ T5098]  filemap_alloc_folio_noprof+0xdf/0x500
@[   65.608226][ T5098]  __filemap_get_folio+0x44e/0xc10
@[   65.613415][ T5098]  pagecache_get_page+0x2c/0x200
@[   65.618395][ T5098]  __get_metapage+0x2b4/0x1050
@[   65.623241][ T5098]  diNewExt+0xacf/0x37e0
@[   65.649859][ T5098]  do_mkdirat+0x264/0x3a0
@[   65.654284][ T5098] page last free pid 5083 tgid 5083 stack trace:
@[   65.660639][ T5098]  free_unref_page+0xd19/0xea0
@[   65.687248][ T5098]  entry_SYSCALL_64_after_hwframe+0x77/0x7f
@[   65.693191][ T5098] Modules linked in:
@[   65.718739][ T5098] Call Trace:
@[   65.722087][ T5098]  <TASK>
@[   65.725017][ T5098]  dump_stack_lvl+0x241/0x360
@[   65.740186][ T5098]  bad_page+0x14c/0x170
@[   65.744419][ T5098]  free_unref_folios+0x1121/0x19c0
@[   65.900278][ T5098]  vfs_write+0xa72/0xc90
@[   66.022611][ T5098]  </TASK>
",
    },
    Case {
        // The boot banner echoed in a mount option error: no crash.
        source: "testdata 722@8ab55d0e",
        title: "",
        alt: &[],
        crash_type: "",
        corrupted: false,
        log: "
@[ 1164.176368][T16664] xfs: Unknown parameter '                Booting the kernel.                '
",
    },
    Case {
        // The backtrace names it: past lockdep's frames and the irq-trace
        // and rq unlock helpers; the `takes` line names another function.
        source: "testdata 679@61cf2326",
        title: "inconsistent lock state in sched_core_balance",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: false,
        log: "
@[  124.804344][ T3879] ================================
@[  124.809430][ T3879] WARNING: inconsistent lock state
@[  124.814523][ T3879] 5.10.136 #0 Not tainted
@[  124.821439][ T3879] --------------------------------
@[  124.826523][ T3879] inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.
@[  124.833359][ T3879] repro/3879 [HC0[0]:SC0[0]:HE0:SE1] takes:
@[  124.840218][ T3879] ffff888114ca0000 (&p->pi_lock){?.-.}-{2:2}, at: task_blocks_on_rt_mutex+0x231/0x342
@[  124.849778][ T3879] {IN-HARDIRQ-W} state was registered at:
@[  124.855477][ T3879]   lock_acquire+0x379/0x3f9
@[  124.865322][ T3879]   try_to_wake_up+0xf9/0x9d4
@[  124.992458][ T3879] irq event stamp: 66
@[  125.067489][ T3879]  *** DEADLOCK ***
@[  125.131900][ T3879] stack backtrace:
@[  125.161567][ T3879] Call Trace:
@[  125.164842][ T3879]  dump_stack+0x107/0x163
@[  125.169156][ T3879]  mark_lock+0x310/0x6ae
@[  125.197302][ T3879]  mark_held_locks+0xa4/0xbb
@[  125.207058][ T3879]  lockdep_hardirqs_on_prepare+0x2fe/0x376
@[  125.212865][ T3879]  trace_hardirqs_on+0x69/0x74
@[  125.217615][ T3879]  raw_spin_rq_unlock_irq+0xa/0xc
@[  125.222622][ T3879]  sched_core_balance+0xa8/0x635
@[  125.238157][ T3879]  balance_callback+0xcb/0xf0
@[  125.261963][ T3879]  task_blocks_on_rt_mutex+0x25d/0x342
@[  125.303062][ T3879]  do_exit+0x1c1/0x2054
@[  125.344315][ T3879]  entry_SYSCALL_64_after_hwframe+0x61/0xc6
@[  125.350188][ T3879] RIP: 0033:0x7a9d147cc639
",
    },
    Case {
        source: "testdata 678@61cf2326",
        title: "inconsistent lock state in sync_info_debugfs_show",
        alt: &[],
        crash_type: "LOCKDEP",
        corrupted: false,
        log: "
@[  952.323563][T12429] ================================
@[  952.328681][T12429] WARNING: inconsistent lock state
@[  952.333891][T12429] 6.1.0-rc5 #0 Not tainted
@[  952.340409][T12429] --------------------------------
@[  952.345521][T12429] inconsistent {IN-HARDIRQ-W} -> {HARDIRQ-ON-W} usage.
@[  952.352376][T12429] repro/12429 [HC0[0]:SC0[0]:HE0:SE1] takes:
@[  952.359158][T12429] ffffffff8cb80000 (sync_timeline_list_lock){?...}-{2:2}, at: sync_info_debugfs_show+0x2d/0x200
@[  952.369735][T12429] {IN-HARDIRQ-W} state was registered at:
@[  952.375558][T12429]   lock_acquire+0x1df/0x630
@[  952.380174][T12429]   _raw_spin_lock_irqsave+0x39/0x50
@[  952.488673][T12429] irq event stamp: 332
@[  952.563647][T12429]  *** DEADLOCK ***
@[  952.606328][T12429] stack backtrace:
@[  952.632229][T12429] Call Trace:
@[  952.635501][T12429]  <TASK>
@[  952.638425][T12429]  dump_stack_lvl+0xcd/0x134
@[  952.643026][T12429]  mark_lock.part.0.cold+0x18/0xd8
@[  952.669242][T12429]  mark_held_locks+0x9f/0xe0
@[  952.678772][T12429]  lockdep_hardirqs_on_prepare+0x135/0x400
@[  952.689787][T12429]  trace_hardirqs_on+0x2d/0x180
@[  952.694639][T12429]  _raw_spin_unlock_irq+0x1f/0x40
@[  952.699701][T12429]  sync_info_debugfs_show+0xeb/0x200
@[  952.704998][T12429]  seq_read_iter+0x4f5/0x1280
@[  952.724443][T12429]  vfs_read+0x2dc/0x9d0
@[  952.761872][T12429]  entry_SYSCALL_64_after_hwframe+0x63/0xcd
@[  952.840061][T12429]  </TASK>
",
    },
    Case {
        // The fault at an address without a symbol: `IP:` and `RIP:` name
        // no frame, the trace's first does.
        source: "testdata 112@6d5486b2",
        title: "BUG: unable to handle kernel NULL pointer dereference in process_one_work",
        alt: &["bad-access in process_one_work"],
        crash_type: "NULL-POINTER-DEREFERENCE",
        corrupted: false,
        log: "
@[  190.154802] BUG: unable to handle kernel NULL pointer dereference at 0000000000000286
@[  190.154802] IP: 0x286
@[  190.154802] PGD 1d8d6a067
@[  190.154802] Oops: 0010 [#1] SMP KASAN
@[  190.154802] Modules linked in:
@[  190.154802] CPU: 1 PID: 3289 Comm: kworker/u4:7 Not tainted 4.13.0-rc5 #5
@[  190.154802] Workqueue: kstrp strp_work
@[  190.154802] RIP: 0010:0x286
@[  190.154802] RSP: 0018:ffff8801ca570000 EFLAGS: 00010246
@[  190.154802] Call Trace:
@[  190.154802]  process_one_work+0xbf3/0x1bc0
@[  190.154802]  worker_thread+0x223/0x1860
@[  190.154802]  kthread+0x35e/0x430
@[  190.154802]  ret_from_fork+0x2a/0x40
@[  190.154802] Code:  Bad RIP value.
@[  190.154802] RIP: 0x286 RSP: ffff8801ca570000
@[  190.154802] ---[ end trace 05ef833e13705a0a ]---
@[  190.154802] Kernel panic - not syncing: Fatal exception
",
    },
];

/// Cases where we and the file's header disagree, with what is known of
/// why; each must still disagree (so a fix is noticed).
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "testdata 132@3e647c04",
        "the title's small numbers: the stored header (the only stored \
         version) reads `age=57 cpu=0 pid=NUM`, we give `age=NUM cpu=NUM \
         pid=NUM`, as report.go's rule making every decimal number between \
         non-word characters NUM (`(\\W)(\\d+)(\\W|$)`, proposed in \
         google/syzkaller#2684, 2021-07) does; the version read must predate \
         that rule (with it, syzkaller's own test of the file would fail), \
         when the 5-digit pid was already NUM but `57` and `0` were not. A \
         third-party note on a later version of the file (7,292 bytes \
         against the 7,289 read: the 3 bytes of `57`->`NUM`, `0`->`NUM`) \
         gives its title as `INFO: Freed in fasync_free_rcu age=NUM cpu=NUM \
         pid=NUM`, ours; corrupted flag, type and alternatives agree",
    ),
    (
        "testdata 688@3287448d",
        "the alternative titles: the header lists only `stall in sys_recvmmsg`; \
         we add the title and alternative with the raw frame \
         `__arm64_sys_recvmmsg`, as report.go's partiallyStrippedArgs does at \
         the version read (the only stored version of the file may predate it, \
         or syzkaller's test may not compare ALT lines exactly: not known)",
    ),
    (
        "testdata 590@4640708c",
        "the title: the stored header (the file's newest stored version) reads \
         `KFENCE: use-after-free in`, we give `KFENCE: use-after-free read in`, \
         as linux.go at c4605131 formats KFENCE (`%[1]v %[2]v in %[4]v`, the \
         access kind included); the file's header was likely updated with that \
         format in a version not stored here",
    ),
    (
        "testdata 665@3b4ca5d0",
        "the title: as 669 (the same commit): the header names the `takes` \
         line's _atomic_dec_and_lock (a skipped atomic helper in the \
         backtrace), we the backtrace's ntfs_fill_super",
    ),
    (
        "testdata 669@3b4ca5d0",
        "the title: the header (3b4ca5d0) names the `takes` line's \
         kmem_cache_alloc_node, we the backtrace's fs_reclaim_acquire, as \
         linux.go at c4605131 formats it and as testdata 679 (61cf2326, the \
         `takes` line naming another function) is titled; this header likely \
         predates that",
    ),
    (
        "testdata 610@971c129c",
        "the same as 688: the raw frame `__x64_sys_recvmmsg`'s titles are \
         among ours, not in the header",
    ),
];

#[test]
fn oops_titles_match_syzkaller() {
    let mut failures = Vec::new();
    let mut matching = 0;
    let mut files = 0;
    for case in CASES {
        let known = KNOWN_DIFFERENCES.iter().any(|(s, _)| *s == case.source);
        if case.source.starts_with("testdata") {
            files += 1;
        }
        let lines = console(case.log);
        let got = describe_console(lines.iter().map(String::as_str));
        if case.title.is_empty() {
            // A file without a TITLE: no crash in the console.
            match got {
                None => matching += 1,
                Some(got) => failures.push(format!(
                    "{}: got {:?}, want no crash",
                    case.source, got.title
                )),
            }
            continue;
        }
        let Some(got) = got else {
            failures.push(format!("{} {}: no oops found", case.source, case.title));
            continue;
        };
        let alts: Vec<&str> = got.alt_titles.iter().map(String::as_str).collect();
        let have = (
            got.title.as_str(),
            alts,
            if case.crash_type.is_empty() {
                ""
            } else {
                got.crash_type.as_str()
            },
            got.corrupted,
        );
        let want = (
            case.title,
            case.alt.to_vec(),
            case.crash_type,
            case.corrupted,
        );
        match (have == want, known) {
            (true, false) => matching += 1,
            (false, true) => println!("known difference: {}: got {have:?}", case.source),
            (false, false) => failures.push(format!(
                "{}: got {have:?} ({:?}), want {want:?}",
                case.source, got.corrupted_reason
            )),
            (true, true) => failures.push(format!(
                "{} matches now: take it out of KNOWN_DIFFERENCES",
                case.source
            )),
        }
    }
    println!(
        "{matching} of {} cases match ({files} syzkaller testdata files, {} known differences)",
        CASES.len(),
        KNOWN_DIFFERENCES.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The fuzz manager's crash-start detection and the titles agree on each
/// case's console: the first line the manager takes for a crash's start is
/// the first that syzkaller's oops table takes (or a KASAN report's header,
/// which the KASAN parser titles), and a console with no crash has none.
#[test]
fn crash_starts_agree_with_the_oops_table() {
    let mut failures = Vec::new();
    for case in CASES {
        let lines = console(case.log);
        let manager = lines.iter().position(|l| crash_start(l).is_some());
        let syzkaller = lines
            .iter()
            .position(|l| first_oops(l).is_some() || l.contains("BUG: KASAN:"));
        if manager != syzkaller {
            failures.push(format!(
                "{}: the manager starts a crash at line {manager:?}, syzkaller at {syzkaller:?}",
                case.source
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
