// SPDX-License-Identifier: GPL-2.0
/*
 * kasan_rs_canary: four planted memory bugs for the fuzz runs of issue 12 (test-only, never
 * shipped). A syscall fuzzer running as an unprivileged user finds /dev/kasan_rs_canary (mode
 * 0666; the guest init adds 15 more nodes of it to /dev) and, now and then, reaches a bug through
 * write() or read(). Each bug lives in its own noinline function, so the host's fuzz manager
 * recognises a report by the function name in the call trace:
 *
 *   kasan_rs_canary_oob_write       write(count 17..63), every oob_write_every-th: a 16-byte
 *                                   trailer written at offset 48 of a kmalloc(40) object
 *   kasan_rs_canary_uaf             write(count 64..2047), every uaf_every-th: reads a field of
 *                                   the kfree()d old snapshot
 *   kasan_rs_canary_double_free     write(count >= 2048), every double_free_every-th: the failed
 *                                   flush frees the staging buffer and its caller frees it again
 *   kasan_rs_canary_page_oob_read   read()/pread() at 0 < pos < 3 pages, every
 *                                   page_oob_read_every-th: copies one byte past a 3-page
 *                                   alloc_pages_exact() buffer
 *
 * Why an argument class and a counter, not argument values alone: measured under trinity, the
 * buffer contents it passes come from a handful of reused random pages, so a match on a byte
 * value happens hundreds of times in a run or never (a lottery per seed), while the size and
 * offset classes above are steady (see testing/fuzz/README for the rates). The n-th call of a
 * class is what a real bug at a ring wrap or a refresh interval looks like; the intervals are
 * module parameters (armed= picks which bugs may happen, dry_run=1 only counts them).
 *
 * Why the accesses are caught by HW tags KASAN every time (tag granule 16 bytes):
 * - oob_write: kmalloc(40) comes from kmalloc-64; KASAN tags the object's granules 0..47 with the
 *   object's tag and poisons 48..63 (the kmalloc redzone) with KASAN_TAG_INVALID (0xFE), a tag no
 *   pointer carries. The trailer goes to bytes 48..63, so it always mismatches.
 * - uaf / double_free: kfree() re-tags the object with 0xFE; the access or the second kfree()
 *   always mismatches (the second kfree is caught by kasan's double-free/invalid-free check),
 *   unless the slot was reallocated in between, which the code leaves no room for (the bad access
 *   follows the kfree directly).
 * - page_oob_read: alloc_pages_exact(3 pages) takes an order-2 block and frees its 4th page
 *   straight back to the buddy allocator (make_alloc_exact, FPI_TO_TAIL, the tail of the free
 *   list), which poisons it with 0xFE. The read one byte past the buffer lands in that page right
 *   after the allocation, so it mismatches (a plain order-0 page would be followed by a page
 *   whose tag differs only with probability ~15/16).
 *
 * On a kernel without KASAN the bugs happen silently (the nokasan control): the OOB write
 * scribbles on the neighbouring kmalloc-64 object or its free pointer, and the double free may
 * corrupt SLUB's freelist and crash later (SLUB's own checks are off by default). That is
 * acceptable: the fuzz runs only measure detection, and the nokasan kernel is the "not detected"
 * baseline.
 *
 * Written in C because Linux 6.12's Rust has no misc-device abstraction
 * (rust/kernel/miscdevice.rs arrived in 6.13).
 *
 * dry_run=1 (module parameter) evaluates the trigger conditions without executing the bugs and
 * prints, every 10 s, how many calls each class got and how many would have hit each bug: that
 * is how the intervals were tuned against trinity. CONFIG_FORTIFY_SOURCE is kept out of the way
 * (OPTIMIZER_HIDE_VAR) so that KASAN, not fortify, is what sees the bad accesses.
 */
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

static bool dry_run;
module_param(dry_run, bool, 0444);
MODULE_PARM_DESC(dry_run, "count the calls that would reach each bug instead of executing it");

