//! syzkaller's description of a KASAN report: which of its four KASAN
//! formats matches, the guilty frame, the title and alternative titles, and
//! why it is corrupted (pkg/report/report.go `extractDescription`,
//! `extractStackFrameImpl`, `partiallyStrippedArgs`; linux.go
//! `linuxOopses` and `isCorrupted`).
//!
//! The formats, tried in order, the first that produces a title winning:
//! 1. `BUG: KASAN: <type> in <func>` with a later line holding `Read|Write`
//!    ` of size N` or ` at addr X`: `KASAN: <type> <Read|Write> in <frame>`,
//!    alternative `bad-access in <frame>`;
//! 2. `BUG: KASAN: double-free or invalid-free|double-free|invalid-free in
//!    <func>`: `KASAN: invalid-free in <frame>`, alternative `invalid-free in
//!    <frame>`;
//! 3. `BUG: KASAN: <type> on address` with a later `Read|Write of size N`:
//!    `KASAN: <type> <Read|Write>` (no frame);
//! 4. `BUG: KASAN: <rest>`: `KASAN: <rest>`, corrupted.
//!
//! The frame of 1 and 2 is the first not skipped among the header's function
//! and the frames after the first `Call trace:` up to the next stack start
//! (`Allocated by task N:` ...); when there is none it is `corrupted` and the
//! report is corrupted ("extracted no frames").

use super::frames::{self, SkipSet};
use super::lines;

/// Why syzkaller marks a report corrupted, in its own words.
pub const NO_FRAMES: &str = "extracted no frames";
const FORMAT_CORRUPTED: &str = "report format is marked as corrupted";

/// Which KASAN format matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `KASAN: <type> <Read|Write> in <frame>`.
    Access,
    /// `KASAN: invalid-free in <frame>`.
    InvalidFree,
    /// `KASAN: <type> <Read|Write>` (`on address` reports).
    OnAddress,
    /// `KASAN: <rest of the header>`, corrupted.
    Fallback,
}

/// The description before title sanitisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Description {
    /// The title.
    pub title: String,
    /// Alternative titles, in syzkaller's order, without repeats.
    pub alt_titles: Vec<String>,
    /// Set when extraction itself found the report corrupted.
    pub corrupted: Option<&'static str>,
    /// The format that matched.
    pub format: Format,
}

/// The lines syzkaller reads and which of them start a stack (indices
/// into `lines`, ascending).
#[derive(Clone, Copy)]
pub struct Text<'a> {
    /// The lines.
    pub lines: &'a [&'a str],
    /// Stack starts among them.
    pub stack_starts: &'a [usize],
}

impl Text<'_> {
    fn is_stack_start(&self, i: usize) -> bool {
        self.stack_starts.binary_search(&i).is_ok()
    }
}

/// Describes a report's title text; `None` when it holds no `BUG: KASAN:`
/// line.
pub fn describe(text: Text<'_>) -> Option<Description> {
    let first = text
        .lines
        .iter()
        .position(|l| lines::any_header(l).is_some())?;
    if let Some(d) = access_format(text, first) {
        return Some(d);
    }
    if let Some(d) = free_format(text, first) {
        return Some(d);
    }
    let lines = &text.lines[first..];
    if let Some(d) = on_address_format(lines) {
        return Some(d);
    }
    let rest = lines::any_header(lines[0]).unwrap_or_default();
    Some(Description {
        title: format!("KASAN: {rest}"),
        alt_titles: Vec::new(),
        corrupted: Some(FORMAT_CORRUPTED),
        format: Format::Fallback,
    })
}

fn access_format(text: Text<'_>, first: usize) -> Option<Description> {
    let (at, (bug, _)) = text.lines[first..]
        .iter()
        .enumerate()
        .find_map(|(i, l)| lines::access_header(l).map(|h| (first + i, h)))?;
    let kind = text.lines[at + 1..]
        .iter()
        .find_map(|l| lines::access_kind(l, true))?;
    let (frame, ok) = guilty_frame(text, at, SkipSet::Access);
    let make = |f: &str| format!("KASAN: {bug} {kind} in {f}");
    let alt = |f: &str| vec![format!("bad-access in {f}")];
    Some(finish(frame, ok, make, alt, Format::Access))
}

fn free_format(text: Text<'_>, first: usize) -> Option<Description> {
    let at = first
        + text.lines[first..]
            .iter()
            .position(|l| lines::free_header(l).is_some())?;
    let (frame, ok) = guilty_frame(text, at, SkipSet::Free);
    let make = |f: &str| format!("KASAN: invalid-free in {f}");
    let alt = |f: &str| vec![format!("invalid-free in {f}")];
    Some(finish(frame, ok, make, alt, Format::InvalidFree))
}

fn on_address_format(lines: &[&str]) -> Option<Description> {
    // Only a match on the first header line competes (syzkaller keeps the
    // earliest title match).
    let bug = lines::address_header(lines[0])?;
    let kind = lines[1..]
        .iter()
        .find_map(|l| lines::access_kind(l, false))?;
    Some(Description {
        title: format!("KASAN: {bug} {kind}"),
        alt_titles: Vec::new(),
        corrupted: None,
        format: Format::OnAddress,
    })
}

