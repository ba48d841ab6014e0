#!/usr/bin/env bash
# prepare.sh UPSTREAM_KASAN_TEST_C KSRC OUTDIR: stages the kasan_test_mm module source in OUTDIR
# (for module_build of testing/scripts/common.sh): upstream's kasan_test_c.c with its suite renamed
# kasan -> kasan_mm (the built-in 6.12 suite keeps the name kasan) and MODULE_IMPORT_NS("NS")
# written as 6.12's MODULE_IMPORT_NS(NS), its `#if !IS_MODULE(CONFIG_KASAN_KUNIT_TEST)` (the
# built-in-only set_memory_ro/rw check; CONFIG_KASAN_KUNIT_TEST=y here, but this copy is a module)
# as `#if !defined(MODULE)`; 6.12's own mm/kasan/kasan_test_rust.rs from KSRC (its
# rust_uaf helper is built into vmlinux with the built-in suite and not exported); our Kbuild and
# shims. Prints the number of cases the module will run (upstream's #ifndef MODULE case, 
# copy_to_kernel_nofault_oob, is compiled out of a module, as upstream does).
set -euo pipefail
src=$1 ksrc=$2 out=$3
here="$(cd "$(dirname "$0")" && pwd)"
[ -f "$src" ] || { echo "prepare.sh: no upstream kasan_test_c.c at '$src'" >&2; exit 2; }
grep -q 'kunit_test_suite(kasan_kunit_test_suite)' "$src" \
  || { echo "prepare.sh: $src does not look like mm/kasan/kasan_test_c.c" >&2; exit 2; }
mkdir -p "$out"
sed -e 's/^\(\s*\.name = \)"kasan",/\1"kasan_mm",/' \
    -e 's/MODULE_IMPORT_NS("\([A-Za-z0-9_]*\)")/MODULE_IMPORT_NS(\1)/' \
    -e 's/!IS_MODULE(CONFIG_KASAN_KUNIT_TEST)/!defined(MODULE)/' \
    "$src" > "$out/kasan_test_c.c"
grep -q '\.name = "kasan_mm",' "$out/kasan_test_c.c" \
  || { echo "prepare.sh: could not rename the suite in $src" >&2; exit 2; }
cp "$ksrc/mm/kasan/kasan_test_rust.rs" "$out/"
cp "$here/Kbuild" "$here/kasan_test_mm_compat.h" "$out/"
# Cases: the KUNIT_CASE lines of the case table, minus those between #ifndef MODULE and #endif.
awk '/^static struct kunit_case kasan_kunit_test_cases/ {t=1} t && /^#ifndef MODULE/ {m=1}
     t && /^#endif/ {m=0} t && !m && /KUNIT_CASE/ {n++} t && /^};/ {t=0} END {print n+0}' "$out/kasan_test_c.c"
