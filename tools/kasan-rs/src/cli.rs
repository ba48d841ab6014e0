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
  --quiet             do not echo the console, print only the summary

summary: one line per `kasan_rs_sample: bug N: ...` marker of the sample
module, with the `BUG: KASAN:` header of the report that followed it.

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
            &["summary", "a", "b"],
            &["summary", "--bogus"],
            &["frobnicate"],
            &[],
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?}");
        }
    }
}
