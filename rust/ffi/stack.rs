// SPDX-License-Identifier: GPL-2.0

//! Saving the current stack, as `kasan_save_stack()` does with
//! `stack_trace_save()` and the stack depot, but walked here.
//!
//! The generic unwinder calls back once per frame, checks every record
//! against up to six stacks and looks for return trampolines on each; KASAN
//! saves a stack on every allocation and free, from the current task, which
//! runs on its own stack or this CPU's IRQ stack. The walk
//! ([`crate::kasan_core::frame_walk`], host-tested against the generic
//! unwinder's rules) reads frame records inline over those two stacks and
//! cuts at the IRQ entry text as the depot's `filter_irq_stacks()` would.
//! Where the stack leaves them, or a return address is a trampoline, the
//! generic unwinder saves the stack instead, so the saved entries are the
//! generic unwinder's in every case.

use super::bindings::{self, DepotHandle, Gfp};
use super::depot_cache;
use super::layout::{
    IRQ_STACK_BYTES, PT_REGS_SIZE, PT_REGS_STACKFRAME, TASK_STRUCT_STACK, TASK_THREAD_SIZE,
};
use crate::kasan_core::frame_walk::{
    self, Entries, Frames, IrqEntryText, Stack, StackHash, TextRange, Walked,
};
use core::arch::asm;
use core::mem::MaybeUninit;

/// The current task's stacks, as the walk reads them.
///
/// # Invariants
///
/// `task_low` is the current task's stack (`task_stack_page(current)`), and
/// the value lives only while the current task runs the walk that got it: the
/// stacks it reads (the task's, and this CPU's IRQ stack when not
/// preemptible) are live, mapped memory for all of that time.
struct CurrentStacks {
    task_low: usize,
}

impl CurrentStacks {
    /// The current task's stacks.
    #[inline(always)]
    fn get() -> Self {
        let current = super::current_task();
        // SAFETY: `current` always points to the running task's task_struct,
        // whose `stack` (checked pointer-sized in layout.c) is set before the
        // task first runs and never changes while it does.
        let task_low = unsafe { core::ptr::read((current + TASK_STRUCT_STACK) as *const usize) };
        // INVARIANT: the running task's stack, read while it runs.
        CurrentStacks { task_low }
    }
}

impl Frames for CurrentStacks {
    #[inline(always)]
    fn task_stack(&self) -> (Stack, usize) {
        let high = self.task_low + TASK_THREAD_SIZE;
        // `&task_pt_regs(current)->stackframe`: the pt_regs at the stack's top.
        (
            Stack {
                low: self.task_low,
                high,
            },
            high - PT_REGS_SIZE + PT_REGS_STACKFRAME,
        )
    }

    #[inline(always)]
    fn irq_stack(&self) -> Stack {
        // SAFETY: reads this CPU's IRQ stack pointer; no precondition.
        match unsafe { bindings::kasan_rs_irq_stack_low() } {
            0 => Stack::NONE,
            low => Stack {
                low,
                high: low + IRQ_STACK_BYTES,
            },
        }
    }

    #[inline(always)]
    fn record(&self, fp: usize) -> (usize, usize) {
        // This type is private to this module, which lends it only to
        // `frame_walk::walk`; that calls `record` only for an 8-byte aligned
        // `fp` whose 16 bytes lie on the stacks `task_stack` and `irq_stack`
        // gave (`frame_walk::walk`'s tests). The frames of our callers do not
        // change while we run, so one plain load pair reads the record.
        // SAFETY: by the type invariants those stacks are live memory while
        // the walk runs, and `fp` is aligned for a `[usize; 2]`.
        let [caller_fp, lr] = unsafe { core::ptr::read(fp as *const [usize; 2]) };
        (caller_fp, lr)
    }

    #[inline(always)]
    fn strip_pac(&self, lr: usize) -> usize {
        strip_pac(lr)
    }

    #[inline(always)]
    fn is_trampoline(&self, pc: usize) -> bool {
        #[cfg(CONFIG_FUNCTION_GRAPH_TRACER)]
        if pc == bindings::return_to_handler as usize {
            return true;
        }
        #[cfg(CONFIG_KRETPROBES)]
        if pc == bindings::__kretprobe_trampoline as usize {
            return true;
        }
        let _ = pc;
        false
    }

    #[inline(always)]
    fn irq_entry_text(&self) -> IrqEntryText {
        use core::ptr::addr_of;
        IrqEntryText::new(
            TextRange {
                start: addr_of!(bindings::__irqentry_text_start) as usize,
                end: addr_of!(bindings::__irqentry_text_end) as usize,
            },
            TextRange {
                start: addr_of!(bindings::__softirqentry_text_start) as usize,
                end: addr_of!(bindings::__softirqentry_text_end) as usize,
            },
        )
    }
}

/// `ptrauth_strip_kernel_insn_pac()`: `XPACLRI`, a hint (a no-op on CPUs
/// without pointer authentication), on the link register.
#[cfg(CONFIG_ARM64_PTR_AUTH_KERNEL)]
#[inline(always)]
fn strip_pac(mut lr: usize) -> usize {
    // SAFETY: `hint #7` only rewrites x30, which is declared.
    unsafe { asm!("hint #7", inout("x30") lr, options(nomem, nostack, preserves_flags)) };
    lr
}

