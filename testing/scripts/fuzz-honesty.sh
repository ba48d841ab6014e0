#!/usr/bin/env bash
# Is a fuzz campaign honest? fuzz-honesty.sh [DURATION]   (default 10m; `make fuzz-honesty`)
#
# The rust fuzz kernel with its KASAN reports switched off by a throw-away patch
# (testing/fuzz/honesty/silence-reports.patch: report_enabled() is always false, the bugs are
# still caught and recovered from as before, only nothing is printed) gets the same campaign as
# make fuzz, all four planted bugs armed in every VM (nothing ends a VM: it runs them all for the
# whole campaign); `kasan-rs fuzz-canaries --expect none` then requires that no
# canary was reported. A campaign that found one would be counting something other than
# KASAN's reports. The patch is applied to a scratch copy of this checkout, never to it; its
# Image is copied out and the build directory rebuilt from this checkout before the campaign
# starts (both builds incremental: rust/report.rs and the link).
#
# Output: out/fuzz/honesty/ (KASAN_RS_FUZZ_OUT overrides out/fuzz).
set -euo pipefail
export KASAN_RS_FAMILY=fuzz
. "$(dirname "$0")/common.sh"

duration="${1:-10m}"
KASAN_RS=$(kasan_rs_tool) || exit 1
"$KASAN_RS" fuzz --check-only --duration="$duration" --seed=1 || exit 2
outroot="${KASAN_RS_FUZZ_OUT:-$TOP/out/fuzz}"; out="$outroot/honesty"
rm -rf "$out"; mkdir -p "$out"

scratch=$(mktemp -d)
restore() {
  say "rebuilding the rust fuzz kernel from ${TOP} (without the throw-away patch)"
  "$TOP/testing/scripts/build.sh" rust >"$out/restore-build.log" 2>&1 \
    || { tail -20 "$out/restore-build.log" >&2; echo "fuzz-honesty.sh: error: the rebuild failed; run: make build VARIANT=rust FAMILY=fuzz" >&2; return 1; }
}
trap 'rm -rf "$scratch"' EXIT
rsync -a --exclude /out --exclude /target "$TOP/" "$scratch/"
patch -s -d "$scratch" -p1 < "$TOP/testing/fuzz/honesty/silence-reports.patch" \
  || die "the throw-away patch no longer applies to rust/report.rs"
say "building the rust fuzz kernel with its reports silenced (build log: ${out#$TOP/}/build.log)"
trap 'restore; rm -rf "$scratch"' EXIT
"$scratch/testing/scripts/build.sh" rust >"$out/build.log" 2>&1 \
  || { tail -20 "$out/build.log" >&2; die "the silenced build failed"; }
# The silenced Image is kept; the build directory goes back to the product at once, so that
# other campaigns can run beside this one.
cp "$(builddir rust)/arch/arm64/boot/Image" "$out/Image-silenced"
fuzz_disk rust "$out" "$out/disk.img"
trap 'rm -rf "$scratch"' EXIT
restore || exit 1
set +e
"$KASAN_RS" fuzz --kernel "$out/Image-silenced" --drive "$out/disk.img" \
  --variant rust-silenced --out "$out" --duration="$duration" --seed=1 "${FUZZ_VM_ARGS[@]}" \
  --append "init=$FUZZ_INIT fuzz_canary_armed=15" > "$out/table.txt"
rc=$?
set -e
rm -f "$out/disk.img"
cat "$out/table.txt"
[ "$rc" = 0 ] || die "the campaign did not finish (kasan-rs fuzz exit $rc)"
"$KASAN_RS" fuzz-canaries "$out/crashes.json" --expect none
