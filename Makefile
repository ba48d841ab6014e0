# kasan-rs host-side entry points (GNU make). The kernel side of the project is built by the
# kernel's own Kbuild from the `Kbuild`/`Kconfig` files next to this one, once they are placed in
# mm/kasan/rs/ of the tree (testing/scripts/tree.sh): Kbuild reads `Kbuild`, never this file.
#
#   make test                       host tests + the KUnit kasan suite on every TEST_VARIANTS
#   make run [VARIANT=c] [KASAN_ARGS="kasan.mode=async"]
#                                   boot the sample module, print the KASAN reports
#   make help                       everything else

# Variants whose kasan suite `make test` runs, each against testing/expectations/<variant>.expect.
# c is the oracle (upstream C HW_TAGS), rust is ours (CONFIG_KASAN_HW_TAGS_RUST).
TEST_VARIANTS ?= c rust
# Variant `make run` boots by default.
RUN_VARIANT ?= rust
VARIANT ?= $(RUN_VARIANT)
# Extra boot parameters for `make run`, e.g. KASAN_ARGS="kasan.mode=async kasan.fault=panic".
# kasan.* words are checked against 6.12's parameters; KASAN_ARGS_UNCHECKED=1 skips the check.
KASAN_ARGS ?=

CARGO ?= cargo
SHELL := /bin/bash

.DEFAULT_GOAL := help
.PHONY: help bootstrap build tools check test run field fuzz fuzz-syzkaller fuzz-honesty fuzz-cost fuzz-badboot kunit bench profile clean-logs

help:
	@echo 'kasan-rs: hardware tag-based KASAN (arm64 MTE) in Rust, on a pristine Linux 6.12 tree'
	@echo
	@echo '  make test        host tests, then the KUnit kasan suite under QEMU for each of'
	@echo '                   TEST_VARIANTS="$(TEST_VARIANTS)" against testing/expectations/'
	@echo '  make run         boot VARIANT (default $(RUN_VARIANT)) with samples/kasan_rs_sample,'
	@echo '                   print its KASAN reports and one line per bug;'
	@echo '                   boot parameters: KASAN_ARGS="kasan.mode=async ..."'
	@echo '  make field       the config families (FAMILIES="hardened debug") x c, rust: make test,'
	@echo '                   make run, KFENCE, quiet consoles, lockdep; out/logs/field/'
	@echo '  make fuzz        a fuzz campaign: trinity + stress-ng in QEMU virt,mte=on on the fuzz'
	@echo '                   kernel (family fuzz), VM restarted after each crash, a crash table;'
	@echo '                   VARIANT="c rust" DURATION=30m SEED=1 KASAN_ARGS=...; out/fuzz/'
	@echo '  make fuzz-syzkaller  the same kernel and image for syzkaller: writes a syz-manager'
	@echo '                   config to out/fuzz/syzkaller/manager.cfg (VARIANT=rust)'
	@echo '  make fuzz-cost   nokasan, c, rust side by side: guest time per syscall, rust/c'
	@echo '                   (DURATION=10m; FUZZ_ICOUNT=1 for instructions), out/fuzz-cost/'
	@echo '  make fuzz-honesty  a campaign on a rust kernel whose reports a throw-away patch'
	@echo '                   silences: no planted bug may be reported (DURATION=10m)'
	@echo '  make fuzz-badboot  a fuzz kernel that panics before userspace, and a full disk'
	@echo '                   for the logs: counted and restarted / a clear error (VARIANT=rust)'
	@echo '  make kunit       the kunit config family (~30 KUnit suites) on c and rust, compared suite'
	@echo '                   by suite and case by case, KASAN reports only in KASAN suites;'
	@echo '                   with the newest upstream kasan suite (Debian'"'"'s newest linux-source;'
	@echo '                   KUNIT_UPSTREAM_KASAN_TEST=path or =none); out/logs/kunit/'
	@echo '  make bench       nokasan vs c vs rust: boot, slab, allocator ns/op, KUnit time;'
	@echo '                   ROUNDS=$(ROUNDS) rounds under QEMU -icount; FAMILY=hardened benches that'
	@echo '                   family'"'"'s three kernels; results in out/bench/latest/'
	@echo '  make profile     c vs rust: guest instructions per KASAN function (QEMU exec trace);'
	@echo '                   results in out/profile/latest/'
	@echo '  make build       build one kernel: VARIANT=c|nokasan|rust [FAMILY=hardened|debug]'
	@echo '                   (cache: $${KASAN_RS_CACHE:-~/.cache/kasan-rs})'
	@echo '  make tools       build the host tool target/release/kasan-rs'
	@echo '  make check       host tests of every crate, cargo fmt --check, kernel-side rustfmt,'
	@echo '                   checkpatch.pl on patches/ and the kernel C files'
	@echo '  make bootstrap   install the toolchain (Debian bookworm, root; idempotent)'
	@echo
	@echo 'Logs: out/logs/. The first `make test` or `make run` bootstraps everything.'

