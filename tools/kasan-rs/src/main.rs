//! `kasan-rs`: runs a kernel under QEMU (`run`), judges an existing console
//! log (`ktap`), lists its KASAN reports (`reports`, `diff`, `symbolize`),
//! compares two logs (`compare`, and every KUnit suite: `kunit-compare`), checks the `kasan*` words of a kernel
//! command line (`check-args`), summarises the sample module's bugs
//! (`summary`) or reads `make bench` consoles (`bench-facts`); see
//! `kasan-rs help`. This file only dispatches.

use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::process::ExitCode;

use kasan_rs_tools::bench;
use kasan_rs_tools::bugs;
use kasan_rs_tools::cli::{self, Command};
use kasan_rs_tools::cmdline;
use kasan_rs_tools::compare;
use kasan_rs_tools::error::Error;
use kasan_rs_tools::fuzz;
use kasan_rs_tools::kunit_compare;
use kasan_rs_tools::log::parse_log;
use kasan_rs_tools::report::{self, parse_reports};
use kasan_rs_tools::summary;
use kasan_rs_tools::verdict::{judge, RunEnd};

fn main() -> ExitCode {
    match cli::parse_args(std::env::args_os().skip(1)).and_then(run) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("kasan-rs: {e}");
            ExitCode::from(Error::EXIT_CODE)
        }
    }
}

/// `check-args`: one line per finding on stderr; exit 2 if any is an error.
fn check_args(cmdline: &str) -> ExitCode {
    let findings = cmdline::check(cmdline.as_bytes());
    let mut bad = false;
    for finding in &findings {
        match finding {
            cmdline::Finding::Error(line) => {
                bad = true;
                eprintln!("kasan-rs: {line}");
            }
            cmdline::Finding::Warning(line) => eprintln!("kasan-rs: {line}"),
        }
    }
    if bad {
        ExitCode::from(Error::EXIT_CODE)
    } else {
        ExitCode::SUCCESS
    }
}

