// SPDX-License-Identifier: GPL-2.0

//! kasan-rs sample: every online CPU makes a use-after-free read at the same
//! moment, so that KASAN reports from all CPUs at once.
//!
//! Each CPU reads a different freed 64-byte object from an IPI (hard IRQ
//! context), after all CPUs have met at a barrier. The reports must come out
//! whole, one after the other (the report lock), with no deadlock; the module
//! prints `kasan_rs_concurrent: done, N CPUs faulted` at the end. Boot with
//! `kasan_multi_shot` to see every report.

use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::{AtomicI32, AtomicUsize, Ordering};
use kernel::bindings;
use kernel::prelude::*;

module! {
    type: KasanRsConcurrent,
    name: "kasan_rs_concurrent",
    author: "kasan-rs developers",
    description: "Makes KASAN report on every CPU at the same time",
    license: "GPL",
}

#[path = "common.rs"]
mod common;
use common::{on_each_cpu, reenable_tag_checks};

extern "C" {
    static __num_online_cpus: AtomicI32;
}

/// Most CPUs the test configurations have (`CONFIG_NR_CPUS=4`).
const MAX_CPUS: usize = 4;

/// The freed objects, one per CPU, as addresses (0: none).
static OBJECTS: [AtomicUsize; MAX_CPUS] = [const { AtomicUsize::new(0) }; MAX_CPUS];
/// Hands each CPU its own object.
static NEXT: AtomicUsize = AtomicUsize::new(0);
/// CPUs that reached the barrier.
static ARRIVED: AtomicUsize = AtomicUsize::new(0);
/// CPUs that made their bad read.
static FAULTED: AtomicUsize = AtomicUsize::new(0);

fn online_cpus() -> usize {
    // SAFETY: `__num_online_cpus` is the kernel's atomic count of online CPUs.
    let n = unsafe { __num_online_cpus.load(Ordering::Relaxed) };
    usize::try_from(n).unwrap_or(1)
}

/// `on_each_cpu()` callback: this CPU's bad access.
///
/// # Safety
///
/// Called from `on_each_cpu()` only, once per CPU, by this module.
unsafe extern "C" fn fault_here(_info: *mut c_void) {
    let me = NEXT.fetch_add(1, Ordering::SeqCst);
    let cpus = online_cpus();
    ARRIVED.fetch_add(1, Ordering::SeqCst);
    // Wait (bounded, in case a CPU never comes) until every CPU is here.
    let mut spins: u64 = 0;
    while ARRIVED.load(Ordering::SeqCst) < cpus && spins < 100_000_000 {
        core::hint::spin_loop();
        spins += 1;
    }
    let Some(object) = OBJECTS.get(me).map(|o| o.load(Ordering::SeqCst)) else {
        return;
    };
    if object == 0 {
        return;
    }
    // SAFETY: deliberately a read of a freed slab object; it has no side effect.
    let _ = unsafe { ptr::read_volatile(object as *const u8) };
    FAULTED.fetch_add(1, Ordering::SeqCst);
}

struct KasanRsConcurrent;

impl kernel::Module for KasanRsConcurrent {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let cpus = online_cpus().min(MAX_CPUS);
        pr_info!("start: {} CPUs, expect {} KASAN reports\n", cpus, cpus);
        for slot in OBJECTS.iter().take(cpus) {
            // SAFETY: `krealloc(NULL, ...)` is a plain allocation.
            let p = unsafe { bindings::krealloc(ptr::null(), 64, bindings::GFP_KERNEL) };
            if p.is_null() {
                return Err(ENOMEM);
            }
            slot.store(p as usize, Ordering::SeqCst);
        }
        for slot in OBJECTS.iter().take(cpus) {
            // SAFETY: each object came from krealloc above and is freed once.
            unsafe { bindings::kfree(slot.load(Ordering::SeqCst) as *const c_void) };
        }
        reenable_tag_checks();
        on_each_cpu(fault_here);
        reenable_tag_checks();
        pr_info!("done, {} CPUs faulted\n", FAULTED.load(Ordering::SeqCst));
        Ok(KasanRsConcurrent)
    }
}
