#!/bin/sh
# Stand-in for qemu-system-aarch64: prints a passing kasan run (pass.log)
# plus one line on stderr, then exits like QEMU after kunit_shutdown=poweroff.
if [ "$1" = "--version" ]; then
    echo "QEMU emulator version 10.0.2 (fake for kasan-rs tests)"
    exit 0
fi
if [ -n "$FAKE_QEMU_ARGS" ]; then
    printf '%s\n' "$@" > "$FAKE_QEMU_ARGS"
fi
echo "fake-qemu: this line went to stderr" >&2
cat "$(dirname "$0")/pass.log"
exit 0
