//! A compile-time check of a kernel `printk` format against the kinds of
//! the arguments passed with it.
//!
//! `_printk()` is variadic, so nothing checks that a Rust call passes the
//! arguments its C format string asks for; a mismatch is undefined
//! behaviour at report time, the worst moment. [`check`] is a `const fn`, so
//! a printing macro can refuse such a call at build time:
//!
//! ```
//! use kasan_core::printf::{check, Conv};
//! const _: () = assert!(check(
//!     c"\x013Free of addr %px by task %s/%d\n".to_bytes(),
//!     &[Conv::Ptr, Conv::Str, Conv::Int],
//! ));
//! ```
//!
//! Only the conversions the kernel side uses are known; any other is
//! refused rather than guessed at:
//!
//! | format                   | argument            |
//! |--------------------------|---------------------|
//! | `%s`                     | [`Conv::Str`]       |
//! | `%d`, `%c`               | [`Conv::Int`]       |
//! | `%u`, `%x`               | [`Conv::UInt`]      |
//! | `%zu`                    | [`Conv::Usize`]     |
//! | `%lu`                    | [`Conv::ULong`]     |
//! | `%px`, `%pS`             | [`Conv::Ptr`] or [`Conv::Str`] (any pointer) |
//! | `%%`                     | none                |
//!
//! Flags (`-+ #0`) and a decimal width (`%02x`, `%06lu`) are allowed
//! before every conversion but `%p…`, which must not be followed by a
//! letter or digit (`vsprintf()` would take it as part of the pointer
//! extension); a `*` width (`%*c`) takes one more
//! [`Conv::Int`] argument before the converted one. Precisions and other
//! length modifiers are refused.
//!
//! A log level prefix (`\x01` and a level character, e.g. `KERN_ERR` or
//! `KERN_CONT`) holds no `%` and is plain text to the formatter, which sees
//! the whole string (the level is taken off after formatting), so it needs
//! no special case. The format ends at its first NUL, if any, so
//! `CStr::to_bytes` and `CStr::to_bytes_with_nul` both work.

/// The kind of one argument of a `printk` call.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Conv {
    /// A pointer to a NUL-terminated string (`const char *`).
    Str,
    /// A `c_int`.
    Int,
    /// A `c_uint`.
    UInt,
    /// A `usize` (`size_t`).
    Usize,
    /// A `c_ulong`.
    ULong,
    /// Any other pointer (`const void *`).
    Ptr,
}

/// Why a format does not match its arguments. Offsets are in bytes from the
/// start of the format; argument indices are 0-based.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// The conversion starting with the `%` at `at` is not one of the known
    /// ones (including a `%` at the end of the format).
    Unknown {
        /// Offset of the `%`.
        at: usize,
    },
    /// The conversion at `at` needs argument `arg`, which is not there.
    TooFewArgs {
        /// Offset of the `%`.
        at: usize,
        /// Index of the missing argument.
        arg: usize,
    },
    /// Argument `arg` has the wrong kind for the conversion at `at`.
    WrongKind {
        /// Offset of the `%`.
        at: usize,
        /// Index of the argument.
        arg: usize,
        /// The kind the conversion takes ([`Conv::Ptr`] for "any pointer").
        expected: Conv,
        /// The kind given.
        found: Conv,
    },
    /// The format takes `used` arguments and more were given.
    TooManyArgs {
        /// How many arguments the format takes.
        used: usize,
    },
}

/// Whether an argument of kind `found` may be passed where `expected` is
/// taken: the same kind, or any pointer for a pointer conversion.
#[inline]
const fn accepts(expected: Conv, found: Conv) -> bool {
    matches!(
        (expected, found),
        (Conv::Ptr, Conv::Ptr | Conv::Str)
            | (Conv::Str, Conv::Str)
            | (Conv::Int, Conv::Int)
            | (Conv::UInt, Conv::UInt)
            | (Conv::Usize, Conv::Usize)
            | (Conv::ULong, Conv::ULong)
    )
}

