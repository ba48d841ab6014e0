#!/usr/bin/env bash
# The fuzz guest image (issue 12): Debian arm64 packages unpacked with mmdebstrap's `extract`
# variant (no arm64 code runs on the host), configured here, packed into a sparse raw ext4 with
# `mkfs.ext4 -d` (no loop mounts).
#
#   testing/fuzz/image.sh                 build (or reuse) the base image, print its path
#   testing/fuzz/image.sh variant KO OUT  sparse copy of the base image at OUT with KO written in
#                                         as /lib/kasan-rs/kasan_rs_canary.ko (e2fsprogs debugfs);
#                                         prints OUT
#   testing/fuzz/image.sh key             print the cache directory the base image lives in
#
# Cache: $CACHE/fuzz-image/<key>/{rootfs.ext4,id_ed25519,id_ed25519.pub,build.log}, <key> a hash
# of this script, the guest init and the package list (and suite, mirror, size): a rebuild only
# when one of them changes (beyond the three newest, keys older than a day are pruned). The ssh
# key pair next to the image is authorized for root in it.
# Environment: KASAN_RS_CACHE, KASAN_RS_FUZZ_MIRROR (default http://deb.debian.org/debian),
# KASAN_RS_FUZZ_SUITE (default bookworm), KASAN_RS_FUZZ_IMAGE_SIZE (default 1G).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${KASAN_RS_CACHE:-$HOME/.cache/kasan-rs}"
MIRROR="${KASAN_RS_FUZZ_MIRROR:-http://deb.debian.org/debian}"
SUITE="${KASAN_RS_FUZZ_SUITE:-bookworm}"
SIZE="${KASAN_RS_FUZZ_IMAGE_SIZE:-1G}"
INIT="$HERE/guest/init"
# What the guest needs: the fuzzer, the load, a shell and tools (busybox), sshd and scp/sftp for
# syzkaller, setpriv (util-linux) to drop to the user fuzz. Their dependencies come along.
PACKAGES=(trinity stress-ng busybox-static openssh-server openssh-client openssh-sftp-server
          util-linux libc-bin)
