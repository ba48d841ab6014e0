//! `kasan-rs fuzz-canaries crashes.json --expect all|none`: did a campaign
//! report its planted bugs? `all` is the check of a campaign on a KASAN
//! kernel (every canary reported at least once), `none` the check of a
//! campaign whose kernel does not report (a kernel without KASAN, or the
//! throw-away patch of testing/fuzz/honesty that silences the reports):
//! a canary seen there would mean the campaign counts something that is
//! not a KASAN report, and one never executed (the module's `executing`
//! lines) would mean the check proves nothing. `disarmed` is the check of
//! a campaign with the bugs switched off (`fuzz_canary_armed=0`, make
//! fuzz-cost): none may run, and so none may be reported.

use std::fmt::Write;

use super::record::Campaign;

/// What the campaign must show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// Every canary reported.
    All,
    /// No canary reported, some executed.
    None,
    /// No canary executed, none reported.
    Disarmed,
}

impl Expect {
    /// `all` or `none`.
    pub fn parse(word: &str) -> Option<Expect> {
        match word {
            "all" => Some(Expect::All),
            "none" => Some(Expect::None),
            "disarmed" => Some(Expect::Disarmed),
            _ => None,
        }
    }
}

/// One line per canary and a verdict; `Ok` when the campaign shows what
/// `expect` asks for.
pub fn check(c: &Campaign, expect: Expect) -> (bool, String) {
    let mut text = String::new();
    let mut seen = 0;
    for canary in &c.canaries {
        match (&canary.first_seen, canary.vm) {
            (Some(at), Some(vm)) => {
                seen += 1;
                let _ = writeln!(
                    text,
                    "{}: {} first reported at {at} (vm {vm}), {} reports, executed {} times",
                    c.variant, canary.function, canary.reports, canary.executed
                );
            }
            _ => {
                let _ = writeln!(
                    text,
                    "{}: {} never reported, executed {} times",
                    c.variant, canary.function, canary.executed
                );
            }
        }
    }
    let total = c.canaries.len();
    let executed = c.canaries.iter().filter(|k| k.executed > 0).count();
    let good = match expect {
        Expect::All => total > 0 && seen == total,
        Expect::None => seen == 0 && executed > 0,
        Expect::Disarmed => seen == 0 && executed == 0,
    };
    let _ = writeln!(
        text,
        "{}: {seen} of {total} canaries reported, {executed} executed, in {} VMs, {} syscalls: {}",
        c.variant,
        c.vms_booted,
        c.syscalls,
        match (expect, good) {
            (_, true) => "as expected",
            (Expect::All, false) => "FAILED (every canary must be reported)",
            (Expect::None, false) if seen > 0 => "FAILED (this kernel must report none)",
            (Expect::None, false) => "FAILED (no canary was executed: nothing was tested)",
            (Expect::Disarmed, false) if seen > 0 => "FAILED (a disarmed canary was reported)",
            (Expect::Disarmed, false) => "FAILED (a disarmed canary was executed)",
        }
    );
    (good, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzz::record::Canary;

    fn campaign(seen: &[bool]) -> Campaign {
        Campaign {
            variant: "rust".to_string(),
            canaries: seen
                .iter()
                .enumerate()
                .map(|(i, &s)| Canary {
                    name: format!("c{i}"),
                    function: format!("kasan_rs_canary_c{i}"),
                    first_seen: s.then(|| "00:01:00".to_string()),
                    first_seen_secs: s.then_some(60.0),
                    vm: s.then_some(0),
                    reports: usize::from(s),
                    executed: 1,
                })
                .collect(),
            ..Campaign::default()
        }
    }

    #[test]
    fn judges_all_and_none() {
        assert!(check(&campaign(&[true, true]), Expect::All).0);
        assert!(!check(&campaign(&[true, false]), Expect::All).0);
        assert!(!check(&campaign(&[]), Expect::All).0);
        assert!(check(&campaign(&[false, false]), Expect::None).0);
        let mut idle = campaign(&[false, false]);
        idle.canaries.iter_mut().for_each(|k| k.executed = 0);
        let (good, text) = check(&idle, Expect::None);
        assert!(!good && text.contains("nothing was tested"), "{text}");
        let (good, text) = check(&campaign(&[false, true]), Expect::None);
        assert!(!good);
        assert!(
            text.contains("kasan_rs_canary_c1 first reported at 00:01:00"),
            "{text}"
        );
        assert!(
            text.contains("FAILED (this kernel must report none)"),
            "{text}"
        );
        assert_eq!(Expect::parse("some"), None);
        assert!(check(&idle, Expect::Disarmed).0);
        let (good, text) = check(&campaign(&[false, false]), Expect::Disarmed);
        assert!(
            !good && text.contains("disarmed canary was executed"),
            "{text}"
        );
        let (good, text) = check(&campaign(&[true, false]), Expect::Disarmed);
        assert!(
            !good && text.contains("disarmed canary was reported"),
            "{text}"
        );
    }
}
