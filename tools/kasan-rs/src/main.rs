//! `kasan-rs`: runs a kernel under QEMU (`run`) or judges an existing
//! console log (`ktap`), or summarises the sample module's bugs (`summary`);
//! see `kasan-rs help`.

use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::process::ExitCode;

use kasan_rs_tools::bugs;
use kasan_rs_tools::cli::{self, Command};
use kasan_rs_tools::compare;
use kasan_rs_tools::log::parse_log;
use kasan_rs_tools::qemu;
use kasan_rs_tools::summary;
use kasan_rs_tools::verdict::{judge, RunEnd};

/// Exit code for usage and environment errors.
const USAGE_ERROR: u8 = 2;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match cli::parse_args(&args) {
        Ok(command) => command,
        Err(message) => return fail(&message),
    };
    match command {
        Command::Help => {
            print!("{}", cli::USAGE);
            println!("\nreport subcommands:");
            for line in kasan_rs_tools::report::command::USAGE.lines() {
                println!("  {line}");
            }
            ExitCode::SUCCESS
        }
        Command::Report(cmd) => kasan_rs_tools::report::command::run(cmd),
        Command::Compare { logs, labels } => {
            let [a, b] = match (read_log(&logs[0]), read_log(&logs[1])) {
                (Ok(a), Ok(b)) => [a, b],
                (Err(message), _) | (_, Err(message)) => return fail(&message),
            };
            let comparison = compare::compare_texts(&labels[0], &a, &labels[1], &b);
            print!("{}", comparison.render());
            exit(comparison.exit_code())
        }
        Command::Summary { log } => {
            let text = match read_log(&log) {
                Ok(text) => text,
                Err(message) => return fail(&message),
            };
            let found = bugs::sample_bugs(&text, &kasan_rs_tools::report::parse_reports(&text));
            if found.is_empty() {
                eprintln!(
                    "kasan-rs: no `{}N: ...` lines in {} (was the sample module loaded?)",
                    bugs::MARKER,
                    log.display()
                );
                return ExitCode::from(1);
            }
            print!("{}", bugs::render(&found));
            ExitCode::SUCCESS
        }
        Command::Ktap {
            log,
            timed_out,
            expect,
        } => {
            let text = match read_log(&log) {
                Ok(text) => text,
                Err(message) => return fail(&message),
            };
            let parsed = parse_log(&text);
            let end = if timed_out {
                RunEnd::TimedOut
            } else {
                RunEnd::Exited
            };
            let verdict = judge(&parsed, &expect, end);
            print!("{}", summary::render(&parsed, &verdict));
            exit(verdict.exit_code())
        }
        Command::Run { config, expect } => {
            let outcome = match qemu::run(&config) {
                Ok(outcome) => outcome,
                Err(e) => return fail(&e.to_string()),
            };
            let verdict = judge(&outcome.log, &expect, outcome.end);
            let status = outcome
                .status
                .map_or_else(|| "unknown".to_string(), |s| s.to_string());
            println!(
                "kasan-rs: QEMU ran {:.1} s ({status}); {} console lines",
                outcome.elapsed.as_secs_f64(),
                outcome.log.lines
            );
            print!("{}", summary::render(&outcome.log, &verdict));
            exit(verdict.exit_code())
        }
    }
}

/// Reads a console log (`-` is stdin), lossily decoded.
fn read_log(log: &Path) -> Result<String, String> {
    if log.as_os_str() == "-" {
        let mut text = Vec::new();
        io::stdin()
            .read_to_end(&mut text)
            .map_err(|e| format!("cannot read stdin: {e}"))?;
        Ok(String::from_utf8_lossy(&text).into_owned())
    } else {
        fs::read(log)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .map_err(|e| format!("cannot read log {}: {e}", log.display()))
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("kasan-rs: {message}");
    ExitCode::from(USAGE_ERROR)
}

fn exit(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
