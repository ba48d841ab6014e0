//! `kasan-rs bench-facts`: what the consoles of a `make bench` run say
//! (testing/scripts/bench.sh), read here once so that
//! testing/scripts/bench_report.py only checks, aggregates and formats.
//!
//! Every console gives every fact it holds, whatever its kind of boot, and
//! the report takes what it needs:
//! * a bench boot (`KASAN_RS_BENCH=1`: /init prints the slab lines of
//!   /proc/meminfo, then loads the bench module): the boot time (printk
//!   timestamp of `Freeing unused kernel memory`), the slab kB, the memory
//!   reserved at boot (`Memory: ...`), one line per operation of the bench
//!   module and its end (`kasan_rs_bench: done ...`);
//! * a KUnit boot: the `kasan` suite's duration ([`kunit`]);
//! * any boot: the KASAN banner, whether /init loaded the module and the
//!   machine powered off, and the lines no measurement boot may print
//!   ([`MUST_NOT_APPEAR`]).
//!
//! Lines are split and their printk prefixes read by [`crate::console`].
//! The JSON (schema `kasan-rs.bench-facts/1`):
//!
//! ```text
//! { "schema": "kasan-rs.bench-facts/1",
//!   "consoles": [ {                        one per console, in argument order
//!     "console": path,
//!     "banner": string|null,               the last banner line, trimmed
//!     "figures": {name: number},           see Figures: in the order first printed
//!     "ops": {"OP-SIZE": {"op": string, "size": int, "iters": int,
//!             "ns_per_op": number, "alloc_ns": number, "free_ns": number}},
//!     "module_loaded": bool,               `kasan-rs-init: finit_module returned 0`
//!     "module_done": bool,                 `kasan_rs_bench: done ...`
//!     "powered_off": bool,                 `reboot: Power down`
//!     "bad_lines": [string],               trimmed, in order
//!     "kunit_ms": number|null,             the kasan suite, from its timestamps
//!     "kunit_nowait_ms": number|null,      the same without its grace-period waits
//!     "kunit_summary": string|null         `pass:A fail:B skip:C total:D`
//!   } ] }
//! ```

pub mod kunit;
pub mod ordered;

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::console::{printk_timestamp, strip_printk_prefix};
use ordered::Ordered;

/// The schema of the JSON.
pub const SCHEMA: &str = "kasan-rs.bench-facts/1";

/// The KASAN banner's words (the same on c and rust).
pub const BANNER: &str = "kasan: KernelAddressSanitizer initialized";

/// The end of the boot the boot time is measured to.
pub const BOOT_MARK: &str = "Freeing unused kernel memory";

/// Any of these in a line: a KASAN report, a crash or a warning, which no
/// measurement boot may print (the bench module only makes valid accesses).
pub const MUST_NOT_APPEAR: [&str; 6] = [
    "BUG: ",
    "Unable to handle kernel",
    "Internal error:",
    "Kernel panic",
    "WARNING: CPU",
    "Oops",
];

/// One operation of the bench module:
/// `kasan_rs_bench: op=kmalloc size=64 iters=16384 ns_per_op=812.4 alloc_ns=420.1 free_ns=392.3`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Op {
    /// `kmalloc`, `kmem_cache`, `pages`, `vmalloc`.
    pub op: String,
    /// Bytes per allocation.
    pub size: u64,
    /// Allocations (and frees) timed.
    pub iters: u64,
    /// One allocation and one free, in ns (guest instructions under -icount).
    pub ns_per_op: f64,
    /// One allocation.
    pub alloc_ns: f64,
    /// One free.
    pub free_ns: f64,
}

/// What one console says; see the module documentation.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ConsoleFacts {
    /// The console's path, as given.
    pub console: String,
    /// The last line with the KASAN banner, trimmed.
    pub banner: Option<String>,
    /// `boot_ms` (the first [`BOOT_MARK`]), `init_ms` (`Run /init as init
    /// process`), `slab_kB`, `sreclaimable_kB`, `sunreclaim_kB` (/init's
    /// meminfo lines), `reserved_kB` (`Memory: ...`) and `module_ms`
    /// (`kasan_rs_bench: done`), each when printed, the last one but for
    /// `boot_ms`.
    pub figures: Ordered<f64>,
    /// The bench module's operations by `OP-SIZE`.
    pub ops: Ordered<Op>,
    /// /init loaded the module.
    pub module_loaded: bool,
    /// The bench module finished.
    pub module_done: bool,
    /// The machine powered off.
    pub powered_off: bool,
    /// Lines with any of [`MUST_NOT_APPEAR`].
    pub bad_lines: Vec<String>,
    /// The `kasan` suite's duration.
    pub kunit_ms: Option<f64>,
    /// The same without its grace-period waits.
    pub kunit_nowait_ms: Option<f64>,
    /// The suite's summary counts.
    pub kunit_summary: Option<String>,
}

