//! The `reports`, `symbolize` and `diff` subcommands: arguments and running.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::json;

use super::dedup::Dedup;
use super::json::{self, Summary};
use super::parse::read_reports;
use super::symbolize::Symbolizer;
use super::{diff, table, Report};

/// Usage lines for `kasan-rs help`.
pub const USAGE: &str = "\
reports LOG|- [--json] [--dedup]
                      every KASAN report of a console log: a table (default),
                      JSON (--json, schema kasan-rs.reports/2), or one line
                      per distinct title with count and first/last line
                      (--dedup; with --json: kasan-rs.dedup/1)
symbolize --vmlinux PATH [--strip DIR] [LOG|-]
                      append file:line (and inlined frames) to every
                      func+0xoff/0xsize frame, from the vmlinux's DWARF
diff [--optional-free-stack] [--any-idle-cpu] A B
                      compare the reports of two logs after normalising
                      addresses, offsets, pids, tags and timestamps
                      (exit 0 same, 1 different)
";

/// A parsed `reports`/`symbolize`/`diff` command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportCommand {
    /// `reports LOG [--json] [--dedup]`
    Reports {
        /// Log path; `-` is stdin.
        log: PathBuf,
        /// `--json`.
        json: bool,
        /// `--dedup`.
        dedup: bool,
    },
    /// `symbolize --vmlinux PATH [--strip DIR] [LOG]`
    Symbolize {
        /// The ELF with DWARF.
        vmlinux: PathBuf,
        /// Prefix removed from file names.
        strip: Option<String>,
        /// Log path; `-` (default) is stdin.
        log: PathBuf,
    },
    /// `diff [--optional-free-stack] [--any-idle-cpu] A B`
    Diff {
        /// The two logs.
        a: PathBuf,
        /// The second log.
        b: PathBuf,
        /// What the comparison may ignore.
        allow: diff::Allowances,
    },
}

/// Parses the arguments after `reports`, `symbolize` or `diff`.
pub fn parse(sub: &str, rest: &[String]) -> Result<ReportCommand, String> {
    let mut paths: Vec<PathBuf> = Vec::new();
    let (mut json, mut dedup) = (false, false);
    let mut allow = diff::Allowances::default();
    let mut vmlinux = None;
    let mut strip = None;
    let mut it = rest.iter();
    while let Some(arg) = it.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| format!("{sub}: {name} needs a value"))
        };
        match (sub, key) {
            ("reports", "--json") => json = true,
            ("reports", "--dedup") => dedup = true,
            ("diff", "--optional-free-stack") => allow.optional_free_stack = true,
            ("diff", "--any-idle-cpu") => allow.any_idle_cpu = true,
            ("symbolize", "--vmlinux") => vmlinux = Some(PathBuf::from(value("--vmlinux")?)),
            ("symbolize", "--strip") => strip = Some(value("--strip")?),
            (_, k) if k.starts_with("--") => {
                return Err(format!("{sub}: unknown option '{k}' (see kasan-rs help)"))
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    match sub {
        "reports" => match <[PathBuf; 1]>::try_from(paths) {
            Ok([log]) => Ok(ReportCommand::Reports { log, json, dedup }),
            Err(_) => Err("reports: exactly one LOG is required (a file, or - for stdin)".into()),
        },
        "symbolize" => {
            let vmlinux = vmlinux.ok_or("symbolize: --vmlinux PATH is required")?;
            let log = match paths.len() {
                0 => PathBuf::from("-"),
                1 => paths.remove(0),
                _ => return Err("symbolize: only one LOG may be given".into()),
            };
            Ok(ReportCommand::Symbolize {
                vmlinux,
                strip,
                log,
            })
        }
        "diff" => match <[PathBuf; 2]>::try_from(paths) {
            Ok([a, b]) => Ok(ReportCommand::Diff { a, b, allow }),
            Err(_) => Err("diff: exactly two logs are required (A B)".into()),
        },
        other => Err(format!("unknown subcommand '{other}'")),
    }
}

fn open(log: &Path) -> Result<Box<dyn BufRead>, String> {
    if log.as_os_str() == "-" {
        Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin())))
    } else {
        File::open(log)
            .map(|f| Box::new(BufReader::with_capacity(1 << 16, f)) as Box<dyn BufRead>)
            .map_err(|e| format!("cannot read log {}: {e}", log.display()))
    }
}

/// All reports of a log file (`-` for stdin), streamed.
pub fn reports_of(log: &Path) -> Result<Vec<Report>, String> {
    let mut out = Vec::new();
    read_reports(open(log)?, |r| out.push(r))
        .map_err(|e| format!("cannot read log {}: {e}", log.display()))?;
    Ok(out)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("kasan-rs: {message}");
    ExitCode::from(2)
}

