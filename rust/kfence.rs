// SPDX-License-Identifier: GPL-2.0

//! KFENCE's objects, which every hook leaves alone as 6.12's C does
//! (`is_kfence_address()`, the decision in [`crate::kasan_core::kfence`]).
//! Without `CONFIG_KFENCE` the check is a constant `false`.

#[cfg(CONFIG_KFENCE)]
mod pool {
    use core::sync::atomic::{AtomicPtr, Ordering};

    extern "C" {
        /// `char *__kfence_pool` (mm/kfence/core.c): set up at boot, and
        /// NULL when KFENCE is off (`kfence.sample_interval=0`, or KASAN's
        /// hardware tags enabled, which 6.12's KFENCE does not support).
        static __kfence_pool: AtomicPtr<u8>;
    }

    /// The pool's start, 0 if there is none.
    #[inline(always)]
    pub(super) fn start() -> usize {
        // SAFETY: `__kfence_pool` is an aligned, pointer-sized global that
        // lives as long as the kernel; the C writes it only during boot and
        // reads it plainly, so an atomic view of it is sound.
        unsafe { __kfence_pool.load(Ordering::Relaxed) as usize }
    }
}

/// `is_kfence_address(addr)`: whether `addr` (as given, tag included) is in
/// KFENCE's pool.
#[inline(always)]
pub fn is_kfence_address(addr: usize) -> bool {
    #[cfg(CONFIG_KFENCE)]
    {
        crate::kasan_core::kfence::in_pool(addr, pool::start(), crate::ffi::KFENCE_POOL_BYTES)
    }
    #[cfg(not(CONFIG_KFENCE))]
    {
        let _ = addr;
        false
    }
}