/// The bench lines' patterns, compiled once.
struct Patterns {
    meminfo: Regex,
    reserved: Regex,
    op: Regex,
    done: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("valid pattern");
        Patterns {
            meminfo: re(r"kasan-rs-init: meminfo: (Slab|SReclaimable|SUnreclaim):\s+(\d+) kB"),
            reserved: re(r"Memory: \d+K/\d+K available \(.*, (\d+)K reserved"),
            op: re(concat!(
                r"kasan_rs_bench: op=(\S+) size=(\d+) iters=(\d+) ns_per_op=([\d.]+) ",
                r"alloc_ns=([\d.]+) free_ns=([\d.]+)"
            )),
            done: re(r"kasan_rs_bench: done ops=(\d+) total_ms=(\d+)"),
        }
    })
}

impl ConsoleFacts {
    /// Reads one message and the timestamp of its line.
    fn line(&mut self, ts: Option<f64>, msg: &str) {
        let p = patterns();
        if msg.contains(BANNER) {
            self.banner = Some(msg.trim().to_string());
        }
        if let Some(ts) = ts {
            if msg.contains(BOOT_MARK) && self.figures.get("boot_ms").is_none() {
                self.figures.set("boot_ms", ts * 1000.0);
            }
            if msg.contains("Run /init as init process") {
                self.figures.set("init_ms", ts * 1000.0);
            }
        }
        if let Some(c) = p.meminfo.captures(msg) {
            let key = match &c[1] {
                "Slab" => "slab_kB",
                "SReclaimable" => "sreclaimable_kB",
                _ => "sunreclaim_kB",
            };
            if let Ok(kb) = c[2].parse() {
                self.figures.set(key, kb);
            }
        }
        if let Some(kb) = p.reserved.captures(msg).and_then(|c| c[1].parse().ok()) {
            self.figures.set("reserved_kB", kb);
        }
        if let Some(c) = p.op.captures(msg) {
            if let Some(op) = op(&c) {
                self.ops.set(&format!("{}-{}", &c[1], &c[2]), op);
            }
        }
        if let Some(ms) = p.done.captures(msg).and_then(|c| c[2].parse().ok()) {
            self.figures.set("module_ms", ms);
            self.module_done = true;
        }
        if msg.contains("kasan-rs-init: finit_module returned 0") {
            self.module_loaded = true;
        }
        if msg.contains("reboot: Power down") {
            self.powered_off = true;
        }
        if MUST_NOT_APPEAR.iter().any(|bad| msg.contains(bad)) {
            self.bad_lines.push(msg.trim().to_string());
        }
    }
}

/// The operation of an op line's captures; `None` if a number does not parse.
fn op(c: &regex::Captures<'_>) -> Option<Op> {
    Some(Op {
        op: c[1].to_string(),
        size: c[2].parse().ok()?,
        iters: c[3].parse().ok()?,
        ns_per_op: c[4].parse().ok()?,
        alloc_ns: c[5].parse().ok()?,
        free_ns: c[6].parse().ok()?,
    })
}

/// Reads a whole console (`text`) named `console`.
pub fn console_facts(console: &str, text: &str) -> ConsoleFacts {
    let mut facts = ConsoleFacts {
        console: console.to_string(),
        ..ConsoleFacts::default()
    };
    let mut suite = kunit::SuiteTiming::default();
    for raw in text.lines() {
        let (ts, msg) = (printk_timestamp(raw), strip_printk_prefix(raw));
        facts.line(ts, msg);
        suite.line(ts, msg);
    }
    facts.kunit_ms = suite.duration_ms();
    facts.kunit_nowait_ms = suite.without_waits_ms();
    facts.kunit_summary = suite.summary().map(str::to_string);
    facts
}

