#!/usr/bin/env python3
"""Turns the benchmark's TSV into the README table, with ratios and added latency against direct."""
import sys

rows = {}
for line in open(sys.argv[1]):
    name, rps, p50, p99, rps500, q50, q99, errors, cpu = line.split("\t")
    rows[name] = dict(rps=float(rps), p50=float(p50), p99=float(p99), rps500=float(rps500), q50=float(q50), q99=float(q99), errors=int(errors), cpu=float(cpu))
secs, conns = sys.argv[2], sys.argv[3]
d = rows["direct"]
print(f"| target | max req/s ({conns} conns, {secs}s) | CPU µs / request | p50 / p99 ms at max | at 500 req/s: p50 / p99 ms | added p50 / p99 ms at 500 req/s | non-200 |")
print("|---|---|---|---|---|---|---|")
for name in [n for n in ["direct", "yarp", "tiergate", "tiergate-normal", "portkey"] if n in rows]:
    r = rows[name]
    added = "-" if name == "direct" else f"{r['q50'] - d['q50']:+.3f} / {r['q99'] - d['q99']:+.3f}"
    print(f"| {name} | {r['rps']:.0f} | {r['cpu']:.0f} | {r['p50']:.2f} / {r['p99']:.2f} | {r['q50']:.3f} / {r['q99']:.3f} | {added} | {r['errors']} |")
y, p = rows["yarp"], rows["portkey"]
for name in [n for n in ["tiergate", "tiergate-normal"] if n in rows]:
    t = rows[name]
    print()
    print(f"{name} / bare YARP throughput: {t['rps'] / y['rps']:.2f}x (goal >= 0.7x); CPU per request {t['cpu'] / y['cpu']:.2f}x YARP's")
    print(f"{name} / Portkey throughput:   {t['rps'] / p['rps']:.2f}x (goal >= 2x)")
    print(f"{name} p99 added at 500 req/s: {t['q99'] - d['q99']:.3f} ms (goal <= 2 ms)")
