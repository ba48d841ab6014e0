// SPDX-License-Identifier: GPL-2.0

//! The mm objects the hooks are handed or look up, as types.
//!
//! Two kinds:
//! - views, which only read: [`Cache`] (a live `struct kmem_cache`), [`Slab`]
//!   (the `struct slab` of linear-map slab memory), [`PageRef`] (a
//!   `struct page`);
//! - allocations a hook owns the allocation tags of while it runs:
//!   [`Object`] (a slab object being allocated, freed or parked), [`Pages`]
//!   (pages from the page allocator, or a new slab's), [`VmallocRange`] (a
//!   vmalloc mapping being set up). Only these can retag memory.
//!
//! Each is built by one `unsafe` constructor whose `# Safety` section is the
//! hook's contract with its C caller; the methods are safe and argue from the
//! type's `# Invariants`.

use super::bindings::{self, KmemCache, Page, Slab as RawSlab, VmStruct};
use super::layout;
use crate::ffi::poison::{self, POISON};
use crate::kasan_core::redzone::vmalloc_redzone;
use crate::kasan_core::tags::{reset_tag, set_tag, GRANULE_SIZE};
use crate::mte;
use core::ffi::{c_uint, c_void, CStr};
use core::marker::PhantomData;
use core::ptr::NonNull;
use kernel::page::{PAGE_SHIFT, PAGE_SIZE};

pub use layout::CacheInfo;

/// A live `struct kmem_cache`.
///
/// # Invariants
///
/// `ptr` points to a `struct kmem_cache` that stays live for `'a`.
#[derive(Clone, Copy)]
pub struct Cache<'a> {
    ptr: NonNull<KmemCache>,
    _life: PhantomData<&'a KmemCache>,
}

impl<'a> Cache<'a> {
    /// # Safety
    ///
    /// `ptr` points to a `struct kmem_cache` that stays live for `'a`: in a
    /// hook, the cache slub passes (never destroyed while one of its objects is
    /// allocated, freed or checked).
    #[inline(always)]
    pub unsafe fn from_raw(ptr: *mut KmemCache) -> Self {
        Cache {
            // SAFETY: non-NULL by the caller's contract.
            ptr: unsafe { NonNull::new_unchecked(ptr) },
            _life: PhantomData,
        }
    }

    /// The raw `struct kmem_cache` pointer, for C.
    #[inline(always)]
    pub fn as_ptr(self) -> *mut KmemCache {
        self.ptr.as_ptr()
    }

    /// `nearest_obj()` of this cache in the slab holding `addr` (untagged), or
    /// `None` if `addr` is not slab memory: [`Slab::containing_linear`] and
    /// [`Slab::nearest_object`] in one call, for the free-time check.
    ///
    /// # Safety
    ///
    /// `addr` is in the linear map (`virt_addr_valid()`).
    #[inline(always)]
    pub unsafe fn nearest_object_in_linear(self, addr: usize) -> Option<usize> {
        // Inline, as in C's check_slab_allocation(): no call on every free.
        #[cfg(not(any(CONFIG_DEBUG_VIRTUAL, CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP)))]
        // SAFETY: a linear-map address (caller's contract) and a live cache; the
        // slab found is the one holding `addr`.
        unsafe {
            let slab = layout::virt_to_slab(addr);
            (!slab.is_null()).then(|| layout::nearest_obj(self.ptr.as_ptr(), slab, addr))
        }
        // With a checked virt_to_page() or fake head pages: the kernel's own.
        #[cfg(any(CONFIG_DEBUG_VIRTUAL, CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP))]
        // SAFETY: `virt_to_slab()` of a linear-map address (caller's contract),
        // then arithmetic on the slab's and the live cache's geometry.
        unsafe {
            let object =
                bindings::kasan_rs_slab_nearest_obj(self.ptr.as_ptr(), addr as *const c_void);
            (!object.is_null()).then_some(object as usize)
        }
    }

    /// The object size and the flags the hooks need.
    #[inline(always)]
    pub fn info(self) -> CacheInfo {
        // SAFETY: by the type invariants the cache is live.
        unsafe { CacheInfo::of(self.ptr.as_ptr()) }
    }

    /// `cache->size`: from one object to the next (object, padding, metadata).
    #[inline(always)]
    pub fn slot_size(self) -> usize {
        // SAFETY: by the type invariants the cache is live.
        unsafe { layout::cache_slot_size(self.ptr.as_ptr()) }
    }

