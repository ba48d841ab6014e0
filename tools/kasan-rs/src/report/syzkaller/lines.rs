//! Line tests syzkaller's KASAN formats are built of (pkg/report/linux.go
//! `linuxOopses` and `linuxStackParams.stackStartRes`), as plain string
//! scanning: every one of them is a search anywhere in the line.

use aho_corasick::{AhoCorasick, MatchKind};

const HEADER: &str = "BUG: KASAN: ";

/// Every substring a stack start contains: one automaton pass rejects
/// almost every line before the exact tests run.
pub const STACK_START_PARTS: &[&str] = &[
    "Call Trace",
    "Call trace",
    "Allocated",
    "Freed",
    "Backtrace:",
    "backtrace",
    "Uninit was stored to memory at",
    "status: ",
];

thread_local! {
    static READ: memchr::memmem::Finder<'static> = memchr::memmem::Finder::new("Read");
    static WRITE: memchr::memmem::Finder<'static> = memchr::memmem::Finder::new("Write");
    static ALLOCATED_BY: memchr::memmem::Finder<'static> = memchr::memmem::Finder::new("Allocated by task ");
    static FREED_BY: memchr::memmem::Finder<'static> = memchr::memmem::Finder::new("Freed by task ");
    static STACK_START: AhoCorasick = AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(STACK_START_PARTS).expect("valid patterns");
}

/// True when `line` may be a stack start (no false negatives).
pub fn may_start_stack(line: &str) -> bool {
    STACK_START.with(|ac| ac.is_match(line))
}

/// Every `BUG: KASAN: <[a-z-]+>` in `line`: the bug type and the text after it.
fn typed_headers(line: &str) -> impl Iterator<Item = (&str, &str)> {
    line.match_indices(HEADER).filter_map(|(at, _)| {
        let rest = &line[at + HEADER.len()..];
        let len = rest
            .bytes()
            .take_while(|b| b.is_ascii_lowercase() || *b == b'-')
            .count();
        (len > 0).then(|| rest.split_at(len))
    })
}

/// `BUG: KASAN: <[a-z-]+> in <func>[.+]`: the bug type and the function.
pub fn access_header(line: &str) -> Option<(&str, &str)> {
    typed_headers(line).find_map(|(bug_type, after)| {
        let func = after
            .strip_prefix(" in ")
            .and_then(super::frames::func_at)?;
        Some((bug_type, func))
    })
}

/// `BUG: KASAN: double-free or invalid-free|double-free|invalid-free in <func>`.
pub fn free_header(line: &str) -> Option<&str> {
    for (at, _) in line.match_indices(HEADER) {
        let rest = &line[at + HEADER.len()..];
        for kind in ["double-free or invalid-free", "double-free", "invalid-free"] {
            if let Some(func) = rest
                .strip_prefix(kind)
                .and_then(|r| r.strip_prefix(" in "))
                .and_then(super::frames::func_at)
            {
                return Some(func);
            }
        }
    }
    None
}

/// `BUG: KASAN: <[a-z-]+> on address`: the bug type.
pub fn address_header(line: &str) -> Option<&str> {
    typed_headers(line)
        .find(|(_, after)| after.starts_with(" on address"))
        .map(|(bug_type, _)| bug_type)
}

/// The rest of the line after the first `BUG: KASAN: `.
pub fn any_header(line: &str) -> Option<&str> {
    line.find(HEADER).map(|at| &line[at + HEADER.len()..])
}

/// The last `Read|Write` on the line followed by ` of size <hex>` or (when
/// `at_addr`) ` at addr <hex>`: `Read` or `Write`.
pub fn access_kind(line: &str, at_addr: bool) -> Option<&'static str> {
    let mut best: Option<(usize, &'static str)> = None;
    for (kind, finder) in [("Read", &READ), ("Write", &WRITE)] {
        finder.with(|f| {
            for at in f.find_iter(line.as_bytes()) {
                let rest = &line[at + kind.len()..];
                let number = rest.strip_prefix(" of size ").or_else(|| {
                    if at_addr {
                        rest.strip_prefix(" at addr ")
                    } else {
                        None
                    }
                });
                let ok = number.is_some_and(|n| {
                    let first = n.as_bytes().first().copied().unwrap_or(b' ');
                    if at_addr {
                        first.is_ascii_digit() || (b'a'..=b'f').contains(&first)
                    } else {
                        first.is_ascii_digit()
                    }
                });
                if ok && best.map_or(true, |(pos, _)| at > pos) {
                    best = Some((at, kind));
                }
            }
        });
    }
    best.map(|(_, kind)| kind)
}

