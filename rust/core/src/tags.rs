//! Pointer-tag arithmetic for arm64 Top Byte Ignore (TBI) and the Memory
//! Tagging Extension (MTE), as used by the hardware tag-based KASAN mode.
//!
//! A kernel pointer carries its KASAN tag in bits 63..56. MTE only looks at
//! bits 59..56 (the *logical tag*), so KASAN restricts itself to tags of the
//! form `0xF?`: the upper nibble of the top byte then matches the upper
//! nibble of an untagged kernel address and only the low nibble varies.
//!
//! Every function here is a pure bit operation on a `usize` address; none of
//! them dereference anything. The module assumes a 64-bit `usize` (checked at
//! compile time), which holds for arm64 and for every host the tests run on.

/// Tag of native (untagged) kernel pointers. It also acts as the
/// "match-all" tag: KASAN never reports accesses through such pointers.
pub const KASAN_TAG_KERNEL: u8 = 0xFF;

/// Tag stored in memory that must not be accessed (freed objects,
/// redzones, freed pages). Every KASAN poison value maps to it.
pub const KASAN_TAG_INVALID: u8 = 0xFE;

/// Smallest tag handed out to allocations (random tags are drawn from
/// `KASAN_TAG_MIN..=KASAN_TAG_MAX`).
pub const KASAN_TAG_MIN: u8 = 0xF0;

/// Largest tag handed out to allocations.
pub const KASAN_TAG_MAX: u8 = 0xFD;

/// Bit position of the pointer tag inside an address.
pub const MTE_TAG_SHIFT: u32 = 56;

/// Number of bits MTE actually stores per granule (the logical tag).
pub const MTE_TAG_SIZE: u32 = 4;

/// Mask of the whole top byte of an address (bits 63..56).
pub const TOP_BYTE_MASK: usize = 0xFF << MTE_TAG_SHIFT;

/// Size in bytes of one MTE tag granule: the unit of memory that carries one
/// allocation tag (`MTE_GRANULE_SIZE`, `KASAN_GRANULE_SIZE`).
pub const GRANULE_SIZE: usize = 16;

/// `GRANULE_SIZE - 1`: the offset bits inside a granule.
pub const GRANULE_MASK: usize = GRANULE_SIZE - 1;

// The tag lives in bits 63..56, so this module only makes sense with 64-bit
// addresses. This is a compile-time check, not a runtime panic.
const _: () = assert!(usize::BITS == 64, "kasan-core requires a 64-bit usize");

/// Returns the tag byte (bits 63..56) of `addr`.
///
/// Equivalent of arm64 `__tag_get()`.
#[inline]
pub const fn get_tag(addr: usize) -> u8 {
    (addr >> MTE_TAG_SHIFT) as u8
}

/// Returns `addr` with bits 63..56 replaced by `tag`.
///
/// Equivalent of arm64 `__tag_set()`.
#[inline]
pub const fn set_tag(addr: usize, tag: u8) -> usize {
    (addr & !TOP_BYTE_MASK) | ((tag as usize) << MTE_TAG_SHIFT)
}

/// Removes the tag of `addr` by sign-extending bit 55 into bits 63..56.
///
/// For kernel (TTBR1) addresses this yields the native `0xFF` top byte,
/// for user (TTBR0) addresses a zero top byte. Equivalent of arm64
/// `__untagged_addr()` / `__tag_reset()` / `kasan_reset_tag()`.
#[inline]
pub const fn reset_tag(addr: usize) -> usize {
    // Shift bit 55 up to bit 63, then arithmetic-shift back down.
    (((addr << 8) as isize) >> 8) as usize
}

/// Converts an MTE logical tag (only the low nibble of `nibble` is used)
/// to the KASAN tag format `0xF?`.
///
/// This is what `mte_get_ptr_tag()` does to the value returned by `LDG` or
/// `IRG`.
#[inline]
pub const fn mte_tag_to_kasan(nibble: u8) -> u8 {
    KASAN_TAG_MIN | (nibble & 0x0F)
}

/// Returns the KASAN-format tag of the logical (MTE) tag carried by
/// `addr`: `0xF0 | (bits 59..56)`. Bits 63..60 of `addr` are ignored, just
/// as MTE ignores them.
#[inline]
pub const fn mte_ptr_tag(addr: usize) -> u8 {
    mte_tag_to_kasan(get_tag(addr))
}

/// Returns the MTE logical tag (0..=15) that an `STG` through a pointer
/// tagged with `tag` stores in memory.
#[inline]
pub const fn kasan_tag_to_mte(tag: u8) -> u8 {
    tag & 0x0F
}

/// Whether `tag` is the match-all tag for KASAN's software checks, i.e. a
/// native kernel pointer tag that is never reported.
///
/// This is the software rule (`ptr_tag == KASAN_TAG_KERNEL`). The hardware
/// rule set up by `TCR_EL1.TCMA1` only looks at the logical nibble, so MTE
/// itself also leaves e.g. `0x0F`-tagged kernel pointers unchecked; KASAN
/// never produces such pointers.
#[inline]
pub const fn is_match_all(tag: u8) -> bool {
    tag == KASAN_TAG_KERNEL
}

