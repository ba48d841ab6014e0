//! The `kasan*` boot parameters and the integer parsers they use.
//!
//! Each parameter is parsed exactly as the corresponding 6.12 handler
//! decides: the same spellings are accepted (compared byte for byte, so
//! `SYNC` or `sync ` are rejected), the same inputs are errors, and after an
//! error the stored value is what the C code leaves behind (usually
//! unchanged, but reset to the default for some numeric range errors).
//!
//! An `Err` from a parser means the C handler returned non-zero, i.e. the
//! kernel prints `Malformed early option '<name>'` with the name as typed
//! on the command line.
//!
//! Values are passed as `Option<&[u8]>`: `None` when the parameter was given
//! without `=` (the C handlers get a NULL pointer and reject it), otherwise
//! the bytes after `=`. A NUL byte in the slice ends the value, as it would
//! end the C string; a slice built from a C string may include or omit its
//! terminator.
//!
//! One job per file:
//!
//! * `cstr`: reading a byte slice as the C string it holds;
//! * `kstrto`: [`kstrtoull`], [`kstrtoul`], [`kstrtouint`] and
//!   [`KstrtoxError`];
//! * `words`: the accepted words ([`OnOff`], [`Mode`], [`FaultMode`],
//!   [`TagPolicy`]) and [`ParamError`];
//! * `set`: [`Params`], its `parse_*` methods and accessors;
//! * `names` (host only): `ParamId` and the by-name dispatch
//!   (`Params::apply`, `Params::set`) of the host tool.
//!
//! Everything public is re-exported here, so `params::X` is the path to use.

mod cstr;
mod kstrto;
#[cfg(not(CONFIG_RUST))]
mod names;
mod set;
mod words;

pub use kstrto::{kstrtouint, kstrtoul, kstrtoull, KstrtoxError};
#[cfg(not(CONFIG_RUST))]
pub use names::ParamId;
pub use set::{
    Params, PAGE_ALLOC_SAMPLE_DEFAULT, PAGE_ALLOC_SAMPLE_ORDER_DEFAULT, STACK_RING_SIZE_DEFAULT,
};
pub use words::{FaultMode, Mode, OnOff, ParamError, TagPolicy};

/// `EINVAL`: invalid argument.
pub const EINVAL: i32 = 22;

/// `ERANGE`: result not representable.
pub const ERANGE: i32 = 34;

/// Calls `f` with 50,000 deterministic pseudo-random byte strings (up to 8
/// bytes) from the alphabet of parameter values, for the parsers' fuzz tests.
#[cfg(test)]
fn for_each_fuzz_input(mut f: impl FnMut(&[u8])) {
    let alphabet = b"0123456789abcdefxX+-\n \0onsyc_";
    let mut state: u64 = 0x1234_5678;
    for _ in 0..50_000 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
        let len = (state >> 59) as usize % 8;
        let mut buf = [0u8; 8];
        for (i, b) in buf.iter_mut().enumerate().take(len) {
            let r = (state >> (i * 5)) as usize % alphabet.len();
            *b = alphabet[r];
        }
        f(&buf[..len]);
    }
}

/// Inputs that every word-valued parameter must reject.
#[cfg(test)]
const BAD_STRINGS: &[&[u8]] = &[
    b"",
    b"fast",
    b"0",
    b"1",
    b"-1",
    b"ON",
    b"Off",
    b"SYNC",
    b"on ",
    b" on",
    b"on\n",
    b"sync ",
    b"report\n",
    b"yes",
    b"true",
    b"\0on",
];
