// SPDX-License-Identifier: GPL-2.0

//! The stack ring: the last `kasan.stack_ring_size` allocation and free events
//! of slab objects, which a report searches for the object's alloc and free
//! stacks and to tell use-after-free from out-of-bounds.
//!
//! Writers run in any context, concurrently: they share the ring's rwlock
//! (C, glue.c) and claim a slot with a compare-and-swap on its pointer; a
//! report takes the lock exclusively to read a frozen ring. The depot stack
//! is captured before the lock is taken, since the depot may allocate pages,
//! whose hooks must not run under a lock the report path takes. The index
//! arithmetic and the search are in the host-tested core.

use crate::ffi::locks::{RingExclusive, RingShared};
use crate::ffi::mm::Object;
use crate::ffi::static_keys::Key;
use crate::ffi::{self, DepotHandle, Gfp, KmemCache, STACK_DEPOT_CAN_ALLOC_GET};
use crate::kasan_core::report::BugType;
use crate::kasan_core::stack_ring::{self as logic, Entry, ExtraInfo, Findings, Track, BUSY};
use crate::kasan_core::tag_policy::RECENT_FREES;
use crate::params;
use core::ffi::c_void;
use core::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, AtomicUsize, Ordering};

/// Frames kept per stack (`KASAN_STACK_DEPTH`).
const STACK_DEPTH: usize = 64;

/// Whether alloc and free stacks are collected (`kasan.stacktrace`).
#[inline(always)]
pub fn collection_enabled() -> bool {
    Key::Stacktrace.is_on()
}

/// Captures the current stack into the stack depot (declared in
/// mm/kasan/kasan.h; a frame of every saved stack, as in C).
#[no_mangle]
#[inline(never)]
pub extern "C" fn kasan_save_stack(flags: Gfp, depot_flags: u32) -> DepotHandle {
    ffi::stack::save_current::<STACK_DEPTH>(flags, depot_flags)
}

/// The caller's stack, by the walk [`kasan_save_stack`] uses: what
/// `filter_irq_stacks(store, stack_trace_save(store, size, 0))` gives there,
/// at most 64 entries. `*generic` tells whether the generic unwinder saved it
/// (where the walk does not know the way). Exported for testing/stack-capture,
/// which compares the two.
///
/// # Safety
///
/// `store` points to `size` writable entries; `generic` to a writable bool.
#[no_mangle]
#[inline(never)]
pub unsafe extern "C" fn kasan_rs_stack_trace_save(
    store: *mut usize,
    size: u32,
    generic: *mut bool,
) -> u32 {
    // SAFETY: the caller's contract.
    let store = unsafe { core::slice::from_raw_parts_mut(store, size as usize) };
    let (n, by_generic) = ffi::stack::trace_of_caller(store);
    // SAFETY: the caller's contract.
    unsafe { generic.write(by_generic) };
    n as u32
}

/// One ring slot. All fields are atomics so that readers and writers never
/// need `unsafe` to touch them; the protocol (CAS on `ptr`, the rwlock) is what
/// makes a slot's fields consistent.
///
/// 24 bytes where C's `struct kasan_stack_ring_entry` takes 32 (its `size` is
/// a `size_t`): the size is a cache's `object_size`, an `unsigned int`. With
/// the default 32768 slots the ring takes 256 KiB less boot memory than C's,
/// more than the depot cache's per-CPU kilobyte.
#[repr(C)]
struct Slot {
    ptr: AtomicUsize,
    /// [`ExtraInfo::bits`] of the event (`CONFIG_KASAN_EXTRA_INFO`).
    #[cfg(CONFIG_KASAN_EXTRA_INFO)]
    extra: AtomicU64,
    size: AtomicU32,
    pid: AtomicU32,
    stack: AtomicU32,
    is_free: AtomicBool,
}

#[cfg(not(CONFIG_KASAN_EXTRA_INFO))]
const _: () = assert!(core::mem::size_of::<Slot>() == 24);

impl Slot {
    /// The event's CPU and time.
    #[inline(always)]
    fn extra(&self) -> ExtraInfo {
        #[cfg(CONFIG_KASAN_EXTRA_INFO)]
        {
            ExtraInfo::from_bits(self.extra.load(Ordering::Relaxed))
        }
        #[cfg(not(CONFIG_KASAN_EXTRA_INFO))]
        {
            ExtraInfo::default()
        }
    }
}

