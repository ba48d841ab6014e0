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

# Config families: which kernel a variant is built as. `min` is base.config alone (the lab
# kernel every figure of the README comes from); the others add the fragments of
# testing/configs/family/ on top of it, before the variant's own fragment. KASAN_RS_FAMILY
# picks one for every script; its builds live in build-VARIANT-FAMILY.
FAMILIES="min hardened debug fuzz kunit"
FAMILY="${KASAN_RS_FAMILY:-min}"

# family_fragments FAMILY: the fragments of testing/configs/family/ it applies, in order.
family_fragments() {
  case "$1" in
    min) ;;
    hardened) echo hardened;;
    debug) echo hardened debug;;
    fuzz) echo hardened fuzz;;
    kunit) echo kunit;;
  esac
}

check_family() {
  case " $FAMILIES " in
    *" $1 "*) local f
       for f in $(family_fragments "$1"); do
         [ -f "$TOP/testing/configs/family/$f.config" ] || die "family '$1' needs testing/configs/family/$f.config"
       done;;
    *) die "unknown config family '$1' (KASAN_RS_FAMILY; known: $FAMILIES)";;
  esac
}
check_family "$FAMILY"

# The CPUs QEMU gives a family's kernel: the lab kernel's 2, and 4 for the field families
# (CPU hotplug needs one to take offline while the others run); `kunit` is min plus suites: 2.
family_smp() { case "$1" in min|kunit) echo 2;; *) echo 4;; esac; }
# Arguments every `kasan-rs run` of this family gets.
RUN_ARGS=(--smp "$(family_smp "$FAMILY")")

builddir() {
  local f=""
  [ "$FAMILY" = min ] || f="-$FAMILY"
  echo "$KROOT/build-$1$f$KSUFFIX"
}

check_variant() {
  case " $VARIANTS " in
    *" $1 "*) [ -f "$TOP/testing/configs/$1.config" ] || die "variant '$1' has no config fragment testing/configs/$1.config";;
    *) die "unknown variant '$1' (known: $VARIANTS)";;
  esac
}

# kasan_rs_tool: builds the host tool (cargo rebuilds only what changed) and prints the release
# binary's path: KASAN_RS=$(kasan_rs_tool) || exit 1.
kasan_rs_tool() {
  (cd "$TOP" && cargo build --release -q -p kasan-rs-tools) \
    || die "cannot build the kasan-rs tool (cargo build --release -p kasan-rs-tools)"
  echo "$TOP/target/release/kasan-rs"
}

# check_kasan_args "ARGS": every kasan.* / kasan= word must be a parameter 6.12's HW_TAGS KASAN
# knows, with a value it accepts; other words pass. The rules are the kernel's own parsers (kstrtoul
# and the word parameters, in rust/core), applied by `kasan-rs check-args`, which prints one line
# per bad word. KASAN_ARGS_UNCHECKED=1 skips the check (to test malformed parameters on purpose).
check_kasan_args() {
  [ "${KASAN_ARGS_UNCHECKED:-0}" = 1 ] && return 0
  local tool="${KASAN_RS:-$TOP/target/release/kasan-rs}"
  [ -x "$tool" ] || (cd "$TOP" && cargo build --release -q -p kasan-rs-tools) \
    || die "cannot build the kasan-rs tool (cargo build --release -p kasan-rs-tools)"
  "$tool" check-args "$1" || die "bad KASAN parameters (KASAN_ARGS_UNCHECKED=1 passes them anyway)"
}

# --- The initramfs pieces shared by initramfs.sh (make run, faults) and bench.sh. ---

# uapi_headers: prints the arm64 UAPI include directory nolibc needs (<linux/*.h>,
# <asm/*.h>), generating it once per kernel tree with `make headers`.
uapi_headers() {
  local b="$KROOT/build-uapi$KSUFFIX"
  if [ ! -f "$b/.kasan-rs-done" ]; then
    say "generating arm64 UAPI headers in $b/usr/include"
    mkdir -p "$b"
    "${KMAKE[@]}" O="$b" headers >"$b/headers.log" 2>&1 \
      || { tail -20 "$b/headers.log" >&2; die "make headers failed (see $b/headers.log)"; }
    touch "$b/.kasan-rs-done"
  fi
  echo "$b/usr/include"
}

