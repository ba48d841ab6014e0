//! The kernel's `kstrtoull()`, `kstrtoul()` and `kstrtouint()`, byte for
//! byte: the numeric boot parameters are read with them.

use super::cstr::{at, is_xdigit, skip, tolower};
use super::{EINVAL, ERANGE};

/// Error of the `kstrto*` parsers.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum KstrtoxError {
    /// Not a number, trailing garbage, empty, or a sign other than one
    /// leading `+` (`-EINVAL`).
    Invalid,
    /// The number does not fit in the result type (`-ERANGE`).
    Range,
}

impl KstrtoxError {
    /// The negative errno the C function returns.
    #[inline]
    pub const fn errno(self) -> i32 {
        match self {
            KstrtoxError::Invalid => -EINVAL,
            KstrtoxError::Range => -ERANGE,
        }
    }
}

/// Base auto-detection: with `base == 0`, `0x` followed by a hex digit
/// selects 16, another leading `0` selects 8, anything else 10. A `0x`
/// prefix is skipped when the (resulting) base is 16.
#[inline]
const fn fixup_radix(s: &[u8], base: u32) -> (&[u8], u32) {
    let mut base = base;
    if base == 0 {
        if at(s, 0) == b'0' {
            if tolower(at(s, 1)) == b'x' && is_xdigit(at(s, 2)) {
                base = 16;
            } else {
                base = 8;
            }
        } else {
            base = 10;
        }
    }
    if base == 16 && at(s, 0) == b'0' && tolower(at(s, 1)) == b'x' {
        (skip(s, 2), base)
    } else {
        (s, base)
    }
}

/// Parses the longest run of digits valid in `base` at the start of `s`.
/// Returns (value, digits consumed, overflow). On overflow the wrapped value
/// is returned and parsing continues, as in C.
#[inline]
const fn parse_digits(s: &[u8], base: u32) -> (u64, usize, bool) {
    let base = base as u64;
    let mut res: u64 = 0;
    let mut consumed: usize = 0;
    let mut overflow = false;
    let mut rest = s;
    while let Some((&c, tail)) = rest.split_first() {
        let lc = tolower(c);
        let val = if c.is_ascii_digit() {
            c.wrapping_sub(b'0') as u64
        } else if lc >= b'a' && lc <= b'f' {
            lc.wrapping_sub(b'a').wrapping_add(10) as u64
        } else {
            break;
        };
        if val >= base {
            break;
        }
        // Only check when within reach of overflow for base 16, as C does.
        if res & (!0u64 << 60) != 0 {
            let limit = match u64::MAX.wrapping_sub(val).checked_div(base) {
                Some(l) => l,
                None => 0,
            };
            if res > limit {
                overflow = true;
            }
        }
        res = res.wrapping_mul(base).wrapping_add(val);
        consumed = consumed.saturating_add(1);
        rest = tail;
    }
    (res, consumed, overflow)
}

/// `kstrtoull()` without the leading-`+` handling.
const fn kstrtoull_nosign(s: &[u8], base: u32) -> Result<u64, KstrtoxError> {
    let (s, base) = fixup_radix(s, base);
    let (res, consumed, overflow) = parse_digits(s, base);
    if overflow {
        return Err(KstrtoxError::Range);
    }
    if consumed == 0 {
        return Err(KstrtoxError::Invalid);
    }
    let mut rest = skip(s, consumed);
    if at(rest, 0) == b'\n' {
        rest = skip(rest, 1);
    }
    if at(rest, 0) != 0 {
        return Err(KstrtoxError::Invalid);
    }
    Ok(res)
}

/// Parses an unsigned 64-bit integer like the kernel's `kstrtoull()`.
///
/// * one optional leading `+` (a `-` is invalid);
/// * `base` 0 auto-detects: `0x`/`0X` followed by a hex digit is hex,
///   another leading `0` is octal, else decimal; with `base` 16 a `0x`
///   prefix is allowed;
/// * at least one digit, then optionally one `\n`, then the end;
/// * overflow is [`KstrtoxError::Range`] (even with trailing garbage);
///   anything else malformed is [`KstrtoxError::Invalid`].
///
/// `base` should be 0, 8, 10 or 16 (as in C, other values are not
/// rejected, and they never cause a panic).
#[inline]
pub const fn kstrtoull(s: &[u8], base: u32) -> Result<u64, KstrtoxError> {
    if at(s, 0) == b'+' {
        kstrtoull_nosign(skip(s, 1), base)
    } else {
        kstrtoull_nosign(s, base)
    }
}

/// Parses an `unsigned long` (`usize`) like the kernel's `kstrtoul()`.
/// On 64-bit targets this is exactly [`kstrtoull`].
#[inline]
pub const fn kstrtoul(s: &[u8], base: u32) -> Result<usize, KstrtoxError> {
    match kstrtoull(s, base) {
        Ok(v) if v <= usize::MAX as u64 => Ok(v as usize),
        Ok(_) => Err(KstrtoxError::Range),
        Err(e) => Err(e),
    }
}

