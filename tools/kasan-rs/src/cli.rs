//! Command-line parsing for the `kasan-rs` binary, with clap's derive API.
//! The syntax is the one the scripts use (testing/scripts, Makefile):
//! `--key value` and `--key=value`, `-` for stdin, options anywhere among
//! the positional arguments. Arguments need not be UTF-8 where they are
//! paths. Errors are one line (`kasan-rs: ...`, exit 2); `help`, `-h`,
//! `--help` and `--version` print to stdout and exit 0.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::error::Error;
use crate::expect::Expectations;
use crate::fuzz::duration::parse_duration;
use crate::fuzz::syzconfig::{parse_mem_mib, SyzConfigArgs};
use crate::fuzz::FuzzConfig;
use crate::qemu::RunConfig;
use crate::report::command::ReportCommand;
use crate::report::diff::Allowances;

/// Printed after the options in `kasan-rs help`.
const AFTER_HELP: &str = "\
summary: one line per `kasan_rs_sample: bug N: ...` marker of the sample
module, with the `BUG: KASAN:` header of the report that followed it.

compare: two console logs of one configuration (banner, Malformed early
option lines, suite counts, case outcomes, per case the KASAN reports' types
and access kinds, crashes, verdict class); one line per difference. Exit 0
same, 1 different, 8 only collision suspects (a case failed on one side with
`KASAN failure expected ..., but none occurred`; listed on a
`collision-suspects:` line).

reports: every KASAN report of a console log with the title, alternative
titles, crash type and corrupted flag syzkaller gives it: a table, JSON
(--json, schema kasan-rs.reports/2), or one line per distinct title
(--dedup; with --json: kasan-rs.dedup/1).

kunit-compare: every KUnit suite of two consoles (make kunit), suite by
suite and case by case (counts, outcomes, skip reasons); and where KASAN
reports may appear: only in --kasan-suites (default kasan*), in the cases of
--expect-kasan-failure SUITE.CASE (which KUnit must fail with a report) and
where --allow-reports SUITE[.CASE] tolerates one. Exit 0 same and within the
policy, 1 otherwise, 8 only collision suspects in a KASAN suite.

bench-facts: what the consoles of a make bench run say (boot time, slab and
reserved memory, the bench module's operations, the KUnit kasan suite's
duration, banner, lines no measurement boot may print), as JSON (schema
kasan-rs.bench-facts/1) for testing/scripts/bench_report.py.

check-args: the kasan* words of a kernel command line, checked with the
6.12 parameter parsers of kasan-core; one line per bad word on stderr and
exit 2, 0 if all are good (a word only testing/scripts' old check accepts
passes with a warning).

fuzz: boot the kernel and disk image again and again for --duration, the
guest's init running trinity; crashes grouped by syzkaller's title; writes
OUT/vm-NNN.cmd, OUT/vm-NNN.log and OUT/crashes.json (kasan-rs.fuzz/1), prints
a table (exit 0; 2 on a usage, boot-containment or write error).
fuzz-compare: titles only one campaign saw, canary times (exit 1 when the
second file has a title the first lacks). fuzz-contained: checks the
vm-*.cmd of a campaign (exit 1 if any boot was not contained).

exit codes:
  0 PASS            1 CASE_FAILED     2 usage or environment error
  3 KERNEL_CRASH    4 TIMEOUT         5 TRUNCATED
  6 NO_KTAP         7 MISSING_PANIC
";

