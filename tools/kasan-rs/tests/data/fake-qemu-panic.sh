#!/bin/sh
# Stand-in for qemu-system-aarch64: a kasan.fault=panic run whose QEMU does
# not exit after the panic (as with a missing panic=-1).
if [ "$1" = "--version" ]; then
    echo "QEMU emulator version 8.2.2 (fake for kasan-rs tests)"
    exit 0
fi
cat "$(dirname "$0")/fault_panic.log"
sleep 1000 &
wait
