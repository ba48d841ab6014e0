// SPDX-License-Identifier: GPL-2.0

//! The two locks of the report path, as guards.
//!
//! Both are C locks taken with their IRQ-saving functions (glue.c: 6.12's Rust
//! has no binding for `read_lock_irqsave()` or `raw_spin_lock_irqsave()`), so
//! each is usable in any context. A guard holds the saved IRQ flags and gives
//! the lock back when dropped; it cannot be sent to another CPU (interrupts are
//! off while it lives).

use crate::ffi;
use core::marker::PhantomData;

/// Not `Send`: a lock taken with interrupts saved is released on its CPU.
type NotSend = PhantomData<*mut ()>;

/// The stack ring's rwlock held shared: writers of ring slots, which claim
/// their slot with a compare-and-swap and may run concurrently.
pub struct RingShared {
    flags: usize,
    _not_send: NotSend,
}

impl RingShared {
    /// `read_lock_irqsave(&stack_ring.lock)`.
    #[inline(always)]
    pub fn lock() -> Self {
        // SAFETY: the lock is glue.c's static rwlock; taking it has no other
        // precondition. The guard releases it.
        let flags = unsafe { ffi::kasan_rs_ring_read_lock() };
        RingShared {
            flags,
            _not_send: PhantomData,
        }
    }
}

impl Drop for RingShared {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: taken by `lock()` with these flags, on this CPU.
        unsafe { ffi::kasan_rs_ring_read_unlock(self.flags) };
    }
}

/// The stack ring's rwlock held exclusively: a report reading a frozen ring.
pub struct RingExclusive {
    flags: usize,
    _not_send: NotSend,
}

impl RingExclusive {
    /// `write_lock_irqsave(&stack_ring.lock)`.
    #[inline(always)]
    pub fn lock() -> Self {
        // SAFETY: as for `RingShared::lock()`.
        let flags = unsafe { ffi::kasan_rs_ring_write_lock() };
        RingExclusive {
            flags,
            _not_send: PhantomData,
        }
    }
}

impl Drop for RingExclusive {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: taken by `lock()` with these flags, on this CPU.
        unsafe { ffi::kasan_rs_ring_write_unlock(self.flags) };
    }
}

/// `report_lock`: one report printed at a time, whole.
pub struct ReportLock {
    flags: usize,
    _not_send: NotSend,
}

impl ReportLock {
    /// `raw_spin_lock_irqsave(&report_lock)`.
    #[inline(always)]
    pub fn lock() -> Self {
        // SAFETY: the lock is glue.c's static raw spinlock; the guard releases it.
        let flags = unsafe { ffi::kasan_rs_report_lock() };
        ReportLock {
            flags,
            _not_send: PhantomData,
        }
    }
}

impl Drop for ReportLock {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: taken by `lock()` with these flags, on this CPU.
        unsafe { ffi::kasan_rs_report_unlock(self.flags) };
    }
}
