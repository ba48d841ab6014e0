#!/usr/bin/env bash
# The kernel-side crate's edge with C, counted: unsafe-census.sh [--check]
#
# Per file of rust/ (the kernel side; rust/core is #![forbid(unsafe_code)]): lines, `unsafe`
# blocks, `unsafe fn`s (extern "C" hooks included), and uses of the raw C declarations
# (`bindings::`) outside the edge, rust/ffi.rs and rust/ffi/. Then the graph of the crate's
# top-level modules (file A uses `crate::B`), which must have no cycle.
#
# --check: exit 1 if a module outside the edge names `bindings::` or the graph has a cycle
# (make test runs it so); the counts themselves are for the issue notes, not judged.
set -euo pipefail
. "$(dirname "$0")/common.sh"

check=0
case "${1:-}" in "") ;; --check) check=1;; *) die "usage: unsafe-census.sh [--check]";; esac
cd "$TOP/rust"
mapfile -t files < <(find . -path ./core -prune -o -name '*.rs' -print | sed 's#^\./##' | sort)

# Code only: line comments and doc comments are dropped before counting.
code() { sed -E 's#//.*$##' "$1"; }
# count FILE ERE: occurrences of ERE in FILE's code.
count() { code "$1" | { grep -Eo "$2" || true; } | wc -l; }

printf '%-20s %6s %7s %6s %10s\n' file lines unsafe{} "unsafe fn" bindings::
tot_l=0 tot_b=0 tot_f=0 tot_r=0 bad=0
for f in "${files[@]}"; do
  l=$(wc -l < "$f")
  b=$(count "$f" 'unsafe \{')
  u=$(count "$f" 'unsafe (extern "C" )?fn')
  r=0
  case "$f" in ffi.rs|ffi/*) ;; *) r=$(count "$f" 'bindings::');; esac
  printf '%-20s %6d %7d %6d %10d\n' "$f" "$l" "$b" "$u" "$r"
  tot_l=$((tot_l + l)); tot_b=$((tot_b + b)); tot_f=$((tot_f + u)); tot_r=$((tot_r + r))
  [ "$r" = 0 ] || bad=1
done
printf '%-20s %6d %7d %6d %10d\n' total "$tot_l" "$tot_b" "$tot_f" "$tot_r"
edge_b=0
for f in ffi.rs ffi/*.rs mte.rs; do edge_b=$((edge_b + $(count "$f" 'unsafe \{'))); done
echo "unsafe blocks in the edge (ffi.rs, ffi/, mte.rs): $edge_b; elsewhere: $((tot_b - edge_b))"

# Module graph: top-level module of each file -> the crate modules it names.
modname() { local m=${1%.rs}; m=${m%%/*}; [ "$m" = kasan_rs ] && m=crate; echo "$m"; }
mods=" $(for f in "${files[@]}"; do modname "$f"; done | sort -u | tr '\n' ' ')"
edges=$(for f in "${files[@]}"; do
  from=$(modname "$f")
  # `crate::a::b` and `use crate::{a, b::c}`: the first segment of each path.
  code "$f" | tr '\n' ' ' | { grep -Eo 'crate::(\{[^}]*\}|[a-z_]+)' || true; } | sed 's/^crate:://; s/[{}]//g' \
    | tr ',' '\n' | sed -E 's/^ *([a-z_]+).*/\1/' | grep -E '^[a-z_]+$' | sort -u | while read -r to; do
    # Only modules of this crate (not `crate::keep_frame` and the like), and not the
    # root, which declares them all.
    [ "$to" = "$from" ] || [ "$from" = crate ] || [[ "$mods" != *" $to "* ]] || echo "$from $to"
  done
done | sort -u)
echo "module graph (A -> B: A uses B):"
sed 's/ / -> /; s/^/  /' <<<"$edges"
if tsort <<<"$edges" >/dev/null 2>&1; then
  echo "module graph: acyclic"
else
  echo "module graph: CYCLE:"; tsort <<<"$edges" 2>&1 >/dev/null | sed 's/^/  /'; bad=1
fi
[ "$bad" = 0 ] || echo "unsafe-census: a module outside the edge uses bindings:: or the graph has a cycle" >&2
[ "$check" = 0 ] || exit "$bad"
