//! The readable table of `kasan-rs reports` (one line per report, printed as
//! the reports are read): the report's own fields, then what syzkaller
//! makes of it (crash type, `!` when it marks the report corrupted, title).

use super::Report;

/// The table's header line.
pub const HEADER: &str = "   #     line  type                 access                    crash type                  title";

/// One table line: index, header line, bug type, access, syzkaller's crash
/// type and title (`!` before it when corrupted), and what is missing when
/// the report is incomplete.
pub fn row(r: &Report) -> String {
    let access = match (&r.access, r.is_async) {
        (Some(a), _) => match a.size {
            Some(size) => format!("{} {} @{}", a.op, size, a.addr),
            None => format!("{} @{}", a.op, a.addr),
        },
        (None, true) => "async".to_string(),
        (None, false) => "-".to_string(),
    };
    let s = &r.syzkaller;
    let mark = if s.corrupted { "!" } else { " " };
    let mut line = format!(
        "{:>4} {:>8}  {:<20} {:<25} {:<26} {mark}{}",
        r.index + 1,
        r.line,
        r.bug_type,
        access,
        s.crash_type,
        s.title
    );
    if !r.is_complete() {
        line.push_str(&format!("  [incomplete: {}]", r.incomplete.join(", ")));
    }
    line
}