#[derive(Parser, Debug)]
#[command(
    name = "kasan-rs",
    version,
    about = "boot kasan-rs kernels under QEMU and judge their KUnit KTAP output",
    after_help = AFTER_HELP,
    subcommand_required = true
)]
struct Cli {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Subcommand, Debug)]
enum Sub {
    /// Boot a kernel under QEMU and judge its console.
    Run(RunArgs),
    /// Judge an existing console log (`-` is stdin).
    Ktap(KtapArgs),
    /// One line per bug of the sample module.
    Summary {
        /// Console log, `-` for stdin.
        log: PathBuf,
    },
    /// Every KASAN report of a console log.
    Reports {
        /// Console log, `-` for stdin.
        log: PathBuf,
        /// JSON (schema kasan-rs.reports/2).
        #[arg(long)]
        json: bool,
        /// One line per distinct title.
        #[arg(long)]
        dedup: bool,
    },
    /// Append file:line (and inlined frames) to every func+0xoff/0xsize frame.
    Symbolize {
        /// The vmlinux with DWARF.
        #[arg(long)]
        vmlinux: PathBuf,
        /// Prefix removed from file names.
        #[arg(long)]
        strip: Option<String>,
        /// Console log, `-` (default) for stdin.
        #[arg(default_value = "-")]
        log: PathBuf,
    },
    /// Compare the reports of two logs after normalisation (exit 0 same, 1 different).
    Diff {
        /// A free stack may be missing on either side.
        #[arg(long)]
        optional_free_stack: bool,
        /// Idle-CPU numbers may differ.
        #[arg(long)]
        any_idle_cpu: bool,
        /// First log.
        a: PathBuf,
        /// Second log.
        b: PathBuf,
    },
    /// Check the kasan* words of a kernel command line (exit 0 good, 2 bad).
    CheckArgs {
        /// The command line, in one argument or several (joined by spaces).
        #[arg(num_args = 0.., allow_hyphen_values = true, trailing_var_arg = true)]
        args: Vec<String>,
    },
    /// Run a fuzz campaign (the fuzz manager).
    Fuzz(FuzzArgs),
    /// Compare two campaigns' crashes.json (exit 1 if the second has titles the first lacks).
    FuzzCompare {
        /// The reference campaign (c).
        a: PathBuf,
        /// The campaign checked (rust).
        b: PathBuf,
    },
    /// Check that every recorded boot (OUT/vm-*.cmd) of a campaign was contained.
    FuzzContained {
        /// The campaign's --out directory.
        dir: PathBuf,
    },
    /// Guest instructions per syscall of --icount campaigns (nokasan c rust); exit 1 if the last costs more than the one before it.
    FuzzCost {
        /// The campaigns' crashes.json, the baseline first.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
    },
    /// Did a campaign report its planted bugs? (exit 1 if not as expected)
    FuzzCanaries {
        /// The campaign's crashes.json.
        file: PathBuf,
        /// `all` (a KASAN kernel: every canary reported), `none` (a kernel that must not
        /// report: none reported, some executed) or `disarmed` (none executed, none reported).
        #[arg(long, value_name = "all|none|disarmed")]
        expect: String,
    },
    /// Print a syz-manager config for this kernel and image.
    SyzConfig(SyzConfigCli),
    /// What make bench consoles say, as JSON (kasan-rs.bench-facts/1).
    BenchFacts {
        /// Console logs, `-` for stdin.
        #[arg(required = true)]
        logs: Vec<PathBuf>,
    },
    /// One line per suite, case and parameter: NAME<TAB>STATUS (kunit.py's names).
    KunitCases {
        /// Console log, `-` for stdin.
        log: PathBuf,
    },
    /// Compare every KUnit suite of two consoles, and where their KASAN reports are.
    KunitCompare {
        /// First log.
        a: PathBuf,
        /// Second log.
        b: PathBuf,
        /// Label of the first log.
        #[arg(long, default_value = "c")]
        label_a: String,
        /// Label of the second log.
        #[arg(long, default_value = "rust")]
        label_b: String,
        /// Glob (`*`) of the KASAN suites' names, where reports belong (repeatable;
        /// default kasan*).
        #[arg(long = "kasan-suites", value_name = "GLOB")]
        kasan_suites: Vec<String>,
        /// SUITE.CASE that KUnit must fail with a KASAN report (repeatable).
        #[arg(long = "expect-kasan-failure", value_name = "SUITE.CASE")]
        expect_kasan_failure: Vec<String>,
        /// SUITE or SUITE.CASE where a KASAN report is tolerated (repeatable).
        #[arg(long = "allow-reports", value_name = "SUITE[.CASE]")]
        allow_reports: Vec<String>,
    },
    /// Compare two console logs of one configuration.
    Compare {
        /// First log.
        a: PathBuf,
        /// Second log.
        b: PathBuf,
        /// Label of the first log.
        #[arg(long, default_value = "a")]
        label_a: String,
        /// Label of the second log.
        #[arg(long, default_value = "b")]
        label_b: String,
    },
}

