//! The rules of arm64's frame-record unwinder (`arch/arm64/kernel/stacktrace.c`
//! and `asm/stacktrace/common.h` of 6.12) for the one walk KASAN makes: the
//! current task, from the function that saves the stack, with no registers.
//!
//! The kernel side reads the records; this module decides which records may
//! be read, when the walk ends and which entries it keeps, so that the saved
//! stack is the one `stack_trace_save()` followed by `filter_irq_stacks()`
//! gives:
//!
//! * a record is read only if it is 8-byte aligned and lies wholly on a stack
//!   the walk knows, above the previous record on the same stack; leaving a
//!   stack is one-way (`unwind_consume_stack()`);
//! * the walk ends at the task's final record (the one in its `pt_regs`);
//! * it keeps at most the store's length, and stops after the first entry in
//!   the IRQ entry text, where `filter_irq_stacks()` would cut.
//!
//! The generic unwinder knows more stacks than the two this walk is given
//! (overflow, SDEI, EFI) and return trampolines (ftrace graph, kretprobes).
//! A record on a stack this walk does not know, or a trampoline address, is
//! [`Next::Unknown`]: the caller then takes the generic unwinder's answer
//! for the whole stack.

/// A stack the walk may read records from: `[low, high)`; `low == 0` is no
/// stack (`stackinfo_get_unknown()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stack {
    /// Lowest address.
    pub low: usize,
    /// One past the highest address.
    pub high: usize,
}

/// Size of an arm64 frame record: the caller's frame pointer, then the
/// return address.
pub const RECORD_SIZE: usize = 16;

impl Stack {
    /// No stack.
    pub const NONE: Stack = Stack { low: 0, high: 0 };

    /// `stackinfo_on_stack(self, fp, RECORD_SIZE)`.
    #[inline(always)]
    pub fn holds_record(&self, fp: usize) -> bool {
        if self.low == 0 || fp < self.low {
            return false;
        }
        match fp.checked_add(RECORD_SIZE) {
            Some(end) => end <= self.high,
            None => false,
        }
    }
}

/// What to do with the frame record at a frame pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Read it: it is aligned and lies wholly on one of the walk's stacks,
    /// which from now on starts above it.
    Read,
    /// The generic unwinder stops here: the final record, or a misaligned
    /// frame pointer.
    Stop,
    /// On no stack this walk knows: another stack may hold it (see
    /// [`FrameWalk::add_stack`]), or only the generic unwinder can say.
    Unknown,
}

/// Stacks a walk knows besides the task's: the IRQ stack, once added.
const EXTRA_STACKS: usize = 1;

/// The state of one walk of the current task's frame records.
#[derive(Clone, Debug)]
pub struct FrameWalk {
    /// The stack the last record was on, starting above that record.
    current: Stack,
    /// Below this (and from `current.low` up), an aligned record is on
    /// `current` and is not the final record: the one-comparison-each test
    /// of nearly every record of a walk. `0` while no stack is current.
    fast_end: usize,
    /// Stacks not entered yet; an entered one becomes [`Stack::NONE`].
    task: Stack,
    extra: [Stack; EXTRA_STACKS],
    extra_added: usize,
    /// Where the final record is (`&task_pt_regs(current)->stackframe`).
    final_fp: usize,
}

impl FrameWalk {
    /// A walk of the current task, whose stack is `task` and whose final
    /// record is at `final_fp`.
    pub fn new(task: Stack, final_fp: usize) -> Self {
        FrameWalk {
            current: Stack::NONE,
            fast_end: 0,
            task,
            extra: [Stack::NONE; EXTRA_STACKS],
            extra_added: 0,
            final_fp,
        }
    }

    /// Lets the walk read records from `stack` too (the IRQ stack, when the
    /// walk runs where the generic unwinder would know it). Returns false,
    /// and adds nothing, once as many stacks as the walk holds were added.
    pub fn add_stack(&mut self, stack: Stack) -> bool {
        if self.extra_added == EXTRA_STACKS {
            return false;
        }
        self.extra[self.extra_added] = stack;
        self.extra_added += 1;
        true
    }

    /// Whether every stack the walk can hold was added.
    pub fn stacks_complete(&self) -> bool {
        self.extra_added == EXTRA_STACKS
    }

