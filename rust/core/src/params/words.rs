//! The words the string-valued parameters accept, as enums: `kasan=` and
//! friends ([`OnOff`]), `kasan.mode=` ([`Mode`]), `kasan.fault=`
//! ([`FaultMode`]), `kasan.tag_policy=` ([`TagPolicy`]), and the
//! [`ParamError`] every parser returns.

use super::cstr::c_str_eq;
use super::kstrto::KstrtoxError;
use super::{EINVAL, ERANGE};
use core::ffi::CStr;

/// An enum whose values are the words a parameter accepts, with `from_arg`
/// (exactly one of the words, compared as the C handlers' `strcmp()`) and
/// `as_str` (the word).
macro_rules! word_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Parses exactly one of the accepted words.
            #[inline]
            pub const fn from_arg(arg: &[u8]) -> Option<Self> {
                $( if c_str_eq(arg, $word) { return Some($name::$variant); } )+
                None
            }

            /// The word of this value.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $word, )+
                }
            }
        }
    };
}

word_enum! {
    /// Value of an `off`/`on` parameter (`kasan=`, `kasan.vmalloc=`,
    /// `kasan.stacktrace=`).
    pub enum OnOff {
        /// `off`.
        Off = "off",
        /// `on`.
        On = "on",
    }
}

impl OnOff {
    /// Whether this is [`OnOff::On`].
    #[inline]
    pub const fn is_on(self) -> bool {
        matches!(self, OnOff::On)
    }

    /// `"on"` for `true`, `"off"` for `false`.
    #[inline]
    pub const fn str_of(on: bool) -> &'static str {
        if on {
            "on"
        } else {
            "off"
        }
    }
}

word_enum! {
    /// Tag-check fault mode (`kasan.mode=`, `enum kasan_mode`); the words are
    /// also those of the init banner.
    pub enum Mode {
        /// Synchronous faults (`SCTLR_EL1.TCF = 0b01`); the default.
        Sync = "sync",
        /// Asynchronous faults, reported later from `TFSR_EL1`.
        Async = "async",
        /// Synchronous on reads, asynchronous on writes.
        Asymm = "asymm",
    }
}

impl Mode {
    /// Whether asynchronous faults can occur (async or asymm mode).
    #[inline]
    pub const fn async_fault_possible(self) -> bool {
        matches!(self, Mode::Async | Mode::Asymm)
    }

    /// Whether synchronous faults can occur (sync or asymm mode).
    #[inline]
    pub const fn sync_fault_possible(self) -> bool {
        matches!(self, Mode::Sync | Mode::Asymm)
    }

    /// Its value in C's `enum kasan_mode` (mm/kasan/kasan.h), as stored in
    /// the `kasan_mode` variable the C code reads.
    #[inline]
    pub const fn c_value(self) -> u32 {
        match self {
            Mode::Sync => 0,
            Mode::Async => 1,
            Mode::Asymm => 2,
        }
    }

    /// The mode a C `enum kasan_mode` value stands for. A value outside the
    /// enum reads as [`Mode::Sync`], the default.
    #[inline]
    pub const fn from_c(value: u32) -> Mode {
        match value {
            1 => Mode::Async,
            2 => Mode::Asymm,
            _ => Mode::Sync,
        }
    }
}

word_enum! {
    /// What to do after a report (`kasan.fault=`).
    pub enum FaultMode {
        /// Only print the report; the default.
        Report = "report",
        /// Panic after every report.
        Panic = "panic",
        /// Panic after reports of bad writes (invalid-free and asynchronous
        /// reports count as writes).
        PanicOnWrite = "panic_on_write",
    }
}

