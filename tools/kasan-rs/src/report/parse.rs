//! The streaming KASAN report parser.
//!
//! [`ReportParser::feed`] takes one raw console line at a time and hands back
//! each report as soon as it ends (closing separator, next report, or
//! [`ReportParser::finish`] at the end of the log). It keeps only the report
//! being read, with its frames, stacks and tag rows capped, so memory stays
//! bounded whatever the log's length; [`read_reports`] also caps the length
//! of a line, so a log without newlines cannot grow a buffer either.
//!
//! Printk prefixes (`[    1.234567]`, `[    1.234567][    T1]`) are
//! stripped. When lines carry a caller id (`CONFIG_PRINTK_CALLER`), the lines
//! of other callers inside a report are set aside as foreign (another CPU's
//! output); without caller ids, lines that fit no part of the report are.

use std::io::{self, BufRead};

use kasan_core::report::{dump, BugType};

use super::syzkaller::collect::Buffers;
use super::syzkaller::{console::strip_dropped, ReportText, SyzkallerTitle};
use super::title;
use super::{Access, Frame, ObjectInfo, Report, TagRow, Track};

/// At most this many frames are kept per stack.
pub const MAX_FRAMES: usize = 256;
/// At most this many tag dump rows are kept.
pub const MAX_TAG_ROWS: usize = 16;
/// A report longer than this many lines is closed as incomplete.
pub const MAX_REPORT_LINES: usize = 20_000;
/// Lines longer than this are cut (by [`read_reports`] and [`ReportParser::feed`]).
pub const MAX_LINE: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    /// Header, access, tags, `CPU:` lines.
    Head,
    CallTrace,
    Alloc,
    Free,
    Object,
    Variable,
    Page,
    Tags,
    /// After a blank line: waiting for the next section's heading.
    Idle,
}

#[derive(Debug)]
struct Builder {
    report: Report,
    section: Section,
    /// Caller id (`T35`, `C0`) of the header line, when printed.
    caller: Option<String>,
    lines: usize,
    /// Width of the tag dump row prefix before the first tag (`>` + address + `: `).
    tag_prefix: usize,
    /// The report's text as syzkaller cuts it, for its title.
    syzkaller_text: ReportText,
}

/// Incremental report reader; see the module documentation.
#[derive(Debug, Default)]
pub struct ReportParser {
    line_no: usize,
    current: Option<Builder>,
    next_index: usize,
    /// The last report's syzkaller text buffers, reused for the next.
    spare: Buffers,
    /// Only boundaries, headers and access lines are read
    /// ([`ReportParser::boundaries_only`]).
    boundaries_only: bool,
}

/// The bug type of a header, given the text after `BUG: KASAN: `:
/// `slab-out-of-bounds` of `slab-out-of-bounds in f+0x1/0x2`, and
/// `null-ptr-deref` of generic KASAN's `null-ptr-deref on address 0000000000000010`.
pub fn bug_type(rest: &str) -> &str {
    let bug = match rest.split_once(" in ") {
        Some((bug, _)) => bug,
        None => rest.split_once(" on address").map_or(rest, |(bug, _)| bug),
    };
    bug.trim()
}