    /// `cache->name`.
    pub fn name(self) -> &'a CStr {
        // SAFETY: a live cache's name is a NUL-terminated string that lives as
        // long as the cache (type invariants).
        unsafe { CStr::from_ptr(bindings::kasan_rs_cache_name(self.ptr.as_ptr())) }
    }
}

/// The `struct slab` of slab memory in the linear map.
///
/// # Invariants
///
/// `ptr` is what `virt_to_slab()` returned for a linear-map address: a
/// `struct slab` overlaying `struct page`s of the memmap, which stays mapped
/// for `'a`; its `slab_cache` is a live cache while the slab is allocated.
/// (A report on a pointer whose slab is freed meanwhile reads stale fields,
/// as the C report does.)
#[derive(Clone, Copy)]
pub struct Slab<'a> {
    ptr: NonNull<RawSlab>,
    _life: PhantomData<&'a RawSlab>,
}

impl<'a> Slab<'a> {
    /// The slab holding `addr` (tag ignored), if `addr` is in the linear map and
    /// slab memory (`kasan_addr_to_slab()`).
    #[inline(always)]
    pub fn containing(addr: usize) -> Option<Self> {
        if !super::virt_addr_valid(addr) {
            return None;
        }
        // SAFETY: just checked.
        unsafe { Self::containing_linear(addr) }
    }

    /// [`Slab::containing`] of an address known to be in the linear map.
    ///
    /// # Safety
    ///
    /// `addr` (tag ignored) is in the linear map (`virt_addr_valid()`).
    #[inline(always)]
    pub unsafe fn containing_linear(addr: usize) -> Option<Self> {
        // SAFETY: `virt_to_slab()` of a linear-map address reads its page's flags.
        let ptr = unsafe { bindings::kasan_rs_virt_to_slab(addr as *const c_void) };
        // INVARIANT: a non-NULL result of `virt_to_slab()` for a linear-map address.
        NonNull::new(ptr).map(|ptr| Slab {
            ptr,
            _life: PhantomData,
        })
    }

    /// The raw `struct slab` pointer, for C.
    #[inline(always)]
    pub fn as_ptr(self) -> *mut RawSlab {
        self.ptr.as_ptr()
    }

    /// `slab->slab_cache`.
    #[inline(always)]
    pub fn cache(self) -> Cache<'a> {
        // SAFETY: the slab's cache is live while the slab is (type invariants).
        unsafe { Cache::from_raw(bindings::kasan_rs_slab_cache(self.ptr.as_ptr())) }
    }

    /// `nearest_obj(cache, slab, addr)`: the start of the slot of `cache`'s
    /// object that holds `addr` (untagged).
    #[inline(always)]
    pub fn nearest_object(self, cache: Cache<'_>, addr: usize) -> usize {
        // SAFETY: arithmetic on the slab's address and the cache's geometry,
        // both live (type invariants of `Slab` and `Cache`).
        unsafe {
            bindings::kasan_rs_nearest_obj(
                cache.ptr.as_ptr(),
                self.ptr.as_ptr(),
                addr as *mut c_void,
            ) as usize
        }
    }

    /// `[start, end)` of the slab's memory (untagged).
    #[inline(always)]
    fn bounds_of(addr: usize) -> (usize, usize) {
        let (mut start, mut end) = (0usize, 0usize);
        // SAFETY: the glue looks `addr` up again and writes only the two bounds
        // (0, 0 if it is not slab memory); callers pass slab memory.
        unsafe { bindings::kasan_rs_slab_bounds(addr as *const c_void, &mut start, &mut end) };
        (start, end)
    }

    /// The allocation tags of the granules from `object` (untagged) to the end
    /// of the slab's memory, in order.
    pub fn tags_from(self, object: usize) -> impl Iterator<Item = u8> {
        let (start, end) = Self::bounds_of(object);
        let first = if start <= object { object } else { end };
        (first..end).step_by(GRANULE_SIZE).map(|granule| {
            // SAFETY: `[start, end)` is slab memory, in the linear map: mapped.
            unsafe { mte::mem_tag(granule) }
        })
    }
}

/// A `struct page` of the memmap.
///
/// # Invariants
///
/// `ptr` points to a valid `struct page` for `'a`.
#[derive(Clone, Copy)]
pub struct PageRef<'a> {
    ptr: NonNull<Page>,
    _life: PhantomData<&'a Page>,
}

