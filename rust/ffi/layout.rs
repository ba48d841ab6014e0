// SPDX-License-Identifier: GPL-2.0

//! Direct reads of the few C structure fields the hot paths need: a cache's
//! object size and flags, a page's address and KASAN tag. The offsets and
//! constants come from the compiler (`layout.c`, turned into
//! `layout_constants.rs` at build time), so the hooks read them inline, as
//! the C hooks do, instead of calling a wrapper.

use super::bindings::{KmemCache, Page, Slab};
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use kernel::page::PAGE_SHIFT;

/// The constants generated from `layout.c`.
#[allow(dead_code)]
mod constants {
    include!(env!("KASAN_RS_LAYOUT"));
}
use constants::*;

/// What the stack walk needs of a task and its stacks ([`super::stack`]).
pub(super) use constants::{
    IRQ_STACK_BYTES, PT_REGS_SIZE, PT_REGS_STACKFRAME, TASK_STRUCT_STACK, TASK_THREAD_SIZE,
};

/// What the depot cache needs of a task and a depot record ([`super::depot_cache`]).
pub(super) use constants::{
    STACK_RECORD_COUNT, STACK_RECORD_ENTRIES, STACK_RECORD_NR, TASK_STRUCT_CPU,
};

/// Where a task's pid is ([`super::current_pid`]).
pub(super) use constants::TASK_STRUCT_PID;

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

/// `virt_to_slab(addr)` of a linear-map address, inline (mm/slab.h): the
/// compound head of `virt_to_page(addr)` if its page type is slab, else NULL.
///
/// # Safety
///
/// `addr` (tag bits ignored) is in the linear map (`virt_addr_valid()`), so
/// its `struct page` exists.
#[cfg(not(any(CONFIG_DEBUG_VIRTUAL, CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP)))]
#[inline(always)]
pub unsafe fn virt_to_slab(addr: usize) -> *mut Slab {
    // arm64's virt_to_page() without CONFIG_DEBUG_VIRTUAL.
    let index =
        crate::kasan_core::tags::reset_tag(addr).wrapping_sub(LINEAR_MAP_START) >> PAGE_SHIFT;
    let page = VMEMMAP_BASE.wrapping_add(index * STRUCT_PAGE_SIZE);
    // Without CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP there is no fake head page
    // to fix up (`page_fixed_fake_head()` is the identity).
    // SAFETY: `page` is the valid `struct page` of a linear-map address (caller's
    // contract); `compound_head` and `page_type`, which the kernel changes
    // concurrently (READ_ONCE, data_race() in C), are read as aligned atomics.
    unsafe {
        let head = (*((page + PAGE_COMPOUND_HEAD) as *const AtomicUsize)).load(Ordering::Relaxed);
        let folio = if head & 1 != 0 { head - 1 } else { page };
        let page_type = (*((folio + PAGE_TYPE) as *const AtomicU32)).load(Ordering::Relaxed);
        if (page_type >> 24) as usize == PAGE_TYPE_SLAB {
            folio as *mut Slab
        } else {
            core::ptr::null_mut()
        }
    }
}

/// `nearest_obj(cache, slab, x)`, inline (mm/slab.h): the start of the object
/// slot of `x` (untagged) in `slab`, the last one for an address past it,
/// moved past the left redzone if `cache` has one (`fixup_red_left()`).
///
/// # Safety
///
/// `cache` is a live cache and `slab` one of its slabs (`virt_to_slab()` of an
/// address of the cache).
#[cfg(not(any(CONFIG_DEBUG_VIRTUAL, CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP)))]
#[inline(always)]
pub unsafe fn nearest_obj(cache: *const KmemCache, slab: *const Slab, x: usize) -> usize {
    // Slab pages carry the match-all tag (`__kasan_poison_slab`), so their
    // untagged address is the one `slab_address()` gives.
    // SAFETY: a `struct slab` overlays its first `struct page` (mm/slab.h's
    // SLAB_MATCH checks), so it is a valid page of the linear map.
    let base = unsafe { linear_address(slab.cast()) };
    // SAFETY: fields of the live cache and slab (caller's contract), set when
    // they were created; `counters` changes under the slab's lock, but the
    // object count in it is fixed for the slab's life.
    let (size, objects, flags, red_left_pad) = unsafe {
        let c = cache.cast::<u8>();
        (
            c.add(KMEM_CACHE_SIZE).cast::<u32>().read() as usize,
            ((*(slab.cast::<u8>().add(SLAB_COUNTERS) as *const AtomicUsize))
                .load(Ordering::Relaxed)
                >> 16)
                & 0x7fff,
            c.add(KMEM_CACHE_FLAGS).cast::<u32>().read() as usize,
            c.add(KMEM_CACHE_RED_LEFT_PAD).cast::<u32>().read() as usize,
        )
    };
    // SAFETY: a live cache's `size` is never 0 (slub sizes a cache to hold at
    // least its free pointer): the division needs no zero check, as in C.
    unsafe { core::hint::assert_unchecked(size != 0) };
    let object = x.wrapping_sub(x.wrapping_sub(base) % size);
    let last = base.wrapping_add(objects.wrapping_sub(1).wrapping_mul(size));
    let result = if object > last { last } else { object };
    if slub_debug_enabled() && flags & SLAB_FLAG_RED_ZONE != 0 {
        result.wrapping_add(red_left_pad)
    } else {
        result
    }
}

/// `__slub_debug_enabled()`: the `slub_debug_enabled` static key (mm/slub.c).
#[cfg(not(any(CONFIG_DEBUG_VIRTUAL, CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP)))]
#[inline(always)]
fn slub_debug_enabled() -> bool {
    #[cfg(CONFIG_SLUB_DEBUG)]
    {
        // SAFETY: a static key of mm/slub.c that lives as long as the kernel,
        // only read through its atomic count.
        unsafe { super::bindings::slub_debug_enabled.enabled() }
    }
    #[cfg(not(CONFIG_SLUB_DEBUG))]
    {
        false
    }
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
