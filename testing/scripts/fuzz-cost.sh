#!/usr/bin/env bash
# What KASAN costs under a real workload: fuzz-cost.sh [DURATION]   (default 10m; `make fuzz-cost`)
#
# The same campaign (trinity + stress-ng, seed 1, planted bugs disarmed) on nokasan, c and rust,
# side by side, so that the three share the host's load; `kasan-rs fuzz-cost` gives guest time
# per syscall and syscalls per guest minute for each, over each VM's steady span, with rust/c
# (exit 1 if rust costs more per syscall than c). FUZZ_ICOUNT=1 runs every VM under
# `-icount shift=0,sleep=off` (guest instructions per syscall, independent of the host's load;
# measured here: about 5 million guest instructions per second per VM on a loaded 2-core host, a
# boot alone takes minutes, so it needs hours for trinity's 10 000-syscall progress steps).
#
# Output: out/fuzz-cost/{nokasan,c,rust}/, out/fuzz-cost/cost.txt.
set -euo pipefail
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
duration="${1:-10m}"
out="${KASAN_RS_FUZZ_OUT:-$TOP/out/fuzz}-cost"
icount=""; [ "${FUZZ_ICOUNT:-0}" = 1 ] && icount=--icount
KASAN_RS_FUZZ_OUT="$out" FUZZ_PARALLEL=1 FUZZ_TOOL_ARGS="$icount" FUZZ_EXPECT_CANARIES=disarmed \
  DURATION="$duration" SEED="${SEED:-1}" KASAN_ARGS="fuzz_canary_armed=0 ${KASAN_ARGS:-}" \
  "$TOP/testing/scripts/fuzz.sh" nokasan c rust
"$TOP/target/release/kasan-rs" fuzz-cost "$out"/{nokasan,c,rust}/crashes.json | tee "$out/cost.txt"
exit "${PIPESTATUS[0]}"
