#!/usr/bin/env bash
# make kunit: every KUnit suite of the `kunit` config family (testing/configs/family/kunit.config:
# base.config + ~30 of the tree's suites) on c and on rust, compared suite by suite and case by
# case by `kasan-rs kunit-compare`, which also fails on any KASAN report outside the KASAN suites.
#
#   testing/scripts/kunit.sh [VARIANT...]        (default: c rust; the first is the oracle)
#
# Per variant: build it (build.sh, KASAN_RS_FAMILY=kunit; KUNIT_NO_BUILD=1 uses the Image as it
# is), build the test modules against its build directory, pack them with /init
# (testing/initramfs/init.c) and boot once with kasan_multi_shot: the built-in suites run first,
# then /init loads, in this order,
#   kasan_rs_kunit_hook.ko  KUnit's KASAN hook (testing/kunit-hook): a use-after-free in a
#                           non-KASAN test, which KUnit must fail; the suites after it pass.
#                           Its init turns MTE tag checking back on on every CPU (a report in
#                           an earlier suite leaves it off on the CPU that took it), and
#   kasan_test_mm.ko        the newest upstream kasan suite as `kasan_mm`: the
#                           kasan_test_c.c of Debian's newest linux-source package
#                           (testing/kunit/kasan-test-mm/fetch.sh, cached), or
#                           KUNIT_UPSTREAM_KASAN_TEST=/path/to/kasan_test_c.c (=none: not run);
#                           see testing/kunit/kasan-test-mm/prepare.sh; after the hook: it then
#                           starts with every CPU checked,
# and powers off. kasan_multi_shot: without it only the first report of a boot is printed and fails
# a test, so a report in one suite would hide the next suite's from the hook.
#
# Knobs: KUNIT_GLOB (kunit.filter_glob, default: every suite), KUNIT_ARGS (more boot parameters),
# KUNIT_TIMEOUT (seconds per boot, default 1500), KUNIT_ALLOW_REPORTS="suite[.case] ..." (KASAN
# reports tolerated there; each needs a reason in this file). Logs: out/logs/kunit/
# (<variant>.log the console, compare.txt the comparison).
set -uo pipefail
. "$(dirname "$0")/common.sh"
[ -n "${KASAN_RS_FAMILY:-}" ] || { FAMILY=kunit; check_family kunit; RUN_ARGS=(--smp "$(family_smp kunit)"); }

