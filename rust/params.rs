// SPDX-License-Identifier: GPL-2.0

//! The `kasan*` boot parameters of hardware tag-based KASAN, parsed in Rust
//! and registered from Rust: each one is an `obs_kernel_param` entry placed in
//! `.init.setup`, exactly what C's `early_param()` emits, so
//! `parse_early_param()` calls our handlers from `setup_arch()`, before any
//! initcall. A handler that returns non-zero makes the kernel print
//! `Malformed early option '<name>'`, as for the C handlers.
//!
//! The parsing rules (accepted spellings, defaults, the value left after an
//! error) live in [`crate::kasan_core::params`] and are tested on the host.
//!
//! `kasan_multi_shot`, a plain `__setup` parameter, is the report path's
//! ([`crate::report`]), as in C.

use crate::ffi::EINVAL;
use crate::kasan_core::params::{Mode, OnOff, ParamError, Params};
use core::cell::UnsafeCell;
use core::ffi::{c_char, c_int, CStr};
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

/// The parameters as given on the command line.
///
/// # Invariants
///
/// The value is written only by the early-parameter handlers below, which run
/// on the boot CPU in `setup_arch()` before any other CPU or thread exists;
/// afterwards it is only read. It lives in `.data..ro_after_init`, so a late
/// write would fault instead of racing.
struct BootParams(UnsafeCell<Params>);

// SAFETY: see the type invariants: all writes happen before concurrency starts.
unsafe impl Sync for BootParams {}

#[link_section = ".data..ro_after_init"]
static BOOT_PARAMS: BootParams =
    BootParams(UnsafeCell::new(Params::new(cfg!(CONFIG_KASAN_VMALLOC))));

/// The boot parameters, read-only.
#[inline(always)]
pub fn get() -> &'static Params {
    // SAFETY: by the invariants of `BootParams`, once handlers have run nobody
    // writes; before, only the handlers (single-threaded) touch the value.
    unsafe { &*BOOT_PARAMS.0.get() }
}

/// `kasan_mode` (`enum kasan_mode`: 0 sync, 1 async, 2 asymm), read by the
/// inline `kasan_*_fault_possible()` of mm/kasan/kasan.h; set by
/// `kasan_init_hw_tags()`, and by the run-time switch to sync
/// (`mode_switch.rs`): writable after init, unlike C's `__ro_after_init`.
#[no_mangle]
#[allow(non_upper_case_globals)]
pub static kasan_mode: AtomicU32 = AtomicU32::new(0);

/// `kasan.page_alloc.sample`, under its C name (declared in mm/kasan/kasan.h).
#[no_mangle]
#[allow(non_upper_case_globals)]
pub static kasan_page_alloc_sample: AtomicUsize =
    AtomicUsize::new(crate::kasan_core::params::PAGE_ALLOC_SAMPLE_DEFAULT);

/// `kasan.page_alloc.sample.order`, under its C name.
#[no_mangle]
#[allow(non_upper_case_globals)]
pub static kasan_page_alloc_sample_order: AtomicU32 =
    AtomicU32::new(crate::kasan_core::params::PAGE_ALLOC_SAMPLE_ORDER_DEFAULT);

/// The mode in force: `kasan_mode` read back as a [`Mode`].
pub fn current_mode() -> Mode {
    Mode::from_c(kasan_mode.load(Ordering::Acquire))
}

/// Runs one parser on the handler's argument (NULL when the parameter had no
/// `=value`) and turns its verdict into the handler's return value.
///
/// # Safety
///
/// `arg` is NULL or a NUL-terminated string, and the caller is an early-param
/// handler (see the invariants of [`BootParams`]).
unsafe fn handle(
    arg: *const c_char,
    parse: fn(&mut Params, Option<&[u8]>) -> Result<(), ParamError>,
) -> c_int {
    let value = if arg.is_null() {
        None
    } else {
        // SAFETY: the kernel passes a NUL-terminated piece of the command line.
        Some(unsafe { CStr::from_ptr(arg) }.to_bytes())
    };
    // SAFETY: early-param handlers run single-threaded (caller's contract).
    let params = unsafe { &mut *BOOT_PARAMS.0.get() };
    let result = parse(params, value);
    kasan_page_alloc_sample.store(params.page_alloc_sample(), Ordering::Relaxed);
    kasan_page_alloc_sample_order.store(params.page_alloc_sample_order(), Ordering::Relaxed);
    match result {
        Ok(()) => 0,
        Err(e) => {
            let errno = e.errno();
            if errno == 0 {
                -EINVAL
            } else {
                errno
            }
        }
    }
}

