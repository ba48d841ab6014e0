//! `kasan-rs diff A B`: the reports of two logs compared after normalisation.
//!
//! Each report is reduced to what does not change from run to run or from
//! the C to the Rust variant of the runtime: title, bug type, mode, access
//! kind/size and task name, the call/alloc/free stacks as function names
//! without offsets and without plumbing frames (stack dumping, KASAN
//! runtime, fault entry: see [`super::title`]), the object's cache, size,
//! offset and relation, which sections were printed, the tag dump's row
//! count, and what is incomplete. Addresses, tags, pids, CPUs, offsets,
//! timestamps and line numbers are dropped. The two sequences are aligned
//! (longest common subsequence); unmatched reports that share a title are
//! shown side by side with the fields that differ.

use std::fmt::Write as _;

use kasan_core::report::BugType;

use super::title::{is_free_bug, is_plumbing, title_name};
use super::{Frame, Report};

/// A report reduced to (field, value) pairs, in a fixed order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normal {
    /// Index of the report in its log.
    pub index: usize,
    /// Header line in its log.
    pub line: usize,
    /// The fields.
    pub fields: Vec<(&'static str, String)>,
}

impl Normal {
    fn get(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v.as_str())
    }

    fn key(&self) -> String {
        let mut k = String::new();
        for (n, v) in &self.fields {
            k.push_str(n);
            k.push('=');
            k.push_str(v);
            k.push('\n');
        }
        k
    }
}

fn names(frames: &[Frame], free: bool, allow: Allowances) -> String {
    let mut out = Vec::new();
    for f in frames.iter().filter(|f| !is_plumbing(&f.function, free)) {
        let name = title_name(&f.function);
        let idle = allow.any_idle_cpu && name == "do_idle";
        out.push(name);
        if idle {
            break;
        }
    }
    out.join(" < ")
}

/// `swapper/3` -> `swapper/*` when idle tasks are interchangeable.
fn task_name(task: &str, allow: Allowances) -> String {
    match task.strip_prefix("swapper/") {
        Some(cpu) if allow.any_idle_cpu && cpu.bytes().all(|c| c.is_ascii_digit()) => {
            "swapper/*".to_string()
        }
        _ => task.to_string(),
    }
}

/// What a comparison may ignore, each for a stated reason.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Allowances {
    /// Ignore the free stack of reports that are not about a freed object
    /// (out-of-bounds, invalid-access): it is printed only when the stack ring
    /// still holds a free of the same address with the same tag from an
    /// earlier life of the object, which depends on the tags handed out and so
    /// changes from boot to boot in either implementation. The free stack of a
    /// use-after-free, double-free or invalid-free is still compared.
    pub optional_free_stack: bool,
    /// Treat the idle tasks of all CPUs as one: a report from a softirq that
    /// interrupted an idle CPU (an RCU callback, say) names the idle task of
    /// whichever CPU the scheduler picked (`swapper/0`, `swapper/1`), and its
    /// stack ends in that CPU's boot path. With this, `swapper/N` reads
    /// `swapper/*` and stacks stop at `do_idle`.
    pub any_idle_cpu: bool,
}

/// Normalises one report.
pub fn normalize(r: &Report) -> Normal {
    normalize_with(r, Allowances::default())
}

/// Normalises one report, dropping what `allow` says may differ.
pub fn normalize_with(r: &Report, allow: Allowances) -> Normal {
    let free = is_free_bug(&r.bug_type);
    let mut f: Vec<(&'static str, String)> = vec![
        ("title", r.title.clone()),
        ("bug_type", r.bug_type.clone()),
        ("mode", if r.is_async { "async" } else { "sync" }.into()),
    ];
    let access = r.access.as_ref().map_or("-".to_string(), |a| {
        let size = a.size.map_or(String::new(), |s| format!(" of size {s}"));
        format!("{}{size} by {}", a.op, task_name(&a.task, allow))
    });
    f.push(("access", access));
    f.push(("tags printed", r.pointer_tag.is_some().to_string()));
    f.push(("call trace", names(&r.call_trace, free, allow)));
    // Only these reports are about a freed object, whose free stack matters.
    let about_freed = matches!(
        BugType::from_name(&r.bug_type),
        Some(BugType::SlabUseAfterFree | BugType::DoubleFree)
    );
    for (name, track) in [("alloc stack", &r.alloc), ("free stack", &r.free)] {
        if name == "free stack" && allow.optional_free_stack && !about_freed {
            f.push((name, "(ignored: optional)".into()));
            continue;
        }
        let v = match track {
            None => "-".to_string(),
            Some(t) if !t.available => "(not available)".to_string(),
            Some(t) => names(&t.frames, true, allow),
        };
        f.push((name, v));
    }
    let object = r.object.as_ref().map_or("-".to_string(), |o| {
        format!(
            "{} of size {}; {} bytes {} of {}-byte region",
            o.cache.as_deref().unwrap_or("?"),
            o.cache_size.map_or("?".into(), |s| s.to_string()),
            o.offset.map_or("?".into(), |s| s.to_string()),
            o.relation.as_deref().unwrap_or("?"),
            o.region_size.map_or("?".into(), |s| s.to_string()),
        )
    });
    f.push(("object", object));
    let mut sections = Vec::new();
    if r.variable.is_some() {
        sections.push("variable");
    }
    if r.vmalloc.is_some() {
        sections.push("vmalloc");
    }
    if r.physical_page {
        sections.push("page");
    }
    f.push(("sections", sections.join(",")));
    f.push(("tag dump rows", r.tag_dump.len().to_string()));
    f.push(("incomplete", r.incomplete.join(", ")));
    Normal {
        index: r.index,
        line: r.line,
        fields: f,
    }
}

