// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit's KASAN hook, seen from a test that is not a KASAN test (make kunit).
 *
 * When a KASAN report starts while a KUnit test runs in the current task and
 * the KASAN suite is not running, 6.12 marks that test failed:
 * start_report() -> fail_non_kasan_kunit_test() -> kunit_set_failure(test)
 * (mm/kasan/report.c; kasan-rs: report.rs -> kasan_rs_fail_current_kunit_test()
 * in glue.c). 6.12 prints no message of its own for it: the case's KTAP result is
 * "not ok N kunit_hook_uaf" with the KASAN report among its console lines.
 *
 * Suite kunit_hook: case 1 reads a freed kmalloc(128) object. The free gave the
 * object's granules the invalid tag 0xFE, and a kmalloc pointer never carries
 * 0xFE, so the read is always a tag mismatch (no 1-in-14 collision as with an
 * overflow into a neighbour). KUnit must fail this case and only this one;
 * case 2 and the suite kunit_hook_after must pass. The names do not start with
 * "kasan", so no KASAN test suite is running (kasan_kunit_test_suite_start()).
 *
 * A synchronous tag fault turns tag checking off on the CPU that took it
 * (do_tag_recovery(), arch/arm64/mm/fault.c; the same with either KASAN), until
 * something turns it back on: the KASAN suite does after each of its own
 * reports, nothing else does. So an earlier suite's report (in the kunit
 * family, slub_test.test_clobber_zone's write into its red zone) leaves one CPU
 * unchecked, and a bug there goes unseen: measured on the min kernels with
 * -smp 1, slub_kunit.ko then this module, c and rust alike. The suite's init
 * therefore turns checking on on every CPU; case 1 keeps to one CPU around the
 * bad read and turns it back on after it, so that what runs next (the other
 * suites, kasan_mm) is checked again.
 *
 * Only the first report of a boot is printed (and fails a test) unless
 * kasan_multi_shot is on the command line: make kunit boots with it.
 */

#include <kunit/test.h>
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/slab.h>
#include <linux/smp.h>

/* mm/kasan/kasan.h, exported for the KASAN KUnit suite (CONFIG_KASAN_KUNIT_TEST). */
void kasan_enable_hw_tags(void);

static volatile char kunit_hook_sink;

static void kunit_hook_uaf(struct kunit *test)
{
	char *p = kmalloc(128, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	p[0] = 'k';
	OPTIMIZER_HIDE_VAR(p);
	kfree(p);

	migrate_disable();
	kunit_hook_sink = ((volatile char *)p)[0]; /* use-after-free read */
	kasan_enable_hw_tags();
	migrate_enable();
}

static void kunit_hook_plain(struct kunit *test)
{
	char *p = kmalloc(128, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	p[127] = 'k';
	KUNIT_EXPECT_EQ(test, p[127], 'k');
	kfree(p);
}

static struct kunit_case kunit_hook_cases[] = {
	KUNIT_CASE(kunit_hook_uaf),
	KUNIT_CASE(kunit_hook_plain),
	{}
};

static void kunit_hook_rearm(void *unused)
{
	kasan_enable_hw_tags();
}

static int kunit_hook_suite_init(struct kunit_suite *suite)
{
	on_each_cpu(kunit_hook_rearm, NULL, 1);
	return 0;
}

static struct kunit_suite kunit_hook_suite = {
	.name = "kunit_hook",
	.suite_init = kunit_hook_suite_init,
	.test_cases = kunit_hook_cases,
};

static void kunit_hook_after_alloc(struct kunit *test)
{
	int *v = kunit_kmalloc_array(test, 16, sizeof(*v), GFP_KERNEL);
	int i, sum = 0;

	KUNIT_ASSERT_NOT_NULL(test, v);
	for (i = 0; i < 16; i++)
		v[i] = i;
	for (i = 0; i < 16; i++)
		sum += v[i];
	KUNIT_EXPECT_EQ(test, sum, 120);
}

static void kunit_hook_after_skip(struct kunit *test)
{
	kunit_skip(test, "skips are compared too");
}

static struct kunit_case kunit_hook_after_cases[] = {
	KUNIT_CASE(kunit_hook_after_alloc),
	KUNIT_CASE(kunit_hook_after_skip),
	{}
};

static struct kunit_suite kunit_hook_after_suite = {
	.name = "kunit_hook_after",
	.test_cases = kunit_hook_after_cases,
};

kunit_test_suites(&kunit_hook_suite, &kunit_hook_after_suite);

MODULE_DESCRIPTION("kasan-rs test: KUnit fails a non-KASAN test that makes a KASAN report");
MODULE_LICENSE("GPL");
