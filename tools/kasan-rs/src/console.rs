//! Kernel console lines: printk prefix stripping and classification of the
//! kernel's own (non-KTAP) messages.
//!
//! Everything here is a pure function of one line; the stateful reading of a
//! whole log lives in [`crate::log`].

/// Strips the line ending (`\n`, `\r\n`, stray `\r`) and the printk prefix
/// from one raw console line, returning the message as the kernel printed it
/// (see [`split_printk_prefix`]).
pub fn strip_printk_prefix(raw: &str) -> &str {
    split_printk_prefix(raw).1
}

/// Splits one raw console line into the printk caller id (`T1`, `C0`), when
/// printed, and the message. The one prefix reader of the tool: the KTAP and
/// log readers and the report parser all go through it.
///
/// Recognised prefixes, each optional:
/// * a timestamp `[    1.234567]`,
/// * a caller id right after it, `[    T1]` (task) or `[    C0]` (CPU),
///
/// followed by the single space printk puts before the message. Any further
/// leading spaces belong to the message (KTAP indentation, stack frames) and
/// are kept.
pub fn split_printk_prefix(raw: &str) -> (Option<&str>, &str) {
    split_bracketed_prefix(without_line_end(raw))
}

/// The line without its ending; a serial console sometimes shows a carriage
/// return mid-line (a line redrawn by the kernel), and the text after the
/// last one is what stayed.
pub fn without_line_end(raw: &str) -> &str {
    let line = raw.trim_end_matches(['\n', '\r']);
    match memchr::memrchr(b'\r', line.as_bytes()) {
        Some(at) => &line[at + 1..],
        None => line,
    }
}

/// The printk timestamp of a raw console line (`[   12.345678] ...` gives
/// 12.345678 seconds since boot), if it has one.
pub fn printk_timestamp(raw: &str) -> Option<f64> {
    let (inner, _) = strip_bracketed(without_line_end(raw), is_timestamp)?;
    inner.parse().ok()
}

/// [`split_printk_prefix`] of a line already without its ending.
pub fn split_bracketed_prefix(line: &str) -> (Option<&str>, &str) {
    if !line.starts_with('[') {
        return (None, line);
    }
    let mut rest = line;
    let mut stripped = false;
    let mut caller = None;
    if let Some((_, after)) = strip_bracketed(rest, is_timestamp) {
        rest = after;
        stripped = true;
    }
    if let Some((id, after)) = strip_bracketed(rest, is_caller_id) {
        caller = Some(id);
        rest = after;
        stripped = true;
    }
    if stripped {
        (caller, rest.strip_prefix(' ').unwrap_or(rest))
    } else {
        (None, line)
    }
}

/// If `s` starts with `[...]` whose trimmed content satisfies `accept`,
/// returns that content and what follows the closing bracket.
fn strip_bracketed(s: &str, accept: fn(&str) -> bool) -> Option<(&str, &str)> {
    let inner_and_rest = s.strip_prefix('[')?;
    let close = memchr::memchr(b']', inner_and_rest.as_bytes())?;
    let inner = inner_and_rest[..close].trim_start();
    accept(inner).then(|| (inner, &inner_and_rest[close + 1..]))
}

/// `1.234567`: digits, one dot, digits.
fn is_timestamp(s: &str) -> bool {
    match s.split_once('.') {
        Some((secs, frac)) => is_digits(secs) && is_digits(frac),
        None => false,
    }
}

/// `T123` or `C0`.
fn is_caller_id(s: &str) -> bool {
    match s.strip_prefix('T').or_else(|| s.strip_prefix('C')) {
        Some(id) => is_digits(id),
        None => false,
    }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The kind of kernel crash signature a console line carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CrashKind {
    /// `Kernel panic - not syncing: ...`
    Panic,
    /// `Internal error: Oops ...` (also `Oops - BUG`)
    Oops,
    /// `Unable to handle kernel paging request ...` / `... NULL pointer dereference`
    UnhandledFault,
    /// `BUG: ...` that is not a KASAN report header (scheduling while atomic,
    /// KFENCE, spinlock lockup, ...)
    Bug,
    /// `WARNING: CPU: N PID: N at file:line ...`
    Warning,
}

impl CrashKind {
    /// Short lower-case name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            CrashKind::Panic => "panic",
            CrashKind::Oops => "oops",
            CrashKind::UnhandledFault => "unhandled fault",
            CrashKind::Bug => "BUG",
            CrashKind::Warning => "WARNING",
        }
    }
}