# busybox applets linked into /bin when the packages leave the name free (no arm64 code runs
# here, so `busybox --install` cannot). All are in bookworm busybox-static's applet table
# (checked against the name list in the binary; it has no `nice`).
APPLETS="sh ash cat chmod chown cp date dd df dmesg echo env false grep egrep head hostname id
ifconfig insmod ip kill ln ls lsmod mkdir mknod modprobe mount mv nproc od poweroff ps pwd
readlink reboot rm rmdir rmmod route sed sleep sort stat sync tail tee test touch tr true udhcpc
umount uname uniq vi wc wget which xargs [ [[ awk basename dirname expr find free gzip less
more mktemp printf seq sha256sum stty su timeout top uptime yes"

die() { printf 'image.sh: error: %s\n' "$*" >&2; exit 1; }
say() { printf '==> %s\n' "$*" >&2; }

image_key() {
  { cat "$0" "$INIT"; printf '%s\n' "${PACKAGES[*]}" "$SUITE" "$MIRROR" "$SIZE"; } \
    | sha256sum | cut -c1-16
}
IMGDIR="$CACHE/fuzz-image/$(image_key)"
IMG="$IMGDIR/rootfs.ext4"

need_tools() {
  local t missing=()
  for t in "$@"; do command -v "$t" >/dev/null || missing+=("$t"); done
  [ ${#missing[@]} = 0 ] || die "missing ${missing[*]}: run testing/bootstrap.sh --fuzz (packages mmdebstrap e2fsprogs openssh-client)"
}

# need_space DIR MIB: dies unless DIR's filesystem has MIB MiB free.
need_space() {
  local avail
  avail=$(df -Pm "$1" | awk 'NR == 2 { print $4 }')
  [ "${avail:-0}" -ge "$2" ] || die "only ${avail:-0} MiB free under $1, the image build needs $2 MiB"
}

configure_tree() {
  local t=$1 a
  # Merged /usr or not, the names init, sshd and the dynamic linker use must resolve.
  for a in bin sbin lib; do [ -e "$t/$a" ] || ln -s "usr/$a" "$t/$a"; done
  mkdir -p "$t"/{proc,sys,dev,run,tmp,root,home/fuzz,var/log,var/tmp,lib/kasan-rs,etc/ssh}
  [ -e "$t/var/run" ] || ln -s /run "$t/var/run"
  chmod 1777 "$t/tmp" "$t/var/tmp"
  [ -x "$t/bin/busybox" ] || die "busybox-static did not give /bin/busybox in the tree"
  for a in $APPLETS; do
    [ -e "$t/bin/$a" ] || [ -e "$t/usr/bin/$a" ] || [ -e "$t/sbin/$a" ] || [ -e "$t/usr/sbin/$a" ] \
      || ln -s busybox "$t/bin/$a"
  done
  # Accounts: root (syzkaller logs in as root, key only), the unprivileged fuzzer, sshd's
  # privilege separation user.
  cat > "$t/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
sshd:x:100:65534:sshd privsep:/run/sshd:/usr/sbin/nologin
fuzz:x:1000:1000:kasan-rs fuzzer:/home/fuzz:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
  cat > "$t/etc/group" <<'EOF'
root:x:0:
tty:x:5:
fuzz:x:1000:
nogroup:x:65534:
EOF
  cat > "$t/etc/shadow" <<'EOF'
root:*:20000:0:99999:7:::
sshd:*:20000:0:99999:7:::
fuzz:*:20000:0:99999:7:::
nobody:*:20000:0:99999:7:::
EOF
  cat > "$t/etc/gshadow" <<'EOF'
root:*::
tty:*::
fuzz:*::
nogroup:*::
EOF
  chmod 0640 "$t/etc/shadow" "$t/etc/gshadow"
  echo kasan-rs-fuzz > "$t/etc/hostname"
  printf '127.0.0.1 localhost\n127.0.1.1 kasan-rs-fuzz\n::1 localhost\n' > "$t/etc/hosts"
  printf '/dev/vda / ext4 defaults 0 1\n' > "$t/etc/fstab"
  printf 'nameserver 10.0.2.3\n' > "$t/etc/resolv.conf"
  printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\n' > "$t/etc/nsswitch.conf"
  chown 1000:1000 "$t/home/fuzz"
  chmod 0700 "$t/root"
  # sshd: host keys made now, the host's key pair authorized for root.
  mkdir -p "$t/root/.ssh"
  chmod 0700 "$t/root/.ssh"
  cp "$2.pub" "$t/root/.ssh/authorized_keys"
  chmod 0600 "$t/root/.ssh/authorized_keys"
  rm -f "$t"/etc/ssh/ssh_host_*
  ssh-keygen -q -t ed25519 -N '' -C kasan-rs-fuzz-host -f "$t/etc/ssh/ssh_host_ed25519_key"
  cat > "$t/etc/ssh/sshd_config" <<'EOF'
# kasan-rs fuzz guest (testing/fuzz/image.sh): key-only root login for syzkaller.
Port 22
HostKey /etc/ssh/ssh_host_ed25519_key
PermitRootLogin prohibit-password
PubkeyAuthentication yes
AuthorizedKeysFile .ssh/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
ClientAliveInterval 30
PidFile /run/sshd.pid
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
  install -m 0755 "$INIT" "$t/sbin/kasan-rs-fuzz-init"
  printf 'kasan-rs fuzz image %s: %s from %s %s\n' "$(basename "$IMGDIR")" "${PACKAGES[*]}" \
    "$SUITE" "$MIRROR" > "$t/etc/kasan-rs-fuzz-image"
}

build_image() {
  need_tools mmdebstrap mkfs.ext4 ssh-keygen
  [ "$(id -u)" = 0 ] || die "building the image needs root (mmdebstrap's root mode keeps file owners and device nodes)"
  mkdir -p "$CACHE/fuzz-image"
  need_space "$CACHE/fuzz-image" 1500
  local tmp="$IMGDIR.tmp.$$" t0=$SECONDS
  rm -rf "$tmp"; mkdir -p "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  say "building the fuzz image $(basename "$IMGDIR") ($SUITE arm64: ${PACKAGES[*]})"
  if ! mmdebstrap --arch=arm64 --variant=extract --include="$(IFS=,; echo "${PACKAGES[*]}")" \
      "$SUITE" "$tmp/tree" "$MIRROR" >"$tmp/build.log" 2>&1; then
    tail -15 "$tmp/build.log" >&2
    if grep -qiE 'could not resolve|temporary failure|failed to fetch|network is unreachable|connection (refused|timed out)' "$tmp/build.log"; then
      die "mmdebstrap could not download from $MIRROR (network? KASAN_RS_FUZZ_MIRROR picks another mirror)"
    fi
    die "mmdebstrap failed (log above)"
  fi
  [ -x "$tmp/tree/usr/bin/trinity" ] || die "the tree has no /usr/bin/trinity"
  ssh-keygen -q -t ed25519 -N '' -C kasan-rs-fuzz -f "$tmp/id_ed25519"
  configure_tree "$tmp/tree" "$tmp/id_ed25519"
  truncate -s "$SIZE" "$tmp/rootfs.ext4"
  mkfs.ext4 -q -F -L kasan-rs-fuzz -E root_owner=0:0 -d "$tmp/tree" "$tmp/rootfs.ext4" \
    >>"$tmp/build.log" 2>&1 || { tail -5 "$tmp/build.log" >&2; die "mkfs.ext4 -d failed"; }
  rm -rf "$tmp/tree"
  rm -rf "$IMGDIR"
  mv "$tmp" "$IMGDIR"
  trap - EXIT
  # Prune: beyond the three newest, base images unused for a day go (variants are full copies;
  # the day keeps a worktree with another image.sh from losing the base it is copying).
  local old
  for old in $(ls -dt "$CACHE"/fuzz-image/[0-9a-f]*/ 2>/dev/null | grep -v '\.tmp\.' | tail -n +4); do
    [ -n "$(find "$old" -maxdepth 0 -mmin +1440)" ] && rm -rf "$old"
  done
  say "fuzz image ready in $((SECONDS - t0)) s: $IMG ($(du -m "$IMG" | cut -f1) MiB used of $SIZE)"
}

base_image() {
  if [ ! -f "$IMG" ]; then
    # One builder at a time (two `make fuzz` runs would otherwise replace each other's image).
    mkdir -p "$CACHE/fuzz-image"
    exec 9>"$CACHE/fuzz-image/.lock"
    flock 9
    [ -f "$IMG" ] || build_image
    exec 9>&-
  fi
  touch "$IMGDIR"			# last use, for the pruning
  echo "$IMG"
}

variant() {
  local ko=$1 out=$2 base
  [ -f "$ko" ] || die "no module $ko"
  need_tools debugfs
  base=$(base_image)
  mkdir -p "$(dirname "$out")"
  cp --sparse=always "$base" "$out.tmp"
  debugfs -w -R "write $ko /lib/kasan-rs/kasan_rs_canary.ko" "$out.tmp" >"$out.log" 2>&1 \
    || { cat "$out.log" >&2; die "debugfs could not write $ko into $out"; }
  # debugfs reports most failures on stdout with rc 0: check the file is there, at its size.
  local got
  got=$(debugfs -R "stat /lib/kasan-rs/kasan_rs_canary.ko" "$out.tmp" 2>/dev/null \
        | sed -n 's/.*Size: \([0-9]*\).*/\1/p' | head -1)
  [ "$got" = "$(stat -c %s "$ko")" ] || { cat "$out.log" >&2; die "$ko did not land in $out (size '${got:-none}')"; }
  mv "$out.tmp" "$out"
  echo "$out"
}

case "${1:-}" in
  "") base_image;;
  variant) [ $# = 3 ] || die "usage: image.sh variant KO OUT"; variant "$2" "$3";;
  key) echo "$IMGDIR";;
  -h|--help|help) sed -n '2,17p' "$0";;
  *) die "unknown command '$1' (image.sh [variant KO OUT | key])";;
esac
