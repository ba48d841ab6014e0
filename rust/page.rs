// SPDX-License-Identifier: GPL-2.0

//! Page allocator hooks (mm/page_alloc.c) and large kmalloc (whole pages from
//! the page allocator): tagging, `kasan.page_alloc.sample`, redzones, checks.

use crate::ffi::mm::{PageRef, Pages};
use crate::ffi::poison::POISON;
use crate::ffi::{self, Gfp, Page};
use crate::kasan_core::redzone::redzone;
use crate::kasan_core::report::ReportKind;
use crate::kasan_core::sampling::{after_decrement, sampling_bypassed};
use crate::mte;
use crate::params::{kasan_page_alloc_sample, kasan_page_alloc_sample_order};
use core::ffi::c_void;
use core::sync::atomic::Ordering;

/// Whether `kasan.page_alloc.sample` tags every allocation of `order` (the
/// default, decided by one load as in C), so that no counting is needed.
#[inline(always)]
fn sampling_off_for(order: u32) -> bool {
    let every = kasan_page_alloc_sample.load(Ordering::Relaxed);
    every == 1
        || sampling_bypassed(
            order,
            every,
            kasan_page_alloc_sample_order.load(Ordering::Relaxed),
        )
}

/// The per-CPU countdown of `kasan.page_alloc.sample` (counter in glue.c):
/// whether this allocation is the one in `every` that is tagged.
fn sample_counted(every: usize) -> bool {
    match after_decrement(ffi::page_alloc_skip_dec_return(), every) {
        Some(reset) => {
            ffi::page_alloc_skip_set(reset);
            true
        }
        None => false,
    }
}

/// Tags newly allocated pages with a random tag (memory and `page->flags`).
#[inline(always)]
fn tag_new_pages(pages: &Pages<'_>, init: bool) {
    let tag = mte::random_tag();
    pages.tag_memory(tag, init);
    pages.set_kasan_tag(tag);
}

/// Tags newly allocated pages with a random tag (memory and `page->flags`).
/// Returns false if the allocation was sampled out (the caller then marks the
/// pages match-all).
///
/// The common case (sampling off) is a leaf; the sampled case is out of line,
/// so that it alone pays for a stack frame.
///
/// # Safety
///
/// `page` is the first of `1 << order` pages the page allocator is handing out.
#[no_mangle]
pub unsafe extern "C" fn __kasan_unpoison_pages(page: *mut Page, order: u32, init: bool) -> bool {
    // SAFETY: pages the page allocator hands to this hook (caller's contract).
    let pages = unsafe { Pages::from_raw(page, order) };
    if !sampling_off_for(order) {
        // By value: a reference would give this leaf a stack frame.
        return unpoison_pages_sampled(pages, init);
    }
    tag_new_pages(&pages, init);
    true
}

/// [`__kasan_unpoison_pages`] under `kasan.page_alloc.sample=N` (N > 1) for
/// an order that is sampled.
#[cold]
#[inline(never)]
fn unpoison_pages_sampled(pages: Pages<'_>, init: bool) -> bool {
    if !sample_counted(kasan_page_alloc_sample.load(Ordering::Relaxed)) {
        return false;
    }
    tag_new_pages(&pages, init);
    true
}

/// Poisons pages being freed.
///
/// # Safety
///
/// `page` is the first of `1 << order` pages being freed.
#[no_mangle]
pub unsafe extern "C" fn __kasan_poison_pages(page: *mut Page, order: u32, init: bool) {
    // SAFETY: pages the page allocator takes back through this hook (caller's
    // contract).
    unsafe { Pages::from_raw(page, order) }.tag_memory(POISON, init);
}

/// Poisons `[ptr + size, end of the page allocation)` of a large kmalloc.
#[inline(always)]
pub(crate) fn poison_kmalloc_large_redzone(pages: &Pages<'_>, ptr: usize, size: usize) {
    let (start, len) = redzone(ptr, size, pages.size());
    pages.poison_range(start, len);
}

/// Makes the first `size` bytes of a large kmalloc at `ptr` accessible with
/// `ptr`'s tag and the rest of its pages its redzone (`krealloc()` in place,
/// a mempool element handed out again).
#[inline(always)]
pub(crate) fn unpoison_large_kmalloc(pages: &Pages<'_>, ptr: usize, size: usize) {
    pages.unpoison_head(ptr, size);
    poison_kmalloc_large_redzone(pages, ptr, size);
}

/// Narrows a large kmalloc to the requested size; keeps the pages' tag.
///
/// # Safety
///
/// `ptr` is NULL or a just-allocated large kmalloc of at least `size` bytes.
#[no_mangle]
pub unsafe extern "C" fn __kasan_kmalloc_large(
    ptr: *const c_void,
    size: usize,
    _flags: Gfp,
) -> *mut c_void {
    if !ptr.is_null() {
        // SAFETY: a just-allocated large kmalloc (caller's contract).
        let pages = unsafe { Pages::of_large_kmalloc(ptr as usize) };
        poison_kmalloc_large_redzone(&pages, ptr as usize, size);
    }
    ptr as *mut c_void
}

/// Checks that `ptr` is the start of a live page allocation; reports an invalid
/// or double free if not. Returns true if the free must not happen.
///
/// Unlike upstream, a pointer outside the linear map is reported as an invalid
/// free instead of being looked up in the memory map (which would crash).
#[inline(always)]
fn check_page_allocation_inline(ptr: usize, ip: usize) -> bool {
    let kind = match PageRef::head_of(ptr) {
        Some(head) if head.address() == ptr => {
            // SAFETY: `ptr` is a page of the linear map: mapped.
            if unsafe { crate::ffi::poison::byte_accessible(ptr) } {
                return false;
            }
            ReportKind::DoubleFree
        }
        _ => ReportKind::InvalidFree,
    };
    crate::report::kasan_report_invalid_free(ptr as *mut c_void, ip, kind.c_value());
    true
}

/// [`check_page_allocation_inline`] out of line, under its C name, as the
/// mempool hooks call it: their bad-free stacks have this frame in C (which
/// inlines it into `__kasan_kfree_large` only).
#[export_name = "check_page_allocation"]
#[inline(never)]
pub(crate) fn check_page_allocation(ptr: usize, ip: usize) -> bool {
    let bad = check_page_allocation_inline(ptr, ip);
    crate::keep_frame();
    bad
}

/// Free-time check of a large kmalloc; the page allocator poisons it.
///
/// # Safety
///
/// `ptr` was passed to `kfree()` and is backed by the page allocator.
#[no_mangle]
pub unsafe extern "C" fn __kasan_kfree_large(ptr: *mut c_void, ip: usize) {
    check_page_allocation_inline(ptr as usize, ip);
    crate::keep_frame();
}
