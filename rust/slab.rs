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

use crate::ffi::mm::{Cache, CacheInfo, Object, Pages, Slab};
use crate::ffi::poison::POISON;
use crate::ffi::{Gfp, KmemCache, RawSlab};
use crate::kasan_core::params::TagPolicy;
use crate::kasan_core::redzone::redzone;
use crate::kasan_core::report::ReportKind;
use crate::kasan_core::tag_policy::exclusion_mask;
use crate::kasan_core::tags::{
    get_tag, reset_tag, round_up_granule_wrapping, set_tag, TagChoice, KASAN_TAG_INVALID,
    KASAN_TAG_KERNEL,
};
use crate::kfence::is_kfence_address;
use crate::mte;
use crate::params;
use crate::stack_ring;
use core::ffi::c_void;

/// The slab holding `addr`, or NULL if `addr` is not a linear-map address or
/// not slab memory (declared in mm/kasan/kasan.h).
#[no_mangle]
pub extern "C" fn kasan_addr_to_slab(addr: *const c_void) -> *mut RawSlab {
    Slab::containing(addr as usize).map_or(core::ptr::null_mut(), Slab::as_ptr)
}

/// The tag an object gets: at slab creation (`at_init`) or at allocation.
/// (`kasan.tag_policy=distinct` allocations take [`slab_alloc_distinct`].)
#[inline(always)]
fn assign_tag(info: &CacheInfo, object: usize, at_init: bool) -> u8 {
    match TagChoice::of(info.keeps_tag, at_init) {
        TagChoice::Kernel => KASAN_TAG_KERNEL,
        TagChoice::Random => mte::random_tag(),
        TagChoice::Keep => get_tag(object),
    }
}

/// `kasan.tag_policy=distinct`: a random tag other than those of the objects
/// before and after `object` in its slab (live ones; free ones have the invalid
/// tag) and than the one its previous life had, if that ended among the newest
/// stack ring events.
#[inline(always)]
fn distinct_tag(object: Object<'_>) -> u8 {
    let (before, after) = object.neighbour_tags();
    let previous = stack_ring::previous_life_tag(reset_tag(object.addr()));
    mte::random_tag_excluding(exclusion_mask(&[
        before.unwrap_or(KASAN_TAG_INVALID),
        after.unwrap_or(KASAN_TAG_INVALID),
        previous.unwrap_or(KASAN_TAG_INVALID),
    ]))
}

/// `round_up(x, KASAN_GRANULE_SIZE)` with the C's wrap-around for the
/// impossible overflow (the address space ends well before).
#[inline(always)]
fn round_up(x: usize) -> usize {
    round_up_granule_wrapping(x)
}

/// Tags a new slab's pages as match-all in `page->flags` and its memory as
/// invalid, until objects are handed out.
///
/// # Safety
///
/// Called by slub for a slab it just allocated.
#[no_mangle]
pub unsafe extern "C" fn __kasan_poison_slab(slab: *mut RawSlab) {
    // SAFETY: slub hands over the slab it just allocated (caller's contract).
    let pages = unsafe { Pages::of_new_slab(slab) };
    pages.set_kasan_tag(KASAN_TAG_KERNEL);
    pages.tag_memory(POISON, false);
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
    let info = unsafe { Cache::from_raw(cache) }.info();
    set_tag(object as usize, assign_tag(&info, object as usize, true)) as *mut c_void
}

/// Makes an object accessible for its constructor.
///
/// # Safety
///
/// `object` is an object of `cache` being set up by slub.
#[no_mangle]
pub unsafe extern "C" fn __kasan_unpoison_new_object(cache: *mut KmemCache, object: *mut c_void) {
    // SAFETY: an object of `cache` slub sets up (caller's contract).
    let object = unsafe { Object::from_raw(cache, object) };
    object.unpoison(object.cache().info().object_size, false);
}

/// Makes an object inaccessible again after its constructor ran.
///
/// # Safety
///
/// `object` is an object of `cache` being set up by slub.
#[no_mangle]
pub unsafe extern "C" fn __kasan_poison_new_object(cache: *mut KmemCache, object: *mut c_void) {
    // SAFETY: an object of `cache` slub sets up (caller's contract).
    let object = unsafe { Object::from_raw(cache, object) };
    object.poison_range(
        object.addr(),
        round_up(object.cache().info().object_size),
        false,
    );
}

