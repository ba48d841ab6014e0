// SPDX-License-Identifier: GPL-2.0

//! The report path: from a tag-check fault, a bad free or an asynchronous
//! fault to the KASAN report on the console, then the `kasan.fault` policy.
//!
//! The output is the C implementation's, line for line: every line goes
//! through `_printk` with the C format string, so `%px`, `%pS` and the log
//! levels are rendered by the kernel exactly as before, and the functions
//! that appear in printed stacks keep their C names (`kasan_report`,
//! `print_report`, `kasan_report_invalid_free`, `kasan_report_async`).
//! What the report says (bug type, relative position, dump layout) is decided
//! by the host-tested core.
//!
//! A report runs with tag checks suppressed on this CPU (PSTATE.TCO) and
//! preemption off, under a raw spinlock that keeps reports from different
//! CPUs from interleaving. Unlike the C code, it never reads the tags of
//! unmapped memory: the tag dump and the memory tag of a vmalloc address are
//! only read where a page is mapped.

use crate::ffi::mm::{self, Cache, PageRef, Slab};
use crate::ffi::printk::printk;
use crate::ffi::{self, locks::ReportLock, ReportSection};
use crate::kasan_core::report::{self as logic, dump, BugType, ReportKind};
use crate::kasan_core::stack_ring::Track;
use crate::kasan_core::tags::{get_tag, reset_tag};
use crate::{params, stack_ring};
use core::ffi::{c_char, c_int, c_uint, c_void, CStr};
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// `kasan_flags` bits.
const REPORTED: usize = 1 << 0;
const MULTI_SHOT: usize = 1 << 1;
static FLAGS: AtomicUsize = AtomicUsize::new(0);

/// Whether the KASAN KUnit suite is running (its reports are expected).
static KUNIT_EXECUTING: AtomicBool = AtomicBool::new(false);

/// `kasan_multi_shot` on the command line: print every report, not only the
/// first. A plain (not early) `__setup` parameter, as in C: its entry has
/// `early = 0` and its handler returns 1 ("handled").
extern "C" fn kasan_set_multi_shot(_arg: *mut c_char) -> c_int {
    FLAGS.fetch_or(MULTI_SHOT, Ordering::SeqCst);
    1
}

#[used]
#[link_section = ".init.setup"]
static PARAM_MULTI_SHOT: params::ObsKernelParam =
    params::ObsKernelParam::new(c"kasan_multi_shot", kasan_set_multi_shot, false);

fn multi_shot() -> bool {
    FLAGS.load(Ordering::Relaxed) & MULTI_SHOT != 0
}

/// Whether this report is printed: always in multi-shot mode, else only the
/// first one since boot.
fn report_enabled() -> bool {
    multi_shot() || FLAGS.fetch_or(REPORTED, Ordering::SeqCst) & REPORTED == 0
}

/// Test hook: turns multi-shot on, returning whether it was on.
#[no_mangle]
pub extern "C" fn kasan_save_enable_multi_shot() -> bool {
    FLAGS.fetch_or(MULTI_SHOT, Ordering::SeqCst) & MULTI_SHOT != 0
}

/// Test hook: turns multi-shot back off unless it was on before.
#[no_mangle]
pub extern "C" fn kasan_restore_multi_shot(enabled: bool) {
    if !enabled {
        FLAGS.fetch_and(!MULTI_SHOT, Ordering::SeqCst);
    }
}

/// Test hook: the KASAN KUnit suite starts; its reports do not fail tests.
#[no_mangle]
pub extern "C" fn kasan_kunit_test_suite_start() {
    KUNIT_EXECUTING.store(true, Ordering::SeqCst);
}

/// Test hook: the KASAN KUnit suite ended.
#[no_mangle]
pub extern "C" fn kasan_kunit_test_suite_end() {
    KUNIT_EXECUTING.store(false, Ordering::SeqCst);
}

/// Everything a report says about one bug (`struct kasan_report_info`).
struct Info<'a> {
    kind: ReportKind,
    access_addr: usize,
    access_size: usize,
    is_write: bool,
    ip: usize,
    first_bad_addr: usize,
    /// The object's cache and start, if the address is slab memory.
    object: Option<(Cache<'a>, usize)>,
    object_size: usize,
    alloc_size: usize,
    bug_type: BugType,
    alloc_track: Option<Track>,
    free_track: Option<Track>,
}

