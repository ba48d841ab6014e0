//! Titles syzkaller gives Linux oopses other than KASAN reports: WARNINGs,
//! lockdep splats, KFENCE, `BUG:` lines, arm64's `Unable to handle kernel
//! ...` and `Internal error:`, `kernel BUG at`, hung tasks, RCU stalls,
//! soft lockups and panics.
//!
//! Reimplemented from the rules of google/syzkaller's pkg/report (linux.go
//! `linuxOopses`, `linuxStallFrameExtractor`, `linuxHangTaskFrameExtractor`,
//! `linuxRipFrame`, `warningStackFmt`; report.go `extractDescription`,
//! `extractStackFrameImpl`, `matchOops`), read at the version that titles
//! KFENCE as `KFENCE: <bug> <read|write> in <frame>`. The formats are
//! syzkaller's facts, kept as the regular expressions it uses (with its
//! `{{PC}}`, `{{FUNC}}` and `{{SRC}}` templates); the matching code is ours.
//! Formats of other sanitizers and systems (KMSAN, KCSAN, trusty, the
//! reboot line) are left out; x86's faults (general protection fault, divide
//! error, ...) are in, as syzkaller's testdata titles them; a `BUG: KASAN:`
//! header is left to
//! [`super::describe`] (see [`first_oops`]).
//!
//! How a title is made, as in syzkaller: the first console line holding an
//! oops header (and none of its suppressions) picks the oops; its report
//! text is cut as for KASAN ([`super::collect`]); of the oops' formats, the
//! one whose title expression matches earliest in the text wins (the first
//! listed on a tie); a format with a report expression needs that to match
//! too, and its captures are the title's arguments; then the guilty frame
//! is extracted from the stack parts (expression parts, each scanning on
//! from where the previous stopped, and stack parts reading frames up to the
//! next stack start), frames matching the skip patterns dropped, and the
//! format's extractor choosing among them (the first; or the stall and hang
//! extractors). Alternative titles, sanitisation and the corruption checks
//! are the KASAN ones.

use std::sync::OnceLock;

use regex::Regex;

use super::collect::ReportText;
use super::describe::{self, NO_FRAMES};
use super::{crash_type, frames, sanitize, SyzkallerTitle};

/// One part of a stack format.
#[derive(Clone, Copy, Debug)]
enum Part {
    /// An expression: the first line from here on that matches; its
    /// captures are frames.
    Re(&'static str),
    /// Frame lines up to the next stack start (syzkaller's `parseStackTrace`).
    Stack,
}

/// Which frame of the extracted ones names the crash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Extractor {
    /// The first.
    First,
    /// `linuxStallFrameExtractor`: the frame before the first anchor.
    Stall,
    /// `linuxHangTaskFrameExtractor`.
    Hang,
}

#[derive(Clone, Copy, Debug)]
struct StackFmt {
    parts: &'static [Part],
    parts2: &'static [Part],
    skip: &'static [&'static str],
    extractor: Extractor,
}

const STACK: StackFmt = StackFmt {
    parts: &[],
    parts2: &[],
    skip: &[],
    extractor: Extractor::First,
};

#[derive(Clone, Copy, Debug)]
struct Format {
    title: &'static str,
    report: Option<&'static str>,
    fmt: &'static str,
    alt: &'static [&'static str],
    stack: Option<StackFmt>,
    no_stack_trace: bool,
    corrupted: bool,
}

const F: Format = Format {
    title: "",
    report: None,
    fmt: "",
    alt: &[],
    stack: None,
    no_stack_trace: false,
    corrupted: false,
};

struct Oops {
    header: &'static str,
    formats: &'static [Format],
    suppressions: &'static [&'static str],
}

macro_rules! rip {
    () => {
        r"(?:IP|NIP|pc |PC is at):? (?:(?:[0-9]+:)?(?:{{PC}} +){0,2}{{FUNC}}|(?:[0-9]+:)?0x[0-9a-f]+|(?:[0-9]+:)?{{PC}} +\[< *\(null\)>\] +\(null\)|[0-9]+: +\(null\))"
    };
}

const RIP: &str = rip!();
const CALL_TRACE: &str = r"(?:Call (?:T|t)race:)|(?:Backtrace:)";
const WARNING_RIP: &str = concat!("(?:", rip!(), "|--- interrupt: [0-9]+ at {{FUNC}})");

const RIP_TRACE: &[Part] = &[Part::Re(RIP), Part::Re(CALL_TRACE), Part::Stack];
const TRACE: &[Part] = &[Part::Re(CALL_TRACE), Part::Stack];

/// syzkaller's `warningStackFmt(skip...)`.
const fn warning_stack(skip: &'static [&'static str]) -> Option<StackFmt> {
    Some(StackFmt {
        parts: &[Part::Re(WARNING_RIP), Part::Stack],
        parts2: &[Part::Re(CALL_TRACE), Part::Stack],
        skip,
        extractor: Extractor::First,
    })
}

const fn trace(skip: &'static [&'static str]) -> Option<StackFmt> {
    Some(StackFmt {
        parts: TRACE,
        skip,
        ..STACK
    })
}

const fn rip_trace(skip: &'static [&'static str]) -> Option<StackFmt> {
    Some(StackFmt {
        parts: RIP_TRACE,
        skip,
        ..STACK
    })
}

const KFENCE_STACK: Option<StackFmt> = Some(StackFmt {
    parts: &[
        Part::Re(r"BUG: KFENCE: (?:[a-z\- ]+) in {{FUNC}}"),
        Part::Stack,
    ],
    ..STACK
});