/// One entry of a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// The same report on both sides (indices in A and B).
    Same(usize, usize),
    /// Only in A.
    OnlyA(usize),
    /// Only in B.
    OnlyB(usize),
    /// Same title, other fields differ: (A, B, names of differing fields).
    Changed(usize, usize, Vec<&'static str>),
}

/// The diff of two report lists.
#[derive(Clone, Debug)]
pub struct Diff {
    /// Normalised reports of A.
    pub a: Vec<Normal>,
    /// Normalised reports of B.
    pub b: Vec<Normal>,
    /// The aligned entries, in order.
    pub entries: Vec<Entry>,
}

/// Above this many cells the alignment falls back to a greedy one.
const MAX_LCS_CELLS: usize = 16_000_000;

/// Compares the reports of two logs.
pub fn diff(a: &[Report], b: &[Report]) -> Diff {
    diff_with(a, b, Allowances::default())
}

/// Compares the reports of two logs with the given allowances.
pub fn diff_with(a: &[Report], b: &[Report], allow: Allowances) -> Diff {
    let a: Vec<Normal> = a.iter().map(|r| normalize_with(r, allow)).collect();
    let b: Vec<Normal> = b.iter().map(|r| normalize_with(r, allow)).collect();
    let ka: Vec<String> = a.iter().map(Normal::key).collect();
    let kb: Vec<String> = b.iter().map(Normal::key).collect();
    let pairs = align(&ka, &kb);
    // Walk the matched pairs; between two of them, pair leftovers by title.
    let mut entries = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs.into_iter().chain(std::iter::once((a.len(), b.len()))) {
        let mut gap_b: Vec<Option<usize>> = (j..pj).map(Some).collect();
        for (ia, ra) in a.iter().enumerate().take(pi).skip(i) {
            let title = ra.get("title");
            let hit = gap_b
                .iter_mut()
                .find(|jb| jb.is_some_and(|jb| b[jb].get("title") == title))
                .and_then(Option::take);
            match hit {
                Some(jb) => {
                    let fields = ra
                        .fields
                        .iter()
                        .zip(&b[jb].fields)
                        .filter(|(x, y)| x.1 != y.1)
                        .map(|(x, _)| x.0)
                        .collect();
                    entries.push(Entry::Changed(ia, jb, fields));
                }
                None => entries.push(Entry::OnlyA(ia)),
            }
        }
        entries.extend(gap_b.into_iter().flatten().map(Entry::OnlyB));
        if pi < a.len() && pj < b.len() {
            entries.push(Entry::Same(pi, pj));
        }
        i = pi + 1;
        j = pj + 1;
    }
    Diff { a, b, entries }
}

/// Index pairs of a longest common subsequence of `a` and `b`.
fn align(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_LCS_CELLS {
        // Greedy: match each A in order with the next equal B.
        let mut out = Vec::new();
        let mut j = 0;
        for (i, ka) in a.iter().enumerate() {
            if let Some(off) = b[j..].iter().position(|kb| kb == ka) {
                out.push((i, j + off));
                j += off + 1;
            }
        }
        return out;
    }
    // lcs[i][j] = LCS length of a[i..], b[j..].
    let w = m + 1;
    let mut lcs = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * w + j] = if a[i] == b[j] {
                lcs[(i + 1) * w + j + 1] + 1
            } else {
                lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if lcs[(i + 1) * w + j] >= lcs[i * w + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

impl Diff {
    /// True when both logs have the same normalised reports in the same order.
    pub fn is_same(&self) -> bool {
        self.entries.iter().all(|e| matches!(e, Entry::Same(..)))
    }

    /// Number of [`Entry::Same`] entries.
    pub fn same(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| matches!(e, Entry::Same(..)))
            .count()
    }

    /// The readable diff: a summary line, then one block per difference.
    pub fn render(&self, name_a: &str, name_b: &str) -> String {
        let mut out = String::new();
        writeln!(
            out,
            "A: {name_a}: {} reports\nB: {name_b}: {} reports\n{} same after normalisation, {} differences",
            self.a.len(),
            self.b.len(),
            self.same(),
            self.entries.len() - self.same()
        )
        .unwrap();
        for e in &self.entries {
            match e {
                Entry::Same(..) => {}
                Entry::OnlyA(i) => {
                    let r = &self.a[*i];
                    writeln!(
                        out,
                        "- A#{} (line {}): {}",
                        r.index + 1,
                        r.line,
                        r.get("title")
                    )
                    .unwrap();
                }
                Entry::OnlyB(j) => {
                    let r = &self.b[*j];
                    writeln!(
                        out,
                        "+ B#{} (line {}): {}",
                        r.index + 1,
                        r.line,
                        r.get("title")
                    )
                    .unwrap();
                }
                Entry::Changed(i, j, fields) => {
                    let (ra, rb) = (&self.a[*i], &self.b[*j]);
                    writeln!(
                        out,
                        "~ A#{} (line {}) / B#{} (line {}): {}",
                        ra.index + 1,
                        ra.line,
                        rb.index + 1,
                        rb.line,
                        ra.get("title")
                    )
                    .unwrap();
                    for field in fields {
                        writeln!(
                            out,
                            "    {field}:\n      A: {}\n      B: {}",
                            ra.get(field),
                            rb.get(field)
                        )
                        .unwrap();
                    }
                }
            }
        }
        out
    }
}