/// The banner lines that open and close a report.
const BANNER: &CStr = c"\x013==================================================================\n";

/// An open report: the report state entered and the report lock held.
struct OpenReport {
    // Field order is drop order: the lock goes before the report state ends.
    lock: ReportLock,
    section: ReportSection,
}

/// Opens a report: fails a non-KASAN KUnit test that caused it, stops lockdep
/// and tracing noise, suppresses tag checks, takes the report lock.
#[inline(always)]
fn start_report() -> OpenReport {
    if !KUNIT_EXECUTING.load(Ordering::Relaxed) {
        ffi::fail_current_kunit_test();
    }
    let section = ReportSection::enter();
    let lock = ReportLock::lock();
    printk!(BANNER);
    OpenReport { lock, section }
}

/// Closes a report and applies the policy: `panic_on_warn` unless in
/// multi-shot mode, `kasan.fault`, taint.
#[inline(always)]
fn end_report(report: OpenReport, addr: usize, is_write: bool) {
    if addr != 0 {
        ffi::trace_error_report_end(addr);
    }
    printk!(BANNER);
    let OpenReport { lock, section } = report;
    drop(lock);
    if !multi_shot() {
        ffi::check_panic_on_warn();
    }
    if let Some(message) = params::get().fault().panic_c_message(is_write) {
        ffi::panic(message);
    }
    ffi::taint_bad_page();
    drop(section);
}

/// Fills in what the report needs beyond the fault: the object and its cache,
/// the requested size, the bug type and the alloc/free stacks from the ring.
#[inline(always)]
fn complete(info: &mut Info<'_>) {
    let addr = reset_tag(info.access_addr);
    info.first_bad_addr = addr;
    let preset = BugType::of_kind(info.kind);
    if let Some(slab) = Slab::containing(addr) {
        let cache = slab.cache();
        let object = slab.nearest_object(cache, addr);
        info.object = Some((cache, object));
        info.object_size = cache.info().object_size;
        let tags = slab.tags_from(object);
        info.alloc_size = match logic::alloc_size_from_tags(info.object_size, tags) {
            0 => info.object_size,
            n => n,
        };
    }
    let common = BugType::common(info.access_addr, info.access_size);
    let Some((_, object)) = info.object.filter(|&(_, object)| object != 0) else {
        info.bug_type = preset.unwrap_or(common);
        return;
    };
    let found = stack_ring::find(object, get_tag(info.access_addr), info.object_size, preset);
    info.bug_type = found.bug_type.unwrap_or(common);
    info.alloc_track = found.alloc;
    info.free_track = found.free;
}

/// `BUG: KASAN: ...` and the access line.
#[inline(always)]
fn print_error_description(info: &Info<'_>, comm: &CStr) {
    printk!(
        c"\x013BUG: KASAN: %s in %pS\n",
        Str(info.bug_type.c_name()),
        Ptr(info.ip)
    );
    let pid = ffi::current_pid() as c_int;
    let addr = info.access_addr;
    if info.kind != ReportKind::Access {
        printk!(
            c"\x013Free of addr %px by task %s/%d\n",
            Ptr(addr),
            Str(comm),
            Int(pid)
        );
        return;
    }
    let rw: &CStr = if info.is_write { c"Write" } else { c"Read" };
    if info.access_size != 0 {
        printk!(
            c"\x013%s of size %zu at addr %px by task %s/%d\n",
            Str(rw),
            Usize(info.access_size),
            Ptr(addr),
            Str(comm),
            Int(pid)
        );
    } else {
        printk!(
            c"\x013%s at addr %px by task %s/%d\n",
            Str(rw),
            Ptr(addr),
            Str(comm),
            Int(pid)
        );
    }
}

