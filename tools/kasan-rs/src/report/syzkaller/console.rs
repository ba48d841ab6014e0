//! How syzkaller reads one console line: its printk context (none, the
//! console, or a `CONFIG_PRINTK_CALLER` caller), the text after the prefix,
//! and whether it is a "questionable" line that syzkaller leaves out.
//!
//! Facts from syzkaller's pkg/report/linux.go (`consoleOutputRe`,
//! `stripLinePrefix`, `questionableFrame`): a prefix is an optional
//! `** N printk messages dropped ** `, an optional `... login: `, an optional
//! `<N>` level, a `[  secs.usecs]` timestamp and an optional `[ T12]`/`[ C3]`
//! caller, then a space. When there is a prefix, the text starts after the
//! first `] ` of the line; a line containing ` ? ` (x86's unreliable frames)
//! or ending in ` (unreliable)` (powerpc) is questionable unless it contains
//! `<EOI>`.

/// The context syzkaller compares lines by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context<'a> {
    /// No printk prefix at all.
    Bare,
    /// A timestamp without a caller id.
    Console,
    /// A caller id: `T35`, `C0` (without brackets and padding).
    Caller(&'a str),
}

impl Context<'_> {
    /// True for a CPU context (`C3`): lines of other CPUs are kept after
    /// `Sending NMI from CPU`.
    pub fn is_cpu(&self) -> bool {
        matches!(self, Context::Caller(id) if id.starts_with('C'))
    }
}

/// One console line as syzkaller sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsoleLine<'a> {
    /// Its context.
    pub context: Context<'a>,
    /// The text after the prefix (the whole line when there is none).
    pub text: &'a str,
    /// Left out of reports (see the module documentation).
    pub questionable: bool,
}

const DROPPED_TAIL: &str = " printk messages dropped ** ";

/// Reads `line` (without its newline).
pub fn read_line(line: &str) -> ConsoleLine<'_> {
    let context = context_of(line);
    if context == Context::Bare {
        return ConsoleLine {
            context,
            text: line,
            questionable: false,
        };
    }
    // After the first `] ` from where the prefix starts (the line's start,
    // but for text glued in front of the timestamp).
    let from = glued_prefix(line).unwrap_or(0);
    let text = match line[from..].find("] ") {
        Some(at) => &line[from + at + 2..],
        None => line,
    };
    let questionable =
        !text.contains("<EOI>") && (text.contains(" ? ") || text.ends_with(" (unreliable)"));
    ConsoleLine {
        context,
        text,
        questionable,
    }
}

fn context_of(line: &str) -> Context<'_> {
    let after_dropped = strip_dropped(line).unwrap_or(line);
    if let Some(context) = timestamp_context(after_dropped) {
        return context;
    }
    // `(?:.* login: )?` is greedy: the last ` login: ` that leads to a timestamp.
    if let Some(at) = last_login(after_dropped) {
        if let Some(context) = timestamp_context(&after_dropped[at + 8..]) {
            return context;
        }
    }
    // Another writer's text glued in front of the prefix (testdata 1006:
    // a console shared with the init system's output).
    if let Some(at) = glued_prefix(after_dropped) {
        if let Some(context) = timestamp_context(&after_dropped[at..]) {
            return context;
        }
    }
    Context::Bare
}

/// Where a printk prefix with a caller id starts inside `line` when other
/// text stands before it: the first `[` that starts `[ secs.usecs][ Tn] `.
/// Only a caller-id prefix counts, so that a bare line quoting a timestamp
/// (a title with a merged timestamp, which syzkaller calls corrupted) is
/// not read as one.
fn glued_prefix(line: &str) -> Option<usize> {
    if timestamp_context(line).is_some() {
        return None;
    }
    memchr::memchr_iter(b'[', line.as_bytes())
        .skip_while(|&at| at == 0)
        .find(|&at| matches!(timestamp_context(&line[at..]), Some(Context::Caller(_))))
}

/// Where the last ` login: ` of `line` starts: found from its colons, which
/// most lines (frames) do not have.
fn last_login(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    memchr::memrchr_iter(b':', bytes).find_map(|colon| {
        let ok = colon >= 6
            && &bytes[colon - 6..colon] == b" login"
            && bytes.get(colon + 1) == Some(&b' ');
        ok.then(|| colon - 6)
    })
}

/// `** 12 printk messages dropped ** rest` -> `rest`.
pub fn strip_dropped(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("** ")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    rest[digits..].strip_prefix(DROPPED_TAIL)
}

/// `<6>[  1.234567][  T35] ` -> the context, when `s` starts with a prefix.
fn timestamp_context(s: &str) -> Option<Context<'_>> {
    let mut s = s;
    if let Some(rest) = s.strip_prefix('<') {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with('>') {
            s = &rest[digits + 1..];
        }
    }
    let inner = s.strip_prefix('[')?.trim_start_matches(' ');
    let (secs, rest) = inner.split_once('.')?;
    let usecs = rest.bytes().take_while(u8::is_ascii_digit).count();
    if secs.is_empty() || !secs.bytes().all(|b| b.is_ascii_digit()) || usecs == 0 {
        return None;
    }
    let after = rest[usecs..].strip_prefix(']')?;
    if after.starts_with(' ') {
        return Some(Context::Console);
    }
    let caller = after.strip_prefix('[')?.trim_start_matches(' ');
    let close = caller.find(']')?;
    let id = &caller[..close];
    let valid = id.len() > 1
        && matches!(id.as_bytes()[0], b'C' | b'T')
        && id[1..].bytes().all(|b| b.is_ascii_digit());
    (valid && caller[close + 1..].starts_with(' ')).then_some(Context::Caller(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts() {
        assert_eq!(read_line("BUG: KASAN: x").context, Context::Bare);
        let l = read_line("[   12.345678] BUG: KASAN: x");
        assert_eq!((l.context, l.text), (Context::Console, "BUG: KASAN: x"));
        let l = read_line("[   12.345678][ T4711]  foo+0x1/0x2");
        assert_eq!(
            (l.context, l.text),
            (Context::Caller("T4711"), " foo+0x1/0x2")
        );
        let l = read_line("** 3 printk messages dropped ** [  1.000000] BUG: KASAN: y");
        assert_eq!((l.context, l.text), (Context::Console, "BUG: KASAN: y"));
        let l = read_line("<4>[  1.000000]  ? foo+0x1/0x2");
        assert!(l.questionable);
        assert!(!read_line(" ? foo+0x1/0x2").questionable);
        let l = read_line("syzkaller login: [  1.5] x");
        assert_eq!(l.context, Context::Console);
        assert!(read_line("[  1.5][ T1]x").context == Context::Bare);
        let l = read_line("el.service [0m.[  2.5][T21583] WARNING: x");
        assert_eq!(
            (l.context, l.text),
            (Context::Caller("T21583"), "WARNING: x")
        );
        let l = read_line("BUG: x [  2.5] y");
        assert_eq!((l.context, l.text), (Context::Bare, "BUG: x [  2.5] y"));
    }
}
