#!/usr/bin/env python3
"""Figures, honesty checks, table and chart of one `make bench` run (testing/scripts/bench.sh).

    bench_report.py RESULTS_DIR --rounds N --symbols-ok 0|1 --total-seconds S

Reads RESULTS_DIR/runs.tsv and the facts of the console logs it names (`kasan-rs bench-facts`,
the tool at $KASAN_RS, default target/release/kasan-rs), writes RESULTS_DIR/results.json (every
raw per-round figure), results.md (median and min-max per figure and variant, ratios) and
ratios.svg (c/nokasan and rust/nokasan per figure). Exit 0 if every check passed, else 1.
Standard library only.
"""

import argparse
import csv
import json
import os
import statistics
import subprocess
import sys

VARIANTS = ["nokasan", "c", "rust"]
KASANS = ["c", "rust"]
BANNER = "kasan: KernelAddressSanitizer initialized"
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The upstream series' figures (Andrey Konovalov, "kasan: add hardware tag-based mode for arm64"),
# measured under emulation: boot time and slab memory after boot.
SEED = {"boot": (2.8, 5.7), "slab": (7.0, 9.7)}


def console_facts(paths):
    """What each console says (schema kasan-rs.bench-facts/1), by path."""
    tool = os.environ.get("KASAN_RS") or os.path.join(TOP, "target", "release", "kasan-rs")
    out = subprocess.run([tool, "bench-facts", *paths], stdout=subprocess.PIPE, check=True).stdout
    return dict(zip(paths, json.loads(out)["consoles"]))


def bench_problems(name, facts, module=True):
    """The findings of a bench boot (`module`: with the bench module; without, a boot that only
    prints the slab figures and powers off)."""
    problems = [f"{name}: {line[:160]}" for line in facts["bad_lines"]]
    for what, msg in (("module_done", "the bench module did not finish"),
                      ("module_loaded", "finit_module did not return 0"), ("powered_off", "no clean power-off")):
        if not facts[what] and (module or what == "powered_off"):
            problems.append(f"{name}: {msg}")
    for k in ("boot_ms", "slab_kB"):
        if k not in facts["figures"]:
            problems.append(f"{name}: no {k} figure")
    return problems


def stats(values):
    vals = [v for v in values if v is not None]
    if not vals:
        return None
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals), "n": len(vals)}


def fmt(x):
    if x is None:
        return "-"
    if abs(x) >= 100:
        return f"{x:.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def cell(s):
    if s is None:
        return "-"
    if s["min"] == s["max"]:
        return fmt(s["median"])
    return f"{fmt(s['median'])} ({fmt(s['min'])}-{fmt(s['max'])})"


def ratio(a, b):
    if a is None or b is None or b["median"] == 0:
        return None
    return a["median"] / b["median"]


def cost_ratio(st):
    """(rust - nokasan) / (c - nokasan) of the medians: rust's KASAN cost as a share of c's."""
    if not (st.get("c") and st.get("rust") and st.get("nokasan")):
        return None
    c = st["c"]["median"] - st["nokasan"]["median"]
    if c <= 0:
        return None
    return (st["rust"]["median"] - st["nokasan"]["median"]) / c


def rfmt(r):
    return "-" if r is None else f"{r:.3f}"