/// The title from the frame, and the alternative titles: the format's
/// alternatives, then (syzkaller's `partiallyStrippedArgs`) the title and
/// alternatives with the raw frame and with each prefix stripped off it.
fn finish(
    raw: String,
    ok: bool,
    make: impl Fn(&str) -> String,
    alt: impl Fn(&str) -> Vec<String>,
    format: Format,
) -> Description {
    let canonical = frames::canonical(&raw).to_string();
    let title = make(&canonical);
    let mut alts = alt(&canonical);
    let mut variants = vec![raw.clone()];
    for prefix in frames::strip_prefixes() {
        if let Some(stripped) = raw.strip_prefix(prefix) {
            variants.push(stripped.to_string());
        }
    }
    // The canonical frame's titles are there already.
    variants.retain(|v| *v != canonical);
    for variant in variants {
        let t = make(&variant);
        if t != title {
            alts.push(t);
        }
        alts.extend(alt(&variant));
    }
    // A handful of titles: a linear search beats hashing them.
    let mut unique: Vec<String> = Vec::with_capacity(alts.len());
    for a in alts {
        if !unique.contains(&a) {
            unique.push(a);
        }
    }
    let alts = unique;
    Description {
        title,
        alt_titles: alts,
        corrupted: (!ok).then_some(NO_FRAMES),
        format,
    }
}

/// The guilty frame (raw, demangled) from the header line `lines[0]` on,
/// and false when none was found or a fault-injection frame was met.
///
/// syzkaller walks three parts: the header (its function is the first
/// candidate), the lines up to `Call trace:`, then the trace up to the next
/// stack start. A fault-injection line marks the report corrupted and ends
/// the part it is in; the walk goes on with the next part.
fn guilty_frame(text: Text<'_>, header: usize, set: SkipSet) -> (String, bool) {
    let mut ok = true;
    let mut found: Option<String> = None;
    let consider = |name: &str, found: &mut Option<String>| {
        if found.is_none() {
            let name = frames::demangle(name);
            if !frames::is_skipped(set, &name) {
                *found = Some(name.into_owned());
            }
        }
    };
    let mut rest = text.lines.iter().enumerate().skip(header);
    for (_, line) in rest.by_ref() {
        if frames::is_fault_injection(line) {
            ok = false;
            break;
        }
        let func = match set {
            SkipSet::Access => lines::access_header(line).map(|(_, f)| f),
            SkipSet::Free => lines::free_header(line),
        };
        if let Some(func) = func {
            consider(func, &mut found);
            break;
        }
    }
    for (i, line) in rest.by_ref() {
        if frames::is_fault_injection(line) {
            ok = false;
            break;
        }
        // Every `Call trace:` line is a stack start, and those are known.
        if text.is_stack_start(i) && lines::is_call_trace(line) {
            break;
        }
    }
    for (i, line) in rest {
        if frames::is_fault_injection(line) {
            ok = false;
            break;
        }
        if text.is_stack_start(i) {
            break;
        }
        if found.is_none() {
            let (a, b) = frames::frame_names(line);
            for name in [a, b].into_iter().flatten() {
                consider(name, &mut found);
            }
        }
    }
    match found {
        Some(frame) => (frame, ok),
        None => ("corrupted".to_string(), false),
    }
}

/// syzkaller's `isCorrupted` for a title that extraction did not mark:
/// every stack start must be followed by a frame (or `(stack is not
/// available)`) within 15 lines, and there must be a stack at all.
pub fn corrupted_reason(title: &str, text: Text<'_>) -> Option<&'static str> {
    if has_timestamp(title) {
        return Some("title matches corrupted regexp");
    }
    let lines = text.lines;
    // The first line of each key (each stack start matches at least one).
    let mut first: [Option<usize>; STACK_KEYS.len()] = [None; STACK_KEYS.len()];
    for &i in text.stack_starts {
        for (slot, key) in first.iter_mut().zip(STACK_KEYS.iter()) {
            if slot.is_none() && key(lines[i]) {
                *slot = Some(i);
            }
        }
    }
    let mut has_stack = false;
    for (index, at) in first.iter().enumerate() {
        let Some(at) = *at else {
            continue;
        };
        // syzkaller splits the text from the key on; a text ending in a
        // newline has one empty piece more than it has lines.
        if lines.len() - at < 3 {
            return Some("call trace is missed");
        }
        let mut frame_found = false;
        for (i, line) in lines.iter().enumerate().skip(at + 1).take(15) {
            if text.is_stack_start(i) {
                break;
            }
            if frames::is_frame_line(line) || line.contains("(stack is not available)") {
                frame_found = true;
                break;
            }
        }
        has_stack |= frame_found;
        if !frame_found && index != STACK_KEYS.len() - 1 {
            return Some("no frames in a stack trace");
        }
    }
    (!has_stack).then_some("no stack trace in report")
}

type Key = fn(&str) -> bool;

/// The stack starts one by one, in syzkaller's order (the last, riscv's
/// register line, may be followed by no frame).
const STACK_KEYS: [Key; 9] = [
    |l| l.contains("Call Trace") || l.contains("Call trace"),
    |l| l.contains("Allocated:"),
    |l| lines::by_task(l, "Allocated by task "),
    |l| l.contains("Freed:"),
    |l| lines::by_task(l, "Freed by task "),
    lines::backtrace_colon,
    |l| l.contains("Backtrace:"),
    |l| l.contains("Uninit was stored to memory at"),
    lines::riscv_status,
];

/// `[ 12.345]` anywhere in the title (syzkaller's `linuxCorruptedTitles`).
pub fn has_timestamp(title: &str) -> bool {
    title.match_indices('[').any(|(at, _)| {
        let rest = title[at + 1..].trim_start_matches(' ');
        let int = rest.bytes().take_while(u8::is_ascii_digit).count();
        if int == 0 || !rest[int..].starts_with('.') {
            return false;
        }
        let frac = &rest[int + 1..];
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        n > 0 && frac[n..].starts_with(']')
    })
}
