//! `cargo +nightly fuzz run reports` (from tools/kasan-rs): arbitrary bytes
//! through the streaming report reader and everything built on a report.
#![no_main]

use kasan_rs_tools::report::dedup::Dedup;
use kasan_rs_tools::report::{diff, json, parse::read_reports, parse_reports, table};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut streamed = Vec::new();
    read_reports(std::io::Cursor::new(data), |r| streamed.push(r)).unwrap();
    let mut dedup = Dedup::new();
    for r in &streamed {
        let _ = json::report(r).to_string();
        let _ = table::row(r);
        dedup.add(r);
    }
    let _ = dedup.render();
    let text = String::from_utf8_lossy(data);
    let parsed = parse_reports(&text);
    let _ = diff::diff(&streamed, &parsed).render("a", "b");
});
