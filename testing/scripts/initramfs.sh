#!/usr/bin/env bash
# Build the `make run` initramfs for one variant: initramfs.sh VARIANT
#
#   /init                 testing/initramfs/init.c, static arm64, against the kernel's nolibc
#   /kasan_rs_sample.ko   the variant's sample module (loaded by default)
#   /kasan_rs_concurrent.ko  the all-CPUs-at-once sample (KASAN_RS_MODULE=/kasan_rs_concurrent.ko)
#   /kasan_rs_vmalloc_guard.ko  a report next to a vmalloc guard page (KASAN_RS_MODULE=...)
#   /dev/console          char 5,1 (the kernel opens it for init's stdio)
#
# The cpio lands in the variant's build directory (kasan-rs-initramfs/initramfs.cpio) and is
# rebuilt only when an input changes. Prints its path on stdout.
set -euo pipefail
. "$(dirname "$0")/common.sh"

variant="${1:-}"; [ -n "$variant" ] || die "usage: initramfs.sh VARIANT (one of: $VARIANTS)"
check_variant "$variant"
out="$(builddir "$variant")"
ko="$out/mm/kasan/rs/samples/kasan_rs_sample.ko"
ko2="$out/mm/kasan/rs/samples/kasan_rs_concurrent.ko"
ko3="$out/mm/kasan/rs/samples/kasan_rs_vmalloc_guard.ko"
[ -f "$out/.config" ] || die "[$variant] not built yet: run testing/scripts/build.sh $variant"
[ -f "$ko" ] || die "[$variant] has no sample module $ko (CONFIG_SAMPLE_KASAN_RS=m needs KASAN_HW_TAGS; build.sh $variant)"
[ -f "$KSRC/tools/include/nolibc/nolibc.h" ] || die "kernel tree $KSRC missing: run testing/scripts/tree.sh"
command -v clang-19 >/dev/null || die "clang-19 missing: run testing/bootstrap.sh (package clang-19)"
command -v ld.lld-19 >/dev/null || die "ld.lld-19 missing: run testing/bootstrap.sh (package lld-19)"

dir="$out/kasan-rs-initramfs"; mkdir -p "$dir"
init_src="$TOP/testing/initramfs/init.c"

# 1. arm64 UAPI headers (once per kernel tree; nolibc needs <linux/*.h> and <asm/*.h>).
#    `make headers` leaves them in $O/usr/include (headers_install would also need rsync).
uapi_build="$KROOT/build-uapi$KSUFFIX"
uapi="$uapi_build/usr/include"
if [ ! -f "$uapi_build/.kasan-rs-done" ]; then
  say "generating arm64 UAPI headers in $uapi"
  mkdir -p "$uapi_build"
  "${KMAKE[@]}" O="$uapi_build" headers >"$uapi_build/headers.log" 2>&1 \
    || { tail -20 "$uapi_build/headers.log" >&2; die "make headers failed (see $uapi_build/headers.log)"; }
  touch "$uapi_build/.kasan-rs-done"
fi

# 2. gen_init_cpio: the build directory has one after a build with BLK_DEV_INITRD; else build it.
gen="$out/usr/gen_init_cpio"
if [ ! -x "$gen" ]; then
  gen="$dir/gen_init_cpio"
  if [ ! -x "$gen" ] || [ "$KSRC/usr/gen_init_cpio.c" -nt "$gen" ]; then
    cc -O2 -o "$gen" "$KSRC/usr/gen_init_cpio.c" || die "cannot build $gen with the host cc"
  fi
fi

# 3. Rebuild only when an input changed.
for m in "$ko2" "$ko3"; do [ -f "$m" ] || die "[$variant] has no module $m (build.sh $variant)"; done
key=$(cat "$init_src" "$ko" "$ko2" "$ko3" "$0" "$KSRC/tools/include/nolibc/"*.h | sha256sum | cut -d' ' -f1)
cpio="$dir/initramfs.cpio"
if [ -f "$cpio" ] && [ "$(cat "$dir/inputs.sha256" 2>/dev/null)" = "$key" ]; then
  echo "$cpio"; exit 0
fi

say "[$variant] building initramfs $cpio"
clang-19 --target=aarch64-linux-gnu -nostdlib -static -fuse-ld=lld -ffreestanding \
  -fno-stack-protector -fno-asynchronous-unwind-tables -O2 -Wall -Werror \
  -include "$KSRC/tools/include/nolibc/nolibc.h" -I "$uapi" \
  -o "$dir/init" "$init_src" 2>"$dir/init.log" \
  || { cat "$dir/init.log" >&2; die "cannot build /init from $init_src"; }

cat > "$dir/initramfs.list" <<SPEC
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
file /init $dir/init 0755 0 0
file /kasan_rs_sample.ko $ko 0644 0 0
file /kasan_rs_concurrent.ko $ko2 0644 0 0
file /kasan_rs_vmalloc_guard.ko $ko3 0644 0 0
SPEC
"$gen" "$dir/initramfs.list" > "$cpio.tmp" || die "gen_init_cpio failed"
mv "$cpio.tmp" "$cpio"
echo "$key" > "$dir/inputs.sha256"
echo "$cpio"
