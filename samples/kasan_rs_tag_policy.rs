// SPDX-License-Identifier: GPL-2.0

//! kasan-rs sample: bugs that a random tag catches only 13 times in 14.
//!
//! Hardware tag-based KASAN catches a bad access when the pointer's tag differs from the
//! memory's. For two common bugs that is a matter of luck with random tags:
//!
//! | trial            | what the module does                                               |
//! |------------------|--------------------------------------------------------------------|
//! | adjacent         | two neighbouring 64-byte kmalloc objects `a`, `b = a + 64` (from a |
//! |                  | batch of 32); writes one byte at `a + 64` (the first byte of `b`)  |
//! | immediate reuse  | `kmalloc(64)`, `kfree`, and the next `kmalloc(64)` returns the     |
//! |                  | same object; reads through the first, stale, pointer               |
//!
//! With the upstream (and default) `kasan.tag_policy=random`, the two objects, or the two lives
//! of the object, get the same tag 1 time in 14 and the bug goes unreported. With
//! `kasan.tag_policy=distinct` (kasan-rs) every trial is reported. The module runs
//! [`TRIALS`] of each (a layout that does not occur is retried), re-arming tag checks before
//! each (a synchronous fault turns them off on its CPU), and ends with
//! `kasan_rs_tag_policy: done, adjacent=N reuse=N`; boot with `kasan_multi_shot` and count the
//! reports (testing/scripts/faults.sh: check `tag-policy`). Every stray access lands in memory
//! the module owns.

use core::ffi::c_void;
use core::ptr;
use kernel::bindings;
use kernel::prelude::*;

module! {
    type: KasanRsTagPolicy,
    name: "kasan_rs_tag_policy",
    author: "kasan-rs developers",
    description: "Counts the bugs random KASAN tags may miss: adjacent overflow, immediate reuse",
    license: "GPL",
}

#[path = "common.rs"]
mod common;
use common::reenable_tag_checks;

/// Trials of each kind.
const TRIALS: usize = 28;
/// Attempts allowed per kind before giving up (the layout is usually there at once).
const ATTEMPTS: usize = 8 * TRIALS;

/// The address without its tag byte.
fn untagged(p: *mut u8) -> usize {
    (p as usize) | (0xff << 56)
}

/// `kmalloc(64, GFP_KERNEL)` through the `krealloc(NULL, ...)` the 6.12 bindings have.
fn kmalloc64() -> Result<*mut u8> {
    // SAFETY: `krealloc` with a NULL pointer is a plain allocation.
    let p = unsafe { bindings::krealloc(ptr::null(), 64, bindings::GFP_KERNEL) };
    if p.is_null() {
        return Err(ENOMEM);
    }
    Ok(p.cast())
}

fn kfree(p: *mut u8) {
    // SAFETY: every caller passes a live object from `kmalloc64`, once.
    unsafe { bindings::kfree(p.cast::<c_void>()) };
}

/// Objects allocated together in an adjacent-overflow trial: a 64-byte kmalloc slab holds
/// 64 objects, so a batch this size holds neighbours whatever order the free list is in.
const BATCH: usize = 32;

/// One adjacent-overflow trial: allocates a batch and overflows from one object into its
/// neighbour, if the batch has neighbours.
fn adjacent_trial() -> Result<bool> {
    let mut objs = [ptr::null_mut::<u8>(); BATCH];
    let mut n = 0;
    let mut result = Ok(false);
    while n < BATCH {
        match kmalloc64() {
            Ok(p) => {
                objs[n] = p;
                n += 1;
            }
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    let pair = objs[..n].iter().find_map(|&low| {
        objs[..n]
            .iter()
            .find(|&&high| untagged(high) == untagged(low) + 64)
            .map(|_| low)
    });
    if let (Some(low), Ok(_)) = (pair, &result) {
        reenable_tag_checks();
        // SAFETY: deliberately out of bounds by one byte: `low + 64` is the first byte of
        // its neighbour in the batch, which this module owns, so the store (checked or not)
        // changes nothing else.
        unsafe { ptr::write_volatile(low.add(64), 0x5a) };
        result = Ok(true);
    }
    for &p in &objs[..n] {
        kfree(p);
    }
    result
}

/// One immediate-reuse trial, if the next allocation returns the object just freed.
fn reuse_trial() -> Result<bool> {
    let old = kmalloc64()?;
    kfree(old);
    let new = kmalloc64()?;
    let reused = untagged(new) == untagged(old);
    if reused {
        reenable_tag_checks();
        // SAFETY: deliberately a read through the stale pointer: the memory is `new`, which
        // this module owns; reading it has no side effect.
        let _ = unsafe { ptr::read_volatile(old) };
    }
    kfree(new);
    Ok(reused)
}

/// Runs `trial` until it happened `TRIALS` times; the count, or an error if the layout did
/// not occur often enough.
fn run(name: &str, trial: fn() -> Result<bool>) -> Result<usize> {
    let mut done = 0;
    for _ in 0..ATTEMPTS {
        if trial()? {
            done += 1;
            if done == TRIALS {
                return Ok(done);
            }
        }
    }
    pr_err!(
        "{}: only {} of {} trials in {} attempts\n",
        name,
        done,
        TRIALS,
        ATTEMPTS
    );
    Err(EAGAIN)
}

struct KasanRsTagPolicy;

impl kernel::Module for KasanRsTagPolicy {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!(
            "start: {} adjacent overflows, {} immediate-reuse use-after-frees\n",
            TRIALS,
            TRIALS
        );
        let adjacent = run("adjacent", adjacent_trial)?;
        let reuse = run("reuse", reuse_trial)?;
        reenable_tag_checks();
        pr_info!("done, adjacent={} reuse={}\n", adjacent, reuse);
        Ok(KasanRsTagPolicy)
    }
}
