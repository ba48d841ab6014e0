#!/usr/bin/env bash
# The kernel-side Rust (rust/, samples/, testing/bench/, testing/lockdep/) formatted as the kernel
# formats its own: rustfmt with the tree's .rustfmt.toml, which is what `make rustfmtcheck` in
# the kernel tree applies. rustfmt.sh [--check] (default: --check; `--write` reformats).
# The host crates (rust/core, tools/) are cargo fmt's (make check): the same rules, edition 2021.
set -euo pipefail
. "$(dirname "$0")/common.sh"

mode=--check
case "${1:---check}" in --check) ;; --write) mode="";; *) die "usage: rustfmt.sh [--check|--write]";; esac
command -v rustfmt >/dev/null || die "rustfmt not installed (rustup component add rustfmt, or Debian's rustfmt-web)"
cfg="$PRISTINE/.rustfmt.toml"
[ -f "$cfg" ] || "$TOP/testing/scripts/tree.sh" >/dev/null
[ -f "$cfg" ] || die "no $cfg: the kernel tree is missing (testing/scripts/tree.sh)"
cd "$TOP"
# The crate root reaches every module of rust/ (and rust/core through #[path]).
rustfmt $mode --edition 2021 --config-path "$cfg" rust/kasan_rs.rs samples/*.rs testing/bench/*.rs testing/lockdep/*.rs