variants=("$@"); [ ${#variants[@]} -gt 0 ] || variants=(c rust)
[ ${#variants[@]} = 2 ] || die "usage: kunit.sh [ORACLE VARIANT] (two variants, default: c rust)"
for v in "${variants[@]}"; do check_variant "$v"; done
LOGS="${KASAN_RS_LOGS:-$TOP/out/logs}/kunit"; mkdir -p "$LOGS"
KASAN_RS="${KASAN_RS:-$TOP/target/release/kasan-rs}"
TIMEOUT="${KUNIT_TIMEOUT:-1500}"
UPSTREAM="${KUNIT_UPSTREAM_KASAN_TEST:-}"
case "$UPSTREAM" in
  none) UPSTREAM="";;
  "") UPSTREAM=$("$TOP/testing/kunit/kasan-test-mm/fetch.sh") || exit 1;;
esac
# Where a KASAN report outside the KASAN suites is tolerated, each with its reason:
# slub_test.test_clobber_zone (lib/slub_kunit.c) writes p[64] into the red zone of a 64-byte
# object to see SLUB's red-zone check count it; kasan_disable_current() around the write only
# silences the software KASAN modes, so HW_TAGS reports it (slab-out-of-bounds) and KUnit fails
# the case. Measured on c and on rust alike (min kernels, slub_kunit.c built as a module).
# slub_test.test_clobber_redzone_free writes p[64] likewise, after freeing p: reported too,
# unless it runs on the CPU where test_clobber_zone's fault just turned tag checking off (then
# one side may report it and the other not: rerun alone below). Both measured on c and rust.
ALLOW_REPORTS="${KUNIT_ALLOW_REPORTS-slub_test.test_clobber_zone slub_test.test_clobber_redzone_free}"
[ -x "$KASAN_RS" ] || (cd "$TOP" && cargo build --release -q -p kasan-rs-tools) \
  || die "cannot build the kasan-rs tool (cargo build --release -p kasan-rs-tools)"
start=$(date +%s)

# kunit_initramfs VARIANT: out/logs/kunit/initramfs-VARIANT.cpio; prints the KASAN_RS_MODULE list.
kunit_initramfs() {
  local v=$1 dir="$LOGS/initramfs-$1" list=() ko gen n
  mkdir -p "$dir"
  ko=$(module_build "$v" "$TOP/testing/kunit-hook" kasan_rs_kunit_hook "$dir") || exit 1
  list+=("kasan_rs_kunit_hook:$ko")
  if [ -n "$UPSTREAM" ]; then
    n=$("$TOP/testing/kunit/kasan-test-mm/prepare.sh" "$UPSTREAM" "$KSRC" "$dir/kasan-test-mm") || exit 1
    say "[$v] kasan_mm: $n cases from $UPSTREAM"
    ko=$(module_build "$v" "$dir/kasan-test-mm" kasan_test_mm "$dir") || exit 1
    list+=("kasan_test_mm:$ko")
  fi
  [ -x "$dir/init" ] && [ "$dir/init" -nt "$TOP/testing/initramfs/init.c" ] || build_init "$dir/init"
  gen=$(gen_init_cpio "$dir") || exit 1
  { echo "dir /dev 0755 0 0"; echo "nod /dev/console 0600 0 0 c 5 1"
    echo "file /init $dir/init 0755 0 0"
    for m in "${list[@]}"; do echo "file /${m%%:*}.ko ${m#*:} 0644 0 0"; done; } > "$dir/cpio.list"
  "$gen" "$dir/cpio.list" > "$LOGS/initramfs-$v.cpio" || die "gen_init_cpio failed"
  local mods=""; for m in "${list[@]}"; do mods="$mods${mods:+:}/${m%%:*}.ko"; done
  echo "$mods"
}

for v in "${variants[@]}"; do
  if [ "${KUNIT_NO_BUILD:-0}" != 1 ]; then
    say "[$v] build, family $FAMILY (log: ${LOGS#$TOP/}/$v-build.log)"
    KASAN_RS_FAMILY="$FAMILY" "$TOP/testing/scripts/build.sh" "$v" > "$LOGS/$v-build.log" 2>&1 \
      || { tail -30 "$LOGS/$v-build.log" >&2; die "[$v] build failed"; }
  fi
  image="$(builddir "$v")/arch/arm64/boot/Image"
  [ -f "$image" ] || die "[$v] no kernel at $image (make build VARIANT=$v FAMILY=$FAMILY)"
  mods=$(kunit_initramfs "$v") || exit 1
  append="kasan_multi_shot KASAN_RS_MODULE=$mods ${KUNIT_GLOB:+kunit.filter_glob=$KUNIT_GLOB} ${KUNIT_ARGS:-}"
  say "[$v] boot: $append (log: ${LOGS#$TOP/}/$v.log)"
  t=$(date +%s)
  "$KASAN_RS" run "${RUN_ARGS[@]}" --image "$image" --initrd "$LOGS/initramfs-$v.cpio" \
    --append "$append" --log "$LOGS/$v.log" --timeout "$TIMEOUT" --quiet > "$LOGS/$v.run" 2>&1
  rc=$?
  # 1 (a case failed) is expected: the hook's case fails by design; kunit-compare judges.
  [ "$rc" = 2 ] && { cat "$LOGS/$v.run" >&2; die "[$v] kasan-rs run could not boot"; }
  say "[$v] booted in $(( $(date +%s) - t )) s: $(grep -c '^ *ok \|^ *not ok ' "$LOGS/$v.log") KTAP results"
done

args=(--label-a "${variants[0]}" --label-b "${variants[1]}"
      --expect-kasan-failure kunit_hook.kunit_hook_uaf)
for a in $ALLOW_REPORTS; do args+=(--allow-reports "$a"); done
"$KASAN_RS" kunit-compare "$LOGS/${variants[0]}.log" "$LOGS/${variants[1]}.log" "${args[@]}" \
  | tee "$LOGS/compare.txt"
rc=${PIPESTATUS[0]}
# Exit 8: the only differences are cases whose KASAN report one side did not print: a
# KASAN-suite case that missed it (random tags: a neighbour drew the same tag; the C oracle
# does it about once in three boots for page_alloc_oob_right), or a case of ALLOW_REPORTS
# whose bug fell on a CPU where an earlier report had turned tag checking off. As make test
# does, each is rerun alone on both variants, up to RETRIES times, and the two consoles of a
# rerun compared the same way; it passes when one rerun pair compares SAME.
RETRIES=5
if [ "$rc" = 8 ]; then
  rc=0
  rerun_args=(--label-a "${variants[0]}" --label-b "${variants[1]}")
  for a in $ALLOW_REPORTS; do rerun_args+=(--allow-reports "$a"); done
  for c in $(sed -n 's/^collision-suspects: //p' "$LOGS/compare.txt"); do
    ok=0
    for k in $(seq 1 "$RETRIES"); do
      for v in "${variants[@]}"; do
        say "[$v] $c: a report on one side only (random tags, or tag checks off on its CPU?): rerun $k/$RETRIES alone"
        "$KASAN_RS" run "${RUN_ARGS[@]}" --image "$(builddir "$v")/arch/arm64/boot/Image" \
          --initrd "$LOGS/initramfs-$v.cpio" --append "kasan_multi_shot KASAN_RS_MODULE=$mods kunit.filter_glob=$c" \
          --log "$LOGS/$v-rerun-$c-$k.log" --timeout "$TIMEOUT" --quiet >/dev/null 2>&1
      done
      if "$KASAN_RS" kunit-compare "$LOGS/${variants[0]}-rerun-$c-$k.log" "$LOGS/${variants[1]}-rerun-$c-$k.log" \
           "${rerun_args[@]}" > "$LOGS/rerun-$c-$k.compare"; then ok=1; break; fi
    done
    if [ "$ok" = 1 ]; then
      echo "rerun: $c the same on ${variants[*]} when run alone (rerun $k)" | tee -a "$LOGS/compare.txt"
    else
      echo "rerun: $c still differs after $RETRIES reruns (${LOGS#$TOP/}/rerun-$c-*.compare)" | tee -a "$LOGS/compare.txt"; rc=1
    fi
  done
fi
echo "make kunit: $([ "$rc" = 0 ] && echo PASS || echo FAILED) in $(( $(date +%s) - start )) s (family $FAMILY; logs in ${LOGS#$TOP/}/)"
exit "$rc"
