//! Planning the instructions that set the allocation tags of a memory range.
//!
//! The arm64 routine behind `hw_set_mem_tag_range()` tags `[addr, addr+size)`
//! in up to three phases:
//!
//! 1. **head**: `STG`/`STZG` one granule at a time up to the end of the
//!    DC GVA block containing `addr` (the whole first block even when `addr`
//!    is block-aligned);
//! 2. **blocks**: `DC GVA`/`DC GZVA` one whole block at a time;
//! 3. **tail**: `STG`/`STZG` one granule at a time up to `addr + size`.
//!
//! Phases 1 and 2 are only used when the `DC G*VA` instructions are allowed
//! (`DCZID_EL0.DZP` clear) and the range spans at least two blocks
//! (`size >= 2 * block_size`); otherwise the whole range is done by phase 3.
//! The block size is `4 << DCZID_EL0.BS` bytes.
//!
//! [`TagRangePlan`] computes these phase boundaries once; the
//! instruction-issuing code then simply walks [`TagRangePlan::head`],
//! [`TagRangePlan::blocks`] and [`TagRangePlan::tail`] in that order.
//!
//! The plan works on the address that will be given to the instructions,
//! i.e. the address whose top byte already holds the tag to store
//! (`set_tag(reset_tag(addr), tag)`), because `STG` and `DC GVA` take the tag
//! from the address register itself.
//!
//! One deliberate difference from the C code: a `DCZID_EL0.BS` below 2
//! (blocks of 4 or 8 bytes, smaller than a tag granule) makes the plan use
//! no blocks at all. The C loop would, for a 16-byte range, issue one
//! `DC GVA` just past the end of the range in that case. No MTE hardware
//! reports such a block size.

use super::tags::{is_granule_aligned, GRANULE_SIZE, TOP_BYTE_MASK};

/// `DCZID_EL0.BS`: log2 of the DC ZVA / DC GVA block size in 4-byte words.
pub const DCZID_BS_MASK: u64 = 0xF;

/// `DCZID_EL0.DZP`: set when `DC ZVA`, `DC GVA` and `DC GZVA` are prohibited.
pub const DCZID_DZP: u64 = 1 << 4;

/// Mask of the address bits below the tag byte (bits 55..0).
const ADDR_BITS_MASK: usize = !TOP_BYTE_MASK;

/// Returns the DC GVA block size in bytes encoded in a raw `DCZID_EL0`
/// value: `4 << BS`, between 4 bytes and 128 KiB.
#[inline]
pub const fn dczid_block_size(dczid: u64) -> usize {
    4usize << (dczid & DCZID_BS_MASK)
}

/// Whether a raw `DCZID_EL0` value prohibits the `DC G*VA` instructions.
#[inline]
pub const fn dczid_prohibited(dczid: u64) -> bool {
    dczid & DCZID_DZP != 0
}

/// Why a range cannot be tagged.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum RangeError {
    /// The address (ignoring its tag byte) is 0.
    NullAddr,
    /// The address is not a multiple of the granule size (the C code
    /// WARNs and does nothing).
    UnalignedAddr,
    /// The size is not a multiple of the granule size (the C code WARNs and
    /// does nothing when poisoning).
    UnalignedSize,
    /// `addr + size` would carry into the tag byte or wrap around.
    Overflow,
}

impl RangeError {
    /// Short human-readable description, for warnings.
    pub const fn as_str(self) -> &'static str {
        match self {
            RangeError::NullAddr => "null address",
            RangeError::UnalignedAddr => "address not granule-aligned",
            RangeError::UnalignedSize => "size not granule-aligned",
            RangeError::Overflow => "range overflows the address space",
        }
    }
}

/// Checks that `[addr, addr + size)` can be tagged: `addr` non-null and
/// granule-aligned, `size` granule-aligned, and the end of the range stays
/// below the tag byte of `addr` (so `addr + size` neither wraps nor changes
/// the tag).
///
/// A `size` of 0 is valid and tags nothing, as in C.
#[inline]
pub const fn validate(addr: usize, size: usize) -> Result<(), RangeError> {
    let low = addr & ADDR_BITS_MASK;
    if low == 0 {
        return Err(RangeError::NullAddr);
    }
    if !is_granule_aligned(addr) {
        return Err(RangeError::UnalignedAddr);
    }
    if !is_granule_aligned(size) {
        return Err(RangeError::UnalignedSize);
    }
    // `low <= ADDR_BITS_MASK`, so the subtraction cannot underflow.
    if size > ADDR_BITS_MASK.wrapping_sub(low) {
        return Err(RangeError::Overflow);
    }
    Ok(())
}