enum { B_OOB_WRITE, B_UAF, B_DOUBLE_FREE, B_PAGE_OOB_READ, B_NR };
static unsigned int armed = (1 << B_NR) - 1;
module_param(armed, uint, 0444);
MODULE_PARM_DESC(armed, "bit mask of the bugs that may happen: 1 oob_write, 2 uaf, 4 double_free, 8 page_oob_read");

/*
 * Every how many qualifying calls a bug happens (see the trigger table in testing/fuzz/README).
 * Tuned on the fuzz kernel (KCOV everywhere), whose trinity reaches the device about four times
 * less often than the hardened kernel's: intervals four times shorter than the hardened-kernel
 * tuning, for a report within about 1-3 minutes of trinity's start in the VM that arms the bug.
 */
static unsigned int oob_write_every = 96;
module_param(oob_write_every, uint, 0444);
static unsigned int uaf_every = 24;
module_param(uaf_every, uint, 0444);
static unsigned int double_free_every = 64;
module_param(double_free_every, uint, 0444);
static unsigned int page_oob_read_every = 8;
module_param(page_oob_read_every, uint, 0444);

/* write(): record writes (count in [REC_MIN, REC_MAX]) are kept as a 40-byte record. */
#define CANARY_REC_MIN		17
#define CANARY_REC_MAX		63
#define CANARY_REC_SIZE		40	/* the object */
#define CANARY_REC_SLOT		64	/* its kmalloc cache's size: the wrong bound */
#define CANARY_TRAILER		16
/* write(): medium writes (count in [MED_MIN, BULK_MIN)) replace a 64-byte header snapshot. */
#define CANARY_MED_MIN		64
/* write(): bulk writes (count >= BULK_MIN) are staged in a 128-byte buffer. */
#define CANARY_BULK_MIN		2048
#define CANARY_BULK_STAGE	128
/* read(): the device's contents, 3 pages. */
#define CANARY_BUF_SIZE		(3 * PAGE_SIZE)
#define CANARY_SNAP_SIZE	64

static atomic_t rec_seq, med_seq, bulk_seq, tail_seq;

enum { ST_WRITE, ST_REC, ST_MED, ST_BULK, ST_READ, ST_READ_HEAD, ST_READ_INSIDE, ST_IOCTL, ST_NR };
static const char *const st_names[ST_NR] = {
	"write", "record", "medium", "bulk", "read", "read_at_0", "read_inside", "ioctl",
};
static atomic_long_t stats[ST_NR], hits[B_NR];
static const char *const canaries[B_NR] = {
	"kasan_rs_canary_oob_write", "kasan_rs_canary_uaf", "kasan_rs_canary_double_free",
	"kasan_rs_canary_page_oob_read",
};

static void stats_print(struct work_struct *w);
static DECLARE_DELAYED_WORK(stats_work, stats_print);

static void stats_print(struct work_struct *w)
{
	char line[320];
	int i, n = 0;

	for (i = 0; i < ST_NR; i++)
		n += scnprintf(line + n, sizeof(line) - n, " %s=%ld", st_names[i],
			       atomic_long_read(&stats[i]));
	for (i = 0; i < B_NR; i++)
		n += scnprintf(line + n, sizeof(line) - n, " %s=%ld", canaries[i] + 16,
			       atomic_long_read(&hits[i]));
	pr_info("kasan_rs_canary: dry-run%s\n", line);
	schedule_delayed_work(&stats_work, 10 * HZ);
}

static inline void st(int i) { atomic_long_inc(&stats[i]); }

/* Does the n-th qualifying call (seq) reach bug b? In dry-run mode only counted. */
static bool reach(int b, atomic_t *seq, unsigned int every)
{
	if (!every || atomic_inc_return(seq) % every)
		return false;
	atomic_long_inc(&hits[b]);
	if (dry_run || !(armed & (1U << b)))
		return false;
	/*
	 * Said before the bug runs, so that a campaign on a kernel that does not report (nokasan,
	 * make fuzz-honesty) shows the bugs did run: the fuzz manager counts these lines.
	 */
	pr_info("kasan_rs_canary: executing %s\n", canaries[b]);
	return true;
}

