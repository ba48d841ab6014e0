#!/usr/bin/env bash
# The kernel's own Rust tools on our kernel-side crate:
#   kernel-lint.sh [--if-built] [clippy|rustdoc|all]
#
#   clippy   clippy-driver (Debian's rust-web-clippy, the kernel's rustc version) on the crate
#            and on the sample modules, each with the exact command line Kbuild compiled it
#            with (read from its .cmd file: the kernel's lint set, -Wclippy::all,
#            undocumented_unsafe_blocks, ...), emitting only metadata to a scratch
#            directory; any warning fails.
#   rustdoc  rustdoc of the crate with the same command line, into out/rustdoc/; any rustdoc
#            warning fails. The crate is internal (nothing is exported to Rust), so its
#            private items are what is documented, and links between them are allowed
#            (rustdoc::private_intra_doc_links).
#
# Both replay Kbuild's command lines instead of running `make CLIPPY=1`, which would also
# recompile the kernel crate and leave the build directory's Rust metadata out of step with
# its vmlinux. The build directory is only read. Needs the rust variant built (--if-built:
# says so and exits 0 when it is not, for make check).
set -euo pipefail
. "$(dirname "$0")/common.sh"

if_built=0
[ "${1:-}" != --if-built ] || { if_built=1; shift; }
what="${1:-all}"
case "$what" in clippy|rustdoc|all) ;; *) die "usage: kernel-lint.sh [--if-built] [clippy|rustdoc|all]";; esac
out="$(builddir rust)"
crate_cmd="$out/mm/kasan/rs/rust/.kasan_rs.o.cmd"
if [ ! -f "$crate_cmd" ]; then
  [ "$if_built" = 0 ] || { echo "kernel-lint: the rust variant is not built: clippy and rustdoc skipped"; exit 0; }
  die "the rust variant is not built ($crate_cmd missing): make build VARIANT=rust"
fi
CLIPPY_DRIVER=/usr/bin/clippy-driver
LOGS="${KASAN_RS_LOGS:-$TOP/out/logs}/lint"; mkdir -p "$LOGS"
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
failed=0

# replay CMDFILE TOOL ARGS...: the object's Kbuild command line with TOOL for the compiler and
# without its outputs (--emit, --out-dir), plus ARGS; run from the build directory, with the
# environment Kbuild gives it (rustdoc has no --env-set: those values go to env!() through the
# environment; RUSTC_BOOTSTRAP=1 as the kernel build exports it for its -Z flags).
replay() {
  local cmdfile=$1 tool=$2 line a skip=0 to_env=0
  shift 2
  line=$(sed -n 's/^savedcmd_[^ ]* := //p' "$cmdfile")
  [ -n "$line" ] || die "no command line in $cmdfile"
  local -a args cmd=() envs=(RUSTC_BOOTSTRAP=1)
  read -r -a args <<<"$line"
  for a in "${args[@]}"; do
    a=${a//\'/}   # the .cmd line is shell-quoted (-Zcrate-attr='feature(...)')
    if [ "$skip" = 1 ]; then skip=0; continue; fi
    if [ "$to_env" = 1 ]; then envs+=("$a"); to_env=0; continue; fi
    case "$a" in
      --env-set) if [[ "$tool" == *rustdoc ]]; then to_env=1; else cmd+=("$a"); fi;;
      RUST_MODFILE=*) envs+=("$a");;
      */rustc|*/clippy-driver) cmd+=("$tool");;
      --out-dir) skip=1;;
      --emit=*) ;;
      *) cmd+=("$a");;
    esac
  done
  (cd "$out" && env "${envs[@]}" "${cmd[@]}" "$@")
}

# Warnings and errors of a compiler log (ours only: the command lines compile nothing else).
findings() { grep -E '^(warning|error)(\[[^]]*\])?: ' "$1" | grep -v 'warnings\? emitted' || true; }

if [ "$what" != rustdoc ]; then
  [ -x "$CLIPPY_DRIVER" ] || die "$CLIPPY_DRIVER missing: run testing/bootstrap.sh (package rust-web-clippy)"
  log="$LOGS/clippy.log"; : > "$log"; n_obj=0
  for cmdfile in "$crate_cmd" "$out"/mm/kasan/rs/samples/.*.o.cmd; do
    [ -f "$cmdfile" ] || continue
    grep -q '^savedcmd_.* := .*/rustc ' "$cmdfile" || continue
    echo "== $cmdfile" >> "$log"
    replay "$cmdfile" "$CLIPPY_DRIVER" --emit=metadata -o "$scratch/$(basename "$cmdfile" .cmd).rmeta" >>"$log" 2>&1 \
      || echo "error: clippy-driver failed on $cmdfile" >> "$log"
    n_obj=$((n_obj + 1))
  done
  [ "$n_obj" -gt 0 ] || die "no Rust object command lines under $out/mm/kasan/rs"
  n=$(findings "$log" | wc -l)
  if [ "$n" = 0 ]; then
    echo "clippy: clean ($n_obj objects: the crate and the samples, the kernel's lints; log ${log#$TOP/})"
  else
    echo "clippy: $n finding(s) (log ${log#$TOP/}):"; findings "$log" | sort | uniq -c | sed 's/^/  /'; failed=1
  fi
fi

if [ "$what" != clippy ]; then
  log="$LOGS/rustdoc.log"; doc="$TOP/out/rustdoc"
  rm -rf "$doc"; mkdir -p "$doc"
  if replay "$crate_cmd" /usr/bin/rustdoc --document-private-items \
       -A rustdoc::private_intra_doc_links -o "$doc" >"$log" 2>&1; then
    n=$(findings "$log" | wc -l)
    if [ "$n" = 0 ] && [ -f "$doc/kasan_rs/index.html" ]; then
      echo "rustdoc: clean, $(find "$doc/kasan_rs" -name '*.html' | wc -l) pages in ${doc#$TOP/}/kasan_rs/ (private items included)"
    else
      echo "rustdoc: $n finding(s) (log ${log#$TOP/})"; findings "$log" | sort | uniq -c | sed 's/^/  /'; failed=1
    fi
  else
    echo "rustdoc: failed (log ${log#$TOP/})"; tail -20 "$log" | sed 's/^/  /'; failed=1
  fi
fi
exit "$failed"
