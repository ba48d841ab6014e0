#!/usr/bin/env bash
# `make bench`: nokasan vs c vs rust, side by side, in one run: bench.sh
#
# For ROUNDS rounds (env BENCH_ROUNDS, default 3), interleaved, boots under
#   qemu-system-aarch64 -M virt,mte=on -cpu max -smp 2 -m 1G -seed ROUND -icount shift=0,sleep=off
# (icount: guest time advances 1 ns per guest instruction, so the kernel's clock measures the
# guest's work, not the host's load; -seed fixes IRG's random tags per round):
#   - each variant with the bench initramfs (/init from testing/initramfs/init.c with
#     KASAN_RS_BENCH=1 prints /proc/meminfo's Slab: line, then loads testing/bench/kasan_rs_bench.ko)
#     -> boot time (printk timestamp of `Freeing unused kernel memory`), slab kB, ns/op per op;
#   - c and rust once more the same way with kasan.stacktrace=off -> the same figures without
#     stack capture (nokasan's figures are their baseline);
#   - c and rust once more with the KUnit kasan suite (kunit.filter_glob=kasan*)
#     -> the suite's duration (timestamps of `# Subtest: kasan` and `ok N kasan`);
#   - each variant once more with the same initramfs, no module and -smp 1 -> slab kB after
#     boot, exact: with two CPUs the figure moves by whole slabs (an order-3 slab is 32 kB)
#     from seed to seed on every variant (per-CPU slabs), with one it is the same every boot;
#   - c and rust BENCH_EXTRA_BOOTS more times (default 3, seeds 1000*ROUND+K) with the suite,
#     whose waits for RCU grace periods (rcu_uaf, kmem_cache_oob, ...) end on 4 ms ticks.
# Host wall time of every boot is recorded too. testing/scripts/bench_report.py then reads the
# consoles' facts (`kasan-rs bench-facts`), checks the runs are honest (banner per variant, no
# KASAN report / crash in a measurement boot, symbol check of c and rust) and writes
# out/bench/<timestamp>/{results.md,results.json,ratios.svg}
# (out/bench/latest points at the newest). Exit status: 0 all checks passed, 1 otherwise.
#
# KASAN_RS_FAMILY (make bench FAMILY=hardened) benches that config family's three kernels instead
# of the minimal ones (testing/configs/family/).
# It never builds a kernel: the three Images must exist (make build VARIANT=... [FAMILY=...]). The bench
# module is built as an external module against each variant's build directory (seconds), and
# the Images are copied first so that a rebuild during the run cannot mix kernels.
set -euo pipefail
. "$(dirname "$0")/common.sh"
# The variants compared (not every buildable one: rustdbg is rust with DWARF).
BENCH_VARIANTS="nokasan c rust"

ROUNDS="${BENCH_ROUNDS:-3}"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive integer (got '$ROUNDS')"
EXTRA_BOOTS="${BENCH_EXTRA_BOOTS:-3}"
[[ "$EXTRA_BOOTS" =~ ^[0-9]+$ ]] || die "BENCH_EXTRA_BOOTS must be a number >= 0 (got '$EXTRA_BOOTS')"
TIMEOUT="${BENCH_TIMEOUT:-300}"     # per boot, seconds of host time
WAIT="${BENCH_WAIT:-1800}"          # how long to wait for a running kernel build, seconds
QEMU="${QEMU:-qemu-system-aarch64}"
t_start=$(date +%s)

command -v "$QEMU" >/dev/null || die "$QEMU missing: run testing/bootstrap.sh"
command -v python3 >/dev/null || die "python3 missing"
command -v clang-19 >/dev/null || die "clang-19 missing: run testing/bootstrap.sh"
# Built now, not after the boots: bench_report.py reads the consoles with it.
KASAN_RS=$(kasan_rs_tool) || exit 1
export KASAN_RS

stamp=$(date -u +%Y%m%dT%H%M%SZ)
res="$TOP/out/bench/$stamp"
mkdir -p "$res/logs" "$res/work"
say "make bench: $ROUNDS round(s) of nokasan, c, rust (config family $FAMILY); results in ${res#$TOP/}"

# 1. No kernel build of ours may be running: its Image and vmlinux would be half-written.
building() {
  local v
  for v in $BENCH_VARIANTS; do
    pgrep -f -- "O=$(builddir "$v")( |$)" >/dev/null && { echo "$v"; return 0; }
  done
  return 1
}
waited=0
while b=$(building); do
  (( waited == 0 )) && say "a kernel build of the $b variant is running: waiting for it (up to ${WAIT}s)"
  (( waited >= WAIT )) && die "the $b kernel build is still running after ${WAIT}s"
  sleep 5; waited=$((waited + 5))
