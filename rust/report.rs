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

use crate::ffi::{self, KmemCache, KERN_ERR};
use crate::kasan_core::params::FaultMode;
use crate::kasan_core::report::{self as logic, dump, BugType, ReportKind};
use crate::kasan_core::stack_ring::Track;
use crate::kasan_core::tags::{get_tag, reset_tag, GRANULE_SIZE};
use crate::locks::ReportLock;
use crate::{mte, params, stack, stack_ring};
use core::ffi::{c_char, c_int, c_uint, c_void, CStr};
use core::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Prints one line through `_printk` with a C format string (level included).
macro_rules! printk {
    ($fmt:expr $(, $arg:expr)* $(,)?) => {
        // SAFETY: the format is a NUL-terminated C string whose conversions match
        // the argument types given (pointers for %px/%pS/%s, c_int for %d and
        // %*c, c_uint for %u/%02x, usize for %zu).
        unsafe {
            ffi::_printk($fmt.as_ptr() $(, $arg)*);
        }
    };
}

/// `kasan_flags` bits.
const REPORTED: usize = 1 << 0;
const MULTI_SHOT: usize = 1 << 1;
static FLAGS: AtomicUsize = AtomicUsize::new(0);

/// Whether the KASAN KUnit suite is running (its reports are expected).
static KUNIT_EXECUTING: AtomicBool = AtomicBool::new(false);

/// `kasan_multi_shot`: print every report, not only the first.
pub fn enable_multi_shot() {
    FLAGS.fetch_or(MULTI_SHOT, Ordering::SeqCst);
}

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
struct Info {
    kind: ReportKind,
    access_addr: usize,
    access_size: usize,
    is_write: bool,
    ip: usize,
    first_bad_addr: usize,
    cache: *mut KmemCache,
    object: usize,
    object_size: usize,
    alloc_size: usize,
    bug_type: BugType,
    alloc_track: Option<Track>,
    free_track: Option<Track>,
}

/// The banner lines that open and close a report.
const BANNER: &CStr = c"\x013==================================================================\n";

/// Opens a report: fails a non-KASAN KUnit test that caused it, stops lockdep
/// and tracing noise, suppresses tag checks, takes the report lock.
#[inline(always)]
fn start_report() -> ReportLock {
    if !KUNIT_EXECUTING.load(Ordering::Relaxed) {
        // SAFETY: marks the current task's KUnit test (if any) as failed.
        unsafe { ffi::kasan_rs_fail_current_kunit_test() };
    }
    // SAFETY: plain kernel state switches; undone in `end_report`.
    unsafe {
        ffi::kasan_rs_disable_trace_on_warning();
        ffi::kasan_rs_lockdep_off();
        ffi::kasan_rs_suppress_tag_checks_start();
    }
    let lock = ReportLock::lock();
    printk!(BANNER);
    lock
}

/// Closes a report and applies the policy: `panic_on_warn` unless in
/// multi-shot mode, `kasan.fault`, taint.
#[inline(always)]
fn end_report(lock: ReportLock, addr: usize, is_write: bool) {
    if addr != 0 {
        // SAFETY: fires the error_report_end tracepoint.
        unsafe { ffi::kasan_rs_trace_error_report_end(addr) };
    }
    printk!(BANNER);
    drop(lock);
    if !multi_shot() {
        // SAFETY: may panic if panic_on_warn is set, as upstream.
        unsafe { ffi::check_panic_on_warn(c"KASAN".as_ptr()) };
    }
    match params::get().fault() {
        FaultMode::Report => {}
        // SAFETY: panics with a constant message.
        FaultMode::Panic => unsafe { ffi::panic(c"kasan.fault=panic set ...\n".as_ptr()) },
        FaultMode::PanicOnWrite if is_write => unsafe {
            // SAFETY: as above.
            ffi::panic(c"kasan.fault=panic_on_write set ...\n".as_ptr())
        },
        FaultMode::PanicOnWrite => {}
    }
    // SAFETY: the state switches of `start_report`, undone in reverse.
    unsafe {
        ffi::add_taint(ffi::TAINT_BAD_PAGE, ffi::LOCKDEP_NOW_UNRELIABLE);
        ffi::kasan_rs_lockdep_on();
        ffi::kasan_rs_suppress_tag_checks_stop();
    }
}

