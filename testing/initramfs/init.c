// SPDX-License-Identifier: GPL-2.0
/*
 * /init of the `make run` initramfs: load /kasan_rs_sample.ko (or the module
 * named by KASAN_RS_MODULE=/path.ko on the kernel command line, which the
 * kernel hands to init as an environment variable; several, separated by ':',
 * are loaded in that order), then power off.
 *
 * A test fixture, not part of the implementation. Built static against the
 * kernel's own nolibc (tools/include/nolibc) by testing/scripts/initramfs.sh,
 * so no libc or cross toolchain beyond clang is needed. It prints a marker
 * line the harness can find, loads the sample module with finit_module(2)
 * (the module's init makes the bugs and returns 0), prints the result and
 * powers the machine off, which makes QEMU exit (it runs with -no-reboot).
 *
 * With KASAN_RS_BENCH=1 on the command line (the `make bench` initramfs,
 * testing/scripts/bench.sh), it first mounts /proc and prints the slab lines
 * of /proc/meminfo as `kasan-rs-init: meminfo: Slab: N kB` (memory right
 * after boot, before any module is loaded).
 *
 * With KASAN_RS_SET_MODE=<value> (testing/scripts/faults.sh), it mounts sysfs,
 * prints /sys/module/kasan/parameters/mode, writes <value> to it (the run-time
 * mode switch of kasan-rs), prints the outcome and the mode again, then loads
 * the module.
 *
 * With KASAN_RS_CPU_CYCLE=<n> (faults.sh's hotplug checks), after that it
 * takes CPU n offline and back online through sysfs, then pins itself to CPU
 * n, so that the module's init (which runs in this task) makes its bugs on the
 * CPU that was just brought back up.
 */

#define DEFAULT_MODULE "/kasan_rs_sample.ko"
#define MODULE_VAR "KASAN_RS_MODULE="
#define BENCH_VAR "KASAN_RS_BENCH=1"
#define SET_MODE_VAR "KASAN_RS_SET_MODE="
#define MODE_PARAM "/sys/module/kasan/parameters/mode"
#define CPU_CYCLE_VAR "KASAN_RS_CPU_CYCLE="

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

/* Print "kasan-rs-init: <what>: errno N" for the errno of the last call. */
static void say_errno(const char *what)
{
	long e = errno;

	say("kasan-rs-init: ");
	say(what);
	say(": errno ");
	say_num(e);
	say("\n");
}

/* End a "kasan-rs-init: <what>" line with ": ok", or ": errno N" if n < 0. */
static void say_outcome(long n)
{
	if (n < 0) {
		say(": errno ");
		say_num(errno);
		say("\n");
	} else {
		say(": ok\n");
	}
}

/* Mount the pseudo filesystem type on dir (mounted already is fine). */
static int mount_pseudo_fs(const char *type, const char *dir)
{
	mkdir(dir, 0755);
	if (mount(type, dir, type, 0, "") < 0 && errno != EBUSY) {
		say_errno("cannot mount");
		return -1;
	}
	return 0;
}

/* The module to load: KASAN_RS_MODULE from the environment, or the default. */
static const char *module_path(char **envp)
{
	size_t n = strlen(MODULE_VAR);

	for (; envp && *envp; envp++)
		if (!strncmp(*envp, MODULE_VAR, n) && (*envp)[n] == '/')
			return *envp + n;
	return DEFAULT_MODULE;
}

/* The value of VAR= (VAR given with its '='), or NULL. */
static const char *env_value(char **envp, const char *var)
{
	size_t n = strlen(var);

	for (; envp && *envp; envp++)
		if (!strncmp(*envp, var, n))
			return *envp + n;
	return NULL;
}

static int has_env(char **envp, const char *var)
{
	for (; envp && *envp; envp++)
		if (!strcmp(*envp, var))
			return 1;
	return 0;
}