/// Splits a raw console line into its printk caller id (if any) and the
/// message ([`crate::console::split_printk_prefix`]), also without a
/// `** N printk messages dropped **` before or after the prefix.
pub fn split_prefix(raw: &str) -> (Option<&str>, &str) {
    let line = crate::console::without_line_end(raw);
    let line = strip_dropped(line).unwrap_or(line);
    let (caller, msg) = crate::console::split_bracketed_prefix(line);
    if msg.len() == line.len() {
        (None, line)
    } else {
        (caller, strip_dropped(msg).unwrap_or(msg))
    }
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn hex_u64(s: &str) -> Option<u64> {
    let s = s.strip_prefix("0x").unwrap_or(s);
    if s.is_empty() || s.len() > 16 {
        return None;
    }
    s.bytes().try_fold(0u64, |n, b| {
        let d = (b as char).to_digit(16)?;
        Some(n << 4 | u64::from(d))
    })
}

/// Parses a frame `func+0xoff/0xsize [module]` (leading spaces, a `? `
/// marker and trailing `(C)`-style or `file:line` notes allowed).
pub fn parse_frame(s: &str) -> Option<Frame> {
    // Byte scanning: frames are most of a report, and ASCII.
    let s = s.trim_start_matches([' ', '\t']);
    let s = s.strip_prefix("? ").unwrap_or(s);
    let end = s
        .bytes()
        .position(|b| b == b' ' || b == b'\t')
        .unwrap_or(s.len());
    let (token, rest) = s.split_at(end);
    let plus = memchr::memrchr(b'+', token.as_bytes())?;
    let (function, offsets) = (&token[..plus], &token[plus + 1..]);
    let (off, size) = offsets.split_once('/')?;
    let offset = hex_u64(off.strip_prefix("0x")?)?;
    let size = hex_u64(size.strip_prefix("0x")?)?;
    if function.is_empty()
        || !function
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'$'))
    {
        return None;
    }
    let module = if memchr::memchr(b'[', rest.as_bytes()).is_some() {
        rest.split_ascii_whitespace()
            .find_map(|w| w.strip_prefix('[').and_then(|w| w.strip_suffix(']')))
            .filter(|m| *m != "inline" && !m.is_empty())
            .map(str::to_string)
    } else {
        None
    };
    Some(Frame {
        function: intern(function),
        offset,
        size,
        module,
    })
}

thread_local! {
    // Frame names repeat in every report: one allocation per distinct name.
    static NAMES: std::cell::RefCell<super::syzkaller::fxhash::FxHashMap<Box<str>, std::sync::Arc<str>>> =
        std::cell::RefCell::new(Default::default());
}

/// The shared copy of `name`.
fn intern(name: &str) -> std::sync::Arc<str> {
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(shared) = names.get(name) {
            return shared.clone();
        }
        if names.len() > 100_000 {
            names.clear();
        }
        let shared: std::sync::Arc<str> = name.into();
        names.insert(name.into(), shared.clone());
        shared
    })
}

/// `Write at addr X by task comm/pid`, `Read of size N at addr X by task
/// comm/pid`, `Free of addr X by task comm/pid`.
pub fn parse_access(msg: &str) -> Option<Access> {
    let (left, who) = msg.trim_end().rsplit_once(" by task ")?;
    let (task, pid) = who.rsplit_once('/')?;
    let pid = pid.parse().ok()?;
    let (op, rest) = left.split_once(' ')?;
    if !matches!(op, "Read" | "Write" | "Free") {
        return None;
    }
    let (size, addr) = if let Some(rest) = rest.strip_prefix("of size ") {
        match rest.split_once(" at addr ") {
            Some((size, addr)) => (Some(size.parse().ok()?), addr),
            // Old format: the address is on the header line.
            None => {
                let size = rest.trim().parse().ok()?;
                return Some(Access {
                    op: op.to_string(),
                    size: Some(size),
                    addr: String::new(),
                    task: task.to_string(),
                    pid,
                });
            }
        }
    } else if let Some(addr) = rest.strip_prefix("at addr ") {
        (None, addr)
    } else {
        (None, rest.strip_prefix("of addr ")?)
    };
    let addr = addr.trim();
    if !is_hex(addr) {
        return None;
    }
    Some(Access {
        op: op.to_string(),
        size,
        addr: addr.to_string(),
        task: task.to_string(),
        pid,
    })
}