/// `Allocated by task N:` / `Freed by task N:` (with
/// `CONFIG_KASAN_EXTRA_INFO`: `... by task N on cpu C at S.USECs:`) and the
/// stack.
#[inline(always)]
fn print_track(track: &Track, prefix: &CStr) {
    #[cfg(CONFIG_KASAN_EXTRA_INFO)]
    {
        let (secs, usecs) = track.extra.seconds_and_micros();
        printk!(
            c"\x013%s by task %u on cpu %d at %lu.%06lus:\n",
            Str(prefix),
            Uint(track.pid as c_uint),
            Int(track.extra.cpu() as c_int),
            Ulong(secs as core::ffi::c_ulong),
            Ulong(usecs as core::ffi::c_ulong)
        );
    }
    #[cfg(not(CONFIG_KASAN_EXTRA_INFO))]
    printk!(
        c"\x013%s by task %u:\n",
        Str(prefix),
        Uint(track.pid as c_uint)
    );
    if track.stack != 0 {
        ffi::stack_depot_print(track.stack);
    } else {
        printk!(c"\x013(stack is not available)\n");
    }
}

/// The object paragraph: alloc/free stacks, the object and where the address
/// lies relative to it.
#[inline(always)]
fn describe_object(addr: usize, info: &Info<'_>, cache: Cache<'_>, object: usize) {
    if stack_ring::collection_enabled() {
        if let Some(t) = info.alloc_track.filter(|t| t.stack != 0) {
            print_track(&t, c"Allocated");
            printk!(c"\x013\n");
        }
        if let Some(t) = info.free_track.filter(|t| t.stack != 0) {
            print_track(&t, c"Freed");
            printk!(c"\x013\n");
        }
    }
    printk!(
        c"\x013The buggy address belongs to the object at %px\n which belongs to the cache %s of size %d\n",
        Ptr(object),
        Str(cache.name()),
        Int(info.object_size as c_int)
    );
    let rel = logic::relative_position(addr, object, info.alloc_size);
    printk!(
        c"\x013The buggy address is located %d bytes %s of\n %s%zu-byte region [%px, %px)\n",
        Int(rel.bytes as c_int),
        Str(rel.side.c_str()),
        Str(c""),
        Usize(info.alloc_size),
        Ptr(object),
        Ptr(object.wrapping_add(info.alloc_size))
    );
}

/// Call trace, object, variable, vmalloc area and page paragraphs.
#[inline(always)]
fn print_address_description(addr: usize, info: &Info<'_>) {
    let mut page = PageRef::head_of(addr);
    ffi::dump_stack();
    printk!(c"\x013\n");
    if let Some((cache, object)) = info.object.filter(|&(_, object)| object != 0) {
        describe_object(addr, info, cache, object);
        printk!(c"\x013\n");
    }
    if ffi::addr_is_variable(addr) {
        printk!(c"\x013The buggy address belongs to the variable:\n");
        printk!(c"\x013 %pS\n", Ptr(addr));
        printk!(c"\x013\n");
    }
    if ffi::object_is_on_stack(addr) {
        // No stack frame description in this mode.
        printk!(c"\x013\n");
    }
    if ffi::is_vmalloc_addr(addr) {
        printk!(c"\x013The buggy address belongs to a");
        if !ffi::vmalloc_dump_obj(addr) {
            printk!(c"\x01c vmalloc virtual mapping\n");
        }
        page = PageRef::of_vmalloc(addr);
    }
    if let Some(page) = page {
        printk!(c"\x013The buggy address belongs to the physical page:\n");
        page.dump(c"kasan: bad access detected");
        printk!(c"\x013\n");
    }
}

/// `Memory state around the buggy address:`: five rows of sixteen granule
/// tags, the buggy row marked `>` and its granule `^`.
#[inline(always)]
fn print_memory_metadata(addr: usize) {
    printk!(c"\x013Memory state around the buggy address:\n");
    for i in 0..dump::ROWS {
        let row = dump::row(addr, i);
        let prefix = dump::row_prefix(row, i == dump::ROWS_AROUND);
        let prefix = CStr::from_bytes_until_nul(&prefix).unwrap_or(c"");
        // A row (256 bytes, aligned) never spans two pages: one check per row.
        match mm::mem_tags_if_mapped::<{ dump::TAGS_PER_ROW }>(row) {
            Some(tags) => ffi::print_hex_row(prefix, &tags),
            None => printk!(c"\x013%s(not mapped)\n", Str(prefix)),
        }
        if dump::is_guilty(row, addr) {
            printk!(
                c"\x013%*c\n",
                Int(dump::caret_width(row, addr) as c_int),
                Char(b'^')
            );
        }
    }
}

