//! Reading a whole console log: KTAP results, KASAN reports, crash
//! signatures and boot facts, gathered in one pass.
//!
//! [`LogParser`] is fed line by line (the QEMU runner does so live, to stop
//! early) and [`LogParser::finish`] yields the [`ParsedLog`]. [`parse_log`]
//! is the one-shot form used for logs on disk.

use crate::console::{self, CrashKind, KasanBanner, KernelEvent};
use crate::ktap::{KtapBuilder, Position, Suite};
use crate::report::{Report, ReportParser};

/// One KASAN report of the log, with the test in progress when it began.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KasanReport {
    /// The report as [`ReportParser::boundaries_only`] reads it: index,
    /// lines, header, bug type, access line and async flag (no frames, no
    /// titles); complete once the report ended.
    pub report: Report,
    /// The test in progress when its header was printed.
    pub position: Option<Position>,
}

/// One console line carrying a crash signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrashLine {
    /// Which signature.
    pub kind: CrashKind,
    /// The line (printk prefix stripped).
    pub text: String,
    /// 1-based line number in the log.
    pub line: usize,
    /// Printed while a KASAN report was open (after its header, before its
    /// end, as [`ReportParser`] reads them).
    pub inside_report: bool,
    /// Number of KASAN reports printed before this line.
    pub reports_before: usize,
    /// The test in progress when it was printed.
    pub position: Option<Position>,
}

impl CrashLine {
    /// A panic raised by KASAN itself (`kasan.fault=panic`) after a report.
    pub fn is_kasan_fault_panic(&self) -> bool {
        self.kind == CrashKind::Panic
            && self.reports_before > 0
            && console::is_kasan_fault_panic(&self.text)
    }
}

/// Everything the harness knows about one console log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedLog {
    /// Number of lines read.
    pub lines: usize,
    /// The KASAN boot banner, if printed.
    pub banner: Option<KasanBanner>,
    /// Options named in `Malformed early option '...'` lines.
    pub malformed_options: Vec<String>,
    /// `parse_args()`'s complaints about parameters, in order (whole lines).
    pub parameter_complaints: Vec<String>,
    /// True when `kunit: disabled` was printed.
    pub kunit_disabled: bool,
    /// True once a top-level KTAP header was seen.
    pub ktap_seen: bool,
    /// The top-level KTAP plan (number of suites), summed over documents.
    pub plan: Option<u32>,
    /// The suites, in order.
    pub suites: Vec<Suite>,
    /// All KASAN reports, in order.
    pub reports: Vec<KasanReport>,
    /// All crash signature lines, in order (whether expected or not is for
    /// the verdict to decide).
    pub crashes: Vec<CrashLine>,
    /// The last non-empty console line (a hint when nothing else was found).
    pub last_line: Option<String>,
    /// QEMU's own error lines (`qemu-system-aarch64: ...`).
    pub qemu_messages: Vec<String>,
}

impl ParsedLog {
    /// True when KTAP began, every suite finished and the top-level plan is met.
    pub fn ktap_complete(&self) -> bool {
        self.ktap_seen
            && self.suites.iter().all(Suite::finished)
            && self
                .plan
                .map_or(!self.suites.is_empty(), |p| self.suites.len() as u32 >= p)
    }

    /// The suite with this name (the last one, if it ran more than once).
    pub fn suite(&self, name: &str) -> Option<&Suite> {
        self.suites.iter().rev().find(|s| s.name == name)
    }

    /// KASAN reports printed outside any suite.
    pub fn reports_outside_tests(&self) -> usize {
        self.reports.iter().filter(|r| r.position.is_none()).count()
    }
}

/// Incremental console-log reader.
///
/// Report boundaries are the one report parser's ([`ReportParser`]): every
/// line is fed to it first, a report is recorded when it ends (with the test
/// in progress when it began), and a line is inside a report while it has
/// one open.
#[derive(Debug)]
pub struct LogParser {
    ktap: KtapBuilder,
    log: ParsedLog,
    reports: ReportParser,
    /// The test in progress when the open report began.
    open_position: Option<Position>,
}

impl Default for LogParser {
    fn default() -> Self {
        Self {
            ktap: KtapBuilder::default(),
            log: ParsedLog::default(),
            reports: ReportParser::boundaries_only(),
            open_position: None,
        }
    }
}

impl LogParser {
    /// A parser that has read nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads one raw console line (with or without its line ending).
    pub fn feed(&mut self, raw: &str) {
        self.log.lines += 1;
        let split = console::split_printk_prefix(raw);
        let before = self.reports.reports_begun();
        if let Some(report) = self.reports.feed_prefixed(raw, split) {
            self.report_ended(report);
        }
        let began = self.reports.reports_begun() > before && self.reports.open_report().is_some();
        let msg = split.1;
        if !msg.trim().is_empty() {
            self.log.last_line = Some(msg.to_string());
        }
        let ktap = self.ktap.ktap(msg);
        if began {
            self.open_position = self.ktap.position();
        }
        if ktap {
            return;
        }
        if console::is_qemu_message(msg) {
            self.log.qemu_messages.push(msg.to_string());
        }
        match console::classify(msg) {
            Some(KernelEvent::Crash(kind, text)) => {
                self.log.crashes.push(CrashLine {
                    kind,
                    text: text.to_string(),
                    line: self.log.lines,
                    inside_report: self.reports.open_report().is_some(),
                    reports_before: self.reports.reports_begun(),
                    position: self.ktap.position(),
                });
            }
            Some(KernelEvent::KasanBanner(text)) => {
                self.log.banner = Some(KasanBanner {
                    text: text.to_string(),
                });
            }
            Some(KernelEvent::MalformedOption(option)) => {
                self.log.malformed_options.push(option.to_string());
            }
            Some(KernelEvent::ParameterComplaint(line)) => {
                self.log.parameter_complaints.push(line.to_string());
            }
            Some(KernelEvent::KunitDisabled) => self.log.kunit_disabled = true,
            Some(KernelEvent::ReportHeader) | None => {}
        }
        // The index and header of the report this line began, if it began one.
        let begun = match self.reports.open_report() {
            Some(r) if began => Some((r.index, r.header.as_str())),
            _ => None,
        };
        self.ktap.console(msg, begun);
    }

