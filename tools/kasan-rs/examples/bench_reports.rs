//! Speed of `reports`: `cargo run --release -p kasan-rs-tools --example
//! bench_reports [MB] [LOG]` builds a console of about MB megabytes (default
//! 100) by repeating LOG (default tests/data/c-sync.log, a full KUnit run
//! with 148 reports) and times the streaming parse of it, in memory. With
//! `MB` >= 1000 the console is generated on the fly instead of held, to show
//! the memory bound (peak RSS from /proc/self/status).

use std::io::{self, Read};
use std::time::Instant;

use kasan_rs_tools::report::parse::read_reports;

/// Repeats `chunk` until `total` bytes were read.
struct Repeat<'a> {
    chunk: &'a [u8],
    at: usize,
    left: usize,
}

impl Read for Repeat<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = buf.len().min(self.left).min(self.chunk.len() - self.at);
        buf[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at = (self.at + n) % self.chunk.len();
        self.left -= n;
        Ok(n)
    }
}

fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mb: usize = args.next().map_or(100, |a| a.parse().expect("MB"));
    let log = args
        .next()
        .unwrap_or_else(|| format!("{}/tests/data/c-sync.log", env!("CARGO_MANIFEST_DIR")));
    let chunk = std::fs::read(&log).expect("read LOG");
    let total = mb << 20;
    let held: Vec<u8>;
    let source: Box<dyn io::BufRead> = if mb < 1000 {
        held = chunk.iter().copied().cycle().take(total).collect();
        Box::new(io::Cursor::new(&held[..]))
    } else {
        Box::new(io::BufReader::with_capacity(
            1 << 16,
            Repeat {
                chunk: &chunk,
                at: 0,
                left: total,
            },
        ))
    };
    let start = Instant::now();
    let mut reports = 0usize;
    let lines = read_reports(source, |_| reports += 1).expect("parse");
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{mb} MB, {lines} lines, {reports} reports in {secs:.2} s: {:.0} MB/s (peak RSS {} kB)",
        mb as f64 / secs,
        peak_rss_kb().map_or("?".into(), |k| k.to_string())
    );
}
