// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the `make run` initramfs: load /kasan_rs_sample.ko, then power off.
 *
 * A test fixture, not part of the implementation. Built static against the
 * kernel's own nolibc (tools/include/nolibc) by testing/scripts/initramfs.sh,
 * so no libc or cross toolchain beyond clang is needed. It prints a marker
 * line the harness can find, loads the sample module with finit_module(2)
 * (the module's init makes the bugs and returns 0), prints the result and
 * powers the machine off, which makes QEMU exit (it runs with -no-reboot).
 */

#define MODULE_PATH "/kasan_rs_sample.ko"

static void say(const char *s)
{
	write(1, s, strlen(s));
}

static void say_num(long n)
{
	char buf[24];
	int i = sizeof(buf);
	int neg = n < 0;
	unsigned long u = neg ? -(unsigned long)n : (unsigned long)n;

	buf[--i] = '\0';
	do {
		buf[--i] = '0' + u % 10;
		u /= 10;
	} while (u && i > 1);
	if (neg)
		buf[--i] = '-';
	say(buf + i);
}

int main(void)
{
	long ret;
	int fd;

	say("kasan-rs-init: loading " MODULE_PATH "\n");
	fd = open(MODULE_PATH, O_RDONLY, 0);
	if (fd < 0) {
		say("kasan-rs-init: cannot open " MODULE_PATH ": errno ");
		say_num(errno);
		say("\n");
	} else {
		ret = my_syscall3(__NR_finit_module, fd, "", 0);
		say("kasan-rs-init: finit_module returned ");
		say_num(ret);
		say("\n");
		close(fd);
	}
	say("kasan-rs-init: powering off\n");
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	/* Not reached; if it were, returning from init panics and panic=-1 ends QEMU. */
	return 1;
}