/// `struct obs_kernel_param` (include/linux/init.h): one entry of
/// `.init.setup`, what `early_param()` and `__setup()` emit.
#[repr(C)]
pub struct ObsKernelParam {
    name: *const c_char,
    setup: unsafe extern "C" fn(*mut c_char) -> c_int,
    early: c_int,
}

// SAFETY: the entries are immutable and only read by the boot-time parser.
unsafe impl Sync for ObsKernelParam {}

impl ObsKernelParam {
    /// The entry of the parameter `name`, handled by `setup` (called with NULL
    /// or the NUL-terminated value); `early` as `early_param()`, else as
    /// `__setup()`.
    pub const fn new(
        name: &'static CStr,
        setup: unsafe extern "C" fn(*mut c_char) -> c_int,
        early: bool,
    ) -> Self {
        ObsKernelParam {
            name: name.as_ptr(),
            setup,
            early: early as c_int,
        }
    }
}

/// Declares an early parameter: its handler and its `.init.setup` entry.
macro_rules! early_param {
    ($entry:ident, $handler:ident, $name:expr, $parse:path) => {
        /// The `.init.setup` handler of the parameter.
        ///
        /// # Safety
        ///
        /// Called by `do_early_param()` only: single-threaded early boot, `arg`
        /// NULL or a NUL-terminated value.
        unsafe extern "C" fn $handler(arg: *mut c_char) -> c_int {
            // SAFETY: called by `do_early_param()` during single-threaded early
            // boot, with NULL or a NUL-terminated value.
            unsafe { handle(arg, $parse) }
        }

        #[used]
        #[link_section = ".init.setup"]
        static $entry: ObsKernelParam = ObsKernelParam::new($name, $handler, true);
    };
}

early_param!(PARAM_KASAN, early_kasan_flag, c"kasan", Params::parse_kasan);
early_param!(
    PARAM_MODE,
    early_kasan_mode,
    c"kasan.mode",
    Params::parse_mode
);
early_param!(
    PARAM_VMALLOC,
    early_kasan_flag_vmalloc,
    c"kasan.vmalloc",
    Params::parse_vmalloc
);
early_param!(
    PARAM_SAMPLE,
    early_kasan_flag_page_alloc_sample,
    c"kasan.page_alloc.sample",
    Params::parse_page_alloc_sample
);
early_param!(
    PARAM_SAMPLE_ORDER,
    early_kasan_flag_page_alloc_sample_order,
    c"kasan.page_alloc.sample.order",
    Params::parse_page_alloc_sample_order
);

early_param!(
    PARAM_STACKTRACE,
    early_kasan_flag_stacktrace,
    c"kasan.stacktrace",
    Params::parse_stacktrace
);
early_param!(
    PARAM_STACK_RING_SIZE,
    early_kasan_flag_stack_ring_size,
    c"kasan.stack_ring_size",
    Params::parse_stack_ring_size
);
early_param!(
    PARAM_FAULT,
    early_kasan_fault,
    c"kasan.fault",
    Params::parse_fault
);
early_param!(
    PARAM_TAG_POLICY,
    early_kasan_tag_policy,
    c"kasan.tag_policy",
    Params::parse_tag_policy
);

/// `kasan=off` was given.
#[inline(always)]
pub fn kasan_off() -> bool {
    matches!(get().kasan_arg(), Some(OnOff::Off))
}