#[derive(Args, Debug)]
struct ExpectArgs {
    /// SUITE=pass:N,fail:N,skip:N[,total:N][;SUITE=...], compared with the
    /// suite's own summary line (repeatable).
    #[arg(long = "expect", value_name = "SPEC")]
    expect: Vec<String>,
    /// Exactly N KASAN reports; a log without KTAP is then fine.
    #[arg(long, value_name = "N")]
    expect_reports: Option<usize>,
    /// At least N KASAN reports (e.g. kasan.mode=async).
    #[arg(long, value_name = "N")]
    min_reports: Option<usize>,
    /// A `kasan.fault=panic` panic must follow a KASAN report.
    #[arg(long)]
    expect_panic: bool,
    /// Exactly N WARNING splats, which the test provokes (they are then not
    /// crashes; fewer or more fail the run).
    #[arg(long, value_name = "N")]
    expect_warnings: Option<usize>,
}

#[derive(Args, Debug)]
struct RunArgs {
    /// Kernel Image to boot.
    #[arg(long)]
    image: PathBuf,
    /// Extra kernel arguments, after "console=ttyAMA0 panic=-1
    /// kunit_shutdown=poweroff" (without kunit_shutdown=poweroff with --initrd).
    #[arg(long, allow_hyphen_values = true)]
    append: Option<String>,
    /// Initramfs to boot with; its /init must power the machine off.
    #[arg(long)]
    initrd: Option<PathBuf>,
    /// Also write the console to PATH.
    #[arg(long, value_name = "PATH")]
    log: Option<PathBuf>,
    /// Kill QEMU after SECS seconds (default 300).
    #[arg(long, value_name = "SECS")]
    timeout: Option<f64>,
    /// QEMU binary, >= 8.0 (default qemu-system-aarch64).
    #[arg(long, value_name = "BIN")]
    qemu: Option<String>,
    /// Virtual CPUs (default 2).
    #[arg(long, value_name = "N")]
    smp: Option<u32>,
    /// Guest memory (default 1G).
    #[arg(long, value_name = "SIZE")]
    mem: Option<String>,
    /// Reproducible run: -seed N -icount shift=0,sleep=off.
    #[arg(long, value_name = "N")]
    seed: Option<u64>,
    /// One more QEMU argument, before -kernel (repeatable).
    #[arg(long = "qemu-arg", value_name = "ARG", allow_hyphen_values = true)]
    qemu_arg: Vec<String>,
    /// Do not echo the console, print only the summary.
    #[arg(long)]
    quiet: bool,
    /// A run that failed only by missed KASAN reports (a random-tag
    /// collision suspect): boot it again, up to N more times.
    #[arg(long, value_name = "N", default_value_t = 0)]
    rerun_collisions: u32,
    /// A run that failed only by missed KASAN reports: rerun each such case
    /// alone (kunit.filter_glob=SUITE.CASE) up to N times; the run passes
    /// when each passes once.
    #[arg(long, value_name = "N", default_value_t = 0)]
    rerun_cases: u32,
    /// More cases than M with missed reports are not taken for collisions
    /// (default 3).
    #[arg(long, value_name = "M", default_value_t = crate::rerun::DEFAULT_MAX_CASES)]
    max_collision_cases: usize,
    #[command(flatten)]
    expect: ExpectArgs,
}

