// SPDX-License-Identifier: GPL-2.0

//! Direct reads of the few C structure fields the hot paths need: a cache's
//! object size and flags, a page's address and KASAN tag. The offsets and
//! constants come from the compiler (`layout.c`, turned into
//! `layout_constants.rs` at build time), so the hooks read them inline, as
//! the C hooks do, instead of calling a wrapper.

use super::bindings::{KmemCache, Page};
use core::sync::atomic::{AtomicUsize, Ordering};
use kernel::page::PAGE_SHIFT;

/// The constants generated from `layout.c`.
#[allow(dead_code)]
mod constants {
    include!(env!("KASAN_RS_LAYOUT"));
}
use constants::*;

/// Size of KFENCE's pool (`KFENCE_POOL_SIZE`), for [`crate::kfence`].
#[cfg(CONFIG_KFENCE)]
pub(crate) use constants::KFENCE_POOL_BYTES;

// What the reads below assume.
const _: () = assert!(PAGE_KASAN_TAG_MASK == 0xff);
const _: () = assert!(PAGE_FLAGS == 0);

/// What the hooks need to know of a cache.
#[derive(Clone, Copy)]
pub struct CacheInfo {
    /// `cache->object_size`.
    pub object_size: usize,
    /// The cache has a constructor or `SLAB_TYPESAFE_BY_RCU`: objects keep the tag
    /// given at slab creation.
    pub keeps_tag: bool,
    /// `is_kmalloc_cache(cache)`.
    pub kmalloc: bool,
}

impl CacheInfo {
    /// Reads `cache`'s object size and the flags the tag policy needs.
    ///
    /// # Safety
    ///
    /// `cache` must point to a live `struct kmem_cache`.
    #[inline(always)]
    pub unsafe fn of(cache: *const KmemCache) -> Self {
        let base = cache.cast::<u8>();
        // SAFETY: the offsets are those of `struct kmem_cache` (checked sizes in
        // layout.c); the cache is live, and these fields are set at creation and
        // never change afterwards.
        let (object_size, flags, ctor) = unsafe {
            (
                base.add(KMEM_CACHE_OBJECT_SIZE).cast::<u32>().read(),
                base.add(KMEM_CACHE_FLAGS).cast::<u32>().read(),
                base.add(KMEM_CACHE_CTOR).cast::<usize>().read(),
            )
        };
        let flags = flags as usize;
        CacheInfo {
            object_size: object_size as usize,
            keeps_tag: ctor != 0 || flags & SLAB_FLAG_TYPESAFE_BY_RCU != 0,
            kmalloc: flags & SLAB_FLAG_KMALLOC != 0,
        }
    }
}

/// `cache->size`: the distance from one object of the cache to the next (the
/// object, its padding and SLUB's metadata).
///
/// # Safety
///
/// `cache` must point to a live `struct kmem_cache`.
#[inline(always)]
pub unsafe fn cache_slot_size(cache: *const KmemCache) -> usize {
    // SAFETY: the offset is that of `struct kmem_cache` (checked size in
    // layout.c); the field is set at creation and never changes afterwards.
    unsafe { cache.cast::<u8>().add(KMEM_CACHE_SIZE).cast::<u32>().read() as usize }
}

/// `page->flags`, which the kernel updates atomically.
///
/// # Safety
///
/// `page` must point to a valid `struct page`.
#[inline(always)]
unsafe fn page_flags<'a>(page: *const Page) -> &'a AtomicUsize {
    // SAFETY: `flags` is the first member of `struct page`, an aligned
    // `unsigned long` that the kernel reads with READ_ONCE and updates with
    // cmpxchg: an `AtomicUsize` view of it is sound.
    unsafe { &*page.cast::<AtomicUsize>() }
}

/// `page_kasan_tag()` (KASAN is enabled whenever a hook runs).
///
/// # Safety
///
/// `page` must point to a valid `struct page`.
#[inline(always)]
pub unsafe fn page_kasan_tag(page: *const Page) -> u8 {
    // SAFETY: forwarded from the caller.
    let flags = unsafe { page_flags(page) }.load(Ordering::Relaxed);
    ((flags >> PAGE_KASAN_TAG_SHIFT) as u8) ^ 0xff
}

/// `page_kasan_tag_set()` on `nr` consecutive pages from `page`.
///
/// # Safety
///
/// `page` must point to the first of `nr` valid, consecutive `struct page`s.
#[inline(always)]
pub unsafe fn page_kasan_tag_set(page: *mut Page, nr: usize, tag: u8) {
    let mask = PAGE_KASAN_TAG_MASK << PAGE_KASAN_TAG_SHIFT;
    let bits = ((tag ^ 0xff) as usize) << PAGE_KASAN_TAG_SHIFT;
    for i in 0..nr {
        // SAFETY: page `i` is one of the caller's `nr` pages.
        let flags = unsafe { page_flags(page.cast::<u8>().add(i * STRUCT_PAGE_SIZE).cast()) };
        let mut old = flags.load(Ordering::Relaxed);
        while let Err(now) = flags.compare_exchange_weak(
            old,
            (old & !mask) | bits,
            Ordering::Relaxed,
            Ordering::Relaxed,
        ) {
            old = now;
        }
    }
}

/// `page_address()` of a linear-map page: `page_to_virt()`, tagged with the
/// page's KASAN tag.
///
/// # Safety
///
/// `page` must point to a valid `struct page` (in the vmemmap).
#[cfg(not(CONFIG_DEBUG_VIRTUAL))]
#[inline(always)]
pub unsafe fn page_address(page: *const Page) -> usize {
    // SAFETY: forwarded from the caller.
    unsafe { crate::kasan_core::tags::set_tag(linear_address(page), page_kasan_tag(page)) }
}

/// The linear-map address of `page`, with the match-all tag: for callers that
/// set their own tag or none (saves reading `page->flags`).
///
/// # Safety
///
/// `page` must point to a valid `struct page` (in the vmemmap).
#[cfg(not(CONFIG_DEBUG_VIRTUAL))]
#[inline(always)]
pub unsafe fn linear_address(page: *const Page) -> usize {
    let index = (page as usize).wrapping_sub(VMEMMAP_BASE) / STRUCT_PAGE_SIZE;
    LINEAR_MAP_START.wrapping_add(index << PAGE_SHIFT)
}

/// The linear-map address of `page`, with the match-all tag.
///
/// # Safety
///
/// `page` must point to a valid `struct page`.
#[cfg(CONFIG_DEBUG_VIRTUAL)]
#[inline(always)]
pub unsafe fn linear_address(page: *const Page) -> usize {
    // SAFETY: `page_address()` of a valid page (caller's contract); the tag is
    // dropped.
    crate::kasan_core::tags::reset_tag(
        unsafe { super::bindings::kasan_rs_page_address(page) } as usize
    )
}

/// `page_address()` through the C wrapper (`CONFIG_DEBUG_VIRTUAL` checks it).
///
/// # Safety
///
/// `page` must point to a valid `struct page`.
#[cfg(CONFIG_DEBUG_VIRTUAL)]
#[inline(always)]
pub unsafe fn page_address(page: *const Page) -> usize {
    // SAFETY: forwarded from the caller.
    unsafe { super::bindings::kasan_rs_page_address(page) as usize }
}