bootstrap:
	@testing/bootstrap.sh

build: bootstrap
	@KASAN_RS_FAMILY="$(FAMILY)" testing/scripts/build.sh $(VARIANT)

tools:
	$(CARGO) build --release -p kasan-rs-tools

check:
	$(CARGO) test --workspace --release
	@if $(CARGO) fmt --version >/dev/null 2>&1; then $(CARGO) fmt --all --check; \
	 else echo 'rustfmt not installed: skipping cargo fmt --check'; fi
	@testing/scripts/rustfmt.sh --check
	@testing/scripts/checkpatch.sh
	@testing/scripts/unsafe-census.sh --check >/dev/null && echo 'unsafe-census: no raw C call outside rust/ffi, module graph acyclic'
	@testing/scripts/kernel-lint.sh --if-built

test: bootstrap
	@TEST_VARIANTS="$(TEST_VARIANTS)" testing/scripts/test.sh

run: bootstrap
	@testing/scripts/run.sh "$(VARIANT)" "$(KASAN_ARGS)"

# The field campaign: every config family of testing/configs/family/ built as c and rust, each
# put through make test, make run, the KFENCE checks, the quiet-console and lockdep checks.
FAMILIES ?= hardened debug
field: bootstrap
	@testing/scripts/field.sh $(FAMILIES)

# A fuzz campaign on the `fuzz` config family (testing/scripts/fuzz.sh). DURATION per variant.
DURATION ?= 30m
SEED ?= 1
fuzz: bootstrap
	@DURATION="$(DURATION)" SEED="$(SEED)" KASAN_ARGS="$(KASAN_ARGS)" testing/scripts/fuzz.sh $(VARIANT)

fuzz-syzkaller: bootstrap
	@testing/scripts/fuzz-syzkaller.sh $(VARIANT)

# nokasan, c and rust side by side on the same campaign: guest time per syscall, rust/c.
fuzz-cost: bootstrap
	@testing/scripts/fuzz-cost.sh $(if $(filter command line,$(origin DURATION)),$(DURATION),10m)

# The campaign with the rust kernel's KASAN reports silenced by a throw-away patch: it must find
# none of the planted bugs (testing/scripts/fuzz-honesty.sh).
fuzz-honesty: bootstrap
	@testing/scripts/fuzz-honesty.sh $(if $(filter command line,$(origin DURATION)),$(DURATION),10m)
# make fuzz's bad input on a real fuzz kernel: one that panics in its first second, and a full
# disk for the logs (testing/scripts/fuzz-badboot.sh; about 3 min, root).
fuzz-badboot: bootstrap
	@testing/scripts/fuzz-badboot.sh $(VARIANT)
# Every KUnit suite of the `kunit` config family (testing/configs/family/kunit.config) on c and
# rust, compared by `kasan-rs kunit-compare`; builds both kernels of the family. Not part of make
# test (two more cold kernel builds). It also runs the newest upstream kasan suite as the module
# kasan_mm (testing/kunit/kasan-test-mm: fetch.sh takes it from Debian's newest linux-source;
# KUNIT_UPSTREAM_KASAN_TEST=/path/to/kasan_test_c.c another, =none not at all).
kunit: bootstrap
	@testing/scripts/kunit.sh

# Rounds of `make bench` (each boots nokasan, c and rust with the bench module, and c and rust
# with the KUnit kasan suite). Needs the three kernels built; never builds one.
ROUNDS ?= 3
bench:
	@BENCH_ROUNDS="$(ROUNDS)" KASAN_RS_FAMILY="$(FAMILY)" testing/scripts/bench.sh

# Guest instructions per KASAN function, c vs rust (exact, from a QEMU execution trace). Needs
# the c and rust kernels built; never builds one. PROFILE_BOOTS="bench kunit boot" by default.
profile:
	@testing/scripts/profile.sh

clean-logs:
	rm -rf out/logs
