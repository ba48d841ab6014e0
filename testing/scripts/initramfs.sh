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
ko4="$out/mm/kasan/rs/samples/kasan_rs_tag_policy.ko"
[ -f "$out/.config" ] || die "[$variant] not built yet: run testing/scripts/build.sh $variant"
[ -f "$ko" ] || die "[$variant] has no sample module $ko (CONFIG_SAMPLE_KASAN_RS=m needs KASAN_HW_TAGS; build.sh $variant)"
dir="$out/kasan-rs-initramfs"; mkdir -p "$dir"
init_src="$TOP/testing/initramfs/init.c"

# 1-2. /init and gen_init_cpio: see common.sh.
gen=$(gen_init_cpio "$dir") || exit 1

# 3. Rebuild only when an input changed.
for m in "$ko2" "$ko3" "$ko4"; do [ -f "$m" ] || die "[$variant] has no module $m (build.sh $variant)"; done
key=$(cat "$init_src" "$ko" "$ko2" "$ko3" "$ko4" "$0" "$KSRC/tools/include/nolibc/"*.h | sha256sum | cut -d' ' -f1)
cpio="$dir/initramfs.cpio"
if [ -f "$cpio" ] && [ "$(cat "$dir/inputs.sha256" 2>/dev/null)" = "$key" ]; then
  echo "$cpio"; exit 0
fi

say "[$variant] building initramfs $cpio"
build_init "$dir/init"

cat > "$dir/initramfs.list" <<SPEC
dir /dev 0755 0 0
nod /dev/console 0600 0 0 c 5 1
file /init $dir/init 0755 0 0
file /kasan_rs_sample.ko $ko 0644 0 0
file /kasan_rs_concurrent.ko $ko2 0644 0 0
file /kasan_rs_vmalloc_guard.ko $ko3 0644 0 0
file /kasan_rs_tag_policy.ko $ko4 0644 0 0
SPEC
"$gen" "$dir/initramfs.list" > "$cpio.tmp" || die "gen_init_cpio failed"
mv "$cpio.tmp" "$cpio"
echo "$key" > "$dir/inputs.sha256"
echo "$cpio"
