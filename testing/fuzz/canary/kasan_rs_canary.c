// SPDX-License-Identifier: GPL-2.0
/*
 * kasan_rs_canary: four planted memory bugs for the fuzz runs of issue 12 (test-only, never
 * shipped). A syscall fuzzer running as an unprivileged user finds /dev/kasan_rs_canary (mode
 * 0666) and, now and then, hands its write/ioctl/read handlers the argument values that reach a
 * bug. Each bug lives in its own noinline function, so the host's fuzz manager recognises a
 * report by the function name in the call trace:
 *
 *   kasan_rs_canary_oob_write       write(): slab-out-of-bounds write into the redzone of a
 *                                   kmalloc(40) object (bytes 48..63 of its kmalloc-64 slot)
 *   kasan_rs_canary_uaf             ioctl(KASAN_RS_CANARY_SWAP): reads a kfree()d object
 *   kasan_rs_canary_double_free     ioctl(KASAN_RS_CANARY_RESIZE): frees the same object twice
 *   kasan_rs_canary_page_oob_read   read()/pread() from inside the buffer past its end: copies
 *                                   one byte past a 3-page alloc_pages_exact() buffer
 *
 * Why the accesses are caught by HW tags KASAN every time (tag granule 16 bytes):
 * - oob_write: kmalloc(40) comes from kmalloc-64; KASAN tags the object's granules 0..47 with the
 *   object's tag and poisons 48..63 (the kmalloc redzone) with KASAN_TAG_INVALID (0xFE), a tag no
 *   pointer carries. The write reaches into bytes 48..63, so it always mismatches.
 * - uaf / double_free: kfree() re-tags the object with 0xFE; the access or the second kfree()
 *   always mismatches (the second kfree is caught by kasan's double-free/invalid-free check),
 *   unless the slot was reallocated in between, which the code leaves no room for (the bad access
 *   follows the kfree directly).
 * - page_oob_read: alloc_pages_exact(3 pages) takes an order-2 block and frees its 4th page
 *   straight back to the buddy allocator (make_alloc_exact, FPI_TO_TAIL), which poisons it with
 *   0xFE. The read one byte past the buffer lands in that page right after the allocation, so it
 *   mismatches (a plain order-0 page would be followed by a page whose tag differs only with
 *   probability ~15/16).
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
 * prints, every 10 s, how many calls each handler got and how many would have hit each bug: that
 * is how the trigger conditions were tuned against trinity's argument distributions.
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

/* write(): a "poke" record: [0] magic, [1] offset, [2] length, [3..] data. */
#define CANARY_POKE_MAGIC	0xc5
#define CANARY_REC_SIZE		40	/* the object */
#define CANARY_REC_SLOT		64	/* its kmalloc cache's size: the wrong bound */

/* ioctl(): the type byte of the device's commands. */
#define CANARY_IOC_TYPE		0xc5
#define KASAN_RS_CANARY_SWAP	0x01	/* _IOC_NR */
#define KASAN_RS_CANARY_RESIZE	0x02
#define CANARY_RESIZE_MAX	4096

/* read(): the device's 3-page buffer. */
#define CANARY_BUF_SIZE		(3 * PAGE_SIZE)

enum { ST_WRITE, ST_POKE, ST_OOB_WRITE, ST_IOCTL, ST_IOC_TYPE, ST_UAF, ST_DOUBLE_FREE, ST_READ,
       ST_READ_POS, ST_READ_ALL, ST_PAGE_OOB_READ, ST_NR };
static const char *const st_names[ST_NR] = {
	"write", "poke", "oob_write", "ioctl", "ioctl_type", "uaf", "double_free", "read",
	"read_pos!=0", "read_all", "page_oob_read",
};
static atomic_long_t stats[ST_NR];
static void stats_print(struct work_struct *w);
static void hist_print(void);
static DECLARE_DELAYED_WORK(stats_work, stats_print);

static void stats_print(struct work_struct *w)
{
	char line[256];
	int i, n = 0;

	for (i = 0; i < ST_NR; i++)
		n += scnprintf(line + n, sizeof(line) - n, " %s=%ld", st_names[i],
			       atomic_long_read(&stats[i]));
	pr_info("kasan_rs_canary: dry-run%s\n", line);
	hist_print();
	schedule_delayed_work(&stats_work, 10 * HZ);
}

