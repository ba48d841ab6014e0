//! The `reports` parser on real consoles (tests/data/c-sync.log: the
//! upstream KUnit suite on the C variant, kasan.mode=sync; c-async.log:
//! the same in kasan.mode=async; rust-sync.log: the Rust variant;
//! rust-run.log: the sample module on the Rust variant).

use kasan_rs_tools::report::dedup::Dedup;
use kasan_rs_tools::report::diff::{diff, Entry};
use kasan_rs_tools::report::json::{self, Summary};
use kasan_rs_tools::report::parse::{read_reports, MAX_FRAMES};
use kasan_rs_tools::report::{parse_reports, Report};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn names(frames: &[kasan_rs_tools::report::Frame]) -> Vec<&str> {
    frames.iter().map(|f| &*f.function).collect()
}

#[test]
fn c_sync_counts_match_the_measured_baseline() {
    let reports = parse_reports(&data("c-sync.log"));
    let mut summary = Summary::default();
    reports.iter().for_each(|r| summary.add(r));
    assert_eq!(summary.total, 148);
    assert_eq!(
        summary.sorted(),
        [
            ("slab-out-of-bounds".to_string(), 96),
            ("slab-use-after-free".to_string(), 22),
            ("invalid-access".to_string(), 21),
            ("double-free".to_string(), 5),
            ("invalid-free".to_string(), 4),
        ]
    );
    assert_eq!(
        summary.incomplete,
        0,
        "{:?}",
        reports.iter().find(|r| !r.is_complete())
    );
    assert!(reports.iter().all(|r| r.closed && !r.is_async));
    assert_eq!(
        summary.line(),
        "148 reports: 96 slab-out-of-bounds, 22 slab-use-after-free, 21 invalid-access, \
         5 double-free, 4 invalid-free; 0 incomplete"
    );
}

#[test]
fn first_c_sync_report_in_full() {
    let r = &parse_reports(&data("c-sync.log"))[0];
    assert_eq!((r.index, r.line, r.end_line), (0, 109, 167));
    assert_eq!(
        r.header,
        "BUG: KASAN: slab-out-of-bounds in kmalloc_oob_right+0x88/0x290"
    );
    assert_eq!(
        r.title,
        "KASAN: slab-out-of-bounds Write in kmalloc_oob_right"
    );
    let a = r.access.as_ref().unwrap();
    assert_eq!(
        (
            a.op.as_str(),
            a.size,
            a.addr.as_str(),
            a.task.as_str(),
            a.pid
        ),
        ("Write", None, "f5ff000000ce1770", "kunit_try_catch", 35)
    );
    assert_eq!(
        (r.pointer_tag, r.memory_tag, r.cpu),
        (Some(0xf5), Some(0xfe), Some(0))
    );
    assert_eq!(r.call_trace.len(), 17);
    assert_eq!(&*r.call_trace[12].function, "kmalloc_oob_right");
    assert_eq!(
        (r.call_trace[12].offset, r.call_trace[12].size),
        (0x88, 0x290)
    );
    let alloc = r.alloc.as_ref().unwrap();
    assert_eq!(alloc.pid, 35);
    assert_eq!(
        names(&alloc.frames),
        [
            "kasan_save_stack",
            "save_stack_info",
            "kasan_save_alloc_info",
            "__kasan_kmalloc",
            "__kmalloc_cache_noprof",
            "kmalloc_oob_right",
            "kunit_try_run_case",
            "kunit_generic_run_threadfn_adapter",
            "kthread",
            "ret_from_fork"
        ]
    );
    assert!(r.free.is_none());
    let o = r.object.as_ref().unwrap();
    assert_eq!(o.address, "ffff000000ce1700");
    assert_eq!(
        (o.cache.as_deref(), o.cache_size),
        (Some("kmalloc-128"), Some(128))
    );
    assert_eq!(
        (o.offset, o.relation.as_deref(), o.region_size),
        (Some(0), Some("to the right"), Some(112))
    );
    assert_eq!(
        (o.region_start.as_deref(), o.region_end.as_deref()),
        (Some("ffff000000ce1700"), Some("ffff000000ce1770"))
    );
    assert!(r.physical_page);
    assert_eq!(r.tag_dump.len(), 5);
    assert_eq!(r.tag_dump[2].addr, "ffff000000ce1700");
    assert!(r.tag_dump[2].guilty);
    assert_eq!(
        r.tag_dump[2].tags,
        [
            0xf5, 0xf5, 0xf5, 0xf5, 0xf5, 0xf5, 0xf5, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe, 0xfe,
            0xfe, 0xfe
        ]
    );
    // 0x...1770 is granule 7 of the row at 0x...1700.
    assert_eq!(r.tag_dump_caret, Some(7));
    assert_eq!(r.foreign_lines, 0);
}

