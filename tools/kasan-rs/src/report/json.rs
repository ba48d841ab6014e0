//! The `--json` output: schema `kasan-rs.reports/2`.
//!
//! `kasan-rs reports --json LOG` prints one JSON document:
//!
//! ```text
//! {
//!   "schema": "kasan-rs.reports/2",
//!   "source": "out/logs/c-sync.log",          // the LOG argument ("-" for stdin)
//!   "lines": 8403,                              // console lines read
//!   "reports": [ REPORT, ... ],                 // in log order
//!   "summary": {
//!     "total": 148, "incomplete": 0,
//!     "by_type": { "slab-out-of-bounds": 96, ... }   // bug_type -> count
//!   }
//! }
//! ```
//!
//! REPORT (keys always present; `null` where the report did not say):
//!
//! ```text
//! index        int     0-based position in the log
//! line         int     1-based line of the `BUG: KASAN:` header
//! end_line     int     1-based line of the closing separator (or last line read)
//! title        string  syzkaller's title (`KASAN: slab-out-of-bounds Write in do_bad_area`)
//! syzkaller    {title, alt_titles: [string], crash_type: string ("KASAN-WRITE",
//!               "KASAN-INVALID-FREE", ... "KASAN-UNKNOWN"), frame: string|null,
//!               corrupted: bool, corrupted_reason: string|null}: what syzkaller
//!               computes for the report (src/report/syzkaller/)
//! kasan_rs_title string the tool's own title (`KASAN: slab-out-of-bounds Write in
//!               kmalloc_oob_right`; async faults `... Async in <func>`)
//! bug_type     string  `slab-out-of-bounds`, `slab-use-after-free`, `invalid-access`,
//!                      `double-free`, `invalid-free`, ...
//! mode         string  "sync" (a report with an access/free line) or "async"
//! header       string  the header line as printed
//! header_frame FRAME|null   the function after ` in `
//! access       {op: "Read"|"Write"|"Free", size: int|null, addr: hex string,
//!               task: string, pid: int} | null
//! pointer_tag  int|null     `Pointer tag: [f5]` (0..255)
//! memory_tag   int|null     `memory tag: [fe]`
//! cpu          int|null     `CPU: N` of the stack dump
//! call_trace   [FRAME]      frames of `Call trace:` in order
//! alloc        TRACK|null   `Allocated by task N:`
//! free         TRACK|null   `Freed by task N:`
//! object       {address, cache, cache_size, offset, relation, region_size,
//!               region_start, region_end} | null
//!              (relation: "inside", "to the right", "to the left")
//! variable     string|null  `The buggy address belongs to the variable:` symbol
//! vmalloc      string|null  the `belongs to a N-page vmalloc region ...` line
//! physical_page bool        the physical page was dumped
//! tag_dump     [{addr: hex string, guilty: bool, tags: [int x16]}]
//! tag_dump_caret int|null   granule (0..15) under the `^` of the guilty row
//! foreign_lines int         lines inside the report that were not its own
//! complete     bool         nothing in `incomplete`
//! incomplete   [string]     what is missing or cut, e.g. "access line",
//!                           "call trace frames", "allocation stack frames",
//!                           "tag dump rows (3 of 5)", "closing separator (...)"
//!
//! FRAME = {function: string (as printed, Rust mangled), name: string (demangled,
//!          no compiler suffix), offset: int, size: int, module: string|null}
//! TRACK = {pid: int, available: bool, frames: [FRAME]}
//! ```
//!
//! The types below are the schema: keys are printed in their field order.
//! New keys may be added within schema 2; a key is never removed or changed
//! in meaning without a new schema number. Schema 1 had the tool's own
//! title under `title`, no `syzkaller` and no `kasan_rs_title`, and sorted
//! keys.
//!
//! `--dedup --json` prints `kasan-rs.dedup/1`: `{schema, source, lines,
//! groups: [{title, bug_type, count, first_line, last_line, first_index,
//! last_index, incomplete}], summary}`.

use serde::Serialize;
use serde_json::{json, Map, Value};

use super::syzkaller::SyzkallerTitle;
use super::{title, Access, Frame, ObjectInfo, Report, TagRow, Track};

/// Schema name of the reports document.
pub const SCHEMA: &str = "kasan-rs.reports/2";
/// Schema name of the dedup document.
pub const DEDUP_SCHEMA: &str = "kasan-rs.dedup/1";

/// FRAME.
#[derive(Serialize)]
pub struct FrameJson<'a> {
    /// As printed (Rust symbols mangled).
    pub function: &'a str,
    /// Demangled, without compiler suffixes.
    pub name: String,
    /// Offset into the function.
    pub offset: u64,
    /// Size of the function.
    pub size: u64,
    /// `[module]`.
    pub module: Option<&'a str>,
}

impl<'a> From<&'a Frame> for FrameJson<'a> {
    fn from(f: &'a Frame) -> Self {
        FrameJson {
            function: &f.function,
            name: title::title_name(&f.function),
            offset: f.offset,
            size: f.size,
            module: f.module.as_deref(),
        }
    }
}

fn frames(list: &[Frame]) -> Vec<FrameJson<'_>> {
    list.iter().map(FrameJson::from).collect()
}

/// TRACK.
#[derive(Serialize)]
pub struct TrackJson<'a> {
    /// `by task N`.
    pub pid: u64,
    /// False for `(stack is not available)`.
    pub available: bool,
    /// The frames.
    pub frames: Vec<FrameJson<'a>>,
}