/// Unpoisons a whole object and records its allocation stack unless it is a
/// kmalloc object (whose stack `__kasan_kmalloc` records).
#[inline(always)]
pub(crate) fn unpoison_object(object: Object<'_>, info: &CacheInfo, flags: Gfp, init: bool) {
    object.unpoison(info.object_size, init);
    if stack_ring::collection_enabled() && !info.kmalloc {
        stack_ring::save_alloc_info(object, flags);
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
    // SAFETY: an object of `cache` slub is handing out (caller's contract).
    let object = unsafe { Object::from_raw(cache, object) };
    let info = object.cache().info();
    if !info.keeps_tag && params::get().tag_policy() == TagPolicy::Distinct {
        // A tail call: the default path keeps no register across it.
        return slab_alloc_distinct(object, flags, init);
    }
    // As `assign_tag(.., false)`, the tag in place: a fresh one (IRG on the
    // pointer), or, for a cache that keeps tags, the one the pointer carries.
    let object = match TagChoice::of(info.keeps_tag, false) {
        TagChoice::Random => object.with_random_tag(),
        TagChoice::Keep => object,
        TagChoice::Kernel => object.with_tag(KASAN_TAG_KERNEL),
    };
    unpoison_object(object, &info, flags, init);
    object.addr() as *mut c_void
}

/// [`__kasan_slab_alloc`] of a plain cache's object under
/// `kasan.tag_policy=distinct`: the tag comes from [`distinct_tag`].
#[cold]
#[inline(never)]
fn slab_alloc_distinct(object: Object<'_>, flags: Gfp, init: bool) -> *mut c_void {
    let info = object.cache().info();
    let object = object.with_tag(distinct_tag(object));
    unpoison_object(object, &info, flags, init);
    object.addr() as *mut c_void
}

/// Poisons the kmalloc redzone `[object + size, object + object_size)` (granule
/// aligned) of an allocated object, and records the allocation stack of
/// kmalloc objects.
#[inline(always)]
pub(crate) fn poison_kmalloc_redzone(
    object: Object<'_>,
    info: &CacheInfo,
    size: usize,
    flags: Gfp,
) {
    let (start, len) = redzone(object.addr(), size, info.object_size);
    object.poison_range(start, len, false);
    if stack_ring::collection_enabled() && info.kmalloc {
        stack_ring::save_alloc_info(object, flags);
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
        // SAFETY: a just-allocated object of `cache` (caller's contract).
        let object = unsafe { Object::from_raw(cache, object) };
        poison_kmalloc_redzone(object, &object.cache().info(), size, flags);
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
/// `cache` is live; `object` is the pointer passed to a free function of it
/// (slub found `cache` from this very pointer, so it is slab memory).
#[export_name = "check_slab_allocation"]
#[inline(never)]
pub(crate) unsafe fn check_slab_allocation(
    cache: *mut KmemCache,
    object: usize,
    ip: usize,
) -> bool {
    let untagged = reset_tag(object);
    // SAFETY: `cache` is live and slab memory is in the linear map (caller's
    // contract).
    let nearest = unsafe { Cache::from_raw(cache).nearest_object_in_linear(untagged) };
    let kind = if nearest != Some(untagged) {
        ReportKind::InvalidFree
    } else {
        // SAFETY: the start of an object of `cache`, being freed by the caller.
        if unsafe { Object::from_raw(cache, object as *const c_void) }.accessible() {
            return false;
        }
        ReportKind::DoubleFree
    };
    crate::report::kasan_report_invalid_free(object as *mut c_void, ip, kind.c_value());
    true
}

/// Poisons a freed object and records its free stack; objects of
/// `SLAB_TYPESAFE_BY_RCU` caches stay accessible for the RCU grace period.
#[inline(always)]
pub(crate) fn poison_object(
    object: Object<'_>,
    info: &CacheInfo,
    init: bool,
    still_accessible: bool,
) {
    if still_accessible {
        return;
    }
    object.poison_range(object.addr(), round_up(info.object_size), init);
    if stack_ring::collection_enabled() {
        stack_ring::save_free_info(object);
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
    crate::keep_frame();
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
    // SAFETY: an object of `cache` being freed (caller's contract).
    let object = unsafe { Object::from_raw(cache, object) };
    poison_object(object, &object.cache().info(), init, still_accessible);
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
    // SAFETY: a live kmalloc object is linear-map memory (caller's contract).
    match unsafe { Slab::containing_linear(addr) } {
        None => {
            // SAFETY: a live large kmalloc, owned by the caller.
            let pages = unsafe { Pages::of_large_kmalloc(addr) };
            crate::page::unpoison_large_kmalloc(&pages, addr, size);
        }
        Some(slab) => {
            // SAFETY: a live object of the slab's cache, owned by the caller.
            let object = unsafe { Object::of_slab(slab, addr) };
            object.unpoison(size, false);
            poison_kmalloc_redzone(object, &object.cache().info(), size, flags);
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
    unsafe { crate::ffi::poison::unpoison(address as usize, size, false) };
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
    // SAFETY: mapped (caller's contract).
    if unsafe { crate::ffi::poison::byte_accessible(address as usize) } {
        return true;
    }
    crate::report::kasan_report(address, 1, false, ip);
    false
}
