#!/usr/bin/env bash
# The field campaign (`make field`): kasan-rs in the kernels people ship, c against rust.
#   field.sh [FAMILY...]          (default: hardened debug; see testing/configs/family/)
#
# Per family FAM, with KASAN_RS_FAMILY=FAM (builds build-{c,rust}-FAM, QEMU -smp 4), logs in
# out/logs/field/FAM/:
#   1. test.sh, TEST_VARIANTS="c rust": both builds; the kasan suite in sync, async and asymm
#      against testing/expectations/{c,rust}-FAM.expect (the same counts); the 15-cell matrix
#      (rust = c cell by cell); the report-by-report differential (no new allowance); the
#      fault, concurrency and CPU hotplug checks; the symbol proof of each vmlinux.
#   2. make run on c and rust: the sample's six reports.
#   3. KFENCE, with kfence.sample_interval=1 and the upstream kfence KUnit suite
#      (CONFIG_KFENCE_KUNIT_TEST): `kfence-on-kasan` boots the kasan and kfence suites
#      together: 6.12's KFENCE turns itself off when KASAN's hardware tags are on
#      (mm/kfence/core.c, kfence_alloc_pool_and_metadata()), so the kfence cases fail their
#      init and every bug is KASAN's; `kfence-alone` boots kasan=off: KFENCE's own reports.
#      c and rust must print the same banner lines, case outcomes and numbers of KASAN and
#      KFENCE reports.
#   4. quiet: no BUG:, WARNING:, KFENCE or lockdep line outside the kasan suite in any suite
#      console, and no lockdep or RCU splat in any console of the family; with
#      KASAN_EXTRA_INFO, every alloc/free track of the sync suite's reports carries the CPU and
#      time in C's format (`Allocated by task N on cpu C at S.UUUUUUs:`) on both;
#   5. (families with PROVE_LOCKING) lockdep is live: testing/lockdep's module takes two locks
#      in both orders and must get lockdep's circular-dependency report, on c and on rust.
# Prints a table; exit 1 if anything failed.
set -uo pipefail
. "$(dirname "$0")/common.sh"

families="${*:-hardened debug}"
for f in $families; do check_family "$f"; done
[ -z "${KASAN_RS_FAMILY:-}" ] || die "field.sh picks the families itself: unset KASAN_RS_FAMILY"
ROOT_LOGS="${KASAN_RS_LOGS:-$TOP/out/logs}/field"; mkdir -p "$ROOT_LOGS"
KASAN_RS="${KASAN_RS:-$TOP/target/release/kasan-rs}"
kasan_rs_tool >/dev/null || exit 1
SEP=$'\x1f'
rows=()
failed=0
row() { rows+=("$1$SEP$2$SEP$3$SEP$4"); [[ "$3" == PASS* ]] || failed=1; }
now() { date +%s; }
start_all=$(now)

# Lines lockdep, RCU and the sleep checks print when they find something.
LOCKDEP_SPLATS='possible circular locking dependency|possible recursive locking|inconsistent lock state|suspicious RCU usage|Invalid wait context|sleeping function called from invalid context|DEBUG_LOCKS_WARN_ON|bad unlock balance|held lock freed|lock held when returning to user space|possible irq lock inversion'

strip_prefix() { sed -E 's/^\[[ 0-9.]+\] ?//' "$1"; }

# outside_suite_problems LOG: lines that must not appear outside the kasan suite's span.
outside_suite_problems() {
  strip_prefix "$1" | awk '
    /^[ \t]*# Subtest: kasan$/ { inside = 1; next }
    inside && /^[ \t]*(not )?ok [0-9]+ kasan$/ { inside = 0; next }
    !inside && (/^BUG: / || /^WARNING:/ || /KFENCE: / || /^Kernel panic/ || /^Internal error: /) { print }'
}

