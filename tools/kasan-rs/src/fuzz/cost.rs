//! `kasan-rs fuzz-cost A.json B.json ...`: what KASAN costs under a real
//! workload, from campaigns of the same seeds run side by side: guest
//! nanoseconds per syscall (trinity's syscalls, over each VM's steady
//! span; the time is the whole guest's: kernel, trinity, the stress-ng
//! load) and syscalls per guest minute, per campaign, and the ratios of
//! each to the first campaign's and of the last to the one before it
//! (nokasan, c, rust: rust against c). Under `--icount` a guest nanosecond
//! is one instruction, so the figure is guest instructions per syscall and
//! independent of the host's load; without it, the campaigns must share
//! the host's load (side by side) for the ratio to mean anything. Exit 1
//! when the last campaign costs more per syscall than the one before it
//! (rust/c > 1.00), or when a campaign has no steady span to measure.

use std::fmt::Write;

use super::record::Campaign;

/// The table and the verdict.
pub fn compare(campaigns: &[Campaign]) -> (bool, String) {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{:<12} {:>5} {:>12} {:>11} {:>14} {:>16}",
        "variant", "VMs", "syscalls", "guest secs", "syscalls/gmin", "guest ns/syscall"
    );
    let mut per_syscall = Vec::new();
    for c in campaigns {
        let ips = (c.guest_syscalls > 0).then(|| c.guest_secs * 1e9 / c.guest_syscalls as f64);
        per_syscall.push(ips);
        let _ = writeln!(
            text,
            "{:<12} {:>5} {:>12} {:>11.1} {:>14.0} {:>16}",
            c.variant,
            c.vms_booted,
            c.guest_syscalls,
            c.guest_secs,
            c.syscalls_per_guest_minute,
            match ips {
                Some(i) if c.icount => format!("{i:.0} (instr)"),
                Some(i) => format!("{i:.0}"),
                None => "(no span)".to_string(),
            }
        );
    }
    let mut good = per_syscall.iter().all(Option::is_some) && campaigns.len() >= 2;
    if let (Some(Some(base)), true) = (per_syscall.first(), campaigns.len() >= 3) {
        for (c, ips) in campaigns.iter().zip(&per_syscall).skip(1) {
            if let Some(i) = ips {
                let _ = writeln!(
                    text,
                    "{}/{}: {:.3} per syscall",
                    c.variant,
                    campaigns[0].variant,
                    i / base
                );
            }
        }
    }
    if let [.., a, b] = campaigns {
        let n = per_syscall.len();
        if let (Some(x), Some(y)) = (per_syscall[n - 2], per_syscall[n - 1]) {
            let ratio = y / x;
            good &= ratio <= 1.0;
            let _ = writeln!(
                text,
                "{}/{}: {ratio:.3} per syscall ({})",
                b.variant,
                a.variant,
                if ratio <= 1.0 { "at or below" } else { "ABOVE" }
            );
        }
    }
    if !good {
        let _ = writeln!(
            text,
            "FAILED: every campaign needs a steady span, and the last may not cost more per syscall than the one before it"
        );
    }
    (good, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaign(variant: &str, secs: f64, syscalls: u64) -> Campaign {
        Campaign {
            variant: variant.to_string(),
            icount: true,
            guest_secs: secs,
            guest_syscalls: syscalls,
            syscalls_per_guest_minute: syscalls as f64 * 60.0 / secs,
            instructions_per_syscall: Some(secs * 1e9 / syscalls as f64),
            ..Campaign::default()
        }
    }

    #[test]
    fn ratios_and_verdict() {
        let nokasan = campaign("nokasan", 10.0, 100_000);
        let c = campaign("c", 10.0, 80_000);
        let rust = campaign("rust", 10.0, 82_000);
        let (good, text) = compare(&[nokasan.clone(), c.clone(), rust]);
        assert!(good, "{text}");
        assert!(text.contains("c/nokasan: 1.250 per syscall"), "{text}");
        assert!(
            text.contains("rust/c: 0.976 per syscall (at or below)"),
            "{text}"
        );
        let slow = campaign("rust", 10.0, 70_000);
        assert!(!compare(&[nokasan, c.clone(), slow]).0);
        let mut none = campaign("rust", 0.0, 0);
        none.instructions_per_syscall = None;
        assert!(!compare(&[c, none]).0);
    }
}
