//! The `--json` output: schema `kasan-rs.reports/1`.
//!
//! `kasan-rs reports --json LOG` prints one JSON document:
//!
//! ```text
//! {
//!   "schema": "kasan-rs.reports/1",
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
//! title        string  `KASAN: slab-out-of-bounds Write in kmalloc_oob_right`
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
//! Keys of an object are printed in sorted order. New keys may be added
//! within schema 1; a key is never removed or changed in meaning without
//! a new schema number.
//!
//! `--dedup --json` prints `kasan-rs.dedup/1`: `{schema, source, lines,
//! groups: [{title, bug_type, count, first_line, last_line, first_index,
//! last_index, incomplete}], summary}`.

use serde_json::{json, Map, Value};

use super::{title, Frame, Report, Track};

/// Schema name of the reports document.
pub const SCHEMA: &str = "kasan-rs.reports/1";
/// Schema name of the dedup document.
pub const DEDUP_SCHEMA: &str = "kasan-rs.dedup/1";

/// One frame as JSON.
pub fn frame(f: &Frame) -> Value {
    json!({
        "function": f.function,
        "name": title::title_name(&f.function),
        "offset": f.offset,
        "size": f.size,
        "module": f.module,
    })
}

fn frames(list: &[Frame]) -> Value {
    Value::Array(list.iter().map(frame).collect())
}

fn track(t: &Option<Track>) -> Value {
    match t {
        None => Value::Null,
        Some(t) => json!({"pid": t.pid, "available": t.available, "frames": frames(&t.frames)}),
    }
}

/// One report as JSON (see the module documentation).
pub fn report(r: &Report) -> Value {
    let mut m = Map::new();
    m.insert("index".into(), json!(r.index));
    m.insert("line".into(), json!(r.line));
    m.insert("end_line".into(), json!(r.end_line));
    m.insert("title".into(), json!(r.title));
    m.insert("bug_type".into(), json!(r.bug_type));
    m.insert(
        "mode".into(),
        json!(if r.is_async { "async" } else { "sync" }),
    );
    m.insert("header".into(), json!(r.header));
    m.insert(
        "header_frame".into(),
        r.header_frame.as_ref().map_or(Value::Null, frame),
    );
    m.insert(
        "access".into(),
        match &r.access {
            None => Value::Null,
            Some(a) => json!({
                "op": a.op, "size": a.size, "addr": a.addr, "task": a.task, "pid": a.pid,
            }),
        },
    );
    m.insert("pointer_tag".into(), json!(r.pointer_tag));
    m.insert("memory_tag".into(), json!(r.memory_tag));
    m.insert("cpu".into(), json!(r.cpu));
    m.insert("call_trace".into(), frames(&r.call_trace));
    m.insert("alloc".into(), track(&r.alloc));
    m.insert("free".into(), track(&r.free));
    m.insert(
        "object".into(),
        match &r.object {
            None => Value::Null,
            Some(o) => json!({
                "address": o.address, "cache": o.cache, "cache_size": o.cache_size,
                "offset": o.offset, "relation": o.relation, "region_size": o.region_size,
                "region_start": o.region_start, "region_end": o.region_end,
            }),
        },
    );
    m.insert("variable".into(), json!(r.variable));
    m.insert("vmalloc".into(), json!(r.vmalloc));
    m.insert("physical_page".into(), json!(r.physical_page));
    m.insert(
        "tag_dump".into(),
        Value::Array(
            r.tag_dump
                .iter()
                .map(|row| json!({"addr": row.addr, "guilty": row.guilty, "tags": row.tags}))
                .collect(),
        ),
    );
    m.insert("tag_dump_caret".into(), json!(r.tag_dump_caret));
    m.insert("foreign_lines".into(), json!(r.foreign_lines));
    m.insert("complete".into(), json!(r.is_complete()));
    m.insert("incomplete".into(), json!(r.incomplete));
    Value::Object(m)
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