/// Runs a parsed command; exit 0 on success (`diff`: 1 when the logs differ),
/// 2 on usage or I/O errors.
pub fn run(cmd: ReportCommand) -> ExitCode {
    match run_inner(cmd) {
        Ok(code) => code,
        Err(message) => fail(&message),
    }
}

fn run_inner(cmd: ReportCommand) -> Result<ExitCode, String> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let io_err = |e: io::Error| format!("cannot write: {e}");
    match cmd {
        ReportCommand::Reports { log, json, dedup } => {
            let source = log.display().to_string();
            let mut summary = Summary::default();
            let mut groups = Dedup::new();
            let mut first = true;
            let mut write_err = None;
            if json && !dedup {
                write!(
                    out,
                    "{{\"schema\":\"{}\",\"source\":{},\"reports\":[",
                    json::SCHEMA,
                    json!(source)
                )
                .map_err(io_err)?;
            } else if !dedup {
                writeln!(out, "{}", table::HEADER).map_err(io_err)?;
            }
            let lines = read_reports(open(&log)?, |r| {
                summary.add(&r);
                let result = if dedup {
                    groups.add(&r);
                    Ok(())
                } else if json {
                    let sep = if first { "\n" } else { ",\n" };
                    first = false;
                    write!(out, "{sep}{}", json::report_text(&r))
                } else {
                    writeln!(out, "{}", table::row(&r))
                };
                if let Err(e) = result {
                    write_err.get_or_insert(e);
                }
            })
            .map_err(|e| format!("cannot read log {source}: {e}"))?;
            if let Some(e) = write_err {
                return Err(io_err(e));
            }
            if json && dedup {
                let doc = json!({
                    "schema": json::DEDUP_SCHEMA, "source": source, "lines": lines,
                    "groups": groups.to_json(), "summary": summary.to_json(),
                });
                writeln!(out, "{doc}").map_err(io_err)?;
            } else if json {
                writeln!(
                    out,
                    "\n],\"lines\":{lines},\"summary\":{}}}",
                    summary.to_json()
                )
                .map_err(io_err)?;
            } else {
                if dedup {
                    write!(out, "{}", groups.render()).map_err(io_err)?;
                    writeln!(out, "{} distinct titles", groups.groups().len()).map_err(io_err)?;
                }
                writeln!(out, "{}", summary.line()).map_err(io_err)?;
            }
            out.flush().map_err(io_err)?;
            Ok(ExitCode::SUCCESS)
        }
        ReportCommand::Symbolize {
            vmlinux,
            strip,
            log,
        } => {
            let data = std::fs::read(&vmlinux)
                .map_err(|e| format!("cannot read {}: {e}", vmlinux.display()))?;
            let symbolizer = Symbolizer::new(&data)
                .map_err(|e| format!("{}: {e}", vmlinux.display()))?
                .strip_prefix(strip);
            let mut reader = open(&log)?;
            let mut line = Vec::new();
            loop {
                line.clear();
                let n = reader
                    .by_ref()
                    .take(1 << 20)
                    .read_until(b'\n', &mut line)
                    .map_err(|e| format!("cannot read log: {e}"))?;
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&line);
                writeln!(out, "{}", symbolizer.line(&text)).map_err(io_err)?;
            }
            out.flush().map_err(io_err)?;
            Ok(ExitCode::SUCCESS)
        }
        ReportCommand::Diff { a, b, allow } => {
            let ra = reports_of(&a)?;
            let rb = reports_of(&b)?;
            let d = diff::diff_with(&ra, &rb, allow);
            write!(
                out,
                "{}",
                d.render(&a.display().to_string(), &b.display().to_string())
            )
            .map_err(io_err)?;
            out.flush().map_err(io_err)?;
            Ok(if d.is_same() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses() {
        assert_eq!(
            parse("reports", &args(&["x.log", "--json", "--dedup"])).unwrap(),
            ReportCommand::Reports {
                log: "x.log".into(),
                json: true,
                dedup: true
            }
        );
        assert_eq!(
            parse("symbolize", &args(&["--vmlinux=vm", "--strip", "/b/"])).unwrap(),
            ReportCommand::Symbolize {
                vmlinux: "vm".into(),
                strip: Some("/b/".into()),
                log: "-".into()
            }
        );
        assert!(parse("diff", &args(&["a", "b"])).is_ok());
        for (sub, bad) in [
            ("reports", &[][..]),
            ("reports", &["a", "b"]),
            ("reports", &["a", "--bogus"]),
            ("symbolize", &["x.log"]),
            ("symbolize", &["--vmlinux"]),
            ("diff", &["a"]),
            ("diff", &["a", "b", "--json"]),
        ] {
            assert!(parse(sub, &args(bad)).is_err(), "{sub} {bad:?}");
        }
    }
}
