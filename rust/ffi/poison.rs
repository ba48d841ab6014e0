// SPDX-License-Identifier: GPL-2.0

//! Poisoning and unpoisoning memory, and the software accessibility check:
//! the HW_TAGS `kasan_poison()`, `kasan_unpoison()` and
//! `kasan_byte_accessible()` of mm/kasan/kasan.h.

use super::warn;
use crate::kasan_core::tag_range::{RangeError, ValidRange};
use crate::kasan_core::tags::{get_tag, reset_tag, round_up_granule};
use crate::kasan_core::tags::{KASAN_TAG_INVALID, KASAN_TAG_KERNEL};
use crate::mte;

/// The tag every KASAN poison value maps to in hardware tag mode.
pub const POISON: u8 = KASAN_TAG_INVALID;

/// Tags `[addr, addr + size)` as inaccessible (`value`, in practice [`POISON`]),
/// zeroing it if `init`. Warns and does nothing if `addr` or `size` is not
/// granule-aligned, as the C does (and does nothing for a NULL or wrapping
/// range, where the C would fault).
///
/// # Safety
///
/// As [`mte::set_mem_tag_range`]: memory the calling hook owns the tags of.
#[inline(always)]
pub unsafe fn poison(addr: usize, size: usize, value: u8, init: bool) {
    match ValidRange::new(reset_tag(addr), size) {
        // SAFETY: forwarded from the caller.
        Ok(range) => unsafe { mte::set_mem_tag_range(range, value, init) },
        Err(RangeError::UnalignedAddr) => warn(c"kasan_poison: unaligned address"),
        Err(RangeError::UnalignedSize) => warn(c"kasan_poison: unaligned size"),
        Err(_) => {}
    }
}

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
        Err(RangeError::UnalignedAddr) => warn(c"kasan_unpoison: unaligned address"),
        Err(_) => {}
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
