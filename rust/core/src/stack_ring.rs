//! The stack ring's index arithmetic and the report-time search through it.
//!
//! The ring holds the last `size` allocation and free events of slab objects
//! (tagged pointer, cache object size, task and stack). Writers claim slots
//! in order of a global position counter; a report walks the ring from the
//! newest entry back to find the object's last allocation and free.

use super::report::BugType;
use super::tags::{get_tag, reset_tag};
use core::ops::ControlFlow;

/// The `ptr` value of a slot a writer is filling in.
pub const BUSY: usize = 1;

/// Slot of the ring that position `pos` maps to (`size` must be non-zero;
/// 0 gives slot 0).
pub const fn slot(pos: u64, size: usize) -> usize {
    match pos.checked_rem(size as u64) {
        Some(s) => s as usize,
        None => 0,
    }
}

/// Positions a report visits, newest first: the `size` positions before
/// `pos` (wrapping like the C `u64` loop). The model of the C loop; a report
/// walks [`newest_first_slots`].
pub fn newest_first(pos: u64, size: usize) -> impl Iterator<Item = u64> {
    (0..size as u64).map(move |k| pos.wrapping_sub(1).wrapping_sub(k))
}

/// Index of the newest slot: the one position `pos - 1` maps to (the top
/// slot for `pos == 0`; 0 for an empty ring).
const fn newest_slot(pos: u64, size: usize) -> usize {
    match (size, pos) {
        (0, _) => 0,
        (_, 0) => size - 1,
        _ => slot(pos - 1, size),
    }
}

/// The slots a report visits, newest first: every slot once, from the one
/// position `pos - 1` maps to downwards, wrapping to the top.
///
/// This is `newest_first(pos, size).map(|p| slot(p, size))` without a
/// division per slot, as two plain descending runs. It is the same sequence
/// whenever the ring has wrapped or `size` is a power of two (the default);
/// otherwise, before the ring first fills, the C sequence visits slot 0 twice
/// and skips a slot above `pos`, which is never written yet: the findings are
/// the same (host-tested).
pub fn newest_first_slots(pos: u64, size: usize) -> impl Iterator<Item = usize> {
    let newest = newest_slot(pos, size);
    let (older, wrapped) = if size == 0 {
        (0..0, 0..0)
    } else {
        (0..newest + 1, newest + 1..size)
    };
    older.rev().chain(wrapped.rev())
}

/// The elements of `ring` in the order of [`newest_first_slots`], without an
/// index (so without a bounds check) per slot.
pub fn newest_first_in<T>(ring: &[T], pos: u64) -> impl Iterator<Item = &T> {
    let (older, wrapped) = ring.split_at(match ring.len() {
        0 => 0,
        len => newest_slot(pos, len) + 1,
    });
    older.iter().rev().chain(wrapped.iter().rev())
}

/// Who and where: `struct kasan_track`.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Track {
    /// Task id.
    pub pid: u32,
    /// Stack depot handle (0: none).
    pub stack: u32,
    /// CPU and time of the event (`CONFIG_KASAN_EXTRA_INFO`; zero without).
    pub extra: ExtraInfo,
}

/// The CPU and the time of an event, as `CONFIG_KASAN_EXTRA_INFO` keeps them
/// in `struct kasan_track`: `u64 cpu:20; u64 timestamp:44;`, the timestamp in
/// units of 512 ns (`local_clock() >> 9`). The bits are laid out as the C
/// bitfields are on arm64 (the CPU in the low 20), each field truncated the
/// way the C assignment truncates it.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct ExtraInfo(u64);

/// Width of the CPU field.
const EXTRA_CPU_BITS: u32 = 20;
/// `local_clock()` is kept in units of `1 << EXTRA_CLOCK_SHIFT` ns.
const EXTRA_CLOCK_SHIFT: u32 = 9;
const NSEC_PER_SEC: u64 = 1_000_000_000;