#[test]
fn free_reports_in_full() {
    let reports = parse_reports(&data("c-sync.log"));
    // Double free through kfree_sensitive (kmalloc_double_kzfree).
    let r = reports
        .iter()
        .find(|r| r.header == "BUG: KASAN: double-free in kfree_sensitive+0x80/0x90")
        .unwrap();
    assert_eq!(r.title, "KASAN: invalid-free in kmalloc_double_kzfree");
    let a = r.access.as_ref().unwrap();
    assert_eq!(
        (a.op.as_str(), a.addr.as_str(), a.pid),
        ("Free", "f7ff000000c11780", 90)
    );
    assert_eq!(r.alloc.as_ref().unwrap().frames.len(), 10);
    let free = r.free.as_ref().unwrap();
    assert_eq!(&*free.frames[6].function, "kmalloc_double_kzfree");
    assert_eq!(
        r.object.as_ref().unwrap().cache.as_deref(),
        Some("kmalloc-16")
    );
    assert!(r.is_complete());
    // Invalid free of a large kmalloc: no slab object, just the page.
    let r = reports
        .iter()
        .find(|r| r.header == "BUG: KASAN: invalid-free in kfree+0x1ac/0x2bc")
        .unwrap();
    assert_eq!(r.title, "KASAN: invalid-free in kmalloc_large_invalid_free");
    assert!(r.object.is_none() && r.alloc.is_none() && r.physical_page);
    assert_eq!((r.pointer_tag, r.memory_tag), (Some(0xf8), Some(0xf8)));
    assert!(r.is_complete());
    // vmalloc: the region line instead of an object.
    let r = reports
        .iter()
        .find(|r| r.title.contains("vmalloc_oob"))
        .unwrap();
    assert_eq!(r.title, "KASAN: invalid-access Read in vmalloc_oob");
    assert!(r
        .vmalloc
        .as_deref()
        .unwrap()
        .contains("vmalloc region starting at"));
}

#[test]
fn dedup_gives_the_distinct_titles() {
    let mut dedup = Dedup::new();
    parse_reports(&data("c-sync.log"))
        .iter()
        .for_each(|r| dedup.add(r));
    let groups = dedup.groups();
    assert_eq!(groups.len(), 45);
    assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), 148);
    let atomics = groups
        .iter()
        .find(|g| g.title == "KASAN: slab-out-of-bounds Read in kasan_atomics_helper")
        .unwrap();
    assert!(atomics.count > 1 && atomics.first_line < atomics.last_line);
    let rendered = dedup.render();
    assert!(rendered.starts_with("count  first_line  last_line  title\n"));
    assert!(rendered.contains(
        "    1         109        109  KASAN: slab-out-of-bounds Write in kmalloc_oob_right\n"
    ));
}

#[test]
fn async_reports_are_complete_reports_with_their_own_title() {
    let reports = parse_reports(&data("c-async.log"));
    assert_eq!(reports.len(), 147);
    let asyncs: Vec<&Report> = reports.iter().filter(|r| r.is_async).collect();
    assert_eq!(asyncs.len(), 134);
    assert!(asyncs.iter().all(|r| r.is_complete() && r.access.is_none()));
    assert_eq!(
        asyncs[0].title,
        "KASAN: invalid-access Async in kmalloc_oob_right"
    );
    assert_eq!(asyncs[0].header, "BUG: KASAN: invalid-access");
    // Frees are still reported synchronously in async mode.
    assert!(reports
        .iter()
        .any(|r| r.bug_type == "double-free" && !r.is_async));
}

