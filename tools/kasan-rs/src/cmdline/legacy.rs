//! What `check_kasan_args` in testing/scripts/common.sh accepts today,
//! reimplemented so that `check-args` refuses nothing the scripts let
//! through: the word split of bash's `read -ra` (blanks and newlines, no
//! quoting), the names and value patterns of its `case`, and the
//! arithmetic of its `(( value > 0 ))` (bash's: a leading `0` is octal,
//! `0x` hex, and the number wraps at 64 bits and is signed).

/// Whether the script accepts every piece of `raw` (bash splits a word the
/// kernel keeps whole when it holds quoted blanks).
pub fn accepts(raw: &[u8]) -> bool {
    raw.split(|&c| matches!(c, b' ' | b'\t' | b'\n'))
        .filter(|piece| !piece.is_empty())
        .all(accepts_piece)
}

fn accepts_piece(word: &[u8]) -> bool {
    if !(word.starts_with(b"kasan=") || word.starts_with(b"kasan.")) {
        return true;
    }
    let (name, value) = match word.iter().position(|&c| c == b'=') {
        Some(eq) => (&word[..eq], &word[eq + 1..]),
        None => (word, &b""[..]),
    };
    let one_of = |words: &[&str]| words.iter().any(|w| w.as_bytes() == value);
    match name {
        b"kasan" | b"kasan.vmalloc" | b"kasan.stacktrace" => one_of(&["on", "off"]),
        b"kasan.mode" => one_of(&["sync", "async", "asymm"]),
        b"kasan.fault" => one_of(&["report", "panic", "panic_on_write"]),
        b"kasan.tag_policy" => one_of(&["random", "distinct"]),
        b"kasan.page_alloc.sample" => is_int(value) && bash_value(value).is_some_and(|n| n > 0),
        b"kasan.page_alloc.sample.order" | b"kasan.stack_ring_size" => is_int(value),
        _ => false,
    }
}

/// The script's `^([0-9]+|0[xX][0-9a-fA-F]+)$`.
fn is_int(v: &[u8]) -> bool {
    let hex = v.len() > 2
        && v[0] == b'0'
        && matches!(v[1], b'x' | b'X')
        && v[2..].iter().all(u8::is_ascii_hexdigit);
    hex || (!v.is_empty() && v.iter().all(u8::is_ascii_digit))
}

/// A value `is_int` accepts as bash's arithmetic reads it; `None` where
/// bash fails (a digit too great for octal).
fn bash_value(v: &[u8]) -> Option<i64> {
    let (digits, base) = if v.len() > 2 && matches!(v[1], b'x' | b'X') {
        (&v[2..], 16)
    } else if v.len() > 1 && v[0] == b'0' {
        (&v[1..], 8)
    } else {
        (v, 10)
    };
    let mut n: u64 = 0;
    for &c in digits {
        let d = u64::from(char::from(c).to_digit(16)?);
        if d >= base {
            return None;
        }
        n = n.wrapping_mul(base).wrapping_add(d);
    }
    // Bash keeps the wrapped bits as a signed 64-bit number.
    Some(n as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_words_pass() {
        for w in [
            "quiet",
            "kasan",
            "kasan_multi_shot",
            "kasanx=1",
            "console=ttyAMA0",
        ] {
            assert!(accepts(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn values_as_the_case_patterns_take_them() {
        for w in [
            "kasan=on",
            "kasan.mode=asymm",
            "kasan.fault=panic_on_write",
            "kasan.tag_policy=distinct",
            "kasan.page_alloc.sample=010",
            "kasan.page_alloc.sample=0x10",
            "kasan.page_alloc.sample.order=99999999999999999999",
            "kasan.stack_ring_size=0",
        ] {
            assert!(accepts(w.as_bytes()), "{w}");
        }
        for w in [
            "kasan=ON",
            "kasan.mode",
            "kasan.page_alloc.sample=0",
            "kasan.page_alloc.sample=08",
            "kasan.page_alloc.sample=9223372036854775808",
            "kasan.page_alloc.sample=+1",
            "kasan.stack_ring_size=0x",
            "kasan.page-alloc.sample=1",
            "kasan.foo=1",
        ] {
            assert!(!accepts(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn bash_arithmetic_wraps() {
        assert_eq!(
            bash_value(b"99999999999999999999"),
            Some(7766279631452241919)
        );
        assert_eq!(bash_value(b"9223372036854775808"), Some(i64::MIN));
        assert_eq!(bash_value(b"18446744073709551616"), Some(0));
        assert_eq!(bash_value(b"017"), Some(15));
        assert_eq!(bash_value(b"09"), None);
    }
}