impl PageRef<'_> {
    /// `virt_to_head_page(addr)` of a linear-map address; `None` outside the
    /// linear map.
    pub fn head_of(addr: usize) -> Option<Self> {
        if !super::virt_addr_valid(addr) {
            return None;
        }
        // SAFETY: a linear-map address has a `struct page`, whose compound head is
        // a valid page, never NULL.
        let ptr = unsafe {
            NonNull::new_unchecked(bindings::kasan_rs_virt_to_head_page(addr as *const c_void))
        };
        // INVARIANT: a valid memmap entry.
        Some(PageRef {
            ptr,
            _life: PhantomData,
        })
    }

    /// `vmalloc_to_page(addr)` of a vmalloc address: `None` if `addr` is not one
    /// or nothing is mapped there.
    pub fn of_vmalloc(addr: usize) -> Option<Self> {
        if !super::is_vmalloc_addr(addr) {
            return None;
        }
        // SAFETY: `vmalloc_to_page()` walks the kernel page tables for a vmalloc
        // address and returns NULL or the mapped page.
        let ptr = unsafe { bindings::vmalloc_to_page(addr as *const c_void) };
        // INVARIANT: a page mapped in the vmalloc area is a valid memmap entry.
        NonNull::new(ptr).map(|ptr| PageRef {
            ptr,
            _life: PhantomData,
        })
    }

    /// `page_address(page)`, tagged with the page's KASAN tag.
    #[inline(always)]
    pub fn address(self) -> usize {
        // SAFETY: a valid `struct page` (type invariants).
        unsafe { layout::page_address(self.ptr.as_ptr()) }
    }

    /// `dump_page(page, reason)`.
    pub fn dump(self, reason: &CStr) {
        // SAFETY: a valid `struct page` (type invariants) and a NUL-terminated reason.
        unsafe { bindings::dump_page(self.ptr.as_ptr(), reason.as_ptr()) };
    }
}

/// The allocation tag of the granule at `addr` (untagged), if its page is
/// mapped: linear-map memory, or vmalloc memory with a page behind it.
pub fn mem_tag_if_mapped(addr: usize) -> Option<u8> {
    // SAFETY: `addr` is mapped (checked first).
    is_mapped(addr).then(|| unsafe { mte::mem_tag(addr) })
}

/// Whether the page of `addr` (untagged) is mapped.
fn is_mapped(addr: usize) -> bool {
    super::virt_addr_valid(addr) || PageRef::of_vmalloc(addr).is_some()
}

/// The tags of the `N` granules from `start` (untagged, `N` granules within one
/// page), if that page is mapped.
pub fn mem_tags_if_mapped<const N: usize>(start: usize) -> Option<[u8; N]> {
    let last = start.wrapping_add(N.saturating_sub(1) * GRANULE_SIZE);
    if start >> PAGE_SHIFT != last >> PAGE_SHIFT || !is_mapped(start) {
        return None;
    }
    let mut tags = [0u8; N];
    for (g, tag) in tags.iter_mut().enumerate() {
        // SAFETY: every granule is in the page of `start` (checked), mapped.
        *tag = unsafe { mte::mem_tag(start.wrapping_add(g * GRANULE_SIZE)) };
    }
    Some(tags)
}

/// A slab object a hook is allocating, freeing or parking.
///
/// # Invariants
///
/// `cache` is the object's live cache and `addr` (its tag bits as the hook's
/// pointer has them) the start of one of its objects, in slab memory, whose
/// allocation tags the calling hook owns for `'a`.
#[derive(Clone, Copy)]
pub struct Object<'a> {
    cache: Cache<'a>,
    addr: usize,
}

impl<'a> Object<'a> {
    /// # Safety
    ///
    /// `cache` points to a live cache and `object` to the start of one of its
    /// objects that the calling hook allocates, frees or parks: slub (or the
    /// mempool) hands it over for the duration of the hook.
    #[inline(always)]
    pub unsafe fn from_raw(cache: *mut KmemCache, object: *const c_void) -> Self {
        // INVARIANT: the caller's contract.
        Object {
            // SAFETY: forwarded from the caller.
            cache: unsafe { Cache::from_raw(cache) },
            addr: object as usize,
        }
    }

    /// [`Object::from_raw`] of an object found through its slab.
    ///
    /// # Safety
    ///
    /// `object` is the start of an object of `slab`'s cache that the calling
    /// hook owns.
    #[inline(always)]
    pub unsafe fn of_slab(slab: Slab<'a>, object: usize) -> Self {
        // INVARIANT: the caller's contract; the cache of a slab is live.
        Object {
            cache: slab.cache(),
            addr: object,
        }
    }