#[test]
fn rust_symbols_are_demangled_in_titles() {
    let reports = parse_reports(&data("rust-run.log"));
    assert_eq!(reports.len(), 6);
    let init = "<kasan_rs_sample::KasanRsSample as kernel::Module>::init";
    let titles: Vec<&str> = reports.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            format!("KASAN: slab-out-of-bounds Write in {init}"),
            format!("KASAN: slab-use-after-free Read in {init}"),
            format!("KASAN: invalid-free in {init}"),
            format!("KASAN: invalid-free in {init}"),
            format!("KASAN: invalid-access Read in {init}"),
            format!("KASAN: invalid-access Read in {init}"),
        ]
    );
    assert_eq!(
        reports[0].header_frame.as_ref().unwrap().module.as_deref(),
        Some("kasan_rs_sample")
    );
}

/// Adds printk timestamps and a caller id to every line.
fn prefixed(text: &str, caller: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .map(|(i, l)| format!("[{:>5}.{:06}][{caller:>6}] {l}", i / 1000, i % 1000))
        .collect()
}

#[test]
fn prefixes_and_interleaved_callers_do_not_change_the_reports() {
    let text = data("c-sync.log");
    let plain = parse_reports(&text);
    // Every third line, another CPU prints something (with its own caller id),
    // including lines that look like report lines.
    let noise = [
        " other_func+0x10/0x20",
        "Allocated by task 1:",
        "random: crng reseeded",
        "",
        " ffff000000001000: fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe fe",
    ];
    let mut mixed = Vec::new();
    for (i, line) in prefixed(&text, "T35").into_iter().enumerate() {
        mixed.push(line);
        if i % 3 == 0 {
            mixed.push(format!("[    9.999999][    C1] {}", noise[i % noise.len()]));
        }
    }
    let mixed = parse_reports(&mixed.join("\n"));
    assert_eq!(mixed.len(), plain.len());
    for (m, p) in mixed.iter().zip(&plain) {
        assert!(m.foreign_lines > 0);
        assert_eq!(
            (
                &m.title,
                &m.access,
                &m.call_trace,
                &m.alloc,
                &m.free,
                &m.object,
                &m.tag_dump,
                &m.incomplete
            ),
            (
                &p.title,
                &p.access,
                &p.call_trace,
                &p.alloc,
                &p.free,
                &p.object,
                &p.tag_dump,
                &p.incomplete
            )
        );
    }
}

fn first_report_lines() -> Vec<String> {
    let text = data("c-sync.log");
    text.lines()
        .skip(107)
        .take(60)
        .map(str::to_string)
        .collect()
}

fn parse_one(lines: &[String]) -> Report {
    let reports = parse_reports(&lines.join("\n"));
    assert_eq!(reports.len(), 1, "{lines:#?}");
    reports.into_iter().next().unwrap()
}

