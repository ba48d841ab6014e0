//! KASAN reports as data: extraction from console logs, dashboard-style
//! titles, JSON, dedup, normalised diff and symbolization.
//!
//! Rooms:
//! * [`parse`]: the streaming report parser ([`ReportParser`], [`parse_reports`]);
//! * [`title`]: the tool's own `KASAN: <bug> <Read|Write> in <func>` title;
//! * [`syzkaller`]: the title, crash type and corrupted flag syzkaller gives;
//! * [`json`]: the `--json` schema (`kasan-rs.reports/1`);
//! * [`table`]: the readable table;
//! * [`dedup`]: grouping by title;
//! * [`diff`]: comparing the reports of two logs after normalisation;
//! * [`symbolize`]: `func+0xoff/0xsize` to `file:line` from a vmlinux's DWARF;
//! * [`command`]: the `reports`, `symbolize` and `diff` subcommands.
//!
//! The report format parsed is mm/kasan/report.c of Linux 6.12 for the
//! hardware tag-based mode (see shared/kasan-anatomy.md §5); generic/software
//! tag reports (`Read of size N at addr`) are read too.

pub mod command;
pub mod dedup;
pub mod diff;
pub mod json;
pub mod parse;
pub mod symbolize;
pub mod syzkaller;
pub mod table;
pub mod title;

pub use parse::{parse_reports, ReportParser};

/// One stack frame as printed: `func+0xoff/0xsize [module]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Frame {
    /// The symbol as printed (Rust symbols stay mangled here); shared, as
    /// the same names repeat in every report.
    pub function: std::sync::Arc<str>,
    /// Offset into the function.
    pub offset: u64,
    /// Size of the function.
    pub size: u64,
    /// `[module]` suffix, when the frame is in a loadable module.
    pub module: Option<String>,
}

impl Frame {
    /// The function name for people: Rust v0/legacy symbols demangled
    /// (without hashes), C names as printed.
    pub fn display_name(&self) -> String {
        title::demangle(&self.function)
    }
}

/// The access line: `Write at addr ... by task comm/pid` (and friends).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Access {
    /// `Read`, `Write` or `Free`.
    pub op: String,
    /// `of size N` (software modes and `__kasan_check_byte`); `None` for tag faults.
    pub size: Option<u64>,
    /// The (tagged) address, hex without `0x`.
    pub addr: String,
    /// The task's comm.
    pub task: String,
    /// The task's pid.
    pub pid: u64,
}

/// An allocation or free stack (`Allocated by task N:`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Track {
    /// The pid after `by task`.
    pub pid: u64,
    /// The frames (empty when the stack was not available or was cut).
    pub frames: Vec<Frame>,
    /// False when KASAN printed `(stack is not available)`.
    pub available: bool,
}

/// `The buggy address belongs to the object at ...` and what follows.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ObjectInfo {
    /// The object's (untagged) address.
    pub address: String,
    /// The slab cache name.
    pub cache: Option<String>,
    /// The cache's object size.
    pub cache_size: Option<u64>,
    /// `N bytes` of `located N bytes ... of`.
    pub offset: Option<u64>,
    /// `inside`, `to the right`, `to the left`.
    pub relation: Option<String>,
    /// The region's size (`N-byte region`).
    pub region_size: Option<u64>,
    /// The region's start address.
    pub region_start: Option<String>,
    /// The region's end address.
    pub region_end: Option<String>,
}

/// One row of `Memory state around the buggy address:`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TagRow {
    /// The (untagged) row address.
    pub addr: String,
    /// The row printed with `>` (the one with the buggy address).
    pub guilty: bool,
    /// The 16 memory tags of the row.
    pub tags: Vec<u8>,
}

/// One KASAN report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// 0-based position among the log's reports.
    pub index: usize,
    /// 1-based line of the header.
    pub line: usize,
    /// 1-based line of the closing separator (or the last line read).
    pub end_line: usize,
    /// The `BUG: KASAN: ...` line (or `Asynchronous fault: ...` when alone).
    pub header: String,
    /// `slab-out-of-bounds`, `slab-use-after-free`, `invalid-access`,
    /// `double-free`, `invalid-free`, ...
    pub bug_type: String,
    /// The frame after ` in ` in the header.
    pub header_frame: Option<Frame>,
    /// True for a tag check fault reported asynchronously (`Asynchronous fault`).
    pub is_async: bool,
    /// The access line.
    pub access: Option<Access>,
    /// `Pointer tag: [xx]`.
    pub pointer_tag: Option<u8>,
    /// `memory tag: [yy]`.
    pub memory_tag: Option<u8>,
    /// `CPU: N` of the dump_stack header.
    pub cpu: Option<u64>,
    /// True once `Call trace:` was read.
    pub call_trace_seen: bool,
    /// The call trace's frames.
    pub call_trace: Vec<Frame>,
    /// `Allocated by task N:`.
    pub alloc: Option<Track>,
    /// `Freed by task N:`.
    pub free: Option<Track>,
    /// The slab object description.
    pub object: Option<ObjectInfo>,
    /// `The buggy address belongs to the variable:` symbol.
    pub variable: Option<String>,
    /// `The buggy address belongs to a N-page vmalloc region ...` (the line's text).
    pub vmalloc: Option<String>,
    /// True when `The buggy address belongs to the physical page:` was printed.
    pub physical_page: bool,
    /// True once `Memory state around the buggy address:` was read.
    pub tag_dump_seen: bool,
    /// The tag dump rows.
    pub tag_dump: Vec<TagRow>,
    /// Granule index (0..16) under the `^` of the guilty row.
    pub tag_dump_caret: Option<usize>,
    /// Lines inside the report that were not understood (another CPU's
    /// output, or lines of another printk caller).
    pub foreign_lines: usize,
    /// True when the closing separator was read.
    pub closed: bool,
    /// What a consumer needs and is missing or cut; empty when complete.
    pub incomplete: Vec<String>,
    /// The tool's own title (see [`title`]): syzbot's convention, but
    /// with the header's function kept when it is the bug's and async
    /// faults titled `... Async in <func>`.
    pub title: String,
    /// The title, alternative titles, crash type, frame and corrupted flag
    /// syzkaller computes (see [`syzkaller`]).
    pub syzkaller: syzkaller::SyzkallerTitle,
}

impl Report {
    /// True when nothing a consumer needs is missing.
    pub fn is_complete(&self) -> bool {
        self.incomplete.is_empty()
    }

    /// True for a report that is an `Asynchronous fault:` line with no
    /// `BUG: KASAN:` header before it (an older kernel's shape); its
    /// [`Report::header`] is that line.
    pub fn is_lone_async_fault(&self) -> bool {
        !self.header.starts_with("BUG: KASAN: ")
    }

    /// `Read`, `Write`, `Free`, or `Async` for an asynchronous fault.
    pub fn access_kind(&self) -> Option<&str> {
        match &self.access {
            Some(a) => Some(a.op.as_str()),
            None if self.is_async => Some("Async"),
            None => None,
        }
    }
}