/// `Pointer tag: [f5], memory tag: [fe]`.
fn parse_tags(msg: &str) -> Option<(u8, u8)> {
    let rest = msg.strip_prefix("Pointer tag: [")?;
    let (ptr, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix(", memory tag: [")?;
    let (mem, _) = rest.split_once(']')?;
    Some((
        u8::from_str_radix(ptr, 16).ok()?,
        u8::from_str_radix(mem, 16).ok()?,
    ))
}

/// ` ffff000000ce1700: f5 f5 ... fe` or `>ffff...: ...`.
fn parse_tag_row(msg: &str) -> Option<(TagRow, usize)> {
    let guilty = match msg.as_bytes().first()? {
        b'>' => true,
        b' ' => false,
        _ => return None,
    };
    let (addr, bytes) = msg[1..].split_once(": ")?;
    if addr.len() < 8 || !is_hex(addr) {
        return None;
    }
    let mut tags = Vec::with_capacity(dump::TAGS_PER_ROW);
    for b in bytes.split_whitespace() {
        if b.len() != 2 || tags.len() == 64 {
            return None;
        }
        tags.push(u8::from_str_radix(b, 16).ok()?);
    }
    if tags.is_empty() {
        return None;
    }
    Some((
        TagRow {
            addr: addr.to_string(),
            guilty,
            tags,
        },
        1 + addr.len() + 2,
    ))
}

/// Cuts `line` to at most [`MAX_LINE`] bytes, on a char boundary.
fn cap_line(line: &str) -> &str {
    if line.len() <= MAX_LINE {
        return line;
    }
    let mut end = MAX_LINE;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    &line[..end]
}

impl ReportParser {
    /// A parser that has read nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of lines read so far.
    pub fn lines(&self) -> usize {
        self.line_no
    }

    /// A parser that finds the reports [`ReportParser::new`] finds, where
    /// they begin and end, with the same index, line, header and access
    /// line, and reads no more: no titles, no stack frames. For readers that
    /// need only where reports are ([`crate::log::LogParser`]).
    pub fn boundaries_only() -> Self {
        Self {
            boundaries_only: true,
            ..Self::default()
        }
    }

    /// Number of reports begun so far (the next report's [`Report::index`]).
    pub fn reports_begun(&self) -> usize {
        self.next_index
    }

    /// The report being read (header, line and what was parsed so far), if
    /// the last line fed left one open.
    pub fn open_report(&self) -> Option<&Report> {
        self.current.as_ref().map(|b| &b.report)
    }

    /// Reads one raw console line; returns the report this line ended, if any.
    pub fn feed(&mut self, raw: &str) -> Option<Report> {
        let raw = cap_line(raw);
        let (caller, msg) = split_prefix(raw);
        self.feed_split(raw, caller, msg)
    }

    /// [`ReportParser::feed`] of a line whose printk prefix the caller has
    /// already split off with [`crate::console::split_printk_prefix`] (so
    /// that it is read once): the same result as `feed(raw)`.
    pub fn feed_prefixed(&mut self, raw: &str, split: (Option<&str>, &str)) -> Option<Report> {
        let (caller, msg) = split;
        if raw.len() > MAX_LINE || msg.starts_with("** ") {
            // Cut, or `** N printk messages dropped **`: the long way.
            return self.feed(raw);
        }
        self.feed_split(raw, caller, msg)
    }

    fn feed_split(&mut self, raw: &str, caller: Option<&str>, msg: &str) -> Option<Report> {
        self.line_no += 1;
        let msg = msg.trim_end();
        // Fast path: outside a report only a header can matter.
        if self.current.is_none() {
            if let Some(rest) = msg.strip_prefix("BUG: KASAN: ") {
                self.start(caller, raw, msg, rest);
            } else if msg.starts_with("Asynchronous fault:") {
                // A fault line without a BUG line before it (an older kernel's shape).
                self.start(caller, raw, msg, BugType::InvalidAccess.as_str());
                if let Some(b) = &mut self.current {
                    b.report.is_async = true;
                }
            }
            return None;
        }
        // KASAN prints one report at a time (report_lock): a header, from
        // whichever caller, means the report being read was cut.
        if let Some(rest) = msg.strip_prefix("BUG: KASAN: ") {
            // A symbolized report repeats its header once per inlined frame
            // (`BUG: KASAN: x in inlined file:line [inline]`, then `... in
            // func+0x18/0xc0 file:line`): the same report, the last frame wins.
            let builder = self.current.as_mut().expect("checked above");
            if !self.boundaries_only {
                builder.syzkaller_text.push(raw);
            }
            if builder.lines == 0 {
                if let Some((bug, func)) = rest.split_once(" in ") {
                    if bug.trim() == builder.report.bug_type {
                        builder.report.header = msg.to_string();
                        builder.report.header_frame = parse_frame(func);
                        return None;
                    }
                }
            }
            let done = self.end(false, "closing separator (cut by the next report)");
            self.start(caller, raw, msg, rest);
            return done;
        }
        let builder = self.current.as_mut().expect("checked above");
        if !self.boundaries_only {
            builder.syzkaller_text.push(raw);
        }
        if let (Some(mine), Some(theirs)) = (&builder.caller, caller) {
            if mine != theirs {
                builder.report.foreign_lines += 1;
                return None;
            }
        }
        if crate::console::is_report_separator(msg) {
            return self.end(true, "");
        }
        builder.lines += 1;
        builder.report.end_line = self.line_no;
        // A stack's lines carry no header or access line.
        if !(self.boundaries_only && builder.in_stack() && msg.starts_with(' ')) {
            builder.line(msg);
        }
        if builder.lines > MAX_REPORT_LINES {
            let cut = format!("closing separator (report cut after {MAX_REPORT_LINES} lines)");
            return self.end(false, &cut);
        }
        None
    }

    /// Ends the log; returns the report that was still open, if any.
    pub fn finish(&mut self) -> Option<Report> {
        self.end(false, "closing separator (log ends inside the report)")
    }

    fn start(&mut self, caller: Option<&str>, raw: &str, header: &str, rest: &str) {
        let bug_type = bug_type(rest);
        let frame = rest
            .split_once(" in ")
            .and_then(|(_, func)| parse_frame(func));
        let report = Report {
            index: self.next_index,
            line: self.line_no,
            end_line: self.line_no,
            header: header.to_string(),
            bug_type: bug_type.to_string(),
            header_frame: frame,
            ..Report::default()
        };
        self.next_index += 1;
        self.current = Some(Builder {
            report,
            section: Section::Head,
            caller: caller.map(str::to_string),
            lines: 0,
            tag_prefix: dump::PREFIX_WIDTH,
            syzkaller_text: ReportText::reusing(raw, std::mem::take(&mut self.spare)),
        });
    }

    fn end(&mut self, closed: bool, why_not: &str) -> Option<Report> {
        let builder = self.current.take()?;
        let mut report = builder.report;
        if !self.boundaries_only {
            report.syzkaller =
                SyzkallerTitle::of_report(&builder.syzkaller_text).unwrap_or_default();
        }
        self.spare = builder.syzkaller_text.into_buffers();
        report.closed = closed;
        if closed {
            report.end_line = self.line_no;
        }
        finalize(&mut report, why_not);
        if !self.boundaries_only {
            report.title = title::title(&report);
        }
        Some(report)
    }
}

impl Builder {
    fn in_stack(&self) -> bool {
        matches!(
            self.section,
            Section::CallTrace | Section::Alloc | Section::Free
        )
    }

    fn stack(&mut self) -> Option<&mut Vec<Frame>> {
        let r = &mut self.report;
        match self.section {
            Section::CallTrace => Some(&mut r.call_trace),
            Section::Alloc => r.alloc.as_mut().map(|t| &mut t.frames),
            Section::Free => r.free.as_mut().map(|t| &mut t.frames),
            _ => None,
        }
    }

    fn line(&mut self, msg: &str) {
        if msg.is_empty() {
            if self.section != Section::Head {
                self.section = Section::Idle;
            }
            return;
        }
        // Frames first: they are most of a report.
        if self.in_stack() && msg.starts_with(' ') {
            if let Some(frame) = parse_frame(msg) {
                if let Some(stack) = self.stack() {
                    if stack.len() < MAX_FRAMES {
                        stack.push(frame);
                    }
                }
                return;
            }
        }
        let r = &mut self.report;
        if self.section == Section::Tags {
            if let Some((row, prefix)) = parse_tag_row(msg) {
                if r.tag_dump.len() < MAX_TAG_ROWS {
                    if row.guilty {
                        self.tag_prefix = prefix;
                    }
                    r.tag_dump.push(row);
                }
                return;
            }
            let t = msg.trim_end();
            if t.ends_with('^') && t[..t.len() - 1].bytes().all(|b| b == b' ') {
                let col = t.len() - 1;
                r.tag_dump_caret = col
                    .checked_sub(self.tag_prefix)
                    .map(|c| c / dump::TAG_WIDTH)
                    .filter(|g| *g < 64);
                return;
            }
        }
        if self.section == Section::Variable {
            if let Some(frame) = msg.strip_prefix(' ') {
                r.variable = Some(frame.trim().to_string());
                self.section = Section::Idle;
                return;
            }
        }
        if self.section == Section::Object {
            let t = msg.trim_start();
            if let Some(rest) = t.strip_prefix("which belongs to the cache ") {
                if let (Some(obj), Some((cache, size))) =
                    (r.object.as_mut(), rest.rsplit_once(" of size "))
                {
                    obj.cache = Some(cache.to_string());
                    obj.cache_size = size.trim().parse().ok();
                }
                return;
            }
            if let Some(rest) = t.strip_prefix("The buggy address is located ") {
                if let (Some(obj), Some((n, rel))) = (r.object.as_mut(), rest.split_once(" bytes "))
                {
                    obj.offset = n.parse().ok();
                    obj.relation = Some(rel.strip_suffix(" of").unwrap_or(rel).to_string());
                }
                return;
            }
            if let Some((size, range)) = t.split_once("-byte region [") {
                if let Some(obj) = r.object.as_mut() {
                    let size = size.rsplit(' ').next().unwrap_or(size);
                    obj.region_size = size.parse().ok();
                    if let Some((a, b)) = range.trim_end_matches(')').split_once(", ") {
                        obj.region_start = Some(a.to_string());
                        obj.region_end = Some(b.to_string());
                    }
                }
                return;
            }
        }
        if r.access.is_none() && !r.call_trace_seen {
            if let Some(mut access) = parse_access(msg) {
                if access.addr.is_empty() {
                    // Old format: `Read of size 8 by task ...` below a header
                    // ending in `at addr X`.
                    access.addr = header_addr(&r.header).unwrap_or_default().to_string();
                }
                r.access = Some(access);
                return;
            }
        }
        if msg.starts_with("Asynchronous fault:") {
            r.is_async = true;
            return;
        }
        if let Some((ptr, mem)) = parse_tags(msg) {
            r.pointer_tag = Some(ptr);
            r.memory_tag = Some(mem);
            return;
        }
        if let Some(rest) = msg.strip_prefix("CPU: ") {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            r.cpu = digits.parse().ok();
            return;
        }
        if msg.eq_ignore_ascii_case("Call trace:") {
            r.call_trace_seen = true;
            self.section = Section::CallTrace;
            return;
        }
        if let Some(pid) = track_header(msg, "Allocated by task ") {
            r.alloc = Some(Track {
                pid,
                frames: Vec::new(),
                available: true,
            });
            self.section = Section::Alloc;
            return;
        }
        if let Some(pid) = track_header(msg, "Freed by task ") {
            r.free = Some(Track {
                pid,
                frames: Vec::new(),
                available: true,
            });
            self.section = Section::Free;
            return;
        }
        if msg.trim() == "(stack is not available)" {
            let track = match self.section {
                Section::Alloc => r.alloc.as_mut(),
                Section::Free => r.free.as_mut(),
                _ => None,
            };
            if let Some(track) = track {
                track.available = false;
            }
            return;
        }
        if let Some(rest) = msg.strip_prefix("The buggy address belongs to the object at ") {
            r.object = Some(ObjectInfo {
                address: rest.trim().to_string(),
                ..ObjectInfo::default()
            });
            self.section = Section::Object;
            return;
        }
        if msg.starts_with("The buggy address belongs to the variable:") {
            self.section = Section::Variable;
            return;
        }
        if msg.starts_with("The buggy address belongs to a") {
            r.vmalloc = Some(msg.to_string());
            return;
        }
        if msg.starts_with("The buggy address belongs to the physical page:") {
            r.physical_page = true;
            self.section = Section::Page;
            return;
        }
        if msg.starts_with("Memory state around the buggy address:") {
            r.tag_dump_seen = true;
            self.section = Section::Tags;
            return;
        }
        if self.section == Section::Page || known_line(msg) {
            return;
        }
        r.foreign_lines += 1;
    }
}

/// `... at addr ffff8800b6a1c2c8` at the end of an old-format header.
fn header_addr(header: &str) -> Option<&str> {
    let (_, addr) = header.rsplit_once(" at addr ")?;
    let addr = addr.trim();
    is_hex(addr).then_some(addr)
}

/// `Allocated by task 35:` (also `... by task 35 on cpu 0 at 1.2s:`).
fn track_header(msg: &str, prefix: &str) -> Option<u64> {
    let rest = msg.strip_prefix(prefix)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if !rest.trim_end().ends_with(':') {
        return None;
    }
    digits.parse().ok()
}

/// Lines of a report that carry nothing parsed but are not foreign.
fn known_line(msg: &str) -> bool {
    const KNOWN: &[&str] = &[
        "Tainted: ",
        "Hardware name: ",
        "Workqueue: ",
        "Modules linked in",
        "<TASK>",
        "</TASK>",
        "<IRQ>",
        "</IRQ>",
        "Last potentially related work creation:",
        "Second to last potentially related work creation:",
        "page_owner",
    ];
    let t = msg.trim_start();
    KNOWN.iter().any(|k| t.starts_with(k))
}

/// Sets the list of what is missing.
fn finalize(r: &mut Report, why_not_closed: &str) {
    let mut missing = Vec::new();
    if !r.closed {
        missing.push(why_not_closed.to_string());
    }
    if r.access.is_none() && !r.is_async {
        missing.push("access line".to_string());
    }
    if !r.call_trace_seen {
        missing.push("call trace".to_string());
    } else if r.call_trace.is_empty() {
        missing.push("call trace frames".to_string());
    }
    for (name, track) in [("allocation", &r.alloc), ("free", &r.free)] {
        if let Some(t) = track {
            if t.available && t.frames.is_empty() {
                missing.push(format!("{name} stack frames"));
            }
        }
    }
    if let Some(obj) = &r.object {
        if obj.cache.is_none() || obj.region_size.is_none() {
            missing.push("object description".to_string());
        }
    }
    if r.tag_dump_seen {
        if r.tag_dump.len() != dump::ROWS {
            missing.push(format!(
                "tag dump rows ({} of {})",
                r.tag_dump.len(),
                dump::ROWS
            ));
        } else if !r.tag_dump.iter().any(|row| row.guilty) {
            missing.push("tag dump guilty row".to_string());
        } else if r.tag_dump_caret.is_none() {
            missing.push("tag dump caret".to_string());
        }
    } else if r.pointer_tag.is_some() && !r.is_async {
        // `Pointer tag:` is printed only for addresses with metadata, and those
        // always get the tag dump.
        missing.push("tag dump".to_string());
    }
    r.incomplete = missing;
}

/// Parses every report of a log held in memory.
pub fn parse_reports(text: &str) -> Vec<Report> {
    let mut parser = ReportParser::new();
    let mut out = Vec::new();
    for line in text.lines() {
        out.extend(parser.feed(line));
    }
    out.extend(parser.finish());
    out
}

/// Streams `reader` line by line (lines capped at [`MAX_LINE`] bytes, the
/// rest of a longer line skipped), calling `each` on every report as it
/// ends. Returns the number of lines read.
pub fn read_reports<R: BufRead>(mut reader: R, mut each: impl FnMut(Report)) -> io::Result<usize> {
    let mut parser = ReportParser::new();
    let mut line: Vec<u8> = Vec::with_capacity(256);
    let mut skipping = false;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            break;
        }
        let (chunk, found_newline) = match memchr::memchr(b'\n', buf) {
            Some(at) => (&buf[..at], true),
            None => (buf, false),
        };
        if !skipping {
            let room = MAX_LINE - line.len();
            line.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if chunk.len() > room {
                skipping = true;
            }
        }
        let used = chunk.len() + usize::from(found_newline);
        reader.consume(used);
        if found_newline {
            // Valid UTF-8 (nearly every line) needs no copy.
            let report = match std::str::from_utf8(&line) {
                Ok(text) => parser.feed(text),
                Err(_) => parser.feed(&String::from_utf8_lossy(&line)),
            };
            if let Some(report) = report {
                each(report);
            }
            line.clear();
            skipping = false;
        }
    }
    if !line.is_empty() {
        if let Some(report) = parser.feed(&String::from_utf8_lossy(&line)) {
            each(report);
        }
    }
    if let Some(report) = parser.finish() {
        each(report);
    }
    Ok(parser.lines())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_prefixes() {
        assert_eq!(split_prefix("[    1.234567] x"), (None, "x"));
        assert_eq!(
            split_prefix("[    1.234567][    T1] BUG: KASAN: x"),
            (Some("T1"), "BUG: KASAN: x")
        );
        assert_eq!(
            split_prefix("[ 1.0][ C12]  frame+0x1/0x2"),
            (Some("C12"), " frame+0x1/0x2")
        );
        assert_eq!(split_prefix("[not] a prefix"), (None, "[not] a prefix"));
        assert_eq!(split_prefix("plain\r\n"), (None, "plain"));
    }

    #[test]
    fn parses_frames() {
        let f = parse_frame(" kmalloc_oob_right+0x88/0x290").unwrap();
        assert_eq!(
            (&*f.function, f.offset, f.size),
            ("kmalloc_oob_right", 0x88, 0x290)
        );
        let f = parse_frame(" init_module+0x64/0x400 [kasan_rs_sample]").unwrap();
        assert_eq!(f.module.as_deref(), Some("kasan_rs_sample"));
        let f = parse_frame("  show_stack+0x24/0x40 (C)").unwrap();
        assert_eq!(&*f.function, "show_stack");
        assert!(parse_frame(" not a frame").is_none());
        assert!(parse_frame(" a b+0x1/0x2").is_none());
        assert!(parse_frame(" f+0xzz/0x2").is_none());
    }

    #[test]
    fn parses_access_lines() {
        let a = parse_access("Write at addr f5ff000000ce1770 by task kunit_try_catch/35").unwrap();
        assert_eq!((a.op.as_str(), a.size, a.pid), ("Write", None, 35));
        let a = parse_access("Read of size 8 at addr ffff88004fab1858 by task syz-executor0/30168")
            .unwrap();
        assert_eq!(a.size, Some(8));
        let a = parse_access("Free of addr f7ff000000c11780 by task kworker/u4:6/2919").unwrap();
        assert_eq!((a.op.as_str(), a.task.as_str()), ("Free", "kworker/u4:6"));
        assert!(parse_access("Write at addr zz by task a/1").is_none());
    }

    /// A tag dump laid out by kasan-core's `dump` (what the kernel prints) is
    /// read back whole, with the granule under the caret.
    #[test]
    fn reads_the_kernels_tag_dump_layout() {
        use kasan_core::tags::GRANULE_SIZE;
        for granule in 0..dump::TAGS_PER_ROW {
            let addr = 0xffff_0000_0123_4a00 + granule * GRANULE_SIZE + 3;
            let mut text = String::from(
                "BUG: KASAN: slab-out-of-bounds in f+0x1/0x2\n\
                 Memory state around the buggy address:\n",
            );
            for i in 0..dump::ROWS {
                let row = dump::row(addr, i);
                let prefix = dump::row_prefix(row, i == dump::ROWS_AROUND);
                text.push_str(std::str::from_utf8(&prefix[..dump::PREFIX_WIDTH]).unwrap());
                let tags: Vec<String> = (0..dump::TAGS_PER_ROW)
                    .map(|t| format!("{:02x}", 0xf0 + t))
                    .collect();
                text.push_str(&tags.join(" "));
                text.push('\n');
                if dump::is_guilty(row, addr) {
                    // `%*c`: the caret right-aligned in the width.
                    let width = dump::caret_width(row, addr);
                    text.push_str(&format!("{:>width$}\n", '^'));
                }
            }
            let r = &parse_reports(&text)[0];
            assert_eq!(r.tag_dump.len(), dump::ROWS);
            assert_eq!(r.tag_dump.iter().filter(|row| row.guilty).count(), 1);
            assert_eq!(r.tag_dump[0].tags.len(), dump::TAGS_PER_ROW);
            assert_eq!(r.tag_dump_caret, Some(granule));
            assert!(
                !r.incomplete.iter().any(|m| m.starts_with("tag dump")),
                "{:?}",
                r.incomplete
            );
        }
    }

    /// Every bug type kasan-core prints is read as that type.
    #[test]
    fn reads_the_kernels_bug_types() {
        for t in BugType::ALL {
            let r = &parse_reports(&format!("BUG: KASAN: {} in f+0x1/0x2\n", t.as_str()))[0];
            assert_eq!(r.bug_type, t.as_str());
        }
        let r = &parse_reports("Asynchronous fault: no details available\n")[0];
        assert_eq!(
            BugType::from_name(&r.bug_type),
            Some(BugType::InvalidAccess)
        );
    }
}