impl ExtraInfo {
    /// What `kasan_set_track()` records on `cpu` at `clock_ns` (`local_clock()`).
    pub const fn new(cpu: u32, clock_ns: u64) -> Self {
        let cpu = cpu as u64 & ((1 << EXTRA_CPU_BITS) - 1);
        ExtraInfo(cpu | (clock_ns >> EXTRA_CLOCK_SHIFT) << EXTRA_CPU_BITS)
    }

    /// The packed bits, as a ring slot stores them.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The value [`ExtraInfo::bits`] gave.
    pub const fn from_bits(bits: u64) -> Self {
        ExtraInfo(bits)
    }

    /// The CPU, as `print_track()` prints it (`%d`).
    pub const fn cpu(self) -> u32 {
        (self.0 & ((1 << EXTRA_CPU_BITS) - 1)) as u32
    }

    /// The time as `print_track()` prints it (`%lu.%06lus`): whole seconds and
    /// the microseconds after them, of the recorded 512 ns units.
    pub const fn seconds_and_micros(self) -> (u64, u64) {
        let ns = (self.0 >> EXTRA_CPU_BITS) << EXTRA_CLOCK_SHIFT;
        (ns / NSEC_PER_SEC, ns % NSEC_PER_SEC / 1000)
    }
}

/// One ring entry as read by a report.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Tagged object pointer (0 or [`BUSY`] for a slot never or being written).
    pub ptr: usize,
    /// Object size of the object's cache.
    pub size: usize,
    /// Allocation or free event.
    pub is_free: bool,
    /// Task and stack of the event.
    pub track: Track,
}

/// What a report learns from the ring.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Findings {
    /// The bug type, if the ring decides it (it is only decided here when the
    /// report did not come with one).
    pub bug_type: Option<BugType>,
    /// The object's last allocation.
    pub alloc: Option<Track>,
    /// The object's last free.
    pub free: Option<Track>,
}