/* Print the kasan.mode parameter as "kasan-rs-init: mode: <value>". */
static void print_mode(void)
{
	char buf[32];
	long n;
	int fd = open(MODE_PARAM, O_RDONLY, 0);

	if (fd < 0) {
		say_errno("cannot open " MODE_PARAM);
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	say("kasan-rs-init: mode: ");
	say(buf);
	if (n <= 0 || buf[n - 1] != '\n')
		say("\n");
}

/* Write value to the kasan.mode parameter, printing the mode before and after. */
static void set_mode(const char *value)
{
	long n;
	int fd;

	if (mount_pseudo_fs("sysfs", "/sys") < 0)
		return;
	print_mode();
	fd = open(MODE_PARAM, O_WRONLY, 0);
	n = fd < 0 ? -1 : write(fd, value, strlen(value));
	say("kasan-rs-init: write ");
	say(value);
	say_outcome(n);
	if (fd >= 0)
		close(fd);
	print_mode();
}

/* Write "0" or "1" to CPU cpu's online file; print the outcome. */
static int set_cpu_online(const char *cpu, const char *state)
{
	static const char dir[] = "/sys/devices/system/cpu/cpu";
	char path[64];
	size_t len = strlen(cpu);
	long n;
	int fd;

	if (len > sizeof(path) - sizeof(dir) - sizeof("/online"))
		return -1;
	memcpy(path, dir, sizeof(dir) - 1);
	memcpy(path + sizeof(dir) - 1, cpu, len);
	memcpy(path + sizeof(dir) - 1 + len, "/online", sizeof("/online"));
	fd = open(path, O_WRONLY, 0);
	n = fd < 0 ? -1 : write(fd, state, 1);
	say("kasan-rs-init: cpu ");
	say(cpu);
	say(*state == '0' ? " offline" : " online");
	say_outcome(n);
	if (fd >= 0)
		close(fd);
	return n < 0 ? -1 : 0;
}

/* Take CPU cpu (decimal) offline and online again, then run on it. */
static void cycle_cpu(const char *cpu)
{
	unsigned long mask = 0;
	unsigned int now = ~0u;
	long n = 0;
	const char *p;

	for (p = cpu; *p >= '0' && *p <= '9'; p++)
		n = n * 10 + (*p - '0');
	if (p == cpu || *p || n >= (long)(8 * sizeof(mask))) {
		say("kasan-rs-init: bad " CPU_CYCLE_VAR "value\n");
		return;
	}
	if (mount_pseudo_fs("sysfs", "/sys") < 0)
		return;
	if (set_cpu_online(cpu, "0") < 0 || set_cpu_online(cpu, "1") < 0)
		return;
	mask = 1ul << n;
	n = my_syscall3(__NR_sched_setaffinity, 0, sizeof(mask), &mask);
	if (n < 0) {
		say("kasan-rs-init: sched_setaffinity: errno ");
		say_num(-n);
		say("\n");
		return;
	}
	my_syscall3(__NR_getcpu, &now, 0, 0);
	say("kasan-rs-init: running on cpu ");
	say_num(now);
	say("\n");
}

/* Print the Slab:, SReclaimable: and SUnreclaim: lines of /proc/meminfo. */
static void print_slab_meminfo(void)
{
	static char buf[8192];
	long n, len = 0;
	char *line, *end;
	int fd;

	if (mount_pseudo_fs("proc", "/proc") < 0)
		return;
	fd = open("/proc/meminfo", O_RDONLY, 0);
	if (fd < 0) {
		say_errno("cannot open /proc/meminfo");
		return;
	}
	while (len < (long)sizeof(buf) - 1 &&
	       (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	for (line = buf; *line; line = end + 1) {
		end = strchr(line, '\n');
		if (!end)
			break;
		*end = '\0';
		if (!strncmp(line, "Slab:", 5) || !strncmp(line, "SReclaimable:", 13) ||
		    !strncmp(line, "SUnreclaim:", 11)) {
			say("kasan-rs-init: meminfo: ");
			say(line);
			say("\n");
		}
	}
}

/* Load one module with finit_module(2), printing what happened. */
static void load_module(const char *path)
{
	long ret;
	int fd;

	say("kasan-rs-init: loading ");
	say(path);
	say("\n");
	fd = open(path, O_RDONLY, 0);
	if (fd < 0) {
		say("kasan-rs-init: cannot open ");
		say(path);
		say(": errno ");
		say_num(errno);
		say("\n");
		return;
	}
	ret = my_syscall3(__NR_finit_module, fd, "", 0);
	say("kasan-rs-init: finit_module returned ");
	say_num(ret);
	say("\n");
	close(fd);
}

int main(int argc, char **argv, char **envp)
{
	const char *path = module_path(envp);
	char one[256];
	const char *end;
	size_t n;

	(void)argc;
	(void)argv;
	if (has_env(envp, BENCH_VAR))
		print_slab_meminfo();
	if (env_value(envp, SET_MODE_VAR))
		set_mode(env_value(envp, SET_MODE_VAR));
	if (env_value(envp, CPU_CYCLE_VAR))
		cycle_cpu(env_value(envp, CPU_CYCLE_VAR));
	/* KASAN_RS_MODULE=/a.ko:/b.ko loads a.ko, then b.ko (make kunit). */
	for (;;) {
		end = strchr(path, ':');
		n = end ? (size_t)(end - path) : strlen(path);
		if (n > 0 && n < sizeof(one)) {
			memcpy(one, path, n);
			one[n] = '\0';
			load_module(one);
		}
		if (!end)
			break;
		path = end + 1;
	}
	say("kasan-rs-init: powering off\n");
	reboot(LINUX_REBOOT_CMD_POWER_OFF);
	/* Not reached; if it were, returning from init panics and panic=-1 ends QEMU. */
	return 1;
}
