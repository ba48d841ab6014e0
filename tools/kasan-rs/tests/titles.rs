//! The tool's own titles (`Report::title`, see src/report/title.rs) for
//! hand-written reports whose shapes are taken from real reports, checked
//! against the title a fuzzing dashboard (syzbot) gave the same report where
//! our rules agree with its (syzkaller's own rules are tested in
//! tests/syzkaller_titles.rs). The source of each case is given with it; the console text is
//! cut to the lines the title depends on (frames kept in order).

use kasan_rs_tools::report::parse_reports;

fn title_of(report: &str) -> String {
    let sep = "=".repeat(66);
    let text = format!("{sep}\n{}\n{sep}\n", report.trim_matches('\n'));
    let reports = parse_reports(&text);
    assert_eq!(reports.len(), 1, "{text}");
    reports[0].title.clone()
}

/// syzkaller's title of the same report (src/report/syzkaller/), printed
/// as syzbot's consoles are: with caller ids (without them, syzkaller would
/// end the text at the repeated `BUG: KASAN:` line of a symbolized report).
fn syzkaller_title_of(report: &str) -> String {
    let sep = "=".repeat(66);
    let text: String = format!("{sep}\n{}\n{sep}", report.trim_matches('\n'))
        .lines()
        .map(|l| format!("[  100.000000][ T2919] {l}\n"))
        .collect();
    parse_reports(&text).remove(0).syzkaller.title
}

/// syzbot extid 95c862be69e37145543f (arm64 MTE, Linux 5.11, LKML
/// 2021-02-16, "Re: KASAN: invalid-access Write in enqueue_timer"): a
/// symbolized hw-tags report with two header lines (an inlined frame
/// first) and the arm64 fault entry frames in the call trace. syzbot's
/// title: `KASAN: invalid-access Write in enqueue_timer`.
#[test]
fn syzbot_arm64_mte_invalid_access() {
    let report = "
BUG: KASAN: invalid-access in hlist_add_head include/linux/list.h:883 [inline]
BUG: KASAN: invalid-access in enqueue_timer+0x18/0xc0 kernel/time/timer.c:581
Write at addr f4ff0000275dcda0 by task kworker/u4:6/2919
Pointer tag: [f4], memory tag: [fe]

CPU: 1 PID: 2919 Comm: kworker/u4:6 Not tainted 5.11.0-syzkaller #0
Hardware name: linux,dummy-virt (DT)
Workqueue: wg-kex-wg1 wg_packet_handshake_send_worker
Call trace:
 dump_backtrace+0x0/0x1b0 arch/arm64/kernel/stacktrace.c:117
 show_stack+0x18/0x70 arch/arm64/kernel/stacktrace.c:196
 __dump_stack lib/dump_stack.c:79 [inline]
 dump_stack+0xd0/0x12c lib/dump_stack.c:120
 print_address_description+0x70/0x29c mm/kasan/report.c:230
 __kasan_report mm/kasan/report.c:396 [inline]
 kasan_report+0x134/0x380 mm/kasan/report.c:413
 report_tag_fault arch/arm64/mm/fault.c:311 [inline]
 do_tag_recovery arch/arm64/mm/fault.c:325 [inline]
 __do_kernel_fault+0x178/0x1bc arch/arm64/mm/fault.c:369
 do_bad_area arch/arm64/mm/fault.c:462 [inline]
 do_tag_check_fault+0x74/0x90 arch/arm64/mm/fault.c:717
 do_mem_abort+0x44/0xbc arch/arm64/mm/fault.c:793
 el1_abort+0x40/0x6c arch/arm64/kernel/entry-common.c:118
 el1_sync_handler+0xac/0xd0 arch/arm64/kernel/entry-common.c:209
 el1_sync+0x70/0x100 arch/arm64/kernel/entry.S:656
 hlist_add_head include/linux/list.h:883 [inline]
 enqueue_timer+0x18/0xc0 kernel/time/timer.c:581
 mod_timer+0x14/0x20 kernel/time/timer.c:1106
";
    assert_eq!(
        title_of(report),
        "KASAN: invalid-access Write in enqueue_timer"
    );
    // syzkaller's rules give syzbot's title too (hlist_add_head's inline
    // frame is no frame to them; the fault path is skipped).
    assert_eq!(
        syzkaller_title_of(report),
        "KASAN: invalid-access Write in enqueue_timer"
    );
}

