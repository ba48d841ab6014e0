// SPDX-License-Identifier: GPL-2.0

//! The Memory Tagging Extension instructions KASAN needs, behind a safe API.
//!
//! The instructions act on allocation tags (4 bits per 16-byte granule) and
//! never on data, except the zeroing variants which zero exactly the granules
//! they tag; callers guarantee the ranges they pass are memory KASAN owns the
//! tags of (see each function).

use crate::kasan_core::tag_range::{TagRangePlan, ValidRange};
use crate::kasan_core::tags::{mte_ptr_tag, set_tag};
use core::arch::asm;

/// A random tag from the hardware generator (`IRG`), in `0xF0..=0xFD`: the
/// exclusion mask programmed in `GCR_EL1` by `mte_cpu_setup()` keeps the
/// match-all (0xF) and invalid (0xE) tags out.
#[inline(always)]
pub fn random_tag() -> u8 {
    let mut addr: usize = 0;
    // SAFETY: `IRG` only computes a value in a register; it touches no memory.
    unsafe {
        asm!(".arch_extension memtag", "irg {0}, {0}", inout(reg) addr, options(nomem, nostack));
    }
    mte_ptr_tag(addr)
}

/// `ptr` with a random tag from `IRG` (as [`random_tag`]) in its tag bits,
/// the rest unchanged: one instruction for a pointer that needs a fresh tag.
/// Kernel pointers have `0xF` in bits 60-63, so the result carries a KASAN tag
/// (`0xF0..=0xFD`).
#[inline(always)]
pub fn random_tagged(ptr: usize) -> usize {
    let tagged: usize;
    // SAFETY: `IRG` only computes a value in a register; it touches no memory.
    unsafe {
        asm!(".arch_extension memtag", "irg {0}, {1}", out(reg) tagged, in(reg) ptr,
             options(nomem, nostack, preserves_flags));
    }
    tagged
}

/// As [`random_tag`], but never one of the allocation tags set in `exclude`
/// (bit `n` excludes tag `n`; `IRG`'s exclusion register, on top of
/// `GCR_EL1`'s). Excluding all the tags `GCR_EL1` leaves gives tag 0 (`0xF0`),
/// as the instruction defines.
#[inline(always)]
pub fn random_tag_excluding(exclude: u16) -> u8 {
    let mut addr: usize = 0;
    // SAFETY: `IRG` only computes a value in a register; it touches no memory.
    unsafe {
        asm!(".arch_extension memtag", "irg {0}, {0}, {1}", inout(reg) addr, in(reg) exclude as usize,
             options(nomem, nostack));
    }
    mte_ptr_tag(addr)
}

/// The allocation tag of the granule holding `addr`, as a KASAN tag (`0xF?`).
///
/// Reading a tag (`LDG`) never faults on a tag mismatch, but faults on an
/// unmapped address like a load.
///
/// # Safety
///
/// `addr` (tag bits ignored) is mapped kernel memory: the linear map, or a
/// vmalloc address with a page behind it.
#[inline(always)]
pub unsafe fn mem_tag(addr: usize) -> u8 {
    let mut x = addr;
    // SAFETY: `LDG` reads the allocation tag of a mapped kernel address (caller's
    // contract); it neither writes memory nor checks tags.
    unsafe {
        asm!(".arch_extension memtag", "ldg {0}, [{0}]", inout(reg) x, options(readonly, nostack, preserves_flags));
    }
    mte_ptr_tag(x)
}

/// Sets `SCTLR_EL1.TCF` of the calling CPU to synchronous tag-check faults
/// (`0b01`), the run-time half of `mte_enable_kernel_sync()`.
///
/// # Safety
///
/// Tag checking must be on (KASAN enabled); the caller keeps the kernel's view
/// of the mode (`kasan_mode`) in step and runs this on every CPU with CPU
/// hotplug held off (see `mode_switch`).
pub unsafe fn set_kernel_tag_check_sync() {
    // SAFETY: rewrites only the TCF field (bits 41:40) of this CPU's
    // SCTLR_EL1; the ISB makes the new mode apply to the next instruction.
    unsafe {
        asm!(
            "mrs {v}, sctlr_el1",
            "bic {v}, {v}, #(3 << 40)",
            "orr {v}, {v}, #(1 << 40)",
            "msr sctlr_el1, {v}",
            "isb",
            v = out(reg) _,
            options(nostack, preserves_flags)
        );
    }
}

