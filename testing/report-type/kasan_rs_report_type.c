// SPDX-License-Identifier: GPL-2.0
/*
 * kasan-rs test: a C caller that passes kasan_report_invalid_free() report
 * types that are not frees. mm/kasan/kasan.h declares the function with
 * enum kasan_report_type, whose KASAN_REPORT_ACCESS (0) is not a free, and C
 * lets a caller pass any value of the enum's underlying type. The Rust side
 * takes the integer and validates it: each call must give one WARNING naming
 * the bad type and one invalid-free report, and the module must go on.
 *
 * Test-only: the symbol is exported to modules only in kernels built with
 * the KASAN KUnit test (glue.c).
 */
#include <linux/module.h>
#include <linux/slab.h>

#include "kasan_rs_report_type.h"

static int __init kasan_rs_report_type_init(void)
{
	void *object = kmalloc(64, GFP_KERNEL);

	if (!object)
		return -ENOMEM;
	pr_info("kasan_rs_report_type: type %d\n", KASAN_RS_REPORT_ACCESS);
	kasan_report_invalid_free(object, _RET_IP_, KASAN_RS_REPORT_ACCESS);
	pr_info("kasan_rs_report_type: type %d\n", KASAN_RS_REPORT_OUT_OF_RANGE);
	kasan_report_invalid_free(object, _RET_IP_, KASAN_RS_REPORT_OUT_OF_RANGE);
	kfree(object);
	pr_info("kasan_rs_report_type: done\n");
	return 0;
}

static void __exit kasan_rs_report_type_exit(void)
{
}

module_init(kasan_rs_report_type_init);
module_exit(kasan_rs_report_type_exit);
MODULE_DESCRIPTION("kasan-rs test: out-of-range report types from C");
MODULE_LICENSE("GPL");
