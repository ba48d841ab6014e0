// SPDX-License-Identifier: GPL-2.0

//! A small per-CPU cache of recently saved stacks in front of the stack
//! depot.
//!
//! KASAN saves the same stacks over and over (code allocating and freeing at
//! the same call sites), and each depot save filters the stack for IRQ
//! entries again, hashes all of it with `jhash2` and compares it in its
//! bucket. The cache keeps, per CPU, a reference to the depot records of the
//! stacks saved last, found by the hash the walk builds as it writes the
//! entries ([`StackHash`]). A hit compares the entries with the record's and
//! takes a reference, as the depot's own lookup does with
//! `STACK_DEPOT_FLAG_GET`, and gives the handle the depot would give: the
//! depot never holds two live records with the same entries (it inserts under
//! its lock after a second lookup), and the cache's reference keeps the
//! record live.
//!
//! Each CPU's cache is [`SETS`] sets of [`WAYS`] slots (a loop with one call
//! site per iteration, unrolled, saves as many distinct stacks), taken with a
//! try-lock: a save that finds it busy (another CPU after a migration, an
//! interrupt on this CPU) goes to the depot, as do saves with other depot
//! flags than KASAN's.

use super::bindings::{self, DepotHandle, Gfp};
use super::layout::{STACK_RECORD_COUNT, STACK_RECORD_ENTRIES, STACK_RECORD_NR, TASK_STRUCT_CPU};
use super::STACK_DEPOT_CAN_ALLOC_GET;
use crate::kasan_core::frame_walk::StackHash;
use core::sync::atomic::{AtomicI32, AtomicPtr, AtomicU32, AtomicUsize, Ordering};

/// Sets per CPU (a power of two).
const SETS: usize = 32;
/// Slots per set.
const WAYS: usize = 2;

/// One cached stack, or none (`handle == 0`).
#[repr(C)]
struct Slot {
    handle: AtomicU32,
    digest: AtomicU32,
    entries: AtomicPtr<usize>,
}

/// One CPU's cache.
///
/// # Invariants
///
/// While `lock` is held: a slot with a non-zero `handle` holds one reference
/// to that depot record, whose entries start at `entries` and whose
/// [`StackHash`] digest is `digest`. Slots are only changed with `lock` held.
#[repr(C)]
struct CpuCache {
    lock: AtomicU32,
    sets: [[Slot; WAYS]; SETS],
}

/// A CPU's cache, locked.
struct Locked<'a>(&'a CpuCache);

impl CpuCache {
    /// Takes the lock if it is free.
    #[inline(always)]
    fn try_lock(&self) -> Option<Locked<'_>> {
        self.lock
            .compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| Locked(self))
    }
}

impl Drop for Locked<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.0.lock.store(0, Ordering::Release);
    }
}

/// The caches of all CPUs.
///
/// # Invariants
///
/// `cpus` is NULL (no cache) or points to `count` zero-initialised
/// [`CpuCache`]s allocated once at boot and never freed.
struct Caches {
    cpus: AtomicPtr<CpuCache>,
    count: AtomicUsize,
}

static CACHES: Caches = Caches {
    cpus: AtomicPtr::new(core::ptr::null_mut()),
    count: AtomicUsize::new(0),
};

/// Allocates the caches at boot; without memory, saves go to the depot.
///
/// # Safety
///
/// Boot only, once (memblock).
pub unsafe fn init() {
    // SAFETY: boot only, as the caller guarantees.
    let count = unsafe { bindings::kasan_rs_nr_cpu_ids() } as usize;
    let Some(bytes) = count.checked_mul(core::mem::size_of::<CpuCache>()) else {
        return;
    };
    // SAFETY: boot only; memblock memory is zeroed: unlocked, every slot empty.
    let cpus = unsafe { super::memblock_alloc(bytes) }.cast::<CpuCache>();
    if cpus.is_null() {
        return;
    }
    CACHES.count.store(count, Ordering::Relaxed);
    // INVARIANT: `count` zeroed caches that are never freed.
    CACHES.cpus.store(cpus, Ordering::Release);
}

/// The CPU the current task runs on (`task_cpu(current)`). Only a hint where
/// to look: the task may move right after, which the lock allows for.
#[inline(always)]
fn current_cpu() -> usize {
    let current = super::current_task();
    // SAFETY: `current` points to the running task's task_struct; its
    // thread_info.cpu (checked 4 bytes in layout.c) is a u32 the scheduler
    // updates, read once.
    unsafe { core::ptr::read_volatile((current + TASK_STRUCT_CPU) as *const u32) as usize }
}

/// This CPU's cache, if the caches exist.
#[inline(always)]
fn this_cpu() -> Option<&'static CpuCache> {
    let cpus = CACHES.cpus.load(Ordering::Acquire);
    let cpu = current_cpu();
    if cpus.is_null() || cpu >= CACHES.count.load(Ordering::Relaxed) {
        return None;
    }
    // SAFETY: by the invariants, `cpus` points to `count` caches that live
    // forever, and `cpu` is below `count`; all their fields are atomics.
    Some(unsafe { &*cpus.add(cpu) })
}

/// A depot record the caller holds a reference to.
///
/// # Invariants
///
/// `entries` is the entries of a live `struct stack_record`.
#[derive(Clone, Copy)]
struct Record {
    entries: *const usize,
}

