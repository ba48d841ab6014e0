#!/usr/bin/env bash
# The test command (`make test`, called by .ci/run):
#   1. host tests: `cargo test --workspace --release` (every crate of the project), then the
#      kernel-side rustfmt and checkpatch.pl checks (testing/scripts/rustfmt.sh, checkpatch.sh)
#      and the C edge census (unsafe-census.sh --check: no raw C outside rust/ffi, no module cycle);
#   2. for every variant in $TEST_VARIANTS (default: c): build it, then boot the upstream KUnit
#      `kasan` suite once per line of testing/expectations/<variant>.expect and compare the
#      suite's counts with the line's expectation (kasan-rs run --expect);
#   3. when both c and rust are in $TEST_VARIANTS (and built): the differential matrix
#      (testing/scripts/matrix.sh: 16 boot-parameter cells, each booted on c and on rust and
#      compared by `kasan-rs compare`; rust must equal c), one summary row;
#      Then, still for c and rust: the report-by-report differential of the two consoles
#      (testing/scripts/report-diff.sh, kasan.mode=sync), the fault modes and concurrency
#      checks (testing/scripts/faults.sh) and the symbol proof of which implementation each
#      vmlinux carries (testing/scripts/check-symbols.sh); then the kernel's clippy lints and
#      rustdoc on the crate (testing/scripts/kernel-lint.sh);
#   4. the rust variant built as the `hardened` config family, its suite in every mode;
#   5. print a table of variant / run / parameters / verdict; exit 1 if anything failed.
# Logs: out/logs/host-tests.log, out/logs/<variant>-build.log, out/logs/<variant>-<run>.log,
# out/logs/matrix.log and out/logs/matrix/ (KASAN_RS_LOGS overrides out/logs).
set -uo pipefail
. "$(dirname "$0")/common.sh"

TEST_VARIANTS="${TEST_VARIANTS:-c}"
LOGS="${KASAN_RS_LOGS:-$TOP/out/logs}"; mkdir -p "$LOGS"
KASAN_RS="${KASAN_RS:-$TOP/target/release/kasan-rs}"   # overridable for testing this script
TIMEOUT="${KASAN_RS_TIMEOUT:-300}"

SEP=$'\x1f'
rows=()     # variant SEP run SEP params SEP verdict SEP seconds
failed=0
row() { rows+=("$1$SEP$2$SEP$3$SEP$4$SEP$5"); }
# A case that fails only with "KASAN failure expected in ..., but none occurred" may be a
# random-tag collision: HW_TAGS gives each allocation one of 14 random tags, so an access to a
# neighbouring object (or page) goes undetected now and then. The upstream C oracle itself does
# this in about 1 sync run of 6 (kasan_memcmp, page_alloc_oob_right, kmalloc_oob_left, ...).
# Such a case, if at most MAX_RETRY_CASES fail so, is rerun alone up to RETRIES times; the run
# passes if each of them then passes. Anything else (a crash, a wrong count, a case failing
# with another message, or failing every rerun) fails the run. The runner applies this rule
# (kasan-rs run --rerun-cases RETRIES --max-collision-cases MAX_RETRY_CASES, src/rerun.rs).
MAX_RETRY_CASES=3
# page_alloc_oob_right alone still misses in roughly one boot of three (its neighbouring page
# may carry the same tag), so five reruns keep a false failure below 1 in 200.
RETRIES=5
now() { date +%s; }
start_all=$(now)

for v in $TEST_VARIANTS; do check_variant "$v"; done

# 1. Host tests.
say "host tests: cargo test --workspace --release (log: out/logs/host-tests.log)"
t=$(now)
if (cd "$TOP" && cargo test --workspace --release --color never) >"$LOGS/host-tests.log" 2>&1; then
  passed=$(grep -Eo 'test result: ok\. [0-9]+ passed' "$LOGS/host-tests.log" | awk '{n+=$4} END {print n+0}')
  row host "cargo test" "--workspace --release" "PASS ($passed tests)" $(( $(now) - t ))
else
  grep -E '^(test .* FAILED|error(\[|:)|---- )' "$LOGS/host-tests.log" | head -20 >&2
  row host "cargo test" "--workspace --release" "FAILED (see out/logs/host-tests.log)" $(( $(now) - t ))
  failed=1