    /// Where the fast test of records on `stack` ends: records start at most
    /// RECORD_SIZE below the stack's end, and on the task's stack below its
    /// final record.
    #[inline(always)]
    fn fast_end_of(&self, stack: Stack) -> usize {
        let end = stack.high.saturating_sub(RECORD_SIZE - 1);
        if stack.low <= self.final_fp && self.final_fp < end {
            self.final_fp
        } else {
            end
        }
    }

    /// Takes the task's stack as the current one before the first record is
    /// read (where nearly every walk starts), returning the fast test's
    /// bounds; [`FrameWalk::unassume_task`] undoes it.
    #[inline(always)]
    fn assume_task(&mut self) -> (usize, usize) {
        self.current = self.task;
        self.task = Stack::NONE;
        self.fast_end = self.fast_end_of(self.current);
        (self.current.low, self.fast_end)
    }

    /// The first record is not one the fast test takes on the task's stack:
    /// no stack entered yet, as the generic unwinder starts.
    #[inline(always)]
    fn unassume_task(&mut self) {
        self.task = self.current;
        self.current = Stack::NONE;
        self.fast_end = 0;
    }

    /// The decision for the frame record at `fp` (`kunwind_next()` up to the
    /// read) where [`walk`]'s fast test did not take it: the first record, a
    /// change of stack, the end of the walk. On [`Next::Read`], the record is
    /// consumed: the stack it is on now starts above it.
    #[cold]
    #[inline(never)]
    fn next_record_slow(&mut self, fp: usize) -> Next {
        if fp == self.final_fp || fp & 7 != 0 {
            return Next::Stop;
        }
        if !self.current.holds_record(fp) {
            let next = if self.task.holds_record(fp) {
                &mut self.task
            } else if let Some(s) = self.extra.iter_mut().find(|s| s.holds_record(fp)) {
                s
            } else {
                // A stack not added yet, one of the generic unwinder's other
                // stacks, a stack already left (the generic unwinder stops
                // there) or none: only a caller knowing more can tell.
                return Next::Unknown;
            };
            self.current = *next;
            *next = Stack::NONE;
            self.fast_end = self.fast_end_of(self.current);
        }
        self.current.low = fp + RECORD_SIZE;
        Next::Read
    }
}

/// An address range of kernel text, `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextRange {
    /// First address.
    pub start: usize,
    /// One past the last address.
    pub end: usize,
}

impl TextRange {
    /// Whether `pc` is in the range.
    #[inline(always)]
    pub fn contains(&self, pc: usize) -> bool {
        pc.wrapping_sub(self.start) < self.end.wrapping_sub(self.start)
    }
}

/// The IRQ entry text: `__irqentry_text` and `__softirqentry_text`
/// (`in_irqentry_text()`).
#[derive(Clone, Copy, Debug)]
pub struct IrqEntryText {
    irq: TextRange,
    softirq: TextRange,
    /// The smallest range holding both: one comparison rules out nearly every
    /// return address (on arm64 the two sections are adjacent).
    hull: TextRange,
}

impl IrqEntryText {
    /// The text of `[__irqentry_text_start, __irqentry_text_end)` and
    /// `[__softirqentry_text_start, __softirqentry_text_end)`.
    #[inline(always)]
    pub fn new(irq: TextRange, softirq: TextRange) -> Self {
        // Branch-free, as it is computed on every walk: an empty section only
        // widens the hull, and the exact test decides.
        let hull = TextRange {
            start: irq.start.min(softirq.start),
            end: irq.end.max(softirq.end),
        };
        IrqEntryText { irq, softirq, hull }
    }

    /// Whether a saved stack ends at `pc`: `filter_irq_stacks()` keeps the
    /// first IRQ entry function and drops everything before it.
    #[inline(always)]
    pub fn ends_stack(&self, pc: usize) -> bool {
        self.hull.contains(pc) && (self.irq.contains(pc) || self.softirq.contains(pc))
    }
}

