//! The message printed once hardware tag-based KASAN is initialized:
//!
//! ```text
//! KernelAddressSanitizer initialized (hw-tags, mode=sync, vmalloc=on, stacktrace=on)
//! ```
//!
//! The kernel prints it at info level with the `kasan: ` prefix
//! ([`PR_PREFIX`]) and a trailing newline; neither is part of the text built
//! here. Building it needs no allocation: it is available as a fixed list of
//! pieces ([`Banner::parts`]), through [`core::fmt::Display`], or copied
//! into a caller-provided buffer ([`Banner::write_to`]).

use super::params::{Mode, OnOff};

/// Prefix of every KASAN message (`pr_fmt`).
pub const PR_PREFIX: &str = "kasan: ";

/// Number of pieces returned by [`Banner::parts`].
pub const PARTS: usize = 7;

/// Length of the longest banner (`mode=asymm`, `vmalloc=off`,
/// `stacktrace=off`), without prefix, newline or NUL.
pub const MAX_LEN: usize = Banner::new(Mode::Asymm, false, false).len();

/// The state reported by the init banner.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Banner {
    /// The tag-check fault mode.
    pub mode: Mode,
    /// Whether vmalloc tagging is enabled.
    pub vmalloc: bool,
    /// Whether stack trace collection is enabled (after the stack ring
    /// allocation, which may have turned it off).
    pub stacktrace: bool,
}

impl Banner {
    /// Describes a KASAN instance with the given settings.
    #[inline]
    pub const fn new(mode: Mode, vmalloc: bool, stacktrace: bool) -> Self {
        Banner {
            mode,
            vmalloc,
            stacktrace,
        }
    }

    /// The banner text as consecutive pieces.
    #[inline]
    pub const fn parts(&self) -> [&'static str; PARTS] {
        [
            "KernelAddressSanitizer initialized (hw-tags, mode=",
            self.mode.as_str(),
            ", vmalloc=",
            OnOff::str_of(self.vmalloc),
            ", stacktrace=",
            OnOff::str_of(self.stacktrace),
            ")",
        ]
    }

    /// Length of the banner text in bytes.
    #[inline]
    pub const fn len(&self) -> usize {
        let parts = self.parts();
        let mut rest: &[&str] = &parts;
        let mut n: usize = 0;
        while let Some((p, tail)) = rest.split_first() {
            n = n.saturating_add(p.len());
            rest = tail;
        }
        n
    }

    /// Always false: the banner is never empty.
    #[inline]
    pub const fn is_empty(&self) -> bool {
        false
    }

    /// Copies the banner text into the start of `buf` and returns its
    /// length, or returns `None` (leaving `buf` untouched) if `buf` is
    /// shorter than [`Banner::len`]. No NUL is appended; a buffer of
    /// [`MAX_LEN`] bytes always suffices.
    pub fn write_to(&self, buf: &mut [u8]) -> Option<usize> {
        let len = self.len();
        let dst = buf.get_mut(..len)?;
        let mut rest = dst;
        for part in self.parts() {
            for &c in part.as_bytes() {
                let (first, tail) = core::mem::take(&mut rest).split_first_mut()?;
                *first = c;
                rest = tail;
            }
        }
        Some(len)
    }
}

impl core::fmt::Display for Banner {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for part in self.parts() {
            f.write_str(part)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::ToString;

    #[test]
    fn exact_text() {
        let b = Banner::new(Mode::Sync, true, true);
        assert_eq!(
            b.to_string(),
            "KernelAddressSanitizer initialized (hw-tags, mode=sync, vmalloc=on, stacktrace=on)"
        );
        assert_eq!(
            Banner::new(Mode::Asymm, false, true).to_string(),
            "KernelAddressSanitizer initialized (hw-tags, mode=asymm, vmalloc=off, stacktrace=on)"
        );
        assert_eq!(
            Banner::new(Mode::Async, true, false).to_string(),
            "KernelAddressSanitizer initialized (hw-tags, mode=async, vmalloc=on, stacktrace=off)"
        );
    }

    #[test]
    fn all_combinations_and_buffers() {
        for mode in [Mode::Sync, Mode::Async, Mode::Asymm] {
            for vmalloc in [false, true] {
                for stacktrace in [false, true] {
                    let b = Banner::new(mode, vmalloc, stacktrace);
                    let s = std::format!(
                        "KernelAddressSanitizer initialized (hw-tags, mode={}, vmalloc={}, stacktrace={})",
                        mode.as_str(),
                        if vmalloc { "on" } else { "off" },
                        if stacktrace { "on" } else { "off" }
                    );
                    assert_eq!(b.to_string(), s);
                    assert_eq!(b.len(), s.len());
                    assert!(b.len() <= MAX_LEN);
                    assert!(!b.is_empty());
                    let mut buf = [0xAAu8; MAX_LEN + 4];
                    assert_eq!(b.write_to(&mut buf), Some(s.len()));
                    assert_eq!(&buf[..s.len()], s.as_bytes());
                    assert!(buf[s.len()..].iter().all(|&c| c == 0xAA));
                    let mut exact = std::vec![0u8; s.len()];
                    assert_eq!(b.write_to(&mut exact), Some(s.len()));
                    let mut short = std::vec![0x55u8; s.len() - 1];
                    assert_eq!(b.write_to(&mut short), None);
                    assert!(short.iter().all(|&c| c == 0x55));
                    assert_eq!(b.write_to(&mut []), None);
                }
            }
        }
        assert_eq!(MAX_LEN, 85);
        assert_eq!(PR_PREFIX, "kasan: ");
    }
}
