// SPDX-License-Identifier: GPL-2.0

//! The edge with C: every kernel function and datum this crate uses.
//!
//! The raw declarations ([`bindings`]) are private to this module and its
//! children, so the rest of the crate cannot call C directly. What it gets
//! instead:
//!
//! - the functions below: safe where the C function has no precondition a
//!   caller could break, `unsafe fn` with a `# Safety` section where it has;
//! - [`mm`]: a live cache, a slab, a page, an allocation being handed out or
//!   freed, each a type whose `# Invariants` one `unsafe` constructor
//!   establishes, used safely afterwards;
//! - [`printk`]: `_printk` with a format checked against its arguments at
//!   compile time;
//! - [`poison`]: tagging memory a hook owns (`kasan_poison()`,
//!   `kasan_unpoison()`), the `unsafe` layer under [`mm`]'s allocations;
//! - [`locks`]: the ring and report locks as guards; [`static_keys`]: KASAN's
//!   static keys;
//! - [`stack`]: saving the current stack into the stack depot.
//!
//! Every `unsafe` block of the crate that is about C lives in this module tree.

mod bindings;
pub mod depot_cache;
mod layout;
pub mod locks;
pub mod mm;
pub mod poison;
pub mod printk;
pub mod stack;
pub mod static_keys;

pub use bindings::{DepotHandle, Gfp, KmemCache, Page, Slab as RawSlab, VmStruct};
#[cfg(CONFIG_KFENCE)]
pub(crate) use layout::KFENCE_POOL_BYTES;

use crate::kasan_core::params::Mode;
use core::ffi::{c_int, c_void, CStr};
use core::marker::PhantomData;

/// `kasan_vmalloc_flags_t` (include/linux/kasan.h).
pub type VmallocFlags = u32;
pub const KASAN_VMALLOC_INIT: VmallocFlags = 0x01;
pub const KASAN_VMALLOC_VM_ALLOC: VmallocFlags = 0x02;
pub const KASAN_VMALLOC_PROT_NORMAL: VmallocFlags = 0x04;
pub const KASAN_VMALLOC_KEEP_TAG: VmallocFlags = 0x08;

/// `STACK_DEPOT_FLAG_CAN_ALLOC | STACK_DEPOT_FLAG_GET` (include/linux/stackdepot.h):
/// the depot may allocate, and takes a reference the ring drops on overwrite.
pub const STACK_DEPOT_CAN_ALLOC_GET: u32 = 0x1 | 0x2;

/// The address of the running task's `struct task_struct`: `current`, which
/// arm64 keeps in `sp_el0` (`get_current()`). For the edge's direct reads of
/// the task ([`stack`], [`depot_cache`]).
#[inline(always)]
fn current_task() -> usize {
    let current: usize;
    // SAFETY: reading `sp_el0` touches no memory.
    unsafe {
        core::arch::asm!("mrs {}, sp_el0", out(reg) current, options(nomem, nostack, preserves_flags))
    };
    current
}

/// `KERN_ERR` as a level string.
const KERN_ERR: &CStr = c"\x013";

/// `-EINVAL` for boot-parameter handlers.
pub const EINVAL: c_int = 22;

/// `WARN()` with a fixed message, as a plain call: for functions that are leaves
/// but for the warning, which [`warn`]'s link-register use would give a frame on
/// every call.
#[inline(never)]
#[cold]
pub fn warn_cold(what: &'static CStr) {
    // SAFETY: `what` is a NUL-terminated string that lives forever.
    unsafe { bindings::kasan_rs_warn(what.as_ptr()) };
}

/// `WARN()` with a fixed message (the splat names the caller in its trace).
///
/// Like C's `WARN()`, which is a `brk` the trap handler reports from, this
/// clobbers no register of the caller: it goes through
/// `kasan_rs_warn_preserving` (below), which saves and restores every
/// register a call may change around the call to the C `kasan_rs_warn()`. A
/// hook with a warning path (an unaligned range) then keeps its values in
/// the registers it would use without one, instead of moving them to
/// callee-saved registers on every call, warning or not.
#[inline(always)]
pub fn warn(what: &'static CStr) {
    // The trampoline takes the message in x0 and calls `kasan_rs_warn()` with it,
    // keeping the stack 16-byte aligned with a frame record (the WARNING's stack
    // trace walks through it to the caller).
    // SAFETY: it returns with every register but x30 (declared clobbered) as it
    // found them, and the message is a NUL-terminated string that lives forever.
    unsafe {
        core::arch::asm!(
            "bl kasan_rs_warn_preserving",
            in("x0") what.as_ptr(),
            out("x30") _,
        );
    }
}

