// SPDX-License-Identifier: GPL-2.0

//! Slab and kmalloc hooks (`__kasan_*` called by mm/slub.c and
//! mm/slab_common.c through include/linux/kasan.h), and `check_byte`.
//!
//! Tag policy, as upstream: an object of a plain cache gets a fresh random
//! tag on every allocation and the invalid tag on free; an object of a cache
//! with a constructor or `SLAB_TYPESAFE_BY_RCU` gets its random tag once,
//! when its slab is created, and keeps it (its memory may legitimately be
//! read after free through the same pointer). With `kasan.tag_policy=distinct`
//! (kasan-rs only) the fresh tag also avoids the tags of the neighbouring
//! objects and of the object's previous life ([`distinct_tag`]).

use crate::ffi::{self, Gfp, KmemCache, Slab};
use crate::kasan_core::params::TagPolicy;
use crate::kasan_core::report::ReportKind;
use crate::kasan_core::tag_policy::exclusion_mask;
use crate::kasan_core::tags::{
    get_tag, reset_tag, round_up_granule, set_tag, KASAN_TAG_INVALID, KASAN_TAG_KERNEL,
};
use crate::kfence::is_kfence_address;
use crate::layout::CacheInfo;
use crate::mte;
use crate::params;
use crate::poison::{self, POISON};
use crate::stack;
use core::ffi::c_void;

/// The tag an object gets: at slab creation (`at_init`) or at allocation.
/// (`kasan.tag_policy=distinct` allocations take [`slab_alloc_distinct`].)
#[inline(always)]
fn assign_tag(info: &CacheInfo, object: usize, at_init: bool) -> u8 {
    match (info.keeps_tag, at_init) {
        (false, true) => KASAN_TAG_KERNEL,
        (false, false) | (true, true) => mte::random_tag(),
        (true, false) => get_tag(object),
    }
}

/// `kasan.tag_policy=distinct`: a random tag other than those of the objects
/// before and after `object` in its slab (live ones; free ones have the invalid
/// tag) and than the one its previous life had, if that ended among the newest
/// stack ring events.
///
/// # Safety
///
/// `cache` is live and `object` one of its objects, being allocated.
#[inline(always)]
unsafe fn distinct_tag(cache: *mut KmemCache, object: usize) -> u8 {
    let object = reset_tag(object);
    let (mut start, mut end) = (0usize, 0usize);
    // SAFETY: `object` is slab memory (caller's contract); the glue only
    // writes the two bounds.
    let slot = unsafe {
        ffi::kasan_rs_slab_bounds(object as *const c_void, &mut start, &mut end);
        crate::layout::cache_slot_size(cache)
    };
    // The neighbours' first granules, when inside the slab: mapped memory.
    let before = match object.checked_sub(slot) {
        Some(prev) if slot > 0 && prev >= start => mte::mem_tag(prev),
        _ => KASAN_TAG_INVALID,
    };
    let after = match object.checked_add(slot) {
        Some(next) if slot > 0 && next < end => mte::mem_tag(next),
        _ => KASAN_TAG_INVALID,
    };
    let previous = crate::stack_ring::previous_life_tag(object).unwrap_or(KASAN_TAG_INVALID);
    mte::random_tag_excluding(exclusion_mask(&[before, after, previous]))
}

/// `round_up(x, KASAN_GRANULE_SIZE)` with the C's wrap-around for the
/// impossible overflow (the address space ends well before).
#[inline(always)]
fn round_up(x: usize) -> usize {
    round_up_granule(x).unwrap_or(0)
}

/// Tags a new slab's pages as match-all in `page->flags` and its memory as
/// invalid, until objects are handed out.
///
/// # Safety
///
/// Called by slub for a slab it just allocated.
#[no_mangle]
pub unsafe extern "C" fn __kasan_poison_slab(slab: *mut Slab) {
    // SAFETY: `slab` is a live slab, so its first page and size are valid and its
    // memory belongs to the caller.
    unsafe {
        let page = ffi::kasan_rs_slab_page(slab);
        let size = ffi::kasan_rs_page_size(page);
        crate::layout::page_kasan_tag_set(page, size >> kernel::page::PAGE_SHIFT, KASAN_TAG_KERNEL);
        poison::poison(crate::layout::linear_address(page), size, POISON, false);
    }
}

/// Gives a new object its creation-time tag.
///
/// # Safety
///
/// `object` is an object of `cache` being set up by slub.
#[no_mangle]
pub unsafe extern "C" fn __kasan_init_slab_obj(
    cache: *mut KmemCache,
    object: *const c_void,
) -> *mut c_void {
    // SAFETY: `cache` is live (caller's contract).
    let info = unsafe { CacheInfo::of(cache) };
    set_tag(object as usize, assign_tag(&info, object as usize, true)) as *mut c_void
}

/// Makes an object accessible for its constructor.
///
/// # Safety
///
/// `object` is an object of `cache` being set up by slub.
#[no_mangle]
pub unsafe extern "C" fn __kasan_unpoison_new_object(cache: *mut KmemCache, object: *mut c_void) {
    // SAFETY: `cache` is live and `object` one of its objects (caller's contract).
    unsafe {
        let info = CacheInfo::of(cache);
        poison::unpoison(object as usize, info.object_size, false);
    }
}