/*
 * Bug 1: a record gets a 16-byte trailer after its data; on the wrap-around path (every
 * oob_write_every-th record) the trailer's offset is computed from the cache's slot size (64)
 * instead of the object's size (40): the trailer lands in bytes 48..63, the kmalloc redzone.
 */
static noinline ssize_t kasan_rs_canary_oob_write(const char __user *ubuf, size_t count, bool wrap)
{
	u8 *rec = kmalloc(CANARY_REC_SIZE, GFP_KERNEL);
	u64 trailer[2] = { count, 0xc5c5c5c5c5c5c5c5ULL };
	size_t n = min_t(size_t, count, CANARY_REC_SIZE - CANARY_TRAILER);
	ssize_t ret = count;
	u64 *t;

	if (!rec)
		return -ENOMEM;
	if (copy_from_user(rec, ubuf, n))
		ret = -EFAULT;
	/*
	 * Plain stores through a pointer the compiler cannot size: with CONFIG_FORTIFY_SOURCE a
	 * memcpy() here would stop at fortify's own check instead of reaching KASAN.
	 */
	t = (u64 *)(rec + (wrap ? CANARY_REC_SLOT : CANARY_REC_SIZE) - CANARY_TRAILER);
	OPTIMIZER_HIDE_VAR(t);
	WRITE_ONCE(t[0], trailer[0]);		/* bytes 48..55 on the wrap path */
	WRITE_ONCE(t[1], trailer[1]);
	trailer[1] = READ_ONCE(rec[0]);
	kfree(rec);
	return ret;
}

/* Bug 3 (helper): a failed flush frees the staging buffer, and so does its caller. */
static noinline int canary_flush(u8 *stage, bool fail)
{
	if (fail) {
		kfree(stage);
		return -EIO;
	}
	return 0;
}

static noinline ssize_t kasan_rs_canary_double_free(const char __user *ubuf, size_t count, bool fail)
{
	u8 *stage = kmalloc(CANARY_BULK_STAGE, GFP_KERNEL);
	ssize_t ret = count;
	int err;

	if (!stage)
		return -ENOMEM;
	if (copy_from_user(stage, ubuf, CANARY_BULK_STAGE))
		ret = -EFAULT;
	err = canary_flush(stage, fail);
	kfree(stage);				/* the second kfree() when the flush failed */
	return err ? err : ret;
}

/*
 * Bug 2: a medium write (count in [MED_MIN, BULK_MIN)) replaces the device's 64-byte header
 * snapshot; on the refresh path (every uaf_every-th such write) the old snapshot is freed before
 * its last field is read.
 */
static noinline ssize_t kasan_rs_canary_uaf(const char __user *ubuf, size_t count, bool refresh)
{
	u64 *snap = kmalloc(CANARY_SNAP_SIZE, GFP_KERNEL), *fresh = NULL;
	ssize_t ret = count;
	u64 last;

	if (!snap)
		return -ENOMEM;
	if (copy_from_user(snap, ubuf, CANARY_SNAP_SIZE))
		ret = -EFAULT;
	snap[7] = count;
	if (refresh) {
		fresh = kmalloc(CANARY_SNAP_SIZE, GFP_KERNEL);
		if (fresh)
			memcpy(fresh, snap, CANARY_SNAP_SIZE);
		kfree(snap);
	}
	last = READ_ONCE(snap[7]);		/* use after free on the refresh path */
	if (refresh) {
		snap = fresh;
		if (!snap)
			return -ENOMEM;
	}
	snap[7] = last;
	kfree(snap);
	return ret;
}

/*
 * Bug 4: a read from inside the buffer (0 < pos < size) that runs past its end is clamped to
 * one byte too many (`size - pos + 1`) every page_oob_read_every-th time (the "short tail" path).
 * The bounce buffer is allocated first, so that nothing is allocated between
 * alloc_pages_exact() poisoning the 4th page of its order-2 block and the read.
 */
