#!/usr/bin/env bash
# Fault-mode and concurrency checks, run on each variant given (default: c rust):
#   faults.sh [VARIANT...]
#
#   fault-panic        kasan.fault=panic: the kernel panics right after the first report
#                      (kunit case kmalloc_oob_right, a write)            -> --expect-panic
#   fault-pow-read     kasan.fault=panic_on_write, a read (kmalloc_uaf): reported, no panic,
#                      the case passes                                    -> pass:1
#   fault-pow-write    kasan.fault=panic_on_write, a write (kmalloc_oob_right): panic
#   async              kasan.mode=async: the bad write is reported as
#                      'BUG: KASAN: invalid-access' + 'Asynchronous fault: no details available'
#   concurrent         samples/kasan_rs_concurrent.ko: every CPU faults at once (from IPIs);
#                      one whole report per CPU, never interleaved, no deadlock
#   single-shot        the sample's six bugs without kasan_multi_shot: only the first one is
#                      reported (the default), the others are still caught but not printed
#   guard-page         samples/kasan_rs_vmalloc_guard.ko: a report whose tag dump reaches a
#                      vmalloc guard page. rust: one whole report, the unmapped rows printed as
#                      "(not mapped)", the module finishes. c: upstream reads the tags of the
#                      unmapped page inside the report; its outcome is printed, not judged.
#   mode-switch        rust only (not in C): boots kasan.mode=async, /init writes "sync" to
#                      /sys/module/kasan/parameters/mode, then loads the sample: the mode reads
#                      async then sync, the kernel logs the switch, and the sample's six bugs
#                      are whole synchronous reports (no 'Asynchronous fault')
#   mode-refused       rust only: boots sync, /init writes "async": the write fails with
#                      EINVAL (22), the mode stays sync, the reports stay synchronous
#   hotplug            field families only (KASAN_RS_FAMILY, -smp 4, CPU_HOTPLUG): /init takes
#                      CPU 1 offline and online again, pins itself to it and loads the sample:
#                      the six bugs are whole synchronous reports, each from CPU 1
#   hotplug-async      the same on a kasan.mode=async boot: the bugs are caught asynchronously
#                      on the re-onlined CPU ('Asynchronous fault', at least one report)
#   hotplug-switch     rust only, field families: async boot, /init writes "sync", then cycles
#                      CPU 1: six whole synchronous reports from CPU 1
#   report-type        rust only: testing/report-type's C module calls kasan_report_invalid_free()
#                      with report type 0 (KASAN_REPORT_ACCESS, not a free) and 7 (not in the
#                      enum): each gives one WARNING naming the bad type and one whole
#                      invalid-free report, and the module finishes (no undefined behaviour:
#                      the type crosses from C as an integer and is validated)
#   stack-capture      rust only: testing/stack-capture's module saves stacks both with the walk
#                      rust's kasan_save_stack() uses and with stack_trace_save() +
#                      filter_irq_stacks() (what C's and the depot keep), from the same
#                      functions, in a task, with interrupts off, in hard IRQ and in softirq
#                      context, at call depths up to past the 64 entries kept: all 11 cases
#                      equal entry by entry, each saved by the walk itself
#   tag-policy         rust only: kasan.tag_policy=distinct, samples/kasan_rs_tag_policy.ko's
#                      28 adjacent overflows and 28 immediate-reuse use-after-frees: all 56
#                      reported (with random tags about 1 in 14 is missed: the same boot with
#                      kasan.tag_policy=random is run too, its count printed, not judged)
#
# FAULTS_ONLY="check ..." runs only the checks named. Each check is judged by the kasan-rs runner's verdict; the async and concurrency checks
# add a structural check of the console (below). Prints one line per check; exit 1 if any
# failed. Logs: out/logs/faults/<variant>-<check>.log.
set -uo pipefail
. "$(dirname "$0")/common.sh"

variants="${*:-c rust}"
LOGS="${KASAN_RS_LOGS:-$TOP/out/logs}/faults"; mkdir -p "$LOGS"
KASAN_RS="${KASAN_RS:-$TOP/target/release/kasan-rs}"
[ -x "$KASAN_RS" ] || (cd "$TOP" && cargo build --release -q -p kasan-rs-tools) || die "cannot build kasan-rs"
failed=0

# Every report block carries a "CPU: N" line (dump_stack's header) naming CPU $2.
reports_on_cpu() {
  sed -E 's/^\[[ 0-9.]+\] ?//' "$1" | awk -v cpu="$2" -v banner="$(printf '=%.0s' $(seq 66))" '
    $0 == banner { if (open) { n++; if (!seen) bad++; open = 0 } else { open = 1; seen = 0 } next }
    open && $1 == "CPU:" { if ($2 == cpu) seen = 1 }
    END { if (bad || n == 0) { printf "%d of %d reports not from CPU %s\n", bad, n, cpu; exit 1 } }'
}

