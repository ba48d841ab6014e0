//! The text of one report as syzkaller cuts it out of a console: the header
//! line, then the lines of the header's context (syzkaller's
//! `findReport` in pkg/report/linux.go: other contexts and questionable
//! lines are left out; after `Sending NMI from CPU` the lines of every CPU
//! context are kept; `Disabling lock debugging due to kernel taint` is
//! dropped; a `Kernel panic - not syncing` or lockdep-circular header more
//! than 22 lines in ends the text). Without caller ids the title is taken
//! from the text before the first line that starts another report
//! ([`super::oops`]); the corruption checks read all of it.

use super::console::{read_line, Context};

/// Lines taken before a panic message ends the text (syzkaller's
/// `reportMinLines` for non-KMSAN reports).
const MIN_LINES_BEFORE_PANIC: usize = 22;

/// The owned form of a [`Context`].
#[derive(Clone, Debug, PartialEq, Eq)]
enum OwnedContext {
    Bare,
    Console,
    Caller(String),
}

impl OwnedContext {
    fn matches(&self, other: Context<'_>) -> bool {
        match (self, other) {
            (OwnedContext::Bare, Context::Bare) => true,
            (OwnedContext::Console, Context::Console) => true,
            (OwnedContext::Caller(mine), Context::Caller(theirs)) => mine == theirs,
            _ => false,
        }
    }
}

/// Collects a report's text line by line; see the module documentation.
#[derive(Clone, Debug)]
pub struct ReportText {
    context: OwnedContext,
    text: String,
    lines: usize,
    cpu_traceback: bool,
    ended: bool,
    /// Length of the text before a second report, once one was seen.
    cut: Option<usize>,
}

impl ReportText {
    /// Starts with the header line (raw, with its printk prefix).
    pub fn new(header: &str) -> Self {
        let line = read_line(header);
        let context = match line.context {
            Context::Bare => OwnedContext::Bare,
            Context::Console => OwnedContext::Console,
            Context::Caller(id) => OwnedContext::Caller(id.to_string()),
        };
        let mut text = String::with_capacity(4096);
        text.push_str(line.text);
        text.push('\n');
        ReportText {
            context,
            text,
            lines: 1,
            cpu_traceback: false,
            ended: false,
            cut: None,
        }
    }

    /// Adds one raw console line of the report.
    pub fn push(&mut self, raw: &str) {
        if self.ended {
            return;
        }
        let keyed_by_caller = matches!(self.context, OwnedContext::Caller(_));
        if self.cut.is_none() && !keyed_by_caller && super::oops::starts_report(raw) {
            self.cut = Some(self.text.len());
        }
        let line = read_line(raw);
        if line.questionable
            || !(self.context.matches(line.context) || self.cpu_traceback && line.context.is_cpu())
        {
            return;
        }
        self.lines += 1;
        if raw.contains("Disabling lock debugging due to kernel taint") {
            return;
        }
        if raw.contains("Sending NMI from CPU") {
            self.cpu_traceback = true;
        } else if self.lines > MIN_LINES_BEFORE_PANIC
            && (raw.contains("Kernel panic - not syncing")
                || raw.contains("WARNING: possible circular locking dependency detected"))
        {
            self.ended = true;
            return;
        }
        self.text.push_str(line.text);
        self.text.push('\n');
    }

    /// The whole text, one line per `\n`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text the title is taken from (cut before a second report).
    pub fn title_text(&self) -> &str {
        &self.text[..self.cut.unwrap_or(self.text.len())]
    }
}
