// SPDX-License-Identifier: GPL-2.0

//! KASAN's three static keys, read and set through one safe API.
//!
//! `DEFINE_STATIC_KEY_*` exists only in C, so the keys are defined in glue.c
//! (and `kasan_flag_enabled` exported, as C's hw_tags.c does); the include/linux/kasan.h
//! wrappers test them with patched branches. Rust reads their count, an atomic, and
//! sets them through `static_key_enable()`/`static_key_disable()`.

use super::bindings::{self, StaticKey};

/// One of KASAN's static keys.
#[derive(Clone, Copy)]
pub enum Key {
    /// `kasan_flag_enabled`: KASAN is on (`kasan=`, MTE present).
    Enabled,
    /// `kasan_flag_vmalloc`: vmalloc memory is tagged (`kasan.vmalloc`).
    Vmalloc,
    /// `kasan_flag_stacktrace`: alloc and free stacks are saved (`kasan.stacktrace`).
    Stacktrace,
}

impl Key {
    #[inline(always)]
    fn key(self) -> &'static StaticKey {
        // SAFETY: the three keys are statics of glue.c that live as long as the
        // kernel; a `StaticKey` is only ever read through its atomic count.
        unsafe {
            match self {
                Key::Enabled => &bindings::kasan_flag_enabled,
                Key::Vmalloc => &bindings::kasan_flag_vmalloc,
                Key::Stacktrace => &bindings::kasan_flag_stacktrace,
            }
        }
    }

    /// `static_key_enabled()`.
    #[inline(always)]
    pub fn is_on(self) -> bool {
        self.key().enabled()
    }

    /// `static_key_enable()` or `static_key_disable()`. May sleep (it patches
    /// code under the jump-label mutex): boot and process context only.
    pub fn set(self, on: bool) {
        // SAFETY: the key is one of glue.c's static keys; the glue only calls
        // static_key_enable()/static_key_disable() on it.
        unsafe {
            bindings::kasan_rs_static_key_set(core::ptr::from_ref(self.key()).cast_mut(), on)
        };
    }
}