    /// Records a report the report parser ended (read whole: a symbolized
    /// report repeats its header, and the last one stands).
    fn report_ended(&mut self, report: Report) {
        self.log.reports.push(KasanReport {
            report,
            position: self.open_position.take(),
        });
    }

    /// True once a kernel panic line was read.
    pub fn panic_seen(&self) -> bool {
        self.log.crashes.iter().any(|c| c.kind == CrashKind::Panic)
    }

    /// True once the top-level KTAP plan is fulfilled with no subtest open.
    pub fn ktap_complete(&self) -> bool {
        self.ktap.complete()
    }

    /// Ends the log and returns what was found.
    pub fn finish(mut self) -> ParsedLog {
        if let Some(report) = self.reports.finish() {
            self.report_ended(report);
        }
        let mut log = self.log;
        log.ktap_seen = self.ktap.started();
        let (plan, suites) = self.ktap.finish();
        log.plan = plan;
        log.suites = suites;
        log
    }
}

/// Parses a whole console log held in memory.
pub fn parse_log(text: &str) -> ParsedLog {
    let mut parser = LogParser::new();
    for line in text.lines() {
        parser.feed(line);
    }
    parser.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn async_report_counts_once() {
        let sep = "=".repeat(66);
        let log = parse_log(&format!(
            "[ 1.0] {sep}\n[ 1.0] BUG: KASAN: invalid-access\n[ 1.0] Asynchronous fault: no details available\n[ 1.0] {sep}\n"
        ));
        assert_eq!(log.reports.len(), 1);
        assert_eq!(log.reports[0].report.header, "BUG: KASAN: invalid-access");
        assert!(log.reports[0].report.is_async);
    }

    #[test]
    fn crash_inside_report_is_marked() {
        let sep = "=".repeat(66);
        let log = parse_log(&format!(
            "{sep}\nBUG: KASAN: use-after-free in f\nWARNING: CPU: 0 PID: 1 at x.c:1 f\n{sep}\nKernel panic - not syncing: kasan.fault=panic set ...\n"
        ));
        assert_eq!(log.crashes.len(), 2);
        assert!(log.crashes[0].inside_report);
        assert!(!log.crashes[1].inside_report);
        assert!(log.crashes[1].is_kasan_fault_panic());
    }

    #[test]
    fn boundaries_are_the_report_parsers() {
        let sep = "=".repeat(66);
        // A symbolized report repeats its header: one report, the last header.
        let log = parse_log(&format!(
            "{sep}\nBUG: KASAN: slab-out-of-bounds in h include/linux/list.h:883 [inline]\n\
             BUG: KASAN: slab-out-of-bounds in f+0x18/0xc0 a.c:1\n\
             Read of size 8 at addr ffff000000001000 by task t/1\n{sep}\n"
        ));
        assert_eq!(log.reports.len(), 1);
        let r = &log.reports[0].report;
        assert_eq!(
            r.header,
            "BUG: KASAN: slab-out-of-bounds in f+0x18/0xc0 a.c:1"
        );
        assert_eq!((r.line, r.end_line), (2, 5));
        assert_eq!(r.access.as_ref().map(|a| a.op.as_str()), Some("Read"));
        // A header after dropped printk messages is a report too.
        let log = parse_log(&format!(
            "{sep}\n** 3 printk messages dropped ** [ 1.0] BUG: KASAN: use-after-free in f+0x1/0x2\n{sep}\n"
        ));
        assert_eq!(log.reports.len(), 1);
        // A report that lost its opening separator still ends at its closing one.
        let log = parse_log(&format!(
            "BUG: KASAN: use-after-free in f+0x1/0x2\n{sep}\nWARNING: CPU: 0 PID: 1 at x.c:1 f\n"
        ));
        assert!(!log.crashes[0].inside_report);
        // KFENCE brackets its reports with the same separator: not a KASAN report.
        let log = parse_log(&format!(
            "{sep}\nBUG: KFENCE: use-after-free read in f+0x1/0x2\n{sep}\n"
        ));
        assert!(log.reports.is_empty());
        assert!(!log.crashes[0].inside_report);
    }

    #[test]
    fn kasan_fault_panic_needs_a_report_first() {
        let log = parse_log("Kernel panic - not syncing: kasan.fault=panic set ...\n");
        assert!(!log.crashes[0].is_kasan_fault_panic());
    }
}