/// The next byte of a C string (`None` at its end: a NUL or the slice end)
/// and the rest after it.
#[inline]
const fn next(s: &[u8]) -> Option<(u8, &[u8])> {
    match s.split_first() {
        Some((&0, _)) | None => None,
        Some((&c, rest)) => Some((c, rest)),
    }
}

/// Takes argument `arg` from `args` (the arguments not used yet) for the
/// conversion at `at`, which wants `expected`; returns the remaining ones.
#[inline]
const fn take(args: &[Conv], arg: usize, expected: Conv, at: usize) -> Result<&[Conv], Mismatch> {
    match args.split_first() {
        None => Err(Mismatch::TooFewArgs { at, arg }),
        Some((&found, rest)) => {
            if accepts(expected, found) {
                Ok(rest)
            } else {
                Err(Mismatch::WrongKind {
                    at,
                    arg,
                    expected,
                    found,
                })
            }
        }
    }
}

/// Checks `fmt` against `args`: `Ok` if every conversion is known and takes
/// exactly the arguments given, in order, else the first mismatch.
pub const fn verify(fmt: &[u8], args: &[Conv]) -> Result<(), Mismatch> {
    let mut rest = fmt;
    let mut pos: usize = 0;
    let mut args = args;
    let mut used: usize = 0;
    while let Some((c, tail)) = next(rest) {
        rest = tail;
        let at = pos;
        pos = pos.saturating_add(1);
        if c != b'%' {
            continue;
        }
        // The next byte of the conversion that starts at `at`; a format that
        // ends inside a conversion is an unknown one.
        macro_rules! advance {
            () => {{
                let Some((n, tail)) = next(rest) else {
                    return Err(Mismatch::Unknown { at });
                };
                rest = tail;
                pos = pos.saturating_add(1);
                n
            }};
        }
        let mut c = advance!();
        if c == b'%' {
            continue;
        }
        // Flags, then a width: digits or one `*`.
        let mut modified = false;
        while matches!(c, b'-' | b'+' | b' ' | b'#' | b'0') {
            modified = true;
            c = advance!();
        }
        if c == b'*' {
            modified = true;
            match take(args, used, Conv::Int, at) {
                Ok(r) => args = r,
                Err(e) => return Err(e),
            }
            used = used.saturating_add(1);
            c = advance!();
        } else {
            while c.is_ascii_digit() {
                modified = true;
                c = advance!();
            }
        }
        // A length modifier, then the conversion.
        let mut length = 0u8;
        if c == b'l' || c == b'z' {
            length = c;
            c = advance!();
        }
        let expected = match (length, c) {
            (0, b's') => Conv::Str,
            (0, b'd' | b'c') => Conv::Int,
            (0, b'u' | b'x') => Conv::UInt,
            (b'z', b'u') => Conv::Usize,
            (b'l', b'u') => Conv::ULong,
            (0, b'p') if !modified => {
                match next(rest) {
                    Some((b'x' | b'S', tail)) => {
                        rest = tail;
                        pos = pos.saturating_add(1);
                    }
                    _ => return Err(Mismatch::Unknown { at }),
                }
                // vsprintf() takes every letter and digit after `%p` as part
                // of the extension (`%pSR`, `%px1` ...): refuse them rather
                // than let text vanish.
                if let Some((c, _)) = next(rest) {
                    if c.is_ascii_alphanumeric() {
                        return Err(Mismatch::Unknown { at });
                    }
                }
                Conv::Ptr
            }
            _ => return Err(Mismatch::Unknown { at }),
        };
        match take(args, used, expected, at) {
            Ok(r) => args = r,
            Err(e) => return Err(e),
        }
        used = used.saturating_add(1);
    }
    if args.is_empty() {
        Ok(())
    } else {
        Err(Mismatch::TooManyArgs { used })
    }
}

