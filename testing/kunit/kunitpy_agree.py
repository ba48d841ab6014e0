#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kunitpy_agree.py KSRC LOG: does kunit.py's KTAP parser read LOG as kasan-rs does?

Parses LOG with the tree's own tools/testing/kunit/kunit_parser.py (what `kunit.py parse`
uses) and with `kasan-rs kunit-cases` (KASAN_RS, default target/release/kasan-rs), and diffs
the two lists of SUITE[.CASE[.PARAM]] and status. `kunit.py parse` reads only the first KTAP
document of a console; a boot that loads test modules prints one more document per module,
so the log is cut at each top-level `KTAP version` line and every piece is parsed.
Exit 0 when both parsers agree, 1 otherwise (the differing lines are printed).
"""

import io
import os
import re
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOP_LEVEL_KTAP = re.compile(r'^(\[[^\]]*\]\s?)?(\[[^\]]*\]\s?)?K?TAP version \d+$')


def kunitpy_cases(ksrc, text):
    sys.path.insert(0, os.path.join(ksrc, 'tools', 'testing', 'kunit'))
    import kunit_parser  # noqa: E402  (the tree's parser)
    import kunit_printer  # noqa: E402
    quiet = kunit_printer.Printer(io.StringIO())
    kunit_parser.stdout = quiet
    kunit_printer.stdout = quiet

    documents, current = [], None
    for line in text.splitlines():
        if TOP_LEVEL_KTAP.match(line.rstrip()):
            current = []
            documents.append(current)
        if current is not None:
            current.append(line + '\n')

    out = []

    def walk(prefix, test):
        name = f'{prefix}.{test.name}' if prefix else test.name
        status = test.status.name
        if status == 'TEST_CRASHED':
            status = 'CRASHED'
        out.append(f'{name}\t{status}')
        for sub in test.subtests:
            walk(name, sub)

    for doc in documents:
        root = kunit_parser.parse_run_tests(doc)
        for suite in root.subtests:
            walk('', suite)
    return out


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    ksrc, log = sys.argv[1], sys.argv[2]
    text = open(log, encoding='utf-8', errors='replace').read()
    tool = os.environ.get('KASAN_RS', os.path.join(TOP, 'target', 'release', 'kasan-rs'))
    ours = subprocess.run([tool, 'kunit-cases', log], check=True, capture_output=True,
                          text=True).stdout.splitlines()
    theirs = kunitpy_cases(ksrc, text)
    if ours == theirs:
        suites = sum(1 for line in ours if '.' not in line.split('\t')[0])
        print(f'kunitpy-agree: {log}: both parsers read {suites} suites, '
              f'{len(ours) - suites} cases and parameters alike')
        return 0
    only_ours = [line for line in ours if line not in theirs]
    only_theirs = [line for line in theirs if line not in ours]
    for line in only_ours:
        print(f'kasan-rs only: {line}')
    for line in only_theirs:
        print(f'kunit.py only: {line}')
    if not only_ours and not only_theirs:
        print('same lines, different order')
    print(f'kunitpy-agree: {log}: the parsers DISAGREE')
    return 1


if __name__ == '__main__':
    sys.exit(main())
