// SPDX-License-Identifier: GPL-2.0

//! kasan-rs bench: time the allocator paths that hardware tag-based KASAN hooks, in ns/op.
//!
//! Loaded once by the `make bench` initramfs (testing/scripts/bench.sh), on every variant
//! (`nokasan`, `c`, `rust`): the same binary code on each, so the differences are the KASAN
//! hooks'. Under `qemu-system-aarch64 -icount shift=0` the guest clock advances 1 ns per guest
//! instruction, so a figure here is, in effect, instructions per operation.
//!
//! Each operation is timed in batches of [`BATCH`]: `ktime_get()`, BATCH allocations,
//! `ktime_get()`, (a one-byte store into each object, untimed), `ktime_get()`, BATCH frees,
//! `ktime_get()`. The cost of the `ktime_get()` pair is measured first and subtracted. One line
//! per operation, e.g.
//!
//!     kasan_rs_bench: op=kmalloc size=64 iters=16384 ns_per_op=812.4 alloc_ns=420.1 free_ns=392.3
//!
//! `ns_per_op` is one allocation plus one free. The module only makes valid accesses: any KASAN
//! report during the run is a bug (bench.sh fails the run). It ends with
//! `kasan_rs_bench: done ops=N total_ms=T` and returns 0.

use core::ffi::c_void;
use core::ptr;
use kernel::bindings;
use kernel::c_str;
use kernel::prelude::*;

module! {
    type: KasanRsBench,
    name: "kasan_rs_bench",
    author: "kasan-rs developers",
    description: "Allocator microbenchmark for KASAN overhead (make bench)",
    license: "GPL",
}

extern "C" {
    fn vmalloc_noprof(size: usize) -> *mut c_void;
    fn vfree(addr: *const c_void);
}

/// Objects allocated before they are freed again.
const BATCH: usize = 32;

fn now() -> u64 {
    // SAFETY: `ktime_get` may be called from any context but NMI.
    unsafe { bindings::ktime_get() as u64 }
}

/// The average cost of an empty `ktime_get()`..`ktime_get()` interval, in ns.
fn timer_overhead() -> u64 {
    const N: u64 = 256;
    let mut total = 0u64;
    for _ in 0..N {
        let t0 = now();
        let t1 = now();
        total += t1 - t0;
    }
    total / N
}

/// One operation to time: allocate an object (null on failure), and free it.
trait Op {
    fn alloc(&mut self) -> *mut c_void;
    fn free(&mut self, p: *mut c_void);
    /// Whether `alloc` returns writable memory the bench may store one byte into.
    fn writable(&self) -> bool {
        true
    }
}

struct Kmalloc(usize);
impl Op for Kmalloc {
    fn alloc(&mut self) -> *mut c_void {
        // SAFETY: `krealloc(NULL, ...)` is `kmalloc`.
        unsafe { bindings::krealloc(ptr::null(), self.0, bindings::GFP_KERNEL) }
    }
    fn free(&mut self, p: *mut c_void) {
        // SAFETY: `p` came from `alloc` and is freed once.
        unsafe { bindings::kfree(p) }
    }
}

struct Cache(*mut bindings::kmem_cache);
impl Op for Cache {
    fn alloc(&mut self) -> *mut c_void {
        // SAFETY: the cache is alive until the bench destroys it after the last free.
        unsafe { bindings::kmem_cache_alloc_noprof(self.0, bindings::GFP_KERNEL) }
    }
    fn free(&mut self, p: *mut c_void) {
        // SAFETY: `p` came from this cache and is freed once.
        unsafe { bindings::kmem_cache_free(self.0, p) }
    }
}

struct Pages(u32);
impl Op for Pages {
    fn alloc(&mut self) -> *mut c_void {
        // SAFETY: plain page allocation.
        unsafe { bindings::alloc_pages(bindings::GFP_KERNEL, self.0) }.cast()
    }
    fn free(&mut self, p: *mut c_void) {
        // SAFETY: `p` is the `struct page *` `alloc` returned for this order, freed once.
        unsafe { bindings::__free_pages(p.cast(), self.0) }
    }
    fn writable(&self) -> bool {
        false
    }
}

struct Vmalloc(usize);
impl Op for Vmalloc {
    fn alloc(&mut self) -> *mut c_void {
        // SAFETY: plain allocation.
        unsafe { vmalloc_noprof(self.0) }
    }
    fn free(&mut self, p: *mut c_void) {
        // SAFETY: `p` came from `vmalloc_noprof` and is freed once.
        unsafe { vfree(p) }
    }
}

