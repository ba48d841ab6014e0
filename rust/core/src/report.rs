//! Pure logic of a KASAN report: bug-type choice, the object-relative
//! description, the memory-tag dump layout. The kernel side prints; this
//! decides what.

use super::tags::{GRANULE_SIZE, KASAN_TAG_INVALID};
use core::ffi::CStr;

/// What kind of report is being made (`enum kasan_report_type`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ReportKind {
    /// A bad access (tag-check fault or `kasan_check_byte`).
    Access,
    /// A free of a pointer that is not the start of a live allocation.
    InvalidFree,
    /// A free of an already freed allocation.
    DoubleFree,
}

impl ReportKind {
    /// Its value in C's `enum kasan_report_type` (mm/kasan/kasan.h).
    pub const fn c_value(self) -> u32 {
        match self {
            ReportKind::Access => 0,
            ReportKind::InvalidFree => 1,
            ReportKind::DoubleFree => 2,
        }
    }

    /// The kind of free report that C's `enum kasan_report_type` value
    /// `value` names, as `kasan_report_invalid_free()` receives it; `None`
    /// for `KASAN_REPORT_ACCESS` and for any value outside the enum, which a
    /// C caller can pass and the report must not trust.
    pub const fn free_from_c(value: u32) -> Option<ReportKind> {
        match value {
            1 => Some(ReportKind::InvalidFree),
            2 => Some(ReportKind::DoubleFree),
            _ => None,
        }
    }
}

/// The bug types hardware tag-based KASAN reports.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum BugType {
    /// Access to a live slab object beyond its requested size.
    SlabOutOfBounds,
    /// Access to a freed slab object.
    SlabUseAfterFree,
    /// A bad access the stack ring cannot explain (non-slab memory, or no
    /// matching ring entry).
    InvalidAccess,
    /// An access whose `addr + size` wraps around.
    OutOfBounds,
    /// See [`ReportKind::DoubleFree`].
    DoubleFree,
    /// See [`ReportKind::InvalidFree`].
    InvalidFree,
}

impl BugType {
    /// Every bug type, in declaration order: the names the host tool reads
    /// reports by (tools/kasan-rs).
    pub const ALL: [BugType; 6] = [
        BugType::SlabOutOfBounds,
        BugType::SlabUseAfterFree,
        BugType::InvalidAccess,
        BugType::OutOfBounds,
        BugType::DoubleFree,
        BugType::InvalidFree,
    ];

    /// The bug type printed as `name` after `BUG: KASAN: `, if it is one of
    /// these.
    pub fn from_name(name: &str) -> Option<BugType> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The name printed after `BUG: KASAN: `.
    pub const fn as_str(self) -> &'static str {
        match self {
            BugType::SlabOutOfBounds => "slab-out-of-bounds",
            BugType::SlabUseAfterFree => "slab-use-after-free",
            BugType::InvalidAccess => "invalid-access",
            BugType::OutOfBounds => "out-of-bounds",
            BugType::DoubleFree => "double-free",
            BugType::InvalidFree => "invalid-free",
        }
    }

    /// [`BugType::as_str`] as a C string, for a `%s` of the report.
    pub const fn c_name(self) -> &'static CStr {
        match self {
            BugType::SlabOutOfBounds => c"slab-out-of-bounds",
            BugType::SlabUseAfterFree => c"slab-use-after-free",
            BugType::InvalidAccess => c"invalid-access",
            BugType::OutOfBounds => c"out-of-bounds",
            BugType::DoubleFree => c"double-free",
            BugType::InvalidFree => c"invalid-free",
        }
    }

    /// The bug type fixed by the kind of report, if any (frees).
    pub const fn of_kind(kind: ReportKind) -> Option<BugType> {
        match kind {
            ReportKind::Access => None,
            ReportKind::InvalidFree => Some(BugType::InvalidFree),
            ReportKind::DoubleFree => Some(BugType::DoubleFree),
        }
    }

    /// The fallback type when nothing better is known: `out-of-bounds` if
    /// the access range wraps, `invalid-access` otherwise.
    pub const fn common(access_addr: usize, access_size: usize) -> BugType {
        if access_addr.checked_add(access_size).is_none() {
            BugType::OutOfBounds
        } else {
            BugType::InvalidAccess
        }
    }
}

/// Which side of an object's requested region the buggy address is on.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Below the start of the region.
    Left,
    /// At or past its end.
    Right,
    /// In the region.
    Inside,
}

impl Direction {
    /// The words of the report: `to the left`, `to the right` or `inside`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Left => "to the left",
            Direction::Right => "to the right",
            Direction::Inside => "inside",
        }
    }

    /// [`Direction::as_str`] as a C string, for the `%s` of the report.
    pub const fn c_str(self) -> &'static CStr {
        match self {
            Direction::Left => c"to the left",
            Direction::Right => c"to the right",
            Direction::Inside => c"inside",
        }
    }
}

/// Where the buggy address lies relative to an object's requested region.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Relative {
    /// Distance in bytes, as the C `int` prints it.
    pub bytes: i32,
    /// The side of the region.
    pub side: Direction,
}

