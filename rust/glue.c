// SPDX-License-Identifier: GPL-2.0
/*
 * kasan-rs: the C that the kernel forces on a Rust HW_TAGS KASAN.
 *
 * Nothing here decides anything; every hook's logic is in the Rust files
 * beside this one. What stays in C, and why:
 *
 * 1. Static keys (DEFINE_STATIC_KEY_*): the include/linux/kasan.h wrappers,
 *    entry code and alternatives test them with patched branches, which
 *    Rust in 6.12 cannot define.
 * 2. The per-CPU page_alloc sampling counter (DEFINE_PER_CPU) and the
 *    this_cpu operations on it: no per-CPU API in 6.12 Rust. Likewise the
 *    locks that must save IRQ flags (the stack ring's rwlock, the report
 *    raw spinlock), preemption, lockdep and the TCO alternative: 6.12 Rust
 *    has none of them.
 * 3. EXPORT_SYMBOL*() of what modules use: Rust built-in objects are not
 *    exported by rust/exports.c.
 * 4. One-line wrappers around static inline kernel APIs (static key
 *    switching without CONFIG_JUMP_LABEL, struct slab lives in the private
 *    mm/slab.h; folios, the TFSR check and system_supports_mte() are
 *    inline).
 * 5. The kasan.mode module parameter (module_param_cb() emits a struct into
 *    the __param section) and on_each_cpu() under cpus_read_lock() for the
 *    run-time switch to sync mode (mode_switch.rs): macros and inline
 *    locking that Rust in 6.12 has no binding for.
 */

#include <kunit/test.h>
#include <linux/cpu.h>
#include <linux/export.h>
#include <linux/ftrace.h>
#include <linux/highmem.h>
#include <linux/kasan.h>
#include <linux/lockdep.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/smp.h>
#include <linux/static_key.h>
#include <linux/vmalloc.h>
#include <trace/events/error_report.h>
#include <asm/mte.h>
#include <asm/sections.h>
#include <asm/stacktrace.h>

#include "../../kasan.h"
#include "glue.h"
#include "../../../slab.h"

/* 1. Static keys; each exported one right after its definition. */
DEFINE_STATIC_KEY_TRUE(kasan_flag_stacktrace);
DEFINE_STATIC_KEY_FALSE(kasan_flag_enabled);
EXPORT_SYMBOL(kasan_flag_enabled);
#ifdef CONFIG_KASAN_VMALLOC
DEFINE_STATIC_KEY_TRUE(kasan_flag_vmalloc);
#else
DEFINE_STATIC_KEY_FALSE(kasan_flag_vmalloc);
#endif
EXPORT_SYMBOL_GPL(kasan_flag_vmalloc);

/* 2. Per-CPU sampling counter, read by kasan_sample_page_alloc() in kasan.h. */
DEFINE_PER_CPU(long, kasan_page_alloc_skip);

long kasan_rs_page_alloc_skip_dec_return(void)
{
	return this_cpu_dec_return(kasan_page_alloc_skip);
}

void kasan_rs_page_alloc_skip_set(long value)
{
	this_cpu_write(kasan_page_alloc_skip, value);
}

/*
 * The stack ring's lock: writers (allocations and frees, any context) share
 * it, a report takes it exclusively to read a frozen ring.
 */
static DEFINE_RWLOCK(kasan_rs_ring_lock);

unsigned long kasan_rs_ring_read_lock(void)
{
	unsigned long flags;

	read_lock_irqsave(&kasan_rs_ring_lock, flags);
	return flags;
}

void kasan_rs_ring_read_unlock(unsigned long flags)
{
	read_unlock_irqrestore(&kasan_rs_ring_lock, flags);
}

unsigned long kasan_rs_ring_write_lock(void)
{
	unsigned long flags;

	write_lock_irqsave(&kasan_rs_ring_lock, flags);
	return flags;
}

void kasan_rs_ring_write_unlock(unsigned long flags)
{
	write_unlock_irqrestore(&kasan_rs_ring_lock, flags);
}

/* The report lock: one report on the console at a time. */
static DEFINE_RAW_SPINLOCK(report_lock);

unsigned long kasan_rs_report_lock(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&report_lock, flags);
	return flags;
}

void kasan_rs_report_unlock(unsigned long flags)
{
	raw_spin_unlock_irqrestore(&report_lock, flags);
}

/* Tag checks off on this CPU (PSTATE.TCO, an alternative) while reporting. */
void kasan_rs_suppress_tag_checks_start(void)
{
	preempt_disable();
	hw_suppress_tag_checks_start();
}

void kasan_rs_suppress_tag_checks_stop(void)
{
	hw_suppress_tag_checks_stop();
	preempt_enable();
}

