#!/usr/bin/env bash
# One short fuzz boot for checking the image by hand (not the fuzz manager):
#   testing/fuzz/try.sh KERNEL_IMAGE DISK_IMAGE SECONDS [EXTRA KERNEL PARAMETERS...]
# Boots KERNEL_IMAGE on DISK_IMAGE (snapshot=on) with the fuzz init, stops after SECONDS or when
# the guest panics/powers off, and prints the init's console lines, the first KASAN report header
# and the canary function of its call trace, each with the seconds since QEMU started.
# The whole console goes to DISK_IMAGE.console.log. KASAN_RS_SMP (default 2) sets -smp.
set -euo pipefail
[ $# -ge 3 ] || { sed -n '2,7p' "$0" >&2; exit 2; }
kernel=$1 disk=$2 secs=$3; shift 3
log="$disk.console.log"
append="console=ttyAMA0 root=/dev/vda ro rootwait init=/sbin/kasan-rs-fuzz-init panic=-1 panic_on_warn=1 $*"
t0=$(date +%s.%N)
timeout --foreground "$secs" qemu-system-aarch64 -M virt,mte=on -cpu max -smp "${KASAN_RS_SMP:-2}" -m 2G \
  -nographic -no-reboot -nic none -kernel "$kernel" \
  -drive "file=$disk,if=virtio,format=raw,snapshot=on" -append "$append" </dev/null 2>&1 \
  | while IFS= read -r line; do
      printf '%s\n' "$line" >> "$log"
      case "$line" in
        *kasan-rs-fuzz*|*"BUG: KASAN"*|*kasan_rs_canary_*+0x*|*"Kernel panic"*|*"Run /sbin"*)
          printf '%6.1f %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$line";;
      esac
    done || true