#[derive(Args, Debug)]
struct FuzzArgs {
    /// Only check --duration, --seed and the other values, then exit 0 (or 2).
    #[arg(long)]
    check_only: bool,
    /// Kernel Image to boot.
    #[arg(long, required_unless_present = "check_only")]
    kernel: Option<PathBuf>,
    /// Raw disk image (attached with snapshot=on; never modified).
    #[arg(long, required_unless_present = "check_only")]
    drive: Option<PathBuf>,
    /// Label of the kernel variant (c, rust).
    #[arg(long, required_unless_present = "check_only")]
    variant: Option<String>,
    /// Output directory.
    #[arg(long, required_unless_present = "check_only")]
    out: Option<PathBuf>,
    /// Deterministic VMs (-seed, -icount shift=0,sleep=off): guest time counts
    /// instructions, and the table gives guest instructions per syscall.
    #[arg(long)]
    icount: bool,
    /// Which planted bugs each VM arms: those not reported yet (0 once all are), or the
    /// guest's default (VM k: bug k mod 4). An --append with fuzz_canary_armed= wins.
    #[arg(long, value_enum, default_value_t)]
    canary_arming: crate::fuzz::CanaryArming,
    /// Campaign length: 90s, 30m, 2h, 1h30m or seconds.
    #[arg(long, value_name = "DURATION")]
    duration: String,
    /// Campaign seed; VM k gets fuzz_seed=SEED*1000+k.
    #[arg(long, value_name = "N")]
    seed: u32,
    /// Extra kernel arguments.
    #[arg(long, allow_hyphen_values = true)]
    append: Option<String>,
    /// Virtual CPUs (default 2).
    #[arg(long, value_name = "N")]
    smp: Option<u32>,
    /// Guest memory (default 2G).
    #[arg(long, value_name = "SIZE")]
    mem: Option<String>,
    /// No progress line for this long: a hang (default 180s).
    #[arg(long, value_name = "DURATION")]
    hang_timeout: Option<String>,
    /// No `started` line for this long: a boot failure (default 120s).
    #[arg(long, value_name = "DURATION")]
    boot_timeout: Option<String>,
    /// How long the kernel may print after a crash line (default 5s).
    #[arg(long, value_name = "DURATION")]
    crash_grace: Option<String>,
    /// QEMU binary, >= 8.0 (default qemu-system-aarch64).
    #[arg(long, value_name = "BIN")]
    qemu: Option<String>,
    /// One more QEMU argument, before -kernel (repeatable; checked for containment).
    #[arg(long = "qemu-arg", value_name = "ARG", allow_hyphen_values = true)]
    qemu_arg: Vec<String>,
}

#[derive(Args, Debug)]
struct SyzConfigCli {
    /// Kernel Image.
    #[arg(long)]
    kernel: String,
    /// Disk image.
    #[arg(long)]
    image: String,
    /// ssh key of the image.
    #[arg(long)]
    sshkey: String,
    /// syz-manager's working directory.
    #[arg(long)]
    workdir: String,
    /// syzkaller checkout (default syzkaller).
    #[arg(long, default_value = "syzkaller")]
    syzkaller: String,
    /// Test processes per VM (default 2).
    #[arg(long, default_value_t = 2)]
    procs: u32,
    /// VMs in parallel (default 1).
    #[arg(long, default_value_t = 1)]
    vms: u32,
    /// vCPUs per VM (default 2).
    #[arg(long, default_value_t = 2)]
    cpu: u32,
    /// Memory per VM: 2G, 2048M or MiB (default 2G).
    #[arg(long, default_value = "2G")]
    mem: String,
    /// QEMU binary.
    #[arg(long, default_value = "qemu-system-aarch64")]
    qemu: String,
    /// Extra kernel arguments.
    #[arg(long, allow_hyphen_values = true, default_value = "")]
    append: String,
    /// syz-manager's web UI address.
    #[arg(long, default_value = "127.0.0.1:56741")]
    http: String,
}

#[derive(Args, Debug)]
struct KtapArgs {
    /// Console log, `-` for stdin.
    log: PathBuf,
    /// The run was killed at a timeout.
    #[arg(long, overrides_with = "exited_cleanly")]
    timed_out: bool,
    /// The run ended by itself (default).
    #[arg(long, overrides_with = "timed_out")]
    exited_cleanly: bool,
    #[command(flatten)]
    expect: ExpectArgs,
}

