/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kasan_report_invalid_free() as a module sees it: mm/kasan/kasan.h is not
 * reachable from an external module, so its prototype and the values of its
 * enum kasan_report_type are repeated here, plus one value past the enum.
 */
#ifndef _KASAN_RS_REPORT_TYPE_H
#define _KASAN_RS_REPORT_TYPE_H

enum kasan_rs_report_type {
	KASAN_RS_REPORT_ACCESS,
	KASAN_RS_REPORT_INVALID_FREE,
	KASAN_RS_REPORT_DOUBLE_FREE,
	KASAN_RS_REPORT_OUT_OF_RANGE = 7,
};

void kasan_report_invalid_free(void *ptr, unsigned long ip,
			       enum kasan_rs_report_type type);

#endif /* _KASAN_RS_REPORT_TYPE_H */
