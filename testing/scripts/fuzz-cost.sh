#!/usr/bin/env bash
# What KASAN costs under a real workload: fuzz-cost.sh [DURATION]   (default 10m; `make fuzz-cost`)
#
# The same campaign (trinity + stress-ng, seed 1, planted bugs disarmed) on nokasan, c and rust,
# side by side, every VM under `-icount shift=0,sleep=off` (`kasan-rs fuzz --icount`): guest
# time then counts instructions, whatever else the host runs, and `kasan-rs fuzz-cost` gives
# guest instructions per syscall and syscalls per guest minute for each, with rust/c (exit 1
# if rust costs more per syscall than c).
#
# Output: out/fuzz-cost/{nokasan,c,rust}/, out/fuzz-cost/cost.txt.
set -euo pipefail
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
duration="${1:-10m}"
out="${KASAN_RS_FUZZ_OUT:-$TOP/out/fuzz}-cost"
KASAN_RS_FUZZ_OUT="$out" FUZZ_PARALLEL=1 FUZZ_TOOL_ARGS=--icount FUZZ_EXPECT_CANARIES=none \
  DURATION="$duration" SEED="${SEED:-1}" KASAN_ARGS="fuzz_canary_armed=0 ${KASAN_ARGS:-}" \
  "$TOP/testing/scripts/fuzz.sh" nokasan c rust
"$TOP/target/release/kasan-rs" fuzz-cost "$out"/{nokasan,c,rust}/crashes.json | tee "$out/cost.txt"
exit "${PIPESTATUS[0]}"
