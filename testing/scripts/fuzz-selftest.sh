#!/usr/bin/env bash
# make fuzz's bad input, without building or booting anything (a row of make test):
# a malformed DURATION or SEED and an unknown variant stop fuzz.sh before any work with one clear
# line; `kasan-rs fuzz` refuses a QEMU argument that opens a way off the machine before it
# touches its output directory; `kasan-rs fuzz-contained` fails on a recorded boot with a host
# network device. Prints one line per check; exit 1 if any failed.
set -uo pipefail
TOP="$(cd "$(dirname "$0")/../.." && pwd)"
KASAN_RS="${KASAN_RS:-$TOP/target/release/kasan-rs}"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0

# expect NAME RC PATTERN CMD...: CMD exits with RC and its stderr matches PATTERN.
expect() {
  local name=$1 want=$2 pattern=$3 rc; shift 3
  "$@" >"$tmp/stdout" 2>"$tmp/err"; rc=$?
  if [ "$rc" = "$want" ] && grep -qE "$pattern" "$tmp/err"; then
    echo "ok   $name"
  else
    echo "FAIL $name: exit $rc (want $want), stderr: $(head -3 "$tmp/err" | tr '\n' ' ')"; failed=1
  fi
}

export KASAN_RS_FUZZ_OUT="$tmp/fuzz"
expect "malformed DURATION" 2 "invalid duration '10 minutes'" \
  env DURATION="10 minutes" "$TOP/testing/scripts/fuzz.sh" rust
expect "malformed SEED" 2 "invalid value '-1' for '--seed" env SEED=-1 "$TOP/testing/scripts/fuzz.sh" rust
expect "unknown variant" 1 "unknown variant 'rusty'" "$TOP/testing/scripts/fuzz.sh" rusty
[ ! -e "$tmp/fuzz" ] || { echo "FAIL bad input created $tmp/fuzz"; failed=1; }

: > "$tmp/Image"; : > "$tmp/disk.img"
expect "uncontained --qemu-arg" 2 "refus|network|contain" \
  "$KASAN_RS" fuzz --kernel "$tmp/Image" --drive "$tmp/disk.img" --variant rust --out "$tmp/campaign-refused" \
    --duration 10s --seed 1 --qemu-arg=-nic --qemu-arg=user,model=virtio-net-pci
[ ! -e "$tmp/campaign-refused" ] || { echo "FAIL the refused campaign created its output directory"; failed=1; }

mkdir -p "$tmp/campaign"
printf '%s\n' qemu-system-aarch64 -M virt,mte=on -nic none -kernel Image > "$tmp/campaign/vm-000.cmd"
printf '%s\n' qemu-system-aarch64 -M virt,mte=on -netdev tap,id=n0 -kernel Image > "$tmp/campaign/vm-001.cmd"
expect "fuzz-contained finds a tap device" 1 "" "$KASAN_RS" fuzz-contained "$tmp/campaign"
exit "$failed"
