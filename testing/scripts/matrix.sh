#!/usr/bin/env bash
# The differential matrix: the upstream KUnit `kasan` suite on the `c` oracle and on the `rust`
# variant, booted with the same boot parameters, compared by `kasan-rs compare` (banner,
# Malformed early option lines, suite counts, every case's outcome, per case the KASAN reports'
# bug types and access kinds, crashes, verdict class). The rust result must equal the c result,
# whatever that is.
#
#   testing/scripts/matrix.sh [CELL...]     (default: every cell; `--list` prints them)
#
# Each cell boots c and rust at the same time (two single-threaded QEMUs).
# Cells: kasan.mode=sync|async|asymm x kasan.vmalloc=on|off x kasan.stacktrace=on|off (12),
# kasan=off, kasan.page_alloc.sample=4, `malformed` (kasan.mode=fast
# kasan.page_alloc.sample=0 kasan.stack_ring_size=-1 kasan.vmalloc=, passed unchecked) and
# `bare` (kasan kasan.mode kasan.fault kasan.stacktrace: names without a value).
#
# Runs are reproducible: every boot is `kasan-rs run --seed N` (QEMU `-seed N -icount
# shift=0,sleep=off`), which gives byte-identical consoles for the same Image, parameters and
# seed. MATRIX_SEED=N picks the seed (default 1); MATRIX_SEED=none boots with random tags.
#
# Random tags still make a check miss now and then (two neighbours with the same tag), on either
# side, and decide some slab bug types (see tools/kasan-rs/src/compare.rs). When `compare`
# exits 8 (only such differences), each suspect case is rerun alone (kunit.filter_glob=
# kasan.<case>) on both variants with seeds N+1..N+5 until the two reruns compare equal;
# the cell counts as equal only if every suspect case does so within 3 tries.
#
# Logs: out/logs/matrix/<cell>-{c,rust}.log, reruns <cell>-rerun-<case>-<k>-{c,rust}.log,
# compare outputs <cell>.compare; the table also goes to out/logs/matrix/table.txt.
# Images: the c and rust builds (KASAN_RS_IMAGE_C / KASAN_RS_IMAGE_RUST override them).
# Exit status: 0 if every cell is equal, 1 otherwise, 2 on a usage or environment error.
set -uo pipefail
. "$(dirname "$0")/common.sh"

LOGS="${KASAN_RS_LOGS:-$TOP/out/logs}/matrix"
KASAN_RS="${KASAN_RS:-$TOP/target/release/kasan-rs}"
TIMEOUT="${KASAN_RS_TIMEOUT:-300}"
SEED="${MATRIX_SEED:-1}"
RETRIES=5
IMAGE_C="${KASAN_RS_IMAGE_C:-$(builddir c)/arch/arm64/boot/Image}"
IMAGE_RUST="${KASAN_RS_IMAGE_RUST:-$(builddir rust)/arch/arm64/boot/Image}"
MALFORMED="kasan.mode=fast kasan.page_alloc.sample=0 kasan.stack_ring_size=-1 kasan.vmalloc="
BARE="kasan kasan.mode kasan.fault kasan.stacktrace"

# name SEP parameters SEP checked(1)/unchecked(0) [SEP cases whose outcome the cell makes
# a matter of chance, accepted either way on both sides, with the reason in a comment]
SEP=$'\x1f'
cells=()
for mode in sync async asymm; do
  for vm in on off; do
    for st in on off; do
      cells+=("$mode-vm_$vm-st_$st${SEP}kasan.mode=$mode kasan.vmalloc=$vm kasan.stacktrace=$st${SEP}1")
    done
  done
done
cells+=("kasan_off${SEP}kasan=off${SEP}1")
# With sampling, only every 4th page allocation of order >= 3 on a CPU is tagged: whether
# the order-4 allocations of page_alloc_oob_right and page_alloc_uaf are checked depends on
# that CPU's counter, i.e. on every earlier allocation and on which CPU the case runs. The
# upstream C implementation misses them in most runs (measured); so may rust.
cells+=("sample4${SEP}kasan.page_alloc.sample=4${SEP}1${SEP}page_alloc_oob_right page_alloc_uaf")
cells+=("malformed${SEP}$MALFORMED${SEP}0")
# Bare words, no '=': each early parameter is told no value (C: `Malformed early option`, and
# nothing else: kasan.mode is also rust's run-time module parameter, which must stay quiet).
cells+=("bare${SEP}$BARE${SEP}0")

