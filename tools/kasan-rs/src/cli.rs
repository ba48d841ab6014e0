//! Command-line parsing for the `kasan-rs` binary (hand-written: two
//! subcommands, a dozen options).

use std::path::PathBuf;
use std::time::Duration;

use crate::expect::Expectations;
use crate::qemu::RunConfig;

/// The usage text printed by `kasan-rs help`.
pub const USAGE: &str = "\
kasan-rs: boot kasan-rs kernels under QEMU and judge their KUnit KTAP output

usage:
  kasan-rs run --image PATH [run options] [expectations]
  kasan-rs ktap LOG|- [--exited-cleanly|--timed-out] [expectations]
  kasan-rs summary LOG|-
  kasan-rs reports LOG|- [--json] [--dedup]
  kasan-rs symbolize --vmlinux PATH [--strip DIR] [LOG|-]
  kasan-rs diff A B
  kasan-rs compare A.log B.log [--label-a c] [--label-b rust]
  kasan-rs help

run options:
  --image PATH        kernel Image to boot (required)
  --append \"ARGS\"     extra kernel arguments, after
                      \"console=ttyAMA0 panic=-1 kunit_shutdown=poweroff\"
                      (without kunit_shutdown=poweroff when --initrd is given)
  --initrd PATH       initramfs to boot with (-initrd); its /init must power
                      the machine off, as KUnit no longer does it
  --log PATH          also write the console to PATH
  --timeout SECS      kill QEMU after SECS seconds (default 300)
  --qemu BIN          QEMU binary, >= 8.0 (default qemu-system-aarch64)
  --smp N             virtual CPUs (default 2)
  --mem SIZE          guest memory (default 1G)
  --seed N            reproducible run: -seed N -icount shift=0,sleep=off
                      (same seed, same Image, same console)
  --qemu-arg ARG      one more QEMU argument, before -kernel (repeatable)
  --quiet             do not echo the console, print only the summary

summary: one line per `kasan_rs_sample: bug N: ...` marker of the sample
module, with the `BUG: KASAN:` header of the report that followed it.

compare: two console logs of one configuration (banner, Malformed early
option lines, suite counts, case outcomes, per case the KASAN reports' types
and access kinds, crashes, verdict class); one line per difference. Exit 0
same, 1 different, 8 only collision suspects (a case failed on one side with
`KASAN failure expected ..., but none occurred`; listed on a
`collision-suspects:` line).

ktap options (LOG is a console log file, - for stdin):
  --exited-cleanly    the run ended by itself (default)
  --timed-out         the run was killed at a timeout

expectations:
  --expect SPEC       SUITE=pass:N,fail:N,skip:N[,total:N][;SUITE=...]
                      compared with the suite's own summary line (repeatable)
  --expect-reports N  exactly N KASAN reports; a log without KTAP is then fine
  --min-reports N     at least N KASAN reports (e.g. kasan.mode=async, where
                      faults may be coalesced); a log without KTAP is then fine
  --expect-panic      a `kasan.fault=panic` panic must follow a KASAN report

exit codes:
  0 PASS            1 CASE_FAILED     2 usage or environment error
  3 KERNEL_CRASH    4 TIMEOUT         5 TRUNCATED
  6 NO_KTAP         7 MISSING_PANIC
";

/// A parsed command line.
#[derive(Debug)]
pub enum Command {
    /// `kasan-rs run ...`
    Run {
        /// Run settings.
        config: Box<RunConfig>,
        /// Expectations.
        expect: Expectations,
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
    /// `kasan-rs reports|symbolize|diff ...` (see [`crate::report::command`]).
    Report(crate::report::command::ReportCommand),
    /// `kasan-rs help` / `--help`.
    Help,
}

/// Parses the arguments after the program name. Errors are one line.
pub fn parse_args(args: &[String]) -> Result<Command, String> {
    let Some((sub, rest)) = args.split_first() else {
        return Err("missing subcommand (run, ktap, summary, help)".to_string());
    };
    match sub.as_str() {
        "run" => parse_run(rest),
        "ktap" => parse_ktap(rest),
        "summary" => parse_summary(rest),
        "compare" => parse_compare(rest),
        "reports" | "symbolize" | "diff" => {
            crate::report::command::parse(sub, rest).map(Command::Report)
        }
        "help" | "-h" | "--help" => Ok(Command::Help),
        other => Err(format!(
            "unknown subcommand '{other}' (run, ktap, summary, help)"
        )),
    }
}

/// Splits `--key=value` and hands out values for `--key value`.
struct Args<'a> {
    items: std::slice::Iter<'a, String>,
    inline_value: Option<String>,
}

impl<'a> Args<'a> {
    fn new(args: &'a [String]) -> Self {
        Args {
            items: args.iter(),
            inline_value: None,
        }
    }

    /// The next argument; `--key=value` yields `--key` and keeps the value.
    fn next_arg(&mut self) -> Option<String> {
        let arg = self.items.next()?;
        if arg.starts_with("--") {
            if let Some((key, value)) = arg.split_once('=') {
                self.inline_value = Some(value.to_string());
                return Some(key.to_string());
            }
        }
        self.inline_value = None;
        Some(arg.clone())
    }

    fn value(&mut self, option: &str) -> Result<String, String> {
        if let Some(value) = self.inline_value.take() {
            return Ok(value);
        }
        self.items
            .next()
            .cloned()
            .ok_or_else(|| format!("{option} needs a value"))
    }

    fn flag(&mut self, option: &str) -> Result<(), String> {
        match self.inline_value.take() {
            Some(_) => Err(format!("{option} takes no value")),
            None => Ok(()),
        }
    }
}

