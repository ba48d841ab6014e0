//! The redzone after an allocation: the granules between the end of the
//! requested size (rounded up to a granule) and the end of the memory the
//! allocator handed out, which KASAN tags invalid.
//!
//! The arithmetic is the C code's: addresses (tagged or not) are added and
//! subtracted with wrap-around, and a round-up past the top of the address
//! space gives 0 as `round_up()` does. The redzone is returned as
//! `(start, length)`, which is what the poisoning call takes.

use super::tags::round_up_granule_wrapping;

/// `round_up(x, KASAN_GRANULE_SIZE)` as C computes it: 0 when the result
/// would not fit.
#[inline]
const fn round_up_granule_c(x: usize) -> usize {
    round_up_granule_wrapping(x)
}

/// The redzone of an allocation at `start` of `requested` bytes inside
/// `allocated` bytes, as `(start, length)`: from `round_up(start +
/// requested)` to `round_up(start + allocated)`.
///
/// * slab kmalloc: `redzone(object, size, cache->object_size)`;
/// * large kmalloc: `redzone(ptr, size, page_size(page))` (`ptr` is
///   page-aligned, so `ptr + page_size` is already a granule boundary and
///   the round-up leaves it as the C code's unrounded end).
///
/// With `requested == allocated` (or both rounding to the same granule) the
/// length is 0. With `requested > allocated`, which the callers never pass,
/// the length wraps as the C subtraction does.
#[inline]
pub const fn redzone(start: usize, requested: usize, allocated: usize) -> (usize, usize) {
    let from = round_up_granule_c(start.wrapping_add(requested));
    let to = round_up_granule_c(start.wrapping_add(allocated));
    (from, to.wrapping_sub(from))
}

/// `x` rounded up to a multiple of `page_size` (a power of two), wrapping
/// to 0 past the top like `PAGE_ALIGN()`. A `page_size` of 0 gives 0.
#[inline]
pub const fn round_up_page(x: usize, page_size: usize) -> usize {
    let mask = page_size.wrapping_sub(1);
    x.wrapping_add(mask) & !mask
}

/// The in-page tail redzone of a vmalloc mapping at `start` of `requested`
/// bytes, as `(start, length)`: from `round_up(start + requested)` (granule)
/// to that rounded up to the next page boundary (`page_size`, a power of
/// two). The pages beyond are not mapped and need no tags.
#[inline]
pub const fn vmalloc_redzone(start: usize, requested: usize, page_size: usize) -> (usize, usize) {
    let from = round_up_granule_c(start.wrapping_add(requested));
    let to = round_up_page(from, page_size);
    (from, to.wrapping_sub(from))
}

#[cfg(test)]
mod tests {
    use super::super::tags::round_up_granule;
    use super::*;

    const PAGE: usize = 4096;
    const OBJ: usize = 0xf3ff_0000_1234_5600;

    /// The slab kmalloc formula of the kernel side, spelled out.
    fn slab_formula(object: usize, size: usize, object_size: usize) -> (usize, usize) {
        let start = round_up_granule(object.wrapping_add(size)).unwrap_or(0);
        let end = round_up_granule(object.wrapping_add(object_size)).unwrap_or(0);
        (start, end.wrapping_sub(start))
    }

    #[test]
    fn slab_kmalloc() {
        assert_eq!(redzone(OBJ, 0, 128), (OBJ, 128), "size 0: all of it");
        assert_eq!(redzone(OBJ, 1, 128), (OBJ + 16, 112));
        assert_eq!(redzone(OBJ, 16, 128), (OBJ + 16, 112), "exact granule");
        assert_eq!(redzone(OBJ, 17, 128), (OBJ + 32, 96));
        assert_eq!(
            redzone(OBJ, 128, 128),
            (OBJ + 128, 0),
            "size == object_size"
        );
        assert_eq!(redzone(OBJ, 120, 128), (OBJ + 128, 0), "same last granule");
        // object_size not a granule multiple: its end is rounded up too.
        assert_eq!(redzone(OBJ, 10, 24), (OBJ + 16, 16));
        assert_eq!(redzone(OBJ, 0, 0), (OBJ, 0));
        for size in 0..=200 {
            for object_size in [0, 8, 16, 24, 96, 192, 200] {
                assert_eq!(
                    redzone(OBJ, size, object_size),
                    slab_formula(OBJ, size, object_size)
                );
            }
        }
    }

