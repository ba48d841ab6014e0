//! How long the KUnit `kasan` suite took in a console, from the printk
//! timestamps of its KTAP lines (read by the KTAP grammar, [`parse_line`]).
//!
//! The suite runs from its `# Subtest: kasan` line to its `ok N kasan` (or
//! `not ok`) line. Some of its cases wait for an RCU grace period after their
//! report ([`GRACE_PERIOD_CASES`]); their time, from the result line before
//! theirs to their own, is also summed apart, so that the rest of the suite
//! can be compared without it.

use crate::ktap::{parse_line, KtapLine};

/// The suite timed.
pub const SUITE: &str = "kasan";

/// Cases that wait for an RCU grace period after their report
/// (kmem_cache_destroy(), rcu_barrier()): how long they take depends on where
/// the wait starts relative to the 4 ms tick, so they move by whole ticks with
/// everything that ran before them.
pub const GRACE_PERIOD_CASES: [&str; 3] = ["rcu_uaf", "kmem_cache_oob", "kmem_cache_invalid_free"];

/// The timestamps read so far, in seconds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SuiteTiming {
    /// Of the (last) `# Subtest: kasan` line.
    start: Option<f64>,
    /// Of the last case result line since then.
    prev: Option<f64>,
    /// Of the (last) suite result line.
    end: Option<f64>,
    /// Time of the [`GRACE_PERIOD_CASES`].
    waits: f64,
    /// `pass:A fail:B skip:C total:D` of the `# kasan: ...` line.
    summary: Option<String>,
}

impl SuiteTiming {
    /// Reads one console message and the timestamp of its line.
    pub fn line(&mut self, ts: Option<f64>, msg: &str) {
        let Some((level, line)) = parse_line(msg) else {
            return;
        };
        match line {
            KtapLine::Subtest(SUITE) => {
                self.start = ts;
                self.prev = ts;
            }
            KtapLine::Result {
                name, directive, ..
            } => {
                // Every nested result line after the suite began is a case's
                // (the suite runs alone: kunit.filter_glob=kasan*).
                if let (true, Some(prev), Some(now)) = (level > 0, self.prev, ts) {
                    if GRACE_PERIOD_CASES.contains(&name) {
                        self.waits += now - prev;
                    }
                    self.prev = Some(now);
                }
                if name == SUITE && directive.is_none() {
                    self.end = ts;
                }
            }
            KtapLine::Summary {
                name: SUITE,
                counts,
            } => self.summary = Some(counts.to_string()),
            _ => {}
        }
    }

    /// The suite's duration in ms, if it began and ended with timestamps.
    pub fn duration_ms(&self) -> Option<f64> {
        Some((self.end? - self.start?) * 1000.0)
    }

    /// [`SuiteTiming::duration_ms`] without the [`GRACE_PERIOD_CASES`].
    pub fn without_waits_ms(&self) -> Option<f64> {
        Some(self.duration_ms()? - self.waits * 1000.0)
    }

    /// The suite's own summary counts, as printed.
    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::{printk_timestamp, strip_printk_prefix};

    fn timing(text: &str) -> SuiteTiming {
        let mut t = SuiteTiming::default();
        for raw in text.lines() {
            t.line(printk_timestamp(raw), strip_printk_prefix(raw));
        }
        t
    }

    #[test]
    fn times_the_suite_and_its_grace_period_cases() {
        let t = timing(
            "[    1.000000] KTAP version 1\n\
             [    1.000000] 1..1\n\
             [    1.250000]     # Subtest: kasan\n\
             [    1.250000]     1..3\n\
             [    1.500000]     ok 1 kmalloc_oob_right\n\
             [    1.750000]     ok 2 rcu_uaf\n\
             [    2.000000]     not ok 3 kmem_cache_oob\n\
             [    2.125000] # kasan: pass:2 fail:1 skip:0 total:3\n\
             [    2.250000] not ok 1 kasan\n",
        );
        assert_eq!(t.duration_ms(), Some(1000.0));
        // rcu_uaf 250 ms, kmem_cache_oob 250 ms.
        assert_eq!(t.without_waits_ms(), Some(500.0));
        assert_eq!(t.summary(), Some("pass:2 fail:1 skip:0 total:3"));
    }

    #[test]
    fn needs_both_ends_with_timestamps() {
        let unfinished = timing("[ 1.0]     # Subtest: kasan\n[ 1.5]     ok 1 a\n");
        assert_eq!(unfinished.duration_ms(), None);
        assert_eq!(unfinished.without_waits_ms(), None);
        let untimed = timing("    # Subtest: kasan\n[ 1.5]     ok 1 rcu_uaf\n[ 2.0] ok 1 kasan\n");
        assert_eq!(untimed.duration_ms(), None);
        // Another suite's result, a skipped kasan suite: not the end.
        let other =
            timing("[ 1.0]     # Subtest: kasan\n[ 2.0] ok 1 kasan_x\n[ 3.0] ok 2 kasan # SKIP\n");
        assert_eq!(other.duration_ms(), None);
        assert_eq!(timing("[ 1.0] # kasan: pass:1 fail:0\n").summary(), None);
    }
}
