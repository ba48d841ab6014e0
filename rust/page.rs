// SPDX-License-Identifier: GPL-2.0

//! Page allocator hooks (mm/page_alloc.c) and large kmalloc (whole pages from
//! the page allocator): tagging, `kasan.page_alloc.sample`, redzones, checks.

use crate::ffi::{self, Gfp, Page};
use crate::kasan_core::report::ReportKind;
use crate::kasan_core::sampling::{after_decrement, sampling_bypassed};
use crate::kasan_core::tags::round_up_granule;
use crate::mte;
use crate::params::{kasan_page_alloc_sample, kasan_page_alloc_sample_order};
use crate::poison::{self, POISON};
use core::ffi::c_void;
use core::sync::atomic::Ordering;
use kernel::page::PAGE_SIZE;

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
    // SAFETY: this-CPU operations on the glue.c counter, safe in any context.
    let left = unsafe { ffi::kasan_rs_page_alloc_skip_dec_return() };
    match after_decrement(left, every) {
        Some(reset) => {
            // SAFETY: as above.
            unsafe { ffi::kasan_rs_page_alloc_skip_set(reset) };
            true
        }
        None => false,
    }
}

/// Tags (and zeroes if `init`) the linear-map range of the `1 << order` pages
/// from `page` with `tag`.
///
/// # Safety
///
/// `page` is the first of `1 << order` valid, consecutive `struct page`s being
/// allocated or freed by the calling hook.
#[inline(always)]
unsafe fn tag_pages(page: *const Page, order: u32, tag: u8, init: bool) {
    let addr = crate::layout::linear_address(page);
    // The linear-map address of a page is non-null and page- (so granule-)
    // aligned, and the caller's `1 << order` pages lie in the linear map, which
    // ends below the tag byte: `validate()` holds.
    // SAFETY: that range is valid (above); the hook owns the pages' tags.
    unsafe { mte::set_mem_tag_range_trusted(addr, PAGE_SIZE << order, tag, init) }
}

/// Tags newly allocated pages with a random tag (memory and `page->flags`).
///
/// # Safety
///
/// As [`__kasan_unpoison_pages`].
#[inline(always)]
unsafe fn tag_new_pages(page: *mut Page, order: u32, init: bool) {
    let tag = mte::random_tag();
    // SAFETY: the pages are being allocated by the caller: their memory and
    // their struct pages are ours to tag.
    unsafe {
        tag_pages(page, order, tag, init);
        crate::layout::page_kasan_tag_set(page, 1 << order, tag);
    }
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
    if !sampling_off_for(order) {
        // SAFETY: forwarded from the caller.
        return unsafe { unpoison_pages_sampled(page, order, init) };
    }
    // SAFETY: forwarded from the caller.
    unsafe { tag_new_pages(page, order, init) };
    true
}

/// [`__kasan_unpoison_pages`] under `kasan.page_alloc.sample=N` (N > 1) for
/// an order that is sampled.
///
/// # Safety
///
/// As [`__kasan_unpoison_pages`].
#[cold]
#[inline(never)]
unsafe fn unpoison_pages_sampled(page: *mut Page, order: u32, init: bool) -> bool {
    if !sample_counted(kasan_page_alloc_sample.load(Ordering::Relaxed)) {
        return false;
    }
    // SAFETY: forwarded from the caller.
    unsafe { tag_new_pages(page, order, init) };
    true
}

/// Poisons pages being freed.
///
/// # Safety
///
/// `page` is the first of `1 << order` pages being freed.
#[no_mangle]
pub unsafe extern "C" fn __kasan_poison_pages(page: *mut Page, order: u32, init: bool) {
    // SAFETY: the pages are being freed by the caller.
    unsafe { tag_pages(page, order, POISON, init) };
}

/// Poisons `[ptr + size, end of the page allocation)` of a large kmalloc.
///
/// # Safety
///
/// `ptr` (tagged) is a live large kmalloc allocation of at least `size` bytes.
pub(crate) unsafe fn poison_kmalloc_large_redzone(ptr: usize, size: usize) {
    let redzone_start = round_up_granule(ptr.wrapping_add(size)).unwrap_or(0);
    // SAFETY: `ptr` is a live page-allocator allocation (caller's contract).
    unsafe {
        let page = ffi::kasan_rs_virt_to_page(ptr as *const c_void);
        let redzone_end = ptr.wrapping_add(ffi::kasan_rs_page_size(page));
        poison::poison(
            redzone_start,
            redzone_end.wrapping_sub(redzone_start),
            POISON,
            false,
        );
    }
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
        // SAFETY: forwarded from the caller.
        unsafe { poison_kmalloc_large_redzone(ptr as usize, size) };
    }
    ptr as *mut c_void
}

/// Checks that `ptr` is the start of a live page allocation; reports an invalid
/// or double free if not. Returns true if the free must not happen.
///
/// Unlike upstream, a pointer outside the linear map is reported as an invalid
/// free instead of being looked up in the memory map (which would crash).
///
/// # Safety
///
/// `ptr` is the pointer passed to a free function.
#[inline(always)]
unsafe fn check_page_allocation_inline(ptr: usize, ip: usize) -> bool {
    let p = ptr as *const c_void;
    // SAFETY: `virt_addr_valid()` takes any value; the page lookups are only done
    // for linear-map addresses.
    let kind = unsafe {
        if !ffi::kasan_rs_virt_addr_valid(p)
            || crate::layout::page_address(ffi::kasan_rs_virt_to_head_page(p)) != ptr
        {
            ReportKind::InvalidFree
        } else if !poison::byte_accessible(ptr) {
            ReportKind::DoubleFree
        } else {
            return false;
        }
    };
    crate::report::kasan_report_invalid_free(ptr as *mut c_void, ip, kind.c_value());
    true
}

/// [`check_page_allocation_inline`] out of line, under its C name, as the
/// mempool hooks call it: their bad-free stacks have this frame in C (which
/// inlines it into `__kasan_kfree_large` only).
///
/// # Safety
///
/// `ptr` is the pointer passed to a free function.
#[export_name = "check_page_allocation"]
#[inline(never)]
pub(crate) unsafe fn check_page_allocation(ptr: usize, ip: usize) -> bool {
    // SAFETY: forwarded from the caller.
    let bad = unsafe { check_page_allocation_inline(ptr, ip) };
    crate::stack::keep_frame();
    bad
}

/// Free-time check of a large kmalloc; the page allocator poisons it.
///
/// # Safety
///
/// `ptr` was passed to `kfree()` and is backed by the page allocator.
#[no_mangle]
pub unsafe extern "C" fn __kasan_kfree_large(ptr: *mut c_void, ip: usize) {
    // SAFETY: forwarded from the caller.
    unsafe { check_page_allocation_inline(ptr as usize, ip) };
    crate::stack::keep_frame();
}