/// The three-phase tagging plan of one range.
///
/// # Invariants
///
/// * `start <= block_start <= block_end <= end`, and `start..end` does not
///   cross a change of the tag byte (so no arithmetic on these wraps);
/// * `start`, `block_start`, `block_end` and `end` are granule-aligned;
/// * either `block_start == block_end == start` (no blocks, the whole range
///   is in the tail), or `block_size >= GRANULE_SIZE`, `block_start` and
///   `block_end` are multiples of `block_size`, `block_start > start` and
///   `block_end - block_start >= block_size`;
/// * `block_size` is a power of two.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct TagRangePlan {
    start: usize,
    block_start: usize,
    block_end: usize,
    end: usize,
    block_size: usize,
}

impl TagRangePlan {
    /// Plans tagging `[addr, addr + size)` given the raw value of
    /// `DCZID_EL0`. Fails exactly when [`validate`] does.
    ///
    /// Blocks are used iff `DZP` is clear, the block size is at least one
    /// granule and `size >= 2 * block_size`; the head then runs to the end
    /// of the block containing `addr` and the blocks to the last block
    /// boundary not above `addr + size`.
    #[inline]
    pub const fn new(addr: usize, size: usize, dczid: u64) -> Result<Self, RangeError> {
        if let Err(e) = validate(addr, size) {
            return Err(e);
        }
        // Cannot overflow: checked by `validate`.
        let end = addr.wrapping_add(size);
        let block_size = dczid_block_size(dczid);
        // At most 2 * 128 KiB.
        let two_blocks = block_size.wrapping_mul(2);

        if dczid_prohibited(dczid) || block_size < GRANULE_SIZE || size < two_blocks {
            return Ok(TagRangePlan {
                start: addr,
                block_start: addr,
                block_end: addr,
                end,
                block_size,
            });
        }

        let mask = block_size.wrapping_sub(1);
        // End of the block holding `addr`. Since `size >= 2 * block_size`,
        // `addr | mask < end`, so the increment cannot wrap.
        let block_start = (addr | mask).wrapping_add(1);
        let block_end = end & !mask;
        Ok(TagRangePlan {
            start: addr,
            block_start,
            block_end,
            end,
            block_size,
        })
    }

    /// First address of the range (tag byte included).
    #[inline]
    pub const fn start(&self) -> usize {
        self.start
    }

    /// One past the last address of the range.
    #[inline]
    pub const fn end(&self) -> usize {
        self.end
    }

    /// Size in bytes of the range.
    #[inline]
    pub const fn size(&self) -> usize {
        self.end.wrapping_sub(self.start)
    }

    /// The DC GVA block size this plan was made for.
    #[inline]
    pub const fn block_size(&self) -> usize {
        self.block_size
    }

    /// Whether any `DC G*VA` block operation is planned.
    #[inline]
    pub const fn has_blocks(&self) -> bool {
        self.block_end > self.block_start
    }

    /// `[start, block_start)`: the head, tagged one granule at a time.
    #[inline]
    pub const fn head_range(&self) -> (usize, usize) {
        (self.start, self.block_start)
    }

    /// `[block_start, block_end)`: tagged one block at a time.
    #[inline]
    pub const fn block_range(&self) -> (usize, usize) {
        (self.block_start, self.block_end)
    }

    /// `[block_end, end)`: the tail, tagged one granule at a time.
    #[inline]
    pub const fn tail_range(&self) -> (usize, usize) {
        (self.block_end, self.end)
    }

    /// Granule addresses of the head (for `STG`/`STZG`).
    #[inline]
    pub const fn head(&self) -> Steps {
        Steps::new(self.start, self.block_start, GRANULE_SIZE)
    }

    /// Block addresses (for `DC GVA`/`DC GZVA`).
    #[inline]
    pub const fn blocks(&self) -> Steps {
        Steps::new(self.block_start, self.block_end, self.block_size)
    }

    /// Granule addresses of the tail (for `STG`/`STZG`).
    #[inline]
    pub const fn tail(&self) -> Steps {
        Steps::new(self.block_end, self.end, GRANULE_SIZE)
    }

