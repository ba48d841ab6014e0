# SPDX-License-Identifier: GPL-2.0
#
# kunit.py's QEMU settings for kasan-rs: arm64 with MTE, as testing/scripts and kasan-rs run
# boot it (qemu-system-aarch64 -M virt,mte=on -cpu max -smp 2 -m 1G). Passed to
# tools/testing/kunit/kunit.py with --qemu_config (see the README, "kunit.py"); the import
# below resolves against kunit.py's own qemu_config module, wherever this file lives.
from ..qemu_config import QemuArchParams

QEMU_ARCH = QemuArchParams(linux_arch='arm64',
			   kconfig='''
CONFIG_SERIAL_AMBA_PL011=y
CONFIG_SERIAL_AMBA_PL011_CONSOLE=y
CONFIG_ARM64_MTE=y''',
			   qemu_arch='aarch64',
			   kernel_path='arch/arm64/boot/Image',
			   kernel_command_line='console=ttyAMA0',
			   extra_qemu_params=['-machine', 'virt,mte=on', '-cpu', 'max',
					      '-smp', '2'])
