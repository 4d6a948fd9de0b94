#!/usr/bin/env python3
"""Reads hey's text output: one TSV row of name, max req/s, p50/p99 at max load, p50/p99 at 500 req/s, non-200s, CPU µs per request."""
import re, sys

def read(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    pct = {int(p): float(s) * 1000 for p, s in re.findall(r"\s(\d+)%+ in ([\d.]+) secs", text)}
    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", text)}
    errors = sum(n for c, n in codes.items() if c != 200)
    if "Error distribution:" in text:  # transport errors: "[count]\tmessage"
        errors += sum(int(n) for n in re.findall(r"^\s+\[(\d+)\]\s", text.split("Error distribution:")[1], re.M))
    return rps, pct.get(50, 0), pct.get(99, 0), errors, codes.get(200, 0)

name, at_max, at_500, cpu_ticks, ticks_per_second = sys.argv[1:6]
rps, p50, p99, e1, ok = read(at_max)
rps500, q50, q99, e2, _ = read(at_500)
cpu_us = int(cpu_ticks) * 1e6 / int(ticks_per_second) / max(ok, 1)  # the target process's CPU during the max-load run
print(f"{name}\t{rps:.0f}\t{p50:.3f}\t{p99:.3f}\t{rps500:.0f}\t{q50:.3f}\t{q99:.3f}\t{e1 + e2}\t{cpu_us:.0f}")