/// syzbot extid edfd15cd4246a3fc615a (x86, linux-next 20220923, io-uring
/// list 2022-09-25, "[syzbot] KASAN: invalid-free in io_clean_op"): a
/// `double-free` header naming the slab free path; syzbot titles double
/// frees `invalid-free` and skips the free path to the caller.
#[test]
fn syzbot_double_free_is_titled_invalid_free() {
    let report = "
BUG: KASAN: double-free in slab_free mm/slub.c:3599 [inline]
BUG: KASAN: double-free in __kmem_cache_free+0xab/0x3b0 mm/slub.c:3612
Free of addr ffff88801e642000 by task syz-executor374/3609

CPU: 0 PID: 3609 Comm: syz-executor374 Not tainted 6.0.0-rc6-next-20220923-syzkaller #0
Call Trace:
 <TASK>
 __dump_stack lib/dump_stack.c:88 [inline]
 dump_stack_lvl+0xcd/0x134 lib/dump_stack.c:106
 print_address_description mm/kasan/report.c:284 [inline]
 print_report+0x15e/0x45d mm/kasan/report.c:395
 kasan_report_invalid_free+0x97/0x1b0 mm/kasan/report.c:460
 ____kasan_slab_free+0x185/0x1c0 mm/kasan/common.c:225
 kasan_slab_free include/linux/kasan.h:177 [inline]
 slab_free_hook mm/slub.c:1669 [inline]
 slab_free_freelist_hook+0x8b/0x1c0 mm/slub.c:1695
 slab_free mm/slub.c:3599 [inline]
 __kmem_cache_free+0xab/0x3b0 mm/slub.c:3612
 io_clean_op+0x581/0xb10 io_uring/io_uring.c:1699
 io_free_batch_list+0x46f/0x7e0 io_uring/io_uring.c:1305
";
    assert_eq!(title_of(report), "KASAN: invalid-free in io_clean_op");
    assert_eq!(
        syzkaller_title_of(report),
        "KASAN: invalid-free in io_clean_op"
    );
}

/// syzkaller pkg/report/guilty_test.go (x86 generic KASAN, 4.12): a
/// header naming the guilty function itself, `Read of size 8`; syzbot
/// style title `KASAN: use-after-free Read in ip6_send_skb`.
#[test]
fn generic_kasan_read_of_size() {
    let report = "
BUG: KASAN: use-after-free in ip6_send_skb+0x2f5/0x330 net/ipv6/ip6_output.c:1748
Read of size 8 at addr ffff88004fab1858 by task syz-executor0/30168

Call Trace:
 __dump_stack lib/dump_stack.c:16 [inline]
 dump_stack+0x292/0x395 lib/dump_stack.c:52
 print_address_description+0x78/0x280 mm/kasan/report.c:252
 kasan_report+0x230/0x340 mm/kasan/report.c:408
 __asan_report_load8_noabort+0x19/0x20 mm/kasan/report.c:429
 ip6_send_skb+0x2f5/0x330 net/ipv6/ip6_output.c:1748
 ip6_push_pending_frames+0xb8/0xe0 net/ipv6/ip6_output.c:1763
";
    assert_eq!(
        title_of(report),
        "KASAN: use-after-free Read in ip6_send_skb"
    );
}