/// Searches `entries` (newest first) for events of the object at `object`
/// (untagged) of a cache with `object_size`, accessed through a pointer with
/// tag `access_tag`. The newest matching event decides the bug type unless
/// `preset` is given: a free means use-after-free, an allocation means
/// out-of-bounds. The search stops at the second free or second allocation
/// (an older life of the object) or when both were found.
pub fn search(
    mut entries: impl Iterator<Item = Entry>,
    object: usize,
    access_tag: u8,
    object_size: usize,
    preset: Option<BugType>,
) -> Findings {
    let mut found = Findings {
        bug_type: preset,
        alloc: None,
        free: None,
    };
    // `try_for_each`, not a `for` loop: a chain of slot runs (see
    // `newest_first_slots`) is then walked as plain loops, one per run.
    // Ends as soon as both are found, without asking `entries` for another
    // entry: the C loop breaks there, before reading another slot, and an
    // iterator that skips to the object's next slot would otherwise walk the
    // rest of the ring to find none.
    let _ = entries.try_for_each(|e| {
        if reset_tag(e.ptr) != object || get_tag(e.ptr) != access_tag || e.size != object_size {
            return ControlFlow::Continue(());
        }
        if e.is_free {
            if found.free.is_some() {
                return ControlFlow::Break(());
            }
            found.free = Some(e.track);
            if found.bug_type.is_none() {
                found.bug_type = Some(BugType::SlabUseAfterFree);
            }
        } else {
            if found.alloc.is_some() {
                return ControlFlow::Break(());
            }
            found.alloc = Some(e.track);
            if found.bug_type.is_none() {
                found.bug_type = Some(BugType::SlabOutOfBounds);
            }
        }
        if found.alloc.is_some() && found.free.is_some() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    found
}

#[cfg(test)]
mod tests {
    use super::super::tags::set_tag;
    use super::*;

    const OBJ: usize = 0xffff_0000_0200_0040;

    fn e(tag: u8, is_free: bool, pid: u32) -> Entry {
        Entry {
            ptr: set_tag(OBJ, tag),
            size: 128,
            is_free,
            track: Track {
                pid,
                stack: pid + 100,
                extra: ExtraInfo::default(),
            },
        }
    }

    #[test]
    fn slots_and_order() {
        assert_eq!(slot(5, 4), 1);
        assert_eq!(slot(u64::MAX, 3), (u64::MAX % 3) as usize);
        assert_eq!(slot(7, 0), 0);
        let v: std::vec::Vec<u64> = newest_first(3, 5).collect();
        assert_eq!(v, [2, 1, 0, u64::MAX, u64::MAX - 1]);
        let slots: std::vec::Vec<usize> = newest_first_slots(3, 5).collect();
        assert_eq!(slots, [2, 1, 0, 4, 3]);
        // The C loop visits every slot once even when the counter wraps.
        let mut sorted = slots.clone();
        sorted.sort();
        assert_eq!(sorted.len(), 5);
    }

    #[test]
    fn slot_walk_matches_the_c_loop() {
        use std::vec::Vec;
        for size in [1usize, 2, 3, 5, 8, 64, 100] {
            for pos in (0..3 * size as u64).chain([u64::MAX / 2, u64::MAX - 1]) {
                let walk: Vec<usize> = newest_first_slots(pos, size).collect();
                let c: Vec<usize> = newest_first(pos, size).map(|p| slot(p, size)).collect();
                let mut sorted = walk.clone();
                sorted.sort();
                assert_eq!(
                    sorted,
                    (0..size).collect::<Vec<_>>(),
                    "pos {pos} size {size}"
                );
                // Written slots (positions below `pos`) come in the C order.
                let written = (pos as usize).min(size);
                if size.is_power_of_two() || pos >= size as u64 {
                    assert_eq!(walk, c, "pos {pos} size {size}");
                } else {
                    assert_eq!(walk[..written], c[..written], "pos {pos} size {size}");
                }
            }
        }
        assert_eq!(newest_first_slots(7, 0).count(), 0);
        let none: [u8; 0] = [];
        assert_eq!(newest_first_in(&none, 7).count(), 0);
        for size in [1usize, 3, 8] {
            let ring: Vec<usize> = (0..size).collect();
            for pos in 0..3 * size as u64 {
                let by_ref: Vec<usize> = newest_first_in(&ring, pos).copied().collect();
                assert_eq!(by_ref, newest_first_slots(pos, size).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn findings_equal_the_c_walk_on_a_partly_filled_ring() {
        // A 5-slot ring with 3 events written: the C walk visits slot 0
        // twice; the findings are the same.
        let mut ring = [Entry {
            ptr: 0,
            size: 0,
            is_free: false,
            track: Track::default(),
        }; 5];
        ring[0] = e(0xf3, false, 1);
        ring[1] = e(0xf3, true, 2);
        ring[2] = e(0xf4, false, 3);
        for (tag, size) in [(0xf3, 128), (0xf4, 128), (0xf3, 64)] {
            let walk = search(
                newest_first_slots(3, 5).map(|s| ring[s]),
                OBJ,
                tag,
                size,
                None,
            );
            let c = search(
                newest_first(3, 5).map(|p| ring[slot(p, 5)]),
                OBJ,
                tag,
                size,
                None,
            );
            assert_eq!(walk, c);
        }
    }

    #[test]
    fn stops_reading_once_both_are_found() {
        // The C loop reads no slot after the one that completes the pair.
        let ring = [
            e(0xf3, true, 2),
            e(0xf3, false, 1),
            e(0xf4, false, 9),
            e(0xf3, false, 0),
        ];
        let mut read = 0;
        let f = search(
            ring.iter().copied().inspect(|_| read += 1),
            OBJ,
            0xf3,
            128,
            None,
        );
        assert_eq!(read, 2);
        assert_eq!(f.bug_type, Some(BugType::SlabUseAfterFree));
        assert_eq!(
            (f.alloc.map(|t| t.pid), f.free.map(|t| t.pid)),
            (Some(1), Some(2))
        );
    }

    #[test]
    fn use_after_free_found_with_both_stacks() {
        let ring = [e(0xf3, true, 2), e(0xf3, false, 1)];
        let f = search(ring.iter().copied(), OBJ, 0xf3, 128, None);
        assert_eq!(f.bug_type, Some(BugType::SlabUseAfterFree));
        assert_eq!(f.free.map(|t| t.pid), Some(2));
        assert_eq!(f.alloc.map(|t| t.pid), Some(1));
    }

    #[test]
    fn out_of_bounds_on_live_object() {
        let ring = [e(0xf5, false, 7), e(0xf3, true, 2)];
        let f = search(ring.iter().copied(), OBJ, 0xf5, 128, None);
        assert_eq!(f.bug_type, Some(BugType::SlabOutOfBounds));
        assert_eq!(f.free, None);
    }

    #[test]
    fn other_tag_size_or_object_is_ignored() {
        let mut other = e(0xf3, false, 9);
        other.size = 64;
        let ring = [
            other,
            e(0xf4, true, 8),
            Entry {
                ptr: set_tag(OBJ + 128, 0xf3),
                ..e(0xf3, true, 3)
            },
        ];
        assert_eq!(
            search(ring.iter().copied(), OBJ, 0xf3, 128, None),
            Findings::default()
        );
    }

    #[test]
    fn stops_at_an_older_life_and_keeps_preset_type() {
        // Newest first: free, alloc, then an older free of the same object and tag.
        let ring = [e(0xf3, true, 3), e(0xf3, true, 2), e(0xf3, false, 1)];
        let f = search(
            ring.iter().copied(),
            OBJ,
            0xf3,
            128,
            Some(BugType::DoubleFree),
        );
        assert_eq!(f.bug_type, Some(BugType::DoubleFree));
        assert_eq!(f.free.map(|t| t.pid), Some(3));
        assert_eq!(f.alloc, None);
    }

    #[test]
    fn busy_and_empty_slots_never_match() {
        let ring = [
            Entry {
                ptr: BUSY,
                size: 128,
                is_free: true,
                track: Track::default(),
            },
            Entry {
                ptr: 0,
                size: 0,
                is_free: false,
                track: Track::default(),
            },
        ];
        assert_eq!(
            search(ring.iter().copied(), OBJ, 0xf3, 128, None),
            Findings::default()
        );
    }

    #[test]
    fn extra_info_as_the_c_bitfields_hold_it() {
        // 12.345678901 s on CPU 3: the C keeps 12345678901 >> 9 = 24112654 units.
        let x = ExtraInfo::new(3, 12_345_678_901);
        assert_eq!(x.cpu(), 3);
        assert_eq!(x.bits(), 3 | (24_112_654 << 20));
        // 24112654 << 9 = 12345678848 ns: printed as 12.345678s.
        assert_eq!(x.seconds_and_micros(), (12, 345_678));
        assert_eq!(ExtraInfo::from_bits(x.bits()), x);
    }

    #[test]
    fn extra_info_truncates_as_the_c_assignment() {
        // cpu:20 keeps the low 20 bits; timestamp:44 the low 44 of clock >> 9.
        let x = ExtraInfo::new(0x12_3456, u64::MAX);
        assert_eq!(x.cpu(), 0x2_3456);
        let units = (u64::MAX >> 9) & ((1 << 44) - 1);
        let ns = units << 9;
        assert_eq!(
            x.seconds_and_micros(),
            (ns / 1_000_000_000, ns % 1_000_000_000 / 1000)
        );
        assert_eq!(ExtraInfo::new(7, 0).seconds_and_micros(), (0, 0));
        assert_eq!(ExtraInfo::new(0, 511).seconds_and_micros(), (0, 0));
        assert_eq!(
            ExtraInfo::new(0, 1_000_000_512).seconds_and_micros(),
            (1, 0)
        );
    }
}