/// The JSON of several consoles' facts.
pub fn json(consoles: &[ConsoleFacts]) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema: &'a str,
        consoles: &'a [ConsoleFacts],
    }
    serde_json::to_string_pretty(&Doc {
        schema: SCHEMA,
        consoles,
    })
    .expect("serialisable")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bench boot as bench.sh records it: /init's lines have no printk
    /// prefix, the kernel's have timestamps (and here caller ids and CRLF).
    const BENCH: &str = "bench: $ qemu-system-aarch64 -M virt,mte=on -cpu max\r\n\
        [    0.000000][    T0] Booting Linux on physical CPU 0x0000000000 [0x000f0510]\r\n\
        [    0.000000][    T0] Memory: 1015964K/1048576K available (12288K kernel code, 1234K rwdata, 456K bss, 29876K reserved, 0K cma-reserved)\r\n\
        [    0.020565][    T0] kasan: KernelAddressSanitizer initialized (hw-tags, mode=sync, vmalloc=on, stacktrace=on)\r\n\
        [    0.412345][    T1] Freeing unused kernel memory: 7890K\r\n\
        [    0.412400][    T1] Run /init as init process\r\n\
        [    0.500000][    T1] Freeing unused kernel memory: 4K\r\n\
        kasan-rs-init: meminfo: Slab:              12345 kB\r\n\
        kasan-rs-init: meminfo: SReclaimable:       2345 kB\r\n\
        kasan-rs-init: meminfo: SUnreclaim:        10000 kB\r\n\
        kasan-rs-init: loading /kasan_rs_bench.ko\r\n\
        [    0.600000][   T60] kasan_rs_bench: start: batch=64 timer_overhead_ns=40\r\n\
        [    0.700000][   T60] kasan_rs_bench: op=kmalloc size=8 iters=8192 ns_per_op=812.4 alloc_ns=420.1 free_ns=392.3\r\n\
        [    0.800000][   T60] kasan_rs_bench: op=pages size=4096 iters=2048 ns_per_op=3000 alloc_ns=1500.5 free_ns=1499.5\r\n\
        [    0.810000][   T60] kasan_rs_bench: op=kmalloc size=8 iters=8192 ns_per_op=800 alloc_ns=400 free_ns=400\r\n\
        [    0.900000][   T60] kasan_rs_bench: done ops=2 total_ms=300\r\n\
        kasan-rs-init: finit_module returned 0\r\n\
        [    1.000000][    T1] reboot: Power down\r\n";

    #[test]
    fn reads_a_bench_boot() {
        let f = console_facts("logs/rust-r1-bench.log", BENCH);
        assert_eq!(f.console, "logs/rust-r1-bench.log");
        assert_eq!(
            f.banner.as_deref(),
            Some("kasan: KernelAddressSanitizer initialized (hw-tags, mode=sync, vmalloc=on, stacktrace=on)")
        );
        // In the order printed; the first boot mark, the last of the others.
        let figures: Vec<(&str, f64)> = f
            .figures
            .keys()
            .map(|k| (k, *f.figures.get(k).unwrap()))
            .collect();
        assert_eq!(
            figures,
            [
                ("reserved_kB", 29876.0),
                ("boot_ms", 0.412345 * 1000.0),
                ("init_ms", 0.4124 * 1000.0),
                ("slab_kB", 12345.0),
                ("sreclaimable_kB", 2345.0),
                ("sunreclaim_kB", 10000.0),
                ("module_ms", 300.0),
            ]
        );
        // The first place, the last line.
        assert_eq!(
            f.ops.keys().collect::<Vec<_>>(),
            ["kmalloc-8", "pages-4096"]
        );
        let kmalloc = f.ops.get("kmalloc-8").unwrap();
        assert_eq!((kmalloc.size, kmalloc.iters), (8, 8192));
        assert_eq!(
            (kmalloc.ns_per_op, kmalloc.alloc_ns, kmalloc.free_ns),
            (800.0, 400.0, 400.0)
        );
        assert_eq!(f.ops.get("pages-4096").unwrap().alloc_ns, 1500.5);
        assert!(f.module_loaded && f.module_done && f.powered_off);
        assert!(f.bad_lines.is_empty());
        assert_eq!((f.kunit_ms, f.kunit_summary.as_deref()), (None, None));
    }

    #[test]
    fn an_untimed_boot_mark_and_missing_lines_give_no_figures() {
        let f = console_facts(
            "x",
            "Freeing unused kernel memory: 1K\nkasan-rs-init: finit_module returned -2\n",
        );
        assert!(f.figures.keys().next().is_none());
        assert!(f.banner.is_none());
        assert!(!f.module_loaded && !f.module_done && !f.powered_off);
    }

    #[test]
    fn lists_the_lines_no_measurement_boot_may_print() {
        let f = console_facts(
            "x",
            "[    1.0] ok\n\
             [    1.1]   WARNING: CPU: 0 PID: 1 at mm/slub.c:1 f+0x1/0x2  \n\
             [    1.2] BUG: KASAN: slab-out-of-bounds in f+0x1/0x2\n\
             [    1.3] Internal error: Oops: 0000000096000007 [#1] SMP\n\
             [    1.4] BUG-free line\n",
        );
        assert_eq!(
            f.bad_lines,
            [
                "WARNING: CPU: 0 PID: 1 at mm/slub.c:1 f+0x1/0x2",
                "BUG: KASAN: slab-out-of-bounds in f+0x1/0x2",
                "Internal error: Oops: 0000000096000007 [#1] SMP",
            ]
        );
    }

    #[test]
    fn times_the_kunit_suite() {
        let f = console_facts("pass.log", include_str!("../../tests/data/pass.log"));
        assert_eq!(f.kunit_ms, Some((0.159390 - 0.120852) * 1000.0));
        assert_eq!(f.kunit_nowait_ms, f.kunit_ms);
        assert_eq!(
            f.kunit_summary.as_deref(),
            Some("pass:3 fail:0 skip:2 total:5")
        );
        assert!(f.powered_off);
    }

    #[test]
    fn the_json_has_the_schema_and_the_order() {
        let text = json(&[console_facts("a.log", BENCH)]);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["schema"], SCHEMA);
        let a = &doc["consoles"][0];
        assert_eq!(a["console"], "a.log");
        assert_eq!(a["ops"]["pages-4096"]["size"], 4096);
        assert_eq!(a["kunit_ms"], serde_json::Value::Null);
        let reserved = text.find("\"reserved_kB\"").unwrap();
        assert!(reserved < text.find("\"boot_ms\"").unwrap());
    }
}
