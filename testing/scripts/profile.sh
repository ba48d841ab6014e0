#!/usr/bin/env bash
# `make profile`: where KASAN's guest instructions go, c vs rust, function by function.
#
# For c and rust, one boot of each kind in PROFILE_BOOTS (default "bench kunit boot"):
#   bench: the `make bench` initramfs (allocator microbenchmark module);
#   bench-nost: the same with kasan.stacktrace=off;
#   kunit: the KUnit kasan suite (kunit.filter_glob=kasan*);
#   boot: the bench initramfs without its module (boot to init, then power off), with the
#         kernel functions of a stack capture counted too (below): every allocation and free
#         of a boot saves a stack, which is most of KASAN's boot cost.
# under qemu-system-aarch64 -M virt,mte=on -cpu max -smp 2 -icount shift=0,sleep=off -seed 1, with
# TCG translating one guest instruction per block and logging every executed one (-d exec,nochain),
# restricted (-dfilter) to the functions of the implementation: C mm/kasan/{common,hw_tags,report,
# report_hw_tags,tags,report_tags}.o, Rust mm/kasan/rs/rust/{kasan_rs,glue}.o, located in vmlinux by
# testing/scripts/profile_count.py; in boot boots also the kernel functions of a stack capture
# (the generic unwinder, the depot's save: tracing them in the bench boot would make it some ten
# times longer, for the same per-call figures). The trace goes through a pipe into profile_count.py, which counts
# calls and instructions per function (exact for the boot traced; nothing is sampled). Results:
# out/profile/<stamp>/{profile.md,<boot>-<variant>.json} (out/profile/latest points at the newest).
#
# Slow on purpose (a traced boot runs a few times slower than a plain one): about 3 minutes for the
# four boots. Never builds a kernel: c and rust must be built (make build VARIANT=...).
set -euo pipefail
. "$(dirname "$0")/common.sh"

BOOTS="${PROFILE_BOOTS:-bench kunit boot}"
QEMU="${QEMU:-qemu-system-aarch64}"
TIMEOUT="${PROFILE_TIMEOUT:-1200}"
for b in $BOOTS; do
  case "$b" in bench|bench-nost|kunit|boot) ;; *) die "PROFILE_BOOTS: unknown boot kind '$b' (bench, bench-nost, kunit, boot)";; esac
done
command -v "$QEMU" >/dev/null || die "$QEMU missing: run testing/bootstrap.sh"
command -v llvm-readelf-19 >/dev/null || die "llvm-readelf-19 missing: run testing/bootstrap.sh (package llvm-19)"
command -v llvm-cxxfilt-19 >/dev/null || die "llvm-cxxfilt-19 missing: run testing/bootstrap.sh (package llvm-19)"
t_start=$(date +%s)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
res="$TOP/out/profile/$stamp"
mkdir -p "$res/work"
objs_c="common hw_tags report report_hw_tags tags report_tags"
# The kernel functions a stack capture runs (profile_count.py's CAPTURE, less kasan_save_stack,
# which is the implementation's own), counted as functions of their own in both variants.
callees="stack_trace_save,arch_stack_walk,stack_trace_consume_entry,filter_irq_stacks,stack_depot_save_flags,stack_depot_fetch,stack_depot_put,memcmp"