/// Whether `fmt` takes exactly `args` (see [`verify`] for the reason when
/// not). Meant for `const _: () = assert!(check(FMT.to_bytes(), &[..]));`.
pub const fn check(fmt: &[u8], args: &[Conv]) -> bool {
    verify(fmt, args).is_ok()
}

#[cfg(test)]
mod tests {
    use super::Conv::{Int, Ptr, Str, UInt, ULong, Usize};
    use super::*;
    use core::ffi::CStr;

    /// Every format of the kernel side's `printk!` calls (rust/report.rs),
    /// with the kinds of the arguments it passes.
    const KERNEL_FORMATS: &[(&CStr, &[Conv])] = &[
        (
            c"\x013==================================================================\n",
            &[],
        ),
        (c"\x013BUG: KASAN: %s in %pS\n", &[Str, Ptr]),
        (c"\x013Free of addr %px by task %s/%d\n", &[Ptr, Str, Int]),
        (
            c"\x013%s of size %zu at addr %px by task %s/%d\n",
            &[Str, Usize, Ptr, Str, Int],
        ),
        (c"\x013%s at addr %px by task %s/%d\n", &[Str, Ptr, Str, Int]),
        (
            c"\x013%s by task %u on cpu %d at %lu.%06lus:\n",
            &[Str, UInt, Int, ULong, ULong],
        ),
        (c"\x013%s by task %u:\n", &[Str, UInt]),
        (c"\x013(stack is not available)\n", &[]),
        (c"\x013\n", &[]),
        (
            c"\x013The buggy address belongs to the object at %px\n which belongs to the cache %s of size %d\n",
            &[Ptr, Str, Int],
        ),
        (
            c"\x013The buggy address is located %d bytes %s of\n %s%zu-byte region [%px, %px)\n",
            &[Int, Str, Str, Usize, Ptr, Ptr],
        ),
        (c"\x013The buggy address belongs to the variable:\n", &[]),
        (c"\x013 %pS\n", &[Ptr]),
        (c"\x013The buggy address belongs to a", &[]),
        (c"\x01c vmalloc virtual mapping\n", &[]),
        (c"\x013The buggy address belongs to the physical page:\n", &[]),
        (c"\x013Memory state around the buggy address:\n", &[]),
        (c"\x013%s(not mapped)\n", &[Str]),
        (c"\x013%*c\n", &[Int, Int]),
        (
            c"\x013Pointer tag: [%02x], memory tag: [%02x]\n",
            &[UInt, UInt],
        ),
        (
            c"\x013Pointer tag: [%02x], memory tag: [not mapped]\n",
            &[UInt],
        ),
        (c"\x013BUG: KASAN: invalid-access\n", &[]),
        (c"\x013Asynchronous fault: no details available\n", &[]),
    ];

    // The check runs at compile time.
    const _: () = assert!(check(
        c"\x013%s of size %zu at addr %px by task %s/%d\n".to_bytes(),
        &[Str, Usize, Ptr, Str, Int],
    ));
    const _: () = assert!(!check(c"\x013%d\n".to_bytes(), &[UInt]));

    #[test]
    fn every_kernel_format_matches_its_arguments() {
        for (fmt, args) in KERNEL_FORMATS {
            assert_eq!(verify(fmt.to_bytes(), args), Ok(()), "{fmt:?}");
            assert_eq!(verify(fmt.to_bytes_with_nul(), args), Ok(()), "{fmt:?}");
        }
    }

