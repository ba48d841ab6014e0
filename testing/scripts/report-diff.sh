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
# Two things differ from boot to boot in both implementations because of the random tags:
#   - a random-tag collision: a KUnit case sees no report (page_alloc_oob_right, in about half
#     the runs of either implementation; others now and then), so the two consoles cannot have
#     the same reports for that case. The console lines of such cases (at most MAX_STRIPPED,
#     each failing only with "but none occurred", on either side) are left out of both logs
#     before the comparison, and the result names them; every other report is compared;
#   - an access that lands in a neighbouring object (memcmp, strlen past the end): its type is
#     slab-use-after-free or slab-out-of-bounds if the stack ring holds an event of that
#     object with the pointer's tag, else invalid-access, and its object paragraph and stacks
#     describe whatever is next to it in memory (measured: the second read of
#     kmalloc_oob_right lands in kmalloc-128 in one boot, kmalloc-192 in the next). Up to
#     MAX_NEIGHBOUR such reports may differ in these fields only (named in the result); more
#     make the attempt inconclusive and both variants are booted again, up to ATTEMPTS times.
# Any other difference fails at once; a difference that persists through all attempts fails.
# Logs: out/logs/diff/.
set -uo pipefail
. "$(dirname "$0")/common.sh"

modes="${*:-sync}"
ATTEMPTS="${ATTEMPTS:-4}"
MAX_STRIPPED=3
MAX_NEIGHBOUR=4
LOGS="${KASAN_RS_LOGS:-$TOP/out/logs}/diff"; mkdir -p "$LOGS"
KASAN_RS="${KASAN_RS:-$TOP/target/release/kasan-rs}"
[ -x "$KASAN_RS" ] || (cd "$TOP" && cargo build --release -q -p kasan-rs-tools) || die "cannot build kasan-rs"
failed=0

suite() {  # suite VARIANT MODE LOG -> runner output; returns the runner's exit code
  "$KASAN_RS" run "${RUN_ARGS[@]}" --quiet --timeout 300 --image "$(builddir "$1")/arch/arm64/boot/Image" \
    --append "kunit.filter_glob=kasan* kasan.mode=$2" --log "$3" --expect "kasan=pass:60,fail:0,skip:12" \
    --max-collision-cases 72
}

# The diff shows only tag-dependent differences (see above): reports whose titles differ in a
# tag-dependent type alone (paired), and reports of such a type whose object paragraph or
# alloc/free stacks differ (they describe whatever neighbouring object the access hit).
type_flips_only() {
  local d=$1 types='(invalid-access|slab-use-after-free|slab-out-of-bounds)'
  local minus plus changed fields
  minus=$(sed -nE "s/^- A#[0-9]+ \(line [0-9]+\): KASAN: $types (.*)$/\2/p" "$d" | sort)
  plus=$(sed -nE "s/^\+ B#[0-9]+ \(line [0-9]+\): KASAN: $types (.*)$/\2/p" "$d" | sort)
  [ "$(grep -c '^[-+] [AB]#' "$d")" = "$(( $(grep -c . <<<"$minus") + $(grep -c . <<<"$plus") ))" ] || return 1
  [ "$minus" = "$plus" ] || return 1
  changed=$(grep -c '^~' "$d")
  [ "$changed" = "$(grep -cE "^~ .*: KASAN: $types " "$d")" ] || return 1
  fields=$(awk '/^~/{on=1; next} /^[-+A-Za-z0-9]/{on=0} on && /^    [a-z]/{sub(/^ +/, ""); print}' "$d" | sort -u)
  [ -z "$(grep -vE '^(object|alloc stack|free stack):$' <<<"$fields")" ] || return 1
  [ -n "$minus$changed" ] && [ "$minus$changed" != 0 ]
}

