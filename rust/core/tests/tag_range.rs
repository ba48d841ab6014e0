//! Host tests of the tagging plan: exact coverage, block alignment, and
//! operation-by-operation agreement with a model of the C loops.
use kasan_core::tag_range::*;
use kasan_core::tags::set_tag;
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

/// The operations [`TagRangePlan::walk`] (the loops the kernel runs) issues.
fn walked(plan: &TagRangePlan) -> Vec<TagOp> {
    let ops = std::cell::RefCell::new(Vec::new());
    plan.walk(
        |p| {
            ops.borrow_mut().push(TagOp::Granule(p));
            assert!(ops.borrow().len() < 1 << 20, "walk does not end");
            p + 16
        },
        |b| ops.borrow_mut().push(TagOp::Block(b)),
    );
    ops.into_inner()
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
                            let plan = TagRangePlan::new(addr, size, dczid).expect("valid range");
                            plans += 1;
                            let ops: Vec<TagOp> = plan.ops().collect();
                            assert_eq!(plan.ops().size_hint().0, ops.len());
                            // The kernel's loops (`walk`) do what the iterator says.
                            assert_eq!(walked(&plan), ops, "addr {addr:#x} size {size}");
                            let trusted = TagRangePlan::of_trusted(addr, size, dczid);
                            assert_eq!(trusted, plan);
                            check_cover(&ops, addr, size, bs);
                            assert_eq!(plan.start(), addr);
                            assert_eq!(plan.end(), addr + size);
                            assert_eq!(plan.size(), size);
                            let blocks =
                                ops.iter().filter(|o| matches!(o, TagOp::Block(_))).count();
                            assert_eq!(blocks > 0, plan.has_blocks());
                            let expect_blocks = dzp == 0 && bs >= 16 && size >= 2 * bs;
                            assert_eq!(plan.has_blocks(), expect_blocks);
                            let model =
                                c_model(addr as u64, size as u64, dczid).expect("model terminates");
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

/// A validated range planned with `of` is planned exactly as `new` plans it,
/// whatever tag is put in its address afterwards.
#[test]
fn of_validated_range_matches_new() {
    for bs in 0..8u64 {
        for dzp in [0u64, DCZID_DZP] {
            for off in (0..256usize).step_by(16) {
                for size in (0..2048usize).step_by(16) {
                    let addr = 0xffff_0000_0040_0000usize + off;
                    let range = ValidRange::new(addr, size).expect("valid");
                    for tag in [0xf3u8, 0xfe] {
                        let tagged = set_tag(addr, tag);
                        assert_eq!(
                            TagRangePlan::of(range.with_tag(tag), bs | dzp),
                            TagRangePlan::new(tagged, size, bs | dzp).expect("valid")
                        );
                    }
                }
            }
        }
    }
    assert_eq!(ValidRange::new(0x8, 16), Err(RangeError::UnalignedAddr));
    assert_eq!(ValidRange::new(0x10, 8), Err(RangeError::UnalignedSize));
    assert_eq!(ValidRange::new(0, 16), Err(RangeError::NullAddr));
}
