//! KTAP v1 as Linux 6.12's KUnit prints it: the line grammar, the result
//! model (suites, cases, parameters) and the builder that assembles the model
//! from lines interleaved with ordinary kernel console output.
//!
//! Shape of a KUnit run (indentation is 4 spaces per nesting level):
//!
//! ```text
//! KTAP version 1
//! 1..1
//!     KTAP version 1
//!     # Subtest: kasan
//!     # module: kasan_test
//!     1..72
//!     ok 1 kmalloc_oob_right
//!     # kmalloc_oob_left: EXPECTATION FAILED at mm/kasan/kasan_test_c.c:208
//!     KASAN failure expected in "...", but none occurred
//!     not ok 2 kmalloc_oob_left
//!         KTAP version 1
//!         # Subtest: some_param_case
//!         ok 1 param-0
//!     # some_param_case: pass:1 fail:0 skip:0 total:1
//!     ok 3 some_param_case
//!     ok 4 kmalloc_large_uaf # SKIP Test requires CONFIG_...
//! # kasan: pass:60 fail:0 skip:12 total:72
//! # Totals: pass:60 fail:0 skip:12 total:72
//! ok 1 kasan
//! ```
//!
//! A line counts as KTAP only when it matches the grammar at an indentation
//! that fits the currently open subtests; everything else is console output
//! that belongs to the test in progress.

use std::fmt;

/// Pass/fail/skip/total counts, as in `pass:60 fail:0 skip:12 total:72`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Results that were `ok` without a directive.
    pub pass: u32,
    /// Results that were `not ok`.
    pub fail: u32,
    /// Results that were `ok ... # SKIP`.
    pub skip: u32,
    /// All results.
    pub total: u32,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "pass:{} fail:{} skip:{} total:{}",
            self.pass, self.fail, self.skip, self.total
        )
    }
}

impl Counts {
    /// Parses `pass:A fail:B skip:C total:D` (exactly these four, in order).
    pub fn parse(s: &str) -> Option<Counts> {
        let mut words = s.split_whitespace();
        let mut field = |key: &str| -> Option<u32> {
            words
                .next()?
                .strip_prefix(key)?
                .strip_prefix(':')?
                .parse()
                .ok()
        };
        let counts = Counts {
            pass: field("pass")?,
            fail: field("fail")?,
            skip: field("skip")?,
            total: field("total")?,
        };
        words.next().is_none().then_some(counts)
    }

    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Pass => self.pass += 1,
            Outcome::Fail => self.fail += 1,
            Outcome::Skip => self.skip += 1,
            Outcome::Incomplete => return,
        }
        self.total += 1;
    }
}

/// The result of one test (suite, case or parameter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `ok N name`
    Pass,
    /// `not ok N name`
    Fail,
    /// `ok N name # SKIP reason`
    Skip,
    /// The test started but its result line never came (log ended, a new
    /// KTAP document began, or the kernel died).
    Incomplete,
}

impl Outcome {
    /// Short lower-case name used in tables.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Pass => "ok",
            Outcome::Fail => "FAIL",
            Outcome::Skip => "skip",
            Outcome::Incomplete => "unfinished",
        }
    }
}