/// The bug type as a C string.
fn bug_type_cstr(t: BugType) -> &'static CStr {
    match t {
        BugType::SlabOutOfBounds => c"slab-out-of-bounds",
        BugType::SlabUseAfterFree => c"slab-use-after-free",
        BugType::InvalidAccess => c"invalid-access",
        BugType::OutOfBounds => c"out-of-bounds",
        BugType::DoubleFree => c"double-free",
        BugType::InvalidFree => c"invalid-free",
    }
}

/// Whether `addr` (untagged) is in the linear map (`virt_addr_valid`).
#[inline(always)]
fn in_linear_map(addr: usize) -> bool {
    // SAFETY: a range check on any value.
    unsafe { ffi::kasan_rs_virt_addr_valid(addr as *const c_void) }
}

/// Whether `addr` (untagged) is a vmalloc address.
#[inline(always)]
fn in_vmalloc(addr: usize) -> bool {
    // SAFETY: a range check on any value.
    unsafe { ffi::kasan_rs_is_vmalloc_addr(addr as *const c_void) }
}

/// Whether the page holding `addr` (untagged) can have its tags read: linear-map
/// memory, or vmalloc memory with a page mapped there.
fn is_mapped(addr: usize) -> bool {
    in_linear_map(addr)
        // SAFETY: `vmalloc_to_page()` walks the page tables of any vmalloc address.
        || (in_vmalloc(addr) && !unsafe { ffi::vmalloc_to_page(addr as *const c_void) }.is_null())
}

/// The memory tag of the granule at `addr` (untagged), if it can be read safely.
fn readable_mem_tag(addr: usize) -> Option<u8> {
    is_mapped(addr).then(|| mte::mem_tag(addr))
}

/// Fills in what the report needs beyond the fault: the object and its cache,
/// the requested size, the bug type and the alloc/free stacks from the ring.
#[inline(always)]
fn complete(info: &mut Info) {
    let addr = reset_tag(info.access_addr);
    info.first_bad_addr = addr;
    let slab = stack::kasan_addr_to_slab(addr as *const c_void);
    let preset = BugType::of_kind(info.kind);
    if !slab.is_null() {
        // SAFETY: `slab` is the live slab holding `addr`.
        unsafe {
            info.cache = ffi::kasan_rs_slab_cache(slab);
            info.object = ffi::kasan_rs_nearest_obj(info.cache, slab, addr as *mut c_void) as usize;
            info.object_size = crate::layout::CacheInfo::of(info.cache).object_size;
        }
        let object = info.object;
        let tags = (0..).map(|i: usize| mte::mem_tag(object.wrapping_add(i * GRANULE_SIZE)));
        info.alloc_size = match logic::alloc_size_from_tags(info.object_size, tags) {
            0 => info.object_size,
            n => n,
        };
    }
    let common = BugType::common(info.access_addr, info.access_size);
    if info.cache.is_null() || info.object == 0 {
        info.bug_type = preset.unwrap_or(common);
        return;
    }
    let found = stack_ring::find(
        info.object,
        get_tag(info.access_addr),
        info.object_size,
        preset,
    );
    info.bug_type = found.bug_type.unwrap_or(common);
    info.alloc_track = found.alloc;
    info.free_track = found.free;
}

