// SPDX-License-Identifier: GPL-2.0

//! The two locks of the report path, as guards.
//!
//! Both are C locks taken with their IRQ-saving functions (glue.c: 6.12's Rust
//! has no binding for `read_lock_irqsave()` or `raw_spin_lock_irqsave()`), so
//! each is usable in any context. A guard holds the saved IRQ flags and gives
//! the lock back when dropped; it cannot be sent to another CPU (interrupts are
//! off while it lives).

use super::bindings;
use core::marker::PhantomData;

/// Defines a guard type `$name` whose `lock()` calls the glue function `$lock`
/// (returning the saved IRQ flags) and whose drop calls `$unlock` with them.
macro_rules! irqsave_guard {
    ($(#[$doc:meta])* $name:ident, $what:literal, $lock:ident, $unlock:ident) => {
        $(#[$doc])*
        pub struct $name {
            flags: usize,
            // Not `Send`: released on the CPU that took it, interrupts off.
            _not_send: PhantomData<*mut ()>,
        }

        impl $name {
            #[doc = concat!("`", $what, "`.")]
            #[inline(always)]
            pub fn lock() -> Self {
                // SAFETY: the lock is one of glue.c's static locks; taking it has no
                // precondition (IRQ-saving: any context). The guard releases it.
                let flags = unsafe { bindings::$lock() };
                $name {
                    flags,
                    _not_send: PhantomData,
                }
            }
        }

        impl Drop for $name {
            #[inline(always)]
            fn drop(&mut self) {
                // SAFETY: taken by `lock()` with these flags, on this CPU.
                unsafe { bindings::$unlock(self.flags) };
            }
        }
    };
}

irqsave_guard!(
    /// The stack ring's rwlock held shared: writers of ring slots, which claim
    /// their slot with a compare-and-swap and may run concurrently.
    RingShared,
    "read_lock_irqsave(&stack_ring.lock)",
    kasan_rs_ring_read_lock,
    kasan_rs_ring_read_unlock
);

irqsave_guard!(
    /// The stack ring's rwlock held exclusively: a report reading a frozen ring.
    RingExclusive,
    "write_lock_irqsave(&stack_ring.lock)",
    kasan_rs_ring_write_lock,
    kasan_rs_ring_write_unlock
);

irqsave_guard!(
    /// `report_lock`: one report printed at a time, whole.
    ReportLock,
    "raw_spin_lock_irqsave(&report_lock)",
    kasan_rs_report_lock,
    kasan_rs_report_unlock
);