# lockdep_splats LOG: the splats of LOG, but for those PROVE_RCU makes of the upstream suite's own
# code: rcu_uaf calls rcu_dereference_protected(p, NULL) (mm/kasan/kasan_test_c.c:868), which
# lockdep flags whenever the case runs before the boot's first KASAN report turned lockdep off,
# i.e. when it is rerun alone after a tag collision; c and rust alike (measured: both print it
# for kunit.filter_glob=kasan.rcu_uaf). Those are counted in $UPSTREAM_TEST_SPLATS instead.
UPSTREAM_TEST_SPLATS=0
lockdep_splats() {
  local out
  out=$(strip_prefix "$1" | awk -v pat="$LOCKDEP_SPLATS" '
    held != "" { if (++n <= 4 && /mm\/kasan\/kasan_test_c\.c:[0-9]+ /) { upstream++; held = ""; next }
                 if (n > 4) { print held; held = "" } }
    $0 ~ pat { held = $0; n = 0 }
    END { if (held != "") print held; print "upstream " upstream + 0 }')
  UPSTREAM_TEST_SPLATS=$(( UPSTREAM_TEST_SPLATS + $(sed -n 's/^upstream //p' <<<"$out") ))
  grep -v '^upstream [0-9]*$' <<<"$out"
}

# kfence_counts LOG: "kasan=N kfence=N" reports, the KFENCE banner state and the kfence suite line.
kfence_counts() {
  local l=$1 state=on
  grep -q 'kfence: disabled as KASAN HW tags are enabled' "$l" && state=off-by-kasan
  grep -q 'kfence: initialized' "$l" || [ "$state" != on ] || state=absent
  printf 'kasan=%s kfence=%s kfence-state=%s suite:%s' "$(grep -c 'BUG: KASAN: ' "$l")" \
    "$(grep -c 'BUG: KFENCE: ' "$l")" "$state" \
    "$(strip_prefix "$l" | sed -nE 's/^[ \t]*# kfence: (pass:.*)$/\1/p' | tail -1 | tr ' ' ',')"
}


for fam in $families; do
  export KASAN_RS_FAMILY=$fam
  FAMILY=$fam; RUN_ARGS=(--smp "$(family_smp "$fam")")
  logs="$ROOT_LOGS/$fam"; rm -rf "$logs"; mkdir -p "$logs"
  say "field: family $fam (logs: ${logs#$TOP/})"

  # 1. The whole of make test, on this family.
  t=$(now)
  TEST_VARIANTS="c rust" KASAN_RS_LOGS="$logs" KASAN_RS="$KASAN_RS" "$TOP/testing/scripts/test.sh" \
    > "$logs/test.log" 2>&1
  rc=$?
  sed -n '/^variant /,$p' "$logs/test.log" | sed 's/^/    /' >&2
  row "$fam" "make test" "$([ "$rc" = 0 ] && echo PASS || echo FAILED) ($(grep '^rows:' "$logs/test.log" | tail -1 | sed 's/^rows: //'); ${logs#$TOP/}/test.log)" $(( $(now) - t ))

  # 2. make run on both.
  for v in c rust; do
    t=$(now)
    if KASAN_RS_LOGS="$logs" "$TOP/testing/scripts/run.sh" "$v" "" > "$logs/$v-run.out" 2>&1; then
      row "$fam" "run $v" "$(grep '^verdict: ' "$logs/$v-run.out" | tail -1 | sed 's/^verdict: //')" $(( $(now) - t ))
    else
      row "$fam" "run $v" "FAILED ($(grep '^verdict: ' "$logs/$v-run.out" | tail -1)); see ${logs#$TOP/}/$v-run.out" $(( $(now) - t ))
    fi
  done

  # 3. KFENCE.
  for kcheck in kfence-on-kasan kfence-alone; do
    case $kcheck in
      kfence-on-kasan) append="kunit.filter_glob=k* kfence.sample_interval=1";;
      kfence-alone) append="kunit.filter_glob=kfence* kasan=off kfence.sample_interval=1";;
    esac
    t=$(now)
    # KFENCE samples by a timer: whether a case gets its KFENCE object in time is timing, in
    # either implementation (test_kmalloc_aligned_oob_read missed once in 3 boots here). The
    # pair is booted again, up to 3 times, until c and rust agree.
    for attempt in 1 2 3; do
      line=""
      for v in c rust; do
        "$KASAN_RS" run "${RUN_ARGS[@]}" --quiet --timeout 900 --image "$(builddir "$v")/arch/arm64/boot/Image" \
          --append "$append" --log "$logs/$v-$kcheck.log" > "$logs/$v-$kcheck.out" 2>&1
        line="$line $v: $(kfence_counts "$logs/$v-$kcheck.log");"
      done
      verdict=PASS
      "$KASAN_RS" compare "$logs/c-$kcheck.log" "$logs/rust-$kcheck.log" > "$logs/compare-$kcheck.out" 2>&1
      crc=$?
      [ "$crc" = 0 ] || [ "$crc" = 8 ] || verdict="FAILED (kasan-rs compare: $(grep '^differs' "$logs/compare-$kcheck.out" | head -3 | tr '\n' ' '))"
      c_counts=$(kfence_counts "$logs/c-$kcheck.log"); r_counts=$(kfence_counts "$logs/rust-$kcheck.log")
      [ "$c_counts" = "$r_counts" ] || verdict="FAILED (counts differ)"
      [ "$verdict" != PASS ] || break
    done
    [ "$attempt" = 1 ] || line="$line attempt $attempt;"
    [ "$kcheck" != kfence-alone ] || [[ "$c_counts" == *"kfence-state=on"* && "$c_counts" != *" kfence=0 "* ]] \
      || verdict="FAILED (no KFENCE report with kasan=off)"
    [ "$kcheck" != kfence-on-kasan ] || [[ "$r_counts" == *"kfence-state=off-by-kasan"* ]] \
      || verdict="FAILED (KFENCE not turned off by KASAN's hardware tags)"
    row "$fam" "$kcheck" "$verdict ($line)" $(( $(now) - t ))
  done

  # 4. Quiet outside the suite, and no lockdep splat anywhere.
  t=$(now); bad=""; UPSTREAM_TEST_SPLATS=0
  for l in "$logs"/{c,rust}-"$fam"-{sync,async,asymm}.log; do
    [ -f "$l" ] || { bad="$bad ${l##*/}: missing;"; continue; }
    p=$(outside_suite_problems "$l" | head -3)
    [ -z "$p" ] || bad="$bad ${l##*/}: $(tr '\n' '|' <<<"$p");"
  done
  nlogs=0
  while IFS= read -r l; do
    nlogs=$((nlogs + 1))
    lockdep_splats "$l" > "$logs/.splats"
    p=$(grep . "$logs/.splats" | head -2)
    [ -z "$p" ] || bad="$bad ${l#$logs/}: $(tr '\n' '|' <<<"$p");"
  done < <(find "$logs" -name '*.log' ! -name 'test.log' ! -name '*-build.log' ! -name 'host-tests.log' ! -name 'matrix.log')
  row "$fam" quiet "$([ -z "$bad" ] && echo "PASS (6 suite consoles quiet outside the suite; no lockdep splat in $nlogs consoles; the upstream suite's own rcu_uaf splat: $UPSTREAM_TEST_SPLATS)" || echo "FAILED:$bad")" $(( $(now) - t ))

  # 4b. KASAN_EXTRA_INFO: every track header of the sync suite's reports carries the CPU and
  # the time, in C's format, on c and rust alike.
  if grep -q '^CONFIG_KASAN_EXTRA_INFO=y' "$(builddir rust)/.config" 2>/dev/null; then
    t=$(now); verdict=PASS; line=""
    for v in c rust; do
      l="$logs/$v-$fam-sync.log"
      extra=$(strip_prefix "$l" | grep -cE '^(Allocated|Freed) by task [0-9]+ on cpu [0-9]+ at [0-9]+\.[0-9]{6}s:$')
      plain=$(strip_prefix "$l" | grep -cE '^(Allocated|Freed) by task [0-9]+:$')
      cpus=$(strip_prefix "$l" | sed -nE 's/^(Allocated|Freed) by task [0-9]+ on cpu ([0-9]+) at .*/\2/p' | sort -un | tr '\n' ',')
      line="$line $v: $extra with cpu and time, $plain without (cpus ${cpus%,});"
      { [ "$extra" -gt 0 ] && [ "$plain" = 0 ]; } || verdict=FAILED
    done
    row "$fam" extra-info "$verdict ($line)" $(( $(now) - t ))
  fi

  # 5. lockdep is live.
  if grep -q '^CONFIG_PROVE_LOCKING=y' "$(builddir rust)/.config" 2>/dev/null; then
    for v in c rust; do
      t=$(now)
      if ! (module_initramfs "$v" "$TOP/testing/lockdep" kasan_rs_lockdep_abba "$logs/lockdep-initramfs/lockdep-$v.cpio"); then
        row "$fam" "lockdep-live $v" "FAILED (cannot build testing/lockdep against $v)" 0; continue
      fi
      "$KASAN_RS" run "${RUN_ARGS[@]}" --quiet --timeout 120 --image "$(builddir "$v")/arch/arm64/boot/Image" \
        --initrd "$logs/lockdep-initramfs/lockdep-$v.cpio" --expect-reports 0 \
        --append "rdinit=/init kunit.enable=0 KASAN_RS_MODULE=/kasan_rs_lockdep_abba.ko" \
        --log "$logs/$v-lockdep-live.console" > "$logs/$v-lockdep-live.out" 2>&1
      if grep -q 'WARNING: possible circular locking dependency detected' "$logs/$v-lockdep-live.console" \
         && grep -q 'kasan_rs_lockdep_a' "$logs/$v-lockdep-live.console" \
         && grep -q 'kasan_rs_lockdep_abba: done' "$logs/$v-lockdep-live.console"; then
        row "$fam" "lockdep-live $v" "PASS (inverted lock order reported: possible circular locking dependency)" $(( $(now) - t ))
      else
        row "$fam" "lockdep-live $v" "FAILED (no circular-dependency splat; see ${logs#$TOP/}/$v-lockdep-live.console)" $(( $(now) - t ))
      fi
    done
  fi
done
unset KASAN_RS_FAMILY

{
  echo
  printf '%-9s %-18s %5s  %s\n' family check secs verdict
  for r in "${rows[@]}"; do
    IFS="$SEP" read -r f c verdict s <<< "$r"
    printf '%-9s %-18s %5s  %s\n' "$f" "$c" "$s" "$verdict"
  done
  echo "make field: $([ "$failed" = 0 ] && echo PASS || echo FAILED) in $(( $(now) - start_all )) s (families: $families; logs in ${ROOT_LOGS#$TOP/}/)"
} | tee "$ROOT_LOGS/table.txt"
exit "$failed"