void kasan_rs_lockdep_off(void)
{
	lockdep_off();
}

void kasan_rs_lockdep_on(void)
{
	lockdep_on();
}

void kasan_rs_disable_trace_on_warning(void)
{
	disable_trace_on_warning();
}

void kasan_rs_trace_error_report_end(unsigned long addr)
{
	trace_error_report_end(ERROR_DETECTOR_KASAN, addr);
}

/* kunit_set_failure() on the current task's test, if it runs one. */
void kasan_rs_fail_current_kunit_test(void)
{
#if IS_ENABLED(CONFIG_KUNIT)
	struct kunit *test = current->kunit_test;

	if (test)
		kunit_set_failure(test);
#endif
}

#ifdef CONFIG_KASAN_EXTRA_INFO
/* kasan_set_track()'s CPU and clock, both static inline. */
u32 kasan_rs_raw_cpu(void)
{
	return raw_smp_processor_id();
}

u64 kasan_rs_local_clock(void)
{
	return local_clock();
}
#endif

const char *kasan_rs_current_comm(void)
{
	return current->comm;
}

const char *kasan_rs_cache_name(const struct kmem_cache *cache)
{
	return cache->name;
}

/* Kernel or module data, but not the init task's stack. */
bool kasan_rs_addr_is_variable(const void *addr)
{
	if (!is_kernel((unsigned long)addr) &&
	    !is_module_address((unsigned long)addr))
		return false;
	return !(addr >= (void *)&init_thread_union.stack &&
		 addr <= (void *)&init_thread_union.stack +
			 sizeof(init_thread_union.stack));
}

bool kasan_rs_object_is_on_stack(const void *addr)
{
	return object_is_on_stack(addr);
}

bool kasan_rs_is_vmalloc_addr(const void *addr)
{
	return is_vmalloc_addr(addr);
}

void * __init kasan_rs_memblock_alloc(size_t size)
{
	return memblock_alloc(size, SMP_CACHE_BYTES);
}

/*
 * The low end of this CPU's IRQ stack where the generic unwinder walks it
 * (STACKINFO_CPU(irq) of arch/arm64/kernel/stacktrace.c: not preemptible),
 * else 0. The per-CPU read is this C line's reason: its offset register
 * is chosen by alternatives patching.
 */
unsigned long kasan_rs_irq_stack_low(void)
{
	return preemptible() ? 0 : stackinfo_get_irq().low;
}

/* nr_cpu_ids: a variable, or a macro in kernels with NR_CPUS == 1. */
unsigned int __init kasan_rs_nr_cpu_ids(void)
{
	return nr_cpu_ids;
}

/*
 * 3. Exports of symbols that the Rust side defines. They are declared in
 * linux/kasan.h and ../../kasan.h, and have no C definition here for each
 * EXPORT_SYMBOL*() to follow: testing/scripts/checkpatch.sh accepts
 * checkpatch's EXPORT_SYMBOL warning for these lines only (a symbol
 * exported in this file without any other line of the file naming it).
 */
EXPORT_SYMBOL_GPL(kasan_mode);
EXPORT_SYMBOL(__kasan_kmalloc);
#if IS_ENABLED(CONFIG_KASAN_KUNIT_TEST)
EXPORT_SYMBOL_GPL(kasan_enable_hw_tags);
EXPORT_SYMBOL_GPL(kasan_force_async_fault);
EXPORT_SYMBOL_GPL(kasan_kunit_test_suite_start);
EXPORT_SYMBOL_GPL(kasan_kunit_test_suite_end);
/* For testing/report-type: a C caller passing report types that are not frees. */
EXPORT_SYMBOL_GPL(kasan_report_invalid_free);
/* For testing/stack-capture: the saved-stack walk next to stack_trace_save(). */
EXPORT_SYMBOL_GPL(kasan_rs_stack_trace_save);
#endif
#if IS_ENABLED(CONFIG_KASAN_KUNIT_TEST) || IS_ENABLED(CONFIG_KASAN_MODULE_TEST)
EXPORT_SYMBOL_GPL(kasan_save_enable_multi_shot);
EXPORT_SYMBOL_GPL(kasan_restore_multi_shot);
#endif

/* 4. Wrappers of static inline kernel APIs. */

/* [start, end) of the slab holding the slab object at addr; 0, 0 if none. */
void kasan_rs_slab_bounds(const void *addr, unsigned long *start, unsigned long *end)
{
	struct slab *slab = virt_to_slab(addr);

	*start = *end = 0;
	if (!slab)
		return;
	*start = (unsigned long)kasan_reset_tag(slab_address(slab));
	*end = *start + slab_size(slab);
}