/// The CPU and time of an event happening now (`kasan_set_track()`).
#[cfg(CONFIG_KASAN_EXTRA_INFO)]
#[inline(always)]
fn extra_now() -> ExtraInfo {
    let (cpu, clock) = ffi::cpu_and_clock();
    ExtraInfo::new(cpu, clock)
}

/// The ring.
///
/// # Invariants
///
/// `slots` is NULL (stack collection off or not yet initialised) or points to
/// `size > 0` zero-initialised [`Slot`]s allocated once at boot and never freed.
struct Ring {
    slots: AtomicPtr<Slot>,
    size: AtomicUsize,
    pos: AtomicU64,
}

static RING: Ring = Ring {
    slots: AtomicPtr::new(core::ptr::null_mut()),
    size: AtomicUsize::new(0),
    pos: AtomicU64::new(0),
};

impl Ring {
    /// The slots, or `None` if the ring does not exist.
    #[inline(always)]
    fn slots(&self) -> Option<&'static [Slot]> {
        let p = self.slots.load(Ordering::Acquire);
        if p.is_null() {
            return None;
        }
        // SAFETY: by the type invariants, a non-NULL `slots` points to `size`
        // initialised slots that live forever; all their fields are atomics.
        Some(unsafe { core::slice::from_raw_parts(p, self.size.load(Ordering::Relaxed)) })
    }
}

/// Boot-time setup from `kasan_init_hw_tags()`: applies `kasan.stacktrace` and
/// allocates the ring (`kasan.stack_ring_size` entries, default 32768) from
/// memblock. On failure, warns and turns stack collection off.
#[no_mangle]
#[link_section = ".init.text"]
pub extern "C" fn kasan_init_tags() {
    let p = params::get();
    if let Some(v) = p.stacktrace_arg() {
        Key::Stacktrace.set(v.is_on());
    }
    if !collection_enabled() {
        return;
    }
    let entries = p.stack_ring_entries();
    let slots = match p.stack_ring_bytes(core::mem::size_of::<Slot>()) {
        // SAFETY: boot time (this function is `.init.text`). Memblock memory is
        // zeroed, which is a valid (empty) state for every slot.
        Some(bytes) => unsafe { ffi::memblock_alloc(bytes) }.cast::<Slot>(),
        None => core::ptr::null_mut(),
    };
    if slots.is_null() {
        ffi::warn(c"cannot allocate the stack ring: alloc/free stacks disabled");
        Key::Stacktrace.set(false);
        return;
    }
    RING.size.store(entries, Ordering::Relaxed);
    RING.slots.store(slots, Ordering::Release);
    // SAFETY: boot time, once (this function is `.init.text`, called once by
    // kasan_init_hw_tags()).
    unsafe { ffi::depot_cache::init() };
}

