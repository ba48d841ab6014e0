//! Sampling of page_alloc allocations (`kasan.page_alloc.sample`).
//!
//! With a sampling interval `N > 1`, only one in `N` page allocations of
//! order `>= kasan.page_alloc.sample.order` gets a random tag; the others
//! keep the match-all tag and are not checked. Smaller allocations are
//! always tagged. The count is kept per CPU in a signed `long` "skip"
//! counter that starts at 0, so the first eligible allocation on each CPU
//! is tagged, then `N - 1` are skipped, and so on.
//!
//! [`sample_page_alloc`] is the whole decision on a plain counter. Kernel
//! code that updates its per-CPU counter with its own primitives can use
//! the two halves instead: [`sampling_bypassed`] (true: tag, don't touch
//! the counter), then decrement the counter and pass the new value to
//! [`after_decrement`].

/// Whether the allocation is tagged without consulting the counter: when
/// sampling is off (`sample == 1`) or `order < sample_order`.
#[inline]
pub const fn sampling_bypassed(order: u32, sample: usize, sample_order: u32) -> bool {
    sample == 1 || order < sample_order
}

/// Second half of the decision, given the counter value *after* it was
/// decremented by one.
///
/// Returns `Some(reset)` if the allocation is tagged, in which case the
/// counter must be set to `reset` (`sample - 1`, converted to `long` as C
/// does), or `None` if the allocation is skipped (the decremented value
/// stays).
#[inline]
pub const fn after_decrement(decremented: isize, sample: usize) -> Option<isize> {
    if decremented < 0 {
        Some(sample.wrapping_sub(1) as isize)
    } else {
        None
    }
}

/// Decides whether a page allocation of `order` gets tagged, updating the
/// (per-CPU) `skip` counter exactly like `kasan_sample_page_alloc()`:
///
/// * `sample == 1` or `order < sample_order`: tagged, counter untouched;
/// * otherwise the counter is decremented; if the result is negative the
///   allocation is tagged and the counter reset to `sample - 1`, else it is
///   skipped.
///
/// `sample` is expected in `1..=isize::MAX` (what the parameter parser
/// allows); other values do not panic (0 behaves like "tag everything").
/// The decrement wraps like the kernel's (`-fno-strict-overflow`).
#[inline]
pub fn sample_page_alloc(order: u32, sample: usize, sample_order: u32, skip: &mut isize) -> bool {
    if sampling_bypassed(order, sample, sample_order) {
        return true;
    }
    let dec = skip.wrapping_sub(1);
    *skip = dec;
    match after_decrement(dec, sample) {
        Some(reset) => {
            *skip = reset;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_nth_is_tagged() {
        for sample in 1..=17usize {
            for sample_order in 0..=4u32 {
                let mut skip: isize = 0;
                let mut eligible = 0usize;
                for i in 0..1000u32 {
                    let order = i % 7;
                    let tagged = sample_page_alloc(order, sample, sample_order, &mut skip);
                    if order < sample_order || sample == 1 {
                        assert!(tagged);
                    } else {
                        // The 1st, (N+1)th, (2N+1)th... eligible allocation.
                        assert_eq!(
                            tagged,
                            eligible % sample == 0,
                            "sample {sample} #{eligible}"
                        );
                        eligible += 1;
                    }
                    assert!(skip >= 0 && (skip as usize) < sample.max(1));
                }
            }
        }
    }

    #[test]
    fn sample_4_pattern() {
        let mut skip = 0isize;
        let got: [bool; 9] = core::array::from_fn(|_| sample_page_alloc(3, 4, 3, &mut skip));
        assert_eq!(
            got,
            [true, false, false, false, true, false, false, false, true]
        );
        // Lower orders are always tagged and leave the counter alone.
        let before = skip;
        for _ in 0..10 {
            assert!(sample_page_alloc(2, 4, 3, &mut skip));
        }
        assert_eq!(skip, before);
    }

    #[test]
    fn sample_1_never_touches_counter() {
        let mut skip = 42isize;
        for order in 0..20 {
            assert!(sample_page_alloc(order, 1, 0, &mut skip));
        }
        assert_eq!(skip, 42);
    }

    #[test]
    fn counter_edge_values() {
        // A stale positive counter from a previous larger interval is
        // counted down first.
        let mut skip = 2isize;
        assert!(!sample_page_alloc(5, 3, 3, &mut skip));
        assert!(!sample_page_alloc(5, 3, 3, &mut skip));
        assert!(sample_page_alloc(5, 3, 3, &mut skip));
        assert_eq!(skip, 2);
        // Wrapping decrement never panics.
        let mut skip = isize::MIN;
        assert!(!sample_page_alloc(5, 3, 3, &mut skip));
        assert_eq!(skip, isize::MAX);
        // sample = 0 (not reachable through the parser) tags everything.
        let mut skip = 0isize;
        for _ in 0..5 {
            assert!(sample_page_alloc(5, 0, 3, &mut skip));
            assert_eq!(skip, -1);
        }
        // Largest accepted interval.
        let mut skip = 0isize;
        assert!(sample_page_alloc(5, isize::MAX as usize, 0, &mut skip));
        assert_eq!(skip, isize::MAX - 1);
        assert!(!sample_page_alloc(5, isize::MAX as usize, 0, &mut skip));
    }

    #[test]
    fn halves_compose() {
        assert!(sampling_bypassed(0, 1, 0));
        assert!(sampling_bypassed(2, 4, 3));
        assert!(!sampling_bypassed(3, 4, 3));
        assert_eq!(after_decrement(-1, 4), Some(3));
        assert_eq!(after_decrement(0, 4), None);
        assert_eq!(after_decrement(-1, 0), Some(-1));
    }
}
