// SPDX-License-Identifier: GPL-2.0

//! kasan-rs sample: a bad access whose report has to look at unmapped memory.
//!
//! A 4080-byte vmalloc area fills its page but for its last granule, which
//! KASAN tags invalid; right after the page comes the area's guard page, which
//! is not mapped. Reading byte 4080 is a tag-check fault, and the report's
//! "Memory state around the buggy address" covers 512 bytes after it, i.e.
//! two rows in the guard page. The C implementation reads those tags anyway
//! (LDG of an unmapped address: a second fault inside the report); kasan-rs
//! prints them as not mapped and finishes the report. The module prints
//! `kasan_rs_vmalloc_guard: done` if the kernel survived.

use core::ffi::c_void;
use core::ptr;
use kernel::prelude::*;

module! {
    type: KasanRsVmallocGuard,
    name: "kasan_rs_vmalloc_guard",
    author: "kasan-rs developers",
    description: "Makes a KASAN report next to a vmalloc guard page",
    license: "GPL",
}

#[path = "common.rs"]
mod common;

extern "C" {
    fn vmalloc_noprof(size: usize) -> *mut c_void;
    fn vfree(addr: *const c_void);
}

/// Bytes allocated: one granule short of a page.
const SIZE: usize = 4080;

struct KasanRsVmallocGuard;

impl kernel::Module for KasanRsVmallocGuard {
    fn init(_module: &'static ThisModule) -> Result<Self> {
        common::reenable_tag_checks();
        // SAFETY: a plain allocation.
        let p: *mut u8 = unsafe { vmalloc_noprof(SIZE) }.cast();
        if p.is_null() {
            return Err(ENOMEM);
        }
        pr_info!("reading byte {} of a {}-byte vmalloc area\n", SIZE, SIZE);
        // SAFETY: deliberately out of bounds, in the in-page redzone (mapped,
        // tagged invalid); reading it has no side effect.
        let _ = unsafe { ptr::read_volatile(p.add(SIZE)) };
        // SAFETY: `p` came from vmalloc and was not freed.
        unsafe { vfree(p.cast()) };
        pr_info!("done\n");
        Ok(KasanRsVmallocGuard)
    }
}
