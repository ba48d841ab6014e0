#!/bin/sh
# Stand-in for qemu-system-aarch64 that misses a KASAN report now and then,
# as a random-tag collision does: boots number 1..FAKE_QEMU_MISSES (counted in
# the file FAKE_QEMU_COUNT) print fail.log (kmalloc_oob_left: "... but none
# occurred"), later boots pass.log. A boot of kmalloc_oob_left alone
# (kunit.filter_glob=kasan.kmalloc_oob_left) prints that case passing, or
# missing its report again with FAKE_QEMU_SINGLE=fail.
if [ "$1" = "--version" ]; then
    echo "QEMU emulator version 10.0.2 (fake for kasan-rs tests)"
    exit 0
fi
n=$(cat "$FAKE_QEMU_COUNT" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "$FAKE_QEMU_COUNT"
case "$*" in
*kunit.filter_glob=kasan.kmalloc_oob_left*)
    echo "KTAP version 1"
    echo "1..1"
    echo "    KTAP version 1"
    echo "    # Subtest: kasan"
    echo "    1..1"
    if [ "$FAKE_QEMU_SINGLE" = fail ]; then
        echo "    # kmalloc_oob_left: EXPECTATION FAILED at mm/kasan/kasan_test_c.c:208"
        echo "    KASAN failure expected in \"*ptr = *(ptr - 1)\", but none occurred"
        echo "    not ok 1 kmalloc_oob_left"
        echo "# kasan: pass:0 fail:1 skip:0 total:1"
        echo "not ok 1 kasan"
    else
        echo "    ok 1 kmalloc_oob_left"
        echo "# kasan: pass:1 fail:0 skip:0 total:1"
        echo "ok 1 kasan"
    fi
    echo "reboot: Power down"
    exit 0;;
esac
if [ "$n" -le "${FAKE_QEMU_MISSES:-1}" ]; then
    cat "$(dirname "$0")/fail.log"
else
    cat "$(dirname "$0")/pass.log"
fi
exit 0