/// Records one event of `object` (tagged). Named like its C counterpart so
/// that saved stacks read the same.
#[export_name = "save_stack_info"]
#[inline(never)]
fn save_stack_info(object: Object<'_>, gfp: Gfp, is_free: bool) {
    let stack = kasan_save_stack(gfp, STACK_DEPOT_CAN_ALLOC_GET);
    let Some(slots) = RING.slots() else {
        return;
    };
    let object_size = object.cache().info().object_size;
    let ring_lock = RingShared::lock();
    let slot = loop {
        let pos = RING.pos.fetch_add(1, Ordering::Relaxed);
        let Some(slot) = slots.get(logic::slot(pos, slots.len())) else {
            break None;
        };
        let old = slot.ptr.load(Ordering::Relaxed);
        if old == BUSY {
            continue;
        }
        if slot
            .ptr
            .compare_exchange(old, BUSY, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
        {
            break Some(slot);
        }
    };
    let mut old_stack = 0;
    if let Some(slot) = slot {
        old_stack = slot.stack.load(Ordering::Relaxed);
        // Lossless: the cache's object_size is a u32 (CacheInfo widens it).
        slot.size.store(object_size as u32, Ordering::Relaxed);
        slot.pid.store(ffi::current_pid(), Ordering::Relaxed);
        slot.stack.store(stack, Ordering::Relaxed);
        #[cfg(CONFIG_KASAN_EXTRA_INFO)]
        slot.extra.store(extra_now().bits(), Ordering::Relaxed);
        slot.is_free.store(is_free, Ordering::Relaxed);
        slot.ptr.store(object.addr(), Ordering::Release);
    }
    // Released before the depot: putting a stack may free depot memory.
    drop(ring_lock);
    if old_stack != 0 {
        // SAFETY: the overwritten slot held the reference `kasan_save_stack()`
        // took for it (STACK_DEPOT_FLAG_GET); the slot now holds another stack,
        // so that reference is given up here, once.
        unsafe { ffi::stack_depot_put(old_stack) };
    }
}

/// Records the allocation of `object` (tagged) of `cache`.
///
/// # Safety
///
/// `cache` is live and `object` one of its objects, being allocated.
#[no_mangle]
#[inline(never)]
pub unsafe extern "C" fn kasan_save_alloc_info(
    cache: *mut KmemCache,
    object: *mut c_void,
    flags: Gfp,
) {
    // SAFETY: the caller's contract is `Object`'s.
    save_stack_info(unsafe { Object::from_raw(cache, object) }, flags, false);
    crate::keep_frame();
}

/// Records the free of `object` (tagged) of `cache`.
///
/// # Safety
///
/// `cache` is live and `object` one of its objects, being freed.
#[no_mangle]
#[inline(never)]
pub unsafe extern "C" fn kasan_save_free_info(cache: *mut KmemCache, object: *mut c_void) {
    // SAFETY: the caller's contract is `Object`'s.
    save_stack_info(unsafe { Object::from_raw(cache, object) }, 0, true);
    crate::keep_frame();
}

/// Records the allocation of `object` in the ring (through the C-named frame
/// `kasan_save_alloc_info`, as C's stacks have it).
#[inline(always)]
pub fn save_alloc_info(object: Object<'_>, flags: Gfp) {
    // SAFETY: an `Object` is a live object of its live cache (type invariants).
    unsafe { kasan_save_alloc_info(object.cache().as_ptr(), object.addr() as *mut c_void, flags) };
}

/// Records the free of `object` in the ring (through `kasan_save_free_info`).
#[inline(always)]
pub fn save_free_info(object: Object<'_>) {
    // SAFETY: as above.
    unsafe { kasan_save_free_info(object.cache().as_ptr(), object.addr() as *mut c_void) };
}

/// Searches the frozen ring for the last allocation and free of `object`
/// (untagged) of a cache with `object_size`, accessed with `access_tag`.
pub fn find(
    object: usize,
    access_tag: u8,
    object_size: usize,
    preset: Option<BugType>,
) -> Findings {
    let Some(slots) = RING.slots() else {
        return Findings {
            bug_type: preset,
            ..Findings::default()
        };
    };
    // Exclusive: no writer runs while the report reads.
    let _ring_lock = RingExclusive::lock();
    let pos = RING.pos.load(Ordering::Relaxed);
    // Most slots hold other objects: a plain loop over their pointers finds
    // the next slot of `object` (the search checks it again, with the tag,
    // size and kind); only then are the slot's other fields read.
    let mut slots_newest_first = logic::newest_first_in(slots, pos);
    let entries = core::iter::from_fn(|| {
        let s = slots_newest_first.find(|s| {
            crate::kasan_core::tags::reset_tag(s.ptr.load(Ordering::Relaxed)) == object
        })?;
        Some(Entry {
            ptr: s.ptr.load(Ordering::Relaxed),
            size: s.size.load(Ordering::Relaxed) as usize,
            is_free: s.is_free.load(Ordering::Relaxed),
            track: Track {
                pid: s.pid.load(Ordering::Relaxed),
                stack: s.stack.load(Ordering::Relaxed),
                extra: s.extra(),
            },
        })
    });
    logic::search(entries, object, access_tag, object_size, preset)
}

/// The tag `object` (untagged) had in its previous life, if that life ended
/// within the newest [`RECENT_FREES`] events (`kasan.tag_policy=distinct`).
///
/// Reads the slots without the ring's lock: a slot being rewritten meanwhile
/// may give a wrong answer, which only makes this allocation's tag as random
/// as upstream's; every field is an atomic, so nothing worse can happen.
pub fn previous_life_tag(object: usize) -> Option<u8> {
    let slots = RING.slots()?;
    let pos = RING.pos.load(Ordering::Relaxed);
    let recent = logic::newest_first_in(slots, pos)
        .take(RECENT_FREES)
        .map(|s| Entry {
            ptr: s.ptr.load(Ordering::Acquire),
            size: 0,
            is_free: s.is_free.load(Ordering::Relaxed),
            track: Track::default(),
        });
    crate::kasan_core::tag_policy::previous_life_tag(recent, object)
}