// The trampoline of `warn`, in .text (the kernel's linker script places no other
// text section of ours): a frame record, then x0-x18 saved, the call,
// x0-x18 restored. x18 is saved too: it is a temporary without shadow call
// stacks, and restoring the unchanged value with them is harmless. The
// condition flags are not preserved (`warn` does not promise them).
core::arch::global_asm!(
    ".pushsection .text, \"ax\"",
    ".p2align 2",
    ".type kasan_rs_warn_preserving, %function",
    "kasan_rs_warn_preserving:",
    "stp x29, x30, [sp, #-176]!",
    "mov x29, sp",
    "stp x0, x1, [sp, #16]",
    "stp x2, x3, [sp, #32]",
    "stp x4, x5, [sp, #48]",
    "stp x6, x7, [sp, #64]",
    "stp x8, x9, [sp, #80]",
    "stp x10, x11, [sp, #96]",
    "stp x12, x13, [sp, #112]",
    "stp x14, x15, [sp, #128]",
    "stp x16, x17, [sp, #144]",
    "str x18, [sp, #160]",
    "bl kasan_rs_warn",
    "ldr x18, [sp, #160]",
    "ldp x16, x17, [sp, #144]",
    "ldp x14, x15, [sp, #128]",
    "ldp x12, x13, [sp, #112]",
    "ldp x10, x11, [sp, #96]",
    "ldp x8, x9, [sp, #80]",
    "ldp x6, x7, [sp, #64]",
    "ldp x4, x5, [sp, #48]",
    "ldp x2, x3, [sp, #32]",
    "ldp x0, x1, [sp, #16]",
    "ldp x29, x30, [sp], #176",
    "ret",
    ".size kasan_rs_warn_preserving, . - kasan_rs_warn_preserving",
    ".popsection",
);

/// `virt_addr_valid(addr)`: `addr` (tag ignored) is in the linear map, so it
/// has a `struct page`. A range check, for any value.
#[inline(always)]
pub fn virt_addr_valid(addr: usize) -> bool {
    // SAFETY: `virt_addr_valid()` only compares the value with the linear map's
    // bounds and looks at the memmap section it would belong to.
    unsafe { bindings::kasan_rs_virt_addr_valid(addr as *const c_void) }
}

/// `is_vmalloc_addr(addr)`: a range check, for any value.
#[inline(always)]
pub fn is_vmalloc_addr(addr: usize) -> bool {
    // SAFETY: a comparison with the vmalloc area's bounds.
    unsafe { bindings::kasan_rs_is_vmalloc_addr(addr as *const c_void) }
}

/// `is_kernel() || is_module_address()`, but not the init task's stack: `addr`
/// is a global variable. A lookup, for any value.
pub fn addr_is_variable(addr: usize) -> bool {
    // SAFETY: range checks and a module-tree lookup of any value.
    unsafe { bindings::kasan_rs_addr_is_variable(addr as *const c_void) }
}

/// `object_is_on_stack(addr)`: within the current task's stack. Any value.
pub fn object_is_on_stack(addr: usize) -> bool {
    // SAFETY: compares the value with the current task's stack bounds.
    unsafe { bindings::kasan_rs_object_is_on_stack(addr as *const c_void) }
}

/// `system_supports_mte()`.
pub fn system_supports_mte() -> bool {
    // SAFETY: a CPU capability query.
    unsafe { bindings::kasan_rs_system_supports_mte() }
}

/// `task_pid_nr(current)`, read inline: every ring save records it. Not
/// `kernel::task::Task::pid()`: on this config the generated `task_struct`
/// layout disagrees with the C one and it reads 0; the offset here is the C
/// compiler's (layout.c).
#[inline(always)]
pub fn current_pid() -> u32 {
    let pid = current_task() + layout::TASK_STRUCT_PID;
    // One volatile load, as task_pid_nr()'s plain one: an exec in another
    // thread of the group may rewrite the field (de_thread()).
    // SAFETY: `pid` is the `pid` (4 bytes, checked in layout.c) of the running task's task_struct.
    unsafe { core::ptr::read_volatile(pid as *const u32) }
}