#[test]
fn incomplete_reports_say_what_is_missing() {
    let full = first_report_lines();
    assert!(full[0].starts_with("====") && full[59].starts_with("===="));
    assert!(parse_one(&full).is_complete());
    // Log ends inside the tag dump: rows cut, no closing separator.
    let r = parse_one(&full[..57]);
    assert_eq!(
        r.incomplete,
        [
            "closing separator (log ends inside the report)",
            "tag dump rows (3 of 5)"
        ]
    );
    // No access line.
    let mut lines = full.clone();
    lines.remove(2);
    let r = parse_one(&lines);
    assert_eq!(r.incomplete, ["access line"]);
    assert_eq!(r.title, "KASAN: slab-out-of-bounds in kmalloc_oob_right");
    // A stack header with no frames.
    let lines: Vec<String> = full
        .iter()
        .filter(|l| !(l.starts_with(' ') && l.contains("+0x")))
        .cloned()
        .collect();
    let r = parse_one(&lines);
    assert_eq!(
        r.incomplete,
        ["call trace frames", "allocation stack frames"]
    );
    // The report is cut by the next report.
    let mut two = full[..30].to_vec();
    two.extend(full[1..].iter().cloned());
    let reports = parse_reports(&two.join("\n"));
    assert_eq!(reports.len(), 2);
    assert_eq!(
        reports[0].incomplete,
        ["closing separator (cut by the next report)", "tag dump"]
    );
    assert!(reports[1].is_complete());
    // Cut, then the next report's opening separator: taken as the closing
    // one, but the missing tag dump still marks the report.
    let mut two = full[..30].to_vec();
    two.extend(full.iter().cloned());
    let reports = parse_reports(&two.join("\n"));
    assert_eq!(reports[0].incomplete, ["tag dump"]);
    assert!(reports[1].is_complete());
    // A stack that KASAN could not save is not a missing section.
    let mut lines = full.clone();
    let at = lines
        .iter()
        .position(|l| l.starts_with("Allocated by task"))
        .unwrap();
    lines.drain(at + 1..at + 11);
    lines.insert(at + 1, "(stack is not available)".to_string());
    let r = parse_one(&lines);
    assert!(r.is_complete(), "{:?}", r.incomplete);
    assert!(!r.alloc.as_ref().unwrap().available);
}

#[test]
fn json_follows_the_schema() {
    let reports = parse_reports(&data("c-sync.log"));
    let v = json::report(&reports[0]);
    let text = v.to_string();
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    // syzkaller skips kmalloc_oob_right (it matches `kmalloc`) and the
    // tag-fault path up to do_bad_area.
    assert_eq!(
        back["title"],
        "KASAN: slab-out-of-bounds Write in do_bad_area"
    );
    assert_eq!(back["syzkaller"]["crash_type"], "KASAN-WRITE");
    assert_eq!(back["syzkaller"]["corrupted"], false);
    assert_eq!(
        back["syzkaller"]["alt_titles"][0],
        "bad-access in do_bad_area"
    );
    assert_eq!(
        back["kasan_rs_title"],
        "KASAN: slab-out-of-bounds Write in kmalloc_oob_right"
    );
    assert_eq!(back["mode"], "sync");
    assert_eq!(back["access"]["op"], "Write");
    assert_eq!(back["access"]["size"], serde_json::Value::Null);
    assert_eq!(back["pointer_tag"], 0xf5);
    assert_eq!(back["call_trace"][12]["name"], "kmalloc_oob_right");
    assert_eq!(back["call_trace"][12]["offset"], 0x88);
    assert_eq!(back["alloc"]["frames"][5]["function"], "kmalloc_oob_right");
    assert_eq!(back["object"]["cache"], "kmalloc-128");
    assert_eq!(back["tag_dump"][2]["guilty"], true);
    assert_eq!(back["tag_dump_caret"], 7);
    assert_eq!(back["complete"], true);
    let keys: Vec<&String> = back.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "access",
            "alloc",
            "bug_type",
            "call_trace",
            "complete",
            "cpu",
            "end_line",
            "foreign_lines",
            "free",
            "header",
            "header_frame",
            "incomplete",
            "index",
            "kasan_rs_title",
            "line",
            "memory_tag",
            "mode",
            "object",
            "physical_page",
            "pointer_tag",
            "syzkaller",
            "tag_dump",
            "tag_dump_caret",
            "title",
            "variable",
            "vmalloc"
        ]
    );
}

#[test]
fn streaming_reader_matches_in_memory_parse() {
    let text = data("c-sync.log");
    let mut streamed = Vec::new();
    let lines = read_reports(std::io::Cursor::new(text.as_bytes()), |r| streamed.push(r)).unwrap();
    assert_eq!(lines, text.lines().count());
    assert_eq!(streamed, parse_reports(&text));
}

