// SPDX-License-Identifier: GPL-2.0

//! `_printk` with C format strings, checked at compile time.
//!
//! The report path prints every line through `_printk` with the C format of
//! `mm/kasan/report.c`, so `%px`, `%pS` and the log levels are rendered by the
//! kernel exactly as before. A variadic call is only sound if each conversion
//! of the format reads an argument of the type it expects; [`printk!`] makes
//! that a compile-time fact: each argument is written with its kind
//! (`Str(..)`, `Int(..)`, `Ptr(..)`, ...), and a `const` assertion runs the
//! host-tested format checker ([`crate::kasan_core::printf`]) on the format
//! and the kinds. A mismatch does not build.

use crate::kasan_core::printf::Conv;
use core::ffi::{c_char, c_int, c_uint, c_ulong, c_void, CStr};

/// An argument of a [`printk!`] call: the conversion it matches and the C value
/// passed for it.
pub trait Arg {
    /// The conversion (or `*` width) that reads this argument.
    const CONV: Conv;
    /// The C type `_printk`'s `va_arg` reads for [`Self::CONV`].
    type C;
    /// The value passed.
    fn into_c(self) -> Self::C;
}

macro_rules! arg {
    ($(#[$doc:meta])* $name:ident($rust:ty) => $conv:ident as $c:ty, |$v:ident| $into:expr) => {
        $(#[$doc])*
        pub struct $name(pub $rust);

        impl Arg for $name {
            const CONV: Conv = Conv::$conv;
            type C = $c;
            #[inline(always)]
            fn into_c(self) -> $c {
                let $v = self.0;
                $into
            }
        }
    };
}

/// `%s`: a NUL-terminated string.
pub struct Str<'a>(pub &'a CStr);

impl Arg for Str<'_> {
    const CONV: Conv = Conv::Str;
    type C = *const c_char;
    #[inline(always)]
    fn into_c(self) -> *const c_char {
        self.0.as_ptr()
    }
}

arg!(
    /// `%d`, or the `*` of `%*c`: an `int`.
    Int(c_int) => Int as c_int, |v| v
);
arg!(
    /// `%u` and `%02x`: an `unsigned int`.
    Uint(c_uint) => UInt as c_uint, |v| v
);
arg!(
    /// `%zu`: a `size_t`.
    Usize(usize) => Usize as usize, |v| v
);
arg!(
    /// `%lu`: an `unsigned long`.
    #[cfg_attr(not(CONFIG_KASAN_EXTRA_INFO), allow(dead_code))]
    Ulong(c_ulong) => ULong as c_ulong, |v| v
);
arg!(
    /// `%px` and `%pS`: a pointer, printed (or symbolised) by value, never
    /// dereferenced: any value is fine.
    Ptr(usize) => Ptr as *const c_void, |v| v as *const c_void
);
arg!(
    /// `%c`: a character, passed as an `int`.
    Char(u8) => Int as c_int, |v| v as c_int
);

/// `_printk(fmt, ...)`.
///
/// # Safety
///
/// `fmt` is NUL-terminated and the arguments that follow are, in order and in
/// number, the C types its conversions read. [`printk!`] proves it.
#[doc(hidden)]
pub use super::bindings::_printk as raw_printk;

/// Prints one line through `_printk`: `printk!(c"\x013%s at %px\n", Str(s),
/// Ptr(addr))`. The format must be a constant C string (its level included);
/// each argument names its kind, and the build fails unless the kinds are
/// exactly the format's conversions.
macro_rules! printk {
    ($fmt:expr $(, $kind:ident($arg:expr))* $(,)?) => {{
        const FMT: &core::ffi::CStr = $fmt;
        #[allow(elided_lifetimes_in_paths)]
        const _: () = assert!(
            $crate::kasan_core::printf::check(
                FMT.to_bytes(),
                &[$(<$crate::ffi::printk::$kind as $crate::ffi::printk::Arg>::CONV),*],
            ),
            "printk!: the format's conversions and the arguments' kinds differ"
        );
        // SAFETY: the assertion above checked at compile time that the format's
        // conversions are the arguments' kinds, in order and in number, and each
        // kind passes the C type its conversion reads (`Arg::C`).
        unsafe {
            $crate::ffi::printk::raw_printk(
                FMT.as_ptr()
                $(, $crate::ffi::printk::Arg::into_c($crate::ffi::printk::$kind($arg)))*
            );
        }
    }};
}
pub(crate) use printk;
