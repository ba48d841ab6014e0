#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Helpers of testing/scripts/profile.sh (`make profile`).

  profile_count.py symbols VMLINUX [--callees=NAME,...] OBJ... > SYMS.tsv
      The functions of the given objects, at their vmlinux addresses: for each executable
      section of an object, the offset between the object and vmlinux comes from a global
      function of that section (local functions, e.g. Rust's, then follow); and the vmlinux
      functions named by --callees (the kernel functions KASAN calls, counted the same way).
      Writes `name<TAB>start<TAB>size` (hex, name demangled) and prints QEMU -dfilter ranges
      on stderr.
  profile_count.py count SYMS.tsv < QEMU exec trace > COUNTS.json
      Reads `qemu -accel tcg,one-insn-per-tb=on -d exec,nochain` output (one `Trace` line per
      executed guest instruction) and counts per function: calls (executions of its first
      instruction) and instructions executed in its body, in all and per call (callees outside
      the profiled code are not counted; callees inside it count for themselves).
  profile_count.py report OUT.md LABEL=COUNTS.json...
      A Markdown table, function by function, of the c and rust counts of each boot, and the
      instructions per saved stack: the functions of CAPTURE (kasan_save_stack and the kernel
      functions a capture runs) over the calls of kasan_save_stack.
"""
import bisect
import collections
import json
import re
import statistics
import subprocess
import sys


def readelf_funcs(path):
    """(name, value, size, section index, binding) of every FUNC symbol of an ELF file."""
    out = subprocess.run(["llvm-readelf-19", "-sW", path], check=True, capture_output=True, text=True).stdout
    funcs = []
    for line in out.splitlines():
        f = line.split()
        if len(f) >= 8 and f[3] == "FUNC" and f[6].isdigit():
            funcs.append((f[7], int(f[1], 16), int(f[2]), int(f[6]), f[4]))
    return funcs


def demangle(names):
    out = subprocess.run(["llvm-cxxfilt-19"], input="\n".join(names) + "\n", check=True,
                         capture_output=True, text=True).stdout.splitlines()
    return dict(zip(names, out))


# What saving one stack runs, in both variants: KASAN's kasan_save_stack() (in rust, the walk and
# the depot cache's lookup are inlined into it), the generic unwinder (C always; rust where its
# walk hands over) with its per-frame callback, the stack depot's save with the IRQ filter it
# applies; rust's out-of-line parts (the walk's change of stack, the cache's insertion with its
# stack_depot_fetch()) and memcmp (the cache compares entries with it; other boot code calls it
# too, in both variants, which this over-counts alike).
CAPTURE = ["kasan_save_stack", "stack_trace_save", "arch_stack_walk", "stack_trace_consume_entry",
           "filter_irq_stacks", "stack_depot_save_flags",
           "<kasan_rs::kasan_core::frame_walk::FrameWalk>::next_record_slow",
           "kasan_rs::ffi::depot_cache::keep", "stack_depot_fetch", "memcmp"]


def cmd_symbols(vmlinux, args):
    callees = []
    objs = []
    for a in args:
        if a.startswith("--callees="):
            callees += [n for n in a[len("--callees="):].split(",") if n]
        else:
            objs.append(a)
    vm, anywhere, sizes = {}, collections.defaultdict(list), {}
    for name, value, size, _, bind in readelf_funcs(vmlinux):
        anywhere[name].append(value)
        sizes[(name, value)] = size
        if bind == "GLOBAL":
            vm[name] = value
    rows = []
    for name in callees:
        found = anywhere.get(name, [])
        if len(found) != 1 or not sizes.get((name, found[0])):
            print(f"profile_count.py: callee {name}: {len(found)} definitions in vmlinux, not counted",
                  file=sys.stderr)
            continue
        rows.append((name, found[0], sizes[(name, found[0])]))
    for obj in objs:
        funcs = [f for f in readelf_funcs(obj) if f[2] > 0]
        base = {}
        for name, value, _, sec, bind in funcs:
            if bind == "GLOBAL" and name in vm and sec not in base:
                base[sec] = vm[name] - value
        for name, value, size, sec, _ in funcs:
            if sec in base:
                rows.append((name, base[sec] + value, size))
            elif len(anywhere.get(name, [])) == 1:
                # A section without a global function (.text.unlikely): the name is unique.
                rows.append((name, anywhere[name][0], size))
            else:
                print(f"profile_count.py: {obj}: {name} skipped (no global function in its section)",
                      file=sys.stderr)
    names = demangle([r[0] for r in rows])
    rows.sort(key=lambda r: r[1])
    for name, start, size in rows:
        print(f"{names.get(name, name)}\t{start:x}\t{size:x}")
    # Contiguous functions merge into one -dfilter range.
    ranges = []
    for _, start, size in rows:
        if ranges and start <= ranges[-1][1] + 16:
            ranges[-1][1] = max(ranges[-1][1], start + size)
        else:
            ranges.append([start, start + size])
    print(",".join(f"0x{a:x}+0x{b - a:x}" for a, b in ranges), file=sys.stderr)


TRACE = re.compile(r"^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/")


def cmd_count(syms_path):
    syms = []
    with open(syms_path) as f:
        for line in f:
            name, start, size = line.rstrip("\n").split("\t")
            syms.append((int(start, 16), int(size, 16), name))
    syms.sort()
    starts = [s[0] for s in syms]
    insns = collections.Counter()
    per_call = collections.defaultdict(list)
    open_call = {}
    total = 0
    for line in sys.stdin:
        m = TRACE.match(line)
        if not m:
            continue
        pc = int(m.group(1), 16)
        i = bisect.bisect_right(starts, pc) - 1
        if i < 0 or pc >= syms[i][0] + syms[i][1]:
            continue
        name = syms[i][2]
        total += 1
        insns[name] += 1
        if pc == syms[i][0]:
            if name in open_call:
                per_call[name].append(open_call[name])
            open_call[name] = 0
        if name in open_call:
            open_call[name] += 1
    for name, n in open_call.items():
        per_call[name].append(n)
    out = {"total": total, "functions": {}}
    for name, n in insns.items():
        calls = per_call.get(name, [])
        out["functions"][name] = {
            "insns": n, "calls": len(calls),
            "median_per_call": statistics.median(calls) if calls else None,
        }
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()


def fmt(x):
    if x is None:
        return "-"
    return f"{x:.0f}" if x >= 100 or float(x).is_integer() else f"{x:.1f}"


def cmd_report(out_md, pairs):
    data = {}
    for p in pairs:
        label, path = p.split("=", 1)
        with open(path) as f:
            data[label] = json.load(f)
    boots = sorted({label.split(":")[0] for label in data})
    md = ["# make profile: guest instructions in KASAN's own code, c vs rust\n",
          "One boot per variant and kind under QEMU TCG, one instruction per translation block, "
          "`-d exec` restricted to the implementation's functions (C: mm/kasan/{common,hw_tags,report,"
          "report_hw_tags,tags,report_tags}.o; Rust: mm/kasan/rs/rust/{kasan_rs,glue}.o). Counts are exact "
          "for the boot traced; of the callees outside the implementation, the stack capture's "
          "(the generic unwinder and the stack depot's save, `CAPTURE` in profile_count.py) are counted "
          "as functions of their own, the others (printk, the page allocator) are not. Random tags (IRG) differ between the two kernels, and with them "
          "the length of a report's stack ring walk (it stops at an older life of the object with the "
          "same tag).\n"]
    for boot in boots:
        c = data.get(f"{boot}:c", {"total": 0, "functions": {}})
        r = data.get(f"{boot}:rust", {"total": 0, "functions": {}})
        ratio = r["total"] / c["total"] if c["total"] else float("nan")
        md.append(f"## {boot} boot\n")
        md.append(f"Total: c {c['total']:,} instructions, rust {r['total']:,} (rust/c {ratio:.3f}).\n")
        md.append("| function | c calls | c insns | c per call | rust calls | rust insns | rust per call | per call rust/c |")
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        names = set(c["functions"]) | set(r["functions"])
        key = lambda n: -max(c["functions"].get(n, {}).get("insns", 0), r["functions"].get(n, {}).get("insns", 0))
        for n in sorted(names, key=key):
            cf, rf = c["functions"].get(n, {}), r["functions"].get(n, {})
            cm, rm = cf.get("median_per_call"), rf.get("median_per_call")
            pr = f"{rm / cm:.3f}" if cm and rm else "-"
            md.append(f"| `{n}` | {cf.get('calls', '-')} | {cf.get('insns', '-')} | {fmt(cm)} | "
                      f"{rf.get('calls', '-')} | {rf.get('insns', '-')} | {fmt(rm)} | {pr} |")
        md.append("")
        per_stack = {}
        for label, d in (("c", c), ("rust", r)):
            saves = d["functions"].get("kasan_save_stack", {}).get("calls", 0)
            if saves:
                parts = {n: d["functions"].get(n, {}).get("insns", 0) / saves for n in CAPTURE}
                per_stack[label] = (saves, parts)
        if per_stack:
            md.append("Instructions per saved stack (each function's instructions over the calls of "
                      "`kasan_save_stack`):\n")
            short = lambda n: n.split("::")[-1].rstrip(">")
            md.append("| | " + " | ".join(f"`{short(n)}`" for n in CAPTURE) + " | all | stacks saved |")
            md.append("|---|" + "---:|" * (len(CAPTURE) + 2))
            for label, (saves, parts) in per_stack.items():
                md.append(f"| {label} | " + " | ".join(f"{parts[n]:.0f}" for n in CAPTURE) +
                          f" | {sum(parts.values()):.0f} | {saves} |")
            if "c" in per_stack and "rust" in per_stack:
                ratio = sum(per_stack["rust"][1].values()) / sum(per_stack["c"][1].values())
                md.append(f"\nPer saved stack, rust/c: {ratio:.3f}.")
            md.append("")
    with open(out_md, "w") as f:
        f.write("\n".join(md) + "\n")


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "symbols":
        cmd_symbols(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 3 and sys.argv[1] == "count":
        cmd_count(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "report":
        cmd_report(sys.argv[2], sys.argv[3:])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