/// Makes an object inaccessible again after its constructor ran.
///
/// # Safety
///
/// `object` is an object of `cache` being set up by slub.
#[no_mangle]
pub unsafe extern "C" fn __kasan_poison_new_object(cache: *mut KmemCache, object: *mut c_void) {
    // SAFETY: `cache` is live and `object` one of its objects (caller's contract).
    unsafe {
        let info = CacheInfo::of(cache);
        poison::poison(object as usize, round_up(info.object_size), POISON, false);
    }
}

/// Unpoisons a whole object and records its allocation stack unless it is a
/// kmalloc object (whose stack `__kasan_kmalloc` records).
///
/// # Safety
///
/// `object` (tagged) is an object of `cache` being allocated.
#[inline(always)]
unsafe fn unpoison_object(
    cache: *mut KmemCache,
    info: &CacheInfo,
    object: usize,
    flags: Gfp,
    init: bool,
) {
    // SAFETY: forwarded from the caller.
    unsafe {
        poison::unpoison(object, info.object_size, init);
        if stack::collection_enabled() && !info.kmalloc {
            stack::save_alloc_info(cache, object, flags);
        }
    }
}

/// Tags a freshly allocated object; returns the tagged pointer slub hands out
/// (KFENCE's objects untouched, as they came).
///
/// # Safety
///
/// `object` is NULL or an object of `cache` slub is handing out.
#[no_mangle]
pub unsafe extern "C" fn __kasan_slab_alloc(
    cache: *mut KmemCache,
    object: *mut c_void,
    flags: Gfp,
    init: bool,
) -> *mut c_void {
    if object.is_null() || is_kfence_address(object as usize) {
        return object;
    }
    // SAFETY: `cache` is live and `object` one of its objects being allocated.
    unsafe {
        let info = CacheInfo::of(cache);
        if !info.keeps_tag && params::get().tag_policy() == TagPolicy::Distinct {
            // A tail call: the default path keeps no register across it.
            return slab_alloc_distinct(cache, object, flags, init);
        }
        let tagged = set_tag(object as usize, assign_tag(&info, object as usize, false));
        unpoison_object(cache, &info, tagged, flags, init);
        tagged as *mut c_void
    }
}

/// [`__kasan_slab_alloc`] of a plain cache's object under
/// `kasan.tag_policy=distinct`: the tag comes from [`distinct_tag`].
///
/// # Safety
///
/// As [`__kasan_slab_alloc`], `object` non-NULL.
#[cold]
#[inline(never)]
unsafe fn slab_alloc_distinct(
    cache: *mut KmemCache,
    object: *mut c_void,
    flags: Gfp,
    init: bool,
) -> *mut c_void {
    // SAFETY: forwarded from the caller.
    unsafe {
        let info = CacheInfo::of(cache);
        let tagged = set_tag(object as usize, distinct_tag(cache, object as usize));
        unpoison_object(cache, &info, tagged, flags, init);
        tagged as *mut c_void
    }
}

/// Poisons the kmalloc redzone `[object + size, object + object_size)` (granule
/// aligned) and records the allocation stack of kmalloc objects.
///
/// # Safety
///
/// `object` (tagged) is an allocated object of `cache` of requested `size`.
#[inline(always)]
pub(crate) unsafe fn poison_kmalloc_redzone(
    cache: *mut KmemCache,
    info: &CacheInfo,
    object: usize,
    size: usize,
    flags: Gfp,
) {
    let redzone_start = round_up(object.wrapping_add(size));
    let redzone_end = round_up(object.wrapping_add(info.object_size));
    // SAFETY: the redzone lies inside the object's slot (caller's contract).
    unsafe {
        poison::poison(
            redzone_start,
            redzone_end.wrapping_sub(redzone_start),
            POISON,
            false,
        );
        if stack::collection_enabled() && info.kmalloc {
            stack::save_alloc_info(cache, object, flags);
        }
    }
}

/// Narrows a kmalloc object to the requested size; keeps the tag given by
/// `__kasan_slab_alloc`.
///
/// # Safety
///
/// `object` is NULL or a just-allocated object of the kmalloc cache `cache`.
#[no_mangle]
pub unsafe extern "C" fn __kasan_kmalloc(
    cache: *mut KmemCache,
    object: *const c_void,
    size: usize,
    flags: Gfp,
) -> *mut c_void {
    if !object.is_null() && !is_kfence_address(object as usize) {
        // SAFETY: forwarded from the caller.
        unsafe {
            let info = CacheInfo::of(cache);
            poison_kmalloc_redzone(cache, &info, object as usize, size, flags);
        }
    }
    object as *mut c_void
}

