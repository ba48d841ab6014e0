//! Byte helpers that read a `&[u8]` the way C reads the string it holds.
//!
//! A value slice may or may not include its terminator: the string ends at
//! the first NUL byte or at the end of the slice, whichever comes first.
//! Every helper is a `const fn` that never indexes out of bounds.

/// Byte `i` of the C string held in `s`: 0 at or past the end of the slice,
/// and (naturally) 0 at an embedded NUL.
#[inline]
pub(super) const fn at(s: &[u8], i: usize) -> u8 {
    let mut rest = s;
    let mut i = i;
    while let Some((&c, tail)) = rest.split_first() {
        if i == 0 {
            return c;
        }
        // `i > 0` here.
        i = i.wrapping_sub(1);
        rest = tail;
    }
    0
}

/// `s` without its first `n` bytes (empty if shorter).
#[inline]
pub(super) const fn skip(s: &[u8], n: usize) -> &[u8] {
    let mut rest = s;
    let mut n = n;
    while n > 0 {
        match rest.split_first() {
            Some((_, tail)) => rest = tail,
            None => break,
        }
        // `n > 0` here.
        n = n.wrapping_sub(1);
    }
    rest
}

/// `strcmp(value, lit) == 0`, with `value` ending at its first NUL or at the
/// end of the slice. `lit` must not contain NUL.
#[inline]
pub(super) const fn c_str_eq(value: &[u8], lit: &str) -> bool {
    let lit = lit.as_bytes();
    let mut i = 0;
    loop {
        let a = at(value, i);
        let b = at(lit, i);
        if a != b {
            return false;
        }
        if a == 0 {
            return true;
        }
        i = i.saturating_add(1);
    }
}

/// The kernel's `_tolower()`: sets bit 5, which lower-cases ASCII letters
/// (and changes some non-letters, which never matters for the callers).
#[inline]
pub(super) const fn tolower(c: u8) -> u8 {
    c | 0x20
}

/// `isxdigit()`.
#[inline]
pub(super) const fn is_xdigit(c: u8) -> bool {
    c.is_ascii_hexdigit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_reads_as_c_does() {
        assert_eq!(at(b"abc", 0), b'a');
        assert_eq!(at(b"abc", 2), b'c');
        assert_eq!(at(b"abc", 3), 0, "past the end reads the terminator");
        assert_eq!(at(b"abc", usize::MAX), 0);
        assert_eq!(at(b"", 0), 0);
        assert_eq!(at(b"a\0c", 1), 0);
    }

    #[test]
    fn skip_stops_at_the_end() {
        assert_eq!(skip(b"abc", 0), b"abc");
        assert_eq!(skip(b"abc", 2), b"c");
        assert_eq!(skip(b"abc", 3), b"");
        assert_eq!(skip(b"abc", usize::MAX), b"");
    }

    #[test]
    fn c_str_eq_is_strcmp() {
        assert!(c_str_eq(b"on", "on"));
        assert!(c_str_eq(b"on\0", "on"));
        assert!(c_str_eq(b"on\0junk", "on"));
        assert!(c_str_eq(b"", ""));
        assert!(c_str_eq(b"\0x", ""));
        assert!(!c_str_eq(b"o", "on"));
        assert!(!c_str_eq(b"onn", "on"));
        assert!(!c_str_eq(b"ON", "on"));
        assert!(!c_str_eq(b"\0on", "on"));
    }

    #[test]
    fn tolower_and_xdigit() {
        assert_eq!(tolower(b'X'), b'x');
        assert_eq!(tolower(b'x'), b'x');
        assert_eq!(tolower(b'F'), b'f');
        for c in 0..=255u8 {
            assert_eq!(is_xdigit(c), c.is_ascii_hexdigit());
        }
    }
}
