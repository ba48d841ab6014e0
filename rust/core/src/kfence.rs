//! KFENCE objects, which KASAN leaves alone.
//!
//! With `CONFIG_KFENCE` some slab allocations come from KFENCE's pool of
//! guarded pages instead of a slab. 6.12's `mm/kasan/common.c` skips them in
//! every hook that would tag, poison or check them (`is_kfence_address()`):
//! KFENCE checks those objects itself, with guard pages and canaries, and its
//! pointers keep the match-all tag.

/// `is_kfence_address()`: whether `addr` lies in the pool of `pool_size`
/// bytes at `pool` (0 when KFENCE has no pool, e.g. disabled at boot).
///
/// The comparison is done on the address as given, tag included, as in C: a
/// tagged pointer is never a KFENCE pointer, and it lands far outside.
pub const fn in_pool(addr: usize, pool: usize, pool_size: usize) -> bool {
    pool != 0 && addr.wrapping_sub(pool) < pool_size
}

#[cfg(test)]
mod tests {
    use super::in_pool;

    const POOL: usize = 0xffff_0000_0480_0000;
    const SIZE: usize = 514 * 4096; // (255 objects + 1) * 2 pages, 4K pages

    #[test]
    fn inside_the_pool() {
        assert!(in_pool(POOL, POOL, SIZE));
        assert!(in_pool(POOL + 0x1230, POOL, SIZE));
        assert!(in_pool(POOL + SIZE - 1, POOL, SIZE));
    }

    #[test]
    fn outside_the_pool() {
        assert!(!in_pool(POOL - 1, POOL, SIZE));
        assert!(!in_pool(POOL + SIZE, POOL, SIZE));
        assert!(!in_pool(0, POOL, SIZE));
        assert!(!in_pool(usize::MAX, POOL, SIZE));
    }

    #[test]
    fn no_pool_holds_nothing() {
        // C's `&& __kfence_pool`: without it, small addresses would match.
        assert!(!in_pool(0, 0, SIZE));
        assert!(!in_pool(16, 0, SIZE));
        assert!(!in_pool(SIZE - 1, 0, SIZE));
    }

    #[test]
    fn a_tagged_pointer_is_never_in_the_pool() {
        // KFENCE hands out match-all (0xff) pointers; any other tag is not its.
        let tagged = (POOL + 0x40) & !(0xff << 56) | (0xf3 << 56);
        assert!(!in_pool(tagged, POOL, SIZE));
    }
}
