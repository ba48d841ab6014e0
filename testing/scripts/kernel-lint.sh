#!/usr/bin/env bash
# The kernel's own Rust tools on our kernel-side crate: kernel-lint.sh [clippy|rustdoc|all]
#
#   clippy   `make CLIPPY=1` for our objects only (mm/kasan/rs/: the crate and the samples) in
#            the rust build directory, with clippy-driver matching the kernel's rustc (Debian's
#            rust-web-clippy): the kernel's lint set (-Wclippy::all,
#            undocumented_unsafe_blocks, ...); any warning of ours fails.
#   rustdoc  rustdoc of the crate with the exact flags Kbuild compiles it with (read from its
#            .cmd file), into out/rustdoc/; any rustdoc warning fails. The crate is internal
#            (nothing is exported to Rust), so its private items are what is documented, and
#            links between them are allowed (rustdoc::private_intra_doc_links).
#
# Needs the rust variant built (make build VARIANT=rust). Builds nothing else: the next
# `make build` recompiles kasan_rs.o with rustc (the command line changed), ~20 s.
set -euo pipefail
. "$(dirname "$0")/common.sh"

what="${1:-all}"
case "$what" in clippy|rustdoc|all) ;; *) die "usage: kernel-lint.sh [clippy|rustdoc|all]";; esac
out="$(builddir rust)"
cmd="$out/mm/kasan/rs/rust/.kasan_rs.o.cmd"
[ -f "$cmd" ] || die "the rust variant is not built ($cmd missing): make build VARIANT=rust"
CLIPPY_DRIVER=/usr/bin/clippy-driver
LOGS="${KASAN_RS_LOGS:-$TOP/out/logs}/lint"; mkdir -p "$LOGS"
failed=0

# Lines of a compiler log that are warnings or errors about our files.
ours() { grep -E '^(warning|error)(\[|:)' -A3 "$1" | grep -B1 -E -- '--> .*mm/kasan/rs/' | grep -E '^(warning|error)' || true; }

if [ "$what" != rustdoc ]; then
  [ -x "$CLIPPY_DRIVER" ] || die "$CLIPPY_DRIVER missing: run testing/bootstrap.sh (package rust-web-clippy)"
  log="$LOGS/clippy.log"
  # The .cmd files record the compiler: clippy-driver differs from rustc, so Kbuild
  # recompiles exactly our objects.
  "${KMAKE[@]}" O="$out" CLIPPY=1 CLIPPY_DRIVER="$CLIPPY_DRIVER" \
    mm/kasan/rs/rust/kasan_rs.o mm/kasan/rs/samples/ >"$log" 2>&1 || { tail -20 "$log" >&2; die "clippy build failed (log: $log)"; }
  grep -q 'CLIPPY .*mm/kasan/rs/rust/kasan_rs.o' "$log" || die "clippy did not run on kasan_rs.o (log: $log)"
  n=$(ours "$log" | wc -l)
  if [ "$n" = 0 ]; then
    echo "clippy: clean (kasan_rs.o and the samples, the kernel's clippy lints; log ${log#$TOP/})"
  else
    echo "clippy: $n warning(s) of ours (log ${log#$TOP/}):"; ours "$log" | sort | uniq -c | sed 's/^/  /'; failed=1
  fi
fi

if [ "$what" != clippy ]; then
  log="$LOGS/rustdoc.log"; doc="$TOP/out/rustdoc"
  rm -rf "$doc"; mkdir -p "$doc"
  # Kbuild's own command line for the crate, with rustdoc for rustc and a doc directory for
  # the object outputs (run from the build directory, as Kbuild runs it).
  line=$(sed -n 's/^savedcmd_mm\/kasan\/rs\/rust\/kasan_rs.o := //p' "$cmd")
  [ -n "$line" ] || die "no command line in $cmd"
  read -r -a args <<<"$line"
  doc_args=(); doc_env=(); env_next=0
  for a in "${args[@]}"; do
    a=${a//\'/}   # the .cmd line is shell-quoted (-Zcrate-attr='feature(...)')
    # rustdoc has no --env-set: the same values reach env!() from the environment.
    if [ "$env_next" = 1 ]; then doc_env+=("$a"); env_next=0; continue; fi
    case "$a" in
      --env-set) env_next=1;;
      RUST_MODFILE=*) ;;
      */rustc|*/clippy-driver) doc_args+=(/usr/bin/rustdoc);;
      --emit=*|--out-dir|mm/kasan/rs/rust/) ;;
      -Cembed-bitcode=*|-Clto=*|-Ccodegen-units=*|-Zfunction-sections=*|-Zbinary_dep_depinfo=*) ;;
      *) doc_args+=("$a");;
    esac
  done
  # RUSTC_BOOTSTRAP=1: the kernel build exports it for its -Z flags.
  if (cd "$out" && env "${doc_env[@]}" RUSTC_BOOTSTRAP=1 RUST_MODFILE=mm/kasan/rs/rust/kasan_rs \
        "${doc_args[@]}" --document-private-items -A rustdoc::private_intra_doc_links \
        -o "$doc") >"$log" 2>&1; then
    n=$(grep -cE '^(warning|error)' "$log" || true)
    if [ "$n" = 0 ] && [ -f "$doc/kasan_rs/index.html" ]; then
      echo "rustdoc: clean, $(find "$doc/kasan_rs" -name '*.html' | wc -l) pages in ${doc#$TOP/}/kasan_rs/ (private items included)"
    else
      echo "rustdoc: $n warning(s) (log ${log#$TOP/})"; grep -E '^(warning|error)' "$log" | sort | uniq -c | sed 's/^/  /'; failed=1
    fi
  else
    echo "rustdoc: failed (log ${log#$TOP/})"; tail -20 "$log" | sed 's/^/  /'; failed=1
  fi
fi
exit "$failed"