static noinline ssize_t kasan_rs_canary_page_oob_read(char __user *ubuf, loff_t pos, size_t n)
{
	u8 *bounce = kmalloc(n, GFP_KERNEL), *buf, *src;
	ssize_t ret = n;

	if (!bounce)
		return -ENOMEM;
	buf = alloc_pages_exact(CANARY_BUF_SIZE, GFP_KERNEL);
	if (!buf) {
		kfree(bounce);
		return -ENOMEM;
	}
	memset(buf, 0xc5, CANARY_BUF_SIZE);
	src = buf + pos;
	OPTIMIZER_HIDE_VAR(src);		/* no fortify bound: KASAN is the one to catch it */
	/*
	 * The last byte by hand, in this function: a fault inside memcpy() (a leaf routine that
	 * keeps no frame record) would leave this function out of the report's call trace.
	 */
	memcpy(bounce, src, n - 1);
	bounce[n - 1] = READ_ONCE(src[n - 1]);	/* one byte past the end on the bug path */
	free_pages_exact(buf, CANARY_BUF_SIZE);
	if (copy_to_user(ubuf, bounce, n))
		ret = -EFAULT;
	kfree(bounce);
	return ret;
}

static ssize_t canary_write(struct file *file, const char __user *ubuf, size_t count,
			    loff_t *ppos)
{
	st(ST_WRITE);
	if (count >= CANARY_REC_MIN && count <= CANARY_REC_MAX) {
		st(ST_REC);
		return kasan_rs_canary_oob_write(ubuf, count,
						 reach(B_OOB_WRITE, &rec_seq, oob_write_every));
	}
	if (count >= CANARY_MED_MIN && count < CANARY_BULK_MIN) {
		st(ST_MED);
		return kasan_rs_canary_uaf(ubuf, count, reach(B_UAF, &med_seq, uaf_every));
	}
	if (count >= CANARY_BULK_MIN) {
		st(ST_BULK);
		return kasan_rs_canary_double_free(ubuf, count,
						   reach(B_DOUBLE_FREE, &bulk_seq, double_free_every));
	}
	return count;				/* anything else is swallowed, like /dev/null */
}

static ssize_t canary_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	loff_t pos = *ppos;
	size_t n;
	ssize_t ret;

	st(ST_READ);
	if (count == 0 || pos < 0 || pos >= CANARY_BUF_SIZE)
		return 0;
	n = min_t(size_t, count, CANARY_BUF_SIZE - pos);
	if (pos == 0) {
		st(ST_READ_HEAD);
	} else {
		st(ST_READ_INSIDE);
		if (reach(B_PAGE_OOB_READ, &tail_seq, page_oob_read_every))
			n = CANARY_BUF_SIZE - pos + 1;	/* the bug */
	}
	ret = kasan_rs_canary_page_oob_read(ubuf, pos, n);
	if (ret > 0)
		*ppos = pos + ret;
	return ret;
}

static long canary_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	st(ST_IOCTL);
	return -ENOTTY;
}

static const struct file_operations canary_fops = {
	.owner		= THIS_MODULE,
	.write		= canary_write,
	.read		= canary_read,
	.unlocked_ioctl	= canary_ioctl,
	.llseek		= default_llseek,
};

static struct miscdevice canary_dev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "kasan_rs_canary",
	.fops	= &canary_fops,
	.mode	= 0666,
};

static int __init canary_init(void)
{
	int ret = misc_register(&canary_dev);
	int i;

	if (ret)
		return ret;
	for (i = 0; i < B_NR; i++)
		pr_info("kasan_rs_canary: %s %s\n", canaries[i],
			dry_run ? "dry-run" : armed & (1U << i) ? "planted" : "disarmed");
	if (dry_run)
		schedule_delayed_work(&stats_work, 10 * HZ);
	return 0;
}

static void __exit canary_exit(void)
{
	cancel_delayed_work_sync(&stats_work);
	misc_deregister(&canary_dev);
}

module_init(canary_init);
module_exit(canary_exit);
MODULE_DESCRIPTION("kasan-rs fuzz runs: planted memory bugs behind /dev/kasan_rs_canary");
MODULE_LICENSE("GPL");