/// Tenths of `total / n`, printed as `X.Y`.
struct Per {
    total: u64,
    n: u64,
}
impl core::fmt::Display for Per {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let tenths = (self.total * 10 + self.n / 2) / self.n.max(1);
        write!(f, "{}.{}", tenths / 10, tenths % 10)
    }
}

/// Times `iters` allocations and frees of `op` (rounded up to whole batches) and prints them.
fn bench(name: &str, size: usize, iters: usize, ovh: u64, op: &mut dyn Op) -> Result {
    let batches = iters.div_ceil(BATCH);
    let mut objs = [ptr::null_mut::<c_void>(); BATCH];
    let (mut alloc_ns, mut free_ns) = (0u64, 0u64);
    // One untimed batch first: fills per-CPU caches and creates slabs, as a warm system has.
    for round in 0..=batches {
        let t0 = now();
        for o in objs.iter_mut() {
            *o = op.alloc();
        }
        let t1 = now();
        if objs.iter().any(|o| o.is_null()) {
            for o in objs.iter().filter(|o| !o.is_null()) {
                op.free(*o);
            }
            pr_err!("op={} size={}: allocation failed\n", name, size);
            return Err(ENOMEM);
        }
        if op.writable() {
            for &o in objs.iter() {
                // SAFETY: each object has at least one byte and is ours until freed.
                unsafe { ptr::write_volatile(o.cast::<u8>(), 0xa5) };
            }
        }
        let t2 = now();
        for &o in objs.iter() {
            op.free(o);
        }
        let t3 = now();
        if round > 0 {
            alloc_ns += (t1 - t0).saturating_sub(ovh);
            free_ns += (t3 - t2).saturating_sub(ovh);
        }
    }
    let n = (batches * BATCH) as u64;
    pr_info!(
        "op={} size={} iters={} ns_per_op={} alloc_ns={} free_ns={}\n",
        name,
        size,
        n,
        Per {
            total: alloc_ns + free_ns,
            n
        },
        Per { total: alloc_ns, n },
        Per { total: free_ns, n }
    );
    Ok(())
}

const KMALLOC_SIZES: [usize; 11] = [8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];
const KMALLOC_ITERS: usize = 8192;
const CACHE_SIZE: u32 = 200;
const PAGE_ITERS: usize = 2048;
const VMALLOC_SIZES: [usize; 2] = [4096, 65536];
const VMALLOC_ITERS: usize = 512;

struct KasanRsBench;

impl kernel::Module for KasanRsBench {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        let start = now();
        let ovh = timer_overhead();
        pr_info!("start: batch={} timer_overhead_ns={}\n", BATCH, ovh);
        let mut ops = 0;

        for &size in KMALLOC_SIZES.iter() {
            bench("kmalloc", size, KMALLOC_ITERS, ovh, &mut Kmalloc(size))?;
            ops += 1;
        }

        // A cache of its own (SLAB_NO_MERGE), so that it is not an alias of kmalloc-256.
        let mut args = bindings::kmem_cache_args::default();
        // SAFETY: the name is a static C string; `args` is a valid, zeroed argument block.
        let cache = unsafe {
            bindings::__kmem_cache_create_args(
                c_str!("kasan_rs_bench").as_char_ptr(),
                CACHE_SIZE,
                &mut args,
                1 << bindings::_slab_flag_bits__SLAB_NO_MERGE,
            )
        };
        if cache.is_null() {
            pr_err!("kmem_cache_create failed\n");
            return Err(ENOMEM);
        }
        let r = bench(
            "kmem_cache",
            CACHE_SIZE as usize,
            KMALLOC_ITERS,
            ovh,
            &mut Cache(cache),
        );
        // SAFETY: every object of the cache was freed.
        unsafe { bindings::kmem_cache_destroy(cache) };
        r?;
        ops += 1;

        for order in 0..4u32 {
            bench("pages", 4096 << order, PAGE_ITERS, ovh, &mut Pages(order))?;
            ops += 1;
        }

        for &size in VMALLOC_SIZES.iter() {
            bench("vmalloc", size, VMALLOC_ITERS, ovh, &mut Vmalloc(size))?;
            ops += 1;
        }

        pr_info!(
            "done ops={} total_ms={}\n",
            ops,
            (now() - start) / 1_000_000
        );
        Ok(KasanRsBench)
    }
}