    /// The object's cache.
    #[inline(always)]
    pub fn cache(self) -> Cache<'a> {
        self.cache
    }

    /// The pointer, tag included.
    #[inline(always)]
    pub fn addr(self) -> usize {
        self.addr
    }

    /// The same object through a pointer with a random tag (`IRG` on the
    /// pointer itself).
    #[inline(always)]
    pub fn with_random_tag(self) -> Self {
        // INVARIANT: the same object; only the pointer's tag changes.
        Object {
            cache: self.cache,
            addr: mte::random_tagged(self.addr),
        }
    }

    /// The same object through a pointer with `tag`.
    #[inline(always)]
    pub fn with_tag(self, tag: u8) -> Self {
        // INVARIANT: the same object; only the pointer's tag changes.
        Object {
            cache: self.cache,
            addr: set_tag(self.addr, tag),
        }
    }

    /// Tags `size` bytes (rounded up to a granule) with the pointer's tag,
    /// zeroing them if `init` (`kasan_unpoison()`).
    #[inline(always)]
    pub fn unpoison(self, size: usize, init: bool) {
        // SAFETY: the hook owns the object's tags; slab memory of the linear map is
        // not NULL and ends well below the top of the address space (type
        // invariants); callers pass at most the object size.
        unsafe { poison::unpoison_known(self.addr, size, init) };
    }

    /// Tags `[start, start + len)` (granule-aligned, within the object's slot:
    /// the object, or its kmalloc redzone) as inaccessible, zeroing it if `init`
    /// (`kasan_poison()`).
    #[inline(always)]
    pub fn poison_range(self, start: usize, len: usize, init: bool) {
        // SAFETY: a range of the object's slot, whose tags the hook owns, in the
        // linear map: not NULL, not wrapping (type invariants); callers pass ranges
        // of the object.
        unsafe { poison::poison_known(start, len, POISON, init) };
    }

    /// The allocation tags of the objects before and after this one in its slab
    /// (`None` where there is no neighbour).
    pub fn neighbour_tags(self) -> (Option<u8>, Option<u8>) {
        let object = reset_tag(self.addr);
        let slot = self.cache.slot_size();
        let (start, end) = Slab::bounds_of(object);
        // The neighbours' first granules, when inside the slab: mapped memory.
        let before = match object.checked_sub(slot) {
            // SAFETY: `prev` is in the slab's memory, in the linear map.
            Some(prev) if slot > 0 && prev >= start => Some(unsafe { mte::mem_tag(prev) }),
            _ => None,
        };
        let after = match object.checked_add(slot) {
            // SAFETY: `next` is in the slab's memory, in the linear map.
            Some(next) if slot > 0 && next < end => Some(unsafe { mte::mem_tag(next) }),
            _ => None,
        };
        (before, after)
    }

    /// Whether an access through the object's pointer to its first byte passes
    /// the tag check.
    #[inline(always)]
    pub fn accessible(self) -> bool {
        // SAFETY: slab memory of the linear map (type invariants) is mapped.
        unsafe { poison::byte_accessible(self.addr) }
    }
}

/// Pages a hook owns the tags of: from the page allocator, or a new slab's.
///
/// # Invariants
///
/// `head` points to the first of `1 << order` consecutive valid `struct page`s
/// of the linear map, whose memory and `page->flags` KASAN tag the calling hook
/// owns for `'a`.
pub struct Pages<'a> {
    head: NonNull<Page>,
    order: u32,
    _life: PhantomData<&'a Page>,
}

impl<'a> Pages<'a> {
    /// # Safety
    ///
    /// `page` is the first of `1 << order` pages the page allocator hands to, or
    /// takes back from, the calling hook.
    #[inline(always)]
    pub unsafe fn from_raw(page: *mut Page, order: u32) -> Self {
        // INVARIANT: the caller's contract.
        Pages {
            // SAFETY: non-NULL by the caller's contract.
            head: unsafe { NonNull::new_unchecked(page) },
            order,
            _life: PhantomData,
        }
    }

    /// The pages of a slab slub is setting up.
    ///
    /// # Safety
    ///
    /// `slab` is a slab slub just allocated and hands to the calling hook.
    #[inline(always)]
    pub unsafe fn of_new_slab(slab: *mut RawSlab) -> Self {
        // SAFETY: a live slab's first page, handed to the hook (caller's contract).
        unsafe { Self::of_head(bindings::kasan_rs_slab_page(slab)) }
    }