/// `BUG: KASAN: ...` and the access line.
#[inline(always)]
fn print_error_description(info: &Info) {
    printk!(
        c"\x013BUG: KASAN: %s in %pS\n",
        bug_type_cstr(info.bug_type).as_ptr(),
        info.ip as *const c_void
    );
    // SAFETY: the current task's name, NUL-terminated.
    let comm = unsafe { ffi::kasan_rs_current_comm() };
    let pid = stack::current_pid() as c_int;
    let addr = info.access_addr as *const c_void;
    if info.kind != ReportKind::Access {
        printk!(c"\x013Free of addr %px by task %s/%d\n", addr, comm, pid);
        return;
    }
    let rw: &CStr = if info.is_write { c"Write" } else { c"Read" };
    if info.access_size != 0 {
        printk!(
            c"\x013%s of size %zu at addr %px by task %s/%d\n",
            rw.as_ptr(),
            info.access_size,
            addr,
            comm,
            pid
        );
    } else {
        printk!(
            c"\x013%s at addr %px by task %s/%d\n",
            rw.as_ptr(),
            addr,
            comm,
            pid
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
            prefix.as_ptr(),
            track.pid as c_uint,
            track.extra.cpu() as c_int,
            secs as core::ffi::c_ulong,
            usecs as core::ffi::c_ulong
        );
    }
    #[cfg(not(CONFIG_KASAN_EXTRA_INFO))]
    printk!(
        c"\x013%s by task %u:\n",
        prefix.as_ptr(),
        track.pid as c_uint
    );
    if track.stack != 0 {
        // SAFETY: a handle the ring holds a reference to.
        unsafe { ffi::stack_depot_print(track.stack) };
    } else {
        printk!(c"\x013(stack is not available)\n");
    }
}

/// The object paragraph: alloc/free stacks, the object and where the address
/// lies relative to it.
#[inline(always)]
fn describe_object(addr: usize, info: &Info) {
    if stack::collection_enabled() {
        if let Some(t) = info.alloc_track.filter(|t| t.stack != 0) {
            print_track(&t, c"Allocated");
            printk!(c"\x013\n");
        }
        if let Some(t) = info.free_track.filter(|t| t.stack != 0) {
            print_track(&t, c"Freed");
            printk!(c"\x013\n");
        }
    }
    let object = info.object as *const c_void;
    // SAFETY: the cache is live; its name is NUL-terminated.
    let cache_name = unsafe { ffi::kasan_rs_cache_name(info.cache) };
    printk!(
        c"\x013The buggy address belongs to the object at %px\n which belongs to the cache %s of size %d\n",
        object,
        cache_name,
        info.object_size as c_int
    );
    let rel = logic::relative_position(addr, info.object, info.alloc_size);
    let direction: &CStr = match rel.direction {
        "to the left" => c"to the left",
        "to the right" => c"to the right",
        _ => c"inside",
    };
    printk!(
        c"\x013The buggy address is located %d bytes %s of\n %s%zu-byte region [%px, %px)\n",
        rel.bytes as c_int,
        direction.as_ptr(),
        c"".as_ptr(),
        info.alloc_size,
        object,
        info.object.wrapping_add(info.alloc_size) as *const c_void
    );
}

/// Call trace, object, variable, vmalloc area and page paragraphs.
#[inline(always)]
fn print_address_description(addr: usize, info: &Info) {
    let p = addr as *const c_void;
    let mut page = if in_linear_map(addr) {
        // SAFETY: a linear-map address has a struct page.
        unsafe { ffi::kasan_rs_virt_to_head_page(p) }
    } else {
        core::ptr::null_mut()
    };
    // SAFETY: prints the current stack.
    unsafe { ffi::dump_stack_lvl(KERN_ERR.as_ptr()) };
    printk!(c"\x013\n");
    if !info.cache.is_null() && info.object != 0 {
        describe_object(addr, info);
        printk!(c"\x013\n");
    }
    // SAFETY: range checks on any value.
    if unsafe { ffi::kasan_rs_addr_is_variable(p) } {
        printk!(c"\x013The buggy address belongs to the variable:\n");
        printk!(c"\x013 %pS\n", p);
        printk!(c"\x013\n");
    }
    // SAFETY: as above.
    if unsafe { ffi::kasan_rs_object_is_on_stack(p) } {
        // No stack frame description in this mode.
        printk!(c"\x013\n");
    }
    if in_vmalloc(addr) {
        printk!(c"\x013The buggy address belongs to a");
        // SAFETY: `vmalloc_dump_obj()` looks the address up under a trylock.
        if !unsafe { ffi::vmalloc_dump_obj(p as *mut c_void) } {
            printk!(c"\x01c vmalloc virtual mapping\n");
        }
        // SAFETY: page-table walk of a vmalloc address.
        page = unsafe { ffi::vmalloc_to_page(p) };
    }
    if !page.is_null() {
        printk!(c"\x013The buggy address belongs to the physical page:\n");
        // SAFETY: `page` is a valid struct page found above.
        unsafe { ffi::dump_page(page, c"kasan: bad access detected".as_ptr()) };
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
        let mut prefix = [0 as c_char; 24];
        let fmt: &CStr = if i == dump::ROWS_AROUND {
            c">%px: "
        } else {
            c" %px: "
        };
        // SAFETY: `prefix` has room for `>` + 16 digits + `: ` + NUL.
        unsafe {
            ffi::snprintf(
                prefix.as_mut_ptr(),
                prefix.len(),
                fmt.as_ptr(),
                row as *const c_void,
            )
        };
        let mut tags = [0u8; dump::TAGS_PER_ROW];
        // A row (256 bytes, aligned) never spans two pages: one check per row.
        let mapped = is_mapped(row);
        if mapped {
            for (g, tag) in tags.iter_mut().enumerate() {
                *tag = mte::mem_tag(row.wrapping_add(g * GRANULE_SIZE));
            }
        }
        if mapped {
            // SAFETY: `tags` holds `TAGS_PER_ROW` bytes; `prefix` is NUL-terminated.
            unsafe {
                ffi::print_hex_dump(
                    KERN_ERR.as_ptr(),
                    prefix.as_ptr(),
                    0,
                    dump::TAGS_PER_ROW as c_int,
                    1,
                    tags.as_ptr().cast(),
                    tags.len(),
                    false,
                )
            };
        } else {
            printk!(c"\x013%s(not mapped)\n", prefix.as_ptr());
        }
        if dump::is_guilty(row, addr) {
            printk!(
                c"\x013%*c\n",
                dump::caret_width(row, addr) as c_int,
                b'^' as c_int
            );
        }
    }
}

