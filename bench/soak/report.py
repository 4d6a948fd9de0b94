#!/usr/bin/env python3
"""Summarises a soak run: hey's per-request CSV and the resource samples (see run.sh)."""
import csv
import sys


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def main():
    requests_csv, samples_tsv, max_rate, rate, duration = sys.argv[1:6]
    threads_tsv = sys.argv[6] if len(sys.argv) > 6 else None
    latencies, errors, statuses = [], 0, {}
    slow = []
    with open(requests_csv, newline="") as f:
        for row in csv.DictReader(f):
            seconds = float(row["response-time"])
            status = row.get("status-code", "")
            statuses[status] = statuses.get(status, 0) + 1
            if status != "200":
                errors += 1
            latencies.append(seconds * 1000)
            if seconds >= 0.1:
                slow.append((float(row.get("offset", 0)), seconds * 1000))
    latencies.sort()
    n = len(latencies)
    print(f"soak: {duration} at {rate} req/s (measured max {max_rate} req/s), {n} requests")
    counts = ", ".join("%s: %d" % (k or "transport", v) for k, v in sorted(statuses.items()))
    print(f"errors: {errors} ({counts})")
    for p in (50, 99, 99.9, 99.99):
        print(f"p{p}: {percentile(latencies, p):.1f} ms")
    print(f"max: {latencies[-1] if n else float('nan'):.1f} ms")
    if n:
        p50 = percentile(latencies, 50)
        p999 = percentile(latencies, 99.9)
        print(f"p99.9 / p50 = {p999 / p50:.1f} (goal <= 10)")
    slowest = sorted(slow, key=lambda s: -s[1])[:20]
    where = ", ".join("%.0f s (%.0f ms)" % (o, ms) for o, ms in sorted(slowest))
    print(f"requests >= 100 ms: {len(slow)}" + (f"; the slowest 20 at (offset into the run): {where}" if slow else ""))

    if threads_tsv:
        report_threads(threads_tsv, slow)

    rows = list(csv.DictReader(open(samples_tsv), delimiter="\t"))
    if rows:
        first, last = rows[0], rows[-1]
        # Memory after warm-up: the sample nearest one minute in (or the first).
        warm = next((r for r in rows if int(r["seconds"]) >= 60), first)
        rss0, rss_w, rss1 = int(first["rss_kb"]), int(warm["rss_kb"]), int(last["rss_kb"])
        print(f"RSS: start {rss0 / 1024:.0f} MB, after warm-up {rss_w / 1024:.0f} MB, end {rss1 / 1024:.0f} MB "
              f"({(rss1 - rss_w) * 100.0 / max(rss_w, 1):+.1f}% since warm-up; goal <= 10%)")
        print("seconds  rss_MB  db_MB  wal_MB  archives_MB")
        step = max(1, len(rows) // 20)
        for r in rows[::step] + ([rows[-1]] if (len(rows) - 1) % step else []):
            print(f"{int(r['seconds']):7d}  {int(r['rss_kb']) / 1024:6.0f}  {int(r['db_bytes']) / 1e6:5.1f}  "
                  f"{int(r['wal_bytes']) / 1e6:6.1f}  {int(r['archives_bytes']) / 1e6:11.1f}")


def report_threads(threads_tsv, slow):
    """Thread count over the run, and around each stall (slow requests ending within a second of each other)."""
    rows = [(float(r["seconds"]), int(r["threads"])) for r in csv.DictReader(open(threads_tsv), delimiter="\t") if r["threads"]]
    if not rows:
        return
    counts = [t for _, t in rows]
    print(f"threads: start {counts[0]}, min {min(counts)}, max {max(counts)}, end {counts[-1]}")
    # The thread sampler starts with the load, so offsets line up within about a second.
    stalls = []
    for offset, ms in sorted(slow):
        end = offset + ms / 1000
        if stalls and end - stalls[-1][1] <= 1.0:
            stalls[-1] = (stalls[-1][0], end, stalls[-1][2] + 1, max(stalls[-1][3], ms))
        else:
            stalls.append((offset, end, 1, ms))
    for start, end, n, worst in stalls[:15]:
        before = [t for s, t in rows if s <= start]
        after = [t for s, t in rows if s >= end + 1]
        print(f"  stall {start:.0f}-{end:.1f} s: {n} requests >= 100 ms, worst {worst:.0f} ms; threads "
              f"{before[-1] if before else '?'} before, {after[0] if after else '?'} after")


if __name__ == "__main__":
    main()
