// SPDX-License-Identifier: GPL-2.0

//! The run-time `kasan.mode` switch, from asynchronous (or asymmetric) to
//! synchronous tag checking: `echo sync > /sys/module/kasan/parameters/mode`.
//!
//! Not in the C implementation (whose `mte_enable_kernel_async()` notes that a
//! run-time switch would need its strategy reviewed). What may be written is
//! decided by the host-tested `kasan_core::mode_switch`; this file does it:
//! `kasan_mode` first (the KUnit suite and CPUs brought up later read it), then
//! every online CPU, with hotplug held off, reports its pending asynchronous
//! fault (so that none is lost or blamed on a later access) and turns to
//! synchronous checks. The arch's system-wide asynchronous checks
//! (`mte_async_or_asymm_mode`) stay on: they find nothing more to report.

use crate::ffi;
use crate::ffi::static_keys::Key;
use crate::kasan_core::mode_switch::{decide, Switch};
use crate::kasan_core::params::Mode;
use crate::mte;
use crate::params;
use core::ffi::{c_char, c_int, c_void, CStr};
use core::sync::atomic::{AtomicBool, Ordering};

/// Set once the mode was switched to sync at run time; never cleared.
static SWITCHED_TO_SYNC: AtomicBool = AtomicBool::new(false);

/// Whether a run-time switch made the mode sync: CPUs brought up afterwards
/// then start in sync whatever `kasan.mode=` said at boot.
pub fn switched_to_sync() -> bool {
    SWITCHED_TO_SYNC.load(Ordering::Acquire)
}

/// Runs on each CPU, from an IPI (interrupts off).
///
/// # Safety
///
/// Only as [`kasan_rs_mode_set`]'s callback for `on_each_cpu()`: KASAN on,
/// `kasan_mode` already sync, CPU hotplug held off.
unsafe extern "C" fn switch_this_cpu_to_sync(_: *mut c_void) {
    // KASAN is on (checked before the switch started); the caller updated
    // `kasan_mode` and holds CPU hotplug off. A pending asynchronous fault of
    // this CPU is reported first, in the mode it happened in.
    ffi::check_tfsr_el1();
    // SAFETY: see above.
    unsafe { mte::set_kernel_tag_check_sync() };
}

/// Turns the CPU being brought up to sync after a run-time switch (instead of
/// `mte_enable_kernel_sync()`, which warns once async checks are on).
pub fn enable_sync_on_this_cpu() {
    // SAFETY: called from the per-CPU init of a CPU being brought up while KASAN
    // is on, after the mode was switched to sync.
    unsafe { mte::set_kernel_tag_check_sync() };
}

/// The `set` of the `kasan.mode` module parameter (glue.c, at run time only).
///
/// # Safety
///
/// `val` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn kasan_rs_mode_set(val: *const c_char) -> c_int {
    let written = if val.is_null() {
        &[][..]
    } else {
        // SAFETY: a NUL-terminated string (caller's contract).
        unsafe { CStr::from_ptr(val) }.to_bytes()
    };
    let enabled = Key::Enabled.is_on();
    let from = params::current_mode();
    match decide(from, enabled, written) {
        Ok(Switch::Unchanged) => 0,
        Ok(Switch::ToSync) => {
            params::kasan_mode.store(Mode::Sync.c_value(), Ordering::Release);
            SWITCHED_TO_SYNC.store(true, Ordering::Release);
            // SAFETY: KASAN is on (`decide` refuses otherwise) and `kasan_mode` is
            // sync: what the callback needs on each CPU, hotplug held off by the glue.
            unsafe { ffi::on_each_online_cpu(switch_this_cpu_to_sync) };
            kernel::pr_info!("mode switched from {} to sync at run time\n", from.as_str());
            0
        }
        Err(why) => {
            kernel::pr_warn!("kasan.mode: write refused: {}\n", why.as_str());
            -ffi::EINVAL
        }
    }
}

/// The `get` of the `kasan.mode` module parameter: the current mode and a
/// newline (`off` when KASAN is off) into `buf` of `size` bytes.
///
/// # Safety
///
/// `buf` is writable for `size` bytes.
#[no_mangle]
pub unsafe extern "C" fn kasan_rs_mode_get(buf: *mut c_char, size: usize) -> c_int {
    let enabled = Key::Enabled.is_on();
    let name = if enabled {
        params::current_mode().as_str()
    } else {
        "off"
    };
    let text = name.as_bytes();
    let len = text.len().min(size.saturating_sub(1));
    // SAFETY: `len + 1 <= size` bytes of the caller's buffer.
    unsafe {
        core::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), len);
        if len < size {
            *buf.add(len) = b'\n' as c_char;
        }
    }
    if len < size {
        (len + 1) as c_int
    } else {
        0
    }
}
