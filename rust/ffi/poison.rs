// SPDX-License-Identifier: GPL-2.0

//! Poisoning and unpoisoning memory, and the software accessibility check:
//! the HW_TAGS `kasan_poison()`, `kasan_unpoison()` and
//! `kasan_byte_accessible()` of mm/kasan/kasan.h.

use super::{warn, warn_cold};
use crate::kasan_core::tag_range::{RangeError, ValidRange};
use crate::kasan_core::tags::GRANULE_MASK;
use crate::kasan_core::tags::{get_tag, is_granule_aligned, reset_tag, round_up_granule};
use crate::kasan_core::tags::{KASAN_TAG_INVALID, KASAN_TAG_KERNEL};
use crate::mte;

/// The tag every KASAN poison value maps to in hardware tag mode.
pub const POISON: u8 = KASAN_TAG_INVALID;

/// Tags `[addr, addr + size)` (size rounded up to a granule) with the tag of the
/// pointer `addr`, zeroing it if `init`. Warns and does nothing if `addr` is not
/// granule-aligned.
///
/// # Safety
///
/// As [`mte::set_mem_tag_range`]: memory the calling hook owns the tags of.
#[inline(always)]
pub unsafe fn unpoison(addr: usize, size: usize, init: bool) {
    let Some(size) = round_up_granule(size) else {
        return;
    };
    match ValidRange::new(reset_tag(addr), size) {
        // SAFETY: forwarded from the caller.
        Ok(range) => unsafe { mte::set_mem_tag_range(range, get_tag(addr), init) },
        // __kasan_unpoison_range() is a leaf but for this.
        Err(RangeError::UnalignedAddr) => warn_cold(c"kasan_unpoison: unaligned address"),
        Err(_) => {}
    }
}

/// Tags `[addr, addr + size)` as inaccessible (`value`, in practice [`POISON`]),
/// zeroing it if `init`: `kasan_poison()`. Warns and does nothing if `addr` or
/// `size` is not granule-aligned, which is all the C checks; the range is known
/// to be non-NULL and not to wrap (part of a slab object's slot, of pages of
/// the linear map or of a vmalloc mapping).
///
/// # Safety
///
/// As [`mte::set_mem_tag_range`]: memory the calling hook owns the tags of.
/// And `addr` (tag bits ignored) is not NULL and `addr + size` does not pass
/// the top of the address space.
#[inline(always)]
pub unsafe fn poison_known(addr: usize, size: usize, value: u8, init: bool) {
    let addr = reset_tag(addr);
    if !is_granule_aligned(addr) {
        warn(c"kasan_poison: unaligned address");
    } else if !is_granule_aligned(size) {
        warn(c"kasan_poison: unaligned size");
    } else {
        // SAFETY: aligned (checked), non-NULL and not wrapping (caller's contract):
        // `validate()` holds; the memory is the caller's.
        unsafe { mte::set_mem_tag_range_trusted(addr, size, value, init) }
    }
}

/// [`unpoison`] of a range known to be non-NULL and not to wrap once `size` is
/// rounded up to a granule (as for [`poison_known`]): only the alignment is
/// checked, as C's `kasan_unpoison()` does.
///
/// # Safety
///
/// As [`unpoison`], and `addr` (tag bits ignored) is not NULL and
/// `addr + round_up(size)` does not pass the top of the address space.
#[inline(always)]
pub unsafe fn unpoison_known(addr: usize, size: usize, init: bool) {
    // Wrapping as C's round_up(): cannot wrap here (caller's contract).
    let size = size.wrapping_add(GRANULE_MASK) & !GRANULE_MASK;
    if !is_granule_aligned(addr) {
        warn(c"kasan_unpoison: unaligned address");
    } else {
        // SAFETY: aligned (checked), non-NULL and not wrapping (caller's contract):
        // `validate()` holds; the memory is the caller's.
        unsafe { mte::set_mem_tag_range_trusted(reset_tag(addr), size, get_tag(addr), init) }
    }
}

/// Whether an access through the pointer `addr` to its first byte passes the tag
/// check: the match-all tag, or equal pointer and memory tags.
///
/// # Safety
///
/// `addr` is a mapped kernel address (see [`mte::mem_tag`]).
#[inline(always)]
pub unsafe fn byte_accessible(addr: usize) -> bool {
    let ptr_tag = get_tag(addr);
    // SAFETY: forwarded from the caller.
    ptr_tag == KASAN_TAG_KERNEL || ptr_tag == unsafe { mte::mem_tag(addr) }
}
