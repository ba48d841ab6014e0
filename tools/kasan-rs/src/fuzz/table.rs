//! The crash table and totals printed at the end of a campaign.

use std::fmt::Write;
use std::time::Duration;

use super::duration::hms;
use super::record::Campaign;

/// The table: one row per title (most frequent first, then by first
/// sighting), then the totals and the canaries.
pub fn render(c: &Campaign) -> String {
    let mut out = String::new();
    let mut rows: Vec<_> = c.crashes.iter().collect();
    rows.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.first_seen_secs.total_cmp(&b.first_seen_secs))
    });
    let title_w = rows
        .iter()
        .map(|r| r.title.len())
        .max()
        .unwrap_or(0)
        .clamp(5, 80);
    let _ = writeln!(
        out,
        "{:<title_w$}  {:<7}  {:>5}  {:<8}  {:>4}  console",
        "title", "kind", "count", "first", "vm"
    );
    for r in &rows {
        let title = if r.title.len() > title_w {
            format!("{}...", &r.title[..title_w.saturating_sub(3)])
        } else {
            r.title.clone()
        };
        let _ = writeln!(
            out,
            "{:<title_w$}  {:<7}  {:>5}  {:<8}  {:>4}  {}",
            title, r.kind, r.count, r.first_seen, r.first_vm, r.console
        );
    }
    if rows.is_empty() {
        let _ = writeln!(out, "(no crashes)");
    }
    let _ = writeln!(
        out,
        "{}{}: duration {} (of {}), {} VMs booted, {} syscalls ({:.0}/min), {} unique crashes, {} setup failures, {} boot failures",
        c.variant,
        if c.interrupted { " (interrupted)" } else { "" },
        hms(Duration::from_secs_f64(c.elapsed_secs)),
        hms(Duration::from_secs_f64(c.duration_secs)),
        c.vms_booted,
        c.syscalls,
        c.syscalls_per_minute,
        c.crashes.len(),
        c.setup_failures,
        c.boot_failures
    );
    if c.guest_secs > 0.0 {
        let _ = writeln!(
            out,
            "guest time: {} syscalls in {:.1} s of steady fuzzing ({:.0}/guest minute){}",
            c.guest_syscalls,
            c.guest_secs,
            c.syscalls_per_guest_minute,
            match c.instructions_per_syscall {
                Some(i) => format!(", {i:.0} guest instructions per syscall (-icount)"),
                None => String::new(),
            }
        );
    }
    if let Some(vm) = c.vms.iter().find(|v| v.outcome == "boot-failed") {
        let _ = writeln!(
            out,
            "first boot failure: vm {}: {}",
            vm.index,
            vm.last_line.as_deref().unwrap_or("(no console output)")
        );
    }
    let wrong_seed: Vec<usize> = c
        .vms
        .iter()
        .filter(|v| v.guest_seed.is_some_and(|g| g != v.seed))
        .map(|v| v.index)
        .collect();
    if !wrong_seed.is_empty() {
        let _ = writeln!(
            out,
            "warning: {} VMs reported a started seed= other than their fuzz_seed= (first: vm {})",
            wrong_seed.len(),
            wrong_seed[0]
        );
    }
    let canaries: Vec<String> = c
        .canaries
        .iter()
        .map(|k| match (&k.first_seen, k.vm) {
            (Some(at), Some(vm)) => format!("{} {at} (vm {vm})", k.name),
            _ => format!("{} never", k.name),
        })
        .collect();
    if !canaries.is_empty() {
        let _ = writeln!(out, "canaries: {}", canaries.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzz::record::{Crash, Vm};

    #[test]
    fn renders_rows_totals_and_warnings() {
        let c = Campaign {
            variant: "c".into(),
            duration_secs: 60.0,
            elapsed_secs: 61.0,
            vms_booted: 2,
            syscalls: 600,
            syscalls_per_minute: 590.0,
            crashes: vec![Crash {
                title: "WARNING in f".into(),
                kind: "WARNING".into(),
                count: 2,
                first_seen: "00:00:10".into(),
                console: "out/vm-000.log".into(),
                ..Crash::default()
            }],
            vms: vec![Vm {
                index: 1,
                seed: 1001,
                guest_seed: Some(7),
                ..Vm::default()
            }],
            ..Campaign::default()
        };
        let text = render(&c);
        assert!(
            text.contains("WARNING in f  WARNING      2  00:00:10     0  out/vm-000.log"),
            "{text}"
        );
        assert!(
            text.contains(
                "c: duration 00:01:01 (of 00:01:00), 2 VMs booted, 600 syscalls (590/min)"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "warning: 1 VMs reported a started seed= other than their fuzz_seed= (first: vm 1)"
            ),
            "{text}"
        );
    }
}