done

# 2. Snapshot the three kernels, prove which implementation c and rust carry.
for v in $BENCH_VARIANTS; do
  img="$(builddir "$v")/arch/arm64/boot/Image"
  [ -f "$img" ] || die "$img missing: build it first (make build VARIANT=$v)"
  cp "$img" "$res/work/Image-$v"
done
: > "$res/symbols.txt"
symbols_ok=1
for v in c rust; do
  if "$TOP/testing/scripts/check-symbols.sh" "$v" >>"$res/symbols.txt" 2>&1; then :; else symbols_ok=0; fi
done
for v in $BENCH_VARIANTS; do
  cmp -s "$(builddir "$v")/arch/arm64/boot/Image" "$res/work/Image-$v" \
    || die "the $v Image changed while the bench started (a build ran): run make bench again"
done
cat "$res/symbols.txt" >&2

# 3. The bench module, built against each variant's build directory; /init; one cpio each.
for v in $BENCH_VARIANTS; do bench_initramfs "$v" "$res/work"; done

# 4. The boots, one at a time.
qemu_base=(-M virt,mte=on -cpu max -m 1G -nographic -no-reboot)
printf 'variant\tround\tkind\tlog\twall_s\texit\n' > "$res/runs.tsv"
boot() {  # boot VARIANT ROUND KIND [SEED]
  local v=$1 r=$2 kind=$3 seed=${4:-$2} args t0 t1 rc smp=2
  local log="$res/logs/$v-r$r-$kind${4:+-s$4}.log"
  [ "$kind" = slab ] && smp=1
  args=("${qemu_base[@]}" -smp "$smp" -seed "$seed" -icount shift=0,sleep=off -kernel "$res/work/Image-$v")
  local extra=""; [ "$kind" = bench-nost ] && extra=" kasan.stacktrace=off"
  if [ "$kind" = bench ] || [ "$kind" = bench-nost ]; then
    # bench-nost: the same boot with kasan.stacktrace=off, which dogfood kernels choose
    # to make KASAN cheap (c and rust only: nokasan's bench boot is the baseline of both).
    args+=(-initrd "$res/work/initramfs-$v.cpio"
           -append "console=ttyAMA0 panic=-1 printk.time=1 rdinit=/init kunit.enable=0 KASAN_RS_BENCH=1 KASAN_RS_MODULE=/kasan_rs_bench.ko$extra")
  elif [ "$kind" = slab ]; then
    args+=(-initrd "$res/work/initramfs-$v.cpio"
           -append "console=ttyAMA0 panic=-1 printk.time=1 rdinit=/init kunit.enable=0 KASAN_RS_BENCH=1")
  else
    args+=(-append "console=ttyAMA0 panic=-1 printk.time=1 kunit_shutdown=poweroff kunit.filter_glob=kasan*")
  fi
  printf 'bench: $ %s' "$QEMU" > "$log"; printf ' %q' "${args[@]}" >> "$log"; echo >> "$log"
  t0=$(date +%s.%N)
  set +e; timeout "$TIMEOUT" "$QEMU" "${args[@]}" </dev/null >>"$log" 2>&1; rc=$?; set -e
  t1=$(date +%s.%N)
  wall=$(python3 -c "print(f'{$t1 - $t0:.2f}')")
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$r" "$kind" "logs/${log##*/}" "$wall" "$rc" >> "$res/runs.tsv"
  say "round $r/$ROUNDS: $v $kind: ${wall}s wall, exit $rc"
}
for r in $(seq 1 "$ROUNDS"); do
  for v in $BENCH_VARIANTS; do boot "$v" "$r" bench; done
  for v in c rust; do boot "$v" "$r" bench-nost; done
  for v in c rust; do boot "$v" "$r" kunit; done
  for v in $BENCH_VARIANTS; do boot "$v" "$r" slab; done
  for k in $(seq 1 "$EXTRA_BOOTS"); do
    for v in c rust; do boot "$v" "$r" kunit-extra "$((1000 * r + k))"; done
  done
done

# 5. Figures, checks, table, chart.
t_end=$(date +%s)
rm -f "$res/work/Image-"*
set +e
python3 "$TOP/testing/scripts/bench_report.py" "$res" --rounds "$ROUNDS" --symbols-ok "$symbols_ok" \
  --total-seconds "$((t_end - t_start))" --family "$FAMILY"
rc=$?
set -e
ln -sfn "$stamp" "$TOP/out/bench/latest"
echo
cat "$res/results.md"
echo
echo "make bench: $([ "$rc" = 0 ] && echo PASS || echo FAIL) in $(( $(date +%s) - t_start )) s; results in ${res#$TOP/}/ (out/bench/latest)"
exit "$rc"