# Every report is one block: opening banner, one BUG line, ..., closing banner. Reports of
# several CPUs must not interleave: within a block there is exactly one BUG line, and (for
# sync reports) one 'Memory state' line before the closing banner.
reports_whole() {
  sed -E 's/^\[[ 0-9.]+\] ?//' "$1" | awk -v want_mem="$2" -v banner="$(printf '=%.0s' $(seq 66))" '
    $0 == banner { if (open) { if (bugs != 1 || (want_mem && mem != 1)) bad++; open = 0; n++ }
                else { open = 1; bugs = 0; mem = 0 } next }
    open && /^BUG: KASAN: / { bugs++ }
    open && /^Memory state around the buggy address:/ { mem++ }
    END { if (open) bad++; if (bad || n == 0) { printf "%d of %d report blocks malformed\n", bad, n; exit 1 } }'
}

check() {  # check VARIANT NAME RUNNER-ARGS...
  local v=$1 name=$2; shift 2
  # FAULTS_ONLY="name ...": run only those checks (make test's hardened stack-capture row).
  [ -z "${FAULTS_ONLY:-}" ] || [[ " $FAULTS_ONLY " == *" $name "* ]] || return 0
  local log="$LOGS/$v-$name.log" out rc extra="" attempts
  # A suite check whose only failure is a missed report may be a random-tag collision (the
  # case's neighbour drew the same tag; see test.sh): the runner boots it again, up to 3 boots
  # in all (--rerun-collisions 2, src/rerun.rs), and says how many it took.
  out=$("$KASAN_RS" run "${RUN_ARGS[@]}" --quiet --timeout 120 --log "$log" --image "$(builddir "$v")/arch/arm64/boot/Image" \
        --rerun-collisions 2 "$@" 2>&1)
  rc=$?
  attempts=$(sed -n 's/^attempts: //p' <<<"$out")
  [ "${attempts:-1}" = 1 ] || extra=" (attempt $attempts: a missed report before)"
  case "$name" in
    async)
      if [ "$rc" = 0 ] && ! grep -q 'Asynchronous fault: no details available' "$log"; then
        rc=1; extra=" (no 'Asynchronous fault:' report)"; fi;;
    concurrent)
      if [ "$rc" = 0 ]; then
        m=$(reports_whole "$log" 1) || { rc=1; extra=" ($m)"; }
        grep -q 'kasan_rs_concurrent: done' "$log" || { rc=1; extra="$extra (module did not finish)"; }
      fi;;
    hotplug|hotplug-async|hotplug-switch)
      for w in 'kasan-rs-init: cpu 1 offline: ok' 'kasan-rs-init: cpu 1 online: ok' 'kasan-rs-init: running on cpu 1'; do
        grep -qF -- "$w" "$log" || { rc=1; extra="$extra (no '$w')"; }
      done
      if [ "$name" = hotplug-async ]; then
        grep -q 'Asynchronous fault: no details available' "$log" || { rc=1; extra="$extra (no 'Asynchronous fault:' report)"; }
      else
        ! grep -q 'Asynchronous fault' "$log" || { rc=1; extra="$extra (an asynchronous report)"; }
        m=$(reports_whole "$log" 1) || { rc=1; extra="$extra ($m)"; }
      fi
      m=$(reports_on_cpu "$log" 1) || { rc=1; extra="$extra ($m)"; }
      [ "$name" != hotplug-switch ] || grep -qF 'kasan: mode switched from async to sync at run time' "$log" \
        || { rc=1; extra="$extra (no switch logged)"; };;
    mode-switch|mode-refused)
      if [ "$rc" = 0 ]; then
        if [ "$name" = mode-switch ]; then
          want=('kasan-rs-init: mode: async' 'kasan-rs-init: write sync: ok' 'kasan-rs-init: mode: sync'
                'kasan: mode switched from async to sync at run time')
        else
          want=('kasan-rs-init: mode: sync' 'kasan-rs-init: write async: errno 22'
                'kasan: kasan.mode: write refused: only sync can be switched to at run time')
        fi
        for w in "${want[@]}"; do grep -qF -- "$w" "$log" || { rc=1; extra="$extra (no '$w')"; }; done
        ! grep -q 'Asynchronous fault' "$log" || { rc=1; extra="$extra (an asynchronous report)"; }
        m=$(reports_whole "$log" 1) || { rc=1; extra="$extra ($m)"; }
      fi;;
    report-type)
      if [ "$rc" = 0 ]; then
        m=$(reports_whole "$log" 1) || { rc=1; extra=" ($m)"; }
        n=$(grep -c 'kasan: kasan_report_invalid_free: report type is not a free; reporting invalid-free' "$log")
        [ "$n" = 2 ] || { rc=1; extra="$extra ($n warnings, want 2)"; }
        n=$(grep -c 'BUG: KASAN: invalid-free in ' "$log")
        [ "$n" = 2 ] || { rc=1; extra="$extra ($n invalid-free reports, want 2)"; }
        grep -q 'kasan_rs_report_type: done' "$log" || { rc=1; extra="$extra (module did not finish)"; }
      fi;;
    stack-capture)
      ! grep -q 'kasan_rs_stack_capture: .*DIFFER' "$log" || { rc=1; extra="$extra ($(grep -c 'kasan_rs_stack_capture: .*DIFFER' "$log") cases differ)"; }
      grep -q 'kasan_rs_stack_capture: done, 11 cases, 11 equal' "$log" || { rc=1; extra="$extra (not all 11 cases equal)"; };;
    tag-policy|tag-policy-random)
      grep -q 'kasan_rs_tag_policy: done, adjacent=28 reuse=28' "$log" || { rc=1; extra="$extra (module did not finish)"; }
      if [ "$name" = tag-policy-random ]; then
        extra="$extra (random tags: $(grep -c 'BUG: KASAN:' "$log") of 56 reported; informational, not judged)"; rc=0
      fi;;
    guard-page)
      if [ "$v" = c ]; then
        extra=" (upstream C: informational, not judged)"; rc=0
      elif [ "$rc" = 0 ]; then
        m=$(reports_whole "$log" 1) || { rc=1; extra=" ($m)"; }
        [ "$(grep -c '(not mapped)$' "$log")" -ge 1 ] || { rc=1; extra="$extra (no '(not mapped)' row)"; }
        grep -q 'kasan_rs_vmalloc_guard: done' "$log" || { rc=1; extra="$extra (module did not finish)"; }
      fi;;
  esac
  printf '%-8s %-16s %s%s\n' "$v" "$name" "$(printf '%s\n' "$out" | grep '^verdict: ' | tail -1)" "$extra"
  [ "$rc" = 0 ] || failed=1
}