/// Parses an `unsigned int` like the kernel's `kstrtouint()`: values above
/// `u32::MAX` are [`KstrtoxError::Range`].
#[inline]
pub const fn kstrtouint(s: &[u8], base: u32) -> Result<u32, KstrtoxError> {
    match kstrtoull(s, base) {
        Ok(v) if v <= u32::MAX as u64 => Ok(v as u32),
        Ok(_) => Err(KstrtoxError::Range),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KE: Result<u64, KstrtoxError> = Err(KstrtoxError::Invalid);
    const KR: Result<u64, KstrtoxError> = Err(KstrtoxError::Range);

    #[test]
    fn kstrtoull_base0() {
        let cases: &[(&[u8], Result<u64, KstrtoxError>)] = &[
            (b"0", Ok(0)),
            (b"5", Ok(5)),
            (b"+5", Ok(5)),
            (b"5\n", Ok(5)),
            (b"+5\n", Ok(5)),
            (b"5\n\n", KE),
            (b"\n", KE),
            (b"5 ", KE),
            (b" 5", KE),
            (b"", KE),
            (b"+", KE),
            (b"++5", KE),
            (b"-1", KE),
            (b"-0", KE),
            (b"+-1", KE),
            (b"0x10", Ok(16)),
            (b"0X10", Ok(16)),
            (b"0xfF", Ok(255)),
            (b"+0x10", Ok(16)),
            (b"0x", KE),
            (b"0x\n", KE),
            (b"0xg", KE),
            (b"0x0x1", KE),
            (b"010", Ok(8)),
            (b"0777", Ok(511)),
            (b"08", KE),
            (b"09", KE),
            (b"00", Ok(0)),
            (b"0\n", Ok(0)),
            (b"1a", KE),
            (b"abc", KE),
            (b"12345678901234567890", Ok(12_345_678_901_234_567_890)),
            (b"18446744073709551615", Ok(u64::MAX)),
            (b"18446744073709551616", KR),
            (b"18446744073709551616x", KR),
            (b"99999999999999999999999", KR),
            (b"0xffffffffffffffff", Ok(u64::MAX)),
            (b"0x10000000000000000", KR),
            (b"01777777777777777777777", Ok(u64::MAX)),
            (b"02000000000000000000000", KR),
            (b"0x00000000000000000000001", Ok(1)),
            (b"9223372036854775808", Ok(1 << 63)),
            // NUL ends the C string.
            (b"5\0garbage", Ok(5)),
            (b"\x005", KE),
            (b"5\n\0x", Ok(5)),
        ];
        for (s, expected) in cases {
            assert_eq!(
                kstrtoull(s, 0),
                *expected,
                "{:?}",
                std::string::String::from_utf8_lossy(s)
            );
        }
    }

    #[test]
    fn kstrtoull_explicit_bases() {
        assert_eq!(kstrtoull(b"0x1f", 16), Ok(31));
        assert_eq!(kstrtoull(b"1f", 16), Ok(31));
        assert_eq!(kstrtoull(b"0x", 16), KE);
        assert_eq!(kstrtoull(b"010", 10), Ok(10));
        assert_eq!(kstrtoull(b"0x10", 10), KE);
        assert_eq!(kstrtoull(b"17", 8), Ok(15));
        assert_eq!(kstrtoull(b"18", 8), KE);
        // Weird bases never panic.
        for base in 0..40u32 {
            for s in [&b"0"[..], b"1", b"zz", b"0x1", b"ffffffffffffffffffff", b""] {
                let _ = kstrtoull(s, base);
            }
        }
        assert_eq!(kstrtoull(b"000", 1), Ok(0));
        assert_eq!(kstrtoull(b"1", 1), KE);
    }

    #[test]
    fn kstrtoull_matches_reference_on_decimal_range() {
        // Property: for every n, decimal, hex and octal spellings parse back.
        let mut n: u64 = 0;
        for i in 0..20_000u64 {
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407 ^ i);
            let v = n >> (i % 64);
            let dec = std::format!("{v}");
            let hex = std::format!("0x{v:x}");
            let hexu = std::format!("0X{v:X}\n");
            let oct = std::format!("0{v:o}");
            assert_eq!(kstrtoull(dec.as_bytes(), 0), Ok(v));
            assert_eq!(kstrtoull(hex.as_bytes(), 0), Ok(v));
            assert_eq!(kstrtoull(hexu.as_bytes(), 0), Ok(v));
            assert_eq!(kstrtoull(oct.as_bytes(), 0), Ok(v));
            assert_eq!(kstrtoull(dec.as_bytes(), 10), Ok(v));
            // One past the max overflows.
            let big = std::format!("{}", u128::from(v) + u128::from(u64::MAX) + 1);
            assert_eq!(kstrtoull(big.as_bytes(), 0), KR);
            let neg = std::format!("-{v}");
            assert_eq!(kstrtoull(neg.as_bytes(), 0), KE);
        }
    }

    #[test]
    fn kstrtoul_and_uint() {
        assert_eq!(kstrtoul(b"18446744073709551615", 0), Ok(usize::MAX));
        assert_eq!(
            kstrtoul(b"18446744073709551616", 0),
            Err(KstrtoxError::Range)
        );
        assert_eq!(kstrtouint(b"4294967295", 0), Ok(u32::MAX));
        assert_eq!(kstrtouint(b"4294967296", 0), Err(KstrtoxError::Range));
        assert_eq!(kstrtouint(b"0xffffffff", 0), Ok(u32::MAX));
        assert_eq!(kstrtouint(b"x", 0), Err(KstrtoxError::Invalid));
        assert_eq!(KstrtoxError::Invalid.errno(), -22);
        assert_eq!(KstrtoxError::Range.errno(), -34);
    }

    #[test]
    fn fuzz_never_panics_and_agrees_on_decimal() {
        super::super::for_each_fuzz_input(|s| {
            let r = kstrtoull(s, 0);
            // Consistency with a simple reference for plain decimal input.
            let digits_only = !s.is_empty() && s.iter().all(u8::is_ascii_digit) && s[0] != b'0';
            if digits_only {
                let reference = std::str::from_utf8(s)
                    .ok()
                    .and_then(|t| t.parse::<u64>().ok());
                assert_eq!(r.ok(), reference);
            }
            let _ = kstrtoul(s, 0);
            let _ = kstrtouint(s, 16);
        });
    }
}
