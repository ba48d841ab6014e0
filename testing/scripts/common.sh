# Shared settings for kasan-rs scripts (sourced, not run).
# Every expensive artefact lives under $CACHE, keyed by kernel version.
CACHE="${KASAN_RS_CACHE:-$HOME/.cache/kasan-rs}"
TOP="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KTARBALL="${KASAN_RS_KERNEL_TARBALL:-/usr/src/linux-source-6.12.tar.xz}"
KVER_KEY="linux-6.12"                 # refined to the exact SUBLEVEL once extracted
KROOT="$CACHE/$KVER_KEY"
PRISTINE="$KROOT/pristine"            # read-only copy of the tarball
# KASAN_RS_BUILD_SUFFIX (default empty) gives a separate source tree and build directories,
# e.g. "-broken" -> src-broken/, build-c-broken/: used by selftest-broken-overlay.sh so that an
# experiment never touches the shared tree or the normal builds.
KSUFFIX="${KASAN_RS_BUILD_SUFFIX:-}"
case "$KSUFFIX" in ""|-[A-Za-z0-9_]*) ;; *) printf 'KASAN_RS_BUILD_SUFFIX must look like -name\n' >&2; exit 1;; esac
KSRC="$KROOT/src$KSUFFIX"             # pristine + our overlay; what we build
# KASAN_RS_PATCHES overrides the patch series directory (default: the project's patches/).
PATCHES="${KASAN_RS_PATCHES:-$TOP/patches}"
BINDGEN="$CACHE/tools/bin/bindgen"
VARIANTS="nokasan c rust rustdbg"

KMAKE=(make -C "$KSRC" ARCH=arm64 LLVM=-19 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc
       BINDGEN="$BINDGEN" HOSTRUSTC=/usr/bin/rustc)

die() { printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
say() { printf '==> %s\n' "$*" >&2; }

builddir() { echo "$KROOT/build-$1$KSUFFIX"; }

check_variant() {
  case " $VARIANTS " in
    *" $1 "*) [ -f "$TOP/testing/configs/$1.config" ] || die "variant '$1' has no config fragment testing/configs/$1.config";;
    *) die "unknown variant '$1' (known: $VARIANTS)";;
  esac
}

# check_kasan_args "ARGS": every kasan.* / kasan= word must be a parameter 6.12's HW_TAGS KASAN
# knows, with a value it accepts (mm/kasan/{hw_tags,report,common,report_tags}.c); other words
# pass through. KASAN_ARGS_UNCHECKED=1 skips the check (to test malformed parameters on purpose).
check_kasan_args() {
  [ "${KASAN_ARGS_UNCHECKED:-0}" = 1 ] && return 0
  local w name value int='^([0-9]+|0[xX][0-9a-fA-F]+)$' words
  read -ra words <<< "$1"
  for w in ${words[@]+"${words[@]}"}; do
    case "$w" in kasan=*|kasan.*) ;; *) continue;; esac
    case "$w" in *=*) name=${w%%=*}; value=${w#*=};; *) name=$w; value="";; esac
    case "$name" in
      kasan)                        [[ "$value" =~ ^(on|off)$ ]] || bad_kasan "$w" "on|off";;
      kasan.mode)                   [[ "$value" =~ ^(sync|async|asymm)$ ]] || bad_kasan "$w" "sync|async|asymm";;
      kasan.vmalloc)                [[ "$value" =~ ^(on|off)$ ]] || bad_kasan "$w" "on|off";;
      kasan.stacktrace)             [[ "$value" =~ ^(on|off)$ ]] || bad_kasan "$w" "on|off";;
      kasan.fault)                  [[ "$value" =~ ^(report|panic|panic_on_write)$ ]] || bad_kasan "$w" "report|panic|panic_on_write";;
      kasan.page_alloc.sample)      [[ "$value" =~ $int ]] && (( value > 0 )) || bad_kasan "$w" "a positive integer";;
      kasan.page_alloc.sample.order|kasan.stack_ring_size)
                                    [[ "$value" =~ $int ]] || bad_kasan "$w" "a non-negative integer";;
      *) die "unknown KASAN parameter '$name' in KASAN_ARGS (known: kasan kasan.mode kasan.vmalloc kasan.stacktrace kasan.fault kasan.page_alloc.sample kasan.page_alloc.sample.order kasan.stack_ring_size; KASAN_ARGS_UNCHECKED=1 passes it anyway)";;
    esac
  done
}
bad_kasan() { die "bad KASAN parameter '$1': the value must be $2 (KASAN_ARGS_UNCHECKED=1 passes it anyway)"; }