# strip_cases LOG OUT CASE...: LOG without the console lines of the given KUnit cases (from
# the previous case result line to the case's own result line).
strip_cases() {
  local log=$1 out=$2; shift 2
  awk -v cases=" $* " '
    function flush() { for (i = 1; i <= n; i++) print buf[i]; n = 0 }
    { buf[++n] = $0 }
    match($0, /(^|\] )    (not )?ok [0-9]+ [A-Za-z0-9_]+/) {
      name = $0; sub(/.*ok [0-9]+ /, "", name); sub(/[ #].*/, "", name)
      if (index(cases, " " name " ")) n = 0; else flush()
    }
    END { flush() }' "$log" > "$out"
}

# The runner names the cases of a run that failed only by missed reports on its
# `collision-suspects: SUITE.CASE ...` line (src/rerun.rs); the cap is this script's
# (MAX_STRIPPED, over both sides): the runner's own is lifted to the whole suite (--max-collision-cases 72).
failed_cases() { sed -n 's/^collision-suspects: //p' <<<"$1" | tr ' ' '\n' | sed -n 's/^kasan\.//p'; }
collision_only() { grep -q '^collision-suspects: ' <<<"$1"; }

for m in $modes; do
  result=""
  rm -f "$LOGS"/diff-"$m"-attempt*.txt
  for attempt in $(seq 1 "$ATTEMPTS"); do
    lc="$LOGS/c-$m.log"; lr="$LOGS/rust-$m.log"
    oc=$(suite c "$m" "$lc" 2>&1); rc_c=$?
    or=$(suite rust "$m" "$lr" 2>&1); rc_r=$?
    stripped=""
    if [ "$rc_c" != 0 ] || [ "$rc_r" != 0 ]; then
      if { [ "$rc_c" = 0 ] || collision_only "$oc"; } && { [ "$rc_r" = 0 ] || collision_only "$or"; }; then
        stripped=$( { failed_cases "$oc"; failed_cases "$or"; } | sort -u | paste -sd' ')
        if [ "$(wc -w <<<"$stripped")" -gt "$MAX_STRIPPED" ]; then
          say "report-diff $m: $(wc -w <<<"$stripped") cases without a report in attempt $attempt, booting both again"
          result="too many collisions in every attempt"; continue
        fi
        strip_cases "$lc" "$lc.cmp" $stripped; strip_cases "$lr" "$lr.cmp" $stripped
        lc="$lc.cmp"; lr="$lr.cmp"
      else
        result="suite run failed (c: $(grep '^verdict' <<<"$oc"); rust: $(grep '^verdict' <<<"$or"))"; break
      fi
    fi
    if "$KASAN_RS" diff --optional-free-stack --any-idle-cpu "$lc" "$lr" > "$LOGS/diff-$m.txt" 2>&1; then
      result="PASS ($(tail -1 "$LOGS/diff-$m.txt"); attempt $attempt${stripped:+; left out, no report on one side: $stripped})"
      break
    fi
    cp "$LOGS/diff-$m.txt" "$LOGS/diff-$m-attempt$attempt.txt"
    result="FAILED ($(grep 'same after normalisation' "$LOGS/diff-$m.txt"); see out/logs/diff/diff-$m-attempt$attempt.txt)"
    if type_flips_only "$LOGS/diff-$m.txt"; then
      n=$(grep -cE '^(~|-) ' "$LOGS/diff-$m.txt")
      if [ "$n" -le "$MAX_NEIGHBOUR" ]; then
        result="PASS ($(grep 'same after normalisation' "$LOGS/diff-$m.txt" | sed 's/, [0-9]* differences//') + $n neighbour-object report(s) differing only in tag-dependent type/object/stacks; attempt $attempt${stripped:+; left out, no report on one side: $stripped}; out/logs/diff/diff-$m-attempt$attempt.txt)"
        break
      fi
      say "report-diff $m: $n neighbour-object differences in attempt $attempt, booting both again"
      continue
    fi
    break
  done
  case "$result" in PASS*) ;; *) failed=1;; esac
  printf 'report-diff %-6s %s\n' "$m" "$result"
done
exit "$failed"
