/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kasan-rs test-only shims: what the mm tree's newest mm/kasan/kasan_test_c.c
 * needs from a kernel that 6.12 does not have. Force-included (Kbuild) before
 * the suite's own includes; prepare.sh does the rest (the suite's name, and
 * the 6.12 form of MODULE_IMPORT_NS, which takes a bare name, not a string).
 */
#ifndef KASAN_TEST_MM_COMPAT_H
#define KASAN_TEST_MM_COMPAT_H

#include <linux/types.h>

/*
 * kasan.write_only (newer kernels: tag checks on writes only) does not exist in
 * 6.12: writes and reads are always checked, so every "read must fault" check
 * (KUNIT_EXPECT_KASAN_FAIL_READ) applies.
 */
static inline bool kasan_write_only_enabled(void)
{
	return false;
}

/*
 * __counted_by_ptr() (counted_by on pointer members) is newer than 6.12: without
 * the attribute the member is a plain pointer, which is what 6.12's compilers
 * see anyway; the KASAN checks of the test do not depend on it.
 */
#ifndef __counted_by_ptr
#define __counted_by_ptr(member)
#endif

#endif /* KASAN_TEST_MM_COMPAT_H */
