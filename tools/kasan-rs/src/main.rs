//! `kasan-rs`: runs a kernel under QEMU (`run`) or judges an existing
//! console log (`ktap`); see `kasan-rs help`.

use std::fs;
use std::io::{self, Read};
use std::process::ExitCode;

use kasan_rs_tools::cli::{self, Command};
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
            ExitCode::SUCCESS
        }
        Command::Ktap {
            log,
            timed_out,
            expect,
        } => {
            let text = if log.as_os_str() == "-" {
                let mut text = Vec::new();
                if let Err(e) = io::stdin().read_to_end(&mut text) {
                    return fail(&format!("cannot read stdin: {e}"));
                }
                String::from_utf8_lossy(&text).into_owned()
            } else {
                match fs::read(&log) {
                    Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
                    Err(e) => return fail(&format!("cannot read log {}: {e}", log.display())),
                }
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

fn fail(message: &str) -> ExitCode {
    eprintln!("kasan-rs: {message}");
    ExitCode::from(USAGE_ERROR)
}

fn exit(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