/// A parsed command line.
#[derive(Debug)]
pub enum Command {
    /// `kasan-rs run ...`
    Run {
        /// Run settings.
        config: Box<RunConfig>,
        /// Expectations.
        expect: Expectations,
        /// What to do about a random-tag collision suspect.
        rerun: crate::rerun::Policy,
    },
    /// `kasan-rs ktap ...`
    Ktap {
        /// Log path; `-` is stdin.
        log: PathBuf,
        /// `--timed-out` was given.
        timed_out: bool,
        /// Expectations.
        expect: Expectations,
    },
    /// `kasan-rs summary LOG`
    Summary {
        /// Log path; `-` is stdin.
        log: PathBuf,
    },
    /// `kasan-rs compare A B [--label-a L] [--label-b L]`
    Compare {
        /// The two logs.
        logs: [PathBuf; 2],
        /// Their labels.
        labels: [String; 2],
    },
    /// `kasan-rs bench-facts LOG...`
    BenchFacts {
        /// Log paths; `-` is stdin.
        logs: Vec<PathBuf>,
    },
    /// `kasan-rs kunit-cases LOG`
    KunitCases {
        /// Log path; `-` is stdin.
        log: PathBuf,
    },
    /// `kasan-rs kunit-compare A B [...]`
    KunitCompare {
        /// The two logs.
        logs: [PathBuf; 2],
        /// Their labels.
        labels: [String; 2],
        /// Where KASAN reports may appear.
        policy: crate::kunit_compare::Policy,
    },
    /// `kasan-rs check-args ARGS...`
    CheckArgs {
        /// The command line (the arguments joined by spaces).
        cmdline: String,
    },
    /// `kasan-rs reports|symbolize|diff ...` (see [`crate::report::command`]).
    Report(ReportCommand),
    /// `kasan-rs fuzz ...`
    Fuzz(Box<FuzzConfig>),
    /// `kasan-rs fuzz-compare A B`
    FuzzCompare {
        /// The reference campaign's crashes.json.
        a: PathBuf,
        /// The checked campaign's crashes.json.
        b: PathBuf,
    },
    /// `kasan-rs fuzz --check-only ...`: the values were good.
    FuzzChecked,
    /// `kasan-rs fuzz-cost FILE...`
    FuzzCost {
        /// The campaigns' crashes.json.
        files: Vec<PathBuf>,
    },
    /// `kasan-rs fuzz-canaries FILE --expect all|none`
    FuzzCanaries {
        /// The campaign's crashes.json.
        file: PathBuf,
        /// What it must show.
        expect: crate::fuzz::canaries::Expect,
    },
    /// `kasan-rs fuzz-contained DIR`
    FuzzContained {
        /// The campaign directory.
        dir: PathBuf,
    },
    /// `kasan-rs syz-config ...`
    SyzConfig(Box<SyzConfigArgs>),
    /// `help`, `--help`, `--version`: the text to print (exit 0).
    Help(String),
}

/// Parses the arguments after the program name.
pub fn parse_args<I, T>(args: I) -> Result<Command, Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let all = std::iter::once(OsString::from("kasan-rs")).chain(args.into_iter().map(Into::into));
    let cli = match Cli::try_parse_from(all) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            return match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    Ok(Command::Help(e.render().to_string()))
                }
                ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Err(Error::Usage(
                    "missing subcommand (see kasan-rs help)".to_string(),
                )),
                _ => Err(Error::Usage(one_line(&e))),
            };
        }
    };
    convert(cli.command)
}

/// clap's message on one line: its first paragraph (which may list the
/// missing arguments on lines of their own), without `error: `.
fn one_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let paragraph: Vec<&str> = text
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let joined = paragraph.join(" ");
    let message = joined.strip_prefix("error: ").unwrap_or(&joined);
    let message = if message.is_empty() {
        "invalid arguments"
    } else {
        message
    };
    format!("{message} (see kasan-rs help)")
}

fn expectations(args: ExpectArgs) -> Result<Expectations, Error> {
    let mut expect = Expectations::default();
    for spec in &args.expect {
        expect.add_spec(spec)?;
    }
    expect.reports = args.expect_reports;
    expect.min_reports = args.min_reports;
    expect.panic = args.expect_panic;
    expect.warnings = args.expect_warnings;
    Ok(expect)
}

fn duration_option(
    name: &str,
    value: Option<String>,
    default: Duration,
) -> Result<Duration, Error> {
    match value {
        Some(v) => parse_duration(&v).map_err(|e| Error::Usage(format!("--{name}: {e}"))),
        None => Ok(default),
    }
}