/// What a walk reads and what it needs to know of the kernel it runs in.
///
/// The walk calls [`Frames::record`] only for a frame pointer that
/// [`walk`] admitted (its fast test, or `FrameWalk::next_record_slow`), on a walk built from
/// [`Frames::task_stack`] and [`Frames::irq_stack`]: an implementation may
/// rely on that to read memory.
pub trait Frames {
    /// The current task's stack, and where its final record is
    /// (`&task_pt_regs(current)->stackframe`).
    fn task_stack(&self) -> (Stack, usize);
    /// This CPU's IRQ stack if the generic unwinder knows it here (it does
    /// when not preemptible), else [`Stack::NONE`]. Asked only when a record
    /// is on no stack the walk knows yet.
    fn irq_stack(&self) -> Stack;
    /// The frame record at `fp`: the caller's frame pointer and the return
    /// address as stored.
    fn record(&self, fp: usize) -> (usize, usize);
    /// The return address without its pointer-authentication code
    /// (`ptrauth_strip_kernel_insn_pac()`).
    fn strip_pac(&self, lr: usize) -> usize;
    /// Whether `pc` is a return trampoline (`return_to_handler`,
    /// `__kretprobe_trampoline`) whose real return address only the generic
    /// unwinder recovers.
    fn is_trampoline(&self, pc: usize) -> bool;
    /// The IRQ entry text.
    fn irq_entry_text(&self) -> IrqEntryText;
}

/// Where a walk writes its entries.
pub trait Entries {
    /// How many entries fit.
    fn capacity(&self) -> usize;
    /// Writes entry `i` (`i < capacity()`).
    fn set(&mut self, i: usize, pc: usize);
}

/// The kernel's store: not zeroed first, since only the entries written are
/// read (as with `stack_trace_save()`).
impl Entries for [core::mem::MaybeUninit<usize>] {
    #[inline(always)]
    fn capacity(&self) -> usize {
        self.len()
    }
    #[inline(always)]
    fn set(&mut self, i: usize, pc: usize) {
        if let Some(e) = self.get_mut(i) {
            e.write(pc);
        }
    }
}

/// A hash of a saved stack, built entry by entry as the walk writes them:
/// what finds the stack in a small cache of recent stacks before the depot
/// is asked (the depot hashes the whole stack again with `jhash2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackHash(u64);

impl StackHash {
    /// The hash of no entries.
    pub const EMPTY: StackHash = StackHash(0);

    /// The hash with `pc` as the next entry: one instruction per entry on
    /// arm64 (`eor` with a rotated operand); [`StackHash::mixed`] spreads it.
    #[inline(always)]
    pub fn with(self, pc: usize) -> StackHash {
        StackHash(self.0.rotate_left(5) ^ pc as u64)
    }

    /// The hash of `entries`.
    pub fn of(entries: &[usize]) -> StackHash {
        entries.iter().fold(StackHash::EMPTY, |h, &pc| h.with(pc))
    }

    /// Every bit of the hash moved into the high bits, which the digest and
    /// the set come from.
    #[inline(always)]
    fn mixed(self) -> u64 {
        (self.0 ^ (self.0 >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9)
    }

    /// A 32-bit digest.
    #[inline(always)]
    pub fn digest(self) -> u32 {
        (self.mixed() >> 32) as u32
    }

    /// Which of `sets` (a power of two) sets holds the stack.
    #[inline(always)]
    pub fn slot(self, sets: usize) -> usize {
        (self.mixed() >> 24) as usize & (sets - 1)
    }
}

/// What a walk saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Walked {
    /// This many entries, exactly those `stack_trace_save()` then
    /// `filter_irq_stacks()` give.
    Saved(usize),
    /// The stack passes where only the generic unwinder knows the way (see
    /// the module's documentation): nothing meaningful was saved.
    Unknown,
}

