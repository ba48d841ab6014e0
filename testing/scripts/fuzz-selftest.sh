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

# The release binary end to end, with a fake QEMU whose guest starts, makes progress, then
# prints a WARNING splat and dies: one crash titled as syzkaller titles it (this is the binary
# as `cargo build` makes it, whose dependencies' features can differ from `cargo test`'s).
cat > "$tmp/qemu" <<'FAKE'
#!/bin/sh
case "$1" in --version) echo "QEMU emulator version 10.0.2"; exit 0;; esac
echo "[    1.000000] kasan-rs-fuzz: started seed=1000 engine=trinity"
echo "[    2.000000] kasan-rs-fuzz: progress syscalls=10000"
echo "[    3.000000] ------------[ cut here ]------------"
echo "[    3.000001] WARNING: CPU: 1 PID: 77 at fs/ext4/super.c:123 ext4_fill_super+0x1c/0x2a8"
echo "[    3.000002] Modules linked in:"
echo "[    3.000003] Call trace:"
echo "[    3.000004]  ext4_fill_super+0x1c/0x2a8"
echo "[    3.000005]  do_one_thing+0x20/0x40"
echo "[    3.000006]  __arm64_sys_ioctl+0xa0/0xf0"
echo "[    3.000007] Kernel panic - not syncing: kernel: panic_on_warn set ..."
exit 0
FAKE
chmod +x "$tmp/qemu"
if "$KASAN_RS" fuzz --kernel "$tmp/Image" --drive "$tmp/disk.img" --variant selftest \
     --out "$tmp/fake-campaign" --duration 3s --seed 1 --qemu "$tmp/qemu" >"$tmp/stdout" 2>"$tmp/err" \
   && grep -q '"title": "WARNING in ext4_fill_super"' "$tmp/fake-campaign/crashes.json"; then
  echo "ok   a fake VM's WARNING is a crash titled 'WARNING in ext4_fill_super'"
else
  echo "FAIL fake VM campaign: $(tail -3 "$tmp/err" | tr '\n' ' ') $(grep -o '"title": "[^"]*"' "$tmp/fake-campaign/crashes.json" 2>/dev/null | head -2 | tr '\n' ' ')"; failed=1
fi

mkdir -p "$tmp/campaign"
printf '%s\n' qemu-system-aarch64 -M virt,mte=on -nic none -kernel Image > "$tmp/campaign/vm-000.cmd"
printf '%s\n' qemu-system-aarch64 -M virt,mte=on -netdev tap,id=n0 -kernel Image > "$tmp/campaign/vm-001.cmd"
expect "fuzz-contained finds a tap device" 1 "" "$KASAN_RS" fuzz-contained "$tmp/campaign"
exit "$failed"
