//! What the caller expects of a run: per-suite counts (`--expect`), the
//! number of KASAN reports (`--expect-reports`, `--min-reports`) and a KASAN panic
//! (`--expect-panic`).

use std::fmt;

/// Expected counts for one suite; fields left `None` are not checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SuiteExpectation {
    /// Suite name.
    pub suite: String,
    /// Expected `pass:`.
    pub pass: Option<u32>,
    /// Expected `fail:`.
    pub fail: Option<u32>,
    /// Expected `skip:`.
    pub skip: Option<u32>,
    /// Expected `total:`.
    pub total: Option<u32>,
}

impl fmt::Display for SuiteExpectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let fields = [
            ("pass", self.pass),
            ("fail", self.fail),
            ("skip", self.skip),
            ("total", self.total),
        ];
        let mut first = true;
        for (key, value) in fields {
            if let Some(value) = value {
                if !first {
                    f.write_str(" ")?;
                }
                write!(f, "{key}:{value}")?;
                first = false;
            }
        }
        Ok(())
    }
}

/// All expectations of one run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectations {
    /// From `--expect` (may be given several times).
    pub suites: Vec<SuiteExpectation>,
    /// From `--expect-reports N`: exact number of KASAN reports.
    pub reports: Option<usize>,
    /// From `--min-reports N`: at least N KASAN reports (async mode, where
    /// several faults may be coalesced into one report).
    pub min_reports: Option<usize>,
    /// From `--expect-panic`: a `kasan.fault=panic` panic must follow a report.
    pub panic: bool,
    /// From `--expect-warnings N`: exactly N `WARNING:` splats (outside KASAN
    /// reports) are what the test provokes, not crashes.
    pub warnings: Option<usize>,
}

impl Expectations {
    /// Adds the suites of one `--expect` spec:
    /// `kasan=pass:60,fail:0,skip:12[;other=pass:1]`.
    pub fn add_spec(&mut self, spec: &str) -> Result<(), String> {
        self.suites.extend(parse_spec(spec)?);
        Ok(())
    }
}

/// Parses an `--expect` spec: `SUITE=KEY:N[,KEY:N...]` items separated by
/// `;`, keys `pass`, `fail`, `skip`, `total`.
pub fn parse_spec(spec: &str) -> Result<Vec<SuiteExpectation>, String> {
    let mut out = Vec::new();
    for item in spec.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let (suite, counts) = item.split_once('=').ok_or_else(|| {
            format!("--expect item '{item}' has no '=': use SUITE=pass:N,fail:N,skip:N")
        })?;
        let suite = suite.trim();
        if suite.is_empty() {
            return Err(format!("--expect item '{item}' has no suite name"));
        }
        let mut expectation = SuiteExpectation {
            suite: suite.to_string(),
            ..SuiteExpectation::default()
        };
        for field in counts.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (key, value) = field
                .split_once(':')
                .ok_or_else(|| format!("--expect field '{field}' is not KEY:N"))?;
            let value: u32 = value
                .trim()
                .parse()
                .map_err(|_| format!("--expect field '{field}': '{value}' is not a number"))?;
            let slot = match key.trim() {
                "pass" => &mut expectation.pass,
                "fail" => &mut expectation.fail,
                "skip" => &mut expectation.skip,
                "total" => &mut expectation.total,
                other => {
                    return Err(format!(
                        "--expect field '{field}': unknown key '{other}' (pass, fail, skip, total)"
                    ))
                }
            };
            *slot = Some(value);
        }
        let e = &expectation;
        if e.pass.is_none() && e.fail.is_none() && e.skip.is_none() && e.total.is_none() {
            return Err(format!("--expect item '{item}' names no counts"));
        }
        out.push(expectation);
    }
    if out.is_empty() {
        return Err(format!("--expect '{spec}' is empty"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_several_suites() {
        let got = parse_spec("kasan=pass:60,fail:0,skip:12; other=total:3").unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].suite, "kasan");
        assert_eq!(
            (got[0].pass, got[0].fail, got[0].skip, got[0].total),
            (Some(60), Some(0), Some(12), None)
        );
        assert_eq!(got[0].to_string(), "pass:60 fail:0 skip:12");
        assert_eq!(got[1].total, Some(3));
    }

    #[test]
    fn rejects_bad_specs() {
        for bad in [
            "",
            "kasan",
            "=pass:1",
            "kasan=pass",
            "kasan=pass:x",
            "kasan=ok:1",
            "kasan=",
        ] {
            assert!(parse_spec(bad).is_err(), "{bad:?}");
        }
    }
}
