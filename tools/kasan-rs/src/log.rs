//! Reading a whole console log: KTAP results, KASAN reports, crash
//! signatures and boot facts, gathered in one pass.
//!
//! [`LogParser`] is fed line by line (the QEMU runner does so live, to stop
//! early) and [`LogParser::finish`] yields the [`ParsedLog`]. [`parse_log`]
//! is the one-shot form used for logs on disk.

use crate::console::{self, CrashKind, KasanBanner, KernelEvent};
use crate::ktap::{KtapBuilder, Position, Suite};

/// One KASAN report, identified by its header line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KasanReport {
    /// `BUG: KASAN: ...` (or `Asynchronous fault: ...` when no BUG line preceded it).
    pub header: String,
    /// 1-based line number in the log.
    pub line: usize,
    /// The test in progress when it was printed.
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
    /// Printed between a KASAN report's opening and closing separators.
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
#[derive(Debug, Default)]
pub struct LogParser {
    ktap: KtapBuilder,
    log: ParsedLog,
    /// Inside a KASAN report block (between its separators).
    in_report: bool,
    /// The current report block already has its header.
    report_has_header: bool,
}

impl LogParser {
    /// A parser that has read nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads one raw console line (with or without its line ending).
    pub fn feed(&mut self, raw: &str) {
        self.log.lines += 1;
        let msg = console::strip_printk_prefix(raw);
        if !msg.trim().is_empty() {
            self.log.last_line = Some(msg.to_string());
        }
        if self.ktap.ktap(msg) {
            return;
        }
        if console::is_qemu_message(msg) {
            self.log.qemu_messages.push(msg.to_string());
        }
        let mut report_header = false;
        match console::classify(msg) {
            Some(KernelEvent::ReportSeparator) => {
                self.in_report = !self.in_report;
                self.report_has_header = false;
            }
            Some(KernelEvent::ReportHeader(header)) => {
                self.record_report(header);
                self.report_has_header = self.in_report;
                report_header = true;
            }
            // In async mode KASAN prints `BUG: KASAN: invalid-access` and then
            // this line: one report, not two.
            Some(KernelEvent::AsyncFault(line)) if !(self.in_report && self.report_has_header) => {
                self.record_report(line);
                self.report_has_header = self.in_report;
                report_header = true;
            }
            Some(KernelEvent::Crash(kind, text)) => {
                self.log.crashes.push(CrashLine {
                    kind,
                    text: text.to_string(),
                    line: self.log.lines,
                    inside_report: self.in_report,
                    reports_before: self.log.reports.len(),
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
            Some(KernelEvent::AsyncFault(_)) | None => {}
        }
        self.ktap.console(msg, report_header);
    }

    fn record_report(&mut self, header: &str) {
        self.log.reports.push(KasanReport {
            header: header.to_string(),
            line: self.log.lines,
            position: self.ktap.position(),
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
    pub fn finish(self) -> ParsedLog {
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
        assert_eq!(log.reports[0].header, "BUG: KASAN: invalid-access");
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
    fn kasan_fault_panic_needs_a_report_first() {
        let log = parse_log("Kernel panic - not syncing: kasan.fault=panic set ...\n");
        assert!(!log.crashes[0].is_kasan_fault_panic());
    }
}