/// A line that starts a stack (syzkaller's `stackStartRes`).
pub fn is_stack_start(line: &str) -> bool {
    if !may_start_stack(line) {
        return false;
    }
    if line.contains("Call Trace")
        || line.contains("Call trace")
        || line.contains("Allocated:")
        || line.contains("Freed:")
        || line.contains("Backtrace:")
        || line.contains("Uninit was stored to memory at")
    {
        return true;
    }
    if by_task(line, "Allocated by task ") || by_task(line, "Freed by task ") {
        return true;
    }
    backtrace_colon(line) || riscv_status(line)
}

/// `<prefix>[0-9]+:` anywhere.
pub fn by_task(line: &str, prefix: &str) -> bool {
    let check = |finder: &memchr::memmem::Finder<'static>| {
        finder
            .find_iter(line.as_bytes())
            .any(|at| task_colon(&line[at + prefix.len()..]))
    };
    match prefix {
        "Allocated by task " => ALLOCATED_BY.with(check),
        "Freed by task " => FREED_BY.with(check),
        _ => line
            .match_indices(prefix)
            .any(|(at, _)| task_colon(&line[at + prefix.len()..])),
    }
}

/// `[0-9]+:` at the start of `rest`.
fn task_colon(rest: &str) -> bool {
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with(':')
}

/// Whether the stack-start part found at `at` in `text` makes its line a
/// stack start by itself (`None`: the whole line must be tested).
pub fn stack_start_at(text: &str, at: usize) -> Option<bool> {
    let rest = &text[at..];
    if rest.starts_with("backtrace") || rest.starts_with("status: ") {
        let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
        let end = rest.find('\n').map_or(text.len(), |p| at + p);
        let line = &text[start..end];
        return Some(is_stack_start(line));
    }
    if let Some(r) = rest.strip_prefix("Allocated") {
        return (r.starts_with(':') || r.strip_prefix(" by task ").is_some_and(task_colon))
            .then_some(true);
    }
    if let Some(r) = rest.strip_prefix("Freed") {
        return (r.starts_with(':') || r.strip_prefix(" by task ").is_some_and(task_colon))
            .then_some(true);
    }
    None
}

/// `[^k] backtrace:` or `[^k] backtrace (crc <hex>):`.
pub fn backtrace_colon(line: &str) -> bool {
    line.match_indices(" backtrace").any(|(at, _)| {
        if at == 0 || line.as_bytes()[at - 1] == b'k' {
            return false;
        }
        let rest = &line[at + " backtrace".len()..];
        if rest.starts_with(':') {
            return true;
        }
        match rest.strip_prefix(" (crc ") {
            Some(r) => {
                let hex = r.bytes().take_while(u8::is_ascii_hexdigit).count();
                r[hex..].starts_with("):")
            }
            None => false,
        }
    })
}

/// riscv's `status: <16 hex> badaddr: <16 hex> cause: <16 hex>`.
pub fn riscv_status(line: &str) -> bool {
    fn hex16(s: &str) -> Option<&str> {
        let ok = s.len() >= 16
            && s.as_bytes()[..16]
                .iter()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b));
        ok.then(|| &s[16..])
    }
    line.match_indices("status: ").any(|(at, _)| {
        hex16(&line[at + 8..])
            .and_then(|r| r.strip_prefix(" badaddr: "))
            .and_then(hex16)
            .and_then(|r| r.strip_prefix(" cause: "))
            .and_then(hex16)
            .is_some()
    })
}

/// `Call Trace:`, `Call trace:` or `Backtrace:` (syzkaller's `linuxCallTrace`).
pub fn is_call_trace(line: &str) -> bool {
    line.contains("Call Trace:") || line.contains("Call trace:") || line.contains("Backtrace:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        assert_eq!(
            access_header("BUG: KASAN: slab-out-of-bounds in foo+0x1/0x2"),
            Some(("slab-out-of-bounds", "foo"))
        );
        assert_eq!(
            access_header("BUG: KASAN: x in foo lib/a.c:1 [inline]"),
            None
        );
        assert_eq!(
            free_header("BUG: KASAN: double-free or invalid-free in kfree+0x1/0x2"),
            Some("kfree")
        );
        assert_eq!(
            address_header("BUG: KASAN: null-ptr-deref on address 0000000000000010"),
            Some("null-ptr-deref")
        );
        assert_eq!(
            access_kind("Read of size 8 at addr ff by task a/1", true),
            Some("Read")
        );
        assert_eq!(
            access_kind("Write at addr f5ff000000ce1770 by task a/1", true),
            Some("Write")
        );
        assert_eq!(access_kind("Write at addr f5ff by task a/1", false), None);
        assert!(is_stack_start("Allocated by task 35:"));
        assert!(!is_stack_start("Allocated by task 35 on cpu 0 at 1.2s:"));
        assert!(is_stack_start("unreferenced object: backtrace:"));
        assert!(!is_stack_start("stack backtrace:"));
    }
}