/// Whether `tag` lies in the range KASAN uses for allocation tags
/// (`KASAN_TAG_MIN..=KASAN_TAG_MAX`).
#[inline]
pub const fn is_allocation_tag(tag: u8) -> bool {
    tag >= KASAN_TAG_MIN && tag <= KASAN_TAG_MAX
}

/// The software accessibility rule of `kasan_byte_accessible()`: an access
/// through a pointer tagged `ptr_tag` to memory whose tag reads back as
/// `mem_tag` (already in `0xF?` form, as from [`mte_tag_to_kasan`]) is fine
/// if the pointer is match-all or the tags are equal.
///
/// Note that the comparison is on the full byte: a pointer whose tag is not
/// of the form `0xF?` never matches.
#[inline]
pub const fn tags_match(ptr_tag: u8, mem_tag: u8) -> bool {
    is_match_all(ptr_tag) || ptr_tag == mem_tag
}

/// Whether `x` is a multiple of [`GRANULE_SIZE`].
#[inline]
pub const fn is_granule_aligned(x: usize) -> bool {
    x & GRANULE_MASK == 0
}

/// Rounds `x` down to a multiple of [`GRANULE_SIZE`]. Never overflows.
#[inline]
pub const fn round_down_granule(x: usize) -> usize {
    x & !GRANULE_MASK
}

/// Rounds `x` up to a multiple of [`GRANULE_SIZE`].
///
/// Returns `None` if the result does not fit in a `usize` (only for
/// `x > usize::MAX - 15`). The C `round_up()` silently wraps to 0 there;
/// callers that need that exact behaviour can use
/// `round_up_granule(x).unwrap_or(0)`.
#[inline]
pub const fn round_up_granule(x: usize) -> Option<usize> {
    match x.checked_add(GRANULE_MASK) {
        Some(y) => Some(y & !GRANULE_MASK),
        None => None,
    }
}

/// `round_up(x, KASAN_GRANULE_SIZE)` as C computes it, `((x - 1) | 15) + 1`:
/// three instructions and no branch, and 0 where the exact result does not
/// fit (`x == 0` gives 0, and so does anything above the last granule).
#[inline]
pub const fn round_up_granule_wrapping(x: usize) -> usize {
    (x.wrapping_sub(1) | GRANULE_MASK).wrapping_add(1)
}

/// Number of granules needed to cover `size` bytes (rounding up). Never
/// overflows.
#[inline]
pub const fn granules_for(size: usize) -> usize {
    // `size / 16 + 1` cannot overflow.
    (size / GRANULE_SIZE).wrapping_add(if size & GRANULE_MASK != 0 { 1 } else { 0 })
}

/// Which tag a slab object gets, by the slab allocator's table
/// (`assign_tag()` of mm/kasan/common.c).
///
/// A cache "keeps tags" when the object's memory may be used through an old
/// pointer after a free and reallocation (`SLAB_TYPESAFE_BY_RCU` caches and
/// caches with a constructor): such an object is tagged once, when its slab
/// is created, and keeps that tag for every later allocation.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TagChoice {
    /// [`KASAN_TAG_KERNEL`]: an ordinary cache's object at slab creation
    /// (it is tagged for real at allocation).
    Kernel,
    /// A fresh random tag.
    Random,
    /// The tag the pointer to the object already carries.
    Keep,
}

