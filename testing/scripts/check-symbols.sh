#!/usr/bin/env bash
# Proves which implementation a variant's vmlinux carries: check-symbols.sh VARIANT
#
#   rust: every out-of-line HW_TAGS hook and init function is defined, the C files
#         that define them upstream (mm/kasan/common.o, hw_tags.o) are not linked,
#         C-only static helpers of those files are absent, and the hooks come from
#         the Rust crate (its mangled symbols are present and the hook addresses lie
#         inside the Rust object's text).
#   c:    the same hooks are defined and come from common.o / hw_tags.o, and no
#         kasan-rs Rust symbol is linked.
set -euo pipefail
. "$(dirname "$0")/common.sh"
variant="${1:-}"; check_variant "$variant"
out="$(builddir "$variant")"
vmlinux="$out/vmlinux"
[ -f "$vmlinux" ] || die "$vmlinux missing: build the $variant variant first"
NM=llvm-nm-19; AR=llvm-ar-19
command -v $NM >/dev/null || die "llvm-nm-19 missing (package llvm-19: run testing/bootstrap.sh)"

hooks="__kasan_unpoison_range __kasan_unpoison_pages __kasan_poison_pages __kasan_poison_slab
__kasan_unpoison_new_object __kasan_poison_new_object __kasan_init_slab_obj __kasan_slab_pre_free
__kasan_slab_free __kasan_kfree_large __kasan_slab_alloc __kasan_kmalloc __kasan_kmalloc_large
__kasan_krealloc __kasan_mempool_poison_pages __kasan_mempool_unpoison_pages
__kasan_mempool_poison_object __kasan_mempool_unpoison_object __kasan_check_byte
__kasan_unpoison_vmap_areas __kasan_vrealloc __kasan_unpoison_vmalloc __kasan_poison_vmalloc
kasan_init_hw_tags kasan_init_hw_tags_cpu kasan_enable_hw_tags kasan_save_stack
kasan_addr_to_slab kasan_report kasan_report_invalid_free kasan_report_async kasan_init_tags
kasan_save_alloc_info kasan_save_free_info kasan_save_enable_multi_shot kasan_restore_multi_shot
kasan_kunit_test_suite_start kasan_kunit_test_suite_end"
# The C files a rust vmlinux must not contain.
c_files="common.o hw_tags.o report.o report_hw_tags.o tags.o report_tags.o"
# Static functions only the C files have (their names exist in vmlinux's symbol table).
c_only="early_kasan_flag early_kasan_mode early_kasan_flag_vmalloc
early_kasan_flag_page_alloc_sample __setup_early_kasan_mode __setup_early_kasan_flag_vmalloc
early_kasan_fault early_kasan_flag_stacktrace early_kasan_flag_stack_ring_size kasan_set_multi_shot
kasan_complete_mode_report_info kasan_metadata_fetch_row kasan_print_tags kasan_get_alloc_size
stack_ring"

syms=$($NM "$vmlinux")
fail=0
bad() { echo "check-symbols[$variant]: FAIL: $*" >&2; fail=1; }

for h in $hooks; do
  grep -qE "^[0-9a-f]+ T $h\$" <<<"$syms" || bad "hook $h is not defined in vmlinux"
done
members=$($AR t "$out/mm/kasan/built-in.a" 2>/dev/null || true)
rust_syms=$(grep -cE ' [tTdDrRbB] _RN[a-zA-Z0-9_]*8kasan_rs' <<<"$syms" || true)

case "$variant" in
  rust)
    for f in $c_files; do
      if grep -qE "(^|/)mm/kasan/$f\$" <<<"$members"; then bad "mm/kasan/$f is linked"; fi
    done
    for s in $c_only; do
      if grep -qE " [tTdDbB] $s\$" <<<"$syms"; then bad "C-only symbol $s is present"; fi
    done
    [ "$rust_syms" -gt 0 ] || bad "no kasan_rs Rust symbol in vmlinux"
    obj="$out/mm/kasan/rs/rust/kasan_rs.o"
    [ -f "$obj" ] || bad "$obj missing"
    # Each hook must be a global text symbol of the Rust object itself.
    objsyms=$($NM --defined-only "$obj")
    for h in $hooks; do
      grep -qE " T $h\$" <<<"$objsyms" || bad "hook $h is not defined by kasan_rs.o"
    done
    ;;
  c)
    for f in $c_files; do grep -qE "(^|/)mm/kasan/$f\$" <<<"$members" || bad "mm/kasan/$f is not linked"; done
    for s in $c_only; do grep -qE " [tTdDbB] $s\$" <<<"$syms" || bad "C symbol $s is missing"; done
    [ "$rust_syms" -eq 0 ] || bad "$rust_syms kasan_rs Rust symbols linked into the C variant"
    ;;
  *) die "symbol check is defined for the c and rust variants only";;
esac
[ "$fail" = 0 ] || exit 1
echo "check-symbols[$variant]: ok ($(wc -w <<<"$hooks") hooks; kasan_rs Rust symbols: $rust_syms)"