/// Saves the current stack into `store`: `first` (an address in the function
/// the walk runs in), then the return address of each frame record from the
/// one at `fp` (that function's own) on. The function runs on a stack the
/// generic unwinder knows, as all kernel code does.
#[inline(always)]
pub fn walk<F: Frames, E: Entries + ?Sized>(
    frames: &F,
    fp: usize,
    first: usize,
    store: &mut E,
) -> Walked {
    let size = store.capacity();
    if size == 0 {
        return Walked::Saved(0);
    }
    store.set(0, first);
    let (task, final_fp) = frames.task_stack();
    let mut walk = FrameWalk::new(task, final_fp);
    let text = frames.irq_entry_text();
    let mut fp = fp;
    let mut n = 1;
    // The fast test on locals, so that they stay in registers: a record above
    // the last one on the same stack, wholly on it, below the final record,
    // aligned. Everything else is the slow path, a call.
    let (mut low, mut fast_end) = walk.assume_task();
    let mut assumed = true;
    while n < size {
        if fp >= low && fp < fast_end && fp & 7 == 0 {
            low = fp + RECORD_SIZE;
        } else {
            if assumed && n == 1 {
                walk.unassume_task();
                assumed = false;
                (low, fast_end) = (0, 0);
            }
            walk.current.low = low;
            if fp == walk.final_fp {
                break;
            }
            match walk.next_record_slow(fp) {
                Next::Read => {}
                Next::Stop => break,
                Next::Unknown => {
                    if walk.stacks_complete() {
                        return Walked::Unknown;
                    }
                    walk.add_stack(frames.irq_stack());
                    continue;
                }
            }
            (low, fast_end) = (walk.current.low, walk.fast_end);
        }
        let (caller_fp, lr) = frames.record(fp);
        let pc = frames.strip_pac(lr);
        if frames.is_trampoline(pc) {
            return Walked::Unknown;
        }
        store.set(n, pc);
        n += 1;
        if text.ends_stack(pc) {
            break;
        }
        fp = caller_fp;
    }
    Walked::Saved(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::vec::Vec;

    const TASK: Stack = Stack {
        low: 0x1000_0000,
        high: 0x1000_4000,
    };
    const IRQ: Stack = Stack {
        low: 0x2000_0000,
        high: 0x2000_4000,
    };
    /// A stack the generic unwinder knows and the walk does not (overflow).
    const OVERFLOW: Stack = Stack {
        low: 0x3000_0000,
        high: 0x3000_1000,
    };
    const FINAL: usize = TASK.high - 0x150;
    const PAC: usize = 0xff7f_0000_0000_0000;
    const TEXT: usize = 0xffff_8000_0000_0000;
    const IRQ_TEXT: TextRange = TextRange {
        start: TEXT + 0x9000,
        end: TEXT + 0x9100,
    };
    const SOFTIRQ_TEXT: TextRange = TextRange {
        start: TEXT + 0xa000,
        end: TEXT + 0xa040,
    };
    const TRAMPOLINE: usize = TEXT + 0xb000;
    /// Where the generic unwinder's trampoline recovery leads.
    const RECOVERED: usize = TEXT + 0x7770;
    /// The address in the walking function the walk saves first.
    const FIRST: usize = TEXT + 0x4240;

    /// Memory holding frame records, and the kernel around it.
    #[derive(Default)]
    struct Machine {
        records: HashMap<usize, (usize, usize)>,
        preemptible: bool,
    }

    impl Frames for Machine {
        fn task_stack(&self) -> (Stack, usize) {
            (TASK, FINAL)
        }
        fn irq_stack(&self) -> Stack {
            if self.preemptible {
                Stack::NONE
            } else {
                IRQ
            }
        }
        fn record(&self, fp: usize) -> (usize, usize) {
            let on = |s: Stack| fp >= s.low && fp + RECORD_SIZE <= s.high;
            assert!(
                on(TASK) || (!self.preemptible && on(IRQ)),
                "read off the walk's stacks at {fp:#x}"
            );
            assert_eq!(fp & 7, 0);
            self.records.get(&fp).copied().unwrap_or((0, 0))
        }
        fn strip_pac(&self, lr: usize) -> usize {
            lr | PAC
        }
        fn is_trampoline(&self, pc: usize) -> bool {
            pc == TRAMPOLINE
        }
        fn irq_entry_text(&self) -> IrqEntryText {
            IrqEntryText::new(IRQ_TEXT, SOFTIRQ_TEXT)
        }
    }

    /// The test's store.
    impl Entries for Vec<usize> {
        fn capacity(&self) -> usize {
            self.len()
        }
        fn set(&mut self, i: usize, pc: usize) {
            self[i] = pc;
        }
    }

    /// 6.12's generic unwinder as `stack_trace_save(store, size, 0)` called
    /// by the function whose record is at `fp` gives it (the walk starts at
    /// the callee's record, just below, which returns to `FIRST`), then
    /// `filter_irq_stacks()`.
    fn generic(m: &Machine, fp: usize, size: usize) -> Vec<usize> {
        let mut stacks = std::vec![
            TASK,
            if m.preemptible { Stack::NONE } else { IRQ },
            OVERFLOW
        ];
        let mut current = Stack::NONE;
        let callee_fp = fp - 0x40;
        let mut out = Vec::new();
        let mut skip = 1;
        let (mut fp, mut pc) = (callee_fp, TEXT + 0x10);
        loop {
            // stack_trace_consume_entry()
            if out.len() >= size {
                break;
            }
            if skip > 0 {
                skip -= 1;
            } else {
                out.push(pc);
                if out.len() >= size {
                    break;
                }
            }
            // kunwind_next()
            if fp == FINAL || fp & 7 != 0 {
                break;
            }
            // stackinfo_on_stack()
            let on = |s: &Stack| {
                s.low != 0 && fp >= s.low && fp.checked_add(16).is_some_and(|e| e <= s.high)
            };
            if !on(&current) {
                let Some(next) = stacks.iter_mut().find(|s| on(s)) else {
                    break;
                };
                current = *next;
                *next = Stack::NONE;
            }
            current.low = fp + RECORD_SIZE;
            let (next_fp, lr) = if fp == callee_fp {
                (fp + 0x40, FIRST)
            } else {
                m.records.get(&fp).copied().unwrap_or((0, 0))
            };
            fp = next_fp;
            pc = lr | PAC;
            // kunwind_recover_return_address()
            if pc == TRAMPOLINE {
                pc = RECOVERED;
            }
        }
        let in_text = |pc: usize, t: TextRange| pc >= t.start && pc < t.end;
        let keep = out
            .iter()
            .position(|&pc| in_text(pc, IRQ_TEXT) || in_text(pc, SOFTIRQ_TEXT))
            .map_or(out.len(), |i| i + 1);
        out.truncate(keep);
        out
    }

    /// Walks from the record at `fp` with room for `size` entries; asserts
    /// that what the walk saves is what the generic unwinder gives. Returns
    /// whether the walk saved the stack itself (else the kernel asks the
    /// generic unwinder).
    fn check(m: &Machine, fp: usize, size: usize) -> bool {
        let expected = generic(m, fp, size);
        let mut store = std::vec![0usize; size];
        match walk(m, fp, FIRST, &mut store) {
            Walked::Saved(n) => {
                assert_eq!(
                    store[..n],
                    expected[..],
                    "walk from {fp:#x}, {size} entries"
                );
                true
            }
            Walked::Unknown => false,
        }
    }

    /// A chain of records at `fps`, each returning to `TEXT + 0x100 * i`
    /// (signed), the last linking to `last`.
    fn chain(m: &mut Machine, fps: &[usize], last: usize) {
        for (i, &fp) in fps.iter().enumerate() {
            let next = fps.get(i + 1).copied().unwrap_or(last);
            m.records
                .insert(fp, (next, (TEXT + 0x100 * (i + 1)) & !PAC));
        }
    }

    fn task_chain(len: usize) -> Vec<usize> {
        (0..len).map(|i| TASK.low + 0x100 + 0x40 * i).collect()
    }

    #[test]
    fn irq_entry_text_with_a_gap_or_an_empty_section() {
        let gap = IrqEntryText::new(
            IRQ_TEXT,
            TextRange {
                start: IRQ_TEXT.end + 0x40,
                end: IRQ_TEXT.end + 0x80,
            },
        );
        assert!(gap.ends_stack(IRQ_TEXT.start) && gap.ends_stack(IRQ_TEXT.end + 0x40));
        assert!(
            !gap.ends_stack(IRQ_TEXT.end)
                && !gap.ends_stack(IRQ_TEXT.end + 0x3c)
                && !gap.ends_stack(IRQ_TEXT.end + 0x80)
        );
        let none = TextRange { start: 0, end: 0 };
        for t in [
            IrqEntryText::new(IRQ_TEXT, none),
            IrqEntryText::new(none, IRQ_TEXT),
        ] {
            assert!(
                t.ends_stack(IRQ_TEXT.start)
                    && !t.ends_stack(IRQ_TEXT.end)
                    && !t.ends_stack(0)
                    && !t.ends_stack(8)
            );
        }
        assert!(!IrqEntryText::new(none, none).ends_stack(0));
    }

    #[test]
    fn the_hash_tells_stacks_apart() {
        // An allocation and a free from the same caller: the same frames but
        // the first few, and a stack with two entries swapped.
        let alloc = [
            TEXT + 0x10,
            TEXT + 0x120,
            TEXT + 0x2230,
            TEXT + 0x3340,
            TEXT + 0x4450,
        ];
        let mut free = alloc;
        free[1] = TEXT + 0x124;
        free[2] = TEXT + 0x2238;
        let mut swapped = alloc;
        swapped.swap(3, 4);
        let h = [
            StackHash::of(&alloc),
            StackHash::of(&free),
            StackHash::of(&swapped),
        ];
        assert_ne!(h[0], h[1]);
        assert_ne!(h[0], h[2]);
        assert_ne!(h[0].digest(), h[1].digest());
        assert_eq!(
            StackHash::of(&alloc),
            alloc.iter().fold(StackHash::EMPTY, |h, &pc| h.with(pc))
        );
        // Stacks that differ in one entry only (the call site in a loop,
        // unrolled, anywhere in the stack) spread over the sets.
        for at in 1..alloc.len() {
            let mut used = [0u32; 32];
            for site in 0..32 {
                let mut s = alloc;
                s[at] = TEXT + 0x100 + 0x10 * site;
                used[StackHash::of(&s).slot(32)] += 1;
            }
            assert!(used.iter().all(|&n| n <= 3), "entry {at}: {used:?}");
            assert!(
                used.iter().filter(|&&n| n > 0).count() >= 16,
                "entry {at}: {used:?}"
            );
        }
    }

    #[test]
    fn a_task_stack_to_its_final_record() {
        let mut m = Machine::default();
        let fps = task_chain(10);
        chain(&mut m, &fps, FINAL);
        assert!(check(&m, fps[0], 64));
        let mut store = std::vec![0usize; 64];
        assert_eq!(walk(&m, fps[0], FIRST, &mut store), Walked::Saved(11));
        assert_eq!(store[0], FIRST);
        assert_eq!(
            store[1],
            TEXT + 0x100,
            "return addresses are stripped of their PAC"
        );
    }

    #[test]
    fn stops_when_the_store_is_full() {
        let mut m = Machine::default();
        let fps = task_chain(100);
        chain(&mut m, &fps, FINAL);
        for size in [0, 1, 2, 63, 64, 65, 101, 102, 120] {
            assert!(check(&m, fps[0], size), "size {size}");
        }
    }

    #[test]
    fn from_the_irq_stack_to_the_task_stack() {
        let mut m = Machine::default();
        let mut fps: Vec<usize> = (0..5).map(|i| IRQ.low + 0x800 + 0x30 * i).collect();
        fps.extend(task_chain(6));
        chain(&mut m, &fps, FINAL);
        assert!(check(&m, fps[0], 64));
    }

    #[test]
    fn cut_after_the_first_irq_entry_function() {
        for text in [IRQ_TEXT, SOFTIRQ_TEXT] {
            let mut m = Machine::default();
            let mut fps: Vec<usize> = (0..4).map(|i| IRQ.low + 0x800 + 0x30 * i).collect();
            fps.extend(task_chain(6));
            chain(&mut m, &fps, FINAL);
            if let Some(r) = m.records.get_mut(&fps[2]) {
                r.1 = text.start + 8;
            }
            let mut store = std::vec![0usize; 64];
            assert_eq!(walk(&m, fps[0], FIRST, &mut store), Walked::Saved(4));
            assert!(check(&m, fps[0], 64));
        }
    }

    #[test]
    fn preemptible_code_has_no_irq_stack() {
        // A task-stack chain that leads to the IRQ stack: the generic
        // unwinder does not look there when preemptible and stops; the walk
        // cannot tell that stack from one only the generic unwinder knows.
        let mut m = Machine {
            preemptible: true,
            ..Machine::default()
        };
        let mut fps = task_chain(3);
        fps.extend((0..3).map(|i| IRQ.low + 0x800 + 0x30 * i));
        chain(&mut m, &fps, FINAL);
        assert!(!check(&m, fps[0], 64));
        m.preemptible = false;
        assert!(check(&m, fps[0], 64));
    }

    #[test]
    fn stops_where_the_generic_unwinder_stops() {
        // Misaligned, and the final record reached without being read.
        let mut m = Machine::default();
        let fps = task_chain(5);
        chain(&mut m, &fps, TASK.low + 0x804);
        assert!(check(&m, fps[0], 64));
        let mut m = Machine::default();
        chain(&mut m, &fps, FINAL);
        let mut store = std::vec![0usize; 64];
        assert_eq!(walk(&m, fps[0], FIRST, &mut store), Walked::Saved(6));
    }

    #[test]
    fn asks_the_generic_unwinder_where_it_knows_more() {
        // A trampoline, a record on the overflow stack, a cycle, a record
        // off every stack: the walk saves nothing of its own.
        let fps = task_chain(4);
        let mut m = Machine::default();
        chain(&mut m, &fps, FINAL);
        if let Some(r) = m.records.get_mut(&fps[1]) {
            r.1 = TRAMPOLINE & !PAC;
        }
        assert!(!check(&m, fps[0], 64));
        for last in [OVERFLOW.low + 0x20, fps[1], 0x5000_0000, 0] {
            let mut m = Machine::default();
            chain(&mut m, &fps, last);
            assert!(!check(&m, fps[0], 64), "to {last:#x}");
        }
    }

    /// A small PRNG for the random chains (xorshift64*).
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: u64) -> usize {
            (self.next() % n) as usize
        }
    }

    #[test]
    fn random_chains_save_what_the_generic_unwinder_saves() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let mut saved = 0;
        let runs = 20_000;
        for _ in 0..runs {
            // Frames from an optional IRQ-stack part to the task stack, with
            // now and then a record that is not where a good chain has it.
            // Code on the IRQ stack is never preemptible.
            let on_irq = rng.below(3) == 0;
            let mut m = Machine {
                preemptible: !on_irq && rng.below(4) == 0,
                ..Machine::default()
            };
            let mut fps = Vec::new();
            let mut fp = if on_irq {
                IRQ.low + 0x100 + 16 * rng.below(64)
            } else {
                TASK.low + 0x100 + 16 * rng.below(64)
            };
            let len = 1 + rng.below(90);
            for i in 0..len {
                fps.push(fp);
                fp = match rng.below(60) {
                    0 => fp + 4,
                    1 => fp - 0x20,
                    2 => OVERFLOW.low + 16 * rng.below(32),
                    3 => 0,
                    4 => FINAL,
                    5 if on_irq => IRQ.high - 16,
                    _ if on_irq && i == len / 2 => TASK.low + 0x100,
                    _ => fp + 16 * (1 + rng.below(8)),
                };
            }
            let last = if rng.below(4) == 0 { fp } else { FINAL };
            chain(&mut m, &fps, last);
            for fp in &fps {
                match rng.below(40) {
                    0 => m.records.get_mut(fp).map(|r| r.1 = TRAMPOLINE & !PAC),
                    1 => m
                        .records
                        .get_mut(fp)
                        .map(|r| r.1 = IRQ_TEXT.start + 16 * rng.below(16)),
                    2 => m
                        .records
                        .get_mut(fp)
                        .map(|r| r.1 = SOFTIRQ_TEXT.end - 4 * rng.below(2)),
                    3 => m
                        .records
                        .get_mut(fp)
                        .map(|r| r.1 = IRQ_TEXT.start - 4 * rng.below(2)),
                    _ => None,
                };
            }
            let size = [64, 64, 64, 8, 1, 2][rng.below(6)];
            if check(&m, fps[0], size) {
                saved += 1;
            }
        }
        // Good chains are the common case: the walk must save most itself.
        assert!(
            saved * 2 > runs,
            "the walk saved only {saved} of {runs} stacks itself"
        );
    }
}