impl Relative {
    const fn new(bytes: usize, side: Direction) -> Relative {
        Relative {
            bytes: bytes as i32,
            side,
        }
    }
}

/// The `The buggy address is located N bytes <direction> of` line's numbers,
/// for the untagged `access` and `object` addresses and the object's
/// requested size `alloc_size`.
pub const fn relative_position(access: usize, object: usize, alloc_size: usize) -> Relative {
    let end = object.wrapping_add(alloc_size);
    if access < object {
        Relative::new(object.wrapping_sub(access), Direction::Left)
    } else if access >= end {
        Relative::new(access.wrapping_sub(end), Direction::Right)
    } else {
        Relative::new(access.wrapping_sub(object), Direction::Inside)
    }
}

/// The requested size of a slab object, from the memory tags of its granules
/// in order: granules up to the first invalid tag, capped at `object_size`.
/// Returns 0 if the first granule is invalid (a freed object); the caller then
/// falls back to `object_size`.
pub fn alloc_size_from_tags(object_size: usize, mut tags: impl Iterator<Item = u8>) -> usize {
    let mut size = 0usize;
    while size < object_size {
        match tags.next() {
            Some(tag) if tag != KASAN_TAG_INVALID => size = size.saturating_add(GRANULE_SIZE),
            Some(_) => return size,
            None => break,
        }
    }
    object_size
}

/// Layout of the `Memory state around the buggy address:` dump.
pub mod dump {
    use super::GRANULE_SIZE;

    /// Granule tags per printed row.
    pub const TAGS_PER_ROW: usize = 16;
    /// Bytes of memory one row describes.
    pub const BYTES_PER_ROW: usize = TAGS_PER_ROW * GRANULE_SIZE;
    /// Rows printed before and after the row of the buggy address.
    pub const ROWS_AROUND: usize = 2;
    /// Rows printed in all.
    pub const ROWS: usize = 2 * ROWS_AROUND + 1;

    /// Address of the first printed row for the (untagged) buggy address.
    pub const fn first_row(addr: usize) -> usize {
        (addr & !(BYTES_PER_ROW - 1)).wrapping_sub(ROWS_AROUND * BYTES_PER_ROW)
    }

    /// Address of row `i` (0-based) of the dump.
    pub const fn row(addr: usize, i: usize) -> usize {
        first_row(addr).wrapping_add(i.wrapping_mul(BYTES_PER_ROW))
    }

    /// Whether the row starting at `row` holds `addr` (it gets the `>` and the
    /// caret line).
    pub const fn is_guilty(row: usize, addr: usize) -> bool {
        row <= addr && addr < row.wrapping_add(BYTES_PER_ROW)
    }

    /// Column (1-based width for `%*c`) of the `^` under the buggy granule's
    /// tag: `>` + 16 hex digits + `: ` then 3 characters per tag.
    pub const fn caret_width(row: usize, addr: usize) -> usize {
        PREFIX_WIDTH + (addr.wrapping_sub(row) / GRANULE_SIZE) * TAG_WIDTH + 1
    }

    /// Length of a row's prefix with its NUL: `>` or ` `, 16 hex digits, `: `.
    pub const PREFIX_LEN: usize = 1 + 16 + 2 + 1;

    /// Printed width of a row's prefix (without the NUL): the column of the
    /// row's first tag.
    pub const PREFIX_WIDTH: usize = PREFIX_LEN - 1;

    /// Printed width of one tag in a row: two hex digits and the space
    /// `print_hex_dump()` puts between them.
    pub const TAG_WIDTH: usize = 3;

