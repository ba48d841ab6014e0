//! syzkaller's own KASAN test files (google/syzkaller
//! pkg/report/testdata/linux/report/N), one case per file: the expected
//! title, alternative titles, crash type and corrupted flag are copied from
//! the file's header; the console is ours, cut to the structural features
//! that decide the title (header shape, access line, printk contexts,
//! questionable `?` frames, which frames are skipped, where a second report
//! starts). Function names that decide the title are kept; task names,
//! addresses, offsets, pids and times are our own or the file's; the
//! consoles of cases 104, 107, 164 and 340 are the file's own lines
//! (shortened). The commit is the version of the file that was read.

use kasan_rs_tools::report::parse_reports;

/// How each console line is prefixed.
#[derive(Clone, Copy)]
enum Prefix {
    /// No printk prefix.
    #[allow(dead_code)]
    Bare,
    /// `[  12.000001] ` timestamps.
    Console,
    /// `[  12.000001][  T42] ` timestamps with a caller id.
    Caller(&'static str),
}

struct Case {
    file: u32,
    commit: &'static str,
    title: &'static str,
    /// `None` when the header read has no `ALT:` line.
    alt: Option<&'static [&'static str]>,
    /// `None` when the header read has no `TYPE:` line, or one of an older
    /// naming than syzkaller's crash/types.go (said in the case's comment).
    crash_type: Option<&'static str>,
    corrupted: bool,
    prefix: Prefix,
    /// Console lines; a line starting with `@` is printed as it is (without
    /// the prefix and without the `@`).
    log: &'static str,
}

fn console(case: &Case) -> String {
    let mut out = String::new();
    for (i, line) in case.log.trim_matches('\n').lines().enumerate() {
        if let Some(raw) = line.strip_prefix('@') {
            out.push_str(raw);
        } else {
            let ts = format!("[  {}.{:06}]", 40 + i / 1000, i % 1000);
            match case.prefix {
                Prefix::Bare => {}
                Prefix::Console => out.push_str(&format!("{ts} ")),
                Prefix::Caller(id) => out.push_str(&format!("{ts}[{id:>6}] ")),
            }
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn check(case: &Case) -> Result<(), String> {
    let text = console(case);
    let reports = parse_reports(&text);
    let Some(first) = reports.first() else {
        return Err(format!("file {}: no report found", case.file));
    };
    let s = &first.syzkaller;
    let alts: Vec<&str> = s.alt_titles.iter().map(String::as_str).collect();
    let got = (
        s.title.as_str(),
        case.alt.map(|_| alts.clone()),
        case.crash_type.map(|_| s.crash_type.as_str()),
        s.corrupted,
    );
    let want = (
        case.title,
        case.alt.map(<[_]>::to_vec),
        case.crash_type,
        case.corrupted,
    );
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "file {} (commit {}):\n  want {want:?}\n  got  {got:?} ({:?})",
            case.file, case.commit, s.corrupted_reason
        ))
    }
}