for v in $variants; do
  check_variant "$v"
  cpio=$("$TOP/testing/scripts/initramfs.sh" "$v") || die "[$v] no initramfs"
  check "$v" fault-panic     --append "kunit.filter_glob=kasan.kmalloc_oob_right kasan.fault=panic" --expect-panic
  check "$v" fault-pow-read  --append "kunit.filter_glob=kasan.kmalloc_uaf kasan.fault=panic_on_write" \
                             --expect "kasan=pass:1,fail:0,skip:0"
  check "$v" fault-pow-write --append "kunit.filter_glob=kasan.kmalloc_oob_right kasan.fault=panic_on_write" --expect-panic
  check "$v" async           --append "kunit.filter_glob=kasan.kmalloc_oob_right kasan.mode=async" \
                             --expect "kasan=pass:1,fail:0,skip:0"
  check "$v" concurrent      --initrd "$cpio" --expect-reports "$(family_smp "$FAMILY")" \
                             --append "kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_MODULE=/kasan_rs_concurrent.ko"
  check "$v" single-shot     --initrd "$cpio" --expect-reports 1 \
                             --append "rdinit=/init kunit.enable=0"
  check "$v" guard-page      --initrd "$cpio" --expect-reports 1 \
                             --append "kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_MODULE=/kasan_rs_vmalloc_guard.ko"
  if [ "$FAMILY" != min ]; then
    check "$v" hotplug       --initrd "$cpio" --expect-reports 6 \
                             --append "kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_CPU_CYCLE=1"
    check "$v" hotplug-async --initrd "$cpio" --min-reports 1 \
                             --append "kasan.mode=async kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_CPU_CYCLE=1"
    [ "$v" != rust ] || check "$v" hotplug-switch --initrd "$cpio" --expect-reports 6 --append \
      "kasan.mode=async kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_SET_MODE=sync KASAN_RS_CPU_CYCLE=1"
  fi
  if [ "$v" = rust ]; then
    check "$v" mode-switch   --initrd "$cpio" --expect-reports 6 \
                             --append "kasan.mode=async kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_SET_MODE=sync"
    check "$v" mode-refused  --initrd "$cpio" --expect-reports 6 \
                             --append "kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_SET_MODE=async"
    rt_cpio="$LOGS/report-type/report-type-$v.cpio"
    if (module_initramfs "$v" "$TOP/testing/report-type" kasan_rs_report_type "$rt_cpio"); then
      check "$v" report-type --initrd "$rt_cpio" --expect-reports 2 --expect-warnings 2 \
                             --append "kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_MODULE=/kasan_rs_report_type.ko"
    else
      printf '%-8s %-16s %s\n' "$v" report-type "FAILED (cannot build testing/report-type)"; failed=1
    fi
    sc_cpio="$LOGS/stack-capture/stack-capture-$v.cpio"
    if (module_initramfs "$v" "$TOP/testing/stack-capture" kasan_rs_stack_capture "$sc_cpio"); then
      check "$v" stack-capture --initrd "$sc_cpio" --expect-reports 0 \
                             --append "rdinit=/init kunit.enable=0 KASAN_RS_MODULE=/kasan_rs_stack_capture.ko"
    else
      printf '%-8s %-16s %s\n' "$v" stack-capture "FAILED (cannot build testing/stack-capture)"; failed=1
    fi
    check "$v" tag-policy    --initrd "$cpio" --expect-reports 56 --append \
      "kasan.tag_policy=distinct kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_MODULE=/kasan_rs_tag_policy.ko"
    check "$v" tag-policy-random --initrd "$cpio" --min-reports 1 --append \
      "kasan.tag_policy=random kasan_multi_shot rdinit=/init kunit.enable=0 KASAN_RS_MODULE=/kasan_rs_tag_policy.ko"
  fi
done
exit "$failed"
