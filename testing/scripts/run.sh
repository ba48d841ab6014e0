#!/usr/bin/env bash
# The main job (`make run`): run.sh VARIANT ["KASAN_ARGS"]
#
# Builds VARIANT (if needed) and its initramfs (testing/scripts/initramfs.sh), boots it under
# QEMU with kasan_multi_shot, lets /init load samples/kasan_rs_sample.ko (one bug of each class),
# prints the KASAN reports from the console, then one line per bug (kasan-rs summary).
#
# Verdict: exactly 6 KASAN reports, no crash, QEMU powers off. With kasan.mode=async, faults are
# reported late and may be coalesced into fewer reports, so there only >= 1 report is required.
# Console log: out/logs/<variant>[-<family>]-run.log (KASAN_RS_LOGS overrides out/logs). Exit code: kasan-rs run's (0 = as expected).
set -euo pipefail
. "$(dirname "$0")/common.sh"

variant="${1:-}"; [ -n "$variant" ] || die "usage: run.sh VARIANT [KASAN_ARGS]"
args="${2:-}"
check_variant "$variant"
[ "$variant" != nokasan ] || die "the nokasan variant has no KASAN and no sample module: use VARIANT=c or VARIANT=rust"
check_kasan_args "$args"

"$TOP/testing/scripts/build.sh" "$variant"
cpio=$("$TOP/testing/scripts/initramfs.sh" "$variant")
(cd "$TOP" && cargo build --release -q -p kasan-rs-tools) || die "cannot build the kasan-rs tool"
KASAN_RS="$TOP/target/release/kasan-rs"

expect=(--expect-reports 6)
case " $args " in
  *" kasan.mode=async "*) expect=(--min-reports 1)
    say "kasan.mode=async: reports come late and may be coalesced; requiring at least 1, not 6";;
esac

label=$variant; [ "$FAMILY" = min ] || label="$variant-$FAMILY"
log="${KASAN_RS_LOGS:-$TOP/out/logs}/$label-run.log"; mkdir -p "$(dirname "$log")"
image="$(builddir "$variant")/arch/arm64/boot/Image"
say "[$variant] booting with the sample module (console log: ${log#$TOP/})"
rm -f "$log"
set +e
result=$("$KASAN_RS" run "${RUN_ARGS[@]}" --image "$image" --initrd "$cpio" \
          --append "kasan_multi_shot rdinit=/init kunit.enable=0 $args" \
          --log "$log" --timeout 120 --quiet "${expect[@]}" 2>&1)
rc=$?
set -e

# Usage or environment error (missing Image, QEMU too old, ...): kasan-rs said it in one line.
if [ "$rc" = 2 ] || [ ! -s "$log" ]; then
  printf '%s\n' "$result" >&2
  exit "$rc"
fi

# The console from /init on (the reports); the whole tail if /init never ran.
if grep -q '^kasan-rs-init: ' "$log" 2>/dev/null; then
  sed -n '/^kasan-rs-init: /,$p' "$log" | grep -v '^kasan-rs: '
elif [ -f "$log" ]; then
  echo "(/init never ran; the last 40 console lines:)"; tail -40 "$log"
fi
echo
printf '%s\n' "$result" | grep -v '^note: no KTAP output: the kernel printed `kunit: disabled`' || true
echo
"$KASAN_RS" reports "$log" || true
echo
"$KASAN_RS" summary "$log" || true
exit "$rc"