    /// The pages of a large kmalloc allocation, from a pointer into its first
    /// page.
    ///
    /// # Safety
    ///
    /// `ptr` points into the first page of a live large kmalloc allocation
    /// (whole pages from the page allocator) the calling hook owns.
    #[inline(always)]
    pub unsafe fn of_large_kmalloc(ptr: usize) -> Self {
        // SAFETY: a live page-allocator allocation is linear-map memory, whose
        // `virt_to_page()` is its (compound) head page, owned by the hook
        // (caller's contract).
        unsafe { Self::of_head(bindings::kasan_rs_virt_to_page(ptr as *const c_void)) }
    }

    /// The pages of the compound allocation headed by `page`, `page_size()` of
    /// them.
    ///
    /// # Safety
    ///
    /// `page` is the non-NULL head page of an allocation the calling hook owns.
    #[inline(always)]
    unsafe fn of_head(page: *mut Page) -> Self {
        // SAFETY: a valid head page (caller's contract).
        let size = unsafe { bindings::kasan_rs_page_size(page) };
        // INVARIANT: the allocation's pages, owned by the hook.
        Pages {
            // SAFETY: non-NULL (caller's contract).
            head: unsafe { NonNull::new_unchecked(page) },
            order: order_of(size),
            _life: PhantomData,
        }
    }

    /// The size in bytes.
    #[inline(always)]
    pub fn size(&self) -> usize {
        PAGE_SIZE << self.order
    }

    /// The linear-map address, with the match-all tag.
    #[inline(always)]
    pub fn linear_address(&self) -> usize {
        // SAFETY: a valid `struct page` (type invariants).
        unsafe { layout::linear_address(self.head.as_ptr()) }
    }

    /// `page_address()`: the linear-map address with the pages' KASAN tag.
    #[inline(always)]
    pub fn address(&self) -> usize {
        // SAFETY: valid `struct page`s (type invariants).
        unsafe { layout::page_address(self.head.as_ptr()) }
    }

    /// `page_kasan_tag()` of the first page.
    #[inline(always)]
    pub fn kasan_tag(&self) -> u8 {
        // SAFETY: a valid `struct page` (type invariants).
        unsafe { layout::page_kasan_tag(self.head.as_ptr()) }
    }

    /// `page_kasan_tag_set()` of every page.
    #[inline(always)]
    pub fn set_kasan_tag(&self, tag: u8) {
        // SAFETY: `nr` valid pages whose tag the hook owns (type invariants).
        unsafe { layout::page_kasan_tag_set(self.head.as_ptr(), 1 << self.order, tag) };
    }

    /// Tags (and zeroes if `init`) all the pages' memory with `tag`.
    #[inline(always)]
    pub fn tag_memory(&self, tag: u8, init: bool) {
        // The linear-map address of a page is non-null and page- (so granule-)
        // aligned, and the pages lie in the linear map, which ends below the tag
        // byte: `validate()` holds.
        // SAFETY: that range is valid (above); the hook owns the pages' tags
        // (type invariants).
        unsafe { mte::set_mem_tag_range_trusted(self.linear_address(), self.size(), tag, init) }
    }

    /// Tags `[ptr, ptr + size)` (size rounded up to a granule; `ptr` granule
    /// aligned, inside the pages) with `ptr`'s tag.
    #[inline(always)]
    pub fn unpoison_head(&self, ptr: usize, size: usize) {
        // SAFETY: a span of the pages, whose tags the hook owns, in the linear map:
        // not NULL, not wrapping (type invariants).
        unsafe { poison::unpoison_known(ptr, size, false) };
    }

    /// Tags `[start, start + len)` (granule-aligned, inside the pages, tag bits
    /// ignored) as inaccessible: a large kmalloc's redzone.
    #[inline(always)]
    pub fn poison_range(&self, start: usize, len: usize) {
        // SAFETY: a range of the pages, whose tags the hook owns, in the linear map:
        // not NULL, not wrapping (type invariants); callers pass ranges of the pages.
        unsafe { poison::poison_known(start, len, POISON, false) };
    }
}

/// The order of a compound page allocation of `size` bytes (`page_size()`, a
/// power-of-two number of pages).
#[inline(always)]
fn order_of(size: usize) -> u32 {
    (size >> PAGE_SHIFT).trailing_zeros()
}

/// A vmalloc mapping being set up by the calling hook.
///
/// # Invariants
///
/// `[start, start + size)` (tag bits ignored) is mapped vmalloc memory whose
/// pages' tags, and whose last page's tags up to its end, the calling hook
/// owns for `'a`.
pub struct VmallocRange<'a> {
    start: usize,
    size: usize,
    _life: PhantomData<&'a ()>,
}

