#!/usr/bin/env bash
# Install everything kasan-rs needs on Debian bookworm amd64 (idempotent).
# Measured package set: ../shared/platform.md. Run as root.
set -euo pipefail

CACHE="${KASAN_RS_CACHE:-$HOME/.cache/kasan-rs}"
STAMP="$CACHE/bootstrap.v1.done"
log() { printf 'bootstrap: %s\n' "$*" >&2; }

need_apt=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

APT_PKGS=(linux-source-6.12 rustc-web rust-web-src rust-web-clippy clang-19 lld-19 llvm-19 libclang-19-dev
          flex bison bc libssl-dev libelf-dev cpio make xz-utils python3)
# --fuzz: also what the fuzz runs need on the host (testing/fuzz/image.sh builds the guest image
# with mmdebstrap and mkfs.ext4 -d, writes modules into it with debugfs, makes ssh keys).
# Optional, so that `make test`'s bootstrap stays as it was.
FUZZ_PKGS=(mmdebstrap e2fsprogs openssh-client)
case "${1:-}" in
  --fuzz) APT_PKGS+=("${FUZZ_PKGS[@]}");;
  "") ;;
  *) log "usage: bootstrap.sh [--fuzz]"; exit 2;;
esac
for p in "${APT_PKGS[@]}"; do have_pkg "$p" || need_apt+=("$p"); done

qemu_ok() {
  command -v qemu-system-aarch64 >/dev/null || return 1
  local v; v=$(qemu-system-aarch64 --version | sed -n 's/.*version \([0-9]*\)\..*/\1/p' | head -1)
  [ "${v:-0}" -ge 8 ]
}

if [ "$(id -u)" != 0 ] && { [ ${#need_apt[@]} -gt 0 ] || ! qemu_ok; }; then
  log "missing packages (${need_apt[*]:-} qemu-system-arm>=8 from bookworm-backports) and not root: install them with apt-get as root"
  exit 1
fi

apt_updated=0
apt_update() { [ $apt_updated = 1 ] || { log "apt-get update"; apt-get update -qq; apt_updated=1; }; }

if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  log "enabling bookworm-backports (QEMU >= 8 is needed: bookworm's 7.2 mis-emulates MTE)"
  cat > /etc/apt/sources.list.d/kasan-rs-backports.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  apt_updated=0
fi

if [ ${#need_apt[@]} -gt 0 ]; then
  apt_update
  log "apt-get install ${need_apt[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

if ! qemu_ok; then
  apt_update
  log "apt-get install -t bookworm-backports qemu-system-arm"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -t bookworm-backports qemu-system-arm ipxe-qemu >/dev/null || \
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -t bookworm-backports qemu-system-arm >/dev/null
  if ! qemu_ok; then
    log "error: $(command -v qemu-system-aarch64 || echo qemu-system-aarch64) is $(qemu-system-aarch64 --version 2>/dev/null | head -1 || echo missing): QEMU >= 8 is needed (bookworm's 7.2 mis-emulates MTE); install qemu-system-arm from bookworm-backports and put it first on PATH"
    exit 1
  fi
fi

BINDGEN="$CACHE/tools/bin/bindgen"
if [ ! -x "$BINDGEN" ]; then
  log "cargo install bindgen-cli 0.73.2 (about 1.5 minutes)"
  mkdir -p "$CACHE/tools"
  LIBCLANG_PATH=/usr/lib/llvm-19/lib cargo install --quiet --locked --root "$CACHE/tools" \
    bindgen-cli --version 0.73.2
fi

mkdir -p "$CACHE"
touch "$STAMP"
log "ok"