def svg_chart(rows, path):
    """Horizontal grouped bars: c/nokasan and rust/nokasan per figure, linear axis from 0."""
    data = [(label, r_c, r_r) for label, r_c, r_r in rows if r_c is not None or r_r is not None]
    top = max([v for _, a, b in data for v in (a, b) if v is not None] + [1.0])
    step = 1 if top <= 10 else (2 if top <= 20 else 5)
    axis_max = (int(top / step) + 1) * step
    left, width, bar, gap, head = 190, 560, 9, 8, 50
    height = head + len(data) * (2 * bar + gap) + 40
    x = lambda v: left + v / axis_max * width
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 70}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14" font-weight="bold">KASAN cost: time (or memory) relative to nokasan (1.0 = no overhead)</text>',
           f'<rect x="{left}" y="28" width="10" height="10" fill="#4e79a7"/><text x="{left + 14}" y="37">c / nokasan</text>',
           f'<rect x="{left + 110}" y="28" width="10" height="10" fill="#e15759"/><text x="{left + 124}" y="37">rust / nokasan</text>']
    for t in range(0, axis_max + 1, step):
        out.append(f'<line x1="{x(t):.1f}" y1="{head - 4}" x2="{x(t):.1f}" y2="{height - 30}" stroke="#ddd"/>')
        out.append(f'<text x="{x(t):.1f}" y="{height - 16}" text-anchor="middle">{t}</text>')
    out.append(f'<line x1="{x(1):.1f}" y1="{head - 4}" x2="{x(1):.1f}" y2="{height - 30}" stroke="#555" stroke-dasharray="3,2"/>')
    y = head
    for label, r_c, r_r in data:
        out.append(f'<text x="{left - 6}" y="{y + bar + 3}" text-anchor="end">{label}</text>')
        for v, colour, dy in ((r_c, "#4e79a7", 0), (r_r, "#e15759", bar)):
            if v is None:
                continue
            out.append(f'<rect x="{left}" y="{y + dy}" width="{max(x(v) - left, 0.5):.1f}" height="{bar - 1}" fill="{colour}"/>')
            out.append(f'<text x="{x(v) + 3:.1f}" y="{y + dy + bar - 2}" font-size="9">{v:.2f}</text>')
        y += 2 * bar + gap
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--rounds", type=int, required=True)
    ap.add_argument("--symbols-ok", type=int, required=True)
    ap.add_argument("--total-seconds", type=int, default=None)
    ap.add_argument("--family", default="min")
    a = ap.parse_args()

    with open(os.path.join(a.dir, "runs.tsv")) as f:
        runs = list(csv.DictReader(f, delimiter="\t"))

    problems, warnings = [], []
    raw = {v: {"rounds": []} for v in VARIANTS}
    op_keys = []
    facts = console_facts([os.path.join(a.dir, run["log"]) for run in runs])
    for run in runs:
        v, r, kind = run["variant"], int(run["round"]), run["kind"]
        path = os.path.join(a.dir, run["log"])
        f, name = facts[path], os.path.basename(path)
        fig, ops, banner = f["figures"], f["ops"], f["banner"]
        entry = next((e for e in raw[v]["rounds"] if e["round"] == r), None)
        if entry is None:
            entry = {"round": r}
            raw[v]["rounds"].append(entry)
        if run["exit"] != "0":
            problems.append(f"{run['log']}: QEMU exit status {run['exit']} (124 = timeout)")
        if kind == "slab":
            problems += bench_problems(name, f, module=False)
            entry["slab1_kB"] = fig.get("slab_kB")
            if (v == "nokasan") == bool(banner):
                problems.append(f"{run['log']}: KASAN banner {'present' if banner else 'missing'}")
        elif kind == "bench-nost":
            problems += bench_problems(name, f)
            entry["nost"] = dict(fig, ops=ops)
            if not banner or "stacktrace=off" not in banner:
                problems.append(f"{run['log']}: no '{BANNER}' banner with stacktrace=off")
        elif kind == "bench":
            problems += bench_problems(name, f)
            entry.update(fig)
            entry["ops"] = ops
            entry["wall_s"] = float(run["wall_s"])
            entry["banner"] = banner
            if v == "nokasan":
                # No stacks to capture either way: the baseline of the stacktrace=off rows too.
                entry["nost"] = dict(fig, ops=ops)
            for k in ops:
                if k not in op_keys:
                    op_keys.append(k)
            if v == "nokasan" and banner:
                problems.append(f"{run['log']}: the nokasan kernel printed a KASAN banner: {banner}")
            if v != "nokasan" and not banner:
                problems.append(f"{run['log']}: no '{BANNER}' banner")
        else:
            dur, busy, summary = f["kunit_ms"], f["kunit_nowait_ms"], f["kunit_summary"]
            if kind == "kunit-extra":
                entry.setdefault("extra_kunit_ms", []).append(dur)
                entry.setdefault("extra_kunit_nowait_ms", []).append(busy)
            else:
                entry["kunit_ms"] = dur
                entry["kunit_nowait_ms"] = busy
            entry["kunit_summary"] = summary
            entry["kunit_wall_s"] = float(run["wall_s"])
            if dur is None or summary is None:
                problems.append(f"{run['log']}: the KUnit kasan suite did not complete")
            elif not summary.startswith("pass:60 fail:0"):
                # HW_TAGS picks 1 of 14 tags at random: a test now and then misses its fault
                # (README, "PASS after rerun"). The duration is still a measurement.
                warnings.append(f"{run['log']}: kasan suite {summary} (expected pass:60 fail:0 skip:12)")
            if not banner:
                problems.append(f"{run['log']}: no '{BANNER}' banner")
    if not a.symbols_ok:
        problems.append("check-symbols.sh failed for c or rust (symbols.txt)")

    def series(v, getter):
        return [getter(e) for e in sorted(raw[v]["rounds"], key=lambda e: e["round"])]

    def series_all(v, key):
        """`key` of every boot of `v` that measured it: the round's boot and its extra boots."""
        out = []
        for e in sorted(raw[v]["rounds"], key=lambda e: e["round"]):
            out += [e.get(key)] + e.get(f"extra_{key}", [])
        return out

    figures = []  # (key, label, unit, getter, variants)
    figures.append(("boot", "boot to `Freeing unused kernel memory`", "ms", lambda e: e.get("boot_ms"), VARIANTS))
    figures.append(("slab", "Slab: after boot, -smp 1", "kB", lambda e: e.get("slab1_kB"), VARIANTS))
    figures.append(("slab2", "Slab: after boot, -smp 2", "kB", lambda e: e.get("slab_kB"), VARIANTS))
    figures.append(("reserved", "memory reserved at boot (`Memory:` line)", "kB", lambda e: e.get("reserved_kB"),
                    VARIANTS))
    figures.append(("kunit", "KUnit kasan suite", "ms", lambda e: e.get("kunit_ms"), KASANS))
    figures.append(("kunit_nowait", "KUnit kasan suite without its 3 grace-period waits", "ms",
                    lambda e: e.get("kunit_nowait_ms"), KASANS))
    figures.append(("module", "bench module, whole run", "ms", lambda e: e.get("module_ms"), VARIANTS))
    for k in op_keys:
        op, size = k.rsplit("-", 1)
        size = int(size)
        if op == "pages":
            label = f"alloc_pages order {size.bit_length() - 13}"
        elif op == "kmem_cache":
            label = f"kmem_cache_alloc/free {size} B"
        else:
            label = f"{op} {size if size < 1024 else str(size // 1024) + 'K'}"
        figures.append((k, label + " + free" if op != "kmem_cache" else label, "ns/op",
                        (lambda kk: lambda e: e.get("ops", {}).get(kk, {}).get("ns_per_op"))(k), VARIANTS))
    # kasan.stacktrace=off: c and rust from their bench-nost boots, nokasan from its bench boot.
    def nost(get):
        return lambda e: get(e.get("nost", {}))
    figures.append(("nost:boot", "stacktrace=off: boot to `Freeing unused kernel memory`", "ms",
                    nost(lambda e: e.get("boot_ms")), VARIANTS))
    for k in op_keys:
        figures.append((f"nost:{k}", None, "ns/op",
                        (lambda kk: nost(lambda e: e.get("ops", {}).get(kk, {}).get("ns_per_op")))(k), VARIANTS))
    figures.append(("wall", "wall time per bench boot (host)", "s", lambda e: e.get("wall_s"), VARIANTS))
    figures.append(("kunit_wall", "wall time per KUnit boot (host)", "s", lambda e: e.get("kunit_wall_s"), KASANS))

    labels = {k: l for k, l, _, _, _ in figures if l is not None}
    figures = [(k, l if l is not None else "stacktrace=off: " + labels[k.split(":", 1)[1]], u, g, vs)
               for k, l, u, g, vs in figures]
    summary, md_rows, chart = {}, [], []
    all_boots = {"kunit": "kunit_ms", "kunit_nowait": "kunit_nowait_ms"}
    for key, label, unit, get, vs in figures:
        if key in all_boots:
            st = {v: stats(series_all(v, all_boots[key])) if v in vs else None for v in VARIANTS}
        else:
            st = {v: stats(series(v, get)) if v in vs else None for v in VARIANTS}
        r = {"c/nokasan": ratio(st["c"], st["nokasan"]), "rust/nokasan": ratio(st["rust"], st["nokasan"]),
             "rust/c": ratio(st["rust"], st["c"]), "cost rust/c": cost_ratio(st)}
        summary[key] = {"label": label, "unit": unit, "stats": st, "ratios": r}
        md_rows.append(f"| {label} ({unit}) | {cell(st['nokasan'])} | {cell(st['c'])} | {cell(st['rust'])} | "
                       f"{rfmt(r['c/nokasan'])} | {rfmt(r['rust/nokasan'])} | {rfmt(r['rust/c'])} |")
        if key not in ("module", "wall", "kunit_wall", "kunit", "kunit_nowait", "slab2") and not key.startswith("nost:"):
            chart.append((label, r["c/nokasan"], r["rust/nokasan"]))

    # Allocation and free separately (medians), for locating a difference.
    split_rows = []
    for k in op_keys:
        cells = []
        for part in ("alloc_ns", "free_ns"):
            st = {v: stats(series(v, lambda e, kk=k, p=part: e.get("ops", {}).get(kk, {}).get(p))) for v in VARIANTS}
            cells += [fmt(st[v]["median"]) if st[v] else "-" for v in VARIANTS] + [rfmt(ratio(st["rust"], st["c"]))]
        split_rows.append(f"| {summary[k]['label']} | " + " | ".join(cells) + " |")

    n_boots = (summary["kunit"]["stats"]["rust"] or {}).get("n", 0)
    # The gate: no allocator figure, stack traces on or off, where rust costs more than c. The
    # figures are guest instruction counts (-icount), the same on every boot of a seed.
    rc_ops = [(summary[k]["label"], summary[k]["ratios"]["rust/c"]) for k in op_keys + [f"nost:{k}" for k in op_keys]]
    slower = [(l, r) for l, r in rc_ops if r is not None and r > 1.0]
    for l, r in slower:
        problems.append(f"rust/c {r:.3f} > 1.000: {l}")
    ok = not problems
    cost_rows = [f"| {summary[k]['label']} | {rfmt(summary[k]['ratios']['cost rust/c'])} |"
                 for k, *_ in figures if summary[k]["ratios"]["cost rust/c"] is not None
                 and summary[k]["unit"] in ("ns/op", "ms") and not k.startswith("kunit") and k != "module"]
    md = []
    family = "" if a.family == "min" else f", config family {a.family}"
    md.append(f"# make bench: nokasan vs c vs rust ({a.rounds} round(s){family})\n")
    md.append(f"Verdict: **{'PASS' if ok else 'FAIL'}** (honesty checks: KASAN banner on c and rust and none on "
              f"nokasan, check-symbols.sh c and rust, no KASAN report / crash / warning in any measurement boot, "
              f"bench module completed).")
    if a.total_seconds is not None:
        md.append(f"Run time: {a.total_seconds} s.")
    md.append("")
    md.append("QEMU: `qemu-system-aarch64 -M virt,mte=on -cpu max -smp 2 -m 1G -seed ROUND -icount shift=0,sleep=off`: "
              "guest time advances 1 ns per guest instruction, so ms and ns/op below are guest-instruction counts "
              "(timer interrupts included), not host time; wall times are host seconds. "
              "Cells: median (min-max) over rounds; ratios are of medians. Slab memory is read once "
              "per round in a boot with one CPU, where it is the same on every boot (with two, per-CPU slabs make "
              "it move by whole slabs from seed to seed on every variant, nokasan included: the -smp 2 row). "
              f"The KUnit suite is the median of {n_boots} boots per variant (other seeds): its waits for RCU "
              "grace periods end on 4 ms timer ticks (rcu_uaf, kmem_cache_oob, kmem_cache_invalid_free: 10-37 ms "
              "each, on c and rust alike; run alone they take no longer on rust): the row without them "
              "compares the rest of the suite.\n")
    md.append("| figure | nokasan | c | rust | c/nokasan | rust/nokasan | rust/c |")
    md.append("|---|---:|---:|---:|---:|---:|---:|")
    md += md_rows
    md.append("")
    md.append("KASAN cost (variant - nokasan), rust/c: what each implementation adds over the kernel "
              "without KASAN, rust's share of c's (medians):\n")
    md.append("| figure | cost rust/c |")
    md.append("|---|---:|")
    md += cost_rows
    md.append("")
    md.append("Allocation and free separately (medians, ns per call):\n")
    md.append("| operation | alloc nokasan | alloc c | alloc rust | alloc rust/c | free nokasan | free c | free rust | free rust/c |")
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    md += split_rows
    md.append("")
    b, s = summary["boot"]["ratios"], summary["slab"]["ratios"]
    md.append("Next to the upstream series' figures (under emulation; HW_TAGS / clean): "
              f"boot {SEED['boot'][1] / SEED['boot'][0]:.2f}x, slab {SEED['slab'][1] / SEED['slab'][0]:.2f}x. "
              f"Here: boot c {rfmt(b['c/nokasan'])}x, rust {rfmt(b['rust/nokasan'])}x; "
              f"slab c {rfmt(s['c/nokasan'])}x, rust {rfmt(s['rust/nokasan'])}x.\n")
    if slower:
        md.append("Operations where rust is slower than c (rust/c > 1.000; the run FAILS): " +
                  ", ".join(f"{l} {r:.3f}" for l, r in slower) + ".\n")
    else:
        md.append("rust is not slower than c on any operation, stack traces on or off.\n")
    if warnings:
        md.append("Warnings:\n")
        md += [f"- {w}" for w in warnings]
        md.append("")
    if problems:
        md.append("Problems (the run FAILS):\n")
        md += [f"- {p}" for p in problems]
        md.append("")
    md.append("Raw per-round figures: results.json; consoles: logs/; chart: ratios.svg.")

    with open(os.path.join(a.dir, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    with open(os.path.join(a.dir, "results.json"), "w") as f:
        json.dump({"schema": "kasan-rs.bench/1", "rounds": a.rounds, "total_seconds": a.total_seconds,
                   "verdict": "PASS" if ok else "FAIL", "problems": problems, "warnings": warnings,
                   "symbols_ok": bool(a.symbols_ok), "raw": raw, "summary": summary}, f, indent=1)
    svg_chart(chart, os.path.join(a.dir, "ratios.svg"))
    for p in problems:
        print(f"bench: FAIL: {p}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