#[test]
fn syzkaller_kasan_test_files() {
    // For comparison: the tool's own title (what `reports` showed as "the
    // dashboard's title" before syzkaller's rules were implemented).
    let own = CASES
        .iter()
        .filter(|c| {
            parse_reports(&console(c))
                .first()
                .is_some_and(|r| r.title == c.title)
        })
        .count();
    println!(
        "the tool's own title equals syzkaller's in {own} of {}",
        CASES.len()
    );
    let known = |c: &Case| KNOWN_DIFFERENCES.iter().any(|(file, _)| *file == c.file);
    let mut failures = Vec::new();
    let mut matching = 0;
    for case in CASES {
        match (check(case), known(case)) {
            (Ok(()), false) => matching += 1,
            (Err(e), true) => println!("known difference: {e}"),
            (Err(e), false) => failures.push(e),
            (Ok(()), true) => failures.push(format!(
                "file {} matches now: take it out of KNOWN_DIFFERENCES",
                case.file
            )),
        }
    }
    println!(
        "{matching} of {} syzkaller KASAN test files match ({} known differences)",
        CASES.len(),
        KNOWN_DIFFERENCES.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Files that contain `BUG: KASAN:` but are not in [`CASES`], and why: the
/// tool describes each KASAN report, while these files' titles come from
/// another report printed before the KASAN one. Each is tabled, with that
/// console-level title (linux_oops::describe_console, the title the fuzz
/// manager gives a console whose first crash line is that other report),
/// as a `testdata` case of tests/syzkaller_oops_titles.rs;
/// [`found_files_are_tabled_once`] checks that it is there, once, and that
/// no other case there holds a `BUG: KASAN:` header.
const TABLED_IN_OOPS_TITLES: &[(u32, &str)] = &[
    (
        132,
        "4.4 console of dropped printk messages: the title is the SLUB \
         `INFO: Freed in fasync_free_rcu` line, which comes before the \
         `BUG: KASAN:` header; tabled in syzkaller_oops_titles.rs as a known \
         difference (the stored header predates syzkaller's NUM rule for small \
         numbers: `age=57 cpu=0` there, `age=NUM cpu=NUM` ours)",
    ),
    (
        696,
        "the title is the arm64 WARNING (free_large_kmalloc) printed before \
         the KASAN invalid-free report; tabled in syzkaller_oops_titles.rs",
    ),
    (
        392,
        "the title is another task's general protection fault in \
         x25_connect, whose header comes before the interleaved \
         `BUG: KASAN: null-ptr-deref` report (both with caller ids); tabled \
         in syzkaller_oops_titles.rs",
    ),
    (
        396,
        "the title is the lockdep `WARNING: held lock freed!` report \
         (nr_release) printed before the KASAN use-after-free report; tabled \
         in syzkaller_oops_titles.rs",
    ),
];

/// The `testdata` cases of tests/syzkaller_oops_titles.rs: each case's file
/// number and whether its console holds a `BUG: KASAN:` header.
fn oops_title_cases() -> Vec<(u32, bool)> {
    const OOPS_TITLES: &str = include_str!("syzkaller_oops_titles.rs");
    let start = OOPS_TITLES
        .find("const CASES: &[Case] = &[")
        .expect("the oops table");
    let end = start
        + OOPS_TITLES[start..]
            .find("\n];\n")
            .expect("the oops table's end");
    let table = &OOPS_TITLES[start..end];
    let mut cases = Vec::new();
    let mut sources = table.match_indices("source: \"").map(|(i, _)| i).peekable();
    while let Some(at) = sources.next() {
        let body = &table[at..sources.peek().copied().unwrap_or(table.len())];
        if let Some(rest) = body.strip_prefix("source: \"testdata ") {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let file = digits.parse().expect("a testdata file number");
            cases.push((file, body.contains("BUG: KASAN:")));
        }
    }
    cases
}

/// Files of that folder read in search of `BUG: KASAN:` (282) and found without
/// it, so a later search can skip them (files 198, 235, 244, 245, 385, 421, 430,
/// 432, 440, 441 and 615 only in their first 16,000 characters; the others in
/// full). Files 232 and 534 are not in the index searched (neither by path nor
/// at another commit). Every file of 359-558 is in this list, in [`CASES`], in
/// [`TABLED_IN_OOPS_TITLES`], tabled in syzkaller_oops_titles.rs without a
/// KASAN report (411, 412, 415, 418, 419, 420, 425) or not in the index (534).
/// Files 510, 512 and 514 have a general protection fault's `KASAN: ... in
/// range` line, not `BUG: KASAN:`.
const READ_WITHOUT_KASAN: &[u32] = &[
    7, 14, 20, 22, 23, 24, 40, 50, 60, 70, 78, 96, 97, 98, 99, 100, 101, 102, 103, 108, 113, 114,
    116, 119, 123, 124, 129, 146, 171, 173, 194, 198, 200, 208, 209, 210, 211, 212, 215, 217, 218,
    219, 220, 221, 222, 224, 228, 229, 230, 231, 233, 234, 235, 236, 237, 238, 239, 240, 241, 242,
    243, 244, 245, 260, 262, 305, 308, 332, 333, 334, 335, 336, 337, 339, 341, 342, 344, 345, 346,
    358, 359, 360, 361, 362, 363, 364, 365, 366, 367, 368, 369, 370, 372, 373, 374, 375, 378, 379,
    380, 381, 382, 383, 384, 385, 386, 387, 388, 389, 390, 393, 394, 397, 398, 399, 400, 401, 402,
    403, 404, 405, 406, 407, 408, 409, 421, 426, 427, 428, 429, 430, 431, 432, 433, 434, 435, 436,
    437, 438, 439, 440, 441, 442, 443, 444, 445, 446, 447, 448, 449, 450, 451, 452, 453, 454, 455,
    456, 457, 458, 459, 460, 461, 462, 463, 464, 465, 466, 467, 468, 471, 473, 474, 476, 477, 479,
    480, 481, 482, 483, 484, 485, 486, 487, 488, 489, 490, 491, 492, 493, 494, 495, 496, 497, 498,
    499, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 510, 512, 513, 514, 515, 516, 517, 518,
    519, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529, 530, 531, 532, 533, 535, 536, 537, 538,
    539, 540, 541, 542, 543, 544, 545, 546, 547, 548, 549, 550, 551, 552, 553, 554, 555, 556, 557,
    558, 567, 574, 615, 617, 647, 648, 649, 654, 655, 697, 699, 700, 701, 702, 703, 705, 706, 1002,
    1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015,
];

#[test]
fn files_read_without_kasan_are_not_tabled() {
    for file in READ_WITHOUT_KASAN {
        assert!(
            !CASES.iter().any(|c| c.file == *file)
                && !TABLED_IN_OOPS_TITLES.iter().any(|(f, _)| f == file),
            "{file} is listed as read without `BUG: KASAN:` but is tabled"
        );
    }
}

#[test]
fn found_files_are_tabled_once() {
    let mut files: Vec<u32> = CASES.iter().map(|c| c.file).collect();
    files.extend(TABLED_IN_OOPS_TITLES.iter().map(|(f, _)| *f));
    let n = files.len();
    files.sort_unstable();
    files.dedup();
    assert_eq!(files.len(), n, "a file is listed twice");
    for (file, _) in KNOWN_DIFFERENCES {
        assert!(
            CASES.iter().any(|c| c.file == *file),
            "{file} is not tabled"
        );
    }
    // The console-level ones are each a case of the oops table, once, with
    // the KASAN report in its console; no other case there holds one.
    let oops = oops_title_cases();
    for (file, _) in TABLED_IN_OOPS_TITLES {
        let found: Vec<bool> = oops
            .iter()
            .filter(|(f, _)| f == file)
            .map(|(_, kasan)| *kasan)
            .collect();
        assert_eq!(
            found,
            [true],
            "{file}: not once in syzkaller_oops_titles.rs with a `BUG: KASAN:` header"
        );
    }
    for (file, kasan) in &oops {
        assert!(
            !kasan || TABLED_IN_OOPS_TITLES.iter().any(|(f, _)| f == file),
            "{file}: a `BUG: KASAN:` case of syzkaller_oops_titles.rs not listed"
        );
        assert!(
            !CASES.iter().any(|c| c.file == *file),
            "{file}: tabled in both tables"
        );
    }
    println!(
        "syzkaller KASAN test files found: {} (tabled here {}, at console level in \
         syzkaller_oops_titles.rs {})",
        n,
        CASES.len(),
        TABLED_IN_OOPS_TITLES.len()
    );
}

/// Files where the tool and the file's header disagree, with what is known
/// of why; each must still disagree (so a fix is noticed).
const KNOWN_DIFFERENCES: &[(u32, &str)] = &[];

const CASES: &[Case] = &[
    // Old format, two headers in a row and no stack: the header's memcpy is
    // skipped, the second header (no caller ids) ends the text.
    Case {
        file: 15,
        commit: "e06c85a2",
        title: "KASAN: slab-out-of-bounds Read in corrupted",
        alt: None,
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in memcpy+0x21/0x44 at addr ffff88001a2b3c40
Read of size 8 by task repro/4242
BUG: KASAN: slab-out-of-bounds in memcpy+0x21/0x44 at addr ffff88001a2b3c40
Write of size 4 by task repro/4242
",
    },
    // Old format: the access line below the `at addr` header; no stack.
    Case {
        file: 16,
        commit: "1550519e",
        title: "KASAN: use-after-free Write in remove_wait_queue",
        alt: Some(&["bad-access in remove_wait_queue"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-WRITE"),
        corrupted: true,
        prefix: Prefix::Console,
        log: "
BUG: KASAN: use-after-free in remove_wait_queue+0xa1/0x130 at addr ffff88001c2d3e40
Write of size 8 by task repro/777
",
    },
    // `on address` with the access line after a blank line.
    Case {
        file: 18,
        commit: "a0492970",
        title: "KASAN: null-ptr-deref Read",
        alt: None,
        // The header says KASAN-READ, from before crash/types.go split out
        // KASAN-NULL-POINTER-DEREFERENCE-READ.
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
BUG: KASAN: null-ptr-deref on address           (null)

Read of size 4 by task repro/909

CPU: 2 PID: 909 Comm: repro Not tainted 3.18.0 #1
",
    },
    // x86 `?` frames are left out; work_is_static_object, debug_object_*,
    // __queue_work and queue_work_on are skipped.
    Case {
        file: 149,
        commit: "1550519e",
        title: "KASAN: use-after-free Read in strp_check_rcv",
        alt: Some(&["bad-access in strp_check_rcv"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in work_is_static_object+0x31/0x48
Read of size 8 at addr ffff8800aabbcc08 by task repro/1200

CPU: 1 PID: 1200 Comm: repro Not tainted 4.15.0 #1
Call Trace:
 dump_stack+0x180/0x250
 ? work_is_static_object+0x31/0x48
 print_address_description+0x70/0x260
 kasan_report+0x250/0x350
 __asan_report_load8_noabort+0x10/0x20
 work_is_static_object+0x31/0x48
 debug_object_activate+0x360/0x740
 __queue_work+0x160/0x1240
 ? strp_check_rcv+0x20/0x28
 queue_work_on+0x160/0x1c8
 strp_check_rcv+0x21/0x28
 kcm_ioctl+0x820/0x1680
 entry_SYSCALL_64_fastpath+0x20/0x98

Allocated by task 1200:
 save_stack+0x40/0xd8
 kmem_cache_alloc+0x120/0x770

Freed by task 1201:
 save_stack+0x40/0xd8
 kmem_cache_free+0x80/0x2a8

The buggy address belongs to the object at ffff8800aabbcb40
==================================================================
",
    },
    // Lines without a prefix (the fuzzer's own output) inside a
    // timestamped report are left out; memcmp is skipped.
    Case {
        file: 172,
        commit: "1550519e",
        title: "KASAN: stack-out-of-bounds Read in xfrm_selector_match",
        alt: Some(&["bad-access in xfrm_selector_match"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: stack-out-of-bounds in memcmp+0xd1/0x170
Read of size 1 at addr ffff8800b0c1d2e0 by task repro/3131

CPU: 0 PID: 3131 Comm: repro Not tainted 4.15.0 #1
Call Trace:
 dump_stack+0x190/0x250
@2018/01/02 10:00:00 executing program 1:
@ mmap(&(0x7f0000000000/0x1000)=nil, 0x1000, 0x3, 0x32, 0xffffffffffffffff, 0x0)
 ? memcmp+0xd1/0x170
 print_address_description+0x70/0x260
 kasan_report+0x250/0x350
 __asan_report_load1_noabort+0x10/0x20
 memcmp+0xd1/0x170
 xfrm_selector_match+0x1b0/0xe10
 xfrm_state_find+0x1590/0x3220
 entry_SYSCALL_64_fastpath+0x20/0x98
==================================================================
",
    },
    // A WARNING from another CPU right after the header: without caller
    // ids it ends the text, so only the `BUG: KASAN:` line is left and the
    // title is the corrupted fallback; the panic is not a second report.
    Case {
        file: 213,
        commit: "61cf2326",
        title: "KASAN: slab-out-of-bounds in rds_cong_queue_updates",
        alt: None,
        // The header says `KASAN` (an older naming).
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in rds_cong_queue_updates+0x4c1/0x4e0
WARNING: CPU: 0 PID: 5150 at net/bridge/netfilter/ebtables.c:2000 compat_copy_entries+0xd00/0x1160
Read of size 4 at addr ffff8800b1c2d144 by task repro/5151
Kernel panic - not syncing: panic_on_warn set ...
Call Trace:
 dump_stack+0x190/0x250
 kasan_report+0x230/0x370
 rds_cong_queue_updates+0x4c1/0x4e0
 rds_sendmsg+0x1fc0/0x2380
==================================================================
",
    },
    // A general protection fault right after the header ends the text;
    // the access line comes much later.
    Case {
        file: 214,
        commit: "1550519e",
        title: "KASAN: wild-memory-access in sg_read",
        alt: Some(&[]),
        // The header says KASAN-OTHER (an older naming).
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: wild-memory-access in sg_read+0x1200/0x1450
kasan: CONFIG_KASAN_INLINE enabled
general protection fault: 0000 [#1] PREEMPT SMP KASAN
Call Trace:
 [<ffffffff81000001>] sg_remove_scat.isra.19+0x1c0/0x2e0
 [<ffffffff81000002>] sg_read+0x8b0/0x1450
Kernel panic - not syncing: Fatal exception
Read of size 4000 at addr ffe7000000001000 by task repro/6060
Call Trace:
 [<ffffffff81000003>] dump_stack+0xc0/0x130
 [<ffffffff81000004>] kasan_report+0x150/0x370
 [<ffffffff81000005>] sg_read+0x1200/0x1450
==================================================================
",
    },
    // `double-free or invalid-free in kvfree`: kvfree, kfree and the KASAN
    // free path are skipped.
    Case {
        file: 216,
        commit: "05391455",
        title: "KASAN: invalid-free in xt_free_table_info",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: double-free or invalid-free in kvfree+0x31/0x58

CPU: 1 PID: 4001 Comm: repro Not tainted 4.16.0 #1
Call Trace:
 dump_stack+0x190/0x250
 ? kvfree+0x31/0x58
 print_address_description+0x70/0x260
 kasan_report_invalid_free+0x50/0x88
 __kasan_slab_free+0x140/0x178
 kasan_slab_free+0x10/0x18
 kfree+0xd0/0x268
 kvfree+0x31/0x58
 xt_free_table_info+0xa0/0x178
 __do_replace+0x800/0xa80
 entry_SYSCALL_64_after_hwframe+0x40/0xb8

Allocated by task 4000:
 save_stack+0x40/0xd8
 kmemdup+0x20/0x58

Freed by task 4000:
 save_stack+0x40/0xd8
 kfree+0xd0/0x268
==================================================================
",
    },
    // arm64 MTE (hw-tags) with caller ids: the header's __list_add_valid
    // and the tag-fault path are skipped.
    Case {
        file: 616,
        commit: "1550519e",
        title: "KASAN: invalid-access Read in ip6_mc_del1_src",
        alt: Some(&["bad-access in ip6_mc_del1_src"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T5100"),
        log: "
BUG: KASAN: invalid-access in __list_add_valid+0x14/0x98
Read at addr f3ff000012345670 by task repro/5100
Pointer tag: [f3], memory tag: [f1]

CPU: 0 PID: 5100 Comm: repro Not tainted 5.14.0 #1
Hardware name: linux,dummy-virt (DT)
Call trace:
 dump_backtrace+0x0/0x1a8
 show_stack+0x1c/0x28
 dump_stack_lvl+0x60/0x80
 print_address_description+0x78/0x2b0
 kasan_report+0x130/0x388
 __do_kernel_fault+0x1a0/0x1e0
 do_tag_check_fault+0x70/0x98
 do_mem_abort+0x40/0xb8
 el1_abort+0x3c/0x64
 el1h_64_sync_handler+0xa8/0xd8
 el1h_64_sync+0x74/0x78
 __list_add_valid+0x14/0x98
 ip6_mc_del1_src+0x74/0x80
 el0t_64_sync+0x1b0/0x1b4

Allocated by task 5100:
 kasan_save_stack+0x24/0x68
 __kasan_kmalloc+0xa8/0xc8

The buggy address belongs to the object at ffff000012345600
==================================================================
",
    },
    // Old format, no stack: the header's copy_from_iter is skipped (it
    // joined the skip list after the version read, whose header still says
    // `in copy_from_iter`; file 15's header changed the same way, from
    // `in memcpy` at 4b7f6d09 to `in corrupted` at e06c85a2).
    Case {
        file: 17,
        commit: "4b7f6d09",
        title: "KASAN: use-after-free Read in corrupted",
        alt: None,
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
BUG: KASAN: use-after-free in copy_from_iter+0xe10/0x15f0 at addr ffff88001d2e3f2a
Read of size 4000 by task repro/2323
",
    },
    // `on address` with a wild address and no stack.
    Case {
        file: 19,
        commit: "1556ebc4",
        title: "KASAN: wild-memory-access Read",
        alt: None,
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: wild-memory-access on address ffe7000012340000
Read of size 200 by task repro/5151
",
    },
    // The header's __list_add_valid and the report plumbing are skipped.
    Case {
        file: 226,
        commit: "372799e4",
        title: "KASAN: use-after-free Read in rdma_listen",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in __list_add_valid+0xc1/0xd8
Read of size 8 at addr ffff8800a1b2c658 by task repro/2000

CPU: 0 PID: 2000 Comm: repro Not tainted 4.16.0 #1
Call Trace:
 dump_stack+0x190/0x250
 ? __list_add_valid+0xc1/0xd8
 print_address_description+0x70/0x260
 kasan_report+0x230/0x370
 __asan_report_load8_noabort+0x10/0x20
 __list_add_valid+0xc1/0xd8
 rdma_listen+0x580/0x8f0
 ucma_listen+0x170/0x200
 entry_SYSCALL_64_after_hwframe+0x40/0xb8

Allocated by task 1999:
 save_stack+0x40/0xd8
 __kmalloc_node_track_caller+0x40/0x78

Freed by task 1999:
 save_stack+0x40/0xd8
 kfree+0xd0/0x268
==================================================================
",
    },
    // A `syzkaller login: ` prompt glued before the first line's
    // timestamp; __list_del_entry_valid is skipped, `?` frames left out.
    Case {
        file: 227,
        commit: "372799e4",
        title: "KASAN: use-after-free Read in cma_cancel_operation",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
@syzkaller login: [  39.999999] ==================================================================
BUG: KASAN: use-after-free in __list_del_entry_valid+0x144/0x150
Read of size 8 at addr ffff8800a1b2cf60 by task repro/2100

CPU: 0 PID: 2100 Comm: repro Not tainted 4.16.0 #1
Call Trace:
 dump_stack+0x190/0x250
 ? __list_del_entry_valid+0x144/0x150
 print_address_description+0x70/0x260
 ? __list_del_entry_valid+0x144/0x150
 kasan_report+0x230/0x370
 __asan_report_load8_noabort+0x10/0x20
 __list_del_entry_valid+0x144/0x150
 cma_cancel_operation+0x450/0xd60
 ? rdma_destroy_id+0xda0/0xda0
 rdma_destroy_id+0x100/0xda0
 ucma_close+0x100/0x2f0
 entry_SYSCALL_64_after_hwframe+0x40/0xb8

Allocated by task 2099:
 save_stack+0x40/0xd8
 kmem_cache_alloc_trace+0x130/0x740

Freed by task 2100:
 save_stack+0x40/0xd8
 kfree+0xd0/0x268
==================================================================
",
    },
    // Lockdep's frames around the bug: __lock_acquire, lock_acquire and
    // the spin-lock wrapper are skipped. The version read (18637df7) still
    // expected `in __lock_acquire`, with a TODO saying it must be `in
    // remove_wait_queue`, which is what its later versions expect.
    Case {
        file: 147,
        commit: "18637df7",
        title: "KASAN: use-after-free Read in remove_wait_queue",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in __lock_acquire+0x3c01/0x3d00
Read of size 8 at addr ffff8800c1d2e0f8 by task repro/3000

CPU: 1 PID: 3000 Comm: repro Not tainted 4.15.0 #1
Call Trace:
 dump_stack+0x130/0x1a0
 ? __lock_acquire+0x3c01/0x3d00
 print_address_description+0x70/0x260
 kasan_report+0x230/0x370
 __asan_report_load8_noabort+0x10/0x20
 __lock_acquire+0x3c01/0x3d00
 ? remove_wait_queue+0x20/0x1c0
 lock_acquire+0x160/0x430
 _raw_spin_lock_irqsave+0x90/0xc8
 remove_wait_queue+0x21/0x1c0
 ep_unregister_pollwait.isra.7+0x90/0x370
 ep_free+0xa0/0x240
 entry_SYSCALL_64_fastpath+0x20/0x98

Allocated by task 3000:
 save_stack+0x40/0xd8
 kmem_cache_alloc_trace+0x130/0x760

Freed by task 3000:
 save_stack+0x40/0xd8
 kfree+0xd0/0x268
==================================================================
",
    },
    // `double-free or invalid-free` (4.12): the fuzzer's program lines
    // have no prefix and are left out; kasan_report_double_free,
    // kasan_slab_free and kfree are skipped. The panic_on_warn panic after
    // the report (no caller ids) is not part of its text. The header's
    // CONTEXTS line is not compared.
    Case {
        file: 5,
        commit: "1de38023",
        title: "KASAN: invalid-free in selinux_tun_dev_free_security",
        alt: Some(&["invalid-free in selinux_tun_dev_free_security"]),
        crash_type: Some("KASAN-INVALID-FREE"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
@r0 = socket$inet(0x2, 0x1, 0x0)
@ioctl$TUNSETIFF(r0, 0x400454ca, &(0x7f0000000000)={0x0})
blk_update_request: I/O error, dev loop0, sector 0
==================================================================
BUG: KASAN: double-free or invalid-free in selinux_tun_dev_free_security+0x15/0x20

CPU: 0 PID: 1500 Comm: repro Not tainted 4.12.0 #1
Call Trace:
 dump_stack+0x190/0x250
 ? selinux_tun_dev_free_security+0x15/0x20
 print_address_description+0x70/0x260
 kasan_report_double_free+0x50/0x80
 kasan_slab_free+0xa0/0xc0
 kfree+0xd0/0x260
 selinux_tun_dev_free_security+0x15/0x20
 security_tun_dev_free_security+0x40/0x80
 __tun_chr_ioctl+0x2cc0/0x3d60
 entry_SYSCALL_64_fastpath+0x1f/0xbe

Allocated by task 1500:
 save_stack+0x40/0xd0
 kmem_cache_alloc_trace+0x100/0x6f0

Freed by task 1500:
 save_stack+0x40/0xd0
 kfree+0xd0/0x260

The buggy address belongs to the object at ffff8800a1b2c040
==================================================================
Disabling lock debugging due to kernel taint
Kernel panic - not syncing: panic_on_warn set ...

CPU: 0 PID: 1500 Comm: repro Tainted: G    B           4.12.0 #1
Call Trace:
 dump_stack+0x190/0x250
 panic+0x1e0/0x3fb
 kasan_end_report+0x50/0x50
 kasan_report_double_free+0x70/0x80
 kfree+0xd0/0x260
 selinux_tun_dev_free_security+0x15/0x20
",
    },
    // Old format with unrelated lines before the header; no stack.
    Case {
        file: 8,
        commit: "1550519e",
        title: "KASAN: use-after-free Read in snd_seq_queue_alloc",
        alt: Some(&["bad-access in snd_seq_queue_alloc"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: true,
        prefix: Prefix::Console,
        log: "
line 0
line 1
line 2
==================================================================
BUG: KASAN: use-after-free in snd_seq_queue_alloc+0x670/0x690 at addr ffff8800a1b2c080
Read of size 4 by task repro/1234
",
    },
    // A trace of `?` frames only, and no allocation or free stacks: the
    // header's function names the title and the report is corrupted.
    Case {
        file: 121,
        commit: "1550519e",
        title: "KASAN: use-after-free Write in __unwind_start",
        alt: Some(&["bad-access in __unwind_start"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-WRITE"),
        corrupted: true,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in __unwind_start+0x2d/0x330
Write of size 88 at addr ffff8800a1b2c098 by task loop0/2600

CPU: 1 PID: 2600 Comm: loop0 Not tainted 4.15.0 #1
Call Trace:
 ? kthread+0x37a/0x440
 ? loop_get_status64+0x110/0x110
 ? ret_from_fork+0x24/0x30

Allocated by task 0:
(stack is not available)

Freed by task 0:
(stack is not available)

The buggy address belongs to the object at ffff8800a1b2c080
==================================================================
",
    },
    // 5.17 with caller ids and `<TASK>`: __wake_up_common and __wake_up
    // are skipped; a `Last potentially related work creation` stack and
    // page_owner's stacks follow the free stack.
    Case {
        file: 646,
        commit: "7deedcdc",
        title: "KASAN: use-after-free Read in tty_release",
        alt: Some(&["bad-access in tty_release"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T1834"),
        log: "
==================================================================
BUG: KASAN: use-after-free in __wake_up_common+0x255/0x4e0
Read of size 8 at addr ffff88801a663430 by task repro/1834

CPU: 0 PID: 1834 Comm: repro Not tainted 5.17.0 #0
Call Trace:
 <TASK>
 dump_stack_lvl+0x1dc/0x2d8
 ? _printk+0xcf/0x118
 print_address_description+0x65/0x4b0
 print_report+0xf4/0x200
 ? __wake_up_common+0x255/0x4e0
 kasan_report+0x109/0x140
 ? __wake_up_common+0x255/0x4e0
 __wake_up_common+0x255/0x4e0
 __wake_up+0x115/0x1c0
 ? tty_port_close+0xf2/0x140
 tty_release+0x4a9/0xef0
 __fput+0x3f6/0x860
 task_work_run+0x146/0x1c0
 entry_SYSCALL_64_after_hwframe+0x44/0xae
 </TASK>

Allocated by task 1830:
 ____kasan_kmalloc+0xdc/0x110
 kmem_cache_alloc_trace+0x9d/0x330
 io_arm_poll_handler+0x3bd/0x710

Freed by task 8:
 kasan_set_track+0x4c/0x70
 kfree+0xc6/0x390
 io_ring_ctx_free+0x48d/0xfee

Last potentially related work creation:
 kasan_save_stack+0x3b/0x60
 kvfree_call_rcu+0x119/0x880

The buggy address belongs to the object at ffff88801a663400
page_owner tracks the page as allocated
 get_page_from_freelist+0x708/0xa80
 __alloc_pages+0x255/0x580
page last free stack trace:
 free_pcp_prepare+0xcfc/0xe70

Memory state around the buggy address:
 ffff88801a663400: fa fb fb fb fb fb fb fb fb fb fb fb fc fc fc fc
==================================================================
",
    },
    // A trace of `?` frames only, cut by a paging-request oops inside the
    // allocation stack (no caller ids, so the oops ends the text). The
    // header read is of the older format without ALT and TYPE lines.
    Case {
        file: 120,
        commit: "4b7f6d09",
        title: "KASAN: slab-out-of-bounds Write in __unwind_start",
        alt: None,
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in __unwind_start+0x2d/0x330
Write of size 88 at addr ffff8800a1b2ce98 by task loop0/4078

CPU: 1 PID: 4078 Comm: loop0 Not tainted 4.15.0 #1
Call Trace:
 ? print_usage_bug+0x3f0/0x3f0
 ? kthread+0x37a/0x440
 ? ret_from_fork+0x24/0x30

Allocated by task 3625515936:
BUG: unable to handle kernel paging request at 000000007c8b2954
IP: depot_fetch_stack+0x11/0x40
Oops: 0000 [#1] SMP KASAN
Call Trace:
 ? print_usage_bug+0x3f0/0x3f0
 ? kasan_slab_free+0x71/0xc0
",
    },
    // The fuzzer's program before the report (no prefix); the header's
    // function is the first frame no pattern skips.
    Case {
        file: 130,
        commit: "534b68f3",
        title: "KASAN: use-after-free Read in aead_recvmsg",
        alt: Some(&["bad-access in aead_recvmsg"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
@2017/11/27 07:13:57 executing program 2:
@socketpair(0xb, 0x5, 0x0, &(0x7f000065f000)={0x0, 0x0})
==================================================================
BUG: KASAN: use-after-free in aead_recvmsg+0x1758/0x1bc0
Read of size 4 at addr ffff8800a1b2cb5c by task repro/3568

CPU: 1 PID: 3568 Comm: repro Not tainted 4.14.0 #1
Call Trace:
 dump_stack+0x190/0x250
 ? aead_recvmsg+0x1758/0x1bc0
 print_address_description+0x70/0x250
 kasan_report+0x250/0x340
 __asan_report_load4_noabort+0x10/0x20
 aead_recvmsg+0x1758/0x1bc0
 ? aead_release+0x50/0x50
 sock_recvmsg+0xc0/0x110
 ___sys_recvmsg+0x290/0x630
 entry_SYSCALL_64_fastpath+0x1f/0x96

Allocated by task 3568:
 save_stack+0x40/0xd0
 __kmalloc+0x160/0x760

Freed by task 3568:
 save_stack+0x40/0xd0
 kfree+0xc0/0x250

The buggy address belongs to the object at ffff8800a1b2cb40
==================================================================
",
    },
    // Old format, the header alone: no access line, so the title is the
    // header itself, sanitised, and corrupted.
    Case {
        file: 77,
        commit: "61cf2326",
        title: "KASAN: slab-out-of-bounds in ip6_fragment at addr ADDR",
        alt: None,
        // The header says `KASAN` (an older naming).
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
BUG: KASAN: slab-out-of-bounds in ip6_fragment+0x1052/0x2d80 at addr ffff8800a1b2cb58
",
    },
    // The same with a `.part.N` suffix, which sanitising makes `.part.NUM`.
    Case {
        file: 79,
        commit: "1550519e",
        title: "KASAN: use-after-free in do_con_write.part.NUM at addr ADDR",
        alt: None,
        // The header says KASAN-OTHER (an older naming than
        // crash/title_to_type.go at 076e271f, which gives
        // KASAN-USE-AFTER-FREE-READ).
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
BUG: KASAN: use-after-free in do_con_write.part.23+0x1c50/0x1cb0 at addr ffff8800a1b2c43a
",
    },
    // Old format (4.4) with a general protection fault of another CPU
    // right after the access line: the title is the header's, and the
    // GPF's trace (no caller ids; the panic comes more than 22 lines in)
    // is a stack, so not corrupted.
    Case {
        file: 197,
        commit: "1550519e",
        title: "KASAN: global-out-of-bounds Read in show_timer",
        alt: Some(&["bad-access in show_timer"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: global-out-of-bounds in show_timer+0x27a/0x2b0 at addr ffffffff82cda558
Read of size 8 by task repro/8685
Address belongs to variable nstr.37854+0x18/0x40
CPU: 0 PID: 8685 Comm: repro Not tainted 4.4.114+ #250
kasan: CONFIG_KASAN_INLINE enabled
kasan: GPF could be caused by NULL-ptr deref or user memory access
general protection fault: 0000 [#1] SMP KASAN
Modules linked in:
CPU: 1 PID: 8694 Comm: repro2 Not tainted 4.4.114+ #250
RIP: 0010:[<ffffffff8268adb6>]  [<ffffffff8268adb6>] udp_queue_rcv_skb+0x196/0x1590
RSP: 0018:ffff8800b7bbf928  EFLAGS: 00010206
RAX: dffffc0000000000 RBX: ffff8800ba440000 RCX: ffffc90003b90000
RDX: 000000000000000c RSI: ffff8801cd8b2900 RDI: 0000000000000060
RBP: ffff8800b7bbf968 R08: 0000000000000001 R09: 0000000000000001
R10: 0000000000000000 R11: 1ffff10016f77efa R12: ffff8801cd8b2900
R13: 0000000000000001 R14: 0000000000000000 R15: ffff8801cd8b2958
Stack:
 ffff8800ba440088 ffff880000000001 ffff8800ba440088 dffffc0000000000
Call Trace:
 [<ffffffff822092d5>] release_sock+0x165/0x540
 [<ffffffff826844df>] udp_sendmsg+0x15df/0x1c40
 [<ffffffff811efdee>] ? __lock_acquire+0xabe/0x4eb0
 [<ffffffff826b8b15>] inet_sendmsg+0x2c5/0x4c0
 [<ffffffff821fcb2f>] sock_sendmsg+0xcf/0x110
 [<ffffffff821fda60>] SYSC_sendto+0x2e0/0x360
 [<ffffffff82200025>] SyS_sendto+0x45/0x60
 [<ffffffff82a16b1b>] entry_SYSCALL_64_fastpath+0x18/0x94
Code: 74 24 58 41 f6 c6 01 0f 85 7f 08 00 00 49 83 e6 fe e8 3f b1 c7 fe
RIP  [<ffffffff8268adb6>] udp_queue_rcv_skb+0x196/0x1590
 RSP <ffff8800b7bbf928>
---[ end trace 4bc40108dd6f901f ]---
Kernel panic - not syncing: Fatal exception in interrupt
 0000000000000000 ffff8800b6c7f9f8 ffffffff81cac64d fffffbfff059b4ab
Call Trace:
 [<ffffffff81cac64d>] dump_stack+0xc1/0x124
 [<ffffffff814d588d>] kasan_report.part.2+0x44d/0x540
 [<ffffffff8166b87a>] ? show_timer+0x27a/0x2b0
 [<ffffffff814d5a3e>] __asan_report_load8_noabort+0x2e/0x30
 [<ffffffff8166b87a>] show_timer+0x27a/0x2b0
 [<ffffffff81581e3c>] seq_read+0x32c/0x1240
 [<ffffffff82a16b1b>] entry_SYSCALL_64_fastpath+0x18/0x94
Memory state around the buggy address:
 ffffffff82cda500: 07 fa fa fa fa fa fa fa 00 00 00 fa fa fa fa fa
==================================================================
",
    },
    // Old format (4.4) with another task's page allocation failure
    // (warn_alloc_failed, not a report) interleaved before the report's
    // own trace; the header's function names the title.
    Case {
        file: 199,
        commit: "534b68f3",
        title: "KASAN: stack-out-of-bounds Read in iov_iter_advance",
        alt: Some(&["bad-access in iov_iter_advance"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: stack-out-of-bounds in iov_iter_advance+0x4c0/0x4f0 at addr ffff8801ca657d38
Read of size 8 by task repro/12434
page:ffffea00072995c0 count:0 mapcount:0 mapping:          (null) index:0x0
page dumped because: kasan: bad access detected
 0000000000000001 ffff8800ba75f830 ffffffff81cac64d 1ffff100174ebf0a
Call Trace:
 [<ffffffff81cac64d>] dump_stack+0xc1/0x124
 [<ffffffff81400659>] warn_alloc_failed+0x1c9/0x240
 [<ffffffff814aa5cb>] __vmalloc_node_range+0x56b/0x6f0
 [<ffffffff814aa820>] vmalloc+0x60/0x70
 [<ffffffff82434c76>] xt_alloc_entry_offsets+0x46/0x60
 [<ffffffff82a16b1b>] entry_SYSCALL_64_fastpath+0x18/0x94
CPU: 0 PID: 12434 Comm: repro Not tainted 4.4.114+ #249
Mem-Info:
active_anon:49698 inactive_anon:20 isolated_anon:0
vmalloc: allocation failure: 17178820608 bytes
repro2: page allocation failure: order:0, mode:0x24000c2
 0000000000000000 ffff8801ca6579e0 ffffffff81cac64d ffffed00394cafa7
Call Trace:
 [<ffffffff81cac64d>] dump_stack+0xc1/0x124
 [<ffffffff814d588d>] kasan_report.part.2+0x44d/0x540
 [<ffffffff81ce6f10>] ? iov_iter_advance+0x4c0/0x4f0
 [<ffffffff814d5a3e>] __asan_report_load8_noabort+0x2e/0x30
 [<ffffffff81ce6f10>] iov_iter_advance+0x4c0/0x4f0
 [<ffffffff820882d3>] tun_get_user+0x2e3/0x2370
 [<ffffffff8208a57a>] tun_chr_write_iter+0xda/0x190
 [<ffffffff82a16b1b>] entry_SYSCALL_64_fastpath+0x18/0x94
Memory state around the buggy address:
 ffff8801ca657d00: f1 f1 f1 f1 00 00 f2 f2 f2 f2 f2 f2 00 00 00 00
==================================================================
",
    },
    // 4.9: raw stack words before `Call Trace:`, `<IRQ>` and `<EOI>` with
    // a frame (and a second timestamp) on the same line; lockdep's
    // register_lock_class, __lock_acquire, lock_acquire and the spin-lock
    // wrapper are skipped. The header read has no ALT or TYPE line.
    Case {
        file: 261,
        commit: "233c87bd",
        title: "KASAN: use-after-free Write in snd_timer_user_interrupt",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in register_lock_class+0xf9c/0x1470
Write of size 8 at addr ffff8801cc92af68 by task repro/9916

CPU: 0 PID: 9916 Comm: repro Not tainted 4.9.119 #27
 ffff8801db207910 ffffffff81eb4be9 ffffea0007324a80 ffff8801cc92af68
Call Trace:
 <IRQ> [  168.317567]  [<ffffffff81eb4be9>] dump_stack+0xc1/0x128
 [<ffffffff81567f89>] print_address_description+0x6c/0x234
 [<ffffffff81568393>] kasan_report.cold.6+0x242/0x2fe
 [<ffffffff8123248c>] ? register_lock_class+0xf9c/0x1470
 [<ffffffff8153bfb7>] __asan_report_store8_noabort+0x17/0x20
 [<ffffffff8123248c>] register_lock_class+0xf9c/0x1470
 [<ffffffff812362f9>] __lock_acquire+0x169/0x4070
 [<ffffffff82f5875a>] ? snd_seq_check_queue.part.4+0x1aa/0x340
 [<ffffffff8123ac70>] lock_acquire+0x130/0x3e0
 [<ffffffff82ee482f>] ? snd_timer_user_interrupt+0x4f/0x3c0
 [<ffffffff839fc066>] _raw_spin_lock+0x36/0x50
 [<ffffffff82ee482f>] snd_timer_user_interrupt+0x4f/0x3c0
 [<ffffffff82ee7150>] snd_timer_interrupt+0x5c0/0xc40
 [<ffffffff82eee140>] snd_hrtimer_callback+0x1f0/0x3c0
 [<ffffffff839fe630>] apic_timer_interrupt+0xa0/0xb0
 <EOI> [  168.511621]  [<ffffffff81ee2a47>] ? clear_page_c_e+0x7/0x10
 [<ffffffff810dc1e7>] do_page_fault+0x27/0x30
 [<ffffffff839fde48>] page_fault+0x28/0x30

Allocated by task 9921:
 save_stack_trace+0x16/0x20
 kmem_cache_alloc_trace+0xfd/0x2b0
 snd_timer_user_open+0x68/0x220

Freed by task 9920:
 save_stack_trace+0x16/0x20
 kfree+0xfb/0x310
 snd_timer_user_release+0xf4/0x130

The buggy address belongs to the object at ffff8801cc92af00
==================================================================
",
    },
    // lib/test_kasan.ko with caller ids: kmalloc_oob_right and
    // kmalloc_tests_init contain `kmalloc` and are skipped like the
    // report plumbing, so the title names do_one_initcall. The header
    // read has no ALT or TYPE line.
    Case {
        file: 338,
        commit: "813be542",
        title: "KASAN: slab-out-of-bounds Write in do_one_initcall",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T5851"),
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in kmalloc_oob_right+0xac/0xc3 [test_kasan]
Write of size 1 at addr ffff88806acbf2bb by task insmod/5851

CPU: 0 PID: 5851 Comm: insmod Not tainted 4.20.0 #4
Call Trace:
 dump_stack+0x1db/0x2d0
 ? kmalloc_oob_right+0xac/0xc3 [test_kasan]
 print_address_description.cold+0x7c/0x20d
 kasan_report.cold+0x1b/0x40
 __asan_report_store1_noabort+0x17/0x20
 kmalloc_oob_right+0xac/0xc3 [test_kasan]
 ? kasan_strings+0x153/0x153 [test_kasan]
 kmalloc_tests_init+0x16/0x3cd [test_kasan]
 do_one_initcall+0x129/0x937
 do_init_module+0x25c/0x770
 load_module+0x62e3/0x8340
 entry_SYSCALL_64_after_hwframe+0x49/0xbe

Allocated by task 5851:
 save_stack+0x45/0xd0
 kmem_cache_alloc_trace+0x151/0x760
 kmalloc_oob_right+0x5a/0xc3 [test_kasan]

Freed by task 5584:
 save_stack+0x45/0xd0
 kfree+0xcf/0x230
 load_elf_binary+0x5e9/0x53c0

The buggy address belongs to the object at ffff88806acbf240
==================================================================
",
    },
    // 5.3 with caller ids: lockdep's frames, the spin-lock wrapper and
    // finish_wait are skipped.
    Case {
        file: 410,
        commit: "1550519e",
        title: "KASAN: use-after-free Read in hiddev_read",
        alt: Some(&["bad-access in hiddev_read"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T9186"),
        log: "
==================================================================
BUG: KASAN: use-after-free in __lock_acquire+0x302a/0x3b50
Read of size 8 at addr ffff8881d2bec328 by task repro/9186

CPU: 1 PID: 9186 Comm: repro Not tainted 5.3.0 #26
Call Trace:
 dump_stack+0xca/0x13e
 ? __lock_acquire+0x302a/0x3b50
 print_address_description+0x6a/0x32c
 __kasan_report.cold+0x1a/0x33
 kasan_report+0xe/0x12
 __lock_acquire+0x302a/0x3b50
 ? __mutex_lock+0x430/0x1360
 lock_acquire+0x127/0x320
 ? finish_wait+0xb2/0x260
 _raw_spin_lock_irqsave+0x32/0x50
 finish_wait+0xb2/0x260
 hiddev_read+0x89d/0xbd0
 __vfs_read+0x76/0x100
 vfs_read+0x1ea/0x430
 entry_SYSCALL_64_after_hwframe+0x49/0xbe

Allocated by task 2740:
 save_stack+0x1b/0x80
 hiddev_connect+0x242/0x5b0

Freed by task 2740:
 save_stack+0x1b/0x80
 kfree+0xe4/0x2f0

The buggy address belongs to the object at ffff8881d2bec280
==================================================================
",
    },
    // 5.3 with caller ids and lines of other callers inside the report;
    // the list check and the mutex frames are skipped.
    Case {
        file: 413,
        commit: "1550519e",
        title: "KASAN: use-after-free Read in iowarrior_disconnect",
        alt: Some(&["bad-access in iowarrior_disconnect"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T12"),
        log: "
==================================================================
BUG: KASAN: use-after-free in __list_del_entry_valid+0x15e/0x170
@[  272.336706][ T2803] hub 4-1:0.0: USB hub found
Read of size 8 at addr ffff8881d1b97948 by task kworker/0:1/12

CPU: 0 PID: 12 Comm: kworker/0:1 Not tainted 5.3.0 #28
Workqueue: usb_hub_wq hub_event
Call Trace:
 dump_stack+0xca/0x13e
 ? __list_del_entry_valid+0x15e/0x170
 print_address_description+0x6a/0x32c
 __kasan_report.cold+0x1a/0x33
 kasan_report+0xe/0x12
 __list_del_entry_valid+0x15e/0x170
 mutex_remove_waiter+0x200/0x470
 __mutex_lock+0x4e0/0x1360
 ? iowarrior_disconnect+0xf0/0x2c0
 iowarrior_disconnect+0xf0/0x2c0
 usb_unbind_interface+0x1bd/0x8a0
@[  272.479187][ T2760] usb 6-1: USB disconnect, device number 120
 device_release_driver_internal+0x42f/0x500
 hub_event+0x1454/0x3640
 ret_from_fork+0x24/0x30

Allocated by task 102:
 save_stack+0x1b/0x80
 iowarrior_probe+0x7a/0x10b2

Freed by task 5858:
 save_stack+0x1b/0x80
 kfree+0xe4/0x2f0

The buggy address belongs to the object at ffff8881d1b97900
==================================================================
",
    },
    // The write twin: check_memory_region and usb_kill_urb are skipped.
    Case {
        file: 414,
        commit: "1550519e",
        title: "KASAN: use-after-free Write in iowarrior_disconnect",
        alt: Some(&["bad-access in iowarrior_disconnect"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-WRITE"),
        corrupted: false,
        prefix: Prefix::Caller("T17"),
        log: "
==================================================================
BUG: KASAN: use-after-free in usb_kill_urb+0x18f/0x2c0
Write of size 4 at addr ffff8881d586ca14 by task kworker/1:0/17

CPU: 1 PID: 17 Comm: kworker/1:0 Not tainted 5.3.0 #28
Workqueue: usb_hub_wq hub_event
Call Trace:
 dump_stack+0xca/0x13e
 ? usb_kill_urb+0x18f/0x2c0
 print_address_description+0x6a/0x32c
 __kasan_report.cold+0x1a/0x33
 kasan_report+0xe/0x12
 check_memory_region+0x128/0x190
 usb_kill_urb+0x18f/0x2c0
 ? finish_wait+0x260/0x260
 iowarrior_disconnect+0x176/0x2c0
 usb_unbind_interface+0x1bd/0x8a0
 hub_event+0x1454/0x3640
 ret_from_fork+0x24/0x30

Allocated by task 2767:
 save_stack+0x1b/0x80
 usb_alloc_urb+0x65/0xb0

Freed by task 0:
 save_stack+0x1b/0x80
 kfree+0xe4/0x2f0

The buggy address belongs to the object at ffff8881d586ca00
==================================================================
",
    },
    // __mutex_lock, device_del, device_destroy and tty_unregister_device
    // are skipped. The version read (0942eab8) is older than the rules: it
    // has no ALT or TYPE line and expects `in tty_unregister_device`, from
    // before tty_unregister_device joined the skip list; its later
    // versions expect `in hso_probe` (with `bad-access in hso_probe`).
    Case {
        file: 422,
        commit: "0942eab8",
        title: "KASAN: use-after-free Read in hso_probe",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T1737"),
        log: "
==================================================================
BUG: KASAN: use-after-free in __mutex_lock+0xf23/0x1360
Read of size 8 at addr ffff8881d6b6b458 by task kworker/1:4/1737

CPU: 1 PID: 1737 Comm: kworker/1:4 Not tainted 5.3.0 #0
Workqueue: usb_hub_wq hub_event
Call Trace:
 dump_stack+0xca/0x13e
 ? __mutex_lock+0xf23/0x1360
 print_address_description+0x6a/0x32c
 __kasan_report.cold+0x1a/0x33
 kasan_report+0xe/0x12
 __mutex_lock+0xf23/0x1360
 ? device_del+0x9e/0xb10
 device_del+0x9e/0xb10
 device_destroy+0x96/0xe0
 tty_unregister_device+0x7e/0x1a0
 hso_probe.cold+0xc8/0x121
 usb_probe_interface+0x305/0x7a0
 ret_from_fork+0x24/0x30

Allocated by task 22:
 save_stack+0x1b/0x80
 tty_register_device_attr+0x1b6/0x6f0

Freed by task 22:
 save_stack+0x1b/0x80
 kfree+0xe4/0x2f0

The buggy address belongs to the object at ffff8881d6b6b300
==================================================================
",
    },
    // 4.9 with raw stack words: check_memory_region and kasan_check_read
    // are skipped; a wild access has no allocation or free stacks. The
    // header read has no TYPE line.
    Case {
        file: 195,
        commit: "534b68f3",
        title: "KASAN: wild-memory-access Read in sg_read",
        alt: Some(&["bad-access in sg_read"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: wild-memory-access in sg_read+0xe5c/0x1440
Read of size 4096 at addr ffe70873f7f2b000 by task repro/13133

CPU: 0 PID: 13133 Comm: repro Not tainted 4.9.80 #29
 ffff8801b42afa38 ffffffff81d94b69 ffe70873f7f2b000 0000000000001000
Call Trace:
 [<ffffffff81d94b69>] dump_stack+0xc1/0x128
 [<ffffffff8153e49e>] kasan_report+0x15e/0x360
 [<ffffffff8266a72c>] ? sg_read+0xe5c/0x1440
 [<ffffffff8153cfc7>] check_memory_region+0x137/0x190
 [<ffffffff8153d031>] kasan_check_read+0x11/0x20
 [<ffffffff8266a72c>] sg_read+0xe5c/0x1440
 [<ffffffff8156cc21>] do_loop_readv_writev.part.17+0x141/0x1e0
 [<ffffffff81570a90>] do_readv_writev+0x520/0x750
 [<ffffffff81570d44>] vfs_readv+0x84/0xc0
 [<ffffffff81574357>] SyS_readv+0x27/0x30
 [<ffffffff838b346e>] entry_SYSCALL_64_fastpath+0x29/0xe8
==================================================================
",
    },
    // The same report with another boot's general protection fault pasted
    // into its stack before sg_read (no caller ids): the header's function
    // is the first candidate frame and no pattern skips it, so the fault,
    // which ends the title's text, changes nothing.
    Case {
        file: 196,
        commit: "534b68f3",
        title: "KASAN: wild-memory-access Read in sg_read",
        alt: Some(&["bad-access in sg_read"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: wild-memory-access in sg_read+0xe5c/0x1440
Read of size 4096 at addr ffe70873f7f2b000 by task repro/13133

CPU: 0 PID: 13133 Comm: repro Not tainted 4.9.80 #29
 ffff8801b42afa38 ffffffff81d94b69 ffe70873f7f2b000 0000000000001000
Call Trace:
 [<ffffffff81d94b69>] dump_stack+0xc1/0x128
 [<ffffffff8153e49e>] kasan_report+0x15e/0x360
 [<ffffffff8266a72c>] ? sg_read+0xe5c/0x1440
 [<ffffffff8153cfc7>] check_memory_region+0x137/0x190
 [<ffffffff8153d031>] kasan_check_read+0x11/0x20
==================================================================
kasan: CONFIG_KASAN_INLINE enabled
kasan: GPF could be caused by NULL-ptr deref or user memory access
general protection fault: 0000 [#1] PREEMPT SMP KASAN
Modules linked in:
CPU: 1 PID: 3377 Comm: repro2 Not tainted 4.4.107 #4
RIP: 0010:[<ffffffff8123487f>]  [<ffffffff8123487f>] __lock_acquire+0x61f/0x4b50
Stack:
 ffff8801d0ee0818 ffff8800b4b59d90 ffff8801d94cfa00 ffffffff8149e232
Call Trace:
 [<ffffffff8149e232>] ? handle_mm_fault+0x3f2/0x3190
 [<ffffffff8123a61e>] lock_acquire+0x15e/0x460
 [<ffffffff83773a1e>] _raw_write_lock_irqsave+0x4e/0x70
 [<ffffffff825b8a89>] sg_remove_request+0x69/0x110
 [<ffffffff825b9095>] sg_finish_rem_req+0x295/0x340
 [<ffffffff825baed1>] sg_read+0xa21/0x1490
 [<ffffffff8266a72c>] sg_read+0xe5c/0x1440
 [<ffffffff8156cc21>] do_loop_readv_writev.part.17+0x141/0x1e0
 [<ffffffff81570a90>] do_readv_writev+0x520/0x750
 [<ffffffff81570d44>] vfs_readv+0x84/0xc0
 [<ffffffff81574357>] SyS_readv+0x27/0x30
 [<ffffffff838b346e>] entry_SYSCALL_64_fastpath+0x29/0xe8
==================================================================
",
    },
    // kobject_del, device_del and device_unregister are skipped. The
    // header read has no ALT or TYPE line.
    Case {
        file: 416,
        commit: "10a9a3b7",
        title: "KASAN: use-after-free Write in video_unregister_device",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T23697"),
        log: "
==================================================================
BUG: KASAN: use-after-free in kobject_del+0x12e/0x170
Write of size 1 at addr ffff8881c84f8b14 by task v4l_id/23697

CPU: 1 PID: 1000 Comm: repro Not tainted 5.3.0 #0
Call Trace:
 dump_stack+0xca/0x13e
 print_address_description+0x6a/0x32c
 __kasan_report.cold+0x1a/0x33
 kasan_report+0xe/0x12
 ? kobject_del+0x12e/0x170
 kobject_del+0x12e/0x170
 device_del+0x6dd/0xb10
 ? wait_for_completion+0x3c0/0x3c0
 device_unregister+0x11/0x30
 video_unregister_device+0xa2/0xc0
 usbvision_unregister_video+0x83/0x120
 usbvision_release+0x10d/0x1c0
 v4l2_release+0x2e7/0x390
 ret_from_fork+0x24/0x30

Allocated by task 2775:
 save_stack+0x1b/0x80
 __kasan_kmalloc.constprop.0+0xbf/0xd0

Freed by task 12:
 save_stack+0x1b/0x80
 kfree+0xe4/0x2f0

The buggy address belongs to the object at ffff8881c84f8000
==================================================================
",
    },
    // sysfs_remove_file_ns and device_remove_file are skipped. The header
    // read has no ALT or TYPE line.
    Case {
        file: 417,
        commit: "10a9a3b7",
        title: "KASAN: use-after-free Read in usbvision_release",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T9268"),
        log: "
==================================================================
BUG: KASAN: use-after-free in sysfs_remove_file_ns+0x5f/0x70
Read of size 8 at addr ffff8881d53ec5c0 by task v4l_id/9268

CPU: 1 PID: 1000 Comm: repro Not tainted 5.3.0 #0
Call Trace:
 dump_stack+0xca/0x13e
 print_address_description+0x6a/0x32c
 __kasan_report.cold+0x1a/0x33
 kasan_report+0xe/0x12
 ? sysfs_remove_file_ns+0x5f/0x70
 sysfs_remove_file_ns+0x5f/0x70
 device_remove_file+0x25/0x30
 usbvision_release+0x97/0x1c0
 usbvision_radio_close.cold+0x6f/0x74
 v4l2_release+0x2e7/0x390
 ret_from_fork+0x24/0x30

Allocated by task 2775:
 save_stack+0x1b/0x80
 __kasan_kmalloc.constprop.0+0xbf/0xd0

Freed by task 12:
 save_stack+0x1b/0x80
 kfree+0xe4/0x2f0

The buggy address belongs to the object at ffff8881c84f8000
==================================================================
",
    },
    // lockdep's frames, the spin-lock wrapper and usb_kill_anchored_urbs are
    // skipped. The header read has no ALT or TYPE line.
    Case {
        file: 423,
        commit: "3459ada8",
        title: "KASAN: use-after-free Read in mcba_usb_disconnect",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T102"),
        log: "
==================================================================
BUG: KASAN: use-after-free in __lock_acquire+0x3377/0x3eb0
Read of size 8 at addr ffff88803b8d8f48 by task kworker/0:2/102

CPU: 1 PID: 1000 Comm: repro Not tainted 5.3.0 #0
Call Trace:
 dump_stack+0xca/0x13e
 print_address_description+0x6a/0x32c
 __kasan_report.cold+0x1a/0x33
 kasan_report+0xe/0x12
 ? __lock_acquire+0x3377/0x3eb0
 __lock_acquire+0x3377/0x3eb0
 ? mark_held_locks+0x9f/0xe0
 lock_acquire+0x127/0x320
 ? usb_kill_anchored_urbs+0x1e/0x110
 _raw_spin_lock_irq+0x2d/0x40
 usb_kill_anchored_urbs+0x1e/0x110
 mcba_usb_disconnect+0xd6/0xe4
 usb_unbind_interface+0x1bd/0x8a0
 ret_from_fork+0x24/0x30

Allocated by task 2775:
 save_stack+0x1b/0x80
 __kasan_kmalloc.constprop.0+0xbf/0xd0

Freed by task 12:
 save_stack+0x1b/0x80
 kfree+0xe4/0x2f0

The buggy address belongs to the object at ffff8881c84f8000
==================================================================
",
    },
    // check_memory_region, the refcount checks, kthread_stop and
    // hwrng_unregister are skipped. The header read has no ALT or TYPE line.
    Case {
        file: 424,
        commit: "3459ada8",
        title: "KASAN: use-after-free Read in chaoskey_disconnect",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T3173"),
        log: "
==================================================================
BUG: KASAN: use-after-free in refcount_inc_not_zero_checked+0x72/0x1e0
Read of size 4 at addr ffff88805b8f1820 by task kworker/1:3/3173

CPU: 1 PID: 1000 Comm: repro Not tainted 5.3.0 #0
Call Trace:
 dump_stack+0xca/0x13e
 print_address_description+0x6a/0x32c
 __kasan_report.cold+0x1a/0x33
 kasan_report+0xe/0x12
 ? refcount_inc_not_zero_checked+0x72/0x1e0
 check_memory_region+0x128/0x190
 refcount_inc_not_zero_checked+0x72/0x1e0
 ? refcount_dec_and_mutex_lock+0x80/0x80
 refcount_inc_checked+0x12/0x60
 kthread_stop+0x6c/0x600
 hwrng_unregister+0x190/0x210
 chaoskey_disconnect+0x1b2/0x200
 usb_unbind_interface+0x1bd/0x8a0
 ret_from_fork+0x24/0x30

Allocated by task 2775:
 save_stack+0x1b/0x80
 __kasan_kmalloc.constprop.0+0xbf/0xd0

Freed by task 12:
 save_stack+0x1b/0x80
 kfree+0xe4/0x2f0

The buggy address belongs to the object at ffff8881c84f8000
==================================================================
",
    },
    // 5.4 with caller ids: check_memory_region and the bit operation
    // test_and_clear_bit are skipped; page_owner's stack follows.
    Case {
        file: 650,
        commit: "61cf2326",
        title: "KASAN: slab-out-of-bounds Write in napi_hash_del",
        alt: Some(&["bad-access in napi_hash_del"]),
        // The header says `KASAN` (an older naming).
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T2373"),
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in test_and_clear_bit+0x1a/0x25
Write of size 8 at addr ffff8881ef4fbf18 by task repro/2373

CPU: 0 PID: 2373 Comm: repro Not tainted 5.4.199 #0
Call Trace:
 dump_stack+0xef/0x160
 print_address_description.constprop.0+0x17/0x311
 __kasan_report+0x13f/0x184
 kasan_report+0x10/0x16
 check_memory_region+0x130/0x13d
 test_and_clear_bit+0x1a/0x25
 napi_hash_del+0x25/0x5f
 netif_napi_del+0x2d/0x26b
 free_netdev+0x1ec/0x332
 entry_SYSCALL_64_after_hwframe+0x49/0xbe

Allocated by task 2351:
 save_stack+0x1b/0x6a
 __kmalloc_track_caller+0x161/0x1a4

Freed by task 2351:
 save_stack+0x1b/0x6a
 kfree+0x1c5/0x274

The buggy address belongs to the object at ffff8881ef4fbc00
page_owner tracks the page as allocated
 prep_new_page+0x16/0x9d
page_owner free stack trace missing

Memory state around the buggy address:
 ffff8881ef4fbf00: fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc
==================================================================
",
    },
    // A user-memory access: check_memory_region and atomic_read are
    // skipped; no allocation or free stacks.
    Case {
        file: 651,
        commit: "1550519e",
        title: "KASAN: user-memory-access Read in skb_unref",
        alt: Some(&["bad-access in skb_unref"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T2205"),
        log: "
==================================================================
BUG: KASAN: user-memory-access in atomic_read+0x16/0x46
Read of size 4 at addr 0000003065737046 by task repro/2205

CPU: 0 PID: 2205 Comm: repro Not tainted 5.4.199 #0
Call Trace:
 dump_stack+0xef/0x160
 __kasan_report+0x15c/0x184
 kasan_report+0x10/0x16
 check_memory_region+0x130/0x13d
 atomic_read+0x16/0x46
 skb_unref+0x27/0x63
 kfree_skb+0x18/0x241
 netif_napi_del+0xda/0x26b
 entry_SYSCALL_64_after_hwframe+0x49/0xbe
==================================================================
",
    },
    // 4.16's `double-free in` wording: invalid-free, with kvfree, kfree and
    // the free path skipped.
    Case {
        file: 652,
        commit: "61cf2326",
        title: "KASAN: invalid-free in xt_free_table_info",
        alt: Some(&["invalid-free in xt_free_table_info"]),
        // The header says `KASAN` (an older naming).
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: double-free in kvfree+0x36/0x60

CPU: 1 PID: 4260 Comm: repro Not tainted 4.16.0 #254
Call Trace:
 dump_stack+0x194/0x24d
 print_address_description+0x73/0x250
 kasan_report_invalid_free+0x55/0x80
 __kasan_slab_free+0x145/0x170
 kasan_slab_free+0xe/0x10
 kfree+0xd9/0x260
 kvfree+0x36/0x60
 xt_free_table_info+0xaf/0x170
 __do_replace+0x810/0xa70
 do_ip6t_set_ctl+0x40f/0x5f0
 entry_SYSCALL_64_after_hwframe+0x42/0xb7

Allocated by task 7667:
 save_stack+0x43/0xd0
 kmemdup+0x24/0x50

Freed by task 7667:
 save_stack+0x43/0xd0
 kfree+0xd9/0x260

The buggy address belongs to the object at ffff8801c95e2880
==================================================================
",
    },
    // The same with the later `invalid-free in` wording.
    Case {
        file: 653,
        commit: "a0492970",
        title: "KASAN: invalid-free in xt_free_table_info",
        alt: Some(&["invalid-free in xt_free_table_info"]),
        crash_type: Some("KASAN-INVALID-FREE"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: invalid-free in kvfree+0x36/0x60

CPU: 1 PID: 4260 Comm: repro Not tainted 4.16.0 #254
Call Trace:
 dump_stack+0x194/0x24d
 print_address_description+0x73/0x250
 kasan_report_invalid_free+0x55/0x80
 __kasan_slab_free+0x145/0x170
 kasan_slab_free+0xe/0x10
 kfree+0xd9/0x260
 kvfree+0x36/0x60
 xt_free_table_info+0xaf/0x170
 __do_replace+0x810/0xa70
 do_ip6t_set_ctl+0x40f/0x5f0
 entry_SYSCALL_64_after_hwframe+0x42/0xb7

Allocated by task 7667:
 save_stack+0x43/0xd0
 kmemdup+0x24/0x50

Freed by task 7667:
 save_stack+0x43/0xd0
 kfree+0xd9/0x260

The buggy address belongs to the object at ffff8801c95e2880
==================================================================
",
    },
    // 6.0 with caller ids and `<TASK>`: lock_acquire, the spin-lock
    // wrapper and iput are skipped; a stack address has a frame
    // description and page_owner's stacks instead of allocation stacks.
    Case {
        file: 658,
        commit: "61cf2326",
        title: "KASAN: stack-out-of-bounds Read in ntfs_fill_super",
        alt: Some(&["bad-access in ntfs_fill_super"]),
        // The header says `KASAN` (an older naming).
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T13922"),
        log: "
==================================================================
BUG: KASAN: stack-out-of-bounds in lock_acquire+0x1c3/0x3c0
Read of size 8 at addr ffffc9000b7df95f by task repro/13922

CPU: 0 PID: 13922 Comm: repro Not tainted 6.0.0 #0
Call Trace:
 <TASK>
 dump_stack_lvl+0x1b1/0x28e
 print_address_description+0x65/0x4b0
 print_report+0x108/0x1f0
 kasan_report+0xc3/0xf0
 lock_acquire+0x1c3/0x3c0
 _raw_spin_lock+0x2a/0x40
 iput+0x3ee/0x760
 ntfs_fill_super+0x2352/0x42a0
 get_tree_bdev+0x400/0x620
 entry_SYSCALL_64_after_hwframe+0x63/0xcd
 </TASK>

The buggy address belongs to stack of task repro/13922
 and is located at offset 31 in frame:
 lock_acquire+0x0/0x3c0

This frame has 3 objects:
 [32, 40) 'flags.i.i.i87'

The buggy address belongs to the virtual mapping at
 [ffffc9000b7d8000, ffffc9000b7e1000) created by:
 dup_task_struct+0x8b/0x490

page_owner tracks the page as allocated
 get_page_from_freelist+0x742/0x7c0
page last free stack trace:
 free_pcp_prepare+0x812/0x900

Memory state around the buggy address:
 ffffc9000b7df900: 00 00 00 00 00 00 00 00 f1 f1 f1 f1 00 f2 f2 f2
==================================================================
",
    },
    // 6.10 from an interrupt (`C1` caller id, `<IRQ>`): rhashtable_lookup_fast
    // is skipped; the panic_on_warn panic repeats the trace after the
    // report.
    Case {
        file: 721,
        commit: "1550519e",
        title: "KASAN: use-after-free Read in ila_nf_input",
        alt: Some(&["bad-access in ila_nf_input"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Caller("C1"),
        log: "
@[  296.673932][T11409] batman_adv: batadv0: Not using interface batadv_slave_0 (retrying later): interface not active
==================================================================
BUG: KASAN: use-after-free in rhashtable_lookup_fast+0x77a/0x9b0
Read of size 4 at addr ffff888068fe8008 by task repro/11617

CPU: 1 PID: 11617 Comm: repro Not tainted 6.10.0 #0
Call Trace:
 <IRQ>
 dump_stack_lvl+0x241/0x360
 ? __pfx_dump_stack_lvl+0x10/0x10
 print_report+0x169/0x550
 ? rhashtable_lookup_fast+0x77a/0x9b0
 kasan_report+0x143/0x180
 rhashtable_lookup_fast+0x77a/0x9b0
 ? __pfx_ila_cmpfn+0x10/0x10
 ila_nf_input+0x1fe/0x3c0
 nf_hook_slow+0xc3/0x220
 __netif_receive_skb+0x1ea/0x650
 sysvec_apic_timer_interrupt+0xa6/0xc0
 </IRQ>
 <TASK>
 asm_sysvec_apic_timer_interrupt+0x1a/0x20
RIP: 0010:preempt_schedule_irq+0xf6/0x1c0
 entry_SYSCALL_64_after_hwframe+0x77/0x7f
 </TASK>

The buggy address belongs to the physical page:
page dumped because: kasan: bad access detected
page_owner tracks the page as freed
 post_alloc_hook+0x1f3/0x230
page last free pid 35 tgid 35 stack trace:
 free_unref_page+0xd22/0xea0

Memory state around the buggy address:
 ffff888068fe8000: ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
==================================================================
Kernel panic - not syncing: KASAN: panic_on_warn set ...
CPU: 1 PID: 11617 Comm: repro Not tainted 6.10.0 #0
Call Trace:
 <IRQ>
 dump_stack_lvl+0x241/0x360
 panic+0x349/0x860
 check_panic_on_warn+0x86/0xb0
 end_report+0x77/0x160
 kasan_report+0x154/0x180
 rhashtable_lookup_fast+0x77a/0x9b0
 ila_nf_input+0x1fe/0x3c0
 </IRQ>
Kernel Offset: disabled
Rebooting in 86400 seconds..
",
    },
    // 4.20 without caller ids: a `list_add corruption` line of another
    // CPU inside the trace and a recursion of frames; the unwinder's
    // `WARNING: kernel stack frame pointer` does not end the text, the
    // other CPU's `kernel BUG at` does, right after `Allocated by task N:`,
    // so that stack start has no frame: corrupted.
    Case {
        file: 343,
        commit: "1550519e",
        title: "KASAN: stack-out-of-bounds Read in __udp6_lib_err",
        alt: Some(&["bad-access in __udp6_lib_err"]),
        crash_type: Some("KASAN-READ"),
        corrupted: true,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: stack-out-of-bounds in debug_lockdep_rcu_enabled.part.0+0x50/0x60
Read of size 4 at addr ffff8880a9eb8cbc by task repro/3563

CPU: 1 PID: 3563 Comm: repro Not tainted 4.20.0+ #2
Call Trace:
 dump_stack+0x1db/0x2d0
 ? debug_lockdep_rcu_enabled.part.0+0x50/0x60
 print_address_description.cold+0x7c/0x20d
 kasan_report.cold+0x8c/0x2ba
 __asan_report_load4_noabort+0x14/0x20
 debug_lockdep_rcu_enabled.part.0+0x50/0x60
list_add corruption. next->prev should be prev (ffff8880ae72d8d8), but was ffff8880a9eb8600. (next=ffff8880a9eb84f0).
 debug_lockdep_rcu_enabled+0x71/0xa0
 __udp6_lib_err+0xbc9/0x1890
 ? udp6_lib_lookup+0xa0/0xa0
 udpv6_err+0x46/0x60
 gue6_err_proto_handler+0x199/0x280
 gue6_err+0x4c1/0x6b0
 __udp6_lib_err+0xc40/0x1890
 udpv6_err+0x46/0x60
 gue6_err_proto_handler+0x199/0x280
 gue6_err+0x4c1/0x6b0
 __udp6_lib_err+0xc40/0x1890
WARNING: kernel stack frame pointer at 000000002d9ae6ff in repro:3563 has bad value 000000000e9dbdea
unwind stack type:0 next_sp:          (null) mask:0x2 graph_idx:0
 ? udp6_lib_lookup+0xa0/0xa0
 ? __lock_is_held+0xb6/0x140

Allocated by task 2850786496:
------------[ cut here ]------------
------------[ cut here ]------------
kernel BUG at lib/list_debug.c:23!
invalid opcode: 0000 [#1] PREEMPT SMP KASAN
CPU: 0 PID: 10177 Comm: repro Not tainted 4.20.0+ #2
RIP: 0010:__list_add_valid.cold+0xf/0x3c
Call Trace:
 account_entity_enqueue+0x3a0/0x660
 enqueue_entity+0x276/0x20b0
Kernel panic - not syncing: Fatal exception
Kernel Offset: disabled
Rebooting in 86400 seconds..
",
    },
    // 6.0 with caller ids and no separator line before the header:
    // hex_dump_to_buffer and print_hex_dump are skipped, and the `.cold`
    // part of ea_get.cold is dropped. The header read has no TYPE line.
    Case {
        file: 661,
        commit: "3ae3f8fb",
        title: "KASAN: slab-out-of-bounds Read in ea_get",
        alt: Some(&["bad-access in ea_get"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T3608"),
        log: "
BUG: KASAN: slab-out-of-bounds in hex_dump_to_buffer+0xdc1/0xdf0
Read of size 1 at addr ffff88806c856a40 by task repro/3608

CPU: 1 PID: 3608 Comm: repro Not tainted 6.0.0 #0
Call Trace:
 <TASK>
 dump_stack_lvl+0xcd/0x134
 print_report.cold+0x2ba/0x6e9
 ? hex_dump_to_buffer+0xdc1/0xdf0
 kasan_report+0xb1/0x1e0
 hex_dump_to_buffer+0xdc1/0xdf0
 print_hex_dump+0x12f/0x1d0
 ? _printk+0xba/0xed
 ea_get.cold+0xaa/0x190
 ? down_read+0x198/0x450
 __jfs_getxattr+0xc4/0x3d0
 jfs_xattr_get+0x39/0x50
 entry_SYSCALL_64_after_hwframe+0x63/0xcd
 </TASK>

Allocated by task 3608:
 kasan_save_stack+0x1e/0x40
 kmem_cache_alloc_lru+0x23d/0x860
 jfs_alloc_inode+0x23/0x60

The buggy address belongs to the object at ffff88806c856180
==================================================================
Kernel panic - not syncing: panic_on_warn set ...
CPU: 0 PID: 3608 Comm: repro Not tainted 6.0.0 #0
Call Trace:
 <TASK>
 dump_stack_lvl+0xcd/0x134
 panic+0x2c8/0x627
 end_report.part.0+0x3f/0x7c
 kasan_report.cold+0xa/0xf
 hex_dump_to_buffer+0xdc1/0xdf0
 </TASK>
Kernel Offset: disabled
",
    },
    // 4.4 with raw stack words: the string and printk helpers (strnlen,
    // string.isra.N, vsnprintf, vscnprintf, vprintk*, printk) are skipped.
    Case {
        file: 307,
        commit: "1550519e",
        title: "KASAN: stack-out-of-bounds Read in do_ip_vs_set_ctl",
        alt: Some(&["bad-access in do_ip_vs_set_ctl"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: stack-out-of-bounds in strnlen+0xc1/0xd0
Read of size 1 at addr ffff8801d0877d04 by task repro/3469

CPU: 0 PID: 3469 Comm: repro Not tainted 4.4.107 #12
 0000000000000000 32c3afb9a0a8afa3 ffff8801d0877758 ffffffff81d0457d
Call Trace:
 [<ffffffff81d0457d>] dump_stack+0xc1/0x124
 [<ffffffff814fbb23>] print_address_description+0x73/0x260
 [<ffffffff814fc035>] kasan_report+0x285/0x370
 [<ffffffff81d1ff51>] ? strnlen+0xc1/0xd0
 [<ffffffff814fc134>] __asan_report_load1_noabort+0x14/0x20
 [<ffffffff81d1ff51>] strnlen+0xc1/0xd0
 [<ffffffff81d27bdc>] string.isra.4+0x4c/0x240
 [<ffffffff81d2d086>] vsnprintf+0x766/0x15f0
 [<ffffffff81d2df3d>] vscnprintf+0x2d/0x60
 [<ffffffff81266f8b>] vprintk_emit+0xdb/0x850
 [<ffffffff81267728>] vprintk+0x28/0x30
 [<ffffffff8126774d>] vprintk_default+0x1d/0x30
 [<ffffffff8141839d>] printk+0xb7/0xe2
 [<ffffffff830982e7>] do_ip_vs_set_ctl+0x9b7/0xba0
 [<ffffffff82f971a7>] nf_setsockopt+0x67/0xc0
 [<ffffffff83773d36>] entry_SYSCALL_64_fastpath+0x16/0x76

The buggy address belongs to the page:
page dumped because: kasan: bad access detected

Memory state around the buggy address:
 ffff8801d0877d00: 04 f2 f2 f2 00 00 00 00 00 00 00 00 00 00 00 00
==================================================================
",
    },
    // 6.4's `slab-use-after-free` with caller ids: the XArray walk
    // (xas_start, xas_find), find_lock_entries and
    // truncate_inode_pages_range are skipped; another caller's audit line
    // sits inside the work-creation stack. The header's FRAME and PANICKED
    // lines are not compared.
    Case {
        file: 704,
        commit: "6d5486b2",
        title: "KASAN: slab-use-after-free Read in btrfs_evict_inode",
        alt: Some(&["bad-access in btrfs_evict_inode"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T6659"),
        log: "
==================================================================
BUG: KASAN: slab-use-after-free in xas_start+0x1ef/0x7b0
Read of size 8 at addr ffff888077ec2bf8 by task repro/6659

CPU: 0 PID: 6659 Comm: repro Not tainted 6.4.0 #0
Call Trace:
 <TASK>
 dump_stack_lvl+0x1e7/0x2d0
 ? panic+0x770/0x770
 print_report+0x163/0x540
 ? xas_start+0x1ef/0x7b0
 kasan_report+0x175/0x1b0
 xas_start+0x1ef/0x7b0
 xas_find+0x177/0xaa0
 find_lock_entries+0x265/0x10f0
 ? find_get_entries+0x9d0/0x9d0
 truncate_inode_pages_range+0x202/0x11b0
 ? _raw_spin_unlock_irq+0x23/0x50
 btrfs_evict_inode+0x208/0x1000
 evict+0x2a4/0x620
 entry_SYSCALL_64_after_hwframe+0x63/0xcd
 </TASK>

Allocated by task 14764:
 kasan_set_track+0x4f/0x70
 kmem_cache_alloc_lru+0x122/0x300
 btrfs_alloc_inode+0x58/0x3c0

Freed by task 14828:
 kasan_set_track+0x4f/0x70
 kmem_cache_free+0x292/0x500
 rcu_core+0xaaa/0x1740

Last potentially related work creation:
 kasan_save_stack+0x3f/0x60
 call_rcu+0x167/0xa70
@[  650.116401][   T27] audit: type=1800 audit(1688479144.532:793): pid=14777 uid=0 res=0 errno=0
 cleaner_kthread+0x287/0x3c0

The buggy address belongs to the object at ffff888077ec2540
==================================================================
Kernel panic - not syncing: KASAN: panic_on_warn set ...
Call Trace:
 <TASK>
 dump_stack_lvl+0x1e7/0x2d0
 panic+0x30f/0x770
 </TASK>
",
    },
    // 4.19: the fuzzer's program (no prefix, with a blank line) three times
    // inside the trace and a fault-injection message; memcmp and strnstr
    // are skipped; a global's report has no allocation stacks.
    Case {
        file: 306,
        commit: "1550519e",
        title: "KASAN: global-out-of-bounds Read in __aa_lookupn_ns",
        alt: Some(&["bad-access in __aa_lookupn_ns"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: global-out-of-bounds in memcmp+0xe3/0x160
Read of size 1 at addr ffffffff88000008 by task repro/8786

CPU: 0 PID: 8786 Comm: repro Not tainted 4.19.0 #251
Call Trace:
 dump_stack+0x1c4/0x2b4
@22:45:44 executing program 5:
@mbind(&(0x7f0000000000/0x3000)=nil, 0x3000, 0x0, &(0x7f0000000000), 0x45, 0x2)
@
 ? printk+0xa7/0xcf
 print_address_description.cold.8+0x58/0x1ff
 kasan_report.cold.9+0x242/0x309
 ? memcmp+0xe3/0x160
 __asan_report_load1_noabort+0x14/0x20
 memcmp+0xe3/0x160
 strnstr+0x4b/0x70
 ? __switch_to_asm+0x34/0x70
@22:45:44 executing program 5:
@mbind(&(0x7f0000000000/0x3000)=nil, 0x3000, 0x0, &(0x7f0000000000), 0x45, 0x2)
@
 __aa_lookupn_ns+0xc1/0x570
 ? aa_find_ns+0x30/0x30
 aa_lookupn_ns+0x88/0x1e0
FAULT_INJECTION: forcing a failure.
name failslab, interval 1, probability 0, space 0, times 0
 aa_fqlookupn_profile+0x1b9/0x1010
 apparmor_setprocattr+0xaa4/0x1150
 entry_SYSCALL_64_after_hwframe+0x49/0xbe

The buggy address belongs to the variable:
 __start_rodata+0x8/0x1000

Memory state around the buggy address:
 ffffffff88000000: 00 fa fa fa fa fa fa fa 00 01 fa fa fa fa fa fa
==================================================================
Disabling lock debugging due to kernel taint
",
    },
    // arm64 MTE (5.11) with caller ids and `Read at addr` (no size): the
    // tag-fault path (el1_sync_handler and el1_sync too) and __memset are
    // skipped. The header read has no ALT or TYPE line.
    Case {
        file: 568,
        commit: "0cdd6185",
        title: "KASAN: invalid-access Read in io_submit_sqes",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T6700"),
        log: "
==================================================================
BUG: KASAN: invalid-access in __memset+0x16c/0x188
Read at addr 0bff00002a0f4600 by task repro/6700
Pointer tag: [0b], memory tag: [fe]

CPU: 0 PID: 6700 Comm: repro Not tainted 5.11.0-rc3 #36
Hardware name: linux,dummy-virt (DT)
Call trace:
 dump_backtrace+0x0/0x1a4
 show_stack+0x1c/0x70
 dump_stack+0xd0/0x12c
 print_address_description+0x70/0x29c
 kasan_report+0x104/0x200
 __do_kernel_fault+0x17c/0x1c0
 do_tag_check_fault+0x6c/0x80
 do_mem_abort+0x44/0xb4
 el1_abort+0x40/0x6c
 el1_sync_handler+0xb0/0xcc
 el1_sync+0x70/0x100
 __memset+0x16c/0x188
 io_submit_sqes+0x420/0x82c
 __arm64_sys_io_uring_enter+0x180/0x73c
 el0_svc_common.constprop.0+0x74/0x190
 el0_sync+0x190/0x1c0
 ret_from_fork+0x10/0x30

Allocated by task 6367:
 stack_trace_save+0x50/0x80
 kasan_save_stack+0x2c/0x60
 kmem_cache_alloc+0x1a8/0x304

Freed by task 6119:
 stack_trace_save+0x50/0x80
 kmem_cache_free+0xa0/0x460

The buggy address belongs to the object at ffff00002a0f4600

Memory state around the buggy address:
 ffff00002a0f4600: fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe
==================================================================
",
    },
    // The same path from a softirq (`C0` caller id): the header's
    // enqueue_timer names the title; a page, not a slab object. The header
    // read has no TYPE line.
    Case {
        file: 569,
        commit: "534b68f3",
        title: "KASAN: invalid-access Read in enqueue_timer",
        alt: Some(&["bad-access in enqueue_timer"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("C0"),
        log: "
==================================================================
BUG: KASAN: invalid-access in enqueue_timer+0x18/0xc0
Read at addr 07ff00002327cda0 by task repro/6700
Pointer tag: [0b], memory tag: [fe]

CPU: 0 PID: 6700 Comm: repro Not tainted 5.11.0-rc3 #36
Hardware name: linux,dummy-virt (DT)
Call trace:
 dump_backtrace+0x0/0x1a4
 show_stack+0x1c/0x70
 dump_stack+0xd0/0x12c
 print_address_description+0x70/0x29c
 kasan_report+0x104/0x200
 __do_kernel_fault+0x17c/0x1c0
 do_tag_check_fault+0x6c/0x80
 do_mem_abort+0x44/0xb4
 el1_abort+0x40/0x6c
 el1_sync_handler+0xb0/0xcc
 el1_sync+0x70/0x100
 enqueue_timer+0x18/0xc0
 mod_timer+0x18/0x24
 wg_packet_rx_poll+0x340/0x6b0
 net_rx_action+0x180/0x490
 _stext+0x12c/0x2b4
 do_softirq+0x98/0xa4
 process_one_work+0x1d8/0x360
 ret_from_fork+0x10/0x30

The buggy address belongs to the page:
page dumped because: kasan: bad access detected

Memory state around the buggy address:
 ffff00002a0f4600: fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe
==================================================================
",
    },
    // The same path in a workqueue: the header's function names the title.
    Case {
        file: 570,
        commit: "1550519e",
        title: "KASAN: invalid-access Read in bond_ipsec_del_sa",
        alt: Some(&["bad-access in bond_ipsec_del_sa"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T2885"),
        log: "
==================================================================
BUG: KASAN: invalid-access in bond_ipsec_del_sa+0x4/0x70
Read at addr 02ff000027080260 by task repro/6700
Pointer tag: [0b], memory tag: [fe]

CPU: 0 PID: 6700 Comm: repro Not tainted 5.11.0-rc3 #36
Hardware name: linux,dummy-virt (DT)
Call trace:
 dump_backtrace+0x0/0x1a4
 show_stack+0x1c/0x70
 dump_stack+0xd0/0x12c
 print_address_description+0x70/0x29c
 kasan_report+0x104/0x200
 __do_kernel_fault+0x17c/0x1c0
 do_tag_check_fault+0x6c/0x80
 do_mem_abort+0x44/0xb4
 el1_abort+0x40/0x6c
 el1_sync_handler+0xb0/0xcc
 el1_sync+0x70/0x100
 bond_ipsec_del_sa+0x4/0x70
 __bond_release_one+0x1e8/0x4e0
 bond_netdev_event+0x284/0x340
 cleanup_net+0x23c/0x3b4
 process_one_work+0x1d8/0x360
 ret_from_fork+0x10/0x30

Allocated by task 6367:
 stack_trace_save+0x50/0x80
 kasan_save_stack+0x2c/0x60
 kmem_cache_alloc+0x1a8/0x304

Freed by task 6119:
 stack_trace_save+0x50/0x80
 kmem_cache_free+0xa0/0x460

The buggy address belongs to the object at ffff00002a0f4600

Memory state around the buggy address:
 ffff00002a0f4600: fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe
==================================================================
",
    },
    // arm64 MTE in a timer softirq taken from el1_irq: the header's
    // __run_timers.part.0 loses its `.part.0`. The header read has no TYPE
    // line.
    Case {
        file: 571,
        commit: "534b68f3",
        title: "KASAN: invalid-access Read in __run_timers",
        alt: Some(&["bad-access in __run_timers"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("C0"),
        log: "
==================================================================
BUG: KASAN: invalid-access in __run_timers.part.0+0xc0/0x224
Read at addr 03ff00002b8b2da0 by task repro/5829
Pointer tag: [03], memory tag: [f5]

CPU: 0 PID: 5829 Comm: repro Not tainted 5.11.0-rc3 #36
Hardware name: linux,dummy-virt (DT)
Call trace:
 dump_backtrace+0x0/0x1a4
 show_stack+0x1c/0x70
 dump_stack+0xd0/0x12c
 print_address_description+0x70/0x29c
 kasan_report+0x104/0x200
 __do_kernel_fault+0x17c/0x1c0
 do_tag_check_fault+0x6c/0x80
 do_mem_abort+0x44/0xb4
 el1_abort+0x40/0x6c
 el1_sync_handler+0xb0/0xcc
 el1_sync+0x70/0x100
 __run_timers.part.0+0xc0/0x224
 run_timer_softirq+0x40/0x7c
 _stext+0x12c/0x2b4
 irq_exit+0xe0/0x100
 gic_handle_irq+0x54/0xdc
 el1_irq+0xb4/0x180
 _raw_spin_unlock_irqrestore+0x10/0x50
 netdev_run_todo+0x64/0x384
 el0_sync+0x190/0x1c0

Allocated by task 5829:
 stack_trace_save+0x50/0x80
 kasan_save_stack+0x2c/0x60
 __kmalloc+0x20c/0x37c

Freed by task 5074:
 stack_trace_save+0x50/0x80
 kfree+0x328/0x4a0

The buggy address belongs to the object at ffff00002b8b2000
page dumped because: kasan: bad access detected

Memory state around the buggy address:
 ffff00002b8b2d00: f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5
==================================================================
",
    },
    // arm64 MTE: the header's _raw_spin_lock_bh is skipped.
    Case {
        file: 572,
        commit: "a0492970",
        title: "KASAN: invalid-access Read in l2cap_sock_teardown_cb",
        alt: Some(&["bad-access in l2cap_sock_teardown_cb"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T9802"),
        log: "
==================================================================
BUG: KASAN: invalid-access in _raw_spin_lock_bh+0x2c/0x70
Read at addr 03ff00002b8b2da0 by task repro/5829
Pointer tag: [03], memory tag: [f5]

CPU: 0 PID: 5829 Comm: repro Not tainted 5.11.0-rc3 #36
Hardware name: linux,dummy-virt (DT)
Call trace:
 dump_backtrace+0x0/0x1a4
 show_stack+0x1c/0x70
 dump_stack+0xd0/0x12c
 print_address_description+0x70/0x29c
 kasan_report+0x104/0x200
 __do_kernel_fault+0x17c/0x1c0
 do_tag_check_fault+0x6c/0x80
 do_mem_abort+0x44/0xb4
 el1_abort+0x40/0x6c
 el1_sync_handler+0xb0/0xcc
 el1_sync+0x70/0x100
 _raw_spin_lock_bh+0x2c/0x70
 l2cap_sock_teardown_cb+0x34/0x160
 l2cap_chan_del+0x48/0x3d0
 process_one_work+0x1d8/0x360
 ret_from_fork+0x10/0x30
 el0_sync+0x190/0x1c0

Allocated by task 5829:
 stack_trace_save+0x50/0x80
 kasan_save_stack+0x2c/0x60
 __kmalloc+0x20c/0x37c

Freed by task 5074:
 stack_trace_save+0x50/0x80
 kfree+0x328/0x4a0

The buggy address belongs to the object at ffff00002b8b2000
page dumped because: kasan: bad access detected

Memory state around the buggy address:
 ffff00002b8b2d00: f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5
==================================================================
",
    },
    // arm64 MTE: the header's __list_add_valid is skipped.
    Case {
        file: 573,
        commit: "1550519e",
        title: "KASAN: invalid-access Read in firmware_fallback_sysfs",
        alt: Some(&["bad-access in firmware_fallback_sysfs"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T17139"),
        log: "
==================================================================
BUG: KASAN: invalid-access in __list_add_valid+0x14/0x90
Read at addr 03ff00002b8b2da0 by task repro/5829
Pointer tag: [03], memory tag: [f5]

CPU: 0 PID: 5829 Comm: repro Not tainted 5.11.0-rc3 #36
Hardware name: linux,dummy-virt (DT)
Call trace:
 dump_backtrace+0x0/0x1a4
 show_stack+0x1c/0x70
 dump_stack+0xd0/0x12c
 print_address_description+0x70/0x29c
 kasan_report+0x104/0x200
 __do_kernel_fault+0x17c/0x1c0
 do_tag_check_fault+0x6c/0x80
 do_mem_abort+0x44/0xb4
 el1_abort+0x40/0x6c
 el1_sync_handler+0xb0/0xcc
 el1_sync+0x70/0x100
 __list_add_valid+0x14/0x90
 firmware_fallback_sysfs+0x1a8/0x460
 _request_firmware+0x4cc/0x6d4
 request_firmware+0x4c/0x70
 el0_svc+0x14/0x20
 el0_sync+0x190/0x1c0

Allocated by task 5829:
 stack_trace_save+0x50/0x80
 kasan_save_stack+0x2c/0x60
 __kmalloc+0x20c/0x37c

Freed by task 5074:
 stack_trace_save+0x50/0x80
 kfree+0x328/0x4a0

The buggy address belongs to the object at ffff00002b8b2000
page dumped because: kasan: bad access detected

Memory state around the buggy address:
 ffff00002b8b2d00: f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5 f5
==================================================================
",
    },
    // 4.9 without caller ids, interleaved with another task's binder
    // messages and the fuzzer's bare lines: the access line comes after
    // them, lines are glued (`Workqueue: ...binder_deferred_func[ ts]
    // binder_alloc: ...`), and `Call Trace:` ends a line of stack words;
    // __list_del_entry is skipped.
    Case {
        file: 223,
        commit: "1550519e",
        title: "KASAN: use-after-free Read in binder_release_work",
        alt: Some(&["bad-access in binder_release_work"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in __list_del_entry+0x196/0x1d0
binder: release 3848:3849 transaction 21 out, still active
binder: undelivered TRANSACTION_COMPLETE
Read of size 8 at addr ffff8801ce6e8e10 by task kworker/1:2/2403
binder: BINDER_SET_CONTEXT_MGR already set

binder_alloc: 3848: binder_alloc_buf, no vma
@executing program
CPU: 1 PID: 2403 Comm: kworker/1:2 Not tainted 4.9.86 #50
binder: 3855:3856 ioctl 40046207 0 returned -16
Workqueue: events binder_deferred_func[   46.784177] binder_alloc: 3848: binder_alloc_buf, no vma
 ffff8801b3877a50[   46.825890] binder: BINDER_SET_CONTEXT_MGR already set
 ffff8801ce6e8e10 0000000000000008 0000000000000000Call Trace:
 [<ffffffff81d956f9>] dump_stack+0xc1/0x128
 [<ffffffff8153e083>] print_address_description+0x73/0x280
 [<ffffffff8153e5a5>] kasan_report+0x275/0x360
 [<ffffffff81dfd0b6>] ? __list_del_entry+0x196/0x1d0
 [<ffffffff8153e704>] __asan_report_load8_noabort+0x14/0x20
 [<ffffffff81dfd0b6>] __list_del_entry+0x196/0x1d0
 [<ffffffff82d64cbc>] binder_release_work+0x8c/0x260
 [<ffffffff82d652b8>] binder_thread_release+0x428/0x600
 [<ffffffff82d658cf>] binder_deferred_func+0x43f/0xd10
 [<ffffffff838b57ac>] ret_from_fork+0x5c/0x70

Allocated by task 3827:
 save_stack_trace+0x16/0x20
 kmem_cache_alloc_trace+0xfb/0x2a0
 binder_transaction+0x103c/0x7040

Freed by task 2403:
 save_stack_trace+0x16/0x20
 kfree+0x103/0x300
 binder_free_transaction+0x6a/0x90

The buggy address belongs to the object at ffff8801ce6e8e00
==================================================================
",
    },
    // 4.4: the same bug with another task's binder messages between every
    // two frames, bare blank lines, and allocation frames broken in two
    // by a message (` [   33.635331] binder: ...` then `[<...>] frame`).
    // The header read has no ALT or TYPE line.
    Case {
        file: 225,
        commit: "372799e4",
        title: "KASAN: use-after-free Read in binder_release_work",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in __list_del_entry+0x196/0x1d0
binder: 3798:3799 ERROR: BC_REGISTER_LOOPER called without request
Read of size 8 at addr ffff8801d4933c10 by task kworker/u4:1/19

binder: undelivered TRANSACTION_COMPLETE
@executing program
CPU: 0 PID: 19 Comm: kworker/u4:1 Not tainted 4.4.119 #27
Workqueue: binder binder_deferred_func[   32.484559] binder: BINDER_SET_CONTEXT_MGR already set
@
 ffff8801d94a7a90 ffffffff814fe103 ffff8801d4933c10
binder: 3817:3818 ioctl 40046207 0 returned -16
Call Trace:
 [<ffffffff81d0402d>] dump_stack+0xc1/0x124
binder_alloc: 3798: binder_alloc_buf, no vma
@executing program
 [<ffffffff814fe103>] print_address_description+0x73/0x260
binder: 3821:3822 ioctl 40046207 0 returned -16
 [<ffffffff814fe615>] kasan_report+0x285/0x370
binder: undelivered TRANSACTION_ERROR: 29189
 [<ffffffff81d64346>] ? __list_del_entry+0x196/0x1d0
 [<ffffffff814fe774>] __asan_report_load8_noabort+0x14/0x20
binder: 3825:3827 transaction failed 29189/-3, size 0-0 line 3128
 [<ffffffff81d64346>] __list_del_entry+0x196/0x1d0
binder: BINDER_SET_CONTEXT_MGR already set
 [<ffffffff82c7676e>] binder_release_work+0x6e/0x260
binder: 3829:3831 transaction failed 29189/-3, size 0-0 line 3128
 [<ffffffff82c76d85>] binder_thread_release+0x425/0x600
 [<ffffffff83773a85>] ret_from_fork+0x55/0x80

Allocated by task 3789:
binder_alloc: 3798: binder_alloc_buf, no vma
 [<ffffffff81035d96>] save_stack_trace+0x26/0x50
 [   33.635331] binder: BINDER_SET_CONTEXT_MGR already set
@
[<ffffffff814f93c0>] kmem_cache_alloc_trace+0x100/0x2b0
 [<ffffffff82c86b4c>] binder_transaction+0x103c/0x7290

Freed by task 3789:
 [<ffffffff81035d96>] save_stack_trace+0x26/0x50
 [<ffffffff814f9dc2>] kfree+0xc2/0x290

The buggy address belongs to the object at ffff8801d4933c00
==================================================================
",
    },
    // The access frame (crc_itu_t) is a generic skip; `?` frames are
    // ignored and the filesystem's sync names it.
    Case {
        file: 698,
        commit: "58a8bbc2",
        title: "KASAN: use-after-free Read in udf_sync_fs",
        alt: Some(&["bad-access in udf_sync_fs"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T4991"),
        log: "
==================================================================
BUG: KASAN: use-after-free in crc_itu_t+0x1d5/0x2a0
Read of size 1 at addr ffff888074300000 by task repro/4991

CPU: 0 PID: 4991 Comm: repro Not tainted 6.4.0-rc5 #0
Call Trace:
 <TASK>
 dump_stack_lvl+0x1e7/0x2d0
 ? panic+0x770/0x770
 print_report+0x163/0x540
 ? crc_itu_t+0x1d5/0x2a0
 kasan_report+0x176/0x1b0
 ? crc_itu_t+0x1d5/0x2a0
 crc_itu_t+0x1d5/0x2a0
 udf_sync_fs+0x1d2/0x380
 ? udf_put_super+0x160/0x160
 sync_filesystem+0xec/0x220
 generic_shutdown_super+0x6f/0x340
 cleanup_mnt+0x426/0x4c0
 task_work_run+0x24a/0x300
 do_syscall_64+0x4d/0xc0
 entry_SYSCALL_64_after_hwframe+0x63/0xcd
 </TASK>

The buggy address belongs to the physical page:
page dumped because: kasan: bad access detected

Memory state around the buggy address:
 ffff8880742fff00: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
>ffff888074300000: ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
                   ^
 ffff888074300080: ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff ff
==================================================================
",
    },
    // Another task's `Kernel panic` (its own caller id) interleaves the
    // report; the report's own text is read. The stack-depot frames of the
    // aux-stack recording and the workqueue insertion are skipped.
    Case {
        file: 694,
        commit: "13cae6e9",
        title: "KASAN: out-of-bounds Write in nsim_dev_trap_report_work",
        alt: Some(&["bad-access in nsim_dev_trap_report_work"]),
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T15335"),
        log: "
==================================================================
BUG: KASAN: out-of-bounds in stack_trace_consume_entry+0x141/0x160
Write of size 8 at addr ffffc90002f70010 by task kworker/0:1/15335
@[  771.755252][ T5218] Kernel panic - not syncing: corrupted stack end detected inside scheduler
@[  771.755295][ T5218] CPU: 1 PID: 5218 Comm: kworker/u16:3 Not tainted 6.3.0-rc6 #0
@[  771.755402][ T5218] Call Trace:
@[  771.755442][ T5218]  <TASK>
@[  771.755450][ T5218]  dump_stack_lvl+0xd9/0x150
@[  771.755538][ T5218]  panic+0x688/0x730
@[  771.755715][ T5218]  __schedule+0x5301/0x5770
@[  771.755895][ T5218]  schedule+0xde/0x1a0
@[  771.755914][ T5218]  worker_thread+0x160/0x1090
@[  771.755962][ T5218]  kthread+0x2e8/0x3a0
@[  771.756002][ T5218]  ret_from_fork+0x1f/0x30
@[  771.756032][ T5218]  </TASK>

CPU: 0 PID: 15335 Comm: kworker/0:1 Not tainted 6.3.0-rc6 #0
Workqueue: events nsim_dev_trap_report_work
Call Trace:
 <TASK>
 dump_stack_lvl+0xd9/0x150
 print_address_description.constprop.0+0x2c/0x3c0
 ? stack_trace_consume_entry+0x141/0x160
 kasan_report+0x11c/0x130
 ? stack_trace_consume_entry+0x141/0x160
 stack_trace_consume_entry+0x141/0x160
 ? write_profile+0x450/0x450
 arch_stack_walk+0x71/0xf0
 stack_trace_save+0x90/0xc0
 ? filter_irq_stacks+0x90/0x90
 kasan_save_stack+0x22/0x40
 ? kasan_save_stack+0x22/0x40
 __kasan_record_aux_stack+0x7b/0x90
 insert_work+0x48/0x350
 __queue_work+0x625/0x1120
 __queue_delayed_work+0x1c8/0x270
 queue_delayed_work_on+0x109/0x120
 nsim_dev_trap_report_work+0x9d1/0xc80
 ? lock_downgrade+0x690/0x690
 process_one_work+0x991/0x15c0
 worker_thread+0x669/0x1090
 kthread+0x2e8/0x3a0
 ret_from_fork+0x1f/0x30
 </TASK>

The buggy address belongs to stack of task kworker/0:1/15335
 and is located at offset 176 in frame:
 stack_trace_save+0x0/0xc0

This frame has 1 object:
 [32, 56) 'c'

Memory state around the buggy address:
>ffffc90002f70000: 00 00 04 00 72 00 00 00 00 00 00 00 00 00 00 00
                         ^
==================================================================
@[  772.115239][T15335] Disabling lock debugging due to kernel taint
@[  772.123988][ T5218] Kernel Offset: disabled
",
    },
    // The access is in memcpy, reached through check_memory_region: both
    // skipped; a `...` line inside the trace. No ALT or TYPE line.
    Case {
        file: 105,
        commit: "4b7f6d09",
        title: "KASAN: slab-out-of-bounds Read in ip6_fragment",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in ip6_fragment+0x11c8/0x3730
Read of size 840 at addr ffff880009690798 by task repro/3789

CPU: 1 PID: 3789 Comm: repro Not tainted 4.11.0+ #41
Call Trace:
 dump_stack+0xb3/0x10b
 print_address_description+0x73/0x290
 kasan_report+0x252/0x370
 check_memory_region+0x13c/0x1a0
 memcpy+0x23/0x50
 ip6_fragment+0x11c8/0x3730
...
 SyS_sendto+0x40/0x50
 entry_SYSCALL_64_fastpath+0x1f/0xbe
RIP: 0033:0x7fbbb711e383

Allocated by task 3789:
 save_stack_trace+0x16/0x20
 kasan_kmalloc+0xad/0xe0
 __alloc_skb+0xf8/0x580
 rawv6_sendmsg+0x11ee/0x2db0

Freed by task 1794:
 save_stack_trace+0x16/0x20
 kfree+0xe8/0x2b0
 skb_free_head+0x74/0xb0

The buggy address belongs to the object at ffff880009690780
 which belongs to the cache kmalloc-512 of size 512
page dumped because: kasan: bad access detected

Memory state around the buggy address:
 ffff880009690880: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00
>ffff880009690980: fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc
                   ^
 ffff880009690a00: fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb
==================================================================
",
    },
    // A 4.9 report in the old `at addr` form with `[<pc>]` frames: the
    // lockdep and write-lock frames under the access are skipped.
    Case {
        file: 110,
        commit: "645ce5da",
        title: "KASAN: slab-out-of-bounds Read in sg_remove_request",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in __lock_acquire+0x2eff/0x3640 at addr ffff8801a7510000
Read of size 8 by task repro/18786
CPU: 1 PID: 18786 Comm: repro Not tainted 4.9.60 #83
 ffff8801cd20f810 ffffffff81d91389 ffff8801d74358c0 ffff8801a751e680
Call Trace:
 [<ffffffff81d91389>] dump_stack+0xc1/0x128
 [<ffffffff8153c1bc>] kasan_object_err+0x1c/0x70
 [<ffffffff8153c47c>] kasan_report.part.1+0x21c/0x500
 [<ffffffff8153c819>] __asan_report_load8_noabort+0x29/0x30
 [<ffffffff8123e9cf>] __lock_acquire+0x2eff/0x3640
 [<ffffffff8123fb4e>] lock_acquire+0x12e/0x410
 [<ffffffff838aa25e>] _raw_write_lock_irqsave+0x4e/0x62
 [<ffffffff8265f840>] sg_remove_request+0x70/0x120
 [<ffffffff8265fe55>] sg_finish_rem_req+0x295/0x340
 [<ffffffff82661b8c>] sg_read+0x91c/0x1400
 [<ffffffff815719c9>] SyS_read+0xd9/0x1b0
 [<ffffffff838aa305>] entry_SYSCALL_64_fastpath+0x23/0xc6
Object at ffff8801a7510000, in cache fasync_cache size: 96
Allocated:
PID = 18786
 save_stack_trace+0x16/0x20
 kmem_cache_alloc+0xba/0x290
 fasync_helper+0x37/0xb0
Freed:
PID = 16494
 save_stack_trace+0x16/0x20
 kmem_cache_free+0xb2/0x2e0
 fasync_free_rcu+0x1d/0x20
Memory state around the buggy address:
 ffff8801a750ff80: fb fb fb fb fb fb fb fb fb fb fb fb fc fc fc fc
>ffff8801a7510000: 00 00 00 00 00 00 00 00 00 00 00 00 fc fc fc fc
                                                                 ^
 ffff8801a7510080: 00 00 00 00 00 00 00 00 00 00 00 00 fc fc fc fc
==================================================================
",
    },
    // Old `at addr` form cut before any trace: the header's frame names
    // it, corrupted. No ALT or TYPE line.
    Case {
        file: 106,
        commit: "4b7f6d09",
        title: "KASAN: use-after-free Read in consume_skb",
        alt: None,
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in consume_skb+0x39f/0x530 at addr ffff8801cbed0074
Read of size 4 by task repro/4676
Object at ffff8801cbed0000, in cache skbuff_head_cache size: 248
Allocated:
PID = 4655
Freed:
PID = 4655
Memory state around the buggy address:
",
    },
    // The 4.9 form with the access frame itself first past KASAN's own;
    // `(stack is not available)` for the object's stacks.
    Case {
        file: 111,
        commit: "4b7f6d09",
        title: "KASAN: slab-out-of-bounds Read in sg_remove_request",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in sg_remove_request+0x103/0x120 at addr ffff8801a85d00c0
Read of size 8 by task repro/6860
CPU: 0 PID: 6860 Comm: repro Not tainted 4.9.58 #71
 ffff8801a2bf7a80 ffffffff81d91149 ffff8801d77fd3c0 ffff8801a85de880
Call Trace:
 [<ffffffff81d91149>] dump_stack+0xc1/0x128
 [<ffffffff8153c01c>] kasan_object_err+0x1c/0x70
 [<ffffffff8153c2dc>] kasan_report.part.1+0x21c/0x500
 [<ffffffff8153c679>] __asan_report_load8_noabort+0x29/0x30
 [<ffffffff8265fad3>] sg_remove_request+0x103/0x120
 [<ffffffff82660055>] sg_finish_rem_req+0x295/0x340
 [<ffffffff82661d8c>] sg_read+0x91c/0x1400
 [<ffffffff81571829>] SyS_read+0xd9/0x1b0
 [<ffffffff838aa0c5>] entry_SYSCALL_64_fastpath+0x23/0xc6
Object at ffff8801a85d0080, in cache fasync_cache size: 96
Allocated:
PID = 0
(stack is not available)
Freed:
PID = 0
(stack is not available)
Memory state around the buggy address:
 ffff8801a85cff80: 00 00 00 00 00 00 00 00 00 00 00 00 fc fc fc fc
>ffff8801a85d0080: fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc
                                           ^
 ffff8801a85d0100: fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc fc
==================================================================
",
    },
    // A `...` line inside the trace; no object stacks. No ALT or TYPE line.
    Case {
        file: 109,
        commit: "1556ebc4",
        title: "KASAN: stack-out-of-bounds Read in xfrm_state_find",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: stack-out-of-bounds in xfrm_state_find+0x30fc/0x3230
Read of size 4 at addr ffff8801ca7c0060 by task repro/12380

CPU: 0 PID: 12380 Comm: repro Not tainted 4.14.0+ #100
Call Trace:
 dump_stack+0x194/0x257
 print_address_description+0x73/0x250
 kasan_report+0x25b/0x340
 __asan_report_load4_noabort+0x14/0x20
 xfrm_state_find+0x30fc/0x3230
...
 entry_SYSENTER_compat+0x51/0x60
RIP: 0023:0xf7f8ec79

The buggy address belongs to the page:
page dumped because: kasan: bad access detected

Memory state around the buggy address:
 ffff8801ca7bff80: f2 00 f2 f2 f2 f2 f2 f2 f2 00 00 00 f2 f2 f2 f2
>ffff8801ca7c0000: f2 f2 f2 f2 f2 00 00 00 00 00 00 00 f2 f2 f2 f2
                                                       ^
 ffff8801ca7c0080: f2 00 00 00 00 00 00 00 00 00 f2 f2 f2 f3 f3 f3
==================================================================
",
    },
    // Old `at addr` header cut right after it: only syzkaller's catch-all
    // `BUG: KASAN: (.*)` format matches, so the title is the header's rest
    // with the offset dropped and the address replaced; corrupted.
    Case {
        file: 104,
        commit: "1550519e",
        title: "KASAN: slab-out-of-bounds in gup_huge_pmd at addr ADDR",
        alt: None,
        crash_type: Some("KASAN-READ"),
        corrupted: true,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in gup_huge_pmd+0x739/0x770 at addr ffff8800b46111c0
",
    },
    // The header glued after `** N printk messages dropped **`, the access
    // line lost to the next drop: the catch-all format again, corrupted.
    Case {
        file: 107,
        commit: "1550519e",
        title: "KASAN: slab-out-of-bounds in do_raw_write_lock at addr ADDR",
        alt: None,
        crash_type: Some("KASAN-READ"),
        corrupted: true,
        prefix: Prefix::Console,
        log: "
FAULT_FLAG_ALLOW_RETRY missing 30
FAULT_FLAG_ALLOW_RETRY missing 30
CPU: 0 PID: 23312 Comm: syz-executor7 Not tainted 4.9.60-gdfe0a9b #81
Hardware name: Google Google Compute Engine/Google Compute Engine, BIOS Google 01/01/2011
 ffff8801d58ff750 ffffffff81d91389 ffff8801d58ffa30 0000000000000000
 ffff8801c456c710 ffff8801d58ff920 ffff8801c456c600 ffff8801d58ff948
 ffffffff8165fc37 0000000000006476 ffff8801ca16b8f0 ffff8801ca16b8a0
Call Trace:
 [<ffffffff81d91389>] dump_stack+0xc1/0x128
@** 93 printk messages dropped ** [  322.962139] BUG: KASAN: slab-out-of-bounds in do_raw_write_lock+0x1a3/0x1d0 at addr ffff8801c464b568
@** 1987 printk messages dropped ** [  322.975979]  ffff8801c464b400: fb fb fb fb fb fb fb fb fb fb fb fb fc fc fc fc
",
    },
    // test_kasan module frames: the header's memcpy, kmalloc_oob_right and
    // kmalloc_tests_init (each containing kmalloc) and the asan report entry
    // are skipped; another CPU's `[C3]` line inside the trace is left out.
    Case {
        file: 340,
        commit: "1550519e",
        title: "KASAN: slab-out-of-bounds Write in do_one_initcall",
        alt: Some(&["bad-access in do_one_initcall"]),
        crash_type: Some("KASAN-WRITE"),
        corrupted: false,
        prefix: Prefix::Bare,
        log: "
@[   35.046212][ T5851] ==================================================================
@[   35.047479][ T5851] BUG: KASAN: slab-out-of-bounds in memcpy+0xac/0xc3 [test_kasan]
@[   35.048773][ T5851] Write of size 1 at addr ffff88806acbf2bb by task insmod/5851
@[   35.049896][ T5851] 
@[   35.050252][ T5851] CPU: 0 PID: 5851 Comm: insmod Not tainted 4.20.0-next-20190102 #4
@[   35.051419][ T5851] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.10.2-1 04/01/2014
@[   35.052773][ T5851] Call Trace:
@[   35.053287][ T5851]  dump_stack+0x1db/0x2d0
@[   35.053968][ T5851]  ? dump_stack_print_info.cold+0x20/0x20
@[   35.054853][ T5851]  ? kmalloc_oob_right+0xac/0xc3 [test_kasan]
@[   35.054853][    C3]  kfree+0x16/0x3cd
@[   35.055746][ T5851]  print_address_description.cold+0x7c/0x20d
@[   35.056627][ T5851]  ? kmalloc_oob_right+0xac/0xc3 [test_kasan]
@[   35.057512][ T5851]  ? kmalloc_oob_right+0xac/0xc3 [test_kasan]
@[   35.058410][ T5851]  kasan_report.cold+0x1b/0x40
@[   35.059116][ T5851]  ? kmalloc_oob_right+0xac/0xc3 [test_kasan]
@[   35.060033][ T5851]  __asan_report_store1_noabort+0x17/0x20
@[   35.060901][ T5851]  kmalloc_oob_right+0xac/0xc3 [test_kasan]
@[   35.061789][ T5851]  ? kasan_strings+0x153/0x153 [test_kasan]
@[   35.062674][ T5851]  kmalloc_tests_init+0x16/0x3cd [test_kasan]
@[   35.063560][ T5851]  do_one_initcall+0x129/0x937
@[   35.064258][ T5851]  ? do_init_module+0x98/0x770
@[   35.072650][ T5851]  do_init_module+0x25c/0x770
@[   35.073329][ T5851]  ? __x64_sys_delete_module+0x6f0/0x6f0
@[   35.074162][ T5851]  load_module+0x62e3/0x8340
@[   35.074863][ T5851]  ? module_frob_arch_sections+0x20/0x20
@[   35.086303][ T5851]  __do_sys_init_module+0x2db/0x390
@[   35.087046][ T5851]  ? __do_sys_init_module+0x2db/0x390
@[   35.090971][ T5851]  __x64_sys_init_module+0x6e/0xb0
@[   35.091714][ T5851]  do_syscall_64+0x1a3/0x800
@[   35.092371][ T5851]  ? syscall_return_slowpath+0x5f0/0x5f0
@[   35.094809][ T5851]  entry_SYSCALL_64_after_hwframe+0x49/0xbe
@[   35.095644][ T5851] RIP: 0033:0x7f805ddcc9da
@[   35.098007][ T5851] RSP: 002b:00007ffce0017658 EFLAGS: 00000202 ORIG_RAX: 00000000000000af
@[   35.105894][ T5851] 
@[   35.106231][ T5851] Allocated by task 5851:
@[   35.106880][ T5851]  save_stack+0x45/0xd0
@[   35.107469][ T5851]  kasan_kmalloc+0xcf/0xe0
@[   35.108095][ T5851]  kmem_cache_alloc_trace+0x151/0x760
@[   35.108851][ T5851]  kmalloc_oob_right+0x5a/0xc3 [test_kasan]
@[   35.109688][ T5851]  kmalloc_tests_init+0x16/0x3cd [test_kasan]
@[   35.110544][ T5851]  do_one_initcall+0x129/0x937
@[   35.111217][ T5851]  do_init_module+0x25c/0x770
@[   35.111876][ T5851]  load_module+0x62e3/0x8340
@[   35.112526][ T5851]  __do_sys_init_module+0x2db/0x390
@[   35.113262][ T5851]  __x64_sys_init_module+0x6e/0xb0
@[   35.113992][ T5851]  do_syscall_64+0x1a3/0x800
@[   35.114645][ T5851]  entry_SYSCALL_64_after_hwframe+0x49/0xbe
@[   35.115485][ T5851] 
@[   35.115816][ T5851] Freed by task 5584:
@[   35.116379][ T5851]  save_stack+0x45/0xd0
@[   35.116966][ T5851]  __kasan_slab_free+0x102/0x150
@[   35.117668][ T5851]  kasan_slab_free+0xe/0x10
@[   35.118302][ T5851]  kfree+0xcf/0x230
@[   35.118843][ T5851]  load_elf_binary+0x5e9/0x53c0
@[   35.119524][ T5851]  search_binary_handler+0x17f/0x570
@[   35.120269][ T5851]  __do_execve_file.isra.0+0x14f3/0x2700
@[   35.121059][ T5851]  __x64_sys_execve+0x8f/0xc0
@[   35.121728][ T5851]  do_syscall_64+0x1a3/0x800
@[   35.122380][ T5851]  entry_SYSCALL_64_after_hwframe+0x49/0xbe
@[   35.123200][ T5851] 
@[   35.123535][ T5851] The buggy address belongs to the object at ffff88806acbf240
@[   35.123535][ T5851]  which belongs to the cache kmalloc-128 of size 128
@[   35.125515][ T5851] The buggy address is located 123 bytes inside of
@[   35.125515][ T5851]  128-byte region [ffff88806acbf240, ffff88806acbf2c0)
@[   35.127390][ T5851] The buggy address belongs to the page:
@[   35.128179][ T5851] page:ffffea0001ab2fc0 count:1 mapcount:0 mapping:ffff88806c000640 index:0xffff88806acbf0c0
@[   35.129588][ T5851] flags: 0x1fffc0000000200(slab)
@[   35.132685][ T5851] page dumped because: kasan: bad access detected
@[   35.133576][ T5851] 
@[   35.133914][ T5851] Memory state around the buggy address:
@[   35.134718][ T5851]  ffff88806acbf180: fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb
@[   35.135851][ T5851]  ffff88806acbf200: fc fc fc fc fc fc fc fc 00 00 00 00 00 00 00 00
@[   35.136977][ T5851] >ffff88806acbf280: 00 00 00 00 00 00 00 03 fc fc fc fc fc fc fc fc
@[   35.138145][ T5851]                                         ^
@[   35.138974][ T5851]  ffff88806acbf300: fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb
@[   35.141210][ T5851] ==================================================================
",
    },
    // 5.0 with many `?` frames: the header's do_raw_spin_trylock, the
    // KASAN checks (check_memory_region, kasan_check_read) and
    // _raw_spin_trylock are skipped; other subsystems' lines (`protocol
    // 88fb is buggy`) sit inside the trace. The header read has only a
    // TITLE line.
    Case {
        file: 357,
        commit: "5cf49c1c",
        title: "KASAN: use-after-free Read in icmp_send",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in do_raw_spin_trylock+0x82/0x270
Read of size 4 at addr ffff88808f6d6f7c by task repro/12575

CPU: 0 PID: 12575 Comm: repro Not tainted 5.0.0-rc2+ #14
Call Trace:
 dump_stack+0x1db/0x2d0
 ? ipv4_neigh_lookup+0x9a0/0x9a0
 ? do_raw_spin_trylock+0x82/0x270
 print_address_description.cold+0x7c/0x20d
 ? do_raw_spin_trylock+0x82/0x270
 kasan_report.cold+0x1b/0x40
 check_memory_region+0x123/0x190
 kasan_check_read+0x11/0x20
 do_raw_spin_trylock+0x82/0x270
protocol 88fb is buggy, dev hsr_slave_0
 ? do_raw_spin_lock+0x360/0x360
protocol 88fb is buggy, dev hsr_slave_1
 ? _raw_spin_unlock+0x2d/0x50
 _raw_spin_trylock+0x1c/0x80
 icmp_send+0x582/0x1bc0
 ? icmp_route_lookup.constprop.0+0x18e0/0x18e0
 ip_options_compile+0xdbe/0x1dd0
 ip_rcv_finish_core.isra.0+0x7f6/0x1ee0
 ip_rcv+0xed/0x620
 tun_get_user+0x2ec2/0x4150
dccp_close: ABORT with 1 bytes unread
 tun_chr_write_iter+0xbd/0x160
 entry_SYSCALL_64_after_hwframe+0x49/0xbe

Allocated by task 12578:
 save_stack+0x45/0xd0
 kmem_cache_alloc+0x12d/0x710
 getname_flags+0xd6/0x5b0

Freed by task 12578:
 save_stack+0x45/0xd0
 kmem_cache_free+0x86/0x260
 putname+0xef/0x130

The buggy address belongs to the object at ffff88808f6d6a80
 which belongs to the cache names_cache of size 4096
==================================================================
",
    },
    // 5.15 with caller ids and `<TASK>` markers: the header's crc16 is
    // skipped; a page-owner allocation and free stack follow, then the
    // panic_on_warn panic.
    Case {
        file: 627,
        commit: "1550519e",
        title: "KASAN: slab-out-of-bounds Read in ext4_group_desc_csum",
        alt: Some(&["bad-access in ext4_group_desc_csum"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T32756"),
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in crc16+0xcb/0xe0
Read of size 1 at addr ffff88803a42e048 by task repro/32756

CPU: 0 PID: 32756 Comm: repro Not tainted 5.15.0 #0
Call Trace:
 <TASK>
 dump_stack_lvl+0xcd/0x134
 print_address_description.constprop.0.cold+0x8d/0x320
 ? crc16+0xcb/0xe0
 kasan_report.cold+0x83/0xdf
 ? crc16+0xcb/0xe0
 crc16+0xcb/0xe0
 ext4_group_desc_csum+0x646/0x9c0
 ? ext4_lazyinit_thread+0x1730/0x1730
 ext4_group_desc_csum_set+0xc7/0x2a0
 __ext4_new_inode+0x14e8/0x5ba0
 ext4_create+0x2d6/0x4d0
 entry_SYSCALL_64_after_hwframe+0x44/0xae
 </TASK>

Allocated by task 31139:
 kasan_save_stack+0x1e/0x50
 __kasan_slab_alloc+0x90/0xc0
 kmem_cache_alloc+0x202/0x3a0
 __inet_hash_connect+0x8b7/0x1190

The buggy address belongs to the object at ffff88803a42e000
 which belongs to the cache dccp_bind_bucket of size 72
page_owner tracks the page as allocated
 get_page_from_freelist+0xa72/0x2f50
 __alloc_pages+0x1b2/0x500
page last free stack trace:
 free_pcp_prepare+0x374/0x870
 free_unref_page_list+0x1a9/0xfa0

Memory state around the buggy address:
 ffff88803a42e000: 00 00 00 00 00 00 00 00 00 fc fc fc fc fc fc fc
==================================================================
Disabling lock debugging due to kernel taint
Kernel panic - not syncing: panic_on_warn set ...
",
    },
    // 5.16 in softirq (caller id C1, `<IRQ>` then `<TASK>`): the header's
    // _atomic_dec_and_lock_irqsave and kasan_check_range are skipped; work
    // creation stacks follow the free stack.
    Case {
        file: 638,
        commit: "61cf2326",
        title: "KASAN: use-after-free Write in put_ucounts",
        alt: Some(&["bad-access in put_ucounts"]),
        // The header says `KASAN` (an older naming).
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("C1"),
        log: "
==================================================================
BUG: KASAN: use-after-free in _atomic_dec_and_lock_irqsave+0x27/0x150
Write of size 4 at addr ffff88801a88331c by task repro/14951

CPU: 1 PID: 14951 Comm: repro Not tainted 5.16.0 #0
Call Trace:
 <IRQ>
 dump_stack_lvl+0xcd/0x134
 print_address_description.constprop.0.cold+0xa5/0x3e0
 kasan_report.cold+0x83/0xdf
 kasan_check_range+0x13d/0x180
 _atomic_dec_and_lock_irqsave+0x27/0x150
 put_ucounts+0x73/0x1c0
 put_cred_rcu+0x27a/0x520
 rcu_core+0x7b8/0x1540
 __do_softirq+0x29b/0x9c2
 </IRQ>
 <TASK>
 __local_bh_enable_ip+0x102/0x120
 ip_finish_output2+0x7d0/0x2170
 entry_SYSCALL_64_after_hwframe+0x44/0xae
 </TASK>

Allocated by task 14958:
 kasan_save_stack+0x1e/0x40
 __kasan_kmalloc+0xa9/0xd0
 alloc_ucounts+0x1c3/0x590

Freed by task 10609:
 kasan_save_stack+0x1e/0x40
 kfree+0xce/0x380
 put_ucounts+0x153/0x1c0

Last potentially related work creation:
 kasan_save_stack+0x1e/0x40
 __kasan_record_aux_stack+0xbe/0xd0
 call_rcu+0x99/0x730

Second to last potentially related work creation:
 kasan_save_stack+0x1e/0x40
 insert_work+0x48/0x370

The buggy address belongs to the object at ffff88801a883300
 which belongs to the cache kmalloc-192 of size 192
==================================================================
",
    },
    // 4.4 console of dropped printk messages (the file's own lines,
    // shortened): the `at addr` header glued after `** N printk messages
    // dropped **`, its access line lost, so only the catch-all format
    // matches; corrupted.
    Case {
        file: 164,
        commit: "61cf2326",
        title: "KASAN: slab-out-of-bounds in native_queued_spin_lock_slowpath at addr ADDR",
        alt: None,
        // The header says `KASAN` (an older naming).
        crash_type: None,
        corrupted: true,
        prefix: Prefix::Bare,
        log: "
@[   46.284905] ==================================================================
@** 2977 printk messages dropped ** [   46.292061]  [<ffffffff814f873b>] ? rw_verify_area+0xbb/0x2c0
@** 3764 printk messages dropped ** [   46.300984] BUG: KASAN: slab-out-of-bounds in native_queued_spin_lock_slowpath+0x5ad/0x660 at addr ffff8800b7eb57d4
@** 5762 printk messages dropped ** [   46.314596]  [<ffffffff814fb2c0>] ? do_sendfile+0xf40/0xf40
@** 3692 printk messages dropped ** [   46.323313] \t___slab_alloc.constprop.78+0x4c6/0x530
@** 3400 printk messages dropped ** [   46.331342] CPU: 0 PID: 6756 Comm: syz-executor1 Tainted: G    B           4.4.105-ge303a83 #5
@** 4922 printk messages dropped ** [   46.342991] INFO: Allocated in fasync_helper+0x29/0x90 age=6 cpu=0 pid=6756
@** 4288 printk messages dropped ** [   46.353225] \trun_ksoftirqd+0x20/0x60
@** 2843 printk messages dropped ** [   46.359933] INFO: Freed in fasync_free_rcu+0x14/0x20 age=7 cpu=0 pid=3
@** 4111 printk messages dropped ** [   46.369656] BUG: KASAN: slab-out-of-bounds in native_queued_spin_lock_slowpath+0x5ad/0x660 at addr ffff8800b7eb57d4
@** 5713 printk messages dropped ** [   46.383149] \t__slab_free+0x18c/0x2b0
@** 4399 printk messages dropped ** [   46.541703]  [<ffffffff814db589>] __asan_report_load4_noabort+0x29/0x30
@** 2872 printk messages dropped ** [   46.594689]  [<ffffffff814db1f7>] kasan_report.part.2+0x227/0x530
@** 5151 printk messages dropped ** [   46.665447] BUG fasync_cache (Tainted: G    B          ): kasan: bad access detected
",
    },
    // 4.3, old format (access line below the `at addr` header, raw stack
    // words, `Allocated:`/`Freed:` with `PID = N`): the header's
    // __lock_acquire, the KASAN report path, lock_acquire and
    // _raw_spin_lock_irqsave are skipped. The header read has only a TITLE
    // line.
    Case {
        file: 165,
        commit: "645ce5da",
        title: "KASAN: use-after-free Read in shmem_disband_hugehead",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in __lock_acquire+0x462f/0x49f0 at addr ffff8800b5a9f8c0
Read of size 8 by task repro/20709
CPU: 0 PID: 20709 Comm: repro Not tainted 4.3.5+ #11
 0000000000000000 ffff8800b9e4b778 ffffffff81d985d2 ffff8801d8df6d00
Call Trace:
 [<ffffffff81d985d2>] dump_stack+0xf6/0x184
 [<ffffffff817c20a1>] kasan_object_err+0x21/0x70
 [<ffffffff817c2317>] kasan_report_error+0x1b7/0x490
 [<ffffffff817c2723>] __asan_report_load8_noabort+0x43/0x50
 [<ffffffff8143418f>] ? __lock_acquire+0x462f/0x49f0
 [<ffffffff8143418f>] __lock_acquire+0x462f/0x49f0
 [<ffffffff8138b0b5>] ? finish_task_switch+0x485/0x620
 [<ffffffff81435e1d>] lock_acquire+0x13d/0x300
 [<ffffffff816e7d3d>] ? shmem_disband_hugehead+0x1ed/0x610
 [<ffffffff81011456>] _raw_spin_lock_irqsave+0x56/0x70
 [<ffffffff816e7d3d>] shmem_disband_hugehead+0x1ed/0x610
 [<ffffffff816f13c4>] shmem_disband_hugeteam+0x1b4/0x360
 [<ffffffff817b2c50>] SyS_mbind+0x140/0x150
 [<ffffffff82dff840>] sysenter_dispatch+0xf/0x32
Object at ffff8800b5a9f590, in cache shmem_inode_cache size: 1168
Allocated:
PID = 20706
 [<ffffffff8124895b>] save_stack_trace+0x2b/0x50
 [<ffffffff817ba0eb>] kmem_cache_alloc+0x14b/0x7a0
 [<ffffffff816e5470>] shmem_alloc_inode+0x20/0x50
Freed:
PID = 20702
 [<ffffffff8124895b>] save_stack_trace+0x2b/0x50
 [<ffffffff817bebf8>] kmem_cache_free+0xe8/0x2d0
 [<ffffffff816e543f>] shmem_destroy_callback+0x4f/0x60
Memory state around the buggy address:
 ffff8800b5a9f880: fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb
                                           ^
==================================================================
",
    },
    // 4.14 with many `?` frames: the header's do_raw_spin_lock and
    // _raw_spin_lock are skipped.
    Case {
        file: 177,
        commit: "1550519e",
        title: "KASAN: use-after-free Read in selinux_inode_free_security",
        alt: Some(&["bad-access in selinux_inode_free_security"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in do_raw_spin_lock+0x1aa/0x1e0
Read of size 4 at addr ffff8801c5b1ddec by task repro/3887

CPU: 1 PID: 3887 Comm: repro Not tainted 4.14.0-rc5+ #136
Call Trace:
 dump_stack+0x194/0x257
 ? arch_local_irq_restore+0x53/0x53
 ? do_raw_spin_lock+0x1aa/0x1e0
 print_address_description+0x73/0x250
 kasan_report+0x25b/0x340
 __asan_report_load4_noabort+0x14/0x20
 do_raw_spin_lock+0x1aa/0x1e0
 _raw_spin_lock+0x32/0x40
 ? selinux_inode_free_security+0x12a/0x410
 selinux_inode_free_security+0x12a/0x410
 ? check_noncircular+0x20/0x20
 security_inode_free+0x50/0x90
 __destroy_inode+0x287/0x650
 iput+0x7b9/0xaf0
 entry_SYSCALL_64_fastpath+0xbc/0xbe

Allocated by task 3873:
 save_stack_trace+0x16/0x20
 kmem_cache_alloc_trace+0x136/0x750
 selinux_sb_alloc_security+0x93/0x2e0

Freed by task 3873:
 save_stack_trace+0x16/0x20
 kfree+0xca/0x250
 selinux_sb_free_security+0x42/0x50

The buggy address belongs to the object at ffff8801c5b1dd40
 which belongs to the cache kmalloc-256 of size 256
==================================================================
",
    },
    // 6.13 in softirq with caller ids (`[C0]`, `<IRQ>` then `<TASK>`): the
    // header's lock_timer_base and the timer-deletion helpers
    // (__try_to_del_timer_sync, __timer_delete_sync, sk_stop_timer_sync)
    // are skipped; the fuzzer's `SYZFAIL` lines (no prefix) sit inside the
    // trace; a panic follows. The header's CONTEXTS line is not compared.
    Case {
        file: 737,
        commit: "08c5f9dc",
        title: "KASAN: slab-use-after-free Read in mptcp_pm_del_add_timer",
        alt: Some(&["bad-access in mptcp_pm_del_add_timer"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Caller("C0"),
        log: "
==================================================================
BUG: KASAN: slab-use-after-free in lock_timer_base+0x1d9/0x220
Read of size 4 at addr ffff88804c251150 by task kworker/0:4/5994

CPU: 0 UID: 0 PID: 5994 Comm: kworker/0:4 Not tainted 6.13.0-rc5 #0
Workqueue: events mptcp_worker
Call Trace:
 <IRQ>
 dump_stack_lvl+0x116/0x1f0
 print_report+0xc3/0x620
 ? __virt_addr_valid+0x5e/0x590
 kasan_report+0xd9/0x110
 ? lock_timer_base+0x1d9/0x220
 lock_timer_base+0x1d9/0x220
 __try_to_del_timer_sync+0x8d/0x170
 ? __pfx___try_to_del_timer_sync+0x10/0x10
 __timer_delete_sync+0xf4/0x1b0
 sk_stop_timer_sync+0x1b/0x80
 mptcp_pm_del_add_timer+0x1ae/0x320
 mptcp_incoming_options+0x1f4d/0x26a0
 tcp_data_queue+0x187e/0x4d80
@SYZFAIL: failed to recv rpc
@fd=3 want=4 recv=0 n=0 (errno 9: Bad file descriptor)
 tcp_rcv_established+0x7df/0x20d0
 handle_softirqs+0x213/0x8f0
 do_softirq+0xb2/0xf0
 </IRQ>
 <TASK>
 __local_bh_enable_ip+0x100/0x120
 mptcp_worker+0x15a/0x1240
 ret_from_fork_asm+0x1a/0x30
 </TASK>

Allocated by task 14842:
 kasan_save_stack+0x33/0x60
 __kasan_kmalloc+0xaa/0xb0
 mptcp_pm_alloc_anno_list+0x1cb/0x520

Freed by task 14842:
 kasan_save_stack+0x33/0x60
 kfree+0x14f/0x4b0
 mptcp_pm_nl_flush_addrs_doit+0x526/0xeb0

The buggy address belongs to the object at ffff88804c251100
 which belongs to the cache kmalloc-192 of size 192
==================================================================
Kernel panic - not syncing: KASAN: panic_on_warn set ...
Call Trace:
 <IRQ>
 dump_stack_lvl+0x3d/0x1f0
 panic+0x71d/0x800
 </IRQ>
",
    },
    // 6.15 without any printk prefix: the header's
    // __list_add_valid_or_report is skipped.
    Case {
        file: 740,
        commit: "579f3640",
        title: "KASAN: slab-use-after-free Read in chrdev_open",
        alt: Some(&["bad-access in chrdev_open"]),
        // The header says `KASAN` (an older naming).
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Bare,
        log: "
==================================================================
BUG: KASAN: slab-use-after-free in __list_add_valid_or_report+0x16a/0x1a0
Read of size 8 at addr ffff888012acfc20 by task repro/9489

CPU: 0 UID: 0 PID: 9489 Comm: repro Not tainted 6.15.0-rc1 #1 PREEMPT(full)
Call Trace:
 <TASK>
 dump_stack_lvl+0x116/0x1b0
 print_report+0xc1/0x630
 kasan_report+0x96/0xd0
 __list_add_valid_or_report+0x16a/0x1a0
 chrdev_open+0x3a7/0x590
 do_dentry_open+0x786/0x1c90
 vfs_open+0x82/0x3f0
 entry_SYSCALL_64_after_hwframe+0x77/0x7f
 </TASK>

Allocated by task 9483:
 kasan_save_stack+0x24/0x50
 kmem_cache_alloc_lru_noprof+0x165/0x4a0
 ntfs_alloc_inode+0x27/0x80

Freed by task 15:
 kasan_save_stack+0x24/0x50
 kmem_cache_free+0x14d/0x550
 i_callback+0x46/0x70

Last potentially related work creation:
 kasan_save_stack+0x24/0x50
 __call_rcu_common.constprop.0+0x99/0x820
 destroy_inode+0x12b/0x1b0

The buggy address belongs to the object at ffff888012acf580
 which belongs to the cache ntfs_inode_cache of size 1752
==================================================================
",
    },
    // 5.1 null-ptr-deref of size 1 at address 0: `?` frames left out,
    // read_word_at_a_time and strscpy skipped.
    Case {
        file: 371,
        commit: "1550519e",
        title: "KASAN: null-ptr-deref Read in zr364xx_vidioc_querycap",
        alt: Some(&["bad-access in zr364xx_vidioc_querycap"]),
        // The header says KASAN-READ, from before crash/types.go split out
        // KASAN-NULL-POINTER-DEREFERENCE-READ.
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: null-ptr-deref in read_word_at_a_time+0xe/0x20
Read of size 1 at addr 0000000000000000 by task cam/3120

CPU: 1 PID: 3120 Comm: cam Not tainted 5.1.0-rc5 #1
Call Trace:
 dump_stack+0xd0/0x150
 ? read_word_at_a_time+0xe/0x20
 kasan_report.cold+0x5/0x3c
 ? read_word_at_a_time+0xe/0x20
 read_word_at_a_time+0xe/0x20
 strscpy+0x80/0x270
 zr364xx_vidioc_querycap+0xa0/0x200
 v4l_querycap+0x120/0x330
 __video_do_ioctl+0x5a0/0xb30
 ? __kasan_slab_free+0x120/0x170
 video_usercopy+0x440/0xee0
 v4l2_ioctl+0x140/0x190
 do_syscall_64+0xc0/0x4e0
 entry_SYSCALL_64_after_hwframe+0x49/0xbe
==================================================================
",
    },
    // 5.1 with caller ids: the printk path (string, vsnprintf, vscnprintf,
    // vprintk_store, vprintk_emit, vprintk_func, printk) is skipped and the
    // `.cold` suffix dropped; `Freed by task 0:` with `(stack is not
    // available)` does not make it corrupted.
    Case {
        file: 376,
        commit: "61cf2326",
        title: "KASAN: slab-out-of-bounds Read in hdpvr_probe",
        alt: Some(&["bad-access in hdpvr_probe"]),
        // The header says `KASAN` (an older naming).
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T2207"),
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in string+0x1e0/0x210
Read of size 1 at addr ffff8880a1b2c3c0 by task kworker/0:3/2207

CPU: 0 PID: 2207 Comm: kworker/0:3 Not tainted 5.1.0-rc3 #1
Workqueue: usb_hub_wq hub_event
Call Trace:
 dump_stack+0xe0/0x160
 ? string+0x1e0/0x210
 print_address_description+0x60/0x230
 kasan_report.cold+0x1a/0x3c
 ? string+0x1e0/0x210
 string+0x1e0/0x210
 ? widen_string+0x290/0x290
 vsnprintf+0xa00/0x16a0
 vscnprintf+0x20/0x70
 vprintk_store+0x40/0x4a0
 vprintk_emit+0x200/0x590
 vprintk_func+0x70/0x110
 printk+0xb0/0xe0
 hdpvr_probe.cold+0x190/0x1270
 usb_probe_interface+0x310/0x810
 really_probe+0x2d0/0xb00
 hub_event+0x1380/0x3af0
 process_one_work+0x900/0x1570
 worker_thread+0x7a0/0xe10
 kthread+0x310/0x410
 ret_from_fork+0x3a/0x50

Allocated by task 2207:
 __kasan_kmalloc.constprop.0+0xb0/0xc0
 hdpvr_probe+0x1d0/0xac0
 usb_probe_interface+0x310/0x810

Freed by task 0:
(stack is not available)

The buggy address belongs to the object at ffff8880a1b2c380
 which belongs to the cache kmalloc-64 of size 64
==================================================================
",
    },
    // 5.1 with caller ids: a `%p` format inside dev_info: hex_string,
    // pointer, vsnprintf (twice), the printk path and the dev_* printk
    // helpers (dev_vprintk_emit, dev_printk_emit, __dev_printk, _dev_info)
    // are skipped.
    Case {
        file: 377,
        commit: "1550519e",
        title: "KASAN: slab-out-of-bounds Read in dlfb_usb_probe",
        alt: Some(&["bad-access in dlfb_usb_probe"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T31"),
        log: "
==================================================================
BUG: KASAN: slab-out-of-bounds in hex_string+0x400/0x4a0
Read of size 1 at addr ffff8881a0b1c2d8 by task kworker/1:1/31

CPU: 1 PID: 31 Comm: kworker/1:1 Not tainted 5.1.0-rc3 #1
Workqueue: usb_hub_wq hub_event
Call Trace:
 dump_stack+0xe0/0x160
 ? hex_string+0x400/0x4a0
 print_address_description+0x60/0x230
 kasan_report.cold+0x1a/0x3c
 hex_string+0x400/0x4a0
 ? string+0x210/0x210
 pointer+0x450/0x900
 vsnprintf+0x590/0x16a0
 pointer+0x600/0x900
 vsnprintf+0x590/0x16a0
 vscnprintf+0x20/0x70
 vprintk_store+0x40/0x4a0
 vprintk_emit+0x200/0x590
 ? dlfb_usb_probe+0x260/0x440
 dev_vprintk_emit+0x500/0x540
 dev_printk_emit+0xb0/0xe0
 __dev_printk+0x1e0/0x200
 _dev_info+0xd0/0x100
 dlfb_usb_probe.cold+0xb90/0x1700
 usb_probe_interface+0x310/0x810
 really_probe+0x2d0/0xb00
 hub_event+0x1380/0x3af0
 process_one_work+0x900/0x1570
 kthread+0x310/0x410
 ret_from_fork+0x3a/0x50

Allocated by task 31:
 __kasan_kmalloc.constprop.0+0xb0/0xc0
 usb_get_configuration+0x310/0x32a0

Freed by task 901:
 __kasan_slab_free+0x120/0x170
 kfree+0xc0/0x280

The buggy address belongs to the object at ffff8881a0b1c2c0
 which belongs to the cache kmalloc-32 of size 32
==================================================================
",
    },
    // 5.1 with caller ids: check_memory_region, kasan_check_read and the
    // refcount helpers (refcount_inc_not_zero_checked, refcount_inc_checked)
    // are skipped; a `?` frame after the user registers, and the panic's
    // second copy of the trace after the closing line.
    Case {
        file: 391,
        commit: "61f5c639",
        title: "KASAN: use-after-free Read in nr_release",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T4410"),
        log: "
==================================================================
BUG: KASAN: use-after-free in refcount_inc_not_zero_checked+0x80/0x1f0
Read of size 4 at addr ffff8880a2b3c480 by task repro/4410

CPU: 0 PID: 4410 Comm: repro Not tainted 5.1.0-rc5 #1
Call Trace:
 dump_stack+0x170/0x1e0
 ? refcount_inc_not_zero_checked+0x80/0x1f0
 print_address_description.cold+0x7c/0x20d
 kasan_report.cold+0x1b/0x40
 check_memory_region+0x120/0x180
 kasan_check_read+0x11/0x20
 refcount_inc_not_zero_checked+0x80/0x1f0
 ? lock_acquire+0x160/0x3e0
 refcount_inc_checked+0x17/0x70
 nr_release+0x60/0x3b0
 __sock_release+0xd0/0x2a0
 sock_close+0x1b/0x30
 __fput+0x2e0/0x8c0
 task_work_run+0x140/0x1b0
 do_syscall_64+0x520/0x600
 entry_SYSCALL_64_after_hwframe+0x49/0xbe
RIP: 0033:0x4129e1
RSP: 002b:00007ffd10203040 EFLAGS: 00000293 ORIG_RAX: 0000000000000003
 ? __phys_addr+0x1a/0x120

Allocated by task 4412:
 save_stack+0x45/0xd0
 __kmalloc+0x150/0x730
 sk_prot_alloc+0x190/0x2d0
 nr_create+0xb0/0x5d0

Freed by task 4410:
 save_stack+0x45/0xd0
 kfree+0xc0/0x220
 __sk_destruct+0x4f0/0x6c0
 nr_release+0x330/0x3b0

The buggy address belongs to the object at ffff8880a2b3c400
 which belongs to the cache kmalloc-2k of size 2048
==================================================================
Disabling lock debugging due to kernel taint
Kernel panic - not syncing: panic_on_warn set ...
Call Trace:
 dump_stack+0x170/0x1e0
 panic+0x2c0/0x650
 end_report+0x47/0x4f
 kasan_report.cold+0xe/0x40
 check_memory_region+0x120/0x180
 refcount_inc_checked+0x17/0x70
 nr_release+0x60/0x3b0
",
    },
    // 5.2 in a timer softirq with [C1] caller ids: <IRQ> ... </IRQ>, the
    // lockdep and spinlock frames (register_lock_class, __lock_acquire,
    // lock_acquire, _raw_spin_lock_irqsave) and __wake_up_common_lock
    // skipped; the panic's second copy of the trace after the closing line.
    Case {
        file: 395,
        commit: "1550519e",
        title: "KASAN: use-after-free Write in usb_anchor_resume_wakeups",
        alt: Some(&["bad-access in usb_anchor_resume_wakeups"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-WRITE"),
        corrupted: false,
        prefix: Prefix::Caller("C0"),
        log: "
==================================================================
BUG: KASAN: use-after-free in register_lock_class+0xea0/0x1230
Write of size 8 at addr ffff8881c0d1e2f8 by task kworker/0:2/57

CPU: 0 PID: 57 Comm: kworker/0:2 Not tainted 5.2.0-rc6 #1
Workqueue: usb_hub_wq hub_event
Call Trace:
 <IRQ>
 dump_stack+0xc0/0x130
 print_address_description+0x60/0x230
 __kasan_report.cold+0x1a/0x32
 kasan_report+0xe/0x20
 register_lock_class+0xea0/0x1230
 __lock_acquire+0x110/0x5330
 lock_acquire+0xf0/0x2a0
 _raw_spin_lock_irqsave+0x30/0x50
 __wake_up_common_lock+0xa0/0x160
 usb_anchor_resume_wakeups+0xb0/0xd0
 __usb_hcd_giveback_urb+0x1f0/0x460
 usb_hcd_giveback_urb+0x340/0x3f0
 dummy_timer+0x1020/0x2de0
 call_timer_fn+0x150/0x5d0
 run_timer_softirq+0x590/0x1400
 irq_exit+0x170/0x190
 apic_timer_interrupt+0xf/0x20
 </IRQ>
RIP: 0010:console_unlock+0x9d0/0xbe0
 vprintk_emit+0x170/0x3d0
 _dev_info+0xd0/0x100
 usb_serial_disconnect+0x200/0x2f0
 hub_event+0x1400/0x3580
 process_one_work+0x900/0x1560
 kthread+0x300/0x400
 ret_from_fork+0x24/0x30

Allocated by task 311:
 save_stack+0x1b/0x80
 __kasan_kmalloc.constprop.0+0xb0/0xc0
 xpad_probe+0x240/0x1b10

Freed by task 2900:
 save_stack+0x1b/0x80
 kfree+0xd0/0x270
 xpad_disconnect+0x1c0/0x490

The buggy address belongs to the object at ffff8881c0d1e280
 which belongs to the cache kmalloc-1k of size 1024
==================================================================
Disabling lock debugging due to kernel taint
Kernel panic - not syncing: panic_on_warn set ...
Call Trace:
 <IRQ>
 dump_stack+0xc0/0x130
 panic+0x290/0x6c0
 end_report+0x43/0x49
 __kasan_report.cold+0xd/0x32
 register_lock_class+0xea0/0x1230
 usb_anchor_resume_wakeups+0xb0/0xd0
 </IRQ>
",
    },
    // 5.6 with caller ids, the console cut inside the first line's
    // timestamp (`0.337143][   T95] ====`); %pV inside dev_info:
    // hex_string, pointer, vsnprintf and va_format (twice nested), the
    // printk path and the dev_* printk helpers skipped.
    Case {
        file: 469,
        commit: "1550519e",
        title: "KASAN: slab-out-of-bounds Read in dlfb_usb_probe",
        alt: Some(&["bad-access in dlfb_usb_probe"]),
        crash_type: Some("KASAN-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T83"),
        log: "
@1.204711][   T83] ==================================================================
BUG: KASAN: slab-out-of-bounds in hex_string+0x430/0x4b0
Read of size 1 at addr ffff8881c2d3e1ab by task kworker/0:2/83

CPU: 0 PID: 83 Comm: kworker/0:2 Not tainted 5.6.0-rc3 #1
Workqueue: usb_hub_wq hub_event
Call Trace:
 dump_stack+0xe0/0x160
 ? hex_string+0x430/0x4b0
 print_address_description.constprop.0.cold+0xd0/0x310
 __kasan_report.cold+0x37/0x77
 kasan_report+0xe/0x20
 hex_string+0x430/0x4b0
 ? check_pointer+0x200/0x200
 pointer+0x450/0x670
 vsnprintf+0x5a0/0x14e0
 va_format.isra.0+0x120/0x1a0
 pointer+0x4b0/0x670
 vsnprintf+0x5a0/0x14e0
 vscnprintf+0x20/0x70
 vprintk_store+0x40/0x4a0
 vprintk_emit+0xc0/0x3c0
 dev_vprintk_emit+0x4f0/0x530
 ? hub_event+0x21c0/0x42f0
 dev_printk_emit+0xb0/0xe0
 __dev_printk+0x1d0/0x200
 _dev_info+0xd0/0x100
 ? dlfb_usb_probe+0x210/0x440
 dlfb_usb_probe.cold+0xfd0/0x1b90
 usb_probe_interface+0x300/0x7f0
 really_probe+0x280/0xab0
 hub_event+0x21c0/0x42f0
 process_one_work+0x940/0x1610
 kthread+0x310/0x410
 ret_from_fork+0x24/0x30

Allocated by task 83:
 save_stack+0x1b/0x80
 __kasan_kmalloc.constprop.0+0xb0/0xc0
 usb_get_configuration+0x310/0x3a10

Freed by task 1:
 save_stack+0x1b/0x80
 kfree+0xd0/0x2f0
 kobject_uevent_env+0x2a0/0x1460

The buggy address belongs to the object at ffff8881c2d3e180
 which belongs to the cache kmalloc-32 of size 32
==================================================================
",
    },
    // 5.4 with caller ids: the fuzzer's unprefixed `executing program`
    // lines inside the trace and before `Allocated by task`;
    // check_memory_region, __kasan_check_read and kfree_skb skipped.
    Case {
        file: 470,
        commit: "1550519e",
        title: "KASAN: use-after-free Read in bcsp_close",
        alt: Some(&["bad-access in bcsp_close"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Caller("T6120"),
        log: "
==================================================================
BUG: KASAN: use-after-free in kfree_skb+0x2a/0xb0
Read of size 4 at addr ffff8880a1b2cd54 by task repro/6120

CPU: 0 PID: 6120 Comm: repro Not tainted 5.4.0-rc6 #1
Call Trace:
@executing program
 dump_stack+0x1d0/0x2f0
 print_address_description+0x70/0x5b0
 ? printk+0x62/0x8d
 __kasan_report+0x140/0x1b0
 ? kfree_skb+0x2a/0xb0
 kasan_report+0x26/0x50
 check_memory_region+0x2c0/0x2d0
 __kasan_check_read+0x11/0x20
 kfree_skb+0x2a/0xb0
 bcsp_close+0xb0/0xe0
 hci_uart_tty_close+0x200/0x230
 tty_ldisc_close+0x120/0x170
 tty_release+0xce0/0xf90
 __fput+0x2e0/0x730
 task_work_run+0x170/0x1a0
 do_syscall_64+0x110/0x1b0
 entry_SYSCALL_64_after_hwframe+0x49/0xbe

@executing program
Allocated by task 7:
 __kasan_kmalloc+0x110/0x1a0
 kmem_cache_alloc_node+0x230/0x270
 __alloc_skb+0x90/0x4f0
 bcsp_recv+0x12e0/0x1710

Freed by task 7:
 __kasan_slab_free+0x120/0x1d0
 kmem_cache_free+0x80/0xe0
 kfree_skb+0x60/0xb0
 bcsp_recv+0x990/0x1710

The buggy address belongs to the object at ffff8880a1b2cc80
 which belongs to the cache skbuff_head_cache of size 224
==================================================================
",
    },
    // 5.4 softirq with [C1] caller ids: <IRQ> ... </IRQ>; the bad access is
    // in the header's own function (its `.cold` part), which is the title.
    Case {
        file: 472,
        commit: "a0492970",
        title: "KASAN: use-after-free Read in pn533_send_complete",
        alt: Some(&["bad-access in pn533_send_complete"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-READ"),
        corrupted: false,
        prefix: Prefix::Caller("C1"),
        log: "
==================================================================
BUG: KASAN: use-after-free in pn533_send_complete.cold+0x47/0x6c
Read of size 8 at addr ffff8881c0a1b2a8 by task swapper/1/0

CPU: 1 PID: 0 Comm: swapper/1 Not tainted 5.4.0-rc1 #1
Call Trace:
 <IRQ>
 dump_stack+0xc0/0x130
 ? pn533_send_complete.cold+0x47/0x6c
 print_address_description.constprop.0+0x36/0x50
 __kasan_report.cold+0x1a/0x33
 kasan_report+0xe/0x20
 pn533_send_complete.cold+0x47/0x6c
 __usb_hcd_giveback_urb+0x1f0/0x460
 usb_hcd_giveback_urb+0x360/0x410
 dummy_timer+0x1200/0x2f90
 call_timer_fn+0x170/0x640
 run_timer_softirq+0x5e0/0x1480
 __do_softirq+0x220/0x900
 irq_exit+0x170/0x190
 apic_timer_interrupt+0xf/0x20
 </IRQ>
RIP: 0010:default_idle+0x28/0x2e0
 do_idle+0x3b0/0x4f0
 cpu_startup_entry+0x14/0x20
 secondary_startup_64+0xa4/0xb0

Allocated by task 22:
 save_stack+0x1b/0x80
 __kasan_kmalloc.constprop.0+0xb0/0xc0
 devm_kmalloc+0x80/0x180
 pn533_usb_probe+0x3b/0xd70

Freed by task 22:
 save_stack+0x1b/0x80
 kfree+0xe0/0x2e0
 release_nodes+0x4a0/0x900

The buggy address belongs to the object at ffff8881c0a1b280
 which belongs to the cache kmalloc-96 of size 96
==================================================================
",
    },
    // 5.2 with caller ids: __asan_report_load8_noabort and kfree_skb_list
    // skipped; an unprefixed `executing program` line among the user
    // registers. TITLE-only header.
    Case {
        file: 475,
        commit: "111d9892",
        title: "KASAN: use-after-free Read in ip6_fragment",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Caller("T7310"),
        log: "
==================================================================
BUG: KASAN: use-after-free in kfree_skb_list+0x5d/0x60
Read of size 8 at addr ffff8880a0b1c2c0 by task repro/7310

CPU: 1 PID: 7310 Comm: repro Not tainted 5.2.0-rc2 #1
Call Trace:
 dump_stack+0x170/0x1e0
 ? kfree_skb_list+0x5d/0x60
 print_address_description.cold+0x7c/0x20d
 __kasan_report.cold+0x1b/0x40
 ? lockdep_hardirqs_on+0x3c0/0x5c0
 kasan_report+0x12/0x20
 __asan_report_load8_noabort+0x14/0x20
 kfree_skb_list+0x5d/0x60
 ip6_fragment+0x1ef0/0x2670
 ? ip6_forward_finish+0x560/0x560
 __ip6_finish_output+0x570/0xa90
 ip6_output+0x230/0x7e0
 rawv6_sendmsg+0x2990/0x35d0
 inet_sendmsg+0x140/0x5c0
 do_syscall_64+0xf0/0x670
 entry_SYSCALL_64_after_hwframe+0x49/0xbe
RIP: 0033:0x44add9
RAX: ffffffffffffffda RBX: 00000000006e7a18 RCX: 000000000044add9
@executing program
RDX: 0000000000000000 RSI: 0000000020000240 RDI: 0000000000000005

Allocated by task 7310:
 save_stack+0x23/0x90
 kmem_cache_alloc_node+0x130/0x700
 __alloc_skb+0xd0/0x5d0

Freed by task 7310:
 save_stack+0x23/0x90
 kmem_cache_free+0x80/0x250
 kfree_skb_list+0x44/0x60
 ip6_fragment+0x1eb0/0x2670

The buggy address belongs to the object at ffff8880a0b1c2c0
 which belongs to the cache skbuff_head_cache of size 224
==================================================================
",
    },
    // 4.19 without caller ids: the use-after-free found by lockdep on a
    // freed completion: __asan_report_load8_noabort, __lock_acquire,
    // lock_acquire, _raw_spin_lock_irq and wait_for_completion skipped;
    // many `?` frames. TITLE-only header.
    Case {
        file: 478,
        commit: "111d9892",
        title: "KASAN: use-after-free Read in ucma_destroy_id",
        alt: None,
        crash_type: None,
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in __lock_acquire+0x37c0/0x4eb0
Read of size 8 at addr ffff8801c0d1e2a8 by task repro/9120

CPU: 0 PID: 9120 Comm: repro Not tainted 4.19.0-rc8 #1
Call Trace:
 dump_stack+0x1c0/0x2b0
 ? printk+0xa7/0xcf
 print_address_description.cold.8+0x9/0x1ff
 kasan_report.cold.9+0x242/0x309
 ? __lock_acquire+0x37c0/0x4eb0
 __asan_report_load8_noabort+0x14/0x20
 __lock_acquire+0x37c0/0x4eb0
 ? __switch_to_asm+0x34/0x70
 ? mark_held_locks+0x130/0x130
 ? ucma_destroy_id+0x320/0x540
 lock_acquire+0x1e0/0x510
 ? wait_for_completion+0x430/0x890
 _raw_spin_lock_irq+0x61/0x80
 ? wait_for_completion+0x430/0x890
 wait_for_completion+0x430/0x890
 ? wake_up_q+0x100/0x100
 ucma_destroy_id+0x380/0x540
 ? ucma_close+0x300/0x300
 ucma_write+0x360/0x450
 __vfs_write+0x110/0x9e0
 vfs_write+0x1f0/0x550
 do_syscall_64+0x1b0/0x810
 entry_SYSCALL_64_after_hwframe+0x49/0xbe

Allocated by task 9101:
 save_stack+0x43/0xd0
 kmem_cache_alloc_trace+0x150/0x740
 ucma_alloc_ctx+0xc0/0x680

Freed by task 9101:
 save_stack+0x43/0xd0
 kfree+0xc0/0x220
 ucma_free_ctx+0x9e0/0xda0
 ucma_close+0x120/0x300

The buggy address belongs to the object at ffff8801c0d1e280
 which belongs to the cache kmalloc-256 of size 256
==================================================================
",
    },
    // 4.20 without caller ids: the trace is cut by a paging-request oops of
    // the same task, which ends the text (not corrupted: the trace has its
    // frames); __asan_report_store8_noabort and rb_erase skipped.
    Case {
        file: 511,
        commit: "1550519e",
        title: "KASAN: use-after-free Write in bpf_prog_kallsyms_del",
        alt: Some(&["bad-access in bpf_prog_kallsyms_del"]),
        crash_type: Some("KASAN-USE-AFTER-FREE-WRITE"),
        corrupted: false,
        prefix: Prefix::Console,
        log: "
==================================================================
BUG: KASAN: use-after-free in rb_erase+0x26c0/0x3700
Write of size 8 at addr ffff8801c1d2e3f0 by task repro/8820

CPU: 1 PID: 8820 Comm: repro Not tainted 4.20.0-rc1 #1
Call Trace:
 dump_stack+0x240/0x390
 print_address_description.cold.7+0x9/0x1ff
 kasan_report.cold.8+0x242/0x309
 __asan_report_store8_noabort+0x17/0x20
 rb_erase+0x26c0/0x3700
 bpf_prog_kallsyms_del+0x1c0/0x400
 bpf_prog_kallsyms_del_all+0x1d/0x20
 __bpf_prog_put+0xe0/0x140
 bpf_prog_test_run+0x140/0x190
BUG: unable to handle kernel paging request at ffffc90001a2b030
PGD 1da95a067 P4D 1da95a067 PUD 1da95b067 PMD 1d41ad067 PTE 0
Oops: 0000 [#1] PREEMPT SMP KASAN
CPU: 1 PID: 8820 Comm: repro Not tainted 4.20.0-rc1 #1
RIP: 0010:bpf_prog_kallsyms_find+0x280/0x490
Call Trace:
",
    },
];

/// Our own 6.12 shapes, not from syzkaller's files: what its rules make of
/// them.
mod own_shapes {
    use kasan_rs_tools::report::parse_reports;

    fn syz(log: &str) -> kasan_rs_tools::report::syzkaller::SyzkallerTitle {
        parse_reports(log).remove(0).syzkaller
    }

    /// An async hw-tags report: no function in the header, so syzkaller's
    /// fallback format, corrupted.
    #[test]
    fn async_fault_is_invalid_access_corrupted() {
        let s = syz("BUG: KASAN: invalid-access
Asynchronous fault: no details available

CPU: 1 UID: 0 PID: 35 Comm: kunit_try_catch Tainted: G N 6.12.0 #1
Call trace:
 dump_backtrace+0xd4/0x10c
 kasan_report_async+0xd8/0x114
 mte_check_tfsr_el1+0x20/0x28
 my_async_case+0xa0/0x290
==================================================================
");
        assert_eq!(s.title, "KASAN: invalid-access");
        assert_eq!(s.crash_type, "KASAN-UNKNOWN");
        assert!(s.corrupted);
        assert_eq!(
            s.corrupted_reason.as_deref(),
            Some("report format is marked as corrupted")
        );
        assert!(s.alt_titles.is_empty());
    }

    /// A Rust v0 frame is demangled before the skip patterns: a crate
    /// named `kasan_*` is skipped like any `kasan` frame, others name the
    /// title, and the frame keeps its `<T as Trait>::f` form.
    #[test]
    fn rust_v0_frames_are_demangled() {
        let header = "BUG: KASAN: slab-out-of-bounds in _RNvXCs77hkMc0rEmy_15kasan_rs_sampleNtB2_13KasanRsSampleNtCsl7L7n58I0Vr_6kernel6Module4init+0x64/0x400 [kasan_rs_sample]";
        let log = format!(
            "{header}
Write at addr f5ff000000ce1770 by task insmod/60
Call trace:
 dump_backtrace+0xd4/0x10c
 _RNvXCs77hkMc0rEmy_15kasan_rs_sampleNtB2_13KasanRsSampleNtCsl7L7n58I0Vr_6kernel6Module4init+0x64/0x400 [kasan_rs_sample]
 _RNvXCs1234abcd_7my_demoNtB2_4DemoNtCsl7L7n58I0Vr_6kernel6Module4init+0x10/0x80 [my_demo]
 do_one_initcall+0x4c/0x1f0
"
        );
        let s = syz(&log);
        assert_eq!(
            s.title,
            "KASAN: slab-out-of-bounds Write in <my_demo::Demo as kernel::Module>::init"
        );
        assert_eq!(
            s.frame.as_deref(),
            Some("<my_demo::Demo as kernel::Module>::init")
        );
        assert_eq!(s.crash_type, "KASAN-WRITE");
    }

    /// 6.12's tag-fault path: with the header's function skipped (it
    /// contains `kmalloc`), the first frame no pattern covers is
    /// do_bad_area.
    #[test]
    fn arm64_tag_fault_path_names_do_bad_area() {
        let s = syz(
            "BUG: KASAN: slab-out-of-bounds in kmalloc_oob_right+0x88/0x290
Write at addr f5ff000000ce1770 by task kunit_try_catch/35
Pointer tag: [f5], memory tag: [fe]

Call trace:
 dump_backtrace+0xd4/0x10c
 show_stack+0x14/0x1c
 dump_stack_lvl+0x3c/0x7c
 print_report+0x1b4/0x710
 kasan_report+0x110/0x154
 __do_kernel_fault+0x54/0x204
 do_bad_area+0x2c/0xc0
 do_tag_check_fault+0x1c/0x28
 kmalloc_oob_right+0x88/0x290
 kunit_try_run_case+0x54/0x134

Allocated by task 35:
 kasan_save_stack+0x3c/0x64
==================================================================
",
        );
        assert_eq!(s.title, "KASAN: slab-out-of-bounds Write in do_bad_area");
        assert_eq!(s.alt_titles, ["bad-access in do_bad_area"]);
        assert!(!s.corrupted, "{:?}", s.corrupted_reason);
    }

    /// `** N printk messages dropped **` before the header on its line.
    #[test]
    fn header_after_dropped_messages() {
        let reports = parse_reports("** 12 printk messages dropped ** [   10.000001] BUG: KASAN: use-after-free in foo_bar+0x1/0x2
[   10.000002] Read of size 8 at addr ffff888012345678 by task a/1
[   10.000003] Call Trace:
[   10.000004]  foo_bar+0x1/0x2
[   10.000005]  baz_qux+0x3/0x4
[   10.000006] ==================================================================
");
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].bug_type, "use-after-free");
        assert_eq!(
            reports[0].syzkaller.title,
            "KASAN: use-after-free Read in foo_bar"
        );
    }

    fn report_with(lines: &[&str]) -> String {
        lines.iter().map(|l| format!("{l}\n")).collect()
    }

    /// With caller ids, a second report's header from the same caller does
    /// not cut the title's text; without them it does.
    #[test]
    fn second_report_cuts_only_without_caller_ids() {
        let body = [
            "BUG: KASAN: slab-out-of-bounds in alpha_beta+0x10/0x20",
            "WARNING: CPU: 1 PID: 7 at x.c:1 gamma+0x1/0x2",
            "Read of size 4 at addr ffff888000001000 by task t/7",
            "Call Trace:",
            " alpha_beta+0x10/0x20",
            " delta+0x1/0x2",
        ];
        let with_ids: Vec<String> = body
            .iter()
            .map(|l| format!("[   5.000001][    T7] {l}"))
            .collect();
        let with_ids: Vec<&str> = with_ids.iter().map(String::as_str).collect();
        assert_eq!(
            syz(&report_with(&with_ids)).title,
            "KASAN: slab-out-of-bounds Read in alpha_beta"
        );
        let console: Vec<String> = body.iter().map(|l| format!("[   5.000001] {l}")).collect();
        let console: Vec<&str> = console.iter().map(String::as_str).collect();
        let s = syz(&report_with(&console));
        assert_eq!(s.title, "KASAN: slab-out-of-bounds in alpha_beta");
        assert!(s.corrupted);
    }

    /// Lines of another caller, and x86's `?` frames, are not the report's.
    #[test]
    fn other_callers_and_questionable_frames_are_left_out() {
        let s = syz(&report_with(&[
            "[   5.000001][  T100] BUG: KASAN: use-after-free in memcpy+0x10/0x20",
            "[   5.000002][  T100] Read of size 8 at addr ffff888000001000 by task t/100",
            "[   5.000003][  T100] Call Trace:",
            "[   5.000004][  T100]  ? not_this_one+0x1/0x2",
            "[   5.000005][    C1]  nor_this_one+0x1/0x2",
            "[   5.000006][  T100]  memcpy+0x10/0x20",
            "[   5.000007][  T100]  the_caller+0x30/0x40",
        ]));
        assert_eq!(s.title, "KASAN: use-after-free Read in the_caller");
        assert_eq!(s.crash_type, "KASAN-USE-AFTER-FREE-READ");
        // No `Allocated by task` / frames missing anywhere: not corrupted.
        assert!(!s.corrupted, "{:?}", s.corrupted_reason);
    }

    /// A stack start with no frame after it marks the report corrupted.
    #[test]
    fn empty_free_stack_is_corrupted() {
        let s = syz(&report_with(&[
            "BUG: KASAN: use-after-free in epsilon+0x10/0x20",
            "Read of size 8 at addr ffff888000001000 by task t/1",
            "Call Trace:",
            " epsilon+0x10/0x20",
            "",
            "Freed by task 1:",
            "",
            "The buggy address belongs to the object at ffff888000001000",
            " which belongs to the cache kmalloc-64 of size 64",
            "==================================================================",
        ]));
        assert_eq!(s.title, "KASAN: use-after-free Read in epsilon");
        assert_eq!(
            s.corrupted_reason.as_deref(),
            Some("no frames in a stack trace")
        );
    }
}
