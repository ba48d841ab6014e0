//! What syzkaller does to every title after extraction (pkg/report/report.go
//! `dynamicTitleReplacement`, `sanitizeTitle`, `reportFrameRe`): executor
//! names, addresses, IPs, line numbers, `func+0x1/0x2` offsets, CPU numbers
//! and remaining numbers replaced by placeholders (each rule repeated until
//! nothing changes); tabs to spaces, control and non-ASCII bytes dropped,
//! runs of spaces collapsed, at most 120 bytes read; and the frame name of
//! the title (after its last ` in `).

use std::cell::RefCell;

use regex::Regex;

use super::fxhash::FxHashMap;

/// (pattern, replacement) in syzkaller's order; `\w`, `\W` and `\d` are
/// spelled as ASCII classes, as in Go.
const REPLACEMENTS: &[(&str, &str)] = &[
    (r"syz-executor\.?[0-9]+((/|:)[0-9]+)?", "syz-executor"),
    (r"syzkaller[0-9]+((/|:)[0-9]+)?", "syzkaller"),
    (r"([^a-zA-Z0-9])(?:0x)?[0-9a-f]{6,}", "${1}ADDR"),
    (r"([0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})", "IP"),
    (r"(\.[0-9A-Za-z_]+)(:[0-9]+)+", "${1}:LINE"),
    (r"([a-zA-Z][a-zA-Z0-9_.]+)\+0x[0-9a-z]+/0x[0-9a-z]+", "${1}"),
    (r"CPU#[0-9]+", "CPU"),
    (r"([^0-9A-Za-z_])([0-9]+)([^0-9A-Za-z_]|$)", "${1}NUM${3}"),
    (r"([0-9]+){7,}", "NUM"),
];

/// Longest title syzkaller reads.
const MAX_TITLE: usize = 120;

thread_local! {
    static RULES: Vec<(Regex, &'static str)> = REPLACEMENTS
        .iter()
        .map(|(re, with)| (Regex::new(re).expect("valid replacement"), *with))
        .collect();
    // Titles repeat across reports: sanitise each once.
    static DONE: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

/// The title as syzkaller shows it.
pub fn sanitize(title: &str) -> String {
    DONE.with(|done| {
        if let Some(known) = done.borrow().get(title) {
            return known.clone();
        }
        let clean = sanitize_uncached(title);
        let mut done = done.borrow_mut();
        if done.len() > 10_000 {
            done.clear();
        }
        done.insert(title.to_string(), clean.clone());
        clean
    })
}

fn sanitize_uncached(title: &str) -> String {
    let mut s = title.to_string();
    RULES.with(|rules| {
        for (re, with) in rules {
            loop {
                let next = re.replace_all(&s, *with).into_owned();
                if next == s {
                    break;
                }
                s = next;
            }
        }
    });
    let mut out = Vec::with_capacity(s.len());
    let mut prev = b' ';
    for &b in s.as_bytes().iter().take(MAX_TITLE) {
        let b = if b == b'\t' { b' ' } else { b };
        if !(0x20..0x7f).contains(&b) || (b == b' ' && prev == b' ') {
            continue;
        }
        out.push(b);
        prev = b;
    }
    String::from_utf8_lossy(&out).trim().to_string()
}

/// The title's frame: after the last ` in ` that is followed by a name
/// (`foo`, `a::b`, `<a as b>::c`).
pub fn title_frame(title: &str) -> Option<String> {
    fn name_len(s: &str) -> usize {
        s.bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b':')
            .count()
    }
    for (at, _) in title.rmatch_indices(" in ") {
        let rest = &title[at + 4..];
        if let Some(inner) = rest.strip_prefix('<') {
            let len = inner
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b' '))
                .count();
            if len > 0 && inner[len..].starts_with('>') {
                let tail = &inner[len + 1..];
                let n = name_len(tail);
                if n > 0 {
                    return Some(rest[..1 + len + 1 + n].to_string());
                }
            }
        }
        let n = name_len(rest);
        if n > 0 {
            return Some(rest[..n].to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizes() {
        assert_eq!(
            sanitize("KASAN: use-after-free on address ffff880012345678"),
            "KASAN: use-after-free on address ADDR"
        );
        assert_eq!(sanitize("KASAN: a  b\tc 12 d"), "KASAN: a b c NUM d");
        assert_eq!(
            sanitize("KASAN: slab-out-of-bounds Read in ip6_fragment"),
            "KASAN: slab-out-of-bounds Read in ip6_fragment"
        );
        assert_eq!(
            title_frame("KASAN: x Read in <a::B as c::D>::e").as_deref(),
            Some("<a::B as c::D>::e")
        );
        assert_eq!(title_frame("KASAN: invalid-access").as_deref(), None);
    }
}