/// `raw_smp_processor_id()` and `local_clock()`: the CPU and time of an event
/// happening now (`CONFIG_KASAN_EXTRA_INFO`'s track fields).
#[cfg(CONFIG_KASAN_EXTRA_INFO)]
#[inline(always)]
pub fn cpu_and_clock() -> (u32, u64) {
    // SAFETY: both read per-CPU or clock state, in any context.
    unsafe {
        (
            bindings::kasan_rs_raw_cpu(),
            bindings::kasan_rs_local_clock(),
        )
    }
}

/// Turns on tag checking on the calling CPU in `mode`
/// (`mte_enable_kernel_{sync,async,asymm}()`).
pub fn enable_tag_checks(mode: Mode) {
    // SAFETY: the arch functions program SCTLR_EL1.TCF of the calling CPU and
    // take no argument.
    unsafe {
        match mode {
            Mode::Sync => bindings::mte_enable_kernel_sync(),
            Mode::Async => bindings::mte_enable_kernel_async(),
            Mode::Asymm => bindings::mte_enable_kernel_asymm(),
        }
    }
}

/// `mte_check_tfsr_el1()`: reports this CPU's pending asynchronous tag fault,
/// if any (through `kasan_report_async()`).
pub fn check_tfsr_el1() {
    // SAFETY: reads and clears TFSR_EL1 of the calling CPU.
    unsafe { bindings::mte_check_tfsr_el1() };
}

/// `mte_check_tfsr_exit()`: as [`check_tfsr_el1`], after a barrier.
#[cfg(CONFIG_KASAN_KUNIT_TEST)]
pub fn check_tfsr_exit() {
    // SAFETY: as `check_tfsr_el1`.
    unsafe { bindings::kasan_rs_check_tfsr_exit() };
}

/// Runs `func` on every online CPU with CPU hotplug held off, and waits
/// (`cpus_read_lock(); on_each_cpu(func, NULL, 1)`): may sleep.
///
/// # Safety
///
/// `func` may be called with NULL on every online CPU, from an IPI (interrupts
/// off), with CPU hotplug held off.
pub unsafe fn on_each_online_cpu(func: unsafe extern "C" fn(*mut c_void)) {
    // SAFETY: the caller's contract is `func`'s.
    unsafe { bindings::kasan_rs_on_each_online_cpu(Some(func)) };
}

/// `this_cpu_dec_return(kasan_page_alloc_skip)`: the sampling countdown.
#[inline(always)]
pub fn page_alloc_skip_dec_return() -> isize {
    // SAFETY: a this-CPU operation on glue.c's counter, in any context.
    unsafe { bindings::kasan_rs_page_alloc_skip_dec_return() }
}

/// `this_cpu_write(kasan_page_alloc_skip, value)`.
#[inline(always)]
pub fn page_alloc_skip_set(value: isize) {
    // SAFETY: as above.
    unsafe { bindings::kasan_rs_page_alloc_skip_set(value) };
}

/// `memblock_alloc(size, SMP_CACHE_BYTES)`: zeroed boot memory, or NULL.
///
/// # Safety
///
/// Boot only: memblock (and this `__init` wrapper) is gone after init.
pub unsafe fn memblock_alloc(size: usize) -> *mut c_void {
    // SAFETY: the caller runs at boot.
    unsafe { bindings::kasan_rs_memblock_alloc(size) }
}

/// `stack_depot_print(handle)`. The depot checks a handle's pool index and
/// reads only its own pools, so any value is memory-safe; only handles it gave
/// out print a meaningful stack.
pub fn stack_depot_print(handle: DepotHandle) {
    // SAFETY: see above.
    unsafe { bindings::stack_depot_print(handle) };
}

/// `stack_depot_put(handle)`: gives up a reference to a stack.
///
/// # Safety
///
/// The caller holds a reference to `handle`'s record, taken by a save with
/// `STACK_DEPOT_FLAG_GET` ([`stack::save_current`]) or by [`depot_cache`], and
/// gives it up here, once.
#[inline(always)]
pub unsafe fn stack_depot_put(handle: DepotHandle) {
    // SAFETY: forwarded from the caller.
    unsafe { bindings::stack_depot_put(handle) };
}

