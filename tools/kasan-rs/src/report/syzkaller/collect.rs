//! The text of one report as syzkaller cuts it out of a console: the header
//! line, then the lines of the header's context (syzkaller's
//! `findReport` in pkg/report/linux.go: other contexts and questionable
//! lines are left out; after `Sending NMI from CPU` the lines of every CPU
//! context are kept; `Disabling lock debugging due to kernel taint` is
//! dropped; a `Kernel panic - not syncing` or lockdep-circular header more
//! than 22 lines in ends the text). Without caller ids the title is taken
//! from the text before the first line that starts another report
//! ([`super::oops`]); the corruption checks read all of it.
//!
//! Lines are only appended while the report is read; the searches run once
//! over the whole text when it is done ([`ReportText::finish`]), which is
//! what keeps the parser's speed.

use memchr::memmem;

use super::console::{read_line, Context};
use super::marks::Mark;

/// Lines taken before a panic message ends the text (syzkaller's
/// `reportMinLines` for non-KMSAN reports).
const MIN_LINES_BEFORE_PANIC: usize = 22;

const DISABLING: &str = super::marks::DISABLING;
const NMI: &str = "Sending NMI from CPU";

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
    /// Lines in `text`.
    lines: usize,
    /// Where each line of `text` ends (its newline), so that finishing need
    /// not split the text again.
    ends: Vec<u32>,
    /// Lines in `text` when a left-out line started another report.
    left_out_cut: Option<usize>,
}

/// The allocations of a text, kept for the next one.
#[derive(Clone, Debug, Default)]
pub struct Buffers {
    text: String,
    ends: Vec<u32>,
}

/// A finished text: its lines, how many of them the title reads, and which
/// of them start a stack.
#[derive(Debug)]
pub struct Finished<'a> {
    /// The lines syzkaller reads for corruption checks.
    pub lines: Vec<&'a str>,
    /// How many of them the title is taken from.
    pub title_lines: usize,
    /// Indices of the lines that start a stack, ascending.
    pub stack_starts: Vec<usize>,
}

impl ReportText {
    /// Starts with the header line (raw, with its printk prefix).
    pub fn new(header: &str) -> Self {
        Self::reusing(header, Buffers::default())
    }

    /// Like [`ReportText::new`], in the buffers of a finished text (a
    /// parser reads one report after the other).
    pub fn reusing(header: &str, buffers: Buffers) -> Self {
        let Buffers { mut text, mut ends } = buffers;
        text.clear();
        ends.clear();
        let line = read_line(header);
        let context = match line.context {
            Context::Bare => OwnedContext::Bare,
            Context::Console => OwnedContext::Console,
            Context::Caller(id) => OwnedContext::Caller(id.to_string()),
        };
        text.push_str(line.text);
        ends.push(text.len() as u32);
        text.push('\n');
        ReportText {
            context,
            text,
            lines: 1,
            ends,
            left_out_cut: None,
        }
    }

    /// Adds one raw console line of the report.
    pub fn push(&mut self, raw: &str) {
        let line = read_line(raw);
        let included = !line.questionable
            && (self.context.matches(line.context)
                || line.context.is_cpu()
                    && memmem::find(self.text.as_bytes(), NMI.as_bytes()).is_some());
        if !included {
            let keyed_by_caller = matches!(self.context, OwnedContext::Caller(_));
            if self.left_out_cut.is_none() && !keyed_by_caller && super::oops::starts_report(raw) {
                self.left_out_cut = Some(self.lines);
            }
            return;
        }
        self.text.push_str(line.text);
        self.ends.push(self.text.len() as u32);
        self.text.push('\n');
        self.lines += 1;
    }

    /// Gives the allocations back, for [`ReportText::reusing`].
    pub fn into_buffers(self) -> Buffers {
        Buffers {
            text: self.text,
            ends: self.ends,
        }
    }

    /// The lines as syzkaller reads them.
    pub fn finish(&self) -> Finished<'_> {
        let text = self.text.as_str();
        let mut start = 0;
        let mut lines: Vec<&str> = Vec::with_capacity(self.ends.len());
        for &end in &self.ends {
            lines.push(&text[start..end as usize]);
            start = end as usize + 1;
        }
        let offset = |line: &str| line.as_ptr() as usize - text.as_ptr() as usize;
        let line_at =
            |pos: usize, lines: &[&str]| match lines.binary_search_by(|l| offset(l).cmp(&pos)) {
                Ok(i) => i,
                Err(i) => i - 1,
            };
        // One search over the text finds every line that matters.
        let mut end = lines.len();
        let mut oops_lines = Vec::new();
        let mut stack_starts = Vec::new();
        let mut disabling = false;
        for (mark, pos) in super::marks::find(text) {
            let at = line_at(pos, &lines);
            match mark {
                Mark::PanicOrCircular(also_oops) => {
                    // More than 22 lines in, it ends the text.
                    if at + 1 > MIN_LINES_BEFORE_PANIC {
                        end = end.min(at);
                    }
                    if also_oops {
                        oops_lines.push(at);
                    }
                }
                Mark::Oops => oops_lines.push(at),
                Mark::StackStart(exact) => {
                    let exact = exact || super::lines::stack_start_at(text, pos) == Some(true);
                    stack_starts.push((at, exact));
                }
                Mark::Disabling => disabling = true,
            }
        }
        // Without caller ids, the first line after the header that starts
        // another report ends the title's text.
        let mut title_end = end;
        if !matches!(self.context, OwnedContext::Caller(_)) {
            if let Some(cut) = self.left_out_cut {
                title_end = title_end.min(cut);
            }
            oops_lines.dedup();
            if let Some(&at) = oops_lines
                .iter()
                .find(|&&i| i > 0 && super::oops::starts_report(lines[i]))
            {
                title_end = title_end.min(at);
            }
        }
        stack_starts.dedup_by(|b, a| {
            // Keep one entry per line, exact if any of its marks is.
            let same = a.0 == b.0;
            if same {
                a.1 |= b.1;
            }
            same
        });
        let stack_starts: Vec<usize> = stack_starts
            .into_iter()
            .filter(|&(i, exact)| i < end && (exact || super::lines::is_stack_start(lines[i])))
            .map(|(i, _)| i)
            .collect();
        let disabling = disabling;
        // `Disabling lock debugging` lines are counted but not kept.
        if disabling {
            let mut kept = Vec::with_capacity(lines.len());
            let (mut new_end, mut new_title_end) = (0, 0);
            let mut starts = Vec::new();
            for (i, line) in lines.iter().enumerate().take(end) {
                if line.contains(DISABLING) && i > 0 {
                    continue;
                }
                if stack_starts.binary_search(&i).is_ok() {
                    starts.push(kept.len());
                }
                kept.push(*line);
                new_end += 1;
                if i < title_end {
                    new_title_end += 1;
                }
            }
            return Finished {
                lines: kept,
                title_lines: new_title_end.min(new_end),
                stack_starts: starts,
            };
        }
        lines.truncate(end);
        Finished {
            title_lines: title_end.min(lines.len()),
            lines,
            stack_starts,
        }
    }
}