    /// The prefix of the row at `row` as C's `snprintf(">%px: ")` (the buggy
    /// row) or `" %px: "` writes it: the address as 16 lower-case hex digits.
    pub const fn row_prefix(row: usize, guilty: bool) -> [u8; PREFIX_LEN] {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = [0u8; PREFIX_LEN];
        out[0] = if guilty { b'>' } else { b' ' };
        let mut i = 0;
        while i < 16 {
            out[1 + i] = DIGITS[(row >> (60 - 4 * i)) & 0xf];
            i += 1;
        }
        out[17] = b':';
        out[18] = b' ';
        out
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn free_report_types_from_c() {
        assert_eq!(ReportKind::free_from_c(1), Some(ReportKind::InvalidFree));
        assert_eq!(ReportKind::free_from_c(2), Some(ReportKind::DoubleFree));
        // KASAN_REPORT_ACCESS is not a free; other values are not in the enum.
        for bad in [0, 3, 7, u32::MAX] {
            assert_eq!(ReportKind::free_from_c(bad), None);
        }
        for kind in [ReportKind::InvalidFree, ReportKind::DoubleFree] {
            assert_eq!(ReportKind::free_from_c(kind.c_value()), Some(kind));
        }
        assert_eq!(ReportKind::Access.c_value(), 0);
    }

    use super::*;

    #[test]
    fn row_prefix_is_percent_px() {
        assert_eq!(
            &dump::row_prefix(0xffff_0000_04a7_e600, true),
            b">ffff000004a7e600: \0"
        );
        assert_eq!(&dump::row_prefix(0x10, false), b" 0000000000000010: \0");
        assert_eq!(
            &dump::row_prefix(usize::MAX, false),
            b" ffffffffffffffff: \0"
        );
    }

    #[test]
    fn bug_type_names_and_kinds() {
        assert_eq!(BugType::of_kind(ReportKind::Access), None);
        assert_eq!(
            BugType::of_kind(ReportKind::DoubleFree).map(BugType::as_str),
            Some("double-free")
        );
        assert_eq!(
            BugType::of_kind(ReportKind::InvalidFree).map(BugType::as_str),
            Some("invalid-free")
        );
        assert_eq!(
            BugType::common(0xffff_0000_0000_1000, 0).as_str(),
            "invalid-access"
        );
        assert_eq!(BugType::common(usize::MAX, 0), BugType::InvalidAccess);
        assert_eq!(BugType::common(usize::MAX, 1), BugType::OutOfBounds);
        assert_eq!(BugType::common(usize::MAX - 3, 8).as_str(), "out-of-bounds");
    }

    /// Position in [`BugType::ALL`]; exhaustive, so a new variant must be
    /// added there.
    const fn bug_type_index(t: BugType) -> usize {
        match t {
            BugType::SlabOutOfBounds => 0,
            BugType::SlabUseAfterFree => 1,
            BugType::InvalidAccess => 2,
            BugType::OutOfBounds => 3,
            BugType::DoubleFree => 4,
            BugType::InvalidFree => 5,
        }
    }

    #[test]
    fn bug_type_c_names_agree() {
        for (i, t) in BugType::ALL.into_iter().enumerate() {
            assert_eq!(bug_type_index(t), i);
            assert_eq!(t.c_name().to_str(), Ok(t.as_str()), "{t:?}");
            assert!(!t.c_name().to_bytes().contains(&b'%'));
            assert_eq!(BugType::from_name(t.as_str()), Some(t));
        }
        assert_eq!(BugType::ALL.len(), 6);
        for other in [
            "use-after-free",
            "null-ptr-deref",
            "",
            "slab-out-of-bounds ",
        ] {
            assert_eq!(BugType::from_name(other), None, "{other:?}");
        }
        assert_eq!(BugType::SlabOutOfBounds.c_name(), c"slab-out-of-bounds");
    }

    #[test]
    fn relative_positions() {
        let o = 0xffff_0000_0010_0000usize;
        let cases = [
            (o - 1, 16, 1, Direction::Left),
            (o - 0x40, 16, 0x40, Direction::Left),
            (o + 16, 16, 0, Direction::Right),
            (o + 123, 112, 11, Direction::Right),
            (o + 5, 16, 5, Direction::Inside),
            (o, 16, 0, Direction::Inside),
            (o, 0, 0, Direction::Right),
        ];
        for (access, size, bytes, side) in cases {
            let r = relative_position(access, o, size);
            assert_eq!((r.bytes, r.side), (bytes, side), "{access:#x} {size}");
        }
    }

    #[test]
    fn direction_words() {
        assert_eq!(Direction::Left.as_str(), "to the left");
        assert_eq!(Direction::Right.as_str(), "to the right");
        assert_eq!(Direction::Inside.as_str(), "inside");
        for d in [Direction::Left, Direction::Right, Direction::Inside] {
            assert_eq!(d.c_str().to_str(), Ok(d.as_str()));
        }
    }

    #[test]
    fn alloc_size_counts_valid_granules() {
        let t = [0xf3u8, 0xf3, 0xfe, 0xf3];
        assert_eq!(alloc_size_from_tags(128, t.iter().copied()), 32);
        assert_eq!(alloc_size_from_tags(128, [0xfeu8].iter().copied()), 0);
        assert_eq!(alloc_size_from_tags(32, [0xf1u8; 8].iter().copied()), 32);
        // Object size not a multiple of the granule: capped at the object size.
        assert_eq!(alloc_size_from_tags(24, [0xf1u8; 8].iter().copied()), 24);
        assert_eq!(alloc_size_from_tags(0, core::iter::empty()), 0);
    }

    #[test]
    fn dump_layout_matches_the_c_report() {
        let addr = 0xffff_0000_0123_4a7busize;
        assert_eq!(dump::first_row(addr), 0xffff_0000_0123_4800);
        let guilty: std::vec::Vec<usize> = (0..dump::ROWS)
            .filter(|&i| dump::is_guilty(dump::row(addr, i), addr))
            .collect();
        assert_eq!(guilty, [2]);
        // ">ffff000001234a00: " is 19 characters; granule 7 of the row is the 8th tag,
        // whose first digit is at column 19 + 7 * 3 + 1 = 41.
        assert_eq!(dump::caret_width(dump::row(addr, 2), addr), 41);
        assert_eq!(dump::caret_width(0x1000, 0x1000), 20);
        assert_eq!(dump::caret_width(0x1000, 0x10ff), 20 + 15 * 3);
    }
}