    #[test]
    fn every_kernel_format_rejects_a_changed_argument_list() {
        let kinds = [Str, Int, UInt, Usize, ULong, Ptr];
        for (fmt, args) in KERNEL_FORMATS {
            let fmt = fmt.to_bytes();
            // One argument fewer, one more.
            if let Some((_, fewer)) = args.split_last() {
                assert!(
                    matches!(verify(fmt, fewer), Err(Mismatch::TooFewArgs { .. })),
                    "{fmt:?}"
                );
            }
            for extra in kinds {
                let mut more = std::vec::Vec::from(*args);
                more.push(extra);
                assert_eq!(
                    verify(fmt, &more),
                    Err(Mismatch::TooManyArgs { used: args.len() }),
                    "{fmt:?}"
                );
            }
            // Each argument replaced by each other kind: refused, except a
            // string where any pointer is taken.
            for i in 0..args.len() {
                for k in kinds {
                    if k == args[i] || (args[i] == Ptr && k == Str) {
                        continue;
                    }
                    let mut changed = std::vec::Vec::from(*args);
                    changed[i] = k;
                    assert!(
                        matches!(
                            verify(fmt, &changed),
                            Err(Mismatch::WrongKind { arg, found, .. }) if arg == i && found == k
                        ),
                        "{fmt:?} arg {i} as {k:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn conversions() {
        let ok: &[(&[u8], &[Conv])] = &[
            (b"", &[]),
            (b"plain", &[]),
            (b"100%%", &[]),
            (b"%%d", &[]),
            (b"%s", &[Str]),
            (b"%d", &[Int]),
            (b"%c", &[Int]),
            (b"%u", &[UInt]),
            (b"%x", &[UInt]),
            (b"%02x", &[UInt]),
            (b"%-4d|%+d|% d|%#x", &[Int, Int, Int, UInt]),
            (b"%10s", &[Str]),
            (b"%zu", &[Usize]),
            (b"%lu", &[ULong]),
            (b"%06lu", &[ULong]),
            (b"%012zu", &[Usize]),
            (b"%px", &[Ptr]),
            (b"%px", &[Str]),
            (b"%pS", &[Ptr]),
            (b"%pS", &[Str]),
            (b"%*c", &[Int, Int]),
            (b"%*d", &[Int, Int]),
            (b"%-*s", &[Int, Str]),
            (b"%d%s%px", &[Int, Str, Ptr]),
            (b"[%px, %px)", &[Ptr, Ptr]),
            (b"%pS+%pS_", &[Ptr, Ptr]),
            // The level is plain text: a `%` right after `\x01` converts.
            (b"\x01%d", &[Int]),
            (b"\x01c%s", &[Str]),
            (b"\x014\x01c%u", &[UInt]),
            // A NUL ends the format.
            (b"%d\0%s", &[Int]),
            (b"\0%d", &[]),
        ];
        for (fmt, args) in ok {
            assert_eq!(verify(fmt, args), Ok(()), "{:?}", std::str::from_utf8(fmt));
            assert!(check(fmt, args));
        }
    }

    #[test]
    fn unknown_conversions() {
        let bad: &[(&[u8], usize)] = &[
            (b"%", 0),
            (b"ab%", 2),
            (b"%\0d", 0),
            (b"%i", 0),
            (b"%ld", 0),
            (b"%lx", 0),
            (b"%llu", 0),
            (b"%hu", 0),
            (b"%zd", 0),
            (b"%zx", 0),
            (b"%lz", 0),
            (b"%zl", 0),
            (b"%f", 0),
            (b"%n", 0),
            (b"%o", 0),
            (b"%X", 0),
            (b"%.3s", 0),
            (b"%.*s", 0),
            (b"%p", 0),
            (b"%p ", 0),
            (b"%pK", 0),
            (b"%pF", 0),
            (b"%08px", 0),
            (b"%lpx", 0),
            (b"%*5c", 0),
            (b"%pSR", 0),
            (b"%pxs", 0),
            (b"a %px1", 2),
            (b"%02", 0),
            (b"%-", 0),
            (b"%z", 0),
            (b"%l", 0),
            (b"x %d %q", 5),
        ];
        for (fmt, at) in bad {
            // Enough arguments of every kind that only the conversion is wrong.
            let r = verify(fmt, &[Int, Int]);
            let r2 = verify(fmt, &[]);
            let want = Mismatch::Unknown { at: *at };
            assert!(
                r == Err(want) || r2 == Err(want) || verify(fmt, &[Int]) == Err(want),
                "{:?}: {r:?} / {r2:?}",
                std::str::from_utf8(fmt)
            );
            assert!(!check(fmt, &[Int]), "{:?}", std::str::from_utf8(fmt));
        }
    }

    #[test]
    fn argument_counts_and_kinds() {
        assert_eq!(
            verify(b"%d %d", &[Int]),
            Err(Mismatch::TooFewArgs { at: 3, arg: 1 })
        );
        assert_eq!(
            verify(b"%*c", &[]),
            Err(Mismatch::TooFewArgs { at: 0, arg: 0 })
        );
        assert_eq!(
            verify(b"%*c", &[Int]),
            Err(Mismatch::TooFewArgs { at: 0, arg: 1 })
        );
        // (format, arguments, offset of the conversion, expected kind, found kind);
        // the wrong argument is the first one in each.
        type Wrong<'a> = (&'a [u8], &'a [Conv], usize, Conv, Conv);
        let wrong: &[Wrong<'_>] = &[
            (b"%*c", &[UInt, Int], 0, Int, UInt),
            (b"a%sb", &[Ptr], 1, Str, Ptr),
            (b"%lu", &[Usize], 0, ULong, Usize),
            (b"%zu", &[ULong], 0, Usize, ULong),
            (b"%d", &[UInt], 0, Int, UInt),
            (b"%px", &[Usize], 0, Ptr, Usize),
        ];
        for &(fmt, args, at, expected, found) in wrong {
            assert_eq!(
                verify(fmt, args),
                Err(Mismatch::WrongKind {
                    at,
                    arg: 0,
                    expected,
                    found
                }),
                "{:?}",
                std::str::from_utf8(fmt)
            );
        }
        assert_eq!(verify(b"", &[Int]), Err(Mismatch::TooManyArgs { used: 0 }));
        assert_eq!(
            verify(b"%%", &[Int]),
            Err(Mismatch::TooManyArgs { used: 0 })
        );
        assert_eq!(
            verify(b"%d\0%d", &[Int, Int]),
            Err(Mismatch::TooManyArgs { used: 1 })
        );
        // The first mismatch is the one reported.
        assert_eq!(
            verify(b"%s %q", &[Int]),
            Err(Mismatch::WrongKind {
                at: 0,
                arg: 0,
                expected: Str,
                found: Int
            })
        );
    }

    #[test]
    fn fuzz_never_panics() {
        let alphabet = b"%%%dscuxzlpS*0-+ #.9\x01\0a";
        let kinds = [Str, Int, UInt, Usize, ULong, Ptr];
        let mut state: u64 = 0x9e37_79b9;
        for _ in 0..50_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            let len = (state >> 58) as usize % 12;
            let mut fmt = [0u8; 12];
            for (i, b) in fmt.iter_mut().enumerate().take(len) {
                *b = alphabet[(state >> (i * 5)) as usize % alphabet.len()];
            }
            let nargs = (state >> 40) as usize % 4;
            let mut args = [Int; 3];
            for (i, a) in args.iter_mut().enumerate().take(nargs) {
                *a = kinds[(state >> (i * 3 + 20)) as usize % kinds.len()];
            }
            let fmt = &fmt[..len];
            let args = &args[..nargs];
            match verify(fmt, args) {
                Ok(()) => {}
                Err(Mismatch::Unknown { at })
                | Err(Mismatch::TooFewArgs { at, .. })
                | Err(Mismatch::WrongKind { at, .. }) => {
                    assert_eq!(fmt[at], b'%', "{fmt:?}");
                }
                Err(Mismatch::TooManyArgs { used }) => assert!(used < nargs),
            }
        }
    }
}