impl Record {
    /// The record's field at `offset` from its start, a 4-byte atomic.
    #[inline(always)]
    fn field(self, offset: usize) -> &'static AtomicI32 {
        // SAFETY: by the type invariants the record is live, and `offset` is one
        // of layout.c's offsets of its 4-byte fields (`count`, `size`), which are
        // read as atomics: `count` changes atomically, `size` never while live.
        unsafe {
            &*self
                .entries
                .cast::<u8>()
                .sub(STACK_RECORD_ENTRIES)
                .add(offset)
                .cast::<AtomicI32>()
        }
    }

    /// Whether the record holds exactly `entries`.
    #[inline(always)]
    fn holds(self, entries: &[usize]) -> bool {
        if self.field(STACK_RECORD_NR).load(Ordering::Relaxed) as usize != entries.len() {
            return false;
        }
        // SAFETY: a live record's `size` (just compared) entries start at
        // `entries` and do not change while it is live.
        let held = unsafe { core::slice::from_raw_parts(self.entries, entries.len()) };
        held == entries
    }

    /// Takes one more reference, as `refcount_inc_not_zero()` does; false
    /// (and nothing taken) if its count is not an ordinary one (a saturated
    /// record of a save without `STACK_DEPOT_FLAG_GET`), which the depot's own
    /// path then handles.
    #[inline(always)]
    fn get(self) -> bool {
        let count = self.field(STACK_RECORD_COUNT);
        let old = count.fetch_add(1, Ordering::Relaxed);
        if old > 0 && old < i32::MAX {
            return true;
        }
        count.fetch_sub(1, Ordering::Relaxed);
        false
    }
}

/// Saves `entries` (a stack whose [`StackHash`] is `hash`, already filtered
/// of what precedes an IRQ entry) into the depot, through the cache:
/// `stack_depot_save_flags(entries, gfp, depot_flags)`.
#[inline(always)]
pub fn save(entries: &mut [usize], hash: StackHash, gfp: Gfp, depot_flags: u32) -> DepotHandle {
    let Some(cache) = this_cpu().filter(|_| depot_flags == STACK_DEPOT_CAN_ALLOC_GET) else {
        return depot_save(entries, gfp, depot_flags);
    };
    let set = hash.slot(SETS);
    let digest = hash.digest();
    if let Some(locked) = cache.try_lock() {
        for slot in &locked.0.sets[set] {
            let handle = slot.handle.load(Ordering::Relaxed);
            if handle == 0 || slot.digest.load(Ordering::Relaxed) != digest {
                continue;
            }
            // INVARIANT: under the lock, a non-zero handle's slot holds a
            // reference to the live record whose entries these are.
            let record = Record {
                entries: slot.entries.load(Ordering::Relaxed),
            };
            if record.holds(entries) && record.get() {
                return handle;
            }
            break;
        }
    }
    let handle = depot_save(entries, gfp, depot_flags);
    if handle != 0 {
        keep(cache, set, handle, digest);
    }
    handle
}

/// `stack_depot_save_flags()`.
#[inline(always)]
fn depot_save(entries: &mut [usize], gfp: Gfp, depot_flags: u32) -> DepotHandle {
    // SAFETY: the depot reads (and may filter in place) exactly the
    // `entries.len()` entries of a writable slice.
    unsafe {
        bindings::stack_depot_save_flags(
            entries.as_mut_ptr(),
            entries.len() as u32,
            gfp,
            depot_flags,
        )
    }
}

/// Puts the record of `handle` (just saved with `STACK_DEPOT_FLAG_GET`, digest
/// `digest`) first in set `set` of `cache`, with a reference of the cache's
/// own, and gives up the reference of the stack that falls out of the set.
#[inline(never)]
fn keep(cache: &CpuCache, set: usize, handle: DepotHandle, digest: u32) {
    let mut entries: *mut usize = core::ptr::null_mut();
    // SAFETY: `handle` is a live record's (the caller holds the reference the
    // save took); the depot writes the entries' address into `entries`.
    if unsafe { bindings::stack_depot_fetch(handle, &mut entries) } == 0 || entries.is_null() {
        return;
    }
    // INVARIANT: the depot just fetched it, and the caller's reference keeps it
    // live for all of this function.
    let record = Record { entries };
    if !record.get() {
        return;
    }
    let out = match cache.try_lock() {
        Some(locked) => {
            let [first, second] = &locked.0.sets[set];
            let out = second.handle.load(Ordering::Relaxed);
            second
                .handle
                .store(first.handle.load(Ordering::Relaxed), Ordering::Relaxed);
            second
                .digest
                .store(first.digest.load(Ordering::Relaxed), Ordering::Relaxed);
            second
                .entries
                .store(first.entries.load(Ordering::Relaxed), Ordering::Relaxed);
            // INVARIANT: the slot's handle holds the reference taken above, to
            // the record whose entries start at `entries`.
            first.handle.store(handle, Ordering::Relaxed);
            first.digest.store(digest, Ordering::Relaxed);
            first.entries.store(entries, Ordering::Relaxed);
            out
        }
        // Busy: the reference taken for the cache is not needed.
        None => handle,
    };
    if out != 0 {
        // SAFETY: `out` held one reference (the slot's, replaced above, or the
        // one just taken), given up here once.
        unsafe { super::stack_depot_put(out) };
    }
}
