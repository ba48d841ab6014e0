// SPDX-License-Identifier: GPL-2.0

//! Mempool and object-cache hooks (mm/mempool.c, skbuff and io_uring caches):
//! elements parked in a pool are poisoned like freed memory and unpoisoned
//! with their old tag when handed out again.

use crate::ffi::{self, Page};
use crate::kasan_core::tags::KASAN_TAG_KERNEL;
use crate::kfence::is_kfence_address;
use crate::layout::CacheInfo;
use crate::page::{check_page_allocation, poison_kmalloc_large_redzone};
use crate::poison::{self, POISON};
use crate::slab::{check_slab_allocation, poison_kmalloc_redzone, poison_object};
use crate::stack;
use core::ffi::c_void;
use kernel::page::PAGE_SIZE;

/// Poisons pages put into a pool; false if the put is a bad free (reported).
///
/// # Safety
///
/// `page` heads `1 << order` pages allocated by the page allocator.
#[no_mangle]
pub unsafe extern "C" fn __kasan_mempool_poison_pages(
    page: *mut Page,
    order: u32,
    ip: usize,
) -> bool {
    // SAFETY: `page` is a live page allocation (caller's contract).
    unsafe {
        // Sampled-out allocations were never tagged.
        if crate::layout::page_kasan_tag(page) == KASAN_TAG_KERNEL {
            return true;
        }
        let ptr = crate::layout::page_address(page);
        if check_page_allocation(ptr, ip) {
            return false;
        }
        poison::poison(ptr, PAGE_SIZE << order, POISON, false);
    }
    true
}

/// Unpoisons pages taken out of a pool (with a new tag).
///
/// # Safety
///
/// As [`crate::page::__kasan_unpoison_pages`].
#[no_mangle]
pub unsafe extern "C" fn __kasan_mempool_unpoison_pages(page: *mut Page, order: u32, _ip: usize) {
    // SAFETY: forwarded from the caller.
    unsafe { crate::page::__kasan_unpoison_pages(page, order, false) };
}

/// Poisons an object put into a pool; false if the put is a bad free
/// (reported).
///
/// # Safety
///
/// `ptr` is a slab object or a large kmalloc allocation being parked.
#[no_mangle]
pub unsafe extern "C" fn __kasan_mempool_poison_object(ptr: *mut c_void, ip: usize) -> bool {
    let addr = ptr as usize;
    // SAFETY: `ptr` is a live allocation (caller's contract); the slab/folio
    // lookups only read its metadata.
    unsafe {
        let slab = ffi::kasan_rs_virt_to_slab(ptr);
        if slab.is_null() {
            if check_page_allocation(addr, ip) {
                return false;
            }
            poison::poison(addr, ffi::kasan_rs_folio_size_of(ptr), POISON, false);
            return true;
        }
        if is_kfence_address(addr) {
            return true;
        }
        let cache = ffi::kasan_rs_slab_cache(slab);
        if check_slab_allocation(cache, addr, ip) {
            return false;
        }
        let info = CacheInfo::of(cache);
        poison_object(cache, &info, addr, false, false);
    }
    true
}

/// Unpoisons an object taken out of a pool, with the tag it had, `size` bytes
/// of it for kmalloc objects.
///
/// # Safety
///
/// `ptr` is an object previously passed to [`__kasan_mempool_poison_object`].
#[no_mangle]
pub unsafe extern "C" fn __kasan_mempool_unpoison_object(
    ptr: *mut c_void,
    size: usize,
    _ip: usize,
) {
    // Might be running under a lock: no allocation for the stack depot.
    let flags = 0;
    let addr = ptr as usize;
    // SAFETY: `ptr` is a parked allocation now owned by the caller again.
    unsafe {
        let slab = ffi::kasan_rs_virt_to_slab(ptr);
        if slab.is_null() {
            poison::unpoison(addr, size, false);
            poison_kmalloc_large_redzone(addr, size);
            return;
        }
        if is_kfence_address(addr) {
            return;
        }
        let cache = ffi::kasan_rs_slab_cache(slab);
        let info = CacheInfo::of(cache);
        poison::unpoison(addr, info.object_size, false);
        if stack::collection_enabled() && !info.kmalloc {
            stack::save_alloc_info(cache, addr, flags);
        }
        if info.kmalloc {
            poison_kmalloc_redzone(cache, &info, addr, size, flags);
        }
    }
    crate::stack::keep_frame();
}