fi
t=$(now)
if out=$("$TOP/testing/scripts/rustfmt.sh" --check 2>&1); then
  row host rustfmt "kernel .rustfmt.toml" "PASS (rust/, samples/, testing/*/ as the kernel formats them)" $(( $(now) - t ))
else
  printf '%s\n' "$out" | head -20 >&2
  row host rustfmt "kernel .rustfmt.toml" "FAILED (testing/scripts/rustfmt.sh --write fixes it)" $(( $(now) - t )); failed=1
fi
t=$(now)
if out=$("$TOP/testing/scripts/checkpatch.sh" 2>&1); then
  row host checkpatch "scripts/checkpatch.pl" "PASS ($(sed -n 's/^checkpatch: \([0-9]*\) patches and \([0-9]*\) C files clean$/\1 patches, \2 C files/p' <<<"$out"))" $(( $(now) - t ))
else
  printf '%s\n' "$out" | grep -v '^ok ' | head -20 >&2
  row host checkpatch "scripts/checkpatch.pl" "FAILED (testing/scripts/checkpatch.sh lists the findings)" $(( $(now) - t )); failed=1
fi
t=$(now)
if out=$("$TOP/testing/scripts/unsafe-census.sh" --check 2>&1); then
  row host "C edge" "unsafe-census.sh" "PASS (no raw C call outside rust/ffi; module graph acyclic; $(sed -n 's/^unsafe blocks in the edge (ffi.rs, ffi\/, mte.rs): \([0-9]*\); elsewhere: \([0-9]*\)$/unsafe blocks: \1 edge, \2 hooks/p' <<<"$out"))" $(( $(now) - t ))
else
  printf '%s\n' "$out" | tail -20 >&2
  row host "C edge" "unsafe-census.sh" "FAILED (a raw C call outside rust/ffi, or a module cycle)" $(( $(now) - t )); failed=1
fi
[ -x "$KASAN_RS" ] || (cd "$TOP" && cargo build --release -q -p kasan-rs-tools) \
  || die "cannot build the kasan-rs tool (cargo build --release -p kasan-rs-tools)"
t=$(now)
if out=$(KASAN_RS="$KASAN_RS" "$TOP/testing/scripts/fuzz-selftest.sh" 2>&1); then
  row host "fuzz input" "fuzz-selftest.sh" "PASS ($(grep -c '^ok ' <<<"$out") checks: bad DURATION/SEED/variant, containment)" $(( $(now) - t ))
else
  printf '%s\n' "$out" | grep -v '^ok ' >&2
  row host "fuzz input" "fuzz-selftest.sh" "FAILED ($(grep -c '^FAIL' <<<"$out") checks)" $(( $(now) - t )); failed=1
fi

