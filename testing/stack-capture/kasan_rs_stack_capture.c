// SPDX-License-Identifier: GPL-2.0
/*
 * kasan-rs test: the stacks kasan-rs saves on every allocation and free
 * (its own frame-record walk, ffi/stack.rs) next to what the kernel's
 * generic unwinder gives on the same call chain: stack_trace_save() then
 * filter_irq_stacks(), which is what upstream's kasan_save_stack() and the
 * stack depot keep. Each case calls both from one function, in a task, with
 * interrupts off, in hard IRQ context (irq_work, on the IRQ stack) and in
 * softirq context (a timer), at several call depths, some deeper than the 64
 * entries kept. Entry 0 of each is a return address in that function (two
 * call sites), the rest must be equal; the walk must have saved the stack
 * itself, not handed it to the generic unwinder.
 *
 * Test-only: the walk is exported to modules only in kernels built with the
 * KASAN KUnit test (glue.c).
 */
#include <linux/completion.h>
#include <linux/irq_work.h>
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/stacktrace.h>
#include <linux/timer.h>

unsigned int kasan_rs_stack_trace_save(unsigned long *store, unsigned int size,
				       bool *generic);

#define DEPTH 64

struct capture_case {
	const char *name;
	unsigned int calls;	/* nested calls before capturing */
	unsigned int n_walk, n_generic;
	bool by_generic;
	bool in_context;	/* ran in the context its name says */
	unsigned long walk[DEPTH], generic[DEPTH];
};

static noinline void capture_both(struct capture_case *t)
{
	t->n_generic = stack_trace_save(t->generic, DEPTH, 0);
	t->n_generic = filter_irq_stacks(t->generic, t->n_generic);
	t->n_walk = kasan_rs_stack_trace_save(t->walk, DEPTH, &t->by_generic);
	barrier();
}

/* calls nested frames, then captures; the barrier keeps them from being tail calls */
static noinline void nest(struct capture_case *t, unsigned int calls)
{
	if (calls)
		nest(t, calls - 1);
	else
		capture_both(t);
	barrier();
}

static bool same_function(unsigned long a, unsigned long b)
{
	char sa[KSYM_SYMBOL_LEN], sb[KSYM_SYMBOL_LEN];

	sprint_symbol_no_offset(sa, a);
	sprint_symbol_no_offset(sb, b);
	return !strcmp(sa, sb);
}

static int cases, equal;

static void judge(struct capture_case *t)
{
	unsigned int i, n = max(t->n_walk, t->n_generic);
	const char *why = NULL;

	cases++;
	if (!t->in_context)
		why = "not in its context";
	else if (t->n_walk != t->n_generic)
		why = "entry counts differ";
	else if (!t->n_walk || !same_function(t->walk[0], t->generic[0]))
		why = "entry 0 is in another function";
	else if (memcmp(t->walk + 1, t->generic + 1, (t->n_walk - 1) * sizeof(long)))
		why = "entries differ";
	else if (t->by_generic)
		why = "saved by the generic unwinder, not the walk";
	if (!why) {
		equal++;
		pr_info("kasan_rs_stack_capture: %s, %u calls: %u entries, equal\n",
			t->name, t->calls, t->n_walk);
		return;
	}
	pr_err("kasan_rs_stack_capture: %s, %u calls: DIFFER: %s (walk %u, generic %u entries)\n",
	       t->name, t->calls, why, t->n_walk, t->n_generic);
	for (i = 0; i < n; i++)
		pr_err("kasan_rs_stack_capture:   %2u %pS | %pS\n", i,
		       i < t->n_walk ? (void *)t->walk[i] : NULL,
		       i < t->n_generic ? (void *)t->generic[i] : NULL);
}

static struct capture_case irq_case;
static DECLARE_COMPLETION(irq_done);

static void in_hardirq_fn(struct irq_work *work)
{
	irq_case.in_context = in_hardirq();
	nest(&irq_case, irq_case.calls);
	complete(&irq_done);
}

static void in_softirq_fn(struct timer_list *timer)
{
	irq_case.in_context = in_serving_softirq() && !in_hardirq();
	nest(&irq_case, irq_case.calls);
	complete(&irq_done);
}

static void run_task(const char *name, unsigned int calls, bool irqs_off)
{
	static struct capture_case t;
	unsigned long flags = 0;

	memset(&t, 0, sizeof(t));
	t.name = name;
	t.calls = calls;
	t.in_context = true;
	if (irqs_off)
		local_irq_save(flags);
	nest(&t, calls);
	if (irqs_off)
		local_irq_restore(flags);
	judge(&t);
}

static void run_irq(const char *name, unsigned int calls, bool softirq)
{
	static struct irq_work work;
	static struct timer_list timer;

	memset(&irq_case, 0, sizeof(irq_case));
	irq_case.name = name;
	irq_case.calls = calls;
	reinit_completion(&irq_done);
	if (softirq) {
		timer_setup(&timer, in_softirq_fn, 0);
		mod_timer(&timer, jiffies + 1);
	} else {
		init_irq_work(&work, in_hardirq_fn);
		irq_work_queue(&work);
	}
	if (!wait_for_completion_timeout(&irq_done, 10 * HZ)) {
		pr_err("kasan_rs_stack_capture: %s: never ran\n", name);
		cases++;
		if (softirq)
			del_timer_sync(&timer);
		else
			irq_work_sync(&work);
		return;
	}
	if (softirq)
		del_timer_sync(&timer);
	else
		irq_work_sync(&work);
	judge(&irq_case);
}

static int __init kasan_rs_stack_capture_init(void)
{
	static const unsigned int task_calls[] = { 0, 1, 7, 40, 70 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(task_calls); i++)
		run_task("task", task_calls[i], false);
	run_task("task, irqs off", 3, true);
	run_task("task, irqs off", 70, true);
	run_irq("hardirq", 0, false);
	run_irq("hardirq", 5, false);
	run_irq("softirq", 0, true);
	run_irq("softirq", 5, true);
	pr_info("kasan_rs_stack_capture: done, %d cases, %d equal\n", cases, equal);
	return 0;
}

static void __exit kasan_rs_stack_capture_exit(void)
{
}

module_init(kasan_rs_stack_capture_init);
module_exit(kasan_rs_stack_capture_exit);
MODULE_DESCRIPTION("kasan-rs test: the saved-stack walk against the generic unwinder");
MODULE_LICENSE("GPL");