/// Prints the body of a report. Named like its C counterpart so that the call
/// trace inside the report reads the same.
#[export_name = "print_report"]
#[inline(never)]
fn print_report(info: &Info<'_>, comm: &CStr) {
    let addr = reset_tag(info.access_addr);
    let tag = get_tag(info.access_addr);
    print_error_description(info, comm);
    let has_metadata = ffi::is_vmalloc_addr(addr) || ffi::virt_addr_valid(addr);
    if has_metadata {
        match mm::mem_tag_if_mapped(info.first_bad_addr) {
            Some(mem) => printk!(
                c"\x013Pointer tag: [%02x], memory tag: [%02x]\n",
                Uint(tag as c_uint),
                Uint(mem as c_uint)
            ),
            None => printk!(
                c"\x013Pointer tag: [%02x], memory tag: [not mapped]\n",
                Uint(tag as c_uint)
            ),
        }
    }
    printk!(c"\x013\n");
    if has_metadata {
        print_address_description(addr, info);
        print_memory_metadata(info.first_bad_addr);
    } else {
        ffi::dump_stack();
    }
}

fn new_info<'a>(kind: ReportKind, addr: usize, size: usize, is_write: bool, ip: usize) -> Info<'a> {
    Info {
        kind,
        access_addr: addr,
        access_size: size,
        is_write,
        ip,
        first_bad_addr: 0,
        object: None,
        object_size: 0,
        alloc_size: 0,
        bug_type: BugType::InvalidAccess,
        alloc_track: None,
        free_track: None,
    }
}

/// Prints the report of `info` between the banners.
#[inline(always)]
fn report(mut info: Info<'_>, addr: usize, is_write: bool) {
    let open = start_report();
    complete(&mut info);
    print_report(&info, open.section.current_comm());
    end_report(open, addr, is_write);
}

/// Reports a bad access of `size` bytes (0: unknown, as for tag-check faults)
/// at `addr` from `ip`. Returns false if the report was not printed (only the
/// first report is, without `kasan_multi_shot`). Called by the arm64 fault
/// handler and by `__kasan_check_byte`.
///
/// `user_access_save()`/`restore()` of the C version are no-ops on arm64.
#[no_mangle]
#[inline(never)]
pub extern "C" fn kasan_report(
    addr: *const c_void,
    size: usize,
    is_write: bool,
    ip: usize,
) -> bool {
    if !report_enabled() {
        return false;
    }
    let addr = addr as usize;
    report(
        new_info(ReportKind::Access, addr, size, is_write, ip),
        addr,
        is_write,
    );
    true
}

/// Reports an invalid or double free of `ptr` from `ip`, as `kind` (C's
/// `enum kasan_report_type`, an integer here: a C caller may pass any value).
/// Counts as a write for `kasan.fault=panic_on_write` (the allocator would
/// write its metadata).
#[no_mangle]
#[inline(never)]
pub extern "C" fn kasan_report_invalid_free(ptr: *mut c_void, ip: usize, kind: c_uint) {
    let kind = ReportKind::free_from_c(kind).unwrap_or_else(|| {
        // The caller's bug, not the free's: say so, and still report the free.
        ffi::warn(c"kasan_report_invalid_free: report type is not a free; reporting invalid-free");
        ReportKind::InvalidFree
    });
    if !report_enabled() {
        return;
    }
    let ptr = ptr as usize;
    report(new_info(kind, ptr, 0, false, ip), ptr, true);
}

/// Reports an asynchronous tag-check fault found in `TFSR_EL1`: no address,
/// only the stack of where it was noticed. Counts as a write.
#[no_mangle]
#[inline(never)]
pub extern "C" fn kasan_report_async() {
    if !report_enabled() {
        return;
    }
    let open = start_report();
    printk!(c"\x013BUG: KASAN: invalid-access\n");
    printk!(c"\x013Asynchronous fault: no details available\n");
    printk!(c"\x013\n");
    ffi::dump_stack();
    end_report(open, 0, true);
}