static inline void st(int i) { atomic_long_inc(&stats[i]); }
static atomic_long_t h0[256], rd_cls[8];

static void hist_print(void)
{
	char line[512];
	int i, n = 0;

	for (i = 0; i < 256; i++)
		if (atomic_long_read(&h0[i]) > 2)
			n += scnprintf(line + n, sizeof(line) - n, " %02x:%ld", i, atomic_long_read(&h0[i]));
	pr_info("kasan_rs_canary: dry-run hdr0%s\n", line);
	n = 0;
	for (i = 0; i < 8; i++)
		n += scnprintf(line + n, sizeof(line) - n, " r%d:%ld", i, atomic_long_read(&rd_cls[i]));
	pr_info("kasan_rs_canary: dry-run read%s\n", line);
}

/* Bug 1: the bound is the cache's slot size, not the object's. */
static noinline int kasan_rs_canary_oob_write(const u8 *data, unsigned int off, unsigned int len)
{
	u8 *rec = kmalloc(CANARY_REC_SIZE, GFP_KERNEL);
	int ret;

	if (!rec)
		return -ENOMEM;
	memset(rec, 0, CANARY_REC_SIZE);
	memcpy(rec + off, data, len);		/* off + len <= CANARY_REC_SLOT was checked */
	ret = rec[0];
	kfree(rec);
	return ret;
}

/* Bug 2: the old record is freed before its last field is read. */
static noinline long kasan_rs_canary_uaf(unsigned long arg)
{
	u64 *old = kmalloc(64, GFP_KERNEL), *new;
	long ret;

	if (!old)
		return -ENOMEM;
	old[7] = arg;
	new = kmalloc(64, GFP_KERNEL);
	if (!new) {
		kfree(old);
		return -ENOMEM;
	}
	kfree(old);
	ret = READ_ONCE(old[7]);		/* use after free */
	kfree(new);
	return ret;
}

/* Bug 3: the error path frees the buffer, and so does its caller. */
static noinline int canary_resize(void *buf, unsigned long size)
{
	if (size > CANARY_RESIZE_MAX) {
		kfree(buf);
		return -EINVAL;
	}
	return 0;
}

static noinline long kasan_rs_canary_double_free(unsigned long size)
{
	void *buf = kmalloc(128, GFP_KERNEL);
	int ret;

	if (!buf)
		return -ENOMEM;
	ret = canary_resize(buf, size);
	kfree(buf);				/* freed again when canary_resize failed */
	return ret;
}

/*
 * Bug 4: a read that starts inside the buffer and runs past its end is clamped to one byte too
 * many (`size - pos + 1`). The bounce buffer is allocated first, so that nothing is allocated
 * between alloc_pages_exact() poisoning the 4th page of its order-2 block and the read.
 */
static noinline ssize_t kasan_rs_canary_page_oob_read(char __user *ubuf, loff_t pos, size_t n)
{
	u8 *bounce = kmalloc(n, GFP_KERNEL), *buf;
	ssize_t ret = n;

	if (!bounce)
		return -ENOMEM;
	buf = alloc_pages_exact(CANARY_BUF_SIZE, GFP_KERNEL);
	if (!buf) {
		kfree(bounce);
		return -ENOMEM;
	}
	memset(buf, 0xc5, CANARY_BUF_SIZE);
	memcpy(bounce, buf + pos, n);		/* n == CANARY_BUF_SIZE - pos + 1: one byte past */
	free_pages_exact(buf, CANARY_BUF_SIZE);
	if (copy_to_user(ubuf, bounce, n))
		ret = -EFAULT;
	kfree(bounce);
	return ret;
}

