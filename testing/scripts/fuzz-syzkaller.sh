#!/usr/bin/env bash
# The fuzz kernel and guest for syzkaller (`make fuzz-syzkaller`): fuzz-syzkaller.sh [VARIANT]
#
# Builds VARIANT's (default rust) fuzz kernel, the guest image with the planted-bug module, and
# writes a syz-manager config for them (`kasan-rs syz-config`: vm type qemu, virt,mte=on, the
# image's ssh key, restricted user networking). The project does not vendor or build syzkaller:
# point a syzkaller checkout at the config (README, "Fuzzing with syzkaller").
#
# Output: out/fuzz/syzkaller/ (manager.cfg, VARIANT.img, id_ed25519, workdir/). SYZKALLER=DIR
# names the syzkaller checkout (its bin/ has syz-manager and the linux_arm64 binaries).
set -euo pipefail
export KASAN_RS_FAMILY=fuzz
. "$(dirname "$0")/common.sh"

v="${1:-rust}"; check_variant "$v"
KASAN_RS=$(kasan_rs_tool) || exit 1
out="${KASAN_RS_FUZZ_OUT:-$TOP/out/fuzz}/syzkaller"; mkdir -p "$out/workdir"

"$TOP/testing/scripts/build.sh" "$v"
fuzz_disk "$v" "$out" "$out/$v.img"
# syz-manager wants the key private to its user.
install -m 600 "$("$TOP/testing/fuzz/image.sh" key)/id_ed25519" "$out/id_ed25519"

"$KASAN_RS" syz-config --kernel "$(builddir "$v")/arch/arm64/boot/Image" --image "$out/$v.img" \
  --sshkey "$out/id_ed25519" --workdir "$out/workdir" \
  --append "init=$FUZZ_INIT fuzz_mode=ssh kunit.enable=0" \
  ${SYZKALLER:+--syzkaller "$SYZKALLER"} > "$out/manager.cfg.new"
mv "$out/manager.cfg.new" "$out/manager.cfg"
say "syz-manager config: ${out#$TOP/}/manager.cfg (run: syz-manager -config $out/manager.cfg)"
