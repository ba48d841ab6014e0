//! The parser never panics, never loops and keeps memory bounded on
//! arbitrary and mutated logs: property tests (proptest) and a long
//! deterministic mutation loop over a real console.
//!
//! `cargo fuzz` (tools/kasan-rs/fuzz/, nightly) runs the same entry point
//! with coverage guidance; this file is what `cargo test` runs everywhere.

use kasan_rs_tools::report::parse::{read_reports, MAX_FRAMES, MAX_TAG_ROWS};
use kasan_rs_tools::report::{json, parse_reports, Report};
use proptest::prelude::*;

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

/// What must hold for any input.
fn check(input: &[u8]) -> Vec<Report> {
    let text = String::from_utf8_lossy(input);
    let reports = parse_reports(&text);
    let headers = text.lines().filter(|l| l.contains("BUG: KASAN: ")).count()
        + text
            .lines()
            .filter(|l| l.contains("Asynchronous fault:"))
            .count();
    assert!(reports.len() <= headers);
    for (i, r) in reports.iter().enumerate() {
        assert_eq!(r.index, i);
        assert!(r.call_trace.len() <= MAX_FRAMES);
        assert!(r.tag_dump.len() <= MAX_TAG_ROWS);
        assert!(r.title.starts_with("KASAN: "));
        assert_eq!(r.is_complete(), r.incomplete.is_empty());
        let _ = json::report(r).to_string();
    }
    // The streaming reader agrees with the in-memory parse (lines are
    // split the same way when there is no `\r` and no over-long line).
    if !input.contains(&b'\r') && input.split(|b| *b == b'\n').all(|l| l.len() < 4096) {
        let mut streamed = Vec::new();
        read_reports(std::io::Cursor::new(text.as_bytes()), |r| streamed.push(r)).unwrap();
        assert_eq!(streamed, reports);
    }
    // The log reader (KTAP verdicts) finds the same reports: its boundaries
    // are the report parser's, with the prefix split once.
    let log = kasan_rs_tools::log::parse_log(&text);
    assert_eq!(log.reports.len(), reports.len());
    for (seen, r) in log.reports.iter().zip(&reports) {
        let seen = &seen.report;
        assert_eq!(
            (seen.index, seen.line, seen.end_line, seen.closed),
            (r.index, r.line, r.end_line, r.closed)
        );
        assert_eq!(
            (&seen.header, &seen.bug_type, seen.is_async),
            (&r.header, &r.bug_type, r.is_async)
        );
        assert_eq!(seen.access, r.access);
    }
    reports
}

/// Real report lines, to build inputs that reach deep into the parser.
fn vocabulary() -> Vec<String> {
    let text = data("c-sync.log");
    let mut lines: Vec<String> = text
        .lines()
        .skip(100)
        .take(600)
        .map(str::to_string)
        .collect();
    lines.extend(
        [
            "BUG: KASAN: invalid-access",
            "Asynchronous fault: no details available",
            "(stack is not available)",
            "Read of size 8 at addr ffff88004fab1858 by task a/1",
            "[    1.234567][    T1] BUG: KASAN: double-free in f+0x1/0x2",
            "[    1.234567][    C0]  f+0x1/0x2",
            "The buggy address belongs to the variable:",
            " global+0x0/0x40",
            "** 3 printk messages dropped ** [    1.234567][    T1] BUG: KASAN: use-after-free in f+0x1/0x2",
            "[    1.234567][    T1] ** 3 printk messages dropped ** Write at addr f5ff000000ce1770 by task t/1",
            "[    1.234567][    T2] ==================================================================",
        ]
        .map(str::to_string),
    );
    lines
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(input in proptest::collection::vec(any::<u8>(), 0..4096)) {
        check(&input);
    }

    #[test]
    fn shuffled_real_lines(picks in proptest::collection::vec((0usize..700, 0u8..8, any::<u16>()), 0..400)) {
        let vocab = vocabulary();
        let mut text = String::new();
        for (pick, mutation, arg) in picks {
            let mut line = vocab[pick % vocab.len()].clone();
            match mutation {
                0 => line.truncate(arg as usize % (line.len() + 1)),
                1 => {
                    let at = arg as usize % (line.len() + 1);
                    if line.is_char_boundary(at) {
                        line.insert(at, char::from(b' ' + (arg % 95) as u8));
                    }
                }
                2 => line = format!("[{:>5}.{:06}] {line}", arg, arg),
                _ => {}
            }
            text.push_str(&line);
            text.push('\n');
        }
        check(text.as_bytes());
    }
}

/// A small xorshift PRNG: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn long_mutation_loop_over_a_real_console() {
    let text = data("c-sync.log");
    let lines: Vec<&str> = text.lines().collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        // A window of the real console...
        let start = rng.below(lines.len());
        let len = 1 + rng.below(400);
        let mut window: Vec<Vec<u8>> = lines[start..(start + len).min(lines.len())]
            .iter()
            .map(|l| l.as_bytes().to_vec())
            .collect();
        // ...with bytes flipped, lines dropped, duplicated and swapped.
        for _ in 0..rng.below(40) {
            if window.is_empty() {
                break;
            }
            let i = rng.below(window.len());
            match rng.below(6) {
                0 => {
                    let line = &mut window[i];
                    if !line.is_empty() {
                        let at = rng.below(line.len());
                        line[at] = rng.next() as u8;
                    }
                }
                1 => {
                    window.remove(i);
                }
                2 => {
                    let copy = window[i].clone();
                    window.insert(i, copy);
                }
                3 => {
                    let j = rng.below(window.len());
                    window.swap(i, j);
                }
                4 => {
                    let cut = rng.below(window[i].len() + 1);
                    window[i].truncate(cut);
                }
                _ => window.insert(i, b"BUG: KASAN: slab-out-of-bounds in x+0x1/0x2".to_vec()),
            }
        }
        let input = window.join(&b'\n');
        let reports = check(&input);
        if round == 0 {
            assert!(!reports.is_empty() || !input.windows(11).any(|w| w == b"BUG: KASAN:"));
        }
    }
}
