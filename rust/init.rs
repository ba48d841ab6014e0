// SPDX-License-Identifier: GPL-2.0

//! Boot and per-CPU initialisation, and turning tag checking on.
//!
//! Called straight from arch code (`smp_prepare_boot_cpu()`, `cpu_enable_mte()`)
//! long before initcalls: nothing here needs initialising itself.

use crate::ffi;
use crate::ffi::static_keys::Key;
use crate::kasan_core::banner::Banner;
use crate::kasan_core::params::Mode;
use crate::params;
use core::sync::atomic::Ordering;

/// Turns on tag checking on the calling CPU in the mode `kasan.mode` asked for
/// (sync unless async or asymm was asked for explicitly), or in sync once the
/// mode was switched at run time ([`crate::mode_switch`]).
#[no_mangle]
pub extern "C" fn kasan_enable_hw_tags() {
    if crate::mode_switch::switched_to_sync() {
        crate::mode_switch::enable_sync_on_this_cpu();
        return;
    }
    ffi::enable_tag_checks(params::get().mode_arg().unwrap_or(Mode::Sync));
}

/// Per-CPU init, on the boot CPU and on every CPU brought up later. Runs
/// before [`kasan_init_hw_tags`] on the boot CPU, so it looks at the `kasan=`
/// parameter, not at the static key.
#[no_mangle]
pub extern "C" fn kasan_init_hw_tags_cpu() {
    if params::kasan_off() {
        return;
    }
    kasan_enable_hw_tags();
}

/// Boot-time init from `smp_prepare_boot_cpu()`: resolves the parameters,
/// sets up the stack ring, enables KASAN and prints the banner. Boot-only
/// code, in `.init.text` like its C counterpart (it calls `__init` code).
#[no_mangle]
#[link_section = ".init.text"]
pub extern "C" fn kasan_init_hw_tags() {
    if !ffi::system_supports_mte() || params::kasan_off() {
        return;
    }
    let p = params::get();
    if let Some(mode) = p.mode_arg() {
        params::kasan_mode.store(mode.c_value(), Ordering::Relaxed);
    }
    if let Some(v) = p.vmalloc_arg() {
        Key::Vmalloc.set(v.is_on());
    }
    crate::stack_ring::kasan_init_tags();
    Key::Enabled.set(true);

    let mode = params::current_mode();
    let (vmalloc, stacktrace) = (Key::Vmalloc.is_on(), Key::Stacktrace.is_on());
    kernel::pr_info!("{}\n", Banner::new(mode, vmalloc, stacktrace));
}

/// Test hook: reports a pending asynchronous tag fault now.
#[cfg(CONFIG_KASAN_KUNIT_TEST)]
#[no_mangle]
pub extern "C" fn kasan_force_async_fault() {
    ffi::check_tfsr_exit();
}