impl VmallocRange<'_> {
    /// # Safety
    ///
    /// `[start, start + size)` is a vmalloc mapping the calling hook sets up
    /// (mm/vmalloc.c hands it over before anyone else can use it).
    #[inline(always)]
    pub unsafe fn from_raw(start: usize, size: usize) -> Self {
        // INVARIANT: the caller's contract.
        VmallocRange {
            start,
            size,
            _life: PhantomData,
        }
    }

    /// Zeroes the mapping's pages and resets their tags
    /// (`clear_highpage_kasan_tagged()`), for `__GFP_ZERO` without tagging.
    pub fn clear_pages(&self) {
        let end = self.start.saturating_add(self.size);
        let mut addr = self.start;
        while addr < end {
            if let Some(page) = PageRef::of_vmalloc(addr) {
                // SAFETY: a page of the mapping, owned by the hook (type invariants).
                unsafe { bindings::kasan_rs_clear_highpage_kasan_tagged(page.ptr.as_ptr()) };
            }
            addr = addr.saturating_add(PAGE_SIZE);
        }
    }

    /// Tags `[start, start + size)` with `tag` (size rounded up to a granule) and
    /// the rest of the last page as inaccessible, zeroing both if `init`.
    /// Returns the tagged start.
    pub fn tag(&self, tag: u8, init: bool) -> usize {
        let start = set_tag(self.start, tag);
        let (redzone, redzone_len) = vmalloc_redzone(start, self.size, PAGE_SIZE);
        // SAFETY: the mapping and its last page belong to the hook, and vmalloc
        // memory is not NULL and ends below the top of the address space (type
        // invariants).
        unsafe {
            poison::unpoison_known(start, self.size, init);
            poison::poison_known(redzone, redzone_len, POISON, init);
        }
        start
    }

    /// Gives the pages backing the area (`find_vm_area()`) the KASAN tag `tag`;
    /// false if there is no such area.
    pub fn set_pages_kasan_tag(&self, tag: u8) -> bool {
        let mut pages: *mut *mut Page = core::ptr::null_mut();
        let mut nr: c_uint = 0;
        // SAFETY: `find_vm_area()` looks the address up; the glue writes the two
        // outputs only.
        if !unsafe {
            bindings::kasan_rs_vm_area_pages(self.start as *const c_void, &mut pages, &mut nr)
        } {
            return false;
        }
        for i in 0..nr as usize {
            // SAFETY: the area's page array has `nr` entries, each a valid page of
            // the mapping, owned by the hook (type invariants).
            unsafe { layout::page_kasan_tag_set(*pages.add(i), 1, tag) };
        }
        true
    }
}

/// A `struct vm_struct` of a per-CPU allocation being set up.
///
/// # Invariants
///
/// `ptr` points to a live `struct vm_struct` whose mapping the calling hook
/// sets up, for `'a`.
#[repr(transparent)]
pub struct VmArea<'a> {
    ptr: NonNull<VmStruct>,
    _life: PhantomData<&'a mut VmStruct>,
}

impl VmArea<'_> {
    /// The areas of `vms[0..nr]`.
    ///
    /// # Safety
    ///
    /// `vms` points to `nr` pointers to live areas the calling hook sets up.
    pub unsafe fn array<'b>(vms: *mut *mut VmStruct, nr: usize) -> &'b [VmArea<'b>] {
        // SAFETY: `VmArea` is a transparent non-NULL pointer (below), and the
        // caller guarantees `nr` valid, non-NULL entries.
        unsafe { core::slice::from_raw_parts(vms.cast::<VmArea<'b>>(), nr) }
    }

    /// `vm->addr`.
    pub fn addr(&self) -> usize {
        // SAFETY: a live area (type invariants).
        unsafe { *bindings::kasan_rs_vm_struct_addr(self.ptr.as_ptr()) as usize }
    }

    /// Sets `vm->addr` (to the same address with a new tag).
    pub fn set_addr(&self, addr: usize) {
        // SAFETY: a live area being set up by the hook (type invariants).
        unsafe { *bindings::kasan_rs_vm_struct_addr(self.ptr.as_ptr()) = addr as *mut c_void };
    }

    /// `vm->size`.
    pub fn size(&self) -> usize {
        // SAFETY: a live area (type invariants).
        unsafe { bindings::kasan_rs_vm_struct_size(self.ptr.as_ptr()) }
    }
}
