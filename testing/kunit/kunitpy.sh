#!/usr/bin/env bash
# kunitpy.sh [rust|c] [run|config|build|exec] [kunit.py options...]: the tree's own
# tools/testing/kunit/kunit.py on the kasan-rs tree (pristine 6.12 + our overlay, as tree.sh
# makes it), arm64 with MTE under QEMU (testing/kunit/qemu_configs/arm64_mte.py), the KUnit
# kasan suite of testing/kunit/kasan.kunitconfig (rust, default) or c.kunitconfig (the C
# oracle), the toolchain of testing/scripts/common.sh (LLVM=-19, the distribution's rustc and
# rustdoc, our bindgen) through --make_options, build directory
# $KASAN_RS_CACHE/linux-6.12/build-kunitpy-VARIANT. `run` (the default) configures, builds a
# kernel (olddefconfig from the kunitconfig: NOT the minimal config, a longer build) and boots it;
# afterwards testing/kunit/kunitpy_agree.py checks that kunit.py's parser and kasan-rs read the
# console kunit.py saved (build-kunitpy-VARIANT/test.log) alike.
set -euo pipefail
. "$(dirname "$0")/../scripts/common.sh"
variant=${1:-rust}; action=${2:-run}; shift $(( $# > 2 ? 2 : $# ))
case "$variant" in rust) kc=kasan.kunitconfig;; c) kc=c.kunitconfig;; *) die "variant: rust or c, not '$variant'";; esac
case "$action" in run|config|build|exec) ;; *) die "action: run, config, build or exec, not '$action'";; esac
"$TOP/testing/scripts/tree.sh"
out="$KROOT/build-kunitpy-$variant"
cmd=(./tools/testing/kunit/kunit.py "$action" --build_dir="$out"
     --qemu_config="$TOP/testing/kunit/qemu_configs/arm64_mte.py")
[ "$action" = exec ] || cmd+=(--kunitconfig="$TOP/testing/kunit/$kc")
[ "$action" = exec ] || [ "$action" = config ] || cmd+=(--jobs="$(nproc)")
[ "$action" = exec ] || for o in LLVM=-19 RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc \
                              BINDGEN="$BINDGEN" HOSTRUSTC=/usr/bin/rustc; do
  cmd+=(--make_options "$o")
done
[ "$action" = config ] || [ "$action" = build ] || cmd+=(--timeout=600)
cmd+=("$@")
say "in $KSRC: ${cmd[*]}"
cd "$KSRC"
if [ "$action" = run ] || [ "$action" = exec ]; then
  # kunit.py parses and prints its own summary (its exit status is its verdict) and keeps the
  # kernel's whole console in build-kunitpy-VARIANT/test.log.
  rc=0; "${cmd[@]}" || rc=$?
  "$TOP/testing/kunit/kunitpy_agree.py" "$KSRC" "$out/test.log" || rc=1
  exit "$rc"
fi
"${cmd[@]}"
