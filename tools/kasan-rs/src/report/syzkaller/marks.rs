//! One search over a report's text for every line syzkaller treats
//! specially: other reports' headers ([`super::oops`]), stack starts
//! ([`super::lines`]), the panic and lockdep messages that end a report and
//! the lock-debugging notice it drops. The exact tests run on the lines
//! found only.

use aho_corasick::{AhoCorasick, MatchKind};

/// Dropped from reports.
pub const DISABLING: &str = "Disabling lock debugging due to kernel taint";

/// What a match is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// A line that may start another report.
    Oops,
    /// A line that may start a stack (true: it does, the pattern is a
    /// whole stack start).
    StackStart(bool),
    /// `Kernel panic - not syncing` (false) or the lockdep circular
    /// warning (true: it is an oops too).
    PanicOrCircular(bool),
    /// [`DISABLING`].
    Disabling,
}

/// Longer patterns first: at one position the first listed wins.
fn patterns() -> Vec<(&'static str, Mark)> {
    let mut v = vec![
        ("Kernel panic - not syncing", Mark::PanicOrCircular(false)),
        (
            "WARNING: possible circular locking dependency detected",
            Mark::PanicOrCircular(true),
        ),
        (DISABLING, Mark::Disabling),
    ];
    v.extend(
        super::lines::STACK_START_PARTS
            .iter()
            .map(|p| (*p, Mark::StackStart(super::lines::is_stack_start(p)))),
    );
    v.extend(OOPS_CANDIDATES.iter().map(|p| (*p, Mark::Oops)));
    v
}

/// Substrings of every oops header ([`super::oops::HEADERS`]), fewer than
/// the headers so that the search stays fast; each line found is tested
/// exactly ([`super::oops::starts_report`]).
const OOPS_CANDIDATES: &[&str] = &[
    "BUG",
    "WARNING:",
    "INFO:",
    "Unable to handle kernel",
    "general protection fault",
    "stack segment: ",
    "panic",
    "PANIC: double fault",
    "error:",
    "invalid opcode:",
    "UBSAN:",
    "Booting the kernel.",
    "unregister_netdevice: waiting for",
    "VFS: ",
    "Unhandled fault:",
    "Alignment trap:",
    "SYZFAIL:",
    "SYZFATAL:",
    "vmalloc: allocation failure:",
    "FAULT_INJECTION: forcing a failure",
    "FAULT_FLAG_ALLOW_RETRY missing",
];

thread_local! {
    static MARKS: (AhoCorasick, Vec<Mark>) = {
        let list = patterns();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(list.iter().map(|(p, _)| p))
            .expect("valid patterns");
        (ac, list.into_iter().map(|(_, m)| m).collect())
    };
}

/// Every mark in `text`, with its offset, in order.
pub fn find(text: &str) -> Vec<(Mark, usize)> {
    MARKS.with(|(ac, marks)| {
        ac.find_iter(text)
            .map(|m| (marks[m.pattern().as_usize()], m.start()))
            .collect()
    })
}
