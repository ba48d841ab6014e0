#!/bin/sh
# Stand-in for qemu-system-aarch64 booting the `make run` initramfs: prints a real
# console of the c variant loading kasan_rs_sample.ko (sample-run.log, kasan.mode=sync,
# 6 reports), then exits like QEMU after /init powered the machine off.
if [ "$1" = "--version" ]; then
    echo "QEMU emulator version 10.0.2 (fake for kasan-rs tests)"
    exit 0
fi
if [ -n "$FAKE_QEMU_ARGS" ]; then
    printf '%s\n' "$@" > "$FAKE_QEMU_ARGS"
fi
cat "$(dirname "$0")/sample-run.log"
exit 0
