// SPDX-License-Identifier: GPL-2.0

//! kasan-rs sample: make one memory bug of each class that hardware tag-based KASAN catches.
//!
//! Loading this module (it is never built into a kernel that matters) performs, in order:
//!
//! | bug                         | how                                               | expected report                 |
//! |-----------------------------|---------------------------------------------------|---------------------------------|
//! | slab out-of-bounds write    | `kmalloc(107)`, write byte 123 (kmalloc redzone)  | `slab-out-of-bounds`            |
//! | slab use-after-free read    | `kmalloc(128)`, `kfree`, read byte 0              | `slab-use-after-free`           |
//! | double free                 | `kfree` the same object twice                     | `double-free`                   |
//! | invalid free                | `kfree(object + 1)`                               | `invalid-free`                  |
//! | page out-of-bounds read     | `kmalloc(20000)` (page allocator), read past end  | `invalid-access`                |
//! | vmalloc out-of-bounds read  | `vmalloc(2000)`, read byte 2000 (in-page redzone) | `invalid-access`                |
//!
//! Every access lands in memory whose tag is set to "invalid" (0xFE) by KASAN itself, so each
//! bug is detected deterministically, not with the 13-in-14 chance of a random tag mismatch.
//! Boot with `kasan_multi_shot`, or only the first report is printed. In `kasan.mode=sync` a tag
//! fault turns tag checking off on the faulting CPU (as upstream does), so the sample turns it
//! back on, on every CPU, before each bug. Before each bug it prints `kasan_rs_sample: bug N: ...`
//! and at the end `kasan_rs_sample: done, 6 bugs triggered`.

use core::ffi::c_void;
use core::ptr;
use kernel::bindings;
use kernel::prelude::*;

module! {
    type: KasanRsSample,
    name: "kasan_rs_sample",
    author: "kasan-rs developers",
    description: "Triggers one bug of each class that hardware tag-based KASAN detects",
    license: "GPL",
}

#[path = "common.rs"]
mod common;
use common::reenable_tag_checks;

extern "C" {
    fn vfree(addr: *const c_void);
    fn vmalloc_noprof(size: usize) -> *mut c_void;
}

/// `kmalloc(size, GFP_KERNEL)` through the `krealloc(NULL, ...)` helper the 6.12 bindings have.
fn kmalloc(size: usize) -> Result<*mut u8> {
    // SAFETY: `krealloc` with a NULL pointer is a plain allocation.
    let p = unsafe { bindings::krealloc(ptr::null(), size, bindings::GFP_KERNEL) };
    if p.is_null() {
        return Err(ENOMEM);
    }
    Ok(p.cast())
}

/// Announces bug `n` and re-arms tag checking for it.
fn announce(n: u32, what: &str) {
    reenable_tag_checks();
    pr_info!("bug {}: {}\n", n, what);
}

struct KasanRsSample;

impl kernel::Module for KasanRsSample {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        pr_info!("start: expect 6 KASAN reports\n");

        announce(
            1,
            "slab-out-of-bounds write, byte 123 of a 107-byte kmalloc object",
        );
        let p = kmalloc(107)?;
        // SAFETY: deliberately out of bounds: byte 123 lies in the same 128-byte slab slot,
        // in the kmalloc redzone that KASAN tagged invalid; the slot is ours, so once the fault
        // is reported and the store completes unchecked, no other object is changed.
        unsafe { ptr::write_volatile(p.add(123), 0x5a) };
        // SAFETY: `p` came from kmalloc and was not freed.
        unsafe { bindings::kfree(p.cast()) };

        announce(2, "slab-use-after-free read of a freed 128-byte object");
        let p = kmalloc(128)?;
        // SAFETY: `p` came from kmalloc.
        unsafe { bindings::kfree(p.cast()) };
        // SAFETY: deliberately a read after free; reading a freed slab slot has no side effect.
        let _ = unsafe { ptr::read_volatile(p) };

        announce(3, "double-free of a 64-byte object");
        let p = kmalloc(64)?;
        // SAFETY: `p` came from kmalloc; the second kfree is the bug: KASAN reports it and
        // slab refuses to free the object again.
        unsafe {
            bindings::kfree(p.cast());
            bindings::kfree(p.cast());
        }

        announce(
            4,
            "invalid-free of a pointer into the middle of a 64-byte object",
        );
        let p = kmalloc(64)?;
        // SAFETY: deliberately an invalid free: KASAN reports it and slab does not free; then
        // the object is freed correctly.
        unsafe {
            bindings::kfree(p.add(1).cast());
            bindings::kfree(p.cast());
        }

        announce(
            5,
            "out-of-bounds read past a 20000-byte kmalloc (page allocator memory)",
        );
        let p = kmalloc(20000)?;
        // SAFETY: deliberately out of bounds: byte 20016 is inside the object's last page, in
        // the page redzone KASAN tagged invalid; reading it has no side effect.
        let _ = unsafe { ptr::read_volatile(p.add(20016)) };
        // SAFETY: `p` came from kmalloc and was not freed.
        unsafe { bindings::kfree(p.cast()) };

        announce(6, "out-of-bounds read past a 2000-byte vmalloc area");
        // SAFETY: plain allocation.
        let p: *mut u8 = unsafe { vmalloc_noprof(2000) }.cast();
        if p.is_null() {
            return Err(ENOMEM);
        }
        // SAFETY: deliberately out of bounds: byte 2000 is in the mapped first page, in the
        // in-page redzone KASAN tagged invalid; reading it has no side effect.
        let _ = unsafe { ptr::read_volatile(p.add(2000)) };
        // SAFETY: `p` came from vmalloc and was not freed.
        unsafe { vfree(p.cast()) };

        reenable_tag_checks();
        pr_info!("done, 6 bugs triggered\n");
        Ok(KasanRsSample)
    }
}