fn number<T: std::str::FromStr>(option: &str, value: &str) -> Result<T, String> {
    value
        .parse()
        .map_err(|_| format!("{option}: '{value}' is not a valid number"))
}

/// Handles an expectation option; returns false if `option` is not one.
fn expectation(
    option: &str,
    args: &mut Args<'_>,
    expect: &mut Expectations,
) -> Result<bool, String> {
    match option {
        "--expect" => expect.add_spec(&args.value(option)?)?,
        "--expect-reports" => expect.reports = Some(number(option, &args.value(option)?)?),
        "--min-reports" => expect.min_reports = Some(number(option, &args.value(option)?)?),
        "--expect-panic" => {
            args.flag(option)?;
            expect.panic = true;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

fn parse_run(rest: &[String]) -> Result<Command, String> {
    let mut args = Args::new(rest);
    let mut image: Option<PathBuf> = None;
    let mut config = RunConfig::new(PathBuf::new());
    let mut expect = Expectations::default();
    while let Some(option) = args.next_arg() {
        match option.as_str() {
            "--image" => image = Some(PathBuf::from(args.value(&option)?)),
            "--append" => config.append = args.value(&option)?,
            "--log" => config.log = Some(PathBuf::from(args.value(&option)?)),
            "--initrd" => config.initrd = Some(PathBuf::from(args.value(&option)?)),
            "--timeout" => {
                let secs: f64 = number(&option, &args.value(&option)?)?;
                if !(secs > 0.0 && secs.is_finite()) {
                    return Err("--timeout must be a positive number of seconds".to_string());
                }
                config.timeout = Duration::from_secs_f64(secs);
            }
            "--qemu" => config.qemu = args.value(&option)?,
            "--smp" => {
                config.smp = number(&option, &args.value(&option)?)?;
                if config.smp == 0 {
                    return Err("--smp must be at least 1".to_string());
                }
            }
            "--mem" => config.mem = args.value(&option)?,
            "--seed" => config.seed = Some(number(&option, &args.value(&option)?)?),
            "--qemu-arg" => config.extra_args.push(args.value(&option)?),
            "--quiet" => {
                args.flag(&option)?;
                config.echo = false;
            }
            "-h" | "--help" => return Ok(Command::Help),
            other => {
                if !expectation(other, &mut args, &mut expect)? {
                    return Err(format!("run: unknown option '{other}' (see kasan-rs help)"));
                }
            }
        }
    }
    config.image = image.ok_or("run: --image PATH is required")?;
    Ok(Command::Run {
        config: Box::new(config),
        expect,
    })
}

fn parse_compare(rest: &[String]) -> Result<Command, String> {
    let mut args = Args::new(rest);
    let mut logs = Vec::new();
    let mut labels = ["a".to_string(), "b".to_string()];
    while let Some(option) = args.next_arg() {
        match option.as_str() {
            "--label-a" => labels[0] = args.value(&option)?,
            "--label-b" => labels[1] = args.value(&option)?,
            "-h" | "--help" => return Ok(Command::Help),
            other if other.starts_with("--") => {
                return Err(format!(
                    "compare: unknown option '{other}' (see kasan-rs help)"
                ))
            }
            log => logs.push(PathBuf::from(log)),
        }
    }
    let [a, b]: [PathBuf; 2] = logs
        .try_into()
        .map_err(|_| "compare: exactly two logs are required (A.log B.log)".to_string())?;
    Ok(Command::Compare {
        logs: [a, b],
        labels,
    })
}

fn parse_summary(rest: &[String]) -> Result<Command, String> {
    match rest {
        [flag] if flag == "-h" || flag == "--help" => Ok(Command::Help),
        [log] if log == "-" || !log.starts_with("--") => Ok(Command::Summary {
            log: PathBuf::from(log),
        }),
        [] => Err("summary: LOG is required (a file, or - for stdin)".to_string()),
        [one] => Err(format!(
            "summary: unknown option '{one}' (see kasan-rs help)"
        )),
        [_, extra, ..] => Err(format!(
            "summary: only one LOG may be given (extra: '{extra}')"
        )),
    }
}

fn parse_ktap(rest: &[String]) -> Result<Command, String> {
    let mut args = Args::new(rest);
    let mut log: Option<PathBuf> = None;
    let mut timed_out = false;
    let mut expect = Expectations::default();
    while let Some(option) = args.next_arg() {
        match option.as_str() {
            "--timed-out" => {
                args.flag(&option)?;
                timed_out = true;
            }
            "--exited-cleanly" => {
                args.flag(&option)?;
                timed_out = false;
            }
            "-h" | "--help" => return Ok(Command::Help),
            other if other.starts_with("--") => {
                if !expectation(other, &mut args, &mut expect)? {
                    return Err(format!(
                        "ktap: unknown option '{other}' (see kasan-rs help)"
                    ));
                }
            }
            path => {
                if log.is_some() {
                    return Err(format!("ktap: only one LOG may be given (extra: '{path}')"));
                }
                log = Some(PathBuf::from(path));
            }
        }
    }
    Ok(Command::Ktap {
        log: log.ok_or("ktap: LOG is required (a file, or - for stdin)")?,
        timed_out,
        expect,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_run() {
        let cmd = parse_args(&args(&[
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
        ]))
        .unwrap();
        let Command::Run { config, expect } = cmd else {
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
    fn parses_summary() {
        let Command::Summary { log } = parse_args(&args(&["summary", "x.log"])).unwrap() else {
            panic!("not summary")
        };
        assert_eq!(log, PathBuf::from("x.log"));
    }

    #[test]
    fn parses_ktap() {
        let cmd = parse_args(&args(&[
            "ktap",
            "-",
            "--timed-out",
            "--expect-reports",
            "2",
        ]))
        .unwrap();
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
            &["frobnicate"],
            &[],
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