impl FaultMode {
    /// The panic message to use at the end of a report of an access with
    /// the given direction, or `None` if the kernel should not panic. The
    /// C code appends a newline (see [`FaultMode::panic_c_message`]).
    #[inline]
    pub const fn panic_message(self, is_write: bool) -> Option<&'static str> {
        match self {
            FaultMode::Report => None,
            FaultMode::Panic => Some("kasan.fault=panic set ..."),
            FaultMode::PanicOnWrite => {
                if is_write {
                    Some("kasan.fault=panic_on_write set ...")
                } else {
                    None
                }
            }
        }
    }

    /// The format string to hand to the kernel's `panic()` at the end of a
    /// report of an access with the given direction (the text of
    /// [`FaultMode::panic_message`] with the newline the C code passes), or
    /// `None` if the kernel should not panic. Neither string holds a `%`.
    #[inline]
    pub const fn panic_c_message(self, is_write: bool) -> Option<&'static CStr> {
        match self {
            FaultMode::Report => None,
            FaultMode::Panic => Some(c"kasan.fault=panic set ...\n"),
            FaultMode::PanicOnWrite => {
                if is_write {
                    Some(c"kasan.fault=panic_on_write set ...\n")
                } else {
                    None
                }
            }
        }
    }
}

/// Why a parameter value was rejected. Any of these makes the kernel print
/// `Malformed early option '<name>'`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ParamError {
    /// The parameter was given without `=value` (`-EINVAL`).
    NoValue,
    /// The value is not one of the accepted ones (`-EINVAL`).
    Invalid,
    /// The number does not fit its C type (`-ERANGE`).
    Range,
}

impl ParamError {
    /// The negative errno the C handler returns.
    #[inline]
    pub const fn errno(self) -> i32 {
        match self {
            ParamError::NoValue | ParamError::Invalid => -EINVAL,
            ParamError::Range => -ERANGE,
        }
    }

    /// The error a numeric parameter's handler returns when its `kstrto*`
    /// call fails.
    #[inline]
    pub(super) const fn from_kstrtox(e: KstrtoxError) -> Self {
        match e {
            KstrtoxError::Invalid => ParamError::Invalid,
            KstrtoxError::Range => ParamError::Range,
        }
    }
}

word_enum! {
    /// How allocation tags are chosen (`kasan.tag_policy=`; not in upstream).
    pub enum TagPolicy {
        /// A random tag on every allocation, as upstream: a bug whose bad
        /// pointer carries the tag of the memory it lands in goes unnoticed.
        Random = "random",
        /// Random, but never the tag of an adjacent live slab object nor the
        /// tag the object had in its previous life when that life ended
        /// recently: adjacent overflows and immediate-reuse use-after-free are
        /// always caught.
        Distinct = "distinct",
    }
}

#[cfg(test)]
mod tests {
    use super::super::BAD_STRINGS;
    use super::*;

    #[test]
    fn strings() {
        assert_eq!(OnOff::Off.as_str(), "off");
        assert_eq!(OnOff::On.as_str(), "on");
        assert_eq!(OnOff::str_of(true), "on");
        assert_eq!(OnOff::str_of(false), "off");
        assert!(OnOff::On.is_on() && !OnOff::Off.is_on());
        assert_eq!(Mode::Sync.as_str(), "sync");
        assert_eq!(Mode::Async.as_str(), "async");
        assert_eq!(Mode::Asymm.as_str(), "asymm");
        assert_eq!(FaultMode::Report.as_str(), "report");
        assert_eq!(FaultMode::Panic.as_str(), "panic");
        assert_eq!(FaultMode::PanicOnWrite.as_str(), "panic_on_write");
        assert_eq!(TagPolicy::Random.as_str(), "random");
        assert_eq!(TagPolicy::Distinct.as_str(), "distinct");
    }

