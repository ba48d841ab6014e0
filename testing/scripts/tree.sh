#!/usr/bin/env bash
# Extract the pristine Linux 6.12 tree (once) and lay our overlay over a working copy.
#
#   pristine/  the Debian linux-source-6.12 tarball, extracted and made read-only
#   src/       pristine + overlay: our kernel-side files and patches/*.patch
#              ($KASAN_RS_PATCHES and $KASAN_RS_BUILD_SUFFIX override both, see common.sh)
#
# Idempotent and incremental: a file in src/ is rewritten only when its content changes,
# so Kbuild rebuilds only what our change touches. Patched files are rebuilt from the
# pristine copy each time (never edited in place), and a file that a patch no longer
# touches goes back to its pristine content.
set -euo pipefail
. "$(dirname "$0")/common.sh"

[ -f "$KTARBALL" ] || die "kernel tarball $KTARBALL missing: run testing/bootstrap.sh (package linux-source-6.12)"

if [ ! -f "$PRISTINE/.kasan-rs-extracted" ]; then
  say "extracting $(basename "$KTARBALL") into $PRISTINE (about 20 s)"
  rm -rf "$PRISTINE.tmp"; mkdir -p "$PRISTINE.tmp"
  tar -xJf "$KTARBALL" -C "$PRISTINE.tmp" --strip-components=1
  chmod -R a-w "$PRISTINE.tmp"
  chmod u+w "$PRISTINE.tmp"; touch "$PRISTINE.tmp/.kasan-rs-extracted"; chmod u-w "$PRISTINE.tmp"
  rm -rf "$PRISTINE" 2>/dev/null || { chmod -R u+w "$PRISTINE"; rm -rf "$PRISTINE"; }
  mv "$PRISTINE.tmp" "$PRISTINE"
fi

if [ ! -f "$KSRC/.kasan-rs-copied" ]; then
  say "copying pristine tree to $KSRC"
  rm -rf "$KSRC"; cp -a "$PRISTINE" "$KSRC.tmp"; chmod -R u+w "$KSRC.tmp"
  touch "$KSRC.tmp/.kasan-rs-copied"; mv "$KSRC.tmp" "$KSRC"
fi

# install_if_changed SRC DST: copy only when the content differs (keeps mtimes stable).
install_if_changed() {
  if ! cmp -s "$1" "$2"; then mkdir -p "$(dirname "$2")"; cp "$1" "$2"; echo "  updated ${2#$KSRC/}" >&2; fi
}

# 1. The patch series, applied to scratch copies of the files it touches.
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
touched="$scratch/.touched"; : > "$touched"
shopt -s nullglob
[ -d "$PATCHES" ] || die "patch directory $PATCHES does not exist"
patches=("$PATCHES"/*.patch)
for p in "${patches[@]}"; do
  sed -n 's#^+++ b/\([^\t ]*\).*#\1#p; s#^--- a/\([^\t ]*\).*#\1#p' "$p" >> "$touched"
done
sort -u -o "$touched" "$touched"
while read -r f; do
  if [ -f "$PRISTINE/$f" ]; then mkdir -p "$scratch/t/$(dirname "$f")"; cp "$PRISTINE/$f" "$scratch/t/$f"; chmod u+w "$scratch/t/$f"; fi
done < "$touched"
mkdir -p "$scratch/t"
for p in "${patches[@]}"; do
  patch -d "$scratch/t" -p1 --batch --forward --quiet --no-backup-if-mismatch < "$p" >/dev/null \
    || die "patch $(basename "$p") does not apply to the pristine 6.12 tree"
done
manifest="$KSRC/.kasan-rs-patched"
# Files patched before but not any more: back to pristine.
if [ -f "$manifest" ]; then
  comm -23 <(sort -u "$manifest") "$touched" | while read -r f; do
    if [ -f "$PRISTINE/$f" ]; then install_if_changed "$PRISTINE/$f" "$KSRC/$f"; else rm -f "$KSRC/$f"; fi
  done
fi
while read -r f; do
  if [ -f "$scratch/t/$f" ]; then install_if_changed "$scratch/t/$f" "$KSRC/$f"; else rm -f "$KSRC/$f"; fi
done < "$touched"
cp "$touched" "$manifest"

# 2. Our own kernel-side files: the project root maps to mm/kasan/rs/ in the tree.
#    (Kbuild, Kconfig, rust/**/*.{rs,c,h}, samples/**)
OVL="$KSRC/mm/kasan/rs"
mkdir -p "$OVL"
want="$scratch/.want"; : > "$want"
( cd "$TOP" && { ls Kbuild Kconfig 2>/dev/null; find rust samples -type f \( -name '*.rs' -o -name '*.c' -o -name '*.h' -o -name Kbuild -o -name Makefile -o -name Kconfig \) -not -path '*/target/*' 2>/dev/null; } ) | sort > "$want"
while read -r f; do install_if_changed "$TOP/$f" "$OVL/$f"; done < "$want"
# Remove overlay files we no longer ship.
( cd "$OVL" && find . -type f | sed 's#^\./##' | sort ) | comm -23 - "$want" | while read -r f; do
  rm -f "$OVL/$f"; echo "  removed mm/kasan/rs/$f" >&2
done
say "overlay applied to $KSRC (${#patches[@]} patches)"
