#!/usr/bin/env bash
# The report-by-report differential test of the C and Rust implementations:
#   report-diff.sh [MODE...]          (default: sync; e.g. "sync asymm")
#
# For each mode, boots the upstream KUnit kasan suite on the c variant and on the rust
# variant (same tree, same QEMU), then compares every KASAN report of the two consoles with
# `kasan-rs diff`: after normalising addresses, offsets, pids, tags and timestamps, the bug
# type and title, the access line, the call trace and the alloc/free stacks (function names,
# KASAN plumbing frames dropped), the object/cache line, the sections printed (variable,
# vmalloc, page) and the tag-dump layout must be the same, report for report.
#
# Allowlist (kasan-rs diff flags), each with its reason:
#   --optional-free-stack  the "Freed by task" paragraph of a report that is not about a
#                          freed object appears only if the stack ring still holds a free of
#                          the same address with the same tag from an earlier life of the
#                          object: it depends on the tags QEMU's IRG hands out and varies from
#                          boot to boot in both implementations (C: 27, 42, 95, 110 of 148
#                          reports in four runs). Use-after-free and double-free reports
#                          keep their free stack in the comparison.
#   --any-idle-cpu         a report from a softirq on an idle CPU (an RCU callback) names
#                          that CPU's idle task (swapper/0 or swapper/1, the scheduler's
#                          choice) and its stack ends in that CPU's boot path: idle tasks
#                          compare equal and stacks are compared down to do_idle.
#
# Two things differ from boot to boot in both implementations because of the random tags, and
# make an attempt inconclusive; both variants are then booted again, up to ATTEMPTS times:
#   - a random-tag collision: a KUnit case sees no report (about one suite run in six), so the
#     two consoles cannot have the same reports (a suite that is not pass:60 only because of
#     "but none occurred" cases);
#   - an access that lands in a neighbouring object (memcmp, strlen past the end): its type is
#     slab-use-after-free or slab-out-of-bounds if the stack ring holds an event of that
#     object with the pointer's tag, else invalid-access; the only differences are then
#     reports whose titles differ in that type alone.
# Any other difference fails at once; a difference that persists through all attempts fails.
# Logs: out/logs/diff/.
set -uo pipefail
. "$(dirname "$0")/common.sh"

modes="${*:-sync}"
ATTEMPTS="${ATTEMPTS:-4}"
LOGS="${KASAN_RS_LOGS:-$TOP/out/logs}/diff"; mkdir -p "$LOGS"
KASAN_RS="${KASAN_RS:-$TOP/target/release/kasan-rs}"
[ -x "$KASAN_RS" ] || (cd "$TOP" && cargo build --release -q -p kasan-rs-tools) || die "cannot build kasan-rs"
failed=0

suite() {  # suite VARIANT MODE LOG -> runner output; returns the runner's exit code
  "$KASAN_RS" run --quiet --timeout 300 --image "$(builddir "$1")/arch/arm64/boot/Image" \
    --append "kunit.filter_glob=kasan* kasan.mode=$2" --log "$3" --expect "kasan=pass:60,fail:0,skip:12"
}

# The diff shows only reports whose titles differ in a tag-dependent type (see above), paired.
type_flips_only() {
  local d=$1 types='(invalid-access|slab-use-after-free|slab-out-of-bounds)'
  grep -q '^~' "$d" && return 1
  local minus plus
  minus=$(sed -nE "s/^- A#[0-9]+ \(line [0-9]+\): KASAN: $types (.*)$/\2/p" "$d" | sort)
  plus=$(sed -nE "s/^\+ B#[0-9]+ \(line [0-9]+\): KASAN: $types (.*)$/\2/p" "$d" | sort)
  [ "$(grep -c '^[-+] [AB]#' "$d")" = "$(( $(grep -c . <<<"$minus") + $(grep -c . <<<"$plus") ))" ] || return 1
  [ -n "$minus" ] && [ "$minus" = "$plus" ]
}

collision_only() {  # the runner said CASE_FAILED only for "none occurred" cases
  local out=$1
  grep -q '^verdict: CASE_FAILED' <<<"$out" || return 1
  ! grep -E '^  FAIL +kasan\.' <<<"$out" | grep -vq 'but none occurred$'
}

for m in $modes; do
  result=""
  for attempt in $(seq 1 "$ATTEMPTS"); do
    lc="$LOGS/c-$m.log"; lr="$LOGS/rust-$m.log"
    oc=$(suite c "$m" "$lc" 2>&1); rc_c=$?
    or=$(suite rust "$m" "$lr" 2>&1); rc_r=$?
    if [ "$rc_c" != 0 ] || [ "$rc_r" != 0 ]; then
      if { [ "$rc_c" = 0 ] || collision_only "$oc"; } && { [ "$rc_r" = 0 ] || collision_only "$or"; }; then
        say "report-diff $m: random-tag collision in attempt $attempt, booting both again"
        result="collision in every attempt"; continue
      fi
      result="suite run failed (c: $(grep '^verdict' <<<"$oc"); rust: $(grep '^verdict' <<<"$or"))"; break
    fi
    if "$KASAN_RS" diff --optional-free-stack --any-idle-cpu "$lc" "$lr" > "$LOGS/diff-$m.txt" 2>&1; then
      result="PASS ($(tail -1 "$LOGS/diff-$m.txt"); attempt $attempt)"
      break
    fi
    result="FAILED ($(grep 'same after normalisation' "$LOGS/diff-$m.txt"); see out/logs/diff/diff-$m.txt)"
    if type_flips_only "$LOGS/diff-$m.txt"; then
      cp "$LOGS/diff-$m.txt" "$LOGS/diff-$m-attempt$attempt.txt"
      say "report-diff $m: only neighbour-object type flips in attempt $attempt, booting both again"
      continue
    fi
    break
  done
  case "$result" in PASS*) ;; *) failed=1;; esac
  printf 'report-diff %-6s %s\n' "$m" "$result"
done
exit "$failed"
