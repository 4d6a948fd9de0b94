#!/usr/bin/env bash
# Filter benchmark on three corpora side by side, in one run on one machine: for each of synthetic,
# real and adversarial (bench/corpus/make-corpora.sh DIR), ripgrep on the decompressed text,
# `tiergate filter --tag-only` (scan and tag), `tiergate filter` (filter and rewrite, zstd level 3)
# and the zstd CLI's own round trip of the same files with no filtering (the ceiling for a rewrite),
# each under /usr/bin/time for its peak resident memory. ROUNDS rounds (default 3) interleave the
# corpora and the tools, so a noisy spell on this shared machine hits all of them; the table shows
# medians, and the ratios are of medians measured in the same run.
# ripgrep with -i and 5,000 literals can be very slow on varied text (its DFA cache thrashes); RG_BYTES=N
# runs it on the first N bytes of each decompressed corpus (cut at a line end) and compares speeds (MB/s).
# usage: bench/corpus/run.sh DIR   [ROUNDS=3] [CORPORA="synthetic real adversarial"] [THREADS=nproc] [RG_BYTES=all] [HOST=tiergate]
set -euo pipefail
DIR=${1:?usage: run.sh DIR (made by make-corpora.sh)}
ROUNDS=${ROUNDS:-3}
CORPORA=${CORPORA:-synthetic real adversarial}
THREADS=${THREADS:-$(nproc)}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
command -v rg >/dev/null || { echo "ripgrep missing (apt-get install -y ripgrep)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing (apt-get install -y time)" >&2; exit 1; }
# zstd goes through the native libzstd when present (Debian: apt-get install -y libzstd1), else the slower managed ZstdSharp.
[ -e /usr/lib/x86_64-linux-gnu/libzstd.so.1 ] || echo "warning: libzstd.so.1 not found (apt-get install -y libzstd1); tiergate falls back to managed zstd" >&2
# HOST=path/to/tiergate runs a build made elsewhere (e.g. a copy, so a rebuild cannot change it mid-run).
[ -n "${HOST:-}" ] || dotnet build -c Release -v q "$ROOT/src/Tiergate" >/dev/null
HOST=${HOST:-"$ROOT/src/Tiergate/bin/Release/net10.0/tiergate"}
# Workstation GC, as the filter-only test host these figures were first measured with ran
# (the `tiergate` executable asks for server GC, which suits the gateway).
export DOTNET_gcServer=0
TERMS_TSV="$DIR/synthetic/terms.tsv"
TERMS_TXT="$DIR/synthetic/terms.txt"
inputs() { case $1 in synthetic) echo "$DIR/synthetic/corpus.jsonl.zst" ;; *) ls "$DIR/$1"/*.jsonl.zst ;; esac; }
RESULTS="$DIR/results.tsv"
: > "$RESULTS"
for c in $CORPORA; do
  # ripgrep reads the decompressed text (one file per corpus); tiergate and zstd read the zstd files.
  [ -f "$DIR/$c.jsonl" ] || zstd -q -d -c $(inputs "$c") > "$DIR/$c.jsonl"
  if [ -n "${RG_BYTES:-}" ]; then
    head -c "$RG_BYTES" "$DIR/$c.jsonl" | python3 -c "import sys; b=sys.stdin.buffer.read(); sys.stdout.buffer.write(b[:b.rfind(b'\\n')+1])" > "$DIR/$c.rg.jsonl"
  else
    ln -sf "$c.jsonl" "$DIR/$c.rg.jsonl"
  fi
done
# One measurement: wall seconds and peak RSS (KB) of the command, appended to results.tsv.
measure() {
  local corpus=$1 tool=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$DIR/time.out" "$@" >/dev/null 2>"$DIR/stderr.out" || { cat "$DIR/stderr.out" >&2; exit 1; }
  read -r secs rss < <(tail -1 "$DIR/time.out")
  printf '%s\t%s\t%s\t%s\n' "$corpus" "$tool" "$secs" "$rss" >> "$RESULTS"
}
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $ROUNDS rounds"
for r in $(seq 1 "$ROUNDS"); do
  for c in $CORPORA; do
    cat "$DIR/$c.rg.jsonl" > /dev/null  # page cache warm for ripgrep
    measure "$c" rg rg -c -F -i -f "$TERMS_TXT" "$DIR/$c.rg.jsonl"
    rm -rf "$DIR/out-$c-tag"
    measure "$c" tag "$HOST" filter --input $(inputs "$c") --output "$DIR/out-$c-tag" --blocklist "$TERMS_TSV" --min-terms 2 --threads "$THREADS" --tag-only
    rm -rf "$DIR/out-$c-filter"
    measure "$c" filter "$HOST" filter --input $(inputs "$c") --output "$DIR/out-$c-filter" --blocklist "$TERMS_TSV" --min-terms 2 --threads "$THREADS"
    measure "$c" zstd bash -c "zstd -q -d -c $(inputs "$c" | tr '\n' ' ') | zstd -q -3 -T$THREADS -f -o '$DIR/zstd-pipe.zst'"
    rm -f "$DIR/zstd-pipe.zst"
  done
  echo "round $r done, load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
python3 - "$DIR" "$RESULTS" $CORPORA <<'PY'
import json, os, statistics, sys
d, results, corpora = sys.argv[1], sys.argv[2], sys.argv[3:]
runs = {}
for line in open(results):
    c, tool, secs, rss = line.split("\t")
    runs.setdefault((c, tool), []).append((float(secs), int(rss)))
med = {k: statistics.median(s for s, _ in v) for k, v in runs.items()}
peak = {k: max(m for _, m in v) / 1024 for k, v in runs.items()}
size = {c: os.path.getsize(os.path.join(d, c + ".jsonl")) for c in corpora}
rg_size = {c: os.path.getsize(os.path.join(d, c + ".rg.jsonl")) for c in corpora}
def speed(c, tool): return (rg_size[c] if tool == "rg" else size[c]) / 1e6 / med[(c, tool)]
print(f"\nmedians of {len(next(iter(runs.values())))} interleaved rounds; MB/s of uncompressed JSONL; peak RSS is the largest of the rounds")
if any(rg_size[c] != size[c] for c in corpora):
    print("rg ran on the first " + ", ".join(f"{rg_size[c]/1e6:.0f} MB of {c}" for c in corpora) + " (RG_BYTES); compared by speed")
print(f"{'corpus':<12}{'MB':>7} | {'rg -c -F -i -f':>22} | {'tiergate --tag-only':>24} | {'tiergate filter':>24} | {'zstd -d | zstd -3':>22}")
for c in corpora:
    cells = []
    for tool in ("rg", "tag", "filter", "zstd"):
        s = med[(c, tool)]
        w = 24 if tool in ("tag", "filter") else 22
        cells.append(f"{s:6.2f}s {speed(c, tool):5.1f} MB/s {peak[(c, tool)]:4.0f} MB".rjust(w))
    print(f"{c:<12}{size[c]/1e6:7.0f} | " + " | ".join(cells))
print("\nratios (same run):")
goals = {"real": (3.0, 0.9)}
for c in corpora:
    rg_ratio = speed(c, "tag") / speed(c, "rg")
    zstd_ratio = med[(c, "zstd")] / med[(c, "filter")]
    line = f"  {c:<12} scan-and-tag vs rg {rg_ratio:6.2f}x   filter-and-rewrite vs zstd round trip {zstd_ratio:4.2f}x"
    if c in goals:
        line += f"   (goals >= {goals[c][0]}x and >= {goals[c][1]}x)"
    print(line)
if "synthetic" in corpora:
    syn = size["synthetic"] / med[("synthetic", "tag")]
    for c, goal in (("real", 0.8), ("adversarial", 0.25)):
        if c in corpora:
            print(f"  {c:<12} scan-and-tag speed / synthetic's {size[c] / med[(c, 'tag')] / syn:4.2f}   (goal >= {goal})")
print("\nremovals (filter-and-rewrite, --min-terms 2):")
for c in corpora:
    t = json.load(open(os.path.join(d, f"out-{c}-filter", "report.json")))["totals"]
    line = f"  {c:<12} documents {t['documentsIn']}, kept {t['kept']}, removed {t['removed']}, invalid {t['invalid']}"
    exp = os.path.join(d, c, "expected.json")
    if os.path.exists(exp):
        e = json.load(open(exp))
        want = e.get("removedWithMinTerms2", sum(e.get("plantedPerFile", {}).values()))
        line += f"; planted {want}" + (" (as expected)" if want == t["removed"] else " (DIFFERS)")
    print(line)
PY
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