# 2. The kasan suite, per variant and recorded run.
# suite_runs VARIANT: builds VARIANT of the current $FAMILY, then boots the suite once per
# line of its expectations; returns 1 if the build failed. The family `min` (the lab kernel)
# reads testing/expectations/VARIANT.expect, labels rows VARIANT and logs out/logs/VARIANT-*;
# another family FAM reads VARIANT-FAM.expect and labels and logs as VARIANT-FAM.
suite_runs() {
  local v=$1 label=$1 exp name spec params log out rc verdict image t
  [ "$FAMILY" = min ] || label="$1-$FAMILY"
  exp="$TOP/testing/expectations/$label.expect"
  if [ ! -f "$exp" ]; then
    row "$label" - - "NO EXPECTATIONS (testing/expectations/$label.expect)" 0; failed=1; return 1
  fi
  say "[$label] build (log: out/logs/$label-build.log)"
  t=$(now)
  if ! KASAN_RS_FAMILY="$FAMILY" "$TOP/testing/scripts/build.sh" "$v" 2>&1 | tee "$LOGS/$label-build.log" >&2; then
    row "$label" build - "BUILD FAILED (see out/logs/$label-build.log)" $(( $(now) - t )); failed=1; return 1
  fi
  image="$(builddir "$v")/arch/arm64/boot/Image"
  while read -r name spec params; do
    case "$name" in ""|\#*) continue;; esac
    if ! (check_kasan_args "$params") 2>"$LOGS/$label-$name.err"; then
      row "$label" "$name" "$params" "BAD PARAMETERS: $(cat "$LOGS/$label-$name.err")" 0; failed=1; continue
    fi
    log="$LOGS/$label-$name.log"
    say "[$label] $name: kasan suite with '$params', expecting $spec (log: out/logs/$label-$name.log)"
    t=$(now)
    # The rerun policy (see MAX_RETRY_CASES above) is the runner's: --rerun-cases reruns each
    # case that only missed its report alone, logs <log stem>-rerun-<case>-<k>.log.
    out=$("$KASAN_RS" run "${RUN_ARGS[@]}" --image "$image" --append "kunit.filter_glob=kasan* $params" \
           --log "$log" --expect "$spec" --timeout "$TIMEOUT" --quiet \
           --rerun-cases "$RETRIES" --max-collision-cases "$MAX_RETRY_CASES" 2>&1)
    rc=$?
    printf '%s\n' "$out" | sed 's/^/    /' >&2
    verdict=$(printf '%s\n' "$out" | grep '^verdict: ' | tail -1 | sed 's/^verdict: //')
    [ -n "$verdict" ] || verdict="ERROR: $(printf '%s\n' "$out" | tail -1)"
    [ "$rc" = 0 ] || failed=1
    row "$label" "$name" "$params" "$verdict" $(( $(now) - t ))
  done < "$exp"
}

built=" "
for v in $TEST_VARIANTS; do
  suite_runs "$v" && built="$built$v "
done

# 3. The differential matrix: rust against c, cell by cell.
if [[ " $TEST_VARIANTS " == *" c "* && " $TEST_VARIANTS " == *" rust "* ]]; then
  if [[ "$built" == *" c "* && "$built" == *" rust "* ]]; then
    say "matrix: the kasan suite on c and rust for every cell of testing/scripts/matrix.sh (log: out/logs/matrix.log)"
    t=$(now)
    KASAN_RS="$KASAN_RS" KASAN_RS_LOGS="$LOGS" KASAN_RS_TIMEOUT="$TIMEOUT" \
      "$TOP/testing/scripts/matrix.sh" 2>&1 | tee "$LOGS/matrix.log" | sed 's/^/    /' >&2
    rc=${PIPESTATUS[0]}
    verdict=$(grep '^matrix: ' "$LOGS/matrix.log" | tail -1 | sed 's/^matrix: //; s/ in [0-9]* s (/ (/; s/; logs in out\/logs\/matrix\/)/)/')
    [ -n "$verdict" ] || verdict="ERROR: $(tail -1 "$LOGS/matrix.log")"
    [ "$rc" = 0 ] || failed=1
    row "c=rust" matrix "16 cells (matrix.sh --list)" "$verdict" $(( $(now) - t ))
    # The same reports, line for line after normalisation.
    t=$(now)
    out=$(KASAN_RS="$KASAN_RS" KASAN_RS_LOGS="$LOGS" "$TOP/testing/scripts/report-diff.sh" sync 2>&1)
    rc=$?
    printf '%s\n' "$out" | sed 's/^/    /' >&2
    [ "$rc" = 0 ] || failed=1
    row "c=rust" reports "kasan.mode=sync" "$(printf '%s\n' "$out" | sed -n 's/^report-diff sync *//p' | tail -1)" $(( $(now) - t ))
    # Fault modes, async reports, concurrent reports, the vmalloc guard page, the mode switch.
    t=$(now)
    out=$(KASAN_RS="$KASAN_RS" KASAN_RS_LOGS="$LOGS" "$TOP/testing/scripts/faults.sh" c rust 2>&1)
    rc=$?
    printf '%s\n' "$out" | sed 's/^/    /' >&2
    [ "$rc" = 0 ] || failed=1
    judged=$(grep -E '^(c|rust) +[a-z-]+ +verdict: ' <<<"$out" | grep -v 'informational, not judged')
    nok=$(grep -c 'verdict: PASS' <<<"$judged"); nall=$(grep -c . <<<"$judged")
    row "c,rust" faults "panic, panic_on_write, async, ..." "$([ "$rc" = 0 ] && echo PASS || echo FAILED) ($nok of $nall checks pass; ${LOGS#$TOP/}/faults/)" $(( $(now) - t ))
    # Which implementation each vmlinux carries.
    for v in c rust; do
      if out=$("$TOP/testing/scripts/check-symbols.sh" "$v" 2>&1); then
        row "$v" symbols - "PASS (${out#*: ok })" 0
      else
        row "$v" symbols - "FAILED: $(tr '\n' ' ' <<<"$out")" 0; failed=1
      fi
    done
    # The kernel's clippy lints and rustdoc on our crate (Kbuild's command lines replayed;
    # the build directory is only read).
    t=$(now)
    if out=$("$TOP/testing/scripts/kernel-lint.sh" 2>&1); then
      row rust lint "clippy, rustdoc" "PASS ($(sed -E 's/ \(.*//' <<<"$out" | tr '\n' ';' | sed 's/;$//; s/;/; /g'))" $(( $(now) - t ))
    else
      printf '%s\n' "$out" | head -30 >&2
      row rust lint "clippy, rustdoc" "FAILED (testing/scripts/kernel-lint.sh; out/logs/lint/)" $(( $(now) - t )); failed=1
    fi
  else
    row "c=rust" matrix - "NOT RUN (c or rust did not build)" 0; failed=1
  fi
