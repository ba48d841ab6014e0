// SPDX-License-Identifier: GPL-2.0

//! kasan-rs: hardware tag-based KASAN (arm64 MTE) in Rust.
//!
//! This crate provides, under their C names, every out-of-line function that
//! `include/linux/kasan.h` calls when `CONFIG_KASAN_HW_TAGS` is set, in place of
//! `mm/kasan/common.c` and `mm/kasan/hw_tags.c`:
//!
//! | room            | what                                                          |
//! |-----------------|---------------------------------------------------------------|
//! | [`mte`]         | the MTE instructions (`irg`, `ldg`, `stg`, `stzg`, `dc gva`)  |
//! | [`poison`]      | poison / unpoison / accessibility on top of [`mte`]           |
//! | [`params`]      | the `kasan*` boot parameters, registered from Rust            |
//! | [`init`]        | boot and per-CPU init, tag-check enabling                     |
//! | [`mode_switch`] | `kasan.mode` at run time: async/asymm -> sync                 |
//! | [`slab`]        | slab and kmalloc hooks, `check_byte`, `kasan.tag_policy`      |
//! | [`page`]        | page allocator and large kmalloc hooks                        |
//! | [`vmalloc`]     | vmalloc hooks (`kasan.vmalloc`)                               |
//! | [`mempool`]     | mempool / object cache hooks                                  |
//! | [`stack`]       | allocation and free stack capture                             |
//! | [`kfence`]      | KFENCE's objects, which every hook leaves alone               |
//! | [`stack_ring`]  | the stack ring: recent alloc/free events for reports          |
//! | [`static_keys`] | KASAN's static keys: one safe read and set                    |
//! | [`locks`]       | the ring and report locks (C, IRQ-saving) as guards           |
//! | [`report`]      | the report path: `kasan_report*`, printing, `kasan.fault`     |
//! | [`ffi`]         | the C functions and data this crate uses (the unsafe edge)    |
//! | [`layout`]      | `kmem_cache` and `page` fields read directly (build-time offsets) |
//! | [`kasan_core`]  | pure logic shared with the host tests (`rust/core`)           |
//!
//! Every hook may run in any context (hard IRQ, IRQs off, under slab locks) and
//! before any initcall: nothing here allocates, sleeps, locks or panics, and
//! nothing needs runtime initialisation.

#![allow(unreachable_pub)]

#[path = "core/src/lib.rs"]
pub mod kasan_core;

mod ffi;
mod init;
mod kfence;
mod layout;
mod locks;
mod mempool;
mod mode_switch;
mod mte;
mod page;
mod params;
mod poison;
mod report;
mod slab;
mod stack;
mod stack_ring;
mod static_keys;
mod vmalloc;

/// Prefix of this crate's `pr_*!` messages, as `pr_fmt` gives the C files.
const __LOG_PREFIX: &[u8] = b"kasan\0";

#[cfg(CONFIG_HIGHMEM)]
compile_error!("kasan-rs assumes no highmem (true on arm64)");
#[cfg(not(CONFIG_KASAN_VMALLOC))]
compile_error!("kasan-rs expects CONFIG_KASAN_VMALLOC (arm64 selects it with KASAN)");