/// One KTAP line, without its indentation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KtapLine<'a> {
    /// `KTAP version N` or `TAP version N`; holds the version text.
    Version(&'a str),
    /// `1..N`
    Plan(u32),
    /// `# Subtest: NAME`
    Subtest(&'a str),
    /// `ok N NAME`, `not ok N NAME`, optionally followed by `# DIRECTIVE`.
    Result {
        /// `ok` (true) or `not ok` (false).
        ok: bool,
        /// The test number.
        number: u32,
        /// The test name (may be empty).
        name: &'a str,
        /// Text after ` # `, e.g. `SKIP Test requires CONFIG_KASAN_GENERIC=y`.
        directive: Option<&'a str>,
    },
    /// `# NAME: pass:A fail:B skip:C total:D` (NAME may be `Totals`).
    Summary {
        /// Suite or case name, or `Totals`.
        name: &'a str,
        /// The counts.
        counts: Counts,
    },
    /// Any other `# ...` line; holds the text after `# `.
    Diagnostic(&'a str),
}

/// Parses one console message as KTAP. Returns the nesting level (leading
/// spaces / 4) and the line, or `None` when the message is not KTAP-shaped.
pub fn parse_line(msg: &str) -> Option<(usize, KtapLine<'_>)> {
    let body = msg.trim_start_matches(' ');
    let indent = msg.len() - body.len();
    if indent % 4 != 0 {
        return None;
    }
    let body = body.trim_end();
    let line = parse_body(body)?;
    Some((indent / 4, line))
}

fn parse_body(body: &str) -> Option<KtapLine<'_>> {
    if let Some(version) = body
        .strip_prefix("KTAP version ")
        .or_else(|| body.strip_prefix("TAP version "))
    {
        return is_number(version).then_some(KtapLine::Version(version));
    }
    if let Some(count) = body.strip_prefix("1..") {
        let count = count.split(" #").next().unwrap_or("").trim_end();
        return count.parse().ok().map(KtapLine::Plan);
    }
    if body == "#" {
        return Some(KtapLine::Diagnostic(""));
    }
    if let Some(text) = body.strip_prefix("# ") {
        if let Some(name) = text.strip_prefix("Subtest: ") {
            return Some(KtapLine::Subtest(name.trim()));
        }
        if let Some((name, rest)) = text.split_once(": ") {
            if !name.contains(' ') {
                if let Some(counts) = Counts::parse(rest) {
                    return Some(KtapLine::Summary { name, counts });
                }
            }
        }
        return Some(KtapLine::Diagnostic(text));
    }
    let (ok, rest) = if let Some(rest) = body.strip_prefix("ok ") {
        (true, rest)
    } else if let Some(rest) = body.strip_prefix("not ok ") {
        (false, rest)
    } else {
        return None;
    };
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let number = rest[..digits].parse().ok()?;
    let rest = &rest[digits..];
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("- ").unwrap_or(rest);
    let (name, directive) = match rest.split_once(" # ") {
        Some((name, directive)) => (name, Some(directive.trim())),
        None => match rest.strip_prefix("# ") {
            Some(directive) => ("", Some(directive.trim())),
            None => (rest, None),
        },
    };
    Some(KtapLine::Result {
        ok,
        number,
        name: name.trim(),
        directive,
    })
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// If `directive` is a SKIP directive, returns its reason (possibly empty).
fn skip_reason(directive: Option<&str>) -> Option<String> {
    let directive = directive?;
    let word = directive.get(..4)?;
    if !word.eq_ignore_ascii_case("skip") {
        return None;
    }
    let rest = &directive[4..];
    (rest.is_empty() || rest.starts_with(' ')).then(|| rest.trim().to_string())
}

/// One test case of a suite (or one parameter of a parameterised case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// Number from the result line (for an unfinished case: the next number).
    pub number: u32,
    /// Name from the result line (for an unfinished case: its subtest name, if known).
    pub name: String,
    /// The result.
    pub outcome: Outcome,
    /// Reason after `# SKIP`, for skipped cases.
    pub skip_reason: Option<String>,
    /// Directive text after ` # ` when it is not a SKIP.
    pub directive: Option<String>,
    /// `# ...` diagnostic lines printed during the case (without `# `), with
    /// indented continuation lines joined on by `\n`.
    pub diagnostics: Vec<String>,
    /// Non-KTAP console lines printed during the case (its own, not its parameters').
    pub console: Vec<String>,
    /// KASAN report headers printed during the case (its own, not its parameters').
    pub report_headers: Vec<String>,
    /// The same reports' indices in [`crate::log::ParsedLog::reports`].
    pub reports: Vec<usize>,
    /// Results of a parameterised case's parameters.
    pub params: Vec<Case>,
    /// A parameterised case's `# name: pass:.. ` line, if printed.
    pub param_summary: Option<Counts>,
}

impl Case {
    /// KASAN reports during the case, its parameters' included.
    pub fn report_count(&self) -> usize {
        self.report_headers.len() + self.params.iter().map(Case::report_count).sum::<usize>()
    }

    /// The most telling diagnostic: the first `FAILED` one, else the first one.
    pub fn main_diagnostic(&self) -> Option<&str> {
        self.diagnostics
            .iter()
            .find(|d| d.contains("FAILED"))
            .or_else(|| self.diagnostics.first())
            .map(String::as_str)
    }
}

/// One KTAP subtest at the top level: a KUnit suite.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suite {
    /// Number from the suite's result line, once finished.
    pub number: Option<u32>,
    /// Suite name.
    pub name: String,
    /// From `# module: NAME`.
    pub module: Option<String>,
    /// From the suite's `1..N`.
    pub plan: Option<u32>,
    /// Cases in the order their results were printed.
    pub cases: Vec<Case>,
    /// The suite's own `# NAME: pass:.. fail:.. skip:.. total:..` line.
    pub summary: Option<Counts>,
    /// The `# Totals: ...` line printed with the suite (counts parameters).
    pub totals: Option<Counts>,
    /// The suite's result; `Incomplete` if its result line never came.
    pub outcome: Outcome,
    /// Reason after `# SKIP` on the suite's result line.
    pub skip_reason: Option<String>,
    /// Diagnostics printed before the suite header (e.g. init failures).
    pub diagnostics: Vec<String>,
    /// KASAN report headers printed inside the suite but outside any case.
    pub stray_report_headers: Vec<String>,
    /// The same reports' indices in [`crate::log::ParsedLog::reports`].
    pub stray_reports: Vec<usize>,
}

