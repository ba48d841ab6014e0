//! kasan-rs host tools: boot a kernel under `qemu-system-aarch64 -M
//! virt,mte=on`, read its console, and judge the upstream KUnit `kasan`
//! suite's KTAP output.
//!
//! Rooms:
//! * [`console`]: printk prefix stripping and kernel-line classification;
//! * [`ktap`]: the KTAP grammar and the suite/case model;
//! * [`log`]: one pass over a console log, combining both;
//! * [`expect`]: what the caller expects (`--expect`, ...);
//! * [`verdict`]: judging a parsed log, exit codes;
//! * [`summary`]: the printed table;
//! * [`qemu`]: the supervised QEMU run;
//! * [`bugs`]: the sample module's one-line-per-bug summary;
//! * [`compare`]: two logs of one configuration side by side (`c` against `rust`);
//! * [`kunit_compare`]: every KUnit suite of two logs, and where KASAN reports may appear;
//! * [`report`]: KASAN reports as data (`reports`, `symbolize`, `diff`);
//! * [`cmdline`]: the `kasan*` words of a kernel command line (`check-args`);
//! * [`fuzz`]: the fuzz manager (`fuzz`, `fuzz-compare`, `fuzz-contained`, `syz-config`);
//! * [`bench`]: the facts of `make bench` consoles (`bench-facts`);
//! * [`cli`]: the command line (clap);
//! * [`error`]: the error type.

pub mod bench;
pub mod bugs;
pub mod cli;
pub mod cmdline;
pub mod compare;
pub mod console;
pub mod error;
pub mod expect;
pub mod fuzz;
pub mod ktap;
pub mod kunit_compare;
pub mod log;
pub mod qemu;
pub mod report;
pub mod rerun;
pub mod summary;
pub mod verdict;