impl TagChoice {
    /// The choice for an object of a cache that does (`keeps_tag`) or does
    /// not keep tags, at slab creation (`at_init`) or at allocation.
    #[inline]
    pub const fn of(keeps_tag: bool, at_init: bool) -> TagChoice {
        match (keeps_tag, at_init) {
            (false, true) => TagChoice::Kernel,
            (false, false) | (true, true) => TagChoice::Random,
            (true, false) => TagChoice::Keep,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE_ADDRS: [usize; 10] = [
        0,
        1,
        0x10,
        0xFFFF_0000_1234_5670,
        0xF3FF_0000_1234_5670,
        0x0000_7FFF_FFFF_F000,
        0x00FF_FFFF_FFFF_FFFF,
        0x0080_0000_0000_0000,
        0x007F_FFFF_FFFF_FFFF,
        usize::MAX,
    ];

    #[test]
    fn constants() {
        assert_eq!(KASAN_TAG_KERNEL, 0xFF);
        assert_eq!(KASAN_TAG_INVALID, 0xFE);
        assert_eq!(KASAN_TAG_MIN, 0xF0);
        assert_eq!(KASAN_TAG_MAX, 0xFD);
        assert_eq!(MTE_TAG_SHIFT, 56);
        assert_eq!(GRANULE_SIZE, 16);
        assert_eq!(TOP_BYTE_MASK, 0xFF00_0000_0000_0000);
    }

    #[test]
    fn get_set_tag_roundtrip() {
        for &a in SAMPLE_ADDRS.iter() {
            for t in 0..=255u8 {
                let b = set_tag(a, t);
                assert_eq!(get_tag(b), t);
                assert_eq!(b & !TOP_BYTE_MASK, a & !TOP_BYTE_MASK);
                assert_eq!(set_tag(b, get_tag(a)), a);
            }
        }
        assert_eq!(get_tag(0xF3FF_0000_1234_5670), 0xF3);
        assert_eq!(set_tag(0xFFFF_0000_1234_5670, 0xF5), 0xF5FF_0000_1234_5670);
    }

    #[test]
    fn reset_tag_sign_extends_bit_55() {
        assert_eq!(reset_tag(0xF3FF_0000_1234_5670), 0xFFFF_0000_1234_5670);
        assert_eq!(reset_tag(0x0080_0000_0000_0000), 0xFF80_0000_0000_0000);
        assert_eq!(reset_tag(0xAB7F_FFFF_FFFF_FFFF), 0x007F_FFFF_FFFF_FFFF);
        assert_eq!(reset_tag(0x1200_7FFF_FFFF_F000), 0x0000_7FFF_FFFF_F000);
        for &a in SAMPLE_ADDRS.iter() {
            let r = reset_tag(a);
            // Idempotent and ignores the old tag.
            assert_eq!(reset_tag(r), r);
            for t in [0u8, 0x5A, 0xF0, 0xFF] {
                assert_eq!(reset_tag(set_tag(a, t)), r);
            }
            let expected = if a & (1 << 55) != 0 { 0xFF } else { 0 };
            assert_eq!(get_tag(r), expected);
        }
    }

    #[test]
    fn mte_conversion() {
        for n in 0..=255u8 {
            let k = mte_tag_to_kasan(n);
            assert_eq!(k & 0xF0, 0xF0);
            assert_eq!(k & 0x0F, n & 0x0F);
            assert_eq!(mte_tag_to_kasan(kasan_tag_to_mte(k)), k);
        }
        assert_eq!(mte_ptr_tag(0x05FF_0000_0000_0000), 0xF5);
        assert_eq!(mte_ptr_tag(0xFFFF_0000_0000_0000), 0xFF);
    }

    #[test]
    fn match_all_and_ranges() {
        for t in 0..=255u8 {
            assert_eq!(is_match_all(t), t == 0xFF);
            assert_eq!(is_allocation_tag(t), (0xF0..=0xFD).contains(&t));
            assert!(tags_match(0xFF, t));
            assert!(tags_match(t, t));
        }
        assert!(!tags_match(0xF1, 0xF2));
        assert!(!tags_match(0x01, 0xF1));
        assert!(!is_allocation_tag(KASAN_TAG_INVALID));
        assert!(!is_allocation_tag(KASAN_TAG_KERNEL));
    }

    #[test]
    fn granule_helpers() {
        for x in 0..1000usize {
            let up = round_up_granule(x).unwrap_or(usize::MAX);
            let down = round_down_granule(x);
            assert!(is_granule_aligned(up) && is_granule_aligned(down));
            assert!(down <= x && x <= up && up - down <= 16);
            assert_eq!(is_granule_aligned(x), x % 16 == 0);
            assert_eq!(up == x, x % 16 == 0);
            assert_eq!(granules_for(x), up / 16);
        }
        for x in (usize::MAX - 40)..=usize::MAX {
            let up = round_up_granule(x);
            assert_eq!(up.is_none(), x > usize::MAX - 15);
            if let Some(u) = up {
                assert!(u >= x && is_granule_aligned(u));
            }
            assert!(round_down_granule(x) <= x);
            assert_eq!(granules_for(x), x / 16 + usize::from(x % 16 != 0));
        }
        assert_eq!(round_up_granule(usize::MAX - 15), Some(usize::MAX - 15));
        assert_eq!(granules_for(usize::MAX), usize::MAX / 16 + 1);
    }

    #[test]
    fn tag_choice_table() {
        assert_eq!(TagChoice::of(false, true), TagChoice::Kernel);
        assert_eq!(TagChoice::of(false, false), TagChoice::Random);
        assert_eq!(TagChoice::of(true, true), TagChoice::Random);
        assert_eq!(TagChoice::of(true, false), TagChoice::Keep);
    }

    #[test]
    fn round_up_granule_wrapping_is_round_up_or_zero() {
        for x in [
            0usize,
            1,
            15,
            16,
            17,
            31,
            32,
            4095,
            4096,
            usize::MAX - 16,
            usize::MAX - 15,
            usize::MAX - 14,
            usize::MAX,
        ] {
            assert_eq!(
                round_up_granule_wrapping(x),
                round_up_granule(x).unwrap_or(0),
                "{x:#x}"
            );
        }
    }
}
