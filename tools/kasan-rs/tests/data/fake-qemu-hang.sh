#!/bin/sh
# Stand-in for qemu-system-aarch64: boots into the kasan suite, reports two
# cases, then hangs (with a child process) until it is killed.
if [ "$1" = "--version" ]; then
    echo "QEMU emulator version 9.2.0 (fake for kasan-rs tests)"
    exit 0
fi
head -n 110 "$(dirname "$0")/truncated.log"
sleep 1000 &
if [ -n "$FAKE_QEMU_PIDS" ]; then
    echo "$$ $!" > "$FAKE_QEMU_PIDS"
fi
wait