/// `dump_stack_lvl(KERN_ERR)`: the current call trace.
pub fn dump_stack() {
    // SAFETY: the level is a NUL-terminated string.
    unsafe { bindings::dump_stack_lvl(KERN_ERR.as_ptr()) };
}

/// `print_hex_dump(KERN_ERR, prefix, DUMP_PREFIX_NONE, bytes.len(), 1, bytes,
/// bytes.len(), false)`: one row of bytes after `prefix`.
pub fn print_hex_row(prefix: &CStr, bytes: &[u8]) {
    // SAFETY: both strings are NUL-terminated and `bytes` is `bytes.len()` long.
    unsafe {
        bindings::print_hex_dump(
            KERN_ERR.as_ptr(),
            prefix.as_ptr(),
            0,
            bytes.len() as c_int,
            1,
            bytes.as_ptr().cast(),
            bytes.len(),
            false,
        )
    };
}

/// `vmalloc_dump_obj(addr)`: prints the vmalloc area of `addr` (as
/// ` N-page vmalloc region starting at ...`), if it finds it under its
/// trylock. Any value.
pub fn vmalloc_dump_obj(addr: usize) -> bool {
    // SAFETY: the area is looked up, not dereferenced, unless found.
    unsafe { bindings::vmalloc_dump_obj(addr as *mut c_void) }
}

/// `kunit_set_failure()` of the current task's KUnit test, if it runs one.
pub fn fail_current_kunit_test() {
    // SAFETY: reads `current->kunit_test`, valid in any context.
    unsafe { bindings::kasan_rs_fail_current_kunit_test() };
}

/// `trace_error_report_end(ERROR_DETECTOR_KASAN, addr)`.
pub fn trace_error_report_end(addr: usize) {
    // SAFETY: fires a tracepoint with a plain value.
    unsafe { bindings::kasan_rs_trace_error_report_end(addr) };
}

/// `check_panic_on_warn("KASAN")`: panics if `panic_on_warn` is set.
pub fn check_panic_on_warn() {
    // SAFETY: the origin is a NUL-terminated string.
    unsafe { bindings::check_panic_on_warn(c"KASAN".as_ptr()) };
}

/// `panic("%s", message)`.
pub fn panic(message: &CStr) -> ! {
    // SAFETY: one `%s` conversion, given a NUL-terminated string.
    unsafe { bindings::panic(c"%s".as_ptr(), message.as_ptr()) }
}

/// `add_taint(TAINT_BAD_PAGE, LOCKDEP_NOW_UNRELIABLE)`, as after every report.
pub fn taint_bad_page() {
    // SAFETY: plain values.
    unsafe { bindings::add_taint(bindings::TAINT_BAD_PAGE, bindings::LOCKDEP_NOW_UNRELIABLE) };
}

/// The state a report prints in: tracing's dump-on-warning off, lockdep off,
/// tag checks suppressed on this CPU (PSTATE.TCO) with preemption off. Undone,
/// in reverse, when dropped.
pub struct ReportSection {
    // Not `Send`: ends on the CPU it started on (preemption is off).
    _not_send: PhantomData<*mut ()>,
}

impl ReportSection {
    /// Enters the report state.
    #[inline(always)]
    pub fn enter() -> Self {
        // SAFETY: state switches with no precondition; `drop` undoes the last two.
        unsafe {
            bindings::kasan_rs_disable_trace_on_warning();
            bindings::kasan_rs_lockdep_off();
            bindings::kasan_rs_suppress_tag_checks_start();
        }
        ReportSection {
            _not_send: PhantomData,
        }
    }
}

impl ReportSection {
    /// `current->comm`: the name of the task the report runs in, which cannot
    /// exit while it does.
    pub fn current_comm(&self) -> &CStr {
        // SAFETY: `comm` is a NUL-terminated array inside the current task,
        // which outlives this borrow of the section it runs.
        unsafe { CStr::from_ptr(bindings::kasan_rs_current_comm()) }
    }
}

impl Drop for ReportSection {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: undoes `enter()` on the same CPU.
        unsafe {
            bindings::kasan_rs_lockdep_on();
            bindings::kasan_rs_suppress_tag_checks_stop();
        }
    }
}