/// Return addresses carry no code without kernel pointer authentication.
#[cfg(not(CONFIG_ARM64_PTR_AUTH_KERNEL))]
#[inline(always)]
fn strip_pac(lr: usize) -> usize {
    lr
}

/// The frame pointer of the function this is inlined into, and an address in
/// it: where its walk starts. That function has a frame record (it calls, and
/// the crate keeps frame records in every non-leaf function).
#[inline(always)]
fn here() -> (usize, usize) {
    let fp: usize;
    let pc: usize;
    // SAFETY: reads x29 and computes a PC-relative address; no memory touched.
    unsafe {
        asm!("mov {fp}, x29", "adr {pc}, .", fp = out(reg) fp, pc = out(reg) pc,
             options(nomem, nostack, preserves_flags));
    }
    (fp, pc)
}

/// Where a capture writes: the walk's entries, or what the generic unwinder
/// is given.
trait Store: Entries {
    /// The store as the generic unwinder takes it: a pointer and a length.
    fn raw(&mut self) -> (*mut usize, u32);
    /// The generic unwinder wrote the first `n` entries.
    fn generic_wrote(&mut self, _n: usize) {}
}

impl Store for [MaybeUninit<usize>] {
    #[inline(always)]
    fn raw(&mut self) -> (*mut usize, u32) {
        (self.as_mut_ptr().cast(), self.len() as u32)
    }
}

/// The entries of a stack being saved and their [`StackHash`].
struct HashedEntries<'a> {
    entries: &'a mut [MaybeUninit<usize>],
    hash: StackHash,
}

impl Entries for HashedEntries<'_> {
    #[inline(always)]
    fn capacity(&self) -> usize {
        self.entries.len()
    }
    #[inline(always)]
    fn set(&mut self, i: usize, pc: usize) {
        self.entries.set(i, pc);
        self.hash = self.hash.with(pc);
    }
}

impl Store for HashedEntries<'_> {
    #[inline(always)]
    fn raw(&mut self) -> (*mut usize, u32) {
        self.entries.raw()
    }
    fn generic_wrote(&mut self, n: usize) {
        // SAFETY: the generic unwinder wrote the first `n` entries.
        self.hash =
            StackHash::of(unsafe { core::slice::from_raw_parts(self.entries.as_ptr().cast(), n) });
    }
}

/// The current stack into `store`, an address in the calling function first,
/// then its callers' return addresses: what `stack_trace_save(store, len, 0)`
/// then `filter_irq_stacks()` would give if called there. Also returns
/// whether the generic unwinder saved it. Inlined into its caller, whose
/// stack it saves.
#[inline(always)]
fn capture<S: Store + ?Sized>(store: &mut S) -> (usize, bool) {
    let (fp, first) = here();
    match frame_walk::walk(&CurrentStacks::get(), fp, first, store) {
        Walked::Saved(n) => (n, false),
        Walked::Unknown => {
            let (raw, len) = store.raw();
            // Inlined, this call's return address is in the caller, as the
            // walk's first entry is.
            // SAFETY: `raw` has room for `len` entries, the unwinder's limit; it
            // returns how many it wrote, and the filter reads only those.
            let n = unsafe {
                bindings::filter_irq_stacks(raw, bindings::stack_trace_save(raw, len, 0))
            } as usize;
            store.generic_wrote(n);
            (n, true)
        }
    }
}

/// Captures the current stack (at most `DEPTH` frames) into the stack depot,
/// as `kasan_save_stack()` does: the entries `stack_trace_save()` gives, then
/// `stack_depot_save_flags()`, through the [`depot_cache`]. 0 if the depot
/// could not store it. The first entry is in the function this is inlined
/// into.
#[inline(always)]
pub fn save_current<const DEPTH: usize>(gfp: Gfp, depot_flags: u32) -> DepotHandle {
    // Not zeroed: this runs on every allocation and free, and only the entries
    // written are read (as in C).
    let mut entries = [MaybeUninit::<usize>::uninit(); DEPTH];
    let mut store = HashedEntries {
        entries: &mut entries,
        hash: StackHash::EMPTY,
    };
    let (nr, _) = capture(&mut store);
    let hash = store.hash;
    // SAFETY: the capture wrote the first `nr` entries (at most `DEPTH`).
    let saved =
        unsafe { core::slice::from_raw_parts_mut(entries.as_mut_ptr().cast::<usize>(), nr) };
    depot_cache::save(saved, hash, gfp, depot_flags)
}

/// Most entries [`trace_of_caller`] saves.
pub const TRACE_MAX: usize = 64;

/// The stack of the function this is inlined into's caller, into `store` (at
/// most [`TRACE_MAX`] entries): what `stack_trace_save(store, len, 0)` then
/// `filter_irq_stacks()` give there, saved by the walk
/// [`save_current`] uses. Returns how many entries, and whether the generic
/// unwinder saved them. For testing/stack-capture.
#[inline(always)]
pub fn trace_of_caller(store: &mut [usize]) -> (usize, bool) {
    let mut entries = [MaybeUninit::<usize>::uninit(); TRACE_MAX + 1];
    let room = store.len().min(TRACE_MAX) + 1;
    let (n, generic) = capture(&mut entries[..room]);
    // Entry 0 is in the inlining function; its caller's trace starts after.
    for (out, e) in store.iter_mut().zip(&entries[1..n.max(1)]) {
        // SAFETY: the capture wrote the first `n` entries.
        *out = unsafe { e.assume_init() };
    }
    (n.saturating_sub(1), generic)
}