/// Raw `DCZID_EL0`: the `DC GVA` block size and the prohibit bit.
#[inline(always)]
fn dczid() -> u64 {
    let v: u64;
    // SAFETY: reading an EL0-readable ID register has no side effect.
    unsafe { asm!("mrs {0}, dczid_el0", out(reg) v, options(nomem, nostack, preserves_flags)) };
    v
}

/// Sets the allocation tag of every granule of `range` to `tag`, also zeroing
/// the data if `init`: the Rust `mte_set_mem_tag_range()`.
///
/// Uses `STG`/`STZG` up to the first `DC GVA` block, whole blocks with
/// `DC GVA`/`DC GZVA`, then `STG`/`STZG` for the tail, as planned (and tested
/// on the host) by [`TagRangePlan`]. The range was validated once by the
/// caller ([`ValidRange`]: non-null, aligned, not wrapping).
///
/// # Safety
///
/// `range` (tag bits ignored) must be mapped kernel memory whose tags KASAN
/// owns right now: an object, a slab, pages or a vmalloc area being allocated
/// or freed by the caller's hook. With `init`, its contents are zeroed.
#[inline(always)]
pub unsafe fn set_mem_tag_range(range: ValidRange, tag: u8, init: bool) {
    // SAFETY: a `ValidRange` satisfies `validate()`; the rest is the caller's.
    unsafe { set_mem_tag_range_trusted(range.addr(), range.size(), tag, init) }
}

/// [`set_mem_tag_range`] of a range valid by construction, not checked again
/// (the page hooks: a page allocation's linear-map range).
///
/// # Safety
///
/// `validate(addr, size)` (of `kasan_core::tag_range`) holds for `addr` with
/// its tag bits ignored, and the range is memory as [`set_mem_tag_range`]
/// requires.
#[inline(always)]
pub unsafe fn set_mem_tag_range_trusted(addr: usize, size: usize, tag: u8, init: bool) {
    let plan = TagRangePlan::of_trusted(set_tag(addr, tag), size, dczid());
    // The walk is that of the C `mte_set_mem_tag_range()`: a post-indexed
    // STG/STZG per granule, one DC GVA/GZVA per block. The plan hands each
    // closure exactly the granules and whole aligned blocks of the caller's
    // range, with the tag in the address bits (`TagRangePlan::walk`).
    if init {
        plan.walk(
            // SAFETY: a granule of the caller's range (above).
            |p| unsafe { stzg_post(p) },
            // SAFETY: a whole block of the caller's range (above).
            |b| unsafe { dc_gzva(b) },
        );
    } else {
        plan.walk(
            // SAFETY: a granule of the caller's range (above).
            |p| unsafe { stg_post(p) },
            // SAFETY: a whole block of the caller's range (above).
            |b| unsafe { dc_gva(b) },
        );
    }
}

/// `STG` of the granule at `p` with the tag in `p`'s top byte; returns
/// `p + 16` (post-indexed).
///
/// # Safety
///
/// `p` is a granule-aligned address in memory whose tags the caller owns.
#[inline(always)]
unsafe fn stg_post(mut p: usize) -> usize {
    // SAFETY: forwarded from the caller; STG writes only the allocation tag.
    unsafe {
        asm!(".arch_extension memtag", "stg {0}, [{0}], #16", inout(reg) p, options(nostack))
    };
    p
}

/// `STZG`: as [`stg_post`], also zeroing the granule's data.
///
/// # Safety
///
/// As [`stg_post`], and the granule's contents may be zeroed.
#[inline(always)]
unsafe fn stzg_post(mut p: usize) -> usize {
    // SAFETY: forwarded from the caller.
    unsafe {
        asm!(".arch_extension memtag", "stzg {0}, [{0}], #16", inout(reg) p, options(nostack))
    };
    p
}

/// `DC GVA`: tags the whole `DCZID_EL0` block at `b` with `b`'s tag.
///
/// # Safety
///
/// `b` is block-aligned, in memory whose tags the caller owns.
#[inline(always)]
unsafe fn dc_gva(b: usize) {
    // SAFETY: forwarded from the caller; DC GVA writes only allocation tags.
    unsafe { asm!(".arch_extension memtag", "dc gva, {0}", in(reg) b, options(nostack)) };
}

/// `DC GZVA`: as [`dc_gva`], also zeroing the block's data.
///
/// # Safety
///
/// As [`dc_gva`], and the block's contents may be zeroed.
#[inline(always)]
unsafe fn dc_gzva(b: usize) {
    // SAFETY: forwarded from the caller.
    unsafe { asm!(".arch_extension memtag", "dc gzva, {0}", in(reg) b, options(nostack)) };
}
