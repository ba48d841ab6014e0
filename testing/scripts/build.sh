#!/usr/bin/env bash
# Build one variant's kernel: build.sh VARIANT (KASAN_RS_FAMILY=hardened|debug for a field family)
# The build directory is $CACHE/linux-6.12/build-VARIANT[-FAMILY] (O=), one per variant and
# family so that switching never rebuilds the world; Kbuild itself rebuilds incrementally.
# The config is allnoconfig + base.config + the family's fragments + the variant's fragment.
set -euo pipefail
. "$(dirname "$0")/common.sh"

variant="${1:-}"; [ -n "$variant" ] || die "usage: build.sh VARIANT (one of: $VARIANTS)"
check_variant "$variant"
[ -f "$CACHE/bootstrap.v1.done" ] || "$TOP/testing/bootstrap.sh"
[ -x "$BINDGEN" ] || die "bindgen missing at $BINDGEN: run testing/bootstrap.sh"
"$TOP/testing/scripts/tree.sh"

out="$(builddir "$variant")"; mkdir -p "$out"
frag="$out/kasan-rs.fragment.config"
fragments=("$TOP/testing/configs/base.config")
for f in $(family_fragments "$FAMILY"); do fragments+=("$TOP/testing/configs/family/$f.config"); done
fragments+=("$TOP/testing/configs/$variant.config")
cat "${fragments[@]}" > "$frag.new"
if ! cmp -s "$frag.new" "$frag" || [ ! -f "$out/.config" ]; then
  say "[$variant] configuring (allnoconfig + ${fragments[*]#$TOP/})"
  mv "$frag.new" "$frag"
  "${KMAKE[@]}" O="$out" KCONFIG_ALLCONFIG="$frag" allnoconfig >"$out/config.log" 2>&1 \
    || { cat "$out/config.log" >&2; die "[$variant] configuration failed"; }
else
  rm -f "$frag.new"
  # Kconfig files of the overlay may have changed: let Kbuild re-resolve (cheap, no-op if same).
  "${KMAKE[@]}" O="$out" olddefconfig >"$out/config.log" 2>&1 \
    || { cat "$out/config.log" >&2; die "[$variant] olddefconfig failed"; }
fi

# Every option the family's and the variant's fragments set must have survived Kconfig (an
# unmet dependency drops it silently). base.config is not checked: families override it.
# why_dropped SYM: the Kconfig definition's dependencies, to say why.
why_dropped() {
  local sym=${1#CONFIG_}
  grep -rs --include='Kconfig*' -A40 -x "config $sym" "$KSRC" | awk -v s="$sym" '
    NR > 1 && /Kconfig[^ ]*-(menu)?config / { exit }
    NR > 1 { rest = substr($0, index($0, "Kconfig")); rest = substr(rest, index(rest, "-") + 1)
             sub(/^[ \t]+/, "", rest)
             if (rest ~ /^(depends on|select|bool|tristate|int|string)/) print "      " rest }
    END { if (NR == 0) print "      (no \"config " s "\" in any Kconfig of the tree: a typo, or gone in 6.12)" }'
}
missing=""; why=""
while IFS= read -r line; do
  sym=""
  case "$line" in
    CONFIG_*=*) grep -qxF "$line" "$out/.config" || { missing="$missing ${line}"; sym=${line%%=*}; };;
    "# CONFIG_"*" is not set") sym=${line#\# }; sym=${sym%% *}
       if grep -q "^$sym=[ym]" "$out/.config"; then missing="$missing ${sym}=n"; else sym=""; fi;;
  esac
  [ -z "$sym" ] || why="$why
  $line: .config has '$(grep -E "^$sym=|^# $sym is not set" "$out/.config" || echo "nothing (not visible)")'; Kconfig says:
$(why_dropped "$sym")"
done < <(cat "${fragments[@]:1}")
[ -z "$missing" ] || die "[$variant${FAMILY/#/ family }] Kconfig did not take:$missing$why"

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