impl Suite {
    /// True once the suite's own result line was seen.
    pub fn finished(&self) -> bool {
        self.outcome != Outcome::Incomplete
    }

    /// Counts computed from the case results (one per case, as KUnit's
    /// suite line counts them; unfinished cases are not counted).
    pub fn counts_from_cases(&self) -> Counts {
        let mut counts = Counts::default();
        for case in &self.cases {
            counts.add(case.outcome);
        }
        counts
    }

    /// The printed summary if there is one, else the computed counts.
    pub fn counts(&self) -> Counts {
        self.summary.unwrap_or_else(|| self.counts_from_cases())
    }

    /// KASAN reports during the suite (cases, parameters and stray ones).
    pub fn report_count(&self) -> usize {
        self.stray_report_headers.len() + self.cases.iter().map(Case::report_count).sum::<usize>()
    }

    /// Cases (and parameters, as `case[param]`) whose outcome is `Fail`,
    /// with their most telling diagnostic.
    pub fn failures(&self) -> Vec<(String, &Case)> {
        let mut out = Vec::new();
        for case in &self.cases {
            if case.outcome == Outcome::Fail {
                out.push((case.name.clone(), case));
            }
            for param in &case.params {
                if param.outcome == Outcome::Fail {
                    out.push((format!("{}[{}]", case.name, param.name), param));
                }
            }
        }
        out
    }
}

/// Where in the KTAP stream the kernel is: used to say during which test a
/// crash or report happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    /// The open suite.
    pub suite: String,
    /// Number of the case in progress (last finished + 1).
    pub case_number: u32,
    /// Name of the case in progress when known (parameterised cases announce it).
    pub case_name: Option<String>,
    /// Number and name of the last finished case.
    pub after: Option<(u32, String)>,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "suite {} case #{}", self.suite, self.case_number)?;
        if let Some(name) = &self.case_name {
            write!(f, " {name}")?;
        }
        if let Some((number, name)) = &self.after {
            write!(f, " (after #{number} {name})")?;
        }
        Ok(())
    }
}

/// What a test collects between its start and its result line.
#[derive(Clone, Debug, Default)]
struct Pending {
    diagnostics: Vec<String>,
    console: Vec<String>,
    report_headers: Vec<String>,
    reports: Vec<usize>,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.diagnostics.is_empty() && self.console.is_empty() && self.report_headers.is_empty()
    }
}

/// A finished (or abandoned) result line with what it collected.
#[derive(Clone, Debug)]
struct Node {
    number: u32,
    name: String,
    outcome: Outcome,
    directive: Option<String>,
    pending: Pending,
    sub: Option<Group>,
}

/// An open subtest: the root document (level 0), a suite (1), a case's
/// parameters (2), ...
#[derive(Clone, Debug, Default)]
struct Group {
    level: usize,
    name: String,
    plan: Option<u32>,
    module: Option<String>,
    summary: Option<Counts>,
    totals: Option<Counts>,
    children: Vec<Node>,
    pending: Pending,
    /// What was pending when the group closed normally (after its last child).
    trailing: Pending,
}