if [ "${1:-}" = --list ]; then
  for c in "${cells[@]}"; do IFS="$SEP" read -r n p _ <<< "$c"; printf '%-18s %s\n' "$n" "$p"; done
  exit 0
fi
want=("$@")
selected=()
for c in "${cells[@]}"; do
  IFS="$SEP" read -r n _ _ <<< "$c"
  if [ "${#want[@]}" = 0 ] || [[ " ${want[*]} " == *" $n "* ]]; then selected+=("$c"); fi
done
[ "${#selected[@]}" -gt 0 ] || { printf 'matrix.sh: no such cell: %s (see --list)\n' "$*" >&2; exit 2; }
[[ "$SEED" == none || "$SEED" =~ ^[0-9]+$ ]] || { printf 'matrix.sh: MATRIX_SEED must be a number or none\n' >&2; exit 2; }
for img in "$IMAGE_C" "$IMAGE_RUST"; do
  [ -f "$img" ] || { printf 'matrix.sh: no kernel image %s (make build VARIANT=c / VARIANT=rust)\n' "$img" >&2; exit 2; }
done
[ -x "$KASAN_RS" ] || (cd "$TOP" && cargo build --release -q -p kasan-rs-tools) \
  || { printf 'matrix.sh: cannot build the kasan-rs tool\n' >&2; exit 2; }
mkdir -p "$LOGS"

now() { date +%s; }
start_all=$(now)

# boot VARIANT LOG FILTER PARAMS SEED: one suite run; its own verdict does not matter here.
boot() {
  local image=$IMAGE_C seedopt=()
  [ "$1" = rust ] && image=$IMAGE_RUST
  [ "$5" = none ] || seedopt=(--seed "$5")
  "$KASAN_RS" run "${RUN_ARGS[@]}" --image "$image" --append "kunit.filter_glob=$3 $4" --log "$2" \
    --timeout "$TIMEOUT" --quiet "${seedopt[@]}" >/dev/null 2>&1
  local rc=$?
  if [ "$rc" = 2 ]; then printf 'matrix.sh: kasan-rs run failed to start (%s)\n' "$2" >&2; fi
  return "$rc"
}
# boot_pair BASE FILTER PARAMS SEED: c and rust at once, to BASE-c.log and BASE-rust.log. Both
# QEMUs run single-threaded (-icount), and a seeded run does not depend on host load; returns 1
# if either could not start.
boot_pair() {
  boot c "$1-c.log" "$2" "$3" "$4" & local pc=$!
  boot rust "$1-rust.log" "$2" "$3" "$4" & local pr=$!
  local bad=0
  wait "$pc"; [ $? = 2 ] && bad=1
  wait "$pr"; [ $? = 2 ] && bad=1
  return "$bad"
}
# field COMPARE-OUTPUT LABEL N: the N-th " | "-separated field of the label's side line.
field() { printf '%s\n' "$1" | sed -n "s/^$2: //p" | awk -F' [|] ' -v n="$3" '{print $n}'; }

