// SPDX-License-Identifier: GPL-2.0

//! vmalloc hooks (mm/vmalloc.c, kernel/scs.c), governed by `kasan.vmalloc`.
//!
//! Hardware tags live in physical memory, so only the first mapping of normal
//! (`VM_ALLOC`, non-executable) vmalloc memory is tagged; the backing pages
//! get the same tag in `page->flags` so that `page_address()` of them works.

use crate::ffi::mm::{VmArea, VmallocRange};
use crate::ffi::KASAN_VMALLOC_VM_ALLOC;
use crate::ffi::{self, VmStruct, VmallocFlags};
use crate::ffi::{KASAN_VMALLOC_INIT, KASAN_VMALLOC_KEEP_TAG, KASAN_VMALLOC_PROT_NORMAL};
use crate::kasan_core::tags::{get_tag, round_down_granule, set_tag};
use crate::mte;
use core::ffi::c_void;
use core::sync::atomic::{AtomicBool, Ordering};

/// Whether vmalloc memory is tagged (`kasan.vmalloc`).
#[inline(always)]
fn enabled() -> bool {
    crate::ffi::static_keys::Key::Vmalloc.is_on()
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
    // SAFETY: a mapping mm/vmalloc.c sets up through this hook (caller's contract).
    let range = unsafe { VmallocRange::from_raw(start as usize, size) };
    let init = flags & KASAN_VMALLOC_INIT != 0;
    if !enabled() {
        if init {
            range.clear_pages();
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
    let start = range.tag(tag, init);
    if !range.set_pages_kasan_tag(tag) {
        ffi::warn(c"vmalloc area to tag not found");
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
    let Ok(nr) = usize::try_from(nr_vms) else {
        return;
    };
    // SAFETY: `vms` holds `nr_vms` live areas the caller sets up.
    let areas = unsafe { VmArea::array(vms, nr) };
    let Some((first, rest)) = areas.split_first() else {
        return;
    };
    // SAFETY: each area's mapping is set up by the caller (as above).
    let addr =
        unsafe { __kasan_unpoison_vmalloc(first.addr() as *const c_void, first.size(), flags) };
    first.set_addr(addr as usize);
    let tag = get_tag(addr as usize);
    for vm in rest {
        let addr = set_tag(vm.addr(), tag) as *const c_void;
        // SAFETY: as above.
        let addr =
            unsafe { __kasan_unpoison_vmalloc(addr, vm.size(), flags | KASAN_VMALLOC_KEEP_TAG) };
        vm.set_addr(addr as usize);
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