    /// All operations of the plan, in order.
    #[inline]
    pub const fn ops(&self) -> Ops {
        Ops {
            head: self.head(),
            blocks: self.blocks(),
            tail: self.tail(),
        }
    }
}

/// Iterator over `start, start + step, ...` while below `end`.
///
/// # Invariants
///
/// `step > 0`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Steps {
    next: usize,
    end: usize,
    step: usize,
}

impl Steps {
    /// `step` must be non-zero; a zero step yields an empty iterator.
    #[inline]
    const fn new(start: usize, end: usize, step: usize) -> Self {
        if step == 0 {
            Steps {
                next: end,
                end,
                step: GRANULE_SIZE,
            }
        } else {
            Steps {
                next: start,
                end,
                step,
            }
        }
    }

    /// Number of items left.
    #[inline]
    pub const fn remaining(&self) -> usize {
        if self.next >= self.end {
            return 0;
        }
        // `end > next` here.
        let span = self.end.wrapping_sub(self.next);
        // `step > 0` by the type invariant, so the divisions succeed.
        let whole = match span.checked_div(self.step) {
            Some(q) => q,
            None => 0,
        };
        match span.checked_rem(self.step) {
            Some(0) | None => whole,
            // `whole < span`, so this cannot overflow.
            Some(_) => whole.wrapping_add(1),
        }
    }
}

impl Iterator for Steps {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        if self.next < self.end {
            let cur = self.next;
            // Saturation ends the iteration instead of wrapping.
            self.next = cur.saturating_add(self.step);
            Some(cur)
        } else {
            None
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.remaining();
        (n, Some(n))
    }
}

impl ExactSizeIterator for Steps {}

impl core::iter::FusedIterator for Steps {}

/// One tagging instruction of a plan.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum TagOp {
    /// `STG`/`STZG` of the granule at this address.
    Granule(usize),
    /// `DC GVA`/`DC GZVA` of the block at this address.
    Block(usize),
}

/// Iterator over all operations of a [`TagRangePlan`]: head granules,
/// blocks, then tail granules.
#[derive(Copy, Clone, Debug)]
pub struct Ops {
    head: Steps,
    blocks: Steps,
    tail: Steps,
}

impl Iterator for Ops {
    type Item = TagOp;

    #[inline]
    fn next(&mut self) -> Option<TagOp> {
        if let Some(p) = self.head.next() {
            return Some(TagOp::Granule(p));
        }
        if let Some(p) = self.blocks.next() {
            return Some(TagOp::Block(p));
        }
        self.tail.next().map(TagOp::Granule)
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self
            .head
            .remaining()
            .saturating_add(self.blocks.remaining())
            .saturating_add(self.tail.remaining());
        (n, Some(n))
    }
}

impl core::iter::FusedIterator for Ops {}

#[cfg(test)]
mod tests {
    use super::super::tags::set_tag;
    use super::*;
    use std::vec::Vec;

    /// Literal model of the C `SET_MEMTAG_RANGE` loops, on `u64`, with a
    /// step limit. Returns `None` if the limit was hit.
    fn c_model(addr: u64, size: u64, dczid: u64) -> Option<Vec<TagOp>> {
        let mut ops = Vec::new();
        let bs: u64 = 4u64 << (dczid & 0xf);
        let dzp = (dczid >> 4) & 1;
        let mut curr = addr;
        let mask = bs - 1;
        let end1 = curr | mask;
        let end3 = curr.wrapping_add(size);
        let end2 = end3 & !mask;
        let limit = 1 << 20;
        if dzp == 0 && size >= 2 * bs {
            loop {
                ops.push(TagOp::Granule(curr as usize));
                curr = curr.wrapping_add(16);
                if curr >= end1 || ops.len() > limit {
                    break;
                }
            }
            loop {
                ops.push(TagOp::Block(curr as usize));
                curr = curr.wrapping_add(bs);
                if curr >= end2 || ops.len() > limit {
                    break;
                }
            }
        }
        while curr < end3 {
            ops.push(TagOp::Granule(curr as usize));
            curr = curr.wrapping_add(16);
            if ops.len() > limit {
                return None;
            }
        }
        Some(ops)
    }