/// Prints the body of a report. Named like its C counterpart so that the call
/// trace inside the report reads the same.
#[export_name = "print_report"]
#[inline(never)]
fn print_report(info: &Info) {
    let addr = reset_tag(info.access_addr);
    let tag = get_tag(info.access_addr);
    print_error_description(info);
    let has_metadata = in_vmalloc(addr) || in_linear_map(addr);
    if has_metadata {
        match readable_mem_tag(info.first_bad_addr) {
            Some(mem) => printk!(
                c"\x013Pointer tag: [%02x], memory tag: [%02x]\n",
                tag as c_uint,
                mem as c_uint
            ),
            None => printk!(
                c"\x013Pointer tag: [%02x], memory tag: [not mapped]\n",
                tag as c_uint
            ),
        }
    }
    printk!(c"\x013\n");
    if has_metadata {
        print_address_description(addr, info);
        print_memory_metadata(info.first_bad_addr);
    } else {
        // SAFETY: prints the current stack.
        unsafe { ffi::dump_stack_lvl(KERN_ERR.as_ptr()) };
    }
}

fn new_info(kind: ReportKind, addr: usize, size: usize, is_write: bool, ip: usize) -> Info {
    Info {
        kind,
        access_addr: addr,
        access_size: size,
        is_write,
        ip,
        first_bad_addr: 0,
        cache: core::ptr::null_mut(),
        object: 0,
        object_size: 0,
        alloc_size: 0,
        bug_type: BugType::InvalidAccess,
        alloc_track: None,
        free_track: None,
    }
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
    let lock = start_report();
    let mut info = new_info(ReportKind::Access, addr as usize, size, is_write, ip);
    complete(&mut info);
    print_report(&info);
    end_report(lock, addr as usize, is_write);
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
    let lock = start_report();
    let mut info = new_info(kind, ptr as usize, 0, false, ip);
    complete(&mut info);
    print_report(&info);
    end_report(lock, ptr as usize, true);
}

/// Reports an asynchronous tag-check fault found in `TFSR_EL1`: no address,
/// only the stack of where it was noticed. Counts as a write.
#[no_mangle]
#[inline(never)]
pub extern "C" fn kasan_report_async() {
    if !report_enabled() {
        return;
    }
    let lock = start_report();
    printk!(c"\x013BUG: KASAN: invalid-access\n");
    printk!(c"\x013Asynchronous fault: no details available\n");
    printk!(c"\x013\n");
    // SAFETY: prints the current stack.
    unsafe { ffi::dump_stack_lvl(KERN_ERR.as_ptr()) };
    end_report(lock, 0, true);
}
