//! The kernel's split of a command line into words (`next_arg()` and
//! `parse_args()` in kernel/params.c), byte for byte: words end at
//! whitespace outside double quotes; a quote opening the word or the value
//! is dropped with the quote that closes the word; the first `=` (but not
//! one at the very start) separates the name from the value; `--` ends the
//! parameters, and the words after it are init's.

/// One word of a command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word as written (quotes included), for messages.
    pub raw: Vec<u8>,
    /// The name, as the kernel hands it to the parameter handlers.
    pub name: Vec<u8>,
    /// The value after `=`, or `None` without one (the handlers then get
    /// NULL).
    pub value: Option<Vec<u8>>,
    /// True for the words after `--`, which the kernel passes to init
    /// without parsing them.
    pub for_init: bool,
}

/// The kernel's `isspace()`: the ASCII white space and, from its Latin-1
/// table, 0xA0 (which also splits a UTF-8 character containing it, as the
/// kernel would).
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | 0xa0)
}

fn skip_spaces(b: &[u8], mut pos: usize) -> usize {
    while pos < b.len() && is_space(b[pos]) {
        pos += 1;
    }
    pos
}

/// Splits `cmdline` the way the kernel does.
pub fn split(cmdline: &[u8]) -> Vec<Word> {
    // The kernel's strings end at a NUL.
    let b = cmdline.split(|&c| c == 0).next().unwrap_or_default();
    let mut words = Vec::new();
    let mut for_init = false;
    let mut pos = skip_spaces(b, 0);
    while pos < b.len() {
        let start = pos;
        let (mut args, mut in_quote, mut quoted) = (pos, false, false);
        if b[args] == b'"' {
            args += 1;
            in_quote = true;
            quoted = true;
        }
        let (mut end, mut equals) = (args, None);
        // A blank ends the word unless it is quoted.
        while end < b.len() && (in_quote || !is_space(b[end])) {
            // An `=` first in the word does not count (`equals == 0` in C).
            if equals.is_none() && b[end] == b'=' && end > args {
                equals = Some(end);
            }
            if b[end] == b'"' {
                in_quote = !in_quote;
            }
            end += 1;
        }
        // The closing quote the kernel overwrites with a NUL.
        let closing_quote = end > args && b[end - 1] == b'"';
        let (name, value) = match equals {
            None => {
                let name_end = if quoted && closing_quote {
                    end - 1
                } else {
                    end
                };
                (b[args..name_end].to_vec(), None)
            }
            Some(eq) => {
                let mut value_start = eq + 1;
                let mut value_end = end;
                if value_start < end && b[value_start] == b'"' {
                    value_start += 1;
                    if closing_quote {
                        value_end = end - 1;
                    }
                }
                if quoted && closing_quote {
                    value_end = end - 1;
                }
                let value_end = value_end.max(value_start);
                (
                    b[args..eq].to_vec(),
                    Some(b[value_start..value_end].to_vec()),
                )
            }
        };
        let word = Word {
            raw: b[start..end].to_vec(),
            name,
            value,
            for_init,
        };
        if !for_init && word.value.is_none() && word.name == b"--" {
            for_init = true;
        } else {
            words.push(word);
        }
        pos = skip_spaces(b, if end < b.len() { end + 1 } else { end });
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(cmdline: &str) -> Vec<(String, Option<String>, bool)> {
        split(cmdline.as_bytes())
            .into_iter()
            .map(|w| {
                (
                    String::from_utf8_lossy(&w.name).into_owned(),
                    w.value.map(|v| String::from_utf8_lossy(&v).into_owned()),
                    w.for_init,
                )
            })
            .collect()
    }

    fn p(name: &str, value: Option<&str>, for_init: bool) -> (String, Option<String>, bool) {
        (name.to_string(), value.map(str::to_string), for_init)
    }

    #[test]
    fn splits_on_white_space() {
        assert_eq!(
            parts("  kasan=on\tkasan.mode=sync\nquiet  "),
            [
                p("kasan", Some("on"), false),
                p("kasan.mode", Some("sync"), false),
                p("quiet", None, false),
            ]
        );
        assert_eq!(parts(""), []);
        assert_eq!(parts("   "), []);
    }

    #[test]
    fn first_equals_separates_but_not_at_the_start() {
        assert_eq!(
            parts("kasan.mode=sync=x =on kasan="),
            [
                p("kasan.mode", Some("sync=x"), false),
                p("=on", None, false),
                p("kasan", Some(""), false),
            ]
        );
    }

    #[test]
    fn quotes_are_dropped_as_the_kernel_drops_them() {
        assert_eq!(
            parts(r#"kasan.mode="sync" "kasan.fault=panic" "quiet" x="a b" "kasan=""#),
            [
                p("kasan.mode", Some("sync"), false),
                p("kasan.fault", Some("panic"), false),
                p("quiet", None, false),
                p("x", Some("a b"), false),
                p("kasan", Some(""), false),
            ]
        );
        // A quoted value may hold a newline; kstrtoul() accepts one at the end.
        assert_eq!(
            parts("kasan.stack_ring_size=\"5\n\""),
            [p("kasan.stack_ring_size", Some("5\n"), false)]
        );
    }

    #[test]
    fn words_after_dashes_are_init_s() {
        assert_eq!(
            parts("kasan=on -- kasan.mode=async --"),
            [
                p("kasan", Some("on"), false),
                p("kasan.mode", Some("async"), true),
                p("--", None, true),
            ]
        );
    }

    #[test]
    fn a_nul_ends_the_line() {
        assert_eq!(
            parts("kasan=on\0kasan=off"),
            [p("kasan", Some("on"), false)]
        );
    }
}