fn fuzz_config(a: FuzzArgs) -> Result<FuzzConfig, Error> {
    let mut c = FuzzConfig::new(a.kernel.unwrap_or_default(), a.drive.unwrap_or_default());
    c.variant = a.variant.unwrap_or_default();
    c.out = a.out.unwrap_or_default();
    c.icount = a.icount;
    c.arming = a.canary_arming;
    c.duration =
        parse_duration(&a.duration).map_err(|e| Error::Usage(format!("--duration: {e}")))?;
    c.seed = a.seed;
    if let Some(append) = a.append {
        c.append = append;
    }
    if let Some(smp) = a.smp {
        if smp == 0 {
            return Err(Error::Usage("--smp must be at least 1".to_string()));
        }
        c.smp = smp;
    }
    if let Some(mem) = a.mem {
        c.mem = mem;
    }
    c.hang_timeout = duration_option("hang-timeout", a.hang_timeout, c.hang_timeout)?;
    c.boot_timeout = duration_option("boot-timeout", a.boot_timeout, c.boot_timeout)?;
    c.crash_grace = duration_option("crash-grace", a.crash_grace, c.crash_grace)?;
    if let Some(qemu) = a.qemu {
        c.qemu = qemu;
    }
    c.qemu_args = a.qemu_arg;
    Ok(c)
}

