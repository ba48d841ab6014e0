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

/*
 * vmalloc_oob resizes its vmalloc() buffer with vrealloc(), which 6.12 has
 * (with its kasan_vrealloc() hook) but does not export to modules. The exported
 * kvrealloc() is the same call for a vmalloc address: its first step is
 * is_vmalloc_addr(p) -> vrealloc_noprof(p, size, flags), and the suite passes
 * vrealloc() nothing else. Defined before <linux/vmalloc.h> (this header is
 * force-included), the macro turns that header's vrealloc_noprof() declaration
 * into one of kvrealloc_noprof() with the same signature.
 */
#define vrealloc_noprof(p, size, flags) kvrealloc_noprof(p, size, flags)

#endif /* KASAN_TEST_MM_COMPAT_H */