# build_init OUT: compiles testing/initramfs/init.c into a static arm64 /init at OUT,
# against the kernel's own nolibc (no libc or cross toolchain beyond clang).
build_init() {
  local out=$1 uapi
  [ -f "$KSRC/tools/include/nolibc/nolibc.h" ] || die "kernel tree $KSRC missing: run testing/scripts/tree.sh"
  command -v clang-19 >/dev/null || die "clang-19 missing: run testing/bootstrap.sh (package clang-19)"
  command -v ld.lld-19 >/dev/null || die "ld.lld-19 missing: run testing/bootstrap.sh (package lld-19)"
  uapi=$(uapi_headers) || exit 1
  clang-19 --target=aarch64-linux-gnu -nostdlib -static -fuse-ld=lld -ffreestanding \
    -fno-stack-protector -fno-asynchronous-unwind-tables -O2 -Wall -Werror \
    -include "$KSRC/tools/include/nolibc/nolibc.h" -I "$uapi" \
    -o "$out" "$TOP/testing/initramfs/init.c" 2>"$out.log" \
    || { cat "$out.log" >&2; die "cannot build /init from testing/initramfs/init.c"; }
}

# gen_init_cpio DIR: prints a usable usr/gen_init_cpio: a built variant's, else one
# compiled with the host cc into DIR.
gen_init_cpio() {
  local v gen
  for v in $VARIANTS; do
    gen="$(builddir "$v")/usr/gen_init_cpio"
    [ -x "$gen" ] && { echo "$gen"; return 0; }
  done
  gen="$1/gen_init_cpio"
  if [ ! -x "$gen" ] || [ "$KSRC/usr/gen_init_cpio.c" -nt "$gen" ]; then
    cc -O2 -o "$gen" "$KSRC/usr/gen_init_cpio.c" || die "cannot build $gen with the host cc"
  fi
  echo "$gen"
}

# module_build VARIANT SRC NAME DIR: the test module in SRC (its Kbuild and sources, Rust or C)
# built as an external module against VARIANT's build directory; copies NAME.ko to
# DIR/NAME-VARIANT.ko (build log DIR/NAME-VARIANT.module.log) and prints that path.
module_build() {
  local v=$1 src=$2 name=$3 dir=$4 out mdir log
  out="$(builddir "$v")"; mdir="$out/kasan-rs-$(basename "$src")"; log="$dir/$name-$v.module.log"
  mkdir -p "$mdir" "$dir"
  find "$src" -maxdepth 1 -type f \( -name Kbuild -o -name '*.rs' -o -name '*.c' -o -name '*.h' \) \
    -exec cp {} "$mdir/" \;
  "${KMAKE[@]}" O="$out" M="$mdir" modules >"$log" 2>&1 \
    || { tail -30 "$log" >&2; die "[$v] cannot build the module in ${src#$TOP/} (log: $log)"; }
  cp "$mdir/$name.ko" "$dir/$name-$v.ko"
  echo "$dir/$name-$v.ko"
}

# module_initramfs VARIANT SRC NAME CPIO: the test module of SRC (module_build) packed with /init
# into CPIO as /NAME.ko (the .ko also lands next to CPIO as NAME-VARIANT.ko).
module_initramfs() {
  local v=$1 src=$2 name=$3 cpio=$4 dir ko gen
  dir=$(dirname "$cpio")
  ko=$(module_build "$v" "$src" "$name" "$dir") || exit 1
  [ -x "$dir/init" ] || build_init "$dir/init"
  gen=$(gen_init_cpio "$dir") || exit 1
  cat > "$cpio.list" <<SPEC
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
file /init $dir/init 0755 0 0
file /$name.ko $ko 0644 0 0
SPEC
  "$gen" "$cpio.list" > "$cpio" || die "gen_init_cpio failed"
}

# --- The fuzz guest (make fuzz, fuzz-honesty, fuzz-syzkaller). ---

# The init every fuzz VM boots (testing/fuzz/guest/init) and the shape of a fuzz VM.
FUZZ_INIT=/sbin/kasan-rs-fuzz-init
FUZZ_VM_ARGS=(--smp 2 --mem 2G)

# fuzz_disk VARIANT DIR DISK: the guest image of testing/fuzz/image.sh plus the planted-bug module
# (testing/fuzz/canary, built against VARIANT's build directory into DIR), at DISK.
fuzz_disk() {
  local ko
  ko=$(module_build "$1" "$TOP/testing/fuzz/canary" kasan_rs_canary "$2") || exit 1
  "$TOP/testing/fuzz/image.sh" variant "$ko" "$3" >/dev/null \
    || die "[$1] cannot make the fuzz disk image $3 (testing/fuzz/image.sh)"
}

# bench_initramfs VARIANT DIR: DIR/initramfs-VARIANT.cpio with /init (KASAN_RS_BENCH=1 prints the
# slab figures; KASAN_RS_MODULE= loads a module) and testing/bench/kasan_rs_bench.ko built
# against VARIANT's build directory. Used by make bench and make profile.
bench_initramfs() { module_initramfs "$1" "$TOP/testing/bench" kasan_rs_bench "$2/initramfs-$1.cpio"; }
