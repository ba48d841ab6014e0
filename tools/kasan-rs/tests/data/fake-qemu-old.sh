#!/bin/sh
# Stand-in for bookworm's qemu-system-aarch64 7.2, which mis-emulates MTE.
if [ "$1" = "--version" ]; then
    echo "QEMU emulator version 7.2.0 (Debian 1:7.2+dfsg-7+deb12u6)"
    echo "Copyright (c) 2003-2022 Fabrice Bellard and the QEMU Project developers"
    exit 0
fi
echo "fake-qemu-old: must not be booted" >&2
exit 1