#[test]
fn memory_is_bounded_for_huge_reports_and_lines() {
    let sep = "=".repeat(66);
    let mut log = format!("{sep}\nBUG: KASAN: invalid-access in f+0x1/0x2\nRead at addr ff by task t/1\nCall trace:\n");
    for i in 0..50_000 {
        log.push_str(&format!(" f{i}+0x1/0x2\n"));
    }
    // One 8 MB line without a newline, then the end of the report.
    log.push_str(&"x".repeat(8 << 20));
    log.push('\n');
    log.push_str(&sep);
    let mut got = Vec::new();
    read_reports(std::io::Cursor::new(log.as_bytes()), |r| got.push(r)).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].call_trace.len(), MAX_FRAMES);
    assert!(got[0].incomplete[0].starts_with("closing separator (report cut after"));
}

#[test]
fn diff_ignores_addresses_pids_tags_and_timestamps() {
    let text = data("c-sync.log");
    let a = parse_reports(&text);
    // The same console from "another run": timestamps added, every pid,
    // address and tag changed.
    let changed: Vec<String> = prefixed(&text, "T7")
        .into_iter()
        .map(|l| {
            l.replace("kunit_try_catch/", "kunit_try_catch/1")
                .replace("by task 3", "by task 4")
                .replace("ffff0000", "ffff0001")
                .replace("f5ff", "f6ff")
                .replace("Pointer tag: [f", "Pointer tag: [e")
                .replace("+0x", "+0x1")
        })
        .collect();
    let b = parse_reports(&changed.join("\n"));
    let d = diff(&a, &b);
    assert!(d.is_same(), "{}", d.render("a", "b"));
    assert_eq!(d.same(), 148);
}

#[test]
fn diff_of_c_and_rust_consoles() {
    let a = parse_reports(&data("c-sync.log"));
    let b = parse_reports(&data("rust-sync.log"));
    let d = diff(&a, &b);
    assert!(!d.is_same());
    assert!(d.same() > 100, "{}", d.render("c", "rust"));
    // rcu_uaf runs on whichever CPU handles the softirq: the task differs.
    let rcu = d
        .entries
        .iter()
        .find_map(|e| match e {
            Entry::Changed(i, _, fields) if d.a[*i].fields[0].1.contains("rcu_uaf_reclaim") => {
                Some(fields)
            }
            _ => None,
        })
        .unwrap();
    assert!(rcu.contains(&"access"));
    let text = d.render("c-sync.log", "rust-sync.log");
    assert!(text.starts_with("A: c-sync.log: 148 reports\nB: rust-sync.log: 147 reports\n"));
}

/// The optional free stack of a non-free report is ignored only when allowed;
/// the free stack of a use-after-free never is.
#[test]
fn diff_optional_free_stack_allowance() {
    use kasan_rs_tools::report::diff::{diff_with, Allowances};
    use kasan_rs_tools::report::parse_reports;
    let banner = "=".repeat(66);
    let report = |ty: &str, with_free: bool| {
        let mut s = format!(
            "{banner}\nBUG: KASAN: {ty} in f+0x1/0x2\nRead at addr ffff000000001000 by task t/1\n\
             Pointer tag: [f1], memory tag: [fe]\n\nCall trace:\n dump_stack_lvl+0x1/0x2\n f+0x1/0x2\n\n\
             Allocated by task 1:\n kasan_save_stack+0x1/0x2\n g+0x1/0x2\n\n"
        );
        if with_free {
            s.push_str("Freed by task 1:\n kasan_save_stack+0x1/0x2\n h+0x1/0x2\n\n");
        }
        s.push_str(&format!("{banner}\n"));
        s
    };
    let with = parse_reports(&report("slab-out-of-bounds", true));
    let without = parse_reports(&report("slab-out-of-bounds", false));
    let strict = diff_with(&with, &without, Allowances::default());
    assert!(!strict.is_same());
    let allow = Allowances {
        optional_free_stack: true,
        ..Allowances::default()
    };
    assert!(diff_with(&with, &without, allow).is_same());
    let uaf_with = parse_reports(&report("slab-use-after-free", true));
    let uaf_without = parse_reports(&report("slab-use-after-free", false));
    assert!(!diff_with(&uaf_with, &uaf_without, allow).is_same());
}
