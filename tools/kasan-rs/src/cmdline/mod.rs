//! `kasan-rs check-args "ARGS"`: the `kasan*` words of a kernel command
//! line checked with kasan-core's own parameter parsers (the 6.12 handlers'
//! semantics: `kstrtoul()` with its leading `+` and trailing newline,
//! `parameq()` names with `-` and `_` alike), so that a bad value is caught
//! before a boot instead of as a `Malformed early option` line after it.
//!
//! A word is a KASAN word when its name is `kasan` or starts with `kasan.`;
//! other words pass. Compatibility with the scripts' regex check
//! ([`legacy`]) is kept: a word the kernel refuses but `check_kasan_args`
//! accepts today is accepted with a warning, so nothing the scripts let
//! through starts failing. Rooms: [`split`] (the kernel's word split),
//! [`legacy`] (the scripts' check), [`values`] (what each parameter takes).

pub mod legacy;
pub mod split;
pub mod values;

use kasan_core::params::{ParamError, ParamId, Params};

use split::Word;

/// What the check says about one KASAN word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// Refused: one line for stderr.
    Error(String),
    /// Accepted only for compatibility with `check_kasan_args`: one line
    /// for stderr.
    Warning(String),
}

/// What the kernel does with one KASAN word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kernel {
    /// Its handler accepts it.
    Accepts,
    /// Its handler refuses it: `Malformed early option '<name>'`.
    Refuses(ParamId, ParamError),
    /// No KASAN parameter has this name; the kernel ignores it silently.
    Unknown,
    /// After `--`: init's, never parsed.
    ForInit,
}

/// Checks every KASAN word of `cmdline`; an empty result means all good.
pub fn check(cmdline: &[u8]) -> Vec<Finding> {
    split::split(cmdline)
        .iter()
        .filter(|w| is_kasan_word(&w.name))
        .filter_map(judge)
        .collect()
}

/// `kasan` or `kasan.<anything>` (the `.` is not one of the characters
/// `parameq()` treats alike).
fn is_kasan_word(name: &[u8]) -> bool {
    name == b"kasan" || name.starts_with(b"kasan.")
}

fn kernel(word: &Word) -> Kernel {
    if word.for_init {
        return Kernel::ForInit;
    }
    let Some(id) = ParamId::from_name(&word.name) else {
        return Kernel::Unknown;
    };
    // Each word is judged on its own, as the kernel judges each occurrence.
    match Params::default().apply(id, word.value.as_deref()) {
        Ok(()) => Kernel::Accepts,
        Err(e) => Kernel::Refuses(id, e),
    }
}

fn judge(word: &Word) -> Option<Finding> {
    let verdict = kernel(word);
    if verdict == Kernel::Accepts {
        return None;
    }
    let raw = String::from_utf8_lossy(&word.raw);
    let why = why(word, verdict);
    Some(if legacy::accepts(&word.raw) {
        Finding::Warning(format!(
            "warning: '{raw}' is accepted only because testing/scripts' check_kasan_args \
             accepts it: {why}"
        ))
    } else {
        Finding::Error(format!("bad KASAN parameter '{raw}': {why}"))
    })
}

/// The reason, in the kernel's terms.
fn why(word: &Word, verdict: Kernel) -> String {
    let name = String::from_utf8_lossy(&word.name);
    match verdict {
        Kernel::Accepts => String::new(),
        Kernel::Refuses(id, e) => format!(
            "6.12 prints \"Malformed early option '{name}'\" ({}; {} takes {})",
            values::problem(e),
            id.name(),
            values::expected(id)
        ),
        Kernel::Unknown => format!(
            "6.12 has no KASAN parameter '{name}' and ignores it (known: {})",
            values::known_names()
        ),
        Kernel::ForInit => "it comes after '--', so 6.12 passes it to init and KASAN never \
                            sees it"
            .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(cmdline: &str) -> usize {
        check(cmdline.as_bytes())
            .iter()
            .filter(|f| matches!(f, Finding::Error(_)))
            .count()
    }

    #[test]
    fn good_words_and_other_words_pass() {
        assert!(check(b"console=ttyAMA0 kasan=on kasan.mode=asymm quiet").is_empty());
    }

    #[test]
    fn one_line_per_bad_word() {
        let found = check(b"kasan.mode=SYNC kasan.fault=oops kasan.foo=1");
        assert_eq!(found.len(), 3);
        assert_eq!(errors("kasan.mode=SYNC kasan.fault=oops kasan.foo=1"), 3);
        let Finding::Error(line) = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(
            line,
            "bad KASAN parameter 'kasan.mode=SYNC': 6.12 prints \"Malformed early option \
             'kasan.mode'\" (the value is not one it takes; kasan.mode takes sync, async or \
             asymm)"
        );
    }
}
