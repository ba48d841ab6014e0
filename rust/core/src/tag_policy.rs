//! `kasan.tag_policy=distinct` (kasan-rs only): which tags a new slab object
//! must not get, so that two bugs upstream misses 1 time in 14 are always
//! caught.
//!
//! * An overflow into the adjacent object: the new object's tag differs from
//!   the tags of the granules just before and just after its slot (the
//!   neighbours' tags when they are live, the invalid tag otherwise).
//! * Use-after-free of the object's previous life, when the memory is reused
//!   soon after the free (SLUB hands out the last freed object first): the
//!   new tag differs from the tag that life had, found in the newest entries
//!   of the stack ring.
//!
//! The tag is then drawn at random among the rest (`IRG` with an exclusion
//! mask): at most three of the fourteen tags are excluded.

use super::stack_ring::Entry;
use super::tags::{get_tag, reset_tag, KASAN_TAG_INVALID, KASAN_TAG_KERNEL};

/// How many of the newest stack ring entries are searched for the previous
/// life of the object being allocated.
pub const RECENT_FREES: usize = 32;

/// The `IRG` exclusion mask (bit `n` excludes allocation tag `n`) that keeps
/// a new tag away from each KASAN tag in `avoid`. The invalid and match-all
/// tags (`0xFE`, `0xFF`) are left out: `GCR_EL1` already keeps `IRG` from
/// handing them out, and a neighbour with the invalid tag needs nothing.
pub fn exclusion_mask(avoid: &[u8]) -> u16 {
    avoid
        .iter()
        .filter(|&&t| t != KASAN_TAG_INVALID && t != KASAN_TAG_KERNEL)
        .fold(0u16, |mask, &t| mask | 1 << (t & 0xF))
}

/// The tag `object` (untagged) had when it was last freed, if the newest of
/// `entries` (newest first) about `object` is that free. `None` when the
/// newest event about it is an allocation or none is among `entries`.
pub fn previous_life_tag(entries: impl Iterator<Item = Entry>, object: usize) -> Option<u8> {
    let mut entries = entries;
    let e = entries.find(|e| reset_tag(e.ptr) == object)?;
    e.is_free.then(|| get_tag(e.ptr))
}

#[cfg(test)]
mod tests {
    use super::super::stack_ring::Track;
    use super::super::tags::set_tag;
    use super::*;
    use std::vec::Vec;

    const OBJ: usize = 0xffff_0000_0300_0080;

    fn entry(ptr: usize, is_free: bool) -> Entry {
        Entry {
            ptr,
            size: 64,
            is_free,
            track: Track::default(),
        }
    }

    #[test]
    fn mask_has_one_bit_per_usable_tag() {
        assert_eq!(exclusion_mask(&[]), 0);
        assert_eq!(exclusion_mask(&[0xF3]), 1 << 3);
        assert_eq!(
            exclusion_mask(&[0xF3, 0xF3, 0xF0, 0xFD]),
            1 << 3 | 1 | 1 << 13
        );
        assert_eq!(exclusion_mask(&[KASAN_TAG_INVALID, KASAN_TAG_KERNEL]), 0);
        // Three tags at most: eleven of the fourteen remain.
        for a in 0xF0..=0xFFu8 {
            for b in 0xF0..=0xFFu8 {
                for c in 0xF0..=0xFFu8 {
                    let m = exclusion_mask(&[a, b, c]);
                    let left = (0..14).filter(|n| m & 1 << n == 0).count();
                    assert!(left >= 11, "{a:#x} {b:#x} {c:#x}");
                }
            }
        }
    }

    #[test]
    fn previous_life_is_the_newest_event_of_the_object() {
        let other = OBJ + 0x40;
        let ring: Vec<Entry> = Vec::from([
            entry(set_tag(other, 0xF1), true),
            entry(set_tag(OBJ, 0xF7), true),
            entry(set_tag(OBJ, 0xF7), false),
            entry(set_tag(OBJ, 0xF2), true),
        ]);
        assert_eq!(previous_life_tag(ring.iter().copied(), OBJ), Some(0xF7));
        // Newest event an allocation: no previous life to avoid.
        let live: Vec<Entry> = Vec::from([
            entry(set_tag(OBJ, 0xF4), false),
            entry(set_tag(OBJ, 0xF2), true),
        ]);
        assert_eq!(previous_life_tag(live.iter().copied(), OBJ), None);
        assert_eq!(previous_life_tag(ring[..1].iter().copied(), OBJ), None);
        assert_eq!(previous_life_tag(core::iter::empty(), OBJ), None);
    }
}