fn run(command: Command) -> Result<ExitCode, Error> {
    match command {
        Command::Help(text) => {
            print!("{text}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Report(cmd) => report::command::run(cmd),
        Command::CheckArgs { cmdline } => Ok(check_args(&cmdline)),
        Command::Compare { logs, labels } => {
            let (a, b) = (read_log(&logs[0])?, read_log(&logs[1])?);
            let comparison = compare::compare_texts(&labels[0], &a, &labels[1], &b);
            print!("{}", comparison.render());
            Ok(exit(comparison.exit_code()))
        }
        Command::BenchFacts { logs } => {
            let facts = logs
                .iter()
                .map(|log| {
                    Ok(bench::console_facts(
                        &log.to_string_lossy(),
                        &read_log(log)?,
                    ))
                })
                .collect::<Result<Vec<_>, Error>>()?;
            println!("{}", bench::json(&facts));
            Ok(ExitCode::SUCCESS)
        }
        Command::KunitCases { log } => {
            print!("{}", kunit_compare::case_lines(&read_log(&log)?));
            Ok(ExitCode::SUCCESS)
        }
        Command::KunitCompare {
            logs,
            labels,
            policy,
        } => {
            let (a, b) = (read_log(&logs[0])?, read_log(&logs[1])?);
            let comparison = kunit_compare::kunit_compare(&labels[0], &a, &labels[1], &b, &policy);
            print!("{}", comparison.render());
            Ok(exit(comparison.exit_code()))
        }
        Command::Summary { log } => {
            let text = read_log(&log)?;
            let reports = parse_reports(&text);
            let found = bugs::sample_bugs(&text, &reports);
            if found.is_empty() {
                eprintln!(
                    "kasan-rs: no `{}N: ...` lines in {} (was the sample module loaded?)",
                    bugs::MARKER,
                    log.display()
                );
                return Ok(ExitCode::from(1));
            }
            print!("{}", bugs::render(&found));
            Ok(ExitCode::SUCCESS)
        }
        Command::Ktap {
            log,
            timed_out,
            expect,
        } => {
            let parsed = parse_log(&read_log(&log)?);
            let end = if timed_out {
                RunEnd::TimedOut
            } else {
                RunEnd::Exited
            };
            let verdict = judge(&parsed, &expect, end);
            print!("{}", summary::render(&parsed, &verdict));
            Ok(exit(verdict.exit_code()))
        }
        Command::Fuzz(config) => {
            fuzz::signals::install();
            let mut progress = fuzz::campaign::StderrProgress::new();
            let campaign = fuzz::campaign::run(&config, &mut fuzz::sink::FsSink, &mut progress)
                .map_err(|e| Error::Usage(e.to_string()))?;
            print!("{}", fuzz::table::render(&campaign));
            if campaign.interrupted {
                eprintln!("kasan-rs: fuzz campaign interrupted; results so far are in the table and crashes.json");
                return Ok(ExitCode::from(130));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::FuzzChecked => Ok(ExitCode::SUCCESS),
        Command::FuzzCost { files } => {
            let campaigns = files
                .iter()
                .map(|f| fuzz::compare::read_campaign(f))
                .collect::<Result<Vec<_>, _>>()?;
            let (good, text) = fuzz::cost::compare(&campaigns);
            print!("{text}");
            Ok(ExitCode::from(u8::from(!good)))
        }
        Command::FuzzCanaries { file, expect } => {
            let campaign = fuzz::compare::read_campaign(&file)?;
            let (good, text) = fuzz::canaries::check(&campaign, expect);
            print!("{text}");
            Ok(ExitCode::from(u8::from(!good)))
        }
        Command::FuzzCompare { a, b } => {
            let a = fuzz::compare::read_campaign(&a)?;
            let b = fuzz::compare::read_campaign(&b)?;
            let comparison = fuzz::compare::compare(&a, &b);
            print!("{}", comparison.text);
            Ok(ExitCode::from(comparison.exit_code()))
        }
        Command::FuzzContained { dir } => {
            let found = fuzz::contain::check_campaign(&dir)
                .map_err(|e| Error::Usage(format!("cannot read {}: {e}", dir.display())))?;
            if found.checked.is_empty() {
                return Err(Error::Usage(format!(
                    "no vm-*.cmd files in {}",
                    dir.display()
                )));
            }
            for (file, why) in &found.refused {
                eprintln!("kasan-rs: {}: {why}", file.display());
            }
            println!(
                "kasan-rs: {} boots checked, {} not contained",
                found.checked.len(),
                found.refused.len()
            );
            Ok(ExitCode::from(u8::from(!found.refused.is_empty())))
        }
        Command::SyzConfig(args) => {
            let config = fuzz::syzconfig::manager_config(&args);
            println!(
                "{}",
                serde_json::to_string_pretty(&config).expect("serialisable")
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Run {
            config,
            expect,
            rerun,
        } => {
            let judged =
                kasan_rs_tools::rerun::run(&config, &expect, rerun, &mut |line| println!("{line}"))
                    .map_err(Error::Run)?;
            if let Some(suspects) = &judged.suspects {
                let names: Vec<String> = suspects.iter().map(|s| s.glob()).collect();
                println!("collision-suspects: {}", names.join(" "));
            }
            if rerun.boots > 0 {
                println!("attempts: {}", judged.attempts);
            }
            print!("{}", summary::render(&judged.outcome.log, &judged.verdict));
            Ok(exit(judged.verdict.exit_code()))
        }
    }
}

/// Reads a console log (`-` is stdin), lossily decoded.
fn read_log(log: &Path) -> Result<String, Error> {
    let bytes = if log.as_os_str() == "-" {
        let mut text = Vec::new();
        io::stdin()
            .read_to_end(&mut text)
            .map_err(|e| Error::read_log(log, e))?;
        text
    } else {
        fs::read(log).map_err(|e| Error::read_log(log, e))?
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn exit(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}