    /// Checks that `ops` cover `[addr, addr+size)` exactly once, in address
    /// order, with blocks aligned to `bs`.
    fn check_cover(ops: &[TagOp], addr: usize, size: usize, bs: usize) {
        let mut cur = addr;
        let mut seen_block = false;
        let mut after_blocks = false;
        for op in ops {
            match *op {
                TagOp::Granule(p) => {
                    assert_eq!(p, cur);
                    cur += 16;
                    if seen_block {
                        after_blocks = true;
                    }
                }
                TagOp::Block(p) => {
                    assert!(!after_blocks, "block after tail granule");
                    seen_block = true;
                    assert_eq!(p, cur);
                    assert_eq!(p % bs, 0, "unaligned block");
                    cur += bs;
                }
            }
        }
        assert_eq!(cur, addr + size);
    }

    const BASES: [usize; 3] = [
        0xFFFF_0000_0010_0000,
        set_tag(0xFFFF_8000_0000_0000, 0xF7),
        0x0000_0000_4000_0000,
    ];

    #[test]
    fn dczid_decoding() {
        assert_eq!(dczid_block_size(0), 4);
        assert_eq!(dczid_block_size(4), 64);
        assert_eq!(dczid_block_size(0x14), 64);
        assert_eq!(dczid_block_size(0xF), 128 << 10);
        assert_eq!(dczid_block_size(0xFFFF_FFFF_FFFF_FFF4), 64);
        assert!(dczid_prohibited(0x14));
        assert!(!dczid_prohibited(0x04));
    }

    #[test]
    fn validate_cases() {
        let a = 0xFFFF_0000_0000_1000usize;
        assert_eq!(validate(a, 0), Ok(()));
        assert_eq!(validate(a, 16), Ok(()));
        assert_eq!(validate(a + 8, 16), Err(RangeError::UnalignedAddr));
        assert_eq!(validate(a + 1, 16), Err(RangeError::UnalignedAddr));
        assert_eq!(validate(a, 15), Err(RangeError::UnalignedSize));
        assert_eq!(validate(a, 17), Err(RangeError::UnalignedSize));
        assert_eq!(validate(0, 16), Err(RangeError::NullAddr));
        assert_eq!(
            validate(0xF300_0000_0000_0000, 16),
            Err(RangeError::NullAddr)
        );
        assert_eq!(
            validate(0xFFFF_FFFF_FFFF_FFF0, 16),
            Err(RangeError::Overflow)
        );
        assert_eq!(validate(0xFFFF_FFFF_FFFF_FFE0, 16), Ok(()));
        assert_eq!(
            validate(0xF5FF_FFFF_FFFF_FFE0, 32),
            Err(RangeError::Overflow)
        );
        assert_eq!(validate(16, usize::MAX - 15), Err(RangeError::Overflow));
        assert_eq!(TagRangePlan::new(a, 15, 4), Err(RangeError::UnalignedSize));
        for e in [
            RangeError::NullAddr,
            RangeError::UnalignedAddr,
            RangeError::UnalignedSize,
            RangeError::Overflow,
        ] {
            assert!(!e.as_str().is_empty());
        }
    }

