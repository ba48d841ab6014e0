// SPDX-License-Identifier: GPL-2.0

//! A small per-CPU cache of recently saved stacks in front of the stack
//! depot.
//!
//! KASAN saves the same few stacks over and over (code allocating and
//! freeing at the same call sites), and each depot save filters the stack for
//! IRQ entries again, hashes all of it with `jhash2` and compares it in its
//! bucket. The cache keeps, per CPU, a reference to the depot records of the
//! stacks saved last, found by the hash the walk builds as it writes the
//! entries ([`StackHash`]). A hit compares the entries with the record's and
//! takes a reference, as the depot's own lookup does with
//! `STACK_DEPOT_FLAG_GET`, and gives the handle the depot would give: the
//! depot never holds two live records with the same entries (it inserts under
//! its lock after a second lookup), and the cache's reference keeps the
//! record live.
//!
//! A slot is taken with a try-lock, so a save that finds it busy (another CPU
//! after a migration, an interrupt on this CPU) goes to the depot, as do
//! saves with other depot flags than KASAN's.

use super::bindings::{self, DepotHandle, Gfp};
use super::layout::{STACK_RECORD_COUNT, STACK_RECORD_ENTRIES, TASK_STRUCT_CPU};
use super::STACK_DEPOT_CAN_ALLOC_GET;
use crate::kasan_core::frame_walk::StackHash;
use core::arch::asm;
use core::sync::atomic::{AtomicI32, AtomicPtr, AtomicU32, AtomicUsize, Ordering};

/// Slots per CPU (a power of two).
const SLOTS: usize = 16;

/// One cached stack.
///
/// # Invariants
///
/// Under the slot's lock: a non-zero `handle` holds one reference to its depot
/// record, whose `nr` entries start at `entries` and whose `StackHash` digest
/// is `hash`. A zero `handle` is an empty slot.
#[repr(C)]
struct Slot {
    lock: AtomicU32,
    handle: AtomicU32,
    nr: AtomicU32,
    hash: AtomicU32,
    entries: AtomicPtr<usize>,
}

/// The slot's lock, held.
struct Held<'a>(&'a Slot);

impl Slot {
    /// Takes the slot's lock if it is free.
    #[inline(always)]
    fn try_lock(&self) -> Option<Held<'_>> {
        self.lock
            .compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| Held(self))
    }
}

impl Drop for Held<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.0.lock.store(0, Ordering::Release);
    }
}

/// The cache.
///
/// # Invariants
///
/// `slots` is NULL (no cache) or points to `cpus * SLOTS` zero-initialised
/// [`Slot`]s allocated once at boot and never freed.
struct Cache {
    slots: AtomicPtr<Slot>,
    cpus: AtomicUsize,
}

static CACHE: Cache = Cache {
    slots: AtomicPtr::new(core::ptr::null_mut()),
    cpus: AtomicUsize::new(0),
};

/// Allocates the cache at boot; without memory, saves go to the depot.
///
/// # Safety
///
/// Boot only, once (memblock).
pub unsafe fn init() {
    // SAFETY: boot only, as the caller guarantees.
    let cpus = unsafe { bindings::kasan_rs_nr_cpu_ids() } as usize;
    let Some(bytes) = cpus.checked_mul(SLOTS * core::mem::size_of::<Slot>()) else {
        return;
    };
    // SAFETY: boot only; memblock memory is zeroed, which is an empty slot.
    let slots = unsafe { super::memblock_alloc(bytes) }.cast::<Slot>();
    if slots.is_null() {
        return;
    }
    CACHE.cpus.store(cpus, Ordering::Relaxed);
    // INVARIANT: `cpus * SLOTS` zeroed slots that are never freed.
    CACHE.slots.store(slots, Ordering::Release);
}

/// The CPU the current task runs on (`task_cpu(current)`). Only a hint where
/// to look: the task may move right after, which the slot locks allow for.
#[inline(always)]
fn current_cpu() -> usize {
    let current: usize;
    // SAFETY: `current` on arm64 is `sp_el0`; reading it touches no memory.
    unsafe { asm!("mrs {}, sp_el0", out(reg) current, options(nomem, nostack, preserves_flags)) };
    // SAFETY: `current` points to the running task's task_struct; its
    // thread_info.cpu (checked 4 bytes in layout.c) is a u32 the scheduler
    // updates, read once.
    unsafe { core::ptr::read_volatile((current + TASK_STRUCT_CPU) as *const u32) as usize }
}

