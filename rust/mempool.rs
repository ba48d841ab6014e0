// SPDX-License-Identifier: GPL-2.0

//! Mempool and object-cache hooks (mm/mempool.c, skbuff and io_uring caches):
//! elements parked in a pool are poisoned like freed memory and unpoisoned
//! with their old tag when handed out again.

use crate::ffi::mm::{Object, Pages, Slab};
use crate::ffi::poison::POISON;
use crate::ffi::Page;
use crate::kasan_core::tags::KASAN_TAG_KERNEL;
use crate::kfence::is_kfence_address;
use crate::page::{check_page_allocation, unpoison_large_kmalloc};
use crate::slab::{check_slab_allocation, poison_kmalloc_redzone, poison_object, unpoison_object};
use core::ffi::c_void;

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
    // SAFETY: a live page allocation handed to the pool (caller's contract).
    let pages = unsafe { Pages::from_raw(page, order) };
    // Sampled-out allocations were never tagged.
    if pages.kasan_tag() == KASAN_TAG_KERNEL {
        return true;
    }
    if check_page_allocation(pages.address(), ip) {
        return false;
    }
    pages.tag_memory(POISON, false);
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
    // SAFETY: a live allocation is linear-map memory (caller's contract).
    let Some(slab) = (unsafe { Slab::containing_linear(addr) }) else {
        if check_page_allocation(addr, ip) {
            return false;
        }
        // SAFETY: a live large kmalloc (checked just above), parked by the caller.
        unsafe { Pages::of_large_kmalloc(addr) }.tag_memory(POISON, false);
        return true;
    };
    if is_kfence_address(addr) {
        return true;
    }
    // SAFETY: the pointer of an object of the slab's cache, parked by the caller.
    if unsafe { check_slab_allocation(slab.cache().as_ptr(), addr, ip) } {
        return false;
    }
    // SAFETY: just checked to be the start of a live object of the slab's cache,
    // which the caller parks.
    let object = unsafe { Object::of_slab(slab, addr) };
    poison_object(object, &object.cache().info(), false, false);
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
    // SAFETY: a parked allocation is linear-map memory (caller's contract).
    let Some(slab) = (unsafe { Slab::containing_linear(addr) }) else {
        // SAFETY: a parked large kmalloc, owned by the caller again.
        let pages = unsafe { Pages::of_large_kmalloc(addr) };
        unpoison_large_kmalloc(&pages, addr, size);
        return;
    };
    if is_kfence_address(addr) {
        return;
    }
    // SAFETY: a parked object of the slab's cache, owned by the caller again.
    let object = unsafe { Object::of_slab(slab, addr) };
    let info = object.cache().info();
    unpoison_object(object, &info, flags, false);
    if info.kmalloc {
        poison_kmalloc_redzone(object, &info, size, flags);
    }
    crate::keep_frame();
}
