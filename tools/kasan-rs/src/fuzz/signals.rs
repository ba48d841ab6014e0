//! SIGINT, SIGTERM and SIGHUP end a campaign early and cleanly: the VMs
//! run in process groups of their own (so a terminal's Ctrl-C does not
//! reach them), and without this they would outlive the tool. The handler
//! only sets a flag; the campaign polls it, stops the running VM (its
//! whole process group), writes the JSON (`interrupted: true`) and returns.

use std::sync::atomic::{AtomicBool, Ordering};

static STOP: AtomicBool = AtomicBool::new(false);

/// True once one of the signals arrived (after [`install`]).
pub fn stop_requested() -> bool {
    STOP.load(Ordering::SeqCst)
}

#[cfg(unix)]
extern "C" fn on_signal(_signal: i32) {
    // Async-signal-safe: one atomic store.
    STOP.store(true, Ordering::SeqCst);
}

/// Installs the handler for SIGINT, SIGTERM and SIGHUP.
#[cfg(unix)]
pub fn install() {
    extern "C" {
        fn signal(signum: i32, handler: usize) -> usize;
    }
    const SIGHUP: i32 = 1;
    const SIGINT: i32 = 2;
    const SIGTERM: i32 = 15;
    let handler = on_signal as extern "C" fn(i32) as usize;
    for sig in [SIGHUP, SIGINT, SIGTERM] {
        // SAFETY: the handler only performs an atomic store, which is
        // async-signal-safe; signal(2) takes an integer and a function address.
        unsafe {
            signal(sig, handler);
        }
    }
}

/// Nothing to install off Unix.
#[cfg(not(unix))]
pub fn install() {}