/// The slot `hash` belongs in on this CPU, if the cache exists.
#[inline(always)]
fn slot_for(hash: StackHash) -> Option<&'static Slot> {
    let slots = CACHE.slots.load(Ordering::Acquire);
    let cpu = current_cpu();
    if slots.is_null() || cpu >= CACHE.cpus.load(Ordering::Relaxed) {
        return None;
    }
    // SAFETY: by the cache invariants, `slots` points to `cpus * SLOTS` slots
    // that live forever, and the index is below that; all their fields are
    // atomics.
    Some(unsafe { &*slots.add(cpu * SLOTS + hash.slot(SLOTS)) })
}

/// Takes one more reference to the record whose entries start at `entries`,
/// as `refcount_inc_not_zero()` does; false (and nothing taken) if its count
/// is not an ordinary one (a saturated record of a save without
/// `STACK_DEPOT_FLAG_GET`), which the depot's own path then handles.
///
/// # Safety
///
/// `entries` is the entries of a live depot record.
#[inline(always)]
unsafe fn get(entries: *const usize) -> bool {
    // SAFETY: `entries` is inside a live `struct stack_record` (the caller's
    // contract); its `count` (a 4-byte refcount_t, layout.c) is at the
    // generated offset from the record's start, and is only ever changed
    // atomically.
    let count = unsafe {
        &*(entries
            .cast::<u8>()
            .sub(STACK_RECORD_ENTRIES)
            .add(STACK_RECORD_COUNT)
            .cast::<AtomicI32>())
    };
    let old = count.fetch_add(1, Ordering::Relaxed);
    if old > 0 && old < i32::MAX {
        return true;
    }
    count.fetch_sub(1, Ordering::Relaxed);
    false
}

/// Saves `entries` (a stack whose [`StackHash`] is `hash`, already filtered
/// of what precedes an IRQ entry) into the depot, through the cache:
/// `stack_depot_save_flags(entries, gfp, depot_flags)`.
#[inline(always)]
pub fn save(entries: &mut [usize], hash: StackHash, gfp: Gfp, depot_flags: u32) -> DepotHandle {
    let Some(slot) = slot_for(hash).filter(|_| depot_flags == STACK_DEPOT_CAN_ALLOC_GET) else {
        return depot_save(entries, gfp, depot_flags);
    };
    let digest = hash.digest();
    if let Some(held) = slot.try_lock() {
        let handle = held.0.handle.load(Ordering::Relaxed);
        if handle != 0
            && held.0.hash.load(Ordering::Relaxed) == digest
            && held.0.nr.load(Ordering::Relaxed) as usize == entries.len()
        {
            let cached = held.0.entries.load(Ordering::Relaxed);
            // SAFETY: under the slot's lock, a non-zero handle holds a
            // reference to its record, whose `nr` (checked equal to ours)
            // entries start at `cached` and do not change while it is live.
            let same =
                unsafe { core::slice::from_raw_parts(cached, entries.len()) } == &entries[..];
            // SAFETY: as above, the record is live.
            if same && unsafe { get(cached) } {
                return handle;
            }
        }
    }
    let handle = depot_save(entries, gfp, depot_flags);
    if handle != 0 {
        keep(slot, handle, digest, entries.len());
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

/// Puts the record of `handle` (just saved with `STACK_DEPOT_FLAG_GET`, `nr`
/// entries, digest `digest`) into `slot`, with a reference of the cache's own,
/// and gives up the reference of the stack it replaces.
#[inline(never)]
fn keep(slot: &Slot, handle: DepotHandle, digest: u32, nr: usize) {
    let mut entries: *mut usize = core::ptr::null_mut();
    // SAFETY: `handle` is a live record's (the caller holds the reference the
    // save took); the depot writes the entries' address into `entries`.
    let fetched = unsafe { bindings::stack_depot_fetch(handle, &mut entries) } as usize;
    // SAFETY: a record the depot just fetched is live while the caller's
    // reference is held, which it is for this whole function.
    if fetched != nr || entries.is_null() || !unsafe { get(entries) } {
        return;
    }
    let old = match slot.try_lock() {
        Some(held) => {
            let old = held.0.handle.swap(handle, Ordering::Relaxed);
            held.0.hash.store(digest, Ordering::Relaxed);
            held.0.nr.store(nr as u32, Ordering::Relaxed);
            // INVARIANT: the slot's handle holds the reference taken above,
            // to the record whose `nr` entries start at `entries`.
            held.0.entries.store(entries, Ordering::Relaxed);
            old
        }
        // Busy: the reference taken for the slot is not needed.
        None => handle,
    };
    if old != 0 {
        // SAFETY: `old` held one reference (the slot's, replaced above, or the
        // one just taken), given up here once.
        unsafe { super::stack_depot_put(old) };
    }
}