impl<'a> From<&'a Track> for TrackJson<'a> {
    fn from(t: &'a Track) -> Self {
        TrackJson {
            pid: t.pid,
            available: t.available,
            frames: frames(&t.frames),
        }
    }
}

/// REPORT (see the module documentation).
#[derive(Serialize)]
pub struct ReportJson<'a> {
    /// 0-based position in the log.
    pub index: usize,
    /// Header line (1-based).
    pub line: usize,
    /// Closing line (1-based).
    pub end_line: usize,
    /// syzkaller's title.
    pub title: &'a str,
    /// All syzkaller says.
    pub syzkaller: &'a SyzkallerTitle,
    /// The tool's own title.
    pub kasan_rs_title: &'a str,
    /// The header's bug type.
    pub bug_type: &'a str,
    /// `sync` or `async`.
    pub mode: &'static str,
    /// The header line.
    pub header: &'a str,
    /// The header's function.
    pub header_frame: Option<FrameJson<'a>>,
    /// The access line.
    pub access: Option<&'a Access>,
    /// `Pointer tag: [xx]`.
    pub pointer_tag: Option<u8>,
    /// `memory tag: [yy]`.
    pub memory_tag: Option<u8>,
    /// `CPU: N`.
    pub cpu: Option<u64>,
    /// The call trace.
    pub call_trace: Vec<FrameJson<'a>>,
    /// The allocation stack.
    pub alloc: Option<TrackJson<'a>>,
    /// The free stack.
    pub free: Option<TrackJson<'a>>,
    /// The slab object.
    pub object: Option<&'a ObjectInfo>,
    /// The global variable.
    pub variable: Option<&'a str>,
    /// The vmalloc line.
    pub vmalloc: Option<&'a str>,
    /// The physical page was dumped.
    pub physical_page: bool,
    /// The tag dump.
    pub tag_dump: &'a [TagRow],
    /// The caret's granule.
    pub tag_dump_caret: Option<usize>,
    /// Lines not the report's own.
    pub foreign_lines: usize,
    /// Nothing missing.
    pub complete: bool,
    /// What is missing.
    pub incomplete: &'a [String],
}

impl<'a> From<&'a Report> for ReportJson<'a> {
    fn from(r: &'a Report) -> Self {
        ReportJson {
            index: r.index,
            line: r.line,
            end_line: r.end_line,
            title: &r.syzkaller.title,
            syzkaller: &r.syzkaller,
            kasan_rs_title: &r.title,
            bug_type: &r.bug_type,
            mode: if r.is_async { "async" } else { "sync" },
            header: &r.header,
            header_frame: r.header_frame.as_ref().map(FrameJson::from),
            access: r.access.as_ref(),
            pointer_tag: r.pointer_tag,
            memory_tag: r.memory_tag,
            cpu: r.cpu,
            call_trace: frames(&r.call_trace),
            alloc: r.alloc.as_ref().map(TrackJson::from),
            free: r.free.as_ref().map(TrackJson::from),
            object: r.object.as_ref(),
            variable: r.variable.as_deref(),
            vmalloc: r.vmalloc.as_deref(),
            physical_page: r.physical_page,
            tag_dump: &r.tag_dump,
            tag_dump_caret: r.tag_dump_caret,
            foreign_lines: r.foreign_lines,
            complete: r.is_complete(),
            incomplete: &r.incomplete,
        }
    }
}

/// One frame as JSON.
pub fn frame(f: &Frame) -> Value {
    serde_json::to_value(FrameJson::from(f)).expect("frames serialise")
}

/// One report as JSON (see the module documentation).
pub fn report(r: &Report) -> Value {
    serde_json::to_value(ReportJson::from(r)).expect("reports serialise")
}

/// One report as a JSON text.
pub fn report_text(r: &Report) -> String {
    serde_json::to_string(&ReportJson::from(r)).expect("reports serialise")
}

/// Counts per bug type, in first-seen order kept by the caller.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Reports seen.
    pub total: usize,
    /// Of which incomplete.
    pub incomplete: usize,
    /// (bug type, count), most frequent first after [`Summary::sorted`].
    pub by_type: Vec<(String, usize)>,
}

impl Summary {
    /// Counts one report.
    pub fn add(&mut self, r: &Report) {
        self.total += 1;
        if !r.is_complete() {
            self.incomplete += 1;
        }
        match self.by_type.iter_mut().find(|(t, _)| *t == r.bug_type) {
            Some((_, n)) => *n += 1,
            None => self.by_type.push((r.bug_type.clone(), 1)),
        }
    }

    /// Types by count, most first (ties by name).
    pub fn sorted(&self) -> Vec<(String, usize)> {
        let mut v = self.by_type.clone();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// JSON form.
    pub fn to_json(&self) -> Value {
        let by_type: Map<String, Value> = self
            .by_type
            .iter()
            .map(|(t, n)| (t.clone(), json!(n)))
            .collect();
        json!({"total": self.total, "incomplete": self.incomplete, "by_type": by_type})
    }

    /// `148 reports: 96 slab-out-of-bounds, ...; 0 incomplete`.
    pub fn line(&self) -> String {
        let types: Vec<String> = self
            .sorted()
            .iter()
            .map(|(t, n)| format!("{n} {t}"))
            .collect();
        let what = if self.total == 1 { "report" } else { "reports" };
        if types.is_empty() {
            format!("0 {what}")
        } else {
            format!(
                "{} {what}: {}; {} incomplete",
                self.total,
                types.join(", "),
                self.incomplete
            )
        }
    }
}
