// SPDX-License-Identifier: GPL-2.0

//! The C side this crate talks to: kernel functions, KASAN's remaining C
//! (`report.c`, `tags.c`) and the wrappers in `glue.c`.
//!
//! Each declaration repeats its C prototype. The types are opaque: Rust never
//! looks inside `struct kmem_cache`, `struct slab`, `struct page` or
//! `struct vm_struct`; `glue.c` does.

use core::ffi::{c_char, c_int, c_void};
use core::sync::atomic::{AtomicI32, Ordering};

macro_rules! opaque {
    ($($(#[$m:meta])* $name:ident;)*) => {$(
        $(#[$m])*
        #[repr(C)]
        pub struct $name {
            _opaque: [u8; 0],
        }
    )*};
}

opaque! {
    /// `struct kmem_cache` (mm/slab.h).
    KmemCache;
    /// `struct slab` (mm/slab.h).
    Slab;
    /// `struct page`.
    Page;
    /// `struct vm_struct`.
    VmStruct;
}

/// The head of `struct static_key`: `atomic_t enabled` is its first member.
#[repr(C)]
pub struct StaticKey {
    enabled: AtomicI32,
}

impl StaticKey {
    /// `static_key_enabled()`: the key's count is positive.
    #[inline(always)]
    pub fn enabled(&self) -> bool {
        self.enabled.load(Ordering::Relaxed) > 0
    }
}

/// `gfp_t`.
pub type Gfp = u32;
/// `depot_stack_handle_t`.
pub type DepotHandle = u32;
/// `kasan_vmalloc_flags_t` (include/linux/kasan.h).
pub type VmallocFlags = u32;
pub const KASAN_VMALLOC_INIT: VmallocFlags = 0x01;
pub const KASAN_VMALLOC_VM_ALLOC: VmallocFlags = 0x02;
pub const KASAN_VMALLOC_PROT_NORMAL: VmallocFlags = 0x04;
pub const KASAN_VMALLOC_KEEP_TAG: VmallocFlags = 0x08;

/// `STACK_DEPOT_FLAG_CAN_ALLOC | STACK_DEPOT_FLAG_GET` (include/linux/stackdepot.h):
/// the depot may allocate, and takes a reference the ring drops on overwrite.
pub const STACK_DEPOT_CAN_ALLOC_GET: u32 = 0x1 | 0x2;

/// `TAINT_BAD_PAGE`.
pub const TAINT_BAD_PAGE: u32 = 5;
/// `LOCKDEP_NOW_UNRELIABLE`.
pub const LOCKDEP_NOW_UNRELIABLE: c_int = 1;
/// `KERN_ERR` as a level string.
pub const KERN_ERR: &core::ffi::CStr = c"\x013";

extern "C" {
    // Static keys (glue.c, tags.c).
    pub static kasan_flag_enabled: StaticKey;
    pub static kasan_flag_vmalloc: StaticKey;
    pub static kasan_flag_stacktrace: StaticKey;
    /// `void kasan_rs_static_key_set(struct static_key *key, bool on);`
    pub fn kasan_rs_static_key_set(key: *const StaticKey, on: bool);

    // Printing.
    /// `int _printk(const char *fmt, ...);` (the format carries the log level).
    pub fn _printk(fmt: *const c_char, ...) -> c_int;
    /// `int snprintf(char *buf, size_t size, const char *fmt, ...);`
    pub fn snprintf(buf: *mut c_char, size: usize, fmt: *const c_char, ...) -> c_int;
    /// `void dump_stack_lvl(const char *log_lvl);`
    pub fn dump_stack_lvl(log_lvl: *const c_char);
    /// `void print_hex_dump(const char *level, const char *prefix_str, int prefix_type,
    ///     int rowsize, int groupsize, const void *buf, size_t len, bool ascii);`
    pub fn print_hex_dump(
        level: *const c_char,
        prefix: *const c_char,
        prefix_type: c_int,
        rowsize: c_int,
        groupsize: c_int,
        buf: *const c_void,
        len: usize,
        ascii: bool,
    );
    /// `void dump_page(const struct page *page, const char *reason);`
    pub fn dump_page(page: *const Page, reason: *const c_char);
    /// `bool vmalloc_dump_obj(void *object);`
    pub fn vmalloc_dump_obj(object: *mut c_void) -> bool;
    /// `void stack_depot_print(depot_stack_handle_t stack);`
    pub fn stack_depot_print(stack: DepotHandle);
    /// `void stack_depot_put(depot_stack_handle_t handle);`
    pub fn stack_depot_put(handle: DepotHandle);

    // After a report.
    /// `void check_panic_on_warn(const char *origin);`
    pub fn check_panic_on_warn(origin: *const c_char);
    /// `void panic(const char *fmt, ...);`
    pub fn panic(fmt: *const c_char, ...) -> !;
    /// `void add_taint(unsigned flag, enum lockdep_ok);`
    pub fn add_taint(flag: u32, lockdep_ok: c_int);

    // Stack traces and the stack depot.
    /// `unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr);`
    pub fn stack_trace_save(store: *mut usize, size: u32, skipnr: u32) -> u32;
    /// `depot_stack_handle_t stack_depot_save_flags(unsigned long *entries,
    ///     unsigned int nr_entries, gfp_t alloc_flags, depot_flags_t depot_flags);`
    pub fn stack_depot_save_flags(
        entries: *mut usize,
        nr: u32,
        gfp: Gfp,
        flags: u32,
    ) -> DepotHandle;

    // MTE control (arch/arm64/kernel/mte.c).
    pub fn mte_enable_kernel_sync();
    pub fn mte_enable_kernel_async();
    pub fn mte_enable_kernel_asymm();
    /// `void mte_check_tfsr_el1(void);`: reports this CPU's pending
    /// asynchronous tag fault, if any (`kasan_report_async()`).
    pub fn mte_check_tfsr_el1();

    // vmalloc.
    /// `struct page *vmalloc_to_page(const void *addr);`
    pub fn vmalloc_to_page(addr: *const c_void) -> *mut Page;

    // glue.c wrappers of static inline APIs (see glue.c for the C).
    pub fn kasan_rs_page_alloc_skip_dec_return() -> isize;
    pub fn kasan_rs_page_alloc_skip_set(value: isize);
    pub fn kasan_rs_virt_to_slab(addr: *const c_void) -> *mut Slab;
    pub fn kasan_rs_slab_bounds(addr: *const c_void, start: *mut usize, end: *mut usize);
    pub fn kasan_rs_slab_cache(slab: *const Slab) -> *mut KmemCache;
    pub fn kasan_rs_nearest_obj(
        cache: *mut KmemCache,
        slab: *const Slab,
        addr: *mut c_void,
    ) -> *mut c_void;
    pub fn kasan_rs_virt_addr_valid(addr: *const c_void) -> bool;
    pub fn kasan_rs_slab_page(slab: *mut Slab) -> *mut Page;
    #[cfg(CONFIG_DEBUG_VIRTUAL)]
    pub fn kasan_rs_page_address(page: *const Page) -> *mut c_void;
    pub fn kasan_rs_page_size(page: *mut Page) -> usize;
    pub fn kasan_rs_virt_to_page(addr: *const c_void) -> *mut Page;
    pub fn kasan_rs_virt_to_head_page(addr: *const c_void) -> *mut Page;
    pub fn kasan_rs_folio_size_of(addr: *const c_void) -> usize;
    pub fn kasan_rs_vm_area_pages(
        addr: *const c_void,
        pages: *mut *mut *mut Page,
        nr: *mut u32,
    ) -> bool;
    pub fn kasan_rs_vm_struct_addr(vm: *mut VmStruct) -> *mut *mut c_void;
    pub fn kasan_rs_vm_struct_size(vm: *const VmStruct) -> usize;
    pub fn kasan_rs_clear_highpage_kasan_tagged(page: *mut Page);
    pub fn kasan_rs_system_supports_mte() -> bool;
    pub fn kasan_rs_check_tfsr_exit();
    fn kasan_rs_warn(what: *const c_char);
    pub fn kasan_rs_ring_read_lock() -> usize;
    pub fn kasan_rs_ring_read_unlock(flags: usize);
    pub fn kasan_rs_ring_write_lock() -> usize;
    pub fn kasan_rs_ring_write_unlock(flags: usize);
    pub fn kasan_rs_report_lock() -> usize;
    pub fn kasan_rs_report_unlock(flags: usize);
    pub fn kasan_rs_suppress_tag_checks_start();
    pub fn kasan_rs_suppress_tag_checks_stop();
    pub fn kasan_rs_lockdep_off();
    pub fn kasan_rs_lockdep_on();
    pub fn kasan_rs_disable_trace_on_warning();
    pub fn kasan_rs_trace_error_report_end(addr: usize);
    pub fn kasan_rs_fail_current_kunit_test();
    pub fn kasan_rs_current_pid() -> c_int;
    /// `raw_smp_processor_id()` (`CONFIG_KASAN_EXTRA_INFO`).
    #[cfg(CONFIG_KASAN_EXTRA_INFO)]
    pub fn kasan_rs_raw_cpu() -> u32;
    /// `local_clock()` (`CONFIG_KASAN_EXTRA_INFO`).
    #[cfg(CONFIG_KASAN_EXTRA_INFO)]
    pub fn kasan_rs_local_clock() -> u64;
    pub fn kasan_rs_current_comm() -> *const c_char;
    pub fn kasan_rs_cache_name(cache: *const KmemCache) -> *const c_char;
    pub fn kasan_rs_addr_is_variable(addr: *const c_void) -> bool;
    pub fn kasan_rs_object_is_on_stack(addr: *const c_void) -> bool;
    pub fn kasan_rs_is_vmalloc_addr(addr: *const c_void) -> bool;
    pub fn kasan_rs_memblock_alloc(size: usize) -> *mut c_void;
    pub fn kasan_rs_on_each_online_cpu(func: unsafe extern "C" fn(*mut c_void));
}

/// `WARN()` with a fixed message (the splat names the caller in its trace).
#[inline(never)]
#[cold]
pub fn warn(what: &'static core::ffi::CStr) {
    // SAFETY: `what` is a NUL-terminated string that lives forever.
    unsafe { kasan_rs_warn(what.as_ptr()) };
}

/// `-EINVAL` for boot-parameter handlers.
pub const EINVAL: c_int = 22;
