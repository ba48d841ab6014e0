// SPDX-License-Identifier: GPL-2.0
/*
 * kasan-rs: the offsets and constants of C structures that the Rust hot
 * paths read directly, turned by Kbuild into Rust constants
 * (layout_constants.rs), the way arch asm-offsets.c becomes asm-offsets.h.
 * Never linked: only compiled to assembly, and the "->NAME value" markers
 * read out of it. Each field's size is checked here, the values in Rust.
 */

#include <linux/build_bug.h>
#include <linux/kfence.h>
#include <linux/kbuild.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stackdepot.h>
#include <asm/irq.h>
#include <asm/memory.h>
#include <asm/ptrace.h>

#include "../../../slab.h"

#define FIELD_SIZE(type, field) sizeof(((type *)0)->field)

int main(void)
{
	/* struct kmem_cache: read on every slab alloc and free. */
	DEFINE(KMEM_CACHE_OBJECT_SIZE, offsetof(struct kmem_cache, object_size));
	DEFINE(KMEM_CACHE_FLAGS, offsetof(struct kmem_cache, flags));
	DEFINE(KMEM_CACHE_CTOR, offsetof(struct kmem_cache, ctor));
	DEFINE(KMEM_CACHE_SIZE, offsetof(struct kmem_cache, size));
	DEFINE(SLAB_FLAG_TYPESAFE_BY_RCU, (__force unsigned int)SLAB_TYPESAFE_BY_RCU);
	DEFINE(SLAB_FLAG_KMALLOC, (__force unsigned int)SLAB_KMALLOC);
	BUILD_BUG_ON(FIELD_SIZE(struct kmem_cache, object_size) != 4);
	BUILD_BUG_ON(FIELD_SIZE(struct kmem_cache, flags) != 4);
	BUILD_BUG_ON(FIELD_SIZE(struct kmem_cache, ctor) != sizeof(void *));
	BUILD_BUG_ON(FIELD_SIZE(struct kmem_cache, size) != 4);

	/* struct page and the linear map: page_to_virt(), page_kasan_tag*(). */
	DEFINE(STRUCT_PAGE_SIZE, sizeof(struct page));
	DEFINE(PAGE_FLAGS, offsetof(struct page, flags));
	DEFINE(PAGE_KASAN_TAG_SHIFT, KASAN_TAG_PGSHIFT);
	DEFINE(PAGE_KASAN_TAG_MASK, KASAN_TAG_MASK);
	DEFINE(LINEAR_MAP_START, PAGE_OFFSET);
	DEFINE(VMEMMAP_BASE, VMEMMAP_START);
	BUILD_BUG_ON(FIELD_SIZE(struct page, flags) != sizeof(unsigned long));

	/*
	 * virt_to_slab() and nearest_obj() of mm/slab.h, inline in the
	 * free-time check: a page's compound head and type, the slab's object
	 * count (the 15-bit field after the 16-bit inuse in the counters word:
	 * bitfields are laid out from bit 0 up on arm64), a cache's left
	 * redzone (fixup_red_left()).
	 */
	DEFINE(PAGE_COMPOUND_HEAD, offsetof(struct page, compound_head));
	DEFINE(PAGE_TYPE, offsetof(struct page, page_type));
	DEFINE(PAGE_TYPE_SLAB, PGTY_slab);
	DEFINE(SLAB_COUNTERS, offsetof(struct slab, counters));
	DEFINE(KMEM_CACHE_RED_LEFT_PAD, offsetof(struct kmem_cache, red_left_pad));
	DEFINE(SLAB_FLAG_RED_ZONE, (__force unsigned int)SLAB_RED_ZONE);
	BUILD_BUG_ON(FIELD_SIZE(struct page, compound_head) != sizeof(unsigned long));
	BUILD_BUG_ON(FIELD_SIZE(struct page, page_type) != 4);
	BUILD_BUG_ON(FIELD_SIZE(struct slab, counters) != sizeof(unsigned long));
	BUILD_BUG_ON(FIELD_SIZE(struct kmem_cache, red_left_pad) != 4);

	/*
	 * The stack walk of every saved stack (ffi/stack.rs): the current
	 * task's stack (task_stack_page(), THREAD_SIZE), its final frame record
	 * (task_pt_regs()->stackframe) and the IRQ stack's size.
	 */
	DEFINE(TASK_STRUCT_STACK, offsetof(struct task_struct, stack));
	DEFINE(TASK_THREAD_SIZE, THREAD_SIZE);
	DEFINE(PT_REGS_SIZE, sizeof(struct pt_regs));
	DEFINE(PT_REGS_STACKFRAME, offsetof(struct pt_regs, stackframe));
	DEFINE(IRQ_STACK_BYTES, IRQ_STACK_SIZE);
	BUILD_BUG_ON(FIELD_SIZE(struct task_struct, stack) != sizeof(void *));

	/*
	 * The depot cache (ffi/depot_cache.rs): the CPU a task runs on
	 * (task_cpu()), and a depot record's reference count and entries.
	 */
	DEFINE(TASK_STRUCT_CPU, offsetof(struct task_struct, thread_info.cpu));
	/* The stack ring's pid of an event (task_pid_nr(current)). */
	DEFINE(TASK_STRUCT_PID, offsetof(struct task_struct, pid));
	BUILD_BUG_ON(FIELD_SIZE(struct task_struct, pid) != 4);
	DEFINE(STACK_RECORD_COUNT, offsetof(struct stack_record, count));
	DEFINE(STACK_RECORD_NR, offsetof(struct stack_record, size));
	DEFINE(STACK_RECORD_ENTRIES, offsetof(struct stack_record, entries));
	BUILD_BUG_ON(FIELD_SIZE(struct task_struct, thread_info.cpu) != 4);
	BUILD_BUG_ON(FIELD_SIZE(struct stack_record, count) != 4);
	BUILD_BUG_ON(FIELD_SIZE(struct stack_record, size) != 4);

#ifdef CONFIG_KFENCE
	/* KFENCE's pool, which every hook skips: is_kfence_address(). */
	DEFINE(KFENCE_POOL_BYTES, KFENCE_POOL_SIZE);
#endif
	return 0;
}