    #[test]
    fn exhaustive_against_c_model() {
        let mut plans = 0u32;
        for bs_field in 0..=15u64 {
            let bs = 4usize << bs_field;
            for dzp in [0u64, DCZID_DZP] {
                // Any bits above DZP are ignored.
                {
                    let junk = if bs_field % 2 == 0 { 0 } else { 0xFFFF_FF00u64 };
                    let dczid = bs_field | dzp | junk;
                    // Offsets within the first two blocks (or 16 granules
                    // for small blocks), sizes around the 2-block threshold.
                    let span = bs.max(16) * 2;
                    let offs_step = if span > 512 { span / 16 } else { 16 };
                    let mut sizes: Vec<usize> = (0..=48).map(|g| g * 16).collect();
                    for k in [1usize, 2, 3, 4] {
                        let b = k * bs;
                        for d in [-32isize, -16, 0, 16, 32] {
                            let s = (b as isize + d).max(0) as usize;
                            sizes.push(s & !15);
                        }
                    }
                    for base in BASES {
                        let mut off = 0;
                        while off < span {
                            for &size in &sizes {
                                let addr = base + off;
                                let plan =
                                    TagRangePlan::new(addr, size, dczid).expect("valid range");
                                plans += 1;
                                let ops: Vec<TagOp> = plan.ops().collect();
                                assert_eq!(plan.ops().size_hint().0, ops.len());
                                check_cover(&ops, addr, size, bs);
                                assert_eq!(plan.start(), addr);
                                assert_eq!(plan.end(), addr + size);
                                assert_eq!(plan.size(), size);
                                let blocks =
                                    ops.iter().filter(|o| matches!(o, TagOp::Block(_))).count();
                                assert_eq!(blocks > 0, plan.has_blocks());
                                let expect_blocks = dzp == 0 && bs >= 16 && size >= 2 * bs;
                                assert_eq!(plan.has_blocks(), expect_blocks);
                                let model = c_model(addr as u64, size as u64, dczid)
                                    .expect("model terminates");
                                if bs >= 16 {
                                    assert_eq!(ops, model, "addr {addr:#x} size {size} bs {bs}");
                                } else {
                                    // Deviation: no blocks below one granule.
                                    check_cover(&ops, addr, size, 16);
                                }
                                // Head ends at the first block boundary.
                                if plan.has_blocks() {
                                    let (hs, he) = plan.head_range();
                                    assert_eq!(hs, addr);
                                    assert!(he > hs && he - hs <= bs);
                                    assert_eq!(he % bs, 0);
                                    let (bs0, be) = plan.block_range();
                                    assert_eq!(bs0, he);
                                    assert!(be - bs0 >= bs);
                                    let (ts, te) = plan.tail_range();
                                    assert_eq!(ts, be);
                                    assert!(te - ts < bs);
                                    assert_eq!(plan.head().len(), (he - hs) / 16);
                                    assert_eq!(plan.blocks().len(), (be - bs0) / bs);
                                    assert_eq!(plan.tail().len(), (te - ts) / 16);
                                } else {
                                    assert_eq!(plan.head().len(), 0);
                                    assert_eq!(plan.blocks().len(), 0);
                                    assert_eq!(plan.tail_range(), (addr, addr + size));
                                }
                            }
                            off += offs_step;
                        }
                    }
                }
            }
        }
        assert!(plans > 10_000, "{plans}");
    }

    #[test]
    fn small_block_deviation_is_real() {
        // With BS = 1 (8-byte blocks) the C loop issues a DC GVA at the end
        // of a 16-byte range; the plan does not.
        let addr = 0xFFFF_0000_0000_1000usize;
        let model = c_model(addr as u64, 16, 1).expect("terminates");
        assert_eq!(
            model,
            [TagOp::Granule(addr), TagOp::Block(addr + 16)].to_vec()
        );
        let plan = TagRangePlan::new(addr, 16, 1).expect("valid");
        let ops: Vec<TagOp> = plan.ops().collect();
        assert_eq!(ops, [TagOp::Granule(addr)].to_vec());
    }

    #[test]
    fn typical_64_byte_blocks() {
        let dczid = 4; // 64-byte blocks, DZP clear.
        let addr = 0xF3FF_0000_0000_1010usize;
        // 16+... : head up to 0x1040 (3 granules), blocks 0x1040..0x1100,
        // tail 0x1100..0x1110.
        let plan = TagRangePlan::new(addr, 0x100, dczid).expect("valid");
        assert_eq!(plan.head_range(), (addr, addr + 0x30));
        assert_eq!(plan.block_range(), (addr + 0x30, addr + 0xF0));
        assert_eq!(plan.tail_range(), (addr + 0xF0, addr + 0x100));
        // Aligned start: the first block is still done with STG.
        let a2 = 0xFFFF_0000_0000_1000usize;
        let p2 = TagRangePlan::new(a2, 128, dczid).expect("valid");
        assert_eq!(p2.head_range(), (a2, a2 + 64));
        assert_eq!(p2.block_range(), (a2 + 64, a2 + 128));
        assert_eq!(p2.tail().len(), 0);
        // Below two blocks: everything in the tail.
        let p3 = TagRangePlan::new(a2, 112, dczid).expect("valid");
        assert!(!p3.has_blocks());
        assert_eq!(p3.tail().len(), 7);
        // Empty range.
        let p4 = TagRangePlan::new(a2, 0, dczid).expect("valid");
        assert_eq!(p4.ops().count(), 0);
    }

    #[test]
    fn steps_never_wrap() {
        let mut s = Steps::new(usize::MAX - 20, usize::MAX, 16);
        assert_eq!(s.len(), 2);
        assert_eq!(s.next(), Some(usize::MAX - 20));
        assert_eq!(s.next(), Some(usize::MAX - 4));
        assert_eq!(s.next(), None);
        assert_eq!(s.next(), None);
        let mut z = Steps::new(0, 100, 0);
        assert_eq!(z.next(), None);
        assert_eq!(z.len(), 0);
    }
}
