// SPDX-License-Identifier: GPL-2.0

//! Proof that lockdep is live in the kernel under test: takes two spinlocks in one order, then
//! in the other (one after the other, so nothing deadlocks). A kernel whose lockdep works
//! prints `WARNING: possible circular locking dependency detected` naming both locks.
//!
//! `make field` (testing/scripts/field.sh) loads it into each `debug`-family kernel after the
//! checks that must stay free of lockdep splats: it shows that their silence comes from a
//! working lockdep, not from a lockdep that never looks. Test-only: it lives under testing/ and
//! is built as an external module; no kernel config builds it.

use kernel::prelude::*;
use kernel::sync::{new_spinlock, SpinLock};

module! {
    type: KasanRsLockdepAbba,
    name: "kasan_rs_lockdep_abba",
    author: "kasan-rs developers",
    description: "Inverted lock order, for make field's lockdep liveness check",
    license: "GPL",
}

struct KasanRsLockdepAbba;

impl kernel::Module for KasanRsLockdepAbba {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        // Two call sites of `new_spinlock!`: two lock classes.
        let a: Pin<KBox<SpinLock<u32>>> =
            KBox::pin_init(new_spinlock!(0, "kasan_rs_lockdep_a"), GFP_KERNEL)?;
        let b: Pin<KBox<SpinLock<u32>>> =
            KBox::pin_init(new_spinlock!(0, "kasan_rs_lockdep_b"), GFP_KERNEL)?;
        pr_info!("taking a, then b\n");
        {
            let _a = a.lock();
            let _b = b.lock();
        }
        pr_info!("taking b, then a: lockdep must report a circular dependency\n");
        {
            let _b = b.lock();
            let _a = a.lock();
        }
        pr_info!("done\n");
        Ok(KasanRsLockdepAbba)
    }
}