impl Group {
    fn next_number(&self) -> u32 {
        self.children.last().map_or(1, |n| n.number + 1)
    }
}

/// Builds the suite model from console messages fed one at a time.
#[derive(Debug)]
pub struct KtapBuilder {
    started: bool,
    /// Sum of the plans of all top-level KTAP documents seen.
    plan: Option<u32>,
    stack: Vec<Group>,
    /// Indentation (in spaces) of the last diagnostic, while the following
    /// indented lines may continue it.
    continuation_indent: Option<usize>,
}

impl Default for KtapBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl KtapBuilder {
    /// A builder that has seen nothing yet.
    pub fn new() -> Self {
        KtapBuilder {
            started: false,
            plan: None,
            stack: vec![Group::default()],
            continuation_indent: None,
        }
    }

    /// True once a top-level `KTAP version` (or a suite header) was seen.
    pub fn started(&self) -> bool {
        self.started
    }

    /// True when the top-level plan is fulfilled and no subtest is open.
    pub fn complete(&self) -> bool {
        let root = &self.stack[0];
        self.started
            && self.stack.len() == 1
            && match self.plan {
                Some(plan) => root.children.len() as u32 >= plan,
                None => !root.children.is_empty(),
            }
    }

    /// Where the KTAP stream is now, if inside a suite.
    pub fn position(&self) -> Option<Position> {
        let suite = self.stack.get(1)?;
        let after = suite.children.last().map(|n| (n.number, n.name.clone()));
        let case_name = self.stack.get(2).map(|g| g.name.clone());
        Some(Position {
            suite: suite.name.clone(),
            case_number: suite.next_number(),
            case_name,
            after,
        })
    }

    /// Offers one console message (printk prefix already stripped). Returns
    /// true when it was consumed as KTAP; otherwise the caller should hand it
    /// back through [`KtapBuilder::console`].
    pub fn ktap(&mut self, msg: &str) -> bool {
        let Some((level, line)) = parse_line(msg) else {
            return false;
        };
        let is_diagnostic = matches!(line, KtapLine::Diagnostic(_));
        let consumed = self.apply(level, line);
        if consumed {
            self.continuation_indent = is_diagnostic.then_some(level * 4);
        }
        consumed
    }

    /// Records a non-KTAP console message against the test in progress;
    /// `report` is the index and header of the KASAN report the message
    /// opens, if it opens one.
    pub fn console(&mut self, msg: &str, report: Option<(usize, &str)>) {
        let top = self.top();
        let report_header = report.is_some();
        if let Some((index, header)) = report {
            top.pending.reports.push(index);
            top.pending.report_headers.push(header.to_string());
        }
        top.pending.console.push(msg.to_string());
        // A multi-line KUnit message (EXPECTATION FAILED + explanation) goes on
        // at the diagnostic's indentation without the `# `.
        if let Some(indent) = self.continuation_indent {
            let body = msg.trim_start_matches(' ');
            let own = msg.len() - body.len();
            if indent > 0 && own >= indent && !body.trim().is_empty() && !report_header {
                if let Some(last) = self.top().pending.diagnostics.last_mut() {
                    last.push('\n');
                    last.push_str(body.trim_end());
                }
                return;
            }
        }
        self.continuation_indent = None;
    }

    fn top(&mut self) -> &mut Group {
        self.stack.last_mut().expect("root group is never popped")
    }

    fn top_level(&self) -> usize {
        self.stack.len() - 1
    }

