#!/usr/bin/env bash
# A fuzz campaign (`make fuzz`): fuzz.sh VARIANT...
#   DURATION=30m SEED=1 KASAN_ARGS="..." testing/scripts/fuzz.sh c rust
#
# For each variant: builds its fuzz kernel (config family `fuzz`: hardened + KCOV, networking,
# namespaces, cgroups, DWARF line tables), the planted-bug module testing/fuzz/canary against it,
# and its disk image (the Debian arm64 guest of testing/fuzz/image.sh plus that module); then
# `kasan-rs fuzz` boots VM after VM under QEMU virt,mte=on with no network (trinity as an
# unprivileged user beside a stress-ng load), restarts after every crash or hang until DURATION
# is spent, and prints the crash table. With two or more variants, the same seeds run on each,
# and `kasan-rs fuzz-compare` ends with the titles only one of them saw (exit 1 if the last
# variant saw one the first did not), and every variant must have reported all four planted bugs
# (nokasan: none; `kasan-rs fuzz-canaries`). Everything the campaign decides (what a crash is, its
# title, when a VM hangs, containment) is the tool's; this script only sequences.
#
# Output: out/fuzz/<variant>/ (vm-NNN.log consoles, vm-NNN.cmd QEMU command lines,
# crashes.json, table.txt), out/fuzz/compare.txt. KASAN_RS_FUZZ_OUT overrides out/fuzz.
# FUZZ_BUILD=0 boots the kernels as they are (built if missing); FUZZ_PARALLEL=1 runs the variants'
# campaigns side by side; FUZZ_TOOL_ARGS passes more `kasan-rs fuzz` options (e.g. --icount);
# FUZZ_EXPECT_CANARIES=disarmed when the planted bugs are switched off (fuzz_canary_armed=0): none
# may run; =none for a kernel that must not report them.
set -euo pipefail
export KASAN_RS_FAMILY=fuzz
. "$(dirname "$0")/common.sh"

[ $# -gt 0 ] || die "usage: fuzz.sh VARIANT... (of: $VARIANTS)"
duration="${DURATION:-30m}"; seed="${SEED:-1}"; args="${KASAN_ARGS:-}"
for v in "$@"; do check_variant "$v"; done
check_kasan_args "$args"
KASAN_RS=$(kasan_rs_tool) || exit 1
# Malformed DURATION or SEED: the tool's parsers say so before anything is built.
"$KASAN_RS" fuzz --check-only --duration="$duration" --seed="$seed" || exit 2

outroot="${KASAN_RS_FUZZ_OUT:-$TOP/out/fuzz}"
mkdir -p "$outroot"
"$TOP/testing/fuzz/image.sh" >/dev/null || die "cannot build the fuzz guest image (testing/fuzz/image.sh)"

# 1. Kernels, modules and disk images, one variant after the other (one kernel build at a time).
for v in "$@"; do
  image="$(builddir "$v")/arch/arm64/boot/Image"
  if [ "${FUZZ_BUILD:-1}" = 1 ] || [ ! -f "$image" ]; then "$TOP/testing/scripts/build.sh" "$v"; fi
  out="$outroot/$v"; rm -rf "$out"; mkdir -p "$out"
  # The campaign boots its own copy: a rebuild during the campaign cannot change its kernel.
  cp "$image" "$out/Image"
  fuzz_disk "$v" "$out" "$out/disk.img"
done

# 2. The campaigns: one after the other, or with FUZZ_PARALLEL=1 side by side (the same host
# load on every variant, for campaigns compared by their syscall counts).
campaign() {
  local v=$1 out="$outroot/$1" rc
  say "[$v] fuzzing for $duration, seed $seed${args:+, $args} (consoles in ${out#$TOP/}/)"
  set +e
  "$KASAN_RS" fuzz --kernel "$out/Image" --drive "$out/disk.img" \
    --variant "$v" --out "$out" --duration="$duration" --seed="$seed" "${FUZZ_VM_ARGS[@]}" \
    --append "init=$FUZZ_INIT${args:+ $args}" ${FUZZ_TOOL_ARGS:-} > "$out/table.txt"
  rc=$?
  set -e
  cat "$out/table.txt"
  # The disk image is a copy of the cached one plus the module, the Image one of the build
  # directory's: not worth keeping.
  rm -f "$out/disk.img" "$out/Image"
  [ "$rc" = 0 ] || die "[$v] the campaign did not finish (kasan-rs fuzz exit $rc)"
  "$KASAN_RS" fuzz-contained "$out" || die "[$v] a fuzz VM had a way off this machine"
  # The planted bugs: every one reported on a KASAN kernel, none on nokasan.
  local want=${FUZZ_EXPECT_CANARIES:-all}; [ "$v" != nokasan ] || [ "$want" = disarmed ] || want=none
  "$KASAN_RS" fuzz-canaries "$out/crashes.json" --expect "$want" > "$out/canaries.txt" \
    || touch "$outroot/.canaries-failed"
  cat "$out/canaries.txt"
}
rm -f "$outroot/.canaries-failed"
if [ "${FUZZ_PARALLEL:-0}" = 1 ]; then
  pids=()
  for v in "$@"; do campaign "$v" & pids+=($!); done
  for p in "${pids[@]}"; do wait "$p" || exit 1; done
else
  for v in "$@"; do campaign "$v"; done
fi

rc=0
if [ $# -ge 2 ]; then
  first=$1; last=${!#}
  set +e
  "$KASAN_RS" fuzz-compare "$outroot/$first/crashes.json" "$outroot/$last/crashes.json" \
    | tee "$outroot/compare.txt"
  rc=${PIPESTATUS[0]}
  set -e
fi
[ ! -f "$outroot/.canaries-failed" ] || { say "a variant did not report what its planted bugs must give"; rc=1; }
exit "$rc"
