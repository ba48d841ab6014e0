//! Durations on the command line (`90s`, `30m`, `2h`, `1h30m`, `45`) and
//! campaign times as printed (`00:04:12`).

use std::time::Duration;

/// Parses `90s`, `30m`, `2h`, `1h30m`, `1h30m15s` or plain seconds (`45`).
/// Each unit at most once, in the order h, m, s; the total must be positive.
/// The error is one line naming the value.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let bad =
        || format!("invalid duration '{text}': expected e.g. 90s, 30m, 2h, 1h30m or plain seconds");
    let s = text.trim();
    if s.is_empty() {
        return Err(bad());
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        let secs: u64 = s.parse().map_err(|_| bad())?;
        return positive(Duration::from_secs(secs)).ok_or_else(bad);
    }
    let mut total: u64 = 0;
    let mut rest = s;
    let mut last_rank = 0;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let n: u64 = rest[..digits].parse().map_err(|_| bad())?;
        let (unit, rank) = match rest.as_bytes().get(digits) {
            Some(b'h') => (3600, 1),
            Some(b'm') => (60, 2),
            Some(b's') => (1, 3),
            _ => return Err(bad()),
        };
        if rank <= last_rank {
            return Err(bad());
        }
        last_rank = rank;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
        rest = &rest[digits + 1..];
    }
    positive(Duration::from_secs(total)).ok_or_else(bad)
}

fn positive(d: Duration) -> Option<Duration> {
    (!d.is_zero()).then_some(d)
}

/// `HH:MM:SS` of a campaign time (hours may exceed 24).
pub fn hms(d: Duration) -> String {
    let s = d.as_secs();
    format!("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_durations() {
        let d = |s| parse_duration(s).map(|d| d.as_secs());
        assert_eq!(d("90s"), Ok(90));
        assert_eq!(d("30m"), Ok(1800));
        assert_eq!(d("2h"), Ok(7200));
        assert_eq!(d("1h30m"), Ok(5400));
        assert_eq!(d("1h30m15s"), Ok(5415));
        assert_eq!(d("45"), Ok(45));
        for bad in [
            "",
            "0",
            "0s",
            "m",
            "1x",
            "30m1h",
            "1h1h",
            "-5",
            "1.5h",
            "99999999999999999999",
            "1 h",
        ] {
            let err = parse_duration(bad).unwrap_err();
            assert!(
                err.contains("invalid duration") && !err.contains('\n'),
                "{bad}"
            );
        }
    }

    #[test]
    fn prints_times() {
        assert_eq!(hms(Duration::from_secs(252)), "00:04:12");
        assert_eq!(hms(Duration::from_secs(90061)), "25:01:01");
    }
}
