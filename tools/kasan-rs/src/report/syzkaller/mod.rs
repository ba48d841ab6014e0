//! Titles as syzkaller (and so syzbot's dashboard) computes them for Linux
//! KASAN reports: title, alternative titles, crash type, guilty frame,
//! corrupted flag and reason.
//!
//! Reimplemented from the rules of google/syzkaller's pkg/report
//! (linux.go, report.go, crash/title_to_type.go); the pattern lists are
//! syzkaller's facts, the code is ours. Each report's text is cut as
//! syzkaller cuts it ([`collect`]), then described ([`describe`]) and
//! sanitised ([`sanitize`]). Quirks are kept on purpose, since the point is
//! to predict the dashboard: on 6.12's arm64 tag-fault path the first frame
//! no skip pattern covers is often `do_bad_area`; every frame containing
//! `kasan` (the KUnit suite's `kasan_*` cases, Rust crates named
//! `kasan_rs_*`) or `kmalloc` (`kmalloc_oob_right`) is skipped; async
//! reports (`BUG: KASAN: invalid-access` with no function) are
//! `KASAN: invalid-access`, corrupted.
//!
//! One difference is by design: syzkaller reads a report's text up to the
//! end of the console (or, without caller ids, up to the next report's
//! header), while each report here ends where the report parser ends it.
//! With caller ids, and several reports of one task in one console, a
//! syzkaller format that looks ahead (the `Read|Write` line of an access
//! report, a trace whose frames are all skipped) could reach into the next
//! report there; streaming cannot see it. Consoles without caller ids, and
//! the first report of any console, are not affected.
//!
//! Rooms: [`console`] (one console line), [`collect`] (a report's text),
//! [`lines`] (the line tests of the formats), [`frames`] (frame lines, skip
//! patterns, prefixes, demangling), [`describe`] (formats, guilty frame,
//! corruption), [`sanitize`], [`crash_type`]; [`linux_oops`] titles the
//! other Linux oopses (WARNING, lockdep, KFENCE, BUG, hangs, panics).

pub mod collect;
pub mod console;
pub mod crash_type;
pub mod describe;
pub mod frames;
pub mod fxhash;
pub mod lines;
pub mod linux_oops;
pub mod marks;
pub mod oops;
pub mod sanitize;

use serde::Serialize;

pub use collect::ReportText;

/// What syzkaller says about one report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SyzkallerTitle {
    /// The title (`KASAN: slab-out-of-bounds Write in do_bad_area`).
    pub title: String,
    /// Alternative titles for deduplication (`bad-access in do_bad_area`).
    pub alt_titles: Vec<String>,
    /// The crash type (`KASAN-WRITE`, `KASAN-INVALID-FREE`, `KASAN-UNKNOWN`, ...).
    pub crash_type: String,
    /// The frame the title names, if it names one.
    pub frame: Option<String>,
    /// True when syzkaller marks the report corrupted.
    pub corrupted: bool,
    /// syzkaller's reason (`extracted no frames`, `report format is marked
    /// as corrupted`, `no stack trace in report`, ...), when corrupted.
    pub corrupted_reason: Option<String>,
}

impl SyzkallerTitle {
    /// Describes a report from its text as [`ReportText`] collected it;
    /// `None` when it has no `BUG: KASAN:` line.
    pub fn of_report(text: &ReportText) -> Option<Self> {
        let finished = text.finish();
        let all = describe::Text {
            lines: &finished.lines,
            stack_starts: &finished.stack_starts,
        };
        let title_starts = finished
            .stack_starts
            .partition_point(|&i| i < finished.title_lines);
        let title = describe::Text {
            lines: &finished.lines[..finished.title_lines],
            stack_starts: &finished.stack_starts[..title_starts],
        };
        Self::of_texts(title, all)
    }

    /// Describes a report whose title is taken from `title_text` and whose
    /// corruption is judged on `full_text` (syzkaller reads both).
    pub fn of_texts(title_text: describe::Text<'_>, full_text: describe::Text<'_>) -> Option<Self> {
        let d = describe::describe(title_text)?;
        let reason = d
            .corrupted
            .or_else(|| describe::corrupted_reason(&d.title, full_text));
        let crash_type = crash_type::crash_type(&d.title).to_string();
        let title = sanitize::sanitize(&d.title);
        // Repeats were dropped before sanitising, as syzkaller does.
        let alt_titles = d.alt_titles.iter().map(|t| sanitize::sanitize(t)).collect();
        Some(SyzkallerTitle {
            frame: sanitize::title_frame(&title),
            title,
            alt_titles,
            crash_type,
            corrupted: reason.is_some(),
            corrupted_reason: reason.map(str::to_string),
        })
    }
}
