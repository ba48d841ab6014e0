#!/usr/bin/env bash
# fetch.sh: prints the path of the newest upstream mm/kasan/kasan_test_c.c this machine can get,
# for prepare.sh (make kunit's kasan_mm suite). Upstream's kernel source reaches this machine as
# Debian's `linux-source-X.Y` package (a registry the machine reaches; git.kernel.org does not):
# the newest one in KASAN_RS_UPSTREAM_SUITE (default sid) of KASAN_RS_DEBIAN_MIRROR (default
# http://deb.debian.org/debian). The .deb is checked against the SHA256 of the suite's index, one
# file is taken out of it, and the .deb is deleted. Cached under
# $CACHE/upstream-kasan-test/<package>_<version>/ (kasan_test_c.c, source.txt: package, version,
# SHA256 of the .deb and of the file); with no network, the newest cached copy is used (a note
# says so). Exit 1, with the reason, when there is neither.
set -euo pipefail
. "$(dirname "$0")/../../scripts/common.sh"
suite="${KASAN_RS_UPSTREAM_SUITE:-sid}"
mirror="${KASAN_RS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
store="$CACHE/upstream-kasan-test"
mkdir -p "$store"

newest_cached() {
  local d
  d=$(find "$store" -mindepth 2 -maxdepth 2 -name kasan_test_c.c -printf '%h\n' 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && echo "$d/kasan_test_c.c"
}
offline() {
  local f
  f=$(newest_cached) || die "$1, and no copy is cached in $store (KUNIT_UPSTREAM_KASAN_TEST=/path/to/kasan_test_c.c, or =none to skip the kasan_mm suite)"
  say "fetch.sh: $1; using the cached $(sed -n 's/^version: //p' "$(dirname "$f")/source.txt")"
  echo "$f"
  exit 0
}

tmp=$(mktemp -d "$store/.fetch.XXXXXX"); trap 'rm -rf "$tmp"' EXIT
curl -fsS --max-time 120 -o "$tmp/Packages.xz" "$mirror/dists/$suite/main/binary-all/Packages.xz" \
  || offline "cannot read $mirror/dists/$suite/main/binary-all/Packages.xz"
# One line per linux-source-X.Y stanza: version, package, pool path, SHA256; the highest version.
pick=$(xz -dc "$tmp/Packages.xz" | awk '
  /^Package: / { p = ($2 ~ /^linux-source-[0-9]+\.[0-9]+$/) ? $2 : ""; v = f = s = "" }
  p && /^Version: / { v = $2 } p && /^Filename: / { f = $2 } p && /^SHA256: / { s = $2 }
  p && /^$/ { if (v && f && s) print v, p, f, s; p = "" }
  END { if (p && v && f && s) print v, p, f, s }' | sort -V -k1,1 | tail -1)
[ -n "$pick" ] || offline "no linux-source-X.Y package in $suite's index"
read -r version package pool sha <<<"$pick"
dir="$store/${package}_$version"
if [ -f "$dir/kasan_test_c.c" ]; then echo "$dir/kasan_test_c.c"; exit 0; fi

say "fetch.sh: $package $version from $mirror ($suite), for its mm/kasan/kasan_test_c.c"
curl -fsS --max-time 900 -o "$tmp/src.deb" "$mirror/$pool" || offline "cannot download $mirror/$pool"
echo "$sha  $tmp/src.deb" | sha256sum -c --quiet - >/dev/null 2>&1 \
  || die "$mirror/$pool does not have the SHA256 of $suite's index ($sha)"
tarball="./usr/src/$package.tar.xz"
dpkg-deb --fsys-tarfile "$tmp/src.deb" | tar -xO "$tarball" \
  | tar -xJ -C "$tmp" --wildcards "*/mm/kasan/kasan_test_c.c" \
  || die "$package $version has no mm/kasan/kasan_test_c.c in $tarball"
file=$(find "$tmp" -path '*/mm/kasan/kasan_test_c.c' | head -1)
[ -s "$file" ] || die "$package $version: mm/kasan/kasan_test_c.c is empty"
mkdir -p "$tmp/out"
mv "$file" "$tmp/out/kasan_test_c.c"
{ echo "package: $package"; echo "version: $version"; echo "from: $mirror/$pool ($suite)"
  echo "deb-sha256: $sha"; echo "file-sha256: $(sha256sum "$tmp/out/kasan_test_c.c" | cut -d' ' -f1)"
} > "$tmp/out/source.txt"
rm -rf "$dir"; mv "$tmp/out" "$dir"
echo "$dir/kasan_test_c.c"
