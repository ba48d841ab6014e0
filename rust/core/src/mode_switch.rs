//! The runtime `kasan.mode` switch: which writes of the mode are taken.
//!
//! The mode is chosen at boot (`kasan.mode=`). At run time it can be
//! written through the module parameter `kasan.mode`
//! (`/sys/module/kasan/parameters/mode`), in one direction only: from
//! `async` or `asymm` to `sync`, e.g. a fleet machine that runs async for
//! speed and switches to sync to get the full report of a bug it keeps
//! hitting. The other direction would have to turn on the system-wide
//! asynchronous-fault checks of the arch code, which only boot does.

use super::params::Mode;

/// What a write of the mode does.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Switch {
    /// The mode written is the current one: nothing to do.
    Unchanged,
    /// Switch every CPU from asynchronous (or asymmetric) to synchronous tag
    /// checking.
    ToSync,
}

/// Why a write of the mode is refused (the write fails with `-EINVAL`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not `sync`, `async` or `asymm`.
    Malformed,
    /// KASAN is off (`kasan=off`, or no MTE): there is no mode to switch.
    KasanOff,
    /// Only `sync` can be switched to at run time.
    NotToSync(Mode),
}

impl Refused {
    /// The reason, for the kernel log.
    pub const fn as_str(self) -> &'static str {
        match self {
            Refused::Malformed => "not sync, async or asymm",
            Refused::KasanOff => "KASAN is off",
            Refused::NotToSync(_) => "only sync can be switched to at run time",
        }
    }
}

/// Decides what writing `written` (as it came from sysfs, possibly with one
/// trailing newline) does when the current mode is `current` and KASAN is
/// `enabled`.
pub fn decide(current: Mode, enabled: bool, written: &[u8]) -> Result<Switch, Refused> {
    let value = written.strip_suffix(b"\n").unwrap_or(written);
    let Some(wanted) = Mode::from_arg(value) else {
        return Err(Refused::Malformed);
    };
    if !enabled {
        return Err(Refused::KasanOff);
    }
    match (current, wanted) {
        (c, w) if c == w => Ok(Switch::Unchanged),
        (_, Mode::Sync) => Ok(Switch::ToSync),
        (_, w) => Err(Refused::NotToSync(w)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn async_and_asymm_switch_to_sync() {
        for from in [Mode::Async, Mode::Asymm] {
            assert_eq!(decide(from, true, b"sync\n"), Ok(Switch::ToSync));
            assert_eq!(decide(from, true, b"sync"), Ok(Switch::ToSync));
        }
    }

    #[test]
    fn writing_the_current_mode_does_nothing() {
        for m in [Mode::Sync, Mode::Async, Mode::Asymm] {
            let mut w = std::vec::Vec::from(m.as_str().as_bytes());
            assert_eq!(decide(m, true, &w), Ok(Switch::Unchanged));
            w.push(b'\n');
            assert_eq!(decide(m, true, &w), Ok(Switch::Unchanged));
        }
    }

    #[test]
    fn only_towards_sync() {
        assert_eq!(
            decide(Mode::Sync, true, b"async\n"),
            Err(Refused::NotToSync(Mode::Async))
        );
        assert_eq!(
            decide(Mode::Sync, true, b"asymm"),
            Err(Refused::NotToSync(Mode::Asymm))
        );
        assert_eq!(
            decide(Mode::Async, true, b"asymm"),
            Err(Refused::NotToSync(Mode::Asymm))
        );
        assert_eq!(
            decide(Mode::Asymm, true, b"async"),
            Err(Refused::NotToSync(Mode::Async))
        );
    }

    #[test]
    fn malformed_and_off() {
        for bad in [
            &b""[..],
            b"\n",
            b"SYNC",
            b"sync\n\n",
            b" sync",
            b"sync ",
            b"fast",
            b"1",
        ] {
            assert_eq!(
                decide(Mode::Async, true, bad),
                Err(Refused::Malformed),
                "{bad:?}"
            );
        }
        assert_eq!(decide(Mode::Async, false, b"sync"), Err(Refused::KasanOff));
        // A malformed value is reported as such even with KASAN off.
        assert_eq!(decide(Mode::Sync, false, b"x"), Err(Refused::Malformed));
        for r in [
            Refused::Malformed,
            Refused::KasanOff,
            Refused::NotToSync(Mode::Async),
        ] {
            assert!(!r.as_str().is_empty());
        }
    }
}