const BUG_FORMATS: &[Format] = &[
    Format {
        title: r"BUG: KFENCE: (use-after-free|out-of-bounds) (read|write) in {{FUNC}}",
        fmt: "KFENCE: %[1]v %[2]v in %[4]v",
        alt: &["bad-access in %[4]v"],
        stack: KFENCE_STACK,
        ..F
    },
    Format {
        title: r"BUG: KFENCE: invalid free in {{FUNC}}",
        fmt: "KFENCE: invalid free in %[2]v",
        alt: &["invalid-free in %[2]v"],
        no_stack_trace: true,
        stack: KFENCE_STACK,
        ..F
    },
    Format {
        title: r"BUG: KFENCE: invalid (read|write) in {{FUNC}}",
        fmt: "KFENCE: invalid %[1]v in %[3]v",
        alt: &["bad-access in %[3]v"],
        stack: KFENCE_STACK,
        ..F
    },
    Format {
        title: r"BUG: KFENCE: memory corruption in {{FUNC}}",
        fmt: "KFENCE: memory corruption in %[2]v",
        no_stack_trace: true,
        stack: KFENCE_STACK,
        ..F
    },
    Format {
        title: r"BUG: (?:unable to handle kernel paging request|unable to handle page fault for address|Unable to handle kernel data access)",
        fmt: "BUG: unable to handle kernel paging request in %[1]v",
        alt: &["bad-access in %[1]v"],
        stack: rip_trace(&[]),
        ..F
    },
    Format {
        title: r"BUG: (?:unable to handle kernel NULL pointer dereference|kernel NULL pointer dereference|Kernel NULL pointer dereference)",
        fmt: "BUG: unable to handle kernel NULL pointer dereference in %[1]v",
        alt: &["bad-access in %[1]v"],
        stack: rip_trace(&[]),
        ..F
    },
    Format {
        title: r"BUG: (?:unable to handle kernel|Unable to handle kernel)",
        fmt: "BUG: unable to handle kernel",
        corrupted: true,
        ..F
    },
    Format {
        title: r"BUG: (spinlock|rwlock) (lockup suspected|already unlocked|recursion|cpu recursion|bad magic|wrong owner|wrong CPU|trylock failure on UP)",
        fmt: "BUG: %[1]v %[2]v in %[3]v",
        stack: trace(&["spin_", "_lock", "_unlock"]),
        ..F
    },
    Format {
        title: r"BUG: soft lockup",
        fmt: "BUG: soft lockup in %[1]v",
        alt: &["stall in %[1]v"],
        stack: Some(StackFmt {
            parts: RIP_TRACE,
            extractor: Extractor::Stall,
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"BUG: .*still has locks held!",
        report: Some(r"BUG: .*still has locks held!(?:.*\n)+?.*{{PC}} +{{FUNC}}"),
        fmt: "BUG: still has locks held in %[1]v",
        ..F
    },
    Format {
        title: r"BUG: scheduling while atomic",
        fmt: "BUG: scheduling while atomic in %[1]v",
        stack: trace(&["schedule"]),
        ..F
    },
    Format {
        title: r"BUG: lock held when returning to user space",
        report: Some(
            r"BUG: lock held when returning to user space(?:.*\n)+?.*leaving the kernel with locks still held(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
        ),
        fmt: "BUG: lock held when returning to user space in %[1]v",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"BUG: bad unlock balance detected!",
        fmt: "BUG: bad unlock balance in %[1]v",
        stack: Some(StackFmt {
            parts: &[
                Part::Re(r"{{PC}} +{{FUNC}}"),
                Part::Re(CALL_TRACE),
                Part::Stack,
            ],
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"BUG: held lock freed!",
        report: Some(r"BUG: held lock freed!(?:.*\n)+?.*{{PC}} +{{FUNC}}"),
        fmt: "BUG: held lock freed in %[1]v",
        ..F
    },
    Format {
        title: r"BUG: Bad rss-counter state",
        fmt: "BUG: Bad rss-counter state",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"BUG: non-zero nr_ptes on freeing mm",
        fmt: "BUG: non-zero nr_ptes on freeing mm",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"BUG: non-zero nr_pmds on freeing mm",
        fmt: "BUG: non-zero nr_pmds on freeing mm",
        no_stack_trace: true,
        ..F
    },
    Format {
        // The filesystem type and block device are left out of the title.
        title: r"BUG: Dentry .* still in use",
        report: Some(r"BUG: Dentry .* still in use \([0-9]+\) \[(unmount) of ([^\]]+)\]"),
        fmt: "BUG: Dentry still in use in %[1]v",
        alt: &["BUG: Dentry still in use [%[1]v of %[2]v]"],
        ..F
    },
    Format {
        title: r"BUG: Bad page (state|cache)",
        fmt: "BUG: Bad page %[1]v in %[2]v",
        stack: Some(StackFmt {
            parts: &[Part::Re(r"page last allocated"), Part::Stack],
            skip: &[
                "(free|put|get|update|release)_page",
                "free_unref",
                "^_*folio",
                "truncate_inode_pages",
                "page_frag_free",
                "alloc",
                "vmap",
                "page_owner",
            ],
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"BUG: Bad page map",
        fmt: "BUG: Bad page map",
        ..F
    },
    Format {
        // The first busy worker's work function, from the `Workqueue:` line
        // of the stalled pools' backtraces (testdata 1009, 1010; inferred,
        // the linux.go read has only the plain title, kept below for
        // reports without the backtraces, testdata 1011).
        title: r"BUG: workqueue lockup",
        report: Some(
            r"BUG: workqueue lockup(?:.*\n)+?.*Showing backtraces of busy workers in stalled worker pools:(?:.*\n)+?.*Workqueue: [^ ]+ ([a-zA-Z0-9_]+)",
        ),
        fmt: "BUG: workqueue lockup in %[1]v",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"BUG: workqueue lockup",
        fmt: "BUG: workqueue lockup",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"BUG: sleeping function called from invalid context at (.*)",
        fmt: "BUG: sleeping function called from invalid context in %[2]v",
        stack: trace(&[]),
        ..F
    },
    Format {
        title: r"BUG: using ([a-z_]+)\(\) in preemptible",
        fmt: "BUG: using %[1]v() in preemptible code in %[2]v",
        stack: trace(&[
            "dump_stack",
            "preemption",
            "preempt",
            "debug_",
            "processor_id",
            "this_cpu",
        ]),
        ..F
    },
    Format {
        title: r"BUG: workqueue leaked lock or atomic",
        report: Some(
            r"BUG: workqueue leaked lock or atomic(?:.*\n)+?.*last function: ([a-zA-Z0-9_]+)\n",
        ),
        fmt: "BUG: workqueue leaked lock or atomic in %[1]v",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"BUG: memory leak",
        fmt: "memory leak in %[1]v",
        stack: Some(StackFmt {
            parts: &[
                Part::Re(r"backtrace(?: \(crc [[:xdigit:]]*\))?:"),
                Part::Stack,
            ],
            skip: &[
                "kmemleak",
                "mmap",
                "kmem",
                "slab",
                "alloc",
                "create_object",
                "idr_get",
                "list_lru_init",
                "kasprintf",
                "kvasprintf",
                "pcpu_create",
                "strdup",
                "strndup",
                "memdup",
            ],
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"BUG: .*stack guard page was hit at",
        fmt: "BUG: stack guard page was hit in %[1]v",
        alt: &["stack-overflow in %[1]v"],
        stack: Some(StackFmt {
            parts: RIP_TRACE,
            extractor: Extractor::Stall,
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"BUG: Invalid wait context",
        fmt: "WARNING: locking bug in %[1]v",
        stack: trace(&["lock_sock", "release_sock"]),
        ..F
    },
    Format {
        title: r"BUG:[[:space:]]*(?:\n|$)",
        fmt: "BUG: corrupted",
        corrupted: true,
        ..F
    },
];

const WARNING_FORMATS: &[Format] = &[
    Format {
        title: r"WARNING: .*lib/debugobjects\.c.* (?:debug_print|debug_check|at)",
        fmt: "WARNING: ODEBUG bug in %[1]v",
        stack: warning_stack(&[
            "debug_",
            "rcu",
            "hrtimer_",
            "timer_",
            "work_",
            "percpu_",
            "vunmap",
            "vfree",
            "__free_",
            "debug_check",
            "kobject_",
        ]),
        ..F
    },
    Format {
        title: r"WARNING: .*mm/usercopy\.c.* (?:usercopy_warn|at)",
        fmt: "WARNING: bad usercopy in %[1]v",
        stack: warning_stack(&["usercopy", "__check"]),
        ..F
    },
    Format {
        title: r"WARNING: .*lib/kobject\.c.* (?:kobject_|at)",
        fmt: "WARNING: kobject bug in %[1]v",
        stack: warning_stack(&["kobject_"]),
        ..F
    },
    Format {
        title: r"WARNING: .*fs/proc/generic\.c.* (?:proc_register|at)",
        fmt: "WARNING: proc registration bug in %[1]v",
        stack: warning_stack(&["proc_"]),
        ..F
    },
    Format {
        title: r"WARNING: .*lib/refcount\.c.* (?:refcount_|at)",
        fmt: "WARNING: refcount bug in %[1]v",
        stack: warning_stack(&["refcount", "kobject_"]),
        ..F
    },
    Format {
        title: r"WARNING: .*kernel/locking/lockdep\.c.*lock_",
        fmt: "WARNING: locking bug in %[1]v",
        stack: warning_stack(&["lock_sock", "release_sock"]),
        ..F
    },
    Format {
        title: r"WARNING: .*still has locks held!",
        report: Some(r"WARNING: .*still has locks held!(?:.*\n)+?.*at: {{FUNC}}"),
        fmt: "WARNING: still has locks held in %[1]v",
        ..F
    },
    Format {
        title: r"WARNING: Nested lock was not taken",
        fmt: "WARNING: nested lock was not taken in %[1]v",
        stack: warning_stack(&[]),
        ..F
    },
    Format {
        title: r"WARNING: lock held when returning to user space",
        report: Some(
            r"WARNING: lock held when returning to user space(?:.*\n)+?.*leaving the kernel with locks still held(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
        ),
        fmt: "WARNING: lock held when returning to user space in %[1]v",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"WARNING: .*mm/.*\.c.* k?.?malloc",
        fmt: "WARNING: kmalloc bug in %[1]v",
        stack: warning_stack(&["kmalloc", "krealloc", "slab", "kmem"]),
        ..F
    },
    Format {
        title: r"WARNING: .*mm/vmalloc.c.*__vmalloc_node",
        fmt: "WARNING: zero-size vmalloc in %[1]v",
        stack: warning_stack(&[]),
        ..F
    },
    Format {
        title: r"WARNING: .* usb_submit_urb",
        fmt: "WARNING in %[1]v/usb_submit_urb",
        stack: warning_stack(&[
            "usb_submit_urb",
            "usb_start_wait_urb",
            "usb_bulk_msg",
            "usb_interrupt_msg",
            "usb_control_msg",
        ]),
        ..F
    },
    Format {
        title: r"WARNING: {{SRC}} at 0x\d+, CPU#\d+",
        fmt: "WARNING in %[2]v",
        stack: warning_stack(&[]),
        ..F
    },
    Format {
        title: r"WARNING: .* at {{SRC}} {{FUNC}}",
        fmt: "WARNING in %[3]v",
        stack: warning_stack(&[]),
        ..F
    },
    Format {
        title: r"WARNING: {{SRC}} at {{FUNC}}",
        fmt: "WARNING in %[3]v",
        stack: warning_stack(&[]),
        ..F
    },
    Format {
        title: r"WARNING: \[.*\] {{SRC}} at {{FUNC}}.*",
        fmt: "WARNING in %[3]v",
        stack: warning_stack(&[]),
        ..F
    },
    Format {
        title: r"WARNING: possible circular locking dependency detected",
        report: Some(
            r"WARNING: possible circular locking dependency detected(?:.*\n)+?.*is trying to acquire lock",
        ),
        fmt: "possible deadlock in %[1]v",
        stack: Some(StackFmt {
            parts: &[
                Part::Re(r"at: (?:{{PC}} +)?{{FUNC}}"),
                Part::Re(r"at: (?:{{PC}} +)?{{FUNC}}"),
                Part::Stack,
            ],
            skip: &[
                "process_one_work",
                "flush_workqueue",
                "drain_workqueue",
                "destroy_workqueue",
            ],
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"WARNING: possible irq lock inversion dependency detected",
        report: Some(
            r"WARNING: possible irq lock inversion dependency detected(?:.*\n)+?.*just changed the state of lock(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
        ),
        fmt: "possible deadlock in %[1]v",
        ..F
    },
    Format {
        title: r"WARNING: .*-safe -> .*-unsafe lock order detected",
        fmt: "possible deadlock in %[1]v",
        stack: Some(StackFmt {
            parts: &[Part::Re(r"which became (?:.*) at:"), Part::Stack],
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"WARNING: possible recursive locking detected",
        report: Some(
            r"WARNING: possible recursive locking detected(?:.*\n)+?.*is trying to acquire lock(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
        ),
        fmt: "possible deadlock in %[1]v",
        ..F
    },
    Format {
        title: r"WARNING: inconsistent lock state",
        report: Some(
            r"WARNING: inconsistent lock state(?:.*\n)+?.*takes(?:.*\n)+?.*at: (?:{{PC}} +)?{{FUNC}}",
        ),
        // The backtrace's first frame past lockdep's own (testdata 679: not
        // the `takes` line's task_blocks_on_rt_mutex). valid_state and the
        // lock_sock wrappers are skipped too: testdata 1003, 1005 (softirq
        // splats of newer kernels) are titled past them; that skip is
        // inferred, the linux.go read (c4605131) has none here.
        fmt: "inconsistent lock state in %[2]v",
        stack: trace(&["valid_state", "lock_sock"]),
        ..F
    },
    Format {
        title: r"WARNING: suspicious RCU usage",
        report: Some(r"WARNING: suspicious RCU usage(?:.*\n)+?.*?{{SRC}}"),
        fmt: "WARNING: suspicious RCU usage in %[2]v",
        stack: trace(&["rcu", "kmem", "slab"]),
        ..F
    },
    Format {
        title: r"WARNING: kernel stack regs at [0-9a-f]+ in [^ ]* has bad '([^']+)' value",
        fmt: "WARNING: kernel stack regs has bad '%[1]v' value",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"WARNING: kernel stack frame pointer at [0-9a-f]+ in [^ ]* has bad value",
        fmt: "WARNING: kernel stack frame pointer has bad value",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"WARNING: bad unlock balance detected!",
        fmt: "WARNING: bad unlock balance in %[1]v",
        stack: Some(StackFmt {
            parts: &[
                Part::Re(r"{{PC}} +{{FUNC}}"),
                Part::Re(CALL_TRACE),
                Part::Stack,
            ],
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"WARNING: held lock freed!",
        report: Some(r"WARNING: held lock freed!(?:.*\n)+?.*at:(?: {{PC}})? +{{FUNC}}"),
        fmt: "WARNING: held lock freed in %[1]v",
        ..F
    },
    Format {
        title: r"WARNING: kernel stack regs .* has bad 'bp' value",
        fmt: "WARNING: kernel stack regs has bad value",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"WARNING: kernel stack frame pointer .* has bad value",
        fmt: "WARNING: kernel stack regs has bad value",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"WARNING:[[:space:]]*(?:\n|$)",
        fmt: "WARNING: corrupted",
        corrupted: true,
        ..F
    },
];

const INFO_FORMATS: &[Format] = &[
    Format {
        title: r"INFO: possible circular locking dependency detected",
        report: Some(
            r"INFO: possible circular locking dependency detected \](?:.*\n)+?.*is trying to acquire lock(?:.*\n)+?.*at: {{PC}} +{{FUNC}}",
        ),
        fmt: "possible deadlock in %[1]v",
        ..F
    },
    Format {
        title: r"INFO: possible irq lock inversion dependency detected",
        report: Some(
            r"INFO: possible irq lock inversion dependency detected \](?:.*\n)+?.*just changed the state of lock(?:.*\n)+?.*at: {{PC}} +{{FUNC}}",
        ),
        fmt: "possible deadlock in %[1]v",
        ..F
    },
    Format {
        title: r"INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected",
        report: Some(
            r"INFO: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected \](?:.*\n)+?.*is trying to acquire(?:.*\n)+?.*at: {{PC}} +{{FUNC}}",
        ),
        fmt: "possible deadlock in %[1]v",
        ..F
    },
    Format {
        title: r"INFO: possible recursive locking detected",
        report: Some(
            r"INFO: possible recursive locking detected \](?:.*\n)+?.*is trying to acquire lock(?:.*\n)+?.*at: {{PC}} +{{FUNC}}",
        ),
        fmt: "possible deadlock in %[1]v",
        ..F
    },
    Format {
        title: r"INFO: inconsistent lock state",
        report: Some(
            r"INFO: inconsistent lock state \](?:.*\n)+?.*takes(?:.*\n)+?.*at: {{PC}} +{{FUNC}}",
        ),
        fmt: "inconsistent lock state in %[1]v",
        ..F
    },
    Format {
        // rcu_tasks' stall header is titled so too (testdata 1002; inferred,
        // the linux.go read names only preempt, sched and bh).
        title: r"INFO: rcu_(?:preempt|sched|bh|tasks) (?:self-)?detected(?: expedited)? stall",
        fmt: "INFO: rcu detected stall in %[1]v",
        alt: &["stall in %[1]v"],
        stack: Some(StackFmt {
            parts: &[
                Part::Re(r"apic_timer_interrupt"),
                Part::Re(RIP),
                Part::Stack,
            ],
            parts2: &[
                Part::Re(r"(?:apic_timer_interrupt|Exception stack|el1h_64_irq)"),
                Part::Stack,
            ],
            skip: &["apic_timer_interrupt", "rcu"],
            extractor: Extractor::Stall,
        }),
        ..F
    },
    Format {
        title: r"INFO: trying to register non-static key",
        fmt: "INFO: trying to register non-static key in %[1]v",
        stack: trace(&["stack", "lock", "IRQ"]),
        ..F
    },
    Format {
        title: r"INFO: suspicious RCU usage",
        report: Some(r"INFO: suspicious RCU usage(?:.*\n)+?.*?{{SRC}}"),
        fmt: "INFO: suspicious RCU usage in %[2]v",
        stack: trace(&["rcu", "kmem", "slab"]),
        ..F
    },
    Format {
        // `blocked in I/O wait for` is the newer kernels' wording (testdata 1000).
        // A task name with a newline in it continues on the next line
        // (testdata 1001).
        title: r"INFO: task .*(?:\n.*)? blocked (?:in I/O wait )?for more than [0-9]+ seconds",
        fmt: "INFO: task hung in %[1]v",
        alt: &["hang in %[1]v"],
        stack: Some(StackFmt {
            parts: TRACE,
            extractor: Extractor::Hang,
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"INFO: task .* can't die for more than .* seconds",
        fmt: "INFO: task can't die in %[1]v",
        alt: &["hang in %[1]v"],
        stack: trace(&["schedule"]),
        ..F
    },
    Format {
        // Corrupted old-style KASAN reports.
        title: r"INFO: (Freed|Allocated) in (.*)",
        fmt: "INFO: %[1]v in %[2]v",
        corrupted: true,
        ..F
    },
    Format {
        title: r"INFO:[[:space:]]*(?:\n|$)",
        fmt: "INFO: corrupted",
        corrupted: true,
        ..F
    },
];

const UNABLE_FORMATS: &[Format] = &[Format {
    title: r"Unable to handle kernel (paging request|NULL pointer dereference|access to user memory)",
    fmt: "BUG: unable to handle kernel %[1]v in %[2]v",
    alt: &["bad-access in %[2]v"],
    stack: rip_trace(&[]),
    ..F
}];

const GPF_FORMATS: &[Format] = &[Format {
    title: r"general protection fault.*:",
    fmt: "general protection fault in %[1]v",
    alt: &["bad-access in %[1]v"],
    stack: rip_trace(&[]),
    ..F
}];

const STACK_SEGMENT_FORMATS: &[Format] = &[Format {
    title: r"stack segment: ",
    fmt: "stack segment fault in %[1]v",
    stack: rip_trace(&[]),
    ..F
}];

/// Only the `RIP:`/`pc :` line names the frame.
const RIP_ONLY: Option<StackFmt> = Some(StackFmt {
    parts: &[Part::Re(RIP)],
    ..STACK
});

const DOUBLE_FAULT_FORMATS: &[Format] = &[Format {
    title: r"PANIC: double fault",
    fmt: "PANIC: double fault in %[1]v",
    stack: RIP_ONLY,
    ..F
}];

const PANIC_FORMATS: &[Format] = &[
    Format {
        title: r"Kernel panic - not syncing: stack-protector:",
        report: Some(
            r"Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: {{FUNC}}",
        ),
        fmt: "kernel panic: stack is corrupted in %[1]v",
        no_stack_trace: true,
        ..F
    },
    Format {
        title: r"Kernel panic - not syncing: stack-protector:",
        report: Some(
            r"Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: [a-f0-9]+",
        ),
        fmt: "kernel panic: stack is corrupted in %[1]v",
        stack: trace(&["stack_chk"]),
        ..F
    },
    Format {
        title: r"Kernel panic - not syncing: corrupted stack end",
        report: Some(r"Kernel panic - not syncing: corrupted stack end detected inside scheduler"),
        fmt: "kernel panic: corrupted stack end in %[1]v",
        alt: &["stack-overflow in %[1]v"],
        stack: Some(StackFmt {
            parts: TRACE,
            skip: &["schedule", "retint_kernel"],
            extractor: Extractor::Stall,
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"Kernel panic - not syncing: kernel stack overflow",
        fmt: "kernel stack overflow in %[1]v",
        alt: &["stack-overflow in %[1]v"],
        stack: Some(StackFmt {
            parts: TRACE,
            skip: &["bad_stack"],
            extractor: Extractor::Stall,
            ..STACK
        }),
        ..F
    },
    Format {
        title: r"Kernel panic - not syncing: Attempted to kill init!",
        fmt: "kernel panic: Attempted to kill init!",
        ..F
    },
    Format {
        title: r"Kernel panic - not syncing: Couldn't open N_TTY ldisc for [^ ]+ --- error -[0-9]+",
        fmt: "kernel panic: Couldn't open N_TTY ldisc",
        ..F
    },
    Format {
        title: r"Kernel panic - not syncing: Fatal exception",
        fmt: "kernel panic: Fatal exception",
        corrupted: true,
        ..F
    },
    Format {
        title: r"Kernel panic - not syncing: panic_on_warn set",
        fmt: "kernel panic: panic_on_warn set",
        corrupted: true,
        ..F
    },
    Format {
        title: r"Kernel panic - not syncing: hung_task: blocked tasks",
        fmt: "kernel panic: hung_task: blocked tasks",
        corrupted: true,
        ..F
    },
    Format {
        title: r"Kernel panic - not syncing: (.*)",
        fmt: "kernel panic: %[1]v",
        ..F
    },
];

const RUST_FORMATS: &[Format] = &[Format {
    title: r"rust_kernel: panicked",
    report: Some(r"rust_kernel: panicked at [^\n]*?\n(.+?)\n"),
    fmt: "%[1]v in %[2]v",
    stack: trace(&[r"__rustc::rust_begin_unwind"]),
    ..F
}];

const KERNEL_BUG_FORMATS: &[Format] = &[
    Format {
        title: r"kernel BUG at mm/usercopy.c",
        fmt: "BUG: bad usercopy in %[1]v",
        stack: trace(&["usercopy", "__check"]),
        ..F
    },
    Format {
        title: r"kernel BUG at lib/list_debug.c",
        fmt: "BUG: corrupted list in %[1]v",
        alt: &["bad-access in %[1]v"],
        stack: trace(&[]),
        ..F
    },
    Format {
        title: r"kernel BUG at (.*)",
        fmt: "kernel BUG in %[2]v",
        stack: rip_trace(&["^skb_"]),
        ..F
    },
];

const KERNEL_BUG_UPPER_FORMATS: &[Format] = &[Format {
    title: r"Kernel BUG (.*)",
    fmt: "kernel BUG %[1]v",
    ..F
}];

const KMALLOC_FORMATS: &[Format] = &[Format {
    title: r"BUG kmalloc-.*: Object already free",
    fmt: "BUG: Object already free",
    ..F
}];

const DIVIDE_ERROR_FORMATS: &[Format] = &[Format {
    title: r"divide error: ",
    fmt: "divide error in %[1]v",
    stack: RIP_ONLY,
    ..F
}];

/// The misspelling of x86's IDTENTRY conversion.
const DIVIDE_ERROR2_FORMATS: &[Format] = &[Format {
    title: r"divide_error: ",
    fmt: "divide error in %[1]v",
    stack: RIP_ONLY,
    ..F
}];

const INVALID_OPCODE_FORMATS: &[Format] = &[Format {
    title: r"invalid opcode: ",
    fmt: "invalid opcode in %[1]v",
    stack: RIP_ONLY,
    ..F
}];

const UBSAN_FORMATS: &[Format] = &[
    Format {
        title: r"UBSAN:",
        report: Some(r"UBSAN: Undefined behaviour in"),
        fmt: "UBSAN: undefined-behaviour in %[1]v",
        stack: trace(&["ubsan", "overflow"]),
        ..F
    },
    Format {
        title: r"UBSAN: array-index-out-of-bounds in",
        fmt: "UBSAN: array-index-out-of-bounds in %[1]v",
        alt: &["bad-access in %[1]v"],
        stack: trace(&["ubsan", "overflow"]),
        ..F
    },
    Format {
        title: r"UBSAN:",
        report: Some(r"UBSAN: (.*?) in"),
        fmt: "UBSAN: %[1]v in %[2]v",
        stack: trace(&["ubsan", "overflow"]),
        ..F
    },
];

const UNREGISTER_NETDEVICE_FORMATS: &[Format] = &[Format {
    title: r"unregister_netdevice: waiting for (?:.*) to become free",
    fmt: "unregister_netdevice: waiting for DEV to become free",
    no_stack_trace: true,
    ..F
}];

/// Messages of older kernels (fs/open.c, fs/super.c) that syzkaller titles
/// as use-after-frees; no stack is needed (testdata 683).
const VFS_CLOSE_FORMATS: &[Format] = &[Format {
    title: r"VFS: Close: file count is 0",
    fmt: "VFS: Close: file count is zero (use-after-free)",
    no_stack_trace: true,
    ..F
}];

const VFS_BUSY_FORMATS: &[Format] = &[Format {
    title: r"VFS: Busy inodes after unmount",
    fmt: "VFS: Busy inodes after unmount (use-after-free)",
    no_stack_trace: true,
    ..F
}];

const INTERNAL_ERROR_FORMATS: &[Format] = &[Format {
    title: r"Internal error:",
    fmt: "Internal error in %[1]v",
    alt: &["bad-access in %[1]v"],
    stack: rip_trace(&[]),
    ..F
}];

const ALIGNMENT_TRAP_FORMATS: &[Format] = &[Format {
    title: r"Alignment trap:",
    fmt: "Alignment trap in %[1]v",
    stack: rip_trace(&[]),
    ..F
}];

const UNHANDLED_FORMATS: &[Format] = &[Format {
    title: r"Unhandled fault:",
    fmt: "Unhandled fault in %[1]v",
    alt: &["bad-access in %[1]v"],
    stack: rip_trace(&[]),
    ..F
}];

/// The oopses in syzkaller's order (its first-oops search tries them in
/// this order on each line).
const OOPSES: &[Oops] = &[
    Oops {
        header: "BUG:",
        formats: BUG_FORMATS,
        suppressions: &[
            "ODEBUG:",
            "Boot_DEBUG:",
            "xlog_status:",
            "DEBUG:",
            "BUG: no syscalls can create resource",
        ],
    },
    Oops {
        header: "WARNING:",
        formats: WARNING_FORMATS,
        suppressions: &[
            "WARNING: /etc/ssh/moduli does not exist, using fixed modulus",
            "WARNING: workqueue cpumask: online intersect > possible intersect",
            "WARNING: [Tt]he mand mount option",
            // With eIBRS, and (testdata 1015) the Spectre v2 BHB wording.
            "WARNING: Unprivileged eBPF is enabled",
            "WARNING: See https.* for mitigation options.",
            "WARNING: kernel not compiled with CPU_SRSO",
            r"EXT4-[Ff][Ss](?: \(.*\))?:",
            r"(?i)warning: .* uses (deprecated v2 capabilities|wireless extensions)",
            r"XFS \(\w+\): WARNING",
        ],
    },
    Oops {
        header: "INFO:",
        formats: INFO_FORMATS,
        suppressions: &[
            "INFO: lockdep is turned off",
            "INFO: Stall ended before state dump start",
            "INFO: NMI handler",
            "INFO: recovery required on readonly filesystem",
            "(handler|interrupt).*took too long",
            "INFO: sys_.* is not present in /proc/kallsyms",
            "INFO: no syscalls can create resource",
            "rmt_storage:INFO:",
            "_INFO:",
        ],
    },
    Oops {
        header: "Unable to handle kernel",
        formats: UNABLE_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "general protection fault",
        formats: GPF_FORMATS,
        suppressions: &[r"general protection fault .* error:\d+ in "],
    },
    Oops {
        header: "stack segment: ",
        formats: STACK_SEGMENT_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "Kernel panic",
        formats: PANIC_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "PANIC: double fault",
        formats: DOUBLE_FAULT_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "rust_kernel: panicked",
        formats: RUST_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "kernel BUG",
        formats: KERNEL_BUG_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "Kernel BUG",
        formats: KERNEL_BUG_UPPER_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "BUG kmalloc-",
        formats: KMALLOC_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "divide error:",
        formats: DIVIDE_ERROR_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "divide_error:",
        formats: DIVIDE_ERROR2_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "invalid opcode:",
        formats: INVALID_OPCODE_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "UBSAN:",
        formats: UBSAN_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "unregister_netdevice: waiting for",
        formats: UNREGISTER_NETDEVICE_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "VFS: Close: file count is 0",
        formats: VFS_CLOSE_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "VFS: Busy inodes after unmount",
        formats: VFS_BUSY_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "Internal error:",
        formats: INTERNAL_ERROR_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "Unhandled fault:",
        formats: UNHANDLED_FORMATS,
        suppressions: &[],
    },
    Oops {
        header: "Alignment trap:",
        formats: ALIGNMENT_TRAP_FORMATS,
        suppressions: &[],
    },
];

/// syzkaller's `linuxStallAnchorFrames` (pkg/report/linux.go at c4605131;
/// the arm64 syscall entries `invoke_syscall` and `el0_svc_handler` decide
/// testdata 688).
const STALL_ANCHORS: &[&str] = &[
    "process_one_work",
    "do_syscall_",
    "do_fast_syscall_",
    "sysenter_dispatch",
    "tracesys_phase2",
    "el0_svc_handler",
    "invoke_syscall",
    "ret_fast_syscall",
    "netif_receive_skb",
    "do_softirq",
    "call_timer_fn",
    "_run_timers",
    "run_timer_softirq",
    "hrtimer_run",
    "run_ksoftirqd",
    "smpboot_thread_fn",
    "^kthread$",
    "start_secondary",
    "cpu_startup_entry",
    "ret_from_fork",
    "vfs_write",
    "vfs_read",
    "vfs_iter_read",
    "vfs_iter_write",
    "do_iter_read",
    "do_iter_write",
    "call_read_iter",
    "call_write_iter",
    "new_sync_read",
    "new_sync_write",
    "vfs_ioctl",
    "ksys_ioctl",
    "compat_ioctl",
    "compat_sys_ioctl",
    "blkdev_driver_ioctl",
    "blkdev_ioctl",
    "^call_read_iter",
    "^call_write_iter",
    "do_iter_readv_writev",
    "^call_mmap",
    "mmap_region",
    "do_mmap",
    "do_dentry_open",
    "vfs_open",
    "^sock_sendmsg",
    "^sock_recvmsg",
    "^sock_release",
    "^__sock_release",
    "^setsockopt$",
    "kernel_setsockopt",
    "sock_common_setsockopt",
    "^listen$",
    "kernel_listen",
    "sk_common_release",
    "^sock_mmap",
    "^accept$",
    "kernel_accept",
    "^sock_do_ioctl",
    "^sock_ioctl",
    "^compat_sock_ioctl",
    "^nfnetlink_rcv_msg",
    "^rtnetlink_rcv_msg",
    "^netlink_dump",
    "^(sys_)?(socketpair|connect|ioctl)",
    "__do_fault",
    "do_page_fault",
    "^page_fault$",
    "__fput",
    "task_work_run",
    "exit_to_usermode",
    "smp_call_function",
    "tasklet_action",
    "tasklet_hi_action",
];

const HANG_ANCHORS: &[(&str, &str)] = &[
    ("rtnl_lock", ""),
    ("synchronize_rcu", "synchronize_rcu"),
    ("synchronize_srcu", "synchronize_rcu"),
    ("synchronize_net", "synchronize_rcu"),
    ("synchronize_sched", "synchronize_rcu"),
];

const HANG_SKIP: &[&str] = &[
    "sched",
    "_lock",
    "_slowlock",
    "down",
    "completion",
    "kthread",
    "wait",
    "synchronize",
    "context_switch",
    "__switch_to",
    "cancel_delayed_work",
    "rwsem",
    "rcu_barrier",
];

fn expand(template: &str) -> String {
    template
        .replace("{{PC}}", r"\[<?(?:0x)?[0-9a-f]+>?\]")
        .replace("{{FUNC}}", r"([a-zA-Z0-9_]+)(?:\.|\+)")
        .replace("{{SRC}}", r"([a-zA-Z0-9-_/.]+\.[a-z]+:[0-9]+)")
}

fn re(template: &str) -> Regex {
    let expanded = expand(template);
    match Regex::new(&expanded) {
        Ok(re) => re,
        // A table entry the regex crate cannot compile is a bug of this file,
        // found by `every_expression_compiles` before any console is read.
        Err(e) => panic!("linux_oops: cannot compile {expanded:?}: {e}"),
    }
}

enum CompiledPart {
    Re(Regex),
    Stack,
}

struct CompiledStack {
    parts: Vec<CompiledPart>,
    parts2: Vec<CompiledPart>,
    skip: Regex,
    extractor: Extractor,
}

struct CompiledFormat {
    title: Regex,
    report: Option<Regex>,
    spec: Format,
    stack: Option<CompiledStack>,
}

struct CompiledOops {
    header: &'static str,
    /// Compiled when the oops is first described: each stack format's skip
    /// expression is large, and most consoles never need most oopses.
    formats: OnceLock<Vec<CompiledFormat>>,
    source: &'static [Format],
    suppressions: Vec<Regex>,
}

impl CompiledOops {
    fn formats(&self) -> &[CompiledFormat] {
        self.formats.get_or_init(|| {
            self.source
                .iter()
                .map(|f| CompiledFormat {
                    title: re(f.title),
                    report: f.report.map(re),
                    spec: *f,
                    stack: f.stack.map(|s| CompiledStack {
                        parts: compile_parts(s.parts),
                        parts2: compile_parts(s.parts2),
                        skip: frames::skip_regex(s.skip),
                        extractor: s.extractor,
                    }),
                })
                .collect()
        })
    }
}

struct Tables {
    oopses: Vec<CompiledOops>,
    stall_anchors: Vec<Regex>,
}

fn compile_parts(parts: &[Part]) -> Vec<CompiledPart> {
    parts
        .iter()
        .map(|p| match p {
            Part::Re(t) => CompiledPart::Re(re(t)),
            Part::Stack => CompiledPart::Stack,
        })
        .collect()
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        oopses: OOPSES
            .iter()
            .map(|o| CompiledOops {
                header: o.header,
                suppressions: o.suppressions.iter().map(|s| re(s)).collect(),
                formats: OnceLock::new(),
                source: o.formats,
            })
            .collect(),
        stall_anchors: STALL_ANCHORS.iter().map(|a| re(a)).collect(),
    })
}

/// The oops a raw console line starts, by syzkaller's `matchOops`: the
/// index into its table, or `None`. A `BUG: KASAN:` line is `None` here:
/// KASAN reports are titled by [`super::describe`] through the report parser.
pub fn first_oops(raw: &str) -> Option<usize> {
    if raw.contains("BUG: KASAN:") {
        return None;
    }
    // Most console lines hold no header: decide that without compiling the
    // tables (the fuzz manager asks about every line).
    if !OOPSES.iter().any(|o| raw.contains(o.header)) {
        return None;
    }
    tables()
        .oopses
        .iter()
        .position(|o| raw.contains(o.header) && !o.suppressions.iter().any(|s| s.is_match(raw)))
}

/// True when `raw` starts an oops other than a KASAN report.
pub fn is_oops_line(raw: &str) -> bool {
    first_oops(raw).is_some()
}

/// Titles the first non-KASAN oops among raw console `lines` (with their
/// printk prefixes): the text from its header on is cut as syzkaller cuts
/// a report, then described. `None` when no line starts one.
pub fn describe_console<'a>(lines: impl IntoIterator<Item = &'a str>) -> Option<SyzkallerTitle> {
    let mut lines = lines.into_iter();
    let (header, oops) = lines.by_ref().find_map(|l| first_oops(l).map(|o| (l, o)))?;
    let mut text = ReportText::new(header);
    for line in lines {
        text.push(line);
    }
    let finished = text.finish();
    let all = describe::Text {
        lines: &finished.lines,
        stack_starts: &finished.stack_starts,
    };
    Some(describe_text(
        oops,
        &finished.lines[..finished.title_lines.max(1).min(finished.lines.len())],
        all,
    ))
}

/// Describes report text (lines without printk prefixes, the header first)
/// of the oops `oops` ([`first_oops`]); corruption is judged on `full`.
fn describe_text(oops: usize, title_lines: &[&str], full: describe::Text<'_>) -> SyzkallerTitle {
    let tables = tables();
    let oops = &tables.oopses[oops];
    let mut text = title_lines.join("\n");
    text.push('\n');
    // syzkaller's extractDescription: the earliest title match wins, the
    // first listed on a tie; a match moves the start even when the format
    // then fails (its report expression does not match), so a later match
    // can no longer win.
    let mut start_pos = usize::MAX;
    let mut best: Option<Described> = None;
    let mut matched_title = false;
    for format in oops.formats() {
        let Some(m) = format.title.find(&text) else {
            continue;
        };
        let start = m.start();
        if start > start_pos || (start == start_pos && best.is_some()) {
            continue;
        }
        if start < start_pos {
            best = None;
            start_pos = start;
        }
        matched_title = true;
        let caps = match &format.report {
            Some(report) => match report.captures(&text) {
                Some(c) => c,
                None => continue,
            },
            None => format.title.captures(&text).expect("matched above"),
        };
        let at = caps.get(0).map_or(0, |m| m.start());
        let args: Vec<String> = caps
            .iter()
            .skip(1)
            .map(|g| g.map_or(String::new(), |g| g.as_str().to_string()))
            .collect();
        let mut frame = None;
        let mut no_frames = false;
        if let Some(stack) = &format.stack {
            let (f, ok) = extract_frame(stack, &text[at..], &tables.stall_anchors);
            frame = Some(f);
            no_frames = !ok;
        }
        let (title, alt_titles) = titles(&format.spec, &args, frame.as_ref());
        let corrupted = if no_frames {
            Some(NO_FRAMES)
        } else if format.spec.corrupted {
            Some("report format is marked as corrupted")
        } else {
            None
        };
        best = Some(Described {
            title,
            alt_titles,
            corrupted,
            no_stack_trace: format.spec.no_stack_trace,
        });
    }
    let described = match best {
        Some(d) => d,
        None => {
            // The header line itself, from the header on.
            let first = title_lines.first().copied().unwrap_or("");
            let from = first.find(oops.header).unwrap_or(0);
            Described {
                title: first[from..].to_string(),
                alt_titles: Vec::new(),
                corrupted: matched_title.then_some("matched title but not report regexp"),
                no_stack_trace: true,
            }
        }
    };
    let title = sanitize::sanitize(&described.title);
    let corrupted = described.corrupted.or_else(|| {
        if described.no_stack_trace {
            describe::has_timestamp(&described.title).then_some("title matches corrupted regexp")
        } else {
            describe::corrupted_reason(&described.title, full)
        }
    });
    let alt_titles = described
        .alt_titles
        .iter()
        .map(|t| sanitize::sanitize(t))
        .collect();
    SyzkallerTitle {
        crash_type: crash_type::crash_type(&title).to_string(),
        frame: sanitize::title_frame(&title),
        title,
        alt_titles,
        corrupted: corrupted.is_some(),
        corrupted_reason: corrupted.map(str::to_string),
    }
}

struct Described {
    title: String,
    alt_titles: Vec<String>,
    corrupted: Option<&'static str>,
    no_stack_trace: bool,
}

/// Go's `fmt.Sprintf` for the `%[N]v` verbs syzkaller's formats use.
fn go_format(fmt: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(fmt.len() + 32);
    let mut rest = fmt;
    while let Some(at) = rest.find("%[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[digits..].strip_prefix("]v") {
            Some(tail) if digits > 0 => {
                let n: usize = after[..digits].parse().unwrap_or(0);
                match n.checked_sub(1).and_then(|i| args.get(i)) {
                    Some(arg) => out.push_str(arg),
                    None => out.push_str("%!v(BADINDEX)"),
                }
                rest = tail;
            }
            _ => {
                out.push_str("%[");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The title and alternative titles from the captures and the frame
/// (canonical, raw), as in [`super::describe`]: the format's alternatives,
/// then the title and alternatives with the raw frame and with each
/// syscall-wrapper prefix stripped off it.
fn titles(
    spec: &Format,
    args: &[String],
    frame: Option<&(String, String)>,
) -> (String, Vec<String>) {
    let with = |f: Option<&str>| -> Vec<String> {
        let mut all: Vec<String> = args.to_vec();
        all.extend(f.map(str::to_string));
        all
    };
    let make = |fmt: &str, all: &[String]| {
        let refs: Vec<&str> = all.iter().map(String::as_str).collect();
        go_format(fmt, &refs)
    };
    let canonical_args = with(frame.map(|(c, _)| c.as_str()));
    let title = make(spec.fmt, &canonical_args);
    let mut alts: Vec<String> = spec.alt.iter().map(|a| make(a, &canonical_args)).collect();
    if let Some((canonical, raw)) = frame {
        let mut variants = vec![raw.clone()];
        for prefix in frames::strip_prefixes() {
            if let Some(stripped) = raw.strip_prefix(prefix) {
                variants.push(stripped.to_string());
            }
        }
        variants.retain(|v| v != canonical);
        for variant in variants {
            let all = with(Some(&variant));
            let t = make(spec.fmt, &all);
            if t != title {
                alts.push(t);
            }
            alts.extend(spec.alt.iter().map(|a| make(a, &all)));
        }
    }
    let mut unique: Vec<String> = Vec::with_capacity(alts.len());
    for a in alts {
        if !unique.contains(&a) {
            unique.push(a);
        }
    }
    (title, unique)
}

/// The guilty frame (canonical, raw) of `text` (from the matched header
/// on) by the stack format's parts, or by its second parts when the first
/// yield none or meet a fault-injection line; false when the frame is
/// syzkaller's `corrupted` or such a line was met.
fn extract_frame(stack: &CompiledStack, text: &str, anchors: &[Regex]) -> ((String, String), bool) {
    let attempt = |parts: &[CompiledPart]| {
        let (raw, ok) = frames_of(parts, &stack.skip, text);
        match choose(stack.extractor, &raw, anchors) {
            Some(frame) => (frame, ok),
            None => (("corrupted".to_string(), "corrupted".to_string()), false),
        }
    };
    let first = attempt(&stack.parts);
    if first.1 || stack.parts2.is_empty() {
        return first;
    }
    attempt(&stack.parts2)
}

/// The frames the parts collect (demangled, not skipped), and false when
/// a fault-injection line was met.
fn frames_of(parts: &[CompiledPart], skip: &Regex, text: &str) -> (Vec<String>, bool) {
    let mut lines = text.split('\n');
    let mut raw: Vec<String> = Vec::new();
    let mut ok = true;
    let push = |raw: &mut Vec<String>, name: &str| {
        let name = frames::demangle(name);
        if !skip.is_match(&name) {
            raw.push(name.into_owned());
        }
    };
    let mut index = 0;
    'parts: while index < parts.len() {
        match &parts[index] {
            CompiledPart::Stack => {
                for line in lines.by_ref() {
                    let line = line.trim_matches('\r');
                    if frames::is_fault_injection(line) {
                        ok = false;
                        index += 1;
                        continue 'parts;
                    }
                    if super::lines::is_stack_start(line) {
                        index += 1;
                        continue 'parts;
                    }
                    if let Some(CompiledPart::Re(next)) = parts.get(index + 1) {
                        if let Some(caps) = next.captures(line) {
                            for g in caps.iter().skip(1).flatten() {
                                push(&mut raw, g.as_str());
                            }
                            index += 2;
                            continue 'parts;
                        }
                    }
                    let (a, b) = frames::frame_names(line);
                    for name in [a, b].into_iter().flatten() {
                        push(&mut raw, name);
                    }
                }
            }
            CompiledPart::Re(part) => {
                for line in lines.by_ref() {
                    let line = line.trim_matches('\r');
                    if frames::is_fault_injection(line) {
                        ok = false;
                        break;
                    }
                    if let Some(caps) = part.captures(line) {
                        for g in caps.iter().skip(1).flatten() {
                            push(&mut raw, g.as_str());
                        }
                        break;
                    }
                }
            }
        }
        index += 1;
    }
    (raw, ok)
}

/// The extractor's frame (canonical, raw) among the collected raw frames.
fn choose(extractor: Extractor, raw: &[String], anchors: &[Regex]) -> Option<(String, String)> {
    if raw.is_empty() {
        return None;
    }
    let stripped: Vec<&str> = raw.iter().map(|f| frames::canonical(f)).collect();
    match extractor {
        Extractor::First => Some((stripped[0].to_string(), raw[0].clone())),
        Extractor::Stall => {
            let mut prev = 0;
            for (i, frame) in stripped.iter().enumerate() {
                if anchors.iter().any(|a| a.is_match(frame)) {
                    // An anchor inside smp_call_function* is itself the
                    // frame, under the family's name.
                    if frame.contains("smp_call_function") {
                        return Some(("smp_call_function".to_string(), raw[i].clone()));
                    }
                    let mut name = stripped[prev];
                    for prefix in [
                        "__x64_",
                        "SYSC_",
                        "SyS_",
                        "compat_SYSC_",
                        "compat_SyS_",
                        "__ia32_sys_",
                    ] {
                        name = name.strip_prefix(prefix).unwrap_or(name);
                    }
                    return Some((name.to_string(), raw[prev].clone()));
                }
                prev = i;
            }
            None
        }
        Extractor::Hang => {
            for (i, frame) in stripped.iter().enumerate() {
                for (anchor, replacement) in HANG_ANCHORS {
                    if frame.contains(anchor) {
                        let name = if replacement.is_empty() {
                            frame
                        } else {
                            replacement
                        };
                        return Some((name.to_string(), raw[i].clone()));
                    }
                }
            }
            stripped
                .iter()
                .position(|f| !HANG_SKIP.iter().any(|s| f.contains(s)))
                .map(|i| (stripped[i].to_string(), raw[i].clone()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_expression_compiles() {
        assert!(!tables().oopses.is_empty());
        // The formats are compiled on first use: compile them all here.
        for oops in &tables().oopses {
            assert_eq!(oops.formats().len(), oops.source.len());
        }
        // A pr_warn() of fs/namespace.c trinity's mount(2) calls provoke: no oops.
        let mand = "[  142.251380] WARNING: The mand mount option has been deprecated and";
        assert_eq!(first_oops(mand), None);
        assert_eq!(crate::fuzz::protocol::crash_start(mand), None);
    }

    #[test]
    fn go_formats() {
        assert_eq!(
            go_format("WARNING in %[3]v", &["a", "b", "c"]),
            "WARNING in c"
        );
        assert_eq!(go_format("x %[2]v", &["a"]), "x %!v(BADINDEX)");
        assert_eq!(go_format("100%[", &[]), "100%[");
    }

    #[test]
    fn first_oops_lines() {
        assert_eq!(first_oops("[  1.0] BUG: KASAN: x in f+0x1/0x2"), None);
        assert_eq!(
            first_oops("[  1.0] WARNING: CPU: 0 PID: 1 at a.c:1 f+0x1/0x2"),
            Some(1)
        );
        assert_eq!(first_oops("[  1.0] INFO: lockdep is turned off."), None);
        assert_eq!(first_oops("[  1.0] Kernel panic - not syncing: x"), Some(6));
        assert_eq!(first_oops("[  1.0] kernel BUG at mm/a.c:1!"), Some(9));
        assert_eq!(first_oops("[  1.0] hello"), None);
    }
}
