#!/usr/bin/env bash
# The kernel's scripts/checkpatch.pl (from the pristine 6.12 tree) on what we put into the kernel:
# every patch of the series (patches/, or $KASAN_RS_PATCHES), checked as a patch, and every C
# file and header of rust/, samples/ and testing/, checked as a file (-f). One line per file;
# exits 1 if any error or warning is left after the exceptions below. Used by make check and by
# the "host checkpatch" row of make test.
#
# checkpatch runs in the pristine tree with GIT_DIR pointing nowhere: in a git checkout it
# takes a tracked .patch for a source file (diff -u /dev/null FILE) and reports each blank
# context line (a single space, as unified diff requires) as trailing whitespace.
#
# Exceptions, each for one message type and one file only:
#   patches/*.patch    MISSING_SIGN_OFF (--no-signoff): the series is applied by tree.sh and
#                      never sent; a Signed-off-by is a person's DCO statement, and there is
#                      no person behind the placeholder author to make it.
#   rust/glue.c        EXPORT_SYMBOL, only where the exported symbol appears on no other line
#                      of glue.c: symbols the Rust crate defines (kasan_mode, __kasan_kmalloc,
#                      the KUnit and multi-shot hooks) have no C definition to follow. An
#                      export of a symbol glue.c defines (the static keys) is still checked.
#   testing/kunit-hook/kasan_rs_kunit_hook.c
#                      VOLATILE: the volatile read is the KASAN-test idiom for an access the
#                      compiler must emit (mm/kasan/kasan_test_c.c gets 30 of these warnings);
#                      REPEATED_WORD: "turns checking on on every CPU" is meant.
#   testing/kunit/kasan-test-mm/kasan_test_mm_compat.h
#                      MACRO_ARG_UNUSED: __counted_by_ptr(member) drops its argument on
#                      purpose, like 6.12's own fallback "# define __counted_by(member)".
set -euo pipefail
. "$(dirname "$0")/common.sh"

[ $# = 0 ] || die "usage: checkpatch.sh (no arguments)"
command -v perl >/dev/null || die "perl not installed"
cp="$PRISTINE/scripts/checkpatch.pl"
[ -f "$cp" ] || "$TOP/testing/scripts/tree.sh" >/dev/null
[ -f "$cp" ] || die "no $cp: the kernel tree is missing (testing/scripts/tree.sh)"

# ignored_types FILE: the --ignore list of FILE (path relative to $TOP), see above.
ignored_types() {
  case "$1" in
    testing/kunit-hook/kasan_rs_kunit_hook.c) echo VOLATILE,REPEATED_WORD;;
    testing/kunit/kasan-test-mm/kasan_test_mm_compat.h) echo MACRO_ARG_UNUSED;;
  esac
}

# accepted FILE LINE TYPE: 0 if the finding at FILE:LINE is the glue.c exception above.
accepted() {
  local f=$1 n=$2 type=$3 sym
  [ "$f" = rust/glue.c ] && [ "$type" = EXPORT_SYMBOL ] || return 1
  sym=$(sed -n "${n}s/^EXPORT_SYMBOL\(_GPL\)\?(\([A-Za-z0-9_]*\));.*/\2/p" "$TOP/$f")
  [ -n "$sym" ] && [ "$(grep -cw -- "$sym" "$TOP/$f")" = 1 ]
}

shopt -s nullglob
pdir=$(cd "$PATCHES" 2>/dev/null && pwd) || die "patch directory $PATCHES does not exist"
patches=("$pdir"/*.patch)
[ ${#patches[@]} -gt 0 ] || die "no patches in $PATCHES"
mapfile -t cfiles < <(cd "$TOP" && find rust samples testing -name target -prune -o -type f \
  \( -name '*.c' -o -name '*.h' \) -print | sort)

failed=0
# check FILE [checkpatch options]: FILE relative to $TOP (or absolute), checked from the pristine tree.
check() {
  local f=$1 abs out rc line n type bad=0 acc=0 ign
  shift
  case "$f" in /*) abs=$f;; *) abs=$TOP/$f;; esac
  ign=$(ignored_types "$f")
  rc=0
  out=$(cd "$PRISTINE" && GIT_DIR=/nonexistent/kasan-rs-no-git perl "$cp" --no-tree --terse \
        --show-types --no-summary --color=never ${ign:+--ignore "$ign"} "$@" "$abs" 2>&1) || rc=$?
  if [ "$rc" -gt 1 ]; then
    printf 'FAIL %s: checkpatch.pl exited %s\n%s\n' "$f" "$rc" "$out"; failed=1; return
  fi
  local kept=""
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    if [[ "$line" =~ ^.*:([0-9]+):\ (ERROR|WARNING|CHECK):([A-Z0-9_]+): ]]; then
      n=${BASH_REMATCH[1]}; type=${BASH_REMATCH[3]}
      if accepted "$f" "$n" "$type"; then acc=$((acc + 1)); continue; fi
    fi
    bad=$((bad + 1)); kept+="    ${line#"$abs"}"$'\n'
  done <<<"$out"
  if [ "$bad" -gt 0 ] || { [ "$rc" = 1 ] && [ "$acc" = 0 ]; }; then
    printf 'FAIL %s: %s finding(s)\n%s' "$f" "$bad" "$kept"; failed=1
  else
    printf 'ok   %s%s%s\n' "$f" "${ign:+ (ignoring $ign)}" \
      "$([ "$acc" = 0 ] || echo " ($acc accepted EXPORT_SYMBOL of Rust-defined symbols)")"
  fi
}

for p in "${patches[@]}"; do
  case "$p" in "$TOP"/*) p=${p#"$TOP"/};; esac
  check "$p" --no-signoff
done
for f in "${cfiles[@]}"; do check "$f" -f; done
[ "$failed" = 0 ] || die "checkpatch.pl findings above (see testing/scripts/checkpatch.sh for the accepted ones)"
printf 'checkpatch: %s patches and %s C files clean\n' "${#patches[@]}" "${#cfiles[@]}"