fi

# 4. The field, in brief: the variants of $TEST_FIELD_VARIANTS (default: rust) built as the
# `hardened` family (testing/configs/family/hardened.config: PAC, BTI, kCFI, shadow call stacks,
# KASLR, 52-bit VA, KFENCE, PREEMPT, CPU hotplug, a userspace's drivers; -smp 4), the suite in
# every mode against testing/expectations/VARIANT-hardened.expect, whose counts are c's on the
# same family. `make field` runs all of it, every family x variant x check.
# The saved-stack walk is checked there too (pointer authentication strips every return
# address; PREEMPT makes the IRQ stack known only where the code is not preemptible).
if [ "$FAMILY" = min ]; then
  FAMILY=hardened; RUN_ARGS=(--smp "$(family_smp hardened)")
  for v in ${TEST_FIELD_VARIANTS-rust}; do suite_runs "$v"; done
  case " ${TEST_FIELD_VARIANTS-rust} " in
    *" rust "*)
      t=$(now)
      out=$(KASAN_RS="$KASAN_RS" KASAN_RS_LOGS="$LOGS/hardened" KASAN_RS_FAMILY=hardened FAULTS_ONLY=stack-capture \
            "$TOP/testing/scripts/faults.sh" rust 2>&1)
      rc=$?
      printf '%s\n' "$out" | sed 's/^/    /' >&2
      [ "$rc" = 0 ] || failed=1
      row rust-hardened stack-capture "walk = stack_trace_save()" "$([ "$rc" = 0 ] && echo PASS || echo FAILED) ($(sed -n 's/^rust *stack-capture *//p' <<<"$out" | tail -1))" $(( $(now) - t ));;
  esac
  FAMILY=min; RUN_ARGS=(--smp "$(family_smp min)")
fi

# 5. The table.
{
  echo
  printf '%-13s %-11s %-24s %5s  %s\n' variant run parameters secs verdict
  for r in "${rows[@]}"; do
    IFS="$SEP" read -r v n p verdict s <<< "$r"
    printf '%-13s %-11s %-24s %5s  %s\n' "$v" "$n" "$p" "$s" "$verdict"
  done
  total=$(( $(now) - start_all ))
  npass=0; nfail=0
  for r in "${rows[@]}"; do
    IFS="$SEP" read -r _ _ _ verdict _ <<< "$r"
    case "$verdict" in PASS*) npass=$((npass + 1));; *) nfail=$((nfail + 1));; esac
  done
  echo "rows: $npass passed, $nfail failed"
  if [ "$failed" = 0 ]; then
    echo "make test: PASS in ${total} s (variants: $TEST_VARIANTS; logs in out/logs/)"
  else
    echo "make test: FAILED in ${total} s (variants: $TEST_VARIANTS; logs in out/logs/)"
  fi
}
exit "$failed"