    fn apply(&mut self, level: usize, line: KtapLine<'_>) -> bool {
        let top = self.top_level();
        match line {
            KtapLine::Version(_) if level == 0 => {
                if self.started {
                    // A new document: whatever is still open was cut short.
                    self.close_to(0);
                }
                self.started = true;
                true
            }
            KtapLine::Version(_) => self.started && level <= top + 1,
            KtapLine::Plan(count) => {
                if !self.started || level != top {
                    return false;
                }
                if level == 0 {
                    self.plan = Some(self.plan.unwrap_or(0) + count);
                } else {
                    self.top().plan = Some(count);
                }
                true
            }
            KtapLine::Subtest(name) => {
                if level == 0 || level > top + 1 {
                    return false;
                }
                if !self.started {
                    if level != 1 {
                        return false;
                    }
                    self.started = true;
                }
                self.close_to(level - 1);
                self.stack.push(Group {
                    level,
                    name: name.to_string(),
                    ..Group::default()
                });
                true
            }
            KtapLine::Result {
                ok,
                number,
                name,
                directive,
            } => {
                if !self.started || level > top {
                    return false;
                }
                self.close_to(level + 1);
                let sub = if self.top_level() == level + 1 {
                    let mut group = self.stack.pop().expect("checked depth");
                    group.trailing = std::mem::take(&mut group.pending);
                    Some(group)
                } else {
                    None
                };
                let outcome = match (ok, skip_reason(directive)) {
                    (_, Some(_)) => Outcome::Skip,
                    (true, None) => Outcome::Pass,
                    (false, None) => Outcome::Fail,
                };
                let parent = self.top();
                let pending = std::mem::take(&mut parent.pending);
                parent.children.push(Node {
                    number,
                    name: name.to_string(),
                    outcome,
                    directive: directive.map(str::to_string),
                    pending,
                    sub,
                });
                true
            }
            KtapLine::Summary { name, counts } => {
                if !self.started {
                    return false;
                }
                if name == "Totals" {
                    if let Some(group) = self
                        .stack
                        .iter_mut()
                        .skip(1)
                        .rev()
                        .find(|g| g.level <= level.max(1))
                    {
                        group.totals = Some(counts);
                        return true;
                    }
                } else if let Some(group) =
                    self.stack.iter_mut().skip(1).rev().find(|g| g.name == name)
                {
                    group.summary = Some(counts);
                    return true;
                }
                self.diagnostic(level, &format!("{name}: {counts}"))
            }
            KtapLine::Diagnostic(text) => self.diagnostic(level, text),
        }
    }

    fn diagnostic(&mut self, level: usize, text: &str) -> bool {
        if !self.started || level > self.top_level() + 1 {
            return false;
        }
        let top = self.top();
        if top.level >= 1 && top.children.is_empty() && top.module.is_none() {
            if let Some(module) = text.strip_prefix("module: ") {
                top.module = Some(module.trim().to_string());
                return true;
            }
        }
        top.pending.diagnostics.push(text.to_string());
        true
    }

    /// Closes open groups (without their result lines) until the top group
    /// is at `level` or shallower.
    fn close_to(&mut self, level: usize) {
        while self.top_level() > level {
            let mut group = self.stack.pop().expect("depth checked");
            let plan_done = group
                .plan
                .is_some_and(|plan| group.children.len() as u32 >= plan);
            if plan_done {
                // Lines after the last planned case: not a case of their own.
                group.trailing = std::mem::take(&mut group.pending);
            } else if !group.pending.is_empty() {
                let pending = std::mem::take(&mut group.pending);
                let number = group.next_number();
                group.children.push(Node {
                    number,
                    name: String::new(),
                    outcome: Outcome::Incomplete,
                    directive: None,
                    pending,
                    sub: None,
                });
            }
            let parent = self.top();
            let pending = std::mem::take(&mut parent.pending);
            let number = parent.next_number();
            parent.children.push(Node {
                number,
                name: group.name.clone(),
                outcome: Outcome::Incomplete,
                directive: None,
                pending,
                sub: Some(group),
            });
        }
    }

    /// Closes everything still open and returns the top-level plan and suites.
    pub fn finish(mut self) -> (Option<u32>, Vec<Suite>) {
        self.close_to(0);
        let root = self.stack.pop().expect("root");
        let suites = root.children.into_iter().map(suite_from_node).collect();
        (self.plan, suites)
    }
}

