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
/// * `start <= end`, and `start..end` does not cross a change of the tag
///   byte (so no arithmetic on these wraps); both are granule-aligned;
/// * `block_size` is a power of two and `mask == block_size - 1`;
/// * if `blocks`: `block_size >= GRANULE_SIZE`, `end - start >= 2 *
///   block_size`, so `start | mask < end & !mask` (at least one head
///   granule and at least one whole block); if not, the whole range is the
///   tail.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct TagRangePlan {
    start: usize,
    end: usize,
    block_size: usize,
    mask: usize,
    blocks: bool,
}
/// A range [`validate`] accepted, so that it is checked once.
///
/// # Invariants
///
/// `validate(addr, size)` is `Ok`: `addr` is non-null (below the tag byte) and
/// granule-aligned, `size` is granule-aligned, and `addr + size` stays below
/// the tag byte of `addr`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ValidRange {
    addr: usize,
    size: usize,
}

impl ValidRange {
    /// Checks `[addr, addr + size)` with [`validate`].
    #[inline]
    pub const fn new(addr: usize, size: usize) -> Result<Self, RangeError> {
        match validate(addr, size) {
            Ok(()) => Ok(ValidRange { addr, size }),
            Err(e) => Err(e),
        }
    }

    /// The same range with `tag` in the top byte of its address (validity
    /// does not depend on the tag byte).
    #[inline]
    pub const fn with_tag(self, tag: u8) -> Self {
        ValidRange {
            addr: super::tags::set_tag(self.addr, tag),
            size: self.size,
        }
    }

    /// Start of the range (tag byte included).
    #[inline]
    pub const fn addr(&self) -> usize {
        self.addr
    }

    /// Length in bytes.
    #[inline]
    pub const fn size(&self) -> usize {
        self.size
    }
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
        match ValidRange::new(addr, size) {
            Ok(range) => Ok(Self::of(range, dczid)),
            Err(e) => Err(e),
        }
    }

    /// Plans tagging an already validated range (see [`TagRangePlan::new`]).
    #[inline]
    pub const fn of(range: ValidRange, dczid: u64) -> Self {
        Self::of_trusted(range.addr, range.size, dczid)
    }

    /// Plans tagging `[addr, addr + size)` without validating it, for a
    /// caller that knows [`validate`] holds by construction (the pages of a
    /// page allocation: their linear-map address and size). The type
    /// invariants, and the plan's meaning, hold only for such a range; for
    /// any other the plan is wrong but walking it is still memory-safe code.
    #[inline]
    pub const fn of_trusted(addr: usize, size: usize, dczid: u64) -> Self {
        // Cannot overflow: `validate` holds (see above).
        let end = addr.wrapping_add(size);
        let block_size = dczid_block_size(dczid);
        // At most 2 * 128 KiB.
        let two_blocks = block_size.wrapping_mul(2);
        // Non-short-circuit `&`: one flag computed without branches, as the C
        // computes its condition (the hooks are hot paths).
        #[allow(clippy::needless_bitwise_bool)]
        let blocks = !dczid_prohibited(dczid) & (block_size >= GRANULE_SIZE) & (size >= two_blocks);
        TagRangePlan {
            start: addr,
            end,
            block_size,
            mask: block_size.wrapping_sub(1),
            blocks,
        }
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
        self.blocks
    }

    /// The end of the head: one past the last byte of the block holding
    /// `start`. Only meaningful with blocks.
    #[inline]
    const fn head_end(&self) -> usize {
        // `start | mask < end` with blocks (type invariant): no wrap.
        (self.start | self.mask).wrapping_add(1)
    }

    /// The end of the block phase: the last block boundary not above `end`.
    #[inline]
    const fn blocks_end(&self) -> usize {
        self.end & !self.mask
    }

    /// `[start, block_start)`: the head, tagged one granule at a time (empty
    /// without blocks).
    #[inline]
    pub const fn head_range(&self) -> (usize, usize) {
        if self.blocks {
            (self.start, self.head_end())
        } else {
            (self.start, self.start)
        }
    }

    /// `[block_start, block_end)`: tagged one block at a time (empty, at
    /// `start`, without blocks).
    #[inline]
    pub const fn block_range(&self) -> (usize, usize) {
        if self.blocks {
            (self.head_end(), self.blocks_end())
        } else {
            (self.start, self.start)
        }
    }

    /// `[block_end, end)`: the tail, tagged one granule at a time.
    #[inline]
    pub const fn tail_range(&self) -> (usize, usize) {
        (self.block_range().1, self.end)
    }

    /// Runs the plan: `granule(p)` for each granule of the head and the tail,
    /// `block(b)` for each block, in address order: the operations of the C
    /// `SET_MEMTAG_RANGE` (the host tests compare them with a model of its
    /// loops), with the blocks unrolled by four. The kernel instantiates it
    /// with `STG`/`DC GVA` as the closures, the host tests with recording
    /// closures.
    ///
    /// `granule` must return the address after its granule (`p +
    /// GRANULE_SIZE`), as a post-indexed `STG` leaves it in its register.
    #[inline(always)]
    pub fn walk(&self, mut granule: impl FnMut(usize) -> usize, mut block: impl FnMut(usize)) {
        let mut p = self.start;
        if self.blocks {
            // Comparing with the block's last byte instead of `head_end()`
            // is the same test for granule-aligned `p`, one addition less.
            let head_last = self.start | self.mask;
            let blocks_end = self.blocks_end();
            loop {
                p = granule(p);
                if p > head_last {
                    break;
                }
            }
            // Four blocks a step while four remain: `DC GVA` takes no offset,
            // so a block costs its instruction and an addition, and the loop's
            // test (two more) is paid once per four blocks instead of each.
            // Small objects (fewer than four blocks after the head) pay one
            // test for it. At least one block follows the head, and
            // `p < blocks_end <= end` throughout: no wrap (type invariant).
            let bs = self.block_size;
            if blocks_end.wrapping_sub(p) >= bs << 2 {
                let last_four = blocks_end.wrapping_sub(3 * bs);
                loop {
                    block(p);
                    block(p.wrapping_add(bs));
                    block(p.wrapping_add(2 * bs));
                    block(p.wrapping_add(3 * bs));
                    p = p.wrapping_add(bs << 2);
                    if p >= last_four {
                        break;
                    }
                }
                while p < blocks_end {
                    block(p);
                    p = p.wrapping_add(bs);
                }
            } else {
                loop {
                    block(p);
                    p = p.wrapping_add(bs);
                    if p >= blocks_end {
                        break;
                    }
                }
            }
        }
        while p < self.end {
            p = granule(p);
        }
    }

    /// Granule addresses of the head (for `STG`/`STZG`).
    #[inline]
    pub const fn head(&self) -> Steps {
        let (start, end) = self.head_range();
        Steps::new(start, end, GRANULE_SIZE)
    }

    /// Block addresses (for `DC GVA`/`DC GZVA`).
    #[inline]
    pub const fn blocks(&self) -> Steps {
        let (start, end) = self.block_range();
        Steps::new(start, end, self.block_size)
    }

    /// Granule addresses of the tail (for `STG`/`STZG`).
    #[inline]
    pub const fn tail(&self) -> Steps {
        let (start, end) = self.tail_range();
        Steps::new(start, end, GRANULE_SIZE)
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
    pub const fn new(start: usize, end: usize, step: usize) -> Self {
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