fn convert(sub: Sub) -> Result<Command, Error> {
    Ok(match sub {
        Sub::Fuzz(a) if a.check_only => {
            fuzz_config(a)?;
            Command::FuzzChecked
        }
        Sub::Fuzz(a) => Command::Fuzz(Box::new(fuzz_config(a)?)),
        Sub::FuzzCompare { a, b } => Command::FuzzCompare { a, b },
        Sub::FuzzCost { files } => Command::FuzzCost { files },
        Sub::FuzzCanaries { file, expect } => Command::FuzzCanaries {
            file,
            expect: crate::fuzz::canaries::Expect::parse(&expect).ok_or_else(|| {
                Error::Usage(format!(
                    "--expect: '{expect}': expected all, none or disarmed"
                ))
            })?,
        },
        Sub::FuzzContained { dir } => Command::FuzzContained { dir },
        Sub::SyzConfig(a) => Command::SyzConfig(Box::new(SyzConfigArgs {
            mem: parse_mem_mib(&a.mem).map_err(|e| Error::Usage(format!("--mem: {e}")))?,
            kernel: a.kernel,
            image: a.image,
            sshkey: a.sshkey,
            workdir: a.workdir,
            syzkaller: a.syzkaller,
            procs: a.procs,
            vms: a.vms,
            cpu: a.cpu,
            qemu: a.qemu,
            cmdline: a.append,
            http: a.http,
        })),
        Sub::Run(a) => {
            let mut config = RunConfig::new(a.image);
            if let Some(append) = a.append {
                config.append = append;
            }
            config.initrd = a.initrd;
            config.log = a.log;
            if let Some(secs) = a.timeout {
                if !(secs > 0.0 && secs.is_finite()) {
                    return Err(Error::Usage(
                        "--timeout must be a positive number of seconds".to_string(),
                    ));
                }
                config.timeout = Duration::from_secs_f64(secs);
            }
            if let Some(qemu) = a.qemu {
                config.qemu = qemu;
            }
            if let Some(smp) = a.smp {
                if smp == 0 {
                    return Err(Error::Usage("--smp must be at least 1".to_string()));
                }
                config.smp = smp;
            }
            if let Some(mem) = a.mem {
                config.mem = mem;
            }
            config.seed = a.seed;
            config.extra_args = a.qemu_arg;
            config.echo = !a.quiet;
            if a.max_collision_cases == 0 {
                return Err(Error::Usage(
                    "--max-collision-cases must be at least 1".to_string(),
                ));
            }
            Command::Run {
                config: Box::new(config),
                expect: expectations(a.expect)?,
                rerun: crate::rerun::Policy {
                    boots: a.rerun_collisions,
                    cases: a.rerun_cases,
                    max_cases: a.max_collision_cases,
                },
            }
        }
        Sub::Ktap(a) => Command::Ktap {
            log: a.log,
            timed_out: a.timed_out,
            expect: expectations(a.expect)?,
        },
        Sub::Summary { log } => Command::Summary { log },
        Sub::Reports { log, json, dedup } => {
            Command::Report(ReportCommand::Reports { log, json, dedup })
        }
        Sub::Symbolize {
            vmlinux,
            strip,
            log,
        } => Command::Report(ReportCommand::Symbolize {
            vmlinux,
            strip,
            log,
        }),
        Sub::Diff {
            optional_free_stack,
            any_idle_cpu,
            a,
            b,
        } => Command::Report(ReportCommand::Diff {
            a,
            b,
            allow: Allowances {
                optional_free_stack,
                any_idle_cpu,
            },
        }),
        Sub::CheckArgs { args } => Command::CheckArgs {
            cmdline: args.join(" "),
        },
        Sub::KunitCases { log } => Command::KunitCases { log },
        Sub::BenchFacts { logs } => Command::BenchFacts { logs },
        Sub::KunitCompare {
            a,
            b,
            label_a,
            label_b,
            kasan_suites,
            expect_kasan_failure,
            allow_reports,
        } => {
            let mut policy = crate::kunit_compare::Policy::default();
            if !kasan_suites.is_empty() {
                policy.kasan_suites = kasan_suites;
            }
            for key in &expect_kasan_failure {
                if !key.contains('.') {
                    return Err(Error::Usage(format!(
                        "--expect-kasan-failure wants SUITE.CASE, not '{key}'"
                    )));
                }
            }
            policy.expect_kasan_failure = expect_kasan_failure;
            policy.allow_reports = allow_reports;
            Command::KunitCompare {
                logs: [a, b],
                labels: [label_a, label_b],
                policy,
            }
        }
        Sub::Compare {
            a,
            b,
            label_a,
            label_b,
        } => Command::Compare {
            logs: [a, b],
            labels: [label_a, label_b],
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_run() {
        let cmd = parse_args([
            "run",
            "--image",
            "Image",
            "--append=kasan.mode=async",
            "--timeout",
            "3",
            "--smp",
            "4",
            "--expect",
            "kasan=pass:1",
            "--expect-panic",
            "--quiet",
            "--initrd",
            "/tmp/initramfs.cpio",
            "--min-reports=2",
            "--seed",
            "3",
            "--qemu-arg=-d",
            "--qemu-arg",
            "guest_errors",
        ])
        .unwrap();
        let Command::Run { config, expect, .. } = cmd else {
            panic!("not run")
        };
        assert_eq!(config.image, PathBuf::from("Image"));
        assert_eq!(config.append, "kasan.mode=async");
        assert_eq!(config.timeout, Duration::from_secs(3));
        assert_eq!(config.smp, 4);
        assert!(!config.echo);
        assert!(expect.panic);
        assert_eq!(expect.suites[0].pass, Some(1));
        assert_eq!(expect.min_reports, Some(2));
        assert_eq!(config.initrd, Some(PathBuf::from("/tmp/initramfs.cpio")));
        assert_eq!(config.seed, Some(3));
        assert_eq!(config.extra_args, ["-d", "guest_errors"]);
    }

    #[test]
    fn parses_summary_ktap_and_report_commands() {
        let Command::Summary { log } = parse_args(["summary", "x.log"]).unwrap() else {
            panic!("not summary")
        };
        assert_eq!(log, PathBuf::from("x.log"));
        let cmd = parse_args(["ktap", "-", "--timed-out", "--expect-reports", "2"]).unwrap();
        let Command::Ktap {
            log,
            timed_out,
            expect,
        } = cmd
        else {
            panic!("not ktap")
        };
        assert_eq!(log, PathBuf::from("-"));
        assert!(timed_out);
        assert_eq!(expect.reports, Some(2));
        let Command::Ktap { timed_out, .. } =
            parse_args(["ktap", "-", "--timed-out", "--exited-cleanly"]).unwrap()
        else {
            panic!("not ktap")
        };
        assert!(!timed_out);
        let Command::Report(ReportCommand::Reports { log, json, dedup }) =
            parse_args(["reports", "x.log", "--json", "--dedup"]).unwrap()
        else {
            panic!("not reports")
        };
        assert_eq!((log, json, dedup), (PathBuf::from("x.log"), true, true));
        let Command::Report(ReportCommand::Symbolize {
            vmlinux,
            strip,
            log,
        }) = parse_args(["symbolize", "--vmlinux=vm", "--strip", "/b/"]).unwrap()
        else {
            panic!("not symbolize")
        };
        assert_eq!(
            (vmlinux, strip, log),
            ("vm".into(), Some("/b/".into()), "-".into())
        );
        let Command::Compare { logs, labels } = parse_args([
            "compare",
            "a.log",
            "b.log",
            "--label-a",
            "c",
            "--label-b=rust",
        ])
        .unwrap() else {
            panic!("not compare")
        };
        assert_eq!(logs, [PathBuf::from("a.log"), PathBuf::from("b.log")]);
        assert_eq!(labels, ["c".to_string(), "rust".to_string()]);
        let Command::KunitCompare {
            logs,
            labels,
            policy,
        } = parse_args([
            "kunit-compare",
            "c.log",
            "rust.log",
            "--expect-kasan-failure",
            "kunit_hook.kunit_hook_uaf",
            "--allow-reports=slub_test",
            "--kasan-suites",
            "kasan*",
            "--kasan-suites",
            "my_kasan",
        ])
        .unwrap()
        else {
            panic!("not kunit-compare")
        };
        assert_eq!(logs, [PathBuf::from("c.log"), PathBuf::from("rust.log")]);
        assert_eq!(labels, ["c".to_string(), "rust".to_string()]);
        assert_eq!(policy.expect_kasan_failure, ["kunit_hook.kunit_hook_uaf"]);
        assert_eq!(policy.allow_reports, ["slub_test"]);
        assert_eq!(policy.kasan_suites, ["kasan*", "my_kasan"]);
        let Command::KunitCompare { policy, .. } = parse_args(["kunit-compare", "a", "b"]).unwrap()
        else {
            panic!("not kunit-compare")
        };
        assert_eq!(policy.kasan_suites, ["kasan*"]);
        assert!(
            parse_args(["kunit-compare", "a", "b", "--expect-kasan-failure", "nodot"]).is_err()
        );
        assert!(matches!(
            parse_args(["diff", "--optional-free-stack", "--any-idle-cpu", "a", "b"]).unwrap(),
            Command::Report(ReportCommand::Diff { .. })
        ));
        assert!(matches!(parse_args(["help"]).unwrap(), Command::Help(_)));
        assert!(matches!(
            parse_args(["--version"]).unwrap(),
            Command::Help(_)
        ));
        assert!(matches!(
            parse_args(["run", "--help"]).unwrap(),
            Command::Help(_)
        ));
    }

    #[cfg(unix)]
    #[test]
    fn takes_non_utf8_paths() {
        use std::os::unix::ffi::OsStringExt;
        let name = OsString::from_vec(b"log-\xff.txt".to_vec());
        let Command::Summary { log } =
            parse_args([OsString::from("summary"), name.clone()]).unwrap()
        else {
            panic!("not summary")
        };
        assert_eq!(log.as_os_str(), name);
        let bad = OsString::from_vec(b"\xff".to_vec());
        assert!(parse_args([
            OsString::from("run"),
            "--image".into(),
            "x".into(),
            "--mem".into(),
            bad
        ])
        .is_err());
    }

    #[test]
    fn rejects_bad_usage() {
        for bad in [
            &["run"][..],
            &["run", "--image"],
            &["run", "--image", "x", "--bogus"],
            &["run", "--image", "x", "--timeout", "0"],
            &["run", "--image", "x", "--quiet=yes"],
            &["ktap"],
            &["ktap", "a", "b"],
            &["ktap", "a", "--expect", "kasan"],
            &["run", "--image", "x", "--initrd"],
            &["run", "--image", "x", "--min-reports", "many"],
            &["summary"],
            &["run", "--image", "x", "--seed", "-1"],
            &["compare", "a.log"],
            &["compare", "a.log", "b.log", "c.log"],
            &["compare", "a.log", "b.log", "--bogus"],
            &["summary", "a", "b"],
            &["summary", "--bogus"],
            &["reports"],
            &["reports", "a", "b"],
            &["reports", "a", "--bogus"],
            &["symbolize", "x.log"],
            &["symbolize", "--vmlinux"],
            &["diff", "a"],
            &["diff", "a", "b", "--json"],
            &["bench-facts"],
            &["bench-facts", "a", "--json"],
            &["frobnicate"],
            &[],
        ] {
            let err = parse_args(bad.iter().copied()).unwrap_err();
            assert!(!err.to_string().contains('\n'), "{bad:?}: {err}");
        }
    }
}