/// Our c-sync.log (Linux 6.12 hw-tags, kmalloc_double_kzfree): an arm64
/// double free through kfree_sensitive; the io_clean_op rule above gives
/// the test case, past kfree_sensitive, kfree, check_slab_allocation.
#[test]
fn arm64_double_free_through_kfree_sensitive() {
    let report = "
BUG: KASAN: double-free in kfree_sensitive+0x80/0x90
Free of addr f7ff000000c11780 by task kunit_try_catch/90
Pointer tag: [f7], memory tag: [fe]

Call trace:
 dump_backtrace+0xd4/0x10c
 show_stack+0x14/0x1c
 dump_stack_lvl+0x3c/0x7c
 print_report+0x1b4/0x710
 kasan_report_invalid_free+0x104/0x138
 check_slab_allocation+0x120/0x13c
 __kasan_slab_pre_free+0xc/0x18
 kfree+0xec/0x2bc
 kfree_sensitive+0x80/0x90
 kmalloc_double_kzfree+0x94/0x1a8
 kunit_try_run_case+0x54/0x134
";
    assert_eq!(
        title_of(report),
        "KASAN: invalid-free in kmalloc_double_kzfree"
    );
}

/// Our c-sync.log (kasan_memchr shape): the fault PC is in arm64's
/// `__pi_memchr` alias; mem*/str* helpers are skipped like syzkaller's
/// memchr/strlen rules, to the caller.
#[test]
fn pi_string_helpers_are_skipped() {
    let report = "
BUG: KASAN: invalid-access in __pi_memchr+0x24/0x150
Read at addr f1ff000000fe3f98 by task kunit_try_catch/161
Pointer tag: [f1], memory tag: [fe]

Call trace:
 dump_backtrace+0xd4/0x10c
 kasan_report+0x110/0x154
 __do_kernel_fault+0x54/0x204
 do_bad_area+0x2c/0xc0
 do_tag_check_fault+0x1c/0x28
 do_mem_abort+0x38/0xcc
 el1_abort+0x3c/0x58
 el1h_64_sync_handler+0x6c/0x110
 el1h_64_sync+0x64/0x68
 __pi_memchr+0x24/0x150
 kasan_memchr+0x88/0x1a0
 kunit_try_run_case+0x54/0x134
";
    assert_eq!(
        title_of(report),
        "KASAN: invalid-access Read in kasan_memchr"
    );
}

/// Our c-async.log (Linux 6.12, kasan.mode=async): our own convention for
/// the asynchronous report, which syzkaller does not title (see
/// src/report/title.rs).
#[test]
fn async_fault_title() {
    let report = "
BUG: KASAN: invalid-access
Asynchronous fault: no details available

CPU: 1 UID: 0 PID: 35 Comm: kunit_try_catch Tainted: G                 N 6.12.117 #1
Call trace:
 dump_backtrace+0xd4/0x10c
 show_stack+0x14/0x1c
 dump_stack_lvl+0x3c/0x7c
 kasan_report_async+0xd8/0x114
 mte_check_tfsr_el1+0x20/0x28
 kasan_force_async_fault+0x24/0x2c
 kmalloc_oob_right+0xa0/0x290
 kunit_try_run_case+0x54/0x134
";
    assert_eq!(
        title_of(report),
        "KASAN: invalid-access Async in kmalloc_oob_right"
    );
}

/// Our rust-run.log (the sample module on the Rust variant): a Rust v0
/// symbol in a module, demangled without its hash.
#[test]
fn rust_module_frame() {
    let report = "
BUG: KASAN: slab-out-of-bounds in _RNvXCs77hkMc0rEmy_15kasan_rs_sampleNtB2_13KasanRsSampleNtCsl7L7n58I0Vr_6kernel6Module4init+0xd0/0x3e4 [kasan_rs_sample]
Write at addr faff000001422a7b by task init/1

Call trace:
 dump_backtrace+0xd4/0x10c
";
    assert_eq!(
        title_of(report),
        "KASAN: slab-out-of-bounds Write in <kasan_rs_sample::KasanRsSample as kernel::Module>::init"
    );
}