/// What a kernel console message (already stripped of its printk prefix)
/// means to the harness, if anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KernelEvent<'a> {
    /// `kasan: KernelAddressSanitizer initialized (...)`; holds the text after `kasan: `.
    KasanBanner(&'a str),
    /// `Malformed early option 'X'`; holds `X`.
    MalformedOption(&'a str),
    /// A complaint of `parse_args()` (kernel/params.c) about a parameter:
    /// `DOING: Unknown parameter `X'`, `` `V' invalid for parameter `X' `` or
    /// `` too large for parameter ``; holds the whole line.
    ParameterComplaint(&'a str),
    /// `BUG: KASAN: ...`: a report header, not a crash signature (reports
    /// are read by [`crate::report::ReportParser`]).
    ReportHeader,
    /// A crash signature; holds its kind and the whole line.
    Crash(CrashKind, &'a str),
    /// `kunit: disabled`: KUnit was built in but turned off.
    KunitDisabled,
}

/// Length of the separator line KASAN prints around a report.
pub const REPORT_SEPARATOR_LEN: usize = 66;

/// True for the `=` line KASAN prints before and after a report (exactly
/// [`REPORT_SEPARATOR_LEN`] of them: lockdep's banners, for one, are shorter).
/// The report parser's closing rule ([`crate::report::ReportParser`]).
pub fn is_report_separator(msg: &str) -> bool {
    // Cheap rejection first: nearly every line is something else.
    if !msg.trim_end_matches([' ', '\t', '\r', '\n']).ends_with('=') {
        return false;
    }
    let text = msg.trim();
    text.len() == REPORT_SEPARATOR_LEN && text.bytes().all(|b| b == b'=')
}

/// Classifies one kernel message. KTAP lines must be recognised before this
/// is asked (a KTAP line is never a kernel event).
pub fn classify(msg: &str) -> Option<KernelEvent<'_>> {
    let text = msg.trim();
    if text.starts_with("BUG: KASAN: ") {
        return Some(KernelEvent::ReportHeader);
    }
    if let Some(kind) = crash_kind(text) {
        return Some(KernelEvent::Crash(kind, text));
    }
    if let Some(at) = BANNER.with(|banner| banner.find(text.as_bytes())) {
        return Some(KernelEvent::KasanBanner(&text[at + "kasan: ".len()..]));
    }
    if let Some(rest) = text.strip_prefix("Malformed early option '") {
        let option = rest.strip_suffix('\'').unwrap_or(rest);
        return Some(KernelEvent::MalformedOption(option));
    }
    if text == "kunit: disabled" {
        return Some(KernelEvent::KunitDisabled);
    }
    if is_parameter_complaint(text) {
        return Some(KernelEvent::ParameterComplaint(text));
    }
    None
}

thread_local! {
    // Searched for in every line: built once.
    static BANNER: memchr::memmem::Finder<'static> =
        memchr::memmem::Finder::new("kasan: KernelAddressSanitizer initialized");
}

/// The three messages `parse_one()`'s callers print for a parameter they
/// could not apply (kernel/params.c, `parse_args()`).
fn is_parameter_complaint(text: &str) -> bool {
    text.ends_with('\'')
        && (text.contains(": Unknown parameter `")
            || text.contains("' invalid for parameter `")
            || text.contains("' too large for parameter `"))
}

fn crash_kind(text: &str) -> Option<CrashKind> {
    if text.starts_with("Kernel panic - not syncing") {
        Some(CrashKind::Panic)
    } else if text.starts_with("Internal error: ") {
        Some(CrashKind::Oops)
    } else if text.starts_with("Unable to handle kernel ") {
        Some(CrashKind::UnhandledFault)
    } else if text.starts_with("BUG: ") {
        Some(CrashKind::Bug)
    } else if text.starts_with("WARNING: CPU: ") && text.contains(" at ") {
        Some(CrashKind::Warning)
    } else {
        None
    }
}

/// True for the panic KASAN raises itself with `kasan.fault=panic` (or
/// `kasan.fault=panic_on_write`) after printing a report.
pub fn is_kasan_fault_panic(line: &str) -> bool {
    line.contains("kasan.fault=panic")
}

/// True for QEMU's own diagnostics (`qemu-system-aarch64: -m bogus: ...`),
/// which the runner merges into the console from QEMU's stderr.
pub fn is_qemu_message(line: &str) -> bool {
    line.starts_with("qemu-system-") && line.contains(": ")
}

/// The parsed KASAN boot banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KasanBanner {
    /// The text after `kasan: `, e.g.
    /// `KernelAddressSanitizer initialized (hw-tags, mode=sync, vmalloc=on, stacktrace=on)`.
    pub text: String,
}

impl KasanBanner {
    /// The flavour named first in the parentheses (`hw-tags`, `sw-tags`, `generic`).
    pub fn flavour(&self) -> Option<&str> {
        self.fields().next().filter(|f| !f.contains('='))
    }

    /// The value of a `key=value` field in the parentheses (`mode`, `vmalloc`, `stacktrace`).
    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields()
            .filter_map(|f| f.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }

    fn fields(&self) -> impl Iterator<Item = &str> {
        let inner = self
            .text
            .split_once('(')
            .map(|(_, rest)| rest.trim_end().trim_end_matches(')'))
            .unwrap_or("");
        inner.split(',').map(str::trim).filter(|f| !f.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_timestamp_and_keeps_ktap_indent() {
        assert_eq!(
            strip_printk_prefix("[    1.234567]     ok 1 kmalloc_oob_right\r\n"),
            "    ok 1 kmalloc_oob_right"
        );
        assert_eq!(
            strip_printk_prefix("[ 1234.5] KTAP version 1"),
            "KTAP version 1"
        );
    }

    #[test]
    fn strips_caller_ids() {
        assert_eq!(
            strip_printk_prefix("[    1.234567][    T1] kasan: hello"),
            "kasan: hello"
        );
        assert_eq!(
            strip_printk_prefix("[  T123]  dump_stack+0x1"),
            " dump_stack+0x1"
        );
        assert_eq!(strip_printk_prefix("[    C0] x"), "x");
    }

    #[test]
    fn leaves_other_brackets_alone() {
        assert_eq!(strip_printk_prefix("[#1] PREEMPT"), "[#1] PREEMPT");
        assert_eq!(strip_printk_prefix("plain line\r"), "plain line");
        assert_eq!(strip_printk_prefix("[    1.0]"), "");
    }

    #[test]
    fn classifies_kasan_lines() {
        let sep = "=".repeat(66);
        assert!(is_report_separator(&sep));
        assert!(!is_report_separator(&"=".repeat(65)));
        // Lockdep's banner (54) is not a report's separator.
        assert!(!is_report_separator(&"=".repeat(54)));
        assert!(is_report_separator(&format!("  {sep}\r")));
        assert_eq!(classify(&sep), None);
        // A report header is not a `BUG:` crash.
        assert_eq!(
            classify("BUG: KASAN: slab-out-of-bounds in f+0x1/0x2"),
            Some(KernelEvent::ReportHeader)
        );
        assert_eq!(classify("Asynchronous fault: no details available"), None);
    }

    #[test]
    fn classifies_crashes() {
        let kind = |s| match classify(s) {
            Some(KernelEvent::Crash(k, _)) => Some(k),
            _ => None,
        };
        assert_eq!(
            kind("Kernel panic - not syncing: Oops"),
            Some(CrashKind::Panic)
        );
        assert_eq!(
            kind("Internal error: Oops: 0000000096000007 [#1] PREEMPT SMP"),
            Some(CrashKind::Oops)
        );
        assert_eq!(
            kind("Unable to handle kernel paging request at virtual address 0"),
            Some(CrashKind::UnhandledFault)
        );
        assert_eq!(kind("BUG: scheduling while atomic"), Some(CrashKind::Bug));
        assert_eq!(
            kind("WARNING: CPU: 0 PID: 1 at mm/slub.c:123 f+0x1/0x2"),
            Some(CrashKind::Warning)
        );
        assert_eq!(kind("---[ end Kernel panic - not syncing: x ]---"), None);
        assert_eq!(kind("Call trace:"), None);
    }

    #[test]
    fn parses_banner() {
        let text = "[    0.1] kasan: KernelAddressSanitizer initialized (hw-tags, mode=sync, vmalloc=on, stacktrace=off)";
        let Some(KernelEvent::KasanBanner(b)) = classify(strip_printk_prefix(text)) else {
            panic!("no banner");
        };
        let banner = KasanBanner {
            text: b.to_string(),
        };
        assert_eq!(banner.flavour(), Some("hw-tags"));
        assert_eq!(banner.field("mode"), Some("sync"));
        assert_eq!(banner.field("stacktrace"), Some("off"));
        assert_eq!(banner.field("nope"), None);
    }

    #[test]
    fn parses_parameter_complaints() {
        let line = "kasan: `' invalid for parameter `kasan.mode'";
        assert_eq!(classify(line), Some(KernelEvent::ParameterComplaint(line)));
        let line = "Booting kernel: Unknown parameter `foo'";
        assert_eq!(classify(line), Some(KernelEvent::ParameterComplaint(line)));
        assert_eq!(
            classify(
                "Unknown kernel command line parameters \"x=1\", will be passed to user space."
            ),
            None
        );
    }

    #[test]
    fn parses_malformed_option() {
        assert_eq!(
            classify("Malformed early option 'kasan.mode'"),
            Some(KernelEvent::MalformedOption("kasan.mode"))
        );
    }
}
