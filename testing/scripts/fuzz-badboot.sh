#!/usr/bin/env bash
# make fuzz's bad input on a real fuzz kernel (`make fuzz-badboot [VARIANT=rust]`; about 3 min
# once the kernel is built; fuzz-selftest.sh is the same without booting anything):
#   1. a kernel that dies at once: every VM of a 60 s campaign boots with an init that does not
#      exist, so the kernel panics before any of its userspace runs. Each VM is counted (the panic
#      is a crash, titled as syzkaller titles it), the next one boots after the manager's
#      back-off, and the campaign ends on time;
#   2. the host out of disk for logs: the campaign's output directory is a 4 MiB tmpfs that is
#      full but for 16 KiB when the first VM starts (its console is longer), the planted bugs
#      disarmed (so that nothing but the full disk can end the VM). `kasan-rs fuzz` must stop
#      with an error naming the console file and "No space left on device", and count nothing:
#      no crash in crashes.json (if it could be written at all), none in the table.
# Prints one line per check; exit 1 if any failed. Needs root (the tmpfs).
set -uo pipefail
export KASAN_RS_FAMILY=fuzz
. "$(dirname "$0")/common.sh"
v="${1:-rust}"; check_variant "$v"
KASAN_RS=$(kasan_rs_tool) || exit 1
image="$(builddir "$v")/arch/arm64/boot/Image"
[ -f "$image" ] || "$TOP/testing/scripts/build.sh" "$v" || die "[$v] cannot build the fuzz kernel"
[ "$(id -u)" = 0 ] || die "needs root (mounts a small tmpfs for the full-disk check)"
tmp=$(mktemp -d); full="$tmp/full"
trap 'mountpoint -q "$full" && umount "$full"; rm -rf "$tmp"' EXIT
"$TOP/testing/fuzz/image.sh" >/dev/null || die "cannot build the fuzz guest image"
fuzz_disk "$v" "$tmp" "$tmp/disk.img"
cp "$image" "$tmp/Image"
failed=0
ok() { echo "ok   $*"; }
bad() { echo "FAIL $*"; failed=1; }

# 1. Dies at once: the earliest a boot parameter makes this kernel panic reliably is its init
# (7 s of guest time into the boot here, under TCG with KCOV everywhere; the fake-QEMU test of
# tests/fuzz.rs has VMs that die in their first second).
dur=60
t0=$(date +%s)
"$KASAN_RS" fuzz --kernel "$tmp/Image" --drive "$tmp/disk.img" --variant "$v" --out "$tmp/early" \
  --duration "${dur}s" --seed 1 "${FUZZ_VM_ARGS[@]}" --append "init=/kasan-rs-no-such-init" \
  > "$tmp/early.table" 2> "$tmp/early.err"
rc=$?; took=$(( $(date +%s) - t0 ))
vms=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["vms_booted"])' "$tmp/early/crashes.json" 2>/dev/null || echo 0)
title=$(python3 -c 'import json,sys; print("; ".join(c["title"] + " x" + str(c["count"]) for c in json.load(open(sys.argv[1]))["crashes"]))' "$tmp/early/crashes.json" 2>/dev/null)
panics=$(grep -l "Requested init /kasan-rs-no-such-init failed" "$tmp"/early/vm-*.log 2>/dev/null | wc -l)
first=$(grep -h -m1 "Requested init" "$tmp"/early/vm-000.log 2>/dev/null | sed -n 's/^\[ *\([0-9.]*\)\].*/\1/p')
# Back-off 1, 2, 4, 8, 16, 30 s between early deaths: at least 4 VMs fit in 60 s. The last VM
# may be stopped by the deadline before its panic.
if [ "$rc" = 0 ] && [ "$vms" -ge 4 ] && [ "$panics" -ge $(( vms - 1 )) ] && [ "$took" -le $(( dur + 30 )) ]; then
  ok "a kernel that panics ${first:-?} s into its boot (before its init): $vms VMs booted and counted ($panics panicked$([ "$panics" -lt "$vms" ] && echo ", the last stopped at the deadline")), the campaign ended after $took s (DURATION ${dur}s); crashes: $title"
else
  bad "early panic: exit $rc, $vms VMs, $panics consoles with the panic, $took s: $(tail -3 "$tmp/early.err" | tr '\n' ' ')"
fi
grep -E "boot|VMs" "$tmp/early.table" | head -5 | sed 's/^/     /'

# 2. Out of disk.
mkdir -p "$full"
mount -t tmpfs -o size=4m kasan-rs-full "$full" || die "cannot mount a tmpfs at $full"
avail=$(( $(stat -f -c '%a * %S' "$full") ))
head -c $(( avail - 16384 )) /dev/zero > "$full/filler" 2>/dev/null
"$KASAN_RS" fuzz --kernel "$tmp/Image" --drive "$tmp/disk.img" --variant "$v" --out "$full/out" \
  --duration 90s --seed 1 "${FUZZ_VM_ARGS[@]}" --append "init=$FUZZ_INIT fuzz_canary_armed=0" \
  > "$tmp/full.table" 2> "$tmp/full.err"
rc=$?
msg=$(grep -m1 -i "vm-000.log: no space left" "$tmp/full.err")
crashes=0
[ -f "$full/out/crashes.json" ] && crashes=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["crashes"]))' "$full/out/crashes.json" 2>/dev/null || echo "unreadable")
if [ "$rc" != 0 ] && [ -n "$msg" ] && [ "$crashes" = 0 ] && ! grep -q "KASAN\|BUG\|WARNING" "$tmp/full.table"; then
  ok "a full disk: exit $rc, '$msg', no crash counted"
else
  bad "full disk: exit $rc, message '${msg:-none}', crashes $crashes: $(tail -3 "$tmp/full.err" | tr '\n' ' ')"
fi
exit "$failed"
