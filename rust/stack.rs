// SPDX-License-Identifier: GPL-2.0

//! Allocation and free stacks: capture into the stack depot, and the calls
//! into the stack ring ([`crate::stack_ring`]) that record them.

use crate::ffi::{self, DepotHandle, Gfp, KmemCache, Slab};
use core::ffi::c_void;

/// Frames kept per stack (`KASAN_STACK_DEPTH`).
const STACK_DEPTH: usize = 64;

/// Captures the current stack into the stack depot.
#[no_mangle]
#[inline(never)]
pub extern "C" fn kasan_save_stack(flags: Gfp, depot_flags: u32) -> DepotHandle {
    // Not zeroed: this runs on every allocation and free, and only the entries
    // `stack_trace_save()` fills in are read (as in C).
    let mut entries = core::mem::MaybeUninit::<[usize; STACK_DEPTH]>::uninit();
    let store = entries.as_mut_ptr().cast::<usize>();
    // SAFETY: `store` has room for `STACK_DEPTH` frames.
    let nr = unsafe { ffi::stack_trace_save(store, STACK_DEPTH as u32, 0) };
    // SAFETY: the depot reads only the first `nr` entries, which were just written.
    unsafe { ffi::stack_depot_save_flags(store, nr, flags, depot_flags) }
}

/// The slab holding `addr`, or NULL if `addr` is not a linear-map address or
/// not slab memory.
#[no_mangle]
pub extern "C" fn kasan_addr_to_slab(addr: *const c_void) -> *mut Slab {
    // SAFETY: `virt_addr_valid()` accepts any value; `virt_to_slab()` is only
    // called for a valid linear-map address.
    unsafe {
        if ffi::kasan_rs_virt_addr_valid(addr) {
            ffi::kasan_rs_virt_to_slab(addr)
        } else {
            core::ptr::null_mut()
        }
    }
}

/// Whether alloc and free stacks are collected (`kasan.stacktrace`).
#[inline(always)]
pub fn collection_enabled() -> bool {
    crate::static_keys::Key::Stacktrace.is_on()
}

/// Records the allocation of `object` in the stack ring.
///
/// # Safety
///
/// `cache` is a live cache and `object` one of its objects (tagged pointer).
#[inline(always)]
pub unsafe fn save_alloc_info(cache: *mut KmemCache, object: usize, flags: Gfp) {
    // SAFETY: forwarded from the caller.
    unsafe { crate::stack_ring::kasan_save_alloc_info(cache, object as *mut c_void, flags) };
}

/// Records the free of `object` in the stack ring.
///
/// # Safety
///
/// `cache` is a live cache and `object` one of its objects (tagged pointer).
#[inline(always)]
pub unsafe fn save_free_info(cache: *mut KmemCache, object: usize) {
    // SAFETY: forwarded from the caller.
    unsafe { crate::stack_ring::kasan_save_free_info(cache, object as *mut c_void) };
}

/// The current task's pid, `task_pid_nr(current)`.
#[inline(always)]
pub fn current_pid() -> u32 {
    // SAFETY: reads the current task's pid.
    unsafe { ffi::kasan_rs_current_pid() as u32 }
}

/// Keeps the calling function's frame on the stack across its last call.
///
/// C is built with `-fno-optimize-sibling-calls` (frame pointers), so a C
/// function that ends in a call stays in saved and printed stacks; rustc
/// turns such calls into tail calls. A compiler fence after the call keeps it
/// a real call, so our stacks have the frames C's have. Costs no instruction.
#[inline(always)]
pub fn keep_frame() {
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}