/// Checks that `object` (tagged) is the start of a live object of `cache`;
/// reports an invalid or double free if not. Returns true if the free must not
/// happen.
///
/// Kept out of line under its C name: it is a frame of C's bad-free reports.
///
/// # Safety
///
/// `cache` is live; `object` is the pointer passed to a free function.
#[export_name = "check_slab_allocation"]
#[inline(never)]
pub(crate) unsafe fn check_slab_allocation(
    cache: *mut KmemCache,
    object: usize,
    ip: usize,
) -> bool {
    let untagged = reset_tag(object);
    // SAFETY: slub found `cache` from this very pointer, so it is slab memory;
    // `nearest_obj()` only does arithmetic on the slab's geometry.
    let nearest = unsafe {
        let slab = ffi::kasan_rs_virt_to_slab(untagged as *const c_void);
        if slab.is_null() {
            core::ptr::null_mut()
        } else {
            ffi::kasan_rs_nearest_obj(cache, slab, untagged as *mut c_void)
        }
    };
    let kind = if nearest as usize != untagged {
        ReportKind::InvalidFree
    } else if !poison::byte_accessible(object) {
        ReportKind::DoubleFree
    } else {
        return false;
    };
    crate::report::kasan_report_invalid_free(object as *mut c_void, ip, kind.c_value());
    true
}

/// Poisons a freed object and records its free stack; objects of
/// `SLAB_TYPESAFE_BY_RCU` caches stay accessible for the RCU grace period.
///
/// # Safety
///
/// `object` (tagged) is an object of `cache` being freed.
#[inline(always)]
pub(crate) unsafe fn poison_object(
    cache: *mut KmemCache,
    info: &CacheInfo,
    object: usize,
    init: bool,
    still_accessible: bool,
) {
    if still_accessible {
        return;
    }
    // SAFETY: forwarded from the caller.
    unsafe {
        poison::poison(reset_tag(object), round_up(info.object_size), POISON, init);
        if stack::collection_enabled() {
            stack::save_free_info(cache, object);
        }
    }
}

/// Free-time check: true means "bad free, reported, do not free".
///
/// # Safety
///
/// `cache` is live and `object` was passed to a slab free function.
#[no_mangle]
pub unsafe extern "C" fn __kasan_slab_pre_free(
    cache: *mut KmemCache,
    object: *mut c_void,
    ip: usize,
) -> bool {
    if is_kfence_address(object as usize) {
        return false;
    }
    // SAFETY: forwarded from the caller.
    let bad = unsafe { check_slab_allocation(cache, object as usize, ip) };
    crate::stack::keep_frame();
    bad
}

/// Poisons a freed object. Returns false: there is no quarantine in this mode.
///
/// # Safety
///
/// `object` is an object of `cache` being freed.
#[no_mangle]
pub unsafe extern "C" fn __kasan_slab_free(
    cache: *mut KmemCache,
    object: *mut c_void,
    init: bool,
    still_accessible: bool,
) -> bool {
    if is_kfence_address(object as usize) {
        return false;
    }
    // SAFETY: forwarded from the caller.
    unsafe {
        let info = CacheInfo::of(cache);
        poison_object(cache, &info, object as usize, init, still_accessible);
    }
    false
}

/// Resizes a kmalloc object in place: unpoisons `size` bytes and re-poisons the
/// redzone after them.
///
/// # Safety
///
/// `object` is ZERO_SIZE_PTR or a live kmalloc (slab or large) object.
#[no_mangle]
pub unsafe extern "C" fn __kasan_krealloc(
    object: *const c_void,
    size: usize,
    flags: Gfp,
) -> *mut c_void {
    const ZERO_SIZE_PTR: usize = 16;
    let addr = object as usize;
    if addr == ZERO_SIZE_PTR || is_kfence_address(addr) {
        return object as *mut c_void;
    }
    // SAFETY: `object` is a live kmalloc object (caller's contract), so the
    // range up to its new size and its redzone are its own memory.
    unsafe {
        poison::unpoison(addr, size, false);
        let slab = ffi::kasan_rs_virt_to_slab(object);
        if slab.is_null() {
            crate::page::poison_kmalloc_large_redzone(addr, size);
        } else {
            let cache = ffi::kasan_rs_slab_cache(slab);
            let info = CacheInfo::of(cache);
            poison_kmalloc_redzone(cache, &info, addr, size, flags);
        }
    }
    object as *mut c_void
}

/// Makes `[address, address + size)` accessible with the pointer's tag
/// (`kfree_sensitive()`, thread stacks).
///
/// # Safety
///
/// The range belongs to the caller, who gives it a consistent tag.
#[no_mangle]
pub unsafe extern "C" fn __kasan_unpoison_range(address: *const c_void, size: usize) {
    if is_kfence_address(address as usize) {
        return;
    }
    // SAFETY: forwarded from the caller.
    unsafe { poison::unpoison(address as usize, size, false) };
}

/// The one explicit software check: reports and returns false if an access to
/// `address` would fail the tag check.
///
/// # Safety
///
/// `address` is a mapped kernel address (`ksize()`, `krealloc()`,
/// `kmem_cache_destroy()` pass one they own).
#[no_mangle]
pub unsafe extern "C" fn __kasan_check_byte(address: *const c_void, ip: usize) -> bool {
    if poison::byte_accessible(address as usize) {
        return true;
    }
    crate::report::kasan_report(address, 1, false, ip);
    false
}