pairs=()
for v in c rust; do
  out="$(builddir "$v")"
  for f in "$out/vmlinux" "$out/arch/arm64/boot/Image"; do
    [ -f "$f" ] || die "$f missing: build it first (make build VARIANT=$v)"
  done
  cp "$out/arch/arm64/boot/Image" "$res/work/Image-$v"
  if [ "$v" = c ]; then
    objs=(); for o in $objs_c; do objs+=("$out/mm/kasan/$o.o"); done
  else
    objs=("$out/mm/kasan/rs/rust/kasan_rs.o" "$out/mm/kasan/rs/rust/glue.o")
  fi
  for symset in own callees; do
    callee_args=(); [ "$symset" = own ] || callee_args=(--callees="$callees")
    python3 "$TOP/testing/scripts/profile_count.py" symbols "$out/vmlinux" "${callee_args[@]}" "${objs[@]}" \
      > "$res/work/symbols-$symset-$v.tsv" 2> "$res/work/symbols-$symset-$v.err" \
      || { cat "$res/work/symbols-$symset-$v.err" >&2; die "[$v] cannot locate the implementation's functions"; }
    filter=$(tail -1 "$res/work/symbols-$symset-$v.err")
    [[ "$filter" =~ ^0x[0-9a-f]+\+0x ]] || die "[$v] no -dfilter ranges (see $res/work/symbols-$symset-$v.err)"
  done
  case " $BOOTS " in *" bench "*|*" bench-nost "*|*" boot "*) bench_initramfs "$v" "$res/work" ;; esac
  for b in $BOOTS; do
    symset=own; [ "$b" != boot ] || symset=callees
    filter=$(tail -1 "$res/work/symbols-$symset-$v.err")
    args=(-M virt,mte=on -cpu max -smp 2 -m 1G -nographic -no-reboot -seed 1
          -icount shift=0,sleep=off -accel tcg,one-insn-per-tb=on -kernel "$res/work/Image-$v")
    if [ "$b" = bench ] || [ "$b" = bench-nost ]; then
      # bench-nost: the bench boot with kasan.stacktrace=off (make bench's rows of that name).
      extra=""; [ "$b" = bench ] || extra=" kasan.stacktrace=off"
      args+=(-initrd "$res/work/initramfs-$v.cpio"
             -append "console=ttyAMA0 panic=-1 printk.time=1 rdinit=/init kunit.enable=0 KASAN_RS_BENCH=1 KASAN_RS_MODULE=/kasan_rs_bench.ko$extra")
    elif [ "$b" = boot ]; then
      args+=(-initrd "$res/work/initramfs-$v.cpio"
             -append "console=ttyAMA0 panic=-1 printk.time=1 rdinit=/init kunit.enable=0 KASAN_RS_BENCH=1")
    else
      args+=(-append "console=ttyAMA0 panic=-1 printk.time=1 kunit_shutdown=poweroff kunit.filter_glob=kasan*")
    fi
    fifo="$res/work/trace-$b-$v.fifo"
    rm -f "$fifo"; mkfifo "$fifo"
    say "[$v] $b boot, traced"
    python3 "$TOP/testing/scripts/profile_count.py" count "$res/work/symbols-$symset-$v.tsv" \
      < "$fifo" > "$res/$b-$v.json" &
    counter=$!
    set +e
    timeout "$TIMEOUT" "$QEMU" "${args[@]}" -d exec,nochain -dfilter "$filter" -D "$fifo" \
      </dev/null > "$res/work/console-$b-$v.log" 2>&1
    rc=$?
    wait "$counter"; crc=$?
    set -e
    rm -f "$fifo"
    [ "$rc" = 0 ] || die "[$v] $b boot: QEMU exit $rc (console: $res/work/console-$b-$v.log)"
    [ "$crc" = 0 ] || die "[$v] $b boot: the counter failed"
    grep -q "reboot: Power down" "$res/work/console-$b-$v.log" \
      || die "[$v] $b boot did not power off cleanly (console: $res/work/console-$b-$v.log)"
    pairs+=("$b:$v=$res/$b-$v.json")
  done
done
rm -f "$res/work/Image-"*
python3 "$TOP/testing/scripts/profile_count.py" report "$res/profile.md" "${pairs[@]}"
ln -sfn "$stamp" "$TOP/out/profile/latest"
head -40 "$res/profile.md"
say "make profile: done in $(( $(date +%s) - t_start )) s; results in ${res#$TOP/}/profile.md (out/profile/latest)"
