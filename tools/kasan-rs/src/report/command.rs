//! The `reports`, `symbolize` and `diff` subcommands: arguments and running.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use crate::error::Error;
use std::process::ExitCode;

use serde_json::json;

use super::dedup::Dedup;
use super::json::{self, Summary};
use super::parse::read_reports;
use super::symbolize::Symbolizer;
use super::{diff, table, Report};

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

fn open(log: &Path) -> Result<Box<dyn BufRead>, Error> {
    if log.as_os_str() == "-" {
        Ok(Box::new(BufReader::with_capacity(1 << 16, io::stdin())))
    } else {
        File::open(log)
            .map(|f| Box::new(BufReader::with_capacity(1 << 16, f)) as Box<dyn BufRead>)
            .map_err(|e| Error::read_log(log, e))
    }
}

/// All reports of a log file (`-` for stdin), streamed.
pub fn reports_of(log: &Path) -> Result<Vec<Report>, Error> {
    let mut out = Vec::new();
    read_reports(open(log)?, |r| out.push(r)).map_err(|e| Error::read_log(log, e))?;
    Ok(out)
}

/// Runs a parsed command: exit 0 on success (`diff`: 1 when the logs
/// differ); errors are the caller's to print (exit 2).
pub fn run(cmd: ReportCommand) -> Result<ExitCode, Error> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let io_err = Error::Write;
    match cmd {
        ReportCommand::Reports { log, json, dedup } => {
            let source = log.display().to_string();
            let mut summary = Summary::default();
            let mut groups = Dedup::new();
            let mut first = true;
            let mut write_err = None;
            // Open first: an unreadable log prints nothing but the error.
            let input = open(&log)?;
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
            let lines = read_reports(input, |r| {
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
            .map_err(|e| Error::read_log(&log, e))?;
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
            let data = std::fs::read(&vmlinux).map_err(|e| Error::Read {
                what: vmlinux.display().to_string(),
                source: e,
            })?;
            let symbolizer = Symbolizer::new(&data)
                .map_err(|e| Error::Vmlinux {
                    path: vmlinux.clone(),
                    message: e.to_string(),
                })?
                .strip_prefix(strip);
            let mut reader = open(&log)?;
            let mut line = Vec::new();
            loop {
                line.clear();
                let n = reader
                    .by_ref()
                    .take(1 << 20)
                    .read_until(b'\n', &mut line)
                    .map_err(|e| Error::read_log(&log, e))?;
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