fn suite_from_node(node: Node) -> Suite {
    let skip_reason = skip_reason(node.directive.as_deref());
    let group = node.sub.unwrap_or_default();
    let mut stray = group.trailing.report_headers;
    stray.extend(group.pending.report_headers);
    let mut stray_reports = group.trailing.reports;
    stray_reports.extend(group.pending.reports);
    Suite {
        number: (node.outcome != Outcome::Incomplete).then_some(node.number),
        name: if group.name.is_empty() {
            node.name
        } else {
            group.name
        },
        module: group.module,
        plan: group.plan,
        cases: group.children.into_iter().map(case_from_node).collect(),
        summary: group.summary,
        totals: group.totals,
        outcome: node.outcome,
        skip_reason,
        diagnostics: node.pending.diagnostics,
        stray_report_headers: stray,
        stray_reports,
    }
}

fn case_from_node(node: Node) -> Case {
    let mut pending = node.pending;
    let (params, param_summary) = match node.sub {
        Some(group) => {
            // Lines after the last parameter belong to the case itself.
            pending.console.extend(group.trailing.console);
            pending.diagnostics.extend(group.trailing.diagnostics);
            pending.report_headers.extend(group.trailing.report_headers);
            pending.reports.extend(group.trailing.reports);
            let params = group.children.into_iter().map(case_from_node).collect();
            (params, group.summary)
        }
        None => (Vec::new(), None),
    };
    let skip_reason = skip_reason(node.directive.as_deref());
    Case {
        number: node.number,
        name: node.name,
        outcome: node.outcome,
        directive: if skip_reason.is_some() {
            None
        } else {
            node.directive
        },
        skip_reason,
        diagnostics: pending.diagnostics,
        console: pending.console,
        report_headers: pending.report_headers,
        reports: pending.reports,
        params,
        param_summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_grammar() {
        assert_eq!(
            parse_line("KTAP version 1"),
            Some((0, KtapLine::Version("1")))
        );
        assert_eq!(parse_line("    1..72"), Some((1, KtapLine::Plan(72))));
        assert_eq!(parse_line("1..0 # no tests"), Some((0, KtapLine::Plan(0))));
        assert_eq!(
            parse_line("    # Subtest: kasan"),
            Some((1, KtapLine::Subtest("kasan")))
        );
        assert_eq!(
            parse_line("        ok 2 param-1"),
            Some((
                2,
                KtapLine::Result {
                    ok: true,
                    number: 2,
                    name: "param-1",
                    directive: None
                }
            ))
        );
        assert_eq!(
            parse_line("    ok 7 kmalloc_large_uaf # SKIP Test requires CONFIG_KASAN_GENERIC=y"),
            Some((
                1,
                KtapLine::Result {
                    ok: true,
                    number: 7,
                    name: "kmalloc_large_uaf",
                    directive: Some("SKIP Test requires CONFIG_KASAN_GENERIC=y")
                }
            ))
        );
        assert_eq!(
            parse_line("not ok 1 - kasan"),
            Some((
                0,
                KtapLine::Result {
                    ok: false,
                    number: 1,
                    name: "kasan",
                    directive: None
                }
            ))
        );
        assert_eq!(
            parse_line("# kasan: pass:60 fail:0 skip:12 total:72"),
            Some((
                0,
                KtapLine::Summary {
                    name: "kasan",
                    counts: Counts {
                        pass: 60,
                        fail: 0,
                        skip: 12,
                        total: 72
                    }
                }
            ))
        );
        assert_eq!(
            parse_line("    # foo: EXPECTATION FAILED at x.c:1"),
            Some((1, KtapLine::Diagnostic("foo: EXPECTATION FAILED at x.c:1")))
        );
    }

    #[test]
    fn rejects_non_ktap() {
        for line in [
            " kasan_report+0x98/0xe0",
            "  ok 1 two-space indent",
            "okay 1",
            "ok x name",
            "ok 1x",
            "KTAP version one",
            "1..",
            "#nospace",
            "   # three spaces",
            "Call trace:",
        ] {
            assert_eq!(parse_line(line), None, "{line:?}");
        }
    }

    #[test]
    fn skip_reasons() {
        assert_eq!(skip_reason(Some("SKIP why")), Some("why".to_string()));
        assert_eq!(skip_reason(Some("skip")), Some(String::new()));
        assert_eq!(skip_reason(Some("SKIPPY")), None);
        assert_eq!(skip_reason(Some("TODO x")), None);
        assert_eq!(skip_reason(None), None);
    }

    fn build(lines: &[&str]) -> KtapBuilder {
        let mut b = KtapBuilder::new();
        for line in lines {
            if !b.ktap(line) {
                b.console(line, line.starts_with("BUG: KASAN").then_some((0, line)));
            }
        }
        b
    }

    #[test]
    fn ignores_ktap_shaped_lines_before_header() {
        let b = build(&["ok 1 early", "    # Subtest: x"]);
        // A level-1 suite header starts KTAP leniently; the early `ok` did not.
        assert!(b.started());
        let (_, suites) = b.finish();
        assert_eq!(suites.len(), 1);
        assert_eq!(suites[0].name, "x");
        assert!(suites[0].cases.is_empty());
    }

    #[test]
    fn indented_suite_summary_and_totals_are_accepted() {
        let b = build(&[
            "KTAP version 1",
            "1..1",
            "    # Subtest: s",
            "    1..2",
            "    ok 1 a",
            "    ok 2 b # SKIP nope",
            "    # s: pass:1 fail:0 skip:1 total:2",
            "    # Totals: pass:1 fail:0 skip:1 total:2",
            "ok 1 s",
        ]);
        assert!(b.complete());
        let (plan, suites) = b.finish();
        assert_eq!(plan, Some(1));
        let s = &suites[0];
        assert_eq!(
            s.summary,
            Some(Counts {
                pass: 1,
                fail: 0,
                skip: 1,
                total: 2
            })
        );
        assert_eq!(s.totals, s.summary);
        assert_eq!(s.counts_from_cases(), s.summary.unwrap());
        assert_eq!(s.cases[1].skip_reason.as_deref(), Some("nope"));
    }

    #[test]
    fn position_tracks_case_in_progress() {
        let b = build(&[
            "KTAP version 1",
            "1..1",
            "    # Subtest: s",
            "    1..3",
            "    ok 1 a",
            "        # Subtest: p",
            "        ok 1 param-0",
        ]);
        let pos = b.position().unwrap();
        assert_eq!(pos.suite, "s");
        assert_eq!(pos.case_number, 2);
        assert_eq!(pos.case_name.as_deref(), Some("p"));
        assert_eq!(pos.to_string(), "suite s case #2 p (after #1 a)");
        assert!(!b.complete());
        let (_, suites) = b.finish();
        let s = &suites[0];
        assert!(!s.finished());
        assert_eq!(s.cases[1].outcome, Outcome::Incomplete);
        assert_eq!(s.cases[1].name, "p");
        assert_eq!(s.cases[1].params.len(), 1);
    }

    #[test]
    fn a_module_document_reopens_a_complete_stream() {
        // Built-in suites all filtered out, then a module's own document.
        let mut b = build(&["KTAP version 1", "1..0"]);
        assert!(b.complete());
        for line in ["KTAP version 1", "1..1"] {
            assert!(b.ktap(line));
        }
        assert!(!b.complete());
        for line in ["    # Subtest: m", "    1..1", "    ok 1 a", "ok 1 m"] {
            assert!(b.ktap(line));
        }
        assert!(b.complete());
        let (plan, suites) = b.finish();
        assert_eq!(plan, Some(1));
        assert_eq!(suites.len(), 1);
    }

    #[test]
    fn console_lines_and_reports_go_to_the_case_in_progress() {
        let b = build(&[
            "KTAP version 1",
            "1..1",
            "    # Subtest: s",
            "    1..2",
            "BUG: KASAN: slab-out-of-bounds in a+0x1/0x2",
            " stack+0x1",
            "    ok 1 a",
            "    # b: EXPECTATION FAILED at x.c:1",
            "    KASAN failure expected in \"y\", but none occurred",
            "    not ok 2 b",
            "ok 1 s",
        ]);
        let (_, suites) = b.finish();
        let s = &suites[0];
        assert_eq!(s.outcome, Outcome::Pass);
        assert_eq!(s.cases[0].report_count(), 1);
        assert_eq!(s.cases[0].console.len(), 2);
        assert_eq!(s.cases[1].outcome, Outcome::Fail);
        assert_eq!(
            s.cases[1].main_diagnostic(),
            Some("b: EXPECTATION FAILED at x.c:1\nKASAN failure expected in \"y\", but none occurred")
        );
        assert_eq!(s.failures().len(), 1);
    }
}