rows=()
failed_cells=()
for c in "${selected[@]}"; do
  IFS="$SEP" read -r name params checked volatile <<< "$c"
  if [ "$checked" = 1 ] && ! (check_kasan_args "$params") 2>"$LOGS/$name.err"; then
    rows+=("$name$SEP$params$SEP-$SEP-$SEP-$SEP""BAD PARAMETERS: $(cat "$LOGS/$name.err")$SEP0")
    failed_cells+=("$name"); continue
  fi
  t=$(now)
  say "matrix $name: '$params' on c and rust (seed $SEED)"
  env_err=0
  boot_pair "$LOGS/$name" 'kasan*' "$params" "$SEED" || env_err=1
  out=$("$KASAN_RS" compare "$LOGS/$name-c.log" "$LOGS/$name-rust.log" --label-a c --label-b rust 2>&1)
  crc=$?
  printf '%s\n' "$out" > "$LOGS/$name.compare"
  printf '%s\n' "$out" | grep -E '^(differs|collision-suspects|compare) ' | sed 's/^/    /' >&2
  note=""
  if [ "$env_err" = 1 ]; then
    equal="ERROR (kasan-rs run could not start)"; crc=2
  elif [ "$crc" = 0 ]; then
    equal="yes"
  elif [ "$crc" = 8 ]; then
    suspects=$(printf '%s\n' "$out" | sed -n 's/^collision-suspects: //p')
    all=1
    for case in $suspects; do
      if [[ " ${volatile:-} " == *" $case "* ]]; then
        note="$note $case(a matter of chance in this cell)"; continue
      fi
      ok=0
      for k in $(seq 1 "$RETRIES"); do
        s=none; [ "$SEED" = none ] || s=$(( SEED + k ))
        say "matrix $name: kasan.$case differs only by tag luck: rerun $k/$RETRIES alone on both (seed $s)"
        base="$LOGS/$name-rerun-$case-$k"
        boot_pair "$base" "kasan.$case" "$params" "$s"
        "$KASAN_RS" compare "$base-c.log" "$base-rust.log" --label-a c --label-b rust > "$base.compare" 2>&1
        r=$?
        if [ "$r" = 0 ]; then ok=1; break; fi
        if [ "$r" != 8 ]; then break; fi     # a real difference: no more tries
      done
      if [ "$ok" = 1 ]; then note="$note $case(rerun $k)"; else all=0; note="$note $case(still differs: $(tail -1 "$base.compare"))"; fi
    done
    if [ "$all" = 1 ]; then equal="yes, after rerun of:$note"; crc=0; else equal="NO:$note"; fi
  else
    equal="NO ($(printf '%s\n' "$out" | grep -c '^differs: ') differences, see ${LOGS#$TOP/}/$name.compare)"
  fi
  [ "$crc" = 0 ] || failed_cells+=("$name")
  res_c=$(field "$out" c 1); res_r=$(field "$out" rust 1)
  rep="$(field "$out" c 2 | sed 's/reports://')/$(field "$out" rust 2 | sed 's/reports://')"
  [ "$res_c" = "$res_r" ] && res_r="(same)"
  rows+=("$name$SEP$params$SEP${res_c:--}$SEP${res_r:--}$SEP$rep$SEP$equal$SEP$(( $(now) - t ))")
  if [ "$checked" = 0 ]; then
    rows+=("  parameters$SEP$SEP$params (unchecked)$SEP$SEP$SEP$SEP")
    for v in c rust; do
      rows+=("  $v$SEP${SEP}$(field "$out" "$v" 5)$SEP${SEP}$(field "$out" "$v" 4)$SEP$SEP")
    done
  fi
done

total=$(( $(now) - start_all ))
{
  echo
  printf '%-19s %-36s %-36s %-9s %4s  %s\n' cell "c result" "rust result" reports secs "rust == c?"
  for r in "${rows[@]}"; do
    IFS="$SEP" read -r n p rc rr rep eq s <<< "$r"
    if [ -z "$p" ] && [ -z "$eq" ]; then   # the malformed cell's detail lines
      printf '%-19s %s%s\n' "$n" "$rc" "${rep:+; $rep}"; continue
    fi
    printf '%-19s %-36s %-36s %-9s %4s  %s\n' "$n" "$rc" "$rr" "$rep" "$s" "$eq"
  done
  if [ "${#failed_cells[@]}" = 0 ]; then
    echo "matrix: PASS: ${#selected[@]} of ${#selected[@]} cells equal in ${total} s (seed $SEED; logs in ${LOGS#$TOP/}/)"
  else
    echo "matrix: FAILED: $(( ${#selected[@]} - ${#failed_cells[@]} )) of ${#selected[@]} cells equal; differ: ${failed_cells[*]} (${total} s, seed $SEED; logs in ${LOGS#$TOP/}/)"
  fi
} | tee "$LOGS/table.txt"
[ "${#failed_cells[@]}" = 0 ]
