#!/usr/bin/env python3
"""Reads hey's text output: one TSV row of name, max req/s, p50/p99 at max load, p50/p99 at 500 req/s, non-200s."""
import re, sys

def read(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    pct = {int(p): float(s) * 1000 for p, s in re.findall(r"\s(\d+)%+ in ([\d.]+) secs", text)}
    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", text)}
    errors = sum(n for c, n in codes.items() if c != 200)
    if "Error distribution:" in text:  # transport errors: "[count]\tmessage"
        errors += sum(int(n) for n in re.findall(r"^\s+\[(\d+)\]\s", text.split("Error distribution:")[1], re.M))
    return rps, pct.get(50, 0), pct.get(99, 0), errors

name, at_max, at_500 = sys.argv[1:4]
rps, p50, p99, e1 = read(at_max)
rps500, q50, q99, e2 = read(at_500)
print(f"{name}\t{rps:.0f}\t{p50:.3f}\t{p99:.3f}\t{rps500:.0f}\t{q50:.3f}\t{q99:.3f}\t{e1 + e2}")
