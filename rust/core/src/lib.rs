//! Pure-logic core of kasan-rs, a Rust reimplementation of the Linux 6.12
//! hardware tag-based KASAN (arm64 MTE, `CONFIG_KASAN_HW_TAGS`).
//!
//! Everything here is `no_std`, allocation-free, panic-free and usable from
//! any context (including the kernel hooks themselves):
//!
//! * [`tags`]: pointer-tag arithmetic (TBI/MTE) and granule helpers.
//! * [`tag_range`]: the STG / DC GVA plan used to tag a memory range.
//! * [`params`]: the `kasan*` boot parameters and the `kstrto*` parsers.
//! * [`sampling`]: page_alloc sampling decision.
//! * [`banner`]: the init banner text.
//! * [`kfence`]: which addresses are KFENCE's (skipped by every hook).
//! * [`mode_switch`]: which run-time writes of `kasan.mode` are taken.
//! * [`tag_policy`]: the tags `kasan.tag_policy=distinct` keeps a new object from.
//! * [`redzone`]: the redzone after a slab, large kmalloc or vmalloc allocation.
//! * [`report`]: what a report says (bug type, object-relative position, dump layout).
//! * [`stack_ring`]: the stack ring's index arithmetic and report-time search.
//! * [`frame_walk`]: the rules of the frame-record walk that saves the current stack.
//! * [`printf`]: a compile-time check of `_printk` formats against their arguments.
//!
//! On the host this file is the crate root. In the kernel it is included as
//! a module of another crate through `#[path]` (which passes
//! `--cfg CONFIG_RUST`), so it holds only module declarations and
//! attributes that are valid in both positions.

#![cfg_attr(not(CONFIG_RUST), no_std)]
#![forbid(unsafe_code)]

#[cfg(test)]
extern crate std;

pub mod banner;
pub mod frame_walk;
pub mod kfence;
pub mod mode_switch;
pub mod params;
pub mod printf;
pub mod redzone;
pub mod report;
pub mod sampling;
pub mod stack_ring;
pub mod tag_policy;
pub mod tag_range;
pub mod tags;