    #[test]
    fn large_kmalloc() {
        let ptr = 0xf5ff_0000_4000_0000usize;
        for (size, pages) in [(PAGE + 1, 2), (2 * PAGE, 2), (3 * PAGE - 5, 4), (0, 1)] {
            let page_size = pages * PAGE;
            // The kernel's formula: end = ptr + page_size, not rounded.
            let start = round_up_granule(ptr.wrapping_add(size)).unwrap_or(0);
            let end = ptr.wrapping_add(page_size);
            assert_eq!(
                redzone(ptr, size, page_size),
                (start, end.wrapping_sub(start))
            );
        }
        assert_eq!(
            redzone(ptr, PAGE + 1, 2 * PAGE),
            (ptr + PAGE + 16, PAGE - 16)
        );
    }

    #[test]
    fn wraps_like_c() {
        let last = usize::MAX - 15; // the last granule of the address space
                                    // An allocation ending in the last granule.
        assert_eq!(redzone(last - 16, 8, 16), (last, 0));
        assert_eq!(redzone(last - 16, 8, 32), (last, 16), "end wraps to 0");
        // The requested end rounds up past the top: round_up() gives 0 and
        // so does the end; nothing is poisoned.
        assert_eq!(redzone(last - 16, 20, 32), (0, 0));
        assert_eq!(redzone(last, 8, 12), (0, 0));
        // Only the start wraps (C gives the same bogus range).
        assert_eq!(redzone(usize::MAX - 7, 0, 16), (0, 16));
        // requested > allocated: the length wraps, as in C.
        assert_eq!(redzone(OBJ, 64, 32), (OBJ + 64, 0usize.wrapping_sub(32)));
        for (start, size, object_size) in [
            (last - 16, 8, 32),
            (last - 16, 20, 32),
            (usize::MAX - 7, 0, 16),
            (usize::MAX, 1, 1),
            (OBJ, 64, 32),
        ] {
            assert_eq!(
                redzone(start, size, object_size),
                slab_formula(start, size, object_size)
            );
        }
    }

    #[test]
    fn pages() {
        assert_eq!(round_up_page(0, PAGE), 0);
        assert_eq!(round_up_page(1, PAGE), PAGE);
        assert_eq!(round_up_page(PAGE, PAGE), PAGE);
        assert_eq!(round_up_page(PAGE + 1, PAGE), 2 * PAGE);
        assert_eq!(round_up_page(usize::MAX, PAGE), 0);
        assert_eq!(
            round_up_page(usize::MAX - PAGE + 1, PAGE),
            usize::MAX - PAGE + 1
        );
        assert_eq!(round_up_page(12345, 1), 12345);
        assert_eq!(round_up_page(12345, 0), 0);
        assert_eq!(round_up_page(0x1_0001, 0x1_0000), 0x2_0000);
    }

    #[test]
    fn vmalloc_tail() {
        let start = 0xf7ff_8000_1000_0000usize;
        assert_eq!(vmalloc_redzone(start, 0, PAGE), (start, 0));
        assert_eq!(vmalloc_redzone(start, 1, PAGE), (start + 16, PAGE - 16));
        assert_eq!(vmalloc_redzone(start, 16, PAGE), (start + 16, PAGE - 16));
        assert_eq!(
            vmalloc_redzone(start, PAGE - 16, PAGE),
            (start + PAGE - 16, 16)
        );
        assert_eq!(vmalloc_redzone(start, PAGE - 15, PAGE), (start + PAGE, 0));
        assert_eq!(vmalloc_redzone(start, PAGE, PAGE), (start + PAGE, 0));
        assert_eq!(
            vmalloc_redzone(start, 3 * PAGE + 100, PAGE),
            (start + 3 * PAGE + 112, PAGE - 112)
        );
        // The kernel's formula, spelled out.
        for size in (0..3 * PAGE).step_by(7) {
            let rz = round_up_granule(start.wrapping_add(size)).unwrap_or(0);
            let page_end = rz.wrapping_add(PAGE - 1) & !(PAGE - 1);
            assert_eq!(
                vmalloc_redzone(start, size, PAGE),
                (rz, page_end.wrapping_sub(rz))
            );
        }
        // Past the top: both ends are 0.
        assert_eq!(vmalloc_redzone(usize::MAX - 7, 4, PAGE), (0, 0));
        assert_eq!(
            vmalloc_redzone(usize::MAX - 100, 4, PAGE),
            (usize::MAX - 95, 96)
        );
    }
}
