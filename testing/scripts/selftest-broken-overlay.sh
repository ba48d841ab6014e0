#!/usr/bin/env bash
# Self-test of the harness: a deliberately broken overlay must make `make test` fail.
#
#   testing/scripts/selftest-broken-overlay.sh [--keep]
#
# It adds one extra patch to a temporary copy of the patch series: in mm/kasan/report.c (as the
# series leaves it) kasan_report() and kasan_report_invalid_free() return before printing
# anything, so KASAN detects bugs but never reports them. Then it runs
#
#   KASAN_RS_BUILD_SUFFIX=-broken KASAN_RS_PATCHES=<tmp> KASAN_RS_LOGS=out/logs/selftest-broken \
#     make test TEST_VARIANTS=c
#
# which uses its own tree (src-broken/) and build directory (build-c-broken/) in the cache: the
# shared src/ tree and the normal builds are never touched, so nothing needs restoring. The
# self-test passes when `make test` exits non-zero with the kasan suite judged CASE_FAILED
# (the suite's KUNIT_EXPECT_KASAN_FAIL cases see no report).
#
# Cost: a cold kernel build (about 6 minutes on 2 cores) plus ~1.5 GB for the extra tree.
# src-broken/ and build-c-broken/ are removed at the end unless --keep is given.
set -euo pipefail
. "$(dirname "$0")/common.sh"

keep=0
case "${1:-}" in --keep) keep=1;; "") ;; *) die "usage: selftest-broken-overlay.sh [--keep]";; esac
[ -z "$KSUFFIX" ] || die "run without KASAN_RS_BUILD_SUFFIX: the self-test sets it"
[ -f "$PRISTINE/.kasan-rs-extracted" ] || "$TOP/testing/scripts/tree.sh"

suffix=-broken
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/patches" "$tmp/a/mm/kasan"
cp "$TOP"/patches/*.patch "$tmp/patches/" 2>/dev/null || true

# report.c as the project's own series leaves it (pristine, plus any of our patches to it).
f=mm/kasan/report.c
cp "$PRISTINE/$f" "$tmp/a/$f"; chmod u+w "$tmp/a/$f"
for p in "$tmp"/patches/*.patch; do
  [ -f "$p" ] || continue
  if grep -q "^+++ b/$f" "$p"; then
    filterdiff_dir="$tmp/one"; rm -rf "$filterdiff_dir"; mkdir -p "$filterdiff_dir"
    cp -r "$tmp/a/." "$filterdiff_dir/"
    patch -d "$filterdiff_dir" -p1 --batch --quiet --no-backup-if-mismatch < "$p" >/dev/null 2>&1 || true
    cp "$filterdiff_dir/$f" "$tmp/a/$f"
  fi
done
mkdir -p "$tmp/b/mm/kasan"
awk '
  /^bool kasan_report\(/                  { fn = "report" }
  /^void kasan_report_invalid_free\(/     { fn = "free" }
  fn == "report" && /if \(unlikely\(report_suppressed_sw\(\)\) \|\| unlikely\(!report_enabled\(\)\)\) \{/ {
    sub(/if \(.*\) \{/, "if (true) { /* kasan-rs selftest: never report */"); fn = ""; n++ }
  fn == "free" && /if \(unlikely\(!report_enabled\(\)\)\)/ {
    sub(/if \(unlikely\(!report_enabled\(\)\)\)/, "if (true) /* kasan-rs selftest: never report */"); fn = ""; n++ }
  { print }
  END { if (n != 2) { print "selftest: expected 2 edits in report.c, made " n > "/dev/stderr"; exit 1 } }
' "$tmp/a/$f" > "$tmp/b/$f" || die "mm/kasan/report.c no longer has the lines this self-test edits: update it"
{
  printf 'From: kasan-rs selftest\nSubject: [PATCH] kasan: never print reports (selftest-broken-overlay.sh)\n\n'
  printf 'Deliberately broken: make test must fail with this patch applied.\n---\n'
  (cd "$tmp" && diff -u --label "a/$f" --label "b/$f" "a/$f" "b/$f") || true
} > "$tmp/patches/9999-selftest-break-reports.patch"
grep -q '^+.*kasan-rs selftest' "$tmp/patches/9999-selftest-break-reports.patch" || die "could not generate the breaking patch"
say "selftest: breaking patch:"; sed -n '/^---/,$p' "$tmp/patches/9999-selftest-break-reports.patch" >&2

logs="$TOP/out/logs/selftest-broken"
say "selftest: make test TEST_VARIANTS=c with the broken overlay (own tree and build: *$suffix; logs: ${logs#$TOP/})"
set +e
KASAN_RS_BUILD_SUFFIX=$suffix KASAN_RS_PATCHES="$tmp/patches" KASAN_RS_LOGS="$logs" \
  make -C "$TOP" --no-print-directory test TEST_VARIANTS=c 2>&1 | tee "$TOP/out/logs/selftest-broken.log"
rc=${PIPESTATUS[0]}
set -e

if [ "$keep" = 0 ]; then
  say "selftest: removing $KROOT/src$suffix and $KROOT/build-c$suffix (--keep keeps them)"
  rm -rf "$KROOT/src$suffix" "$KROOT/build-c$suffix" "$KROOT/build-uapi$suffix"
fi

row=$(grep -E '^c +sync ' "$TOP/out/logs/selftest-broken.log" | tail -1 || true)
if [ "$rc" != 0 ] && [[ "$row" == *CASE_FAILED* ]]; then
  echo "selftest-broken-overlay: PASS: make test failed as it must (exit $rc): $row"
  exit 0
fi
echo "selftest-broken-overlay: FAIL: make test exit $rc with reports disabled; c/sync row: ${row:-none}"
exit 1
