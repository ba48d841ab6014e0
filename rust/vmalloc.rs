// SPDX-License-Identifier: GPL-2.0

//! vmalloc hooks (mm/vmalloc.c, kernel/scs.c), governed by `kasan.vmalloc`.
//!
//! Hardware tags live in physical memory, so only the first mapping of normal
//! (`VM_ALLOC`, non-executable) vmalloc memory is tagged; the backing pages
//! get the same tag in `page->flags` so that `page_address()` of them works.

use crate::ffi::KASAN_VMALLOC_VM_ALLOC;
use crate::ffi::{self, Page, VmStruct, VmallocFlags};
use crate::ffi::{KASAN_VMALLOC_INIT, KASAN_VMALLOC_KEEP_TAG, KASAN_VMALLOC_PROT_NORMAL};
use crate::kasan_core::tags::{get_tag, round_down_granule, round_up_granule, set_tag};
use crate::mte;
use crate::poison::{self, POISON};
use core::ffi::c_void;
use core::sync::atomic::{AtomicBool, Ordering};
use kernel::page::PAGE_SIZE;

/// Whether vmalloc memory is tagged (`kasan.vmalloc`).
#[inline(always)]
fn enabled() -> bool {
    crate::static_keys::Key::Vmalloc.is_on()
}

/// Zeroes the pages of `[start, start + size)` and resets their tags, for
/// `__GFP_ZERO` vmalloc when tagging is off.
///
/// # Safety
///
/// The range is a page-aligned vmalloc mapping being set up by the caller.
unsafe fn init_pages(start: usize, size: usize) {
    let end = start.saturating_add(size);
    let mut addr = start;
    while addr < end {
        // SAFETY: `addr` is mapped (caller's contract), so it has a page.
        unsafe {
            ffi::kasan_rs_clear_highpage_kasan_tagged(ffi::vmalloc_to_page(addr as *const c_void))
        };
        addr = addr.saturating_add(PAGE_SIZE);
    }
}

/// Gives the pages backing the vmalloc area at `addr` the tag `tag`.
///
/// # Safety
///
/// `addr` is the start of a live `VM_ALLOC` area.
unsafe fn tag_area_pages(addr: usize, tag: u8) {
    let mut pages: *mut *mut Page = core::ptr::null_mut();
    let mut nr: u32 = 0;
    // SAFETY: `find_vm_area()` looks `addr` up; the returned array has `nr` pages.
    unsafe {
        if !ffi::kasan_rs_vm_area_pages(addr as *const c_void, &mut pages, &mut nr) {
            ffi::warn(c"vmalloc area to tag not found");
            return;
        }
        for i in 0..nr as usize {
            crate::layout::page_kasan_tag_set(*pages.add(i), 1, tag);
        }
    }
}

/// Tags a new vmalloc mapping and its in-page tail redzone; returns the tagged
/// start address callers must use.
///
/// # Safety
///
/// `[start, start + size)` is a vmalloc mapping being created by the caller.
#[no_mangle]
pub unsafe extern "C" fn __kasan_unpoison_vmalloc(
    start: *const c_void,
    size: usize,
    flags: VmallocFlags,
) -> *mut c_void {
    let init = flags & KASAN_VMALLOC_INIT != 0;
    if !enabled() {
        if init {
            // SAFETY: forwarded from the caller.
            unsafe { init_pages(start as usize, size) };
        }
        return start as *mut c_void;
    }
    // Only the first mapping of normal, non-executable memory can be tagged.
    if flags & KASAN_VMALLOC_VM_ALLOC == 0 || flags & KASAN_VMALLOC_PROT_NORMAL == 0 {
        if init {
            ffi::warn(c"vmalloc init requested for an untagged mapping");
        }
        return start as *mut c_void;
    }
    let tag = if flags & KASAN_VMALLOC_KEEP_TAG != 0 {
        get_tag(start as usize)
    } else {
        mte::random_tag()
    };
    let start = set_tag(start as usize, tag);
    let redzone_start = round_up_granule(start.wrapping_add(size)).unwrap_or(0);
    let page_end = redzone_start.wrapping_add(PAGE_SIZE - 1) & !(PAGE_SIZE - 1);
    // SAFETY: the mapping and its last page belong to the caller.
    unsafe {
        poison::unpoison(start, size, init);
        poison::poison(
            redzone_start,
            page_end.wrapping_sub(redzone_start),
            POISON,
            init,
        );
        tag_area_pages(start, tag);
    }
    start as *mut c_void
}

/// Nothing to do: the pages behind the mapping are poisoned when freed.
#[no_mangle]
pub extern "C" fn __kasan_poison_vmalloc(_start: *const c_void, _size: usize) {}

/// Tags the areas of a per-CPU allocation with one tag.
///
/// # Safety
///
/// `vms` points to `nr_vms >= 1` live areas being set up by the caller.
#[no_mangle]
pub unsafe extern "C" fn __kasan_unpoison_vmap_areas(
    vms: *mut *mut VmStruct,
    nr_vms: i32,
    flags: VmallocFlags,
) {
    static WARNED: AtomicBool = AtomicBool::new(false);
    if flags & KASAN_VMALLOC_KEEP_TAG != 0 {
        if !WARNED.swap(true, Ordering::Relaxed) {
            ffi::warn(c"KASAN_VMALLOC_KEEP_TAG passed for vmap areas");
        }
        return;
    }
    if nr_vms < 1 {
        return;
    }
    // SAFETY: `vms` holds `nr_vms` live areas (caller's contract).
    unsafe {
        let first = *vms;
        let slot = ffi::kasan_rs_vm_struct_addr(first);
        *slot = __kasan_unpoison_vmalloc(*slot, ffi::kasan_rs_vm_struct_size(first), flags);
        let tag = get_tag(*slot as usize);
        for i in 1..nr_vms as usize {
            let vm = *vms.add(i);
            let slot = ffi::kasan_rs_vm_struct_addr(vm);
            let addr = set_tag(*slot as usize, tag) as *const c_void;
            *slot = __kasan_unpoison_vmalloc(
                addr,
                ffi::kasan_rs_vm_struct_size(vm),
                flags | KASAN_VMALLOC_KEEP_TAG,
            );
        }
    }
}

/// `vrealloc()` in place: growing unpoisons the new tail with the same tag;
/// shrinking poisons nothing (as upstream in this mode).
///
/// # Safety
///
/// `addr` is a live vmalloc allocation whose mapping covers `new_size` bytes.
#[no_mangle]
pub unsafe extern "C" fn __kasan_vrealloc(addr: *const c_void, old_size: usize, new_size: usize) {
    if new_size > old_size {
        let old = round_down_granule(old_size);
        // SAFETY: the grown part is mapped and owned by the caller.
        unsafe {
            __kasan_unpoison_vmalloc(
                (addr as usize).wrapping_add(old) as *const c_void,
                new_size - old,
                KASAN_VMALLOC_PROT_NORMAL | KASAN_VMALLOC_VM_ALLOC | KASAN_VMALLOC_KEEP_TAG,
            );
        }
    }
}
