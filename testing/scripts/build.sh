#!/usr/bin/env bash
# Build one variant's kernel: build.sh VARIANT
# The build directory is $CACHE/linux-6.12/build-VARIANT (O=), one per variant so that
# switching variants never rebuilds the world; Kbuild itself rebuilds incrementally.
set -euo pipefail
. "$(dirname "$0")/common.sh"

variant="${1:-}"; [ -n "$variant" ] || die "usage: build.sh VARIANT (one of: $VARIANTS)"
check_variant "$variant"
[ -f "$CACHE/bootstrap.v1.done" ] || "$TOP/testing/bootstrap.sh"
[ -x "$BINDGEN" ] || die "bindgen missing at $BINDGEN: run testing/bootstrap.sh"
"$TOP/testing/scripts/tree.sh"

out="$(builddir "$variant")"; mkdir -p "$out"
frag="$out/kasan-rs.fragment.config"
cat "$TOP/testing/configs/base.config" "$TOP/testing/configs/$variant.config" > "$frag.new"
if ! cmp -s "$frag.new" "$frag" || [ ! -f "$out/.config" ]; then
  say "[$variant] configuring (allnoconfig + testing/configs/{base,$variant}.config)"
  mv "$frag.new" "$frag"
  "${KMAKE[@]}" O="$out" KCONFIG_ALLCONFIG="$frag" allnoconfig >"$out/config.log" 2>&1 \
    || { cat "$out/config.log" >&2; die "[$variant] configuration failed"; }
else
  rm -f "$frag.new"
  # Kconfig files of the overlay may have changed: let Kbuild re-resolve (cheap, no-op if same).
  "${KMAKE[@]}" O="$out" olddefconfig >"$out/config.log" 2>&1 \
    || { cat "$out/config.log" >&2; die "[$variant] olddefconfig failed"; }
fi

# Every option the fragments set must have survived Kconfig (an unmet dependency drops it silently).
missing=""
while IFS= read -r line; do
  case "$line" in
    CONFIG_*=*) grep -qxF "$line" "$out/.config" || missing="$missing ${line}";;
    "# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *}
       grep -q "^$sym=[ym]" "$out/.config" && missing="$missing ${sym}=n";;
  esac
done < <(cat "$TOP/testing/configs/$variant.config")
[ -z "$missing" ] || die "[$variant] Kconfig did not take:$missing (missing dependency, or the option does not exist in this overlay yet)"

grep -q '^CONFIG_RUST=y' "$out/.config" || die "[$variant] CONFIG_RUST was dropped: check 'make rustavailable' (rustc-web, rust-web-src, bindgen)"

say "[$variant] building Image and modules in $out (-j$(nproc)); full log: $out/build.log"
start=$(date +%s)
set +e
"${KMAKE[@]}" O="$out" -j"$(nproc)" Image modules 2>&1 | tee "$out/build.log" | awk -v v="$variant" '
  /^  [A-Z]+/ { n++; last=$0; if (n % 250 == 0) { printf "[%s] %5d steps, now:%s\n", v, n, last; fflush() } }
  /error|Error|warning:/ { print; fflush() }
  END { printf "[%s] %d build steps\n", v, n }'
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 0 ] || { tail -40 "$out/build.log" >&2; die "[$variant] kernel build failed (see $out/build.log)"; }
say "[$variant] built in $(( $(date +%s) - start )) s: $out/arch/arm64/boot/Image"