static ssize_t canary_write(struct file *file, const char __user *ubuf, size_t count,
			    loff_t *ppos)
{
	u8 hdr[3 + 16];
	unsigned int off, len;
	int ret;

	st(ST_WRITE);
	if (count < 3)
		return -EINVAL;
	if (copy_from_user(hdr, ubuf, min(count, sizeof(hdr))))
		return -EFAULT;
	if (dry_run)
		atomic_long_inc(&h0[hdr[0]]);
	if (hdr[0] != CANARY_POKE_MAGIC)
		return count;			/* not a poke: swallowed, like /dev/null */
	st(ST_POKE);
	off = hdr[1];
	len = hdr[2] & 0xf;
	if (len > count - 3 || off + len > CANARY_REC_SLOT)
		return -EINVAL;
	if (off + len <= CANARY_REC_SIZE)
		return count;			/* in bounds: nothing to see */
	if (off + len > round_up(CANARY_REC_SIZE, 16))
		st(ST_OOB_WRITE);
	if (dry_run)
		return count;
	ret = kasan_rs_canary_oob_write(hdr + 3, off, len);
	return ret < 0 ? ret : count;
}

static long canary_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	st(ST_IOCTL);
	if (_IOC_TYPE(cmd) != CANARY_IOC_TYPE)
		return -ENOTTY;
	st(ST_IOC_TYPE);
	switch (_IOC_NR(cmd)) {
	case KASAN_RS_CANARY_SWAP:
		st(ST_UAF);
		return dry_run ? 0 : kasan_rs_canary_uaf(arg);
	case KASAN_RS_CANARY_RESIZE:
		if (arg > CANARY_RESIZE_MAX)
			st(ST_DOUBLE_FREE);
		if (dry_run)
			return 0;
		return kasan_rs_canary_double_free(arg);
	}
	return -ENOTTY;
}

static ssize_t canary_read(struct file *file, char __user *ubuf, size_t count, loff_t *ppos)
{
	loff_t pos = *ppos;
	size_t n = count;
	ssize_t ret;

	st(ST_READ);
	if (pos)
		st(ST_READ_POS);
	if (dry_run) {
		atomic_long_inc(&rd_cls[pos == 0 ? 0 : pos < 0 ? 1 : pos < CANARY_BUF_SIZE ? 2 : 3]);
		atomic_long_inc(&rd_cls[count <= 16 ? 4 : count <= PAGE_SIZE ? 5 : count <= CANARY_BUF_SIZE ? 6 : 7]);
	}
	if (count == 0 || pos < 0 || pos >= CANARY_BUF_SIZE)
		return 0;
	if (pos + count > CANARY_BUF_SIZE) {
		if (!pos) {
			/* The whole buffer: the path everybody uses, and it is right. */
			st(ST_READ_ALL);
			n = CANARY_BUF_SIZE;
		} else {
			n = CANARY_BUF_SIZE - pos + 1;	/* the bug */
			st(ST_PAGE_OOB_READ);
		}
	} else {
		n = min_t(size_t, count, PAGE_SIZE);
	}
	if (dry_run)
		return 0;
	if (n > CANARY_BUF_SIZE - pos) {
		ret = kasan_rs_canary_page_oob_read(ubuf, pos, n);
	} else {
		u8 *bounce = kmalloc(n, GFP_KERNEL);

		if (!bounce)
			return -ENOMEM;
		memset(bounce, 0xc5, n);
		ret = copy_to_user(ubuf, bounce, n) ? -EFAULT : n;
		kfree(bounce);
	}
	if (ret > 0)
		*ppos = pos + ret;
	return ret;
}

static const struct file_operations canary_fops = {
	.owner		= THIS_MODULE,
	.write		= canary_write,
	.read		= canary_read,
	.unlocked_ioctl	= canary_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= default_llseek,
};

static struct miscdevice canary_dev = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "kasan_rs_canary",
	.fops	= &canary_fops,
	.mode	= 0666,
};

static const char *const canaries[] = {
	"kasan_rs_canary_oob_write", "kasan_rs_canary_uaf", "kasan_rs_canary_double_free",
	"kasan_rs_canary_page_oob_read",
};

static int __init canary_init(void)
{
	int ret = misc_register(&canary_dev);
	int i;

	if (ret)
		return ret;
	for (i = 0; i < ARRAY_SIZE(canaries); i++)
		pr_info("kasan_rs_canary: %s %s\n", canaries[i], dry_run ? "dry-run" : "planted");
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
