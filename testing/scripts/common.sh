# Shared settings for kasan-rs scripts (sourced, not run).
# Every expensive artefact lives under $CACHE, keyed by kernel version.
CACHE="${KASAN_RS_CACHE:-$HOME/.cache/kasan-rs}"
TOP="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KTARBALL="${KASAN_RS_KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}"
KVER_KEY="linux-6.12"                 # refined to the exact SUBLEVEL once extracted
KROOT="$CACHE/$KVER_KEY"
PRISTINE="$KROOT/pristine"            # read-only copy of the tarball
KSRC="$KROOT/src"                     # pristine + our overlay; what we build
BINDGEN="$CACHE/tools/bin/bindgen"
VARIANTS="nokasan c rust"

KMAKE=(make -C "$KSRC" ARCH=arm64 LLVM=-19 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
       BINDGEN="$BINDGEN" HOSTRUSTC=/usr/bin/rustc)

die() { printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
say() { printf '==> %s\n' "$*" >&2; }

builddir() { echo "$KROOT/build-$1"; }

check_variant() {
  case " $VARIANTS " in
    *" $1 "*) [ -f "$TOP/testing/configs/$1.config" ] || die "variant '$1' has no config fragment testing/configs/$1.config";;
    *) die "unknown variant '$1' (known: $VARIANTS)";;
  esac
}