struct slab *kasan_rs_virt_to_slab(const void *addr)
{
	return virt_to_slab(addr);
}

struct kmem_cache *kasan_rs_slab_cache(const struct slab *slab)
{
	return slab->slab_cache;
}

void *kasan_rs_nearest_obj(struct kmem_cache *cache, const struct slab *slab,
			   void *addr)
{
	return nearest_obj(cache, slab, addr);
}

#if IS_ENABLED(CONFIG_DEBUG_VIRTUAL) || IS_ENABLED(CONFIG_HUGETLB_PAGE_OPTIMIZE_VMEMMAP)
/*
 * nearest_obj() in the slab holding addr, a linear-map address; NULL if addr
 * is not slab memory. The free-time check's two lookups in one call, for the
 * configs where Rust does not inline them (a checked virt_to_page(), fake
 * vmemmap head pages).
 */
void *kasan_rs_slab_nearest_obj(struct kmem_cache *cache, const void *addr)
{
	struct slab *slab = virt_to_slab(addr);

	if (!slab)
		return NULL;
	return nearest_obj(cache, slab, (void *)addr);
}
#endif

bool kasan_rs_virt_addr_valid(const void *addr)
{
	return virt_addr_valid(addr);
}

struct page *kasan_rs_slab_page(struct slab *slab)
{
	return slab_page(slab);
}

void *kasan_rs_page_address(const struct page *page)
{
	return page_address(page);
}

unsigned long kasan_rs_page_size(struct page *page)
{
	return page_size(page);
}

struct page *kasan_rs_virt_to_page(const void *addr)
{
	return virt_to_page(addr);
}

struct page *kasan_rs_virt_to_head_page(const void *addr)
{
	return virt_to_head_page(addr);
}

bool kasan_rs_vm_area_pages(const void *addr, struct page ***pages,
			    unsigned int *nr_pages)
{
	struct vm_struct *area = find_vm_area(addr);

	if (!area)
		return false;
	*pages = area->pages;
	*nr_pages = area->nr_pages;
	return true;
}

void **kasan_rs_vm_struct_addr(struct vm_struct *vm)
{
	return &vm->addr;
}

unsigned long kasan_rs_vm_struct_size(const struct vm_struct *vm)
{
	return vm->size;
}

void kasan_rs_clear_highpage_kasan_tagged(struct page *page)
{
	clear_highpage_kasan_tagged(page);
}

/* static_key_enable/disable() are inline without CONFIG_JUMP_LABEL. */
void kasan_rs_static_key_set(struct static_key *key, bool on)
{
	if (on)
		static_key_enable(key);
	else
		static_key_disable(key);
}

bool kasan_rs_system_supports_mte(void)
{
	return system_supports_mte();
}

void kasan_rs_check_tfsr_exit(void)
{
	mte_check_tfsr_exit();
}

/* WARN() with the caller's message: the splat carries the Rust caller's frame. */
void kasan_rs_warn(const char *what)
{
	WARN(1, "kasan: %s\n", what);
}

/*
 * The run-time kasan.mode switch (mode_switch.rs): the module parameter
 * "kasan.mode", /sys/module/kasan/parameters/mode. A module parameter is a
 * struct in the __param section that only the C macro can emit; its get and
 * set are Rust. At boot parse_args() hands it the kasan.mode= of the command
 * line too, after the early parameter of the same name has taken (and, if
 * malformed, reported) it: nothing to do then.
 */
static int kasan_rs_mode_param_set(const char *val, const struct kernel_param *kp)
{
	if (system_state == SYSTEM_BOOTING)
		return 0;
	return kasan_rs_mode_set(val);
}

static int kasan_rs_mode_param_get(char *buf, const struct kernel_param *kp)
{
	return kasan_rs_mode_get(buf, PAGE_SIZE);
}

/*
 * KERNEL_PARAM_OPS_FL_NOARG: a bare "kasan.mode" on the command line reaches
 * the set above (which ignores it at boot) instead of parse_args() printing
 * "invalid for parameter" next to the early parameter's own message: C has
 * only the latter.
 */
static const struct kernel_param_ops kasan_rs_mode_param_ops = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = kasan_rs_mode_param_set,
	.get = kasan_rs_mode_param_get,
};

#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX "kasan."
module_param_cb(mode, &kasan_rs_mode_param_ops, NULL, 0644);
MODULE_PARM_DESC(mode, "tag checking: sync, async or asymm (at run time: async/asymm -> sync only)");

/* Runs fn on every online CPU, with CPU hotplug held off, and waits. */
void kasan_rs_on_each_online_cpu(void (*fn)(void *))
{
	cpus_read_lock();
	on_each_cpu(fn, NULL, 1);
	cpus_read_unlock();
}
