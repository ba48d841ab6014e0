/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kasan-rs: the C declarations bindgen turns into Rust (glue_bindings.rs,
 * see Kbuild). glue.h for the wrappers in glue.c, and the kernel headers
 * that declare the out-of-line kernel functions the crate calls. Kbuild's
 * --allowlist-function list picks which of them reach Rust; including a
 * header here only makes its declarations visible to bindgen.
 */
#ifndef _MM_KASAN_RS_BINDINGS_H
#define _MM_KASAN_RS_BINDINGS_H

#include <linux/kprobes.h>	/* __kretprobe_trampoline() */
#include <linux/mm.h>		/* vmalloc_to_page() */
#include <linux/mmdebug.h>	/* dump_page() */
#include <linux/panic.h>	/* panic(), check_panic_on_warn(), add_taint() */
#include <linux/printk.h>	/* _printk(), dump_stack_lvl(), print_hex_dump() */
#include <linux/stackdepot.h>	/* stack_depot_{print,put,save_flags}() */
#include <linux/stacktrace.h>	/* stack_trace_save(), filter_irq_stacks() */
#include <linux/vmalloc.h>	/* vmalloc_dump_obj() */
#include <asm/ftrace.h>		/* return_to_handler() */
#include <asm/mte.h>		/* mte_check_tfsr_el1() */
#include <asm/sections.h>	/* __irqentry_text_*, __softirqentry_text_* */
#include <asm/mte-kasan.h>	/* mte_enable_kernel_{sync,async,asymm}() */

#include "glue.h"

#endif /* _MM_KASAN_RS_BINDINGS_H */
