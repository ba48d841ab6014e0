// SPDX-License-Identifier: GPL-2.0

//! What the kasan-rs samples share: running a function on every online CPU,
//! and turning tag checks back on everywhere (a synchronous tag fault turns
//! them off on the faulting CPU, as upstream does). Included by each sample
//! with `#[path]`; not a module of its own.

use core::ffi::c_void;
use core::ptr;

extern "C" {
    /// Programs `SCTLR_EL1.TCF` for the configured `kasan.mode` on the calling
    /// CPU (mm/kasan, exported for KASAN's KUnit tests).
    fn kasan_enable_hw_tags();
    fn on_each_cpu_cond_mask(
        cond: Option<unsafe extern "C" fn(cpu: i32, info: *mut c_void) -> bool>,
        func: Option<unsafe extern "C" fn(info: *mut c_void)>,
        info: *mut c_void,
        wait: bool,
        mask: *const c_void,
    );
    static __cpu_online_mask: [u64; 1];
}

/// Runs `func` on every online CPU (the calling one too) and waits for all.
pub(crate) fn on_each_cpu(func: unsafe extern "C" fn(*mut c_void)) {
    // SAFETY: `func` is a valid `smp_call_func_t`; the online mask lives for the
    // kernel's lifetime; `wait` makes the call return once every CPU ran `func`.
    unsafe {
        on_each_cpu_cond_mask(
            None,
            Some(func),
            ptr::null_mut(),
            true,
            ptr::addr_of!(__cpu_online_mask).cast(),
        )
    };
}

/// `on_each_cpu()` callback: tag checks back on on this CPU.
///
/// # Safety
///
/// Called from `on_each_cpu()` only, with KASAN on.
unsafe extern "C" fn enable_tag_checks_here(_info: *mut c_void) {
    // SAFETY: `kasan_enable_hw_tags` only writes the calling CPU's SCTLR_EL1.TCF.
    unsafe { kasan_enable_hw_tags() };
}

/// Turns tag checking back on, on every online CPU.
pub(crate) fn reenable_tag_checks() {
    on_each_cpu(enable_tag_checks_here);
}