    #[test]
    fn from_arg_is_exact() {
        for w in [OnOff::Off, OnOff::On] {
            assert_eq!(OnOff::from_arg(w.as_str().as_bytes()), Some(w));
        }
        for w in [FaultMode::Report, FaultMode::Panic, FaultMode::PanicOnWrite] {
            assert_eq!(FaultMode::from_arg(w.as_str().as_bytes()), Some(w));
        }
        for w in [TagPolicy::Random, TagPolicy::Distinct] {
            assert_eq!(TagPolicy::from_arg(w.as_str().as_bytes()), Some(w));
        }
        for m in [Mode::Sync, Mode::Async, Mode::Asymm] {
            assert_eq!(Mode::from_arg(m.as_str().as_bytes()), Some(m));
            let mut with_nul = std::vec::Vec::from(m.as_str().as_bytes());
            with_nul.extend_from_slice(b"\0junk");
            assert_eq!(Mode::from_arg(&with_nul), Some(m));
        }
        for bad in BAD_STRINGS {
            assert_eq!(OnOff::from_arg(bad), None, "{bad:?}");
            assert_eq!(Mode::from_arg(bad), None, "{bad:?}");
            assert_eq!(FaultMode::from_arg(bad), None, "{bad:?}");
            assert_eq!(TagPolicy::from_arg(bad), None, "{bad:?}");
        }
        for bad in [&b"asym"[..], b"Async", b"asymmetric", b"off"] {
            assert_eq!(Mode::from_arg(bad), None, "{bad:?}");
        }
        for bad in [&b"panic_on_read"[..], b"panic-on-write", b"PANIC"] {
            assert_eq!(FaultMode::from_arg(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn mode_fault_kinds() {
        assert!(Mode::Async.async_fault_possible() && Mode::Asymm.async_fault_possible());
        assert!(!Mode::Sync.async_fault_possible());
        assert!(Mode::Sync.sync_fault_possible() && Mode::Asymm.sync_fault_possible());
        assert!(!Mode::Async.sync_fault_possible());
    }

    #[test]
    fn mode_c_values() {
        assert_eq!(Mode::Sync.c_value(), 0);
        assert_eq!(Mode::Async.c_value(), 1);
        assert_eq!(Mode::Asymm.c_value(), 2);
        for m in [Mode::Sync, Mode::Async, Mode::Asymm] {
            assert_eq!(Mode::from_c(m.c_value()), m);
        }
        for v in 0..16u32 {
            let m = Mode::from_c(v);
            if v <= 2 {
                assert_eq!(m.c_value(), v);
            } else {
                assert_eq!(m, Mode::Sync, "{v}");
            }
        }
        assert_eq!(Mode::from_c(u32::MAX), Mode::Sync);
    }

    #[test]
    fn panic_messages() {
        assert_eq!(FaultMode::Report.panic_message(true), None);
        assert_eq!(FaultMode::Report.panic_message(false), None);
        assert_eq!(
            FaultMode::Panic.panic_message(false),
            Some("kasan.fault=panic set ...")
        );
        assert_eq!(
            FaultMode::Panic.panic_message(true),
            Some("kasan.fault=panic set ...")
        );
        assert_eq!(FaultMode::PanicOnWrite.panic_message(false), None);
        assert_eq!(
            FaultMode::PanicOnWrite.panic_message(true),
            Some("kasan.fault=panic_on_write set ...")
        );
        // The exact strings the kernel passes to panic() today.
        assert_eq!(
            FaultMode::Panic.panic_c_message(false),
            Some(c"kasan.fault=panic set ...\n")
        );
        assert_eq!(
            FaultMode::PanicOnWrite.panic_c_message(true),
            Some(c"kasan.fault=panic_on_write set ...\n")
        );
        for f in [FaultMode::Report, FaultMode::Panic, FaultMode::PanicOnWrite] {
            for is_write in [false, true] {
                let text = f.panic_message(is_write).map(|m| std::format!("{m}\n"));
                let c = f
                    .panic_c_message(is_write)
                    .and_then(|m| m.to_str().ok().map(std::string::String::from));
                assert_eq!(c, text, "{f:?} {is_write}");
                if let Some(m) = f.panic_c_message(is_write) {
                    assert!(!m.to_bytes().contains(&b'%'), "a panic() format");
                }
            }
        }
    }

    #[test]
    fn errnos() {
        assert_eq!(ParamError::Range.errno(), -ERANGE);
        assert_eq!(ParamError::Invalid.errno(), -EINVAL);
        assert_eq!(ParamError::NoValue.errno(), -EINVAL);
        assert_eq!(
            ParamError::from_kstrtox(KstrtoxError::Invalid),
            ParamError::Invalid
        );
        assert_eq!(
            ParamError::from_kstrtox(KstrtoxError::Range),
            ParamError::Range
        );
    }
}
