#!/usr/bin/env python3
"""Turns the benchmark's TSV (one row per target and round) into the README table: each figure is
the median over the rounds (errors are summed), with ratios and added latency against direct."""
import statistics
import sys
from collections import defaultdict

fields = ["rps", "p50", "p99", "rps500", "q50", "q99", "errors", "cpu"]
runs = defaultdict(list)
for line in open(sys.argv[1]):
    name, *values = line.rstrip("\n").split("\t")
    runs[name].append(dict(zip(fields, map(float, values))))
rows = {name: {f: (sum if f == "errors" else statistics.median)(r[f] for r in rs) for f in fields} for name, rs in runs.items()}
rounds = max(len(rs) for rs in runs.values())
secs, conns = sys.argv[2], sys.argv[3]
d = rows.get("direct")
print(f"Medians of {rounds} interleaved rounds.")
print()
print(f"| target | max req/s ({conns} conns, {secs}s) | CPU µs / request | p50 / p99 ms at max | at 500 req/s: p50 / p99 ms | added p50 / p99 ms at 500 req/s | non-200 |")
print("|---|---|---|---|---|---|---|")
for name in [n for n in ["direct", "yarp", "tiergate", "tiergate-before-upstream", "tiergate-nomon", "tiergate-normal", "portkey"] if n in rows]:
    r = rows[name]
    added = "-" if name == "direct" or d is None else f"{r['q50'] - d['q50']:+.3f} / {r['q99'] - d['q99']:+.3f}"
    print(f"| {name} | {r['rps']:.0f} | {r['cpu']:.0f} | {r['p50']:.2f} / {r['p99']:.2f} | {r['q50']:.3f} / {r['q99']:.3f} | {added} | {r['errors']:.0f} |")
if "tiergate" in rows and "tiergate-nomon" in rows:
    t, n = rows["tiergate"], rows["tiergate-nomon"]
    print()
    print(f"monitoring on / off throughput: {t['rps'] / n['rps']:.3f}x (goal >= 0.95x); CPU per request {t['cpu'] / n['cpu']:.3f}x")
if not all(k in rows for k in ("direct", "yarp")):
    sys.exit(0)
y, p = rows["yarp"], rows.get("portkey")
for name in [n for n in ["tiergate", "tiergate-before-upstream", "tiergate-normal"] if n in rows]:
    t = rows[name]
    print()
    print(f"{name} / bare YARP throughput: {t['rps'] / y['rps']:.2f}x (goal >= 0.7x); CPU per request {t['cpu'] / y['cpu']:.2f}x YARP's")
    if p is not None:
        print(f"{name} / Portkey throughput:   {t['rps'] / p['rps']:.2f}x (goal >= 2x)")
    print(f"{name} p99 added at 500 req/s: {t['q99'] - d['q99']:.3f} ms (goal <= 2 ms); YARP's {y['q99'] - d['q99']:.3f} ms")
